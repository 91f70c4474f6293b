#!/bin/sh
# workflow-jiaxing.sh - the three workflows end to end under Jiaxing's rules, walking the clock
# (ZSDESK_NOW) through 2026: the first-talk register (10亿元 or 1亿美元, 1 month, both districts
# credited equally), the signing pre-report (30亿元 or 1亿美元, 7 days ahead), claim warnings at
# intake, service managers, and enterprise issues escalating over working days of cn-2026 with
# a paused clock, a manual escalation and a decision of the leaders' meeting.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

# --- setting up (Saturday 2026-01-31) ----------------------------------------------
at 2026-01-31
expect_ok "init a single-user Jiaxing database" init --profile jiaxing --single-user
expect_ok "a city-office officer" officer add --login city1 --name 市中心甲 --role city
expect_ok "a Nanhu desk officer" officer add --login desk_nh --name 南湖专员 --role desk \
	--district 南湖区
expect_ok "the Nanhu district lead" officer add --login lead_nh --name 南湖领导 --role lead \
	--district 南湖区
expect_ok "a Nanhu chip manager" officer add --login n_ic --name 周芯 --role manager \
	--district 南湖区 --industries 集成电路
expect_ok "a second Nanhu chip manager" officer add --login n_ic2 --name 吴芯 --role manager \
	--district 南湖区 --industries 集成电路,新材料
expect_ok "a Nanhu energy manager" officer add --login n_ne --name 郑能 --role manager \
	--district 南湖区 --industries 新能源
expect_ok "an enterprise for the threshold projects" enterprise add --name 嘉兴门槛测试有限公司
expect_out "^1$" "is enterprise 1"

# --- first-talk threshold: 10亿元, or 1亿美元 -------------------------------------------
expect_ok "exactly 10亿 added in talks" project add --name 门槛正好 --enterprise 1 \
	--industry 集成电路 --investment 10亿 --district 南湖区 --stage talks
expect_out "^1$" "is project 1"
is "10亿 is registered" "$(val project 1 ft_status)" "Exclusive"
is "registered today" "$(val project 1 ft_registered)" "2026-01-31"
is "first-talk district Nanhu" "$(val project 1 ft_district)" "Nanhu"
is "1 month from 01-31 clamps to 02-28" "$(val project 1 ft_until)" "2026-02-28"
is "28 days left" "$(ft_col 1 6)" "28"
is "Nanhu holds the credit" "$(val project 1 credit)" "Nanhu 100%"
expect_ok "99999.9999万 in talks" project add --name 门槛之下 --enterprise 1 \
	--industry 集成电路 --investment 99999.9999万 --district 南湖区 --stage talks
is "just below 10亿 is not registered" "$(in_register 2)" "no"
expect_ok "100000.0001万 in talks" project add --name 门槛之上 --enterprise 1 \
	--industry 集成电路 --investment 100000.0001万 --district 南湖区 --stage talks
is "just above 10亿 is registered" "$(val project 3 ft_status)" "Exclusive"
expect_ok "exactly 1亿美元 in talks" project add --name 美元正好 --enterprise 1 \
	--industry 集成电路 --investment 1亿美元 --district 南湖区 --stage talks
is "1亿美元 is registered" "$(val project 4 ft_status)" "Exclusive"
is "kept in dollars" "$(val project 4 investment)" "10,000万美元"
expect_ok "9999万美元 in talks" project add --name 美元之下 --enterprise 1 \
	--industry 集成电路 --investment 9999万美元 --district 南湖区 --stage talks
is "9999万美元 is not registered" "$(in_register 5)" "no"
expect_ok "9999.9999万美元 in talks" project add --name 美元差一点 --enterprise 1 \
	--industry 集成电路 --investment 9999.9999万美元 --district 南湖区 --stage talks
is "9999.9999万美元 is not registered" "$(in_register 6)" "no"
expect_ok "5亿 strategic in talks" project add --name 战略项目 --enterprise 1 \
	--industry 集成电路 --investment 5亿 --district 南湖区 --stage talks --strategic yes
is "strategic counts for nothing in Jiaxing" "$(in_register 7)" "no"
expect_ok "12亿 in talks (to be signed early)" project add --name 早签项目 --enterprise 1 \
	--industry 集成电路 --investment 12亿 --district 南湖区 --stage talks
is "project 8 is registered" "$(val project 8 ft_status)" "Exclusive"
expect_ok "15亿 as a lead" project add --name 线索项目 --enterprise 1 --industry 集成电路 \
	--investment 15亿 --district 南湖区
is "a lead is not registered" "$(in_register 9)" "no"
expect_ok "the register" --format tsv firsttalk list
expect_lines 5 "four projects running (1, 3, 4, 8)"

at 2026-02-10
expect_ok "project 8 signs (12亿 needs no pre-report)" project stage 8 signed
is "its first talk progressed" "$(val project 8 ft_status)" "Progressed"

# --- exclusivity ends: until 02-28 ---------------------------------------------------
at 2026-02-28
expect_ok "tick on 02-28, the last exclusive day" tick
expect_out "first-talk periods ended: 0" "nothing ended"
is "project 1 still exclusive" "$(val project 1 ft_status)" "Exclusive"
is "0 days left" "$(ft_col 1 6)" "0"
at 2026-03-01
n1=$(nhist project 1)
expect_ok "tick on 03-01" tick
is "project 1 due for transfer" "$(val project 1 ft_status)" "Due for transfer"
is "project 3 due for transfer" "$(val project 3 ft_status)" "Due for transfer"
is "project 4 (1亿美元) due for transfer" "$(val project 4 ft_status)" "Due for transfer"
is "project 8, signed before the end, is not lapsed" "$(val project 8 ft_status)" "Progressed"
is "no days left shown once lapsed" "$(ft_col 1 6)" ""
expect_ok "--status lapsed" --format tsv firsttalk list --status lapsed
expect_lines 4 "three due for transfer"
expect_ok "tick again on 03-01" tick
expect_out "first-talk periods ended: 0" "ends nothing more"
is "and writes nothing more" "$(nhist project 1)" "$((n1 + 1))"

# --- transfer: both districts credited in full ----------------------------------------
expect_fail 1 "a desk officer cannot transfer" --as desk_nh firsttalk transfer 1 --to 秀洲区 \
	--reason 首谈期满
expect_err "city office" "only the city office transfers"
expect_fail 1 "nor the district lead" --as lead_nh firsttalk transfer 1 --to 秀洲区 --reason 首谈期满
expect_fail 1 "not without a reason" --as city1 firsttalk transfer 1 --to 秀洲区
is "project 1 stays in Nanhu" "$(val project 1 district)" "Nanhu"
expect_ok "the city office transfers project 1 to Xiuzhou" --as city1 firsttalk transfer 1 \
	--to 秀洲区 --reason 首报期满无实质进展
is "now in Xiuzhou" "$(val project 1 district)" "Xiuzhou"
credit=$(val project 1 credit)
case "$credit" in *"Nanhu 100%"*) ok "Nanhu keeps 100%" ;; *) is "Nanhu keeps 100%" "$credit" "Nanhu 100%、Xiuzhou 100%" ;; esac
case "$credit" in *"Xiuzhou 100%"*) ok "Xiuzhou gets 100%" ;; *) is "Xiuzhou gets 100%" "$credit" "Nanhu 100%、Xiuzhou 100%" ;; esac
is "first talk: transferred" "$(val project 1 ft_status)" "Transferred"
is "transferred from Nanhu" "$(val project 1 transferred_from)" "Nanhu"
expect_ok "project show as a table" project show 1
expect_out "^Credit +.*Nanhu 100%" "shows Credit with Nanhu"
expect_out "^Credit +.*Xiuzhou 100%" "and Xiuzhou"
expect_ok "the city office transfers the dollar project to Pinghu" --as city1 firsttalk transfer 4 \
	--to 平湖市 --reason 企业选址平湖
credit=$(val project 4 credit)
case "$credit" in *"Nanhu 100%"*"Pinghu 100%"* | *"Pinghu 100%"*"Nanhu 100%"*) ok "Nanhu and Pinghu 100% each" ;;
*) is "Nanhu and Pinghu 100% each" "$credit" "Nanhu 100%、Pinghu 100%" ;; esac
expect_ok "the register" --format tsv firsttalk list
expect_lines 2 "only project 3 is still due"
expect_out "^3	" "project 3"

# --- the signing pre-report: 30亿元 or 1亿美元, 7 days ahead ---------------------------
at 2026-03-02
expect_ok "30亿 in talks" project add --name 预报正好 --enterprise 1 --industry 集成电路 \
	--investment 30亿 --district 秀洲区 --stage talks
expect_out "^10$" "is project 10"
expect_ok "299999.9999万 in talks" project add --name 预报之下 --enterprise 1 \
	--industry 集成电路 --investment 299999.9999万 --district 秀洲区 --stage talks
expect_out "^11$" "is project 11"
expect_ok "1亿美元 in talks" project add --name 美元预报 --enterprise 1 --industry 集成电路 \
	--investment 1亿美元 --district 秀洲区 --stage talks
expect_out "^12$" "is project 12"
expect_ok "9999.9999万美元 in talks" project add --name 美元不预报 --enterprise 1 \
	--industry 集成电路 --investment 9999.9999万美元 --district 秀洲区 --stage talks
expect_out "^13$" "is project 13"
expect_ok "35亿 in talks" project add --name 无分项目 --enterprise 1 --industry 集成电路 \
	--investment 35亿 --district 南湖区 --stage talks
expect_out "^14$" "is project 14"
expect_ok "40亿 in talks" project add --name 七天项目 --enterprise 1 --industry 集成电路 \
	--investment 40亿 --district 秀洲区 --stage talks
expect_out "^15$" "is project 15"

at 2026-03-10
expect_ok "pre-report of project 15 filed on 03-10" project prereport 15 --signing 2026-03-17 \
	--parties 秀洲区政府与某集团
is "filed on 03-10" "$(val project 15 pre_report)" "2026-03-10"
is "planned for 03-17" "$(val project 15 pre_report_sign)" "2026-03-17"

at 2026-03-20
expect_fail 1 "30亿 cannot sign without a pre-report" project stage 10 signed
expect_err "重大签约项目预报" "the refusal names 重大签约项目预报"
is "project 10 is still negotiating" "$(val project 10 stage)" "Negotiating"
expect_ok "299999.9999万 signs without one" project stage 11 signed
is "project 11 signed" "$(val project 11 stage)" "Signed"
is "with no no_credit mark" "$(val project 11 no_credit)" ""
expect_fail 1 "1亿美元 cannot sign without a pre-report" project stage 12 signed
expect_err "重大签约项目预报" "names 重大签约项目预报"
expect_ok "9999.9999万美元 signs without one" project stage 13 signed
is "project 13 signed" "$(val project 13 stage)" "Signed"
expect_fail 2 "a pre-report cannot be dated back (no --date)" project prereport 10 --date 2026-03-10
is "none recorded for project 10" "$(val project 10 pre_report)" ""
expect_fail 1 "a planned signing date in the past is refused" project prereport 10 --signing 2026-03-19
expect_fail 1 "signing on 03-16, 6 days after the pre-report" project stage 15 signed \
	--date 2026-03-16
expect_err "重大签约项目预报" "names 重大签约项目预报"
is "project 15 still negotiating" "$(val project 15 stage)" "Negotiating"
expect_ok "signing on 03-17, exactly 7 days after" project stage 15 signed --date 2026-03-17
is "project 15 signed" "$(val project 15 stage)" "Signed"
is "on 03-17" "$(val project 15 stage_date)" "2026-03-17"
is "earning credit" "$(val project 15 no_credit)" ""
at 2026-03-13
expect_ok "pre-report of the dollar project on 03-13" project prereport 12
at 2026-03-20
expect_ok "it signs today, 7 days later" project stage 12 signed
is "project 12 signed" "$(val project 12 stage)" "Signed"
expect_ok "a pre-report today for project 10" project prereport 10
is "dated today" "$(val project 10 pre_report)" "2026-03-20"
expect_fail 1 "does not allow signing today" project stage 10 signed
is "project 10 still negotiating" "$(val project 10 stage)" "Negotiating"
expect_fail 1 "nor jumping the signing: 在谈 straight to 注册" project stage 10 registered
expect_err "重大签约项目预报" "the gate holds on every path past 签约"
expect_fail 1 "nor straight to 开工" project stage 10 started
is "project 10 still negotiating" "$(val project 10 stage)" "Negotiating"
at 2026-03-25
expect_ok "filed again on 03-25 (another date planned)" project prereport 10 --signing 2026-04-02
is "the latest filing counts" "$(val project 10 pre_report)" "2026-03-25"
filings=$(val project 10 pre_reports | tr -cd '|' | wc -c)
is "both filings are kept (three | each)" "$filings" "6"
at 2026-03-27
expect_fail 1 "on 03-27 (7 days after the first filing, 2 after the second) it still cannot jump to 注册" project stage 10 registered
at 2026-04-01
expect_ok "on 04-01, 7 days after the latest filing, 在谈 to 注册 passes" project stage 10 registered
is "project 10 registered" "$(val project 10 stage)" "Registered"


expect_fail 1 "a desk officer signs 35亿 without a pre-report" --as desk_nh project stage 14 signed
expect_err "重大签约项目预报" "names 重大签约项目预报"
expect_fail 1 "nor may record it without credit" --as desk_nh project stage 14 signed \
	--no-credit --reason 未预报
expect_err "city office" "only the city office may"
expect_fail 1 "the city office needs a reason" --as city1 project stage 14 signed --no-credit
expect_err "reason" "asks for the reason"
is "project 14 still negotiating" "$(val project 14 stage)" "Negotiating"
expect_ok "the city office records it without credit" --as city1 project stage 14 signed \
	--no-credit --reason 未提前一周预报
is "project 14 signed" "$(val project 14 stage)" "Signed"
is "no_credit holds the reason" "$(val project 14 no_credit)" "未提前一周预报"
is "and no district is credited with it" "$(val project 14 credit)" ""
expect_ok "project show as a table" project show 14
expect_out "^No credit +未提前一周预报$" "shows No credit"
expect_ok "the history" --format tsv project history 14
expect_out "	市中心甲	stage	Stage	Negotiating	Signed	未提前一周预报$" \
	"records the signing by the city office with its reason"

# --- issues over working days (opened Monday 2026-09-21) --------------------------------
# Limits (profile): manager 3, district 5, city 10, meeting 15, supervision 20 working
# days.  cn-2026: 09-25 中秋 off; 10-01..07 国庆 off; 10-10 (Saturday) worked.  By hand:
#   issue 1: manager since 09-21: due 09-24;  tick 09-25 -> district since 09-28 (Mon),
#            due 29 30 | 10-08 09 10 = 10-10;  escalated by hand on Friday 10-09 ->
#            city since 10-09, due 10(Sat) 12-16 19-22 = 10-22;  tick 10-23 -> meeting since
#            10-23, due 26-30, 11-02..06, 09..13 = 11-13;  decided 11-05 -> supervision
#            since 11-05, due 06, 09-13, 16-20, 23-27, 30, 12-01..03 = 12-03.
#   issue 2: since 09-28: due 29 30 | 10-08 = 10-08; waits from 09-30 to 10-09 (10-08 and
#            10-09 are the working days waited: 2) -> due 10-08 + 2 = 10-09, 10-10 (Sat).
#   issue 3: opened Saturday 10-03 in the holiday: first working day 10-08, + 3 = 10-12.
at 2026-09-21
expect_ok "a land issue on project 2" issue open --project 2 --category land \
	--description 用地指标 --need-by 2026-11-30
expect_out "^1$" "is issue 1"
is "with the service manager" "$(issue_col 1 4)" "Service manager"
is "due 2026-09-24" "$(issue_col 1 7)" "2026-09-24"
expect_fail 1 "no decision below the leaders' meeting" issue decide 1 市里统筹 --owner 市发改委
at 2026-09-24
expect_ok "tick on 09-24" tick
is "still with the manager" "$(issue_col 1 4)" "Service manager"
at 2026-09-25
expect_ok "tick on 中秋 09-25" tick
expect_out "issue levels escalated: 1" "one level"
is "up to the district" "$(issue_col 1 4)" "District leadership"
is "since 09-28" "$(val issue 1 level_since)" "2026-09-28"
is "due 2026-10-10" "$(issue_col 1 7)" "2026-10-10"
expect_ok "calendar add 2026-09-28 5" calendar add 2026-09-28 5
expect_out "^2026-10-10$" "agrees"

at 2026-09-28
expect_ok "a housing issue on project 3" issue open --project 3 --category housing \
	--description 人才公寓
expect_out "^2$" "is issue 2"
is "due 2026-10-08" "$(issue_col 2 7)" "2026-10-08"
at 2026-09-30
expect_ok "ask the enterprise on 09-30" issue ask 2 请企业提供人才名单
is "waiting" "$(issue_col 2 5)" "Waiting on enterprise"
at 2026-10-03
expect_ok "the Nanhu desk officer opens an approval issue on Saturday 10-03" --as desk_nh \
	issue open --project 3 --category approval --description 施工许可
expect_out "^3$" "is issue 3"
is "the first-contact officer is the desk officer" "$(issue_col 3 9)" "南湖专员"
expect_ok "his own issues" --as desk_nh --format tsv issue list --mine
expect_lines 2 "one issue"
expect_out "^3	" "issue 3"
is "due 2026-10-12 (10-08 + 3 working days, 10-10 worked)" "$(issue_col 3 7)" "2026-10-12"
expect_ok "calendar add 2026-10-03 3" calendar add 2026-10-03 3
expect_out "^2026-10-12$" "agrees"

at 2026-10-09
expect_ok "tick on 10-09" tick
is "issue 1 still at the district (due 10-10)" "$(issue_col 1 4)" "District leadership"
is "issue 2, waiting past its first due date, is not escalated" "$(issue_col 2 4)" "Service manager"
expect_ok "issue 2 resumes on 10-09" issue resume 2 名单已提供
is "open" "$(issue_col 2 5)" "Open"
is "due moved by the 2 working days waited: 2026-10-10" "$(issue_col 2 7)" "2026-10-10"
expect_ok "calendar add 2026-10-08 2" calendar add 2026-10-08 2
expect_out "^2026-10-10$" "agrees"
expect_fail 1 "escalating by hand needs a reason" issue escalate 1
expect_ok "the district escalates issue 1 by hand" issue escalate 1 涉及跨区用地指标调剂
is "issue 1 with the city office" "$(issue_col 1 4)" "City coordination office"
is "since today 10-09" "$(val issue 1 level_since)" "2026-10-09"
is "due 2026-10-22" "$(issue_col 1 7)" "2026-10-22"
expect_ok "calendar add 2026-10-09 10" calendar add 2026-10-09 10
expect_out "^2026-10-22$" "agrees"

at 2026-10-10
expect_ok "tick on the make-up Saturday" tick
is "issue 2 stays on its last day" "$(issue_col 2 4)" "Service manager"
at 2026-10-11
expect_ok "tick on Sunday 10-11" tick
is "issue 2 up to the district" "$(issue_col 2 4)" "District leadership"
is "since Monday 10-12" "$(val issue 2 level_since)" "2026-10-12"
is "due 2026-10-19" "$(issue_col 2 7)" "2026-10-19"
is "issue 3 stays (due 10-12)" "$(issue_col 3 4)" "Service manager"
at 2026-10-13
expect_ok "tick on 10-13" tick
is "issue 3 up to the district" "$(issue_col 3 4)" "District leadership"
is "issue 3 due 2026-10-20" "$(issue_col 3 7)" "2026-10-20"
expect_ok "issue 2 resolved" issue resolve 2 已分配人才公寓
expect_ok "issue 3 resolved" issue resolve 3 施工许可已核发
at 2026-10-22
expect_ok "tick on 10-22" tick
is "issue 1 still with the city office" "$(issue_col 1 4)" "City coordination office"
at 2026-10-23
expect_ok "tick on 10-23" tick
expect_out "issue levels escalated: 1" "one level, only issue 1"
is "issue 1 up to the leaders' meeting" "$(issue_col 1 4)" "Leaders' coordination meeting"
is "since 10-23" "$(val issue 1 level_since)" "2026-10-23"
is "due 2026-11-13" "$(issue_col 1 7)" "2026-11-13"
expect_ok "calendar add 2026-10-23 15" calendar add 2026-10-23 15
expect_out "^2026-11-13$" "agrees"

at 2026-11-05
expect_fail 1 "resolving at the meeting needs its decision" issue resolve 1 已协调
expect_fail 1 "a decision needs its owner" issue decide 1 由市自然资源和规划局调剂指标
is "still at the meeting" "$(issue_col 1 4)" "Leaders' coordination meeting"
expect_ok "the meeting decides, with an owner" issue decide 1 由市自然资源和规划局调剂指标 \
	--owner 市自然资源和规划局
is "under supervision" "$(issue_col 1 4)" "Supervision"
is "since 11-05" "$(val issue 1 level_since)" "2026-11-05"
is "due 2026-12-03" "$(issue_col 1 7)" "2026-12-03"
is "the decision is kept" "$(val issue 1 decision)" "由市自然资源和规划局调剂指标"
is "with its owner" "$(val issue 1 decision_owner)" "市自然资源和规划局"
expect_ok "calendar add 2026-11-05 20" calendar add 2026-11-05 20
expect_out "^2026-12-03$" "agrees"

at 2026-12-03
expect_ok "tick on 12-03" tick
is "still under supervision" "$(issue_col 1 4)" "Supervision"
expect_ok "not overdue on its last day" --format tsv issue list --overdue
expect_lines 1 "nothing overdue"
at 2026-12-04
n=$(nhist issue 1)
expect_ok "tick on 12-04" tick
expect_out "issue levels escalated: 0" "nothing above supervision"
is "no history" "$(nhist issue 1)" "$n"
expect_ok "overdue" --format tsv issue list --overdue
expect_out "^1	" "issue 1 is overdue"
expect_lines 2 "and only issue 1"
expect_ok "the issue's history" --format tsv issue history 1
expect_out "escalate	Level	Service manager	District leadership	" "manager to district (tick)"
expect_out "escalate	Level	District leadership	City coordination office	涉及跨区用地指标调剂$" \
	"district to city by hand, with its reason"
expect_out "escalate	Level	City coordination office	Leaders' coordination meeting	" "city to meeting (tick)"
expect_out "decide	Level	Leaders' coordination meeting	Supervision	" "meeting to supervision by decision"
expect_ok "issue 1 resolved" issue resolve 1 指标已调剂到位
expect_ok "tick" tick
is "resolved stays resolved" "$(issue_col 1 5)" "Resolved"
expect_ok "open issues" --format tsv issue list --open
expect_lines 1 "none"

# --- claims at intake -----------------------------------------------------------------
expect_ok "嘉兴华芯半导体有限公司" enterprise add --name 嘉兴华芯半导体有限公司 \
	--credit-code 91330400MA2B3C4D56
expect_out "^2$" "is enterprise 2"
no_warning "its credit code is valid"
expect_ok "a Nanhu project of 华芯 in talks" project add --name 华芯功率芯片 --enterprise 2 \
	--industry 集成电路 --investment 12亿 --district 南湖区 --stage talks
expect_out "^16$" "is project 16"
no_warning "the first project draws no warning"
expect_ok "a second Nanhu project of 华芯" project add --name 华芯二期 --enterprise 2 \
	--industry 集成电路 --investment 2亿 --district 南湖区
expect_out "^17$" "is project 17"
expect_err "^zsdesk: warning: .*project 16 .*Nanhu" "warns: the first is in talks"
is "claim_seen 16" "$(val project 17 claim_seen)" "16"
expect_ok "Xiuzhou takes 华芯 in by its credit code in lower case" project add \
	--name 华芯秀洲基地 --enterprise 91330400ma2b3c4d56 --industry 集成电路 \
	--investment 3亿 --district 秀洲区
expect_out "^18$" "is saved as project 18"
expect_err "^zsdesk: warning: " "with a warning"
expect_err "project 16 .*Nanhu" "naming project 16"
expect_err "project 17 .*Nanhu" "and project 17"
claims=$(val project 18 claim_seen)
case ",$claims," in *,16,*17,* | *,17,*16,*) ok "claim_seen holds 16 and 17" ;;
*) is "claim_seen holds 16 and 17" "$claims" "17,16" ;; esac
expect_ok "嘉兴（华芯）半导体股份有限公司" enterprise add --name 嘉兴（华芯）半导体股份有限公司
expect_out "^3$" "is enterprise 3"
expect_ok "Haining takes it in" project add --name 华芯海宁项目 --enterprise 3 \
	--industry 集成电路 --investment 3亿 --district 海宁市
expect_out "^19$" "is project 19"
expect_err "^zsdesk: warning: .*project 16 .*Nanhu" "warns with 嘉兴华芯半导体有限公司's project 16"
case ",$(val project 19 claim_seen)," in *,16,*) ok "claim_seen holds 16" ;;
*) is "claim_seen holds 16" "$(val project 19 claim_seen)" "18,17,16" ;; esac
expect_ok "嘉兴 华芯半导体 有限公司 (spaces)" enterprise add --name "嘉兴 华芯半导体 有限公司"
expect_out "^4$" "is enterprise 4"
expect_ok "Pinghu takes it in" project add --name 华芯平湖项目 --enterprise 4 \
	--industry 集成电路 --investment 3亿 --district 平湖市
expect_err "^zsdesk: warning: .*project 16 .*Nanhu" "warns with project 16"
expect_ok "嘉兴华芯微电子有限公司, another enterprise" enterprise add --name 嘉兴华芯微电子有限公司
expect_out "^5$" "is enterprise 5"
expect_ok "Jiashan takes it in" project add --name 华芯微电子项目 --enterprise 5 \
	--industry 集成电路 --investment 3亿 --district 嘉善县
no_warning "a different name draws no warning"
is "no claim_seen" "$(val project 21 claim_seen)" ""

# --- service managers for project 16 (Nanhu, 集成电路) -----------------------------------
expect_ok "吴芯 manages project 17" manager assign 17 n_ic2
expect_ok "suggestions for project 16" --format tsv manager suggest 16
names=$(awk -F '\t' 'NR > 1 { printf "%s ", $2 }' "$T/out")
case "$names" in "周芯 吴芯 郑能 "*) ok "周芯 (idle), 吴芯 (one project), then 郑能 (other industry)" ;;
*) is "周芯 吴芯 郑能 in order" "$names" "周芯 吴芯 郑能 ..." ;; esac
expect_ok "deactivate 周芯" officer edit n_ic --active no
expect_ok "suggestions again" --format tsv manager suggest 16
expect_no_out "周芯" "周芯 is not suggested"
[ "$(out_field 2)" = 吴芯 ] && ok "吴芯 is first" || not_ok "吴芯 is first"
expect_fail 1 "周芯 cannot be assigned" --as lead_nh manager assign 16 n_ic
expect_err "inactive" "says inactive"
expect_err "周芯" "and names 周芯"
expect_fail 1 "a desk officer cannot assign" --as desk_nh manager assign 16 n_ic2
expect_ok "the Nanhu lead assigns 吴芯" --as lead_nh manager assign 16 n_ic2
is "吴芯 manages project 16" "$(val project 16 manager)" "吴芯"
expect_fail 1 "a handover without a reason" --as lead_nh manager assign 16 n_ne
is "吴芯 still manages it" "$(val project 16 manager)" "吴芯"
expect_ok "a handover with a reason" --as lead_nh manager assign 16 n_ne --reason 吴芯负荷过重
is "郑能 manages project 16" "$(val project 16 manager)" "郑能"
expect_ok "the history" --format tsv project history 16
expect_out "	南湖领导	handover	[^	]*	吴芯	郑能	吴芯负荷过重$" "the handover with its reason"
expect_ok "reactivate 周芯" officer edit n_ic --active yes
expect_ok "suggestions" --format tsv manager suggest 17
expect_out "	周芯	" "周芯 is suggested again"

# --- the database is sound ---------------------------------------------------------
run check
expect_out "^ok: " "check is clean"
[ "$status" -eq 0 ] && ok "check exits 0" || not_ok "check exits 0"
# --- a landmark project (标志性) needs the pre-report whatever its size ---
# A landmark project (标志性) needs the pre-report whatever its size.
expect_ok "a small landmark project in talks" project add --name 标志项目 --enterprise 1 \
	--industry 集成电路 --investment 5000 --district 秀洲区 --stage talks --landmark yes
lm=$(sed -n 1p "$T/out")
expect_fail 1 "it cannot sign without a pre-report" project stage "$lm" signed
expect_err "landmark|标志性" "the refusal names the landmark rule"

# --- the first-talk register has no way around it (seed 004 二(一)3) ---------------
at 2026-05-04
newid() { sed -n 1p "$T/out"; }
expect_ok "an enterprise for the register gaps" enterprise add --name 嘉兴绕行测试有限公司
ent=$(newid)
expect_ok "a 12亿 lead" project add --name 直签项目 --enterprise "$ent" --industry 集成电路 \
	--investment 12亿 --district 南湖区
p1=$(newid)
is "a lead is not registered" "$(val project "$p1" ft_status)" ""
expect_ok "put straight to 签约 (below the pre-report's 30亿)" project stage "$p1" signed
is "registered on the way, as progressed" "$(val project "$p1" ft_status)" "Progressed"
is "registered today" "$(val project "$p1" ft_registered)" "2026-05-04"
is "credited to Nanhu" "$(val project "$p1" credit)" "Nanhu 100%"
expect_ok "a 5亿 project in talks" project add --name 加码项目 --enterprise "$ent" \
	--industry 集成电路 --investment 5亿 --district 秀洲区 --stage talks
p2=$(newid)
is "below 10亿 it is not registered" "$(val project "$p2" ft_status)" ""
expect_ok "its amount raised to 11亿 while in talks" project edit "$p2" --investment 11亿
is "it is registered now" "$(val project "$p2" ft_status)" "Exclusive"
expect_ok "a third project of the same enterprise, in Jiashan, in talks at 15亿" project add \
	--name 抢谈项目 --enterprise "$ent" --industry 集成电路 --investment 15亿 --district 嘉善县 \
	--stage talks
p3=$(newid)
is "it waits as a claim for the city (one exclusivity per enterprise)" \
	"$(val project "$p3" ft_status)" "Claim for the city"
is "against Xiuzhou's project" "$(val project "$p3" ft_claim_of)" "加码项目"
expect_ok "the register lists the claim" --format tsv firsttalk list --status claim
expect_out "^$p3	" "project $p3 among the claims"
expect_fail 1 "a desk officer cannot decide it" --as desk_nh firsttalk decide "$p3" grant --reason 试
expect_fail 1 "the city must give a reason" --as city1 firsttalk decide "$p3" refuse
expect_ok "the city office refuses the claim" --as city1 firsttalk decide "$p3" refuse \
	--reason 秀洲首报在先
is "closed" "$(val project "$p3" ft_status)" "Closed"
is "with the decision" "$(val project "$p3" ft_decision)" "秀洲首报在先"

# Transfers: not while exclusive, not unregistered, unless the city decides.
expect_fail 1 "the city cannot transfer a project still exclusive" --as city1 firsttalk transfer \
	"$p2" --to 平湖市 --reason 平湖条件更好
expect_err "exclusive" "saying it is in its exclusive first talk"
expect_ok "a small project never registered" project add --name 未登记项目 --enterprise "$ent" \
	--industry 集成电路 --investment 1亿 --district 南湖区 --stage talks
p4=$(newid)
expect_fail 1 "nor transfer a project never registered" --as city1 firsttalk transfer "$p4" \
	--to 平湖市 --reason 随意流转
expect_err "register" "saying it is not in the register"
expect_ok "with a recorded decision it may" --as city1 firsttalk transfer "$p4" --to 平湖市 \
	--reason 企业要求 --decision 市投促中心会议纪要第3号
is "the decision is kept" "$(val project "$p4" ft_decision)" "市投促中心会议纪要第3号"

# Credit survives two transfers: Xiuzhou, then Pinghu, then Haining all 100%.
at 2026-06-05
run tick
is "Xiuzhou's exclusivity lapsed" "$(val project "$p2" ft_status)" "Due for transfer"
expect_ok "the first transfer, to Pinghu" --as city1 firsttalk transfer "$p2" --to 平湖市 \
	--reason 首谈期满
expect_ok "the second transfer, to Haining" --as city1 firsttalk transfer "$p2" --to 海宁市 \
	--reason 平湖难以落地 --decision 市级协调会决定
credit=$(val project "$p2" credit)
case "$credit" in
*Xiuzhou*100%*Pinghu*100%*Haining*100%*) ok "Xiuzhou, Pinghu and Haining each 100% after two transfers" ;;
*) not_ok "credit after two transfers: $credit" ;;
esac
expect_ok "a Xiuzhou desk officer" officer add --login desk_xz --name 秀洲专员 --role desk \
	--district 秀洲区
expect_ok "Xiuzhou, credited, still sees the project it is scored on" --as desk_xz --format tsv \
	project show "$p2"
expect_out "加码项目" "with its name"
expect_fail 1 "but may not change it" --as desk_xz project edit "$p2" --investment 1
ledger=$(val project "$p2" credit_ledger | tr -cd '|' | wc -c)
is "the ledger holds three entries" "$ledger" "9"

# Moved back into talks: watched again, as the profile says (rewatch = yes).
expect_ok "a 20亿 project in talks" project add --name 回谈项目 --enterprise 1 --industry 集成电路 \
	--investment 20亿 --district 海宁市 --stage talks
p5=$(newid)
expect_ok "signed" project stage "$p5" signed
is "progressed" "$(val project "$p5" ft_status)" "Progressed"
expect_ok "back to talks, with a reason" project stage "$p5" talks --reason 合同未生效
is "watched again" "$(val project "$p5" ft_status)" "Exclusive"
is "a new month from today" "$(val project "$p5" ft_until)" "2026-07-05"

# --- credit per district and period ------------------------------------------------
expect_ok "credit since May" --format tsv credit --from 2026-05-01
expect_out "^Nanhu	3	300	" "Nanhu: its three registered projects"
expect_out "^Haining	2	200	" "Haining: the project it received and its own"
expect_out "^Pinghu	2	200	" "Pinghu has two: the decided transfer and its own share"
expect_out "^Xiuzhou	1	100	" "Xiuzhou keeps its credit after two transfers"
expect_ok "credit of Xiuzhou in June only" --format tsv credit --from 2026-06-01 --to 2026-06-30 \
	--district 秀洲区
expect_lines 1 "none: Xiuzhou's credit arose in May"
expect_ok "credit as a table" credit
# --- a wait on the enterprise has the profile's limit (20 working days) ------------
at 2026-07-01
expect_ok "an issue to wait on" issue open --project 1 --category land --description 等待企业材料
wi=$(sed -n 1p "$T/out")
expect_ok "it waits on the enterprise" issue ask "$wi" 请补充材料
at 2026-07-28
expect_ok "tick after 19 working days" tick
is "still waiting" "$(issue_col "$wi" 5)" "Waiting on enterprise"
at 2026-07-30
expect_ok "tick after 21 working days" tick
expect_out "waits ended: 1" "one wait ended by the limit"
is "its clock runs again" "$(issue_col "$wi" 5)" "Open"

# --- the claim warning sees an enterprise under another form of its name -------------
at 2026-08-03
expect_ok "华芯半导体（嘉兴）有限公司, a new enterprise record" enterprise add \
	--name "华芯半导体（嘉兴）有限公司"
hx=$(sed -n 1p "$T/out")
expect_ok "a Pinghu project of it" project add --name 华芯平湖基地 --enterprise "$hx" \
	--industry 集成电路 --investment 3亿 --district 平湖市
expect_err "warning: .*嘉兴华芯半导体有限公司" "warns of 嘉兴华芯半导体有限公司's projects"
expect_ok "嘉兴华芯半导体有限公司南湖分公司, a branch" enterprise add \
	--name 嘉兴华芯半导体有限公司南湖分公司
br=$(sed -n 1p "$T/out")
expect_ok "a Haining project of the branch" project add --name 华芯海宁线 --enterprise "$br" \
	--industry 集成电路 --investment 2亿 --district 海宁市
expect_err "warning: .*华芯" "warns of the parent's projects"
expect_ok "an unrelated enterprise" enterprise add --name 嘉兴月亮湾文旅有限公司
un=$(sed -n 1p "$T/out")
expect_ok "a Tongxiang project of it" project add --name 月亮湾项目 --enterprise "$un" \
	--industry 集成电路 --investment 2亿 --district 桐乡市
if [ -s "$T/err" ]; then not_ok "no warning for an unrelated enterprise"; else ok "no warning for an unrelated enterprise"; fi
pu=$(sed -n 1p "$T/out")
expect_ok "re-pointed by an edit to 华芯's branch" project edit "$pu" --enterprise "$br"
expect_err "warning: .*华芯" "the edit warns too"
is "and records what was seen" "$([ -n "$(val project "$pu" claim_seen)" ] && echo yes)" "yes"

# --- managers: live projects only; a deactivated manager's projects are handed over --
expect_ok "a Tongxiang manager" officer add --login tx_m --name 桐管 --role manager \
	--district 桐乡市 --industries 集成电路
expect_ok "manages the Tongxiang project" manager assign "$pu" tx_m
expect_ok "a second Tongxiang project, 12亿 (major)" project add --name 桐乡大项目 --enterprise 1 \
	--industry 集成电路 --investment 12亿 --district 桐乡市
pm=$(sed -n 1p "$T/out")
expect_ok "also managed by tx_m" manager assign "$pm" tx_m
expect_ok "suggestions for it" --format tsv manager suggest "$pm"
expect_out "	桐管	.*	2$" "tx_m's workload is 2"
expect_ok "one of them exits" project stage "$pu" exited --reason 企业放弃
expect_ok "suggestions again" --format tsv manager suggest "$pm"
expect_out "	桐管	.*	1$" "an exited project is no work: 1"
expect_ok "tx_m is deactivated" officer edit tx_m --active no
expect_ok "major projects without a manager" --format tsv project list --unmanaged
expect_out "^$pm	" "the deactivated manager's major project is on the list to hand over"

# --- the calendar runs out --------------------------------------------------------
at 2026-10-01
expect_ok "tick in October" tick
if grep -q calendar "$T/err"; then not_ok "no calendar warning while every clock ends in 2026"; else ok "no calendar warning while every clock ends in 2026"; fi
at 2026-12-05
expect_ok "tick in December: a first talk begun now would end in 2027" tick
expect_err "calendar" "warns that a clock runs past the last calendar held"
expect_err "State Council" "and says where next year's comes from"

finish
