# Incremental indexing ends where a rebuild does: after adds in batches,
# replacements (across runs and within one run), deletions, deletions
# followed by re-adds and authors losing their last paper, the canonical
# dump (--dump-index) equals that of an index built in one run from the
# final set of papers. The final set is the same files with the lines of
# replaced and deleted papers blanked (same paths and line numbers, so the
# stored records match too). Also: real collections re-added over
# themselves, emptied and refilled; a paper with more authors than are
# indexed. Every build is followed by --check.
. "$(dirname "$0")/lib.sh"
W=$TMP/w
E=$TMP/expected
mkdir -p "$W" "$E"
cd "$W" || exit 1

# ids FILE: the ids of a JSON Lines file, one per line.
ids() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$@"; }

# stage FILE...: copies FILES into an empty $E.
stage() {
	rm -rf "$E"
	mkdir -p "$E"
	cp "$@" "$E/"
}

# blank IDS FILE...: pdx_blank_ids on the staged copies.
blank() {
	ids_file=$1
	shift
	(cd "$E" && pdx_blank_ids "$ids_file" "$@") || exit 1
}

# expect_rebuilt WHAT DUMP FILES...: the staged FILES indexed in one run
# must dump as DUMP, both as a --rebuild and as a first run into an empty
# index.
expect_rebuilt() {
	what=$1 dump=$2
	shift 2
	(cd "$E" && pdx_build fresh.db --rebuild "$@" && pdx_build plain.db "$@") || exit 1
	pdx_dump "$E/fresh.db" "$E/fresh.dump"
	pdx_dump "$E/plain.db" "$E/plain.dump"
	expect_same_dump "$what (rebuild)" "$dump" "$E/fresh.dump"
	expect_same_dump "$what (one run)" "$dump" "$E/plain.dump"
}

pdx_gen 1500 1 1 >a.jsonl
pdx_gen 1500 1501 2 >b.jsonl
pdx_gen 1500 3001 3 >c.jsonl
# Hand-made papers: an author with one paper (Zed), one written two ways
# (Amy), arXiv-shaped metadata (categories, venue, date).
cat >special.jsonl <<'EOF'
{"id":"s1","title":"Spectral needlets on the sphere","abstract":"We study spectral needlets and their localization.","authors":["Zed Onlyone","Amy Twice"],"year":2020,"venue":"neurips"}
{"id":"s2","title":"Twice told tales of needlets","abstract":"Another paper on needlets.","authors":["AMY TWICE","Bob Many"],"year":2021}
{"id":"s3","title":"Many authors write many papers","abstract":"Bob writes a lot about graphs.","authors":["Bob Many"],"year":2019}
{"id":"2101.00001","title":"Graph neural networks for traffic","abstract":"Traffic forecasting with graphs and needlets.","authors":"Carl Arx, Dana Arx and Bob Many","categories":"cs.LG stat.ML","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"journal-ref":"J. Traffic 12 (2008)"}
EOF

# 1. Adds in three batches equal one run.
pdx_build inc.db a.jsonl
pdx_build inc.db b.jsonl
pdx_build inc.db c.jsonl special.jsonl
pdx_dump inc.db inc1.dump
expect_match "batches: papers" '^stats papers=4504 ' "$(head -n 1 inc1.dump)"
expect_match "batches: Zed" '^author zed onlyone papers=1 name=Zed Onlyone$' "$(cat inc1.dump)"
expect_match "batches: category" '^term "\\u0001ccs\.lg" df=1 ' "$(cat inc1.dump)"
stage a.jsonl b.jsonl c.jsonl special.jsonl
expect_rebuilt "batches" inc1.dump a.jsonl b.jsonl c.jsonl special.jsonl

# 2. Changed versions of 300 papers spread over the three batches (new
# title, abstract and authors), and of s1 without Zed, whose last paper
# it was: Zed leaves the author table and his metadata term goes.
pdx_gen 300 7 99 " revised" 15 >v2.jsonl
cat >special2.jsonl <<'EOF'
{"id":"s1","title":"Spectral needlets on the ball, revised","abstract":"We study needlets on the ball.","authors":["Amy Twice"],"year":2022}
EOF
pdx_build inc.db v2.jsonl special2.jsonl
expect_match "replace: summary" '301 papers added \(301 replaced\), 4504 papers indexed' "$(cat "$TMP/build.err")"
pdx_dump inc.db inc2.dump
expect_no_match "replace: Zed gone" 'zed onlyone' "$(cat inc2.dump)"
expect_match "replace: Amy" '^author amy twice papers=2 ' "$(cat inc2.dump)"
expect_eq "replace: search revised" "301" "$(pdx_search -d inc.db -k 1000 --format trec revised | wc -l | tr -d ' ')"
expect_eq "replace: Zed not found" "" "$(pdx_search -d inc.db --format trec 'author:"Zed Onlyone"')"
ids v2.jsonl special2.jsonl >replaced.ids
stage a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
blank "$W/replaced.ids" a.jsonl b.jsonl c.jsonl special.jsonl
expect_rebuilt "replace" inc2.dump a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
# The same replacements inside one run (the same id twice in one input)
# give the same index.
stage a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
expect_rebuilt "replace in one run" inc2.dump a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl

# 3. Deletions: the first and last docids, every 11th paper, a replaced
# paper, and the arXiv paper (Carl and Dana lose their only paper, the
# cs.LG category term its only posting).
{ echo g1; echo g4500; seq 5 11 4500 | sed 's/^/g/'; echo g22; echo 2101.00001; } | sort -u >del.ids
pdx_index -d inc.db --delete $(cat del.ids) 2>"$TMP/del.err" || { cat "$TMP/del.err" >&2; fail "delete: exit status"; }
expect_match "delete: summary" "inc.db: $(wc -l <del.ids | tr -d ' ') papers deleted, " "$(cat "$TMP/del.err")"
pdx_check inc.db
pdx_dump inc.db inc3.dump
expect_no_match "delete: Carl gone" 'carl arx' "$(cat inc3.dump)"
expect_no_match "delete: category gone" 'u0001ccs\.lg' "$(cat inc3.dump)"
expect_match "delete: Bob keeps two" '^author bob many papers=2 ' "$(cat inc3.dump)"
stage a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
blank "$W/replaced.ids" a.jsonl b.jsonl c.jsonl special.jsonl
blank "$W/del.ids" a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
expect_rebuilt "delete" inc3.dump a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl

# Deleting ids that are not there changes nothing; all missing is exit 1.
expect_status "delete missing" 1 pdx_index -d inc.db --delete nosuch1 nosuch2 2>"$TMP/miss.err"
expect_match "delete missing: warning" 'warning: no paper with id nosuch1' "$(cat "$TMP/miss.err")"
pdx_dump inc.db inc3b.dump
expect_same_dump "delete missing" inc3.dump inc3b.dump

# 4. Deleted papers come back: some as they were (the same lines of a.jsonl
# copied to back.jsonl), some as new versions, and Zed with a new paper.
grep -E '"id":"g(5|16|27|38|49)"' a.jsonl >back.jsonl
pdx_gen 100 60 5 " back" 11 >back2.jsonl
echo '{"id":"s4","title":"Zed returns","abstract":"A second life for needlets.","authors":["Zed Onlyone"],"year":2023}' >>back2.jsonl
pdx_build inc.db back.jsonl back2.jsonl
pdx_dump inc.db inc4.dump
expect_match "re-add: Zed back" '^author zed onlyone papers=1 ' "$(cat inc4.dump)"
ids back.jsonl back2.jsonl >back.ids
stage a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl back.jsonl back2.jsonl
blank "$W/replaced.ids" a.jsonl b.jsonl c.jsonl special.jsonl
blank "$W/del.ids" a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
blank "$W/back.ids" a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl special2.jsonl
expect_rebuilt "delete and re-add" inc4.dump a.jsonl b.jsonl c.jsonl special.jsonl v2.jsonl \
	special2.jsonl back.jsonl back2.jsonl

# 5. One input holding the same ids several times: the last version wins,
# whether the index is new, fresh or already holds an older version.
cat >dup.jsonl <<'EOF'
{"id":"d1","title":"First take on wavelets","abstract":"Version one.","authors":["Eve Dup","Fay Dup"]}
{"id":"d2","title":"Second paper","abstract":"Only once here, then again.","authors":["Eve Dup"]}
{"id":"d1","title":"Second take on wavelets","abstract":"Version two.","authors":["Fay Dup"]}
{"id":"d3","title":"Untouched","abstract":"Stays.","authors":["Gil Dup"]}
{"id":"d2","title":"Second paper again","abstract":"The last version of d2.","authors":["Hal Dup"]}
{"id":"d1","title":"Third take on wavelets","abstract":"Version three, final.","authors":["Eve Dup","Ivy Dup"]}
EOF
pdx_build dup.db dup.jsonl
pdx_dump dup.db dup1.dump
expect_match "dup: papers" '^stats papers=3 ' "$(head -n 1 dup1.dump)"
expect_no_match "dup: Fay gone" 'fay dup' "$(cat dup1.dump)"
expect_match "dup: last d1" '"id":"d1","title":"Third take on wavelets"' "$(cat dup1.dump)"
pdx_build dup.db dup.jsonl
pdx_dump dup.db dup2.dump
expect_same_dump "dup: again over itself" dup1.dump dup2.dump
pdx_build dupfresh.db --rebuild dup.jsonl
pdx_dump dupfresh.db dup3.dump
expect_same_dump "dup: --rebuild" dup1.dump dup3.dump
stage dup.jsonl
awk 'NR <= 3 { print ""; next } { print }' dup.jsonl >"$E/dup.jsonl"
expect_rebuilt "dup: vs the last versions" dup1.dump dup.jsonl

# 6. Real collections: indexing the same files again replaces every paper
# by itself; deleting every paper leaves an empty, consistent index; adding
# them back restores the first dump.
cp -r "$ROOT/corpus" profiles
cp "$ROOT/tests/data/eval/cranfield/cran.all.1400" "$ROOT/tests/data/eval/cisi/CISI.ALL" .
for src in profiles cran.all.1400 CISI.ALL; do
	db=real-$src.db
	pdx_build "$db" "$src"
	pdx_dump "$db" r1.dump
	pdx_build "$db" "$src"
	pdx_dump "$db" r2.dump
	expect_same_dump "$src: re-added over itself" r1.dump r2.dump
	sed -n 's/^doc .* {"id":"\([^"]*\)".*/\1/p' r1.dump >all.ids
	pdx_index -q -d "$db" --delete $(cat all.ids) 2>/dev/null || fail "$src: delete all"
	pdx_check "$db"
	pdx_dump "$db" r3.dump
	expect_eq "$src: empty after deleting all" "$(printf 'stats papers=0 len=0,0 postings=0 terms=0 authors=0\nfrequent')" "$(cat r3.dump)"
	pdx_build "$db" "$src"
	pdx_dump "$db" r4.dump
	expect_same_dump "$src: deleted and re-added" r1.dump r4.dump
done

# 7. A paper with more authors than are indexed (1,500; physics papers
# have thousands): the first 1,024 are its authors everywhere (metadata
# terms, author table, author list), so --check holds, and deleting it
# leaves the one other paper of an author past the cut as it was.
awk 'BEGIN {
	printf "{\"id\":\"big1\",\"title\":\"A large collaboration\",\"abstract\":\"Detector results.\",\"authors\":["
	for (i = 0; i < 1500; i++)
		printf "%s\"Person%s Surname%d\"", i ? "," : "", substr("abcdefghij", i % 10 + 1, 1), i
	print "]}"
	print "{\"id\":\"solo\",\"title\":\"Alone\",\"abstract\":\"By one author of the collaboration.\",\"authors\":[\"Persona Surname1400\"]}"
}' >many.jsonl
pdx_build many.db many.jsonl
expect_match "many authors" '^ok: 2 papers, .* 1025 authors checked$' "$(cat "$TMP/check.out")"
pdx_index -q -d many.db --delete big1 2>/dev/null || fail "delete big1"
pdx_check many.db
expect_match "many authors: after delete" '^ok: 1 papers, .* 1 authors checked$' "$(cat "$TMP/check.out")"
pdx_dump many.db many.dump
stage many.jsonl
awk 'NR == 1 { print ""; next } { print }' many.jsonl >"$E/many.jsonl"
expect_rebuilt "many authors" many.dump many.jsonl
