/* reader — the one interface every corpus format implements.
 *
 * A format is a sniff function (does this file look like me?) and a read
 * function that turns one input file into paper records, handing each to a
 * sink. Readers report problems through rd_warn/rd_error, which print
 *   paperdex-index: warning: PATH:LINE: what
 *   paperdex-index: error: PATH:LINE: what (record skipped)
 * on stderr and count them in the file's report; they then carry on with the
 * next record. A reader returns non-zero only when the file as a whole could
 * not be read (I/O error, binary file, nothing recognizable).
 *
 * Formats: profile pages in three layouts (profile_researcher.c,
 * profile_listing.c, profile_header.c), JSON Lines (jsonl.c: arXiv, BEIR,
 * ML Anthology), SMART (smart.c) and TREC <DOC> (trec.c). corpus.c walks
 * paths, detects formats and prints the per-file reports. */
#ifndef PDX_READER_H
#define PDX_READER_H

#include <stddef.h>

#include "input.h"
#include "record.h"

typedef struct rd_report {
	const char *path;    /* borrowed from the caller */
	const char *format;  /* static name of the format used */
	size_t records;      /* records emitted */
	size_t skipped;      /* records skipped with an error */
	size_t warnings;
	int quiet;           /* 1: count but do not print (fuzzing) */
	char note[256];      /* one line for the report, e.g. the inferred owner */
} rd_report;

/* Where records go. emit consumes rec: the sink takes its fields (rec is
 * left initialized and empty either way). A non-zero return stops the
 * reader, which returns that code. */
typedef struct rd_sink {
	int (*emit)(void *ctx, rec_paper *rec);
	void *ctx;
} rd_sink;

typedef struct rd_format {
	const char *name;
	/* 1 when the first bytes of the (decompressed) file look like this
	 * format; head is not NUL-terminated. */
	int (*sniff)(const char *head, size_t n);
	int (*read)(in_file *in, rd_sink *sink, rd_report *rep);
} rd_format;

void rd_warn(rd_report *rep, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports an error that cost one record and counts it as skipped. */
void rd_error(rd_report *rep, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The formats, each defined in its own file. */
extern const rd_format rd_profile_researcher;
extern const rd_format rd_profile_listing;
extern const rd_format rd_profile_header;
extern const rd_format rd_jsonl;
extern const rd_format rd_smart;
extern const rd_format rd_trec;

#endif
