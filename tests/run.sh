#!/bin/sh
# Runs every unit test binary and every end-to-end script; prints one summary
# line and exits non-zero when anything failed.
#   tests/run.sh BIN_DIR UNIT_DIR   (UNIT_DIR also holds the tools of tests/tools/)
# PDX_VALGRIND=1 runs everything under valgrind (memcheck, leaks are errors).
# PDX_ONLY=pattern runs only the tests whose name contains pattern.
BIN_DIR=$(cd "$1" && pwd)
UNIT_DIR=$(cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PDX_BIN="$BIN_DIR" PDX_ROOT="$ROOT" PDX_TOOLS="$UNIT_DIR"
# Dates without a year mean "this year": pin the clock so golden files hold.
export SOURCE_DATE_EPOCH=1795651200   # 2026-11-26
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
if [ -n "$PDX_VALGRIND" ]; then
	export PDX_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fi
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pdx-tests.XXXXXX")
pass=0 fail=0 failed=""
run_one() {  # name command...
	name=$1; shift
	case "$name" in *"$PDX_ONLY"*) ;; *) return ;; esac
	if "$@" >"$LOG_DIR/$(echo "$name" | tr / -).log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL $name (log: $LOG_DIR/$(echo "$name" | tr / -).log)" >&2
		tail -n 25 "$LOG_DIR/$(echo "$name" | tr / -).log" | sed 's/^/    /' >&2
	fi
}
for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	run_one "unit/$(basename "$t")" $PDX_WRAP "$t"
done
for t in "$ROOT"/tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	case "$(basename "$t")" in lib.sh) continue ;; esac
	run_one "e2e/$(basename "$t" .sh)" sh "$t"
done
if [ "$fail" -eq 0 ]; then
	echo "paperdex tests: $pass passed, 0 failed"
	rm -rf "$LOG_DIR"
	exit 0
fi
echo "paperdex tests: $pass passed, $fail failed:$failed"
exit 1
