/* strmap — an open-addressing hash map from borrowed strings to indexes.
 *
 * Used by the evaluation code to look topics up by qid and documents up by
 * docid within one topic. The map never copies a key: the caller keeps
 * every key alive (and unchanged) while it is in the map. A map is meant to
 * be reused: strmap_reset empties it in O(capacity) without freeing, so
 * evaluating a thousand topics allocates once. Allocation failure aborts
 * (see mem.h). */
#ifndef PDX_STRMAP_H
#define PDX_STRMAP_H

#include <stddef.h>

typedef struct strmap strmap;

/* A new empty map; owned, free with strmap_free. Never NULL. */
strmap *strmap_new(void);
void strmap_free(strmap *m);

/* Empties the map and makes room for expect keys without growing. */
void strmap_reset(strmap *m, size_t expect);

size_t strmap_count(const strmap *m);

/* Maps key (borrowed) to val unless key is already present. Returns 1 when
 * inserted, 0 when present (then *old, if not NULL, holds its value and the
 * map is unchanged). */
int strmap_put(strmap *m, const char *key, size_t val, size_t *old);

/* 1 and *val set when key is present, else 0. */
int strmap_get(const strmap *m, const char *key, size_t *val);

#endif
