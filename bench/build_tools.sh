#!/bin/sh
# bench/build_tools.sh OUT — compiles the benchmark's programs into OUT:
# peer_fts5, peer_xapian, sample_queries, make_model, gen_corpus,
# corpus_stats. They reuse a few of paperdex's own modules (errors, memory,
# buffers, folding, name keys, the line reader), compiled here with the
# same warnings as the Makefile's. Objects go to OUT/obj.
set -u
OUT=${1:?usage: bench/build_tools.sh OUT}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT/obj" || exit 1
FLAGS="-O2 -g -Wall -Wextra -Werror -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 \
-I$ROOT/common -I$ROOT/indexer -I$ROOT/bench"
LIBS="-lyajl -lz -llmdb -lutf8proc -lm"
SHARED="common/err.c common/mem.c common/buf.c common/text.c common/names.c \
indexer/input.c bench/jsonl_papers.c bench/words.c bench/counter.c"

die() { echo "bench: error: $*" >&2; exit 1; }

obj() {  # SRC... -> compiles each C file, prints the object paths
	for s in "$@"; do
		o=$OUT/obj/$(basename "$s" .c).o
		cc -std=c11 $FLAGS -c "$ROOT/$s" -o "$o" || die "cannot compile $s"
		echo "$o"
	done
}

shared=$(obj $SHARED) || exit 1
for t in sample_queries make_model gen_corpus corpus_stats; do
	o=$(obj bench/$t.c) || exit 1
	cc -o "$OUT/$t" $o $shared $LIBS || die "cannot link $t"
done
common=$(obj bench/peer_common.c) || exit 1
o=$(obj bench/peer_fts5.c) || exit 1
cc -o "$OUT/peer_fts5" $o $common $shared -lsqlite3 $LIBS || die "cannot link peer_fts5"
g++ -std=c++17 $FLAGS -c "$ROOT/bench/peer_xapian.cc" -o "$OUT/obj/peer_xapian.o" ||
	die "cannot compile peer_xapian.cc"
g++ -o "$OUT/peer_xapian" "$OUT/obj/peer_xapian.o" $common $shared -lxapian $LIBS ||
	die "cannot link peer_xapian"
