/* Unit tests for suggest's distance: optimal string alignment (Levenshtein
 * plus adjacent transpositions) with a limit, on known pairs and against a
 * plain dynamic program on random strings. Suggestions from a real index
 * are tested end to end (tests/e2e/search_output.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "suggest.h"

static unsigned dist(const char *a, const char *b, unsigned limit)
{
	return sug_distance(a, strlen(a), b, strlen(b), limit);
}

static void test_known_pairs(void **state)
{
	(void)state;
	assert_int_equal(dist("convolutoin", "convolution", 2), 1);
	assert_int_equal(dist("pruningg", "pruning", 2), 1);
	assert_int_equal(dist("qantization", "quantization", 2), 1);
	assert_int_equal(dist("trasnformer", "transformer", 2), 1);
	assert_int_equal(dist("graph", "graph", 2), 0);
	assert_int_equal(dist("ab", "ba", 2), 1);
	assert_int_equal(dist("", "ab", 2), 2);
	assert_int_equal(dist("", "abc", 2), 3);
	assert_int_equal(dist("kitten", "sitting", 3), 3);
	/* Over the limit: limit + 1, also when the lengths alone say so. */
	assert_int_equal(dist("kitten", "sitting", 2), 3);
	assert_int_equal(dist("graph", "graphical", 2), 3);
	assert_int_equal(dist("abcdef", "badcfe", 2), 3);
	assert_int_equal(dist("abcdef", "badcfe", 3), 3);
	/* OSA, not full Damerau: no edits inside a transposed pair. */
	assert_int_equal(dist("ca", "abc", 3), 3);
	/* Words over 64 bytes are never close. */
	char a[66], b[66];
	memset(a, 'x', 65);
	memset(b, 'x', 65);
	a[65] = b[65] = '\0';
	assert_int_equal(dist(a, b, 2), 3);
	a[64] = '\0';
	b[64] = '\0';
	assert_int_equal(dist(a, b, 2), 0);
}

/* The distance with no limit and no early exit. */
static unsigned reference(const char *a, size_t an, const char *b, size_t bn)
{
	unsigned d[16][16];
	for (size_t i = 0; i <= an; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= bn; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= an; i++) {
		for (size_t j = 1; j <= bn; j++) {
			unsigned v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + (a[i - 1] != b[j - 1]) < v)
				v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[an][bn];
}

static void test_random_against_reference(void **state)
{
	(void)state;
	uint32_t x = 99;
	char a[16], b[16];
	for (int round = 0; round < 20000; round++) {
		x = x * 1664525u + 1013904223u;
		size_t an = (x >> 8) % 9, bn = (x >> 16) % 9;
		for (size_t i = 0; i < an; i++) {
			x = x * 1664525u + 1013904223u;
			a[i] = (char)('a' + (x >> 20) % 3);
		}
		for (size_t i = 0; i < bn; i++) {
			x = x * 1664525u + 1013904223u;
			b[i] = (char)('a' + (x >> 20) % 3);
		}
		unsigned want = reference(a, an, b, bn);
		for (unsigned limit = 0; limit <= 4; limit++) {
			unsigned got = sug_distance(a, an, b, bn, limit);
			assert_int_equal(got, want <= limit ? want : limit + 1);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_pairs),
		cmocka_unit_test(test_random_against_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
