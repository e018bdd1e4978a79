/* counter — see counter.h. Open addressing with linear probing over a
 * power-of-two slot array of ids; keys live end to end in one byte store. */
#include "counter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

struct ct_table {
	buf keys;            /* key bytes, each followed by a NUL */
	size_t *off, *len;   /* per id */
	uint64_t *count;     /* per id */
	size_t n, cap;       /* ids used, allocated */
	uint32_t *slot;      /* id + 1, 0 = empty */
	size_t nslots;
};

/* FNV-1a, 64 bits. */
static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h ^ (h >> 29);
}

ct_table *ct_new(void)
{
	ct_table *t = mem_calloc(1, sizeof *t);
	t->nslots = 1024;
	t->slot = mem_calloc(t->nslots, sizeof *t->slot);
	return t;
}

void ct_free(ct_table *t)
{
	if (!t)
		return;
	buf_free(&t->keys);
	free(t->off);
	free(t->len);
	free(t->count);
	free(t->slot);
	free(t);
}

static int same(const ct_table *t, size_t id, const char *key, size_t n)
{
	return t->len[id] == n && memcmp(t->keys.p + t->off[id], key, n) == 0;
}

static size_t probe(const ct_table *t, const char *key, size_t n)
{
	size_t mask = t->nslots - 1, i = (size_t)hash(key, n) & mask;
	while (t->slot[i] && !same(t, t->slot[i] - 1, key, n))
		i = (i + 1) & mask;
	return i;
}

static void grow(ct_table *t)
{
	size_t old = t->nslots;
	uint32_t *slots = t->slot;
	t->nslots *= 2;
	t->slot = mem_calloc(t->nslots, sizeof *t->slot);
	for (size_t i = 0; i < old; i++) {
		if (!slots[i])
			continue;
		size_t id = slots[i] - 1;
		t->slot[probe(t, (const char *)t->keys.p + t->off[id], t->len[id])] = slots[i];
	}
	free(slots);
}

size_t ct_add(ct_table *t, const char *key, size_t n, uint64_t delta, int *fresh)
{
	size_t i = probe(t, key, n);
	if (fresh)
		*fresh = !t->slot[i];
	if (!t->slot[i]) {
		if (t->n == t->cap) {
			size_t cap = t->cap;
			t->off = mem_grow(t->off, &cap, t->n + 1, sizeof *t->off);
			cap = t->cap;
			t->len = mem_grow(t->len, &cap, t->n + 1, sizeof *t->len);
			t->count = mem_grow(t->count, &t->cap, t->n + 1, sizeof *t->count);
		}
		t->off[t->n] = t->keys.n;
		t->len[t->n] = n;
		t->count[t->n] = 0;
		buf_put(&t->keys, key, n);
		buf_putc(&t->keys, 0);
		t->slot[i] = (uint32_t)++t->n;
		if (t->n * 4 > t->nslots * 3) {
			grow(t);
			i = probe(t, key, n);
		}
	}
	size_t id = t->slot[i] - 1;
	t->count[id] += delta;
	return id;
}

long ct_find(const ct_table *t, const char *key, size_t n)
{
	size_t i = probe(t, key, n);
	return t->slot[i] ? (long)t->slot[i] - 1 : -1;
}

size_t ct_size(const ct_table *t)
{
	return t->n;
}

const char *ct_key(const ct_table *t, size_t id)
{
	return (const char *)t->keys.p + t->off[id];
}

size_t ct_key_len(const ct_table *t, size_t id)
{
	return t->len[id];
}

uint64_t ct_count(const ct_table *t, size_t id)
{
	return t->count[id];
}

static const ct_table *sort_table;  /* qsort has no context argument */

static int by_count(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const ct_table *t = sort_table;
	if (t->count[x] != t->count[y])
		return t->count[x] > t->count[y] ? -1 : 1;
	return strcmp(ct_key(t, x), ct_key(t, y));
}

size_t *ct_sorted(const ct_table *t)
{
	size_t *ids = mem_alloc((t->n ? t->n : 1) * sizeof *ids);
	for (size_t i = 0; i < t->n; i++)
		ids[i] = i;
	sort_table = t;
	qsort(ids, t->n, sizeof *ids, by_count);
	sort_table = NULL;
	return ids;
}
