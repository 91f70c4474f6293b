#!/bin/sh
# bench/sync.sh - times the sync stream on a demo city of N projects
# (default 20000) and writes bench/results/<date>-<host>-sync-<N>.md:
# a laptop copy edits E projects (default 1000) offline, then the time and
# size of its incremental bundle, of importing it in the city, and of a
# full bundle of the whole city for a new copy, and its import.
#
#   bench/sync.sh [N] [E]     uses ./build/zsdesk (./bootstrap build first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
edits=${2:-1000}
zs=${ZSDESK:-$top/build/zsdesk}
export ZSDESK_DATADIR="$top/forms" ZSDESK_NOW="2026-11-22T10:00+08:00" LC_ALL=C.UTF-8
w="$top/bench/work/sync-$n"
out="$top/bench/results/$(date +%Y-%m-%d)-$(hostname -s 2>/dev/null || echo host)-sync-$n.md"
rm -rf "$w"
mkdir -p "$w" "$top/bench/results"

# Seconds a command takes (one run: an import changes what the next sees).
secs() {
	python3 - "$@" <<'PY'
import subprocess, sys, time
s = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print("%.3f" % (time.perf_counter() - s))
sys.exit(r.returncode)
PY
}

"$zs" demo --db "$w/city" --projects "$n" >/dev/null
"$zs" --db "$w/city" node init >/dev/null
"$zs" --db "$w/city" backup "$w/lap" >/dev/null
"$zs" --db "$w/lap" node init --node 2 >/dev/null
"$zs" --db "$w/city" backup "$w/new" >/dev/null
"$zs" --db "$w/new" node init --node 3 >/dev/null
key() { "$zs" --db "$1" node show | sed -n 's/^key //p'; }
"$zs" --db "$w/city" node enroll 2 --key "$(key "$w/lap")" >/dev/null
"$zs" --db "$w/city" node enroll 3 --key "$(key "$w/new")" >/dev/null
"$zs" --db "$w/lap" node enroll 1 --key "$(key "$w/city")" >/dev/null
"$zs" --db "$w/new" node enroll 1 --key "$(key "$w/city")" >/dev/null
# The laptop tells the city what it holds (an empty exchange), so that
# the bundles below carry only what is new.
"$zs" --db "$w/lap" sync export --for 1 "$w/hello.zsb" >/dev/null
"$zs" --db "$w/city" sync import "$w/hello.zsb" >/dev/null

# E projects edited offline on the laptop, one command each.
"$zs" --db "$w/lap" project list --limit "$edits" --format tsv | sed 1d | cut -f1 >"$w/ids"
i=0
while read -r id; do
	i=$((i + 1))
	"$zs" --db "$w/lap" project edit "$id" --contact "联系人$i" >/dev/null
done <"$w/ids"

t_exp=$(secs "$zs" --db "$w/lap" sync export --for 1 "$w/inc.zsb")
b_inc=$(wc -c <"$w/inc.zsb")
t_imp=$(secs "$zs" --db "$w/city" sync import "$w/inc.zsb")
t_full=$(secs "$zs" --db "$w/city" sync export --for 3 "$w/full.zsb")
b_full=$(wc -c <"$w/full.zsb")
t_fimp=$(secs "$zs" --db "$w/new" sync import "$w/full.zsb")
"$zs" --db "$w/city" sync status --format tsv >"$w/status"
ops_full=$(awk -F'\t' 'NR > 1 { s += $2 } END { print s }' "$w/status")

{
	echo "# zsdesk sync on a demo city of $n projects"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -srm), $(nproc) cores (shared)"
	echo
	echo "| what | time (s) | bundle bytes | per operation |"
	echo "|---|---:|---:|---:|"
	echo "| incremental export, $edits projects edited | $t_exp | $b_inc | $((b_inc / edits)) B per edit |"
	echo "| its import in the city | $t_imp | | |"
	echo "| full export of the city ($ops_full operations) | $t_full | $b_full | $((b_full / ops_full)) B |"
	echo "| its import in a copy made from a backup (all held) | $t_fimp | | |"
} >"$out"
cat "$out"
