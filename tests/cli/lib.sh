# lib.sh - helpers for the command-line tests: each test drives the real
# zsdesk binary and prints TAP ("ok N - what"), counted by `make check`.
#
# Every script sources this file, runs commands with `run`, checks them
# with the expect_* functions and ends with `finish`.

set -u
: "${ZSDESK:?ZSDESK must name the zsdesk binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ZSDESK_DB="$T/db"
export ZSDESK_NOW="${ZSDESK_NOW:-2026-11-22T10:00+08:00}"
export LC_ALL="${TEST_LOCALE:-C.UTF-8}"
unset LANGUAGE ZSDESK_LANG
tap_n=0
tap_failed=0
status=0

# Records one passed check.
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

# Records one failed check and shows what the command printed.
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	sed 's/^/#   out: /' "$T/out" 2>/dev/null | head -20
	sed 's/^/#   err: /' "$T/err" 2>/dev/null | head -20
}

# Runs zsdesk with the arguments; output in $T/out and $T/err, exit code
# in $status.
run() {
	"$ZSDESK" "$@" >"$T/out" 2>"$T/err"
	status=$?
}

# expect_ok WHAT ARGS...: the command succeeds.
expect_ok() {
	what=$1
	shift
	run "$@"
	if [ "$status" -eq 0 ]; then ok "$what"; else not_ok "$what (exit $status)"; fi
}

# expect_fail CODE WHAT ARGS...: exits with CODE and says one line
# beginning "zsdesk: " on stderr.
expect_fail() {
	code=$1
	what=$2
	shift 2
	run "$@"
	if [ "$status" -eq "$code" ] && head -1 "$T/err" | grep -q '^zsdesk: '; then
		ok "$what"
	else
		not_ok "$what (exit $status, wanted $code)"
	fi
}

# expect_out PATTERN WHAT: the last command's stdout matches (grep -E).
expect_out() {
	if grep -Eq -- "$1" "$T/out"; then ok "$2"; else not_ok "$2 (no /$1/ in output)"; fi
}

# expect_no_out PATTERN WHAT: the last command's stdout does not match.
expect_no_out() {
	if grep -Eq -- "$1" "$T/out"; then not_ok "$2 (/$1/ in output)"; else ok "$2"; fi
}

# expect_err PATTERN WHAT: the last command's stderr matches (grep -E).
expect_err() {
	if grep -Eq -- "$1" "$T/err"; then ok "$2"; else not_ok "$2 (no /$1/ on stderr)"; fi
}

# expect_lines N WHAT: the last command printed N lines on stdout.
expect_lines() {
	got=$(wc -l <"$T/out")
	if [ "$got" -eq "$1" ]; then ok "$2"; else not_ok "$2 ($got lines, wanted $1)"; fi
}

# out_field N: field N of the first data line of TSV output.
out_field() {
	sed -n 2p "$T/out" | cut -f "$1"
}

# Prints the TAP plan and exits with the verdict.
finish() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
