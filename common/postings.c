/* postings — chunk, block and positions codec.
 *
 * Chunk (a value of the postings DB, see store.c). Its key holds its last
 * docid, which the chunk therefore does not repeat; readers pass it in.
 * The low bit of its first byte tells its form.
 * Regular chunk:
 *   varint  (count - 1) << 2 | columns << 1   count 33..POST_BLOCK *
 *                                       POST_CHUNK_BLOCKS postings, in blocks
 *                                       of POST_BLOCK but the last
 * then its directory, six fields per block:
 *     last_docid - previous             previous = first_docid for block 0,
 *                                       else the last docid of block i-1
 *     size << 1 | shifted               bytes of block data; see below
 *     max_tf[title], max_tf[abstract]
 *     class of min_len[title], of min_len[abstract]   (0: no posting has
 *                                       the term in that field; see
 *                                       len_floor below)
 * as varints block by block (columns = 0) or as six streams of nblocks
 * values, field by field, in one run of bits padded to a byte (columns =
 * 1), whichever is smaller; then the blocks' data back to back.
 * first_docid is the key's last docid minus the sum of the first fields.
 * Block data: one run of bits padded to a byte, holding three streams of
 * count values each — docid gaps, title tfs, abstract tfs. A gap is docid
 * - previous docid - 1, where the previous docid of a chunk's first posting
 * is first_docid - 1. "Shifted" means each abstract tf is stored minus 1
 * where the title tf is 0: a text posting occurs somewhere, so the common
 * "once in the abstract" stores as 0; metadata postings (tf 0, 0) leave a
 * block unshifted.
 * Stream: 8 bits mode << 6 | parameter, then
 *   mode 0, 1  patched frame of reference (after PForDelta), b = parameter
 *              0..32: the low b bits of every value; mode 1 adds
 *              exceptions: gamma(n), then n times the value's index in
 *              bit_length(count - 1) bits and gamma(value >> b)
 *   mode 2     Rice coding, k = parameter 0..31, split: every value's low
 *              k bits, then every value >> k as that many 0 bits and a 1
 *              bit (so a reader unpacks the low bits at a fixed width and
 *              finds the quotients from set bits, value by value in
 *              parallel; format version 5, where 4 interleaved the two)
 *   mode 3     sparse, for values mostly 0: parameter = ones << 5 | k;
 *              Rice codes with k, not split (each quotient followed by its
 *              low bits, as the reader does not know their number), of
 *              the number of 0s before each value that is not 0, and then
 *              of the 0s after the last of them if there are any (the
 *              runs add up to count); then, unless ones
 *              (all of them are 1), their values minus 1 as a stream of
 *              mode 0 to 2
 * Bits go LSB-first. The encoder picks, per stream, the mode and parameter
 * that take the fewest bits: Rice for the roughly geometric docid gaps,
 * sparse for title tfs and shifted abstract tfs, frame of reference for
 * flat runs.
 * Tiny chunk (rare terms): no directory and no streams but one run of bits,
 * padded to a byte:
 *   1 bit      1 (the form)
 *   gamma(count), count 1..POST_TINY_MAX
 *   count > 1: k in 5 bits, then count - 1 docid gaps Rice-coded with k,
 *              split as in mode 2
 *              (first_docid = last_docid - count + 1 - their sum)
 *   1 bit      shifted, as above
 *   per posting: 1 bit tf[title] > 0; if so gamma(tf[title]); then
 *              gamma(tf[abstract] + 1 - (shifted and tf[title] == 0))
 *   per field with a tf > 0: the class of min_len in 6 bits
 * where gamma(v), v >= 1, is Elias gamma: bit_length(v) - 1 zeros, a 1,
 * then the low bit_length(v) - 1 bits of v. Its max tfs are derived on
 * open, so its bounds are as exact as a directory's.
 *
 * Positions chunk (a value of the positions DB, same key as its chunk):
 *   varint  nblocks, then nblocks varint sizes, then the blocks' bytes.
 *   Block: for each posting, its title positions then its abstract
 *   positions: the first as is, the next ones as delta - 1. */
#include "postings.h"

#include <stdatomic.h>
#include <string.h>

#include "err.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define AVX512_PATHS 1
#endif

enum { MODE_FOR = 0, MODE_PFOR = 1, MODE_RICE = 2, MODE_SPARSE = 3 };

static unsigned bit_length(uint32_t v)
{
	return v ? 32u - (unsigned)__builtin_clz(v) : 0;
}

/* Bits of the index of a value among n (PFOR exceptions). */
static unsigned index_bits(size_t n)
{
	return n > 1 ? bit_length((uint32_t)(n - 1)) : 0;
}

/* Bits of gamma(v), v >= 1. */
static size_t gamma_bits(uint64_t v)
{
	return 2 * (63u - (unsigned)__builtin_clzll(v)) + 1;
}

/* Bits a stream takes as frame of reference with b bits, from the
 * histogram of the values' bit lengths (exceptions carry v >> b, which has
 * exactly length - b bits, so its gamma code 2 * (length - b) - 1). */
static size_t pfor_cost(const uint16_t hist[33], unsigned maxlen, size_t n, unsigned b)
{
	size_t cost = 8 + n * b, exc = 0;
	unsigned ib = index_bits(n);
	for (unsigned len = b + 1; len <= maxlen; len++) {
		exc += hist[len];
		cost += hist[len] * (ib + 2 * (len - b) - 1);
	}
	return exc ? cost + gamma_bits(exc) : cost;
}

/* The cheapest Rice parameter near log2 of the mean (where the best one
 * sits), from one pass over the values: *k and the bits it takes with
 * the stream's header. */
static size_t rice_best(const uint32_t *v, size_t n, uint64_t sum, unsigned *k)
{
	unsigned kmid = n ? bit_length((uint32_t)(sum / n)) : 0;
	unsigned k0 = kmid > 2 ? kmid - 2 : 0;
	size_t best = (size_t)-1;
	for (unsigned j = 0; j < 4 && k0 + j < 32; j++) {
		/* One pass per k: the shift is loop-invariant, so it vectorizes. */
		uint64_t q = 0;
		for (size_t i = 0; i < n; i++)
			q += v[i] >> (k0 + j);
		size_t c = 8 + (size_t)(q + n * (1 + k0 + j));
		if (c < best) {
			best = c;
			*k = k0 + j;
		}
	}
	return best;
}

/* Appends bits (LSB-first) to a byte buffer, four bytes at a time. */
typedef struct bitwr {
	buf *out;
	uint64_t acc;
	unsigned bits;    /* < 32 between calls */
} bitwr;

/* nbits <= 32; v's bits above nbits are ignored. */
static inline void bw_put(bitwr *w, uint64_t v, unsigned nbits)
{
	w->acc |= (v & ((1ull << nbits) - 1)) << w->bits;
	w->bits += nbits;
	if (w->bits >= 32) {
		unsigned char b[4] = {(unsigned char)w->acc, (unsigned char)(w->acc >> 8),
				      (unsigned char)(w->acc >> 16), (unsigned char)(w->acc >> 24)};
		buf_put(w->out, b, 4);
		w->acc >>= 32;
		w->bits -= 32;
	}
}

static void bw_flush(bitwr *w)
{
	for (; w->bits > 0; w->bits = w->bits > 8 ? w->bits - 8 : 0) {
		buf_putc(w->out, (int)(w->acc & 0xff));
		w->acc >>= 8;
	}
	w->acc = 0;
}

/* The cheapest plain (non-sparse) mode for n values: *mode, *param, and
 * the bits it takes; *zeros counts the values that are 0. */
static size_t stream_plan(const uint32_t *v, size_t n, unsigned *mode, unsigned *param,
			  size_t *zeros)
{
	unsigned best_mode = MODE_FOR, best_param = 32;
	size_t best = (size_t)-1;
	uint16_t hist[33] = {0};
	uint64_t sum = 0;
	unsigned maxlen = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned len = bit_length(v[i]);
		hist[len]++;
		sum += v[i];
		if (len > maxlen)
			maxlen = len;
	}
	/* More bits than the longest value never helps. */
	for (unsigned b = 0; b <= maxlen; b++) {
		size_t c = pfor_cost(hist, maxlen, n, b);
		if (c < best) {
			best = c;
			best_param = b;
		}
	}
	unsigned k = 0;  /* rice_best always sets it; -O3 cannot tell */
	size_t c = rice_best(v, n, sum, &k);
	if (c < best) {
		best = c;
		best_mode = MODE_RICE;
		best_param = k;
	}
	*mode = best_mode;
	*param = best_param;
	*zeros = hist[0];
	return best;
}

static inline void rice_put(bitwr *w, uint32_t v, unsigned k)
{
	uint64_t q = v >> k;
	while (q >= 32) {
		bw_put(w, 0, 32);
		q -= 32;
	}
	bw_put(w, 1ull << q, (unsigned)q + 1);
	bw_put(w, v, k);
}

/* Elias gamma of v >= 1: bit_length(v) - 1 zeros and a 1 bit, then the
 * low bit_length(v) - 1 bits of v. */
static void gamma_put(bitwr *w, uint64_t v)
{
	unsigned z = 63u - (unsigned)__builtin_clzll(v);
	for (unsigned q = z; q >= 32; q -= 32)
		bw_put(w, 0, 32);
	bw_put(w, 1ull << (z % 32), z % 32 + 1);
	bw_put(w, v, z > 32 ? 32 : z);
	if (z > 32)
		bw_put(w, v >> 32, z - 32);
}

/* n values Rice-coded with k, split: every value's low k bits first,
 * then every value >> k in unary. The same bits as n rice_put()s, but the
 * reader can unpack the low bits at a fixed width and take the quotients
 * from a word's set bits, with no value waiting on the one before. */
static void rice_write(bitwr *w, const uint32_t *v, size_t n, unsigned k)
{
	for (size_t i = 0; k && i < n; i++)
		bw_put(w, v[i], k);
	for (size_t i = 0; i < n; i++)
		rice_put(w, v[i] >> k, 0);
}

static void stream_write(bitwr *w, const uint32_t *v, size_t n, unsigned mode, unsigned param)
{
	if (mode == MODE_RICE) {
		bw_put(w, MODE_RICE << 6 | param, 8);
		rice_write(w, v, n, param);
		return;
	}
	unsigned b = param, ib = index_bits(n);
	size_t exc = 0;
	for (size_t i = 0; i < n; i++)
		if (b < 32 && v[i] >> b)
			exc++;
	bw_put(w, (exc ? MODE_PFOR : MODE_FOR) << 6 | b, 8);
	for (size_t i = 0; i < n; i++)
		bw_put(w, v[i], b);
	if (!exc)
		return;
	gamma_put(w, exc);
	for (size_t i = 0; i < n; i++) {
		if (b < 32 && v[i] >> b) {
			bw_put(w, i, ib);
			gamma_put(w, v[i] >> b);
		}
	}
}

/* Writes the values in the mode that takes the fewest bits. Sparse mode
 * competes where most values are 0, as title tfs and shifted abstract tfs
 * mostly are: it stores where the others are and, as a plain stream, their
 * values minus 1. */
static void stream_encode(bitwr *w, const uint32_t *v, size_t n)
{
	unsigned mode, param;
	size_t zeros, best = stream_plan(v, n, &mode, &param, &zeros), m = n - zeros;
	if (m == 0 || m > n / 2) {
		stream_write(w, v, n, mode, param);
		return;
	}
	/* runs[j]: the 0s before the j-th value that is not 0, and last the
	 * 0s after all of them, if any. */
	uint32_t runs[POST_BLOCK + 1], vals[POST_BLOCK];
	uint64_t rsum = 0;
	size_t nruns = 0, prev = 0;
	int ones = 1;
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			continue;
		runs[nruns++] = (uint32_t)(i - prev);
		vals[nruns - 1] = v[i] - 1;
		ones &= v[i] == 1;
		rsum += i - prev;
		prev = i + 1;
	}
	if (prev < n) {
		runs[nruns++] = (uint32_t)(n - prev);
		rsum += n - prev;
	}
	unsigned vmode = 0, vparam = 0, rk = 0;
	size_t zv, vcost = ones ? 0 : stream_plan(vals, m, &vmode, &vparam, &zv);
	if (rice_best(runs, nruns, rsum, &rk) + vcost >= best) {
		stream_write(w, v, n, mode, param);
		return;
	}
	bw_put(w, MODE_SPARSE << 6 | (unsigned)ones << 5 | rk, 8);
	for (size_t j = 0; j < nruns; j++)
		rice_put(w, runs[j], rk);
	if (!ones)
		stream_write(w, vals, m, vmode, vparam);
}

/* Little-endian 64-bit load; callers make sure 8 bytes are there. */
static inline uint64_t load64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
#else
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
#endif
}

/* Bit i of [p, p + n), LSB-first; the slow path near the end. */
static inline unsigned bit_at(const unsigned char *p, uint64_t i)
{
	return p[i >> 3] >> (i & 7) & 1;
}

/* Reads the bits of [p, p + limit / 8), LSB-first, never past the end. */
typedef struct bitrd {
	const unsigned char *p;
	uint64_t bit, limit;
} bitrd;

/* n <= 32 bits. */
static inline int br_bits(bitrd *r, unsigned n, uint64_t *v)
{
	if (r->limit - r->bit < n)
		return PDX_ECORRUPT;
	if ((r->bit >> 3) + 8 <= r->limit >> 3) {
		*v = (load64(r->p + (r->bit >> 3)) >> (r->bit & 7)) & ((1ull << n) - 1);
		r->bit += n;
		return 0;
	}
	*v = 0;
	for (unsigned j = 0; j < n; j++, r->bit++)
		*v |= (uint64_t)bit_at(r->p, r->bit) << j;
	return 0;
}

/* Zeros up to a 1 bit, at most max of them. */
static int br_unary(bitrd *r, unsigned max, unsigned *q)
{
	for (*q = 0;; ++*q) {
		if (r->bit >= r->limit || *q > max)
			return PDX_ECORRUPT;
		if (bit_at(r->p, r->bit++))
			return 0;
	}
}

/* gamma(v) for v < 2^33. */
static int br_gamma(bitrd *r, uint64_t *v)
{
	unsigned z;
	if (br_unary(r, 32, &z) || br_bits(r, z, v))
		return PDX_ECORRUPT;
	*v |= 1ull << z;
	return 0;
}

/* One Rice value. The fast path reads a 64-bit window; within 8 bytes of
 * the end, and for quotients longer than the window, it goes bit by bit. */
static inline int rice_get(bitrd *r, unsigned k, uint32_t *v)
{
	uint64_t avail = r->limit >> 3;
	if ((r->bit >> 3) + 8 <= avail) {
		uint64_t w = load64(r->p + (r->bit >> 3)) >> (r->bit & 7);
		if (w) {
			unsigned z = (unsigned)__builtin_ctzll(w);
			if (z + 1 + k <= 57) {
				if (z > (UINT32_MAX >> k))
					return PDX_ECORRUPT;
				*v = (uint32_t)((uint64_t)z << k | ((w >> (z + 1)) & ((1ull << k) - 1)));
				r->bit += z + 1 + k;
				return 0;
			}
		}
	}
	unsigned q;
	uint64_t low;
	if (br_unary(r, UINT32_MAX >> k, &q) || br_bits(r, k, &low))
		return PDX_ECORRUPT;
	*v = (uint32_t)((uint64_t)q << k | low);
	return 0;
}

/* The next 56 bits (fewer, then 0s, near the end). */
static inline uint64_t peek56(const bitrd *r)
{
	uint64_t at = r->bit >> 3, avail = r->limit >> 3, w = 0;
	if (at + 8 <= avail) {
		w = load64(r->p + at);
	} else {
		for (uint64_t j = avail; j-- > at;)
			w = w << 8 | r->p[j];
		if (r->limit - r->bit < 56)
			w &= (1ull << (r->limit - r->bit + (r->bit & 7))) - 1;
	}
	return w >> (r->bit & 7) & ((1ull << 56) - 1);
}

/* Entry b: the positions of byte b's set bits, lowest first, a byte
 * each (the rest 0). */
static const uint64_t set_bits[256] = {
	0, 0, 0x1ull, 0x100ull, 0x2ull, 0x200ull, 0x201ull, 0x20100ull, 0x3ull, 0x300ull, 0x301ull,
	0x30100ull, 0x302ull, 0x30200ull, 0x30201ull, 0x3020100ull, 0x4ull, 0x400ull, 0x401ull,
	0x40100ull, 0x402ull, 0x40200ull, 0x40201ull, 0x4020100ull, 0x403ull, 0x40300ull, 0x40301ull,
	0x4030100ull, 0x40302ull, 0x4030200ull, 0x4030201ull, 0x403020100ull, 0x5ull, 0x500ull,
	0x501ull, 0x50100ull, 0x502ull, 0x50200ull, 0x50201ull, 0x5020100ull, 0x503ull, 0x50300ull,
	0x50301ull, 0x5030100ull, 0x50302ull, 0x5030200ull, 0x5030201ull, 0x503020100ull, 0x504ull,
	0x50400ull, 0x50401ull, 0x5040100ull, 0x50402ull, 0x5040200ull, 0x5040201ull, 0x504020100ull,
	0x50403ull, 0x5040300ull, 0x5040301ull, 0x504030100ull, 0x5040302ull, 0x504030200ull,
	0x504030201ull, 0x50403020100ull, 0x6ull, 0x600ull, 0x601ull, 0x60100ull, 0x602ull,
	0x60200ull, 0x60201ull, 0x6020100ull, 0x603ull, 0x60300ull, 0x60301ull, 0x6030100ull,
	0x60302ull, 0x6030200ull, 0x6030201ull, 0x603020100ull, 0x604ull, 0x60400ull, 0x60401ull,
	0x6040100ull, 0x60402ull, 0x6040200ull, 0x6040201ull, 0x604020100ull, 0x60403ull,
	0x6040300ull, 0x6040301ull, 0x604030100ull, 0x6040302ull, 0x604030200ull, 0x604030201ull,
	0x60403020100ull, 0x605ull, 0x60500ull, 0x60501ull, 0x6050100ull, 0x60502ull, 0x6050200ull,
	0x6050201ull, 0x605020100ull, 0x60503ull, 0x6050300ull, 0x6050301ull, 0x605030100ull,
	0x6050302ull, 0x605030200ull, 0x605030201ull, 0x60503020100ull, 0x60504ull, 0x6050400ull,
	0x6050401ull, 0x605040100ull, 0x6050402ull, 0x605040200ull, 0x605040201ull, 0x60504020100ull,
	0x6050403ull, 0x605040300ull, 0x605040301ull, 0x60504030100ull, 0x605040302ull,
	0x60504030200ull, 0x60504030201ull, 0x6050403020100ull, 0x7ull, 0x700ull, 0x701ull,
	0x70100ull, 0x702ull, 0x70200ull, 0x70201ull, 0x7020100ull, 0x703ull, 0x70300ull, 0x70301ull,
	0x7030100ull, 0x70302ull, 0x7030200ull, 0x7030201ull, 0x703020100ull, 0x704ull, 0x70400ull,
	0x70401ull, 0x7040100ull, 0x70402ull, 0x7040200ull, 0x7040201ull, 0x704020100ull, 0x70403ull,
	0x7040300ull, 0x7040301ull, 0x704030100ull, 0x7040302ull, 0x704030200ull, 0x704030201ull,
	0x70403020100ull, 0x705ull, 0x70500ull, 0x70501ull, 0x7050100ull, 0x70502ull, 0x7050200ull,
	0x7050201ull, 0x705020100ull, 0x70503ull, 0x7050300ull, 0x7050301ull, 0x705030100ull,
	0x7050302ull, 0x705030200ull, 0x705030201ull, 0x70503020100ull, 0x70504ull, 0x7050400ull,
	0x7050401ull, 0x705040100ull, 0x7050402ull, 0x705040200ull, 0x705040201ull, 0x70504020100ull,
	0x7050403ull, 0x705040300ull, 0x705040301ull, 0x70504030100ull, 0x705040302ull,
	0x70504030200ull, 0x70504030201ull, 0x7050403020100ull, 0x706ull, 0x70600ull, 0x70601ull,
	0x7060100ull, 0x70602ull, 0x7060200ull, 0x7060201ull, 0x706020100ull, 0x70603ull,
	0x7060300ull, 0x7060301ull, 0x706030100ull, 0x7060302ull, 0x706030200ull, 0x706030201ull,
	0x70603020100ull, 0x70604ull, 0x7060400ull, 0x7060401ull, 0x706040100ull, 0x7060402ull,
	0x706040200ull, 0x706040201ull, 0x70604020100ull, 0x7060403ull, 0x706040300ull,
	0x706040301ull, 0x70604030100ull, 0x706040302ull, 0x70604030200ull, 0x70604030201ull,
	0x7060403020100ull, 0x70605ull, 0x7060500ull, 0x7060501ull, 0x706050100ull, 0x7060502ull,
	0x706050200ull, 0x706050201ull, 0x70605020100ull, 0x7060503ull, 0x706050300ull,
	0x706050301ull, 0x70605030100ull, 0x706050302ull, 0x70605030200ull, 0x70605030201ull,
	0x7060503020100ull, 0x7060504ull, 0x706050400ull, 0x706050401ull, 0x70605040100ull,
	0x706050402ull, 0x70605040200ull, 0x70605040201ull, 0x7060504020100ull, 0x706050403ull,
	0x70605040300ull, 0x70605040301ull, 0x7060504030100ull, 0x70605040302ull, 0x7060504030200ull,
	0x7060504030201ull, 0x706050403020100ull,
};

/* Rice with k = 0 (unary), what most tf streams are: each value is the
 * run of 0 bits before a 1 bit. A 56-bit window's set bits are listed
 * a byte at a time from set_bits[] (each byte's place in the list from
 * the counts of the bytes before it, so no byte waits on another), and
 * the values are the differences of neighbouring positions. */
static int unary_decode_portable(bitrd *r, uint32_t n, uint32_t *v)
{
	bitrd s = *r;
	/* A window's values go to out[i..i + 56) whatever their count, so
	 * that the loop writing them runs the same number of times for every
	 * window (a count that varies is a mispredicted branch a window);
	 * v gets the first n. */
	uint32_t out[POST_BLOCK + 64], i = 0;
	if (n > POST_BLOCK)
		return PDX_ECORRUPT;
	while (i < n) {
		uint64_t w = peek56(&s);
		if (!w) {
			/* The end of the data, or a value of 56 or more. */
			if (rice_get(&s, 0, &out[i++]))
				return PDX_ECORRUPT;
			continue;
		}
		/* Set bits per byte, then their running sum: byte j of before
		 * counts the set bits of bytes 0..j-1. */
		uint64_t c = w - (w >> 1 & 0x5555555555555555ull);
		c = (c & 0x3333333333333333ull) + (c >> 2 & 0x3333333333333333ull);
		c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0full;
		uint64_t before = c * 0x0101010101010101ull << 8;
		unsigned char pos[7 * 8 + 8] = {0};
		for (unsigned j = 0; j < 7; j++) {
			uint64_t at = set_bits[w >> 8 * j & 0xff] + 0x0808080808080808ull * j;
			memcpy(pos + (before >> 8 * j & 0xff), &at, 8);
		}
		uint32_t got = (uint32_t)(before >> 56);  /* byte 7 of w is 0 */
		uint32_t take = got < n - i ? got : n - i;
		/* Differences as bytes first (a value is below 56), then
		 * widened, so that both loops vectorize. Past the window's
		 * count they are garbage, overwritten or never copied. */
		unsigned char dif[56];
		dif[0] = pos[0];
		for (size_t m = 1; m < 56; m++)
			dif[m] = (unsigned char)(pos[m] - pos[m - 1] - 1);
		uint32_t *o = out + i;
		for (size_t m = 0; m < 56; m++)
			o[m] = dif[m];
		i += take;
		s.bit += pos[take - 1] + 1u;
	}
	memcpy(v, out, n * sizeof *v);
	*r = s;
	return 0;
}

#ifdef AVX512_PATHS
/* unary_decode_portable's windows with AVX-512: one VPCOMPRESSB lists a
 * window's set bits, a byte permute puts each after its predecessor, and
 * the values, those differences less one, are widened 16 at a time. The
 * short top-10 batch spent 11.8% of its time in the portable loop and
 * 5.2% in this one (docs/search-speed.md). */
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi2,popcnt")))
static int unary_decode_vbmi2(bitrd *r, uint32_t n, uint32_t *v)
{
	bitrd s = *r;
	uint32_t out[POST_BLOCK + 64], i = 0;  /* room for a window's 64 */
	if (n > POST_BLOCK)
		return PDX_ECORRUPT;
	const __m512i index = _mm512_set_epi8(
		63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42,
		41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20,
		19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
	const __m512i before = _mm512_sub_epi8(index, _mm512_set1_epi8(1));
	const __m512i one = _mm512_set1_epi8(1), minus_one = _mm512_set1_epi8(-1);
	while (i < n) {
		uint64_t w = peek56(&s);
		if (!w) {
			/* The end of the data, or a value of 56 or more. */
			if (rice_get(&s, 0, &out[i++]))
				return PDX_ECORRUPT;
			continue;
		}
		/* pos: the window's set bits; prev: the one before each, -1
		 * before the first (bytes wrap, and a position is below 56). */
		__m512i pos = _mm512_maskz_compress_epi8(w, index);
		__m512i prev = _mm512_mask_mov_epi8(_mm512_permutexvar_epi8(before, pos), 1, minus_one);
		__m512i val = _mm512_sub_epi8(_mm512_sub_epi8(pos, prev), one);
		uint32_t *o = out + i;
		_mm512_storeu_si512(o, _mm512_cvtepu8_epi32(_mm512_castsi512_si128(val)));
		_mm512_storeu_si512(o + 16, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 1)));
		_mm512_storeu_si512(o + 32, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 2)));
		_mm512_storeu_si512(o + 48, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 3)));
		uint32_t got = (uint32_t)_mm_popcnt_u64(w);
		uint32_t take = got < n - i ? got : n - i;
		/* Past the take-th set bit: the last value taken. */
		s.bit += (uint64_t)__builtin_ctzll(_pdep_u64(1ull << (take - 1), w)) + 1;
		i += take;
	}
	memcpy(v, out, n * sizeof *v);
	*r = s;
	return 0;
}
#endif

static atomic_int simd_allowed = 1;

void post_set_simd(int on)
{
	atomic_store_explicit(&simd_allowed, on, memory_order_relaxed);
}

int post_simd_available(void)
{
#ifdef AVX512_PATHS
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	       __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2") &&
	       __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
#else
	return 0;
#endif
}

/* Whether the AVX-512 loops are to run. */
static inline int use_simd(void)
{
	return atomic_load_explicit(&simd_allowed, memory_order_relaxed) && post_simd_available();
}

/* Rice with k = 0, on the CPU's vector unit where it has one. */
static int unary_decode(bitrd *r, uint32_t n, uint32_t *v)
{
#ifdef AVX512_PATHS
	if (use_simd())
		return unary_decode_vbmi2(r, n, v);
#endif
	return unary_decode_portable(r, n, v);
}

/* Frame-of-reference unpacking from bit `at` with the width known at
 * compile time, so the shifts and masks are constants; used while eight
 * bytes can be read past the value's start. Below 8 bits, eight values
 * take B whole bytes, so one load serves them all. */
#define UNPACK_FIXED(B)                                                              \
	static uint32_t unpack##B(const unsigned char *p, size_t avail, uint64_t at, uint32_t n, \
				  uint32_t *v)                                       \
	{                                                                            \
		const uint64_t mask = ((uint64_t)1 << B) - 1;                        \
		uint32_t i = 0;                                                      \
		for (; B < 8 && i + 8 <= n && (at >> 3) + (uint64_t)i / 8 * B + 8 <= avail; \
		     i += 8) {                                                       \
			uint64_t w = load64(p + (at >> 3) + i / 8 * B) >> (at & 7);  \
			for (unsigned j = 0; j < 8; j++)                             \
				v[i + j] = (uint32_t)(w >> (j * B) & mask);          \
		}                                                                    \
		for (; i < n && ((at + (uint64_t)i * B) >> 3) + 8 <= avail; i++) {  \
			uint64_t bit = at + (uint64_t)i * B;                         \
			v[i] = (uint32_t)((load64(p + (bit >> 3)) >> (bit & 7)) & mask); \
		}                                                                    \
		return i;                                                            \
	}
UNPACK_FIXED(1) UNPACK_FIXED(2) UNPACK_FIXED(3) UNPACK_FIXED(4) UNPACK_FIXED(5)
UNPACK_FIXED(6) UNPACK_FIXED(7) UNPACK_FIXED(8) UNPACK_FIXED(9) UNPACK_FIXED(10)
UNPACK_FIXED(11) UNPACK_FIXED(12) UNPACK_FIXED(13) UNPACK_FIXED(14) UNPACK_FIXED(15)
UNPACK_FIXED(16)

static uint32_t (*const unpack_fixed[17])(const unsigned char *, size_t, uint64_t, uint32_t,
					  uint32_t *) = {
	NULL, unpack1, unpack2, unpack3, unpack4, unpack5, unpack6, unpack7, unpack8,
	unpack9, unpack10, unpack11, unpack12, unpack13, unpack14, unpack15, unpack16,
};

#ifdef AVX512_PATHS
/* The first values of unpack_fixed's for b < 8, 64 at a time with AVX-512
 * VBMI while their bytes lie in [p, p + avail): a byte permute gives each
 * 64-bit lane the bytes of its 8 values, a multishift moves each value to
 * a byte of its own, and the bytes are widened 16 at a time. Returns how
 * many it unpacked. */
__attribute__((target("avx512f,avx512bw,avx512vbmi")))
static uint32_t unpack_narrow_vbmi(const unsigned char *p, size_t avail, uint64_t at, unsigned b,
				   uint32_t n, uint32_t *v)
{
	const uint64_t each = 0x0101010101010101ull, j = 0x0706050403020100ull;
	/* Lane l takes bytes l * b .. l * b + 7 of the 8 * b from a run's
	 * first; value j of a lane starts at bit (at & 7) + j * b of them. */
	const __m512i from = _mm512_set_epi64((int64_t)(7 * b * each + j), (int64_t)(6 * b * each + j),
					     (int64_t)(5 * b * each + j), (int64_t)(4 * b * each + j),
					     (int64_t)(3 * b * each + j), (int64_t)(2 * b * each + j),
					     (int64_t)(b * each + j), (int64_t)j);
	const __m512i shift = _mm512_set1_epi64((int64_t)((at & 7) * each + b * j));
	const __m512i mask = _mm512_set1_epi8((char)((1u << b) - 1));
	const __mmask64 bytes = ((uint64_t)1 << (7 * b + 8)) - 1;
	uint32_t i = 0;
	for (; i + 64 <= n && (at >> 3) + (uint64_t)i / 8 * b + 7 * b + 8 <= avail; i += 64) {
		__m512i src = _mm512_maskz_loadu_epi8(bytes, p + (at >> 3) + i / 8 * b);
		__m512i val = _mm512_and_si512(
			_mm512_multishift_epi64_epi8(shift, _mm512_permutexvar_epi8(from, src)), mask);
		_mm512_storeu_si512(v + i, _mm512_cvtepu8_epi32(_mm512_castsi512_si128(val)));
		_mm512_storeu_si512(v + i + 16, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 1)));
		_mm512_storeu_si512(v + i + 32, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 2)));
		_mm512_storeu_si512(v + i + 48, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(val, 3)));
	}
	return i;
}
#endif

/* n values of b <= 32 bits each (frame of reference, Rice's low bits). */
static int unpack_low(bitrd *r, unsigned b, uint32_t n, uint32_t *v)
{
	if ((uint64_t)n * b > r->limit - r->bit)
		return PDX_ECORRUPT;
	if (b == 0) {
		memset(v, 0, n * sizeof *v);
		return 0;
	}
	uint32_t i = 0;
#ifdef AVX512_PATHS
	if (b < 8 && use_simd())
		i = unpack_narrow_vbmi(r->p, r->limit >> 3, r->bit, b, n, v);
#endif
	if (b <= 16)
		i += unpack_fixed[b](r->p, r->limit >> 3, r->bit + (uint64_t)i * b, n - i, v + i);
	r->bit += (uint64_t)i * b;
	for (uint64_t x; i < n; i++) {
		if (br_bits(r, b, &x))
			return PDX_ECORRUPT;
		v[i] = (uint32_t)x;
	}
	return 0;
}

/* Gaps v[0..n) into docids, in place: v[k] = prev + the sum of 1 + v[j]
 * for j <= k. Returns PDX_ECORRUPT when a docid passes UINT32_MAX. */
static int docids_from_gaps_portable(uint32_t *v, uint32_t n, uint64_t prev)
{
	/* Docids only grow, so checking the last for overflow covers all. */
	uint64_t d = prev;
	for (uint32_t k = 0; k < n; k++) {
		d += 1 + (uint64_t)v[k];
		v[k] = (uint32_t)d;
	}
	return d > UINT32_MAX ? PDX_ECORRUPT : 0;
}

#ifdef AVX512_PATHS
/* docids_from_gaps_portable 16 at a time: a prefix sum in four shifted
 * adds. The sums are taken modulo 2^32, where passing UINT32_MAX shows as
 * a docid no greater than the one before it (each step adds 1 to 2^32). */
__attribute__((target("avx512f")))
static int docids_from_gaps_avx512(uint32_t *v, uint32_t n, uint64_t prev)
{
	const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1);
	const __m512i last = _mm512_set1_epi32(15);
	/* The docid before each lane's: prev (as 32 bits) for the first lane
	 * of all; below it is nothing when prev is "-1" (first docid 0). */
	__m512i carry = _mm512_set1_epi32((int)(uint32_t)prev);
	__mmask16 bad = 0;
	uint32_t k = 0;
	for (; k + 16 <= n; k += 16) {
		__m512i x = _mm512_add_epi32(_mm512_loadu_si512(v + k), one);
		x = _mm512_add_epi32(x, _mm512_alignr_epi32(x, zero, 15));
		x = _mm512_add_epi32(x, _mm512_alignr_epi32(x, zero, 14));
		x = _mm512_add_epi32(x, _mm512_alignr_epi32(x, zero, 12));
		x = _mm512_add_epi32(x, _mm512_alignr_epi32(x, zero, 8));
		x = _mm512_add_epi32(x, carry);
		__m512i before = _mm512_alignr_epi32(x, carry, 15);
		__mmask16 check = k == 0 && prev > UINT32_MAX ? (__mmask16)0xfffe : (__mmask16)0xffff;
		bad |= _mm512_mask_cmple_epu32_mask(check, x, before);
		_mm512_storeu_si512(v + k, x);
		carry = _mm512_permutexvar_epi32(last, x);
	}
	if (bad)
		return PDX_ECORRUPT;
	if (k == n)
		return 0;
	/* The rest one by one, from the last docid written. */
	uint64_t from = k ? v[k - 1] : prev;
	return docids_from_gaps_portable(v + k, n - k, from);
}
#endif

static int docids_from_gaps(uint32_t *v, uint32_t n, uint64_t prev)
{
#ifdef AVX512_PATHS
	if (use_simd())
		return docids_from_gaps_avx512(v, n, prev);
#endif
	return docids_from_gaps_portable(v, n, prev);
}

/* n <= POST_BLOCK values as rice_write() put them. */
static int rice_decode(bitrd *r, uint32_t n, unsigned k, uint32_t *v)
{
	if (k == 0)
		return unary_decode(r, n, v);
	uint32_t q[POST_BLOCK], high = 0;
	if (n > POST_BLOCK || unpack_low(r, k, n, v) || unary_decode(r, n, q))
		return PDX_ECORRUPT;
	for (uint32_t i = 0; i < n; i++) {
		high |= q[i] >> (32 - k);
		v[i] |= q[i] << k;
	}
	return high ? PDX_ECORRUPT : 0;
}

/* The body of a plain stream (frame of reference, patched, or Rice)
 * whose header byte was hdr. */
static int plain_decode(bitrd *r, unsigned hdr, uint32_t n, uint32_t *v)
{
	unsigned mode = hdr >> 6, b = hdr & 0x3f;
	if (mode == MODE_RICE)
		return b > 31 ? PDX_ECORRUPT : rice_decode(r, n, b, v);
	if (mode > MODE_PFOR || b > 32 || unpack_low(r, b, n, v))
		return PDX_ECORRUPT;
	if (mode == MODE_PFOR) {
		uint64_t exc, idx, high;
		unsigned ib = index_bits(n);
		if (b == 32 || br_gamma(r, &exc) || exc > n)
			return PDX_ECORRUPT;
		for (uint64_t k = 0; k < exc; k++) {
			if (br_bits(r, ib, &idx) || idx >= n || br_gamma(r, &high) ||
			    high > (UINT32_MAX >> b))
				return PDX_ECORRUPT;
			v[idx] |= (uint32_t)(high << b);
		}
	}
	return 0;
}

/* A sparse stream's run of 0s before value i (and the value's index into
 * at[], unless the run reaches the end, n). */
static inline int sparse_run(uint64_t run, uint32_t n, uint64_t *i, uint32_t *at, uint32_t *m)
{
	if (run > n - *i)
		return PDX_ECORRUPT;
	*i += run;
	if (*i < n)
		at[(*m)++] = (uint32_t)(*i)++;
	return 0;
}

static int stream_decode(bitrd *r, uint32_t n, uint32_t *v)
{
	uint64_t hdr;
	if (n > POST_BLOCK || br_bits(r, 8, &hdr))
		return PDX_ECORRUPT;
	if (hdr >> 6 != MODE_SPARSE)
		return plain_decode(r, (unsigned)hdr, n, v);
	unsigned ones = hdr >> 5 & 1, k = hdr & 0x1f;
	uint32_t at[POST_BLOCK], vals[POST_BLOCK], m = 0;
	uint64_t mask = (1ull << k) - 1;
	for (uint64_t i = 0; i < n;) {
		/* The runs whose codes lie whole in the next 56 bits, from one
		 * read; a longer code goes through rice_get(). */
		uint64_t w = peek56(r), left = r->limit - r->bit;
		unsigned used = 0, span = left < 56 ? (unsigned)left : 56;
		for (uint64_t rest = w; rest && i < n; rest = w >> used) {
			unsigned z = (unsigned)__builtin_ctzll(rest);
			if (used + z + 1 + k > span)
				break;
			used += z + 1 + k;
			if (sparse_run((uint64_t)z << k | (rest >> (z + 1) & mask), n, &i, at, &m))
				return PDX_ECORRUPT;
		}
		r->bit += used;
		if (used == 0 && i < n) {
			uint32_t run;
			if (rice_get(r, k, &run) || sparse_run(run, n, &i, at, &m))
				return PDX_ECORRUPT;
		}
	}
	if (ones)
		memset(vals, 0, m * sizeof *vals);
	else if (br_bits(r, 8, &hdr) || hdr >> 6 == MODE_SPARSE ||
		 plain_decode(r, (unsigned)hdr, m, vals))
		return PDX_ECORRUPT;
	memset(v, 0, n * sizeof *v);
	for (uint32_t j = 0; j < m; j++) {
		if (vals[j] == UINT32_MAX)
			return PDX_ECORRUPT;
		v[at[j]] = vals[j] + 1;
	}
	return 0;
}

static uint32_t clamp_tf(uint32_t tf)
{
	return tf > POST_TF_MAX ? POST_TF_MAX : tf;
}

/* Length classes: a block stores the class of its minimum field length
 * and readers take the class's floor, which costs the score bounds little
 * (steps of 2^(1/8) above 16) and a tiny chunk 6 bits a field instead of
 * the length's gamma code. */
static const uint32_t len_floor[64] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 22, 24,
	26, 29, 32, 34, 38, 41, 45, 49, 53, 58, 64, 69, 76, 82, 90, 98, 107, 117, 128, 139,
	152, 165, 181, 197, 215, 234, 256, 279, 304, 331, 362, 394, 430, 469, 512, 558, 608,
	663, 724, 789, 861, 939,
};

/* The class of len: the last one whose floor is at most len. */
static unsigned len_class(uint32_t len)
{
	unsigned lo = 0, hi = 63;
	while (lo < hi) {
		unsigned mid = (lo + hi + 1) / 2;
		if (len_floor[mid] <= len)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

uint32_t post_len_floor(uint32_t len)
{
	return len_floor[len_class(len)];
}

static void block_bounds(const post_entry *e, size_t n, post_block_info *info)
{
	memset(info, 0, sizeof *info);
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < POST_FIELDS; f++) {
			uint32_t tf = clamp_tf(e[i].tf[f]);
			if (tf > info->max_tf[f])
				info->max_tf[f] = tf;
			if (tf && (info->min_len[f] == 0 || e[i].len[f] < info->min_len[f]))
				info->min_len[f] = e[i].len[f];
		}
	}
	for (int f = 0; f < POST_FIELDS; f++)
		info->min_len[f] = post_len_floor(info->min_len[f]);
}

/* Encodes one block as one run of bits; returns whether its abstract tfs
 * are shifted. */
static int block_encode(const post_entry *e, size_t n, uint32_t prev, buf *out, post_block_info *info)
{
	uint32_t gaps[POST_BLOCK], tf0[POST_BLOCK], tf1[POST_BLOCK];
	block_bounds(e, n, info);
	int shift = 1;
	for (size_t i = 0; i < n; i++) {
		gaps[i] = e[i].docid - prev - 1;
		prev = e[i].docid;
		tf0[i] = clamp_tf(e[i].tf[0]);
		tf1[i] = clamp_tf(e[i].tf[1]);
		if (!tf0[i] && !tf1[i])
			shift = 0;
	}
	for (size_t i = 0; shift && i < n; i++)
		tf1[i] -= tf0[i] == 0;
	bitwr w = {out, 0, 0};
	stream_encode(&w, gaps, n);
	stream_encode(&w, tf0, n);
	stream_encode(&w, tf1, n);
	bw_flush(&w);
	info->last_docid = prev;
	info->count = (uint32_t)n;
	return shift;
}

static void tiny_encode(const post_entry *e, size_t n, buf *out)
{
	uint32_t gaps[POST_TINY_MAX];
	uint64_t sum = 0;
	int shift = 1;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			gaps[i - 1] = e[i].docid - e[i - 1].docid - 1;
			sum += gaps[i - 1];
		}
		if (!clamp_tf(e[i].tf[0]) && !clamp_tf(e[i].tf[1]))
			shift = 0;
	}
	bitwr w = {out, 0, 0};
	bw_put(&w, 1, 1);
	gamma_put(&w, n);
	if (n > 1) {
		unsigned best_k = 0;
		rice_best(gaps, n - 1, sum, &best_k);
		bw_put(&w, best_k, 5);
		rice_write(&w, gaps, n - 1, best_k);
	}
	bw_put(&w, (unsigned)shift, 1);
	for (size_t i = 0; i < n; i++) {
		uint32_t t0 = clamp_tf(e[i].tf[0]), t1 = clamp_tf(e[i].tf[1]);
		bw_put(&w, t0 > 0, 1);
		if (t0)
			gamma_put(&w, t0);
		gamma_put(&w, (uint64_t)t1 + 1 - (unsigned)(shift && !t0));
	}
	post_block_info info;
	block_bounds(e, n, &info);
	for (int f = 0; f < POST_FIELDS; f++)
		if (info.max_tf[f])
			bw_put(&w, len_class(info.min_len[f]), 6);
	bw_flush(&w);
}

/* The directory as rows of varints: cheapest for chunks of few blocks. */
static void dir_rows(const post_block_info *info, const int *shifted, uint32_t nblocks,
		     uint32_t first_docid, buf *out)
{
	uint32_t prev = first_docid;
	for (uint32_t i = 0; i < nblocks; i++) {
		buf_put_varint(out, info[i].last_docid - prev);
		buf_put_varint(out, (uint64_t)info[i].size << 1 | (unsigned)shifted[i]);
		for (int f = 0; f < POST_FIELDS; f++)
			buf_put_varint(out, info[i].max_tf[f]);
		for (int f = 0; f < POST_FIELDS; f++)
			buf_put_varint(out, len_class(info[i].min_len[f]));
		prev = info[i].last_docid;
	}
}

/* The directory as DIR_COLUMNS streams of nblocks values each, one per
 * row field, in the order dir_rows writes them. */
enum { DIR_COLUMNS = 2 + 2 * POST_FIELDS };

static void dir_columns(const post_block_info *info, const int *shifted, uint32_t nblocks,
			uint32_t first_docid, buf *out)
{
	uint32_t col[POST_CHUNK_BLOCKS];
	bitwr w = {out, 0, 0};
	for (int k = 0; k < DIR_COLUMNS; k++) {
		uint32_t prev = first_docid;
		for (uint32_t i = 0; i < nblocks; i++) {
			const post_block_info *b = &info[i];
			col[i] = k == 0 ? b->last_docid - prev
			       : k == 1 ? b->size << 1 | (uint32_t)shifted[i]
			       : k < 2 + POST_FIELDS ? b->max_tf[k - 2]
			       : len_class(b->min_len[k - 2 - POST_FIELDS]);
			prev = b->last_docid;
		}
		stream_encode(&w, col, nblocks);
	}
	bw_flush(&w);
}

static void regular_encode(const post_entry *e, size_t n, buf *out)
{
	post_block_info info[POST_CHUNK_BLOCKS];
	int shifted[POST_CHUNK_BLOCKS];
	buf data = BUF_INIT, rows = BUF_INIT, cols = BUF_INIT;
	uint32_t nblocks = 0, prev = e[0].docid - 1;
	for (size_t i = 0; i < n; i += POST_BLOCK, nblocks++) {
		size_t k = n - i < POST_BLOCK ? n - i : POST_BLOCK;
		size_t before = data.n;
		shifted[nblocks] = block_encode(e + i, k, prev, &data, &info[nblocks]);
		info[nblocks].size = (uint32_t)(data.n - before);
		prev = info[nblocks].last_docid;
	}
	dir_rows(info, shifted, nblocks, e[0].docid, &rows);
	dir_columns(info, shifted, nblocks, e[0].docid, &cols);
	int columns = cols.n < rows.n;
	buf_put_varint(out, (uint64_t)(n - 1) << 2 | (unsigned)columns << 1);
	buf_put(out, columns ? cols.p : rows.p, columns ? cols.n : rows.n);
	buf_put(out, data.p, data.n);
	buf_free(&cols);
	buf_free(&rows);
	buf_free(&data);
}

void post_chunk_encode(const post_entry *e, size_t n, buf *out)
{
	if (n <= POST_TINY_MAX) {
		tiny_encode(e, n, out);
		return;
	}
	regular_encode(e, n, out);
}

/* Parses a tiny chunk: fills its block's bounds and first docid, and the
 * arrays when given. */
static int tiny_parse(post_chunk *c, uint32_t *docids, uint32_t *tf0, uint32_t *tf1)
{
	post_block_info *b = &c->blocks[0];
	uint32_t count = b->count, gaps[POST_TINY_MAX];
	bitrd r = {c->data, 1, (uint64_t)c->data_size * 8};
	uint64_t v, span = count - 1;
	if (br_gamma(&r, &v) || v != count)
		return PDX_ECORRUPT;
	if (count > 1) {
		uint64_t k;
		if (br_bits(&r, 5, &k) || rice_decode(&r, count - 1, (unsigned)k, gaps))
			return PDX_ECORRUPT;
		for (uint32_t i = 0; i + 1 < count; i++)
			span += gaps[i];
	}
	if (span > b->last_docid)
		return PDX_ECORRUPT;
	uint64_t shift;
	uint32_t max_tf[POST_FIELDS] = {0, 0}, d = (uint32_t)(b->last_docid - span);
	if (br_bits(&r, 1, &shift))
		return PDX_ECORRUPT;
	for (uint32_t i = 0; i < count; i++) {
		uint64_t has_title, t0 = 0, t1;
		if (br_bits(&r, 1, &has_title) || (has_title && br_gamma(&r, &t0)) ||
		    br_gamma(&r, &t1) || t0 > POST_TF_MAX)
			return PDX_ECORRUPT;
		t1 = t1 - 1 + (shift && !t0);
		if (t1 > POST_TF_MAX)
			return PDX_ECORRUPT;
		if (i)
			d += gaps[i - 1] + 1;
		if (docids) {
			docids[i] = d;
			tf0[i] = (uint32_t)t0;
			tf1[i] = (uint32_t)t1;
		}
		if (t0 > max_tf[0])
			max_tf[0] = (uint32_t)t0;
		if (t1 > max_tf[1])
			max_tf[1] = (uint32_t)t1;
	}
	for (int f = 0; f < POST_FIELDS; f++) {
		v = 0;
		if (max_tf[f] && br_bits(&r, 6, &v))
			return PDX_ECORRUPT;
		if (!docids) {
			b->max_tf[f] = max_tf[f];
			b->min_len[f] = len_floor[v];
		}
	}
	if (!docids)
		c->first_docid = (uint32_t)(b->last_docid - span);
	return (r.bit + 7) / 8 == (uint64_t)c->data_size ? 0 : PDX_ECORRUPT;
}

int post_chunk_open(const void *p0, size_t n, uint32_t last_docid, post_chunk *c)
{
	const unsigned char *p = p0, *end = p + n;
	uint32_t head;
	c->tiny = n > 0 && (p[0] & 1);
	if (c->tiny) {
		bitrd r = {p, 1, (uint64_t)n * 8};
		uint64_t count;
		if (br_gamma(&r, &count) || count > POST_TINY_MAX)
			return PDX_ECORRUPT;
		c->nblocks = 1;
		c->npostings = (uint32_t)count;
		c->data = p;
		c->data_size = n;
		c->blocks[0] = (post_block_info){.last_docid = last_docid, .count = (uint32_t)count,
						 .offset = 0, .size = (uint32_t)n};
		return tiny_parse(c, NULL, NULL, NULL);
	}
	if (buf_get_u32(&p, end, &head))
		return PDX_ECORRUPT;
	uint32_t total = (head >> 2) + 1;
	if (total <= POST_TINY_MAX || total > POST_BLOCK * POST_CHUNK_BLOCKS)
		return PDX_ECORRUPT;
	uint32_t nb = (total + POST_BLOCK - 1) / POST_BLOCK;
	c->nblocks = nb;
	c->npostings = total;
	uint32_t col[DIR_COLUMNS][POST_CHUNK_BLOCKS];
	if (head & 2) {
		bitrd r = {p, 0, (uint64_t)(end - p) * 8};
		for (int k = 0; k < DIR_COLUMNS; k++)
			if (stream_decode(&r, nb, col[k]))
				return PDX_ECORRUPT;
		p += (r.bit + 7) / 8;
	} else {
		for (uint32_t i = 0; i < nb; i++)
			for (int k = 0; k < DIR_COLUMNS; k++)
				if (buf_get_u32(&p, end, &col[k][i]))
					return PDX_ECORRUPT;
	}
	/* The blocks' docid steps add up to the chunk's span. */
	uint64_t span = 0;
	for (uint32_t i = 0; i < nb; i++)
		span += col[0][i];
	if (span > last_docid)
		return PDX_ECORRUPT;
	c->first_docid = (uint32_t)(last_docid - span);
	uint64_t prev = c->first_docid, off = 0;
	for (uint32_t i = 0; i < nb; i++) {
		post_block_info *b = &c->blocks[i];
		uint32_t delta = col[0][i], size = col[1][i];
		for (int f = 0; f < POST_FIELDS; f++) {
			b->max_tf[f] = col[2 + f][i];
			uint32_t cls = col[2 + POST_FIELDS + f][i];
			if (b->max_tf[f] > POST_TF_MAX || cls > 63)
				return PDX_ECORRUPT;
			b->min_len[f] = len_floor[cls];
		}
		b->count = i + 1 < nb ? POST_BLOCK : total - (nb - 1) * POST_BLOCK;
		b->size = size >> 1;
		b->shifted = size & 1;
		/* Every posting after the chunk's first moves the docid forward. */
		uint64_t last = prev + delta;
		uint64_t min_step = i == 0 ? b->count - 1 : b->count;
		if (delta < min_step || last > last_docid)
			return PDX_ECORRUPT;
		b->last_docid = (uint32_t)last;
		b->offset = (uint32_t)off;
		off += b->size;
		prev = last;
	}
	if (prev != last_docid || off != (uint64_t)(end - p))
		return PDX_ECORRUPT;
	c->data = p;
	c->data_size = (size_t)off;
	return 0;
}

int post_block_docids(const post_chunk *c, uint32_t i, uint32_t *docids, size_t *freqs_at)
{
	if (i >= c->nblocks)
		return PDX_ECORRUPT;
	if (c->tiny) {
		uint32_t t0[POST_BLOCK], t1[POST_BLOCK];
		*freqs_at = 0;
		return tiny_parse((post_chunk *)c, docids, t0, t1);
	}
	const post_block_info *b = &c->blocks[i];
	bitrd r = {c->data + b->offset, 0, (uint64_t)b->size * 8};
	uint32_t n = b->count;
	if (stream_decode(&r, n, docids))
		return PDX_ECORRUPT;
	uint64_t prev = i == 0 ? (uint64_t)c->first_docid - 1 : c->blocks[i - 1].last_docid;
	if (i == 0 && c->first_docid == 0)
		prev = (uint64_t)-1;  /* docid 0 is never written, but stay defined */
	if (docids_from_gaps(docids, n, prev))
		return PDX_ECORRUPT;
	if ((i == 0 && docids[0] != c->first_docid) || docids[n - 1] != b->last_docid)
		return PDX_ECORRUPT;
	*freqs_at = (size_t)r.bit;
	return 0;
}

int post_block_freqs(const post_chunk *c, uint32_t i, size_t freqs_at, uint32_t *tf_title,
		     uint32_t *tf_abstract)
{
	if (i >= c->nblocks)
		return PDX_ECORRUPT;
	if (c->tiny) {
		uint32_t d[POST_BLOCK];
		return tiny_parse((post_chunk *)c, d, tf_title, tf_abstract);
	}
	const post_block_info *b = &c->blocks[i];
	bitrd r = {c->data + b->offset, freqs_at, (uint64_t)b->size * 8};
	uint32_t n = b->count;
	if (freqs_at > r.limit || stream_decode(&r, n, tf_title) ||
	    stream_decode(&r, n, tf_abstract) || (r.bit + 7) / 8 != b->size)
		return PDX_ECORRUPT;
	/* Branch-free, so the compiler vectorizes it: blocks are decoded on
	 * every query's hot path. */
	uint32_t shift = b->shifted ? 1 : 0, bad = 0;
	for (uint32_t k = 0; k < n; k++) {
		tf_abstract[k] += shift & (tf_title[k] == 0);
		bad |= (tf_title[k] > b->max_tf[0]) | (tf_abstract[k] > b->max_tf[1]);
	}
	return bad ? PDX_ECORRUPT : 0;
}

int post_block_decode(const post_chunk *c, uint32_t i, uint32_t *docids,
		      uint32_t *tf_title, uint32_t *tf_abstract)
{
	size_t at;
	int rc = post_block_docids(c, i, docids, &at);
	return rc ? rc : post_block_freqs(c, i, at, tf_title, tf_abstract);
}

static void put_positions(buf *out, const uint32_t *pos, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		buf_put_varint(out, k == 0 ? pos[0] : pos[k] - pos[k - 1] - 1);
}

void post_pos_point(const post_entry *e, size_t n, const uint32_t *pos, const size_t *off,
		    post_pos_entry *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i].pos[0] = pos + off[i];
		out[i].n[0] = e[i].tf[0];
		out[i].pos[1] = pos + off[i] + e[i].tf[0];
		out[i].n[1] = e[i].tf[1];
	}
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
