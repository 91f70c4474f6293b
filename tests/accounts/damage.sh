#!/bin/sh
# damage.sh - a damaged database file gives a message and an exit status,
# never death by a signal.
#
# A demo database is copied, and in every round a few bits of the copy are
# flipped (seeded: DAMAGE_SEED, DAMAGE_ROUNDS, so a failing round can be
# run again); then project show, project list and check run on it.  Each
# must end with an exit status below 128: 0 when the flips missed what it
# reads, 1 for a fault it reports, 5 when the file stopped LMDB (and then
# the one line saying to restore the last backup).  A hang counts as a
# failure too.  At the end: how many rounds ended which way.
. "$TESTLIB"

if ! command -v python3 >/dev/null 2>&1 || ! command -v timeout >/dev/null 2>&1; then
	echo "1..0 # SKIP needs python3 and timeout"
	exit 0
fi
ROUNDS=${DAMAGE_ROUNDS:-200}
SEED=${DAMAGE_SEED:-20261122}
DB=$T/db
C=$T/copy

expect_ok "a demo city with 200 projects" --db "$DB" demo --projects 200
expect_ok "it checks clean" --db "$DB" check

# flip FILE ROUND: flips 1 to 8 bits of FILE, chosen from ROUND and the seed.
flip() {
	python3 - "$1" "$2" "$SEED" <<'PY'
import random, sys
path, rnd, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed * 100003 + rnd)
with open(path, "r+b") as f:
    data = bytearray(f.read())
    for _ in range(r.randint(1, 8)):
        # most flips in the pages of the trees, some in the meta pages
        i = r.randrange(0, 8192) if r.random() < 0.1 else r.randrange(8192, len(data))
        data[i] ^= 1 << r.randrange(8)
    f.seek(0)
    f.write(data)
PY
}

signals=0 hangs=0 clean=0 faults=0 damaged=0 other=0 badline=0
bad=""
r=1
while [ "$r" -le "$ROUNDS" ]; do
	rm -rf "$C"
	mkdir "$C"
	cp "$DB/data.mdb" "$C/data.mdb"
	flip "$C/data.mdb" "$r"
	for cmd in "project show 1" "project list --limit 20" "check"; do
		# shellcheck disable=SC2086
		timeout 60 "$ZSDESK" --db "$C" $cmd >"$T/out" 2>"$T/err"
		st=$?
		if [ "$st" -eq 124 ]; then
			hangs=$((hangs + 1))
			bad="$bad r$r:$cmd:hang"
		elif [ "$st" -ge 128 ]; then
			signals=$((signals + 1))
			bad="$bad r$r:$cmd:signal$((st - 128))"
		elif [ "$st" -eq 0 ]; then
			clean=$((clean + 1))
		elif [ "$st" -eq 5 ]; then
			damaged=$((damaged + 1))
			if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q '^zsdesk: .*damaged.*restore' "$T/err"; then
				badline=$((badline + 1))
				bad="$bad r$r:$cmd:message"
			fi
		elif [ "$st" -eq 1 ]; then
			faults=$((faults + 1))
		else
			other=$((other + 1))
			bad="$bad r$r:$cmd:exit$st"
		fi
	done
	r=$((r + 1))
done
echo "# $ROUNDS rounds (seed $SEED), 3 commands each: $clean ran clean, $faults reported a fault (exit 1), $damaged stopped as damaged (exit 5), $signals died by a signal, $hangs hung, $other other"
if [ "$signals" -eq 0 ] && [ "$hangs" -eq 0 ] && [ "$other" -eq 0 ]; then
	ok "no command died by a signal or hung in $ROUNDS rounds of bit flips"
else
	not_ok "no command died by a signal or hung ($(echo "$bad" | cut -c1-300))"
fi
if [ "$badline" -eq 0 ]; then
	ok "every stop for damage said so in one line ($damaged of them)"
else
	not_ok "every stop for damage said so in one line ($badline did not)"
fi
expect_ok "the original still checks clean" --db "$DB" check
finish
