/* Unit tests for the analyzer: golden token lists (term, position, parts,
 * source span) for compounds, acronyms, Greek, LaTeX, stemming, stopwords,
 * possessives, diacritics and CJK; query/document equivalence; field
 * lengths; hostile input (invalid UTF-8, huge runs, deep nesting, 10 MB);
 * the settings line and the stoplist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libstemmer.h>

#include "analyzer.h"
#include "buf.h"

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

/* Renders every token as [+]term@pos[/nparts][source span]: "+" marks
 * AN_JOINED, the span is text[start, end). Also checks the invariants
 * every consumer relies on. */
typedef struct render {
	buf out;
	const char *text;
	size_t n;
	unsigned ntok, nplain;
} render;

static int on_token(void *ctx, const an_token *t)
{
	render *r = ctx;
	assert_true(t->start < t->end && t->end <= r->n);
	assert_true(t->len > 0 && t->len <= AN_MAX_TERM && strlen(t->term) == t->len);
	assert_true(t->surface_len > 0 && strlen(t->surface) == t->surface_len);
	assert_int_equal(t->nparts > 1, (t->flags & AN_JOINED) != 0);
	if (r->out.n)
		buf_putc(&r->out, ' ');
	buf_printf(&r->out, "%s%s@%u", t->flags & AN_JOINED ? "+" : "", t->term, t->pos);
	if (t->nparts != 1)
		buf_printf(&r->out, "/%u", t->nparts);
	buf_printf(&r->out, "[%.*s]", (int)(t->end - t->start), r->text + t->start);
	r->ntok++;
	if (!(t->flags & AN_JOINED))
		r->nplain++;
	return 0;
}

static void analyze(render *r, const char *text, size_t n)
{
	memset(r, 0, sizeof *r);
	r->text = text;
	r->n = n;
	assert_int_equal(an_analyze(an, text, n, on_token, r), 0);
}

typedef struct golden {
	const char *in, *want;
} golden;

static void check_golden(const golden *g, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		render r;
		analyze(&r, g[i].in, strlen(g[i].in));
		if (strcmp(r.out.p ? (char *)r.out.p : "", g[i].want) != 0)
			fail_msg("input: %s\n  want: %s\n  got:  %s", g[i].in, g[i].want,
				 r.out.p ? (char *)r.out.p : "");
		buf_free(&r.out);
	}
}

#define CHECK(table) check_golden(table, sizeof table / sizeof table[0])

static void test_compounds(void **state)
{
	(void)state;
	static const golden g[] = {
		{"self-supervised learning",
		 "self@0[self] supervis@1[supervised] +selfsupervis@1/2[self-supervised] learn@2[learning]"},
		/* Stopword parts keep their positions and stay in the joined term. */
		{"state-of-the-art results",
		 "state@0[state] art@3[art] +stateoftheart@3/4[state-of-the-art] result@4[results]"},
		{"GPT-4", "gpt@0[GPT] 4@1[4] +gpt4@1/2[GPT-4]"},
		{"SO(3)-equivariant networks",
		 "3@1[3] equivari@2[equivariant] +so3equivariant@2/3[SO(3)-equivariant] network@3[networks]"},
		{"((((SO(3))))", "3@1[3] +so3@1/2[SO(3]"},
		{"BERT-base", "bert@0[BERT] base@1[base] +bertbas@1/2[BERT-base]"},
		{"ResNet-50", "resnet@0[ResNet] 50@1[50] +resnet50@1/2[ResNet-50]"},
		{"β-VAE", "beta@0[β] vae@1[VAE] +betava@1/2[β-VAE]"},
		{"E-PMQ", "e@0[E] pmq@1[PMQ] +epmq@1/2[E-PMQ]"},
		{"M6-Rec", "m6@0[M6] rec@1[Rec] +m6rec@1/2[M6-Rec]"},
		{"COVID-19", "covid@0[COVID] 19@1[19] +covid19@1/2[COVID-19]"},
		/* U+2010 HYPHEN joins like the ASCII one. */
		{"self\xe2\x80\x90supervised",
		 "self@0[self] supervis@1[supervised] +selfsupervis@1/2[self\xe2\x80\x90supervised]"},
		/* Number ranges are not compounds. */
		{"from 2019-2020 in 3-5 days",
		 "2019@1[2019] 2020@2[2020] 3@4[3] 5@5[5] day@6[days]"},
		/* Dashes ("--", en dash) and spaced hyphens do not join. */
		{"Kullback--Leibler and Kullback\xe2\x80\x93Leibler",
		 "kullback@0[Kullback] leibler@1[Leibler] kullback@3[Kullback] leibler@4[Leibler]"},
		{"pre- and post-training",
		 "pre@0[pre] post@2[post] train@3[training] +posttrain@3/2[post-training]"},
		/* Parentheses join only a short run closed right after it. */
		{"model(s) f(x) SO(3, R)",
		 "model@0[model] s@1[s] +model@1/2[model(s] f@2[f] x@3[x] +fx@3/2[f(x] 3@5[3] r@6[R]"},
		/* "$" is transparent between parts. */
		{"$k$-means and $\\epsilon$-DP",
		 "k@0[k] mean@1[means] +kmean@1/2[k$-means] epsilon@3[\\epsilon] dp@4[DP] "
		 "+epsilondp@4/2[\\epsilon$-DP]"},
		/* Contractions are not compounds; other inner apostrophes are. */
		{"O'Brien rock'n'roll",
		 "o@0[O] brien@1[Brien] +obrien@1/2[O'Brien] rock@2[rock] n@3[n] roll@4[roll] "
		 "+rocknrol@4/3[rock'n'roll]"},
	};
	CHECK(g);
}

static void test_acronyms_and_numbers(void **state)
{
	(void)state;
	static const golden g[] = {
		{"L1 CIZSL++ LLMs GPUs QoS",
		 "l1@0[L1] cizsl@1[CIZSL] llm@2[LLMs] gpu@3[GPUs] qos@4[QoS]"},
		{"llms cnns", "llm@0[llms] cnn@1[cnns]"},
		{"U.S. e.g. 44.75 GPT-3.5-turbo 1,000",
		 "us@0[U.S] eg@1[e.g] 44.75@2[44.75] gpt@3[GPT] 3.5@4[3.5] turbo@5[turbo] "
		 "+gpt3.5turbo@5/3[GPT-3.5-turbo] 1@6[1] 000@7[000]"},
		/* Subscript digits belong to their symbol. */
		{"L_1 \\ell_1 \xe2\x84\x93" "1 l_{1}", "l1@0[L_1] l1@1[\\ell_1] l1@2[\xe2\x84\x93" "1] l1@3[l_{1]"},
		{"and/or 3.5. end", "3.5@2[3.5] end@3[end]"},
	};
	CHECK(g);
}

static void test_greek(void **state)
{
	(void)state;
	static const golden g[] = {
		{"β $\\beta$ Β \\Gamma µ \xf0\x9d\x9b\xbd",
		 "beta@0[β] beta@1[\\beta] beta@2[Β] gamma@3[\\Gamma] mu@4[µ] beta@5[\xf0\x9d\x9b\xbd]"},
		{"α-DPO", "alpha@0[α] dpo@1[DPO] +alphadpo@1/2[α-DPO]"},
		{"\\varepsilon-greedy",
		 "epsilon@0[\\varepsilon] greedi@1[greedy] +epsilongreedi@1/2[\\varepsilon-greedy]"},
	};
	CHECK(g);
}

static void test_latex(void **state)
{
	(void)state;
	static const golden g[] = {
		{"{\\em local training}", "local@0[local] train@1[training]"},
		{"\\textbf{LongPPL}", "longppl@0[LongPPL]"},
		{"$O(T^{\\xi+2/3})$", "o@0[O] t@1[T] xi@2[\\xi] 2@3[2] 3@4[3]"},
		{"\\emph{diverse domains}", "divers@0[diverse] domain@1[domains]"},
		{"\\mathcal{O}(n)", "o@0[O] n@1[n] +on@1/2[O}(n]"},
		/* Formatting inside a word is transparent. */
		{"\\textbf{R}ecoverable", "recover@0[R}ecoverable]"},
		{"Schr\\\"{o}dinger Fr\\'echet na{\\\"\\i}ve Erd\\H{o}s",
		 "schroding@0[Schr\\\"{o}dinger] frechet@1[Fr\\'echet] naiv@2[na{\\\"\\i}ve] "
		 "erdo@3[Erd\\H{o}s]"},
		/* "}{" separates; other commands are terms named after them. */
		{"\\frac{1}{2} \\cite{smith2019} 100\\% \\sqrt{n} \\log T",
		 "1@0[1] 2@1[2] smith2019@2[smith2019] 100@3[100] sqrt@4[\\sqrt] n@5[n] log@6[\\log] t@7[T]"},
		{"\\left( x \\right) \\\\ y", "x@0[x] y@1[y]"},
	};
	CHECK(g);
}

static void test_stemming_and_stopwords(void **state)
{
	(void)state;
	static const golden g[] = {
		{"networks supervised learning queries",
		 "network@0[networks] supervis@1[supervised] learn@2[learning] queri@3[queries]"},
		{"the cat is on the mat", "cat@1[cat] mat@5[mat]"},
		{"THE Cat IS", "cat@1[Cat]"},
		/* Words with digits are not stemmed. */
		{"mp3s 3ds", "mp3s@0[mp3s] 3ds@1[3ds]"},
	};
	CHECK(g);
}

static void test_possessives(void **state)
{
	(void)state;
	static const golden g[] = {
		{"the model's view", "model@1[model's] view@2[view]"},
		{"Occam\xe2\x80\x99s razor", "occam@0[Occam\xe2\x80\x99s] razor@1[razor]"},
		{"models' outputs", "model@0[models] output@1[outputs]"},
		/* Listed contractions are single stopwords, also with U+2019. */
		{"it's don't won\xe2\x80\x99t ok", "ok@3[ok]"},
		{"needn't", "needn@0[needn] t@1[t] +neednt@1/2[needn't]"},
	};
	CHECK(g);
}

static void test_diacritics_and_cjk(void **state)
{
	(void)state;
	static const golden g[] = {
		{"Taškova naïve Łukasz Ærø",
		 "taskova@0[Taškova] naiv@1[naïve] lukasz@2[Łukasz] aero@3[Ærø]"},
		/* Decomposed: i + U+0308 COMBINING DIAERESIS. */
		{"nai\xcc\x88ve", "naiv@0[nai\xcc\x88ve]"},
		{"\xef\xac\x81ne-tuning \xef\xbc\xa7\xef\xbc\xb0\xef\xbc\xb4",
		 "fine@0[\xef\xac\x81ne] tune@1[tuning] +finetun@1/2[\xef\xac\x81ne-tuning] "
		 "gpt@2[\xef\xbc\xa7\xef\xbc\xb0\xef\xbc\xb4]"},
		{"深度学习", "深@0[深] 度@1[度] 学@2[学] 习@3[习]"},
		{"GPT模型", "gpt@0[GPT] 模@1[模] 型@2[型]"},
		{"ひらがなカタカナ", "ひ@0[ひ] ら@1[ら] が@2[が] な@3[な] カ@4[カ] タ@5[タ] カ@6[カ] ナ@7[ナ]"},
		{"한국어", "한@0[한] 국@1[국] 어@2[어]"},
		/* Halfwidth katakana meet their usual form. */
		{"\xef\xbd\xb6\xef\xbe\x80 カタ", "カ@0[\xef\xbd\xb6] タ@1[\xef\xbe\x80] カ@2[カ] タ@3[タ]"},
	};
	CHECK(g);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const golden g[] = {
		{"abc\xff" "def", "abc@0[abc] def@1[def]"},
		/* A lone surrogate (U+D800 encoded) and an overlong "/". */
		{"x\xed\xa0\x80y p\xc0\xaf" "q", "x@0[x] y@1[y] p@2[p] q@3[q]"},
		{"caf\xc3", "caf@0[caf]"},
		{"\xc3", ""},
	};
	CHECK(g);
	static const char nul[] = "ab\0cd";
	render r;
	analyze(&r, nul, sizeof nul - 1);
	assert_string_equal((char *)r.out.p, "ab@0[ab] cd@1[cd]");
	buf_free(&r.out);
}

static void test_empty_and_punctuation(void **state)
{
	(void)state;
	render r;
	analyze(&r, NULL, 0);
	assert_int_equal(r.ntok, 0);
	const char *p = "!!! ... --- ((( ))) $$ {} \\\\ \xe2\x80\x94 ' \xe2\x80\x99 _ ^";
	analyze(&r, p, strlen(p));
	assert_int_equal(r.ntok, 0);
}

static int collect_spans(void *ctx, const an_token *t)
{
	buf_printf(ctx, "%zu-%zu ", t->start, t->end);
	return 0;
}

/* Byte offsets address the source exactly: multibyte characters, the 's
 * of a possessive and LaTeX commands included. */
static void test_offsets(void **state)
{
	(void)state;
	static const golden g[] = {
		/* F r é(2..3) c h e t | ’(8..10) s | β(13..14) - V A E */
		{"Fréchet’s β-VAE", "0-12 13-15 16-19 13-19 "},
		/* $ \beta(1..5) $ - x | \emph { y(16) } */
		{"$\\beta$-x \\emph{y}", "1-6 8-9 1-9 16-17 "},
	};
	for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
		buf b = BUF_INIT;
		assert_int_equal(an_analyze(an, g[i].in, strlen(g[i].in), collect_spans, &b), 0);
		assert_string_equal((char *)b.p, g[i].want);
		buf_free(&b);
	}
}

/* Field length = tokens without AN_JOINED: stopwords and joined forms do not
 * count, stopword positions do. */
static void test_field_length(void **state)
{
	(void)state;
	render r;
	const char *text = "The state-of-the-art model's performance";
	analyze(&r, text, strlen(text));
	assert_string_equal((char *)r.out.p,
			    "state@1[state] art@4[art] +stateoftheart@4/4[state-of-the-art] "
			    "model@5[model's] perform@6[performance]");
	assert_int_equal(r.nplain, 4);
	assert_int_equal(r.ntok, 5);
	buf_free(&r.out);
}

/* The term a query spells one way must meet the term a document spells
 * another way. Each row: the term, then forms that must all produce it. */
static void test_query_document_forms(void **state)
{
	(void)state;
	static const char *const rows[][8] = {
		{"beta", "β", "$\\beta$", "\\beta", "Β", "beta", "BETA", "\xf0\x9d\x9b\xbd"},
		{"taskova", "Taškova", "Taskova", "Ta\\v{s}kova", "TAŠKOVA"},
		{"naiv", "naïve", "naive", "na\\\"{\\i}ve", "nai\xcc\x88ve", "NAÏVE"},
		{"model", "model’s", "model's", "model", "models", "Models'"},
		{"network", "\\emph{networks}", "networks", "NETWORKS", "{\\bf network}"},
		{"selfsupervis", "self-supervised", "selfsupervised", "Self\xe2\x80\x91Supervised"},
		{"schroding", "Schrödinger", "Schr\\\"odinger", "Schr{\\\"o}dinger", "Schrodinger"},
		{"gpt4", "GPT-4", "gpt4", "GPT4", "\xef\xbc\xa7\xef\xbc\xb0\xef\xbc\xb4-\xef\xbc\x94"},
		{"llm", "LLMs", "LLM", "llms", "llm"},
		{"mu", "µ", "μ", "\\mu", "Μ"},
		{"l1", "ℓ1", "\\ell_1", "L1", "l_1", "ℓ₁"},
		{"so3", "SO(3)", "so3", "$SO(3)$", "\\mathrm{SO}(3)"},
		{"occam", "Occam’s", "Occam's", "occam"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		for (size_t j = 1; j < 8 && rows[i][j]; j++) {
			render r;
			analyze(&r, rows[i][j], strlen(rows[i][j]));
			char needle[80];
			snprintf(needle, sizeof needle, "%s@", rows[i][0]);
			const char *s = r.out.p ? (char *)r.out.p : "";
			int found = 0;
			for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
				if (p == s || p[-1] == ' ' || p[-1] == '+')
					found = 1;
			if (!found)
				fail_msg("%s does not produce %s: %s", rows[i][j], rows[i][0], s);
			buf_free(&r.out);
		}
}

static void test_long_runs(void **state)
{
	(void)state;
	char w64[AN_MAX_TERM + 1], w65[AN_MAX_TERM + 2];
	memset(w64, '7', AN_MAX_TERM);
	w64[AN_MAX_TERM] = 0;
	memset(w65, '7', AN_MAX_TERM + 1);
	w65[AN_MAX_TERM + 1] = 0;
	char text[256];
	snprintf(text, sizeof text, "a %s b %s c", w64, w65);
	render r;
	analyze(&r, text, strlen(text));
	char want[256];
	/* The 64-byte run is a term; the 65-byte one only holds position 3. */
	snprintf(want, sizeof want, "%s@1[%s] b@2[b] c@4[c]", w64, w64);
	assert_string_equal((char *)r.out.p, want);
	buf_free(&r.out);

	/* A 1 MB "word" between two words. */
	size_t n = (1u << 20) + 4;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memcpy(big, "x ", 2);
	memset(big + 2, 'q', n - 4);
	memcpy(big + n - 2, " y", 2);
	big[n] = 0;
	analyze(&r, big, n);
	assert_string_equal((char *)r.out.p, "x@0[x] y@2[y]");
	buf_free(&r.out);

	/* A joined form over the limit is dropped; its parts stay. */
	char comp[256];
	snprintf(comp, sizeof comp, "%.40s-%.40s", w64, w64);
	analyze(&r, comp, strlen(comp));
	assert_int_equal(r.ntok, 2);
	assert_int_equal(r.nplain, 2);
	buf_free(&r.out);

	/* A compound has at most 16 parts; the 17th starts a new one. */
	const char *chain = "q-q-q-q-q-q-q-q-q-q-q-q-q-q-q-q-q";
	analyze(&r, chain, strlen(chain));
	assert_int_equal(r.nplain, 17);
	assert_int_equal(r.ntok, 18);
	assert_non_null(strstr((char *)r.out.p, "+qqqqqqqqqqqqqqqq@15/16["));
	assert_non_null(strstr((char *)r.out.p, " q@16[q]"));
	buf_free(&r.out);
	free(big);
}

static void test_nesting_and_big_input(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *s = malloc(2 * depth + 2);
	assert_non_null(s);
	memset(s, '(', depth);
	s[depth] = 'x';
	memset(s + depth + 1, ')', depth);
	render r;
	analyze(&r, s, 2 * depth + 1);
	assert_string_equal((char *)r.out.p, "x@0[x]");
	buf_free(&r.out);
	free(s);

	/* 10 MB: every sentence yields the same tokens, positions run on. */
	static const char sent[] = "Self-supervised learning of β-VAE models. ";
	size_t len = sizeof sent - 1, reps = (10u << 20) / len;
	char *big = malloc(reps * len);
	assert_non_null(big);
	for (size_t i = 0; i < reps; i++)
		memcpy(big + i * len, sent, len);
	analyze(&r, big, reps * len);
	/* self supervis +selfsupervis learn beta vae +betava model */
	assert_int_equal(r.ntok, 8 * reps);
	assert_int_equal(r.nplain, 6 * reps);
	char tail[64];
	snprintf(tail, sizeof tail, "model@%zu[models]", 7 * reps - 1);
	assert_non_null(strstr((char *)r.out.p + r.out.n - 40, tail));
	buf_free(&r.out);
	free(big);
}

static int stop_after_two(void *ctx, const an_token *t)
{
	(void)t;
	int *count = ctx;
	return ++*count == 2 ? 42 : 0;
}

static void test_callback_stops(void **state)
{
	(void)state;
	int count = 0;
	const char *text = "one two three four";
	assert_int_equal(an_analyze(an, text, strlen(text), stop_after_two, &count), 42);
	assert_int_equal(count, 2);
	/* The analyzer is reusable after an interrupted run. */
	render r;
	analyze(&r, "later", 5);
	assert_string_equal((char *)r.out.p, "later@0[later]");
	buf_free(&r.out);
}

/* The list documented in docs/analyzer.md: Snowball's english stop.txt. */
static const char *const snowball_stop[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
	"aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
	"but", "by", "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't",
	"doing", "don't", "down", "during", "each", "few", "for", "from", "further", "had", "hadn't",
	"has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
	"here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm",
	"i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "let's", "me", "more",
	"most", "mustn't", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
	"other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't", "she",
	"she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
	"that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these",
	"they", "they'd", "they'll", "they're", "they've", "this", "those", "through", "to", "too",
	"under", "until", "up", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've",
	"were", "weren't", "what", "what's", "when", "when's", "where", "where's", "which", "while",
	"who", "who's", "whom", "why", "why's", "with", "won't", "would", "wouldn't", "you", "you'd",
	"you'll", "you're", "you've", "your", "yours", "yourself", "yourselves"
};

static void test_stopwords(void **state)
{
	(void)state;
	size_t count = sizeof snowball_stop / sizeof snowball_stop[0];
	assert_int_equal(count, 174);
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < count; i++) {
		assert_true(an_is_stopword(snowball_stop[i], strlen(snowball_stop[i])));
		for (const char *c = snowball_stop[i]; *c; c++) {
			h ^= (unsigned char)*c;
			h *= 16777619u;
		}
		h ^= '\n';
		h *= 16777619u;
	}
	/* Commented out in stop.txt, or only stopwords with their apostrophe. */
	static const char *const not_stop[] = {"us", "mine", "will", "can", "may", "must",
		"might", "dont", "id", "ill", "well", "shell", "model", "", "thes", "zzz"};
	for (size_t i = 0; i < sizeof not_stop / sizeof not_stop[0]; i++)
		assert_false(an_is_stopword(not_stop[i], strlen(not_stop[i])));
	/* The settings line names the list by its hash. */
	char want[64];
	snprintf(want, sizeof want, "stop=snowball-english/174/fnv1a32:%08x ", (unsigned)h);
	assert_non_null(strstr(an_settings(an), want));
}

static void test_settings(void **state)
{
	(void)state;
	const char *s = an_settings(an);
	assert_non_null(s);
	assert_null(strchr(s, '\n'));
	assert_int_equal(strncmp(s, "paperdex-analyzer/1 unicode=", 28), 0);
	assert_non_null(strstr(s, " fold=nfkc-casefold-nomarks stem=snowball-english "));
	assert_non_null(strstr(s, " maxterm=64 compounds greek latex cjk"));
	an_analyzer *other;
	assert_int_equal(an_open(&other), 0);
	assert_string_equal(an_settings(other), s);
	an_close(other);
	an_close(NULL);
}

/* Surfaces are the folded, unstemmed forms. */
static int collect_surfaces(void *ctx, const an_token *t)
{
	buf_printf(ctx, "%s/%s ", t->surface, t->term);
	return 0;
}

static void test_surfaces(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	const char *text = "Self-Supervised LLMs don't";
	assert_int_equal(an_analyze(an, text, strlen(text), collect_surfaces, &b), 0);
	assert_string_equal((char *)b.p,
			    "self/self supervised/supervis selfsupervised/selfsupervis llm/llm ");
	buf_free(&b);
}

/* The stem cache grows from 4,096 slots to 65,536 and is emptied when
 * full: 40,000 distinct words, each seen twice (the second time 1,000
 * words later, so hits come at every table size and after the emptying),
 * get libstemmer's stems, as with no cache. */
typedef struct stems {
	struct sb_stemmer *st;
	const char *const *word;  /* the words in text order */
	size_t i, bad;
} stems;

static int on_stem(void *ctx, const an_token *t)
{
	stems *s = ctx;
	const char *w = s->word[s->i++];
	const sb_symbol *want = sb_stemmer_stem(s->st, (const sb_symbol *)w, (int)strlen(w));
	size_t n = (size_t)sb_stemmer_length(s->st);
	if (t->len != n || memcmp(t->term, want, n) != 0) {
		if (s->bad++ < 5)
			print_error("%s: got %.*s, libstemmer %.*s\n", w, (int)t->len, t->term, (int)n, (const char *)want);
	}
	return 0;
}

/* an_term_of: the term of a one-word text, and nothing for anything else. */
static void test_term_of(void **state)
{
	(void)state;
	char term[AN_MAX_TERM + 1];
	size_t len = 99;
	assert_int_equal(an_term_of(an, "Convolutions", 12, term, &len), 1);
	assert_string_equal(term, "convolut");
	assert_int_equal(len, 8);
	assert_int_equal(an_term_of(an, "  transformer. ", 15, term, &len), 1);
	assert_string_equal(term, "transform");
	assert_int_equal(an_term_of(an, "GPT4", 4, term, &len), 1);
	assert_string_equal(term, "gpt4");
	assert_int_equal(an_term_of(an, "the", 3, term, &len), 0);
	assert_int_equal(an_term_of(an, "graph networks", 14, term, &len), 0);
	assert_int_equal(an_term_of(an, "self-supervised", 15, term, &len), 0);
	assert_int_equal(an_term_of(an, "", 0, term, &len), 0);
	assert_int_equal(len, 0);
}

static void test_stem_cache(void **state)
{
	(void)state;
	enum { N = 40000, LAG = 1000 };
	char (*word)[16] = malloc(N * sizeof *word);
	const char **order = malloc(2 * N * sizeof *order);
	assert_non_null(word);
	assert_non_null(order);
	/* "zo" and the number in letters: never a stopword, with a vowel
	 * (no acronym plural), often with an ending Porter2 strips. */
	for (unsigned i = 0; i < N; i++) {
		char *w = word[i];
		int n = snprintf(w, sizeof word[i], "zo");
		for (unsigned v = i; n < 14; v /= 26) {
			w[n++] = (char)('a' + v % 26);
			if (v < 26)
				break;
		}
		w[n] = '\0';
	}
	buf text = BUF_INIT;
	size_t k = 0;
	for (unsigned i = 0; i < N + LAG; i++) {
		if (i < N)
			order[k++] = word[i];
		if (i >= LAG)
			order[k++] = word[i - LAG];
	}
	assert_int_equal(k, 2 * N);
	for (size_t i = 0; i < k; i++)
		buf_printf(&text, "%s ", order[i]);
	an_analyzer *fresh;
	assert_int_equal(an_open(&fresh), 0);
	stems s = {sb_stemmer_new("english", "UTF_8"), order, 0, 0};
	assert_non_null(s.st);
	assert_int_equal(an_analyze(fresh, (const char *)text.p, text.n, on_stem, &s), 0);
	assert_int_equal(s.i, 2 * N);
	assert_int_equal(s.bad, 0);
	sb_stemmer_delete(s.st);
	an_close(fresh);
	buf_free(&text);
	free(order);
	free(word);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compounds),
		cmocka_unit_test(test_acronyms_and_numbers),
		cmocka_unit_test(test_greek),
		cmocka_unit_test(test_latex),
		cmocka_unit_test(test_stemming_and_stopwords),
		cmocka_unit_test(test_possessives),
		cmocka_unit_test(test_diacritics_and_cjk),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_empty_and_punctuation),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_field_length),
		cmocka_unit_test(test_query_document_forms),
		cmocka_unit_test(test_long_runs),
		cmocka_unit_test(test_nesting_and_big_input),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_surfaces),
		cmocka_unit_test(test_stem_cache),
		cmocka_unit_test(test_term_of),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
