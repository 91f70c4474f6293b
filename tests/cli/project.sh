#!/bin/sh
# project.sh - projects: add with every kind of field, show, list and its filters, edit, stage, history, formats.
. "$TESTLIB"

# py SCRIPT ARGS...: runs python3 (the checks that need it are skipped without it).
have_py=false
command -v python3 >/dev/null 2>&1 && have_py=true
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP no python3"
}
# py_check WHAT SCRIPT ARGS...: passes when the python script exits 0.
py_check() {
	what=$1
	shift
	if ! $have_py; then
		skip "$what"
		return
	fi
	if python3 "$@" >"$T/py" 2>&1; then ok "$what"; else
		not_ok "$what"
		sed 's/^/#   py: /' "$T/py" | head -10
	fi
}

# The district column of a table starts at the same display column on every
# line: args TABLE TSV KEY (the TSV gives the cells of each row).
cat >"$T/chk_align.py" <<'EOF'
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
table, tsv, key = sys.argv[1:4]
tl = open(table, encoding='utf-8').read().splitlines()
sl = open(tsv, encoding='utf-8').read().splitlines()
if len(tl) != len(sl) or len(tl) < 3:
    sys.exit('table has %d lines, tsv %d' % (len(tl), len(sl)))
k = sl[0].split('\t').index(key)
cols = set()
for line, row in zip(tl[1:], sl[1:]):
    pos, start = 0, None
    for i, v in enumerate(row.split('\t')):
        if not v:
            continue
        j = line.find(v, pos)
        if j < 0:
            sys.exit('cell %r not found in %r' % (v, line))
        if i == k:
            start = w(line[:j])
        pos = j + len(v)
    if start is not None:
        cols.add(start)
if len(cols) != 1:
    sys.exit('the %s column starts at display columns %s' % (key, sorted(cols)))
c = cols.pop()
h, acc, idx = tl[0], 0, 0
while idx < len(h) and acc < c:
    acc += w(h[idx])
    idx += 1
if acc != c or idx >= len(h) or h[idx] == ' ' or h[idx - 2:idx] != '  ':
    sys.exit('header %r has no label at display column %d' % (h, c))
print('column', c)
EOF

# --- setting up ------------------------------------------------------------
expect_ok "init with the Beijing profile" init --profile beijing
expect_ok "an enterprise to invest" enterprise add --name 北京星河科技有限公司 --credit-code 91110108MA01XH001B
expect_ok "a second enterprise" enterprise add --name 北京月光科技有限公司 --credit-code 91110105MA02YG0026
expect_ok "a service manager for Haidian" officer add --login zhangsan --name 张三 --role manager --district haidian

# --- add -------------------------------------------------------------------
expect_ok "project add with every kind of field" project add --name 星河智能芯片研发中心 \
	--enterprise 北京星河科技有限公司 --industry 集成电路 --investment 1.5亿 --district 海淀区 \
	--park 中关村软件园 --land 12.5 --expected-sign 2026年12月1日 --channel 以商招商 \
	--strategic yes --contact 王经理 --phone 13800138000 --summary "芯片设计与流片验证" \
	--set floor_area=3000
expect_out "^1$" "prints the new id 1"
expect_lines 1 "and nothing else"

expect_ok "show 1 as tsv" --format tsv project show 1
expect_out "^field	label	value$" "tsv show has a header"
expect_out "^id	[^	]*	1$" "the id"
expect_out "^name	[^	]*	星河智能芯片研发中心$" "the Chinese name is kept"
expect_out "^enterprise	[^	]*	北京星河科技有限公司$" "--enterprise by full name"
expect_out "^enterprise_name	[^	]*	北京星河科技有限公司$" "enterprise_name is filled in"
expect_out "^industry	[^	]*	Integrated circuits$" "--industry by Chinese label (shown in English)"
expect_out "^investment	[^	]*	15,000万元$" "1.5亿 is 15,000万元"
expect_out "^currency	[^	]*	CNY$" "in yuan"
expect_out "^district	[^	]*	Haidian$" "--district by Chinese name"
expect_out "^park	[^	]*	中关村软件园$" "a park of Haidian"
expect_out "^land	[^	]*	12.5$" "decimal land"
expect_out "^expected_sign	[^	]*	2026-12-01$" "2026年12月1日 read as 2026-12-01"
expect_out "^channel	[^	]*	Business referral$" "the channel"
expect_out "^strategic	[^	]*	yes$" "strategic"
expect_out "^contact	[^	]*	王经理$" "the contact"
expect_out "^phone	[^	]*	13800138000$" "the phone"
expect_out "^summary	[^	]*	芯片设计与流片验证$" "the summary"
expect_out "^floor_area	[^	]*	3000$" "--set floor_area=3000 is stored and shown"
expect_out "^stage	[^	]*	Lead$" "a new project is a lead"
expect_out "^stage_date	[^	]*	2026-11-22$" "dated today (ZSDESK_NOW)"
expect_out "^created_on	[^	]*	2026-11-22$" "entered today"
expect_out "^created_by	[^	]*	.+$" "and by someone"

expect_ok "show 1 as a table" project show 1
expect_out "^Project name +星河智能芯片研发中心$" "table show: label then value"
expect_out "^Total investment +15,000万元$" "with the amount"
expect_out "^floor_area +3000$" "and the city's own field"

expect_ok "show 1 as json" --format json project show 1
if $have_py && python3 -m json.tool "$T/out" >/dev/null 2>&1; then ok "json show is valid JSON"; elif $have_py; then not_ok "json show is valid JSON"; else skip "json show is valid JSON"; fi
cat >"$T/chk_show.py" <<'EOF'
import json, sys
d = {r['field']: r['value'] for r in json.load(open(sys.argv[1], encoding='utf-8'))}
assert d['name'] == '星河智能芯片研发中心', d['name']
assert d['park'] == '中关村软件园', d['park']
assert d['floor_area'] == '3000', d
assert d['investment'] == '15,000万元', d['investment']
EOF
py_check "json round-trips the Chinese text" "$T/chk_show.py" "$T/out"

expect_ok "project add by credit code, English industry, 美元, district code" project add \
	--name 月光新能源基地 --enterprise 91110105MA02YG0026 --industry "Green energy and environment" \
	--investment 300万美元 --district chaoyang --park CBD
expect_out "^2$" "is project 2"
run --format tsv project show 2
expect_out "^enterprise	[^	]*	北京月光科技有限公司$" "--enterprise by credit code"
expect_out "^industry	[^	]*	Green energy and environment$" "--industry by English label"
expect_out "^investment	[^	]*	300万美元$" "300万美元 is kept in dollars"
expect_out "^currency	[^	]*	USD$" "currency USD"
expect_out "^district	[^	]*	Chaoyang$" "--district by code"
expect_out "^park	[^	]*	CBD$" "park CBD of Chaoyang"

expect_ok "credit code typed in lower case with spaces, full-width amount" project add \
	--name 月光新材料产业园 --enterprise "91110105 ma02 yg0026" --industry "new materials" \
	--investment ５０００ --district 丰台区
run --format tsv project show 3
expect_out "^enterprise	[^	]*	北京月光科技有限公司$" "finds the enterprise"
expect_out "^investment	[^	]*	5,000万元$" "full-width ５０００ is 5,000万元"
expect_out "^industry	[^	]*	New materials$" "English label in lower case"

expect_ok "a name with a comma and quotes" project add --name '星河研发中心,二期 "A"' \
	--enterprise 1 --industry 人工智能 --investment "8,000万" --district HD
expect_out "^4$" "is project 4"
run --format tsv project show 4
expect_out "^district	[^	]*	Haidian$" "--district by short code HD"
expect_out "^investment	[^	]*	8,000万元$" "8,000万 is 8,000万元"

expect_ok "--enterprise by id" project add --name 星河封测线 \
	--enterprise 1 --industry 集成电路 --investment 100 --district 海淀区
expect_out "^5$" "is project 5"

# --- add: errors -------------------------------------------------------------
expect_fail 1 "a park of another district" project add --name 错园 --enterprise 1 \
	--industry 集成电路 --investment 100 --district chaoyang --park 中关村软件园
expect_err "中关村软件园" "the error names the park"
expect_err "(朝阳区|Chaoyang).*中关村朝阳园" "and the district whose parks it lists"
expect_fail 1 "an unknown park" project add --name 错园 --enterprise 1 --industry 集成电路 \
	--investment 100 --district 海淀区 --park 火星园
expect_fail 1 "no name" project add --enterprise 1 --industry 集成电路 --investment 100 --district 1
expect_err "required" "says the name is required"
expect_fail 1 "an unknown enterprise" project add --name x --enterprise 不存在的公司 \
	--industry 集成电路 --investment 100 --district 1
expect_err "enterprise add" "tells how to add it"
expect_fail 1 "an unknown industry" project add --name x --enterprise 1 --industry 采矿 \
	--investment 100 --district 1
expect_err "Integrated circuits" "lists the industries"
expect_fail 1 "a bad amount" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 很多 --district 1
expect_err "1.5亿" "shows how amounts are written"
expect_fail 1 "a negative amount" project add --name x --enterprise 1 --industry 集成电路 \
	--investment -5 --district 1
expect_fail 1 "an unknown district" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 火星区
expect_err "火星区" "names it"
expect_fail 1 "land with three decimals" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --land 1.234
expect_fail 1 "land that is not a number" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --land 十亩
expect_fail 1 "a date that does not exist" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --expected-sign 2026年13月1日
expect_fail 1 "an unknown channel" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --channel 电话
expect_err "Business referral" "lists the channels"
expect_fail 1 "strategic maybe" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --strategic maybe
expect_fail 2 "an option projects do not have" project add --name x --enterprise 1 \
	--industry 集成电路 --investment 100 --district 1 --colour red
expect_err "colour" "names it"
expect_fail 1 "a new project cannot start signed" project add --name x --enterprise 1 \
	--industry 集成电路 --investment 100 --district 1 --stage signed
expect_err "线索|lead" "it starts as a lead or in talks"
expect_fail 2 "--set without =" project add --name x --enterprise 1 --industry 集成电路 \
	--investment 100 --district 1 --set floor_area
expect_ok "none of the failures saved a project" --format tsv project list --limit 100
expect_lines 6 "five projects and a header"

# --- edit --------------------------------------------------------------------
expect_ok "edit amount and manager with a reason" project edit 1 --investment 2亿 \
	--manager zhangsan --reason 追加投资
run --format tsv project show 1
expect_out "^investment	[^	]*	20,000万元$" "the amount changed"
expect_out "^manager	[^	]*	张三$" "the manager is set by login"
expect_out "^name	[^	]*	星河智能芯片研发中心$" "other fields are kept"
expect_ok "edit with the right version (2)" project edit 1 --expect-version 2 --land 20 \
	--set floor_area=4500
run --format tsv project show 1
expect_out "^land	[^	]*	20$" "land changed"
expect_out "^floor_area	[^	]*	4500$" "--set changes the city's field"
expect_fail 3 "edit with a stale version" project edit 1 --expect-version 2 --land 30
expect_err "version" "says why"
expect_err "version 3" "and names the current version 3"
run --format tsv project show 1
expect_out "^land	[^	]*	20$" "the stale edit changed nothing"
expect_fail 2 "--expect-version that is not a number" project edit 1 --expect-version two --land 1
expect_fail 2 "--stage cannot be edited" project edit 1 --stage signed
expect_err "stage" "names the option"
expect_err "project stage ID STAGE" "and says how a stage is moved"
expect_fail 2 "nor --enterprise-name" project edit 1 --enterprise-name 假公司
expect_fail 2 "nor --created-by" project edit 1 --created-by zhangsan
# (in a database of its own, so that a failure here changes nothing below)
expect_ok "a second database" --db "$T/set" init --profile beijing
expect_ok "with an enterprise" --db "$T/set" enterprise add --name 测试企业有限公司
expect_ok "and a project" --db "$T/set" project add --name 测试项目 --enterprise 1 \
	--industry 集成电路 --investment 100 --district 1
expect_fail 2 "nor the stage through --set" --db "$T/set" project edit 1 --set stage=production
expect_fail 2 "nor who entered it through --set" --db "$T/set" project edit 1 --set created_by=1
expect_fail 2 "nor add a project at a later stage through --set" --db "$T/set" project add \
	--name 测试二 --enterprise 1 --industry 集成电路 --investment 100 --district 1 --set stage=signed
run --db "$T/set" --format tsv project show 1
expect_out "^stage	[^	]*	Lead$" "the stage is still Lead"
expect_fail 1 "an invalid value" project edit 1 --industry 采矿
expect_fail 1 "a park of another district" project edit 1 --park CBD
expect_fail 1 "edit an unknown project" project edit 99 --land 3
expect_fail 2 "edit with no id" project edit

# --- stage -------------------------------------------------------------------
expect_ok "stage forward to talks" project stage 1 talks
run --format tsv project show 1
expect_out "^stage	[^	]*	Negotiating$" "now negotiating"
expect_fail 1 "a stage dated before the project was entered, without a reason" project stage 1 签约 \
	--date 2026年11月20日
expect_err "before the project was entered \(2026-11-22\).*needs a reason" "says the rule"
expect_ok "stage by Chinese label with a Chinese date (and the reason)" project stage 1 签约 \
	--date 2026年11月20日 --reason 补录：11月20日已签约
run --format tsv project show 1
expect_out "^stage	[^	]*	Signed$" "now signed"
expect_out "^stage_date	[^	]*	2026-11-20$" "on 2026-11-20"
expect_fail 1 "back without a reason" project stage 1 talks
expect_err "reason" "asks for --reason"
expect_ok "back with a reason" project stage 1 talks --reason 企业重新评估
run --format tsv project show 1
expect_out "^stage	[^	]*	Negotiating$" "back to negotiating"
run --lang en project show 1
expect_out "^Stage history +20[0-9-]+ Lead [^|]*; 20[0-9-]+ Negotiating .*2026-11-20 Signed .*Negotiating" \
	"show: the stage history as dated stage names, not its stored form"
expect_no_out "\|talks\|" "no stored codes in the table"
run --format tsv project show 1
expect_out "^stages	[^	]*	20[0-9-]+\|lead\|[^	]*\|talks\|" "tsv: the stage history as stored, for programs"
expect_fail 1 "a date in the future" project stage 1 signed --date 2026-12-25
expect_err "future" "says it is in the future"
expect_fail 1 "a date that is not a date" project stage 1 signed --date someday
expect_fail 1 "an unknown stage" project stage 1 launched
expect_err "Lead.*Negotiating.*Signed" "lists the stages"
expect_fail 1 "the stage it is at" project stage 1 talks
expect_fail 2 "stage with no stage" project stage 1
expect_fail 1 "stage of an unknown project" project stage 99 talks
expect_fail 1 "a date before the project was entered, without a reason" project stage 1 signed \
	--date 2026-11-21
expect_err "back-dated stage needs a reason" "names the rule"
expect_fail 1 "a date more than 10 years ago" project stage 1 signed --date 2012-01-01 --reason 补录
expect_err "more than 10 years ago" "says to check the year"
expect_ok "forward to signed, back-dated with a reason" project stage 1 signed --date 2026-11-21 \
	--reason 补录
expect_fail 1 "exit without a reason" project stage 3 exited
expect_ok "exit with a reason" project stage 3 退出 --reason 企业外迁
run --format tsv project show 3
expect_out "^stage	[^	]*	Exited$" "project 3 exited"
expect_out "^exit_reason	[^	]*	企业外迁$" "with its reason"

# --- history -----------------------------------------------------------------
expect_ok "history as tsv" --format tsv project history 1
expect_out "^seq	at	who	op	field	old	new	why$" "history columns"
expect_out "	15,000万元	20,000万元	追加投资$" "old and new amount with the reason"
expect_out "		张三	追加投资$" "the manager set, with the reason"
expect_out "	12.5	20	$" "land 12.5 to 20"
expect_out "	Signed	Negotiating	企业重新评估$" "the move back with its reason"
expect_out "	2026-11-22	2026-11-20	" "the stage date"
expect_out "	星河智能芯片研发中心	$" "the creation"
expect_no_out "	20	30	" "not the refused edit"
expect_ok "history as a table" project history 1
expect_out "追加投资" "shows the reason"
expect_fail 1 "history of an unknown project" project history 99
expect_fail 2 "history with no id" project history

# --- list and its filters ----------------------------------------------------
expect_ok "list as tsv" --format tsv project list
expect_out "^id	name	enterprise_name	industry	investment	district	stage	manager$" "list columns"
expect_lines 6 "five projects"
[ "$(out_field 1)" = 5 ] && ok "newest first" || not_ok "newest first"
expect_ok "--district by Chinese name" --format tsv project list --district 海淀区
expect_lines 4 "three projects in Haidian"
expect_no_out "月光" "none in Chaoyang"
expect_ok "--district by code" --format tsv project list --district chaoyang
expect_lines 2 "one in Chaoyang"
expect_out "^2	月光新能源基地	" "project 2"
expect_ok "--stage by code" --format tsv project list --stage signed
expect_lines 2 "one signed"
[ "$(out_field 1)" = 1 ] && ok "it is project 1" || not_ok "it is project 1"
expect_ok "--stage by Chinese label" --format tsv project list --stage 退出
expect_lines 2 "one exited"
[ "$(out_field 1)" = 3 ] && ok "it is project 3" || not_ok "it is project 3"
expect_ok "--stage lead" --format tsv project list --stage lead
expect_lines 4 "three leads"
expect_ok "--industry by Chinese label" --format tsv project list --industry 集成电路
expect_lines 3 "two chip projects"
expect_no_out "月光" "and no others"
expect_ok "--industry by English label" --format tsv project list --industry "Artificial intelligence"
expect_lines 2 "one AI project"
[ "$(out_field 1)" = 4 ] && ok "project 4" || not_ok "project 4"
expect_ok "--manager by login" --format tsv project list --manager zhangsan
expect_lines 2 "one managed by 张三"
[ "$(out_field 8)" = 张三 ] && ok "the manager column" || not_ok "the manager column"
expect_ok "--enterprise by credit code" --format tsv project list --enterprise 91110105MA02YG0026
expect_lines 3 "two from 月光"
expect_ok "--min 1亿" --format tsv project list --min 1亿
expect_lines 2 "only the 2亿 project"
[ "$(out_field 1)" = 1 ] && ok "project 1" || not_ok "project 1"
expect_ok "--min and --max in 万元" --format tsv project list --min 6000 --max 10000
expect_lines 2 "only the 8,000万元 project"
[ "$(out_field 1)" = 4 ] && ok "project 4" || not_ok "project 4"
expect_ok "--max 1亿" --format tsv project list --max 1亿
expect_no_out "^1	" "leaves out the 2亿 project"
expect_out "^3	" "keeps the 5,000万元 one"
expect_ok "--search Chinese" --format tsv project list --search 星河
expect_lines 4 "three 星河 projects"
expect_ok "--search pinyin initials" --format tsv project list --search xhzn
expect_lines 2 "xhzn finds 星河智能"
expect_ok "--search full pinyin" --format tsv project list --search yueguang
expect_out "^2	" "yueguang finds 月光"
expect_ok "--limit 2" --format tsv project list --limit 2
expect_lines 3 "two projects"
expect_out "^5	" "the newest"
expect_out "^4	" "and the next"
expect_ok "--before pages on" --format tsv project list --before 3
expect_lines 3 "projects 2 and 1"
expect_out "^2	" "2"
expect_out "^1	" "1"
expect_ok "--before with --limit" --format tsv project list --before 3 --limit 1
expect_lines 2 "one project"
[ "$(out_field 1)" = 2 ] && ok "project 2" || not_ok "project 2"
expect_ok "filters combine" --format tsv project list --district haidian --industry 集成电路 --stage signed
expect_lines 2 "one project"
expect_ok "a filter that matches nothing" --format tsv project list --district dongcheng
expect_lines 1 "prints only the header"
expect_fail 1 "--stage unknown" project list --stage launched
expect_fail 1 "--district unknown" project list --district 火星区
expect_fail 1 "--manager unknown" project list --manager ghost
expect_fail 1 "--industry unknown" project list --industry 采矿
expect_fail 1 "--min not an amount" project list --min lots
expect_fail 2 "--limit 0" project list --limit 0
expect_fail 2 "--limit not a number" project list --limit ten
expect_fail 2 "--before not an id" project list --before last

# --- formats -----------------------------------------------------------------
expect_ok "list as csv" --format csv project list --search 二期
expect_out '^4,"星河研发中心,二期 ""A""",北京星河科技有限公司,' "csv quotes a name with a comma and quotes"
cat >"$T/chk_csv.py" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
assert rows[0][:2] == ['id', 'name'], rows[0]
assert rows[1][1] == '星河研发中心,二期 "A"', rows[1]
assert len(rows[1]) == len(rows[0]), rows
EOF
py_check "csv parses back to the same name" "$T/chk_csv.py" "$T/out"
expect_ok "list as json" --format json project list
cat >"$T/chk_list.py" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding='utf-8'))
names = [r['name'] for r in rows]
assert names == ['星河封测线', '星河研发中心,二期 "A"', '月光新材料产业园', '月光新能源基地',
                 '星河智能芯片研发中心'], names
assert rows[-1]['manager'] == '张三'
EOF
py_check "json list is valid and round-trips Chinese" "$T/chk_list.py" "$T/out"
expect_ok "show 4 as json" --format json project show 4
cat >"$T/chk_quote.py" <<'EOF'
import json, sys
d = {r['field']: r['value'] for r in json.load(open(sys.argv[1], encoding='utf-8'))}
assert d['name'] == '星河研发中心,二期 "A"', d['name']
EOF
py_check "json escapes quotes" "$T/chk_quote.py" "$T/out"

run --format tsv project list
cp "$T/out" "$T/list.tsv"
run project list
cp "$T/out" "$T/list.table"
py_check "table: district column aligned by display width (en)" "$T/chk_align.py" "$T/list.table" "$T/list.tsv" district
py_check "table: stage column aligned too (en)" "$T/chk_align.py" "$T/list.table" "$T/list.tsv" stage
run --lang zh --format tsv project list
cp "$T/out" "$T/zh.tsv"
run --lang zh project list
cp "$T/out" "$T/zh.table"
py_check "table: district column aligned by display width (zh)" "$T/chk_align.py" "$T/zh.table" "$T/zh.tsv" district
py_check "table: manager column aligned (zh)" "$T/chk_align.py" "$T/zh.table" "$T/zh.tsv" manager

# --- show: errors --------------------------------------------------------------
expect_fail 1 "show an unknown project" project show 99
expect_fail 2 "show with no id" project show

# --- the README's example: an enterprise by a unique part of its name ---------
expect_ok "--enterprise by a unique part of its name (README)" project add --name 星河测试线 \
	--enterprise 星河科技 --industry 集成电路 --investment 100 --district 海淀区
run --format tsv project list --search 星河测试线
expect_out "	北京星河科技有限公司	" "the project is 星河科技's"

# --- the database is sound ---------------------------------------------------
# Major projects (Beijing: 1亿元 and more) with no service manager.
UD="$T/unmanaged"
expect_ok "a database for the unmanaged list" --db "$UD" init --profile beijing
expect_ok "an enterprise" --db "$UD" enterprise add --name 北京大项目科技有限公司
expect_ok "a major project" --db "$UD" project add --name 大项目甲 --enterprise 1 --industry 集成电路 --investment 2亿 --district 海淀区
expect_ok "a small one" --db "$UD" project add --name 小项目乙 --enterprise 1 --industry 集成电路 --investment 500 --district 海淀区
expect_ok "a manager" --db "$UD" officer add --login mgr --name 管家甲 --role manager --district 海淀区
expect_ok "another major one" --db "$UD" project add --name 大项目丙 --enterprise 1 --industry 集成电路 --investment 3亿 --district 海淀区 --manager mgr
expect_ok "project list --unmanaged" --db "$UD" --format tsv project list --unmanaged
expect_out "大项目甲" "lists the major project with no manager"
expect_no_out "小项目乙" "not the small one"
expect_no_out "大项目丙" "nor the one with a manager"
expect_fail 2 "--unmanaged is for projects" --db "$UD" officer list --unmanaged

run check
expect_out "^ok: " "check is clean"
expect_out " [56] projects" "and counts the projects"
[ "$status" -eq 0 ] && ok "check exits 0" || not_ok "check exits 0"
finish
