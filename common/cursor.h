/* cursor — a posting cursor over one term's chunks, after PISA's cursors.
 *
 * A cursor sits on its first posting when opened and reports the sentinel
 * CUR_END as docid when exhausted, so query loops need no end checks.
 * Blocks are decoded lazily: moving past whole blocks (next_geq) reads only
 * the chunk directory, cur_shallow() exposes the block bounds (block-max
 * pruning) without decoding anything, and a block's frequencies are
 * decoded only when cur_freqs() first asks for one of them.
 *
 * The struct is visible so the scoring loops can read docid inline;
 * callers treat every field as read-only and move the cursor only through
 * the functions. A cursor borrows its transaction: it must be
 * closed before the transaction ends. A corrupt chunk makes the cursor
 * report CUR_END and sets err (PDX_ECORRUPT) with a message in errmsg. */
#ifndef PDX_CURSOR_H
#define PDX_CURSOR_H

#include <stdint.h>

#include "postings.h"
#include "store.h"

#define CUR_END UINT32_MAX

typedef struct post_cursor {
	uint32_t docid;                /* current posting, CUR_END when exhausted */
	int err;
	char errmsg[160];
	/* internal */
	store_txn *txn;
	MDB_cursor *mc;
	uint32_t termid;
	int want_positions;
	post_chunk chunk;
	MDB_val chunk_key;
	unsigned char key[8];
	uint32_t block;                /* current block of the chunk */
	uint32_t n, i;                 /* postings in the decoded block, index of the current */
	int decoded;                   /* block `block`'s docids are in docs[] */
	int freqs;                     /* ... and its frequencies in tf0[], tf1[] */
	size_t freqs_at;
	uint32_t docs[POST_BLOCK], tf0[POST_BLOCK], tf1[POST_BLOCK];
	MDB_val pos_val;               /* positions value of the current chunk, fetched on demand */
	int pos_loaded;
} post_cursor;

/* Opens a cursor on the postings of term (an entry from store_term_get).
 * Returns 0 or an LMDB error; a corrupt first chunk yields an exhausted
 * cursor with err set. */
int cur_open(store_txn *t, const store_term *term, post_cursor **out);
void cur_close(post_cursor *c);

/* Out-of-line halves of the moves below: block and chunk changes. */
void cur_next_block(post_cursor *c);
void cur_seek(post_cursor *c, uint32_t target);
void cur_load_freqs(post_cursor *c);

/* Moves to the next posting. */
static inline void cur_next(post_cursor *c)
{
	if (c->docid != CUR_END && c->i + 1 < c->n)
		c->docid = c->docs[++c->i];
	else
		cur_next_block(c);
}

/* Moves to the first posting with docid >= target (no move if already
 * there). */
static inline void cur_next_geq(post_cursor *c, uint32_t target)
{
	if (c->docid >= target)
		return;
	if (c->decoded && target <= c->docs[c->n - 1]) {
		uint32_t i = c->i;
		while (c->docs[i] < target)
			i++;
		c->i = i;
		c->docid = c->docs[i];
		return;
	}
	cur_seek(c, target);
}
/* Moves to posting i of the decoded block (at or after the current
 * one), or to the next block's first posting when i is the block's
 * count: for loops that read docs[], tf0[] and tf1[] themselves. */
static inline void cur_to_index(post_cursor *c, uint32_t i)
{
	if (i < c->n) {
		c->i = i;
		c->docid = c->docs[i];
	} else {
		cur_next_block(c);
	}
}

/* Without decoding, finds the block that would hold target (the first
 * block whose last docid >= target, at or after the current block) and
 * returns its bounds, or NULL when no such block exists. Does not change
 * the current posting. */
const post_block_info *cur_shallow(post_cursor *c, uint32_t target);

/* The frequencies of the current posting (zeros, with err set, if its
 * block does not decode). */
static inline void cur_freqs(post_cursor *c, uint32_t tf[POST_FIELDS])
{
	if (!c->freqs)
		cur_load_freqs(c);
	if (c->freqs && c->docid != CUR_END) {
		tf[0] = c->tf0[c->i];
		tf[1] = c->tf1[c->i];
	} else {
		tf[0] = tf[1] = 0;
	}
}

/* Positions of the current posting: title positions into t[tf[0]],
 * abstract positions into a[tf[1]]. Returns 0 or PDX_ECORRUPT. */
int cur_positions(post_cursor *c, uint32_t *t, uint32_t *a);

#endif
