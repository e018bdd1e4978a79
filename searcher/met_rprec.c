/* met_rprec — R-precision (trec_eval's "Rprec"). */
#include "measure.h"

/* Precision after R = num_rel documents. A run shorter than R is not padded
 * up to R ranks: only its min(R, num_ret) documents are looked at, but the
 * division is still by R. 0 when either is 0. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	long look = r->num_ret < r->num_rel ? r->num_ret : r->num_rel;
	long rel_so_far = 0;
	for (long i = 0; i < look; i++)
		if (r->rel[i] >= MET_REL_LEVEL)
			rel_so_far++;
	out[0] = look ? (double)rel_so_far / (double)r->num_rel : 0.0;
}

const met_measure met_rprec = {"Rprec", MET_AVG, 0, calc};
