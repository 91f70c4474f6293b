#!/usr/bin/env python3
"""harness.py - drive the full-screen zsdesk in a real terminal, for tests.

zsdesk runs in a pseudo-terminal (pexpect) of a given size, with the
environment a test gives it (TERM, LANG/LC_ALL, extra arguments).  What
it writes is fed to a pyte screen, so a test reads rows, finds text,
checks the cursor and the colours of cells as a person would see them.

* Encodings: the outer terminal is UTF-8 (pyte.ByteStream).  For the
  GB18030 case the child runs under `luit -encoding GB18030 --`, as a
  GB18030 user's terminal would, with LANG=zh_CN.GB18030 for the child;
  luit converts both ways.  Other outer encodings are decoded with the
  codec named.
* Keys: function and cursor keys are sent as the terminfo entry of the
  child's TERM describes them (so keypad-transmit terminals get \\EOA),
  with helpers for F-keys, arrows, Tab, Shift-Tab, Esc, Esc-digit and
  Ctrl letters.
* Wide characters: pyte stores a double-width character in its first
  cell and an empty string ("") in the second; columns here are screen
  columns (a Chinese character counts two), and row() joins the cells so
  the text reads naturally.
* Every wait has a timeout; a whole test file has a deadline (alarm) and
  every child is killed at exit, so a test never hangs.
* Results are printed as TAP ("ok N - ...", "not ok N - ...", the plan
  last); the exit status is non-zero when any check failed.

Environment: ZSDESK (the binary), ZSDESK_DATADIR (forms) and
ZSDESK_LOCALEDIR (catalogues) default to the source tree and a build
directory beside it (../build/zsdesk, its locale/mo).  A failed check
prints the screen it saw as TAP comments.

With ZSDESK_WALKLOG set to a directory, a test file leaves there the
keys it sent and the screen titles it saw (walked.py checks that every
action and every screen of the desk is walked by some test).

Run `harness.py` alone for a smoke run that prints the home screen.
"""
import atexit
import codecs
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

try:
    import pexpect
    import pyte
except ImportError:  # a Python outside Debian's (pyenv): use Debian's modules
    for p in ("/usr/lib/python3/dist-packages", "/usr/share/python3/dist-packages"):
        if os.path.isdir(p) and p not in sys.path:
            sys.path.append(p)
    import pexpect
    import pyte

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
NOW = "2026-11-22T10:00+08:00"


def _first_existing(*paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    return None


ZSDESK = _first_existing(
    os.environ.get("ZSDESK"),
    os.path.join(SRCDIR, "zsdesk"),
    os.path.join(os.path.dirname(SRCDIR), "build", "zsdesk"),
    "/work/build/zsdesk",
    shutil.which("zsdesk"),
)
DATADIR = os.environ.get("ZSDESK_DATADIR") or os.path.join(SRCDIR, "forms")
LOCALEDIR = os.environ.get("ZSDESK_LOCALEDIR") or _first_existing(
    os.path.join(os.path.dirname(ZSDESK or "."), "locale", "mo"),
    os.path.join(SRCDIR, "locale", "mo"),
)

# ---------------------------------------------------------------- TAP


class Tap:
    """TAP output: ok/not ok lines, a plan at the end, exit status."""

    def __init__(self, deadline=90):
        self.n = 0
        self.failed = 0
        self.failures = []
        sys.stdout.reconfigure(line_buffering=True)
        # A test file never hangs: past the deadline it bails out.
        signal.signal(signal.SIGALRM, self._timeout)
        signal.alarm(deadline)

    def _timeout(self, sig, frame):
        print("Bail out! deadline passed; killing children")
        _cleanup()
        print("1..%d" % (self.n + 1))
        os._exit(2)

    def diag(self, text):
        for line in str(text).splitlines():
            print("#   " + line)

    def ok(self, cond, name, diag=None):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            self.failures.append(name)
            print("not ok %d - %s" % (self.n, name))
            if diag:
                self.diag(diag)
        return bool(cond)

    def skip(self, name, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why))

    def done(self):
        signal.alarm(0)
        _cleanup()
        print("1..%d" % self.n)
        if self.failed:
            print("# failed %d of %d: %s" % (self.failed, self.n, "; ".join(self.failures)))
        sys.stdout.flush()
        sys.exit(1 if self.failed else 0)


# ---------------------------------------------------------------- clean-up

_live = []  # terminals and sandboxes to clean at exit


def _cleanup():
    while _live:
        obj = _live.pop()
        try:
            obj.cleanup()
        except Exception:
            pass


atexit.register(_cleanup)

# What this test file walked: key names sent, screen titles seen.
_walked = {"keys": set(), "titles": set()}


def _write_walklog():
    d = os.environ.get("ZSDESK_WALKLOG")
    if not d or not (_walked["keys"] or _walked["titles"]):
        return
    os.makedirs(d, exist_ok=True)
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    with open(os.path.join(d, name + ".json"), "w", encoding="utf-8") as f:
        json.dump({k: sorted(v) for k, v in _walked.items()}, f, ensure_ascii=False)


atexit.register(_write_walklog)


def _on_signal(sig, frame):
    _cleanup()
    os._exit(128 + sig)


for _s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_s, _on_signal)

# ---------------------------------------------------------------- sandbox


class Sandbox:
    """Temporary HOME, XDG dirs and database for one test file."""

    def __init__(self, projects=None):
        self.dir = tempfile.mkdtemp(prefix="zsdesk-tui.")
        self.home = os.path.join(self.dir, "home")
        self.state = os.path.join(self.dir, "state")
        self.config = os.path.join(self.dir, "config")
        self.db = os.path.join(self.dir, "db")
        for d in (self.home, self.state, self.config):
            os.makedirs(d)
        _live.append(self)
        if projects is not None:
            self.make_db(projects)

    def env(self, lang="zh_CN.UTF-8", term="xterm-256color", **extra):
        """A clean environment for zsdesk (nothing of the caller's locale)."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_STATE_HOME": self.state,
            "XDG_CONFIG_HOME": self.config,
            "ZSDESK_NOW": NOW,
            "ZSDESK_DATADIR": DATADIR,
            "TERM": term,
            "LANG": lang,
            "LC_ALL": lang,
        }
        if LOCALEDIR:
            env["ZSDESK_LOCALEDIR"] = LOCALEDIR
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def make_db(self, projects=3000):
        r = subprocess.run(
            [ZSDESK, "--db", self.db, "demo", "--projects", str(projects)],
            env=self.env(lang="C.UTF-8"), capture_output=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError("zsdesk demo failed: %s" % r.stderr.decode(errors="replace"))

    def drafts(self):
        d = os.path.join(self.state, "zsdesk", "drafts")
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- keys

# Used when terminfo cannot be asked (xterm's keys in keypad-transmit mode).
_XTERM_KEYS = {
    "kf1": b"\x1bOP", "kf2": b"\x1bOQ", "kf3": b"\x1bOR", "kf4": b"\x1bOS",
    "kf5": b"\x1b[15~", "kf6": b"\x1b[17~", "kf7": b"\x1b[18~", "kf8": b"\x1b[19~",
    "kf9": b"\x1b[20~", "kf10": b"\x1b[21~", "kf11": b"\x1b[23~", "kf12": b"\x1b[24~",
    "kcuu1": b"\x1bOA", "kcud1": b"\x1bOB", "kcuf1": b"\x1bOC", "kcub1": b"\x1bOD",
    "khome": b"\x1bOH", "kend": b"\x1bOF", "kpp": b"\x1b[5~", "knp": b"\x1b[6~",
    "kdch1": b"\x1b[3~", "kich1": b"\x1b[2~", "kbs": b"\x7f", "kcbt": b"\x1b[Z",
    "kLFT5": b"\x1b[1;5D", "kRIT5": b"\x1b[1;5C", "kPRV5": b"\x1b[5;5~", "kNXT5": b"\x1b[6;5~",
    "rmcup": b"\x1b[?1049l", "cnorm": b"\x1b[?25h", "rmkx": b"\x1b[?1l\x1b>",
}
_CAPS = list(_XTERM_KEYS)
_terminfo_cache = {}


def terminfo(term):
    """The key and reset strings of a terminal type, from its terminfo
    (asked in a child Python: curses reads only one entry per process).
    None when the terminal type is unknown."""
    if term in _terminfo_cache:
        return _terminfo_cache[term]
    code = ("import curses,json,sys\n"
            "curses.setupterm(sys.argv[1], 1)\n"
            "print(json.dumps({c: (curses.tigetstr(c) or b'').decode('latin-1')"
            " for c in sys.argv[2:]}))\n")
    caps = None
    try:
        r = subprocess.run([sys.executable, "-c", code, term] + _CAPS, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=10)
        if r.returncode == 0:
            caps = {k: v.encode("latin-1") for k, v in json.loads(r.stdout).items()}
    except Exception:
        caps = None
    if caps is None:
        caps = _infocmp(term)
    _terminfo_cache[term] = caps
    return caps


def _infocmp(term):
    """The same from `infocmp -1` (for a Python without curses)."""
    try:
        r = subprocess.run(["infocmp", "-1", term], stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=10)
    except Exception:
        return None
    if r.returncode != 0:
        return None
    esc = {"E": b"\x1b", "e": b"\x1b", "n": b"\n", "l": b"\n", "r": b"\r", "t": b"\t",
           "b": b"\b", "f": b"\f", "s": b" ", "^": b"^", "\\": b"\\", ",": b",", ":": b":"}
    caps = {}
    for line in r.stdout.decode("latin-1").splitlines():
        m = re.match(r"\s+([\w]+)=(.*),$", line)
        if not m or m.group(1) not in _CAPS:
            continue
        v, out, i = m.group(2), b"", 0
        while i < len(v):
            c = v[i]
            if c == "\\" and i + 1 < len(v):
                n = v[i + 1]
                if n.isdigit():
                    out += bytes([int(v[i + 1:i + 4], 8) or 0o200])
                    i += 4
                    continue
                out += esc.get(n, n.encode("latin-1"))
                i += 2
            elif c == "^" and i + 1 < len(v):
                out += bytes([ord(v[i + 1]) & 0x1F if v[i + 1] != "?" else 0x7F])
                i += 2
            else:
                out += c.encode("latin-1")
                i += 1
        caps[m.group(1)] = out
    return {c: caps.get(c, b"") for c in _CAPS}


KEYCAPS = {
    "F1": "kf1", "F2": "kf2", "F3": "kf3", "F4": "kf4", "F5": "kf5", "F6": "kf6",
    "F7": "kf7", "F8": "kf8", "F9": "kf9", "F10": "kf10", "F11": "kf11", "F12": "kf12",
    "Up": "kcuu1", "Down": "kcud1", "Right": "kcuf1", "Left": "kcub1",
    "Home": "khome", "End": "kend", "PgUp": "kpp", "PgDn": "knp",
    "Delete": "kdch1", "Insert": "kich1", "Backspace": "kbs", "S-Tab": "kcbt",
    "C-Left": "kLFT5", "C-Right": "kRIT5", "C-PgUp": "kPRV5", "C-PgDn": "kNXT5",
}
PLAIN = {"Tab": b"\t", "Enter": b"\r", "Esc": b"\x1b", "Space": b" "}


def ctrl(letter):
    """The byte of Ctrl-letter ("q" -> 0x11)."""
    return bytes([ord(letter.lower()) & 0x1F])


# ---------------------------------------------------------------- screen


class _Screen(pyte.Screen):
    """pyte's screen plus what xterm's terminfo uses and pyte 0.8 lacks:
    REP (CSI n b, repeat the last character), SU and SD (CSI n S, CSI n T,
    scroll the region up or down without moving the cursor)."""

    last_char = " "

    def draw(self, data):
        if data:
            self.last_char = data[-1]
        super().draw(data)

    def repeat_last(self, *params, **kw):
        n = params[0] if params and params[0] else 1
        super().draw(self.last_char * min(n, 4 * self.columns))

    def _region(self):
        m = self.margins
        return (m.top, m.bottom) if m else (0, self.lines - 1)

    def scroll_up(self, *params, **kw):
        n = params[0] if params and params[0] else 1
        top, bottom = self._region()
        self.dirty.update(range(self.lines))
        for _ in range(min(n, bottom - top + 1)):
            for y in range(top, bottom):
                self.buffer[y] = self.buffer[y + 1]
            self.buffer.pop(bottom, None)

    def scroll_down(self, *params, **kw):
        n = params[0] if params and params[0] else 1
        top, bottom = self._region()
        self.dirty.update(range(self.lines))
        for _ in range(min(n, bottom - top + 1)):
            for y in range(bottom, top, -1):
                self.buffer[y] = self.buffer[y - 1]
            self.buffer.pop(top, None)


class _ByteStream(pyte.ByteStream):
    """pyte.ByteStream decoding the outer terminal's encoding (UTF-8 unless
    told otherwise) and, like xterm, honouring character set designations
    (ESC ( 0, SO/SI) in UTF-8 too: ncurses draws its boxes that way."""

    csi = dict(pyte.ByteStream.csi, b="repeat_last", S="scroll_up", T="scroll_down")
    events = pyte.ByteStream.events | frozenset(["repeat_last", "scroll_up", "scroll_down"])

    def __init__(self, screen, encoding="utf-8"):
        super().__init__(screen)
        self.decoder = codecs.getincrementaldecoder(encoding)("replace")
        self.use_utf8 = False  # only read by the parser for ESC ( and SO/SI

    def feed(self, data):
        pyte.Stream.feed(self, self.decoder.decode(data))

    def select_other_charset(self, code):
        pass  # ESC % G / ESC % @: the encoding is fixed by the test


class Desk:
    """One zsdesk in a pseudo-terminal, seen through pyte."""

    def __init__(self, args, env, rows=24, cols=80, luit=None, encoding="utf-8",
                 status_file=None):
        """args: zsdesk's arguments; env: its environment; luit: the
        encoding to run it under luit with (e.g. "GB18030"), or None.
        luit exits 0 whatever its child did, so under luit zsdesk's own
        exit status is written to status_file by a small sh (which waits
        for zsdesk even when hung up: it traps HUP and TERM)."""
        self.rows, self.cols = rows, cols
        self.env = env
        # a build running next to the tests may be relinking the binary
        for _ in range(100):
            if ZSDESK and os.access(ZSDESK, os.X_OK):
                break
            time.sleep(0.1)
        self.term = env.get("TERM", "xterm")
        self.caps = terminfo(self.term) or _XTERM_KEYS
        self.status_file = status_file
        argv = [ZSDESK] + list(args)
        if status_file:
            if os.path.exists(status_file):
                os.remove(status_file)
            argv = ["/bin/sh", "-c", 'trap : HUP TERM; "$@"; echo $? >"$0.tmp"; mv "$0.tmp" "$0"',
                    status_file] + argv
        if luit:
            argv = ["luit", "-encoding", luit, "--"] + argv
        self.argv = argv
        self.encoding = encoding
        self.screen = _Screen(cols, rows)
        self.stream = _ByteStream(self.screen, encoding)
        self.raw = bytearray()
        self.exitstatus = None
        self.signalstatus = None
        self.hung_up = False
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(rows, cols),
                                   encoding=None, echo=False, timeout=5)
        self.pid = self.child.pid
        _live.append(self)

    # ---- output

    def _feed(self, data):
        self.raw += data
        self.stream.feed(data)

    def pump(self, timeout=0.05):
        """Reads what the child wrote within timeout; True if anything came."""
        if self.hung_up:
            return False
        got = False
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            try:
                data = self.child.read_nonblocking(65536, timeout=max(left, 0) if not got else 0)
            except pexpect.TIMEOUT:
                break
            except (pexpect.EOF, OSError, ValueError):
                break
            if not data:
                break
            self._feed(data)
            got = True
        if got:
            top = self.row(0).split(" | ")
            if len(top) >= 2:  # the title and its subtitle; a list's heading
                _walked["titles"].update(re.split(r"\s{2,}", top[1].strip()))
                _walked["titles"].add(re.split(r"\s{2,}|：", self.row(1).strip())[0])
        return got

    def settle(self, quiet=0.15, timeout=3.0):
        """Reads until the child has been quiet for `quiet` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self.pump(quiet):
                return True
        return False

    def wait_for(self, what, timeout=5.0, row=None):
        """Waits until the screen (or one row) shows what: a string, a
        compiled regular expression, or a function of the Desk.  Returns
        True, or False at the timeout."""
        end = time.monotonic() + timeout
        while True:
            # A match counts on a quiet screen only: ncurses moves the
            # cursor and paints in steps, and a read may stop mid-way.
            if self._matches(what, row) and not self.pump(0.03):
                return True
            if time.monotonic() >= end:
                return self._matches(what, row)
            self.pump(0.05)

    def wait_gone(self, what, timeout=5.0, row=None):
        """Waits until the screen (or row) no longer shows what."""
        return self.wait_for(lambda d: not d._matches(what, row), timeout)

    def _matches(self, what, row):
        if callable(what) and not isinstance(what, re.Pattern):
            return bool(what(self))
        text = self.row(row) if row is not None else self.text()
        if isinstance(what, re.Pattern):
            return bool(what.search(text))
        return what in text

    # ---- reading the screen

    def row(self, r):
        """Row r as text (a wide character once; its stub cell dropped),
        trailing spaces removed."""
        if r < 0:
            r += self.screen.lines
        line = self.screen.buffer[r]
        return "".join(line[c].data for c in range(self.screen.columns)).rstrip()

    def text(self):
        return "\n".join(self.row(r) for r in range(self.screen.lines))

    def cell(self, r, c):
        """The pyte cell at (row, column)."""
        return self.screen.buffer[r][c]

    def span(self, r, c0, c1):
        """Text of columns c0..c1-1 of row r (not stripped)."""
        line = self.screen.buffer[r]
        return "".join(line[c].data for c in range(c0, min(c1, self.screen.columns)))

    def columns_of(self, r):
        """Pairs (column, character) of row r, wide characters once."""
        line = self.screen.buffer[r]
        out = []
        for c in range(self.screen.columns):
            ch = line[c].data
            if ch != "":
                out.append((c, ch))
        return out

    def find(self, text, row=None):
        """(row, column) where text starts on the screen, or None."""
        rows = [row] if row is not None else range(self.screen.lines)
        for r in rows:
            cols = self.columns_of(r)
            s = "".join(ch for _, ch in cols)
            i = s.find(text)
            if i >= 0:
                return (r, cols[i][0])
        return None

    def cursor(self):
        """(row, column) of the terminal's cursor."""
        return (self.screen.cursor.y, self.screen.cursor.x)

    def cursor_hidden(self):
        return bool(self.screen.cursor.hidden)

    def dump(self):
        """The screen with row numbers and the cursor, for diagnostics."""
        y, x = self.cursor()
        lines = ["screen %dx%d, cursor (%d,%d)%s:" % (self.screen.columns, self.screen.lines, y, x,
                                                      " hidden" if self.cursor_hidden() else "")]
        for r in range(self.screen.lines):
            lines.append("%2d|%s" % (r, self.row(r)))
        return "\n".join(lines)

    # ---- input

    def send(self, data):
        """Sends bytes, or text in the outer terminal's encoding."""
        if isinstance(data, str):
            data = data.encode(self.encoding)
        if len(data) == 1 and data[0] < 32:
            _walked["keys"].add("C-" + chr(data[0] + 96))
        elif len(data) == 2 and data[0] == 27 and 32 < data[1] < 127:
            _walked["keys"].add("Esc-" + chr(data[1]))
        self.child.send(data)

    def keyseq(self, name):
        """The bytes of a key by name (F1..F12, Up, Down, Left, Right, Home,
        End, PgUp, PgDn, Delete, Backspace, Tab, S-Tab, Enter, Esc, C-x)."""
        if name in PLAIN:
            return PLAIN[name]
        if name.startswith("C-") and len(name) == 3:
            return ctrl(name[2])
        if name.startswith("Esc-") and len(name) == 5:  # Esc then a character
            return b"\x1b" + name[4].encode()
        cap = KEYCAPS[name]
        seq = self.caps.get(cap) or _XTERM_KEYS.get(cap)
        if not seq:
            raise KeyError("TERM=%s has no %s" % (self.term, name))
        return seq

    def key(self, *names, pause=0.0):
        """Sends keys by name, in order (pause seconds between them)."""
        for n in names:
            _walked["keys"].add(n)
            self.send(self.keyseq(n))
            if pause:
                self.pump(pause)

    def esc_digit(self, d):
        """The Esc-then-digit fallback of a function key (Esc 1 = F1)."""
        self.send(b"\x1b" + str(d).encode())

    def type(self, text, each=0.0):
        """Types text; each > 0 sends it one character at a time."""
        if each:
            for ch in text:
                self.send(ch)
                self.pump(each)
        else:
            self.send(text)

    # ---- size, hang-up, exit

    def resize(self, rows, cols):
        """Resizes the terminal: pyte first, then the pty (SIGWINCH)."""
        self.pump(0.05)
        self.rows, self.cols = rows, cols
        self.screen.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    def hangup(self, how="close"):
        """Hangs up: "close" closes the pty master as a dropped link does
        (the kernel sends SIGHUP); "sighup" sends SIGHUP to the child."""
        self.pump(0.05)
        if how == "sighup":
            os.kill(self.pid, signal.SIGHUP)
            return
        self._close_master()

    def _close_master(self):
        if self.hung_up:
            return
        self.hung_up = True
        try:
            self.child.ptyproc.fileobj.close()
        except Exception:
            pass
        # pexpect must not close (and signal) it again later
        self.child.ptyproc.closed = True
        self.child.closed = True

    def alive(self):
        """True while the child runs; records its exit status when not."""
        if self.exitstatus is not None or self.signalstatus is not None:
            return False
        try:
            running = self.child.isalive()
        except Exception:
            running = False
        if not running:
            self.exitstatus = self.child.exitstatus
            self.signalstatus = self.child.signalstatus
            if self.exitstatus is None and self.signalstatus is None:
                self.exitstatus = 255  # reaped elsewhere: unknown
        return running

    def wait_exit(self, timeout=5.0):
        """Waits for the child to end (reading its output meanwhile);
        returns its exit status, -signal, or None if it is still alive."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.exitstatus is not None or self.signalstatus is not None or not self.alive():
                self.pump(0.05)
                return self.exitstatus if self.exitstatus is not None else -(self.signalstatus or 0)
            if not self.pump(0.05):
                time.sleep(0.02)
        return None

    def zsdesk_status(self, timeout=5.0):
        """zsdesk's own exit status: from status_file when it was run
        through luit, else the child's; None if it has not ended."""
        if not self.status_file:
            return self.wait_exit(timeout)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if os.path.exists(self.status_file):
                with open(self.status_file) as f:
                    text = f.read().strip()
                return int(text) if text.isdigit() else 255
            if not self.pump(0.05):
                time.sleep(0.02)
        return None

    def termios(self):
        """The pty's termios (iflag, oflag, cflag, lflag, ...), read on the
        master side; None when the pty is gone."""
        try:
            return termios.tcgetattr(self.child.child_fd)
        except Exception:
            return None

    def cleanup(self):
        """Kills the child if it is still running and closes the pty."""
        try:
            if self.exitstatus is None and self.signalstatus is None and self.alive():
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    try:
                        os.kill(self.pid, sig)
                    except ProcessLookupError:
                        break
                    for _ in range(20):
                        if not self.alive():
                            break
                        time.sleep(0.05)
                    else:
                        continue
                    break
        finally:
            self._close_master()

    def close(self):
        self.cleanup()
        if self in _live:
            _live.remove(self)


# ---------------------------------------------------------------- checks


def check_screen(tap, desk, what, name, timeout=3.0, row=None):
    """A TAP check that the screen (or a row) comes to show what."""
    ok = desk.wait_for(what, timeout, row)
    return tap.ok(ok, name, None if ok else "waited %.1fs for %r%s\n%s" % (
        timeout, what if not callable(what) or isinstance(what, re.Pattern) else "condition",
        "" if row is None else " on row %d" % row, desk.dump()))


def check(tap, desk, cond, name, detail=""):
    """A TAP check of cond, with the screen as diagnostics on failure."""
    return tap.ok(cond, name, None if cond else (detail + "\n" if detail else "") + desk.dump())


def find_label(d, label):
    """(row, column) of a form label: text at the start of a row below
    the step indicator (so "联系人" is not found in "渠道与联系人")."""
    for r in range(2, d.screen.lines - 3):
        if d.row(r)[:2] == "  " and d.row(r)[2:].startswith(label):
            return (r, 2)
    return None


def goto_field(d, label, tries=20):
    """Tabs (or Shift-Tabs, when it is above) until the cursor is in the
    form field labelled label; False when it never gets there."""
    for _ in range(tries):
        pos = find_label(d, label)
        y, x = d.cursor()
        if pos and y == pos[0] and x > pos[1] + width(label):
            return True
        d.key("S-Tab" if pos and pos[0] < y else "Tab")
        d.wait_for(lambda d: d.cursor() != (y, x), 2)
        d.settle(0.1)
    return False



def jump(d, code):
    """Ctrl-G, a screen's jump code (or a project's number), Enter."""
    d.key("C-g")
    d.wait_for(re.compile(r"XMK {4}\S"))
    d.type(code)
    d.settle()
    d.key("Enter")
    d.settle()


def quit_desk(d):
    """Ctrl-Q, yes to the question if one is asked, and wait for the exit."""
    d.key("C-q")
    if d.wait_for(re.compile(r"\(y/n\)"), 1.5):
        d.type("y")
    d.wait_exit(5)
    d.close()


HOME_TITLE = re.compile("我的工作|My work")


def cli(sb, *args, who=None, now=None):
    """The command line on the sandbox's database (English, TSV), as who
    and at the time now when told: its output and its errors."""
    env = sb.env(lang="C.UTF-8")
    if now:
        env["ZSDESK_NOW"] = now
    pre = ["--as", who] if who else []
    r = subprocess.run([ZSDESK, "--db", sb.db, "--lang", "en", "--format", "tsv"] + pre + list(args),
                       env=env, capture_output=True, timeout=30)
    return r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")


def rows_of(sb, *args, who=None):
    """A list command's rows (below its heading) as lists of cells."""
    return [line.split("\t") for line in cli(sb, *args, who=who).splitlines()[1:]]


def fields(sb, *args):
    """A show command's output as {field: value}."""
    out = {}
    for line in cli(sb, *args).splitlines():
        f = line.split("\t")
        if len(f) >= 3:
            out[f[0]] = f[-1]
    return out


_starts = [0]


def state_dir(sb):
    """A drafts directory of its own for each desk started."""
    _starts[0] += 1
    return os.path.join(sb.dir, "state-%d" % _starts[0])


def start_desk(sb, args=(), lang="zh_CN.UTF-8", rows=24, cols=80, encoding="utf-8",
               home=HOME_TITLE, **env):
    """A desk on the sandbox's database, once its home screen shows; env
    adds to (or, with None, takes from) the sandbox's environment."""
    d = Desk(["--db", sb.db] + list(args), sb.env(lang=lang, **env), rows, cols,
             encoding=encoding)
    d.wait_for(home, 8)
    d.settle()
    return d


def open_project(d, pid):
    """Library, the project's number, Enter: its page."""
    jump(d, "XMK")
    d.wait_for(re.compile("搜索|Search"))
    d.type(pid)
    d.settle()
    d.key("Enter")
    return d.wait_for(lambda d: re.search(r"\b%s\b" % pid, d.row(0)), 5)


def choose(d, text):
    """In an open pick list: narrow by text, take the first row."""
    d.wait_for(re.compile("查找|Find:"))
    d.type(text)
    d.settle()
    d.key("Enter")
    d.settle()


def run_tests(tap, sb, tests):
    """Runs each test(tap, sb); one that raises is a failed check and the
    rest still run."""
    for t in tests:
        try:
            t(tap, sb)
        except Exception as e:
            tap.ok(False, "%s raised %s: %s" % (t.__name__, type(e).__name__, e))


def width(s):
    """Columns of s on a terminal (CJK wide = 2)."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


if __name__ == "__main__":
    # A smoke run: open the desk, show the screen, quit.
    sb = Sandbox(projects=50)
    d = Desk(["--db", sb.db], sb.env(), 24, 80)
    d.wait_for("zsdesk", 5)
    d.settle()
    print(d.dump())
    d.key("C-q")
    print("exit", d.wait_exit(5))
    _cleanup()
