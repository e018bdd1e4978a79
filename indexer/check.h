/* check — read-only inspection of an index: --check (integrity),
 * --stats (sizes and counts) and --dump-index (a canonical text form of
 * the whole content, independent of docids and chunking, so that two
 * indexes of the same papers compare equal with diff). */
#ifndef PDX_CHECK_H
#define PDX_CHECK_H

#include <stdio.h>

/* Re-decodes every posting list and verifies it against the document
 * table, the dictionary and the statistics. Problems are printed on err,
 * one line each; a summary line goes to out. Returns 0 when the index is
 * consistent, PDX_ECORRUPT when it is not, or an open/LMDB error. */
int chk_check(const char *db, FILE *out, FILE *err);

/* Prints "key: value" lines: papers, authors, terms, postings,
 * postings_bytes, bits_per_posting, positions_bytes, docs_bytes,
 * meta_postings, used_bytes, file_bytes. */
int chk_stats(const char *db, FILE *out);

/* Prints the canonical content dump. */
int chk_dump(const char *db, FILE *out);

#endif
