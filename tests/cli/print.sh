#!/bin/sh
# print.sh - printable sheets (zsdesk print project|prereport|issue): A4
# pages of 80 columns and 66 lines, Chinese counted two columns, a form
# feed between pages, page N of M in each footer; to a file in the
# character set of --charset, never over a file without --force; only
# what the officer may read.
. "$TESTLIB"

# pages FILE ENCODING: checks the page layout of FILE; prints "pages N".
cat >"$T/pages.py" <<'PY'
import sys, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
path, enc = sys.argv[1], sys.argv[2]
text = open(path, 'rb').read().decode(enc)
assert text.endswith('\n'), 'the text does not end with a line break'
pages = text.split('\f')
for n, p in enumerate(pages, 1):
    lines = p.split('\n')
    if n < len(pages):
        assert lines[-1] == '', 'page %d: the form feed is not at the start of a line' % n
    lines = lines[:-1]
    assert len(lines) == 66, 'page %d has %d lines, not 66' % (n, len(lines))
    for i, l in enumerate(lines, 1):
        assert w(l) <= 80, 'page %d line %d is %d columns: %r' % (n, i, w(l), l)
        assert not any(ord(c) < 32 for c in l), 'page %d line %d has a control character' % (n, i)
    foot = lines[-1]
    want = ('Page %d of %d' % (n, len(pages)), '第 %d 页，共 %d 页' % (n, len(pages)))
    assert foot.endswith(want), 'page %d footer %r' % (n, foot)
print('pages', len(pages))
PY
# layout WHAT FILE [ENCODING]: the layout check passes.
layout() {
	if python3 "$T/pages.py" "$2" "${3:-utf-8}" >"$T/py" 2>&1; then ok "$1 ($(cat "$T/py"))"; else
		not_ok "$1"
		sed 's/^/#   py: /' "$T/py" | tail -3
	fi
}

expect_ok "a single-user Jiaxing database" init --profile jiaxing --single-user
expect_ok "a Xiuzhou desk officer" officer add --login xz --name 徐一 --role desk --district xiuzhou
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司 --credit-code 91330400MA2B3C4D56
long=$(printf '年产十万片碳化硅功率器件芯片及配套封装测试产线建设%.0s' 1 2 3 4 5 6 7 8 9 10)
expect_ok "a 40亿 project with a long summary" project add --name 华芯功率芯片项目 --enterprise 1 \
	--industry 集成电路 --investment 40亿 --district nanhu --park 科技城 --stage talks \
	--summary "$long with some English words that must wrap at a space" --contact 张三 --phone 13900000000
expect_ok "its pre-report" project prereport 1 --signing 2026-12-10 --parties "华芯半导体与南湖区人民政府"

expect_ok "print project 1" --lang zh print project 1 --output "$T/p1.txt"
layout "the project sheet is A4 pages of 80 columns" "$T/p1.txt"
grep -q "嘉兴市  项目信息表" "$T/p1.txt" && ok "the header names the city and the sheet" || not_ok "the header names the city and the sheet"
grep -q "碳化硅功率器件芯片" "$T/p1.txt" && ok "the long summary is there, wrapped" || not_ok "the long summary"
expect_fail 1 "the same file again is refused" print project 1 --output "$T/p1.txt"
expect_err "exists.*--force" "saying so and how to write over it"
expect_ok "with --force it is written over" print project 1 --output "$T/p1.txt" --force
layout "the English sheet too" "$T/p1.txt"
grep -q "Page 1 of" "$T/p1.txt" && ok "in English" || not_ok "in English"

# --- many changes: several pages, page N of M right ---
i=0
while [ $i -lt 70 ]; do
	i=$((i + 1))
	"$ZSDESK" project edit 1 --land "$i" --reason "第 $i 次调整用地" >/dev/null 2>&1
done
expect_ok "print project 1 after 70 changes" print project 1 --output "$T/p2.txt"
layout "its pages" "$T/p2.txt"
grep -q "Page 2 of" "$T/p2.txt" && ok "it takes more than one page" || not_ok "it takes more than one page"
run print project 1
layout "standard output is the same layout" "$T/out"

# --- the pre-report and the supervision sheet ---
expect_ok "print prereport 1" --lang zh print prereport 1 --output "$T/pre.txt"
layout "the pre-report sheet" "$T/pre.txt"
grep -q "重大签约项目预报表" "$T/pre.txt" && ok "its title" || not_ok "its title"
grep -q "91330400MA2B3C4D56" "$T/pre.txt" && ok "the enterprise's credit code" || not_ok "the credit code"
grep -q "2026-12-10" "$T/pre.txt" && ok "the planned signing date" || not_ok "the planned signing date"
grep -q "华芯半导体与南湖区人民政府" "$T/pre.txt" && ok "the parties" || not_ok "the parties"
grep -q "提前 7 天" "$T/pre.txt" && ok "the rule of the profile" || not_ok "the rule of the profile"

expect_ok "an issue" issue open --project 1 --category 用地 --description "用地指标不足，需市里协调"
expect_ok "escalated" issue escalate 1 区里无法解决
expect_ok "print issue 1" --lang zh print issue 1 --output "$T/db.txt"
layout "the supervision sheet" "$T/db.txt"
grep -q "督办单" "$T/db.txt" && ok "its title" || not_ok "its title"
grep -q "用地指标不足" "$T/db.txt" && ok "the request" || not_ok "the request"
grep -q "区里无法解决" "$T/db.txt" && ok "the trail keeps the escalation's reason" || not_ok "the trail"

# --- character sets ---
expect_ok "print issue 1 in GB18030" --lang zh --charset GB18030 print issue 1 --output "$T/gb.txt"
layout "the GB18030 file has the same layout" "$T/gb.txt" gb18030
iconv -f GB18030 -t UTF-8 "$T/gb.txt" | cmp -s - "$T/db.txt" && ok "and says the same as the UTF-8 one" ||
	not_ok "and says the same as the UTF-8 one"

# --- what may not be printed ---
expect_fail 1 "another district's project is not printed" --as xz print project 1
expect_err "another district" "saying whose it is"
expect_fail 1 "nor its issue" --as xz print issue 1
expect_fail 1 "a project that does not exist" print project 99
expect_fail 2 "print without an id" print project

# --- a city without the pre-report ---
export ZSDESK_DB="$T/tj"
expect_ok "a Tianjin database" init --profile tianjin --single-user
expect_ok "an enterprise" enterprise add --name 天津滨海新材料有限公司
expect_ok "a project" project add --name 滨海新材料项目 --enterprise 1 --industry 新材料 \
	--investment 50亿 --district binhai
expect_fail 1 "no pre-report sheet where the profile has none" print prereport 1
expect_err "no signing pre-report" "saying so"
expect_ok "the project sheet prints" print project 1 --output "$T/tj.txt"
layout "Tianjin's project sheet" "$T/tj.txt"

finish
