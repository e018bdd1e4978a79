/* Unit tests for topk: the order (score down, then docid up), the
 * threshold pruning relies on, ties at the cut, random pushes against a
 * full sort, merges, and the buffer of large k. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <cmocka.h>

#include "topk.h"

static void expect_hits(const topk *t, size_t n, const double *score, const uint32_t *docid)
{
	for (size_t i = 0; i < n; i++) {
		assert_true(t->h[i].score == score[i]);
		assert_int_equal(t->h[i].docid, docid[i]);
	}
}

static void test_order_and_threshold(void **state)
{
	(void)state;
	topk t;
	topk_init(&t, 3);
	assert_true(isinf(topk_threshold(&t)) && topk_threshold(&t) < 0);
	assert_int_equal(topk_push(&t, 1.5, 10), 1);
	assert_int_equal(topk_push(&t, 2.5, 11), 1);
	assert_true(isinf(topk_threshold(&t)));
	assert_int_equal(topk_push(&t, 0.5, 12), 1);
	assert_true(topk_threshold(&t) == 0.5);
	/* Full: a better hit replaces the worst; a worse one is refused. */
	assert_int_equal(topk_push(&t, 0.25, 13), 0);
	assert_int_equal(topk_push(&t, 3.0, 14), 1);
	assert_true(topk_threshold(&t) == 1.5);
	assert_int_equal(topk_sorted(&t), 3);
	expect_hits(&t, 3, (double[]){3.0, 2.5, 1.5}, (uint32_t[]){14, 11, 10});
	topk_free(&t);
	topk_free(&t);  /* twice is harmless */

	/* k = 0 keeps one hit. */
	topk_init(&t, 0);
	assert_int_equal(topk_push(&t, 1, 5), 1);
	assert_int_equal(topk_push(&t, 2, 6), 1);
	assert_int_equal(topk_sorted(&t), 1);
	expect_hits(&t, 1, (double[]){2}, (uint32_t[]){6});
	topk_free(&t);

	/* Nothing pushed. */
	topk_init(&t, 5);
	assert_int_equal(topk_sorted(&t), 0);
	topk_free(&t);
}

/* Equal scores: lower docid first. Visited in docid order (as document at
 * a time does), a later paper equal to the worst never enters, so the
 * threshold is a strict bound. Out of order, a lower docid does. */
static void test_ties(void **state)
{
	(void)state;
	topk t;
	topk_init(&t, 3);
	for (uint32_t d = 1; d <= 6; d++)
		assert_int_equal(topk_push(&t, 1.0, d), d <= 3);
	assert_true(topk_threshold(&t) == 1.0);
	assert_int_equal(topk_sorted(&t), 3);
	expect_hits(&t, 3, (double[]){1, 1, 1}, (uint32_t[]){1, 2, 3});
	topk_free(&t);

	topk_init(&t, 2);
	topk_push(&t, 1.0, 7);
	topk_push(&t, 1.0, 9);
	assert_int_equal(topk_push(&t, 1.0, 8), 1);   /* replaces 9 */
	assert_int_equal(topk_push(&t, 1.0, 10), 0);
	assert_int_equal(topk_push(&t, 2.0, 20), 1);  /* replaces 8 */
	assert_int_equal(topk_sorted(&t), 2);
	expect_hits(&t, 2, (double[]){2, 1}, (uint32_t[]){20, 7});
	topk_free(&t);
}

static int cmp_hit(const void *a, const void *b)
{
	const topk_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->docid > y->docid) - (x->docid < y->docid);
}

/* Fills all[0..n) with docids 1..n and scores of `distinct` values, a
 * multiple of 1/div each, from the generator state *x. */
static void random_hits(topk_hit *all, uint32_t n, uint32_t *x, uint32_t distinct, double div)
{
	for (uint32_t i = 0; i < n; i++) {
		*x = *x * 1664525u + 1013904223u;
		all[i].score = (double)((*x >> 16) % distinct) / div;
		all[i].docid = i + 1;
	}
}

/* got[0..n) holds the very hits of want[0..n), in order. */
static void expect_same_hits(const topk_hit *got, const topk_hit *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_true(got[i].score == want[i].score);
		assert_int_equal(got[i].docid, want[i].docid);
	}
}

/* Random pushes (few distinct scores, so many ties) in random docid order:
 * the result is the first k of the full sort. */
static void test_random_against_sort(void **state)
{
	(void)state;
	enum { N = 3000 };
	static topk_hit all[N];
	uint32_t x = 42;
	static const size_t ks[] = {1, 2, 3, 10, 100, 1000, 2999, 3000, 5000};
	for (int round = 0; round < 20; round++) {
		random_hits(all, N, &x, round % 2 ? 7 : 500, 8);
		/* From the third round on, in random docid order. */
		for (uint32_t i = N - 1; round > 1 && i > 0; i--) {
			x = x * 1664525u + 1013904223u;
			uint32_t j = (x >> 8) % (i + 1);
			topk_hit tmp = all[i];
			all[i] = all[j];
			all[j] = tmp;
		}
		for (size_t ki = 0; ki < sizeof ks / sizeof *ks; ki++) {
			topk t;
			topk_init(&t, ks[ki]);
			for (size_t i = 0; i < N; i++)
				topk_push(&t, all[i].score, all[i].docid);
			size_t n = topk_sorted(&t);
			static topk_hit want[N];
			for (size_t i = 0; i < N; i++)
				want[i] = all[i];
			qsort(want, N, sizeof *want, cmp_hit);
			assert_int_equal(n, ks[ki] < N ? ks[ki] : N);
			expect_same_hits(t.h, want, n);
			topk_free(&t);
		}
	}
}

/* Hits dealt among three heaps (by runs of docids, as the engine's
 * threads see them, and one heap left empty), each sorted, then merged:
 * the same k best as one heap of them all, ties by docid included. */
static void test_merge_equals_one_heap(void **state)
{
	(void)state;
	enum { N = 2000, PARTS = 3 };
	static topk_hit all[N];
	uint32_t x = 7;
	static const size_t ks[] = {1, 10, 999, 1000, 3000};
	for (int round = 0; round < 10; round++) {
		random_hits(all, N, &x, round % 2 ? 5 : 300, 4);
		for (size_t ki = 0; ki < sizeof ks / sizeof *ks; ki++) {
			topk one, part[PARTS], merged;
			const topk *parts[PARTS];
			topk_init(&one, ks[ki]);
			topk_init(&merged, ks[ki]);
			for (int p = 0; p < PARTS; p++) {
				topk_init(&part[p], ks[ki]);
				parts[p] = &part[p];
			}
			for (size_t i = 0; i < N; i++) {
				topk_push(&one, all[i].score, all[i].docid);
				/* Runs of 128 docids to parts 0 and 2 in turn. */
				topk_push(&part[i / 128 % 2 * 2], all[i].score, all[i].docid);
			}
			size_t n = topk_sorted(&one);
			for (int p = 0; p < PARTS; p++)
				topk_sorted(&part[p]);
			assert_int_equal(topk_merge(&merged, parts, PARTS), n);
			assert_int_equal(merged.n, n);
			expect_same_hits(merged.h, one.h, n);
			for (int p = 0; p < PARTS; p++)
				topk_free(&part[p]);
			topk_free(&one);
			topk_free(&merged);
		}
	}
}

/* Above TOPK_HEAP_MAX, hits go to a buffer cut to its k best when full:
 * after every push the threshold is -inf until k hits came, and then at
 * most the true k-th best so far (pruning on it stays safe), and equal
 * to it right after a cut; a hit refused is not among the final k. Most
 * scores are distinct, so the buffer fills several times. */
static void test_buffer_threshold(void **state)
{
	(void)state;
	enum { N = 1500, K = 100 };
	static topk_hit seen[N];
	uint32_t x = 99;
	topk t;
	topk_init(&t, K);
	size_t cuts = 0, prev_n = 0;
	static uint32_t refused[N];
	size_t nrefused = 0;
	for (uint32_t i = 0; i < N; i++) {
		x = x * 1664525u + 1013904223u;
		topk_hit h = {(double)((x >> 8) % 100000) / 8, i + 1};
		seen[i] = h;
		if (!topk_push(&t, h.score, h.docid))
			refused[nrefused++] = h.docid;
		static topk_hit sorted[N];
		for (uint32_t j = 0; j <= i; j++)
			sorted[j] = seen[j];
		qsort(sorted, i + 1, sizeof *sorted, cmp_hit);
		double th = topk_threshold(&t);
		if (i + 1 < K) {
			assert_true(isinf(th) && th < 0);
			continue;
		}
		assert_true(th <= sorted[K - 1].score);
		/* A cut: at the K-th hit, and each time the buffer fills. */
		if (t.n == K && (i + 1 == K || prev_n == 2 * K - 1)) {
			assert_true(th == sorted[K - 1].score);
			cuts++;
		}
		prev_n = t.n;
	}
	assert_true(cuts >= 3);
	assert_true(nrefused > 0);
	size_t n = topk_sorted(&t);
	assert_int_equal(n, K);
	for (size_t r = 0; r < nrefused; r++)
		for (size_t i = 0; i < n; i++)
			assert_int_not_equal(t.h[i].docid, refused[r]);
	topk_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_threshold),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_random_against_sort),
		cmocka_unit_test(test_merge_equals_one_heap),
		cmocka_unit_test(test_buffer_threshold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
