/* dedup — merges profile listings of the same paper. Holds every profile
 * record (grouped by id, groups in first-seen order) until dd_flush; other
 * records pass straight through. Owns the held records.
 *
 * Merge rules, for the listings of one paper in the order they came:
 *   authors   the list of the listing with the most names (ties: a list
 *             not cut by "et al.", then the earliest), then every name of
 *             the others whose key (names.h) it lacks, in order;
 *             truncated only when every listing is
 *   abstract  the longest
 *   date      year, month and day together from the listing that knows
 *             the most of them (ties: the earliest), so that a full date
 *             is never mixed with another listing's year
 *   has_code  when any listing says so
 *   categories the union, in order of appearance
 *   title, venue  the first non-empty
 *   id, format, source, line  the first listing's */
#include "dedup.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "names.h"
#include "profile.h"

struct group {
	rec_paper *v;   /* listings, owned */
	size_t n, cap;
};

struct dd_merger {
	rd_sink *out;
	struct group *groups; /* first-seen order */
	size_t ngroups, gcap;
	size_t *slots;        /* open addressing: group index + 1, 0 = free */
	size_t nslots;        /* a power of two */
	size_t listings;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return h;
}

dd_merger *dd_new(rd_sink *out)
{
	dd_merger *m = mem_calloc(1, sizeof *m);
	m->out = out;
	m->nslots = 256;
	m->slots = mem_calloc(m->nslots, sizeof *m->slots);
	return m;
}

/* The slot holding id's group, or the free slot where it belongs. */
static size_t *find_slot(dd_merger *m, const char *id)
{
	size_t mask = m->nslots - 1, i = (size_t)hash_str(id) & mask;
	while (m->slots[i] && strcmp(m->groups[m->slots[i] - 1].v[0].id, id) != 0)
		i = (i + 1) & mask;
	return &m->slots[i];
}

static void grow_slots(dd_merger *m)
{
	free(m->slots);
	m->nslots *= 2;
	m->slots = mem_calloc(m->nslots, sizeof *m->slots);
	for (size_t g = 0; g < m->ngroups; g++)
		*find_slot(m, m->groups[g].v[0].id) = g + 1;
}

int dd_emit(void *ctx, rec_paper *rec)
{
	dd_merger *m = ctx;
	if (!prof_is_profile_format(rec->format) || !rec->id || !*rec->id)
		return m->out->emit(m->out->ctx, rec);
	m->listings++;
	size_t *slot = find_slot(m, rec->id);
	if (!*slot) {
		if ((m->ngroups + 1) * 2 > m->nslots) {
			grow_slots(m);
			slot = find_slot(m, rec->id);
		}
		m->groups = mem_grow(m->groups, &m->gcap, m->ngroups + 1, sizeof *m->groups);
		memset(&m->groups[m->ngroups], 0, sizeof *m->groups);
		*slot = ++m->ngroups;
	}
	struct group *g = &m->groups[*slot - 1];
	g->v = mem_grow(g->v, &g->cap, g->n + 1, sizeof *g->v);
	rec_init(&g->v[g->n]);
	rec_move(&g->v[g->n++], rec);
	return 0;
}

static int date_parts(const rec_paper *r)
{
	return (r->year > 0) + (r->month > 0) + (r->day > 0);
}

static int empty(const char *s)
{
	return !s || !*s;
}

static void take(char **dst, char **src)
{
	free(*dst);
	*dst = *src;
	*src = NULL;
}

/* Merges g's listings into g->v[0]. */
static void merge(struct group *g)
{
	rec_paper *r = &g->v[0];
	size_t base = 0, date = 0, abstract = 0;
	int truncated = 1;
	for (size_t i = 0; i < g->n; i++) {
		const rec_paper *x = &g->v[i], *b = &g->v[base];
		if (x->authors.n > b->authors.n ||
		    (x->authors.n == b->authors.n && b->authors_truncated && !x->authors_truncated))
			base = i;
		if (date_parts(x) > date_parts(&g->v[date]))
			date = i;
		if (strlen(x->abstract ? x->abstract : "") >
		    strlen(g->v[abstract].abstract ? g->v[abstract].abstract : ""))
			abstract = i;
		truncated = truncated && x->authors_truncated;
	}
	/* Authors: the base list, then the names it lacks, by key. */
	rec_strv authors = g->v[base].authors;
	memset(&g->v[base].authors, 0, sizeof authors);
	rec_strv keys = {0};
	buf key = BUF_INIT;
	for (size_t j = 0; j < authors.n; j++) {
		buf_clear(&key);
		name_key(authors.v[j], strlen(authors.v[j]), &key);
		rec_strv_push(&keys, key.p ? (const char *)key.p : "", key.n);
	}
	for (size_t i = 0; i < g->n; i++) {
		const rec_strv *a = &g->v[i].authors;
		for (size_t j = 0; j < a->n && authors.n < PROF_MAX_AUTHORS; j++) {
			buf_clear(&key);
			name_key(a->v[j], strlen(a->v[j]), &key);
			size_t k = 0;
			while (k < keys.n && !(strlen(keys.v[k]) == key.n &&
					       memcmp(keys.v[k], key.p, key.n) == 0))
				k++;
			if (k < keys.n)
				continue;
			rec_strv_push(&keys, key.p ? (const char *)key.p : "", key.n);
			rec_strv_push(&authors, a->v[j], strlen(a->v[j]));
		}
	}
	buf_free(&key);
	rec_strv_free(&keys);
	rec_strv_free(&r->authors);
	r->authors = authors;
	r->authors_truncated = truncated;

	if (abstract)
		take(&r->abstract, &g->v[abstract].abstract);
	if (date) {
		r->year = g->v[date].year;
		r->month = g->v[date].month;
		r->day = g->v[date].day;
	}
	for (size_t i = 1; i < g->n; i++) {
		rec_paper *x = &g->v[i];
		r->has_code = r->has_code || x->has_code;
		if (empty(r->title) && !empty(x->title))
			take(&r->title, &x->title);
		if (empty(r->venue) && !empty(x->venue))
			take(&r->venue, &x->venue);
		for (size_t c = 0; c < x->categories.n; c++) {
			size_t k = 0;
			while (k < r->categories.n && strcmp(r->categories.v[k], x->categories.v[c]) != 0)
				k++;
			if (k == r->categories.n)
				rec_strv_push(&r->categories, x->categories.v[c],
					      strlen(x->categories.v[c]));
		}
	}
	rec_finish(r);
}

static void free_groups(dd_merger *m)
{
	for (size_t g = 0; g < m->ngroups; g++) {
		for (size_t i = 0; i < m->groups[g].n; i++)
			rec_clear(&m->groups[g].v[i]);
		free(m->groups[g].v);
	}
	free(m->groups);
	m->groups = NULL;
	m->ngroups = m->gcap = 0;
	memset(m->slots, 0, m->nslots * sizeof *m->slots);
}

int dd_flush(dd_merger *m, size_t *listings, size_t *papers)
{
	int rc = 0;
	if (listings)
		*listings = m->listings;
	if (papers)
		*papers = m->ngroups;
	for (size_t g = 0; g < m->ngroups && !rc; g++) {
		merge(&m->groups[g]);
		rc = m->out->emit(m->out->ctx, &m->groups[g].v[0]);
	}
	free_groups(m);
	m->listings = 0;
	return rc;
}

void dd_free(dd_merger *m)
{
	if (!m)
		return;
	free_groups(m);
	free(m->slots);
	free(m);
}
