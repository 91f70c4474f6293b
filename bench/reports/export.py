#!/usr/bin/env python3
"""export.py - the demo city's projects as TSV for sqlite3 (and anyone).

Reads the project and district tables with mdb_dump (the records are CBOR
maps, RFC 8949, decoded here by a small reader of the subset zsdesk
writes) and writes into DIR:

  districts.tsv  code  id
  projects.tsv   id  district  stage  created_on  investment(元 or 美元)  currency
                 planned_start  name
  stages.tsv     id  n  date  stage  district  recorded   (the stage history)
  money.tsv      id  date  measure  amount  district  recorded

usage: export.py DB DIR
"""
import os
import subprocess
import sys


def item(b, i):
    """One CBOR item at b[i]: (value, next index)."""
    ib = b[i]
    major, info = ib >> 5, ib & 31
    i += 1
    if info < 24:
        arg = info
    elif info == 24:
        arg, i = b[i], i + 1
    elif info == 25:
        arg, i = int.from_bytes(b[i:i + 2], "big"), i + 2
    elif info == 26:
        arg, i = int.from_bytes(b[i:i + 4], "big"), i + 4
    elif info == 27:
        arg, i = int.from_bytes(b[i:i + 8], "big"), i + 8
    else:
        raise ValueError("indefinite length")
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major in (2, 3):
        s = b[i:i + arg]
        return (s.decode("utf-8") if major == 3 else bytes(s)), i + arg
    if major == 4:
        out = []
        for _ in range(arg):
            v, i = item(b, i)
            out.append(v)
        return out, i
    if major == 5:
        out = {}
        for _ in range(arg):
            k, i = item(b, i)
            v, i = item(b, i)
            out[k] = v
        return out, i
    if major == 6:
        return item(b, i)  # the tag is dropped
    if major == 7:
        return {20: False, 21: True, 22: None}.get(info), i
    raise ValueError("major %d" % major)


def records(db, table):
    """(id, record) of a table, from mdb_dump's hex output."""
    p = subprocess.Popen(["mdb_dump", "-s", table, db], stdout=subprocess.PIPE, text=True,
                         bufsize=1 << 20)
    header = True
    key = None
    for line in p.stdout:
        if header:
            header = line.strip() != "HEADER=END"
            continue
        if line.startswith("DATA=END"):
            break
        h = bytes.fromhex(line.strip())
        if key is None:
            key = int.from_bytes(h, "big")
        else:
            yield key, item(h, 0)[0]
            key = None
    p.wait()


def main():
    db, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    codes = {}
    with open(os.path.join(out, "districts.tsv"), "w") as f:
        for rid, r in records(db, "district"):
            codes[rid] = r.get("code", "")
            f.write("%s\t%d\n" % (codes[rid], rid))
    with open(os.path.join(out, "projects.tsv"), "w") as fp, \
            open(os.path.join(out, "stages.tsv"), "w") as fs, \
            open(os.path.join(out, "money.tsv"), "w") as fm:
        for rid, r in records(db, "project"):
            fp.write("%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n" % (
                rid, codes.get(r.get("district"), ""), r.get("stage", ""), r.get("created_on", ""),
                r.get("investment", 0), r.get("currency", "CNY"), r.get("planned_start", ""),
                r.get("name", "").replace("\t", " ")))
            for n, e in enumerate(r.get("stages") or []):
                d, st, dist, rec = e.split("|")
                fs.write("%d\t%d\t%s\t%s\t%s\t%s\n" % (rid, n, d, st, dist, rec))
            for e in r.get("money") or []:
                d, m, amount, dist, rec, _src = e.split("|", 5)
                fm.write("%d\t%s\t%s\t%s\t%s\t%s\n" % (rid, d, m, amount, dist, rec))


main()
