# Shared helpers for end-to-end scripts: sourced, never run.
# Each script runs the real binaries from $PDX_BIN on real files and exits
# non-zero on the first failed check, saying what was expected.
set -u
: "${PDX_BIN:?run through tests/run.sh}"
ROOT=${PDX_ROOT:-$(pwd)}
WRAP=${PDX_WRAP:-}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pdx-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export PAPERDEX_DB="$TMP/default.db"

pdx_index() { $WRAP "$PDX_BIN/paperdex-index" "$@"; }
pdx_search() { $WRAP "$PDX_BIN/paperdex-search" "$@"; }

fail() { echo "FAILED: $*" >&2; exit 1; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

# expect_match WHAT PATTERN TEXT  (grep -E pattern)
expect_match() {
	printf '%s\n' "$3" | grep -Eq -- "$2" || fail "$1: [$2] not found in: $(printf '%s' "$3" | head -c 2000)"
}

expect_no_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then fail "$1: [$2] unexpectedly found"; fi
}

# expect_golden NAME FILE: FILE's content must equal tests/golden/NAME.
# PDX_UPDATE_GOLDEN=1 rewrites the golden file instead (review the diff!).
expect_golden() {
	g="$ROOT/tests/golden/$1"
	if [ -n "${PDX_UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$(dirname "$g")"; cp "$2" "$g"; return 0
	fi
	[ -f "$g" ] || fail "golden file $g missing"
	diff -u "$g" "$2" >&2 || fail "output differs from golden $1"
}

# expect_status WHAT CODE command...
expect_status() {
	what=$1 want=$2; shift 2
	"$@"; got=$?
	[ "$got" = "$want" ] || fail "$what: exit status $got, expected $want"
}

# ---- index helpers --------------------------------------------------------

# pdx_check DB: --check must pass. Helper variables start with _ (shell
# functions share the script's variables).
pdx_check() {
	pdx_index -d "$1" --check >"$TMP/check.out" 2>"$TMP/check.err"
	_st=$?
	[ "$_st" = 0 ] || { cat "$TMP/check.out" "$TMP/check.err" >&2; fail "--check of $1: exit status $_st"; }
	grep -q '^ok: ' "$TMP/check.out" || fail "--check of $1 printed no ok line"
}

# pdx_build DB ARGS...: indexes ARGS into DB (quietly), then runs --check;
# either failing stops the test with the indexer's messages.
pdx_build() {
	_db=$1
	shift
	pdx_index -q -d "$_db" "$@" 2>"$TMP/build.err"
	_st=$?
	[ "$_st" = 0 ] || { cat "$TMP/build.err" >&2; fail "paperdex-index -d $_db $*: exit status $_st"; }
	pdx_check "$_db"
}

# pdx_dump DB FILE: the canonical dump of DB into FILE.
pdx_dump() {
	pdx_index -d "$1" --dump-index >"$2" 2>"$TMP/dump.err"
	_st=$?
	[ "$_st" = 0 ] || { cat "$TMP/dump.err" >&2; fail "--dump-index of $1: exit status $_st"; }
}

# expect_same_dump WHAT A B: two dump files must be identical.
expect_same_dump() {
	cmp -s "$2" "$3" && return 0
	diff -u "$2" "$3" | head -n 40 | cut -c 1-300 >&2
	fail "$1: $2 and $3 differ"
}

# pdx_gen N FIRST SEED [TAG [STEP [RARE]]]: N generated JSON Lines papers
# with ids gFIRST, gFIRST+STEP, ... Words are made of syllables ("kax",
# "nex", "tilux"...) so the analyzer keeps them: "kax" is in every title
# and abstract, "nex" in every abstract, "lox" in half the titles, the
# rest follows a skewed draw from a 6,000-word vocabulary. TAG is
# appended to every title (a changed version of the same papers); RARE
# adds that many words no other paper has to each abstract (many distinct
# terms: memory for the inverter). Authors come from a pool of 15,000
# names, so most have several papers. The same arguments give the same
# bytes with any POSIX awk (integer Park-Miller generator).
pdx_gen() {
	awk -v n="$1" -v first="$2" -v seed="$3" -v tag="${4:-}" -v step="${5:-1}" \
		-v rare="${6:-0}" '
	function rnd(m) { x = (x * 16807) % 2147483647; return x % m }
	function word(i,   s, k) {
		s = ""
		k = i
		do { s = s syl[k % 20]; k = int(k / 20) } while (k > 0)
		return s "x"
	}
	BEGIN {
		split("ka lo mi ne pu ra se ti vo wu ba de fi go hu ja ke lu mo ny", t, " ")
		for (i = 0; i < 20; i++)
			syl[i] = t[i + 1]
		x = seed % 2147483646 + 1
		for (i = 0; i < n; i++) {
			d = first + i * step
			title = word(0)
			if (rnd(2))
				title = title " " word(1)
			for (j = 0; j < 3; j++)
				title = title " " word(2 + rnd(400))
			abs = word(0) " " word(3)
			len = 8 + rnd(16)
			for (j = 0; j < len; j++) {
				r = rnd(1000)
				w = r < 300 ? 2 + rnd(20) : (r < 700 ? 2 + rnd(400) : 2 + rnd(6000))
				abs = abs " " word(w)
			}
			for (j = 0; j < rare; j++)
				abs = abs " q" word(d * rare + j)
			na = 1 + rnd(3)
			au = ""
			for (j = 0; j < na; j++)
				au = au (j ? "," : "") "\"Author" word(rnd(300)) " Lastname" rnd(50) "\""
			printf "{\"id\":\"g%d\",\"title\":\"%s%s\",\"abstract\":\"%s\",\"authors\":[%s],\"year\":%d}\n",
				d, title, tag, abs, au, 1990 + rnd(30)
		}
	}'
}

# pdx_blank_ids IDS FILE...: in each JSON Lines FILE, replaces the lines of
# the papers whose "id" is listed in the file IDS (one per line) by empty
# lines, so the other papers keep their line numbers: an index rebuilt
# from the result must equal one where those papers were deleted.
pdx_blank_ids() {
	_ids=$1
	shift
	for _f in "$@"; do
		awk 'NR == FNR { del["\"id\":\"" $0 "\""] = 1; next }
		     match($0, /"id":"[^"]*"/) && (substr($0, RSTART, RLENGTH) in del) { print ""; next }
		     { print }' "$_ids" "$_f" >"$_f.tmp" && mv "$_f.tmp" "$_f" || fail "pdx_blank_ids $_f"
	done
}
