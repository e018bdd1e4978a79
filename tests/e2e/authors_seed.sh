# Researchers by topic on the seed corpus (corpus/: 5 profile pages, 110
# papers), checked against what the pages say: Kaiqi Zhao wrote the pruning
# papers (first author of four, with Ming Zhao on all four and Animesh Jain
# on three), so `--authors pruning` ranks him first in text, JSON and TREC;
# a researcher's CombSUM score is the sum of the scores of their papers in
# the paper query; his profile lists his 31 papers newest first (the order
# recomputed from the parsed records), topics, co-authors with counts; the
# author: filter restricts a search to his papers and keys fold case and
# spacing but not initials; the seed expert set (tests/data/experts)
# evaluates to the numbers computed by hand below.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
DB=$TMP/seed.db
pdx_build "$DB" corpus/
pdx_index --dump corpus/ >"$TMP/seed.jsonl" 2>/dev/null || fail "--dump corpus/"

# ---- ranking: text, JSON, TREC ----------------------------------------------
pdx_search -d "$DB" --authors -k 3 pruning >"$TMP/text" || fail "--authors pruning"
# Six papers say "pruning"; Kaiqi Zhao is on five of them (his four pruning
# papers and WISK, whose abstract prunes a search space).
expect_match "text rank 1" '^1\. Kaiqi Zhao  \([0-9.]+; 5 of the top 6 papers\)$' "$(head -n 1 "$TMP/text")"
expect_eq "text ranks" "1. Kaiqi Zhao|2. Ming Zhao|3. Animesh Jain" \
	"$(grep -E '^[0-9]+\. ' "$TMP/text" | sed 's/  (.*//' | paste -sd '|' -)"
expect_match "text: best pruning paper" '^   Automatic Attention Pruning: Improving and Automating Model Pruning using Attentions \(2023\)$' "$(cat "$TMP/text")"
expect_match "text: collaborators, key, total" 'with Ming Zhao \(4\), Animesh Jain \(3\), .*active 2018–2026, 31 papers \[kaiqi zhao\]$' "$(cat "$TMP/text")"

pdx_search -d "$DB" --authors --format json pruning >"$TMP/json" || fail "--authors --format json"
jq -e . "$TMP/json" >/dev/null || fail "--authors JSON does not parse"
expect_eq "json rank 1" '{"rank":1,"name":"Kaiqi Zhao","key":"kaiqi zhao","matching_papers":5,"papers":31,"years":[2018,2026]}' \
	"$(head -n 1 "$TMP/json" | jq -c '{rank, name, key, matching_papers, papers, years}')"
expect_eq "json collaborators" '[{"name":"Ming Zhao","papers":4},{"name":"Animesh Jain","papers":3}]' \
	"$(head -n 1 "$TMP/json" | jq -c '.collaborators[0:2]')"
expect_eq "json top papers" "Automatic Attention Pruning: Improving and Automating Model Pruning using Attentions|Iterative Activation-based Structured Pruning|Adaptive Activation-based Structured Pruning" \
	"$(head -n 1 "$TMP/json" | jq -r '.top_papers[].title' | paste -sd '|' -)"

pdx_search -d "$DB" --authors --format trec pruning >"$TMP/trec" || fail "--authors --format trec"
expect_eq "trec ids" "kaiqi_zhao ming_zhao animesh_jain" "$(head -n 3 "$TMP/trec" | awk '{ print $3 }' | paste -sd ' ' -)"
expect_eq "trec line shape" "1 Q0 kaiqi_zhao 1" "$(head -n 1 "$TMP/trec" | cut -d ' ' -f 1-4)"

# CombSUM (the default) with equal credit: the sum of the researcher's
# paper scores. The paper query's scores, added up per author from the
# parsed records, must give the researcher scores (6 decimals each, so
# within 1e-5).
pdx_search -d "$DB" -k 1000 --format trec pruning >"$TMP/papers" || fail "paper query"
for who in "Kaiqi Zhao" "Ming Zhao" "Animesh Jain" "Yitao Chen"; do
	key=$(printf '%s' "$who" | tr 'A-Z ' 'a-z_')
	want=$(jq -r --arg a "$who" 'select(any(.authors[]; . == $a)) | .id' "$TMP/seed.jsonl" |
		awk 'NR == FNR { mine[$1] = 1; next } $3 in mine { s += $5 } END { printf "%.6f", s }' - "$TMP/papers")
	got=$(awk -v k="$key" '$3 == k { print $5 }' "$TMP/trec")
	awk -v a="$want" -v b="$got" 'BEGIN { d = a - b; exit !(b != "" && d < 1e-5 && d > -1e-5) }' ||
		fail "combsum of $who: sum of paper scores $want, researcher score $got"
done

# ---- profile ------------------------------------------------------------------
pdx_search -d "$DB" --author "Kaiqi Zhao" >"$TMP/profile" || fail "--author"
expect_eq "profile head" "Kaiqi Zhao — 31 papers, 2018–2026  [kaiqi zhao]" "$(head -n 1 "$TMP/profile")"
expect_match "profile topics" '^  topics: pruning, .*quantization' "$(cat "$TMP/profile")"
# Co-authors as counted on the page: Ming Zhao on 7 papers, Animesh Jain,
# Xiaobin Ren and Zeyu Zhang on 3 each.
expect_match "profile co-authors" '^  co-authors: Ming Zhao \(7\), Animesh Jain \(3\), Xiaobin Ren \(3\), Zeyu Zhang \(3\), ' "$(cat "$TMP/profile")"
# Newest first: year, month, day descending, then title, from the records.
jq -r 'select(any(.authors[]; . == "Kaiqi Zhao")) | [.year, .month // 0, .day // 0, .title] | @tsv' "$TMP/seed.jsonl" |
	sort -t "$(printf '\t')" -k1,1nr -k2,2nr -k3,3nr -k4,4 | awk -F '\t' '{ printf "    %s  %s\n", $1, $4 }' >"$TMP/want"
sed -n '/^  papers, newest first:$/,$p' "$TMP/profile" | tail -n +2 >"$TMP/got"
expect_eq "profile paper count" 31 "$(wc -l <"$TMP/got" | tr -d ' ')"
diff -u "$TMP/want" "$TMP/got" >&2 || fail "profile papers are not newest first"

pdx_search -d "$DB" --author "kaiqi   ZHAO" --format json >"$TMP/pjson" || fail "--author --format json"
jq -e . "$TMP/pjson" >/dev/null || fail "profile JSON does not parse"
expect_eq "profile json" '{"name":"Kaiqi Zhao","papers":31,"years":[2018,2026],"n":31,"co":{"name":"Ming Zhao","papers":7}}' \
	"$(jq -c '{name, papers, years, n: (.paper_list | length), co: .coauthors[0]}' "$TMP/pjson")"
expect_eq "profile json topics" "pruning" "$(jq -r '.topics[0]' "$TMP/pjson")"
# Diacritics fold: the page writes "Katerina Taškova".
expect_eq "profile without diacritics" "Katerina Taškova — 1 paper, 2025  [katerina taskova]" \
	"$(pdx_search -d "$DB" --author "Katerina Taskova" | head -n 1)"
# No such researcher: suggestions, exit 0.
expect_eq "unknown researcher" 'No researcher named "Kaiqi Zhou" in the index; did you mean: Kaiqi Zhao, Tian Zhou?' \
	"$(pdx_search -d "$DB" --author "Kaiqi Zhou")"

# ---- author: filter -------------------------------------------------------------
pdx_search -d "$DB" -k 100 --format json 'pruning author:"Kaiqi Zhao"' >"$TMP/filtered" || fail "author: filter"
expect_eq "filtered papers" 5 "$(wc -l <"$TMP/filtered" | tr -d ' ')"
expect_eq "all by Kaiqi Zhao" 5 "$(jq -r 'select(any(.authors[]; . == "Kaiqi Zhao")) | .id' "$TMP/filtered" | wc -l | tr -d ' ')"
expect_eq "filter folds case and spacing" "$(jq -r .id "$TMP/filtered")" \
	"$(pdx_search -d "$DB" -k 100 --format json 'pruning author:"kaiqi   ZHAO"' | jq -r .id)"
expect_eq "Ming Zhao's pruning papers" 4 "$(pdx_search -d "$DB" -k 100 --format trec 'pruning author:"Ming Zhao"' | wc -l | tr -d ' ')"
# Initials are another key: nobody is listed as "K. Zhao".
expect_eq "initials do not merge" 0 "$(pdx_search -d "$DB" -k 100 --format trec 'pruning author:"K. Zhao"' 2>/dev/null | wc -l | tr -d ' ')"

# ---- the seed expert set -----------------------------------------------------------
# Judged from the pages (tests/data/experts): researchers with two or more
# papers on the topic, 2 for the one who wrote most of them. The default
# ranking puts the judged researchers at
#   S1 pruning        1 2 3 (of 3)       AP 1       P@5 3/5  nDCG@5 1
#   S2 direct pref.   1 2 3 6 7 (of 5)   AP (1 + 1 + 1 + 4/6 + 5/7) / 5 = 0.876190
#                     P@5 3/5; grades at 1..5 are 1 2 1 0 0:
#                     DCG = 1 + 2/log2(3) + 1/2 = 2.761860, ideal 2 1 1 1 1:
#                     2 + 1/log2(3) + 1/2 + 1/log2(5) + 1/log2(6) = 3.948459,
#                     nDCG@5 = 0.699486
#   S3 recommendation 1..6 (of 6)        AP 1       P@5 5/5  nDCG@5 1
#   S4 quantization   1 2 3 (of 3)       AP 1       P@5 3/5  nDCG@5 1
#   S5 zero-shot      1 (of 1)           AP 1       P@5 1/5  nDCG@5 1
# so MAP = 4.876190 / 5 = 0.9752, P_5 = 3.0 / 5 = 0.6000, recip_rank 1,
# ndcg_cut_5 = 4.699486 / 5 = 0.9399.
pdx_search -d "$DB" --authors --batch tests/data/experts/seed-topics.tsv \
	--qrels tests/data/experts/seed-qrels.txt -m map -m P.5 -m recip_rank -m ndcg_cut.5 -q >"$TMP/eval" ||
	fail "--authors --batch --qrels"
got=$(awk '{ printf "%s %s %s\n", $1, $2, $3 }' "$TMP/eval" | grep -E ' (S2|all) ' | LC_ALL=C sort | paste -sd '|' -)
expect_eq "seed expert set" "P_5 S2 0.6000|P_5 all 0.6000|map S2 0.8762|map all 0.9752|ndcg_cut_5 S2 0.6995|ndcg_cut_5 all 0.9399|recip_rank S2 1.0000|recip_rank all 1.0000" "$got"
# ---- a paper listed twice ------------------------------------------------------
# A paper and its workshop version (the same title, case aside) both vote,
# but a researcher's row shows the title once and fills its three lines
# with the next papers.
{
	echo '{"id":"v1","title":"Lantern garden lantern","abstract":"lantern","venue":"NeurIPS","year":"2021","author_names":["Ada Lovelace"]}'
	echo '{"id":"v2","title":"Lantern Garden Lantern","abstract":"lantern","venue":"NeurIPSW","year":"2021","author_names":["Ada Lovelace"]}'
	echo '{"id":"v3","title":"Lantern lights","abstract":"lantern","year":"2020","author_names":["Ada Lovelace"]}'
	echo '{"id":"v4","title":"Lantern wicks","abstract":"wax","year":"2019","author_names":["Ada Lovelace"]}'
} >"$TMP/twice.jsonl"
pdx_build "$TMP/twice.db" "$TMP/twice.jsonl"
pdx_search -d "$TMP/twice.db" --authors -k 1 lantern >"$TMP/text" || fail "--authors lantern"
expect_eq "a title twice, text" "1. Ada Lovelace  (4 of the top 4 papers)|Lantern garden lantern (2021)|Lantern lights (2020)|Lantern wicks (2019)" \
	"$(head -n 4 "$TMP/text" | sed 's/^ *//; s/([0-9.]*; /(/' | paste -sd '|' -)"
pdx_search -d "$TMP/twice.db" --authors -k 1 --format json lantern >"$TMP/json" || fail "--authors --format json lantern"
expect_eq "a title twice, json" "v1 v3 v4" "$(jq -r '.top_papers[].id' "$TMP/json" | paste -sd ' ' -)"
exit 0
