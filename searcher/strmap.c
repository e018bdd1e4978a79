/* strmap — linear probing over a power-of-two table of (hash, key, value)
 * slots, kept at most half full. Owns the slot array, never the keys. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

typedef struct slot {
	uint64_t hash;
	const char *key;  /* NULL: empty slot */
	size_t val;
} slot;

struct strmap {
	slot *slots;
	size_t cap;  /* power of two, or 0 before the first insert */
	size_t n;
};

/* FNV-1a: docids are short, so a simple byte-at-a-time hash is enough. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h ^= *p;
		h *= 1099511628211ull;
	}
	return h;
}

strmap *strmap_new(void)
{
	return mem_calloc(1, sizeof(strmap));
}

void strmap_free(strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static size_t cap_for(size_t keys)
{
	size_t cap = 16;
	while (cap < keys * 2)
		cap *= 2;
	return cap;
}

void strmap_reset(strmap *m, size_t expect)
{
	size_t cap = cap_for(expect);
	if (cap > m->cap) {
		free(m->slots);
		m->slots = mem_alloc(cap * sizeof(slot));
		m->cap = cap;
	}
	for (size_t i = 0; i < m->cap; i++)
		m->slots[i].key = NULL;
	m->n = 0;
}

size_t strmap_count(const strmap *m)
{
	return m->n;
}

static void place(slot *slots, size_t cap, uint64_t h, const char *key, size_t val)
{
	size_t i = (size_t)h & (cap - 1);
	while (slots[i].key)
		i = (i + 1) & (cap - 1);
	slots[i] = (slot){h, key, val};
}

static void grow(strmap *m)
{
	if ((m->n + 1) * 2 <= m->cap)
		return;
	size_t cap = cap_for(m->n + 1);
	slot *s = mem_alloc(cap * sizeof(slot));
	for (size_t i = 0; i < cap; i++)
		s[i].key = NULL;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			place(s, cap, m->slots[i].hash, m->slots[i].key, m->slots[i].val);
	free(m->slots);
	m->slots = s;
	m->cap = cap;
}

int strmap_put(strmap *m, const char *key, size_t val, size_t *old)
{
	grow(m);
	uint64_t h = hash_str(key);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].key) {
		if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0) {
			if (old)
				*old = m->slots[i].val;
			return 0;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i] = (slot){h, key, val};
	m->n++;
	return 1;
}

int strmap_get(const strmap *m, const char *key, size_t *val)
{
	if (m->cap == 0)
		return 0;
	uint64_t h = hash_str(key);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].key) {
		if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0) {
			*val = m->slots[i].val;
			return 1;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return 0;
}
