/* analyzer — the one text analyzer: tokenize, fold, drop stopwords, stem.
 *
 * The indexer, the query parser and the snippet highlighter all call
 * an_analyze, so a word is the same term wherever it is seen. The settings
 * (an_settings) are stored in the index; a searcher whose analyzer would
 * produce different terms refuses to open it.
 *
 * Tokens are runs of letters, digits and combining marks (Unicode
 * categories L*, N*, M*), folded by text_fold_cp (case, compatibility forms,
 * diacritics); each CJK ideograph, kana or Hangul syllable is a token of its
 * own. Greek letters become their names (β, \beta -> "beta"), LaTeX
 * formatting commands (\emph, \textbf...) are transparent while their
 * arguments stay, possessive 's is removed, English stopwords (Snowball's
 * list) are dropped but keep their positions, and words without digits are
 * stemmed with Snowball English (libstemmer). docs/analyzer.md has every
 * rule with examples.
 *
 * Compounds: a run of word parts joined by hyphens, parentheses or an
 * apostrophe ("self-supervised", "GPT-4", "SO(3)", "BERT-base") emits each
 * part as its own token and, after the last part, one AN_JOINED token: the
 * parts concatenated ("selfsupervis", "gpt4", "so3"), at the position of the
 * last part, with nparts = the number of positions the compound spans. A
 * query typed either way then finds the other. Joined tokens are never
 * stopwords and never count in a field's length: the length of a field is
 * the number of tokens without AN_JOINED.
 *
 * Not thread-safe: an an_analyzer owns a libstemmer instance and caches;
 * use one per thread. */
#ifndef PDX_ANALYZER_H
#define PDX_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

typedef struct an_analyzer an_analyzer;

enum {
	AN_JOINED = 1u << 0  /* concatenated compound; not counted in field length */
};

/* Longest term, in folded bytes. A longer run of word characters emits
 * nothing but keeps its position; a longer concatenation is not emitted. */
enum { AN_MAX_TERM = 64 };

typedef struct an_token {
	const char *term;     /* stemmed term, NUL-terminated; borrowed until the callback returns */
	size_t len;
	const char *surface;  /* folded, unstemmed form (for suggestions); same lifetime;
			       * AN_JOINED: the parts' surfaces concatenated */
	size_t surface_len;
	uint32_t pos;         /* word position in the field, from 0; stopwords count */
	uint32_t nparts;      /* AN_JOINED: positions spanned; otherwise 1 */
	size_t start, end;    /* byte span in the input text (for highlighting): first
			       * word character to last, a possessive 's included;
			       * AN_JOINED: first part's start to last part's end */
	unsigned flags;
} an_token;

/* Called once per token, in text order; a non-zero return stops analysis
 * and is returned by an_analyze. */
typedef int (*an_emit_fn)(void *ctx, const an_token *tok);

/* Opens an analyzer with paperdex's settings (about 2 MB, mostly the stem
 * cache). Returns 0, or PDX_EFORMAT when libstemmer lacks the English
 * stemmer; *out NULL on failure. */
int an_open(an_analyzer **out);
void an_close(an_analyzer *a);

/* Analyzes n bytes of UTF-8 (text may be NULL when n is 0); invalid bytes,
 * NULs and encoded surrogates act as separators. Tokens come in text order,
 * a compound's joined token right after its last part. Returns 0 or the
 * first non-zero callback result; the analyzer stays usable either way. */
int an_analyze(an_analyzer *a, const char *text, size_t n, an_emit_fn emit, void *ctx);

/* The term of a text that is one word: 1 with the term (NUL-terminated,
 * at most AN_MAX_TERM bytes) in term[] and its length in *len; 0 when
 * the text gives no token or more than one (a stopword, two words).
 * A compound's joined token is not counted. */
int an_term_of(an_analyzer *a, const char *text, size_t n, char term[AN_MAX_TERM + 1], size_t *len);

/* One line naming every setting that changes which terms are produced:
 * "paperdex-analyzer/<rules version> unicode=<utf8proc's Unicode version>
 * fold=... stem=snowball-english stop=snowball-english/<count>/fnv1a32:<hash>
 * maxterm=64 compounds greek latex cjk". The same for every analyzer;
 * owned by a, valid until an_close. */
const char *an_settings(const an_analyzer *a);

/* 1 when word (already folded, unstemmed) is a stopword. Contractions are
 * listed with an ASCII apostrophe ("don't"), the form text_fold gives. */
int an_is_stopword(const char *word, size_t n);

#endif
