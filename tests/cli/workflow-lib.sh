# workflow-lib.sh - what the city workflow tests share: walking the clock and
# reading single fields, columns and the register.  Sourced after lib.sh.

# at DATE: the clock stands at 10:00 of DATE for the commands that follow.
at() {
	ZSDESK_NOW="${1}T10:00+08:00"
	export ZSDESK_NOW
}

# is WHAT GOT WANT: passes when GOT is WANT.
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		tap_n=$((tap_n + 1))
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
	fi
}

# val KIND ID FIELD: the value of FIELD in `zsdesk KIND show ID` (empty when absent).
val() {
	"$ZSDESK" --format tsv "$1" show "$2" 2>/dev/null | awk -F '\t' -v f="$3" '$1 == f { print $3 }'
}

# issue_col ID N: column N of issue ID in `issue list` (4 level, 5 status, 7 due).
issue_col() {
	"$ZSDESK" --format tsv issue list 2>/dev/null | awk -F '\t' -v id="$1" -v c="$2" '$1 == id { print $c }'
}

# ft_col ID N [STATUS]: column N of project ID in the first-talk register
# (6 days left, 7 status); STATUS defaults to all.
ft_col() {
	"$ZSDESK" --format tsv firsttalk list --status "${3:-all}" 2>/dev/null |
		awk -F '\t' -v id="$1" -v c="$2" '$1 == id { print $c }'
}

# nhist KIND ID: how many lines the history of a record has.
nhist() {
	"$ZSDESK" --format tsv "$1" history "$2" 2>/dev/null | wc -l | tr -d ' '
}

# in_register ID: "yes" when project ID is in the first-talk register (any status).
in_register() {
	if [ -n "$(ft_col "$1" 1)" ]; then echo yes; else echo no; fi
}

# no_warning WHAT: the last command said nothing on stderr.
no_warning() {
	if [ -s "$T/err" ]; then not_ok "$1"; else ok "$1"; fi
}
