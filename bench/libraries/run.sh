#!/bin/sh
# bench/libraries/run.sh - times the libraries' checks on N promotion
# events (default 20000, three years of a large city's events and more):
# importing them (each row's clash check inside the one transaction), one
# event added with its clash check, the list of every clash, a search.
#
#   bench/libraries/run.sh [N]      uses ./build/zsdesk
# Writes bench/libraries/results-<date>.txt.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-20000}
zs=${ZSDESK:-$top/build/zsdesk}
export ZSDESK_DATADIR="$top/forms" ZSDESK_NOW="2026-11-22T10:00+08:00" LC_ALL=C.UTF-8
work=$(mktemp -d "${TMPDIR:-/tmp}/zsdesk-bench-libs.XXXXXX")
trap 'rm -rf "$work"' EXIT
out="$top/bench/libraries/results-$(date +%Y-%m-%d).txt"
db="$work/db"
"$zs" --db "$db" init --profile beijing --single-user >/dev/null
python3 - "$n" "$work/events.csv" <<'PY'
import random, sys
random.seed(1)
n, path = int(sys.argv[1]), sys.argv[2]
regions = ["%s%d" % (r, i) for i, r in enumerate(["深圳", "上海", "杭州", "慕尼黑", "东京"] * 40)]
inds = ["集成电路", "医药健康", "智能网联汽车", "新一代信息技术", "人工智能"]
ds = ["haidian", "chaoyang", "dongcheng", "xicheng", "fengtai", "tongzhou", "shunyi", "daxing"]
with open(path, "w", encoding="utf-8") as f:
    f.write("活动名称,日期,目标地区,产业方向,主办区县,列入年度计划\n")
    for i in range(n):
        f.write("推介会%d,%04d-%02d-%02d,%s,%s,%s,是\n" % (
            i, random.choice([2025, 2026, 2027]), random.randint(1, 12), random.randint(1, 28),
            random.choice(regions), random.choice(inds), random.choice(ds)))
PY
secs() {
	python3 -c 'import subprocess, sys, time
t = time.time()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.2f" % (time.time() - t))' "$@"
}
{
	echo "zsdesk libraries, $n promotion events ($(uname -m), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
	echo "import $n events (one transaction, a clash check per row): $(secs "$zs" --db "$db" import events "$work/events.csv") s"
	echo "event add with its clash check: $(secs "$zs" --db "$db" event add --name 新活动 --date 2026-06-10 --region 深圳0 --industry 集成电路 --in-plan yes --district haidian --confirm) s"
	echo "event clashes (every pair, $("$zs" --db "$db" --format tsv event clashes 2>/dev/null | tail -n +2 | wc -l) pairs): $(secs "$zs" --db "$db" --format tsv event clashes) s"
	echo "event list --search tjh --limit 50: $(secs "$zs" --db "$db" event list --search tjh --limit 50) s"
	echo "export events as xlsx: $(secs "$zs" --db "$db" export events --output "$work/ev.xlsx") s"
} | tee "$out"
