/* sample_queries — draws the benchmark's query batches from a corpus in the
 * ML Anthology shape, with a fixed seed:
 *
 *   sample_queries [-n N] [--seed S] CORPUS.jsonl[.gz] OUTDIR
 *
 * writes OUTDIR/titles.tsv (N paper titles), OUTDIR/short.tsv (N phrases of
 * 2-3 consecutive abstract words that do not cross punctuation and neither
 * start nor end with a function word) as "qid<TAB>query", lower-cased with
 * punctuation replaced by spaces, so each is a phrase-free bag of words;
 * and OUTDIR/sources.tsv, "qid<TAB>paper id" of the paper each query came
 * from (for the sanity checks: a title should find its own paper). Papers
 * are drawn by reservoir sampling (one pass over the corpus) among those
 * that have a title, or a phrase that qualifies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "jsonl_papers.h"
#include "mem.h"
#include "rng.h"
#include "words.h"

struct pick {
	char *query;
	char *pid;
};

struct reservoir {
	struct pick *v;
	size_t want, have;
	unsigned long seen;
};

struct words {
	char **w;
	int *brk;
	size_t n, cap;
};

static int collect(void *ctx, const char *w, size_t n, int brk)
{
	struct words *ws = ctx;
	size_t cap = ws->cap;
	ws->w = mem_grow(ws->w, &cap, ws->n + 1, sizeof *ws->w);
	ws->brk = mem_grow(ws->brk, &ws->cap, ws->n + 1, sizeof *ws->brk);
	ws->w[ws->n] = mem_strndup(w, n);
	ws->brk[ws->n] = brk;
	ws->n++;
	return 0;
}

static void words_reset(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	ws->n = 0;
}

static void join(buf *out, char **w, size_t n)
{
	buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ' ');
		buf_puts(out, w[i]);
	}
}

/* Algorithm R: the slot the next candidate takes, or -1 to skip it. The
 * candidate is built only when it gets a slot. */
static long reservoir_slot(struct reservoir *r, rng *g)
{
	r->seen++;
	if (r->have < r->want)
		return (long)r->have++;
	uint64_t j = rng_below(g, r->seen);
	return j < r->want ? (long)j : -1;
}

static void reservoir_put(struct reservoir *r, long slot, const char *q, const char *pid)
{
	free(r->v[slot].query);
	free(r->v[slot].pid);
	r->v[slot].query = mem_strdup(q);
	r->v[slot].pid = mem_strdup(pid);
}

/* A 2-3 word phrase from ws, or 0 when none qualifies after some tries. */
static int pick_phrase(const struct words *ws, rng *g, buf *out)
{
	if (ws->n < 2)
		return 0;
	for (int tries = 0; tries < 50; tries++) {
		size_t len = 2 + (size_t)rng_below(g, 2);
		if (len > ws->n)
			len = ws->n;
		size_t at = (size_t)rng_below(g, ws->n - len + 1);
		int ok = !wd_is_function_word(ws->w[at]) && !wd_is_function_word(ws->w[at + len - 1]);
		for (size_t i = at + 1; ok && i < at + len; i++)
			ok = !ws->brk[i];
		if (ok) {
			join(out, ws->w + at, len);
			return 1;
		}
	}
	return 0;
}

static int write_batch(const char *dir, const char *name, const char *prefix,
		       const struct reservoir *r, FILE *src)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 1;
	}
	for (size_t i = 0; i < r->have; i++) {
		fprintf(f, "%s%04zu\t%s\n", prefix, i + 1, r->v[i].query);
		fprintf(src, "%s%04zu\t%s\n", prefix, i + 1, r->v[i].pid);
	}
	if (fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

static int usage(FILE *f)
{
	fprintf(f, "usage: sample_queries [-n N] [--seed S] CORPUS.jsonl[.gz] OUTDIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	size_t want = 1000;
	uint64_t seed = 20260101;
	const char *corpus = NULL, *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			want = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return usage(stdout) - 2;
		else if (!corpus)
			corpus = argv[i];
		else if (!dir)
			dir = argv[i];
		else
			return usage(stderr);
	}
	if (!corpus || !dir || want == 0)
		return usage(stderr);

	rng gt, gs;
	rng_seed(&gt, seed);
	rng_seed(&gs, seed ^ 0x5157u);
	struct reservoir rt = {mem_calloc(want, sizeof(struct pick)), want, 0, 0};
	struct reservoir rs = {mem_calloc(want, sizeof(struct pick)), want, 0, 0};
	struct words ws = {0};
	buf scratch = BUF_INIT, q = BUF_INIT;
	jp_reader *rd = NULL;
	int rc = jp_open(corpus, &rd), status = 1;
	if (rc) {
		fprintf(stderr, "sample_queries: %s: %s\n", corpus, pdx_strerror(rc));
		goto done;
	}
	jp_paper p;
	while ((rc = jp_next(rd, &p)) == 1) {
		words_reset(&ws);
		wd_split(p.title, strlen(p.title), 0, &scratch, collect, &ws);
		if (ws.n > 0) {
			long slot = reservoir_slot(&rt, &gt);
			if (slot >= 0) {
				join(&q, ws.w, ws.n);
				reservoir_put(&rt, slot, (const char *)q.p, p.id);
			}
		}
		words_reset(&ws);
		wd_split(p.abstract, strlen(p.abstract), 0, &scratch, collect, &ws);
		if (pick_phrase(&ws, &gs, &q)) {
			long slot = reservoir_slot(&rs, &gs);
			if (slot >= 0)
				reservoir_put(&rs, slot, (const char *)q.p, p.id);
		}
	}
	if (rc) {
		fprintf(stderr, "sample_queries: %s: %s\n", corpus, pdx_strerror(rc));
		goto done;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/sources.tsv", dir);
	FILE *src = fopen(path, "w");
	if (!src) {
		perror(path);
		goto done;
	}
	int bad = write_batch(dir, "titles.tsv", "t", &rt, src) |
		  write_batch(dir, "short.tsv", "s", &rs, src);
	if (fclose(src) || bad)
		goto done;
	fprintf(stderr, "sample_queries: %zu titles, %zu short queries from %lu papers\n",
		rt.have, rs.have, rt.seen);
	status = 0;
done:
	jp_close(rd);
	for (size_t i = 0; i < want; i++) {
		free(rt.v[i].query);
		free(rt.v[i].pid);
		free(rs.v[i].query);
		free(rs.v[i].pid);
	}
	free(rt.v);
	free(rs.v);
	words_reset(&ws);
	free(ws.w);
	free(ws.brk);
	buf_free(&scratch);
	buf_free(&q);
	return status;
}
