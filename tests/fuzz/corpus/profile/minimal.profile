[city]
code = x
name = 某市
usd_rate = 7.1234
[first_talk]
threshold = 1亿
threshold_usd = 1000万美元
strategic = 是
exclusive_months = 6
credit = split
split_first_percent = 60
[pre_report]
threshold = 5,000万
lead_days = 7
[major]
threshold = 10亿元
[stages]
lead | 线索
[districts]
d1 | 一区 | District 1 | D1 | 园区甲, 园区乙
[industries]
ai | 人工智能 | AI
[escalation]
l1 | 区级 | District | 5
[roles]
admin | 管理员 | Administrator
