/* trecfile — TREC qrels and run files, held in memory.
 *
 * A qrels file judges documents:   qid iter docid relevance
 * A run file ranks documents:      qid Q0 docid rank score run_id
 * Fields are separated by any whitespace; blank lines and lines whose first
 * non-blank character is '#' are skipped (trec_eval 9.0.8 does the same).
 * As in trec_eval the iter and rank columns are read and ignored: the
 * evaluation ranks by score (metrics.h), and a run's run_id is the one on
 * its last line. Relevance is an integer; negative means "in the pool but
 * not judged" and is neither relevant nor non-relevant.
 *
 * Both objects keep topics in the order they first appear and rows in the
 * order they were added; duplicates are kept too, because trec_eval only
 * rejects a duplicate document when it evaluates that topic (metrics.c does
 * the same). This module owns parsing and storage, not evaluation.
 *
 * Errors are printed to the FILE given (NULL: silent) as
 *   paperdex-search: error: PATH:LINE: what
 * and a malformed line fails the whole read, as it does in trec_eval: a
 * half-read qrels file would silently change every number. */
#ifndef PDX_TRECFILE_H
#define PDX_TRECFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct tf_run tf_run;
typedef struct tf_qrels tf_qrels;

typedef struct tf_row {
	const char *docid;   /* borrowed from the run, valid until tf_run_free */
	double score;
	unsigned long line;  /* line in the run file; 0 when added in memory */
} tf_row;

typedef struct tf_judgment {
	const char *docid;   /* borrowed from the qrels, valid until tf_qrels_free */
	long rel;
	unsigned long line;  /* line in the qrels file; 0 when added in memory */
} tf_judgment;

/* ---- runs ---- */

/* A new empty run, owned by the caller (tf_run_free). name labels error
 * messages (a path, or e.g. "batch run"); run_id is what trec_eval's runid
 * measure prints. Both are copied. Never NULL. */
tf_run *tf_run_new(const char *name, const char *run_id);

/* Adds one retrieved document (strings copied). Rows may come in any order;
 * the score alone orders them. The score is used exactly as given: a run
 * written to a file with fewer digits and read back can rank ties
 * differently, so round scores the same way before adding them when the
 * numbers must equal trec_eval's on the written file.
 * Returns 0, or PDX_EFORMAT when qid or docid is empty or holds whitespace
 * (the file format could not represent it) or the score is NaN. */
int tf_run_add(tf_run *r, const char *qid, const char *docid, double score);

/* Reads a run file. Returns 0 and *out (owned), or an errno value (file
 * unreadable), PDX_EFORMAT (malformed line, reported) or PDX_EEMPTY (no
 * rows, reported); *out is NULL on failure. */
int tf_run_read(const char *path, FILE *err, tf_run **out);

void tf_run_free(tf_run *r);

const char *tf_run_name(const tf_run *r);
const char *tf_run_id(const tf_run *r);
size_t tf_run_topics(const tf_run *r);
/* The qid of topic t (0 <= t < tf_run_topics), borrowed. */
const char *tf_run_qid(const tf_run *r, size_t t);
/* Topic t's rows in the order added; *rows is borrowed until the next
 * tf_run_add or tf_run_free. Returns their number. */
size_t tf_run_rows(const tf_run *r, size_t t, const tf_row **rows);
/* 0 and *t set, or PDX_ENOTFOUND. */
int tf_run_find(const tf_run *r, const char *qid, size_t *t);

/* ---- qrels ---- */

/* A new empty qrels (owned, tf_qrels_free); name labels error messages. */
tf_qrels *tf_qrels_new(const char *name);

/* Adds one judgment (strings copied). Returns 0, or PDX_EFORMAT when qid or
 * docid is empty or holds whitespace. */
int tf_qrels_add(tf_qrels *q, const char *qid, const char *docid, long rel);

/* Reads a qrels file; returns as tf_run_read. */
int tf_qrels_read(const char *path, FILE *err, tf_qrels **out);

void tf_qrels_free(tf_qrels *q);

const char *tf_qrels_name(const tf_qrels *q);
size_t tf_qrels_topics(const tf_qrels *q);
const char *tf_qrels_qid(const tf_qrels *q, size_t t);
/* Topic t's judgments in the order added; borrowed like tf_run_rows. */
size_t tf_qrels_judgments(const tf_qrels *q, size_t t, const tf_judgment **j);
int tf_qrels_find(const tf_qrels *q, const char *qid, size_t *t);

#endif
