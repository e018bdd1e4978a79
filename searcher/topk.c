/* topk — binary min-heap of hits. */
#include "topk.h"

#include <stdlib.h>

#include "mem.h"

/* a is worse than b: lower score, or equal score and higher docid. */
static int worse(const topk_hit *a, const topk_hit *b)
{
	return a->score < b->score || (a->score == b->score && a->docid > b->docid);
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

static void sift_down(topk_hit *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && worse(&h[l], &h[m]))
			m = l;
		if (r < n && worse(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		topk_hit tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

int topk_push(topk *t, double score, uint32_t docid)
{
	topk_hit x = {score, docid};
	if (t->n < t->k) {
		size_t i = t->n++;
		t->h[i] = x;
		while (i > 0) {
			size_t parent = (i - 1) / 2;
			if (!worse(&t->h[i], &t->h[parent]))
				break;
			topk_hit tmp = t->h[i];
			t->h[i] = t->h[parent];
			t->h[parent] = tmp;
			i = parent;
		}
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
