# The README's examples run as written: every code block that follows an
# "<!-- example -->" line is a shell transcript ("$ command" lines, then the
# exact output), replayed here in a directory where `bin/` is the binaries
# under test, `corpus/` the seed pages (and `tests/` the test data) and
# demo.db their index, as after `make demo`.
. "$(dirname "$0")/lib.sh"

cd "$TMP"
ln -s "$ROOT/corpus" corpus
ln -s "$ROOT/tests" tests
mkdir bin
for b in paperdex-index paperdex-search; do
	printf '#!/bin/sh\nexec %s "%s/%s" "$@"\n' "$WRAP" "$PDX_BIN" "$b" > "bin/$b"
	chmod +x "bin/$b"
done
bin/paperdex-index -q -d demo.db --rebuild corpus/ 2>/dev/null || fail "indexing corpus/"

# Split the examples into numbered command and expected-output files.
awk -v dir="$TMP" '
	/^<!-- example -->$/ { armed = 1; next }
	armed && /^```/ { inblock = 1; armed = 0; next }
	inblock && /^```/ { inblock = 0; next }
	inblock && /^\$ / { n++; sub(/^\$ /, ""); print > (dir "/cmd." n); printf "" > (dir "/want." n); next }
	inblock && n { print >> (dir "/want." n) }
	END { print n > (dir "/count") }
' "$ROOT/README.md"
count=$(cat count)
[ "$count" -ge 8 ] || fail "README has only $count tested examples"
i=1
while [ "$i" -le "$count" ]; do
	cmd=$(cat "cmd.$i")
	sh -c "$cmd" > "got.$i" 2>/dev/null
	diff -u "want.$i" "got.$i" >&2 || fail "README example $i differs: $cmd"
	i=$((i + 1))
done
echo "$count README examples replayed"
