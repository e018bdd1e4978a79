/* peer_common — what the two peer programs (peer_fts5, peer_xapian) share
 * besides the corpus reader: the query file, the clock and the command line
 * they both accept. Knows nothing of either engine.
 *
 *   peer index DB CORPUS.jsonl[.gz] [--no-text]
 *   peer search DB QUERIES.tsv K TIMINGS_FILE > RUN
 *
 * QUERIES.tsv holds "qid<TAB>query" lines; RUN gets TREC run lines
 * "qid Q0 docid rank score tag"; TIMINGS_FILE gets "qid<TAB>microseconds"
 * per query, measured around the engine's query call and the fetching of
 * the K paper ids, excluding the printing of the run. */
#ifndef PDX_BENCH_PEER_COMMON_H
#define PDX_BENCH_PEER_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct peer_query {
	char *qid;   /* owned by the array */
	char *text;  /* owned; lower-case words separated by single spaces */
} peer_query;

typedef struct peer_args {
	int search;           /* 0: index, 1: search */
	const char *db;       /* borrowed from argv */
	const char *corpus;   /* index */
	int no_text;          /* index: store no document text */
	const char *queries;  /* search */
	unsigned long k;      /* search */
	const char *timings;  /* search */
} peer_args;

/* Parses argv into *a; on a usage error prints the usage (naming prog) to
 * stderr and returns 2, otherwise 0. */
int peer_parse_args(int argc, char **argv, const char *prog, peer_args *a);

/* Loads a query file: 0, or an errno / PDX_EFORMAT (a line without a tab)
 * code with a message on stderr. *out is owned by the caller
 * (peer_queries_free). */
int peer_queries_load(const char *path, peer_query **out, size_t *n);
void peer_queries_free(peer_query *q, size_t n);

/* Monotonic clock in microseconds. */
double peer_now_us(void);

#ifdef __cplusplus
}
#endif

#endif
