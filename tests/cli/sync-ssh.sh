#!/bin/sh
# sync-ssh.sh - the ssh carrier over a real `ssh` to a real sshd on this
# machine.  The set-up starts an sshd of its own on a free port of
# 127.0.0.1, with host keys and a configuration made in the test's
# directory (the system's sshd and its files are not touched), and, when
# run as root (as CI does), a Unix account of its own that is removed at
# the end whatever happens; otherwise the sshd runs as the user running
# the test and lets in only that user.  A city's copy and a laptop's
# copy, both belonging to that account, then show:
#   (a) an exchange both ways over ssh: the copies converge (the same
#       records, conflict queue and summary) and the next one sends nothing;
#   (b) a link cut in the middle of a bundle, each way: the run fails
#       saying so, what came in whole batches stays, and the next run
#       takes up from there and converges, with no operation twice;
#   (c) a copy the city never enrolled is refused, naming its node, and
#       nothing of it is applied.
# Needs openssh-server and openssh-client (bootstrap installs them).
. "$TESTLIB"

# --- the set-up ---
SSHD=$(command -v sshd 2>/dev/null || echo /usr/sbin/sshd)
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
for tool in "$SSHD" ssh ssh-keygen python3; do
	if ! have "$tool"; then
		echo "Bail out! $tool is missing: install openssh-server and openssh-client (./bootstrap)"
		exit 1
	fi
done

U="" H="$T/home" sshd_pid="" made_run_sshd=""
cleanup() {
	[ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null
	if [ "$(id -u)" -eq 0 ] && [ -n "$U" ]; then
		pkill -KILL -u "$U" 2>/dev/null
		userdel "$U" 2>/dev/null || userdel -f "$U" 2>/dev/null
		groupdel "$U" 2>/dev/null
	fi
	[ -n "$made_run_sshd" ] && rmdir /run/sshd 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

mkdir -p "$H/.ssh" "$T/share/bin" "$T/sshd"
# Whoever the account is, it runs its own copy of zsdesk from a place it
# may read (the build tree may be closed to it).
cp "$ZSDESK" "$T/share/bin/zsdesk"
if [ -n "${ZSDESK_DATADIR:-}" ]; then
	cp -R "$ZSDESK_DATADIR" "$T/share/forms"
	export ZSDESK_DATADIR="$T/share/forms"
fi
if [ -n "${ZSDESK_LOCALEDIR:-}" ]; then
	cp -R "$ZSDESK_LOCALEDIR" "$T/share/locale"
	export ZSDESK_LOCALEDIR="$T/share/locale"
fi
chmod -R a+rX "$T/share"
if [ "$(id -u)" -eq 0 ]; then
	U="zss$$"
	# A password field of "*": no password logs in, and sshd does not take
	# the account for a locked one (as it does "!").
	if ! useradd -M -d "$H" -s /bin/sh -p '*' "$U" 2>"$T/err"; then
		echo "Bail out! cannot create the test account $U: $(cat "$T/err")"
		exit 1
	fi
	# sshd running as root separates privileges in /run/sshd, which the
	# system's service makes when it starts; with no init system (a
	# container) nothing has made it.
	if [ ! -d /run/sshd ]; then
		mkdir -m 755 /run/sshd && made_run_sshd=1
	fi
else
	U=$(id -un)
fi
chmod 711 "$T"
ok "a test account ($U)"

ssh-keygen -q -t ed25519 -N '' -C zsdesk-test-host -f "$T/sshd/host_ed25519" </dev/null
ssh-keygen -q -t ed25519 -N '' -C zsdesk-test-user -f "$H/.ssh/id_ed25519" </dev/null
cp "$H/.ssh/id_ed25519.pub" "$H/.ssh/authorized_keys"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$T/sshd/host_ed25519.pub")" >"$H/.ssh/known_hosts"
# The key is named by its path: as a user the account's home is that
# user's own, which is left alone.  StrictModes would refuse that path for
# the world-writable /tmp above it; the test makes each file itself, with
# the modes an officer's would have.
cat >"$T/sshd/config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $T/sshd/host_ed25519
PidFile none
AllowUsers $U
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
StrictModes no
AuthorizedKeysFile $H/.ssh/authorized_keys
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
LogLevel ${SYNC_SSHD_LOG:-ERROR}
SetEnv PATH=$T/share/bin:/usr/bin:/bin LC_ALL=$LC_ALL ZSDESK_NOW=$ZSDESK_NOW ZSDESK_DATADIR=${ZSDESK_DATADIR:-} ZSDESK_LOCALEDIR=${ZSDESK_LOCALEDIR:-}
EOF
cat >"$H/.ssh/config" <<EOF
Host zsdesk-city
	HostName 127.0.0.1
	Port $port
	User $U
	IdentityFile $H/.ssh/id_ed25519
	IdentitiesOnly yes
	UserKnownHostsFile $H/.ssh/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	LogLevel ERROR
EOF
chmod 700 "$H" "$H/.ssh"
chmod 600 "$H/.ssh/config" "$H/.ssh/id_ed25519" "$H/.ssh/authorized_keys"
chown -R "$U" "$H"

# zsdesk, ssh and the rest run as the account.  As root it is a separate
# account, whose ssh reads its own ~/.ssh/config as any officer's does;
# as a user the configuration is named, leaving that user's own alone.
if [ "$(id -u)" -eq 0 ]; then
	as_u() { runuser -u "$U" -- "$@"; }
	unset ZSDESK_SSH
else
	as_u() { "$@"; }
	cat >"$T/share/bin/ssh-test" <<EOF
#!/bin/sh
exec ssh -F "$H/.ssh/config" "\$@"
EOF
	chmod 755 "$T/share/bin/ssh-test"
	export ZSDESK_SSH="$T/share/bin/ssh-test"
fi
unset ZSDESK_REMOTE
cat >"$T/share/bin/zsdesk-as" <<EOF
#!/bin/sh
exec $(if [ "$(id -u)" -eq 0 ]; then echo "runuser -u $U --"; fi) "$T/share/bin/zsdesk" "\$@"
EOF
chmod 755 "$T/share/bin/zsdesk-as"
ZSDESK="$T/share/bin/zsdesk-as"
# cut N: passes the first N bytes of its input on as they come, then ends
# (head and dd keep some back until they have more).
cat >"$T/share/bin/cut" <<'EOF'
#!/usr/bin/env python3
import os, sys
left = int(sys.argv[1])
while left > 0:
    b = os.read(0, min(left, 65536))
    if not b:
        break
    os.write(1, b)
    left -= len(b)
EOF
chmod 755 "$T/share/bin/cut"
ssh_cmd() { if [ -n "${ZSDESK_SSH:-}" ]; then echo "$ZSDESK_SSH"; else echo ssh; fi; }

"$SSHD" -D -e -f "$T/sshd/config" 2>"$T/sshd/log" &
sshd_pid=$!
i=0
until as_u "$(ssh_cmd)" zsdesk-city true 2>"$T/err"; do
	i=$((i + 1))
	if [ "$i" -ge 50 ] || ! kill -0 "$sshd_pid" 2>/dev/null; then
		sed 's/^/# sshd: /' "$T/sshd/log"
		sed 's/^/# ssh: /' "$T/err"
		echo "Bail out! the test's sshd on port $port does not let the account in"
		exit 1
	fi
	sleep 0.2
done
ok "an sshd of the test's own on port $port lets the account in by its key"
as_u "$(ssh_cmd)" zsdesk-city 'command -v zsdesk' >"$T/out" 2>"$T/err"
expect_out "^$T/share/bin/zsdesk$" "and finds zsdesk there"

# --- two copies: the city's and a laptop's ---
C="$H/city" L="$H/lap" N="$H/stray"
export ZSDESK_DB="$C"
expect_ok "the city's database" init --profile jiaxing --single-user
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司 --credit-code 91330400MA2B3C4D56
expect_ok "a Nanhu project" project add --name 华芯功率芯片项目 --enterprise 1 --industry 集成电路 \
	--investment 12亿 --district nanhu
expect_ok "the city's key" node init
run node show
CK=$(sed -n 's/^key //p' "$T/out")
expect_ok "a copy for the laptop" backup "$L"
expect_ok "a copy for a laptop the city will not know" backup "$N"
expect_ok "the laptop becomes node 2" --db "$L" node init --node 2
run --db "$L" node show
LK=$(sed -n 's/^key //p' "$T/out")
expect_ok "the city enrolls the laptop" node enroll 2 --key "$LK" --name 南湖笔记本
expect_ok "the laptop enrolls the city" --db "$L" node enroll 1 --key "$CK"

# dump DB: the records, the conflict queue and the summary, one file.
dump() {
	"$ZSDESK" --db "$1" export projects --format tsv --keys --output "$H/projects.tsv" >/dev/null 2>&1
	LC_ALL=C sort "$H/projects.tsv"
	"$ZSDESK" --db "$1" project show 1 --format tsv
	echo "-- conflicts"
	"$ZSDESK" --db "$1" conflict list --format tsv
	echo "-- summary"
	"$ZSDESK" --db "$1" sync status --format tsv | LC_ALL=C sort
}
same() { # same WHAT: the city and the laptop hold the same
	dump "$C" >"$T/dump.city"
	dump "$L" >"$T/dump.lap"
	if cmp -s "$T/dump.city" "$T/dump.lap" && [ -s "$T/dump.city" ]; then
		ok "$1"
	else
		not_ok "$1"
		diff "$T/dump.city" "$T/dump.lap" | head -20 | sed 's/^/# /'
	fi
}
held() { # held DB ORIGIN: the operations of ORIGIN that DB holds, in $held
	held=$("$ZSDESK" --db "$1" sync status --format tsv | awk -F'\t' -v o="$2" '$1 == o { print $2 }')
	held=${held:-0}
}

# --- (a) both ways over ssh ---
expect_ok "the laptop edits the project" --db "$L" project edit 1 --park 南湖基金小镇
expect_ok "and adds one" --db "$L" project add --name 笔记本上的项目 --enterprise 1 --industry 新材料 \
	--investment 3亿 --district nanhu
expect_ok "the city edits another field" project edit 1 --contact 张三
expect_ok "the city and the laptop exchange over ssh" --db "$L" sync ssh "zsdesk-city:$C"
expect_out "^from node 1: " "receiving the city's"
expect_out "^to node 1: [1-9]" "and sending the laptop's"
run project show 1 --format tsv
expect_out "^park	.*	南湖基金小镇$" "the laptop's edit is in the city"
run --db "$L" project show 1 --format tsv
expect_out "^contact	.*	张三$" "the city's edit is on the laptop"
same "the copies converge"
# The ssh that zsdesk starts holds no descriptor of the database (in the
# set-id program that would hand the officer the file).
cat >"$T/share/bin/ssh-fds" <<EOF
#!/bin/sh
ls -l /proc/\$\$/fd/ >"$H/fds" 2>&1
exec $(ssh_cmd) "\$@"
EOF
chmod 755 "$T/share/bin/ssh-fds"
ZSDESK_SSH="$T/share/bin/ssh-fds" expect_ok "an exchange with nothing new" --db "$L" sync ssh "zsdesk-city:$C"
expect_out " 0 operations applied" "applies nothing"
expect_out "^to node 1: 0 operations" "and sends nothing"
if [ -s "$H/fds" ] && ! grep -q '\.mdb' "$H/fds"; then ok "ssh holds no file of the database"; else not_ok "ssh holds no file of the database"; sed 's/^/# /' "$H/fds"; fi

# --- (b) a link cut in the middle, from the city to the laptop ---
python3 - "$T/many.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("项目名称,企业名称,产业,总投资,区县\n")
    for i in range(1, 1401):
        f.write(f"城市项目{i},嘉兴华芯半导体有限公司,集成电路,{i}万,南湖区\n")
EOF
chmod 644 "$T/many.csv"
expect_ok "the city adds 1,400 projects" import projects "$T/many.csv"
held "$L" 1
before=$held
expect_ok "what the laptop lacks, as a bundle" sync export --for 2 "$H/size.zsb"
size=$(wc -c <"$H/size.zsb")
cut=$((size / 2))
cat >"$T/share/bin/ssh-cut-down" <<EOF
#!/bin/sh
# ssh, with the link from the other side cut after $cut bytes: only the
# cutter holds the way back, so the caller sees the end there.
exec 3>&1 4<&0 >/dev/null </dev/null
$(ssh_cmd) "\$@" <&4 4<&- 3>&- | $T/share/bin/cut $cut >&3 3>&- 4<&- &
exec 3>&- 4<&-
wait
EOF
chmod 755 "$T/share/bin/ssh-cut-down"
ZSDESK_SSH="$T/share/bin/ssh-cut-down" run --db "$L" sync ssh "zsdesk-city:$C"
if [ "$status" -ne 0 ] && grep -Eq "cut off|ends" "$T/err"; then
	ok "a link cut after $cut of $size bytes fails saying so"
else
	not_ok "a link cut after $cut of $size bytes fails saying so"
fi
held "$L" 1
cut_at=$held
held "$C" 1
if [ "$cut_at" -gt "$before" ] && [ "$cut_at" -lt "$held" ]; then
	ok "the whole batches before the cut stay ($before, then $cut_at of $held)"
else
	not_ok "the whole batches before the cut stay ($before, then $cut_at of $held)"
fi
expect_ok "the next exchange" --db "$L" sync ssh "zsdesk-city:$C"
expect_out "^from node 1: .* $((held - cut_at)) operations applied" "takes up where the cut left it"
same "the copies converge after the cut"

# --- (b) and from the laptop to the city ---
sed 's/城市项目/笔记本项目/' "$T/many.csv" >"$T/lap.csv"
chmod 644 "$T/lap.csv"
expect_ok "the laptop adds 1,400 projects" --db "$L" import projects "$T/lap.csv"
held "$C" 2
before=$held
expect_ok "what the city lacks, as a bundle" --db "$L" sync export --for 1 "$H/size.zsb"
size=$(wc -c <"$H/size.zsb")
cut=$((size / 2))
cat >"$T/share/bin/ssh-cut-up" <<EOF
#!/bin/sh
# ssh, with the link to the other side cut after $cut bytes: only the
# cutter reads what the caller sends.
exec 3>&1 4<&0 >/dev/null </dev/null
$T/share/bin/cut $cut <&4 4<&- 3>&- | $(ssh_cmd) "\$@" >&3 3>&- 4<&- &
pid=\$!
exec 3>&- 4<&-
# ssh's own status (the other side's), as the real ssh gives it: a bare
# wait would say 0 whatever it was.
wait \$pid
EOF
chmod 755 "$T/share/bin/ssh-cut-up"
ZSDESK_SSH="$T/share/bin/ssh-cut-up" run --db "$L" sync ssh "zsdesk-city:$C"
if [ "$status" -ne 0 ]; then ok "a link cut after $cut of $size bytes the other way fails"; else not_ok "a link cut after $cut of $size bytes the other way fails"; fi
held "$C" 2
cut_at=$held
held "$L" 2
if [ "$cut_at" -gt "$before" ] && [ "$cut_at" -lt "$held" ]; then
	ok "the city keeps the whole batches it had ($before, then $cut_at of $held)"
else
	not_ok "the city keeps the whole batches it had ($before, then $cut_at of $held)"
fi
expect_ok "the next exchange" --db "$L" sync ssh "zsdesk-city:$C"
expect_out "^to node 1: $((held - cut_at)) operations" "sends only the rest"
same "the copies converge after the second cut"
expect_ok "and once more" --db "$L" sync ssh "zsdesk-city:$C"
expect_out " 0 operations applied" "with nothing to apply"
expect_out "^to node 1: 0 operations" "nor to send"
# No operation twice: each edit of project 1 once in its history, and
# every project once.
for db in "$C" "$L"; do
	run --db "$db" project history 1 --format tsv
	n=$(grep -c '南湖基金小镇' "$T/out")
	if [ "$n" -eq 1 ]; then ok "the laptop's edit once in the history on $(basename "$db")"; else not_ok "the laptop's edit once in the history on $(basename "$db") ($n)"; fi
done
n=$(($(wc -l <"$H/projects.tsv") - 1))
d=$(LC_ALL=C sort "$H/projects.tsv" | uniq -d | wc -l)
if [ "$n" -eq 2802 ] && [ "$d" -eq 0 ]; then ok "2,802 projects, none twice"; else not_ok "2,802 projects, none twice ($n, $d twice)"; fi
expect_ok "the city checks clean" check
expect_ok "the laptop checks clean" --db "$L" check

# --- (c) a copy the city never enrolled ---
expect_ok "the stray copy becomes node 7" --db "$N" node init --node 7
expect_ok "it knows the city" --db "$N" node enroll 1 --key "$CK"
expect_ok "and edits" --db "$N" project edit 1 --contact 不该到达的人
run --db "$N" sync ssh "zsdesk-city:$C"
if [ "$status" -ne 0 ]; then ok "its exchange is refused"; else not_ok "its exchange is refused"; fi
expect_err "node 7, which is not enrolled here" "naming the node"
run project show 1 --format tsv
expect_no_out "不该到达的人" "and nothing of it is applied"
held "$C" 7
if [ "$held" -eq 0 ]; then ok "the city holds no operation of node 7"; else not_ok "the city holds no operation of node 7 ($held)"; fi

finish
