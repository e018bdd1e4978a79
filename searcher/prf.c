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
#include "text.h"

const prf_params prf_defaults = {10, 10, 0.5};

/* A term vector: terms (at most TV_TERM - 1 bytes; longer ones are
 * dropped) with their summed weights and a surface form each, in the
 * order first added. A feedback paper meets a hundred or more distinct
 * words, so an entry has a fixed size and the surfaces share one arena,
 * rather than two allocations a word. */
enum { TV_TERM = 64 };

typedef struct tv_entry {
	char term[TV_TERM];  /* zero-padded: memcmp orders as strcmp does */
	double w;
	uint32_t surface;    /* arena offset of the NUL-terminated surface */
	uint32_t slen;
	uint8_t len;
} tv_entry;

typedef struct tv {
	tv_entry *e;
	size_t n, cap;
	uint32_t *slot;      /* index + 1 into e; 0 is empty */
	size_t nslots;       /* 0, or a power of two at least twice n */
	buf arena;
} tv;

static void tv_init(tv *v)
{
	memset(v, 0, sizeof *v);
}

static void tv_free(tv *v)
{
	free(v->e);
	free(v->slot);
	buf_free(&v->arena);
	memset(v, 0, sizeof *v);
}

static size_t tv_home(const char *t, size_t n, size_t nslots)
{
	return text_hash(t, n) & (nslots - 1);
}

/* Rebuilds the table with room for one more entry. */
static void tv_grow(tv *v)
{
	size_t nslots = v->nslots ? v->nslots * 2 : 256;
	while (nslots < 2 * (v->n + 1))
		nslots *= 2;
	uint32_t *slot = mem_calloc(nslots, sizeof *slot);
	for (size_t i = 0; i < v->n; i++) {
		size_t at = tv_home(v->e[i].term, v->e[i].len, nslots);
		while (slot[at])
			at = (at + 1) & (nslots - 1);
		slot[at] = (uint32_t)i + 1;
	}
	free(v->slot);
	v->slot = slot;
	v->nslots = nslots;
}

static void tv_add(tv *v, const char *term, size_t n, const char *surface, size_t sn, double w)
{
	if (n >= TV_TERM)
		return;
	char key[TV_TERM] = {0};
	memcpy(key, term, n);
	if (2 * (v->n + 1) > v->nslots)
		tv_grow(v);
	size_t at = tv_home(key, n, v->nslots);
	for (uint32_t i; (i = v->slot[at]); at = (at + 1) & (v->nslots - 1))
		if (!memcmp(v->e[i - 1].term, key, TV_TERM)) {
			v->e[i - 1].w += w;
			return;
		}
	v->e = mem_grow(v->e, &v->cap, v->n + 1, sizeof *v->e);
	tv_entry *e = &v->e[v->n];
	memcpy(e->term, key, TV_TERM);
	e->w = w;
	e->surface = (uint32_t)v->arena.n;
	e->slen = (uint32_t)sn;
	e->len = (uint8_t)n;
	buf_put(&v->arena, surface, sn);
	buf_putc(&v->arena, 0);
	v->slot[at] = (uint32_t)++v->n;
}

static const char *tv_surface(const tv *v, size_t i)
{
	return (const char *)v->arena.p + v->e[i].surface;
}

/* Heaviest first, then in term order. */
static int cmp_entry(const void *a, const void *b)
{
	const tv_entry *x = a, *y = b;
	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return memcmp(x->term, y->term, TV_TERM);
}

/* Orders v's entries heaviest first, ties by term. The next tv_add
 * rebuilds the table. */
static void tv_sort(tv *v)
{
	if (v->n)
		qsort(v->e, v->n, sizeof *v->e, cmp_entry);
	free(v->slot);
	v->slot = NULL;
	v->nslots = 0;
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

static int on_token(void *ctx, const an_token *t)
{
	if (plain_term(t->term, t->len))
		tv_add(ctx, t->term, t->len, t->surface, t->surface_len, 1);
	return 0;
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
	tv doc;
	tv_init(&doc);
	int rc = store_doc_get(txn, hit->docid, &data, &len);
	if (!rc)
		rc = rec_decode(data, len, &rec);
	if (!rc)
		rc = an_analyze(an, rec.title, strlen(rec.title), on_token, &doc);
	if (!rc)
		rc = an_analyze(an, rec.abstract, strlen(rec.abstract), on_token, &doc);
	/* The paper's terms, most frequent first, until `terms` feedback
	 * terms. */
	tv_sort(&doc);
	size_t *pick = mem_alloc((p->terms + 1) * sizeof *pick), k = 0;
	double norm = 0;
	for (size_t j = 0; j < doc.n && k < p->terms && !rc; j++) {
		int ok;
		rc = feedback_term(txn, doc.e[j].term, doc.e[j].len, &ok);
		if (ok) {
			pick[k++] = j;
			norm += doc.e[j].w;
		}
	}
	for (size_t j = 0; j < k && norm > 0 && !rc; j++) {
		const tv_entry *t = &doc.e[pick[j]];
		tv_add(picks, t->term, t->len, tv_surface(&doc, pick[j]), t->slen, t->w / norm * hit->score);
	}
	free(pick);
	tv_free(&doc);
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
				tv_add(rm, v->e[m].term, v->e[m].len, tv_surface(v, m), v->e[m].slen, v->e[m].w);
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
			tv_add(&mix, k->term, strlen(k->term), k->surface ? k->surface : k->term,
			       strlen(k->surface ? k->surface : k->term),
			       p->orig_weight * k->weight / qnorm);
	}
	tv_sort(&rm);
	size_t kk = rm.n < p->terms ? rm.n : p->terms;
	double rnorm = 0;
	for (size_t j = 0; j < kk; j++)
		rnorm += rm.e[j].w;
	for (size_t j = 0; j < kk && rnorm > 0; j++)
		tv_add(&mix, rm.e[j].term, rm.e[j].len, tv_surface(&rm, j), rm.e[j].slen,
		       (1 - p->orig_weight) * rm.e[j].w / rnorm);
	qp_query *x = qp_bag_new();
	for (size_t i = 0; i < mix.n; i++) {
		/* Only the words the user typed may get a did-you-mean. */
		int typed = 0;
		for (size_t j = 0; j < q->root->nkids && !typed; j++)
			typed = q->root->kids[j]->occur == QP_SHOULD && q->root->kids[j]->term &&
				strcmp(q->root->kids[j]->term, mix.e[i].term) == 0;
		qp_bag_add(x, mix.e[i].term, typed ? tv_surface(&mix, i) : NULL, mix.e[i].w);
	}
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
