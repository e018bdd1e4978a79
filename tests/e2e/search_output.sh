# What paperdex-search prints, on the seed corpus and small generated
# corpora: text output with [brackets] when stdout is not a terminal and
# bold when it is; JSON Lines that jq parses, with every record field, and
# highlight offsets that are byte offsets of the snippet on character
# boundaries, marking exactly what text mode brackets; TREC run lines;
# did-you-mean (edit distance <= 2, most frequent first); why a field or
# a filter matches nothing; "No papers match"; --explain lines that add up
# to the score.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
DB=$TMP/seed.db
pdx_build "$DB" corpus/

# Queries whose snippets hold ASCII, Greek, accents, LaTeX and SO(3).
QUERIES='needlet convolution
β-DPO
ProxSkip Richtárik
SO(3) spherical
"knowledge distillation" quantization
title:pruning -structured
author:"Hongxia Yang" multimodal
recommendation year:2021
graph'

# JSON Lines: every line is one JSON object with every field.
FIELDS='["rank","score","id","title","abstract","authors","author_keys","authors_truncated","year",
"month","day","categories","venue","has_code","format","source","line","snippet","highlights","versions"]'
echo "$QUERIES" | while IFS= read -r q; do
	pdx_search -d "$DB" -k 200 --format json -- "$q" >"$TMP/out.json" 2>/dev/null || fail "[$q] json: exit status $?"
	lines=$(wc -l <"$TMP/out.json" | tr -d ' ')
	[ "$lines" -gt 0 ] || fail "[$q] json: no hits"
	expect_eq "[$q] json values" "$lines" "$(jq -s length "$TMP/out.json")"
	bad=$(jq -r --argjson f "$FIELDS" \
		'select((keys_unsorted != $f) or (.rank | type) != "number" or (.score | type) != "number"
			or (.highlights | type) != "array") | .rank' "$TMP/out.json")
	expect_eq "[$q] json records with missing or extra fields" "" "$bad"
	expect_eq "[$q] json ranks" "$(seq 1 "$lines" | tr '\n' ' ')" "$(jq -r .rank "$TMP/out.json" | tr '\n' ' ')"
done || exit 1  # the loop runs in a subshell: its fail ends only that one

# Highlights are [start, end) byte offsets into the snippet, on character
# boundaries: bracketing them gives text mode's snippet line exactly.
BRACKETS='def width: if . < 128 then 1 elif . < 2048 then 2 elif . < 65536 then 3 else 4 end;
.snippet as $s
| ($s | explode | reduce .[] as $c ([0]; . + [.[-1] + ($c | width)])) as $b
| reduce .highlights[] as $h ({out: "", at: 0};
	($b | index([$h[0]])) as $i | ($b | index([$h[1]])) as $j
	| if $i == null or $j == null or $i >= $j or $i < .at then error("bad highlight \($h)") else . end
	| .out += $s[.at:$i] + "[" + $s[$i:$j] + "]" | .at = $j)
| .out + $s[.at:]'
echo "$QUERIES" | while IFS= read -r q; do
	pdx_search -d "$DB" -k 50 --format json -- "$q" 2>/dev/null | jq -r "$BRACKETS" >"$TMP/from-json" ||
		fail "[$q]: highlights are not byte offsets on character boundaries"
	pdx_search -d "$DB" -k 50 -- "$q" 2>/dev/null | awk 'BEGIN { RS = ""; FS = "\n" } { print substr($3, 4) }' \
		>"$TMP/from-text"
	cmp -s "$TMP/from-json" "$TMP/from-text" || {
		diff "$TMP/from-text" "$TMP/from-json" | head -n 6 >&2
		fail "[$q]: JSON highlights and text brackets differ"
	}
done || exit 1
# What is highlighted is what matched: every form of the query's words in
# the abstracts (checked with grep -oiE on the dump).
got=$(pdx_search -d "$DB" -k 50 --format json needlet convolution |
	jq -r "$BRACKETS" | grep -o '\[[^]]*\]' | sort -u | tr '\n' ' ')
expect_eq "needlet convolution highlights" "[Needlet] [convolution] [convolutional] [needlet] " "$got"
got=$(pdx_search -d "$DB" -k 5 --format json 'SO(3)' | jq -r "$BRACKETS" | grep -o '\[[^]]*\]' | sort -u | tr '\n' ' ')
expect_match "SO(3) highlighted whole" '\[SO\(3\)\]' "$got"

# Text mode: brackets, no escape sequences, when stdout is a file; bold
# (and no brackets) on a terminal.
pdx_search -d "$DB" -k 3 needlet >"$TMP/plain.txt" || fail "text: exit status $?"
expect_match "brackets in a file" '\[needlet\]' "$(cat "$TMP/plain.txt")"
expect_eq "no escapes in a file" "" "$(grep -c "$(printf '\033')" "$TMP/plain.txt" | grep -v '^0$')"
if command -v script >/dev/null 2>&1 && [ -z "$WRAP" ]; then
	script -qc "$PDX_BIN/paperdex-search -d $DB -k 1 needlet" /dev/null >"$TMP/tty.txt" 2>&1
	expect_match "bold on a terminal" "$(printf '\033')\\[1mneedlet$(printf '\033')\\[0m" "$(cat "$TMP/tty.txt")"
	expect_no_match "no brackets on a terminal" '\[needlet\]' "$(cat "$TMP/tty.txt")"
else
	echo "SKIP: terminal output (no script(1), or under $WRAP)"
fi

# TREC run lines: qid Q0 id rank score tag, ranks from 1, scores not
# increasing, the tag from --run-tag.
pdx_search -d "$DB" -k 1000 --format trec --run-tag myrun -- 'graph neural network' >"$TMP/run.txt" ||
	fail "trec: exit status $?"
n=$(wc -l <"$TMP/run.txt" | tr -d ' ')
[ "$n" -gt 20 ] || fail "trec: only $n lines"
expect_eq "trec line shape" "" "$(grep -Ev '^1 Q0 pt-[0-9a-f]{16} [1-9][0-9]* [0-9]+\.[0-9]{6} myrun$' "$TMP/run.txt")"
expect_eq "trec ranks" "$(seq 1 "$n" | tr '\n' ' ')" "$(awk '{ print $4 }' "$TMP/run.txt" | tr '\n' ' ')"
expect_eq "trec scores sorted" "" "$(awk 'NR > 1 && $5 > prev { print } { prev = $5 }' "$TMP/run.txt")"
expect_eq "trec ids once" "" "$(awk '{ print $3 }' "$TMP/run.txt" | sort | uniq -d)"

# A paper found twice (its title, case aside, and an author in common) is
# shown once, its other versions under it, in text and JSON; -k counts
# papers. Same title with no author in common: two papers. TREC lists
# every record.
{
	echo '{"id":"conf","title":"Heron wading","abstract":"heron heron","venue":"NeurIPS","year":"2022","author_names":["Ada Lovelace","Alan Turing"]}'
	echo '{"id":"other","title":"Heron wading","abstract":"heron heron","venue":"ICML","year":"2021","author_names":["Grace Hopper"]}'
	echo '{"id":"wshop","title":"HERON WADING","abstract":"heron heron","venue":"NeurIPSW","year":"2021","author_names":["Alan Turing"]}'
	echo '{"id":"arx","title":"Heron wading","abstract":"heron","author_names":["Ada Lovelace"]}'
	echo '{"id":"crane","title":"Crane wading","abstract":"heron","year":"2020"}'
} >"$TMP/ver.jsonl"
pdx_build "$TMP/ver.db" "$TMP/ver.jsonl"
pdx_search -d "$TMP/ver.db" -k 2 heron >"$TMP/out" 2>&1 || fail "versions: exit status $?"
expect_eq "versions, text" "1. Heron wading|   Ada Lovelace, Alan Turing · 2022 · NeurIPS  [conf]|   also: NeurIPSW 2021 [wshop]; [arx]|2. Heron wading|   Grace Hopper · 2021 · ICML  [other]" \
	"$(grep -v '^   \[heron\]\|^$' "$TMP/out" | sed 's/  ([0-9.]*)$//' | paste -sd '|' -)"
expect_eq "versions, json" 'conf wshop,arx|other ' \
	"$(pdx_search -d "$TMP/ver.db" -k 2 --format json heron | jq -r '.id + " " + ([.versions[].id] | join(","))' | paste -sd '|' -)"
expect_eq "versions, json fields" '{"id":"wshop","venue":"NeurIPSW","year":2021}|{"id":"arx","venue":"","year":null}' \
	"$(pdx_search -d "$TMP/ver.db" -k 1 --format json heron | jq -c '.versions[]' | paste -sd '|' -)"
expect_eq "versions, trec" "conf other wshop arx crane" \
	"$(pdx_search -d "$TMP/ver.db" -k 10 --format trec heron | awk '{ print $3 }' | paste -sd ' ' -)"
expect_eq "versions, k 3" "conf other crane" \
	"$(pdx_search -d "$TMP/ver.db" -k 3 --format json heron | jq -r .id | paste -sd ' ' -)"

# Did you mean: words within edit distance 2, closest first, then most
# frequent first, shown as people type them.
{
	for i in 1 2 3; do echo "{\"id\":\"lamp$i\",\"title\":\"Lamp orchid $i\",\"abstract\":\"zebra\"}"; done
	for i in 1 2; do echo "{\"id\":\"lump$i\",\"title\":\"Lump orchid $i\",\"abstract\":\"zebra\"}"; done
	echo '{"id":"lamb1","title":"Lamb orchid","abstract":"zebra"}'
	printf '%s\n' '{"id":"tricky","title":"Quote \" backslash \\ tab\t line\u2028sep café 日本","abstract":"zebra"}'
} >"$TMP/sug.jsonl"
pdx_build "$TMP/sug.db" "$TMP/sug.jsonl"
pdx_search -d "$TMP/sug.db" lamq >"$TMP/out" 2>"$TMP/err"
expect_eq "did you mean, closest first" '"lamq" is not in the index; did you mean: lamp, lamb, lump?' \
	"$(sed 's/^paperdex-search: //' "$TMP/err")"
expect_eq "no match" 'No papers match "lamq".' "$(cat "$TMP/out")"
# The same for the words of a phrase.
pdx_search -d "$TMP/sug.db" '"lamq orchid"' >/dev/null 2>"$TMP/err"
expect_eq "did you mean, in a phrase" 'paperdex-search: "lamq" is not in the index; did you mean: lamp, lamb, lump?' \
	"$(cat "$TMP/err")"
pdx_search -d "$TMP/sug.db" Lampxx >/dev/null 2>"$TMP/err"
expect_eq "distance 2" 'paperdex-search: "lampxx" is not in the index; did you mean: lamp?' "$(cat "$TMP/err")"
pdx_search -d "$TMP/sug.db" lampxxx >/dev/null 2>"$TMP/err"
expect_eq "distance 3" 'paperdex-search: "lampxxx" is not in the index' "$(cat "$TMP/err")"
pdx_search -d "$DB" convolutoin >/dev/null 2>"$TMP/err"
expect_eq "seed typo" 'paperdex-search: "convolutoin" is not in the index; did you mean: convolution?' \
	"$(cat "$TMP/err")"
# A typo in a word's ending, which the stemmer then leaves alone
# ("convolutoin" is its own stem, "convolution" stems to "convolut"), is
# found through the words one edit away.
pdx_search -d "$DB" convolutoins >/dev/null 2>"$TMP/err"
expect_eq "typo in the ending" 'paperdex-search: "convolutoins" is not in the index; did you mean: convolution?' \
	"$(cat "$TMP/err")"
# A word of 5 letters or more that the index has in at most 50 papers,
# one edit from a word that 200 times as many papers have, may be a typo:
# it is searched as typed, and the frequent word suggested. Not for a word
# in 51 papers, nor for one whose neighbour has only 199 times its
# papers, nor under an exclusion, nor for one of 4 letters ("zebr", next
# to "zebra" in 10,450 papers).
awk 'BEGIN {
	for (i = 0; i < 10250; i++) printf "{\"id\":\"n%d\",\"title\":\"Neural orchid\",\"abstract\":\"zebra\"}\n", i
	for (i = 0; i < 199; i++) printf "{\"id\":\"g%d\",\"title\":\"Gradient orchid\",\"abstract\":\"zebra\"}\n", i
	print "{\"id\":\"typo1\",\"title\":\"Nueral orchid\",\"abstract\":\"A gradiant of nueral zebras, one zebr.\"}"
}' >"$TMP/rare.jsonl"
pdx_build "$TMP/rare.db" "$TMP/rare.jsonl"
rare() {
	pdx_search -d "$TMP/rare.db" -k 1 --format trec -- "$1" >"$TMP/out" 2>"$TMP/err"
	expect_eq "[$1] rare word hint" "$2" "$(sed 's/^paperdex-search: //' "$TMP/err")"
}
rare 'nueral' 'only 1 paper has "nueral"; did you mean: neural?'
expect_eq "a rare word is searched as typed" "typo1" "$(awk '{ print $3 }' "$TMP/out")"
rare 'orchid title:nueral' 'only 1 paper has "nueral"; did you mean: neural?'
rare 'orchid -nueral' ''
rare '"nueral orchid"' 'only 1 paper has "nueral"; did you mean: neural?'
rare 'orchid -"nueral orchid"' ''
rare 'gradiant' ''
rare 'zebr' ''
echo '{"id":"g199","title":"Gradient orchid","abstract":"zebra"}' >"$TMP/more.jsonl"
pdx_build "$TMP/rare.db" "$TMP/more.jsonl"
rare 'gradiant' 'only 1 paper has "gradiant"; did you mean: gradient?'
# RM3's expansion words are not the user's: "nueral", from the one
# feedback paper, gets no hint.
pdx_search -d "$TMP/rare.db" -k 1 --rm3 --format trec gradiant >/dev/null 2>"$TMP/err"
expect_eq "rm3: hints for typed words only" 'paperdex-search: only 1 paper has "gradiant"; did you mean: gradient?' \
	"$(cat "$TMP/err")"
awk 'BEGIN { for (i = 2; i <= 50; i++) printf "{\"id\":\"typo%d\",\"title\":\"Nueral orchid\",\"abstract\":\"zebra\"}\n", i }' \
	>"$TMP/more.jsonl"
pdx_build "$TMP/rare.db" "$TMP/more.jsonl"
rare 'nueral' 'only 50 papers have "nueral"; did you mean: neural?'
echo '{"id":"typo51","title":"Nueral orchid","abstract":"zebra"}' >"$TMP/more.jsonl"
pdx_build "$TMP/rare.db" "$TMP/more.jsonl"
rare 'nueral' ''
# Parts the index knows that match no paper say so: a word in no paper's
# field it is restricted to (suggestions from that field only: "lamp" is
# in abstracts alone), a filter value no paper has (near values, else the
# most common ones; researchers as the profile suggests them). Not under
# an exclusion.
{
	echo '{"id":"w1","title":"Lantern garden","abstract":"Lamps.","venue":"NeurIPS","year":"2020","author_names":["Ada Lovelace"]}'
	echo '{"id":"w2","title":"Garden lantern","abstract":"Lamps.","venue":"NeurIPS","year":"2021","author_names":["Charles Babbage"]}'
	echo '{"id":"w3","title":"Lamb","abstract":"Wool.","venue":"ICML","year":"2021"}'
} >"$TMP/why.jsonl"
pdx_build "$TMP/why.db" "$TMP/why.jsonl"
why() {
	pdx_search -d "$TMP/why.db" -- "$1" >/dev/null 2>"$TMP/err"
	expect_eq "[$1] says why" "$2" "$(sed 's/^paperdex-search: //' "$TMP/err")"
}
why 'title:lamps' 'no paper has "lamps" in its title; did you mean: lamb?'
why 'abstract:garden' 'no paper has "garden" in its abstract'
why 'venue:neurip lantern' 'no paper matches venue:neurip; did you mean: neurips?'
why 'venue:nips' 'no paper matches venue:nips; the most common venues: neurips, icml'
why 'year:1999 OR year:2020' 'no paper matches year:1999; the most common years: 2021, 2020'
why 'category:LG' 'no paper matches category:LG; no paper in the index has a category'
why 'author:"Ada Lovelase"' 'no paper matches author:"Ada Lovelase"; did you mean: Ada Lovelace?'
# A full name no researcher has, whose words some have: matched by its
# words, and named only when nothing is found.
why 'author:"Ada Babbage"' 'no author is named "ada babbage"; did you mean: Charles Babbage?'
why 'lantern author:"Lovelace Ada"' ''
why 'lantern -venue:nips -title:lamps' ''
why "$(printf 'venue:ni\001ps')" 'no paper matches venue:ni ps; the most common venues: neurips, icml'
# A known word among unknown ones still finds its papers.
expect_eq "partly known" "lamp1 lamp2 lamp3" \
	"$(pdx_search -d "$TMP/sug.db" --format trec lamp lamq 2>/dev/null | awk '{ print $3 }' | sort | tr '\n' ' ' |
		sed 's/ $//')"
# Zero hits: exit 0; text says so on stdout, JSON and TREC print nothing
# there and say so on stderr.
expect_status "no match status" 0 pdx_search -d "$TMP/sug.db" -- '+lamp +lump' >"$TMP/out" 2>/dev/null
expect_eq "no match text" 'No papers match "+lamp +lump".' "$(cat "$TMP/out")"
for f in json trec; do
	expect_status "no match $f" 0 pdx_search -d "$TMP/sug.db" --format $f lamq >"$TMP/out" 2>"$TMP/err"
	expect_eq "no match $f stdout" "" "$(cat "$TMP/out")"
	expect_match "no match $f stderr" 'no papers match "lamq"' "$(cat "$TMP/err")"
done
# Quotes, backslashes and non-ASCII survive JSON (the indexer squashed the
# tab and the line separator into spaces).
got=$(pdx_search -d "$TMP/sug.db" --format json quote | jq -r .title)
expect_eq "json escaping" 'Quote " backslash \ tab line sep café 日本' "$got"

# --explain: each contribution's field parts add up to its tfn, and the
# contributions add up to the paper's score.
for q in 'needlet convolution' '"spherical CNN" needlet title:equivariance' 'pruning +attention -structured' \
	'graph (+neural +network) OR recommendation' 'knowledge distillation year:2023'; do
	pdx_search -d "$DB" -k 5 --explain -- "$q" >"$TMP/explain" 2>/dev/null || fail "[$q] --explain: exit status $?"
	awk -v q="$q" 'BEGIN { RS = ""; FS = "\n" }
	{
		score = $1
		sub(/.*\(/, "", score)
		sub(/\).*/, "", score)
		sum = 0
		terms = 0
		for (i = 2; i <= NF; i++) {
			if ($i !~ /^    [0-9]/)
				continue
			split($i, w, " ")
			sum += w[1]
			terms++
			parts = 0
			rest = $i
			while (match(rest, /-> [0-9.]+/)) {
				parts += substr(rest, RSTART + 3, RLENGTH - 3)
				rest = substr(rest, RSTART + RLENGTH)
			}
			tfn = $i
			sub(/.*tfn /, "", tfn)
			if (parts - tfn > 0.0002 * terms + 0.0002 || tfn - parts > 0.0002 * terms + 0.0002)
				{ print q ": field parts " parts " != tfn " tfn; bad = 1 }
		}
		if (terms == 0 || sum - score > 0.0005 + 0.00005 * terms || score - sum > 0.0005 + 0.00005 * terms)
			{ print q ": hit " NR ": contributions " sum " (" terms " terms) != score " score; bad = 1 }
		hits++
	}
	END { if (!hits) { print q ": no hits"; bad = 1 } exit bad }' "$TMP/explain" || fail "--explain does not add up"
done

# --threads and --parallel-min: bad values are usage errors; any thread
# count gives the one-thread answer.
for bad in "--threads 0" "--threads 65" "--threads two" "--parallel-min -5" "--parallel-min x"; do
	expect_status "$bad" 2 pdx_search -d "$DB" $bad needlet >/dev/null 2>"$TMP/err"
	grep -q "error: ${bad%% *} needs" "$TMP/err" || fail "$bad: $(cat "$TMP/err")"
done
# --scorer: an unknown evaluator is a usage error naming the four.
for bad in "--scorer wand" "--scorer"; do
	expect_status "$bad" 2 pdx_search -d "$DB" $bad needlet >/dev/null 2>"$TMP/err"
	grep -q "error: --scorer is auto, maxscore, taat or exhaustive" "$TMP/err" || fail "$bad: $(cat "$TMP/err")"
done
pdx_search -d "$DB" -k 20 --threads 1 graph neural >"$TMP/one" || fail "--threads 1: exit status $?"
pdx_search -d "$DB" -k 20 --threads 4 --parallel-min 0 graph neural >"$TMP/four" || fail "--threads 4: exit status $?"
[ -s "$TMP/one" ] && cmp -s "$TMP/one" "$TMP/four" || fail "--threads 4 differs from --threads 1"
exit 0
