#!/bin/sh
# bulk.sh - one action on several projects (project bulk-stage,
# bulk-assign): each project through the rules on its own, a report of
# which failed and why, nothing half-done, one reason for all; and saved
# filters (filter save/list/delete, project list --saved).
. "$TESTLIB"

# state ID: the project's stage and manager, tab-separated.
state() {
	"$ZSDESK" --format tsv project show "$1" |
		awk -F '\t' '$1 == "stage" { s = $3 } $1 == "manager" { m = $3 } END { print s "\t" m }'
}

expect_ok "a single-user Jiaxing database" init --profile jiaxing --single-user
expect_ok "a Nanhu desk officer" officer add --login nh --name 南一 --role desk --district nanhu
expect_ok "a Nanhu service manager" officer add --login mgr --name 管一 --role manager --district nanhu
expect_ok "a Nanhu lead" officer add --login ld --name 领导 --role lead --district nanhu
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司
expect_ok "another enterprise" enterprise add --name 嘉兴博远新材料有限公司
expect_ok "P1: Nanhu, 5亿, talks" project add --name 华芯一期 --enterprise 1 --industry 集成电路 \
	--investment 5亿 --district nanhu --stage talks
expect_ok "P2: Nanhu, 40亿, talks (signing needs a pre-report)" project add --name 华芯二期 \
	--enterprise 1 --industry 集成电路 --investment 40亿 --district nanhu --stage talks
expect_ok "P3: Xiuzhou, 3亿, talks" project add --name 博远一期 --enterprise 2 --industry 新材料 \
	--investment 3亿 --district xiuzhou --stage talks
expect_ok "P4: Nanhu, 2亿, lead" project add --name 博远二期 --enterprise 2 --industry 新材料 \
	--investment 2亿 --district nanhu

# --- what is refused before anything is done ---
expect_fail 2 "bulk-stage names no projects" project bulk-stage signed --reason 集中签约
expect_err "which projects" "asking which"
expect_fail 2 "--ids and filters together" project bulk-stage signed --ids 1 --district nanhu --reason x
expect_fail 1 "no reason" project bulk-stage signed --ids 1,3
expect_err "needs a reason" "saying a reason is needed for all"
[ "$(state 1)" = "$(printf 'Negotiating\t')" ] && ok "P1 is untouched" || not_ok "P1 is untouched ($(state 1))"
expect_fail 1 "--ids with a project that does not exist" project bulk-stage signed --ids 1,99 --reason x
[ "$(state 1)" = "$(printf 'Negotiating\t')" ] && ok "nothing moved" || not_ok "nothing moved"

# --- each through the rules, a report of which failed and why ---
expect_fail 1 "Nanhu's officer signs P1, P2 and P3" --as nh --format tsv project bulk-stage signed \
	--ids 1,2,3 --reason 集中签约活动
expect_out "^1	华芯一期	done" "P1 is signed"
expect_out "^2	华芯二期	.*(pre-report|预报)" "P2 is refused by the pre-report rule, said beside it"
expect_out "^3	.*another district" "P3 is another district's (its name not shown), said beside it"
expect_err "2 of 3 projects were left as they were" "and the count on stderr"
[ "$(state 1)" = "$(printf 'Signed\t')" ] && ok "P1 is Signed" || not_ok "P1 is Signed ($(state 1))"
[ "$(state 2)" = "$(printf 'Negotiating\t')" ] && ok "P2 is as it was" || not_ok "P2 is as it was ($(state 2))"
[ "$(state 3)" = "$(printf 'Negotiating\t')" ] && ok "P3 is as it was" || not_ok "P3 is as it was ($(state 3))"
run --format tsv project history 1
expect_out "stage	Stage	Negotiating	Signed	集中签约活动" "P1's history keeps the one reason"

# --- by filter; a saved filter ---
expect_ok "a saved filter: Nanhu, in talks" --as ld filter save 南湖在谈 --district nanhu --stage talks
expect_ok "another one" --as ld filter save 大项目 --min 10亿 --sort amount
run --as ld --format tsv filter list
expect_out "^南湖在谈$" "filter list names it"
expect_out "^大项目$" "and the other"
run --as mgr --format tsv filter list
expect_lines 1 "another officer's filters are not mine"
run --as ld --format tsv project list --saved 南湖在谈
expect_out "^2	华芯二期" "project list --saved: P2 (Nanhu, in talks)"
expect_no_out "^(1|3|4)	" "and no other"
run --as ld --format tsv project list --saved 南湖在谈 --industry 新材料
expect_lines 1 "an option given narrows the saved filter"
expect_fail 1 "an unknown saved filter" --as ld project list --saved 没有
expect_err "no saved filter is called 没有" "says so"
expect_fail 1 "a name with a control character" --as ld filter save "$(printf 'a\033b')" --stage talks
expect_fail 1 "a name of 41 characters" --as ld filter save "$(printf '%041d' 0)" --stage talks
expect_ok "the same name again replaces it" --as ld filter save 南湖在谈 --district nanhu --stage lead
run --as ld --format tsv project list --saved 南湖在谈
expect_out "^4	博远二期" "now the leads of Nanhu"
expect_ok "delete a saved filter" --as ld filter delete 大项目
run --as ld --format tsv filter list
expect_no_out "大项目" "it is gone"
expect_fail 1 "delete one that is not there" --as ld filter delete 大项目

expect_ok "mgr manages P4 already" manager assign 4 mgr
expect_fail 1 "the lead assigns mgr to the saved filter's projects and P2's" --as ld --format tsv \
	project bulk-assign mgr --saved 南湖在谈 --reason 统一管家
expect_out "^4	博远二期	.*already manages" "P4: mgr manages it already, said beside it"
expect_ok "the lead assigns mgr to Nanhu's projects in talks" --as ld --format tsv \
	project bulk-assign mgr --district nanhu --stage talks --reason 统一管家
expect_out "^2	华芯二期	done" "P2 has its manager"
[ "$(state 2)" = "$(printf 'Negotiating\t管一')" ] && ok "P2: manager 管一" || not_ok "P2: manager 管一 ($(state 2))"
expect_fail 1 "Nanhu's desk officer may not assign" --as nh --format tsv project bulk-assign ld --ids 2 \
	--reason 换人
[ "$(state 2)" = "$(printf 'Negotiating\t管一')" ] && ok "P2 keeps its manager" || not_ok "P2 keeps its manager"
expect_ok "the database checks clean" check

finish
