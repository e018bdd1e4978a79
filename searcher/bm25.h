/* bm25 — BM25F scoring: the IDF, per-field length normalization, field
 * weights, and the upper bounds pruning needs.
 *
 * For a term t and a paper d with field frequencies tf_f and lengths len_f:
 *   tfn   = sum over fields f of  w_f * tf_f / (1 - b_f + b_f * len_f / avglen_f)
 *   score = qw * idf(t) * tfn * (k1 + 1) / (k1 + tfn)
 *   idf   = ln(1 + (N - df + 0.5) / (df + 0.5))
 * This is BM25F as in Robertson & Zaragoza ("The probabilistic relevance
 * framework: BM25 and beyond", 2009): fields are normalized and weighted
 * before the single tf saturation. The IDF is Lucene's: the +1 inside the
 * log keeps it positive for terms in more than half the papers, where the
 * classic Robertson-Sparck Jones IDF turns negative and would make a
 * matching paper score below a non-matching one. qw is the query term
 * frequency. Upper bounds replace tf by the largest tf and len by the
 * smallest length seen in a list or block: tfn grows with tf and shrinks
 * with len, and the score grows with tfn, so the bound is rank-safe. */
#ifndef PDX_BM25_H
#define PDX_BM25_H

#include <stdint.h>

#include "postings.h"

typedef struct bm25_params {
	double k1;
	double b[POST_FIELDS];
	double w[POST_FIELDS];  /* field weights: title, abstract */
} bm25_params;

/* The defaults, chosen by measurement on the evaluation collections
 * (README, "Retrieval quality"). */
extern const bm25_params bm25_defaults;

/* Precomputed per-collection factors. */
typedef struct bm25_model {
	bm25_params p;
	double n;                    /* papers */
	double norm_a[POST_FIELDS];  /* 1 - b */
	double norm_b[POST_FIELDS];  /* b / avglen (0 when the field is always empty) */
} bm25_model;

void bm25_model_init(bm25_model *m, const bm25_params *p, double ndocs,
		     const uint64_t sum_len[POST_FIELDS]);

double bm25_idf(double n, double df);

/* A paper's factor for field f, w_f / (1 - b_f + b_f * len_f / avglen_f). */
static inline double bm25_norm(const bm25_model *m, int f, uint32_t len)
{
	return m->p.w[f] / (m->norm_a[f] + m->norm_b[f] * len);
}

/* Both factors, computed once per paper and shared by all its terms. */
static inline void bm25_norms(const bm25_model *m, const uint32_t len[POST_FIELDS],
			      double norm[POST_FIELDS])
{
	for (int f = 0; f < POST_FIELDS; f++)
		norm[f] = bm25_norm(m, f, len[f]);
}

/* tfn for the given field frequencies and the paper's norms; fields is a
 * mask (bit f set = field f counts). */
static inline double bm25_tfn(const uint32_t tf[POST_FIELDS], const double norm[POST_FIELDS],
			      unsigned fields)
{
	double t = 0;
	for (int f = 0; f < POST_FIELDS; f++)
		if (tf[f] && (fields >> f & 1))
			t += tf[f] * norm[f];
	return t;
}

/* Score of one term: weight = qw * idf, tfn as above. */
static inline double bm25_score(const bm25_model *m, double weight, double tfn)
{
	return tfn > 0 ? weight * tfn * (m->p.k1 + 1) / (m->p.k1 + tfn) : 0;
}

/* Upper bound of bm25_score over postings whose tf is at most max_tf and
 * whose length (where tf > 0) is at least min_len, per field. */
double bm25_bound(const bm25_model *m, double weight, const uint32_t max_tf[POST_FIELDS],
		  const uint32_t min_len[POST_FIELDS], unsigned fields);

#endif
