/* authtab — an open-addressing hash of authors touched by a run. */
#include "authtab.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

/* Authors written between two store_release_map: each put after the
 * first flush reads a leaf page of the authors DB, and the kernel maps
 * the large folio around it. */
#define RELEASE_AUTHORS 256

typedef struct variant {
	char *name;
	size_t len;
	uint32_t count;
} variant;

typedef struct author {
	char *key;
	size_t n;
	uint32_t hash;
	uint32_t authorid;
	uint32_t npapers;   /* current, index and run together */
	int existed;        /* in the index before the run */
	variant *v;
	size_t nv, capv;
} author;

struct at_table {
	author *a;
	size_t n, cap;
	uint32_t *index;    /* author number + 1, 0 = empty */
	size_t index_cap;
	size_t bytes;       /* keys, display forms and variant arrays */
	int flushed;        /* at_flush ran: later keys no longer come in order */
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

at_table *at_new(void)
{
	at_table *t = mem_calloc(1, sizeof *t);
	t->index_cap = 1024;
	t->index = mem_calloc(t->index_cap, sizeof *t->index);
	return t;
}

static void clear(at_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->a[i].nv; j++)
			free(t->a[i].v[j].name);
		free(t->a[i].v);
		free(t->a[i].key);
	}
	t->n = 0;
	t->bytes = 0;
	memset(t->index, 0, t->index_cap * sizeof *t->index);
}

void at_free(at_table *t)
{
	if (!t)
		return;
	clear(t);
	free(t->a);
	free(t->index);
	free(t);
}

static void rehash(at_table *t)
{
	t->index_cap *= 2;
	free(t->index);
	t->index = mem_calloc(t->index_cap, sizeof *t->index);
	for (size_t i = 0; i < t->n; i++) {
		size_t h = t->a[i].hash & (t->index_cap - 1);
		while (t->index[h])
			h = (h + 1) & (t->index_cap - 1);
		t->index[h] = (uint32_t)i + 1;
	}
}

static void add_variant(at_table *t, author *a, const char *name, size_t len, uint32_t count)
{
	size_t before = a->capv;
	a->v = mem_grow(a->v, &a->capv, a->nv + 1, sizeof *a->v);
	a->v[a->nv++] = (variant){mem_strndup(name, len), len, count};
	t->bytes += (a->capv - before) * sizeof *a->v + len + 1;
}

/* The author with this key, loaded from the index or created. */
static int find(at_table *t, store_txn *txn, const char *key, size_t n, store_stats *st, author **out)
{
	uint32_t h = hash_bytes(key, n);
	size_t i = h & (t->index_cap - 1);
	while (t->index[i]) {
		author *a = &t->a[t->index[i] - 1];
		if (a->hash == h && a->n == n && memcmp(a->key, key, n) == 0) {
			*out = a;
			return 0;
		}
		i = (i + 1) & (t->index_cap - 1);
	}
	if ((t->n + 1) * 2 > t->index_cap) {
		rehash(t);
		return find(t, txn, key, n, st, out);
	}
	enum { SHOWN = 64 };
	store_variant v[SHOWN];
	size_t nv = 0;
	uint32_t id = 0, npapers = 0;
	int rc = store_author_read(txn, key, n, &id, &npapers, v, SHOWN, &nv);
	if (rc && rc != PDX_ENOTFOUND)
		return rc;
	t->a = mem_grow(t->a, &t->cap, t->n + 1, sizeof *t->a);
	author *a = &t->a[t->n];
	memset(a, 0, sizeof *a);
	a->key = mem_strndup(key, n);
	t->bytes += n + 1;
	a->n = n;
	a->hash = h;
	if (rc == 0) {
		if (nv > SHOWN)
			return PDX_ECORRUPT;
		a->existed = 1;
		a->authorid = id;
		a->npapers = npapers;
		for (size_t k = 0; k < nv; k++)
			add_variant(t, a, v[k].name, v[k].len, v[k].count);
	} else {
		a->authorid = st->next_authorid++;
	}
	t->index[i] = (uint32_t)++t->n;
	*out = a;
	return 0;
}

int at_update(at_table *t, store_txn *txn, const char *key, size_t n, const char *display,
	      size_t dn, int delta, store_stats *st, uint32_t *authorid)
{
	author *a;
	int rc = find(t, txn, key, n, st, &a);
	if (rc)
		return rc;
	*authorid = a->authorid;
	size_t j = 0;
	while (j < a->nv && !(a->v[j].len == dn && memcmp(a->v[j].name, display, dn) == 0))
		j++;
	if (delta > 0) {
		a->npapers++;
		if (j == a->nv)
			add_variant(t, a, display, dn, 0);
		a->v[j].count++;
		return 0;
	}
	if (a->npapers == 0 || j == a->nv || a->v[j].count == 0)
		return PDX_ECORRUPT;
	a->npapers--;
	a->v[j].count--;
	return 0;
}

static int cmp_key(const void *x, const void *y)
{
	const author *a = x, *b = y;
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->key, b->key, m);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static int cmp_id(const void *x, const void *y)
{
	const author *a = *(author *const *)x, *b = *(author *const *)y;
	return (a->authorid > b->authorid) - (a->authorid < b->authorid);
}

size_t at_memory(const at_table *t)
{
	return t->cap * sizeof *t->a + t->index_cap * sizeof *t->index + t->bytes;
}

int at_flush(at_table *t, store_txn *txn, int fresh, store_stats *st)
{
	int rc = 0;
	/* Ids grow with first appearance across flushes; keys only within one. */
	unsigned append = fresh && !t->flushed ? MDB_APPEND : 0;
	unsigned id_append = fresh ? MDB_APPEND : 0;
	t->flushed = 1;
	if (t->n)
		qsort(t->a, t->n, sizeof *t->a, cmp_key);
	author **born = mem_alloc((t->n + 1) * sizeof *born);
	size_t nborn = 0;
	store_variant *v = NULL;
	size_t capv = 0;
	for (size_t i = 0; i < t->n && !rc; i++) {
		author *a = &t->a[i];
		size_t nv = 0;
		v = mem_grow(v, &capv, a->nv + 1, sizeof *v);
		for (size_t j = 0; j < a->nv; j++)
			if (a->v[j].count)
				v[nv++] = (store_variant){a->v[j].name, a->v[j].len, a->v[j].count};
		if (!a->npapers && !a->existed)
			continue;  /* added and deleted within the run */
		if ((rc = store_author_write(txn, a->key, a->n, a->authorid, a->npapers, v, nv,
					     a->npapers ? append : 0)))
			break;
		if (i % RELEASE_AUTHORS == 0)
			store_release_map(txn);
		/* A flush after the first updates authors all over the tree:
		 * commit as it goes (a fresh build's only) to bound the pages
		 * LMDB holds. Nothing here points into the map. */
		if ((rc = store_txn_checkpoint_if_due(txn)))
			break;
		if (!a->npapers) {
			rc = store_authorid_del(txn, a->authorid);
			st->nauthors--;
		} else if (!a->existed) {
			born[nborn++] = a;
			st->nauthors++;
		}
	}
	/* New ids come in order of first appearance, not of key. */
	if (nborn)
		qsort(born, nborn, sizeof *born, cmp_id);
	for (size_t i = 0; i < nborn && !rc; i++)
		rc = store_authorid_put(txn, born[i]->authorid, born[i]->key, born[i]->n, id_append);
	free(born);
	free(v);
	clear(t);
	return rc;
}
