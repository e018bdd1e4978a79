/* met_ndcg_cut — nDCG at cutoffs (trec_eval's "ndcg_cut", printed
 * ndcg_cut_k). */
#include <math.h>

#include "measure.h"

/* Gains and discounts as in met_ndcg.c. Both the run's DCG and the ideal
 * DCG stop at rank k: the ideal is the best possible top k, so a topic
 * with 3 relevant documents and a run that ranks them 1-3 scores 1 at
 * every k >= 3. When the run is shorter than k, its DCG is that of all it
 * retrieved. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	double dcg = 0.0;
	size_t c = 0;
	for (long i = 0; i < r->num_ret && c < ncut; i++) {
		while (c < ncut && i == cut[c])
			out[c++] = dcg;
		if (c < ncut && r->rel[i] > 0)
			dcg += (double)r->rel[i] / log2((double)(i + 2));
	}
	for (; c < ncut; c++)
		out[c] = dcg;

	double ideal = 0.0;
	c = 0;
	for (long i = 0; i < r->num_rel && c < ncut; i++) {
		while (c < ncut && i == cut[c]) {
			if (ideal > 0.0)
				out[c] /= ideal;
			c++;
		}
		if (c < ncut)
			ideal += (double)r->ideal[i] / log2((double)(i + 2));
	}
	for (; c < ncut; c++)
		if (ideal > 0.0)
			out[c] /= ideal;
}

const met_measure met_ndcg_cut = {"ndcg_cut", MET_AVG, 1, calc};
