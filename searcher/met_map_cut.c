/* met_map_cut — average precision over the top k (trec_eval's "map_cut"). */
#include "measure.h"

/* As map, but only relevant documents within the top k add their
 * precision; the divisor is still every relevant document. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	long rel_so_far = 0;
	double sum = 0.0;
	size_t c = 0;
	for (size_t k = 0; k < ncut; k++)
		out[k] = 0.0;
	if (r->num_rel == 0)
		return;
	for (long i = 0; i < r->num_ret && c < ncut; i++) {
		while (c < ncut && i == cut[c]) {
			out[c] = sum / (double)r->num_rel;
			c++;
		}
		if (r->rel[i] >= MET_REL_LEVEL) {
			rel_so_far++;
			sum += (double)rel_so_far / (double)(i + 1);
		}
	}
	for (; c < ncut; c++)
		out[c] = sum / (double)r->num_rel;
}

const met_measure met_map_cut = {"map_cut", MET_AVG, 1, calc};
