#!/bin/sh
# libraries.sh - the libraries beside the project library: target
# enterprises, promotion events, space and land carriers.  Adding and
# searching (Chinese, pinyin initials, full pinyin), the warnings shown
# before a save and the lists of clashes (two districts chasing one
# enterprise, two districts' events at the same region and industry
# within the profile's days, a carrier promised to two live projects),
# the ways around the rules (another district's row, an event outside the
# plan without a reason, splitting a reserve plot, the clash without
# --confirm, the window's edge), history, audit, export and import twice.
. "$TESTLIB"

expect_ok "init" init --profile beijing --single-user
expect_ok "a Haidian officer" officer add --login hd --name 海淀甲 --role desk --district haidian
expect_ok "a Chaoyang officer" officer add --login cy --name 朝阳甲 --role desk --district chaoyang
expect_ok "a city officer" officer add --login city --name 市局甲 --role city

# --- target enterprises ------------------------------------------------------
expect_ok "Haidian chases an enterprise" --as hd prospect add --name 特斯拉（上海）有限公司 \
	--chain 智能网联汽车 --status watching --class 世界500强,跨国公司总部 --country 美国
expect_out "^1$" "prints the new id"
expect_ok "show it" --as hd --format tsv prospect show 1
expect_out "^district	[^	]*	Haidian$" "the officer's district by default"
expect_out "^class	[^	]*	Fortune Global 500、Multinational headquarters$" "classes by name"
expect_fail 1 "a class that is not one" --as hd prospect add --name 某公司 --chain 集成电路 \
	--status watching --class 百强
expect_err "Class" "names the field"
expect_fail 1 "Haidian may not file a row for Chaoyang" --as hd prospect add --name 某公司 \
	--chain 集成电路 --status watching --district chaoyang
expect_err "own district's rows" "and says whose rows it writes"
expect_ok "Chaoyang chases the same one, written otherwise" --as cy prospect add \
	--name "特斯拉(上海)有限公司" --chain 智能网联汽车 --status contacting
expect_err "also chased by 海淀区 \\(target 1\\)" "and is warned at saving"
expect_ok "the warning is kept with the row" --as cy --format tsv prospect show 2
expect_out "^shared_seen	[^	]*	.*海淀区" "as seen"
expect_fail 1 "Chaoyang may not change Haidian's row" --as cy prospect edit 1 --status dropped
expect_err "own district's rows" "refused"
expect_ok "the city office lists the enterprises chased twice" --as city --format tsv prospect shared
expect_lines 2 "one pair under the header"
expect_out "^2	特斯拉\\(上海\\)有限公司	Chaoyang	.*	1	特斯拉（上海）有限公司	Haidian" "both sides"
expect_ok "so does Haidian" --as hd --format tsv prospect shared
expect_lines 2 "its own pair"
expect_ok "Haidian drops its chase" --as hd prospect edit 1 --status 已放弃
expect_ok "no pair any more" --as city --format tsv prospect shared
expect_lines 1 "the header only"
expect_ok "search by pinyin initials" --as hd --format tsv prospect list --search tsl
expect_lines 3 "both rows"
expect_ok "search by full pinyin" --as hd --format tsv prospect list --search tesila
expect_lines 3 "both rows"
expect_ok "search by Chinese, one district" --as hd --format tsv prospect list --search 特斯拉 \
	--district chaoyang
expect_lines 2 "Chaoyang's row"
expect_ok "the history says who changed what" --as hd --format tsv prospect history 1
expect_out "Watching	Dropped" "old and new status"
expect_ok "the enterprise" enterprise add --name 特斯拉（上海）有限公司
expect_ok "a project starts" project add --name 特斯拉储能项目 --enterprise 特斯拉 \
	--industry 智能网联汽车 --investment 50000 --district 朝阳区
expect_ok "the target links to it" --as cy prospect edit 2 --project 1 --status talking
expect_ok "shown by name" --as cy --format tsv prospect show 2
expect_out "^project	[^	]*	特斯拉储能项目$" "the project"

# --- promotion events --------------------------------------------------------
expect_ok "Haidian plans an event" --as hd event add --name 深圳集成电路推介会 --date 2026-12-10 \
	--region 深圳 --industry 集成电路 --in-plan yes --partners 深圳市半导体行业协会
expect_fail 1 "one outside the plan needs a reason" --as cy event add --name 朝阳杭州专场 \
	--date 2026-12-20 --region 杭州 --industry 集成电路 --in-plan no
expect_err "Why outside the plan: .*needs a reason" "says so, on the field"
expect_fail 1 "a clash within 30 days needs --confirm" --as cy event add --name 朝阳深圳专场 \
	--date 2026-12-20 --region 深圳 --industry 集成电路 --in-plan no --plan-reason 企业邀请
expect_err "clash: event 1 深圳集成电路推介会 of 海淀区 on 2026-12-10" "names the other event"
expect_err "not saved.*--confirm" "and how to save it"
expect_ok "with --confirm it is saved" --as cy event add --name 朝阳深圳专场 --date 2026-12-20 \
	--region 深圳 --industry 集成电路 --in-plan no --plan-reason 企业邀请 --confirm
expect_out "^2$" "as event 2"
expect_ok "the clash seen is kept" --as cy --format tsv event show 2
expect_out "^clash_seen	[^	]*	clash: event 1" "with the event"
expect_ok "31 days later is no clash" --as cy event add --name 朝阳深圳专场二 --date 2027-01-10 \
	--region 深圳 --industry 集成电路 --in-plan yes
expect_ok "another industry is no clash" --as cy event add --name 朝阳深圳医药 --date 2026-12-11 \
	--region 深圳 --industry 医药健康 --in-plan yes
expect_ok "another region is no clash" --as cy event add --name 朝阳上海专场 --date 2026-12-11 \
	--region 上海 --industry 集成电路 --in-plan yes
expect_ok "the same district's event is no clash, the other's are" --as hd event add \
	--name 海淀深圳二场 --date 2026-12-12 --region 深圳 --industry 集成电路 --in-plan yes --confirm
expect_err "clash: event 2 朝阳深圳专场 of 朝阳区" "Chaoyang's is named"
expect_err "clash: event 3 朝阳深圳专场二 of 朝阳区 on 2027-01-10" "29 days later is one"
expect_fail 1 "moving an event into the window clashes" --as cy event edit 3 --date 2026-12-15
expect_err "clash: event 1" "says so"
expect_ok "both organisers see the clash" --as hd --format tsv event clashes
expect_lines 4 "three pairs: 1 and 2, 6 and 2, 6 and 3"
expect_ok "Chaoyang too" --as cy --format tsv event clashes
expect_lines 4 "the same three"
expect_ok "a district with no part in it sees none" officer add --login xc --name 西城甲 \
	--role desk --district xicheng
expect_ok "Xicheng lists the clashes" --as xc --format tsv event clashes
expect_lines 1 "the header only"
expect_ok "the city office sees all" --as city --format tsv event clashes
expect_lines 4 "three pairs"

# --- carriers -----------------------------------------------------------------
expect_ok "a plot of 250亩" --as hd carrier add --name 永丰地块 --type plot --area 250 \
	--area-unit 亩 --availability available
expect_ok "on the city's list and held in reserve" --as hd --format tsv carrier show 1
expect_out "^city_list	[^	]*	yes$" "on the list"
expect_out "^reserve	[^	]*	yes$" "in reserve"
expect_ok "a building in m², kept exactly" --as hd carrier add --name 中关村大厦 --type building \
	--area 12345.67 --area-unit 平方米 --availability available
expect_ok "shown as typed" --as hd --format tsv carrier show 2
expect_out "^area	[^	]*	12345.67$" "12345.67"
expect_out "^city_list	[^	]*	no$" "not a plot for the list"
expect_fail 1 "a reserve plot is never split" --as hd carrier add --name 永丰小地块 --type plot \
	--area 30 --area-unit mu --availability available --split-from 1
expect_err "never split" "says why"
expect_fail 1 "nor made smaller" --as hd carrier edit 1 --contiguous 150
expect_err "never split" "says why"
expect_ok "a plot of 120亩 goes on the list only" --as hd carrier add --name 西北旺地块 --type plot \
	--area 120 --area-unit mu --availability available
expect_ok "shown" --as hd --format tsv carrier show 3
expect_out "^reserve	[^	]*	no$" "not in reserve"
expect_out "^city_list	[^	]*	yes$" "on the list"
expect_ok "an enterprise" enterprise add --name 北京泰和科技有限公司 --credit-code 91110108MA01XH001B
expect_ok "a project takes the plot" --as hd project add --name 泰和A --enterprise 泰和 \
	--industry 集成电路 --investment 5000 --district 海淀区 --carrier 永丰地块
expect_ok "a second project is warned" --as hd project add --name 泰和B --enterprise 泰和 \
	--industry 集成电路 --investment 5000 --district 海淀区 --carrier 1
expect_err "already promised to project 2 泰和A" "names the first"
expect_ok "the city office lists it" --as city --format tsv carrier promised
expect_lines 2 "one pair"
expect_out "^1	永丰地块	3	泰和B	Haidian	.*	2	泰和A" "the carrier and both projects"
expect_ok "the first project exits" --as hd project stage 2 exited --reason 企业撤回
expect_ok "no pair any more" --as city --format tsv carrier promised
expect_lines 1 "the header only"

# --- policies ---------------------------------------------------------------
expect_ok "the city's policy" --as city policy add --name 北京市促进集成电路产业发展若干措施 \
	--level municipal --industry 集成电路 --doc-no "京政办发〔2024〕5号"
expect_ok "a district's own policy" --as hd policy add --name 海淀区集成电路专项扶持办法 \
	--level county --valid-until 2027-12-31
expect_fail 1 "Chaoyang may not file a Haidian policy" --as cy policy add --name x --level county \
	--district haidian
expect_fail 1 "the city's policy is not filed" --as city policy file 1
expect_err "only a district's own policy" "says so"
expect_fail 1 "another district may not file it" --as cy policy file 2
expect_err "its own policies" "says so"
expect_ok "Haidian files it" --as hd policy file 2
expect_fail 1 "nor twice" --as hd policy file 2
expect_fail 1 "a district may not accept it" --as hd policy accept 2
expect_err "only the city office" "says who does"
expect_fail 1 "returning needs a reason" --as city policy return 2
expect_err "with the reason" "asks for it"
expect_ok "the city office returns it" --as city policy return 2 --reason 与市级政策重复
expect_ok "filed again" --as hd policy file 2
expect_ok "and accepted" --as city policy accept 2 --reason 同意备案
expect_ok "shown with the answer" --as hd --format tsv policy show 2
expect_out "^filing	[^	]*	Accepted$" "accepted"
expect_out "^answer	[^	]*	同意备案$" "with the city office's answer"
expect_ok "the history keeps the return and its reason" --as hd --format tsv policy history 2
expect_out "return.*与市级政策重复" "the return"
expect_ok "search by pinyin initials" --as hd --format tsv policy list --search jcdl
expect_lines 3 "both policies"
expect_ok "linked to a Haidian project" --as hd policy link 2 --project 3
expect_ok "the project names it" --as hd --format tsv project show 3
expect_out "^policies	[^	]*	2$" "policy 2"
expect_ok "the policy lists its projects" --as hd --format tsv policy projects 2
expect_out "^3	泰和B" "project 3"
expect_fail 1 "Chaoyang may not link to Haidian's project" --as cy policy link 1 --project 3
expect_fail 1 "nor link twice" --as hd policy link 2 --project 3
expect_ok "unlinked" --as hd policy unlink 2 --project 3
expect_ok "no projects any more" --as hd --format tsv policy projects 2
expect_lines 1 "the header only"

# --- experts, intermediaries, ambassadors: lead sources ---------------------
expect_ok "an expert" --as hd expert add --name 张教授 --field 集成电路,新一代信息技术 \
	--organisation 清华大学 --title 教授
expect_ok "an ambassador" --as hd agency add --name 德国招商大使王先生 --type 招商大使 --region 德国 \
	--agreement-until 2027-06-30
expect_fail 1 "a kind that is not one" --as hd agency add --name x --type 猎头
expect_ok "a project names its lead sources" --as hd project edit 3 --source-expert zjs \
	--source-agency 德国招商大使
expect_ok "shown by name" --as hd --format tsv project show 3
expect_out "^source_expert	[^	]*	张教授$" "the expert"
expect_out "^source_agency	[^	]*	德国招商大使王先生$" "the ambassador"
expect_fail 1 "an expert not in the pool" --as hd project edit 3 --source-expert 李教授
expect_err "no Expert" "says so"

# --- visit plans ----------------------------------------------------------------
expect_ok "Haidian plans to visit an enterprise this quarter" --as hd visit add \
	--name 北京泰和科技有限公司 --quarter 2026年第4季度 --class 专精特新 --purpose 了解扩产需求
expect_ok "and next quarter" --as hd visit add --name 北京泰和科技有限公司 --quarter 2027q1
expect_ok "Chaoyang plans the same this quarter" --as cy visit add --name 北京泰和科技有限公司 \
	--quarter 2026Q4
expect_fail 1 "a quarter that is not one" --as hd visit add --name x --quarter 2026Q5
expect_err "2026Q4" "shows how one looks"
expect_ok "a follow-up with the enterprise" --as hd followup add --project 2 --type visit \
	--date 2026-11-20 --summary 走访企业了解扩产需求
expect_ok "ticks off Haidian's plan of this quarter" --as hd --format tsv visit show 1
expect_out "^quarter	[^	]*	2026Q4$" "2026年第4季度 read as 2026Q4"
expect_out "^visited_on	[^	]*	2026-11-20$" "visited on the follow-up's day"
expect_ok "not next quarter's" --as hd --format tsv visit show 2
expect_no_out "^visited_on" "still to visit"
expect_ok "nor Chaoyang's" --as cy --format tsv visit show 3
expect_no_out "^visited_on" "still to visit"
expect_ok "the history says which follow-up" --as hd --format tsv visit history 1
expect_out "tick.*Follow-up" "ticked by the follow-up"

# --- export and import --------------------------------------------------------
expect_ok "export the targets" --as city export prospects --output "$T/targets.csv"
expect_ok "export the events as xlsx" --as city export events --output "$T/events.xlsx"
expect_ok "import the targets back: nothing changes" --as city import prospects "$T/targets.csv"
expect_err "0 added, 0 updated, 2 unchanged" "both unchanged"
expect_ok "import the events back" --as city import events "$T/events.xlsx"
expect_err "0 added, 0 updated, 6 unchanged" "all unchanged"
printf '企业名称,产业链,状态,考核类别\n比亚迪股份有限公司,智能网联汽车,跟踪中,民企500强\n宁德时代,智能网联汽车,不知道,\n' \
	>"$T/new-targets.csv"
expect_fail 1 "a sheet of Haidian's targets: one bad row" --as hd import prospects "$T/new-targets.csv"
expect_err "1 added, 0 updated, 0 unchanged, 0 duplicate, 1 rejected" "the good row only"
if grep -q "不知道" "$T/new-targets-rejected.csv"; then ok "the rejected file keeps the bad row"; else
	not_ok "the rejected file keeps the bad row"; fi
expect_fail 1 "the good row again" --as hd import prospects "$T/new-targets.csv"
expect_err "0 added, 0 updated, 1 unchanged" "matched by name in the district"
printf '活动名称,日期,目标地区,产业方向,主办区县,列入年度计划\n西城深圳专场,2026-12-15,深圳,集成电路,xicheng,是\n' \
	>"$T/new-events.csv"
expect_ok "an imported event that clashes" --as city import events "$T/new-events.csv"
expect_out "warning: clash: event 1 深圳集成电路推介会 of 海淀区" "is said in the preview"
expect_err "1 added" "and imported, the clash kept with it"
expect_ok "the city office lists its clashes" --as city --format tsv event clashes
expect_out "西城深圳专场" "with the others"
expect_ok "the audit log has the library tables" audit
expect_out "target" "targets"
expect_out "event" "events"
expect_out "carrier" "carriers"
expect_out "policy" "policies"
expect_out "visit" "visit plans"
expect_ok "zsdesk check finds nothing wrong" check
finish
