/* query — the lenient query parser: query text in, a small AST out.
 *
 * Language:
 *   bare words        ranked (OR, BM25); a compound word ("self-supervised")
 *                     gives its parts and its joined form (analyzer.h)
 *   "exact phrase"    words in order (stopword gaps kept)
 *   +word  -word      required, excluded
 *   a AND b, a OR b, NOT a, ( ... )   boolean structure; NOT > AND > OR,
 *                     adjacent clauses are OR'ed
 *   title:x  abstract:x  title:"..."   restrict a word or phrase to a field
 *   field:( ... )     the field applies to each word and phrase of the
 *                     group that has none of its own: title:(a OR b) is
 *                     title:a OR title:b, venue:(neurips OR icml) is
 *                     venue:neurips OR venue:icml
 *   author:"Kaiqi Zhao"  author:zhao   papers by that person (name key), or
 *                     by anyone with that name word
 *   year:2021  year:2019..2023  year:>2020  year:<2020   publication year
 *                     (year:2023..2019 reads as 2019..2023, with a warning)
 *   category:LG  venue:neurips  has:code   filters (never scored)
 *                     Filters restrict the results, except that filters
 *                     joined by OR are alternatives: year:2021 OR year:2022
 * Nothing the user types fails: unbalanced quotes or parentheses, stray
 * operators, unknown fields, punctuation and overlong queries degrade to
 * sensible terms, each with a warning that names the query position. */
#ifndef PDX_QUERY_H
#define PDX_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"

#define QP_MAX_TERMS 1024     /* terms and filters beyond this are dropped (warning) */
#define QP_MAX_VARIANTS 8     /* phrase spellings tried for compounds */
#define QP_MAX_WARNINGS 16    /* then one last warning says more were dropped */

enum { QP_TITLE = 1, QP_ABSTRACT = 2, QP_ALLFIELDS = 3 };
enum { QP_SHOULD, QP_MUST, QP_MUST_NOT };

typedef enum qp_kind {
	QP_TERM,    /* one analyzed term */
	QP_PHRASE,  /* variants: each a sequence of (term, offset) */
	QP_BOOL,    /* clauses with occur flags */
	QP_FILTER   /* metadata terms: a doc matches if it has any of any[] and
		     * all of all[] */
} qp_kind;

typedef struct qp_pterm {
	char *term;
	char *surface;    /* folded unstemmed word, for suggestions */
	uint32_t offset;  /* position relative to the phrase's first word */
} qp_pterm;

typedef struct qp_node qp_node;
struct qp_node {
	qp_kind kind;
	int occur;          /* as a clause of its parent BOOL */
	unsigned fields;    /* QP_TITLE | QP_ABSTRACT */
	size_t pos;         /* byte offset in the query, for messages */
	/* QP_TERM */
	char *term;
	char *surface;      /* folded unstemmed word, for suggestions */
	double weight;      /* query term frequency */
	/* QP_PHRASE: variant v has nterms[v] terms in pterms[v] */
	qp_pterm *pterms[QP_MAX_VARIANTS];
	size_t nterms[QP_MAX_VARIANTS];
	size_t nvariants;
	/* QP_FILTER */
	char **any;
	size_t nany;
	char **all;
	size_t nall;
	int author;         /* any[0] is an exact author term; all[] its name
			     * words, used when no author has that exact key */
	int year_lo, year_hi;  /* a year range (0 = none): matched by prefix scan */
	char *label;        /* what the user wrote, for messages */
	/* QP_BOOL */
	qp_node **kids;
	size_t nkids;
};

typedef struct qp_query {
	qp_node *root;      /* a QP_BOOL, possibly without clauses */
	char **warnings;    /* owned messages, each naming a query position */
	size_t nwarnings;
} qp_query;

enum {
	/* Every word is a ranked term: no operators, quotes, prefixes or
	 * fields. For batch topics, which are natural language ("TUNNEL DIODE
	 * CONSTRUCTION AND ITS ..." must not turn AND into an operator). */
	QP_PLAIN = 1
};

/* Parses n bytes of q (any bytes; invalid UTF-8 is skipped with a
 * warning). flags: 0 or QP_PLAIN. an is borrowed. Always succeeds: *out
 * is a query, possibly empty, and owned by the caller (qp_free).
 * Returns 0. */
int qp_parse(an_analyzer *an, const char *q, size_t n, unsigned flags, qp_query **out);
void qp_free(qp_query *q);

/* Queries built by program (query expansion): an empty bag, weighted
 * SHOULD terms (analyzer output, copied; surface: the word as the user
 * typed it, NULL for a term the user did not type, which then gets no
 * did-you-mean), and the top-level filters and exclusions of another
 * query (deep-copied). */
qp_query *qp_bag_new(void);
void qp_bag_add(qp_query *q, const char *term, const char *surface, double weight);
void qp_copy_constraints(qp_query *dst, const qp_query *src);

/* 1 when the query is a plain bag of words: only SHOULD terms (any field
 * mask), plus optional filters and excluded terms at the top level; these
 * queries are the ones rank-safe pruning handles. */
int qp_is_bag(const qp_query *q);

/* The name of a restriction to one field: "title" for QP_TITLE,
 * "abstract" for QP_ABSTRACT (as in the query language). */
const char *qp_field_name(unsigned fields);

/* Appends a compact rendering of the AST (for tests and --explain). */
struct buf;
void qp_render(const qp_query *q, struct buf *out);

#endif
