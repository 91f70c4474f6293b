# 重庆市 policy profile for zsdesk.
#
# Source: 重庆市人民政府关于进一步加强招商投资促进工作的意见 (seed 003).
# Format as in beijing.profile; an empty value means "no such rule".

[city]
code = chongqing
name = 重庆市
name_en = Chongqing
# 元 per 美元, only to order and filter projects of both currencies together.
usd_rate = 7.1

[first_talk]
# §十六: 重点招商项目流转 ... 同等条件支持招商“首谈”报备的区县和开发区;
# 因项目落地条件难以满足的, 由市招商投资促进工作联席会议评估研判后安排续谈,
# 项目相应赋分由“首谈地”和注册落户地按比例分享.  The register covers the
# city's key projects (project key ID yes), not an amount; a transfer (续谈)
# is always the joint meeting's decision; credit is split by a ratio.
covers = key
exclusive = until decided
transfer = decided
credit = split
split_first_percent = 50
strategic = no
threshold =
threshold_usd =

[pre_report]
# No signing pre-report; the legality review below gates signing.
threshold =
threshold_usd =
lead_days =

[signing_gates]
# §十一: 加强对招商引资项目合作协议、合作备忘录等文本的合法性审查 -
# recorded with zsdesk project review ID --by 市司法局 before signing.
legality_review = yes

[major]
threshold = 10亿元
threshold_usd = 1亿美元

[stages]
# §十六: 合同履约率、资金到位率、如期开工率、投产达产率; §八: 已批准但未开工
# (以清促用).
lead | 线索 | Lead
talks | 在谈 | Negotiating
signed | 签约 | Signed
approved | 已批准 | Approved
registered | 注册 | Registered
funded | 资金到位 | Funds in place
started | 开工 | Construction started
production | 投产 | In production
full_production | 达产 | At full capacity
exited | 退出 | Exited
transferred | 流转 | Transferred

[roles]
desk | 招商专员 | Desk officer
manager | 服务管家 | Service manager
lead | 区县领导 | District lead
city | 市招商投资局 | City office
admin | 管理员 | Administrator

[escalation]
# code | 中文 | English | time limit in working days
# §十二 首接负责、限时办结; §十四 联席会议协调解决跨部门、跨区县的重大问题
# 和招商争议.  The time limit of each level is a local choice: no policy
# document gives one.
manager | 首接负责办理 | First-contact officer | 3
district | 区县协调 | District leadership | 5
city | 市招商投资局协调 | City office | 10
meeting | 联席会议 | Joint meeting | 15
supervision | 督查 | Supervision | 20

[level_roles]
meeting = meeting
supervision = supervision

[issue_rules]
wait_limit_days = 20

[industries]
数字经济 | 数字经济 | Digital economy
智能产业 | 智能产业 | Intelligent industry
汽车 | 汽车 | Automotive
电子信息 | 电子信息 | Electronics
装备制造 | 装备制造 | Equipment
材料 | 材料 | Materials
生物医药 | 生物医药 | Biomedicine
消费品 | 消费品 | Consumer goods
文化旅游 | 文化旅游 | Culture and tourism
现代山地特色高效农业 | 现代山地特色高效农业 | Mountain agriculture

[channels]
平台招商 | 平台招商 | Platform
中介招商 | 中介招商 | Intermediary
以商招商 | 以商招商 | Business referral
基金招商 | 基金招商 | Investment fund
云招商 | 云招商 | Online

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
housing | 人才安居 | Talent housing
power | 用电用能 | Power and energy
finance | 融资 | Financing
policy | 政策兑现 | Policy support
dispute | 招商争议 | Promotion dispute
other | 其他 | Other

[districts]
# 区县 grouped by 片区 (§四: 主城区, 渝西, 渝东北, 渝东南), with a class for
# evaluation (a local choice).  Not every 区县 is listed; add the rest.
yuzhong | 渝中区 | Yuzhong | YZ | | group = 主城区 | class = A
jiangbei | 江北区 | Jiangbei | JB | | group = 主城区 | class = A
yubei | 渝北区 | Yubei | YB | | group = 主城区 | class = A
shapingba | 沙坪坝区 | Shapingba | SPB | | group = 主城区 | class = A
jiulongpo | 九龙坡区 | Jiulongpo | JLP | | group = 主城区 | class = A
nanan | 南岸区 | Nan'an | NA | | group = 主城区 | class = A
liangjiang | 两江新区 | Liangjiang New Area | LJ | | group = 主城区 | class = A
yongchuan | 永川区 | Yongchuan | YC | | group = 渝西片区 | class = B
jiangjin | 江津区 | Jiangjin | JJ | | group = 渝西片区 | class = B
hechuan | 合川区 | Hechuan | HC | | group = 渝西片区 | class = B
wanzhou | 万州区 | Wanzhou | WZ | | group = 渝东北片区 | class = C
fuling | 涪陵区 | Fuling | FL | | group = 渝东北片区 | class = C
qianjiang | 黔江区 | Qianjiang | QJ | | group = 渝东南片区 | class = D
wulong | 武隆区 | Wulong | WL | | group = 渝东南片区 | class = D

[events]
# 推介活动撞车 (seed 000 §五): two districts' promotion events at the same
# region and industry this many days apart or nearer are shown to both
# organisers and the city office before saving (a local choice).
clash_days = 30
