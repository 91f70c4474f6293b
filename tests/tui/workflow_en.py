#!/usr/bin/env python3
"""workflow_en.py - every workflow action of the desk in English, to its
saved effect, at 80x24 in en_US.UTF-8 (as officer.py walks them in
Chinese).

A Jiaxing single-user database is set up through the command line: a
service manager, projects in talks, one whose first talk lapsed, and an
issue.  Then, as the administrator, each action is done in the desk and
its effect read back through the command line:

 * the project page's actions (Enter): Edit (a new amount with F7, saved
   with F2), Change stage (date and reason), Signing pre-report (the
   planned date), Assign service manager (the first suggestion), New
   enterprise issue (the form opened with the project filled in),
   Transfer to another district (a lapsed first talk, with a reason) and
   Undo a change;
 * the first-talk register's F9 transfer;
 * the issue list's actions (Enter): Respond, Add a note, Ask the
   enterprise, Enterprise answered, Escalate, Record the meeting's
   decision (with its owner), Resolve.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, cli, fields, goto_field, jump,  # noqa: E402
                     open_project, quit_desk, run_tests, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2
LANG = "en_US.UTF-8"


def show(sb, kind, rid):
    return fields(sb, kind, "show", rid)


def setup(sb):
    early = "2026-10-01T10:00+08:00"
    steps = [
        (None, "init", "--profile", "jiaxing", "--single-user"),
        (None, "officer", "add", "--login", "mgr", "--name", "管一", "--role", "manager",
         "--district", "nanhu", "--industries", "集成电路"),
        (None, "enterprise", "add", "--name", "嘉兴华芯半导体有限公司"),
        (None, "enterprise", "add", "--name", "嘉兴博远新材料有限公司"),
        # 1: in talks, 5亿
        (None, "project", "add", "--name", "华芯一期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "5亿", "--district", "nanhu", "--stage", "talks"),
        # 2: 12亿 in talks since October: its month of first talk is over
        (early, "project", "add", "--name", "博远总部", "--enterprise", "2", "--industry", "新材料",
         "--investment", "12亿", "--district", "nanhu", "--stage", "talks"),
        # 3: another 12亿 of October, for the register's F9
        (early, "project", "add", "--name", "华芯三期", "--enterprise", "1", "--industry", "集成电路",
         "--investment", "12亿", "--district", "nanhu", "--stage", "talks"),
        (None, "tick"),
        (None, "issue", "open", "--project", "1", "--category", "用地", "--description", "用地指标不足"),
    ]
    for s in steps:
        out = cli(sb, *s[1:], now=s[0])
        if "zsdesk:" in out and "warning" not in out:
            raise RuntimeError("%s: %s" % (" ".join(s[1:]), out))


def start(sb):
    return start_desk(sb, lang=LANG, rows=ROWS, cols=COLS, home="My work")


def choose(d, text):
    """In a list just opened: narrow by text, take the first row."""
    d.wait_for(lambda d: re.search(r"Find:\s*│", d.text()), 3)
    d.type(text)
    d.wait_for(lambda d: re.search(r"Find: %s" % re.escape(text), d.text()), 3)
    d.settle()
    d.key("Enter")
    d.wait_for(lambda d: not re.search(r"Find: %s" % re.escape(text), d.text()), 3)
    d.settle()


def back_on_page(d):
    """After a form's F2: the form closes by itself; Esc if it did not."""
    if not d.wait_for("Stage history", 2):
        d.key("Esc")
        d.wait_for("Stage history", 3)
    d.settle()


def action(d, name):
    d.key("Enter")
    choose(d, name)


def answer(d, prompt, text, clear=False):
    ok = d.wait_for(prompt, 3, row=MSG)
    if clear:
        d.key("C-u")
    d.type(text)
    d.key("Enter")
    return ok


def test_project_actions(tap, sb):
    d = start(sb)
    check(tap, d, open_project(d, "1"), "project 1 opens")
    # Edit: F7, the amount, F2
    d.key("F7")
    d.wait_for("Project edit")
    d.key("PgDn")
    d.settle()
    if check(tap, d, goto_field(d, "Total investment"), "Edit: the cursor reaches Total investment"):
        d.key("C-u")
        d.type("6亿")
        d.key("F2")
        check_screen(tap, d, "Saved", "Edit: F2 saves", row=MSG)
    back_on_page(d)
    tap.ok(show(sb, "project", "1").get("investment") == "60,000万元", "project 1 is at 6亿")
    # Change stage: signed, today, no reason needed forward
    action(d, "Change stage")
    choose(d, "Signed")
    check(tap, d, answer(d, "Date of the new stage", "2026-11-22", clear=True),
          "Change stage asks the date")
    check_screen(tap, d, "Stage is now Signed", "the stage changes", row=MSG)
    p = show(sb, "project", "1")
    tap.ok(p.get("stage") == "Signed" and p.get("stage_date") == "2026-11-22",
           "project 1 is Signed on 2026-11-22", repr(p))
    # Signing pre-report
    action(d, "Signing pre-report")
    check(tap, d, answer(d, "Planned signing date", "2026-12-20", clear=True), "the pre-report asks the date")
    check_screen(tap, d, "Pre-report recorded", "the pre-report is recorded", row=MSG)
    tap.ok(show(sb, "project", "1").get("pre_report_sign") == "2026-12-20", "project 1: pre-reported signing 2026-12-20")
    # Assign service manager: the suggestions list, 管一 first (district, industry)
    action(d, "Assign service manager")
    choose(d, "管一")
    check_screen(tap, d, "Service manager assigned", "the manager is assigned", row=MSG)
    tap.ok(show(sb, "project", "1").get("manager") == "管一", "project 1's manager is 管一")
    # New enterprise issue: the form with the project filled in
    action(d, "New enterprise issue")
    d.wait_for("Category")
    d.settle()
    if check(tap, d, goto_field(d, "Category"), "New issue: the form opens at its fields"):
        d.type("Power and energy")
        d.key("Tab")
        d.type("A second power line is needed")
        d.key("F2")
        check_screen(tap, d, "Saved", "the issue is saved", row=MSG)
    back_on_page(d)
    issues = cli(sb, "issue", "list")
    tap.ok(re.search(r"\t华芯一期\tPower and energy\t", issues), "issue list shows the power issue of 华芯一期",
           issues)
    # Undo a change: the edit of the amount
    action(d, "Undo a change")
    d.wait_for("Find:")
    d.settle()
    hist = cli(sb, "project", "history", "1")
    seq = [l.split("\t")[0] for l in hist.splitlines()[1:] if "\tTotal investment\t" in l][-1]
    choose(d, seq + "  2026")  # the number and the date: not a date that holds the number
    check(tap, d, answer(d, "Reason for undoing change", "the amount was right"), "Undo asks the reason")
    check_screen(tap, d, "Change %s undone" % seq, "the change is undone", row=MSG)
    tap.ok(show(sb, "project", "1").get("investment") == "50,000万元", "project 1 is at 5亿 again")
    d.key("Esc")
    # Transfer to another district: project 2's first talk lapsed
    check(tap, d, open_project(d, "2"), "project 2 opens")
    action(d, "Transfer to another district")
    choose(d, "Xiuzhou")
    check(tap, d, answer(d, "Reason for the transfer", "Nanhu has no land for it"), "Transfer asks the reason")
    check_screen(tap, d, "Transferred to", "the project is transferred", row=MSG)
    quit_desk(d)
    p = show(sb, "project", "2")
    tap.ok(p.get("district") == "Xiuzhou", "project 2 is in Xiuzhou", repr(p))
    tap.ok("Nanhu has no land for it" in cli(sb, "project", "history", "2"), "with the reason in its history")


def test_register_transfer(tap, sb):
    d = start(sb)
    jump(d, "SDDJ")
    d.wait_for("First-talk register")
    d.settle()
    row = next((r for r in range(2, MSG) if "华芯三期" in d.row(r)), None)
    if not check(tap, d, row, "the register lists 华芯三期 (lapsed)"):
        quit_desk(d)
        return
    for _ in range(row - 2):
        d.key("Down")
    d.key("F9")
    choose(d, "Pinghu")
    check(tap, d, answer(d, "Reason for the transfer", "Pinghu has the land"), "F9 asks the reason")
    check_screen(tap, d, "Transferred to", "F9 transfers", row=MSG)
    quit_desk(d)
    tap.ok(show(sb, "project", "3").get("district") == "Pinghu", "project 3 is in Pinghu")


def issue_action(tap, d, sb, iid, name, prompt, text, field, want, owner=None):
    jump(d, "QYSQ")
    d.wait_for("Open issues")
    d.settle()
    row = next((r for r in range(3, MSG) if re.match(r"\s+%s\s" % iid, d.row(r))), None)
    if not check(tap, d, row, "%s: issue %s is listed" % (name, iid)):
        return
    for _ in range(row - 3):
        d.key("Down")
    d.key("Enter")
    choose(d, name)
    check(tap, d, answer(d, prompt, text), "%s asks: %s" % (name, prompt))
    if owner:
        check(tap, d, answer(d, "Who carries the decision out", owner), "%s asks who carries it out" % name)
    said = "Escalate: escalated to %s, to be handled by" % want if name == "Escalate" else "%s: done" % name
    check_screen(tap, d, said, said, row=MSG)
    d.key("Esc")
    d.settle()
    got = show(sb, "issue", iid).get(field, "")
    tap.ok(want in got, "%s: issue %s %s is %r" % (name, iid, field, got), got)


def test_issue_actions(tap, sb):
    d = start(sb)
    steps = [
        ("Respond", "What was done or answered", "Called the land bureau", "last_note", "Called the land bureau", None),
        ("Add a note", "Note", "Site visit on Friday", "last_note", "Site visit on Friday", None),
        ("Ask the enterprise (clock stops)", "What the enterprise is asked", "Send the land plan", "status", "Waiting", None),
        ("Enterprise answered (clock goes on)", "Their answer", "Plan sent", "status", "Open", None),
        ("Escalate", "Reason to escalate", "Needs the district", "level", "District leadership", None),
        ("Escalate", "Reason to escalate", "Needs the city", "level", "City coordination office", None),
        ("Escalate", "Reason to escalate", "Needs the meeting", "level", "Leaders' coordination meeting", None),
        ("Record the meeting's decision", "Decision", "Land quota from the city reserve", "decision",
         "Land quota from the city reserve", "City natural resources bureau"),
        ("Resolve", "Outcome", "Quota granted", "status", "Resolved", None),
    ]
    for name, prompt, text, field, want, owner in steps:
        issue_action(tap, d, sb, "1", name, prompt, text, field, want, owner)
    quit_desk(d)
    tap.ok("City natural resources bureau" in show(sb, "issue", "1").get("decision_owner", ""),
           "the decision's owner is kept")


def main():
    tap = Tap(deadline=360)
    sb = Sandbox()
    setup(sb)
    run_tests(tap, sb, (test_project_actions, test_register_transfer, test_issue_actions))
    tap.done()


if __name__ == "__main__":
    main()
