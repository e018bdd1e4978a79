/* suggest — a scan of the term dictionary with a bounded edit distance.
 * The dictionary of a 150K-paper index has a few hundred thousand terms;
 * the length filter and the early exit keep a scan to milliseconds, and it
 * only runs for words the index lacks. */
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
	unsigned df, dist;
} cand;

int sug_suggest(store_txn *t, const char *word, char **out, size_t max, size_t *n)
{
	*n = 0;
	size_t wn = strlen(word);
	if (wn < 3 || max == 0)
		return 0;
	MDB_cursor *mc;
	int rc = mdb_cursor_open(store_txn_mdb(t), store_dbi(t, STORE_DB_TERMS), &mc);
	if (rc)
		return rc;
	cand *best = mem_calloc(max, sizeof *best);
	size_t nb = 0;
	MDB_val k, v;
	while ((rc = mdb_cursor_get(mc, &k, &v, MDB_NEXT)) == 0) {
		const char *key = k.mv_data;
		if (k.mv_size == 0 || key[0] == STORE_META_PREFIX)
			continue;
		store_term st;
		if (store_term_decode(&v, &st))
			continue;
		unsigned d1 = sug_distance(word, wn, key, k.mv_size, SUG_MAX_DISTANCE);
		unsigned d2 = st.surface_len ? sug_distance(word, wn, st.surface, st.surface_len, SUG_MAX_DISTANCE)
					     : SUG_MAX_DISTANCE + 1;
		unsigned d = d1 < d2 ? d1 : d2;
		if (d == 0 || d > SUG_MAX_DISTANCE)
			continue;
		/* Keep the max most frequent; show the surface form people type. */
		size_t slot = nb;
		if (nb == max) {
			slot = 0;
			for (size_t i = 1; i < nb; i++)
				if (best[i].df < best[slot].df)
					slot = i;
			if (best[slot].df >= st.df)
				continue;
			free(best[slot].word);
		} else {
			nb++;
		}
		const char *show = st.surface_len ? st.surface : key;
		size_t sn = st.surface_len ? st.surface_len : k.mv_size;
		best[slot] = (cand){mem_strndup(show, sn), st.df, d};
	}
	mdb_cursor_close(mc);
	/* Most frequent first; equal counts alphabetically for stable output. */
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
	*n = m;
	free(best);
	return rc == MDB_NOTFOUND ? 0 : rc;
}
