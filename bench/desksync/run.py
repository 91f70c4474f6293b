#!/usr/bin/env python3
"""bench/desksync/run.py - what open conflicts cost the desk.

A demo city of P projects (default 3000) and a laptop copy of it; the
same field of N projects (default 500) is changed on both and the
laptop's bundle imported, so the city holds N open conflicts.  Times, on
the city: `zsdesk conflict list`; the desk's start until the home screen
shows its count (administrator: zs_conflict_count; a district officer:
each conflict's record read for what he may see); the conflict queue
opening; a project page with a conflict opening.  The same desk times
without conflicts are taken first, on the same database before the
import.

  bench/desksync/run.py [P] [N]     uses ./build/zsdesk
Writes bench/desksync/results-<date>.txt.  The projects are of every district:
the district officer (Haidian) sees only his own district's conflicts.
"""
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("ZSDESK", os.path.join(TOP, "build", "zsdesk"))
os.environ.setdefault("ZSDESK_LOCALEDIR", os.path.join(TOP, "build", "locale", "mo"))
os.environ.setdefault("ZSDESK_DATADIR", os.path.join(TOP, "forms"))
sys.path.insert(0, os.path.join(TOP, "tests", "tui"))
from harness import ZSDESK, Desk, Sandbox  # noqa: E402


def z(sb, db, *args):
    r = subprocess.run([ZSDESK, "--db", db, "--lang", "en"] + list(args),
                       env=sb.env(lang="C.UTF-8"), capture_output=True, timeout=600)
    if r.returncode:
        raise RuntimeError("%s: %s" % (" ".join(args), r.stderr.decode(errors="replace")))
    return r.stdout.decode()


def timed(fn):
    t = time.time()
    fn()
    return time.time() - t


def go(d, code, shown):
    """The jump box with code typed, once it offers it (Enter not yet)."""
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type(code)
    d.wait_for(lambda d: any(shown in d.row(r) for r in range(3, 20)), 10)
    d.settle(0.2)


def desk_times(sb, db, who, pid):
    """Seconds to the home screen, to the queue, to a project page."""
    args = ["--db", db] + (["--as", who] if who else [])
    out = {}
    t = time.time()
    d = Desk(args, sb.env(), 24, 80)
    d.wait_for(re.compile("我的工作"), 30)
    out["home"] = time.time() - t
    go(d, "CTCL", "CTCL")
    t = time.time()
    d.key("Enter")
    d.wait_for("冲突处理", 30, row=0)
    d.wait_for(re.compile(r"\d+ 个待处理"), 30, row=0)
    out["queue"] = time.time() - t
    d.key("Esc")
    d.settle()
    go(d, pid, pid)
    t = time.time()
    d.key("Enter")
    d.wait_for(lambda d: re.search(r"\b%s\b" % pid, d.row(0)), 30)
    d.wait_for(lambda d: "项目名称" in d.text(), 30)
    out["page"] = time.time() - t
    d.key("C-q")
    if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()
    return out


def main():
    p = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    sb = Sandbox(projects=p)
    city, lap = sb.db, os.path.join(sb.dir, "lap")
    z(sb, city, "officer", "add", "--login", "hd", "--name", "海淀一", "--role", "desk",
      "--district", "haidian")
    z(sb, city, "node", "init")
    z(sb, city, "backup", lap)
    z(sb, lap, "node", "init", "--node", "2")
    key = re.compile(r"^key ([0-9a-f]{64})$", re.M)
    z(sb, city, "node", "enroll", "2", "--key", key.search(z(sb, lap, "node", "show")).group(1))
    z(sb, lap, "node", "enroll", "1", "--key", key.search(z(sb, city, "node", "show")).group(1))
    ids = [line.split("\t")[0] for line in
           z(sb, city, "project", "list", "--limit", str(n), "--format",
             "tsv").splitlines()[1:]][:n]
    for i in ids:
        z(sb, lap, "project", "edit", i, "--industry", "集成电路")
        z(sb, city, "project", "edit", i, "--industry", "人工智能")
    hd = [line.split("\t")[0] for line in
          z(sb, city, "project", "list", "--district", "haidian", "--limit", str(n), "--format",
            "tsv").splitlines()[1:]]
    mine = {None: ids[0], "hd": next(i for i in ids if i in hd)}
    lines = []
    before = {who or "admin": desk_times(sb, city, who, mine[who]) for who in (None, "hd")}
    bundle = os.path.join(sb.dir, "l.zsb")
    z(sb, lap, "sync", "export", "--for", "1", bundle)
    imp = timed(lambda: z(sb, city, "sync", "import", bundle))
    count = len(z(sb, city, "conflict", "list", "--format", "tsv").splitlines()) - 1
    cl = min(timed(lambda: z(sb, city, "conflict", "list")) for _ in range(3))
    after = {who or "admin": desk_times(sb, city, who, mine[who]) for who in (None, "hd")}
    lines.append("zsdesk desk sync, %d projects, %d conflicting edits (%s, %d cores, %s)" % (
        p, len(ids), os.uname().machine, os.cpu_count(),
        time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())))
    lines.append("import of the laptop's bundle: %.2f s; open conflicts: %d" % (imp, count))
    lines.append("zsdesk conflict list (best of 3): %.3f s" % cl)
    for who in ("admin", "hd"):
        for what in ("home", "queue", "page"):
            lines.append("desk as %-5s %-5s  no conflicts %.3f s   %d conflicts %.3f s" % (
                who, what, before[who][what], count, after[who][what]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(TOP, "bench", "desksync", "results-%s.txt" % time.strftime("%Y-%m-%d")),
              "w", encoding="utf-8") as f:
        f.write(text)
    sb.cleanup()
    shutil.rmtree(sb.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
