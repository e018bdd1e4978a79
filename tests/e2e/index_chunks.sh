# Posting lists over many blocks and chunks, updated in place, end as a
# rebuild does; an inversion that spills sorted runs to disk (--mem 16)
# builds the same index as one that fits in memory.
#
# 21,000 generated papers all hold "kax" and "nex" (21,000 postings: at
# least three chunks of at most 8,192), "lox" half of them (two chunks);
# hundreds of terms span several 256-posting blocks. The updates delete
# papers on both sides of the chunk boundaries, replace a range that
# crosses the first one and bring deleted papers back.
. "$(dirname "$0")/lib.sh"
W=$TMP/w
E=$TMP/expected
mkdir -p "$W" "$E"
cd "$W" || exit 1

pdx_gen 12000 1 5 >a.jsonl
pdx_gen 9000 12001 6 >b.jsonl
pdx_build inc.db a.jsonl
pdx_build inc.db b.jsonl
pdx_dump inc.db inc1.dump
expect_match "kax everywhere" '^term "kax" df=21000 ' "$(grep '^term "kax"' inc1.dump)"
# Every list fits one chunk only if the postings DB has one entry per term.
chunks=$(mdb_stat -n -s postings inc.db | sed -n 's/^ *Entries: //p')
terms=$(mdb_stat -n -s terms inc.db | sed -n 's/^ *Entries: //p')
[ "$chunks" -ge $((terms + 5)) ] || fail "expected lists over several chunks: $chunks chunks for $terms terms"

# Deletions around the chunk boundaries (docid = paper number here) and
# every 13th paper; then a replaced range across the first boundary; then
# some deleted papers back in new versions.
{ seq 8180 8210; seq 16370 16400; seq 1 13 21000; echo 21000; } | sort -un | sed 's/^/g/' >del.ids
pdx_index -q -d inc.db --delete $(cat del.ids) 2>"$TMP/del.err" || { cat "$TMP/del.err" >&2; fail "delete"; }
pdx_check inc.db
pdx_gen 1500 7001 77 " again" 3 >r.jsonl
pdx_build inc.db r.jsonl
pdx_gen 300 8181 78 " back" 1 >back.jsonl
pdx_build inc.db back.jsonl
pdx_dump inc.db inc2.dump
sed -n 's/^{"id":"\([^"]*\)".*/\1/p' r.jsonl >r.ids
sed -n 's/^{"id":"\([^"]*\)".*/\1/p' back.jsonl >back.ids
cp a.jsonl b.jsonl r.jsonl back.jsonl "$E/"
(cd "$E" && pdx_blank_ids "$W/del.ids" a.jsonl b.jsonl &&
	pdx_blank_ids "$W/r.ids" a.jsonl b.jsonl &&
	pdx_blank_ids "$W/back.ids" a.jsonl b.jsonl r.jsonl &&
	pdx_build fresh.db --rebuild a.jsonl b.jsonl r.jsonl back.jsonl) || exit 1
pdx_dump "$E/fresh.db" "$E/fresh.dump"
expect_same_dump "chunks: updated vs rebuilt" inc2.dump "$E/fresh.dump"
expect_match "chunks: count" "^stats papers=$(grep -c '^doc ' "$E/fresh.dump") " "$(head -n 1 inc2.dump)"

# Spilling: 4,000 papers with 80 words of their own each (320,000
# one-posting terms) outgrow 16 MB of inversion memory several times over.
# 250 of them come again at the end with other words, so their removals
# land in later runs than their first postings. The merged runs must give
# the index built in memory (one built fresh, the other into an empty
# index: the two merge paths of the writer). Term tables this large once
# made every paper after the first run a run of its own (thousands of run
# files: "Too many open files" under the usual limit of 1024), hence the
# low descriptor limit, and the count of run files when strace is there
# (tmpfile(3) opens O_TMPFILE, or /tmp/tmpfXXXXXX where that fails).
pdx_gen 4000 100001 9 "" 1 80 >spill.jsonl
pdx_gen 250 100001 10 " again" 15 >spill2.jsonl
pdx_build mem.db --rebuild spill.jsonl spill2.jsonl
if strace -o /dev/null true 2>/dev/null; then
	# (LeakSanitizer cannot run under ptrace.)
	(ulimit -n 256 && ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=openat,open -o "$TMP/strace.out" "$PDX_BIN/paperdex-index" -q -d runs.db \
		--mem 16 spill.jsonl spill2.jsonl) 2>"$TMP/build.err" || { cat "$TMP/build.err" >&2; fail "--mem 16 build"; }
	runs=$(grep -cE 'O_TMPFILE|/tmpf[A-Za-z0-9]{6}"' "$TMP/strace.out")
	[ "$runs" -ge 2 ] && [ "$runs" -le 30 ] || fail "--mem 16 spilled $runs runs, expected a few"
	echo "--mem 16: $runs runs spilled"
else
	(ulimit -n 256 && pdx_index -q -d runs.db --mem 16 spill.jsonl spill2.jsonl) 2>"$TMP/build.err" ||
		{ cat "$TMP/build.err" >&2; fail "--mem 16 build"; }
	echo "SKIP: no usable strace, spilled runs not counted"
fi
pdx_check runs.db
pdx_dump mem.db mem.dump
pdx_dump runs.db runs.dump
expect_same_dump "spilled runs" mem.dump runs.dump
expect_match "spilled runs: papers" '^stats papers=4000 ' "$(head -n 1 runs.dump)"
# The same papers again, in the other order, into runs.db: each replaces
# its old version, so the spilled runs hold terms with deletions and no
# postings (words only the old versions had). Written through a NULL
# buffer before 2026-12-05 (UBSan under make asan stopped the indexer).
pdx_build runs.db --mem 16 spill2.jsonl spill.jsonl
expect_match "spilled replacements: summary" "4000 papers added \\(4000 replaced\\)" "$(cat "$TMP/build.err")"
pdx_build mem2.db --rebuild spill2.jsonl spill.jsonl
pdx_dump runs.db runs2.dump
pdx_dump mem2.db mem2.dump
expect_same_dump "spilled replacements" mem2.dump runs2.dump

# A run over several checkpoints on a small budget (--mem 16 commits every
# 4 MB of changed pages, also in the middle of an author-table flush and of
# a term's merge): ids and author lists are written at each checkpoint and
# the author table (an eighth of --mem 16) flushes several times, so
# r.jsonl and back.jsonl replace papers whose ids are already written, and
# their authors come back from the index. One run of all four files must
# equal the rebuild of the last versions.
mkdir -p "$E/onerun"
cp a.jsonl b.jsonl r.jsonl back.jsonl "$E/onerun/"
(cd "$E/onerun" && pdx_blank_ids "$W/r.ids" a.jsonl b.jsonl &&
	pdx_blank_ids "$W/back.ids" a.jsonl b.jsonl r.jsonl &&
	pdx_build last.db --rebuild a.jsonl b.jsonl r.jsonl back.jsonl) || exit 1
pdx_build onerun.db --rebuild --mem 16 a.jsonl b.jsonl r.jsonl back.jsonl
expect_match "one long run: summary" "21000 papers added \\(0 replaced\\), 21000 papers indexed" "$(cat "$TMP/build.err")"
# A fresh build commits twice at its end after its first transaction: more
# than three transactions means it checkpointed on the way.
txns=$(mdb_stat -n -e onerun.db | sed -n 's/^ *Last transaction ID: //p')
[ "${txns:-0}" -ge 6 ] || fail "one long run at --mem 16: $txns transactions, expected checkpoints"
pdx_dump onerun.db onerun.dump
pdx_dump "$E/onerun/last.db" "$E/onerun/last.dump"
expect_same_dump "one long run vs the last versions" onerun.dump "$E/onerun/last.dump"
