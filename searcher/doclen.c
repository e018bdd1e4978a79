/* doclen — compact field lengths and their norms (see doclen.h). */
#include "doclen.h"

#include <stdlib.h>

#include "mem.h"

_Static_assert(POST_FIELDS == 2, "doclen packs a title and an abstract length");

void doclen_init(doclen_cache *c, store_txn *txn, const bm25_model *m, uint32_t ndocs)
{
	c->txn = txn;
	c->model = m;
	c->ndocs = ndocs;
	c->filled = 0;
	c->longs = NULL;
	c->nlong = 0;
	/* calloc: the pages of chunks never used are never touched. */
	c->packed = mem_calloc((size_t)ndocs + 1, sizeof *c->packed);
	c->ready = mem_calloc((size_t)ndocs / STORE_DOCLEN_CHUNK + 1, 1);
	for (uint32_t len = 0; len <= DOCLEN_TITLE_MAX; len++)
		c->title[len] = bm25_norm(m, 0, len);
	for (uint32_t len = 0; len <= DOCLEN_ABSTRACT_MAX; len++)
		c->abstract[len] = bm25_norm(m, 1, len);
}

void doclen_free(doclen_cache *c)
{
	free(c->packed);
	free(c->ready);
	free(c->longs);
	c->packed = NULL;
	c->ready = NULL;
	c->longs = NULL;
	c->nlong = 0;
	c->filled = 0;
	c->ndocs = 0;
}

static uint16_t pack(const uint32_t len[POST_FIELDS])
{
	if (len[0] > DOCLEN_TITLE_MAX || len[1] > DOCLEN_ABSTRACT_MAX)
		return DOCLEN_LONG;
	return (uint16_t)(len[0] | len[1] << 6);
}

/* Copies the chunk at p (n lengths) holding docid's slot into packed[]. */
static void copy_chunk(doclen_cache *c, uint32_t docid, const unsigned char *p, size_t n)
{
	uint32_t chunk = docid / STORE_DOCLEN_CHUNK, first = chunk * STORE_DOCLEN_CHUNK, len[POST_FIELDS];
	for (uint32_t i = 0; i < STORE_DOCLEN_CHUNK && first + i < c->ndocs; i++) {
		store_doclens_at(p, n, i, len);
		c->packed[first + i] = pack(len);
	}
	c->ready[chunk] = 1;
}

int doclen_fill(doclen_cache *c)
{
	if (c->filled)
		return 0;
	size_t cap = 0, nlong = 0;
	doclen_long *longs = NULL;
	for (uint32_t first = 0; first < c->ndocs; first += STORE_DOCLEN_CHUNK) {
		const unsigned char *p;
		size_t n;
		int rc = store_doclens_chunk(c->txn, first, &p, &n);
		if (rc) {
			free(longs);
			return rc;
		}
		if (!c->ready[first / STORE_DOCLEN_CHUNK])
			copy_chunk(c, first, p, n);
		for (uint32_t i = 0; i < STORE_DOCLEN_CHUNK && first + i < c->ndocs; i++) {
			if (c->packed[first + i] != DOCLEN_LONG)
				continue;
			uint32_t len[POST_FIELDS];
			store_doclens_at(p, n, i, len);
			longs = mem_grow(longs, &cap, nlong + 1, sizeof *longs);
			longs[nlong].docid = first + i;
			bm25_norms(c->model, len, longs[nlong++].norm);
		}
	}
	c->longs = longs;
	c->nlong = nlong;
	c->filled = 1;
	return 0;
}

/* docid's norms once the cache is filled: a long paper's from its table,
 * and a docid past the last paper's as of empty fields. */
static void filled_norms(const doclen_cache *c, uint32_t docid, double norm[POST_FIELDS])
{
	size_t lo = 0, hi = c->nlong;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->longs[mid].docid < docid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->nlong && c->longs[lo].docid == docid) {
		norm[0] = c->longs[lo].norm[0];
		norm[1] = c->longs[lo].norm[1];
		return;
	}
	norm[0] = c->title[0];
	norm[1] = c->abstract[0];
}

int doclen_norms_slow(doclen_cache *c, uint32_t docid, double norm[POST_FIELDS])
{
	if (c->filled) {
		filled_norms(c, docid, norm);
		return 0;
	}
	const unsigned char *p;
	size_t n;
	int rc = store_doclens_chunk(c->txn, docid, &p, &n);
	if (rc)
		return rc;
	uint32_t len[POST_FIELDS];
	if (docid < c->ndocs && !c->ready[docid / STORE_DOCLEN_CHUNK])
		copy_chunk(c, docid, p, n);
	store_doclens_at(p, n, docid % STORE_DOCLEN_CHUNK, len);
	bm25_norms(c->model, len, norm);
	return 0;
}
