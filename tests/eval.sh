#!/bin/sh
# make eval: indexes each evaluation collection from its original files,
# runs its original topics file and prints the quality table of
# tests/data/eval/README.md with a paperdex row per set. Extra arguments go
# to paperdex-search (e.g. --rm3, --k1 0.9).
#   tests/eval.sh BIN_DIR EVAL_DIR [SEARCH_ARGS...]
set -eu
BIN=$1 EVAL=$2
shift 2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pdx-eval.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# The peers' figures, from tests/data/eval/README.md (one machine, one run).
peers() {
	cat <<'T'
cranfield Xapian 0.2844 0.3498 0.2244 0.7168 0.9709
cranfield Lucene 0.2879 0.3510 0.2227 0.7224 0.9518
cranfield FTS5 0.3013 0.3623 0.2316 0.7313 0.9730
cisi Xapian 0.1913 0.3421 0.3079 0.4010 0.9206
cisi Lucene 0.1983 0.3585 0.3263 0.4249 0.9275
cisi FTS5 0.2073 0.3610 0.3355 0.4369 0.9294
npl Xapian 0.2242 0.3782 0.3022 0.4843 0.8416
npl Lucene 0.2857 0.4368 0.3624 0.6184 0.9340
npl FTS5 0.2805 0.4306 0.3548 0.6022 0.9299
T
}
echo "| set | engine | MAP | nDCG@10 | P@10 | R@100 | R@1000 |"
echo "|---|---|---|---|---|---|---|"
for set in cranfield cisi npl; do
	case $set in
	cranfield) docs=cran.all.1400 topics=cran.qry ;;
	cisi) docs=CISI.ALL topics=CISI.QRY ;;
	npl) docs=doc-text.trec topics=query-text.trec ;;
	esac
	"$BIN/paperdex-index" -q -d "$TMP/$set.db" --rebuild "$EVAL/$set/$docs" 2>/dev/null
	"$BIN/paperdex-search" -d "$TMP/$set.db" "$@" --batch "$EVAL/$set/$topics" \
		--qrels "$EVAL/$set/qrels.txt" -m map -m ndcg_cut.10 -m P.10 -m recall.100,1000 \
		>"$TMP/$set.out"
	row=$(awk '$2 == "all" { v[$1] = $3 } END {
		printf "%s %s %s %s %s", v["map"], v["ndcg_cut_10"], v["P_10"], v["recall_100"], v["recall_1000"] }' "$TMP/$set.out")
	peers | awk -v set="$set" '$1 == set { printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }'
	echo "$row" | awk -v set="$set" '{ printf "| %s | **paperdex** | %s | %s | %s | %s | %s |\n", set, $1, $2, $3, $4, $5 }'
	# Where paperdex is below the best peer, say so.
	peers | awk -v set="$set" -v row="$row" 'BEGIN { split(row, p, " "); n = split("MAP nDCG@10 P@10 R@100 R@1000", name, " ") }
		$1 == set { for (i = 1; i <= 5; i++) if ($(i + 2) > best[i]) { best[i] = $(i + 2); who[i] = $2 } }
		END { for (i = 1; i <= n; i++) if (p[i] < best[i]) printf "  (%s: paperdex %s below %s %s)\n", name[i], p[i], who[i], best[i] > "/dev/stderr" }'
done
