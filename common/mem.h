/* mem — allocators that abort with a message instead of returning NULL.
 *
 * Allocation failure is not a recoverable condition for paperdex's binaries
 * (jq's jv_mem_alloc makes the same choice); this removes a branch from every
 * call site. All returned memory is owned by the caller and freed with free(). */
#ifndef PDX_MEM_H
#define PDX_MEM_H

#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
/* Grows an array of elem_size-byte items so that it holds at least need
 * items; *cap is updated. Returns the (possibly moved) array. */
void *mem_grow(void *p, size_t *cap, size_t need, size_t elem_size);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

#endif
