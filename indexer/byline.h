/* byline — author lines into display names, for the readers whose sources
 * write authors as free text: SMART .A fields, TREC <AUTHOR> elements and
 * the arXiv snapshot's "authors" string. Profile pages have their own
 * rules (profile_*.c). Owns no state.
 *
 * Names keep the case and spelling of the source ("brenckman,m." becomes
 * "m. brenckman", not "M. Brenckman"): name keys fold case anyway, and
 * guessing capitals gets "van Dyke" and "McCauley" wrong. */
#ifndef PDX_BYLINE_H
#define PDX_BYLINE_H

#include <stddef.h>

#include "record.h"

/* Appends the display name of one author to out, whitespace squashed:
 * "Last, First" becomes "First Last", "Last, F., Jr." becomes "F. Last Jr.",
 * a trailing full stop after a word ("allen.") is dropped; names written in
 * natural order are kept. Pushes nothing for an empty name. s is n bytes of
 * valid UTF-8. */
void byl_push_name(rec_strv *out, const char *s, size_t n);

/* Appends each author of a byline whose names are separated by " and ",
 * " & " or ";" and may be inverted: "smith,a. and jones,b.". */
void byl_split_and(rec_strv *out, const char *s, size_t n);

/* Appends each author of "A. One, B. Two and C. Three": names in natural
 * order separated by commas and " and "; parenthesized affiliations are
 * dropped. */
void byl_split_commas(rec_strv *out, const char *s, size_t n);

#endif
