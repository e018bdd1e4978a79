/* record — the paper record: what every corpus reader produces, what the
 * index stores in its document table and what the searcher displays.
 *
 * A rec_paper owns all of its strings. Readers fill one, hand it to a sink
 * (which consumes it) and start again from rec_init(). Text fields hold
 * valid UTF-8 with whitespace collapsed; they may be empty, never NULL once
 * a reader has finished with the record (rec_finish() sees to that). */
#ifndef PDX_RECORD_H
#define PDX_RECORD_H

#include <stddef.h>

#include "buf.h"

typedef struct rec_strv {
	char **v;  /* owned array of owned strings */
	size_t n;
	size_t cap;
} rec_strv;

typedef struct rec_paper {
	char *id;          /* source id (SMART .I, DOCNO, _id, arXiv id) or derived */
	char *title;
	char *abstract;
	rec_strv authors;  /* display names, in the source's order */
	int authors_truncated; /* the source cut the list ("et al.") */
	rec_strv categories;   /* arXiv categories, listing category (LG, CV...) */
	char *venue;       /* venue or journal: "arXiv", "neurips", ... */
	int year, month, day;  /* 0 when unknown */
	int has_code;
	char *format;      /* reader that produced it: "listing", "jsonl"... */
	char *source;      /* file the record came from */
	unsigned long line; /* 1-based line where the record starts */
} rec_paper;

void rec_init(rec_paper *r);
/* Frees every field and leaves r as after rec_init(). */
void rec_clear(rec_paper *r);
/* Moves src into *dst (dst must be cleared); src is left initialized. */
void rec_move(rec_paper *dst, rec_paper *src);

void rec_strv_push(rec_strv *sv, const char *s, size_t n);
void rec_strv_free(rec_strv *sv);
/* Index of the string whose name key equals that of s, or -1. */
long rec_authors_find(const rec_paper *r, const char *name);

/* Replaces *field (freeing the old value) with a copy of n bytes of s. */
void rec_set(char **field, const char *s, size_t n);
/* Replaces NULL text fields by "" so consumers need no NULL checks. */
void rec_finish(rec_paper *r);

/* Serializes r for the document table: a format byte then, in order, every
 * field as varints and length-prefixed strings (see record.c). */
void rec_encode(const rec_paper *r, buf *out);
/* Decodes bytes written by rec_encode into r (which must be initialized and
 * empty). Returns 0 or PDX_ECORRUPT; on failure r is cleared. */
int rec_decode(const void *p, size_t n, rec_paper *r);

/* Appends the record's fields as JSON object members (no braces), e.g.
 * "id":"...","title":"...",..., with author keys beside display names. */
void rec_json_fields(const rec_paper *r, buf *out);

#endif
