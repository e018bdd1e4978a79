/* topics — query topic files for batch runs, in four formats told apart by
 * their content (not their name):
 *
 *   tsv    qid<TAB>query, one topic a line (Anserini's topics.tsv).
 *   trec   <top> blocks: <num> and <title> give the qid and the query;
 *          closing tags are optional (the classic "<num> Number: 301" /
 *          "<title> Topic: ..." layout and the closed <num>1</num> one
 *          both read), "Number:" and "Topic:" prefixes are dropped, other
 *          fields (<desc>, <narr>) ignored, and an all-digit qid loses its
 *          leading zeros ("051" -> "51", as qrels write it).
 *   beir   BEIR queries.jsonl: one JSON object a line, "_id" (string or
 *          number) and "text"; other members are ignored.
 *   smart  SMART query files (.I/.W, as cran.qry and CISI.QRY): the query
 *          is the .W text; topics are numbered by position, 1..N, because
 *          that is what these collections' qrels use — the .I numbers skip
 *          (cran.qry: .I 001, 002, 004, 008...) and are ignored.
 *
 * Query text is whitespace-collapsed (lines joined with one space) and
 * must be valid UTF-8; qids must be non-empty without whitespace (they go
 * into run files). A bad line or topic is reported as
 *   paperdex-search: error: PATH:LINE: what (skipped)
 * and skipped; later topics still read (a skipped SMART topic keeps its
 * number, so the ones after it still match the qrels). A second topic with
 * the same qid is an error too. This module owns parsing only. */
#ifndef PDX_TOPICS_H
#define PDX_TOPICS_H

#include <stddef.h>
#include <stdio.h>

typedef struct topics_file topics_file;

typedef struct topics_topic {
	const char *qid;     /* borrowed from the topics_file */
	const char *text;    /* the query, whitespace-collapsed */
	unsigned long line;  /* where the topic starts */
} topics_topic;

/* Reads path. Returns 0 and *out (owned; topics_free) when at least one
 * topic was read, even if others were skipped with an error; an errno
 * value when the file cannot be read; PDX_EEMPTY when it holds no valid
 * topic. Errors go to err (NULL: silent); *out is NULL on failure. */
int topics_read(const char *path, FILE *err, topics_file **out);

/* The same over data[0..n), name standing for the path in messages. */
int topics_parse(const char *name, const char *data, size_t n, FILE *err,
		 topics_file **out);

void topics_free(topics_file *t);

size_t topics_count(const topics_file *t);
/* Topic i (0 <= i < topics_count) in file order; borrowed until topics_free. */
const topics_topic *topics_get(const topics_file *t, size_t i);
/* "tsv", "trec", "beir" or "smart" (static). */
const char *topics_format(const topics_file *t);
/* Number of lines or topics skipped with an error. */
size_t topics_errors(const topics_file *t);

#endif
