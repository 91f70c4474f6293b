# run.sh - fuzz the parsers with libFuzzer for a bounded time (TAP).
#
# Builds every target tests/fuzz/fuzz-NAME.c with clang, the fuzzer and
# the address and undefined-behaviour sanitizers, then for each target:
# replays every file of tests/fuzz/corpus/NAME/ once, so that an input that
# once crashed stays fixed, and fuzzes from that corpus for FUZZ_SECONDS.
# One TAP line per target: "not ok" on any crash, leak, timeout or OOM,
# with the path of the input (kept after the run) and the sanitizer's
# first lines.  See tests/fuzz/README.
#
# Environment:
#   FUZZ_SECONDS        fuzzing time per target (default 8; 0 = replay only)
#   FUZZ_TARGETS        targets to run (default: all)
#   FUZZ_UPDATE_CORPUS  1: fuzz in the source corpus, keeping new inputs
#   FUZZ_ARTIFACTS      where crash inputs go (default: a new directory
#                       under $TMPDIR, removed when nothing crashed)
#   FUZZ_BUILD          keep the built targets in this directory
#   CC_FUZZ             the compiler (default clang)
#   CONFIG_H            the build's config.h (default: next to $ZSDESK, in
#                       the source tree, or a minimal one made here)
#
# The args target also links src/cli, src/core and src/store (and -llmdb):
# it reads whole command lines against the real command table.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# TAP helpers: those of tests/cli/lib.sh under `make check`, else the same here.
if [ -n "${TESTLIB:-}" ] && [ -r "$TESTLIB" ] && [ -n "${ZSDESK:-}" ]; then
	. "$TESTLIB"
else
	T=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-test.XXXXXX")
	trap 'rm -rf "$T"' EXIT
	tap_n=0
	tap_failed=0
	ok() {
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $1"
	}
	not_ok() {
		tap_n=$((tap_n + 1))
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $1"
		sed 's/^/#   out: /' "$T/out" 2>/dev/null | head -20
		sed 's/^/#   err: /' "$T/err" 2>/dev/null | head -20
	}
	finish() {
		echo "1..$tap_n"
		[ "$tap_failed" -eq 0 ]
	}
fi

targets=${FUZZ_TARGETS:-"codec form profile calendar text args op"}
seconds=${FUZZ_SECONDS:-8}
cc=${CC_FUZZ:-clang}
start=$(date +%s)

# Reports every target as failed with the same reason (nothing can run).
fail_all() {
	: >"$T/out"
	printf '%s\n' "$2" >"$T/err"
	for t in $targets; do
		not_ok "$t: $1"
	done
	finish
	exit
}

# ---- the compiler and the fuzzer runtime ----
if ! command -v "$cc" >/dev/null 2>&1; then
	fail_all "no $cc to build the fuzz targets: install the Debian packages clang and libclang-rt-14-dev" \
		"(or set CC_FUZZ to a clang with libFuzzer)"
fi
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-g -O1 -fno-omit-frame-pointer $san"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	>"$T/probe.c"
if ! "$cc" $cflags -fsanitize=fuzzer "$T/probe.c" -o "$T/probe" >"$T/out" 2>"$T/err"; then
	fail_all "$cc cannot build with -fsanitize=fuzzer,address,undefined: install the Debian package libclang-rt-14-dev (the compiler-rt runtime of clang 14)" \
		"$(head -5 "$T/err")"
fi

# ---- config.h: the build's, else a minimal one ----
conf=${CONFIG_H:-}
if [ -z "$conf" ]; then
	for c in "${ZSDESK:+$(dirname "$ZSDESK")/config.h}" "$top/config.h" "$top/build/config.h" \
		"$top/../build/config.h"; do
		if [ -n "$c" ] && [ -r "$c" ]; then
			conf=$c
			break
		fi
	done
fi
if [ -z "$conf" ]; then
	mkdir -p "$T/conf"
	cat >"$T/conf/config.h" <<'EOF'
/* Minimal config.h for the fuzz build (no configured build tree found). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define PACKAGE "zsdesk"
#define PACKAGE_VERSION "fuzz"
#define ENABLE_NLS 1
EOF
	conf="$T/conf/config.h"
fi

# ---- build: the sources under test once, then each target ----
b=${FUZZ_BUILD:-$T/build}
mkdir -p "$b/obj"
cppflags="-I$top/include -I$top/src/cli -I$top/src/core -I$(dirname "$conf") -include $conf \
-DLOCALEDIR=\"/tmp\" -DPKGDATADIR=\"/tmp\" -DSRCDIR=\"$top\" -DBUILDDIR=\"/tmp\" -DSHAREDDIR=\"/tmp\""
libs=$(pkg-config --libs libcbor 2>/dev/null || echo -lcbor)
sources=$(cd "$top" && echo src/store/codec.c src/base/*.c src/text/*.c src/core/forms.c \
	src/core/profile.c src/core/schema.c src/cli/cli.c)
: >"$T/build.log"
built=yes
objs=
for s in $sources; do
	o="$b/obj/$(echo "$s" | tr / _).o"
	objs="$objs $o"
	# Two compilers at a time.
	"$cc" $cflags -fsanitize=fuzzer-no-link $cppflags -c "$top/$s" -o "$o" >>"$T/build.log" 2>&1 &
	[ -n "${pending:-}" ] && { wait "$pending" || built=no; }
	pending=$!
done
wait "$pending" || built=no
for o in $objs; do [ -s "$o" ] || built=no; done
rm -f "$b/libfuzzsrc.a"
if [ "$built" = yes ] && ! ${AR:-ar} rcs "$b/libfuzzsrc.a" $objs >>"$T/build.log" 2>&1; then
	built=no
fi
if [ "$built" = no ]; then
	: >"$T/out"
	grep -E 'error|warning' "$T/build.log" | head -20 >"$T/err"
	for t in $targets; do
		not_ok "$t: the sources under test do not build with $cc"
	done
	finish
	exit
fi
# args reads whole command lines against the real command table, whose
# files call the core: it links the command line, the core and the store
# too (no database is opened).
build_failed=
case " $targets " in
*" args "* | *" op "*)
	args_objs=
	pending=
	exchange_cflags=$(pkg-config --cflags xlsxwriter libzip expat 2>/dev/null)
	args_sources=$(cd "$top" && ls src/cli/*.c src/core/*.c src/exchange/*.c src/store/env.c src/store/record.c src/store/index.c src/store/log.c src/store/verify.c src/store/maint.c src/store/guard.c src/store/sync.c src/store/counts.c |
		grep -v -e src/core/forms.c -e src/core/profile.c -e src/core/schema.c -e src/cli/cli.c)
	for s in $args_sources; do
		o="$b/obj/$(echo "$s" | tr / _).o"
		args_objs="$args_objs $o"
		# shellcheck disable=SC2086
		"$cc" $cflags -fsanitize=fuzzer-no-link $cppflags $exchange_cflags -c "$top/$s" -o "$o" \
			>>"$T/build-args.log" 2>&1 &
		[ -n "${pending:-}" ] && wait "$pending"
		pending=$!
	done
	wait "$pending"
	rm -f "$b/libfuzzargs.a"
	${AR:-ar} rcs "$b/libfuzzargs.a" $args_objs >>"$T/build-args.log" 2>&1 || build_failed=" args"
	;;
esac
args_libs="$(pkg-config --libs lmdb 2>/dev/null || echo -llmdb) $(pkg-config --libs xlsxwriter libzip expat 2>/dev/null || echo -lxlsxwriter -lzip -lexpat) $(pkg-config --libs libsodium libzstd 2>/dev/null || echo -lsodium -lzstd)"
for t in $targets; do
	extra=
	case $t in args | op) extra="$b/libfuzzargs.a" ;; esac
	# shellcheck disable=SC2086
	if ! "$cc" $cflags -fsanitize=fuzzer $cppflags "$here/fuzz-$t.c" -Wl,--start-group $extra \
		"$b/libfuzzsrc.a" -Wl,--end-group $libs ${extra:+$args_libs} -o "$b/fuzz-$t" \
		>>"$T/build-$t.log" 2>&1; then
		build_failed="$build_failed $t"
	fi
done

# ---- run ----
if [ -n "${FUZZ_ARTIFACTS:-}" ]; then
	art=$FUZZ_ARTIFACTS
	mkdir -p "$art"
	keep_art=yes
else
	art=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-fuzz-artifacts.XXXXXX")
	keep_art=no
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
opts="-timeout=5 -rss_limit_mb=1024 -print_final_stats=1"

# Writes the useful lines of a libFuzzer log to $T/err for not_ok: the
# sanitizer's error line, the first frames of its first stack, its summary.
excerpt() {
	: >"$T/out"
	awk '/^==[0-9]+==(ERROR|WARNING)|runtime error:|^fuzz-[a-z]+:|ERROR: libFuzzer|^ALARM|out-of-memory/ { print; inerr = 1; next }
	     inerr && /^ +#[0-9]+ / { if (!/fuzzer::|libc_start|in _start|in main |__sanitizer_print|raise|abort |pthread_kill/ && ++frames <= 8) print; next }
	     inerr && frames && /^$/ { inerr = 0 }
	     /^SUMMARY/ { print }' "$1" |
		sed 's/ (BuildId: [0-9a-f]*)//' | head -24 >"$T/err"
}

# What went wrong, in a few words, from a libFuzzer log.
what() {
	if grep -q 'LeakSanitizer: detected memory leaks' "$1"; then
		echo "memory leak"
	elif grep -q '^fuzz-[a-z]*: ' "$1"; then
		sed -n 's/^fuzz-[a-z]*: //p' "$1" | head -1 | cut -c1-120
	else
		sed -n 's/^SUMMARY: [A-Za-z]*Sanitizer: \([^ ]*\).*/\1/p; s/.*ERROR: libFuzzer: \([a-z-]*\).*/\1/p' "$1" |
			head -1
	fi
}

# Hex of the first bytes of a file, on one line.
hex() {
	od -An -tx1 -v "$1" | head -8 | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

crashes=0
fuzz_crashes=0
for t in $targets; do
	bin="$b/fuzz-$t"
	log="$T/$t.log"
	case " $build_failed " in
	*" $t "*)
		: >"$T/out"
		grep -E 'error' "$T/build-$t.log" | head -20 >"$T/err"
		not_ok "$t: fuzz-$t.c does not build"
		continue
		;;
	esac
	src="$here/corpus/$t"
	mkdir -p "$T/corpus"
	if [ "${FUZZ_UPDATE_CORPUS:-0}" = 1 ]; then
		corpus=$src
	else
		corpus="$T/corpus/$t"
		rm -rf "$corpus"
		mkdir -p "$corpus"
		[ -d "$src" ] && cp -R "$src/." "$corpus/"
	fi
	nfiles=$(find "$corpus" -type f | wc -l | tr -d ' ')

	# 1. Every corpus file once, old crash inputs included.
	"$bin" $opts -runs=0 -artifact_prefix="$T/replay-$t-" "$corpus" >"$log" 2>&1
	if [ $? -ne 0 ]; then
		# Find which files fail, one process each.
		bad=
		for f in "$corpus"/*; do
			[ -f "$f" ] || continue
			if ! "$bin" $opts -artifact_prefix="$T/replay-$t-" "$f" >"$T/one.log" 2>&1; then
				[ -z "$bad" ] && cp "$T/one.log" "$log"
				bad="$bad${bad:+;} $(basename "$f") ($(what "$T/one.log"))"
			fi
		done
		excerpt "$log"
		not_ok "$t: corpus replay fails in $src:${bad:- (no single file; see below)}"
		crashes=$((crashes + 1))
		continue
	fi
	if [ "$seconds" -eq 0 ]; then
		ok "$t: $nfiles corpus files replayed"
		continue
	fi

	# 2. Fuzz for a bounded time.
	"$bin" $opts -max_total_time="$seconds" -artifact_prefix="$art/$t-" "$corpus" >"$log" 2>&1
	rc=$?
	stats=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
	if [ $rc -ne 0 ] || [ -n "$input" ]; then
		excerpt "$log"
		if [ -n "$input" ] && [ -f "$input" ]; then
			echo "input (hex): $(hex "$input")" >>"$T/err"
		fi
		kind=$(what "$log")
		not_ok "$t: ${kind:-crash} while fuzzing ${seconds}s, input kept in ${input:-$art (no input written)}"
		crashes=$((crashes + 1))
		fuzz_crashes=$((fuzz_crashes + 1))
		keep_art=yes
	else
		ok "$t: $nfiles corpus files replayed, fuzzed ${seconds}s: ${stats:-?} runs, cov ${cov:-?}, ft ${ft:-?}"
	fi
done

if [ "$keep_art" = no ]; then
	rm -rf "$art"
elif [ "$fuzz_crashes" -gt 0 ]; then
	echo "# crash inputs: $art (add one to tests/fuzz/corpus/TARGET/ as crash-TARGET-N, see tests/fuzz/README)"
fi
echo "# fuzzing took $(($(date +%s) - start)) s"
finish
