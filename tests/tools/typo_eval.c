/* typo_eval — how well "did you mean" finds what was meant, on an index and
 * the real queries of its collection.
 *
 *   typo_eval [-v] DB QUERIES [TYPOS [SEED]]
 *
 * The words of QUERIES (a topics file read as text: the runs of ASCII
 * letters of every line, 4 letters or more, not stopwords) that the index
 * has are taken as spelled right. Each of them that would get a suggestion
 * is a false alarm. Then TYPOS times (default 1,000), a word drawn at
 * random gets one random edit (a letter deleted, inserted, replaced, or two
 * neighbours swapped: the four kinds of single-edit typos), and the
 * suggestions for the result are scored against the word: the first one
 * stems to it (right at 1), one of the first three does (right at 3), none
 * is made (silent), or only other words are (wrong). An edit that stems to
 * the word is not a typo and is drawn again. By what the index has of the
 * typo: absent (no paper), rare (at most SUG_RARE_DF papers) and common
 * (a real word, which by design gets no suggestion).
 *
 * Prints one line per figure ("name value..."); -v also lists each false
 * alarm and each typo not right at 1 on stderr. The same seed gives the
 * same typos on every machine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer.h"
#include "engine.h"
#include "mem.h"
#include "rng.h"
#include "store.h"
#include "suggest.h"

enum { SHOWN = 3 };

typedef struct word {
	char *text, *stem;
	uint32_t df;
} word;

/* The term of a one-word text (owned), or NULL when the text is not one
 * word (a stopword, a number and a word...). */
static char *stem_of(an_analyzer *an, const char *w, size_t n)
{
	char term[AN_MAX_TERM + 1];
	size_t len;
	return an_term_of(an, w, n, term, &len) ? mem_strndup(term, len) : NULL;
}

static uint32_t df_of(store_txn *t, const char *stem)
{
	store_term st;
	return store_term_get(t, stem, strlen(stem), &st) == 0 ? st.df : 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct tally {
	size_t n, at1, at3, silent, wrong;
} tally;

/* Reads the query words the index has, each once. */
static int read_words(const char *path, an_analyzer *an, store_txn *t, word **out, size_t *nout)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	word *w = NULL;
	size_t n = 0, cap = 0;
	char tok[64];
	size_t tn = 0;
	for (int c = getc(f);; c = getc(f)) {
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (letter && tn < sizeof tok - 1) {
			tok[tn++] = (char)(c | 0x20);
			continue;
		}
		if (!letter && tn >= 4 && !an_is_stopword(tok, tn)) {
			tok[tn] = '\0';
			int seen = 0;
			for (size_t i = 0; i < n && !seen; i++)
				seen = strcmp(w[i].text, tok) == 0;
			char *stem = seen ? NULL : stem_of(an, tok, tn);
			uint32_t df = stem ? df_of(t, stem) : 0;
			if (df) {
				w = mem_grow(w, &cap, n + 1, sizeof *w);
				w[n++] = (word){mem_strdup(tok), stem, df};
			} else {
				free(stem);
			}
		}
		if (!letter)
			tn = 0;
		if (c == EOF)
			break;
	}
	fclose(f);
	*out = w;
	*nout = n;
	return 0;
}

/* One random single edit of w into out (NUL-terminated). */
static void make_typo(rng *r, const char *w, char *out)
{
	size_t n = strlen(w);
	for (;;) {
		unsigned kind = (unsigned)(rng_below(r, 4));
		size_t at = (size_t)rng_below(r, n);
		char letter = (char)('a' + rng_below(r, 26));
		memcpy(out, w, n + 1);
		if (kind == 0) {
			memmove(out + at, out + at + 1, n - at);
		} else if (kind == 1) {
			memmove(out + at + 1, out + at, n - at + 1);
			out[at] = letter;
		} else if (kind == 2) {
			out[at] = letter;
		} else if (at + 1 < n) {
			out[at] = w[at + 1];
			out[at + 1] = w[at];
		}
		if (strcmp(out, w) != 0)
			return;
	}
}

int main(int argc, char **argv)
{
	int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	argv += verbose;
	argc -= verbose;
	if (argc < 3) {
		fputs("usage: typo_eval [-v] DB QUERIES [TYPOS [SEED]]\n", stderr);
		return 2;
	}
	size_t ntypos = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000;
	uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
	eng_index *e;
	if (eng_open(argv[1], NULL, &e)) {
		fprintf(stderr, "typo_eval: cannot open %s\n", argv[1]);
		return 1;
	}
	an_analyzer *an = eng_analyzer(e);
	store_txn *t = eng_txn(e);
	word *w;
	size_t nw;
	int rc = 1;
	if (read_words(argv[2], an, t, &w, &nw) || nw == 0)
		goto done;
	char *v[SHOWN];
	size_t nv, alarms = 0, calls = 0, skipped = 0;
	double ms = 0;
	for (size_t i = 0; i < nw; i++) {
		double t0 = now_ms();
		sug_word(t, an, 0, w[i].text, w[i].stem, w[i].df, v, SHOWN, &nv);
		ms += now_ms() - t0;
		calls++;
		if (nv) {
			alarms++;
			if (verbose)
				fprintf(stderr, "alarm %s (%u papers): %s\n", w[i].text, w[i].df, v[0]);
		}
		for (size_t j = 0; j < nv; j++)
			free(v[j]);
	}
	tally by[3] = {{0}};
	rng r;
	rng_seed(&r, seed);
	char typo[80];
	for (size_t k = 0; k < ntypos;) {
		const word *x = &w[rng_below(&r, nw)];
		make_typo(&r, x->text, typo);
		char *stem = stem_of(an, typo, strlen(typo));
		if (!stem || strcmp(stem, x->stem) == 0) {
			skipped++;
			free(stem);
			continue;
		}
		k++;
		uint32_t df = df_of(t, stem);
		tally *b = &by[df == 0 ? 0 : df <= SUG_RARE_DF ? 1 : 2];
		b->n++;
		double t0 = now_ms();
		sug_word(t, an, 0, typo, stem, df, v, SHOWN, &nv);
		ms += now_ms() - t0;
		calls++;
		size_t hit = SHOWN;
		for (size_t j = 0; j < nv; j++) {
			char *s = stem_of(an, v[j], strlen(v[j]));
			if (hit == SHOWN && s && strcmp(s, x->stem) == 0)
				hit = j;
			free(s);
		}
		if (nv == 0)
			b->silent++;
		else if (hit == 0)
			b->at1++;
		else if (hit < SHOWN)
			b->at3++;
		else
			b->wrong++;
		if (verbose && hit != 0)
			fprintf(stderr, "miss %s -> %s (%u papers): %s\n", x->text, typo, df, nv ? v[0] : "-");
		for (size_t j = 0; j < nv; j++)
			free(v[j]);
		free(stem);
	}
	printf("words %zu\n", nw);
	printf("alarms %zu %.2f%%\n", alarms, 100.0 * (double)alarms / (double)nw);
	printf("typos %zu skipped %zu\n", ntypos, skipped);
	static const char *const names[] = {"absent", "rare", "common"};
	tally all = {0};
	for (int i = 0; i < 3; i++) {
		printf("%s %zu at1 %zu at3 %zu silent %zu wrong %zu\n", names[i], by[i].n, by[i].at1,
		       by[i].at1 + by[i].at3, by[i].silent, by[i].wrong);
		all.n += by[i].n;
		all.at1 += by[i].at1;
		all.at3 += by[i].at1 + by[i].at3;
	}
	printf("all %zu at1 %.1f%% at3 %.1f%%\n", all.n, 100.0 * (double)all.at1 / (double)all.n,
	       100.0 * (double)all.at3 / (double)all.n);
	printf("ms_per_call %.3f\n", ms / (double)calls);
	rc = 0;
	for (size_t i = 0; i < nw; i++) {
		free(w[i].text);
		free(w[i].stem);
	}
	free(w);
done:
	eng_close(e);
	return rc;
}
