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

/* Another record of a hit's paper (versions.h), shown under it. */
typedef struct out_version {
	char *id, *venue;        /* owned by whoever holds the version */
	int year;                /* 0 when unknown */
} out_version;

/* A paper hit and its other versions v[0..nv). rec, sn and v are
 * borrowed; sn may be NULL (TREC, which prints no versions). */
void out_paper(buf *out, out_format f, int color, const char *qid, size_t rank, double score,
	       const rec_paper *rec, const snip *sn, const out_version *v, size_t nv, const char *tag);

/* One TREC run line: qid Q0 docid rank score tag. */
void out_trec_line(buf *out, const char *qid, const char *docid, size_t rank, double score,
		   const char *tag);

/* Appends "name, name, ... · year · venue · categories" for text output. */
void out_byline(buf *out, const rec_paper *rec, size_t max_authors);

#endif
