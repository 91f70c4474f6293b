#!/bin/sh
# enterprise.sh - enterprises: credit codes (check character, normalising, duplicates), types, show, list, edit, history.
. "$TESTLIB"

# credit_code BASE17: BASE17 with its GB 32100 check character appended.
credit_code() {
	python3 -c '
import sys
cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
b = sys.argv[1]
s = sum(cs.index(c) * pow(3, i, 31) for i, c in enumerate(b))
print(b + cs[(31 - s % 31) % 31])' "$1"
}
# wrong_check CODE: the same code with another check character.
wrong_check() {
	base=${1%?}
	last=${1#"$base"}
	if [ "$last" = 0 ]; then echo "${base}1"; else echo "${base}0"; fi
}
# fullwidth TEXT: TEXT with its ASCII letters and digits made full-width.
fullwidth() {
	python3 -c 'import sys; print("".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in sys.argv[1]))' "$1"
}

if command -v python3 >/dev/null 2>&1; then
	CODE1=$(credit_code 91110108MA01XH001)
	CODE2=$(credit_code 91110105MA02YG002)
	CODE3=$(credit_code 91310115MA1K4LQ23)
	FULL3=$(fullwidth "$(echo "$CODE3" | tr 'A-Z' 'a-z')")
else
	# The same values, worked out once by hand.
	CODE1=91110108MA01XH001B
	CODE2=91110105MA02YG0026
	CODE3=91310115MA1K4LQ236
	FULL3=９１３１０１１５ｍａ１ｋ４ｌｑ２３６
fi
BAD=$(wrong_check "$CODE2")
LOWER3=$(echo "$CODE3" | tr 'A-Z' 'a-z')

expect_ok "init" init --profile beijing

# --- add with a valid code -----------------------------------------------------
expect_ok "add with a valid credit code" enterprise add --name 北京星河科技有限公司 \
	--credit-code "$CODE1" --types 独角兽,专精特新 --legal-rep 李明 --address 北京市海淀区中关村大街1号 \
	--contact 王芳 --phone 010-62345678 --notes 重点跟踪企业
expect_out "^1$" "prints id 1"
[ ! -s "$T/err" ] && ok "no warning for a valid code" || not_ok "no warning for a valid code"
expect_ok "show it as tsv" --format tsv enterprise show 1
expect_out "^name	[^	]*	北京星河科技有限公司$" "the name"
expect_out "^credit_code	[^	]*	$CODE1$" "the code"
expect_out "^types	[^	]*	Unicorn、Specialised SME$" "--types takes several, by Chinese label"
expect_out "^legal_rep	[^	]*	李明$" "the legal representative"
expect_out "^address	[^	]*	北京市海淀区中关村大街1号$" "the address"
expect_out "^contact	[^	]*	王芳$" "the contact"
expect_out "^phone	[^	]*	010-62345678$" "the phone"
expect_out "^notes	[^	]*	重点跟踪企业$" "the notes"

# --- a wrong check character: a warning, kept --------------------------------------
expect_ok "a wrong check character is accepted" enterprise add --name 北京月光科技有限公司 --credit-code "$BAD"
expect_out "^2$" "as id 2"
expect_err "^zsdesk: .*(warning|警告)" "with a warning on stderr"
expect_err "(be|应为) ${CODE2#"${CODE2%?}"}[^0-9A-Z]" "naming the right check character"
run --format tsv enterprise show 2
expect_out "^credit_code	[^	]*	$BAD$" "the code is kept as typed"

# --- bad length and characters ------------------------------------------------------
expect_fail 1 "a code of 17 characters" enterprise add --name 错码一 --credit-code 91110108MA01XH001
expect_err "18" "says how long a code is"
expect_fail 1 "a code of 19 characters" enterprise add --name 错码二 --credit-code "${CODE1}1"
expect_fail 1 "a code with I in it" enterprise add --name 错码三 --credit-code 91110108MA01XH00IB
expect_err "I" "says which letters are not used"
expect_fail 1 "a code with a Chinese character" enterprise add --name 错码四 --credit-code 91110108MA01XH00中B
expect_fail 1 "a code with punctuation" enterprise add --name 错码五 --credit-code '91110108MA01XH00!B'
run --format tsv enterprise list
expect_lines 3 "none of them was stored"

# --- normalising ---------------------------------------------------------------------
expect_ok "a lower-case code" enterprise add --name 上海浦江半导体有限公司 --credit-code "$LOWER3"
expect_out "^3$" "is id 3"
run --format tsv enterprise show 3
expect_out "^credit_code	[^	]*	$CODE3$" "is stored in upper case"
expect_ok "a full-width lower-case code finds the same enterprise" --format tsv enterprise show "$FULL3"
expect_out "^id	[^	]*	3$" "enterprise 3"
expect_fail 1 "a full-width code of an existing enterprise is a duplicate" enterprise add \
	--name 浦江半导体（上海）有限公司 --credit-code "$FULL3"
expect_ok "a code with spaces and hyphens" --format tsv enterprise show \
	"$(echo "$CODE3" | sed 's/^\(.\{4\}\)\(.\{6\}\)/\1 \2-/')"
expect_out "^id	[^	]*	3$" "is read as the same code"
expect_ok "an old 15-digit registration number is kept with a warning" enterprise add \
	--name 老字号有限公司 --credit-code 110108012345678
expect_err "warning|警告" "warns"

# --- duplicates ----------------------------------------------------------------------
expect_fail 1 "a duplicate credit code is refused" enterprise add --name 另一家公司 --credit-code "$CODE1"
expect_err "$CODE1" "the error gives the code"
expect_err "(北京星河科技有限公司|\(1\)|[^0-9]1$)" "and names the existing enterprise"
run --format tsv enterprise list --search 另一家
expect_lines 1 "nothing was stored"
expect_ok "the same name without a code is allowed" enterprise add --name 北京月光科技有限公司
expect_out "^5$" "as id 5"

# --- types -------------------------------------------------------------------------
expect_ok "--types by English labels and codes" enterprise add --name 德国精工机械有限公司 \
	--types "Fortune Global 500,外资"
expect_out "^6$" "is id 6"
run --format tsv enterprise show 6
expect_out "^types	[^	]*	Fortune Global 500、Foreign-invested$" "both types"
expect_fail 1 "an unknown type" enterprise add --name 某公司 --types 独角兽,巨无霸
expect_err "巨无霸" "is named"
expect_err "Unicorn" "with the types there are"

# --- show ------------------------------------------------------------------------------
expect_ok "show by id" enterprise show 1
expect_out "北京星河科技有限公司" "the name"
expect_out "^Credit code +$CODE1$" "table: label and code"
expect_ok "show by credit code" --format tsv enterprise show "$CODE1"
expect_out "^id	[^	]*	1$" "enterprise 1"
expect_ok "show by unique name" --format tsv enterprise show 北京星河科技有限公司
expect_out "^id	[^	]*	1$" "enterprise 1"
expect_ok "show by name without its legal form" --format tsv enterprise show 北京星河科技
expect_out "^id	[^	]*	1$" "enterprise 1"
expect_fail 1 "show by a name two enterprises have" enterprise show 北京月光科技有限公司
expect_err "credit code|id|信用代码" "asks for the code or id"
expect_fail 1 "show an unknown enterprise" enterprise show 不存在有限公司
expect_fail 1 "show an unknown id" enterprise show 999
expect_fail 2 "show with no id" enterprise show
expect_ok "show as json" --format json enterprise show 1
if command -v python3 >/dev/null 2>&1; then
	if python3 -c '
import json, sys
d = {r["field"]: r["value"] for r in json.load(open(sys.argv[1], encoding="utf-8"))}
assert d["name"] == "北京星河科技有限公司" and d["notes"] == "重点跟踪企业", d' "$T/out" 2>"$T/err"; then
		ok "json is valid and keeps the Chinese text"
	else
		not_ok "json is valid and keeps the Chinese text"
	fi
fi

# --- list ------------------------------------------------------------------------------
expect_ok "list" --format tsv enterprise list
expect_out "^id	name	credit_code	types$" "list columns"
expect_lines 7 "six enterprises"
[ "$(out_field 1)" = 6 ] && ok "newest first" || not_ok "newest first"
expect_ok "list as a table" enterprise list
expect_out "北京星河科技有限公司 +$CODE1" "the table has name and code"
expect_ok "--search by Chinese" --format tsv enterprise list --search 星河
expect_lines 2 "one 星河"
expect_ok "--search by pinyin initials" --format tsv enterprise list --search pjbdt
expect_out "^3	上海浦江半导体有限公司	" "pjbdt is 浦江半导体"
expect_ok "--search by full pinyin" --format tsv enterprise list --search yueguang
expect_lines 3 "both 月光"
expect_ok "--search by credit code prefix" --format tsv enterprise list --search "$(echo "$CODE1" | cut -c1-12)"
expect_out "^1	" "finds enterprise 1"
expect_ok "--search with no match" --format tsv enterprise list --search 不存在
expect_lines 1 "only the header"
expect_ok "--limit 2" --format tsv enterprise list --limit 2
expect_lines 3 "two"
expect_ok "--before 3" --format tsv enterprise list --before 3
expect_lines 3 "enterprises 2 and 1"
expect_fail 2 "--district is for projects" enterprise list --district haidian

# --- edit and the projects that show its name ------------------------------------------
expect_ok "a project of enterprise 1" project add --name 星河芯片项目 --enterprise "$CODE1" \
	--industry 集成电路 --investment 5000 --district 海淀区
expect_ok "another" project add --name 星河二期 --enterprise 1 --industry 集成电路 --investment 3000 --district 海淀区
expect_ok "rename enterprise 1" enterprise edit 1 --name 北京星河智能科技有限公司
run --format tsv enterprise show 1
expect_out "^name	[^	]*	北京星河智能科技有限公司$" "the new name"
expect_out "^credit_code	[^	]*	$CODE1$" "the same code"
expect_ok "its projects" --format tsv project list --enterprise 1
expect_out "^1	星河芯片项目	北京星河智能科技有限公司	" "project 1 shows the new name"
expect_out "^2	星河二期	北京星河智能科技有限公司	" "project 2 too"
expect_no_out "北京星河科技有限公司" "the old name is gone from the list"
run --format tsv project show 1
expect_out "^enterprise_name	[^	]*	北京星河智能科技有限公司$" "and from project show"
expect_ok "the new name finds it" --format tsv enterprise show 北京星河智能科技有限公司
expect_out "^id	[^	]*	1$" "enterprise 1"
expect_fail 1 "the old name does not" enterprise show 北京星河科技有限公司
expect_ok "search by the new name" --format tsv search 星河智能
expect_lines 3 "finds both projects"
expect_ok "edit with the right version" enterprise edit 1 --expect-version 2 --types 上市公司
expect_fail 3 "edit with a stale version" enterprise edit 1 --expect-version 2 --types 央企
run --format tsv enterprise show 1
expect_out "^types	[^	]*	Listed company$" "the stale edit changed nothing"
expect_fail 1 "edit to another enterprise's code" enterprise edit 1 --credit-code "$CODE3"
expect_fail 1 "edit to a bad code" enterprise edit 1 --credit-code 123
expect_fail 1 "edit an unknown enterprise" enterprise edit 999 --name x
expect_fail 2 "edit an unknown option" enterprise edit 1 --colour red

# --- history ---------------------------------------------------------------------------
expect_ok "history" --format tsv enterprise history 1
expect_out "	北京星河科技有限公司	北京星河智能科技有限公司	" "the rename: old and new name"
expect_out "		$CODE1	" "the code as created"
expect_out "	Unicorn、Specialised SME	Listed company	" "the types changed"
expect_no_out "Central SOE|央企" "not the refused edit"
expect_fail 1 "history of an unknown enterprise" enterprise history 999
expect_fail 2 "history with no id" enterprise history

run check
expect_out "^ok: " "check is clean"
finish
