/* profile — helpers shared by the three profile-page readers: ids, dates,
 * the current year, author names and lists, the title/author split of
 * listing lines, owner inference and record completion. Reads no files;
 * the readers own the line loops and the page structure. */
#include "profile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <utf8proc.h>

#include "err.h"
#include "mem.h"
#include "names.h"
#include "text.h"

int prof_is_profile_format(const char *format)
{
	return format && (strcmp(format, "researcher") == 0 || strcmp(format, "listing") == 0 ||
			  strcmp(format, "header") == 0);
}

void prof_head_init(prof_head *h, const char *head, size_t n)
{
	h->p = head;
	h->n = n;
	h->pos = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int prof_head_line(prof_head *h, const char **line, size_t *len)
{
	if (h->pos >= h->n)
		return 0;
	const char *s = h->p + h->pos;
	const char *nl = memchr(s, '\n', h->n - h->pos);
	size_t k = nl ? (size_t)(nl - s) : h->n - h->pos;
	h->pos += nl ? k + 1 : k;
	*line = s;
	*len = k > 0 && s[k - 1] == '\r' ? k - 1 : k;
	return 1;
}

void prof_trim(const char **s, size_t *n)
{
	if (*n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) {
		*s += 3;
		*n -= 3;
	}
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* ---- ids ------------------------------------------------------------- */

void prof_title_norm(const char *s, size_t n, buf *out)
{
	buf folded = BUF_INIT;
	text_fold(&folded, s, n);
	size_t i = 0, start = out->n;
	int gap = 0;
	while (i < folded.n) {
		int32_t cp;
		size_t k = text_utf8_next(folded.p + i, folded.n - i, &cp);
		if (text_is_word_cp(cp)) {
			if (gap && out->n > start)
				buf_putc(out, ' ');
			gap = 0;
			buf_put(out, folded.p + i, k);
		} else {
			gap = 1;
		}
		i += k;
	}
	buf_free(&folded);
}

static uint64_t fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

void prof_title_id(const char *s, size_t n, char out[20])
{
	buf norm = BUF_INIT;
	prof_title_norm(s, n, &norm);
	snprintf(out, 20, "pt-%016llx", (unsigned long long)fnv1a(norm.p, norm.n));
	buf_free(&norm);
}

/* ---- dates ----------------------------------------------------------- */

/* The UTC year of t, or 0 outside the years a record can hold. */
static int year_of(time_t t)
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1970 || tm.tm_year + 1900 > 9999)
		return 0;
	return tm.tm_year + 1900;
}

int prof_current_year(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && e[0] >= '0' && e[0] <= '9') {
		char *end;
		errno = 0;
		long long v = strtoll(e, &end, 10);
		int y = *end == '\0' && errno == 0 ? year_of((time_t)v) : 0;
		if (y)
			return y;
	}
	int y = year_of(time(NULL));
	return y ? y : 1970;
}

static const char *const months[12][2] = {
	{"Jan", "January"}, {"Feb", "February"}, {"Mar", "March"}, {"Apr", "April"},
	{"May", "May"}, {"Jun", "June"}, {"Jul", "July"}, {"Aug", "August"},
	{"Sep", "September"}, {"Oct", "October"}, {"Nov", "November"}, {"Dec", "December"},
};

static int month_of(const char *s, size_t n)
{
	for (int m = 0; m < 12; m++)
		for (int f = 0; f < 2; f++)
			if (strlen(months[m][f]) == n && memcmp(months[m][f], s, n) == 0)
				return m + 1;
	if (n == 4 && memcmp(s, "Sept", 4) == 0)
		return 9;
	return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

/* Reads 1..max digits at s[*i]; returns the value or -1. */
static int read_num(const char *s, size_t n, size_t *i, int max)
{
	int v = 0, k = 0;
	while (*i < n && is_digit(s[*i]) && k < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	if (k == 0 || (*i < n && is_digit(s[*i])))
		return -1;
	return v;
}

int prof_parse_date(const char *s, size_t n, prof_date *d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t i = 0;
	memset(d, 0, sizeof *d);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* The optional relevance score: "85.0". */
	if (i < n && is_digit(s[i])) {
		if (read_num(s, n, &i, 4) < 0)
			return 0;
		if (i < n && s[i] == '.') {
			i++;
			if (read_num(s, n, &i, 4) < 0)
				return 0;
		}
	}
	/* "CLMay": the category is the capitals before the month's. */
	size_t cat = i;
	while (i < n && is_upper_ascii(s[i]))
		i++;
	size_t caps = i - cat;
	if (caps < 2 || caps > 9)
		return 0;
	size_t mon = i - 1;
	while (i < n && is_lower_ascii(s[i]))
		i++;
	int month = month_of(s + mon, i - mon);
	if (!month || i >= n || s[i] != ' ')
		return 0;
	i++;
	int day = read_num(s, n, &i, 2);
	if (day < 1 || day > mdays[month - 1])
		return 0;
	int year = 0;
	if (i + 1 < n && s[i] == ',' && s[i + 1] == ' ') {
		i += 2;
		size_t y0 = i;
		year = read_num(s, n, &i, 4);
		if (year < 1000 || i - y0 != 4)
			return 0;
	}
	int code = 0;
	if (n - i == 4 && memcmp(s + i, "Code", 4) == 0) {
		code = 1;
		i += 4;
	}
	if (i != n)
		return 0;
	d->cat = s + cat;
	d->cat_n = caps - 1;
	d->year = year;
	d->month = month;
	d->day = day;
	d->has_code = code;
	return 1;
}

/* ---- names ----------------------------------------------------------- */

void prof_name_clean(const char *s, size_t n, buf *out)
{
	buf sq = BUF_INIT;
	text_squash(&sq, s, n);
	size_t a = 0, b = sq.n;
	while (a < b && (sq.p[a] == ',' || sq.p[a] == ';' || sq.p[a] == ' '))
		a++;
	while (b > a && (sq.p[b - 1] == ',' || sq.p[b - 1] == ';' || sq.p[b - 1] == ' '))
		b--;
	if (b > a)
		buf_put(out, sq.p + a, b - a);
	buf_free(&sq);
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static size_t rtrim(const char *s, size_t n)
{
	while (n > 0 && (is_space(s[n - 1]) || s[n - 1] == ','))
		n--;
	return n;
}

/* The author list without its trailing " · tag"s and "et al.": returns the
 * remaining length and sets *etal. */
static size_t list_core(const char *s, size_t n, int *etal)
{
	*etal = 0;
	n = rtrim(s, n);
	/* Tags are short and hold no comma: "· mit", "· pku". */
	for (int round = 0; round < 8 && n >= 2; round++) {
		size_t i = n - 1;
		size_t lim = n > 72 ? n - 72 : 0;
		while (i > lim && !((unsigned char)s[i - 1] == 0xC2 && (unsigned char)s[i] == 0xB7))
			i--;
		if (i <= lim || (unsigned char)s[i - 1] != 0xC2)
			break;
		if (memchr(s + i, ',', n - i))
			break;
		n = rtrim(s, i - 1);
	}
	static const char *const etals[] = {"et al.", "et al"};
	for (size_t k = 0; k < 2; k++) {
		size_t m = strlen(etals[k]);
		if (n >= m && strncasecmp(s + n - m, etals[k], m) == 0 &&
		    (n == m || is_space(s[n - m - 1]) || s[n - m - 1] == ',')) {
			*etal = 1;
			n = rtrim(s, n - m);
			break;
		}
	}
	return n;
}

/* One name of a list: [off, off + len) of the list, trimmed. */
typedef struct seg {
	size_t off, len;
} seg;

/* Splits s on commas into trimmed segments (empty ones kept). Caller frees
 * *out. Returns the count. */
static size_t split_commas(const char *s, size_t n, seg **out)
{
	size_t cap = 0, k = 0, start = 0;
	seg *v = NULL;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ',')
			continue;
		size_t a = start, b = i;
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		v = mem_grow(v, &cap, k + 1, sizeof *v);
		v[k].off = a;
		v[k].len = b - a;
		k++;
		start = i + 1;
	}
	*out = v;
	return k;
}

size_t prof_parse_authors(const char *s, size_t n, rec_paper *r)
{
	int etal;
	n = list_core(s, n, &etal);
	if (etal)
		r->authors_truncated = 1;
	seg *segs;
	size_t k = split_commas(s, n, &segs), added = 0;
	buf name = BUF_INIT;
	for (size_t i = 0; i < k; i++) {
		buf_clear(&name);
		prof_name_clean(s + segs[i].off, segs[i].len, &name);
		if (name.n == 0)
			continue;
		if (r->authors.n >= PROF_MAX_AUTHORS) {
			r->authors_truncated = 1;
			break;
		}
		rec_strv_push(&r->authors, (const char *)name.p, name.n);
		added++;
	}
	buf_free(&name);
	free(segs);
	return added;
}

static int cp_cat(int32_t cp)
{
	return utf8proc_category(cp);
}

static int is_upper_cp(int32_t cp)
{
	int c = cp_cat(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t cp)
{
	return cp_cat(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_letter_cp(int32_t cp)
{
	int c = cp_cat(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MC;
}

static int in_list(const char *s, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

/* Lowercase words that belong to names: "Vincent van Gogh". */
static const char *const particles[] = {
	"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das",
	"do", "le", "la", "bin", "binti", "al", "el", "ibn", "ter", "ten", "y", "zu", NULL,
};

/* Name starts that a capital follows inside one word: "McDonald". */
static const char *const prefixes[] = {
	"Mc", "Mac", "Le", "La", "De", "Di", "Da", "Du", "Van", "Von", "Fitz", "St", NULL,
};

enum { SHAPE_NO, SHAPE_LOOSE, SHAPE_STRICT };

/* How much s looks like one person's name. Loose: capitalized words,
 * initials and particles, no digits or sentence punctuation. Strict also
 * rules out capitals inside a word ("NetJohn", "GNN") except after a name
 * prefix ("McDonald"). *words receives the word count. */
static int name_shape(const char *s, size_t n, size_t *words)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, nw = 0;
	int strict = 1, capital = 0;
	*words = 0;
	if (n == 0 || n > PROF_NAME_MAX)
		return SHAPE_NO;
	while (i < n) {
		while (i < n && p[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t w = i;
		while (i < n && p[i] != ' ')
			i++;
		if (++nw > 8)
			return SHAPE_NO;
		if (in_list(s + w, i - w, particles))
			continue;
		/* DBLP tells namesakes apart by number: "Wei Wang 0001". */
		if (nw > 1 && i - w == 4 && strspn(s + w, "0123456789") >= 4) {
			nw--;
			continue;
		}
		size_t j = w, part = w;
		int32_t cp, prev = 0;
		j += text_utf8_next(p + j, i - j, &cp);
		if (!is_upper_cp(cp))
			return SHAPE_NO;
		capital = 1;
		prev = cp;
		while (j < i) {
			size_t at = j;
			j += text_utf8_next(p + j, i - j, &cp);
			if (cp == '-' || cp == '\'' || cp == 0x2019) {
				part = j;
			} else if (cp == '.') {
				part = j;
			} else if (!is_letter_cp(cp)) {
				return SHAPE_NO;
			} else if (is_upper_cp(cp) && prev != '-' && prev != '\'' && prev != 0x2019 &&
				   prev != '.') {
				if (is_upper_cp(prev) || !in_list(s + part, at - part, prefixes))
					strict = 0;
			}
			prev = cp;
		}
	}
	*words = nw;
	if (!capital)
		return SHAPE_NO;
	return strict ? SHAPE_STRICT : SHAPE_LOOSE;
}

int prof_authors_plausible(const char *s, size_t n)
{
	int etal;
	n = list_core(s, n, &etal);
	seg *segs;
	size_t k = split_commas(s, n, &segs), words;
	int ok = k > 0;
	for (size_t i = 0; ok && i < k; i++)
		ok = name_shape(s + segs[i].off, segs[i].len, &words) != SHAPE_NO;
	free(segs);
	return ok;
}

/* ---- key sets ---------------------------------------------------------- */

struct ks_entry {
	char *key;      /* NULL: free slot */
	char *display;
	size_t count;
};

struct prof_keyset {
	struct ks_entry *v;
	size_t cap;     /* a power of two */
	size_t n;
};

prof_keyset *prof_keyset_new(void)
{
	prof_keyset *ks = mem_calloc(1, sizeof *ks);
	ks->cap = 64;
	ks->v = mem_calloc(ks->cap, sizeof *ks->v);
	return ks;
}

void prof_keyset_free(prof_keyset *ks)
{
	if (!ks)
		return;
	for (size_t i = 0; i < ks->cap; i++) {
		free(ks->v[i].key);
		free(ks->v[i].display);
	}
	free(ks->v);
	free(ks);
}

static struct ks_entry *ks_slot(const prof_keyset *ks, const char *key, size_t n)
{
	size_t mask = ks->cap - 1, i = (size_t)fnv1a(key, n) & mask;
	while (ks->v[i].key && !(strlen(ks->v[i].key) == n && memcmp(ks->v[i].key, key, n) == 0))
		i = (i + 1) & mask;
	return &ks->v[i];
}

static void ks_grow(prof_keyset *ks)
{
	struct ks_entry *old = ks->v;
	size_t oldcap = ks->cap;
	ks->cap *= 2;
	ks->v = mem_calloc(ks->cap, sizeof *ks->v);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*ks_slot(ks, old[i].key, strlen(old[i].key)) = old[i];
	free(old);
}

/* Adds count to key's entry, creating it with display name d. */
static struct ks_entry *ks_add_key(prof_keyset *ks, const buf *key, const char *d, size_t dn,
				   size_t count)
{
	if ((ks->n + 1) * 2 > ks->cap)
		ks_grow(ks);
	struct ks_entry *e = ks_slot(ks, (const char *)key->p, key->n);
	if (!e->key) {
		e->key = mem_strndup((const char *)key->p, key->n);
		e->display = mem_strndup(d, dn);
		ks->n++;
	}
	e->count += count;
	return e;
}

void prof_keyset_add(prof_keyset *ks, const char *name, size_t n)
{
	buf key = BUF_INIT;
	name_key(name, n, &key);
	if (key.n)
		ks_add_key(ks, &key, name, n, 1);
	buf_free(&key);
}

size_t prof_keyset_count(const prof_keyset *ks, const char *name, size_t n)
{
	if (!ks)
		return 0;
	buf key = BUF_INIT;
	name_key(name, n, &key);
	size_t c = key.n ? ks_slot(ks, (const char *)key.p, key.n)->count : 0;
	buf_free(&key);
	return c;
}

/* ---- listing lines ------------------------------------------------------ */

void prof_known_add_line(prof_keyset *known, const char *s, size_t n)
{
	int etal;
	n = list_core(s, n, &etal);
	seg *segs;
	size_t k = split_commas(s, n, &segs), words;
	for (size_t i = k; i-- > 1;) {
		if (name_shape(s + segs[i].off, segs[i].len, &words) == SHAPE_NO)
			break;
		prof_keyset_add(known, s + segs[i].off, segs[i].len);
	}
	free(segs);
}

static int is_closing(int32_t cp)
{
	return cp == ')' || cp == ']' || cp == '}' || cp == '?' || cp == '!' || cp == '.' ||
	       cp == '"' || cp == 0x201D;
}

/* How well a split before s[p] of segment [a, b) reads as title + first
 * author; below 2 is no split. */
static int split_score(const char *s, size_t a, size_t p, size_t b, const prof_keyset *known)
{
	size_t words;
	int shape = name_shape(s + p, b - p, &words);
	if (shape == SHAPE_NO)
		return 0;
	int score;
	if (prof_keyset_count(known, s + p, b - p) > 0)
		score = 4;
	else if (shape == SHAPE_LOOSE || words < 2)
		score = 1;
	else
		score = words <= 5 ? 3 : 2;
	/* "Yann LeCun": a junction right after a name prefix is inside a name. */
	size_t w = p;
	while (w > a && s[w - 1] != ' ' && s[w - 1] != '-')
		w--;
	if (in_list(s + w, p - w, prefixes))
		score -= 2;
	return score;
}

/* The code point that ends just before s[j] (j > 0). */
static int32_t cp_before(const unsigned char *u, size_t j)
{
	size_t i = j - 1;
	while (i > 0 && j - i < 4 && (u[i] & 0xC0) == 0x80)
		i--;
	int32_t cp;
	text_utf8_next(u + i, j - i, &cp);
	return cp;
}

/* Best split point inside segment [a, b) (0 when none scores 2 or more);
 * ties go to the rightmost junction. */
static size_t best_in_segment(const char *s, size_t a, size_t b, const prof_keyset *known,
			      int *score)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t from = b - a > PROF_NAME_MAX ? b - PROF_NAME_MAX : a, best_p = 0;
	while (from > a && (u[from] & 0xC0) == 0x80)
		from--;
	int32_t prev = from > a ? cp_before(u, from) : 0, cp, next;
	*score = 0;
	for (size_t j = from; j < b;) {
		size_t len = text_utf8_next(u + j, b - j, &cp);
		next = 0;
		if (j + len < b)
			text_utf8_next(u + j + len, b - j - len, &next);
		int junction = j > a && is_upper_cp(cp) &&
			       (is_lower_cp(prev) || cp_cat(prev) == UTF8PROC_CATEGORY_ND ||
				is_closing(prev) || (is_upper_cp(prev) && is_lower_cp(next)));
		if (junction) {
			int sc = split_score(s, a, j, b, known);
			if (sc >= 2 && sc >= *score) {
				*score = sc;
				best_p = j;
			}
		}
		prev = cp;
		j += len;
	}
	return best_p;
}

int prof_split_title(const char *s, size_t n, const prof_keyset *known, size_t *title_n)
{
	int etal, best = 0;
	n = list_core(s, n, &etal);
	seg *segs;
	size_t k = split_commas(s, n, &segs), words, best_p = 0;
	/* From the right: every segment right of the glued one is a name, so
	 * the search stops after the first segment that is not. */
	for (size_t i = k; i-- > 0;) {
		size_t a = segs[i].off, b = a + segs[i].len;
		int sc;
		size_t p = best_in_segment(s, a, b, known, &sc);
		if (p && sc > best) {
			best = sc;
			best_p = p;
		}
		if (name_shape(s + a, b - a, &words) == SHAPE_NO)
			break;
	}
	free(segs);
	if (best_p == 0)
		return 0;
	*title_n = best_p;
	return 1;
}

char *prof_owner_name(const char *s, size_t n)
{
	if (!text_utf8_valid(s, n, NULL))
		return NULL;
	buf name = BUF_INIT;
	char *owner = NULL;
	prof_name_clean(s, n, &name);
	size_t words;
	if (name.n && !memchr(name.p, ',', name.n) &&
	    name_shape((const char *)name.p, name.n, &words) != SHAPE_NO)
		owner = mem_strndup((const char *)name.p, name.n);
	buf_free(&name);
	return owner;
}

void prof_add_owner(rec_paper *r, const char *owner)
{
	if (owner && *owner && rec_authors_find(r, owner) < 0 && r->authors.n < PROF_MAX_AUTHORS)
		rec_strv_push(&r->authors, owner, strlen(owner));
}

/* ---- works ------------------------------------------------------------- */

void prof_set_text(char **field, const char *s, size_t n)
{
	buf sq = BUF_INIT;
	text_squash(&sq, s, n);
	rec_set(field, sq.p ? (const char *)sq.p : "", sq.n);
	buf_free(&sq);
}

void prof_work_init(prof_work *w, unsigned long line)
{
	memset(w, 0, sizeof *w);
	rec_init(&w->rec);
	w->line = line;
}

void prof_work_clear(prof_work *w)
{
	rec_clear(&w->rec);
	buf_free(&w->abstract);
	prof_work_init(w, 0);
}

int prof_work_check(prof_work *w, const char *s, size_t n, unsigned long lineno)
{
	size_t bad;
	if (text_utf8_valid(s, n, &bad))
		return 1;
	if (!w->bad_line) {
		w->bad_line = lineno;
		w->bad_off = bad;
	}
	return 0;
}

void prof_work_abstract(prof_work *w, const char *s, size_t n)
{
	size_t before = w->abstract.n;
	if (before)
		buf_putc(&w->abstract, ' ');
	size_t mark = w->abstract.n;
	text_squash(&w->abstract, s, n);
	if (w->abstract.n == mark) {
		w->abstract.n = before;
		if (w->abstract.p)
			w->abstract.p[before] = 0;
	}
}

int prof_emit(prof_work *w, const char *format, rd_sink *sink, rd_report *rep)
{
	rec_paper *r = &w->rec;
	int rc = 0;
	if (w->bad_line) {
		rd_error(rep, w->bad_line, "invalid UTF-8 at byte %zu", w->bad_off + 1);
		goto done;
	}
	if (!r->title || !*r->title) {
		rd_error(rep, w->line, "work has no title");
		goto done;
	}
	char id[20];
	prof_title_id(r->title, strlen(r->title), id);
	rec_set(&r->id, id, strlen(id));
	if (w->abstract.n)
		rec_set(&r->abstract, (const char *)w->abstract.p, w->abstract.n);
	rec_set(&r->format, format, strlen(format));
	rec_set(&r->source, rep->path, strlen(rep->path));
	r->line = w->line;
	rec_finish(r);
	rc = sink->emit(sink->ctx, r);
	if (!rc)
		rep->records++;
done:
	prof_work_clear(w);
	return rc;
}

int prof_infer_owner(const prof_work *works, size_t n, buf *owner, size_t *count)
{
	prof_keyset *all = prof_keyset_new();
	buf key = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		prof_keyset *mine = prof_keyset_new();
		const rec_strv *a = &works[i].rec.authors;
		for (size_t j = 0; j < a->n; j++) {
			buf_clear(&key);
			name_key(a->v[j], strlen(a->v[j]), &key);
			if (!key.n || ks_slot(mine, (const char *)key.p, key.n)->key)
				continue;
			ks_add_key(mine, &key, a->v[j], strlen(a->v[j]), 1);
			ks_add_key(all, &key, a->v[j], strlen(a->v[j]), 1);
		}
		prof_keyset_free(mine);
	}
	const struct ks_entry *top = NULL;
	size_t second = 0;
	for (size_t i = 0; i < all->cap; i++) {
		const struct ks_entry *e = &all->v[i];
		if (!e->key)
			continue;
		if (!top || e->count > top->count) {
			if (top)
				second = top->count;
			top = e;
		} else if (e->count > second) {
			second = e->count;
		}
	}
	int found = top && top->count >= 2 && top->count > second && top->count * 3 >= n;
	if (found) {
		buf_puts(owner, top->display);
		*count = top->count;
	}
	buf_free(&key);
	prof_keyset_free(all);
	return found;
}
