# paperdex-index --dump on the evaluation collections, detected without
# --format: record counts, the per-file report, and golden output for the
# first three and the last record of each (checked by hand against
# cran.all.1400, CISI.ALL and doc-text.trec). Then the ML Anthology file,
# when it is there: every one of its 158,357 lines is a record.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
EVAL=tests/data/eval

# dump NAME PATH FORMAT COUNT WARNINGS
dump() {
	pdx_index --dump "$2" >"$TMP/$1.jsonl" 2>"$TMP/$1.err" || fail "$1: exit status $?"
	expect_eq "$1 records" "$4" "$(wc -l <"$TMP/$1.jsonl" | tr -d ' ')"
	expect_match "$1 report" "^paperdex-index: $2: $3, $4 records, $5 warnings, 0 skipped\$" \
		"$(cat "$TMP/$1.err")"
	{ head -n 3 "$TMP/$1.jsonl"; tail -n 1 "$TMP/$1.jsonl"; } >"$TMP/$1.golden"
	expect_golden "collections/$1.jsonl" "$TMP/$1.golden"
}

dump cranfield $EVAL/cranfield/cran.all.1400 smart 1400 4
dump cisi $EVAL/cisi/CISI.ALL smart 1460 0
dump npl $EVAL/npl/doc-text.trec trec 11429 0

# Cranfield's known defects are reported where they are, not hidden.
err=$(cat "$TMP/cranfield.err")
expect_match "cran stray marker" "cran.all.1400:7322: stray .A inside .W of record 240 taken as text" "$err"
expect_match "cran stray marker" "cran.all.1400:7324: stray .B inside .W of record 240 taken as text" "$err"
expect_match "cran empty record" "cran.all.1400:13470: record 471 has no title and no abstract" "$err"
expect_match "cran empty record" "cran.all.1400:27712: record 995 has no title and no abstract" "$err"

# Ids are the collections' own, each once, and every id the qrels judge
# is there.
for c in cranfield cisi npl; do
	jq -r .id "$TMP/$c.jsonl" | sort >"$TMP/$c.ids"
	expect_eq "$c duplicate ids" "" "$(uniq -d "$TMP/$c.ids" | head -n 3)"
	missing=$(awk '{print $3}' $EVAL/$c/qrels.txt | sort -u | comm -23 - "$TMP/$c.ids" | head -n 3)
	expect_eq "$c judged ids missing" "" "$missing"
done

# All three together, as a directory walk would see them.
pdx_index --dump $EVAL/cranfield/cran.all.1400 $EVAL/cisi/CISI.ALL $EVAL/npl/doc-text.trec \
	>"$TMP/all.jsonl" 2>"$TMP/all.err" || fail "all three: exit status $?"
expect_match "totals" "^paperdex-index: 3 files, 14289 records, 4 warnings, 0 skipped, 0 files unreadable\$" \
	"$(cat "$TMP/all.err")"

ML=${PDX_MLANTHOLOGY:-$ROOT/../shared/data/mlanthology.jsonl.gz}
if [ ! -f "$ML" ]; then
	echo "SKIP: mlanthology count ($ML not found)"
elif [ -n "$WRAP" ]; then
	echo "SKIP: mlanthology count (too slow under $WRAP)"
else
	pdx_index --dump "$ML" >"$TMP/ml.jsonl" 2>"$TMP/ml.err" || fail "mlanthology: exit status $?"
	expect_eq "mlanthology records" 158357 "$(wc -l <"$TMP/ml.jsonl" | tr -d ' ')"
	expect_match "mlanthology report" ": jsonl \\(gzip\\), 158357 records, 0 warnings, 0 skipped\$" \
		"$(cat "$TMP/ml.err")"
	# The two lines with "\u0000" in their abstract lose only that character.
	expect_match "NUL dropped" "in deep models thereby making Shapley" \
		"$(grep '"id":"wang2021iclr-shapley"' "$TMP/ml.jsonl")"
	rm -f "$TMP/ml.jsonl"
fi
echo "dump_collections: ok"
