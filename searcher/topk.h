/* topk — the k best (score, docid) pairs, with a threshold.
 *
 * Order: higher score first; equal scores by lower docid first, so output
 * is byte-stable and pruned and exhaustive evaluation agree exactly. A
 * document-at-a-time loop visits docids in increasing order, so a later
 * paper with a score equal to the current worst never enters: pruning may
 * skip anything whose bound is <= topk_threshold().
 *
 * Up to TOPK_HEAP_MAX hits are kept in a min-heap. Above, a heap cost
 * ten levels of sifting per hit kept (a tenth of a top-1,000 search's
 * instructions), so hits go to a buffer of 2k instead, cut to its k best
 * (a quickselect) when it fills: the threshold is then the k-th best at
 * the last cut, below the heap's between cuts, but always a true one. */
#ifndef PDX_TOPK_H
#define PDX_TOPK_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct topk_hit {
	double score;
	uint32_t docid;
} topk_hit;

#define TOPK_HEAP_MAX 64

typedef struct topk {
	topk_hit *h;   /* k <= TOPK_HEAP_MAX: a heap, h[0] the worst hit kept;
			* above: up to 2k hits in no order */
	size_t n, k;
	topk_hit cut;  /* a hit must be better to enter (score -inf: any) */
} topk;

/* k >= 1; the heap owns its array (topk_free). */
void topk_init(topk *t, size_t k);
void topk_free(topk *t);
/* Offers a hit; returns 1 when it was kept. */
int topk_push(topk *t, double score, uint32_t docid);
/* The score a new hit must exceed (with a larger docid) to enter; -inf
 * until k hits are held. Inline: pruning asks per candidate. */
static inline double topk_threshold(const topk *t)
{
	return t->cut.score;
}
/* Sorts the k best hits first, best first, and drops the others (the
 * heap or buffer is consumed); returns the count. */
size_t topk_sorted(topk *t);
/* Fills empty t with the k best of the hits of parts[0..n), each sorted
 * by topk_sorted: t is then sorted too, as after topk_sorted. Returns the
 * count. A merge of heaps that saw disjoint sets of papers is the heap of
 * all of them. */
size_t topk_merge(topk *t, const topk *const *parts, size_t n);

#endif
