#!/usr/bin/env python3
"""screens.py - README's screens, captured from the real program.

Every screen shown in README.md stands in a code block right after a line
`<!-- screen: NAME -->`; this script drives the desk in a pty at 80x24
(zh_CN.UTF-8, the 3000-project demo city, the clock at 2026-11-22 10:00)
to each named screen and captures it.

  screens.py          check (make check): each block must be the screen the
                      program shows now, so README's screens cannot go stale
  screens.py --write  rewrite the blocks of README.md from the program

The account running it appears in the title line; it is written as
"root", the account the demo is made with on a fresh machine.
"""
import getpass
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import SRCDIR, ZSDESK, Desk, Sandbox, Tap, jump  # noqa: E402

README = os.path.join(SRCDIR, "README.md")
ROWS, COLS = 24, 80
MARK = re.compile(r"^<!-- screen: ([a-z-]+) -->\n```\n(.*?)```\n", re.M | re.S)


# name: how to get there from the home screen, and what shows when there
SCREENS = {
    "home": (lambda d: None, "首页"),
    "library": (lambda d: (jump(d, "XMK"), d.type("th yf"), d.settle()), "项目库"),
    "intake": (lambda d: jump(d, "XMLR"), "项目录入"),
    "register": (lambda d: jump(d, "SDDJ"), "首谈登记"),
    "issues": (lambda d: jump(d, "QYSQ"), "企业诉求"),
    "decisions": (lambda d: jump(d, "SJDJ"), "市级待决事项"),
    "followups": (lambda d: (jump(d, "2015"), d.key("C-y")), "跟进记录"),
    "enterprise": (lambda d: (jump(d, "2015"), d.key("Esc-e")), "企业详情"),
    "issue": (lambda d: (jump(d, "QYSQ"), d.key("Enter"), d.settle(), d.type("诉求详情"), d.settle(),
                         d.key("Enter")), "诉求详情"),
    "events": (lambda d: jump(d, "推介活动库"), "推介活动库"),
    "sync": (lambda d: jump(d, "TB"), "同步"),
    "conflicts": (lambda d: (jump(d, "CTCL"), d.wait_for("华芯"), d.key("Enter")), "冲突处理"),
}


def sync_db(sb):
    """A copy of the demo city that has enrolled a Haidian laptop (node 2)
    and holds a conflict with it: one project's industry and investment
    changed on both (the demo's own database stays as it is)."""
    city = os.path.join(sb.dir, "sync-city")
    if os.path.isdir(city):
        return city
    lap = os.path.join(sb.dir, "sync-lap")
    env = sb.env(lang="C.UTF-8")

    def z(db, *args):
        r = subprocess.run([ZSDESK, "--db", db, "--lang", "en"] + list(args), env=env,
                           capture_output=True, timeout=120)
        if r.returncode:
            raise RuntimeError("%s: %s" % (" ".join(args), r.stderr.decode(errors="replace")))
        return r.stdout.decode()

    z(sb.db, "backup", city)
    z(city, "node", "init")
    z(city, "backup", lap)
    z(lap, "node", "init", "--node", "2")
    key = re.compile(r"^key ([0-9a-f]{64})$", re.M)
    z(city, "node", "enroll", "2", "--key", key.search(z(lap, "node", "show")).group(1),
      "--district", "haidian", "--name", "海淀区 3 号笔记本", "--reason", "新配笔记本")
    z(lap, "node", "enroll", "1", "--key", key.search(z(city, "node", "show")).group(1))
    pid = z(city, "project", "list", "--district", "haidian", "--format", "tsv").splitlines()[1].split("\t")[0]
    z(lap, "project", "edit", pid, "--industry", "集成电路", "--name", "华芯功率芯片二期")
    z(city, "project", "edit", pid, "--industry", "人工智能", "--name", "华芯功率芯片一期")
    bundle = os.path.join(sb.dir, "sync-l.zsb")
    z(lap, "sync", "export", "--for", "1", bundle)
    z(city, "sync", "import", bundle)
    return city


# screens drawn on another database than the demo's, and how to make it
DATABASES = {"sync": sync_db, "conflicts": sync_db}
# what changes from run to run (a fresh key pair; the wall clock of an
# exchange) is written as one fixed text
STEADY = [(re.compile(r"[0-9a-f]{64}"), "9c1f" * 16),
          (re.compile(r"\d\d-\d\d \d\d:\d\d(?=  )"), "11-22 10:00")]


def capture(sb, name):
    """The screen called name, as text (trailing blank rows dropped)."""
    go, title = SCREENS[name]
    db = DATABASES[name](sb) if name in DATABASES else sb.db
    d = Desk(["--db", db], sb.env(), ROWS, COLS)
    d.wait_for("首页", timeout=15)
    d.settle(quiet=0.3)
    go(d)
    d.wait_for(title, row=0)
    d.settle(quiet=0.5)
    text = d.text().rstrip("\n")
    d.close() if hasattr(d, "close") else None
    if name in DATABASES:
        for pat, steady in STEADY:
            text = pat.sub(steady, text)
    me = getpass.getuser()
    if me != "root":
        text = text.replace(me, "root".ljust(len(me)) if len(me) >= 4 else "root")
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def main():
    write = "--write" in sys.argv
    readme = open(README, encoding="utf-8").read()
    blocks = MARK.findall(readme)
    tap = Tap(deadline=240)
    sb = Sandbox(projects=3000)
    got = {}
    for name, _ in blocks:
        if name not in SCREENS:
            tap.ok(False, "README names a screen screens.py does not know: %s" % name)
            continue
        got[name] = capture(sb, name)
    if write:
        def put(m):
            return "<!-- screen: %s -->\n```\n%s```\n" % (m.group(1), got.get(m.group(1), m.group(2)))
        open(README, "w", encoding="utf-8").write(MARK.sub(put, readme))
        print("wrote %d screens into %s" % (len(got), README))
        sb.cleanup()
        return 0
    tap.ok(len(blocks) >= len(SCREENS), "README shows every screen screens.py captures (%d of %d)"
           % (len(blocks), len(SCREENS)))
    for name, shown in blocks:
        if name in got:
            tap.ok(shown == got[name], "README's %s screen is what the program shows now" % name,
                   diag="README:\n%s\nprogram:\n%s\n(run tests/tui/screens.py --write)" %
                   (shown, got[name]))
    sb.cleanup()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
