/* store — LMDB environment, schema, format version and analyzer check.
 *
 * On-disk format, version 6 (STORE_FORMAT_VERSION). One LMDB file with
 * these named databases; integers in keys are big-endian so that byte order
 * is numeric order; "varint" is LEB128; "lstr" is a varint length + bytes.
 *
 *   meta       "version"  -> u32 little-endian format version
 *              "analyzer" -> the analyzer's settings line (an_settings)
 *              "stats"    -> varints: ndocs, sum_len[title], sum_len[abstract],
 *                            npostings, nterms, nauthors, next_docid,
 *                            next_termid, next_authorid
 *              "frequent" -> lstr text terms in key order: those in more
 *                            than STORE_FREQUENT_SHARE of the live papers
 *                            (store_df_frequent), rewritten at each commit
 *                            (version 6)
 *   terms      term bytes -> varints: termid, df, cf, max_tf[title],
 *                            max_tf[abstract], min_len[title],
 *                            min_len[abstract], nchunks; lstr surface form.
 *                            Text terms are analyzer output; metadata terms
 *                            (filters) start with "\x01" + a kind letter,
 *                            see STORE_META_* in store.h.
 *   postings   termid u32 | last docid u32 -> one chunk of up to 32 blocks of
 *                            256 postings (layout at the top of postings.c);
 *                            the key's docid is the chunk's last, so a
 *                            cursor seek to (termid, d) lands on the chunk
 *                            that holds the first docid >= d.
 *   positions  same key as postings -> the positions of that chunk
 *                            (postings.c). Ranked queries never read it.
 *   docs       docid u32 -> the stored record (record.c encoding)
 *   ids        external id -> docid u32
 *   doclens    docid/1024 u32 -> 1024 pairs of u32 little-endian (title
 *                            length, abstract length) in tokens, 0 for
 *                            docids without a live paper; a short final
 *                            value covers fewer docids.
 *   docauth    docid/256 u32 -> like extids, each item the varint author
 *                            ids of the paper, in its author order (empty:
 *                            no paper, or no author)
 *   authors    author key (names.h) -> varints: authorid, npapers,
 *                            nvariants; then nvariants times (lstr display
 *                            form, varint papers written that way)
 *   authorids  authorid u32 -> author key
 *   extids     docid/256 u32 -> u16 count n, n + 1 u32 offsets, then the
 *                            external ids of docids chunk*256 .. + n - 1
 *                            back to back (little-endian; an empty id is
 *                            a docid without a live paper). Ranked output
 *                            names its papers from here, not from the
 *                            large docs table; researcher ranking reads
 *                            docauth the same way.
 * The papers of an author are the postings of the metadata term
 * "\x01a" + key. Docids start at 1 and are never reused. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"
#include "text.h"

/* The map is address space only: without MDB_WRITEMAP the file grows as
 * pages are used. A writer maps twice the file, and at least 16 GiB (about
 * five million papers); readers take the size the last writer recorded.
 * Not more: valgrind and sanitizers ration address space. A run that
 * outgrows its map fails with MDB_MAP_FULL and leaves the index as it was;
 * the next run maps twice as much. */
#define STORE_MIN_MAPSIZE ((size_t)1 << (sizeof(size_t) >= 8 ? 34 : 30))
#define MAP_KEEP ((unsigned long)64 << 20) /* store_release_map: resident map kept */
/* LMDB copies each page a write transaction touches into malloc'd memory
 * until the commit, and keeps the copies for reuse after it, so the
 * largest transaction of a fresh build sets the indexer's memory beyond
 * its --mem. Committing by count of papers (16,384) let random puts (ids,
 * authors) dirty one page each across ever larger trees: 356 MB of such
 * pages at 1.5M papers. store_set_dirty_max changes the default. */
#define DIRTY_MAX ((size_t)64 << 20)
#define NODE_BYTES 16     /* an LMDB leaf node's header and index slot, about */

static const char *const db_names[STORE_NDB] = {
	"meta", "terms", "postings", "positions", "docs", "ids",
	"doclens", "docauth", "authors", "authorids", "extids",
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[STORE_NDB];
	char *path;       /* the index */
	char *data_path;  /* the file LMDB has open: path, or path.new */
	int writer_fd;
	unsigned flags;
	int fresh_published;
	unsigned long map_lo, map_hi; /* the map's address range, once found */
	size_t psize;     /* LMDB's page size */
	size_t dirty_max; /* store_txn_checkpoint_due's threshold, bytes */
};

/* Values of a chunked table (doclens, extids) looked up once per
 * transaction: pointers into the map, valid until the transaction ends or
 * the table is written. */
typedef struct chunk_cache {
	MDB_val *v;
	unsigned char *state;        /* 0 not looked up, 1 present, 2 absent */
	size_t n;
} chunk_cache;

/* Term lookups of a read-only transaction: a batch asks for the same words
 * again and again (a backfill's feedback papers share most of theirs), and
 * the snapshot cannot change under them. Open addressing, keys copied into
 * one arena; the table starts at TERM_CACHE_MIN_SLOTS on the first lookup
 * and doubles when 3/4 full, up to TERM_CACHE_SLOTS, where it is emptied
 * instead. Starting small spares a one-query search the first touch of
 * 640 KB (160 page faults, a third of its time on a small VM). */
#define TERM_CACHE_MIN_SLOTS 64
#define TERM_CACHE_SLOTS 8192

typedef struct term_slot {
	uint32_t hash;               /* 0: empty (hashes are made odd) */
	uint32_t len;
	size_t off;                  /* the key's bytes in the arena */
	int found;                   /* 0: the term is not in the index */
	store_term st;
} term_slot;

typedef struct term_cache {
	term_slot *slot;
	size_t nslots;               /* a power of two */
	size_t used;
	char *arena;
	size_t arena_n, arena_cap;
} term_cache;

/* The frequent terms list of a read-only transaction, read on first use:
 * views into the map, in key order. */
typedef struct freq_list {
	MDB_val *term;
	size_t n;
	int loaded;
} freq_list;

struct store_txn {
	store *s;
	MDB_txn *txn;
	int write;
	term_cache terms;            /* read-only transactions only */
	freq_list freq;              /* read-only transactions only */
	chunk_cache lens;            /* doclens values by chunk number */
	chunk_cache extids;          /* extids values by chunk number */
	chunk_cache docauth;         /* docauth values by chunk number */
	/* Since the last commit: bytes appended or in overflow pages, and
	 * per DB the writes that may each have copied one existing page. */
	size_t fresh_bytes;
	size_t touches[STORE_NDB];
};

static char open_detail[512];

const char *store_open_detail(void)
{
	return open_detail;
}

const char *store_path(const store *s)
{
	return s->path;
}

static char *path_with(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = mem_alloc(n);
	snprintf(p, n, "%s%s", path, suffix);
	return p;
}

static int take_writer_lock(const char *path, int *fd_out)
{
	char *lock = path_with(path, "-writer");
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	int rc = fd < 0 ? errno : 0;
	free(lock);
	if (rc)
		return rc;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		rc = errno == EWOULDBLOCK ? EBUSY : errno;
		close(fd);
		return rc;
	}
	*fd_out = fd;
	return 0;
}

/* Counts what a write may dirty: appends fill leaves with as many whole
 * nodes as fit, any other write may copy one existing page (a leaf;
 * branch pages are few next to leaves), and a value too large for a leaf
 * takes overflow pages of its own. */
static void charge(store_txn *t, store_db db, size_t key_n, size_t val_n, unsigned flags)
{
	size_t ps = t->s->psize, node = key_n + val_n + NODE_BYTES;
	if (node > ps / 2)
		t->fresh_bytes += (node + ps - 1) / ps * ps;
	else if (flags & MDB_APPEND)
		t->fresh_bytes += ps / ((ps - NODE_BYTES) / node);
	if (!(flags & MDB_APPEND))
		t->touches[db]++;
}

int store_put(store_txn *t, store_db db, MDB_val *key, MDB_val *val, unsigned flags)
{
	charge(t, db, key->mv_size, val->mv_size, flags);
	return mdb_put(t->txn, t->s->dbi[db], key, val, flags);
}

int store_del(store_txn *t, store_db db, MDB_val *key)
{
	charge(t, db, key->mv_size, 0, 0);
	return mdb_del(t->txn, t->s->dbi[db], key, NULL);
}

static int meta_get(MDB_txn *txn, MDB_dbi dbi, const char *key, MDB_val *v)
{
	MDB_val k = {strlen(key), (void *)key};
	return mdb_get(txn, dbi, &k, v);
}

static int meta_put(MDB_txn *txn, MDB_dbi dbi, const char *key, const void *p, size_t n)
{
	MDB_val k = {strlen(key), (void *)key}, v = {n, (void *)p};
	return mdb_put(txn, dbi, &k, &v, 0);
}

static void stats_encode(const store_stats *st, buf *b)
{
	uint64_t v[] = {st->ndocs, st->sum_len[0], st->sum_len[1], st->npostings, st->nterms,
			st->nauthors, st->next_docid, st->next_termid, st->next_authorid};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		buf_put_varint(b, v[i]);
}

/* Creates the schema in a new file, or checks version and analyzer of an
 * existing one. */
static int check_or_init(store *s, const char *analyzer)
{
	MDB_txn *txn;
	int write = s->flags & STORE_WRITE;
	int rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	if (rc)
		return rc;
	for (int i = 0; i < STORE_NDB; i++) {
		rc = mdb_dbi_open(txn, db_names[i], write ? MDB_CREATE : 0, &s->dbi[i]);
		if (rc == MDB_NOTFOUND && !write) {
			rc = PDX_ENOINDEX;
			goto fail;
		}
		if (rc)
			goto fail;
	}
	MDB_val v;
	rc = meta_get(txn, s->dbi[STORE_DB_META], "version", &v);
	if (rc == MDB_NOTFOUND) {
		if (!write) {
			rc = PDX_ENOINDEX;
			goto fail;
		}
		unsigned char ver[4] = {STORE_FORMAT_VERSION, 0, 0, 0};
		store_stats st = {.next_docid = 1, .next_termid = 1, .next_authorid = 1};
		buf b = BUF_INIT;
		stats_encode(&st, &b);
		if ((rc = meta_put(txn, s->dbi[STORE_DB_META], "version", ver, 4)) ||
		    (rc = meta_put(txn, s->dbi[STORE_DB_META], "analyzer", analyzer, strlen(analyzer))) ||
		    (rc = meta_put(txn, s->dbi[STORE_DB_META], "stats", b.p, b.n)) ||
		    (rc = meta_put(txn, s->dbi[STORE_DB_META], "frequent", "", 0))) {
			buf_free(&b);
			goto fail;
		}
		buf_free(&b);
		return mdb_txn_commit(txn);
	}
	if (rc)
		goto fail;
	const unsigned char *p = v.mv_data;
	uint32_t version = v.mv_size == 4 ? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
						  (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 : 0;
	if (version != STORE_FORMAT_VERSION) {
		snprintf(open_detail, sizeof open_detail,
			 "index format version %u, this paperdex reads version %u; rebuild it with paperdex-index --rebuild",
			 version, STORE_FORMAT_VERSION);
		rc = PDX_EVERSION;
		goto fail;
	}
	rc = meta_get(txn, s->dbi[STORE_DB_META], "analyzer", &v);
	if (rc)
		goto fail;
	if (v.mv_size != strlen(analyzer) || memcmp(v.mv_data, analyzer, v.mv_size) != 0) {
		snprintf(open_detail, sizeof open_detail,
			 "the index was analyzed with \"%.*s\" but this paperdex analyzes with \"%s\"; rebuild it with paperdex-index --rebuild",
			 (int)(v.mv_size > 200 ? 200 : v.mv_size), (const char *)v.mv_data, analyzer);
		rc = PDX_EANALYZER;
		goto fail;
	}
	/* Commit even a read transaction: aborting it would close the dbi
	 * handles opened in it. */
	return mdb_txn_commit(txn);
fail:
	mdb_txn_abort(txn);
	return rc;
}

int store_open(const char *path, unsigned flags, const char *analyzer, store **out)
{
	*out = NULL;
	open_detail[0] = '\0';
	store *s = mem_calloc(1, sizeof *s);
	s->path = mem_strdup(path);
	s->flags = flags;
	s->writer_fd = -1;
	int rc;
	if (!(flags & STORE_WRITE)) {
		struct stat st;
		if (stat(path, &st) != 0) {
			rc = errno == ENOENT ? PDX_ENOINDEX : errno;
			goto fail;
		}
		/* An empty file (touch, a copy cut short) holds no index yet;
		 * LMDB would try to initialize it read-only and fail with EBADF. */
		if (st.st_size == 0) {
			rc = PDX_ENOINDEX;
			goto fail;
		}
	} else if ((rc = take_writer_lock(path, &s->writer_fd))) {
		if (rc == EBUSY)
			snprintf(open_detail, sizeof open_detail,
				 "another paperdex-index is writing %s", path);
		goto fail;
	}
	if (flags & STORE_FRESH) {
		/* The rebuild will replace path: never a file that is no LMDB
		 * file at all (a corpus given to -d by mistake). An index of
		 * another version or analyzer is what --rebuild is for. */
		store *old;
		rc = store_open(path, STORE_READ, analyzer, &old);
		store_close(old);
		open_detail[0] = '\0';
		if (rc == MDB_INVALID) {
			snprintf(open_detail, sizeof open_detail,
				 "not an index (not an LMDB file); --rebuild replaces only an index");
			goto fail;
		}
	}
	s->data_path = (flags & STORE_FRESH) ? path_with(path, ".new") : mem_strdup(path);
	if (flags & STORE_FRESH) {
		/* Left over by a killed build: nobody else writes it (we hold the lock). */
		char *lock = path_with(s->data_path, "-lock");
		unlink(s->data_path);
		unlink(lock);
		free(lock);
	}
	if ((rc = mdb_env_create(&s->env)) || (rc = mdb_env_set_maxdbs(s->env, STORE_NDB)))
		goto fail;
	if (flags & STORE_WRITE) {
		struct stat st;
		size_t map = STORE_MIN_MAPSIZE;
		if (stat(s->data_path, &st) == 0 && (uint64_t)st.st_size * 2 > map &&
		    (uint64_t)st.st_size * 2 <= SIZE_MAX)
			map = (size_t)st.st_size * 2;
		if ((rc = mdb_env_set_mapsize(s->env, map)))
			goto fail;
	}
	/* A fresh build is invisible until published, and store_publish syncs
	 * it: its intermediate commits need not wait for the disk. */
	unsigned envflags = MDB_NOSUBDIR | ((flags & STORE_WRITE) ? 0 : MDB_RDONLY) |
			    ((flags & STORE_FRESH) ? MDB_NOSYNC : 0);
	rc = mdb_env_open(s->env, s->data_path, envflags, 0644);
	if (rc == EACCES && !(flags & STORE_WRITE))
		rc = mdb_env_open(s->env, s->data_path, envflags | MDB_NOLOCK, 0644);
	if (rc)
		goto fail;
	MDB_stat ms;
	if ((rc = mdb_env_stat(s->env, &ms)))
		goto fail;
	s->psize = ms.ms_psize;
	s->dirty_max = DIRTY_MAX;
	if ((rc = check_or_init(s, analyzer)))
		goto fail;
	/* Reader slots of killed searchers would pin old pages forever. */
	if (flags & STORE_WRITE) {
		int dead;
		mdb_reader_check(s->env, &dead);
	}
	*out = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->env)
		mdb_env_close(s->env);
	if ((s->flags & STORE_FRESH) && !s->fresh_published && s->data_path) {
		char *lock = path_with(s->data_path, "-lock");
		unlink(s->data_path);
		unlink(lock);
		free(lock);
	}
	if (s->writer_fd >= 0)
		close(s->writer_fd);
	free(s->path);
	free(s->data_path);
	free(s);
}

int store_publish(store *s)
{
	if (!(s->flags & STORE_FRESH))
		return 0;
	/* Readers that open between the two renames see either file with
	 * either lock; both meta pages of both files are complete indexes
	 * (see store_txn_commit), so any combination is a consistent index. */
	int rc = mdb_env_sync(s->env, 1);
	if (rc)
		return rc;
	mdb_env_close(s->env);
	s->env = NULL;
	char *new_lock = path_with(s->data_path, "-lock"), *lock = path_with(s->path, "-lock");
	rc = rename(new_lock, lock) == 0 && rename(s->data_path, s->path) == 0 ? 0 : errno;
	free(new_lock);
	free(lock);
	if (!rc)
		s->fresh_published = 1;
	return rc;
}

int store_txn_begin(store *s, int write, store_txn **out)
{
	*out = NULL;
	store_txn *t = mem_calloc(1, sizeof *t);
	t->s = s;
	t->write = write;
	int rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
	if (rc) {
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

static void cache_reset(chunk_cache *c)
{
	free(c->v);
	free(c->state);
	memset(c, 0, sizeof *c);
}

static void lens_reset(store_txn *t)
{
	free(t->terms.slot);
	free(t->terms.arena);
	memset(&t->terms, 0, sizeof t->terms);
	free(t->freq.term);
	memset(&t->freq, 0, sizeof t->freq);
	cache_reset(&t->lens);
	cache_reset(&t->extids);
	cache_reset(&t->docauth);
}

/* A fresh build commits twice at the end so that both LMDB meta pages
 * describe the complete index (see store_publish). */
static int commit_twice(store_txn *t)
{
	int rc = mdb_txn_commit(t->txn);
	t->txn = NULL;
	if (rc)
		return rc;
	MDB_txn *txn;
	if ((rc = mdb_txn_begin(t->s->env, NULL, 0, &txn)))
		return rc;
	unsigned char one = 1;
	if ((rc = meta_put(txn, t->s->dbi[STORE_DB_META], "complete", &one, 1))) {
		mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

int store_txn_commit(store_txn *t)
{
	int rc;
	if (t->write && (t->s->flags & STORE_FRESH))
		rc = commit_twice(t);
	else
		rc = mdb_txn_commit(t->txn);
	lens_reset(t);
	free(t);
	return rc;
}

void store_txn_abort(store_txn *t)
{
	if (!t)
		return;
	if (t->txn)
		mdb_txn_abort(t->txn);
	lens_reset(t);
	free(t);
}

/* Random lookups (ids, B-tree paths) fault pages in, and the kernel maps
 * their neighbours too (fault-around, whole large folios): as the DBs'
 * pages are interleaved in the file, a pass over the authors DB maps most
 * of the file, and in time all of it would sit in a long build's resident
 * set. Dropping the mapping of a read-only shared file changes no content:
 * a later read maps the cached page again. Dropping costs a walk of the
 * map's page tables, hence only past the threshold, read from
 * /proc/self/statm (its "shared" count is the resident file pages). LMDB
 * does not expose the map's address, so it is looked up once in
 * /proc/self/maps by the data file's device and inode; without /proc
 * nothing is released. */
static int find_map(store *s)
{
	int fd;
	struct stat st;
	char line[1024];
	FILE *f;
	if (mdb_env_get_fd(s->env, &fd) || fstat(fd, &st) || !(f = fopen("/proc/self/maps", "r")))
		return -1;
	while (!s->map_lo && fgets(line, sizeof line, f)) {
		unsigned long lo, hi, ino;
		unsigned maj, min;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s %*x %x:%x %lu", &lo, &hi, perms, &maj, &min, &ino) == 6 &&
		    ino == (unsigned long)st.st_ino && maj == major(st.st_dev) && min == minor(st.st_dev) &&
		    perms[3] == 's') {
			s->map_lo = lo;
			s->map_hi = hi;
		}
	}
	fclose(f);
	return s->map_lo ? 0 : -1;
}

void store_release_map(store_txn *t)
{
	store *s = t->s;
	unsigned long size, resident, shared;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return;
	int got = fscanf(f, "%lu %lu %lu", &size, &resident, &shared);
	fclose(f);
	long page = sysconf(_SC_PAGESIZE);
	if (got != 3 || page <= 0 || shared * (unsigned long)page <= MAP_KEEP)
		return;
	MDB_envinfo info;
	if ((!s->map_lo && find_map(s)) || mdb_env_info(s->env, &info))
		return;
	size_t used = ((size_t)info.me_last_pgno + 1) * s->psize;
	size_t n = s->map_hi - s->map_lo;
	madvise((void *)s->map_lo, used < n ? used : n, MADV_DONTNEED);
}

void store_set_dirty_max(store *s, size_t bytes)
{
	s->dirty_max = bytes;
}

int store_txn_checkpoint_due(const store_txn *t)
{
	if (!t->write || !(t->s->flags & STORE_FRESH))
		return 0;
	size_t ps = t->s->psize, max = t->s->dirty_max, dirty = t->fresh_bytes;
	for (int db = 0; db < STORE_NDB && dirty < max; db++) {
		/* Writes into a small tree copy at most all of its pages. */
		size_t pages = t->touches[db];
		MDB_stat ms;
		if (pages * ps > max / 8 && mdb_stat(t->txn, t->s->dbi[db], &ms) == 0) {
			size_t have = ms.ms_branch_pages + ms.ms_leaf_pages;
			if (have < pages)
				pages = have;
		}
		dirty += pages * ps;
	}
	return dirty >= max;
}

int store_txn_checkpoint(store_txn *t)
{
	if (!t->write || !(t->s->flags & STORE_FRESH))
		return 0;
	lens_reset(t);
	t->fresh_bytes = 0;
	memset(t->touches, 0, sizeof t->touches);
	int rc = mdb_txn_commit(t->txn);
	t->txn = NULL;
	if (rc)
		return rc;
	return mdb_txn_begin(t->s->env, NULL, 0, &t->txn);
}

int store_txn_checkpoint_if_due(store_txn *t)
{
	return store_txn_checkpoint_due(t) ? store_txn_checkpoint(t) : 0;
}

MDB_txn *store_txn_mdb(store_txn *t)
{
	return t->txn;
}

MDB_dbi store_dbi(const store_txn *t, store_db db)
{
	return t->s->dbi[db];
}

int store_fresh(const store_txn *t)
{
	return t->write && (t->s->flags & STORE_FRESH);
}

int store_stats_get(store_txn *t, store_stats *st)
{
	MDB_val v;
	int rc = meta_get(t->txn, t->s->dbi[STORE_DB_META], "stats", &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ECORRUPT : rc;
	const unsigned char *p = v.mv_data, *end = p + v.mv_size;
	uint64_t x[9];
	for (size_t i = 0; i < 9; i++)
		if (buf_get_varint(&p, end, &x[i]))
			return PDX_ECORRUPT;
	if (p != end || x[6] > UINT32_MAX || x[7] > UINT32_MAX || x[8] > UINT32_MAX || x[6] == 0)
		return PDX_ECORRUPT;
	*st = (store_stats){.ndocs = x[0], .sum_len = {x[1], x[2]}, .npostings = x[3],
			    .nterms = x[4], .nauthors = x[5], .next_docid = (uint32_t)x[6],
			    .next_termid = (uint32_t)x[7], .next_authorid = (uint32_t)x[8]};
	return 0;
}

int store_stats_put(store_txn *t, const store_stats *st)
{
	buf b = BUF_INIT;
	stats_encode(st, &b);
	int rc = meta_put(t->txn, t->s->dbi[STORE_DB_META], "stats", b.p, b.n);
	buf_free(&b);
	return rc;
}

int store_term_decode(const MDB_val *v, store_term *out)
{
	const unsigned char *p = v->mv_data, *end = p + v->mv_size;
	if (buf_get_u32(&p, end, &out->termid) || buf_get_u32(&p, end, &out->df) ||
	    buf_get_varint(&p, end, &out->cf) || buf_get_u32(&p, end, &out->max_tf[0]) ||
	    buf_get_u32(&p, end, &out->max_tf[1]) || buf_get_u32(&p, end, &out->min_len[0]) ||
	    buf_get_u32(&p, end, &out->min_len[1]) || buf_get_u32(&p, end, &out->nchunks) ||
	    buf_get_lstr(&p, end, &out->surface, &out->surface_len) || p != end)
		return PDX_ECORRUPT;
	return 0;
}

/* ---- frequent terms ------------------------------------------------------ */

/* The terms DB's key order (LMDB's default): bytes, then shorter first. */
static int key_cmp(const void *a, size_t an, const void *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}

static int cmp_val(const void *a, const void *b)
{
	const MDB_val *x = a, *y = b;
	return key_cmp(x->mv_data, x->mv_size, y->mv_data, y->mv_size);
}

/* The "frequent" value for ndocs papers, from the dictionary, into out.
 * Metadata terms sort first (STORE_META_PREFIX) and are skipped. */
static int frequent_build(store_txn *t, uint64_t ndocs, buf *out)
{
	MDB_cursor *mc;
	int rc = mdb_cursor_open(t->txn, t->s->dbi[STORE_DB_TERMS], &mc);
	if (rc)
		return rc;
	const char past_meta = STORE_META_PREFIX + 1;
	MDB_val k = {1, (void *)&past_meta}, v;
	for (rc = mdb_cursor_get(mc, &k, &v, MDB_SET_RANGE); !rc; rc = mdb_cursor_get(mc, &k, &v, MDB_NEXT)) {
		store_term st;
		if ((rc = store_term_decode(&v, &st)))
			break;
		if (store_df_frequent(st.df, ndocs))
			buf_put_lstr(out, k.mv_data, k.mv_size);
	}
	mdb_cursor_close(mc);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int store_frequent_put(store_txn *t, uint64_t ndocs)
{
	buf b = BUF_INIT;
	int rc = frequent_build(t, ndocs, &b);
	if (!rc)
		rc = meta_put(t->txn, t->s->dbi[STORE_DB_META], "frequent", b.p ? (const void *)b.p : "", b.n);
	buf_free(&b);
	return rc;
}

int store_frequent_check(store_txn *t, uint64_t ndocs, int *same)
{
	*same = 0;
	buf b = BUF_INIT;
	MDB_val v;
	int rc = frequent_build(t, ndocs, &b);
	if (!rc && (rc = meta_get(t->txn, t->s->dbi[STORE_DB_META], "frequent", &v)) == MDB_NOTFOUND)
		rc = PDX_ENOTFOUND;
	if (!rc)
		*same = v.mv_size == b.n && (b.n == 0 || memcmp(v.mv_data, b.p, b.n) == 0);
	buf_free(&b);
	return rc;
}

static int frequent_load(store_txn *t)
{
	freq_list *f = &t->freq;
	if (f->loaded)
		return 0;
	MDB_val v;
	size_t cap = 0;
	int rc = meta_get(t->txn, t->s->dbi[STORE_DB_META], "frequent", &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ECORRUPT : rc;
	const unsigned char *p = v.mv_data, *end = p + v.mv_size;
	while (p < end) {
		const char *term;
		size_t n;
		if (buf_get_lstr(&p, end, &term, &n) || n == 0 ||
		    (f->n > 0 && key_cmp(f->term[f->n - 1].mv_data, f->term[f->n - 1].mv_size, term, n) >= 0))
			goto corrupt;
		f->term = mem_grow(f->term, &cap, f->n + 1, sizeof *f->term);
		f->term[f->n++] = (MDB_val){n, (void *)term};
	}
	f->loaded = 1;
	return 0;
corrupt:
	free(f->term);
	memset(f, 0, sizeof *f);
	return PDX_ECORRUPT;
}

int store_term_frequent(store_txn *t, const char *term, size_t n, int *yes)
{
	*yes = 0;
	int rc = frequent_load(t);
	if (rc)
		return rc;
	MDB_val key = {n, (void *)term};
	*yes = t->freq.n > 0 && bsearch(&key, t->freq.term, t->freq.n, sizeof *t->freq.term, cmp_val);
	return 0;
}

int store_frequent_each(store_txn *t, int (*fn)(void *ctx, const char *term, size_t n), void *ctx)
{
	int rc = frequent_load(t);
	for (size_t i = 0; i < t->freq.n && !rc; i++)
		rc = fn(ctx, t->freq.term[i].mv_data, t->freq.term[i].mv_size);
	return rc;
}

static int term_lookup(store_txn *t, const char *term, size_t n, store_term *out)
{
	MDB_val k = {n, (void *)term}, v;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_TERMS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	return store_term_decode(&v, out);
}

/* term's slot in c: its own, or the empty one where it goes. */
static term_slot *term_slot_of(term_cache *c, const char *term, size_t n, uint32_t h)
{
	size_t mask = c->nslots - 1, i = h & mask;
	while (c->slot[i].hash &&
	       !(c->slot[i].hash == h && c->slot[i].len == n && memcmp(c->arena + c->slot[i].off, term, n) == 0))
		i = (i + 1) & mask;
	return &c->slot[i];
}

/* Makes room for one more entry: allocates, doubles (keeping the entries)
 * or empties the table. */
static void term_cache_room(term_cache *c)
{
	if (c->slot && c->used < c->nslots / 4 * 3)
		return;
	if (c->slot && c->nslots == TERM_CACHE_SLOTS) {
		memset(c->slot, 0, c->nslots * sizeof *c->slot);
		c->used = 0;
		c->arena_n = 0;
		return;
	}
	size_t n = c->slot ? c->nslots * 2 : TERM_CACHE_MIN_SLOTS, mask = n - 1;
	term_slot *slot = mem_calloc(n, sizeof *slot);
	for (size_t j = 0; c->slot && j < c->nslots; j++) {
		if (!c->slot[j].hash)
			continue;
		size_t i = c->slot[j].hash & mask;
		while (slot[i].hash)
			i = (i + 1) & mask;
		slot[i] = c->slot[j];
	}
	free(c->slot);
	c->slot = slot;
	c->nslots = n;
}

int store_term_get(store_txn *t, const char *term, size_t n, store_term *out)
{
	if (t->write || n > UINT32_MAX)
		return term_lookup(t, term, n, out);
	term_cache *c = &t->terms;
	term_cache_room(c);
	uint32_t h = text_hash(term, n) | 1;
	term_slot *sl = term_slot_of(c, term, n, h);
	if (!sl->hash) {
		store_term st = {0};
		int rc = term_lookup(t, term, n, &st);
		if (rc && rc != PDX_ENOTFOUND)
			return rc;
		c->arena = mem_grow(c->arena, &c->arena_cap, c->arena_n + n, 1);
		memcpy(c->arena + c->arena_n, term, n);
		*sl = (term_slot){h, (uint32_t)n, c->arena_n, rc == 0, st};
		c->arena_n += n;
		c->used++;
	}
	if (!sl->found)
		return PDX_ENOTFOUND;
	*out = sl->st;
	return 0;
}

int store_term_put(store_txn *t, const char *term, size_t n, const store_term *st,
		   unsigned flags)
{
	buf b = BUF_INIT;
	buf_put_varint(&b, st->termid);
	buf_put_varint(&b, st->df);
	buf_put_varint(&b, st->cf);
	buf_put_varint(&b, st->max_tf[0]);
	buf_put_varint(&b, st->max_tf[1]);
	buf_put_varint(&b, st->min_len[0]);
	buf_put_varint(&b, st->min_len[1]);
	buf_put_varint(&b, st->nchunks);
	buf_put_lstr(&b, st->surface ? st->surface : "", st->surface ? st->surface_len : 0);
	MDB_val k = {n, (void *)term}, v = {b.n, b.p};
	int rc = store_put(t, STORE_DB_TERMS, &k, &v, flags);
	buf_free(&b);
	return rc;
}

int store_term_del(store_txn *t, const char *term, size_t n)
{
	MDB_val k = {n, (void *)term};
	int rc = store_del(t, STORE_DB_TERMS, &k);
	return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
}

void store_meta_term(buf *out, int kind, const char *value, size_t n)
{
	buf_putc(out, STORE_META_PREFIX);
	buf_putc(out, kind);
	if (kind == STORE_META_AUTHOR)
		buf_put(out, value, n);
	else
		text_fold(out, value, n);
}

void store_chunk_key(unsigned char key[8], uint32_t termid, uint32_t last_docid)
{
	u32be_put(key, termid);
	u32be_put(key + 4, last_docid);
}

int store_doc_get(store_txn *t, uint32_t docid, const void **rec, size_t *n)
{
	unsigned char kb[4];
	u32be_put(kb, docid);
	MDB_val k = {4, kb}, v;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_DOCS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	*rec = v.mv_data;
	*n = v.mv_size;
	return 0;
}

int store_docid_get(store_txn *t, const char *id, size_t n, uint32_t *docid)
{
	MDB_val k = {n, (void *)id}, v;
	if (n == 0 || n > 511)
		return PDX_ENOTFOUND;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_IDS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	if (v.mv_size != 4)
		return PDX_ECORRUPT;
	*docid = u32be_get(v.mv_data);
	return 0;
}


static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void le32_put(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* The value of chunk in db, through the transaction's cache; mv_size 0
 * when absent. */
static int cache_get(store_txn *t, chunk_cache *c, store_db db, uint32_t chunk, MDB_val *out)
{
	if (chunk >= c->n) {
		size_t old = c->n, want = (size_t)chunk + 1 > 2 * old ? (size_t)chunk + 1 : 2 * old;
		c->v = mem_realloc(c->v, want * sizeof *c->v);
		c->state = mem_realloc(c->state, want);
		memset(c->state + old, 0, want - old);
		c->n = want;
	}
	if (!c->state[chunk]) {
		unsigned char kb[4];
		u32be_put(kb, chunk);
		MDB_val k = {4, kb};
		int rc = mdb_get(t->txn, t->s->dbi[db], &k, &c->v[chunk]);
		if (rc && rc != MDB_NOTFOUND)
			return rc;
		c->state[chunk] = rc ? 2 : 1;
	}
	if (c->state[chunk] == 2)
		*out = (MDB_val){0, NULL};
	else
		*out = c->v[chunk];
	return 0;
}

static int lens_chunk(store_txn *t, uint32_t chunk, const unsigned char **p, size_t *n)
{
	MDB_val v;
	int rc = cache_get(t, &t->lens, STORE_DB_DOCLENS, chunk, &v);
	if (rc)
		return rc;
	if (v.mv_size % 8 || v.mv_size > 8 * STORE_DOCLEN_CHUNK)
		return PDX_ECORRUPT;
	*p = v.mv_data;
	*n = v.mv_size / 8;
	return 0;
}

/* A chunked table value (extids, docauth): u16 count, count + 1 u32
 * offsets into the bytes that follow, all little-endian; item i is bytes
 * [off[i], off[i + 1]), empty for a docid without a paper. */
typedef struct blob_chunk {
	uint32_t count;
	const unsigned char *off, *data;
	size_t data_n;
} blob_chunk;

static int blob_parse(const MDB_val *v, blob_chunk *b)
{
	const unsigned char *p = v->mv_data;
	if (v->mv_size < 2)
		return PDX_ECORRUPT;
	uint32_t n = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	size_t head = 2 + 4 * ((size_t)n + 1);
	if (n > STORE_BLOB_CHUNK || v->mv_size < head)
		return PDX_ECORRUPT;
	*b = (blob_chunk){n, p + 2, p + head, v->mv_size - head};
	return 0;
}

/* Item i of a parsed chunk; PDX_ENOTFOUND when absent or empty. */
static int blob_item(const blob_chunk *b, uint32_t i, const unsigned char **item, size_t *n)
{
	if (i >= b->count)
		return PDX_ENOTFOUND;
	uint32_t x = le32(b->off + 4 * i), y = le32(b->off + 4 * (i + 1));
	if (x > y || y > b->data_n)
		return PDX_ECORRUPT;
	if (x == y)
		return PDX_ENOTFOUND;
	*item = b->data + x;
	*n = y - x;
	return 0;
}

/* The item of docid in table db, through the transaction's cache. */
static int blob_get(store_txn *t, chunk_cache *c, store_db db, uint32_t docid,
		    const unsigned char **item, size_t *n)
{
	MDB_val v;
	blob_chunk b;
	int rc = cache_get(t, c, db, docid / STORE_BLOB_CHUNK, &v);
	if (rc)
		return rc;
	if (v.mv_size == 0)
		return PDX_ENOTFOUND;
	if (blob_parse(&v, &b))
		return PDX_ECORRUPT;
	return blob_item(&b, docid % STORE_BLOB_CHUNK, item, n);
}

/* Sets the items of count consecutive docids from first (a NULL item or a
 * length 0 clears a docid), rewriting each chunk touched once. */
static int blob_put(store_txn *t, store_db db, uint32_t first, size_t count,
		    const void *const *items, const size_t *lens)
{
	lens_reset(t);
	buf out = BUF_INIT, old = BUF_INIT;
	const unsigned char *cur[STORE_BLOB_CHUNK];
	size_t curn[STORE_BLOB_CHUNK];
	size_t done = 0;
	int rc = 0;
	while (done < count && !rc) {
		uint32_t docid = first + (uint32_t)done;
		uint32_t chunk = docid / STORE_BLOB_CHUNK, i = docid % STORE_BLOB_CHUNK;
		size_t k = STORE_BLOB_CHUNK - i < count - done ? STORE_BLOB_CHUNK - i : count - done;
		unsigned char kb[4];
		u32be_put(kb, chunk);
		MDB_val key = {4, kb}, v;
		uint32_t have = 0;
		buf_clear(&old);
		rc = mdb_get(t->txn, t->s->dbi[db], &key, &v);
		if (rc == 0) {
			/* Copied: the put below may move the value. */
			buf_put(&old, v.mv_data, v.mv_size);
			MDB_val copy = {old.n, old.p};
			blob_chunk b;
			if (blob_parse(&copy, &b)) {
				rc = PDX_ECORRUPT;
				break;
			}
			have = b.count;
			for (uint32_t j = 0; j < have && !rc; j++) {
				int r = blob_item(&b, j, &cur[j], &curn[j]);
				if (r == PDX_ENOTFOUND)
					curn[j] = 0;
				else if (r)
					rc = r;
			}
		} else if (rc == MDB_NOTFOUND) {
			rc = 0;
		}
		if (rc)
			break;
		uint32_t n = have > i + k ? have : (uint32_t)(i + k);
		for (uint32_t j = have; j < n; j++)
			curn[j] = 0;
		for (size_t j = 0; j < k; j++) {
			cur[i + j] = items[done + j];
			curn[i + j] = items[done + j] ? lens[done + j] : 0;
		}
		buf_clear(&out);
		unsigned char b4[4];
		buf_putc(&out, (int)(n & 0xff));
		buf_putc(&out, (int)(n >> 8));
		uint32_t at = 0;
		for (uint32_t j = 0; j <= n; j++) {
			le32_put(b4, at);
			buf_put(&out, b4, 4);
			if (j < n)
				at += (uint32_t)curn[j];
		}
		for (uint32_t j = 0; j < n; j++)
			if (curn[j])
				buf_put(&out, cur[j], curn[j]);
		v = (MDB_val){out.n, out.p};
		rc = store_put(t, db, &key, &v, 0);
		done += k;
	}
	buf_free(&out);
	buf_free(&old);
	return rc;
}

int store_extid(store_txn *t, uint32_t docid, const char **id, size_t *n)
{
	const unsigned char *p;
	int rc = blob_get(t, &t->extids, STORE_DB_EXTIDS, docid, &p, n);
	if (!rc)
		*id = (const char *)p;
	return rc;
}

int store_extids_put(store_txn *t, uint32_t first, size_t count, const char *const *ids)
{
	size_t *lens = mem_alloc((count + 1) * sizeof *lens);
	for (size_t i = 0; i < count; i++)
		lens[i] = ids[i] ? strlen(ids[i]) : 0;
	int rc = blob_put(t, STORE_DB_EXTIDS, first, count, (const void *const *)ids, lens);
	free(lens);
	return rc;
}

int store_docauth_put(store_txn *t, uint32_t first, size_t count, const uint32_t *const *ids,
		      const size_t *nids)
{
	buf *enc = mem_calloc(count + 1, sizeof *enc);
	const void **items = mem_calloc(count + 1, sizeof *items);
	size_t *lens = mem_calloc(count + 1, sizeof *lens);
	for (size_t i = 0; i < count; i++) {
		if (!ids[i] || !nids[i])
			continue;
		for (size_t j = 0; j < nids[i]; j++)
			buf_put_varint(&enc[i], ids[i][j]);
		items[i] = enc[i].p;
		lens[i] = enc[i].n;
	}
	int rc = blob_put(t, STORE_DB_DOCAUTH, first, count, items, lens);
	for (size_t i = 0; i < count; i++)
		buf_free(&enc[i]);
	free(enc);
	free(items);
	free(lens);
	return rc;
}

void store_docauth_prefetch(store_txn *t, uint32_t docid)
{
	MDB_val v;
	if (cache_get(t, &t->docauth, STORE_DB_DOCAUTH, docid / STORE_BLOB_CHUNK, &v))
		return;
	size_t at = 2 + 4 * (size_t)(docid % STORE_BLOB_CHUNK);
	if (at < v.mv_size)
		__builtin_prefetch((const char *)v.mv_data + at);
}

int store_docauth_get(store_txn *t, uint32_t docid, uint32_t *ids, size_t cap, size_t *n)
{
	const unsigned char *p;
	size_t len;
	int rc = blob_get(t, &t->docauth, STORE_DB_DOCAUTH, docid, &p, &len);
	if (rc == PDX_ENOTFOUND) {
		*n = 0;
		return 0;
	}
	if (rc)
		return rc;
	const unsigned char *end = p + len;
	size_t count = 0;
	while (p < end) {
		uint32_t id;
		if (buf_get_u32(&p, end, &id) || id == 0)
			return PDX_ECORRUPT;
		if (count < cap)
			ids[count] = id;
		count++;
	}
	*n = count;
	return 0;
}

int store_doclens_chunk(store_txn *t, uint32_t docid, const unsigned char **p, size_t *n)
{
	return lens_chunk(t, docid / STORE_DOCLEN_CHUNK, p, n);
}

void store_doclens_at(const unsigned char *p, size_t n, uint32_t i, uint32_t len[POST_FIELDS])
{
	if (i >= n) {
		len[0] = len[1] = 0;
		return;
	}
	len[0] = le32(p + 8 * (size_t)i);
	len[1] = le32(p + 8 * (size_t)i + 4);
}

int store_doclen(store_txn *t, uint32_t docid, uint32_t len[POST_FIELDS])
{
	const unsigned char *p;
	size_t n;
	int rc = lens_chunk(t, docid / STORE_DOCLEN_CHUNK, &p, &n);
	if (rc)
		return rc;
	store_doclens_at(p, n, docid % STORE_DOCLEN_CHUNK, len);
	return 0;
}

int store_doclens_put(store_txn *t, uint32_t first, size_t count, const uint32_t (*lens)[POST_FIELDS])
{
	unsigned char val[8 * STORE_DOCLEN_CHUNK];
	size_t done = 0;
	lens_reset(t);
	while (done < count) {
		uint32_t docid = first + (uint32_t)done;
		uint32_t chunk = docid / STORE_DOCLEN_CHUNK, i = docid % STORE_DOCLEN_CHUNK;
		size_t k = STORE_DOCLEN_CHUNK - i < count - done ? STORE_DOCLEN_CHUNK - i : count - done;
		unsigned char kb[4];
		u32be_put(kb, chunk);
		MDB_val key = {4, kb}, v;
		size_t n = 0;
		int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_DOCLENS], &key, &v);
		if (rc == 0) {
			if (v.mv_size % 8 || v.mv_size > sizeof val)
				return PDX_ECORRUPT;
			n = v.mv_size;
			memcpy(val, v.mv_data, n);
		} else if (rc != MDB_NOTFOUND) {
			return rc;
		}
		size_t need = 8 * (i + k);
		if (need > n) {
			memset(val + n, 0, need - n);
			n = need;
		}
		for (size_t j = 0; j < k; j++) {
			le32_put(val + 8 * (i + j), lens[done + j][0]);
			le32_put(val + 8 * (i + j) + 4, lens[done + j][1]);
		}
		v.mv_size = n;
		v.mv_data = val;
		if ((rc = store_put(t, STORE_DB_DOCLENS, &key, &v, 0)))
			return rc;
		done += k;
	}
	return 0;
}

typedef struct author_rec {
	uint32_t authorid, npapers, nvariants;
	const unsigned char *variants;  /* the encoded variant list */
	size_t variants_n;
} author_rec;

static int author_decode(const MDB_val *v, author_rec *a)
{
	const unsigned char *p = v->mv_data, *end = p + v->mv_size;
	if (buf_get_u32(&p, end, &a->authorid) || buf_get_u32(&p, end, &a->npapers) ||
	    buf_get_u32(&p, end, &a->nvariants) || a->nvariants == 0)
		return PDX_ECORRUPT;
	a->variants = p;
	a->variants_n = (size_t)(end - p);
	return 0;
}

/* Display forms: the most frequent wins; a tie goes to the form that is
 * not all capitals, then to the one with more non-ASCII bytes (diacritics
 * kept), then to the bytewise smaller, so the choice never depends on the
 * order papers were added in. */
static int display_better(const char *a, size_t an, uint32_t ac, const char *b, size_t bn, uint32_t bc)
{
	if (ac != bc)
		return ac > bc;
	int a_caps = 1, b_caps = 1;
	size_t a_hi = 0, b_hi = 0;
	for (size_t i = 0; i < an; i++) {
		a_caps &= !(a[i] >= 'a' && a[i] <= 'z');
		a_hi += (unsigned char)a[i] >= 0x80;
	}
	for (size_t i = 0; i < bn; i++) {
		b_caps &= !(b[i] >= 'a' && b[i] <= 'z');
		b_hi += (unsigned char)b[i] >= 0x80;
	}
	if (a_caps != b_caps)
		return b_caps;
	if (a_hi != b_hi)
		return a_hi > b_hi;
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c < 0 : an < bn;
}

int store_author_get(store_txn *t, const char *key, size_t n, store_author *out)
{
	MDB_val k = {n, (void *)key}, v;
	if (n == 0 || n > 511)
		return PDX_ENOTFOUND;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_AUTHORS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	author_rec a;
	if (author_decode(&v, &a))
		return PDX_ECORRUPT;
	const unsigned char *p = a.variants, *end = p + a.variants_n;
	uint32_t best = 0;
	out->name = NULL;
	for (uint32_t i = 0; i < a.nvariants; i++) {
		const char *s;
		size_t sn;
		uint32_t count;
		if (buf_get_lstr(&p, end, &s, &sn) || buf_get_u32(&p, end, &count))
			return PDX_ECORRUPT;
		if (!out->name || display_better(s, sn, count, out->name, out->name_len, best)) {
			out->name = s;
			out->name_len = sn;
			best = count;
		}
	}
	if (p != end)
		return PDX_ECORRUPT;
	out->authorid = a.authorid;
	out->npapers = a.npapers;
	return 0;
}

int store_author_read(store_txn *t, const char *key, size_t n, uint32_t *authorid,
		      uint32_t *npapers, store_variant *v, size_t cap, size_t *nv)
{
	MDB_val k = {n, (void *)key}, val;
	if (n == 0 || n > 511)
		return PDX_ENOTFOUND;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_AUTHORS], &k, &val);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	author_rec a;
	if (author_decode(&val, &a))
		return PDX_ECORRUPT;
	const unsigned char *p = a.variants, *end = p + a.variants_n;
	for (uint32_t i = 0; i < a.nvariants; i++) {
		const char *s;
		size_t sn;
		uint32_t count;
		if (buf_get_lstr(&p, end, &s, &sn) || buf_get_u32(&p, end, &count))
			return PDX_ECORRUPT;
		if (i < cap)
			v[i] = (store_variant){s, sn, count};
	}
	if (p != end)
		return PDX_ECORRUPT;
	*authorid = a.authorid;
	*npapers = a.npapers;
	*nv = a.nvariants;
	return 0;
}

int store_author_write(store_txn *t, const char *key, size_t n, uint32_t authorid,
		       uint32_t npapers, const store_variant *v, size_t nv, unsigned flags)
{
	MDB_val k = {n, (void *)key};
	int rc;
	if (n == 0 || n > 511)
		return 0;  /* LMDB's key limit; such names are not authors */
	if (npapers == 0) {
		rc = store_del(t, STORE_DB_AUTHORS, &k);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	buf b = BUF_INIT;
	buf_put_varint(&b, authorid);
	buf_put_varint(&b, npapers);
	buf_put_varint(&b, nv);
	for (size_t i = 0; i < nv; i++) {
		buf_put_lstr(&b, v[i].name, v[i].len);
		buf_put_varint(&b, v[i].count);
	}
	MDB_val val = {b.n, b.p};
	rc = store_put(t, STORE_DB_AUTHORS, &k, &val, flags);
	buf_free(&b);
	return rc;
}

int store_authorid_put(store_txn *t, uint32_t authorid, const char *key, size_t n, unsigned flags)
{
	unsigned char kb[4];
	u32be_put(kb, authorid);
	MDB_val k = {4, kb}, v = {n, (void *)key};
	return store_put(t, STORE_DB_AUTHORIDS, &k, &v, flags);
}

int store_authorid_del(store_txn *t, uint32_t authorid)
{
	unsigned char kb[4];
	u32be_put(kb, authorid);
	MDB_val k = {4, kb};
	int rc = store_del(t, STORE_DB_AUTHORIDS, &k);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int store_authorid_key(store_txn *t, uint32_t authorid, const char **key, size_t *n)
{
	unsigned char kb[4];
	u32be_put(kb, authorid);
	MDB_val k = {4, kb}, v;
	int rc = mdb_get(t->txn, t->s->dbi[STORE_DB_AUTHORIDS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? PDX_ENOTFOUND : rc;
	*key = v.mv_data;
	*n = v.mv_size;
	return 0;
}

int store_size(store *s, uint64_t *used, uint64_t *file)
{
	MDB_envinfo info;
	MDB_stat st;
	int rc = mdb_env_info(s->env, &info);
	if (!rc)
		rc = mdb_env_stat(s->env, &st);
	if (rc)
		return rc;
	*used = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
	struct stat fs;
	if (stat(s->data_path, &fs) != 0)
		return errno;
	*file = (uint64_t)fs.st_size;
	return 0;
}
