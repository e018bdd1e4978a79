/* Unit tests for corpus.c: format lookup by name, and detection on the
 * heads of real files. Each evaluation collection is taken by its own
 * reader, and the JSON Lines, SMART and TREC sniffers refuse every file
 * that is not theirs: the profile pages in corpus/, the other
 * collections, qrels and topic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "corpus.h"

static void test_lookup(void **state)
{
	(void)state;
	assert_ptr_equal(corpus_format("jsonl"), &rd_jsonl);
	assert_ptr_equal(corpus_format("smart"), &rd_smart);
	assert_ptr_equal(corpus_format("trec"), &rd_trec);
	assert_null(corpus_format("json"));
	assert_null(corpus_format(""));
	const char *names = corpus_format_names();
	assert_non_null(strstr(names, "jsonl"));
	assert_non_null(strstr(names, "smart"));
	assert_non_null(strstr(names, "trec"));
}

/* The format the head of path (relative to the repository) is detected
 * as, NULL for none; also checks that at most one of ours accepts it. */
static const rd_format *detect(const char *rel)
{
	const char *root = getenv("PDX_ROOT");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
	in_file *in;
	if (in_open(path, &in) != 0)
		fail_msg("cannot open %s", path);
	const char *head;
	size_t n;
	in_head(in, &head, &n);
	int ours = rd_jsonl.sniff(head, n) + rd_smart.sniff(head, n) + rd_trec.sniff(head, n);
	const rd_format *f = corpus_detect(head, n);
	in_close(in);
	assert_true(ours <= 1);
	return f;
}

static void test_detect_collections(void **state)
{
	(void)state;
	assert_ptr_equal(detect("tests/data/eval/cranfield/cran.all.1400"), &rd_smart);
	assert_ptr_equal(detect("tests/data/eval/cisi/CISI.ALL"), &rd_smart);
	assert_ptr_equal(detect("tests/data/eval/npl/doc-text.trec"), &rd_trec);
	assert_ptr_equal(detect("tests/golden/collections/cranfield.jsonl"), &rd_jsonl);
	/* Topic and judgment files are no corpus of ours (the SMART query
	 * files are SMART, so they are left out). */
	const char *not_ours[] = {
		"tests/data/eval/npl/query-text.trec", "tests/data/eval/npl/qrels.txt",
		"tests/data/eval/npl/topics.tsv", "tests/data/eval/cisi/CISI.REL",
		"tests/data/eval/cranfield/cranqrel", "tests/data/eval/README.md",
	};
	for (size_t i = 0; i < sizeof not_ours / sizeof *not_ours; i++) {
		const rd_format *f = detect(not_ours[i]);
		assert_true(f != &rd_jsonl && f != &rd_smart && f != &rd_trec);
	}
}

static void test_profiles_not_ours(void **state)
{
	(void)state;
	const char *pages[] = {
		"corpus/000_bcf517aaeca7fbd7.txt", "corpus/001_a31f42af71af75d2.txt",
		"corpus/002_87d5271ec38b1c1b.txt", "corpus/003_275a4833a3808574.txt",
		"corpus/004_b8138a3e09088a1a.txt",
	};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		const rd_format *f = detect(pages[i]);
		assert_non_null(f);
		assert_true(f != &rd_jsonl && f != &rd_smart && f != &rd_trec);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_detect_collections),
		cmocka_unit_test(test_profiles_not_ours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
