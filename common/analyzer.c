/* analyzer — tokenizing, folding, compounds, LaTeX and Greek handling,
 * stopwords and the stem cache. Unicode tables stay in text.c (utf8proc),
 * stemming rules in libstemmer; docs/analyzer.md is the user-level
 * description of every rule below and must change with them.
 *
 * Shape: an_analyze alternates two scanners. scan_gap walks the separators
 * between two word parts and sums up the joiners it met (a hyphen, "(",
 * ")-", an apostrophe, a dot) or marks the gap hard; read_part reads one
 * part (a run of word characters, a LaTeX Greek or term command, or one CJK
 * character) and folds it into a slot. place() then decides whether the part
 * joins the pending compound, merges into its last part (contractions,
 * possessives, dotted acronyms) or starts a new compound; flushing a
 * compound assigns positions and emits its tokens. Nothing is allocated per
 * token: parts live in fixed slots, terms come from the stem cache. */
#include "analyzer.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "text.h"

/* Bump on any change to the terms produced, so indexes built with the old
 * rules are refused instead of silently mismatching. */
#define AN_VERSION 1

#define MAXPARTS 16  /* parts in one compound; more start a new one */
/* Folded text of one part, NUL-terminated. Padded so that hashing may read
 * whole 8-byte words past the end (the excess is masked off). */
#define SLOT (AN_MAX_TERM + 8)

/* The stem cache: folded word -> (stopword?, stem). libstemmer costs far
 * more than the tokenizer, and word frequencies are Zipfian, so a bounded
 * table that is simply emptied when full keeps the hit rate high. It
 * starts at CACHE_MIN_SLOTS and doubles while half full, up to
 * CACHE_SLOTS: an index build soon has it all, and a search, which
 * analyzes a few papers a query, does not first-touch (fault in) pages
 * of a table it hardly fills. */
#define CACHE_MIN_SLOTS (1u << 12)
#define CACHE_SLOTS (1u << 16)
#define ARENA_SIZE (1u << 20)

enum {
	P_DIGIT = 1 << 0,  /* holds an ASCII digit: never stemmed nor a stopword */
	P_ALPHA = 1 << 1,  /* holds something other than a digit */
	P_CJK = 1 << 2,    /* one CJK character: never joins */
	P_LONG = 1 << 3,   /* over AN_MAX_TERM: emits nothing, keeps its position */
	P_STOP = 1 << 4,   /* a contraction found in the stoplist ("don't") */
	P_OPEN = 1 << 5,   /* read after "(", joins only if ")" follows */
	P_ACRO = 1 << 6    /* dotted acronym ("U.S."): absorbs further ".x" */
};

typedef struct part {
	char *t;            /* folded text: one of the analyzer's slots */
	size_t start, end;  /* source bytes, first word character to last */
	unsigned len;       /* bytes in t */
	unsigned ncp;       /* word characters read */
	unsigned flags;
} part;

typedef struct gap {
	char sig[4];        /* joiners met, in order, NUL-terminated */
	int hard;           /* anything else: the gap separates compounds */
	int closes;         /* starts with ")", before anything hard */
} gap;

typedef struct cent {
	uint32_t hash;
	uint32_t off;       /* arena: key, NUL, stem, NUL */
	uint8_t klen, slen, stop;
} cent;

struct an_analyzer {
	struct sb_stemmer *st;
	an_emit_fn emit;
	void *ctx;
	int rc;             /* first non-zero callback result */
	uint32_t pos;       /* next word position */
	int k;              /* parts in the pending compound */
	part parts[MAXPARTS + 1];  /* one spare for the part being placed */
	char slots[MAXPARTS + 1][SLOT];
	char joined[SLOT];
	unsigned char low[256];    /* ASCII letters and digits lowercased, else 0 */
	buf fold;           /* scratch for text_fold_cp */
	cent *cache;
	unsigned nslots;    /* a power of two, CACHE_MIN_SLOTS..CACHE_SLOTS */
	unsigned ncache;
	char *arena;
	size_t arena_used;
	char settings[256];
};

/* Snowball's English stop.txt (snowballstem.org, algorithms/english), every
 * uncommented word, sorted bytewise for bsearch. Contractions keep their
 * ASCII apostrophe: the tokenizer folds U+2019 to it and looks "don't" up
 * whole (see place_apostrophe). */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
	"aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
	"but", "by", "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't",
	"doing", "don't", "down", "during", "each", "few", "for", "from", "further", "had", "hadn't",
	"has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
	"here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm",
	"i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "let's", "me", "more",
	"most", "mustn't", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
	"other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't", "she",
	"she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
	"that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these",
	"they", "they'd", "they'll", "they're", "they've", "this", "those", "through", "to", "too",
	"under", "until", "up", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've",
	"were", "weren't", "what", "what's", "when", "when's", "where", "where's", "which", "while",
	"who", "who's", "whom", "why", "why's", "with", "won't", "would", "wouldn't", "you", "you'd",
	"you'll", "you're", "you've", "your", "yours", "yourself", "yourselves"
};
#define NSTOP (sizeof stopwords / sizeof stopwords[0])

/* LaTeX commands that carry no term: fonts, sizes, references, spacing,
 * delimiters and relation or operator symbols. They are transparent, so
 * "\textbf{R}ecoverable" reads "Recoverable" and their arguments stay.
 * Sorted bytewise (case-sensitive, as LaTeX is). */
static const char *const latex_drop[] = {
	"Big", "Bigg", "Biggl", "Biggr", "Bigl", "Bigr", "Cref", "Huge", "LARGE", "Large", "Leftarrow",
	"Leftrightarrow", "Longrightarrow", "Rightarrow", "Vert", "acute", "approx", "ast", "asymp",
	"autoref", "backslash", "bar", "begin", "bf", "big", "bigg", "biggl", "biggr", "bigl", "bigr",
	"bigskip", "bm", "boldsymbol", "breve", "bullet", "cal", "cap", "cdot", "cdots", "centering",
	"cfrac", "check", "circ", "cite", "citealp", "citeauthor", "citep", "citet", "citeyear",
	"colon", "coloneqq", "color", "cong", "cref", "cup", "ddot", "ddots", "dfrac", "displaystyle",
	"div", "documentclass", "dot", "doteq", "dots", "downarrow", "em", "emph", "end", "ensuremath",
	"eqref", "equiv", "evensidemargin", "fbox", "footnote", "footnotesize", "frac", "ge", "geq",
	"gets", "gg", "grave", "gtrsim", "hat", "hbox", "hfill", "href", "hspace", "huge", "iff",
	"implies", "in", "it", "item", "lVert", "label", "land", "langle", "large", "lceil", "ldots",
	"le", "left", "leftarrow", "leftrightarrow", "leq", "lesssim", "lfloor", "limits", "linebreak",
	"ll", "lnot", "longrightarrow", "lor", "lvert", "makebox", "maketitle", "mapsto", "mathbb",
	"mathbf", "mathcal", "mathclose", "mathfrak", "mathit", "mathnormal", "mathop", "mathopen",
	"mathring", "mathrm", "mathscr", "mathsf", "mathtt", "mbox", "medskip", "mid", "middle", "mp",
	"ne", "neg", "neq", "newcommand", "newline", "ni", "nicefrac", "nocite", "noindent", "nolimits",
	"normalsize", "notin", "oddsidemargin", "odot", "operatorname", "oplus", "otimes", "overbrace",
	"overline", "overrightarrow", "paragraph", "parallel", "perp", "phantom", "pm", "pmb", "prec",
	"preceq", "prime", "propto", "qquad", "quad", "rVert", "rangle", "rceil", "ref", "renewcommand",
	"rfloor", "right", "rightarrow", "rm", "rvert", "sc", "scriptscriptstyle", "scriptsize",
	"scriptstyle", "section", "setlength", "setminus", "sf", "sim", "simeq", "sl", "small",
	"smallskip", "smash", "star", "subsection", "subset", "subseteq", "succ", "succeq", "supset",
	"supseteq", "text", "textbf", "textcolor", "textheight", "textit", "textmd", "textnormal",
	"textrm", "textsc", "textsf", "textsl", "textstyle", "textsubscript", "textsuperscript",
	"texttt", "textup", "textwidth", "tfrac", "thanks", "tilde", "times", "tiny", "to", "top",
	"topmargin", "triangleq", "tt", "underbrace", "underline", "uparrow", "url", "usepackage",
	"vdots", "vec", "vee", "vert", "vspace", "wedge", "widehat", "widetilde"
};

/* Greek letters by name, indexed from U+03B1; U+03C2 is final sigma. */
static const char *const greek_names[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
	"lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon",
	"phi", "chi", "psi", "omega"
};

/* LaTeX spellings that name a Greek letter, in lowercase; "\Gamma" and
 * "\gamma" are both "gamma", as Γ and γ fold together. \ell is "l" because
 * ℓ folds to l. */
static const struct { const char *cmd, *word; } latex_greek[] = {
	{"alpha", "alpha"}, {"beta", "beta"}, {"chi", "chi"}, {"delta", "delta"},
	{"ell", "l"}, {"epsilon", "epsilon"}, {"eta", "eta"}, {"gamma", "gamma"}, {"iota", "iota"},
	{"kappa", "kappa"}, {"lambda", "lambda"}, {"mu", "mu"}, {"nu", "nu"}, {"omega", "omega"},
	{"omicron", "omicron"}, {"phi", "phi"}, {"pi", "pi"}, {"psi", "psi"}, {"rho", "rho"},
	{"sigma", "sigma"}, {"tau", "tau"}, {"theta", "theta"}, {"upsilon", "upsilon"},
	{"varepsilon", "epsilon"}, {"varkappa", "kappa"}, {"varphi", "phi"}, {"varpi", "pi"},
	{"varrho", "rho"}, {"varsigma", "sigma"}, {"vartheta", "theta"}, {"xi", "xi"},
	{"zeta", "zeta"}
};

/* LaTeX letters that continue a word, as in "Nystr\o{}m" or "na\"{\i}ve". */
static const struct { const char *cmd, *word; } latex_letters[] = {
	{"AA", "a"}, {"AE", "ae"}, {"L", "l"}, {"O", "o"}, {"OE", "oe"}, {"aa", "a"},
	{"ae", "ae"}, {"i", "i"}, {"j", "j"}, {"l", "l"}, {"o", "o"}, {"oe", "oe"}, {"ss", "ss"}
};

static int bytes_cmp(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

static int sorted_has(const char *const *list, size_t count, const char *w, size_t n)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = bytes_cmp(w, n, list[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int an_is_stopword(const char *word, size_t n)
{
	return sorted_has(stopwords, NSTOP, word, n);
}

/* The first n < 8 bytes at s, which must have 8 readable bytes (slots
 * and the arena are padded for it). */
static inline uint64_t load_part(const char *s, size_t n)
{
	uint64_t w;
	memcpy(&w, s, 8);
	const unsigned char one = 1;
	uint64_t mask = (1ull << (8 * n)) - 1;
	/* Keep the first n bytes in memory order, whatever the byte order. */
	return *(const unsigned char *)&one ? w & mask : w & ~(~0ull >> (8 * n));
}

static inline uint64_t load8(const char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

/* Hashes a term eight bytes at a time: terms are short and this runs once
 * per token. */
static uint32_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = n * 0x9E3779B97F4A7C15ull;
	while (n >= 8) {
		h = (h ^ load8(s)) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n)
		h = (h ^ load_part(s, n)) * 0xFF51AFD7ED558CCDull;
	h ^= h >> 32;
	return (uint32_t)h;
}

static int same_bytes(const char *a, const char *b, size_t n)
{
	while (n >= 8) {
		if (load8(a) != load8(b))
			return 0;
		a += 8;
		b += 8;
		n -= 8;
	}
	return n == 0 || load_part(a, n) == load_part(b, n);
}

static inline int is_alpha(unsigned c)
{
	return (c | 0x20) - 'a' < 26;
}

static inline int is_digit(unsigned c)
{
	return c - '0' < 10;
}

static inline int is_alnum(unsigned c)
{
	return is_alpha(c) || is_digit(c);
}

/* One character per token: ideographs and syllabaries have no spaces
 * between words. Kana voicing marks (U+3099-309C, FF9E-FF9F) are left to
 * the marks rule so a decomposed が does not become a token of its own. */
static int is_cjk(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
	       (cp >= 0x3040 && cp <= 0x3098) || (cp >= 0x309D && cp <= 0x30FF) ||
	       (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xFF66 && cp <= 0xFF9D);
}

static int is_hyphen_cp(int32_t cp)
{
	return cp == 0x2010 || cp == 0x2011 || cp == 0x00AD;
}

static int is_apostrophe_cp(int32_t cp)
{
	return cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

/* ---- LaTeX commands ------------------------------------------------------ */

enum {
	CMD_SEP,     /* a separator: "\\", "\%", unknown one-letter commands */
	CMD_SKIP,    /* transparent: formatting commands and accents */
	CMD_HYPHEN,  /* "\-", a discretionary hyphen */
	CMD_WORD,    /* a part of its own: Greek letters, other commands by name */
	CMD_LETTER   /* letters inside a word: \o, \ss, \i */
};

typedef struct cmd {
	int kind;
	size_t len;         /* source bytes, backslash included */
	const char *word;   /* CMD_WORD, CMD_LETTER: the text it stands for */
	size_t wlen;
} cmd;

/* Parses the command at s[i] == '\\'. */
static cmd parse_cmd(const unsigned char *s, size_t n, size_t i)
{
	cmd c = {CMD_SEP, 1, NULL, 0};
	if (i + 1 >= n)
		return c;
	unsigned char d = s[i + 1];
	if (!is_alpha(d)) {
		/* A non-ASCII byte after the backslash starts a UTF-8 sequence
		 * that must not be split. */
		if (d >= 0x80)
			return c;
		c.len = 2;
		if (d == '-')
			c.kind = CMD_HYPHEN;
		else if (d && strchr("'`^\"~=.", d))
			c.kind = CMD_SKIP;
		return c;
	}
	size_t j = i + 1;
	while (j < n && is_alpha(s[j]))
		j++;
	const char *name = (const char *)s + i + 1;
	size_t nl = j - i - 1;
	c.len = j - i;
	for (size_t k = 0; k < sizeof latex_letters / sizeof latex_letters[0]; k++)
		if (bytes_cmp(name, nl, latex_letters[k].cmd) == 0) {
			c.kind = CMD_LETTER;
			c.word = latex_letters[k].word;
			c.wlen = strlen(c.word);
			return c;
		}
	if (nl == 1) {
		/* \v{s}, \H{o}, \c{c}: accents, only in their braced form so that
		 * a stray "\t" between words does not glue them. */
		if (strchr("Hvuckrdbt", name[0]) && j < n && s[j] == '{')
			c.kind = CMD_SKIP;
		return c;
	}
	if (nl <= 10) {
		char low[11];
		for (size_t k = 0; k < nl; k++)
			low[k] = (char)(name[k] | 0x20);
		for (size_t k = 0; k < sizeof latex_greek / sizeof latex_greek[0]; k++)
			if (bytes_cmp(low, nl, latex_greek[k].cmd) == 0) {
				c.kind = CMD_WORD;
				c.word = latex_greek[k].word;
				c.wlen = strlen(c.word);
				return c;
			}
	}
	c.kind = sorted_has(latex_drop, sizeof latex_drop / sizeof latex_drop[0], name, nl)
		? CMD_SKIP : CMD_WORD;
	if (c.kind == CMD_WORD) {
		c.word = name;
		c.wlen = nl;
	}
	return c;
}

/* ---- the stem cache ------------------------------------------------------ */

static void cache_reset(an_analyzer *a)
{
	memset(a->cache, 0, a->nslots * sizeof *a->cache);
	a->ncache = 0;
	a->arena_used = 0;
}

/* Doubles the table, keeping its entries (their arena bytes stay). */
static void cache_grow(an_analyzer *a)
{
	unsigned n = a->nslots * 2;
	cent *c = mem_calloc(n, sizeof *c);
	for (unsigned j = 0; j < a->nslots; j++) {
		if (a->cache[j].klen == 0)
			continue;
		uint32_t i = a->cache[j].hash & (n - 1);
		while (c[i].klen)
			i = (i + 1) & (n - 1);
		c[i] = a->cache[j];
	}
	free(a->cache);
	a->cache = c;
	a->nslots = n;
}

/* Returns the entry for word (folded, letters only, 1..AN_MAX_TERM bytes).
 * The stem it points to lives until the next call. */
static const cent *cache_get(an_analyzer *a, const char *word, size_t n)
{
	uint32_t h = hash_bytes(word, n), mask = a->nslots - 1;
	uint32_t i = h & mask;
	for (;;) {
		cent *e = &a->cache[i];
		if (e->klen == 0)
			break;
		if (e->hash == h && e->klen == n && same_bytes(a->arena + e->off, word, n))
			return e;
		i = (i + 1) & mask;
	}
	const sb_symbol *st = sb_stemmer_stem(a->st, (const sb_symbol *)word, (int)n);
	if (!st) {
		fprintf(stderr, "paperdex: out of memory (stemming)\n");
		abort();
	}
	size_t sl = (size_t)sb_stemmer_length(a->st);
	if (sl > AN_MAX_TERM)
		sl = AN_MAX_TERM;
	int arena_full = a->arena_used + n + sl + 2 > ARENA_SIZE;
	if (a->ncache >= a->nslots / 2 || arena_full) {
		if (a->nslots < CACHE_SLOTS && !arena_full)
			cache_grow(a);
		else
			cache_reset(a);
		mask = a->nslots - 1;
		for (i = h & mask; a->cache[i].klen; i = (i + 1) & mask)
			;
	}
	cent *e = &a->cache[i];
	e->hash = h;
	e->off = (uint32_t)a->arena_used;
	e->klen = (uint8_t)n;
	e->slen = (uint8_t)sl;
	e->stop = (uint8_t)an_is_stopword(word, n);
	char *p = a->arena + a->arena_used;
	memcpy(p, word, n);
	p[n] = 0;
	memcpy(p + n + 1, st, sl);
	p[n + 1 + sl] = 0;
	a->arena_used += n + sl + 2;
	a->ncache++;
	return e;
}

/* ---- emitting ------------------------------------------------------------ */

static void emit_term(an_analyzer *a, const char *text, size_t len, unsigned pflags,
		      uint32_t pos, uint32_t nparts, size_t start, size_t end, unsigned flags)
{
	an_token t;
	t.surface = text;
	t.surface_len = len;
	t.term = text;
	t.len = len;
	if (!(pflags & (P_DIGIT | P_CJK))) {
		const cent *e = cache_get(a, text, len);
		/* A compound's concatenation is never a stopword: "O(n)" keeps
		 * its joined "on". */
		if (e->stop && !(flags & AN_JOINED))
			return;
		t.term = a->arena + e->off + e->klen + 1;
		t.len = e->slen;
	}
	t.pos = pos;
	t.nparts = nparts;
	t.start = start;
	t.end = end;
	t.flags = flags;
	a->rc = a->emit(a->ctx, &t);
}

/* Emits parts [first, first+count) as one compound: each part at its own
 * position, then the concatenation at the last one. */
static void emit_compound(an_analyzer *a, int first, int count)
{
	unsigned all = 0;
	for (int j = first; j < first + count && !a->rc; j++) {
		const part *p = &a->parts[j];
		uint32_t pos = a->pos++;
		all |= p->flags;
		if (!(p->flags & (P_LONG | P_STOP)))
			emit_term(a, p->t, p->len, p->flags, pos, 1, p->start, p->end, 0);
	}
	if (count < 2 || a->rc)
		return;
	size_t n = 0;
	for (int j = first; j < first + count; j++) {
		if (n + a->parts[j].len > AN_MAX_TERM)
			return;
		memcpy(a->joined + n, a->parts[j].t, a->parts[j].len);
		n += a->parts[j].len;
	}
	a->joined[n] = 0;
	emit_term(a, a->joined, n, all, a->pos - 1, (uint32_t)count,
		  a->parts[first].start, a->parts[first + count - 1].end, AN_JOINED);
}

static void flush(an_analyzer *a)
{
	emit_compound(a, 0, a->k);
	a->k = 0;
}

/* Moves a part by swapping slots, never copying text. */
static void move_part(an_analyzer *a, int from, int to)
{
	char *t = a->parts[to].t;
	a->parts[to] = a->parts[from];
	a->parts[from].t = t;
}

/* ---- reading ------------------------------------------------------------- */

static void gap_add(gap *g, char c)
{
	size_t n = strlen(g->sig);
	if (c == ')' && n == 0 && !g->hard)
		g->closes = 1;
	if (n + 1 < sizeof g->sig) {
		g->sig[n] = c;
		g->sig[n + 1] = 0;
	} else {
		g->hard = 1;
	}
}

/* Walks the separators from i; returns where the next part begins (or n). */
static size_t scan_gap(const an_analyzer *a, const unsigned char *s, size_t n, size_t i, gap *g)
{
	g->sig[0] = 0;
	g->hard = 0;
	g->closes = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (a->low[c])
				return i;
			switch (c) {
			case '-': case '(': case ')': case '\'': case '.':
				gap_add(g, (char)c);
				break;
			case '$': case '{':
				break;
			case '}':
				/* "\frac{1}{2}" is two numbers, not "12". */
				if (i + 1 < n && s[i + 1] == '{')
					g->hard = 1;
				break;
			case '\\': {
				cmd m = parse_cmd(s, n, i);
				if (m.kind == CMD_WORD || m.kind == CMD_LETTER)
					return i;
				if (m.kind == CMD_HYPHEN)
					gap_add(g, '-');
				else if (m.kind == CMD_SEP)
					g->hard = 1;
				i += m.len;
				continue;
			}
			default:
				g->hard = 1;
			}
			i++;
			continue;
		}
		int32_t cp;
		size_t k = text_utf8_next(s + i, n - i, &cp);
		if (is_cjk(cp) || text_is_word_cp(cp))
			return i;
		if (is_hyphen_cp(cp))
			gap_add(g, '-');
		else if (is_apostrophe_cp(cp))
			gap_add(g, '\'');
		else
			g->hard = 1;
		i += k;
	}
	return i;
}

static void part_put(part *p, const char *w, size_t n, unsigned flags)
{
	if (p->len + n > AN_MAX_TERM) {
		p->flags |= P_LONG;
		return;
	}
	memcpy(p->t + p->len, w, n);
	p->len += (unsigned)n;
	p->flags |= flags;
}

/* Appends the folded form of non-ASCII word character cp: Greek letters by
 * name, anything folding to a non-word character dropped. */
static void part_put_cp(an_analyzer *a, part *p, int32_t cp)
{
	buf_clear(&a->fold);
	text_fold_cp(&a->fold, cp);
	const unsigned char *f = a->fold.p;
	size_t i = 0, n = a->fold.n;
	while (i < n) {
		int32_t c;
		size_t k = text_utf8_next(f + i, n - i, &c);
		if (c < 0x80) {
			if (is_alnum((unsigned)c)) {
				char ch = (char)(c | (is_alpha((unsigned)c) ? 0x20 : 0));
				part_put(p, &ch, 1, is_digit((unsigned)c) ? P_DIGIT : P_ALPHA);
			}
		} else if (c >= 0x3B1 && c <= 0x3C9) {
			const char *g = greek_names[c - 0x3B1];
			part_put(p, g, strlen(g), P_ALPHA);
		} else if (text_is_word_cp(c)) {
			part_put(p, (const char *)f + i, k, P_ALPHA);
		}
		i += k;
	}
}

/* "LLMs", "GPUs", "CNNs": Snowball keeps the s of a word without vowels
 * and of any word ending in "us", so acronym plurals would not meet their
 * singular. An s drops after capitals only (GPUs) or after no vowel at all,
 * which also serves a query typed "llms". */
static int plural_acronym(const part *p, const unsigned char *s)
{
	const char *t = p->t;
	unsigned n = p->len;
	if (n < 3 || (p->flags & (P_DIGIT | P_CJK)) || t[n - 1] != 's' || t[n - 2] == 's')
		return 0;
	if (p->ncp == n && s[p->end - 1] == 's') {
		unsigned up = 0;
		for (size_t i = p->start; i < p->end; i++)
			up += (unsigned)(s[i] - 'A') < 26;
		if (up == n - 1)
			return 1;
	}
	for (unsigned i = 0; i + 1 < n; i++)
		switch (t[i]) {
		case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
			return 0;
		default:
			if ((unsigned char)t[i] >= 0x80)
				return 0;
		}
	return 1;
}

/* After a subscript "_" comes a digit, maybe behind "{": "L_1", "x_{12}"
 * are the symbols "l1", "x12". Returns the bytes to skip, or 0. */
static size_t subscript(const unsigned char *s, size_t n, size_t i)
{
	if (i + 1 < n && is_digit(s[i + 1]))
		return 1;
	if (i + 2 < n && s[i + 1] == '{' && is_digit(s[i + 2]))
		return 2;
	return 0;
}

/* Reads one part starting at i (where scan_gap stopped) into p's slot;
 * returns the end of its last word character. */
static size_t read_part(an_analyzer *a, const unsigned char *s, size_t n, size_t i, part *p)
{
	char *t = p->t;
	p->start = i;
	p->len = 0;
	p->ncp = 0;
	p->flags = 0;
	size_t end = i;
	if (s[i] == '\\') {
		cmd m = parse_cmd(s, n, i);
		if (m.kind == CMD_WORD) {
			for (size_t k = 0; k < m.wlen; k++) {
				char ch = (char)(m.word[k] | 0x20);
				part_put(p, &ch, 1, P_ALPHA);
			}
			p->ncp = 1;
			i = end = i + m.len;
			/* Only subscript digits continue a command: "\ell_1". */
			size_t sk;
			while (i < n && s[i] == '_' && (sk = subscript(s, n, i)) > 0) {
				i += sk;
				while (i < n && (is_digit(s[i]) || s[i] == '}')) {
					if (s[i] != '}') {
						part_put(p, (const char *)s + i, 1, P_DIGIT);
						end = i + 1;
					}
					i++;
				}
			}
			goto done;
		}
	} else if (s[i] >= 0x80) {
		int32_t cp;
		size_t k = text_utf8_next(s + i, n - i, &cp);
		if (is_cjk(cp)) {
			/* Unfolded, so that voiced kana keep their voicing; only
			 * halfwidth katakana map to their usual form. */
			if (cp >= 0xFF66) {
				buf_clear(&a->fold);
				text_fold_cp(&a->fold, cp);
				part_put(p, (const char *)a->fold.p, a->fold.n, P_CJK);
			} else {
				part_put(p, (const char *)s + i, k, P_CJK);
			}
			p->ncp = 1;
			end = i + k;
			goto done;
		}
	}
	while (i < n) {
		unsigned c = s[i];
		if (a->low[c]) {
			/* The hot loop: ASCII letters and digits, lowercased.
			 * Digits (0x3X) lack bit 0x40, lowercase letters have it. */
			unsigned char any = 0, all = 0xFF;
			size_t j = i, lim = i + (AN_MAX_TERM - p->len);
			if (lim > n)
				lim = n;
			char *d = t + p->len;
			while (j < lim) {
				unsigned char l = a->low[s[j]];
				if (!l)
					break;
				*d++ = (char)l;
				any |= l;
				all &= l;
				j++;
			}
			p->flags |= (any & 0x40 ? P_ALPHA : 0) | (all & 0x40 ? 0 : P_DIGIT);
			p->ncp += (unsigned)(j - i);
			p->len += (unsigned)(j - i);
			while (j < n && is_alnum(s[j])) {
				p->flags |= P_LONG;
				j++;
			}
			i = end = j;
			continue;
		}
		if (c < 0x80) {
			if (c == '.' && p->len && is_digit((unsigned char)t[p->len - 1]) &&
			    i + 1 < n && is_digit(s[i + 1])) {
				/* A decimal point: "44.75" stays one term. */
				part_put(p, ".", 1, P_DIGIT);
				i++;
				continue;
			}
			size_t sk;
			if (c == '_' && (sk = subscript(s, n, i)) > 0) {
				i += sk;
				continue;
			}
			if (c == '{' || (c == '}' && !(i + 1 < n && s[i + 1] == '{'))) {
				i++;
				continue;
			}
			if (c == '\\') {
				cmd m = parse_cmd(s, n, i);
				if (m.kind == CMD_SKIP) {
					i += m.len;
					continue;
				}
				if (m.kind == CMD_LETTER) {
					part_put(p, m.word, m.wlen, P_ALPHA);
					p->ncp++;
					i = end = i + m.len;
					continue;
				}
			}
			break;
		}
		int32_t cp;
		size_t k = text_utf8_next(s + i, n - i, &cp);
		if (is_cjk(cp) || !text_is_word_cp(cp))
			break;
		part_put_cp(a, p, cp);
		p->ncp++;
		i = end = i + k;
	}
done:
	p->end = end;
	if (p->flags & P_LONG)
		p->len = 0;
	else if (plural_acronym(p, s))
		p->len--;
	t[p->len] = 0;
	return end;
}

/* ---- joining ------------------------------------------------------------- */

static int numeric(const part *p)
{
	return (p->flags & (P_DIGIT | P_ALPHA)) == P_DIGIT;
}

/* Appends part q's text to part p (the last of the compound). */
static int merge(an_analyzer *a, int pi, int qi, unsigned flags)
{
	part *p = &a->parts[pi];
	const part *q = &a->parts[qi];
	if (p->len + q->len > AN_MAX_TERM)
		return 0;
	memcpy(p->t + p->len, q->t, q->len + 1);
	p->len += q->len;
	p->ncp += q->ncp;
	p->flags |= (q->flags & (P_DIGIT | P_ALPHA)) | flags;
	p->end = q->end;
	return 1;
}

enum { JOIN, SPLIT, MERGED };

/* p'q: a listed contraction ("don't", "it's") becomes one stopword; a
 * possessive 's drops; letters on both sides make a compound (O'Brien). */
static int place_apostrophe(an_analyzer *a, int pi, int qi)
{
	part *p = &a->parts[pi];
	const part *q = &a->parts[qi];
	const char *pt = p->t, *qt = q->t;
	char w[2 * SLOT];
	memcpy(w, pt, p->len);
	w[p->len] = '\'';
	memcpy(w + p->len + 1, qt, q->len);
	if (an_is_stopword(w, p->len + 1 + q->len) && merge(a, pi, qi, P_STOP))
		return MERGED;
	if (q->len == 1 && qt[0] == 's') {
		p->end = q->end;
		return MERGED;
	}
	if (!is_digit((unsigned char)pt[p->len - 1]) && !is_digit((unsigned char)qt[0]))
		return JOIN;
	return SPLIT;
}

static int decide(an_analyzer *a, const gap *g, int pi, int qi)
{
	part *p = &a->parts[pi], *q = &a->parts[qi];
	if (g->hard || ((p->flags | q->flags) & (P_CJK | P_LONG)))
		return SPLIT;
	if (strcmp(g->sig, "-") == 0)
		/* "2019-2020" and "3-5" are ranges, not compounds. */
		return numeric(p) && numeric(q) ? SPLIT : JOIN;
	if (strcmp(g->sig, "(") == 0) {
		/* SO(3), SU(N), model(s): a short run inside the parentheses. */
		if (q->ncp > 4 || (numeric(p) && numeric(q)))
			return SPLIT;
		q->flags |= P_OPEN;
		return JOIN;
	}
	if (strcmp(g->sig, "'") == 0)
		return place_apostrophe(a, pi, qi);
	if (strcmp(g->sig, ".") == 0 && (p->ncp == 1 || (p->flags & P_ACRO)) &&
	    !(p->flags & P_DIGIT) && q->ncp == 1 && !(q->flags & P_DIGIT) &&
	    merge(a, pi, qi, P_ACRO))
		return MERGED;
	return SPLIT;
}

/* Settles a last part read after "(" once the gap after it is known: a
 * ")" right after it confirms the join and is consumed from the gap;
 * anything else means it was never joined and starts a compound of its
 * own. */
static void settle(an_analyzer *a, gap *g)
{
	int k = a->k;
	if (k < 2 || !(a->parts[k - 1].flags & P_OPEN))
		return;
	a->parts[k - 1].flags &= ~(unsigned)P_OPEN;
	if (g->closes) {
		memmove(g->sig, g->sig + 1, strlen(g->sig));
		return;
	}
	emit_compound(a, 0, k - 1);
	move_part(a, k - 1, 0);
	a->k = 1;
}

/* Places the part just read into slot a->k. */
static void place(an_analyzer *a, const gap *g)
{
	int k = a->k;
	part *q = &a->parts[k];
	if (q->len == 0 && !(q->flags & P_LONG)) {
		/* Only marks, which fold to nothing: no word, no position. */
		flush(a);
		return;
	}
	if (k == 0) {
		a->k = 1;
		return;
	}
	switch (decide(a, g, k - 1, k)) {
	case MERGED:
		return;
	case JOIN:
		if (k < MAXPARTS) {
			a->k = k + 1;
			return;
		}
		break;
	}
	flush(a);
	move_part(a, k, 0);
	a->parts[0].flags &= ~(unsigned)P_OPEN;
	a->k = 1;
}

int an_analyze(an_analyzer *a, const char *text, size_t n, an_emit_fn emit, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	a->emit = emit;
	a->ctx = ctx;
	a->rc = 0;
	a->pos = 0;
	a->k = 0;
	size_t i = 0;
	while (!a->rc) {
		gap g;
		i = scan_gap(a, s, n, i, &g);
		settle(a, &g);
		if (i >= n)
			break;
		i = read_part(a, s, n, i, &a->parts[a->k]);
		place(a, &g);
	}
	if (!a->rc)
		flush(a);
	a->k = 0;
	return a->rc;
}

/* ---- life cycle ---------------------------------------------------------- */

int an_open(an_analyzer **out)
{
	*out = NULL;
	struct sb_stemmer *st = sb_stemmer_new("english", "UTF_8");
	if (!st)
		return PDX_EFORMAT;
	an_analyzer *a = mem_calloc(1, sizeof *a);
	a->st = st;
	a->nslots = CACHE_MIN_SLOTS;
	a->cache = mem_calloc(a->nslots, sizeof *a->cache);
	a->arena = mem_alloc(ARENA_SIZE + 8);
	for (unsigned c = 0; c < 256; c++) {
		a->low[c] = (unsigned char)(is_alpha(c) ? (c | 0x20) : is_digit(c) ? c : 0);
	}
	for (int j = 0; j <= MAXPARTS; j++)
		a->parts[j].t = a->slots[j];
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < NSTOP; i++) {
		for (const char *c = stopwords[i]; *c; c++) {
			h ^= (unsigned char)*c;
			h *= 16777619u;
		}
		h ^= '\n';
		h *= 16777619u;
	}
	snprintf(a->settings, sizeof a->settings,
		 "paperdex-analyzer/%d unicode=%s fold=nfkc-casefold-nomarks "
		 "stem=snowball-english stop=snowball-english/%zu/fnv1a32:%08x maxterm=%d "
		 "compounds greek latex cjk",
		 AN_VERSION, utf8proc_unicode_version(), NSTOP, (unsigned)h, AN_MAX_TERM);
	*out = a;
	return 0;
}

void an_close(an_analyzer *a)
{
	if (!a)
		return;
	sb_stemmer_delete(a->st);
	buf_free(&a->fold);
	free(a->cache);
	free(a->arena);
	free(a);
}

const char *an_settings(const an_analyzer *a)
{
	return a->settings;
}

typedef struct one_term {
	char *term;
	size_t len;
	int tokens;
} one_term;

static int on_one_term(void *ctx, const an_token *tok)
{
	one_term *o = ctx;
	if (tok->flags & AN_JOINED)
		return 0;
	o->tokens++;
	o->len = tok->len < AN_MAX_TERM ? tok->len : AN_MAX_TERM;
	memcpy(o->term, tok->term, o->len);
	o->term[o->len] = '\0';
	return 0;
}

int an_term_of(an_analyzer *a, const char *text, size_t n, char term[AN_MAX_TERM + 1], size_t *len)
{
	one_term o = {term, 0, 0};
	an_analyze(a, text, n, on_one_term, &o);
	*len = o.len;
	return o.tokens == 1;
}
