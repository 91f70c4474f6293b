#!/usr/bin/env python3
"""bulk.py - marking projects in the library and acting on them all, and
saved filters, in a pty at 80x24.

In the library Ctrl-Y marks a row (the top line counts the marks), F9
offers the actions on the marked projects: move them to a stage, assign
a service manager, clear the marks.  Each project goes through the rules
on its own: the report lists the one refused (a 40亿 signing with no
pre-report) with its reason and the others done, and the marks stay on
the refused one.  F12 saves the search and filters under a name and
opens them again.  Every effect is checked through the command line.
In zh_CN.UTF-8 and en_US.UTF-8.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, choose, cli, fields, jump,  # noqa: E402
                     quit_desk, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2


def show(sb, pid):
    return fields(sb, "project", "show", pid)


def setup(sb):
    steps = [
        ("init", "--profile", "jiaxing", "--single-user"),
        ("officer", "add", "--login", "mgr", "--name", "管一", "--role", "manager", "--district", "nanhu"),
        ("enterprise", "add", "--name", "嘉兴华芯半导体有限公司"),
        ("enterprise", "add", "--name", "嘉兴博远新材料有限公司"),
        ("project", "add", "--name", "华芯一期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "5亿", "--district", "nanhu", "--stage", "talks"),
        ("project", "add", "--name", "华芯二期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "40亿", "--district", "nanhu", "--stage", "talks"),
        ("project", "add", "--name", "博远一期", "--enterprise", "2", "--industry", "新材料",
         "--investment", "3亿", "--district", "nanhu", "--stage", "talks"),
        ("project", "add", "--name", "博远二期", "--enterprise", "2", "--industry", "新材料",
         "--investment", "2亿", "--district", "nanhu", "--stage", "talks"),
    ]
    for s in steps:
        out = cli(sb, *s)
        if "zsdesk:" in out and "warning" not in out:
            raise RuntimeError("%s: %s" % (" ".join(s), out))


def start(sb, lang):
    return start_desk(sb, lang=lang, rows=ROWS, cols=COLS)


def row_of(d, name):
    for r in range(3, MSG):
        if name in d.row(r):
            return r
    return None


def library(d, search):
    jump(d, "XMK")
    d.wait_for(re.compile("搜索|Search"))
    d.type(search)
    d.settle()


def test_bulk_stage(tap, sb, lang, words):
    action, stage, reason_q, marked = words
    d = start(sb, lang)
    library(d, "华芯")
    check_screen(tap, d, "华芯二期", "%s: the library finds 华芯一期 and 华芯二期" % lang)
    d.key("Insert")
    d.settle()
    d.key("Insert")
    check_screen(tap, d, marked % 2, "%s: Ctrl-Y marks two rows; the top line counts them" % lang, row=1)
    check(tap, d, all(re.match(r"^\*", d.row(row_of(d, n) or 0)) for n in ("华芯一期", "华芯二期")),
          "%s: both rows show the mark" % lang)
    d.key("F9")
    choose(d, action)
    choose(d, stage)
    check_screen(tap, d, reason_q, "%s: one reason is asked for all" % lang, row=MSG)
    d.type("集中签约活动")
    d.key("Enter")
    check_screen(tap, d, re.compile(r"已标记的 2 个项目中 1 个已办理，1 个保持原样|1 of 2 marked projects done; 1 left"),
                 "%s: the message counts done and left" % lang, row=MSG)
    check_screen(tap, d, re.compile(r"2  华芯二期  .*(预报|pre-report)"),
                 "%s: the report names the refused project and why" % lang)
    check(tap, d, re.search(r"1  华芯一期  (已办理|done)", d.text()), "%s: and the one done" % lang)
    d.key("Esc")
    check_screen(tap, d, marked % 1, "%s: the mark stays on the refused one" % lang, row=1)
    quit_desk(d)
    p1, p2 = show(sb, "1"), show(sb, "2")
    tap.ok(p1.get("stage") == "Signed", "%s: project 1 is Signed" % lang, repr(p1))
    tap.ok(p2.get("stage") == "Negotiating", "%s: project 2 is as it was" % lang, repr(p2))
    tap.ok("集中签约活动" in cli(sb, "project", "history", "1"), "%s: the reason is in 1's history" % lang)


def test_bulk_assign(tap, sb, lang, words):
    action, marked = words
    d = start(sb, lang)
    library(d, "博远")
    check_screen(tap, d, "博远二期", "%s: the library finds 博远一期 and 博远二期" % lang)
    d.key("Esc-m")
    d.settle()
    d.send(b"\x1bm")  # Esc m: the fallback of Ctrl-Y
    check_screen(tap, d, marked % 2, "%s: Ctrl-Y and Esc m mark two rows" % lang, row=1)
    d.key("F9")
    choose(d, action)
    choose(d, "管一")
    d.wait_for(re.compile("原因|Reason"), 3, row=MSG)
    d.type("统一配备管家")
    d.key("Enter")
    check_screen(tap, d, re.compile(r"2 of 2 marked projects done; 0 left"), "%s: both are done" % lang,
                 row=MSG)
    d.key("Esc")
    quit_desk(d)
    for pid in ("3", "4"):
        p = show(sb, pid)
        tap.ok(p.get("manager") == "管一", "%s: project %s has 管一 as its manager" % (lang, pid), repr(p))


def test_saved_filter(tap, sb, lang, words):
    save, saved, name_q, fname = words
    d = start(sb, lang)
    library(d, "博远")
    d.key("F11")  # oldest first
    d.settle()
    d.key("F12")
    choose(d, save)
    check_screen(tap, d, name_q, "%s: F12, %s asks the name" % (lang, save), row=MSG)
    d.type(fname)
    d.key("Enter")
    # the message, not the prompt that still shows the name typed
    check_screen(tap, d, re.compile("(已保存为|saved as) " + re.escape(fname)), "%s: the filters are saved" % lang, row=MSG)
    tap.ok(fname in cli(sb, "filter", "list"), "%s: filter list names %s" % (lang, fname))
    d.key("Esc")  # empties the search box
    d.settle()
    check_screen(tap, d, "华芯", "%s: the search is cleared" % lang)
    d.key("F12")
    choose(d, saved)
    choose(d, fname)
    check_screen(tap, d, lambda d: "博远" in d.row(1) and "华芯" not in d.text(),
                 "%s: opening %s brings its search back" % (lang, fname))
    check(tap, d, re.search(r"(oldest first|最早在前)", d.row(1)), "%s: and its order" % lang)
    quit_desk(d)
    rows = cli(sb, "project", "list", "--saved", fname).splitlines()[1:]
    tap.ok(sorted(r.split("\t")[1] for r in rows) == ["博远一期", "博远二期"],
           "%s: project list --saved %s lists the same projects" % (lang, fname), repr(rows))


def main():
    tap = Tap(deadline=300)
    sb = Sandbox()
    setup(sb)
    test_bulk_stage(tap, sb, "zh_CN.UTF-8", ("变更阶段", "签约", "原因", "已标记 %d 个"))
    cli(sb, "project", "stage", "1", "talks", "--reason", "重来")
    test_saved_filter(tap, sb, "zh_CN.UTF-8", ("保存当前筛选条件", "已保存的筛选条件", "名称", "博远项目"))
    sb2 = Sandbox()
    setup(sb2)
    test_bulk_stage(tap, sb2, "en_US.UTF-8", ("Move the marked", "Signed", "Reason, for all", "%d marked"))
    test_bulk_assign(tap, sb2, "en_US.UTF-8", ("Assign a service manager", "%d marked"))
    test_saved_filter(tap, sb2, "en_US.UTF-8", ("Save these filters", "Saved filters", "Name of these", "boyuan"))
    tap.done()


if __name__ == "__main__":
    main()
