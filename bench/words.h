/* words — the benchmark tools' notion of a word, shared by the query
 * sampler, the corpus model builder, the generator's statistics and the
 * corpus statistics so that all of them count the same things. Not
 * paperdex's analyzer: no stemming, no stopwords, no folding beyond lower
 * case, so that the peers and paperdex are given the same plain words.
 *
 * A word is a run of letters, digits and marks (text_is_word_cp), lower-
 * cased code point by code point. With WD_COMPOUNDS, a hyphen or apostrophe
 * between two word characters stays inside the word ("self-supervised").
 * Owns no state. */
#ifndef PDX_BENCH_WORDS_H
#define PDX_BENCH_WORDS_H

#include <stddef.h>

#include "buf.h"

enum {
	WD_COMPOUNDS = 1u << 0
};

/* Called once per word: w is lower-cased and NUL-terminated (borrowed until
 * the callback returns); brk is 1 for the first word and for a word that
 * follows clause punctuation (. , ; : ! ? brackets, quotes), 0 when only
 * spaces or joiners separate it from the previous word. Non-zero stops. */
typedef int (*wd_fn)(void *ctx, const char *w, size_t n, int brk);

/* Splits n bytes of UTF-8; scratch is a caller-owned buffer reused across
 * calls. Returns 0 or the first non-zero callback result. */
int wd_split(const char *s, size_t n, unsigned flags, buf *scratch, wd_fn fn, void *ctx);

/* 1 for the few English function words a query phrase should not start or
 * end with ("of the", "in a"...). w lower-case. */
int wd_is_function_word(const char *w);

#endif
