/* byline — splitting author lines and turning "Last, First" around. */
#include "byline.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"

#define MAX_PARTS 8

typedef struct span {
	const char *p;
	size_t n;
} span;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static span trim(const char *s, size_t n)
{
	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	while (n && (is_blank(s[n - 1]) || s[n - 1] == ',' || s[n - 1] == ';'))
		n--;
	return (span){s, n};
}

static int is_suffix(span w)
{
	static const char *const sfx[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
					  "ph.d.", "phd", "m.d."};
	for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
		if (strlen(sfx[i]) == w.n && strncasecmp(sfx[i], w.p, w.n) == 0)
			return 1;
	return 0;
}

/* "tobak and allen." ends a sentence, not an initial: drop the full stop
 * when the last word has three or more characters and no other dot. */
static size_t drop_final_stop(const char *s, size_t n)
{
	if (n < 4 || s[n - 1] != '.')
		return n;
	size_t w = n - 1;
	while (w > 0 && s[w - 1] != ' ')
		w--;
	if (n - 1 - w < 3 || memchr(s + w, '.', n - 1 - w))
		return n;
	return n - 1;
}

static void put_span(buf *b, span w)
{
	if (b->n)
		buf_putc(b, ' ');
	buf_put(b, w.p, w.n);
}

void byl_push_name(rec_strv *out, const char *s, size_t n)
{
	buf sq = BUF_INIT, name = BUF_INIT;
	text_squash(&sq, s, n);
	if (sq.n == 0) {
		buf_free(&sq);
		return;
	}
	span all = trim((const char *)sq.p, sq.n);
	span part[MAX_PARTS];
	size_t np = 0;
	const char *p = all.p, *end = all.p + all.n;
	while (p < end && np < MAX_PARTS) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		if (!c || np == MAX_PARTS - 1)
			c = end;
		span w = trim(p, (size_t)(c - p));
		if (w.n)
			part[np++] = w;
		p = c + 1;
	}
	if (np == 1) {
		buf_put(&name, part[0].p, drop_final_stop(part[0].p, part[0].n));
	} else if (np > 1) {
		size_t last = np;
		if (is_suffix(part[np - 1]))
			last = np - 1;
		for (size_t i = 1; i < last; i++)
			put_span(&name, part[i]);
		put_span(&name, part[0]);
		for (size_t i = last; i < np; i++)
			put_span(&name, part[i]);
	}
	if (name.n)
		rec_strv_push(out, (const char *)name.p, name.n);
	buf_free(&sq);
	buf_free(&name);
}

/* Length of the separator " and " / " & " at s (0 when none). */
static size_t and_at(const char *s, size_t left)
{
	if (left >= 5 && s[0] == ' ' && strncasecmp(s + 1, "and", 3) == 0 && s[4] == ' ')
		return 5;
	if (left >= 3 && s[0] == ' ' && s[1] == '&' && s[2] == ' ')
		return 3;
	return 0;
}

void byl_split_and(rec_strv *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	size_t start = 0, i = 0;
	while (i < n) {
		size_t k = s[i] == ';' ? 1 : and_at(s + i, n - i);
		if (!k) {
			i++;
			continue;
		}
		byl_push_name(out, s + start, i - start);
		i += k;
		start = i;
	}
	byl_push_name(out, s + start, n - start);
}

void byl_split_commas(rec_strv *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	buf piece = BUF_INIT;
	int depth = 0;
	size_t i = 0;
	while (i <= n) {
		size_t k = i == n ? 1 : 0;
		if (!k && depth == 0)
			k = s[i] == ',' ? 1 : and_at(s + i, n - i);
		if (k) {
			byl_push_name(out, (const char *)piece.p, piece.n);
			buf_clear(&piece);
			i += k;
			continue;
		}
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			buf_putc(&piece, s[i]);
		i++;
	}
	buf_free(&piece);
}
