#!/bin/sh
# followup.sh - the follow-up log: add with every field, the rules of an
# entry (a date not after today, a next step not before it, a project or
# an enterprise, a time of day), the log newest first by project and by
# enterprise, and the ways around its permissions: another district's
# project, another district's log, a correction by someone else, a
# correction without a reason.
. "$TESTLIB"

expect_ok "init" init --profile beijing --single-user
expect_ok "an enterprise" enterprise add --name 北京泰和科技有限公司 --credit-code 91110108MA01XH001B
expect_ok "a second one" enterprise add --name 北京月光科技有限公司 --credit-code 91110105MA02YG0026
expect_ok "a Haidian project" project add --name 泰和研发中心项目 --enterprise 泰和 \
	--industry 集成电路 --investment 5000 --district 海淀区
expect_ok "a Chaoyang project of the same enterprise" project add --name 泰和总部项目 \
	--enterprise 泰和 --industry 集成电路 --investment 3000 --district 朝阳区
expect_ok "a Haidian officer" officer add --login hd --name 海淀甲 --role desk --district haidian
expect_ok "a second Haidian officer" officer add --login hd2 --name 海淀乙 --role desk --district haidian
expect_ok "a Chaoyang officer" officer add --login cy --name 朝阳甲 --role desk --district chaoyang
expect_ok "a city officer" officer add --login city --name 市局甲 --role city

# --- adding ----------------------------------------------------------------
expect_ok "a visit with every field" --as hd followup add --project 1 --type 走访 --time 14点30 \
	--officers 海淀甲、区科技局 --contacts "李总（总经理）" --summary "企业希望尽快落实用地指标" \
	--agreed "下周报送用地方案" --next-step "报送用地方案" --next-date 2026年11月29日
expect_out "^1$" "prints the new id"
expect_ok "show it as tsv" --as hd --format tsv followup show 1
expect_out "^date	[^	]*	2026-11-22$" "no --date: today"
expect_out "^time	[^	]*	14:30$" "14点30 is 14:30"
expect_out "^type	[^	]*	Visit$" "走访 is a visit"
expect_out "^enterprise	[^	]*	北京泰和科技有限公司$" "the enterprise comes from the project"
expect_out "^district	[^	]*	Haidian$" "and the district"
expect_out "^author	[^	]*	海淀甲$" "logged by the officer"
expect_out "^logged_on	[^	]*	2026-11-22$" "on the day"
expect_out "^next_date	[^	]*	2026-11-29$" "2026年11月29日 read as a date"
expect_ok "a call two days before" --as hd followup add --project 1 --type call \
	--date 2026-11-20 --time 0930 --summary 电话确认来访时间
expect_ok "a meeting on the enterprise only" --as hd followup add --enterprise 91110108MA01XH001B \
	--type meeting --date 2026-11-21 --summary 企业层面会谈
expect_ok "a call the same day, untimed" --as hd followup add --project 1 --type call \
	--date 2026-11-22 --summary 当天电话

# --- the rules of an entry -------------------------------------------------
expect_fail 1 "a date after today is refused" --as hd followup add --project 1 --type visit \
	--date 2026-11-23 --summary 明天的走访
expect_err "Date: .*after today" "and says so"
expect_fail 1 "a next step due before the contact is refused" --as hd followup add --project 1 \
	--type visit --date 2026-11-20 --next-step 回访 --next-date 2026-11-19 --summary x
expect_err "Next step by" "naming the field"
expect_fail 1 "a next-step day without a next step" --as hd followup add --project 1 --type visit \
	--next-date 2026-12-01 --summary x
expect_err "Next step: " "asks what it is"
expect_fail 1 "neither project nor enterprise" --as hd followup add --type visit --summary x
expect_fail 1 "25:00 is not a time" --as hd followup add --project 1 --type visit --time 25:00 --summary x
expect_err "not a time of day" "says so"
expect_fail 1 "a kind that is not one" --as hd followup add --project 1 --type 拜访 --summary x
expect_err "Visit" "lists the kinds"
expect_fail 1 "nothing said" --as hd followup add --project 1 --type visit
expect_err "What was said" "names the text that is missing"
expect_fail 1 "a project of another enterprise than the one given" --as hd followup add --project 1 \
	--enterprise 北京月光科技有限公司 --type visit --summary x
expect_err "not of this enterprise" "says whose project it is"
expect_fail 1 "a control character in the text" --as hd followup add --project 1 --type visit \
	--summary "$(printf 'a\033[2Jb')"
expect_fail 2 "list without a project or enterprise" --as hd followup list
expect_fail 2 "list with both" --as hd followup list --project 1 --mine

# --- the log, newest first ---------------------------------------------------
expect_ok "the project's log" --as hd --format tsv followup list --project 1
expect_lines 4 "header and three entries (the enterprise-only one is not the project's)"
[ "$(cut -f1 "$T/out" | sed 1d | tr '\n' ' ')" = "1 4 2 " ] &&
	ok "latest contact first: 14:30 today, untimed today, then the 20th" ||
	not_ok "latest contact first: 14:30 today, untimed today, then the 20th"
expect_ok "the enterprise's log" --as hd --format tsv followup list --enterprise 泰和
expect_lines 5 "holds its projects' entries and its own"
[ "$(cut -f1 "$T/out" | sed 1d | tr '\n' ' ')" = "1 4 3 2 " ] && ok "in the order they took place" ||
	not_ok "in the order they took place"
expect_ok "a page of one" --as hd --format tsv followup list --project 1 --limit 1 --skip 1
[ "$(sed -n 2p "$T/out" | cut -f1)" = 4 ] && ok "--skip 1 --limit 1 is the second" ||
	not_ok "--skip 1 --limit 1 is the second"
expect_ok "my own entries" --as hd --format tsv followup list --mine
expect_lines 5 "the four I logged"
[ "$(cut -f1 "$T/out" | sed 1d | tr '\n' ' ')" = "1 4 3 2 " ] && ok "latest first" ||
	not_ok "latest first"
expect_ok "another officer's, by login" --as hd2 --format tsv followup list --officer hd
expect_lines 5 "a colleague of the district reads them"
expect_ok "as csv" --as hd --format csv followup list --project 1
expect_out '^id,date,time,type' "csv has the header of keys"

# --- permissions -------------------------------------------------------------
expect_fail 1 "Chaoyang cannot log on a Haidian project" --as cy followup add --project 1 \
	--type visit --summary x
expect_err "another district" "and is told why"
expect_ok "Chaoyang logs on its own project" --as cy followup add --project 2 --type visit \
	--summary 朝阳区走访
expect_ok "Chaoyang reads the enterprise's log" --as cy --format tsv followup list --enterprise 泰和
expect_lines 2 "only its own entry: Haidian's are not shown"
expect_ok "Chaoyang lists Haidian's officer's entries" --as cy --format tsv followup list --officer hd
expect_lines 1 "and sees none of them"
expect_fail 1 "nor one of them by number" --as cy followup show 1
expect_err "another district" "with the reason"
expect_fail 1 "nor its history" --as cy followup history 1
expect_ok "Haidian reads Haidian's but not Chaoyang's" --as hd --format tsv followup list --enterprise 泰和
expect_lines 5 "four entries of Haidian"
expect_ok "the city reads all" --as city --format tsv followup list --enterprise 泰和
expect_lines 6 "five entries"

# --- corrections -------------------------------------------------------------
expect_fail 1 "a correction needs a reason" --as hd followup edit 1 --summary 企业希望十二月前落实用地指标
expect_err "reason" "and asks for it"
expect_fail 1 "the other Haidian officer cannot correct it" --as hd2 followup edit 1 \
	--summary 改 --reason 我改
expect_err "only the officer who logged" "says a new entry is the way"
expect_fail 1 "nor can the city office" --as city followup edit 1 --summary 改 --reason 市局改
expect_ok "its author corrects it with a reason" --as hd followup edit 1 \
	--summary 企业希望十二月前落实用地指标 --reason 记错了时间要求
expect_ok "the history keeps the old text and why" --as hd --format tsv followup history 1
expect_out "企业希望尽快落实用地指标	企业希望十二月前落实用地指标	记错了时间要求" "old, new and the reason"
expect_fail 1 "a correction cannot move it to the future" --as hd followup edit 1 --date 2026-12-01 \
	--reason 改期
expect_ok "the audit log has the correction" --as hd audit
expect_out "followup" "on the follow-up table"
expect_ok "zsdesk check finds nothing wrong" check
finish
