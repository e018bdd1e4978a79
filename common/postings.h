/* postings — the posting-list codec: chunks of blocks of up to 256
 * postings, and the positions that go with them. Pure byte-level code:
 * no LMDB here (store.c decides where chunks live, cursor.c walks them).
 *
 * A posting is (docid, tf_title, tf_abstract). A chunk holds up to
 * POST_CHUNK_BLOCKS blocks; its directory gives, per block, the last docid,
 * the posting count, the data size and what rank-safe pruning needs: the
 * largest tf and (the floor of the class of) the smallest field length
 * among the block's postings, per field. The byte layout is documented at the top of postings.c.
 *
 * Decoders never trust their input: every length and count is checked
 * against the chunk size and the format's limits; a violation returns
 * PDX_ECORRUPT (the caller adds the term and key to the message). */
#ifndef PDX_POSTINGS_H
#define PDX_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define POST_BLOCK 256         /* postings per full block */
#define POST_CHUNK_BLOCKS 32   /* blocks per chunk: appends rewrite at most one chunk */
#define POST_TF_MAX 65535u     /* term frequencies saturate here (documented bound) */
#define POST_FIELDS 2          /* 0 = title, 1 = abstract */
#define POST_TINY_MAX 32       /* chunks of up to this many postings are tiny */

typedef struct post_entry {
	uint32_t docid;
	uint32_t tf[POST_FIELDS];
	uint32_t len[POST_FIELDS];  /* the document's field lengths (for the block bounds) */
} post_entry;

/* Per-block metadata, decoded from a chunk directory. */
typedef struct post_block_info {
	uint32_t last_docid;
	uint32_t count;
	uint32_t offset;            /* of the block data within the chunk's data area */
	uint32_t size;
	int shifted;                /* abstract tfs stored minus 1 where the title tf is 0 */
	uint32_t max_tf[POST_FIELDS];   /* largest tf in the block, per field */
	uint32_t min_len[POST_FIELDS];  /* post_len_floor of the smallest field length among
					 * postings with tf > 0; 0 if none */
} post_block_info;

/* The lower bound of len's length class (len itself up to 16, then within
 * a factor 2^(1/8)), which blocks store as their minimum lengths. */
uint32_t post_len_floor(uint32_t len);

/* A chunk opened for reading: borrows the bytes it was opened on. */
typedef struct post_chunk {
	const unsigned char *data;  /* start of the block data area */
	size_t data_size;
	uint32_t first_docid;
	uint32_t nblocks;
	uint32_t npostings;
	int tiny;                   /* one block without directory (rare terms) */
	post_block_info blocks[POST_CHUNK_BLOCKS];
} post_chunk;

/* Encodes n postings (n >= 1, docids strictly increasing, n <= POST_BLOCK *
 * POST_CHUNK_BLOCKS) as one chunk, appended to out. */
void post_chunk_encode(const post_entry *e, size_t n, buf *out);

/* Parses a chunk's header and directory. last_docid comes from the
 * chunk's key (store.c), which the chunk does not repeat. Returns 0 or
 * PDX_ECORRUPT. */
int post_chunk_open(const void *p, size_t n, uint32_t last_docid, post_chunk *c);

/* The two halves of post_block_decode, for readers that need the
 * frequencies of few of the postings they pass: docids first (and where
 * the frequencies start, *freqs_at), then the frequencies on demand.
 * Return 0 or PDX_ECORRUPT. */
int post_block_docids(const post_chunk *c, uint32_t i, uint32_t *docids, size_t *freqs_at);
int post_block_freqs(const post_chunk *c, uint32_t i, size_t freqs_at, uint32_t *tf_title,
		     uint32_t *tf_abstract);

/* Decodes block i of c into docids[], tf_title[], tf_abstract[] (each with
 * room for POST_BLOCK). Returns 0 or PDX_ECORRUPT (bad widths, overruns,
 * docids not increasing, last docid disagreeing with the directory). */
int post_block_decode(const post_chunk *c, uint32_t i, uint32_t *docids,
		      uint32_t *tf_title, uint32_t *tf_abstract);

/* Block decoding uses AVX-512 (VBMI2) where the CPU has it
 * (post_simd_available), and portable code elsewhere; both give the same
 * values and errors. post_set_simd(0) keeps to the portable code (tests
 * compare the two); it may be called at any time, from any thread. */
int post_simd_available(void);
void post_set_simd(int on);

/* Positions: for each posting of a chunk, in order, its title positions
 * then its abstract positions, delta-coded varints; one size per block so a
 * reader can jump to a block. The per-posting counts are the tfs. */
typedef struct post_pos_entry {
	const uint32_t *pos[POST_FIELDS];  /* borrowed; tf[f] positions, increasing */
	uint32_t n[POST_FIELDS];
} post_pos_entry;

/* Points out[i] at posting i's positions in the flat array pos, where its
 * title positions then its abstract positions (e[i].tf of each) start at
 * off[i]. out borrows pos. */
void post_pos_point(const post_entry *e, size_t n, const uint32_t *pos, const size_t *off,
		    post_pos_entry *out);

/* Encodes the positions of the n postings of one chunk (same order and
 * block split as post_chunk_encode). */
void post_pos_encode(const post_pos_entry *e, size_t n, buf *out);

/* Locates block i's positions inside a positions chunk value. Returns 0 or
 * PDX_ECORRUPT; *blk and *blk_n borrow from p. */
int post_pos_block(const void *p, size_t n, uint32_t i, uint32_t nblocks,
		   const unsigned char **blk, size_t *blk_n);

/* Decodes the positions of posting j of a block, given the tfs of postings
 * 0..j of that block: out_title[tf_title[j]], out_abstract[tf_abstract[j]].
 * Returns 0 or PDX_ECORRUPT. */
int post_pos_decode(const unsigned char *blk, size_t blk_n, uint32_t j,
		    const uint32_t *tf_title, const uint32_t *tf_abstract,
		    uint32_t *out_title, uint32_t *out_abstract);

#endif
