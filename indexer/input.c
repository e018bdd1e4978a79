/* input — line reader over a file descriptor or a memory block, with gzip
 * inflated by zlib as it streams. Owns the descriptor, the inflate state and
 * one buffer that holds the current line. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "err.h"
#include "mem.h"

#define CHUNK (256u << 10)   /* decompressed bytes added to the buffer per fill */
#define ZIN (128u << 10)     /* compressed bytes read from a file at a time */

struct in_file {
	int fd;                      /* -1 when reading memory */
	const unsigned char *mem;    /* borrowed source when reading memory */
	size_t mem_n, mem_pos;
	int gzip;
	z_stream zs;
	int zs_live;                 /* inflateInit2 succeeded */
	int z_done;                  /* last gzip member ended, nothing follows */
	unsigned char *zin;          /* compressed input (file source only) */
	char *path;
	char *buf;                   /* bytes read but not yet returned start at pos */
	size_t pos, len, cap;
	int eof;
	int err;
	char errmsg[160];
	unsigned long lineno;
	char *head;                  /* first bytes, for sniffing */
	size_t head_n;
};

static void set_error(in_file *f, int rc, const char *what)
{
	if (f->err)
		return;
	f->err = rc;
	snprintf(f->errmsg, sizeof f->errmsg, "%s", what);
}

/* Up to n raw (possibly compressed) bytes; 0 at end of input. */
static size_t raw_read(in_file *f, void *dst, size_t n)
{
	if (f->fd < 0) {
		size_t k = f->mem_n - f->mem_pos < n ? f->mem_n - f->mem_pos : n;
		if (k == 0)
			return 0;
		memcpy(dst, f->mem + f->mem_pos, k);
		f->mem_pos += k;
		return k;
	}
	for (;;) {
		ssize_t got = read(f->fd, dst, n);
		if (got >= 0)
			return (size_t)got;
		if (errno == EINTR)
			continue;
		set_error(f, errno, strerror(errno));
		return 0;
	}
}

/* Gives inflate more compressed input; leaves avail_in 0 at the end. */
static void z_refill(in_file *f)
{
	if (f->fd < 0) {
		size_t left = f->mem_n - f->mem_pos;
		if (left > UINT_MAX)
			left = UINT_MAX;
		f->zs.next_in = (unsigned char *)(f->mem + f->mem_pos);
		f->zs.avail_in = (unsigned)left;
		f->mem_pos += left;
		return;
	}
	f->zs.next_in = f->zin;
	f->zs.avail_in = (unsigned)raw_read(f, f->zin, ZIN);
}

/* Inflates up to n bytes into dst, across concatenated gzip members (as
 * gzip -d does); bytes after the last member that are not another member
 * are ignored, as zlib's gzread ignores them. Errors are recorded in f. */
static size_t z_read(in_file *f, unsigned char *dst, size_t n)
{
	f->zs.next_out = dst;
	f->zs.avail_out = n > UINT_MAX ? UINT_MAX : (unsigned)n;
	size_t want = f->zs.avail_out;
	while (f->zs.avail_out > 0 && !f->z_done && !f->err) {
		if (f->zs.avail_in == 0) {
			z_refill(f);
			if (f->zs.avail_in == 0) {
				set_error(f, PDX_EFORMAT, "gzip data truncated");
				break;
			}
		}
		int z = inflate(&f->zs, Z_NO_FLUSH);
		if (z == Z_STREAM_END) {
			if (f->zs.avail_in == 0)
				z_refill(f);
			if (f->zs.avail_in == 0 || f->zs.next_in[0] != 0x1f)
				f->z_done = 1;
			else
				inflateReset(&f->zs);
		} else if (z != Z_OK && (z != Z_BUF_ERROR || f->zs.avail_in > 0)) {
			char what[150];
			snprintf(what, sizeof what, "corrupt gzip data (%s)",
				 f->zs.msg ? f->zs.msg : "zlib error");
			set_error(f, PDX_EFORMAT, what);
		}
	}
	return want - f->zs.avail_out;
}

/* Appends the next chunk of decompressed bytes to buf; sets eof (and err)
 * when there are no more. */
static void fill(in_file *f)
{
	if (f->eof)
		return;
	if (f->pos > 0) {
		memmove(f->buf, f->buf + f->pos, f->len - f->pos);
		f->len -= f->pos;
		f->pos = 0;
	}
	if (f->cap - f->len < CHUNK) {
		f->cap = f->len + CHUNK;
		f->buf = mem_realloc(f->buf, f->cap + 1);
	}
	size_t room = f->cap - f->len;
	size_t got = f->gzip ? z_read(f, (unsigned char *)f->buf + f->len, room)
			     : raw_read(f, f->buf + f->len, room);
	f->len += got;
	if (got == 0 || f->err)
		f->eof = 1;
}

/* Detects gzip from the first bytes, then reads the head. */
static int start(in_file *f, in_file **out)
{
	unsigned char magic[2];
	size_t nmagic = 0;
	f->cap = CHUNK;
	f->buf = mem_alloc(f->cap + 1);
	if (f->fd < 0) {
		nmagic = f->mem_n < 2 ? f->mem_n : 2;
		if (nmagic)
			memcpy(magic, f->mem, nmagic);
	} else {
		f->zin = mem_alloc(ZIN);
		size_t got;
		while (nmagic < 2 && (got = raw_read(f, f->zin + nmagic, ZIN - nmagic)) > 0)
			nmagic += got;
		if (nmagic)
			memcpy(magic, f->zin, nmagic < 2 ? nmagic : 2);
	}
	f->gzip = nmagic >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	if (f->gzip) {
		if (inflateInit2(&f->zs, 16 + MAX_WBITS) != Z_OK) {
			in_close(f);
			return ENOMEM;
		}
		f->zs_live = 1;
		if (f->fd >= 0) {
			f->zs.next_in = f->zin;
			f->zs.avail_in = (unsigned)nmagic;
		}
	} else if (f->fd >= 0 && nmagic > 0) {
		memcpy(f->buf, f->zin, nmagic);  /* ZIN < CHUNK */
		f->len = nmagic;
	}
	while (!f->eof && f->len < IN_HEAD_SIZE)
		fill(f);
	if (f->err && f->len == 0) {
		int rc = f->err;
		in_close(f);
		return rc;
	}
	f->head_n = f->len < IN_HEAD_SIZE ? f->len : IN_HEAD_SIZE;
	f->head = mem_alloc(f->head_n + 1);
	if (f->head_n)
		memcpy(f->head, f->buf, f->head_n);
	f->head[f->head_n] = 0;
	*out = f;
	return 0;
}

int in_open(const char *path, in_file **out)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno ? errno : EIO;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	in_file *f = mem_calloc(1, sizeof *f);
	f->fd = fd;
	f->path = mem_strdup(path);
	return start(f, out);
}

int in_open_mem(const void *data, size_t n, const char *name, in_file **out)
{
	*out = NULL;
	in_file *f = mem_calloc(1, sizeof *f);
	f->fd = -1;
	f->mem = data;
	f->mem_n = n;
	f->path = mem_strdup(name);
	return start(f, out);
}

void in_close(in_file *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	if (f->zs_live)
		inflateEnd(&f->zs);
	free(f->zin);
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

const char *in_error(const in_file *f)
{
	return f->errmsg;
}

/* Drops bytes up to and including the next newline. */
static void skip_line(in_file *f)
{
	for (;;) {
		char *nl = memchr(f->buf + f->pos, '\n', f->len - f->pos);
		if (nl) {
			f->pos = (size_t)(nl - f->buf) + 1;
			return;
		}
		f->pos = f->len = 0;
		if (f->eof)
			return;
		fill(f);
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
			return f->err;
		scanned = avail;
		if (avail > IN_MAX_LINE) {
			*lineno = ++f->lineno;
			skip_line(f);
			return PDX_ETOOBIG;
		}
		fill(f);
	}
}
