/* dedup — one record per paper when several profile pages list it.
 *
 * Profile-page records (formats "researcher", "listing", "header") carry
 * ids derived from their normalized title, so the same paper on two pages
 * has the same id. The merger holds those records until dd_flush and merges
 * listings that share an id: authors are united by name key (each page's
 * owner included), and every other field is taken from whichever listing
 * has it. Records from other formats pass straight through. */
#ifndef PDX_DEDUP_H
#define PDX_DEDUP_H

#include <stddef.h>

#include "reader.h"

typedef struct dd_merger dd_merger;

/* Creates a merger that forwards records to out (borrowed; must outlive the
 * merger). */
dd_merger *dd_new(rd_sink *out);
/* An rd_sink emit function; ctx is the dd_merger. Consumes rec. */
int dd_emit(void *ctx, rec_paper *rec);
/* Forwards the merged profile records in first-seen order. Returns 0 or the
 * first non-zero code of the downstream sink. *listings and *papers (may be
 * NULL) receive how many profile listings came in and how many distinct
 * papers went out. */
int dd_flush(dd_merger *m, size_t *listings, size_t *papers);
void dd_free(dd_merger *m);

#endif
