#!/bin/sh
# workflow-tianjin.sh - Tianjin's rules (seed 001): no first-talk register and no
# pre-report; key projects are a list the city office keeps (项目化、清单化), with who
# listed a project and when; its own stages (项目储备 ... 建设, 投产/开业); two city
# offices split by capital (合作交流办 domestic, 商务局 foreign); the 16 districts and
# 滨海新区's development zones under it.
. "$TESTLIB"

. "${TESTLIB%/*}/workflow-lib.sh"

at 2026-03-02
expect_ok "init a single-user Tianjin database" init --profile tianjin --single-user
expect_ok "the districts" --format tsv district list
expect_out "	和平区	" "has 和平区"
expect_out "天津经济技术开发区" "and TEDA"
run --format tsv district show 天津经济技术开发区
expect_out "^parent	[^	]*	binhai$" "TEDA belongs to 滨海新区"
expect_out "^group	[^	]*	滨海新区$" "in the 滨海新区 group"
expect_ok "the domestic office's officer" officer add --login hz1 --name 合作一 --role city \
	--office 市合作交流办
expect_ok "the foreign office's officer" officer add --login sw1 --name 商务一 --role city \
	--office 市商务局
expect_ok "a Heping desk officer" officer add --login hp1 --name 和平一 --role desk --district 和平区
expect_ok "an enterprise" enterprise add --name 天津海河科技有限公司
expect_ok "a 50亿 domestic project" project add --name 海河大项目 --enterprise 1 --industry 新材料 \
	--investment 50亿 --district 和平区 --stage talks
is "it starts in 前期在谈" "$(val project 1 stage)" "Negotiating"
is "no first-talk register in Tianjin" "$(val project 1 ft_status)" ""
expect_ok "a lead starts in 项目储备" project add --name 储备项目 --enterprise 1 --industry 新材料 \
	--investment 1亿 --district 和平区
is "项目储备" "$(val project 2 stage)" "In reserve"
expect_ok "signs at 50亿 with no pre-report" project stage 1 signed
expect_ok "on to 审批" project stage 1 approved
expect_ok "and 建设" project stage 1 building
is "under construction" "$(val project 1 stage)" "Under construction"
expect_ok "a foreign project" project add --name 外资项目 --enterprise 1 --industry 新材料 \
	--investment 2亿美元 --district 和平区 --stage talks

# The key-project list: the city office keeps it, with who and when.
expect_fail 1 "a desk officer cannot put a project on the key list" --as hp1 project key 1 yes
expect_ok "the domestic office lists the domestic project" --as hz1 project key 1 yes
is "on the list" "$(val project 1 key_project)" "yes"
is "listed by 合作一" "$(val project 1 key_project_by)" "合作一"
is "on 2026-03-02" "$(val project 1 key_project_on)" "2026-03-02"
expect_fail 1 "the domestic office cannot list the foreign project" --as hz1 project key 3 yes
expect_err "other city office" "saying the other office handles it"
expect_ok "the foreign office can" --as sw1 project key 3 yes
expect_ok "taken off again" --as sw1 project key 3 no
is "off the list" "$(val project 3 key_project)" "no"
expect_ok "the history keeps both" --format tsv project history 3
expect_out "商务一	decide	Key project" "who put it on and off"
finish
