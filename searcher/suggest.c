/* suggest — a scan of the term dictionary with a bounded edit distance.
 * The dictionary of a 150K-paper index has a few hundred thousand terms;
 * the length filter and the early exit keep a scan to milliseconds, and it
 * only runs for query parts that match nothing. */
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
	char *word;
	unsigned df;
} cand;

/* Keeps the max most frequent candidates in best[0..*nb). */
static void keep(cand *best, size_t *nb, size_t max, const char *word, size_t n, unsigned df)
{
	size_t slot = *nb;
	if (*nb == max) {
		slot = 0;
		for (size_t i = 1; i < *nb; i++)
			if (best[i].df < best[slot].df)
				slot = i;
		if (best[slot].df >= df)
			return;
		free(best[slot].word);
	} else {
		(*nb)++;
	}
	best[slot] = (cand){mem_strndup(word, n), df};
}

/* Moves best[] to out[], most frequent first (equal counts alphabetically,
 * for stable output), without repeats (two stems may share a surface). */
static size_t hand_out(cand *best, size_t nb, char **out)
{
	for (size_t i = 1; i < nb; i++)
		for (size_t j = i; j > 0 && (best[j].df > best[j - 1].df ||
					     (best[j].df == best[j - 1].df &&
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

/* What a scan keeps: the max most frequent entries that fit. */
typedef struct pick {
	const char *word, *stem;  /* sug_suggest's word and stem (NULL: none) */
	size_t wn, sn;
	unsigned fields;          /* sug_suggest's fields (0: any) */
	cand *best;
	size_t nb, max;
} pick;

static void near_entry(void *ctx, const char *value, size_t n, const store_term *st)
{
	pick *c = ctx;
	if ((c->fields && !store_term_in_fields(st, c->fields)) || st->df == 0)
		return;
	unsigned d = sug_distance(c->word, c->wn, value, n, SUG_MAX_DISTANCE);
	if (st->surface_len) {
		unsigned ds = sug_distance(c->word, c->wn, st->surface, st->surface_len, SUG_MAX_DISTANCE);
		d = ds < d ? ds : d;
	}
	if (c->stem) {
		unsigned dt = sug_distance(c->stem, c->sn, value, n, SUG_MAX_DISTANCE);
		d = dt < d ? dt : d;
	}
	if (d == 0 || d > SUG_MAX_DISTANCE)
		return;
	/* Show the surface form people type. */
	if (st->surface_len)
		keep(c->best, &c->nb, c->max, st->surface, st->surface_len, st->df);
	else
		keep(c->best, &c->nb, c->max, value, n, st->df);
}

static void common_entry(void *ctx, const char *value, size_t n, const store_term *st)
{
	pick *c = ctx;
	if (st->df > 0)
		keep(c->best, &c->nb, c->max, value, n, st->df);
}

static int run_pick(store_txn *t, int kind, entry_fn fn, pick *c, char **out, size_t *n)
{
	c->best = mem_calloc(c->max, sizeof *c->best);
	int rc = scan(t, kind, fn, c);
	*n = hand_out(c->best, c->nb, out);
	if (rc) {
		for (size_t i = 0; i < *n; i++)
			free(out[i]);
		*n = 0;
	}
	free(c->best);
	return rc;
}

int sug_suggest(store_txn *t, int kind, unsigned fields, const char *word, const char *stem, char **out,
		size_t max, size_t *n)
{
	*n = 0;
	size_t wn = strlen(word);
	if (wn < 3 || max == 0)
		return 0;
	/* Metadata terms carry no field tfs: any posting counts. */
	pick c = {.word = word, .wn = wn, .stem = stem, .sn = stem ? strlen(stem) : 0,
		  .fields = kind ? 0 : fields, .max = max};
	return run_pick(t, kind, near_entry, &c, out, n);
}

int sug_common(store_txn *t, int kind, char **out, size_t max, size_t *n)
{
	*n = 0;
	if (max == 0)
		return 0;
	pick c = {.max = max};
	return run_pick(t, kind, common_entry, &c, out, n);
}
