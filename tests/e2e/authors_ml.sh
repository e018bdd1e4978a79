# Researchers by topic on ML Anthology (158,357 papers), when the corpus is
# present (../shared/data/mlanthology.jsonl.gz, or $PDX_MLANTHOLOGY);
# prints SKIP otherwise, since tests must not depend on it. The checks are
# the ones the expert set (bench/experts, judged from the literature, not
# from paperdex) makes safe: a defining figure of a topic ranks in the top
# five; spellings of one name merge (Nicolò Cesa-Bianchi is written four
# ways, José Vinícius de Miranda Cardoso three, one with a dotless i and a
# combining accent) while initials stay apart; a profile shows the
# co-authors with counts; the author: filter keeps a researcher's papers;
# the whole expert set stays above a floor (docs/authors.md has the
# numbers, MAP 0.35 with the defaults when the floor was set).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
ML=${PDX_MLANTHOLOGY:-$ROOT/../shared/data/mlanthology.jsonl.gz}
if [ ! -f "$ML" ]; then
	echo "SKIP: $ML not found"
	exit 0
fi
DB=$TMP/ml.db
pdx_build "$DB" --rebuild "$ML"

# expect_top5 QUERY KEY: the researcher KEY (as in TREC runs) is among the
# top five for QUERY.
expect_top5() {
	top=$(pdx_search -d "$DB" --authors -k 5 --format trec -- "$1" | awk '{ print $3 }' | paste -sd ' ' -)
	case " $top " in *" $2 "*) ;; *) fail "[$1]: $2 not in the top 5: $top" ;; esac
}
# Rasmussen & Williams wrote the GP book; Lawrence the GP-LVM and deep GPs.
expect_top5 "gaussian processes" neil_d_lawrence
expect_top5 "gaussian processes" carl_edward_rasmussen
# Sinkhorn distances; Computational Optimal Transport.
expect_top5 "optimal transport" marco_cuturi
# Elements of Causal Inference.
expect_top5 "causal inference" bernhard_scholkopf
# FastICA.
expect_top5 "independent component analysis" aapo_hyvarinen
# AdaBoost.
expect_top5 "boosting" robert_e_schapire

# Text and JSON views of the ranking.
pdx_search -d "$DB" --authors -k 3 gaussian processes >"$TMP/text" || fail "--authors text"
expect_match "text row" '^1\. .*\([0-9.]+; [0-9]+ of the top 1000 papers\)$' "$(head -n 1 "$TMP/text")"
pdx_search -d "$DB" --authors -k 10 --format json gaussian processes >"$TMP/json" || fail "--authors json"
jq -e . "$TMP/json" >/dev/null || fail "ranking JSON does not parse"
expect_eq "json rows" 10 "$(jq -s 'length' "$TMP/json")"

# Identity: four spellings of one name, one researcher.
pdx_search -d "$DB" --author "Nicolo Cesa Bianchi" >"$TMP/ncb" || fail "--author Cesa-Bianchi"
expect_match "merged spellings" '^Nicolò Cesa-Bianchi — 12[0-9] papers, ' "$(head -n 1 "$TMP/ncb")"
expect_match "written as" '^  written as: Nicolò Cesa-Bianchi \([0-9]+\), .*Nicoló Cesa-Bianchi .*Nicolo Cesa-Bianchi' "$(cat "$TMP/ncb")"
expect_match "co-author counts" '^  co-authors: Claudio Gentile \([0-9]+\), ' "$(cat "$TMP/ncb")"
pdx_search -d "$DB" --author "José Vinícius de Miranda Cardoso" --format json >"$TMP/jvmc" || fail "--author JVMC"
jq -e . "$TMP/jvmc" >/dev/null || fail "profile JSON does not parse"
expect_eq "dotless i merges" 3 "$(jq '.spellings | length' "$TMP/jvmc")"
expect_eq "papers of all spellings" "$(jq '.papers' "$TMP/jvmc")" "$(jq '.paper_list | length' "$TMP/jvmc")"
# Jean-François Cardoso (JADE) has three papers here, all spelled one way.
pdx_search -d "$DB" --author "Jean-Francois Cardoso" >"$TMP/jfc" || fail "--author Cardoso"
expect_eq "Cardoso" "Jean-François Cardoso — 3 papers, 1999–2019  [jean francois cardoso]" "$(head -n 1 "$TMP/jfc")"
expect_match "Cardoso's co-authors" '^  co-authors: .*Pierre Ablin \(1\)' "$(cat "$TMP/jfc")"
# Csaba Szepesvári is written with and without the accent; his co-author
# Tor Lattimore is counted once across both.
pdx_search -d "$DB" --author "Csaba Szepesvari" --format json >"$TMP/cs" || fail "--author Szepesvari"
expect_eq "Szepesvári spellings" 2 "$(jq '.spellings | length' "$TMP/cs")"
expect_eq "co-author once" 1 "$(jq '[.coauthors[] | select(.name | test("^Tor Lattimore$"))] | length' "$TMP/cs")"
# Initials are another researcher: "Michael I. Jordan" and "Michael Jordan".
a=$(pdx_search -d "$DB" --author "Michael I. Jordan" --format json | jq -r .key)
b=$(pdx_search -d "$DB" --author "Michael Jordan" --format json | jq -r .key)
expect_eq "initials kept" "michael i jordan|michael jordan" "$a|$b"

# The author: filter keeps only that researcher's papers.
pdx_search -d "$DB" -k 50 --format json 'bandits author:"Csaba Szepesvari"' >"$TMP/filtered" || fail "author: filter"
n=$(wc -l <"$TMP/filtered" | tr -d ' ')
[ "$n" -ge 20 ] || fail "author: filter: only $n papers"
expect_eq "filtered papers are his" "$n" \
	"$(jq -r 'select(any(.authors[]; test("^Csaba Szepesv[aá]ri$"))) | .id' "$TMP/filtered" | wc -l | tr -d ' ')"

# The expert set as a whole, with the defaults.
pdx_search -d "$DB" --authors --batch bench/experts/topics.tsv --qrels bench/experts/qrels.txt \
	-m map -m P.10 >"$TMP/eval" || fail "expert set"
awk '$1 == "map" && $2 == "all" { m = $3 } $1 == "P_10" && $2 == "all" { p = $3 }
	END { exit !(m >= 0.30 && p >= 0.35) }' "$TMP/eval" || fail "expert set below the floor: $(cat "$TMP/eval")"
exit 0
