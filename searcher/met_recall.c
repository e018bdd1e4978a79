/* met_recall — recall at cutoffs (trec_eval's "recall", printed recall_k). */
#include "measure.h"

/* Relevant documents in the top k divided by all relevant documents;
 * 0 for a topic without relevant documents. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	long rel_so_far = 0;
	size_t c = 0;
	for (size_t k = 0; k < ncut; k++)
		out[k] = 0.0;
	if (r->num_rel == 0)
		return;
	for (long i = 0; i < r->num_ret && c < ncut; i++) {
		while (c < ncut && i == cut[c]) {
			out[c] = (double)rel_so_far / (double)r->num_rel;
			c++;
		}
		if (r->rel[i] >= MET_REL_LEVEL)
			rel_so_far++;
	}
	for (; c < ncut; c++)
		out[c] = (double)rel_so_far / (double)r->num_rel;
}

const met_measure met_recall = {"recall", MET_AVG, 1, calc};
