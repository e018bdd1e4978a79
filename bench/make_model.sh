#!/bin/sh
# bench/make_model.sh [CORPUS] — rebuilds the corpus model in bench/model/
# from mlanthology (or CORPUS), then generates a corpus of the same size and
# writes bench/model/CHECK.md: its statistics beside the real corpus's
# (vocabulary growth, postings, document frequencies of the top words,
# lengths, authors). Tools and the check corpus go to build/bench/.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:-$ROOT/../shared/data/mlanthology.jsonl.gz}
OUT=${BENCH_OUT:-$ROOT/build/bench}
MODEL=$ROOT/bench/model

die() { echo "make_model: error: $*" >&2; exit 1; }

[ -r "$CORPUS" ] || die "$CORPUS is not readable"
"$ROOT/bench/build_tools.sh" "$OUT" || exit 1
mkdir -p "$MODEL" "$OUT/data" || exit 1
"$OUT/make_model" "$CORPUS" "$MODEL" || die "make_model failed"
n=$(awk -F'\t' '$1 == "papers" { print $2 }' "$MODEL/params.tsv")
"$OUT/gen_corpus" -n "$n" --model "$MODEL" > "$OUT/data/check.jsonl" 2> "$OUT/data/check.log" ||
	die "gen_corpus failed (see $OUT/data/check.log)"
"$OUT/corpus_stats" "$CORPUS" > "$OUT/data/real.stats" || die "corpus_stats failed"
"$OUT/corpus_stats" "$OUT/data/check.jsonl" > "$OUT/data/check.stats" || die "corpus_stats failed"

{
	echo "# Generated against real: the corpus model's check"
	echo
	echo "Written by bench/make_model.sh: bench/model/ was derived from"
	echo "$(basename "$CORPUS"), then gen_corpus made as many papers from the model,"
	echo "and bench/corpus_stats measured both. Words are bench/words.c's (lower case,"
	echo "compounds whole, no stemming). \"random N\" is the expected vocabulary of a"
	echo "random subset of N papers (the real file is in venue and year order, so its"
	echo "prefixes, \"first N\", add topics faster than size)."
	echo
	echo "gen_corpus's calibration:"
	echo
	sed 's/^/    /' "$OUT/data/check.log"
	echo
	echo "| statistic | real | generated | generated / real |"
	echo "|---|--:|--:|--:|"
	awk -F'\t' 'NR == FNR { g[$1] = $2; next }
		!/^df:/ { k = $1; sub(/^vocabulary_at_/, "vocabulary, first ", k)
			sub(/^vocabulary_random_/, "vocabulary, random ", k)
			r = ($1 in g) && $2 + 0 > 0 ? sprintf("%.3f", g[$1] / $2) : ""
			printf "| %s | %s | %s | %s |\n", k, $2, ($1 in g) ? g[$1] : "-", r }' \
		"$OUT/data/check.stats" "$OUT/data/real.stats"
	echo
	echo "Document frequency of the real corpus's 40 most widespread words:"
	echo
	echo "| word | real | generated | generated / real |"
	echo "|---|--:|--:|--:|"
	awk -F'\t' 'NR == FNR { g[$1] = $2; next }
		/^df:/ && ++n <= 40 { w = substr($1, 4)
			printf "| %s | %s | %s | %s |\n", w, $2, ($1 in g) ? g[$1] : "-",
				($1 in g) ? sprintf("%.3f", g[$1] / $2) : "" }' \
		"$OUT/data/check.stats" "$OUT/data/real.stats"
} > "$MODEL/CHECK.md"
du -sh "$MODEL" >&2
echo "make_model: wrote $MODEL and $MODEL/CHECK.md" >&2
