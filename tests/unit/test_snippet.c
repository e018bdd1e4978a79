/* Unit tests for snippet: exact snippets and highlight spans for short
 * texts (stems, compounds, possessives, Greek), the window and its cuts on
 * a long abstract, rendering, and invariants over random texts with
 * multi-byte words: valid UTF-8, cuts on word boundaries, spans on what
 * the analyzer matched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "snippet.h"
#include "text.h"

#define ELLIPSIS "…"

static an_analyzer *an;

static int setup(void **state)
{
	(void)state;
	return an_open(&an);
}

static int teardown(void **state)
{
	(void)state;
	an_close(an);
	return 0;
}

/* The snippet rendered with [ ]. */
static char *rendered(const char *text, const char *const *terms, size_t max)
{
	snip s;
	assert_int_equal(snip_make(an, text, strlen(text), terms, max, &s), 0);
	buf b = BUF_INIT;
	snip_render(&s, "[", "]", &b);
	buf_putc(&b, '\0');
	snip_free(&s);
	return (char *)b.p;
}

static void expect_render(const char *text, const char *const *terms, size_t max, const char *want)
{
	char *got = rendered(text, terms, max);
	assert_string_equal(got, want);
	free(got);
}

static void test_short_texts(void **state)
{
	(void)state;
	/* Stems light up every form; the whole text fits. */
	expect_render("Graph neural networks for convolution on networked graphs.",
		      (const char *[]){"network", "convolut", NULL}, 240,
		      "Graph neural [networks] for [convolution] on [networked] graphs.");
	/* A compound lights up as one span, parts and joined form alike. */
	expect_render("We study self-supervised and selfsupervised learning.",
		      (const char *[]){"self", "supervis", "selfsupervis", NULL}, 240,
		      "We study [self-supervised] and [selfsupervised] learning.");
	/* The possessive is part of the word; Greek matches by name. */
	expect_render("DPO's margin uses $\\beta$ and β.", (const char *[]){"dpo", "beta", NULL}, 240,
		      "[DPO's] margin uses $[\\beta]$ and [β].");
	expect_render("SO(3) equivariance", (const char *[]){"so3", NULL}, 240, "[SO(3)] equivariance");
	/* No term: the start of the text; no text: nothing. */
	expect_render("Nothing here matches.", (const char *[]){"graph", NULL}, 240, "Nothing here matches.");
	expect_render("", (const char *[]){"graph", NULL}, 240, "");
	expect_render("Graph graph.", NULL, 240, "Graph graph.");
}

/* Exact spans in bytes, with a multi-byte character before them. */
static void test_spans(void **state)
{
	(void)state;
	const char *text = "Ünïcödé graphs and graph théory";
	snip s;
	assert_int_equal(snip_make(an, text, strlen(text), (const char *[]){"graph", "theori", NULL}, 240, &s), 0);
	assert_int_equal(s.text.n, strlen(text));
	assert_memory_equal(s.text.p, text, s.text.n);
	assert_int_equal(s.nhl, 3);
	const char *want[] = {"graphs", "graph", "théory"};
	for (size_t i = 0; i < 3; i++) {
		size_t len = s.hl[i].end - s.hl[i].start;
		assert_int_equal(len, strlen(want[i]));
		assert_memory_equal(s.text.p + s.hl[i].start, want[i], len);
	}
	snip_free(&s);
}

/* A long abstract: the window is the part with the most distinct terms,
 * cut at word boundaries, with an ellipsis at each cut. */
static void test_window(void **state)
{
	(void)state;
	buf t = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "filler words about nothing in particular, ");
	buf_puts(&t, "then needlet convolution appears with spherical harmonics, ");
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "more filler words about nothing else. ");
	buf_putc(&t, '\0');
	const char *text = (const char *)t.p;
	char *r = rendered(text, (const char *[]){"needlet", "convolut", "spheric", NULL}, 240);
	assert_true(strncmp(r, ELLIPSIS, strlen(ELLIPSIS)) == 0);
	assert_non_null(strstr(r, "[needlet] [convolution] appears with [spherical] harmonics"));
	size_t n = strlen(r);
	assert_true(n > strlen(ELLIPSIS) * 2);
	assert_string_equal(r + n - strlen(ELLIPSIS), ELLIPSIS);
	/* Cut at word boundaries: the text next to each ellipsis is a whole
	 * word of the original. */
	const char *body = r + strlen(ELLIPSIS);
	assert_true(body[0] != ' ');
	char first[32];
	assert_int_equal(sscanf(body, "%31s", first), 1);
	assert_true(strstr(text, first) == text || strstr(text, first)[-1] == ' ');
	assert_true(r[n - strlen(ELLIPSIS) - 1] != ' ');
	free(r);

	/* Terms only at the very end: the window ends with the text. */
	buf_clear(&t);
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "filler words about nothing in particular. ");
	buf_puts(&t, "Last comes the needlet.");
	buf_putc(&t, '\0');
	r = rendered((const char *)t.p, (const char *[]){"needlet", NULL}, 240);
	assert_true(strncmp(r, ELLIPSIS, strlen(ELLIPSIS)) == 0);
	n = strlen(r);
	assert_string_equal(r + n - strlen("the [needlet]."), "the [needlet].");
	free(r);
	buf_free(&t);
}

static void test_render(void **state)
{
	(void)state;
	const char *text = "graph graph graph";
	snip s;
	assert_int_equal(snip_make(an, text, strlen(text), (const char *[]){"graph", NULL}, 240, &s), 0);
	assert_int_equal(s.nhl, 3);
	buf b = BUF_INIT;
	snip_render(&s, "\033[1m", "\033[0m", &b);
	buf_putc(&b, '\0');
	assert_string_equal((const char *)b.p, "\033[1mgraph\033[0m \033[1mgraph\033[0m \033[1mgraph\033[0m");
	buf_free(&b);
	snip_free(&s);
	snip_free(&s);  /* twice is harmless */
}

/* Random abstracts of ASCII and multi-byte words: the snippet is valid
 * UTF-8, its body is a piece of the text cut at spaces, and every span
 * holds whole matched words. */
static void test_random_invariants(void **state)
{
	(void)state;
	static const char *const words[] = {
		"graph", "graphs", "neural", "théorie", "Ünïcödé", "β-VAE", "self-supervised", "日本語",
		"convolution", "a", "the", "of", "x", "networks", "emoji😀", "naïve", "GPT-4",
		"verylongwordwithoutanyspaceatallthatgoesonandonforeverandever",
	};
	static const char *const terms[] = {"graph", "network", "beta", "selfsupervis", "日", "naiv", NULL};
	size_t nw = sizeof words / sizeof *words;
	uint32_t x = 7;
	for (int round = 0; round < 400; round++) {
		buf t = BUF_INIT;
		x = x * 1664525u + 1013904223u;
		size_t len = (x >> 8) % 300;
		for (size_t i = 0; i < len; i++) {
			x = x * 1664525u + 1013904223u;
			buf_printf(&t, "%s%s", i ? " " : "", words[(x >> 8) % nw]);
		}
		size_t max = 40 + (size_t)round % 300;
		snip s;
		assert_int_equal(snip_make(an, (const char *)t.p, t.n, terms, max, &s), 0);
		assert_true(s.text.n == 0 || text_utf8_valid((const char *)s.text.p, s.text.n, NULL));
		const char *sp = (const char *)s.text.p;
		size_t head = s.text.n >= 3 && memcmp(sp, ELLIPSIS, 3) == 0 ? 3 : 0;
		size_t tail = s.text.n >= head + 3 && memcmp(sp + s.text.n - 3, ELLIPSIS, 3) == 0 ? 3 : 0;
		size_t body = s.text.n - head - tail;
		/* The body is in the text and starts on a word edge, unless the
		 * word is too long to keep whole (over 30 bytes). */
		const char *at = NULL;
		for (size_t i = 0; i + body <= t.n && !at && body; i++)
			if (memcmp(t.p + i, sp + head, body) == 0)
				at = (const char *)t.p + i;
		assert_true(at || body == 0);
		if (head && body && at[-1] != ' ') {
			const char *w = at, *e = at;
			while (w > (const char *)t.p && w[-1] != ' ')
				w--;
			while (e < (const char *)t.p + t.n && *e != ' ')
				e++;
			assert_true(e - w > 30);
		}
		assert_true(body <= max + 64);
		for (size_t i = 0; i < s.nhl; i++) {
			assert_true(s.hl[i].start < s.hl[i].end && s.hl[i].end <= s.text.n);
			assert_true(i == 0 || s.hl[i].start > s.hl[i - 1].end);
			assert_true(s.hl[i].start >= head && s.hl[i].end <= s.text.n - tail);
			/* The span analyzes to at least one query term. */
			snip inner;
			assert_int_equal(snip_make(an, sp + s.hl[i].start, s.hl[i].end - s.hl[i].start, terms,
						   max, &inner), 0);
			assert_true(inner.nhl >= 1);
			assert_int_equal(inner.hl[0].start, 0);
			assert_int_equal(inner.hl[inner.nhl - 1].end, s.hl[i].end - s.hl[i].start);
			snip_free(&inner);
		}
		snip_free(&s);
		buf_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_texts),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_random_invariants),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
