/* suggest — a scan of the term dictionary with a bounded edit distance,
 * and a lookup of the stem of every word one edit from the query word.
 * The dictionary of a 150K-paper index has a few hundred thousand terms;
 * the length filter and the early exit keep a scan to milliseconds (6–11
 * ms on ML Anthology with the edits), and it only runs for query words
 * that match nothing or almost nothing. */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

unsigned sug_distance(const char *a, size_t an, const char *b, size_t bn, unsigned limit)
{
	if (an > 64 || bn > 64)
		return limit + 1;
	size_t diff = an > bn ? an - bn : bn - an;
	if (diff > limit)
		return limit + 1;
	unsigned rows[3][66];
	unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= bn; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= an; i++) {
		cur[0] = (unsigned)i;
		unsigned row_min = cur[0];
		for (size_t j = 1; j <= bn; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			return limit + 1;
		unsigned *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[bn] <= limit ? prev[bn] : limit + 1;
}

typedef struct cand {
	char *key;    /* the dictionary term */
	char *word;   /* the form to show */
	unsigned d;   /* edit distance */
	uint32_t df;
} cand;

/* Closer first, then more frequent. */
static int better(unsigned d, uint32_t df, const cand *c)
{
	return d != c->d ? d < c->d : df > c->df;
}

/* Keeps the max best candidates in best[0..*nb), one per key. */
static void keep(cand *best, size_t *nb, size_t max, const char *key, size_t kn, const char *word, size_t wn,
		 unsigned d, uint32_t df)
{
	for (size_t i = 0; i < *nb; i++)
		if (strlen(best[i].key) == kn && memcmp(best[i].key, key, kn) == 0) {
			if (d < best[i].d) {
				free(best[i].word);
				best[i].word = mem_strndup(word, wn);
				best[i].d = d;
			}
			return;
		}
	size_t slot = *nb;
	if (*nb == max) {
		slot = 0;
		for (size_t i = 1; i < *nb; i++)
			if (better(best[slot].d, best[slot].df, &best[i]))
				slot = i;
		if (!better(d, df, &best[slot]))
			return;
		free(best[slot].key);
		free(best[slot].word);
	} else {
		(*nb)++;
	}
	best[slot] = (cand){mem_strndup(key, kn), mem_strndup(word, wn), d, df};
}

/* Moves best[] to out[], best first (equal ones alphabetically, for
 * stable output), without repeats (two stems may share a surface). */
static size_t hand_out(cand *best, size_t nb, char **out)
{
	for (size_t i = 1; i < nb; i++)
		for (size_t j = i; j > 0 && (better(best[j].d, best[j].df, &best[j - 1]) ||
					     (best[j].d == best[j - 1].d && best[j].df == best[j - 1].df &&
					      strcmp(best[j].word, best[j - 1].word) < 0)); j--) {
			cand tmp = best[j];
			best[j] = best[j - 1];
			best[j - 1] = tmp;
		}
	size_t m = 0;
	for (size_t i = 0; i < nb; i++) {
		int dup = 0;
		for (size_t j = 0; j < m && !dup; j++)
			dup = strcmp(out[j], best[i].word) == 0;
		free(best[i].key);
		if (dup)
			free(best[i].word);
		else
			out[m++] = best[i].word;
	}
	return m;
}

/* Calls fn for each dictionary entry of a kind (see sug_suggest), with the
 * key's value (the key without the metadata prefix). Text terms sort after
 * every metadata term, which all start with STORE_META_PREFIX. */
typedef void (*entry_fn)(void *ctx, const char *value, size_t n, const store_term *st);

static int scan(store_txn *t, int kind, entry_fn fn, void *ctx)
{
	char start[2] = {STORE_META_PREFIX, (char)kind};
	if (!kind)
		start[0] = STORE_META_PREFIX + 1;
	size_t skip = kind ? 2 : 0;
	MDB_cursor *mc;
	int rc = mdb_cursor_open(store_txn_mdb(t), store_dbi(t, STORE_DB_TERMS), &mc);
	if (rc)
		return rc;
	MDB_val k = {kind ? 2 : 1, start}, v;
	for (rc = mdb_cursor_get(mc, &k, &v, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(mc, &k, &v, MDB_NEXT)) {
		const char *key = k.mv_data;
		if (kind && (k.mv_size < 2 || memcmp(key, start, 2) != 0))
			break;
		store_term st;
		if (k.mv_size > skip && !store_term_decode(&v, &st))
			fn(ctx, key + skip, k.mv_size - skip, &st);
	}
	mdb_cursor_close(mc);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* What a search for suggestions keeps: the max best entries that fit. */
typedef struct pick {
	const char *word, *stem;  /* the query word and its term (NULL: none) */
	size_t wn, sn;
	unsigned fields;          /* sug_word's fields (0: any) */
	unsigned max_d;           /* farthest distance kept */
	uint32_t min_df;          /* fewest papers a suggestion may have */
	cand *best;
	size_t nb, max;
} pick;

static int fits(const pick *c, const store_term *st)
{
	return st->df > 0 && st->df >= c->min_df && (!c->fields || store_term_in_fields(st, c->fields));
}

/* Keeps dictionary term key at distance d, shown as its stored surface
 * form, the form people type (the key itself when it has none). */
static void keep_term(pick *c, const char *key, size_t kn, const store_term *st, unsigned d)
{
	if (st->surface_len)
		keep(c->best, &c->nb, c->max, key, kn, st->surface, st->surface_len, d, st->df);
	else
		keep(c->best, &c->nb, c->max, key, kn, key, kn, d, st->df);
}

static void near_entry(void *ctx, const char *value, size_t n, const store_term *st)
{
	pick *c = ctx;
	if (!fits(c, st))
		return;
	unsigned d = sug_distance(c->word, c->wn, value, n, c->max_d);
	if (st->surface_len) {
		unsigned ds = sug_distance(c->word, c->wn, st->surface, st->surface_len, c->max_d);
		d = ds < d ? ds : d;
	}
	if (c->stem) {
		unsigned dt = sug_distance(c->stem, c->sn, value, n, c->max_d);
		d = dt < d ? dt : d;
	}
	if (d == 0 || d > c->max_d)
		return;
	keep_term(c, value, n, st, d);
}

/* Keeps the term of edit e of the query word when e is one word and its
 * term, not the query word's own, is in the index: how a typo in a word's
 * ending ("convolutoin", which no longer stems to "convolut") still finds
 * the word. Shown as the term's stored surface, a form the papers have:
 * the edit itself is often no word ("featurics" stems to "featur"). */
static int try_edit(pick *c, store_txn *t, an_analyzer *an, const char *e, size_t n)
{
	char term[AN_MAX_TERM + 1];
	size_t tn;
	if (!an_term_of(an, e, n, term, &tn) || (c->stem && tn == c->sn && memcmp(term, c->stem, tn) == 0))
		return 0;
	store_term st;
	int rc = store_term_get(t, term, tn, &st);
	if (rc == PDX_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (fits(c, &st))
		keep_term(c, term, tn, &st, 1);
	return 0;
}

/* Every word one edit from the query word (a letter deleted, two
 * neighbours swapped, a letter replaced or inserted), for ASCII words up
 * to EDIT_MAX_LEN letters. */
enum { EDIT_MAX_LEN = 32 };

static int near_edits(pick *c, store_txn *t, an_analyzer *an)
{
	const char *w = c->word;
	size_t n = c->wn;
	if (n > EDIT_MAX_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	char e[EDIT_MAX_LEN + 2];
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		memcpy(e, w, i);
		memcpy(e + i, w + i + 1, n - i - 1);
		rc = try_edit(c, t, an, e, n - 1);
	}
	for (size_t i = 0; i + 1 < n && !rc; i++) {
		if (w[i] == w[i + 1])
			continue;
		memcpy(e, w, n);
		e[i] = w[i + 1];
		e[i + 1] = w[i];
		rc = try_edit(c, t, an, e, n);
	}
	for (size_t i = 0; i < n && !rc; i++)
		for (char l = 'a'; l <= 'z' && !rc; l++) {
			if (l == w[i])
				continue;
			memcpy(e, w, n);
			e[i] = l;
			rc = try_edit(c, t, an, e, n);
		}
	for (size_t i = 0; i <= n && !rc; i++)
		for (char l = 'a'; l <= 'z' && !rc; l++) {
			memcpy(e, w, i);
			e[i] = l;
			memcpy(e + i + 1, w + i, n - i);
			rc = try_edit(c, t, an, e, n + 1);
		}
	return rc;
}

static void common_entry(void *ctx, const char *value, size_t n, const store_term *st)
{
	pick *c = ctx;
	if (st->df > 0)
		keep(c->best, &c->nb, c->max, value, n, value, n, 0, st->df);
}

/* Runs the edits (an: NULL for none) and the scan into out[]. */
static int run_pick(store_txn *t, an_analyzer *an, int kind, entry_fn fn, pick *c, char **out, size_t *n)
{
	*n = 0;
	if (c->max == 0)
		return 0;
	c->best = mem_calloc(c->max, sizeof *c->best);
	int rc = an ? near_edits(c, t, an) : 0;
	if (!rc)
		rc = scan(t, kind, fn, c);
	*n = hand_out(c->best, c->nb, out);
	if (rc) {
		for (size_t i = 0; i < *n; i++)
			free(out[i]);
		*n = 0;
	}
	free(c->best);
	return rc;
}

int sug_word(store_txn *t, an_analyzer *an, unsigned fields, const char *word, const char *stem,
	     uint32_t df, char **out, size_t max, size_t *n)
{
	*n = 0;
	size_t wn = strlen(word);
	if (wn < 3 || (df && (df > SUG_RARE_DF || wn < SUG_RARE_MIN_LEN)))
		return 0;
	pick c = {.word = word, .wn = wn, .stem = stem, .sn = stem ? strlen(stem) : 0, .fields = fields,
		  .max_d = df ? 1 : SUG_MAX_DISTANCE, .min_df = df ? df * SUG_RARE_RATIO : 0, .max = max};
	return run_pick(t, an, 0, near_entry, &c, out, n);
}

int sug_value(store_txn *t, int kind, const char *value, char **out, size_t max, size_t *n)
{
	*n = 0;
	size_t vn = strlen(value);
	if (vn < 3)
		return 0;
	/* Metadata terms carry no field tfs: any posting counts. */
	pick c = {.word = value, .wn = vn, .max_d = SUG_MAX_DISTANCE, .max = max};
	return run_pick(t, NULL, kind, near_entry, &c, out, n);
}

int sug_common(store_txn *t, int kind, char **out, size_t max, size_t *n)
{
	pick c = {.max = max};
	return run_pick(t, NULL, kind, common_entry, &c, out, n);
}
