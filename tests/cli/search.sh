#!/bin/sh
# search.sh - zsdesk search on a 2000-project demo city: Chinese text, pinyin initials, full pinyin, credit codes.
. "$TESTLIB"

# has_id ID: the last command's TSV output has a row for ID.
has_id() {
	cut -f1 "$T/out" | grep -qx "$1"
}
# all_rows_match AWK-CONDITION WHAT: every data row of the TSV output satisfies it.
all_rows_match() {
	if awk -F '	' "NR > 1 && !($1) { bad = 1 } END { exit bad }" "$T/out"; then ok "$2"; else not_ok "$2"; fi
}

expect_ok "a demo city of 2000 projects" demo --projects 2000
run check
expect_out " 2000 projects" "check counts 2000 projects"

# The demo is the same for the same ZSDESK_NOW: its newest project is known.
P=2000
NAME=光启集成电路封装测试项目
ENT=成都安和储能有限责任公司
expect_ok "the newest project" --format tsv project list --limit 1
[ "$(out_field 1)" = "$P" ] && ok "is project $P" || not_ok "is project $P"
[ "$(out_field 2)" = "$NAME" ] && ok "named $NAME" || not_ok "named $NAME (got $(out_field 2))"
[ "$(out_field 3)" = "$ENT" ] && ok "of $ENT" || not_ok "of $ENT (got $(out_field 3))"

# --- Chinese text -------------------------------------------------------------------
expect_ok "search by the start of its name" --format tsv search 光启集成
has_id $P && ok "finds it" || not_ok "finds it"
[ "$(out_field 1)" = "$P" ] && ok "first (newest first)" || not_ok "first (newest first)"
all_rows_match 'index($2, "光启集成") || index($3, "光启集成")' "every hit contains 光启集成"
expect_ok "search by a substring from the middle" --format tsv search 电路封装 --limit 100000
has_id $P && ok "finds it" || not_ok "finds it"
all_rows_match 'index($2, "电路封装") || index($3, "电路封装")' "every hit contains 电路封装"
expect_ok "search by its enterprise's name" --format tsv search 安和储能 --limit 100000
has_id $P && ok "finds it" || not_ok "finds it"
all_rows_match 'index($2, "安和储能") || index($3, "安和储能")' "every hit contains 安和储能"
expect_ok "one character" --format tsv search 启 --limit 100000
has_id $P && ok "finds it" || not_ok "finds it"
all_rows_match 'index($2, "启") || index($3, "启")' "every hit contains 启"
run --format tsv search 光启 --limit 100000
cp "$T/out" "$T/search.tsv"
run --format tsv project list --search 光启 --limit 100000
cmp -s "$T/out" "$T/search.tsv" && ok "search is project list --search" || not_ok "search is project list --search"
[ "$(wc -l <"$T/out")" -gt 51 ] && ok "more than 50 光启 projects" || not_ok "more than 50 光启 projects"

# --- pinyin ---------------------------------------------------------------------------
expect_ok "pinyin initials of the first two characters" --format tsv search gq --limit 100000
has_id $P && ok "gq finds it" || not_ok "gq finds it"
expect_ok "pinyin initials of the first four" --format tsv search gqjc --limit 100000
has_id $P && ok "gqjc finds it" || not_ok "gqjc finds it"
expect_ok "in capitals" --format tsv search GQJC --limit 100000
has_id $P && ok "GQJC finds it" || not_ok "GQJC finds it"
expect_ok "initials of the whole name" --format tsv search gqjcdlfzcsxm
expect_lines 2 "find exactly that project"
[ "$(out_field 1)" = "$P" ] && ok "project $P" || not_ok "project $P"
expect_ok "full pinyin" --format tsv search guangqijicheng --limit 100000
has_id $P && ok "guangqijicheng finds it" || not_ok "guangqijicheng finds it"
expect_ok "full pinyin with spaces" --format tsv search "guang qi ji cheng" --limit 100000
has_id $P && ok "'guang qi ji cheng' finds it" || not_ok "'guang qi ji cheng' finds it"
expect_ok "full pinyin then initials" --format tsv search guangqijc --limit 100000
has_id $P && ok "guangqijc finds it" || not_ok "guangqijc finds it"
expect_ok "pinyin of the enterprise" --format tsv search chengduanhe --limit 100000
has_id $P && ok "chengduanhe finds it" || not_ok "chengduanhe finds it"

# --- credit codes -----------------------------------------------------------------------
expect_ok "the enterprise's credit code" --format tsv enterprise show "$ENT"
CODE=$(grep '^credit_code	' "$T/out" | cut -f3)
EID=$(grep '^id	' "$T/out" | cut -f3)
[ ${#CODE} -eq 18 ] && ok "is 18 characters ($CODE)" || not_ok "is 18 characters ($CODE)"
PREFIX=$(echo "$CODE" | cut -c1-16)
expect_ok "search by a credit code prefix" --format tsv search "$PREFIX" --limit 100000
has_id $P && ok "finds the project" || not_ok "finds the project"
expect_ok "search by the whole code" --format tsv search "$CODE" --limit 100000
has_id $P && ok "finds the project" || not_ok "finds the project"
all_rows_match "\$3 == \"$ENT\"" "only that enterprise's projects"
n=$(($(wc -l <"$T/out") - 1))
run --format tsv project list --enterprise "$CODE" --limit 100000
m=$(($(wc -l <"$T/out") - 1))
[ "$n" -eq "$m" ] && ok "all of them ($n)" || not_ok "all of them ($n, wanted $m)"
expect_ok "a code in lower case" --format tsv search "$(echo "$CODE" | tr 'A-Z' 'a-z')" --limit 100000
has_id $P && ok "finds the project" || not_ok "finds the project"

# --- --enterprises -------------------------------------------------------------------------
expect_ok "--enterprises by code" --format tsv search "$CODE" --enterprises
expect_out "^id	name	credit_code	types$" "lists enterprises"
expect_lines 2 "exactly one"
[ "$(out_field 1)" = "$EID" ] && ok "enterprise $EID" || not_ok "enterprise $EID"
expect_ok "--enterprises by code prefix" --format tsv search "$(echo "$CODE" | cut -c1-8)" --enterprises --limit 100000
all_rows_match "index(\$3, \"$(echo "$CODE" | cut -c1-8)\") == 1" "every code starts with the prefix"
has_id "$EID" && ok "including $EID" || not_ok "including $EID"
expect_ok "--enterprises by Chinese" --format tsv search 安和储能 --enterprises --limit 100000
has_id "$EID" && ok "finds $ENT" || not_ok "finds $ENT"
all_rows_match 'index($2, "安和储能")' "every hit is an 安和储能"
expect_ok "--enterprises by pinyin initials" --format tsv search cdahcn --enterprises
has_id "$EID" && ok "cdahcn finds $ENT" || not_ok "cdahcn finds $ENT"

# --- --limit, no match, table -------------------------------------------------------------------
expect_ok "--limit 3" --format tsv search 项目 --limit 3
expect_lines 4 "three hits"
expect_ok "the default is 50" --format tsv search 项目
expect_lines 51 "fifty hits"
expect_ok "a query with no match" --format tsv search zzqqxxyy
expect_lines 1 "prints only the header"
expect_out "^id	name	" "the header"
expect_ok "a Chinese query with no match" --format tsv search 不存在的名字
expect_lines 1 "prints only the header"
expect_ok "a table" search 光启集成
expect_out "^ *$P +$NAME +$ENT " "the hit in a table"
expect_ok "json" --format json search 光启集成
expect_out "\"name\": \"$NAME\"" "with the name in JSON"

# --- errors ------------------------------------------------------------------------------------
expect_fail 2 "search with no text" search
expect_err "search" "says how to search"
expect_fail 2 "search with two words" search 光启 集成
expect_fail 2 "search with empty text" search ""
expect_fail 2 "--limit 0" search 光启 --limit 0
expect_fail 2 "--limit not a number" search 光启 --limit many
expect_fail 2 "an unknown option" search 光启 --colour red
expect_ok "search --help" search --help
expect_out "Usage|用法" "prints the usage"
expect_fail 1 "search with no database" --db "$T/none" search 光启
finish
