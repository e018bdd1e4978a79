/* input — line reader over zlib's gz* calls (which also read plain files).
 * Owns the file handle and one buffer that holds the current line. */
#include "input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "err.h"
#include "mem.h"

#define CHUNK (256u << 10)

struct in_file {
	gzFile gz;
	char *path;
	char *buf;          /* bytes read but not yet returned start at pos */
	size_t pos, len, cap;
	int eof;
	int err;
	int gzip;
	unsigned long lineno;
	char *head;         /* first bytes, for sniffing */
	size_t head_n;
	int head_served;    /* the head is also the start of buf */
};

static int fill(in_file *f)
{
	if (f->eof)
		return 0;
	if (f->pos > 0) {
		memmove(f->buf, f->buf + f->pos, f->len - f->pos);
		f->len -= f->pos;
		f->pos = 0;
	}
	if (f->cap - f->len < CHUNK) {
		f->cap = f->len + CHUNK;
		f->buf = mem_realloc(f->buf, f->cap + 1);
	}
	int got = gzread(f->gz, f->buf + f->len, (unsigned)(f->cap - f->len));
	if (got < 0) {
		int zerr;
		gzerror(f->gz, &zerr);
		f->err = zerr == Z_ERRNO ? (errno ? errno : EIO) : PDX_EFORMAT;
		f->eof = 1;
		return f->err;
	}
	if (got == 0) {
		f->eof = 1;
		/* A truncated gzip stream reads as a short file plus an error. */
		int zerr;
		gzerror(f->gz, &zerr);
		if (zerr != Z_OK)
			f->err = PDX_EFORMAT;
		return f->err;
	}
	f->len += (size_t)got;
	return 0;
}

int in_open(const char *path, in_file **out)
{
	*out = NULL;
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return errno ? errno : ENOMEM;
	gzbuffer(gz, CHUNK);
	in_file *f = mem_calloc(1, sizeof *f);
	f->gz = gz;
	f->path = mem_strdup(path);
	f->gzip = !gzdirect(gz);
	/* Read the head into the line buffer; sniffers get a copy. */
	while (!f->eof && f->len < IN_HEAD_SIZE)
		fill(f);
	if (f->err && f->len == 0) {
		int rc = f->err;
		in_close(f);
		return rc;
	}
	f->gzip = !gzdirect(gz);
	f->head_n = f->len < IN_HEAD_SIZE ? f->len : IN_HEAD_SIZE;
	f->head = mem_alloc(f->head_n + 1);
	memcpy(f->head, f->buf, f->head_n);
	f->head[f->head_n] = 0;
	*out = f;
	return 0;
}

void in_close(in_file *f)
{
	if (!f)
		return;
	if (f->gz)
		gzclose(f->gz);
	free(f->path);
	free(f->buf);
	free(f->head);
	free(f);
}

void in_head(in_file *f, const char **head, size_t *n)
{
	*head = f->head;
	*n = f->head_n;
}

int in_is_binary(in_file *f)
{
	if (f->head_n == 0)
		return 0;
	size_t sample = f->head_n < 8192 ? f->head_n : 8192, odd = 0;
	for (size_t i = 0; i < sample; i++) {
		unsigned char c = (unsigned char)f->head[i];
		if (c == 0)
			return 1;
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			odd++;
	}
	return odd * 10 > sample;
}

int in_is_gzip(in_file *f)
{
	return f->gzip;
}

const char *in_path(const in_file *f)
{
	return f->path;
}

/* Skips to just after the next newline without keeping the bytes. */
static int skip_line(in_file *f)
{
	for (;;) {
		char *nl = memchr(f->buf + f->pos, '\n', f->len - f->pos);
		if (nl) {
			f->pos = (size_t)(nl - f->buf) + 1;
			return 0;
		}
		f->pos = f->len = 0;
		if (f->eof)
			return 0;
		int rc = fill(f);
		if (rc)
			return rc;
	}
}

int in_next_line(in_file *f, const char **line, size_t *n, unsigned long *lineno)
{
	size_t scanned = 0;
	for (;;) {
		char *start = f->buf + f->pos;
		size_t avail = f->len - f->pos;
		char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
		if (nl || (f->eof && avail > 0)) {
			size_t len = nl ? (size_t)(nl - start) : avail;
			f->pos += nl ? len + 1 : len;
			*lineno = ++f->lineno;
			if (len > IN_MAX_LINE)
				return PDX_ETOOBIG;
			if (len > 0 && start[len - 1] == '\r')
				len--;
			start[len] = '\0';
			*line = start;
			*n = len;
			return 1;
		}
		if (f->eof)
			return f->err ? f->err : 0;
		scanned = avail;
		if (avail > IN_MAX_LINE) {
			*lineno = ++f->lineno;
			int rc = skip_line(f);
			return rc ? rc : PDX_ETOOBIG;
		}
		int rc = fill(f);
		if (rc && f->len == f->pos)
			return rc;
	}
}
