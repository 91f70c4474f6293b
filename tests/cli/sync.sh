#!/bin/sh
# sync.sh - three copies of one city (the city, a district laptop, a
# second laptop) edit apart and exchange by bundle file and over a fake
# ssh that runs the other side here: they converge to the same records
# and conflict queue; a bundle imported twice changes nothing; a cut
# bundle resumes; an altered byte, an unknown node and a revoked node are
# refused, saying which; a laptop receives only its district's projects
# and the city refuses what the laptop's officers could not have done.
. "$TESTLIB"

C="$T/city" L="$T/lap" M="$T/lap2"
export ZSDESK_DB="$C"

expect_ok "the city's database" init --profile jiaxing --single-user
expect_ok "an officer of Nanhu" officer add --login wang --name 王五 --role desk --district nanhu
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司 --credit-code 91330400MA2B3C4D56
expect_ok "a Nanhu project" project add --name 华芯功率芯片项目 --enterprise 1 --industry 集成电路 \
	--investment 12亿 --district nanhu --park 科技城
expect_ok "a Xiuzhou project" project add --name 秀洲新材料项目 --enterprise 1 --industry 新材料 \
	--investment 3亿 --district xiuzhou

# --- identities ---
expect_fail 1 "no export before the copy has a key" sync export --for 2 "$T/x.zsb"
expect_err "node init" "saying how to make one"
expect_ok "the city makes its key pair" node init
expect_out "^node 1, key [0-9a-f]{64}$" "and prints number and key"
run node show
CK=$(sed -n 's/^key //p' "$T/out")
expect_ok "a copy for the laptop" backup "$L"
expect_ok "and one for a second laptop" backup "$M"
expect_ok "the laptop becomes node 2" --db "$L" node init --node 2
expect_fail 1 "the second laptop cannot take number 1" --db "$M" node init --node 1
expect_err "already made changes held in this copy" "saying why"
expect_ok "the second laptop becomes node 3" --db "$M" node init --node 3
# A node number is one byte of every clock stamp: 1 to 255.
expect_ok "a copy to number" backup "$T/n255"
expect_fail 2 "node 256 is refused at init" --db "$T/n255" node init --node 256
expect_err "1 to 255, not 256" "saying the range"
expect_ok "node 255 is taken" --db "$T/n255" node init --node 255
expect_out "^node 255, key " "and shown"
expect_fail 2 "node 300 is refused at enrolment" node enroll 300 --key "$(printf '%064d' 0)"
expect_err "1 to 255, not 300" "saying the range"
run --db "$L" node show
LK=$(sed -n 's/^key //p' "$T/out")
run --db "$M" node show
MK=$(sed -n 's/^key //p' "$T/out")
if [ "$LK" != "$CK" ] && [ "$MK" != "$LK" ]; then ok "each copy has a key of its own"; else not_ok "each copy has a key of its own"; fi
expect_fail 2 "enrolling needs a key" node enroll 2
expect_fail 1 "a key that is not 64 hex digits is refused" node enroll 2 --key abc
expect_fail 1 "an unknown officer is refused" node enroll 2 --key "$LK" --officers nobody
expect_ok "the city enrolls the laptop for Nanhu" node enroll 2 --key "$LK" --district 南湖区 \
	--officers "$(id -un),wang" --name 南湖笔记本
expect_ok "the city enrolls the second laptop" node enroll 3 --key "$MK" --officers wang
expect_ok "the laptop enrolls the city" --db "$L" node enroll 1 --key "$CK"
expect_ok "the second laptop enrolls the city" --db "$M" node enroll 1 --key "$CK"
expect_ok "node list" node list --format tsv
expect_out "^2	南湖笔记本	南湖区	" "shows the laptop, its district"
run audit
expect_out "node-enroll" "enrolment is in the audit log"

# --- offline edits, then the laptop's bundle to the city ---
expect_ok "the laptop edits the Nanhu project" --db "$L" project edit 1 --park 南湖基金小镇
expect_ok "the city edits another field of it" project edit 1 --industry 新能源
expect_ok "the laptop exports for the city" --db "$L" sync export --for 1 "$T/l1.zsb"
expect_out "for node 1" "saying for whom"
expect_ok "the city imports it" sync import "$T/l1.zsb"
expect_out "from node 2: .* operations applied" "saying what it did"
run project show 1 --format tsv
expect_out "^park	.*	南湖基金小镇$" "the laptop's edit is in the city"
expect_out "^industry	.*	New energy$" "and the city's own edit stands"
run audit --format tsv
cp "$T/out" "$T/audit1"
expect_ok "importing the same bundle again" sync import "$T/l1.zsb"
expect_out " 0 operations applied" "applies nothing"
run audit --format tsv
if cmp -s "$T/out" "$T/audit1"; then ok "and writes nothing"; else not_ok "and writes nothing"; fi

# --- the city's bundle to the laptop: only its district ---
expect_ok "the city exports for the laptop" sync export --for 2 "$T/c2.zsb"
expect_out "withheld" "withholding what is not its district's"
expect_ok "the laptop imports it" --db "$L" sync import "$T/c2.zsb"
run --db "$L" project show 1 --format tsv
expect_out "^industry	.*	New energy$" "the city's edit is on the laptop"

# --- tampering and trust ---
cp "$T/c2.zsb" "$T/bad.zsb"
size=$(wc -c <"$T/bad.zsb")
printf 'X' | dd of="$T/bad.zsb" bs=1 seek=$((size - 120)) conv=notrunc 2>/dev/null
expect_fail 1 "an altered byte is refused" --db "$L" sync import "$T/bad.zsb"
expect_err "batch [0-9]+ (is damaged|was altered)" "naming the batch"
head -c $((size - 40)) "$T/c2.zsb" >"$T/cut.zsb"
expect_fail 1 "a cut bundle is refused" --db "$L" sync import "$T/cut.zsb"
expect_err "cut off" "saying it was cut off"
expect_fail 1 "a bundle from an unenrolled node is refused" --db "$M" sync import "$T/l1.zsb"
expect_err "node 2, which is not enrolled" "naming the node"
expect_fail 1 "a bundle for another node is refused" --db "$M" sync import "$T/c2.zsb"
expect_err "is for node 2" "saying for which"

# --- the second laptop edits as an officer it does not speak for ---
expect_ok "the second laptop edits" --db "$M" project edit 2 --industry 生物医药
expect_ok "and exports for the city" --db "$M" sync export --for 1 "$T/m1.zsb"
expect_ok "the city imports it" sync import "$T/m1.zsb"
expect_err "refused: project 2 by officer" "refusing an edit by an officer not enrolled with it"
run project show 2 --format tsv
expect_no_out "Biomedicine" "which is not applied"

# --- concurrent edits of one field, and of a stage ---
expect_ok "the laptop changes the industry" --db "$L" project edit 1 --industry 生物医药
expect_ok "the city changes it too" project edit 1 --industry 集成电路
expect_ok "the laptop moves the stage" --db "$L" project stage 1 talks
expect_ok "the laptop's bundle" --db "$L" sync export --for 1 "$T/l3.zsb"
expect_ok "the city imports it" sync import "$T/l3.zsb"
expect_out "[1-9][0-9]* conflicts" "finding a conflict"
expect_ok "the city's bundle" sync export --for 2 "$T/c3.zsb"
expect_ok "the laptop imports it" --db "$L" sync import "$T/c3.zsb"
run conflict list --format tsv
cp "$T/out" "$T/cq"
run --db "$L" conflict list --format tsv
if cmp -s "$T/out" "$T/cq"; then ok "both copies hold the same conflict queue"; else not_ok "both copies hold the same conflict queue"; fi
expect_out "	Industry	" "naming the field"
CID=$(grep "	Industry	" "$T/cq" | cut -f1)
for db in "$C" "$L"; do
	"$ZSDESK" --db "$db" project show 1 --format tsv >"$T/show.$(basename "$db")"
done
if cmp -s "$T/show.city" "$T/show.lap"; then ok "both show the same provisional value"; else not_ok "both show the same provisional value"; fi
expect_fail 2 "resolve needs --take or --value" conflict resolve "$CID"
expect_fail 1 "an unknown conflict" conflict resolve 00000000 --take A
expect_ok "the laptop resolves it with a new value" --db "$L" conflict resolve "$CID" --value 新材料
run --db "$L" conflict list --format tsv
expect_no_out "	Industry	" "the conflict is gone there"

# --- over ssh: a stand-in that runs the other side here ---
mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SSH'
#!/bin/sh
# Runs the remote command here, as ssh would there.
while [ $# -gt 0 ]; do
	case $1 in
	-e) shift 2 ;;
	--) shift; break ;;
	-*) shift ;;
	*) break ;;
	esac
done
shift
exec sh -c "$*"
SSH
chmod +x "$T/bin/ssh"
export ZSDESK_SSH="$T/bin/ssh" ZSDESK_REMOTE="$ZSDESK"
expect_ok "the laptop syncs with the city over ssh" --db "$L" sync ssh "localhost:$C"
expect_out "from node 1" "receiving"
expect_out "to node 1" "and sending"
run conflict list --format tsv
expect_no_out "	Industry	" "the resolution cleared the conflict in the city"
expect_ok "the second laptop syncs over ssh" --db "$M" sync ssh "localhost:$C"
expect_ok "the laptop again, to take what the second brought" --db "$L" sync ssh "localhost:$C"
# An officer enrolled with the laptop may serve it on the city's copy as
# himself; another may not.
sed 's/exec sh -c "\$\*"/exec sh -c "$* --as $SSH_AS"/' "$T/bin/ssh" >"$T/bin/ssh-as"
chmod +x "$T/bin/ssh-as"
expect_ok "an officer of Xiuzhou" officer add --login zhao --name 赵六 --role desk --district xiuzhou
SSH_AS=wang ZSDESK_SSH="$T/bin/ssh-as" run --db "$L" sync ssh "localhost:$C"
if [ "$status" -eq 0 ]; then ok "wang, enrolled with the laptop, serves it"; else not_ok "wang, enrolled with the laptop, serves it"; fi
SSH_AS=zhao ZSDESK_SSH="$T/bin/ssh-as" run --db "$L" sync ssh "localhost:$C"
if [ "$status" -ne 0 ] && grep -q "only an administrator or the city office" "$T/err"; then
	ok "zhao, not enrolled with it, may not"
else
	not_ok "zhao, not enrolled with it, may not"
fi
# A link cut in the middle: the other side's stream stops after a few
# hundred bytes; the next exchange takes up where it stopped.
cat >"$T/bin/ssh-cut" <<'SSH'
#!/bin/sh
# As the stand-in ssh, with the link cut after 700 bytes from the other
# side: whoever reads them sees the end there, as on a dropped link.
while [ $# -gt 0 ]; do
	case $1 in -e) shift 2 ;; --) shift; break ;; -*) shift ;; *) break ;; esac
done
shift
exec 3>&1 4<&0 >/dev/null </dev/null
sh -c "$*" <&4 4<&- 3>&- | head -c 700 >&3 3>&- 4<&- &
exec 3>&- 4<&-
wait
SSH
chmod +x "$T/bin/ssh-cut"
i=0
while [ "$i" -lt 30 ]; do
	i=$((i + 1))
	"$ZSDESK" project edit 1 --contact "经办$i" >/dev/null 2>&1
done
ZSDESK_SSH="$T/bin/ssh-cut" run --db "$L" sync ssh "localhost:$C"
if [ "$status" -ne 0 ] && grep -Eq "cut off|ends" "$T/err"; then ok "a cut link fails saying so"; else not_ok "a cut link fails saying so"; fi
expect_ok "the next exchange goes on" --db "$L" sync ssh "localhost:$C"
run --db "$L" project show 1 --format tsv
expect_out "^contact	.*	经办30$" "and brings the rest"
expect_fail 2 "a host that is not a plain word" --db "$L" sync ssh "x;rm:/tmp"

# --- convergence: the laptop's district is the same everywhere ---
for db in "$C" "$L"; do
	"$ZSDESK" --db "$db" project show 1 --format tsv >"$T/p1.$(basename "$db")"
	"$ZSDESK" --db "$db" conflict list --format tsv >"$T/q.$(basename "$db")"
	"$ZSDESK" --db "$db" enterprise list --format tsv >"$T/e.$(basename "$db")"
done
if cmp -s "$T/p1.city" "$T/p1.lap"; then ok "city and laptop hold the same project"; else not_ok "city and laptop hold the same project"; diff "$T/p1.city" "$T/p1.lap" | sed 's/^/# /'; fi
if cmp -s "$T/q.city" "$T/q.lap"; then ok "and the same conflict queue"; else not_ok "and the same conflict queue"; diff "$T/q.city" "$T/q.lap" | sed 's/^/# /'; fi
if cmp -s "$T/e.city" "$T/e.lap"; then ok "and the same enterprises"; else not_ok "and the same enterprises"; fi
cp "$T/p1.city" "$T/out"
expect_out "^industry	.*	New materials$" "holding the resolution's value"
for db in "$C" "$L" "$M"; do
	expect_ok "zsdesk check on $(basename "$db")" --db "$db" check
done

# --- revocation ---
expect_ok "the city revokes the second laptop" node revoke 3 --reason 遗失
expect_ok "which edits on" --db "$M" project edit 1 --industry 新能源
expect_ok "and exports" --db "$M" sync export --for 1 "$T/m2.zsb"
expect_fail 1 "its bundle is refused" sync import "$T/m2.zsb"
expect_err "node 3, whose enrolment is revoked" "saying it is revoked"
expect_fail 1 "nothing is exported to it" sync export --for 3 "$T/x.zsb"
expect_fail 1 "revoke needs an enrolled node" node revoke 9 --reason x
expect_fail 2 "revoke needs a reason" node revoke 2

# --- a laptop whose clock runs months ahead ---
ZSDESK_NOW=2027-03-01T10:00+08:00 run --db "$L" project edit 1 --park 科技城
if [ "$status" -eq 0 ]; then ok "the laptop edits with its clock ahead"; else not_ok "the laptop edits with its clock ahead"; fi
expect_ok "its bundle" --db "$L" sync export --for 1 "$T/ahead.zsb"
expect_ok "is taken by the city" sync import "$T/ahead.zsb"
expect_err "clock is [0-9]+ minutes ahead" "saying the laptop's clock is ahead"
run project show 1 --format tsv
expect_out "^park	.*	科技城$" "with the edit"
expect_ok "the city edits on" project edit 1 --park 南湖基金小镇
expect_ok "and sends it" sync export --for 2 "$T/after.zsb"
expect_ok "the laptop takes it" --db "$L" sync import "$T/after.zsb"
run --db "$L" project show 1 --format tsv
expect_out "^park	.*	南湖基金小镇$" "the city's edit, made on the laptop's, holds the field on both"
run project show 1 --format tsv
expect_out "^park	.*	南湖基金小镇$" "in the city too"

# --- the working-day calendar travels too ---
expect_ok "the city office makes a day a holiday" calendar set 2026-12-31 holiday --name 调休测试
run audit --format tsv
expect_out "calendar" "which is in the audit log"
expect_ok "the city's bundle" sync export --for 2 "$T/cal.zsb"
expect_ok "the laptop imports it" --db "$L" sync import "$T/cal.zsb"
run --db "$L" calendar show --year 2026 --format tsv
expect_out "^2026-12-31	.*	调休测试$" "the laptop's calendar has the holiday"

# --- officers, districts and the calendar travel both ways ---
expect_ok "the city adds an officer" officer add --login sun --name 孙七 --role manager --district nanhu
expect_ok "and a park to Nanhu" district edit nanhu --parks 科技城,南湖基金小镇,新加园区
expect_ok "the laptop renames an officer" --db "$L" officer edit wang --name 王五新
expect_ok "adds a district" --db "$L" district add --code ztq --name 测试新区
expect_ok "and makes a Sunday a workday" --db "$L" calendar set 2026-12-27 workday --name 补班测试
expect_ok "the laptop's bundle" --db "$L" sync export --for 1 "$T/od.zsb"
expect_ok "the city imports it" sync import "$T/od.zsb"
expect_no_out " [1-9][0-9]* refused" "refusing none of it"
expect_ok "the city's bundle" sync export --for 2 "$T/od2.zsb"
expect_ok "the laptop imports it" --db "$L" sync import "$T/od2.zsb"
for db in "$C" "$L"; do
	"$ZSDESK" --db "$db" officer list --format tsv >"$T/off.$(basename "$db")"
	"$ZSDESK" --db "$db" district list --format tsv >"$T/dis.$(basename "$db")"
	"$ZSDESK" --db "$db" calendar show --year 2026 --format tsv >"$T/cal.$(basename "$db")"
done
cp "$T/off.city" "$T/out"
expect_out "	王五新	" "the laptop's officer change is in the city"
cp "$T/off.lap" "$T/out"
expect_out "	sun	" "the city's new officer is on the laptop"
cp "$T/dis.city" "$T/out"
expect_out "	测试新区	" "the laptop's district is in the city"
cp "$T/dis.lap" "$T/out"
expect_out "新加园区" "the city's park is on the laptop"
cp "$T/cal.city" "$T/out"
expect_out "^2026-12-27	.*	补班测试$" "the laptop's workday is in the city's calendar"
for what in off dis cal; do
	if cmp -s "$T/$what.city" "$T/$what.lap"; then ok "city and laptop hold the same $what list"; else not_ok "city and laptop hold the same $what list"; diff "$T/$what.city" "$T/$what.lap" | sed 's/^/# /'; fi
done

# --- an officer's saved filters travel with the officer ---
expect_ok "on the laptop an officer saves a filter" --db "$L" filter save 南湖在谈 --district nanhu --stage talks
expect_ok "and another" --db "$L" filter save 大项目 --min 10亿
expect_ok "in the city one of their own" filter save 城里的 --industry 新材料
expect_ok "the laptop's bundle" --db "$L" sync export --for 1 "$T/f1.zsb"
expect_ok "the city imports it" sync import "$T/f1.zsb"
run filter list --format tsv
expect_out "^南湖在谈$" "the laptop's filter is in the city"
expect_out "^城里的$" "beside the city's own"
run project list --saved 南湖在谈 --format tsv
if [ "$status" -eq 0 ]; then ok "and opens there"; else not_ok "and opens there"; fi
expect_ok "the city's bundle" sync export --for 2 "$T/f2.zsb"
expect_ok "the laptop imports it" --db "$L" sync import "$T/f2.zsb"
run --db "$L" filter list --format tsv
expect_out "^城里的$" "the city's filter is on the laptop"
expect_ok "the city deletes one it received" filter delete 大项目
expect_ok "both copies change one apart" filter save 南湖在谈 --district nanhu --stage signed
expect_ok "(the laptop too)" --db "$L" filter save 南湖在谈 --district nanhu --stage lead
expect_ok "the city's bundle" sync export --for 2 "$T/f3.zsb"
expect_ok "the laptop's bundle" --db "$L" sync export --for 1 "$T/f4.zsb"
expect_ok "the laptop imports" --db "$L" sync import "$T/f3.zsb"
expect_ok "the city imports" sync import "$T/f4.zsb"
run --db "$L" filter list --format tsv
expect_no_out "^大项目$" "the delete reached the laptop"
for db in "$C" "$L"; do
	"$ZSDESK" --db "$db" filter list --format tsv >"$T/fl.$(basename "$db")"
	"$ZSDESK" --db "$db" project list --saved 南湖在谈 --format tsv >"$T/fs.$(basename "$db")"
done
if cmp -s "$T/fl.city" "$T/fl.lap" && cmp -s "$T/fs.city" "$T/fs.lap"; then
	ok "city and laptop hold the same filters, the later change of the one made apart"
else
	not_ok "city and laptop hold the same filters, the later change of the one made apart"
	diff "$T/fs.city" "$T/fs.lap" | sed 's/^/# /'
fi

# --- kill -9 in the middle of an import, then the import again ---
i=0
while [ "$i" -lt 120 ]; do
	i=$((i + 1))
	"$ZSDESK" project edit 1 --contact "联系人$i" >/dev/null 2>&1
done
expect_ok "120 edits in the city, for the laptop" sync export --for 2 "$T/big.zsb"
"$ZSDESK" --db "$L" sync import "$T/big.zsb" >/dev/null 2>&1 &
pid=$!
sleep 0.05
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_ok "the import again after kill -9" --db "$L" sync import "$T/big.zsb"
run --db "$L" project show 1 --format tsv
expect_out "^contact	.*	联系人120$" "the last edit arrived"
expect_ok "the laptop checks clean" --db "$L" check
expect_ok "a third import" --db "$L" sync import "$T/big.zsb"
expect_out " 0 operations applied" "applies nothing"

# --- one enterprise entered on two copies ---
expect_ok "the laptop enters an enterprise" --db "$L" enterprise add --name 嘉兴同源科技有限公司 --credit-code 91330402MA2B3C4D79
expect_ok "the city enters the same one" enterprise add --name 嘉兴同源科技股份公司 --credit-code 91330402MA2B3C4D79
expect_ok "and the laptop a new project" --db "$L" project add --name 同源新项目 --enterprise 1 \
	--industry 集成电路 --investment 1亿 --district nanhu
expect_ok "the laptop's bundle" --db "$L" sync export --for 1 "$T/l2.zsb"
expect_ok "is imported, the rest of it applied" sync import "$T/l2.zsb"
expect_err "refused: enterprise .* same unique value" "the clash is refused and listed"
run enterprise list --format tsv
if [ "$(grep -c 91330402MA2B3C4D79 "$T/out")" -eq 1 ]; then ok "the city holds the code once"; else not_ok "the city holds the code once"; fi
run project list --format tsv
expect_out "同源新项目" "the laptop's new project is in the city"
expect_ok "zsdesk check after the refusal" check

finish
