/* cursor — moving over chunks (LMDB cursor on the postings DB), blocks
 * (chunk directory) and postings (decoded block arrays). */
#include "cursor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

static void fail(post_cursor *c, const char *what)
{
	c->err = PDX_ECORRUPT;
	snprintf(c->errmsg, sizeof c->errmsg, "%s (termid %u, chunk ending at docid %u, block %u)",
		 what, c->termid, c->chunk_key.mv_size == 8 ? u32be_get(c->key + 4) : 0, c->block);
	c->docid = CUR_END;
}

/* Loads the chunk the LMDB cursor sits on, if it belongs to our term. */
static void load_chunk(post_cursor *c, int rc, MDB_val *k, MDB_val *v)
{
	if (rc || k->mv_size != 8 || u32be_get(k->mv_data) != c->termid) {
		if (rc && rc != MDB_NOTFOUND)
			fail(c, "postings unreadable");
		c->docid = CUR_END;
		return;
	}
	memcpy(c->key, k->mv_data, 8);
	c->chunk_key.mv_size = 8;
	c->chunk_key.mv_data = c->key;
	c->pos_loaded = 0;
	c->decoded = 0;
	if (post_chunk_open(v->mv_data, v->mv_size, u32be_get(c->key + 4), &c->chunk)) {
		fail(c, "chunk does not decode");
		return;
	}
	c->block = 0;
}

static void decode_block(post_cursor *c)
{
	if (post_block_docids(&c->chunk, c->block, c->docs, &c->freqs_at)) {
		fail(c, "block does not decode");
		return;
	}
	c->decoded = 1;
	c->freqs = 0;
	c->n = c->chunk.blocks[c->block].count;
	c->i = 0;
	c->docid = c->docs[0];
}

void cur_load_freqs(post_cursor *c)
{
	if (c->docid == CUR_END || c->freqs)
		return;
	if (post_block_freqs(&c->chunk, c->block, c->freqs_at, c->tf0, c->tf1)) {
		fail(c, "block frequencies do not decode");
		return;
	}
	c->freqs = 1;
}

static void next_chunk(post_cursor *c)
{
	MDB_val k, v;
	int rc = mdb_cursor_get(c->mc, &k, &v, MDB_NEXT);
	load_chunk(c, rc, &k, &v);
	if (c->docid != CUR_END)
		decode_block(c);
}

int cur_open(store_txn *t, const store_term *term, post_cursor **out)
{
	post_cursor *c = mem_calloc(1, sizeof *c);
	c->txn = t;
	c->termid = term->termid;
	int rc = mdb_cursor_open(store_txn_mdb(t), store_dbi(t, STORE_DB_POSTINGS), &c->mc);
	if (rc) {
		free(c);
		*out = NULL;
		return rc;
	}
	unsigned char kb[8];
	store_chunk_key(kb, term->termid, 0);
	MDB_val k = {8, kb}, v;
	rc = mdb_cursor_get(c->mc, &k, &v, MDB_SET_RANGE);
	load_chunk(c, rc, &k, &v);
	if (c->docid != CUR_END || !c->err) {
		if (c->chunk_key.mv_size)
			decode_block(c);
		else
			c->docid = CUR_END;
	}
	*out = c;
	return 0;
}

void cur_close(post_cursor *c)
{
	if (!c)
		return;
	if (c->mc)
		mdb_cursor_close(c->mc);
	free(c);
}

void cur_next_block(post_cursor *c)
{
	if (c->docid == CUR_END)
		return;
	if (++c->block < c->chunk.nblocks)
		decode_block(c);
	else
		next_chunk(c);
}

void cur_seek(post_cursor *c, uint32_t target)
{
	if (c->docid >= target)
		return;
	/* Past this chunk: let LMDB find the chunk whose last docid >= target. */
	if (target > c->chunk.blocks[c->chunk.nblocks - 1].last_docid) {
		unsigned char kb[8];
		store_chunk_key(kb, c->termid, target);
		MDB_val k = {8, kb}, v;
		int rc = mdb_cursor_get(c->mc, &k, &v, MDB_SET_RANGE);
		load_chunk(c, rc, &k, &v);
		if (c->docid == CUR_END)
			return;
	}
	uint32_t b = c->decoded ? c->block : 0;
	while (c->chunk.blocks[b].last_docid < target)
		b++;
	if (!c->decoded || b != c->block) {
		c->block = b;
		decode_block(c);
		if (c->docid == CUR_END)
			return;
	}
	/* Within the block: the target is at or before its last docid. */
	uint32_t i = c->i;
	while (c->docs[i] < target)
		i++;
	c->i = i;
	c->docid = c->docs[i];
}

const post_block_info *cur_shallow(post_cursor *c, uint32_t target)
{
	if (c->docid == CUR_END)
		return NULL;
	uint32_t b = c->block;
	while (b < c->chunk.nblocks && c->chunk.blocks[b].last_docid < target)
		b++;
	if (b < c->chunk.nblocks)
		return &c->chunk.blocks[b];
	/* Beyond this chunk: be conservative and report no bound; the caller
	 * then moves the cursor for real. */
	return NULL;
}

int cur_positions(post_cursor *c, uint32_t *t, uint32_t *a)
{
	uint32_t tf[POST_FIELDS];
	cur_freqs(c, tf);
	if (c->docid == CUR_END || c->err)
		return PDX_ECORRUPT;
	if (!c->pos_loaded) {
		int rc = mdb_get(store_txn_mdb(c->txn), store_dbi(c->txn, STORE_DB_POSITIONS),
				 &c->chunk_key, &c->pos_val);
		if (rc) {
			fail(c, "positions missing");
			return PDX_ECORRUPT;
		}
		c->pos_loaded = 1;
	}
	const unsigned char *blk;
	size_t blk_n;
	if (post_pos_block(c->pos_val.mv_data, c->pos_val.mv_size, c->block, c->chunk.nblocks, &blk, &blk_n) ||
	    post_pos_decode(blk, blk_n, c->i, c->tf0, c->tf1, t, a)) {
		fail(c, "positions do not decode");
		return PDX_ECORRUPT;
	}
	return 0;
}
