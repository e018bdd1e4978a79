/* trecfile — qrels and run storage and their line parsers.
 *
 * Both objects are a "topic set": topics in first-seen order, found by qid
 * through a strmap, each holding a growable array of rows. Strings live in
 * a pool of fixed blocks, so the pointers handed out never move. Files are
 * grouped by topic in practice, so the reader remembers the last topic and
 * hashes a qid only when it changes. */
#include "trecfile.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "strmap.h"

#define POOL_BLOCK (64u << 10)

typedef struct pool {
	char **blocks;
	size_t nblocks, cap;
	char *cur;    /* free space in the newest block */
	size_t left;
} pool;

static const char *pool_dup(pool *p, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > p->left) {
		size_t size = n > POOL_BLOCK ? n : POOL_BLOCK;
		p->blocks = mem_grow(p->blocks, &p->cap, p->nblocks + 1, sizeof(char *));
		p->cur = p->blocks[p->nblocks++] = mem_alloc(size);
		p->left = size;
	}
	char *d = p->cur;
	memcpy(d, s, n);
	p->cur += n;
	p->left -= n;
	return d;
}

static void pool_free(pool *p)
{
	for (size_t i = 0; i < p->nblocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
}

typedef struct topic {
	const char *qid;
	void *items;  /* tf_row[] or tf_judgment[] */
	size_t n, cap;
} topic;

typedef struct tset {
	char *name;
	pool strings;
	topic *topics;
	size_t n, cap;
	strmap *by_qid;
	size_t last;  /* topic of the previous row, tried before hashing */
} tset;

static void tset_init(tset *s, const char *name)
{
	memset(s, 0, sizeof *s);
	s->name = mem_strdup(name ? name : "");
	s->by_qid = strmap_new();
}

static void tset_free(tset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->topics[i].items);
	free(s->topics);
	strmap_free(s->by_qid);
	pool_free(&s->strings);
	free(s->name);
}

/* The index of qid's topic, created when absent. */
static size_t tset_topic(tset *s, const char *qid)
{
	if (s->n && strcmp(s->topics[s->last].qid, qid) == 0)
		return s->last;
	size_t t;
	if (!strmap_get(s->by_qid, qid, &t)) {
		s->topics = mem_grow(s->topics, &s->cap, s->n + 1, sizeof(topic));
		t = s->n++;
		s->topics[t] = (topic){pool_dup(&s->strings, qid), NULL, 0, 0};
		strmap_put(s->by_qid, s->topics[t].qid, t, NULL);
	}
	s->last = t;
	return t;
}

static int tset_find(const tset *s, const char *qid, size_t *t)
{
	return strmap_get(s->by_qid, qid, t) ? 0 : PDX_ENOTFOUND;
}

/* Run and qrels files split on the bytes C's isspace() accepts. */
static int is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* An id the whitespace-separated formats can carry. */
static int good_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (is_sep(*s))
			return 0;
	return 1;
}

/* ---- runs ---- */

struct tf_run {
	tset s;
	char *run_id;
};

tf_run *tf_run_new(const char *name, const char *run_id)
{
	tf_run *r = mem_alloc(sizeof *r);
	tset_init(&r->s, name);
	r->run_id = mem_strdup(run_id ? run_id : "");
	return r;
}

void tf_run_free(tf_run *r)
{
	if (!r)
		return;
	tset_free(&r->s);
	free(r->run_id);
	free(r);
}

static int run_add(tf_run *r, const char *qid, const char *docid, double score,
		   unsigned long line)
{
	if (!good_id(qid) || !good_id(docid) || isnan(score))
		return PDX_EFORMAT;
	size_t ti = tset_topic(&r->s, qid);  /* may move r->s.topics */
	topic *t = &r->s.topics[ti];
	t->items = mem_grow(t->items, &t->cap, t->n + 1, sizeof(tf_row));
	((tf_row *)t->items)[t->n++] = (tf_row){pool_dup(&r->s.strings, docid), score, line};
	return 0;
}

int tf_run_add(tf_run *r, const char *qid, const char *docid, double score)
{
	return run_add(r, qid, docid, score, 0);
}

const char *tf_run_name(const tf_run *r) { return r->s.name; }
const char *tf_run_id(const tf_run *r) { return r->run_id; }
size_t tf_run_topics(const tf_run *r) { return r->s.n; }
const char *tf_run_qid(const tf_run *r, size_t t) { return r->s.topics[t].qid; }

size_t tf_run_rows(const tf_run *r, size_t t, const tf_row **rows)
{
	*rows = r->s.topics[t].items;
	return r->s.topics[t].n;
}

int tf_run_find(const tf_run *r, const char *qid, size_t *t)
{
	return tset_find(&r->s, qid, t);
}

/* ---- qrels ---- */

struct tf_qrels {
	tset s;
};

tf_qrels *tf_qrels_new(const char *name)
{
	tf_qrels *q = mem_alloc(sizeof *q);
	tset_init(&q->s, name);
	return q;
}

void tf_qrels_free(tf_qrels *q)
{
	if (!q)
		return;
	tset_free(&q->s);
	free(q);
}

static int qrels_add(tf_qrels *q, const char *qid, const char *docid, long rel,
		     unsigned long line)
{
	if (!good_id(qid) || !good_id(docid))
		return PDX_EFORMAT;
	size_t ti = tset_topic(&q->s, qid);  /* may move q->s.topics */
	topic *t = &q->s.topics[ti];
	t->items = mem_grow(t->items, &t->cap, t->n + 1, sizeof(tf_judgment));
	((tf_judgment *)t->items)[t->n++] = (tf_judgment){pool_dup(&q->s.strings, docid), rel, line};
	return 0;
}

int tf_qrels_add(tf_qrels *q, const char *qid, const char *docid, long rel)
{
	return qrels_add(q, qid, docid, rel, 0);
}

const char *tf_qrels_name(const tf_qrels *q) { return q->s.name; }
size_t tf_qrels_topics(const tf_qrels *q) { return q->s.n; }
const char *tf_qrels_qid(const tf_qrels *q, size_t t) { return q->s.topics[t].qid; }

size_t tf_qrels_judgments(const tf_qrels *q, size_t t, const tf_judgment **j)
{
	*j = q->s.topics[t].items;
	return q->s.topics[t].n;
}

int tf_qrels_find(const tf_qrels *q, const char *qid, size_t *t)
{
	return tset_find(&q->s, qid, t);
}

/* ---- reading ---- */

static void report(FILE *err, const char *path, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(FILE *err, const char *path, unsigned long line, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (line)
		fprintf(err, "paperdex-search: error: %s:%lu: ", path, line);
	else
		fprintf(err, "paperdex-search: error: %s: ", path);
	vfprintf(err, fmt, ap);
	fputc('\n', err);
	va_end(ap);
}

/* Splits line in place into at most max fields; returns how many there
 * were (counting past max, so callers can reject extra fields). */
static size_t split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	for (;;) {
		while (*p && is_sep(*p))
			p++;
		if (!*p)
			return n;
		if (n < max)
			f[n] = p;
		n++;
		while (*p && !is_sep(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
}

/* One content line of either format; returns 0 or PDX_EFORMAT (reported). */
typedef int (*line_fn)(void *obj, char **f, size_t nf, const char *path,
		       unsigned long line, FILE *err);

static int run_line(void *obj, char **f, size_t nf, const char *path,
		    unsigned long line, FILE *err)
{
	tf_run *r = obj;
	/* trec_eval wants the run_id column too, and ignores anything after it. */
	if (nf < 6) {
		report(err, path, line, "expected 'qid Q0 docid rank score run_id', found %zu field%s",
		       nf, nf == 1 ? "" : "s");
		return PDX_EFORMAT;
	}
	char *end;
	double score = strtod(f[4], &end);
	if (*end || end == f[4] || isnan(score)) {
		report(err, path, line, "score '%s' is not a number", f[4]);
		return PDX_EFORMAT;
	}
	run_add(r, f[0], f[2], score, line);
	/* trec_eval keeps the run_id of the last line only. */
	if (strcmp(r->run_id, f[5]) != 0) {
		free(r->run_id);
		r->run_id = mem_strdup(f[5]);
	}
	return 0;
}

static int qrels_line(void *obj, char **f, size_t nf, const char *path,
		      unsigned long line, FILE *err)
{
	if (nf != 4) {
		report(err, path, line, "expected 'qid iter docid relevance', found %zu field%s",
		       nf, nf == 1 ? "" : "s");
		return PDX_EFORMAT;
	}
	char *end;
	errno = 0;
	long rel = strtol(f[3], &end, 10);
	if (*end || end == f[3] || errno == ERANGE) {
		report(err, path, line, "relevance '%s' is not an integer", f[3]);
		return PDX_EFORMAT;
	}
	qrels_add(obj, f[0], f[2], rel, line);
	return 0;
}

static int read_lines(const char *path, FILE *err, void *obj, line_fn fn, size_t *rows)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		int rc = errno ? errno : EIO;
		report(err, path, 0, "%s", strerror(rc));
		return rc;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	int rc = 0;
	*rows = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (strlen(line) != (size_t)len) {
			report(err, path, lineno, "NUL byte in line");
			rc = PDX_EFORMAT;
			break;
		}
		char *p = line;
		while (*p && is_sep(*p))
			p++;
		if (!*p || *p == '#')
			continue;
		char *f[6];
		size_t nf = split(p, f, 6);
		if ((rc = fn(obj, f, nf, path, lineno, err)) != 0)
			break;
		(*rows)++;
	}
	if (!rc && ferror(fp)) {
		rc = errno ? errno : EIO;
		report(err, path, 0, "%s", strerror(rc));
	}
	free(line);
	fclose(fp);
	return rc;
}

int tf_run_read(const char *path, FILE *err, tf_run **out)
{
	*out = NULL;
	tf_run *r = tf_run_new(path, "");
	size_t rows;
	int rc = read_lines(path, err, r, run_line, &rows);
	if (!rc && rows == 0) {
		report(err, path, 0, "no results in run file");
		rc = PDX_EEMPTY;
	}
	if (rc) {
		tf_run_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int tf_qrels_read(const char *path, FILE *err, tf_qrels **out)
{
	*out = NULL;
	tf_qrels *q = tf_qrels_new(path);
	size_t rows;
	int rc = read_lines(path, err, q, qrels_line, &rows);
	if (!rc && rows == 0) {
		report(err, path, 0, "no judgments in qrels file");
		rc = PDX_EEMPTY;
	}
	if (rc) {
		tf_qrels_free(q);
		return rc;
	}
	*out = q;
	return 0;
}
