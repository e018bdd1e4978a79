/* Researcher ranking and identity on real index files: every aggregation
 * and credit scheme on a corpus small enough to score by hand, the depth
 * and k cuts, ties, and the author table merging spellings of one name
 * (case, diacritics, hyphens) while initials stay another researcher.
 * The indexes are built by the real paperdex-index ($PDX_BIN). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "index_test.h"

#include "authors.h"
#include "engine.h"
#include "err.h"
#include "query.h"
#include "store.h"

/* Eight papers; every title has 2 words and every abstract 4, so every
 * length equals the average and BM25F's length normalization is 1. With
 * k1 = 1.2 and both field weights 1, tfn is the query word's count in
 * title and abstract together, and
 *   idf(zorb) = ln(1 + (8 - 3 + 0.5) / (3 + 0.5)) = ln(18/7) = 0.944461609
 *   s(tfn)    = idf * tfn * 2.2 / (1.2 + tfn)
 *   a3: tfn 3  s3 = idf * 6.6 / 4.2 = 1.484153957   rank 1
 *   a1: tfn 2  s1 = idf * 4.4 / 3.2 = 1.298634712   rank 2
 *   a2: tfn 1  s2 = idf                = 0.944461609   rank 3
 *   e^(s1 - s3) = 0.830672849, e^(s2 - s3) = 0.582927564
 * Authors, in order:  a3 Ann Bob Cy   a1 Bob Dee   a2 Cy Eve Ann
 * Papers in the index: Ann 4 (a2 a3 a4 a5), Bob 2, Cy 2, Dee 2 (a1 a5),
 * Eve 1, Fay 3 (none matching). */
static const char *const corpus =
	"{\"id\":\"a1\",\"title\":\"zorb zorb\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Bob Ng\",\"Dee Roy\"],\"year\":2021}\n"
	"{\"id\":\"a2\",\"title\":\"zorb quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Cy Ito\",\"Eve Fox\",\"Ann Lee\"],\"year\":2022}\n"
	"{\"id\":\"a3\",\"title\":\"quux quux\",\"abstract\":\"zorb zorb zorb delta\",\"authors\":[\"Ann Lee\",\"Bob Ng\",\"Cy Ito\"],\"year\":2023}\n"
	"{\"id\":\"a4\",\"title\":\"quux quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Ann Lee\"],\"year\":2019}\n"
	"{\"id\":\"a5\",\"title\":\"quux quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Ann Lee\",\"Dee Roy\"],\"year\":2020}\n"
	"{\"id\":\"a6\",\"title\":\"quux quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Fay Day\"]}\n"
	"{\"id\":\"a7\",\"title\":\"quux quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Fay Day\"]}\n"
	"{\"id\":\"a8\",\"title\":\"quux quux\",\"abstract\":\"alpha beta gamma delta\",\"authors\":[\"Fay Day\"]}\n";

/* One name written three ways (the reader collapses the double space),
 * an initialed form, and a name whose "ı́" is a dotless i with a combining
 * acute (as an ML Anthology listing has it). */
static const char *const names_corpus =
	"{\"id\":\"c1\",\"title\":\"Independent components\",\"abstract\":\"Blind separation.\",\"authors\":[\"Jean-François Cardoso\",\"Pierre Ablin\"],\"year\":1999}\n"
	"{\"id\":\"c2\",\"title\":\"Independent components again\",\"abstract\":\"Blind separation.\",\"authors\":[\"Jean-Francois Cardoso\"],\"year\":2005}\n"
	"{\"id\":\"c3\",\"title\":\"Independent components revisited\",\"abstract\":\"Blind separation.\",\"authors\":[\"JEAN FRANÇOIS  CARDOSO\",\"Pierre  Ablin\"],\"year\":2019}\n"
	"{\"id\":\"c4\",\"title\":\"Graph learning\",\"abstract\":\"Laplacian estimation.\",\"authors\":[\"J.-F. Cardoso\",\"José Vinı\xcc\x81" "cius De Miranda Cardoso\"],\"year\":2021}\n"
	"{\"id\":\"c5\",\"title\":\"Graph learning on trees\",\"abstract\":\"Laplacian estimation.\",\"authors\":[\"Jose Vinicius de Miranda Cardoso\"],\"year\":2022}\n";

static const bm25_params params = {1.2, {0.75, 0.75}, {1.0, 1.0}};

static char db[512], names_db[512];

static int setup(void **state)
{
	if (it_setup(state))
		return -1;
	it_write("a.jsonl", corpus);
	it_write("c.jsonl", names_corpus);
	snprintf(db, sizeof db, "%s", it_path("a.db"));
	snprintf(names_db, sizeof names_db, "%s", it_path("c.db"));
	IT_PATH(a, "a.jsonl");
	IT_PATH(c, "c.jsonl");
	it_ok("index", "-q", "-d", db, a);
	it_ok("index", "-q", "-d", names_db, c);
	return 0;
}

static eng_index *open_index(const char *path)
{
	eng_index *e;
	assert_int_equal(eng_open(path, &params, &e), 0);
	return e;
}

static au_ranking rank(eng_index *e, const char *query, size_t depth, size_t k, au_agg agg, au_credit credit)
{
	qp_query *q;
	qp_parse(eng_analyzer(e), query, strlen(query), 0, &q);
	au_ranking r;
	assert_int_equal(au_rank(e, q, depth, k, agg, credit, &r), 0);
	qp_free(q);
	return r;
}

static uint32_t author_id(eng_index *e, const char *key)
{
	store_author a;
	assert_int_equal(store_author_get(eng_txn(e), key, strlen(key), &a), 0);
	return a.authorid;
}

/* The row of the researcher with this key, or NULL. */
static const au_row *row_of(eng_index *e, const au_ranking *r, const char *key)
{
	uint32_t id = author_id(e, key);
	for (size_t i = 0; i < r->n; i++)
		if (r->rows[i].authorid == id)
			return &r->rows[i];
	return NULL;
}

static void expect_score(eng_index *e, const au_ranking *r, const char *key, double want)
{
	const au_row *row = row_of(e, r, key);
	if (!row)
		fail_msg("%s is not ranked", key);
	if (fabs(row->score - want) > 1e-8)
		fail_msg("%s: score %.9f, expected %.9f", key, row->score, want);
}

/* Scores for ann, bob, cy, dee, eve; the ranking must hold exactly them,
 * best first. */
static void expect_scores(eng_index *e, au_agg agg, au_credit credit, const double want[5])
{
	static const char *const keys[5] = {"ann lee", "bob ng", "cy ito", "dee roy", "eve fox"};
	au_ranking r = rank(e, "zorb", 1000, 100, agg, credit);
	assert_int_equal(r.papers, 3);
	assert_int_equal(r.n, 5);
	for (int i = 0; i < 5; i++)
		expect_score(e, &r, keys[i], want[i]);
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.rows[i - 1].score >= r.rows[i].score);
	au_ranking_free(&r);
}

/* The paper scores the hand computation starts from. */
static void test_paper_scores(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	qp_query *q;
	qp_parse(eng_analyzer(e), "zorb", 4, 0, &q);
	eng_result res;
	assert_int_equal(eng_search(e, q, 10, ENG_AUTO, &res), 0);
	assert_int_equal(res.n, 3);
	static const double want[3] = {1.484153957, 1.298634712, 0.944461609};
	for (size_t i = 0; i < 3; i++)
		if (fabs(res.hits[i].score - want[i]) > 1e-8)
			fail_msg("paper %zu: score %.9f, expected %.9f", i + 1, res.hits[i].score, want[i]);
	eng_result_free(&res);
	qp_free(q);
	eng_close(e);
}

/* CombSUM: sum of credit x score.
 *   equal:    Ann s3 + s2 = 2.428615566   Bob s3 + s1 = 2.782788669
 *             Cy s3 + s2 = 2.428615566    Dee s1 = 1.298634712   Eve s2
 *   split:    Ann s3/3 + s2/3 = 0.809538522   Bob s3/3 + s1/2 = 1.144035342
 *             Cy s3/3 + s2/3 = 0.809538522    Dee s1/2 = 0.649317356
 *             Eve s2/3 = 0.314820536
 *   position (first 1, last 0.75, others 0.5):
 *             Ann 1 s3 + 0.75 s2 = 2.192500163   Bob 0.5 s3 + 1 s1 = 2.040711691
 *             Cy 0.75 s3 + 1 s2 = 2.057577076    Dee 0.75 s1 = 0.973976034
 *             Eve 0.5 s2 = 0.472230804 */
static void test_combsum(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	expect_scores(e, AU_COMBSUM, AU_EQUAL,
		      (double[5]){2.428615566, 2.782788669, 2.428615566, 1.298634712, 0.944461609});
	expect_scores(e, AU_COMBSUM, AU_SPLIT,
		      (double[5]){0.809538522, 1.144035342, 0.809538522, 0.649317356, 0.314820536});
	expect_scores(e, AU_COMBSUM, AU_POSITION,
		      (double[5]){2.192500163, 2.040711691, 2.057577076, 0.973976034, 0.472230804});
	eng_close(e);
}

/* CombMNZ: CombSUM x matching papers (Ann, Bob, Cy 2; Dee, Eve 1):
 *   Ann 2 (s3 + s2) = 4.857231131   Bob 2 (s3 + s1) = 5.565577338
 * expCombMNZ: sum of exp(s - s3) x matching papers:
 *   Ann 2 (1 + 0.582927564) = 3.165855127   Bob 2 (1 + 0.830672849) = 3.661345699
 *   Dee 0.830672849   Eve 0.582927564 */
static void test_combmnz(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	expect_scores(e, AU_COMBMNZ, AU_EQUAL,
		      (double[5]){4.857231131, 5.565577338, 4.857231131, 1.298634712, 0.944461609});
	expect_scores(e, AU_EXPCOMBMNZ, AU_EQUAL,
		      (double[5]){3.165855127, 3.661345699, 3.165855127, 0.830672849, 0.582927564});
	eng_close(e);
}

/* Reciprocal rank: Ann 1/1 + 1/3, Bob 1/1 + 1/2, Cy 1/1 + 1/3, Dee 1/2,
 * Eve 1/3. Votes with position credit: Ann 1 + 0.75, Bob 0.5 + 1,
 * Cy 0.75 + 1, Dee 0.75, Eve 0.5. */
static void test_rr_votes(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	expect_scores(e, AU_RR, AU_EQUAL, (double[5]){4.0 / 3, 1.5, 4.0 / 3, 0.5, 1.0 / 3});
	expect_scores(e, AU_VOTES, AU_EQUAL, (double[5]){2, 2, 2, 1, 1});
	expect_scores(e, AU_VOTES, AU_POSITION, (double[5]){1.75, 1.5, 1.75, 0.75, 0.5});
	eng_close(e);
}

/* Model 2: sum of credit x exp(s - s3), over the researcher's papers in
 * the whole index (Ann 4, Bob 2, Cy 2, Dee 2, Eve 1):
 *   equal: Ann (1 + 0.582927564) / 4 = 0.395731891
 *          Bob (1 + 0.830672849) / 2 = 0.915336425
 *          Cy  (1 + 0.582927564) / 2 = 0.791463782
 *          Dee 0.830672849 / 2 = 0.415336425   Eve 0.582927564 / 1
 *   split: Ann (1/3 + 0.582927564/3) / 4 = 0.131910630
 *          Bob (1/3 + 0.830672849/2) / 2 = 0.374334879
 *          Cy  (1/3 + 0.582927564/3) / 2 = 0.263821261
 *          Dee 0.830672849/2 / 2 = 0.207668212   Eve 0.582927564/3 = 0.194309188 */
static void test_model2(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	expect_scores(e, AU_MODEL2, AU_EQUAL,
		      (double[5]){0.395731891, 0.915336425, 0.791463782, 0.415336425, 0.582927564});
	expect_scores(e, AU_MODEL2, AU_SPLIT,
		      (double[5]){0.131910630, 0.374334879, 0.263821261, 0.207668212, 0.194309188});
	eng_close(e);
}

/* Depth 2: only a3 and a1 vote (Eve's only paper is third). k 2 keeps the
 * best two researchers. Rows carry their matching papers best first. */
static void test_depth_k_rows(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	au_ranking r = rank(e, "zorb", 2, 100, AU_COMBSUM, AU_EQUAL);
	assert_int_equal(r.papers, 2);
	assert_int_equal(r.n, 4);
	assert_null(row_of(e, &r, "eve fox"));
	expect_score(e, &r, "ann lee", 1.484153957);
	expect_score(e, &r, "bob ng", 2.782788669);
	expect_score(e, &r, "dee roy", 1.298634712);
	au_ranking_free(&r);

	r = rank(e, "zorb", 1000, 2, AU_COMBSUM, AU_EQUAL);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.rows[0].authorid, author_id(e, "bob ng"));
	/* Ann and Cy tie on score and papers: the lower author id wins. */
	uint32_t ann = author_id(e, "ann lee"), cy = author_id(e, "cy ito");
	assert_int_equal(r.rows[1].authorid, ann < cy ? ann : cy);
	const au_row *row = row_of(e, &r, "bob ng");
	assert_int_equal(row->npapers, 2);
	assert_int_equal(row->ntop, 2);
	assert_true(fabs(row->top_score[0] - 1.484153957) < 1e-8);
	assert_true(fabs(row->top_score[1] - 1.298634712) < 1e-8);
	au_ranking_free(&r);

	/* A query that matches nothing ranks nobody. */
	r = rank(e, "florp", 1000, 100, AU_COMBSUM, AU_EQUAL);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.papers, 0);
	au_ranking_free(&r);
	eng_close(e);
}

/* A query of filters only scores every paper 0: researchers rank by how
 * many of the papers are theirs (Ann 4 of a1..a5, Dee 2, Bob 2, ...). */
static void test_filter_only(void **state)
{
	(void)state;
	eng_index *e = open_index(db);
	au_ranking r = rank(e, "year:2019..2023", 1000, 100, AU_COMBSUM, AU_EQUAL);
	assert_int_equal(r.papers, 5);
	assert_int_equal(r.rows[0].authorid, author_id(e, "ann lee"));
	assert_int_equal(r.rows[0].npapers, 4);
	assert_true(r.rows[0].score == 0);
	au_ranking_free(&r);
	eng_close(e);
}

/* Spellings that differ in case, diacritics, hyphens and spacing are one
 * researcher; "J.-F. Cardoso" is another; a dotless i with a combining
 * accent folds like "i". */
static void test_identity(void **state)
{
	(void)state;
	eng_index *e = open_index(names_db);
	uint32_t id, np;
	store_variant v[8];
	size_t nv;
	const char *k = "jean francois cardoso";
	assert_int_equal(store_author_read(eng_txn(e), k, strlen(k), &id, &np, v, 8, &nv), 0);
	assert_int_equal(np, 3);
	assert_int_equal(nv, 3);
	store_author initials;
	assert_int_equal(store_author_get(eng_txn(e), "j f cardoso", 11, &initials), 0);
	assert_int_equal(initials.npapers, 1);
	assert_int_not_equal(initials.authorid, id);
	store_author jose;
	k = "jose vinicius de miranda cardoso";
	assert_int_equal(store_author_get(eng_txn(e), k, strlen(k), &jose), 0);
	assert_int_equal(jose.npapers, 2);

	/* One row for the three spellings, none for a spelling of its own. */
	au_ranking r = rank(e, "independent components", 1000, 100, AU_VOTES, AU_EQUAL);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.rows[0].authorid, id);
	assert_int_equal(r.rows[0].npapers, 3);
	au_ranking_free(&r);

	/* The profile under any spelling shows the spellings and one co-author
	 * counted across the ways his name is written. */
	buf out = BUF_INIT;
	assert_int_equal(au_profile(e, "jean-francois CARDOSO", 0, 0, &out), 0);
	const char *text = (const char *)out.p;
	if (!strstr(text, "Jean-François Cardoso — 3 papers, 1999–2019  [jean francois cardoso]\n") ||
	    !strstr(text, "  written as: ") || !strstr(text, "JEAN FRANÇOIS CARDOSO (1)") ||
	    !strstr(text, "Jean-Francois Cardoso (1)") ||
	    !strstr(text, "  co-authors: Pierre Ablin (2)\n"))
		fail_msg("profile:\n%s", text);
	buf_clear(&out);
	/* Initials are not the full name. */
	assert_int_equal(au_profile(e, "J. F. Cardoso", 0, 0, &out), 0);
	if (!strstr((const char *)out.p, "J.-F. Cardoso — 1 paper, 2021"))
		fail_msg("profile:\n%s", (const char *)out.p);
	buf_clear(&out);
	assert_int_equal(au_profile(e, "Jean Cardoso", 0, 0, &out), PDX_ENOTFOUND);
	buf_free(&out);
	eng_close(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paper_scores),
		cmocka_unit_test(test_combsum),
		cmocka_unit_test(test_combmnz),
		cmocka_unit_test(test_rr_votes),
		cmocka_unit_test(test_model2),
		cmocka_unit_test(test_depth_k_rows),
		cmocka_unit_test(test_filter_only),
		cmocka_unit_test(test_identity),
	};
	return cmocka_run_group_tests(tests, setup, it_teardown);
}
