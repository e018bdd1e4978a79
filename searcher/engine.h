/* engine — ranked retrieval over an open index.
 *
 * eng_open opens the index read-only (one LMDB read transaction for the
 * life of the handle, so a whole batch sees one snapshot) and checks its
 * format and analyzer. eng_search turns a parsed query into a tree of
 * scorers (term, phrase, filter, boolean) and evaluates it document at a
 * time. Bag-of-words queries (qp_is_bag) go through block-max MaxScore
 * or, for a deep k, term at a time over spans of docids; everything
 * else, and ENG_EXHAUSTIVE, through the exhaustive evaluator, which is
 * also the reference the other two are tested against: all three sum a
 * paper's term scores in fixed point, exactly whatever the order, so they
 * return the same hits with bit-identical scores.
 *
 * With eng_set_threads, a bag whose lists are long enough is searched on
 * several threads at once, each over its share of the docids, with a
 * read transaction of its own on the handle's snapshot; the hits are the
 * same, bit for bit. */
#ifndef PDX_ENGINE_H
#define PDX_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "bm25.h"
#include "buf.h"
#include "query.h"
#include "store.h"
#include "topk.h"

typedef struct eng_index eng_index;

/* ENG_AUTO: MaxScore below ENG_TAAT_MIN_K, term at a time from there.
 * The others force an evaluator (for bags; other queries are always
 * evaluated exhaustively). */
typedef enum eng_mode { ENG_AUTO, ENG_MAXSCORE, ENG_TAAT, ENG_EXHAUSTIVE } eng_mode;

/* From this k on, a bag is evaluated term at a time: on ML Anthology's
 * 1,000 title and 1,000 2-3 word queries, it matched or beat MaxScore at
 * k 300 and 1,000 (p50 and p99), was within noise of it at k 100 and
 * took up to twice as long at k 10 (docs/search-speed.md). */
#define ENG_TAAT_MIN_K 300

/* A query part worth a word to the user: one that matches no paper (a
 * word the index lacks, a word in none of the fields it is restricted to,
 * a filter no paper passes), or a word so rare that it may be a typo. */
typedef struct eng_hint {
	char *label;           /* owned: as typed, "title:transfromer", "venue:acl" */
	char *value;           /* owned: the folded word or filter value */
	char *stem;            /* owned: a word's term (analyzed), or NULL */
	int kind;              /* 0 for a word, else the filter's STORE_META_* kind */
	unsigned fields;       /* a word's fields (bit f for field f of postings.h)
				* when restricted to some it has; 0 when the
				* index lacks the word or it is not restricted */
	uint32_t df;           /* a rare word's papers (at most SUG_RARE_DF); 0: the
				* part matches no paper */
	int if_none;           /* worth saying only when nothing matched: an
				* author name no researcher has exactly, whose
				* name words were matched instead */
} eng_hint;

typedef struct eng_result {
	topk_hit *hits;        /* owned; best first */
	size_t n;
	size_t scored;         /* papers whose score was computed in full */
	eng_hint *hints;       /* owned, each once; not under an exclusion (-, NOT) */
	size_t nhints;
} eng_result;

/* Opens db for searching with BM25 parameters p (NULL = defaults).
 * Returns 0 or a store error (PDX_ENOINDEX, PDX_EANALYZER...; details in
 * store_open_detail()). */
int eng_open(const char *db, const bm25_params *p, eng_index **out);
void eng_close(eng_index *e);

/* Searches bags of words whose lists hold min_postings postings or more
 * on n threads (the caller's among them); n < 2: on the caller's only.
 * Returns 0, or an error (message in eng_error()) after which e searches
 * on one thread: threads that could not start, or a writer that
 * committed between the handle's transaction and a thread's. */
int eng_set_threads(eng_index *e, unsigned n, uint64_t min_postings);
/* A default for min_postings: below it, waking the threads costs about
 * what they save (a one-word query of a few dozen postings took 6 us on
 * one thread and 17 us on two). 5,000 beat 20,000 at p50 on ML
 * Anthology's 2-3 word queries in 16 of 18 alternating rounds
 * (docs/search-speed.md). */
#define ENG_PARALLEL_MIN 5000

/* Reads ahead of the first search what a batch of them reads: every
 * paper's norms (doclen_fill), which the first search that goes parallel
 * or term at a time would read in full inside its own time. A single
 * search reads only the norms it needs. Returns 0 or a store error (e
 * then reads them as it goes). */
int eng_preload(eng_index *e);

/* Part `part` of nparts of a job on e's threads, with that thread's read
 * transaction (on e's snapshot) and analyzer, both borrowed for the call. */
typedef void (*eng_part_fn)(void *arg, unsigned part, unsigned nparts, store_txn *txn, an_analyzer *an);
/* Calls fn once on each of e's threads (the caller's is part 0; without
 * threads, part 0 of 1 on the caller's alone) and returns once every call
 * has: what they wrote is then the caller's to read. */
void eng_run_parts(eng_index *e, eng_part_fn fn, void *arg);

/* Borrowed views, valid while e is open. */
an_analyzer *eng_analyzer(eng_index *e);
store_txn *eng_txn(eng_index *e);
const store_stats *eng_stats(const eng_index *e);
const bm25_model *eng_model(const eng_index *e);

/* Runs q for the k best papers. Returns 0, or PDX_ECORRUPT / an LMDB
 * error (message in eng_error()). out is filled even when empty. */
int eng_search(eng_index *e, const qp_query *q, size_t k, eng_mode mode, eng_result *out);
void eng_result_free(eng_result *r);
/* Message of the last failure (static storage of e). */
const char *eng_error(const eng_index *e);

/* Appends an explanation of docid's score for q: each scoring term's
 * per-field tf, length and contribution. */
int eng_explain(eng_index *e, const qp_query *q, uint32_t docid, buf *out);

/* The positive terms of q (those that can match and score), for
 * highlighting: a NULL-terminated array of borrowed strings owned by q,
 * in the returned array owned by the caller (free()). */
const char **eng_query_terms(const qp_query *q);

#endif
