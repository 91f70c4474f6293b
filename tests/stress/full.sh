#!/bin/sh
# full.sh - a full disk: init, add and backup on a 2 MiB tmpfs that is
# (nearly) full say so in one line and end with an exit status, never with
# SIGBUS (LMDB maps the lock file, so its blocks are allocated first).
# init, add and backup exit 4 with one line.
# Needs root to mount the tmpfs.
. "$TESTLIB"
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP needs root to mount a tmpfs"
	exit 0
fi
M=$T/small
mkdir "$M"
if ! mount -t tmpfs -o size=2m tmpfs "$M" 2>/dev/null; then
	echo "1..0 # SKIP cannot mount a tmpfs here"
	exit 0
fi
trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT

# one_line WHAT CODE: the last command exited with CODE (or, CODE "nz", any
# non-zero below 128) and said one line about a full disk or database.
one_line() {
	if { [ "$2" = nz ] && [ "$status" -gt 0 ] && [ "$status" -lt 128 ]; } || [ "$status" = "$2" ]; then
		if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^zsdesk: .*full' "$T/err"; then
			ok "$1: exit $status, one line: $(cut -c1-80 "$T/err")"
		else
			not_ok "$1: one line saying it is full"
		fi
	else
		not_ok "$1 (exit $status, wanted $2)"
	fi
}

# init on a full disk
dd if=/dev/zero of="$M/filler" bs=4k 2>/dev/null
run --db "$M/db" init
one_line "init on a full disk" 4
rm -f "$M/filler"
rm -rf "$M/db"

# add until the disk is full
expect_ok "init on the 2 MiB disk" --db "$M/db" init --map-size 64M
expect_ok "an enterprise" --db "$M/db" enterprise add --name 北京星河科技有限公司 \
	--credit-code 91110108MA01XH001B
big=$(awk 'BEGIN { while (n++ < 900) printf "满" }')
n=0
status=0
while [ "$n" -lt 2000 ]; do
	n=$((n + 1))
	run --db "$M/db" project add --name "满$n" --enterprise 1 --industry 集成电路 \
		--investment 100 --district 海淀区 --summary "$big$n"
	[ "$status" -eq 0 ] || break
done
one_line "adding projects until the disk is full ($n tries)" 4
expect_ok "what was saved checks clean" --db "$M/db" check

# a backup onto the full disk
run --db "$M/db" backup "$M/backup"
one_line "a backup onto the full disk" 4
[ -e "$M/backup/data.mdb" ] && not_ok "the partial copy is removed" || ok "the partial copy is removed"
finish
