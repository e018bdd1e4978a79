# --rm3 (pseudo-relevance feedback) on the three evaluation collections:
# what docs/quality.md measured, that it raises MAP on every set, holds;
# --fb-docs and --fb-terms reach the expansion; interactive queries expand
# too; a query that is not a bag of words runs as it is.
. "$(dirname "$0")/lib.sh"

EVAL=$ROOT/tests/data/eval
cd "$TMP"

map() {  # DB TOPICS QRELS ARGS...: the run's MAP
	_db=$1 _topics=$2 _qrels=$3
	shift 3
	pdx_search -d "$_db" --batch "$_topics" --qrels "$_qrels" -m map "$@" 2>"$TMP/err" |
		awk '$1 == "map" && $2 == "all" { print $3 }'
}

for set in cranfield cisi npl; do
	case $set in
	cranfield) docs=cran.all.1400 topics=cran.qry ;;
	cisi) docs=CISI.ALL topics=CISI.QRY ;;
	npl) docs=doc-text.trec topics=query-text.trec ;;
	esac
	pdx_build $set.db "$EVAL/$set/$docs"
	plain=$(map $set.db "$EVAL/$set/$topics" "$EVAL/$set/qrels.txt")
	rm3=$(map $set.db "$EVAL/$set/$topics" "$EVAL/$set/qrels.txt" --rm3)
	[ -n "$plain" ] && [ -n "$rm3" ] || fail "$set: no MAP: $(tail -n 3 "$TMP/err")"
	awk -v a="$plain" -v b="$rm3" 'BEGIN { exit !(b > a) }' || fail "$set: --rm3 MAP $rm3, without $plain"
done

# The settings reach the expansion.
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 >d10.run 2>/dev/null ||
	fail "--rm3 run"
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 --fb-docs 3 >d3.run 2>/dev/null ||
	fail "--rm3 --fb-docs 3 run"
pdx_search -d cranfield.db -k 100 --batch "$EVAL/cranfield/cran.qry" --rm3 --fb-terms 30 >t30.run 2>/dev/null ||
	fail "--rm3 --fb-terms 30 run"
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
