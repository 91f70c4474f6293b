#!/usr/bin/env python3
"""inbox.py - my inbox (我的待办) in the desk, in a pty at 80x24.

A service manager is given two projects and takes an issue (set up with
the command line).  The heading of the home screen's work counts the new
ones; the jump code WDDB opens the inbox with exactly those entries,
marked '*'; Enter on one opens its record (an issue its page, the rest
their project) and marks it read, so that
coming back it has left the list of new ones and the count went down;
F12 shows it again among all, not marked.  Each effect is checked
through `zsdesk inbox`.  In zh_CN.UTF-8 and en_US.UTF-8.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, cli, jump, quit_desk,  # noqa: E402
                     rows_of, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2


def inbox(sb, who, *args):
    """zsdesk inbox as rows of cells."""
    return rows_of(sb, "inbox", *args, who=who)


def setup(sb):
    steps = [
        ("init", "--profile", "jiaxing", "--single-user"),
        ("officer", "add", "--login", "mgr", "--name", "管一", "--role", "manager", "--district", "nanhu"),
        ("officer", "add", "--login", "ld", "--name", "领导", "--role", "lead", "--district", "nanhu"),
        ("enterprise", "add", "--name", "嘉兴华芯半导体有限公司"),
        ("project", "add", "--name", "华芯一期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "12亿", "--district", "nanhu", "--stage", "talks"),
        ("project", "add", "--name", "华芯二期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "2亿", "--district", "nanhu"),
        ("project", "add", "--name", "华芯三期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "3亿", "--district", "nanhu"),
        ("manager", "assign", "1", "mgr"),
        ("manager", "assign", "2", "mgr"),
        ("manager", "assign", "3", "ld"),
    ]
    for s in steps:
        out = cli(sb, *s)
        if "zsdesk:" in out and "warning" not in out:
            raise RuntimeError("%s: %s" % (" ".join(s), out))
    cli(sb, "issue", "open", "--project", "1", "--category", "用地", "--description", "用地指标",
        who="mgr")


def start(sb, who, lang):
    return start_desk(sb, ["--as", who], lang, ROWS, COLS)


def walk(tap, sb, who, lang, count, title):
    new = [r for r in inbox(sb, who) if r and r[0] == "*"]
    if not tap.ok(len(new) >= 2, "%s: %s has %d new entries to walk" % (lang, who, len(new))):
        return
    d = start(sb, who, lang)
    check_screen(tap, d, re.compile(count % len(new)),
                 "%s: home counts %d new in the inbox" % (lang, len(new)))
    jump(d, "WDDB")
    check_screen(tap, d, title, "%s: the jump code WDDB opens the inbox" % lang, row=0)
    first = new[0]
    check_screen(tap, d, lambda d: re.search(r"^\s*\*\s.*\b%s\s+%s" % (first[3], re.escape(first[4])), d.row(2)),
                 "%s: the newest entry (%s %s) first, marked new" % (lang, first[1], first[3]))
    rows = sum(1 for r in range(2, MSG) if re.match(r"^\s*\*\s", d.row(r)))
    check(tap, d, rows == len(new), "%s: the inbox lists the %d new entries" % (lang, len(new)))
    d.key("Enter")
    if first[2] == "Project":
        check_screen(tap, d, lambda d: re.search(r"\b%s\b" % first[3], d.row(0)) and first[4] in d.text(),
                     "%s: Enter opens the project" % lang)
    else:
        check_screen(tap, d, lambda d: re.search(r"(诉求详情|Issue page)\s+%s\b" % first[3], d.row(0))
                     and first[4] in d.text(), "%s: Enter opens the issue's page" % lang)
    d.key("Esc")
    check_screen(tap, d, title, "%s: back in the inbox" % lang, row=0)
    check_screen(tap, d, lambda d: sum(1 for r in range(2, MSG) if re.match(r"^\s*\*\s", d.row(r))) == len(new) - 1,
                 "%s: the opened entry left the new ones" % lang)
    d.key("F12")
    check_screen(tap, d, lambda d: any(re.match(r"^\s{3,}\S.*\b%s\s+%s" % (first[3], re.escape(first[4])), d.row(r))
                                       for r in range(2, MSG)),
                 "%s: F12 shows it among all, not marked" % lang)
    d.key("Esc")
    check_screen(tap, d, re.compile(count % (len(new) - 1)), "%s: home counts one less" % lang)
    quit_desk(d)
    after = {r[7]: r[0] for r in inbox(sb, who, "--all") if len(r) > 7}
    tap.ok(after.get(first[7]) == "", "%s: zsdesk inbox has %s read" % (lang, first[7]), repr(after))
    tap.ok(sum(1 for v in after.values() if v == "*") == len(new) - 1,
           "%s: and the others still new" % lang, repr(after))


def walk_issue(tap, sb, who, lang, title):
    """Enter on an issue of the inbox opens the issue's own page."""
    rows = inbox(sb, who, "--all")
    at = next((i for i, r in enumerate(rows) if len(r) > 4 and r[2] == "Issue"), None)
    if not tap.ok(at is not None, "%s: %s has an issue in the inbox" % (lang, who), repr(rows)):
        return
    d = start(sb, who, lang)
    jump(d, "WDDB")
    d.wait_for(title, row=0)
    d.key("F12")
    d.settle()
    for _ in range(at):
        d.key("Down")
    d.settle()
    d.key("Enter")
    check_screen(tap, d, lambda d: re.search(r"(诉求详情|Issue page)\s+%s\b" % rows[at][3], d.row(0))
                 and rows[at][4] in d.text(), "%s: Enter on issue %s opens its page" % (lang, rows[at][3]))
    quit_desk(d)


def main():
    tap = Tap(deadline=240)
    sb = Sandbox()
    setup(sb)
    walk(tap, sb, "mgr", "zh_CN.UTF-8", r"我的工作\s+待办 %d 条新（WDDB）", "我的待办")
    cli(sb, "issue", "escalate", "1", "需区里协调", who="mgr")
    walk(tap, sb, "ld", "en_US.UTF-8", r"My work\s+Inbox: %d new \(WDDB\)", "My inbox")
    walk_issue(tap, sb, "ld", "zh_CN.UTF-8", "我的待办")
    tap.done()


if __name__ == "__main__":
    main()
