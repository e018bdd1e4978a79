/* merge — from a run's inverted terms (invert.h) to posting chunks in the
 * index (store.h, chunk layout in postings.c). For each term, in byte
 * order: a new term gets a termid and fresh chunks; an indexed term loses
 * the postings of deleted papers (only the chunks holding them are
 * rewritten) and gains the new ones on its last chunk. The dictionary
 * entry (df, cf, pruning bounds, chunk count) and the collection
 * statistics follow. Bounds come from the encoded chunks, so an index
 * updated in place and one rebuilt from scratch agree exactly. */
#ifndef PDX_MERGE_H
#define PDX_MERGE_H

#include <stdint.h>

#include "invert.h"
#include "store.h"

typedef struct mrg_ctx mrg_ctx;

/* txn, st and lens are borrowed for the merge's life. fresh: a new index
 * (keys go in with MDB_APPEND). lens[i] are the field lengths of docid
 * run_first + i, the papers this run added; older papers' lengths are
 * read from the index. */
mrg_ctx *mrg_new(store_txn *txn, int fresh, store_stats *st, uint32_t run_first,
		 const uint32_t (*lens)[POST_FIELDS]);
void mrg_free(mrg_ctx *m);

/* An inv_term_fn (ctx = the mrg_ctx): merges one term. Returns 0,
 * PDX_ECORRUPT (reported on stderr with the term), or an LMDB error. */
int mrg_term(void *ctx, const inv_term *t);

#endif
