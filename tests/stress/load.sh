#!/bin/sh
# load.sh - many officers at once: LOAD_PROCS processes edit the same few
# projects for LOAD_SECONDS, then the journal, the audit log, the history
# and the current values must tell exactly the story the processes saw.
#
# Every worker loops: pick one of LOAD_PROJECTS and one of the own fields
# f1..f4 at random, set a value nobody else ever sets ("p<proc>-<n>") with
# `project edit`, and write "<exit> <project> <field> <value>" to its own
# log (the stderr of every failed edit goes to its own .err).  Exit 3 is a
# reported conflict and allowed; any other failure is an error.
#
# LOAD_EV_PROCS more workers read the record's version (the number of
# commits in `project history`: `project show` does not print it) and edit
# with --expect-version V: a success must be exactly commit V+1.
#
# LOAD_TUI_PROCS processes drive the full-screen desk in a pty (python3,
# pexpect and pyte through tests/tui/harness.py): open the project library,
# F7 on one of the shared projects, replace its summary (a field no CLI
# worker touches), F2; five saves a session, then Ctrl-Q y.
#
# Then:
#  - no worker saw an exit other than 0 or 3, and every exit 3 said why;
#  - every success is in the project's history (field and new value), and
#    the history holds nothing that no worker saw succeed;
#  - log entries (check) and audit rows grew by exactly the successes;
#  - per project and field the history is a chain (each old value is the
#    previous new value: no update lost), and the current value is the
#    last new value;
#  - each --expect-version success is the commit right after V;
#  - every desk session left with status 0;
#  - zsdesk check passes.
#
# Knobs: LOAD_PROCS (50), LOAD_SECONDS (60), LOAD_EV_PROCS (4),
# LOAD_TUI_PROCS (2; 0 without pexpect/pyte), LOAD_PROJECTS (ids of a
# 200-project demo), LOAD_GRACE (seconds the workers may take to stop, 60).
. "$TESTLIB"

PROCS=${LOAD_PROCS:-50}
DURATION=${LOAD_SECONDS:-60}
EV_PROCS=${LOAD_EV_PROCS:-4}
TUI_PROCS=${LOAD_TUI_PROCS:-2}
PROJECTS=${LOAD_PROJECTS:-"3 17 42 64 99 150 199 200"}
GRACE=${LOAD_GRACE:-60}
HERE=$(cd "$(dirname "$0")" && pwd)
TUI_DIR=${TUI_DIR:-$HERE/../tui}
DB=$ZSDESK_DB
W=$T/w
# A build next door may relink the binary while this runs: use a copy.
if head -c 4 "$ZSDESK" 2>/dev/null | grep -q 'ELF'; then
	mkdir -p "$T/bin" && cp "$ZSDESK" "$T/bin/zsdesk" && ZSDESK=$T/bin/zsdesk
fi
mkdir -p "$W"
pids=""

# Ends the workers: their process groups (a worker and its zsdesk child),
# TERM first so that a desk driver closes its desk, then KILL; and the
# desks themselves (each in its own session on its pty), by their pids.
kill_workers() {
	[ -n "$pids" ] || return 0
	for p in $pids; do
		kill -15 -"$p" 2>/dev/null
	done
	sleep 1
	for p in $pids; do
		kill -9 -"$p" 2>/dev/null
	done
	for f in "$W"/*.pid; do
		[ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
	done
	pids=""
}
sleeper=""
cleanup() {
	[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
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
	echo "1..0 # SKIP needs setsid to kill a worker with its children"
	exit 0
fi

# The L of "ok: N records, M projects, L log entries" from check.
log_entries() {
	"$ZSDESK" --db "$DB" check >"$T/check.out" 2>&1 || return 1
	sed -n 's/^ok: .* \([0-9][0-9]*\) log entries.*/\1/p' "$T/check.out"
}
# The rows of audit (without its header and the maintenance rows of check).
audit_rows() {
	"$ZSDESK" --db "$DB" --format tsv audit >"$T/audit.out" 2>"$T/audit.err" || return 1
	awk -F '\t' 'NR > 1 && $5 != "maintenance"' "$T/audit.out" | wc -l
}
# version ID: the number of commits in the project's history.
version() {
	"$ZSDESK" --db "$DB" --format tsv project history "$1" |
		awk -F '\t' 'NR > 1 && !seen[$1]++ { n++ } END { print n + 0 }'
}

# --- setting up ------------------------------------------------------------
expect_ok "a demo city with 200 projects" --db "$DB" demo --projects 200
# The desk applies the time rules when it opens: apply them now, so that
# no write but the workers' happens during the load.
expect_ok "tick applies the time rules before the load" --db "$DB" tick
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
	ok "the version is the number of commits in history: --expect-version V saves, V again exits 3"
else
	not_ok "the version is the number of commits in history (${bad# })"
fi
before_log=$(log_entries)
before_audit=$(audit_rows)
if [ -n "$before_log" ] && [ -n "$before_audit" ]; then
	ok "before the load: $before_log log entries, $before_audit audit rows"
else
	not_ok "check and audit work before the load"
	finish
	exit
fi

# --- the workers -----------------------------------------------------------
# worker.sh ID MODE PARENT: edits until $T/stop exists (or PARENT is gone).
cat >"$T/worker.sh" <<'EOF'
id=$1 mode=$2 parent=$3
set -- $PROJECTS
np=$#
out=$W/$id
r=$(((${id#?} * 7919 + $$ * 131) % 2147483648))
n=0
while [ ! -e "$T/stop" ] && kill -0 "$parent" 2>/dev/null; do
	r=$(((r * 1103515245 + 12345) % 2147483648))
	k=$(((r / 65536) % np + 1))
	eval "p=\${$k}"
	f=f$(((r / 16) % 4 + 1))
	n=$((n + 1))
	v=$id-$n
	if [ "$mode" = ev ]; then
		ver=$("$ZSDESK" --db "$DB" --format tsv project history "$p" 2>"$out.h" |
			awk -F '\t' 'NR > 1 && !seen[$1]++ { n++ } END { print n + 0 }')
		if [ -s "$out.h" ]; then
			echo "== history of $p" >>"$out.err"
			cat "$out.h" >>"$out.err"
		fi
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

# tui.py ID PROJECT DOWN: the desk in a pty; PROJECT is DOWN rows below the
# top of the library (newest first).  Logs "0|3|? PROJECT summary VALUE"
# for a save (saved, not saved, not known) and "STATUS tui N" per session.
cat >"$T/tui.py" <<'EOF'
import os, re, sys, time
sys.path.insert(0, os.environ["TUI_DIR"])
from harness import Desk, ctrl, goto_field

wid, project, down = sys.argv[1], sys.argv[2], int(sys.argv[3])
T, W = os.environ["T"], os.environ["W"]
home = os.path.join(T, "home-" + wid)
os.makedirs(home, exist_ok=True)
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
       "XDG_STATE_HOME": home, "XDG_CONFIG_HOME": home,
       "ZSDESK_NOW": os.environ["ZSDESK_NOW"],
       "ZSDESK_DATADIR": os.environ.get("ZSDESK_DATADIR", ""),
       "ZSDESK_LOCALEDIR": os.environ.get("ZSDESK_LOCALEDIR", ""),
       "TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
log = open(os.path.join(W, wid + ".log"), "a")
MSG = 22                       # the message row at 80x24
stop = os.path.join(T, "stop")
session = n = 0
parent = os.getppid()

def err(what, d):
    with open(os.path.join(W, wid + ".err"), "a") as e:
        e.write("== tui %s session %d: %s\n" % (wid, session, what))
        if d:
            e.write("\n".join(d.row(r) for r in range(24)) + "\n")

while not os.path.exists(stop) and os.getppid() == parent:
    session += 1
    d = None
    step = "start"
    pending = None
    try:
        d = Desk(["--db", os.environ["DB"], "--lang", "en"], env, rows=24, cols=80)
        with open(os.path.join(W, wid + ".pid"), "w") as f:
            f.write("%d\n" % d.pid)
        step = "home"
        if not d.wait_for("Project intake", 20):
            raise RuntimeError("no home screen")
        step = "library"
        d.send(ctrl("g"))
        d.wait_for("Go to:", 10)
        d.type("xmk")
        d.key("Enter")
        if not d.wait_for("Project library", 20, row=0):
            raise RuntimeError("no library")
        d.settle()
        for _ in range(down):
            d.key("Down")
        d.settle()
        for _ in range(5):
            if os.path.exists(stop) or os.getppid() != parent:
                break
            step = "form"
            d.key("F7")
            if not d.wait_for("Edit project", 20, row=0):
                raise RuntimeError("no edit form")
            step = "summary"
            if not goto_field(d, "Summary"):
                raise RuntimeError("no summary field")
            n += 1
            value = "%s-%d" % (wid, n)
            d.send(ctrl("a"))
            d.send(ctrl("k"))
            d.type(value)
            if not d.wait_for(lambda d: d.row(MSG).strip() == "" and value in d.text(), 10):
                raise RuntimeError("the message row is not clear before F2: %r" % d.row(MSG))
            step = "save"
            pending = value
            d.key("F2")
            if not d.wait_for(lambda d: d.row(MSG).strip() != "", 30):
                raise RuntimeError("F2 said nothing")
            m = d.row(MSG)
            if "Keep yours" in m:      # a same-field conflict: keep mine
                d.send(b"y")
                d.wait_for(lambda d: "Keep yours" not in d.row(MSG) and d.row(MSG).strip(), 30)
                m = d.row(MSG)
            if re.search(r"Saved: Project %s\." % project, m):
                if not d.wait_for("Project library", 10, row=0):
                    raise RuntimeError("saved, but the form stays")
                log.write("0 %s summary %s\n" % (project, value))
            elif "Saved" in m:
                raise RuntimeError("saved something else: %s" % m)
            else:                      # refused: leave the form, drop the draft
                log.write("3 %s summary %s\n" % (project, value))
                err("not saved: %s" % m.strip(), None)
                d.key("Esc")
                if d.wait_for("Leave this form", 5):
                    d.send(b"y")
                if not d.wait_for("Project library", 10, row=0):
                    raise RuntimeError("cannot leave the refused form")
            pending = None
            log.flush()
        step = "quit"
        d.send(ctrl("q"))
        if d.wait_for("Leave zsdesk", 10):
            d.send(b"y")
        st = d.zsdesk_status(20)
        log.write("%s tui %d\n" % (st if st is not None else "timeout", session))
    except Exception as e:
        if pending:
            log.write("? %s summary %s\n" % (project, pending))
        log.write("1 tui %d %s\n" % (session, step))
        err("%s: %s" % (step, e), d)
    finally:
        log.flush()
        if d:
            d.close()
open(os.path.join(W, wid + ".done"), "w").close()
EOF

export T W DB PROJECTS ZSDESK TUI_DIR
if [ "$TUI_PROCS" -gt 0 ] && ! (cd "$TUI_DIR" && python3 -c 'import harness') >/dev/null 2>&1; then
	echo "# no desk in a pty: $TUI_DIR/harness.py needs python3 with pexpect and pyte"
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
# Desk i edits the i-th highest of the shared projects (of ids up to 200).
i=1
for p in $(echo "$PROJECTS" | tr ' ' '\n' | sort -rn | head -n "$TUI_PROCS"); do
	[ "$p" -le 200 ] || continue
	setsid python3 "$T/tui.py" "t$i" "$p" $((200 - p)) </dev/null >"$W/t$i.out" 2>&1 &
	pids="$pids $!"
	i=$((i + 1)) all=$((all + 1))
done
echo "# $PROCS writers, $EV_PROCS --expect-version writers, $((i - 1)) desks in a pty; projects $PROJECTS; ${DURATION}s"

# (In the background: a signal to this script is handled at once.)
sleep "$DURATION" &
sleeper=$!
wait "$sleeper"
sleeper=""
: >"$T/stop"
stopped=$(date +%s)
deadline=$((stopped + GRACE))
# done_count: how many workers have stopped.
done_count() {
	dc=0
	for f in "$W"/*.done; do
		[ -e "$f" ] && dc=$((dc + 1))
	done
	echo "$dc"
}
while [ "$(done_count)" -lt "$all" ] && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 1
done
done_n=$(done_count)
if [ "$done_n" -eq "$all" ]; then
	ok "all $all workers stopped within $(($(date +%s) - stopped))s of being told"
else
	not_ok "all $all workers stopped within ${GRACE}s (only $done_n did)"
	ps -o pid,pgid,etime,args -g "$(echo $pids | tr ' ' ',')" 2>/dev/null | sed 's/^/#   /' | head -20
fi
kill_workers
wait

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
elapsed = float(sys.argv[7]) or 1.0
W = os.path.join(T, "w")
LABEL = {"f1": "f1", "f2": "f2", "f3": "f3", "f4": "f4", "summary": "Summary"}
tap = []

def check(cond, what, detail=()):
    tap.append((bool(cond), what, list(detail)[:15]))

# The workers' logs.
succ = {}              # value -> (project, field, worker, expected version or None)
unknown = {}           # value -> (project, field, worker): a desk save not known
codes = defaultdict(int)
offenders = defaultdict(list)
sessions, bad_sessions, tui_saves = 0, [], 0
attempts = ev_tries = 0
for path in sorted(glob.glob(os.path.join(W, "*.log"))):
    wid = os.path.basename(path)[:-4]
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) >= 3 and f[1] == "tui":
            sessions += 1
            if f[0] != "0":
                bad_sessions.append("%s session %s: %s" % (wid, f[2], " ".join(f[3:]) or "exit " + f[0]))
            continue
        if len(f) < 4:
            offenders[wid].append("torn log line %r" % line)
            continue
        attempts += 1
        rc, p, fld, v = f[:4]
        codes[rc] += 1
        if wid.startswith("v"):
            ev_tries += 1
        if rc == "0":
            succ[v] = (p, fld, wid, int(f[4]) if len(f) > 4 else None)
            tui_saves += fld == "summary"
        elif rc == "?":
            unknown[v] = (p, fld, wid)
        elif rc != "3":
            offenders[wid].append("exit %s on %s %s=%s" % (rc, p, fld, v))

# An exit 3 must say why on stderr ("zsdesk: ..."); any other stderr is an
# error.  The kinds of exit 3 are counted; the same-field conflicts are
# kept to check what they name.
unexplained, same_field = [], []
kinds = defaultdict(int)
for path in sorted(glob.glob(os.path.join(W, "*.err"))):
    wid = os.path.basename(path)[:-4]
    blocks = open(path, encoding="utf-8", errors="replace").read().split("== ")[1:]
    for b in blocks:
        head, _, body = b.partition("\n")
        lines = body.splitlines()
        h = head.split()
        if h[:1] != ["3"]:
            if wid.startswith("t"):
                kinds["desk: " + head.split(": ", 1)[-1][:60]] += 1
            else:
                offenders[wid].append("stderr: %s | %s" % (head, " / ".join(lines)[:300]))
            continue
        if not (lines and lines[-1].startswith("zsdesk: ")):
            unexplained.append("%s %s: %r" % (wid, head, body[:200]))
            continue
        last = lines[-1]
        warn = [l for l in lines if l.startswith("zsdesk: warning: ")]
        if warn:
            kinds["same field (%s)" % last] += 1
            for l in warn:
                same_field.append((wid, h[1], h[2], h[3], l[len("zsdesk: warning: "):]))
        elif "version" in last:
            kinds["--expect-version refused (the record is at version N, not M...)"] += 1
        elif wid.startswith("v"):
            kinds["--expect-version: " + last] += 1
        else:   # merged without a same-field clash, then lost the race again
            kinds["%s (no same-field clash: the merged save lost another race)" % last] += 1
for m, c in sorted(kinds.items(), key=lambda x: -x[1]):
    print("# exit 3: %6d x %s" % (c, m))

# The histories (seq, at, who, op, field, old, new, why) and current values.
hist, cur = {}, {}
for p in projects:
    rows = []
    try:
        lines = open(os.path.join(T, "hist." + p), encoding="utf-8").read().split("\n")
    except OSError:
        lines = []
    for l in lines[1:]:
        c = l.split("\t")
        if len(c) >= 8:
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

ours = lambda v: v[:1] in "pvt" and "-" in v
in_hist, dup = {}, []
for p, rows in hist.items():
    for seq, label, old, new in rows:
        if label in LABEL.values() and ours(new):
            if new in in_hist:
                dup.append("%s twice: %s and %s" % (new, in_hist[new], (p, label, seq)))
            in_hist[new] = (p, label, seq)
# A desk save whose outcome is unknown counts as saved when it is in history.
for v, (p, fld, w) in unknown.items():
    if v in in_hist:
        succ[v] = (p, fld, w, None)
n_succ = len(succ)

print("# %d attempts, exits: %s" % (attempts, ", ".join("%s=%d" % kv for kv in sorted(codes.items()))))
print("# %d successful edits in %.0fs: %.1f edits/s (%.1f attempts/s)" % (
    n_succ, elapsed, n_succ / elapsed, attempts / elapsed))
if sessions:
    print("# %d desk sessions, %d saves from the desk" % (sessions, tui_saves))

check(attempts > 0 and n_succ > 0, "the workers tried %d edits, %d saved" % (attempts, n_succ))
check(not offenders, "no worker saw an exit other than 0 or 3 (%d workers did)" % len(offenders),
      ["%s: %s" % (w, "; ".join(v[:3])) for w, v in sorted(offenders.items())])
check(not unexplained, "every exit 3 said why on stderr", unexplained)

missing = ["%s %s=%s (by %s)" % (p, f, v, w) for v, (p, f, w, _) in sorted(succ.items())
           if in_hist.get(v, (None, None))[:2] != (p, LABEL[f])]
check(not missing, "every successful edit is in its project's history (%d missing)" % len(missing),
      missing)
phantom = ["%s %s=%s at seq %d" % (p, f, v, s) for v, (p, f, s) in sorted(in_hist.items())
           if v not in succ]
check(not phantom, "the history holds no edit that its worker did not see succeed (%d)" % len(phantom),
      phantom)
check(not dup, "every value is in the history once", dup)
# "f1: yours X, now Y": X is the value tried, Y one saved to that field.
saved_to = defaultdict(set)
for p, rows in hist.items():
    for seq, label, old, new in rows:
        saved_to[(p, label)].add(new)
odd = []
for wid, p, fld, v, text in same_field:
    want = "%s: yours %s, now " % (LABEL[fld], v)
    if not text.startswith(want) or text[len(want):] not in saved_to[(p, LABEL[fld])]:
        odd.append("%s on %s %s=%s: %s" % (wid, p, fld, v, text))
check(not odd, "each of %d same-field conflicts names the field, the value tried and a value saved to it" % len(same_field), odd)
check(after_log - before_log == n_succ,
      "log entries grew by the successful edits: %d - %d = %d, %d edits" % (
          after_log, before_log, after_log - before_log, n_succ))
check(after_audit - before_audit == n_succ,
      "audit rows grew by the successful edits: %d - %d = %d, %d edits" % (
          after_audit, before_audit, after_audit - before_audit, n_succ))

# Per project and field, in history order: a chain, ending in the current value.
broken, wrong = [], []
for p, rows in hist.items():
    seqs = [r[0] for r in rows]
    if seqs != sorted(seqs):
        broken.append("the history of %s is not in seq order" % p)
    for fld, label in LABEL.items():
        chain = sorted((r for r in rows if r[1] == label), key=lambda r: r[0])
        if not chain:
            continue
        prev = chain[0][2]
        for seq, _, old, new in chain:
            if old != prev:
                broken.append("%s %s seq %d: old %r, but the value before was %r" % (p, fld, seq, old, prev))
            prev = new
        if cur[p].get(fld, "") != prev:
            wrong.append("%s %s is %r, the last edit in history set %r" % (p, fld, cur[p].get(fld, ""), prev))
        if any((pp, ff) == (p, fld) for pp, ff, _, _ in succ.values()) and prev not in succ:
            wrong.append("%s %s: the last value in history, %r, is no worker's success" % (p, fld, prev))
check(not broken, "each field's history is a chain: every old value is the previous new value", broken)
check(not wrong, "each field's value is the last successful edit in history order", wrong)

# --expect-version V: the save is the project's commit number V+1.
ev_bad, ev_n = [], 0
for v, (p, f, w, ver) in succ.items():
    if ver is None or v not in in_hist:
        continue
    ev_n += 1
    order = sorted(set(r[0] for r in hist[p]))
    k = order.index(in_hist[v][2]) + 1
    if k != ver + 1:
        ev_bad.append("%s %s=%s: expected version %d, but it is commit %d" % (p, f, v, ver, k))
if ev_tries:
    check(ev_n > 0 and not ev_bad,
          "each of %d --expect-version saves (of %d tries) is the commit right after the version read" % (ev_n, ev_tries),
          ev_bad)
if sessions:
    check(not bad_sessions and tui_saves > 0,
          "%d desk sessions in a pty saved %d times and left with status 0" % (sessions, tui_saves),
          bad_sessions)

for i, (good, what, detail) in enumerate(tap, 1):
    print("%s %d - %s" % ("ok" if good else "not ok", i, what))
    for d in detail:
        print("#   %s" % d)
EOF
python3 "$T/verify.py" "$T" "$PROJECTS" "$before_log" "$after_log" "$before_audit" "$after_audit" \
	"$((stopped - start))" >"$T/verify.out" 2>&1
# The python checks, numbered into this file's TAP.
rm -f "$T/out" "$T/err"
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok [0-9]* - }" ;;
	"not ok "*) not_ok "${line#not ok [0-9]* - }" ;;
	*) echo "$line" ;;
	esac
done <"$T/verify.out"
grep -q '^ok \|^not ok ' "$T/verify.out" || not_ok "the checks ran ($(tail -3 "$T/verify.out"))"
# What went wrong, for the record.
for f in "$W"/*.err; do
	[ -s "$f" ] || continue
	grep -v '^== 3 \|^zsdesk: \|: yours ' "$f" | head -5 | sed "s|^|# $(basename "$f"): |"
done | head -40
finish
