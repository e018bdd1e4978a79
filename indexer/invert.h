/* invert — bounded-memory inversion: (term, posting) pairs in document
 * order in, sorted term lists out.
 *
 * Postings of new documents and removals of deleted ones accumulate in an
 * in-memory table; when it outgrows its budget the table is written to a
 * temporary file as a run sorted by term and emptied. inv_finish() then
 * merges all runs and what is left in memory, and hands each term, in
 * byte order, to a callback, INV_SLICE postings at a time, so that the
 * merge's memory does not grow with the longest list. Docids given to
 * inv_add must increase across calls for the same term. */
#ifndef PDX_INVERT_H
#define PDX_INVERT_H

#include <stddef.h>
#include <stdint.h>

#include "postings.h"

typedef struct inv_table inv_table;

#define INV_SLICE 8192  /* most new postings per callback */

/* One slice of a term, handed to the merge callback: a term comes in one
 * or more calls, the first with first set, the final one with last set;
 * each holds the next postings and the term's complete removal list. All
 * arrays are borrowed for the duration of the callback. */
typedef struct inv_term {
	const char *term;
	size_t len;
	const char *surface;        /* first unstemmed form seen ("" for metadata terms) */
	size_t surface_len;
	const post_entry *add;      /* new postings, docids increasing; len[] unset */
	const post_pos_entry *add_pos;  /* their positions, same order */
	size_t nadd;
	const uint32_t *remove;     /* docids to remove, increasing, no duplicates */
	size_t nremove;
	int first, last;            /* the term's first and final slice */
} inv_term;

typedef int (*inv_term_fn)(void *ctx, const inv_term *t);

/* budget: bytes of memory the table may use before spilling a run. */
inv_table *inv_new(size_t budget);
void inv_free(inv_table *t);

/* Adds one posting: positions pos[f][0..tf[f]) per field, increasing. */
int inv_add(inv_table *t, const char *term, size_t len, const char *surface, size_t surface_len,
	    uint32_t docid, const uint32_t tf[POST_FIELDS], const uint32_t *const pos[POST_FIELDS]);
/* One posting of a paper, for inv_add_paper; all pointers borrowed. */
typedef struct inv_posting {
	const char *term;
	size_t len;
	const char *surface;
	size_t surface_len;
	uint32_t tf[POST_FIELDS];
	const uint32_t *pos[POST_FIELDS];
} inv_posting;

/* inv_add for every posting of one paper. Faster than one by one: the
 * table slots are loaded for all terms before any is used, so the cache
 * misses of the lookups overlap. */
int inv_add_paper(inv_table *t, uint32_t docid, const inv_posting *p, size_t n);

/* Records that docid's posting for term must be removed. */
int inv_remove(inv_table *t, const char *term, size_t len, uint32_t docid);

/* Spills when over budget. Returns 0 or an errno value (temporary file). */
int inv_maybe_spill(inv_table *t);
size_t inv_runs(const inv_table *t);
size_t inv_memory(const inv_table *t);

/* Calls fn for every term in byte order; stops at its first non-zero
 * return. Returns 0, that return, or an errno/PDX_ECORRUPT from reading
 * runs back. The table is empty afterwards. */
int inv_finish(inv_table *t, inv_term_fn fn, void *ctx);

#endif
