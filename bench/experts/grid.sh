#!/bin/sh
# Measures researcher ranking on the ML Anthology expert set: every
# aggregation x credit x depth, with map, ndcg_cut_10, P_10 and recip_rank
# averaged over the topics (trec_eval semantics, the searcher's own
# evaluator). Prints one tab-separated line per setting.
#   bench/experts/grid.sh BIN_DIR DB [DEPTHS]
# DB must index ../shared/data/mlanthology.jsonl.gz (paperdex-index -d DB
# --rebuild ../shared/data/mlanthology.jsonl.gz).
set -eu
BIN=$1
DB=$2
DEPTHS=${3:-"10 50 100 300 1000"}
HERE=$(cd "$(dirname "$0")" && pwd)
printf 'agg\tcredit\tdepth\tmap\tndcg_cut_10\tP_10\trecip_rank\n'
for agg in model2 combsum combmnz expcombmnz rr votes; do
	for credit in equal split position; do
		for depth in $DEPTHS; do
			"$BIN/paperdex-search" -d "$DB" --authors --agg "$agg" --credit "$credit" \
				--depth "$depth" --batch "$HERE/topics.tsv" --qrels "$HERE/qrels.txt" \
				-m map -m ndcg_cut.10 -m P.10 -m recip_rank |
				awk -v a="$agg" -v c="$credit" -v d="$depth" '
					{ v[$1] = $3 }
					END { printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a, c, d,
						v["map"], v["ndcg_cut_10"], v["P_10"], v["recip_rank"] }'
		done
	done
done
