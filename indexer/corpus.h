/* corpus — from command-line paths to records: walks directories
 * (recursively, in name order so runs are reproducible), detects each
 * file's format (or uses a forced one), runs its reader and prints one
 * report line per file on stderr:
 *   paperdex-index: PATH: FORMAT, N records, W warnings, S skipped[; note]
 * Owns nothing between calls. */
#ifndef PDX_CORPUS_H
#define PDX_CORPUS_H

#include <stddef.h>

#include "reader.h"

typedef struct corpus_totals {
	size_t files;         /* files read (any records or not) */
	size_t files_failed;  /* unreadable, binary, unknown format */
	size_t records;
	size_t skipped;
	size_t warnings;
} corpus_totals;

/* Looks up a format by name ("listing", "jsonl"...); NULL if unknown. */
const rd_format *corpus_format(const char *name);
/* Space-separated list of format names, for --help. Static. */
const char *corpus_format_names(void);
/* Picks the format whose sniff accepts head; NULL when none does. */
const rd_format *corpus_detect(const char *head, size_t n);

/* Reads every path (file or directory) into sink. force may be NULL.
 * quiet suppresses per-file reports. Totals are accumulated into *tot.
 * Returns 0, or the sink's non-zero code (reading stops). Unreadable files
 * are reported and counted, not returned. */
int corpus_read(char *const *paths, size_t npaths, const rd_format *force,
		rd_sink *sink, int quiet, corpus_totals *tot);

#endif
