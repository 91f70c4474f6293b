#!/usr/bin/env python3
"""records.py - the record pages of the desk: follow-ups, enterprises, issues.

Drives the real desk in a pty at 80x24, in zh_CN.UTF-8 and in
en_US.UTF-8 with --lang en, and checks each saved effect through the
command line (`zsdesk --db DIR --format tsv ...`):

 * the project page shows its latest follow-ups; F6 logs one through the
   follow-up form (the project filled in, kind, time, the enterprise's
   side, what was said, the next step and its day) and it is saved;
 * Ctrl-Y opens the project's log (the contact whole below the list);
   F7 corrects one's own entry, asking the reason, which the history
   keeps; F6 there logs another on the same project;
 * Esc e opens the enterprise page (its projects, issues, follow-ups);
   F7 edits its contact through the enterprise form; F6 logs a follow-up
   on the enterprise alone; Enter offers its projects, one opens; the jump box finds the enterprise by its credit
   code; the library's Esc e opens the selected project's enterprise;
 * the issue list offers the issue page: description, the trail with an
   escalation and its reason; Enter there adds a note, which shows in the
   trail and in `issue history`;
 * by name in the jump box: 跟进记录 (my own entries), 企业详情 and
   诉求详情 (asking which), 跟进录入 (the form, saved with the project
   chosen by number);
 * another district's officer cannot log on the project (the refusal is
   said on the message line, the form keeps what was typed), sees none of
   the district's follow-ups on the enterprise page and cannot edit the
   enterprise from it.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Desk, Sandbox, Tap, check, check_screen, cli, fields, goto_field, jump,  # noqa: E402
                     quit_desk, rows_of, start_desk, state_dir)

ROWS, COLS = 24, 80
MSG = ROWS - 2

ZH = dict(
    home=re.compile("我的工作"), saved="已保存", project_page="项目  ", log_title="跟进记录",
    none_yet="暂无；按 F6 记录一条", form_title="跟进录入", kind="跟进方式", visit="走访",
    time="时间", their_side="企业方人员", said="沟通情况", next_step="下一步",
    next_date="下一步完成日期", reason_q="更正原因", ent_page="企业详情", contact="联系人",
    ent_projects="名下项目", open_project="打开它的项目", issue_page="打开诉求详情",
    issue_title="诉求详情", trail="办理过程", add_note="添加备注", note_q="备注",
    note_line="备注", mine="我记录的", which_ent="企业（名称", which_issue="诉求序号",
    project_label="项目", in_all="共 1 条", enterprise_label="企业", call="电话",
    escalated="升级", denied_ent="其他区县", denied="其他区县", enterprise_row="企业 ",
    issues_title="企业诉求")
EN = dict(
    home=re.compile("My work"), saved="Saved", project_page="Project  ", log_title="Follow-ups",
    none_yet="none yet; F6 logs one", form_title="New follow-up", kind="Kind of contact",
    visit="Visit", time="Time", their_side="Enterprise side", said="What was said",
    next_step="Next step", next_date="Next step by", reason_q="Reason for the correction",
    ent_page="Enterprise page", contact="Contact person", ent_projects="Its projects",
    open_project="Open one of its projects", issue_page="Open the issue page",
    issue_title="Issue page", trail="Trail", add_note="Add a note", note_q="Note",
    note_line="note", mine="Logged by me", which_ent="Enterprise (name",
    which_issue="Issue number", project_label="Project", in_all="1 in all",
    enterprise_label="Enterprise", call="Call", escalated="escalated",
    denied_ent="other districts",
    denied="another district", enterprise_row="Enterprise ", issues_title="Enterprise issues")

SETUPS = [
    dict(name="zh_CN.UTF-8", lang="zh_CN.UTF-8", args=[], L=ZH, project="150", other="151",
         visit_text="企业希望尽快落实用地指标", fix="，十二月前", reason="记错了时间要求",
         contact="赵六", note="已约企业下周面谈"),
    dict(name="en_US.UTF-8 --lang en", lang="en_US.UTF-8", args=["--lang", "en"], L=EN,
         project="160", other="161", visit_text="Land quota wanted soon", fix=", before December",
         reason="wrong deadline noted", contact="Zhao Liu", note="meeting set for next week"),
]


class Abort(Exception):
    """A step the rest of the walk depends on failed."""


def must(ok):
    if not ok:
        raise Abort()


def start(sb, S):
    return start_desk(sb, S["args"], S["lang"], ROWS, COLS, home=S["L"]["home"],
                      XDG_STATE_HOME=state_dir(sb))


def message(d):
    return d.row(MSG)


def pick(d, text):
    """In an open list: narrow it to text and take the first entry."""
    d.type(text)
    d.settle()
    d.key("Enter")
    d.settle(0.3)


def seek(d, text, pages=12):
    """From the top of a page, PgDn until text shows (or the pages run out)."""
    d.key("Home")
    d.settle()
    for _ in range(pages):
        if text in d.text():
            return
        d.key("PgDn")
        d.settle()


def walk(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    pid, other = S["project"], S["other"]
    ent = fields(sb, "project", "show", pid)["enterprise"]
    shown = fields(sb, "enterprise", "show", ent)
    eid, code = shown["id"], shown["credit_code"]
    d = start(sb, S)
    try:
        # --- the project page and a new follow-up (F6) -------------------
        jump(d, pid)
        must(check_screen(tap, d, L["project_page"] + pid, tag + "project %s opens" % pid, row=0))
        seek(d, L["none_yet"])
        check_screen(tap, d, L["none_yet"], tag + "the page's follow-ups say there are none yet")
        d.key("F6")
        must(check_screen(tap, d, L["form_title"], tag + "F6 opens the follow-up form", row=0))
        check_screen(tap, d, re.compile(r"%s +%s " % (L["project_label"], pid)),
                     tag + "the project is filled in (its number and name)")
        must(goto_field(d, L["kind"]))
        d.type(L["visit"])
        must(goto_field(d, L["time"]))
        d.type("14点30" if S["lang"].startswith("zh") else "14:30")
        must(goto_field(d, L["their_side"]))
        d.type("李总（总经理）")
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.type(S["visit_text"])
        must(goto_field(d, L["next_step"]))
        d.type("报送用地方案")
        must(goto_field(d, L["next_date"]))
        d.type("2026-11-29")
        d.settle()
        d.key("F2")
        must(check_screen(tap, d, L["saved"], tag + "F2 saves the follow-up", row=MSG))
        got = rows_of(sb, "followup", "list", "--project", pid)
        check(tap, d, len(got) == 1 and got[0][1:4] == ["2026-11-22", "14:30", "Visit"] and
              got[0][7] == S["visit_text"] and got[0][8:10] == ["报送用地方案", "2026-11-29"],
              tag + "followup list: a visit today at 14:30, what was said, the next step",
              repr(got))
        fid = got[0][0] if got else "0"
        seek(d, S["visit_text"])
        check_screen(tap, d, S["visit_text"], tag + "the project page shows the latest follow-up")

        # --- the log (Ctrl-Y), a correction (F7) --------------------------
        d.key("C-y")
        must(check_screen(tap, d, L["log_title"], tag + "Ctrl-Y opens the project's log", row=0))
        check_screen(tap, d, "李总（总经理）", tag + "the contact shows whole below the list")
        d.key("F7")
        must(check_screen(tap, d, L["kind"],
                          tag + "F7 opens the entry to correct"))
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.key("End")
        d.type(S["fix"])
        d.key("F2")
        check_screen(tap, d, L["reason_q"], tag + "saving a correction asks the reason", row=MSG)
        d.type(S["reason"])
        d.key("Enter")
        check_screen(tap, d, L["saved"], tag + "the correction is saved", row=MSG)
        hist = cli(sb, "followup", "history", fid)
        check(tap, d, (S["visit_text"] + S["fix"]) in hist and S["reason"] in hist,
              tag + "followup history keeps the new text and the reason", hist)
        d.key("F6")
        must(check_screen(tap, d, L["form_title"], tag + "F6 in the log logs another", row=0))
        must(goto_field(d, L["kind"]))
        d.type("会谈" if S["lang"].startswith("zh") else "Meeting")
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.type("second")
        d.key("F2")
        check_screen(tap, d, L["saved"], tag + "the second entry is saved", row=MSG)
        check(tap, d, len(rows_of(sb, "followup", "list", "--project", pid)) == 2,
              tag + "the project's log holds two entries")
        d.key("Esc")
        d.settle()

        # --- the enterprise page (Esc e) ----------------------------------
        d.key("Esc-e")
        must(check_screen(tap, d, L["ent_page"], tag + "Esc e opens the enterprise page", row=0))
        check_screen(tap, d, L["ent_projects"], tag + "it lists its projects")
        check_screen(tap, d, re.compile(r"^ +%s  " % pid, re.M), tag + "project %s among them" % pid)
        d.key("F7")
        must(goto_field(d, L["contact"]))
        d.key("C-u")
        d.type(S["contact"])
        d.key("F2")
        check_screen(tap, d, L["saved"], tag + "F7 edits the enterprise and saves", row=MSG)
        check(tap, d, fields(sb, "enterprise", "show", eid).get("contact") == S["contact"],
              tag + "enterprise show: the contact is %s" % S["contact"])
        d.key("C-y")
        check_screen(tap, d, L["log_title"], tag + "Ctrl-Y on the enterprise page: its log", row=0)
        check_screen(tap, d, "second", tag + "holding its projects' entries")
        d.key("Esc")
        d.settle()
        d.key("F6")
        must(check_screen(tap, d, re.compile(r"%s +%s " % (L["enterprise_label"], eid)),
                          tag + "F6 on the enterprise page: the form has the enterprise"))
        must(goto_field(d, L["kind"]))
        d.type(L["call"])
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.type("enterprise only")
        d.key("F2")
        check_screen(tap, d, L["saved"], tag + "a follow-up on the enterprise alone is saved", row=MSG)
        got = [r for r in rows_of(sb, "followup", "list", "--enterprise", eid) if r[7] == "enterprise only"]
        check(tap, d, len(got) == 1 and got[0][3] == "Call" and got[0][4] == "",
              tag + "followup list --enterprise: a call with no project", repr(got))
        d.key("Enter")
        d.settle(0.3)
        pick(d, L["open_project"])
        pick(d, pid)
        check_screen(tap, d, L["project_page"] + pid, tag + "Enter, 打开它的项目: the project opens",
                     row=0)
        d.key("Esc")
        d.key("Esc")
        d.settle()

        # --- the jump box: an enterprise by its credit code ---------------
        d.key("C-g")
        d.settle()
        d.type(code)
        check_screen(tap, d, L["enterprise_row"] + ent, tag + "the jump box offers the enterprise")
        d.key("Enter")
        check_screen(tap, d, L["ent_page"] + "  " + eid, tag + "Enter opens its page", row=0)
        d.key("Esc")
        d.settle()

        # --- the library's Esc e -----------------------------------------
        jump(d, "XMK")
        d.type(other)
        d.settle(0.5)
        d.key("Esc-e")
        oent = fields(sb, "project", "show", other)["enterprise"]
        check_screen(tap, d, oent, tag + "Esc e in the library opens the row's enterprise")
        check(tap, d, L["ent_page"] in d.row(0), tag + "on the enterprise page")
        d.key("Esc")
        d.key("Esc")
        d.settle()

        # --- the issue page -----------------------------------------------
        # A new issue, escalated by hand: the newest, first in the list.
        iid = cli(sb, "issue", "open", "--project", pid, "--category", "用地",
                  "--description", "企业反映用地指标迟迟未落实" + S["name"][:2]).strip()
        esc = cli(sb, "issue", "escalate", iid, "区里协调不了，报市协调办")
        check(tap, d, iid.isdigit() and esc == "", tag + "issue %s opened and escalated" % iid, esc)
        jump(d, "QYSQ")
        must(check_screen(tap, d, L["issues_title"], tag + "the issue list opens", row=0))
        d.key("Enter")
        d.settle(0.3)
        pick(d, L["issue_page"])
        must(check_screen(tap, d, L["issue_title"] + "  " + iid, tag + "it offers the issue page",
                          row=0))
        desc = fields(sb, "issue", "show", iid)["description"]
        check_screen(tap, d, desc[:8], tag + "the page shows the description")
        d.key("End")
        check_screen(tap, d, L["trail"], tag + "and the trail")
        check_screen(tap, d, "区里协调不了，报市协调办", tag + "the trail has the escalation's reason")
        check_screen(tap, d, L["escalated"], tag + "named as an escalation")
        d.key("Enter")
        d.settle(0.3)
        pick(d, L["add_note"])
        check_screen(tap, d, L["note_q"], tag + "Enter, 添加备注 asks the note", row=MSG)
        d.type(S["note"])
        d.key("Enter")
        d.settle(0.3)
        d.key("End")
        check_screen(tap, d, S["note"], tag + "the note shows in the trail")
        check(tap, d, S["note"] in cli(sb, "issue", "history", iid),
              tag + "issue history keeps the note")
        d.key("Esc")
        d.key("Esc")
        d.settle()

        # --- by name in the jump box -------------------------------------
        jump(d, L["log_title"])
        check_screen(tap, d, L["mine"], tag + "jump 跟进记录: my own entries", row=0)
        check_screen(tap, d, "second", tag + "the entries I logged are there")
        d.key("Esc")
        d.settle()
        jump(d, L["ent_page"])
        check_screen(tap, d, L["which_ent"], tag + "jump 企业详情 asks which enterprise", row=MSG)
        d.type(code)
        d.key("Enter")
        check_screen(tap, d, L["ent_page"] + "  " + eid, tag + "the credit code opens it", row=0)
        d.key("Esc")
        d.settle()
        jump(d, L["issue_title"])
        check_screen(tap, d, L["which_issue"], tag + "jump 诉求详情 asks the issue's number",
                     row=MSG)
        d.type(iid)
        d.key("Enter")
        check_screen(tap, d, L["issue_title"] + "  " + iid, tag + "the number opens it", row=0)
        d.key("Esc")
        d.settle()
        jump(d, L["form_title"])
        must(check_screen(tap, d, L["form_title"], tag + "jump 跟进录入 opens the form", row=0))
        must(goto_field(d, L["project_label"]))
        d.type(other)
        must(goto_field(d, L["kind"]))
        d.type(L["visit"])
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.type("by the menu")
        d.key("F2")
        check_screen(tap, d, L["saved"], tag + "saved with the project typed by number", row=MSG)
        got = rows_of(sb, "followup", "list", "--project", other)
        check(tap, d, len(got) == 1 and got[0][7] == "by the menu",
              tag + "followup list of project %s has it" % other, repr(got))
    except Abort:
        tap.ok(False, tag + "the walk stopped", d.dump())
    finally:
        quit_desk(d)


def denied(tap, sb, S):
    """Another district's officer: the save is refused, the text kept."""
    L, tag = S["L"], "[%s] " % S["name"]
    pid = S["project"]
    dist = fields(sb, "project", "show", pid)["district"]
    other = [r for r in rows_of(sb, "district", "list") if r[2] != dist and r[3] != dist][0][1]
    login = "fu" + S["lang"][:2].lower()
    cli(sb, "officer", "add", "--login", login, "--name", "外区甲", "--role", "desk",
        "--district", other)
    d = Desk(["--db", sb.db, "--as", login] + S["args"],
             sb.env(lang=S["lang"], XDG_STATE_HOME=state_dir(sb)), ROWS, COLS)
    d.wait_for(L["home"], 8)
    d.settle()
    try:
        jump(d, L["form_title"])
        must(goto_field(d, L["project_label"]))
        d.type(pid)
        must(goto_field(d, L["kind"]))
        d.type(L["visit"])
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["said"]))
        d.type("外区走访")
        d.key("F2")
        check_screen(tap, d, L["denied"], tag + "another district's officer is refused, and told why",
                     row=MSG)
        check(tap, d, "外区走访" in d.dump(), tag + "what was typed stays in the form")
        n = len(rows_of(sb, "followup", "list", "--project", pid))
        check(tap, d, n == 2, tag + "nothing was saved (%d entries)" % n)
        d.key("Esc")
        if d.wait_for(re.compile(r"\(y/n\)|（y/n）"), 1.5):
            d.type("n")
        d.settle()
        ent = fields(sb, "project", "show", pid)["enterprise"]
        code = fields(sb, "enterprise", "show", ent)["credit_code"]
        jump(d, L["ent_page"])
        d.type(code)
        d.key("Enter")
        must(check_screen(tap, d, L["ent_page"], tag + "the other district opens the enterprise page",
                          row=0))
        d.key("End")
        check_screen(tap, d, L["none_yet"], tag + "it shows none of the district's follow-ups")
        d.key("F7")
        must(goto_field(d, L["contact"]))
        d.key("C-u")
        d.type("外区改")
        d.key("F2")
        check_screen(tap, d, L["denied_ent"], tag + "editing another district's enterprise is refused",
                     row=MSG)
        check(tap, d, fields(sb, "enterprise", "show", ent).get("contact") != "外区改",
              tag + "the enterprise keeps its contact")
    except Abort:
        tap.ok(False, tag + "the refusal walk stopped", d.dump())
    finally:
        d.key("Esc")
        if d.wait_for(re.compile(r"\(y/n\)|（y/n）"), 1.5):
            d.type("n")
        quit_desk(d)


def main():
    tap = Tap(deadline=300)
    sb = Sandbox(projects=300)
    for S in SETUPS:
        walk(tap, sb, S)
        denied(tap, sb, S)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
