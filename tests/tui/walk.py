#!/usr/bin/env python3
"""walk.py - an officer's walk through the full-screen desk, end to end.

The issue's "Done when", in three setups at 80x24: zh_CN.UTF-8,
zh_CN.GB18030 through luit (GB18030 bytes between zsdesk and luit, UTF-8
between luit and the terminal), and en_US.UTF-8 with --lang en.  In each:

 1. home opens: title line at row 0, "项目录入"/"Project intake" shown,
    key bar on the last row;
 2. the intake form is reached through the jump box (Ctrl-G, XMLR, Enter);
 3. 北京测试科技有限公司 is typed into the enterprise name; Left, Home,
    End put the cursor where the characters are (two columns each);
    Backspace and Delete remove one character each;
 4. "abc" as the investment shows "not an amount" in the language of the
    desk on the help line; fixing it clears the message;
 5. district (F4 list, filter, Enter), project name, industry (F4 list,
    pinyin initials rgzn, Enter) are filled and F2 saves: "已保存"/"Saved";
    the list's box is drawn with line characters (┌──) in UTF-8 and plain
    ASCII (+--) under GB18030, never as VT100 alternate-set letters
    alternate-charset letters (lqq) that a terminal did not map;
 6. the library (Ctrl-G, XMK) finds the new project by the pinyin
    initials of its name;
 7. the terminal is resized to 120x40 and back to 80x24: title on row 0,
    key bar on the last row, the wider layout's columns come and go, the
    picture equals what a full repaint (Ctrl-L) gives, and back at 80x24
    it equals the picture before the resize;
 8. the intake form is opened again, text typed, and the line hung up
    (the pty closed): zsdesk leaves with status 0 and keeps a draft;
 9. a new zsdesk offers to restore the draft; yes brings the text back;
10. F8 switches the language: the labels change;
11. Ctrl-Q asks, y leaves: status 0, the terminal modes restored, the
    cursor visible and the alternate screen left.
"""
import os
import re
import sys
import termios

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Desk, Sandbox, Tap, check, check_screen, goto_field, width  # noqa: E402

ROWS, COLS = 24, 80
ENTERPRISE = "北京测试科技有限公司"
DRAFT_TEXT = "上海草稿企业"

ZH = dict(
    home="首页", intake="项目录入", library="项目库", search="搜索", saved="已保存",
    not_amount="不是金额", wrong_not_amount="not an amount",
    find="查找", district_filter="hd", industry="人工智能", industry_shown="人工智能",
    industry_other="集成电路", industry_hdr="产业方向", district_shown="海淀区",
    ent_label="企业名称", inv_label="总投资", dist_label="区县", name_label="项目名称",
    ind_label="产业方向",
    step1=re.compile(r"1/\d+ 企业 "), step1_after=re.compile(r"1/\d+ Enterprise "),
    ent_label_after="Enterprise name", lang_msg_after="Language: English",
    restore="要恢复吗", draft_back="草稿已恢复", quit_after="Leave zsdesk?",
    yes_no=re.compile(r"[(（]y/n[)）]"))
EN = dict(
    home="Home", intake="Project intake", library="Project library", search="Search:",
    saved="Saved", not_amount="not an amount", wrong_not_amount="不是金额",
    find="Find:", district_filter="Haidian", industry="Artificial intelligence",
    industry_shown="Artificial",  # the 20-column field, left, shows its start
    district_shown="Haidian",  # a choice shows in the language in use
    industry_other="Integrated circuits", industry_hdr="Industry",
    ent_label="Enterprise name", inv_label="Total investment", dist_label="District",
    name_label="Project name", ind_label="Industry",
    step1=re.compile(r"1/\d+ Enterprise "), step1_after=re.compile(r"1/\d+ 企业 "),
    ent_label_after="企业名称", lang_msg_after="界面语言：中文",
    restore="Restore the unsaved form", draft_back="The draft is back", quit_after="退出 zsdesk",
    yes_no=re.compile(r"[(（]y/n[)）]"))

SETUPS = [
    dict(name="zh_CN.UTF-8", lang="zh_CN.UTF-8", args=[], luit=None, L=ZH,
         project="测试新能源项目", initials="csxnyxm"),
    dict(name="zh_CN.GB18030 via luit", lang="zh_CN.GB18030", args=[], luit="GB18030", L=ZH,
         project="测试储能电站项目", initials="cscndzxm"),
    dict(name="en_US.UTF-8 --lang en", lang="en_US.UTF-8", args=["--lang", "en"], luit=None, L=EN,
         project="测试氢能装备项目", initials="csqnzbxm"),
]


# Entries of the jump box ("XMK    项目库"), not the home menu's "项目库  XMK".
JUMP_XMK = re.compile(r"XMK {4}\S")
JUMP_XMLR = re.compile(r"XMLR {3}\S")


class Abort(Exception):
    """A step the rest of the walk depends on failed."""


def must(ok):
    if not ok:
        raise Abort()


def snapshot(d):
    return [d.row(r) for r in range(d.screen.lines)]


def diff(a, b):
    out = []
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            out.append("row %d: before %r\n        after  %r" % (i, x, y))
    if len(a) != len(b):
        out.append("rows: %d vs %d" % (len(a), len(b)))
    return "\n".join(out)


def frame_ok(d, L, title):
    """Title on row 0, key bar on the last row."""
    last = d.screen.lines - 1
    return (d.row(0).startswith(" zsdesk") and title in d.row(0)
            and d.row(last).startswith("F1 "))


def row_end(d, r):
    """The column after the last non-blank cell of row r."""
    cols = [c for c, ch in d.columns_of(r) if ch.strip()]
    return cols[-1] + (2 if width(d.cell(r, cols[-1]).data) == 2 else 1) if cols else 0


def step_is(n):
    """The form shows step n ("3/5 ...") on its first row."""
    return lambda d: re.match(r" %d/\d " % n, d.row(1)) is not None


def sane_termios(t):
    if not t:
        return False
    iflag, oflag, lflag = t[0], t[1], t[3]
    return bool(lflag & termios.ICANON and lflag & termios.ISIG and oflag & termios.OPOST
                and iflag & termios.ICRNL)


def walk(tap, s):
    L = s["L"]
    tag = "[%s] " % s["name"]
    sb = Sandbox(projects=3000)
    env = sb.env(lang=s["lang"])
    status_file = os.path.join(sb.dir, "status") if s["luit"] else None

    def start():
        return Desk(["--db", sb.db] + s["args"], env, ROWS, COLS, luit=s["luit"],
                    status_file=status_file)

    help_row = ROWS - 3   # the form's help line
    msg_row = ROWS - 2    # the message line
    d = start()

    # 1. home
    must(check_screen(tap, d, lambda d: frame_ok(d, L, L["home"]), tag + "home: title line on row 0, key bar on row 23"))
    check_screen(tap, d, L["intake"], tag + "home shows %s" % L["intake"])

    # 2. intake through the jump box
    d.key("C-g")
    must(check_screen(tap, d, "XMK", tag + "Ctrl-G opens the jump box"))
    d.type("XMLR")
    d.wait_gone(JUMP_XMK)
    d.key("Enter")
    must(check_screen(tap, d, lambda d: L["step1"].search(d.text()) and L["intake"] in d.row(0),
                      tag + "XMLR Enter opens the intake form at step 1"))

    # 3. Chinese text and the cursor
    must(check(tap, d, goto_field(d, L["ent_label"]), tag + "Tab reaches the enterprise name field"))
    row, fx = d.cursor()
    d.type(ENTERPRISE)
    check_screen(tap, d, lambda d: d.span(row, fx, fx + 40).rstrip() == ENTERPRISE,
                 tag + "typed %s shows in the enterprise name" % ENTERPRISE)
    check(tap, d, d.find(ENTERPRISE) == (row, fx), tag + "the text starts at the field's column %d" % fx)
    end = fx + width(ENTERPRISE)
    check_screen(tap, d, lambda d: d.cursor() == (row, end),
                 tag + "cursor after the text at column %d (10 CJK = 20 columns)" % end)
    d.key("Left", "Left")
    check_screen(tap, d, lambda d: d.cursor() == (row, end - 4), tag + "Left Left moves 4 columns")
    d.key("Home")
    check_screen(tap, d, lambda d: d.cursor() == (row, fx), tag + "Home goes to the field start")
    d.key("Right", "Right", "Right")
    check_screen(tap, d, lambda d: d.cursor() == (row, fx + 6), tag + "Right x3 moves 6 columns")
    d.key("End")
    check_screen(tap, d, lambda d: d.cursor() == (row, end), tag + "End goes after the text")
    d.key("Backspace")
    check_screen(tap, d, lambda d: d.span(row, fx, fx + 40).rstrip() == ENTERPRISE[:-1]
                 and d.cursor() == (row, end - 2), tag + "Backspace deletes the last character")
    d.key("Home", "Delete")
    check_screen(tap, d, lambda d: d.span(row, fx, fx + 40).rstrip() == ENTERPRISE[1:-1]
                 and d.cursor() == (row, fx), tag + "Home Delete deletes the first character")
    d.type(ENTERPRISE[0])
    check_screen(tap, d, lambda d: d.cursor() == (row, fx + 2), tag + "typing at the start moves the cursor 2 columns")
    d.key("End")
    d.type(ENTERPRISE[-1])
    check_screen(tap, d, lambda d: d.span(row, fx, fx + 40).rstrip() == ENTERPRISE
                 and d.cursor() == (row, end), tag + "the name is whole again")

    # 4. a validation error, then fixed
    d.key("PgDn", "PgDn")
    must(check_screen(tap, d, step_is(3), tag + "PgDn PgDn reaches step 3 (money)"))
    must(goto_field(d, L["inv_label"]))
    inv_row = d.cursor()[0]
    d.type("abc")
    check_screen(tap, d, L["not_amount"], tag + "investment abc: help line says %s" % L["not_amount"], row=help_row)
    check(tap, d, L["wrong_not_amount"] not in d.text(), tag + "the message is in the desk's language")
    d.key("Backspace", "Backspace", "Backspace")
    d.type("5000")
    check_screen(tap, d, lambda d: "5000" in d.row(inv_row) and L["not_amount"] not in d.text(),
                 tag + "5000 is accepted and the message goes")

    # 5. district, project name, industry; save
    d.key("PgDn")
    must(check_screen(tap, d, step_is(4), tag + "PgDn reaches step 4 (channel)"))
    must(goto_field(d, L["dist_label"]))
    dist_row = d.cursor()[0]
    d.key("F4")
    must(check_screen(tap, d, L["find"], tag + "F4 opens the district list"))
    box = d.find(L["find"])
    border = d.span(box[0] - 1, box[1] - 2, box[1] + 10) if box else ""
    # UTF-8 terminals get line drawing; GB18030 ones plain ASCII, which no
    # legacy terminal garbles and which is one column wide in CJK fonts.
    want = "+--" if "GB18030" in tag else "┌──"
    check(tap, d, border.startswith(want), tag + "the list's border is drawn (%r)" % border)
    d.type(L["district_filter"])
    check_screen(tap, d, lambda d: L["district_shown"] in d.text() and "东城区" not in d.text()
                 and "Dongcheng" not in d.text(),
                 tag + "filter %s leaves %s" % (L["district_filter"], L["district_shown"]))
    d.key("Enter")
    check_screen(tap, d, lambda d: L["find"] not in d.text() and L["district_shown"] in d.row(dist_row),
                 tag + "Enter puts %s in the district field" % L["district_shown"])
    d.key("PgUp", "PgUp")
    must(check_screen(tap, d, step_is(2), tag + "PgUp PgUp back to step 2 (project)"))
    must(goto_field(d, L["name_label"]))
    name_row = d.cursor()[0]
    d.type(s["project"])
    check_screen(tap, d, s["project"], tag + "project name typed", row=name_row)
    must(check(tap, d, goto_field(d, L["ind_label"]), tag + "Tab reaches the industry field"))
    ind_row = d.cursor()[0]
    d.key("F4")
    must(check_screen(tap, d, L["find"], tag + "F4 opens the industry list"))
    d.type("rgzn")
    if not check_screen(tap, d, lambda d: L["industry"] in d.text() and L["industry_other"] not in d.text(),
                        tag + "pinyin initials rgzn narrow the industries to %s" % L["industry"]):
        # go on with the walk: narrow by the shown name instead
        d.key("C-u")
        d.type(L["industry"].split()[0])
        d.wait_for(lambda d: L["industry_other"] not in d.text())
    d.key("Enter")
    check_screen(tap, d, lambda d: L["find"] not in d.text() and L["industry_shown"] in d.row(ind_row),
                 tag + "Enter puts %s in the industry field" % L["industry"])
    d.key("F2")
    must(check_screen(tap, d, L["saved"], tag + "F2 saves: message line says %s" % L["saved"], row=msg_row))
    check(tap, d, "3001" in d.row(msg_row) and "3001" in d.row(0) and L["intake"] not in d.row(0),
          tag + "saved as project 3001, whose page shows")
    d.key("Esc")
    check_screen(tap, d, lambda d: frame_ok(d, L, L["home"]), tag + "Esc: back on the home screen")

    # 6. library, pinyin search
    d.key("C-g")
    d.wait_for("XMK")
    d.type("XMK")
    d.wait_gone(JUMP_XMLR)
    d.key("Enter")
    must(check_screen(tap, d, lambda d: L["library"] in d.row(0) and L["search"] in d.row(1),
                      tag + "Ctrl-G XMK Enter opens the library"))
    d.type(s["initials"])
    check_screen(tap, d, lambda d: s["project"] in d.text() and "1/1" in d.row(1),
                 tag + "search %s finds %s (1/1)" % (s["initials"], s["project"]))
    d.settle()

    # 7. resize and back
    before = snapshot(d)
    d.resize(40, 120)
    check_screen(tap, d, lambda d: frame_ok(d, L, L["library"]) and L["industry_hdr"] in d.row(2),
                      tag + "at 120x40: title row 0, key bar row 39, the Industry column appears")
    d.settle()
    wide = snapshot(d)
    check(tap, d, s["project"] in d.text() and "1/1" in d.row(1) and d.row(0).rstrip().endswith(
        "单机" if L is ZH else "single user") and row_end(d, 0) >= 118,
          tag + "at 120x40: title spans the width, the search and its result stay")
    check(tap, d, all(d.row(r) == "" for r in range(4, 38)),
          tag + "at 120x40: no leftovers of the 80x24 picture in the empty rows")
    d.key("C-l")
    d.settle()
    check(tap, d, snapshot(d) == wide, tag + "at 120x40: the picture equals a full repaint (Ctrl-L)",
          diff(wide, snapshot(d)))
    d.resize(ROWS, COLS)
    check_screen(tap, d, lambda d: frame_ok(d, L, L["library"]) and L["industry_hdr"] not in d.row(2),
                 tag + "back at 80x24: title row 0, key bar row 23, the Industry column goes")
    d.settle()
    check(tap, d, snapshot(d) == before, tag + "back at 80x24: the picture equals the one before resizing",
          diff(before, snapshot(d)))

    # 8. intake again, type, hang up
    d.key("C-g")
    d.wait_for("XMK")
    d.type("xmlr")
    d.wait_gone(JUMP_XMK)
    d.key("Enter")
    must(check_screen(tap, d, L["step1"], tag + "Ctrl-G xmlr Enter opens the intake form again"))
    must(goto_field(d, L["ent_label"]))
    d.type(DRAFT_TEXT)
    must(check_screen(tap, d, DRAFT_TEXT, tag + "typed %s" % DRAFT_TEXT))
    d.hangup("close")
    status = d.zsdesk_status(8)
    tap.ok(status == 0, tag + "hang-up (pty closed): zsdesk exits with status 0", "status %r" % (status,))
    drafts = sb.drafts()
    text = ""
    for f in drafts:
        with open(os.path.join(sb.state, "zsdesk", "drafts", f), encoding="utf-8") as fh:
            text += fh.read()
    tap.ok(DRAFT_TEXT in text, tag + "a draft with the typed text is kept", "drafts %r: %r" % (drafts, text))
    d.close()

    # 9. start again, restore
    d = start()
    must(check_screen(tap, d, lambda d: L["restore"] in d.row(msg_row - 1) + d.row(msg_row)
                      and L["yes_no"].search(d.row(msg_row)),
                      tag + "a new start offers to restore the draft (wrapped above the message line when long)"))
    d.type("y")
    check_screen(tap, d, lambda d: L["step1"].search(d.text()) and DRAFT_TEXT in d.text()
                 and L["draft_back"] in d.row(msg_row), tag + "y brings the typed text back")
    ent = d.find(DRAFT_TEXT)
    lab = d.find(L["ent_label"])
    check(tap, d, ent and lab and ent[0] == lab[0], tag + "the text is back in the enterprise name field")

    # 10. language
    d.key("F8")
    check_screen(tap, d, lambda d: L["ent_label_after"] in d.text() and L["ent_label"] not in d.text()
                 and L["step1_after"].search(d.text()), tag + "F8 switches the labels (%s -> %s)" % (L["ent_label"], L["ent_label_after"]))
    check_screen(tap, d, L["lang_msg_after"], tag + "F8 says %s" % L["lang_msg_after"], row=msg_row)
    check(tap, d, DRAFT_TEXT in d.text(), tag + "the typed text stays after F8")

    # 11. quit
    t0 = d.termios()
    d.key("C-q")
    check_screen(tap, d, lambda d: L["quit_after"] in d.row(msg_row) and L["yes_no"].search(d.row(msg_row)),
                 tag + "Ctrl-Q asks before leaving (in the new language)")
    d.type("y")
    status = d.zsdesk_status(5)
    tap.ok(status == 0, tag + "y: zsdesk exits with status 0", "status %r\n%s" % (status, d.dump()))
    d.wait_exit(5)
    t1 = d.termios()
    tap.ok(sane_termios(t1) and not sane_termios(t0),
           tag + "terminal modes restored (raw while running; canonical, signals, output processing after)",
           "running %r\nafter %r" % (t0, t1))
    rmcup = d.caps.get("rmcup") or b""
    tail = bytes(d.raw[-300:])
    check(tap, d, not d.cursor_hidden() and (not rmcup or b"\x1b[?1049l" in tail),
          tag + "cursor visible and the alternate screen left", "tail %r" % tail)
    d.close()


def main():
    tap = Tap(deadline=150)
    for s in SETUPS:
        try:
            walk(tap, s)
        except Abort:
            tap.diag("[%s] walk stopped: a step the rest depends on failed" % s["name"])
        except Exception as e:  # a harness problem: report, go on with the next setup
            tap.ok(False, "[%s] walk raised %s: %s" % (s["name"], type(e).__name__, e))
    tap.done()


if __name__ == "__main__":
    main()
