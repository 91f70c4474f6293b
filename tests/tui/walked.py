#!/usr/bin/env python3
"""walked.py - every action and every screen of the desk is walked by a test.

The pty tests (walk, keys, officer, city, screens) leave, through the
harness, the keys they sent and the screen titles they saw (ZSDESK_WALKLOG).
This test reads the action table (src/ui/keys.c) and the table of screens
(src/ui/screens.c) and fails for an action none of whose keys any test
pressed, and for a screen no test opened - so a new action or screen
cannot land without a walk.  make runs it after the tests it reads.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import SRCDIR, Tap  # noqa: E402

ACTION = re.compile(r'\{ACT_\w+, "([a-z-]+)", N_\("[^"]*"\), "([^"]*)"\}')
SCREEN = re.compile(r'\{"([a-z-]+)", (?:"[A-Z]+"|NULL), "([^"]+)", N_\("([^"]+)"\),\s+SCREEN_(\w+)',
                    re.S)


def main():
    tap = Tap(deadline=30)
    logdir = os.environ.get("ZSDESK_WALKLOG")
    keys, titles, files = set(), set(), []
    for path in sorted(glob.glob(os.path.join(logdir or "/nonexistent", "*.json"))):
        with open(path, encoding="utf-8") as f:
            got = json.load(f)
        keys.update(got["keys"])
        titles.update(got["titles"])
        files.append(os.path.basename(path))
    tap.ok(len(files) >= 4, "walk logs of the pty tests are there (%s)" % ", ".join(files) or "none",
           diag="ZSDESK_WALKLOG=%s" % logdir)

    src = open(os.path.join(SRCDIR, "src/ui/keys.c"), encoding="utf-8").read()
    actions = ACTION.findall(src)
    tap.ok(len(actions) > 30, "the action table reads (%d actions)" % len(actions))
    for name, binds in actions:
        if name == "none":
            continue
        pressed = [k for k in binds.split() if k in keys]
        tap.ok(bool(pressed), "action %s is walked (%s)" % (name, " ".join(pressed) or binds),
               diag="no pty test pressed any of %s" % binds)

    src = open(os.path.join(SRCDIR, "src/ui/screens.c"), encoding="utf-8").read()
    screens = SCREEN.findall(src)
    tap.ok(len(screens) > 10, "the table of screens reads (%d screens)" % len(screens))
    for name, zh, en, kind in screens:
        if kind == "QUIT":
            seen = "C-q" in keys or "Esc-0" in keys  # quitting shows no screen
        else:
            seen = zh in titles or en in titles
        tap.ok(seen, "screen %s (%s) is walked" % (name, zh),
               diag="no pty test saw the title %s / %s; titles seen: %s"
               % (zh, en, ", ".join(sorted(titles))))
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
