/* doclen — the papers' BM25F norms, from a compact copy of their field
 * lengths.
 *
 * Scoring reads a paper's lengths once per term it is scored for, in an
 * order the index does not help: the doclens table (8 bytes a paper) is
 * too large for a core's cache, and every read missed it. This keeps
 * both lengths in 16 bits (title 0..62 in the low 6, abstract 0..1022 in
 * the high 10), copied from the transaction a doclens chunk at a time on
 * its first use, and turns them into norms through per-field tables. A
 * paper with a longer field is marked DOCLEN_LONG and read from the
 * transaction. The norms are the doubles bm25_norm() computes, so scores
 * do not change.
 *
 * doclen_fill copies every chunk at once, and the long papers' norms into
 * a table of their own: from then on the cache is only read, and never
 * reads the transaction, so threads other than the transaction's may
 * share it (the engine's parallel search).
 *
 * A cache borrows its transaction and model: both must outlive it. */
#ifndef PDX_DOCLEN_H
#define PDX_DOCLEN_H

#include <stdint.h>

#include "bm25.h"
#include "store.h"

#define DOCLEN_TITLE_MAX 62
#define DOCLEN_ABSTRACT_MAX 1022
#define DOCLEN_LONG UINT16_MAX

typedef struct doclen_long {
	uint32_t docid;
	double norm[POST_FIELDS];
} doclen_long;

typedef struct doclen_cache {
	/* internal; visible for the inline lookup */
	store_txn *txn;
	const bm25_model *model;
	uint32_t ndocs;          /* docids below this have a slot in packed[] */
	uint16_t *packed;        /* by docid, valid where its chunk is ready */
	unsigned char *ready;    /* by chunk: packed[] holds it */
	double title[DOCLEN_TITLE_MAX + 1], abstract[DOCLEN_ABSTRACT_MAX + 1];
	int filled;              /* doclen_fill ran: every chunk is ready */
	doclen_long *longs;      /* filled: the long papers, by docid */
	size_t nlong;
} doclen_cache;

/* ndocs: one more than the largest docid (store_stats.next_docid). */
void doclen_init(doclen_cache *c, store_txn *txn, const bm25_model *m, uint32_t ndocs);
void doclen_free(doclen_cache *c);

/* Readies every chunk and the long papers' norms, once: on a filled
 * cache it returns at once. Returns 0 or the store's error (the cache is
 * then as before, still usable). */
int doclen_fill(doclen_cache *c);

/* Out-of-line half of doclen_norms: first use of a chunk, long fields. */
int doclen_norms_slow(doclen_cache *c, uint32_t docid, double norm[POST_FIELDS]);

/* doclen_norms for a filled cache (doclen_fill), or for a docid whose
 * chunk is ready: without the check of the chunk. Returns 0 or the
 * store's error. */
static inline int doclen_norms_filled(doclen_cache *c, uint32_t docid, double norm[POST_FIELDS])
{
	uint16_t v = docid < c->ndocs ? c->packed[docid] : DOCLEN_LONG;
	if (v != DOCLEN_LONG) {
		norm[0] = c->title[v & 63];
		norm[1] = c->abstract[v >> 6];
		return 0;
	}
	return doclen_norms_slow(c, docid, norm);
}

/* The norms of docid's fields (bm25_norms of its lengths). Returns 0 or
 * the store's error. */
static inline int doclen_norms(doclen_cache *c, uint32_t docid, double norm[POST_FIELDS])
{
	if (docid < c->ndocs && c->ready[docid / STORE_DOCLEN_CHUNK])
		return doclen_norms_filled(c, docid, norm);
	return doclen_norms_slow(c, docid, norm);
}

#endif
