/* merge — writes a run's inverted terms into the index: new lists for new
 * terms, and for terms already indexed a rewrite of only the chunks that
 * lose postings (deleted papers) plus the last one, which new postings
 * extend. Runs inside the run's write transaction. */
#include "merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "postings.h"

#define CHUNK_MAX (POST_BLOCK * POST_CHUNK_BLOCKS)

/* A posting list being rebuilt: entries and their positions. */
typedef struct plist {
	post_entry *e;
	size_t n, cap;
	uint32_t *pos;
	size_t npos, cappos;
	size_t *off;
	size_t capoff;
	post_pos_entry *pe;
	size_t cappe;
} plist;

typedef struct term_acc {
	uint32_t max_tf[POST_FIELDS], min_len[POST_FIELDS];
	uint64_t df, cf;
	uint32_t nchunks;
} term_acc;

struct mrg_ctx {
	store_txn *txn;
	int fresh;
	store_stats *stats;
	uint32_t run_first;
	const uint32_t (*lens)[POST_FIELDS];
	buf val, pval;
	plist pl;
	/* the term being merged, across its slices (invert.h) */
	int exists;              /* in the index before the run */
	uint32_t termid;         /* a new term's, once its first chunk is written */
	term_acc acc;
	plist adds;              /* an indexed term's new postings, for update_list */
};

static void plist_clear(plist *pl)
{
	pl->n = pl->npos = 0;
}

static void plist_free(plist *pl)
{
	free(pl->e);
	free(pl->pos);
	free(pl->off);
	free(pl->pe);
}

static void plist_push(plist *pl, uint32_t docid, const uint32_t tf[POST_FIELDS],
		       const uint32_t *const pos[POST_FIELDS])
{
	pl->e = mem_grow(pl->e, &pl->cap, pl->n + 1, sizeof *pl->e);
	pl->off = mem_grow(pl->off, &pl->capoff, pl->n + 1, sizeof *pl->off);
	post_entry *e = &pl->e[pl->n];
	memset(e, 0, sizeof *e);
	e->docid = docid;
	pl->off[pl->n++] = pl->npos;
	for (int f = 0; f < POST_FIELDS; f++) {
		e->tf[f] = tf[f];
		pl->pos = mem_grow(pl->pos, &pl->cappos, pl->npos + tf[f], sizeof *pl->pos);
		if (tf[f] && pos && pos[f])
			memcpy(pl->pos + pl->npos, pos[f], tf[f] * sizeof *pl->pos);
		else if (tf[f])
			memset(pl->pos + pl->npos, 0, tf[f] * sizeof *pl->pos);
		pl->npos += tf[f];
	}
}

/* Points each entry's positions into the flat array (stable from now on). */
static void plist_seal(plist *pl)
{
	pl->pe = mem_grow(pl->pe, &pl->cappe, pl->n + 1, sizeof *pl->pe);
	post_pos_point(pl->e, pl->n, pl->pos, pl->off, pl->pe);
}
/* Removes the first k entries and their positions. */
static void plist_drop_front(plist *pl, size_t k)
{
	size_t p0 = k < pl->n ? pl->off[k] : pl->npos;
	memmove(pl->e, pl->e + k, (pl->n - k) * sizeof *pl->e);
	for (size_t i = k; i < pl->n; i++)
		pl->off[i - k] = pl->off[i] - p0;
	if (pl->npos > p0)
		memmove(pl->pos, pl->pos + p0, (pl->npos - p0) * sizeof *pl->pos);
	pl->n -= k;
	pl->npos -= p0;
}

static void report_corrupt(const char *what, const char *term, size_t len, uint32_t termid)
{
	fprintf(stderr, "paperdex-index: error: index corrupted: %s of term \"%.*s\" (id %u); rebuild with --rebuild\n",
		what, (int)(len > 64 ? 64 : len), term[0] == STORE_META_PREFIX ? term + 1 : term, termid);
}
mrg_ctx *mrg_new(store_txn *txn, int fresh, store_stats *st, uint32_t run_first,
		 const uint32_t (*lens)[POST_FIELDS])
{
	mrg_ctx *m = mem_calloc(1, sizeof *m);
	m->txn = txn;
	m->fresh = fresh;
	m->stats = st;
	m->run_first = run_first;
	m->lens = lens;
	return m;
}

void mrg_free(mrg_ctx *m)
{
	if (!m)
		return;
	buf_free(&m->val);
	buf_free(&m->pval);
	plist_free(&m->pl);
	plist_free(&m->adds);
	free(m);
}

static int entry_lens(mrg_ctx *w, post_entry *e)
{
	if (e->docid >= w->run_first) {
		memcpy(e->len, w->lens[e->docid - w->run_first], sizeof e->len);
		return 0;
	}
	return store_doclen(w->txn, e->docid, e->len);
}

static void acc_bounds(term_acc *a, const uint32_t max_tf[POST_FIELDS], const uint32_t min_len[POST_FIELDS])
{
	for (int f = 0; f < POST_FIELDS; f++) {
		if (max_tf[f] > a->max_tf[f])
			a->max_tf[f] = max_tf[f];
		if (min_len[f] && (!a->min_len[f] || min_len[f] < a->min_len[f]))
			a->min_len[f] = min_len[f];
	}
}

static int chunk_bounds(const MDB_val *val, uint32_t last_docid, term_acc *a)
{
	post_chunk c;
	if (post_chunk_open(val->mv_data, val->mv_size, last_docid, &c))
		return PDX_ECORRUPT;
	for (uint32_t b = 0; b < c.nblocks; b++)
		acc_bounds(a, c.blocks[b].max_tf, c.blocks[b].min_len);
	return 0;
}

/* Writes pl's first n entries as chunks of termid. The term's bounds are
 * taken from the encoded chunks, as for chunks kept untouched, so an
 * updated index and a rebuilt one agree exactly. */
static int write_chunks(mrg_ctx *w, uint32_t termid, int meta, size_t n, term_acc *a)
{
	plist *pl = &w->pl;
	plist_seal(pl);
	unsigned append = w->fresh ? MDB_APPEND : 0;
	for (size_t i = 0; i < n; i += CHUNK_MAX) {
		size_t k = n - i < CHUNK_MAX ? n - i : CHUNK_MAX;
		for (size_t j = i; j < i + k; j++) {
			int rc = entry_lens(w, &pl->e[j]);
			if (rc)
				return rc;
			a->df++;
			a->cf += pl->e[j].tf[0] + pl->e[j].tf[1];
		}
		unsigned char kb[8];
		store_chunk_key(kb, termid, pl->e[i + k - 1].docid);
		MDB_val key = {8, kb};
		buf_clear(&w->val);
		post_chunk_encode(pl->e + i, k, &w->val);
		MDB_val v = {w->val.n, w->val.p};
		int rc = chunk_bounds(&v, pl->e[i + k - 1].docid, a);
		if (rc || (rc = store_put(w->txn, STORE_DB_POSTINGS, &key, &v, append)))
			return rc;
		if (!meta) {
			buf_clear(&w->pval);
			post_pos_encode(pl->pe + i, k, &w->pval);
			v = (MDB_val){w->pval.n, w->pval.p};
			if ((rc = store_put(w->txn, STORE_DB_POSITIONS, &key, &v, append)))
				return rc;
		}
		a->nchunks++;
		/* Mid-term is fine: only a fresh build checkpoints, and its merge
		 * holds no view into the map. */
		if ((rc = store_txn_checkpoint_if_due(w->txn)))
			return rc;
	}
	return 0;
}

/* 1 when the sorted v[0..n) holds a value in [lo, hi]. */
static int in_range(const uint32_t *v, size_t n, uint32_t lo, uint32_t hi)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t mid = (a + b) / 2;
		if (v[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a < n && v[a] <= hi;
}

/* Decodes a stored chunk (and its positions unless meta) into w->pl,
 * skipping docids in remove[]; adds the chunk's whole cf to *cf_before. */
static int load_chunk(mrg_ctx *w, const MDB_val *key, const MDB_val *val, int meta,
		      const uint32_t *remove, size_t nremove, uint64_t *cf_before)
{
	post_chunk c;
	if (post_chunk_open(val->mv_data, val->mv_size, u32be_get((const unsigned char *)key->mv_data + 4), &c))
		return PDX_ECORRUPT;
	MDB_val pv = {0, NULL};
	if (!meta) {
		int rc = mdb_get(store_txn_mdb(w->txn), store_dbi(w->txn, STORE_DB_POSITIONS),
				 (MDB_val *)key, &pv);
		if (rc)
			return rc == MDB_NOTFOUND ? PDX_ECORRUPT : rc;
	}
	uint32_t d[POST_BLOCK], tf0[POST_BLOCK], tf1[POST_BLOCK];
	uint32_t *p0 = NULL, *p1 = NULL;
	size_t cap0 = 0, cap1 = 0;
	int rc = 0;
	for (uint32_t b = 0; b < c.nblocks && !rc; b++) {
		if (post_block_decode(&c, b, d, tf0, tf1)) {
			rc = PDX_ECORRUPT;
			break;
		}
		const unsigned char *blk = NULL;
		size_t blk_n = 0;
		if (!meta && post_pos_block(pv.mv_data, pv.mv_size, b, c.nblocks, &blk, &blk_n)) {
			rc = PDX_ECORRUPT;
			break;
		}
		for (uint32_t j = 0; j < c.blocks[b].count; j++) {
			*cf_before += (uint64_t)tf0[j] + tf1[j];
			if (in_range(remove, nremove, d[j], d[j]))
				continue;
			uint32_t tf[POST_FIELDS] = {tf0[j], tf1[j]};
			const uint32_t *pos[POST_FIELDS] = {NULL, NULL};
			if (!meta) {
				p0 = mem_grow(p0, &cap0, tf0[j] + 1, sizeof *p0);
				p1 = mem_grow(p1, &cap1, tf1[j] + 1, sizeof *p1);
				if (post_pos_decode(blk, blk_n, j, tf0, tf1, p0, p1)) {
					rc = PDX_ECORRUPT;
					break;
				}
				pos[0] = p0;
				pos[1] = p1;
			}
			plist_push(&w->pl, d[j], tf, pos);
		}
	}
	free(p0);
	free(p1);
	return rc;
}

/* Deletes a chunk and its positions. */
static int drop_chunk(mrg_ctx *w, const unsigned char kb[8], int meta)
{
	MDB_val key = {8, (void *)kb};
	int rc = store_del(w->txn, STORE_DB_POSTINGS, &key);
	if (!rc && !meta) {
		rc = store_del(w->txn, STORE_DB_POSITIONS, &key);
		if (rc == MDB_NOTFOUND)
			rc = PDX_ECORRUPT;
	}
	return rc;
}

/* Keys of the chunks of termid, in order. */
static int chunk_keys(mrg_ctx *w, uint32_t termid, unsigned char (**keys)[8], size_t *n)
{
	MDB_cursor *cur;
	size_t cap = 0;
	*keys = NULL;
	*n = 0;
	int rc = mdb_cursor_open(store_txn_mdb(w->txn), store_dbi(w->txn, STORE_DB_POSTINGS), &cur);
	if (rc)
		return rc;
	unsigned char kb[8];
	store_chunk_key(kb, termid, 0);
	MDB_val k = {8, kb}, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 8) {
			rc = PDX_ECORRUPT;
			break;
		}
		if (u32be_get(k.mv_data) != termid)
			break;
		*keys = mem_grow(*keys, &cap, *n + 1, sizeof **keys);
		memcpy((*keys)[(*n)++], k.mv_data, 8);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND || rc == 0 ? 0 : rc;
}

/* Appends the n postings (e, with positions pe) that it does not remove. */
static void push_kept(plist *pl, const post_entry *e, const post_pos_entry *pe, size_t n,
		      const inv_term *it)
{
	for (size_t k = 0; k < n; k++)
		if (!in_range(it->remove, it->nremove, e[k].docid, e[k].docid))
			plist_push(pl, e[k].docid, e[k].tf, pe[k].pos);
}

/* Rewrites the stored list of an existing term: drops removed docids from
 * the chunks that hold them and appends the new postings to the last.
 * Kept chunks count into a's df and bounds; the cf of every rewritten
 * chunk as it was goes to *cf_dropped (a chunk does not store its cf). */
static int update_list(mrg_ctx *w, const inv_term *it, const store_term *old, int meta,
		       const plist *adds, term_acc *a, uint64_t *cf_dropped)
{
	unsigned char (*keys)[8];
	size_t nkeys;
	int rc = chunk_keys(w, old->termid, &keys, &nkeys);
	if (rc)
		return rc;
	if (nkeys == 0 || nkeys != old->nchunks) {
		rc = PDX_ECORRUPT;
		goto done;
	}
	MDB_txn *txn = store_txn_mdb(w->txn);
	for (size_t i = 0; i < nkeys && !rc; i++) {
		int last = i + 1 == nkeys;
		MDB_val key = {8, keys[i]}, val;
		if ((rc = mdb_get(txn, store_dbi(w->txn, STORE_DB_POSTINGS), &key, &val)))
			break;
		post_chunk c;
		if (post_chunk_open(val.mv_data, val.mv_size, u32be_get(keys[i] + 4), &c)) {
			rc = PDX_ECORRUPT;
			break;
		}
		uint32_t hi = c.blocks[c.nblocks - 1].last_docid;
		int touched = in_range(it->remove, it->nremove, c.first_docid, hi);
		if (!touched && !(last && adds->n)) {
			rc = chunk_bounds(&val, u32be_get(keys[i] + 4), a);
			a->df += c.npostings;
			a->nchunks++;
			continue;
		}
		plist_clear(&w->pl);
		if ((rc = load_chunk(w, &key, &val, meta, it->remove, it->nremove, cf_dropped)) ||
		    (rc = drop_chunk(w, keys[i], meta)))
			break;
		if (last)
			push_kept(&w->pl, adds->e, adds->pe, adds->n, it);
		rc = write_chunks(w, old->termid, meta, w->pl.n, a);
	}
done:
	free(keys);
	return rc;
}

/* A new term's postings of this slice, less removals, go to w->pl; every
 * full chunk is written as soon as it is complete, the rest on the last
 * slice, so chunks fall where a single pass would put them. */
static int add_new(mrg_ctx *w, const inv_term *it, int meta)
{
	push_kept(&w->pl, it->add, it->add_pos, it->nadd, it);
	size_t n = it->last ? w->pl.n : w->pl.n / CHUNK_MAX * CHUNK_MAX;
	if (n == 0)
		return 0;
	if (!w->termid)
		w->termid = w->stats->next_termid++;
	int rc = write_chunks(w, w->termid, meta, n, &w->acc);
	plist_drop_front(&w->pl, n);
	return rc;
}

int mrg_term(void *ctx, const inv_term *it)
{
	mrg_ctx *w = ctx;
	int meta = it->len > 0 && it->term[0] == STORE_META_PREFIX;
	store_term old;
	int rc = 0;
	if (it->first) {
		w->exists = 0;
		w->termid = 0;
		memset(&w->acc, 0, sizeof w->acc);
		plist_clear(&w->pl);
		plist_clear(&w->adds);
		if (!w->fresh) {
			rc = store_term_get(w->txn, it->term, it->len, &old);
			if (rc == 0)
				w->exists = 1;
			else if (rc != PDX_ENOTFOUND)
				return rc;
		}
	}
	if (!w->exists) {
		if ((rc = add_new(w, it, meta)) || !it->last || !w->termid)
			return rc;
	} else {
		for (size_t k = 0; k < it->nadd; k++)
			plist_push(&w->adds, it->add[k].docid, it->add[k].tf, it->add_pos[k].pos);
		if (!it->last)
			return 0;
		/* Looked up again: nothing of the term was written since the first slice. */
		if ((rc = store_term_get(w->txn, it->term, it->len, &old)))
			return rc == PDX_ENOTFOUND ? PDX_ECORRUPT : rc;
		plist_seal(&w->adds);
	}
	int exists = w->exists;
	term_acc a = w->acc;
	uint64_t cf_dropped = 0;
	uint32_t termid = exists ? old.termid : w->termid;
	if (exists) {
		rc = update_list(w, it, &old, meta, &w->adds, &a, &cf_dropped);
		if (rc == PDX_ECORRUPT)
			report_corrupt("posting list", it->term, it->len, termid);
		if (rc)
			return rc;
	}
	if (exists) {
		if (cf_dropped > old.cf)
			return PDX_ECORRUPT;
		a.cf += old.cf - cf_dropped;
	}
	if (!meta) {
		w->stats->npostings += a.df;
		if (exists)
			w->stats->npostings -= old.df;
		if (!exists && a.df)
			w->stats->nterms++;
		if (exists && !a.df)
			w->stats->nterms--;
	}
	if (a.df == 0)
		return exists ? store_term_del(w->txn, it->term, it->len) : 0;
	if (a.df > UINT32_MAX)
		return PDX_ETOOBIG;
	store_term st = {.termid = termid, .df = (uint32_t)a.df, .cf = a.cf,
			 .max_tf = {a.max_tf[0], a.max_tf[1]}, .min_len = {a.min_len[0], a.min_len[1]},
			 .nchunks = a.nchunks,
			 .surface = exists ? old.surface : it->surface,
			 .surface_len = exists ? old.surface_len : it->surface_len};
	buf surf = BUF_INIT;
	if (exists) {
		/* old.surface points into the map: copy before the put moves it. */
		buf_put(&surf, old.surface, old.surface_len);
		st.surface = (const char *)surf.p;
	}
	rc = store_term_put(w->txn, it->term, it->len, &st, w->fresh ? MDB_APPEND : 0);
	buf_free(&surf);
	return rc ? rc : store_txn_checkpoint_if_due(w->txn);
}
