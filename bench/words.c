/* words — see words.h. */
#include "words.h"

#include <string.h>
#include <utf8proc.h>

#include "text.h"

static int is_joiner(int32_t cp)
{
	return cp == '-' || cp == '\'' || cp == 0x2010 || cp == 0x2019;
}

static int is_clause_punct(int32_t cp)
{
	if (cp < 0x80)
		return strchr(".,;:!?()[]{}\"", (int)cp) != NULL && cp != 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_PO || c == UTF8PROC_CATEGORY_PS ||
	       c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PI ||
	       c == UTF8PROC_CATEGORY_PF;
}

int wd_split(const char *s, size_t n, unsigned flags, buf *w, wd_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int brk = 1;
	buf_clear(w);
	while (i <= n) {
		int32_t cp = 0;
		size_t k = i < n ? text_utf8_next(p + i, n - i, &cp) : 1;
		if (i < n && text_is_word_cp(cp)) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
			buf_put(w, enc, (size_t)m);
			i += k;
			continue;
		}
		if (i < n && w->n && (flags & WD_COMPOUNDS) && is_joiner(cp) && i + k < n) {
			int32_t next;
			text_utf8_next(p + i + k, n - i - k, &next);
			if (text_is_word_cp(next)) {
				buf_putc(w, cp == 0x2019 ? '\'' : cp == 0x2010 ? '-' : (int)cp);
				i += k;
				continue;
			}
		}
		if (w->n) {
			int rc = fn(ctx, (const char *)w->p, w->n, brk);
			if (rc)
				return rc;
			buf_clear(w);
			brk = 0;
		}
		if (i < n && is_clause_punct(cp))
			brk = 1;
		i += k;
	}
	return 0;
}

int wd_is_function_word(const char *w)
{
	static const char *const list[] = {
		"a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be",
		"been", "both", "but", "by", "can", "do", "does", "each", "for", "from",
		"has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "more",
		"most", "much", "no", "not", "of", "on", "one", "only", "or", "other",
		"our", "over", "such", "than", "that", "the", "their", "them", "then",
		"there", "these", "they", "this", "those", "through", "to", "two", "under",
		"up", "us", "use", "used", "using", "very", "via", "was", "we", "were", "what",
		"when", "where", "which", "while", "who", "whose", "why", "will", "with",
		"within", "without", "would", "you"};
	size_t lo = 0, hi = sizeof list / sizeof list[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w, list[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}
