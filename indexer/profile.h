/* profile — what the three profile-page layouts share (researcher pages,
 * listing pages, pages with a header; see profile_*.c): title-derived ids,
 * date headers, the "current year", author names and lists, the split of a
 * listing line into title and authors, and owner inference. Owns no state
 * beyond the key sets it hands out; reads no files.
 *
 * Paper ids. A profile page gives no identifier, so a paper's id is derived
 * from its title: "pt-" followed by 16 lowercase hex digits of the 64-bit
 * FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the
 * normalized title. Normalization folds the title (text_fold: case,
 * compatibility forms, diacritics) and joins its runs of word characters
 * (text_is_word_cp: letters, digits, marks) with single spaces, dropping all
 * punctuation: "GraphMAE: Self-Supervised Masked Graph Autoencoders" is
 * normalized to "graphmae self supervised masked graph autoencoders". The same
 * paper listed on two pages thus gets the same id, whatever its punctuation
 * or case, and dedup.c merges the listings. Changing the normalization or the
 * hash changes every profile id stored in an index. */
#ifndef PDX_PROFILE_H
#define PDX_PROFILE_H

#include <stddef.h>

#include "buf.h"
#include "reader.h"
#include "record.h"

/* Longest first-author name the title/author split considers, in bytes. */
#define PROF_NAME_MAX 128
/* Authors kept per work; a longer list is cut and marked truncated. */
#define PROF_MAX_AUTHORS 1000

/* Lines of a sniffer's head (not NUL-terminated), skipping a UTF-8 BOM. */
typedef struct prof_head {
	const char *p;
	size_t n, pos;
} prof_head;

void prof_head_init(prof_head *h, const char *head, size_t n);
/* Next line without "\n" or "\r\n" (borrowed from head); 0 at the end. */
int prof_head_line(prof_head *h, const char **line, size_t *len);
/* Drops a UTF-8 BOM and spaces or tabs at both ends of *s. */
void prof_trim(const char **s, size_t *n);

/* 1 for the formats whose records carry title-derived ids. */
int prof_is_profile_format(const char *format);

/* Appends the normalized title (see above) to out. s: valid UTF-8. */
void prof_title_norm(const char *s, size_t n, buf *out);
/* Writes "pt-" + 16 hex digits + NUL into out (20 bytes). */
void prof_title_id(const char *s, size_t n, char out[20]);

/* The year dates without one belong to: the UTC year of SOURCE_DATE_EPOCH
 * when it is set to a decimal number of seconds (the reproducible-builds
 * convention) giving a year in 1970..9999, else of time(NULL). */
int prof_current_year(void);

/* A listing date header, "[score]CATEGORY Month Day[, Year][Code]":
 * "LGFeb 12, 2023", "85.0CLMay 17Code", "AIJul 11, 2024Code". */
typedef struct prof_date {
	const char *cat;   /* borrowed from the parsed line */
	size_t cat_n;
	int year;          /* 0 when the header has none */
	int month, day;
	int has_code;
} prof_date;

/* Parses a whole line as a date header. Returns 1 and fills *d, or 0 when
 * the line is anything else. Never reads past s + n. */
int prof_parse_date(const char *s, size_t n, prof_date *d);

/* Appends name with whitespace squashed and stray separators (",", ";")
 * trimmed from both ends. s: valid UTF-8. */
void prof_name_clean(const char *s, size_t n, buf *out);

/* Parses an author list "A, B, C et al. · tag" into r->authors (appended,
 * cleaned; empty names dropped) and sets r->authors_truncated for "et al."
 * or when the list is cut at PROF_MAX_AUTHORS. Returns the number of names
 * added. s: valid UTF-8. */
size_t prof_parse_authors(const char *s, size_t n, rec_paper *r);

/* 1 when every name of the author list s looks like a person's name (words
 * that start with a capital, initials, particles such as "van"; no digits
 * or sentence punctuation), 0 otherwise or when the list is empty. Tells an
 * author line from an abstract. */
int prof_authors_plausible(const char *s, size_t n);

/* A set of author name keys (common/names.h) with counts and the first
 * display form seen. */
typedef struct prof_keyset prof_keyset;

prof_keyset *prof_keyset_new(void);
void prof_keyset_free(prof_keyset *ks);
/* Adds name (a display name, n bytes of valid UTF-8) by key; count + 1. */
void prof_keyset_add(prof_keyset *ks, const char *name, size_t n);
/* Count for name's key (0 when absent). ks may be NULL. */
size_t prof_keyset_count(const prof_keyset *ks, const char *name, size_t n);

/* Adds to known the names of a listing line "TitleFirst Author, B, C et al."
 * that need no split: the trailing names after the first. */
void prof_known_add_line(prof_keyset *known, const char *s, size_t n);

/* Splits a listing line where the title runs straight into the authors
 * ("...Robust Graph Neural NetworkYifei Wang, Yupan Wang et al. · mit").
 * The first author starts at a junction without a space (lower -> Upper,
 * acronym -> Upper+lower, digit or closing punctuation -> Upper); the
 * candidate whose first author is in known (may be NULL) wins, else the
 * one leaving a plausible 2-5 word name, then the rightmost. Returns 1 and
 * sets *title_n (the authors start at s + *title_n), or 0 when no split is
 * plausible (the line is a title without authors). s: valid UTF-8. */
int prof_split_title(const char *s, size_t n, const prof_keyset *known, size_t *title_n);

/* The page owner's name from line s: cleaned, owned by the caller; NULL
 * when the line is not valid UTF-8 or does not look like one name. */
char *prof_owner_name(const char *s, size_t n);

/* Appends owner to r->authors unless an author has the same key. */
void prof_add_owner(rec_paper *r, const char *owner);

/* Replaces *field with s (valid UTF-8) with whitespace squashed. */
void prof_set_text(char **field, const char *s, size_t n);

/* One work while a reader assembles it. */
typedef struct prof_work {
	rec_paper rec;
	unsigned long line;     /* where the work starts (its header) */
	unsigned long bad_line; /* first line with invalid UTF-8; 0 when none */
	size_t bad_off;         /* offset of the bad byte in that line */
	buf abstract;           /* squashed paragraphs, joined by spaces */
} prof_work;

void prof_work_init(prof_work *w, unsigned long line);
void prof_work_clear(prof_work *w);
/* 1 when line s (n bytes, number lineno) is valid UTF-8; otherwise 0 and
 * the work is marked bad (the first bad line is kept). */
int prof_work_check(prof_work *w, const char *s, size_t n, unsigned long lineno);
/* Appends one paragraph (valid UTF-8) to the work's abstract. */
void prof_work_abstract(prof_work *w, const char *s, size_t n);

/* Completes w and hands its record to sink: a bad work or one without a
 * title is skipped with rd_error naming the line; otherwise the id is
 * derived from the title, format (static name), source (rep->path) and
 * line are set, empty fields filled (rec_finish) and rep->records counted.
 * Leaves w cleared. Returns 0 or the sink's non-zero code. */
int prof_emit(prof_work *w, const char *format, rd_sink *sink, rd_report *rep);

/* Infers a listing page's owner: the author key found on the most of
 * works[0..n), provided it is on at least two works and a third of them and
 * no other key ties it. Returns 1 with its first display form appended to
 * *owner and the number of works listing it in *count, or 0. */
int prof_infer_owner(const prof_work *works, size_t n, buf *owner, size_t *count);

#endif
