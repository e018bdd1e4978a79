/* Unit tests for the line reader (input.c): line splitting and numbering,
 * CRLF, gzip (single, concatenated, truncated, corrupt, with trailing
 * bytes), the sniffing head, binary detection, over-long lines, and files
 * that cannot be opened. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <zlib.h>

#include "err.h"
#include "input.h"

/* gzip of text into out (cap bytes); returns the compressed size. */
static size_t gzip_mem(const char *text, size_t n, unsigned char *out, size_t cap)
{
	z_stream zs = {0};
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)text;
	zs.avail_in = (unsigned)n;
	zs.next_out = out;
	zs.avail_out = (unsigned)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t zn = cap - zs.avail_out;
	deflateEnd(&zs);
	return zn;
}

/* Reads every line of f into one "|"-joined string; returns the final
 * in_next_line code (0 or an error). */
static int all_lines(in_file *f, char *out, size_t cap, unsigned long *last_lineno)
{
	const char *line;
	size_t n;
	unsigned long lineno = 0;
	int rc;
	out[0] = 0;
	while ((rc = in_next_line(f, &line, &n, &lineno)) == 1) {
		assert_int_equal(strlen(line), n);
		if (out[0])
			strncat(out, "|", cap - strlen(out) - 1);
		strncat(out, line, cap - strlen(out) - 1);
	}
	if (last_lineno)
		*last_lineno = lineno;
	return rc;
}

static void test_lines(void **state)
{
	(void)state;
	const char text[] = "one\r\ntwo\n\nthree\r\n\r\nfour";
	in_file *f;
	assert_int_equal(in_open_mem(text, strlen(text), "t.txt", &f), 0);
	assert_string_equal(in_path(f), "t.txt");
	assert_false(in_is_gzip(f));
	assert_false(in_is_binary(f));
	const char *head;
	size_t hn;
	in_head(f, &head, &hn);
	assert_int_equal(hn, strlen(text));
	assert_memory_equal(head, text, hn);
	char out[256];
	unsigned long last;
	assert_int_equal(all_lines(f, out, sizeof out, &last), 0);
	assert_string_equal(out, "one|two||three||four");
	assert_int_equal(last, 6);
	assert_string_equal(in_error(f), "");
	in_close(f);
}

static void test_empty(void **state)
{
	(void)state;
	in_file *f;
	assert_int_equal(in_open_mem("", 0, "e", &f), 0);
	const char *head;
	size_t hn;
	in_head(f, &head, &hn);
	assert_int_equal(hn, 0);
	assert_false(in_is_binary(f));
	const char *line;
	size_t n;
	unsigned long lineno = 0;
	assert_int_equal(in_next_line(f, &line, &n, &lineno), 0);
	in_close(f);
}

static void test_gzip(void **state)
{
	(void)state;
	const char text[] = "alpha\nbeta\ngamma\n";
	unsigned char z[512];
	size_t zn = gzip_mem(text, strlen(text), z, sizeof z);
	/* Two members back to back read as one stream, as gzip -d reads them;
	 * bytes after the last member that are not a member are ignored. */
	size_t zn2 = gzip_mem("delta\n", 6, z + zn, sizeof z - zn);
	memcpy(z + zn + zn2, "\0\0garbage", 9);
	in_file *f;
	char out[256];
	assert_int_equal(in_open_mem(z, zn + zn2 + 9, "t.gz", &f), 0);
	assert_true(in_is_gzip(f));
	const char *head;
	size_t hn;
	in_head(f, &head, &hn);
	assert_int_equal(hn, strlen(text) + 6);
	assert_int_equal(all_lines(f, out, sizeof out, NULL), 0);
	assert_string_equal(out, "alpha|beta|gamma|delta");
	in_close(f);
}

static void test_gzip_damaged(void **state)
{
	(void)state;
	char text[4096];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (i % 64 == 63) ? '\n' : (char)('a' + (i * 7 + i / 64) % 26);
	unsigned char z[8192];
	size_t zn = gzip_mem(text, sizeof text, z, sizeof z);
	in_file *f;
	char out[8192];
	/* Truncated: the lines inflated so far, then an error that says so. */
	assert_int_equal(in_open_mem(z, zn / 2, "cut.gz", &f), 0);
	assert_int_equal(all_lines(f, out, sizeof out, NULL), PDX_EFORMAT);
	assert_string_equal(in_error(f), "gzip data truncated");
	in_close(f);
	/* The trailer's checksum does not match. */
	z[zn - 8] ^= 0xff;
	assert_int_equal(in_open_mem(z, zn, "crc.gz", &f), 0);
	assert_int_equal(all_lines(f, out, sizeof out, NULL), PDX_EFORMAT);
	assert_non_null(strstr(in_error(f), "corrupt gzip data"));
	in_close(f);
	/* Nothing can be inflated: opening fails. */
	const unsigned char bad[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff};
	assert_int_equal(in_open_mem(bad, sizeof bad, "bad.gz", &f), PDX_EFORMAT);
	assert_null(f);
	assert_int_equal(in_open_mem(z, 12, "header.gz", &f), PDX_EFORMAT);
	assert_null(f);
}

static void test_binary(void **state)
{
	(void)state;
	in_file *f;
	const char nul[] = "text\0more";
	assert_int_equal(in_open_mem(nul, sizeof nul, "b", &f), 0);
	assert_true(in_is_binary(f));
	in_close(f);
	char ctl[100];
	memset(ctl, 0x01, sizeof ctl);
	memcpy(ctl, "abc\n", 4);
	assert_int_equal(in_open_mem(ctl, sizeof ctl, "c", &f), 0);
	assert_true(in_is_binary(f));
	in_close(f);
	const char utf8[] = "caf\xC3\xA9\tna\xC3\xAFve\r\n\f";
	assert_int_equal(in_open_mem(utf8, strlen(utf8), "u", &f), 0);
	assert_false(in_is_binary(f));
	in_close(f);
}

/* A line over IN_MAX_LINE is reported once with its number and skipped;
 * the lines around it are read. */
static void test_long_line(void **state)
{
	(void)state;
	size_t big = IN_MAX_LINE + 100;
	char *text = malloc(big + 32);
	assert_non_null(text);
	size_t n = 0;
	memcpy(text, "before\n", 7);
	n = 7;
	memset(text + n, 'x', big);
	n += big;
	memcpy(text + n, "\nafter\n", 7);
	n += 7;
	in_file *f;
	assert_int_equal(in_open_mem(text, n, "long", &f), 0);
	const char *line;
	size_t len;
	unsigned long lineno;
	assert_int_equal(in_next_line(f, &line, &len, &lineno), 1);
	assert_string_equal(line, "before");
	assert_int_equal(in_next_line(f, &line, &len, &lineno), PDX_ETOOBIG);
	assert_int_equal(lineno, 2);
	assert_int_equal(in_next_line(f, &line, &len, &lineno), 1);
	assert_string_equal(line, "after");
	assert_int_equal(lineno, 3);
	assert_int_equal(in_next_line(f, &line, &len, &lineno), 0);
	in_close(f);
	/* The same without a final newline, at the end of the input. */
	assert_int_equal(in_open_mem(text + 7, big, "long2", &f), 0);
	assert_int_equal(in_next_line(f, &line, &len, &lineno), PDX_ETOOBIG);
	assert_int_equal(lineno, 1);
	assert_int_equal(in_next_line(f, &line, &len, &lineno), 0);
	in_close(f);
	free(text);
}

static void test_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/pdx-test-input.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/plain.txt", dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	/* More than one read's worth, so lines straddle buffer refills. */
	for (int i = 0; i < 40000; i++)
		fprintf(fp, "line %d %s\n", i, i % 3 ? "" : "with a longer tail to vary the length");
	fclose(fp);
	in_file *f;
	assert_int_equal(in_open(path, &f), 0);
	const char *line;
	size_t n;
	unsigned long lineno;
	int i = 0;
	char want[80];
	while (in_next_line(f, &line, &n, &lineno) == 1) {
		snprintf(want, sizeof want, "line %d %s", i, i % 3 ? "" : "with a longer tail to vary the length");
		assert_string_equal(line, want);
		i++;
	}
	assert_int_equal(i, 40000);
	in_close(f);

	snprintf(path, sizeof path, "%s/t.gz", dir);
	gzFile gz = gzopen(path, "wb");
	assert_non_null(gz);
	for (int k = 0; k < 40000; k++)
		gzprintf(gz, "row %d\n", k);
	gzclose(gz);
	assert_int_equal(in_open(path, &f), 0);
	assert_true(in_is_gzip(f));
	i = 0;
	while (in_next_line(f, &line, &n, &lineno) == 1) {
		snprintf(want, sizeof want, "row %d", i);
		assert_string_equal(line, want);
		i++;
	}
	assert_int_equal(i, 40000);
	assert_int_equal(in_next_line(f, &line, &n, &lineno), 0);
	in_close(f);
	unlink(path);

	assert_int_equal(in_open(dir, &f), EISDIR);
	assert_null(f);
	snprintf(path, sizeof path, "%s/plain.txt", dir);
	unlink(path);
	assert_int_equal(in_open(path, &f), ENOENT);
	assert_null(f);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_damaged),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
