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
	c->packed = NULL;
	c->ready = NULL;
	c->ndocs = 0;
}

static uint16_t pack(const uint32_t len[POST_FIELDS])
{
	if (len[0] > DOCLEN_TITLE_MAX || len[1] > DOCLEN_ABSTRACT_MAX)
		return DOCLEN_LONG;
	return (uint16_t)(len[0] | len[1] << 6);
}

int doclen_norms_slow(doclen_cache *c, uint32_t docid, double norm[POST_FIELDS])
{
	const unsigned char *p;
	size_t n;
	int rc = store_doclens_chunk(c->txn, docid, &p, &n);
	if (rc)
		return rc;
	uint32_t chunk = docid / STORE_DOCLEN_CHUNK, len[POST_FIELDS];
	if (docid < c->ndocs && !c->ready[chunk]) {
		uint32_t first = chunk * STORE_DOCLEN_CHUNK;
		for (uint32_t i = 0; i < STORE_DOCLEN_CHUNK && first + i < c->ndocs; i++) {
			store_doclens_at(p, n, i, len);
			c->packed[first + i] = pack(len);
		}
		c->ready[chunk] = 1;
	}
	store_doclens_at(p, n, docid % STORE_DOCLEN_CHUNK, len);
	bm25_norms(c->model, len, norm);
	return 0;
}
