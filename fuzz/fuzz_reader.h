/* fuzz_reader — the harness every reader target shares: the input bytes
 * become an in-memory file (gzip included, since input.c inflates what
 * starts with its magic), the format's sniffer looks at them and its
 * reader turns them into records. Each record is checked the way the rest
 * of paperdex relies on it: every text field set, valid UTF-8, squashed
 * of the line breaks readers must remove, and surviving rec_encode /
 * rec_decode. A broken promise aborts, which libFuzzer reports as a crash. */
#ifndef PDX_FUZZ_READER_H
#define PDX_FUZZ_READER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "reader.h"
#include "text.h"

static void fuzz_check_text(const char *s)
{
	if (!s || !text_utf8_valid(s, strlen(s), NULL))
		abort();
}

static void fuzz_check_strv(const rec_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		fuzz_check_text(sv->v[i]);
}

static int fuzz_emit(void *ctx, rec_paper *r)
{
	(void)ctx;
	const char *fields[] = {r->id, r->title, r->abstract, r->venue, r->format, r->source};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		fuzz_check_text(fields[i]);
	if (strchr(r->title, '\n') || strchr(r->abstract, '\n') || !r->id[0])
		abort();
	fuzz_check_strv(&r->authors);
	fuzz_check_strv(&r->categories);
	buf enc = BUF_INIT;
	rec_encode(r, &enc);
	rec_paper back;
	rec_init(&back);
	if (rec_decode(enc.p, enc.n, &back) != 0 || strcmp(back.id, r->id) != 0 ||
	    strcmp(back.abstract, r->abstract) != 0 || back.authors.n != r->authors.n)
		abort();
	rec_clear(&back);
	buf_free(&enc);
	rec_clear(r);
	return 0;
}

static int fuzz_read(const rd_format *fmt, const uint8_t *data, size_t size)
{
	fmt->sniff((const char *)data, size);
	in_file *in;
	if (in_open_mem(data, size, "fuzz", &in) != 0)
		return 0;
	const char *head;
	size_t n;
	in_head(in, &head, &n);
	fmt->sniff(head, n);
	rd_report rep = {.path = "fuzz", .format = fmt->name, .quiet = 1};
	rd_sink sink = {fuzz_emit, NULL};
	fmt->read(in, &sink, &rep);
	in_close(in);
	return 0;
}

#endif
