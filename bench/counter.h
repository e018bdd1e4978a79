/* counter — a string -> count table for the benchmark's corpus model tools
 * (make_model, gen_corpus, corpus_stats): words, names, venues, paper ids.
 * Each distinct key gets a dense id in insertion order, so callers keep
 * per-key data in plain arrays indexed by id. The table owns copies of its
 * keys; allocation failure aborts (mem.h). */
#ifndef PDX_BENCH_COUNTER_H
#define PDX_BENCH_COUNTER_H

#include <stddef.h>
#include <stdint.h>

typedef struct ct_table ct_table;

ct_table *ct_new(void);
void ct_free(ct_table *t);

/* Adds delta to the count of key (n bytes), inserting it with count 0
 * first when absent. Returns the key's id; *fresh (if not NULL) is 1 when
 * the key was inserted by this call. */
size_t ct_add(ct_table *t, const char *key, size_t n, uint64_t delta, int *fresh);
/* The id of key, or -1 when absent. */
long ct_find(const ct_table *t, const char *key, size_t n);

size_t ct_size(const ct_table *t);
/* The key of id, NUL-terminated; borrowed until the next ct_add (the key
 * store may move) or ct_free. */
const char *ct_key(const ct_table *t, size_t id);
size_t ct_key_len(const ct_table *t, size_t id);
uint64_t ct_count(const ct_table *t, size_t id);

/* All ids by count, largest first, ties by key bytes. Owned by the caller. */
size_t *ct_sorted(const ct_table *t);

#endif
