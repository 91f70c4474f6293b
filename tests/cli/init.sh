#!/bin/sh
# init.sh - creating databases: profiles, districts, the first officer.
. "$TESTLIB"

expect_ok "init with the Beijing profile" init --profile beijing
expect_out "created the database" "init says where"
expect_ok "districts are listed" --format tsv district list
expect_lines 18 "Beijing has 17 districts and a header"
expect_out "	haidian	海淀区	Haidian	" "海淀区 is one of them"
expect_ok "officers are listed" --format tsv officer list
expect_out "	$(id -un)	" "the current account is an officer"
expect_out "	admin	|Administrator" "and an administrator"
expect_fail 1 "init twice is refused" init --profile beijing
expect_err "already a database" "saying there is a database"
expect_ok "a Jiaxing database elsewhere" --db "$T/jx" init --profile jiaxing
expect_ok "its districts" --db "$T/jx" --format tsv district list
expect_out "南湖区" "include 南湖区"
expect_ok "profile show prints the rules" --db "$T/jx" profile show
expect_out "threshold = 10亿元" "with Jiaxing's first-talk threshold"
expect_fail 1 "an unknown profile" --db "$T/x" init --profile atlantis
expect_err "atlantis" "is named in the error"
printf '[city]\ncode = x\nname = X市\n[stages]\nlead\n' >"$T/bad.profile"
expect_fail 1 "a malformed profile" --db "$T/y" init --profile "$T/bad.profile"
expect_err "line 5" "gets its line number"
expect_fail 2 "a bad map size" --db "$T/z" init --map-size lots
expect_ok "a single-user database" --db "$T/su" init --single-user --name 张三
expect_ok "its owner is named" --db "$T/su" --format tsv officer list
expect_out "张三" "张三"
expect_fail 1 "no database at a path" --db "$T/none" project list
expect_err "zsdesk init" "tells how to create one"
# An init cut off between making data.mdb and its first commit.
mkdir -p "$T/cut"
python3 -c '
import ctypes, ctypes.util, sys
lib = ctypes.CDLL(ctypes.util.find_library("lmdb") or "liblmdb.so.0")
env = ctypes.c_void_p()
lib.mdb_env_create(ctypes.byref(env))
sys.exit(lib.mdb_env_open(env, sys.argv[1].encode(), 0, 0o664))' "$T/cut"
expect_fail 1 "an init that was cut off is no database" --db "$T/cut" project list
expect_err "zsdesk init" "and says how to make one"
expect_ok "init makes it over" --db "$T/cut" init
expect_ok "then it lists projects" --db "$T/cut" project list
run --db "$T/su" check
expect_out "^ok: " "a new database checks clean"
finish
