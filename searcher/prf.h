/* prf — pseudo-relevance feedback with RM3 (Lavrenko & Croft's relevance
 * model, interpolated with the query as in Abdul-Jaleel et al. 2004 and
 * Anserini's implementation).
 *
 * The query runs for its top `docs` papers; each paper's terms (title and
 * abstract, re-analyzed from the stored record; terms of 2..20 ASCII
 * letters or digits, not frequent in the index: store_df_frequent) are
 * weighted by their frequency, each paper keeping its `terms` most
 * frequent; the relevance
 * model is p(t|R) = sum over papers d of p(t|d) x score(d), cut to the
 * `terms` best and normalized; the expanded query is
 *   orig_weight x (query term frequencies, normalized) + (1 - orig_weight) x p(t|R)
 * run as weighted OR terms. Filters and exclusions of the query stay. */
#ifndef PDX_PRF_H
#define PDX_PRF_H

#include <stddef.h>

#include "engine.h"
#include "query.h"

typedef struct prf_params {
	size_t docs;         /* feedback papers */
	size_t terms;        /* expansion terms */
	double orig_weight;  /* weight of the original query */
} prf_params;

extern const prf_params prf_defaults;  /* 10, 10, 0.5: Anserini's */

/* Builds the expanded query of q into *out (owned; qp_free). Only bag of
 * words queries (qp_is_bag) are expanded: for others, and when the query
 * finds nothing, *out is NULL, meaning "run q as it is". Returns 0 or an
 * engine/LMDB error. */
int prf_expand(eng_index *e, const qp_query *q, const prf_params *p, qp_query **out);

/* Fills a result list that holds fewer than k papers: the papers the RM3
 * expansion of q (5 papers, 30 terms) finds, in their order, after the
 * ones q matched, scored
 * below the last of them (half its score, scaled by the expanded score).
 * A batch run is expected to return k papers per topic; this fills the
 * tail with related papers instead of leaving it empty, and leaves the
 * papers q matched, and their order, untouched. Returns 0 or an error. */
int prf_backfill(eng_index *e, const qp_query *q, size_t k, eng_result *r);

#endif
