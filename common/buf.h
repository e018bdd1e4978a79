/* buf — a growable byte buffer, varints and big-endian integers.
 *
 * The buffer owns its bytes; growth aborts on allocation failure (see mem.h).
 * Readers (buf_get_*) never trust their input: they bounds-check against the
 * end pointer and report failure instead of reading past it, because they
 * decode bytes that come from disk. */
#ifndef PDX_BUF_H
#define PDX_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct buf {
	unsigned char *p; /* owned; NUL-terminated after every append */
	size_t n;         /* bytes used, not counting the terminating NUL */
	size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_free(buf *b);
/* Makes room for extra more bytes; returns a pointer to the free space. */
unsigned char *buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, int c);
/* Writes b's bytes to f; an empty buffer, which may hold no array at
 * all, writes nothing (fwrite's pointer must not be NULL). */
void buf_write(const buf *b, FILE *f);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* v in decimal digits. */
void buf_put_decimal(buf *b, uint64_t v);
/* v with places (0..9) decimals, byte for byte what printf("%.*f") writes
 * (the exact value rounded to nearest, ties to even), without printf's
 * cost on the common values: what a run file's thousands of scores take. */
void buf_put_fixed(buf *b, double v, unsigned places);
void buf_put_varint_long(buf *b, uint64_t v);
/* Appends v as a LEB128 varint; one-byte values take an inline path. */
static inline void buf_put_varint(buf *b, uint64_t v)
{
	if (v < 0x80 && b->n + 2 <= b->cap) {
		b->p[b->n++] = (unsigned char)v;
		b->p[b->n] = 0;
		return;
	}
	buf_put_varint_long(b, v);
}
void buf_put_u32be(buf *b, uint32_t v);
/* A varint length followed by the bytes. */
void buf_put_lstr(buf *b, const char *s, size_t n);
/* Appends s (n bytes, valid UTF-8) as a quoted JSON string. */
void buf_put_json_str(buf *b, const char *s, size_t n);
static inline void buf_clear(buf *b) { b->n = 0; if (b->p) b->p[0] = 0; }

/* Decoders: read from *pp, never past end; advance *pp. Return 0 or
 * PDX_ECORRUPT (truncated or overlong input). */
int buf_get_varint(const unsigned char **pp, const unsigned char *end, uint64_t *out);
int buf_get_u32(const unsigned char **pp, const unsigned char *end, uint32_t *out);
/* A length-prefixed string: *s points into the input (borrowed). */
int buf_get_lstr(const unsigned char **pp, const unsigned char *end,
		 const char **s, size_t *n);

static inline void u32be_put(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline uint32_t u32be_get(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#endif
