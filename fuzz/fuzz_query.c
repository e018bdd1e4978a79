/* fuzz_query — libFuzzer target: arbitrary bytes through the query parser
 * (searcher/query.c), as typed queries and as plain batch topics, then
 * rendered. Checks the invariants the engine relies on: a BOOL root,
 * bounded warnings, nesting and terms, phrases whose spellings start at
 * offset 0 in order, and year ranges within 1..9999. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void need(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_query: invariant broken: %s\n", what);
		abort();
	}
}

/* Checks n and below; returns the number of terms it holds. */
static size_t check(const qp_node *n, int depth)
{
	size_t terms = 0;
	/* Parentheses nest 64 deep; each level holds at most three groups
	 * (its clauses, a run of OR'ed filters, an AND). */
	need(depth <= 3 * 65, "nesting bounded");
	need(n->occur >= QP_SHOULD && n->occur <= QP_MUST_NOT, "occur");
	need(n->fields >= 1 && n->fields <= QP_ALLFIELDS, "fields");
	switch (n->kind) {
	case QP_TERM:
		need(n->term && n->term[0] && n->surface, "term text");
		need(n->weight >= 1, "term weight");
		terms = 1;
		break;
	case QP_PHRASE:
		need(n->nvariants >= 1 && n->nvariants <= QP_MAX_VARIANTS, "phrase variants");
		for (size_t v = 0; v < n->nvariants; v++) {
			need(n->nterms[v] >= 1, "phrase terms");
			need(n->pterms[v][0].offset == 0, "phrase starts at 0");
			for (size_t i = 0; i < n->nterms[v]; i++) {
				need(n->pterms[v][i].term && n->pterms[v][i].term[0], "phrase term text");
				need(i == 0 || n->pterms[v][i].offset >= n->pterms[v][i - 1].offset, "phrase order");
			}
		}
		terms = n->nterms[0];
		break;
	case QP_FILTER:
		need(n->label != NULL, "filter label");
		if (n->year_lo)
			need(n->year_lo >= 1 && n->year_lo <= n->year_hi && n->year_hi <= 9999, "year range");
		else
			need(n->nany >= 1, "filter terms");
		terms = 1;
		break;
	case QP_BOOL:
		for (size_t i = 0; i < n->nkids; i++) {
			need(n->kids[i] != NULL, "clause");
			terms += check(n->kids[i], depth + 1);
		}
		break;
	default:
		need(0, "node kind");
	}
	return terms;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static an_analyzer *an;
	if (!an && an_open(&an) != 0)
		abort();
	for (unsigned flags = 0; flags <= QP_PLAIN; flags++) {
		qp_query *q = NULL;
		need(qp_parse(an, (const char *)data, size, flags, &q) == 0 && q, "parse succeeds");
		need(q->root && q->root->kind == QP_BOOL && q->root->occur == QP_SHOULD, "a BOOL root");
		need(q->nwarnings <= QP_MAX_WARNINGS + 1, "warnings bounded");
		for (size_t i = 0; i < q->nwarnings; i++)
			need(strncmp(q->warnings[i], "query position ", 15) == 0, "warnings name a position");
		need(check(q->root, 0) <= 2 * QP_MAX_TERMS, "terms bounded");
		buf b = BUF_INIT;
		qp_render(q, &b);
		need(b.n >= 2, "rendered");
		buf_free(&b);
		(void)qp_is_bag(q);
		qp_free(q);
	}
	return 0;
}
