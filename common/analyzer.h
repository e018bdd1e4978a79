/* analyzer — the one text analyzer: tokenize, fold, drop stopwords, stem.
 *
 * The indexer, the query parser and the snippet highlighter all call
 * an_analyze, so a word is the same term wherever it is seen. The settings
 * (an_settings) are stored in the index; a searcher whose analyzer would
 * produce different terms refuses to open it.
 *
 * Tokens are runs of letters, digits and combining marks (Unicode
 * categories L*, N*, M*), folded by text_fold (case, compatibility forms,
 * diacritics); Greek letters become their names (β -> "beta"), LaTeX
 * formatting commands (\emph, \textbf...) are dropped, possessive 's is
 * removed, English stopwords are dropped (their positions still count) and
 * the rest is stemmed with Snowball English (libstemmer).
 *
 * Compounds: a run of word parts joined by hyphens, parentheses or an
 * apostrophe ("self-supervised", "GPT-4", "SO(3)", "BERT-base") emits each
 * part as its own token and, after the last part, one AN_JOINED token: the
 * parts concatenated ("selfsupervis", "gpt4", "so3"), at the position of the
 * last part, with nparts = the number of positions the compound spans. A
 * query typed either way then finds the other.
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
	const char *surface;  /* folded, unstemmed form (for suggestions); same lifetime */
	size_t surface_len;
	uint32_t pos;         /* word position in the field, from 0; stopwords count */
	uint32_t nparts;      /* AN_JOINED: positions spanned; otherwise 1 */
	size_t start, end;    /* byte span in the input text (for highlighting) */
	unsigned flags;
} an_token;

/* Called once per token, in text order; a non-zero return stops analysis
 * and is returned by an_analyze. */
typedef int (*an_emit_fn)(void *ctx, const an_token *tok);

/* Opens an analyzer with paperdex's settings. Returns 0, or PDX_EFORMAT
 * when libstemmer lacks the English stemmer; *out NULL on failure. */
int an_open(an_analyzer **out);
void an_close(an_analyzer *a);

/* Analyzes n bytes of valid UTF-8 (invalid bytes act as separators).
 * Returns 0 or the first non-zero callback result. */
int an_analyze(an_analyzer *a, const char *text, size_t n, an_emit_fn emit, void *ctx);

/* One line naming every setting that changes which terms are produced,
 * e.g. "paperdex-analyzer/1 stem=snowball-english stop=... compounds greek latex".
 * Static string, owned by the analyzer module. */
const char *an_settings(const an_analyzer *a);

/* 1 when word (already folded, unstemmed) is a stopword. */
int an_is_stopword(const char *word, size_t n);

#endif
