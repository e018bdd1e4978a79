/* authors — researchers by topic: the evidence of their papers, aggregated.
 *
 * Ranking (au_rank): the paper query runs for its top `depth` papers; each
 * paper votes for its authors (page owners are authors of every work on
 * their page, see the readers), and the votes are aggregated per author
 * key with one of the methods of the expert-finding literature:
 *   model2      Balog et al. 2006, Model 2 (document-centric):
 *               sum over papers d of p(q|d) p(d|a), with p(q|d) the paper's
 *               score turned into a distribution over the top papers
 *               (exp(s - s_max)) and p(d|a) = credit(d, a) / papers(a)
 *   combsum     Macdonald & Ounis, "Voting for candidates" (2006): sum of
 *               credit x score
 *   combmnz     combsum x the number of matching papers
 *   expcombmnz  sum of credit x exp(score - s_max), x the number of papers
 *   rr          sum of credit / rank
 *   votes       sum of credit (matching papers counted)
 * Credit is how much a paper counts for each of its authors:
 *   equal       1 for every author
 *   split       1 / number of listed authors
 *   position    first author 1, last author 0.75, others 0.5 (the first
 *               author did the work, the last usually led it)
 * The defaults (AU_DEFAULT_*) are chosen by measurement; docs/authors.md
 * has the numbers. Identity is the author key (names.h): spellings that
 * differ only in case, diacritics, spacing or hyphens merge; initials do
 * not merge with full names.
 *
 * Profile (au_profile): one researcher's papers (newest first), topics
 * (the most distinctive terms of their titles and abstracts: summed tf x
 * idf), co-authors with counts, venues, categories and years, so a user
 * can see whether one key hides several people. */
#ifndef PDX_AUTHORS_H
#define PDX_AUTHORS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "engine.h"
#include "query.h"

typedef enum au_agg { AU_MODEL2, AU_COMBSUM, AU_COMBMNZ, AU_EXPCOMBMNZ, AU_RR, AU_VOTES } au_agg;
typedef enum au_credit { AU_EQUAL, AU_SPLIT, AU_POSITION } au_credit;

#define AU_DEFAULT_AGG AU_COMBSUM
#define AU_DEFAULT_CREDIT AU_EQUAL
#define AU_DEFAULT_DEPTH 1000
#define AU_TOP_PAPERS 8     /* matching papers kept per researcher */
#define AU_SHOW_PAPERS 3    /* of which shown: the best with distinct titles */

/* Names <-> values for the command line; parse returns -1 if unknown. */
int au_agg_parse(const char *s);
int au_credit_parse(const char *s);
const char *au_agg_name(au_agg a);
const char *au_credit_name(au_credit c);

typedef struct au_row {
	uint32_t authorid;
	double score;
	uint32_t npapers;               /* matching papers among the top depth */
	uint32_t top[AU_TOP_PAPERS];    /* docids of the best matching papers */
	double top_score[AU_TOP_PAPERS];
	uint32_t ntop;
} au_row;

typedef struct au_ranking {
	au_row *rows;                   /* owned; best first */
	size_t n;
	size_t papers;                  /* papers that voted */
	/* The voting papers and their author ids (owned): paper i is
	 * docids[i], its authors auth[off[i] .. off[i + 1]). */
	uint32_t *docids, *off, *auth;
	double *scores;
} au_ranking;

/* Ranks researchers for q: the top `depth` papers vote, the best k
 * researchers are kept. Returns 0 or an engine/LMDB error. */
int au_rank(eng_index *e, const qp_query *q, size_t depth, size_t k, au_agg agg,
	    au_credit credit, au_ranking *out);
void au_ranking_free(au_ranking *r);

/* Display form and key of an author id: written to name/key (cleared
 * first). Returns 0, PDX_ENOTFOUND or an LMDB error. */
int au_name(eng_index *e, uint32_t authorid, buf *name, buf *key);

/* Appends row i of r for output: text (a few indented lines) or one JSON
 * object line, with name, score, matching papers, the best of them,
 * collaborators on them, their categories and venues, and active years. */
int au_row_text(eng_index *e, const au_ranking *r, size_t i, int color, buf *out);
int au_row_json(eng_index *e, const au_ranking *r, size_t i, buf *out);

/* Appends the profile of the researcher with this name (any spelling
 * that has the same key), as text or as one JSON object line. Returns 0,
 * PDX_ENOTFOUND (no such researcher; suggestions are appended to out), or
 * an error. */
int au_profile(eng_index *e, const char *name, int json, int color, buf *out);
/* Appends "did you mean: A, B?\n" to out: up to 5 researchers whose name
 * key is within edit distance 2 of key (kn bytes, names.h) or shares its
 * last word, the near ones first, then by papers; nothing when none. */
void au_suggest(eng_index *e, const char *key, size_t kn, buf *out);

#endif
