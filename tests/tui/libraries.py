#!/usr/bin/env python3
"""libraries.py - the libraries beside the project library in the desk.

Drives the real desk in a pty at 80x24, in zh_CN.UTF-8 and in
en_US.UTF-8 with --lang en, and checks each saved effect through the
command line (`zsdesk --db DIR --format tsv ...`):

 * 推介活动库 (by name in the jump box): F6 opens the event form; a
   Haidian officer's event is saved and listed;
 * 推介活动录入 (by name): a Chaoyang officer's event at the same region
   and industry ten days later is a clash: saving asks, naming the other
   district's event; "n" keeps the form unsaved, "y" saves it; the clash
   seen is kept with the event, `event clashes` lists the pair, and the
   list shows the clash below the selected event; the list is searched by
   pinyin initials;
 * 目标企业录入 and 目标企业清单: an enterprise Chaoyang already chases asks
   before Haidian saves it; saved, it is listed with its district;
 * 载体录入 and 空间资源载体: a plot of 250亩 is saved, on the city's list and
   in reserve; F7 opens it, and making it smaller is refused on the
   message line ("never split");
 * 政策录入, 专家录入, 中介录入, 走访计划录入 and their lists (政策清单, 专家库,
   中介与招商大使, 走访计划): one of each saved and listed; a follow-up logged
   with the planned enterprise ticks the visit off (F5 shows it); the
   policy, filed, awaits the city office.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Sandbox, Tap, check, check_screen, cli, fields, goto_field, jump,  # noqa: E402
                     quit_desk, rows_of, start_desk, state_dir)

ROWS, COLS = 24, 80
MSG = ROWS - 2

ZH = dict(
    home=re.compile("我的工作"), saved="已保存", events="推介活动库", new_event="推介活动录入",
    targets="目标企业清单", new_target="目标企业录入", carriers="空间资源载体",
    new_carrier="载体录入", name="活动名称", date="日期", region="目标地区", country="目标国别",
    industry="产业方向", in_plan="列入年度计划", yes="是", ind_text="集成电路", region_text="慕尼黑",
    country_text="德国", clash="撞车", again="仍然保存", not_saved="未保存",
    t_name="企业名称", chain="产业链", status="状态", chain_text="智能网联汽车", watching="跟踪中",
    also="也在", c_name="载体", c_type="载体类型", area="面积", unit="面积单位",
    contiguous="最大连片面积", avail="供应状态", plot="地块", mu="亩", available="可供",
    never_split="不得分割", search_for="mnh",
    policies="政策清单", new_policy="政策录入", p_name="政策名称", p_level="政策层级", county="区县级",
    experts="专家库", new_expert="专家录入", x_name="专家", x_field="擅长领域",
    agencies="中介与招商大使", new_agency="中介录入", a_name="名称", a_type="类型",
    ambassador="招商大使", visits="走访计划", new_visit="走访计划录入", v_name="走访企业",
    v_quarter="季度")
EN = dict(
    home=re.compile("My work"), saved="Saved", events="Promotion events",
    new_event="New promotion event", targets="Target enterprises",
    new_target="New target enterprise", carriers="Space and land carriers",
    new_carrier="New space or land carrier", name="Event", date="Date", region="Target region",
    country="Target country", industry="Industry", in_plan="In the year's plan", yes="yes",
    ind_text="Integrated circuits", region_text="Lyon", country_text="France", clash="clash",
    again="Save all the same", not_saved="Not saved", t_name="Enterprise name",
    chain="Industry chain", status="Status", chain_text="Intelligent connected vehicles",
    watching="Watching", also="also chased by", c_name="Carrier", c_type="Kind of carrier",
    area="Area", unit="Unit of area", contiguous="Largest contiguous", avail="Availability",
    plot="Plot", mu="mu", available="Available", never_split="never split", search_for="lyon",
    policies="Policies", new_policy="New policy", p_name="Policy name", p_level="Policy level",
    county="District or county", experts="Expert pool", new_expert="New expert", x_name="Expert",
    x_field="Fields of expertise", agencies="Intermediaries and ambassadors",
    new_agency="New intermediary or ambassador", a_name="Name", a_type="Kind",
    ambassador="Investment ambassador", visits="Visit plans", new_visit="New visit plan entry",
    v_name="Enterprise to visit", v_quarter="Quarter")

SETUPS = [
    dict(name="zh_CN.UTF-8", lang="zh_CN.UTF-8", args=[], L=ZH, hd="hdz", cy="cyz",
         event="慕尼黑集成电路推介会", event2="朝阳慕尼黑专场", target="特斯拉（上海）有限公司",
         carrier="永丰地块", policy="海淀区集成电路扶持办法", expert="张教授", agency="德国招商大使王先生"),
    dict(name="en_US.UTF-8 --lang en", lang="en_US.UTF-8", args=["--lang", "en"], L=EN,
         hd="hde", cy="cye", event="Lyon IC forum", event2="Chaoyang Lyon day",
         target="Tesla (Shanghai) Co., Ltd.", carrier="Yongfeng plot",
         policy="Haidian IC support measures", expert="Prof. Zhang", agency="Ambassador Wang"),
]


class Abort(Exception):
    """A step the rest of the walk depends on failed."""


def must(ok):
    if not ok:
        raise Abort()


def start(sb, S, who):
    return start_desk(sb, ["--as", who] + S["args"], S["lang"], ROWS, COLS, home=S["L"]["home"],
                      XDG_STATE_HOME=state_dir(sb))


def fill(d, pairs):
    """Types each value into the form field of its label."""
    for label, value in pairs:
        if label == "PgDn":
            d.key("PgDn")
            d.settle()
            continue
        must(goto_field(d, label))
        d.type(value)
        d.settle(0.1)


def event_form(d, L, name, date):
    fill(d, [(L["name"], name), (L["date"], date), (L["region"], L["region_text"]),
             (L["country"], L["country_text"]), (L["industry"], L["ind_text"]), ("PgDn", ""),
             (L["in_plan"], L["yes"])])


def events(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, S, S["hd"])
    try:
        jump(d, L["events"])
        must(check_screen(tap, d, L["events"], tag + "the jump box opens the events by name", row=0))
        d.key("F6")
        must(check_screen(tap, d, L["new_event"], tag + "F6 opens the event form", row=0))
        event_form(d, L, S["event"], "2026-12-10")
        d.key("F2")
        must(check_screen(tap, d, L["saved"], tag + "F2 saves Haidian's event", row=MSG))
        got = [r for r in rows_of(sb, "event", "list", "--search", S["event"]) if r[1] == S["event"]]
        check(tap, d, len(got) == 1 and got[0][2] == "2026-12-10" and got[0][5] == "Haidian",
              tag + "event list: on 2026-12-10, organised by Haidian", repr(got))
    except Abort:
        tap.diag("the Haidian walk stopped early")
    quit_desk(d)

    d = start(sb, S, S["cy"])
    try:
        jump(d, L["new_event"])
        must(check_screen(tap, d, L["new_event"], tag + "the event form by name in the jump box",
                          row=0))
        event_form(d, L, S["event2"], "2026-12-20")
        d.key("F2")
        must(check_screen(tap, d, L["clash"], tag + "saving a clash asks first"))
        check_screen(tap, d, re.compile(re.escape(S["event"][:6])),
                     tag + "naming the other district's event")
        check_screen(tap, d, L["again"], tag + "and whether to save all the same")
        d.type("n")
        check_screen(tap, d, L["not_saved"], tag + "n: not saved", row=MSG)
        check(tap, d, not [r for r in rows_of(sb, "event", "list") if r[1] == S["event2"]],
              tag + "event list: nothing saved")
        d.key("F2")
        must(check_screen(tap, d, L["clash"], tag + "asked again"))
        d.type("y")
        must(check_screen(tap, d, L["saved"], tag + "y: saved", row=MSG))
        got = [r for r in rows_of(sb, "event", "list") if r[1] == S["event2"]]
        eid = got[0][0] if got else "0"
        seen = fields(sb, "event", "show", eid).get("clash_seen", "")
        check(tap, d, S["event"] in seen, tag + "event show: the clash seen is kept", seen)
        pairs = [p for p in rows_of(sb, "event", "clashes") if p[1] == S["event"]]
        check(tap, d, len(pairs) == 1 and pairs[0][7] == S["event2"],
              tag + "event clashes: the pair, for the city office and both organisers",
              repr(pairs))
        d.key("Esc")
        d.settle()
        jump(d, L["events"])
        must(check_screen(tap, d, L["events"], tag + "the events list", row=0))
        d.type(L["search_for"])
        d.settle(0.3)
        check_screen(tap, d, S["event2"][:4], tag + "searched by %s" % L["search_for"])
        check(tap, d, d.find(S["event"][:6]) is not None and S["event2"][:4] in d.text(),
              tag + "both events match")
        check_screen(tap, d, L["clash"], tag + "the clash shows below the selected event")
    except Abort:
        tap.diag("the Chaoyang walk stopped early")
    quit_desk(d)


def targets(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    cli(sb, "--as", S["cy"], "prospect", "add", "--name", S["target"], "--chain", L["chain_text"],
        "--status", "contacting")
    d = start(sb, S, S["hd"])
    try:
        jump(d, L["new_target"])
        must(check_screen(tap, d, L["new_target"], tag + "the target form by name", row=0))
        fill(d, [(L["t_name"], S["target"]), (L["chain"], L["chain_text"]),
                 (L["status"], L["watching"])])
        d.key("F2")
        must(check_screen(tap, d, L["also"], tag + "Chaoyang chases it too: asked first"))
        d.type("y")
        must(check_screen(tap, d, L["saved"], tag + "saved after the question", row=MSG))
        got = [r for r in rows_of(sb, "prospect", "list", "--district", "haidian")
               if r[1] == S["target"]]
        check(tap, d, len(got) == 1, tag + "target list: Haidian's row", repr(got))
        d.key("Esc")
        d.settle()
        jump(d, L["targets"])
        must(check_screen(tap, d, L["targets"], tag + "the targets list by name", row=0))
        check_screen(tap, d, S["target"][:3], tag + "lists the enterprise")
    except Abort:
        tap.diag("the targets walk stopped early")
    quit_desk(d)


def carriers(tap, sb, S):
    L, tag = S["L"], "[%s] " % S["name"]
    d = start(sb, S, S["hd"])
    try:
        jump(d, L["new_carrier"])
        must(check_screen(tap, d, L["new_carrier"], tag + "the carrier form by name", row=0))
        fill(d, [(L["c_name"], S["carrier"]), (L["c_type"], L["plot"]), (L["area"], "250"),
                 (L["unit"], L["mu"]), ("PgDn", ""), (L["avail"], L["available"])])
        d.key("F2")
        must(check_screen(tap, d, L["saved"], tag + "a plot of 250亩 is saved", row=MSG))
        got = [r for r in rows_of(sb, "carrier", "list") if r[1] == S["carrier"]]
        cid = got[0][0] if got else "0"
        shown = fields(sb, "carrier", "show", cid)
        check(tap, d, shown.get("city_list") == "yes" and shown.get("reserve") == "yes",
              tag + "carrier show: on the city's list and held in reserve", repr(shown))
        d.key("Esc")
        d.settle()
        jump(d, L["carriers"])
        must(check_screen(tap, d, L["carriers"], tag + "the carriers list by name", row=0))
        d.type(S["carrier"][:2])
        d.settle(0.3)
        d.key("F7")
        must(check_screen(tap, d, L["c_type"], tag + "F7 opens the selected carrier"))
        fill(d, [(L["contiguous"], "150")])
        d.key("F2")
        check_screen(tap, d, L["never_split"], tag + "making a reserve plot smaller is refused")
        check(tap, d, fields(sb, "carrier", "show", cid).get("reserve") == "yes",
              tag + "carrier show: still held in reserve")
    except Abort:
        tap.diag("the carriers walk stopped early")
    quit_desk(d)


def sources(tap, sb, S):
    """Policies, experts, intermediaries and visit plans: each form and list by name."""
    L, tag = S["L"], "[%s] " % S["name"]
    mine = rows_of(sb, "--as", S["hd"], "project", "list", "--limit", "1")
    ent = fields(sb, "project", "show", mine[0][0]).get("enterprise_name", "") if mine else ""
    d = start(sb, S, S["hd"])
    try:
        for form, lst, pairs, kind, name in [
                ("new_policy", "policies", [(L["p_name"], S["policy"]), (L["p_level"], L["county"])],
                 "policy", S["policy"]),
                ("new_expert", "experts", [(L["x_name"], S["expert"]), (L["x_field"], L["ind_text"])],
                 "expert", S["expert"]),
                ("new_agency", "agencies", [(L["a_name"], S["agency"]), (L["a_type"], L["ambassador"])],
                 "agency", S["agency"]),
                ("new_visit", "visits", [(L["v_name"], ent), (L["v_quarter"], "2026Q4")],
                 "visit", ent)]:
            jump(d, L[form])
            must(check_screen(tap, d, L[form], tag + "the %s form by name" % kind, row=0))
            fill(d, pairs)
            d.key("F2")
            must(check_screen(tap, d, L["saved"], tag + "the %s is saved" % kind, row=MSG))
            got = [r for r in rows_of(sb, "--as", S["hd"], kind, "list", "--district", "haidian")
                   if r[1] == name]
            check(tap, d, len(got) >= 1, tag + "%s list: Haidian's %s" % (kind, name), repr(got))
            d.key("Esc")
            d.settle()
            jump(d, L[lst])
            must(check_screen(tap, d, L[lst], tag + "the %s list by name" % kind, row=0))
            check_screen(tap, d, name[:4], tag + "lists it")
            if kind == "visit":
                cli(sb, "--as", S["hd"], "followup", "add", "--project", mine[0][0], "--type",
                    "visit", "--summary", "visit")
                d.key("F5")
                check_screen(tap, d, "2026-11-22", tag + "a follow-up ticks the visit off (F5)")
            d.key("Esc")
            d.settle()
        policy = [r for r in rows_of(sb, "policy", "list") if r[1] == S["policy"]]
        pid = policy[0][0] if policy else "0"
        cli(sb, "--as", S["hd"], "policy", "file", pid)
        check(tap, d, fields(sb, "policy", "show", pid).get("filing") == "Filed, awaiting the city",
              tag + "policy file: filed with the city office")
    except Abort:
        tap.diag("the sources walk stopped early")
    quit_desk(d)


def main():
    tap = Tap(deadline=300)
    sb = Sandbox(projects=50)
    for S in SETUPS:
        cli(sb, "officer", "add", "--login", S["hd"], "--name", "海淀" + S["hd"], "--role", "desk",
            "--district", "haidian")
        cli(sb, "officer", "add", "--login", S["cy"], "--name", "朝阳" + S["cy"], "--role", "desk",
            "--district", "chaoyang")
        events(tap, sb, S)
        targets(tap, sb, S)
        carriers(tap, sb, S)
        sources(tap, sb, S)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
