/* suggest — "did you mean": index words or filter values near a query part
 * that matches no paper, and frequent words next to a query word so rare
 * that it is more likely a typo than what was meant.
 *
 * Nearness is the optimal string alignment distance (Levenshtein plus
 * adjacent transpositions), from the query word and from its stem to each
 * term's stem and stored surface form. Suggestions come closest first,
 * then most frequent first. */
#ifndef PDX_SUGGEST_H
#define PDX_SUGGEST_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "store.h"

#define SUG_MAX_DISTANCE 2

/* A word of SUG_RARE_MIN_LEN bytes or more in at most SUG_RARE_DF
 * papers may be a typo: it gets the words one edit away that
 * SUG_RARE_RATIO times as many papers have, or more. Shorter rare words
 * are mostly acronyms and names ("sgdr", "pica"). docs/quality.md, "Did
 * you mean", has the measurement. */
#define SUG_RARE_DF 50
#define SUG_RARE_RATIO 200
#define SUG_RARE_MIN_LEN 5

/* Suggestions for the query word word (folded; stem: its term, NULL when
 * none) that df papers have (0: none) in fields (bit f for field f of
 * postings.h; 0: any): up to max index words, as owned strings (free())
 * in out[], *n how many. A word the index lacks gets the words within
 * SUG_MAX_DISTANCE; a rare one (above), the much more frequent words one
 * edit away; any other word, none. With an analyzer (an, borrowed; NULL:
 * none), the words one edit from word are stemmed and looked up too,
 * which finds what a typo in a word's ending meant ("convolutoin" is its
 * own stem). Each is shown as its term's stored surface form. Words
 * shorter than 3 bytes get none. Returns 0 or an LMDB error. */
int sug_word(store_txn *t, an_analyzer *an, unsigned fields, const char *word, const char *stem,
	     uint32_t df, char **out, size_t max, size_t *n);

/* Suggestions for a filter value that no paper has: up to max values of
 * that kind (STORE_META_VENUE, STORE_META_CATEGORY) within
 * SUG_MAX_DISTANCE, shown folded, as sug_word. */
int sug_value(store_txn *t, int kind, const char *value, char **out, size_t max, size_t *n);

/* The max values of a filter kind (STORE_META_*) that the most papers
 * have, most first, into out[] as owned strings; *n gets how many. */
int sug_common(store_txn *t, int kind, char **out, size_t max, size_t *n);

/* Optimal string alignment distance between a and b, or limit + 1 when it
 * exceeds limit. Byte-wise (folded words are mostly ASCII). */
unsigned sug_distance(const char *a, size_t an, const char *b, size_t bn, unsigned limit);

#endif
