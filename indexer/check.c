/* check — integrity check, statistics and canonical dump of an index.
 * Everything here reads through one read transaction and trusts nothing
 * it reads: each inconsistency is reported with the term, docid or key it
 * concerns. */
#include "check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "err.h"
#include "mem.h"
#include "postings.h"
#include "record.h"
#include "store.h"

#define MAX_PRINTED 50

typedef struct chk {
	store *st;
	store_txn *txn;
	an_analyzer *an;
	store_stats stats;
	FILE *err;
	size_t problems;
	unsigned char *live;      /* bitmap over docids */
	unsigned char *termids;   /* bitmap over termids seen in the dictionary */
	unsigned char *meta_ids;  /* bitmap: termid belongs to a metadata term */
	uint32_t *pos[POST_FIELDS]; /* one posting's positions (POST_TF_MAX each) */
} chk;

static void problem(chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(chk *c, const char *fmt, ...)
{
	if (c->problems++ >= MAX_PRINTED)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("paperdex-index: check: ", c->err);
	vfprintf(c->err, fmt, ap);
	fputc('\n', c->err);
	va_end(ap);
}

static int bit_get(const unsigned char *b, uint32_t i)
{
	return (b[i >> 3] >> (i & 7)) & 1;
}

static void bit_set(unsigned char *b, uint32_t i)
{
	b[i >> 3] |= (unsigned char)(1u << (i & 7));
}

static int open_index(chk *c, const char *db)
{
	int rc = an_open(&c->an);
	if (rc)
		return rc;
	if ((rc = store_open(db, STORE_READ, an_settings(c->an), &c->st)) ||
	    (rc = store_txn_begin(c->st, 0, &c->txn)) || (rc = store_stats_get(c->txn, &c->stats)))
		return rc;
	c->live = mem_calloc((size_t)c->stats.next_docid / 8 + 1, 1);
	c->termids = mem_calloc((size_t)c->stats.next_termid / 8 + 1, 1);
	c->meta_ids = mem_calloc((size_t)c->stats.next_termid / 8 + 1, 1);
	return 0;
}

static void close_index(chk *c)
{
	store_txn_abort(c->txn);
	store_close(c->st);
	an_close(c->an);
	free(c->live);
	free(c->termids);
	free(c->meta_ids);
	free(c->pos[0]);
	free(c->pos[1]);
}

static void term_name(buf *b, const char *t, size_t n)
{
	buf_clear(b);
	buf_put_json_str(b, t, n);
}

/* Documents: records decode, ids map back, lengths add up. */
static int check_docs(chk *c, uint64_t *ndocs, uint64_t sum_len[POST_FIELDS])
{
	MDB_cursor *cur;
	MDB_txn *txn = store_txn_mdb(c->txn);
	int rc = mdb_cursor_open(txn, store_dbi(c->txn, STORE_DB_DOCS), &cur);
	if (rc)
		return rc;
	MDB_val k, v;
	rec_paper rec;
	rec_init(&rec);
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (k.mv_size != 4) {
			problem(c, "docs: key of %zu bytes", k.mv_size);
			continue;
		}
		uint32_t docid = u32be_get(k.mv_data);
		if (docid == 0 || docid >= c->stats.next_docid) {
			problem(c, "docs: docid %u outside 1..%u", docid, c->stats.next_docid - 1);
			continue;
		}
		bit_set(c->live, docid);
		(*ndocs)++;
		if (rec_decode(v.mv_data, v.mv_size, &rec)) {
			problem(c, "docs: record of docid %u does not decode", docid);
			continue;
		}
		uint32_t mapped;
		int r = store_docid_get(c->txn, rec.id, strlen(rec.id), &mapped);
		if (r || mapped != docid)
			problem(c, "ids: id \"%s\" of docid %u maps to %s", rec.id, docid,
				r ? "nothing" : "another docid");
		const char *ext;
		size_t extn;
		if ((r = store_extid(c->txn, docid, &ext, &extn)) || extn != strlen(rec.id) ||
		    memcmp(ext, rec.id, extn) != 0)
			problem(c, "extids: docid %u is not named \"%s\" there (%s)", docid, rec.id,
				r ? pdx_strerror(r) : "another id");
		uint32_t len[POST_FIELDS];
		if ((r = store_doclen(c->txn, docid, len)))
			problem(c, "doclens: docid %u unreadable (%s)", docid, pdx_strerror(r));
		else
			for (int f = 0; f < POST_FIELDS; f++)
				sum_len[f] += len[f];
		uint32_t ids[64];
		size_t na;
		if ((r = store_docauth_get(c->txn, docid, ids, 64, &na)))
			problem(c, "docauth: docid %u: %s", docid, pdx_strerror(r));
		for (size_t i = 0; !r && i < na && i < 64; i++) {
			const char *key;
			size_t kn;
			if (store_authorid_key(c->txn, ids[i], &key, &kn))
				problem(c, "docauth: docid %u names unknown author id %u", docid, ids[i]);
		}
		rec_clear(&rec);
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND)
		return rc;
	/* Docids without a paper must have no length. */
	for (uint32_t d = 1; d < c->stats.next_docid; d++) {
		if (bit_get(c->live, d))
			continue;
		uint32_t len[POST_FIELDS];
		if (store_doclen(c->txn, d, len) == 0 && (len[0] || len[1]))
			problem(c, "doclens: docid %u has no paper but lengths %u,%u", d, len[0], len[1]);
		const char *ext;
		size_t extn;
		if (store_extid(c->txn, d, &ext, &extn) != PDX_ENOTFOUND)
			problem(c, "extids: docid %u has no paper but a name", d);
	}
	/* Every id points to a live document. */
	if ((rc = mdb_cursor_open(txn, store_dbi(c->txn, STORE_DB_IDS), &cur)))
		return rc;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0)
		if (v.mv_size != 4 || !bit_get(c->live, u32be_get(v.mv_data) < c->stats.next_docid
							       ? u32be_get(v.mv_data) : 0))
			problem(c, "ids: \"%.*s\" points to no paper", (int)k.mv_size, (const char *)k.mv_data);
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

typedef struct list_acc {
	uint64_t df, cf;
	uint32_t nchunks;
	uint32_t max_tf[POST_FIELDS], min_len[POST_FIELDS];
} list_acc;

static void check_chunk(chk *c, const buf *name, int meta, const MDB_val *k,
			const MDB_val *v, uint32_t *prev_last, list_acc *a)
{
	post_chunk ch;
	uint32_t key_last = u32be_get((const unsigned char *)k->mv_data + 4);
	if (post_chunk_open(v->mv_data, v->mv_size, key_last, &ch)) {
		problem(c, "term %s: chunk ending at docid %u does not decode", name->p, key_last);
		return;
	}
	if (ch.blocks[ch.nblocks - 1].last_docid != key_last)
		problem(c, "term %s: chunk key says last docid %u, chunk says %u", name->p, key_last,
			ch.blocks[ch.nblocks - 1].last_docid);
	if (ch.first_docid <= *prev_last)
		problem(c, "term %s: chunk starting at docid %u overlaps the previous chunk (ends %u)",
			name->p, ch.first_docid, *prev_last);
	*prev_last = key_last;
	MDB_val pv = {0, NULL};
	if (!meta && mdb_get(store_txn_mdb(c->txn), store_dbi(c->txn, STORE_DB_POSITIONS),
			     (MDB_val *)k, &pv)) {
		problem(c, "term %s: no positions for the chunk ending at docid %u", name->p, key_last);
		meta = 1;  /* skip position checks below */
	}
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	/* Once per check, not per chunk: 2 x 256 KB per chunk made --check of
	 * a large index mostly mmap/munmap. */
	if (!c->pos[0]) {
		c->pos[0] = mem_alloc(POST_TF_MAX * sizeof *c->pos[0]);
		c->pos[1] = mem_alloc(POST_TF_MAX * sizeof *c->pos[1]);
	}
	for (uint32_t b = 0; b < ch.nblocks; b++) {
		const post_block_info *bi = &ch.blocks[b];
		if (post_block_decode(&ch, b, d, t0, t1)) {
			problem(c, "term %s: block %u of the chunk ending at docid %u does not decode",
				name->p, b, key_last);
			continue;
		}
		const unsigned char *blk = NULL;
		size_t blk_n = 0;
		if (!meta && post_pos_block(pv.mv_data, pv.mv_size, b, ch.nblocks, &blk, &blk_n)) {
			problem(c, "term %s: positions of block %u (chunk ending %u) do not decode",
				name->p, b, key_last);
			blk = NULL;
		}
		uint32_t max_tf[POST_FIELDS] = {0, 0}, min_len[POST_FIELDS] = {0, 0};
		for (uint32_t j = 0; j < bi->count; j++) {
			if (d[j] >= c->stats.next_docid || !bit_get(c->live, d[j])) {
				problem(c, "term %s: posting for docid %u, which holds no paper", name->p, d[j]);
				continue;
			}
			uint32_t tf[POST_FIELDS] = {t0[j], t1[j]}, len[POST_FIELDS] = {0, 0};
			store_doclen(c->txn, d[j], len);
			if (meta ? (tf[0] || tf[1]) : !(tf[0] || tf[1]))
				problem(c, "term %s: docid %u has tf %u,%u", name->p, d[j], tf[0], tf[1]);
			for (int f = 0; f < POST_FIELDS; f++) {
				if (tf[f] > max_tf[f])
					max_tf[f] = tf[f];
				if (tf[f] && (!min_len[f] || len[f] < min_len[f]))
					min_len[f] = len[f];
				if (tf[f] > len[f])
					problem(c, "term %s: docid %u has tf %u in a field of %u tokens",
						name->p, d[j], tf[f], len[f]);
			}
			if (blk && post_pos_decode(blk, blk_n, j, t0, t1, c->pos[0], c->pos[1]))
				problem(c, "term %s: positions of docid %u do not decode", name->p, d[j]);
			a->df++;
			a->cf += (uint64_t)tf[0] + tf[1];
		}
		for (int f = 0; f < POST_FIELDS; f++) {
			min_len[f] = post_len_floor(min_len[f]);
			if (max_tf[f] != bi->max_tf[f] || min_len[f] != bi->min_len[f])
				problem(c, "term %s: block %u (chunk ending %u) field %d bounds say max tf %u min length %u, postings say %u and %u",
					name->p, b, key_last, f, bi->max_tf[f], bi->min_len[f], max_tf[f], min_len[f]);
			if (max_tf[f] > a->max_tf[f])
				a->max_tf[f] = max_tf[f];
			if (min_len[f] && (!a->min_len[f] || min_len[f] < a->min_len[f]))
				a->min_len[f] = min_len[f];
		}
	}
	a->nchunks++;
}

static int check_terms(chk *c, uint64_t *npostings, uint64_t *nterms)
{
	MDB_txn *txn = store_txn_mdb(c->txn);
	MDB_cursor *cur, *pc;
	int rc = mdb_cursor_open(txn, store_dbi(c->txn, STORE_DB_TERMS), &cur);
	if (rc)
		return rc;
	if ((rc = mdb_cursor_open(txn, store_dbi(c->txn, STORE_DB_POSTINGS), &pc))) {
		mdb_cursor_close(cur);
		return rc;
	}
	buf name = BUF_INIT;
	MDB_val k, v;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		store_term t;
		term_name(&name, k.mv_data, k.mv_size);
		int meta = k.mv_size && ((const char *)k.mv_data)[0] == STORE_META_PREFIX;
		if (store_term_decode(&v, &t)) {
			problem(c, "term %s: dictionary entry does not decode", name.p);
			continue;
		}
		if (t.termid == 0 || t.termid >= c->stats.next_termid || bit_get(c->termids, t.termid)) {
			problem(c, "term %s: termid %u is out of range or used twice", name.p, t.termid);
			continue;
		}
		bit_set(c->termids, t.termid);
		if (meta)
			bit_set(c->meta_ids, t.termid);
		list_acc a = {0};
		uint32_t prev_last = 0;
		unsigned char kb[8];
		store_chunk_key(kb, t.termid, 0);
		MDB_val ck = {8, kb}, cv;
		int r;
		for (r = mdb_cursor_get(pc, &ck, &cv, MDB_SET_RANGE); r == 0;
		     r = mdb_cursor_get(pc, &ck, &cv, MDB_NEXT)) {
			if (ck.mv_size != 8 || u32be_get(ck.mv_data) != t.termid)
				break;
			check_chunk(c, &name, meta, &ck, &cv, &prev_last, &a);
		}
		if (r && r != MDB_NOTFOUND) {
			rc = r;
			break;
		}
		if (a.df != t.df || a.cf != t.cf || a.nchunks != t.nchunks)
			problem(c, "term %s: dictionary says df %u cf %llu in %u chunks, postings say df %llu cf %llu in %u chunks",
				name.p, t.df, (unsigned long long)t.cf, t.nchunks, (unsigned long long)a.df,
				(unsigned long long)a.cf, a.nchunks);
		for (int f = 0; f < POST_FIELDS; f++)
			if (a.max_tf[f] != t.max_tf[f] || a.min_len[f] != t.min_len[f])
				problem(c, "term %s: list bounds for field %d are %u/%u, postings say %u/%u",
					name.p, f, t.max_tf[f], t.min_len[f], a.max_tf[f], a.min_len[f]);
		if (t.df == 0)
			problem(c, "term %s: empty posting list", name.p);
		if (!meta) {
			*npostings += t.df;
			(*nterms)++;
		} else if (k.mv_size > 2 && ((const char *)k.mv_data)[1] == STORE_META_AUTHOR) {
			store_author au;
			const char *key = (const char *)k.mv_data + 2;
			if (store_author_get(c->txn, key, k.mv_size - 2, &au) || au.npapers != t.df)
				problem(c, "author %.*s: author table disagrees with its %u papers",
					(int)(k.mv_size - 2), key, t.df);
		}
	}
	buf_free(&name);
	mdb_cursor_close(pc);
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* Every chunk and positions value belongs to a term of the dictionary. */
static int check_orphans(chk *c)
{
	store_db dbs[2] = {STORE_DB_POSTINGS, STORE_DB_POSITIONS};
	for (int i = 0; i < 2; i++) {
		MDB_cursor *cur;
		int rc = mdb_cursor_open(store_txn_mdb(c->txn), store_dbi(c->txn, dbs[i]), &cur);
		if (rc)
			return rc;
		MDB_val k, v;
		while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
			uint32_t id = k.mv_size == 8 ? u32be_get(k.mv_data) : 0;
			if (id == 0 || id >= c->stats.next_termid || !bit_get(c->termids, id) ||
			    (i == 1 && bit_get(c->meta_ids, id)))
				problem(c, "%s: value for termid %u that the dictionary does not list",
					i ? "positions" : "postings", id);
			else if (i == 1) {
				MDB_val pv;
				if (mdb_get(store_txn_mdb(c->txn), store_dbi(c->txn, STORE_DB_POSTINGS), &k, &pv))
					problem(c, "positions: value for a chunk of termid %u that does not exist", id);
			}
		}
		mdb_cursor_close(cur);
		if (rc != MDB_NOTFOUND)
			return rc;
	}
	return 0;
}

static int count_entries(chk *c, store_db db, uint64_t *n)
{
	MDB_stat st;
	int rc = mdb_stat(store_txn_mdb(c->txn), store_dbi(c->txn, db), &st);
	if (!rc)
		*n = st.ms_entries;
	return rc;
}

int chk_check(const char *db, FILE *out, FILE *err)
{
	chk c = {.err = err};
	uint64_t ndocs = 0, sum_len[POST_FIELDS] = {0, 0}, npostings = 0, nterms = 0, nauthors = 0;
	int rc = open_index(&c, db);
	if (rc == PDX_ECORRUPT) {
		/* Only the statistics fail that way; nothing can be checked
		 * without them. */
		problem(&c, "stats: the meta value \"stats\" is missing or does not decode");
		goto report;
	}
	if (rc || (rc = check_docs(&c, &ndocs, sum_len)) || (rc = check_terms(&c, &npostings, &nterms)) ||
	    (rc = check_orphans(&c)) || (rc = count_entries(&c, STORE_DB_AUTHORS, &nauthors)))
		goto done;
	const store_stats *s = &c.stats;
	/* An undecodable dictionary entry (PDX_ECORRUPT) is check_terms'
	 * problem, already reported. */
	int same;
	rc = store_frequent_check(c.txn, s->ndocs, &same);
	if (rc == PDX_ENOTFOUND)
		problem(&c, "frequent: the meta value \"frequent\" is missing");
	else if (!rc && !same)
		problem(&c, "frequent: the meta value \"frequent\" is not the dictionary's list");
	else if (rc && rc != PDX_ECORRUPT)
		goto done;
	rc = 0;
	if (ndocs != s->ndocs || sum_len[0] != s->sum_len[0] || sum_len[1] != s->sum_len[1])
		problem(&c, "stats: %llu papers with lengths %llu/%llu recorded, %llu papers with %llu/%llu found",
			(unsigned long long)s->ndocs, (unsigned long long)s->sum_len[0],
			(unsigned long long)s->sum_len[1], (unsigned long long)ndocs,
			(unsigned long long)sum_len[0], (unsigned long long)sum_len[1]);
	if (npostings != s->npostings || nterms != s->nterms || nauthors != s->nauthors)
		problem(&c, "stats: %llu postings, %llu terms, %llu authors recorded; %llu, %llu, %llu found",
			(unsigned long long)s->npostings, (unsigned long long)s->nterms,
			(unsigned long long)s->nauthors, (unsigned long long)npostings,
			(unsigned long long)nterms, (unsigned long long)nauthors);
report:
	if (c.problems) {
		fprintf(err, "paperdex-index: check: %zu problem%s found in %s\n", c.problems,
			c.problems == 1 ? "" : "s", db);
		rc = PDX_ECORRUPT;
	} else {
		fprintf(out, "ok: %llu papers, %llu terms, %llu postings, %llu authors checked\n",
			(unsigned long long)ndocs, (unsigned long long)nterms,
			(unsigned long long)npostings, (unsigned long long)nauthors);
	}
done:
	close_index(&c);
	return rc;
}

static uint64_t db_pages_bytes(chk *c, store_db db)
{
	MDB_stat st;
	if (mdb_stat(store_txn_mdb(c->txn), store_dbi(c->txn, db), &st))
		return 0;
	return (uint64_t)(st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages) * st.ms_psize;
}

static int sum_values(chk *c, store_db db, int by_term, uint64_t *text, uint64_t *meta)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(store_txn_mdb(c->txn), store_dbi(c->txn, db), &cur);
	if (rc)
		return rc;
	MDB_val k, v;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		uint32_t id = by_term && k.mv_size == 8 ? u32be_get(k.mv_data) : 0;
		if (by_term && id < c->stats.next_termid && bit_get(c->meta_ids, id))
			*meta += v.mv_size;
		else
			*text += v.mv_size;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int chk_stats(const char *db, FILE *out)
{
	chk c = {.err = stderr};
	int rc = open_index(&c, db);
	if (rc)
		goto done;
	/* Mark metadata termids so their chunks are counted apart. */
	MDB_cursor *cur;
	uint64_t meta_postings = 0;
	if ((rc = mdb_cursor_open(store_txn_mdb(c.txn), store_dbi(c.txn, STORE_DB_TERMS), &cur)))
		goto done;
	MDB_val k, v;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		store_term t;
		if (k.mv_size && ((const char *)k.mv_data)[0] == STORE_META_PREFIX &&
		    store_term_decode(&v, &t) == 0 && t.termid < c.stats.next_termid) {
			bit_set(c.meta_ids, t.termid);
			meta_postings += t.df;
		}
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND)
		goto done;
	uint64_t post = 0, meta_post = 0, pos = 0, unused = 0, docs = 0, used = 0, file = 0;
	if ((rc = sum_values(&c, STORE_DB_POSTINGS, 1, &post, &meta_post)) ||
	    (rc = sum_values(&c, STORE_DB_POSITIONS, 1, &pos, &unused)) ||
	    (rc = sum_values(&c, STORE_DB_DOCS, 0, &docs, &unused)) ||
	    (rc = store_size(c.st, &used, &file)))
		goto done;
	const store_stats *s = &c.stats;
	fprintf(out, "papers: %llu\n", (unsigned long long)s->ndocs);
	fprintf(out, "authors: %llu\n", (unsigned long long)s->nauthors);
	fprintf(out, "terms: %llu\n", (unsigned long long)s->nterms);
	fprintf(out, "postings: %llu\n", (unsigned long long)s->npostings);
	fprintf(out, "postings_bytes: %llu\n", (unsigned long long)post);
	fprintf(out, "bits_per_posting: %.2f\n", s->npostings ? 8.0 * (double)post / (double)s->npostings : 0.0);
	fprintf(out, "positions_bytes: %llu\n", (unsigned long long)pos);
	fprintf(out, "docs_bytes: %llu\n", (unsigned long long)docs);
	fprintf(out, "meta_postings: %llu\n", (unsigned long long)meta_postings);
	fprintf(out, "meta_postings_bytes: %llu\n", (unsigned long long)meta_post);
	fprintf(out, "avg_title_length: %.2f\n", s->ndocs ? (double)s->sum_len[0] / (double)s->ndocs : 0.0);
	fprintf(out, "avg_abstract_length: %.2f\n", s->ndocs ? (double)s->sum_len[1] / (double)s->ndocs : 0.0);
	static const char *const names[STORE_NDB] = {"meta", "terms", "postings", "positions", "docs",
						      "ids", "doclens", "docauth", "authors", "authorids",
						      "extids"};
	for (int i = 0; i < STORE_NDB; i++)
		fprintf(out, "lmdb_%s_bytes: %llu\n", names[i], (unsigned long long)db_pages_bytes(&c, (store_db)i));
	fprintf(out, "used_bytes: %llu\n", (unsigned long long)used);
	fprintf(out, "file_bytes: %llu\n", (unsigned long long)file);
done:
	close_index(&c);
	return rc;
}

/* Canonical dump ------------------------------------------------------ */

typedef struct dump_posting {
	const char *id;
	uint32_t tf[POST_FIELDS];
	size_t pos_off;
} dump_posting;

static int cmp_posting(const void *a, const void *b)
{
	return strcmp(((const dump_posting *)a)->id, ((const dump_posting *)b)->id);
}

typedef struct doc_ref {
	const char *id;
	uint32_t docid;
} doc_ref;

static int cmp_doc(const void *a, const void *b)
{
	return strcmp(((const doc_ref *)a)->id, ((const doc_ref *)b)->id);
}

static int dump_frequent(void *out, const char *term, size_t n)
{
	buf b = BUF_INIT;
	buf_putc(&b, ' ');
	buf_put_json_str(&b, term, n);
	fwrite(b.p, 1, b.n, out);
	buf_free(&b);
	return 0;
}

int chk_dump(const char *db, FILE *out)
{
	chk c = {.err = stderr};
	char **ids = NULL;
	doc_ref *docs = NULL;
	dump_posting *pl = NULL;
	uint32_t *pos = NULL;
	size_t ndocs = 0, cap_pl = 0, cap_pos = 0;
	buf line = BUF_INIT;
	rec_paper rec;
	rec_init(&rec);
	MDB_cursor *cur = NULL, *pc = NULL;
	int rc = open_index(&c, db);
	if (rc)
		goto done;
	MDB_txn *txn = store_txn_mdb(c.txn);
	ids = mem_calloc(c.stats.next_docid, sizeof *ids);
	docs = mem_calloc(c.stats.ndocs + 1, sizeof *docs);
	MDB_val k, v;
	if ((rc = mdb_cursor_open(txn, store_dbi(c.txn, STORE_DB_DOCS), &cur)))
		goto done;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		uint32_t docid = k.mv_size == 4 ? u32be_get(k.mv_data) : 0;
		if (docid == 0 || docid >= c.stats.next_docid || ndocs >= c.stats.ndocs ||
		    rec_decode(v.mv_data, v.mv_size, &rec)) {
			rc = PDX_ECORRUPT;
			goto done;
		}
		ids[docid] = mem_strdup(rec.id);
		docs[ndocs++] = (doc_ref){ids[docid], docid};
		rec_clear(&rec);
	}
	mdb_cursor_close(cur);
	cur = NULL;
	if (rc != MDB_NOTFOUND)
		goto done;
	const store_stats *s = &c.stats;
	fprintf(out, "stats papers=%llu len=%llu,%llu postings=%llu terms=%llu authors=%llu\n",
		(unsigned long long)s->ndocs, (unsigned long long)s->sum_len[0],
		(unsigned long long)s->sum_len[1], (unsigned long long)s->npostings,
		(unsigned long long)s->nterms, (unsigned long long)s->nauthors);
	fputs("frequent", out);
	if ((rc = store_frequent_each(c.txn, dump_frequent, out)))
		goto done;
	fputc('\n', out);
	if ((rc = mdb_cursor_open(txn, store_dbi(c.txn, STORE_DB_TERMS), &cur)) ||
	    (rc = mdb_cursor_open(txn, store_dbi(c.txn, STORE_DB_POSTINGS), &pc)))
		goto done;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		store_term t;
		if (store_term_decode(&v, &t)) {
			rc = PDX_ECORRUPT;
			goto done;
		}
		int meta = k.mv_size && ((const char *)k.mv_data)[0] == STORE_META_PREFIX;
		buf_clear(&line);
		buf_puts(&line, "term ");
		buf_put_json_str(&line, k.mv_data, k.mv_size);
		buf_printf(&line, " df=%u cf=%llu max_tf=%u,%u min_len=%u,%u\n", t.df,
			   (unsigned long long)t.cf, t.max_tf[0], t.max_tf[1], t.min_len[0], t.min_len[1]);
		buf_write(&line, out);
		size_t n = 0, npos = 0;
		unsigned char kb[8];
		store_chunk_key(kb, t.termid, 0);
		MDB_val ck = {8, kb}, cv;
		int r;
		for (r = mdb_cursor_get(pc, &ck, &cv, MDB_SET_RANGE); r == 0;
		     r = mdb_cursor_get(pc, &ck, &cv, MDB_NEXT)) {
			if (ck.mv_size != 8 || u32be_get(ck.mv_data) != t.termid)
				break;
			post_chunk ch;
			MDB_val pv = {0, NULL};
			if (post_chunk_open(cv.mv_data, cv.mv_size, u32be_get((const unsigned char *)ck.mv_data + 4), &ch) ||
			    (!meta && mdb_get(txn, store_dbi(c.txn, STORE_DB_POSITIONS), &ck, &pv))) {
				rc = PDX_ECORRUPT;
				goto done;
			}
			uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
			for (uint32_t b = 0; b < ch.nblocks; b++) {
				const unsigned char *blk = NULL;
				size_t blk_n = 0;
				if (post_block_decode(&ch, b, d, t0, t1) ||
				    (!meta && post_pos_block(pv.mv_data, pv.mv_size, b, ch.nblocks, &blk, &blk_n))) {
					rc = PDX_ECORRUPT;
					goto done;
				}
				for (uint32_t j = 0; j < ch.blocks[b].count; j++) {
					if (d[j] >= s->next_docid || !ids[d[j]]) {
						rc = PDX_ECORRUPT;
						goto done;
					}
					pl = mem_grow(pl, &cap_pl, n + 1, sizeof *pl);
					pl[n] = (dump_posting){ids[d[j]], {t0[j], t1[j]}, npos};
					pos = mem_grow(pos, &cap_pos, npos + t0[j] + t1[j] + 1, sizeof *pos);
					if (!meta && post_pos_decode(blk, blk_n, j, t0, t1, pos + npos, pos + npos + t0[j])) {
						rc = PDX_ECORRUPT;
						goto done;
					}
					npos += meta ? 0 : t0[j] + t1[j];
					n++;
				}
			}
		}
		qsort(pl, n, sizeof *pl, cmp_posting);
		for (size_t i = 0; i < n; i++) {
			buf_clear(&line);
			buf_printf(&line, "  %s %u %u", pl[i].id, pl[i].tf[0], pl[i].tf[1]);
			for (uint32_t q = 0; !meta && q < pl[i].tf[0] + pl[i].tf[1]; q++)
				buf_printf(&line, "%s%u", q == pl[i].tf[0] ? " | " : " ", pos[pl[i].pos_off + q]);
			buf_putc(&line, '\n');
			buf_write(&line, out);
		}
	}
	if (rc != MDB_NOTFOUND)
		goto done;
	qsort(docs, ndocs, sizeof *docs, cmp_doc);
	for (size_t i = 0; i < ndocs; i++) {
		const void *data;
		size_t dn;
		uint32_t len[POST_FIELDS], aids[64];
		size_t na = 0;
		if ((rc = store_doc_get(c.txn, docs[i].docid, &data, &dn)) ||
		    (rc = rec_decode(data, dn, &rec)) || (rc = store_doclen(c.txn, docs[i].docid, len)))
			goto done;
		store_docauth_get(c.txn, docs[i].docid, aids, 64, &na);
		buf_clear(&line);
		buf_printf(&line, "doc len=%u,%u authors=[", len[0], len[1]);
		for (size_t a = 0; a < na && a < 64; a++) {
			const char *key;
			size_t kn;
			if (store_authorid_key(c.txn, aids[a], &key, &kn) == 0) {
				if (a)
					buf_putc(&line, ',');
				buf_put(&line, key, kn);
			}
		}
		buf_puts(&line, "] {");
		rec_json_fields(&rec, &line);
		buf_puts(&line, "}\n");
		buf_write(&line, out);
		rec_clear(&rec);
	}
	mdb_cursor_close(cur);
	cur = NULL;
	if ((rc = mdb_cursor_open(txn, store_dbi(c.txn, STORE_DB_AUTHORS), &cur)))
		goto done;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		store_author a;
		if ((rc = store_author_get(c.txn, k.mv_data, k.mv_size, &a)))
			goto done;
		fprintf(out, "author %.*s papers=%u name=%.*s\n", (int)k.mv_size, (const char *)k.mv_data,
			a.npapers, (int)a.name_len, a.name);
	}
	rc = rc == MDB_NOTFOUND ? 0 : rc;
done:
	if (cur)
		mdb_cursor_close(cur);
	if (pc)
		mdb_cursor_close(pc);
	rec_clear(&rec);
	if (ids)
		for (uint32_t i = 0; i < c.stats.next_docid; i++)
			free(ids[i]);
	free(ids);
	free(docs);
	free(pl);
	free(pos);
	buf_free(&line);
	close_index(&c);
	return rc;
}
