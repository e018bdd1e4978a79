/* metrics — trec_eval-identical evaluation of a run against qrels.
 *
 * Values equal trec_eval 9.0.8's to the printed 4 decimals, and the output
 * has its layout: one line per value,
 *   printf("%-22s\t%s\t%6.4f\n", name, qid_or_"all", value)
 * (counts use %ld), per-topic blocks first (with MET_PER_QUERY) in qid
 * order by strcmp, then the "all" block; within a block measures come in
 * trec_eval's fixed order, not the order they were asked for.
 *
 * What trec_eval does, and so what this does (each rule is commented where
 * it is implemented, in metrics.c and the met_*.c measure files):
 *  - A topic is evaluated when the run has results for it and the qrels
 *    have at least one line for it (even if none is relevant: it then
 *    scores 0). Topics only in the run, or only in the qrels, are ignored;
 *    MET_COMPLETE (trec_eval -c) averages over every qrels topic instead,
 *    missing ones counting 0.
 *  - Results are ranked by score, highest first; equal scores by docid in
 *    descending strcmp order ("d9" before "d11" before "d10"). The rank
 *    column of a run file is ignored.
 *  - Relevant means judged level >= 1; a negative level means "in the pool,
 *    unjudged": neither relevant nor non-relevant (it matters for bpref).
 *  - A docid twice in one topic of the run, or of the qrels, is an error
 *    when that topic is evaluated.
 *
 * Measures (-m spellings, trec_eval's and the P_10 style):
 *   map  Rprec  bpref  recip_rank  ndcg  num_q  num_ret  num_rel
 *   num_rel_ret  runid  and, with cutoffs,  P  recall  ndcg_cut  map_cut
 * as P.5,10 or P_10; a cutoff measure alone takes trec_eval's defaults
 * 5,10,15,20,30,100,200,500,1000. Unlike trec_eval, which keeps only the
 * first parameter list given for a measure, repeated -m options merge their
 * cutoffs (-m P.5 -m P_10 prints P_5 and P_10). Without any -m: map,
 * recip_rank, P_10, recall_100, recall_1000, ndcg_cut_10. */
#ifndef PDX_METRICS_H
#define PDX_METRICS_H

#include <stddef.h>
#include <stdio.h>

#include "trecfile.h"

enum {
	MET_PER_QUERY = 1,  /* met_print / met_cli_eval: per-topic blocks (-q) */
	MET_COMPLETE = 2    /* met_eval: average over all qrels topics (-c) */
};

/* ---- measure selection ---- */

typedef struct met_spec met_spec;

/* A new empty selection (owned; met_spec_free). Empty means the defaults. */
met_spec *met_spec_new(void);
void met_spec_free(met_spec *s);

/* Adds one -m argument ("map", "P.5,10", "ndcg_cut_10"...). Returns 0, or
 * PDX_EUSAGE (unknown measure, bad or unexpected cutoffs) after printing
 * why to err (NULL: silent). */
int met_spec_add(met_spec *s, const char *arg, FILE *err);

/* ---- evaluation ---- */

typedef struct met_result met_result;

/* Evaluates run against qrels with the measures of spec (NULL or empty:
 * the defaults); flags may hold MET_COMPLETE. Both inputs are borrowed and
 * may be freed once this returns. Returns 0 and *out (owned), or
 * PDX_EFORMAT (a duplicate docid in an evaluated topic) or PDX_EEMPTY (no
 * topic has both results and judgments), reported to err; *out is NULL on
 * failure. */
int met_eval(const tf_run *run, const tf_qrels *qrels, const met_spec *spec,
	     unsigned flags, FILE *err, met_result **out);

void met_result_free(met_result *r);

/* Evaluated topics, in output order, and their qids (borrowed). */
size_t met_result_topics(const met_result *r);
const char *met_result_qid(const met_result *r, size_t i);

/* The value printed as name ("map", "P_10", "num_ret", "num_q") for topic
 * qid, or for "all" when qid is NULL. Returns 0, or PDX_ENOTFOUND for a
 * measure not computed, a topic not evaluated, runid, or num_q per topic. */
int met_result_get(const met_result *r, const char *name, const char *qid,
		   double *out);

/* Prints r in trec_eval's layout; flags may hold MET_PER_QUERY. */
void met_print(const met_result *r, unsigned flags, FILE *out);

/* ---- command line ---- */

/* trec_eval in one call, for `paperdex-search --eval RUN --qrels QRELS`:
 * reads both files, evaluates with measures (whitespace-separated -m
 * arguments, e.g. "map P.10 ndcg_cut.10,20"; NULL or "" for the defaults)
 * and prints to out; flags may hold MET_PER_QUERY and MET_COMPLETE. Errors
 * go to stderr. Returns 0, PDX_EUSAGE (bad measure), or an error of
 * tf_run_read, tf_qrels_read or met_eval. */
int met_cli_eval(const char *run_path, const char *qrels_path,
		 const char *measures, unsigned flags, FILE *out);

#endif
