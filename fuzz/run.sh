#!/bin/sh
# Builds the libFuzzer targets (fuzz/fuzz_*.c) and runs each for SECONDS
# (default 20), starting from its seeds in fuzz/corpus/<target>/ and its
# dictionary fuzz/<target>.dict when there is one. Fails on any crash,
# sanitizer report, leak or timeout; the input that caused it is kept as
# build/fuzz/artifacts/<target>-*. Inputs libFuzzer finds interesting go to
# build/fuzz/corpus/<target>/, never into the repository.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Objects are built by the Makefile's own rule, with clang and
# -fsanitize=fuzzer-no-link,address,undefined, into build/fuzz/.
# FUZZ_CC overrides the compiler.
set -u
SECS=${1:-20}
[ $# -gt 0 ] && shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
B=build/fuzz
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
OPT="-O1 -g"
LIBS="-lstemmer -llmdb -lutf8proc -lyajl -lz -lm"
# Every module but the two mains goes into one archive, so that each target
# links just what it uses (readers, query parser...). A module that does
# not compile is reported; only the targets that need it fail to link.
SRC=$(ls common/*.c indexer/*.c searcher/*.c | grep -v '/main\.c$')
OBJ=$(printf '%s\n' $SRC | sed "s|^|$B/|; s|\.c\$|.o|")
make --no-print-directory -s -k BUILD=$B CC="$CC" OPT="$OPT" SAN="$SAN" $OBJ ||
	echo "fuzz: some modules did not compile; targets that need them will not link" >&2
rm -f $B/libpdx.a
ar rcs $B/libpdx.a $(for o in $OBJ; do [ -f "$o" ] && echo "$o"; done) || exit 1

TARGETS=${*:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_||; s|\.c$||')}
status=0
for t in $TARGETS; do
	if ! $CC -std=c11 -Wall -Wextra -Werror $OPT $SAN -fsanitize=fuzzer -D_DEFAULT_SOURCE \
		-Icommon -Iindexer -Isearcher -o $B/fuzz_$t fuzz/fuzz_$t.c $B/libpdx.a $LIBS; then
		echo "fuzz $t: FAILED to build" >&2
		status=1
		continue
	fi
	mkdir -p $B/corpus/$t $B/artifacts
	dict=""
	[ -f fuzz/$t.dict ] && dict="-dict=fuzz/$t.dict"
	log=$B/fuzz_$t.log
	if $B/fuzz_$t -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix=$B/artifacts/$t- $dict \
		$B/corpus/$t fuzz/corpus/$t >"$log" 2>&1; then
		echo "fuzz $t: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${SECS}s"
	else
		echo "fuzz $t: FAILED (log: $log)" >&2
		grep -E 'ERROR|SUMMARY|Test unit written|timeout' "$log" | head -n 8 >&2
		status=1
	fi
done
exit $status
