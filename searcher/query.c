/* query — lexer, recursive-descent parser and normalization of the query
 * language described in query.h. Owns the AST it builds. */
#include "query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"
#include "names.h"
#include "store.h"
#include "text.h"

#define MAX_DEPTH 64   /* nested parentheses beyond this are flattened */

typedef enum tok_kind {
	T_END, T_WORD, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT, T_PLUS, T_MINUS
} tok_kind;

typedef struct tok {
	tok_kind kind;
	size_t pos;            /* byte offset in the query */
	const char *s;         /* T_WORD / T_PHRASE text (borrowed from the query) */
	size_t n;
	const char *field;     /* "name:" prefix of a word or phrase, or NULL */
	size_t field_n;
	size_t end;            /* byte offset just past the token */
} tok;

typedef struct parser {
	an_analyzer *an;
	const char *q;
	size_t n, i;
	tok cur;
	int have;
	qp_query *out;
	size_t nwords;
	int depth;
	int too_deep;          /* the nesting warning was given */
	int too_many;          /* the QP_MAX_TERMS warning was given */
	int plain;
	const char *scope;     /* "title" of an open "title:( ... )", or NULL */
	size_t scope_n;
} parser;

static void warn(parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(parser *p, size_t pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	qp_query *q = p->out;
	if (q->nwarnings > QP_MAX_WARNINGS)
		return;
	buf b = BUF_INIT;
	if (q->nwarnings == QP_MAX_WARNINGS)
		buf_printf(&b, "query position %zu: more warnings follow; only the first %d are shown", pos + 1,
			   QP_MAX_WARNINGS);
	else
		buf_printf(&b, "query position %zu: %s", pos + 1, msg);
	q->warnings = mem_realloc(q->warnings, (q->nwarnings + 1) * sizeof *q->warnings);
	q->warnings[q->nwarnings++] = (char *)b.p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_break(char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"';
}

static const char *const fields[] = {"title", "abstract", "author", "year", "category",
				     "cat", "venue", "has"};

static int known_field(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strlen(fields[i]) == n && strncmp(fields[i], s, n) == 0)
			return 1;
	return 0;
}

/* Reads a quoted phrase starting at the quote; returns its body. */
static void lex_phrase(parser *p, tok *t)
{
	size_t open = p->i++;
	const char *end = memchr(p->q + p->i, '"', p->n - p->i);
	t->kind = T_PHRASE;
	t->s = p->q + p->i;
	if (!end) {
		warn(p, open, "unbalanced quote: the phrase runs to the end of the query");
		t->n = p->n - p->i;
		p->i = p->n;
	} else {
		t->n = (size_t)(end - t->s);
		p->i += t->n + 1;
	}
}

/* "SO(3)", "f(x)": a parenthesis opened right after a word character and
 * closed before the next space or quote belongs to the word. Returns the
 * offset just past its ')', or i (the '(') when it is grouping. */
static size_t word_paren(const parser *p, size_t i)
{
	for (size_t j = i + 1; j < p->n; j++) {
		char c = p->q[j];
		if (c == ')')
			return j > i + 1 ? j + 1 : i;
		if (is_space(c) || c == '"' || c == '(')
			break;
	}
	return i;
}

/* A '+' or '-' with no word right after it. */
static int stray_sign(const parser *p)
{
	char c = p->q[p->i];
	return (c == '+' || c == '-') &&
	       (p->i + 1 == p->n || is_space(p->q[p->i + 1]) || p->q[p->i + 1] == ')');
}

/* "foo:bar" where foo looks like a field name but is none: searched as
 * words, which the user should know. */
static void check_field(parser *p, size_t start)
{
	size_t i = start;
	while (i < p->i && ((p->q[i] >= 'a' && p->q[i] <= 'z') || (p->q[i] >= 'A' && p->q[i] <= 'Z')))
		i++;
	if (i == p->i && i > start && p->i + 1 < p->n && !is_space(p->q[p->i + 1]) && p->q[p->i + 1] != '/')
		warn(p, start, "unknown field %.*s: (known: title abstract author year category venue has); "
			       "searched as words", (int)(i - start), p->q + start);
}

static tok lex_one(parser *p)
{
	tok t = {0};
	for (;;) {
		while (p->i < p->n && is_space(p->q[p->i]))
			p->i++;
		if (p->plain || p->i >= p->n || !stray_sign(p))
			break;
		warn(p, p->i, "'%c' without a word after it; ignored", p->q[p->i]);
		p->i++;
	}
	t.pos = p->i;
	if (p->i >= p->n) {
		t.kind = T_END;
		return t;
	}
	if (p->plain) {
		while (p->i < p->n && !is_space(p->q[p->i]))
			p->i++;
		t.kind = T_WORD;
		t.s = p->q + t.pos;
		t.n = p->i - t.pos;
		return t;
	}
	char c = p->q[p->i];
	if (c == '(' || c == ')') {
		t.kind = c == '(' ? T_LPAREN : T_RPAREN;
		p->i++;
		return t;
	}
	if (c == '"') {
		lex_phrase(p, &t);
		return t;
	}
	if (c == '+' || c == '-') {
		t.kind = c == '+' ? T_PLUS : T_MINUS;
		p->i++;
		return t;
	}
	size_t start = p->i;
	while (p->i < p->n && !is_break(p->q[p->i])) {
		/* field:value — value may be a phrase */
		if (p->q[p->i] == ':' && !known_field(p->q + start, p->i - start)) {
			check_field(p, start);
		} else if (p->q[p->i] == ':') {
			t.field = p->q + start;
			t.field_n = p->i - start;
			p->i++;
			if (p->i < p->n && p->q[p->i] == '"') {
				lex_phrase(p, &t);
				return t;
			}
			start = p->i;
			continue;
		}
		p->i++;
		if (p->i < p->n && p->q[p->i] == '(')
			p->i = word_paren(p, p->i);
	}
	/* "title:(graph OR network)": the field opens a group it applies to. */
	if (t.field && p->i == start && p->i < p->n && p->q[p->i] == '(') {
		t.kind = T_LPAREN;
		p->i++;
		return t;
	}
	t.kind = T_WORD;
	t.s = p->q + start;
	t.n = p->i - start;
	if (!t.field && t.n == 3 && memcmp(t.s, "AND", 3) == 0)
		t.kind = T_AND;
	else if (!t.field && t.n == 2 && memcmp(t.s, "OR", 2) == 0)
		t.kind = T_OR;
	else if (!t.field && t.n == 3 && memcmp(t.s, "NOT", 3) == 0)
		t.kind = T_NOT;
	else if (!t.field && t.n == 2 && (memcmp(t.s, "&&", 2) == 0))
		t.kind = T_AND;
	else if (!t.field && t.n == 2 && (memcmp(t.s, "||", 2) == 0))
		t.kind = T_OR;
	return t;
}

static tok lex(parser *p)
{
	tok t = lex_one(p);
	t.end = p->i;
	return t;
}

static tok *peek(parser *p)
{
	if (!p->have) {
		p->cur = lex(p);
		p->have = 1;
	}
	return &p->cur;
}

static tok take(parser *p)
{
	peek(p);
	p->have = 0;
	return p->cur;
}

static qp_node *node_new(qp_kind kind, size_t pos)
{
	qp_node *n = mem_calloc(1, sizeof *n);
	n->kind = kind;
	n->pos = pos;
	n->fields = QP_ALLFIELDS;
	n->weight = 1;
	return n;
}

static void node_free(qp_node *n)
{
	if (!n)
		return;
	free(n->term);
	free(n->surface);
	for (size_t v = 0; v < n->nvariants; v++) {
		for (size_t i = 0; i < n->nterms[v]; i++) {
			free(n->pterms[v][i].term);
			free(n->pterms[v][i].surface);
		}
		free(n->pterms[v]);
	}
	for (size_t i = 0; i < n->nany; i++)
		free(n->any[i]);
	free(n->any);
	for (size_t i = 0; i < n->nall; i++)
		free(n->all[i]);
	free(n->all);
	free(n->label);
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n);
}

static void add_kid(qp_node *b, qp_node *k)
{
	b->kids = mem_realloc(b->kids, (b->nkids + 1) * sizeof *b->kids);
	b->kids[b->nkids++] = k;
}

/* Analyzed tokens of a word or phrase. */
typedef struct atok {
	char *term, *surface;
	uint32_t pos, nparts;
	unsigned flags;
} atok;

typedef struct atoks {
	atok *v;
	size_t n, cap;
	size_t max;            /* analysis stops at this many tokens */
} atoks;

static int collect(void *ctx, const an_token *t)
{
	atoks *a = ctx;
	if (a->n == a->max)
		return 1;
	a->v = mem_grow(a->v, &a->cap, a->n + 1, sizeof *a->v);
	a->v[a->n++] = (atok){mem_strndup(t->term, t->len), mem_strndup(t->surface, t->surface_len),
			      t->pos, t->nparts, t->flags};
	return 0;
}

static void atoks_free(atoks *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].term);
		free(a->v[i].surface);
	}
	free(a->v);
}

static void too_many(parser *p, size_t pos)
{
	p->nwords = QP_MAX_TERMS;
	if (!p->too_many++)
		warn(p, pos, "more than %d words; the rest of the query is ignored", QP_MAX_TERMS);
}

/* Analyzes a word or phrase within what is left of the query's
 * QP_MAX_TERMS words, so that one long CJK run or phrase cannot make the
 * parser (and the engine) quadratic. */
static void analyze(parser *p, const char *s, size_t n, size_t pos, atoks *a)
{
	a->max = QP_MAX_TERMS - p->nwords;
	if (an_analyze(p->an, s, n, collect, a))
		too_many(p, pos);
	else
		p->nwords += a->n;
}

static qp_node *term_node(const atok *t, unsigned fields, size_t pos)
{
	qp_node *n = node_new(QP_TERM, pos);
	n->term = mem_strdup(t->term);
	n->surface = mem_strdup(t->surface);
	n->fields = fields;
	return n;
}

static int cmp_pterm(const void *a, const void *b)
{
	const qp_pterm *x = a, *y = b;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* A compound of a phrase: its joined token, the positions its parts span
 * and how many of its parts are left after stopwords. */
typedef struct compound {
	size_t tok;
	uint32_t first, last, parts;
} compound;

static int same_variant(const qp_node *n, size_t v, const qp_pterm *pt, size_t k)
{
	if (n->nterms[v] != k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (n->pterms[v][i].offset != pt[i].offset || strcmp(n->pterms[v][i].term, pt[i].term) != 0)
			return 0;
	return 1;
}

/* A phrase from analyzed tokens. Each of the first three compounds is
 * looked for both ways a paper may spell it, giving up to 8 variants:
 * - apart or hyphenated ("self supervised", "SO(3)"): by its parts, or
 *   when fewer than two parts survive the stopwords ("so" is one) by its
 *   joined form at the last part's position, where the analyzer puts it;
 * - as one word ("selfsupervised", "SO3"): the joined form on a single
 *   position, so the words after it move up by the positions the parts
 *   took. Later compounds are looked for the first way only. */
static qp_node *phrase_node(const atoks *a, unsigned fields, size_t pos)
{
	if (a->n == 0)
		return NULL;
	compound *c = mem_calloc(a->n, sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < a->n; i++) {
		const atok *t = &a->v[i];
		if (!(t->flags & AN_JOINED))
			continue;
		compound *m = &c[nc++];
		*m = (compound){i, t->pos + 1 - t->nparts, t->pos, 0};
		for (size_t j = 0; j < a->n; j++)
			if (!(a->v[j].flags & AN_JOINED) && a->v[j].pos >= m->first && a->v[j].pos <= m->last)
				m->parts++;
	}
	size_t nvary = nc < 3 ? nc : 3;
	qp_node *n = node_new(QP_PHRASE, pos);
	n->fields = fields;
	for (size_t v = 0; v < (size_t)1 << nvary; v++) {
		qp_pterm *pt = mem_calloc(a->n, sizeof *pt);
		size_t k = 0;
		for (size_t i = 0; i < a->n; i++) {
			const atok *t = &a->v[i];
			uint32_t shift = 0;
			int use = 1;
			for (size_t j = 0; j < nc; j++) {
				const compound *m = &c[j];
				int one_word = j < nvary && (v >> j & 1);
				if (one_word && (m->last < t->pos || m->tok == i))
					shift += m->last - m->first;
				if (m->tok == i)
					use = one_word || m->parts < 2;
				else if (!(t->flags & AN_JOINED) && t->pos >= m->first && t->pos <= m->last)
					use = !one_word && m->parts >= 2;
			}
			if (use)
				pt[k++] = (qp_pterm){mem_strdup(t->term), mem_strdup(t->surface), t->pos - shift};
		}
		qsort(pt, k, sizeof *pt, cmp_pterm);
		uint32_t base = pt[0].offset;
		for (size_t i = 0; i < k; i++)
			pt[i].offset -= base;
		int dup = 0;
		for (size_t w = 0; w < n->nvariants && !dup; w++)
			dup = same_variant(n, w, pt, k);
		if (dup) {
			for (size_t i = 0; i < k; i++) {
				free(pt[i].term);
				free(pt[i].surface);
			}
			free(pt);
			continue;
		}
		n->pterms[n->nvariants] = pt;
		n->nterms[n->nvariants++] = k;
	}
	free(c);
	/* One spelling of one word: a plain term. */
	if (n->nvariants == 1 && n->nterms[0] == 1) {
		for (size_t i = 0; i < a->n; i++) {
			if (strcmp(a->v[i].term, n->pterms[0][0].term) == 0) {
				node_free(n);
				return term_node(&a->v[i], fields, pos);
			}
		}
	}
	return n;
}

/* A bare word: one term, a compound (parts + joined), or several tokens
 * (CJK). Required/excluded compounds must match as a unit: a phrase. */
static qp_node *word_node(parser *p, const char *s, size_t n, unsigned fields, size_t pos, int occur)
{
	atoks a = {0};
	analyze(p, s, n, pos, &a);
	qp_node *res = NULL;
	if (a.n == 1) {
		res = term_node(&a.v[0], fields, pos);
	} else if (a.n > 1) {
		if (occur != QP_SHOULD) {
			res = phrase_node(&a, fields, pos);
		} else {
			res = node_new(QP_BOOL, pos);
			for (size_t i = 0; i < a.n; i++) {
				qp_node *t = term_node(&a.v[i], fields, pos);
				t->occur = QP_SHOULD;
				add_kid(res, t);
			}
		}
	}
	atoks_free(&a);
	return res;
}

/* A filter labelled with the whole token as typed ("year:2019..2023"),
 * its field written in when it came from a group ("venue:(a OR b)"). */
static qp_node *filter_node(const parser *p, const tok *t)
{
	qp_node *n = node_new(QP_FILTER, t->pos);
	buf label = BUF_INIT;
	if (t->field < p->q + t->pos)
		buf_printf(&label, "%.*s:", (int)t->field_n, t->field);
	buf_put(&label, p->q + t->pos, t->end - t->pos);
	buf_putc(&label, '\0');
	n->label = (char *)label.p;
	n->occur = QP_MUST;
	return n;
}

static void filter_add(char ***v, size_t *n, int kind, const char *s, size_t len)
{
	buf b = BUF_INIT;
	store_meta_term(&b, kind, s, len);
	*v = mem_realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (char *)b.p;
}

static int parse_year(const char *s, size_t n, int *out)
{
	if (n == 0 || n > 4)
		return 0;
	int y = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	*out = y;
	return 1;
}

static qp_node *year_filter(parser *p, const tok *t, const char *v, size_t n)
{
	int lo = 0, hi = 0, ok = 0, swapped = 0;
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < n; i++)
		if (v[i] == '.' && v[i + 1] == '.')
			dots = v + i;
	if (dots) {
		size_t a = (size_t)(dots - v), b = n - a - 2;
		ok = (a == 0 || parse_year(v, a, &lo)) && (b == 0 || parse_year(dots + 2, b, &hi)) && (a || b);
		if (a == 0)
			lo = 1;
		if (b == 0)
			hi = 9999;
		if (ok && a && b && lo > hi) {
			int y = lo;
			lo = hi;
			hi = y;
			swapped = 1;
		}
	} else if (n > 1 && (v[0] == '>' || v[0] == '<')) {
		int eq = n > 2 && v[1] == '=';
		int y = 0;
		ok = parse_year(v + 1 + eq, n - 1 - (size_t)eq, &y);
		if (v[0] == '>') {
			lo = eq ? y : y + 1;
			hi = 9999;
		} else {
			lo = 1;
			hi = eq ? y : y - 1;
		}
	} else {
		ok = parse_year(v, n, &lo);
		hi = lo;
	}
	if (!ok || lo < 1 || hi > 9999 || lo > hi) {
		warn(p, t->pos, "year:%.*s is not a year or a range like 2019..2023; ignored", (int)n, v);
		return NULL;
	}
	if (swapped)
		warn(p, t->pos, "year:%.*s read as year:%d..%d", (int)n, v, lo, hi);
	qp_node *f = filter_node(p, t);
	f->year_lo = lo;
	f->year_hi = hi;
	return f;
}

static qp_node *field_node(parser *p, const tok *t, int occur)
{
	const char *f = t->field, *v = t->s;
	size_t fn = t->field_n, n = t->n;
	if (n == 0) {
		warn(p, t->pos, "%.*s: has no value; ignored", (int)fn, f);
		return NULL;
	}
	if ((fn == 5 && strncmp(f, "title", 5) == 0) || (fn == 8 && strncmp(f, "abstract", 8) == 0)) {
		unsigned fields = f[0] == 't' ? QP_TITLE : QP_ABSTRACT;
		if (t->kind == T_PHRASE) {
			atoks a = {0};
			analyze(p, v, n, t->pos, &a);
			qp_node *r = phrase_node(&a, fields, t->pos);
			atoks_free(&a);
			return r;
		}
		return word_node(p, v, n, fields, t->pos, occur);
	}
	if (fn == 4 && strncmp(f, "year", 4) == 0)
		return year_filter(p, t, v, n);
	qp_node *q = filter_node(p, t);
	if (fn == 6 && strncmp(f, "author", 6) == 0) {
		buf key = BUF_INIT;
		name_key(v, n, &key);
		if (key.n == 0) {
			buf_free(&key);
			node_free(q);
			warn(p, t->pos, "author: needs a name; ignored");
			return NULL;
		}
		q->author = 1;
		filter_add(&q->any, &q->nany, STORE_META_AUTHOR, (const char *)key.p, key.n);
		const char *w = (const char *)key.p, *end = w + key.n;
		while (w < end) {
			const char *sp = memchr(w, ' ', (size_t)(end - w));
			size_t wl = sp ? (size_t)(sp - w) : (size_t)(end - w);
			filter_add(&q->all, &q->nall, STORE_META_NAME, w, wl);
			w += wl + 1;
		}
		buf_free(&key);
	} else if ((fn == 8 && strncmp(f, "category", 8) == 0) || (fn == 3 && strncmp(f, "cat", 3) == 0)) {
		filter_add(&q->any, &q->nany, STORE_META_CATEGORY, v, n);
	} else if (fn == 5 && strncmp(f, "venue", 5) == 0) {
		filter_add(&q->any, &q->nany, STORE_META_VENUE, v, n);
	} else if (n == 4 && strncasecmp(v, "code", 4) == 0) {
		filter_add(&q->any, &q->nany, STORE_META_CODE, "code", 4);
	} else {
		warn(p, t->pos, "has:%.*s is not known (try has:code); ignored", (int)n, v);
		node_free(q);
		return NULL;
	}
	return q;
}

static qp_node *parse_or(parser *p);

/* One operand, with its occur set from a prefix (+, -, NOT). */
static qp_node *parse_unary(parser *p)
{
	int occur = QP_SHOULD;
	for (;;) {
		tok *t = peek(p);
		if (t->kind == T_PLUS) {
			occur = QP_MUST;
		} else if (t->kind == T_MINUS || t->kind == T_NOT) {
			occur = QP_MUST_NOT;
		} else if (t->kind == T_LPAREN && p->depth >= MAX_DEPTH) {
			/* Skipped here, in a loop: a million of them must not recurse. */
			if (!p->too_deep++)
				warn(p, t->pos, "parentheses nested too deep; inner ones ignored");
		} else {
			break;
		}
		take(p);
	}
	tok t = take(p);
	qp_node *n = NULL;
	switch (t.kind) {
	case T_LPAREN: {
		const char *scope = p->scope;
		size_t scope_n = p->scope_n;
		if (t.field) {
			p->scope = t.field;
			p->scope_n = t.field_n;
		}
		p->depth++;
		n = parse_or(p);
		p->depth--;
		p->scope = scope;
		p->scope_n = scope_n;
		if (peek(p)->kind == T_RPAREN)
			take(p);
		else
			warn(p, t.pos, "unbalanced parenthesis: closed at the end of the query");
		break;
	}
	case T_PHRASE:
	case T_WORD:
		if (p->nwords >= QP_MAX_TERMS) {
			too_many(p, t.pos);
			return NULL;
		}
		if (!t.field && p->scope) {
			t.field = p->scope;
			t.field_n = p->scope_n;
		}
		if (t.field) {
			n = field_node(p, &t, occur);
			/* A filter counts as a word. */
			if (n && n->kind == QP_FILTER)
				p->nwords++;
		} else if (t.kind == T_WORD) {
			n = word_node(p, t.s, t.n, QP_ALLFIELDS, t.pos, occur);
		} else {
			atoks a = {0};
			analyze(p, t.s, t.n, t.pos, &a);
			n = phrase_node(&a, QP_ALLFIELDS, t.pos);
			atoks_free(&a);
		}
		break;
	case T_END:
		if (occur != QP_SHOULD)
			warn(p, t.pos, "operator at the end of the query; ignored");
		return NULL;
	default:
		warn(p, t.pos, "unexpected %s; ignored",
		     t.kind == T_RPAREN ? "')'" : t.kind == T_AND ? "AND" : t.kind == T_OR ? "OR" : "operator");
		return NULL;
	}
	if (n && n->kind != QP_FILTER)
		n->occur = occur;
	else if (n && occur == QP_MUST_NOT)
		n->occur = QP_MUST_NOT;
	return n;
}

static int starts_operand(tok_kind k)
{
	return k == T_WORD || k == T_PHRASE || k == T_LPAREN || k == T_PLUS || k == T_MINUS || k == T_NOT;
}

/* unary (AND unary)*: a group whose plain operands are required. */
static qp_node *parse_and(parser *p)
{
	qp_node *first = parse_unary(p);
	if (peek(p)->kind != T_AND)
		return first;
	qp_node *b = node_new(QP_BOOL, first ? first->pos : peek(p)->pos);
	if (first) {
		if (first->occur == QP_SHOULD)
			first->occur = QP_MUST;
		add_kid(b, first);
	}
	while (peek(p)->kind == T_AND) {
		tok op = take(p);
		if (!starts_operand(peek(p)->kind)) {
			warn(p, op.pos, "AND without a right operand; ignored");
			break;
		}
		qp_node *k = parse_unary(p);
		if (k) {
			if (k->occur == QP_SHOULD)
				k->occur = QP_MUST;
			add_kid(b, k);
		}
	}
	return b;
}

/* Filters restrict: "x year:2021" is x among the papers of 2021. Filters
 * joined by an explicit OR are alternatives instead: the run of clauses
 * b->kids[from..] becomes one required group in which they are optional
 * ("year:2021 OR year:2022"). */
static void or_run(qp_node *b, size_t from)
{
	int filters = 0;
	for (size_t i = from; i < b->nkids; i++)
		filters |= b->kids[i]->kind == QP_FILTER && b->kids[i]->occur == QP_MUST;
	if (b->nkids - from < 2 || !filters)
		return;
	qp_node *g = node_new(QP_BOOL, b->kids[from]->pos);
	g->occur = QP_MUST;
	for (size_t i = from; i < b->nkids; i++) {
		qp_node *k = b->kids[i];
		if (k->kind == QP_FILTER && k->occur == QP_MUST)
			k->occur = QP_SHOULD;
		add_kid(g, k);
	}
	b->nkids = from;
	add_kid(b, g);
}

static qp_node *parse_or(parser *p)
{
	qp_node *b = node_new(QP_BOOL, peek(p)->pos);
	size_t run = 0;   /* first clause of the current run joined by OR */
	int joined = 0;   /* an OR came right before the next clause */
	for (;;) {
		tok *t = peek(p);
		if (t->kind == T_END || (t->kind == T_RPAREN && p->depth > 0))
			break;
		if (t->kind == T_OR) {
			tok op = take(p);
			if (b->nkids == 0 || !starts_operand(peek(p)->kind))
				warn(p, op.pos, "OR without two operands; ignored");
			else
				joined = 1;
			continue;
		}
		if (t->kind == T_AND || t->kind == T_RPAREN) {
			tok op = take(p);
			warn(p, op.pos, "unexpected %s; ignored", op.kind == T_AND ? "AND" : "')'");
			continue;
		}
		qp_node *k = parse_and(p);
		if (k) {
			if (!joined) {
				or_run(b, run);
				run = b->nkids;
			}
			add_kid(b, k);
		}
		joined = 0;
	}
	or_run(b, run);
	return b;
}

static int is_should_bool(const qp_node *n)
{
	if (n->kind != QP_BOOL)
		return 0;
	for (size_t i = 0; i < n->nkids; i++)
		if (n->kids[i]->occur != QP_SHOULD)
			return 0;
	return 1;
}

/* Flattens SHOULD-only groups into their parent, merges repeated terms
 * into one with a query term frequency, drops empty groups. */
static void normalize(qp_node *b)
{
	if (b->kind != QP_BOOL)
		return;
	qp_node **kids = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < b->nkids; i++) {
		qp_node *k = b->kids[i];
		normalize(k);
		if (k->kind == QP_BOOL && k->nkids == 0) {
			node_free(k);
			continue;
		}
		if (k->kind == QP_BOOL && k->nkids == 1 && k->occur != QP_MUST_NOT) {
			qp_node *only = k->kids[0];
			if (only->occur == QP_SHOULD || k->occur == QP_SHOULD) {
				only->occur = k->occur == QP_SHOULD ? only->occur : k->occur;
				k->nkids = 0;
				node_free(k);
				k = only;
			}
		}
		if (k->occur == QP_SHOULD && is_should_bool(k)) {
			for (size_t j = 0; j < k->nkids; j++) {
				kids = mem_grow(kids, &cap, n + 1, sizeof *kids);
				kids[n++] = k->kids[j];
			}
			k->nkids = 0;
			node_free(k);
			continue;
		}
		kids = mem_grow(kids, &cap, n + 1, sizeof *kids);
		kids[n++] = k;
	}
	/* Repeated SHOULD terms: one term weighted by its query frequency. */
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		qp_node *k = kids[i];
		int merged = 0;
		if (k->kind == QP_TERM && k->occur == QP_SHOULD) {
			for (size_t j = 0; j < m && !merged; j++) {
				qp_node *o = kids[j];
				if (o->kind == QP_TERM && o->occur == QP_SHOULD && o->fields == k->fields &&
				    strcmp(o->term, k->term) == 0) {
					o->weight += k->weight;
					merged = 1;
				}
			}
		}
		if (merged)
			node_free(k);
		else
			kids[m++] = k;
	}
	free(b->kids);
	b->kids = kids;
	b->nkids = m;
}

int qp_parse(an_analyzer *an, const char *q, size_t n, unsigned flags, qp_query **out)
{
	parser p = {.an = an, .q = q, .n = n, .plain = (flags & QP_PLAIN) != 0};
	p.out = mem_calloc(1, sizeof *p.out);
	size_t bad;
	buf clean = BUF_INIT;
	if (!text_utf8_valid(q, n, &bad)) {
		/* Bad bytes read as spaces, as the analyzer reads them in papers;
		 * positions in messages stay those of the query. */
		warn(&p, bad, "invalid UTF-8; the bad bytes are read as spaces");
		const unsigned char *s = (const unsigned char *)q;
		for (size_t i = 0; i < n;) {
			int32_t cp;
			size_t k = text_utf8_next(s + i, n - i, &cp);
			if (cp != 0xFFFD || (k == 3 && s[i] == 0xEF))
				buf_put(&clean, s + i, k);
			else
				for (size_t j = 0; j < k; j++)
					buf_putc(&clean, ' ');
			i += k;
		}
		p.q = (const char *)clean.p;
		p.n = clean.n;
	}
	p.out->root = parse_or(&p);
	normalize(p.out->root);
	if (p.out->root->nkids == 0 && p.nwords == 0 && p.out->nwarnings == 0) {
		size_t i = 0;
		while (i < p.n && is_space(p.q[i]))
			i++;
		if (i < p.n)
			warn(&p, i, "nothing to search for: only stopwords or punctuation");
		else
			warn(&p, 0, "empty query");
	}
	buf_free(&clean);
	*out = p.out;
	return 0;
}

void qp_free(qp_query *q)
{
	if (!q)
		return;
	node_free(q->root);
	for (size_t i = 0; i < q->nwarnings; i++)
		free(q->warnings[i]);
	free(q->warnings);
	free(q);
}

qp_query *qp_bag_new(void)
{
	qp_query *q = mem_calloc(1, sizeof *q);
	q->root = node_new(QP_BOOL, 0);
	return q;
}

void qp_bag_add(qp_query *q, const char *term, const char *surface, double weight)
{
	qp_node *n = node_new(QP_TERM, 0);
	n->term = mem_strdup(term);
	n->surface = surface ? mem_strdup(surface) : NULL;
	n->weight = weight;
	n->occur = QP_SHOULD;
	add_kid(q->root, n);
}

static char **strv_clone(char *const *v, size_t n)
{
	if (!n)
		return NULL;
	char **c = mem_calloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i] = mem_strdup(v[i]);
	return c;
}

static qp_node *node_clone(const qp_node *n)
{
	qp_node *c = mem_calloc(1, sizeof *c);
	*c = *n;
	c->term = n->term ? mem_strdup(n->term) : NULL;
	c->surface = n->surface ? mem_strdup(n->surface) : NULL;
	c->label = n->label ? mem_strdup(n->label) : NULL;
	for (size_t v = 0; v < n->nvariants; v++) {
		c->pterms[v] = mem_calloc(n->nterms[v] + 1, sizeof *c->pterms[v]);
		for (size_t i = 0; i < n->nterms[v]; i++)
			c->pterms[v][i] = (qp_pterm){mem_strdup(n->pterms[v][i].term),
						     mem_strdup(n->pterms[v][i].surface), n->pterms[v][i].offset};
	}
	c->any = strv_clone(n->any, n->nany);
	c->all = strv_clone(n->all, n->nall);
	c->kids = n->nkids ? mem_calloc(n->nkids, sizeof *c->kids) : NULL;
	for (size_t i = 0; i < n->nkids; i++)
		c->kids[i] = node_clone(n->kids[i]);
	return c;
}

void qp_copy_constraints(qp_query *dst, const qp_query *src)
{
	for (size_t i = 0; i < src->root->nkids; i++) {
		const qp_node *k = src->root->kids[i];
		if (k->occur == QP_MUST_NOT || k->kind == QP_FILTER)
			add_kid(dst->root, node_clone(k));
	}
}

int qp_is_bag(const qp_query *q)
{
	const qp_node *r = q->root;
	size_t should = 0;
	for (size_t i = 0; i < r->nkids; i++) {
		const qp_node *k = r->kids[i];
		if (k->kind == QP_FILTER && k->occur == QP_MUST)
			continue;
		if (k->occur == QP_MUST_NOT && (k->kind == QP_TERM || k->kind == QP_FILTER))
			continue;
		if (k->kind != QP_TERM || k->occur != QP_SHOULD)
			return 0;
		should++;
	}
	return should > 0;
}

const char *qp_field_name(unsigned fields)
{
	return fields == QP_TITLE ? "title" : "abstract";
}

static void render(const qp_node *n, buf *out)
{
	static const char *const occ[] = {"", "+", "-"};
	buf_puts(out, occ[n->occur]);
	if (n->fields != QP_ALLFIELDS)
		buf_printf(out, "%s:", qp_field_name(n->fields));
	switch (n->kind) {
	case QP_TERM:
		buf_puts(out, n->term);
		if (n->weight != 1)
			buf_printf(out, "^%g", n->weight);
		break;
	case QP_PHRASE:
		for (size_t v = 0; v < n->nvariants; v++) {
			buf_puts(out, v ? "|\"" : "\"");
			for (size_t i = 0; i < n->nterms[v]; i++)
				buf_printf(out, "%s%s@%u", i ? " " : "", n->pterms[v][i].term, n->pterms[v][i].offset);
			buf_putc(out, '"');
		}
		break;
	case QP_FILTER:
		buf_printf(out, "{%s}", n->label);
		break;
	case QP_BOOL:
		buf_putc(out, '(');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				buf_putc(out, ' ');
			render(n->kids[i], out);
		}
		buf_putc(out, ')');
		break;
	}
}

void qp_render(const qp_query *q, buf *out)
{
	render(q->root, out);
}
