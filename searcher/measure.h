/* measure — the interface every evaluation measure implements, one measure
 * per file (met_map.c, met_p.c, ...), the way trec_eval keeps one per
 * m_*.c file. metrics.c ranks a topic's results, joins them with the
 * judgments into a met_ranked (trec_eval's RES_RELS) and calls the selected
 * measures on it; it also owns selection, averaging and printing. A measure
 * sees only met_ranked and its cutoffs, so it cannot disagree with another
 * about ranking, ties or what counts as relevant. */
#ifndef PDX_MEASURE_H
#define PDX_MEASURE_H

#include <stddef.h>

/* trec_eval's relevance_level (its -l option, default 1): a document is
 * relevant when its judged level is at least this. */
#define MET_REL_LEVEL 1

/* Values in met_ranked.rel besides judged levels (>= 0). */
enum {
	MET_NONPOOL = -1,   /* retrieved, not in the qrels */
	MET_UNJUDGED = -2   /* in the qrels with a negative level */
};

typedef struct met_ranked {
	const long *rel;   /* level of each retrieved doc in rank order */
	long num_ret;
	long num_rel;      /* judged >= MET_REL_LEVEL, retrieved or not */
	long num_rel_ret;
	long num_nonrel;   /* judged 0 <= level < MET_REL_LEVEL */
	const long *ideal; /* levels of the num_rel relevant docs, highest first */
} met_ranked;

typedef enum met_kind {
	MET_AVG,    /* per-topic double, averaged over topics, printed %6.4f */
	MET_SUM,    /* per-topic count, summed over topics, printed %ld */
	MET_NUM_Q,  /* number of topics averaged over; summary line only */
	MET_RUNID   /* the run's id; summary line only */
} met_kind;

typedef struct met_measure {
	const char *name;  /* trec_eval's name */
	met_kind kind;
	int has_cutoffs;   /* one value per cutoff, printed as NAME_k */
	/* Sets out[0], or out[i] for cutoffs[i] (ascending, positive).
	 * NULL for MET_NUM_Q and MET_RUNID. */
	void (*calc)(const met_ranked *r, const long *cutoffs, size_t ncut, double *out);
} met_measure;

extern const met_measure met_runid, met_num_q, met_num_ret, met_num_rel,
	met_num_rel_ret;                               /* met_counts.c */
extern const met_measure met_map;                  /* met_map.c */
extern const met_measure met_rprec;                /* met_rprec.c */
extern const met_measure met_bpref;                /* met_bpref.c */
extern const met_measure met_recip_rank;           /* met_recip_rank.c */
extern const met_measure met_p;                    /* met_p.c */
extern const met_measure met_recall;               /* met_recall.c */
extern const met_measure met_ndcg;                 /* met_ndcg.c */
extern const met_measure met_ndcg_cut;             /* met_ndcg_cut.c */
extern const met_measure met_map_cut;              /* met_map_cut.c */

#endif
