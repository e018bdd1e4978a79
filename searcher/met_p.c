/* met_p — precision at cutoffs (trec_eval's "P", printed P_k). */
#include "measure.h"

/* Relevant documents in the top k divided by k, always by k: a run with
 * fewer than k documents is padded with non-relevant ones (trec_eval:
 * "15 docs retrieved, 4 relevant: P20 = 4/20"). */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	long rel_so_far = 0;
	size_t c = 0;
	for (long i = 0; i < r->num_ret && c < ncut; i++) {
		while (c < ncut && i == cut[c]) {
			out[c] = (double)rel_so_far / (double)cut[c];
			c++;
		}
		if (r->rel[i] >= MET_REL_LEVEL)
			rel_so_far++;
	}
	for (; c < ncut; c++)
		out[c] = (double)rel_so_far / (double)cut[c];
}

const met_measure met_p = {"P", MET_AVG, 1, calc};
