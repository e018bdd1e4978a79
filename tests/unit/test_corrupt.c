/* Damaged index files: bytes of a posting chunk, of its positions, of a
 * stored record, of the dictionary and of the statistics are changed
 * through LMDB, and
 *   - paperdex-index --check exits 1 naming what is wrong (term, docid,
 *     chunk) and the number of problems,
 *   - paperdex-search reports "index corrupted" and exits 1 when a query
 *     reads the damaged bytes, and answers queries that do not,
 *   - paperdex-index refuses to update a damaged list and leaves the index
 *     as it was; --rebuild starts over.
 * Then bytes of a chunk, its positions, a record, a dictionary entry and
 * the statistics are flipped in turn (every byte of a value's head, then
 * every 7th) and the check, the search engine and the writer, called in
 * this process, must
 * return 0 or PDX_ECORRUPT: never crash, hang or read out of bounds
 * (run under ASan by `make asan`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "index_test.h"

#include "analyzer.h"
#include "check.h"
#include "engine.h"
#include "err.h"
#include "prf.h"
#include "query.h"
#include "record.h"
#include "store.h"
#include "writer.h"

/* 400 papers, all with "Graph theory" in the title (one chunk of four
 * blocks for "graph", positions for the phrase); "zebra" in p7, p100 and
 * p250 only. */
static int setup(void **state)
{
	if (it_setup(state))
		return -1;
	buf b = BUF_INIT;
	for (int i = 1; i <= 400; i++)
		buf_printf(&b, "{\"id\":\"p%d\",\"title\":\"Graph theory note %d\",\"abstract\":\"We color %s graphs with %d colors%s.\",\"authors\":[\"Ann Author%d\",\"Bob Coauthor\"],\"year\":%d}\n",
			   i, i, i % 3 ? "planar" : "sparse", i % 9 + 2,
			   i == 7 || i == 100 || i == 250 ? " like a zebra" : "", i % 5, 1990 + i % 30);
	it_write("corpus.jsonl", (const char *)b.p);
	buf_free(&b);
	IT_PATH(db, "pristine.db");
	IT_PATH(corpus, "corpus.jsonl");
	it_ok("index", "-q", "-d", db, corpus);
	return 0;
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	assert_non_null(in);
	assert_non_null(out);
	char blk[1 << 16];
	size_t n;
	while ((n = fread(blk, 1, sizeof blk, in)) > 0)
		assert_int_equal(fwrite(blk, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/* A fresh copy of the pristine index at it_path(name); returns its path
 * in path. */
static void fresh_copy(char *path, size_t cap, const char *name)
{
	IT_PATH(pristine, "pristine.db");
	snprintf(path, cap, "%s/%s", it_dir, name);
	copy_file(pristine, path);
	char lock[600];
	snprintf(lock, sizeof lock, "%s-lock", path);
	unlink(lock);
}

/* The value to damage: which DB and key. */
typedef struct target {
	store_db db;
	unsigned char key[600];
	size_t klen;
} target;

static store *open_rw(const char *db, store_txn **t)
{
	an_analyzer *an;
	assert_int_equal(an_open(&an), 0);
	store *s;
	assert_int_equal(store_open(db, STORE_WRITE, an_settings(an), &s), 0);
	an_close(an);
	assert_int_equal(store_txn_begin(s, 1, t), 0);
	return s;
}

/* The first chunk key of term. */
static target chunk_target(const char *db, store_db which, const char *term, uint32_t *last_docid)
{
	store_txn *t;
	store *s = open_rw(db, &t);
	store_term st;
	assert_int_equal(store_term_get(t, term, strlen(term), &st), 0);
	MDB_cursor *c;
	assert_int_equal(mdb_cursor_open(store_txn_mdb(t), store_dbi(t, STORE_DB_POSTINGS), &c), 0);
	target tg = {.db = which, .klen = 8};
	store_chunk_key(tg.key, st.termid, 0);
	MDB_val k = {8, tg.key}, v;
	assert_int_equal(mdb_cursor_get(c, &k, &v, MDB_SET_RANGE), 0);
	assert_int_equal(u32be_get(k.mv_data), st.termid);
	memcpy(tg.key, k.mv_data, 8);
	if (last_docid)
		*last_docid = u32be_get(tg.key + 4);
	mdb_cursor_close(c);
	store_txn_abort(t);
	store_close(s);
	return tg;
}

static target doc_target(const char *db, const char *id, uint32_t *docid)
{
	store_txn *t;
	store *s = open_rw(db, &t);
	assert_int_equal(store_docid_get(t, id, strlen(id), docid), 0);
	store_txn_abort(t);
	store_close(s);
	target tg = {.db = STORE_DB_DOCS, .klen = 4};
	u32be_put(tg.key, *docid);
	return tg;
}

static target named_target(store_db db, const char *key)
{
	target tg = {.db = db, .klen = strlen(key)};
	memcpy(tg.key, key, tg.klen);
	return tg;
}

/* The target's DB opened by name, for raw reads and writes: no fsync
 * (the test runs thousands of tiny commits), no paperdex checks. */
static MDB_env *raw_open(const char *db, const target *tg, MDB_txn **txn, MDB_dbi *dbi)
{
	static const char *const names[STORE_NDB] = {"meta", "terms", "postings", "positions", "docs",
						      "ids", "doclens", "docauth", "authors", "authorids"};
	MDB_env *env;
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, STORE_NDB), 0);
	assert_int_equal(mdb_env_set_mapsize(env, (size_t)1 << 30), 0);
	assert_int_equal(mdb_env_open(env, db, MDB_NOSUBDIR | MDB_NOSYNC, 0644), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, txn), 0);
	assert_int_equal(mdb_dbi_open(*txn, names[tg->db], 0, dbi), 0);
	return env;
}

/* Reads the target's value into out (replacing its content). */
static void get_value(const char *db, const target *tg, buf *out)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_env *env = raw_open(db, tg, &txn, &dbi);
	MDB_val k = {tg->klen, (void *)tg->key}, v;
	assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
	buf_clear(out);
	buf_put(out, v.mv_data, v.mv_size);
	mdb_txn_abort(txn);
	mdb_env_close(env);
}

static void put_value(const char *db, const target *tg, const void *p, size_t n)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_env *env = raw_open(db, tg, &txn, &dbi);
	MDB_val k = {tg->klen, (void *)tg->key}, v = {n, (void *)p};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* Drops the last byte of the target's value. */
static void truncate_value(const char *db, const target *tg)
{
	buf v = BUF_INIT;
	get_value(db, tg, &v);
	assert_true(v.n > 1);
	put_value(db, tg, v.p, v.n - 1);
	buf_free(&v);
}

static char *check_errors(char *db)
{
	assert_int_equal(it_run("index", "-d", db, "--check"), 1);
	return it_read("err");
}

static void expect_in(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("[%s] not in: %s", what, text);
}

static void test_posting_chunk(void **state)
{
	(void)state;
	char db[512], corpus[512], want[1024];
	fresh_copy(db, sizeof db, "chunk.db");
	snprintf(corpus, sizeof corpus, "%s/corpus.jsonl", it_dir);
	uint32_t last;
	target tg = chunk_target(db, STORE_DB_POSTINGS, "graph", &last);
	truncate_value(db, &tg);

	char *err = check_errors(db);
	snprintf(want, sizeof want, "paperdex-index: check: term \"graph\": chunk ending at docid %u does not decode\n", last);
	expect_in(err, want);
	snprintf(want, sizeof want, " found in %s\n", db);
	expect_in(err, want);
	free(err);

	assert_int_equal(it_run("search", "-d", db, "graph"), 1);
	err = it_read("err");
	snprintf(want, sizeof want, "paperdex-search: error: index corrupted: ");
	expect_in(err, want);
	snprintf(want, sizeof want, "chunk ending at docid %u", last);
	expect_in(err, want);
	free(err);
	/* Lists that are intact still answer. */
	assert_int_equal(it_run("search", "-d", db, "--format", "trec", "zebra"), 0);
	char *out = it_read("out");
	expect_in(out, "1 Q0 p7 ");
	free(out);

	/* The writer refuses to merge into the damaged list, changing nothing. */
	it_write("more.jsonl", "{\"id\":\"m1\",\"title\":\"Graph minors\",\"abstract\":\"More.\"}\n");
	IT_PATH(more, "more.jsonl");
	assert_int_equal(it_run("index", "-q", "-d", db, more), 1);
	err = it_read("err");
	expect_in(err, "paperdex-index: error: index corrupted: posting list of term \"graph\"");
	expect_in(err, "the index is unchanged");
	free(err);
	it_ok("index", "-d", db, "--stats");
	out = it_read("out");
	expect_in(out, "papers: 400\n");
	free(out);
	it_ok("index", "-q", "-d", db, "--rebuild", corpus, more);
	it_ok("index", "-d", db, "--check");
}

static void test_positions(void **state)
{
	(void)state;
	char db[512];
	fresh_copy(db, sizeof db, "positions.db");
	uint32_t last;
	target tg = chunk_target(db, STORE_DB_POSITIONS, "graph", &last);
	truncate_value(db, &tg);
	char *err = check_errors(db);
	expect_in(err, "paperdex-index: check: term \"graph\": positions of ");
	free(err);
	/* Ranked queries never read positions; phrases do. */
	it_ok("search", "-d", db, "graph");
	int st = it_run("search", "-d", db, "\"graph theory\"");
	assert_int_equal(st, 1);
	err = it_read("err");
	expect_in(err, "paperdex-search: error: index corrupted: ");
	free(err);
}

static void test_record(void **state)
{
	(void)state;
	char db[512], want[1024];
	fresh_copy(db, sizeof db, "record.db");
	uint32_t docid;
	target tg = doc_target(db, "p7", &docid);
	truncate_value(db, &tg);
	char *err = check_errors(db);
	snprintf(want, sizeof want, "paperdex-index: check: docs: record of docid %u does not decode\n", docid);
	expect_in(err, want);
	free(err);
	assert_int_equal(it_run("search", "-d", db, "zebra"), 1);
	err = it_read("err");
	snprintf(want, sizeof want, "paperdex-search: error: index corrupted: record of docid %u\n", docid);
	expect_in(err, want);
	free(err);
	/* Replacing the paper needs its record: refused, unchanged. */
	it_write("p7.jsonl", "{\"id\":\"p7\",\"title\":\"Replaced\",\"abstract\":\"New.\"}\n");
	IT_PATH(p7, "p7.jsonl");
	assert_int_equal(it_run("index", "-q", "-d", db, p7), 1);
	err = it_read("err");
	snprintf(want, sizeof want, "paperdex-index: error: index corrupted: stored record of docid %u\n", docid);
	expect_in(err, want);
	free(err);
}

static void test_dictionary_and_stats(void **state)
{
	(void)state;
	char db[512];
	fresh_copy(db, sizeof db, "dict.db");
	store_txn *t;
	store *s = open_rw(db, &t);
	store_term term;
	assert_int_equal(store_term_get(t, "zebra", 5, &term), 0);
	assert_int_equal(term.df, 3);
	buf surf = BUF_INIT;
	buf_put(&surf, term.surface, term.surface_len);
	term.surface = (const char *)surf.p;
	term.df = 4;
	assert_int_equal(store_term_put(t, "zebra", 5, &term, 0), 0);
	store_stats st;
	assert_int_equal(store_stats_get(t, &st), 0);
	st.ndocs++;
	assert_int_equal(store_stats_put(t, &st), 0);
	assert_int_equal(store_txn_commit(t), 0);
	store_close(s);
	buf_free(&surf);
	char *err = check_errors(db);
	expect_in(err, "paperdex-index: check: term \"zebra\": dictionary says df 4 cf 3 in 1 chunks, postings say df 3 cf 3 in 1 chunks\n");
	char want[1024];
	snprintf(want, sizeof want, "paperdex-index: check: stats: 401 papers with lengths %llu/%llu recorded, 400 papers with %llu/%llu found\n",
		 (unsigned long long)st.sum_len[0], (unsigned long long)st.sum_len[1],
		 (unsigned long long)st.sum_len[0], (unsigned long long)st.sum_len[1]);
	expect_in(err, want);
	snprintf(want, sizeof want, "paperdex-index: check: stats: %llu postings, %llu terms, %llu authors recorded; %llu, %llu, %llu found\n",
		 (unsigned long long)st.npostings, (unsigned long long)st.nterms, (unsigned long long)st.nauthors,
		 (unsigned long long)st.npostings + 1, (unsigned long long)st.nterms, (unsigned long long)st.nauthors);
	expect_in(err, want);
	snprintf(want, sizeof want, "paperdex-index: check: 3 problems found in %s\n", db);
	expect_in(err, want);
	free(err);

	/* Statistics that do not decode: nothing can be read, and every
	 * command says so. */
	fresh_copy(db, sizeof db, "stats.db");
	target tg = named_target(STORE_DB_META, "stats");
	put_value(db, &tg, "\xff\xff", 2);
	err = check_errors(db);
	expect_in(err, "paperdex-index: check: stats: ");
	free(err);
	assert_int_equal(it_run("search", "-d", db, "graph"), 1);
	err = it_read("err");
	expect_in(err, "paperdex-search: error: ");
	expect_in(err, "corrupt");
	free(err);
}

static void del_value(const char *db, const target *tg)
{
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_env *env = raw_open(db, tg, &txn, &dbi);
	MDB_val k = {tg->klen, (void *)tg->key};
	assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

/* store_term_frequent's answer for term in db (a read-only transaction),
 * or its error code as *rc. */
static int frequent_in(const char *db, const char *term, int *rc)
{
	an_analyzer *an;
	assert_int_equal(an_open(&an), 0);
	store *s;
	assert_int_equal(store_open(db, STORE_READ, an_settings(an), &s), 0);
	an_close(an);
	store_txn *t;
	assert_int_equal(store_txn_begin(s, 0, &t), 0);
	int yes;
	*rc = store_term_frequent(t, term, strlen(term), &yes);
	store_txn_abort(t);
	store_close(s);
	return yes;
}

/* RM3's expansion of query in db into *x (NULL on failure); returns the
 * error code. */
static int expand(const char *db, const char *query, qp_query **x)
{
	eng_index *e;
	assert_int_equal(eng_open(db, NULL, &e), 0);
	qp_query *q;
	qp_parse(eng_analyzer(e), query, strlen(query), 0, &q);
	int rc = prf_expand(e, q, &prf_defaults, x);
	qp_free(q);
	eng_close(e);
	return rc;
}

static int has_term(const qp_query *x, const char *term)
{
	for (size_t i = 0; i < x->root->nkids; i++)
		if (strcmp(x->root->kids[i]->term, term) == 0)
			return 1;
	return 0;
}

/* The frequent terms list (meta "frequent"): the dictionary's terms in
 * more than 10% of the papers, which relevance feedback leaves out. A
 * damaged list is a corruption error for feedback and for --check, and
 * the next commit writes it afresh. */
static void test_frequent_terms(void **state)
{
	(void)state;
	char db[512];
	fresh_copy(db, sizeof db, "frequent.db");
	int rc;
	assert_true(frequent_in(db, "graph", &rc));   /* every paper */
	assert_int_equal(rc, 0);
	assert_true(frequent_in(db, "spars", &rc));   /* a third of them */
	assert_false(frequent_in(db, "zebra", &rc));  /* 3 of 400 */
	assert_false(frequent_in(db, "xyzzy", &rc));  /* not in the index */
	assert_int_equal(rc, 0);
	/* "zebra"'s feedback papers give "like" (their only other rare
	 * word) and not "graph". */
	qp_query *x;
	assert_int_equal(expand(db, "zebra", &x), 0);
	assert_non_null(x);
	assert_true(has_term(x, "like"));
	assert_false(has_term(x, "graph"));
	qp_free(x);

	static const struct {
		const char *v;
		size_t n;
		const char *why;
	} bad[] = {{"\x05zebra\x05graph", 12, "unsorted"}, {"\x05zebr", 5, "truncated"},
		   {"\x00", 1, "an empty term"}};
	target tg = named_target(STORE_DB_META, "frequent");
	for (size_t i = 0; i <= sizeof bad / sizeof *bad; i++) {
		if (i < sizeof bad / sizeof *bad)
			put_value(db, &tg, bad[i].v, bad[i].n);
		else
			del_value(db, &tg);
		frequent_in(db, "graph", &rc);
		if (rc != PDX_ECORRUPT)
			fail_msg("%s: store_term_frequent returned %d", i < 3 ? bad[i].why : "missing", rc);
		assert_int_equal(expand(db, "zebra", &x), PDX_ECORRUPT);
		assert_null(x);
		char *err = check_errors(db);
		expect_in(err, i < 3 ? "paperdex-index: check: frequent: the meta value \"frequent\" is not the dictionary's list\n"
				     : "paperdex-index: check: frequent: the meta value \"frequent\" is missing\n");
		free(err);
	}

	/* Well formed but not the dictionary's: feedback believes it, the
	 * check does not. */
	put_value(db, &tg, "\x05zebra", 6);
	assert_true(frequent_in(db, "zebra", &rc));
	assert_false(frequent_in(db, "graph", &rc));
	char *err = check_errors(db);
	expect_in(err, "paperdex-index: check: frequent: the meta value \"frequent\" is not the dictionary's list\n");
	free(err);

	/* Any commit writes it from the dictionary again. */
	wr_options opt = {db, 0, 16u << 20, 0};
	wr_writer *w;
	assert_int_equal(wr_open(&opt, &w), 0);
	assert_int_equal(wr_delete(w, "p100"), 0);
	assert_int_equal(wr_commit(w, NULL), 0);
	wr_close(w);
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	assert_int_equal(chk_check(db, null, null), 0);
	assert_false(frequent_in(db, "zebra", &rc));
	assert_true(frequent_in(db, "graph", &rc));

	/* Every byte flipped: an answer or PDX_ECORRUPT, never a read out of
	 * bounds (ASan). */
	buf orig = BUF_INIT, v = BUF_INIT;
	get_value(db, &tg, &orig);
	assert_true(orig.n > 10);
	for (size_t i = 0; i < orig.n; i++) {
		buf_clear(&v);
		buf_put(&v, orig.p, orig.n);
		v.p[i] ^= 0xff;
		put_value(db, &tg, v.p, v.n);
		frequent_in(db, "graph", &rc);
		if (rc != 0 && rc != PDX_ECORRUPT)
			fail_msg("byte %zu ^ 0xff: store_term_frequent returned %d", i, rc);
		rc = chk_check(db, null, null);
		if (rc != PDX_ECORRUPT)
			fail_msg("byte %zu ^ 0xff: check returned %d", i, rc);
	}
	fclose(null);
	buf_free(&orig);
	buf_free(&v);
}

/* Every sampled byte of the target's value flipped with each pattern:
 * the checker, the engine and the writer return 0 or PDX_ECORRUPT. */
static void flip_all(const char *db, const target *tg, int with_writer)
{
	static const unsigned char patterns[] = {0xff, 0x01, 0x80};
	buf orig = BUF_INIT, v = BUF_INIT;
	get_value(db, tg, &orig);
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	size_t cases = 0, detected = 0;
	/* Every byte of the head (counts, directory), every 7th after. */
	for (size_t i = 0; i < orig.n; i += i < 24 ? 1 : 7) {
		for (size_t p = 0; p < sizeof patterns; p++) {
			if (i >= 24 && p > 0)
				break;
			buf_clear(&v);
			buf_put(&v, orig.p, orig.n);
			v.p[i] ^= patterns[p];
			put_value(db, tg, v.p, v.n);
			cases++;
			int rc = chk_check(db, null, null);
			if (rc != 0 && rc != PDX_ECORRUPT)
				fail_msg("byte %zu ^ 0x%02x: check returned %d", i, patterns[p], rc);
			detected += rc == PDX_ECORRUPT;
			eng_index *e;
			rc = eng_open(db, NULL, &e);
			if (rc == 0) {
				static const char *const queries[] = {"graph", "\"graph theory\"", "zebra graph colors",
								      "author:\"Bob Coauthor\" planar", "year:2001 graph"};
				/* Each evaluator on one thread, then MaxScore and term
				 * at a time on three, where the threads' own cursors
				 * meet the damage. */
				static const eng_mode modes[] = {ENG_MAXSCORE, ENG_TAAT, ENG_EXHAUSTIVE, ENG_MAXSCORE,
								 ENG_TAAT};
				for (size_t mode = 0; mode < sizeof modes / sizeof *modes; mode++) {
					if (mode == 3 && (rc = eng_set_threads(e, 3, 0)))
						fail_msg("byte %zu ^ 0x%02x: eng_set_threads returned %d", i, patterns[p], rc);
					for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
						qp_query *qq;
						qp_parse(eng_analyzer(e), queries[q], strlen(queries[q]), 0, &qq);
						eng_result r;
						rc = eng_search(e, qq, 10, modes[mode], &r);
						if (rc != 0 && rc != PDX_ECORRUPT)
							fail_msg("byte %zu ^ 0x%02x: search %s returned %d", i, patterns[p], queries[q], rc);
						assert_true(r.n <= 10);
						eng_result_free(&r);
						qp_free(qq);
					}
				}
				eng_close(e);
			} else if (rc != PDX_ECORRUPT) {
				fail_msg("byte %zu ^ 0x%02x: eng_open returned %d", i, patterns[p], rc);
			}
			if (with_writer && i % 3 == 0) {
				wr_options opt = {db, 0, 16u << 20, 0};
				wr_writer *w;
				assert_int_equal(wr_open(&opt, &w), 0);
				rec_paper rec;
				rec_init(&rec);
				rec_set(&rec.id, "p7", 2);
				rec_set(&rec.title, "Graph theory again", 18);
				rec_set(&rec.abstract, "A zebra.", 8);
				rec_strv_push(&rec.authors, "Bob Coauthor", 12);
				rc = wr_add(w, &rec);
				if (rc == 0)
					rc = wr_commit(w, NULL);
				wr_close(w);
				if (rc != 0 && rc != PDX_ECORRUPT)
					fail_msg("byte %zu ^ 0x%02x: writer returned %d", i, patterns[p], rc);
				if (rc == 0) {
					/* It went through: start again from the pristine copy. */
					char name[64];
					snprintf(name, sizeof name, "%s", strrchr(db, '/') + 1);
					char again[512];
					fresh_copy(again, sizeof again, name);
					continue;
				}
			}
		}
	}
	put_value(db, tg, orig.p, orig.n);
	assert_int_equal(chk_check(db, null, null), 0);
	fclose(null);
	print_message("%zu damaged values, %zu caught by --check\n", cases, detected);
	assert_true(detected > 0);
	buf_free(&orig);
	buf_free(&v);
}

static void test_flip_every_byte(void **state)
{
	(void)state;
	char db[512];
	fresh_copy(db, sizeof db, "flip.db");
	uint32_t docid;
	target tg = chunk_target(db, STORE_DB_POSTINGS, "graph", NULL);
	flip_all(db, &tg, 1);
	tg = chunk_target(db, STORE_DB_POSITIONS, "graph", NULL);
	flip_all(db, &tg, 1);
	tg = chunk_target(db, STORE_DB_POSTINGS, "zebra", NULL);
	flip_all(db, &tg, 1);
	tg = doc_target(db, "p7", &docid);
	flip_all(db, &tg, 1);
	tg = named_target(STORE_DB_META, "stats");
	flip_all(db, &tg, 0);
	tg = named_target(STORE_DB_TERMS, "zebra");
	flip_all(db, &tg, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_posting_chunk),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_dictionary_and_stats),
		cmocka_unit_test(test_frequent_terms),
		cmocka_unit_test(test_flip_every_byte),
	};
	return cmocka_run_group_tests(tests, setup, it_teardown);
}
