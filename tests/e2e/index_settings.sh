# An index records its format version and its analyzer settings line; an
# index whose version or analyzer differs from the program's is refused by
# every command, searching and writing alike, with a message naming both
# and the way out (--rebuild), and is left unchanged; --rebuild replaces
# it. Files that are no index are refused without being touched. --stats
# prints its documented keys with values that agree with --check and the
# dump. The meta DB is edited with mdb_load (lmdb-utils).
. "$(dirname "$0")/lib.sh"
W=$TMP/w
mkdir -p "$W"
cd "$W" || exit 1
DB=$W/x.db
cp -r "$ROOT/corpus" profiles
pdx_build "$DB" profiles
pdx_dump "$DB" orig.dump
pdx_search -d "$DB" -k 5 --format trec needlet convolution >orig.search
[ -s orig.search ] || fail "the reference search finds nothing"
current=$(mdb_dump -n -p -s meta "$DB" | sed -n '/^ analyzer$/{n;s/^ //;p;}')
expect_match "analyzer line" '^paperdex-analyzer/' "$current"

# meta_put KEY VALUE: VALUE in mdb_load's text form (\xx for a byte).
meta_put() {
	printf '%s\n%s\n' "$1" "$2" | mdb_load -n -T -s meta "$DB" || fail "mdb_load $1"
}

# try WHAT DB MESSAGE PROG ARGS...: paperdex-PROG -d DB ARGS fails with
# exit 1, nothing on stdout and the one line "paperdex-PROG: error: DB:
# MESSAGE" on stderr.
try() {
	_what=$1 _db=$2 _msg=$3 _prog=$4
	shift 4
	"$PDX_BIN/paperdex-$_prog" -d "$_db" "$@" >"$TMP/out" 2>"$TMP/err"
	st=$?
	[ "$st" = 1 ] || fail "$_what: paperdex-$_prog $*: exit status $st, expected 1"
	expect_eq "$_what: paperdex-$_prog $*" "paperdex-$_prog: error: $_db: $_msg" "$(cat "$TMP/err")"
	[ -s "$TMP/out" ] && fail "$_what: paperdex-$_prog $* printed on stdout"
}

# refused WHAT MESSAGE: every command but --rebuild refuses the index.
refused() {
	try "$1" "$DB" "$2" search needlet
	try "$1" "$DB" "$2" index profiles
	try "$1" "$DB" "$2" index --delete pt-066cda09c5934604
	try "$1" "$DB" "$2" index --check
	try "$1" "$DB" "$2" index --stats
	try "$1" "$DB" "$2" index --dump-index
}

other='paperdex-analyzer/0 fold=lower stem=none'
meta_put analyzer "$other"
refused "other analyzer" "the index was analyzed with \"$other\" but this paperdex analyzes with \"$current\"; rebuild it with paperdex-index --rebuild"
meta_put analyzer "$current"
pdx_check "$DB"
pdx_dump "$DB" now.dump
expect_same_dump "refused writes changed nothing" orig.dump now.dump

meta_put version '\05\00\00\00'
refused "version 5" "index format version 5, this paperdex reads version 6; rebuild it with paperdex-index --rebuild"
meta_put version '\07\00\00\00'
refused "version 7" "index format version 7, this paperdex reads version 6; rebuild it with paperdex-index --rebuild"
meta_put version '\06\00'
refused "short version" "index format version 0, this paperdex reads version 6; rebuild it with paperdex-index --rebuild"
meta_put version '\06\00\00\00'
pdx_dump "$DB" now.dump
expect_same_dump "refused writes changed nothing" orig.dump now.dump

# The way out works: --rebuild of an index of another analyzer.
meta_put analyzer "$other"
pdx_build "$DB" --rebuild profiles
pdx_dump "$DB" now.dump
expect_same_dump "rebuilt" orig.dump now.dump
pdx_search -d "$DB" -k 5 --format trec needlet convolution >now.search
cmp -s orig.search now.search || fail "search after the rebuild differs"

# Files that are not an index: refused, untouched.
echo "not an index" >notes.db
msg="MDB_INVALID: File is not an LMDB file"
try "not an index" notes.db "$msg" search needlet
try "not an index" notes.db "$msg" index profiles
try "not an index" notes.db "not an index (not an LMDB file); --rebuild replaces only an index" index --rebuild profiles
try "not an index" notes.db "$msg" index --delete x
try "not an index" notes.db "$msg" index --check
expect_eq "notes.db untouched" "not an index" "$(cat notes.db)"
# No index, and an empty file (touch): nothing to read yet.
for db in missing.db empty.db; do
	[ "$db" = empty.db ] && : >empty.db
	pdx_search -d "$db" needlet >/dev/null 2>"$TMP/err"
	st=$?
	[ "$st" = 1 ] || fail "$db: search exit status $st"
	expect_match "$db: search" "^paperdex-search: error: no index at $db; build one with:" "$(cat "$TMP/err")"
	pdx_index -d "$db" --stats >/dev/null 2>"$TMP/err"
	st=$?
	[ "$st" = 1 ] || fail "$db: --stats exit status $st"
	expect_eq "$db: --stats" "paperdex-index: error: no index at $db; build one with: paperdex-index -d $db PATH..." "$(cat "$TMP/err")"
done
pdx_build empty.db profiles

# --stats: the documented keys, one "key: number" per line, agreeing with
# --check and the dump.
pdx_index -d "$DB" --stats >stats.txt || fail "--stats"
pdx_index -d "$DB" --check >check.txt || fail "--check"
for key in papers authors terms postings postings_bytes bits_per_posting positions_bytes docs_bytes \
	meta_postings used_bytes file_bytes; do
	grep -q "^$key: " stats.txt || fail "--stats has no $key"
done
bad=$(grep -vE '^[a-z_]+: [0-9]+(\.[0-9]+)?$' stats.txt)
[ -z "$bad" ] || fail "--stats lines not key: number: $bad"
stat_of() { sed -n "s/^$1: //p" stats.txt; }
expect_eq "--stats vs --check" "$(sed -n 's/^ok: \([0-9]*\) papers, \([0-9]*\) terms, \([0-9]*\) postings, \([0-9]*\) authors checked$/\1 \2 \3 \4/p' check.txt)" \
	"$(stat_of papers) $(stat_of terms) $(stat_of postings) $(stat_of authors)"
expect_eq "--stats papers" 110 "$(stat_of papers)"
expect_eq "bits_per_posting" "$(awk -v b="$(stat_of postings_bytes)" -v n="$(stat_of postings)" 'BEGIN { printf "%.2f", 8 * b / n }')" \
	"$(stat_of bits_per_posting)"
awk -v b="$(stat_of bits_per_posting)" 'BEGIN { exit !(b >= 4 && b <= 64) }' || fail "bits_per_posting $(stat_of bits_per_posting) is not sane"
[ "$(stat_of used_bytes)" -le "$(stat_of file_bytes)" ] || fail "used_bytes over file_bytes"
[ "$(stat_of docs_bytes)" -gt 100000 ] || fail "docs_bytes too small for 110 abstracts"
lens=$(sed -n 's/^stats papers=110 len=\([0-9]*\),\([0-9]*\) .*/\1 \2/p' orig.dump)
expect_eq "average lengths" "$(echo "$lens" | awk '{ printf "%.2f %.2f", $1 / 110, $2 / 110 }')" \
	"$(stat_of avg_title_length) $(stat_of avg_abstract_length)"
# An emptied index: zeros, and no division by zero.
pdx_index -q -d "$DB" --delete $(sed -n 's/^doc .* {"id":"\([^"]*\)".*/\1/p' orig.dump) 2>/dev/null || fail "delete all"
pdx_check "$DB"
pdx_index -d "$DB" --stats >stats.txt || fail "--stats of an empty index"
expect_eq "empty --stats" "0 0 0 0 0.00" \
	"$(stat_of papers) $(stat_of authors) $(stat_of terms) $(stat_of postings) $(stat_of bits_per_posting)"
