/* met_map — average precision (trec_eval's "map" per topic). */
#include "measure.h"

/* Precision at the rank of each relevant retrieved document, summed and
 * divided by all relevant documents, so relevant documents the run missed
 * count as precision 0. A topic without relevant retrieved documents
 * scores 0. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	long rel_so_far = 0;
	double sum = 0.0;
	for (long i = 0; i < r->num_ret; i++) {
		if (r->rel[i] >= MET_REL_LEVEL) {
			rel_so_far++;
			sum += (double)rel_so_far / (double)(i + 1);
		}
	}
	out[0] = rel_so_far ? sum / (double)r->num_rel : 0.0;
}

const met_measure met_map = {"map", MET_AVG, 0, calc};
