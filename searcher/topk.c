/* topk — a min-heap of hits for small k, a buffer cut by quickselect for
 * large k (see topk.h). */
#include "topk.h"

#include <stdlib.h>

#include "mem.h"

/* a is worse than b: lower score, or equal score and higher docid.
 * Without short-circuits, so the heap's moves need no branch on it. */
static int worse(const topk_hit *a, const topk_hit *b)
{
	return (a->score < b->score) | ((a->score == b->score) & (a->docid > b->docid));
}

static int buffered(const topk *t)
{
	return t->k > TOPK_HEAP_MAX;
}

void topk_init(topk *t, size_t k)
{
	t->k = k ? k : 1;
	t->n = 0;
	t->h = mem_alloc((buffered(t) ? 2 : 1) * t->k * sizeof *t->h);
	t->cut = (topk_hit){-INFINITY, 0};
}

void topk_free(topk *t)
{
	free(t->h);
	t->h = NULL;
	t->n = 0;
}

/* Puts x in the hole at i, or above it up to top, where it belongs. */
static void sift_up(topk_hit *h, size_t top, size_t i, topk_hit x)
{
	while (i > top && worse(&x, &h[(i - 1) / 2])) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = x;
}

/* Puts h[i] where it belongs below i. Floyd's way: the hole goes down
 * to a leaf along the worse child, one comparison a level, then the hit
 * rises from there; a hit that replaces the worst or comes from the end
 * mostly belongs near the leaves, where most of a heap is. */
static void sift_down(topk_hit *h, size_t n, size_t i)
{
	size_t top = i, c;
	topk_hit x = h[i];
	while ((c = 2 * i + 1) < n) {
		c += c + 1 < n && worse(&h[c + 1], &h[c]);
		h[i] = h[c];
		i = c;
	}
	sift_up(h, top, i, x);
}

static void swap(topk_hit *a, topk_hit *b)
{
	topk_hit x = *a;
	*a = *b;
	*b = x;
}

/* Partitions h[lo..hi] (lo < hi) around the median of h[lo], h[mid] and
 * h[hi]: returns p with h[lo..p) better than the pivot, the pivot at
 * h[p], h(p..hi] worse. Lomuto's scheme, written without branches on the
 * hits (Edelkamp and Weiss, BlockQuicksort): on scores in no order, a
 * branch per hit mispredicts half the time. No two hits of a heap are
 * equal (docids differ), so no run of ties can unbalance it. */
static long partition(topk_hit *h, long lo, long hi)
{
	long mid = lo + (hi - lo) / 2;
	if (worse(&h[mid], &h[lo]))
		swap(&h[lo], &h[mid]);
	if (worse(&h[hi], &h[mid]))
		swap(&h[mid], &h[hi]);
	if (worse(&h[mid], &h[lo]))
		swap(&h[lo], &h[mid]);
	swap(&h[mid], &h[hi]);
	topk_hit pivot = h[hi];
	long p = lo;
	for (long i = lo; i < hi; i++) {
		topk_hit x = h[i];
		long better = worse(&pivot, &x);
		h[i] = h[p];
		h[p] = x;
		p += better;
	}
	h[hi] = h[p];
	h[p] = pivot;
	return p;
}

/* Puts the k best of h[0..n) (k < n) first, the k-th best at h[k - 1]. */
static void select_best(topk_hit *h, size_t n, size_t k)
{
	long lo = 0, hi = (long)n - 1, want = (long)k - 1;
	while (lo < hi) {
		long p = partition(h, lo, hi);
		if (want < p)
			hi = p - 1;
		else if (want > p)
			lo = p + 1;
		else
			break;
	}
}

/* Sorts h[lo..hi] best first. */
static void sort_best_first(topk_hit *h, long lo, long hi)
{
	while (hi - lo > 16) {
		long p = partition(h, lo, hi);
		/* The smaller side recursively: the depth stays logarithmic. */
		if (p - lo < hi - p) {
			sort_best_first(h, lo, p - 1);
			lo = p + 1;
		} else {
			sort_best_first(h, p + 1, hi);
			hi = p - 1;
		}
	}
	for (long i = lo + 1; i <= hi; i++) {
		topk_hit x = h[i];
		long j = i;
		for (; j > lo && worse(&h[j - 1], &x); j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

/* The buffer's k best first, and the cut at the k-th. */
static void cut(topk *t)
{
	if (t->n > t->k) {
		select_best(t->h, t->n, t->k);
		t->n = t->k;
		t->cut = t->h[t->k - 1];
		return;
	}
	t->cut = t->h[0];
	for (size_t i = 1; i < t->n; i++)
		if (worse(&t->h[i], &t->cut))
			t->cut = t->h[i];
}

int topk_push(topk *t, double score, uint32_t docid)
{
	topk_hit x = {score, docid};
	if (buffered(t)) {
		if (!worse(&t->cut, &x))
			return 0;
		t->h[t->n++] = x;
		/* The first k set a threshold at once; then every k more. */
		if (t->n == 2 * t->k || (t->n == t->k && t->cut.score == -INFINITY))
			cut(t);
		return 1;
	}
	if (t->n < t->k) {
		sift_up(t->h, 0, t->n++, x);
		if (t->n == t->k)
			t->cut = t->h[0];
		return 1;
	}
	if (!worse(&t->h[0], &x))
		return 0;
	t->h[0] = x;
	sift_down(t->h, t->n, 0);
	t->cut = t->h[0];
	return 1;
}

size_t topk_sorted(topk *t)
{
	size_t n = t->n;
	if (buffered(t)) {
		if (n > t->k)
			cut(t);
		sort_best_first(t->h, 0, (long)t->n - 1);
		return t->n;
	}
	/* Heap sort: repeatedly move the worst to the end. */
	for (size_t end = n; end > 1; end--) {
		swap(&t->h[0], &t->h[end - 1]);
		sift_down(t->h, end - 1, 0);
	}
	return n;
}

size_t topk_merge(topk *t, const topk *const *parts, size_t n)
{
	size_t *at = mem_calloc(n + 1, sizeof *at);
	for (t->n = 0; t->n < t->k; t->n++) {
		size_t best = n;
		for (size_t p = 0; p < n; p++)
			if (at[p] < parts[p]->n &&
			    (best == n || worse(&parts[best]->h[at[best]], &parts[p]->h[at[p]])))
				best = p;
		if (best == n)
			break;
		t->h[t->n] = parts[best]->h[at[best]++];
	}
	free(at);
	return t->n;
}
