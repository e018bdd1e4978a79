/* Unit tests for the posting codec: round trips across block boundaries,
 * random lists, bounds metadata, positions, and corrupted input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "err.h"
#include "postings.h"

static uint64_t rng_state = 42;
static uint32_t rnd(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng_state >> 33);
}

/* Encodes e[0..n), decodes every block and compares. */
static void roundtrip(const post_entry *e, size_t n)
{
	buf b = BUF_INIT;
	post_chunk_encode(e, n, &b);
	post_chunk c;
	assert_int_equal(post_chunk_open(b.p, b.n, e[n - 1].docid, &c), 0);
	assert_int_equal(c.npostings, n);
	assert_int_equal(c.nblocks, (n + POST_BLOCK - 1) / POST_BLOCK);
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	size_t k = 0;
	for (uint32_t i = 0; i < c.nblocks; i++) {
		assert_int_equal(post_block_decode(&c, i, d, t0, t1), 0);
		uint32_t maxtf[2] = {0, 0}, minlen[2] = {0, 0};
		for (uint32_t j = 0; j < c.blocks[i].count; j++, k++) {
			assert_int_equal(d[j], e[k].docid);
			assert_int_equal(t0[j], e[k].tf[0] > POST_TF_MAX ? POST_TF_MAX : e[k].tf[0]);
			assert_int_equal(t1[j], e[k].tf[1] > POST_TF_MAX ? POST_TF_MAX : e[k].tf[1]);
			for (int f = 0; f < 2; f++) {
				uint32_t tf = f ? t1[j] : t0[j];
				if (tf > maxtf[f])
					maxtf[f] = tf;
				if (tf && (!minlen[f] || e[k].len[f] < minlen[f]))
					minlen[f] = e[k].len[f];
			}
		}
		assert_int_equal(c.blocks[i].last_docid, d[c.blocks[i].count - 1]);
		for (int f = 0; f < 2; f++) {
			assert_int_equal(c.blocks[i].max_tf[f], maxtf[f]);
			assert_int_equal(c.blocks[i].min_len[f], post_len_floor(minlen[f]));
		}
	}
	assert_int_equal(k, n);
	buf_free(&b);
}

static post_entry *make_list(size_t n, uint32_t first, uint32_t max_gap, uint32_t max_tf)
{
	post_entry *e = calloc(n, sizeof *e);
	uint32_t d = first;
	for (size_t i = 0; i < n; i++) {
		e[i].docid = d;
		d += 1 + rnd() % max_gap;
		e[i].tf[0] = rnd() % 3 == 0 ? rnd() % (max_tf + 1) : 0;
		e[i].tf[1] = 1 + rnd() % max_tf;
		e[i].len[0] = 1 + rnd() % 20;
		e[i].len[1] = 20 + rnd() % 300;
	}
	return e;
}

static void test_block_boundaries(void **state)
{
	(void)state;
	size_t sizes[] = {1, 2, 127, 128, 129, 255, 256, 257, 1000, POST_BLOCK * POST_CHUNK_BLOCKS};
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		post_entry *e = make_list(sizes[s], 1, 5, 4);
		roundtrip(e, sizes[s]);
		free(e);
	}
}

static void test_random_lists(void **state)
{
	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + rnd() % 3000;
		uint32_t gap = 1 + rnd() % (rnd() % 2 ? 10 : 100000);
		post_entry *e = make_list(n, 1 + rnd() % 1000, gap, 1 + rnd() % 50);
		/* Occasional outliers exercise exceptions. */
		for (size_t i = 0; i < n; i += 1 + rnd() % 200)
			e[i].tf[1] = 1000 + rnd() % 100000;
		roundtrip(e, n);
		free(e);
	}
}

static void test_extremes(void **state)
{
	(void)state;
	post_entry e[3] = {{.docid = 1, .tf = {0, 1}, .len = {1, 1}},
			   {.docid = 0x7fffffff, .tf = {POST_TF_MAX, 0}, .len = {0xffffffff, 0}},
			   {.docid = 0xffffffff, .tf = {70000, 1}, .len = {3, 3}}};
	roundtrip(e, 3);
}

static void test_tiny_chunks(void **state)
{
	(void)state;
	/* A single posting once in an abstract of 120 words: 11 bits, so 2
	 * bytes (tiny 1, gamma(1) = 1 posting, shifted 1, no title 0,
	 * gamma(1) = 1, then 6 bits of the length class of 120, whose floor is
	 * 117). */
	post_entry one = {.docid = 150000, .tf = {0, 1}, .len = {8, 120}};
	buf b = BUF_INIT;
	post_chunk_encode(&one, 1, &b);
	post_chunk c;
	assert_int_equal(post_chunk_open(b.p, b.n, one.docid, &c), 0);
	assert_true(c.tiny);
	assert_int_equal(b.n, 2);
	assert_int_equal(c.first_docid, 150000);
	assert_int_equal(c.blocks[0].min_len[1], 117);
	assert_int_equal(c.blocks[0].min_len[0], 0);
	roundtrip(&one, 1);
	/* Up to POST_TINY_MAX postings a chunk is tiny, then regular. */
	for (size_t n = 1; n <= POST_TINY_MAX + 2; n++) {
		post_entry *e = make_list(n, 1 + rnd() % 100000, 1 + rnd() % 50000, 3);
		buf t = BUF_INIT;
		post_chunk_encode(e, n, &t);
		assert_int_equal(post_chunk_open(t.p, t.n, e[n - 1].docid, &c), 0);
		assert_int_equal(c.tiny, n <= POST_TINY_MAX);
		roundtrip(e, n);
		buf_free(&t);
		free(e);
	}
	/* Metadata postings (tf 0, 0) and title-only postings. */
	post_entry meta[3] = {{.docid = 5}, {.docid = 9}, {.docid = 12, .tf = {2, 0}, .len = {4, 0}}};
	roundtrip(meta, 3);
	post_entry *many = calloc(300, sizeof *many);
	for (size_t i = 0; i < 300; i++)
		many[i].docid = (uint32_t)(7 + 3 * i);
	many[299].tf[1] = 1;
	roundtrip(many, 300);
	free(many);
	buf_free(&b);
}

/* Rice codes are split (format version 5): all low bits, then all
 * quotients. Docids 10, 20, 21, each once in an abstract of 5 words: gaps
 * 9 and 0, for which k = 1 (16 bits with the header, as k = 2; k = 1 is
 * tried first). Bit by bit, LSB first:
 *   1          tiny
 *   0 1 1      gamma(3)
 *   1 0 0 0 0  k = 1
 *   1 0        low bits of 9 and 0
 *   0 0 0 0 1  9 >> 1 = 4 in unary
 *   1          0 >> 1 = 0
 *   1          shifted
 *   0 1 x 3    no title tf, gamma(1 + 1 - 1)
 *   1 0 1 0 0 0  length class 5 of the abstracts
 * so bytes 0x1d 0x82 0xab 0x05. Interleaved, as version 4 wrote them,
 * the second byte would be 0xe0 (0, then 0 0 0 0 1, 1, 1). */
/* Bytes from a string of bits, LSB first; returns their count. */
static size_t from_bits(const char *bits, unsigned char *out)
{
	size_t n = strlen(bits);
	memset(out, 0, (n + 7) / 8);
	for (size_t i = 0; i < n; i++)
		out[i / 8] |= (unsigned char)((bits[i] == '1') << (i % 8));
	return (n + 7) / 8;
}

static void test_rice_split(void **state)
{
	(void)state;
	post_entry e[3] = {{.docid = 10, .tf = {0, 1}, .len = {3, 5}},
			   {.docid = 20, .tf = {0, 1}, .len = {3, 5}},
			   {.docid = 21, .tf = {0, 1}, .len = {3, 5}}};
	buf b = BUF_INIT;
	post_chunk_encode(e, 3, &b);
	const unsigned char want[] = {0x1d, 0x82, 0xab, 0x05};
	assert_int_equal(b.n, sizeof want);
	assert_memory_equal(b.p, want, sizeof want);
	roundtrip(e, 3);
	/* A gap whose quotient does not fit 32 bits with its low bits is
	 * corrupt: two postings, k = 31, low bits 0, quotient 2. With a
	 * quotient of 0, the same chunk decodes. */
	unsigned char raw[8];
	post_chunk c;
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	size_t n = from_bits("1" "010" "11111" "0000000000000000000000000000000" "001"
			     "1" "01" "01" "101000", raw);
	int rc = post_chunk_open(raw, n, 1000, &c);
	if (!rc)
		rc = post_block_decode(&c, 0, d, t0, t1);
	assert_int_equal(rc, PDX_ECORRUPT);
	n = from_bits("1" "010" "11111" "0000000000000000000000000000000" "1"
		      "1" "01" "01" "101000", raw);
	assert_int_equal(post_chunk_open(raw, n, 1000, &c), 0);
	assert_int_equal(post_block_decode(&c, 0, d, t0, t1), 0);
	assert_int_equal(d[0], 999);
	assert_int_equal(d[1], 1000);
	buf_free(&b);
}

/* Title tfs that are mostly 0 and abstract tfs mostly 1 (stored shifted as
 * 0) take the sparse stream form: far less than a bit each. */
static void test_sparse_streams(void **state)
{
	(void)state;
	size_t n = POST_BLOCK * 4;
	post_entry *e = calloc(n, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		e[i].docid = (uint32_t)(1 + 2 * i);
		e[i].tf[1] = 1;
		e[i].len[0] = 10;
		e[i].len[1] = 100;
	}
	buf dense = BUF_INIT;
	post_chunk_encode(e, n, &dense);
	/* Every 16th posting also in the title (once), every 32nd three times
	 * in the abstract. Per block of 256 the docid gaps are the same (a
	 * 1-bit frame); the title stream has 16 values of 1: an 8-bit header
	 * and 17 Rice codes with k = 3 of the 0s before them and after the
	 * last (0 then 15s: 4 + 16 * 5 bits), 92 bits where all-0 took 8. The
	 * abstract stream has 24 values other than 0 (the 16 title postings
	 * store their 1 unshifted, the 8 others 3 - 1): 25 Rice codes with
	 * k = 3 (0, then 4, 10, 15 eight times: 4 + 8 * 15 bits) and the values
	 * minus 1 in a 1-bit frame (8 + 24 bits), 156 bits where all-0 took 8.
	 * So each block takes 280 bits (35 bytes) dense and 512 (64 bytes)
	 * here; the directory only grows, by at most a byte per block (sizes
	 * and bounds). Two frames of reference (1 and 2 bits) would add 96
	 * bytes per block. */
	for (size_t i = 0; i < n; i += 16)
		e[i].tf[0] = 1;
	for (size_t i = 5; i < n; i += 32)
		e[i].tf[1] = 3;
	buf sparse = BUF_INIT;
	post_chunk_encode(e, n, &sparse);
	assert_true(sparse.n - dense.n >= 29 * 4);
	assert_true(sparse.n - dense.n <= 29 * 4 + 4);
	roundtrip(e, n);
	/* Title tfs other than 1 keep their values. */
	for (size_t i = 0; i < n; i += 16)
		e[i].tf[0] = 1 + (uint32_t)(i % 5);
	roundtrip(e, n);
	buf_free(&dense);
	buf_free(&sparse);
	free(e);
}

/* A directory goes in columns when that is smaller: chunks of many blocks. */
static void test_directory_forms(void **state)
{
	(void)state;
	size_t sizes[] = {POST_TINY_MAX + 1, POST_BLOCK * POST_CHUNK_BLOCKS};
	int columns[] = {0, 1};
	for (int s = 0; s < 2; s++) {
		post_entry *e = make_list(sizes[s], 1, 50, 4);
		buf b = BUF_INIT;
		post_chunk_encode(e, sizes[s], &b);
		assert_int_equal(b.p[0] & 3, columns[s] << 1);
		roundtrip(e, sizes[s]);
		buf_free(&b);
		free(e);
	}
}

static void test_compression(void **state)
{
	(void)state;
	/* A dense list of tf-1 postings must cost well under a byte each. */
	size_t n = POST_BLOCK * 8;
	post_entry *e = calloc(n, sizeof *e);
	for (size_t i = 0; i < n; i++) {
		e[i].docid = (uint32_t)(1 + 3 * i);
		e[i].tf[1] = 1;
		e[i].len[1] = 100;
	}
	buf b = BUF_INIT;
	post_chunk_encode(e, n, &b);
	assert_true(b.n * 8 < n * 4);
	buf_free(&b);
	free(e);
}

static void test_corruption(void **state)
{
	(void)state;
	post_entry *e = make_list(700, 5, 20, 6);
	buf b = BUF_INIT;
	post_chunk_encode(e, 700, &b);
	post_chunk c;
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	/* Truncations at every length are rejected by open or decode, never crash. */
	for (size_t cut = 0; cut < b.n; cut++) {
		if (post_chunk_open(b.p, cut, e[699].docid, &c) == 0) {
			int bad = 0;
			for (uint32_t i = 0; i < c.nblocks; i++)
				bad |= post_block_decode(&c, i, d, t0, t1) != 0;
			(void)bad;
		}
	}
	assert_int_equal(post_chunk_open(b.p, b.n - 1, e[699].docid, &c), PDX_ECORRUPT);
	/* A key smaller than the chunk's span. */
	assert_int_equal(post_chunk_open(b.p, b.n, 3, &c), PDX_ECORRUPT);
	/* Random byte flips: decoding either fails cleanly or yields increasing docids. */
	for (int round = 0; round < 2000; round++) {
		unsigned char *copy = malloc(b.n);
		memcpy(copy, b.p, b.n);
		for (int k = 0; k < 3; k++)
			copy[rnd() % b.n] ^= (unsigned char)(1 + rnd() % 255);
		if (post_chunk_open(copy, b.n, e[699].docid, &c) == 0) {
			for (uint32_t i = 0; i < c.nblocks; i++) {
				if (post_block_decode(&c, i, d, t0, t1) != 0)
					continue;
				for (uint32_t j = 1; j < c.blocks[i].count; j++)
					assert_true(d[j] > d[j - 1]);
			}
		}
		free(copy);
	}
	/* Regular heads claiming more postings than a chunk holds, or few
	 * enough for a tiny chunk. */
	buf h = BUF_INIT;
	buf_put_varint(&h, (uint64_t)POST_BLOCK * POST_CHUNK_BLOCKS << 2);
	buf_put_varint(&h, 0);
	assert_int_equal(post_chunk_open(h.p, h.n, 1u << 20, &c), PDX_ECORRUPT);
	h.n = 0;
	buf_put_varint(&h, (uint64_t)(POST_TINY_MAX - 1) << 2);
	buf_put_varint(&h, 40);
	assert_int_equal(post_chunk_open(h.p, h.n, 1u << 20, &c), PDX_ECORRUPT);
	buf_free(&h);
	/* A tiny chunk's gaps adding up to more than its last docid. */
	post_entry two[2] = {{.docid = 3, .tf = {0, 1}, .len = {1, 9}},
			     {.docid = 70000, .tf = {0, 1}, .len = {1, 9}}};
	h = (buf)BUF_INIT;
	post_chunk_encode(two, 2, &h);
	assert_int_equal(post_chunk_open(h.p, h.n, 70000, &c), 0);
	assert_int_equal(post_chunk_open(h.p, h.n, 69000, &c), PDX_ECORRUPT);
	buf_free(&h);
	buf_free(&b);
	free(e);
}

/* Decodes every block of the chunk [p, p + n) with last docid `last`,
 * with the vector path allowed or not; the return codes, and where both
 * decode, the values, must agree. Returns how many blocks decoded. */
static int decode_both(const unsigned char *p, size_t n, uint32_t last)
{
	post_chunk c[2];
	int rc[2], ok = 0;
	for (int simd = 0; simd < 2; simd++) {
		post_set_simd(simd);
		rc[simd] = post_chunk_open(p, n, last, &c[simd]);
	}
	assert_int_equal(rc[0], rc[1]);
	if (rc[0])
		return 0;
	for (uint32_t i = 0; i < c[0].nblocks; i++) {
		uint32_t d[2][POST_BLOCK], t0[2][POST_BLOCK], t1[2][POST_BLOCK];
		for (int simd = 0; simd < 2; simd++) {
			post_set_simd(simd);
			rc[simd] = post_block_decode(&c[simd], i, d[simd], t0[simd], t1[simd]);
		}
		assert_int_equal(rc[0], rc[1]);
		if (rc[0])
			continue;
		uint32_t count = c[0].blocks[i].count;
		assert_memory_equal(d[0], d[1], count * sizeof **d);
		assert_memory_equal(t0[0], t0[1], count * sizeof **t0);
		assert_memory_equal(t1[0], t1[1], count * sizeof **t1);
		ok++;
	}
	post_set_simd(1);
	return ok;
}

/* A tiny chunk of count postings (at most POST_TINY_MAX) whose docid gaps
 * are Rice-coded with k = 0 (unary, the vector path's case), each posting
 * once in its abstract; into raw, returning its bytes. */
static size_t tiny_unary(const uint32_t *gaps, uint32_t count, unsigned char *raw)
{
	char bits[8192];
	size_t at = 0;
	unsigned len = 32 - (unsigned)__builtin_clz(count);
	bits[at++] = '1';
	for (unsigned i = 1; i < len; i++)
		bits[at++] = '0';
	bits[at++] = '1';
	for (unsigned i = 0; i + 1 < len; i++)
		bits[at++] = (char)('0' + (count >> i & 1));
	for (int i = 0; i < 5; i++)
		bits[at++] = '0';
	for (uint32_t i = 0; i + 1 < count; i++) {
		for (uint32_t z = 0; z < gaps[i]; z++)
			bits[at++] = '0';
		bits[at++] = '1';
	}
	bits[at++] = '1';  /* shifted: "once in the abstract" is gamma(1) */
	for (uint32_t i = 0; i < count; i++) {
		bits[at++] = '0';
		bits[at++] = '1';
	}
	for (int i = 0; i < 6; i++)  /* the abstract's length class, 17 */
		bits[at++] = (char)('0' + (17 >> i & 1));
	bits[at] = '\0';
	return from_bits(bits, raw);
}

/* The AVX-512 unary decoder against the portable one (where the CPU has
 * AVX-512 VBMI2; elsewhere the portable one against what it must give):
 * random regular chunks, tiny chunks with values of 56 or more (longer
 * than a window) and windows cut by the end of the data, and damaged
 * chunks. */
static void test_simd_decode(void **state)
{
	(void)state;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + rnd() % 2000;
		uint32_t gap = 1 + rnd() % (rnd() % 2 ? 4 : 400);
		post_entry *e = make_list(n, 1, gap, 1 + rnd() % 4);
		buf b = BUF_INIT;
		post_chunk_encode(e, n, &b);
		assert_int_equal(decode_both(b.p, b.n, e[n - 1].docid), (int)((n + POST_BLOCK - 1) / POST_BLOCK));
		for (int k = 0; k < 8; k++) {
			unsigned char *copy = malloc(b.n);
			memcpy(copy, b.p, b.n);
			copy[rnd() % b.n] ^= (unsigned char)(1 + rnd() % 255);
			decode_both(copy, b.n, e[n - 1].docid);
			decode_both(copy, rnd() % b.n, e[n - 1].docid);
			free(copy);
		}
		buf_free(&b);
		free(e);
	}
	uint32_t gaps[POST_TINY_MAX];
	unsigned char raw[1100];
	for (int round = 0; round < 2000; round++) {
		uint32_t count = 2 + rnd() % (POST_TINY_MAX - 1), sum = count - 1;
		for (uint32_t i = 0; i + 1 < count; i++) {
			uint32_t r = rnd() % 10;
			gaps[i] = r < 6 ? rnd() % 3 : r < 9 ? rnd() % 56 : 56 + rnd() % 200;
			sum += gaps[i];
		}
		size_t len = tiny_unary(gaps, count, raw);
		uint32_t last = sum + 1 + rnd() % 1000;
		assert_int_equal(decode_both(raw, len, last), 1);
		post_chunk c;
		uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
		assert_int_equal(post_chunk_open(raw, len, last, &c), 0);
		assert_int_equal(post_block_decode(&c, 0, d, t0, t1), 0);
		assert_int_equal(d[0], last - sum);
		for (uint32_t i = 1; i < count; i++)
			assert_int_equal(d[i], d[i - 1] + gaps[i - 1] + 1);
		for (size_t cut = 0; cut < len; cut++)
			assert_int_equal(decode_both(raw, cut, last), 0);
	}
}

/* Appends v's n low bits to the bit string at *at, LSB first. */
static void put_bits(char *bits, size_t *at, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		bits[(*at)++] = (char)('0' + (v >> i & 1));
	bits[*at] = '\0';
}

/* A regular chunk of 33 postings from docid 10 whose gaps, as 32-bit
 * frames of reference, are 0, big, big and then 0s, each posting once
 * in its abstract; its directory puts the last at docid 42, which the
 * gaps reach modulo 2^32. Appends its bytes to out. */
static void overflowing_chunk(uint32_t big, buf *out)
{
	char bits[2048];
	size_t at = 0;
	put_bits(bits, &at, 32, 8);  /* gaps: frame of reference, 32 bits */
	for (int k = 0; k < 33; k++)
		put_bits(bits, &at, k == 1 || k == 2 ? big : 0, 32);
	put_bits(bits, &at, 0, 8);   /* title tfs: all 0 */
	put_bits(bits, &at, 1, 8);   /* abstract tfs: 1 bit each */
	for (int k = 0; k < 33; k++)
		put_bits(bits, &at, 1, 1);
	unsigned char data[256];
	size_t n = from_bits(bits, data);
	buf_put_varint(out, 32u << 2);              /* 33 postings, varint directory */
	buf_put_varint(out, 32);                    /* last - first */
	buf_put_varint(out, (uint64_t)n << 1);      /* size, not shifted */
	buf_put_varint(out, 0);                     /* max tfs */
	buf_put_varint(out, 1);
	buf_put_varint(out, 0);                     /* length classes */
	buf_put_varint(out, 17);
	buf_put(out, data, n);
}

/* Docids that pass UINT32_MAX are corrupt, on either path, even where
 * they wrap around to the docid the directory expects. */
static void test_docid_overflow(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	overflowing_chunk(0, &b);
	assert_int_equal(decode_both(b.p, b.n, 42), 1);
	/* Gaps of 2^31 twice: 10 + 32 + 2^32. */
	b.n = 0;
	overflowing_chunk(1u << 31, &b);
	post_chunk c;
	uint32_t d[POST_BLOCK], t0[POST_BLOCK], t1[POST_BLOCK];
	for (int simd = 0; simd < 2; simd++) {
		post_set_simd(simd);
		assert_int_equal(post_chunk_open(b.p, b.n, 42, &c), 0);
		assert_int_equal(post_block_decode(&c, 0, d, t0, t1), PDX_ECORRUPT);
	}
	post_set_simd(1);
	buf_free(&b);
}

/* Blocks store the class of their minimum lengths: exact up to 16, then
 * a floor within a factor 2^(1/8) up to 939, where the classes end. */
static void test_length_classes(void **state)
{
	(void)state;
	uint32_t prev = 0;
	for (uint32_t len = 0; len < 20000; len++) {
		uint32_t f = post_len_floor(len);
		assert_true(f <= len && f >= prev);
		assert_int_equal(post_len_floor(f), f);
		if (len <= 16)
			assert_int_equal(f, len);
		else if (len < 939)
			assert_true((uint64_t)len * 10000 < (uint64_t)f * 10905 + 10000);
		else
			assert_int_equal(f, 939);
		prev = f;
	}
	/* A directory row (33 postings, one block, no data) with abstract
	 * length class 63 opens; class 64 does not exist. */
	for (uint32_t cls = 63; cls <= 64; cls++) {
		buf h = BUF_INIT;
		buf_put_varint(&h, (uint64_t)(POST_TINY_MAX) << 2);
		uint32_t row[6] = {40, 0, 0, 1, 0, cls};
		for (int k = 0; k < 6; k++)
			buf_put_varint(&h, row[k]);
		post_chunk c;
		int rc = post_chunk_open(h.p, h.n, 1000, &c);
		assert_int_equal(rc, cls == 63 ? 0 : PDX_ECORRUPT);
		if (!rc)
			assert_int_equal(c.blocks[0].min_len[1], 939);
		buf_free(&h);
	}
}

static void test_positions(void **state)
{
	(void)state;
	size_t n = 300;
	post_pos_entry *pe = calloc(n, sizeof *pe);
	uint32_t *store = calloc(n * 20, sizeof *store);
	uint32_t tft[300], tfa[300];
	for (size_t i = 0; i < n; i++) {
		uint32_t *p = store + i * 20;
		tft[i] = rnd() % 3;
		tfa[i] = 1 + rnd() % 7;
		uint32_t pos = rnd() % 5;
		for (uint32_t k = 0; k < tft[i]; k++, pos += 1 + rnd() % 4)
			p[k] = pos;
		pos = rnd() % 5;
		for (uint32_t k = 0; k < tfa[i]; k++, pos += 1 + rnd() % 40)
			p[10 + k] = pos;
		pe[i].pos[0] = p;
		pe[i].n[0] = tft[i];
		pe[i].pos[1] = p + 10;
		pe[i].n[1] = tfa[i];
	}
	buf b = BUF_INIT;
	post_pos_encode(pe, n, &b);
	uint32_t nblocks = (uint32_t)((n + POST_BLOCK - 1) / POST_BLOCK);
	for (uint32_t bi = 0; bi < nblocks; bi++) {
		const unsigned char *blk;
		size_t blk_n;
		assert_int_equal(post_pos_block(b.p, b.n, bi, nblocks, &blk, &blk_n), 0);
		uint32_t base = bi * POST_BLOCK, cnt = n - base < POST_BLOCK ? (uint32_t)(n - base) : POST_BLOCK;
		for (uint32_t j = 0; j < cnt; j++) {
			uint32_t ot[10], oa[10];
			assert_int_equal(post_pos_decode(blk, blk_n, j, tft + base, tfa + base, ot, oa), 0);
			assert_memory_equal(ot, pe[base + j].pos[0], tft[base + j] * sizeof *ot);
			assert_memory_equal(oa, pe[base + j].pos[1], tfa[base + j] * sizeof *oa);
		}
	}
	assert_int_equal(post_pos_block(b.p, b.n, 0, nblocks + 1, &(const unsigned char *){0},
					&(size_t){0}), PDX_ECORRUPT);
	buf_free(&b);
	free(store);
	free(pe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_random_lists),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_tiny_chunks),
		cmocka_unit_test(test_rice_split),
		cmocka_unit_test(test_sparse_streams),
		cmocka_unit_test(test_directory_forms),
		cmocka_unit_test(test_compression),
		cmocka_unit_test(test_corruption),
		cmocka_unit_test(test_length_classes),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_simd_decode),
		cmocka_unit_test(test_docid_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
