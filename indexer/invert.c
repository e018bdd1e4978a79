/* invert — the in-memory term table, sorted runs on disk, and their merge.
 *
 * In memory, each term has a byte stream of postings: per posting, varint
 * docid gap (from the previous posting of this term in this run; from 0 for
 * the first), varint tf[title], varint tf[abstract], then tf[title] +
 * tf[abstract] varint position gaps (first as is, then delta - 1 per field).
 * A run file repeats, per term in byte order:
 *   varint len, term bytes, varint surface_len, surface bytes,
 *   varint stream bytes, the stream, varint nremove, nremove varint docids
 * (ascending). Run files are anonymous temporary files (tmpfile(3)). */
#include "invert.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

typedef struct slot {
	size_t off;          /* term bytes then surface bytes, in the arena */
	uint32_t len, surface_len;
	uint32_t hash;
	uint32_t last_docid;
	uint32_t nposts;
	buf post;
	uint32_t *rem;
	size_t nrem, caprem;
} slot;

typedef struct run {
	FILE *f;
} run;

struct inv_table {
	size_t budget;
	slot *slots;
	size_t nslots, capslots;
	/* Open addressing: hash and slot number + 1 (0 = empty) side by side,
	 * so a probe touches one cache line until the hash matches. */
	uint32_t (*index)[2];
	size_t index_cap;    /* power of two */
	char *arena;
	size_t arena_n, arena_cap;
	size_t post_bytes;   /* sum of stream capacities and removal arrays */
	run *runs;
	size_t nruns, capruns;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

inv_table *inv_new(size_t budget)
{
	inv_table *t = mem_calloc(1, sizeof *t);
	t->budget = budget;
	t->index_cap = 1 << 16;
	t->index = mem_calloc(t->index_cap, sizeof *t->index);
	return t;
}

static void clear_slots(inv_table *t)
{
	for (size_t i = 0; i < t->nslots; i++) {
		buf_free(&t->slots[i].post);
		free(t->slots[i].rem);
	}
	t->nslots = 0;
	t->arena_n = 0;
	t->post_bytes = 0;
	memset(t->index, 0, t->index_cap * sizeof *t->index);
}

void inv_free(inv_table *t)
{
	if (!t)
		return;
	clear_slots(t);
	free(t->slots);
	free(t->index);
	free(t->arena);
	for (size_t i = 0; i < t->nruns; i++)
		fclose(t->runs[i].f);
	free(t->runs);
	free(t);
}

size_t inv_runs(const inv_table *t)
{
	return t->nruns;
}

size_t inv_memory(const inv_table *t)
{
	return t->capslots * sizeof *t->slots + t->index_cap * sizeof *t->index + t->arena_cap +
	       t->post_bytes;
}

static const char *slot_term(const inv_table *t, const slot *s)
{
	return t->arena + s->off;
}

static void grow_index(inv_table *t)
{
	size_t cap = t->index_cap * 2;
	uint32_t (*idx)[2] = mem_calloc(cap, sizeof *idx);
	for (size_t i = 0; i < t->nslots; i++) {
		size_t h = t->slots[i].hash & (cap - 1);
		while (idx[h][1])
			h = (h + 1) & (cap - 1);
		idx[h][0] = t->slots[i].hash;
		idx[h][1] = (uint32_t)i + 1;
	}
	free(t->index);
	t->index = idx;
	t->index_cap = cap;
}

static slot *find_slot(inv_table *t, const char *term, size_t len, const char *surface,
		       size_t surface_len)
{
	uint32_t h = hash_bytes(term, len);
	size_t i = h & (t->index_cap - 1);
	while (t->index[i][1]) {
		if (t->index[i][0] == h) {
			slot *s = &t->slots[t->index[i][1] - 1];
			if (s->len == len && memcmp(slot_term(t, s), term, len) == 0)
				return s;
		}
		i = (i + 1) & (t->index_cap - 1);
	}
	if ((t->nslots + 1) * 2 > t->index_cap) {
		grow_index(t);
		return find_slot(t, term, len, surface, surface_len);
	}
	t->slots = mem_grow(t->slots, &t->capslots, t->nslots + 1, sizeof *t->slots);
	slot *s = &t->slots[t->nslots];
	memset(s, 0, sizeof *s);
	if (t->arena_n + len + surface_len > t->arena_cap)
		t->arena = mem_grow(t->arena, &t->arena_cap, t->arena_n + len + surface_len, 1);
	s->off = t->arena_n;
	memcpy(t->arena + t->arena_n, term, len);
	if (surface_len)
		memcpy(t->arena + t->arena_n + len, surface, surface_len);
	t->arena_n += len + surface_len;
	s->len = (uint32_t)len;
	s->surface_len = (uint32_t)surface_len;
	s->hash = h;
	t->index[i][0] = h;
	t->index[i][1] = (uint32_t)++t->nslots;
	return s;
}

int inv_add(inv_table *t, const char *term, size_t len, const char *surface, size_t surface_len,
	    uint32_t docid, const uint32_t tf[POST_FIELDS], const uint32_t *const pos[POST_FIELDS])
{
	slot *s = find_slot(t, term, len, surface, surface_len);
	size_t before = s->post.cap;
	buf_put_varint(&s->post, docid - s->last_docid);
	s->last_docid = docid;
	s->nposts++;
	for (int f = 0; f < POST_FIELDS; f++)
		buf_put_varint(&s->post, tf[f]);
	for (int f = 0; f < POST_FIELDS; f++)
		for (uint32_t k = 0; k < tf[f]; k++)
			buf_put_varint(&s->post, k == 0 ? pos[f][0] : pos[f][k] - pos[f][k - 1] - 1);
	t->post_bytes += s->post.cap - before;
	return 0;
}

int inv_add_paper(inv_table *t, uint32_t docid, const inv_posting *p, size_t n)
{
	enum { BATCH = 64 };
	uint32_t h[BATCH];
	for (size_t at = 0; at < n; at += BATCH) {
		size_t k = n - at < BATCH ? n - at : BATCH;
		size_t mask = t->index_cap - 1;
		for (size_t i = 0; i < k; i++) {
			h[i] = hash_bytes(p[at + i].term, p[at + i].len);
			__builtin_prefetch(t->index[h[i] & mask]);
		}
		for (size_t i = 0; i < k; i++) {
			uint32_t s = t->index[h[i] & mask][1];
			if (s)
				__builtin_prefetch(&t->slots[s - 1]);
		}
		for (size_t i = 0; i < k; i++) {
			const inv_posting *q = &p[at + i];
			inv_add(t, q->term, q->len, q->surface, q->surface_len, docid, q->tf, q->pos);
		}
	}
	return 0;
}

int inv_remove(inv_table *t, const char *term, size_t len, uint32_t docid)
{
	slot *s = find_slot(t, term, len, "", 0);
	size_t before = s->caprem;
	s->rem = mem_grow(s->rem, &s->caprem, s->nrem + 1, sizeof *s->rem);
	s->rem[s->nrem++] = docid;
	t->post_bytes += (s->caprem - before) * sizeof *s->rem;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static size_t sort_unique(uint32_t *v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof *v, cmp_u32);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[k - 1])
			v[k++] = v[i];
	return k;
}

static const inv_table *sort_ctx;

static int cmp_terms(const void *a, const void *b)
{
	const slot *x = &sort_ctx->slots[*(const uint32_t *)a];
	const slot *y = &sort_ctx->slots[*(const uint32_t *)b];
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(slot_term(sort_ctx, x), slot_term(sort_ctx, y), n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static uint32_t *sorted_slots(inv_table *t)
{
	uint32_t *order = mem_alloc((t->nslots + 1) * sizeof *order);
	for (size_t i = 0; i < t->nslots; i++)
		order[i] = (uint32_t)i;
	sort_ctx = t;
	qsort(order, t->nslots, sizeof *order, cmp_terms);
	sort_ctx = NULL;
	return order;
}

static void put_varint_file(FILE *f, uint64_t v)
{
	unsigned char b[10];
	size_t n = 0;
	while (v >= 0x80) {
		b[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	b[n++] = (unsigned char)v;
	fwrite(b, 1, n, f);
}

static int spill(inv_table *t)
{
	FILE *f = tmpfile();
	if (!f)
		return errno ? errno : EIO;
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	uint32_t *order = sorted_slots(t);
	for (size_t i = 0; i < t->nslots; i++) {
		slot *s = &t->slots[order[i]];
		const char *term = slot_term(t, s);
		put_varint_file(f, s->len);
		fwrite(term, 1, s->len, f);
		put_varint_file(f, s->surface_len);
		fwrite(term + s->len, 1, s->surface_len, f);
		put_varint_file(f, s->post.n);
		buf_write(&s->post, f);  /* empty in a slot of deletions only */
		s->nrem = sort_unique(s->rem, s->nrem);
		put_varint_file(f, s->nrem);
		for (size_t k = 0; k < s->nrem; k++)
			put_varint_file(f, s->rem[k]);
	}
	free(order);
	int rc = fflush(f) == 0 && !ferror(f) ? 0 : (errno ? errno : EIO);
	if (rc || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return rc ? rc : errno;
	}
	t->runs = mem_grow(t->runs, &t->capruns, t->nruns + 1, sizeof *t->runs);
	t->runs[t->nruns++].f = f;
	clear_slots(t);
	/* The next run starts small: the slot array, arena and index of a run
	 * with many terms count against the budget, and once they alone
	 * exceeded it every later paper spilled a run of its own (thousands
	 * of open run files: EMFILE). */
	free(t->slots);
	free(t->arena);
	free(t->index);
	t->slots = NULL;
	t->arena = NULL;
	t->capslots = t->arena_cap = 0;
	t->index_cap = 1 << 16;
	t->index = mem_calloc(t->index_cap, sizeof *t->index);
	return 0;
}

int inv_maybe_spill(inv_table *t)
{
	if (inv_memory(t) <= t->budget || t->nslots == 0)
		return 0;
	return spill(t);
}

/* One source of the merge: a run being read back, or the sorted memory.
 * The current term's views borrow from the slot (memory) or from the
 * source's own buffers (runs); both stay valid until source_next. */
typedef struct source {
	FILE *f;               /* NULL for memory */
	const uint32_t *order; /* memory: sorted slot numbers */
	size_t next, n;
	int has;               /* a current term is loaded */
	const unsigned char *term, *surface, *post;
	size_t term_n, surface_n, post_n;
	const uint32_t *rem;
	size_t nrem;
	buf term_buf, surface_buf, post_buf; /* runs only */
	uint32_t *rem_buf;
	size_t caprem;
} source;

static int get_varint_file(FILE *f, uint64_t *v)
{
	uint64_t x = 0;
	for (unsigned shift = 0; shift < 64; shift += 7) {
		int c = getc(f);
		if (c == EOF)
			return PDX_ECORRUPT;
		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return PDX_ECORRUPT;
}

static int read_bytes(FILE *f, buf *b, uint64_t n)
{
	buf_clear(b);
	if (n > (1ull << 34))
		return PDX_ECORRUPT;
	unsigned char *d = buf_reserve(b, (size_t)n);
	if (fread(d, 1, (size_t)n, f) != n)
		return PDX_ECORRUPT;
	b->n = (size_t)n;
	b->p[b->n] = 0;
	return 0;
}

static int source_next(inv_table *t, source *s)
{
	s->has = 0;
	if (!s->f) {
		if (s->next >= s->n)
			return 0;
		slot *sl = &t->slots[s->order[s->next++]];
		s->term = (const unsigned char *)slot_term(t, sl);
		s->term_n = sl->len;
		s->surface = s->term + sl->len;
		s->surface_n = sl->surface_len;
		s->post = sl->post.p;
		s->post_n = sl->post.n;
		sl->nrem = sort_unique(sl->rem, sl->nrem);
		s->rem = sl->rem;
		s->nrem = sl->nrem;
		s->has = 1;
		return 0;
	}
	int c = getc(s->f);
	if (c == EOF)
		return ferror(s->f) ? EIO : 0;
	ungetc(c, s->f);
	uint64_t len, n;
	int rc;
	if ((rc = get_varint_file(s->f, &len)) || (rc = read_bytes(s->f, &s->term_buf, len)) ||
	    (rc = get_varint_file(s->f, &len)) || (rc = read_bytes(s->f, &s->surface_buf, len)) ||
	    (rc = get_varint_file(s->f, &len)) || (rc = read_bytes(s->f, &s->post_buf, len)) ||
	    (rc = get_varint_file(s->f, &n)))
		return rc;
	if (n > (1ull << 32))
		return PDX_ECORRUPT;
	s->rem_buf = mem_grow(s->rem_buf, &s->caprem, (size_t)n, sizeof *s->rem_buf);
	for (uint64_t k = 0; k < n; k++) {
		uint64_t d;
		if ((rc = get_varint_file(s->f, &d)) || d > UINT32_MAX)
			return rc ? rc : PDX_ECORRUPT;
		s->rem_buf[k] = (uint32_t)d;
	}
	s->term = s->term_buf.p;
	s->term_n = s->term_buf.n;
	s->surface = s->surface_buf.p;
	s->surface_n = s->surface_buf.n;
	s->post = s->post_buf.p;
	s->post_n = s->post_buf.n;
	s->rem = s->rem_buf;
	s->nrem = (size_t)n;
	s->has = 1;
	return 0;
}

static int term_cmp(const source *a, const unsigned char *b, size_t bn)
{
	size_t n = a->term_n < bn ? a->term_n : bn;
	int c = n ? memcmp(a->term, b, n) : 0;
	return c ? c : (a->term_n > bn) - (a->term_n < bn);
}

/* A slice of the current term's postings, decoded from its sources. */
typedef struct gather {
	post_entry *e;
	size_t n, cap;
	uint32_t *pos;        /* all positions, flat */
	size_t npos, cappos;
	size_t *pos_off;      /* per posting: offset of its first position */
	size_t cap_off;
	post_pos_entry *pe;
	size_t cap_pe;
	uint32_t *rem;
	size_t nrem, caprem;
	uint64_t last_docid;  /* of the term's previous posting, across slices */
} gather;

/* Decodes postings from *pp until end or until g holds INV_SLICE. *docid
 * carries the stream's running docid between calls. */
static int decode_stream(gather *g, const unsigned char **pp, const unsigned char *end, uint64_t *docid)
{
	const unsigned char *p = *pp;
	while (p < end && g->n < INV_SLICE) {
		uint64_t gap, tf[POST_FIELDS];
		if (buf_get_varint(&p, end, &gap))
			return PDX_ECORRUPT;
		*docid += gap;
		for (int f = 0; f < POST_FIELDS; f++)
			if (buf_get_varint(&p, end, &tf[f]) || tf[f] > UINT32_MAX)
				return PDX_ECORRUPT;
		if (*docid > UINT32_MAX || *docid <= g->last_docid)
			return PDX_ECORRUPT;
		g->last_docid = *docid;
		g->e = mem_grow(g->e, &g->cap, g->n + 1, sizeof *g->e);
		g->pos_off = mem_grow(g->pos_off, &g->cap_off, g->n + 1, sizeof *g->pos_off);
		post_entry *e = &g->e[g->n];
		memset(e, 0, sizeof *e);
		e->docid = (uint32_t)*docid;
		g->pos_off[g->n] = g->npos;
		g->n++;
		for (int f = 0; f < POST_FIELDS; f++) {
			e->tf[f] = (uint32_t)tf[f];
			if (tf[f] > (uint64_t)(end - p))
				return PDX_ECORRUPT;
			g->pos = mem_grow(g->pos, &g->cappos, g->npos + (size_t)tf[f], sizeof *g->pos);
			uint64_t prev = 0;
			for (uint64_t k = 0; k < tf[f]; k++) {
				uint64_t v;
				if (buf_get_varint(&p, end, &v))
					return PDX_ECORRUPT;
				prev = k == 0 ? v : prev + 1 + v;
				g->pos[g->npos++] = (uint32_t)prev;
			}
		}
	}
	*pp = p;
	return 0;
}

/* Hands the gathered slice to fn and empties it. */
static int emit_slice(gather *g, const buf *term, const buf *surface, int first, int last,
		      inv_term_fn fn, void *ctx)
{
	g->pe = mem_grow(g->pe, &g->cap_pe, g->n + 1, sizeof *g->pe);
	post_pos_point(g->e, g->n, g->pos, g->pos_off, g->pe);
	inv_term it = {(const char *)term->p, term->n,
		       surface->p ? (const char *)surface->p : "", surface->n,
		       g->e, g->pe, g->n, g->rem, g->nrem, first, last};
	int rc = fn(ctx, &it);
	g->n = g->npos = 0;
	return rc;
}

int inv_finish(inv_table *t, inv_term_fn fn, void *ctx)
{
	size_t nsrc = t->nruns + 1;
	source *src = mem_calloc(nsrc, sizeof *src);
	uint32_t *order = sorted_slots(t);
	gather g = {0};
	int rc = 0;
	for (size_t i = 0; i < t->nruns; i++)
		src[i].f = t->runs[i].f;
	src[t->nruns].order = order;
	src[t->nruns].n = t->nslots;
	for (size_t i = 0; i < nsrc && !rc; i++)
		rc = source_next(t, &src[i]);
	while (!rc) {
		source *min = NULL;
		for (size_t i = 0; i < nsrc; i++)
			if (src[i].has && (!min || term_cmp(&src[i], min->term, min->term_n) < 0))
				min = &src[i];
		if (!min)
			break;
		buf term = BUF_INIT, surface = BUF_INIT;
		buf_put(&term, min->term, min->term_n);
		g.n = g.npos = g.nrem = 0;
		g.last_docid = 0;
		/* The removals first: every slice carries all of them. */
		for (size_t i = 0; i < nsrc; i++) {
			source *s = &src[i];
			if (!s->has || term_cmp(s, term.p, term.n) != 0)
				continue;
			if (surface.n == 0 && s->surface_n)
				buf_put(&surface, s->surface, s->surface_n);
			g.rem = mem_grow(g.rem, &g.caprem, g.nrem + s->nrem, sizeof *g.rem);
			if (s->nrem)
				memcpy(g.rem + g.nrem, s->rem, s->nrem * sizeof *g.rem);
			g.nrem += s->nrem;
		}
		g.nrem = sort_unique(g.rem, g.nrem);
		/* Runs hold older docids than later runs and memory: concatenate in order. */
		int first = 1;
		for (size_t i = 0; i < nsrc && !rc; i++) {
			source *s = &src[i];
			if (!s->has || term_cmp(s, term.p, term.n) != 0)
				continue;
			const unsigned char *p = s->post, *end = s->post_n ? s->post + s->post_n : p;
			uint64_t docid = 0;
			while (!rc && p < end) {
				if (!(rc = decode_stream(&g, &p, end, &docid)) && g.n == INV_SLICE) {
					rc = emit_slice(&g, &term, &surface, first, 0, fn, ctx);
					first = 0;
				}
			}
			if (!rc)
				rc = source_next(t, s);
		}
		if (!rc)
			rc = emit_slice(&g, &term, &surface, first, 1, fn, ctx);
		buf_free(&term);
		buf_free(&surface);
	}
	for (size_t i = 0; i < nsrc; i++) {
		buf_free(&src[i].term_buf);
		buf_free(&src[i].surface_buf);
		buf_free(&src[i].post_buf);
		free(src[i].rem_buf);
	}
	free(src);
	free(order);
	free(g.e);
	free(g.pos);
	free(g.pos_off);
	free(g.pe);
	free(g.rem);
	clear_slots(t);
	for (size_t i = 0; i < t->nruns; i++)
		fclose(t->runs[i].f);
	t->nruns = 0;
	return rc;
}
