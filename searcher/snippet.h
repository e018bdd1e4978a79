/* snippet — a window of a paper's abstract around the query terms, with
 * the spans to highlight. Uses the one analyzer, so a highlighted word is
 * exactly a word that matched ("networks" lights up for "network"). */
#ifndef PDX_SNIPPET_H
#define PDX_SNIPPET_H

#include <stddef.h>

#include "analyzer.h"
#include "buf.h"

typedef struct snip_span {
	size_t start, end;   /* byte offsets in snip.text */
} snip_span;

typedef struct snip {
	buf text;            /* owned; "…" marks a cut at either end */
	snip_span *hl;       /* owned; increasing, non-overlapping */
	size_t nhl;
} snip;

/* Builds the snippet of text (n bytes of valid UTF-8) for the query terms
 * (NULL-terminated, analyzer output), at most about max_bytes long. an is
 * borrowed. Returns 0 or the analyzer's error; *out must be zeroed or
 * freed with snip_free before reuse. */
int snip_make(an_analyzer *an, const char *text, size_t n, const char *const *terms,
	      size_t max_bytes, snip *out);
void snip_free(snip *s);

/* Appends s with each highlighted span between open and close (e.g. "["
 * and "]", or terminal bold on and off). */
void snip_render(const snip *s, const char *open, const char *close, buf *out);

#endif
