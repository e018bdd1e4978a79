/* Unit tests for the listing merger (dedup.h) on hand-built records:
 * which listings merge, how their fields combine, pass-through of other
 * formats, counts, and a failing downstream sink. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dedup.h"
#include "err.h"
#include "profile.h"

/* A sink that keeps what it receives. */
struct collect {
	rec_paper v[16];
	size_t n;
	int fail_after; /* return PDX_EFORMAT once this many are kept; 0: never */
};

static int collect_emit(void *ctx, rec_paper *rec)
{
	struct collect *c = ctx;
	if (c->fail_after && c->n >= (size_t)c->fail_after) {
		rec_clear(rec);
		return PDX_EFORMAT;
	}
	assert_true(c->n < 16);
	rec_init(&c->v[c->n]);
	rec_move(&c->v[c->n++], rec);
	return 0;
}

static void collect_free(struct collect *c)
{
	for (size_t i = 0; i < c->n; i++)
		rec_clear(&c->v[i]);
}

/* A profile record as a reader would make it. authors: "|"-separated. */
static void make(rec_paper *r, const char *format, const char *title, const char *authors,
		 int truncated, const char *source, unsigned long line)
{
	rec_init(r);
	char id[20];
	prof_title_id(title, strlen(title), id);
	rec_set(&r->id, id, strlen(id));
	rec_set(&r->title, title, strlen(title));
	rec_set(&r->format, format, strlen(format));
	rec_set(&r->source, source, strlen(source));
	r->line = line;
	r->authors_truncated = truncated;
	const char *s = authors;
	while (*s) {
		const char *e = strchr(s, '|');
		size_t k = e ? (size_t)(e - s) : strlen(s);
		rec_strv_push(&r->authors, s, k);
		s += k + (e ? 1 : 0);
	}
	rec_finish(r);
}

static void authors_are(const rec_paper *r, const char *want)
{
	buf got = BUF_INIT;
	for (size_t i = 0; i < r->authors.n; i++) {
		if (i)
			buf_putc(&got, '|');
		buf_puts(&got, r->authors.v[i]);
	}
	assert_string_equal(got.p ? (char *)got.p : "", want);
	buf_free(&got);
}

static void test_merge_fields(void **state)
{
	(void)state;
	struct collect c = {0};
	rd_sink out = {collect_emit, &c};
	dd_merger *m = dd_new(&out);
	rec_paper r;

	/* Researcher page: owner only, year and venue. */
	make(&r, "researcher", "Space Meets Time: Local Spacetime Neural Network", "Kaiqi Zhao", 1,
	     "000.txt", 79);
	r.year = 2022;
	rec_set(&r.venue, "arXiv", 5);
	rec_set(&r.abstract, "Short.", 6);
	assert_int_equal(dd_emit(m, &r), 0);
	assert_null(r.title); /* consumed */

	/* Another format passes straight through. */
	rec_init(&r);
	rec_set(&r.id, "1", 1);
	rec_set(&r.title, "Cranfield", 9);
	rec_set(&r.format, "smart", 5);
	assert_int_equal(dd_emit(m, &r), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].format, "smart");

	/* Listing page: full date, category, longer abstract, more authors;
	 * the title differs only in case and punctuation. */
	make(&r, "listing", "Space meets time - local spacetime neural network",
	     "Song Yang|Jiamou Liu|Kaiqi Zhao", 0, "001.txt", 82);
	r.year = 2021;
	r.month = 9;
	r.day = 11;
	rec_strv_push(&r.categories, "LG", 2);
	rec_set(&r.abstract, "A longer abstract.", 18);
	assert_int_equal(dd_emit(m, &r), 0);

	/* A third page: truncated list with a new name, code, new category. */
	make(&r, "header", "Space Meets Time: Local Spacetime Neural Network",
	     "Song Yang|Jiamou  Liu|Ming Zhao", 1, "004.txt", 12);
	r.year = 2021;
	r.has_code = 1;
	rec_strv_push(&r.categories, "LG", 2);
	rec_strv_push(&r.categories, "AI", 2);
	assert_int_equal(dd_emit(m, &r), 0);

	/* A near-duplicate title stays apart. */
	make(&r, "listing", "Poster: Space Meets Time: Local Spacetime Neural Network", "Kaiqi Zhao",
	     0, "001.txt", 28);
	assert_int_equal(dd_emit(m, &r), 0);

	size_t listings = 0, papers = 0;
	assert_int_equal(dd_flush(m, &listings, &papers), 0);
	assert_int_equal(listings, 4);
	assert_int_equal(papers, 2);
	assert_int_equal(c.n, 3);

	rec_paper *x = &c.v[1];
	assert_string_equal(x->title, "Space Meets Time: Local Spacetime Neural Network");
	authors_are(x, "Song Yang|Jiamou Liu|Kaiqi Zhao|Ming Zhao");
	assert_false(x->authors_truncated); /* the listing page's list is complete */
	assert_string_equal(x->abstract, "A longer abstract.");
	assert_int_equal(x->year, 2021);
	assert_int_equal(x->month, 9);
	assert_int_equal(x->day, 11);
	assert_int_equal(x->categories.n, 2);
	assert_string_equal(x->categories.v[0], "LG");
	assert_string_equal(x->categories.v[1], "AI");
	assert_string_equal(x->venue, "arXiv");
	assert_true(x->has_code);
	assert_string_equal(x->format, "researcher");
	assert_string_equal(x->source, "000.txt");
	assert_int_equal(x->line, 79);

	assert_string_equal(c.v[2].title, "Poster: Space Meets Time: Local Spacetime Neural Network");
	dd_free(m);
	collect_free(&c);
}

/* The base order is the longest list; ties prefer a complete one. */
static void test_author_order(void **state)
{
	(void)state;
	struct collect c = {0};
	rd_sink out = {collect_emit, &c};
	dd_merger *m = dd_new(&out);
	rec_paper r;
	make(&r, "listing", "T", "B Bee|A Ay", 1, "a", 1);
	dd_emit(m, &r);
	make(&r, "header", "T", "A Ay|B Bee", 0, "b", 1);
	dd_emit(m, &r);
	make(&r, "researcher", "t.", "C Cee", 1, "c", 1);
	dd_emit(m, &r);
	size_t listings, papers;
	assert_int_equal(dd_flush(m, &listings, &papers), 0);
	assert_int_equal(listings, 3);
	assert_int_equal(papers, 1);
	authors_are(&c.v[0], "A Ay|B Bee|C Cee");
	assert_false(c.v[0].authors_truncated);
	assert_string_equal(c.v[0].source, "a");
	/* A second flush starts empty. */
	assert_int_equal(dd_flush(m, &listings, &papers), 0);
	assert_int_equal(listings, 0);
	assert_int_equal(papers, 0);
	dd_free(m);
	collect_free(&c);
}

/* Every listing of the same truncated list stays truncated; a downstream
 * failure stops the flush and dd_free releases the rest. */
static void test_sink_failure(void **state)
{
	(void)state;
	struct collect c = {.fail_after = 1};
	rd_sink out = {collect_emit, &c};
	dd_merger *m = dd_new(&out);
	rec_paper r;
	char title[32];
	for (int i = 0; i < 300; i++) {
		snprintf(title, sizeof title, "Paper number %d", i % 100);
		make(&r, "listing", title, "A Ay", 1, "a", (unsigned long)i + 1);
		assert_int_equal(dd_emit(m, &r), 0);
	}
	size_t listings, papers;
	assert_int_equal(dd_flush(m, &listings, &papers), PDX_EFORMAT);
	assert_int_equal(listings, 300);
	assert_int_equal(papers, 100);
	assert_int_equal(c.n, 1);
	assert_true(c.v[0].authors_truncated);
	assert_int_equal(c.v[0].line, 1);
	dd_free(m);
	dd_free(NULL);
	collect_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_fields),
		cmocka_unit_test(test_author_order),
		cmocka_unit_test(test_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
