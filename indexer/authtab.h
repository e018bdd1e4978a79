/* authtab — the author table of one indexing run, kept in memory.
 *
 * Every paper added or deleted changes its authors' paper counts and the
 * tallies of how each writes their name. Doing that in LMDB per paper
 * costs a lookup and a rewrite per author per paper; here the changes
 * accumulate in a hash table (an author is read from the index once, the
 * first time the run meets them) and at_flush writes each changed author
 * once, in key order — at the end of the run, or earlier when the table
 * outgrows its share of the memory budget. */
#ifndef PDX_AUTHTAB_H
#define PDX_AUTHTAB_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct at_table at_table;

at_table *at_new(void);
void at_free(at_table *t);

/* Counts one more paper (delta +1) or one fewer (delta -1) for the author
 * with this key, written as display in that paper. *authorid gets the
 * author's id: the index's, or a new one from st->next_authorid. Returns 0,
 * PDX_ECORRUPT (a removal for an author with no papers, or an unreadable
 * entry) or an LMDB error. */
int at_update(at_table *t, store_txn *txn, const char *key, size_t n, const char *display,
	      size_t dn, int delta, store_stats *st, uint32_t *authorid);

/* Bytes the table holds (its share of the --mem budget). */
size_t at_memory(const at_table *t);

/* Writes every author changed since the last flush, and the id table, then
 * empties the table; a run may flush whenever the table grows too large.
 * fresh (an empty index at the start of the run): new ids, and the keys of
 * the first flush, go in with MDB_APPEND. Keeps st->nauthors right.
 * Returns 0 or an LMDB error. */
int at_flush(at_table *t, store_txn *txn, int fresh, store_stats *st);

#endif
