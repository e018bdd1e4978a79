#!/bin/sh
# The seed profile pages through `paperdex-index --dump`: each page alone and
# corpus/ as a whole must match the hand-checked golden JSON Lines in
# tests/golden/dump/, with the expected per-file reports, 116 listings merged
# into 110 papers, and exit status 0.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || fail "cannot cd to $ROOT"

# page golden-name format records warnings note
check_page() {
	page=corpus/$1
	pdx_index --dump "$page" >"$TMP/$2.jsonl" 2>"$TMP/$2.err"
	expect_eq "$2 exit status" 0 "$?"
	expect_golden "dump/$2.jsonl" "$TMP/$2.jsonl"
	expect_eq "$2 report" "paperdex-index: $page: $3, $4 records, $5 warnings, 0 skipped; $6" \
		"$(grep "^paperdex-index: $page: " "$TMP/$2.err")"
	expect_eq "$2 records on stdout" "$4" "$(wc -l <"$TMP/$2.jsonl" | tr -d ' ')"
}

check_page 000_bcf517aaeca7fbd7.txt 000 researcher 6 0 "owner: Kaiqi Zhao"
check_page 001_a31f42af71af75d2.txt 001 listing 31 0 \
	"owner inferred: Kaiqi Zhao, listed on 20 of 31 papers"
check_page 002_87d5271ec38b1c1b.txt 002 researcher 10 1 "owner: Kai Yi"
check_page 003_275a4833a3808574.txt 003 researcher 36 0 "owner: Hongxia Yang"
check_page 004_b8138a3e09088a1a.txt 004 header 33 0 "owner: Jinyang Gao"

# 002 announces 11 items and lists 10.
expect_eq "002 item-count warning" \
	"paperdex-index: warning: corpus/002_87d5271ec38b1c1b.txt:53: page says 11 published items but lists 10" \
	"$(grep "^paperdex-index: warning:" "$TMP/002.err")"

# The whole corpus: six papers of the researcher page 000 are also on the
# listing page 001 and merge; nothing else does.
pdx_index --dump corpus/ >"$TMP/all.jsonl" 2>"$TMP/all.err"
expect_eq "corpus exit status" 0 "$?"
expect_golden "dump/all.jsonl" "$TMP/all.jsonl"
expect_match "merge counts" "^paperdex-index: 116 profile listings merged into 110 papers$" \
	"$(cat "$TMP/all.err")"
expect_match "totals" "^paperdex-index: 5 files, 110 records, 1 warnings, 0 skipped, 0 files unreadable$" \
	"$(cat "$TMP/all.err")"
expect_eq "distinct ids" 110 "$(jq -r .id "$TMP/all.jsonl" | sort -u | wc -l | tr -d ' ')"
expect_eq "merged papers" "EdgeRec: Recommender System on Edge in Mobile Taobao
Enabling Deep Learning on Edge Devices through Filter Pruning and Knowledge Transfer
Iterative Activation-based Structured Pruning
Space Meets Time: Local Spacetime Neural Network For Traffic Flow Forecasting
Transitivity Meets Cyclicity: Explicit Preference Decomposition for Dynamic Large Language Model Alignment
Urban-ImageNet: A Large-Scale Multi-Modal Dataset and Evaluation Framework for Urban Space Perception" \
	"$(jq -r 'select(.venue == "arXiv" and (.categories | length) > 0) | .title' "$TMP/all.jsonl" | sort)"
# Near-duplicate titles stay two papers.
expect_eq "poster kept apart" 2 \
	"$(jq -r 'select(.title | test("^(Poster: )?Self-Supervised Quantization-Aware Knowledge Distillation$")) | .id' \
		"$TMP/all.jsonl" | sort -u | wc -l | tr -d ' ')"
# Every page owner is an author of every paper of their page.
for owner in "kaiqi zhao:corpus/00[01]_" "kai yi:corpus/002_" "hongxia yang:corpus/003_" \
	"jinyang gao:corpus/004_"; do
	key=${owner%%:*} src=${owner#*:}
	expect_eq "owner $key on all papers" 0 \
		"$(jq -r --arg k "$key" --arg s "$src" \
			'select((.source | test($s)) and ((.author_keys | index($k)) == null)) | .id' \
			"$TMP/all.jsonl" | wc -l | tr -d ' ')"
done

# Sniffers stay off other corpora: none of these is read as a profile page.
for f in tests/data/eval/cranfield/cran.all.1400 tests/data/eval/cisi/CISI.ALL \
	tests/data/eval/npl/doc-text.trec tests/data/eval/cisi/qrels.txt tests/data/eval/README.md; do
	pdx_index --dump "$f" >/dev/null 2>"$TMP/other.err"
	expect_no_match "$f not a profile page" "^paperdex-index: $f: (researcher|listing|header)," \
		"$(cat "$TMP/other.err")"
done
printf '{"id":"1","title":"LGFeb 12, 2023"}\n{"id":"2","title":"x"}\n' >"$TMP/p.jsonl"
pdx_index --dump "$TMP/p.jsonl" >/dev/null 2>"$TMP/other.err"
expect_no_match "jsonl not a profile page" ": (researcher|listing|header)," "$(cat "$TMP/other.err")"
exit 0
