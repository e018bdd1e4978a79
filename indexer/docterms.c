/* docterms — per-paper term table: an open-addressing hash over the
 * paper's distinct terms, rebuilt for every paper; positions are gathered
 * in text order and grouped by term at the end. */
#include "docterms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "names.h"
#include "store.h"

typedef struct entry {
	size_t off, len, soff, slen;
	uint32_t hash;
	uint32_t tf[POST_FIELDS];
} entry;

typedef struct occ {
	uint32_t entry;
	uint32_t field;
	uint32_t pos;
} occ;

struct dt_doc {
	an_analyzer *an;
	buf arena;
	entry *e;
	size_t n, cap;
	uint32_t *index;
	size_t index_cap;
	occ *occ;
	size_t nocc, capocc;
	uint32_t *pos;
	size_t cappos;
	dt_term *out;
	size_t capout;
	uint32_t len[POST_FIELDS];
	uint32_t field;
};

dt_doc *dt_new(an_analyzer *an)
{
	dt_doc *d = mem_calloc(1, sizeof *d);
	d->an = an;
	d->index_cap = 1024;
	d->index = mem_calloc(d->index_cap, sizeof *d->index);
	return d;
}

void dt_free(dt_doc *d)
{
	if (!d)
		return;
	buf_free(&d->arena);
	free(d->e);
	free(d->index);
	free(d->occ);
	free(d->pos);
	free(d->out);
	free(d);
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void rehash(dt_doc *d)
{
	size_t cap = d->index_cap * 2;
	free(d->index);
	d->index = mem_calloc(cap, sizeof *d->index);
	d->index_cap = cap;
	for (size_t i = 0; i < d->n; i++) {
		size_t h = d->e[i].hash & (cap - 1);
		while (d->index[h])
			h = (h + 1) & (cap - 1);
		d->index[h] = (uint32_t)i + 1;
	}
}

static uint32_t intern(dt_doc *d, const char *term, size_t len, const char *surface, size_t slen)
{
	uint32_t h = hash_bytes(term, len);
	size_t i = h & (d->index_cap - 1);
	while (d->index[i]) {
		entry *e = &d->e[d->index[i] - 1];
		if (e->hash == h && e->len == len && memcmp(d->arena.p + e->off, term, len) == 0)
			return d->index[i] - 1;
		i = (i + 1) & (d->index_cap - 1);
	}
	if ((d->n + 1) * 2 > d->index_cap) {
		rehash(d);
		return intern(d, term, len, surface, slen);
	}
	d->e = mem_grow(d->e, &d->cap, d->n + 1, sizeof *d->e);
	entry *e = &d->e[d->n];
	memset(e, 0, sizeof *e);
	e->off = d->arena.n;
	buf_put(&d->arena, term, len);
	e->soff = d->arena.n;
	buf_put(&d->arena, surface, slen);
	e->len = len;
	e->slen = slen;
	e->hash = h;
	d->index[i] = (uint32_t)d->n + 1;
	return (uint32_t)d->n++;
}

static int on_token(void *ctx, const an_token *tok)
{
	dt_doc *d = ctx;
	/* LMDB keys hold 1..511 bytes; the analyzer's terms are far shorter. */
	if (tok->len == 0 || tok->len > 511)
		return 0;
	uint32_t k = intern(d, tok->term, tok->len, tok->surface, tok->surface_len);
	d->occ = mem_grow(d->occ, &d->capocc, d->nocc + 1, sizeof *d->occ);
	d->occ[d->nocc++] = (occ){k, d->field, tok->pos};
	if (!(tok->flags & AN_JOINED))
		d->len[d->field]++;
	return 0;
}

static void add_meta(dt_doc *d, buf *scratch, int kind, const char *v, size_t n)
{
	if (n == 0)
		return;
	buf_clear(scratch);
	store_meta_term(scratch, kind, v, n);
	if (scratch->n > 2 && scratch->n <= 511)
		intern(d, (const char *)scratch->p, scratch->n, "", 0);
}

static void add_metadata(dt_doc *d, const rec_paper *rec)
{
	buf s = BUF_INIT, key = BUF_INIT;
	char year[16];
	if (rec->year > 0) {
		int n = snprintf(year, sizeof year, "%04d", rec->year);
		add_meta(d, &s, STORE_META_YEAR, year, (size_t)n);
	}
	for (size_t i = 0; i < rec->categories.n; i++) {
		const char *c = rec->categories.v[i], *dot = strrchr(c, '.');
		add_meta(d, &s, STORE_META_CATEGORY, c, strlen(c));
		/* "cs.LG" is also found as category:LG, like a listing's "LG". */
		if (dot)
			add_meta(d, &s, STORE_META_CATEGORY, dot + 1, strlen(dot + 1));
	}
	if (rec->venue && rec->venue[0])
		add_meta(d, &s, STORE_META_VENUE, rec->venue, strlen(rec->venue));
	if (rec->has_code)
		add_meta(d, &s, STORE_META_CODE, "code", 4);
	for (size_t i = 0; i < rec->authors.n && i < DT_MAX_AUTHORS; i++) {
		buf_clear(&key);
		name_key(rec->authors.v[i], strlen(rec->authors.v[i]), &key);
		add_meta(d, &s, STORE_META_AUTHOR, (const char *)key.p, key.n);
		const char *w = (const char *)key.p, *end = w + key.n;
		while (w < end) {
			const char *sp = memchr(w, ' ', (size_t)(end - w));
			size_t wl = sp ? (size_t)(sp - w) : (size_t)(end - w);
			add_meta(d, &s, STORE_META_NAME, w, wl);
			w += wl + 1;
		}
	}
	buf_free(&s);
	buf_free(&key);
}

int dt_build(dt_doc *d, const rec_paper *rec)
{
	buf_clear(&d->arena);
	d->n = d->nocc = 0;
	memset(d->index, 0, d->index_cap * sizeof *d->index);
	memset(d->len, 0, sizeof d->len);
	const char *fields[POST_FIELDS] = {rec->title ? rec->title : "",
					   rec->abstract ? rec->abstract : ""};
	for (uint32_t f = 0; f < POST_FIELDS; f++) {
		d->field = f;
		int rc = an_analyze(d->an, fields[f], strlen(fields[f]), on_token, d);
		if (rc)
			return rc;
	}
	add_metadata(d, rec);
	/* Group positions by entry and field (counting sort; text order kept). */
	for (size_t i = 0; i < d->n; i++)
		memset(d->e[i].tf, 0, sizeof d->e[i].tf);
	for (size_t i = 0; i < d->nocc; i++)
		d->e[d->occ[i].entry].tf[d->occ[i].field]++;
	d->pos = mem_grow(d->pos, &d->cappos, d->nocc + 1, sizeof *d->pos);
	d->out = mem_grow(d->out, &d->capout, d->n + 1, sizeof *d->out);
	size_t off = 0;
	for (size_t i = 0; i < d->n; i++) {
		entry *e = &d->e[i];
		dt_term *t = &d->out[i];
		t->term = (const char *)d->arena.p + e->off;
		t->len = e->len;
		t->surface = (const char *)d->arena.p + e->soff;
		t->surface_len = e->slen;
		for (int f = 0; f < POST_FIELDS; f++) {
			t->pos[f] = d->pos + off;
			t->tf[f] = 0;
			off += e->tf[f];
		}
	}
	for (size_t i = 0; i < d->nocc; i++) {
		dt_term *t = &d->out[d->occ[i].entry];
		uint32_t f = d->occ[i].field, p = d->occ[i].pos;
		uint32_t *dst = (uint32_t *)t->pos[f];
		/* One position per term and field: a compound's joined form may
		 * coincide with a part on the same position. Frequencies saturate
		 * at POST_TF_MAX (the codec's bound); later positions are dropped. */
		if ((t->tf[f] && dst[t->tf[f] - 1] >= p) || t->tf[f] >= POST_TF_MAX)
			continue;
		dst[t->tf[f]++] = p;
	}
	return 0;
}

size_t dt_count(const dt_doc *d)
{
	return d->n;
}

const dt_term *dt_get(const dt_doc *d, size_t i)
{
	return &d->out[i];
}

void dt_lens(const dt_doc *d, uint32_t len[POST_FIELDS])
{
	memcpy(len, d->len, sizeof d->len);
}
