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
expect_ok "the first talk lapses" tick
expect_ok "P3 transferred to Xiuzhou" firsttalk transfer 3 --to 秀洲区 --reason 首谈期满未实质推进

# --- a correction of October recorded in November ------------------------------------
at 2026-11-05
expect_ok "October corrected in November" project money 1 --measure domestic --amount -50 \
	--date 2026-10-20 --source 统计局月报 --reason 统计口径调整
expect_ok "P2 registered" project stage 2 registered
expect_ok "P6: entered on 11-05" project add --name 报表补录项目 --enterprise 2 --industry 新材料 \
	--investment 6000万 --district 平湖市
expect_ok "signed on 10-28, before it was entered (with a reason)" project stage 6 signed \
	--date 2026-10-28 --reason 补录：10月28日已签约

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

# Every report, computed apart.
for args in "bulletin --month 2026-08" "bulletin --month 2026-09" \
	"bulletin --month 2026-09 --as-of 2026-10-02" "bulletin --month 2026-10" \
	"bulletin --month 2026-10 --as-of 2026-11-22" "bulletin --month 2026-11" \
	"bulletin --quarter 2026-Q3" "bulletin --quarter 2026-Q4" "bulletin --half 2026-H2" \
	"bulletin --year 2026" "rates --month 2026-09" "rates --month 2026-10 --as-of 2026-11-22" \
	"rates --year 2026" "evaluation --year 2026" "evaluation --half 2026-H2" \
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
run report clearing --format tsv
expect_out "^5	报表清理项目	Xiuzhou	Signed	2026-03-01	8$" \
	"clearing: signed, planned to start 2026-03-01, 8 months late"
expect_no_out "报表内资项目" "a project planned to start next month is not on it"
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
expect_out "^1	报表内资项目	Nanhu	\(not yet entered\)	Signed	yes$" \
	"entered in Q3 and signed by its end"
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
