/* store — the LMDB environment, its named databases, their key and value
 * layouts, the format version and the analyzer check. The full on-disk
 * schema is documented at the top of store.c; the chunk layout in
 * postings.c.
 *
 * An index is one LMDB file (PATH) plus its lock file (PATH-lock). Writers
 * also hold PATH-writer (flock) so two indexers never interleave. A write
 * is one LMDB transaction: readers see the last committed index, and a
 * killed writer leaves it intact. A STORE_FRESH writer builds a new file
 * beside PATH (PATH.new), may commit it in steps to bound memory, and
 * store_publish() swaps it in with rename(2), so the old index stays
 * readable until the new one is complete.
 *
 * Pointers returned by the accessors below point into LMDB's map: they are
 * borrowed and valid only until the end of the transaction (for a write
 * transaction, until the next write to the same database). */
#ifndef PDX_STORE_H
#define PDX_STORE_H

#include <lmdb.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "postings.h"

#define STORE_FORMAT_VERSION 6
#define STORE_DOCLEN_CHUNK 1024  /* doc lengths per doclens value */
#define STORE_BLOB_CHUNK 256     /* docids per extids or docauth value */

/* Metadata terms (filters) start with this byte, which the analyzer never
 * produces, followed by a kind letter. */
#define STORE_META_PREFIX '\x01'
enum {
	STORE_META_YEAR = 'y',     /* "\x01y2021" */
	STORE_META_CATEGORY = 'c', /* "\x01clg", "\x01ccs.lg" (folded) */
	STORE_META_VENUE = 'v',    /* "\x01vneurips" */
	STORE_META_CODE = 'h',     /* "\x01hcode" */
	STORE_META_AUTHOR = 'a',   /* "\x01a" + author key */
	STORE_META_NAME = 'n'      /* "\x01n" + one folded word of an author name */
};

/* Appends the metadata term of the given kind for value to out: the
 * prefix, the kind letter and the value folded (text_fold). Author keys
 * (already folded) pass through unchanged. */
void store_meta_term(buf *out, int kind, const char *value, size_t n);

enum {
	STORE_READ = 0,
	STORE_WRITE = 1,  /* open (creating if missing) for writing in place */
	STORE_FRESH = 2   /* with STORE_WRITE: build a new file, publish at the end */
};

typedef enum store_db {
	STORE_DB_META, STORE_DB_TERMS, STORE_DB_POSTINGS, STORE_DB_POSITIONS,
	STORE_DB_DOCS, STORE_DB_IDS, STORE_DB_DOCLENS, STORE_DB_DOCAUTH,
	STORE_DB_AUTHORS, STORE_DB_AUTHORIDS, STORE_DB_EXTIDS, STORE_NDB
} store_db;

typedef struct store store;
typedef struct store_txn store_txn;

/* Collection statistics (meta key "stats"). */
typedef struct store_stats {
	uint64_t ndocs;               /* live papers */
	uint64_t sum_len[POST_FIELDS]; /* over live papers: BM25's average lengths */
	uint64_t npostings;           /* text postings (metadata terms excluded) */
	uint64_t nterms;              /* text terms */
	uint64_t nauthors;
	uint32_t next_docid;          /* docids are never reused; 0 is not a docid */
	uint32_t next_termid;
	uint32_t next_authorid;
} store_stats;

/* A term dictionary entry. */
typedef struct store_term {
	uint32_t termid;
	uint32_t df;
	uint64_t cf;                     /* total occurrences, all fields */
	uint32_t max_tf[POST_FIELDS];    /* over the whole list: pruning bounds */
	uint32_t min_len[POST_FIELDS];
	uint32_t nchunks;
	const char *surface;             /* an unstemmed form, for suggestions; borrowed */
	size_t surface_len;
} store_term;

/* Whether the term occurs in one of fields (bit f for field f of
 * postings.h): its largest tf there is not 0. */
static inline int store_term_in_fields(const store_term *st, unsigned fields)
{
	for (int f = 0; f < POST_FIELDS; f++)
		if ((fields >> f & 1) && st->max_tf[f] > 0)
			return 1;
	return 0;
}

/* An author entry: key -> id, paper count, display name. */
typedef struct store_author {
	uint32_t authorid;
	uint32_t npapers;
	const char *name;   /* the most frequent display form; borrowed */
	size_t name_len;
} store_author;

/* Opens the index at path. flags: STORE_READ, or STORE_WRITE [| STORE_FRESH].
 * analyzer is the analyzer's settings line: a new index records it; an
 * existing one must match it (else PDX_EANALYZER). Returns 0, PDX_ENOINDEX
 * (reading a missing index), PDX_EVERSION, PDX_EANALYZER, EBUSY (another
 * writer), an LMDB code or an errno value; *out is NULL on failure. */
int store_open(const char *path, unsigned flags, const char *analyzer, store **out);
/* Closes the environment; a STORE_FRESH build not yet published is
 * discarded. Accepts NULL. */
void store_close(store *s);
/* STORE_FRESH: makes the new file the index (atomic rename). Requires no
 * open transaction. Returns 0 or an errno value. */
int store_publish(store *s);
const char *store_path(const store *s);
/* Details of the last store_open failure (e.g. both analyzer settings
 * lines); a static buffer, "" when there are none. Not thread-safe. */
const char *store_open_detail(void);

int store_txn_begin(store *s, int write, store_txn **out);
int store_txn_commit(store_txn *t);
void store_txn_abort(store_txn *t);
/* 1 in a STORE_FRESH build once the writes since the last commit may have
 * dirtied the bytes of pages store_set_dirty_max allows (default 64 MB):
 * time for store_txn_checkpoint. */
int store_txn_checkpoint_due(const store_txn *t);
void store_set_dirty_max(store *s, size_t bytes);
/* In a STORE_FRESH build, commits and reopens the write transaction (what
 * bounds LMDB's dirty pages, hence the build's memory); a no-op otherwise.
 * The transaction handle stays valid; views into the map do not. */
int store_txn_checkpoint(store_txn *t);
/* store_txn_checkpoint when store_txn_checkpoint_due: for writers with
 * nothing of their own to write first. */
int store_txn_checkpoint_if_due(store_txn *t);
/* mdb_put and mdb_del on one of the index's DBs, counting the pages they
 * may dirty toward store_txn_checkpoint_due. Writers of a fresh build go
 * through these, not through LMDB directly. */
int store_put(store_txn *t, store_db db, MDB_val *key, MDB_val *val, unsigned flags);
int store_del(store_txn *t, store_db db, MDB_val *key);
/* When more than 64 MB of file pages are resident in the process, lets
 * go of the index pages it has mapped by reading them (they stay in the
 * page cache; a later read maps them again): a long build calls it now
 * and then to keep its resident set to the memory it holds. Safe at any
 * moment, since the map is read-only and shared; costs a read of
 * /proc/self/statm. */
void store_release_map(store_txn *t);

MDB_txn *store_txn_mdb(store_txn *t);
MDB_dbi store_dbi(const store_txn *t, store_db db);
/* Whether writes to db may use MDB_APPEND (keys arrive in order into an
 * empty database of a fresh build). */
int store_fresh(const store_txn *t);

int store_stats_get(store_txn *t, store_stats *st);
int store_stats_put(store_txn *t, const store_stats *st);

/* Term dictionary. get returns PDX_ENOTFOUND when absent; in a read-only
 * transaction its answers are cached for the transaction's life. */
int store_term_get(store_txn *t, const char *term, size_t n, store_term *out);
/* flags: 0 or MDB_APPEND (keys in order into a fresh build). */
int store_term_put(store_txn *t, const char *term, size_t n, const store_term *st,
		   unsigned flags);
int store_term_del(store_txn *t, const char *term, size_t n);
/* Decodes a terms-DB value (for cursors walking the dictionary). */
int store_term_decode(const MDB_val *v, store_term *out);

/* Frequent terms: text terms in more than STORE_FREQUENT_SHARE of the live
 * papers. Relevance feedback leaves them out as stopword-like, and reads
 * the index's list of them (meta "frequent") instead of looking up each
 * word of a feedback paper in the dictionary. */
#define STORE_FREQUENT_SHARE 0.1

static inline int store_df_frequent(uint64_t df, uint64_t ndocs)
{
	return (double)df > STORE_FREQUENT_SHARE * (double)ndocs;
}

/* Rewrites the list from the dictionary, for ndocs live papers: what a
 * writer does before each commit, once its terms are final. Returns 0 or
 * an LMDB code (PDX_ECORRUPT for an undecodable dictionary entry). */
int store_frequent_put(store_txn *t, uint64_t ndocs);
/* *same = whether the stored list is the one the dictionary gives for
 * ndocs (the index check). Returns 0, PDX_ENOTFOUND (no list),
 * PDX_ECORRUPT (an undecodable dictionary entry) or an LMDB code. */
int store_frequent_check(store_txn *t, uint64_t ndocs, int *same);
/* *yes = whether text term is on the list. The list is read once per
 * read-only transaction. Returns 0, PDX_ECORRUPT (missing, undecodable or
 * unsorted list) or an LMDB code. */
int store_term_frequent(store_txn *t, const char *term, size_t n, int *yes);
/* Calls fn for each term on the list, in byte order (the dump). Returns
 * 0, fn's first non-zero result, PDX_ECORRUPT or an LMDB code. */
int store_frequent_each(store_txn *t, int (*fn)(void *ctx, const char *term, size_t n), void *ctx);

/* 8-byte postings/positions key: termid then last docid, big-endian so byte
 * order is numeric order. */
void store_chunk_key(unsigned char key[8], uint32_t termid, uint32_t last_docid);

/* Documents. */
int store_doc_get(store_txn *t, uint32_t docid, const void **rec, size_t *n);
int store_docid_get(store_txn *t, const char *id, size_t n, uint32_t *docid);
/* The external id of docid (borrowed), through a per-transaction cache:
 * what ranked output reads. PDX_ENOTFOUND when docid holds no paper. */
int store_extid(store_txn *t, uint32_t docid, const char **id, size_t *n);
/* Sets the external ids of count consecutive docids from first (NULL or
 * "" for a docid without a paper). */
int store_extids_put(store_txn *t, uint32_t first, size_t count, const char *const *ids);
/* The author ids of a document (up to cap written to ids; *n = total,
 * 0 for a docid without a paper), through a per-transaction cache. */
int store_docauth_get(store_txn *t, uint32_t docid, uint32_t *ids, size_t cap, size_t *n);
/* Starts loading docid's entry, so that reading many (a ranking's papers)
 * overlaps their cache misses. */
void store_docauth_prefetch(store_txn *t, uint32_t docid);
/* Sets the author ids of count consecutive docids from first (NULL or no
 * ids: none). */
int store_docauth_put(store_txn *t, uint32_t first, size_t count, const uint32_t *const *ids,
		      const size_t *nids);

/* Field lengths of docid (0, 0 for a docid without a live paper). Reads
 * go through a per-transaction cache of doclens values. */
int store_doclen(store_txn *t, uint32_t docid, uint32_t len[POST_FIELDS]);
/* The raw doclens value holding docid (borrowed, see the schema in
 * store.c): n pairs of u32 little-endian lengths for docids
 * docid/STORE_DOCLEN_CHUNK*STORE_DOCLEN_CHUNK onwards; n is 0 for a chunk
 * without papers. For loops that read many lengths. */
int store_doclens_chunk(store_txn *t, uint32_t docid, const unsigned char **p, size_t *n);
/* The lengths of the i-th paper of such a value (0, 0 past its end). */
void store_doclens_at(const unsigned char *p, size_t n, uint32_t i, uint32_t len[POST_FIELDS]);

/* Writes the field lengths of count consecutive docids from first
 * (read-modify-write of each doclens value touched once). */
int store_doclens_put(store_txn *t, uint32_t first, size_t count,
		      const uint32_t (*lens)[POST_FIELDS]);

int store_author_get(store_txn *t, const char *key, size_t n, store_author *out);
/* A display form of an author and how many of their papers write it. */
typedef struct store_variant {
	const char *name;   /* borrowed */
	size_t len;
	uint32_t count;
} store_variant;

/* Reads an author's id, paper count and display forms (up to cap of them
 * into v; *nv gets how many there are). Names borrow from the map.
 * Returns 0, PDX_ENOTFOUND or PDX_ECORRUPT. */
int store_author_read(store_txn *t, const char *key, size_t n, uint32_t *authorid,
		      uint32_t *npapers, store_variant *v, size_t cap, size_t *nv);
/* Writes an author entry; with npapers == 0, deletes it. flags: 0 or
 * MDB_APPEND (keys in order into a fresh build). */
int store_author_write(store_txn *t, const char *key, size_t n, uint32_t authorid,
		       uint32_t npapers, const store_variant *v, size_t nv, unsigned flags);
/* The authorids table: id -> key. */
int store_authorid_put(store_txn *t, uint32_t authorid, const char *key, size_t n, unsigned flags);
int store_authorid_del(store_txn *t, uint32_t authorid);
/* The key of an author id; borrowed. */
int store_authorid_key(store_txn *t, uint32_t authorid, const char **key, size_t *n);

/* On-disk size: bytes in use (pages up to the last used one) and the file
 * size. */
int store_size(store *s, uint64_t *used, uint64_t *file);

#endif
