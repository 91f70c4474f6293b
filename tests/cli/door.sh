#!/bin/sh
# door.sh - what core lets in: text without control characters, overrides
# or invisible-only names; reasons and notes of at most 2,000 characters;
# amounts without a unit in 万元 whatever the currency before; verbs that
# meet others' saves re-read and re-apply instead of failing; other
# officers' logins and phones and other districts' versions not shown.
. "$TESTLIB"

expect_ok "a single-user Beijing database" init --profile beijing --single-user
expect_ok "an enterprise" enterprise add --name 北京星河科技有限公司
expect_ok "a project" project add --name 星河一期 --enterprise 1 --industry 集成电路 \
	--investment 5000 --district haidian

# --- text at the door ---
esc=$(printf '\033]52;c;aGk=\007')
expect_fail 1 "a name with ESC and BEL is refused" enterprise add --name "恶意${esc}公司"
expect_err "Enterprise name" "naming the field"
expect_err "control character" "and what is wrong"
expect_fail 1 "a name with a C1 character is refused" enterprise add --name "$(printf 'C1\302\233公司')"
expect_fail 1 "a name with a direction override is refused" enterprise add --name "$(printf 'abc\342\200\256def')"
expect_err "override" "saying it can disguise the text"
expect_fail 1 "a name of only a zero-width space is refused" enterprise add --name "$(printf '\342\200\213')"
expect_err "visible" "saying it has no visible character"
expect_fail 1 "a name of full-width spaces and zero-width joiners is refused" \
	enterprise add --name "$(printf '\343\200\200\342\200\215\343\200\200')"
expect_fail 1 "a reason with ESC is refused" project edit 1 --investment 6000 --reason "x${esc}"
expect_err "Reason" "naming the reason"
long=$(printf '%2001s' '' | tr ' ' 'a')
expect_fail 1 "a reason of 2001 characters is refused" project edit 1 --investment 6000 --reason "$long"
expect_err "2000" "saying the limit"
ok2000=$(python3 -c 'print("理" * 2000, end="")')
expect_ok "a reason of 2000 Chinese characters is kept" project edit 1 --investment 6000 --reason "$ok2000"
expect_ok "an issue" issue open --project 1 --category land --description 用地
expect_fail 1 "an issue note with BEL is refused" issue note 1 "$(printf 'ding\007')"
run --format tsv project show 1
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', wanted '$3')"; fi; }
show_field() { awk -F'\t' -v f="$1" '$1 == f { print $3 }' "$T/out"; }
is "nothing refused was saved" "$(show_field investment)" "6,000万元"

# --- amounts: no unit means 万元 ---
expect_ok "an amount in 美元" project edit 1 --investment 1.5亿美元
run --format tsv project show 1
is "saved in 美元" "$(show_field investment)" "15,000万美元"
expect_ok "corrected to 12亿 with no currency word" project edit 1 --investment 12亿
run --format tsv project show 1
is "it is 12亿元, not 12亿美元" "$(show_field investment)" "120,000万元"
expect_ok "a bare number on it" project edit 1 --investment 300
run --format tsv project show 1
is "is 300万元" "$(show_field investment)" "300万元"
expect_fail 1 "10,000,001亿 is out of range" project edit 1 --investment 10000001亿
expect_err "1000万亿" "and the message says the real limit"

# --- verbs meet others' saves ---
expect_ok "a manager" officer add --login mgr1 --name 管一 --role manager --district haidian
expect_ok "a second issue" issue open --project 1 --category power --description 用电
fails=0
i=0
while [ $i -lt 12 ]; do
	"$ZSDESK" project edit 1 --contact "联系人$i" >"$T/o1" 2>&1 &
	p1=$!
	"$ZSDESK" project prereport 1 >"$T/o2" 2>&1 &
	p2=$!
	"$ZSDESK" issue note 1 "第${i}次备注" >"$T/o3" 2>&1 &
	p3=$!
	"$ZSDESK" project edit 1 --phone "1380000000$((i % 10))" >"$T/o4" 2>&1 &
	p4=$!
	"$ZSDESK" issue note 2 "另一条$i" >"$T/o5" 2>&1 &
	p5=$!
	for p in $p1 $p2 $p3 $p4 $p5; do
		wait "$p" || fails=$((fails + 1))
	done
	i=$((i + 1))
done
if [ "$fails" -eq 0 ]; then ok "60 concurrent edits, pre-reports and notes on one project: none fails"; else not_ok "$fails of 60 concurrent changes failed"; cat "$T"/o? | sed 's/^/#   /' | head; fi
run --format tsv issue show 1
expect_out "第11次备注|第1[01]次" "the notes went in"
run check
expect_out "^ok: " "zsdesk check passes after them"

# --- what an officer does not see ---
expect_ok "a Chaoyang desk officer" officer add --login cy1 --name 曹一 --role desk --district chaoyang --phone 13900000000
expect_ok "a Haidian desk officer" officer add --login hd1 --name 何一 --role desk --district haidian
run --as hd1 --format tsv officer show cy1
expect_no_out "13900000000" "a desk officer does not see another officer's phone"
expect_no_out "	cy1" "nor their login"
expect_out "曹一" "but sees their name"
run --as hd1 --format tsv officer show hd1
expect_out "	hd1" "and sees their own login"
run --format tsv officer show cy1
expect_out "13900000000" "the administrator sees the phone"
expect_ok "a Chaoyang project" project add --name 朝阳一期 --enterprise 1 --industry 集成电路 \
	--investment 5000 --district chaoyang
expect_ok "changed twice" project edit 2 --investment 5100
expect_fail 3 "Haidian: edit --expect-version 9 of Chaoyang's project" --as hd1 project edit 2 --investment 1 --expect-version 9
expect_no_out "version 2" "does not tell the version"
if grep -q "version 2" "$T/err"; then not_ok "the message tells Chaoyang's version"; else ok "the message does not tell Chaoyang's version"; fi

# --- profiles are regular files of a sane size ---
expect_fail 1 "init --profile /dev/zero is refused at once" --db "$T/z1" init --profile /dev/zero
expect_err "regular file" "as not a regular file"
mkfifo "$T/fifo"
if timeout 10 "$ZSDESK" --db "$T/z2" init --profile "$T/fifo" >"$T/out" 2>"$T/err"; then
	not_ok "init --profile FIFO succeeded"
elif [ $? -eq 124 ]; then
	not_ok "init --profile FIFO hangs"
else
	ok "init --profile FIFO is refused without waiting"
fi
head -c 5000000 /dev/zero | tr '\0' '#' >"$T/big.profile"
expect_fail 1 "a 5 MB profile is refused" --db "$T/z3" init --profile "$T/big.profile"
expect_err "larger than" "saying it is too large"

# --- a mistyped database is not made ---
expect_fail 1 "project list on a database that does not exist" --db "$T/nosuch" project list
if [ -e "$T/nosuch" ]; then not_ok "it made $T/nosuch"; else ok "and made nothing"; fi
expect_fail 1 "project add there neither" --db "$T/nosuch" project add --name x --enterprise 1
if [ -e "$T/nosuch" ]; then not_ok "it made $T/nosuch"; else ok "and made nothing"; fi
finish
