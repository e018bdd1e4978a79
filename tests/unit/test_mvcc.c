/* Snapshot isolation between the searcher and the indexer: a reader opened
 * through the engine (one read transaction for its lifetime) keeps seeing
 * the index as it was when it opened (statistics, dictionary, posting
 * lists, records, ranked results, identical to the bit) while the real
 * paperdex-index, run as a child process, commits adds, replacements,
 * deletions and even a --rebuild that swaps the file; readers opened
 * afterwards (in another process, or here once the old one is closed) see
 * the new index. A writer in flight holds the writer lock: a second writer
 * fails with EBUSY and its message, readers see the index of before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <cmocka.h>

#include "index_test.h"

#include "cursor.h"
#include "engine.h"
#include "err.h"
#include "query.h"
#include "record.h"
#include "store.h"
#include "writer.h"

/* v1: p1..p300, "snapshot" in the abstracts of the even ones (150).
 * v2: q1..q100 with "snapshot" in the title, and p1..p10 rewritten
 * without it. Then p11..p20 are deleted. After both: 390 papers, 240 with
 * "snapshot". */
static void write_corpora(void)
{
	buf b = BUF_INIT;
	for (int i = 1; i <= 300; i++)
		buf_printf(&b, "{\"id\":\"p%d\",\"title\":\"Paper %d on graphs\",\"abstract\":\"A %s of paper %d.\",\"authors\":[\"Ann Reader\",\"Author %d\"],\"year\":%d}\n",
			   i, i, i % 2 ? "picture" : "snapshot", i, i % 7, 2000 + i % 20);
	it_write("v1.jsonl", (const char *)b.p);
	buf_clear(&b);
	for (int i = 1; i <= 100; i++)
		buf_printf(&b, "{\"id\":\"q%d\",\"title\":\"New snapshot %d\",\"abstract\":\"Fresh text %d.\",\"authors\":[\"Bo Writer\"]}\n",
			   i, i, i);
	for (int i = 1; i <= 10; i++)
		buf_printf(&b, "{\"id\":\"p%d\",\"title\":\"Paper %d revised\",\"abstract\":\"No pictures now.\",\"authors\":[\"Bo Writer\"]}\n",
			   i, i);
	it_write("v2.jsonl", (const char *)b.p);
	buf_free(&b);
}

static int setup(void **state)
{
	if (it_setup(state))
		return -1;
	write_corpora();
	return 0;
}

/* Ranked results of query in e (k = 1000). */
static eng_result search(eng_index *e, const char *query)
{
	qp_query *q;
	qp_parse(eng_analyzer(e), query, strlen(query), 0, &q);
	eng_result r;
	assert_int_equal(eng_search(e, q, 1000, ENG_AUTO, &r), 0);
	qp_free(q);
	return r;
}

static void same_results(const eng_result *a, const eng_result *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->hits[i].docid, b->hits[i].docid);
		assert_memory_equal(&a->hits[i].score, &b->hits[i].score, sizeof(double));
	}
}

/* Walks term's postings in t: returns the count, checking that every
 * posting's paper is there with a readable record. */
static uint32_t walk(store_txn *t, const char *term)
{
	store_term st;
	assert_int_equal(store_term_get(t, term, strlen(term), &st), 0);
	post_cursor *c;
	assert_int_equal(cur_open(t, &st, &c), 0);
	uint32_t n = 0;
	for (; c->docid != CUR_END; cur_next(c), n++) {
		const void *data;
		size_t len;
		rec_paper rec;
		rec_init(&rec);
		assert_int_equal(store_doc_get(t, c->docid, &data, &len), 0);
		assert_int_equal(rec_decode(data, len, &rec), 0);
		rec_clear(&rec);
	}
	assert_int_equal(c->err, 0);
	cur_close(c);
	assert_int_equal(n, st.df);
	return n;
}

/* The title of paper id as t sees it (static buffer). */
static const char *title_of(store_txn *t, const char *id)
{
	static char title[128];
	uint32_t docid;
	const void *data;
	size_t n;
	rec_paper rec;
	rec_init(&rec);
	assert_int_equal(store_docid_get(t, id, strlen(id), &docid), 0);
	assert_int_equal(store_doc_get(t, docid, &data, &n), 0);
	assert_int_equal(rec_decode(data, n, &rec), 0);
	snprintf(title, sizeof title, "%s", rec.title);
	rec_clear(&rec);
	return title;
}

/* What a new reader in another process sees: papers and "snapshot" hits. */
static void new_reader_sees(char *db, int papers, int hits)
{
	it_ok("index", "-d", db, "--stats");
	char *out = it_read("out");
	char want[64];
	snprintf(want, sizeof want, "papers: %d\n", papers);
	assert_non_null(strstr(out, want));
	free(out);
	it_ok("search", "-d", db, "-k", "1000", "--format", "trec", "snapshot");
	out = it_read("out");
	int lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, hits);
	free(out);
}

static void test_reader_keeps_its_snapshot(void **state)
{
	(void)state;
	IT_PATH(db, "mvcc.db");
	IT_PATH(v1, "v1.jsonl");
	IT_PATH(v2, "v2.jsonl");
	it_ok("index", "-q", "-d", db, v1);

	eng_index *old;
	assert_int_equal(eng_open(db, NULL, &old), 0);
	store_txn *t = eng_txn(old);
	store_stats before;
	assert_int_equal(store_stats_get(t, &before), 0);
	assert_int_equal(before.ndocs, 300);
	eng_result r0 = search(old, "snapshot");
	assert_int_equal(r0.n, 150);
	eng_result a0 = search(old, "author:\"Ann Reader\" graphs");
	assert_int_equal(a0.n, 300);

	/* Three commits while the reader is open: an add with replacements,
	 * a delete, another add. */
	it_ok("index", "-q", "-d", db, v2);
	it_ok("index", "-q", "-d", db, "--delete", "p11", "p12", "p13", "p14", "p15", "p16",
	      "p17", "p18", "p19", "p20");
	new_reader_sees(db, 390, 240);

	store_stats now;
	assert_int_equal(store_stats_get(t, &now), 0);
	assert_int_equal(now.ndocs, before.ndocs);
	assert_int_equal(now.sum_len[0], before.sum_len[0]);
	assert_int_equal(now.sum_len[1], before.sum_len[1]);
	assert_int_equal(now.npostings, before.npostings);
	assert_int_equal(now.nterms, before.nterms);
	assert_int_equal(now.nauthors, before.nauthors);
	assert_int_equal(now.next_docid, before.next_docid);
	assert_int_equal(now.next_termid, before.next_termid);
	eng_result r1 = search(old, "snapshot");
	same_results(&r0, &r1);
	eng_result a1 = search(old, "author:\"Ann Reader\" graphs");
	same_results(&a0, &a1);
	assert_int_equal(walk(t, "snapshot"), 150);
	assert_int_equal(walk(t, "graph"), 300);
	uint32_t docid;
	assert_int_equal(store_docid_get(t, "q1", 2, &docid), PDX_ENOTFOUND);
	assert_string_equal(title_of(t, "p2"), "Paper 2 on graphs");
	assert_string_equal(title_of(t, "p12"), "Paper 12 on graphs");
	store_author au;
	assert_int_equal(store_author_get(t, "bo writer", 9, &au), PDX_ENOTFOUND);
	assert_int_equal(store_author_get(t, "ann reader", 10, &au), 0);
	assert_int_equal(au.npapers, 300);

	/* A rebuild swaps the file under the open reader: it still reads the
	 * old one; new readers read the new one. */
	it_ok("index", "-q", "-d", db, "--rebuild", v2);
	new_reader_sees(db, 110, 100);
	eng_result r2 = search(old, "snapshot");
	same_results(&r0, &r2);
	assert_int_equal(walk(t, "snapshot"), 150);
	assert_string_equal(title_of(t, "p300"), "Paper 300 on graphs");
	eng_close(old);

	eng_index *fresh;
	assert_int_equal(eng_open(db, NULL, &fresh), 0);
	assert_int_equal(eng_stats(fresh)->ndocs, 110);
	eng_result r3 = search(fresh, "snapshot");
	assert_int_equal(r3.n, 100);
	assert_string_equal(title_of(eng_txn(fresh), "p2"), "Paper 2 revised");
	assert_int_equal(store_author_get(eng_txn(fresh), "ann reader", 10, &au), PDX_ENOTFOUND);
	eng_close(fresh);
	eng_result *all[] = {&r0, &r1, &r2, &r3, &a0, &a1};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		eng_result_free(all[i]);
}

/* Opens fifo for writing once a reader has it open (up to 20 s). */
static int open_fifo_writer(const char *fifo)
{
	for (int i = 0; i < 2000; i++) {
		int fd = open(fifo, O_WRONLY | O_NONBLOCK);
		if (fd >= 0) {
			fcntl(fd, F_SETFL, 0);
			return fd;
		}
		if (errno != ENXIO)
			break;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	fail_msg("the writer never opened %s", fifo);
	return -1;
}

static void test_writer_in_flight(void **state)
{
	(void)state;
	IT_PATH(db, "flight.db");
	IT_PATH(fifo, "in.jsonl");
	IT_PATH(v1, "v1.jsonl");
	it_ok("index", "-q", "-d", db, v1);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	char path[512];
	snprintf(path, sizeof path, "%s/paperdex-index", getenv("PDX_BIN"));
	char *argv[] = {path, "-q", "-d", db, "--format", "jsonl", fifo, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 2, it_path("flight.err"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid;
	assert_int_equal(posix_spawn(&pid, path, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	/* The writer opens the index before its input: once it reads the
	 * FIFO, it holds the writer lock and an open write transaction. */
	int fd = open_fifo_writer(fifo);
	char *text = it_read("v2.jsonl");
	size_t half = strlen(text) / 2;
	while (text[half] != '\n')
		half++;
	assert_int_equal(write(fd, text, half + 1), (ssize_t)half + 1);

	wr_options opt = {db, 0, 16u << 20, 0};
	wr_writer *w;
	assert_int_equal(wr_open(&opt, &w), EBUSY);
	assert_null(w);
	char want[600];
	snprintf(want, sizeof want, "another paperdex-index is writing %s", db);
	assert_string_equal(store_open_detail(), want);
	opt.rebuild = 1;
	assert_int_equal(wr_open(&opt, &w), EBUSY);
	assert_int_equal(it_run("index", "-q", "-d", db, "--delete", "p1"), 1);
	char *err = it_read("err");
	assert_non_null(strstr(err, want));
	free(err);

	eng_index *during;
	assert_int_equal(eng_open(db, NULL, &during), 0);
	assert_int_equal(eng_stats(during)->ndocs, 300);
	eng_result r0 = search(during, "snapshot");
	assert_int_equal(r0.n, 150);

	size_t rest = strlen(text) - half - 1;
	assert_int_equal(write(fd, text + half + 1, rest), (ssize_t)rest);
	close(fd);
	free(text);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	err = it_read("flight.err");
	assert_non_null(strstr(err, "110 papers added (10 replaced), 400 papers indexed"));
	free(err);

	eng_result r1 = search(during, "snapshot");
	same_results(&r0, &r1);
	store_stats s;
	assert_int_equal(store_stats_get(eng_txn(during), &s), 0);
	assert_int_equal(s.ndocs, 300);
	new_reader_sees(db, 400, 245);
	eng_close(during);
	eng_result_free(&r0);
	eng_result_free(&r1);
}

/* Word i of the cache test: five of 19 consonants, which no stemming
 * rule shortens. */
static const char *cache_word(unsigned i)
{
	static const char letters[] = "bcdfghjklmnpqrtvwxz";
	static char w[6];
	for (int j = 4; j >= 0; j--, i /= 19)
		w[j] = letters[i % 19];
	return w;
}

/* A reader's term lookups are cached for its transaction: 9,000 words,
 * more than the cache holds (so it grows from 64 slots to 8,192 and
 * empties on the way), each looked up
 * twice in a row (read, then served from the cache), twice over, give
 * their true document frequencies, and a word not in the index is not
 * found, from the cache either. Word i is in paper i / 300, and when i is
 * odd in the next paper too. */
static void test_term_cache(void **state)
{
	(void)state;
	enum { WORDS = 9000, PER_PAPER = 300 };
	IT_PATH(db, "terms.db");
	IT_PATH(papers, "terms.jsonl");
	FILE *f = fopen(papers, "w");
	assert_non_null(f);
	for (unsigned p = 0; p <= WORDS / PER_PAPER; p++) {
		fprintf(f, "{\"id\":\"t%u\",\"title\":\"Paper %u\",\"abstract\":\"", p, p);
		for (unsigned i = 0; i < WORDS; i++)
			if (i / PER_PAPER == p || (i % 2 && i / PER_PAPER + 1 == p))
				fprintf(f, "%s ", cache_word(i));
		fprintf(f, "end\"}\n");
	}
	assert_int_equal(fclose(f), 0);
	it_ok("index", "-q", "-d", db, papers);
	eng_index *e;
	assert_int_equal(eng_open(db, NULL, &e), 0);
	store_txn *t = eng_txn(e);
	for (int round = 0; round < 2; round++) {
		for (unsigned i = 0; i < WORDS; i++) {
			const char *w = cache_word(i);
			for (int again = 0; again < 2; again++) {
				store_term st;
				assert_int_equal(store_term_get(t, w, strlen(w), &st), 0);
				assert_int_equal(st.df, 1 + i % 2);
			}
		}
		for (int again = 0; again < 2; again++) {
			store_term st;
			const char *absent = cache_word(WORDS + 1);
			assert_int_equal(store_term_get(t, absent, strlen(absent), &st), PDX_ENOTFOUND);
		}
	}
	eng_close(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_keeps_its_snapshot),
		cmocka_unit_test(test_writer_in_flight),
		cmocka_unit_test(test_term_cache),
	};
	return cmocka_run_group_tests(tests, setup, it_teardown);
}
