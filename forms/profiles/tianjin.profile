# 天津市 policy profile for zsdesk.
#
# Source: 天津市人民政府关于印发天津市加强和改进招商引资工作若干措施的通知
# (2020年12月2日; seed 001).  Format as in beijing.profile; an empty value
# means "no such rule".

[city]
code = tianjin
name = 天津市
name_en = Tianjin
# 元 per 美元, only to order and filter projects of both currencies together.
usd_rate = 7.1

[first_talk]
# No first-talk register in Tianjin's measures.
exclusive_months = 0
threshold =
threshold_usd =
strategic = no

[pre_report]
# No signing pre-report in Tianjin's measures.
threshold =
threshold_usd =
lead_days =

[major]
# Key projects are a list (§六 全面推进项目化、清单化管理), not an amount:
# the city office puts them on it (zsdesk project key ID yes).  Projects of
# this size also get a named service manager.
threshold = 10亿元
threshold_usd = 1亿美元

[stages]
# §六: 项目储备、签约、审批、开工、建设、投产; §三: 前期在谈、签约注册、
# 资金到位、开建开业.
reserve | 项目储备 | In reserve
talks | 前期在谈 | Negotiating
signed | 签约 | Signed
registered | 注册 | Registered
approved | 审批 | Approved
funded | 资金到位 | Funds in place
started | 开工 | Construction started
building | 建设 | Under construction
production | 投产/开业 | In production or open
exited | 退出 | Exited
transferred | 流转 | Transferred

[stage_roles]
lead = reserve

[roles]
desk | 招商专员 | Desk officer
manager | 服务管家 | Service manager
lead | 区领导 | District lead
city | 市级招商部门 | City office
admin | 管理员 | Administrator

[city_offices]
# Two city offices (§五 责任单位): 市合作交流办 for domestic capital,
# 市商务局 for foreign capital; an officer of one acts on its projects.
hezuo | 市合作交流办 | Cooperation and Exchange Office | domestic
shangwu | 市商务局 | Commerce Bureau | foreign

[escalation]
# code | 中文 | English | time limit in working days
# §六 重点调度、重点跟踪、重点服务.  The time limit of each level is a
# local choice: no policy document gives one.
manager | 服务管家办理 | Service manager | 3
district | 区级协调 | District leadership | 5
city | 市级部门协调 | City departments | 10
meeting | 市领导调度 | City leaders' coordination | 15
supervision | 督办 | Supervision | 20

[issue_rules]
# Working days an issue may wait on the enterprise before its clock runs
# again by itself (a local choice); 0: no limit.
wait_limit_days = 20

[industries]
新一代信息技术 | 新一代信息技术 | New-generation IT
高端装备 | 高端装备 | High-end equipment
生物医药 | 生物医药 | Biomedicine
新能源 | 新能源 | New energy
新材料 | 新材料 | New materials
航空航天 | 航空航天 | Aerospace
汽车 | 汽车 | Automotive
石油化工 | 石油化工 | Petrochemicals
现代服务业 | 现代服务业 | Modern services

[channels]
网络招商 | 云招商 | Online
中介招商 | 中介招商 | Intermediary
平台招商 | 平台招商 | Platform
园区招商 | 园区招商 | Park
代理招商 | 代理招商 | Agency
以商招商 | 以商招商 | Business referral

[enterprise_types]
世界500强 | 世界500强 | Fortune Global 500
中国500强 | 中国500强 | China Top 500
民营500强 | 民营500强 | Private Top 500
独角兽 | 独角兽 | Unicorn
专精特新 | 专精特新 | Specialised SME
外资 | 外资 | Foreign-invested
央企 | 央企 | Central SOE

[issue_categories]
land | 用地 | Land
approval | 审批 | Approvals
housing | 人才住房 | Talent housing
power | 用电用能 | Power and energy
finance | 融资 | Financing
policy | 政策兑现 | Policy support
other | 其他 | Other

[districts]
# The 16 districts, and 滨海新区's development zones under it (§七).
# code | 中文 | English | short code | parks | parent = ... | group = ...
heping | 和平区 | Heping | HP | | group = 中心城区
hedong | 河东区 | Hedong | HD | | group = 中心城区
hexi | 河西区 | Hexi | HX | | group = 中心城区
nankai | 南开区 | Nankai | NK | | group = 中心城区
hebei | 河北区 | Hebei | HB | | group = 中心城区
hongqiao | 红桥区 | Hongqiao | HQ | | group = 中心城区
dongli | 东丽区 | Dongli | DL | | group = 环城四区
xiqing | 西青区 | Xiqing | XQ | | group = 环城四区
jinnan | 津南区 | Jinnan | JN | | group = 环城四区
beichen | 北辰区 | Beichen | BC | | group = 环城四区
wuqing | 武清区 | Wuqing | WQ | | group = 远郊五区
baodi | 宝坻区 | Baodi | BD | 京津中关村科技城 | group = 远郊五区
ninghe | 宁河区 | Ninghe | NH | | group = 远郊五区
jinghai | 静海区 | Jinghai | JH | | group = 远郊五区
jizhou | 蓟州区 | Jizhou | JZ | | group = 远郊五区
binhai | 滨海新区 | Binhai New Area | BH | 滨海—中关村科技园 | group = 滨海新区
teda | 天津经济技术开发区 | TEDA | TEDA | | parent = binhai | group = 滨海新区
tjftz | 天津港保税区 | Tianjin Port Free Trade Zone | BSQ | | parent = binhai | group = 滨海新区
thip | 滨海高新区 | Binhai Hi-tech Zone | GXQ | | parent = binhai | group = 滨海新区
dongjiang | 东疆综合保税区 | Dongjiang Bonded Zone | DJ | | parent = binhai | group = 滨海新区
ecocity | 中新天津生态城 | Sino-Singapore Eco-City | STC | | parent = binhai | group = 滨海新区

[events]
# 推介活动撞车 (seed 000 §五): two districts' promotion events at the same
# region and industry this many days apart or nearer are shown to both
# organisers and the city office before saving (a local choice).
clash_days = 30
