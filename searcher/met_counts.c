/* met_counts — trec_eval's bookkeeping measures: runid, num_q, num_ret,
 * num_rel and num_rel_ret. The counts are summed over topics, not averaged;
 * runid and num_q print on the summary line only (metrics.c fills them). */
#include "measure.h"

/* num_ret counts every ranked row, judged or not. */
static void num_ret(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	out[0] = (double)r->num_ret;
}

/* num_rel counts judgments at or above the relevance level, whether the
 * run retrieved them or not; negative levels are not judgments. */
static void num_rel(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	out[0] = (double)r->num_rel;
}

static void num_rel_ret(const met_ranked *r, const long *cut, size_t ncut, double *out)
{
	(void)cut;
	(void)ncut;
	out[0] = (double)r->num_rel_ret;
}

const met_measure met_runid = {"runid", MET_RUNID, 0, NULL};
const met_measure met_num_q = {"num_q", MET_NUM_Q, 0, NULL};
const met_measure met_num_ret = {"num_ret", MET_SUM, 0, num_ret};
const met_measure met_num_rel = {"num_rel", MET_SUM, 0, num_rel};
const met_measure met_num_rel_ret = {"num_rel_ret", MET_SUM, 0, num_rel_ret};
