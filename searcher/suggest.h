/* suggest — "did you mean": index words or filter values within edit
 * distance 2 of a query part that matches no paper, most frequent first.
 * The distance is optimal string alignment (Levenshtein plus adjacent
 * transpositions), compared against each term's stored surface form and
 * its stem. */
#ifndef PDX_SUGGEST_H
#define PDX_SUGGEST_H

#include <stddef.h>

#include "store.h"

#define SUG_MAX_DISTANCE 2

/* Writes up to max suggestions for word (folded) into out[] as owned
 * strings (free()); *n gets how many. kind 0: text terms within the edit
 * distance of word, or of its stem (NULL: none), by their own stem or
 * surface form, that occur in one of fields (bit f for field f of
 * postings.h; 0: in any), shown as surface forms; a STORE_META_* kind:
 * that kind of filter value (venue, category), shown folded.
 * Words shorter than 3 bytes get none. Returns 0 or an LMDB error. */
int sug_suggest(store_txn *t, int kind, unsigned fields, const char *word, const char *stem, char **out,
		size_t max, size_t *n);

/* The max values of a filter kind (STORE_META_*) that the most papers
 * have, most first, into out[] as owned strings; *n gets how many. */
int sug_common(store_txn *t, int kind, char **out, size_t max, size_t *n);

/* Optimal string alignment distance between a and b, or limit + 1 when it
 * exceeds limit. Byte-wise (folded words are mostly ASCII). */
unsigned sug_distance(const char *a, size_t an, const char *b, size_t bn, unsigned limit);

#endif
