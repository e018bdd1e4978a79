/* met_ndcg — normalized discounted cumulative gain over the whole ranking
 * (trec_eval's "ndcg" with its default gains). */
#include <math.h>

#include "measure.h"

/* The gain of a document is its judged level (2 counts twice as much as
 * 1); level 0, documents outside the qrels and negative levels gain
 * nothing. The document at rank i (from 1) is discounted by log2(i + 1),
 * so rank 1 is not discounted (trec_eval 9; 8.x did not discount rank 2
 * either). The ideal ranking puts every relevant judged document first,
 * highest level first, whether the run retrieved it or not. A topic
 * without relevant documents scores 0. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	double dcg = 0.0, ideal = 0.0;
	for (long i = 0; i < r->num_ret; i++)
		if (r->rel[i] > 0)
			dcg += (double)r->rel[i] / log2((double)(i + 2));
	for (long i = 0; i < r->num_rel; i++)
		ideal += (double)r->ideal[i] / log2((double)(i + 2));
	out[0] = ideal > 0.0 ? dcg / ideal : 0.0;
}

const met_measure met_ndcg = {"ndcg", MET_AVG, 0, calc};
