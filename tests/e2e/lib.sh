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
