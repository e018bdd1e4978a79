/* jsonl — JSON Lines, one paper per line, parsed with yajl's callbacks.
 *
 * Three shapes, told apart per line by their keys (any mix works):
 * - arXiv metadata snapshot (Kaggle): "id", "title", "abstract",
 *   "authors" ("A, B and C"), "authors_parsed" ([[last, first, suffix]]),
 *   "categories" ("cs.LG stat.ML"), "versions" ([{"version","created":
 *   "Mon, 2 Apr 2007 19:18:42 GMT"}]), "update_date" ("2008-11-13"),
 *   "journal-ref" (may be null).
 * - BEIR corpus.jsonl: "_id", "title", "text", "metadata" (ignored).
 * - ML Anthology: "id", "title", "abstract", "authors" ([slugs]),
 *   "author_names" ([names]), "venue", "year" ("2019" or 2019).
 * Authors come from authors_parsed ("First Last Suffix"), else
 * author_names, else an "authors" array (strings or {"name": ...}
 * objects), else the "authors" string split on commas and "and". The date
 * is the first version's, else "year", else update_date. The venue is
 * journal-ref, else "venue", else "arXiv" for arXiv-shaped lines (those
 * with versions, authors_parsed, update_date or journal-ref). Every other
 * member is skipped whatever its type. A record needs an id and a title or
 * an abstract.
 *
 * Speed: one yajl handle serves every line (yajl 2.1 has no reset; with
 * yajl_allow_multiple_values the handle simply goes on to the next value)
 * and is replaced only after an error. UTF-8 is checked once per line,
 * ASCII eight bytes at a time, so yajl's own (laxer) check is off; strings
 * yajl had to unescape are re-checked, since a "\udc00" escape decodes to
 * a surrogate. Text is squashed straight into the record's allocation.
 * Owns nothing between calls. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <yajl/yajl_parse.h>

#include "byline.h"
#include "err.h"
#include "mem.h"
#include "reader.h"
#include "text.h"

enum field {
	F_NONE, F_ID, F_TITLE, F_ABSTRACT, F_TEXT, F_AUTHORS, F_AUTHOR_NAMES, F_AUTHORS_PARSED,
	F_CATEGORIES, F_VENUE, F_JOURNAL_REF, F_YEAR, F_UPDATE_DATE, F_VERSIONS
};

/* A list of names, NUL-separated in one buffer so that lines whose list is
 * not chosen (mlanthology's slugs) cost no allocation. */
typedef struct namelist {
	buf b;
	size_t n;
} namelist;

typedef struct date {
	int y, m, d;
} date;

typedef struct jl {
	rd_report *rep;
	yajl_handle h;
	/* the line being parsed */
	const char *line;
	size_t line_n;
	int depth;            /* 1 inside the top-level object */
	int objects;          /* top-level values completed on this line */
	const char *why;      /* why a callback stopped the parse */
	enum field field;     /* member of the top-level object being read */
	long version_i;       /* index of the versions entry being read */
	int sub_key;          /* in a nested object, the key is "created"/"name" */
	size_t part_i;        /* position inside an authors_parsed entry */
	int arxiv;
	int has_abstract;     /* "abstract" seen: "text" no longer overrides */
	int fixed;            /* strings repaired on this line */
	/* what the line holds so far */
	rec_paper rec;
	namelist parsed, names, plain;
	buf part[3];          /* last, first, suffix of an authors_parsed entry */
	buf authors_str, venue, jref, scratch;
	date version, update;
	int year;
} jl;

static void *j_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return mem_alloc(n);
}

static void *j_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return mem_realloc(p, n);
}

static void j_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static yajl_alloc_funcs alloc_funcs = {j_malloc, j_realloc, j_free, NULL};

/* text_utf8_valid, with the ASCII runs that make up most of every line
 * checked eight bytes at a time. */
static int utf8_ok(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	for (;;) {
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		while (i < n && (unsigned char)s[i] < 0x80)
			i++;
		if (i >= n)
			return 1;
		unsigned char c = (unsigned char)s[i];
		size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, at;
		if (k > n - i)
			k = n - i;
		if (!text_utf8_valid(s + i, k, &at)) {
			*bad = i + at;
			return 0;
		}
		i += k;
	}
}

/* A yajl string lies in the line unless yajl unescaped it into its own
 * buffer; only those can hold bytes the line check did not see. */
static int in_line(const jl *j, const unsigned char *s)
{
	uintptr_t p = (uintptr_t)s, a = (uintptr_t)j->line;
	return p >= a && p <= a + j->line_n;
}

/* Returns s, or a copy in j->scratch with invalid sequences replaced by
 * U+FFFD and NUL bytes ("\u0000") dropped. */
static const unsigned char *clean(jl *j, const unsigned char *s, size_t *n)
{
	if (in_line(j, s) || text_utf8_valid((const char *)s, *n, NULL))
		return s;
	buf_clear(&j->scratch);
	size_t i = 0;
	while (i < *n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(*n - i), &cp);
		if (k <= 0) {
			/* One U+FFFD for the lead byte and its continuation bytes. */
			buf_put(&j->scratch, "\xEF\xBF\xBD", 3);
			j->fixed++;
			for (i++; i < *n && (s[i] & 0xC0) == 0x80; i++)
				;
		} else {
			if (cp != 0)
				buf_put(&j->scratch, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
	*n = j->scratch.n;
	return j->scratch.p ? j->scratch.p : (const unsigned char *)"";
}

/* 1 when text_squash would copy s unchanged: printable ASCII with single
 * spaces inside, the shape of most titles, names and abstracts. Those are
 * copied whole; text_squash, which goes code point by code point, sees
 * only the rest. */
static int plain_ascii(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	if (n == 0)
		return 1;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	size_t i = 0;
	/* Eight bytes at a time. With no high bit set, adding to a byte never
	 * carries into the next: b < 0x20 iff b + 0x60 < 0x80, b == 0x7f iff
	 * b + 1 == 0x80, b == ' ' iff (b ^ 0x20) + 0x7f < 0x80. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & high)
			return 0;
		uint64_t ctrl = (~(w + 0x60 * ones) | (w + ones)) & high;
		uint64_t sp = ~((w ^ 0x20 * ones) + 0x7f * ones) & high;
		if (ctrl || (sp & (sp << 8 | sp >> 8)) || (i > 0 && s[i] == ' ' && s[i - 1] == ' '))
			return 0;
	}
	for (; i < n; i++) {
		unsigned char c = s[i];
		if (c > ' ' && c < 0x7f)
			continue;
		if (c != ' ' || s[i - 1] == ' ')  /* i > 0: s[0] is not a space */
			return 0;
	}
	return 1;
}

static void squash(buf *b, const unsigned char *s, size_t n)
{
	if (plain_ascii(s, n))
		buf_put(b, s, n);
	else
		text_squash(b, (const char *)s, n);
}

/* Replaces *field with the squashed text, allocated once at its final
 * size (squashing never grows text). */
static void set_text(jl *j, char **field, const unsigned char *s, size_t n)
{
	s = clean(j, s, &n);
	buf b = BUF_INIT;
	buf_reserve(&b, n);
	squash(&b, s, n);
	b.p[b.n] = 0;
	free(*field);
	*field = (char *)b.p;
}

static void put_text(jl *j, buf *b, const unsigned char *s, size_t n)
{
	s = clean(j, s, &n);
	buf_clear(b);
	squash(b, s, n);
}

static void push_name(jl *j, namelist *l, const unsigned char *s, size_t n)
{
	s = clean(j, s, &n);
	size_t before = l->b.n;
	squash(&l->b, s, n);
	if (l->b.n == before)
		return;
	buf_putc(&l->b, 0);
	l->n++;
}

static void list_reset(namelist *l)
{
	buf_clear(&l->b);
	l->n = 0;
}

static int digits(const char *s, size_t n, size_t len, int *out)
{
	if (n < len)
		return 0;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int plausible_year(int y)
{
	return y >= 1000 && y <= 2999;
}

/* "2019", "2019-05-17" (ISO dates and the snapshot's update_date). */
static date parse_iso(const char *s, size_t n)
{
	date d = {0, 0, 0};
	while (n && (*s == ' ' || *s == '"')) {
		s++;
		n--;
	}
	if (!digits(s, n, 4, &d.y) || (n > 4 && s[4] >= '0' && s[4] <= '9') || !plausible_year(d.y))
		return (date){0, 0, 0};
	if (n >= 7 && s[4] == '-' && digits(s + 5, n - 5, 2, &d.m) && d.m >= 1 && d.m <= 12) {
		if (n >= 10 && s[7] == '-' && digits(s + 8, n - 8, 2, &d.d) && d.d >= 1 && d.d <= 31)
			return d;
		d.d = 0;
		return d;
	}
	d.m = 0;
	return d;
}

/* "Mon, 2 Apr 2007 19:18:42 GMT" (RFC 2822, the snapshot's versions). */
static date parse_rfc2822(const char *s, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	date d = {0, 0, 0};
	const char *e = s + n;
	const char *comma = memchr(s, ',', n);
	if (comma)
		s = comma + 1;
	while (s < e && *s == ' ')
		s++;
	int day = 0;
	size_t k = 0;
	while (s + k < e && k < 2 && s[k] >= '0' && s[k] <= '9')
		day = day * 10 + (s[k++] - '0');
	if (k == 0 || s + k + 5 > e || s[k] != ' ')
		return d;
	s += k + 1;
	int month = 0;
	for (int i = 0; i < 12; i++)
		if (memcmp(s, months + 3 * i, 3) == 0)
			month = i + 1;
	s += 3;
	if (!month || s >= e || *s != ' ')
		return d;
	s++;
	int y;
	if (!digits(s, (size_t)(e - s), 4, &y) || !plausible_year(y) || day < 1 || day > 31)
		return d;
	return (date){y, month, day};
}

static enum field key_field(jl *j, const unsigned char *k, size_t n)
{
	static const struct { const char *name; enum field f; int arxiv; } keys[] = {
		{"id", F_ID, 0}, {"_id", F_ID, 0}, {"title", F_TITLE, 0},
		{"abstract", F_ABSTRACT, 0}, {"text", F_TEXT, 0}, {"authors", F_AUTHORS, 0},
		{"author_names", F_AUTHOR_NAMES, 0}, {"authors_parsed", F_AUTHORS_PARSED, 1},
		{"categories", F_CATEGORIES, 0}, {"venue", F_VENUE, 0},
		{"journal-ref", F_JOURNAL_REF, 1}, {"year", F_YEAR, 0},
		{"update_date", F_UPDATE_DATE, 1}, {"versions", F_VERSIONS, 1},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (n == strlen(keys[i].name) && memcmp(k, keys[i].name, n) == 0) {
			j->arxiv |= keys[i].arxiv;
			return keys[i].f;
		}
	return F_NONE;
}

static int not_object(jl *j)
{
	j->why = "not a JSON object";
	return 0;
}

static int cb_scalar(void *ctx)
{
	jl *j = ctx;
	return j->depth == 0 ? not_object(j) : 1;
}

static int cb_boolean(void *ctx, int v)
{
	(void)v;
	return cb_scalar(ctx);
}

static int cb_number(void *ctx, const char *s, size_t n)
{
	jl *j = ctx;
	if (j->depth == 0)
		return not_object(j);
	if (j->depth != 1)
		return 1;
	if (j->field == F_ID)
		set_text(j, &j->rec.id, (const unsigned char *)s, n);
	else if (j->field == F_YEAR && n == 4 && digits(s, n, 4, &j->year) && !plausible_year(j->year))
		j->year = 0;
	return 1;
}

static void split_categories(jl *j, const unsigned char *s, size_t n)
{
	s = clean(j, s, &n);
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ',')
			i++;
		if (i > st)
			rec_strv_push(&j->rec.categories, (const char *)s + st, i - st);
	}
}

static void top_string(jl *j, const unsigned char *s, size_t n)
{
	switch (j->field) {
	case F_ID: set_text(j, &j->rec.id, s, n); break;
	case F_TITLE: set_text(j, &j->rec.title, s, n); break;
	case F_ABSTRACT:
		set_text(j, &j->rec.abstract, s, n);
		j->has_abstract = 1;
		break;
	case F_TEXT:
		if (!j->has_abstract)
			set_text(j, &j->rec.abstract, s, n);
		break;
	case F_AUTHORS: put_text(j, &j->authors_str, s, n); break;
	case F_CATEGORIES: split_categories(j, s, n); break;
	case F_VENUE: put_text(j, &j->venue, s, n); break;
	case F_JOURNAL_REF: put_text(j, &j->jref, s, n); break;
	case F_YEAR: j->year = parse_iso((const char *)s, n).y; break;
	case F_UPDATE_DATE: j->update = parse_iso((const char *)s, n); break;
	default: break;
	}
}

static int cb_string(void *ctx, const unsigned char *s, size_t n)
{
	jl *j = ctx;
	switch (j->depth) {
	case 0:
		return not_object(j);
	case 1:
		top_string(j, s, n);
		break;
	case 2:
		if (j->field == F_AUTHORS)
			push_name(j, &j->plain, s, n);
		else if (j->field == F_AUTHOR_NAMES)
			push_name(j, &j->names, s, n);
		else if (j->field == F_CATEGORIES)
			split_categories(j, s, n);
		break;
	case 3:
		if (j->field == F_AUTHORS_PARSED && j->part_i < 3) {
			put_text(j, &j->part[j->part_i++], s, n);
		} else if (j->field == F_VERSIONS && j->sub_key && j->version_i == 0) {
			j->version = parse_rfc2822((const char *)s, n);
		} else if (j->field == F_AUTHORS && j->sub_key) {
			push_name(j, &j->plain, s, n);
		}
		j->sub_key = 0;
		break;
	default:
		break;
	}
	return 1;
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t n)
{
	jl *j = ctx;
	if (j->depth == 1) {
		j->field = key_field(j, k, n);
		switch (j->field) {
		case F_AUTHORS:
			list_reset(&j->plain);
			buf_clear(&j->authors_str);
			break;
		case F_AUTHOR_NAMES: list_reset(&j->names); break;
		case F_AUTHORS_PARSED: list_reset(&j->parsed); break;
		case F_CATEGORIES: rec_strv_free(&j->rec.categories); break;
		case F_VERSIONS:
			j->version_i = -1;
			j->version = (date){0, 0, 0};
			break;
		default: break;
		}
	} else if (j->depth == 3) {
		j->sub_key = (j->field == F_VERSIONS && n == 7 && memcmp(k, "created", 7) == 0) ||
			     (j->field == F_AUTHORS && n == 4 && memcmp(k, "name", 4) == 0);
	}
	return 1;
}

static int cb_start_map(void *ctx)
{
	jl *j = ctx;
	if (j->depth == 0 && j->objects > 0) {
		j->why = "more than one JSON value on the line";
		return 0;
	}
	j->depth++;
	if (j->depth == 3 && j->field == F_VERSIONS)
		j->version_i++;
	j->sub_key = 0;
	return 1;
}

static int cb_end_map(void *ctx)
{
	jl *j = ctx;
	if (--j->depth == 0)
		j->objects++;
	return 1;
}

/* "First Last Suffix" from the entry [last, first, suffix]. */
static void parsed_name(jl *j)
{
	buf *b = &j->parsed.b;
	size_t before = b->n;
	static const int order[] = {1, 0, 2};
	for (int i = 0; i < 3; i++) {
		buf *p = &j->part[order[i]];
		if (p->n == 0)
			continue;
		if (b->n > before)
			buf_putc(b, ' ');
		buf_put(b, p->p, p->n);
	}
	if (b->n > before) {
		buf_putc(b, 0);
		j->parsed.n++;
	}
}

static int cb_start_array(void *ctx)
{
	jl *j = ctx;
	if (j->depth == 0)
		return not_object(j);
	j->depth++;
	if (j->depth == 3 && j->field == F_AUTHORS_PARSED) {
		for (int i = 0; i < 3; i++)
			buf_clear(&j->part[i]);
		j->part_i = 0;
	}
	return 1;
}

static int cb_end_array(void *ctx)
{
	jl *j = ctx;
	if (j->depth == 3 && j->field == F_AUTHORS_PARSED)
		parsed_name(j);
	j->depth--;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_scalar, cb_boolean, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end_map, cb_start_array, cb_end_array,
};

static yajl_handle new_handle(void *ctx)
{
	yajl_handle h = yajl_alloc(&callbacks, &alloc_funcs, ctx);
	if (!h)
		abort();  /* yajl allocates only through mem_alloc, which aborts first */
	yajl_config(h, yajl_allow_multiple_values, 1);
	yajl_config(h, yajl_dont_validate_strings, 1);
	return h;
}

static int sniff(const char *head, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	if (i >= n || head[i] != '{')
		return 0;
	const char *nl = memchr(head + i, '\n', n - i);
	size_t len = nl ? (size_t)(nl - (head + i)) : n - i;
	yajl_handle h = yajl_alloc(NULL, &alloc_funcs, NULL);
	if (!h)
		abort();
	yajl_status st = yajl_parse(h, (const unsigned char *)head + i, len);
	/* A first line longer than the head is accepted on its valid start. */
	if (st == yajl_status_ok && nl)
		st = yajl_complete_parse(h);
	yajl_free(h);
	return st == yajl_status_ok;
}

static void list_move(const namelist *l, rec_strv *out)
{
	const char *p = (const char *)l->b.p;
	for (size_t i = 0; i < l->n; i++) {
		size_t len = strlen(p);
		rec_strv_push(out, p, len);
		p += len + 1;
	}
}

static void line_reset(jl *j)
{
	rec_clear(&j->rec);
	list_reset(&j->parsed);
	list_reset(&j->names);
	list_reset(&j->plain);
	buf_clear(&j->authors_str);
	buf_clear(&j->venue);
	buf_clear(&j->jref);
	j->version = j->update = (date){0, 0, 0};
	j->year = 0;
	j->depth = j->objects = 0;
	j->why = NULL;
	j->field = F_NONE;
	j->version_i = -1;
	j->sub_key = 0;
	j->part_i = 0;
	j->arxiv = j->has_abstract = j->fixed = 0;
}

/* Why the parse stopped: a callback's reason, or yajl's message and the
 * byte it had reached. late: the line itself parsed, its end did not. */
static void parse_error(jl *j, int late, char *msg, size_t cap)
{
	if (j->why) {
		snprintf(msg, cap, "%s", j->why);
		return;
	}
	unsigned char *e = yajl_get_error(j->h, 0, (const unsigned char *)j->line, j->line_n);
	const char *what = e ? (const char *)e : "parse error";
	size_t wn = strlen(what);
	while (wn && (what[wn - 1] == '\n' || what[wn - 1] == ' ' || what[wn - 1] == '.'))
		wn--;
	if (late)
		snprintf(msg, cap, "JSON cut off at the end of the line (%.*s)", (int)wn, what);
	else
		snprintf(msg, cap, "invalid JSON at byte %zu (%.*s)",
			 yajl_get_bytes_consumed(j->h), (int)wn, what);
	if (e)
		yajl_free_error(j->h, e);
}

/* Parses one line into j->rec. Returns 0, or 1 with msg set. */
static int parse_line(jl *j, const char *s, size_t n, char *msg, size_t cap)
{
	if (!j->h)
		j->h = new_handle(j);
	j->line = s;
	j->line_n = n;
	int late = 0;
	yajl_status st = yajl_parse(j->h, (const unsigned char *)s, n);
	/* The newline ends a trailing number and makes an unterminated string
	 * an error now, so nothing spills into the next line. */
	if (st == yajl_status_ok) {
		late = 1;
		st = yajl_parse(j->h, (const unsigned char *)"\n", 1);
	}
	if (st == yajl_status_ok && j->depth == 0 && j->objects == 1)
		return 0;
	if (st != yajl_status_ok)
		parse_error(j, late, msg, cap);
	else if (j->depth > 0)
		snprintf(msg, cap, "JSON object cut off at the end of the line (truncated record)");
	else
		snprintf(msg, cap, "not a JSON object");
	yajl_free(j->h);
	j->h = NULL;
	return 1;
}

static int emit(jl *j, in_file *in, rd_sink *sink, unsigned long lineno)
{
	rec_paper *r = &j->rec;
	if (!r->id || !r->id[0]) {
		rd_error(j->rep, lineno, "record has no id (\"id\" or \"_id\")");
		return 0;
	}
	if ((!r->title || !r->title[0]) && (!r->abstract || !r->abstract[0])) {
		rd_error(j->rep, lineno, "record %s has no title and no abstract", r->id);
		return 0;
	}
	if (j->fixed)
		rd_warn(j->rep, lineno, "record %s: %d invalid \\u escapes replaced by U+FFFD",
			r->id, j->fixed);
	if (j->parsed.n)
		list_move(&j->parsed, &r->authors);
	else if (j->names.n)
		list_move(&j->names, &r->authors);
	else if (j->plain.n)
		list_move(&j->plain, &r->authors);
	else if (j->authors_str.n)
		byl_split_commas(&r->authors, (const char *)j->authors_str.p, j->authors_str.n);
	if (j->jref.n)
		rec_set(&r->venue, (const char *)j->jref.p, j->jref.n);
	else if (j->venue.n)
		rec_set(&r->venue, (const char *)j->venue.p, j->venue.n);
	else if (j->arxiv)
		rec_set(&r->venue, "arXiv", 5);
	date d = j->version.y ? j->version : j->year ? (date){j->year, 0, 0} : j->update;
	r->year = d.y;
	r->month = d.m;
	r->day = d.d;
	r->format = mem_strdup("jsonl");
	r->source = mem_strdup(in_path(in));
	r->line = lineno;
	rec_finish(r);
	j->rep->records++;
	return sink->emit(sink->ctx, r);
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f')
			return 0;
	return 1;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	jl j = {.rep = rep};
	const char *s;
	size_t n;
	unsigned long lineno = 0;
	char msg[300];
	int rc;
	line_reset(&j);
	while ((rc = in_next_line(in, &s, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			rd_error(rep, lineno, "line longer than %u MiB", IN_MAX_LINE >> 20);
			continue;
		}
		if (rc != 1) {
			rd_error(rep, lineno, "%s: the rest of the file is lost", in_error(in));
			rc = rep->records ? 0 : rc;
			goto done;
		}
		if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (is_blank(s, n))
			continue;
		size_t bad;
		if (!utf8_ok(s, n, &bad)) {
			rd_error(rep, lineno, "invalid UTF-8 at byte %zu", bad + 1);
			continue;
		}
		if (parse_line(&j, s, n, msg, sizeof msg))
			rd_error(rep, lineno, "%s", msg);
		else if ((rc = emit(&j, in, sink, lineno)))
			goto done;
		line_reset(&j);
	}
done:
	line_reset(&j);
	if (j.h)
		yajl_free(j.h);
	for (int i = 0; i < 3; i++)
		buf_free(&j.part[i]);
	buf_free(&j.parsed.b);
	buf_free(&j.names.b);
	buf_free(&j.plain.b);
	buf_free(&j.authors_str);
	buf_free(&j.venue);
	buf_free(&j.jref);
	buf_free(&j.scratch);
	return rc;
}

const rd_format rd_jsonl = {"jsonl", sniff, read_all};
