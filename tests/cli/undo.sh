#!/bin/sh
# undo.sh - undoing one change of a record's history: a new audited edit
# with a reason, refused when a field changed since, through the same
# gates as a stage move, for one's own district only; an undo undone.
. "$TESTLIB"

# hist_seq FIELD: the number of the last change of FIELD in the history
# printed last (tsv).
last_seq() {
	awk -F '\t' -v f="$1" 'NR > 1 && $5 == f { s = $1 } END { print s }' "$T/out"
}

expect_ok "a single-user Jiaxing database" init --profile jiaxing --single-user
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司
expect_ok "a project of 5亿" project add --name 华芯功率芯片项目 --enterprise 1 \
	--industry 集成电路 --investment 5亿 --district nanhu
expect_ok "an edit: 6亿 and a park" project edit 1 --investment 6亿 --park 科技城 --reason 调整
run --format tsv project history 1
edit=$(last_seq "Park")
[ -n "$edit" ] && ok "the edit has a number ($edit)" || not_ok "the edit has a number"

# --- what is refused before anything is read ---
expect_fail 1 "an undo without a reason is refused" project undo 1 --change "$edit"
expect_err "needs a reason" "saying a reason is needed"
expect_err "--reason" "and how to give it"
expect_fail 2 "an undo without --change is a usage error" project undo 1 --reason 错了
expect_fail 2 "--change takes a number" project undo 1 --change abc --reason 错了
expect_fail 1 "a change that is not this record's is refused" project undo 1 --change 999 --reason 错了
expect_err "not a change of" "saying it is not one of its changes"
expect_fail 1 "the entry of the record is not undone" project undo 1 --change 1 --reason 错了
run --format tsv project history 1
created=$(awk -F '\t' 'NR == 2 { print $1 }' "$T/out")
expect_fail 1 "the change that entered the project is not undone" project undo 1 --change "$created" --reason 错了
expect_err "entered the record" "saying so"

# --- the undo itself ---
expect_ok "undo of the edit" project undo 1 --change "$edit" --reason 录错了
run --format tsv project show 1
expect_out "50,000万元|5亿" "the amount is back to 5亿"
expect_no_out "科技城" "the park is empty again"
run --format tsv project history 1
expect_out "undo of $edit	Total investment	60,000万元	50,000万元	录错了" "the undo is an audited edit with its reason"
undo=$(last_seq "Park")
expect_fail 1 "the same change cannot be undone twice" project undo 1 --change "$edit" --reason 再来
expect_err "Total investment|Park" "naming the field that changed since"

# --- an undo undone ---
expect_ok "undo of the undo" project undo 1 --change "$undo" --reason 还是6亿
run --format tsv project show 1
expect_out "60,000万元" "the amount is 6亿 again"
expect_out "科技城" "and the park is back"

# --- a field changed since ---
expect_ok "an edit of the amount" project edit 1 --investment 7亿 --reason 增资
run --format tsv project history 1
seven=$(last_seq "Total investment")
expect_ok "a later edit of the amount" project edit 1 --investment 8亿 --reason 再增资
expect_fail 1 "undo of an amount changed since is refused" project undo 1 --change "$seven" --reason 错了
expect_err "Total investment was changed again" "naming the field"
expect_err "80,000万元" "and what it is now"
run --format tsv project show 1
expect_out "80,000万元" "nothing was changed"

# --- thresholds: an amount put back registers the first talk as an edit does ---
expect_ok "to talks" project stage 1 talks
expect_ok "12亿 in talks: first talk" project edit 1 --investment 12亿 --reason 增资
expect_ok "down again to 8亿" project edit 1 --investment 8亿 --reason 减资
run --format tsv project history 1
down=$(last_seq "Total investment")
expect_ok "undo of the cut" project undo 1 --change "$down" --reason 减资录错
run --format tsv project show 1
expect_out "120,000万元" "12亿 again"
run --format tsv firsttalk list
expect_out "华芯功率芯片项目" "and it is in the first-talk register"

# --- the stage gate: an undo that signs passes the pre-report rule ---
expect_ok "a project of 5亿 in talks" project add --name 华芯二期 --enterprise 1 \
	--industry 集成电路 --investment 5亿 --district nanhu --stage talks
expect_ok "signed (under 30亿: no pre-report)" project stage 2 signed
expect_ok "raised to 40亿" project edit 2 --investment 40亿 --reason 增资
expect_ok "back to talks" project stage 2 talks --reason 协议未生效
run --format tsv project history 2
back=$(last_seq "Stage")
expect_fail 1 "undo of the move back would sign 40亿 without a pre-report" project undo 2 --change "$back" --reason 协议生效
expect_err "pre-report|预报" "naming the rule"
run --format tsv project show 2
expect_out "	(Negotiating|talks)	|Negotiating" "the project stays in talks"

# --- another district's project ---
expect_ok "a Xiuzhou desk officer" officer add --login xz1 --name 徐一 --role desk --district xiuzhou
run --format tsv project history 1
expect_fail 1 "Xiuzhou cannot undo Nanhu's change" --as xz1 project undo 1 --change "$down" --reason 看错
run --format tsv project show 1
expect_out "120,000万元" "Nanhu's project is as it was"
expect_ok "a Nanhu desk officer" officer add --login nh1 --name 南一 --role desk --district nanhu
expect_ok "an enterprise edit" enterprise edit 1 --contact 张三 --reason 补充
run --format tsv enterprise history 1
ec=$(last_seq "Contact person")
expect_ok "the enterprise's change is undone" enterprise undo 1 --change "$ec" --reason 联系人不对
run --format tsv enterprise show 1
expect_no_out "张三" "its contact is gone again"

# --- an undo of something that is not an edit ---
expect_ok "a pre-report" project prereport 2
run --format tsv project history 2
pr=$(awk -F '\t' 'NR > 1 && $4 == "prereport" { s = $1 } END { print s }' "$T/out")
expect_fail 1 "a pre-report is not undone" project undo 2 --change "$pr" --reason 撤回
expect_err "not an edit or a stage move" "saying only edits and moves are undone"

finish
