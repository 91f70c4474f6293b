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
expect_ok "the lead names 王管 (by login)" --as lead_hd project edit 1 --manager m_hd2
expect_ok "another 王管, in Chaoyang, inactive" officer add --login m_dup --name 王管 --role manager \
	--district 朝阳区
expect_ok "he is inactive" officer edit m_dup --active no
expect_ok "the manager's name given back unchanged (as a form does) keeps the same officer" \
	--as desk_hd project edit 1 --manager 王管 --land 32
expect_ok "the history" --format tsv project history 1
expect_no_out "	Service manager	王管	王管	" "no change of manager is recorded"

# --- 15. one's own project moved to another district: a transfer -----------------------
expect_fail 1 "the desk officer moves his project to Chaoyang" --as desk_hd project edit 1 \
	--district 朝阳区
expect_err "moving a project to another district is a transfer.*only the city office" \
	"says what is refused and who may do it"
is "still in Haidian" "$(val project 1 district)" "Haidian"

# --- 2. stages: the jump, back-dating, far past; registration; issue and follow-up dates -------
expect_ok "a second project, entered 11-23" --as desk_hd project add --name 芯片二期 --enterprise 1 \
	--industry 集成电路 --investment 15亿 --district 海淀区 --stage talks
expect_out "^2$" "is project 2"
expect_fail 1 "在谈 straight to 投产 dated 2020-01-01, no reason" --as desk_hd project stage 2 投产 \
	--date 2020-01-01
expect_err "before the project was entered \(2026-11-23\).*needs a reason" \
	"says it was entered later and a reason is needed"
expect_fail 1 "dated 2012-01-01 even with a reason" --as desk_hd project stage 2 投产 \
	--date 2012-01-01 --reason 补录
expect_err "more than 10 years ago; check the year" "refused: check the year"
is "still in talks" "$(val project 2 stage)" "Negotiating"
at 2026-11-27
expect_ok "signed on 11-25, after entry: no reason needed" --as desk_hd project stage 2 签约 \
	--date 2026-11-25
expect_fail 1 "registered on 11-24, before the signing's date, no reason" --as desk_hd \
	project stage 2 注册 --date 2026-11-24
expect_err "before the date of the present stage \(2026-11-25\)" "names the present stage's date"
expect_ok "with a reason it is kept" --as desk_hd project stage 2 注册 --date 2026-11-24 \
	--reason 工商登记日期补录
expect_ok "the history" --format tsv project history 2
expect_out "	Signed	Registered	工商登记日期补录$" "the back-dated stage keeps its reason in the history"

expect_fail 1 "--registered-on on a project in talks" --as desk_hd project edit 1 \
	--registered-on 2026-11-20
expect_err "not signed yet" "says it is not signed"
expect_fail 1 "--registered-on 2019-01-01" --as desk_hd project edit 1 --registered-on 2019-01-01
is "no registration date" "$(val project 1 registered_on)" ""
expect_fail 1 "--registered-on before the signing" --as desk_hd project edit 2 \
	--registered-on 2026-11-23
expect_err "before the signing on 2026-11-25" "names the signing day"
expect_ok "--registered-on after the signing" --as desk_hd project edit 2 --registered-on 2026-11-26
is "kept" "$(val project 2 registered_on)" "2026-11-26"

expect_fail 1 "an issue needed by a day before it is opened" --as desk_hd issue open --project 1 \
	--category land --description 用地指标 --need-by 2020-01-01
expect_err "before the issue was opened \(2026-11-27\)" "says it is before the opening"
expect_ok "an issue needed by next week" --as desk_hd issue open --project 1 --category land \
	--description 用地指标 --need-by 2026-12-04
iss=$(cat "$T/out")
expect_fail 1 "a follow-up dated 2019-01-01" --as desk_hd followup add --project 1 --type call \
	--date 2019-01-01 --summary 早年接触
expect_err "more than 90 days before project 芯片一期 was entered" "refused, saying why"
expect_ok "a call on the 20th, before the project was entered on the 23rd" --as desk_hd \
	followup add --project 1 --type call --date 2026-11-20 --summary 电话初谈

# --- 3. escalation: who may take an issue up, and what it says -----------------------------
expect_ok "the desk officer takes his issue to the district" --as desk_hd issue escalate "$iss" 区里协调
is "at the district leadership" "$(issue_col "$iss" 4)" "District leadership"
is "due in 5 working days" "$(issue_col "$iss" 7)" "2026-12-04"
expect_fail 1 "and at once on to the city, reason test" --as desk_hd issue escalate "$iss" test
expect_err "the district lead decides.*ask your district lead" "refused: the district lead decides"
expect_fail 1 "the service manager cannot either" --as m_hd2 issue escalate "$iss" 跨区
is "still at the district" "$(issue_col "$iss" 4)" "District leadership"
expect_ok "the district lead takes it to the city" --as lead_hd issue escalate "$iss" 涉及跨区用地
is "at the city" "$(issue_col "$iss" 4)" "City coordination office"
expect_fail 1 "the lead cannot bring it to the leaders' meeting" --as lead_hd issue escalate "$iss" 会
expect_err "only the city office brings an issue to the leaders' meeting" "says who may"
expect_ok "the city office does" --as city1 issue escalate "$iss" 需市领导协调
expect_fail 1 "supervision only after the meeting's decision" --as city1 issue escalate "$iss" 督办
expect_ok "another issue" --as desk_hd issue open --project 1 --category land --description 用电
iss2=$(cat "$T/out")
expect_ok "to the district" --as desk_hd issue escalate "$iss2" 区里协调
run --lang zh --as desk_hd issue escalate "$iss2" test
grep -q "区县领导" "$T/err" && ok "the refusal in Chinese names the district lead" ||
	not_ok "the refusal in Chinese names the district lead"

# --- the jump 在谈 -> 投产 on a major project under each profile's gates ---------------------
ZSDESK_DB="$T/jx"
export ZSDESK_DB
expect_ok "Jiaxing" init --profile jiaxing --single-user
expect_ok "an enterprise" enterprise add --name 嘉兴跳级测试有限公司
expect_ok "40亿 in talks" project add --name 大项目 --enterprise 1 --industry 新材料 \
	--investment 40亿 --district 南湖区 --stage talks
expect_fail 1 "Jiaxing: 在谈 -> 投产 without the signing pre-report" project stage 1 投产
expect_err "pre-report" "the signing's gate, on the way"
expect_ok "the pre-report filed today" project prereport 1 --signing 2026-12-10
expect_fail 1 "Jiaxing: the jump the same day, not 7 days after the pre-report" project stage 1 投产
is "Jiaxing: still in talks" "$(val project 1 stage)" "Negotiating"
at 2026-12-10
expect_ok "Jiaxing: 13 days later the jump passes the gate" project stage 1 投产
at 2026-11-27

ZSDESK_DB="$T/cq"
expect_ok "Chongqing" init --profile chongqing --single-user
expect_ok "an enterprise" enterprise add --name 重庆跳级测试有限公司
expect_ok "50亿 in talks" project add --name 大项目 --enterprise 1 --industry 智能产业 \
	--investment 50亿 --district 渝北区 --stage talks
expect_fail 1 "Chongqing: 在谈 -> 投产 without the legality review" project stage 1 投产
expect_err "legality review" "the signing's gate, on the way"
expect_ok "the review" project review 1 --by 市司法局
expect_ok "Chongqing: then the jump passes" project stage 1 投产

ZSDESK_DB="$T/tj"
expect_ok "Tianjin" init --profile tianjin --single-user
expect_ok "an enterprise" enterprise add --name 天津跳级测试有限公司
expect_ok "20亿 in talks" project add --name 大项目 --enterprise 1 --industry 新材料 \
	--investment 20亿 --district 和平区 --stage talks
expect_fail 1 "Tianjin: the jump back-dated before entry needs a reason" project stage 1 production \
	--date 2026-01-01
expect_ok "Tianjin: no signing gate; the jump today passes" project stage 1 production

ZSDESK_DB="$T/bj"
expect_ok "Beijing" init --profile beijing --single-user
expect_ok "an enterprise" enterprise add --name 北京跳级测试有限公司
expect_ok "20亿 in talks" project add --name 大项目 --enterprise 1 --industry 集成电路 \
	--investment 20亿 --district 海淀区 --stage talks
expect_ok "Beijing: no signing gate; the jump today passes" project stage 1 投产
expect_ok "its history" --format tsv project history 1
expect_out "	Negotiating	In production	" "the jump is one step of the history"

finish
