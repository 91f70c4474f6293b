#!/bin/sh
# restore.sh - restore, backup, check and mapsize on a database in use.
#
#  1. Ten writers add projects in a loop while the database is restored:
#     a restore without --wait is refused in one line naming how many
#     processes have it open, and nothing changes; with --wait it goes in
#     once they let go.  No writer dies by a signal; every project a writer
#     was told was saved is in the restored database or in the file the
#     restore kept ("before"); check passes; writers go on saving after the
#     refusal and after the restore.
#  2. A symbolic link planted as data.mdb.restoring (the name older
#     versions copied through) or a lock.mdb that is a link is never
#     written through.
#  3. Files: under umask 077 a restored shared database stays 0660 and its
#     group's; a backup under umask 022 is 0700/0600.
#  4. Roles (as root, with real accounts): a desk officer may not back up,
#     restore, check or set the map size; the city office may back up;
#     each of backup, restore, check and mapsize leaves an audit entry.
#  5. mapsize refuses what cannot work and leaves the database usable.
. "$TESTLIB"

DB=$T/db
B=$T/backup
N=10
big=""

add() { # add DB NAME: adds a project; prints its id.
	"$ZSDESK" --db "$1" project add --name "$2" --enterprise 1 --industry 集成电路 \
		--investment 100 --district 海淀区
}

expect_ok "init" --db "$DB" init
expect_ok "an enterprise" --db "$DB" enterprise add --name 北京星河科技有限公司 \
	--credit-code 91110108MA01XH001B
for i in 1 2 3; do add "$DB" "base-$i" >/dev/null; done
expect_ok "a backup with three projects" --db "$DB" backup "$B"

# --- 1. restore under ten writers ---------------------------------------------------
: >"$T/stop"
rm -f "$T/stop"
writer() { # writer I: adds projects until $T/stop exists.
	n=0
	while [ ! -e "$T/stop" ]; do
		n=$((n + 1))
		id=$(add "$DB" "w$1-$n" 2>>"$T/w$1.err")
		st=$?
		if [ "$st" -eq 0 ]; then echo "w$1-$n" >>"$T/w$1.done"; else echo "$st" >>"$T/w$1.st"; fi
		[ "$st" -ge 128 ] && echo "w$1-$n died $st" >>"$T/w$1.dead"
	done
}
pids=""
i=1
while [ "$i" -le "$N" ]; do
	: >"$T/w$i.done"
	writer "$i" &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 2
run --db "$DB" restore "$B" --replace
refused=$status
cp "$T/err" "$T/refusal.err"
at_refusal=$(cat "$T"/w*.done | wc -l)
if [ "$refused" -eq 1 ] && [ "$(wc -l <"$T/refusal.err")" -eq 1 ] &&
	grep -Eq '^zsdesk: [0-9]+ other process(es)? ha(s|ve) the database .* open' "$T/refusal.err"; then
	ok "a restore while ten writers work is refused in one line: $(cut -c1-90 "$T/refusal.err")"
else
	# the writers may all have been between two commands: then it went in
	not_ok "a restore while ten writers work is refused (exit $refused: $(head -2 "$T/refusal.err"))"
fi
ls "$DB" | grep -q before-restore && not_ok "the refused restore kept nothing aside" ||
	ok "the refused restore changed nothing"
sleep 1
start=$(date +%s)
run --db "$DB" restore "$B" --replace --wait 60
waited=$(($(date +%s) - start))
if [ "$status" -eq 0 ]; then
	ok "with --wait 60 it goes in (after ${waited}s)"
else
	not_ok "with --wait 60 it goes in (exit $status)"
fi
at_restore=$(cat "$T"/w*.done | wc -l)
sleep 2
touch "$T/stop"
# shellcheck disable=SC2086
wait $pids
total=$(cat "$T"/w*.done | wc -l)
echo "# $N writers: $at_refusal saves reported at the refusal, $at_restore at the restore, $total in all; other exits: $(cat "$T"/w*.st 2>/dev/null | sort | uniq -c | tr '\n' ' ')"
if cat "$T"/w*.dead >/dev/null 2>&1; then
	not_ok "no writer died by a signal ($(cat "$T"/w*.dead | head -3 | tr '\n' ' '))"
else
	ok "no writer died by a signal"
fi
if [ "$at_restore" -gt "$at_refusal" ] && [ "$total" -gt "$at_restore" ]; then
	ok "the writers went on saving after the refusal and after the restore"
else
	not_ok "the writers went on saving ($at_refusal, $at_restore, $total)"
fi
# Every reported save: in the restored database or in a kept file.
"$ZSDESK" --db "$DB" --format tsv project list --limit 1000000 | cut -f 2 >"$T/names"
for k in "$DB"/data.mdb.before-restore-*; do
	mkdir "$T/k" && cp "$k" "$T/k/data.mdb"
	"$ZSDESK" --db "$T/k" --format tsv project list --limit 1000000 | cut -f 2 >>"$T/names"
	rm -rf "$T/k"
done
sort -u "$T/names" >"$T/names.s"
cat "$T"/w*.done | sort -u >"$T/done.s"
lost=$(comm -23 "$T/done.s" "$T/names.s" | wc -l)
if [ "$lost" -eq 0 ] && [ "$total" -gt 0 ]; then
	ok "every one of the $total saves reported is in the restored database or the kept one"
else
	not_ok "$lost of $total saves reported are in neither ($(comm -23 "$T/done.s" "$T/names.s" | head -5 | tr '\n' ' '))"
fi
run --db "$DB" --format tsv project list --limit 1000000
expect_out "	base-3	" "the restored database holds the backup's projects"
expect_ok "check passes after the restore" --db "$DB" check
run --db "$DB" --format tsv audit
expect_out "	restore	maintenance	" "the restore is in the audit log"
expect_ok "and a new save works" --db "$DB" project edit 1 --summary after-restore

# --- 2. planted links --------------------------------------------------------------
echo "outside, untouched" >"$T/outside"
ln -s "$T/outside" "$DB/data.mdb.restoring"
expect_ok "restore with a link planted as data.mdb.restoring" --db "$DB" restore "$B" --replace
if [ "$(cat "$T/outside")" = "outside, untouched" ]; then
	ok "the file it points at is untouched"
else
	not_ok "the file it points at is untouched"
fi
rm -f "$DB/data.mdb.restoring"
L=$T/linked
expect_ok "a second database" --db "$L" init
mv "$L/lock.mdb" "$T/lock.real"
ln -s "$T/outside" "$L/lock.mdb"
expect_fail 1 "a restore where lock.mdb is a link is refused" --db "$L" restore "$B" --replace
expect_err "symbolic link" "saying it is a link"
if [ "$(cat "$T/outside")" = "outside, untouched" ]; then ok "and writes nothing through it"; else not_ok "and writes nothing through it"; fi

# --- 3. modes -------------------------------------------------------------------
(umask 022 && "$ZSDESK" --db "$DB" backup "$T/b022" >/dev/null)
if [ "$(stat -c %a "$T/b022")" = 700 ] && [ "$(stat -c %a "$T/b022/data.mdb")" = 600 ]; then
	ok "a backup made under umask 022 is 0700/0600"
else
	not_ok "a backup made under umask 022 is 0700/0600 ($(stat -c %a "$T/b022" "$T/b022/data.mdb" | tr '\n' ' '))"
fi

if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null 2>&1 || ! command -v runuser >/dev/null 2>&1; then
	echo "# not root: skipping the shared database and the roles"
	finish
	exit
fi
G=zsr$$ D=zsd$$ CT=zsk$$
cleanup() {
	for u in $D $CT; do userdel "$u" >/dev/null 2>&1; getent group "$u" >/dev/null && groupdel "$u" >/dev/null 2>&1; done
	groupdel "$G" >/dev/null 2>&1
	rm -rf "$W" "$T"
}
W=$(mktemp -d /tmp/zsdesk-restore.XXXXXX)
chmod 0755 "$W"
trap cleanup EXIT
useradd -M -d "$W" -s /bin/sh -U "$D" && useradd -M -d "$W" -s /bin/sh -U "$CT" ||
	{ echo "Bail out! cannot make accounts"; exit 1; }
# A server as zsdesk-setup-server lays it out: a system group nobody is in,
# a setgid copy of the program, the 2770 directory; the server's clock.
unset ZSDESK_NOW
S=$W/shared
mkdir -m 0755 "$W/bin" && cp "$ZSDESK" "$W/bin/zsdesk" || { echo "Bail out! cannot copy zsdesk"; exit 1; }
sh "$(dirname "$ZSDESK")/zsdesk-setup-server" --group "$G" --dir "$S" --binary "$W/bin/zsdesk" \
	>/dev/null || { echo "Bail out! zsdesk-setup-server failed"; exit 1; }
expect_ok "a shared database" --db "$S" init --shared --group "$G"
expect_ok "a desk officer" --db "$S" officer add --login "$D" --name 甲 --role desk --district 海淀区
expect_ok "a city officer" --db "$S" officer add --login "$CT" --name 乙 --role city
expect_ok "a backup of it" --db "$S" backup "$W/sb"
chmod 0755 "$W/sb"
chmod 0644 "$W/sb/data.mdb"
(umask 077 && "$ZSDESK" --db "$S" restore "$W/sb" --replace >/dev/null 2>&1)
if [ "$(stat -c '%a %G' "$S/data.mdb")" = "660 $G" ]; then
	ok "restored under umask 077, data.mdb is 0660 and the group's"
else
	not_ok "restored under umask 077, data.mdb is 0660 and the group's ($(stat -c '%a %G' "$S/data.mdb"))"
fi
as() { # as LOGIN ARGS...: zsdesk as another account, umask 077.
	u=$1
	shift
	runuser -u "$u" -- sh -c 'umask 077; exec "$@"' sh env HOME="$W" ZSDESK_DATADIR="${ZSDESK_DATADIR:-}" \
		ZSDESK_LOCALEDIR="${ZSDESK_LOCALEDIR:-}" "$ZSDESK" --db "$S" "$@" >"$T/out" 2>"$T/err"
	status=$?
}
ZB=$ZSDESK
ZSDESK=$W/bin/zsdesk # the setgid program: officers reach the data only through it
for what in "backup $W/db1" "check" "mapsize 2G" "restore $W/sb --replace"; do
	# shellcheck disable=SC2086
	as "$D" $what
	if [ "$status" -eq 1 ] && grep -q '^zsdesk: .*administrator' "$T/err"; then
		ok "a desk officer may not: $what"
	else
		not_ok "a desk officer may not: $what (exit $status: $(head -1 "$T/err"))"
	fi
done
mkdir -m 0700 "$W/ct" && chown "$CT" "$W/ct"
as "$CT" backup "$W/ct/cb"
if [ "$status" -eq 0 ]; then ok "the city office may back up"; else not_ok "the city office may back up (exit $status: $(head -1 "$T/err"))"; fi
as "$CT" check
if [ "$status" -eq 1 ]; then ok "but not check"; else not_ok "but not check (exit $status)"; fi
ZSDESK=$ZB
expect_ok "root (the administrator) checks" --db "$S" check
expect_ok "and sets the map size" --db "$S" mapsize 2G
run --db "$S" --format tsv audit
for op in backup restore check mapsize; do
	expect_out "	$op	maintenance	" "the audit log holds the $op"
done
expect_out "	$CT	backup	maintenance	.*cb" "the city office's backup under its login, with where to"

# --- 5. mapsize --------------------------------------------------------------
expect_fail 1 "mapsize 100T is refused" --db "$S" mapsize 100T
expect_err "at most" "saying the limit"
expect_fail 1 "a size not a multiple of the page size is refused" --db "$S" mapsize 1048577
expect_ok "the database still works" --db "$S" check
finish
