/* Unit tests for trecfile and metrics: golden outputs computed by hand
 * (tests/golden/eval/README shows the arithmetic), ties, topic selection,
 * duplicates, measure spellings, file errors, in-memory runs and speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "err.h"
#include "metrics.h"
#include "trecfile.h"

static char path_buf[4][1024];

/* A path under the source tree (tests run from anywhere via PDX_ROOT). */
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

static char *slurp_path(const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	char *s = slurp_fp(fp);
	fclose(fp);
	return s;
}

/* Writes text to a temporary file; returns its path in slot. */
static const char *temp_file(int slot, const char *text)
{
	snprintf(path_buf[slot], sizeof path_buf[slot], "/tmp/pdx-metrics-XXXXXX");
	int fd = mkstemp(path_buf[slot]);
	assert_true(fd >= 0);
	FILE *fp = fdopen(fd, "wb");
	fputs(text, fp);
	fclose(fp);
	return path_buf[slot];
}

static void expect_golden(const char *measures, unsigned flags, const char *golden)
{
	FILE *out = tmpfile();
	assert_non_null(out);
	int rc = met_cli_eval(src_path(0, "tests/golden/eval/run.txt"),
			      src_path(1, "tests/golden/eval/qrels.txt"), measures, flags, out);
	assert_int_equal(rc, 0);
	char *got = slurp_fp(out);
	char *want = slurp_path(src_path(2, golden));
	assert_string_equal(got, want);
	free(got);
	free(want);
	fclose(out);
}

static void test_golden_default(void **state)
{
	(void)state;
	expect_golden(NULL, 0, "tests/golden/eval/default.out");
	expect_golden("", 0, "tests/golden/eval/default.out");
}

static void test_golden_all_per_query(void **state)
{
	(void)state;
	/* Asked out of trec_eval's order: printed in its order anyway. */
	expect_golden("map_cut.5 ndcg_cut.3,10 ndcg recall.5,100 P.5,10 recip_rank bpref"
		      " Rprec map num_rel_ret num_rel num_ret num_q runid",
		      MET_PER_QUERY, "tests/golden/eval/all-q.out");
}

static void test_golden_complete(void **state)
{
	(void)state;
	expect_golden("num_q map P.5 recall_100", MET_COMPLETE, "tests/golden/eval/complete.out");
}

/* Loads the golden files once for the tests below. */
static met_result *eval_golden(const char *measures)
{
	tf_run *run;
	tf_qrels *qrels;
	assert_int_equal(tf_run_read(src_path(0, "tests/golden/eval/run.txt"), stderr, &run), 0);
	assert_int_equal(tf_qrels_read(src_path(1, "tests/golden/eval/qrels.txt"), stderr, &qrels), 0);
	met_spec *spec = met_spec_new();
	char copy[512];
	snprintf(copy, sizeof copy, "%s", measures);
	for (char *save, *arg = strtok_r(copy, " ", &save); arg; arg = strtok_r(NULL, " ", &save))
		assert_int_equal(met_spec_add(spec, arg, stderr), 0);
	met_result *res;
	assert_int_equal(met_eval(run, qrels, spec, 0, stderr, &res), 0);
	/* The result owns what it needs. */
	tf_run_free(run);
	tf_qrels_free(qrels);
	met_spec_free(spec);
	return res;
}

static double get(const met_result *r, const char *name, const char *qid)
{
	double v = -1;
	assert_int_equal(met_result_get(r, name, qid, &v), 0);
	return v;
}

/* Full-precision values against the hand arithmetic of the README. */
static void test_exact_values(void **state)
{
	(void)state;
	met_result *r = eval_golden("map bpref ndcg ndcg_cut.3 P_10 num_rel");
	assert_int_equal(met_result_topics(r), 3);
	assert_string_equal(met_result_qid(r, 0), "1");
	assert_string_equal(met_result_qid(r, 1), "10");
	assert_string_equal(met_result_qid(r, 2), "2");
	double map1 = (1.0 + 2.0 / 4 + 3.0 / 7) / 4, map10 = (1.0 / 2 + 2.0 / 3) / 2;
	assert_float_equal(get(r, "map", "1"), map1, 1e-12);
	assert_float_equal(get(r, "map", "10"), map10, 1e-12);
	assert_float_equal(get(r, "map", "2"), 0.0, 0);
	assert_float_equal(get(r, "map", NULL), (map1 + map10) / 3, 1e-12);
	assert_float_equal(get(r, "bpref", "1"), 0.375, 1e-12);
	double dcg = 3 + 2 / log2(5) + 1 / log2(8);
	double idcg = 3 + 2 / log2(3) + 1 / log2(4) + 1 / log2(5);
	assert_float_equal(get(r, "ndcg", "1"), dcg / idcg, 1e-12);
	assert_float_equal(get(r, "ndcg_cut_3", "1"), 3 / (3 + 2 / log2(3) + 0.5), 1e-12);
	assert_float_equal(get(r, "ndcg", "10"), (1 / log2(3) + 1) / (2 + 1 / log2(3)), 1e-12);
	assert_float_equal(get(r, "P_10", "1"), 0.3, 1e-12);
	assert_float_equal(get(r, "num_rel", NULL), 6, 0);
	double v;
	assert_int_equal(met_result_get(r, "map", "3", &v), PDX_ENOTFOUND);  /* not retrieved */
	assert_int_equal(met_result_get(r, "map", "4", &v), PDX_ENOTFOUND);  /* not judged */
	assert_int_equal(met_result_get(r, "P_5", NULL, &v), PDX_ENOTFOUND); /* not asked */
	met_result_free(r);
}

/* Building the same run in memory gives the same numbers. */
static void test_in_memory_run(void **state)
{
	(void)state;
	tf_run *run = tf_run_new("batch run", "mem");
	static const struct { const char *q, *d; double s; } rows[] = {
		{"1", "d5", 9}, {"1", "d2", 8}, {"1", "d8", 7.5}, {"1", "d1", 7},
		{"1", "d6", 6}, {"1", "d4", 5}, {"1", "d3", 4},
		{"2", "d1", 3.25}, {"2", "d3", 2},
		{"10", "d10", 5}, {"10", "d11", 5}, {"10", "d9", 5}, {"10", "d12", 6},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(tf_run_add(run, rows[i].q, rows[i].d, rows[i].s), 0);
	assert_int_equal(tf_run_add(run, "1", "has space", 1), PDX_EFORMAT);
	assert_int_equal(tf_run_add(run, "", "d1", 1), PDX_EFORMAT);
	assert_int_equal(tf_run_add(run, "1", "d1", NAN), PDX_EFORMAT);
	tf_qrels *qrels;
	assert_int_equal(tf_qrels_read(src_path(1, "tests/golden/eval/qrels.txt"), stderr, &qrels), 0);
	met_result *r;
	assert_int_equal(met_eval(run, qrels, NULL, 0, stderr, &r), 0);
	FILE *out = tmpfile();
	met_print(r, 0, out);
	char *got = slurp_fp(out);
	char *want = slurp_path(src_path(2, "tests/golden/eval/default.out"));
	assert_string_equal(got, want);
	free(got);
	free(want);
	fclose(out);
	met_result_free(r);
	tf_qrels_free(qrels);
	tf_run_free(run);
}

/* Ties break by docid descending in strcmp order, never by input order;
 * scores compare as doubles (trec_eval 9.0.8). */
static void test_ties(void **state)
{
	(void)state;
	tf_qrels *q = tf_qrels_new("q");
	tf_qrels_add(q, "t", "a", 1);
	tf_qrels_add(q, "t", "b", 0);
	const char *orders[2][2] = {{"a", "b"}, {"b", "a"}};
	for (int o = 0; o < 2; o++) {
		tf_run *run = tf_run_new("r", "r");
		tf_run_add(run, "t", orders[o][0], 1.0);
		tf_run_add(run, "t", orders[o][1], 1.0);
		met_result *r;
		assert_int_equal(met_eval(run, q, NULL, 0, NULL, &r), 0);
		/* "b" > "a": b is ranked first, a second. */
		assert_float_equal(get(r, "recip_rank", "t"), 0.5, 0);
		met_result_free(r);
		tf_run_free(run);
	}
	/* A difference a float would lose still orders the two. */
	tf_run *run = tf_run_new("r", "r");
	tf_run_add(run, "t", "a", 1.00000002);
	tf_run_add(run, "t", "b", 1.00000001);
	met_result *r;
	assert_int_equal(met_eval(run, q, NULL, 0, NULL, &r), 0);
	assert_float_equal(get(r, "recip_rank", "t"), 1.0, 0);
	met_result_free(r);
	tf_run_free(run);
	tf_qrels_free(q);
}

/* Negative levels are neither relevant nor non-relevant; big levels are
 * gains like any other. */
static void test_levels(void **state)
{
	(void)state;
	tf_qrels *q = tf_qrels_new("q");
	tf_qrels_add(q, "t", "a", -1);
	tf_qrels_add(q, "t", "b", 0);
	tf_qrels_add(q, "t", "c", 1000000);
	tf_qrels_add(q, "t", "d", 1);
	tf_run *run = tf_run_new("r", "r");
	tf_run_add(run, "t", "a", 4);  /* unjudged: skipped by bpref */
	tf_run_add(run, "t", "d", 3);
	tf_run_add(run, "t", "b", 2);
	tf_run_add(run, "t", "c", 1);
	met_spec *s = met_spec_new();
	assert_int_equal(met_spec_add(s, "bpref", NULL), 0);
	assert_int_equal(met_spec_add(s, "ndcg", NULL), 0);
	assert_int_equal(met_spec_add(s, "num_rel", NULL), 0);
	met_result *r;
	assert_int_equal(met_eval(run, q, s, 0, NULL, &r), 0);
	assert_float_equal(get(r, "num_rel", "t"), 2, 0);
	/* d: nothing judged above it -> 1; c: b above -> 1 - 1/min(1,2) = 0. */
	assert_float_equal(get(r, "bpref", "t"), 0.5, 1e-12);
	double dcg = 1 / log2(3) + 1000000 / log2(5), idcg = 1000000 + 1 / log2(3);
	assert_float_equal(get(r, "ndcg", "t"), dcg / idcg, 1e-12);
	met_result_free(r);
	met_spec_free(s);
	tf_run_free(run);
	tf_qrels_free(q);
}

/* A duplicate docid is an error in an evaluated topic only. */
static void test_duplicates(void **state)
{
	(void)state;
	tf_run *run;
	tf_qrels *qrels;
	assert_int_equal(tf_run_read(src_path(0, "tests/golden/eval/run-dup.txt"), stderr, &run), 0);
	assert_int_equal(tf_qrels_read(src_path(1, "tests/golden/eval/qrels.txt"), stderr, &qrels), 0);
	FILE *err = tmpfile();
	met_result *r = (met_result *)1;
	assert_int_equal(met_eval(run, qrels, NULL, 0, err, &r), PDX_EFORMAT);
	assert_null(r);
	char *msg = slurp_fp(err);
	assert_non_null(strstr(msg, "run-dup.txt:3: topic 1: document d5 retrieved twice (also line 1)"));
	free(msg);
	fclose(err);
	tf_run_free(run);

	/* Topic 4 of run.txt names d1 twice but has no judgments: fine. */
	assert_int_equal(tf_run_read(src_path(0, "tests/golden/eval/run.txt"), stderr, &run), 0);
	assert_int_equal(met_eval(run, qrels, NULL, 0, stderr, &r), 0);
	met_result_free(r);

	tf_qrels *q2 = tf_qrels_new("mem qrels");
	tf_qrels_add(q2, "1", "d5", 1);
	tf_qrels_add(q2, "1", "d5", 0);
	tf_qrels_add(q2, "77", "z", 1);
	tf_qrels_add(q2, "77", "z", 1);
	err = tmpfile();
	assert_int_equal(met_eval(run, q2, NULL, 0, err, &r), PDX_EFORMAT);
	msg = slurp_fp(err);
	assert_non_null(strstr(msg, "mem qrels: topic 1: document d5 judged twice"));
	free(msg);
	fclose(err);
	tf_qrels_free(q2);
	tf_qrels_free(qrels);
	tf_run_free(run);
}

static void test_no_common_topic(void **state)
{
	(void)state;
	tf_run *run = tf_run_new("r", "r");
	tf_run_add(run, "a", "d", 1);
	tf_qrels *q = tf_qrels_new("q");
	tf_qrels_add(q, "b", "d", 1);
	met_result *r;
	FILE *err = tmpfile();
	assert_int_equal(met_eval(run, q, NULL, 0, err, &r), PDX_EEMPTY);
	char *msg = slurp_fp(err);
	assert_non_null(strstr(msg, "no topic of r has judgments in q"));
	free(msg);
	fclose(err);
	tf_qrels_free(q);
	tf_run_free(run);
}

/* Both trec_eval spellings, merged cutoffs, sorted output, bad input. */
static void test_spec(void **state)
{
	(void)state;
	met_spec *s = met_spec_new();
	const char *good[] = {"P.5", "P_10", "ndcg_cut.20,10", "ndcg_cut_5", "recall.100,1000",
			      "recall_10,100", "map_cut", "Rprec", "num_ret", "P.10,5"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(met_spec_add(s, good[i], NULL), 0);
	const char *bad[] = {"P.0", "P.", "P.x", "P.5,", "P.-5", "map.5", "foo", "P_", "map_5",
			     "ndcg.1=3", "P.99999999999", "p.10", "Map"};
	FILE *err = tmpfile();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(met_spec_add(s, bad[i], err), PDX_EUSAGE);
	char *msg = slurp_fp(err);
	assert_non_null(strstr(msg, "paperdex-search: error: unknown measure 'foo'"));
	assert_non_null(strstr(msg, "measure 'map.5' takes no cutoffs"));
	assert_non_null(strstr(msg, "bad cutoffs in 'P.0'"));
	free(msg);
	fclose(err);

	tf_run *run = tf_run_new("r", "r");
	tf_run_add(run, "t", "d", 1);
	tf_qrels *q = tf_qrels_new("q");
	tf_qrels_add(q, "t", "d", 1);
	met_result *r;
	assert_int_equal(met_eval(run, q, s, 0, NULL, &r), 0);
	FILE *out = tmpfile();
	met_print(r, 0, out);
	char *got = slurp_fp(out);
	const char *want =
		"num_ret               \tall\t1\n"
		"Rprec                 \tall\t1.0000\n"
		"P_5                   \tall\t0.2000\n"
		"P_10                  \tall\t0.1000\n"
		"recall_10             \tall\t1.0000\n"
		"recall_100            \tall\t1.0000\n"
		"recall_1000           \tall\t1.0000\n"
		"ndcg_cut_5            \tall\t1.0000\n"
		"ndcg_cut_10           \tall\t1.0000\n"
		"ndcg_cut_20           \tall\t1.0000\n"
		"map_cut_5             \tall\t1.0000\n"
		"map_cut_10            \tall\t1.0000\n"
		"map_cut_15            \tall\t1.0000\n"
		"map_cut_20            \tall\t1.0000\n"
		"map_cut_30            \tall\t1.0000\n"
		"map_cut_100           \tall\t1.0000\n"
		"map_cut_200           \tall\t1.0000\n"
		"map_cut_500           \tall\t1.0000\n"
		"map_cut_1000          \tall\t1.0000\n";
	assert_string_equal(got, want);
	free(got);
	fclose(out);
	met_result_free(r);
	tf_qrels_free(q);
	tf_run_free(run);
	met_spec_free(s);
}

static int read_run_text(const char *text, char **msg)
{
	const char *p = temp_file(3, text);
	FILE *err = tmpfile();
	tf_run *run;
	int rc = tf_run_read(p, err, &run);
	*msg = slurp_fp(err);
	fclose(err);
	if (rc == 0)
		tf_run_free(run);
	else
		assert_null(run);
	unlink(p);
	return rc;
}

static int read_qrels_text(const char *text, char **msg)
{
	const char *p = temp_file(3, text);
	FILE *err = tmpfile();
	tf_qrels *q;
	int rc = tf_qrels_read(p, err, &q);
	*msg = slurp_fp(err);
	fclose(err);
	if (rc == 0)
		tf_qrels_free(q);
	else
		assert_null(q);
	unlink(p);
	return rc;
}

static void test_file_errors(void **state)
{
	(void)state;
	char *msg;
	assert_int_equal(read_run_text("1 Q0 d1 1 2.5 r\n1 Q0 d2 2 1.5\n", &msg), PDX_EFORMAT);
	assert_non_null(strstr(msg, ":2: expected 'qid Q0 docid rank score run_id', found 5 fields"));
	free(msg);
	assert_int_equal(read_run_text("\n# comment\n1 Q0 d1 1 high r\n", &msg), PDX_EFORMAT);
	assert_non_null(strstr(msg, ":3: score 'high' is not a number"));
	free(msg);
	assert_int_equal(read_run_text("1 Q0 d1 1 nan r\n", &msg), PDX_EFORMAT);
	free(msg);
	assert_int_equal(read_run_text("# only a comment\n\n", &msg), PDX_EEMPTY);
	assert_non_null(strstr(msg, "no results in run file"));
	free(msg);
	/* CRLF line ends, tabs, extra columns after run_id. */
	assert_int_equal(read_run_text("1\tQ0\td1\t1\t2.5\tr\textra\r\n", &msg), 0);
	free(msg);

	assert_int_equal(read_qrels_text("1 0 d1 1\n1 0 d2\n", &msg), PDX_EFORMAT);
	assert_non_null(strstr(msg, ":2: expected 'qid iter docid relevance', found 3 fields"));
	free(msg);
	assert_int_equal(read_qrels_text("1 0 d1 1 extra\n", &msg), PDX_EFORMAT);
	free(msg);
	assert_int_equal(read_qrels_text("1 0 d1 yes\n", &msg), PDX_EFORMAT);
	assert_non_null(strstr(msg, ":1: relevance 'yes' is not an integer"));
	free(msg);
	assert_int_equal(read_qrels_text("1 0 d1 1.5\n", &msg), PDX_EFORMAT);
	free(msg);
	assert_int_equal(read_qrels_text("", &msg), PDX_EEMPTY);
	free(msg);

	tf_run *run;
	assert_int_equal(tf_run_read("/nonexistent/run.txt", NULL, &run), ENOENT);
	assert_null(run);
	tf_qrels *q;
	assert_int_equal(tf_qrels_read("/nonexistent/qrels.txt", NULL, &q), ENOENT);
}

/* The real qrels files load with the counts their README gives; run id is
 * the last line's. */
static void test_real_qrels(void **state)
{
	(void)state;
	static const struct { const char *path; size_t topics, lines; } sets[] = {
		{"tests/data/eval/cranfield/qrels.txt", 225, 1612},
		{"tests/data/eval/cisi/qrels.txt", 76, 3114},
		{"tests/data/eval/npl/qrels.txt", 93, 2083},
	};
	for (size_t i = 0; i < 3; i++) {
		tf_qrels *q;
		assert_int_equal(tf_qrels_read(src_path(0, sets[i].path), stderr, &q), 0);
		assert_int_equal(tf_qrels_topics(q), sets[i].topics);
		size_t lines = 0;
		for (size_t t = 0; t < tf_qrels_topics(q); t++) {
			const tf_judgment *j;
			lines += tf_qrels_judgments(q, t, &j);
		}
		assert_int_equal(lines, sets[i].lines);
		tf_qrels_free(q);
	}
	const char *p = temp_file(3, "1 Q0 a 1 2 first\n1 Q0 b 2 1 last\n");
	tf_run *run;
	assert_int_equal(tf_run_read(p, NULL, &run), 0);
	assert_string_equal(tf_run_id(run), "last");
	tf_run_free(run);
	unlink(p);
}

/* 1,000 topics x 1,000 results with 100 judgments each. */
static void test_speed(void **state)
{
	(void)state;
	tf_run *run = tf_run_new("big", "big");
	tf_qrels *q = tf_qrels_new("big");
	char qid[16], doc[32];
	uint64_t x = 7;
	for (int t = 0; t < 1000; t++) {
		snprintf(qid, sizeof qid, "%d", t);
		for (int d = 0; d < 1000; d++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			snprintf(doc, sizeof doc, "doc%d", d * 50 + t % 50);
			/* Few distinct scores, so ties are common. */
			assert_int_equal(tf_run_add(run, qid, doc, (double)((x >> 20) % 97)), 0);
		}
		/* 60 judged documents were retrieved, 40 were not. */
		for (int d = 0; d < 100; d++) {
			if (d < 60)
				snprintf(doc, sizeof doc, "doc%d", d * 500 + t % 50);
			else
				snprintf(doc, sizeof doc, "missed%d", d);
			assert_int_equal(tf_qrels_add(q, qid, doc, d % 3), 0);
		}
	}
	met_spec *s = met_spec_new();
	const char *all[] = {"num_ret", "map", "Rprec", "bpref", "recip_rank", "P", "recall",
			     "ndcg", "ndcg_cut", "map_cut"};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		met_spec_add(s, all[i], NULL);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	met_result *r;
	assert_int_equal(met_eval(run, q, s, 0, stderr, &r), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	printf("met_eval: 1000 topics x 1000 results, all measures: %.1f ms\n", ms);
	assert_int_equal(met_result_topics(r), 1000);
	assert_float_equal(get(r, "num_ret", NULL), 1000000, 0);
	/* Generous: sanitizer builds are several times slower. */
	assert_true(ms < 5000);
	met_result_free(r);
	met_spec_free(s);
	tf_qrels_free(q);
	tf_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_default),
		cmocka_unit_test(test_golden_all_per_query),
		cmocka_unit_test(test_golden_complete),
		cmocka_unit_test(test_exact_values),
		cmocka_unit_test(test_in_memory_run),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_no_common_topic),
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_real_qrels),
		cmocka_unit_test(test_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
