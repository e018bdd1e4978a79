/* record — the paper record, its document-table encoding and its JSON form.
 *
 * Encoding (document table values, see store.c):
 *   u8      REC_ENCODING (1)
 *   lstr    id, title, abstract
 *   varint  n_authors, then n_authors lstr
 *   varint  flags: bit 0 authors_truncated, bit 1 has_code
 *   varint  n_categories, then n_categories lstr
 *   lstr    venue ("" when none)
 *   varint  year, month, day (0 = unknown)
 *   lstr    format, source
 *   varint  line
 * lstr = varint byte length then the bytes. */
#include "record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "names.h"

#define REC_ENCODING 1

void rec_init(rec_paper *r)
{
	memset(r, 0, sizeof *r);
}

void rec_strv_push(rec_strv *sv, const char *s, size_t n)
{
	sv->v = mem_grow(sv->v, &sv->cap, sv->n + 1, sizeof *sv->v);
	sv->v[sv->n++] = mem_strndup(s, n);
}

void rec_strv_free(rec_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof *sv);
}

void rec_clear(rec_paper *r)
{
	free(r->id);
	free(r->title);
	free(r->abstract);
	rec_strv_free(&r->authors);
	rec_strv_free(&r->categories);
	free(r->venue);
	free(r->format);
	free(r->source);
	rec_init(r);
}

void rec_move(rec_paper *dst, rec_paper *src)
{
	*dst = *src;
	rec_init(src);
}

void rec_set(char **field, const char *s, size_t n)
{
	free(*field);
	*field = mem_strndup(s, n);
}

long rec_authors_find(const rec_paper *r, const char *name)
{
	for (size_t i = 0; i < r->authors.n; i++)
		if (name_same(r->authors.v[i], name))
			return (long)i;
	return -1;
}

void rec_finish(rec_paper *r)
{
	char **text[] = {&r->id, &r->title, &r->abstract, &r->venue, &r->format, &r->source};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		if (!*text[i])
			*text[i] = mem_strdup("");
}

static void put_str(buf *out, const char *s)
{
	buf_put_lstr(out, s ? s : "", s ? strlen(s) : 0);
}

static void put_strv(buf *out, const rec_strv *sv)
{
	buf_put_varint(out, sv->n);
	for (size_t i = 0; i < sv->n; i++)
		put_str(out, sv->v[i]);
}

void rec_encode(const rec_paper *r, buf *out)
{
	buf_putc(out, REC_ENCODING);
	put_str(out, r->id);
	put_str(out, r->title);
	put_str(out, r->abstract);
	put_strv(out, &r->authors);
	buf_put_varint(out, (r->authors_truncated ? 1u : 0u) | (r->has_code ? 2u : 0u));
	put_strv(out, &r->categories);
	put_str(out, r->venue);
	buf_put_varint(out, (uint64_t)(r->year > 0 ? r->year : 0));
	buf_put_varint(out, (uint64_t)(r->month > 0 ? r->month : 0));
	buf_put_varint(out, (uint64_t)(r->day > 0 ? r->day : 0));
	put_str(out, r->format);
	put_str(out, r->source);
	buf_put_varint(out, r->line);
}

static int get_str(const unsigned char **pp, const unsigned char *end, char **out)
{
	const char *s;
	size_t n;
	int rc = buf_get_lstr(pp, end, &s, &n);
	if (rc)
		return rc;
	*out = mem_strndup(s, n);
	return 0;
}

static int get_strv(const unsigned char **pp, const unsigned char *end, rec_strv *sv)
{
	uint64_t n;
	int rc = buf_get_varint(pp, end, &n);
	if (rc)
		return rc;
	if (n > (uint64_t)(end - *pp))  /* each string takes at least one byte */
		return PDX_ECORRUPT;
	for (uint64_t i = 0; i < n; i++) {
		const char *s;
		size_t len;
		if ((rc = buf_get_lstr(pp, end, &s, &len)))
			return rc;
		rec_strv_push(sv, s, len);
	}
	return 0;
}

static int get_int(const unsigned char **pp, const unsigned char *end, int *out, uint64_t max)
{
	uint64_t v;
	int rc = buf_get_varint(pp, end, &v);
	if (rc)
		return rc;
	if (v > max)
		return PDX_ECORRUPT;
	*out = (int)v;
	return 0;
}

int rec_decode(const void *data, size_t n, rec_paper *r)
{
	const unsigned char *p = data, *end = p + n;
	uint64_t flags, line;
	int rc = PDX_ECORRUPT;
	if (n < 1 || *p++ != REC_ENCODING)
		goto fail;
	if ((rc = get_str(&p, end, &r->id)) || (rc = get_str(&p, end, &r->title)) ||
	    (rc = get_str(&p, end, &r->abstract)) || (rc = get_strv(&p, end, &r->authors)) ||
	    (rc = buf_get_varint(&p, end, &flags)) || (rc = get_strv(&p, end, &r->categories)) ||
	    (rc = get_str(&p, end, &r->venue)) || (rc = get_int(&p, end, &r->year, 9999)) ||
	    (rc = get_int(&p, end, &r->month, 12)) || (rc = get_int(&p, end, &r->day, 31)) ||
	    (rc = get_str(&p, end, &r->format)) || (rc = get_str(&p, end, &r->source)) ||
	    (rc = buf_get_varint(&p, end, &line)))
		goto fail;
	rc = PDX_ECORRUPT;
	if (p != end || flags > 3)
		goto fail;
	r->authors_truncated = (flags & 1) != 0;
	r->has_code = (flags & 2) != 0;
	r->line = (unsigned long)line;
	return 0;
fail:
	rec_clear(r);
	return rc;
}

static void json_member_str(buf *out, const char *name, const char *v)
{
	buf_printf(out, ",\"%s\":", name);
	if (v && *v)
		buf_put_json_str(out, v, strlen(v));
	else
		buf_puts(out, "null");
}

static void json_member_int(buf *out, const char *name, int v)
{
	if (v > 0)
		buf_printf(out, ",\"%s\":%d", name, v);
	else
		buf_printf(out, ",\"%s\":null", name);
}

void rec_json_fields(const rec_paper *r, buf *out)
{
	buf_puts(out, "\"id\":");
	buf_put_json_str(out, r->id ? r->id : "", r->id ? strlen(r->id) : 0);
	json_member_str(out, "title", r->title);
	json_member_str(out, "abstract", r->abstract);
	buf_puts(out, ",\"authors\":[");
	for (size_t i = 0; i < r->authors.n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_put_json_str(out, r->authors.v[i], strlen(r->authors.v[i]));
	}
	buf_puts(out, "],\"author_keys\":[");
	buf key = BUF_INIT;
	for (size_t i = 0; i < r->authors.n; i++) {
		buf_clear(&key);
		name_key(r->authors.v[i], strlen(r->authors.v[i]), &key);
		if (i)
			buf_putc(out, ',');
		buf_put_json_str(out, (const char *)key.p, key.n);
	}
	buf_free(&key);
	buf_printf(out, "],\"authors_truncated\":%s", r->authors_truncated ? "true" : "false");
	json_member_int(out, "year", r->year);
	json_member_int(out, "month", r->month);
	json_member_int(out, "day", r->day);
	buf_puts(out, ",\"categories\":[");
	for (size_t i = 0; i < r->categories.n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_put_json_str(out, r->categories.v[i], strlen(r->categories.v[i]));
	}
	buf_putc(out, ']');
	json_member_str(out, "venue", r->venue);
	buf_printf(out, ",\"has_code\":%s", r->has_code ? "true" : "false");
	json_member_str(out, "format", r->format);
	json_member_str(out, "source", r->source);
	buf_printf(out, ",\"line\":%lu", r->line);
}
