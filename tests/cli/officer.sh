#!/bin/sh
# officer.sh - officers: add (roles by code and label), list, show, edit, history, --as and who may open a database.
. "$TESTLIB"

ME=$(id -un)
expect_ok "init" init --profile beijing
expect_ok "the first officer is the account that made the database" --format tsv officer show "$ME"
expect_out "^role	[^	]*	Administrator$" "an administrator"

# --- add ---------------------------------------------------------------------------
expect_ok "add a service manager by role code" officer add --login zhangsan --name 张三 --role manager \
	--district 海淀区 --industries 集成电路,人工智能 --phone 13800138000
expect_out "^2$" "prints id 2"
expect_ok "add a desk officer by Chinese role label" officer add --login lisi --name 李四 --role 招商专员 \
	--district chaoyang
expect_out "^3$" "id 3"
expect_ok "add a district lead by English role label" officer add --login wangwu --name 王五 \
	--role "District lead" --district HD
expect_ok "add a city officer with no district" officer add --login zhaoliu --name 赵六 --role 市投促中心
expect_ok "add an administrator" officer add --login admin2 --name 钱七 --role admin

expect_ok "show by login" --format tsv officer show zhangsan
expect_out "^login	[^	]*	zhangsan$" "the login"
expect_out "^name	[^	]*	张三$" "the name"
expect_out "^role	[^	]*	Service manager$" "the role"
expect_out "^district	[^	]*	Haidian$" "the district"
expect_out "^industries	[^	]*	Integrated circuits、Artificial intelligence$" "the industries"
expect_out "^phone	[^	]*	13800138000$" "the phone"
expect_out "^active	[^	]*	yes$" "active"
expect_ok "show by id" --format tsv officer show 3
expect_out "^login	[^	]*	lisi$" "officer 3 is lisi"
expect_out "^role	[^	]*	Desk officer$" "desk officer from 招商专员"
run --format tsv officer show wangwu
expect_out "^role	[^	]*	District lead$" "district lead from its English label"
run --format tsv officer show zhaoliu
expect_out "^role	[^	]*	City office$" "city office from 市投促中心"
expect_ok "show as a table" officer show zhangsan
expect_out "^Name +张三$" "label and value"
expect_ok "show in Chinese" --lang zh officer show zhangsan
expect_out "服务管家" "the role in Chinese"
expect_out "海淀区" "the district in Chinese"

# --- add: errors -----------------------------------------------------------------------
expect_fail 1 "an existing login" officer add --login zhangsan --name 张三丰 --role desk
expect_err "zhangsan" "names the login"
expect_fail 1 "a bad role" officer add --login sunba --name 孙八 --role boss
expect_err "boss" "names the bad role"
expect_err "Desk officer.*Service manager.*District lead.*City office.*Administrator" "and lists the roles"
expect_fail 1 "an unknown district" officer add --login sunba --name 孙八 --role desk --district 火星区
expect_fail 1 "an unknown industry" officer add --login sunba --name 孙八 --role desk --industries 采矿
expect_fail 1 "a bad phone" officer add --login sunba --name 孙八 --role desk --phone 打电话
expect_fail 1 "no login" officer add --name 孙八 --role desk
expect_fail 1 "no role" officer add --login sunba --name 孙八
expect_fail 2 "an option officers do not have" officer add --login sunba --name 孙八 --role desk --salary 1
run --format tsv officer list
expect_no_out "sunba" "none of them was stored"

# --- list ----------------------------------------------------------------------------------
expect_ok "list" --format tsv officer list
expect_out "^id	login	name	role	district	industries	active$" "list columns"
expect_lines 7 "six officers"
[ "$(out_field 2)" = "$ME" ] && ok "in the order they were made" || not_ok "in the order they were made"
expect_ok "list --district by Chinese name" --format tsv officer list --district 海淀区
expect_lines 3 "two in Haidian"
expect_out "	zhangsan	" "zhangsan"
expect_out "	wangwu	" "wangwu"
expect_no_out "lisi" "not lisi"
expect_ok "list --district by code" --format tsv officer list --district chaoyang
expect_lines 2 "one in Chaoyang"
expect_ok "list --district with nobody" --format tsv officer list --district yanqing
expect_lines 1 "only the header"
expect_fail 1 "list --district unknown" officer list --district 火星区
expect_ok "list as a table" officer list
expect_out "zhangsan +张三 +Service manager +Haidian" "a table row"

# --- edit -----------------------------------------------------------------------------------
expect_ok "edit --active no" officer edit lisi --active no
run --format tsv officer show lisi
expect_out "^active	[^	]*	no$" "lisi is inactive"
run --format tsv officer list
expect_out "	lisi	李四	Desk officer	Chaoyang		no$" "the list shows it"
expect_ok "edit the phone and role" officer edit zhangsan --phone 010-88886666 --role 区领导
run --format tsv officer show zhangsan
expect_out "^phone	[^	]*	010-88886666$" "the new phone"
expect_out "^role	[^	]*	District lead$" "the new role"
expect_ok "edit --active 是" officer edit lisi --active 是
run --format tsv officer show lisi
expect_out "^active	[^	]*	yes$" "active again"
expect_fail 1 "edit --active maybe" officer edit lisi --active maybe
expect_fail 1 "edit to a bad role" officer edit lisi --role boss
expect_fail 1 "edit to a login that is taken" officer edit lisi --login zhangsan
expect_fail 1 "edit an unknown officer" officer edit nobody --active no
expect_fail 2 "edit with nobody named" officer edit
expect_fail 3 "edit with a stale version" officer edit lisi --expect-version 1 --phone 123

# --- history --------------------------------------------------------------------------------
expect_ok "history" --format tsv officer history lisi
expect_out "	yes	no	" "active yes to no"
expect_out "	no	yes	" "and back"
expect_out "		李四	" "the creation"
expect_fail 1 "history of an unknown officer" officer history nobody

expect_fail 1 "show an unknown login" officer show nobody
expect_fail 1 "show an unknown id" officer show 99
expect_fail 2 "show with nobody named" officer show

# --- --as and who may open a database -------------------------------------------------------
expect_fail 1 "--as is refused on a shared database" --as zhangsan project list
expect_err "single-user|单用户" "saying it is for single-user databases"
expect_fail 1 "--as admin on a shared database too" --as "$ME" project list

SU="$T/su"
expect_ok "a single-user database" --db "$SU" init --single-user --name 张三
expect_ok "its owner adds a desk officer" --db "$SU" officer add --login lisi --name 李四 --role desk
expect_ok "an inactive one" --db "$SU" officer add --login wangwu --name 王五 --role desk --active no
expect_ok "--as lisi works there" --db "$SU" --as lisi project list
expect_ok "enterprise added as lisi" --db "$SU" --as lisi enterprise add --name 李四的企业有限公司
expect_ok "its history" --db "$SU" --format tsv enterprise history 1
expect_out "	李四	" "says 李四 did it"
expect_fail 1 "lisi is no administrator" --db "$SU" --as lisi officer add --login x --name x --role desk
expect_err "administrator|管理员" "says only administrators may"
expect_fail 1 "nor may lisi deactivate the owner" --db "$SU" --as lisi officer edit 1 --active no
expect_fail 1 "--as a login that is no officer" --db "$SU" --as ghost project list
expect_err "ghost" "names the login"
expect_err "officer add" "and says how to be added"
expect_fail 1 "--as an inactive officer" --db "$SU" --as wangwu project list
expect_err "wangwu|inactive|停用" "says the account is inactive"
expect_fail 1 "an inactive officer cannot add either" --db "$SU" --as wangwu enterprise add --name 王五的企业有限公司
run --db "$SU" --format tsv enterprise list
expect_lines 2 "so there is one enterprise"

# Nobody locks themselves out: one's own login, role and access stay.
NX="$T/nx"
expect_ok "a second database" --db "$NX" init --profile beijing --single-user
expect_fail 1 "renaming one's own login is refused" --db "$NX" officer edit "$ME" --login "$ME-old"
expect_err "your own" "saying why"
expect_fail 1 "deactivating oneself is refused" --db "$NX" officer edit "$ME" --active no
expect_fail 1 "a login with a space is refused" --db "$NX" officer add --login "a b" --name 甲 --role desk
# An OS account that is not an officer: another administrator gives the
# current account's officer another login, and the account is a stranger.
expect_ok "another administrator" --db "$NX" officer add --login boss --name 老板 --role admin
expect_ok "who renames the current account's officer" --db "$NX" --as boss officer edit "$ME" --login "$ME-old"
expect_fail 1 "now the current account may not open it" --db "$NX" project list
expect_err "$ME" "the error names the account"
expect_err "officer add" "and tells how to be added"
run --db "$NX" check
expect_out "^ok: " "check still reads it"

run check
expect_out "^ok: " "check is clean"
finish
