#!/bin/sh
# exchange.sh - export and import with Excel and WPS: every export read back with standard readers (Python's csv in each encoding, json, openpyxl for XLSX) and compared with the database; a messy spreadsheet in UTF-8 with BOM, GB18030 and XLSX imports exactly its good rows, twice without duplicates, with the rejected rows and their reasons in a file of the input's format and encoding; a desk officer imports and exports only their district.
. "$TESTLIB"

PY=/usr/bin/python3

# py WHAT SCRIPT [ARGS...]: passes when the Python script exits 0.
py() {
	what=$1
	shift
	if "$PY" - "$@" >"$T/py" 2>&1; then ok "$what"; else
		not_ok "$what"
		sed 's/^/#   py: /' "$T/py" | head -20
	fi
}

# credit_code BASE17: BASE17 with its GB 32100 check character appended.
credit_code() {
	"$PY" -c '
import sys
cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
b = sys.argv[1]
s = sum(cs.index(c) * pow(3, i, 31) for i, c in enumerate(b))
print(b + cs[(31 - s % 31) % 31])' "$1"
}

"$PY" -c 'import openpyxl' 2>/dev/null || echo "# openpyxl missing: install python3-openpyxl (./bootstrap does)"

run init --profile beijing --single-user --name 系统管理员
CODE1=$(credit_code 91110108MA01XH001)
CODE2=$(credit_code 91110105MA02YG002)
CODE3=$(credit_code 91110108MA03ZZ003)
expect_ok "an enterprise with a rare name (䶮 and U+20000)" enterprise add --name "北京䶮𠀀科技有限公司" --credit-code "$CODE1" --phone 01062345678
expect_ok "a second enterprise" enterprise add --name 北京华芯半导体有限公司 --credit-code "$CODE2"
expect_ok "a project of the first" project add --name "䶮𠀀功率芯片项目" --enterprise "$CODE1" \
	--industry 集成电路 --investment 1.2亿 --district 海淀区 --park 中关村科学城 --expected-sign 2027-03-01 \
	--phone 13912345678 --summary "第一行
第二行，含逗号, and \"quotes\""
P1=$(cat "$T/out")
expect_ok "a project whose name a spreadsheet would run" project add --name "=1+2项目" --enterprise "$CODE2" \
	--industry 医药健康 --investment 300万美元 --district 朝阳区 --land 12.5
P2=$(cat "$T/out")
expect_ok "a third project" project add --name 华芯封装测试项目 --enterprise "$CODE2" \
	--industry 集成电路 --investment "3,000万" --district 海淀区 --stage talks
P3=$(cat "$T/out")

# --- export: CSV in three encodings --------------------------------------------
for enc in utf-8 utf-8-bom gb18030; do
	expect_ok "export projects to CSV in $enc" --lang zh export projects --encoding "$enc" --output "$T/p-$enc.csv"
done
py "the UTF-8 BOM file begins with the BOM, the others not" "$T" <<'EOF'
import sys
t = sys.argv[1]
assert open(t + "/p-utf-8-bom.csv", "rb").read(3) == b"\xef\xbb\xbf"
assert open(t + "/p-utf-8.csv", "rb").read(3) != b"\xef\xbb\xbf"
raw = open(t + "/p-gb18030.csv", "rb").read()
assert b"\xef\xbb\xbf" not in raw[:3]
raw.decode("gb18030")
try:
    raw.decode("utf-8")
    raise SystemExit("the GB18030 file is UTF-8")
except UnicodeDecodeError:
    pass
EOF
py "CSV: CRLF line ends, RFC 4180 quoting, a line break kept inside a quoted cell" "$T" <<'EOF'
import sys
raw = open(sys.argv[1] + "/p-utf-8.csv", "rb").read()
lines = raw.split(b"\r\n")
assert all(b"\n" not in l or l.count(b'"') for l in lines), "a bare LF outside quotes"
assert b'"\xe7\xac\xac\xe4\xb8\x80\xe8\xa1\x8c\n' in raw, "the summary's line break is not quoted"
assert b'""quotes""' in raw
EOF
py "CSV in each encoding reads back equal, names with 䶮 and U+20000 intact, formulas neutralised" "$T" "$P1" "$P2" "$P3" "$CODE1" <<'EOF'
import csv, sys
t, p1, p2, p3, code1 = sys.argv[1:]
tables = {}
for enc, pyenc in (("utf-8", "utf-8"), ("utf-8-bom", "utf-8-sig"), ("gb18030", "gb18030")):
    with open(f"{t}/p-{enc}.csv", newline="", encoding=pyenc) as f:
        tables[enc] = list(csv.reader(f))
assert tables["utf-8"] == tables["utf-8-bom"] == tables["gb18030"], "encodings differ"
rows = tables["utf-8"]
head = rows[0]
by = {r[0]: dict(zip(head, r)) for r in rows[1:]}
assert set(by) == {p1, p2, p3}, by.keys()
r1 = by[p1]
assert r1["项目名称"] == "䶮𠀀功率芯片项目", r1["项目名称"]
assert r1["企业"] == "北京䶮𠀀科技有限公司"
assert r1["企业统一社会信用代码"] == code1
assert r1["总投资（万元）"] == "12000", r1["总投资（万元）"]
assert r1["总投资（万美元）"] == ""
assert r1["产业方向代码"] == "集成电路" and r1["区县代码"] == "haidian" and r1["区县"] == "海淀区"
assert r1["阶段代码"] == "lead"
assert r1["电话"] == "13912345678"
assert r1["预计签约日期"] == "2027-03-01", r1
assert r1["项目简介"] == '第一行\n第二行，含逗号, and "quotes"'
r2 = by[p2]
assert r2["项目名称"] == "'=1+2项目", r2["项目名称"]
assert r2["总投资（万美元）"] == "300" and r2["总投资（万元）"] == ""
assert r2["用地（亩）"] == "12.5", r2
assert by[p3]["总投资（万元）"] == "3000" and by[p3]["阶段代码"] == "talks"
EOF

# The export says what the database says: compare with project show.
run --format json project show "$P1"
cp "$T/out" "$T/show1.json"
run --lang zh --format json export projects
cp "$T/out" "$T/p.json"
py "JSON export: raw numbers, codes beside names, equal to project show" "$T" "$P1" <<'EOF'
import json, sys
t, p1 = sys.argv[1:]
rows = json.load(open(t + "/p.json"))
r = [x for x in rows if x["id"] == p1][0]
show = {x["field"]: x["value"] for x in json.load(open(t + "/show1.json"))}
assert r["investment_cny"] == 12000 and r["investment_usd"] is None, r
assert r["name"] == show["name"] and r["park"] == show["park"]
assert r["enterprise"] == show["enterprise"], (r["enterprise"], show["enterprise"])
assert r["district_code"] == "haidian" and r["industry_code"] == "集成电路"
assert r["expected_sign"] == show["expected_sign"]
assert isinstance(r["id"], str)
EOF
expect_ok "TSV export" --lang en export projects --format tsv --keys
py "TSV export: one line a record, keys in the header, escapes reversible" "$T" "$P1" <<'EOF'
import sys
t, p1 = sys.argv[1:]
lines = open(t + "/out", encoding="utf-8").read().split("\n")
head = lines[0].split("\t")
assert head[:3] == ["id", "name", "enterprise"], head
rows = [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]
assert len(rows) == 3
r = [x for x in rows if x["id"] == p1][0]
assert r["summary"] == '第一行\\n第二行，含逗号, and "quotes"', r["summary"]
EOF

# --- export: XLSX --------------------------------------------------------------
expect_ok "export projects to XLSX" --lang zh export projects --output "$T/p.xlsx"
expect_ok "export enterprises, issues, officers and districts to XLSX" --lang zh export enterprises --output "$T/e.xlsx"
for k in issues officers districts; do run export "$k" --output "$T/$k.xlsx"; done
py "XLSX: typed cells (codes and phones text, amounts numbers, dates dates), frozen header, filter, widths, equal to the CSV" "$T" "$P1" "$P2" "$CODE1" <<'EOF'
import csv, datetime, sys, openpyxl
t, p1, p2, code1 = sys.argv[1:]
wb = openpyxl.load_workbook(t + "/p.xlsx")
ws = wb.worksheets[0]
assert ws.title == "项目", ws.title
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.auto_filter.ref
head = [c.value for c in ws[1]]
rows = {str(r[0].value): dict(zip(head, r)) for r in ws.iter_rows(min_row=2)}
r = rows[p1]
assert r["企业统一社会信用代码"].data_type == "s" and r["企业统一社会信用代码"].value == code1
assert r["电话"].data_type == "s" and r["电话"].value == "13912345678"
assert r["总投资（万元）"].data_type == "n" and r["总投资（万元）"].value == 12000
assert isinstance(r["预计签约日期"].value, datetime.datetime), r["预计签约日期"].value
assert r["预计签约日期"].value.date() == datetime.date(2027, 3, 1)
assert r["项目名称"].value == "䶮𠀀功率芯片项目"
assert rows[p2]["项目名称"].value == "=1+2项目" and rows[p2]["项目名称"].data_type == "s"
assert rows[p2]["总投资（万美元）"].value == 300
col = lambda name: openpyxl.utils.get_column_letter(head.index(name) + 1)
assert ws.column_dimensions[col("项目名称")].width >= 18, ws.column_dimensions[col("项目名称")].width
assert ws.column_dimensions[col("企业")].width >= 22
# Every value equals the CSV export's.
with open(t + "/p-utf-8.csv", newline="", encoding="utf-8") as f:
    crow = list(csv.reader(f))
for line in crow[1:]:
    x = rows[line[0]]
    for h, v in zip(crow[0], line):
        c = x[h].value
        if isinstance(c, datetime.datetime):
            c = c.date().isoformat()
        elif isinstance(c, float) and c == int(c):
            c = str(int(c))
        elif c is None:
            c = ""
        if h == "项目名称" and v.startswith("'="):
            v = v[1:]
        assert str(c) == v, (h, c, v)
wb = openpyxl.load_workbook(t + "/e.xlsx")
ws = wb.worksheets[0]
assert ws.title == "企业"
assert {ws.cell(row=i, column=3).value for i in range(2, ws.max_row + 1)} >= {code1}
for k in ("issues", "officers", "districts"):
    openpyxl.load_workbook(f"{t}/{k}.xlsx")
EOF
run project list --format xlsx
cp "$T/out" "$T/list.xlsx"
py "a listing as XLSX (--format xlsx) opens with its rows" "$T" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1] + "/list.xlsx").worksheets[0]
assert ws.max_row == 4, ws.max_row
EOF
expect_ok "a listing in GB18030 (--encoding)" project list --format csv --encoding gb18030
py "the listing's CSV is GB18030" "$T" <<'EOF'
import sys
raw = open(sys.argv[1] + "/out", "rb").read()
assert "䶮𠀀功率芯片项目" in raw.decode("gb18030")
EOF
expect_fail 2 "an unknown encoding is refused" export projects --encoding gbk
expect_fail 2 "an unknown kind is refused" export widgets
expect_fail 2 "an unknown format is refused" export projects --format ods
expect_fail 1 "an XLSX file that cannot be made is refused" export projects --output "$T/no/such/dir/p.xlsx"
if [ "$(wc -l <"$T/err")" -eq 1 ]; then ok "with one line saying so"; else not_ok "with one line saying so"; fi

# --- the progress line: on a terminal only ---------------------------------------------------
py "export shows a progress line on a terminal's stderr, and none in a pipe" "$T" "$ZSDESK" <<'EOF'
import os, pty, subprocess, sys
t, zs = sys.argv[1:]
master, slave = pty.openpty()
p = subprocess.run([zs, "--lang", "en", "export", "projects", "--output", t + "/tty.csv"],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
out = b""
try:
    while True:
        b = os.read(master, 4096)
        if not b:
            break
        out += b
except OSError:
    pass
assert p.returncode == 0, p.returncode
assert b"\r" in out and b"rows written" in out, out
p = subprocess.run([zs, "--lang", "en", "export", "projects", "--output", t + "/pipe.csv"],
                   capture_output=True)
assert p.returncode == 0 and p.stderr == b"", p.stderr
EOF

# --- import: a messy sheet --------------------------------------------------------
BAD=$(credit_code 91110108MA04AA004 | sed 's/.$/0/')
[ "$BAD" = "$(credit_code 91110108MA04AA004)" ] && BAD=$(credit_code 91110108MA04AA004 | sed 's/.$/1/')
CODE5=$(credit_code 91110108MA05BB005)
CODE6=$(credit_code 91110108MA06CC006)
"$PY" - "$T" "$BAD" "$CODE5" "$CODE6" "$CODE2" <<'EOF'
import csv, io, sys
t, bad, c5, c6, c2 = sys.argv[1:]
rows = [
    ["2026年海淀区招商引资项目清单（第四季度）", "", "", "", "", "", "", ""],
    [],
    ["序号", "项目名称", "企业名称", "统一社会信用代码", "行业", "总投资（万元）", "区县", "项目简介", "", ""],
    ["1", "䶮𠀀新材料项目", "北京䶮𠀀新材料有限公司", c5, "新材料", "1.2亿", "海淀区", "一期\n二期", "", ""],
    ["2", "恒通储能项目", "北京恒通储能有限公司", bad, "绿色能源与节能环保", "3,000万", "海淀区", "", ""],
    [],
    ["3", "星河研发中心项目", "北京星河数据有限公司", c6, "新一代信息技术", "5000", "海淀区", "'=HYPERLINK(\"x\")"],
    ["4", "星河研发中心项目", "北京星河数据有限公司", c6, "新一代信息技术", "5000", "海淀区", "'=HYPERLINK(\"x\")"],
    ["5", "金额不对项目", "北京某某有限公司", "", "集成电路", "很多", "海淀区", ""],
    ["6", "无区县项目", "北京某某二有限公司", "", "集成电路", "800", "火星区", ""],
    ["7", "没有行业项目", "北京某某三有限公司", "", "", "800", "海淀区", ""],
    ["8", "华芯二期项目", "北京华芯半导体有限公司", c2, "集成电路", "2亿", "海淀区", ""],
]
def write(name, enc, bom):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(rows)
    data = buf.getvalue().encode(enc)
    open(f"{t}/{name}", "wb").write((b"\xef\xbb\xbf" if bom else b"") + data)
write("messy-bom.csv", "utf-8", True)
write("messy-gb.csv", "gb18030", False)
EOF
run project list --format tsv --limit 1000
before=$(($(wc -l <"$T/out") - 1))
run --lang en import projects "$T/messy-bom.csv" --dry-run
expect_err 'dry run, nothing saved: 4 to add, 0 to update, 0 unchanged, 1 duplicate, 3 rejected' "a dry run shows what the import would do"
run project list --format tsv --limit 1000
if [ $(($(wc -l <"$T/out") - 1)) -eq "$before" ]; then ok "a dry run saves nothing"; else not_ok "a dry run saves nothing"; fi
run --lang en --format tsv import projects "$T/messy-bom.csv"
cp "$T/out" "$T/import1.out"
cp "$T/err" "$T/import1.err"
if [ "$status" -eq 1 ]; then ok "an import with rejected rows exits 1"; else not_ok "an import with rejected rows exits 1 (exit $status)"; fi
expect_err '4 added, 0 updated, 0 unchanged, 1 duplicate, 3 rejected' "the messy sheet: exactly its good rows are added"
expect_err 'messy-bom-rejected.csv' "the rejected rows' file is named"
py "the rows: 1.2亿, 3,000万 and a bad check character imported, the duplicate skipped, reasons given" "$T" <<'EOF'
import sys
out = open(sys.argv[1] + "/import1.out", encoding="utf-8").read()
lines = {l.split("\t")[0]: " " + l.replace("\t", " ") + " " for l in out.splitlines()[1:]}
assert " add " in lines["4"], lines["4"]
# Line 4 holds a line break in a quoted cell: the next row is on line 6.
assert " add " in lines["6"] and "check" in lines["6"], lines["6"]
assert " add " in lines["8"]
assert "duplicate" in lines["9"] and "row 8" in lines["9"], lines["9"]
assert "rejected" in lines["10"] and "amount" in lines["10"], lines["10"]
assert "rejected" in lines["11"] and "火星区" in lines["11"], lines["11"]
assert "rejected" in lines["12"] and "required" in lines["12"], lines["12"]
assert " add " in lines["13"] and "already has project" in lines["13"], lines["13"]
EOF
run --format json project list --limit 1000 --search 䶮
py "imported values are the database's: 1.2亿 is 12,000万, the line break kept" "$T" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1] + "/out"))
names = {r["name"] for r in rows}
assert "䶮𠀀新材料项目" in names, names
EOF
run --lang zh --format json export projects
py "the imported rows read back from the export" "$T" "$CODE5" <<'EOF'
import json, sys
t, c5 = sys.argv[1:]
rows = {r["name"]: r for r in json.load(open(t + "/out"))}
r = rows["䶮𠀀新材料项目"]
assert r["investment_cny"] == 12000 and r["enterprise_credit_code"] == c5 and r["summary"] == "一期\n二期", r
assert rows["恒通储能项目"]["investment_cny"] == 3000
assert rows["星河研发中心项目"]["summary"] == '=HYPERLINK("x")', rows["星河研发中心项目"]["summary"]
assert rows["星河研发中心项目"]["investment_cny"] == 5000
assert rows["恒通储能项目"]["district_code"] == "haidian"
EOF
py "the rejected file: same format and encoding, the header, every bad row with its reason" "$T" <<'EOF'
import csv, sys
t = sys.argv[1]
raw = open(t + "/messy-bom-rejected.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "not UTF-8 with BOM like the input"
rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(True)))
assert rows[0][1] == "项目名称" and rows[0][-1], rows[0]
bad = {r[1]: r[-1] for r in rows[1:]}
assert set(bad) == {"金额不对项目", "无区县项目", "没有行业项目"}, bad
assert "很多" in bad["金额不对项目"] or "amount" in bad["金额不对项目"], bad
assert "火星区" in bad["无区县项目"], bad
assert "required" in bad["没有行业项目"], bad
EOF
run --lang en import projects "$T/messy-bom.csv"
expect_err '0 added, 0 updated, 4 unchanged, 1 duplicate, 3 rejected' "importing the same sheet again adds nothing"
run --lang en import projects "$T/messy-gb.csv"
expect_err '0 added, 0 updated, 4 unchanged, 1 duplicate, 3 rejected' "the GB18030 variant is read as the same rows"
py "the GB18030 input's rejected file is GB18030" "$T" <<'EOF'
import sys
raw = open(sys.argv[1] + "/messy-gb-rejected.csv", "rb").read()
assert not raw.startswith(b"\xef\xbb\xbf")
assert "金额不对项目" in raw.decode("gb18030")
EOF
run project list --format tsv --limit 1000
if [ $(($(wc -l <"$T/out") - 1)) -eq $((before + 4)) ]; then ok "three imports, four new projects"; else not_ok "three imports, four new projects"; fi

# An update is a normal audited edit.
run --format json project list --search 恒通储能
HT=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$T/out")
sed 's/3,000万/4500/' "$T/messy-bom.csv" >"$T/messy-edit.csv"
run --lang en import projects "$T/messy-edit.csv"
expect_err '0 added, 1 updated, 3 unchanged' "a changed amount is an update"
run --lang en project history "$HT"
expect_out '4,500万元' "the update is in the project's history"
expect_out 'imported from' "with the import as its reason"

# A number on the row names a project of the same name but another enterprise: not that one.
CODE10=$(credit_code 91110108MA10GG010)
cat >"$T/same-name.csv" <<EOF
系统编号,项目名称,企业名称,统一社会信用代码,行业,总投资,区县
$P3,华芯封装测试项目,北京另一家半导体有限公司,$CODE10,集成电路,700,海淀区
EOF
run --lang en import projects "$T/same-name.csv"
expect_err '1 added, 0 updated' "a row whose number and name are another enterprise's project is a new project"
run --format json project show "$P3"
expect_out '"3,000万元"|3,000' "and that project is untouched"

# --- a city's own fields (forms) go out and come back ----------------------------------
mkdir -p "$T/forms"
cp -r "$ZSDESK_DATADIR"/. "$T/forms/"
sed 's/^field = summary | width = 50$/&\
field = wechat | kind = text | label = 微信 | WeChat | max = 30/' "$ZSDESK_DATADIR/intake.form" >"$T/forms/intake.form"
datadir=$ZSDESK_DATADIR
ZSDESK_DATADIR=$T/forms
run project edit "$P1" --set wechat=wx123
run --lang zh export projects --output "$T/own.csv"
py "the export has the city's own field, headed with the form's label" "$T" "$P1" <<'EOF'
import csv, sys
t, p1 = sys.argv[1:]
rows = {r["系统编号"]: r for r in csv.DictReader(open(t + "/own.csv", encoding="utf-8", newline=""))}
assert rows[p1]["微信"] == "wx123", rows[p1]
EOF
sed 's/wx123/wx456/' "$T/own.csv" >"$T/own2.csv"
run --lang en import projects "$T/own2.csv"
expect_err ' 1 updated' "a changed own field is an update"
run project show "$P1"
expect_out 'wechat +wx456' "and is saved"
ZSDESK_DATADIR=$datadir

# --- import: XLSX with a title row, real dates and numbers -----------------------------
CODE7=$(credit_code 91110108MA07DD007)
"$PY" - "$T" "$CODE7" <<'EOF'
import datetime, sys, openpyxl
t, c7 = sys.argv[1:]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "清单"
other = wb.create_sheet("说明")
other["A1"] = "填表说明"
ws["A1"] = "2026年度重点招商项目"
ws.merge_cells("A1:G1")
ws.append([])
ws.append(["项目名称", "企业名称", "统一社会信用代码", "所属行业", "计划总投资（亿元）", "预计签约时间", "区县"])
ws.append(["䶮𠀀智算中心项目", "北京䶮𠀀算力有限公司", c7, "新一代信息技术", 2.5, datetime.date(2027, 1, 15), "海淀区"])
ws.append(["日期不对项目", "北京某四有限公司", None, "集成电路", 1, "明年", "海淀区"])
ws.cell(row=4, column=6).number_format = "yyyy\"年\"m\"月\"d\"日\""
wb.save(t + "/list.xlsx")
EOF
run --lang en import projects "$T/list.xlsx" --sheet 清单
expect_err '1 added, 0 updated, 0 unchanged, 0 duplicate, 1 rejected' "XLSX: the header under a merged title row is found, its good row added"
run --lang zh --format json export projects
py "XLSX import: 2.5 under 亿元 is 25,000万, the date cell is a date" "$T" <<'EOF'
import json, sys
rows = {r["name"]: r for r in json.load(open(sys.argv[1] + "/out"))}
r = rows["䶮𠀀智算中心项目"]
assert r["investment_cny"] == 25000, r["investment_cny"]
assert r["expected_sign"] == "2027-01-15", r["expected_sign"]
EOF
py "the XLSX input's rejected rows are XLSX, with the reason" "$T" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1] + "/list-rejected.xlsx").worksheets[0]
rows = list(ws.iter_rows(values_only=True))
assert rows[0][0] == "项目名称" and len(rows) == 2, rows
assert rows[1][0] == "日期不对项目" and "date" in rows[1][-1], rows[1]
EOF
expect_fail 1 "a sheet that is not there is named" import projects "$T/list.xlsx" --sheet 无此表
run --lang en import projects "$T/list.xlsx" --sheet 2
if [ "$status" -ne 0 ] && grep -q 'no header row' "$T/err"; then ok "a sheet without a header row is refused, saying so"; else not_ok "a sheet without a header row is refused, saying so"; fi
"$PY" -c 'import sys; open(sys.argv[1], "wb").write("名称,金额\r\n\xff\xfe坏".encode("latin-1"))' "$T/bad.csv"
expect_fail 1 "a file in no known encoding is refused" import projects "$T/bad.csv"

# --- one transaction: a later row sees what an earlier one saved ---------------------------
CODE8=$(credit_code 91110108MA08EE008)
cat >"$T/same-ent.csv" <<EOF
项目名称,企业名称,统一社会信用代码,行业,总投资,区县
新企业一期项目,北京新来科技有限公司,$CODE8,集成电路,800,海淀区
新企业二期项目,北京新来科技有限公司,$CODE8,集成电路,900,海淀区
EOF
run --lang en import projects "$T/same-ent.csv"
expect_err '2 added' "two projects of one new enterprise in one file"
run --format tsv enterprise list --search 北京新来科技
if [ "$(grep -c 北京新来科技 "$T/out")" -eq 1 ]; then ok "the enterprise is made once: the second row found the first's"; else not_ok "the enterprise is made once: the second row found the first's"; fi

# --- enterprises, districts and officers ---------------------------------------------------
CODE9=$(credit_code 91110108MA09FF009)
cat >"$T/ents.csv" <<EOF
企业全称,信用代码,企业性质,法人
北京九号科技有限公司,$CODE9,专精特新,王九
北京华芯半导体有限公司,$CODE2,,李四
EOF
run --lang en import enterprises "$T/ents.csv"
expect_err '1 added, 1 updated' "enterprises: a new one added, a known one (by credit code) updated"
run --lang en import enterprises "$T/ents.csv"
expect_err '0 added, 0 updated, 2 unchanged' "enterprises: again, nothing changes"
printf '区县代码,区县名称,英文名称,园区\nxinqu,新区,New District,"新区科技园,新区物流园"\n' >"$T/d.csv"
run --lang en import districts "$T/d.csv"
expect_err '1 added' "districts: an administrator adds one"
printf '登录名,姓名,角色,区县\nlisi,李四,desk,新区\n' >"$T/o.csv"
run --lang en import officers "$T/o.csv"
expect_err '1 added' "officers: an administrator adds one, by the district just imported"
run --lang zh officer show lisi
expect_out '新区' "the officer is in the new district"
sed 's/New District/New Zone/' "$T/d.csv" >"$T/d2.csv"
run --as lisi --lang en import districts "$T/d2.csv"
expect_out 'rejected' "a desk officer cannot change districts by import"
printf 'xinqu2,新区二,New District 2,\n' >>"$T/d2.csv"
run --as lisi --lang en import districts "$T/d2.csv"
expect_err '0 added, 0 updated, 0 unchanged, 0 duplicate, 2 rejected' "nor add them"

# --- a file from another database: its numbers never name records here -------------------
run demo --db "$T/city-a" --projects 300
run demo --db "$T/city-b" --projects 1
run --db "$T/city-a" export projects --output "$T/city-a.csv"
run --db "$T/city-b" --lang en import projects "$T/city-a.csv"
first=$(tail -2 "$T/err" | head -1)
run --db "$T/city-b" --format json project show 1
cp "$T/out" "$T/b1.json"
run --db "$T/city-b" --lang en import projects "$T/city-a.csv"
expect_err ' 0 added, 0 updated, [0-9]+ unchanged' "another city's export imported twice: the second time changes nothing"
case "$first" in *" 0 updated"*) ok "its 系统编号 column updated none of this city's projects" ;;
*) not_ok "its 系统编号 column updated none of this city's projects ($first)" ;; esac

# --- every kind comes back as it went, in every format ---------------------------------
for kind in projects enterprises officers districts; do
	for f in xlsx csv tsv; do
		run --db "$T/city-a" --lang zh export "$kind" --output "$T/rt-$kind.$f" --encoding gb18030
		run --db "$T/city-a" import "$kind" "$T/rt-$kind.$f"
		if [ "$status" -eq 0 ] && grep -Eq ' 0 added, 0 updated, [1-9][0-9]* unchanged, 0 duplicate, 0 rejected' "$T/err"; then
			ok "$kind exported as $f and imported again: nothing changes"
		else
			not_ok "$kind exported as $f and imported again: nothing changes"
		fi
	done
done

# --- control characters: refused with the reason, never written raw -----------------------
printf '项目名称,企业名称,行业,总投资,区县\n"坏\033]0;x\007项目",北京坏科技有限公司,集成电路,800,海淀区\n"好项目\342\200\256",北京好科技有限公司,集成电路,800,海淀区\n' >"$T/ctl.csv"
run --lang en import projects "$T/ctl.csv"
expect_out 'line 2: rejected: Project name: holds a control character' "a cell with Esc and BEL is refused, saying why"
expect_out 'line 3: rejected: Project name: holds a text-direction override' "a direction override too"
if ! grep -q "$(printf '\033')" "$T/out" "$T/ctl-rejected.csv" && grep -q '\\e]0;x\\x07' "$T/ctl-rejected.csv"; then
	ok "neither the preview nor the rejected file holds them raw"
else
	not_ok "neither the preview nor the rejected file holds them raw"
fi

# --- a desk officer: their district only ------------------------------------------------
expect_ok "a desk officer of 朝阳区" officer add --login zhangsan --name 张三 --role desk --district 朝阳区
run --as zhangsan --lang zh --format json export projects
py "a desk officer's export holds only their district's projects" "$T" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1] + "/out"))
assert rows and {r["district_code"] for r in rows} == {"chaoyang"}, rows
EOF
cat >"$T/zhang.csv" <<'EOF'
项目名称,企业名称,行业,总投资,区县
朝阳新项目,北京朝阳新科技有限公司,集成电路,800,朝阳区
海淀的项目,北京海淀新科技有限公司,集成电路,800,海淀区
不写区县的项目,北京无区县科技有限公司,集成电路,900,
EOF
run --as zhangsan --lang en import projects "$T/zhang.csv"
expect_err '2 added, 0 updated, 0 unchanged, 0 duplicate, 1 rejected' "a desk officer imports their own rows; a row without a district is theirs"
expect_out "line 3: rejected 海淀的项目: another district's project \\(Haidian\\)" "another district's row is refused with the reason"
run --as zhangsan --lang en import projects "$T/messy-bom.csv"
expect_out "another district" "a desk officer cannot update another district's projects by import"

finish
