/* fuzz_postings — libFuzzer target: arbitrary bytes through the posting
 * decoder (common/postings.c), as an index reader meets them. The input is
 * the chunk key's last docid (4 bytes, big-endian), one byte saying where
 * the chunk ends, then the chunk and, after it, a positions value. Every
 * block that decodes must hold strictly increasing docids ending at the
 * directory's last docid, with frequencies within the block's bounds; the
 * positions of every posting of a decoded block must decode or fail
 * cleanly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "postings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void need(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_postings: invariant broken: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	uint32_t last = u32be_get(data);
	size_t body = size - 5, split = (size_t)data[4] * body / 255;
	const uint8_t *chunk = data + 5, *pos = chunk + split;
	post_chunk c;
	if (post_chunk_open(chunk, split, last, &c))
		return 0;
	need(c.nblocks >= 1 && c.nblocks <= POST_CHUNK_BLOCKS, "block count");
	need(c.blocks[c.nblocks - 1].last_docid == last, "last docid from the key");
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	uint32_t pt[POST_TF_MAX], pa[POST_TF_MAX];
	for (uint32_t b = 0; b < c.nblocks; b++) {
		const post_block_info *bi = &c.blocks[b];
		need(bi->count >= 1 && bi->count <= POST_BLOCK, "block size");
		if (post_block_decode(&c, b, d, t0, t1))
			continue;
		for (uint32_t j = 0; j < bi->count; j++) {
			need(j == 0 || d[j] > d[j - 1], "docids increase");
			need(t0[j] <= bi->max_tf[0] && t1[j] <= bi->max_tf[1], "frequencies within bounds");
		}
		need(d[bi->count - 1] == bi->last_docid, "block ends at its last docid");
		const unsigned char *blk;
		size_t blk_n;
		if (post_pos_block(pos, size - 5 - split, b, c.nblocks, &blk, &blk_n))
			continue;
		for (uint32_t j = 0; j < bi->count; j++)
			if (post_pos_decode(blk, blk_n, j, t0, t1, pt, pa))
				break;
	}
	return 0;
}
