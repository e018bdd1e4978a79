/* pool — fork-join on a few persistent threads.
 *
 * pool_run(p, fn, arg) calls fn(arg, 0) on the caller's thread and
 * fn(arg, w) for w = 1..n-1 on the pool's, and returns once every call
 * has returned: what the calls wrote is then visible to the caller.
 * Worker w is always the same thread, so state that belongs to a thread
 * (an LMDB read transaction) can be kept by its number. One pool_run at a
 * time: a pool is its owner's, like the engine that holds it. */
#ifndef PDX_POOL_H
#define PDX_POOL_H

typedef struct pool pool;
typedef void (*pool_fn)(void *arg, unsigned worker);

/* n >= 2 threads in all, the caller's included. Returns 0 or an errno
 * of pthread_create. */
int pool_create(unsigned n, pool **out);
unsigned pool_size(const pool *p);
void pool_run(pool *p, pool_fn fn, void *arg);
/* Joins the threads; p may be NULL. */
void pool_free(pool *p);

#endif
