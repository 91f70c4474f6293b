#!/usr/bin/env python3
"""keys.py - keys, terminals and the field editor of the full-screen desk.

Covers:
 * function-key fallbacks: Esc 1 opens help, Esc 0 the menu, Ctrl-T help;
   PuTTY's F1 (ESC [ 1 1 ~) opens help; Esc , and Esc . move between the
   steps of a form as the action table says;
 * the help screen lists, for every action shown, the keys of the action
   table in src/ui/keys.c (parsed here), on the home screen and on a form
   (whose help also names the form); a user key file (menu = F11) shows
   in the key bar and help and works;
 * the jump box: xmlr (lower-case pinyin initials) and 项目录入 both reach
   the intake form; ":" opens the box on the home screen;
 * typed-ahead keys: a burst of keys sent at once is honoured in order;
 * TERM=vt100, screen, linux, xterm, xterm-256color, tmux, tmux-256color, putty (their terminfo is
   installed) start, show home, take F1 and leave with status 0; an
   unknown TERM fails with one line and a non-zero status;
 * the focused field and the selected menu row are visible (reverse or a
   background colour) on a monochrome and on a colour terminal (the
   field's room left; its text is plain, so a typed character costs only
   its own bytes);
 * 40x10 is enough for the home screen; smaller terminals (39x10, 40x9,
   20x5, 10x2) show "too small" without crashing, and the desk comes back
   at 80x24; starting at 30x8 shows the message and Ctrl-Q still leaves;
 * the field editor: a long Chinese text typed into a narrow field (the
   enterprise contact, 12 columns) scrolls horizontally, never draws past
   the box and never splits a double-width character at its edge, while
   typing, moving Home/Right/End; the box is exactly the width in the form
   file; on a 40-column terminal the clipped name field obeys the same;
 * F8 switches labels and the problems shown on fields to the other
   language, and back;
 * SIGHUP sent to zsdesk (kill -HUP) in the middle of a form keeps a draft;
 * a key file with a bad line is reported as "FILE line N: ..." on the
   message line and the desk goes on; a FIFO in its place is refused at
   once, not waited on;
 * every list (home, the jump box, the library, a pick list, the register,
   the issues) moved by Down, Up, PgDn, PgUp, End and Home draws what a
   full repaint (Ctrl-L) draws, with the selection where the keys put it;
 * the prompts of the message line take what their answers need: F9 on a
   project page, a stage, a full date (2026-11-20) and a reason of 120
   Chinese characters move the project, as the command line then shows,
   in Chinese and in English.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (SRCDIR, ZSDESK, Desk, Sandbox, Tap, check, check_screen, ctrl,  # noqa: E402
                     goto_field, terminfo, width)

ROWS, COLS = 24, 80
TOO_SMALL = re.compile(r"too small|太小")


# ---------------------------------------------------------------- the table

def action_table():
    """{label: keys} and {name: (label, keys)} from src/ui/keys.c."""
    path = os.path.join(SRCDIR, "src", "ui", "keys.c")
    with open(path, encoding="utf-8") as f:
        src = f.read()
    rows = re.findall(r'\{ACT_\w+,\s*"([\w-]+)",\s*N_\("((?:[^"\\]|\\.)*)"\),\s*"([^"]*)"\}', src)
    return {label: keys for name, label, keys in rows}, {name: (label, keys) for name, label, keys in rows}


def pretty(k):
    """A key of the table as help shows it ("C-t" -> "Ctrl-T")."""
    if re.fullmatch(r"C-[a-z]", k):
        return "Ctrl-" + k[2].upper()
    if k.startswith("C-"):
        return "Ctrl-" + k[2:]
    if k.startswith("Esc-"):
        return "Esc " + k[4:]
    if k == "S-Tab":
        return "Shift-Tab"
    return k


def expected_keys(table_keys, user=""):
    keys = (user.split() if user else []) + table_keys.split()
    return ", ".join(pretty(k) for k in keys)


def help_rows(d):
    """(label, keys) of the help rows on the screen."""
    out = []
    for r in range(1, d.screen.lines - 3):
        if d.span(r, 0, 4) == "    " and d.span(r, 4, 24).strip():
            out.append((d.span(r, 4, 24).strip(), d.span(r, 26, d.screen.columns).strip()))
    return out


def keybar_labels(d):
    """Labels of the key bar ("F1 Help  Ctrl-G Go to" -> Help, Go to)."""
    bar = d.row(d.screen.lines - 1)
    return [re.sub(r"^\S+ ", "", item) for item in re.split(r"  +", bar.strip()) if " " in item]


# ---------------------------------------------------------------- helpers

def home(tap, d, name):
    return check_screen(tap, d, lambda d: d.row(0).startswith(" zsdesk")
                        and d.row(d.screen.lines - 1).startswith("F1 "), name)


def open_intake(d):
    d.key("C-g")
    d.wait_for("XMK")
    d.type("xmlr")
    d.wait_gone(re.compile(r"XMK {4}\S"))
    d.key("Enter")
    return d.wait_for(lambda d: re.match(r" 1/\d ", d.row(1)) is not None)


def form_width(field):
    """The width of a field in forms/intake.form."""
    with open(os.path.join(SRCDIR, "forms", "intake.form"), encoding="utf-8") as f:
        m = re.search(r"^field = %s \| width = (\d+)" % re.escape(field), f.read(), re.M)
    return int(m.group(1)) if m else None


def highlighted(cell):
    return cell.reverse or cell.bg != "default"


# ---------------------------------------------------------------- tests

def test_fallbacks(tap, sb):
    d = Desk(["--db", sb.db], sb.env(), ROWS, COLS)
    home(tap, d, "home screen at 80x24")
    helpt = re.compile(r"首页的按键")
    d.esc_digit(1)
    check_screen(tap, d, helpt, "Esc 1 opens help")
    d.key("Esc")
    check_screen(tap, d, lambda d: not helpt.search(d.text()) and "我的工作" in d.text(), "Esc closes help")
    d.esc_digit(0)
    check_screen(tap, d, "菜单：", "Esc 0 opens the menu")
    d.key("Esc")
    check_screen(tap, d, lambda d: "菜单：" not in d.text(), "Esc closes the menu")
    d.send(b"\x1b[11~")
    check_screen(tap, d, helpt, "PuTTY F1 (ESC [11~) opens help")
    d.key("Esc")
    d.wait_gone(helpt)
    d.send(ctrl("t"))
    check_screen(tap, d, helpt, "Ctrl-T opens help")
    d.key("Esc")
    d.wait_gone(helpt)
    d.key("F10")
    check_screen(tap, d, "菜单：", "F10 opens the menu")
    d.type("3")
    check_screen(tap, d, lambda d: re.match(r" 1/\d ", d.row(1)), "digit 3 in the menu opens its third entry (项目录入)")
    d.key("Esc")
    check_screen(tap, d, "我的工作", "Esc leaves an untouched form without asking")
    d.key("F10")
    d.wait_for("菜单：")
    d.type("3")
    d.wait_for(lambda d: re.match(r" 1/\d ", d.row(1)))
    d.key("PgDn")
    check_screen(tap, d, lambda d: re.match(r" 2/\d ", d.row(1)), "PgDn: step 2")
    d.send(b"\x1b.")
    check_screen(tap, d, lambda d: re.match(r" 3/\d ", d.row(1)), "Esc . (next-step in the table): step 3")
    d.send(b"\x1b,")
    check_screen(tap, d, lambda d: re.match(r" 2/\d ", d.row(1)),
                 "Esc , (page-up in the table: PgUp Esc-,): back to step 2", timeout=2)
    d.settle(0.6)
    if "我的工作" not in d.text():
        d.key("Esc")
        d.wait_for("我的工作")
    d.key("C-q")
    tap.ok(d.wait_exit(5) == 0, "Ctrl-Q on home leaves with status 0")
    d.close()


def test_help_table(tap, sb):
    by_label, by_name = action_table()
    tap.ok(len(by_label) > 20, "the action table of src/ui/keys.c is read (%d actions)" % len(by_label))
    d = Desk(["--db", sb.db, "--lang", "en"], sb.env(lang="en_US.UTF-8"), ROWS, COLS)
    home(tap, d, "en: home screen")
    bar = keybar_labels(d)
    d.key("F1")
    check_screen(tap, d, "Keys of Home", "en: F1 on home opens 'Keys of Home'")
    rows = help_rows(d)
    bad = [(lab, keys, expected_keys(by_label[lab])) for lab, keys in rows
           if lab in by_label and keys != expected_keys(by_label[lab])]
    unknown = [lab for lab, _ in rows if lab not in by_label]
    tap.ok(rows and not bad and not unknown, "home help: every row's keys are the table's (%d rows)" % len(rows),
           "differ: %r\nnot in the table: %r\n%s" % (bad, unknown, d.dump()))
    missing = [lab for lab in bar if lab not in [r[0] for r in rows]]
    tap.ok(bar and not missing, "home help lists every action of the key bar %r" % bar, "missing %r" % missing)
    d.key("Esc")
    d.wait_gone("Keys of")
    # a form: its own keys, then the shared and the typing keys, over pages
    open_intake(d)
    bar = keybar_labels(d)
    d.key("F1")
    check_screen(tap, d, "Keys of", "en: F1 on the intake form opens help")
    title = d.row(1)
    check(tap, d, "Project intake" in title and "Project-Id-Version" not in title,
          "form help is titled with the form's name", "row 1: %r" % title)
    seen = []
    for _ in range(4):
        for r in help_rows(d):
            if r not in seen:
                seen.append(r)
        d.key("PgDn")
        d.settle(0.1)
    bad = [(lab, keys, expected_keys(by_label[lab])) for lab, keys in seen
           if lab in by_label and keys != expected_keys(by_label[lab])]
    tap.ok(seen and not bad, "form help: every row's keys are the table's (%d rows)" % len(seen),
           "\n".join("%s: help says %r, the table gives %r" % b for b in bad))
    labels = [r[0] for r in seen]
    want = bar + [by_name[n][0] for n in ("next-field", "previous-field", "left", "right", "home", "end",
                                         "backspace", "delete", "page-up", "page-down") if n in by_name]
    missing = [lab for lab in want if lab not in labels]
    tap.ok(not missing, "form help lists the key bar's and the typing actions", "missing %r" % missing)
    d.key("Esc")
    d.wait_gone("Keys of")
    d.key("Esc")
    d.wait_for("My work")
    d.key("C-q")
    d.wait_exit(5)
    d.close()

    # a user key file: menu = F11
    keyfile = os.path.join(sb.config, "zsdesk", "keys")
    os.makedirs(os.path.dirname(keyfile), exist_ok=True)
    with open(keyfile, "w") as f:
        f.write("# test\nmenu = F11\n")
    d = Desk(["--db", sb.db, "--lang", "en"], sb.env(lang="en_US.UTF-8"), ROWS, COLS)
    home(tap, d, "en: home with a user key file")
    check(tap, d, "F11 Menu" in d.row(ROWS - 1), "key bar shows the user's key first (F11 Menu)")
    d.key("F1")
    d.wait_for("Keys of Home")
    rows = dict(help_rows(d))
    want = expected_keys(by_name["menu"][1], "F11")
    tap.ok(rows.get("Menu") == want, "help shows the user's key, then the table's (%s)" % want,
           "help: %r" % rows.get("Menu"))
    d.key("Esc")
    d.wait_gone("Keys of")
    d.key("F11")
    check_screen(tap, d, "Menu:", "F11 opens the menu")
    d.key("Esc")
    d.wait_gone("Menu:")
    d.key("C-q")
    d.wait_exit(5)
    d.close()
    os.remove(keyfile)


def test_jump(tap, sb):
    d = Desk(["--db", sb.db], sb.env(), ROWS, COLS)
    home(tap, d, "home for the jump box")
    d.key("C-g")
    check_screen(tap, d, "转到：", "Ctrl-G opens the jump box")
    d.type("xmlr")
    check_screen(tap, d, lambda d: re.search(r"XMLR {3}项目录入", d.text()) and not re.search(r"XMK {4}\S", d.text()),
                 "xmlr (lower-case pinyin initials) leaves only XMLR 项目录入")
    d.key("Enter")
    check_screen(tap, d, lambda d: re.match(r" 1/\d ", d.row(1)) and "项目录入" in d.row(0), "Enter opens the intake form")
    d.key("Esc")
    d.wait_for("我的工作")
    d.key("C-g")
    d.wait_for("转到：")
    d.type("项目录入")
    check_screen(tap, d, lambda d: re.search(r"XMLR {3}项目录入", d.text()) and not re.search(r"XMK {4}\S", d.text()),
                 "项目录入 typed in the jump box leaves only that entry")
    d.key("Enter")
    check_screen(tap, d, lambda d: re.match(r" 1/\d ", d.row(1)) and "项目录入" in d.row(0), "and Enter opens the intake form")
    d.key("Esc")
    d.wait_for("我的工作")
    d.type(":")
    check_screen(tap, d, "转到：", "':' on home opens the jump box")
    d.type("xmk")
    d.wait_gone(re.compile(r"XMLR {3}\S"))
    d.key("Enter")
    check_screen(tap, d, lambda d: "项目库" in d.row(0) and "搜索" in d.row(1), "xmk Enter opens the library")
    d.key("Esc")
    d.wait_for("我的工作")
    d.key("C-q")
    d.wait_exit(5)
    d.close()


def test_typeahead(tap, sb):
    d = Desk(["--db", sb.db], sb.env(), ROWS, COLS)
    home(tap, d, "home for typed-ahead keys")
    k = d.keyseq
    burst = (ctrl("g") + b"xmlr\r\t" + "北京测试".encode() + k("PgDn") + k("PgDn") + b"5000"
             + k("PgUp") + "测试项目".encode() + k("Left") + k("Backspace") + b"\x1b1")
    d.send(burst)
    check_screen(tap, d, lambda d: "通用按键" in d.text() and d.row(ROWS - 1).startswith("Esc "),
                 "burst: ends on help (Esc 1 last)")
    d.key("Esc")
    check_screen(tap, d, lambda d: re.match(r" 2/\d ", d.row(1)) and re.search(r"项目名称\*\s+测试目$", d.row(3)),
                 "burst: step 2, the project name is 测试目 (Left, Backspace applied)")
    y, x = d.cursor()
    pos = d.find("测试目")
    check(tap, d, pos and (y, x) == (pos[0], pos[1] + 4), "burst: the cursor is before 目")
    d.key("PgUp")
    check_screen(tap, d, lambda d: re.search(r"企业名称\*?\s+北京测试$", d.text(), re.M), "burst: the enterprise name is 北京测试")
    d.key("PgDn", "PgDn")
    check_screen(tap, d, lambda d: re.search(r"总投资\*?\s+5,?000", d.text()), "burst: the investment is 5000")
    # a longer burst of plain characters: nothing lost
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    d.key("PgUp", "PgUp")
    d.wait_for(lambda d: re.match(r" 1/\d ", d.row(1)))
    goto_field(d, "企业类型")
    d.send(text.encode())
    check_screen(tap, d, text, "burst of %d Chinese characters arrives whole" % len(text))
    d.key("C-q")
    d.wait_for(re.compile(r"[(（]y/n"))
    d.type("y")
    tap.ok(d.wait_exit(5) == 0, "Ctrl-Q y leaves with status 0")
    d.close()


def test_terms(tap, sb):
    for term in ("vt100", "screen", "linux", "xterm", "xterm-256color", "tmux", "tmux-256color",
                 "putty"):
        # ./bootstrap installs ncurses-term, which has every one of these.
        if not terminfo(term):
            tap.ok(False, "TERM=%s" % term, "no terminfo entry: install ncurses-term")
            continue
        env = sb.env(term=term, XDG_STATE_HOME=os.path.join(sb.dir, "state-" + term))
        d = Desk(["--db", sb.db], env, ROWS, COLS)
        ok = home(tap, d, "TERM=%s: home screen (title row 0, key bar row 23)" % term)
        check(tap, d, ok and "我的工作" in d.text() and "zsdesk:" not in d.text(),
              "TERM=%s: home content, no error" % term)
        d.key("F1")
        check_screen(tap, d, "首页的按键", "TERM=%s: F1 (terminfo kf1) opens help" % term)
        d.key("Esc")
        d.wait_gone("首页的按键")
        open_intake(d)
        goto_field(d, "企业名称")
        d.type("北京")
        d.wait_for("北京")
        pos = d.find("北京")
        d.key("Left")
        check_screen(tap, d, lambda d: pos and d.cursor() == (pos[0], pos[1] + 2),
                     "TERM=%s: typing 北京 and Left puts the cursor on 京" % term)
        d.key("S-Tab")
        check_screen(tap, d, lambda d: pos and d.cursor()[0] == pos[0] - 1, "TERM=%s: Shift-Tab goes back a field" % term)
        d.key("C-q")
        d.wait_for(re.compile(r"[(（]y/n"))
        d.type("y")
        st = d.wait_exit(5)
        tap.ok(st == 0, "TERM=%s: Ctrl-Q y leaves with status 0" % term, "status %r" % st)
        d.close()
    d = Desk(["--db", sb.db], sb.env(term="no-such-terminal-type"), ROWS, COLS)
    st = d.wait_exit(5)
    d.settle(0.1)
    tap.ok(st not in (0, None) and re.search(r"^zsdesk: .*no-such-terminal-type", d.text(), re.M),
           "an unknown TERM: one line naming it, non-zero status", "status %r\n%s" % (st, d.dump()))
    d.close()


def test_highlight(tap, sb):
    for term in ("vt100", "xterm-256color"):
        env = sb.env(term=term, XDG_STATE_HOME=os.path.join(sb.dir, "state-hl-" + term))
        d = Desk(["--db", sb.db], env, ROWS, COLS)
        home(tap, d, "TERM=%s: home" % term)
        d.key("F10")
        d.wait_for("菜单：")
        pos = d.find("SY     首页")
        check(tap, d, pos and highlighted(d.cell(*pos)), "TERM=%s: the selected menu row is highlighted" % term,
              "cell %r" % (d.cell(*pos) if pos else None,))
        d.key("Esc")
        d.wait_gone("菜单：")
        open_intake(d)
        goto_field(d, "企业名称")
        d.type("ab")
        d.wait_for("ab")
        y, x = d.cursor()
        # The room left in the box is highlighted; the text typed is plain,
        # so that a typed character costs only its own bytes.
        check(tap, d, highlighted(d.cell(y, x)) and highlighted(d.cell(y, x + 3))
              and not highlighted(d.cell(y, x - 2)),
              "TERM=%s: the focused field is highlighted (the room left), its text plain" % term,
              "cells %r %r %r" % (d.cell(y, x - 2), d.cell(y, x), d.cell(y, x + 3)))
        d.key("C-q")
        d.wait_for(re.compile(r"[(（]y/n"))
        d.type("y")
        d.wait_exit(5)
        d.close()


def test_small(tap, sb):
    env = sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-small"))
    d = Desk(["--db", sb.db], env, 10, 40)
    check_screen(tap, d, lambda d: d.row(0).startswith(" zsdesk") and d.row(9).startswith("F1 ")
                 and not TOO_SMALL.search(d.text()), "40x10: the home screen, not 'too small'")
    for rows, cols in ((10, 39), (9, 40), (5, 20), (2, 10)):
        d.resize(rows, cols)
        check_screen(tap, d, lambda d: TOO_SMALL.search(d.text()) or (cols < 20 and "终端窗口" in d.text()),
                     "%dx%d: says the terminal is too small" % (cols, rows))
        tap.ok(d.alive(), "%dx%d: still running" % (cols, rows))
    d.key("Down")  # a key while too small
    d.settle(0.2)
    tap.ok(d.alive(), "a key while too small does not crash")
    d.resize(ROWS, COLS)
    check_screen(tap, d, lambda d: d.row(0).startswith(" zsdesk") and d.row(ROWS - 1).startswith("F1 ")
                 and not TOO_SMALL.search(d.text()), "back at 80x24: the desk is drawn again")
    d.key("C-q")
    st = d.wait_exit(5)
    tap.ok(st == 0, "Ctrl-Q leaves with status 0 after all that", "status %r" % st)
    d.close()
    d = Desk(["--db", sb.db], env, 8, 30)
    check_screen(tap, d, TOO_SMALL, "starting at 30x8: says the terminal is too small")
    d.key("C-q")
    st = d.wait_exit(5)
    tap.ok(st == 0, "starting at 30x8: Ctrl-Q still leaves with status 0", "status %r" % st)
    d.close()


def field_view_ok(d, row, fx, w, full):
    """Problems of the view of a w-column field at (row, fx) showing a
    part of full; empty when fine."""
    probs = []
    cells = d.columns_of(row)
    inside = [(c, ch) for c, ch in cells if fx <= c < fx + w]
    for c, ch in inside:
        if width(ch) == 2 and c + 1 >= fx + w:
            probs.append("a wide character %r at column %d is split by the edge %d" % (ch, c, fx + w))
    for c, ch in cells:
        if fx + w <= c < fx + w + 1 and ch.strip():
            probs.append("text beyond the box at column %d: %r" % (c, ch))
        if fx - 2 <= c < fx and ch.strip():
            probs.append("text before the box at column %d: %r" % (c, ch))
    used = sum(width(ch) for c, ch in inside)
    if used > w:
        probs.append("%d columns shown in a %d-column box" % (used, w))
    shown = "".join(ch for c, ch in inside).rstrip()
    if shown and shown not in full:
        probs.append("shown %r is not a part of the text" % shown)
    y, x = d.cursor()
    if y != row or not fx <= x < fx + w:
        probs.append("cursor (%d,%d) outside the box %d..%d" % (y, x, fx, fx + w - 1))
    elif d.cell(y, x).data == "":
        probs.append("cursor on the second half of a wide character at %d" % x)
    return probs


def test_narrow_field(tap, sb):
    w = form_width("enterprise.contact") or 12
    d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-field")), ROWS, COLS)
    home(tap, d, "home for the field editor")
    open_intake(d)
    tap.ok(goto_field(d, "联系人"), "Tab reaches the contact field (%d columns wide)" % w)
    row, fx = d.cursor()
    # the box: underlined when not focused
    d.key("S-Tab")
    d.wait_for(lambda d: d.cursor()[0] == row - 1)
    under = [c for c in range(COLS) if d.cell(row, c).underscore]
    tap.ok(under == list(range(fx, fx + w)), "the contact box is columns %d..%d" % (fx, fx + w - 1),
           "underlined columns %r" % under)
    d.key("Tab")
    d.wait_for(lambda d: d.cursor() == (row, fx))
    text = "a张三李四王五赵六钱七孙八周九吴十郑"  # 18 characters, 35 columns
    probs = []
    for i, ch in enumerate(text):
        d.type(ch)
        d.wait_for(lambda d: d.cursor() != (row, -1) and text[:i + 1][-1] in d.row(row), 2)
        d.settle(0.03)
        p = field_view_ok(d, row, fx, w, text)
        if p:
            probs.append("after %r: %s" % (text[:i + 1], "; ".join(p)))
    tap.ok(not probs, "typing %d characters: the view stays in the box, no wide character split" % len(text),
           "\n".join(probs[:5]) + "\n" + d.dump())
    shown = d.span(row, fx, fx + w).rstrip()
    check(tap, d, shown and text.endswith(shown) and width(shown) >= w - 3,
          "at the end the tail of the text is shown (%r)" % shown)
    d.key("Home")
    d.wait_for(lambda d: d.cursor() == (row, fx), 2)
    shown = d.span(row, fx, fx + w).rstrip()
    check(tap, d, d.cursor() == (row, fx) and text.startswith(shown) and width(shown) >= w - 2,
          "Home shows the start (%r) with the cursor at the box start" % shown)
    probs = []
    for i in range(len(text)):
        d.key("Right")
        d.settle(0.05)
        p = field_view_ok(d, row, fx, w, text)
        if p:
            probs.append("after Right x%d: %s" % (i + 1, "; ".join(p)))
        y, x = d.cursor()
        if i + 1 < len(text) and d.cell(y, x).data != text[i + 1]:
            probs.append("after Right x%d: cursor on %r, not %r" % (i + 1, d.cell(y, x).data, text[i + 1]))
    tap.ok(not probs, "Right through the text: the character under the cursor is always whole and in view",
           "\n".join(probs[:5]) + "\n" + d.dump())
    d.key("Tab")
    d.wait_for(lambda d: d.cursor()[0] == row + 1)
    shown = d.span(row, fx, fx + w + 2)
    check(tap, d, width(shown.rstrip()) <= w, "unfocused, the field shows at most %d columns (%r)" % (w, shown))

    # a 40-column terminal clips the 40-column name field
    d.resize(12, 40)
    d.wait_for(lambda d: d.row(0).startswith(" zsdesk"))
    goto_field(d, "企业名称")
    nrow, nfx = d.cursor()
    d.type("北京市海淀区中关村大街测试科技有限公司")
    d.settle()
    nw = 40 - 1 - nfx
    p = field_view_ok(d, nrow, nfx, nw, "北京市海淀区中关村大街测试科技有限公司")
    tap.ok(not p and not d.cell(nrow, 39).data.strip(), "40x12: the name field is clipped to %d columns, nothing split or past it" % nw,
           "; ".join(p) + "\n" + d.dump())
    d.resize(ROWS, COLS)
    d.wait_for(lambda d: d.row(ROWS - 1).startswith("F1 "))
    d.key("C-q")
    d.wait_for(re.compile(r"[(（]y/n"))
    d.type("y")
    d.wait_exit(5)
    d.close()


def test_language_switch(tap, sb):
    d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-lang")), ROWS, COLS)
    home(tap, d, "home for F8")
    open_intake(d)
    d.key("PgDn", "PgDn")
    d.wait_for(lambda d: re.match(r" 3/\d ", d.row(1)))
    goto_field(d, "总投资")
    row = d.cursor()[0]
    d.type("abc")
    d.key("Tab")
    check_screen(tap, d, lambda d: "不是金额" in d.row(row), "abc left in the investment: the problem is shown after the box")
    d.key("F8")
    check_screen(tap, d, lambda d: "Total investment" in d.row(row), "F8: the label is English")
    check(tap, d, "not an amount" in d.row(row) and "不是金额" not in d.text(),
          "F8: the problem shown after the box is English too", "row %d: %r" % (row, d.row(row)))
    d.key("F8")
    check_screen(tap, d, lambda d: "总投资" in d.row(row) and "界面语言：中文" in d.row(ROWS - 2),
                 "F8 again: Chinese labels, 界面语言：中文")
    d.key("C-q")
    d.wait_for(re.compile(r"[(（]y/n"))
    d.type("y")
    d.wait_exit(5)
    d.close()


def test_sighup(tap, sb):
    state = os.path.join(sb.dir, "state-hup")
    d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=state), ROWS, COLS)
    home(tap, d, "home for kill -HUP")
    open_intake(d)
    goto_field(d, "企业名称")
    d.type("挂断测试")
    d.wait_for("挂断测试")
    d.hangup("sighup")
    st = d.wait_exit(5)
    tap.ok(st == 0, "kill -HUP mid-form: zsdesk exits with status 0", "status %r" % st)
    ddir = os.path.join(state, "zsdesk", "drafts")
    text = "".join(open(os.path.join(ddir, f), encoding="utf-8").read() for f in os.listdir(ddir)) \
        if os.path.isdir(ddir) else ""
    tap.ok("挂断测试" in text, "kill -HUP mid-form: the typed text is in a draft", repr(text))
    d.close()


def test_key_file_problems(tap, sb):
    keyfile = os.path.join(sb.config, "zsdesk", "keys")
    os.makedirs(os.path.dirname(keyfile), exist_ok=True)
    line = re.compile(re.escape(keyfile) + r" (line 3|第 3 行)")
    for text, what in (("# mine\n\nmenu F11\n", "a line without ="), ("\n\nbogus = F11\n", "an unknown action"),
                       ("help = F1\n#\nmenu = F99\n", "an unknown key")):
        with open(keyfile, "w") as f:
            f.write(text)
        d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-kf")), ROWS, COLS)
        home(tap, d, "key file with %s: the home screen" % what)
        check_screen(tap, d, line, "key file with %s: the message names the file and line 3" % what, row=ROWS - 2)
        d.key("C-q")
        tap.ok(d.wait_exit(5) == 0, "key file with %s: Ctrl-Q still leaves" % what)
        d.close()
    os.remove(keyfile)
    os.mkfifo(keyfile)
    d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-kf")), ROWS, COLS)
    home(tap, d, "a FIFO as the key file: the desk starts (the FIFO is not waited on)")
    check_screen(tap, d, keyfile, "a FIFO as the key file: the message names it", row=ROWS - 2)
    d.key("C-q")
    d.wait_exit(5)
    d.close()
    os.remove(keyfile)


def selected_rows(d, c0=2, c1=60):
    """Rows below the title with a highlighted cell between c0 and c1."""
    return [r for r in range(1, d.screen.lines - 1)
            if any(highlighted(d.cell(r, c)) for c in range(c0, c1))]


def test_list_moves(tap, sb):
    d = Desk(["--db", sb.db], sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-lists")), ROWS, COLS)
    home(tap, d, "home for the list moves")
    d.settle()

    def same(name, keys, expect=None):
        for k in keys:
            d.key(k)
            d.settle(0.1)
        d.settle(0.4)  # a lone Esc waits for a digit
        before = [d.row(r) for r in range(ROWS)]
        sel = selected_rows(d)
        d.key("C-l")
        d.settle(0.2)
        after = [d.row(r) for r in range(ROWS)]
        diff = ["row %d: moved %r\n        full  %r" % (i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]
        ok = not diff and (expect is None or expect(d, sel))
        tap.ok(ok, name, "\n".join(diff) + "\nselected rows %r\n%s" % (sel, d.dump()))

    first = d.find("XMK")  # the home menu: the last rows scroll into view
    work = d.find("我负责的项目")[0]  # the first work row
    same("home: Down Down Up equals a full repaint, the second work row selected",
         ["Down", "Down", "Up"], lambda d, sel: sel == [work + 1])
    same("home: End, then Home (scrolled both ways) equal a full repaint",
         ["End", "Home"], lambda d, sel: sel == [work] and d.find("XMK") == first)
    d.key("C-g")
    d.wait_for("转到：")
    same("jump box: Down Down End Up equals a full repaint", ["Down", "Down", "End", "Up"],
         lambda d, sel: [r for r in selected_rows(d, 16, 60) if "ZYK" in d.row(r)] == selected_rows(d, 16, 60) != [])
    d.type("xmk")
    d.wait_gone(re.compile(r"XMLR {3}\S"))
    d.key("Enter")
    d.wait_for(lambda d: "搜索" in d.row(1))
    same("library: Down Down Up PgDn PgDn Down PgUp equals a full repaint",
         ["Down", "Down", "Up", "PgDn", "PgDn", "Down", "PgUp"],
         lambda d, sel: re.search(r"\b21/\d+", d.row(1)) is not None)
    same("library: End reaches the last project, Up the one before",
         ["End", "Up"], lambda d, sel: re.search(r"\b199/200\b", d.row(1)) and sel == [ROWS - 5])
    same("library: Home goes back to the first", ["Home"],
         lambda d, sel: re.search(r"\b1/200\b", d.row(1)) and sel == [3])
    d.key("F12")
    d.wait_for("查找")
    same("pick list: Down Down Up PgDn Home equals a full repaint", ["Down", "Down", "Up", "PgDn", "Home"])
    d.key("Esc")
    d.wait_gone("查找")
    d.key("Esc")
    d.wait_for("我的工作")
    for code, title in (("sddj", "首谈登记"), ("qysq", "企业诉求")):
        d.key("C-g")
        d.wait_for("转到：")
        d.type(code)
        d.settle(0.1)
        d.key("Enter")
        d.wait_for(lambda d: title in d.row(0))
        same("%s: Down Down Up PgDn End Home equals a full repaint" % title,
             ["Down", "Down", "Up", "PgDn", "End", "Home"])
        d.key("Esc")
        d.wait_for("我的工作")
    d.key("C-q")
    d.wait_exit(5)
    d.close()


def cli(sb, *args):
    """Runs the command line on the sandbox's database; its output."""
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", "en"] + list(args), env=sb.env(lang="C.UTF-8"),
                       capture_output=True, timeout=30)
    return r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")


def talks_project(sb, skip=()):
    """(id, name) of a project in talks whose name no other project has."""
    rows = [line.split("\t") for line in cli(sb, "project", "list", "--format", "tsv").splitlines()[1:]]
    names = [r[1] for r in rows if len(r) > 6]
    for r in rows:
        if len(r) > 6 and r[6] == "Negotiating" and names.count(r[1]) == 1 and r[0] not in skip:
            return r[0], r[1]
    return None, None


def test_stage_prompt(tap, sb):
    reason = ("企业因原址规划调整决定退出本区项目洽谈" * 6)[:120]
    done = []
    for lang, args, L in (("zh_CN.UTF-8", [], dict(search="搜索", stage="退出", exited="Exited",
                                                   date_q="新阶段日期", reason_q="原因", moved="阶段已改为")),
                          ("en_US.UTF-8", ["--lang", "en"], dict(search="Search:", stage="Exited", exited="Exited",
                                                                 date_q="Date of the new stage", reason_q="Reason:",
                                                                 moved="Stage is now"))):
        tag = "[%s] " % lang
        pid, name = talks_project(sb, done)
        if not tap.ok(pid, tag + "a project in talks to move (the command line lists one)"):
            continue
        done.append(pid)
        d = Desk(["--db", sb.db] + args, sb.env(lang=lang, XDG_STATE_HOME=os.path.join(sb.dir, "state-st-" + lang)),
                 ROWS, COLS)
        home(tap, d, tag + "home for the stage prompt")
        d.key("C-g")
        d.wait_for("XMK")
        d.type("XMK")
        d.wait_gone(re.compile(r"XMLR {3}\S"))
        d.key("Enter")
        d.wait_for(lambda d: L["search"] in d.row(1))
        d.type(name)
        d.wait_for(lambda d: "1/1" in d.row(1))
        d.key("Enter")
        check_screen(tap, d, lambda d: re.search(r"\b%s\b" % pid, d.row(0)), tag + "Enter opens project %s" % pid)
        d.key("F9")
        d.wait_for(re.compile(r"查找|Find:"))
        d.type(L["stage"])
        d.wait_for(lambda d: L["stage"] in d.text())
        d.key("Enter")
        check_screen(tap, d, L["date_q"], tag + "F9, %s, Enter asks for the date" % L["stage"], row=ROWS - 2)
        d.key("C-u")
        d.type("2026-11-20")
        check_screen(tap, d, "2026-11-20", tag + "the whole date 2026-11-20 can be typed", row=ROWS - 2)
        d.key("Enter")
        check_screen(tap, d, L["reason_q"], tag + "Enter takes the date and asks for the reason", row=ROWS - 2)
        d.type(reason)
        d.settle()
        d.key("Enter")
        check_screen(tap, d, L["moved"], tag + "Enter moves the project (%s)" % L["moved"], row=ROWS - 2)
        d.key("C-q")
        d.wait_exit(5)
        d.close()
        show = cli(sb, "project", "show", pid)
        check(tap, d, re.search(r"^Stage +%s$" % L["exited"], show, re.M)
              and re.search(r"^Stage date +2026-11-20$", show, re.M),
              tag + "project show %s: stage Exited on 2026-11-20" % pid, show)
        hist = cli(sb, "--format", "tsv", "project", "history", pid)
        check(tap, d, reason in hist, tag + "the history keeps the whole reason (120 characters)", hist[-2000:])


def test_bytes(tap, sb):
    """What a key costs on the line: a Chinese character typed in a field
    is its own 3 bytes; a move in the library changes two numbers' cells
    (at 160 columns, where rows are not cut and no whole-row hint follows);
    a burst of 10 moves typed ahead is drawn once."""
    env = sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-bytes"))
    d = Desk(["--db", sb.db], env, ROWS, 160)
    home(tap, d, "160 columns: home, for the bytes of a key")
    open_intake(d)
    goto_field(d, "企业名称")
    d.settle()
    sizes = []
    for ch in "嘉兴华芯":
        n = len(d.raw)
        d.type(ch)
        d.wait_for(lambda d: ch in d.text())
        d.settle(0.1)
        sizes.append(len(d.raw) - n)
    check(tap, d, sizes == [3] * 4, "a Chinese character typed in a field costs its own 3 bytes (%r)" % sizes)
    d.close()
    # (a state of its own: the form left above is offered back otherwise)
    env = sb.env(XDG_STATE_HOME=os.path.join(sb.dir, "state-bytes-list"))
    d = Desk(["--db", sb.db], env, ROWS, 160)
    home(tap, d, "160 columns: home again")
    d.key("C-g")
    d.wait_for("XMK")
    d.type("xmk")
    d.wait_gone(re.compile(r"XMLR {3}\S"))
    d.key("Enter")
    d.wait_for(lambda d: re.search(r"\b1/\d+", d.row(1)))
    d.settle()
    sizes = []
    for i in range(5):
        n = len(d.raw)
        d.key("Down")
        d.wait_for(lambda d: re.search(r"\b%d/\d+" % (i + 2), d.row(1)))
        d.settle(0.1)
        sizes.append(len(d.raw) - n)
    check(tap, d, max(sizes) < 160, "a move in the library sends under 160 bytes (%r)" % sizes)
    n = len(d.raw)
    d.send(d.keyseq("Down") * 10)  # within the page: no scroll
    check_screen(tap, d, lambda d: re.search(r"\b16/\d+", d.row(1)), "a burst of 10 moves ends on row 16")
    d.settle(0.4)
    check(tap, d, len(d.raw) - n < 400, "the burst is drawn once: %d bytes, not some 10 x 77" % (len(d.raw) - n))
    d.key("C-q")
    d.wait_exit(5)
    d.close()


def main():
    tap = Tap(deadline=150)
    sb = Sandbox(projects=200)
    for t in (test_fallbacks, test_help_table, test_jump, test_typeahead, test_terms, test_highlight,
              test_small, test_narrow_field, test_language_switch, test_sighup, test_key_file_problems, test_list_moves, test_stage_prompt,
              test_bytes):
        try:
            t(tap, sb)
        except Exception as e:
            tap.ok(False, "%s raised %s: %s" % (t.__name__, type(e).__name__, e))
    tap.done()


if __name__ == "__main__":
    main()
