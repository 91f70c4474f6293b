#!/usr/bin/env python3
"""import.py - a spreadsheet into the desk after a preview, and a policy's filing (备案).

Drives the real desk in a pty at 80x24, in zh_CN.UTF-8 and in
en_US.UTF-8 with --lang en, and checks each saved effect through the
command line (`zsdesk --db DIR --format tsv ...`):

 * the project library, Esc i, the path of a messy sheet (GB18030 in
   Chinese, UTF-8 with a byte-order mark in English; ~ for the home
   directory): the preview counts the rows to add and the rejected ones,
   lists the rejected first with their reasons (a bad amount, a district
   that does not exist, a row of another district), and nothing is saved
   yet; F2 imports the good rows (`project list` has them, 1.2亿 as
   12000万), says so, and the rejected rows are in the file beside the
   sheet, in its encoding, each with its reason; F2 again imports nothing
   more; the same sheet a second time previews no row to add;
 * a path that does not exist is refused on the message line;
 * the policy list, Esc i: a sheet of policies previewed and imported; an
   XLSX workbook zsdesk exported comes back with no row to add;
 * the policy list, Esc a: Haidian files its policy (asked first), and a
   second Esc a says it awaits the city office; a Chaoyang officer may not
   file it; the city office (root) returns it - a return without a reason
   is refused - and, filed again, accepts it (`policy show`).
"""
import csv
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, choose, cli, fields, jump,  # noqa: E402
                     quit_desk, rows_of, start_desk, state_dir)

ROWS, COLS = 24, 80
MSG = ROWS - 2

ZH = dict(home=re.compile("我的工作"), library="XMK", lib_title="项目库", prompt="导入",
          preview="预览", import_title="导入", to_add="待新增 2 条", rejected_n="不能导入 3 条",
          rejected="不能导入", added="已新增 2 条", why="金额", bad_district="火星区",
          other="朝阳", in_file="不能导入的行及原因", nothing="待新增 0 条", no_file=re.compile("没有那个文件|No such file"),
          policies="政策清单", p_to_add="待新增 1 条", none_rejected="不能导入 0 条", filed_q="备案", filed="已报市局备案",
          awaits="等待市局", denied="区县只能备案本区县的政策", accept="接受", ret="退回", why_q="退回原因",
          need_reason="原因", returned="已退回", accepted="已接受")
EN = dict(home=re.compile("My work"), library="XMK", lib_title="Project library",
          prompt="Spreadsheet to import", preview="preview, nothing saved yet", import_title="Import",
          to_add="2 to add", rejected_n="3 rejected", rejected="rejected", added="2 added",
          why="not an amount", bad_district="火星区", other="Chaoyang", in_file="rejected rows",
          nothing="0 to add", no_file="No such file", policies="Policies", p_to_add="1 to add",
          none_rejected="0 rejected",
          filed_q="File", filed="Filed with the city office", awaits="awaits the city office",
          denied="its own policies only", accept="Accept", ret="Return", why_q="Why it is returned",
          need_reason="reason", returned="Returned", accepted="Accepted")

SETUPS = [
    dict(name="zh_CN.UTF-8", lang="zh_CN.UTF-8", args=[], L=ZH, enc="gb18030", bom=False,
         sheet="海淀清单.csv", a="海淀䶮𠀀新材料项目", b="海淀恒通储能项目",
         policy="海淀区集成电路专项扶持办法", policy2="海淀区人才安居办法"),
    dict(name="en_US.UTF-8 --lang en", lang="en_US.UTF-8", args=["--lang", "en"], L=EN,
         enc="utf-8", bom=True, sheet="haidian list.csv", a="Haidian new materials project",
         b="Haidian energy storage project", policy="Haidian IC support measures",
         policy2="Haidian talent housing measures"),
]


class Abort(Exception):
    """A step the rest of the walk depends on failed."""


def must(ok):
    if not ok:
        raise Abort()


def write_sheet(path, rows, enc, bom):
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode(enc))


def start(sb, S, who=None):
    pre = ["--as", who] if who else []
    return start_desk(sb, pre + S["args"], S["lang"], ROWS, COLS, home=S["L"]["home"],
                      XDG_STATE_HOME=state_dir(sb))


def ask_import(d, L, path):
    """Esc i, the path (what the prompt kept is cleared first), Enter."""
    d.key("Esc-i")
    d.wait_for(L["prompt"], 3, row=MSG)
    d.key("C-u")
    d.type(path)
    d.key("Enter")
    d.settle(0.3, 8)


def projects(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    sheet = os.path.join(sb.home, S["sheet"])
    write_sheet(sheet, [
        ["2026年海淀区招商引资项目清单", "", "", "", ""],
        ["序号", "项目名称", "企业名称", "行业", "总投资（万元）", "区县"],
        ["1", S["a"], S["a"] + "公司", "新材料", "1.2亿", "海淀区"],
        ["2", S["b"], S["b"] + "公司", "新材料", "3,000万", "海淀区"],
        ["3", S["b"] + "二期", S["b"] + "二期公司", "新材料", "很多", "海淀区"],
        ["4", S["b"] + "三期", S["b"] + "三期公司", "新材料", "800", "火星区"],
        ["5", S["b"] + "四期", S["b"] + "四期公司", "新材料", "800", "朝阳区"],
    ], S["enc"], S["bom"])
    d = start(sb, S, "hd")
    try:
        jump(d, L["library"])
        must(check_screen(tap, d, L["lib_title"], tag + "the project library", row=0))
        ask_import(d, L, "~/does-not-exist.csv")
        check_screen(tap, d, L["no_file"], tag + "a file that is not there: said on the message line",
                     row=MSG)
        ask_import(d, L, "~/" + S["sheet"])
        must(check_screen(tap, d, L["import_title"], tag + "Esc i and a path open the import",
                          row=0))
        check_screen(tap, d, L["preview"], tag + "a preview: nothing saved yet", row=1)
        check(tap, d, L["to_add"] in d.row(2) and L["rejected_n"] in d.row(2),
              tag + "it counts 2 rows to add and 3 rejected", d.row(2))
        check(tap, d, L["rejected"] in d.row(4) and L["why"] in d.text(),
              tag + "the rejected rows come first, with why (not an amount)")
        d.key("Down")
        d.settle()
        check(tap, d, L["bad_district"] in d.row(ROWS - 5) + d.row(ROWS - 4),
              tag + "Down: the next row's whole message below, a district that does not exist")
        d.key("Down")
        d.settle()
        check(tap, d, L["other"] in d.row(ROWS - 5) + d.row(ROWS - 4),
              tag + "and the row of another district, rejected with why")
        got = [r for r in rows_of(sb, "project", "list", "--search", S["a"]) if S["a"] in r[1]]
        check(tap, d, not got, tag + "project list: nothing saved by the preview", repr(got))
        d.key("F2")
        check_screen(tap, d, L["added"], tag + "F2 imports: 2 added", row=MSG)
        check_screen(tap, d, L["in_file"], tag + "and says where the rejected rows are")
        got = [r for r in rows_of(sb, "project", "list", "--search", S["a"]) if r[1] == S["a"]]
        check(tap, d, len(got) == 1, tag + "project list: the first good row is saved", repr(got))
        if got:
            f = fields(sb, "project", "show", got[0][0])
            check(tap, d, f.get("investment", "").replace(",", "").startswith("12000")
                  and f.get("district") == "Haidian",
                  tag + "project show: 1.2亿 is 12000万, in Haidian", repr(f))
        got = [r for r in rows_of(sb, "project", "list", "--search", S["b"]) if r[1] == S["b"]]
        check(tap, d, len(got) == 1, tag + "project list: the second good row is saved", repr(got))
        rej = os.path.splitext(sheet)[0] + "-rejected.csv"
        try:
            raw = open(rej, "rb").read()
            if S["bom"]:
                ok_bom = raw.startswith(b"\xef\xbb\xbf")
                raw = raw[3:]
            else:
                ok_bom = not raw.startswith(b"\xef\xbb\xbf")
            back = list(csv.reader(io.StringIO(raw.decode(S["enc"]), newline="")))
        except (OSError, UnicodeDecodeError) as e:
            back, ok_bom = [["%s" % e]], False
        bad = [r for r in back[1:] if r]
        check(tap, d, ok_bom and len(bad) == 3 and all(r[-1] for r in bad)
              and {r[1] for r in bad} == {S["b"] + "二期", S["b"] + "三期", S["b"] + "四期"},
              tag + "the rejected file, in the sheet's encoding: the 3 rows, each with a reason",
              repr(back))
        d.key("F2")
        check_screen(tap, d, re.compile("已经导入|Imported already"), tag + "F2 again imports nothing more",
                     row=MSG)
        d.key("Esc")
        must(check_screen(tap, d, L["lib_title"], tag + "Esc goes back to the library", row=0))
        ask_import(d, L, "~/" + S["sheet"])
        check_screen(tap, d, L["nothing"], tag + "the same sheet again: no row to add", row=2)
        d.key("Esc")
        d.settle()
        n = len([r for r in rows_of(sb, "project", "list", "--search", S["b"]) if r[1] == S["b"]])
        check(tap, d, n == 1, tag + "project list: still one of each (%d)" % n)
    except Abort:
        tap.diag("the import walk stopped early")
    quit_desk(d)


def select(d, text):
    """Types text into a library's search box: the row it finds is selected."""
    d.key("C-u")
    d.type(text)
    d.settle(0.3)


def policies(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    cli(sb, "--as", "hd", "policy", "add", "--name", S["policy"], "--level", "county")
    sheet = os.path.join(sb.home, "policies-" + S["sheet"])
    write_sheet(sheet, [["政策名称", "政策层级", "区县"], [S["policy2"], "区县级", "海淀区"]],
                S["enc"], S["bom"])
    d = start(sb, S, "hd")
    try:
        jump(d, L["policies"])
        must(check_screen(tap, d, L["policies"], tag + "the policy list", row=0))
        ask_import(d, L, sheet)
        check_screen(tap, d, L["p_to_add"], tag + "Esc i on the policies: 1 to add", row=2)
        d.key("F2")
        d.settle()
        got = [r for r in rows_of(sb, "policy", "list") if r[1] == S["policy2"]]
        check(tap, d, len(got) == 1, tag + "policy list: the imported policy", repr(got))
        d.key("Esc")
        d.settle()
        # A workbook zsdesk wrote comes back as it went: nothing to add.
        book = os.path.join(sb.home, "policies.xlsx")
        cli(sb, "--as", "hd", "--format", "xlsx", "export", "policies", "--output", book)
        ask_import(d, L, book)
        check(tap, d, L["nothing"] in d.row(2) and L["none_rejected"] in d.row(2),
              tag + "Esc i on an XLSX the export wrote: no row to add, none rejected", d.row(2))
        d.key("Esc")
        d.settle()
        select(d, S["policy"])
        d.key("Esc-a")
        must(check_screen(tap, d, L["filed_q"], tag + "Esc a asks before filing", row=MSG))
        d.type("y")
        check_screen(tap, d, L["filed"], tag + "filed with the city office", row=MSG)
        pid = [r for r in rows_of(sb, "policy", "list") if r[1] == S["policy"]][0][0]
        check(tap, d, fields(sb, "policy", "show", pid).get("filing") == "Filed, awaiting the city",
              tag + "policy show: filed, awaiting the city")
        d.key("Esc-a")
        check_screen(tap, d, L["awaits"], tag + "Esc a again: it awaits the city office", row=MSG)
    except Abort:
        tap.diag("the policy walk stopped early")
    quit_desk(d)

    d = start(sb, S, "cy")
    try:
        jump(d, L["policies"])
        must(check_screen(tap, d, L["policies"], tag + "Chaoyang's policy list", row=0))
        # Haidian's policy not yet filed: Chaoyang may not file it.
        select(d, S["policy2"])
        must(check(tap, d, S["policy2"][:6] in d.text(), tag + "Chaoyang finds Haidian's other policy"))
        d.key("Esc-a")
        must(check_screen(tap, d, L["filed_q"], tag + "Esc a asks", row=MSG))
        d.type("y")
        check_screen(tap, d, L["denied"], tag + "Chaoyang may not file Haidian's policy", row=MSG)
        p2 = [r for r in rows_of(sb, "policy", "list") if r[1] == S["policy2"]][0][0]
        check(tap, d, fields(sb, "policy", "show", p2).get("filing", "") == "",
              tag + "policy show: not filed")
    except Abort:
        tap.diag("the Chaoyang walk stopped early")
    quit_desk(d)

    d = start(sb, S)
    try:
        jump(d, L["policies"])
        must(check_screen(tap, d, L["policies"], tag + "the city office's policy list", row=0))
        select(d, S["policy"])
        d.key("Esc-a")
        choose(d, L["ret"])
        must(check_screen(tap, d, L["why_q"], tag + "returning asks why", row=MSG))
        d.key("Enter")
        check_screen(tap, d, L["need_reason"], tag + "a return without a reason is refused",
                     row=MSG)
        check(tap, d, fields(sb, "policy", "show", pid).get("filing") == "Filed, awaiting the city",
              tag + "policy show: still filed")
        d.key("Esc-a")
        choose(d, L["ret"])
        d.wait_for(L["why_q"], 3, row=MSG)
        d.type("与市级政策重复")
        d.key("Enter")
        check_screen(tap, d, L["returned"], tag + "returned with the reason", row=MSG)
        f = fields(sb, "policy", "show", pid)
        check(tap, d, f.get("filing") == "Returned" and "与市级政策重复" in f.get("answer", ""),
              tag + "policy show: returned, with the reason", repr(f))
        cli(sb, "--as", "hd", "policy", "file", pid)
        d.key("F5")
        d.settle()
        d.key("Esc-a")
        choose(d, L["accept"])
        d.wait_for(re.compile("说明|note"), 3, row=MSG)
        d.key("Enter")
        check_screen(tap, d, L["accepted"], tag + "accepted", row=MSG)
        check(tap, d, fields(sb, "policy", "show", pid).get("filing") == "Accepted",
              tag + "policy show: accepted")
    except Abort:
        tap.diag("the city office's walk stopped early")
    quit_desk(d)


def main():
    tap = Tap(deadline=300)
    sb = Sandbox(projects=50)
    cli(sb, "officer", "add", "--login", "hd", "--name", "海淀甲", "--role", "desk",
        "--district", "haidian")
    cli(sb, "officer", "add", "--login", "cy", "--name", "朝阳甲", "--role", "desk",
        "--district", "chaoyang")
    for S in SETUPS:
        projects(tap, sb, S)
        policies(tap, sb, S)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
