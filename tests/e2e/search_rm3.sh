# --rm3 (pseudo-relevance feedback) on the three evaluation collections:
# what docs/quality.md measured, that it raises MAP on every set, holds;
# --fb-docs and --fb-terms reach the expansion; the threads expand as one
# does; interactive queries expand too; a query that is not a bag of words
# runs as it is.
. "$(dirname "$0")/lib.sh"

EVAL=$ROOT/tests/data/eval
cd "$TMP"

# MAP per set from make eval's table (tests/eval.sh), the figures
# docs/quality.md gives, with and without --rm3.
maps() {  # ARGS...: "set MAP" lines
	sh "$ROOT/tests/eval.sh" "$PDX_BIN" "$EVAL" "$@" 2>"$TMP/err" |
		awk -F' *[|] *' '$3 == "**paperdex**" { print $2, $4 }'
}
maps >plain.map
maps --rm3 >rm3.map
expect_eq "sets evaluated" "cranfield cisi npl" "$(cut -d' ' -f1 plain.map | paste -sd' ')"
expect_eq "sets evaluated with --rm3" "cranfield cisi npl" "$(cut -d' ' -f1 rm3.map | paste -sd' ')"
awk 'FILENAME == "plain.map" { m[$1] = $2; next }
	!($2 > m[$1]) { print $1 ": --rm3 MAP " $2 ", without " m[$1]; bad = 1 }
	END { exit bad }' plain.map rm3.map >check.out || fail "$(cat check.out)"

pdx_build cranfield.db "$EVAL/cranfield/cran.all.1400"

# The settings reach the expansion.
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 >d10.run 2>/dev/null ||
	fail "--rm3 run"
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 --fb-docs 3 >d3.run 2>/dev/null ||
	fail "--rm3 --fb-docs 3 run"
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 --fb-terms 30 >t30.run 2>/dev/null ||
	fail "--rm3 --fb-terms 30 run"
# The feedback papers are read on every thread: one, or three, expand
# alike.
for t in 1 3; do
	pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 --threads $t >t$t.run 2>/dev/null ||
		fail "--rm3 --threads $t run"
	cmp -s d10.run t$t.run || fail "--rm3 --threads $t expands differently"
done
cmp -s d10.run d3.run && fail "--fb-docs 3 changed nothing"
cmp -s d10.run t30.run && fail "--fb-terms 30 changed nothing"

# Interactive queries expand too: "boundary layer" with --rm3 finds
# papers holding neither word, through the feedback terms.
pdx_search -d cranfield.db -k 1400 --format trec "boundary layer" >plain.q 2>/dev/null || fail "query"
pdx_search -d cranfield.db -k 1400 --format trec --rm3 "boundary layer" >rm3.q 2>/dev/null || fail "--rm3 query"
[ -s plain.q ] || fail "no paper has boundary or layer"
extra=$(awk 'FILENAME == "plain.q" { m[$3] = 1; next } !($3 in m)' plain.q rm3.q | wc -l)
[ "$extra" -gt 0 ] || fail "--rm3 found no paper beyond the query's words"
# A phrase is not a bag of words: it runs as it is.
pdx_search -d cranfield.db -k 100 --format trec '"boundary layer"' >phrase.q 2>/dev/null || fail "phrase"
pdx_search -d cranfield.db -k 100 --format trec --rm3 '"boundary layer"' >phrase.rm3.q 2>/dev/null ||
	fail "--rm3 phrase"
cmp -s phrase.q phrase.rm3.q || fail "--rm3 expanded a phrase query"
