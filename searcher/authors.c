/* authors — vote aggregation for researcher ranking, and researcher
 * profiles. Reads the docauth table for the voting papers, the author
 * tables for names, and stored records for display. */
#include "authors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cursor.h"
#include "err.h"
#include "mem.h"
#include "names.h"
#include "record.h"
#include "store.h"
#include "strmap.h"
#include "suggest.h"

#define BOLD "\033[1m"
#define PLAIN "\033[0m"

static const char *const agg_names[] = {"model2", "combsum", "combmnz", "expcombmnz", "rr", "votes"};
static const char *const credit_names[] = {"equal", "split", "position"};

int au_agg_parse(const char *s)
{
	for (size_t i = 0; i < sizeof agg_names / sizeof *agg_names; i++)
		if (strcmp(s, agg_names[i]) == 0)
			return (int)i;
	return -1;
}

int au_credit_parse(const char *s)
{
	for (size_t i = 0; i < sizeof credit_names / sizeof *credit_names; i++)
		if (strcmp(s, credit_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *au_agg_name(au_agg a) { return agg_names[a]; }
const char *au_credit_name(au_credit c) { return credit_names[c]; }

static double credit_of(au_credit c, size_t pos, size_t n)
{
	switch (c) {
	case AU_SPLIT:
		return 1.0 / (double)n;
	case AU_POSITION:
		return pos == 0 ? 1.0 : pos + 1 == n ? 0.75 : 0.5;
	default:
		return 1.0;
	}
}

/* authorid -> row index, open addressing. */
typedef struct idmap {
	uint32_t *key, *val;
	size_t cap, n;
} idmap;

static void idmap_init(idmap *m, size_t expect)
{
	m->cap = 64;
	while (m->cap < expect * 2)
		m->cap *= 2;
	m->key = mem_calloc(m->cap, sizeof *m->key);
	m->val = mem_calloc(m->cap, sizeof *m->val);
	m->n = 0;
}

static void idmap_free(idmap *m)
{
	free(m->key);
	free(m->val);
}

/* Slot of id (author ids are never 0, the empty marker). */
static size_t idmap_slot(const idmap *m, uint32_t id)
{
	size_t i = (id * 2654435761u) & (m->cap - 1);
	while (m->key[i] && m->key[i] != id)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void idmap_grow(idmap *m)
{
	idmap bigger;
	bigger.cap = m->cap * 2;
	bigger.key = mem_calloc(bigger.cap, sizeof *bigger.key);
	bigger.val = mem_calloc(bigger.cap, sizeof *bigger.val);
	bigger.n = m->n;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->key[i])
			continue;
		size_t j = idmap_slot(&bigger, m->key[i]);
		bigger.key[j] = m->key[i];
		bigger.val[j] = m->val[i];
	}
	idmap_free(m);
	*m = bigger;
}

/* Best score first; on a tie (a query of filters only scores every paper
 * 0) more matching papers first, then author id, so output is stable. */
static int cmp_rows(const void *a, const void *b)
{
	const au_row *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->npapers != y->npapers)
		return x->npapers > y->npapers ? -1 : 1;
	return (x->authorid > y->authorid) - (x->authorid < y->authorid);
}

static void row_swap(au_row *a, au_row *b)
{
	au_row t = *a;
	*a = *b;
	*b = t;
}

/* Restores the heap below i in h[0..n): the worst row on top. */
static void worst_down(au_row *h, size_t n, size_t i)
{
	for (;;) {
		size_t w = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp_rows(&h[l], &h[w]) > 0)
			w = l;
		if (r < n && cmp_rows(&h[r], &h[w]) > 0)
			w = r;
		if (w == i)
			return;
		row_swap(&h[i], &h[w]);
		i = w;
	}
}

/* Moves the best k of rows[0..n) to the front, best first. Depth 1000
 * brings thousands of authors for ten answers: a k-heap instead of
 * sorting them all. */
static void best_rows(au_row *rows, size_t n, size_t k)
{
	if (k < n) {
		for (size_t i = k / 2; i-- > 0;)
			worst_down(rows, k, i);
		for (size_t i = k; i < n && k; i++) {
			if (cmp_rows(&rows[i], &rows[0]) < 0) {
				row_swap(&rows[i], &rows[0]);
				worst_down(rows, k, 0);
			}
		}
		n = k;
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, cmp_rows);
}

/* Papers of an author in the whole index (Model 2's normalization). */
static int author_papers(eng_index *e, uint32_t authorid, uint32_t *n)
{
	const char *key;
	size_t kn;
	store_author a;
	int rc = store_authorid_key(eng_txn(e), authorid, &key, &kn);
	if (!rc)
		rc = store_author_get(eng_txn(e), key, kn, &a);
	if (!rc)
		*n = a.npapers ? a.npapers : 1;
	return rc;
}

/* The author ids of docid, in the paper's order, into *ids (grown to fit:
 * a paper may list hundreds of authors, BIG-bench 450); none for a paper
 * without authors. */
static int paper_authors(eng_index *e, uint32_t docid, uint32_t **ids, size_t *cap, size_t *n)
{
	int rc = store_docauth_get(eng_txn(e), docid, *ids, *cap, n);
	if (rc == PDX_ENOTFOUND) {
		*n = 0;
		return 0;
	}
	if (rc || *n <= *cap)
		return rc;
	*ids = mem_grow(*ids, cap, *n, sizeof **ids);
	return store_docauth_get(eng_txn(e), docid, *ids, *cap, n);
}

int au_rank(eng_index *e, const qp_query *q, size_t depth, size_t k, au_agg agg,
	    au_credit credit, au_ranking *out)
{
	memset(out, 0, sizeof *out);
	eng_result res;
	int rc = eng_search(e, q, depth, ENG_AUTO, &res);
	if (rc) {
		eng_result_free(&res);
		return rc;
	}
	idmap map;
	idmap_init(&map, res.n * 4 + 16);
	au_row *rows = NULL;
	size_t nrows = 0, caprows = 0, capauth = 0;
	double smax = res.n ? res.hits[0].score : 0;
	out->docids = mem_alloc((res.n + 1) * sizeof *out->docids);
	out->off = mem_alloc((res.n + 1) * sizeof *out->off);
	out->scores = mem_alloc((res.n + 1) * sizeof *out->scores);
	out->off[0] = 0;
	uint32_t *ids = NULL;
	size_t capids = 0;
	for (size_t i = 0; i < res.n; i++)
		store_docauth_prefetch(eng_txn(e), res.hits[i].docid);
	for (size_t i = 0; i < res.n; i++) {
		uint32_t d = res.hits[i].docid;
		double s = res.hits[i].score;
		size_t na;
		if ((rc = paper_authors(e, d, &ids, &capids, &na)))
			goto done;
		out->docids[i] = d;
		out->scores[i] = s;
		out->auth = mem_grow(out->auth, &capauth, out->off[i] + na + 1, sizeof *out->auth);
		if (na)
			memcpy(out->auth + out->off[i], ids, na * sizeof *ids);
		out->off[i + 1] = out->off[i] + (uint32_t)na;
		for (size_t j = 0; j < na; j++) {
			if ((map.n + 1) * 2 > map.cap)
				idmap_grow(&map);
			size_t slot = idmap_slot(&map, ids[j]);
			if (!map.key[slot]) {
				map.key[slot] = ids[j];
				map.val[slot] = (uint32_t)nrows;
				map.n++;
				rows = mem_grow(rows, &caprows, nrows + 1, sizeof *rows);
				memset(&rows[nrows], 0, sizeof *rows);
				rows[nrows++].authorid = ids[j];
			}
			au_row *r = &rows[map.val[slot]];
			double c = credit_of(credit, j, na);
			switch (agg) {
			case AU_MODEL2:
			case AU_EXPCOMBMNZ: r->score += c * exp(s - smax); break;
			case AU_COMBSUM:
			case AU_COMBMNZ: r->score += c * s; break;
			case AU_RR: r->score += c / (double)(i + 1); break;
			case AU_VOTES: r->score += c; break;
			}
			if (r->ntop < AU_TOP_PAPERS) {
				r->top[r->ntop] = d;
				r->top_score[r->ntop++] = s;
			}
			r->npapers++;
		}
	}
	out->papers = res.n;
	for (size_t i = 0; i < nrows; i++) {
		au_row *r = &rows[i];
		if (agg == AU_COMBMNZ || agg == AU_EXPCOMBMNZ) {
			r->score *= r->npapers;
		} else if (agg == AU_MODEL2) {
			uint32_t total;
			if ((rc = author_papers(e, r->authorid, &total)))
				goto done;
			r->score /= total;
		}
	}
	best_rows(rows, nrows, k);
	out->rows = rows;
	out->n = nrows < k ? nrows : k;
	rows = NULL;
done:
	free(rows);
	free(ids);
	idmap_free(&map);
	eng_result_free(&res);
	if (rc)
		au_ranking_free(out);
	return rc;
}

void au_ranking_free(au_ranking *r)
{
	free(r->rows);
	free(r->docids);
	free(r->off);
	free(r->auth);
	free(r->scores);
	memset(r, 0, sizeof *r);
}

int au_name(eng_index *e, uint32_t authorid, buf *name, buf *key)
{
	const char *k;
	size_t kn;
	store_author a;
	int rc = store_authorid_key(eng_txn(e), authorid, &k, &kn);
	if (!rc)
		rc = store_author_get(eng_txn(e), k, kn, &a);
	if (rc)
		return rc;
	if (name) {
		buf_clear(name);
		buf_put(name, a.name, a.name_len);
	}
	if (key) {
		buf_clear(key);
		buf_put(key, k, kn);
	}
	return 0;
}

static int load_record(eng_index *e, uint32_t docid, rec_paper *rec)
{
	const void *data;
	size_t n;
	int rc = store_doc_get(eng_txn(e), docid, &data, &n);
	if (!rc)
		rc = rec_decode(data, n, rec);
	return rc;
}

/* Counted strings (co-authors, categories, venues, topics). */
typedef struct tally {
	strmap *map;
	char **s;
	double *count;
	size_t n, cap;
} tally;

static void tally_init(tally *t)
{
	memset(t, 0, sizeof *t);
	t->map = strmap_new();
}

static void tally_add(tally *t, const char *s, double by)
{
	size_t at;
	if (strmap_get(t->map, s, &at)) {
		t->count[at] += by;
		return;
	}
	t->s = mem_grow(t->s, &t->cap, t->n + 1, sizeof *t->s);
	t->count = mem_realloc(t->count, t->cap * sizeof *t->count);
	t->s[t->n] = mem_strdup(s);
	t->count[t->n] = by;
	strmap_put(t->map, t->s[t->n], t->n, NULL);
	t->n++;
}

static void tally_free(tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	free(t->count);
	strmap_free(t->map);
}

/* Indexes of t sorted by count (desc), then string. */
static const tally *sort_ctx;
static int cmp_tally(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	if (sort_ctx->count[x] != sort_ctx->count[y])
		return sort_ctx->count[x] > sort_ctx->count[y] ? -1 : 1;
	return strcmp(sort_ctx->s[x], sort_ctx->s[y]);
}

static size_t *tally_order(const tally *t)
{
	size_t *o = mem_alloc((t->n + 1) * sizeof *o);
	for (size_t i = 0; i < t->n; i++)
		o[i] = i;
	sort_ctx = t;
	qsort(o, t->n, sizeof *o, cmp_tally);
	sort_ctx = NULL;
	return o;
}

/* What a ranking row shows besides the score: gathered from the row's
 * matching papers (collaborators, categories, venues) and from all of the
 * author's papers (years). */
typedef struct row_info {
	buf name, key;
	tally coauthors, cats, venues;
	int first_year, last_year;
	uint32_t total_papers;
} row_info;

static int author_years(eng_index *e, const char *key, size_t kn, int *first, int *last, uint32_t *total)
{
	buf term = BUF_INIT;
	store_meta_term(&term, STORE_META_AUTHOR, key, kn);
	store_term st;
	post_cursor *c = NULL;
	rec_paper rec;
	rec_init(&rec);
	int rc = store_term_get(eng_txn(e), (const char *)term.p, term.n, &st);
	if (rc == PDX_ENOTFOUND) {
		rc = 0;
		goto done;
	}
	if (rc || (rc = cur_open(eng_txn(e), &st, &c)))
		goto done;
	for (; c->docid != CUR_END; cur_next(c)) {
		if ((rc = load_record(e, c->docid, &rec)))
			goto done;
		(*total)++;
		if (rec.year > 0 && (!*first || rec.year < *first))
			*first = rec.year;
		if (rec.year > *last)
			*last = rec.year;
		rec_clear(&rec);
	}
	rc = c->err;
done:
	cur_close(c);
	buf_free(&term);
	return rc;
}

static int row_gather(eng_index *e, const au_ranking *r, size_t i, row_info *info)
{
	memset(info, 0, sizeof *info);
	tally_init(&info->coauthors);
	tally_init(&info->cats);
	tally_init(&info->venues);
	const au_row *row = &r->rows[i];
	int rc = au_name(e, row->authorid, &info->name, &info->key);
	if (rc)
		return rc;
	buf name = BUF_INIT;
	rec_paper rec;
	rec_init(&rec);
	for (size_t p = 0; p < r->papers && !rc; p++) {
		int mine = 0;
		for (uint32_t j = r->off[p]; j < r->off[p + 1]; j++)
			mine |= r->auth[j] == row->authorid;
		if (!mine)
			continue;
		for (uint32_t j = r->off[p]; j < r->off[p + 1] && !rc; j++) {
			if (r->auth[j] == row->authorid)
				continue;
			if ((rc = au_name(e, r->auth[j], &name, NULL)))
				break;
			tally_add(&info->coauthors, (const char *)name.p, 1);
		}
		if (rc || (rc = load_record(e, r->docids[p], &rec)))
			break;
		for (size_t c = 0; c < rec.categories.n; c++)
			tally_add(&info->cats, rec.categories.v[c], 1);
		if (rec.venue[0])
			tally_add(&info->venues, rec.venue, 1);
		rec_clear(&rec);
	}
	buf_free(&name);
	if (!rc)
		rc = author_years(e, (const char *)info->key.p, info->key.n, &info->first_year,
				  &info->last_year, &info->total_papers);
	return rc;
}

static void row_info_free(row_info *info)
{
	buf_free(&info->name);
	buf_free(&info->key);
	tally_free(&info->coauthors);
	tally_free(&info->cats);
	tally_free(&info->venues);
}

static void text_tally(buf *out, const char *label, const tally *t, size_t max)
{
	if (!t->n)
		return;
	size_t *o = tally_order(t);
	buf_printf(out, "%s", label);
	for (size_t i = 0; i < t->n && i < max; i++)
		buf_printf(out, "%s%s (%g)", i ? ", " : "", t->s[o[i]], t->count[o[i]]);
	if (t->n > max)
		buf_printf(out, ", +%zu more", t->n - max);
	free(o);
}

typedef int (*paper_fn)(buf *out, const rec_paper *rec, double score, size_t nth);

/* Calls fn for the row's best matching papers, best first, up to
 * AU_SHOW_PAPERS with distinct titles (ignoring case): a paper and its
 * workshop version, or the same paper twice in a corpus, are shown once. */
static int each_top_paper(eng_index *e, const au_row *row, paper_fn fn, buf *out)
{
	rec_paper rec;
	rec_init(&rec);
	char *shown[AU_SHOW_PAPERS];
	size_t nshown = 0;
	int rc = 0;
	for (uint32_t t = 0; t < row->ntop && nshown < AU_SHOW_PAPERS; t++) {
		if ((rc = load_record(e, row->top[t], &rec)))
			break;
		int seen = 0;
		for (size_t j = 0; j < nshown && !seen; j++)
			seen = strcasecmp(shown[j], rec.title) == 0;
		if (!seen) {
			if ((rc = fn(out, &rec, row->top_score[t], nshown)))
				break;
			shown[nshown++] = mem_strdup(rec.title);
		}
		rec_clear(&rec);
	}
	rec_clear(&rec);
	for (size_t j = 0; j < nshown; j++)
		free(shown[j]);
	return rc;
}

static int text_paper(buf *out, const rec_paper *rec, double score, size_t nth)
{
	(void)score;
	(void)nth;
	buf_printf(out, "   %s", rec->title[0] ? rec->title : rec->id);
	if (rec->year > 0)
		buf_printf(out, " (%d)", rec->year);
	buf_putc(out, '\n');
	return 0;
}

static int json_paper(buf *out, const rec_paper *rec, double score, size_t nth)
{
	buf_printf(out, "%s{\"id\":", nth ? "," : "");
	buf_put_json_str(out, rec->id, strlen(rec->id));
	buf_puts(out, ",\"title\":");
	buf_put_json_str(out, rec->title, strlen(rec->title));
	if (rec->year > 0)
		buf_printf(out, ",\"year\":%d", rec->year);
	else
		buf_puts(out, ",\"year\":null");
	buf_printf(out, ",\"score\":%.6f}", score);
	return 0;
}

int au_row_text(eng_index *e, const au_ranking *r, size_t i, int color, buf *out)
{
	row_info info;
	int rc = row_gather(e, r, i, &info);
	if (rc)
		goto done;
	const au_row *row = &r->rows[i];
	buf_printf(out, "%zu. %s%s%s  (%.4g; %u of the top %zu papers)\n", i + 1, color ? BOLD : "",
		   (const char *)info.name.p, color ? PLAIN : "", row->score, row->npapers, r->papers);
	if ((rc = each_top_paper(e, row, text_paper, out)))
		goto done;
	buf_puts(out, "   ");
	size_t mark = out->n;
	text_tally(out, "with ", &info.coauthors, 5);
	if (info.cats.n || info.venues.n) {
		if (out->n > mark)
			buf_puts(out, " · ");
		text_tally(out, "", &info.cats, 4);
		if (info.cats.n && info.venues.n)
			buf_puts(out, " · ");
		text_tally(out, "", &info.venues, 3);
	}
	if (out->n > mark)
		buf_puts(out, " · ");
	if (info.first_year)
		buf_printf(out, "active %d–%d, ", info.first_year, info.last_year);
	buf_printf(out, "%u papers [%s]\n", info.total_papers, (const char *)info.key.p);
done:
	row_info_free(&info);
	return rc;
}

static void json_tally(buf *out, const char *member, const char *field, const tally *t, size_t max)
{
	size_t *o = tally_order(t);
	buf_printf(out, ",\"%s\":[", member);
	for (size_t i = 0; i < t->n && i < max; i++) {
		buf_printf(out, "%s{\"%s\":", i ? "," : "", field);
		buf_put_json_str(out, t->s[o[i]], strlen(t->s[o[i]]));
		buf_printf(out, ",\"papers\":%g}", t->count[o[i]]);
	}
	buf_putc(out, ']');
	free(o);
}

int au_row_json(eng_index *e, const au_ranking *r, size_t i, buf *out)
{
	row_info info;
	int rc = row_gather(e, r, i, &info);
	if (rc)
		goto done;
	const au_row *row = &r->rows[i];
	buf_printf(out, "{\"rank\":%zu,\"score\":%.6g,\"name\":", i + 1, row->score);
	buf_put_json_str(out, (const char *)info.name.p, info.name.n);
	buf_puts(out, ",\"key\":");
	buf_put_json_str(out, (const char *)info.key.p, info.key.n);
	buf_printf(out, ",\"matching_papers\":%u,\"papers\":%u,\"top_papers\":[", row->npapers,
		   info.total_papers);
	if ((rc = each_top_paper(e, row, json_paper, out)))
		goto done;
	buf_putc(out, ']');
	json_tally(out, "collaborators", "name", &info.coauthors, 10);
	json_tally(out, "categories", "category", &info.cats, 10);
	json_tally(out, "venues", "venue", &info.venues, 10);
	if (info.first_year)
		buf_printf(out, ",\"years\":[%d,%d]}\n", info.first_year, info.last_year);
	else
		buf_puts(out, ",\"years\":null}\n");
done:
	row_info_free(&info);
	return rc;
}

/* Profile --------------------------------------------------------------- */

typedef struct paper_ref {
	uint32_t docid;
	int year, month, day;
	char *title;
} paper_ref;

static int cmp_newest(const void *a, const void *b)
{
	const paper_ref *x = a, *y = b;
	if (x->year != y->year)
		return x->year > y->year ? -1 : 1;
	if (x->month != y->month)
		return x->month > y->month ? -1 : 1;
	if (x->day != y->day)
		return x->day > y->day ? -1 : 1;
	int c = strcmp(x->title, y->title);
	return c ? c : (x->docid > y->docid) - (x->docid < y->docid);
}

typedef struct topic_ctx {
	tally *terms;      /* stemmed term -> tf */
	tally *surface;    /* "term\tsurface" -> count, for display */
} topic_ctx;

static int on_topic_token(void *ctx, const an_token *t)
{
	topic_ctx *c = ctx;
	if (t->flags & AN_JOINED || t->len < 3 || (t->term[0] >= '0' && t->term[0] <= '9'))
		return 0;
	tally_add(c->terms, t->term, 1);
	buf b = BUF_INIT;
	buf_put(&b, t->term, t->len);
	buf_putc(&b, '\t');
	buf_put(&b, t->surface, t->surface_len);
	tally_add(c->surface, (const char *)b.p, 1);
	buf_free(&b);
	return 0;
}

/* The most frequent unstemmed form of term among the researcher's words. */
static const char *surface_of(const tally *surface, const char *term)
{
	size_t tn = strlen(term), best = (size_t)-1;
	for (size_t i = 0; i < surface->n; i++) {
		const char *s = surface->s[i];
		if (strncmp(s, term, tn) == 0 && s[tn] == '\t' &&
		    (best == (size_t)-1 || surface->count[i] > surface->count[best]))
			best = i;
	}
	return best == (size_t)-1 ? term : surface->s[best] + tn + 1;
}

/* The last word of a name key. */
static const char *last_word(const char *key, size_t kn, size_t *len)
{
	size_t i = kn;
	while (i > 0 && key[i - 1] != ' ')
		i--;
	*len = kn - i;
	return key + i;
}

void au_suggest(eng_index *e, const char *key, size_t kn, buf *out)
{
	MDB_cursor *mc;
	if (mdb_cursor_open(store_txn_mdb(eng_txn(e)), store_dbi(eng_txn(e), STORE_DB_AUTHORS), &mc))
		return;
	size_t ln;
	const char *last = last_word(key, kn, &ln);
	tally found;
	tally_init(&found);
	MDB_val k, v;
	while (mdb_cursor_get(mc, &k, &v, MDB_NEXT) == 0) {
		const char *ck = k.mv_data;
		size_t cln;
		const char *cl = last_word(ck, k.mv_size, &cln);
		unsigned d = sug_distance(key, kn, ck, k.mv_size, 2);
		int same_last = cln == ln && memcmp(cl, last, ln) == 0;
		if (d > 2 && !same_last)
			continue;
		store_author a;
		if (store_author_get(eng_txn(e), ck, k.mv_size, &a))
			continue;
		buf name = BUF_INIT;
		buf_put(&name, a.name, a.name_len);
		tally_add(&found, (const char *)name.p, (d <= 2 ? 1000 : 0) + a.npapers);
		buf_free(&name);
	}
	mdb_cursor_close(mc);
	if (found.n) {
		size_t *o = tally_order(&found);
		buf_puts(out, "did you mean: ");
		for (size_t i = 0; i < found.n && i < 5; i++)
			buf_printf(out, "%s%s", i ? ", " : "", found.s[o[i]]);
		buf_puts(out, "?\n");
		free(o);
	}
	tally_free(&found);
}

int au_profile(eng_index *e, const char *name, int json, int color, buf *out)
{
	buf key = BUF_INIT, term = BUF_INIT, tmp = BUF_INIT;
	name_key(name, strlen(name), &key);
	store_author a;
	post_cursor *c = NULL;
	paper_ref *papers = NULL;
	size_t np = 0, cap = 0;
	uint32_t *ids = NULL;
	size_t capids = 0, na;
	tally coauthors, cats, venues, years, terms, surface, spellings;
	tally_init(&coauthors);
	tally_init(&cats);
	tally_init(&venues);
	tally_init(&years);
	tally_init(&terms);
	tally_init(&surface);
	tally_init(&spellings);
	rec_paper rec;
	rec_init(&rec);
	int rc = key.n ? store_author_get(eng_txn(e), (const char *)key.p, key.n, &a) : PDX_ENOTFOUND;
	if (rc == PDX_ENOTFOUND) {
		buf_printf(out, "No researcher named \"%s\" in the index; ", name);
		au_suggest(e, (const char *)key.p, key.n, out);
		if (out->n && out->p[out->n - 1] != '\n')
			buf_puts(out, "\n");
		goto done;
	}
	if (rc)
		goto done;
	buf display = BUF_INIT;
	buf_put(&display, a.name, a.name_len);
	store_meta_term(&term, STORE_META_AUTHOR, (const char *)key.p, key.n);
	store_term st;
	if ((rc = store_term_get(eng_txn(e), (const char *)term.p, term.n, &st)) ||
	    (rc = cur_open(eng_txn(e), &st, &c))) {
		buf_free(&display);
		goto done;
	}
	topic_ctx tc = {&terms, &surface};
	for (; c->docid != CUR_END && !rc; cur_next(c)) {
		if ((rc = load_record(e, c->docid, &rec)))
			break;
		papers = mem_grow(papers, &cap, np + 1, sizeof *papers);
		papers[np++] = (paper_ref){c->docid, rec.year, rec.month, rec.day,
					   mem_strdup(rec.title[0] ? rec.title : rec.id)};
		for (size_t i = 0; i < rec.authors.n; i++) {
			buf_clear(&tmp);
			name_key(rec.authors.v[i], strlen(rec.authors.v[i]), &tmp);
			if (tmp.n == key.n && memcmp(tmp.p, key.p, key.n) == 0)
				tally_add(&spellings, rec.authors.v[i], 1);
		}
		/* Co-authors by key, under their usual name: "Csaba Szepesvári"
		 * and "Csaba Szepesvari" are one co-author. */
		if ((rc = paper_authors(e, c->docid, &ids, &capids, &na)))
			break;
		for (size_t i = 0; i < na && !rc; i++)
			if (ids[i] != a.authorid && !(rc = au_name(e, ids[i], &tmp, NULL)))
				tally_add(&coauthors, (const char *)tmp.p, 1);
		for (size_t i = 0; i < rec.categories.n; i++)
			tally_add(&cats, rec.categories.v[i], 1);
		if (rec.venue[0])
			tally_add(&venues, rec.venue, 1);
		if (rec.year > 0) {
			char y[16];
			snprintf(y, sizeof y, "%d", rec.year);
			tally_add(&years, y, 1);
		}
		an_analyze(eng_analyzer(e), rec.title, strlen(rec.title), on_topic_token, &tc);
		an_analyze(eng_analyzer(e), rec.abstract, strlen(rec.abstract), on_topic_token, &tc);
		rec_clear(&rec);
	}
	if (!rc)
		rc = c->err;
	if (rc) {
		buf_free(&display);
		goto done;
	}
	/* Distinctive terms: summed tf x idf against the whole index. */
	double n = (double)eng_stats(e)->ndocs;
	for (size_t i = 0; i < terms.n; i++) {
		store_term ts;
		double df = store_term_get(eng_txn(e), terms.s[i], strlen(terms.s[i]), &ts) == 0 ? ts.df : 1;
		terms.count[i] *= bm25_idf(n, df);
	}
	if (np > 1)
		qsort(papers, np, sizeof *papers, cmp_newest);
	size_t *ot = tally_order(&terms), *oc = tally_order(&coauthors);
	size_t *ocat = tally_order(&cats), *ov = tally_order(&venues), *os = tally_order(&spellings);
	int first = 0, last = 0;
	for (size_t i = 0; i < years.n; i++) {
		int y = atoi(years.s[i]);
		if (!first || y < first)
			first = y;
		if (y > last)
			last = y;
	}
	if (json) {
		buf_puts(out, "{\"name\":");
		buf_put_json_str(out, (const char *)display.p, display.n);
		buf_puts(out, ",\"key\":");
		buf_put_json_str(out, (const char *)key.p, key.n);
		buf_printf(out, ",\"papers\":%zu", np);
		if (first)
			buf_printf(out, ",\"years\":[%d,%d]", first, last);
		else
			buf_puts(out, ",\"years\":null");
		buf_puts(out, ",\"spellings\":[");
		for (size_t i = 0; i < spellings.n; i++) {
			buf_puts(out, i ? "," : "");
			buf_put_json_str(out, spellings.s[os[i]], strlen(spellings.s[os[i]]));
		}
		buf_puts(out, "],\"topics\":[");
		for (size_t i = 0; i < terms.n && i < 10; i++) {
			const char *sf = surface_of(&surface, terms.s[ot[i]]);
			buf_puts(out, i ? "," : "");
			buf_put_json_str(out, sf, strlen(sf));
		}
		buf_putc(out, ']');
		json_tally(out, "coauthors", "name", &coauthors, 50);
		json_tally(out, "categories", "category", &cats, 20);
		json_tally(out, "venues", "venue", &venues, 20);
		buf_puts(out, ",\"paper_list\":[");
		for (size_t i = 0; i < np; i++) {
			if ((rc = load_record(e, papers[i].docid, &rec)))
				break;
			buf_printf(out, "%s{", i ? "," : "");
			rec_json_fields(&rec, out);
			buf_putc(out, '}');
			rec_clear(&rec);
		}
		buf_puts(out, "]}\n");
	} else {
		buf_printf(out, "%s%s%s — %zu paper%s", color ? BOLD : "", (const char *)display.p,
			   color ? PLAIN : "", np, np == 1 ? "" : "s");
		if (first)
			buf_printf(out, first == last ? ", %d" : ", %d–%d", first, last);
		buf_printf(out, "  [%s]\n", (const char *)key.p);
		if (spellings.n > 1) {
			buf_puts(out, "  written as: ");
			for (size_t i = 0; i < spellings.n; i++)
				buf_printf(out, "%s%s (%g)", i ? ", " : "", spellings.s[os[i]],
					   spellings.count[os[i]]);
			buf_putc(out, '\n');
		}
		buf_puts(out, "  topics: ");
		for (size_t i = 0; i < terms.n && i < 10; i++)
			buf_printf(out, "%s%s", i ? ", " : "", surface_of(&surface, terms.s[ot[i]]));
		buf_putc(out, '\n');
		if (coauthors.n) {
			buf_puts(out, "  ");
			text_tally(out, "co-authors: ", &coauthors, 12);
			buf_putc(out, '\n');
		}
		if (cats.n || venues.n) {
			buf_puts(out, "  ");
			text_tally(out, "categories: ", &cats, 8);
			if (cats.n && venues.n)
				buf_puts(out, " · ");
			text_tally(out, "venues: ", &venues, 8);
			buf_putc(out, '\n');
		}
		if (years.n) {
			buf_puts(out, "  papers per year:");
			for (int y = first; y <= last; y++) {
				char ys[16];
				size_t at;
				snprintf(ys, sizeof ys, "%d", y);
				if (strmap_get(years.map, ys, &at))
					buf_printf(out, " %d: %g", y, years.count[at]);
			}
			buf_putc(out, '\n');
		}
		buf_puts(out, "  papers, newest first:\n");
		for (size_t i = 0; i < np; i++) {
			if (papers[i].year > 0)
				buf_printf(out, "    %d  %s\n", papers[i].year, papers[i].title);
			else
				buf_printf(out, "    ----  %s\n", papers[i].title);
		}
	}
	free(ot);
	free(oc);
	free(ocat);
	free(ov);
	free(os);
	buf_free(&display);
done:
	cur_close(c);
	for (size_t i = 0; i < np; i++)
		free(papers[i].title);
	free(papers);
	free(ids);
	rec_clear(&rec);
	tally_free(&coauthors);
	tally_free(&cats);
	tally_free(&venues);
	tally_free(&years);
	tally_free(&terms);
	tally_free(&surface);
	tally_free(&spellings);
	buf_free(&key);
	buf_free(&term);
	buf_free(&tmp);
	return rc;
}
