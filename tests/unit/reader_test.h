/* Helpers for the reader unit tests (test_jsonl.c, test_smart.c,
 * test_trec.c): run a format's reader over a string held in memory and keep
 * what it emits. Included after <cmocka.h>. */
#ifndef PDX_READER_TEST_H
#define PDX_READER_TEST_H

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "input.h"
#include "reader.h"

#define GOT_MAX 64

typedef struct got {
	rec_paper v[GOT_MAX];
	size_t n;
	rd_report rep;
	int rc;          /* what the reader returned */
	int fail_after;  /* the sink fails with PDX_EFORMAT past this many; 0: never */
} got;

static inline int got_emit(void *ctx, rec_paper *rec)
{
	got *g = ctx;
	if (g->fail_after && g->n >= (size_t)g->fail_after) {
		rec_clear(rec);
		return PDX_EFORMAT;
	}
	assert_true(g->n < GOT_MAX);
	rec_init(&g->v[g->n]);
	rec_move(&g->v[g->n++], rec);
	return 0;
}

/* Reads n bytes of text through fmt into g (which is reset first); g->rc
 * is in_open_mem's code when that fails, else the reader's. */
static inline void got_read_n(got *g, const rd_format *fmt, const char *text, size_t n)
{
	int fail_after = g->fail_after;
	memset(g, 0, sizeof *g);
	g->fail_after = fail_after;
	g->rep.path = "mem";
	g->rep.format = fmt->name;
	g->rep.quiet = 1;
	in_file *in;
	g->rc = in_open_mem(text, n, "mem", &in);
	if (g->rc)
		return;
	rd_sink sink = {got_emit, g};
	g->rc = fmt->read(in, &sink, &g->rep);
	in_close(in);
}

static inline void got_read(got *g, const rd_format *fmt, const char *text)
{
	got_read_n(g, fmt, text, strlen(text));
}

static inline void got_free(got *g)
{
	for (size_t i = 0; i < g->n; i++)
		rec_clear(&g->v[i]);
	g->n = 0;
}

static inline int sniff_str(const rd_format *fmt, const char *head)
{
	return fmt->sniff(head, strlen(head));
}

/* The authors of r joined with "|", in a static buffer. */
static inline const char *authors_of(const rec_paper *r)
{
	static char out[1024];
	out[0] = 0;
	for (size_t i = 0; i < r->authors.n; i++) {
		if (i)
			strncat(out, "|", sizeof out - strlen(out) - 1);
		strncat(out, r->authors.v[i], sizeof out - strlen(out) - 1);
	}
	return out;
}

static inline const char *categories_of(const rec_paper *r)
{
	static char out[1024];
	out[0] = 0;
	for (size_t i = 0; i < r->categories.n; i++) {
		if (i)
			strncat(out, "|", sizeof out - strlen(out) - 1);
		strncat(out, r->categories.v[i], sizeof out - strlen(out) - 1);
	}
	return out;
}

#endif
