/* corpus_stats — the statistics by which a generated corpus is checked
 * against the real one (bench/make_model.sh prints them side by side):
 *
 *   corpus_stats CORPUS.jsonl[.gz] > stats.tsv
 *
 * prints "key<TAB>value" lines: sizes and mean lengths; the vocabulary
 * after 10,000 papers and each doubling, and at the end, and the expected
 * vocabulary of random subsets of those sizes (the file may be in an order
 * that adds topics as it goes, as mlanthology's venue and year order does;
 * a generated corpus is in no order); postings (distinct
 * words per paper, summed: what an index without positions stores); the
 * two within-paper rates of make_model; the document frequencies of the
 * 200 words found in most papers and at ranks 1, 10, 100... ; author
 * statistics. Words are those of words.h with compounds whole, as in the
 * model. Writes nothing else. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "counter.h"
#include "err.h"
#include "jsonl_papers.h"
#include "mem.h"
#include "words.h"

struct stats {
	ct_table *vocab;
	uint64_t *df;
	uint32_t *seen, *in_abs;
	size_t cap;
	uint32_t doc;
	int in_title;
	size_t *title_ids;
	size_t ntitle, title_cap;
	uint64_t title_words, abs_words, abs_repeats, postings;
};

static int on_word(void *ctx, const char *w, size_t n, int brk)
{
	struct stats *s = ctx;
	(void)brk;
	size_t id = ct_add(s->vocab, w, n, 1, NULL);
	if (id >= s->cap) {
		size_t old = s->cap, cap = s->cap;
		s->df = mem_grow(s->df, &cap, id + 1, sizeof *s->df);
		cap = s->cap;
		s->in_abs = mem_grow(s->in_abs, &cap, id + 1, sizeof *s->in_abs);
		s->seen = mem_grow(s->seen, &s->cap, id + 1, sizeof *s->seen);
		for (size_t i = old; i < s->cap; i++)
			s->df[i] = s->seen[i] = s->in_abs[i] = 0;
	}
	if (s->in_title) {
		s->title_words++;
		s->title_ids = mem_grow(s->title_ids, &s->title_cap, s->ntitle + 1, sizeof *s->title_ids);
		s->title_ids[s->ntitle++] = id;
	} else {
		s->abs_words++;
		s->abs_repeats += s->seen[id] == s->doc;
		s->in_abs[id] = s->doc;
	}
	if (s->seen[id] != s->doc) {
		s->df[id]++;
		s->postings++;
	}
	s->seen[id] = s->doc;
	return 0;
}

static const uint64_t *sort_df;

static int by_df(const void *a, const void *b)
{
	uint64_t x = sort_df[*(const size_t *)a], y = sort_df[*(const size_t *)b];
	if (x != y)
		return x > y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: corpus_stats CORPUS.jsonl[.gz] > stats.tsv\n");
		return 2;
	}
	struct stats s = {0};
	s.vocab = ct_new();
	ct_table *authors = ct_new();
	uint64_t slots = 0, empty_abs = 0, tseen = 0, tin = 0;
	uint32_t next_mark = 10000;
	buf scratch = BUF_INIT;
	jp_reader *rd = NULL;
	int status = 1, rc = jp_open(argv[1], &rd);
	if (rc) {
		fprintf(stderr, "corpus_stats: %s: %s\n", argv[1], pdx_strerror(rc));
		goto done;
	}
	jp_paper p;
	while ((rc = jp_next(rd, &p)) == 1) {
		s.doc++;
		s.ntitle = 0;
		s.in_title = 1;
		wd_split(p.title, strlen(p.title), WD_COMPOUNDS, &scratch, on_word, &s);
		s.in_title = 0;
		uint64_t before = s.abs_words;
		wd_split(p.abstract, strlen(p.abstract), WD_COMPOUNDS, &scratch, on_word, &s);
		empty_abs += s.abs_words == before;
		for (size_t i = 0; i < s.ntitle; i++) {
			if (wd_is_function_word(ct_key(s.vocab, s.title_ids[i])))
				continue;
			tseen++;
			tin += s.in_abs[s.title_ids[i]] == s.doc;
		}
		for (size_t i = 0; i < p.nauthors; i++) {
			slots++;
			if (*p.authors[i])
				ct_add(authors, p.authors[i], strlen(p.authors[i]), 1, NULL);
		}
		if (s.doc == next_mark) {
			printf("vocabulary_at_%u\t%zu\n", s.doc, ct_size(s.vocab));
			next_mark *= 2;
		}
	}
	if (rc) {
		fprintf(stderr, "corpus_stats: %s: %s\n", argv[1], pdx_strerror(rc));
		goto done;
	}
	double n = s.doc ? s.doc : 1;
	printf("papers\t%u\n", s.doc);
	printf("vocabulary\t%zu\n", ct_size(s.vocab));
	printf("title_words_mean\t%.2f\n", (double)s.title_words / n);
	printf("abstract_words_mean\t%.2f\n", (double)s.abs_words / n);
	printf("empty_abstracts_pct\t%.2f\n", 100.0 * (double)empty_abs / n);
	printf("postings\t%llu\n", (unsigned long long)s.postings);
	printf("postings_per_paper\t%.2f\n", (double)s.postings / n);
	printf("abstract_repeat_rate\t%.4f\n", s.abs_words ? (double)s.abs_repeats / (double)s.abs_words : 0.0);
	printf("title_in_abstract\t%.4f\n", tseen ? (double)tin / (double)tseen : 0.0);
	size_t nv = ct_size(s.vocab), *ids = mem_alloc((nv ? nv : 1) * sizeof *ids), hapax = 0;
	for (size_t i = 0; i < nv; i++) {
		ids[i] = i;
		hapax += ct_count(s.vocab, i) == 1;
	}
	printf("hapax_words\t%zu\n", hapax);
	/* The expected vocabulary of a random subset of m papers: a word in df
	 * of them is missing with probability about (1 - m/n)^df. */
	for (double m = 10000; m < n; m *= 2) {
		double v = 0;
		for (size_t i = 0; i < nv; i++)
			v -= expm1((double)s.df[i] * log1p(-m / n));
		printf("vocabulary_random_%.0f\t%.0f\n", m, v);
	}
	sort_df = s.df;
	qsort(ids, nv, sizeof *ids, by_df);
	for (size_t r = 1; r <= nv; r *= 10)
		printf("df_rank_%zu\t%llu\n", r, (unsigned long long)s.df[ids[r - 1]]);
	for (size_t r = 0; r < nv && r < 200; r++)
		printf("df:%s\t%llu\n", ct_key(s.vocab, ids[r]), (unsigned long long)s.df[ids[r]]);
	free(ids);
	size_t one = 0;
	uint64_t most = 0;
	for (size_t i = 0; i < ct_size(authors); i++) {
		one += ct_count(authors, i) == 1;
		if (ct_count(authors, i) > most)
			most = ct_count(authors, i);
	}
	printf("authors_per_paper\t%.2f\n", (double)slots / n);
	printf("authors_distinct\t%zu\n", ct_size(authors));
	printf("authors_one_paper_pct\t%.1f\n",
	       ct_size(authors) ? 100.0 * (double)one / (double)ct_size(authors) : 0.0);
	printf("author_most_papers\t%llu\n", (unsigned long long)most);
	status = 0;
done:
	jp_close(rd);
	ct_free(s.vocab);
	ct_free(authors);
	free(s.df);
	free(s.seen);
	free(s.in_abs);
	free(s.title_ids);
	buf_free(&scratch);
	return status;
}
