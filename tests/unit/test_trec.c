/* Unit tests for the TREC <DOC> reader (trec.c) on hand-written documents:
 * NPL's bare shape, the tagged newswire shape, entities, comments, and the
 * documents it must skip (unterminated, without <DOCNO>). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "reader_test.h"

static void test_sniff(void **state)
{
	(void)state;
	assert_true(sniff_str(&rd_trec, "<DOC>\n<DOCNO>1</DOCNO>\n"));
	assert_true(sniff_str(&rd_trec, "\xEF\xBB\xBF\r\n  <doc>\n"));
	assert_true(sniff_str(&rd_trec, "<DOC id=\"x\">\n"));
	assert_false(sniff_str(&rd_trec, "<DOCNO>1</DOCNO>\n"));
	assert_false(sniff_str(&rd_trec, "<top>\n<num> Number: 401\n"));
	assert_false(sniff_str(&rd_trec, "<DOC"));
	assert_false(sniff_str(&rd_trec, ".I 1\n"));
	assert_false(sniff_str(&rd_trec, "{\"text\": \"<DOC>\"}\n"));
	assert_false(sniff_str(&rd_trec, "Jane Doe\n<DOC>\n"));
}

static const char npl[] =
	"<DOC>\n"
	"<DOCNO>1</DOCNO>\n"
	"compact memories have flexible capacities  a digital data storage\n"
	"system with capacity up to bits and random and or sequential access\n"
	"is described\n"
	"</DOC>\n"
	"<DOC>\n"
	"<DOCNO> 2 </DOCNO>\n"
	"an electronic analogue computer\n"
	"</DOC>\n";

static void test_npl(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_trec, npl);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.rep.warnings, 0);
	assert_string_equal(g.v[0].id, "1");
	assert_string_equal(g.v[0].title, "");
	assert_string_equal(g.v[0].abstract, "compact memories have flexible capacities a digital data "
		"storage system with capacity up to bits and random and or sequential access is described");
	assert_string_equal(g.v[0].format, "trec");
	assert_int_equal(g.v[0].line, 1);
	assert_string_equal(g.v[1].id, "2");
	assert_string_equal(g.v[1].abstract, "an electronic analogue computer");
	assert_int_equal(g.v[1].line, 7);
	got_free(&g);
}

static const char news[] =
	"<doc>\n"
	"<DOCNO> FT911-3 </DOCNO>\n"
	"<DOCID>ignored-id</DOCID>\n"
	"<DATE>910514</DATE>\n"
	"<HEADLINE>\n"
	"FT  14 MAY 91 / Rates &amp; prices\n"
	"</HEADLINE>\n"
	"<AUTHOR>Smith, J. and Roe, R.</AUTHOR><author>Li Wei</author>\n"
	"<TEXT type=\"body\">\n"
	"<P>First &lt;para&gt; &#233;t&#xE9; &hyph; &#0; &#xD800;.</P><P>Second</P>\n"
	"<!-- a comment --> a < b and c > d\n"
	"<!-- a comment\n"
	"over lines --> after\n"
	"</TEXT>\n"
	"</doc>\n"
	"<DOC><DOCNO>t2</DOCNO><TITLE>One</TITLE><HL>Two</HL><FOO>never closed</DOC>\n";

static void test_news(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_trec, news);
	assert_int_equal(g.n, 2);
	rec_paper *r = &g.v[0];
	assert_string_equal(r->id, "FT911-3");
	assert_string_equal(r->title, "FT 14 MAY 91 / Rates & prices");
	assert_string_equal(authors_of(r), "J. Smith|R. Roe|Li Wei");
	assert_string_equal(r->abstract, "First <para> \xC3\xA9t\xC3\xA9 &hyph; &#0; &#xD800;. Second "
		"a < b and c > d after");
	r = &g.v[1];
	assert_string_equal(r->id, "t2");
	assert_string_equal(r->title, "One Two");
	assert_string_equal(r->abstract, "never closed");
	assert_int_equal(g.rep.warnings, 1);
	assert_int_equal(g.rep.skipped, 0);
	got_free(&g);
}

static void test_bad_docs(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_trec,
		 "stray text before\n"
		 "<DOC>\n<DOCNO>1</DOCNO>\nfine\n</DOC>\n"
		 "<DOC>\n<DOCNO>2</DOCNO>\nnever closed\n"
		 "<DOC>\nno docno\n</DOC>\n"
		 "<DOC>\n<DOCNO>4</DOCNO>\nbad \xE2\x82 utf-8\n</DOC>\n"
		 "</DOC>\n"
		 "<DOC>\n<DOCNO>5</DOCNO>\n</DOC>\n"
		 "<DOC>\n<DOCNO>6</DOCNO>\ncut at the end of the file\n");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0].id, "1");
	assert_string_equal(g.v[1].id, "5");
	assert_int_equal(g.v[1].line, 17);
	assert_int_equal(g.rep.skipped, 4);
	assert_int_equal(g.rep.warnings, 3);
	got_free(&g);
}

static void test_sink_failure(void **state)
{
	(void)state;
	got g = {.fail_after = 1};
	got_read(&g, &rd_trec, npl);
	assert_int_equal(g.rc, PDX_EFORMAT);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_npl),
		cmocka_unit_test(test_news),
		cmocka_unit_test(test_bad_docs),
		cmocka_unit_test(test_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
