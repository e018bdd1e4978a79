/* postings — chunk, block and positions codec.
 *
 * Chunk (a value of the postings DB, see store.c):
 *   varint  first_docid
 *   varint  nblocks                     1..POST_CHUNK_BLOCKS
 *   directory, per block:
 *     varint  count - 1                 count 1..POST_BLOCK
 *     varint  last_docid - previous     previous = first_docid for block 0,
 *                                       else the last docid of block i-1
 *     varint  size                      bytes of block data
 *     varint  max_tf[title], max_tf[abstract]
 *     varint  min_len[title], min_len[abstract]  (0: no posting has the
 *                                       term in that field)
 *   data: the blocks back to back.
 * Block data: three streams of count values each — docid gaps, title tfs,
 * abstract tfs. A gap is docid - previous docid - 1, where the previous
 * docid of a chunk's first posting is first_docid - 1.
 * Stream (patched frame of reference, after PForDelta):
 *   u8      b | 0x80 if exceptions      b = 0..32 bits per value
 *   bytes   the low b bits of every value, packed LSB-first, ceil(count*b/8)
 *   if exceptions: varint n, then n times (u8 index, varint value >> b)
 * b is chosen per stream to minimize its size, so a block of tfs that are
 * all 1 with one 40 costs a bit per posting plus three bytes, not six.
 *
 * Positions chunk (a value of the positions DB, same key as its chunk):
 *   varint  nblocks, then nblocks varint sizes, then the blocks' bytes.
 *   Block: for each posting, its title positions then its abstract
 *   positions: the first as is, the next ones as delta - 1. */
#include "postings.h"

#include <string.h>

#include "err.h"

static unsigned varint_len(uint64_t v)
{
	unsigned n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static void stream_encode(const uint32_t *v, size_t n, buf *out)
{
	unsigned best_b = 32;
	size_t best_cost = (size_t)-1;
	for (unsigned b = 0; b <= 32; b++) {
		size_t cost = (n * b + 7) / 8, exc = 0;
		for (size_t i = 0; i < n && cost < best_cost; i++) {
			uint64_t high = b == 32 ? 0 : (uint64_t)v[i] >> b;
			if (high) {
				exc++;
				cost += 1 + varint_len(high);
			}
		}
		if (exc)
			cost += varint_len(exc);
		if (cost < best_cost) {
			best_cost = cost;
			best_b = b;
		}
	}
	unsigned b = best_b;
	size_t exc = 0;
	for (size_t i = 0; i < n; i++)
		if (b < 32 && v[i] >> b)
			exc++;
	buf_putc(out, (int)(b | (exc ? 0x80u : 0u)));
	size_t nbytes = (n * b + 7) / 8;
	unsigned char *d = buf_reserve(out, nbytes);
	memset(d, 0, nbytes);
	uint64_t mask = b == 32 ? 0xffffffffu : ((uint64_t)1 << b) - 1;
	size_t bit = 0;
	for (size_t i = 0; i < n; i++, bit += b) {
		uint64_t x = v[i] & mask;
		for (size_t k = bit; x; k += 8 - (k & 7)) {
			d[k >> 3] |= (unsigned char)(x << (k & 7));
			x >>= 8 - (k & 7);
		}
	}
	out->n += nbytes;
	out->p[out->n] = 0;
	if (!exc)
		return;
	buf_put_varint(out, exc);
	for (size_t i = 0; i < n; i++) {
		if (b < 32 && v[i] >> b) {
			buf_putc(out, (int)i);
			buf_put_varint(out, v[i] >> b);
		}
	}
}

static int stream_decode(const unsigned char **pp, const unsigned char *end, uint32_t n, uint32_t *v)
{
	const unsigned char *p = *pp;
	if (p >= end)
		return PDX_ECORRUPT;
	unsigned hdr = *p++, b = hdr & 0x3f;
	if (b > 32 || (hdr & 0x40))
		return PDX_ECORRUPT;
	size_t nbytes = ((size_t)n * b + 7) / 8;
	if (nbytes > (size_t)(end - p))
		return PDX_ECORRUPT;
	if (b == 0) {
		memset(v, 0, n * sizeof *v);
	} else {
		uint64_t acc = 0, mask = b == 32 ? 0xffffffffu : ((uint64_t)1 << b) - 1;
		unsigned bits = 0;
		const unsigned char *q = p;
		for (uint32_t i = 0; i < n; i++) {
			while (bits < b) {
				acc |= (uint64_t)*q++ << bits;
				bits += 8;
			}
			v[i] = (uint32_t)(acc & mask);
			acc >>= b;
			bits -= b;
		}
	}
	p += nbytes;
	if (hdr & 0x80) {
		uint64_t exc;
		if (buf_get_varint(&p, end, &exc) || exc == 0 || exc > n || b == 32)
			return PDX_ECORRUPT;
		for (uint64_t k = 0; k < exc; k++) {
			uint64_t high;
			if (p >= end)
				return PDX_ECORRUPT;
			unsigned idx = *p++;
			if (idx >= n || buf_get_varint(&p, end, &high) || high == 0 ||
			    high > (UINT32_MAX >> b))
				return PDX_ECORRUPT;
			v[idx] |= (uint32_t)(high << b);
		}
	}
	*pp = p;
	return 0;
}

static void block_encode(const post_entry *e, size_t n, uint32_t prev, buf *out,
			 post_block_info *info)
{
	uint32_t vals[POST_BLOCK];
	memset(info, 0, sizeof *info);
	for (size_t i = 0; i < n; i++) {
		vals[i] = e[i].docid - prev - 1;
		prev = e[i].docid;
		for (int f = 0; f < POST_FIELDS; f++) {
			uint32_t tf = e[i].tf[f] > POST_TF_MAX ? POST_TF_MAX : e[i].tf[f];
			if (tf > info->max_tf[f])
				info->max_tf[f] = tf;
			if (tf && (info->min_len[f] == 0 || e[i].len[f] < info->min_len[f]))
				info->min_len[f] = e[i].len[f];
		}
	}
	stream_encode(vals, n, out);
	for (int f = 0; f < POST_FIELDS; f++) {
		for (size_t i = 0; i < n; i++)
			vals[i] = e[i].tf[f] > POST_TF_MAX ? POST_TF_MAX : e[i].tf[f];
		stream_encode(vals, n, out);
	}
	info->last_docid = prev;
	info->count = (uint32_t)n;
}

void post_chunk_encode(const post_entry *e, size_t n, buf *out)
{
	post_block_info info[POST_CHUNK_BLOCKS];
	buf data = BUF_INIT;
	uint32_t nblocks = 0, prev = e[0].docid - 1;
	for (size_t i = 0; i < n; i += POST_BLOCK, nblocks++) {
		size_t k = n - i < POST_BLOCK ? n - i : POST_BLOCK;
		size_t before = data.n;
		block_encode(e + i, k, prev, &data, &info[nblocks]);
		info[nblocks].size = (uint32_t)(data.n - before);
		prev = info[nblocks].last_docid;
	}
	buf_put_varint(out, e[0].docid);
	buf_put_varint(out, nblocks);
	prev = e[0].docid;
	for (uint32_t i = 0; i < nblocks; i++) {
		buf_put_varint(out, info[i].count - 1);
		buf_put_varint(out, info[i].last_docid - prev);
		buf_put_varint(out, info[i].size);
		for (int f = 0; f < POST_FIELDS; f++)
			buf_put_varint(out, info[i].max_tf[f]);
		for (int f = 0; f < POST_FIELDS; f++)
			buf_put_varint(out, info[i].min_len[f]);
		prev = info[i].last_docid;
	}
	buf_put(out, data.p, data.n);
	buf_free(&data);
}

int post_chunk_open(const void *p0, size_t n, post_chunk *c)
{
	const unsigned char *p = p0, *end = p + n;
	uint32_t nb;
	if (buf_get_u32(&p, end, &c->first_docid) || buf_get_u32(&p, end, &nb) ||
	    nb == 0 || nb > POST_CHUNK_BLOCKS)
		return PDX_ECORRUPT;
	c->nblocks = nb;
	c->npostings = 0;
	uint64_t prev = c->first_docid, off = 0;
	for (uint32_t i = 0; i < nb; i++) {
		post_block_info *b = &c->blocks[i];
		uint32_t count, delta;
		if (buf_get_u32(&p, end, &count) || count >= POST_BLOCK ||
		    buf_get_u32(&p, end, &delta) || buf_get_u32(&p, end, &b->size))
			return PDX_ECORRUPT;
		for (int f = 0; f < POST_FIELDS; f++)
			if (buf_get_u32(&p, end, &b->max_tf[f]) || b->max_tf[f] > POST_TF_MAX)
				return PDX_ECORRUPT;
		for (int f = 0; f < POST_FIELDS; f++)
			if (buf_get_u32(&p, end, &b->min_len[f]))
				return PDX_ECORRUPT;
		b->count = count + 1;
		/* Every posting after the chunk's first moves the docid forward. */
		uint64_t last = prev + delta;
		uint64_t min_step = i == 0 ? b->count - 1 : b->count;
		if (delta < min_step || last > UINT32_MAX)
			return PDX_ECORRUPT;
		b->last_docid = (uint32_t)last;
		b->offset = (uint32_t)off;
		off += b->size;
		prev = last;
		c->npostings += b->count;
	}
	if (off != (uint64_t)(end - p))
		return PDX_ECORRUPT;
	c->data = p;
	c->data_size = (size_t)off;
	return 0;
}

int post_block_decode(const post_chunk *c, uint32_t i, uint32_t *docids,
		      uint32_t *tf_title, uint32_t *tf_abstract)
{
	if (i >= c->nblocks)
		return PDX_ECORRUPT;
	const post_block_info *b = &c->blocks[i];
	const unsigned char *p = c->data + b->offset, *end = p + b->size;
	uint32_t n = b->count;
	if (stream_decode(&p, end, n, docids) || stream_decode(&p, end, n, tf_title) ||
	    stream_decode(&p, end, n, tf_abstract) || p != end)
		return PDX_ECORRUPT;
	uint64_t prev = i == 0 ? (uint64_t)c->first_docid - 1 : c->blocks[i - 1].last_docid;
	if (i == 0 && c->first_docid == 0)
		prev = (uint64_t)-1;  /* docid 0 is never written, but stay defined */
	for (uint32_t k = 0; k < n; k++) {
		uint64_t d = prev + 1 + docids[k];
		if (d > UINT32_MAX)
			return PDX_ECORRUPT;
		docids[k] = (uint32_t)d;
		prev = d;
		if (tf_title[k] > b->max_tf[0] || tf_abstract[k] > b->max_tf[1])
			return PDX_ECORRUPT;
	}
	if (i == 0 && docids[0] != c->first_docid)
		return PDX_ECORRUPT;
	if (docids[n - 1] != b->last_docid)
		return PDX_ECORRUPT;
	return 0;
}

static void put_positions(buf *out, const uint32_t *pos, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		buf_put_varint(out, k == 0 ? pos[0] : pos[k] - pos[k - 1] - 1);
}

void post_pos_encode(const post_pos_entry *e, size_t n, buf *out)
{
	size_t nblocks = (n + POST_BLOCK - 1) / POST_BLOCK;
	buf data = BUF_INIT;
	size_t sizes[POST_CHUNK_BLOCKS];
	for (size_t bi = 0; bi < nblocks; bi++) {
		size_t before = data.n;
		size_t end = (bi + 1) * POST_BLOCK < n ? (bi + 1) * POST_BLOCK : n;
		for (size_t i = bi * POST_BLOCK; i < end; i++)
			for (int f = 0; f < POST_FIELDS; f++)
				put_positions(&data, e[i].pos[f], e[i].n[f]);
		sizes[bi] = data.n - before;
	}
	buf_put_varint(out, nblocks);
	for (size_t bi = 0; bi < nblocks; bi++)
		buf_put_varint(out, sizes[bi]);
	buf_put(out, data.p, data.n);
	buf_free(&data);
}

int post_pos_block(const void *p0, size_t n, uint32_t i, uint32_t nblocks,
		   const unsigned char **blk, size_t *blk_n)
{
	const unsigned char *p = p0, *end = p + n;
	uint32_t nb;
	if (buf_get_u32(&p, end, &nb) || nb != nblocks || i >= nb)
		return PDX_ECORRUPT;
	uint64_t off = 0, size = 0;
	for (uint32_t k = 0; k < nb; k++) {
		uint64_t s;
		if (buf_get_varint(&p, end, &s))
			return PDX_ECORRUPT;
		if (k < i)
			off += s;
		else if (k == i)
			size = s;
	}
	if (off > (uint64_t)(end - p) || size > (uint64_t)(end - p) - off)
		return PDX_ECORRUPT;
	*blk = p + off;
	*blk_n = (size_t)size;
	return 0;
}

static int get_positions(const unsigned char **pp, const unsigned char *end, uint32_t n, uint32_t *out)
{
	uint64_t prev = 0;
	for (uint32_t k = 0; k < n; k++) {
		uint64_t v;
		if (buf_get_varint(pp, end, &v))
			return PDX_ECORRUPT;
		uint64_t pos = k == 0 ? v : prev + 1 + v;
		if (pos > UINT32_MAX)
			return PDX_ECORRUPT;
		if (out)
			out[k] = (uint32_t)pos;
		prev = pos;
	}
	return 0;
}

int post_pos_decode(const unsigned char *blk, size_t blk_n, uint32_t j,
		    const uint32_t *tf_title, const uint32_t *tf_abstract,
		    uint32_t *out_title, uint32_t *out_abstract)
{
	const unsigned char *p = blk, *end = blk + blk_n;
	for (uint32_t k = 0; k < j; k++)
		if (get_positions(&p, end, tf_title[k], NULL) ||
		    get_positions(&p, end, tf_abstract[k], NULL))
			return PDX_ECORRUPT;
	if (get_positions(&p, end, tf_title[j], out_title) ||
	    get_positions(&p, end, tf_abstract[j], out_abstract))
		return PDX_ECORRUPT;
	return 0;
}
