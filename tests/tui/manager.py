#!/usr/bin/env python3
"""manager.py - the service manager in the project's edit form, in a pty at 80x24.

A district lead opens a project of the district, F7, goes to 服务管家 and
presses F4: the list offers only the officers who may be named (active
service managers, desk officers and leads of the project's district, or
of the city): not another district's lead, not an inactive officer, not
root.  Choosing one and F2 saves it, checked through the command line.
A desk officer of the district who types a manager's name into the form
is refused at F2 with the rule (only the district lead or the city office
names one) and nothing is saved.  F9 on a project entered today, to 投产
dated 2020-01-01, asks a reason, which the history keeps.  In zh_CN.UTF-8
and en_US.UTF-8.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Desk, Sandbox, Tap, check, check_screen, cli, fields, goto_field,  # noqa: E402
                     open_project, quit_desk, rows_of, state_dir)

ROWS, COLS = 24, 80
MSG = ROWS - 2

SETUPS = [
    dict(lang="zh_CN.UTF-8", args=[], label="服务管家", saved=re.compile("已保存"),
         nothing=re.compile("没有匹配"), refused=re.compile("区县领导|区领导"),
         reason=re.compile("原因|理由")),
    dict(lang="en_US.UTF-8", args=["--lang", "en"], label="Service manager",
         saved=re.compile("Saved"), nothing=re.compile("Nothing matches"),
         refused=re.compile("district lead"), reason=re.compile("[Rr]eason")),
]


def desk(sb, who, S):
    d = Desk(["--db", sb.db, "--as", who] + S["args"],
             sb.env(lang=S["lang"], XDG_STATE_HOME=state_dir(sb)), ROWS, COLS)
    d.wait_for(re.compile("我的工作|My work"), 8)
    d.settle()
    return d


def officers(sb):
    """login, name, role, district, active of every officer."""
    return [dict(login=r[1], name=r[2], role=r[3], district=r[4], active=r[6])
            for r in rows_of(sb, "officer", "list") if len(r) > 6]


def save(d, S):
    """F2, answering a reason when one is asked."""
    d.key("F2")
    if d.wait_for(S["reason"], 1.5, row=MSG):
        d.type("指定服务管家")
        d.key("Enter")
    d.settle(0.3)


def walk(tap, sb, S, pid, lead, desk_login, ok_name, others):
    tag = S["lang"][:2] + ": "
    d = desk(sb, lead, S)
    try:
        check(tap, d, open_project(d, pid), tag + "the lead opens project %s" % pid)
        d.key("F7")
        d.settle()
        check(tap, d, goto_field(d, S["label"]), tag + "F7, the service-manager field")
        d.key("C-u")
        d.settle(0.2)
        d.key("F4")
        d.wait_for(re.compile("查找|Find:"))
        for _ in range(12):
            d.key("Backspace")
        d.settle(0.2)
        for name, why in others:
            d.type(name)
            check_screen(tap, d, S["nothing"], tag + "F4 does not offer %s (%s)" % (name, why))
            for _ in name:
                d.key("Backspace")
            d.settle(0.2)
        d.type(ok_name)
        d.settle()
        check_screen(tap, d, ok_name, tag + "F4 offers %s of the project's district" % ok_name)
        d.key("Enter")
        d.settle()
        save(d, S)
        check_screen(tap, d, S["saved"], tag + "F2 saves", row=MSG)
        got = fields(sb, "project", "show", pid).get("manager")
        tap.ok(got == ok_name, tag + "the command line shows %s as the manager" % ok_name, got)
        quit_desk(d)
    except Exception:
        d.close()
        raise
    # a desk officer types a name: refused at F2, nothing saved
    d = desk(sb, desk_login, S)
    try:
        check(tap, d, open_project(d, pid), tag + "the desk officer opens project %s" % pid)
        d.key("F7")
        d.settle()
        check(tap, d, goto_field(d, S["label"]), tag + "the desk officer's service-manager field")
        d.key("C-u")
        d.type(others[0][0])
        save(d, S)
        check_screen(tap, d, S["refused"], tag + "F2 is refused, naming the district lead", row=MSG)
        got = fields(sb, "project", "show", pid).get("manager")
        tap.ok(got == ok_name, tag + "the manager is still %s" % ok_name, got)
        d.key("Esc")
        if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
            d.type("y")
        quit_desk(d)
    except Exception:
        d.close()
        raise


def backdate(tap, sb, S, lead, district):
    """F9 on a project entered today: 投产 dated 2020-01-01 asks a reason,
    which the history keeps; 2012-01-01 is refused."""
    tag = S["lang"][:2] + ": "
    pid = cli(sb, "project", "add", "--name", "跳级" + S["lang"][:2], "--enterprise", "1",
              "--industry", "集成电路", "--investment", "2亿", "--district", district,
              "--stage", "talks").split()[0]
    d = desk(sb, lead, S)
    try:
        check(tap, d, open_project(d, pid), tag + "a project entered today, %s, opens" % pid)
        d.key("F9")
        d.wait_for(re.compile("查找|Find:"))
        d.type("投产" if S["lang"].startswith("zh") else "production")
        d.settle()
        d.key("Enter")
        d.settle()
        d.key("C-u")
        d.type("2020-01-01")
        d.key("Enter")
        check_screen(tap, d, S["reason"], tag + "a stage dated before the entry asks a reason",
                     row=MSG)
        d.type("补录历史阶段")
        d.key("Enter")
        d.settle(0.3)
        hist = cli(sb, "project", "history", pid)
        tap.ok("补录历史阶段" in hist and fields(sb, "project", "show", pid).get("stage_date")
               == "2020-01-01", tag + "saved with its reason in the history", hist[-400:])
        quit_desk(d)
    except Exception:
        d.close()
        raise


def main():
    tap = Tap(deadline=240)
    sb = Sandbox(projects=40)
    pid = "1"
    district = fields(sb, "project", "show", pid).get("district")
    offs = officers(sb)
    here = [o for o in offs if o["district"] == district]
    lead = next(o for o in here if o["role"] == "District lead" and o["active"] == "yes")
    desk_o = next(o for o in here if o["role"] == "Desk officer" and o["active"] == "yes")
    names = [o for o in here if o["role"] == "Service manager" and o["active"] == "yes"]
    gone = next(o for o in here if o["active"] == "no")
    elsewhere = next(o for o in offs if o["district"] not in ("", district)
                     and o["role"] == "District lead")
    others = [(elsewhere["name"], "another district's lead"), (gone["name"], "inactive"),
              ("root", "the administrator")]
    for S, ok in zip(SETUPS, names):
        walk(tap, sb, S, pid, lead["login"], desk_o["login"], ok["name"], others)
        backdate(tap, sb, S, lead["login"], district)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
