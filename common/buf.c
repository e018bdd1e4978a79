/* buf — growable bytes and the integer encodings every on-disk structure
 * uses. Owns only the buffer memory. */
#include "buf.h"

#include <math.h>
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

void buf_write(const buf *b, FILE *f)
{
	if (b->n)
		fwrite(b->p, 1, b->n, f);
}

void buf_printf(buf *b, const char *fmt, ...)
{
	/* Most appends fit in the room already there: one pass, not a
	 * measuring pass and a writing pass. */
	size_t room = b->cap > b->n ? b->cap - b->n : 0;
	if (room < 64)
		room = 64;
	char *d = (char *)buf_reserve(b, room - 1);
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(d, room, fmt, ap);
	va_end(ap);
	if (need < 0) {
		b->p[b->n] = 0;
		return;
	}
	if ((size_t)need >= room) {
		d = (char *)buf_reserve(b, (size_t)need);
		va_start(ap, fmt);
		vsnprintf(d, (size_t)need + 1, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)need;
}

void buf_put_decimal(buf *b, uint64_t v)
{
	char tmp[20];
	size_t i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_put(b, tmp + i, sizeof tmp - i);
}

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

void buf_put_fixed(buf *b, double v, unsigned places)
{
	static const uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
					 100000000, 1000000000};
	/* Beyond 2^63 units of the last place, or not a number: printf. */
	if (places > 9 || !isfinite(v) || fabs(v) >= 0x1p63 / (double)pow10[places]) {
		buf_printf(b, "%.*f", (int)places, v);
		return;
	}
	/* |v| = mant * 2^exp exactly; |v| * 10^places = n * 2^exp, whose
	 * integer part and remainder give printf's rounding: to nearest,
	 * ties to even, on the exact binary value. */
	int exp;
	uint64_t mant = (uint64_t)ldexp(frexp(fabs(v), &exp), 53), q;
	exp -= 53;
	u128 n = (u128)mant * pow10[places];
	if (exp >= 0) {
		q = (uint64_t)(n << exp);
	} else if (exp > -100) {
		unsigned sh = (unsigned)-exp;
		u128 half = (u128)1 << (sh - 1), rem = n & ((half << 1) - 1);
		q = (uint64_t)(n >> sh);
		q += rem > half || (rem == half && (q & 1));
	} else {
		q = 0;  /* n < 2^83, below half a unit */
	}
	if (signbit(v))
		buf_putc(b, '-');
	buf_put_decimal(b, q / pow10[places]);
	if (places) {
		char frac[10];
		uint64_t f = q % pow10[places];
		for (unsigned i = places; i-- > 0; f /= 10)
			frac[i] = (char)('0' + f % 10);
		buf_putc(b, '.');
		buf_put(b, frac, places);
	}
}
#else
void buf_put_fixed(buf *b, double v, unsigned places)
{
	buf_printf(b, "%.*f", (int)places, v);
}
#endif

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
