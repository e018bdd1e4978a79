# Whatever is typed, paperdex-search does not fail: unbalanced quotes and
# parentheses, stray operators, unknown fields, empty and stopword-only
# queries, 10,000 characters, binary junk and invalid UTF-8 all exit 0,
# warn on stderr with the query position, and search what is left (the
# same papers as the clean query). Batch topics with junk too.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
DB=$TMP/seed.db
pdx_build "$DB" corpus/

ids() {
	pdx_search -d "$DB" -k 1000 --format trec -- "$1" 2>/dev/null | awk '{ print $3 }' | tr '\n' ' '
}

# lenient QUERY CLEAN WARNING: exit 0, WARNING (a grep -E pattern) on
# stderr, and the hits of CLEAN ("" for none).
lenient() {
	pdx_search -d "$DB" -k 1000 --format trec -- "$1" >"$TMP/out" 2>"$TMP/err"
	status=$?
	[ "$status" = 0 ] || fail "[$1]: exit status $status: $(cat "$TMP/err")"
	expect_match "[$1] warning" "^paperdex-search: warning: $3" "$(cat "$TMP/err")"
	want=""
	[ -n "$2" ] && want=$(ids "$2")
	expect_eq "[$1] hits" "$want" "$(awk '{ print $3 }' "$TMP/out" | tr '\n' ' ')"
}

lenient '"needlet convolution' '"needlet convolution"' 'query position 1: unbalanced quote'
lenient '(needlet OR' 'needlet' 'query position 10: OR without two operands'
lenient 'needlet)' 'needlet' "query position 8: unexpected '\\)'"
lenient ')(needlet' 'needlet' "query position 1: unexpected '\\)'"
lenient 'AND needlet' 'needlet' 'query position 1: unexpected AND'
lenient 'needlet OR' 'needlet' 'query position 9: OR without two operands'
lenient 'needlet AND' '+needlet' 'query position 9: AND without a right operand'
lenient '+ - needlet' 'needlet' "query position 1: '\\+' without a word after it"
lenient 'needlet -' 'needlet' "query position 9: '-' without a word after it"
lenient 'needlet NOT' 'needlet' 'query position 12: operator at the end of the query'
lenient 'foo:needlet' 'foo needlet' 'query position 1: unknown field foo:'
lenient 'Title:needlet' 'titl needlet' 'query position 1: unknown field Title:'
lenient 'needlet year:soon' 'needlet' 'query position 9: year:soon is not a year'
lenient 'needlet has:slides' 'needlet' 'query position 9: has:slides is not known'
lenient 'needlet author:' 'needlet' 'query position 9: author: has no value'
lenient '' '' 'query position 1: empty query'
lenient '   ' '' 'query position 1: empty query'
lenient 'the of and' '' 'query position 1: nothing to search for'
lenient '!!! ...' '' 'query position 1: nothing to search for'
lenient "$(printf 'needlet\377 convolution')" 'needlet convolution' 'query position 8: invalid UTF-8'
lenient "$(printf 'caf\351 needlet')" 'caf needlet' 'query position 4: invalid UTF-8'
lenient "$(printf '\200\201\202needlet')" 'needlet' 'query position 1: invalid UTF-8'

# 10,000 characters: the first 1024 words count (the warning names where
# the 1025th starts); ranks as the short query does.
long=$(awk 'BEGIN { for (i = 0; i < 1250; i++) printf "needlet "; }')
lenient "$long" 'needlet' 'query position 8193: more than 1024 words'
# Deep nesting.
deep=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "("; printf "needlet" }')
lenient "$deep" 'needlet' 'query position 65: parentheses nested too deep'
# Every byte but NUL, in one argument, and then as a word among words.
junk=$(awk 'BEGIN { for (i = 1; i < 256; i++) printf "%c", i }')
expect_status "binary junk" 0 pdx_search -d "$DB" -- "$junk" >/dev/null 2>"$TMP/err"
expect_match "binary junk warns" 'invalid UTF-8' "$(cat "$TMP/err")"
expect_status "junk in words" 0 pdx_search -d "$DB" -- "needlet $junk convolution" >/dev/null 2>&1
# A query that starts with '-' after --.
expect_eq "leading exclusion" "$(ids 'pruning -structured')" \
	"$(pdx_search -d "$DB" -k 1000 --format trec -- -structured pruning 2>/dev/null | awk '{ print $3 }' | tr '\n' ' ')"
# At most 16 warnings, then one saying more were dropped.
many=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf ") "; printf "needlet" }')
pdx_search -d "$DB" -- "$many" >/dev/null 2>"$TMP/err" || fail "many warnings: exit status $?"
expect_eq "warnings capped" 17 "$(wc -l <"$TMP/err" | tr -d ' ')"
expect_match "last warning" 'more warnings follow; only the first 16 are shown' "$(tail -n 1 "$TMP/err")"

# Batch topics are plain words: operators and quotes are words or nothing,
# and the status is 0.
{
	printf '1\tneedlet AND convolution\n'
	printf '2\t"unbalanced ( needlet\n'
	printf '3\tAND OR NOT ( ) "\n'
	printf '4\tcaf\351 needlet\n'
	printf '5\t%s\n' "$(echo "$junk" | tr -d '\t\n\r')"
} >"$TMP/topics.tsv"
pdx_search -d "$DB" --batch "$TMP/topics.tsv" -k 1000 >"$TMP/run" 2>"$TMP/err" || fail "junk batch: exit status $?"
# (A batch run may go on past the query's own hits with expanded ones.)
want=$(ids 'needlet convolution')
expect_eq "batch topic 1 as plain words" "$want" \
	"$(awk -v n="$(echo "$want" | wc -w)" '$1 == 1 && $4 <= n { print $3 }' "$TMP/run" | tr '\n' ' ')"
expect_match "batch topic 2" '^2 Q0 pt-582572c1c371f3d8 1 ' "$(cat "$TMP/run")"
expect_match "batch topic 3 warns" 'warning: topic 3: query position 1: nothing to search for' "$(cat "$TMP/err")"
# The topics reader skips topics that are not UTF-8, saying where.
expect_match "batch topic 4 skipped" 'topics.tsv:4: topic 4: query text is not valid UTF-8 \(skipped\)' \
	"$(cat "$TMP/err")"
expect_eq "batch topics run" "1 2" "$(awk '{ print $1 }' "$TMP/run" | sort -u | tr '\n' ' ' | sed 's/ $//')"
exit 0
