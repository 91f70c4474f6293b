# 北京市 policy profile for zsdesk.
#
# Format: [section] headers; "key = value" settings; list lines whose
# parts are separated by "|" (code | 中文 | English [| more]); "#" starts a
# comment.  Money takes units: 1亿元, 5000万元, 1亿美元.  An empty value
# means "no such rule".  `zsdesk init --profile FILE` copies it into the
# database; `zsdesk profile show` prints the one in use.

[city]
code = beijing
name = 北京市
name_en = Beijing
# 元 per 美元, only to order and filter projects of both currencies together.
usd_rate = 7.1

[first_talk]
# 首谈制 (seed 002, 北京市关于促进高精尖产业投资推进制造业高端智能绿色发展的
# 若干措施 §五): 总投资1亿元以上(含) or 全局性、战略性 projects (strategic
# once the city recognises it: zsdesk firsttalk decide ID strategic);
# 3 months of exclusive negotiation, then the city chooses another
# district.  A district that pushes a project to the city is credited as
# if it introduced it (firsttalk transfer --pushed).
threshold = 1亿元
threshold_usd =
strategic = yes
exclusive_months = 3
credit = reassign
split_first_percent = 0

[pre_report]
# No signing pre-report rule in Beijing's measures.
threshold =
threshold_usd =
lead_days =

[major]
# 市级重大项目: a named service manager (服务管家) for every project at or
# above this size.
threshold = 1亿元
threshold_usd = 1500万美元

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
manager | 服务管家 | Service manager
lead | 区领导 | District lead
city | 市投促中心 | City office
admin | 管理员 | Administrator

[escalation]
# code | 中文 | English | time limit in working days
# The time limit of each level is a local choice: no policy document
# gives one (seed 000 §二十, 003 §十四 describe the ladder, not its days).
manager | 服务管家办理 | Service manager | 3
district | 区级协调 | District leadership | 5
city | 市协调办 | City coordination office | 10
meeting | 协调调度会 | Leaders' coordination meeting | 15
supervision | 督办 | Supervision | 20

[issue_rules]
# Working days an issue may wait on the enterprise before its clock runs
# again by itself (a local choice, like the limits above); 0: no limit.
wait_limit_days = 20

[industries]
新一代信息技术 | 新一代信息技术 | New-generation IT
集成电路 | 集成电路 | Integrated circuits
医药健康 | 医药健康 | Health and medicine
智能网联汽车 | 智能网联汽车 | Intelligent connected vehicles
智能制造与装备 | 智能制造与装备 | Smart manufacturing and equipment
绿色能源与节能环保 | 绿色能源与节能环保 | Green energy and environment
新材料 | 新材料 | New materials
人工智能 | 人工智能 | Artificial intelligence
科技服务 | 科技服务 | Technology services
现代金融 | 现代金融 | Modern finance
文化旅游 | 文化旅游 | Culture and tourism

[channels]
平台招商 | 平台招商 | Platform
中介招商 | 中介招商 | Intermediary
以商招商 | 以商招商 | Business referral
基金招商 | 基金招商 | Investment fund
云招商 | 云招商 | Online
驻外招商 | 驻外招商 | Overseas office
产业链招商 | 产业链招商 | Industry chain
展会招商 | 展会招商 | Trade fair

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
# code | 中文 | English | short code | parks (comma separated)
dongcheng | 东城区 | Dongcheng | DC | 中关村东城园
xicheng | 西城区 | Xicheng | XC | 中关村西城园, 金融街
chaoyang | 朝阳区 | Chaoyang | CY | 中关村朝阳园, CBD
haidian | 海淀区 | Haidian | HD | 中关村科学城, 中关村软件园, 永丰产业基地
fengtai | 丰台区 | Fengtai | FT | 中关村丰台园, 丽泽金融商务区
shijingshan | 石景山区 | Shijingshan | SJS | 中关村石景山园, 首钢园
mentougou | 门头沟区 | Mentougou | MTG | 中关村门头沟园
fangshan | 房山区 | Fangshan | FS | 中关村房山园
tongzhou | 通州区 | Tongzhou | TZ | 中关村通州园, 城市副中心
shunyi | 顺义区 | Shunyi | SY | 中关村顺义园, 临空经济区
changping | 昌平区 | Changping | CP | 中关村昌平园, 未来科学城
daxing | 大兴区 | Daxing | DX | 中关村大兴生物医药基地, 临空经济区大兴片区
huairou | 怀柔区 | Huairou | HR | 怀柔科学城
pinggu | 平谷区 | Pinggu | PG | 中关村平谷园
miyun | 密云区 | Miyun | MY | 中关村密云园
yanqing | 延庆区 | Yanqing | YQ | 中关村延庆园
etown | 北京经济技术开发区 | Beijing E-Town | JKQ | 亦庄新城

[events]
# 推介活动撞车 (seed 000 §五): two districts' promotion events at the same
# region and industry this many days apart or nearer are shown to both
# organisers and the city office before saving (a local choice).
clash_days = 30
