/* Unit tests for the JSON Lines reader (jsonl.c) on hand-written lines:
 * the sniffer, each of the three shapes and their fields, skipped members,
 * escapes, and every way a line can be rejected without losing the others. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <zlib.h>

#include "reader_test.h"

static void test_sniff(void **state)
{
	(void)state;
	assert_true(sniff_str(&rd_jsonl, "{\"id\": \"a\"}\n{\"id\"\n"));
	assert_true(sniff_str(&rd_jsonl, "\xEF\xBB\xBF  \n{}\n"));
	assert_true(sniff_str(&rd_jsonl, "{\"id\": \"a\", \"abstract\": \"no newline in the head yet"));
	assert_false(sniff_str(&rd_jsonl, "{\"id\": \"a\"} junk\n"));
	assert_false(sniff_str(&rd_jsonl, "{\"id\": }\n"));
	assert_false(sniff_str(&rd_jsonl, "[{\"id\": \"a\"}]\n"));
	assert_false(sniff_str(&rd_jsonl, "\"id\"\n"));
	assert_false(sniff_str(&rd_jsonl, ".I 1\n.T\n{x}\n"));
	assert_false(sniff_str(&rd_jsonl, "<DOC>\n<DOCNO>1</DOCNO>\n"));
	assert_false(sniff_str(&rd_jsonl, "Jane Doe\nProfessor of {Things}\n"));
	assert_false(sniff_str(&rd_jsonl, ""));
	assert_false(sniff_str(&rd_jsonl, "   \n"));
}

static const char arxiv_line[] =
	"{\"id\":\"0704.0001\",\"submitter\":\"Pavel Nadolsky\","
	"\"authors\":\"C. Bal\\\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan\","
	"\"title\":\"Calculation of prompt diphoton production cross sections at Tevatron and\\n  LHC energies\","
	"\"comments\":\"37 pages, 15 figures\",\"journal-ref\":\"Phys.Rev.D76:013009,2007\","
	"\"doi\":\"10.1103/PhysRevD.76.013009\",\"report-no\":null,\"categories\":\"hep-ph\","
	"\"license\":null,\"abstract\":\"  A fully differential calculation in perturbative quantum\\n"
	"chromodynamics is presented, $\\\\beta$ and {\\\\em all} orders.\\n\","
	"\"versions\":[{\"version\":\"v1\",\"created\":\"Mon, 2 Apr 2007 19:18:42 GMT\"},"
	"{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"}],"
	"\"update_date\":\"2008-11-13\",\"authors_parsed\":[[\"Bal\xC3\xA1zs\",\"C.\",\"\"],"
	"[\"Berger\",\"E. L.\",\"\"],[\"Nadolsky\",\"P. M.\",\"\"],[\"Yuan\",\"C. -P.\",\"Jr\"]]}\n";

static void test_arxiv(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl, arxiv_line);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.rep.records, 1);
	assert_int_equal(g.rep.skipped, 0);
	rec_paper *r = &g.v[0];
	assert_string_equal(r->id, "0704.0001");
	assert_string_equal(r->title,
		"Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
	assert_string_equal(r->abstract, "A fully differential calculation in perturbative quantum "
		"chromodynamics is presented, $\\beta$ and {\\em all} orders.");
	assert_string_equal(authors_of(r), "C. Bal\xC3\xA1zs|E. L. Berger|P. M. Nadolsky|C. -P. Yuan Jr");
	assert_string_equal(categories_of(r), "hep-ph");
	assert_string_equal(r->venue, "Phys.Rev.D76:013009,2007");
	assert_int_equal(r->year, 2007);
	assert_int_equal(r->month, 4);
	assert_int_equal(r->day, 2);
	assert_string_equal(r->format, "jsonl");
	assert_string_equal(r->source, "mem");
	assert_int_equal(r->line, 1);
	got_free(&g);
}

/* Without authors_parsed the "authors" string is split; without versions
 * the date is update_date; without journal-ref the venue is arXiv. */
static void test_arxiv_fallbacks(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"id\":\"1\",\"title\":\"T\",\"authors\":\"Ann Lee (1), Bo Li (2) and Cy Ma ((1) MIT, "
		 "(2) CMU)\",\"categories\":\"cs.LG  stat.ML\",\"update_date\":\"2008-11-13\","
		 "\"journal-ref\":null}\n"
		 "{\"id\":\"2\",\"title\":\"T\",\"versions\":[],\"update_date\":\"2019-02-30x\"}\n");
	assert_int_equal(g.n, 2);
	assert_string_equal(authors_of(&g.v[0]), "Ann Lee|Bo Li|Cy Ma");
	assert_string_equal(categories_of(&g.v[0]), "cs.LG|stat.ML");
	assert_string_equal(g.v[0].venue, "arXiv");
	assert_int_equal(g.v[0].year, 2008);
	assert_int_equal(g.v[0].month, 11);
	assert_int_equal(g.v[0].day, 13);
	assert_string_equal(g.v[1].venue, "arXiv");
	assert_int_equal(g.v[1].year, 2019);
	assert_int_equal(g.v[1].month, 2);
	got_free(&g);
}

static void test_beir(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"_id\": \"4983\", \"title\": \"\", \"text\": \"Alterations of the architecture\\tof "
		 "cerebral white matter.\", \"metadata\": {\"url\": \"x\", \"ids\": [1, 2.5e3, "
		 "{\"deep\": [[], {}]}], \"ok\": true, \"none\": null}}\n"
		 "{\"_id\": 17, \"title\": \"Numbered\", \"text\": \"t\"}\n");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].id, "4983");
	assert_string_equal(g.v[0].title, "");
	assert_string_equal(g.v[0].abstract, "Alterations of the architecture of cerebral white matter.");
	assert_int_equal(g.v[0].authors.n, 0);
	assert_string_equal(g.v[0].venue, "");
	assert_int_equal(g.v[0].year, 0);
	assert_string_equal(g.v[1].id, "17");
	got_free(&g);
}

static void test_mlanthology(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"id\": \"ablin2019aistats-stochastic\", \"title\": \"Stochastic algorithms for ICA\", "
		 "\"abstract\": \"Independent component analysis.\", \"authors\": [\"ablin-pierre\", "
		 "\"cardoso-jean-francois\"], \"author_names\": [\"Pierre Ablin\", "
		 "\"Jean-Fran\xC3\xA7ois  Cardoso\"], \"venue\": \"aistats\", \"year\": \"2019\"}\n"
		 "{\"id\": \"b\", \"title\": \"T\", \"abstract\": \"\", \"authors\": [], "
		 "\"author_names\": [], \"venue\": \"icml\", \"year\": 2008}\n");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].id, "ablin2019aistats-stochastic");
	assert_string_equal(authors_of(&g.v[0]), "Pierre Ablin|Jean-Fran\xC3\xA7ois Cardoso");
	assert_string_equal(g.v[0].venue, "aistats");
	assert_int_equal(g.v[0].year, 2019);
	assert_int_equal(g.v[0].month, 0);
	assert_int_equal(g.v[1].year, 2008);
	assert_int_equal(g.v[1].authors.n, 0);
	assert_string_equal(g.v[1].venue, "icml");
	got_free(&g);
}

/* Authors as plain strings or {"name": ...} objects when there is no
 * author_names; "abstract" wins over "text" in either order; a repeated
 * key keeps its last value. */
static void test_other_shapes(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"id\":\"a\",\"title\":\"T\",\"authors\":[\"Ann Lee\",\" Bo  Li \"]}\n"
		 "{\"id\":\"b\",\"title\":\"T\",\"authors\":[{\"name\":\"Ann Lee\",\"ids\":[\"1\"]},"
		 "{\"authorId\":\"2\",\"name\":\"Bo Li\"}],\"year\":\"n.d.\"}\n"
		 "{\"id\":\"c\",\"text\":\"from text\",\"abstract\":\"from abstract\"}\n"
		 "{\"id\":\"d\",\"abstract\":\"from abstract\",\"text\":\"from text\"}\n"
		 "{\"id\":\"e\",\"id\":\"e2\",\"title\":\"one\",\"title\":\"two\",\"categories\":[\"a\",\"b c\"]}\n");
	assert_int_equal(g.n, 5);
	assert_string_equal(authors_of(&g.v[0]), "Ann Lee|Bo Li");
	assert_string_equal(authors_of(&g.v[1]), "Ann Lee|Bo Li");
	assert_int_equal(g.v[1].year, 0);
	assert_string_equal(g.v[1].venue, "");
	assert_string_equal(g.v[2].abstract, "from abstract");
	assert_string_equal(g.v[3].abstract, "from abstract");
	assert_string_equal(g.v[4].id, "e2");
	assert_string_equal(g.v[4].title, "two");
	assert_string_equal(categories_of(&g.v[4]), "a|b|c");
	got_free(&g);
}

/* \u0000 is dropped; an escape that decodes to a lone surrogate becomes
 * one U+FFFD with a warning; other escapes decode. */
static void test_escapes(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"id\":\"a\",\"title\":\"deep models\\u0000 thereby\",\"abstract\":\"caf\\u00e9 \\\"q\\\" "
		 "\\ud83d\\ude00 \\/\"}\n"
		 "{\"id\":\"b\",\"title\":\"lone \\udc00 low\"}\n");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].title, "deep models thereby");
	assert_string_equal(g.v[0].abstract, "caf\xC3\xA9 \"q\" \xF0\x9F\x98\x80 /");
	assert_string_equal(g.v[1].title, "lone \xEF\xBF\xBD low");
	assert_int_equal(g.rep.warnings, 1);
	assert_int_equal(g.rep.skipped, 0);
	got_free(&g);
}

/* Each bad line costs itself only; the line numbers of the good records
 * stay right. */
static void test_bad_lines(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_jsonl,
		 "{\"id\":\"1\",\"title\":\"first\"}\r\n"
		 "{\"id\":\"2\",\"title\":\"cut in the mid\n"
		 "{\"id\":\"3\",\"title\":\"bad \xFF byte\"}\n"
		 "{\"id\":\"4\",\"title\":\"overlong \xC0\xAF\"}\n"
		 "{\"id\":\"5\",\"title\":\"surrogate \xED\xA0\x80\"}\n"
		 "\n"
		 "   \n"
		 "42\n"
		 "[{\"id\":\"6\",\"title\":\"in an array\"}]\n"
		 "{\"id\":\"7\",\"title\":\"two\"} {\"id\":\"8\",\"title\":\"values\"}\n"
		 "{\"id\":\"9\",\"title\":\"trailing\"} x\n"
		 "{\"id\":\"10\",\"title\":\"open\",\"x\":[1,\n"
		 "{\"title\":\"no id\"}\n"
		 "{\"id\":\"\",\"title\":\"empty id\"}\n"
		 "{\"id\":\"11\",\"title\":\"  \",\"abstract\":null}\n"
		 "{\"id\":\"12\",\"title\":\"raw\x01control\"}\n"
		 "{\"id\":\"13\",\"title\":\"raw\ttab\"}\n"
		 "{\"id\":\"14\",\"title\":\"unterminated literal\",\"x\":tru\n"
		 "{\"id\":\"15\",\"title\":\"last\"}");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].id, "1");
	assert_int_equal(g.v[0].line, 1);
	assert_string_equal(g.v[1].id, "15");
	assert_int_equal(g.v[1].line, 19);
	assert_int_equal(g.rep.records, 2);
	assert_int_equal(g.rep.skipped, 15);
	got_free(&g);
}

static void test_gzip(void **state)
{
	(void)state;
	const char *text = "{\"id\":\"1\",\"title\":\"zipped\"}\n{\"id\":\"2\",\"title\":\"too\"}\n";
	unsigned char z[256];
	z_stream zs = {0};
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)text;
	zs.avail_in = (unsigned)strlen(text);
	zs.next_out = z;
	zs.avail_out = sizeof z;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t zn = sizeof z - zs.avail_out;
	deflateEnd(&zs);
	got g = {0};
	got_read_n(&g, &rd_jsonl, (const char *)z, zn);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[1].title, "too");
	got_free(&g);
	/* Cut in the middle: what was inflated is read, then the file fails
	 * with one error; a reader that got records returns 0. */
	got_read_n(&g, &rd_jsonl, (const char *)z, zn - 12);
	assert_int_equal(g.rc, 0);
	assert_true(g.n >= 1);
	assert_true(g.rep.skipped >= 1);
	got_free(&g);
	got_read_n(&g, &rd_jsonl, (const char *)z, 14);
	assert_int_equal(g.n, 0);
	assert_int_not_equal(g.rc, 0);
	got_free(&g);
}

static void test_sink_failure(void **state)
{
	(void)state;
	got g = {.fail_after = 1};
	got_read(&g, &rd_jsonl, "{\"id\":\"1\",\"title\":\"a\"}\n{\"id\":\"2\",\"title\":\"b\"}\n"
		 "{\"id\":\"3\",\"title\":\"c\"}\n");
	assert_int_equal(g.rc, PDX_EFORMAT);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_arxiv),
		cmocka_unit_test(test_arxiv_fallbacks),
		cmocka_unit_test(test_beir),
		cmocka_unit_test(test_mlanthology),
		cmocka_unit_test(test_other_shapes),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
