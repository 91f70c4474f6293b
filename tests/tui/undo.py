#!/usr/bin/env python3
"""undo.py - undoing a change from a project's page, in a pty at 80x24.

Enter on the project page, 撤销变更 (Undo a change): the list of the
project's edits and stage moves, newest first, by number; the reason is
asked; the old values come back as a new edit, checked through the
command line.  Undoing the same change again is refused naming the field
that changed since, and nothing is saved.  In zh_CN.UTF-8 and en_US.UTF-8.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, choose, cli, fields,  # noqa: E402
                     open_project, quit_desk, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2


def field(sb, pid, name):
    return fields(sb, "project", "show", pid).get(name)


def last_change(sb, pid, label):
    seq = None
    for line in cli(sb, "project", "history", pid).splitlines()[1:]:
        f = line.split("\t")
        if len(f) > 4 and f[4] == label:
            seq = f[0]
    return seq


def start(sb, lang):
    return start_desk(sb, lang=lang, rows=ROWS, cols=COLS)


def choose_change(d, seq):
    """Narrows the undo list to change seq and moves onto its row (the
    filter also matches the digits of the dates, so 261 finds 2026-11-22)."""
    d.wait_for(re.compile("查找|Find:"))
    d.type(seq)
    d.settle()
    row = re.compile(r"│ %s  \d{4}-" % seq)
    for _ in range(10):
        cur = [r for r in range(d.rows) if row.search(d.row(r))
               and any(d.cell(r, c).reverse or d.cell(r, c).bg != "default" for c in range(2, 20))]
        if cur:
            break
        d.key("Down")
        d.settle()
    d.key("Enter")
    d.settle()


def walk(tap, sb, pid, lang, words):
    action, reason_q, done, again = words
    before = field(sb, pid, "investment")
    r = cli(sb, "project", "edit", pid, "--investment", "77777", "--reason", "typo")
    seq = last_change(sb, pid, "Total investment")
    if not tap.ok(seq and field(sb, pid, "investment") == "77,777万元",
                  "%s: an edit of project %s to undo (change %s)" % (lang, pid, seq), r):
        return
    d = start(sb, lang)
    check(tap, d, open_project(d, pid), "%s: project %s opens" % (lang, pid))
    d.key("Enter")
    choose(d, action)
    check_screen(tap, d, re.compile(r"│ %s  \d{4}-\d\d-\d\d \d\d:\d\d  " % seq),
                 "%s: the undo list offers change %s first" % (lang, seq))
    choose_change(d, seq)
    check_screen(tap, d, reason_q, "%s: the reason is asked" % lang, row=MSG)
    d.type("金额录入错误" if lang.startswith("zh") else "amount typed wrong")
    d.key("Enter")
    check_screen(tap, d, done, "%s: the change is undone" % lang, row=MSG)
    # the same change again: refused, naming the field
    d.key("Enter")
    choose(d, action)
    choose_change(d, seq)
    d.wait_for(reason_q, 3, row=MSG)
    d.type("again")
    d.key("Enter")
    check_screen(tap, d, again, "%s: undoing it again is refused naming the field" % lang, row=MSG)
    quit_desk(d)
    tap.ok(field(sb, pid, "investment") == before,
           "%s: project %s is at %s again" % (lang, pid, before), field(sb, pid, "investment"))
    hist = cli(sb, "project", "history", pid)
    tap.ok(re.search(r"undo of %s\tTotal investment\t77,777万元\t" % seq, hist),
           "%s: the history has the undo of %s with its reason" % (lang, seq), hist[-600:])
    tap.ok(hist.count("undo of %s\t" % seq) == 1, "%s: the refused undo saved nothing" % lang)


def main():
    tap = Tap(deadline=240)
    sb = Sandbox(projects=60)
    pids = [line.split("\t")[0] for line in cli(sb, "project", "list").splitlines()[1:]]
    walk(tap, sb, pids[2], "zh_CN.UTF-8",
         ("撤销变更", "变更的原因", "已撤销", re.compile("总投资.*又改过")))
    walk(tap, sb, pids[3], "en_US.UTF-8",
         ("Undo a change", "Reason for undoing", "undone", re.compile("Total investment was changed again")))
    tap.done()


if __name__ == "__main__":
    main()
