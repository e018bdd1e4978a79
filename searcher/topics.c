/* topics — the four topic formats, detection, and the checks every topic
 * passes (valid UTF-8, a usable qid, some text, no duplicate qid). Files
 * are small, so each is read whole and parsed from memory; each format
 * walks the bytes itself and hands raw (qid, text) ranges to add_topic. */
#include "topics.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yajl/yajl_tree.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "strmap.h"
#include "text.h"

/* Past this many, errors are counted but not printed: a file in the wrong
 * format would otherwise print one line per line. */
#define MAX_REPORTED 50

struct topics_file {
	topics_topic *v;
	size_t n, cap;
	const char *format;
	size_t errors;
	char *name;
	FILE *err;
	strmap *by_qid;  /* keys are the owned qid strings of v */
	buf scratch;
};

static void report(topics_file *t, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(topics_file *t, unsigned long line, const char *fmt, ...)
{
	t->errors++;
	if (!t->err || t->errors > MAX_REPORTED)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(t->err, "paperdex-search: error: %s:%lu: ", t->name, line);
	vfprintf(t->err, fmt, ap);
	fputs(" (skipped)\n", t->err);
	va_end(ap);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Appends s[0..n) whitespace-collapsed to out; -1 if not valid UTF-8. */
static int squash(buf *out, const char *s, size_t n)
{
	if (!text_utf8_valid(s, n, NULL))
		return -1;
	text_squash(out, s, n);
	return 0;
}

/* Drops a leading "Number:"-style label (any case) and the space after. */
static const char *drop_label(const char *s, const char *label)
{
	size_t n = strlen(label);
	if (strncasecmp(s, label, n) != 0)
		return s;
	s += n;
	while (*s == ' ')
		s++;
	return s;
}

/* Checks and stores one topic. qid and text are raw bytes from the file;
 * both are whitespace-collapsed here. */
static void add_topic(topics_file *t, const char *qid, size_t qn, const char *text,
		      size_t tn, unsigned long line)
{
	buf *b = &t->scratch;
	buf_clear(b);
	if (squash(b, qid, qn) != 0) {
		report(t, line, "topic id is not valid UTF-8");
		return;
	}
	size_t id_len = b->n;
	if (id_len == 0) {
		report(t, line, "topic without an id");
		return;
	}
	if (memchr(b->p, ' ', id_len)) {
		report(t, line, "topic id '%s' holds whitespace", (char *)b->p);
		return;
	}
	buf_putc(b, '\0');
	if (squash(b, text, tn) != 0) {
		report(t, line, "topic %s: query text is not valid UTF-8", (char *)b->p);
		return;
	}
	const char *id = (const char *)b->p, *q = id + id_len + 1;
	if (!*q) {
		report(t, line, "topic %s has no query text", id);
		return;
	}
	size_t prev;
	if (strmap_get(t->by_qid, id, &prev)) {
		report(t, line, "topic %s already defined at line %lu", id, t->v[prev].line);
		return;
	}
	t->v = mem_grow(t->v, &t->cap, t->n + 1, sizeof(topics_topic));
	char *own_id = mem_strdup(id);
	t->v[t->n] = (topics_topic){own_id, mem_strdup(q), line};
	strmap_put(t->by_qid, own_id, t->n, NULL);
	t->n++;
}

/* ---- line iteration ---- */

typedef struct lines {
	const char *p, *end;
	unsigned long no;
} lines;

/* Next line without its "\n" or "\r\n"; 0 at the end. */
static int next_line(lines *it, const char **s, size_t *n)
{
	if (it->p >= it->end)
		return 0;
	const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	const char *stop = nl ? nl : it->end;
	*s = it->p;
	*n = (size_t)(stop - it->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	it->p = nl ? nl + 1 : it->end;
	it->no++;
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_ws(s[i]))
			return 0;
	return 1;
}

/* ---- tsv ---- */

static void parse_tsv(topics_file *t, lines *it)
{
	const char *s;
	size_t n;
	while (next_line(it, &s, &n)) {
		if (blank(s, n))
			continue;
		const char *tab = memchr(s, '\t', n);
		if (!tab) {
			report(t, it->no, "expected 'qid<TAB>query'");
			continue;
		}
		add_topic(t, s, (size_t)(tab - s), tab + 1, n - (size_t)(tab - s) - 1, it->no);
	}
}

/* ---- beir ---- */

static void parse_beir(topics_file *t, lines *it)
{
	const char *s;
	size_t n;
	buf line = BUF_INIT;
	char errbuf[256];
	while (next_line(it, &s, &n)) {
		if (blank(s, n))
			continue;
		if (memchr(s, '\0', n)) {
			report(t, it->no, "NUL byte in line");
			continue;
		}
		buf_clear(&line);
		buf_put(&line, s, n);  /* yajl wants a NUL-terminated string */
		errbuf[0] = '\0';
		yajl_val root = yajl_tree_parse((const char *)line.p, errbuf, sizeof errbuf);
		if (!root || !YAJL_IS_OBJECT(root)) {
			/* yajl's message spans lines; its first says what. */
			errbuf[strcspn(errbuf, "\n")] = '\0';
			report(t, it->no, "not a JSON object%s%s", errbuf[0] ? ": " : "", errbuf);
			yajl_tree_free(root);
			continue;
		}
		static const char *id_path[] = {"_id", NULL}, *text_path[] = {"text", NULL};
		yajl_val id = yajl_tree_get(root, id_path, yajl_t_any);
		yajl_val text = yajl_tree_get(root, text_path, yajl_t_any);
		const char *ids = NULL;
		if (id && YAJL_IS_STRING(id))
			ids = YAJL_GET_STRING(id);
		else if (id && YAJL_IS_NUMBER(id))
			ids = YAJL_GET_NUMBER(id);  /* the number's text, as written */
		if (!ids)
			report(t, it->no, "no \"_id\" string or number");
		else if (!text || !YAJL_IS_STRING(text))
			report(t, it->no, "topic %s: no \"text\" string", ids);
		else {
			const char *q = YAJL_GET_STRING(text);
			add_topic(t, ids, strlen(ids), q, q ? strlen(q) : 0, it->no);
		}
		yajl_tree_free(root);
	}
	buf_free(&line);
}

/* ---- smart ---- */

/* A SMART field marker: '.', a capital letter, then nothing or blanks. */
static int smart_marker(const char *s, size_t n)
{
	return n >= 2 && s[0] == '.' && s[1] >= 'A' && s[1] <= 'Z' && (n == 2 || is_ws(s[2]));
}

static void parse_smart(topics_file *t, lines *it)
{
	const char *s;
	size_t n;
	buf text = BUF_INIT;
	unsigned long position = 0, start = 0;
	char field = 0;
	int open = 0;
	char qid[24];
	for (;;) {
		int more = next_line(it, &s, &n);
		if (!more || (smart_marker(s, n) && s[1] == 'I')) {
			if (open) {
				snprintf(qid, sizeof qid, "%lu", position);
				/* Blank .W text is caught by add_topic. */
				add_topic(t, qid, strlen(qid), (const char *)text.p, text.n, start);
			}
			if (!more)
				break;
			/* Topics are numbered by position: the qrels of the SMART
			 * collections use 1..N, not the .I numbers. */
			position++;
			start = it->no;
			open = 1;
			field = 'I';
			buf_clear(&text);
			continue;
		}
		if (smart_marker(s, n)) {
			field = s[1];
			s += 2;
			n -= 2;
		}
		if (!open) {
			if (!blank(s, n))
				report(t, it->no, "text before the first .I line");
			continue;
		}
		if (field == 'W') {
			buf_put(&text, s, n);
			buf_putc(&text, '\n');
		}
	}
	buf_free(&text);
}

/* ---- trec ---- */

/* A tag at p: '<', optional '/', letters, '>'. Sets the lowercased name
 * (truncated to fit), closing flag and length; 0 when p is no tag. */
static int trec_tag(const char *p, const char *end, char *name, size_t cap, int *closing,
		    size_t *len)
{
	const char *q = p + 1;
	*closing = q < end && *q == '/';
	q += *closing;
	size_t k = 0;
	while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) {
		if (k + 1 < cap)
			name[k++] = (char)(*q | 0x20);
		q++;
	}
	name[k] = '\0';
	if (k == 0 || q >= end || *q != '>')
		return 0;
	*len = (size_t)(q + 1 - p);
	return 1;
}

typedef struct trec_topic {
	int open;
	unsigned long line;
	const char *num, *title;  /* raw text ranges, NULL when absent */
	size_t num_n, title_n;
} trec_topic;

static void trec_finish(topics_file *t, trec_topic *tp)
{
	if (!tp->open)
		return;
	tp->open = 0;
	buf id = BUF_INIT, title = BUF_INIT;
	if (!tp->num || squash(&id, tp->num, tp->num_n) != 0 || id.n == 0) {
		report(t, tp->line, "topic without a <num>");
		goto done;
	}
	const char *qid = drop_label((const char *)id.p, "Number:");
	/* "051" in TREC-1 topic files is "51" in their qrels. */
	if (qid[0] && strspn(qid, "0123456789") == strlen(qid))
		while (qid[0] == '0' && qid[1])
			qid++;
	if (!tp->title || squash(&title, tp->title, tp->title_n) != 0) {
		report(t, tp->line, "topic %s has no <title>", qid);
		goto done;
	}
	const char *q = drop_label((const char *)title.p, "Topic:");
	add_topic(t, qid, strlen(qid), q, strlen(q), tp->line);
done:
	buf_free(&id);
	buf_free(&title);
}

static void parse_trec(topics_file *t, const char *data, size_t n)
{
	const char *p = data, *end = data + n, *counted = data;
	unsigned long line = 1;
	trec_topic tp = {0};
	char field[16] = "";
	const char *field_start = NULL;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		char name[16];
		int closing = 0;
		size_t len = 0;
		if (lt && !trec_tag(lt, end, name, sizeof name, &closing, &len)) {
			p = lt + 1;
			continue;
		}
		const char *stop = lt ? lt : end;
		for (; counted < stop; counted++)
			line += *counted == '\n';
		/* The open field's text runs up to the next tag, closing or not. */
		if (tp.open && field_start) {
			if (!strcmp(field, "num") && !tp.num)
				tp.num = field_start, tp.num_n = (size_t)(stop - field_start);
			else if (!strcmp(field, "title") && !tp.title)
				tp.title = field_start, tp.title_n = (size_t)(stop - field_start);
			field_start = NULL;
		}
		if (!lt)
			break;
		if (!strcmp(name, "top")) {
			/* A missing </top> ends at the next <top>. */
			trec_finish(t, &tp);
			if (!closing)
				tp = (trec_topic){1, line, NULL, NULL, 0, 0};
		} else if (!closing) {
			snprintf(field, sizeof field, "%s", name);
			field_start = lt + len;
		}
		p = lt + len;
	}
	trec_finish(t, &tp);
}

/* ---- detection and entry points ---- */

static int has_top_tag(const char *s, size_t n)
{
	for (size_t i = 0; i + 5 <= n && i < (64u << 10); i++)
		if (s[i] == '<' && strncasecmp(s + i, "<top>", 5) == 0)
			return 1;
	return 0;
}

int topics_parse(const char *name, const char *data, size_t n, FILE *err,
		 topics_file **out)
{
	*out = NULL;
	topics_file *t = mem_calloc(1, sizeof *t);
	t->name = mem_strdup(name);
	t->err = err;
	t->by_qid = strmap_new();
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		n -= 3;
	}
	size_t i = 0;
	while (i < n && is_ws(data[i]))
		i++;
	lines it = {data, data + n, 0};
	if (i == n) {
		t->format = "tsv";
	} else if (data[i] == '{') {
		t->format = "beir";
		parse_beir(t, &it);
	} else if (smart_marker(data + i, n - i) && data[i + 1] == 'I') {
		t->format = "smart";
		parse_smart(t, &it);
	} else if (data[i] == '<' || has_top_tag(data + i, n - i)) {
		t->format = "trec";
		parse_trec(t, data, n);
	} else {
		t->format = "tsv";
		parse_tsv(t, &it);
	}
	if (err && t->errors > MAX_REPORTED)
		fprintf(err, "paperdex-search: error: %s: %zu more errors not shown\n", t->name,
			t->errors - MAX_REPORTED);
	if (t->n == 0) {
		if (err)
			fprintf(err, "paperdex-search: error: %s: no topics found\n", t->name);
		topics_free(t);
		return PDX_EEMPTY;
	}
	t->err = NULL;
	buf_free(&t->scratch);
	*out = t;
	return 0;
}

int topics_read(const char *path, FILE *err, topics_file **out)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int rc = errno ? errno : EIO;
		if (err)
			fprintf(err, "paperdex-search: error: %s: %s\n", path, strerror(rc));
		return rc;
	}
	buf b = BUF_INIT;
	size_t got;
	do {
		unsigned char *p = buf_reserve(&b, 64u << 10);
		got = fread(p, 1, 64u << 10, fp);
		b.n += got;
	} while (got > 0);
	int rc = ferror(fp) ? (errno ? errno : EIO) : 0;
	fclose(fp);
	if (rc) {
		if (err)
			fprintf(err, "paperdex-search: error: %s: %s\n", path, strerror(rc));
		buf_free(&b);
		return rc;
	}
	rc = topics_parse(path, b.p ? (const char *)b.p : "", b.n, err, out);
	buf_free(&b);
	return rc;
}

void topics_free(topics_file *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free((char *)t->v[i].qid);
		free((char *)t->v[i].text);
	}
	free(t->v);
	strmap_free(t->by_qid);
	buf_free(&t->scratch);
	free(t->name);
	free(t);
}

size_t topics_count(const topics_file *t)
{
	return t->n;
}

const topics_topic *topics_get(const topics_file *t, size_t i)
{
	return &t->v[i];
}

const char *topics_format(const topics_file *t)
{
	return t->format;
}

size_t topics_errors(const topics_file *t)
{
	return t->errors;
}
