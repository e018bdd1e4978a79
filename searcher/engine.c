/* engine — scorer trees, the exhaustive evaluator, block-max MaxScore and
 * term at a time.
 * Owns the index handle and the read transaction it searches in. */
#include "engine.h"

#include <errno.h>
#include <math.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "doclen.h"
#include "err.h"
#include "mem.h"
#include "pool.h"
#include "suggest.h"

/* Bounds are compared with sums computed in another order; a relative
 * slack of 1e-9 keeps float rounding from ever pruning a true hit. */
#define BOUND_SLACK (1 + 1e-9)

typedef struct eng_worker eng_worker;

struct eng_index {
	store *st;
	store_txn *txn;
	an_analyzer *an;
	store_stats stats;
	bm25_model model;
	char err[256];
	doclen_cache lens;
	pool *pool;            /* NULL: one thread */
	eng_worker *workers;   /* by pool worker; [0] is the caller, unused */
	uint64_t par_min;      /* postings below which a query stays on one thread */
};

typedef enum skind { S_EMPTY, S_TERM, S_PHRASE, S_FILTER, S_BOOL } skind;

typedef struct variant {
	post_cursor **c;
	uint32_t *off;
	size_t n;
} variant;

typedef struct scorer scorer;
struct scorer {
	skind kind;
	uint32_t docid;
	double ub;             /* bound of score() over the whole list */
	/* S_TERM */
	post_cursor *cur;
	double weight;         /* query weight x idf (phrases: x sum of idfs) */
	unsigned fields;
	const char *label;
	store_term term;
	/* S_PHRASE */
	const qp_node *phrase; /* the query's phrase, for explanations */
	variant *var;
	size_t nvar;
	uint32_t ptf[POST_FIELDS];
	uint32_t *pos_buf[2 * 64];  /* per phrase term: title and abstract positions */
	/* S_FILTER: any of any[] and all of all[] */
	post_cursor **any, **all;
	size_t nany, nall;
	/* S_BOOL */
	scorer **must, **should, **mustnot;
	size_t nmust, nshould, nmustnot;
	int filter;            /* a filter, or a group of filters only */
	int must_filters;      /* S_BOOL: every required clause is a filter */
};

/* Open index -------------------------------------------------------- */

int eng_open(const char *db, const bm25_params *p, eng_index **out)
{
	*out = NULL;
	eng_index *e = mem_calloc(1, sizeof *e);
	int rc = an_open(&e->an);
	if (rc || (rc = store_open(db, STORE_READ, an_settings(e->an), &e->st)) ||
	    (rc = store_txn_begin(e->st, 0, &e->txn)) || (rc = store_stats_get(e->txn, &e->stats))) {
		eng_close(e);
		return rc;
	}
	bm25_model_init(&e->model, p ? p : &bm25_defaults, (double)e->stats.ndocs, e->stats.sum_len);
	doclen_init(&e->lens, e->txn, &e->model, e->stats.next_docid);
	*out = e;
	return 0;
}

static void stop_threads(eng_index *e);

void eng_close(eng_index *e)
{
	if (!e)
		return;
	stop_threads(e);
	doclen_free(&e->lens);
	store_txn_abort(e->txn);
	store_close(e->st);
	an_close(e->an);
	free(e);
}

an_analyzer *eng_analyzer(eng_index *e) { return e->an; }
store_txn *eng_txn(eng_index *e) { return e->txn; }
const store_stats *eng_stats(const eng_index *e) { return &e->stats; }
const bm25_model *eng_model(const eng_index *e) { return &e->model; }
const char *eng_error(const eng_index *e) { return e->err; }

static void set_error(eng_index *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(eng_index *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->err, sizeof e->err, fmt, ap);
	va_end(ap);
}

/* Scores are summed in fixed point, each term's share rounded down to a
 * multiple of 2^-32: sums are then exact, so they do not depend on the
 * order in which the pruned evaluator meets the terms (it adds its
 * essential lists a window at a time), and never exceed the bounds. A
 * share is capped at 2^20, so QP_MAX_TERMS of them cannot overflow. */
typedef int64_t fixed;
#define FIXED_ONE 4294967296.0  /* 2^32 */
#define FIXED_CAP 1048576.0     /* 2^20 */

static fixed to_fixed(double score)
{
	/* Shares are never negative: the conversion truncates, i.e. floors. */
	return (fixed)((score < FIXED_CAP ? score : FIXED_CAP) * FIXED_ONE);
}

static double from_fixed(fixed f)
{
	return (double)f / FIXED_ONE;
}

/* Building scorers -------------------------------------------------- */

typedef struct build {
	eng_index *e;
	store_txn *txn;        /* the building thread's */
	int rc;
	int excluded;          /* building under a MUST_NOT: no suggestions */
	eng_result *res;
	scorer **all;          /* every scorer built, for freeing */
	size_t nall, capall;
} build;

static scorer *new_scorer(build *b, skind kind)
{
	scorer *s = mem_calloc(1, sizeof *s);
	s->kind = kind;
	s->fields = QP_ALLFIELDS;
	b->all = mem_grow(b->all, &b->capall, b->nall + 1, sizeof *b->all);
	b->all[b->nall++] = s;
	return s;
}

static void free_scorer(scorer *s)
{
	cur_close(s->cur);
	for (size_t v = 0; v < s->nvar; v++) {
		for (size_t i = 0; i < s->var[v].n; i++)
			cur_close(s->var[v].c[i]);
		free(s->var[v].c);
		free(s->var[v].off);
	}
	free(s->var);
	for (size_t i = 0; i < 2 * 64; i++)
		free(s->pos_buf[i]);
	for (size_t i = 0; i < s->nany; i++)
		cur_close(s->any[i]);
	free(s->any);
	for (size_t i = 0; i < s->nall; i++)
		cur_close(s->all[i]);
	free(s->all);
	free(s->must);
	free(s->should);
	free(s->mustnot);
	free(s);
}

static void free_build(build *b)
{
	for (size_t i = 0; i < b->nall; i++)
		free_scorer(b->all[i]);
	free(b->all);
}

/* Adds a copy of a (its strings borrowed) to the result, once per label. */
static void note_hint(build *b, eng_hint a)
{
	eng_result *r = b->res;
	if (!r || !a.label || !a.label[0] || b->excluded)
		return;
	for (size_t i = 0; i < r->nhints; i++)
		if (strcmp(r->hints[i].label, a.label) == 0)
			return;
	a.label = mem_strdup(a.label);
	a.value = mem_strdup(a.value);
	a.stem = a.stem ? mem_strdup(a.stem) : NULL;
	r->hints = mem_realloc(r->hints, (r->nhints + 1) * sizeof *r->hints);
	r->hints[r->nhints++] = a;
}

/* Notes a word the user typed (term and surface borrowed; no surface:
 * one the query did not come with, such as an RM3 expansion's) in fields
 * that df papers have, for a did-you-mean: one the index lacks (df 0) or
 * one so rare it may be a typo. */
static void note_word(build *b, const char *term, const char *surface, unsigned fields, uint32_t df)
{
	if (df > SUG_RARE_DF || !surface || !surface[0])
		return;
	const char *word = surface;
	unsigned restricted = df && fields != QP_ALLFIELDS ? fields : 0;
	buf label = BUF_INIT;
	if (restricted)
		buf_printf(&label, "%s:", qp_field_name(fields));
	buf_puts(&label, word);
	note_hint(b, (eng_hint){.label = (char *)label.p, .value = (char *)word, .stem = (char *)term,
				.fields = restricted, .df = df});
	buf_free(&label);
}

/* Looks a term up and opens a cursor; 0 with *c NULL when absent. */
static int open_term(build *b, const char *term, store_term *st, post_cursor **c)
{
	*c = NULL;
	int rc = store_term_get(b->txn, term, strlen(term), st);
	if (rc == PDX_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	return cur_open(b->txn, st, c);
}

static double idf_of(const eng_index *e, uint32_t df)
{
	return bm25_idf(e->model.n, df);
}

static scorer *build_term(build *b, const qp_node *n)
{
	store_term st;
	post_cursor *c;
	if ((b->rc = open_term(b, n->term, &st, &c)))
		return NULL;
	if (!c) {
		note_word(b, n->term, n->surface, n->fields, 0);
		return new_scorer(b, S_EMPTY);
	}
	if (n->fields != QP_ALLFIELDS && !store_term_in_fields(&st, n->fields)) {
		cur_close(c);
		buf label = BUF_INIT;
		const char *word = n->surface ? n->surface : n->term;
		buf_printf(&label, "%s:%s", qp_field_name(n->fields), word);
		note_hint(b, (eng_hint){.label = (char *)label.p, .value = (char *)word, .stem = n->term,
					    .fields = n->fields});
		buf_free(&label);
		return new_scorer(b, S_EMPTY);
	}
	note_word(b, n->term, n->surface, n->fields, st.df);
	scorer *s = new_scorer(b, S_TERM);
	s->cur = c;
	s->term = st;
	s->fields = n->fields;
	s->label = n->term;
	s->weight = n->weight * idf_of(b->e, st.df);
	s->ub = bm25_bound(&b->e->model, s->weight, st.max_tf, st.min_len, s->fields) * BOUND_SLACK;
	return s;
}

static scorer *build_phrase(build *b, const qp_node *n)
{
	scorer *s = new_scorer(b, S_PHRASE);
	s->fields = n->fields;
	s->phrase = n;
	s->var = mem_calloc(n->nvariants, sizeof *s->var);
	double idf = 0;
	uint32_t max_tf[POST_FIELDS] = {POST_TF_MAX, POST_TF_MAX}, min_len[POST_FIELDS] = {1, 1};
	for (size_t v = 0; v < n->nvariants; v++) {
		variant *var = &s->var[s->nvar];
		var->c = mem_calloc(n->nterms[v] + 1, sizeof *var->c);
		var->off = mem_calloc(n->nterms[v] + 1, sizeof *var->off);
		int missing = n->nterms[v] == 0 || n->nterms[v] > 64;
		for (size_t i = 0; i < n->nterms[v] && !missing; i++) {
			store_term st;
			if ((b->rc = open_term(b, n->pterms[v][i].term, &st, &var->c[i])))
				return NULL;
			var->n = i + 1;
			var->off[i] = n->pterms[v][i].offset;
			if (!var->c[i]) {
				missing = 1;
				break;
			}
			if (v == 0)
				idf += idf_of(b->e, st.df);
			/* A phrase occurs no more often, and in no shorter field, than any of its words. */
			for (int f = 0; f < POST_FIELDS; f++) {
				if (st.max_tf[f] < max_tf[f])
					max_tf[f] = st.max_tf[f];
				if (st.min_len[f] > min_len[f])
					min_len[f] = st.min_len[f];
			}
		}
		if (missing) {
			for (size_t i = 0; i < var->n; i++)
				cur_close(var->c[i]);
			free(var->c);
			free(var->off);
			memset(var, 0, sizeof *var);
			continue;
		}
		s->nvar++;
	}
	/* The words as typed (the first variant): rare ones, and missing ones
	 * when no spelling of the phrase can match. */
	for (size_t i = 0; b->res && !b->excluded && i < n->nterms[0] && n->nterms[0] <= 64; i++) {
		const qp_pterm *w = &n->pterms[0][i];
		store_term st;
		int rc = store_term_get(b->txn, w->term, strlen(w->term), &st);
		if (rc && rc != PDX_ENOTFOUND) {
			b->rc = rc;
			return NULL;
		}
		if (!rc || s->nvar == 0)
			note_word(b, w->term, w->surface, n->fields, rc ? 0 : st.df);
	}
	if (s->nvar == 0) {
		s->kind = S_EMPTY;
		return s;
	}
	if (idf == 0) {
		/* The all-parts spelling is absent; weigh by the first variant present. */
		for (size_t i = 0; i < s->var[0].n; i++)
			idf += idf_of(b->e, 1);
	}
	s->weight = n->weight * idf;
	s->ub = bm25_bound(&b->e->model, s->weight, max_tf, min_len, s->fields) * BOUND_SLACK;
	return s;
}

/* Metadata terms starting with prefix, within [lo, hi] as strings. */
static int year_cursors(build *b, const qp_node *n, scorer *s)
{
	char lo[16], hi[16];
	snprintf(lo, sizeof lo, "%c%c%04d", STORE_META_PREFIX, STORE_META_YEAR, n->year_lo);
	snprintf(hi, sizeof hi, "%c%c%04d", STORE_META_PREFIX, STORE_META_YEAR, n->year_hi);
	MDB_cursor *mc;
	int rc = mdb_cursor_open(store_txn_mdb(b->txn), store_dbi(b->txn, STORE_DB_TERMS), &mc);
	if (rc)
		return rc;
	MDB_val k = {strlen(lo), lo}, v;
	size_t cap = 0;
	for (rc = mdb_cursor_get(mc, &k, &v, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(mc, &k, &v, MDB_NEXT)) {
		size_t hn = strlen(hi);
		size_t m = k.mv_size < hn ? k.mv_size : hn;
		int c = memcmp(k.mv_data, hi, m);
		if (c > 0 || (c == 0 && k.mv_size > hn))
			break;
		if (k.mv_size != hn)  /* only 4-digit years */
			continue;
		store_term st;
		post_cursor *pc;
		if (store_term_decode(&v, &st)) {
			rc = PDX_ECORRUPT;
			break;
		}
		if ((rc = cur_open(b->txn, &st, &pc)))
			break;
		s->any = mem_grow(s->any, &cap, s->nany + 1, sizeof *s->any);
		s->any[s->nany++] = pc;
	}
	mdb_cursor_close(mc);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static scorer *build_filter(build *b, const qp_node *n)
{
	scorer *s = new_scorer(b, S_FILTER);
	s->filter = 1;
	if (n->year_lo) {
		if ((b->rc = year_cursors(b, n, s)))
			return NULL;
	} else {
		size_t cap = 0;
		for (size_t i = 0; i < n->nany; i++) {
			store_term st;
			post_cursor *c;
			if ((b->rc = open_term(b, n->any[i], &st, &c)))
				return NULL;
			if (c) {
				s->any = mem_grow(s->any, &cap, s->nany + 1, sizeof *s->any);
				s->any[s->nany++] = c;
			}
		}
		/* author:"Name" without an exact author: papers whose authors
		 * carry all its name words. */
		if (n->author && s->nany == 0 && n->nall) {
			s->all = mem_calloc(n->nall, sizeof *s->all);
			for (size_t i = 0; i < n->nall; i++) {
				store_term st;
				if ((b->rc = open_term(b, n->all[i], &st, &s->all[i])))
					return NULL;
				s->nall = i + 1;
				if (!s->all[i])
					break;
			}
		}
	}
	eng_hint a = {.label = n->label, .value = n->nany ? n->any[0] + 2 : "",
			.kind = n->year_lo ? STORE_META_YEAR : n->nany ? n->any[0][1] : 0};
	if ((s->nany == 0 && s->nall == 0) || (s->nall && !s->all[s->nall - 1])) {
		s->kind = S_EMPTY;
		note_hint(b, a);
	} else if (s->nall) {
		a.if_none = 1;
		note_hint(b, a);
	}
	return s;
}

static scorer *build_node(build *b, const qp_node *n);

static void push(scorer ***v, size_t *n, scorer *s)
{
	*v = mem_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static scorer *build_bool(build *b, const qp_node *n)
{
	scorer *s = new_scorer(b, S_BOOL);
	for (size_t i = 0; i < n->nkids && !b->rc; i++) {
		const qp_node *k = n->kids[i];
		b->excluded += k->occur == QP_MUST_NOT;
		scorer *c = build_node(b, k);
		b->excluded -= k->occur == QP_MUST_NOT;
		if (!c)
			break;
		if (k->occur == QP_MUST)
			push(&s->must, &s->nmust, c);
		else if (k->occur == QP_MUST_NOT)
			push(&s->mustnot, &s->nmustnot, c);
		else
			push(&s->should, &s->nshould, c);
	}
	int musts = 1, shoulds = 1;  /* all of them are filters */
	for (size_t i = 0; i < s->nmust; i++) {
		s->ub += s->must[i]->ub;
		musts &= s->must[i]->filter;
	}
	for (size_t i = 0; i < s->nshould; i++) {
		s->ub += s->should[i]->ub;
		shoulds &= s->should[i]->filter;
	}
	s->must_filters = s->nmust > 0 && musts;
	s->filter = s->nmust + s->nshould > 0 && musts && shoulds;
	return s;
}

static scorer *build_node(build *b, const qp_node *n)
{
	switch (n->kind) {
	case QP_TERM: return build_term(b, n);
	case QP_PHRASE: return build_phrase(b, n);
	case QP_FILTER: return build_filter(b, n);
	case QP_BOOL: return build_bool(b, n);
	}
	return NULL;
}

/* Moving scorers ----------------------------------------------------- */

static void advance(eng_index *e, scorer *s, uint32_t target);

static uint32_t cursor_min(post_cursor **c, size_t n, uint32_t target)
{
	uint32_t d = CUR_END;
	for (size_t i = 0; i < n; i++) {
		cur_next_geq(c[i], target);
		if (c[i]->docid < d)
			d = c[i]->docid;
	}
	return d;
}

/* First docid >= target on which every cursor sits. */
static uint32_t cursor_and(post_cursor **c, size_t n, uint32_t target)
{
	uint32_t d = target;
	for (size_t i = 0; i < n;) {
		cur_next_geq(c[i], d);
		if (c[i]->docid == CUR_END)
			return CUR_END;
		if (c[i]->docid > d) {
			d = c[i]->docid;
			i = 0;
			continue;
		}
		i++;
	}
	return n ? d : CUR_END;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Occurrences of variant v in field f of the current doc: start positions
 * p with every term i at p + off[i]. pos[i] are sorted position arrays. */
static uint32_t count_phrase(uint32_t *const *pos, const uint32_t *npos, const uint32_t *off, size_t n)
{
	uint32_t count = 0;
	for (uint32_t k = 0; k < npos[0]; k++) {
		if (pos[0][k] < off[0])
			continue;
		uint32_t start = pos[0][k] - off[0];
		size_t i = 1;
		for (; i < n; i++) {
			uint32_t want = start + off[i];
			if (!bsearch(&want, pos[i], npos[i], sizeof want, cmp_u32))
				break;
		}
		if (i == n)
			count++;
	}
	return count;
}

/* Verifies the phrase on the doc all cursors of variant v sit on. */
static int phrase_tf(scorer *s, variant *v, uint32_t tf[POST_FIELDS])
{
	uint32_t *pos[2][64], npos[2][64];
	for (size_t i = 0; i < v->n; i++) {
		post_cursor *c = v->c[i];
		uint32_t tf[POST_FIELDS];
		cur_freqs(c, tf);
		for (int f = 0; f < POST_FIELDS; f++) {
			uint32_t **slot = &s->pos_buf[2 * i + (size_t)f];
			*slot = mem_realloc(*slot, (tf[f] + 1) * sizeof **slot);
			pos[f][i] = *slot;
			npos[f][i] = tf[f];
		}
		if (cur_positions(c, pos[0][i], pos[1][i]))
			return PDX_ECORRUPT;
	}
	for (int f = 0; f < POST_FIELDS; f++)
		tf[f] = (s->fields >> f & 1) ? count_phrase(pos[f], npos[f], v->off, v->n) : 0;
	return 0;
}

static void advance_phrase(scorer *s, uint32_t target)
{
	uint32_t best = CUR_END;
	uint32_t tf_best[POST_FIELDS] = {0, 0};
	for (size_t v = 0; v < s->nvar; v++) {
		variant *var = &s->var[v];
		uint32_t d = target;
		for (;;) {
			d = cursor_and(var->c, var->n, d);
			if (d == CUR_END || d > best)
				break;
			uint32_t tf[POST_FIELDS];
			if (phrase_tf(s, var, tf)) {
				d = CUR_END;
				break;
			}
			if (tf[0] || tf[1]) {
				/* Spellings of one phrase: the doc counts its best spelling. */
				if (d < best) {
					best = d;
					memcpy(tf_best, tf, sizeof tf);
				} else {
					for (int f = 0; f < POST_FIELDS; f++)
						if (tf[f] > tf_best[f])
							tf_best[f] = tf[f];
				}
				break;
			}
			d++;
		}
	}
	s->docid = best;
	memcpy(s->ptf, tf_best, sizeof tf_best);
}

/* Required clauses match; then, unless there are required words (which
 * make the others optional), an optional clause must match too: filters
 * restrict, so "x year:2021" is x among the papers of 2021, not every
 * paper of 2021. */
static void advance_bool(eng_index *e, scorer *s, uint32_t target)
{
	int need_should = s->nshould && (s->nmust == 0 || s->must_filters);
	for (;;) {
		uint32_t d = s->nmust || s->nshould ? target : CUR_END;
		for (size_t i = 0; i < s->nmust && d != CUR_END;) {
			advance(e, s->must[i], d);
			uint32_t m = s->must[i]->docid;
			if (m > d) {
				d = m;
				i = 0;
				continue;
			}
			i++;
		}
		if (need_should && d != CUR_END) {
			uint32_t m = CUR_END;
			for (size_t i = 0; i < s->nshould; i++) {
				advance(e, s->should[i], d);
				if (s->should[i]->docid < m)
					m = s->should[i]->docid;
			}
			if (m != d && s->nmust && m != CUR_END) {
				target = m;
				continue;
			}
			d = m;
		}
		if (d == CUR_END) {
			s->docid = CUR_END;
			return;
		}
		int excluded = 0;
		for (size_t i = 0; i < s->nmustnot && !excluded; i++) {
			advance(e, s->mustnot[i], d);
			excluded = s->mustnot[i]->docid == d;
		}
		if (!excluded) {
			s->docid = d;
			return;
		}
		target = d + 1;
	}
}

static void advance(eng_index *e, scorer *s, uint32_t target)
{
	if (s->docid >= target && s->docid != 0)
		return;
	switch (s->kind) {
	case S_EMPTY:
		s->docid = CUR_END;
		break;
	case S_TERM:
		cur_next_geq(s->cur, target);
		/* A field-restricted term skips papers that have it elsewhere only. */
		while (s->fields != QP_ALLFIELDS && s->cur->docid != CUR_END) {
			uint32_t tf[POST_FIELDS];
			cur_freqs(s->cur, tf);
			if ((s->fields & QP_TITLE && tf[0]) || (s->fields & QP_ABSTRACT && tf[1]))
				break;
			cur_next(s->cur);
		}
		s->docid = s->cur->docid;
		break;
	case S_PHRASE:
		advance_phrase(s, target);
		break;
	case S_FILTER:
		s->docid = s->nall ? cursor_and(s->all, s->nall, target) : cursor_min(s->any, s->nany, target);
		break;
	case S_BOOL:
		advance_bool(e, s, target);
		break;
	}
}

/* advance() for the term scorers of run_maxscore, without the dispatch:
 * to the next posting, and to the first at or after target. */
static inline void next_posting(eng_index *e, scorer *s)
{
	if (s->fields != QP_ALLFIELDS) {
		advance(e, s, s->docid + 1);
		return;
	}
	cur_next(s->cur);
	s->docid = s->cur->docid;
}

static inline void seek_posting(eng_index *e, scorer *s, uint32_t target)
{
	if (s->fields != QP_ALLFIELDS) {
		advance(e, s, target);
		return;
	}
	cur_next_geq(s->cur, target);
	s->docid = s->cur->docid;
}

/* The share of scorer s (a term or phrase) in a paper where it occurs
 * tf times per field and whose norms are norm. */
static inline fixed tf_share(const eng_index *e, const scorer *s, const uint32_t tf[POST_FIELDS],
			     const double norm[POST_FIELDS])
{
	return to_fixed(bm25_score(&e->model, s->weight, bm25_tfn(tf, norm, s->fields)));
}

/* Score of term scorer s on the paper it sits on. */
static inline fixed term_score(eng_index *e, scorer *s, const double norm[POST_FIELDS])
{
	uint32_t tf[POST_FIELDS];
	cur_freqs(s->cur, tf);
	return tf_share(e, s, tf, norm);
}

/* Score of s on docid (s must be positioned at or before docid; scorers
 * not on docid contribute nothing). */
static fixed score(eng_index *e, scorer *s, uint32_t docid, const double norm[POST_FIELDS])
{
	switch (s->kind) {
	case S_TERM:
		return s->docid == docid ? term_score(e, s, norm) : 0;
	case S_PHRASE:
		if (s->docid != docid)
			return 0;
		return tf_share(e, s, s->ptf, norm);
	case S_BOOL: {
		/* A group that does not match adds nothing, even where some of its
		 * optional clauses occur. */
		if (s->docid != docid)
			return 0;
		fixed sum = 0;
		for (size_t i = 0; i < s->nmust; i++)
			sum += score(e, s->must[i], docid, norm);
		for (size_t i = 0; i < s->nshould; i++) {
			advance(e, s->should[i], docid);
			sum += score(e, s->should[i], docid, norm);
		}
		return sum;
	}
	default:
		return 0;
	}
}

/* The first error met by a cursor of b's scorers, its message in err. */
static int cursor_errors(const build *b, char *err, size_t errsize)
{
	for (size_t i = 0; i < b->nall; i++) {
		scorer *s = b->all[i];
		post_cursor *cs[3] = {s->cur, s->nany ? s->any[0] : NULL, s->nall ? s->all[0] : NULL};
		for (int j = 0; j < 3; j++)
			if (cs[j] && cs[j]->err) {
				snprintf(err, errsize, "index corrupted: %s", cs[j]->errmsg);
				return cs[j]->err;
			}
		for (size_t v = 0; v < s->nvar; v++)
			for (size_t k = 0; k < s->var[v].n; k++)
				if (s->var[v].c[k]->err) {
					snprintf(err, errsize, "index corrupted: %s", s->var[v].c[k]->errmsg);
					return PDX_ECORRUPT;
				}
		for (size_t k = 1; k < s->nany; k++)
			if (s->any[k]->err) {
				snprintf(err, errsize, "index corrupted: %s", s->any[k]->errmsg);
				return PDX_ECORRUPT;
			}
	}
	return 0;
}

/* Exhaustive evaluation: every matching paper is scored. */
static int run_exhaustive(eng_index *e, scorer *root, topk *tk, eng_result *r)
{
	double norm[POST_FIELDS];
	for (advance(e, root, 1); root->docid != CUR_END; advance(e, root, root->docid + 1)) {
		int rc = doclen_norms(&e->lens, root->docid, norm);
		if (rc)
			return rc;
		topk_push(tk, from_fixed(score(e, root, root->docid, norm)), root->docid);
		r->scored++;
	}
	return 0;
}

/* Block-max MaxScore over the SHOULD terms of a bag-of-words root. */
typedef struct ms_term {
	scorer *s;
	size_t order;          /* position in the query: equal bounds sort by it */
	double ub;
	uint32_t bb_last;      /* the block whose bound is cached (by its last docid) */
	uint32_t bb_from;      /* ... found for this docid */
	double bb;
	const post_block_info *block;  /* the last block_bound's block, NULL if none */
} ms_term;

static int cmp_ub(const void *a, const void *b)
{
	const ms_term *x = a, *y = b;
	if (x->ub != y->ub)
		return x->ub < y->ub ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* The bound of the term's block holding docid (the list's if that block
 * is not at hand), and that block's last docid (CUR_END then). Blocks are
 * told apart by their last docid, unique within a list. */
static double block_bound(eng_index *e, ms_term *t, uint32_t docid, uint32_t *last)
{
	/* Docids only grow and the cursor only moves forward, so while it
	 * has not left the block, the block found for bb_from holds every
	 * docid from there to its end. */
	if (t->block && docid >= t->bb_from && docid <= t->bb_last &&
	    t->s->cur->docid <= t->bb_last) {
		*last = t->bb_last;
		return t->bb;
	}
	const post_block_info *bi = cur_shallow(t->s->cur, docid);
	t->block = bi;
	if (!bi) {
		*last = CUR_END;
		return t->ub;
	}
	*last = bi->last_docid;
	if (t->bb_last != bi->last_docid) {
		t->bb_last = bi->last_docid;
		t->bb_from = docid;
		t->bb = bm25_bound(&e->model, t->s->weight, bi->max_tf, bi->min_len, t->s->fields) *
			BOUND_SLACK;
	}
	return t->bb;
}

/* Must filters and must-not exclusions of the root, checked per candidate. */
static int passes(eng_index *e, scorer *root, uint32_t d)
{
	for (size_t i = 0; i < root->nmust; i++) {
		advance(e, root->must[i], d);
		if (root->must[i]->docid != d)
			return 0;
	}
	for (size_t i = 0; i < root->nmustnot; i++) {
		advance(e, root->mustnot[i], d);
		if (root->mustnot[i]->docid == d)
			return 0;
	}
	return 1;
}

/* The share of term scorer s in the score of the paper it sits on. */
static int term_share(eng_index *e, scorer *s, fixed *share)
{
	double norm[POST_FIELDS];
	int rc = doclen_norms(&e->lens, s->docid, norm);
	if (rc)
		return rc;
	*share = term_score(e, s, norm);
	return 0;
}

/* Within a window (which ends where the first essential block does),
 * each essential list stays in one block, t->block as the window's
 * block_bound found it, and a paper can enter the heap only if t's share
 * in it exceeds room: the heap threshold less the bounds of every other
 * list (-inf while the heap fills). Returns the tfn (bm25_tfn) below which
 * a posting's share cannot exceed room, for tfn_bound() with the block's
 * norms nb; 0 when nothing can be skipped. */
static double share_cut(eng_index *e, const ms_term *t, double room, double nb[POST_FIELDS])
{
	const post_block_info *bi = t->block;
	double top = t->s->weight * (e->model.p.k1 + 1);  /* bm25_score's limit */
	if (!(room > 0) || room >= top || !bi)
		return 0;
	for (int f = 0; f < POST_FIELDS; f++)
		nb[f] = bm25_norm(&e->model, f, bi->min_len[f]);
	/* bm25_score(tfn) = room, less a margin for rounding. */
	return e->model.p.k1 * room / (top - room) * (1 - 1e-6);
}

/* tfn of s's current posting with its block's shortest lengths: at least
 * the true one, as norms shrink as fields grow. */
static double tfn_bound(post_cursor *c, unsigned fields, const double nb[POST_FIELDS])
{
	uint32_t tf[POST_FIELDS];
	cur_freqs(c, tf);
	return bm25_tfn(tf, nb, fields);
}

/* One essential list's pass through a window of run_maxscore. */
typedef struct ms_pass {
	uint32_t d, end;       /* the window, [d, end) */
	double cut;            /* share_cut() */
	double nb[POST_FIELDS];
	double theta;          /* the heap threshold when the window began */
	double after;          /* bounds of the lists still to come */
	fixed *acc;            /* shares by docid - d, valid where hit[] is set */
	uint64_t *hit;
} ms_pass;

/* Adds a share in paper p->d + j to the window. A paper's first share
 * that cannot lift it over theta, with the lists still to come at their
 * bounds, does not make it a candidate. Without branches, which would
 * wait on the share's division: acc[] is written either way, but read
 * only where hit[] is set. */
static inline void window_add(const ms_pass *p, uint32_t j, fixed share)
{
	uint64_t had = p->hit[j / 64] >> (j % 64) & 1;
	uint64_t take = had | (uint64_t)(from_fixed(share) + p->after > p->theta);
	p->acc[j] = (p->acc[j] & -(fixed)had) + share;
	p->hit[j / 64] |= take << (j % 64);
}

/* The share of a term of weight w in a paper where it occurs tf0 and tf1
 * times, whose norms are n0 and n1: bm25_tfn's and bm25_score's
 * arithmetic (so the sums are the exhaustive evaluator's), written
 * without their branches. A field or tfn of 0 adds exactly 0 either way;
 * tfn is 0 only for a paper where the term does not count (and then k1
 * may be 0 too): its share is 0 over k1 + 1. */
static inline fixed share_of(double w, double k1, uint32_t tf0, uint32_t tf1, double n0, double n1)
{
	double tfn = 0.0 + tf0 * n0 + tf1 * n1;
	return to_fixed(w * tfn * (k1 + 1) / (k1 + tfn + (tfn > 0 ? 0 : 1)));
}

/* The index in c's decoded block of its first posting at or after end
 * (the block's count if none): where a pass through [.., end) stops. */
static inline uint32_t block_stop(const post_cursor *c, uint32_t end)
{
	uint32_t lim = c->n;
	if (c->docs[c->n - 1] >= end)
		for (lim = c->i; c->docs[lim] < end; lim++)
			;
	return lim;
}

/* Adds postings keep[0..m) of c's block to p's window, in three loops so
 * that each runs without waiting on the one before: the papers' norms,
 * then the shares (the divisions overlap), then the window's marks. */
static int add_shares(eng_index *e, const scorer *s, const ms_pass *p, const post_cursor *c,
		      const uint32_t *keep, uint32_t m)
{
	double n0[POST_BLOCK], n1[POST_BLOCK];
	fixed share[POST_BLOCK];
	for (uint32_t x = 0; x < m; x++) {
		double norm[POST_FIELDS];
		int rc = doclen_norms(&e->lens, c->docs[keep[x]], norm);
		if (rc)
			return rc;
		n0[x] = norm[0];
		n1[x] = norm[1];
	}
	double w = s->weight, k1 = e->model.p.k1;
	for (uint32_t x = 0; x < m; x++)
		share[x] = share_of(w, k1, c->tf0[keep[x]], c->tf1[keep[x]], n0[x], n1[x]);
	for (uint32_t x = 0; x < m; x++)
		window_add(p, c->docs[keep[x]] - p->d, share[x]);
	return 0;
}

/* The pass of a term over all fields, on its cursor's block arrays: a
 * posting is passed over when its bound (tfn_bound with nb) is below
 * cut; the others go to window_add(). */
static int essential_pass(eng_index *e, scorer *s, const ms_pass *p)
{
	post_cursor *c = s->cur;
	double cut = p->cut;
	int rc = 0;
	while (c->docid < p->end && !rc) {
		cur_load_freqs(c);
		if (c->err)
			break;
		/* The window most often holds the rest of the block. */
		uint32_t lim = block_stop(c, p->end);
		/* The postings the cut keeps, without branches: bm25_tfn's sum
		 * as share_of writes it (a field of tf 0 adds exactly 0). */
		uint32_t keep[POST_BLOCK], m = 0;
		if (cut > 0) {
			for (uint32_t i = c->i; i < lim; i++) {
				keep[m] = i;
				m += !(0.0 + c->tf0[i] * p->nb[0] + c->tf1[i] * p->nb[1] < cut);
			}
		} else {
			for (uint32_t i = c->i; i < lim; i++)
				keep[m++] = i;
		}
		rc = add_shares(e, s, p, c, keep, m);
		cur_to_index(c, lim);
		/* nb holds for the window's block only (where a cut is set, the
		 * window ends with it). */
		cut = 0;
	}
	s->docid = c->docid;
	return rc;
}

/* A term's pass through p's window: essential_pass, or posting by
 * posting for a term of some fields only. */
static int term_pass(eng_index *e, scorer *s, const ms_pass *p)
{
	if (s->fields == QP_ALLFIELDS)
		return essential_pass(e, s, p);
	for (; s->docid < p->end; next_posting(e, s)) {
		fixed share;
		/* Such a paper stays below the threshold whatever the other
		 * lists add: a sum without this share is refused by the heap
		 * too. */
		if (p->cut > 0 && tfn_bound(s->cur, s->fields, p->nb) < p->cut)
			continue;
		int rc = term_share(e, s, &share);
		if (rc)
			return rc;
		window_add(p, s->docid - p->d, share);
	}
	return 0;
}

/* Adds term s's shares in the papers of [d, end) that hit[] marks to
 * their sums (by docid - d); passes over the others. For a list whose
 * papers cannot enter the heap on its own: run_taat's non-essential
 * lists, and run_maxscore's where probing them per candidate would cost
 * more. The marked papers' norms must be ready (doclen_norms_filled). */
static int pass_marked(eng_index *e, scorer *s, uint32_t d, uint32_t end, fixed *sum, const uint64_t *hit)
{
	post_cursor *c = s->cur;
	double w = s->weight, k1 = e->model.p.k1;
	int rc = 0;
	if (s->fields != QP_ALLFIELDS) {
		for (; s->docid < end; next_posting(e, s)) {
			uint32_t j = s->docid - d;
			fixed share;
			if (!(hit[j / 64] >> (j % 64) & 1))
				continue;
			if ((rc = term_share(e, s, &share)))
				break;
			sum[j] += share;
		}
		return rc;
	}
	while (c->docid < end && !rc) {
		uint32_t lim = block_stop(c, end);
		/* The marked papers' postings, without branches; a block with
		 * none keeps its frequencies undecoded. */
		uint32_t keep[POST_BLOCK], m = 0;
		for (uint32_t x = c->i; x < lim; x++) {
			uint32_t j = c->docs[x] - d;
			keep[m] = x;
			m += (uint32_t)(hit[j / 64] >> (j % 64) & 1);
		}
		if (m) {
			cur_load_freqs(c);
			if (c->err)
				break;
		}
		for (uint32_t y = 0; y < m; y++) {
			uint32_t x = keep[y];
			double norm[POST_FIELDS];
			if ((rc = doclen_norms_filled(&e->lens, c->docs[x], norm)))
				break;
			sum[c->docs[x] - d] += share_of(w, k1, c->tf0[x], c->tf1[x], norm[0], norm[1]);
		}
		cur_to_index(c, lim);
	}
	s->docid = c->docid;
	return rc;
}

/* MaxScore, a window of docids at a time (after Lucene's
 * MaxScoreBulkScorer): the essential lists are walked one after the other
 * through the window, their shares summed per paper in acc[]; then the
 * papers they found, in docid order, are completed from the non-essential
 * lists, which are only probed while the paper can still enter the heap;
 * but the first of them is passed through the window instead when the
 * candidates are many next to its postings there (pass_pays). */
#define WINDOW 2048
/* A probe of a list costs about as much as passing this many of its
 * postings (pass_pays; measured on the bench's queries). */
#define PROBE_COST 16

/* What the threads of one search share. The docids are cut into chunks,
 * which the threads claim in increasing order, each with a tree of
 * scorers and a heap of its own. A thread publishes its heap's threshold
 * and prunes against the highest published: the k papers above another
 * heap's threshold T keep any paper scoring below T out of the top k.
 * Not one scoring T, which may have a lower docid than theirs: T is
 * published less one ulp, so that "cannot exceed" still means "cannot
 * enter". One thread: a single chunk, nothing published. */
typedef struct ms_share {
	unsigned nchunks;
	uint64_t width;            /* chunk c is [1 + c * width, 1 + (c + 1) * width) */
	int publish;
	/* theta is read per candidate and next per chunk: each on a cache
	 * line of its own, away from what the threads write as they go. */
	alignas(64) _Atomic uint64_t theta;  /* bits of the highest threshold published */
	alignas(64) atomic_uint next;        /* the next chunk to claim */
} ms_share;

static void share_init(ms_share *sh, unsigned nchunks, uint32_t ndocs)
{
	atomic_init(&sh->next, 0);
	sh->nchunks = nchunks;
	sh->width = ((uint64_t)ndocs + nchunks - 1) / nchunks;
	sh->publish = nchunks > 1;
	double none = -INFINITY;
	uint64_t bits;
	memcpy(&bits, &none, sizeof bits);
	atomic_init(&sh->theta, bits);
}

/* The next chunk, [*lo, *hi); 0 when none is left. */
static int claim(ms_share *sh, uint32_t *lo, uint32_t *hi)
{
	unsigned c = atomic_fetch_add_explicit(&sh->next, 1, memory_order_relaxed);
	if (c >= sh->nchunks)
		return 0;
	uint64_t from = 1 + c * sh->width, to = from + sh->width;
	*lo = (uint32_t)from;
	*hi = c + 1 == sh->nchunks || to >= CUR_END ? CUR_END : (uint32_t)to;
	return 1;
}

/* The score a paper must exceed to enter: the thread's heap's threshold
 * or the highest published, whichever is higher. */
static inline double threshold(const topk *tk, ms_share *sh)
{
	double own = topk_threshold(tk), other;
	uint64_t bits = atomic_load_explicit(&sh->theta, memory_order_relaxed);
	memcpy(&other, &bits, sizeof other);
	return other > own ? other : own;
}

static void publish(ms_share *sh, double own)
{
	double v = nextafter(own, -INFINITY), cur;
	uint64_t bits, old = atomic_load_explicit(&sh->theta, memory_order_relaxed);
	memcpy(&bits, &v, sizeof bits);
	do {
		memcpy(&cur, &old, sizeof cur);
		if (cur >= v)
			return;
	} while (!atomic_compare_exchange_weak_explicit(&sh->theta, &old, bits, memory_order_relaxed,
							memory_order_relaxed));
}

/* The term lists of bag root by bound, smallest first, into *t (owned),
 * and *cub (owned) with cub[i] the sum of the bounds of t[0..i): the
 * order in which lists turn non-essential. Returns their count. */
static size_t terms_by_bound(const scorer *root, ms_term **t, double **cub)
{
	size_t n = 0;
	*t = mem_calloc(root->nshould + 1, sizeof **t);
	for (size_t i = 0; i < root->nshould; i++) {
		scorer *s = root->should[i];
		if (s->kind == S_TERM)
			(*t)[n++] = (ms_term){s, i, s->ub, CUR_END, 0, 0, NULL};
	}
	qsort(*t, n, sizeof **t, cmp_ub);
	*cub = mem_calloc(n + 1, sizeof **cub);
	for (size_t i = 0; i < n; i++)
		(*cub)[i + 1] = (*cub)[i] + (*t)[i].ub;
	return n;
}

/* Whether passing list s through a window of span docids (pass_marked)
 * costs less than probing it for each of the window's candidates, the
 * papers hit[] marks. Its postings in the window are estimated from its
 * frequency. */
static int pass_pays(const eng_index *e, const scorer *s, const uint64_t *hit, uint32_t words,
		     uint32_t span)
{
	uint64_t cands = 0;
	for (uint32_t wd = 0; wd < words; wd++)
		cands += (uint64_t)__builtin_popcountll(hit[wd]);
	return (double)s->term.df * span / e->stats.next_docid <= (double)cands * PROBE_COST;
}

/* Runs MaxScore over the chunks this thread claims from sh, into tk;
 * adds to *scored the papers scored in full. */
static int run_maxscore(eng_index *e, scorer *root, topk *tk, ms_share *sh, size_t *scored)
{
	uint32_t lo, hi;
	if (!claim(sh, &lo, &hi))
		return 0;
	ms_term *t;
	double *cub;
	size_t n = terms_by_bound(root, &t, &cub);
	for (size_t i = 0; i < n; i++)
		advance(e, t[i].s, lo);
	fixed *acc = mem_calloc(WINDOW, sizeof *acc);
	double *bb = mem_calloc(n + 1, sizeof *bb);  /* bb[i]: t[i]'s bound in the window */
	uint64_t hit[WINDOW / 64];
	size_t first = 0;  /* t[first..n) are essential */
	/* rest: the sum of the block bounds of t[0..rest_first) for the
	 * candidates (which come in docid order) up to rest_last, where the
	 * first of the blocks it was taken from ends. */
	double rest = 0;
	size_t rest_first = 0;
	uint32_t rest_last = 0;
	double published = -INFINITY;
	size_t nscored = 0;  /* counted here, not through scored: a line of its own */
	int rc = 0;
	for (;;) {
		double theta = threshold(tk, sh);
		while (first < n && cub[first + 1] <= theta)
			first++;
		if (first == n)
			break;
		uint32_t d = CUR_END;
		for (size_t i = first; i < n; i++)
			if (t[i].s->docid < d)
				d = t[i].s->docid;
		if (d == CUR_END)
			break;
		if (d >= hi) {
			if (!claim(sh, &lo, &hi))
				break;
			for (size_t i = first; i < n; i++)
				if (t[i].s->docid < lo)
					seek_posting(e, t[i].s, lo);
			continue;
		}
		/* Block-max: up to the end of the first essential block to end,
		 * every essential term scores at most its block's bound. If those
		 * bounds and the non-essential terms cannot beat the heap, no
		 * paper there can: skip without decoding. Otherwise the window
		 * stops there, so the next one is checked against the next blocks. */
		uint32_t end = d <= CUR_END - WINDOW ? d + WINDOW : CUR_END;
		if (end > hi)
			end = hi;
		double ub = INFINITY;
		if (theta > -INFINITY) {
			uint32_t w = CUR_END;
			ub = cub[first];
			for (size_t i = first; i < n; i++) {
				uint32_t last;
				bb[i] = block_bound(e, &t[i], d, &last);
				ub += bb[i];
				if (last < w)
					w = last;
			}
			if (ub <= theta) {
				for (size_t i = first; i < n; i++)
					if (t[i].s->docid <= w)
						advance(e, t[i].s, w == CUR_END ? CUR_END : w + 1);
				continue;
			}
			if (w < end)
				end = w + 1;
		}
		uint32_t words = (end - d + 63) / 64;
		memset(hit, 0, words * sizeof *hit);
		for (size_t i = first; i < n && !rc; i++) {
			scorer *s = t[i].s;
			double nb[POST_FIELDS] = {0, 0};
			double cut = share_cut(e, &t[i], theta - (ub - bb[i]), nb);
			ms_pass p = {d, end, cut, {nb[0], nb[1]}, theta, cub[first], acc, hit};
			for (size_t l = i + 1; theta > -INFINITY && l < n; l++)
				p.after += bb[l];
			rc = term_pass(e, s, &p);
		}
		/* t[0..probe) are probed per candidate. The first to be, the
		 * non-essential list of the largest bound, which every candidate
		 * reaches, is passed through the window instead where that costs
		 * less (the essential passes readied the marked papers' norms).
		 * The next lists are reached by fewer candidates: passing them
		 * did not pay (docs/search-speed.md). */
		size_t probe = first;
		if (first > 0 && !rc && pass_pays(e, t[first - 1].s, hit, words, end - d)) {
			probe--;
			seek_posting(e, t[probe].s, d);
			rc = pass_marked(e, t[probe].s, d, end, acc, hit);
		}
		for (uint32_t wd = 0; wd < words && !rc; wd++) {
			for (uint64_t bits = hit[wd]; bits && !rc; bits &= bits - 1) {
				uint32_t j = wd * 64 + (uint32_t)__builtin_ctzll(bits), p = d + j;
				fixed sum = acc[j];
				theta = threshold(tk, sh);
				/* Non-essential terms, largest bound first, with block-max bounds. */
				int alive = from_fixed(sum) + cub[probe] > theta;
				if (alive && probe > 0) {
					if (rest_first != probe || p > rest_last) {
						rest = 0;
						rest_last = CUR_END;
						for (size_t i = 0; i < probe; i++) {
							uint32_t last;
							rest += block_bound(e, &t[i], p, &last);
							if (last < rest_last)
								rest_last = last;
						}
						rest_first = probe;
					}
					alive = from_fixed(sum) + rest > theta;
				}
				if (alive)
					alive = passes(e, root, p);
				for (size_t i = probe; alive && i-- > 0;) {
					if (from_fixed(sum) + cub[i + 1] <= theta) {
						alive = 0;
						break;
					}
					seek_posting(e, t[i].s, p);
					if (t[i].s->docid == p) {
						fixed share;
						if ((rc = term_share(e, t[i].s, &share)))
							break;
						sum += share;
					}
				}
				if (alive && !rc) {
					if (topk_push(tk, from_fixed(sum), p) && sh->publish &&
					    topk_threshold(tk) > published)
						publish(sh, published = topk_threshold(tk));
					nscored++;
				}
			}
		}
		if (rc)
			break;
	}
	*scored += nscored;
	free(t);
	free(cub);
	free(acc);
	free(bb);
	return rc;
}

/* Term at a time -------------------------------------------------- */

/* For a deep k, MaxScore's threshold stays too low to skip much, and it
 * pays per paper for candidates and probes. run_taat reads every posting
 * instead, a span of docids at a time (after Lucene's BooleanScorer): each
 * list in turn adds its shares into the span's sums, then the papers hit
 * go to the heap in docid order. Same sums (fixed point), same heap: the
 * hits of the exhaustive evaluator, bit for bit. The threads split the
 * docids as for MaxScore, and skip the papers that another's heap keeps
 * out of the top k. */
#define TAAT_SPAN 8192  /* docids per span: the sums (64 KB) stay in a core's cache */

/* Adds a share in paper d + j to a span's sums and marks the paper. */
static inline void taat_add(fixed *sum, uint64_t *hit, uint32_t j, fixed share)
{
	sum[j] += share;
	hit[j / 64] |= (uint64_t)1 << (j % 64);
}

/* Adds term s's shares in the papers of [d, end) to sum[] (by docid - d)
 * and marks them in hit[]. */
static int taat_pass(eng_index *e, scorer *s, uint32_t d, uint32_t end, fixed *sum, uint64_t *hit)
{
	post_cursor *c = s->cur;
	double w = s->weight, k1 = e->model.p.k1;
	int rc = 0;
	if (s->fields != QP_ALLFIELDS) {
		for (; s->docid < end; next_posting(e, s)) {
			fixed share;
			if ((rc = term_share(e, s, &share)))
				break;
			taat_add(sum, hit, s->docid - d, share);
		}
		return rc;
	}
	while (c->docid < end && !rc) {
		cur_load_freqs(c);
		if (c->err)
			break;
		uint32_t lim = block_stop(c, end);
		for (uint32_t x = c->i; x < lim; x++) {
			double norm[POST_FIELDS];
			if ((rc = doclen_norms_filled(&e->lens, c->docs[x], norm)))
				break;
			taat_add(sum, hit, c->docs[x] - d, share_of(w, k1, c->tf0[x], c->tf1[x], norm[0], norm[1]));
		}
		cur_to_index(c, lim);
	}
	s->docid = c->docid;
	return rc;
}

/* Runs the bag root term at a time over the chunks this thread claims
 * from sh, into tk; adds to *scored the papers scored. e's norms must be
 * filled (doclen_fill).
 *
 * As in MaxScore, the lists whose bounds sum to no more than the heap's
 * threshold are non-essential: a paper found in none of the others cannot
 * enter. They only add to the papers the essential lists marked. */
static int run_taat(eng_index *e, scorer *root, topk *tk, ms_share *sh, size_t *scored)
{
	ms_term *t;
	double *cub;
	size_t nt = terms_by_bound(root, &t, &cub);
	/* sum[j] is 0 wherever hit[] is clear: the heap's loop resets both. */
	fixed *sum = mem_calloc(TAAT_SPAN, sizeof *sum);
	uint64_t *hit = mem_calloc(TAAT_SPAN / 64, sizeof *hit);
	uint32_t lo, hi;
	size_t n = 0;
	double published = -INFINITY;
	int rc = 0, done = 0;
	while (!rc && !done && claim(sh, &lo, &hi)) {
		for (uint32_t d = lo, end; !rc; d = end) {
			size_t ess = 0;  /* t[ess..nt) are essential */
			double bar = threshold(tk, sh);
			while (ess < nt && cub[ess + 1] <= bar)
				ess++;
			if (ess == nt) {
				done = 1;
				break;
			}
			/* The next span starts at the first essential posting left,
			 * so that sparse lists cost no empty spans. */
			uint32_t first = CUR_END;
			for (size_t i = ess; i < nt; i++) {
				seek_posting(e, t[i].s, d);
				if (t[i].s->docid < first)
					first = t[i].s->docid;
			}
			if (first >= hi)
				break;
			d = first;
			end = hi - d > TAAT_SPAN ? d + TAAT_SPAN : hi;
			for (size_t i = ess; i < nt && !rc; i++)
				rc = taat_pass(e, t[i].s, d, end, sum, hit);
			for (size_t i = 0; i < ess && !rc; i++) {
				seek_posting(e, t[i].s, d);
				rc = pass_marked(e, t[i].s, d, end, sum, hit);
			}
			for (uint32_t wd = 0; wd < (end - d + 63) / 64 && !rc; wd++) {
				uint64_t bits = hit[wd];
				if (!bits)
					continue;
				hit[wd] = 0;
				n += (size_t)__builtin_popcountll(bits);
				/* The papers of this word above the threshold, kept
				 * without a branch on their scores (which mispredicts
				 * half the time near the threshold). The threshold
				 * only rises, so one read per word is a true one; and
				 * docids increase through the loop, so a paper that
				 * only ties it would not enter: skipping it is exact. */
				double theta = threshold(tk, sh);
				topk_hit cand[64];
				uint32_t m = 0;
				for (; bits; bits &= bits - 1) {
					uint32_t j = wd * 64 + (uint32_t)__builtin_ctzll(bits);
					cand[m] = (topk_hit){from_fixed(sum[j]), d + j};
					sum[j] = 0;
					m += cand[m].score > theta;
				}
				for (uint32_t c = 0; c < m; c++)
					if (passes(e, root, cand[c].docid) && topk_push(tk, cand[c].score, cand[c].docid) &&
					    sh->publish && topk_threshold(tk) > published)
						publish(sh, published = topk_threshold(tk));
			}
		}
	}
	*scored += n;
	free(t);
	free(cub);
	free(sum);
	free(hit);
	return rc;
}

/* Parallel search -------------------------------------------------- */

/* A pool thread's own: its read transaction, on the caller's snapshot,
 * its analyzer (eng_run_parts), and what its part of a search found. */
struct eng_worker {
	store_txn *txn;
	an_analyzer *an;
	topk tk;
	size_t scored;
	int rc;
	char err[256];
};

/* Chunks per thread: enough that a thread which drew a cheap chunk takes
 * another while the other is busy. */
#define CHUNKS_PER_THREAD 8

/* An evaluator of bags over the chunks of a share: run_maxscore, run_taat. */
typedef int (*bag_eval)(eng_index *e, scorer *root, topk *tk, ms_share *sh, size_t *scored);

typedef struct par_search {
	eng_index *e;
	const qp_query *q;
	size_t k;
	bag_eval run;
	scorer *root;          /* the caller's tree */
	topk tk;               /* the caller's part */
	size_t scored;
	int rc;
	ms_share sh;
} par_search;

/* Worker w's part of search j; each part's heap is sorted where it was
 * filled, so that only the merge is left to the caller. */
static void search_part(void *arg, unsigned w)
{
	par_search *j = arg;
	if (w == 0) {
		j->rc = j->run(j->e, j->root, &j->tk, &j->sh, &j->scored);
		topk_sorted(&j->tk);
		return;
	}
	eng_worker *me = &j->e->workers[w];
	build b = {.e = j->e, .txn = me->txn};
	scorer *root = build_node(&b, j->q->root);
	topk_init(&me->tk, j->k);
	me->scored = 0;
	me->err[0] = '\0';
	int rc = b.rc;
	if (!rc && root)
		rc = j->run(j->e, root, &me->tk, &j->sh, &me->scored);
	if (!rc)
		rc = cursor_errors(&b, me->err, sizeof me->err);
	me->rc = rc;
	topk_sorted(&me->tk);
	free_build(&b);
}

/* Runs the bag root (built by the caller) on every thread of e's pool;
 * their hits, merged, go to the empty tk, sorted as by topk_sorted. */
static int run_parallel(eng_index *e, const qp_query *q, size_t k, bag_eval run, scorer *root,
			topk *tk, eng_result *r)
{
	unsigned n = pool_size(e->pool);
	par_search j = {.e = e, .q = q, .k = k, .run = run, .root = root};
	topk_init(&j.tk, k);
	share_init(&j.sh, n * CHUNKS_PER_THREAD, e->stats.next_docid);
	pool_run(e->pool, search_part, &j);
	int rc = j.rc;
	r->scored = j.scored;
	const topk **parts = mem_calloc(n, sizeof *parts);
	parts[0] = &j.tk;
	for (unsigned w = 1; w < n; w++) {
		eng_worker *me = &e->workers[w];
		if (!rc && me->rc) {
			rc = me->rc;
			set_error(e, "%s", me->err[0] ? me->err : pdx_strerror(rc));
		}
		parts[w] = &me->tk;
		r->scored += me->scored;
	}
	topk_merge(tk, parts, n);
	for (unsigned w = 1; w < n; w++)
		topk_free(&e->workers[w].tk);
	topk_free(&j.tk);
	free(parts);
	return rc;
}

/* Postings in the lists of a bag's terms: the work a thread would do
 * without pruning. */
static uint64_t bag_postings(const scorer *root)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < root->nshould; i++)
		if (root->should[i]->kind == S_TERM)
			sum += root->should[i]->term.df;
	return sum;
}

static void open_worker_txn(void *arg, unsigned w)
{
	eng_index *e = arg;
	if (w == 0)
		return;
	eng_worker *me = &e->workers[w];
	me->rc = store_txn_begin(e->st, 0, &me->txn);
	/* Another writer may have committed since the caller's began. */
	if (!me->rc && mdb_txn_id(store_txn_mdb(me->txn)) != mdb_txn_id(store_txn_mdb(e->txn)))
		me->rc = EAGAIN;
	if (!me->rc)
		me->rc = an_open(&me->an);
}

static void close_worker_txn(void *arg, unsigned w)
{
	eng_index *e = arg;
	if (w == 0)
		return;
	store_txn_abort(e->workers[w].txn);
	an_close(e->workers[w].an);
	e->workers[w].txn = NULL;
	e->workers[w].an = NULL;
}

static void stop_threads(eng_index *e)
{
	if (!e->pool)
		return;
	pool_run(e->pool, close_worker_txn, e);
	pool_free(e->pool);
	free(e->workers);
	e->pool = NULL;
	e->workers = NULL;
}

int eng_set_threads(eng_index *e, unsigned n, uint64_t min_postings)
{
	stop_threads(e);
	e->par_min = min_postings;
	if (n < 2)
		return 0;
	int rc = pool_create(n, &e->pool);
	if (rc) {
		set_error(e, "cannot start %u search threads: %s", n, pdx_strerror(rc));
		return rc;
	}
	e->workers = mem_calloc(n, sizeof *e->workers);
	pool_run(e->pool, open_worker_txn, e);
	for (unsigned w = 1; w < n && !rc; w++)
		rc = e->workers[w].rc;
	if (rc) {
		set_error(e, "search threads: %s", rc == EAGAIN ? "the index changed as they started"
								     : pdx_strerror(rc));
		stop_threads(e);
	}
	return rc;
}

int eng_preload(eng_index *e)
{
	return doclen_fill(&e->lens);
}

typedef struct parts_job {
	eng_index *e;
	eng_part_fn fn;
	void *arg;
} parts_job;

static void run_part(void *arg, unsigned w)
{
	parts_job *j = arg;
	unsigned n = pool_size(j->e->pool);
	if (w == 0)
		j->fn(j->arg, 0, n, j->e->txn, j->e->an);
	else
		j->fn(j->arg, w, n, j->e->workers[w].txn, j->e->workers[w].an);
}

void eng_run_parts(eng_index *e, eng_part_fn fn, void *arg)
{
	if (!e->pool) {
		fn(arg, 0, 1, e->txn, e->an);
		return;
	}
	parts_job j = {e, fn, arg};
	pool_run(e->pool, run_part, &j);
}

/* Searching ---------------------------------------------------------- */

/* Whether the bag root goes to the pool: worth the threads' start, and
 * the norms ready for them. */
static int go_parallel(eng_index *e, const scorer *root)
{
	return e->pool && bag_postings(root) >= e->par_min &&
	       doclen_fill(&e->lens) == 0;
}

/* Runs the bag root with run into tk, on the pool when it is worth it;
 * sets *sorted when tk comes sorted (run_parallel's merge). */
static int run_bag(eng_index *e, const qp_query *q, size_t k, bag_eval run, scorer *root, topk *tk,
		   eng_result *out, int *sorted)
{
	/* run_taat reads every paper's norms: all at once costs less. */
	int rc = run == run_taat ? doclen_fill(&e->lens) : 0;
	if (rc)
		return rc;
	if (go_parallel(e, root)) {
		*sorted = 1;
		return run_parallel(e, q, k, run, root, tk, out);
	}
	ms_share one;
	share_init(&one, 1, e->stats.next_docid);
	return run(e, root, tk, &one, &out->scored);
}

int eng_search(eng_index *e, const qp_query *q, size_t k, eng_mode mode, eng_result *out)
{
	memset(out, 0, sizeof *out);
	e->err[0] = '\0';
	build b = {.e = e, .txn = e->txn, .res = out};
	scorer *root = build_node(&b, q->root);
	topk tk;
	topk_init(&tk, k);
	int rc = b.rc, sorted = 0;
	if (!rc && root && (root->nmust || root->nshould)) {
		if (mode == ENG_AUTO)
			mode = k >= ENG_TAAT_MIN_K ? ENG_TAAT : ENG_MAXSCORE;
		if (mode == ENG_EXHAUSTIVE || !qp_is_bag(q))
			rc = run_exhaustive(e, root, &tk, out);
		else
			rc = run_bag(e, q, k, mode == ENG_TAAT ? run_taat : run_maxscore, root, &tk, out, &sorted);
		if (!rc)
			rc = cursor_errors(&b, e->err, sizeof e->err);
	}
	if (rc && !e->err[0])
		set_error(e, "%s", pdx_strerror(rc));
	out->n = rc ? 0 : sorted ? tk.n : topk_sorted(&tk);
	out->hits = tk.h;
	free_build(&b);
	return rc;
}

void eng_result_free(eng_result *r)
{
	free(r->hits);
	for (size_t i = 0; i < r->nhints; i++) {
		free(r->hints[i].label);
		free(r->hints[i].value);
		free(r->hints[i].stem);
	}
	free(r->hints);
	memset(r, 0, sizeof *r);
}

/* Explanations ------------------------------------------------------- */

static void explain_node(eng_index *e, scorer *s, uint32_t docid, const uint32_t len[POST_FIELDS],
			 const double norm[POST_FIELDS], buf *out, int depth)
{
	static const char *const fname[POST_FIELDS] = {"title", "abstract"};
	if (s->kind == S_BOOL) {
		if (s->docid != docid)
			return;
		for (size_t i = 0; i < s->nmust; i++)
			explain_node(e, s->must[i], docid, len, norm, out, depth);
		for (size_t i = 0; i < s->nshould; i++) {
			advance(e, s->should[i], docid);
			explain_node(e, s->should[i], docid, len, norm, out, depth);
		}
		return;
	}
	if ((s->kind != S_TERM && s->kind != S_PHRASE) || s->docid != docid)
		return;
	uint32_t term_tf[POST_FIELDS];
	if (s->kind == S_TERM)
		cur_freqs(s->cur, term_tf);
	const uint32_t *tf = s->kind == S_TERM ? term_tf : s->ptf;
	double tfn = bm25_tfn(tf, norm, s->fields);
	double sc = bm25_score(&e->model, s->weight, tfn);
	buf_printf(out, "%*s%-7.4f ", 4 + 2 * depth, "", sc);
	if (s->kind == S_TERM) {
		buf_puts(out, s->label);
	} else {
		buf_putc(out, '"');
		for (size_t i = 0; i < s->phrase->nterms[0]; i++)
			buf_printf(out, "%s%s", i ? " " : "", s->phrase->pterms[0][i].term);
		buf_putc(out, '"');
	}
	buf_printf(out, "  weight %.4f", s->weight);
	if (s->kind == S_TERM)
		buf_printf(out, " (idf %.4f, df %u)", idf_of(e, s->term.df), s->term.df);
	for (int f = 0; f < POST_FIELDS; f++) {
		if (!(s->fields >> f & 1) || !tf[f])
			continue;
		double part = tf[f] * norm[f];
		buf_printf(out, "; %s tf %u len %u -> %.4f", fname[f], tf[f], len[f], part);
	}
	buf_printf(out, "; tfn %.4f\n", tfn);
}

int eng_explain(eng_index *e, const qp_query *q, uint32_t docid, buf *out)
{
	build b = {.e = e, .txn = e->txn};
	scorer *root = build_node(&b, q->root);
	int rc = b.rc;
	if (!rc && root) {
		advance(e, root, docid);
		uint32_t len[POST_FIELDS];
		double norm[POST_FIELDS];
		if (!(rc = store_doclen(e->txn, docid, len)) && !(rc = doclen_norms(&e->lens, docid, norm)))
			explain_node(e, root, docid, len, norm, out, 0);
	}
	free_build(&b);
	return rc;
}

static void collect_terms(const qp_node *n, const char ***v, size_t *cnt, size_t *cap)
{
	if (n->occur == QP_MUST_NOT)
		return;
	if (n->kind == QP_TERM) {
		*v = mem_grow(*v, cap, *cnt + 2, sizeof **v);
		(*v)[(*cnt)++] = n->term;
	} else if (n->kind == QP_PHRASE) {
		for (size_t var = 0; var < n->nvariants; var++)
			for (size_t i = 0; i < n->nterms[var]; i++) {
				*v = mem_grow(*v, cap, *cnt + 2, sizeof **v);
				(*v)[(*cnt)++] = n->pterms[var][i].term;
			}
	} else if (n->kind == QP_BOOL) {
		for (size_t i = 0; i < n->nkids; i++)
			collect_terms(n->kids[i], v, cnt, cap);
	}
}

const char **eng_query_terms(const qp_query *q)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	collect_terms(q->root, &v, &n, &cap);
	v = mem_grow(v, &cap, n + 1, sizeof *v);
	v[n] = NULL;
	return v;
}
