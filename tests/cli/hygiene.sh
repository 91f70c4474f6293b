#!/bin/sh
# hygiene.sh - what a database holds never reaches a terminal raw: control characters planted as an older zsdesk could have stored them come out escaped in every format and command, CSV cells a spreadsheet would run are neutralised, read-only commands create nothing, and an edit that changes nothing is refused.
. "$TESTLIB"

# fails CODE WHAT ARGS...: expect_fail, and stderr is exactly one line with nothing on stdout.
fails() {
	expect_fail "$@"
	if [ "$(wc -l <"$T/err")" -eq 1 ] && [ ! -s "$T/out" ]; then
		ok "$2: one line on stderr, nothing on stdout"
	else
		not_ok "$2: one line on stderr, nothing on stdout"
	fi
}

have_py=false
command -v python3 >/dev/null 2>&1 && have_py=true
have_mdb=false
command -v mdb_dump >/dev/null 2>&1 && command -v mdb_load >/dev/null 2>&1 && have_mdb=true
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# py_check WHAT SCRIPT ARGS...: passes when the python script exits 0.
py_check() {
	what=$1
	shift
	if ! $have_py; then
		skip "$what" "no python3"
		return
	fi
	if python3 "$@" >"$T/py" 2>&1; then ok "$what"; else
		not_ok "$what"
		sed 's/^/#   py: /' "$T/py" | head -10
	fi
}

# --- read-only commands open read-only and create nothing ----------------------------
NODB="$T/no/such/db"
for c in "project list" "project show 1" "project history 1" "enterprise list" \
	"enterprise show 1" "officer list" "district list" "district show 1" "issue list" \
	"issue show 1" "search xh" "audit" "firsttalk list" "calendar show" "calendar add 2026-11-23 1" \
	"profile show" "manager suggest 1"; do
	# shellcheck disable=SC2086
	fails 1 "$c on a database that is not there" --db "$NODB" $c
	expect_err "no database in $NODB" "$c: says there is no database there"
	if [ -e "$T/no" ]; then not_ok "$c: creates nothing"; else ok "$c: creates nothing"; fi
done
mkdir "$T/empty"
fails 1 "project list in an empty directory" --db "$T/empty" project list
if [ -z "$(ls -A "$T/empty")" ]; then ok "leaves the directory empty"; else not_ok "leaves the directory empty"; fi

# --- a database with control characters in it -------------------------------------
# plant.py: the payloads an older zsdesk could have stored, each behind an
# ASCII placeholder of the same length (so the CBOR around it stays valid);
# "place TAG" prints a placeholder, "dump IN OUT" swaps every placeholder in
# an mdb_dump for its payload, "payload TAG" prints the payload in hex.
cat >"$T/plant.py" <<'EOF'
import sys
P = {
    # OSC 52 (clipboard), clear screen, backspace, DEL, C1 CSI, right-to-left override
    'PNAME': b'\x1b]52;c;cHduZWQ=\x07\x1b[2J\x08\x7f\xc2\x9b1m\xe2\x80\xaeend',
    # window title, bare CR, tab, left-to-right isolate, C1 NEL, cursor home
    'PENT': b'\x1b]0;pwned\x07\r\tCo\xe2\x81\xa6\xc2\x85\x1b[Hend',
    # colours, line breaks (LF, CRLF, bare CR), SOH
    'PWHY': b'\x1b[31mred\x1b[0m\nline2\r\nline3\rX\x01end',
    # alternate screen, left-to-right embedding, form feed, vertical tab
    'PDESC': b'\x1b[?1049h\xe2\x80\xaadesc\x0c\x0bend',
    # a stray 0x9b byte (CSI in 8-bit terminals), C1 OSC and ST
    'PNOTE': b'note\x9b31m\xc2\x9d0;t\xc2\x9cend',
    # right-to-left override, ESC c (reset), pop directional isolate
    'POFF': b'\xe2\x80\xaeoff\x1bcend\xe2\x81\xa9',
}
def place(tag):
    return (tag + 'q' * 64)[:len(P[tag])]
if sys.argv[1] == 'place':
    print(place(sys.argv[2]))
elif sys.argv[1] == 'payload':
    print(P[sys.argv[2]].hex())
else:
    d = open(sys.argv[2]).read()
    for tag, val in P.items():
        h = place(tag).encode().hex()
        if h not in d:
            sys.exit('placeholder %s not in the dump' % tag)
        d = d.replace(h, val.hex())
    open(sys.argv[3], 'w').write(d)
EOF

# chk.py FORMAT FILE [MARKER...]: FILE has no control character but the line
# breaks (and tabs of TSV, CRLF of CSV), no DEL, C1 or bidirectional override,
# is UTF-8 and parses as FORMAT; each MARKER (an escape of a planted value)
# appears in it, so that the check cannot pass on an empty listing.
cat >"$T/chk.py" <<'EOF'
import csv, io, json, re, sys
fmt, path, markers = sys.argv[1], sys.argv[2], sys.argv[3:]
data = open(path, 'rb').read()
for i, b in enumerate(data):
    if b == 0x0a or (b == 0x09 and fmt == 'tsv'):
        continue
    if b == 0x0d and fmt == 'csv' and data[i + 1:i + 2] == b'\n':
        continue
    if b < 0x20 or b == 0x7f:
        sys.exit('byte 0x%02x at %d: %r' % (b, i, data[max(0, i - 20):i + 20]))
m = re.search(rb'\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]', data)
if m:
    sys.exit('%r at %d' % (m.group(0), m.start()))
text = data.decode('utf-8')
if fmt == 'json':
    json.loads(text)
elif fmt == 'csv':
    rows = list(csv.reader(io.StringIO(text, newline='')))
    assert rows and all(len(r) == len(rows[0]) for r in rows), rows
elif fmt == 'tsv':
    rows = text.split('\n')[:-1]
    assert rows and all(r.count('\t') == rows[0].count('\t') for r in rows), rows
for mk in markers:
    if mk not in text:
        sys.exit('no %r in %r' % (mk, text[:400]))
EOF

if $have_py && $have_mdb; then
	P() { python3 "$T/plant.py" place "$1"; }
	expect_ok "init" init --profile beijing
	expect_ok "an enterprise" enterprise add --name "$(P PENT)" --credit-code 91110108MA01XH001B
	expect_ok "a major project in talks" project add --name "星河$(P PNAME)" --enterprise 1 \
		--industry 集成电路 --investment 1亿 --district 海淀区 --stage talks
	expect_ok "an edit with a reason" project edit 1 --land 5 --reason "$(P PWHY)"
	expect_ok "an issue" issue open --project 1 --category land --description "$(P PDESC)"
	expect_ok "a note on it" issue note 1 "$(P PNOTE)"
	expect_ok "an officer" officer add --login plant --name "$(P POFF)" --role manager \
		--district haidian
	mdb_dump -a "$ZSDESK_DB" >"$T/dump" 2>"$T/err" && ok "mdb_dump" || not_ok "mdb_dump"
	py_check "the payloads are planted in the dump" "$T/plant.py" dump "$T/dump" "$T/dump2"
	mkdir "$T/old"
	mdb_load -f "$T/dump2" "$T/old" 2>"$T/err" && ok "mdb_load" || not_ok "mdb_load"
	export ZSDESK_DB="$T/old"
	run --format json project show 1
	cat >"$T/same.py" <<'EOF'
import json, sys
d = {r['field']: r['value'] for r in json.load(open(sys.argv[1], encoding='utf-8'))}
want = '星河' + bytes.fromhex(sys.argv[2]).decode('utf-8')
assert d['name'] == want, (d['name'], want)
EOF
	py_check "the planted name is in the database, whole (json gives it back)" "$T/same.py" \
		"$T/out" "$(python3 "$T/plant.py" payload PNAME)"
	run --format tsv project show 1
	cat >"$T/tsv.py" <<'EOF'
import re, sys
rows = [l.split('\t') for l in open(sys.argv[1], encoding='utf-8').read().split('\n')[1:-1]]
v = {r[0]: r[2] for r in rows}['name']
u = re.sub(r'\\(x[0-9a-f]{2}|.)', lambda m: '\\' if m.group(1) == '\\' else
           {'t': '\t', 'n': '\n', 'r': '\r'}.get(m.group(1)) or '\0' + m.group(1), v)
raw = bytearray()
for part in re.split('(\0x[0-9a-f]{2})', u):
    raw += bytes([int(part[2:], 16)]) if part.startswith('\0x') else part.encode()
assert bytes(raw) == '星河'.encode() + bytes.fromhex(sys.argv[2]), (bytes(raw), sys.argv[2])
EOF
	py_check "tsv escapes give the planted bytes back" "$T/tsv.py" "$T/out" \
		"$(python3 "$T/plant.py" payload PNAME)"

	# Every command that prints what the database holds, in every format.
	for c in "project list" "project show 1" "project history 1" "search 星河" \
		"enterprise list" "enterprise show 1" "enterprise history 1" "officer list" \
		"officer show plant" "issue list" "issue show 1" "issue history 1" "audit" \
		"firsttalk list --status all" "manager suggest 1"; do
		for f in table tsv csv json; do
			# The escape of an Esc planted in what the command shows: an
			# officer's name has "Esc c", the other values "Esc [".
			case $c in
			officer*) after=c ;;
			*) after='[' ;;
			esac
			case $f in
			table | csv) mk="\\e$after" ;;
			tsv) mk="\\x1b$after" ;;
			json) mk="\\u001b$after" ;;
			esac
			case $c/$f in # suggestions name officers only
			manager*/tsv) mk='\xe2\x80\xaeoff' ;;
			manager*) mk='\u202eoff' ;;
			esac
			# shellcheck disable=SC2086
			run --format $f $c
			if [ "$status" -eq 0 ]; then ok "$c --format $f"; else not_ok "$c --format $f (exit $status)"; fi
			py_check "$c --format $f: nothing raw" "$T/chk.py" "$f" "$T/out" "$mk"
		done
	done
	expect_ok "project show as a table" project show 1
	py_check "shows the escapes people can read" "$T/chk.py" table "$T/out" \
		'\e]52;c;cHduZWQ=\x07\e[2J\x08\x7f\u009b1m\u202eend'
	expect_ok "issue show as a table" issue show 1
	py_check "a stray byte, C1 and an embedding shown as escapes" "$T/chk.py" table "$T/out" \
		'\e[?1049h\u202adesc\x0c\x0bend' 'note\x9b31m\u009d0;t\u009cend'
	expect_ok "history as a table" project history 1
	py_check "a reason's line breaks shown as \\n and \\r" "$T/chk.py" table "$T/out" \
		'\e[31mred\e[0m\nline2\r\nline3\rX\x01end'
	expect_ok "history as csv" --format csv project history 1
	cat >"$T/csvwhy.py" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')))
why = [r['why'] for r in rows if r['why']]
assert why == ['\\e[31mred\\e[0m\nline2\r\nline3\\rX\\x01end'], why
EOF
	py_check "csv keeps the reason's line breaks (quoted), escapes a bare CR" "$T/csvwhy.py" "$T/out"

	# Messages on stderr carry names from the database too.
	expect_ok "a project of the same enterprise in another district" project add --name 另一项目 \
		--enterprise 1 --industry 集成电路 --investment 100 --district 朝阳区
	py_check "the claim warning shows the enterprise's name escaped" "$T/chk.py" err "$T/err" \
		'\e]0;pwned\x07\r\tCo\u2066\u0085\e[Hend'
	expect_ok "the list still reads after a write" project list
	expect_out "另一项目" "with the new project"
	export ZSDESK_DB="$T/db"
else
	skip "control characters planted in a database" "no python3 or no mdb_dump/mdb_load"
fi

# --- CSV cells that a spreadsheet would run ----------------------------------------
export ZSDESK_DB="$T/formula"
expect_ok "a database for formulas" init --profile beijing
expect_ok "an enterprise" enterprise add --name 北京星河科技有限公司
for n in "=1+1" "+cmd" "@SUM(A1)" "-2+3" "=cmd|' /C calc'!A0" "-5" "12.5"; do
	expect_ok "a project named $n" project add --name "$n" --enterprise 1 --industry 集成电路 \
		--investment 100 --district 海淀区
done
expect_ok "the projects as csv" --format csv project list
cat >"$T/formula.py" <<'EOF'
import csv, sys
names = [r['name'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8', newline=''))]
want = ["'=1+1", "'+cmd", "'@SUM(A1)", "'-2+3", "'=cmd|' /C calc'!A0", '-5', '12.5']
assert sorted(names) == sorted(want), names
EOF
py_check "a leading quote before = + - @, but not before a plain number" "$T/formula.py" "$T/out"
expect_ok "the projects as tsv" --format tsv project list
expect_out "	=1\+1	" "tsv keeps the name as it is"
expect_ok "the projects as json" --format json project list
expect_out '"name": "=1\+1"' "json keeps the name as it is"
expect_ok "the projects as a table" project list
expect_out " @SUM\(A1\) " "a table keeps the name as it is"

# --- an edit that changes nothing ---------------------------------------------------
expect_ok "an officer to edit" officer add --login wangwu --name 王五 --role desk --district haidian
for c in "project edit 1" "enterprise edit 1" "officer edit wangwu" "district edit 海淀区" \
	"project edit 1 --reason 无" "project edit 1 --expect-version 1"; do
	# shellcheck disable=SC2086
	fails 2 "$c with no field" $c
	expect_err "--FIELD VALUE or --set NAME=VALUE" "$c: says how to give the fields"
done
expect_ok "none of them saved: the project is still at version 1" project edit 1 \
	--expect-version 1 --land 1

finish
