/* Unit tests for query: the AST (qp_render) of every construct of the
 * language in query.h, compounds spelled every way, the metadata terms of
 * filters, qp_is_bag, QP_PLAIN, and the lenient cases: any bytes parse,
 * with warnings that name the query position. The expected ASTs were
 * worked out by hand from the rules in query.h and analyzer.h (stems are
 * Snowball English: "convolution" -> "convolut", "networks" -> "network"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "query.h"
#include "store.h"

static an_analyzer *an;

static int setup(void **state)
{
	(void)state;
	return an_open(&an);
}

static int teardown(void **state)
{
	(void)state;
	an_close(an);
	return 0;
}

typedef struct qcase {
	const char *q;
	const char *ast;    /* qp_render */
	int bag;            /* qp_is_bag */
	const char *warn;   /* every warning, one a line; "" for none */
} qcase;

/* Parses n bytes of q; *ast and *warn get owned strings. */
static qp_query *parse(const char *q, size_t n, unsigned flags, char **ast, char **warn)
{
	qp_query *pq = NULL;
	assert_int_equal(qp_parse(an, q, n, flags, &pq), 0);
	assert_non_null(pq);
	assert_non_null(pq->root);
	assert_int_equal(pq->root->kind, QP_BOOL);
	buf b = BUF_INIT;
	qp_render(pq, &b);
	buf_putc(&b, '\0');
	*ast = (char *)b.p;
	buf w = BUF_INIT;
	for (size_t i = 0; i < pq->nwarnings; i++)
		buf_printf(&w, "%s%s", i ? "\n" : "", pq->warnings[i]);
	buf_putc(&w, '\0');
	*warn = (char *)w.p;
	return pq;
}

static void run_cases(const qcase *cases, size_t n, unsigned flags)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const qcase *c = &cases[i];
		char *ast, *warn;
		qp_query *q = parse(c->q, strlen(c->q), flags, &ast, &warn);
		if (strcmp(ast, c->ast) != 0 || qp_is_bag(q) != c->bag || strcmp(warn, c->warn) != 0) {
			print_error("query [%s]\n  got  %s bag=%d warnings [%s]\n  want %s bag=%d warnings [%s]\n",
				    c->q, ast, qp_is_bag(q), warn, c->ast, c->bag, c->warn);
			bad++;
		}
		free(ast);
		free(warn);
		qp_free(q);
	}
	assert_int_equal(bad, 0);
}

#define RUN(cases, flags) run_cases(cases, sizeof cases / sizeof *cases, flags)

/* Bare words are ranked terms; repeats add up; phrases keep positions,
 * stopwords leave gaps, and a leading stopword leaves nothing. */
static void test_words_and_phrases(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"needlet convolution", "(needlet convolut)", 1, ""},
		{"Networks network NETWORK", "(network^3)", 1, ""},
		{"\"graph neural networks\"", "(\"graph@0 neural@1 network@2\")", 0, ""},
		{"\"florp of the quib\"", "(\"florp@0 quib@3\")", 0, ""},
		{"\"the transformer\"", "(transform)", 1, ""},
		{"\"needlet\" convolution", "(needlet convolut)", 1, ""},
		{"x ((y))", "(x y)", 1, ""},
		{"x -x", "(x -x)", 1, ""},
	};
	RUN(cases, 0);
}

/* A compound is typed any way and found every way: bare, it is its parts
 * and its joined form, ranked; in a phrase or required, each of its
 * spellings (parts, one word) must be found in place. */
static void test_compounds(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"self-supervised", "(self supervis selfsupervis)", 1, ""},
		{"selfsupervised", "(selfsupervis)", 1, ""},
		{"\"self supervised\"", "(\"self@0 supervis@1\")", 0, ""},
		{"\"self-supervised\"", "(\"self@0 supervis@1\"|\"selfsupervis@0\")", 0, ""},
		{"+self-supervised", "(+\"self@0 supervis@1\"|\"selfsupervis@0\")", 0, ""},
		{"-self-supervised x", "(-\"self@0 supervis@1\"|\"selfsupervis@0\" x)", 0, ""},
		{"\"self-supervised learning\"",
		 "(\"self@0 supervis@1 learn@2\"|\"selfsupervis@0 learn@1\")", 0, ""},
		/* The one-word spelling takes one position, after other words too. */
		{"\"learning self-supervised\"",
		 "(\"learn@0 self@1 supervis@2\"|\"learn@0 selfsupervis@1\")", 0, ""},
		{"\"selfsupervised learning\"", "(\"selfsupervis@0 learn@1\")", 0, ""},
		{"GPT-4", "(gpt 4 gpt4)", 1, ""},
		{"+GPT-4", "(+\"gpt@0 4@1\"|\"gpt4@0\")", 0, ""},
		{"BERT-base", "(bert base bertbas)", 1, ""},
		{"+BERT-base", "(+\"bert@0 base@1\"|\"bertbas@0\")", 0, ""},
		{"L1", "(l1)", 1, ""},
		{"L1-norm", "(l1 norm l1norm)", 1, ""},
		/* "so" is a stopword: SO(3) as a unit is its joined form only. */
		{"SO(3)", "(3 so3)", 1, ""},
		{"(SO(3))", "(3 so3)", 1, ""},
		{"+SO(3)", "(+so3)", 0, ""},
		{"\"SO(3)\"", "(so3)", 1, ""},
		{"title:SO(3)", "(title:3 title:so3)", 1, ""},
		{"\"rotation SO(3) equivariance\"",
		 "(\"rotat@0 so3@2 equivari@3\"|\"rotat@0 so3@1 equivari@2\")", 0, ""},
		/* Two parts survive the stopwords: they still spell it. */
		{"\"state-of-the-art\"", "(\"state@0 art@3\"|\"stateoftheart@0\")", 0, ""},
		{"\"on-the-fly\"", "(onthefli)", 1, ""},
		/* A parenthesis after a space groups. */
		{"a(b c)", "(b c)", 1, ""},
		{"\"β-VAE\"", "(\"beta@0 vae@1\"|\"betava@0\")", 0, ""},
		{"β", "(beta)", 1, ""},
		{"\\beta", "(beta)", 1, ""},
		{"$\\beta$-DPO", "(beta dpo betadpo)", 1, ""},
	};
	RUN(cases, 0);
}

/* Four compounds: the first three vary (8 spellings), the fourth is
 * spelled by its parts in all of them. */
static void test_compound_variant_cap(void **state)
{
	(void)state;
	const char *q = "\"zero-shot few-shot one-shot multi-task\"";
	char *ast, *warn;
	qp_query *pq = parse(q, strlen(q), 0, &ast, &warn);
	const qp_node *ph = pq->root->kids[0];
	assert_int_equal(ph->kind, QP_PHRASE);
	assert_int_equal(ph->nvariants, 8);
	for (size_t v = 0; v < ph->nvariants; v++) {
		const qp_pterm *t = ph->pterms[v];
		size_t n = ph->nterms[v];
		assert_string_equal(t[n - 2].term, "multi");
		assert_string_equal(t[n - 1].term, "task");
		assert_int_equal(t[n - 1].offset, t[n - 2].offset + 1);
	}
	assert_null(strstr(ast, "multitask"));
	assert_string_equal(warn, "");
	free(ast);
	free(warn);
	qp_free(pq);
}

/* NOT binds tighter than AND, AND tighter than OR; adjacent clauses are
 * OR'ed; AND makes its operands required. */
static void test_boolean(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"x y -z", "(x y -z)", 1, ""},
		{"+x y -z", "(+x y -z)", 0, ""},
		{"x OR y", "(x y)", 1, ""},
		{"x OR y AND z", "(x (+y +z))", 0, ""},
		{"x AND y OR z", "((+x +y) z)", 0, ""},
		{"(x OR y) AND z", "((+(x y) +z))", 0, ""},
		{"NOT x AND y", "((-x +y))", 0, ""},
		{"x AND NOT y", "((+x -y))", 0, ""},
		{"x && y || z", "((+x +y) z)", 0, ""},
		{"x OR (y AND z) OR w", "(x (+y +z) w)", 0, ""},
		{"x -(y z)", "(x -(y z))", 0, ""},
		{"x AND (y OR z) -w", "((+x +(y z)) -w)", 0, ""},
		{"NOT NOT x", "(-x)", 0, ""},
		{"-x", "(-x)", 0, ""},
		/* "and" in lower case is a word (a stopword). */
		{"x and y", "(x y)", 1, ""},
	};
	RUN(cases, 0);
}

static void test_fields_and_filters(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"title:Graph abstract:\"graph networks\"", "(title:graph abstract:\"graph@0 network@1\")", 0, ""},
		{"title:self-supervised", "(title:self title:supervis title:selfsupervis)", 1, ""},
		{"+title:self-supervised", "(+title:\"self@0 supervis@1\"|\"selfsupervis@0\")", 0, ""},
		{"title:x title:x x", "(title:x^2 x)", 1, ""},
		{"author:\"Kaiqi Zhao\"", "(+{author:\"Kaiqi Zhao\"})", 0, ""},
		{"author:zhao", "(+{author:zhao})", 0, ""},
		{"year:2021", "(+{year:2021})", 0, ""},
		{"year:2019..2023 year:>2020 year:<2020 year:>=2020 year:..2020 year:2020..",
		 "(+{year:2019..2023} +{year:>2020} +{year:<2020} +{year:>=2020} +{year:..2020} +{year:2020..})",
		 0, ""},
		{"category:LG cat:cs.LG venue:neurips has:code has:Code",
		 "(+{category:LG} +{cat:cs.LG} +{venue:neurips} +{has:code} +{has:Code})", 0, ""},
		/* Filters next to words keep the query a bag (pruned). */
		{"pruning year:2021 -author:zhao", "(prune +{year:2021} -{author:zhao})", 1, ""},
		{"-year:2021 x", "(-{year:2021} x)", 1, ""},
		{"NOT year:2021", "(-{year:2021})", 0, ""},
		/* Filters joined by OR are alternatives, in one required group. */
		{"year:2021 OR year:2022", "(+({year:2021} {year:2022}))", 0, ""},
		{"x year:2021 OR year:2022 y", "(x +({year:2021} {year:2022}) y)", 0, ""},
		{"category:LG OR category:CV OR venue:icml",
		 "(+({category:LG} {category:CV} {venue:icml}))", 0, ""},
		{"x OR year:2021", "(+(x {year:2021}))", 0, ""},
		{"(year:2021 OR year:2022) x", "(+({year:2021} {year:2022}) x)", 0, ""},
		{"x OR y year:2021", "(x y +{year:2021})", 1, ""},
		{"year:2021 year:2022", "(+{year:2021} +{year:2022})", 0, ""},
		/* A field before a group applies to each of its words and phrases
		 * that have no field of their own. */
		{"title:(graph OR networks) x", "(title:graph title:network x)", 1, ""},
		{"title:(-graph \"neural networks\") abstract:(x title:y)",
		 "((-title:graph title:\"neural@0 network@1\") abstract:x title:y)", 0, ""},
		{"title:(x abstract:(y) (z))", "(title:x abstract:y title:z)", 1, ""},
		{"venue:(neurips OR icml) x", "(+({venue:neurips} {venue:icml}) x)", 0, ""},
		{"year:(2019 OR 2021..2022)", "(+({year:2019} {year:2021..2022}))", 0, ""},
		{"author:(\"Kaiqi Zhao\" OR welling)", "(+({author:\"Kaiqi Zhao\"} {author:welling}))", 0, ""},
		/* Two prefixes: the last one is the field; the label is the token. */
		{"venue:author:\"Kaiqi Zhao\" x", "(+{venue:author:\"Kaiqi Zhao\"} x)", 1, ""},
		{"title:author:zhao", "(+{title:author:zhao})", 0, ""},
	};
	RUN(cases, 0);
}

static void expect_meta(const char *got, int kind, const char *value)
{
	buf want = BUF_INIT;
	store_meta_term(&want, kind, value, strlen(value));
	buf_putc(&want, '\0');
	assert_string_equal(got, (const char *)want.p);
	buf_free(&want);
}

/* The metadata terms a filter looks up: author keys (initials stay
 * initials, diacritics and hyphens fold), name words, folded values. */
static void test_filter_terms(void **state)
{
	(void)state;
	static const char q[] = "author:\"Jean-François Cardoso\" author:\"K. Zhao\" category:cs.LG "
				"venue:NeurIPS has:code year:<=2020";
	char *ast, *warn;
	qp_query *pq = parse(q, strlen(q), 0, &ast, &warn);
	assert_string_equal(warn, "");
	assert_int_equal(pq->root->nkids, 6);
	qp_node **k = pq->root->kids;
	assert_true(k[0]->author);
	assert_int_equal(k[0]->nany, 1);
	expect_meta(k[0]->any[0], STORE_META_AUTHOR, "jean francois cardoso");
	assert_int_equal(k[0]->nall, 3);
	expect_meta(k[0]->all[0], STORE_META_NAME, "jean");
	expect_meta(k[0]->all[1], STORE_META_NAME, "francois");
	expect_meta(k[0]->all[2], STORE_META_NAME, "cardoso");
	expect_meta(k[1]->any[0], STORE_META_AUTHOR, "k zhao");
	assert_int_equal(k[1]->nall, 2);
	expect_meta(k[2]->any[0], STORE_META_CATEGORY, "cs.lg");
	expect_meta(k[3]->any[0], STORE_META_VENUE, "neurips");
	expect_meta(k[4]->any[0], STORE_META_CODE, "code");
	assert_int_equal(k[5]->year_lo, 1);
	assert_int_equal(k[5]->year_hi, 2020);
	free(ast);
	free(warn);
	qp_free(pq);

	static const struct { const char *q; int lo, hi; } years[] = {
		{"year:2021", 2021, 2021}, {"year:2019..2023", 2019, 2023}, {"year:>2020", 2021, 9999},
		{"year:<2020", 1, 2019},   {"year:>=2020", 2020, 9999},     {"year:..2020", 1, 2020},
		{"year:2020..", 2020, 9999}, {"year:2023..2019", 2019, 2023},
	};
	for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
		pq = parse(years[i].q, strlen(years[i].q), 0, &ast, &warn);
		assert_int_equal(pq->root->nkids, 1);
		assert_int_equal(pq->root->kids[0]->year_lo, years[i].lo);
		assert_int_equal(pq->root->kids[0]->year_hi, years[i].hi);
		free(ast);
		free(warn);
		qp_free(pq);
	}
}

/* Whatever is typed parses: what cannot be used is dropped with a warning
 * naming its position (1-based byte offset), and the rest is searched. */
static void test_lenient(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"", "()", 0, "query position 1: empty query"},
		{"   ", "()", 0, "query position 1: empty query"},
		{"\"\"", "()", 0, "query position 1: nothing to search for: only stopwords or punctuation"},
		{"the of and", "()", 0, "query position 1: nothing to search for: only stopwords or punctuation"},
		{"  ... !!", "()", 0, "query position 3: nothing to search for: only stopwords or punctuation"},
		{"\"unbalanced pruning", "(\"unbalanc@0 prune@1\")", 0,
		 "query position 1: unbalanced quote: the phrase runs to the end of the query"},
		{"x \"", "(x)", 1, "query position 3: unbalanced quote: the phrase runs to the end of the query"},
		{"(pruning OR", "(prune)", 1,
		 "query position 10: OR without two operands; ignored\n"
		 "query position 1: unbalanced parenthesis: closed at the end of the query"},
		{"pruning )", "(prune)", 1, "query position 9: unexpected ')'; ignored"},
		{")(", "()", 0,
		 "query position 1: unexpected ')'; ignored\n"
		 "query position 2: unbalanced parenthesis: closed at the end of the query"},
		{"AND pruning", "(prune)", 1, "query position 1: unexpected AND; ignored"},
		{"pruning AND", "(+prune)", 0, "query position 9: AND without a right operand; ignored"},
		{"OR pruning OR", "(prune)", 1,
		 "query position 1: OR without two operands; ignored\n"
		 "query position 12: OR without two operands; ignored"},
		{"x AND AND y", "(+x y)", 0,
		 "query position 3: AND without a right operand; ignored\n"
		 "query position 7: unexpected AND; ignored"},
		{"+ - pruning", "(prune)", 1,
		 "query position 1: '+' without a word after it; ignored\n"
		 "query position 3: '-' without a word after it; ignored"},
		{"pruning -", "(prune)", 1, "query position 9: '-' without a word after it; ignored"},
		{"pruning NOT", "(prune)", 1, "query position 12: operator at the end of the query; ignored"},
		{"foo:bar pruning", "(foo bar prune)", 1,
		 "query position 1: unknown field foo: (known: title abstract author year category venue has); "
		 "searched as words"},
		{"x Title:graph", "(x titl graph)", 1,
		 "query position 3: unknown field Title: (known: title abstract author year category venue has); "
		 "searched as words"},
		/* Not field-shaped: no warning. */
		{"ratio 3:1 http://x.org", "(ratio 3 1 http x org)", 1, ""},
		{"title:", "()", 0, "query position 1: title: has no value; ignored"},
		{"title:() x", "(x)", 1, ""},
		{"title:(graph x", "(title:graph title:x)", 1,
		 "query position 1: unbalanced parenthesis: closed at the end of the query"},
		{"year:(abc) x", "(x)", 1,
		 "query position 7: year:abc is not a year or a range like 2019..2023; ignored"},
		{"x author:\"...\"", "(x)", 1, "query position 3: author: needs a name; ignored"},
		{"year:abc x", "(x)", 1,
		 "query position 1: year:abc is not a year or a range like 2019..2023; ignored"},
		{"year:2023..2019", "(+{year:2023..2019})", 0, "query position 1: year:2023..2019 read as year:2019..2023"},
		{"year:2023..x", "()", 0,
		 "query position 1: year:2023..x is not a year or a range like 2019..2023; ignored"},
		{"year:0", "()", 0, "query position 1: year:0 is not a year or a range like 2019..2023; ignored"},
		{"year:10000", "()", 0,
		 "query position 1: year:10000 is not a year or a range like 2019..2023; ignored"},
		{"has:data", "()", 0, "query position 1: has:data is not known (try has:code); ignored"},
		/* Invalid UTF-8 reads as spaces; positions are the query's. */
		{"ab\xff" "cd pruning", "(ab cd prune)", 1,
		 "query position 3: invalid UTF-8; the bad bytes are read as spaces"},
		{"caf\xe9 (x", "(caf x)", 1,
		 "query position 4: invalid UTF-8; the bad bytes are read as spaces\n"
		 "query position 6: unbalanced parenthesis: closed at the end of the query"},
		{"\xc3\xa9t\xc3\xa9 \xe2\x82", "(ete)", 1,
		 "query position 7: invalid UTF-8; the bad bytes are read as spaces"},
	};
	RUN(cases, 0);
}

/* Long and hostile inputs: bounded work, bounded warnings, no recursion
 * proportional to the input. */
static void test_long_and_hostile(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *q = malloc(n + 1);
	assert_non_null(q);
	char *ast, *warn;
	qp_query *pq;

	/* A 10,000-character query: the first 1024 words are kept; the 1025th,
	 * "neural" of the 342nd "graph neural network ", is at 341 * 21 + 7. */
	buf b = BUF_INIT;
	while (b.n < 10000)
		buf_puts(&b, "graph neural network ");
	pq = parse((const char *)b.p, 10000, 0, &ast, &warn);
	assert_string_equal(ast, "(graph^342 neural^341 network^341)");
	assert_string_equal(warn, "query position 7168: more than 1024 words; the rest of the query is ignored");
	free(ast);
	free(warn);
	qp_free(pq);

	/* One word of 20,000 CJK characters (a term each) and a phrase of
	 * 10,000 compounds stop at 1024 terms: the parser stays linear. */
	buf_clear(&b);
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "%s", (const char *[]){"深", "度", "学", "习", "网", "络"}[i % 6]);
	pq = parse((const char *)b.p, b.n, 0, &ast, &warn);
	assert_int_equal(pq->root->nkids, 6);
	assert_string_equal(warn, "query position 1: more than 1024 words; the rest of the query is ignored");
	free(ast);
	free(warn);
	qp_free(pq);
	buf_clear(&b);
	buf_putc(&b, '"');
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "xy-zw ");
	buf_putc(&b, '"');
	pq = parse((const char *)b.p, b.n, 0, &ast, &warn);
	assert_int_equal(pq->root->nkids, 1);
	assert_int_equal(pq->root->kids[0]->kind, QP_PHRASE);
	assert_true(pq->root->kids[0]->nterms[0] <= QP_MAX_TERMS);
	assert_string_equal(warn, "query position 1: more than 1024 words; the rest of the query is ignored");
	free(ast);
	free(warn);
	qp_free(pq);
	/* Filters count too. */
	buf_clear(&b);
	for (int i = 0; i < 1100; i++)
		buf_puts(&b, "year:2021 ");
	pq = parse((const char *)b.p, b.n, 0, &ast, &warn);
	assert_int_equal(pq->root->nkids, QP_MAX_TERMS);
	assert_string_equal(warn, "query position 10241: more than 1024 words; the rest of the query is ignored");
	free(ast);
	free(warn);
	qp_free(pq);
	buf_free(&b);

	/* One 10,000-letter word is no term. */
	memset(q, 'a', 10000);
	pq = parse(q, 10000, 0, &ast, &warn);
	assert_string_equal(ast, "()");
	assert_string_equal(warn, "query position 1: nothing to search for: only stopwords or punctuation");
	free(ast);
	free(warn);
	qp_free(pq);

	/* A million opening parentheses: nesting stops at 64. */
	memset(q, '(', n);
	q[n - 1] = 'x';
	pq = parse(q, n, 0, &ast, &warn);
	assert_int_equal(pq->nwarnings, QP_MAX_WARNINGS + 1);
	assert_string_equal(pq->warnings[0], "query position 65: parentheses nested too deep; inner ones ignored");
	assert_non_null(strstr(pq->warnings[QP_MAX_WARNINGS], "more warnings follow; only the first 16 are shown"));
	assert_non_null(strstr(ast, "x"));
	free(ast);
	free(warn);
	qp_free(pq);

	/* Alternating prefixes and parentheses. */
	for (size_t i = 0; i + 1 < n; i += 2) {
		q[i] = '-';
		q[i + 1] = '(';
	}
	q[n - 1] = 'x';
	pq = parse(q, n, 0, &ast, &warn);
	assert_int_equal(pq->nwarnings, QP_MAX_WARNINGS + 1);
	free(ast);
	free(warn);
	qp_free(pq);

	/* Every byte value, and pseudo-random bytes, in both modes. */
	for (size_t i = 0; i < 256; i++)
		q[i] = (char)i;
	uint32_t x = 12345;
	for (size_t i = 256; i < n; i++) {
		x = x * 1103515245u + 12345u;
		q[i] = (char)(x >> 24);
	}
	for (unsigned flags = 0; flags <= QP_PLAIN; flags++) {
		for (size_t len = 1; len <= n; len *= 4) {
			pq = parse(q, len, flags, &ast, &warn);
			assert_true(pq->nwarnings <= QP_MAX_WARNINGS + 1);
			free(ast);
			free(warn);
			qp_free(pq);
		}
	}
	free(q);
}

/* Batch topics are plain words: no operators, quotes, prefixes or fields. */
static void test_plain(void **state)
{
	(void)state;
	static const qcase cases[] = {
		{"TUNNEL DIODE CONSTRUCTION AND ITS", "(tunnel diod construct)", 1, ""},
		{"title:x \"y z\" (u OR v) -w +d", "(titl x y z u v w d)", 1, ""},
		{"what similarity laws must be obeyed", "(similar law must obey)", 1, ""},
		{"", "()", 0, "query position 1: empty query"},
	};
	RUN(cases, QP_PLAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_phrases),
		cmocka_unit_test(test_compounds),
		cmocka_unit_test(test_compound_variant_cap),
		cmocka_unit_test(test_boolean),
		cmocka_unit_test(test_fields_and_filters),
		cmocka_unit_test(test_filter_terms),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_long_and_hostile),
		cmocka_unit_test(test_plain),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
