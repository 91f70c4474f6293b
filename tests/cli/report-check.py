#!/usr/bin/env python3
"""report-check.py - the city office's numbers computed again, apart.

Reads every project, district, target and the profile through zsdesk's
JSON listings, computes a report from the rules as README states them
(the stage of each project at the end of the period as known on the
as-of day, money entries dated in the period, exact integer amounts,
foreign capital at the profile's rate of each entry's date, rates in
hundredths of a percent rounded down) and compares every cell with
`zsdesk report NAME --format json`.  Knows nothing of the counts zsdesk
keeps.  Prints the differences; exits 1 when there is one.

usage: report-check.py NAME --month|--quarter|--half|--year P [--as-of DATE]
"""
import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal

ZS = os.environ["ZSDESK"]


def zs(*args):
    r = subprocess.run([ZS, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("zsdesk %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
    return r.stdout


def zs_json(*args):
    return json.loads(zs(*args, "--format", "json"))


def day(s):
    return dt.date.fromisoformat(s)


def month_of(d):
    return d.year * 100 + d.month


def period(kind, p):
    if kind == "year":
        y = int(p)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    y, n = p.split("-")
    y = int(y)
    n = int(n.lstrip("QqHh"))
    first, last = {"month": (n, n), "quarter": (3 * n - 2, 3 * n), "half": (6 * n - 5, 6 * n)}[kind]
    end = dt.date(y + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(y, first, 1), end


def profile_rates():
    """[rates] of the profile in use: (first day, rate times 10000)."""
    text = zs("profile", "show")
    rates, usd, sec = [], None, ""
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("["):
            sec = line.strip("[]")
        elif "=" in line and sec == "rates":
            k, v = (x.strip() for x in line.split("=", 1))
            y, m = k.split("-")
            rates.append((dt.date(int(y), int(m), 1), int(Decimal(v) * 10000)))
        elif "=" in line and sec == "city":
            k, v = (x.strip() for x in line.split("=", 1))
            if k == "usd_rate":
                usd = int(Decimal(v) * 10000)
    return sorted(rates), usd if usd is not None else 70000


def to_cny(usd_amount, d, rates, usd_rate):
    rate = usd_rate
    for first, r in rates:
        if first <= d:
            rate = r
    x = usd_amount * rate
    q, r = divmod(abs(x), 10000)
    if r >= 5000:
        q += 1
    return q if x >= 0 else -q


def add_months(d, n):
    """The same day n months later, clamped to the month's end."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def wan(v):
    neg = v < 0
    d = (Decimal(abs(v)) / Decimal(10000)).normalize()
    s = format(d, "f")
    return ("-" if neg else "") + s


def rate(num, den):
    if den <= 0:
        return ""
    bp = num * 10000 // den
    return "%d.%02d%%" % (bp // 100, bp % 100)


def main():
    name = sys.argv[1]
    kind, p = sys.argv[2].lstrip("-"), sys.argv[3]
    as_of_arg = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--as-of" else None
    first, end = period(kind, p)
    today = day(os.environ["ZSDESK_NOW"][:10])
    as_of = day(as_of_arg) if as_of_arg else min(end, today)
    rates, usd_rate = profile_rates()
    stage_roles = {"lead": "lead", "talks": "talks", "signed": "signed", "registered": "registered",
                   "funded": "funded", "started": "started", "production": "production",
                   "exited": "exited"}

    districts = zs_json("district", "list")
    by_code = {d["code"]: d for d in districts}
    year = end.year

    ids, before = [], None
    while True:
        args = ["project", "list", "--sort", "newest", "--limit", "500"]
        if before:
            args += ["--before", before]
        page = zs_json(*args)
        if not page:
            break
        ids += [r["id"] for r in page]
        before = page[-1]["id"]
        if len(page) < 500:
            break
    projects = []
    for pid in ids:
        f = {r["field"]: r["value"] for r in zs_json("project", "show", pid)}
        projects.append(f)

    def accumulate(first, end, as_of):
        def known(eff, rec):
            return month_of(rec) <= month_of(eff) or rec <= as_of
        year = end.year
        st = {d["code"]: {"stage": {}, "new": 0, "period": {}, "ytd": {}, "total": {}}
              for d in districts}
        for f in projects:
            stages = [e.split("|") for e in f.get("stages", "").split("、") if e]
            money = [e.split("|", 5) for e in f.get("money", "").split("、") if e]
            last, floor = None, dt.date.min
            for d, s_, dist, rec in stages:
                # a stage dated before the one before it counts from that one's day
                d = max(day(d), floor)
                floor = d
                if d <= end and known(d, day(rec)):
                    last = (s_, dist)
            if last:
                st[last[1]]["stage"][last[0]] = st[last[1]]["stage"].get(last[0], 0) + 1
            created = day(f["created_on"])
            attrs = [e.split("|", 3) for e in f.get("attrs", "").split("、") if e]

            def yes(k, on):
                """Attribute k as it was on day on: before the first change after it."""
                for d, fld, before, _after in attrs:
                    if fld == k and day(d) > on:
                        return before == "yes"
                return f.get(k, "no") == "yes"
            if stages and first <= created <= end:
                st[stages[0][2]]["new"] += 1
            if stages and dt.date(end.year, 1, 1) <= created <= end:
                acc = st[stages[0][2]]
                acc["new_ytd"] = acc.get("new_ytd", 0) + 1
                if yes("outside_mfg", created):
                    acc["outside_ytd"] = acc.get("outside_ytd", 0) + 1
            for d, measure, amount, dist, rec, _src in money:
                d, rec, amount = day(d), day(rec), int(amount)
                if d > end or not known(d, rec):
                    continue
                parts = [(measure, amount)]
                if measure == "foreign":
                    parts.append(("foreign_cny", to_cny(amount, d, rates, usd_rate)))
                    if yes("advanced_mfg", d) or yes("outside_mfg", d):
                        parts.append(("foreign_mfg", amount))
                    if yes("hightech_foreign", d):
                        parts.append(("foreign_hitech", amount))
                for m, v in parts:
                    acc = st[dist]
                    acc["total"][m] = acc["total"].get(m, 0) + v
                    if d >= first:
                        acc["period"][m] = acc["period"].get(m, 0) + v
                    if d >= dt.date(year, 1, 1):
                        acc["ytd"][m] = acc["ytd"].get(m, 0) + v
        return st

    def names(code):
        return by_code[code]["name_en"] or by_code[code]["name"]

    st = accumulate(first, end, as_of)
    # Expected to land in the six months after the end: projects not yet
    # registered (today) with a planned registration, or else an expected
    # signing, in (end, end + 6 months].
    landing = {}
    horizon = add_months(end, 6)
    for f in projects:
        planned = f.get("planned_registration") or f.get("expected_sign")
        if f.get("stage") in ("Lead", "Negotiating", "Signed") and planned and \
                end < day(planned) <= horizon:
            code = next(c for c, d in by_code.items() if names(c) == f["district"])
            landing[code] = landing.get(code, 0) + 1
    targets = {t["district"]: t for t in zs_json("target", "list", str(year))}

    def names(code):
        return by_code[code]["name_en"] or by_code[code]["name"]

    def target(code, m, cur, tg=None):
        t = (tg if tg is not None else targets).get(names(code), {}).get(m, "")
        if not t:
            return None
        d = Decimal(t) * 10000
        return int(d)

    want = []
    if name == "bulletin":
        ranks = []
        tot = {}
        for i, d in enumerate(districts):
            a = st[d["code"]]
            g = lambda k: a["stage"].get(stage_roles[k], 0)
            tdom, tfor = target(d["code"], "domestic", "CNY"), target(d["code"], "foreign", "USD")
            ydom, yfor = a["ytd"].get("domestic", 0), a["ytd"].get("foreign", 0)
            rdom = ydom * 10000 // tdom if tdom else None
            rfor = yfor * 10000 // tfor if tfor else None
            has = rdom is not None or rfor is not None
            score = (rdom + rfor) // 2 if rdom is not None and rfor is not None else (
                rdom if rdom is not None else (rfor if rfor is not None else 0))
            amount = ydom + a["ytd"].get("foreign_cny", 0)
            ranks.append((0 if has else 1, -score, -amount, i))
            behind = (tdom and ydom * 12 < tdom * end.month) or (tfor and yfor * 12 < tfor * end.month)
            row = {"district": names(d["code"])}
            for k in stage_roles:
                row[k] = str(g(k))
                tot[k] = tot.get(k, 0) + g(k)
            row["new"] = str(a["new"])
            row["domestic"] = wan(a["period"].get("domestic", 0))
            row["domestic_ytd"] = wan(ydom)
            row["domestic_target"] = wan(tdom) if tdom is not None else ""
            row["domestic_rate"] = rate(ydom, tdom or 0)
            row["foreign"] = wan(a["period"].get("foreign", 0))
            row["foreign_ytd"] = wan(yfor)
            row["foreign_target"] = wan(tfor) if tfor is not None else ""
            row["foreign_rate"] = rate(yfor, tfor or 0)
            row["funds"] = wan(a["period"].get("funds", 0))
            row["flag"] = "behind target" if behind else ""
            row["utilised_ytd"] = wan(amount)
            row["landing"] = str(landing.get(d["code"], 0))
            tot["$landing"] = tot.get("$landing", 0) + landing.get(d["code"], 0)
            tot["$amount"] = tot.get("$amount", 0) + amount
            for k, v in (("new", a["new"]), ("domestic", a["period"].get("domestic", 0)),
                         ("domestic_ytd", ydom), ("foreign", a["period"].get("foreign", 0)),
                         ("foreign_ytd", yfor), ("funds", a["period"].get("funds", 0)),
                         ("tdom", tdom or 0), ("tfor", tfor or 0)):
                tot["$" + k] = tot.get("$" + k, 0) + v
            tot["$anytdom"] = tot.get("$anytdom", False) or tdom is not None
            tot["$anytfor"] = tot.get("$anytfor", False) or tfor is not None
            want.append(row)
        order = sorted(ranks)
        for pos, r in enumerate(order):
            row = want[r[3]]
            row["rank"] = str(pos + 1)
            if len(districts) > 3 and pos >= len(districts) - 3:
                row["flag"] = "bottom three" + (", " + row["flag"] if row["flag"] else "")
        if len(districts) > 1:
            row = {"district": "City total"}
            for k in stage_roles:
                row[k] = str(tot[k])
            row["new"] = str(tot["$new"])
            row["domestic"] = wan(tot["$domestic"])
            row["domestic_ytd"] = wan(tot["$domestic_ytd"])
            row["domestic_target"] = wan(tot["$tdom"]) if tot["$anytdom"] else ""
            row["domestic_rate"] = rate(tot["$domestic_ytd"], tot["$tdom"])
            row["foreign"] = wan(tot["$foreign"])
            row["foreign_ytd"] = wan(tot["$foreign_ytd"])
            row["foreign_target"] = wan(tot["$tfor"]) if tot["$anytfor"] else ""
            row["foreign_rate"] = rate(tot["$foreign_ytd"], tot["$tfor"])
            row["funds"] = wan(tot["$funds"])
            row["rank"] = ""
            row["flag"] = ""
            row["utilised_ytd"] = wan(tot["$amount"])
            row["landing"] = str(tot["$landing"])
            want.append(row)
    elif name == "rates":
        # The contracts' promises (README, Rates), project by project:
        # fallen due on or before the end; kept as known on the as-of day.
        def known(eff, rec):
            return month_of(rec) <= month_of(eff) or rec <= as_of

        def amount(text):
            t = text.replace(",", "")
            for unit, mult, usd in (("亿美元", 100000000, True), ("万美元", 10000, True),
                                    ("美元", 1, True), ("亿元", 100000000, False),
                                    ("万元", 10000, False), ("元", 1, False)):
                if t.endswith(unit):
                    return int(Decimal(t[:-len(unit)]) * mult), usd
            return int(Decimal(t) * 10000), False

        con = {d["code"]: [0] * 6 for d in districts}
        for f in projects:
            if not f.get("contract_investment"):
                continue
            stages = [e.split("|") for e in f.get("stages", "").split("、") if e]
            money = [e.split("|", 5) for e in f.get("money", "").split("、") if e]

            def district_on(when):
                out = stages[0][2]
                for d, _s, dist, _r in stages:
                    if day(d) <= when:
                        out = dist
                return out
            started, floor = None, dt.date.min
            for d, s_, dist, rec in stages:
                d = max(day(d), floor)
                floor = d
                if s_ in ("started", "production") and started is None:
                    started = (d, day(rec))
            promised, usd = amount(f["contract_investment"])
            fby = day(f["contract_funds_by"]) if f.get("contract_funds_by") else None
            sby = day(f["contract_start"]) if f.get("contract_start") else None
            due = []
            if fby and fby <= end:
                a = to_cny(promised, fby, rates, usd_rate) if usd else promised
                funds = [(day(d), int(v), day(rec)) for d, m, v, _dist, rec, _src in money
                         if m == "funds"]
                in_place = sum(v for d, v, rec in funds if d <= end and known(max(d, fby), rec))
                by_day = sum(v for d, v, rec in funds if d <= fby and known(fby, rec))
                c = con[district_on(fby)]
                c[4] += a
                c[5] += min(max(in_place, 0), a)
                due.append((fby, by_day >= a))
            if sby and sby <= end:
                kept = started is not None and started[0] <= sby and known(sby, started[1])
                c = con[district_on(sby)]
                c[2] += 1
                c[3] += kept
                due.append((sby, kept))
            if due:
                c = con[district_on(min(due)[0])]
                c[0] += 1
                c[1] += all(k for _d, k in due)
        tot = [0] * 11
        for d in districts:
            a = st[d["code"]]["stage"]
            sg = sum(a.get(k, 0) for k in ("signed", "registered", "funded", "started", "production"))
            rg = sum(a.get(k, 0) for k in ("registered", "funded", "started", "production"))
            sp = a.get("started", 0) + a.get("production", 0)
            pr = a.get("production", 0)
            funds = st[d["code"]]["total"].get("funds", 0)
            v = [sg, rg, sp, pr, funds] + con[d["code"]]
            tot = [x + y for x, y in zip(tot, v)]
            want.append((names(d["code"]), v))
        if len(districts) > 1:
            want.append(("City total", tot))
        want = [{"district": n, "signed_plus": str(v[0]), "registered_plus": str(v[1]),
                 "registration_rate": rate(v[1], v[0]), "started_plus": str(v[2]),
                 "start_rate": rate(v[2], v[0]), "production": str(v[3]),
                 "production_rate": rate(v[3], v[0]), "funds_total": wan(v[4]),
                 "contracts": str(v[5]), "contracts_kept": str(v[6]),
                 "fulfilment_rate": rate(v[6], v[5]), "start_due": str(v[7]),
                 "started_on_time": str(v[8]), "on_time_start_rate": rate(v[8], v[7]),
                 "funds_promised": wan(v[9]), "funds_promised_in": wan(v[10]),
                 "funds_rate": rate(v[10], v[9])} for n, v in want]
    elif name == "evaluation":
        def ranking(st, tg):
            out, rts = [], []
            for i, d in enumerate(districts):
                a = st[d["code"]]
                tdom, tfor = target(d["code"], "domestic", "", tg), target(d["code"], "foreign", "", tg)
                ydom, yfor = a["ytd"].get("domestic", 0), a["ytd"].get("foreign", 0)
                rdom = ydom * 10000 // tdom if tdom else None
                rfor = yfor * 10000 // tfor if tfor else None
                has = rdom is not None or rfor is not None
                score = (rdom + rfor) // 2 if rdom is not None and rfor is not None else (
                    rdom if rdom is not None else (rfor if rfor is not None else 0))
                out.append((0 if has else 1, -score, -(ydom + a["ytd"].get("foreign_cny", 0)), i))
                rts.append((rdom, rfor))
            rank = [0] * len(districts)
            for pos, r in enumerate(sorted(out)):
                rank[r[3]] = pos + 1
            return rank, rts
        rank, rts = ranking(st, targets)
        bfirst = dt.date(first.year - 1, first.month, 1)
        bend = dt.date(end.year - 1, end.month, 1) + (end - dt.date(end.year, end.month, 1))
        bst = accumulate(bfirst, bend, bend)
        btargets = {t["district"]: t for t in zs_json("target", "list", str(year - 1))}
        brank, brts = ranking(bst, btargets)
        over = as_of >= end
        whole = kind == "year"
        share = 10000 if whole else 5000
        n = len(districts)
        for i, d in enumerate(districts):
            a = st[d["code"]]
            g = a["stage"]
            sg = sum(g.get(k, 0) for k in ("signed", "registered", "funded", "started", "production"))
            rg = sum(g.get(k, 0) for k in ("registered", "funded", "started", "production"))
            tdom, tfor = target(d["code"], "domestic", ""), target(d["code"], "foreign", "")
            flags = []
            rdom, rfor = rts[i]
            missed_dom = over and rdom is not None and rdom < share
            missed_for = over and rfor is not None and rfor < share
            missed_for_b = over and brts[i][1] is not None and brts[i][1] < share
            if missed_dom or missed_for:
                flags.append("target missed: no award (不评优)" if whole else "target missed")
            if whole and rank[i] == n and brank[i] == n and n > 1:
                flags.append("last two years: talk (约谈)")
            if whole and missed_for and missed_for_b:
                flags.append("foreign target missed two years: talk (约谈)")
            if not whole and n > 3 and rank[i] > n - 3:
                flags.append("bottom three: talk (约谈)")
            want.append({"district": names(d["code"]),
                         "domestic_ytd": wan(a["ytd"].get("domestic", 0)),
                         "domestic_target": wan(tdom) if tdom is not None else "",
                         "domestic_rate": rate(a["ytd"].get("domestic", 0), tdom or 0),
                         "foreign_ytd": wan(a["ytd"].get("foreign", 0)),
                         "foreign_target": wan(tfor) if tfor is not None else "",
                         "foreign_rate": rate(a["ytd"].get("foreign", 0), tfor or 0),
                         "registration_rate": rate(rg, sg),
                         "rank": str(rank[i]), "rank_before": str(brank[i]),
                         "flag": ", ".join(flags),
                         "outside_mfg": str(a.get("outside_ytd", 0)),
                         "outside_mfg_share": rate(a.get("outside_ytd", 0), a.get("new_ytd", 0)),
                         "mfg_foreign_share": rate(a["ytd"].get("foreign_mfg", 0),
                                                   a["ytd"].get("foreign", 0)),
                         "hitech_foreign_share": rate(a["ytd"].get("foreign_hitech", 0),
                                                      a["ytd"].get("foreign", 0))})
    elif name == "credit":
        # zsdesk credit sums the ledgers project by project (credit.c): the
        # report, from the counts, must say the same.
        def yuan(text):
            if not text:
                return 0
            t = text.replace(",", "")
            for unit, mult in (("亿元", 100000000), ("万元", 10000), ("元", 1)):
                if t.endswith(unit):
                    return int(Decimal(t[:-len(unit)]) * mult)
            return int(t)
        rows = zs_json("credit", "--from", first.isoformat(), "--to", end.isoformat())
        by_name = {r["district"]: r for r in rows}
        tot = [0, 0, 0]
        for d in districts:
            r = by_name.get(names(d["code"]), {"projects": "0", "shares": "0", "amount": ""})
            v = [int(r["projects"]), int(r["shares"]), yuan(r["amount"])]
            tot = [a + b for a, b in zip(tot, v)]
            want.append({"district": names(d["code"]), "projects": str(v[0]),
                         "shares": str(v[1]), "amount": wan(v[2])})
        if len(districts) > 1:
            want.append({"district": "City total", "projects": str(tot[0]),
                         "shares": str(tot[1]), "amount": wan(tot[2])})
    else:
        sys.exit("report-check.py: no check for " + name)

    args = ["report", name, "--" + kind, p]
    if as_of_arg:
        args += ["--as-of", as_of_arg]
    got = zs_json(*args)
    bad = 0
    if len(got) != len(want):
        print("# rows: zsdesk %d, computed %d" % (len(got), len(want)))
        bad += 1
    for g, w in zip(got, want):
        for k, v in w.items():
            if g.get(k) != v:
                print("# %s %s: zsdesk %r, computed %r" % (w["district"], k, g.get(k), v))
                bad += 1
    sys.exit(1 if bad else 0)


main()
