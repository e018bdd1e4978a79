#!/bin/sh
# bench/run.sh BIN_DIR [BENCH_DATA] — paperdex against SQLite FTS5 and Xapian.
#
# Builds the peers, the corpus generator and the query sampler into
# build/bench/, indexes the same corpus with each engine, runs the same query
# batches, prints one table per corpus plus a scaling table, and writes
# bench/RESULTS.md. BENCH_DATA is a corpus in the ML Anthology shape (by
# default ../shared/data/mlanthology.jsonl.gz); when it is absent a generated
# corpus of the same size stands in. See bench/README.md for every column.
#
# Environment:
#   BENCH_RUNS=3     runs per measurement (builds and query batches); medians
#   BENCH_SCALE="100000 500000 1500000"  generated corpus sizes for the
#                    scaling table ("" skips it)
#   BENCH_SCALE_RUNS=1     runs per measurement on the scaling corpora
#   BENCH_SCALE_QUERIES=200  queries per batch on the scaling corpora (the
#                    first of the 1,000 sampled; FTS5 takes seconds a query
#                    at 1.5M papers)
#   BENCH_GEN_N=158357     size of the generated corpus that stands in for
#                    a missing BENCH_DATA
#   BENCH_OUT=build/bench  where tools, corpora, indexes and runs go
#   BENCH_NO_RESULTS=1     do not rewrite bench/RESULTS.md
set -u
# Functions declare their variables local (dash and bash both have it).

BIN=${1:?usage: bench/run.sh BIN_DIR [BENCH_DATA]}
DATA=${2:-../shared/data/mlanthology.jsonl.gz}
RUNS=${BENCH_RUNS:-3}
SCALE=${BENCH_SCALE-100000 500000 1500000}
SCALE_RUNS=${BENCH_SCALE_RUNS:-1}
SCALE_QUERIES=${BENCH_SCALE_QUERIES:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/build/bench}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $DATA in /*) ;; *) DATA=$(pwd)/$DATA ;; esac
TIME=/usr/bin/time
MAIN_N=${BENCH_GEN_N:-158357}  # size of the generated stand-in for mlanthology
MEM=256         # paperdex-index --mem budget (MB)

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

[ -x $TIME ] || die "$TIME is missing (Debian package 'time')"
mkdir -p "$OUT/obj" "$OUT/data" "$OUT/idx" "$OUT/runs" "$OUT/results" || die "cannot create $OUT"

# ---- measuring --------------------------------------------------------------
RES=   # the current results file: "engine<TAB>metric<TAB>value" lines

put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RES"; }

median() {  # VALUES... -> median
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
		END { if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# timed LOG CMD...: runs CMD with its stdout in $OUT/last.out and appends
# "wall_s maxrss_kb cpu_s" to LOG (CPU time = user + system: the figure that
# holds when other work shares the machine).
timed() {
	local log=$1 st
	shift
	$TIME -f '%e %M %U %S' -o "$log.one" "$@" > "$OUT/last.out" 2> "$log.err"
	st=$?
	[ $st = 0 ] && tail -n 1 "$log.one" | awk '{ print $1, $2, $3 + $4 }' >> "$log"
	return $st
}

col_median() {  # FILE COLUMN -> median of that column
	[ -s "$1" ] || return 0
	median $(awk -v c="$2" '{ print $c }' "$1")
}

latency_stats() {  # TIMINGS -> "p50_us p99_us qps n" (nearest rank; qps = n / sum)
	awk -F'\t' '{ print $2 }' "$1" | sort -g | awk '{ a[NR] = $1; s += $1 }
		END { if (NR == 0 || s <= 0) exit
		      i = int((NR * 50 + 99) / 100); j = int((NR * 99 + 99) / 100)
		      printf "%s %s %.1f %d\n", a[i], a[j], NR * 1e6 / s, NR }'
}

size_of() { du -sb "$1" 2>/dev/null | cut -f1; }

pdx_stat() {  # DB KEY -> value from paperdex-index --stats
	"$BIN/paperdex-index" -d "$1" --stats 2>/dev/null |
		awk -F': *' -v k="$2" '$1 == k { print $2; exit }'
}

# build_engine LOG ENGINE DB CORPUS [--no-text]: times each engine's index
# command (see timed).
build_engine() {
	local log=$1 e=$2 db=$3 corpus=$4
	shift 4
	rm -rf "$db"
	case $e in
	paperdex) timed "$log" "$BIN/paperdex-index" -d "$db" --rebuild --mem $MEM "$corpus" ;;
	fts5) timed "$log" "$OUT/peer_fts5" index "$db" "$corpus" "$@" ;;
	xapian) timed "$log" "$OUT/peer_xapian" index "$db" "$corpus" "$@" ;;
	esac
}

# search_engine LOG ENGINE DB QUERIES K TIMINGS [paperdex-search flags]: times one batch;
# the TREC run lands in $OUT/last.out.
search_engine() {
	local log=$1 e=$2 db=$3 q=$4 k=$5 t=$6
	shift 6
	case $e in
	paperdex) timed "$log" "$BIN/paperdex-search" -d "$db" --batch "$q" -k "$k" \
			--run-tag paperdex --timings "$t" "$@" ;;
	fts5) timed "$log" "$OUT/peer_fts5" search "$db" "$q" "$k" "$t" ;;
	xapian) timed "$log" "$OUT/peer_xapian" search "$db" "$q" "$k" "$t" ;;
	esac
}

# index_one LABEL ENGINE CORPUS NOTEXT: builds RUNS times (median time and
# peak RSS); with NOTEXT=1 also the peers' --no-text variant once, for its
# size. Returns non-zero when the engine cannot build.
index_one() {
	local label=$1 e=$2 corpus=$3 notext=$4 i k v file docs
	local db=$OUT/idx/$label.$e log=$OUT/runs/$label.$e.build
	: > "$log"
	i=0
	while [ $i -lt "$RUNS" ]; do
		say "$label: $e build $((i + 1))/$RUNS"
		if ! build_engine "$log" "$e" "$db" "$corpus"; then
			say "$label: $e cannot build (see $log.err):"
			tail -n 3 "$log.err" | sed 's/^/    /' >&2
			return 1
		fi
		i=$((i + 1))
	done
	put $e build_s "$(col_median "$log" 1)"
	put $e build_rss_kb "$(col_median "$log" 2)"
	put $e build_cpu_s "$(col_median "$log" 3)"
	if [ $e = paperdex ]; then
		# Without stored text: the LMDB file less the pages of the docs DB
		# (the stored records), or less their encoded bytes.
		file=$(pdx_stat "$db" file_bytes)
		docs=$(pdx_stat "$db" lmdb_docs_bytes)
		[ -n "$docs" ] || docs=$(pdx_stat "$db" docs_bytes)
		[ -n "$file" ] || file=$(size_of "$db")
		put $e size_text_b "$file"
		[ -n "$docs" ] && put $e size_notext_b $((file - docs))
		for k in papers postings postings_bytes positions_bytes docs_bytes bits_per_posting; do
			v=$(pdx_stat "$db" $k)
			[ -n "$v" ] && put $e $k "$v"
		done
	else
		put $e size_text_b "$(size_of "$db")"
		if [ "$notext" = 1 ]; then
			say "$label: $e build --no-text"
			if build_engine "$log.notext" "$e" "$db.notext" "$corpus" --no-text; then
				put $e size_notext_b "$(size_of "$db.notext")"
			fi
			rm -rf "$db.notext"
		fi
	fi
	return 0
}

# query_tag BATCH K [FLAG]: the name of a batch's files and result keys.
query_tag() {
	echo "$1.$2${3:+.${3#--}}"
}

# query_run LABEL ENGINE BATCH K [--authors | --no-backfill]: one run of
# one batch, its latency figures appended to the batch's .stats and its
# wall time, peak RSS and CPU to .rss (query_reset empties both first).
query_run() {
	local label=$1 e=$2 b=$3 k=$4
	shift 4
	local tag base
	tag=$(query_tag "$b" "$k" "$@")
	base=$OUT/runs/$label.$e.$tag
	# The engine's index files, read once first: the batches of the
	# others may have pushed them out of the page cache (about 1.2 GB
	# here, less than the three indexes), and the run would wait on the
	# disk. Unread, the first paperdex run of 2-3 words top-10 after
	# FTS5's batch had its p99 at 35 ms against 1.3 ms warm (70c8048).
	find "$OUT/idx/$label.$e" -type f -exec cat {} + >/dev/null 2>&1
	if ! search_engine "$base.rss" "$e" "$OUT/idx/$label.$e" "$OUT/queries/$label/$b.tsv" "$k" \
		"$base.timings" "$@"; then
		say "$label: $e $tag failed (see $base.rss.err)"
		tail -n 3 "$base.rss.err" | sed 's/^/    /' >&2
		return 1
	fi
	mv "$OUT/last.out" "$base.run"
	latency_stats "$base.timings" >> "$base.stats"
}

query_reset() {
	local base
	base=$OUT/runs/$1.$2.$(query_tag "$3" "$4" "${5:-}")
	: > "$base.stats"
	: > "$base.rss"
}

# query_put LABEL ENGINE BATCH K [FLAG]: medians over the runs of p50, p99
# and qps; the peak RSS of the searcher (largest run).
query_put() {
	local label=$1 e=$2 b=$3 k=$4 tag base
	tag=$(query_tag "$b" "$k" "${5:-}")
	base=$OUT/runs/$label.$e.$tag
	put $e q.$tag.p50_us "$(col_median "$base.stats" 1)"
	put $e q.$tag.p99_us "$(col_median "$base.stats" 2)"
	put $e q.$tag.qps "$(col_median "$base.stats" 3)"
	put $e q.$tag.rss_kb "$(awk '$2 > m { m = $2 } END { print m }' "$base.rss")"
	# CPU per query of the whole process (start, output included): unlike
	# latencies, it holds when other work shares the machine.
	put $e q.$tag.cpu_us "$(awk -v n="$(grep -c . "$OUT/queries/$label/$b.tsv")" '{ print $3 * 1e6 / n }' "$base.rss" |
		sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }')"
}

# query_one LABEL ENGINE BATCH K [FLAG]: RUNS runs of one batch in a row,
# then query_put.
query_one() {
	local i=0
	query_reset "$@"
	while [ $i -lt "$RUNS" ]; do
		query_run "$@" || return 1
		i=$((i + 1))
	done
	query_put "$@"
}

# Searcher memory must not grow with the number of queries: peak RSS for the
# first 100 queries against all 2,000 (titles then short), top-1,000.
rss_growth() {
	local label=$1 e=$2 b log
	local qd=$OUT/queries/$label
	head -n 100 "$qd/titles.tsv" > "$qd/first100.tsv"
	cat "$qd/titles.tsv" "$qd/short.tsv" > "$qd/all.tsv"
	for b in first100 all; do
		log=$OUT/runs/$label.$e.rss.$b
		: > "$log"
		if search_engine "$log" "$e" "$OUT/idx/$label.$e" "$qd/$b.tsv" 1000 \
			"$OUT/runs/$label.$e.rss.timings"; then
			put $e rss_$b.kb "$(awk '{ print $2 }' "$log")"
		fi
	done
}

# Sanity of the rankings: a title query should return its own paper first;
# a short query's paper should be among the top 1,000.
sanity() {
	local label=$1 e=$2
	local qd=$OUT/queries/$label run=$OUT/runs/$label.$e.titles.10.run
	local src=$qd/sources.tsv n
	n=$(grep -c . "$qd/titles.tsv")
	[ -s "$run" ] && put $e self_title_at1 "$(awk -v n="$n" 'NR == FNR { s[$1] = $2; next }
		$4 == 1 && s[$1] == $3 { hit++ } END { printf "%.1f", 100 * hit / n }' "$src" "$run")"
	run=$OUT/runs/$label.$e.short.1000.run
	n=$(grep -c . "$qd/short.tsv")
	[ -s "$run" ] && put $e self_short_in1000 "$(awk -v n="$n" 'NR == FNR { s[$1] = $2; next }
		s[$1] == $3 { hit++ } END { printf "%.1f", 100 * hit / n }' "$src" "$run")"
}

# bench_corpus LABEL CORPUS FULL: everything for one corpus. FULL=1 adds
# the --no-text sizes, the titles top-1,000 and short top-10 batches, the
# researcher batch, the memory-growth check; FULL=0 (the scaling corpora)
# runs SCALE_RUNS times on the first SCALE_QUERIES queries.
bench_corpus() {
	local label=$1 corpus=$2 full=$3 e b k q
	local qd=$OUT/queries/$label batches="titles.10 titles.1000 short.10 short.1000"
	RES=$OUT/results/$label.tsv
	: > "$RES"
	mkdir -p "$qd"
	"$OUT/sample_queries" "$corpus" "$qd" || die "cannot sample queries from $corpus"
	if [ "$full" != 1 ]; then
		local RUNS=$SCALE_RUNS
		batches="titles.10 short.1000"
		for b in titles short; do
			head -n "$SCALE_QUERIES" "$qd/$b.tsv" > "$qd/$b.tsv.tmp" && mv "$qd/$b.tsv.tmp" "$qd/$b.tsv"
		done
	fi
	local built="" runs i x ok
	for e in paperdex xapian fts5; do
		index_one "$label" $e "$corpus" "$full" && built="$built $e"
	done
	# Each run of a batch goes through the engines in turn, paperdex and
	# Xapian side by side and FTS5 (minutes a batch) last, so that a
	# machine whose speed drifts (30-50% within an hour here) times the
	# ratios the issue asks for minutes apart, not an hour. Full corpora
	# add paperdex ranking alone, the work the peers do: without the RM3
	# backfill of result lists shorter than k.
	for q in $batches; do
		b=${q%.*}
		k=${q#*.}
		runs=""
		for e in $built; do
			runs="$runs $e"
			[ $e = paperdex ] && [ "$full" = 1 ] && runs="$runs paperdex:--no-backfill"
		done
		for x in $runs; do
			query_reset "$label" ${x%%:*} $b $k "$(flag_of $x)"
		done
		i=0
		while [ $i -lt "$RUNS" ]; do
			ok=""
			for x in $runs; do
				say "$label: ${x%%:*} $b top-$k $(flag_of $x) run $((i + 1))/$RUNS"
				# (flag_of unquoted: no flag is no argument)
				query_run "$label" ${x%%:*} $b $k $(flag_of $x) && ok="$ok $x"
			done
			runs=$ok
			i=$((i + 1))
		done
		for x in $runs; do
			query_put "$label" ${x%%:*} $b $k "$(flag_of $x)"
		done
	done
	for e in $built; do
		if [ "$full" = 1 ]; then
			[ $e = paperdex ] && say "$label: paperdex researchers x$RUNS" &&
				query_one "$label" $e short 10 --authors
			rss_growth "$label" $e
		fi
		sanity "$label" $e
	done
}

# flag_of ENGINE[:FLAG]: the flag of a batch variant ("" for none).
flag_of() {
	case $1 in *:*) echo "${1#*:}" ;; esac
}

# Reading the corpus against decompressing it (median of RUNS each).
ingest() {
	local corpus=$1 i
	: > "$OUT/runs/ingest.zcat"
	: > "$OUT/runs/ingest.dump"
	i=0
	while [ $i -lt "$RUNS" ]; do
		timed "$OUT/runs/ingest.zcat" zcat -f "$corpus" || return 0
		timed "$OUT/runs/ingest.dump" "$BIN/paperdex-index" --dump "$corpus" || {
			say "paperdex-index --dump failed; ingest row is n/a"
			return 0
		}
		i=$((i + 1))
	done
	put paperdex zcat_s "$(col_median "$OUT/runs/ingest.zcat" 1)"
	put paperdex dump_s "$(col_median "$OUT/runs/ingest.dump" 1)"
	put paperdex records "$(sed -n 's/.* \([0-9][0-9]*\) records.*/\1/p' "$OUT/runs/ingest.dump.err" | tail -n 1)"
}

# ---- reporting --------------------------------------------------------------
# main_table RESULTS TITLE: one table, metrics down, engines across, then
# each peer's figure divided by paperdex's.
main_table() {
	awk -F'\t' -v title="$2" '
	{ v[$1, $2] = $3 }
	function num(e, m) { return ((e, m) in v) && v[e, m] != "" ? v[e, m] + 0 : "" }
	function fmt(x, kind) {
		if (x == "") return "n/a"
		if (kind == "s") return sprintf("%.1f", x)
		if (kind == "mb") return sprintf("%.1f", x / 1048576)
		if (kind == "kbmb") return sprintf("%.1f", x / 1024)
		if (kind == "ms") return x < 10000 ? sprintf("%.3f", x / 1000) : sprintf("%.1f", x / 1000)
		if (kind == "qps") return sprintf("%.0f", x)
		if (kind == "pct") return sprintf("%.1f", x)
		return x
	}
	function ratio(e, m) {
		a = num(e, m); b = num("paperdex", m)
		return (a == "" || b == "" || b == 0) ? "n/a" : sprintf("%.2f", a / b)
	}
	function row(name, m, kind) {
		printf "| %s | %s | %s | %s | %s | %s |\n", name, fmt(num("paperdex", m), kind),
			fmt(num("fts5", m), kind), fmt(num("xapian", m), kind), ratio("fts5", m), ratio("xapian", m)
	}
	END {
		printf "### %s\n\n", title
		print "| figure | paperdex | FTS5 | Xapian | FTS5 / paperdex | Xapian / paperdex |"
		print "|---|--:|--:|--:|--:|--:|"
		row("build time (s)", "build_s", "s")
		row("build CPU time, user + system (s)", "build_cpu_s", "s")
		row("build peak RSS (MB)", "build_rss_kb", "kbmb")
		row("index size, with stored text (MB)", "size_text_b", "mb")
		row("index size, without stored text (MB)", "size_notext_b", "mb")
		split("titles short", bs, " "); split("10 1000", ks, " ")
		for (i = 1; i <= 2; i++) for (j = 1; j <= 2; j++) {
			t = bs[i] " top-" ks[j]; m = "q." bs[i] "." ks[j]
			row(t " p50 (ms)", m ".p50_us", "ms")
			row(t " p99 (ms)", m ".p99_us", "ms")
			row(t " queries/s", m ".qps", "qps")
			row(t " CPU per query (ms)", m ".cpu_us", "ms")
		}
		if (("paperdex", "q.short.10.authors.p50_us") in v) {
			row("researchers (short, top-10) p50 (ms)", "q.short.10.authors.p50_us", "ms")
			row("researchers (short, top-10) p99 (ms)", "q.short.10.authors.p99_us", "ms")
			row("researchers (short, top-10) queries/s", "q.short.10.authors.qps", "qps")
			row("researchers (short, top-10) CPU per query (ms)", "q.short.10.authors.cpu_us", "ms")
		}
		row("search peak RSS, short top-1000 (MB)", "q.short.1000.rss_kb", "kbmb")
		row("search peak RSS, 100 queries (MB)", "rss_first100.kb", "kbmb")
		row("search peak RSS, 2,000 queries (MB)", "rss_all.kb", "kbmb")
		row("title query finds its paper at rank 1 (%)", "self_title_at1", "pct")
		row("short query finds its paper in top 1,000 (%)", "self_short_in1000", "pct")
		print ""
		n = 0
		if (num("paperdex", "bits_per_posting") != "")
			line[++n] = sprintf("paperdex postings: %s postings, %.2f bits per posting (no positions)",
				v["paperdex", "postings"], v["paperdex", "bits_per_posting"])
		if (num("paperdex", "dump_s") != "")
			line[++n] = sprintf("reading the corpus: paperdex-index --dump %.2f s, zcat %.2f s (%s); %s records",
				v["paperdex", "dump_s"], v["paperdex", "zcat_s"],
				v["paperdex", "zcat_s"] > 0 ? sprintf("%.2fx", v["paperdex", "dump_s"] / v["paperdex", "zcat_s"]) : "ratio n/a",
				v["paperdex", "records"])
		a = num("paperdex", "q.short.10.authors.p50_us"); b = num("paperdex", "q.short.1000.p50_us")
		if (a != "" && b != "")
			line[++n] = sprintf("researcher ranking against paper query top-1,000 (short): p50 %+.0f%%, p99 %+.0f%%",
				100 * (a / b - 1),
				100 * (num("paperdex", "q.short.10.authors.p99_us") / num("paperdex", "q.short.1000.p99_us") - 1))
		for (i = 1; i <= 2; i++) for (j = 1; j <= 2; j++) {
			m = "q." bs[i] "." ks[j]
			a = num("paperdex", m ".no-backfill.p50_us"); b = num("paperdex", m ".no-backfill.p99_us")
			if (a == "" || b == "")
				continue
			x = num("xapian", m ".p50_us"); y = num("xapian", m ".p99_us"); r = ""
			if (x != "" && y != "" && a > 0 && b > 0)
				r = sprintf(" (Xapian / paperdex %.2f, %.2f)", x / a, y / b)
			line[++n] = sprintf("paperdex without the RM3 backfill (--no-backfill), %s top-%s: p50 %s ms, p99 %s ms%s",
				bs[i], ks[j], fmt(a, "ms"), fmt(b, "ms"), r)
		}
		for (i = 1; i <= n; i++) print "- " line[i]
		if (n) print ""
	}' "$1"
}

# scale_table: one row per generated size and engine.
scale_table() {
	echo "### Scaling (generated corpora)"
	echo
	echo "| papers | engine | build (s) | build CPU (s) | build peak RSS (MB) | index with text (MB) | titles top-10 p50 / p99 (ms) | short top-1000 p50 / p99 (ms) |"
	echo "|--:|---|--:|--:|--:|--:|--:|--:|"
	for n in $SCALE; do
		for e in paperdex fts5 xapian; do
			awk -F'\t' -v e=$e -v n=$n '
			$1 == e { v[$2] = $3 }
			function f(m, d) { return (m in v) && v[m] != "" ? sprintf("%.*f", d, v[m]) : "n/a" }
			function ms(m) { return (m in v) && v[m] != "" ? sprintf("%.3f", v[m] / 1000) : "n/a" }
			END {
				printf "| %d | %s | %s | %s | %s | %s | %s / %s | %s / %s |\n", n, e, f("build_s", 1), f("build_cpu_s", 1),
					("build_rss_kb" in v) ? sprintf("%.1f", v["build_rss_kb"] / 1024) : "n/a",
					("size_text_b" in v) ? sprintf("%.1f", v["size_text_b"] / 1048576) : "n/a",
					ms("q.titles.10.p50_us"), ms("q.titles.10.p99_us"),
					ms("q.short.1000.p50_us"), ms("q.short.1000.p99_us")
			}' "$OUT/results/gen-$n.tsv"
		done
	done
	echo
}

machine() {
	echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
		"$(awk '/^MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)," \
		"$(uname -sr)"
	local dirty=
	[ -n "$(git -C "$ROOT" status --porcelain -- common indexer searcher 2>/dev/null)" ] &&
		dirty=" (with uncommitted changes)"
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); paperdex commit" \
		"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
	echo "- peers: SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')," \
		"Xapian $(pkg-config --modversion xapian-core 2>/dev/null || echo '?')"
	echo "- settings: BENCH_RUNS=$RUNS (medians), BENCH_SCALE=\"$SCALE\"," \
		"BENCH_SCALE_RUNS=$SCALE_RUNS, BENCH_SCALE_QUERIES=$SCALE_QUERIES, paperdex-index --mem $MEM"
	echo "- load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---- main -------------------------------------------------------------------
say "building the peers and tools in $OUT"
"$ROOT/bench/build_tools.sh" "$OUT" || exit 1

gen() {  # N -> path of a generated corpus of N papers (made once, kept)
	local f=$OUT/data/gen-$1.jsonl
	if [ ! -s "$f" ]; then
		[ -x "$OUT/gen_corpus" ] || die "bench/gen_corpus.c is missing"
		say "generating $1 papers"
		"$OUT/gen_corpus" -n "$1" --model "$ROOT/bench/model" > "$f.tmp" && mv "$f.tmp" "$f" ||
			die "cannot generate $f"
	fi
	echo "$f"
}

if [ -r "$DATA" ]; then
	main_label=$(basename "$DATA" | sed 's/\..*//')
	main_corpus=$DATA
	main_title="$(basename "$DATA")"
else
	say "$DATA is absent: the generated corpus of $MAIN_N papers stands in"
	main_label=gen-$MAIN_N
	main_corpus=$(gen $MAIN_N) || exit 1
	main_title="generated corpus, $MAIN_N papers"
fi
bench_corpus "$main_label" "$main_corpus" 1
ingest "$main_corpus"
for n in $SCALE; do
	c=$(gen "$n") || exit 1
	bench_corpus "gen-$n" "$c" 0
	rm -rf "$OUT/idx/gen-$n".*  # large, and measured
done

report=$OUT/report.md
{
	echo "## paperdex against SQLite FTS5 and Xapian"
	echo
	machine
	echo
	main_table "$OUT/results/$main_label.tsv" "$main_title"
	[ -n "$SCALE" ] && scale_table
} > "$report"
cat "$report"
if [ -z "${BENCH_NO_RESULTS:-}" ]; then
	{
		echo "# Benchmark results"
		echo
		echo "The last table printed by \`make bench\` (bench/run.sh); bench/README.md"
		echo "explains each figure. Ratios are peer / paperdex."
		echo
		sed 1,2d "$report"
	} > "$ROOT/bench/RESULTS.md"
	say "wrote bench/RESULTS.md"
fi
