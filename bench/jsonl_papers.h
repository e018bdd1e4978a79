/* jsonl_papers — reads ML Anthology-shaped JSON Lines for the benchmark
 * tools (peers, model builder, query sampler, corpus statistics):
 * {"id","title","abstract","authors":[..],"author_names":[..],"venue","year"},
 * plain or gzip'd. Lines go through paperdex's own line reader
 * (indexer/input.c) and yajl's tree parser. Does not index or analyze text. */
#ifndef PDX_BENCH_JSONL_PAPERS_H
#define PDX_BENCH_JSONL_PAPERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct jp_reader jp_reader;

/* One paper. Every pointer is borrowed from the reader and valid until the
 * next jp_next or jp_close. Missing or non-string fields read as "" (an
 * author slug that is null reads as ""). */
typedef struct jp_paper {
	const char *id, *title, *abstract, *venue, *year;
	const char **authors;       /* author slugs, nauthors of them */
	const char **author_names;  /* display names, nauthors of them */
	size_t nauthors;
	const char *line;           /* the raw JSON line, NUL-terminated */
	size_t line_len;
	unsigned long lineno;
} jp_paper;

/* Opens path (.jsonl or .jsonl.gz). Returns 0 or an errno / PDX_E* code;
 * *out is NULL on failure. */
int jp_open(const char *path, jp_reader **out);
void jp_close(jp_reader *r);

/* Reads the next paper into *p: 1 on success, 0 at end of file, or a
 * negative PDX_E* / positive errno code. Lines that are not JSON objects
 * are skipped with a warning on stderr (counted in jp_skipped). */
int jp_next(jp_reader *r, jp_paper *p);
size_t jp_skipped(const jp_reader *r);

#ifdef __cplusplus
}
#endif

#endif
