#!/usr/bin/env python3
"""Generate src/text/pinyin-table.c from the Unihan database.

Usage: gen-pinyin.py [Unihan_Readings.txt[.bz2]] [output.c]

The defaults are /usr/share/unicode/Unihan_Readings.txt.bz2 (Debian package
unicode-data) and pinyin-table.c next to this script.  Only the standard
library is used.

Every CJK ideograph with a Mandarin reading gets all of its readings in
today's dictionaries, toneless and deduplicated, in this order: kMandarin
(the most common reading first), kHanyuPinlu (by frequency), kXHC1983
(现代汉语词典), kTGHZ2013 (通用规范汉字字典).  kHanyuPinyin (汉语大字典) is
used only for characters none of those read: its archaic readings would
make searches find names no officer meant (精 as "qing").  The script fails
when a character has more than PINYIN_MAX_READINGS (8).

Table shape (see also src/text/pinyin.c):
  pinyin_syl_text / pinyin_syl_off   sorted syllables, NUL-terminated, with
                                     the offset of each one
  pinyin_top[cp >> 6]                page number + 1 of the 64-code-point
                                     page holding cp, 0 when it has no reading
  pinyin_page_bits[p]                bit i set when code point 64*page+i has
                                     a reading
  pinyin_page_base[p]                index in pinyin_val of the page's first
                                     code point with a reading
  pinyin_val[]                       per code point with a reading: a
                                     syllable index, or 0x8000 | offset into
                                     pinyin_lists for several readings
  pinyin_lists[]                     syllable indices; the last one of each
                                     list has bit 0x8000 set
"""

import bz2
import os
import re
import sys
import unicodedata

MAX_READINGS = 8
PAGE_SHIFT = 6
PAGE = 1 << PAGE_SHIFT
MODERN = ("kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013")
HISTORICAL = ("kHanyuPinyin",)
FIELDS = MODERN + HISTORICAL
SURNAMES = {
    "单": "shan",
    "曾": "zeng",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "覃": "qin",
    "解": "xie",
}
CHECKS = {
    "北": "bei",
    "京": "jing",
    "长": "zhang",
    "重": "zhong",
    "绿": "lv",
}


def strip_tone(reading):
    """Returns reading in lower-case ASCII without tone marks, ü as v."""
    out = []
    for ch in unicodedata.normalize("NFD", reading.lower()):
        if ch == "\u0308":
            if not out or out[-1] != "u":
                raise ValueError("diaeresis not on u in %r" % reading)
            out[-1] = "v"
        elif unicodedata.combining(ch):
            continue
        else:
            out.append(ch)
    plain = "".join(out)
    if not re.fullmatch(r"[a-z]{1,6}", plain):
        raise ValueError("unexpected reading %r" % reading)
    return plain


def field_readings(field, value):
    """Returns the readings of one Unihan field value, in file order."""
    if field == "kMandarin":
        return value.split()
    if field == "kHanyuPinlu":
        pairs = []
        for item in value.split():
            m = re.fullmatch(r"(\S+)\((\d+)\)", item)
            if not m:
                raise ValueError("bad kHanyuPinlu %r" % value)
            pairs.append((-int(m.group(2)), len(pairs), m.group(1)))
        return [r for _, _, r in sorted(pairs)]
    readings = []
    for item in value.split():
        if ":" not in item:
            raise ValueError("bad %s %r" % (field, value))
        readings.extend(item.split(":", 1)[1].split(","))
    return readings


def read_unihan(path):
    """Returns (unicode version, {code point: [readings]})."""
    opener = bz2.open if path.endswith(".bz2") else open
    version = None
    fields = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                continue
            line = line.rstrip("\n")
            if not line:
                continue
            cp, field, value = line.split("\t", 2)
            if field not in FIELDS:
                continue
            fields.setdefault(int(cp[2:], 16), {})[field] = value
    if version is None:
        raise ValueError("no Unicode version in " + path)
    table = {}
    for cp, by_field in fields.items():
        seen = []
        sources = MODERN if any(f in by_field for f in MODERN) else HISTORICAL
        for field in sources:
            if field in by_field:
                for r in field_readings(field, by_field[field]):
                    plain = strip_tone(r)
                    if plain not in seen:
                        seen.append(plain)
        if len(seen) > MAX_READINGS:
            raise ValueError("U+%04X has %d readings; raise PINYIN_MAX_READINGS"
                             % (cp, len(seen)))
        if seen:
            table[cp] = seen
    return version, table


def c_array(ctype, name, values, per_line, fmt="%d"):
    """Returns the C definition of a const array."""
    lines = ["const %s %s[%d] = {" % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        chunk = values[i:i + per_line]
        lines.append("\t" + ", ".join(fmt % v for v in chunk) + ",")
    lines.append("};")
    return "\n".join(lines)


def build(table):
    """Returns the arrays of the generated file as a dict."""
    syllables = sorted({r for rs in table.values() for r in rs})
    if len(syllables) >= 0x8000:
        raise ValueError("too many syllables")
    index = {s: i for i, s in enumerate(syllables)}
    syl_off = []
    pos = 0
    for s in syllables:
        syl_off.append(pos)
        pos += len(s) + 1
    if pos > 0xFFFF:
        raise ValueError("syllable text too long")

    lists = []
    list_at = {}
    values = []
    last_page = max(table) >> PAGE_SHIFT
    top = [0] * (last_page + 1)
    page_bits = []
    page_base = []
    for page in range(last_page + 1):
        first = page << PAGE_SHIFT
        cps = [cp for cp in range(first, first + PAGE) if cp in table]
        if not cps:
            continue
        top[page] = len(page_bits) + 1
        bits = 0
        for cp in cps:
            bits |= 1 << (cp - first)
        page_bits.append(bits)
        page_base.append(len(values))
        for cp in cps:
            rs = tuple(index[r] for r in table[cp])
            if len(rs) == 1:
                values.append(rs[0])
                continue
            if rs not in list_at:
                list_at[rs] = len(lists)
                lists.extend(rs[:-1])
                lists.append(rs[-1] | 0x8000)
            values.append(0x8000 | list_at[rs])
    if len(values) > 0xFFFF or len(lists) >= 0x8000 or len(page_bits) >= 0xFFFF:
        raise ValueError("table outgrew its 16-bit indices")
    return {
        "syllables": syllables,
        "syl_off": syl_off,
        "top": top,
        "page_bits": page_bits,
        "page_base": page_base,
        "values": values,
        "lists": lists,
    }


def check(table):
    """Fails (even under python -O) unless the readings search depends on
    are in the table."""
    for ch, reading in list(SURNAMES.items()) + list(CHECKS.items()):
        rs = table.get(ord(ch), [])
        if reading not in rs:
            raise SystemExit("%s lacks %s (has %s)" % (ch, reading, rs))
    for ch, first in (("北", ["bei"]), ("单", ["dan"]), ("长", ["zhang", "chang"])):
        if table[ord(ch)][:len(first)] != first:
            raise SystemExit("%s does not start with %s" % (ch, first))


def emit(version, table, arrays, out):
    """Writes the generated C file."""
    n_multi = sum(1 for rs in table.values() if len(rs) > 1)
    text_lines = []
    line = ""
    for s in arrays["syllables"]:
        piece = s + "\\0"
        if len(line) + len(piece) > 80:
            text_lines.append('\t"%s"' % line)
            line = ""
        line += piece
    if line:
        text_lines.append('\t"%s"' % line)
    parts = [
        "/*",
        " * pinyin-table.c - Mandarin readings of CJK ideographs.",
        " *",
        " * GENERATED by src/text/gen-pinyin.py from Unihan_Readings.txt",
        " * (Unicode version %s); do not edit by hand, rerun the script." % version,
        " *",
        " * %d code points with readings (%d polyphonic), %d syllables,"
        % (len(table), n_multi, len(arrays["syllables"])),
        " * %d pages of %d code points; the layout is described in"
        % (len(arrays["page_bits"]), PAGE),
        " * gen-pinyin.py and used by pinyin.c.",
        " */",
        "#include <stddef.h>",
        "#include <stdint.h>",
        "",
        "extern const char pinyin_syl_text[];",
        "extern const uint16_t pinyin_syl_off[];",
        "extern const size_t pinyin_syl_count;",
        "extern const uint16_t pinyin_top[];",
        "extern const size_t pinyin_top_count;",
        "extern const uint64_t pinyin_page_bits[];",
        "extern const uint16_t pinyin_page_base[];",
        "extern const uint16_t pinyin_val[];",
        "extern const uint16_t pinyin_lists[];",
        "",
        "const char pinyin_syl_text[] =",
        "\n".join(text_lines) + ";",
        "",
        c_array("uint16_t", "pinyin_syl_off", arrays["syl_off"], 12),
        "",
        "const size_t pinyin_syl_count = %d;" % len(arrays["syllables"]),
        "",
        c_array("uint16_t", "pinyin_top", arrays["top"], 12),
        "",
        "const size_t pinyin_top_count = %d;" % len(arrays["top"]),
        "",
        c_array("uint64_t", "pinyin_page_bits", arrays["page_bits"], 4,
                "0x%016xULL"),
        "",
        c_array("uint16_t", "pinyin_page_base", arrays["page_base"], 12),
        "",
        c_array("uint16_t", "pinyin_val", arrays["values"], 12, "0x%04x"),
        "",
        c_array("uint16_t", "pinyin_lists", arrays["lists"], 12, "0x%04x"),
        "",
    ]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


def main():
    """Reads the Unihan file, checks the readings and writes the table."""
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else \
        "/usr/share/unicode/Unihan_Readings.txt.bz2"
    out = sys.argv[2] if len(sys.argv) > 2 else \
        os.path.join(here, "pinyin-table.c")
    version, table = read_unihan(src)
    check(table)
    arrays = build(table)
    emit(version, table, arrays, out)
    print("%s: %d code points, %d syllables, %d pages, %d list entries"
          % (out, len(table), len(arrays["syllables"]),
             len(arrays["page_bits"]), len(arrays["lists"])))


if __name__ == "__main__":
    main()
