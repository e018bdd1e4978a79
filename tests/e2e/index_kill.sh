# A writer killed with SIGKILL at any moment leaves the previous index
# intact and searchable: --check passes, --stats shows the previous paper
# count, the dump and the search results are those of before, and the next
# normal run works. Covered moments, for an add into an existing index and
# for a --rebuild:
#   - right after opening the index (the write transaction is open),
#   - in the middle of reading the input,
#   - during the final merge (input all read, nothing committed),
#   - inside the commit, with strace when available: after some data
#     pages were written, and after all of them but before the meta page
#     (fdatasync); for --rebuild also in a checkpoint commit of PATH.new
#     and before and between the two renames that publish it.
# The input comes through a FIFO so the test knows where the writer is.
# Also: a second writer while one is running fails cleanly, and readers go
# on meanwhile.
. "$(dirname "$0")/lib.sh"
W=$TMP/w
mkdir -p "$W"
cd "$W" || exit 1
DB=$W/base.db

pdx_gen 2000 1 1 >base.jsonl
pdx_gen 20000 100001 2 "" 1 2 >big.jsonl
pdx_gen 300 200001 3 >extra.jsonl
pdx_build "$DB" base.jsonl
pdx_dump "$DB" base.dump

searches() {
	pdx_search -d "$1" -k 20 --format trec kax tilux
	pdx_search -d "$1" -k 20 --format trec '"kax nex"' rahuvox
	pdx_search -d "$1" -k 20 --format trec 'author:"Authortifix Lastname26"'
	pdx_search -d "$1" -k 5 --format trec 'year:1995 nex'
}
searches "$DB" >base.search
[ "$(wc -l <base.search)" -ge 40 ] || fail "the reference searches find too little"

# intact WHAT: the index is exactly the one built from base.jsonl.
intact() {
	pdx_check "$DB"
	expect_match "$1: papers" '^papers: 2000$' "$(pdx_index -d "$DB" --stats)"
	pdx_dump "$DB" now.dump
	expect_same_dump "$1: content" base.dump now.dump
	searches "$DB" >now.search
	cmp -s base.search now.search || { diff base.search now.search >&2; fail "$1: searches differ"; }
}

# Waits (up to 20 s) until the shell command $1 succeeds.
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ "$n" -lt 2000 ] || fail "timed out waiting for: $1"
		sleep 0.01
	done
}

# rchar PID: bytes the process has read so far (0 when /proc says nothing).
rchar() { sed -n 's/^rchar: //p' "/proc/$1/io" 2>/dev/null || echo 0; }

# start ARGS...: a writer reading the FIFO in.jsonl; returns once it has
# opened the index and the FIFO. fd 3 is the test's end of the FIFO. No
# $WRAP: the test watches the writer's own /proc entry.
start() {
	rm -f in.jsonl
	mkfifo in.jsonl
	"$PDX_BIN/paperdex-index" -q -d "$DB" --format jsonl "$@" in.jsonl 2>"$TMP/writer.err" &
	pid=$!
	exec 3<>in.jsonl
	wait_for "ls -l /proc/$pid/fd 2>/dev/null | grep -q in.jsonl"
}

# feed N: writes the first N lines of big.jsonl and waits until the writer
# has read them.
feed() {
	head -n "$1" big.jsonl >&3
	bytes=$(head -n "$1" big.jsonl | wc -c)
	wait_for "[ \$(rchar $pid) -ge $bytes ]"
}

# killed WHAT: kill -9 the writer, which must still be running.
killed() {
	kill -9 "$pid" 2>/dev/null || fail "$1: the writer had already exited"
	wait "$pid"
	st=$?
	exec 3>&-
	[ "$st" = 137 ] || { cat "$TMP/writer.err" >&2; fail "$1: writer exit status $st, expected 137"; }
}

# calibrate MODE FLAGS...: a normal run of the add or rebuild through the
# FIFO, on a copy: its dump ($MODE.dump) and how long it takes from the end
# of the input ($MODE_ms; ASan and valgrind are slower).
calibrate() {
	mode=$1
	shift
	cp base.db "$mode.db"
	DB=$W/$mode.db
	start "$@"
	cat big.jsonl >&3
	wait_for "[ \$(rchar $pid) -ge $(wc -c <big.jsonl) ]"
	t0=$(date +%s%N)
	exec 3>&-
	wait "$pid" || { cat "$TMP/writer.err" >&2; fail "reference $mode failed"; }
	eval "${mode}_ms=$((($(date +%s%N) - t0) / 1000000))"
	pdx_check "$DB"
	pdx_dump "$DB" "$mode.dump"
	DB=$W/base.db
}
calibrate add
calibrate rebuild --rebuild
cp add.dump full.dump
echo "merge and commit of 20,000 papers: add $add_ms ms, rebuild $rebuild_ms ms"
cp base.db base0.db

for mode in add rebuild; do
	flag=
	[ "$mode" = rebuild ] && flag=--rebuild
	start $flag
	killed "$mode: just opened"
	intact "$mode: killed just after opening"

	start $flag
	feed 10000
	killed "$mode: mid-read"
	intact "$mode: killed mid-read"

	# A third of the way into the merge (the input is all read). Timing
	# only: a writer quicker than its calibration may have published
	# already, so the index is the old one or, whole, the new one.
	start $flag
	feed 20000
	exec 3>&-
	eval "ms=\$${mode}_ms"
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 3000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid"
	st=$?
	[ "$st" = 137 ] || [ "$st" = 0 ] || fail "$mode: in the merge: exit status $st"
	pdx_check "$DB"
	pdx_dump "$DB" now.dump
	if cmp -s base.dump now.dump; then
		echo "$mode: killed in the merge (exit $st): the old index"
		intact "$mode: killed in the merge"
	else
		expect_same_dump "$mode: killed in the merge, neither old nor new" "$mode.dump" now.dump
		echo "$mode: killed in the merge (exit $st): done already, the new index"
		rm -f "$DB-lock"
		cp base0.db "$DB"
	fi
done
[ -f "$DB.new" ] || fail "a killed rebuild leaves $DB.new behind"

# kill_at WHAT SYSCALLS WHEN ARGS...: runs paperdex-index ARGS under strace,
# which kills it on the WHEN-th call of one of SYSCALLS.
kill_at() {
	what=$1 calls=$2 when=$3
	shift 3
	before=$(stat -c %s "$DB")
	strace -f -o /dev/null -e trace="$calls" -e inject="$calls":signal=KILL:when="$when" \
		"$PDX_BIN/paperdex-index" -q -d "$DB" "$@" 2>"$TMP/writer.err"
	st=$?
	[ "$st" = 137 ] || { cat "$TMP/writer.err" >&2; fail "$what: exit status $st, expected 137"; }
	intact "$what"
}

if strace -o /dev/null true 2>/dev/null; then
	head -n 5000 big.jsonl >mid.jsonl
	kill_at "add: killed writing the commit's pages" writev 3 mid.jsonl
	# fdatasync: every page of the transaction is in the file, the meta
	# page that would make it the index is not.
	kill_at "add: killed before the meta page" fdatasync,fsync 1 mid.jsonl
	[ "$(stat -c %s "$DB")" -gt "$before" ] || fail "the killed commit wrote no pages"
	# PATH.new is committed whenever a quarter of --mem of pages changed
	# (4 MB at --mem 16; without fsync): the fifth batch of pages is well
	# inside the first of those commits.
	kill_at "rebuild: killed in a checkpoint commit" writev 5 --rebuild --mem 16 big.jsonl
	[ -f "$DB.new" ] || fail "no $DB.new after a rebuild killed while writing it"
	kill_at "rebuild: killed before publishing" rename,renameat,renameat2 1 --rebuild extra.jsonl
	kill_at "rebuild: killed between the renames" rename,renameat,renameat2 2 --rebuild extra.jsonl
else
	echo "SKIP: no usable strace, kills inside the commit not tested"
fi

# The stale base.db.new left by the killed rebuilds is harmless: a normal
# add works and leaves a correct index; a rebuild replaces the stale file
# and publishes.
[ -f "$DB.new" ] || fail "no stale $DB.new"
pdx_build "$DB" extra.jsonl
pdx_dump "$DB" extra.dump
pdx_build "$W/expected.db" base.jsonl extra.jsonl
pdx_dump "$W/expected.db" expected.dump
expect_same_dump "add after the kills" expected.dump extra.dump
# (full.dump got big.jsonl through the FIFO: its records name in.jsonl.)
rm -f in.jsonl
cp big.jsonl in.jsonl
pdx_build "$DB" --rebuild base.jsonl in.jsonl
[ -f "$DB.new" ] && fail "$DB.new still there after a rebuild"
[ -f "$DB.new-lock" ] && fail "$DB.new-lock still there after a rebuild"
pdx_dump "$DB" rebuilt.dump
expect_same_dump "rebuild after the kills" full.dump rebuilt.dump

# Two writers: while one runs, every other writing run is refused with a
# clear message and changes nothing; readers work meanwhile and see the
# index of before.
pdx_build "$DB" --rebuild base.jsonl
start
feed 100
for args in extra.jsonl "--rebuild extra.jsonl" "--delete g1"; do
	pdx_index -q -d "$DB" $args 2>"$TMP/second.err"
	st=$?
	[ "$st" = 1 ] || fail "second writer ($args): exit status $st, expected 1"
	expect_eq "second writer ($args)" "paperdex-index: error: $DB: another paperdex-index is writing $DB" \
		"$(cat "$TMP/second.err")"
done
pdx_check "$DB"
searches "$DB" >now.search
cmp -s base.search now.search || fail "searches during a write differ"
tail -n +101 big.jsonl >&3
exec 3>&-
wait "$pid" || { cat "$TMP/writer.err" >&2; fail "the first writer failed"; }
pdx_check "$DB"
pdx_dump "$DB" after.dump
expect_same_dump "first writer's result" full.dump after.dump
