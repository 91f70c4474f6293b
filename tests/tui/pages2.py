#!/usr/bin/env python3
"""pages2.py - what a new officer reads: the jump box, the home menu, the
libraries' submenu, the ledgers of a project page and a credit code's mark.

Drives the real desk in a pty at 80x24 (and 60x20 for the home menu), in
zh_CN.UTF-8 and in en_US.UTF-8 with --lang en, and checks what it shows
against the command line (`zsdesk --db DIR --format tsv ...`):

 * the home menu fits 80x24 with its 资源库 (ZYK) entry; at 60x20 its last
   row says more entries are below;
 * ZYK opens the libraries' submenu; 推介活动库 chosen from it lists every
   event `event list` has;
 * the jump box finds forms by their own codes (MBLR, GJLR, HDLR, ZJJG),
   screens without a code by the pinyin initials of the whole name
   (tjhdk, mbqyqd), and English only at the start of a word ("mb" does
   not find "ambassador", "amb" does);
 * a project page reads its credit ledger as a date, a district and what
   happened (no stored "date|id|first|-1"), its money ledger in date order
   with amounts of 1亿 and more in 亿;
 * an enterprise page marks a credit code whose check character is wrong
   (set through `enterprise edit`), naming the right one;
 * reports (BB): ] at the current month stays there and says so; the
   bulletin's table shows `report bulletin`'s year-to-date capital in
   groups of three; Enter on a row of 以清促用清单 opens that project (the
   first id of `report clearing`).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, cli, fields, jump, quit_desk,  # noqa: E402
                     rows_of, run_tests, start_desk, state_dir)

ROWS, COLS = 24, 80

ZH = dict(lang="zh_CN.UTF-8", args=[], home=re.compile("我的工作"), libs="资源库：",
          bulletin="月通报", current="已是当前期间", clearing="以清促用清单", table="[表格]",
          events="推介活动库", targets="目标企业清单", agencies="中介与招商大使",
          new_target="目标企业录入", new_followup="跟进录入", new_event="推介活动录入",
          new_agency="中介录入", more="下面还有", credit="赋分记录", first="首谈",
          money="资金台账", check="校验位应为", nothing="没有匹配项", mb="mb", amb=None)
EN = dict(lang="en_US.UTF-8", args=["--lang", "en"], home=re.compile("My work"),
          bulletin="Monthly bulletin", current="This is the current period",
          clearing="Clearing list", table="[table]",
          libs="Libraries:", events="Promotion events", targets="Target enterprises",
          agencies="Intermediaries and ambassadors", new_target="New target enterprise",
          new_followup="New follow-up", new_event="New promotion event",
          new_agency="New intermediary or ambassador", more="more below",
          credit="Credit ledger", first="first talk", money="Money ledger",
          check="check character should be", nothing="Nothing matches", mb="mb", amb="amb")


def start(sb, L, rows=ROWS, cols=COLS):
    return start_desk(sb, L["args"], L["lang"], rows, cols, home=L["home"],
                      XDG_STATE_HOME=state_dir(sb))


def box_rows(d):
    """The text of the jump box's rows (inside its frame)."""
    out = []
    for r in range(4, d.screen.lines - 2):
        m = re.search(r"│(.*)│", d.row(r))
        if m and m.group(1).strip():
            out.append(m.group(1).strip())
    return out


def typed(d, text):
    """Ctrl-G, text: the entries the jump box offers."""
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type(text)
    d.settle(0.3)
    got = box_rows(d)
    d.key("Esc")
    d.settle(0.3)
    return got


def home_menu(tap, sb, L, tag):
    d = start(sb, L)
    check(tap, d, d.find("ZYK") is not None and d.find("BZ") is not None,
          tag + "the home menu shows every entry at 80x24, 资源库 ZYK the last")
    check(tap, d, d.find(L["more"]) is None, tag + "nothing below to announce at 80x24")
    d.resize(20, 60)
    check_screen(tap, d, L["more"], tag + "at 60x20 the menu's last row says more is below")
    d.key("End")
    check_screen(tap, d, "ZYK", tag + "End scrolls to the last entry")
    d.resize(ROWS, COLS)
    d.settle(0.3)
    # ZYK: the libraries' submenu, and the events from it.
    d.key("End")
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["libs"], tag + "Enter on 资源库 opens the libraries' submenu")
    libs = box_rows(d)
    check(tap, d, len(libs) == 7 and any(L["events"] in r for r in libs),
          tag + "the submenu lists the seven libraries", repr(libs))
    d.type("tjhdk")
    d.settle(0.3)
    d.key("Enter")
    check_screen(tap, d, L["events"], tag + "推介活动库 opens from the submenu", row=0)
    n = len(rows_of(sb, "event", "list"))
    check_screen(tap, d, re.compile(r"1/%d\b" % n), tag + "it lists the %d events of `event list`" % n,
                 row=1)
    quit_desk(d)


def jump_box(tap, sb, L, tag):
    d = start(sb, L)
    for code, title in (("MBLR", L["new_target"]), ("GJLR", L["new_followup"]),
                        ("HDLR", L["new_event"]), ("ZJJG", L["new_agency"]), ("mblr", L["new_target"])):
        got = typed(d, code)
        check(tap, d, any(r.startswith(code.upper()) and title in r for r in got),
              tag + "the jump box finds %s by its form's code %s" % (title, code), repr(got))
    for initials, title in (("tjhdk", L["events"]), ("mbqyqd", L["targets"])):
        got = typed(d, initials)
        check(tap, d, any(title in r for r in got),
              tag + "pinyin initials %s find %s" % (initials, title), repr(got))
    got = typed(d, L["mb"])
    check(tap, d, not any(L["agencies"] in r for r in got),
          tag + "'mb' does not find 中介与招商大使 inside 'ambassador'", repr(got))
    if L["amb"]:
        got = typed(d, L["amb"])
        check(tap, d, any(L["agencies"] in r for r in got),
              tag + "'amb' finds it at the start of the word", repr(got))
    # Enter on a form's code opens that form.
    jump(d, "MBLR")
    check_screen(tap, d, L["new_target"], tag + "Ctrl-G MBLR Enter opens the target form", row=0)
    d.key("Esc")
    d.settle(0.3)
    if d.find("(y/n)") or d.find("（y/n）"):
        d.key("y")
    quit_desk(d)


def page_lines(d, pid):
    """Every line of project pid's page, paging down to its end."""
    jump(d, pid)
    d.wait_for(lambda d: re.search(r"\[%s\]" % pid, d.row(1)), 5)
    lines = []
    for _ in range(8):
        d.settle(0.2)
        rows = [d.row(r) for r in range(1, d.screen.lines - 2)]
        if lines and rows == lines[-len(rows):]:
            break
        # a page may repeat the last rows of the one before
        k = max([k for k in range(0, min(len(rows), len(lines)) + 1)
                 if k == 0 or lines[-k:] == rows[:k]])
        lines += rows[k:]
        d.key("PgDn")
    return lines


_found = {}


def ledgers(sb):
    """(id, fields) of a project with a credit ledger and of one with a
    money ledger of several entries, found once."""
    if not _found:
        _found["credit"] = _found["money"] = None
        for i in range(1, 301):
            f = fields(sb, "project", "show", str(i))
            if _found["credit"] is None and "|first|" in f.get("credit_ledger", ""):
                _found["credit"] = (str(i), f)
            if _found["money"] is None and f.get("money", "").count("|") >= 15:
                _found["money"] = (str(i), f)
            if _found["credit"] and _found["money"]:
                break
    return _found["credit"], _found["money"]


def project_page(tap, sb, L, tag):
    credit, money = ledgers(sb)
    d = start(sb, L)
    if credit:
        pid, f = credit
        lines = page_lines(d, pid)
        led = [ln for ln in lines if ln.strip().startswith(L["credit"])]
        date = f["credit_ledger"].split("|")[0]
        check(tap, d, led and date in led[0] and L["first"] in led[0] and "|" not in led[0],
              tag + "project %s: the credit ledger reads '%s <district> %s'" % (pid, date, L["first"]),
              repr(led))
        check(tap, d, not any(re.search(r"\|\d{6,}\|", ln) for ln in lines),
              tag + "no stored ledger entry anywhere on the page")
        jump(d, "SY")
    else:
        tap.ok(False, tag + "a demo project with a credit ledger")
    if money:
        pid, f = money
        lines = page_lines(d, pid)
        try:
            at = next(i for i, ln in enumerate(lines) if ln.strip() == L["money"])
        except StopIteration:
            at = None
        entries = []
        for ln in lines[at + 1:] if at is not None else []:
            m = re.match(r"\s*(\d{4}-\d{2}-\d{2}) ", ln)
            if not m:
                break
            entries.append((m.group(1), ln))
        dates = [e[0] for e in entries]
        stored = sorted(x.split("|")[0] for x in f["money"].split("、") if x)
        check(tap, d, dates and dates == sorted(dates),
              tag + "project %s: the money ledger in date order" % pid, repr(dates))
        check(tap, d, len(entries) == len(stored) and dates == stored,
              tag + "every entry of `project show` is on the page", repr((dates, stored)))
        big = [x for x in f["money"].split("、") if x and int(x.split("|")[2]) >= 100000000]
        check(tap, d, not big or any("亿" in e[1] for e in entries),
              tag + "amounts of 1亿 and more in 亿", repr(entries[:3]))
    else:
        tap.ok(False, tag + "a demo project with a money ledger")
    quit_desk(d)


def credit_code(tap, sb, L, tag):
    f = fields(sb, "enterprise", "show", "1")
    good = f.get("credit_code", "")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    cli(sb, "enterprise", "edit", "1", "--credit-code", bad)
    tap.ok(fields(sb, "enterprise", "show", "1").get("credit_code") == bad,
           tag + "enterprise edit keeps a code with a wrong check character as typed")
    d = start(sb, L)
    jump(d, f["name"])
    check_screen(tap, d, L["check"], tag + "the enterprise page marks the wrong check character")
    check(tap, d, d.find(good[-1]) is not None and re.search(r"%s\s*%s" % (re.escape(L["check"]), good[-1]),
                                                            d.text()) is not None,
          tag + "and names the right one, %s" % good[-1])
    quit_desk(d)
    cli(sb, "enterprise", "edit", "1", "--credit-code", good)


def grouped(v):
    """A plain number in groups of three, as the desk shows it."""
    whole, dot, frac = v.partition(".")
    return "{:,}".format(int(whole)) + dot + frac


def reports(tap, sb, L, tag):
    d = start(sb, L)
    jump(d, "BB")
    must = check_screen(tap, d, L["bulletin"], tag + "BB opens the monthly bulletin", row=1)
    if not must:
        quit_desk(d)
        return
    d.type("]")
    check_screen(tap, d, L["current"], tag + "] at the current month says there is none after it")
    check(tap, d, "2026-11" in d.row(1) and "2026-12" not in d.row(1),
          tag + "and the bulletin stays on 2026-11")
    d.key("Tab")
    check_screen(tap, d, L["table"], tag + "Tab: the bulletin's table", row=1)
    for _ in range(9):
        d.key("Right")
    d.settle(0.5)
    rows = [r.split("\t") for r in cli(sb, "report", "bulletin").splitlines()]
    head, first = rows[0], rows[1]
    ytd = first[head.index("domestic_ytd")]
    want = grouped(ytd)
    check(tap, d, "," in want and want in d.text(),
          tag + "year-to-date domestic capital %s shown as %s" % (ytd, want))
    d.key("F12")
    d.settle()
    d.type(L["clearing"][:2] if L is ZH else "Clearing list")
    d.settle()
    d.key("Enter")
    check_screen(tap, d, L["clearing"], tag + "F12 chooses the clearing list", row=1)
    ids = [r.split("\t")[0] for r in cli(sb, "report", "clearing").splitlines()[1:]]
    d.key("Enter")
    if ids:
        check_screen(tap, d, re.compile(r"\[%s\]" % ids[0]),
                     tag + "Enter on its first row opens project %s" % ids[0], row=1)
        d.key("Esc")
        check_screen(tap, d, L["clearing"], tag + "Esc goes back to the list", row=1)
    else:
        tap.ok(False, tag + "the demo city has projects to clear")
    quit_desk(d)


def main():
    tap = Tap(deadline=300)
    sb = Sandbox(projects=300)
    for L, name in ((ZH, "zh_CN.UTF-8"), (EN, "en_US.UTF-8 --lang en")):
        tag = "[%s] " % name
        run_tests(tap, sb, [lambda t, s, L=L, tag=tag, fn=fn: fn(t, s, L, tag)
                            for fn in (home_menu, jump_box, project_page, credit_code, reports)])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
