#!/bin/sh
# inbox.sh - zsdesk inbox: issues escalated to me or my level, first-talk
# periods of my projects ending, projects given to me, claims for the city
# office; read one by one or all at once, new again when the state moves
# on; nothing of another district's.
. "$TESTLIB"

expect_ok "a single-user Jiaxing database" init --profile jiaxing --single-user
expect_ok "a Nanhu service manager" officer add --login mgr --name 管一 --role manager --district nanhu
expect_ok "the Nanhu lead" officer add --login ld --name 领导 --role lead --district nanhu
expect_ok "a Xiuzhou manager" officer add --login xz --name 徐一 --role manager --district xiuzhou
expect_ok "a city officer" officer add --login city --name 市一 --role city
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司
expect_ok "a project of 12亿 in talks: first talk until 2026-12-22" project add --name 华芯一期 \
	--enterprise 1 --industry 集成电路 --investment 12亿 --district nanhu --stage talks
expect_ok "a second project" project add --name 华芯二期 --enterprise 1 --industry 集成电路 \
	--investment 2亿 --district nanhu

expect_ok "an empty inbox" --as mgr inbox --format tsv
expect_lines 1 "has only its header"
expect_ok "project 1 given to mgr" manager assign 1 mgr
expect_ok "project 2 given to mgr" manager assign 2 mgr
expect_ok "mgr takes an issue" --as mgr issue open --project 1 --category 用地 --description 用地指标
run --as mgr --format tsv inbox
expect_out "^\*	Assigned to me	Project	1	华芯一期	" "project 1 given to me, unread"
expect_out "^\*	Assigned to me	Project	2	华芯二期	" "project 2 given to me, unread"
expect_out "^\*	Issue waiting on me	Issue	1	华芯一期	Land, Service manager since 2026-11-22" "the issue I took"
expect_no_out "First talk ending" "the first talk ends in 30 days: not within 14"
run --as mgr --format tsv inbox --days 30
expect_out "First talk ending	Project	1	华芯一期	exclusive until 2026-12-22" "--days 30: the first talk ending"
run --as xz --format tsv inbox --days 60
expect_lines 1 "a Xiuzhou manager sees nothing of Nanhu's"

# --- read one, then all ---
expect_ok "the issue read (opened)" --as mgr inbox --read issue:1:manager
run --as mgr --format tsv inbox
expect_no_out "Issue waiting on me" "a read entry leaves the default list"
run --as mgr --format tsv inbox --all
expect_out "^	Issue waiting on me	" "--all lists it, not marked new"
expect_fail 1 "--read of a key that is not in the inbox" --as mgr inbox --read issue:99:manager
expect_err "not an entry of your inbox" "says so"
expect_fail 2 "--days takes a number" --as mgr inbox --days x
expect_fail 1 "--read of another officer's entry" --as xz inbox --read assign:1:16
expect_ok "mgr marks everything read" --as mgr inbox --mark-read
expect_out "Assigned to me" "after listing what was new"
run --as mgr --format tsv inbox
expect_lines 1 "nothing new is left"

# --- new again when the state moves on ---
run --as ld --format tsv inbox
expect_lines 1 "the lead has nothing yet"
expect_ok "mgr escalates the issue to the district" --as mgr issue escalate 1 需区里协调
run --as ld --format tsv inbox
expect_out "^\*	Issue waiting on me	Issue	1	华芯一期	Land, District leadership since" "escalated to the lead's level: new for the lead"
run --as mgr --format tsv inbox
expect_no_out "Issue waiting on me" "and gone from the manager's"
expect_ok "the lead hands project 2 over to ld" manager assign 2 ld --reason 领导亲自跟
run --as ld --format tsv inbox
expect_out "^\*	Assigned to me	Project	2	" "a handover to me is new"
run --as ld --format tsv inbox --days 30
expect_out "First talk ending	Project	1	" "the lead sees the district's first talk ending"

# --- claims for the city office ---
expect_ok "Xiuzhou enters the same enterprise in talks: a claim" project add --name 华芯秀洲 \
	--enterprise 1 --industry 集成电路 --investment 15亿 --district xiuzhou --stage talks
run --as city --format tsv inbox
expect_out "^\*	Claim for the city	Project	3	华芯秀洲	claimed by Xiuzhou on 2026-11-22" "the city office sees the claim"
run --as mgr --format tsv inbox --all
expect_no_out "Claim for the city" "a district manager does not"
expect_ok "the city office grants it" --as city firsttalk decide 3 grant --reason 两区分别洽谈不同项目
run --as city --format tsv inbox --all
expect_no_out "Claim for the city" "a decided claim leaves the inbox"

# --- the mark is the officer's, not a record ---
run --format tsv audit
expect_no_out "inbox" "marking read writes nothing to the audit log"
expect_ok "the database checks clean" check

finish
