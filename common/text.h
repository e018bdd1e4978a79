/* text — UTF-8 checks and Unicode folding shared by readers, analyzer and
 * name keys. Folding uses utf8proc (compatibility decomposition, case
 * folding, mark stripping) plus a short table for letters Unicode does not
 * decompose (ł, ø, đ, æ...). Owns no state. */
#ifndef PDX_TEXT_H
#define PDX_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* 1 when s[0..n) is valid UTF-8 without NUL bytes; otherwise 0 and *bad
 * (if not NULL) is the offset of the first offending byte. */
int text_utf8_valid(const char *s, size_t n, size_t *bad);

/* Decodes one code point at s (n > 0 bytes available, input valid UTF-8).
 * Returns the number of bytes consumed (1 on an invalid byte, *cp = 0xFFFD). */
size_t text_utf8_next(const unsigned char *s, size_t n, int32_t *cp);

/* Appends s with whitespace runs collapsed to one space, control characters
 * dropped and both ends trimmed. s must be valid UTF-8. */
void text_squash(buf *out, const char *s, size_t n);

/* Appends the folded form of s: compatibility-decomposed, case-folded,
 * diacritics removed, Greek letters left as Greek. s must be valid UTF-8. */
void text_fold(buf *out, const char *s, size_t n);

/* Folds one code point into out (0-4 code points, UTF-8 appended). */
void text_fold_cp(buf *out, int32_t cp);

/* 1 for code points that continue a token: letters, numbers, marks. */
int text_is_word_cp(int32_t cp);

/* FNV-1a (32 bits) of s[0..n): hash tables keyed by terms. */
static inline uint32_t text_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#endif
