/* gen_corpus — writes N made-up papers in the ML Anthology shape, drawn
 * from the model that make_model derived from mlanthology:
 *
 *   gen_corpus -n N [--seed S] [--model DIR] > corpus.jsonl
 *
 * The text is not grammatical; its statistics are meant to be real:
 * - Words. Title and abstract words are drawn from the model's title and
 *   abstract word frequencies (the words seen at least twice in
 *   mlanthology). A small share of draws goes to a Zipf tail instead:
 *   ranks past the model's words with P(r) ~ r^-alpha, each a made-up word
 *   with the length of one of mlanthology's words seen once. The tail holds
 *   the rare words that keep the vocabulary growing past mlanthology's
 *   size. Its share and exponent are solved at start-up so that the
 *   expected vocabulary equals mlanthology's at its size and follows the
 *   Heaps' law fitted to mlanthology (V = K n^beta) from 1/16 of it to ten
 *   times it.
 * - Burstiness. Real abstracts repeat their own words (40% of abstract
 *   words already occurred in the paper) and reuse their titles (three
 *   quarters of title words recur in the abstract). Each abstract word is
 *   therefore, with probability q, a copy of an earlier word of the same
 *   paper: of the title with probability tau, else of the abstract so far.
 *   Copies keep each word's overall frequency. q and tau are calibrated at
 *   start-up by simulation against the model's two rates.
 * - Lengths, authors per paper, venue and year come from the model's
 *   histograms. Authors recur: as many distinct authors are made as the
 *   model's papers-per-author distribution needs to fill every author slot,
 *   each with a first and a last name drawn from mlanthology's name pools,
 *   and dealt out at random. Like mlanthology's, an author's key is the
 *   folded "last-first" name, so homonyms share it.
 * Output is deterministic for a given N, seed and model. Reads only the
 * model; writes only stdout. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "counter.h"
#include "err.h"
#include "input.h"
#include "mem.h"
#include "names.h"
#include "rng.h"
#include "words.h"

/* ---- weighted draws: Vose's alias method --------------------------------- */

struct alias {
	double *prob;
	uint32_t *alias;
	size_t n;
};

static void alias_build(struct alias *a, const double *w, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	a->n = n;
	a->prob = mem_alloc((n ? n : 1) * sizeof *a->prob);
	a->alias = mem_alloc((n ? n : 1) * sizeof *a->alias);
	uint32_t *small = mem_alloc((n ? n : 1) * sizeof *small);
	uint32_t *large = mem_alloc((n ? n : 1) * sizeof *large);
	size_t ns = 0, nl = 0;
	for (size_t i = 0; i < n; i++) {
		a->prob[i] = sum > 0 ? w[i] * (double)n / sum : 1.0;
		a->alias[i] = (uint32_t)i;
		if (a->prob[i] < 1.0)
			small[ns++] = (uint32_t)i;
		else
			large[nl++] = (uint32_t)i;
	}
	while (ns && nl) {
		uint32_t s = small[--ns], l = large[nl - 1];
		a->alias[s] = l;
		a->prob[l] -= 1.0 - a->prob[s];
		if (a->prob[l] < 1.0) {
			nl--;
			small[ns++] = l;
		}
	}
	while (nl)
		a->prob[large[--nl]] = 1.0;
	while (ns)
		a->prob[small[--ns]] = 1.0;
	free(small);
	free(large);
}

static size_t alias_draw(const struct alias *a, rng *g)
{
	size_t i = (size_t)rng_below(g, a->n);
	return rng_double(g) < a->prob[i] ? i : a->alias[i];
}

static void alias_free(struct alias *a)
{
	free(a->prob);
	free(a->alias);
}

/* A distribution over strings (and their numeric values, for lengths). */
struct dist {
	char **key;
	unsigned long *val;
	double *w;
	size_t n, cap;
	struct alias a;
};

static void dist_add(struct dist *d, const char *key, size_t n, double w)
{
	size_t cap = d->cap;
	d->key = mem_grow(d->key, &cap, d->n + 1, sizeof *d->key);
	cap = d->cap;
	d->val = mem_grow(d->val, &cap, d->n + 1, sizeof *d->val);
	d->w = mem_grow(d->w, &d->cap, d->n + 1, sizeof *d->w);
	d->key[d->n] = mem_strndup(key, n);
	d->val[d->n] = strtoul(d->key[d->n], NULL, 10);
	d->w[d->n++] = w;
}

static size_t dist_draw(const struct dist *d, rng *g)
{
	return alias_draw(&d->a, g);
}

static void dist_free(struct dist *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->key[i]);
	free(d->key);
	free(d->val);
	free(d->w);
	alias_free(&d->a);
}

/* ---- the model ------------------------------------------------------------ */

struct model {
	ct_table *vocab;        /* every word: the model's, then made-up ones */
	size_t nreal;           /* ids below this have model frequencies */
	size_t real_cap;        /* allocated entries of tw, aw, func */
	double *tw, *aw;        /* per real id: count in titles, in abstracts */
	unsigned char *func;    /* per real id: a function word */
	struct alias title, abstract;
	struct dist title_len, abstract_len, authors, papers_per_author, hapax_len;
	struct dist venues, first, last;
	double title_tokens, abstract_tokens, vocabulary, title_hapax, abstract_hapax;
	double heaps_k, heaps_beta, repeat_rate, title_in_abstract, clause_len, null_slug;
};

/* Splits line at tabs into at most max fields; returns the field count. */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	return n;
}

typedef int (*row_fn)(struct model *m, char **f, int nf);

static int load_rows(struct model *m, const char *dir, const char *name, int nfields, row_fn fn)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	in_file *in;
	int rc = in_open(path, &in);
	if (rc) {
		fprintf(stderr, "gen_corpus: %s: %s\n", path, pdx_strerror(rc));
		return 1;
	}
	const char *line;
	size_t n;
	unsigned long lineno;
	while ((rc = in_next_line(in, &line, &n, &lineno)) == 1) {
		char *f[8];
		if (split_tabs((char *)line, f, 8) != nfields || fn(m, f, nfields)) {
			fprintf(stderr, "gen_corpus: %s:%lu: malformed\n", path, lineno);
			rc = PDX_EFORMAT;
			break;
		}
	}
	in_close(in);
	if (rc) {
		if (rc != PDX_EFORMAT)
			fprintf(stderr, "gen_corpus: %s: %s\n", path, pdx_strerror(rc));
		return 1;
	}
	return 0;
}

static int word_row(struct model *m, char **f, int nf)
{
	(void)nf;
	int fresh;
	size_t id = ct_add(m->vocab, f[0], strlen(f[0]), 0, &fresh);
	if (!fresh)
		return 1;
	size_t cap = m->real_cap;
	m->tw = mem_grow(m->tw, &cap, id + 1, sizeof *m->tw);
	cap = m->real_cap;
	m->aw = mem_grow(m->aw, &cap, id + 1, sizeof *m->aw);
	m->func = mem_grow(m->func, &m->real_cap, id + 1, sizeof *m->func);
	m->tw[id] = strtod(f[1], NULL);
	m->aw[id] = strtod(f[2], NULL);
	m->func[id] = (unsigned char)wd_is_function_word(f[0]);
	return 0;
}

static int length_row(struct model *m, char **f, int nf)
{
	(void)nf;
	struct dist *d = strcmp(f[0], "title_len") == 0 ? &m->title_len
		: strcmp(f[0], "abstract_len") == 0 ? &m->abstract_len
		: strcmp(f[0], "authors") == 0 ? &m->authors
		: strcmp(f[0], "papers_per_author") == 0 ? &m->papers_per_author
		: strcmp(f[0], "hapax_len") == 0 ? &m->hapax_len : NULL;
	if (d)
		dist_add(d, f[1], strlen(f[1]), strtod(f[2], NULL));
	return 0;
}

static int venue_row(struct model *m, char **f, int nf)
{
	(void)nf;
	char key[512];
	int n = snprintf(key, sizeof key, "%s\t%s", f[0], f[1]);
	if (n < 0 || (size_t)n >= sizeof key)
		return 1;
	dist_add(&m->venues, key, (size_t)n, strtod(f[2], NULL));
	return 0;
}

static int name_row(struct model *m, char **f, int nf)
{
	(void)nf;
	struct dist *d = strcmp(f[0], "first") == 0 ? &m->first : strcmp(f[0], "last") == 0 ? &m->last : NULL;
	if (!d)
		return 1;
	dist_add(d, f[1], strlen(f[1]), strtod(f[2], NULL));
	return 0;
}

static int param_row(struct model *m, char **f, int nf)
{
	(void)nf;
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{"title_tokens", offsetof(struct model, title_tokens)},
		{"abstract_tokens", offsetof(struct model, abstract_tokens)},
		{"vocabulary", offsetof(struct model, vocabulary)},
		{"title_hapax", offsetof(struct model, title_hapax)},
		{"abstract_hapax", offsetof(struct model, abstract_hapax)},
		{"heaps_k", offsetof(struct model, heaps_k)},
		{"heaps_beta", offsetof(struct model, heaps_beta)},
		{"abstract_repeat_rate", offsetof(struct model, repeat_rate)},
		{"title_in_abstract", offsetof(struct model, title_in_abstract)},
		{"clause_len", offsetof(struct model, clause_len)},
		{"null_author_slug", offsetof(struct model, null_slug)},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(f[0], keys[i].key) == 0)
			*(double *)((char *)m + keys[i].off) = strtod(f[1], NULL);
	return 0;
}

/* A made-up word of about n bytes: consonant and vowel letters in turn,
 * not already a word (longer when short ones run out). */
static size_t made_up_word(struct model *m, size_t n, rng *g)
{
	static const char cons[] = "bcdfghklmnprstvz", vow[] = "aeiou";
	char w[64];
	if (n < 3)
		n = 3;
	for (int tries = 0;; tries++) {
		if (tries >= 8 && n < sizeof w - 1) {
			n++;
			tries = 0;
		}
		if (n >= sizeof w)
			n = sizeof w - 1;
		int v = (int)rng_below(g, 2);
		for (size_t i = 0; i < n; i++, v = !v)
			w[i] = v ? vow[rng_below(g, sizeof vow - 1)] : cons[rng_below(g, sizeof cons - 1)];
		w[n] = 0;
		int fresh;
		size_t id = ct_add(m->vocab, w, n, 0, &fresh);
		if (fresh)
			return id;
	}
}

static int model_load(struct model *m, const char *dir)
{
	memset(m, 0, sizeof *m);
	m->vocab = ct_new();
	if (load_rows(m, dir, "params.tsv", 2, param_row) ||
	    load_rows(m, dir, "words.tsv.gz", 3, word_row) ||
	    load_rows(m, dir, "lengths.tsv.gz", 3, length_row) ||
	    load_rows(m, dir, "venues.tsv.gz", 3, venue_row) ||
	    load_rows(m, dir, "names.tsv.gz", 3, name_row))
		return 1;
	if (!ct_size(m->vocab) || !m->title_len.n || !m->abstract_len.n || !m->authors.n ||
	    !m->papers_per_author.n || !m->hapax_len.n || !m->venues.n || !m->first.n ||
	    !m->last.n || m->title_tokens <= 0 || m->abstract_tokens <= 0) {
		fprintf(stderr, "gen_corpus: %s: incomplete model\n", dir);
		return 1;
	}
	struct dist *ds[] = {&m->title_len, &m->abstract_len, &m->authors, &m->papers_per_author,
			     &m->hapax_len, &m->venues, &m->first, &m->last};
	for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++)
		alias_build(&ds[i]->a, ds[i]->w, ds[i]->n);
	m->nreal = ct_size(m->vocab);
	alias_build(&m->title, m->tw, m->nreal);
	alias_build(&m->abstract, m->aw, m->nreal);
	return 0;
}

static void model_free(struct model *m)
{
	ct_free(m->vocab);
	free(m->tw);
	free(m->aw);
	free(m->func);
	alias_free(&m->title);
	alias_free(&m->abstract);
	struct dist *ds[] = {&m->title_len, &m->abstract_len, &m->authors, &m->papers_per_author,
			     &m->hapax_len, &m->venues, &m->first, &m->last};
	for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++)
		dist_free(ds[i]);
}

/* ---- drawing words -------------------------------------------------------- */

enum { TITLE, ABSTRACT };

struct gen {
	struct model *m;
	rng *g;
	double q, tau;          /* copy probability; share of copies from the title */
	double eps[2];          /* per field: probability of a draw from the tail */
	double alpha;           /* the tail's Zipf exponent */
	double r0, rmax;        /* the tail's ranks: after the model's words, up to rmax */
	int no_tail;            /* calibration runs: no draws from the tail */
	ct_table *tail;         /* rank (decimal) -> index into tail_id */
	uint32_t *tail_id;      /* per tail word drawn so far: its word id */
	size_t tail_cap;
	size_t *doc;            /* the current paper's word ids: title then abstract */
	size_t ntitle, ndoc, doc_cap;
};

/* A rank of the tail, P(r) proportional to r^-alpha on [r0, rmax): the
 * inverse of the continuous power law's distribution function. */
static double tail_rank(const struct gen *s, double u)
{
	double a1 = 1 - s->alpha;
	return s->r0 * pow(1 - u * (1 - pow(s->rmax / s->r0, a1)), 1 / a1);
}

/* A word of the Zipf tail: ranks past the model's words, each a made-up
 * word from its first draw on. */
static size_t tail_draw(struct gen *s)
{
	char key[32];
	int n = snprintf(key, sizeof key, "%.0f", floor(tail_rank(s, rng_double(s->g))));
	int fresh;
	size_t t = ct_add(s->tail, key, (size_t)n, 1, &fresh);
	if (fresh) {
		s->tail_id = mem_grow(s->tail_id, &s->tail_cap, t + 1, sizeof *s->tail_id);
		s->tail_id[t] = (uint32_t)made_up_word(s->m, s->m->hapax_len.val[dist_draw(&s->m->hapax_len, s->g)], s->g);
	}
	return s->tail_id[t];
}

static size_t fresh_word(struct gen *s, int field)
{
	if (!s->no_tail && rng_double(s->g) < s->eps[field])
		return tail_draw(s);
	return alias_draw(field == TITLE ? &s->m->title : &s->m->abstract, s->g);
}

static void doc_push(struct gen *s, size_t id)
{
	s->doc = mem_grow(s->doc, &s->doc_cap, s->ndoc + 1, sizeof *s->doc);
	s->doc[s->ndoc++] = id;
}

/* Draws one paper's words into s->doc. */
static void draw_paper(struct gen *s)
{
	struct model *m = s->m;
	size_t nt = m->title_len.val[dist_draw(&m->title_len, s->g)];
	size_t na = m->abstract_len.val[dist_draw(&m->abstract_len, s->g)];
	s->ndoc = 0;
	for (size_t i = 0; i < nt; i++)
		doc_push(s, fresh_word(s, TITLE));
	s->ntitle = nt;
	for (size_t i = 0; i < na; i++) {
		size_t nabs = s->ndoc - s->ntitle;
		if (s->ndoc && rng_double(s->g) < s->q) {
			int from_title = nabs == 0 || (s->ntitle && rng_double(s->g) < s->tau);
			size_t at = from_title ? rng_below(s->g, s->ntitle)
					       : s->ntitle + rng_below(s->g, nabs);
			doc_push(s, s->doc[at]);
		} else {
			doc_push(s, fresh_word(s, ABSTRACT));
		}
	}
}

/* The two within-paper rates of make_model, measured on n drawn papers. */
static void measure_rates(struct gen *s, size_t n, double *repeat, double *title_in_abs)
{
	size_t cap = ct_size(s->m->vocab);
	uint32_t *seen = mem_calloc(cap, sizeof *seen), *in_abs = mem_calloc(cap, sizeof *in_abs);
	double tok = 0, rep = 0, tseen = 0, tin = 0;
	for (uint32_t d = 1; d <= n; d++) {
		draw_paper(s);
		for (size_t i = 0; i < s->ndoc; i++) {
			size_t id = s->doc[i];
			if (i >= s->ntitle) {
				tok++;
				rep += seen[id] == d;
				in_abs[id] = d;
			}
			seen[id] = d;
		}
		for (size_t i = 0; i < s->ntitle; i++) {
			if (s->m->func[s->doc[i]])
				continue;
			tseen++;
			tin += in_abs[s->doc[i]] == d;
		}
	}
	*repeat = tok ? rep / tok : 0;
	*title_in_abs = tseen ? tin / tseen : 0;
	free(seen);
	free(in_abs);
}

/* Finds q and tau by fixed-point steps on simulated papers (each step on
 * the same simulated stream, so the rates move smoothly). */
static void calibrate_copies(struct gen *s)
{
	rng *main_rng = s->g, cal;
	s->g = &cal;
	s->no_tail = 1;
	s->q = s->m->repeat_rate / 2;
	s->tau = 0.3;
	double r = 0, t = 0;
	for (int it = 0; it < 16; it++) {
		rng_seed(&cal, 0xca11b8);
		measure_rates(s, 4000, &r, &t);
		s->q += (s->m->repeat_rate - r) * 1.2;
		s->tau += (s->m->title_in_abstract - t) * 1.5;
		s->q = s->q < 0 ? 0 : s->q > 0.95 ? 0.95 : s->q;
		s->tau = s->tau < 0 ? 0 : s->tau > 1 ? 1 : s->tau;
	}
	fprintf(stderr, "gen_corpus: copies q=%.3f tau=%.3f: repeat rate %.3f (model %.3f),"
		" title words in abstract %.3f (model %.3f)\n", s->q, s->tau, r, s->m->repeat_rate, t,
		s->m->title_in_abstract);
	s->g = main_rng;
	s->no_tail = 0;
}

/* Expected distinct model words at `scale` times mlanthology's size. */
static double model_types(const struct gen *s, double scale)
{
	const struct model *m = s->m;
	double v = 0;
	for (size_t i = 0; i < m->nreal; i++) {
		double lambda = scale * ((1 - s->eps[TITLE]) * m->tw[i] +
					 (1 - s->q) * (1 - s->eps[ABSTRACT]) * m->aw[i]);
		v -= expm1(-lambda);
	}
	return v;
}

/* Draws from the tail at `scale` times mlanthology's size (copies are not
 * draws). */
static double tail_draws(const struct gen *s, double scale)
{
	return scale * (s->eps[TITLE] * s->m->title_tokens +
			(1 - s->q) * s->eps[ABSTRACT] * s->m->abstract_tokens);
}

/* Expected distinct tail words after n draws: the integral over ranks of
 * 1 - exp(-n p(r)), in log-spaced steps. */
static double tail_types(const struct gen *s, double n)
{
	double a1 = 1 - s->alpha;
	double c = -a1 * pow(s->r0, -a1) / (1 - pow(s->rmax / s->r0, a1));
	double lo = log(s->r0), hi = log(s->rmax), h = (hi - lo) / 800, v = 0;
	for (int i = 0; i < 800; i++) {
		double r = exp(lo + (i + 0.5) * h);
		v -= expm1(-n * c * pow(r, -s->alpha)) * r * h;
	}
	return v;
}

#define NSCALES 5

/* Chooses the tail's share of draws and its exponent so that the expected
 * vocabulary follows the Heaps' law fitted to mlanthology from 1/16 of its
 * size to ten times it, and equals mlanthology's at its size (weighted
 * most: that is what can be checked). The share starts at the Good-Turing
 * estimate of unseen words (words seen once / words) and may grow fourfold,
 * since the model's own words seen once are dropped. */
static int calibrate_tail(struct gen *s)
{
	const struct model *m = s->m;
	static const double scale[NSCALES] = {1.0 / 16, 1.0 / 4, 1, 4, 10};
	static const double weight[NSCALES] = {1, 1, 3, 1, 1};
	double gt_t = m->title_hapax / m->title_tokens, gt_a = m->abstract_hapax / m->abstract_tokens;
	double tokens = m->title_tokens + m->abstract_tokens, target[NSCALES];
	for (int i = 0; i < NSCALES; i++)
		target[i] = scale[i] == 1 ? m->vocabulary : m->heaps_k * pow(scale[i] * tokens, m->heaps_beta);
	s->r0 = (double)m->nreal;
	s->rmax = 1e10;
	double best = INFINITY, best_mult = 1, best_alpha = 2, got[NSCALES] = {0};
	for (double mult = 1; mult <= 4.001; mult += 0.05) {
		s->eps[TITLE] = gt_t * mult;
		s->eps[ABSTRACT] = gt_a * mult;
		double e[NSCALES];
		for (int i = 0; i < NSCALES; i++)
			e[i] = model_types(s, scale[i]);
		for (double alpha = 1.05; alpha <= 3.0; alpha += 0.01) {
			s->alpha = alpha;
			double err = 0, v[NSCALES];
			for (int i = 0; i < NSCALES; i++) {
				v[i] = e[i] + tail_types(s, tail_draws(s, scale[i]));
				double d = log(v[i] / target[i]);
				err += weight[i] * d * d;
			}
			if (err < best) {
				best = err;
				best_mult = mult;
				best_alpha = alpha;
				memcpy(got, v, sizeof got);
			}
		}
	}
	s->eps[TITLE] = gt_t * best_mult;
	s->eps[ABSTRACT] = gt_a * best_mult;
	s->alpha = best_alpha;
	fprintf(stderr, "gen_corpus: Zipf tail: %.2f%% of draws, exponent %.2f; expected vocabulary"
		" (Heaps' law) at 1/16x %.0f (%.0f), 1x %.0f (model %.0f), 10x %.0f (%.0f)\n",
		100 * s->eps[ABSTRACT], s->alpha, got[0], target[0], got[2], target[2], got[4], target[4]);
	return 0;
}

/* ---- authors -------------------------------------------------------------- */

struct authors {
	size_t *first_slot;     /* per paper: index of its first slot; n + 1 entries */
	int32_t *slot;          /* per slot: author id, or -1 for an author without a key */
	uint32_t *first, *last; /* per author: name ids in the model's pools */
	size_t nauthors;
};

/* Makes the authors and deals them out to n papers. */
static void authors_make(struct authors *a, const struct model *m, size_t n, rng *g)
{
	a->first_slot = mem_alloc((n + 1) * sizeof *a->first_slot);
	size_t slots = 0, keyed = 0;
	for (size_t i = 0; i < n; i++) {
		a->first_slot[i] = slots;
		slots += m->authors.val[dist_draw(&m->authors, g)];
	}
	a->first_slot[n] = slots;
	a->slot = mem_alloc((slots ? slots : 1) * sizeof *a->slot);
	for (size_t i = 0; i < slots; i++) {
		a->slot[i] = rng_double(g) < m->null_slug ? -1 : 0;
		keyed += a->slot[i] == 0;
	}
	/* Authors with their paper counts until the keyed slots are filled. */
	int32_t *deck = mem_alloc((keyed ? keyed : 1) * sizeof *deck);
	size_t filled = 0, cap = 0;
	a->first = a->last = NULL;
	a->nauthors = 0;
	while (filled < keyed) {
		size_t c = m->papers_per_author.val[dist_draw(&m->papers_per_author, g)];
		if (c == 0)
			continue;
		if (c > keyed - filled)
			c = keyed - filled;
		size_t cap2 = cap;
		a->first = mem_grow(a->first, &cap2, a->nauthors + 1, sizeof *a->first);
		a->last = mem_grow(a->last, &cap, a->nauthors + 1, sizeof *a->last);
		a->first[a->nauthors] = (uint32_t)dist_draw(&m->first, g);
		a->last[a->nauthors] = (uint32_t)dist_draw(&m->last, g);
		while (c--)
			deck[filled++] = (int32_t)a->nauthors;
		a->nauthors++;
	}
	for (size_t i = keyed; i > 1; i--) {
		size_t j = (size_t)rng_below(g, i);
		int32_t t = deck[i - 1];
		deck[i - 1] = deck[j];
		deck[j] = t;
	}
	/* Deal in paper order; an author already on the paper is swapped with
	 * a later card, or the slot loses its key. */
	size_t next = 0;
	for (size_t p = 0; p < n; p++) {
		for (size_t s = a->first_slot[p]; s < a->first_slot[p + 1]; s++) {
			if (a->slot[s] < 0)
				continue;
			for (int tries = 0; tries < 8; tries++) {
				int dup = 0;
				for (size_t t = a->first_slot[p]; t < s && !dup; t++)
					dup = a->slot[t] == deck[next];
				if (!dup)
					break;
				if (next + 1 >= keyed) {
					deck[next] = -1;
					break;
				}
				size_t j = next + 1 + (size_t)rng_below(g, keyed - next - 1);
				int32_t t = deck[next];
				deck[next] = deck[j];
				deck[j] = t;
			}
			a->slot[s] = deck[next++];
		}
	}
	free(deck);
}

static void authors_free(struct authors *a)
{
	free(a->first_slot);
	free(a->slot);
	free(a->first);
	free(a->last);
}

/* ---- writing papers ------------------------------------------------------- */

static void put_word(buf *out, const char *w, int cap)
{
	if (cap && *w >= 'a' && *w <= 'z') {
		buf_putc(out, *w - 32);
		w++;
	}
	buf_puts(out, w);
}

/* Title Case, except function words after the first. */
static void render_title(const struct gen *s, buf *out)
{
	buf_clear(out);
	for (size_t i = 0; i < s->ntitle; i++) {
		size_t id = s->doc[i];
		if (i)
			buf_putc(out, ' ');
		put_word(out, ct_key(s->m->vocab, id), i == 0 || id >= s->m->nreal || !s->m->func[id]);
	}
}

/* Clauses of the model's mean length, ended by commas and full stops. */
static void render_abstract(const struct gen *s, buf *out, rng *g)
{
	buf_clear(out);
	int cap = 1;
	for (size_t i = s->ntitle; i < s->ndoc; i++) {
		if (i > s->ntitle)
			buf_putc(out, ' ');
		put_word(out, ct_key(s->m->vocab, s->doc[i]), cap);
		cap = 0;
		if (i + 1 == s->ndoc) {
			buf_putc(out, '.');
		} else if (rng_double(g) * s->m->clause_len < 1) {
			cap = rng_double(g) < 0.45;
			buf_putc(out, cap ? '.' : ',');
		}
	}
}

/* Folded letters and digits of s, at most max bytes. */
static void id_part(buf *out, const char *s, size_t max)
{
	buf k = BUF_INIT;
	name_key(s, strlen(s), &k);
	size_t start = out->n;
	for (size_t i = 0; i < k.n && out->n - start < max; i++)
		if ((k.p[i] >= 'a' && k.p[i] <= 'z') || (k.p[i] >= '0' && k.p[i] <= '9'))
			buf_putc(out, k.p[i]);
	buf_free(&k);
}

/* "last-first" as mlanthology keys authors: folded, words joined by '-'. */
static void author_slug(buf *out, const char *first, const char *last)
{
	buf k = BUF_INIT;
	name_key(last, strlen(last), &k);
	if (*first) {
		buf_putc(&k, ' ');
		name_key(first, strlen(first), &k);
	}
	for (size_t i = 0; i < k.n; i++)
		buf_putc(out, k.p[i] == ' ' ? '-' : k.p[i]);
	buf_free(&k);
}

static void full_name(buf *out, const char *first, const char *last)
{
	buf_clear(out);
	if (*first) {
		buf_puts(out, first);
		buf_putc(out, ' ');
	}
	buf_puts(out, last);
}

/* The paper id as mlanthology builds it: the first author's last name, the
 * year, the venue, the first content word of the title ("ablin2019aistats-
 * stochastic"), and "-a", "-b"... when taken. */
static void paper_id(buf *out, const struct gen *s, const char *last, const char *venue,
		     size_t venue_len, const char *year, ct_table *ids)
{
	const struct model *m = s->m;
	size_t w = 0;
	while (w < s->ntitle && s->doc[w] < m->nreal && m->func[s->doc[w]])
		w++;
	buf_clear(out);
	id_part(out, last, 24);
	buf_puts(out, year);
	buf_put(out, venue, venue_len);
	buf_putc(out, '-');
	size_t mark = out->n;
	if (w < s->ntitle)
		id_part(out, ct_key(m->vocab, s->doc[w]), 24);
	if (out->n == mark)
		buf_puts(out, "paper");
	mark = out->n;
	int fresh;
	ct_add(ids, (const char *)out->p, out->n, 1, &fresh);
	for (unsigned suffix = 0; !fresh; suffix++) {
		char sfx[16];
		int k = 0;
		for (unsigned v = suffix;; v = v / 26 - 1) {
			sfx[k++] = (char)('a' + v % 26);
			if (v < 26)
				break;
		}
		out->n = mark;
		buf_putc(out, '-');
		while (k)
			buf_putc(out, sfx[--k]);
		ct_add(ids, (const char *)out->p, out->n, 1, &fresh);
	}
}

/* Draws paper p and appends it to line as one JSON object and a newline. */
static void write_paper(buf *line, struct gen *s, const struct authors *au, size_t p,
			ct_table *ids)
{
	const struct model *m = s->m;
	buf text = BUF_INIT;
	draw_paper(s);
	const char *venue_year = m->venues.key[dist_draw(&m->venues, s->g)];
	const char *tab = strchr(venue_year, '\t');
	size_t s0 = au->first_slot[p], na = au->first_slot[p + 1] - s0;
	/* Names first (the id needs the first author's); authors without a key
	 * get one-off names, as in mlanthology. */
	const char **first = mem_alloc((na ? na : 1) * sizeof *first);
	const char **last = mem_alloc((na ? na : 1) * sizeof *last);
	for (size_t i = 0; i < na; i++) {
		int32_t a = au->slot[s0 + i];
		first[i] = m->first.key[a >= 0 ? au->first[a] : dist_draw(&m->first, s->g)];
		last[i] = m->last.key[a >= 0 ? au->last[a] : dist_draw(&m->last, s->g)];
	}
	paper_id(&text, s, na ? last[0] : "", venue_year, (size_t)(tab - venue_year), tab + 1, ids);
	buf_puts(line, "{\"id\": ");
	buf_put_json_str(line, (const char *)text.p, text.n);
	render_title(s, &text);
	buf_puts(line, ", \"title\": ");
	buf_put_json_str(line, (const char *)text.p, text.n);
	render_abstract(s, &text, s->g);
	buf_puts(line, ", \"abstract\": ");
	buf_put_json_str(line, (const char *)text.p, text.n);
	buf_puts(line, ", \"authors\": [");
	for (size_t i = 0; i < na; i++) {
		if (i)
			buf_puts(line, ", ");
		if (au->slot[s0 + i] < 0) {
			buf_puts(line, "null");
			continue;
		}
		buf_clear(&text);
		author_slug(&text, first[i], last[i]);
		buf_put_json_str(line, (const char *)text.p, text.n);
	}
	buf_puts(line, "], \"author_names\": [");
	for (size_t i = 0; i < na; i++) {
		if (i)
			buf_puts(line, ", ");
		full_name(&text, first[i], last[i]);
		buf_put_json_str(line, (const char *)text.p, text.n);
	}
	buf_puts(line, "], \"venue\": ");
	buf_put_json_str(line, venue_year, (size_t)(tab - venue_year));
	buf_puts(line, ", \"year\": ");
	buf_put_json_str(line, tab + 1, strlen(tab + 1));
	buf_puts(line, "}\n");
	free(first);
	free(last);
	buf_free(&text);
}

/* ---- main ----------------------------------------------------------------- */

static int usage(FILE *f)
{
	fprintf(f, "usage: gen_corpus -n N [--seed S] [--model DIR] > corpus.jsonl\n");
	return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	size_t n = 0;
	uint64_t seed = 20260101;
	const char *dir = "bench/model";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return usage(stdout);
		else
			return usage(stderr);
	}
	if (n == 0)
		return usage(stderr);

	rng g;
	rng_seed(&g, seed);
	struct model m;
	struct gen s = {0};
	struct authors au = {0};
	buf line = BUF_INIT;
	ct_table *ids = ct_new();
	int status = 1;
	if (model_load(&m, dir))
		goto done;
	s.m = &m;
	s.g = &g;
	s.tail = ct_new();
	calibrate_copies(&s);
	if (calibrate_tail(&s))
		goto done;
	authors_make(&au, &m, n, &g);

	for (size_t p = 0; p < n; p++) {
		buf_clear(&line);
		write_paper(&line, &s, &au, p, ids);
		if (fwrite(line.p, 1, line.n, stdout) != line.n) {
			perror("gen_corpus: stdout");
			goto done;
		}
	}
	if (fflush(stdout)) {
		perror("gen_corpus: stdout");
		goto done;
	}
	fprintf(stderr, "gen_corpus: %zu papers, %zu authors, %zu tail words\n", n, au.nauthors,
		ct_size(s.tail));
	status = 0;
done:
	model_free(&m);
	authors_free(&au);
	ct_free(s.tail);
	free(s.tail_id);
	free(s.doc);
	ct_free(ids);
	buf_free(&line);
	return status;
}
