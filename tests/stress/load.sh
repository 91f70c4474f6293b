#!/bin/sh
# load.sh - many officers at once: LOAD_PROCS processes edit the same few
# projects for LOAD_SECONDS, then the journal, the audit log, the history
# and the current values must tell exactly the story the processes saw.
#
# Every worker loops: pick one of LOAD_PROJECTS and one of the own fields
# f1..f4 at random, set a value nobody else ever sets ("p<proc>-<n>") with
# `project edit`, and write "<exit> <project> <field> <value>" to its own
# log (stderr of every failed edit to its own .err).  Exit 3 is a reported
# conflict and allowed; any other failure is an error.
#
# LOAD_EV_PROCS more workers read the record's version (the number of
# commits in `project history`; `project show` does not print it) and
# edit with --expect-version: a success must be exactly the next commit.
#
# LOAD_TUI_PROCS processes open the full-screen desk in a pty (python3 with
# pexpect), go to the project library, page through it and leave, again
# and again while the writers work: each must leave with status 0.
#
# Then:
#  - no worker saw an exit other than 0 or 3, and every exit 3 said why;
#  - every success is in the project's history (field and new value), and
#    nothing is in the history that no worker saw succeed;
#  - log entries (check) and audit rows grew by exactly the successes;
#  - per project and field, the history is a chain (each old value is the
#    previous new value: no update lost), and the current value is the
#    last new value;
#  - each --expect-version success is commit number V+1 of its project;
#  - zsdesk check passes.
#
# Knobs: LOAD_PROCS (50), LOAD_SECONDS (60), LOAD_EV_PROCS (4),
# LOAD_TUI_PROCS (2; 0 without python3/pexpect), LOAD_PROJECTS (8 ids of a
# 200-project demo), LOAD_GRACE (seconds a worker may take to stop, 60).
. "$TESTLIB"

PROCS=${LOAD_PROCS:-50}
SECONDS_=${LOAD_SECONDS:-60}
EV_PROCS=${LOAD_EV_PROCS:-4}
TUI_PROCS=${LOAD_TUI_PROCS:-2}
PROJECTS=${LOAD_PROJECTS:-"3 17 42 64 99 128 150 199"}
GRACE=${LOAD_GRACE:-60}
DB=$ZSDESK_DB
W=$T/w
mkdir -p "$W"
pids=""

# Kills every worker's process group (the worker and its zsdesk child).
kill_workers() {
	for p in $pids; do
		kill -9 -"$p" 2>/dev/null
	done
}
cleanup() {
	kill_workers
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP the checks need python3"
	exit 0
fi
if ! command -v setsid >/dev/null 2>&1; then
	echo "1..0 # SKIP needs setsid to kill workers with their children"
	exit 0
fi

# check_out: the "ok: N records, M projects, L log entries" line of check.
log_entries() {
	"$ZSDESK" --db "$DB" check >"$T/check.out" 2>&1 || return 1
	sed -n 's/^ok: .* \([0-9][0-9]*\) log entries.*/\1/p' "$T/check.out"
}
audit_rows() {
	"$ZSDESK" --db "$DB" --format tsv audit >"$T/audit.out" 2>"$T/audit.err" || return 1
	echo $(($(wc -l <"$T/audit.out") - 1))
}
# version ID: the number of commits in the project's history.
version() {
	"$ZSDESK" --db "$DB" --format tsv project history "$1" |
		awk -F '\t' 'NR > 1 && !seen[$1]++ { n++ } END { print n + 0 }'
}

# --- setting up ------------------------------------------------------------
expect_ok "a demo city with 200 projects" --db "$DB" demo --projects 200
bad=""
for p in $PROJECTS; do
	v=$(version "$p")
	run --db "$DB" project edit "$p" --expect-version "$v" --set f1="warm-$p"
	[ "$status" -eq 0 ] || bad="$bad $p:edit=$status"
	run --db "$DB" project edit "$p" --expect-version "$v" --set f2="stale-$p"
	[ "$status" -eq 3 ] || bad="$bad $p:stale=$status"
	[ "$(version "$p")" -eq $((v + 1)) ] || bad="$bad $p:version"
done
if [ -z "$bad" ]; then
	ok "the version is the number of commits in history: --expect-version V saves, V again is refused with 3"
else
	not_ok "the version is the number of commits in history (${bad# })"
fi
before_log=$(log_entries)
before_audit=$(audit_rows)
if [ -n "$before_log" ] && [ -n "$before_audit" ]; then
	ok "before: $before_log log entries, $before_audit audit rows"
else
	not_ok "check and audit work before the load"
	finish
	exit
fi

# --- the workers -----------------------------------------------------------
# worker.sh ID MODE (plain | ev): edits until $T/stop exists.
cat >"$T/worker.sh" <<'EOF'
id=$1 mode=$2 parent=$3
set -- $PROJECTS
np=$#
out=$W/$id
r=$(( (id * 7919 + $$ * 131) % 2147483648 ))
n=0
while [ ! -e "$T/stop" ] && kill -0 "$parent" 2>/dev/null; do
	r=$(( (r * 1103515245 + 12345) % 2147483648 ))
	k=$(( (r / 65536) % np + 1 ))
	eval "p=\${$k}"
	f=f$(( (r / 16) % 4 + 1 ))
	n=$((n + 1))
	v=$id-$n
	if [ "$mode" = ev ]; then
		ver=$("$ZSDESK" --db "$DB" --format tsv project history "$p" 2>>"$out.err" |
			awk -F '\t' 'NR > 1 && !seen[$1]++ { n++ } END { print n + 0 }')
		"$ZSDESK" --db "$DB" project edit "$p" --expect-version "$ver" --set "$f=$v" \
			>/dev/null 2>"$out.e"
		rc=$?
		echo "$rc $p $f $v $ver" >>"$out.log"
	else
		"$ZSDESK" --db "$DB" project edit "$p" --set "$f=$v" >/dev/null 2>"$out.e"
		rc=$?
		echo "$rc $p $f $v" >>"$out.log"
	fi
	if [ "$rc" -ne 0 ]; then
		echo "== $rc $p $f $v" >>"$out.err"
		cat "$out.e" >>"$out.err"
	fi
done
: >"$out.done"
EOF

# tui.py ID: opens the desk, goes to the project library, pages, leaves.
cat >"$T/tui.py" <<'EOF'
import os, sys, time
try:
    import pexpect
except ImportError:
    for p in ("/usr/lib/python3/dist-packages",):
        sys.path.append(p)
    import pexpect
wid, T = sys.argv[1], os.environ["T"]
out = open(os.path.join(T, "w", wid + ".log"), "a")
env = dict(os.environ, TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8")
n = 0
while not os.path.exists(os.path.join(T, "stop")):
    n += 1
    what = "start"
    try:
        d = pexpect.spawn(os.environ["ZSDESK"], ["--db", os.environ["DB"], "--lang", "en"],
                          env=env, dimensions=(24, 80), timeout=20)
        what = "home"
        d.expect("Project intake")
        what = "library"
        d.send("\x07")          # Ctrl-G: the jump box
        time.sleep(0.2)
        d.send("xmk\r")
        d.expect("Project library")
        for _ in range(3):      # page down through the list
            d.send("\x1b[6~")
            time.sleep(0.2)
        what = "quit"
        d.send("\x11")          # Ctrl-Q asks
        d.expect(r"Leave zsdesk")
        d.send("y")
        d.expect(pexpect.EOF)
        d.close()
        st = d.exitstatus if d.exitstatus is not None else 128 + (d.signalstatus or 0)
        out.write("%d tui %d\n" % (st, n))
    except Exception as e:
        out.write("1 tui %d %s %s\n" % (n, what, type(e).__name__))
        with open(os.path.join(T, "w", wid + ".err"), "a") as err:
            err.write("== tui round %d failed at %s: %s\n%s\n" % (n, what, e,
                      getattr(d, "before", b"")[-400:]))
        try:
            d.close(force=True)
        except Exception:
            pass
    out.flush()
open(os.path.join(T, "w", wid + ".done"), "w").close()
EOF

export T W DB PROJECTS ZSDESK
if [ "$TUI_PROCS" -gt 0 ] && ! python3 -c 'import pexpect' 2>/dev/null &&
	! PYTHONPATH=/usr/lib/python3/dist-packages python3 -c 'import pexpect' 2>/dev/null; then
	echo "# no pexpect: no desk in a pty"
	TUI_PROCS=0
fi

all=0
start=$(date +%s)
i=1
while [ "$i" -le "$PROCS" ]; do
	setsid sh "$T/worker.sh" "p$i" plain $$ </dev/null &
	pids="$pids $!"
	i=$((i + 1)) all=$((all + 1))
done
i=1
while [ "$i" -le "$EV_PROCS" ]; do
	setsid sh "$T/worker.sh" "v$i" ev $$ </dev/null &
	pids="$pids $!"
	i=$((i + 1)) all=$((all + 1))
done
i=1
while [ "$i" -le "$TUI_PROCS" ]; do
	setsid python3 "$T/tui.py" "t$i" </dev/null &
	pids="$pids $!"
	i=$((i + 1)) all=$((all + 1))
done
echo "# $PROCS plain writers, $EV_PROCS --expect-version writers, $TUI_PROCS desks in a pty; projects $PROJECTS; ${SECONDS_}s"

sleep "$SECONDS_"
: >"$T/stop"
stopped=$(date +%s)
deadline=$((stopped + GRACE))
while [ "$(ls "$W" | grep -c '\.done$')" -lt "$all" ] && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 1
done
end=$(date +%s)
done_n=$(ls "$W" | grep -c '\.done$')
if [ "$done_n" -eq "$all" ]; then
	ok "all $all workers stopped within $((end - stopped))s of being told"
else
	not_ok "all $all workers stopped within ${GRACE}s (only $done_n did)"
	ps -o pid,pgid,etime,args -g "$(echo $pids | tr ' ' ',')" 2>/dev/null | sed 's/^/#   /' | head -20
fi
kill_workers
wait 2>/dev/null
pids=""

# --- after -----------------------------------------------------------------
if "$ZSDESK" --db "$DB" check >"$T/out" 2>"$T/err"; then
	ok "zsdesk check passes after the load"
else
	not_ok "zsdesk check passes after the load"
fi
after_log=$(log_entries)
after_audit=$(audit_rows)
for p in $PROJECTS; do
	"$ZSDESK" --db "$DB" --format tsv project history "$p" >"$T/hist.$p" 2>"$T/hist.$p.err" ||
		echo "# history of $p failed: $(cat "$T/hist.$p.err")"
	"$ZSDESK" --db "$DB" --format tsv project show "$p" >"$T/show.$p" 2>"$T/show.$p.err" ||
		echo "# show of $p failed: $(cat "$T/show.$p.err")"
done

cat >"$T/verify.py" <<'EOF'
import glob, os, sys
from collections import defaultdict

T, projects = sys.argv[1], sys.argv[2].split()
before_log, after_log, before_audit, after_audit = (int(x) if x else -1 for x in sys.argv[3:7])
elapsed = float(sys.argv[7])
W = os.path.join(T, "w")
tap = []

def check(cond, what, detail=()):
    tap.append((bool(cond), what, list(detail)[:15]))

# The workers' logs.
succ = {}              # value -> (project, field, worker, expected version or None)
codes = defaultdict(int)
offenders = defaultdict(list)
tui_rounds = tui_bad = 0
attempts = 0
for path in sorted(glob.glob(os.path.join(W, "*.log"))):
    wid = os.path.basename(path)[:-4]
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) >= 2 and f[1] == "tui":
            tui_rounds += 1
            if f[0] != "0":
                tui_bad += 1
                offenders[wid].append(line.strip())
            continue
        if len(f) < 4:
            offenders[wid].append("torn log line %r" % line)
            continue
        attempts += 1
        rc, p, fld, v = f[:4]
        codes[rc] += 1
        if rc == "0":
            succ[v] = (p, fld, wid, int(f[4]) if len(f) > 4 else None)
        elif rc != "3":
            offenders[wid].append("exit %s on %s %s=%s" % (rc, p, fld, v))

# Exit 3 must say why on stderr ("zsdesk: ..."); anything else is shown.
unexplained = []
for path in sorted(glob.glob(os.path.join(W, "*.err"))):
    wid = os.path.basename(path)[:-4]
    blocks = open(path, encoding="utf-8", errors="replace").read().split("== ")[1:]
    for b in blocks:
        head, _, body = b.partition("\n")
        if head.startswith("3 ") and not any(l.startswith("zsdesk: ") for l in body.splitlines()):
            unexplained.append("%s %s: %r" % (wid, head, body[:200]))
        elif not head.startswith("3 "):
            offenders[wid].append("stderr: %s | %s" % (head, body.strip()[:300]))

msgs = defaultdict(int)
for path in glob.glob(os.path.join(W, "*.err")):
    for l in open(path, encoding="utf-8", errors="replace"):
        if l.startswith("zsdesk: "):
            msgs[l.strip()[:110]] += 1
for m, c in sorted(msgs.items(), key=lambda x: -x[1])[:8]:
    print("# %6d x %s" % (c, m))

n_succ = sum(1 for _ in succ)
print("# %d attempts, exits: %s" % (attempts, ", ".join("%s=%d" % kv for kv in sorted(codes.items()))))
print("# %d successful edits in %.0fs: %.1f edits/s (%.1f attempts/s)" % (
    n_succ, elapsed, n_succ / elapsed if elapsed else 0, attempts / elapsed if elapsed else 0))
if tui_rounds:
    print("# %d desk sessions in a pty, %d failed" % (tui_rounds, tui_bad))

check(attempts > 0 and n_succ > 0, "the workers made %d edits, %d saved" % (attempts, n_succ))
check(not offenders, "no worker saw an exit other than 0 or 3 (%d workers with errors)" % len(offenders),
      ["%s: %s" % (w, "; ".join(v[:3])) for w, v in sorted(offenders.items())])
check(not unexplained, "every exit 3 said why on stderr", unexplained)

# The histories: rows seq, at, who, op, field, old, new, why.
hist = {}
cur = {}
for p in projects:
    rows = []
    try:
        lines = open(os.path.join(T, "hist." + p), encoding="utf-8").read().split("\n")
    except OSError:
        lines = []
    for l in lines[1:]:
        if not l:
            continue
        c = l.split("\t")
        if len(c) < 8:
            continue
        rows.append((int(c[0]), c[4], c[5], c[6]))
    hist[p] = rows
    cur[p] = {}
    try:
        for l in open(os.path.join(T, "show." + p), encoding="utf-8").read().split("\n")[1:]:
            c = l.split("\t")
            if len(c) >= 3:
                cur[p][c[0]] = c[2]
    except OSError:
        pass

fields = ("f1", "f2", "f3", "f4")
in_hist = {}     # value -> (project, field, seq)
dup = []
for p, rows in hist.items():
    for seq, fld, old, new in rows:
        if fld in fields and new != "" and not new.startswith(("warm-", "stale-")):
            if new in in_hist:
                dup.append("%s twice: %s and %s" % (new, in_hist[new], (p, fld, seq)))
            in_hist[new] = (p, fld, seq)

missing = ["%s %s=%s (by %s)" % (p, f, v, w) for v, (p, f, w, _) in sorted(succ.items())
           if in_hist.get(v, (None, None))[:2] != (p, f)]
check(not missing, "every successful edit is in its project's history (%d missing)" % len(missing),
      missing)
phantom = ["%s %s=%s at seq %d" % (p, f, v, s) for v, (p, f, s) in sorted(in_hist.items())
           if v not in succ]
check(not phantom, "the history holds no edit that its worker did not see succeed (%d)" % len(phantom),
      phantom)
check(not dup, "every value is in the history once", dup)

check(after_log - before_log == n_succ,
      "log entries grew by the successful edits: %d - %d = %d, %d edits" % (
          after_log, before_log, after_log - before_log, n_succ))
check(after_audit - before_audit == n_succ,
      "audit rows grew by the successful edits: %d - %d = %d, %d edits" % (
          after_audit, before_audit, after_audit - before_audit, n_succ))

# Chains and final values, per project and field, in history order.
broken, wrong = [], []
for p, rows in hist.items():
    seqs = [r[0] for r in rows]
    if seqs != sorted(seqs):
        broken.append("history of %s is not in seq order" % p)
    for fld in fields:
        chain = sorted((r for r in rows if r[1] == fld), key=lambda r: r[0])
        prev = ""
        for seq, _, old, new in chain:
            if old != prev:
                broken.append("%s %s seq %d: old %r but the value before was %r" % (p, fld, seq, old, prev))
            prev = new
        if cur[p].get(fld, "") != prev:
            wrong.append("%s %s is %r, the last edit in history set %r" % (p, fld, cur[p].get(fld, ""), prev))
        last_succ = [v for v, (pp, ff, _, _) in succ.items() if (pp, ff) == (p, fld)]
        if last_succ and prev not in last_succ:
            wrong.append("%s %s: last history value %r was not a success" % (p, fld, prev))
check(not broken, "each field's history is a chain: every old value is the previous new value", broken)
check(not wrong, "each field's value is the last successful edit in history order", wrong)

# --expect-version V: the commit is the project's commit number V+1.
ev_bad, ev_n = [], 0
for v, (p, f, w, ver) in succ.items():
    if ver is None or v not in in_hist:
        continue
    ev_n += 1
    order = sorted(set(r[0] for r in hist[p]))
    k = order.index(in_hist[v][2]) + 1
    if k != ver + 1:
        ev_bad.append("%s %s=%s expected version %d but is commit %d" % (p, f, v, ver, k))
ev_tries = sum(1 for path in glob.glob(os.path.join(W, "v*.log")) for _ in open(path))
check(not ev_bad, "each of %d --expect-version saves (of %d tries) is the next commit after the version read" % (ev_n, ev_tries), ev_bad)
if tui_rounds:
    check(tui_bad == 0, "%d desk sessions in a pty opened the library and left with status 0" % tui_rounds)

for i, (good, what, detail) in enumerate(tap, 1):
    print("%s %d - %s" % ("ok" if good else "not ok", i, what))
    for d in detail:
        print("#   %s" % d)
EOF
python3 "$T/verify.py" "$T" "$PROJECTS" "$before_log" "$after_log" "$before_audit" "$after_audit" \
	"$((stopped - start))" >"$T/verify.out" 2>&1
# Renumber the python checks into this file's TAP.
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok [0-9]* - }" ;;
	"not ok "*) T_OUT=1 tap_n=$((tap_n + 1)) tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - ${line#not ok [0-9]* - }" ;;
	*) echo "$line" ;;
	esac
done <"$T/verify.out"
grep -q '^ok \|^not ok ' "$T/verify.out" || not_ok "the verification ran ($(tail -3 "$T/verify.out"))"
finish
