#!/bin/sh
# errors.sh - bad input everywhere gets one clear "zsdesk: " line and the documented exit code; help and version.
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

COMMANDS="init demo project enterprise officer district search issue firsttalk manager calendar tick audit check backup restore profile mapsize run"

expect_ok "init" init --profile beijing
expect_ok "an enterprise" enterprise add --name 北京星河科技有限公司
expect_ok "a project" project add --name 星河芯片项目 --enterprise 1 --industry 集成电路 \
	--investment 5000 --district 海淀区

# --- the command line ---------------------------------------------------------------
fails 2 "an unknown command" frobnicate
expect_err "frobnicate" "names it"
expect_err "zsdesk help" "points to help"
fails 2 "an unknown option" project list --colour red
expect_err "colour" "names it"
fails 2 "an unknown option on its own at the end" project list --colour
expect_err "colour" "names it"
fails 2 "a one-dash option" project list -x
expect_err "-x" "names it"
fails 2 "an option without its value" project list --district
expect_err "district" "names the option"
fails 2 "--db without a value" project list --db
fails 2 "--format without a value" project list --format
fails 2 "--format xml" --format xml project list
expect_err "xml" "names the bad format"
expect_err "table.*tsv.*csv.*json" "and the good ones"
fails 2 "--lang fr" --lang fr project list
expect_err "fr" "names the bad language"
fails 2 "--charset NOPE" --charset NOPE project list
expect_err "NOPE" "names the character set"
fails 2 "--lang is checked even before help" --lang xx help
for c in issue firsttalk manager calendar project enterprise officer district profile; do
	fails 2 "$c without a subcommand" "$c"
done
expect_err "list" "says which subcommands there are"
fails 2 "project with an unknown subcommand" project frob
expect_err "frob" "names it"
fails 2 "enterprise with an unknown subcommand" enterprise remove 1
fails 2 "stray words after project list" project list 海淀区
fails 2 "a second id to project show" project show 1 2
fails 2 "stray words after check" check now
fails 2 "an unknown option to run" run --colour red
fails 2 "an unknown option to the desk, options only" --colour red
fails 2 "a word after run" run now
fails 2 "an option of another verb" project show 1 --no-credit
expect_err "project show does not take --no-credit" "names the verb and the option"
fails 2 "a field option to a verb without fields" project stage 1 talks --land 1
fails 2 "a value given to a flag" project list --unmanaged=yes
expect_err "unmanaged" "names the flag"

# Many options: each line is read whole against the declared options, never
# into a fixed array.  many N: N options --o1 v ... --oN v.
many() {
	i=1
	words=""
	while [ "$i" -le "$1" ]; do
		words="$words --o$i v"
		i=$((i + 1))
	done
	echo "$words"
}
for n in 63 64 65 200; do
	for c in "search x" "project list" "issue list" "audit" "check" "calendar show" "init"; do
		# shellcheck disable=SC2046,SC2086
		fails 2 "$c with $n unknown options" $c $(many $n)
		expect_err "does not take --o1 " "$c with $n options: names the first"
	done
done
# The same known option many times: the last one counts, nothing overflows.
flags=""
i=0
while [ "$i" -lt 200 ]; do
	flags="$flags --limit 1"
	i=$((i + 1))
done
# shellcheck disable=SC2086
expect_ok "search with --limit 200 times" --format tsv search 星河 $flags
expect_lines 2 "the last --limit counts"
# shellcheck disable=SC2086
expect_ok "project list with --limit 200 times" --format tsv project list $flags
expect_lines 2 "the last --limit counts"
words=""
i=0
while [ "$i" -lt 200 ]; do
	words="$words x$i"
	i=$((i + 1))
done
# shellcheck disable=SC2086
fails 2 "search with 200 words" search $words

# --- ids -------------------------------------------------------------------------------
fails 2 "project show with no id" project show
fails 1 "project show with an unknown id" project show 999
expect_err "999" "names the id"
fails 1 "project show with a non-numeric id" project show abc
fails 1 "project show 1x" project show 1x
fails 1 "project show 0" project show 0
fails 1 "project show -1" project show -1
fails 1 "project show with a huge id" project show 99999999999999999999999
fails 2 "project edit with no id" project edit
fails 1 "project edit of an unknown id" project edit 999 --land 1
fails 2 "project stage with no stage" project stage 1
fails 2 "project history with no id" project history
fails 2 "enterprise show with no id" enterprise show
fails 1 "enterprise show unknown" enterprise show 999
fails 2 "officer show with no login" officer show
fails 1 "officer show unknown" officer show nobody
fails 1 "district show unknown" district show 火星区

# --- values ----------------------------------------------------------------------------------
fails 1 "a bad amount" project add --name x --enterprise 1 --industry 集成电路 --investment 很多 --district 1
fails 1 "a bad date" project add --name x --enterprise 1 --industry 集成电路 --investment 1 \
	--district 1 --expected-sign 2026-02-30
fails 1 "a bad choice" project add --name x --enterprise 1 --industry 采矿 --investment 1 --district 1
expect_fail 1 "several bad values: still exit 1" project add --name x --enterprise 1 --industry 采矿 \
	--investment 很多 --district 1
if [ "$(grep -vc '^zsdesk: ' "$T/err")" -eq 0 ] && [ "$(wc -l <"$T/err")" -eq 2 ]; then
	ok "one zsdesk: line for each bad value"
else
	not_ok "one zsdesk: line for each bad value"
fi
fails 2 "a system field" project edit 1 --stage signed
fails 3 "a stale version" project edit 1 --expect-version 99 --land 1
fails 2 "--expect-version not a number" project edit 1 --expect-version v1 --land 1
fails 2 "--limit 0" project list --limit 0
fails 2 "--limit -1" project list --limit -1
fails 2 "--limit 1000001" project list --limit 1000001
fails 2 "--before not an id" project list --before x
fails 1 "--min not an amount" project list --min lots
fails 2 "search with no text" search
fails 2 "search with two words" search 星河 芯片

# --- ZSDESK_NOW ----------------------------------------------------------------------------------
for now in garbage 2026-13-01T10:00+08:00 2026-02-30T10:00+08:00 2026-11-22T25:00+08:00 now; do
	ZSDESK_NOW=$now
	export ZSDESK_NOW
	fails 2 "ZSDESK_NOW=$now" project list
	expect_err "ZSDESK_NOW" "names the variable"
done
ZSDESK_NOW=2026-11-22T10:00+08:00
export ZSDESK_NOW

# --- databases --------------------------------------------------------------------------------
fails 1 "no database there" --db "$T/none" project list
expect_err "zsdesk init" "says how to make one"
: >"$T/afile"
fails 1 "a file, not a directory" --db "$T/afile" project list
fails 1 "init over a database" init
expect_err "already" "says there is one"
fails 1 "an unknown profile" --db "$T/p" init --profile atlantis
fails 2 "a bad map size" --db "$T/m" init --map-size lots
fails 2 "a zero map size" --db "$T/m" init --map-size 0

# A database limited to 1 MiB fills up: exit 4, nothing half-saved.
expect_ok "a 1 MiB database" --db "$T/small" init --map-size 1M
fails 4 "filling it up" --db "$T/small" demo --projects 20000
expect_err "full" "says the database is full"
run --db "$T/small" check
expect_out "^ok: " "what was saved checks clean"

# --- help and version ---------------------------------------------------------------------------
expect_ok "zsdesk help" help
for c in $COMMANDS; do
	expect_out "^  $c  " "help lists $c"
done
expect_out "--db DIR" "help shows the global options"
expect_ok "zsdesk --help" --help
expect_out "^  project  " "the same list"
for c in $COMMANDS; do
	expect_ok "$c --help" "$c" --help
	expect_out "^Usage: zsdesk $c" "$c --help prints Usage"
	[ ! -s "$T/err" ] && ok "$c --help: nothing on stderr" || not_ok "$c --help: nothing on stderr"
	expect_ok "help $c" help "$c"
	expect_out "^Usage: zsdesk $c" "help $c prints Usage"
done
expect_ok "project list --help" project list --help
expect_out "Usage" "prints Usage"
expect_out "^Usage: zsdesk project list " "the usage of the verb"
expect_out "^  --unmanaged  " "its options, from the table"
expect_no_out "--no-credit" "not those of other verbs"
expect_ok "project add --help" project add --help
expect_out "^  --stage lead\|talks  " "its own options"
expect_out "--investment" "and the fields it takes"
expect_ok "help project stage" help project stage
expect_out "^Usage: zsdesk project stage " "help COMMAND VERB"
expect_out "^  --no-credit  " "with its options"
expect_ok "project --help" project --help
for v in add list show edit stage prereport history; do
	expect_out "^(Usage: | +)zsdesk project $v" "project --help: the usage of $v"
done
expect_ok "issue respond --help" issue respond --help
expect_out "^Usage: zsdesk issue respond ID" "an issue action"
expect_ok "--help before the verb" project --help list
expect_out "^Usage: zsdesk project list " "is the verb's"
expect_ok "run --help needs no database" --db "$T/none" run --help
expect_out "^Usage: zsdesk run" "prints the desk's usage"
expect_ok "help in Chinese" --lang zh help
expect_out "project" "still lists the commands"
expect_ok "zsdesk version" version
expect_out "^zsdesk [0-9]+\.[0-9]+\.[0-9]+$" "prints the version"
expect_lines 1 "on one line"
expect_ok "zsdesk --version" --version
expect_out "^zsdesk [0-9]+\.[0-9]+" "the same"
expect_ok "version needs no database" --db "$T/none" version

# --- global options stand anywhere ---------------------------------------------------------------
expect_ok "global options after the command" project list --format tsv --db "$ZSDESK_DB"
expect_out "^id	name	" "are taken"
expect_ok "between the words" project --format=json show 1
expect_out "\"field\": \"name\"" "--format=json"

run check
expect_out "^ok: " "check is clean"
finish
