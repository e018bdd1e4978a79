# Batch runs from all four topic formats: the original topic files of the
# evaluation collections (SMART .qry, TREC <top>) and a BEIR queries.jsonl
# made from the normalized topics.tsv all give the run topics.tsv gives;
# a run evaluated in batch equals the same run file evaluated with --eval;
# timings have one line per topic; --authors --batch names researchers.
. "$(dirname "$0")/lib.sh"

EVAL=$ROOT/tests/data/eval
cd "$TMP"

pdx_build cran.db "$EVAL/cranfield/cran.all.1400"
pdx_build cisi.db "$EVAL/cisi/CISI.ALL"
pdx_build npl.db "$EVAL/npl/doc-text.trec"

# run DB TOPICS OUT: a 100-paper run, topics as given.
run() {
	pdx_search -d "$1" -k 100 --batch "$2" >"$3" 2>"$TMP/run.err" ||
		fail "--batch $2: $(tail -n 3 "$TMP/run.err")"
	[ -s "$3" ] || fail "--batch $2: empty run"
}

run cran.db "$EVAL/cranfield/topics.tsv" cran.tsv.run
run cran.db "$EVAL/cranfield/cran.qry" cran.smart.run
cmp -s cran.tsv.run cran.smart.run || fail "cran.qry (SMART, numbered by position) and topics.tsv give different runs"
expect_eq "cranfield topics run" 225 "$(cut -d' ' -f1 cran.smart.run | sort -u | wc -l)"

run cisi.db "$EVAL/cisi/topics.tsv" cisi.tsv.run
run cisi.db "$EVAL/cisi/CISI.QRY" cisi.smart.run
cmp -s cisi.tsv.run cisi.smart.run || fail "CISI.QRY and topics.tsv give different runs"

run npl.db "$EVAL/npl/topics.tsv" npl.tsv.run
run npl.db "$EVAL/npl/query-text.trec" npl.trec.run
cmp -s npl.tsv.run npl.trec.run || fail "query-text.trec (TREC topics) and topics.tsv give different runs"

# BEIR queries.jsonl, with ids as strings and an ignored member.
awk -F'\t' '{ gsub(/\\/, "\\\\", $2); gsub(/"/, "\\\"", $2)
	printf "{\"_id\": \"%s\", \"text\": \"%s\", \"metadata\": {}}\n", $1, $2 }' \
	"$EVAL/cisi/topics.tsv" >queries.jsonl
run cisi.db queries.jsonl cisi.beir.run
cmp -s cisi.tsv.run cisi.beir.run || fail "BEIR queries.jsonl and topics.tsv give different runs"

# Evaluating in batch equals evaluating the written run; -o writes it.
pdx_search -d cran.db --batch "$EVAL/cranfield/cran.qry" --qrels "$EVAL/cranfield/qrels.txt" \
	-o written.run >batch.eval 2>/dev/null || fail "--batch --qrels"
pdx_search --eval written.run --qrels "$EVAL/cranfield/qrels.txt" >file.eval 2>/dev/null ||
	fail "--eval of the written run"
diff -u batch.eval file.eval >&2 || fail "batch evaluation and --eval of its run differ"
expect_match "default measures" '^map +	all	0\.[0-9]{4}$' "$(cat batch.eval)"
expect_match "default measures" '^ndcg_cut_10 +	all	' "$(cat batch.eval)"
expect_eq "topics in the written run" 225 "$(cut -d' ' -f1 written.run | sort -u | wc -l)"
expect_eq "no topic over k" "" "$(cut -d' ' -f1 written.run | uniq -c | awk '$1 > 1000')"

# Timings: one line per topic, qid TAB microseconds.
pdx_search -d npl.db -k 10 --batch "$EVAL/npl/topics.tsv" --timings times.tsv >/dev/null 2>&1 ||
	fail "--timings"
expect_eq "timing lines" 93 "$(grep -cE '^[0-9]+	[0-9]+$' times.tsv)"

# Researchers in batch: author keys, spaces as underscores.
pdx_build seed.db "$ROOT/corpus"
printf 'p1\tpruning\np2\tpreference optimization\n' >people.tsv
pdx_search -d seed.db --authors -k 3 --batch people.tsv >people.run 2>/dev/null || fail "--authors --batch"
expect_eq "first researcher for pruning" "p1 Q0 kaiqi_zhao 1" "$(head -n 1 people.run | cut -d' ' -f1-4)"
expect_eq "researchers per topic" "3 3" "$(cut -d' ' -f1 people.run | uniq -c | awk '{printf "%s%s", s, $1; s=" "}')"
