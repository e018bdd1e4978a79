/* met_bpref — binary preference (Buckley and Voorhees, SIGIR 2004), as
 * trec_eval 9 computes it. */
#include "measure.h"

static long min_l(long a, long b)
{
	return a < b ? a : b;
}

/* Only judged documents take part: retrieved documents outside the qrels
 * (MET_NONPOOL) and those judged with a negative level (MET_UNJUDGED) are
 * skipped, not counted as non-relevant. Each relevant retrieved document
 * adds 1 - min(N, R) / min(NR, R), where N is the number of judged
 * non-relevant documents ranked above it, R = num_rel and NR = num_nonrel
 * (all judged non-relevant, retrieved or not); with no judged non-relevant
 * document above it, it adds 1. The sum is divided by R; 0 when R is 0. */
static void calc(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	long nonrel_so_far = 0;
	double bpref = 0.0;
	for (long i = 0; i < r->num_ret; i++) {
		long rel = r->rel[i];
		if (rel < 0)
			continue;
		if (rel < MET_REL_LEVEL) {
			nonrel_so_far++;
		} else if (nonrel_so_far > 0) {
			bpref += 1.0 - (double)min_l(nonrel_so_far, r->num_rel) /
				       (double)min_l(r->num_nonrel, r->num_rel);
		} else {
			bpref += 1.0;
		}
	}
	out[0] = r->num_rel ? bpref / (double)r->num_rel : 0.0;
}

const met_measure met_bpref = {"bpref", MET_AVG, 0, calc};
