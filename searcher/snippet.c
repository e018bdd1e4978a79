/* snippet — choose the window holding the most distinct query terms, cut
 * it on word boundaries, and map the matched tokens into it. */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

typedef struct match {
	size_t start, end;
	size_t term;          /* index into the query terms */
} match;

typedef struct collect {
	const char *text;
	size_t text_n;
	const char *const *terms;
	size_t nterms;
	match *m;
	size_t n, cap;
} collect;

static int on_token(void *ctx, const an_token *t)
{
	collect *c = ctx;
	for (size_t i = 0; i < c->nterms; i++) {
		if (strlen(c->terms[i]) == t->len && memcmp(c->terms[i], t->term, t->len) == 0) {
			/* A compound ends with its last part: "SO(3" also takes the
			 * parenthesis it opened. */
			size_t end = t->end;
			int open = 0;
			for (size_t j = t->start; j < end; j++)
				open += (c->text[j] == '(') - (c->text[j] == ')');
			for (; open > 0 && end < c->text_n && c->text[end] == ')'; open--)
				end++;
			c->m = mem_grow(c->m, &c->cap, c->n + 1, sizeof *c->m);
			c->m[c->n++] = (match){t->start, end, i};
			break;
		}
	}
	return 0;
}

static int cmp_match(const void *a, const void *b)
{
	const match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end < y->end) - (x->end > y->end);
}

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Moves i back to the start of the word containing it (or to a space). */
static size_t word_start(const char *s, size_t i)
{
	size_t lim = i > 30 ? i - 30 : 0;
	size_t j = i;
	while (j > lim && s[j - 1] != ' ')
		j--;
	if (j == lim && lim > 0)
		j = i;
	while (j > 0 && is_cont((unsigned char)s[j]))
		j--;
	return j;
}

static size_t word_end(const char *s, size_t n, size_t i)
{
	size_t lim = i + 30 < n ? i + 30 : n;
	size_t j = i;
	while (j < lim && s[j] != ' ')
		j++;
	if (j == lim && lim < n)
		j = i;
	while (j < n && is_cont((unsigned char)s[j]))
		j++;
	return j;
}

int snip_make(an_analyzer *an, const char *text, size_t n, const char *const *terms,
	      size_t max_bytes, snip *out)
{
	memset(out, 0, sizeof *out);
	collect c = {.text = text, .text_n = n, .terms = terms};
	while (terms && terms[c.nterms])
		c.nterms++;
	int rc = an_analyze(an, text, n, on_token, &c);
	if (rc) {
		free(c.m);
		return rc;
	}
	if (c.n)
		qsort(c.m, c.n, sizeof *c.m, cmp_match);
	/* Best window: most distinct terms, then most matches, then earliest. */
	size_t best_start = 0, best_distinct = 0, best_count = 0;
	unsigned char *seen = mem_calloc(c.nterms + 1, 1);
	for (size_t i = 0; i < c.n; i++) {
		size_t ws = c.m[i].start > max_bytes / 5 ? c.m[i].start - max_bytes / 5 : 0;
		memset(seen, 0, c.nterms + 1);
		size_t distinct = 0, count = 0;
		for (size_t j = i; j < c.n && c.m[j].end <= ws + max_bytes; j++) {
			count++;
			if (!seen[c.m[j].term]) {
				seen[c.m[j].term] = 1;
				distinct++;
			}
		}
		if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
			best_distinct = distinct;
			best_count = count;
			best_start = ws;
		}
	}
	free(seen);
	size_t ws = best_start, we = ws + max_bytes;
	if (we >= n) {
		we = n;
		ws = n > max_bytes ? n - max_bytes : 0;
		if (best_count && c.n && ws > c.m[0].start && best_start < ws)
			ws = best_start;
	}
	if (ws > 0)
		ws = word_start(text, ws);
	if (we < n)
		we = word_end(text, n, we);
	while (ws < we && text[ws] == ' ')
		ws++;
	if (ws > 0)
		buf_puts(&out->text, "…");
	size_t shift = out->text.n;
	buf_put(&out->text, text + ws, we - ws);
	if (we < n)
		buf_puts(&out->text, "…");
	size_t cap = 0;
	for (size_t i = 0; i < c.n; i++) {
		if (c.m[i].start < ws || c.m[i].end > we)
			continue;
		size_t s = c.m[i].start - ws + shift, e = c.m[i].end - ws + shift;
		if (out->nhl && s <= out->hl[out->nhl - 1].end) {
			if (e > out->hl[out->nhl - 1].end)
				out->hl[out->nhl - 1].end = e;
			continue;
		}
		out->hl = mem_grow(out->hl, &cap, out->nhl + 1, sizeof *out->hl);
		out->hl[out->nhl++] = (snip_span){s, e};
	}
	free(c.m);
	return 0;
}

void snip_free(snip *s)
{
	buf_free(&s->text);
	free(s->hl);
	memset(s, 0, sizeof *s);
}

void snip_render(const snip *s, const char *open, const char *close, buf *out)
{
	size_t at = 0;
	for (size_t i = 0; i < s->nhl; i++) {
		buf_put(out, s->text.p + at, s->hl[i].start - at);
		buf_puts(out, open);
		buf_put(out, s->text.p + s->hl[i].start, s->hl[i].end - s->hl[i].start);
		buf_puts(out, close);
		at = s->hl[i].end;
	}
	buf_put(out, s->text.p + at, s->text.n - at);
}
