/* input — reading one corpus file as lines, plain or gzip-compressed.
 *
 * gzip is detected from the magic bytes (zlib reads plain files through the
 * same calls). Lines are returned without their "\n" or "\r\n". A line
 * longer than IN_MAX_LINE is not buffered: in_next_line reports it once
 * (PDX_ETOOBIG, with its number) and the next call resumes after it. */
#ifndef PDX_INPUT_H
#define PDX_INPUT_H

#include <stddef.h>

#define IN_MAX_LINE (16u << 20)
#define IN_HEAD_SIZE (64u << 10)

typedef struct in_file in_file;

/* Opens path. Returns 0, or an errno value / PDX_EFORMAT (corrupt gzip
 * header); *out is NULL on failure. */
int in_open(const char *path, in_file **out);
void in_close(in_file *f);

/* The first up to IN_HEAD_SIZE decompressed bytes, for sniffing; borrowed,
 * valid until in_close. Does not consume anything. */
void in_head(in_file *f, const char **head, size_t *n);
/* 1 when the head holds a NUL byte or is mostly not text. */
int in_is_binary(in_file *f);
int in_is_gzip(in_file *f);
const char *in_path(const in_file *f);

/* Next line: returns 1 with *line (borrowed until the next call), *n and
 * *lineno (1-based) set; 0 at end of file; PDX_ETOOBIG for an over-long
 * line (*lineno set, line skipped); a positive errno or PDX_EFORMAT on a
 * read or decompression error (the rest of the file is lost). */
int in_next_line(in_file *f, const char **line, size_t *n, unsigned long *lineno);

#endif
