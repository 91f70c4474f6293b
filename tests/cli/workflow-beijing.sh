#!/bin/sh
# workflow-beijing.sh - the three workflows end to end under Beijing's rules, walking the clock
# (ZSDESK_NOW) through 2026: the first-talk register (1亿元 or strategic, 3 months, the city
# reassigns), no signing pre-report, claim warnings at intake, service managers, and an
# enterprise issue climbing every level of the ladder over working days of cn-2026.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

# --- setting up (Monday 2026-08-31) ----------------------------------------------
at 2026-08-31
expect_ok "init a single-user Beijing database" init --profile beijing --single-user
expect_ok "a city-office officer" officer add --login city1 --name 市中心甲 --role city
expect_ok "a Haidian desk officer" officer add --login desk_hd --name 海淀专员 --role desk \
	--district 海淀区
expect_ok "the Haidian district lead" officer add --login lead_hd --name 海淀领导 --role lead \
	--district 海淀区
expect_ok "the Chaoyang district lead" officer add --login lead_cy --name 朝阳领导 --role lead \
	--district 朝阳区
expect_ok "a Haidian chip manager" officer add --login m_ic --name 李芯 --role manager \
	--district 海淀区 --industries 集成电路
expect_ok "a second Haidian chip manager" officer add --login m_ic2 --name 王芯 --role manager \
	--district 海淀区 --industries 集成电路,人工智能
expect_ok "a Haidian medicine manager" officer add --login m_bio --name 赵药 --role manager \
	--district 海淀区 --industries 医药健康
expect_ok "a city-wide chip manager (no district)" officer add --login m_city --name 钱城 \
	--role manager --industries 集成电路
expect_ok "a Chaoyang chip manager" officer add --login m_cy --name 孙朝 --role manager \
	--district 朝阳区 --industries 集成电路
expect_ok "an enterprise for the threshold projects" enterprise add --name 北京门槛测试有限公司 \
	--credit-code 91110108MA01XH001B
expect_out "^1$" "is enterprise 1"

# --- first-talk threshold: 1亿元 inclusive, or strategic ---------------------------
expect_ok "exactly 1亿 added in talks" project add --name 门槛正好 --enterprise 1 \
	--industry 集成电路 --investment 1亿 --district 海淀区 --stage talks
expect_out "^1$" "is project 1"
is "1亿 is registered" "$(val project 1 ft_status)" "Exclusive"
is "registered today" "$(val project 1 ft_registered)" "2026-08-31"
is "first-talk district Haidian" "$(val project 1 ft_district)" "Haidian"
is "3 months from 08-31 clamps to 11-30" "$(val project 1 ft_until)" "2026-11-30"
is "Haidian holds the credit" "$(val project 1 credit)" "Haidian 100%"
is "a project added in talks is dated today (stage_date)" "$(val project 1 stage_date)" "2026-08-31"
is "91 days left (08-31 to 11-30)" "$(ft_col 1 6)" "91"

expect_ok "9999.9999万 in talks" project add --name 门槛之下 --enterprise 1 \
	--industry 集成电路 --investment 9999.9999万 --district 海淀区 --stage talks
expect_out "^2$" "is project 2"
is "just below 1亿 is not registered" "$(in_register 2)" "no"
is "and has no first-talk status" "$(val project 2 ft_status)" ""
expect_ok "10000.0001万 in talks" project add --name 门槛之上 --enterprise 1 \
	--industry 集成电路 --investment 10000.0001万 --district 海淀区 --stage talks
is "just above 1亿 is registered" "$(val project 3 ft_status)" "Exclusive"
expect_ok "5000万 strategic in talks" project add --name 战略项目 --enterprise 1 \
	--industry 集成电路 --investment 5000万 --district 海淀区 --stage talks --strategic yes
is "a strategic tick alone does not register it (seed 002 §五: the city recognises it)" \
	"$(val project 4 ft_status)" ""
expect_fail 1 "a desk officer cannot recognise it" --as desk_hd firsttalk decide 4 strategic
expect_err "city office" "only the city office may"
expect_ok "the city office recognises it as strategic" firsttalk decide 4 strategic
is "a strategic project below 1亿 is then registered" "$(val project 4 ft_status)" "Exclusive"
expect_ok "2亿 as a lead" project add --name 线索项目 --enterprise 1 --industry 集成电路 \
	--investment 2亿 --district 海淀区
is "a lead is not registered, whatever its size" "$(in_register 5)" "no"
expect_ok "3亿 in talks (to be signed early)" project add --name 早签项目 --enterprise 1 \
	--industry 集成电路 --investment 3亿 --district 海淀区 --stage talks
is "project 6 is registered" "$(val project 6 ft_status)" "Exclusive"
expect_ok "30亿 in talks (Beijing has no pre-report)" project add --name 巨额项目 --enterprise 1 \
	--industry 集成电路 --investment 30亿 --district 海淀区 --stage talks
is "project 7 is registered" "$(val project 7 ft_status)" "Exclusive"
expect_ok "a 1亿 lead moved to talks" project add --name 后入谈项目 --enterprise 1 \
	--industry 集成电路 --investment 1亿 --district 海淀区
is "not registered as a lead" "$(in_register 8)" "no"
expect_ok "project stage 8 talks" project stage 8 talks
is "registered on entering talks" "$(val project 8 ft_status)" "Exclusive"
is "its exclusivity ends 2026-11-30 too" "$(val project 8 ft_until)" "2026-11-30"

expect_ok "the register" --format tsv firsttalk list
expect_out "^id	name	district	registered	until	days_left	status	investment$" "register columns"
expect_lines 7 "six projects running (1, 3, 4, 6, 7, 8)"
expect_no_out "^2	" "not the one below the threshold"
expect_no_out "^5	" "not the lead"
expect_ok "the register as a table" firsttalk list
expect_out "Exclusive until" "with its end date column"

# --- signing without pre-report in Beijing (2026-09-01) --------------------------------
at 2026-09-01
expect_ok "30亿 signs in Beijing without any pre-report" project stage 7 signed
is "project 7 is signed" "$(val project 7 stage)" "Signed"
is "its first talk progressed" "$(val project 7 ft_status)" "Progressed"
is "no no_credit mark" "$(val project 7 no_credit)" ""
expect_ok "the register now" --format tsv firsttalk list
expect_no_out "^7	" "leaves the progressed project out"
expect_ok "--status progressed" --format tsv firsttalk list --status progressed
expect_out "^7	" "lists it"
expect_fail 2 "--status of a kind that does not exist" firsttalk list --status bogus

# --- an issue that climbs every level (opened Monday 2026-09-21) ---------------------
# Limits (profile): manager 3, district 5, city 10, meeting 15, supervision 20 working
# days from the day the issue reached the level.  cn-2026: 09-25 中秋 off; 10-01..07
# 国庆 off (10-03/04 weekend); 10-10 (Saturday) worked.  By hand:
#   manager     since 09-21: 22 23 24                                   -> due 09-24
#   district    since 09-28 (first working day after 09-24):
#               29 30 | 10-08 09 10(Sat, worked)                       -> due 10-10
#   city        since 10-12 (10-11 is Sunday): 13-16, 19-23, 26         -> due 10-26
#   meeting     since 10-27: 28-30, 11-02..06, 09..13, 16 17            -> due 11-17
#   supervision since 11-18: 19 20, 23-27, 30, 12-01..04, 07..11, 14-16 -> due 12-16
at 2026-09-21
expect_ok "a land issue on project 1" issue open --project 1 --category land \
	--description 建设用地指标未落实 --need-by 2026-10-30
expect_out "^1$" "is issue 1"
is "it starts with the service manager" "$(issue_col 1 4)" "Service manager"
is "open" "$(issue_col 1 5)" "Open"
is "due 2026-09-24 (3 working days)" "$(issue_col 1 7)" "2026-09-24"
expect_ok "calendar add 2026-09-21 3" calendar add 2026-09-21 3
expect_out "^2026-09-24$" "agrees: 2026-09-24"
expect_ok "the calendar of 2026" --format tsv calendar show --year 2026
expect_out "^2026-09-25	[^	]*	中秋节$" "has 中秋 on 09-25"
expect_out "^2026-10-10	[^	]*	国庆节调休上班$" "and the make-up workday 10-10"
expect_ok "decide at the manager level" issue respond 1 已受理，正在对接规自分局
expect_fail 1 "a decision below the leaders' meeting" issue decide 1 由市规自委统筹 --owner 市规自委
expect_err "meeting" "says decisions belong to the meeting"

at 2026-09-24
expect_ok "tick on the last day of the manager's limit" tick
is "still with the service manager" "$(issue_col 1 4)" "Service manager"
expect_ok "not overdue yet" --format tsv issue list --overdue
expect_no_out "^1	" "issue 1 is not listed"

at 2026-09-25
expect_ok "tick on 中秋 (09-25), the day after" tick
expect_out "issue levels escalated: 1" "one level climbed"
is "up to the district" "$(issue_col 1 4)" "District leadership"
is "at the district since 09-28" "$(val issue 1 level_since)" "2026-09-28"
is "due 2026-10-10, the make-up Saturday" "$(issue_col 1 7)" "2026-10-10"
expect_ok "calendar add 2026-09-28 5" calendar add 2026-09-28 5
expect_out "^2026-10-10$" "agrees: 2026-10-10"
n=$(nhist issue 1)
expect_ok "tick again the same day" tick
expect_out "issue levels escalated: 0" "climbs nothing"
is "and writes no history" "$(nhist issue 1)" "$n"
is "still at the district" "$(issue_col 1 4)" "District leadership"

# (a second issue, for the paused clock: opened Monday 09-28, due 10-08)
at 2026-09-28
expect_ok "a power issue on project 3" issue open --project 3 --category power --description 双回路供电
expect_out "^2$" "is issue 2"
is "due 2026-10-08 (29, 30, then 10-08 after the holidays)" "$(issue_col 2 7)" "2026-10-08"
at 2026-09-29
expect_ok "waiting on the enterprise (ask)" issue ask 2 请企业补充用电负荷材料
is "status waiting" "$(issue_col 2 5)" "Waiting on enterprise"
expect_fail 1 "ask again while waiting" issue ask 2 再次催要
expect_fail 1 "resume an issue that does not wait" issue resume 1 材料已到

at 2026-10-08
expect_ok "tick during the holiday-lengthened wait" tick
is "issue 1 still at the district (due 10-10)" "$(issue_col 1 4)" "District leadership"
is "the waiting issue is not escalated" "$(issue_col 2 4)" "Service manager"
is "its due date runs on while it waits (10-08 + 2)" "$(issue_col 2 7)" "2026-10-10"

at 2026-10-09
expect_ok "resume: the enterprise answered" issue resume 2 材料已补齐
is "open again" "$(issue_col 2 5)" "Open"
# waited 09-30, 10-08, 10-09 = 3 working days: 10-08 + 3 = 10-09, 10-10, 10-12
is "due moved by the 3 working days waited: 2026-10-12" "$(issue_col 2 7)" "2026-10-12"
expect_ok "calendar add 2026-10-08 3" calendar add 2026-10-08 3
expect_out "^2026-10-12$" "agrees: 2026-10-12"

at 2026-10-10
expect_ok "tick on the make-up Saturday 10-10" tick
is "issue 1 still at the district on its last day" "$(issue_col 1 4)" "District leadership"
at 2026-10-11
expect_ok "tick on Sunday 10-11" tick
is "issue 1 up to the city office" "$(issue_col 1 4)" "City coordination office"
is "since Monday 10-12" "$(val issue 1 level_since)" "2026-10-12"
is "due 2026-10-26 (10 working days)" "$(issue_col 1 7)" "2026-10-26"
expect_ok "calendar add 2026-10-12 10" calendar add 2026-10-12 10
expect_out "^2026-10-26$" "agrees: 2026-10-26"
is "issue 2 still with its manager (due 10-12)" "$(issue_col 2 4)" "Service manager"
at 2026-10-12
expect_ok "tick on 10-12" tick
is "issue 2 on its last day stays" "$(issue_col 2 4)" "Service manager"
at 2026-10-13
expect_ok "tick on 10-13" tick
is "issue 2 escalates the day after its moved due date" "$(issue_col 2 4)" "District leadership"
is "issue 2 due 10-20" "$(issue_col 2 7)" "2026-10-20"
expect_ok "resolve issue 2" issue resolve 2 已接入双回路
is "resolved" "$(issue_col 2 5)" "Resolved"
expect_fail 1 "a resolved issue takes no answer" issue respond 2 再次回复
expect_ok "but a note" issue note 2 企业来电致谢

at 2026-10-15
expect_ok "project 6 signs before its exclusivity ends" project stage 6 signed
is "its first talk progressed" "$(val project 6 ft_status)" "Progressed"

at 2026-10-26
expect_ok "tick on 10-26" tick
is "issue 1 still with the city office" "$(issue_col 1 4)" "City coordination office"
at 2026-10-27
expect_ok "tick on 10-27" tick
is "issue 1 up to the leaders' meeting" "$(issue_col 1 4)" "Leaders' coordination meeting"
is "since 10-27" "$(val issue 1 level_since)" "2026-10-27"
is "due 2026-11-17 (15 working days)" "$(issue_col 1 7)" "2026-11-17"
expect_ok "calendar add 2026-10-27 15" calendar add 2026-10-27 15
expect_out "^2026-11-17$" "agrees: 2026-11-17"
expect_fail 1 "resolve at the meeting without a decision" issue resolve 1 已解决
expect_err "decision|decide" "asks for the meeting's decision first"

at 2026-11-17
expect_ok "tick on 11-17" tick
is "issue 1 still at the meeting" "$(issue_col 1 4)" "Leaders' coordination meeting"
at 2026-11-18
expect_ok "tick on 11-18" tick
is "issue 1 stays at the meeting: no 督办 without a decision" "$(issue_col 1 4)" \
	"Leaders' coordination meeting"
is "it is put before the city office" "$(val issue 1 needs_city)" "yes"
n=$(nhist issue 1)
expect_ok "tick again" tick
is "writes nothing more" "$(nhist issue 1)" "$n"
expect_fail 1 "escalating by hand to supervision without a decision" issue escalate 1 升级督办
expect_err "decision|decide" "asks for the meeting's decision"
expect_ok "the meeting decides" issue decide 1 由市规自委统筹解决用地指标 --owner 市规自委
is "issue 1 under supervision" "$(issue_col 1 4)" "Supervision"
is "since 11-18" "$(val issue 1 level_since)" "2026-11-18"
is "no longer waiting on the city" "$(val issue 1 needs_city)" ""
steps=$(val issue 1 steps)
case "$steps" in
*"2026-09-21"*"2026-09-28"*"2026-10-12"*"2026-10-27"*"2026-11-18"*) ok "each level has its own dated step: $steps" ;;
*) not_ok "dated steps: $steps" ;;
esac
is "due 2026-12-16 (20 working days)" "$(issue_col 1 7)" "2026-12-16"
expect_ok "calendar add 2026-11-18 20" calendar add 2026-11-18 20
expect_out "^2026-12-16$" "agrees: 2026-12-16"
expect_fail 1 "no level above supervision" issue escalate 1 再升级
expect_fail 1 "escalating needs a reason" issue escalate 2

# --- exclusivity ends (entered talks 08-31: until 11-30) -----------------------------
at 2026-11-30
expect_ok "project 5 enters talks on the last day of November" project stage 5 talks
is "until 2027-02-28 (3 months, clamped)" "$(val project 5 ft_until)" "2027-02-28"
expect_ok "tick on 11-30, the last exclusive day" tick
expect_out "first-talk periods ended: 0" "nothing ended"
is "project 1 still exclusive" "$(val project 1 ft_status)" "Exclusive"
is "0 days left" "$(ft_col 1 6)" "0"
is "project 8 still exclusive" "$(val project 8 ft_status)" "Exclusive"

at 2026-12-01
n1=$(nhist project 1)
expect_ok "tick on 12-01" tick
is "project 1 due for transfer" "$(val project 1 ft_status)" "Due for transfer"
is "project 3 due for transfer" "$(val project 3 ft_status)" "Due for transfer"
is "project 4 (strategic) due for transfer" "$(val project 4 ft_status)" "Due for transfer"
is "project 8 due for transfer" "$(val project 8 ft_status)" "Due for transfer"
is "project 6, signed before the end, is not lapsed" "$(val project 6 ft_status)" "Progressed"
is "project 5 runs on" "$(val project 5 ft_status)" "Exclusive"
is "one history entry for the lapse" "$(nhist project 1)" "$((n1 + 1))"
expect_ok "--status lapsed" --format tsv firsttalk list --status lapsed
expect_lines 5 "four due for transfer"
expect_no_out "^6	" "not the signed one"
expect_ok "tick again on 12-01" tick
expect_out "first-talk periods ended: 0" "ends nothing more"
is "and writes nothing" "$(nhist project 1)" "$((n1 + 1))"
is "project 1 still due for transfer" "$(val project 1 ft_status)" "Due for transfer"

# --- transfer (流转): Beijing gives the project to the new district ----------------------
expect_ok "a manager for project 1 before the transfer" manager assign 1 m_ic
expect_fail 1 "a desk officer cannot transfer" --as desk_hd firsttalk transfer 1 --to 朝阳区 \
	--reason 首谈期满
expect_err "city office" "only the city office transfers"
expect_fail 1 "nor a district lead" --as lead_hd firsttalk transfer 1 --to 朝阳区 --reason 首谈期满
expect_fail 1 "a transfer without a reason" --as city1 firsttalk transfer 1 --to 朝阳区
expect_err "reason" "asks for the reason"
expect_fail 1 "to the district it is in" --as city1 firsttalk transfer 1 --to 海淀区 --reason 首谈期满
expect_fail 1 "to a district that does not exist" --as city1 firsttalk transfer 1 --to 火星区 \
	--reason 首谈期满
expect_fail 2 "without --to" --as city1 firsttalk transfer 1 --reason 首谈期满
is "the refusals changed nothing" "$(val project 1 district)" "Haidian"
expect_ok "the city office transfers project 1 to Chaoyang" --as city1 firsttalk transfer 1 \
	--to 朝阳区 --reason 首谈期满无实质进展
is "now in Chaoyang" "$(val project 1 district)" "Chaoyang"
is "Chaoyang takes the whole credit" "$(val project 1 credit)" "Chaoyang 100%"
is "transferred from Haidian" "$(val project 1 transferred_from)" "Haidian"
is "with the reason" "$(val project 1 transfer_reason)" "首谈期满无实质进展"
is "first talk: transferred" "$(val project 1 ft_status)" "Transferred"
is "the first-talk district is still Haidian" "$(val project 1 ft_district)" "Haidian"
is "Haidian's manager leaves the project" "$(val project 1 manager)" ""
expect_ok "project show as a table" project show 1
expect_out "^Credit +Chaoyang 100%$" "shows Credit"
expect_ok "the history" --format tsv project history 1
expect_out "	市中心甲	transfer	District	Haidian	Chaoyang	首谈期满无实质进展$" \
	"records who moved it where and why"
expect_ok "the register" --format tsv firsttalk list
expect_no_out "^1	" "no longer lists project 1 as running or due"
expect_ok "--status transferred" --format tsv firsttalk list --status transferred
expect_out "^1	" "lists it"
expect_ok "an administrator transfers too" firsttalk transfer 3 --to 丰台区 --reason 企业选址丰台
is "project 3 in Fengtai, credited alone" "$(val project 3 credit)" "Fengtai 100%"

# --- the issue at the top of the ladder ----------------------------------------------
at 2026-12-16
expect_ok "tick on 12-16" tick
is "issue 1 under supervision" "$(issue_col 1 4)" "Supervision"
expect_ok "not overdue on its last day" --format tsv issue list --overdue
expect_no_out "^1	" "issue 1 is not listed"
at 2026-12-17
n=$(nhist issue 1)
expect_ok "tick on 12-17" tick
expect_out "issue levels escalated: 0" "nothing above supervision"
is "still under supervision" "$(issue_col 1 4)" "Supervision"
is "no history written" "$(nhist issue 1)" "$n"
expect_ok "overdue now" --format tsv issue list --overdue
expect_out "^1	" "issue 1 is overdue"
expect_no_out "^2	" "the resolved one is not"
expect_ok "open issues" --format tsv issue list --open
expect_lines 2 "one open issue"
expect_ok "the issue's history" --format tsv issue history 1
expect_out "escalate	Level	Service manager	District leadership	" "manager to district"
expect_out "escalate	Level	District leadership	City coordination office	" "district to city"
expect_out "escalate	Level	City coordination office	Leaders' coordination meeting	" "city to meeting"
expect_out "decide	Level	Leaders' coordination meeting	Supervision	" "meeting to supervision, by its decision"

# one late tick does the same: opened 09-21, first ticked 10-27
expect_ok "a second database" --db "$T/late" init --profile beijing --single-user
expect_ok "with an enterprise" --db "$T/late" enterprise add --name 北京迟到科技有限公司
expect_ok "and a project" --db "$T/late" project add --name 迟到项目 --enterprise 1 \
	--industry 集成电路 --investment 100 --district 海淀区
at 2026-09-21
expect_ok "an issue opened 09-21" --db "$T/late" issue open --project 1 --category approval \
	--description 环评审批
at 2026-10-27
expect_ok "first tick on 10-27" --db "$T/late" tick
expect_out "issue levels escalated: 3" "climbs three levels at once"
run --db "$T/late" --format tsv issue show 1
expect_out "^level	[^	]*	Leaders' coordination meeting$" "up to the meeting, as step by step"
expect_out "^level_since	[^	]*	2026-10-27$" "since 10-27, as step by step"
expect_ok "again" --db "$T/late" tick
expect_out "issue levels escalated: 0" "nothing more"
at 2026-12-17

# --- claims at intake: the same enterprise in another district -------------------------
expect_ok "北京星河科技有限公司" enterprise add --name 北京星河科技有限公司 \
	--credit-code 91110105MA02YG0026
expect_out "^2$" "is enterprise 2"
expect_ok "a Haidian lead of 星河" project add --name 星河芯片研发中心 --enterprise 2 \
	--industry 集成电路 --investment 2000 --district 海淀区
expect_out "^9$" "is project 9"
expect_ok "a second Haidian lead of 星河" project add --name 星河封测线 --enterprise 2 \
	--industry 集成电路 --investment 2000 --district 海淀区
expect_out "^10$" "is project 10"
expect_lines 1 "prints only its id"
if [ -s "$T/err" ]; then not_ok "no warning in the same district for a lead"; else
	ok "no warning in the same district for a lead"; fi
is "no claim_seen" "$(val project 10 claim_seen)" ""
expect_ok "Chaoyang takes in 星河 by its credit code, typed loosely" project add \
	--name 星河朝阳基地 --enterprise "91110105 ma02 yg0026" --industry 集成电路 \
	--investment 3000 --district 朝阳区
expect_out "^11$" "is saved as project 11"
expect_err "^zsdesk: warning: " "with a warning"
expect_err "project 9 .*Haidian" "naming Haidian's project 9"
expect_err "project 10 .*Haidian" "and project 10, with their district"
claims=$(val project 11 claim_seen)
case ",$claims," in *,9,*) ok "claim_seen holds 9" ;; *) is "claim_seen holds 9" "$claims" "9,10" ;; esac
case ",$claims," in *,10,*) ok "claim_seen holds 10" ;; *) is "claim_seen holds 10" "$claims" "9,10" ;; esac
expect_ok "the history" --format tsv project history 11
expect_out "created	Project name		星河朝阳基地	.+" "the creation says it was saved after the warning"

expect_ok "a near-identical name: 北京（星河）科技股份有限公司" enterprise add \
	--name 北京（星河）科技股份有限公司
expect_out "^3$" "is enterprise 3"
expect_ok "Fengtai takes it in" project add --name 星河丰台中心 --enterprise 3 \
	--industry 集成电路 --investment 3000 --district 丰台区
expect_out "^12$" "is project 12"
expect_err "^zsdesk: warning: " "with a warning"
expect_err "project 9 .*Haidian" "naming 北京星河科技有限公司's project 9"
expect_err "project 11 .*Chaoyang" "and Chaoyang's project 11"
claims=$(val project 12 claim_seen)
case ",$claims," in *,9,*) ok "claim_seen holds 9" ;; *) is "claim_seen holds 9" "$claims" "9,10,11" ;; esac

expect_ok "北京月光科技有限公司, unrelated" enterprise add --name 北京月光科技有限公司
expect_out "^4$" "is enterprise 4"
expect_ok "a Chaoyang project of 月光 in talks" project add --name 月光新能源 --enterprise 4 \
	--industry 新材料 --investment 2000 --district 朝阳区 --stage talks
expect_out "^13$" "is project 13"
if [ -s "$T/err" ]; then not_ok "an unrelated enterprise draws no warning"; else
	ok "an unrelated enterprise draws no warning"; fi
expect_ok "a second Chaoyang project of 月光" project add --name 月光二期 --enterprise 4 \
	--industry 新材料 --investment 2000 --district 朝阳区
expect_err "^zsdesk: warning: .*project 13 .*Chaoyang" "warns: the first is already in talks"
is "claim_seen 13" "$(val project 14 claim_seen)" "13"
expect_ok "project 13 exits" project stage 13 exited --reason 企业放弃
expect_ok "project 14 exits" project stage 14 exited --reason 合并至一期
expect_ok "a Haidian project of 月光" project add --name 月光三期 --enterprise 4 \
	--industry 新材料 --investment 2000 --district 海淀区
if [ -s "$T/err" ]; then not_ok "exited projects draw no warning"; else
	ok "exited projects draw no warning"; fi

# --- service managers --------------------------------------------------------------
# project 2: Haidian, 集成电路.  王芯 manages one project (project 1 was Haidian's,
# now moved; give him project 8).
expect_ok "王芯 manages project 8" manager assign 8 m_ic2
expect_ok "suggestions for project 2" --format tsv manager suggest 2
expect_out "^officer	name	district	industry	workload$" "suggestion columns"
names=$(awk -F '\t' 'NR > 1 { printf "%s ", $2 }' "$T/out")
case "$names" in 李芯\ 王芯\ *) ok "李芯 (idle chip expert) first, then 王芯 (one project)" ;;
*) is "李芯 then 王芯 first" "$names" "李芯 王芯 ..." ;; esac
case "$names" in *王芯*赵药*) ok "the chip experts before the medicine manager" ;;
*) is "王芯 before 赵药" "$names" "... 王芯 赵药 ..." ;; esac
case "$names" in *赵药*钱城*) ok "Haidian's officers before the city-wide one" ;;
*) is "赵药 before 钱城" "$names" "... 赵药 ... 钱城" ;; esac
case "$names" in *孙朝*李芯* | *孙朝*赵药*) not_ok "Chaoyang's manager does not rank above Haidian's" ;;
*) ok "Chaoyang's manager does not rank above Haidian's" ;; esac
expect_no_out "	海淀领导	" "no district lead"
[ "$(awk -F '\t' '$2 == "王芯" { print $5 }' "$T/out")" = 1 ] && ok "王芯's workload 1" ||
	not_ok "王芯's workload 1"

expect_ok "deactivate 李芯" officer edit m_ic --active no
expect_ok "suggestions again" --format tsv manager suggest 2
expect_no_out "李芯" "李芯 is no longer suggested"
[ "$(out_field 2)" = 王芯 ] && ok "王芯 is first now" || not_ok "王芯 is first now"
expect_fail 1 "李芯 cannot be assigned" manager assign 2 m_ic
expect_err "inactive" "says the officer is inactive"
expect_err "李芯" "and names 李芯"
is "project 2 has no manager" "$(val project 2 manager)" ""
expect_fail 1 "a desk officer cannot assign" --as desk_hd manager assign 2 m_ic2
expect_fail 1 "nor Chaoyang's lead for a Haidian project" --as lead_cy manager assign 2 m_ic2
expect_ok "Haidian's lead assigns 王芯" --as lead_hd manager assign 2 m_ic2
is "王芯 manages project 2" "$(val project 2 manager)" "王芯"
expect_fail 1 "assigning him again" --as lead_hd manager assign 2 m_ic2
expect_fail 1 "a handover without a reason" --as lead_hd manager assign 2 m_bio
expect_err "reason" "asks for the reason"
is "王芯 still manages it" "$(val project 2 manager)" "王芯"
expect_ok "a handover with a reason" --as lead_hd manager assign 2 m_bio --reason 王芯调岗
is "赵药 manages project 2" "$(val project 2 manager)" "赵药"
expect_ok "the history" --format tsv project history 2
expect_out "	海淀领导	assign	[^	]*		王芯	$" "the assignment by the lead"
expect_out "	海淀领导	handover	[^	]*	王芯	赵药	王芯调岗$" "the handover with its reason"
expect_ok "the city office assigns in any district" --as city1 manager assign 13 m_cy
is "孙朝 manages project 13" "$(val project 13 manager)" "孙朝"

# --- 2027: the exclusivity that began 11-30 ends 2027-02-28 -------------------------------
at 2027-02-28
expect_ok "tick on 2027-02-28" tick
is "project 5 still exclusive on its last day" "$(val project 5 ft_status)" "Exclusive"
is "0 days left" "$(ft_col 5 6)" "0"
at 2027-03-01
expect_ok "tick on 2027-03-01" tick
expect_out "first-talk periods ended: 1" "one period ended"
is "project 5 due for transfer" "$(val project 5 ft_status)" "Due for transfer"
expect_ok "tick again" tick
expect_out "first-talk periods ended: 0" "nothing more"

# --- the database is sound ---------------------------------------------------------
run check
expect_out "^ok: " "check is clean"
[ "$status" -eq 0 ] && ok "check exits 0" || not_ok "check exits 0"
finish
