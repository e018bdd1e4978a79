/* topk — binary min-heap of hits. */
#include "topk.h"

#include <stdlib.h>

#include "mem.h"

/* a is worse than b: lower score, or equal score and higher docid.
 * Without short-circuits, so the heap's moves need no branch on it. */
static int worse(const topk_hit *a, const topk_hit *b)
{
	return (a->score < b->score) | ((a->score == b->score) & (a->docid > b->docid));
}

void topk_init(topk *t, size_t k)
{
	t->k = k ? k : 1;
	t->n = 0;
	t->h = mem_alloc(t->k * sizeof *t->h);
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

int topk_push(topk *t, double score, uint32_t docid)
{
	topk_hit x = {score, docid};
	if (t->n < t->k) {
		sift_up(t->h, 0, t->n++, x);
		return 1;
	}
	if (!worse(&t->h[0], &x))
		return 0;
	t->h[0] = x;
	sift_down(t->h, t->n, 0);
	return 1;
}

size_t topk_sorted(topk *t)
{
	size_t n = t->n;
	/* Heap sort: repeatedly move the worst to the end. */
	for (size_t end = n; end > 1; end--) {
		topk_hit tmp = t->h[0];
		t->h[0] = t->h[end - 1];
		t->h[end - 1] = tmp;
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
