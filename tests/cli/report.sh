#!/bin/sh
# report.sh - the city office's numbers on a known data set, walking the clock through the
# second half of 2026 under Jiaxing's rules with two dated exchange rates: projects moved on the
# last and the first day of a month, money in both currencies, a transferred project, a
# correction recorded after its period, a district with no projects.  Every report is also
# computed apart by tests/cli/report-check.py from the JSON listings and compared cell by cell.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"
CHECK="${TESTLIB%/*}/report-check.py"

# checked WHAT ARGS...: report-check.py agrees with zsdesk report ARGS.
checked() {
	what=$1
	shift
	if python3 "$CHECK" "$@" >"$T/check" 2>&1; then ok "$what"; else
		tap_n=$((tap_n + 1))
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $what"
		sed 's/^/#   /' "$T/check" | head -20
	fi
}

# cell REPORT-ARGS... -- DISTRICT KEY: one cell of a report in tsv.
cell() {
	args=""
	while [ "$1" != "--" ]; do
		args="$args $1"
		shift
	done
	# shellcheck disable=SC2086
	"$ZSDESK" --format json report $args 2>/dev/null |
		python3 -c 'import json,sys; d=sys.argv[1]; k=sys.argv[2]
print(next((r[k] for r in json.load(sys.stdin) if r["district"] == d), "?"))' "$2" "$3"
}

# --- a Jiaxing database with two dated rates ----------------------------------------
at 2026-08-03
{
	cat "$ZSDESK_DATADIR/profiles/jiaxing.profile"
	printf '\n[rates]\n2026-01 = 7.10\n2026-10 = 7.20\n'
} >"$T/jx.profile"
expect_ok "init with a profile of two dated rates" init --profile "$T/jx.profile" --single-user
expect_ok "a Nanhu desk officer" officer add --login desk_nh --name 南湖专员 --role desk \
	--district 南湖区
expect_ok "an enterprise" enterprise add --name 嘉兴报表测试有限公司
expect_ok "a second enterprise" enterprise add --name 嘉兴报表外资有限公司
expect_ok "a third enterprise" enterprise add --name 嘉兴报表首谈有限公司
expect_ok "P1: Nanhu, 2亿元" project add --name 报表内资项目 --enterprise 1 --industry 集成电路 \
	--investment 2亿 --district 南湖区 --project-type expansion --planned-start 2026-12-01
expect_ok "P2: Xiuzhou, 5000万美元" project add --name 报表外资项目 --enterprise 2 \
	--industry 集成电路 --investment 5000万美元 --district 秀洲区 --hightech-foreign yes
expect_ok "P3: Nanhu, 15亿元 (first talk)" project add --name 报表首谈项目 --enterprise 3 \
	--industry 新材料 --investment 15亿 --district 南湖区
expect_ok "P4: Haiyan, 3000万元" project add --name 报表退出项目 --enterprise 1 --industry 新材料 \
	--investment 3000万 --district 海盐县
expect_ok "P5: Xiuzhou, planned to start in March" project add --name 报表清理项目 --enterprise 2 \
	--industry 新材料 --investment 8000万 --district 秀洲区 --planned-start 2026-03-01
expect_ok "the city sets Nanhu's domestic target" target set 南湖区 2026 --domestic 1000
expect_ok "and Xiuzhou's foreign target" target set 秀洲区 2026 --foreign 500
expect_ok "a class target the profile names" target set 秀洲区 2026 --class usd100m=2
expect_fail 1 "a class the profile does not name is refused" target set 秀洲区 2026 --class x=1
expect_fail 1 "a desk officer may not set targets" --as desk_nh target set 南湖区 2026 --domestic 1
expect_fail 2 "a target needs a year" target set 南湖区 --domestic 1
expect_fail 1 "money for a lead is refused" project money 1 --measure domestic --amount 5 \
	--source 银行进账单

# --- talks in August, signed on the last day of September -----------------------------
at 2026-08-20
for p in 1 2 3 4 5; do expect_ok "P$p in talks" project stage $p talks; done
is "P3 is in the first-talk register" "$(val project 3 ft_status)" "Exclusive"
at 2026-09-30
expect_ok "P1 signed on 09-30" project stage 1 signed
expect_ok "P2 signed on 09-30" project stage 2 signed
expect_ok "P4 exits" project stage 4 exited --reason 企业投资计划调整
expect_ok "P5 signed on 09-30" project stage 5 signed
expect_ok "foreign capital at the September rate" project money 2 --measure foreign --amount 100 \
	--date 2026-09-20 --source 商务部外资统计
expect_fail 1 "money cannot be dated in the future" project money 2 --measure foreign \
	--amount 1 --date 2026-10-01 --source x
expect_fail 1 "a measure that is not one" project money 2 --measure other --amount 1 --source x
expect_fail 1 "money needs a source" project money 2 --measure foreign --amount 1
expect_fail 1 "a negative amount needs a reason" project money 2 --measure foreign --amount -1 \
	--source x
expect_fail 1 "a source with a control character is refused" project money 2 --measure foreign \
	--amount 1 --source "$(printf 'a\033b')"
expect_fail 1 "a dollar amount for domestic capital is refused" project money 1 \
	--measure domestic --amount 300万美元 --source x
# The contracts' promises (003 §十六): P1 its investment in place by 10-31 and a start in
# December; P2 in 美元 (at the rate of its day, 10-31) with a start in October it misses;
# P5 a start on 10-01 only.
expect_fail 1 "a contract for a project in talks is refused" project edit 3 \
	--contract-investment 1亿 --contract-start 2026-12-01
expect_fail 1 "the contract's dates need its investment" project edit 1 \
	--contract-start 2026-12-15
expect_ok "P1's contract" project edit 1 --contract-investment 1.5亿 \
	--contract-funds-by 2026-10-31 --contract-start 2026-12-15
expect_ok "P2's contract, in 美元" project edit 2 --contract-investment 4000万美元 \
	--contract-funds-by 2026-10-31 --contract-start 2026-10-15
expect_ok "P5's contract: a start only" project edit 5 --contract-investment 8000万 \
	--contract-start 2026-10-01

# --- registered on the first day of October; September's money recorded late ------------
at 2026-10-01
expect_ok "P1 registered on 10-01" project stage 1 registered
expect_ok "September's domestic capital, recorded on 10-01" project money 1 --measure domestic \
	--amount 300 --date 2026-09-30 --source 统计局月报
at 2026-10-10
expect_ok "foreign capital at the October rate" project money 2 --measure foreign --amount 200 \
	--date 2026-10-05 --source 商务部外资统计
expect_ok "funds in place" project money 2 --measure funds --amount 1000 --date 2026-10-05 \
	--source 银行进账单
expect_ok "a service manager in Xiuzhou" officer add --login mgr_a --name 秀洲管家甲 --role manager \
	--district 秀洲区
expect_ok "another" officer add --login mgr_b --name 秀洲管家乙 --role manager --district 秀洲区
expect_ok "P2 managed by the first" project edit 2 --manager mgr_a
expect_ok "the first talk lapses" tick
expect_ok "P3 transferred to Xiuzhou" firsttalk transfer 3 --to 秀洲区 --reason 首谈期满未实质推进

# --- a correction of October recorded in November ------------------------------------
at 2026-11-05
expect_ok "P1's investment in place on 10-25, recorded on 11-05" project money 1 --measure funds \
	--amount 1.5亿 --date 2026-10-25 --source 银行进账单
expect_ok "October corrected in November" project money 1 --measure domestic --amount -50 \
	--date 2026-10-20 --source 统计局月报 --reason 统计口径调整
expect_ok "P2 registered" project stage 2 registered
expect_ok "P6: entered on 11-05" project add --name 报表补录项目 --enterprise 2 --industry 新材料 \
	--investment 6000万 --district 平湖市
expect_ok "signed on 10-28, before it was entered" project stage 6 signed --date 2026-10-28

at 2026-11-20
expect_ok "an enterprise issue on P1" issue open --project 1 --category land \
	--description 用地指标尚未落实

at 2026-11-22
expect_ok "P5 plans to register on 2027-02-01" project edit 5 --planned-registration 2027-02-01
# Hand-computed edges.
is "November: P5 expected to land within six months" \
	"$(cell bulletin --month 2026-11 -- Xiuzhou landing)" "1"
is "July: 2027-02-01 is more than six months after its end" \
	"$(cell bulletin --month 2026-07 -- Xiuzhou landing)" "0"
is "September as it stood: Nanhu signed 1 (moved on 09-30)" \
	"$(cell bulletin --month 2026-09 -- Nanhu signed)" "1"
is "September as it stood: the late entry is not in" \
	"$(cell bulletin --month 2026-09 -- Nanhu domestic)" "0"
is "September as of 10-02: the late entry is in" \
	"$(cell bulletin --month 2026-09 --as-of 2026-10-02 -- Nanhu domestic)" "300"
run report bulletin --month 2026-09 --as-of 2026-10-02
expect_out "Corrected on 2026-10-01: Nanhu, 2026-09, utilised domestic capital \\+300万元" \
	"the correction is listed"
is "October: registered on 10-01 counts in October" \
	"$(cell bulletin --month 2026-10 -- Nanhu registered)" "1"
is "September: Nanhu still had P1 signed, not registered" \
	"$(cell bulletin --month 2026-09 -- Nanhu registered)" "0"
is "October as it stood: the November correction is not in" \
	"$(cell bulletin --month 2026-10 -- Nanhu domestic_ytd)" "300"
is "October as of 11-22: it is" \
	"$(cell bulletin --month 2026-10 --as-of 2026-11-22 -- Nanhu domestic_ytd)" "250"
is "Nanhu's completion as of 11-22: 250 / 1000" \
	"$(cell bulletin --month 2026-10 --as-of 2026-11-22 -- Nanhu domestic_rate)" "25.00%"
is "Xiuzhou's foreign capital to October: 300万美元" \
	"$(cell bulletin --month 2026-10 -- Xiuzhou foreign_ytd)" "300"
is "in 元 at each date's rate: 100×7.10 + 200×7.20 = 2150万元" \
	"$(cell bulletin --month 2026-10 -- Xiuzhou utilised_ytd)" "2150"
is "September: the transferred project in Nanhu's talks" \
	"$(cell bulletin --month 2026-09 -- Nanhu talks)" "1"
is "October: in Xiuzhou's" "$(cell bulletin --month 2026-10 -- Xiuzhou talks)" "1"
is "October: not in Nanhu's" "$(cell bulletin --month 2026-10 -- Nanhu talks)" "0"
is "a district with no projects" "$(cell bulletin --month 2026-10 -- Jiashan lead)" "0"
is "signed before it was entered: not in October's numbers, even as of 11-22" \
	"$(cell bulletin --month 2026-10 --as-of 2026-11-22 -- Pinghu signed)" "0"
is "but in November's, from the day it was entered" \
	"$(cell bulletin --month 2026-11 -- Pinghu signed)" "1"
is "and its stage history keeps the date given" "$(val project 6 stages | tr '、' '\n' | tail -1)" \
	"2026-10-28|signed|pinghu|2026-11-05"
is "the exit counts" "$(cell bulletin --month 2026-09 -- Haiyan exited)" "1"
is "five new projects in August" "$(cell bulletin --month 2026-08 -- 'City total' new)" "5"
is "Xiuzhou first in October (60% of its target)" \
	"$(cell bulletin --month 2026-10 -- Xiuzhou rank)" "1"
is "registration rate in November: 2 of 4 signed" \
	"$(cell rates --month 2026-11 -- 'City total' registration_rate)" "50.00%"
is "registration rate in September: 0 of 3" \
	"$(cell rates --month 2026-09 -- 'City total' registration_rate)" "0.00%"

# P6 keeps both promises: its investment in place on 11-10, started on 11-18.
expect_ok "P6's contract" project edit 6 --contract-investment 6000万 \
	--contract-funds-by 2026-11-15 --contract-start 2026-11-20
expect_ok "P6 registered" project stage 6 registered --date 2026-11-01
expect_ok "P6's investment in place" project money 6 --measure funds --amount 6000万 \
	--date 2026-11-10 --source 银行进账单
expect_ok "P6 funded" project stage 6 funded --date 2026-11-10
expect_ok "P6 started on 11-18" project stage 6 started --date 2026-11-18
is "October as it stood: P1's investment, recorded in November, is not in" \
	"$(cell rates --month 2026-10 -- 'City total' fulfilment_rate)" "0.00%"
is "October as of 11-22: P1 kept its promise, 1 of 3" \
	"$(cell rates --month 2026-10 --as-of 2026-11-22 -- 'City total' fulfilment_rate)" "33.33%"
is "November: P1 and P6 kept theirs, 2 of 4" \
	"$(cell rates --month 2026-11 -- 'City total' fulfilment_rate)" "50.00%"
is "on-time start in November: P6 of P2, P5, P6" \
	"$(cell rates --month 2026-11 -- 'City total' on_time_start_rate)" "33.33%"
is "investment due in November: 1.5亿 + 4000万美元 × 7.20 + 6000万 = 49800万元" \
	"$(cell rates --month 2026-11 -- 'City total' funds_promised)" "49800"
is "funds in place rate: (15000 + 1000 + 6000) / 49800" \
	"$(cell rates --month 2026-11 -- 'City total' funds_rate)" "44.17%"
is "September: no promise had fallen due" \
	"$(cell rates --month 2026-09 -- 'City total' fulfilment_rate)" ""

# Attributes as they were: P2 is high-tech foreign capital no longer from 11-22; the money
# it brought in before still counts as high-tech, what comes after does not.
expect_ok "P2 no longer high-tech" project edit 2 --hightech-foreign no
expect_ok "foreign capital on 11-22" project money 2 --measure foreign --amount 100 \
	--date 2026-11-22 --source 商务部外资统计
is "the change is kept with its day" "$(val project 2 attrs | tr '、' '\n' | grep hightech)" \
	"2026-11-22|hightech_foreign|yes|no"
is "October's high-tech share, by what P2 was then" \
	"$(cell evaluation --month 2026-10 -- Xiuzhou hitech_foreign_share)" "100.00%"
is "November's: 300 of 400万美元" \
	"$(cell evaluation --month 2026-11 -- Xiuzhou hitech_foreign_share)" "75.00%"

# The workload of a past day: who managed what then.
expect_ok "P2 handed to the second manager" project edit 2 --manager mgr_b
managed() {
	"$ZSDESK" --format json report workload "$@" 2>/dev/null | python3 -c 'import json,sys
print(" ".join(r["officer"] + "=" + r["projects"] for r in json.load(sys.stdin) if "管家" in r["officer"]))'
}
is "workload today: P2 with the second" "$(managed)" "秀洲管家甲=0 秀洲管家乙=1"
is "workload at the end of October: with the first" "$(managed --month 2026-10)" \
	"秀洲管家甲=1 秀洲管家乙=0"
is "and as of 11-21" "$(managed --month 2026-10 --as-of 2026-11-21)" "秀洲管家甲=1 秀洲管家乙=0"

# Every report, computed apart.
for args in "bulletin --month 2026-08" "bulletin --month 2026-09" \
	"bulletin --month 2026-09 --as-of 2026-10-02" "bulletin --month 2026-10" \
	"bulletin --month 2026-10 --as-of 2026-11-22" "bulletin --month 2026-11" \
	"bulletin --quarter 2026-Q3" "bulletin --quarter 2026-Q4" "bulletin --half 2026-H2" \
	"bulletin --year 2026" "rates --month 2026-09" "rates --month 2026-10 --as-of 2026-11-22" \
	"rates --month 2026-10" "rates --month 2026-11" "rates --quarter 2026-Q4" \
	"rates --year 2026" "evaluation --year 2026" "evaluation --half 2026-H2" \
	"evaluation --month 2026-10" "evaluation --month 2026-11" \
	"evaluation --year 2025" "credit --year 2026" "credit --month 2026-08" \
	"credit --month 2026-10"; do
	# shellcheck disable=SC2086
	checked "computed apart: $args" $args
done
expect_ok "one district" report bulletin --month 2026-10 --district 秀洲区 --format csv
expect_lines 2 "its row alone, under the header"

# The ways around.
expect_fail 1 "--as-of before the period's end is refused" report bulletin --month 2026-10 \
	--as-of 2026-10-15
expect_fail 1 "--as-of in the future is refused" report bulletin --month 2026-10 \
	--as-of 2026-12-01
expect_fail 2 "a month that is not one" report bulletin --month 2026-13
expect_fail 2 "two periods" report bulletin --month 2026-10 --year 2026
expect_fail 1 "a report that is not one" report nosuch
expect_ok "csv" report rates --format csv
expect_ok "credit per district" report credit --year 2026
is "the first talk's credit: both districts, equally (Jiaxing)" \
	"$(cell credit --year 2026 -- Xiuzhou projects)" "1"
credited=$(cell credit --year 2026 -- Xiuzhou amount)
expect_ok "P3's investment raised after its credit arose" project edit 3 --investment 20亿
is "credit keeps the investment of the day it arose" "$(cell credit --year 2026 -- Xiuzhou amount)" \
	"$credited"
run credit --from 2026-01-01 --to 2026-12-31 --format tsv
expect_out "$(printf 'Xiuzhou\t1\t')" "and zsdesk credit says the same district"
checked "computed apart after the change: credit --year 2026" credit --year 2026
run report clearing --format tsv
expect_out "^5	报表清理项目	Xiuzhou	Signed	2026-03-01	8$" \
	"clearing: signed, planned to start 2026-03-01, 8 months late"
expect_no_out "报表内资项目" "a project planned to start next month is not on it"
expect_ok "P6 was planned to start in April" project edit 6 --planned-start 2026-04-01
run report clearing --month 2026-10 --as-of 2026-11-15 --format tsv
expect_out "^6	报表补录项目	Pinghu	Funds in place	2026-04-01	7$" \
	"clearing as of 11-15: P6, funded then, not started"
expect_out "^5	报表清理项目	Xiuzhou	Signed	2026-03-01	8$" "and P5"
expect_err "^Projects on the list: 2\.$" "the total"
run report clearing --month 2026-10 --as-of 2026-11-15 --limit 1 --format tsv
expect_lines 2 "--limit 1: one row under the header"
expect_err "^Projects on the list: 2; the first 1 listed, the longest late first\.$" \
	"and the total, exact"
run report clearing --format tsv
expect_no_out "报表补录项目" "today P6 has started: not on the list"
expect_err "^Projects on the list: 1\.$" "today's total, from the counts"
run report clearing --district 秀洲区 --format tsv
expect_out "^5	报表清理项目" "one district's list"
expect_err "^Projects on the list: 1\.$" "and its total"
run report clearing --district 南湖区 --format tsv
expect_err "^Projects on the list: 0\.$" "a district with none: 0"
run report clearing --month 2026-10 --format tsv
expect_no_out "报表补录项目" "on 10-31 it was not yet entered"
expect_fail 2 "--limit takes a number" report clearing --limit x
run --as desk_nh report clearing --format tsv
expect_no_out "报表清理项目" "a Nanhu officer does not see Xiuzhou's projects on it"
is "escalation: Nanhu's issue open at the first level" \
	"$(cell escalation --month 2026-11 -- Nanhu open | head -1)" "1"
expect_ok "the issue resolved" issue resolve 1 已协调落实用地指标
is "escalation: resolved in November at the first level" \
	"$(cell escalation --month 2026-11 -- Nanhu resolved | head -1)" "1"
is "in time" "$(cell escalation --month 2026-11 -- Nanhu in_time | head -1)" "1"
is "and no longer open" "$(cell escalation --month 2026-11 -- Nanhu open | head -1)" "0"
expect_ok "a Fortune Global 500 enterprise" enterprise add --name 嘉兴报表世界五百强有限公司 \
	--types 世界500强
expect_ok "its project in Xiuzhou, 2亿美元" project add --name 报表五百强项目 --enterprise 4 \
	--industry 集成电路 --investment 2亿美元 --district 秀洲区
expect_ok "the city sets Xiuzhou's class targets" target set 秀洲区 2026 --class fortune500=2
expect_ok "signed (without its pre-report: recorded by the city, no credit)" project stage 7 signed \
	--no-credit --reason 补录
is "evaluation: Xiuzhou's Fortune 500 projects signed this year, over the target" \
	"$(cell evaluation --year 2026 -- Xiuzhou fortune500)" "1/2"
is "and its projects over 1亿美元 (P2's 5000万美元 is not one)" \
	"$(cell evaluation --year 2026 -- Xiuzhou usd100m)" "1/2"
is "no domestic project over 50亿 in Nanhu" "$(cell evaluation --year 2026 -- Nanhu cny5b)" "0"
expect_ok "workload" report workload
expect_ok "P1 on the key-project list (city office)" project key 1 yes
run report keyprojects --quarter 2026-Q4 --format tsv
expect_out "^1	报表内资项目	Nanhu	Signed	Registered	yes$" \
	"key projects: P1 moved from signed to registered in Q4"
run report keyprojects --quarter 2026-Q3 --format tsv
expect_no_out "报表内资项目" "Q3: P1 was not yet on the list (listed on 11-22)"
expect_ok "P5 listed too" project key 5 yes
run report keyprojects --quarter 2026-Q4 --format tsv
expect_out "^5	报表清理项目	Xiuzhou	Signed	Signed	no$" "Q4: P5 did not move"
expect_err "1 of 2 moved" "the note counts both"
expect_ok "P5 off the list" project key 5 no
run report keyprojects --quarter 2026-Q4 --format tsv
expect_no_out "报表清理项目" "off the list: not in the check"
run report changes --month 2026-10 --format tsv
expect_out "^2026-10-01	Nanhu	1	报表内资项目	stage: Signed to Registered, dated 2026-10-01$" \
	"what changed in October: P1's registration"
expect_out "^2026-10-10	Xiuzhou	3	报表首谈项目	transferred: nanhu to xiuzhou$" \
	"and P3's transfer"
expect_no_out "new project" "no project was entered in October"
run report changes --month 2026-08 --format tsv
expect_out "^2026-08-03	Haiyan	4	报表退出项目	new project$" "August: P4 entered"
is "evaluation: Nanhu's domestic completion to October as it stood" \
	"$(cell evaluation --month 2026-10 -- Nanhu domestic_rate)" "30.00%"
# The bulletin as XLSX: the table on a sheet named after it, numbers as
# numbers, the formulas and notes on a second sheet (read back by openpyxl).
run report bulletin --month 2026-10 --format tsv
cp "$T/out" "$T/bulletin.tsv"
cp "$T/err" "$T/bulletin.notes"
run report bulletin --month 2026-10 --format xlsx
cp "$T/out" "$T/bulletin.xlsx"
if /usr/bin/python3 - "$T" <<'PY'
import openpyxl, sys
t = sys.argv[1]
wb = openpyxl.load_workbook(t + "/bulletin.xlsx")
assert wb.sheetnames == ["bulletin", "notes"], wb.sheetnames
rows = [line.split("\t") for line in open(t + "/bulletin.tsv", encoding="utf-8").read().splitlines()[1:]]
got = [[c.value for c in r] for r in wb["bulletin"].iter_rows(min_row=2)]
assert len(got) == len(rows), (len(got), len(rows))
for want, have in zip(rows, got):
    for w, h in zip(want, have):
        assert (w or None) == (h if h is None or isinstance(h, str) else str(h)), (want, have)
notes = open(t + "/bulletin.notes", encoding="utf-8").read().splitlines()
assert [c.value for c in wb["notes"]["A"]][1:] == notes, "notes differ"
PY
then ok "the bulletin as XLSX: the same cells as TSV, its notes on a sheet of their own"
else not_ok "the bulletin as XLSX: the same cells as TSV, its notes on a sheet of their own"
fi
expect_ok "check finds the counts right" check
expect_out "ok:" "and says so"
finish
