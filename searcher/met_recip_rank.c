/* met_recip_rank — reciprocal rank of the first relevant document. */
#include "measure.h"

/* 1 / rank of the first retrieved document at or above the relevance
 * level; 0 when none was retrieved. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	out[0] = 0.0;
	for (long i = 0; i < r->num_ret; i++) {
		if (r->rel[i] >= MET_REL_LEVEL) {
			out[0] = 1.0 / (double)(i + 1);
			return;
		}
	}
}

const met_measure met_recip_rank = {"recip_rank", MET_AVG, 0, calc};
