#!/usr/bin/env python3
"""city.py - the city office deciding what waits for it, on the desk.

A Jiaxing single-user database is set up through the command line: a
city officer and a Xiuzhou desk officer; an enterprise with a Nanhu
project in talks at 12亿 (its first talk) and a Xiuzhou project in talks
at 15亿, which waits as a claim for the city; a second enterprise with
projects in Pinghu and Jiashan and a dispute raised between them.  Then,
at 80x24, in zh_CN.UTF-8 and in en_US.UTF-8 (--lang en):

 1. the Xiuzhou desk officer opens 市级待决事项 (SJDJ) and sees the
    claim, but granting it answers with core's refusal on the message
    line, and the claim still waits (checked through the command line);
 2. the city officer (--as) sees the count of claims and disputes on the
    home screen (2), and Enter on it opens the screen; Esc, then the
    jump box (Ctrl-G, SJDJ) opens it again;
 3. Enter on the claim, Refuse, a reason: the message line says it was
    saved, the claim leaves the list; the command line shows the project
    Closed with the reason as the decision;
 4. Enter on the dispute, Decide, the decision: saved; `dispute list
    --all` shows it resolved with the decision, written on both projects;
 5. the home screen's line about the working-day calendar shows when the
    clock (ZSDESK_NOW) is in December 2026 and not in June 2026.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ZSDESK, Desk, Sandbox, Tap, check, check_screen, jump, quit_desk  # noqa: E402

ROWS, COLS = 24, 80
MSG = ROWS - 2

ZH = dict(lang="zh_CN.UTF-8", args=[], home="我的工作", count="待市级认定的首谈和招商争议",
          title="市级待决事项", refuse="不予认定", grant="认定（", decide="裁决",
          find="查找", prompt="理由：|决定：", saved="已保存",
          denied="市投促中心", calendar="工作日历截至 2026-12-31",
          claims="待市级认定的首谈项目", no_claim="没有待认定的首谈项目")
EN = dict(lang="en_US.UTF-8", args=["--lang", "en"], home="My work",
          count="Claims and disputes waiting for the city", title="City decisions",
          refuse="Refuse", grant="Grant", decide="Decide", find="Find:", prompt="Reason to|Decision:",
          saved="Saved", denied="city office",
          calendar="calendar ends on 2026-12-31",
          claims="Claims waiting", no_claim="No claim is waiting")


def cli(sb, *args):
    """The command line on the sandbox's database (English, TSV): status, output."""
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", "en", "--format", "tsv"] + list(args),
                       env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=30)
    return r.returncode, r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")


def show(sb, pid):
    """project show as {field: value}."""
    out = {}
    for line in cli(sb, "project", "show", pid)[1].splitlines():
        f = line.split("\t")
        if len(f) >= 3:
            out[f[0]] = f[-1]
    return out


def setup(tap, sb):
    """The database of the walk; the numbers of the claim, the projects
    of the dispute and the dispute."""
    steps = [
        ("init", "--profile", "jiaxing", "--single-user"),
        ("officer", "add", "--login", "city1", "--name", "市中心甲", "--role", "city"),
        ("officer", "add", "--login", "desk_xz", "--name", "秀洲专员", "--role", "desk",
         "--district", "秀洲区"),
        ("enterprise", "add", "--name", "嘉兴首谈测试有限公司"),
        ("project", "add", "--name", "南湖首谈项目", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "12亿", "--district", "南湖区", "--stage", "talks"),
        ("project", "add", "--name", "秀洲抢谈项目", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "15亿", "--district", "秀洲区", "--stage", "talks"),
        ("enterprise", "add", "--name", "嘉兴争议测试有限公司"),
        ("project", "add", "--name", "平湖争议项目", "--enterprise", "2", "--industry", "集成电路",
         "--investment", "3亿", "--district", "平湖市", "--stage", "talks"),
        ("project", "add", "--name", "嘉善争议项目", "--enterprise", "2", "--industry", "集成电路",
         "--investment", "3亿", "--district", "嘉善县", "--stage", "talks"),
        ("dispute", "raise", "--project", "3", "--other", "4", "--reason", "两地争抢同一企业落户"),
    ]
    for s in steps:
        rc, out = cli(sb, *s)
        if rc != 0:
            tap.ok(False, "setup: zsdesk %s" % " ".join(s), out)
            return False
    rc, out = cli(sb, "firsttalk", "list", "--status", "claim")
    return tap.ok(re.search(r"^2\t秀洲抢谈项目\t", out, re.M),
                  "setup: the Xiuzhou project waits as a claim for the city", out)


def start(sb, L, who, now=None):
    env = {"ZSDESK_NOW": now} if now else {}
    d = Desk(["--db", sb.db, "--as", who] + L["args"], sb.env(lang=L["lang"], **env), ROWS, COLS)
    d.wait_for(L["home"], 8)
    d.settle()
    return d


def selected(d):
    """The text of the selected (highlighted) rows."""
    return [d.row(r) for r in range(1, ROWS - 2)
            if any(d.cell(r, c).reverse or d.cell(r, c).bg != "default" for c in range(2, 40))]


def select_row(d, text, tries=12):
    """Down until the selected row shows text; False when it never does."""
    for _ in range(tries):
        if any(text in r for r in selected(d)):
            return True
        d.key("Down")
        d.settle(0.1)
    return any(text in r for r in selected(d))


def act(d, L, action, text):
    """Enter on the selected row, the action from the pick list, the text."""
    d.key("Enter")
    d.wait_for(L["find"])
    d.type(action)
    d.settle()
    d.key("Enter")
    d.wait_for(re.compile(L["prompt"]), 3, row=MSG)
    d.type(text)
    d.key("Enter")


def walk(tap, L):
    tag = "[%s] " % L["lang"]
    sb = Sandbox()
    if not setup(tap, sb):
        return

    # 1. A district officer sees the claim, and core refuses the grant.
    d = start(sb, L, "desk_xz")
    check(tap, d, L["count"] not in d.text(), tag + "a desk officer's home has no count of the city's decisions")
    jump(d, "SJDJ")
    check_screen(tap, d, lambda d: L["title"] in d.row(0) and "秀洲抢谈项目" in d.text(),
                 tag + "SJDJ opens the screen for a desk officer, with the claim of its district")
    if select_row(d, "秀洲抢谈项目"):
        act(d, L, L["grant"], "秀洲区想自行首谈")
        check_screen(tap, d, lambda d: L["denied"] in d.row(MSG) and L["saved"] not in d.row(MSG),
                     tag + "granting answers with core's refusal (only the city office)")
    quit_desk(d)
    tap.ok(show(sb, "2").get("ft_status") == "Claim for the city",
           tag + "the claim still waits after the refusal", repr(show(sb, "2")))

    # 2. The city officer: the home count opens the screen, and so does SJDJ.
    d = start(sb, L, "city1")
    check_screen(tap, d, re.compile(re.escape(L["count"]) + r"\s+2\b"),
                 tag + "home: %s 2" % L["count"])
    opened = False
    for _ in range(12):
        if re.search(r">\s*" + re.escape(L["count"]), d.text()):
            d.key("Enter")
            opened = d.wait_for(lambda d: L["title"] in d.row(0), 3)
            break
        d.key("Down")
        d.settle(0.1)
    check(tap, d, opened and "秀洲抢谈项目" in d.text() and "平湖争议项目" in d.text(),
          tag + "Enter on the count opens %s with the claim and the dispute" % L["title"])
    d.key("Esc")
    d.wait_for(L["home"])
    jump(d, "SJDJ")
    check_screen(tap, d, lambda d: L["title"] in d.row(0) and "南湖首谈项目" in d.text(),
                 tag + "the jump box (SJDJ) opens it; the claim names the project holding the first talk")

    # 3. Refuse the claim, with a reason.
    reason = "南湖区首报在先，首谈仍归南湖区"
    if check(tap, d, select_row(d, "秀洲抢谈项目"), tag + "the claim can be selected"):
        act(d, L, L["refuse"], reason)
        check_screen(tap, d, L["saved"], tag + "refusing the claim says it was saved", row=MSG)
        check_screen(tap, d, L["no_claim"], tag + "the claim leaves the list")

    # 4. Decide the dispute.
    decision = "由平湖市继续对接，嘉善县配合"
    if check(tap, d, select_row(d, "平湖争议项目"), tag + "the dispute can be selected"):
        act(d, L, L["decide"], decision)
        check_screen(tap, d, L["saved"], tag + "deciding the dispute says it was saved", row=MSG)
    quit_desk(d)

    p = show(sb, "2")
    tap.ok(p.get("ft_status") == "Closed" and p.get("ft_decision") == reason,
           tag + "project 2: first talk Closed, the reason as the decision", repr(p))
    rc, out = cli(sb, "dispute", "list", "--all")
    tap.ok(re.search(r"^1\t平湖争议项目\t嘉善争议项目\tResolved\t.*\t%s$" % decision, out, re.M),
           tag + "dispute list --all: resolved with the decision", out)
    for pid in ("3", "4"):
        p = show(sb, pid)
        tap.ok(decision in p.get("dispute_decision", ""),
               tag + "the decision is written on project %s" % pid, repr(p))

    # 5. The calendar's line: in December 2026, not in June.
    d = start(sb, L, "city1", now="2026-12-15T10:00+08:00")
    check_screen(tap, d, L["calendar"], tag + "December 2026: home says the calendar ends on 2026-12-31")
    quit_desk(d)
    d = start(sb, L, "desk_xz", now="2026-06-01T10:00+08:00")
    check(tap, d, L["calendar"] not in d.text(), tag + "June 2026: no line about the calendar")
    quit_desk(d)
    sb.cleanup()


def main():
    tap = Tap(deadline=240)
    for L in (ZH, EN):
        walk(tap, L)
    tap.done()


if __name__ == "__main__":
    main()
