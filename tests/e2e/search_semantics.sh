# Query semantics on a hand-built corpus (tests/data/search/semantics.jsonl,
# 45 papers in sections of their own words: p phrases, c compounds, t
# tokens typed as written, g Greek and LaTeX, b boolean, f fields and
# filters), where the exact result set of each query can be stated: phrases
# against stopword gaps, compounds every way, GPT-4/SO(3)/BERT-base/L1,
# beta, +must -exclude, AND/OR/NOT precedence and parentheses, title: and
# abstract:, authors by full name, word and initials, years, categories,
# venues, OR'ed filters, fields before groups and filter-only queries. Each set is checked in both
# evaluation modes (pruned and --exhaustive).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
DB=$TMP/sem.db
pdx_index -q -d "$DB" tests/data/search/semantics.jsonl 2>"$TMP/index.err" ||
	fail "indexing the fixture: $(tail -n 3 "$TMP/index.err")"
pdx_index -d "$DB" --check >/dev/null || fail "--check of the fixture index"

# ids [OPTION...] QUERY: the sorted ids of every hit.
ids() {
	pdx_search -d "$DB" -k 1000 --format trec "$@" 2>/dev/null | awk '{ print $3 }' | LC_ALL=C sort | tr '\n' ' ' |
		sed 's/ $//'
}

# expect_ids QUERY IDS: the query finds exactly IDS (sorted), both ways.
expect_ids() {
	expect_eq "[$1]" "$2" "$(ids -- "$1")"
	expect_eq "[$1] --exhaustive" "$2" "$(ids --exhaustive -- "$1")"
}

# expect_top QUERY ID: ID ranks first.
expect_top() {
	expect_eq "[$1] first" "$2" "$(pdx_search -d "$DB" -k 1 --format trec -- "$1" 2>/dev/null | awk '{ print $3 }')"
}

# Phrases: words in order; a stopword leaves a one-word gap, which any word
# fills; fields restrict.
expect_ids 'florp quib' 'p1 p2 p3 p4 p5 p6'
expect_ids '"florp quib"' 'p1 p5'
expect_ids '"quib florp"' 'p3'
expect_ids '"florp the quib"' 'p2 p4'
expect_ids '"florp of quib"' 'p2 p4'
expect_ids 'title:"florp quib"' 'p1'
expect_ids 'abstract:"florp quib"' 'p5'
expect_ids 'title:florp' 'p1 p2 p3 p4 p6'
expect_ids 'abstract:florp' 'p5'
expect_ids 'title:vosk' 'p5'
expect_ids '+florp -quib' 'p6'
expect_ids '"zanth"' 'p1'
expect_ids '"florp quib zanth vosk"' ''

# Compounds: typed any way, found every way.
expect_ids 'self-supervised' 'c1 c2 c3 c4 c5 c6 c7 c8'
expect_top 'self-supervised' 'c1'
expect_ids '"self-supervised"' 'c1 c2 c3 c6 c7 c8'
expect_ids '+self-supervised' 'c1 c2 c3 c6 c7 c8'
expect_ids '"self supervised"' 'c1 c2 c7 c8'
expect_ids 'selfsupervised' 'c1 c3 c6 c7'
expect_ids '"self-supervised mirt"' 'c1 c2 c3'
expect_ids '"selfsupervised mirt"' 'c1 c3'
expect_ids '"learning self-supervised"' 'c6 c7 c8'
expect_ids 'mirt -self-supervised' 'c4 c5'
expect_ids 'mirt -selfsupervised' 'c2 c4 c5 c8'
expect_ids '+title:"self-supervised" mirt' 'c1 c2 c3 c6 c7 c8'
expect_ids 'title:"self-supervised" +mirt' 'c1 c2 c3 c4 c5 c6 c7 c8'

# Tokens as typed.
expect_ids '+GPT-4' 't1 t2 t3'
expect_ids '"GPT-4"' 't1 t2 t3'
expect_ids 'GPT4' 't1 t2'
expect_ids '"GPT 4"' 't1 t3'
expect_ids 'GPT-4' 't1 t2 t3 t4'
expect_top 'GPT-4' 't1'
expect_ids '+SO(3)' 't5 t6'
expect_ids '"SO(3)"' 't5 t6'
expect_ids 'SO3' 't5 t6'
expect_ids 'SO(3)' 't4 t5 t6 t7'
expect_top 'SO(3)' 't5'
expect_ids '+BERT-base' 't11 t8 t9'
expect_ids '+BERT-large' 't10'
expect_ids 'L1' 't12 t14'
expect_ids 'L2' 't13'
expect_ids '+L1-norm' 't14'
expect_ids 'regularization -L1' 't13'

# Greek letters by symbol, name or LaTeX command.
for q in 'β' 'beta' 'Beta' '\beta' '$\beta$'; do
	expect_ids "$q" 'g1 g2 g3 g4'
done
expect_ids '"β-VAE"' 'g1 g2 g3 g4'
expect_ids '+$\beta$-VAE' 'g1 g2 g3 g4'
expect_ids 'α' 'g5'
expect_ids '\alpha' 'g5'

# Boolean structure: NOT > AND > OR, parentheses, +required, -excluded.
expect_ids 'kib lom' 'b1 b2 b3 b4 b6'
expect_ids '+kib lom' 'b1 b2 b4 b6'
expect_top '+kib lom' 'b1'
expect_ids '+kib +lom' 'b1 b4'
expect_ids 'kib -lom' 'b2 b6'
expect_ids 'kib AND lom' 'b1 b4'
expect_ids 'kib && lom' 'b1 b4'
expect_ids 'kib OR lom AND nar' 'b1 b2 b3 b4 b6'
expect_ids '(kib OR lom) AND nar' 'b2 b3 b4'
expect_ids 'kib AND NOT lom' 'b2 b6'
expect_ids 'NOT kib AND lom' 'b3'
expect_ids 'kib AND lom OR pev' 'b1 b4 b5 b6'
expect_ids 'kib AND lom || pev' 'b1 b4 b5 b6'
expect_ids 'kib AND (lom OR pev)' 'b1 b4 b6'
expect_ids 'kib -(lom OR nar)' 'b6'
expect_ids 'kib -(lom AND nar)' 'b1 b2 b6'
expect_ids '(kib AND lom) OR (nar AND pev)' 'b1 b4'
expect_ids 'pev (+kib +lom)' 'b1 b4 b5 b6'
# Nothing to rank: no hits, and no failure.
expect_ids '-kib' ''
expect_ids 'NOT kib' ''

# Authors: the full name is that person (initials stay initials); one word
# is anyone with that name word.
expect_ids 'author:"Kaiqi Zhao"' 'f1'
expect_ids 'author:"kaiqi  ZHAO"' 'f1'
expect_ids 'author:"K. Zhao"' 'f2'
expect_ids 'author:"K Zhao"' 'f2'
expect_ids 'author:"Wei Zhao"' 'f3'
expect_ids 'author:zhao' 'f1 f2 f3 f4 f5'
expect_ids 'author:kaiqi' 'f1 f4 f5'
expect_ids 'author:"Nobody Here"' ''
# Years, exact, ranges and bounds.
expect_ids 'year:2021' 'f3 f4'
expect_ids 'year:2019..2020' 'f1 f2'
expect_ids 'year:>2020' 'f3 f4 f5'
expect_ids 'year:>=2021' 'f3 f4 f5'
expect_ids 'year:<2020' 'f1'
expect_ids 'year:..2020' 'f1 f2'
expect_ids 'year:2023..' 'f5'
expect_ids 'year:1990' ''
# Categories: "LG" matches a listing's LG and arXiv's cs.LG.
expect_ids 'category:LG' 'f1 f2'
expect_ids 'category:cs.LG' 'f1'
expect_ids 'cat:ML' 'f3'
expect_ids 'category:stat.ML' 'f3'
expect_ids 'category:cv' 'f4'
expect_ids 'venue:neurips' 'f1 f3'
expect_ids 'venue:ICML' 'f2 f6'
# Filters restrict words; filters joined by OR are alternatives.
expect_ids 'yarn year:2021' 'f3 f4'
expect_ids 'yarn -year:2021' 'f1 f2 f5 f6'
expect_ids 'yarn -author:zhao' 'f6'
expect_ids 'yarn year:2021 -author:"Wei Zhao"' 'f4'
expect_ids 'year:2021 OR year:2019' 'f1 f3 f4'
expect_ids 'yarn (year:2019 OR venue:icml)' 'f1 f2 f6'
expect_ids 'spindle OR year:2021' 'f1 f3 f4'
expect_ids 'year:2021 year:2019' ''
expect_ids 'title:yarn category:LG' 'f1 f2'
expect_ids 'abstract:yarn category:LG' 'f1 f2'
expect_ids 'title:spun' ''
# A field before a group applies to each word of it (vosk is in every p
# abstract but only p5's title; florp and quib in p5's abstract alone).
expect_ids 'title:(quib OR vosk)' 'p1 p2 p3 p4 p5'
expect_ids 'abstract:(florp OR quib)' 'p5'
expect_ids 'title:(+florp -quib)' 'p6'
expect_ids 'yarn venue:(neurips OR icml)' 'f1 f2 f3 f6'
expect_ids 'yarn year:(2019 OR 2023)' 'f1 f5'
# A range typed the wrong way round is read the right way round.
expect_ids 'yarn year:2021..2019' 'f1 f2 f3 f4'

# Filter-only queries rank by index order with score 0.
out=$(pdx_search -d "$DB" --format trec -- 'venue:icml')
expect_eq "filter-only run" "1 Q0 f2 1 0.000000 paperdex
1 Q0 f6 2 0.000000 paperdex" "$out"
expect_eq "filter-only text" "1. Yarn loom  (0.000)" "$(pdx_search -d "$DB" -- 'venue:icml' | head -n 1)"

# A word the filters' papers lack, and words nobody has: no hits, exit 0.
expect_status "no hits" 0 pdx_search -d "$DB" -- '+spindle year:2021' >/dev/null 2>&1
expect_ids '+spindle year:2021' ''
expect_ids 'florp year:2021' ''
exit 0
