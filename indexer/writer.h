/* writer — one indexing run: papers added, replaced and deleted inside one
 * LMDB write transaction (store.h), so readers see either the index before
 * the run or after it, and a killed run leaves the previous index intact.
 *
 * Adds stream through a bounded-memory inverter (invert.h); records, ids,
 * authors and lengths are written as they come; postings are merged into
 * the index at wr_commit. A paper whose id is already indexed (or was added
 * earlier in the same run) is replaced. */
#ifndef PDX_WRITER_H
#define PDX_WRITER_H

#include <stddef.h>

#include "record.h"

typedef struct wr_writer wr_writer;

typedef struct wr_options {
	const char *db;      /* index path */
	int rebuild;         /* start from empty (the old index stays until commit) */
	size_t mem_bytes;    /* memory budget: inversion and the author table */
	int progress;        /* progress lines on stderr */
} wr_options;

typedef struct wr_summary {
	size_t added;        /* papers written (new or replacing) */
	size_t replaced;     /* of which replaced an indexed paper */
	size_t deleted;      /* removed by --delete */
	size_t rejected;     /* records refused (bad id) */
	size_t runs;         /* sorted runs spilled to disk */
	unsigned long long papers;  /* in the index after the run */
} wr_summary;

/* Opens the index for writing (creating it if missing). Returns 0 or a
 * store error (see store_open); *out is NULL on failure. */
int wr_open(const wr_options *opt, wr_writer **out);
/* An rd_sink emit function (ctx = the writer): adds rec, consuming it.
 * Returns 0, or an error that must stop the run (LMDB, I/O). */
int wr_add(void *ctx, rec_paper *rec);
/* Deletes the paper with this id: 0 or PDX_ENOTFOUND (nothing changed). */
int wr_delete(wr_writer *w, const char *id);
/* Merges the postings, writes statistics and commits (publishing a
 * rebuild). Returns 0 or an error; the index is unchanged on error. */
int wr_commit(wr_writer *w, wr_summary *out);
/* Aborts an uncommitted run and frees. Accepts NULL. */
void wr_close(wr_writer *w);

#endif
