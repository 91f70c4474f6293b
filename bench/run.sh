#!/bin/sh
# bench/run.sh - times zsdesk on a demo city of N projects (default one
# million) and writes bench/results/<date>-<host>.md.
#
#   bench/run.sh [N]          uses ./build/zsdesk (./bootstrap build first)
#   ZSDESK=/path/zsdesk bench/run.sh 1000000
#
# Each operation is a whole command, as an officer or a script runs it,
# timed over several runs with hyperfine when present (else a shell loop),
# on a warm cache.  The database is kept in bench/work/ for reuse.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
zs=${ZSDESK:-$top/build/zsdesk}
export ZSDESK_DATADIR="$top/forms" ZSDESK_NOW="2026-11-22T10:00+08:00" LC_ALL=C.UTF-8
db="$top/bench/work/demo-$n"
out="$top/bench/results/$(date +%Y-%m-%d)-$(hostname -s 2>/dev/null || echo host)-$n.md"
mkdir -p "$top/bench/work" "$top/bench/results"

# Seconds (with fractions) a command takes, median of runs.
timeit() {
	runs=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine -N -w 2 -r "$runs" --export-json "$top/bench/work/h.json" "$*" >/dev/null 2>&1
		python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f" % (r["median"], r["stddev"] or 0))' "$top/bench/work/h.json"
	else
		python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
for _ in range(2):
    subprocess.run(cmd, stdout=subprocess.DEVNULL)
t = []
for _ in range(runs):
    s = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL); t.append(time.perf_counter() - s)
print("%.4f %.4f" % (statistics.median(t), statistics.pstdev(t)))
PY
	fi
}

if [ ! -f "$db/data.mdb" ]; then
	start=$(date +%s)
	"$zs" --db "$db" demo --projects "$n" >/dev/null
	build_s=$(( $(date +%s) - start ))
else
	build_s="(reused)"
fi
bytes=$(stat -c %s "$db/data.mdb")
used=$(mdb_stat -e "$db" | awk '/Number of pages used/ {u=$5} /Page size/ {p=$3} END {print u*p}')
free=$(mdb_stat -ef "$db" | awk '/Free pages/ {print $3}')
psize=$(mdb_stat -e "$db" | awk '/Page size/ {print $3}')
live=$((used - free * psize))

mid=$((n / 2))
[ "$mid" -ge 1 ] || mid=1
{
	echo "# zsdesk benchmark: $n projects"
	echo
	echo "Run on $(date -u +%Y-%m-%dT%H:%MZ) by bench/run.sh; zsdesk $("$zs" version | cut -d' ' -f2)."
	echo
	echo "## Machine"
	echo
	echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') ($(nproc) cores available)"
	echo "- Memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
	echo "- Kernel: $(uname -sr); $(. /etc/os-release && echo "$PRETTY_NAME")"
	echo "- Disk: $(df -h "$db" | awk 'NR==2 {print $1, $2}')"
	echo
	echo "## Store"
	echo
	echo "- demo build: ${build_s} s (including the compacting copy)"
	echo "- data.mdb: $bytes bytes; pages in use $live bytes = $((live / n)) bytes per project (indexes, journal and audit log included)"
	echo
	echo "## Commands (median of runs, warm cache, seconds)"
	echo
	echo "| operation | command | median | stddev |"
	echo "|---|---|---|---|"
	row() {
		label=$1
		runs=$2
		shift 2
		set -- "$zs" --db "$db" "$@"
		r=$(timeit "$runs" "$@")
		echo "| $label | \`zsdesk $(echo "$*" | sed "s#^$zs --db $db ##")\` | $(echo "$r" | cut -d' ' -f1) | $(echo "$r" | cut -d' ' -f2) |"
	}
	row "open (and read one district)" 20 district show 1
	row "show one project" 20 project show "$mid"
	row "list a page of a district" 20 project list --district haidian --limit 50
	row "list a page, two filters" 20 project list --district haidian --stage talks --limit 50
	row "search pinyin initials" 20 search bjrz --limit 50
	row "search full pinyin" 20 search beijing --limit 50
	row "search Chinese text" 20 search 睿智科技 --limit 50
	row "search credit code prefix" 20 search 9111010 --limit 50
	row "full scan (amount filter, no index)" 3 project list --min 99999亿 --limit 1
	row "a project's follow-up log" 20 followup list --project "$mid"
	row "an enterprise's follow-up log" 20 followup list --enterprise 1
	row "log a follow-up" 10 followup add --project "$mid" --type visit --summary 基准测试走访
	row "add one project" 10 project add --name 基准测试项目 --enterprise 1 --industry 集成电路 --investment 5000 --district haidian
	echo
	echo "Adding runs last and adds ~12 follow-ups and ~12 projects; the numbers above are for the store as built."
} >"$out"
cat "$out"
