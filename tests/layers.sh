#!/bin/sh
# layers.sh - keeps the house standing: each layer calls only the layers
# under it, read from the symbol graph of the built layer libraries (nm),
# not from what the sources include.
#
#   base < text < store < core < exchange < cli, desk < main
#
# and inside core, each file calls only files of a lower level:
#   policy (error, schema < profile < forms, tokens < rules, access)
#   < tables < session < search, scan < find < fields < save
#   < verbs (project, issue, assign, history, maintenance, followup),
#     savedfilter, sync-node, sync-heads < entry, sync-apply, sync-bundle,
#     sync-conflict
#   < home, tick, undo, bulk, print, sync-wire < demo, inbox
# Curses, <lmdb.h> and <iconv.h> are included only behind their doors.
# Speaks TAP.  Run from the build directory (make check does).
set -u
top=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
libs=${LAYER_LIBS:-.}
n=0
fails=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	fails=$((fails + 1))
	echo "not ok $n - $1"
	[ -s "$T/why" ] && sed 's/^/#   /' "$T/why" | head -40
	:
}

# The level of each core file (lower calls nothing higher or equal).
core_levels() {
	cat <<'LEVELS'
error 0
schema 0
profile 1
forms 2
tokens 2
rules 3
access 3
tables 4
session 5
search 6
find 7
fields 8
tally 8
tally-keys 7
save 9
project 10
issue 10
assign 10
history 10
maintenance 10
credit 10
followup 10
facts 10
entry 11
report 13
report-sums 11
report-bulletin 12
report-rates 12
report-evaluation 12
report-lists 12
home 12
tick 12
undo 12
bulk 12
savedfilter 10
print 12
demo 13
inbox 13
scan 6
sync-node 10
sync-heads 10
sync-bundle 11
sync-conflict 11
sync-apply 11
sync-wire 12
library 8
libverbs 10
conflicts-desk 12
may 12
issue-tally 5
search-bits 3
ft-tally 6
report-escalation 10
LEVELS
}

# Symbols: "file kind symbol" for every member of every layer library;
# kind is D (defined, text or data) or U (undefined).
symbols() {
	dir=${1:-$libs}
	for lib in base text store core exchange cli desk; do
		a="$dir/libzs$lib.a"
		[ -f "$a" ] || { echo "missing $a" >&2; return 1; }
		nm -A "$a" 2>/dev/null | awk -v lib="$lib" '
			{ split($1, p, ":"); obj = p[2]; sub(/^libzs[a-z]+_a-/, "", obj); sub(/\.o$/, "", obj)
			  t = $(NF - 1); s = $NF
			  if (t == "U") print lib, obj, "U", s
			  else if (t ~ /^[TDBRC]$/) print lib, obj, "D", s }'
	done
	if [ -f "$dir/src/zsdesk-main.o" ]; then
		nm "$dir/src/zsdesk-main.o" | awk '$1 == "U" { print "main", "main", "U", $2 }'
	fi
}

# Checks the graph in $1 (lines "lib obj kind symbol"); prints violations.
check_graph() {
	core_levels >"$T/levels"
	awk -v levels="$T/levels" '
		BEGIN {
			while ((getline l < levels) > 0) { split(l, f, " "); lv[f[1]] = f[2] }
			rank["base"] = 0; rank["text"] = 1; rank["store"] = 2; rank["core"] = 3
			rank["exchange"] = 4; rank["cli"] = 5; rank["desk"] = 5; rank["main"] = 6
		}
		$3 == "D" { deflib[$4] = $1; defobj[$4] = $2; next }
		$3 == "U" { use[++nu] = $0 }
		END {
			for (i = 1; i <= nu; i++) {
				split(use[i], u, " ")
				lib = u[1]; obj = u[2]; sym = u[4]
				if (!(sym in deflib)) continue      # the C library, LMDB, curses...
				to = deflib[sym]; toobj = defobj[sym]
				if (to == lib && lib != "core") continue
				if (lib == "main") continue         # main forks to the cli or the desk
				if (to == lib) {
					if (!(obj in lv)) { print "core/" obj ".c has no level in tests/layers.sh"; continue }
					if (!(toobj in lv)) { print "core/" toobj ".c has no level in tests/layers.sh"; continue }
					if (lv[toobj] >= lv[obj])
						print "core/" obj ".c (level " lv[obj] ") calls " sym " of core/" toobj ".c (level " lv[toobj] ")"
					continue
				}
				if (rank[to] >= rank[lib])
					print lib "/" obj ".c calls " sym " of " to "/" toobj ".c"
				else if (lib != "core" && to == "store" && (lib == "cli" || lib == "desk" || lib == "exchange"))
					print lib "/" obj ".c calls the store: " sym
				else if (lib == "text" && to != "base")
					print "text/" obj ".c calls " sym " of " to
			}
		}' "$1" | sort -u
}

if ! symbols >"$T/graph" 2>"$T/why"; then
	not_ok "the layer libraries are built"
	echo "1..$n"
	exit 1
fi
ok "the layer libraries are built"

check_graph "$T/graph" >"$T/why"
if [ -s "$T/why" ]; then not_ok "every layer calls only the layers under it"; else ok "every layer calls only the layers under it"; fi

# Doors: each system header behind its one folder.
door() {
	header=$1 allowed=$2
	grep -rlE "#[[:space:]]*include[[:space:]]*<($header)>" "$top/src" "$top/include" 2>/dev/null |
		sed "s|^$top/||" | grep -vE "^($allowed)" >"$T/why"
	if [ -s "$T/why" ]; then not_ok "<$header> only in $allowed"; else ok "<$header> only in $allowed"; fi
}
door 'n?curses(w)?\.h|ncursesw/curses\.h|term\.h' 'src/ui/'
door 'lmdb\.h' 'src/store/'
door 'iconv\.h' 'src/text/charset\.c'
door 'cbor\.h' 'src/store/'

# A test that cannot fail is a defect: plant violations in copies of the
# libraries and see each one caught.
plant() {
	what=$1 lib=$2 src=$3
	mkdir -p "$T/plant"
	cp "$libs"/libzs*.a "$T/plant/"
	printf '%s\n' "$src" >"$T/plant.c"
	if ! ${CC:-cc} -c -o "$T/plant/libzs${lib}_a-planted.o" "$T/plant.c" 2>"$T/why"; then
		not_ok "planted: $what (does not build)"
		return
	fi
	ar r "$T/plant/libzs$lib.a" "$T/plant/libzs${lib}_a-planted.o" 2>/dev/null
	symbols "$T/plant" >"$T/pgraph" 2>/dev/null
	check_graph "$T/pgraph" >"$T/why"
	if grep -q planted "$T/why"; then
		: >"$T/why"
		ok "planted: $what is caught"
	else
		grep planted "$T/why" >"$T/why2"; mv "$T/why2" "$T/why"
		not_ok "planted: $what is not caught"
	fi
	rm -rf "$T/plant"
}
plant "core calls the command line" core 'int cli_open(unsigned); int planted(void) { return cli_open(0); }'
plant "the desk calls the store" desk 'int store_read(void *, void **); int planted(void) { return store_read(0, 0); }'
plant "the command line calls the desk" cli 'int app_run(void *, const char *); int planted(void) { return app_run(0, 0); }'
plant "exchange calls the store" exchange 'int store_read(void *, void **); int planted(void) { return store_read(0, 0); }'
plant "exchange calls the command line" exchange 'int cli_open(unsigned); int planted(void) { return cli_open(0); }'
plant "text calls core" text 'int zs_tick(void *, void *); int planted(void) { return zs_tick(0, 0); }'
plant "a core file calls its own level" core 'int zs_save(void *, void *, void *, void *, void *, void *); int planted(void) { return zs_save(0, 0, 0, 0, 0, 0); }'

echo "1..$n"
[ "$fails" -eq 0 ]
