/* bm25 — parameters, IDF and bounds (formulas in bm25.h). */
#include "bm25.h"

#include <math.h>

/* Chosen on Cranfield, CISI and NPL together (README, "Retrieval
 * quality"): one setting for all three, no per-collection tuning. Titles
 * are short and telling, so they weigh three times an abstract word and
 * keep the classic length normalization; abstracts vary more in length and
 * normalize less. */
const bm25_params bm25_defaults = {
	.k1 = 1.2,
	.b = {0.75, 0.5},
	.w = {3.0, 1.0},
};

void bm25_model_init(bm25_model *m, const bm25_params *p, double ndocs,
		     const uint64_t sum_len[POST_FIELDS])
{
	m->p = *p;
	m->n = ndocs;
	for (int f = 0; f < POST_FIELDS; f++) {
		double avg = ndocs > 0 ? (double)sum_len[f] / ndocs : 0;
		m->norm_a[f] = 1 - p->b[f];
		m->norm_b[f] = avg > 0 ? p->b[f] / avg : 0;
		/* b = 1 on an always-empty field would divide by zero. */
		if (m->norm_a[f] == 0 && m->norm_b[f] == 0)
			m->norm_a[f] = 1;
	}
}

double bm25_idf(double n, double df)
{
	return log(1 + (n - df + 0.5) / (df + 0.5));
}

double bm25_bound(const bm25_model *m, double weight, const uint32_t max_tf[POST_FIELDS],
		  const uint32_t min_len[POST_FIELDS], unsigned fields)
{
	double norm[POST_FIELDS];
	bm25_norms(m, min_len, norm);
	return bm25_score(m, weight, bm25_tfn(max_tf, norm, fields));
}
