# Bad input never crashes or hangs paperdex-index: every case below gets a
# message naming the file (and line), costs only its record or file, and
# the exit status is non-zero only when nothing at all could be read. The
# files are made here, under $TMP.
. "$(dirname "$0")/lib.sh"
D=$TMP/in
mkdir -p "$D"

# run NAME STATUS ARGS...: --dump with a time limit; stdout and stderr
# land in $TMP/NAME.out and $TMP/NAME.err.
run() {
	name=$1 want=$2
	shift 2
	timeout 600 $WRAP "$PDX_BIN/paperdex-index" --dump "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	got=$?
	[ "$got" = 124 ] && fail "$name: timed out (a hang)"
	[ "$got" = "$want" ] || { cat "$TMP/$name.err" >&2; fail "$name: exit status $got, expected $want"; }
	err=$(cat "$TMP/$name.err")
	out=$(cat "$TMP/$name.out")
}
ids() { jq -r .id "$TMP/$1.out" | tr '\n' ' '; }

good='{"id":"g1","title":"A good record"}'

# Invalid UTF-8, in each format: that record goes, the others stay.
printf '%s\n{"id":"u2","title":"caf\351 au lait"}\n{"id":"u3","title":"fine"}\n' "$good" >"$D/utf8.jsonl"
run utf8_jsonl 0 "$D/utf8.jsonl"
expect_eq "utf8 jsonl ids" "g1 u3 " "$(ids utf8_jsonl)"
expect_match "utf8 jsonl message" "^paperdex-index: error: $D/utf8.jsonl:2: invalid UTF-8 at byte 24 \\(record skipped\\)\$" "$err"
expect_match "utf8 jsonl report" "utf8.jsonl: jsonl, 2 records, 0 warnings, 1 skipped" "$err"
printf '.I 1\n.T\nok\n.W\nok\n.I 2\n.T\nbad \300\257 overlong\n.W\nx\n.I 3\n.W\nok\n' >"$D/utf8.smart"
run utf8_smart 0 "$D/utf8.smart"
expect_eq "utf8 smart ids" "1 3 " "$(ids utf8_smart)"
expect_match "utf8 smart message" "utf8.smart:8: invalid UTF-8 at byte 5 in record 2 \\(record skipped\\)" "$err"
printf '<DOC>\n<DOCNO>1</DOCNO>\nok\n</DOC>\n<DOC>\n<DOCNO>2</DOCNO>\n\355\240\200 surrogate\n</DOC>\n' >"$D/utf8.trec"
run utf8_trec 0 "$D/utf8.trec"
expect_eq "utf8 trec ids" "1 " "$(ids utf8_trec)"
expect_match "utf8 trec message" "utf8.trec:7: invalid UTF-8 at byte 1 in <DOC> of line 5 \\(record skipped\\)" "$err"

# Binary files are refused as a whole, even when a format is forced.
cp "$PDX_BIN/paperdex-index" "$D/program.jsonl"
run binary 1 "$D/program.jsonl"
expect_match "binary" "^paperdex-index: error: $D/program.jsonl: binary file, not a corpus \\(file skipped\\)\$" "$err"
run binary_forced 1 --format jsonl "$D/program.jsonl"
expect_match "binary forced" "program.jsonl: binary file, not a corpus \\(file skipped\\)" "$err"
printf '.I 1\n.W\nstarts well\n\0\0\0\0 then NULs\n' >"$D/nul.smart"
run nul 1 "$D/nul.smart"
expect_match "NUL bytes" "nul.smart: binary file, not a corpus" "$err"

# Empty files, plain or compressed, and files with blank lines only.
: >"$D/empty.jsonl"
gzip -c "$D/empty.jsonl" >"$D/empty.jsonl.gz"
printf '\n  \n\n' >"$D/blank.jsonl"
run empty 1 "$D/empty.jsonl" "$D/empty.jsonl.gz" "$D/blank.jsonl"
expect_match "empty" "empty.jsonl: empty file \\(file skipped\\)" "$err"
expect_match "empty gz" "empty.jsonl.gz: empty file \\(file skipped\\)" "$err"
expect_match "blank" "blank.jsonl: unknown format" "$err"
expect_match "empty totals" "3 files, 0 records, 0 warnings, 0 skipped, 3 files unreadable" "$err"
run empty_forced 1 --format smart "$D/empty.jsonl"
expect_match "empty forced" "empty.jsonl: empty file" "$err"

# Truncated records: a JSON line cut in the middle, a SMART record without
# .W, an unterminated <DOC>.
printf '%s\n{"id":"t2","title":"cut in the mi\n{"id":"t3","title":"after"}\n' "$good" >"$D/cut.jsonl"
run cut_jsonl 0 "$D/cut.jsonl"
expect_eq "cut jsonl ids" "g1 t3 " "$(ids cut_jsonl)"
expect_match "cut jsonl" "cut.jsonl:2: JSON cut off at the end of the line" "$err"
printf '{"id":"t1","title":"open object","x":[1,\n' >>"$D/cut.jsonl"
run cut_jsonl2 0 "$D/cut.jsonl"
expect_match "cut jsonl object" "cut.jsonl:4: JSON object cut off at the end of the line \\(truncated record\\)" "$err"
printf '.I 1\n.T\nfirst\n.W\ntext\n.I 2\n.T\nsecond\n.W\ntext\n.I 3\n.T\ncut before its abstract\n.A\nroe,r.\n' >"$D/cut.smart"
run cut_smart 0 "$D/cut.smart"
expect_eq "cut smart ids" "1 2 " "$(ids cut_smart)"
expect_match "cut smart" "^paperdex-index: error: $D/cut.smart:11: record 3 has no .W field \\(truncated\\?\\) \\(record skipped\\)\$" "$err"
printf '<DOC>\n<DOCNO>1</DOCNO>\nfirst\n</DOC>\n<DOC>\n<DOCNO>2</DOCNO>\nno end\n<DOC>\n<DOCNO>3</DOCNO>\nthird\n</DOC>\n<DOC>\n<DOCNO>4</DOCNO>\ncut\n' >"$D/cut.trec"
run cut_trec 0 "$D/cut.trec"
expect_eq "cut trec ids" "1 3 " "$(ids cut_trec)"
expect_match "cut trec" "cut.trec:5: unterminated <DOC> \\(next <DOC> at line 8\\) \\(record skipped\\)" "$err"
expect_match "cut trec at end" "cut.trec:12: unterminated <DOC> \\(no </DOC> before the end of the file\\)" "$err"

# A truncated .gz: what was inflated is read, then one error for the rest.
i=0
while [ $i -lt 3000 ]; do
	printf '{"id":"z%d","title":"record number %d of a long compressed file","abstract":"%d %d %d"}\n' $i $i $((i * 7)) $((i * 13)) $((i * 31))
	i=$((i + 1))
done | gzip -c >"$D/whole.jsonl.gz"
size=$(wc -c <"$D/whole.jsonl.gz")
head -c $((size / 2)) "$D/whole.jsonl.gz" >"$D/half.jsonl.gz"
run gz_cut 0 "$D/half.jsonl.gz"
n=$(wc -l <"$TMP/gz_cut.out")
[ "$n" -gt 500 ] && [ "$n" -lt 3000 ] || fail "truncated gz: $n records"
expect_match "truncated gz" "half.jsonl.gz:[0-9]+: gzip data truncated: the rest of the file is lost \\(record skipped\\)" "$err"
head -c 30 "$D/whole.jsonl.gz" >"$D/stub.jsonl.gz"
run gz_stub 1 "$D/stub.jsonl.gz"
expect_match "gz stub" "stub.jsonl.gz: corrupt gzip data \\(file skipped\\)" "$err"

# A 50 MB line: skipped with its line number, without holding it all.
{
	echo "$good"
	printf '{"id":"huge","title":"'
	head -c 52428800 /dev/zero | tr '\0' a
	printf '"}\n'
	echo '{"id":"g2","title":"after the huge line"}'
} >"$D/huge.jsonl"
run huge 0 "$D/huge.jsonl"
expect_eq "huge ids" "g1 g2 " "$(ids huge)"
expect_match "huge" "^paperdex-index: error: $D/huge.jsonl:2: line longer than 16 MiB \\(record skipped\\)\$" "$err"
head -c 52428800 /dev/zero | tr '\0' b >"$D/oneline.txt"
run huge_alone 1 "$D/oneline.txt"
expect_match "huge unknown" "oneline.txt: unknown format" "$err"
{ printf '.I 1\n.W\n'; head -c 52428800 /dev/zero | tr '\0' c; printf '\n.I 2\n.W\nsmall\n'; } >"$D/huge.smart"
run huge_smart 0 "$D/huge.smart"
expect_eq "huge smart ids" "2 " "$(ids huge_smart)"
expect_match "huge smart" "huge.smart:3: line longer than 16 MiB in record 1 \\(record skipped\\)" "$err"
rm -f "$D/huge.jsonl" "$D/oneline.txt" "$D/huge.smart"

# Markup that could make a scanner quadratic: millions of "<" that never
# close a tag (a 12 MB line), and a comment that never ends for 8 MB.
{
	printf '<DOC>\n<DOCNO>m1</DOCNO>\n'
	head -c 6291456 /dev/zero | tr '\0' '<' | sed 's/<</<a b/g'
	printf '\n<!-- open comment\n'
	head -c 8388608 /dev/zero | tr '\0' x
	printf '\n--> closed\n</DOC>\n'
} >"$D/markup.trec"
run markup 0 "$D/markup.trec"
expect_eq "markup ids" "m1 " "$(ids markup)"
rm -f "$D/markup.trec"

# Unknown formats, forced formats that do not fit, paths that do not exist.
printf 'Just some notes.\nNothing a reader knows.\n' >"$D/notes.txt"
run unknown 1 "$D/notes.txt"
expect_match "unknown" "^paperdex-index: error: $D/notes.txt: unknown format \\(use --format to force one\\) \\(file skipped\\)\$" "$err"
run forced 1 --format trec "$D/notes.txt"
expect_match "forced trec" "notes.txt:1: text outside <DOC> ignored" "$err"
expect_match "forced trec report" "notes.txt: trec, 0 records" "$err"
run missing 1 "$D/no-such-file.jsonl"
expect_match "missing" "no-such-file.jsonl: No such file or directory \\(file skipped\\)" "$err"

# Hundreds of bad lines: the first hundred messages, then the counts.
i=0
while [ $i -lt 300 ]; do echo "{\"id\":\"n$i\"}"; i=$((i + 1)); done >"$D/noisy.jsonl"
echo "$good" >>"$D/noisy.jsonl"
run noisy 0 "$D/noisy.jsonl"
expect_eq "noisy messages" 101 "$(grep -c 'noisy.jsonl' "$TMP/noisy.err" | awk '{print $1 - 1}')"
expect_match "noisy cap" "more than 100 warnings and errors; the rest are counted, not shown" "$err"
expect_match "noisy report" "noisy.jsonl: jsonl, 1 records, 0 warnings, 300 skipped" "$err"

# A directory mixing all of it: every good record is read, each bad file
# is named once, and the run succeeds.
M=$TMP/mixed
mkdir -p "$M/sub"
cp "$D/utf8.jsonl" "$D/cut.smart" "$D/cut.trec" "$D/program.jsonl" "$D/empty.jsonl" \
	"$D/notes.txt" "$D/half.jsonl.gz" "$M/"
cp "$ROOT/tests/data/eval/cranfield/cran.all.1400" "$M/sub/"
run mixed 0 "$M"
expect_match "mixed totals" "^paperdex-index: 8 files, [0-9]+ records, 4 warnings, [0-9]+ skipped, 3 files unreadable\$" "$err"
expect_eq "mixed cranfield" 1400 "$(grep -c '"source":"[^"]*/sub/cran.all.1400"' "$TMP/mixed.out")"
expect_eq "mixed small files" "1 2 1 3 g1 u3 " \
	"$(jq -r 'select(.source | test("utf8.jsonl|cut.smart|cut.trec")) | .id' "$TMP/mixed.out" | tr '\n' ' ')"
for f in program.jsonl empty.jsonl notes.txt; do
	expect_eq "mixed $f named once" 1 "$(grep -c "$f" "$TMP/mixed.err")"
done
run all_bad 1 "$D/program.jsonl" "$D/empty.jsonl" "$D/notes.txt" "$D/stub.jsonl.gz"
expect_match "all bad" "4 files, 0 records, 0 warnings, 0 skipped, 4 files unreadable" "$err"
echo "bad_input: ok"
