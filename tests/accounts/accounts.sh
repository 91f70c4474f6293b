#!/bin/sh
# accounts.sh - one shared database used by real operating-system accounts, as
# on a district server set up by zsdesk-setup-server: the database belongs to
# a system group no officer is in and zsdesk is setgid to it, so officers
# reach the data only through the program.  Each officer is the account
# running zsdesk; desk officers see and change only their own district; the
# officers' shells cannot read, change, delete or link anything in the
# database directory; identity and time cannot be faked through the
# environment, LD_PRELOAD or --as; the old group-writable layout is refused;
# the audit trail is kept per account; every account runs with umask 077.
#
# It creates groups and four accounts (removed again at exit, even on
# failure), so it needs root (CI runs as root).

if [ "$(id -u)" -ne 0 ]; then
	echo "Bail out! accounts.sh needs root to create accounts (CI runs as root)"
	exit 1
fi
for tool in groupadd groupdel useradd userdel runuser getent stat cc; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "Bail out! no $tool (./bootstrap installs it)"
		exit 1
	fi
done

. "$TESTLIB"
# A server's database keeps the system's time: ZSDESK_NOW is for one's own.
unset ZSDESK_NOW

# --- accounts, group and a directory they can all reach ------------------------------
G=zst$$      # the system group of the shared database: nobody is in it
HD=zsh$$     # desk officer, Haidian
CY=zsc$$     # desk officer, Chaoyang
CT=zsy$$     # city office
NO=zsn$$     # in the group, but no officer
made_users=
made_groups=
W=

cleanup() {
	for u in $made_users; do
		userdel "$u" >/dev/null 2>&1
		# the account's own group, if useradd made one and userdel left it
		getent group "$u" >/dev/null 2>&1 && groupdel "$u" >/dev/null 2>&1
	done
	for g in $made_groups; do
		groupdel "$g" >/dev/null 2>&1
	done
	[ -n "$W" ] && rm -rf "$W"
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

bail() {
	echo "Bail out! $1"
	exit 1
}

# Its own directory, 0755, so that the accounts can reach the database
# (the one of lib.sh may be 0700).
W=$(mktemp -d /tmp/zsdesk-accounts.XXXXXX) || bail "cannot make a directory in /tmp"
chmod 0755 "$W"
mkdir -m 0755 "$W/home"
DB=$W/db

for name in "$G" "$HD" "$CY" "$CT" "$NO"; do
	getent group "$name" >/dev/null 2>&1 && bail "a group $name already exists"
	getent passwd "$name" >/dev/null 2>&1 && bail "an account $name already exists"
done
made_groups=$G
for u in "$HD" "$CY" "$CT" "$NO"; do
	useradd -M -d "$W/home/$u" -s /bin/sh -U "$u" >"$T/sys" 2>&1 ||
		bail "useradd $u failed: $(cat "$T/sys")"
	made_users="$made_users $u"
	mkdir -m 0700 "$W/home/$u"
	chown "$u:$u" "$W/home/$u"
done

# The server: zsdesk-setup-server makes the group, a setgid copy of the
# program and the database directory.  A plain copy stands for a zsdesk
# that is not setgid (and the old layout).
case $ZSDESK in /*) ZP=$ZSDESK ;; *) ZP=$(pwd)/$ZSDESK ;; esac
mkdir -m 0755 "$W/bin"
cp "$ZP" "$W/bin/zsdesk" && cp "$ZP" "$W/bin/zsdesk-plain" && chmod 0755 "$W/bin/zsdesk-plain" ||
	bail "cannot copy the program"
ZS=$W/bin/zsdesk
SETUP=${SETUP:-$(dirname "$ZP")/zsdesk-setup-server}
[ -x "$SETUP" ] || bail "no zsdesk-setup-server at $SETUP"
if sh "$SETUP" --group "$G" --dir "$DB" --binary "$ZS" >"$T/sys" 2>&1; then
	ok "zsdesk-setup-server makes the group, the setgid program and the directory"
else
	not_ok "zsdesk-setup-server failed: $(cat "$T/sys")"
fi
is "the program is setgid to the group" "$(stat -c '%A %G' "$ZS")" "-rwxr-sr-x $G"
is "the directory is root's and the group's, 2770" "$(stat -c '%A %U %G' "$DB")" "drwxrws--- root $G"
if sh "$SETUP" --group "$G" --dir "$DB" --binary "$ZS" >"$T/sys" 2>&1; then
	ok "running it again changes nothing"
else
	not_ok "running it again failed: $(cat "$T/sys")"
fi
DD=${ZSDESK_DATADIR:-}
if [ -n "$DD" ] && ! runuser -u "$NO" -- test -r "$DD/profiles/beijing.profile"; then
	cp -R "$DD" "$W/forms" && chmod -R a+rX "$W/forms"
	DD=$W/forms
fi
LD=${ZSDESK_LOCALEDIR:-}
if [ -n "$LD" ] && ! runuser -u "$NO" -- test -r "$LD" -a -x "$LD"; then
	cp -R "$LD" "$W/mo" && chmod -R a+rX "$W/mo"
	LD=$W/mo
fi

# q VALUE: VALUE quoted for sh.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# $W/as ARGS...: what each account runs: umask 077 and a clean environment
# with the account's own HOME, USER and LOGNAME; ARGS may begin with
# VAR=VALUE words that override them.
# shellcheck disable=SC2016
{
	echo '#!/bin/sh'
	echo 'umask 077'
	echo 'u=$(id -un)'
	printf 'exec env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=%s' "$(q "$LC_ALL")"
	printf ' HOME=%s/home/"$u" USER="$u" LOGNAME="$u"' "$(q "$W")"
	[ -n "$DD" ] && printf ' ZSDESK_DATADIR=%s' "$(q "$DD")"
	[ -n "$LD" ] && printf ' ZSDESK_LOCALEDIR=%s' "$(q "$LD")"
	printf ' "$@"\n'
} >"$W/as"
chmod 0755 "$W/as"

# FAKE: VAR=VALUE words put into the environment of the next as_run calls.
FAKE=

# as_run LOGIN ARGS...: runs zsdesk --db $DB ARGS as the account LOGIN;
# output in $T/out and $T/err, exit code in $status.
as_run() {
	u=$1
	shift
	# shellcheck disable=SC2086
	runuser -u "$u" -- "$W/as" $FAKE "$ZS" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	status=$?
}

# as_ok WHAT LOGIN ARGS...: the command run as LOGIN succeeds.
as_ok() {
	what=$1
	shift
	as_run "$@"
	if [ "$status" -eq 0 ]; then ok "$what"; else not_ok "$what (exit $status)"; fi
}

# as_fail CODE WHAT LOGIN ARGS...: run as LOGIN, it exits with CODE and
# says one line beginning "zsdesk: " on stderr.
as_fail() {
	code=$1
	what=$2
	shift 2
	as_run "$@"
	if [ "$status" -eq "$code" ] && head -1 "$T/err" | grep -q '^zsdesk: '; then
		ok "$what"
	else
		not_ok "$what (exit $status, wanted $code)"
	fi
}

# is WHAT GOT WANTED
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', wanted '$3')"; fi
}

# show_field FIELD: the value of FIELD in the last `--format tsv ... show`.
show_field() {
	awk -F'\t' -v f="$1" '$1 == f { print $3 }' "$T/out"
}

# audit_rows [LOGIN [TEXT]]: how many rows of the last `--format tsv audit`
# there are (by LOGIN if given, containing TEXT if given).
audit_rows() {
	awk -F'\t' -v w="${1:-}" -v t="${2:-}" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "who") c = i; next }
		c && (w == "" || $c == w) && (t == "" || index($0, t)) { n++ }
		END { print n + 0 }' "$T/out"
}

# audit_only LOGIN WHAT: the last `--format tsv audit` has rows, all by LOGIN.
audit_only() {
	all=$(audit_rows)
	mine=$(audit_rows "$1")
	if [ "$all" -gt 0 ] && [ "$all" -eq "$mine" ]; then ok "$2"; else
		not_ok "$2 ($mine of $all rows by $1)"
	fi
}

# audit_has LOGIN PATTERN WHAT: a row of the last `--format tsv audit` by
# LOGIN matches PATTERN (grep -E, on the whole line).
audit_has() {
	if awk -F'\t' -v w="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "who") c = i; next }
		c && $c == w' "$T/out" | grep -Eq -- "$2"; then ok "$3"; else
		not_ok "$3 (no row by $1 matching /$2/)"
	fi
}

# modes_ok WHAT: the directory is root's, setgid, group $G and closed to
# others; every file in it belongs to $G, group-readable and -writable and
# closed to others.
modes_ok() {
	bad=
	d=$(stat -c '%A %U %G' "$DB")
	[ "$d" = "drwxrws--- root $G" ] || bad="$bad dir:$d"
	for f in data.mdb lock.mdb; do
		[ -f "$DB/$f" ] || bad="$bad no:$f"
	done
	for f in "$DB"/* "$DB"/.[!.]*; do
		[ -e "$f" ] || continue
		m=$(stat -c '%A %G' "$f")
		case $m in
		?rw?rw----" $G") ;;
		*) bad="$bad ${f##*/}:$m" ;;
		esac
	done
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1 ($bad)"; fi
}

# --- the shared database, made by root (its administrator) ---------------------------------
expect_ok "init --shared --group $G (root)" --db "$DB" init --shared --group "$G" --profile beijing
modes_ok "a setgid directory of $G closed to others; data.mdb and lock.mdb 0660 of $G"
expect_ok "add the Haidian desk officer" --db "$DB" officer add --login "$HD" --name 何海 --role desk --district haidian
expect_ok "add the Chaoyang desk officer" --db "$DB" officer add --login "$CY" --name 曹阳 --role desk --district 朝阳区
expect_ok "add the city-office officer" --db "$DB" officer add --login "$CT" --name 史城 --role city
expect_ok "an enterprise" --db "$DB" enterprise add --name 北京星河科技有限公司
expect_ok "a second enterprise" --db "$DB" enterprise add --name 北京月光科技有限公司
expect_ok "a third enterprise" --db "$DB" enterprise add --name 北京晨星科技有限公司
expect_ok "a fourth enterprise" --db "$DB" enterprise add --name 北京云帆科技有限公司
expect_ok "a Haidian project" --db "$DB" project add --name 海淀芯片项目 --enterprise 1 \
	--industry 集成电路 --investment 3000 --district haidian
expect_out "^1$" "is project 1"
expect_ok "a Chaoyang project" --db "$DB" project add --name 朝阳医药项目 --enterprise 2 \
	--industry 医药健康 --investment 4000 --district chaoyang
expect_out "^2$" "is project 2"
expect_ok "an issue on the Haidian project" --db "$DB" issue open --project 1 --category land --description 海淀用地问题
expect_out "^1$" "is issue 1"
expect_ok "an issue on the Chaoyang project" --db "$DB" issue open --project 2 --category power --description 朝阳用电问题
expect_out "^2$" "is issue 2"

runuser -u "$HD" -- "$W/as" sh -c umask >"$T/out" 2>"$T/err"
expect_out "^0?077$" "the accounts run zsdesk with umask 077"

# --- the Haidian desk officer ----------------------------------------------------------------
as_ok "Haidian: project list" "$HD" --format tsv project list
expect_lines 2 "Haidian lists one project"
expect_out "	海淀芯片项目	" "its own"
expect_no_out "朝阳医药项目|Chaoyang" "not Chaoyang's"
as_run "$HD" --format tsv project list --district chaoyang
expect_no_out "朝阳医药项目" "Haidian: list --district chaoyang shows nothing of Chaoyang"
as_ok "Haidian: search 项目" "$HD" --format tsv search 项目
expect_out "	海淀芯片项目	" "finds its own"
expect_no_out "朝阳医药项目" "not Chaoyang's"
as_run "$HD" --format tsv search 月光
expect_no_out "朝阳医药项目" "Haidian: search by Chaoyang's enterprise finds nothing of Chaoyang"

as_ok "Haidian: project show 2 (Chaoyang)" "$HD" --format tsv project show 2
is "enterprise" "$(show_field enterprise_name)" 北京月光科技有限公司
is "district" "$(show_field district)" Chaoyang
is "stage" "$(show_field stage)" Lead
extra=$(sed 1d "$T/out" | cut -f1 | grep -Ev '^(id|enterprise|enterprise_name|district|stage)$' | tr '\n' ' ')
is "and nothing else" "$extra" ""
expect_no_out "朝阳医药项目|4,000" "not its name or investment"
as_run "$HD" --format json project show 2
expect_no_out "朝阳医药项目|4,000|4000|医药|Health" "Haidian: nor in json"
as_run "$HD" project show 2
expect_no_out "朝阳医药项目|4,000|医药|Health" "Haidian: nor in the table"
as_fail 1 "Haidian: project edit 2 is refused" "$HD" project edit 2 --investment 9000
expect_err "another district|其他区|别的区" "saying it belongs to another district"
as_fail 1 "Haidian: project stage 2 is refused" "$HD" project stage 2 talks
as_fail 1 "Haidian: project history 2 is refused" "$HD" project history 2
expect_err "another district|其他区|别的区" "saying it belongs to another district"
expect_no_out "朝阳医药项目" "and prints nothing of it"
as_fail 1 "Haidian: project add in Chaoyang is refused" "$HD" project add --name 越界项目 \
	--enterprise 4 --industry 集成电路 --investment 100 --district chaoyang
run --db "$DB" --format tsv project show 2
is "project 2 keeps its investment" "$(show_field investment)" "4,000万元"
is "and its stage" "$(show_field stage)" Lead
run --db "$DB" --format tsv project list
expect_no_out "越界项目" "the Chaoyang project of Haidian was not stored"

as_ok "Haidian: issue list" "$HD" --format tsv issue list
expect_lines 2 "one issue"
expect_no_out "朝阳" "not Chaoyang's"
as_fail 1 "Haidian: a note on Chaoyang's issue is refused" "$HD" issue note 2 越界备注
as_ok "Haidian: a note on its own issue" "$HD" issue note 1 海淀备注
as_run "$HD" --format tsv issue show 2
expect_no_out "朝阳|用电" "Haidian: issue show 2 shows nothing of Chaoyang's issue"
as_fail 1 "Haidian: an issue on Chaoyang's project is refused" "$HD" issue open --project 2 \
	--category land --description 越界问题
run --db "$DB" --format tsv issue list
expect_lines 3 "so there are still two issues"

# Follow-ups: logged on one's own district's projects, read by the
# district and the city, corrected by their author alone.
as_ok "Haidian: a follow-up on its own project" "$HD" followup add --project 1 --type visit \
	--summary 海淀走访
expect_out "^1$" "is follow-up 1"
as_fail 1 "Haidian: a follow-up on Chaoyang's project is refused" "$HD" followup add --project 2 \
	--type visit --summary 越界走访
as_ok "Chaoyang: the log of Haidian's project's enterprise" "$CY" --format tsv followup list \
	--enterprise 1
expect_no_out "海淀走访" "shows nothing of Haidian's"
as_fail 1 "Chaoyang: correcting Haidian's follow-up is refused" "$CY" followup edit 1 \
	--summary 改 --reason 改
as_fail 1 "the city office cannot correct it either" "$CT" followup edit 1 --summary 改 --reason 改
as_ok "the city office reads it" "$CT" --format tsv followup list --project 1
expect_out "海淀走访" "whole"
as_ok "Haidian corrects its own, with a reason" "$HD" followup edit 1 --summary 海淀走访（更正） \
	--reason 补充
run --db "$DB" --format tsv audit
audit_has "$HD" "	update	followup	1	.*补充" "the audit log has the correction, its author and why"

as_ok "Haidian: project add in Haidian" "$HD" project add --name 海淀新增项目 --enterprise 3 \
	--industry 人工智能 --investment 5000 --district 海淀区
expect_out "^3$" "is project 3"
as_ok "Haidian: edit it" "$HD" project edit 3 --investment 6000
as_ok "Haidian: edit the Haidian project root made" "$HD" project edit 1 --investment 3500 --reason 海淀调整
run --db "$DB" --format tsv project show 3
is "project 3 was stored" "$(show_field name)" 海淀新增项目
is "with the new investment" "$(show_field investment)" "6,000万元"
is "entered by the Haidian officer" "$(show_field created_by)" 何海
run --db "$DB" --format tsv project show 1
is "project 1 has Haidian's change" "$(show_field investment)" "3,500万元"
as_ok "Haidian: history of its own project" "$HD" --format tsv project history 3
expect_out "	何海	" "names 何海"
modes_ok "after Haidian wrote under umask 077 the files are still group-writable"

as_fail 1 "Haidian: officer add is refused" "$HD" officer add --login zsxx$$ --name 某某 --role desk --district haidian
expect_err "administrator|管理员" "saying only administrators may"
as_fail 1 "Haidian: promoting itself is refused" "$HD" officer edit "$HD" --role city
run --db "$DB" --format tsv officer show "$HD"
expect_out "^role	[^	]*	Desk officer$" "Haidian is still a desk officer"
run --db "$DB" --format tsv officer list
expect_no_out "zsxx$$" "no officer was added"

# --- the Chaoyang desk officer, writing after Haidian ------------------------------------------
as_ok "Chaoyang: project list" "$CY" --format tsv project list
expect_lines 2 "Chaoyang lists one project"
expect_out "	朝阳医药项目	" "its own"
expect_no_out "海淀|Haidian" "none of Haidian's"
as_ok "Chaoyang: project show 3 (Haidian's new one)" "$CY" --format tsv project show 3
extra=$(sed 1d "$T/out" | cut -f1 | grep -Ev '^(id|enterprise|enterprise_name|district|stage)$' | tr '\n' ' ')
is "only enterprise, district and stage" "$extra" ""
as_fail 1 "Chaoyang: project edit 1 is refused" "$CY" project edit 1 --investment 1
as_fail 1 "Chaoyang: project history 3 is refused" "$CY" project history 3
as_ok "Chaoyang: edit its own project (files Haidian wrote)" "$CY" project edit 2 --investment 4500
as_ok "Chaoyang: project add in Chaoyang" "$CY" project add --name 朝阳新增项目 --enterprise 4 \
	--industry 新材料 --investment 2000 --district chaoyang
expect_out "^4$" "is project 4"
run --db "$DB" --format tsv project show 2
is "project 2 has Chaoyang's change" "$(show_field investment)" "4,500万元"
as_fail 1 "Chaoyang: officer add is refused" "$CY" officer add --login zsxx$$ --name 某某 --role admin
modes_ok "after Chaoyang wrote the files are still group-writable"

# --- the city office --------------------------------------------------------------------------
as_ok "city: project list" "$CT" --format tsv project list
expect_lines 5 "the city lists all four projects"
expect_out "	海淀新增项目	" "Haidian's"
expect_out "	朝阳新增项目	" "and Chaoyang's"
as_ok "city: search 项目" "$CT" --format tsv search 项目
expect_out "海淀芯片项目" "finds Haidian's"
expect_out "朝阳医药项目" "and Chaoyang's"
as_ok "city: project show 2" "$CT" --format tsv project show 2
is "with its name" "$(show_field name)" 朝阳医药项目
is "and investment" "$(show_field investment)" "4,500万元"
as_ok "city: edit a Haidian project" "$CT" project edit 3 --investment 7000 --reason 市级调整
as_ok "city: edit a Chaoyang project" "$CT" project edit 2 --investment 4800
# The officer's own files are written with the officer's own ids, never
# the database's group: a backup the city office makes is its own.
mkdir -m 0700 "$W/home/$CT/bk" && chown "$CT:$CT" "$W/home/$CT/bk"
as_ok "city: a backup of the server's database" "$CT" backup "$W/home/$CT/bk/copy"
is "the copy is the city officer's, not the database group's" \
	"$(stat -c '%U %G %a' "$W/home/$CT/bk/copy/data.mdb")" "$CT $CT 600"
as_fail 1 "Haidian (a desk officer) may not back up" "$HD" backup "$W/home/$HD/copy"
as_ok "city: history of a Haidian project" "$CT" --format tsv project history 3
expect_out "	何海	" "shows Haidian's change"
expect_out "	史城	" "and the city's"
run --db "$DB" --format tsv project show 3
is "project 3 has the city's change" "$(show_field investment)" "7,000万元"
as_ok "city: issue list" "$CT" --format tsv issue list
expect_lines 3 "both issues"
as_fail 1 "city: officer add is refused (not an administrator)" "$CT" officer add --login zsxx$$ --name 某某 --role desk

# --- an account that is no officer -------------------------------------------------------------
as_fail 1 "the non-officer account is refused" "$NO" project list
expect_err "$NO" "the message names the account"
expect_err "officer add" "and says how to be added"
expect_no_out "项目" "nothing is listed"
as_fail 1 "nor may it add a project" "$NO" project add --name 无名项目 --enterprise 1 \
	--industry 集成电路 --investment 1 --district haidian

# --- identity cannot be faked --------------------------------------------------------------------
FAKE="USER=$CT LOGNAME=$CT HOME=$W/home/$CT ZSDESK_LANG=$CT"
as_ok "Haidian with USER, LOGNAME, HOME and ZSDESK_LANG of the city officer: list" "$HD" --format tsv project list
expect_lines 3 "still only Haidian's two projects"
expect_no_out "朝阳|Chaoyang" "none of Chaoyang's"
as_ok "show 2" "$HD" --format tsv project show 2
expect_no_out "朝阳医药项目" "still without its name"
as_fail 1 "edit 2 still refused" "$HD" project edit 2 --investment 1
as_fail 1 "history 2 still refused" "$HD" project history 2
as_ok "an edit of its own project" "$HD" project edit 1 --investment 3600 --reason 假冒测试
FAKE="USER=root LOGNAME=root HOME=/root"
as_fail 1 "Haidian with USER=root: officer add still refused" "$HD" officer add --login zsxx$$ --name 某某 --role admin
FAKE="USER=$HD LOGNAME=$HD HOME=$W/home/$HD"
as_fail 1 "the non-officer with USER=Haidian is still refused" "$NO" project list
expect_err "$NO" "by its own name"
FAKE=
as_fail 1 "Haidian: --as the city officer is refused" "$HD" --as "$CT" project list
expect_err "single-user|单用户" "saying --as is for single-user databases"
run --as "$CT" --db "$DB" project list
if [ "$status" -eq 1 ]; then ok "even root: --as on the server's database is refused"; else not_ok "root --as on the server's database (exit $status)"; fi
as_fail 1 "Haidian: --as root is refused" "$HD" --as root officer add --login zsxx$$ --name 某某 --role admin
as_fail 1 "the non-officer: --as Haidian is refused" "$NO" --as "$HD" project list
run --db "$DB" --format tsv officer list
expect_no_out "zsxx$$" "no officer was added"
run --db "$DB" --format tsv project show 2
is "project 2 has only the city's change" "$(show_field investment)" "4,800万元"

# --- the shell cannot reach the data -------------------------------------------------------------
# sh_fails WHAT LOGIN COMMAND: the shell command, run as LOGIN, fails.
sh_fails() {
	if runuser -u "$2" -- sh -c "$3" >"$T/out" 2>"$T/err"; then not_ok "$1"; else ok "$1"; fi
}
sh_fails "Haidian's shell cannot list the database directory" "$HD" "ls '$DB'"
sh_fails "nor read data.mdb" "$HD" "cat '$DB/data.mdb' >/dev/null"
sh_fails "nor copy it" "$HD" "cp '$DB/data.mdb' /tmp/zs-stolen-$$"
sh_fails "nor dump it with mdb_dump" "$HD" "mdb_dump -a '$DB' >/dev/null"
sh_fails "nor delete lock.mdb" "$HD" "rm -f '$DB/lock.mdb' && test ! -e '$DB/lock.mdb'"
sh_fails "nor plant a link in it" "$HD" "ln -s /etc/passwd '$DB/data.mdb.restoring'"
sh_fails "nor write a file in it" "$HD" "echo x >'$DB/x'"
sh_fails "nor change the mode of data.mdb" "$HD" "chmod 0666 '$DB/data.mdb'"
sh_fails "the non-officer's shell cannot read it either" "$NO" "cat '$DB/data.mdb' >/dev/null"
rm -f /tmp/zs-stolen-$$
modes_ok "the files are as they were"

# LD_PRELOAD: the loader ignores it for a setgid program, and identity is
# the real uid anyway.
cat >"$W/shim.c" <<'SHIM'
#include <sys/types.h>
uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
SHIM
if cc -shared -fPIC -o "$W/shim.so" "$W/shim.c" 2>"$T/err"; then
	chmod 0755 "$W/shim.so"
	FAKE="LD_PRELOAD=$W/shim.so"
	as_fail 1 "Haidian with a getuid() shim in LD_PRELOAD: officer add is refused" "$HD" \
		officer add --login zsxx$$ --name 某某 --role admin
	as_ok "its edit goes in under its own login" "$HD" project edit 1 --investment 3700 --reason 预加载测试
	FAKE=
else
	not_ok "the LD_PRELOAD shim builds"
fi

# ZSDESK_* on the server change nothing: not the time, not the data.
FAKE="ZSDESK_NOW=2001-01-01T00:00+08:00 ZSDESK_DATADIR=$W/nowhere ZSDESK_DB=$W/nowhere"
as_ok "Haidian with ZSDESK_NOW, ZSDESK_DATADIR and ZSDESK_DB: an edit" "$HD" project edit 1 --investment 3800 --reason 时间测试
FAKE=
run --db "$DB" --format tsv audit
if grep 时间测试 "$T/out" | grep -q 2001-; then not_ok "the audit entry has the system's time, not 2001"; else ok "the audit entry has the system's time, not 2001"; fi
if [ -e "$W/nowhere" ]; then not_ok "ZSDESK_DB pointed nowhere and something was made there"; else ok "ZSDESK_DB was not followed"; fi
run --db "$DB" --format tsv project show 1
is "the edit went into the server's database" "$(show_field investment)" "3,800万元"

# A zsdesk that is not setgid cannot open the server's database at all.
runuser -u "$HD" -- "$W/as" "$W/bin/zsdesk-plain" --db "$DB" project list >"$T/out" 2>"$T/err"
status=$?
if [ "$status" -ne 0 ]; then ok "a copy of zsdesk that is not setgid cannot open it"; else not_ok "a copy that is not setgid opened it"; fi

# The old layout, where the officers' accounts are in the database's
# group, is refused with the way to migrate.
OLD=$W/old
run --db "$OLD" init --profile beijing
run --db "$OLD" officer add --login "$HD" --name 何海 --role desk --district haidian
chgrp -R "$HD" "$OLD" && chmod 2770 "$OLD" && chmod 0660 "$OLD"/*.mdb
runuser -u "$HD" -- "$W/as" "$W/bin/zsdesk-plain" --db "$OLD" project list >"$T/out" 2>"$T/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'zsdesk-setup-server --migrate' "$T/err"; then
	ok "the old group-writable layout is refused, naming zsdesk-setup-server --migrate"
else
	not_ok "the old group-writable layout was not refused (exit $status)"
fi
if sh "$SETUP" --group "$G" --dir "$OLD" --binary "$ZS" --migrate >"$T/out" 2>"$T/err"; then
	ok "zsdesk-setup-server --migrate moves it to the safe layout"
else
	not_ok "--migrate failed"
fi
expect_out "$HD" "and names the accounts that were in the old group"
runuser -u "$HD" -- "$W/as" "$ZS" --db "$OLD" project list >"$T/out" 2>"$T/err"
status=$?
if [ "$status" -eq 0 ]; then ok "after --migrate the officer works through the setgid zsdesk"; else not_ok "after --migrate the officer cannot work (exit $status)"; fi
sh_fails "and its shell no longer reaches the files" "$HD" "cat '$OLD/data.mdb' >/dev/null"

# Making a server's database: root only, a group with no members, a safe
# directory.
as_run "$HD" --db "$W/mine" init --shared --group "$G"
if [ "$status" -ne 0 ] && grep -q root "$T/err"; then ok "init --shared by an officer is refused: it is root's"; else not_ok "init --shared by an officer (exit $status)"; fi
run --db "$W/other" init --shared --group "$HD"
if [ "$status" -ne 0 ] && grep -q "$HD" "$T/err"; then ok "init --shared with a group that has members is refused"; else not_ok "init --shared with a group that has members (exit $status)"; fi
mkdir -m 0777 "$W/wide"
run --db "$W/wide" init --shared --group "$G"
if [ "$status" -ne 0 ] && grep -q 2770 "$T/err"; then ok "init --shared in a directory open to all is refused, saying what to fix"; else not_ok "init --shared in a 0777 directory (exit $status)"; fi

# --- the audit trail ------------------------------------------------------------------------------
as_ok "Haidian: audit" "$HD" --format tsv audit
audit_only "$HD" "only Haidian's own entries"
audit_has "$HD" "	create	project	3	" "its project 3"
audit_has "$HD" "	update	project	1	.*假冒测试" "the edit with the faked environment, under its own login"
hd_rows=$(audit_rows)
as_run "$HD" --format tsv audit --officer "$CT"
is "Haidian: audit --officer city shows none of the city's" "$(audit_rows "$CT")" 0
as_ok "Chaoyang: audit" "$CY" --format tsv audit
audit_only "$CY" "only Chaoyang's own entries"
audit_has "$CY" "	create	project	4	" "its project 4"
audit_has "$CY" "	update	project	2	" "its edit of project 2"
as_ok "city: audit --officer Haidian" "$CT" --format tsv audit --officer "$HD"
audit_only "$HD" "Haidian's entries"
is "all of them" "$(audit_rows)" "$hd_rows"
as_ok "city: audit" "$CT" --format tsv audit
audit_has "$CT" "	update	project	3	.*市级调整" "the city's edit under the city's login"
audit_has "$HD" "	update	project	1	.*海淀调整" "Haidian's under Haidian's"
audit_has "$CY" "	create	project	4	" "Chaoyang's under Chaoyang's"
audit_has root "	create	project	1	" "root's under root"
is "the faked edit is not under the city's login" "$(audit_rows "$CT" 假冒测试)" 0
run --db "$DB" --format tsv audit
is "no entry under the non-officer" "$(audit_rows "$NO")" 0

# --- at the end ------------------------------------------------------------------------------------
modes_ok "the files are still group-owned and group-writable, the directory setgid"
run --db "$DB" check
expect_out "^ok: " "zsdesk check passes"
finish
