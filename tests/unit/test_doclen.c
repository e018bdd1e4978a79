/* The compact length cache against the doclens table it copies: for every
 * docid of an index spanning three doclens chunks, in docid order and in
 * reverse (a chunk's first use at its end), the norms are the very doubles
 * bm25_norms gives for the stored lengths; papers with a title over 62 or
 * an abstract over 1,022 words take the long path, and docids past the
 * last paper read as empty; and so once filled, with no transaction left
 * to read, and a second fill reads nothing. The index is built by the real paperdex-index ($PDX_BIN). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "index_test.h"

#include "doclen.h"
#include "engine.h"

#define NPAPERS 2200  /* three doclens chunks of 1,024 */

static char db[512];

/* A word of its own for every n, letters only, so the analyzer keeps it. */
static void word(FILE *f, unsigned n)
{
	fputc(' ', f);
	fputc('q', f);
	do {
		fputc('a' + n % 26, f);
		n /= 26;
	} while (n);
}

/* Paper i: titles of 1..70 words, abstracts up to 300 words and every
 * 50th of 1,000..1,059, a few of them empty. */
static int setup(void **state)
{
	if (it_setup(state))
		return -1;
	FILE *f = fopen(it_path("p.jsonl"), "w");
	if (!f)
		return -1;
	for (unsigned i = 0; i < NPAPERS; i++) {
		unsigned nt = 1 + i * 7 % 70, na = i % 50 == 0 ? 1000 + i % 60 : i * 13 % 301;
		fprintf(f, "{\"id\":\"p%u\",\"title\":\"", i);
		for (unsigned j = 0; j < nt; j++)
			word(f, i + j);
		fputs("\",\"abstract\":\"", f);
		for (unsigned j = 0; j < na; j++)
			word(f, j * 31 + i);
		fputs("\"}\n", f);
	}
	fclose(f);
	snprintf(db, sizeof db, "%s", it_path("p.db"));
	IT_PATH(p, "p.jsonl");
	it_ok("index", "-q", "-d", db, p);
	return 0;
}

/* Checks docid's norms; counts the papers whose packed slot is long. */
static void check(doclen_cache *c, eng_index *e, uint32_t docid, size_t *nlong)
{
	uint32_t len[POST_FIELDS];
	double want[POST_FIELDS], got[POST_FIELDS];
	assert_int_equal(store_doclen(eng_txn(e), docid, len), 0);
	bm25_norms(eng_model(e), len, want);
	assert_int_equal(doclen_norms(c, docid, got), 0);
	assert_memory_equal(got, want, sizeof want);
	/* Again, now from the packed copy. */
	assert_int_equal(doclen_norms(c, docid, got), 0);
	assert_memory_equal(got, want, sizeof want);
	int is_long = len[0] > DOCLEN_TITLE_MAX || len[1] > DOCLEN_ABSTRACT_MAX;
	if (docid < c->ndocs)
		assert_int_equal(c->packed[docid] == DOCLEN_LONG, is_long);
	*nlong += is_long;
}

static void test_norms_equal_stored_lengths(void **state)
{
	(void)state;
	eng_index *e;
	assert_int_equal(eng_open(db, NULL, &e), 0);
	uint32_t end = eng_stats(e)->next_docid;
	assert_int_equal(eng_stats(e)->ndocs, NPAPERS);
	assert_true(end > 2 * STORE_DOCLEN_CHUNK);

	doclen_cache up, down;
	doclen_init(&up, eng_txn(e), eng_model(e), end);
	doclen_init(&down, eng_txn(e), eng_model(e), end);
	size_t nlong_up = 0, nlong_down = 0;
	for (uint32_t d = 0; d < end + 5; d++)
		check(&up, e, d, &nlong_up);
	for (uint32_t d = end + 5; d-- > 0;)
		check(&down, e, d, &nlong_down);
	/* Titles of 1 + i * 7 % 70 words pass 62 at 64 words, every 10th
	 * paper (220); abstracts of 1,000 + i % 60 words, i a multiple of 50,
	 * pass 1,022 where i % 60 is 30, 40 or 50 (22 papers, none of them
	 * with a long title). */
	assert_int_equal(nlong_up, 242);
	assert_int_equal(nlong_down, 242);

	/* Past the last paper: the norms of empty fields. */
	double norm[POST_FIELDS];
	assert_int_equal(doclen_norms(&up, end + 1000, norm), 0);
	assert_true(norm[0] == bm25_norm(eng_model(e), 0, 0));
	assert_true(norm[1] == bm25_norm(eng_model(e), 1, 0));
	doclen_free(&up);
	doclen_free(&down);
	eng_close(e);
}

/* A filled cache answers every docid, long papers and those past the
 * last included, without its transaction (taken away here), as threads
 * other than the transaction's need. */
static void test_filled_needs_no_transaction(void **state)
{
	(void)state;
	eng_index *e;
	assert_int_equal(eng_open(db, NULL, &e), 0);
	uint32_t end = eng_stats(e)->next_docid;
	doclen_cache c;
	doclen_init(&c, eng_txn(e), eng_model(e), end);
	assert_int_equal(doclen_fill(&c), 0);
	assert_int_equal(c.nlong, 242);
	c.txn = NULL;
	/* Filled once: a second fill reads nothing. */
	assert_int_equal(doclen_fill(&c), 0);
	assert_int_equal(c.nlong, 242);
	size_t nlong = 0;
	for (uint32_t d = end + 5; d-- > 0;)
		check(&c, e, d, &nlong);
	assert_int_equal(nlong, 242);
	doclen_free(&c);
	eng_close(e);
}

/* Another model, other tables: the norms follow k1, b and the weights. */
static void test_norms_follow_model(void **state)
{
	(void)state;
	static const bm25_params p = {0.9, {0.3, 0.9}, {2.0, 0.5}};
	eng_index *e;
	assert_int_equal(eng_open(db, &p, &e), 0);
	doclen_cache c;
	doclen_init(&c, eng_txn(e), eng_model(e), eng_stats(e)->next_docid);
	size_t nlong = 0;
	for (uint32_t d = 1; d < eng_stats(e)->next_docid; d += 7)
		check(&c, e, d, &nlong);
	assert_true(nlong > 0);
	doclen_free(&c);
	eng_close(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norms_equal_stored_lengths),
		cmocka_unit_test(test_filled_needs_no_transaction),
		cmocka_unit_test(test_norms_follow_model),
	};
	return cmocka_run_group_tests(tests, setup, it_teardown);
}
