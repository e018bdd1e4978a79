/* writer — an indexing run on two threads.
 *
 * (POSIX threads rather than C11's: sanitizers and valgrind understand them.)
 * The calling thread reads and analyzes papers (wr_add: the analyzer's
 * share of the work, about half); a writer thread owns the LMDB write
 * transaction (LMDB ties a write transaction to the thread that began it)
 * and applies each analyzed paper: replacement, docid, inversion, record,
 * ids, authors. The two meet in a bounded queue. Requests that need an
 * answer (delete, commit, abort) go through the same queue, so everything
 * happens in the order it was asked for, and wait for their result.
 *
 * Deleting a paper (explicitly or because its id comes again) re-analyzes
 * its stored record and queues a removal for each of its terms; the merge
 * (merge.c) then rewrites only the chunks that hold removed docids, plus
 * each term's last chunk when new postings are appended. New papers get
 * docids above every existing one, so appends never reorder a list. */
#include "writer.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer.h"
#include "authtab.h"
#include "docterms.h"
#include "err.h"
#include "invert.h"
#include "mem.h"
#include "merge.h"
#include "names.h"
#include "store.h"

#define RELEASE_DOCS 256    /* papers between two store_release_map */
#define MAX_AUTHORS DT_MAX_AUTHORS  /* per paper: the authors docterms indexes */
#define QUEUE_SIZE 256    /* analyzed papers in flight */
#define WAKE_BATCH 32     /* queued papers that wake a waiting writer thread */

typedef enum job_kind { JOB_ADD, JOB_DELETE, JOB_COMMIT, JOB_ABORT } job_kind;

/* One paper as the reading thread hands it over: the record and its
 * analyzed terms, which point into arena and pos (all owned by the job). */
typedef struct job {
	job_kind kind;
	rec_paper rec;
	inv_posting *post;
	size_t npost;
	char *arena;
	uint32_t *pos;
	uint32_t len[POST_FIELDS];
	const char *id;          /* JOB_DELETE, borrowed from the caller who waits */
	wr_summary *summary;     /* JOB_COMMIT */
	int result;              /* requests: the writer thread's answer */
	int done;
} job;

struct wr_writer {
	/* set by wr_open, read by both threads */
	store *st;
	int fresh;
	size_t mem_bytes;
	int progress;
	/* the reading thread */
	an_analyzer *an_read;
	dt_doc *dt_read;
	size_t rejected;
	/* the writer thread */
	store_txn *txn;
	an_analyzer *an;
	dt_doc *dt;
	inv_table *inv;
	at_table *authors;
	store_stats stats;
	size_t author_budget;        /* at_memory beyond this: flush the author table */
	uint32_t run_first;          /* first docid of this run */
	uint32_t (*lens)[POST_FIELDS]; /* lengths of docids run_first + i (the merge needs them) */
	uint32_t ids_first;          /* first docid whose id and authors are not written yet */
	char **ids;                  /* external ids of docids ids_first + i (NULL: deleted) */
	uint32_t **auth;             /* their author ids */
	size_t *nauth;
	size_t nlens, nids, caplens, capids, capauth;
	uint32_t *zero;              /* older docids whose lengths become 0 */
	size_t nzero, capzero;
	wr_summary sum;
	time_t last_progress;
	buf val;
	uint32_t *authorids;
	buf *author_keys;
	size_t cap_authors;
	/* the queue between them */
	pthread_mutex_t mu;
	pthread_cond_t to_writer, to_reader;
	int writer_waits, reader_waits;
	job *q[QUEUE_SIZE];
	size_t head, count;
	int err;                     /* sticky: the writer thread failed */
	int ready, started;
	pthread_t thread;
};

static void job_free(job *j)
{
	if (!j)
		return;
	rec_clear(&j->rec);
	free(j->post);
	free(j->arena);
	free(j->pos);
	free(j);
}

/* Hands a job to the writer thread; waits for room. A waiting writer
 * thread is woken by a request (urgent: someone waits for its answer) or
 * once WAKE_BATCH papers wait, and a reader waiting for room once half the
 * queue is free: a wake-up per paper cost both threads a system call and a
 * context switch, 14% of the reading thread's time. */
static void enqueue(wr_writer *w, job *j, int urgent)
{
	pthread_mutex_lock(&w->mu);
	while (w->count == QUEUE_SIZE) {
		w->reader_waits = 1;
		pthread_cond_wait(&w->to_reader, &w->mu);
	}
	w->reader_waits = 0;
	w->q[(w->head + w->count) % QUEUE_SIZE] = j;
	w->count++;
	if (w->writer_waits && (urgent || w->count >= WAKE_BATCH))
		pthread_cond_signal(&w->to_writer);
	pthread_mutex_unlock(&w->mu);
}

static job *dequeue(wr_writer *w)
{
	pthread_mutex_lock(&w->mu);
	while (w->count == 0) {
		w->writer_waits = 1;
		pthread_cond_wait(&w->to_writer, &w->mu);
	}
	w->writer_waits = 0;
	job *j = w->q[w->head];
	w->head = (w->head + 1) % QUEUE_SIZE;
	w->count--;
	if (w->reader_waits && w->count <= QUEUE_SIZE / 2)
		pthread_cond_signal(&w->to_reader);
	pthread_mutex_unlock(&w->mu);
	return j;
}

/* Sends a request and waits for its answer. */
static int request(wr_writer *w, job *j)
{
	enqueue(w, j, 1);
	pthread_mutex_lock(&w->mu);
	while (!j->done)
		pthread_cond_wait(&w->to_reader, &w->mu);
	pthread_mutex_unlock(&w->mu);
	return j->result;
}

static void answer(wr_writer *w, job *j, int result)
{
	pthread_mutex_lock(&w->mu);
	j->result = result;
	j->done = 1;
	pthread_cond_broadcast(&w->to_reader);
	pthread_mutex_unlock(&w->mu);
}

static void fail(wr_writer *w, int rc)
{
	pthread_mutex_lock(&w->mu);
	if (!w->err)
		w->err = rc;
	pthread_mutex_unlock(&w->mu);
}

static int error_so_far(wr_writer *w)
{
	pthread_mutex_lock(&w->mu);
	int rc = w->err;
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* The writer thread -------------------------------------------------------- */

static void progress(wr_writer *w, int done)
{
	if (!w->progress)
		return;
	time_t now = time(NULL);
	if (!done && now == w->last_progress)
		return;
	w->last_progress = now;
	fprintf(stderr, "\rpaperdex-index: %zu papers read, %zu MB in memory, %zu runs%s",
		w->sum.added, inv_memory(w->inv) >> 20, inv_runs(w->inv), done ? "\n" : "");
}

/* Distinct author keys of rec, in order; returns how many. */
static size_t author_keys(wr_writer *w, const rec_paper *rec)
{
	size_t n = 0, limit = rec->authors.n < MAX_AUTHORS ? rec->authors.n : MAX_AUTHORS;
	if (limit > w->cap_authors) {
		size_t old = w->cap_authors;
		w->author_keys = mem_grow(w->author_keys, &w->cap_authors, limit, sizeof *w->author_keys);
		memset(w->author_keys + old, 0, (w->cap_authors - old) * sizeof *w->author_keys);
		w->authorids = mem_realloc(w->authorids, w->cap_authors * sizeof *w->authorids);
	}
	for (size_t i = 0; i < limit; i++) {
		buf *k = &w->author_keys[n];
		buf_clear(k);
		name_key(rec->authors.v[i], strlen(rec->authors.v[i]), k);
		if (k->n == 0 || k->n > 511)
			continue;
		int dup = 0;
		for (size_t j = 0; j < n && !dup; j++)
			dup = w->author_keys[j].n == k->n && memcmp(w->author_keys[j].p, k->p, k->n) == 0;
		if (!dup)
			w->authorids[n++] = (uint32_t)i;  /* index of the display form, for now */
	}
	return n;
}

static int delete_docid(wr_writer *w, uint32_t docid, const char *id, size_t idlen)
{
	const void *data;
	size_t n;
	rec_paper rec;
	rec_init(&rec);
	int rc = store_doc_get(w->txn, docid, &data, &n);
	if (rc)
		return rc == PDX_ENOTFOUND ? PDX_ECORRUPT : rc;
	if ((rc = rec_decode(data, n, &rec))) {
		fprintf(stderr, "paperdex-index: error: index corrupted: stored record of docid %u\n", docid);
		return rc;
	}
	if ((rc = dt_build(w->dt, &rec)))
		goto done;
	for (size_t i = 0; i < dt_count(w->dt); i++) {
		const dt_term *t = dt_get(w->dt, i);
		inv_remove(w->inv, t->term, t->len, docid);
	}
	uint32_t len[POST_FIELDS];
	if (docid >= w->run_first) {
		memcpy(len, w->lens[docid - w->run_first], sizeof len);
		memset(w->lens[docid - w->run_first], 0, sizeof len);
	} else if ((rc = store_doclen(w->txn, docid, len))) {
		goto done;
	}
	if (docid >= w->ids_first) {
		free(w->ids[docid - w->ids_first]);
		w->ids[docid - w->ids_first] = NULL;
		free(w->auth[docid - w->ids_first]);
		w->auth[docid - w->ids_first] = NULL;
		w->nauth[docid - w->ids_first] = 0;
	} else {
		w->zero = mem_grow(w->zero, &w->capzero, w->nzero + 1, sizeof *w->zero);
		w->zero[w->nzero++] = docid;
	}
	for (int f = 0; f < POST_FIELDS; f++)
		w->stats.sum_len[f] -= len[f];
	w->stats.ndocs--;
	size_t na = author_keys(w, &rec);
	for (size_t i = 0; i < na && !rc; i++) {
		const char *disp = rec.authors.v[w->authorids[i]];
		uint32_t aid;
		rc = at_update(w->authors, w->txn, (const char *)w->author_keys[i].p, w->author_keys[i].n,
			       disp, strlen(disp), -1, &w->stats, &aid);
	}
	if (rc)
		goto done;
	unsigned char kb[4];
	u32be_put(kb, docid);
	MDB_val k = {4, kb}, ik = {idlen, (void *)id};
	if (!(rc = store_del(w->txn, STORE_DB_DOCS, &k)))
		rc = store_del(w->txn, STORE_DB_IDS, &ik);
done:
	rec_clear(&rec);
	return rc;
}

/* Writes the external ids and author ids of the papers added since the
 * last call, so that memory does not grow with the size of the run. */
static int write_ids(wr_writer *w)
{
	int rc = 0;
	if (w->nids && ((rc = store_extids_put(w->txn, w->ids_first, w->nids, (const char *const *)w->ids)) ||
			(rc = store_docauth_put(w->txn, w->ids_first, w->nids,
						(const uint32_t *const *)w->auth, w->nauth))))
		return rc;
	for (size_t i = 0; i < w->nids; i++) {
		free(w->ids[i]);
		free(w->auth[i]);
	}
	w->ids_first += (uint32_t)w->nids;
	w->nids = 0;
	return 0;
}

static int apply_add(wr_writer *w, job *j)
{
	rec_paper *rec = &j->rec;
	size_t idlen = strlen(rec->id);
	uint32_t old;
	int rc = w->fresh && w->sum.added == 0 ? PDX_ENOTFOUND : store_docid_get(w->txn, rec->id, idlen, &old);
	if (rc == 0) {
		if ((rc = delete_docid(w, old, rec->id, idlen)))
			return rc;
		if (old < w->run_first)
			w->sum.replaced++;
		else
			w->sum.added--;
	} else if (rc != PDX_ENOTFOUND) {
		return rc;
	}
	if (w->stats.next_docid == UINT32_MAX)
		return PDX_ETOOBIG;
	uint32_t docid = w->stats.next_docid++;
	inv_add_paper(w->inv, docid, j->post, j->npost);
	w->lens = mem_grow(w->lens, &w->caplens, w->nlens + 1, sizeof *w->lens);
	memcpy(w->lens[w->nlens++], j->len, sizeof j->len);
	for (int f = 0; f < POST_FIELDS; f++)
		w->stats.sum_len[f] += j->len[f];
	w->stats.ndocs++;

	size_t na = author_keys(w, rec), at = w->nids++;
	w->ids = mem_grow(w->ids, &w->capids, w->nids, sizeof *w->ids);
	w->ids[at] = mem_strndup(rec->id, idlen);
	w->auth = mem_grow(w->auth, &w->capauth, w->nids, sizeof *w->auth);
	w->nauth = mem_realloc(w->nauth, w->capauth * sizeof *w->nauth);
	w->auth[at] = na ? mem_alloc(na * sizeof **w->auth) : NULL;
	w->nauth[at] = na;
	for (size_t i = 0; i < na; i++) {
		const char *disp = rec->authors.v[w->authorids[i]];
		rc = at_update(w->authors, w->txn, (const char *)w->author_keys[i].p, w->author_keys[i].n,
			       disp, strlen(disp), +1, &w->stats, &w->auth[at][i]);
		if (rc)
			return rc;
	}
	if (at_memory(w->authors) > w->author_budget &&
	    (rc = at_flush(w->authors, w->txn, w->fresh, &w->stats)))
		return rc;
	unsigned append = w->fresh ? MDB_APPEND : 0;
	unsigned char kb[4];
	u32be_put(kb, docid);
	MDB_val k = {4, kb}, v;
	buf_clear(&w->val);
	rec_encode(rec, &w->val);
	v = (MDB_val){w->val.n, w->val.p};
	if ((rc = store_put(w->txn, STORE_DB_DOCS, &k, &v, append)))
		return rc;
	MDB_val ik = {idlen, rec->id}, iv = {4, kb};
	if ((rc = store_put(w->txn, STORE_DB_IDS, &ik, &iv, 0)))
		return rc;
	w->sum.added++;
	if (w->sum.added % RELEASE_DOCS == 0)
		store_release_map(w->txn);
	if ((rc = inv_maybe_spill(w->inv)))
		return rc;
	/* The ids held for write_ids grow until then: every paper appends its
	 * record, so a checkpoint comes within a quarter of --mem of records. */
	if (store_txn_checkpoint_due(w->txn) && !(rc = write_ids(w)))
		rc = store_txn_checkpoint(w->txn);
	progress(w, 0);
	return rc;
}

static int apply_delete(wr_writer *w, const char *id)
{
	uint32_t docid;
	int rc = store_docid_get(w->txn, id, strlen(id), &docid);
	if (rc)
		return rc;
	if ((rc = delete_docid(w, docid, id, strlen(id))))
		return rc;
	if (docid >= w->run_first)
		w->sum.added--;
	else
		w->sum.deleted++;
	return 0;
}

static int apply_commit(wr_writer *w, wr_summary *out)
{
	progress(w, 1);
	w->sum.runs = inv_runs(w->inv);
	mrg_ctx *m = mrg_new(w->txn, w->fresh, &w->stats, w->run_first,
			     (const uint32_t(*)[POST_FIELDS])w->lens);
	int rc = inv_finish(w->inv, mrg_term, m);
	mrg_free(m);
	if (rc || (rc = at_flush(w->authors, w->txn, w->fresh, &w->stats)))
		return rc;
	if (w->nlens && (rc = store_doclens_put(w->txn, w->run_first, w->nlens,
						 (const uint32_t(*)[POST_FIELDS])w->lens)))
		return rc;
	if ((rc = write_ids(w)))
		return rc;
	static const uint32_t zero[1][POST_FIELDS] = {{0, 0}};
	static const char *const none[1] = {NULL};
	static const uint32_t *const no_authors[1] = {NULL};
	static const size_t no_count[1] = {0};
	for (size_t i = 0; i < w->nzero && !rc; i++)
		if (!(rc = store_doclens_put(w->txn, w->zero[i], 1, zero)) &&
		    !(rc = store_extids_put(w->txn, w->zero[i], 1, none)))
			rc = store_docauth_put(w->txn, w->zero[i], 1, no_authors, no_count);
	if (rc || (rc = store_frequent_put(w->txn, w->stats.ndocs)) || (rc = store_stats_put(w->txn, &w->stats)))
		return rc;
	rc = store_txn_commit(w->txn);
	w->txn = NULL;
	if (rc || (rc = store_publish(w->st)))
		return rc;
	w->sum.papers = w->stats.ndocs;
	*out = w->sum;
	return 0;
}

static void *writer_main(void *arg)
{
	wr_writer *w = arg;
	int rc = store_txn_begin(w->st, 1, &w->txn);
	if (!rc)
		rc = store_stats_get(w->txn, &w->stats);
	w->run_first = w->ids_first = w->stats.next_docid;
	pthread_mutex_lock(&w->mu);
	w->err = rc;
	w->ready = 1;
	pthread_cond_broadcast(&w->to_reader);
	pthread_mutex_unlock(&w->mu);
	for (;;) {
		job *j = dequeue(w);
		int err = error_so_far(w);
		switch (j->kind) {
		case JOB_ADD:
			if (!err && (err = apply_add(w, j)))
				fail(w, err);
			job_free(j);
			break;
		case JOB_DELETE:
			answer(w, j, err ? err : apply_delete(w, j->id));
			break;
		case JOB_COMMIT:
			answer(w, j, err ? err : apply_commit(w, j->summary));
			return NULL;
		case JOB_ABORT:
			answer(w, j, 0);
			return NULL;
		}
	}
}

/* The calling thread ------------------------------------------------------- */

int wr_open(const wr_options *opt, wr_writer **out)
{
	*out = NULL;
	wr_writer *w = mem_calloc(1, sizeof *w);
	if (pthread_mutex_init(&w->mu, NULL) || pthread_cond_init(&w->to_writer, NULL) ||
	    pthread_cond_init(&w->to_reader, NULL)) {
		free(w);
		return ENOMEM;
	}
	w->fresh = opt->rebuild;
	w->progress = opt->progress;
	int rc = an_open(&w->an_read);
	if (rc || (rc = an_open(&w->an)))
		goto fail;
	unsigned flags = STORE_WRITE | (opt->rebuild ? STORE_FRESH : 0);
	if ((rc = store_open(opt->db, flags, an_settings(w->an), &w->st)))
		goto fail;
	w->dt_read = dt_new(w->an_read);
	w->dt = dt_new(w->an);
	/* An eighth of the budget for the author table, the rest for
	 * inversion; LMDB's dirty pages take up to a quarter more. */
	store_set_dirty_max(w->st, opt->mem_bytes / 4);
	w->author_budget = opt->mem_bytes / 8;
	w->inv = inv_new(opt->mem_bytes - w->author_budget);
	w->authors = at_new();
	if ((rc = pthread_create(&w->thread, NULL, writer_main, w)))
		goto fail;
	w->started = 1;
	pthread_mutex_lock(&w->mu);
	while (!w->ready)
		pthread_cond_wait(&w->to_reader, &w->mu);
	rc = w->err;
	pthread_mutex_unlock(&w->mu);
	if (rc)
		goto fail;
	*out = w;
	return 0;
fail:
	wr_close(w);
	return rc;
}

void wr_close(wr_writer *w)
{
	if (!w)
		return;
	if (w->started) {
		job abort_job = {.kind = JOB_ABORT};
		request(w, &abort_job);
		pthread_join(w->thread, NULL);
	}
	while (w->count) {
		job_free(w->q[w->head]);
		w->head = (w->head + 1) % QUEUE_SIZE;
		w->count--;
	}
	store_txn_abort(w->txn);
	store_close(w->st);
	dt_free(w->dt);
	dt_free(w->dt_read);
	inv_free(w->inv);
	at_free(w->authors);
	an_close(w->an);
	an_close(w->an_read);
	free(w->lens);
	for (size_t i = 0; i < w->nids; i++) {
		free(w->ids[i]);
		free(w->auth[i]);
	}
	free(w->ids);
	free(w->auth);
	free(w->nauth);
	free(w->zero);
	buf_free(&w->val);
	free(w->authorids);
	for (size_t i = 0; i < w->cap_authors; i++)
		buf_free(&w->author_keys[i]);
	free(w->author_keys);
	pthread_cond_destroy(&w->to_writer);
	pthread_cond_destroy(&w->to_reader);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

static int id_problem(const char *id, const char **why)
{
	size_t n = strlen(id);
	if (n == 0)
		*why = "no id";
	else if (n > 511)
		*why = "id longer than 511 bytes";
	else if (strpbrk(id, " \t\r\n\v\f"))
		*why = "id contains whitespace (TREC runs could not name it)";
	else
		return 0;
	return 1;
}

/* Copies the analyzed terms out of the reusable dt_doc into the job. */
static void pack_terms(const dt_doc *d, job *j)
{
	size_t n = dt_count(d), bytes = 0, npos = 0;
	for (size_t i = 0; i < n; i++) {
		const dt_term *t = dt_get(d, i);
		bytes += t->len + t->surface_len;
		npos += t->tf[0] + t->tf[1];
	}
	j->arena = mem_alloc(bytes + 1);
	j->pos = mem_alloc((npos + 1) * sizeof *j->pos);
	j->post = mem_alloc((n + 1) * sizeof *j->post);
	j->npost = n;
	char *a = j->arena;
	uint32_t *p = j->pos;
	for (size_t i = 0; i < n; i++) {
		const dt_term *t = dt_get(d, i);
		inv_posting *q = &j->post[i];
		memcpy(a, t->term, t->len);
		q->term = a;
		q->len = t->len;
		a += t->len;
		memcpy(a, t->surface, t->surface_len);
		q->surface = a;
		q->surface_len = t->surface_len;
		a += t->surface_len;
		for (int f = 0; f < POST_FIELDS; f++) {
			q->tf[f] = t->tf[f];
			if (t->tf[f])
				memcpy(p, t->pos[f], t->tf[f] * sizeof *p);
			q->pos[f] = p;
			p += t->tf[f];
		}
	}
}

int wr_add(void *ctx, rec_paper *rec)
{
	wr_writer *w = ctx;
	const char *why;
	int rc = error_so_far(w);
	rec_finish(rec);
	if (rc)
		goto done;
	if (id_problem(rec->id, &why)) {
		fprintf(stderr, "paperdex-index: error: %s:%lu: %s (record skipped)\n",
			rec->source, rec->line, why);
		w->rejected++;
		goto done;
	}
	if ((rc = dt_build(w->dt_read, rec)))
		goto done;
	job *j = mem_calloc(1, sizeof *j);
	j->kind = JOB_ADD;
	pack_terms(w->dt_read, j);
	dt_lens(w->dt_read, j->len);
	rec_move(&j->rec, rec);
	enqueue(w, j, 0);
done:
	rec_clear(rec);
	return rc;
}

int wr_delete(wr_writer *w, const char *id)
{
	job j = {.kind = JOB_DELETE, .id = id};
	return request(w, &j);
}

int wr_commit(wr_writer *w, wr_summary *out)
{
	wr_summary sum = {0};
	job j = {.kind = JOB_COMMIT, .summary = &sum};
	int rc = request(w, &j);
	pthread_join(w->thread, NULL);
	w->started = 0;
	sum.rejected = w->rejected;
	if (!rc && out)
		*out = sum;
	return rc;
}
