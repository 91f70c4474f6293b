#!/usr/bin/env python3
"""sync.py - the sync screen and the conflict queue in a pty at 80x24.

Two copies of one city, made with the command line as tests/cli/sync.sh
makes them: the city (node 1) and a Nanhu laptop (node 2), each enrolled
with the other.  The same fields of one project are changed on both and
the bundles exchanged, so both hold the same conflicts.  Then, in the
desk: the home screen counts them and Enter on the count opens the
queue; one conflict is resolved by keeping A, one by a typed value (from
the project page, whose fields in conflict are marked '!'; a value the
field refuses is said and stays typed); the sync screen writes a bundle
for the laptop, which the laptop reads with `zsdesk sync import`; F6
enrols a third copy (a bad key is refused, named, and kept) and Enter
revokes it; an officer of another district is refused the sync screen and
the resolution.  Every effect is checked through the command line
(`conflict list`, `project show`, `node list`).  In zh_CN.UTF-8 and
en_US.UTF-8, and the marks and the queue once more in a GB18030 terminal.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Desk, Sandbox, Tap, check, check_screen, choose, cli, fields, jump,  # noqa: E402
                     open_project, quit_desk, rows_of, run_tests, start_desk)

ROWS, COLS = 24, 80
MSG = ROWS - 2


class On:
    """The sandbox's commands on another copy for a while."""

    def __init__(self, sb, db):
        self.sb, self.db = sb, db

    def __enter__(self):
        self.old, self.sb.db = self.sb.db, self.db
        return self.sb

    def __exit__(self, *exc):
        self.sb.db = self.old


def run(sb, *args, who=None):
    out = cli(sb, *args, who=who)
    if "zsdesk:" in out and "conflict" not in out and "warning" not in out:
        raise RuntimeError("%s: %s" % (" ".join(args), out))
    return out


def key_of(sb):
    return re.search(r"^key ([0-9a-f]{64})$", cli(sb, "node", "show"), re.M).group(1)


def exchange(sb, lap):
    """The laptop's bundle to the city, the city's to the laptop."""
    with On(sb, lap):
        run(sb, "sync", "export", "--for", "1", os.path.join(sb.dir, "l.zsb"))
    run(sb, "sync", "import", os.path.join(sb.dir, "l.zsb"))
    run(sb, "sync", "export", "--for", "2", os.path.join(sb.dir, "c.zsb"))
    with On(sb, lap):
        run(sb, "sync", "import", os.path.join(sb.dir, "c.zsb"))


def setup(sb):
    lap = os.path.join(sb.dir, "lap")
    for s in [("init", "--profile", "jiaxing", "--single-user"),
              ("officer", "add", "--login", "wang", "--name", "王五", "--role", "desk",
               "--district", "nanhu"),
              ("officer", "add", "--login", "li", "--name", "李四", "--role", "desk",
               "--district", "xiuzhou"),
              ("enterprise", "add", "--name", "嘉兴华芯半导体有限公司"),
              ("project", "add", "--name", "华芯功率芯片项目", "--enterprise", "1",
               "--industry", "集成电路", "--investment", "12亿", "--district", "nanhu"),
              ("node", "init")]:
        run(sb, *s)
    run(sb, "backup", lap)
    with On(sb, lap):
        run(sb, "node", "init", "--node", "2")
        lk = key_of(sb)
    ck = key_of(sb)
    # the laptop's officers: any (the desk runs as the login of the test)
    run(sb, "node", "enroll", "2", "--key", lk, "--district", "南湖区", "--name", "南湖笔记本")
    with On(sb, lap):
        run(sb, "node", "enroll", "1", "--key", ck)
        run(sb, "project", "edit", "1", "--industry", "生物医药", "--name", "华芯功率芯片二期")
    run(sb, "project", "edit", "1", "--industry", "新材料", "--name", "华芯功率芯片一期")
    exchange(sb, lap)
    return lap


def conflicts(sb):
    return rows_of(sb, "conflict", "list")


def _selected(d, r):
    """True when row r is drawn in the select look (reverse or a background)."""
    line = d.screen.buffer[r]
    cells = [line[c] for c in range(2, 30)]
    return any(c.reverse or (c.bg not in ("default", None)) for c in cells if c.data.strip())


def zh_resolve_and_export(tap, sb):
    lap = sb.lap
    before = conflicts(sb)
    tap.ok(len(before) == 2, "the city holds two conflicts (%d)" % len(before))
    d = start_desk(sb, [], "zh_CN.UTF-8", ROWS, COLS)
    check_screen(tap, d, re.compile(r"待处理的副本冲突\s+2\b"), "zh: home counts 2 open conflicts")
    # Enter on the count opens the queue.
    for _ in range(12):
        r = d.find("待处理的副本冲突")
        if r and d.row(r[0])[:4].strip() == ">":
            break
        d.key("Down")
        d.settle(0.1)
    d.key("Enter")
    check_screen(tap, d, "冲突处理", "zh: Enter on the count opens the conflict queue", row=0)
    check_screen(tap, d, re.compile(r"产业方向\s+生物医药\s+新材料"),
                 "zh: the queue shows the industry conflict, both values")
    check(tap, d, "华芯功率芯片一期" in d.text(), "zh: the record by its name")
    # Select the industry row and open it.
    for _ in range(3):
        r = d.find("产业方向")
        if r and _selected(d, r[0]):
            break
        d.key("Down")
        d.settle(0.1)
    d.key("Enter")
    check_screen(tap, d, "保留 A：生物医药", "zh: Enter shows both sides and the choices")
    check(tap, d, "南湖笔记本" in d.text() and re.search(r"2026-\d\d-\d\d \d\d:\d\d", d.text()),
          "zh: who, when (local time) and which copy")
    d.type("a")
    check_screen(tap, d, "已解决", "zh: a keeps A and says so", row=MSG)
    check_screen(tap, d, re.compile(r"1 个待处理"), "zh: the conflict left the queue", row=0)
    left = conflicts(sb)
    tap.ok(len(left) == 1 and "Industry" not in left[0][3],
           "zh: conflict list no longer has the industry conflict", diag=repr(left))
    tap.ok(fields(sb, "project", "show", "1").get("industry") == "Biomedicine",
           "zh: project show has side A's industry")
    d.key("Esc")
    # The project page marks the name in conflict; Enter resolves there.
    open_project(d, "1")
    check_screen(tap, d, re.compile(r"项目名称\s+华芯功率芯片一期 !"),
                 "zh: the project page marks the field in conflict with '!'")
    check(tap, d, "冲突：项目名称" in d.text(), "zh: and a line 冲突：项目名称 under the fields")
    d.key("Enter")
    choose(d, "解决冲突")
    check_screen(tap, d, "保留 B：华芯功率芯片一期", "zh: 解决冲突 opens the conflict's choices")
    d.type("n")
    check_screen(tap, d, "项目名称的新值", "zh: n asks for a new value", row=MSG)
    d.key("C-u")
    d.type("华芯功率芯片项目（合并）")
    d.key("Enter")
    check_screen(tap, d, "已解决", "zh: the typed value resolves it", row=MSG)
    tap.ok(conflicts(sb) == [], "zh: conflict list is empty")
    tap.ok(fields(sb, "project", "show", "1").get("name") == "华芯功率芯片项目（合并）",
           "zh: project show has the typed name")
    d.key("Esc")
    check_screen(tap, d, lambda d: "华芯功率芯片项目（合并）" in d.text() and " !" not in d.text()
                 and "冲突：" not in d.text(), "zh: back on the page, no mark left")
    d.key("Esc")
    # The sync screen writes a bundle for the laptop.
    jump(d, "TB")
    check_screen(tap, d, "同步", "zh: TB opens the sync screen", row=0)
    check_screen(tap, d, re.compile(r"^\s+2\s+南湖笔记本\s+南湖区"), "zh: the laptop among the peers",
                 row=5)
    check(tap, d, re.search(r"本机：节点 1", d.text()) and key_of(sb) in d.text(),
          "zh: this copy's node and whole key")
    d.key("Enter")
    choose(d, "写出同步包")
    check_screen(tap, d, "写入文件", "zh: asks for the file", row=MSG)
    path = os.path.join(sb.dir, "desk-for-2.zsb")
    d.key("C-u")
    d.type(path)
    d.key("Enter")
    check_screen(tap, d, re.compile(r"已写出.*节点 2"), "zh: the stats are shown after the export")
    tap.ok(os.path.exists(path) and not os.path.exists(path + ".part"), "zh: the bundle file is there")
    size = os.path.getsize(path)
    d.key("Enter")
    choose(d, "写出同步包")
    check_screen(tap, d, path, "zh: the file named last is offered again", row=MSG)
    d.key("Enter")
    check_screen(tap, d, re.compile(r"已存在.*[(（]y/n[)）]"), "zh: writing over it is asked first", row=MSG)
    d.type("n")
    d.settle()
    tap.ok(os.path.getsize(path) == size, "zh: no is no: the file stays as it was")
    quit_desk(d)
    with On(sb, lap):
        out = cli(sb, "sync", "import", path)
        tap.ok(re.search(r"from node 1: .* [1-9]\d* operations applied", out) is not None,
               "zh: the laptop imports the desk's bundle", diag=out)
        tap.ok(conflicts(sb) == [], "zh: the laptop's queue is empty too")
        tap.ok(fields(sb, "project", "show", "1").get("name") == "华芯功率芯片项目（合并）",
               "zh: the laptop has the resolved name")


def en_laptop(tap, sb):
    lap = sb.lap
    with On(sb, lap):
        run(sb, "project", "edit", "1", "--investment", "15亿", "--park", "")
    run(sb, "project", "edit", "1", "--investment", "13亿")
    with On(sb, lap):
        run(sb, "project", "edit", "1", "--industry", "集成电路")
    run(sb, "project", "edit", "1", "--industry", "新能源")
    exchange(sb, lap)
    with On(sb, lap):
        n = len(conflicts(sb))
        tap.ok(n == 2, "the laptop holds two new conflicts (%d)" % n)
        d = start_desk(sb, [], "en_US.UTF-8", ROWS, COLS)
        check_screen(tap, d, re.compile(r"Conflicts between copies to resolve\s+2\b"),
                     "en: home counts 2 open conflicts")
        jump(d, "CTCL")
        check_screen(tap, d, "Conflicts", "en: CTCL opens the queue", row=0)
        for _ in range(3):
            r = d.find("Total investment")
            if r and _selected(d, r[0]):
                break
            d.key("Down")
            d.settle(0.1)
        d.key("Enter")
        check_screen(tap, d, "n  Type a new value for Total investment", "en: the investment conflict")
        d.type("n")
        check_screen(tap, d, "New value for Total investment", "en: asks the new value", row=MSG)
        d.key("C-u")
        d.type("lots")
        d.key("Enter")
        check_screen(tap, d, lambda d: "not an amount" in d.row(MSG) and "resolved" not in d.row(MSG),
                     "en: a value the field refuses is said", row=None)
        tap.ok(len(conflicts(sb)) == 2, "en: and nothing is resolved")
        d.type("n")
        check_screen(tap, d, lambda d: d.row(MSG).startswith("New value for Total investment:")
                     and d.row(MSG).rstrip().endswith("lots"), "en: the refused text stays typed")
        d.key("C-u")
        d.type("14亿")
        d.key("Enter")
        check_screen(tap, d, "resolved", "en: 14亿 resolves it", row=MSG)
        inv = fields(sb, "project", "show", "1").get("investment", "")
        tap.ok("14" in inv, "en: project show has the typed investment (%s)" % inv)
        check_screen(tap, d, re.compile(r"1 open"), "en: one conflict left", row=0)
        d.key("Enter")
        check_screen(tap, d, "a  Keep A:", "en: Enter opens the industry conflict")
        d.key("Enter")  # the first choice: keep A
        check_screen(tap, d, "resolved", "en: Enter on Keep A resolves it", row=MSG)
        tap.ok(conflicts(sb) == [], "en: conflict list is empty on the laptop")
        d.key("Esc")
        check_screen(tap, d, lambda d: "My work" in d.text() and "Conflicts between" not in d.text(),
                     "en: back home, the count of conflicts is gone")
        tap.ok(fields(sb, "project", "show", "1").get("industry") == "Integrated circuits",
               "en: project show has side A's industry (the laptop's)",
               diag=repr(fields(sb, "project", "show", "1").get("industry")))
        # Enrol a third copy from the sync screen, then revoke it.
        third = os.path.join(sb.dir, "third")
        run(sb, "backup", third)
        with On(sb, third):
            run(sb, "node", "init", "--node", "3")
            mk = key_of(sb)
        jump(d, "TB")
        check_screen(tap, d, "Sync", "en: TB opens the sync screen", row=0)
        check(tap, d, "This copy: node 2" in d.text(), "en: the laptop is node 2")
        d.key("F6")
        check_screen(tap, d, "Enrol a copy", "en: F6 opens the enrolment form")
        d.type("3x")
        d.key("F2")
        check_screen(tap, d, "Node number: ", "en: a node number that is not one is refused, named")
        d.key("C-u")
        d.type("3")
        d.key("Tab")
        d.type("abc")
        d.key("Tab")
        d.type("南湖区")
        d.key("Tab")
        d.key("Tab")
        d.type("南湖笔记本二号")
        d.key("F2")
        check_screen(tap, d, "Key: a node key is 64 hex digits", "en: a bad key is refused, named")
        check(tap, d, "南湖笔记本二号" in d.text() and "abc" in d.text(), "en: what was typed stays")
        d.key("C-u")
        d.type(mk)
        d.key("F2")
        check_screen(tap, d, "Node 3 enrolled", "en: the good key enrols", row=MSG)
        peers = {r[0]: r for r in rows_of(sb, "node", "list")}
        tap.ok("3" in peers and peers["3"][1] == "南湖笔记本二号" and peers["3"][5] == "active",
               "en: node list shows node 3 enrolled", diag=repr(peers))
        check_screen(tap, d, re.compile(r"^\s+3\s+南湖笔记本二号"), "en: and the screen lists it",
                     row=6)
        d.key("Down")
        d.key("Enter")
        choose(d, "Revoke")
        check_screen(tap, d, "Reason for revoking node 3", "en: revoking asks why", row=MSG)
        d.type("laptop lost")
        d.key("Enter")
        check_screen(tap, d, "Node 3 revoked", "en: revoked", row=MSG)
        peers = {r[0]: r for r in rows_of(sb, "node", "list")}
        tap.ok(peers.get("3", [""] * 6)[5] == "revoked", "en: node list shows node 3 revoked")
        quit_desk(d)


def refusals(tap, sb):
    lap = sb.lap
    with On(sb, lap):
        run(sb, "project", "edit", "1", "--name", "华芯三期")
    run(sb, "project", "edit", "1", "--name", "华芯四期")
    exchange(sb, lap)
    n = len(conflicts(sb))
    tap.ok(n == 1, "one more conflict to refuse (%d)" % n)
    out = cli(sb, "conflict", "list", who="li")
    tap.ok("华芯" not in out and "not shown: 1" in out,
           "conflict list: Xiuzhou's officer sees neither the record nor its values, and is told one is "
           "not shown", diag=out)
    for lang, sync_no, hidden in (("zh_CN.UTF-8", "只有管理员或市投促中心", "另有 1 个属于其他区县的记录"),
                                  ("en_US.UTF-8", "only an administrator or the city office",
                                   "1 more of other districts' records, not shown")):
        d = start_desk(sb, ["--as", "li"], lang, ROWS, COLS)
        check(tap, d, "副本冲突" not in d.text() and "Conflicts between" not in d.text(),
              "%s: Xiuzhou's officer has no conflict of Nanhu's to count on home" % lang)
        jump(d, "TB")
        check_screen(tap, d, sync_no, "%s: an officer of a district is refused the sync screen" % lang)
        check(tap, d, "南湖笔记本" not in d.text(), "%s: and sees no peer" % lang)
        d.key("F6")
        d.settle()
        check(tap, d, "Node number" not in d.text() and "节点编号" not in d.text(),
              "%s: F6 opens no enrolment form" % lang)
        d.key("Esc")
        jump(d, "CTCL")
        check_screen(tap, d, hidden, "%s: the queue says one of another district's is not shown" % lang)
        check(tap, d, "华芯" not in d.text(), "%s: and shows neither its record nor its values" % lang)
        d.key("Enter")
        d.type("a")
        d.settle()
        tap.ok(len(conflicts(sb)) == 1, "%s: the conflict stays open" % lang)
        quit_desk(d)
    # In a GB18030 terminal the mark, the line and the queue read right.
    env = sb.env(lang="zh_CN.UTF-8", XDG_STATE_HOME=os.path.join(sb.dir, "state-gb"))
    d = Desk(["--db", sb.db, "--charset", "GB18030", "--lang", "zh"], env, ROWS, COLS,
             encoding="gb18030")
    d.wait_for("我的工作", 8)
    d.settle()
    check(tap, d, re.search(r"待处理的副本冲突\s+1\b", d.text()), "GB18030: home counts the conflict")
    open_project(d, "1")
    check_screen(tap, d, re.compile(r"项目名称\s+华芯[三四]期 !"), "GB18030: the field is marked '!'")
    check(tap, d, re.search(r"冲突：项目名称  A 华芯[三四]期 / B 华芯[三四]期", d.text()),
          "GB18030: the 冲突： line gives both values")
    d.key("Esc")
    jump(d, "CTCL")
    check_screen(tap, d, re.compile(r"项目名称\s+华芯[三四]期\s+华芯[三四]期"), "GB18030: the queue reads right")
    quit_desk(d)
    # Nanhu's officer sees it and may resolve it.
    d = start_desk(sb, ["--as", "wang"], "zh_CN.UTF-8", ROWS, COLS)
    check_screen(tap, d, re.compile(r"待处理的副本冲突\s+1\b"), "zh: Nanhu's officer counts it on home")
    jump(d, "CTCL")
    d.wait_for("华芯")
    d.key("Enter")
    d.type("b")
    check_screen(tap, d, "已解决", "zh: and resolves it by keeping B", row=MSG)
    tap.ok(conflicts(sb) == [], "zh: conflict list is empty after wang's choice")
    quit_desk(d)


def main():
    tap = Tap(deadline=240)
    sb = Sandbox()
    try:
        sb.lap = setup(sb)
        run_tests(tap, sb, [zh_resolve_and_export, en_laptop, refusals])
    finally:
        sb.cleanup()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
