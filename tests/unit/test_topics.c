/* Unit tests for topics: the real topic files of tests/data/eval in their
 * original formats (SMART, TREC) against their normalized topics.tsv, the
 * judged counts against the qrels, and hand-written BEIR, classic TREC,
 * SMART and TSV samples with bad lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "err.h"
#include "topics.h"
#include "trecfile.h"

static char path_buf[2][1024];

static const char *src_path(int slot, const char *rel)
{
	const char *root = getenv("PDX_ROOT");
	snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", root ? root : ".", rel);
	return path_buf[slot];
}

static char *slurp_fp(FILE *fp)
{
	fflush(fp);
	long n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	return s;
}

/* Parses text; returns the result code, *t and the error output. */
static int parse(const char *text, topics_file **t, char **errs)
{
	FILE *err = tmpfile();
	assert_non_null(err);
	int rc = topics_parse("sample", text, strlen(text), err, t);
	*errs = slurp_fp(err);
	fclose(err);
	return rc;
}

static void expect_topic(const topics_file *t, size_t i, const char *qid, const char *text)
{
	assert_true(i < topics_count(t));
	assert_string_equal(topics_get(t, i)->qid, qid);
	assert_string_equal(topics_get(t, i)->text, text);
}

static const struct collection {
	const char *dir, *original, *format;
	size_t topics, judged;
} collections[] = {
	{"cranfield", "cran.qry", "smart", 225, 225},
	{"cisi", "CISI.QRY", "smart", 112, 76},
	{"npl", "query-text.trec", "trec", 93, 93},
};

/* The original topic file reads to exactly the normalized topics.tsv. */
static void test_real_collections(void **state)
{
	(void)state;
	char rel[256];
	for (size_t c = 0; c < 3; c++) {
		const struct collection *col = &collections[c];
		topics_file *tsv, *orig;
		snprintf(rel, sizeof rel, "tests/data/eval/%s/topics.tsv", col->dir);
		assert_int_equal(topics_read(src_path(0, rel), stderr, &tsv), 0);
		assert_string_equal(topics_format(tsv), "tsv");
		snprintf(rel, sizeof rel, "tests/data/eval/%s/%s", col->dir, col->original);
		assert_int_equal(topics_read(src_path(0, rel), stderr, &orig), 0);
		assert_string_equal(topics_format(orig), col->format);
		assert_int_equal(topics_errors(tsv), 0);
		assert_int_equal(topics_errors(orig), 0);
		assert_int_equal(topics_count(tsv), col->topics);
		assert_int_equal(topics_count(orig), col->topics);
		for (size_t i = 0; i < col->topics; i++) {
			assert_string_equal(topics_get(orig, i)->qid, topics_get(tsv, i)->qid);
			assert_string_equal(topics_get(orig, i)->text, topics_get(tsv, i)->text);
		}
		/* How many topics the qrels judge. */
		tf_qrels *q;
		snprintf(rel, sizeof rel, "tests/data/eval/%s/qrels.txt", col->dir);
		assert_int_equal(tf_qrels_read(src_path(0, rel), stderr, &q), 0);
		size_t judged = 0, t;
		for (size_t i = 0; i < topics_count(orig); i++)
			judged += tf_qrels_find(q, topics_get(orig, i)->qid, &t) == 0;
		assert_int_equal(judged, col->judged);
		tf_qrels_free(q);
		topics_free(tsv);
		topics_free(orig);
	}
}

/* cran.qry numbers its queries .I 001, 002, 004, 008...: the qids are
 * positions, and multi-line text is joined. */
static void test_cranfield_positions(void **state)
{
	(void)state;
	topics_file *t;
	assert_int_equal(topics_read(src_path(0, "tests/data/eval/cranfield/cran.qry"), stderr, &t), 0);
	expect_topic(t, 2, "3", "what problems of heat conduction in composite slabs have been "
				"solved so far .");
	assert_int_equal(topics_get(t, 2)->line, 9);
	expect_topic(t, 224, "225", topics_get(t, 224)->text);
	topics_free(t);

	/* CISI's .T/.A/.B fields are not part of the query. */
	assert_int_equal(topics_read(src_path(0, "tests/data/eval/cisi/CISI.QRY"), stderr, &t), 0);
	assert_null(strstr(topics_get(t, 57)->text, "Directions in Library Networking"));
	assert_non_null(strstr(topics_get(t, 57)->text, "Bibliographic control before and after MARC"));
	topics_free(t);
}

static void test_beir(void **state)
{
	(void)state;
	const char *text =
		"{\"_id\": \"q1\", \"text\": \"first \\n query\", \"metadata\": {\"x\": [1, 2]}}\n"
		"\n"
		"{\"_id\": 42, \"title\": \"ignored\", \"text\": \"caf\\u00e9 au lait\"}\r\n"
		"{\"_id\": \"q3\", \"text\": \n"
		"{\"_id\": \"q4\"}\n"
		"{\"text\": \"no id\"}\n"
		"[1, 2]\n"
		"{\"_id\": \"q5\", \"text\": \"   \"}\n"
		"{\"_id\": \"q1\", \"text\": \"again\"}\n"
		"{\"_id\": \"q 6\", \"text\": \"spaced id\"}\n"
		"{\"_id\": \"q7\", \"text\": \"last\"}";
	topics_file *t;
	char *errs;
	assert_int_equal(parse(text, &t, &errs), 0);
	assert_string_equal(topics_format(t), "beir");
	assert_int_equal(topics_count(t), 3);
	expect_topic(t, 0, "q1", "first query");
	expect_topic(t, 1, "42", "caf\xc3\xa9 au lait");
	expect_topic(t, 2, "q7", "last");
	assert_int_equal(topics_get(t, 2)->line, 11);
	assert_int_equal(topics_errors(t), 7);
	assert_non_null(strstr(errs, "paperdex-search: error: sample:4: not a JSON object"));
	assert_non_null(strstr(errs, "sample:5: topic q4: no \"text\" string (skipped)"));
	assert_non_null(strstr(errs, "sample:6: no \"_id\" string or number (skipped)"));
	assert_non_null(strstr(errs, "sample:7: not a JSON object"));
	assert_non_null(strstr(errs, "sample:8: topic q5 has no query text (skipped)"));
	assert_non_null(strstr(errs, "sample:9: topic q1 already defined at line 1 (skipped)"));
	assert_non_null(strstr(errs, "sample:10: topic id 'q 6' holds whitespace (skipped)"));
	free(errs);
	topics_free(t);
}

static void test_trec_classic(void **state)
{
	(void)state;
	const char *text =
		"\xEF\xBB\xBF<top>\r\n"
		"<head> Tipster Topic Description\r\n"
		"<num> Number: 051\r\n"
		"<dom> Domain: International Economics\r\n"
		"<title> Topic: Airbus Subsidies\r\n"
		"\r\n"
		"<desc> Description:\r\n"
		"Document will discuss government assistance to Airbus Industrie.\r\n"
		"</top>\r\n"
		"\n"
		"<top>\n"
		"<num> Number: 301 \n"
		"<title> International Organized\n"
		"Crime <and> a < b \n"
		"\n"
		"<desc> Description: \n"
		"Identify organizations that participate in international criminal activity.\n"
		"<narr> Narrative: \n"
		"A relevant document must as a minimum identify the organization.\n"
		"</top>\n"
		"<top>\n"
		"<num> Number: 302\n"
		"<desc> Description: no title here\n"
		"</top>\n"
		"<top>\n"
		"<title> no number\n"
		"</top>\n"
		"<top><num>0</num><title>zero</title></top>\n"
		"<TOP><NUM>303</NUM><TITLE>upper case tags\n"
		"<top><num>304</num><title>unclosed top, then EOF";
	topics_file *t;
	char *errs;
	assert_int_equal(parse(text, &t, &errs), 0);
	assert_string_equal(topics_format(t), "trec");
	assert_int_equal(topics_count(t), 5);
	expect_topic(t, 0, "51", "Airbus Subsidies");
	assert_int_equal(topics_get(t, 0)->line, 1);
	/* "<and>" is tag-shaped and so ends the title, as the next field would. */
	expect_topic(t, 1, "301", "International Organized Crime");
	assert_int_equal(topics_get(t, 1)->line, 11);
	expect_topic(t, 2, "0", "zero");
	expect_topic(t, 3, "303", "upper case tags");
	expect_topic(t, 4, "304", "unclosed top, then EOF");
	assert_int_equal(topics_errors(t), 2);
	assert_non_null(strstr(errs, "sample:21: topic 302 has no <title> (skipped)"));
	assert_non_null(strstr(errs, "sample:25: topic without a <num> (skipped)"));
	free(errs);
	topics_free(t);
}

static void test_smart(void **state)
{
	(void)state;
	const char *text =
		"stray text\n"
		".I 1\n"
		".W\n"
		"first  query\n"
		"on two lines\n"
		".I 5\n"
		".T\n"
		"only a title\n"
		".I 9\n"
		".T\n"
		"a title\n"
		".W inline start\n"
		"third\n";
	topics_file *t;
	char *errs;
	/* Text before the first .I is no SMART file: it reads as TSV. */
	assert_int_equal(parse(text, &t, &errs), PDX_EEMPTY);
	assert_null(t);
	free(errs);

	assert_int_equal(parse(text + strlen("stray text\n"), &t, &errs), 0);
	assert_string_equal(topics_format(t), "smart");
	assert_int_equal(topics_count(t), 2);
	expect_topic(t, 0, "1", "first query on two lines");
	/* The second topic has no .W: skipped, but the third keeps number 3. */
	expect_topic(t, 1, "3", "inline start third");
	assert_int_equal(topics_get(t, 1)->line, 8);
	assert_non_null(strstr(errs, "sample:5: topic 2 has no query text (skipped)"));
	free(errs);
	topics_free(t);
}

static void test_tsv(void **state)
{
	(void)state;
	const char *text =
		"1\tfirst query\n"
		"no tab here\n"
		"2\t\n"
		"\n"
		"3\tbad \xff byte\n"
		"1\tsecond one\n"
		"\tno id\n"
		"4\tquery\twith\ttabs\r\n"
		"5 \t  padded id  ";
	topics_file *t;
	char *errs;
	assert_int_equal(parse(text, &t, &errs), 0);
	assert_string_equal(topics_format(t), "tsv");
	assert_int_equal(topics_count(t), 3);
	expect_topic(t, 0, "1", "first query");
	expect_topic(t, 1, "4", "query with tabs");
	expect_topic(t, 2, "5", "padded id");
	assert_int_equal(topics_errors(t), 5);
	assert_non_null(strstr(errs, "sample:2: expected 'qid<TAB>query' (skipped)"));
	assert_non_null(strstr(errs, "sample:3: topic 2 has no query text"));
	assert_non_null(strstr(errs, "sample:5: topic 3: query text is not valid UTF-8"));
	assert_non_null(strstr(errs, "sample:6: topic 1 already defined at line 1"));
	assert_non_null(strstr(errs, "sample:7: topic without an id"));
	free(errs);
	topics_free(t);
}

static void test_empty_and_missing(void **state)
{
	(void)state;
	topics_file *t;
	char *errs;
	assert_int_equal(parse("", &t, &errs), PDX_EEMPTY);
	assert_non_null(strstr(errs, "sample: no topics found"));
	free(errs);
	assert_int_equal(parse(" \n\r\n\t\n", &t, &errs), PDX_EEMPTY);
	free(errs);
	assert_int_equal(topics_read("/nonexistent/topics.tsv", NULL, &t), ENOENT);
	assert_null(t);

	/* A file of the wrong kind: errors stop printing after 50. */
	char big[200 * 8 + 1] = "";
	for (int i = 0; i < 200; i++)
		strcat(big, "garbage\n");
	assert_int_equal(parse(big, &t, &errs), PDX_EEMPTY);
	assert_non_null(strstr(errs, "sample:50: expected"));
	assert_null(strstr(errs, "sample:51: expected"));
	assert_non_null(strstr(errs, "sample: 150 more errors not shown"));
	free(errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_collections),
		cmocka_unit_test(test_cranfield_positions),
		cmocka_unit_test(test_beir),
		cmocka_unit_test(test_trec_classic),
		cmocka_unit_test(test_smart),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_empty_and_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
