#!/usr/bin/env python3
"""reports.py - the city office's numbers on the desk (报表, BB).

On a demo city of 3000 projects (24 months of stages, money and targets),
at 80x24, in zh_CN.UTF-8, zh_CN.GB18030 through luit and en_US.UTF-8
(--lang en), and on a vt100:

 1. the jump box (Ctrl-G, BB) opens the reports: the monthly bulletin in
    charts - a bar per district, the stage funnel, a sparkline - drawn in
    braille on UTF-8 and in ASCII on GB18030 and vt100, never with block
    elements (ambiguous width in Chinese locales);
 2. the completion beside each district's bar is the one `zsdesk report
    bulletin --format json` gives;
 3. Tab shows the plain table; its numbers are the command line's; Right
    moves across the columns;
 4. F12 chooses another report (the rates): the registration rates are
    the command line's;
 5. F11 goes to the quarter, Ctrl-PgUp (on a vt100: [) to the quarter
    before: the title says which, and the numbers are the command line's
    for it; A shows it as of today, the corrections made since listed, and
    A again as its end saw it; Ctrl-PgDn (or ]) comes back.
 7. F2 writes the report shown to a file, the name offered being the
    report's and the period's (bulletin-2026-11.xlsx): ~/NAME.xlsx is an
    XLSX whose sheet holds the command line's cells and whose second sheet
    its notes (read back with openpyxl); NAME.csv on the GB18030 desk is
    CSV in GB18030, NAME.tsv on the English one TSV, both the command
    line's cells; a name of another kind is refused on the message line,
    and an existing file is written over only when the officer says so.
 8. on a signed project's page, F7 and the plans step: the contract's
    investment and the days it promises (合同约定投资额, 约定资金到位日期,
    约定开工日期) are typed and saved with F2; `project show` has them.
 6. on a project's page, Enter, 资金登记 / Record money, the measure, the
    amount, the day (today, as offered) and the source record an entry of
    the money ledger: the message line says so, and `project show` has it;
    an amount that is not one is refused on the message line.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ZSDESK, Desk, Sandbox, Tap, check, check_screen, find_label,  # noqa: E402
                     goto_field, open_project)

ROWS, COLS = 24, 80
BLOCKS = re.compile("[\u2580-\u259f]")
BRAILLE = re.compile("[\u2800-\u28ff]")

ZH = dict(home="我的工作", title="报表", bulletin="月通报", table="[表格]", charts="[图表]",
          rates="履约率", reserve="储备", q="季度", cli_lang="zh", money="资金登记", funds="到位资金",
          amount="金额", recorded="已登记", source="来源", bad="不是金额", asof="截至",
          corrected="更正", key="重点项目")
EN = dict(home="My work", title="Reports", bulletin="Monthly bulletin", table="[table]",
          charts="[charts]", rates="Rates", reserve="Reserve", q="quarter", cli_lang="en",
          money="Record money", funds="Funds in place", amount="Amount", recorded="Recorded",
          source="Source", bad="not an amount", asof="as of", corrected="Corrected on", key="Key projects")

SETUPS = [
    dict(name="zh_CN.UTF-8", lang="zh_CN.UTF-8", args=[], luit=None, term="xterm-256color", L=ZH,
         braille=True),
    dict(name="zh_CN.GB18030 via luit", lang="zh_CN.GB18030", args=[], luit="GB18030",
         term="xterm-256color", L=ZH, braille=False),
    dict(name="en_US.UTF-8 --lang en", lang="en_US.UTF-8", args=["--lang", "en"], luit=None,
         term="xterm-256color", L=EN, braille=True),
    dict(name="vt100, en_US.UTF-8", lang="en_US.UTF-8", args=["--lang", "en"], luit=None,
         term="vt100", L=EN, braille=False),
]


def report(sb, lang, *args):
    """zsdesk report ... --format json, in the desk's language."""
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", lang, "--format", "json", "report"]
                       + list(args), env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    return json.loads(r.stdout.decode("utf-8"))


def row_of(d, name):
    """The screen row whose text begins (after a space) with name, or ""."""
    for r in range(ROWS):
        t = d.row(r)
        if t.startswith(" " + name):
            return t
    return ""


def walk(tap, sb, s):
    L = s["L"]
    tag = s["name"]
    env = sb.env(lang=s["lang"], term=s["term"])
    d = Desk(["--db", sb.db] + s["args"], env, ROWS, COLS, luit=s["luit"])
    if not check_screen(tap, d, L["home"], "%s: the desk starts" % tag, timeout=8):
        d.close()
        return
    d.settle()
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type("BB")
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["bulletin"], "%s: BB opens the monthly bulletin" % tag)
    check(tap, d, L["title"] in d.row(0), "%s: the title says %s" % (tag, L["title"]))
    text = d.text()
    check(tap, d, not BLOCKS.search(text), "%s: no block elements on the screen" % tag)
    if s["braille"]:
        check(tap, d, BRAILLE.search(text) is not None, "%s: bars and sparkline in braille" % tag)
    else:
        check(tap, d, not BRAILLE.search(text) and "##" in text, "%s: bars in ASCII" % tag)
    rows = report(sb, L["cli_lang"], "bulletin")
    first = rows[0]
    line = row_of(d, first["district"][:4])
    check(tap, d, line.rstrip().endswith(first["domestic_rate"]),
          "%s: %s's completion is the command line's (%s)" % (tag, first["district"],
                                                              first["domestic_rate"]),
          "row: %r" % line)

    d.key("Tab")
    check_screen(tap, d, L["table"], "%s: Tab shows the plain table" % tag)
    check(tap, d, L["reserve"] in d.text(), "%s: with its column heads" % tag)
    line = row_of(d, first["district"][:4])
    cells = line.split()
    check(tap, d, len(cells) > 6 and cells[1:6] == [first[k] for k in
                                                   ("lead", "talks", "signed", "registered",
                                                    "funded")],
          "%s: the stage counts are the command line's" % tag, "row: %r" % line)
    d.key("Right")
    d.key("Right")
    d.settle()
    line = row_of(d, first["district"][:4])
    check(tap, d, line.split()[-1] == first["production"] or first["production"] in line.split(),
          "%s: Right moves across the columns" % tag, "row: %r" % line)

    d.key("F12")
    d.settle()
    d.type(L["rates"][:2])
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["rates"], "%s: F12 chooses the rates" % tag)
    rates = report(sb, L["cli_lang"], "rates")
    line = row_of(d, rates[0]["district"][:4])
    check(tap, d, rates[0]["registration_rate"] in line,
          "%s: the registration rate is the command line's (%s)"
          % (tag, rates[0]["registration_rate"]), "row: %r" % line)

    d.key("F11")
    check_screen(tap, d, "2026-Q4", "%s: F11 goes to the quarter" % tag)
    if s["term"] == "vt100":
        d.type("[")  # no Ctrl-PgUp on a vt100
    else:
        d.key("C-PgUp")
    check_screen(tap, d, "2026-Q3", "%s: Ctrl-PgUp (or [) to the quarter before" % tag)
    q3 = report(sb, L["cli_lang"], "rates", "--quarter", "2026-Q3")
    line = row_of(d, q3[0]["district"][:4])
    check(tap, d, q3[0]["registration_rate"] in line,
          "%s: Q3's numbers are the command line's for Q3" % tag, "row: %r" % line)
    d.type("A")
    check_screen(tap, d, L["asof"] + " 2026-11-22", "%s: A shows Q3 as of today" % tag)
    d.key("End")
    check_screen(tap, d, L["corrected"], "%s: with the corrections made since listed" % tag)
    d.key("Home")
    d.type("A")
    check_screen(tap, d, L["asof"] + " 2026-09-30", "%s: A again: as Q3's end saw it" % tag)
    d.key("C-PgDn") if s["term"] != "vt100" else d.type("]")
    check_screen(tap, d, "2026-Q4", "%s: Ctrl-PgDn (or ]) back to Q4" % tag)
    d.key("F12")
    d.settle()
    d.type(L["key"])
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["key"], "%s: F12 reaches the last report too (key projects)" % tag)
    d.key("Esc")
    check_screen(tap, d, L["home"], "%s: Esc goes back" % tag)
    d.key("C-q")
    if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()


def cli_rows(sb, lang, *args):
    """zsdesk report ... --format tsv: its rows of cells, header first."""
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", lang, "--format", "tsv", "report"]
                       + list(args), env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    return [line.split("\t") for line in r.stdout.decode("utf-8").splitlines()]


EXPORT = dict(zh=dict(prompt="写入文件", written="已写入", refused="应为 .xlsx"),
              en=dict(prompt="Write the report to the file", written="rows written to",
                      refused="name the file .xlsx"))


def export(tap, sb, s, ext, encoding):
    """F2 on the Reports screen writes the bulletin to ~/<tag>.<ext>."""
    L = s["L"]
    tag = s["name"]
    E = EXPORT[L["cli_lang"]]
    d = Desk(["--db", sb.db] + s["args"], sb.env(lang=s["lang"], term=s["term"]), ROWS, COLS,
             luit=s["luit"])
    if not check_screen(tap, d, L["home"], "%s: the desk starts" % tag, timeout=8):
        d.close()
        return
    d.settle()
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type("BB")
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["bulletin"], "%s: BB opens the monthly bulletin" % tag)
    d.key("F2")
    check_screen(tap, d, "bulletin-2026-11.xlsx",
                 "%s: F2 offers the report's and the period's name" % tag)
    d.key("C-u")
    d.type("~/bulletin.doc")
    d.key("Enter")
    check_screen(tap, d, E["refused"], "%s: a name of another kind is refused" % tag)
    name = "export-%s.%s" % (L["cli_lang"] + ("-gb" if s["luit"] else ""), ext)
    path = os.path.join(sb.home, name)
    for again in (False, True):
        d.key("F2")
        d.wait_for(E["prompt"])
        d.key("C-u")
        d.type("~/" + name)
        d.key("Enter")
        if again:
            check_screen(tap, d, re.compile(r"[(（]y/n[)）]"), "%s: asks before writing over" % tag)
            d.type("y")
        check_screen(tap, d, E["written"], "%s: the message line says it is written" % tag)
    want = cli_rows(sb, L["cli_lang"], "bulletin")
    if ext == "xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(path)
        got = [[c.value for c in r] for r in wb["bulletin"].iter_rows(min_row=2)]
        same = len(got) == len(want) - 1 and all(
            (w or None) == (h if h is None or isinstance(h, str) else str(h))
            for wr, hr in zip(want[1:], got) for w, h in zip(wr, hr))
        check(tap, d, wb.sheetnames == ["bulletin", "notes"] and same,
              "%s: the XLSX holds the command line's cells, its notes on a sheet" % tag,
              "sheets %r, %d rows of %d" % (wb.sheetnames, len(got), len(want) - 1))
    else:
        import csv
        with open(path, encoding=encoding, newline="") as f:
            got = list(csv.reader(f, delimiter="," if ext == "csv" else "\t"))
        check(tap, d, got == want, "%s: the %s in %s holds the command line's cells"
              % (tag, ext.upper(), encoding), "%d rows of %d" % (len(got), len(want)))
    d.key("Esc")
    d.key("C-q")
    if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()


CONTRACT = dict(zh=dict(inv="合同约定投资额", by="约定资金到位日期", start="约定开工日期",
                       saved="已保存", amount="12,000万元"),
                en=dict(inv="Contract investment", by="Contract funds by", start="Contract start",
                        saved="Saved", amount="12,000万元"))


def show(sb, pid):
    r = subprocess.run([ZSDESK, "--db", sb.db, "--format", "tsv", "project", "show", pid],
                       env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    return {f[0]: f[-1] for f in (line.split("\t") for line in r.stdout.decode().splitlines())}


def contract(tap, sb, s, pid, by, start):
    """F7 on a signed project: the contract's investment and days, F2."""
    L = s["L"]
    C = CONTRACT[L["cli_lang"]]
    tag = s["name"]
    d = Desk(["--db", sb.db] + s["args"], sb.env(lang=s["lang"], term=s["term"]), ROWS, COLS,
             luit=s["luit"])
    if not check_screen(tap, d, L["home"], "%s: the desk starts" % tag, timeout=8):
        d.close()
        return
    d.settle()
    check(tap, d, open_project(d, pid), "%s: project %s opens" % (tag, pid))
    d.key("F7")
    d.settle()
    for _ in range(6):
        if find_label(d, C["inv"]):
            break
        d.key("PgDn")
        d.settle()
    ok = True
    for label, text in ((C["inv"], "1.2亿"), (C["by"], by), (C["start"], start)):
        ok = ok and goto_field(d, label)
        if ok:
            d.key("C-u")
            d.type(text)
    check(tap, d, ok, "%s: the plans step has the contract's fields" % tag)
    d.key("F2")
    check_screen(tap, d, C["saved"], "%s: F2 saves the contract" % tag)
    p = show(sb, pid)
    check(tap, d, (p.get("contract_investment"), p.get("contract_funds_by"),
                   p.get("contract_start")) == (C["amount"], by, start),
          "%s: project show has the contract" % tag, repr(p))
    d.key("C-q")
    if d.wait_for(re.compile(r"[(（]y/n[)）]"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()


def signed_project(sb):
    """The number of a signed project of the demo city."""
    r = subprocess.run([ZSDESK, "--db", sb.db, "--format", "tsv", "project", "list", "--stage",
                        "signed", "--limit", "1"], env=sb.env(lang="C.UTF-8"),
                       capture_output=True, timeout=30)
    return r.stdout.decode().splitlines()[1].split("\t")[0]


def money_entries(sb, pid):
    r = subprocess.run([ZSDESK, "--db", sb.db, "--format", "tsv", "project", "show", pid],
                       env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    for line in r.stdout.decode().splitlines():
        f = line.split("\t")
        if f[0] == "money":
            return f[-1]
    return ""


def money(tap, sb, s, pid, amount):
    """Records funds in place on project pid through its page."""
    L = s["L"]
    tag = s["name"]
    d = Desk(["--db", sb.db] + s["args"], sb.env(lang=s["lang"], term=s["term"]), ROWS, COLS,
             luit=s["luit"])
    if not check_screen(tap, d, L["home"], "%s: the desk starts" % tag, timeout=8):
        d.close()
        return
    d.settle()
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type(pid)
    d.settle()
    d.key("Enter")
    d.settle()
    d.key("Enter")
    d.settle()
    d.type(L["money"])
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["funds"], "%s: Record money offers the measures" % tag)
    d.type(L["funds"][:2])
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["amount"], "%s: it asks the amount" % tag)
    d.type("12x")
    d.key("Enter")
    check_screen(tap, d, L["bad"], "%s: an amount that is not one is refused" % tag)
    d.key("Enter")
    d.settle()
    d.type(L["money"])
    d.settle()
    d.key("Enter")
    d.settle()
    d.type(L["funds"][:2])
    d.settle()
    d.key("Enter")
    d.settle()
    d.key("C-u")
    d.type(amount)
    d.key("Enter")
    d.settle()
    d.key("Enter")  # the day offered: today
    check_screen(tap, d, L["source"], "%s: then the day and the source" % tag)
    d.type("银行进账单")
    d.key("Enter")
    check_screen(tap, d, L["recorded"], "%s: the message line says it is recorded" % tag)
    want = "2026-11-22|funds|%d0000|" % int(amount)
    check(tap, d, want in money_entries(sb, pid),
          "%s: project show has the entry (%s)" % (tag, want), money_entries(sb, pid))
    d.key("C-q")
    if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()


def main():
    tap = Tap(deadline=300)
    sb = Sandbox(projects=3000)
    for s in SETUPS:
        walk(tap, sb, s)
    export(tap, sb, SETUPS[0], "xlsx", None)
    export(tap, sb, SETUPS[1], "csv", "gb18030")
    export(tap, sb, SETUPS[2], "tsv", "utf-8")
    pid = signed_project(sb)
    contract(tap, sb, SETUPS[0], pid, "2027-03-31", "2027-01-15")
    contract(tap, sb, SETUPS[2], pid, "2027-04-30", "2027-02-15")
    money(tap, sb, SETUPS[0], pid, "321")
    money(tap, sb, SETUPS[2], pid, "654")
    sb.cleanup()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
