# 嘉兴市 policy profile for zsdesk.
#
# Format: [section] headers; "key = value" settings; list lines whose
# parts are separated by "|" (code | 中文 | English [| more]); "#" starts a
# comment.  Money takes units: 1亿元, 5000万元, 1亿美元.  An empty value
# means "no such rule".

[city]
code = jiaxing
name = 嘉兴市
name_en = Jiaxing
# 元 per 美元, only to order and filter projects of both currencies together.
usd_rate = 7.1

[first_talk]
# 首报首谈 (关于进一步推动招大引强工作的实施意见 二.3): 在谈总投资10亿元或
# 1亿美元以上; 1 month of exclusive first talk for the reporting place;
# a transferred project scores equally for both places.
threshold = 10亿元
threshold_usd = 1亿美元
strategic = no
exclusive_months = 1
credit = equal
split_first_percent = 50

[pre_report]
# 重大签约项目预报 (seed 004 二(一)3): 拟签约总投资30亿元、1亿美元以上和
# 标志性重大项目, reported one week ahead; signed without it, the project
# gets no credit.  The week counts from the day the report was filed.
threshold = 30亿元
threshold_usd = 1亿美元
lead_days = 7
covers = amount, landmark

[major]
threshold = 10亿元
threshold_usd = 1亿美元

[stages]
lead | 线索 | Lead
talks | 在谈 | Negotiating
signed | 签约 | Signed
registered | 注册 | Registered
funded | 资金到位 | Funds in place
started | 开工 | Construction started
production | 投产 | In production
exited | 退出 | Exited
transferred | 流转 | Transferred

[roles]
desk | 招商专员 | Desk officer
manager | 项目管家 | Service manager
lead | 区领导 | District lead
city | 市投资促进中心 | City office
admin | 管理员 | Administrator

[escalation]
# The time limit of each level is a local choice: no policy document
# gives one (seed 000 §二十, 003 §十四 describe the ladder, not its days).
manager | 项目管家办理 | Service manager | 3
district | 县（市、区）协调 | District leadership | 5
city | 市协调办 | City coordination office | 10
meeting | 重大项目协调调度会 | Leaders' coordination meeting | 15
supervision | 督办 | Supervision | 20

[issue_rules]
# Working days an issue may wait on the enterprise before its clock runs
# again by itself (a local choice, like the limits above); 0: no limit.
wait_limit_days = 20

[industries]
新一代信息技术 | 新一代信息技术 | New-generation IT
集成电路 | 集成电路 | Integrated circuits
新能源 | 新能源 | New energy
新材料 | 新材料 | New materials
智能网联汽车 | 智能网联汽车 | Intelligent connected vehicles
高端装备 | 高端装备 | High-end equipment
生物医药 | 生物医药 | Biomedicine
时尚产业 | 时尚产业 | Fashion
数字经济 | 数字经济 | Digital economy
现代服务业 | 现代服务业 | Modern services

[channels]
平台招商 | 平台招商 | Platform
中介招商 | 中介招商 | Intermediary
以商招商 | 以商招商 | Business referral
基金招商 | 基金招商 | Investment fund
云招商 | 云招商 | Online
驻外招商 | 驻外招商 | Overseas office
招商公司 | 招商公司 | Promotion company

[enterprise_types]
世界500强 | 世界500强 | Fortune Global 500
中国500强 | 中国500强 | China Top 500
民营500强 | 民营500强 | Private Top 500
独角兽 | 独角兽 | Unicorn
专精特新 | 专精特新 | Specialised SME
隐形冠军 | 隐形冠军 | Hidden champion
外资 | 外资 | Foreign-invested
央企 | 央企 | Central SOE
上市公司 | 上市公司 | Listed company

[issue_categories]
land | 用地 | Land
approval | 审批 | Approvals
housing | 人才住房 | Talent housing
power | 用电用能 | Power and energy
finance | 融资 | Financing
policy | 政策兑现 | Policy support
other | 其他 | Other

[districts]
nanhu | 南湖区 | Nanhu | NH | 南湖基金小镇, 科技城
xiuzhou | 秀洲区 | Xiuzhou | XZ | 秀洲高新区
jiashan | 嘉善县 | Jiashan | JS | 嘉善经济技术开发区, 祥符荡科创绿谷
pinghu | 平湖市 | Pinghu | PH | 平湖经济技术开发区
haiyan | 海盐县 | Haiyan | HY | 海盐经济开发区
haining | 海宁市 | Haining | HN | 海宁经济开发区, 鹃湖科技城
tongxiang | 桐乡市 | Tongxiang | TX | 桐乡经济开发区, 乌镇
jxetdz | 嘉兴经济技术开发区 | Jiaxing ETDZ | JKQ | 国际商务区
port | 嘉兴港区 | Jiaxing Port Area | GQ | 浙江乍浦经济开发区

# Classes of projects each district has a yearly target of, by number
# (seed 004 一(二)): 世界500强 projects, projects over 1亿美元, domestic
# projects over 50亿元 (a third of them over 100亿元).  The rule: "type =" an
# enterprise type of [enterprise_types], or "min =" an amount (in 美元: the
# project's investment in 美元 or its foreign capital; in 元: a domestic
# project's investment).  A project counts in the month it was signed.
[target_classes]
fortune500 | 世界500强项目 | Fortune Global 500 projects | type = 世界500强
usd100m | 超1亿美元项目 | Projects over 100M USD | min = 1亿美元
cny5b | 超50亿元内资项目 | Domestic projects over 5bn CNY | min = 50亿

# 以清促用 (seed 003 §八): a signed project not started this many months
# after its planned start is on the clearing list.  A local choice: no
# document gives the time.
[reports]
clearing_months = 6

[events]
# 推介活动撞车 (seed 000 §五): two districts' promotion events at the same
# region and industry this many days apart or nearer are shown to both
# organisers and the city office before saving (a local choice).
clash_days = 30
