#!/bin/sh
# sync-converge.sh - three copies (the city and two laptops, enrolled
# with each other) make seeded random creates, edits, stage changes,
# enterprise issues opened and answered, resolutions, and saved filters
# saved and deleted (one officer on every copy), and exchange
# at random: by bundle file (sometimes twice,
# sometimes cut short and then whole) and over a stand-in ssh, laptop to
# laptop too, so that the city's changes also arrive through a third
# copy.  After a final round every copy holds every operation, the same
# records and the same conflict queue, and checks clean.
#   SYNC_SEED=N SYNC_STEPS=M [SYNC_TRACE=1] sh tests/cli/sync-converge.sh
# replays a run (and prints each command).
. "$TESTLIB"

seed=${SYNC_SEED:-20261122}
steps=${SYNC_STEPS:-100}
echo "# seed $seed, $steps steps"
D1="$T/n1" D2="$T/n2" D3="$T/n3"
export ZSDESK_DB="$D1"

# A linear congruential generator: the same seed, the same run.
rnd_state=$seed
rnd() { # rnd N: a number from 0 to N-1 in $r
	rnd_state=$(((rnd_state * 1103515245 + 12345) % 2147483648))
	r=$(((rnd_state / 65536) % $1))
}
pick() { # pick WORDS...: one of them in $p
	rnd $#
	shift "$r"
	p=$1
}
z() {
	[ -n "${SYNC_TRACE:-}" ] && echo "# zsdesk $*"
	"$ZSDESK" "$@" >"$T/out" 2>"$T/err"
}

expect_ok "the city" init --profile jiaxing
expect_ok "an enterprise" enterprise add --name 嘉兴华芯半导体有限公司 --credit-code 91330400MA2B3C4D56
for i in 1 2 3 4; do
	z project add --name "项目$i" --enterprise 1 --industry 集成电路 --investment "${i}亿" --district nanhu
done
expect_ok "the city's key" node init
expect_ok "a copy for laptop 2" backup "$D2"
expect_ok "a copy for laptop 3" backup "$D3"
expect_ok "laptop 2" --db "$D2" node init --node 2
expect_ok "laptop 3" --db "$D3" node init --node 3
key() { "$ZSDESK" --db "$1" node show | sed -n 's/^key //p'; }
for a in 1 2 3; do
	for b in 1 2 3; do
		[ "$a" = "$b" ] && continue
		z --db "$T/n$a" node enroll "$b" --key "$(key "$T/n$b")" || not_ok "enroll $b on $a"
	done
done
ok "every copy enrolls the others"

mkdir -p "$T/bin"
cat >"$T/bin/ssh" <<'SSH'
#!/bin/sh
while [ $# -gt 0 ]; do
	case $1 in -e) shift 2 ;; --) shift; break ;; -*) shift ;; *) break ;; esac
done
shift
exec sh -c "$*"
SSH
chmod +x "$T/bin/ssh"
export ZSDESK_SSH="$T/bin/ssh" ZSDESK_REMOTE="$ZSDESK"

failures=0
# exchange A B: A's changes to B, by file or ssh (both ways then).
exchange() {
	rnd 4
	if [ "$r" -eq 0 ]; then
		z --db "$T/n$1" sync ssh "localhost:$T/n$2" || { failures=$((failures + 1)); echo "# ssh $1 -> $2: $(cat "$T/err")"; }
		return
	fi
	z --db "$T/n$1" sync export --for "$2" "$T/b.zsb" || { failures=$((failures + 1)); echo "# export $1 -> $2: $(cat "$T/err")"; return; }
	rnd 5
	if [ "$r" -eq 0 ]; then
		size=$(wc -c <"$T/b.zsb")
		rnd "$size"
		head -c "$r" "$T/b.zsb" >"$T/cut.zsb"
		z --db "$T/n$2" sync import "$T/cut.zsb" # cut on the way: refused or partly applied
	fi
	z --db "$T/n$2" sync import "$T/b.zsb" || { failures=$((failures + 1)); echo "# import $1 -> $2: $(cat "$T/err")"; }
	rnd 4
	[ "$r" -eq 0 ] && { z --db "$T/n$2" sync import "$T/b.zsb" || failures=$((failures + 1)); }
	:
}

i=0
while [ "$i" -lt "$steps" ]; do
	i=$((i + 1))
	pick 1 2 3
	n=$p
	db="$T/n$n"
	"$ZSDESK" --db "$db" project list --format tsv --limit 200 | sed 1d | cut -f1 >"$T/ids"
	rnd "$(wc -l <"$T/ids")"
	id=$(sed -n "$((r + 1))p" "$T/ids")
	rnd 13
	case $r in
	0 | 1 | 2)
		pick 集成电路 新能源 生物医药 新材料
		z --db "$db" project edit "$id" --industry "$p" ;;
	3 | 4)
		pick 张三 李四 王五 赵六 钱七
		z --db "$db" project edit "$id" --contact "$p$i" ;;
	5)
		pick 1亿 2亿 3000万 5亿
		z --db "$db" project edit "$id" --investment "$p" ;;
	6)
		pick talks signed lead
		z --db "$db" project stage "$id" "$p" --reason "第$i步" ;;
	7)
		z --db "$db" project add --name "新项目$n-$i" --enterprise 1 --industry 新材料 \
			--investment 2000万 --district nanhu ;;
	8)
		"$ZSDESK" --db "$db" conflict list --format tsv | sed 1d | cut -f1 >"$T/cids"
		if [ -s "$T/cids" ]; then
			rnd "$(wc -l <"$T/cids")"
			pick A B
			z --db "$db" conflict resolve "$(sed -n "$((r + 1))p" "$T/cids")" --take "$p"
		fi ;;
	9)
		pick 1 2 3
		[ "$p" != "$n" ] && exchange "$n" "$p" ;;
	10)
		z --db "$db" issue open --project "$id" --category land --description "诉求$n-$i" ;;
	11)
		"$ZSDESK" --db "$db" issue list --format tsv | sed 1d | cut -f1 >"$T/iids"
		if [ -s "$T/iids" ]; then
			rnd "$(wc -l <"$T/iids")"
			z --db "$db" issue respond "$(sed -n "$((r + 1))p" "$T/iids")" "答复$n-$i"
		fi ;;
	12)
		pick 甲 乙 丙
		name="筛选$p"
		rnd 4
		if [ "$r" -eq 0 ]; then
			z --db "$db" filter delete "$name"
		else
			pick 集成电路 新能源 生物医药 新材料
			z --db "$db" filter save "$name" --industry "$p"
		fi ;;
	esac
	rnd 3
	if [ "$r" -eq 0 ]; then
		pick 1 2 3
		[ "$p" != "$n" ] && exchange "$n" "$p"
	fi
done
if [ "$failures" -eq 0 ]; then ok "every exchange on the way worked"; else not_ok "every exchange on the way worked ($failures failed)"; fi

# The final round: everything everywhere.
for round in 1 2; do
	z --db "$D2" sync ssh "localhost:$D1" || echo "# final 2-1: $(cat "$T/err")"
	z --db "$D3" sync ssh "localhost:$D1" || echo "# final 3-1: $(cat "$T/err")"
	z --db "$D2" sync ssh "localhost:$D3" || echo "# final 2-3: $(cat "$T/err")"
done

dump() { # dump DB: every project whole, the conflict queue, the summary
	"$ZSDESK" --db "$1" project list --format tsv --limit 1000 | sed 1d | cut -f1 | sort |
		while read -r id; do "$ZSDESK" --db "$1" project show "$id" --format tsv; done
	"$ZSDESK" --db "$1" issue list --format tsv | sed 1d | cut -f1 | sort |
		while read -r id; do "$ZSDESK" --db "$1" issue show "$id" --format tsv; done
	echo "-- saved filters"
	"$ZSDESK" --db "$1" filter list --format tsv | sed 1d | while read -r f; do
		echo "$f: $("$ZSDESK" --db "$1" project list --saved "$f" --format tsv --limit 1000 | wc -l)"
	done
	echo "-- conflicts"
	"$ZSDESK" --db "$1" conflict list --format tsv
	echo "-- summary"
	"$ZSDESK" --db "$1" sync status --format tsv | sort
}
for n in 1 2 3; do dump "$T/n$n" >"$T/dump$n"; done
for n in 2 3; do
	if cmp -s "$T/dump1" "$T/dump$n"; then
		ok "copy $n holds what the city holds"
	else
		not_ok "copy $n holds what the city holds"
		diff "$T/dump1" "$T/dump$n" | head -30 | sed 's/^/# /'
	fi
done
grep -c '^id	' "$T/dump1" | sed 's/^/# projects: /'
grep -A99 -- '-- conflicts' "$T/dump1" | grep -vc -- '^--\|^id	' | sed 's/^/# conflict lines: /'
for n in 1 2 3; do
	expect_ok "copy $n checks clean" --db "$T/n$n" check
done
finish
