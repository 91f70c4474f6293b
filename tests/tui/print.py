#!/usr/bin/env python3
"""print.py - printing from the desk, in a pty at 80x24.

On a project's page Esc p offers the project sheet and the signing
pre-report (重大签约项目预报表); on the issue list Esc p writes the
supervision sheet (督办单) of the selected issue.  The file's name is
asked (a name is offered), writing over a file is asked first, and the
file holds exactly what `zsdesk print` writes, in the desk's character
set: UTF-8, or GB18030 with --charset GB18030.  In zh_CN.UTF-8 (and
GB18030) and en_US.UTF-8.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (ZSDESK, Sandbox, Tap, check, check_screen, choose,  # noqa: E402
                     jump, open_project, quit_desk, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2


def cli(sb, *args, lang="en"):
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", lang] + list(args),
                       env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    return r.stdout


def setup(sb):
    steps = [
        ("init", "--profile", "jiaxing", "--single-user"),
        ("enterprise", "add", "--name", "嘉兴华芯半导体有限公司", "--credit-code", "91330400MA2B3C4D56"),
        ("project", "add", "--name", "华芯功率芯片项目", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "40亿", "--district", "nanhu", "--stage", "talks"),
        ("project", "prereport", "1", "--signing", "2026-12-10", "--parties", "华芯半导体与南湖区人民政府"),
        ("issue", "open", "--project", "1", "--category", "用地", "--description", "用地指标不足"),
    ]
    for s in steps:
        r = subprocess.run([ZSDESK, "--db", sb.db] + list(s), env=sb.env(lang="C.UTF-8"),
                           capture_output=True, timeout=30)
        if r.returncode:
            raise RuntimeError("%s: %s" % (" ".join(s), r.stderr.decode()))


def start(sb, lang, charset=None):
    return start_desk(sb, ["--charset", charset, "--lang", "zh"] if charset else [], lang, ROWS, COLS,
                      encoding=charset.lower() if charset else "utf-8")


def write_to(d, path, offered):
    """At the file prompt: the offered name is there; write path instead."""
    ok = d.wait_for(offered, 3, row=MSG)
    d.key("C-u")
    d.type(path)
    d.key("Enter")
    return ok


def same(tap, path, want, name, encoding="utf-8"):
    got = open(path, "rb").read() if os.path.exists(path) else b""
    want = want.decode("utf-8").encode(encoding)
    tap.ok(got == want and b"\f" in got or (got == want and len(got) > 500),
           name, "file has %d bytes, zsdesk print %d" % (len(got), len(want)))


def walk(tap, sb, lang, words, charset=None):
    sheet, pre, written, exists, db_offered = words
    tag = lang + (" --charset " + charset if charset else "")
    enc = charset.lower() if charset else "utf-8"
    lg = "zh" if lang.startswith("zh") else "en"
    d = start(sb, lang, charset)
    check(tap, d, open_project(d, "1"), "%s: project 1 opens" % tag)
    d.send(b"\x1bp")
    choose(d, sheet)
    p1 = os.path.join(sb.dir, "p1-%s-%s.txt" % (lg, enc))
    check(tap, d, write_to(d, p1, "project-1.txt"), "%s: Esc p, %s: project-1.txt is offered" % (tag, sheet))
    check_screen(tap, d, written, "%s: the pages are written" % tag, row=MSG)
    same(tap, p1, cli(sb, "print", "project", "1", lang=lg), "%s: the file is zsdesk print project 1" % tag, enc)
    d.send(b"\x1bp")
    choose(d, pre)
    p2 = os.path.join(sb.dir, "pre-%s-%s.txt" % (lg, enc))
    check(tap, d, write_to(d, p2, "prereport-1.txt"), "%s: the pre-report: prereport-1.txt is offered" % tag)
    check_screen(tap, d, written, "%s: written" % tag, row=MSG)
    same(tap, p2, cli(sb, "print", "prereport", "1", lang=lg), "%s: the file is zsdesk print prereport 1" % tag, enc)
    # the same file again: asked first; no keeps it
    before = open(p2, "rb").read()
    d.send(b"\x1bp")
    choose(d, sheet)
    write_to(d, p2, "project-1.txt")
    check_screen(tap, d, exists, "%s: writing over a file is asked first" % tag, row=MSG)
    d.type("n")
    d.settle()
    tap.ok(open(p2, "rb").read() == before and len(before) > 0,
           "%s: no keeps the file as it was (the pre-report, not the project sheet)" % tag)
    d.key("Esc")
    jump(d, "QYSQ")
    d.wait_for(re.compile("未办结|Open"))
    d.settle()
    d.send(b"\x1bp")
    p3 = os.path.join(sb.dir, "issue-%s-%s.txt" % (lg, enc))
    check(tap, d, write_to(d, p3, db_offered), "%s: Esc p on the issue list: issue-1.txt is offered" % tag)
    check_screen(tap, d, written, "%s: the supervision sheet is written" % tag, row=MSG)
    same(tap, p3, cli(sb, "print", "issue", "1", lang=lg), "%s: the file is zsdesk print issue 1" % tag, enc)
    quit_desk(d)


def main():
    tap = Tap(deadline=300)
    sb = Sandbox()
    setup(sb)
    walk(tap, sb, "zh_CN.UTF-8", ("项目信息表", "重大签约项目预报表", "页写入", "已存在", "issue-1.txt"))
    walk(tap, sb, "zh_CN.UTF-8", ("项目信息表", "重大签约项目预报表", "页写入", "已存在", "issue-1.txt"),
         charset="GB18030")
    walk(tap, sb, "en_US.UTF-8", ("Project sheet", "Signing pre-report", "pages written", "exists",
                                  "issue-1.txt"))
    tap.done()


if __name__ == "__main__":
    main()
