/* input — reading one corpus file as lines, plain or gzip-compressed.
 *
 * The bytes come from a file or from memory (fuzzing, tests); gzip is
 * detected from the magic bytes and inflated as it is read. Lines are
 * returned without their "\n" or "\r\n". A line longer than IN_MAX_LINE is
 * not buffered: in_next_line reports it once (PDX_ETOOBIG, with its number)
 * and the next call resumes after it. Owns nothing outside its handle. */
#ifndef PDX_INPUT_H
#define PDX_INPUT_H

#include <stddef.h>

#define IN_MAX_LINE (16u << 20)
#define IN_HEAD_SIZE (64u << 10)

typedef struct in_file in_file;

/* Opens path. Returns 0, or an errno value / PDX_EFORMAT (corrupt gzip
 * data before the first byte); *out is NULL on failure. */
int in_open(const char *path, in_file **out);
/* Reads n bytes at data (borrowed: must outlive the handle) as if they were
 * a file called name (copied; used in messages). Same returns as in_open. */
int in_open_mem(const void *data, size_t n, const char *name, in_file **out);
void in_close(in_file *f);

/* The first up to IN_HEAD_SIZE decompressed bytes, for sniffing; borrowed,
 * valid until in_close. Does not consume anything. */
void in_head(in_file *f, const char **head, size_t *n);
/* 1 when the head holds a NUL byte or is mostly not text. */
int in_is_binary(in_file *f);
int in_is_gzip(in_file *f);
const char *in_path(const in_file *f);

/* Next line: returns 1 with *line (borrowed until the next call; NUL at
 * (*line)[*n]), *n and *lineno (1-based) set; 0 at end of file; PDX_ETOOBIG
 * for an over-long line (*lineno set, line skipped); a positive errno or
 * PDX_EFORMAT on a read or decompression error (the rest of the file is
 * lost; in_error says what happened). */
int in_next_line(in_file *f, const char **line, size_t *n, unsigned long *lineno);

/* What the last read error was, e.g. "gzip data truncated"; "" when there
 * was none. Borrowed, valid until in_close. */
const char *in_error(const in_file *f);

#endif
