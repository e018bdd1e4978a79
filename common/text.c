/* text — UTF-8 validation, whitespace squashing and folding on top of
 * utf8proc. Owns no state. */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

int text_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char c = p[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		utf8proc_ssize_t k = c ? utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp) : -1;
		if (k <= 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)k;
	}
	return 1;
}

size_t text_utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, cp);
	if (k <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)k;
}

static int is_space_cp(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v')
		return 1;
	if (cp < 0x80)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029;
}

static int is_control_cp(int32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 1;
	if (cp < 0x80)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_CC || cp == 0xFEFF || cp == 0x200B;
}

void text_squash(buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int pending_space = 0, any = 0;
	while (i < n) {
		/* Runs of visible ASCII, the bulk of any text, go out at once. */
		size_t run = i;
		while (run < n && p[run] > 0x20 && p[run] < 0x7f)
			run++;
		if (run > i) {
			if (pending_space)
				buf_putc(out, ' ');
			pending_space = 0;
			any = 1;
			buf_put(out, p + i, run - i);
			i = run;
			continue;
		}
		int32_t cp;
		size_t k = text_utf8_next(p + i, n - i, &cp);
		if (is_space_cp(cp)) {
			pending_space = any;
		} else if (!is_control_cp(cp)) {
			if (pending_space)
				buf_putc(out, ' ');
			pending_space = 0;
			any = 1;
			buf_put(out, p + i, k);
		}
		i += k;
	}
}

/* Letters with strokes or ligatures have no Unicode decomposition; users
 * type them without the stroke ("Lukasz" for "Łukasz"). */
static const char *fold_extra(int32_t cp)
{
	switch (cp) {
	case 0x0141: case 0x0142: return "l";   /* Ł ł */
	case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
	case 0x0110: case 0x0111: return "d";   /* Đ đ */
	case 0x0126: case 0x0127: return "h";   /* Ħ ħ */
	case 0x0131: return "i";                /* dotless ı */
	case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
	case 0x0152: case 0x0153: return "oe";  /* Œ œ */
	case 0x00DE: case 0x00FE: return "th";  /* Þ þ */
	case 0x00DF: return "ss";               /* ß */
	case 0x2019: case 0x2018: case 0x02BC: return "'";
	default: return NULL;
	}
}

void text_fold_cp(buf *out, int32_t cp)
{
	if (cp < 0x80) {
		buf_putc(out, (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
		return;
	}
	const char *x = fold_extra(cp);
	if (x) {
		buf_puts(out, x);
		return;
	}
	utf8proc_int32_t dec[16];
	int last = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 16,
		UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, &last);
	if (k < 0 || k > 16) {
		buf_reserve(out, 4);
		out->n += (size_t)utf8proc_encode_char(cp, out->p + out->n);
		out->p[out->n] = 0;
		return;
	}
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		if (dec[i] < 0x80) {
			buf_putc(out, dec[i]);
			continue;
		}
		const char *y = fold_extra(dec[i]);
		if (y) {
			buf_puts(out, y);
			continue;
		}
		buf_reserve(out, 4);
		out->n += (size_t)utf8proc_encode_char(dec[i], out->p + out->n);
		out->p[out->n] = 0;
	}
}

void text_fold(buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		i += text_utf8_next(p + i, n - i, &cp);
		text_fold_cp(out, cp);
	}
}

int text_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}
