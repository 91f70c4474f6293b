#!/bin/sh
# rules-around.sh - the ways around a rule a new officer tried (review of 2026-11-30): a service
# manager named through the edit path (project edit --manager, --set manager=, import, undo,
# bulk, intake) meets the rules of `manager assign`; stage jumps and back-dated stages meet every
# gate; dates before the project was entered; an issue escalated by its own desk officer.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

at 2026-11-23
expect_ok "a single-user Beijing database" init --profile beijing --single-user
expect_ok "a Haidian desk officer" officer add --login desk_hd --name 海淀专员 --role desk \
	--district 海淀区
expect_ok "the Haidian lead" officer add --login lead_hd --name 海淀领导 --role lead --district 海淀区
expect_ok "a Haidian service manager" officer add --login m_hd --name 李管 --role manager \
	--district 海淀区
expect_ok "a second Haidian manager" officer add --login m_hd2 --name 王管 --role manager \
	--district 海淀区
expect_ok "a Haidian manager who left" officer add --login m_old --name 何文博 --role manager \
	--district 海淀区
expect_ok "he is inactive" officer edit m_old --active no
expect_ok "a Dongcheng lead" officer add --login lead_dc --name 单华 --role lead --district 东城区
expect_ok "a Chaoyang manager" officer add --login m_cy --name 孙朝 --role manager --district 朝阳区
expect_ok "a city-office officer" officer add --login city1 --name 市中心 --role city
expect_ok "an enterprise" enterprise add --name 北京绕规测试有限公司 --credit-code 91110108MA01XH001B
expect_ok "the desk officer's project in talks" --as desk_hd project add --name 芯片一期 \
	--enterprise 1 --industry 集成电路 --investment 2亿 --district 海淀区 --stage talks
expect_out "^1$" "is project 1"

# --- 1. the service manager, by every path ---------------------------------------------
expect_fail 1 "project edit --manager by the desk officer" --as desk_hd project edit 1 --manager 李管
expect_err "only the project's district lead" "names who may"
expect_err "ask your district lead" "and sends to the district lead"
expect_fail 1 "--set manager= by the desk officer" --as desk_hd project edit 1 --set manager=李管
expect_err "district lead" "the same rule"
expect_fail 1 "an intake naming a manager" --as desk_hd project add --name 芯片二期 --enterprise 1 \
	--industry 集成电路 --investment 1000万 --district 海淀区 --manager 李管
expect_err "district lead" "the same rule at intake"
expect_fail 1 "bulk-assign by the desk officer" --as desk_hd project bulk-assign m_hd --ids 1 \
	--reason 试
is "project 1 has no manager" "$(val project 1 manager)" ""
printf '系统编号,企业名称,项目名称,服务管家\n1,北京绕规测试有限公司,芯片一期,李管\n' >"$T/m.csv"
run --as desk_hd import projects "$T/m.csv"
[ "$status" -eq 1 ] && grep -q "district lead" "$T/m-rejected.csv" &&
	ok "an import naming a manager by the desk officer: rejected, saying who may" ||
	not_ok "an import naming a manager by the desk officer is rejected"
is "still no manager" "$(val project 1 manager)" ""

expect_fail 1 "the lead: an inactive officer" --as lead_hd project edit 1 --manager 何文博
expect_err "何文博 is inactive" "says he is inactive"
expect_fail 1 "the lead: root" --as lead_hd project edit 1 --manager root
expect_err "root cannot be a service manager: only a service manager, desk officer or district lead" \
	"says which roles may"
expect_fail 1 "the lead: another district's lead" --as lead_hd project edit 1 --manager 单华
expect_err "单华 works in another district.*海淀区" "names the project's district"
expect_fail 1 "the lead: another district's manager by --set" --as lead_hd project edit 1 \
	--set manager=孙朝
expect_fail 1 "the city office: root" --as city1 project edit 1 --manager root
expect_fail 1 "the city office: another district's manager" --as city1 project edit 1 --manager 孙朝
expect_fail 1 "root itself: an inactive officer" project edit 1 --manager m_old
expect_fail 1 "manager assign: another district's lead" --as lead_hd manager assign 1 lead_dc
expect_err "another district" "manager assign says the same"
is "no manager after all that" "$(val project 1 manager)" ""

expect_ok "the lead names 李管 by project edit" --as lead_hd project edit 1 --manager 李管
is "李管 manages project 1" "$(val project 1 manager)" "李管"
expect_ok "the desk officer still edits the project's other fields" --as desk_hd project edit 1 \
	--land 30
expect_fail 1 "but not clear the manager" --as desk_hd project edit 1 --manager ""
is "李管 still manages it" "$(val project 1 manager)" "李管"
printf '系统编号,企业名称,项目名称,服务管家\n1,北京绕规测试有限公司,芯片一期,王管\n' >"$T/m2.csv"
expect_ok "the lead imports a handover to 王管" --as lead_hd import projects "$T/m2.csv"
is "王管 manages project 1" "$(val project 1 manager)" "王管"
n=$("$ZSDESK" --format tsv project history 1 | awk -F '\t' '$7 == "王管" { n = $1 } END { print n }')
expect_fail 1 "the desk officer undoes the handover" --as desk_hd project undo 1 --change "$n" \
	--reason 改回
expect_err "district lead" "refused: who may"
is "王管 still manages it" "$(val project 1 manager)" "王管"
expect_ok "the lead undoes it" --as lead_hd project undo 1 --change "$n" --reason 改回
is "李管 again" "$(val project 1 manager)" "李管"
expect_ok "m_hd leaves" officer edit m_hd --active no
expect_ok "a project whose manager left is still edited" --as desk_hd project edit 1 --land 31

finish
