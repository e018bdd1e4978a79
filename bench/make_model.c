/* make_model — derives the corpus model that gen_corpus draws from, out of
 * a real corpus in the ML Anthology shape:
 *
 *   make_model CORPUS.jsonl[.gz] OUTDIR
 *
 * Words are those of words.h with compounds kept whole ("self-supervised").
 * Writes into OUTDIR (all gzip'd TSV except params.tsv):
 *   words.tsv.gz    word, count in titles, count in abstracts: every word
 *                   seen at least twice, most frequent first. Words seen
 *                   once (hapaxes) are not stored, only counted; the
 *                   generator makes up that many fresh words.
 *   lengths.tsv.gz  kind, value, count: title_len and abstract_len (words),
 *                   authors (per paper), papers_per_author, hapax_len
 *                   (characters of the words seen once).
 *   venues.tsv.gz   venue, year, count.
 *   names.tsv.gz    first|last, name, count: the name parts of distinct
 *                   authors (the last word of a name is the last name).
 *   params.tsv      key, value: totals, Heaps' law fitted to the vocabulary
 *                   growth, and the within-paper statistics the generator
 *                   calibrates against (see gen_corpus.c).
 * Does not generate anything; reads the corpus once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "counter.h"
#include "err.h"
#include "jsonl_papers.h"
#include "mem.h"
#include "words.h"

/* Per-paper state while its words stream by. */
struct doc_state {
	ct_table *vocab;
	uint64_t *tcount, *acount;  /* per word id: in titles, in abstracts */
	uint64_t *df;               /* per word id: papers that hold it */
	uint32_t *seen;             /* per word id: last paper (1-based) it was seen in */
	uint32_t *in_abs;           /* per word id: last paper whose abstract holds it */
	size_t cap;
	uint32_t doc;
	size_t *title_ids;          /* the current title's word ids */
	size_t ntitle, title_cap;
	int in_title;
	uint64_t len;               /* words in the current field */
	uint64_t abs_tokens, abs_repeats, clauses;
};

static size_t word_id(struct doc_state *s, const char *w, size_t n)
{
	size_t id = ct_add(s->vocab, w, n, 1, NULL);
	if (id >= s->cap) {
		size_t cap = s->cap;
		s->tcount = mem_grow(s->tcount, &cap, id + 1, sizeof *s->tcount);
		cap = s->cap;
		s->acount = mem_grow(s->acount, &cap, id + 1, sizeof *s->acount);
		cap = s->cap;
		s->in_abs = mem_grow(s->in_abs, &cap, id + 1, sizeof *s->in_abs);
		cap = s->cap;
		s->df = mem_grow(s->df, &cap, id + 1, sizeof *s->df);
		size_t old = s->cap;
		s->seen = mem_grow(s->seen, &s->cap, id + 1, sizeof *s->seen);
		for (size_t i = old; i < s->cap; i++)
			s->tcount[i] = s->acount[i] = s->df[i] = s->seen[i] = s->in_abs[i] = 0;
	}
	return id;
}

static int on_word(void *ctx, const char *w, size_t n, int brk)
{
	struct doc_state *s = ctx;
	size_t id = word_id(s, w, n);
	s->len++;
	if (s->in_title) {
		s->tcount[id]++;
		s->title_ids = mem_grow(s->title_ids, &s->title_cap, s->ntitle + 1, sizeof *s->title_ids);
		s->title_ids[s->ntitle++] = id;
	} else {
		s->acount[id]++;
		s->abs_tokens++;
		s->abs_repeats += s->seen[id] == s->doc;
		s->in_abs[id] = s->doc;
		s->clauses += brk;
	}
	s->df[id] += s->seen[id] != s->doc;
	s->seen[id] = s->doc;
	return 0;
}

static void hist_add(ct_table *h, const char *kind, unsigned long v)
{
	char key[64];
	int n = snprintf(key, sizeof key, "%s\t%lu", kind, v);
	ct_add(h, key, (size_t)n, 1, NULL);
}

/* Splits a display name at its last space: "Jean-François Cardoso" ->
 * first "Jean-François", last "Cardoso". */
static void add_name(ct_table *names, const char *full)
{
	const char *sp = strrchr(full, ' ');
	buf k = BUF_INIT;
	buf_puts(&k, "first\t");
	if (sp)
		buf_put(&k, full, (size_t)(sp - full));
	ct_add(names, (const char *)k.p, k.n, 1, NULL);
	buf_clear(&k);
	buf_puts(&k, "last\t");
	buf_puts(&k, sp ? sp + 1 : full);
	ct_add(names, (const char *)k.p, k.n, 1, NULL);
	buf_free(&k);
}

static gzFile open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	gzFile f = gzopen(path, "wb9");
	if (!f)
		perror(path);
	return f;
}

/* Writes every key of t with its count, largest first. */
static int write_table(const char *dir, const char *name, const ct_table *t)
{
	gzFile f = open_out(dir, name);
	if (!f)
		return 1;
	size_t *ids = ct_sorted(t);
	for (size_t i = 0; i < ct_size(t); i++)
		gzprintf(f, "%s\t%llu\n", ct_key(t, ids[i]), (unsigned long long)ct_count(t, ids[i]));
	free(ids);
	return gzclose(f) != Z_OK;
}

/* Heaps' law V = K n^beta fitted (least squares on logs) to the expected
 * vocabulary of random subsets of 1/32, 1/16 ... 1 of the papers: a word
 * in df of N papers is missing from a random fraction f with probability
 * (1 - f)^df. Random subsets rather than prefixes, because the file is in
 * venue and year order and its prefixes add topics faster than size. */
static void fit_heaps(const struct doc_state *s, double tokens, double *k, double *beta)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
	for (double f = 1.0 / 32; f <= 1.0; f *= 2) {
		double v = 0;
		for (size_t i = 0; i < ct_size(s->vocab); i++)
			v -= expm1((double)s->df[i] * log1p(-f + 1e-12));
		double x = log(f * tokens), y = log(v);
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
		m++;
	}
	*beta = (m * sxy - sx * sy) / (m * sxx - sx * sx);
	*k = exp((sy - *beta * sx) / m);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: make_model CORPUS.jsonl[.gz] OUTDIR\n");
		return 2;
	}
	struct doc_state s = {0};
	s.vocab = ct_new();
	ct_table *hist = ct_new(), *venues = ct_new(), *authors = ct_new(), *names = ct_new();
	uint64_t title_tokens = 0, slots = 0, null_slugs = 0, title_seen = 0, title_in_abs = 0;
	buf scratch = BUF_INIT, key = BUF_INIT;
	jp_reader *rd = NULL;
	int status = 1, rc = jp_open(argv[1], &rd);
	if (rc) {
		fprintf(stderr, "make_model: %s: %s\n", argv[1], pdx_strerror(rc));
		goto done;
	}
	jp_paper p;
	while ((rc = jp_next(rd, &p)) == 1) {
		s.doc++;
		s.ntitle = 0;
		s.in_title = 1;
		s.len = 0;
		wd_split(p.title, strlen(p.title), WD_COMPOUNDS, &scratch, on_word, &s);
		hist_add(hist, "title_len", (unsigned long)s.len);
		title_tokens += s.len;
		s.in_title = 0;
		s.len = 0;
		wd_split(p.abstract, strlen(p.abstract), WD_COMPOUNDS, &scratch, on_word, &s);
		hist_add(hist, "abstract_len", (unsigned long)s.len);
		for (size_t i = 0; i < s.ntitle; i++) {
			if (wd_is_function_word(ct_key(s.vocab, s.title_ids[i])))
				continue;
			title_seen++;
			title_in_abs += s.in_abs[s.title_ids[i]] == s.doc;
		}
		buf_clear(&key);
		buf_printf(&key, "%s\t%s", p.venue, p.year);
		ct_add(venues, (const char *)key.p, key.n, 1, NULL);
		hist_add(hist, "authors", (unsigned long)p.nauthors);
		for (size_t i = 0; i < p.nauthors; i++) {
			slots++;
			if (!*p.authors[i]) {
				null_slugs++;
				continue;
			}
			int fresh;
			ct_add(authors, p.authors[i], strlen(p.authors[i]), 1, &fresh);
			if (fresh)
				add_name(names, p.author_names[i]);
		}
	}
	if (rc) {
		fprintf(stderr, "make_model: %s: %s\n", argv[1], pdx_strerror(rc));
		goto done;
	}
	if (s.doc < 1000) {
		fprintf(stderr, "make_model: %s: too few papers for a model\n", argv[1]);
		goto done;
	}

	/* Words seen twice or more are stored; hapaxes are counted. */
	uint64_t title_hapax = 0, abstract_hapax = 0;
	gzFile f = open_out(argv[2], "words.tsv.gz");
	if (!f)
		goto done;
	size_t *ids = ct_sorted(s.vocab);
	for (size_t i = 0; i < ct_size(s.vocab); i++) {
		size_t id = ids[i];
		if (ct_count(s.vocab, id) >= 2) {
			gzprintf(f, "%s\t%llu\t%llu\n", ct_key(s.vocab, id),
				 (unsigned long long)s.tcount[id], (unsigned long long)s.acount[id]);
			continue;
		}
		title_hapax += s.tcount[id];
		abstract_hapax += s.acount[id];
		hist_add(hist, "hapax_len", (unsigned long)ct_key_len(s.vocab, id));
	}
	free(ids);
	if (gzclose(f) != Z_OK)
		goto done;
	for (size_t i = 0; i < ct_size(authors); i++)
		hist_add(hist, "papers_per_author", (unsigned long)ct_count(authors, i));
	if (write_table(argv[2], "lengths.tsv.gz", hist) || write_table(argv[2], "venues.tsv.gz", venues) ||
	    write_table(argv[2], "names.tsv.gz", names))
		goto done;

	double hk, hbeta;
	fit_heaps(&s, (double)(title_tokens + s.abs_tokens), &hk, &hbeta);
	char path[4096];
	snprintf(path, sizeof path, "%s/params.tsv", argv[2]);
	FILE *pf = fopen(path, "w");
	if (!pf) {
		perror(path);
		goto done;
	}
	fprintf(pf, "papers\t%u\n", s.doc);
	fprintf(pf, "title_tokens\t%llu\n", (unsigned long long)title_tokens);
	fprintf(pf, "abstract_tokens\t%llu\n", (unsigned long long)s.abs_tokens);
	fprintf(pf, "vocabulary\t%zu\n", ct_size(s.vocab));
	fprintf(pf, "title_hapax\t%llu\n", (unsigned long long)title_hapax);
	fprintf(pf, "abstract_hapax\t%llu\n", (unsigned long long)abstract_hapax);
	fprintf(pf, "heaps_k\t%.4f\n", hk);
	fprintf(pf, "heaps_beta\t%.4f\n", hbeta);
	fprintf(pf, "abstract_repeat_rate\t%.4f\n",
		s.abs_tokens ? (double)s.abs_repeats / (double)s.abs_tokens : 0.0);
	fprintf(pf, "title_in_abstract\t%.4f\n", title_seen ? (double)title_in_abs / (double)title_seen : 0.0);
	fprintf(pf, "clause_len\t%.2f\n", s.clauses ? (double)s.abs_tokens / (double)s.clauses : 0.0);
	fprintf(pf, "null_author_slug\t%.4f\n", slots ? (double)null_slugs / (double)slots : 0.0);
	fprintf(pf, "authors\t%zu\n", ct_size(authors));
	if (fclose(pf)) {
		perror(path);
		goto done;
	}
	fprintf(stderr, "make_model: %u papers, %zu words (%llu hapax), Heaps beta %.3f\n", s.doc,
		ct_size(s.vocab), (unsigned long long)(title_hapax + abstract_hapax), hbeta);
	status = 0;
done:
	jp_close(rd);
	ct_free(s.vocab);
	ct_free(hist);
	ct_free(venues);
	ct_free(authors);
	ct_free(names);
	free(s.tcount);
	free(s.acount);
	free(s.seen);
	free(s.in_abs);
	free(s.df);
	free(s.title_ids);
	buf_free(&scratch);
	buf_free(&key);
	return status;
}
