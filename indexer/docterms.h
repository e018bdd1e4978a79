/* docterms — the terms of one paper: its analyzed title and abstract
 * (with per-field term frequencies and positions) and its metadata terms
 * (year, categories, venue, code, authors; see STORE_META_* in store.h).
 * Adding and deleting a paper both go through here, so a delete removes
 * exactly the postings an add wrote. */
#ifndef PDX_DOCTERMS_H
#define PDX_DOCTERMS_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer.h"
#include "postings.h"
#include "record.h"

/* Authors of a paper that are indexed (metadata terms here, the author
 * table and docauth in the writer); more is not a paper's author list. */
#define DT_MAX_AUTHORS 1024

typedef struct dt_term {
	const char *term;      /* borrowed until the next dt_build */
	size_t len;
	const char *surface;   /* first unstemmed form ("" for metadata terms) */
	size_t surface_len;
	uint32_t tf[POST_FIELDS];           /* 0, 0 for metadata terms */
	const uint32_t *pos[POST_FIELDS];   /* tf[f] increasing positions */
} dt_term;

typedef struct dt_doc dt_doc;

/* an is borrowed and must outlive the dt_doc. */
dt_doc *dt_new(an_analyzer *an);
void dt_free(dt_doc *d);
/* Analyzes rec (borrowed). Returns 0 or the analyzer's error. */
int dt_build(dt_doc *d, const rec_paper *rec);
size_t dt_count(const dt_doc *d);
const dt_term *dt_get(const dt_doc *d, size_t i);
/* Field lengths in tokens (stopwords and joined compounds excluded). */
void dt_lens(const dt_doc *d, uint32_t len[POST_FIELDS]);

#endif
