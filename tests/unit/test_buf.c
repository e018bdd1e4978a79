/* Unit tests for buf's text appends: buf_put_fixed against printf's
 * "%.*f" (the run files' scores, which trec_eval reads back, must not
 * change by a digit), buf_put_decimal, and buf_printf past the room a
 * buffer has. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"

/* buf_put_fixed(v, places) equals snprintf's "%.*f", after text already
 * in the buffer. */
static void expect_fixed(double v, unsigned places)
{
	char want[400];
	snprintf(want, sizeof want, "x%.*f", (int)places, v);
	buf b = BUF_INIT;
	buf_putc(&b, 'x');
	buf_put_fixed(&b, v, places);
	if (strcmp((const char *)b.p, want) != 0)
		fail_msg("%.17g with %u places: \"%s\", printf \"%s\"", v, places, (const char *)b.p,
			 want);
	assert_int_equal(b.n, strlen(want));
	buf_free(&b);
}

static void test_fixed_cases(void **state)
{
	(void)state;
	/* Ties on the exact binary value go to the even digit: 1/128 is
	 * 0.0078125, 3/128 is 0.0234375. */
	expect_fixed(1.0 / 128, 6);
	expect_fixed(3.0 / 128, 6);
	expect_fixed(-1.0 / 128, 6);
	expect_fixed(0.5, 0);
	expect_fixed(1.5, 0);
	expect_fixed(2.5, 0);
	expect_fixed(0.125, 2);
	expect_fixed(0.375, 2);
	/* Just off a tie: the binary value decides, not the decimal one. */
	expect_fixed(0.0000005, 6);
	expect_fixed(1.0000005, 6);
	expect_fixed(2.675, 2);
	expect_fixed(0, 6);
	expect_fixed(-0.0, 6);
	expect_fixed(-1e-9, 6);  /* "-0.000000", as printf writes it */
	expect_fixed(5e-324, 6);
	expect_fixed(0.9999995, 6);
	expect_fixed(9.9999999999, 6);
	expect_fixed(20.574046, 6);
	expect_fixed(123456789.123456789, 9);
	expect_fixed(1e12, 6);
	/* Past 2^63 units of the last place, and not numbers: printf's path. */
	expect_fixed(1e13, 6);
	expect_fixed(9.3e12, 6);
	expect_fixed(1e300, 6);
	expect_fixed(INFINITY, 6);
	expect_fixed(-INFINITY, 6);
	expect_fixed(NAN, 6);
	expect_fixed(1.25, 12);
}

static double rand_unit(void)
{
	return (double)rand() / ((double)RAND_MAX + 1);
}

static void test_fixed_random(void **state)
{
	(void)state;
	srand(20261205);
	for (int i = 0; i < 300000; i++) {
		unsigned places = (unsigned)(rand() % 10);
		double v;
		switch (i % 4) {
		case 0:  /* scores: 0..50 */
			v = rand_unit() * 50;
			break;
		case 1:  /* any magnitude */
			v = ldexp(rand_unit() + 0.5, rand() % 120 - 80);
			break;
		case 2:  /* dyadic values near ties at the last place */
			v = ldexp((double)(rand() % 100000), -(rand() % 40));
			break;
		default:  /* fixed-point sums, as the engine scores */
			v = (double)((uint64_t)rand() * (uint64_t)rand()) / 4294967296.0;
			break;
		}
		if (rand() % 5 == 0)
			v = -v;
		expect_fixed(v, places);
	}
}

static void test_decimal(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	buf_put_decimal(&b, 0);
	buf_putc(&b, ' ');
	buf_put_decimal(&b, 1000);
	buf_putc(&b, ' ');
	buf_put_decimal(&b, UINT64_MAX);
	assert_string_equal((const char *)b.p, "0 1000 18446744073709551615");
	buf_free(&b);
}

/* One pass when the text fits in the buffer's room, two when it does
 * not: both write the whole text and keep the buffer terminated. */
static void test_printf_growth(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "%d:", 42);
	buf_printf(&b, "%s|", big);
	buf_printf(&b, "%.3f", 0.5);
	assert_int_equal(b.n, 3 + 4999 + 1 + 5);
	assert_memory_equal(b.p, "42:aaa", 6);
	assert_string_equal((const char *)b.p + 3 + 4999, "|0.500");
	assert_int_equal(b.p[b.n], 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_cases),
		cmocka_unit_test(test_fixed_random),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_printf_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
