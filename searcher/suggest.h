/* suggest — "did you mean": index words within edit distance 2 of a word
 * the index does not know, most frequent first. The distance is optimal
 * string alignment (Levenshtein plus adjacent transpositions), compared
 * against each term's stored surface form and its stem. */
#ifndef PDX_SUGGEST_H
#define PDX_SUGGEST_H

#include <stddef.h>

#include "store.h"

#define SUG_MAX_DISTANCE 2

/* Writes up to max suggestions for word (folded) into out[] as owned
 * strings (free()); *n gets how many. Returns 0 or an LMDB error. */
int sug_suggest(store_txn *t, const char *word, char **out, size_t max, size_t *n);

/* Optimal string alignment distance between a and b, or limit + 1 when it
 * exceeds limit. Byte-wise (folded words are mostly ASCII). */
unsigned sug_distance(const char *a, size_t an, const char *b, size_t bn, unsigned limit);

#endif
