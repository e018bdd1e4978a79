/* Unit tests for the SMART reader (smart.c) and the author-line rules it
 * shares with the TREC and arXiv readers (byline.c), on hand-written
 * records in the shapes of Cranfield (CRLF, lower case, ".B" citations,
 * stray markers) and CISI (one ".A" per author, ".X" references). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "byline.h"
#include "reader_test.h"

static void test_sniff(void **state)
{
	(void)state;
	assert_true(sniff_str(&rd_smart, ".I 1\r\n.T\r\n"));
	assert_true(sniff_str(&rd_smart, "\xEF\xBB\xBF\n.I\t0042\n"));
	assert_false(sniff_str(&rd_smart, ".I\n.T\n"));
	assert_false(sniff_str(&rd_smart, ".I   \n"));
	assert_false(sniff_str(&rd_smart, ".T title\n.I 1\n"));
	assert_false(sniff_str(&rd_smart, ".Ix 1\n"));
	assert_false(sniff_str(&rd_smart, "<DOC>\n"));
	assert_false(sniff_str(&rd_smart, "{\"id\": \".I 1\"}\n"));
	assert_false(sniff_str(&rd_smart, "Jane Doe\n.I 1\n"));
	assert_false(sniff_str(&rd_smart, ""));
}

static void push(rec_strv *sv, const char *s)
{
	byl_push_name(sv, s, strlen(s));
}

static void test_names(void **state)
{
	(void)state;
	rec_strv sv = {0};
	push(&sv, "brenckman,m.");
	push(&sv, "Comaromi, J.P.");
	push(&sv, "  Van  Rijsbergen, C. J. ");
	push(&sv, "Bridegam, Willis E., Jr.");
	push(&sv, "Thompson, David A., Ph.D.");
	push(&sv, "Lin, Nan,");
	push(&sv, "dean r. chapman");
	push(&sv, "allen.");
	push(&sv, "M. E. Lesk");
	push(&sv, "ting-yili");
	push(&sv, " , ");
	push(&sv, "");
	assert_int_equal(sv.n, 10);
	const char *want[] = {"m. brenckman", "J.P. Comaromi", "C. J. Van Rijsbergen",
			      "Willis E. Bridegam Jr.", "David A. Thompson Ph.D.", "Nan Lin",
			      "dean r. chapman", "allen", "M. E. Lesk", "ting-yili"};
	for (size_t i = 0; i < sv.n; i++)
		assert_string_equal(sv.v[i], want[i]);
	rec_strv_free(&sv);

	const char *line = "steiger,m.h. and bloom,m.h.; Doe, J. & Roe, R.  AND lu ting";
	byl_split_and(&sv, line, strlen(line));
	assert_int_equal(sv.n, 5);
	assert_string_equal(sv.v[0], "m.h. steiger");
	assert_string_equal(sv.v[1], "m.h. bloom");
	assert_string_equal(sv.v[2], "J. Doe");
	assert_string_equal(sv.v[3], "R. Roe");
	assert_string_equal(sv.v[4], "lu ting");
	rec_strv_free(&sv);

	line = "C. Bal\\'azs, E. L. Berger (1), and Yu. Ma ((1) MSU, Lansing), Anderson";
	byl_split_commas(&sv, line, strlen(line));
	assert_int_equal(sv.n, 4);
	assert_string_equal(sv.v[0], "C. Bal\\'azs");
	assert_string_equal(sv.v[1], "E. L. Berger");
	assert_string_equal(sv.v[2], "Yu. Ma");
	assert_string_equal(sv.v[3], "Anderson");
	rec_strv_free(&sv);
}

static const char cran[] =
	".I 1\r\n"
	".T\r\n"
	"experimental investigation of the aerodynamics of a\r\n"
	"wing in a slipstream .\r\n"
	".A\r\n"
	"brenckman,m.\r\n"
	".B\r\n"
	"j. ae. scs. 25, 1958, 324.\r\n"
	".W\r\n"
	"experimental investigation of the aerodynamics of a\r\n"
	"wing in a slipstream .\r\n"
	"  an experimental study of a wing in a propeller slipstream was\r\n"
	"made in order to determine the spanwise distribution .\r\n"
	".I 2\r\n"
	".T\r\n"
	"simple shear flow past a flat plate .\r\n"
	".A\r\n"
	"steiger,m.h. and bloom,m.h.\r\n"
	".B\r\n"
	"department of aeronautical engineering, rensselaer polytechnic\r\n"
	"institute\r\n"
	".W\r\n"
	"in the study of high-speed viscous flow .\r\n"
	".A\r\n"
	"application to turbulent separations is made\r\n"
	".B\r\n"
	"unity in low-speed flow .\r\n"
	".I 3\r\n"
	".T\r\n"
	".A\r\n"
	".B\r\n"
	".W\r\n"
	".I 4\r\n"
	".T\r\n"
	"cut before its abstract\r\n"
	".A\r\n"
	"someone,a.\r\n";

static void test_cranfield(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_smart, cran);
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 3);
	rec_paper *r = &g.v[0];
	assert_string_equal(r->id, "1");
	assert_string_equal(r->title, "experimental investigation of the aerodynamics of a wing in a slipstream .");
	assert_string_equal(r->abstract, "experimental investigation of the aerodynamics of a wing in a "
		"slipstream . an experimental study of a wing in a propeller slipstream was made in "
		"order to determine the spanwise distribution .");
	assert_string_equal(authors_of(r), "m. brenckman");
	assert_string_equal(r->venue, "j. ae. scs. 25, 1958, 324.");
	assert_int_equal(r->year, 1958);
	assert_string_equal(r->format, "smart");
	assert_int_equal(r->line, 1);
	/* An affiliation is no venue; stray .A/.B inside .W are text. */
	r = &g.v[1];
	assert_string_equal(r->id, "2");
	assert_string_equal(authors_of(r), "m.h. steiger|m.h. bloom");
	assert_string_equal(r->venue, "");
	assert_int_equal(r->year, 0);
	assert_string_equal(r->abstract, "in the study of high-speed viscous flow . application to "
		"turbulent separations is made unity in low-speed flow .");
	assert_int_equal(r->line, 14);
	/* Empty fields are kept (with a warning); no .W at all is truncation. */
	r = &g.v[2];
	assert_string_equal(r->id, "3");
	assert_string_equal(r->title, "");
	assert_string_equal(r->abstract, "");
	assert_int_equal(r->authors.n, 0);
	assert_int_equal(g.rep.warnings, 3);
	assert_int_equal(g.rep.skipped, 1);
	got_free(&g);
}

static const char cisi[] =
	"\n"
	".I 1\n"
	".T\n"
	"18 Editions of the Dewey Decimal Classifications\n"
	".A\n"
	"Comaromi, J.P.\n"
	".W\n"
	"   The present study is a history of the DEWEY Decimal\n"
	"Classification.\n"
	".X\n"
	"1\t5\t1\n"
	"92\t1\t1\n"
	".I 2\n"
	".T \n"
	"Use Made of Technical Libraries\n"
	".A \n"
	"Slater, M.\n"
	".A\n"
	"Kilgour, Frederick G.\n"
	".B\n"
	"1970\n"
	".W\n"
	"This report is an analysis.\n"
	".K\n"
	"libraries, use\n"
	".C\n"
	"classified\n"
	".N\n"
	"an unknown field\n"
	".X\n"
	"2\t5\t2\n"
	".I 3\n"
	".T Same-line title\n"
	".A Doe, Jane\n"
	".W Same-line abstract\n"
	"continued.\n";

static void test_cisi(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_smart, cisi);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.rep.warnings, 0);
	assert_int_equal(g.rep.skipped, 0);
	assert_string_equal(g.v[0].title, "18 Editions of the Dewey Decimal Classifications");
	assert_string_equal(g.v[0].abstract,
		"The present study is a history of the DEWEY Decimal Classification.");
	assert_string_equal(authors_of(&g.v[0]), "J.P. Comaromi");
	assert_int_equal(g.v[0].line, 2);
	assert_string_equal(authors_of(&g.v[1]), "M. Slater|Frederick G. Kilgour");
	assert_int_equal(g.v[1].year, 1970);
	assert_string_equal(g.v[1].venue, "");
	assert_string_equal(g.v[1].abstract, "This report is an analysis.");
	assert_string_equal(g.v[2].title, "Same-line title");
	assert_string_equal(authors_of(&g.v[2]), "Jane Doe");
	assert_string_equal(g.v[2].abstract, "Same-line abstract continued.");
	got_free(&g);
}

static void test_bad_records(void **state)
{
	(void)state;
	got g = {0};
	got_read(&g, &rd_smart,
		 "preamble text\n"
		 ".I 1\n.T\nfine\n.W\nfine\n"
		 ".I\n.T\nno id\n.W\nx\n"
		 ".I 3\n.T\nbad \xC3\x28 byte\n.W\nx\n"
		 ".I 4\n.T\nnul \x01 is a control, kept out by squashing\n.W\nx\n"
		 ".I 5\n.T\nlast\n.W\nlast, no newline at the end");
	assert_int_equal(g.rc, 0);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.v[0].id, "1");
	assert_string_equal(g.v[1].id, "4");
	assert_string_equal(g.v[1].title, "nul is a control, kept out by squashing");
	assert_string_equal(g.v[2].id, "5");
	assert_string_equal(g.v[2].abstract, "last, no newline at the end");
	assert_int_equal(g.v[2].line, 22);
	assert_int_equal(g.rep.skipped, 2);
	assert_int_equal(g.rep.warnings, 1);
	got_free(&g);
}

static void test_sink_failure(void **state)
{
	(void)state;
	got g = {.fail_after = 1};
	got_read(&g, &rd_smart, ".I 1\n.W\na\n.I 2\n.W\nb\n.I 3\n.W\nc\n");
	assert_int_equal(g.rc, PDX_EFORMAT);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_cranfield),
		cmocka_unit_test(test_cisi),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_sink_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
