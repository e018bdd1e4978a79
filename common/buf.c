/* buf — growable bytes and the integer encodings every on-disk structure
 * uses. Owns only the buffer memory. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

void buf_free(buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

unsigned char *buf_reserve(buf *b, size_t extra)
{
	if (b->n + extra + 1 > b->cap)
		b->p = mem_grow(b->p, &b->cap, b->n + extra + 1, 1);
	return b->p + b->n;
}

void buf_put(buf *b, const void *p, size_t n)
{
	unsigned char *d = buf_reserve(b, n);
	if (n)
		memcpy(d, p, n);
	b->n += n;
	b->p[b->n] = 0;
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, int c)
{
	unsigned char ch = (unsigned char)c;
	buf_put(b, &ch, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (need < 0)
		return;
	char *d = (char *)buf_reserve(b, (size_t)need);
	va_start(ap, fmt);
	vsnprintf(d, (size_t)need + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)need;
}

void buf_put_varint_long(buf *b, uint64_t v)
{
	unsigned char *d = buf_reserve(b, 10);
	size_t i = 0;
	while (v >= 0x80) {
		d[i++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	d[i++] = (unsigned char)v;
	b->n += i;
	b->p[b->n] = 0;
}

void buf_put_u32be(buf *b, uint32_t v)
{
	unsigned char d[4];
	u32be_put(d, v);
	buf_put(b, d, 4);
}

void buf_put_lstr(buf *b, const char *s, size_t n)
{
	buf_put_varint(b, n);
	buf_put(b, s, n);
}

void buf_put_json_str(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': buf_put(b, "\\\"", 2); break;
		case '\\': buf_put(b, "\\\\", 2); break;
		case '\n': buf_put(b, "\\n", 2); break;
		case '\t': buf_put(b, "\\t", 2); break;
		case '\r': buf_put(b, "\\r", 2); break;
		default: {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_put(b, e, 6);
		}
		}
	}
	buf_put(b, s + run, n - run);
	buf_putc(b, '"');
}

int buf_get_varint(const unsigned char **pp, const unsigned char *end, uint64_t *out)
{
	const unsigned char *p = *pp;
	uint64_t v = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (p >= end)
			return PDX_ECORRUPT;
		unsigned char c = *p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*pp = p;
			*out = v;
			return 0;
		}
	}
	return PDX_ECORRUPT;
}

int buf_get_u32(const unsigned char **pp, const unsigned char *end, uint32_t *out)
{
	uint64_t v;
	int rc = buf_get_varint(pp, end, &v);
	if (rc)
		return rc;
	if (v > UINT32_MAX)
		return PDX_ECORRUPT;
	*out = (uint32_t)v;
	return 0;
}

int buf_get_lstr(const unsigned char **pp, const unsigned char *end,
		 const char **s, size_t *n)
{
	uint64_t len;
	int rc = buf_get_varint(pp, end, &len);
	if (rc)
		return rc;
	if (len > (uint64_t)(end - *pp))
		return PDX_ECORRUPT;
	*s = (const char *)*pp;
	*n = (size_t)len;
	*pp += len;
	return 0;
}
