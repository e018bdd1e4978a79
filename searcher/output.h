/* output — how a hit is printed: text for people (highlights in bold on a
 * terminal, [brackets] otherwise), JSON Lines for programs, TREC run
 * lines for evaluation. Writes to a buf; the caller decides where it goes. */
#ifndef PDX_OUTPUT_H
#define PDX_OUTPUT_H

#include <stddef.h>

#include "buf.h"
#include "record.h"
#include "snippet.h"

typedef enum out_format { OUT_TEXT, OUT_JSON, OUT_TREC } out_format;

/* Parses "text", "json" or "trec"; returns -1 for anything else. */
int out_format_parse(const char *s);

/* A paper hit. rec and sn are borrowed; sn may be NULL (TREC). */
void out_paper(buf *out, out_format f, int color, const char *qid, size_t rank, double score,
	       const rec_paper *rec, const snip *sn, const char *tag);

/* One TREC run line: qid Q0 docid rank score tag. */
void out_trec_line(buf *out, const char *qid, const char *docid, size_t rank, double score,
		   const char *tag);

/* Appends "name, name, ... · year · venue · categories" for text output. */
void out_byline(buf *out, const rec_paper *rec, size_t max_authors);

#endif
