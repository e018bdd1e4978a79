/* names — author name keys.
 *
 * A key is the name folded (case, diacritics) with every run of
 * non-alphanumeric characters (spaces, hyphens, dots, commas) turned into one
 * space and apostrophes dropped: "Jean-François Cardoso" and "Jean-Francois
 * Cardoso" both key "jean francois cardoso". Initials stay initials:
 * "K. Zhao" keys "k zhao" and never merges with "kaiqi zhao". */
#ifndef PDX_NAMES_H
#define PDX_NAMES_H

#include <stddef.h>

#include "buf.h"

/* Appends the key of name (n bytes of valid UTF-8) to out. */
void name_key(const char *name, size_t n, buf *out);

/* 1 when the two display names have the same key. */
int name_same(const char *a, const char *b);

#endif
