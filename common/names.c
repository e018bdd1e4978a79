/* names — author name keys. Owns no state. */
#include "names.h"

#include <string.h>

#include "text.h"

void name_key(const char *name, size_t n, buf *out)
{
	buf folded = BUF_INIT;
	text_fold(&folded, name, n);
	const unsigned char *p = folded.p;
	size_t i = 0, start = out->n;
	int gap = 0;
	while (i < folded.n) {
		int32_t cp;
		size_t k = text_utf8_next(p + i, folded.n - i, &cp);
		if (cp == '\'') {
			i += k;
			continue;
		}
		if (text_is_word_cp(cp)) {
			if (gap && out->n > start)
				buf_putc(out, ' ');
			gap = 0;
			buf_put(out, p + i, k);
		} else {
			gap = 1;
		}
		i += k;
	}
	buf_free(&folded);
}

int name_same(const char *a, const char *b)
{
	buf ka = BUF_INIT, kb = BUF_INIT;
	name_key(a, strlen(a), &ka);
	name_key(b, strlen(b), &kb);
	int same = ka.n == kb.n && (ka.n == 0 || memcmp(ka.p, kb.p, ka.n) == 0);
	buf_free(&ka);
	buf_free(&kb);
	return same;
}
