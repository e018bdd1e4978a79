# The batch backfill on Cranfield (1,400 papers, 225 topics): a topic that
# matches fewer than k papers keeps its list as it was and is filled, up to
# k, with the papers of its RM3 expansion's top k (5 feedback papers, 30
# terms) that it did not match, in the expansion's order, scored below its
# own; no paper twice. Interactive searches and --no-backfill never fill.
# The fill is what lifts R@1000 above the best peer's (FTS5, 0.9730).
. "$(dirname "$0")/lib.sh"

EVAL=$ROOT/tests/data/eval/cranfield
cd "$TMP"
pdx_build cran.db "$EVAL/cran.all.1400"

batch() {  # OUT ARGS...: a 1,000-paper batch run of Cranfield's topics
	_out=$1
	shift
	pdx_search -d cran.db -k 1000 --batch "$EVAL/cran.qry" "$@" >"$_out" 2>"$TMP/err" ||
		fail "--batch $*: $(tail -n 3 "$TMP/err")"
}
batch full.run
batch plain.run --no-backfill
batch rm3.run --no-backfill --rm3 --fb-docs 5 --fb-terms 30 --fb-weight 0.5

short=$(cut -d' ' -f1 plain.run | uniq -c | awk '$1 < 1000' | wc -l)
[ "$short" -ge 10 ] || fail "only $short Cranfield topics match fewer than 1,000 papers: nothing to fill"

# Per topic: the plain list is the filled one's head, line for line; the
# fill holds the papers of the expansion's run that the topic did not
# match, in that order, up to k; its scores fall, the first at half the
# last matched score; no paper twice; every short topic gains papers.
awk -v k=1000 '
	FILENAME == "plain.run" { n[$1]++; line[$1, n[$1]] = $0; seen[$1, $3] = 1; last[$1] = $5; next }
	FILENAME == "rm3.run" { if (!(($1, $3) in seen) && m[$1] < k - n[$1]) want[$1, ++m[$1]] = $3; next }
	{
		i = ++f[$1]
		if (twice[$1, $3]++) { print "paper " $3 " twice in topic " $1; bad = 1 }
		if (i <= n[$1]) {
			if ($0 != line[$1, i]) { print "topic " $1 " rank " i " changed: " $0; bad = 1 }
			next
		}
		j = i - n[$1]
		if ($3 != want[$1, j]) { print "topic " $1 " fill " j ": " $3 ", expansion says " want[$1, j]; bad = 1 }
		half = last[$1] / 2
		if (j == 1 ? ($5 > half + 1e-6 || $5 < half - 1e-6) : $5 > prev) { print "topic " $1 " fill " j " scores " $5; bad = 1 }
		prev = $5
	}
	END {
		for (q in n) {
			want_n = n[q] + m[q]
			if (f[q] != want_n) { print "topic " q ": " f[q] " papers, expected " want_n; bad = 1 }
			if (n[q] < k && m[q] == 0) { print "topic " q ": nothing to fill with"; bad = 1 }
		}
		exit bad
	}' plain.run rm3.run full.run >check.out || fail "backfill: $(head -n 5 check.out)"

# The feedback terms leave out the index's frequent terms: its list (the
# dump's "frequent" line) is the dictionary's text terms in more than 10%
# of the 1,400 papers (df > 140), in key order: "flow" and "hypersonic"
# (170 papers) in, "rocket" (34) out.
pdx_dump cran.db cran.dump
awk 'NR == 1 { match($0, /papers=[0-9]+/); n = substr($0, RSTART + 7, RLENGTH - 7) + 0; printf "frequent" }
	/^term "/ && !/^term "\\u0001/ && match($0, / df=[0-9]+/) {
		if (substr($0, RSTART + 4, RLENGTH - 4) + 0 > 0.1 * n)
			printf " %s", substr($0, 6, RSTART - 6)
	}
	END { print "" }' cran.dump >frequent.want
[ "$(wc -w <frequent.want)" -gt 50 ] || fail "only $(wc -w <frequent.want) words in frequent.want"
expect_eq "frequent terms" "$(cat frequent.want)" "$(sed -n 2p cran.dump)"
expect_match "frequent: flow" ' "flow" ' "$(cat frequent.want)"
expect_match "frequent: hypersonic" ' "hyperson" ' "$(cat frequent.want)"
expect_no_match "frequent: rocket" '"rocket"' "$(cat frequent.want)"

# A topic that matches nothing stays empty: there is nothing to expand.
printf '1\txyzzyq plugh\n2\tboundary layer\n' >none.tsv
pdx_search -d cran.db -k 1000 --batch none.tsv >none.run 2>/dev/null || fail "--batch none.tsv"
expect_eq "a topic matching nothing" "" "$(grep '^1 ' none.run)"
expect_match "a topic matching papers" '^2 Q0 ' "$(cat none.run)"

# A feedback paper with no word a feedback term can be (CJK only, no
# abstract) gives the expansion nothing: topic 1 keeps its one paper.
# Topic 2 is filled from its other feedback paper's words (rocket and
# nozzle are not frequent in Cranfield).
printf '.I 9001\n.T\n深度学习\n.W\n.I 9002\n.T\n深度 rocket nozzle\n.W\nrocket nozzle\n' >cjk.all
pdx_build cjk.db "$EVAL/cran.all.1400" cjk.all
printf '1\t学习\n2\t深度\n' >cjk.tsv
pdx_search -d cjk.db -k 10 --batch cjk.tsv >cjk.run 2>"$TMP/err" || fail "--batch cjk.tsv: $(cat "$TMP/err")"
expect_eq "a feedback paper without feedback terms" "9001" "$(awk '$1 == 1 { print $3 }' cjk.run | paste -sd' ')"
expect_eq "topic 2's own papers" "9001 9002" "$(awk '$1 == 2 { print $3 }' cjk.run | head -n 2 | sort | paste -sd' ')"
expect_eq "topic 2 filled" "10" "$(awk '$1 == 2' cjk.run | wc -l)"

# Interactive search shows only what matches: the first topic that
# matches fewer than 1,000 papers, as a query.
qid=$(cut -d' ' -f1 plain.run | uniq -c | awk '$1 < 1000 { print $2; exit }')
topic=$(awk -F'\t' -v q="$qid" '$1 == q { print $2; exit }' "$EVAL/topics.tsv")
[ -n "$topic" ] || fail "topic $qid not in topics.tsv"
expect_eq "interactive search, topic $qid" "$(grep -c "^$qid " plain.run)" \
	"$(pdx_search -d cran.db -k 1000 --format trec "$topic" 2>/dev/null | wc -l)"

# Threads fill the same papers, with the same scores.
batch one.run --threads 1
batch three.run --threads 3 --parallel-min 0
cmp -s one.run full.run || fail "--threads 1 fills differently"
cmp -s three.run full.run || fail "--threads 3 fills differently"

# R@1000: the fill's gain, above FTS5's 0.9730 (0.9511 without it).
recall() {
	pdx_search --eval "$1" --qrels "$EVAL/qrels.txt" -m recall.1000 2>/dev/null | awk '$2 == "all" { print $3 }'
}
r_full=$(recall full.run)
r_plain=$(recall plain.run)
awk -v f="$r_full" -v p="$r_plain" 'BEGIN { exit !(f > 0.9730 && p < f) }' ||
	fail "R@1000 with the fill $r_full, without $r_plain"
