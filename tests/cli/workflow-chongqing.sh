#!/bin/sh
# workflow-chongqing.sh - Chongqing's rules (seed 003): the first talk covers the city's
# key projects (membership, not amount) and lasts until the joint meeting (联席会议) decides;
# every transfer (续谈) is its decision, and credit is split by ratio between the first-talk
# place and the registration place, across transfers; the legality review (合法性审查) gates
# signing; stages to 投产 and 达产 with 已批准; 区县 grouped by 片区 with classes.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

at 2026-04-01
expect_ok "init a single-user Chongqing database" init --profile chongqing --single-user
run --format tsv district show 永川区
expect_out "^group	[^	]*	渝西片区$" "永川 is in 渝西片区"
expect_out "^class	[^	]*	B$" "of class B"
expect_ok "a city officer" officer add --login cq1 --name 招商一 --role city
expect_ok "an enterprise" enterprise add --name 重庆山城智能有限公司
expect_ok "a 50亿 project in talks in 渝北" project add --name 山城大项目 --enterprise 1 \
	--industry 智能产业 --investment 50亿 --district 渝北区 --stage talks
is "an amount alone does not register it" "$(val project 1 ft_status)" ""
expect_ok "the city office puts it on the key list" --as cq1 project key 1 yes
is "registered now: a key project" "$(val project 1 ft_status)" "Exclusive"
is "exclusive until the joint meeting decides (no end date)" "$(val project 1 ft_until)" ""
at 2027-04-01
expect_ok "a year later, tick" tick
is "still exclusive" "$(val project 1 ft_status)" "Exclusive"

# 续谈 is the joint meeting's decision; credit split by ratio, across transfers.
expect_fail 1 "a transfer without the joint meeting's decision" --as cq1 firsttalk transfer 1 \
	--to 永川区 --reason 渝北难以落地
expect_err "联席会议" "names the joint meeting"
expect_ok "with its decision, 30% kept by the first-talk place" --as cq1 firsttalk transfer 1 \
	--to 永川区 --reason 渝北难以落地 --decision 联席会议2027年第2次 --keep 30
is "渝北 30%, 永川 70%" "$(val project 1 credit)" "Yubei 30%、Yongchuan 70%"
expect_ok "a second 续谈, to 江津" --as cq1 firsttalk transfer 1 --to 江津区 \
	--reason 永川用地不足 --decision 联席会议2027年第5次 --keep 30
is "the first-talk place keeps its 30%, 江津 (registration place) 70%" "$(val project 1 credit)" \
	"Yubei 30%、Jiangjin 70%"
ledger=$(val project 1 credit_ledger | tr -cd '|' | wc -c)
is "the ledger keeps all three districts" "$ledger" "9"

# The legality review gates signing.
expect_ok "a project to sign" project add --name 签约项目 --enterprise 1 --industry 智能产业 \
	--investment 3亿 --district 江北区 --stage talks
expect_fail 1 "no signing before the legality review" project stage 2 signed
expect_err "合法性审查" "names 合法性审查"
expect_fail 1 "nor jumping past the signing" project stage 2 approved
expect_fail 1 "a review needs who made it" project review 2
expect_ok "the agreement reviewed by 市司法局" project review 2 --by 市司法局
is "recorded today" "$(val project 2 legality_review)" "2027-04-01"
expect_ok "now it signs" project stage 2 signed
expect_ok "已批准" project stage 2 approved
expect_ok "达产 at the end" project stage 2 full_production
is "at full capacity" "$(val project 2 stage)" "At full capacity"
# 招商争议: raised by one district, seen by both, decided by the joint meeting (§十四).
expect_ok "a 江北 desk officer" officer add --login jb1 --name 江北一 --role desk --district 江北区
expect_ok "a 渝中 desk officer" officer add --login yz1 --name 渝中一 --role desk --district 渝中区
expect_ok "渝中 has a project of the same enterprise" project add --name 渝中争议项目 --enterprise 1 \
	--industry 智能产业 --investment 3亿 --district 渝中区 --stage talks
yzp=$(sed -n 1p "$T/out")
expect_fail 1 "a dispute needs two districts" --as jb1 dispute raise --project 2 --other 2 --reason 同一项目
expect_ok "江北 raises a dispute about 渝中's project" --as jb1 dispute raise --project 2 \
	--other "$yzp" --reason 渝中同时接洽同一企业
dp=$(sed -n 1p "$T/out")
expect_ok "渝中 sees it" --as yz1 --format tsv dispute list
expect_out "^$dp	" "listed for the other district"
expect_fail 1 "a desk officer cannot decide it" --as jb1 dispute decide "$dp" 归江北
expect_ok "the city office decides" --as cq1 dispute decide "$dp" "联席会议决定：由江北区继续洽谈"
is "the decision is on 江北's project" "$(val project 2 dispute_decision)" \
	"$dp: 联席会议决定：由江北区继续洽谈"
is "and on 渝中's" "$(val project "$yzp" dispute_decision)" "$dp: 联席会议决定：由江北区继续洽谈"
expect_ok "no open dispute is left" --format tsv dispute list
expect_lines 1 "only the header"
finish
