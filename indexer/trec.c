/* trec — TREC SGML document files: <DOC> elements, one record each.
 *
 *   <DOC>
 *   <DOCNO> FT911-3 </DOCNO>          id (trimmed)
 *   <HEADLINE> ... </HEADLINE>        title; also <TITLE>, <HEAD>, <HL>
 *   <AUTHOR> Smith, J. </AUTHOR>      authors, "and"/";"-separated
 *   <TEXT> ... </TEXT>                abstract; also <ABSTRACT>, <LEADPARA>,
 *   </DOC>                            <LP>, <P>, <BODY>, <SUMMARY>
 *
 * Text directly inside <DOC> (NPL has nothing else) is abstract too. Other
 * elements directly under <DOC> (<DOCID>, <DATE>, <BYLINE>...) are
 * skipped; one that is never closed is taken as a stray tag and its text
 * kept. Tags nested in a kept element (<P> in <TEXT>) are dropped, their
 * text kept. Tag names are case-insensitive and may carry attributes;
 * comments are skipped; &amp; &lt; &gt; &quot; &apos; and numeric
 * references are decoded, other entities kept as written. A <DOC> that is
 * not closed before the next <DOC> or the end of the file is skipped, as
 * is one without a <DOCNO>. Owns nothing between calls. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "byline.h"
#include "err.h"
#include "mem.h"
#include "reader.h"
#include "text.h"

enum target { T_TEXT, T_ID, T_TITLE, T_AUTHOR, T_SKIP };

#define MAX_NAME 32

typedef struct trec {
	in_file *in;
	rd_sink *sink;
	rd_report *rep;
	int in_doc;
	unsigned long doc_line;
	int bad;                 /* an error already cost this document */
	char open[MAX_NAME];     /* element open directly under <DOC>, if any */
	size_t open_n;
	enum target target;
	unsigned long open_line;
	int in_comment;
	buf id, title, text, author, skipped, scratch;
	rec_strv authors;
	int warned_outside;
} trec;

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':';
}

static int name_is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

static int sniff(const char *head, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	return n - i >= 5 && strncasecmp(head + i, "<DOC", 4) == 0 &&
	       (head[i + 4] == '>' || head[i + 4] == ' ' || head[i + 4] == '\t');
}

static enum target element_target(const char *name, size_t n)
{
	static const char *const title[] = {"TITLE", "HEADLINE", "HEAD", "HL"};
	static const char *const text[] = {"TEXT", "ABSTRACT", "LEADPARA", "LP", "P", "BODY", "SUMMARY"};
	if (name_is(name, n, "DOCNO"))
		return T_ID;
	if (name_is(name, n, "AUTHOR"))
		return T_AUTHOR;
	for (size_t i = 0; i < sizeof title / sizeof *title; i++)
		if (name_is(name, n, title[i]))
			return T_TITLE;
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		if (name_is(name, n, text[i]))
			return T_TEXT;
	return T_SKIP;
}

static buf *target_buf(trec *t)
{
	switch (t->target) {
	case T_ID: return &t->id;
	case T_TITLE: return &t->title;
	case T_AUTHOR: return &t->author;
	case T_SKIP: return &t->skipped;
	default: return &t->text;
	}
}

/* Decodes the entity at s[0] == '&' into out; returns the bytes consumed,
 * 0 when it is not one we decode. */
static size_t entity(buf *out, const char *s, size_t n)
{
	static const struct { const char *name; char c; } named[] = {
		{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''},
	};
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		size_t k = strlen(named[i].name);
		if (n > k && memcmp(s + 1, named[i].name, k) == 0) {
			buf_putc(out, named[i].c);
			return k + 1;
		}
	}
	if (n < 4 || s[1] != '#')
		return 0;
	int hex = s[2] == 'x' || s[2] == 'X';
	size_t i = hex ? 3 : 2;
	long cp = 0;
	size_t digits = 0;
	for (; i < n && digits < 8; i++, digits++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0'
		      : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			break;
		cp = cp * (hex ? 16 : 10) + d;
	}
	if (!digits || i >= n || s[i] != ';' || cp <= 0 || !utf8proc_codepoint_valid((utf8proc_int32_t)cp))
		return 0;
	unsigned char *d = buf_reserve(out, 4);
	out->n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, d);
	out->p[out->n] = 0;
	return i + 1;
}

static void put_text(buf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t run = amp ? (size_t)(amp - (s + i)) : n - i;
		buf_put(out, s + i, run);
		i += run;
		if (i < n) {
			size_t k = entity(out, s + i, n - i);
			if (!k) {
				buf_putc(out, '&');
				k = 1;
			}
			i += k;
		}
	}
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
			return 0;
	return 1;
}

static void outside(trec *t, const char *s, size_t n, unsigned long lineno)
{
	if (!t->warned_outside && !is_blank(s, n)) {
		rd_warn(t->rep, lineno, "text outside <DOC> ignored");
		t->warned_outside = 1;
	}
}

static void reset_doc(trec *t)
{
	t->in_doc = 0;
	t->bad = 0;
	t->open_n = 0;
	t->target = T_TEXT;
	buf_clear(&t->id);
	buf_clear(&t->title);
	buf_clear(&t->text);
	buf_clear(&t->author);
	buf_clear(&t->skipped);
	rec_strv_free(&t->authors);
}

static void set_squashed(trec *t, char **field, const buf *b)
{
	buf_clear(&t->scratch);
	text_squash(&t->scratch, (const char *)b->p, b->n);
	rec_set(field, t->scratch.n ? (const char *)t->scratch.p : "", t->scratch.n);
}

/* Ends the element open directly under <DOC>. */
static void close_element(trec *t)
{
	if (t->target == T_AUTHOR) {
		byl_split_and(&t->authors, (const char *)t->author.p, t->author.n);
		buf_clear(&t->author);
	} else {
		buf_putc(target_buf(t), ' ');
	}
	t->open_n = 0;
	t->target = T_TEXT;
}

static int finish_doc(trec *t)
{
	int rc = 0;
	if (t->bad)
		goto done;
	if (t->open_n) {
		if (t->target == T_SKIP) {
			rd_warn(t->rep, t->open_line, "<%.*s> never closed: its text is kept",
				(int)t->open_n, t->open);
			buf_put(&t->text, t->skipped.p, t->skipped.n);
		}
		close_element(t);
	}
	rec_paper rec;
	rec_init(&rec);
	set_squashed(t, &rec.id, &t->id);
	if (!rec.id[0]) {
		rd_error(t->rep, t->doc_line, "<DOC> without <DOCNO>");
		rec_clear(&rec);
		goto done;
	}
	set_squashed(t, &rec.title, &t->title);
	set_squashed(t, &rec.abstract, &t->text);
	if (!rec.title[0] && !rec.abstract[0])
		rd_warn(t->rep, t->doc_line, "document %s has no title and no text", rec.id);
	rec.authors = t->authors;
	memset(&t->authors, 0, sizeof t->authors);
	rec.format = mem_strdup("trec");
	rec.source = mem_strdup(in_path(t->in));
	rec.line = t->doc_line;
	rec_finish(&rec);
	t->rep->records++;
	rc = t->sink->emit(t->sink->ctx, &rec);
	rec_clear(&rec);
done:
	reset_doc(t);
	return rc;
}

static int tag(trec *t, int close, const char *name, size_t nn, int self, unsigned long lineno)
{
	if (name_is(name, nn, "DOC") && !self) {
		if (!close) {
			if (t->in_doc && !t->bad)
				rd_error(t->rep, t->doc_line, "unterminated <DOC> (next <DOC> at line %lu)", lineno);
			reset_doc(t);
			t->in_doc = 1;
			t->doc_line = lineno;
			return 0;
		}
		if (!t->in_doc) {
			rd_warn(t->rep, lineno, "</DOC> without <DOC>");
			return 0;
		}
		return finish_doc(t);
	}
	if (!t->in_doc || t->bad)
		return 0;
	if (t->open_n == 0) {
		if (close || self || nn >= MAX_NAME)
			return 0;
		t->target = element_target(name, nn);
		memcpy(t->open, name, nn);
		t->open_n = nn;
		t->open_line = lineno;
		if (t->target == T_SKIP)
			buf_clear(&t->skipped);
		return 0;
	}
	if (close && nn == t->open_n && strncasecmp(name, t->open, nn) == 0)
		close_element(t);
	else
		buf_putc(target_buf(t), ' ');
	return 0;
}

/* Length of the tag at s[0] == '<' (name, optional attributes, all on
 * this line), 0 when it is not one: a "<" in text stays text. last_gt is
 * the line's last '>' (or NULL), so that a line of "<a b" repeated does
 * not search the rest of the line for each of them. */
static size_t parse_tag(const char *s, size_t n, const char *last_gt, int *close,
			const char **name, size_t *nn, int *self)
{
	size_t i = 1;
	*close = *self = 0;
	if (i < n && s[i] == '/') {
		*close = 1;
		i++;
	}
	if (i >= n || !is_alpha(s[i]))
		return 0;
	size_t st = i;
	while (i < n && is_name_char(s[i]))
		i++;
	*name = s + st;
	*nn = i - st;
	if (i < n && s[i] == '>')
		return i + 1;
	if (i >= n || (s[i] != ' ' && s[i] != '\t' && s[i] != '/') || !last_gt || last_gt < s + i)
		return 0;
	const char *gt = memchr(s + i, '>', n - i);
	*self = gt[-1] == '/';
	return (size_t)(gt - s) + 1;
}

static int text(trec *t, const char *s, size_t n, unsigned long lineno)
{
	if (!t->in_doc)
		outside(t, s, n, lineno);
	else if (!t->bad)
		put_text(target_buf(t), s, n);
	return 0;
}

static int line(trec *t, const char *s, size_t n, unsigned long lineno)
{
	size_t i = 0, run = 0;
	int rc = 0;
	const char *last_gt = NULL;
	for (size_t k = n; k > 0 && !last_gt; k--)
		if (s[k - 1] == '>')
			last_gt = s + k - 1;
	while (i < n && !rc) {
		if (t->in_comment) {
			const char *end = NULL;
			for (size_t k = i; k + 3 <= n; k++)
				if (memcmp(s + k, "-->", 3) == 0) {
					end = s + k;
					break;
				}
			if (!end) {
				i = run = n;
				break;
			}
			t->in_comment = 0;
			i = run = (size_t)(end - s) + 3;
			continue;
		}
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			rc = text(t, s + run, i - run, lineno);
			t->in_comment = 1;
			i += 4;
			run = i;
			continue;
		}
		int close, self;
		const char *name;
		size_t nn;
		size_t k = parse_tag(s + i, n - i, last_gt, &close, &name, &nn, &self);
		if (!k) {
			i++;
			continue;
		}
		rc = text(t, s + run, i - run, lineno);
		if (!rc)
			rc = tag(t, close, name, nn, self, lineno);
		i += k;
		run = i;
	}
	if (!rc && !t->in_comment && run < n)
		rc = text(t, s + run, n - run, lineno);
	if (t->in_doc && !t->bad)
		buf_putc(target_buf(t), '\n');
	return rc;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	trec t = {.in = in, .sink = sink, .rep = rep};
	const char *s;
	size_t n;
	unsigned long lineno = 0;
	int rc, src = 0;
	while ((rc = in_next_line(in, &s, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			if (t.in_doc && !t.bad) {
				rd_error(rep, lineno, "line longer than %u MiB in <DOC> of line %lu",
					 IN_MAX_LINE >> 20, t.doc_line);
				t.bad = 1;
			} else if (!t.in_doc) {
				rd_warn(rep, lineno, "line longer than %u MiB ignored", IN_MAX_LINE >> 20);
			}
			continue;
		}
		if (rc != 1) {
			src = rc;
			break;
		}
		if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		size_t bad;
		if (!text_utf8_valid(s, n, &bad)) {
			if (t.in_doc && !t.bad) {
				rd_error(rep, lineno, "invalid UTF-8 at byte %zu in <DOC> of line %lu",
					 bad + 1, t.doc_line);
				t.bad = 1;
			} else if (!t.in_doc) {
				rd_warn(rep, lineno, "invalid UTF-8 at byte %zu outside <DOC>", bad + 1);
			}
			continue;
		}
		if ((rc = line(&t, s, n, lineno)))
			goto done;
	}
	if (src) {
		if (t.in_doc && !t.bad)
			rd_error(rep, t.doc_line, "%s: <DOC> cut off", in_error(in));
		else
			rd_error(rep, lineno, "%s: the rest of the file is lost", in_error(in));
		rc = rep->records ? 0 : src;
		goto done;
	}
	if (t.in_doc && !t.bad)
		rd_error(rep, t.doc_line, "unterminated <DOC> (no </DOC> before the end of the file)");
	rc = 0;
done:
	reset_doc(&t);
	buf_free(&t.id);
	buf_free(&t.title);
	buf_free(&t.text);
	buf_free(&t.author);
	buf_free(&t.skipped);
	buf_free(&t.scratch);
	return rc;
}

const rd_format rd_trec = {"trec", sniff, read_all};
