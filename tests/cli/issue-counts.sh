#!/bin/sh
# issue-counts.sh - the counts of enterprise issues the write path keeps (issue-tally.c): every
# way an issue changes (opened, waiting, resumed, escalated by hand and by the clock, decided,
# resolved, a dispute, its project transferred to another district) leaves them equal to what
# `zsdesk check` makes again from the issues, and the escalation report and the tick read them.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

# cell REPORT-ARGS... -- DISTRICT LEVEL-POSITION KEY: one cell of the escalation report.
cell() {
	args=""
	while [ "$1" != "--" ]; do
		args="$args $1"
		shift
	done
	# shellcheck disable=SC2086
	"$ZSDESK" --format json --lang en report escalation $args 2>/dev/null |
		python3 -c 'import json,sys; d=sys.argv[1]; n=int(sys.argv[2]); k=sys.argv[3]
rows=[r for r in json.load(sys.stdin) if r["district"] == d]
print(rows[n][k] if n < len(rows) else "?")' "$2" "$3" "$4"
}

# clean WHAT: zsdesk check finds the counts as it makes them again.
clean() {
	run check
	if [ "$status" -eq 0 ] && grep -q "^ok: " "$T/out"; then ok "$1: check is clean"; else
		not_ok "$1: check is clean"
		sed 's/^/#   /' "$T/out" "$T/err" | head -10
	fi
}

at 2026-09-21
expect_ok "init Jiaxing" init --profile jiaxing --single-user
expect_ok "an enterprise" enterprise add --name 嘉兴诉求计数有限公司
expect_ok "P1 in Nanhu" project add --name 诉求计数一号项目 --enterprise 1 --industry 新材料 \
	--investment 2亿 --district 南湖区
expect_ok "P2 in Xiuzhou" project add --name 诉求计数二号项目 --enterprise 1 --industry 新材料 \
	--investment 3亿 --district 秀洲区
expect_ok "issue 1 on P1" issue open --project 1 --category land --description 用地指标
expect_ok "issue 2 on P1, needed by 09-23" issue open --project 1 --category land \
	--description 用电增容 --need-by 2026-09-23
expect_ok "issue 3 on P2" issue open --project 2 --category land --description 审批进度
clean "three issues opened"
is "Nanhu: two open at the first level" "$(cell --month 2026-09 -- Nanhu 0 open)" "2"
is "none overdue yet" "$(cell --month 2026-09 -- Nanhu 0 overdue)" "0"
is "Xiuzhou: one" "$(cell --month 2026-09 -- Xiuzhou 0 open)" "1"

at 2026-09-24
is "09-24: issue 2 is past the day the enterprise needs it" \
	"$(cell --month 2026-09 -- Nanhu 0 overdue)" "1"
expect_ok "issue 3 waits on the enterprise" issue ask 3 请补充材料
clean "a wait"
is "waiting is still open" "$(cell --month 2026-09 -- Xiuzhou 0 open)" "1"

at 2026-09-25
expect_ok "the clock: issues 1 and 2 climb (due 09-24)" tick
expect_out "issue levels escalated: 2" "two levels climbed"
clean "the clock's escalations"
is "Nanhu: none left at the first level" "$(cell --month 2026-09 -- Nanhu 0 open)" "0"
is "two at the district" "$(cell --month 2026-09 -- Nanhu 1 open)" "2"
is "issue 3, waiting, did not climb" "$(cell --month 2026-09 -- Xiuzhou 0 open)" "1"
expect_ok "again: nothing more is due" tick
expect_out "issue levels escalated: 0" "nothing climbs twice"

expect_ok "issue 3 resumed" issue resume 3 材料已补充
expect_ok "issue 1 escalated by hand" issue escalate 1 区里无法协调
clean "a resume and an escalation by hand"
is "Nanhu: one at the city office" "$(cell --month 2026-09 -- Nanhu 2 open)" "1"

expect_ok "P1 transferred to Xiuzhou" project edit 1 --district 秀洲区 --reason 企业选址调整
clean "a transfer"
is "Nanhu has no open issue left" \
	"$(cell --month 2026-09 -- Nanhu 1 open)/$(cell --month 2026-09 -- Nanhu 2 open)" "0/0"
is "Xiuzhou holds P1's issue at the district" "$(cell --month 2026-09 -- Xiuzhou 1 open)" "1"

expect_ok "issue 2 resolved" issue resolve 2 已增容
clean "a resolution"
is "resolved in September at the district" "$(cell --month 2026-09 -- Xiuzhou 1 resolved)" "1"
is "not in October" "$(cell --month 2026-10 -- Xiuzhou 1 resolved)" "0"
is "nor open" "$(cell --month 2026-09 -- Xiuzhou 1 open)" "0"

expect_ok "P3 in Nanhu" project add --name 诉求计数三号项目 --enterprise 1 --industry 新材料 \
	--investment 1亿 --district 南湖区
expect_ok "a dispute between P2 and P3" dispute raise --project 2 --other 3 --reason 两区同时引进
clean "a dispute"

run --format json report escalation --month 2026-09 --district 秀洲区
expect_no_out "Nanhu" "--district: only that district's rows"
expect_fail 1 "--district that is none" report escalation --month 2026-09 --district 无此区

finish
