#!/usr/bin/env python3
"""forms2.py - the desk's forms and questions as a new officer meets them.

Drives the real desk in a pty at 80x24, in zh_CN.UTF-8 and in
en_US.UTF-8 with --lang en, as a district's desk officer (海淀区), and
checks each saved effect through the command line:

 * an action the officer may not do is refused at once, with the reason:
   F7 (edit) and F9 (stage) on another district's project open no form
   and ask nothing, nor does F9 (流转) in 首谈登记; the draft of an edit the officer may not make is not
   offered, it is discarded with the reason;
 * a prompt starts empty (nothing left of an earlier message), Ctrl-L
   repaints it and the whole screen; going back to 线索 asks the reason
   and the stage is saved;
 * the intake form: 区县 is the officer's district already; the stage
   list offers only the stages a new project may take; 1200000 (万元) is
   echoed 120亿元 on the field and on the review step; a mobile number of
   10 digits and a past expected signing date are warned about, not
   refused; another district in 区县 is refused on save with the cursor
   on 区县 (its step too), the problem said once, with the language's
   colon; after the save the new project's page shows;
 * a bracketed paste into 项目简介 is text: the Esc and the line end in it
   do not leave the form, and the long text is shown whole, wrapped, as
   it is typed; the saved summary is the pasted text;
 * Esc i in the project library and in 空间资源载体 asks for the sheet to import;
 * the sync screen offers F6 (enrol a copy) to the administrator only; a
   city officer pressing it all the same is told who may.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Desk, Sandbox, Tap, check, check_screen, cli, fields, goto_field,  # noqa: E402
                     jump, open_project, quit_desk, rows_of)

ROWS, COLS = 24, 80
MSG = ROWS - 2

ZH = dict(lang="zh_CN.UTF-8", args=[], home=re.compile("我的工作"), denied="其他区县",
          intake="项目录入", ent_name="企业名称", proj_name="项目名称", stage="阶段",
          industry="产业方向", summary="项目简介", invest="总投资", district="区县",
          phone="电话", sign="预计签约日期", lead="线索", talks="在谈", production="投产",
          mine="海淀区", other="朝阳区", find="查找：", reason_q="原因：", date_q="日期",
          mobile="11 位", past="已过", whole="全文", leave="离开此表单", page="项目",
          empty="企业名称：", enrol_denied="管理员", city_only="市投促中心", discarded="已丢弃", library="XMK", imp="要导入的表格",
          stage_lead="Lead", yesno=re.compile("（y/n）"))
EN = dict(lang="en_US.UTF-8", args=["--lang", "en"], home=re.compile("My work"),
          denied="another district", intake="Project intake", ent_name="Enterprise name",
          proj_name="Project name", stage="Stage", industry="Industry", summary="Summary",
          invest="Total investment", district="District", phone="Phone",
          sign="Expected signing", lead="Lead", talks="Negotiating", production="Production",
          mine="Haidian", other="Chaoyang", find="Find:", reason_q="Reason:", date_q="Date",
          mobile="11 digits", past="already past", whole="all of it",
          leave="Leave this form", page="Project", empty="Enterprise name: ", enrol_denied="administrator", city_only="city office", discarded="Draft discarded",
          library="XMK", imp="Spreadsheet to import", stage_lead="Lead", yesno=re.compile(r"\(y/n\)"))

SETUPS = [dict(name="zh_CN.UTF-8", L=ZH, ent="海淀粘贴测试有限公司", proj="海淀粘贴测试项目"),
          dict(name="en_US.UTF-8 --lang en", L=EN, ent="海淀英文测试有限公司",
               proj="海淀英文测试项目")]


class Abort(Exception):
    """A step the rest of the walk depends on failed."""


def must(ok):
    if not ok:
        raise Abort()


def start(sb, L, who="hd"):
    pre = ["--as", who] if who else []
    d = Desk(["--db", sb.db] + pre + L["args"], sb.env(lang=L["lang"]), ROWS, COLS)
    d.wait_for(L["home"], 8)
    d.settle()
    return d


def leave(d, L):
    """Esc out of whatever is open, saying no to keeping a draft."""
    for _ in range(4):
        d.key("Esc")
        if d.wait_for(L["yesno"], 1.0):
            d.type("y")
        d.settle(0.2)


def setup(tap, sb):
    cli(sb, "officer", "add", "--login", "city1", "--name", "市中心甲", "--role", "city")
    out = cli(sb, "officer", "add", "--login", "hd", "--name", "海淀专员", "--role", "desk",
              "--district", "海淀区")
    other = rows_of(sb, "project", "list", "--district", "朝阳区", "--stage", "talks")
    own = rows_of(sb, "project", "list", "--district", "海淀区", "--stage", "talks")
    ok = tap.ok(len(other) >= 2 and len(own) >= 2, "setup: a desk officer of 海淀区 and projects "
                "in talks of 海淀区 and 朝阳区", out)
    return ok, [r[0] for r in other], [r[0] for r in own]


def refusals(tap, sb, S, other):
    """Item 5: refused at once, with the reason; no form, no question."""
    L, tag = S["L"], "[%s] " % S["name"]
    before = fields(sb, "project", "show", other)
    d = start(sb, L)
    try:
        must(open_project(d, other))
        d.key("F7")
        d.settle(0.3)
        check(tap, d, L["denied"] in d.row(MSG) and L["intake"] not in d.row(0)
              and re.search(r"\b%s\b" % other, d.row(0)),
              tag + "F7 on another district's project: refused at once, no form", d.row(MSG))
        d.key("F9")
        d.settle(0.3)
        check(tap, d, L["denied"] in d.row(MSG) and L["find"] not in d.text(),
              tag + "F9 there: refused at once, no stage list", d.row(MSG))
        # 首谈登记, F9 (流转): the city office's; asked nothing.
        jump(d, "SDDJ")
        d.settle(0.5)
        d.key("F9")
        d.settle(0.3)
        check(tap, d, L["city_only"] in d.row(MSG) and L["find"] not in d.text(),
              tag + "F9 (transfer) in 首谈登记: refused at once, no district asked", d.row(MSG))
    except Abort:
        tap.ok(False, tag + "the refusal walk stopped", d.dump())
    finally:
        leave(d, L)
        quit_desk(d)
    tap.ok(fields(sb, "project", "show", other) == before, tag + "the project is unchanged (CLI)")


def stale_draft(tap, sb, S, other):
    """Item 5: the draft of an edit the officer may not make is dropped."""
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, L, who=None)  # the administrator may edit it
    try:
        must(open_project(d, other))
        d.key("F7")
        must(d.wait_for(L["proj_name"], 3))
        must(goto_field(d, L["proj_name"]))
        d.type("改名草稿")
        d.key("Tab")
        d.settle()
        d.key("Esc")
        must(d.wait_for(L["yesno"], 2))
        d.type("y")
        d.settle()
    except Abort:
        tap.ok(False, tag + "the draft walk stopped", d.dump())
    finally:
        quit_desk(d)
    edits = lambda: [f for f in sb.drafts() if "-project-" in f]  # noqa: E731
    tap.ok(len(edits()) == 1, tag + "the administrator's edit left a draft", str(sb.drafts()))
    d = start(sb, L)
    try:
        d.settle(0.5)
        check(tap, d, L["discarded"] in d.row(MSG) and L["denied"] in d.row(MSG)
              and not L["yesno"].search(d.text()),
              tag + "the desk officer is not offered it: discarded, with the reason", d.row(MSG))
        check(tap, d, edits() == [], tag + "the draft file is gone", str(sb.drafts()))
    finally:
        quit_desk(d)


def prompt(tap, sb, S, own):
    """Item 10: a prompt starts empty; Ctrl-L repaints."""
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, L)
    try:
        must(open_project(d, own))
        d.key("F9")
        must(d.wait_for(L["find"], 3))
        d.type(L["lead"])
        d.settle()
        d.key("Enter")
        for _ in range(3):
            if not d.wait_for(lambda d: d.row(MSG).strip(), 3):
                break
            line = d.row(MSG)
            if line.startswith(L["reason_q"]):
                break
            if L["date_q"] in line:
                d.key("Enter")  # today
                d.settle(0.3)
        line = d.row(MSG)
        check(tap, d, line.startswith(L["reason_q"]) and line[len(L["reason_q"]):].strip() == "",
              tag + "the reason prompt starts empty", line)
        d.type("回到线索")
        d.settle()
        d.send(b"\x0c")  # Ctrl-L
        d.settle(0.5)
        check(tap, d, d.row(MSG).startswith(L["reason_q"]) and "回到线索" in d.row(MSG)
              and re.search(r"\b%s\b" % own, d.row(0)),
              tag + "Ctrl-L repaints the screen and the prompt as typed", d.dump())
        d.key("Enter")
        d.settle(0.5)
    except Abort:
        tap.ok(False, tag + "the prompt walk stopped", d.dump())
    finally:
        leave(d, L)
        quit_desk(d)
    tap.ok(fields(sb, "project", "show", own).get("stage") == L["stage_lead"],
          tag + "the stage is back to 线索 (CLI)", str(fields(sb, "project", "show", own)))


def field_row(d, label):
    for r in range(2, ROWS - 2):
        row = d.row(r)
        if row.startswith("  " + label):
            return r, row
    return None, ""


def intake(tap, sb, S):
    """Items 6-9, 19: the intake form."""
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, L)
    pasted = ("企业计划在本区建设研发中心。\x1b第二段：" + "需要协调用地和人才公寓。" * 12 +
              "\n结束")
    new_id = None
    try:
        jump(d, "XMLR")
        must(check_screen(tap, d, L["intake"], tag + "the intake form opens", row=0))
        # Saving an empty form: the first required field, said once.
        d.key("F2")
        d.settle(0.5)
        text = d.text()
        said = [ln for ln in text.split("\n") if ln.strip().startswith(L["empty"])]
        check(tap, d, len(said) == 1 and L["empty"] not in d.row(MSG),
              tag + "a form error is said once, with the language's colon", text)
        r, row = field_row(d, L["ent_name"])
        check(tap, d, r is not None and d.cursor()[0] == r, tag + "the cursor on the empty field")
        must(goto_field(d, L["ent_name"]))
        d.type(S["ent"])
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["proj_name"]))
        d.type(S["proj"])
        must(goto_field(d, L["stage"]))
        d.key("F4")
        must(d.wait_for(L["find"], 3))
        shown = d.text()
        check(tap, d, L["lead"] in shown and L["talks"] in shown and L["production"] not in shown,
              tag + "F4 on the stage: only the stages a new project may take", shown)
        d.key("Esc")
        d.settle()
        must(goto_field(d, L["industry"]))
        d.key("F4")
        must(d.wait_for(L["find"], 3))
        d.key("Enter")
        d.settle(0.3)
        must(goto_field(d, L["summary"]))
        # A bracketed paste with an Esc and a line end inside.
        d.send(b"\x1b[200~" + pasted.encode("utf-8") + b"\x1b[201~")
        d.settle(0.8)
        check(tap, d, L["leave"] not in d.text(), tag + "an Esc inside a paste does not leave the form",
              d.dump())
        check(tap, d, L["whole"] in d.text() and "结束" in d.text() and
              "企业计划在本区建设研发中心" in d.text(),
              tag + "the long text shows whole, wrapped below the form", d.dump())
        d.key("PgDn")
        d.settle()
        must(goto_field(d, L["invest"]))
        d.type("1200000")
        d.key("Tab")
        d.settle()
        r, row = field_row(d, L["invest"])
        check(tap, d, "120亿元" in row, tag + "1200000 is echoed 120亿元", row)
        d.key("PgDn")
        d.settle()
        r, row = field_row(d, L["district"])
        check(tap, d, L["mine"] in row, tag + "区县 is the officer's district already", row)
        must(goto_field(d, L["phone"]))
        d.type("1380013800")
        d.key("Tab")
        d.settle()
        r, row = field_row(d, L["phone"])
        check(tap, d, L["mobile"] in row, tag + "a 10-digit mobile number is warned about", row)
        must(goto_field(d, L["sign"]))
        d.type("2025-01-01")
        d.key("Tab")
        d.settle()
        r, row = field_row(d, L["sign"])
        check(tap, d, L["past"] in row, tag + "a past expected signing date is warned about", row)
        # Another district: refused on save, the cursor on 区县.
        must(goto_field(d, L["district"]))
        d.key("C-u")
        d.type(L["other"])
        d.key("PgDn")
        d.settle()
        d.key("Up")
        d.key("Up")
        d.key("F2")
        d.settle(0.8)
        r, row = field_row(d, L["district"])
        check(tap, d, r is not None and d.cursor()[0] == r,
              tag + "refused for the district: the cursor on 区县, on its step", d.dump())
        check(tap, d, L["denied"] in d.row(ROWS - 3) and L["denied"] not in d.row(MSG),
              tag + "the refusal is said on the field's line, not twice", d.row(MSG))
        check(tap, d, L["other"] in row, tag + "what was typed stays", row)
        d.key("C-u")
        d.type(L["mine"])
        d.key("F2")
        d.settle(1.0)
        m = re.search(r"\b(\d+)\b", d.row(0))
        check(tap, d, L["page"] in d.row(0) and m and L["intake"] not in d.row(0),
              tag + "after the save: the new project's page", d.row(0))
        new_id = m.group(1) if m else None
    except Abort:
        tap.ok(False, tag + "the intake walk stopped", d.dump())
    finally:
        leave(d, L)
        quit_desk(d)
    f = fields(sb, "project", "show", new_id) if new_id else {}
    tap.ok(f.get("name") == S["proj"] and f.get("district") == "Haidian",
          tag + "saved: the project, in 海淀区 (CLI)", str(f))
    want = pasted.replace("\x1b", "").replace("\n", " ")
    tap.ok(f.get("summary") == want, tag + "the summary is the pasted text (CLI)",
          f.get("summary", ""))
    tap.ok(f.get("investment", "").startswith("1,200,000"),
          tag + "the investment saved is 1200000万元 (CLI)", f.get("investment", ""))


def import_key(tap, sb, S):
    """Item 12: Esc i in the project library."""
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, L)
    try:
        jump(d, L["library"])
        d.settle(0.5)
        d.key("Esc-i")
        d.settle(0.5)
        check(tap, d, L["imp"] in d.row(MSG), tag + "Esc i in the project library asks what to import",
              d.row(MSG))
        d.key("Esc")
        d.settle(0.3)
        d.key("Esc")
        d.settle(0.3)
        jump(d, "空间资源载体")
        d.settle(0.5)
        d.key("Esc-i")
        d.settle(0.5)
        check(tap, d, L["imp"] in d.row(MSG), tag + "Esc i in 空间资源载体 asks what to import",
              d.dump())
    finally:
        leave(d, L)
        quit_desk(d)


def sync_bar(tap, sb, S):
    """Item 5: F6 (enrol a copy) is offered only to whom may use it."""
    L, tag = S["L"], "[%s] " % S["name"]
    for who, offered in (("city1", False), (None, True)):
        d = start(sb, L, who=who)
        try:
            jump(d, "TB")
            d.settle(0.5)
            bar = d.row(ROWS - 1)
            check(tap, d, ("F6" in bar) == offered,
                  tag + "the sync screen's key bar %s F6 for %s" % ("offers" if offered else "has no",
                                                                 who or "the administrator"), bar)
            d.key("F6")
            d.settle(0.3)
            if not offered:
                check(tap, d, L["enrol_denied"] in d.row(MSG),
                      tag + "F6 there all the same: refused, saying who may", d.row(MSG))
        finally:
            leave(d, L)
            quit_desk(d)


def main():
    tap = Tap(deadline=400)
    sb = Sandbox(projects=300)
    ok, other, own = setup(tap, sb)
    if ok:
        for i, S in enumerate(SETUPS):
            refusals(tap, sb, S, other[i])
            stale_draft(tap, sb, S, other[i])
            prompt(tap, sb, S, own[i])
            intake(tap, sb, S)
            import_key(tap, sb, S)
            sync_bar(tap, sb, S)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
