# Did you mean, measured on the three evaluation collections: the words of
# each collection's own queries that its index has, and 1,000 single-edit
# typos of them (tests/tools/typo_eval.c, seed 1, the same typos on every
# machine). A typo's first suggestion must stem to the word meant in at
# least 91% of the typos, one of the first three in at least 97.5%, and at
# most 1% of the rightly spelled words may get a suggestion. Measured when
# written (docs/quality.md, "Did you mean"): right at 1 / at 3 / false
# alarms 93.8 / 98.1 / 0.12% on Cranfield, 91.7 / 98.0 / 0% on CISI,
# 94.2 / 98.0 / 0% on NPL; before it (most frequent first, no edits, no
# rare words) Cranfield was 59.5 / 81.7%.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
: "${PDX_TOOLS:?run through tests/run.sh}"
EVAL=tests/data/eval
for set in "cranfield cran.all.1400 cran.qry" "cisi CISI.ALL CISI.QRY" "npl doc-text.trec query-text.trec"; do
	set -- $set
	pdx_build "$TMP/$1.db" "$EVAL/$1/$2"
	$WRAP "$PDX_TOOLS/typo_eval" "$TMP/$1.db" "$EVAL/$1/$3" 1000 1 >"$TMP/$1.out" ||
		fail "$1: typo_eval: exit status $?"
	figures=$(awk '
		$1 == "words" { words = $2 }
		$1 == "alarms" { alarms = $2 }
		$1 == "all" { n = $2; at1 = $4; at3 = $6 }
		END { printf "%d %d %s %s %s", words, alarms, n, at1, at3 }' "$TMP/$1.out")
	set -- "$1" $figures
	[ "$2" -gt 300 ] || fail "$1: only $2 query words read"
	[ "$4" = 1000 ] || fail "$1: $4 typos scored, not 1000"
	awk -v a="$3" -v w="$2" 'BEGIN { exit !(a <= w / 100) }' ||
		fail "$1: $3 of $2 rightly spelled words got a suggestion (over 1%)"
	awk -v p="${5%\%}" 'BEGIN { exit !(p >= 91) }' || fail "$1: first suggestion right for $5 of the typos"
	awk -v p="${6%\%}" 'BEGIN { exit !(p >= 97.5) }' || fail "$1: right in the first three for $6 of the typos"
done
