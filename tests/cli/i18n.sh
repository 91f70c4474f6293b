#!/bin/sh
# i18n.sh - Chinese and English (--lang, ZSDESK_LANG, zh_CN locales) and GB18030 output and input (--charset, locale).
. "$TESTLIB"

# run_env VAR=VALUE... -- ARGS...: run with those environment variables.
run_env() {
	envs=""
	while [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	env $envs "$ZSDESK" "$@" >"$T/out" 2>"$T/err"
	status=$?
}
# same_file A B WHAT: the two files are byte for byte the same.
same_file() {
	if cmp -s "$1" "$2"; then ok "$3"; else
		not_ok "$3"
		diff "$1" "$2" | head -5 | sed 's/^/#   diff: /'
	fi
}
# gb TEXT: TEXT in GB18030.
gb() {
	printf '%s' "$1" | iconv -f UTF-8 -t GB18030
}
# has_cjk FILE: FILE (UTF-8) has a CJK ideograph (U+4E00..U+9FFF, by its bytes).
has_cjk() {
	LC_ALL=C grep -q "$(printf '[\344-\351][\200-\277][\200-\277]')" "$1"
}
# skip_n N WHAT: N skipped checks.
skip_n() {
	i=0
	while [ "$i" -lt "$1" ]; do
		i=$((i + 1))
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $2 ($i) # SKIP $3"
	done
}

expect_ok "init" init --profile beijing
expect_ok "an enterprise" enterprise add --name 北京星河科技有限公司
expect_ok "a project" project add --name 星河智能芯片研发中心 --enterprise 1 --industry 集成电路 \
	--investment 1.5亿 --district 海淀区 --park 中关村软件园

# --- --lang ---------------------------------------------------------------------------------
expect_ok "project list in English" --lang en project list
cp "$T/out" "$T/en.list"
expect_out "^ID +Project name +Enterprise name +Industry +Total investment +District +Stage" "English header"
expect_out "Integrated circuits +15,000万元 +Haidian +Lead" "English labels of the profile's choices"
expect_ok "project list in Chinese" --lang zh project list
cp "$T/out" "$T/zh.list"
expect_out "^ID +项目名称 +企业名称 +产业方向 +总投资 +区县 +阶段" "Chinese header (项目名称 ...)"
expect_out "集成电路 +15,000万元 +海淀区 +线索" "Chinese labels of the profile's choices"
cmp -s "$T/en.list" "$T/zh.list" && not_ok "zh differs from en" || ok "zh differs from en"
has_cjk "$T/zh.list" && ok "zh output has CJK" || not_ok "zh output has CJK"
expect_ok "show in Chinese" --lang zh project show 1
expect_out "^项目名称 +星河智能芯片研发中心$" "Chinese field labels"
expect_out "^区县 +海淀区$" "the district"
expect_ok "tsv keys stay the same in Chinese" --lang zh --format tsv project list
expect_out "^id	name	enterprise_name	industry	investment	district	stage	manager$" "tsv header is keys"
expect_out "	集成电路	15,000万元	海淀区	线索	" "values in Chinese"
expect_fail 1 "an error in Chinese" --lang zh project show 999
expect_err "^zsdesk: 找不到项目 ?999" "找不到项目 999"
expect_fail 2 "a usage error in Chinese" --lang zh frobnicate
has_cjk "$T/err" && ok "has CJK" || not_ok "has CJK"
expect_err "frobnicate" "and names the command"
expect_fail 1 "a field error in Chinese" --lang zh project add --name x --enterprise 1 \
	--industry 采矿 --investment 1 --district 1
expect_err "集成电路" "lists the industries in Chinese"
has_cjk "$T/err" && ok "has CJK" || not_ok "has CJK"
expect_ok "help in Chinese" --lang zh help
expect_out "用法" "用法"
expect_ok "help in English" --lang en help
expect_out "^Usage" "Usage"
expect_ok "--lang zh_CN is zh" --lang zh_CN --format tsv project list
expect_out "	海淀区	" "Chinese"
expect_fail 2 "--lang fr" --lang fr project list
run_env ZSDESK_LANG=zh -- project list
same_file "$T/out" "$T/zh.list" "ZSDESK_LANG=zh is --lang zh"
run_env ZSDESK_LANG=zh -- --lang en project list
same_file "$T/out" "$T/en.list" "--lang en wins over ZSDESK_LANG"

# --- zh_CN locales ----------------------------------------------------------------------------------
# Use the system's zh_CN locales, or make them for this test only (LOCPATH:
# nothing outside $T changes, and root is not needed).
LOCENV=""
have_locale() {
	run_env $LOCENV LC_ALL="$1" -- version >/dev/null
	env $LOCENV LC_ALL="$1" locale charmap 2>/dev/null | grep -qi "$2"
}
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' || ! locale -a 2>/dev/null | grep -qi '^zh_CN\.gb18030$'; then
	if command -v localedef >/dev/null 2>&1; then
		mkdir -p "$T/locale"
		localedef -i zh_CN -f UTF-8 "$T/locale/zh_CN.UTF-8" >/dev/null 2>&1
		localedef -i zh_CN -f GB18030 "$T/locale/zh_CN.GB18030" >/dev/null 2>&1
		LOCENV="LOCPATH=$T/locale"
	fi
fi

if have_locale zh_CN.UTF-8 UTF-8; then
	run_env $LOCENV LC_ALL=zh_CN.UTF-8 -- project list
	same_file "$T/out" "$T/zh.list" "LC_ALL=zh_CN.UTF-8 speaks Chinese"
	run_env $LOCENV LC_ALL= LANG=zh_CN.UTF-8 -- project list
	same_file "$T/out" "$T/zh.list" "LANG=zh_CN.UTF-8 speaks Chinese"
	run_env $LOCENV LC_ALL=zh_CN.UTF-8 -- --lang en project list
	same_file "$T/out" "$T/en.list" "--lang en wins over the locale"
	run_env $LOCENV LC_ALL=zh_CN.UTF-8 -- project show 999
	grep -q '^zsdesk: 找不到项目' "$T/err" && ok "errors in Chinese under zh_CN.UTF-8" || not_ok "errors in Chinese under zh_CN.UTF-8"
	[ "$status" -eq 1 ] && ok "still exit 1" || not_ok "still exit 1"
	run_env $LOCENV LC_ALL=zh_CN.UTF-8 -- --format tsv project list
	grep -q '	海淀区	' "$T/out" && ok "UTF-8 output under zh_CN.UTF-8" || not_ok "UTF-8 output under zh_CN.UTF-8"
else
	skip_n 6 "zh_CN.UTF-8" "no zh_CN.UTF-8 locale and localedef could not make one"
fi

# --- --charset GB18030: output ---------------------------------------------------------------------
expect_ok "tsv list in UTF-8" --lang zh --format tsv project list
cp "$T/out" "$T/utf8.tsv"
expect_ok "tsv list in GB18030" --charset GB18030 --lang zh --format tsv project list
iconv -f GB18030 -t UTF-8 <"$T/out" >"$T/back.tsv" 2>/dev/null && ok "the output is GB18030" || not_ok "the output is GB18030"
same_file "$T/back.tsv" "$T/utf8.tsv" "and converts back to the UTF-8 output"
cmp -s "$T/out" "$T/utf8.tsv" && not_ok "the bytes are not UTF-8" || ok "the bytes are not UTF-8"
grep -q "$(gb 海淀区)" "$T/out" && ok "海淀区 is there in GB18030 bytes" || not_ok "海淀区 is there in GB18030 bytes"
expect_ok "a table in GB18030" --charset GB18030 --lang zh project list
iconv -f GB18030 -t UTF-8 <"$T/out" >"$T/back.list"
same_file "$T/back.list" "$T/zh.list" "converts back to the UTF-8 table"
expect_ok "json in GB18030" --charset gb18030 --format json project show 1
iconv -f GB18030 -t UTF-8 <"$T/out" | grep -q '"value": "星河智能芯片研发中心"' && ok "json holds the name" || not_ok "json holds the name"
expect_fail 1 "an error in GB18030" --charset GB18030 --lang zh project show 999
iconv -f GB18030 -t UTF-8 <"$T/err" | grep -q '^zsdesk: 找不到项目' && ok "stderr is GB18030 too" || not_ok "stderr is GB18030 too"
expect_ok "--charset UTF-8 changes nothing" --charset UTF-8 --lang zh --format tsv project list
same_file "$T/out" "$T/utf8.tsv" "the same bytes"
expect_ok "--charset utf8 too" --charset utf8 --lang zh --format tsv project list
same_file "$T/out" "$T/utf8.tsv" "the same bytes"
expect_fail 2 "--charset NOPE" --charset NOPE project list
expect_err "NOPE" "names it"

# --- --charset GB18030: input -------------------------------------------------------------------------
expect_ok "an enterprise named in GB18030" --charset GB18030 enterprise add --name "$(gb 上海浦江半导体有限公司)"
EID=$(cat "$T/out")
expect_ok "read back in UTF-8" --format tsv enterprise show "$EID"
expect_out "^name	[^	]*	上海浦江半导体有限公司$" "stored as the right UTF-8 text"
expect_ok "a project entirely in GB18030" --charset GB18030 project add --name "$(gb 浦江功率芯片项目)" \
	--enterprise "$(gb 上海浦江半导体有限公司)" --industry "$(gb 集成电路)" --investment "$(gb 3亿)" \
	--district "$(gb 朝阳区)" --park "$(gb 中关村朝阳园)" --expected-sign "$(gb 2027年1月15日)"
PID=$(cat "$T/out")
expect_ok "read back in UTF-8" --format tsv project show "$PID"
expect_out "^name	[^	]*	浦江功率芯片项目$" "the name"
expect_out "^enterprise	[^	]*	上海浦江半导体有限公司$" "the enterprise found by its GB18030 name"
expect_out "^investment	[^	]*	30,000万元$" "3亿 in GB18030"
expect_out "^district	[^	]*	Chaoyang$" "朝阳区 in GB18030"
expect_out "^park	[^	]*	中关村朝阳园$" "the park"
expect_out "^expected_sign	[^	]*	2027-01-15$" "a Chinese date in GB18030"
expect_ok "search with GB18030 text" --charset GB18030 --format tsv search "$(gb 浦江功率)"
iconv -f GB18030 -t UTF-8 <"$T/out" | grep -q "^$PID	浦江功率芯片项目	" && ok "finds the project" || not_ok "finds the project"
# Characters outside GBK take four bytes in GB18030: 𠮷 (U+20BB7), 䶮 (U+4DAE).
expect_ok "four-byte GB18030 characters" --charset GB18030 enterprise add --name "$(gb 𠮷䶮科技有限公司)"
EID2=$(cat "$T/out")
run --format tsv enterprise show "$EID2"
expect_out "^name	[^	]*	𠮷䶮科技有限公司$" "are stored as UTF-8"
run --charset GB18030 --format tsv enterprise show "$EID2"
iconv -f GB18030 -t UTF-8 <"$T/out" | grep -q "	𠮷䶮科技有限公司$" && ok "and print back in GB18030" || not_ok "and print back in GB18030"
expect_fail 2 "an argument that is not GB18030" --charset GB18030 enterprise add --name "$(printf 'ab\201\040cd')"
expect_err "GB18030" "says the argument is not GB18030"
expect_fail 2 "a GB18030 lead byte cut short" --charset GB18030 enterprise add --name "$(printf 'ab\201')"
expect_fail 1 "UTF-8 mode: an invalid UTF-8 argument" enterprise add --name "$(printf 'ab\377cd')"
run --format tsv enterprise list
expect_lines 4 "none of the bad names was stored"

# --- a GB18030 locale ----------------------------------------------------------------------------------
if have_locale zh_CN.GB18030 GB18030; then
	run_env $LOCENV LC_ALL=zh_CN.GB18030 -- --format tsv project list
	iconv -f GB18030 -t UTF-8 <"$T/out" >"$T/back.tsv" 2>/dev/null
	run --lang zh --format tsv project list
	same_file "$T/back.tsv" "$T/out" "LC_ALL=zh_CN.GB18030: Chinese output in GB18030"
	run_env $LOCENV LC_ALL=zh_CN.GB18030 -- enterprise add --name "$(gb 嘉兴华芯半导体有限公司)"
	[ "$status" -eq 0 ] && ok "GB18030 arguments under a GB18030 locale" || not_ok "GB18030 arguments under a GB18030 locale"
	run --format tsv enterprise list --search 华芯
	expect_out "	嘉兴华芯半导体有限公司	" "stored as UTF-8"
else
	skip_n 3 "zh_CN.GB18030" "no zh_CN.GB18030 locale and localedef could not make one"
fi

run check
expect_out "^ok: " "check is clean"
finish
