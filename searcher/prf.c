/* prf — RM3 query expansion (model in prf.h). Term statistics come from
 * the stored records re-analyzed with the index's analyzer, so a feedback
 * term is exactly an index term. */
#include "prf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "record.h"
#include "store.h"
#include "strmap.h"

const prf_params prf_defaults = {10, 10, 0.5};

typedef struct tv {
	strmap *map;
	char **term, **surface;
	double *w;
	size_t n, cap;
} tv;

static void tv_init(tv *v)
{
	memset(v, 0, sizeof *v);
	v->map = strmap_new();
}

static void tv_free(tv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->term[i]);
		free(v->surface[i]);
	}
	free(v->term);
	free(v->surface);
	free(v->w);
	strmap_free(v->map);
	memset(v, 0, sizeof *v);
}

static void tv_add(tv *v, const char *term, size_t n, const char *surface, size_t sn, double w)
{
	char key[64];
	if (n >= sizeof key)
		return;
	memcpy(key, term, n);
	key[n] = '\0';
	size_t at;
	if (strmap_get(v->map, key, &at)) {
		v->w[at] += w;
		return;
	}
	v->term = mem_grow(v->term, &v->cap, v->n + 1, sizeof *v->term);
	v->surface = mem_realloc(v->surface, v->cap * sizeof *v->surface);
	v->w = mem_realloc(v->w, v->cap * sizeof *v->w);
	v->term[v->n] = mem_strdup(key);
	v->surface[v->n] = mem_strndup(surface, sn);
	v->w[v->n] = w;
	strmap_put(v->map, v->term[v->n], v->n, NULL);
	v->n++;
}

typedef struct tv_rank {
	double w;
	const char *term;
	size_t i;
} tv_rank;

static int cmp_rank(const void *a, const void *b)
{
	const tv_rank *x = a, *y = b;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return strcmp(x->term, y->term);
}

/* Indexes of the k heaviest entries (ties by term), heaviest first. */
static size_t top(const tv *v, size_t k, size_t **out)
{
	tv_rank *r = mem_alloc((v->n + 1) * sizeof *r);
	for (size_t i = 0; i < v->n; i++)
		r[i] = (tv_rank){v->w[i], v->term[i], i};
	qsort(r, v->n, sizeof *r, cmp_rank);
	size_t *o = mem_alloc((v->n + 1) * sizeof *o);
	for (size_t i = 0; i < v->n; i++)
		o[i] = r[i].i;
	free(r);
	*out = o;
	return v->n < k ? v->n : k;
}

/* The longest feedback term, in bytes (prf.h: 2..20 ASCII letters or digits). */
enum { PLAIN_MAX = 20 };

static int plain_term(const char *t, size_t n)
{
	if (n < 2 || n > PLAIN_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9')))
			return 0;
	return 1;
}

/* One paper's plain terms and their counts. A paper meets a hundred or
 * more distinct words and keeps a few dozen, so a word is a fixed-size
 * entry with its surface in one shared arena, rather than two
 * allocations each as in a tv. */
typedef struct wc_word {
	char term[PLAIN_MAX];  /* zero-padded: memcmp orders as strcmp does */
	uint32_t count;
	uint32_t surface;  /* arena offset */
	uint32_t slen;
	uint8_t len;
} wc_word;

typedef struct wc {
	wc_word *w;
	size_t n, cap;
	uint32_t *slot;    /* index + 1 into w; 0 is empty */
	size_t nslots;     /* a power of two, at least twice n */
	buf arena;
} wc;

static size_t wc_home(const char *t, size_t n, size_t nslots)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)t[i]) * 16777619u;
	return h & (nslots - 1);
}

static void wc_grow(wc *c)
{
	size_t nslots = c->nslots ? c->nslots * 2 : 256;
	uint32_t *slot = mem_calloc(nslots, sizeof *slot);
	for (size_t i = 0; i < c->n; i++) {
		size_t at = wc_home(c->w[i].term, c->w[i].len, nslots);
		while (slot[at])
			at = (at + 1) & (nslots - 1);
		slot[at] = (uint32_t)i + 1;
	}
	free(c->slot);
	c->slot = slot;
	c->nslots = nslots;
}

/* Counts term (a plain_term) with its surface. */
static void wc_add(wc *c, const char *term, size_t n, const char *surface, size_t sn)
{
	if (2 * (c->n + 1) > c->nslots)
		wc_grow(c);
	size_t at = wc_home(term, n, c->nslots);
	for (uint32_t i; (i = c->slot[at]); at = (at + 1) & (c->nslots - 1)) {
		wc_word *w = &c->w[i - 1];
		if (w->len == n && !memcmp(w->term, term, n)) {
			w->count++;
			return;
		}
	}
	c->w = mem_grow(c->w, &c->cap, c->n + 1, sizeof *c->w);
	wc_word *w = &c->w[c->n];
	*w = (wc_word){.count = 1, .surface = (uint32_t)c->arena.n, .slen = (uint32_t)sn, .len = (uint8_t)n};
	memcpy(w->term, term, n);
	buf_put(&c->arena, surface, sn);
	c->slot[at] = (uint32_t)++c->n;
}

static void wc_free(wc *c)
{
	free(c->w);
	free(c->slot);
	buf_free(&c->arena);
}

static int on_token(void *ctx, const an_token *t)
{
	if (plain_term(t->term, t->len))
		wc_add(ctx, t->term, t->len, t->surface, t->surface_len);
	return 0;
}

/* Most frequent first, then in term order (as cmp_rank orders a tv). */
static int cmp_word(const void *a, const void *b)
{
	const wc_word *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return memcmp(x->term, y->term, sizeof x->term);
}

/* Whether term may be a feedback term: not one of the index's frequent
 * terms (stopword-like). A stored paper's terms are all in the index, so
 * no dictionary lookup is needed. Sets *ok; returns 0 or a store error. */
static int feedback_term(store_txn *txn, const char *term, size_t n, int *ok)
{
	int frequent;
	int rc = store_term_frequent(txn, term, n, &frequent);
	*ok = !rc && !frequent;
	return rc;
}

/* Feedback paper hit's share of the relevance model into picks (empty):
 * its `terms` most frequent feedback terms, each weighted by its share in
 * them times the paper's score, most frequent first. Reads through txn
 * and an. Returns 0 or a store, record or analyzer error. */
static int paper_terms(store_txn *txn, an_analyzer *an, const topk_hit *hit, const prf_params *p,
		       tv *picks)
{
	const void *data;
	size_t len;
	rec_paper rec;
	rec_init(&rec);
	wc doc = {0};
	int rc = store_doc_get(txn, hit->docid, &data, &len);
	if (!rc)
		rc = rec_decode(data, len, &rec);
	if (!rc)
		rc = an_analyze(an, rec.title, strlen(rec.title), on_token, &doc);
	if (!rc)
		rc = an_analyze(an, rec.abstract, strlen(rec.abstract), on_token, &doc);
	/* The paper's terms, most frequent first, until `terms` feedback
	 * terms. */
	if (doc.n)
		qsort(doc.w, doc.n, sizeof *doc.w, cmp_word);
	size_t *pick = mem_alloc((p->terms + 1) * sizeof *pick), k = 0;
	double norm = 0;
	for (size_t j = 0; j < doc.n && k < p->terms && !rc; j++) {
		int ok;
		rc = feedback_term(txn, doc.w[j].term, doc.w[j].len, &ok);
		if (ok) {
			pick[k++] = j;
			norm += doc.w[j].count;
		}
	}
	for (size_t j = 0; j < k && norm > 0 && !rc; j++) {
		const wc_word *w = &doc.w[pick[j]];
		tv_add(picks, w->term, w->len, (const char *)doc.arena.p + w->surface, w->slen,
		       w->count / norm * hit->score);
	}
	free(pick);
	wc_free(&doc);
	rec_clear(&rec);
	return rc;
}

/* The feedback papers, read and analyzed on the engine's threads. */
typedef struct fb_job {
	const topk_hit *hits;
	size_t n;
	const prf_params *p;
	tv *picks;  /* by paper: paper_terms */
	int *rc;    /* by paper */
} fb_job;

static void feedback_part(void *arg, unsigned part, unsigned nparts, store_txn *txn, an_analyzer *an)
{
	fb_job *j = arg;
	for (size_t i = part; i < j->n; i += nparts)
		j->rc[i] = paper_terms(txn, an, &j->hits[i], j->p, &j->picks[i]);
}

/* The relevance model of the feedback papers hits[0..n) into rm: their
 * picks (paper_terms), summed paper by paper in rank order, so the sums do
 * not depend on which thread read which paper. */
static int relevance_model(eng_index *e, const topk_hit *hits, size_t n, const prf_params *p, tv *rm)
{
	fb_job j = {hits, n, p, mem_calloc(n + 1, sizeof *j.picks), mem_calloc(n + 1, sizeof *j.rc)};
	for (size_t i = 0; i < n; i++)
		tv_init(&j.picks[i]);
	eng_run_parts(e, feedback_part, &j);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const tv *v = &j.picks[i];
		if (!rc && !(rc = j.rc[i]))
			for (size_t m = 0; m < v->n; m++)
				tv_add(rm, v->term[m], strlen(v->term[m]), v->surface[m], strlen(v->surface[m]), v->w[m]);
		tv_free(&j.picks[i]);
	}
	free(j.picks);
	free(j.rc);
	return rc;
}

/* The expansion of bag q by its feedback papers hits[0..n) (see prf.h),
 * into *out (owned). */
static int expand_by(eng_index *e, const qp_query *q, const topk_hit *hits, size_t n,
		     const prf_params *p, qp_query **out)
{
	tv rm, mix;
	tv_init(&rm);
	tv_init(&mix);
	int rc = relevance_model(e, hits, n, p, &rm);
	if (rc)
		goto done;
	double qnorm = 0;
	for (size_t i = 0; i < q->root->nkids; i++)
		if (q->root->kids[i]->occur == QP_SHOULD)
			qnorm += q->root->kids[i]->weight;
	for (size_t i = 0; i < q->root->nkids; i++) {
		const qp_node *k = q->root->kids[i];
		if (k->occur == QP_SHOULD)
			tv_add(&mix, k->term, strlen(k->term), k->surface, strlen(k->surface),
			       p->orig_weight * k->weight / qnorm);
	}
	size_t *o;
	size_t kk = top(&rm, p->terms, &o);
	double rnorm = 0;
	for (size_t j = 0; j < kk; j++)
		rnorm += rm.w[o[j]];
	for (size_t j = 0; j < kk && rnorm > 0; j++)
		tv_add(&mix, rm.term[o[j]], strlen(rm.term[o[j]]), rm.surface[o[j]],
		       strlen(rm.surface[o[j]]), (1 - p->orig_weight) * rm.w[o[j]] / rnorm);
	free(o);
	qp_query *x = qp_bag_new();
	for (size_t i = 0; i < mix.n; i++)
		qp_bag_add(x, mix.term[i], mix.surface[i], mix.w[i]);
	qp_copy_constraints(x, q);
	*out = x;
done:
	tv_free(&mix);
	tv_free(&rm);
	return rc;
}

int prf_expand(eng_index *e, const qp_query *q, const prf_params *p, qp_query **out)
{
	*out = NULL;
	if (!qp_is_bag(q))
		return 0;
	eng_result r;
	int rc = eng_search(e, q, p->docs, ENG_AUTO, &r);
	if (!rc && r.n > 0)
		rc = expand_by(e, q, r.hits, r.n, p, out);
	eng_result_free(&r);
	return rc;
}

static int cmp_docid(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

int prf_backfill(eng_index *e, const qp_query *q, size_t k, eng_result *r)
{
	/* Fewer papers and more terms than a query expansion: only the tail
	 * depends on it, and that is what measured best (docs/quality.md). */
	static const prf_params wide = {5, 30, 0.5};
	if (r->n == 0 || r->n >= k || !qp_is_bag(q))
		return 0;
	/* r's first papers are the feedback papers: q's own top. */
	qp_query *x;
	int rc = expand_by(e, q, r->hits, r->n < wide.docs ? r->n : wide.docs, &wide, &x);
	if (rc)
		return rc;
	eng_result more;
	rc = eng_search(e, x, k, ENG_AUTO, &more);
	qp_free(x);
	if (rc) {
		eng_result_free(&more);
		return rc;
	}
	uint32_t *seen = mem_alloc(r->n * sizeof *seen);
	for (size_t i = 0; i < r->n; i++)
		seen[i] = r->hits[i].docid;
	qsort(seen, r->n, sizeof *seen, cmp_docid);
	size_t have = r->n;
	double floor = r->hits[r->n - 1].score / 2, top = 0;
	r->hits = mem_realloc(r->hits, k * sizeof *r->hits);
	for (size_t i = 0; i < more.n && r->n < k; i++) {
		if (bsearch(&more.hits[i].docid, seen, have, sizeof *seen, cmp_docid))
			continue;
		if (top == 0)
			top = more.hits[i].score;
		r->hits[r->n++] = (topk_hit){floor * more.hits[i].score / top, more.hits[i].docid};
	}
	free(seen);
	eng_result_free(&more);
	return 0;
}
