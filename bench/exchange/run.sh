#!/bin/sh
# bench/exchange/run.sh - times exports and imports on a demo city.
#
#   bench/exchange/run.sh DB [ZSDESK]
#
# DB is a demo city (zsdesk demo --db DB --projects 1000000 takes a few
# minutes: make it once, outside the source tree).  Prints one line per
# run - what, rows, wall seconds, user seconds, system seconds, bytes -
# and the machine, as committed in bench/exchange/results-*.txt.
set -eu
db=${1:?usage: bench/exchange/run.sh DB [ZSDESK]}
zs=${2:-$(cd "$(dirname "$0")/../.." && pwd)/build/zsdesk}
out=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
export ZSDESK_DB="$db"

echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# what                          rows      wall    user     sys        bytes"

# timed WHAT FILE ARGS...: runs zsdesk ARGS, reports the times and FILE's size.
timed() {
	what=$1 file=$2
	shift 2
	/usr/bin/time -f '%e %U %S' -o "$out/time" "$zs" "$@" >/dev/null 2>"$out/err" || true
	rows=$(case "$file" in *.xlsx) echo "-" ;; *) wc -l <"$file" ;; esac)
	printf '%-28s %9s %7s %7s %7s %12s  %s\n' "$what" "$rows" $(tail -1 "$out/time") "$(stat -c %s "$file")" \
		"$(grep -E 'added|to add' "$out/err" | sed 's/^zsdesk: //')"
}

timed "export projects csv" "$out/p.csv" export projects --output "$out/p.csv"
timed "export projects csv gb18030" "$out/g.csv" export projects --encoding gb18030 --output "$out/g.csv"
timed "export projects tsv" "$out/p.tsv" export projects --output "$out/p.tsv"
timed "export projects json" "$out/p.json" export projects --output "$out/p.json"
timed "export projects xlsx" "$out/p.xlsx" export projects --output "$out/p.xlsx"
timed "export enterprises csv" "$out/e.csv" export enterprises --output "$out/e.csv"

# Imports: the first 10,000 and 100,000 exported rows into a new demo
# city of one project (the same districts and officers), then the same
# file again (nothing changes).  Rows past 在谈 are refused (a new project
# starts as a lead or in talks), as an officer's would be.
head -n 10001 "$out/p.csv" >"$out/i10k.csv"
head -n 100001 "$out/p.csv" >"$out/i100k.csv"
for n in 10k 100k; do
	rm -rf "$out/new"
	"$zs" demo --db "$out/new" --projects 1 >/dev/null
	timed "import $n csv (new city)" "$out/i$n.csv" --db "$out/new" import projects "$out/i$n.csv" \
		--rejected "$out/rej.csv"
	timed "import $n csv again" "$out/i$n.csv" --db "$out/new" import projects "$out/i$n.csv" \
		--rejected "$out/rej.csv"
done
