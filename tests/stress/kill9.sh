#!/bin/sh
# kill9.sh - kill -9 at random moments, a stale reader, a full map.
#
# 1. KILL_ROUNDS rounds.  In most, a writer (a shell loop of `project edit`
#    and now and then `project add`, each with a value nobody else uses;
#    it logs "try ..." before and "saved ..."/"added ..." after every exit
#    0, one write(2) a line) and a reader (check, project list, audit in a
#    loop, each exit code logged) run on the shared database; every
#    KILL_DEMO_EVERY-th round is a `zsdesk demo` into a fresh database.
#    After a random 20-300 ms the process groups get kill -9 (the zsdesk
#    children too).  Then: the database opens, `zsdesk check` passes,
#    every value reported saved is in its project's history and every
#    project reported added is there; for a killed demo, check passes and
#    the projects are 1..N with none missing (killed before its init was
#    done: there is no database, and init makes one).  At the end, over all rounds:
#    every field's history is a chain ending in its current value, a write
#    nobody saw succeed is at most the one in flight at the kill, log
#    entries and projects grew by what was reported (plus at most those),
#    and no reader running beside the writer saw an error.
# 2. A process holding a read transaction (python3 with ctypes and
#    liblmdb; the zsdesk readers of part 1 too) is killed -9 while another
#    process keeps the environment open (so LMDB does not reset the lock
#    file): the slot stays behind, and the next zsdesk clears it
#    (mdb_reader_check), opens and writes.  Needs mdb_stat (lmdb-utils).
# 3. A database made with --map-size 1M is filled with projects until an
#    add exits 4: the message says the database is full, every project
#    added before is there unchanged, check passes, a further add still
#    exits 4, and after `zsdesk mapsize 8M` the add works.
#
# Knobs: KILL_ROUNDS (40), KILL_DEMO_EVERY (5), KILL_MIN_MS (20),
# KILL_MAX_MS (300).
. "$TESTLIB"

ROUNDS=${KILL_ROUNDS:-40}
DEMO_EVERY=${KILL_DEMO_EVERY:-5}
MIN_MS=${KILL_MIN_MS:-20}
MAX_MS=${KILL_MAX_MS:-300}
PROJECTS="5 6 7 8 9 10"
DB=$ZSDESK_DB
groups=""
keeper=""

# A build next door may relink the binary while this runs: use a copy.
if head -c 4 "$ZSDESK" 2>/dev/null | grep -q 'ELF'; then
	mkdir -p "$T/bin" && cp "$ZSDESK" "$T/bin/zsdesk" && ZSDESK=$T/bin/zsdesk
fi
export ZSDESK DB T PROJECTS

# alive PID: the process exists and is not a zombie.
alive() {
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in Z*) return 1 ;; esac
	return 0
}
# group_gone PGID: waits up to 10 s until no live process is in the group.
group_gone() {
	i=0
	while [ "$i" -lt 100 ]; do
		ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z' || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
kill_all() {
	for g in $groups; do
		kill -9 -"$g" 2>/dev/null
	done
	groups=""
	[ -n "$keeper" ] && kill -9 -"$keeper" 2>/dev/null
	keeper=""
}
cleanup() {
	kill_all
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if ! command -v setsid >/dev/null 2>&1; then
	echo "1..0 # SKIP needs setsid to kill a writer with its children"
	exit 0
fi
have_py=false
command -v python3 >/dev/null 2>&1 && have_py=true

# A cheap random number generator: rnd sets $rnd (0..32767).
seed=$(($$ % 32768 + 1))
rnd() {
	seed=$(((seed * 1103515245 + 12345) % 2147483648))
	rnd=$((seed / 65536))
}

# The stale readers: pids of reader slots in the lock file whose process
# is gone (mdb_stat -r).
stale_readers() {
	mdb_stat -r "$1" 2>/dev/null | awk 'NF == 3 && $1 ~ /^[0-9]+$/ { print $1 }' |
		while read -r pid; do
			alive "$pid" || echo "$pid"
		done
}
have_mdb_stat=false
command -v mdb_stat >/dev/null 2>&1 && have_mdb_stat=true

# lmdb.py keep|hold DIR SECONDS: opens the environment read-only (and
# with hold, a read transaction), says so on stdout, sleeps.
cat >"$T/lmdb.py" <<'EOF'
import ctypes, ctypes.util, os, sys, time
mode, path, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
name = ctypes.util.find_library("lmdb") or "liblmdb.so.0"
lib = ctypes.CDLL(name)
env, txn = ctypes.c_void_p(), ctypes.c_void_p()
MDB_RDONLY, MDB_NOTLS = 0x20000, 0x200000
assert lib.mdb_env_create(ctypes.byref(env)) == 0
lib.mdb_env_set_maxreaders(env, 1024)
lib.mdb_env_set_maxdbs(env, 4096)
rc = lib.mdb_env_open(env, path.encode(), MDB_RDONLY | MDB_NOTLS, 0o664)
if rc:
    sys.exit("mdb_env_open: %d" % rc)
if mode == "hold":
    rc = lib.mdb_txn_begin(env, None, MDB_RDONLY, ctypes.byref(txn))
    if rc:
        sys.exit("mdb_txn_begin: %d" % rc)
    lib.mdb_txn_id.restype = ctypes.c_size_t
    print("holding txn %d pid %d" % (lib.mdb_txn_id(txn), os.getpid()), flush=True)
else:
    print("keeping pid %d" % os.getpid(), flush=True)
parent, end = os.getppid(), time.time() + secs
while time.time() < end and os.getppid() == parent:   # not outliving the test
    time.sleep(0.2)
EOF
have_lmdb_py=false
if $have_py && $have_mdb_stat && python3 -c 'import ctypes, ctypes.util
ctypes.CDLL(ctypes.util.find_library("lmdb") or "liblmdb.so.0")' 2>/dev/null; then
	have_lmdb_py=true
fi
# wait_line FILE PATTERN: up to 20 s for a line in FILE.
wait_line() {
	i=0
	while [ "$i" -lt 200 ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# --- setting up ------------------------------------------------------------
expect_ok "a demo city with 2000 projects (so that a check reads for a while)" \
	--db "$DB" demo --projects 2000
for p in $PROJECTS; do
	run --db "$DB" project edit "$p" --set f1="start-$p" --set f2="start-$p" --set f3="start-$p"
done
run --db "$DB" check
before_log=$(sed -n 's/^ok: .* \([0-9][0-9]*\) log entries.*/\1/p' "$T/out")
before_projects=$(sed -n 's/^ok: [0-9]* records, \([0-9]*\) projects.*/\1/p' "$T/out")
if [ "$status" -eq 0 ] && [ -n "$before_log" ]; then
	ok "before: $before_projects projects, $before_log log entries"
else
	not_ok "check passes before the rounds"
fi

# A second process keeps the environment open throughout, as the desks of
# other officers do: so a dead reader's slot is not reset with the lock file.
if $have_lmdb_py; then
	setsid python3 "$T/lmdb.py" keep "$DB" 3600 >"$T/keeper.out" 2>&1 </dev/null &
	keeper=$!
	if wait_line "$T/keeper.out" '^keeping'; then
		ok "another process keeps the environment open"
	else
		not_ok "another process keeps the environment open ($(cat "$T/keeper.out"))"
	fi
else
	echo "# no python3 with liblmdb or no mdb_stat: reader slots are not looked at"
fi

# --- 1. kill -9 at random moments ------------------------------------------
# writer.sh ROUND: edits (and adds) until killed.
cat >"$T/writer.sh" <<'EOF'
round=$1
set -- $PROJECTS
np=$#
log=$T/r$round.log
r=$(($$ % 32768 + round))
n=0
while :; do
	r=$(((r * 1103515245 + 12345) % 2147483648))
	n=$((n + 1))
	if [ $(((r / 65536) % 8)) -eq 0 ]; then
		name=k$round-$n
		echo "try add $name" >>"$log"
		id=$("$ZSDESK" --db "$DB" project add --name "$name" --enterprise 1 \
			--industry 集成电路 --investment 100 --district 海淀区 2>>"$T/r$round.err")
		rc=$?
		[ "$rc" -eq 0 ] && echo "added $id $name" >>"$log"
	else
		k=$(((r / 65536) % np + 1))
		eval "p=\${$k}"
		f=f$(((r / 16) % 3 + 1))
		v=k$round-$n
		echo "try $p $f $v" >>"$log"
		"$ZSDESK" --db "$DB" project edit "$p" --set "$f=$v" >/dev/null 2>>"$T/r$round.err"
		rc=$?
		[ "$rc" -eq 0 ] && echo "saved $p $f $v" >>"$log"
	fi
	[ "$rc" -eq 0 ] || echo "exit $rc" >>"$log"
done
EOF
# reader.sh ROUND: reads the whole database in a loop until killed.
cat >"$T/reader.sh" <<'EOF'
log=$T/r$1.read
while :; do
	"$ZSDESK" --db "$DB" check >"$T/r$1.check" 2>&1
	echo "check $?" >>"$log"
	"$ZSDESK" --db "$DB" --format tsv project list --limit 1000000 >/dev/null 2>>"$T/r$1.rerr"
	echo "list $?" >>"$log"
	"$ZSDESK" --db "$DB" --format tsv audit >/dev/null 2>>"$T/r$1.rerr"
	echo "audit $?" >>"$log"
done
EOF

saved_total=0 added_total=0 writer_rounds=0 stale_seen=0 stale_left=0
start=$(date +%s)
r=1
while [ "$r" -le "$ROUNDS" ]; do
	rnd
	ms=$((MIN_MS + rnd % (MAX_MS - MIN_MS + 1)))
	delay=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
	if [ "$DEMO_EVERY" -gt 0 ] && [ $((r % DEMO_EVERY)) -eq 0 ]; then
		# A demo into a fresh database, killed on the way.
		F=$T/fresh$r
		setsid "$ZSDESK" --db "$F" demo --projects 3000 >"$T/r$r.demo" 2>&1 </dev/null &
		g=$!
		groups="$groups $g"
		sleep "$delay"
		kill -9 -"$g" 2>/dev/null
		wait "$g" 2>/dev/null
		group_gone "$g" || echo "# round $r: the demo outlived kill -9"
		groups=""
		why=""
		"$ZSDESK" --db "$F" check >"$T/out" 2>"$T/err"
		st=$?
		if [ ! -f "$F/data.mdb" ] || grep -q 'no database' "$T/err"; then
			# Killed before its init was done: said so, and init starts again.
			[ $st -eq 1 ] && grep -q 'no database' "$T/err" || why="a missing database is not said so"
			"$ZSDESK" --db "$F" init >/dev/null 2>>"$T/err" || why="$why; init does not start again"
			"$ZSDESK" --db "$F" check >/dev/null 2>>"$T/err" || why="$why; check fails after init"
			what="killed before the database was made"
		else
			[ $st -eq 0 ] || why="check fails"
			n=$(sed -n 's/^ok: [0-9]* records, \([0-9]*\) projects.*/\1/p' "$T/out")
			top=$("$ZSDESK" --db "$F" --format tsv project list --limit 1 2>>"$T/err" | sed -n '2s/	.*//p')
			[ "${n:-x}" = "${top:-0}" ] || why="$why; $n projects but the newest is ${top:-none}"
			if grep -q 'demo city with' "$T/r$r.demo" && [ "$n" != 3000 ]; then
				why="$why; the demo said it was done, but $n projects"
			fi
			what="$n projects made"
		fi
		if [ -z "$why" ]; then
			ok "round $r: demo killed after ${ms}ms ($what): the database opens and check passes"
		else
			not_ok "round $r: demo killed after ${ms}ms ($what): ${why#; }"
		fi
		rm -rf "$F"
		r=$((r + 1))
		continue
	fi

	writer_rounds=$((writer_rounds + 1))
	: >"$T/r$r.log"
	: >"$T/r$r.read"
	setsid sh "$T/writer.sh" "$r" >/dev/null 2>&1 </dev/null &
	wg=$!
	setsid sh "$T/reader.sh" "$r" >/dev/null 2>&1 </dev/null &
	rg=$!
	groups="$wg $rg"
	sleep "$delay"
	kill -9 -"$wg" -"$rg" 2>/dev/null
	wait "$wg" "$rg" 2>/dev/null
	group_gone "$wg" && group_gone "$rg" || echo "# round $r: a process outlived kill -9"
	groups=""
	why=""
	# A zsdesk reader or writer killed inside a transaction leaves its slot.
	if [ -n "$keeper" ]; then
		s=$(stale_readers "$DB" | wc -l)
		stale_seen=$((stale_seen + s))
	fi
	"$ZSDESK" --db "$DB" check >"$T/out" 2>"$T/err" || why="check fails: $(head -3 "$T/out" "$T/err" | tr '\n' ' ')"
	if [ -n "$keeper" ]; then
		s=$(stale_readers "$DB" | wc -l)
		[ "$s" -eq 0 ] || why="$why; $s dead readers' slots stay after the next zsdesk"
		stale_left=$((stale_left + s))
	fi
	# What the writer said it saved is there.
	saved=$(grep -c '^saved ' "$T/r$r.log" 2>/dev/null)
	added=$(grep -c '^added ' "$T/r$r.log" 2>/dev/null)
	saved_total=$((saved_total + saved)) added_total=$((added_total + added))
	: >"$T/have"
	for p in $(grep '^saved ' "$T/r$r.log" | cut -d ' ' -f 2 | sort -u); do
		"$ZSDESK" --db "$DB" --format tsv project history "$p" 2>>"$T/err" |
			awk -F '\t' -v p="$p" 'NR > 1 { print p " " $5 " " $7 }' >>"$T/have"
	done
	grep '^saved ' "$T/r$r.log" | cut -d ' ' -f 2- >"$T/want"
	lost=$(grep -vxFf "$T/have" "$T/want" | head -5 | tr '\n' ',')
	[ -z "$lost" ] || why="$why; saved but not in history: $lost"
	grep '^added ' "$T/r$r.log" | while read -r _ id name; do
		got=$("$ZSDESK" --db "$DB" --format tsv project show "$id" 2>/dev/null | awk -F '\t' '$1 == "name" { print $3 }')
		[ "$got" = "$name" ] || echo "project $id is '$got', not $name"
	done >"$T/addlost"
	[ -s "$T/addlost" ] && why="$why; $(head -3 "$T/addlost" | tr '\n' ',')"
	bad=$(grep -v ' 0$' "$T/r$r.read" 2>/dev/null | sort | uniq -c | tr '\n' ',')
	[ -z "$bad" ] || why="$why; a reader beside the writer failed: $bad $(head -2 "$T/r$r.rerr" "$T/r$r.check" 2>/dev/null | tr '\n' ' ')"
	wfail=$(grep '^exit ' "$T/r$r.log" | sort | uniq -c | tr '\n' ',')
	[ -z "$wfail" ] || why="$why; the writer failed: $wfail $(head -2 "$T/r$r.err" | tr '\n' ' ')"
	reads=$(wc -l <"$T/r$r.read" 2>/dev/null || echo 0)
	if [ -z "$why" ]; then
		ok "round $r: killed after ${ms}ms ($saved saved, $added added, $reads reads): check passes, all kept"
	else
		not_ok "round $r: killed after ${ms}ms ($saved saved, $added added): ${why#; }"
	fi
	r=$((r + 1))
done
end=$(date +%s)
echo "# $ROUNDS rounds in $((end - start))s: $saved_total edits and $added_total adds reported; $stale_seen dead readers' slots seen after a kill, $stale_left left after the next zsdesk"

# Over all rounds.
run --db "$DB" check
after_log=$(sed -n 's/^ok: .* \([0-9][0-9]*\) log entries.*/\1/p' "$T/out")
after_projects=$(sed -n 's/^ok: [0-9]* records, \([0-9]*\) projects.*/\1/p' "$T/out")
if [ "$status" -eq 0 ]; then ok "check passes after $ROUNDS rounds"; else not_ok "check passes after $ROUNDS rounds"; fi
for p in $PROJECTS; do
	"$ZSDESK" --db "$DB" --format tsv project history "$p" >"$T/hist.$p" 2>&1
	"$ZSDESK" --db "$DB" --format tsv project show "$p" >"$T/show.$p" 2>&1
done
"$ZSDESK" --db "$DB" --format tsv project list --limit 1000000 >"$T/list" 2>&1
if $have_py; then
	cat >"$T/verify.py" <<'EOF'
import glob, os, re, sys
T, projects = sys.argv[1], sys.argv[2].split()
before_log, after_log, before_p, after_p, rounds = (int(x or -1) for x in sys.argv[3:8])
out = []
def check(cond, what, detail=()):
    out.append((bool(cond), what, list(detail)[:10]))

saved, added, last_try, tries = {}, {}, {}, {}
for path in glob.glob(os.path.join(T, "r*.log")):
    rnd = int(re.search(r"r(\d+)\.log$", path).group(1))
    last = None
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if f[:2] == ["try", "add"]:
            last = ("add", f[2])
        elif f[:1] == ["try"] and len(f) == 4:
            last = (f[1], f[2], f[3])
        elif f[:1] == ["saved"] and len(f) == 4:
            saved[f[3]] = (f[1], f[2])
        elif f[:1] == ["added"] and len(f) == 3:
            added[f[2]] = f[1]
    last_try[rnd] = last

fields = ("f1", "f2", "f3")
hist, cur = {}, {}
for p in projects:
    rows = []
    for l in open(os.path.join(T, "hist." + p), encoding="utf-8").read().split("\n")[1:]:
        c = l.split("\t")
        if len(c) >= 8:
            rows.append((int(c[0]), c[4], c[5], c[6]))
    hist[p] = rows
    cur[p] = {}
    for l in open(os.path.join(T, "show." + p), encoding="utf-8").read().split("\n")[1:]:
        c = l.split("\t")
        if len(c) >= 3:
            cur[p][c[0]] = c[2]

broken, unseen = [], []
for p, rows in hist.items():
    for fld in fields:
        chain = sorted((r for r in rows if r[1] == fld), key=lambda r: r[0])
        prev = chain[0][2] if chain else ""
        for seq, _, old, new in chain:
            if old != prev:
                broken.append("%s %s seq %d: old %r, but the value before was %r" % (p, fld, seq, old, prev))
            prev = new
            m = re.fullmatch(r"k(\d+)-\d+", new)
            if m and new not in saved:
                lt = last_try.get(int(m.group(1)))
                if lt != (p, fld, new):
                    unseen.append("%s %s=%s in history, never reported, not the write in flight (%s)" % (p, fld, new, lt))
        if cur[p].get(fld, "") != prev:
            broken.append("%s %s is %r, but its history ends in %r" % (p, fld, cur[p].get(fld, ""), prev))
names = {}
for l in open(os.path.join(T, "list"), encoding="utf-8").read().split("\n")[1:]:
    c = l.split("\t")
    if len(c) > 1 and re.fullmatch(r"k\d+-\d+", c[1]):
        names[c[1]] = c[0]
for name, pid in sorted(names.items()):
    if name not in added:
        lt = last_try.get(int(name[1:].split("-")[0]))
        if lt != ("add", name):
            unseen.append("project %s %s exists, never reported, not the add in flight (%s)" % (pid, name, lt))
lost = ["%s (%s)" % (n, i) for n, i in added.items() if names.get(n) != i]
n_unseen_edits = sum(1 for p, rows in hist.items() for r in rows
                     if r[1] in fields and re.fullmatch(r"k\d+-\d+", r[3]) and r[3] not in saved)
n_unseen_adds = sum(1 for n in names if n not in added)
check(not broken, "each field's history is a chain ending in its current value", broken)
check(not unseen, "a write nobody saw succeed is only ever the one in flight at the kill (%d edits, %d adds)" % (n_unseen_edits, n_unseen_adds), unseen)
check(not lost, "every project reported added is in the list under its id", lost)
grew, rep = after_log - before_log, len(saved) + len(added)
check(rep + n_unseen_edits + n_unseen_adds == grew,
      "log entries grew by %d: %d reported + %d edits and %d adds in flight at a kill" % (grew, rep, n_unseen_edits, n_unseen_adds))
check(after_p - before_p == len(added) + n_unseen_adds,
      "projects grew by %d: %d reported added + %d in flight" % (after_p - before_p, len(added), n_unseen_adds))
for i, (good, what, detail) in enumerate(out, 1):
    print("%s %d - %s" % ("ok" if good else "not ok", i, what))
    for d in detail:
        print("#   %s" % d)
EOF
	python3 "$T/verify.py" "$T" "$PROJECTS" "$before_log" "$after_log" "$before_projects" \
		"$after_projects" "$ROUNDS" >"$T/verify.out" 2>&1
	rm -f "$T/out" "$T/err"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok [0-9]* - }" ;;
		"not ok "*) not_ok "${line#not ok [0-9]* - }" ;;
		*) echo "$line" ;;
		esac
	done <"$T/verify.out"
	grep -q '^ok \|^not ok ' "$T/verify.out" || not_ok "the checks over all rounds ran ($(tail -3 "$T/verify.out"))"
fi

# --- 2. a reader killed inside its transaction -----------------------------
if $have_lmdb_py && [ -n "$keeper" ] && alive "$keeper"; then
	setsid python3 "$T/lmdb.py" hold "$DB" 120 >"$T/holder.out" 2>&1 </dev/null &
	h=$!
	groups="$h"
	if wait_line "$T/holder.out" '^holding'; then
		hp=$(sed -n 's/^holding .* pid //p' "$T/holder.out")
		mdb_stat -r "$DB" >"$T/readers.before" 2>&1
		kill -9 -"$h"
		wait "$h" 2>/dev/null
		group_gone "$h"
		groups=""
		if stale_readers "$DB" | grep -qx "$hp"; then
			ok "a reader killed -9 in its transaction leaves its slot (pid $hp) while others have the database open"
		else
			not_ok "a reader killed -9 in its transaction leaves its slot (pid $hp)"
			sed 's/^/#   /' "$T/readers.before"
		fi
		expect_ok "the next zsdesk opens and writes" --db "$DB" project edit 5 --set f1=after-stale
		if stale_readers "$DB" | grep -qx "$hp"; then
			not_ok "the next zsdesk cleared the dead reader's slot"
			mdb_stat -r "$DB" | sed 's/^/#   /'
		else
			ok "the next zsdesk cleared the dead reader's slot"
		fi
		run --db "$DB" --format tsv project show 5
		expect_out '^f1	[^	]*	after-stale$' "and the write is there"
		expect_ok "check passes" --db "$DB" check
	else
		kill -9 -"$h" 2>/dev/null
		groups=""
		not_ok "a process holds a read transaction ($(cat "$T/holder.out"))"
	fi
fi
kill_all

# --- 3. a full map ---------------------------------------------------------
S=$T/small
big=$(awk 'BEGIN { while (n++ < 300) printf "满" }')
expect_ok "init a database of 1 MiB" --db "$S" init --map-size 1M
expect_ok "an enterprise" --db "$S" enterprise add --name 北京星河科技有限公司 --credit-code 91110108MA01XH001B
: >"$T/added"
n=0 full=0 other=""
limit=$(($(date +%s) + 240))
# snap NAME: the projects and the audit log as they are.
snap() {
	"$ZSDESK" --db "$S" --format tsv project list --limit 1000000 >"$T/$1.list" 2>&1
	"$ZSDESK" --db "$S" --format tsv audit >"$T/$1.audit" 2>&1
}
while [ "$n" -lt 5000 ] && [ "$(date +%s)" -lt "$limit" ]; do
	n=$((n + 1))
	# Near the end, what was there before each add.
	[ "$(wc -c <"$S/data.mdb")" -gt 700000 ] && snap before
	id=$("$ZSDESK" --db "$S" project add --name "满$n" --enterprise 1 --industry 集成电路 \
		--investment 100 --district 海淀区 --summary "$big$n" 2>"$T/full.err")
	rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "$id 满$n" >>"$T/added"
	elif [ "$rc" -eq 4 ]; then
		full=1
		break
	else
		other="exit $rc: $(head -1 "$T/full.err")"
		break
	fi
done
count=$(wc -l <"$T/added")
if [ "$full" -eq 1 ]; then
	ok "adding projects to 1 MiB exits 4 after $count projects"
else
	not_ok "adding projects to 1 MiB exits 4 (after $count: ${other:-never full})"
fi
if grep -q '^zsdesk: .*full' "$T/full.err"; then
	ok "and says the database is full: $(head -1 "$T/full.err" | cut -c1-100)"
else
	not_ok "and says the database is full ($(head -2 "$T/full.err"))"
fi
snap after
if [ -s "$T/before.list" ] && cmp -s "$T/before.list" "$T/after.list" &&
	cmp -s "$T/before.audit" "$T/after.audit"; then
	ok "the projects and the audit log are as they were before the add that did not fit"
else
	not_ok "the projects and the audit log are as they were before the add that did not fit"
	diff "$T/before.list" "$T/after.list" | head -5 | sed 's/^/#   /'
	diff "$T/before.audit" "$T/after.audit" | head -5 | sed 's/^/#   /'
fi
awk -F '\t' 'NR > 1 { print $1 " " $2 }' "$T/after.list" | sort >"$T/listed"
sort "$T/added" >"$T/added.s"
if [ "$count" -gt 0 ] && cmp -s "$T/listed" "$T/added.s"; then
	ok "every project added is listed under its id, and nothing else"
else
	not_ok "every project added is listed under its id, and nothing else ($(diff "$T/added.s" "$T/listed" | head -5 | tr '\n' ' '))"
fi
last=$(tail -1 "$T/added" | cut -d ' ' -f 1)
run --db "$S" --format tsv project show "$last"
expect_out "^summary	[^	]*	$big$count\$" "the last project saved keeps its whole summary"
# (Another, different add may still fit: LMDB cannot reuse the pages the
# last commit freed, so what fits depends on what is written.)
expect_fail 4 "the same add again exits 4" --db "$S" project add --name "满$n" --enterprise 1 \
	--industry 集成电路 --investment 100 --district 海淀区 --summary "$big$n"
expect_ok "check passes on the full database" --db "$S" check
expect_out "^ok: .* $count projects" "with $count projects"
log_n=$(sed -n 's/^ok: .* \([0-9][0-9]*\) log entries.*/\1/p' "$T/out")
audit_n=$(($(wc -l <"$T/after.audit") - 1))
if [ "$audit_n" -eq "${log_n:-0}" ]; then ok "audit has a row per log entry ($audit_n)"; else not_ok "audit has a row per log entry ($audit_n rows, ${log_n:-?} entries)"; fi
expect_ok "zsdesk mapsize 8M" --db "$S" mapsize 8M
expect_ok "then the add works" --db "$S" project add --name "满$n" --enterprise 1 \
	--industry 集成电路 --investment 100 --district 海淀区 --summary "$big$n"
expect_ok "and check passes" --db "$S" check
expect_out "^ok: .* $((count + 1)) projects" "with $((count + 1)) projects"
finish
