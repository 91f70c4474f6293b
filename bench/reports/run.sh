#!/bin/sh
# bench/reports/run.sh - times the city office's reports on a demo city of
# N projects (default one million) beside sqlite3 answering the same
# questions over the same data, exported with the indexes it wants, and
# writes bench/reports/results/<date>-<host>-<N>.md.
#
#   bench/reports/run.sh [N]      uses ./build/zsdesk (./bootstrap build first)
#
# Every zsdesk figure is a whole command (start, open, compute, print), as
# an officer or a script runs it; every sqlite3 figure a whole sqlite3
# process on its file.  hyperfine, warm cache, median.  The demo database
# and the export are kept in bench/reports/work/ for reuse.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-1000000}
zs=${ZSDESK:-$top/build/zsdesk}
export ZSDESK_DATADIR="$top/forms" ZSDESK_NOW="2026-11-22T10:00+08:00" LC_ALL=C.UTF-8
work="$top/bench/reports/work"
db="$work/demo-$n"
tsv="$work/tsv-$n"
sq="$work/facts-$n.sqlite"
res="$top/bench/reports/results"
out="$res/$(date +%Y-%m-%d)-$(hostname -s 2>/dev/null || echo host)-$n.md"
mkdir -p "$work" "$res"
command -v hyperfine >/dev/null || { echo "bench/reports: hyperfine is needed" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench/reports: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }

[ -f "$db/data.mdb" ] || "$zs" --db "$db" demo --projects "$n" --profile jiaxing >/dev/null
if [ ! -f "$sq" ]; then
	python3 "$top/bench/reports/export.py" "$db" "$tsv"
	sqlite3 "$sq" <<SQL
CREATE TABLE districts(code TEXT, id INTEGER);
CREATE TABLE projects(id INTEGER PRIMARY KEY, district TEXT, stage TEXT, created_on TEXT,
	investment INTEGER, currency TEXT, planned_start TEXT, name TEXT);
CREATE TABLE stages(id INTEGER, n INTEGER, date TEXT, stage TEXT, district TEXT, recorded TEXT);
CREATE TABLE money(id INTEGER, date TEXT, measure TEXT, amount INTEGER, district TEXT,
	recorded TEXT);
.mode tabs
.import $tsv/districts.tsv districts
.import $tsv/projects.tsv projects
.import $tsv/stages.tsv stages
.import $tsv/money.tsv money
-- the indexes each question wants, covering
CREATE INDEX projects_ds ON projects(district, stage, investment);
CREATE INDEX projects_cd ON projects(created_on, id);
CREATE INDEX projects_clearing ON projects(stage, planned_start, id, district, name);
CREATE INDEX stages_cover ON stages(id, date, n, recorded, stage, district);
CREATE INDEX money_cover ON money(date, recorded, district, measure, amount);
ANALYZE;
SQL
fi

# The October bulletin as it stood at the end of October (as zsdesk does
# it: a stage or sum recorded in a later month than its own counts from
# the day it was recorded).
cat >"$work/bulletin.sql" <<'SQL'
WITH known AS (
  SELECT id, max(n) AS n FROM stages
  WHERE date <= '2026-10-31'
    AND (substr(recorded, 1, 7) <= substr(date, 1, 7) OR recorded <= '2026-10-31')
  GROUP BY id)
SELECT s.district, s.stage, count(*) FROM known k JOIN stages s ON s.id = k.id AND s.n = k.n
GROUP BY s.district, s.stage;
SELECT district, measure,
  sum(CASE WHEN date >= '2026-10-01' THEN amount ELSE 0 END),
  sum(amount)
FROM money
WHERE date BETWEEN '2026-01-01' AND '2026-10-31'
  AND (substr(recorded, 1, 7) <= substr(date, 1, 7) OR recorded <= '2026-10-31')
GROUP BY district, measure;
SELECT s.district, count(*) FROM projects p JOIN stages s ON s.id = p.id AND s.n = 0
WHERE p.created_on BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY s.district;
SQL
# Only today's state: a district x stage count-and-sum over every project
# (the lower bound of any as-of answer).
cat >"$work/groupby.sql" <<'SQL'
SELECT district, stage, count(*), sum(investment) FROM projects GROUP BY district, stage;
SQL

# The clearing list of today: signed, registered or funded projects
# planned to start six months ago or earlier - how many, and the first
# hundred, the longest late first (what `report clearing` prints).
cat >"$work/clearing.sql" <<'SQL'
SELECT count(*) FROM projects WHERE stage IN ('signed', 'registered', 'funded')
  AND planned_start <> '' AND planned_start <= '2026-05-22';
SELECT id, name, district, stage, planned_start FROM projects
WHERE stage IN ('signed', 'registered', 'funded') AND planned_start <> ''
  AND planned_start <= '2026-05-22'
ORDER BY planned_start, id LIMIT 100;
SQL

# median milliseconds of a command
ms() {
	hyperfine -N -w 3 -r "${RUNS:-15}" --export-json "$work/h.json" "$1" >/dev/null 2>&1
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"]*1000))' "$work/h.json"
}
# peak resident memory (KiB) of a command
rss() {
	/usr/bin/time -f %M sh -c "$1 >/dev/null" 2>&1 | tail -1
}

z="$zs --db $db"
{
	echo "# zsdesk reports beside sqlite3: $n projects"
	echo
	echo "Run on $(date -u +%Y-%m-%dT%H:%MZ) by bench/reports/run.sh on $(nproc) cores"
	echo "($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)); zsdesk $($zs version | cut -d' ' -f2),"
	echo "SQLite $(sqlite3 --version | cut -d' ' -f1).  Whole commands, warm cache, median of"
	echo "${RUNS:-15} runs (hyperfine).  Demo city of $($z profile show | sed -n "s/^name = //p" | head -1) at ZSDESK_NOW=2026-11-22."
	echo "Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)."
	echo
	echo "| question | zsdesk (ms) | sqlite3 (ms) |"
	echo "|---|---:|---:|"
	echo "| monthly bulletin, October, as it stood on 10-31 | $(ms "$z report bulletin --month 2026-10") | $(ms "sqlite3 $sq -init /dev/null .read\ $work/bulletin.sql") |"
	echo "| district x stage count and sum, today (sqlite3: one group-by, covering index) | $(ms "$z report bulletin") | $(ms "sqlite3 $sq -init /dev/null .read\ $work/groupby.sql") |"
	echo "| clearing list of today: its total and first 100 rows | $(ms "$z report clearing") | $(ms "sqlite3 $sq -init /dev/null .read\ $work/clearing.sql") |"
	for r in "bulletin --month 2026-10 --as-of 2026-11-22" "rates --quarter 2026-Q3" \
		"rates --month 2026-11" "evaluation --year 2026" "evaluation --half 2026-H1" \
		"clearing --month 2026-10" "clearing --limit 0" "escalation --month 2026-11" \
		"workload" "workload --month 2026-10" "credit --year 2026" "changes --month 2026-10" \
		"keyprojects --quarter 2026-Q4"; do
		echo "| report $r | $(ms "$z report $r") | |"
	done
	echo
	echo "Start of the desk to its home screen with every count (a pty at 80x24, from the"
	echo "start of the process to the screen holding the number of projects): median"
	echo "$(python3 - "$zs" "$db" "$n" <<'PY'
import os, re, statistics, sys, time
import pexpect
zs, db, n = sys.argv[1:4]
env = dict(os.environ, TERM="vt100", LANG="C.UTF-8", LC_ALL="C.UTF-8")  # vt100: no REP, digits come whole
times = []
for i in range(12):
    t0 = time.perf_counter()
    c = pexpect.spawn(zs, ["--db", db, "--lang", "en"], env=env, dimensions=(24, 80), timeout=20)
    c.expect(r"H%s[\r\x1b]" % n)  # the count, after a cursor move
    times.append(time.perf_counter() - t0)
    c.sendcontrol("q")
    if c.expect([r"\(y/n\)", pexpect.EOF, pexpect.TIMEOUT], timeout=2) == 0:
        c.send("y")
        c.expect(pexpect.EOF)
    c.close()
print("%.1f ms (of %d starts; the first two are not counted)" % (statistics.median(times[2:]) * 1000, len(times) - 2))
PY
)."
	echo
	if command -v node >/dev/null && command -v npm >/dev/null; then
		# DuckDB's in-memory column store, the bulletin's group-by timed
		# inside its own process (installed here, never at build or test).
		[ -d "$work/duckdb/node_modules/@duckdb/node-api" ] ||
			(mkdir -p "$work/duckdb" && cd "$work/duckdb" &&
				npm install --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1)
		duck=$(sed -n 's/.*"version": "\(.*\)".*/\1/p' \
			"$work/duckdb/node_modules/@duckdb/node-api/package.json" | head -1)
		echo "DuckDB (@duckdb/node-api $duck, node $(node --version)), the same district x stage"
		echo "count and sum over projects.tsv loaded into its in-memory column store, timed"
		echo "inside its own process: $(node "$top/bench/reports/duckdb.cjs" "$tsv" "$work/duckdb" "${RUNS:-15}")."
		echo
	fi
	echo "Peak resident memory of \`report bulletin --month 2026-10\`: $(rss "$z report bulletin --month 2026-10") KiB;"
	echo "of \`report clearing\`: $(rss "$z report clearing") KiB."
	echo
	echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "Database: $(du -h "$db/data.mdb" | cut -f1); counts kept for the reports: $(mdb_stat -s counts "$db" | sed -n 's/ *Entries: //p') keys."
	echo "sqlite3 file with its indexes: $(du -h "$sq" | cut -f1)."
} >"$out"
cat "$out"
