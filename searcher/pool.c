/* pool — persistent worker threads woken per pool_run (see pool.h).
 *
 * Waking a thread asleep on a condition variable took 60 µs here (a
 * virtual machine), a tenth of a short search; so both sides spin for a
 * while on the round and the busy count before they sleep, as OpenMP's
 * runtimes do: a batch of searches keeps the threads awake, an idle pool
 * costs nothing after SPIN_NS. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "mem.h"

#define SPIN_NS 500000

typedef struct worker {
	pool *p;
	unsigned id;
	pthread_t thread;
} worker;

struct pool {
	unsigned n;
	worker *w;                   /* w[1..n) */
	pthread_mutex_t mu;
	pthread_cond_t start, done;
	atomic_ulong round;          /* bumped per pool_run; a worker runs each once */
	atomic_ulong busy;           /* workers still in this round's call */
	atomic_int stop;
	pool_fn fn;                  /* set under mu before round moves */
	void *arg;
};

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* Spins until (*v == x) == equal, or SPIN_NS pass; returns whether it came. */
static int spin(atomic_ulong *v, unsigned long x, int equal)
{
	long long until = now_ns() + SPIN_NS;
	for (;;) {
		for (int i = 0; i < 256; i++) {
			if ((atomic_load(v) == x) == equal)
				return 1;
			relax();
		}
		if (now_ns() > until)
			return 0;
	}
}

static void *work(void *arg)
{
	worker *me = arg;
	pool *p = me->p;
	unsigned long seen = 0;
	for (;;) {
		spin(&p->round, seen, 0);
		pthread_mutex_lock(&p->mu);
		while (atomic_load(&p->round) == seen && !atomic_load(&p->stop))
			pthread_cond_wait(&p->start, &p->mu);
		pool_fn fn = p->fn;
		void *fa = p->arg;
		seen = atomic_load(&p->round);
		pthread_mutex_unlock(&p->mu);
		if (atomic_load(&p->stop))
			break;
		fn(fa, me->id);
		if (atomic_fetch_sub(&p->busy, 1) == 1) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_signal(&p->done);
			pthread_mutex_unlock(&p->mu);
		}
	}
	return NULL;
}

int pool_create(unsigned n, pool **out)
{
	pool *p = mem_calloc(1, sizeof *p);
	p->w = mem_calloc(n, sizeof *p->w);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->start, NULL);
	pthread_cond_init(&p->done, NULL);
	atomic_init(&p->round, 0);
	atomic_init(&p->busy, 0);
	atomic_init(&p->stop, 0);
	int rc = 0;
	for (p->n = 1; p->n < n; p->n++) {
		p->w[p->n] = (worker){p, p->n, 0};
		if ((rc = pthread_create(&p->w[p->n].thread, NULL, work, &p->w[p->n])))
			goto fail;
	}
	*out = p;
	return 0;
fail:
	pool_free(p);
	*out = NULL;
	return rc;
}

unsigned pool_size(const pool *p)
{
	return p->n;
}

void pool_run(pool *p, pool_fn fn, void *arg)
{
	pthread_mutex_lock(&p->mu);
	p->fn = fn;
	p->arg = arg;
	atomic_store(&p->busy, p->n - 1);
	atomic_fetch_add(&p->round, 1);
	pthread_cond_broadcast(&p->start);
	pthread_mutex_unlock(&p->mu);
	fn(arg, 0);
	if (spin(&p->busy, 0, 1))
		return;
	pthread_mutex_lock(&p->mu);
	while (atomic_load(&p->busy))
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void pool_free(pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->stop, 1);
	atomic_fetch_add(&p->round, 1);
	pthread_cond_broadcast(&p->start);
	pthread_mutex_unlock(&p->mu);
	/* p->n counts the threads started (and the caller). */
	for (unsigned i = 1; i < p->n; i++)
		pthread_join(p->w[i].thread, NULL);
	pthread_cond_destroy(&p->start);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p->w);
	free(p);
}
