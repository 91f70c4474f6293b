/*
 * test_search.c - listing and finding projects and enterprises (zs_list).
 *
 * A small Beijing database with hand-made enterprises and projects whose
 * names exercise Chinese substrings, pinyin initials and full readings
 * (polyphonic 单 shan/dan, 长 chang/zhang, 重 chong), ASCII names and
 * credit codes.  Each query's result is compared with the exact set it
 * must give, newest first; filters, paging and renames are covered too.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lmdb.h>

#include "core.h"
#include "creditcode.h"
#include "datetime.h"
#include "store.h"
#include "fixture.h"
#include "suites.h"

static char basedir[64];
static char tmpdir[96];
static struct zs *z;

/* The records every test starts with. */
enum { E_BJKJ, E_SHANXIAN, E_CHANGAN, E_ABC, E_XINGHE, NE };
enum { P_BJKJ, P_SHANXIAN, P_CHANGAN, P_ABC, P_XINGHE, P_DATA, NP };
static uint64_t ent[NE], proj[NP], mgr; /* mgr: the projects' service manager */
static char code_bjkj[19], code_shanxian[19], code_changan[19];
static uint64_t haidian, chaoyang, daxing;


/* Makes the directory under /tmp that holds every database of a test
 * case; runs in the parent process, before the tests are forked. */
static void base_setup(void)
{
	fixture_mkdtemp(basedir, sizeof basedir, "search");
}

/* Removes that directory, with what failed tests (whose teardown does
 * not run) left behind. */
static void base_teardown(void)
{
	fixture_rmtree(basedir);
}

/* Types text into field of r; it must be accepted. */
static void set(enum kind k, struct rec *r, const char *field, const char *text)
{
	char msg[512] = "";
	int rc = zs_field_set(z, k, r, field, text, msg, sizeof msg);
	ck_assert_msg(rc == 0, "%s = \"%s\": %s", field, text, msg);
}

/* Writes a valid credit code made of first17 and its check character into out. */
static void valid_code(const char *first17, char out[19])
{
	memcpy(out, first17, 17);
	out[17] = creditcode_check_digit(first17);
	out[18] = '\0';
	ck_assert_int_ne(out[17], 0);
}

/* Creates an enterprise and returns its id. */
static uint64_t new_enterprise(const char *name, const char *code)
{
	struct rec r;
	uint64_t id = 0;
	rec_init(&r);
	set(KIND_ENTERPRISE, &r, "name", name);
	if (code)
		set(KIND_ENTERPRISE, &r, "credit_code", code);
	ck_assert_msg(zs_save(z, KIND_ENTERPRISE, &id, &r, NULL, NULL) == ZS_OK, "%s: %s", name,
		      zs_error(z));
	rec_free(&r);
	return id;
}

/* Creates a project and returns its id; manager may be 0. */
static uint64_t new_project(const char *name, uint64_t e, const char *district,
			    const char *industry, const char *amount, uint64_t manager)
{
	struct rec r;
	char idb[32];
	uint64_t id = 0;
	rec_init(&r);
	set(KIND_PROJECT, &r, "name", name);
	set(KIND_PROJECT, &r, "enterprise", zs_id_text(e, idb, sizeof idb));
	set(KIND_PROJECT, &r, "district", district);
	set(KIND_PROJECT, &r, "industry", industry);
	set(KIND_PROJECT, &r, "investment", amount);
	if (manager)
		set(KIND_PROJECT, &r, "manager", zs_id_text(manager, idb, sizeof idb));
	ck_assert_msg(zs_save(z, KIND_PROJECT, &id, &r, NULL, NULL) == ZS_OK, "%s: %s", name,
		      zs_error(z));
	rec_free(&r);
	return id;
}

/* A Beijing database with the enterprises and projects of enum E_ and P_. */
static void setup(void)
{
	char err[512] = "", dir[128];
	setenv("ZSDESK_DATADIR", SRCDIR "/forms", 1);
	setenv("ZSDESK_NOW", "2026-11-22T10:00+08:00", 1);
	ck_assert_int_eq(clock_init(err, sizeof err), 0);
	snprintf(tmpdir, sizeof tmpdir, "%s/t-XXXXXX", basedir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dir, sizeof dir, "%s/db", tmpdir);
	struct zs_init_opts io = {.profile = "beijing"};
	ck_assert_msg(zs_init(dir, &io, err, sizeof err) == ZS_OK, "init: %s", err);
	struct zs_open_opts oo = {.bulk = true};
	ck_assert_msg(zs_open(dir, &oo, &z, err, sizeof err) == ZS_OK, "open: %s", err);
	ck_assert_int_eq(zs_resolve(z, KIND_DISTRICT, "haidian", &haidian), ZS_OK);
	ck_assert_int_eq(zs_resolve(z, KIND_DISTRICT, "chaoyang", &chaoyang), ZS_OK);
	ck_assert_int_eq(zs_resolve(z, KIND_DISTRICT, "daxing", &daxing), ZS_OK);

	valid_code("91110108MA01ABCD1", code_bjkj);
	valid_code("91371722MA3C00001", code_shanxian);
	valid_code("91500000202812345", code_changan);
	ent[E_BJKJ] = new_enterprise("北京科技发展有限公司", code_bjkj);
	ent[E_SHANXIAN] = new_enterprise("山东单县新能源有限公司", code_shanxian);
	ent[E_CHANGAN] = new_enterprise("重庆长安汽车股份有限公司", code_changan);
	ent[E_ABC] = new_enterprise("ABC Technology Co., Ltd.", NULL);
	ent[E_XINGHE] = new_enterprise("嘉兴星河电子有限公司", NULL);
	/* A service manager of the city (no district): one who may manage
	 * any district's project. */
	struct rec o;
	rec_init(&o);
	set(KIND_OFFICER, &o, "login", "mgr");
	set(KIND_OFFICER, &o, "name", "管一");
	set(KIND_OFFICER, &o, "role", "manager");
	uint64_t me = 0;
	ck_assert_int_eq(zs_save(z, KIND_OFFICER, &me, &o, NULL, NULL), ZS_OK);
	rec_free(&o);
	mgr = me;
	proj[P_BJKJ] = new_project("北京科技园区项目", ent[E_BJKJ], "海淀区", "新一代信息技术",
				   "1亿", 0);
	proj[P_SHANXIAN] = new_project("单县光伏项目", ent[E_SHANXIAN], "朝阳区",
				       "绿色能源与节能环保", "5000万", 0);
	proj[P_CHANGAN] = new_project("重庆长安汽车零部件项目", ent[E_CHANGAN], "海淀区",
				      "智能网联汽车", "20亿", me);
	proj[P_ABC] = new_project("ABC智能制造", ent[E_ABC], "大兴区", "智能制造与装备",
				  "300万美元", 0);
	proj[P_XINGHE] = new_project("星河显示面板项目", ent[E_XINGHE], "海淀区", "新材料",
				     "8000万", me);
	proj[P_DATA] = new_project("数据中心项目", ent[E_BJKJ], "朝阳区", "新一代信息技术",
				   "3亿", 0);
	ck_assert_int_eq(zs_project_stage(z, proj[P_SHANXIAN], "talks", 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, proj[P_XINGHE], "talks", 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, proj[P_CHANGAN], "signed", 0, NULL), ZS_OK);
}

/* Closes the database and removes the directory. */
static void teardown(void)
{
	zs_close(z);
	z = NULL;
	fixture_rmtree(tmpdir);
}

/* Lists every match of f in order, page by page of size page, until the
 * cursor is done; returns the count.  Checks that no id comes twice and,
 * for the id orders, that ids descend (newest) or ascend (oldest). */
static size_t list_order(enum kind k, const struct zs_filter *f, enum zs_order order,
			 size_t page, uint64_t *out, size_t max)
{
	struct zs_cursor c;
	uint64_t ids[64];
	size_t n = 0;
	memset(&c, 0, sizeof c);
	c.order = order;
	ck_assert_uint_le(page, 64);
	for (int calls = 0; !c.done; calls++) {
		ck_assert_int_lt(calls, 100);
		size_t got = zs_list(z, k, f, &c, ids, page);
		ck_assert_uint_le(got, page);
		for (size_t i = 0; i < got; i++) {
			ck_assert_uint_lt(n, max);
			for (size_t j = 0; j < n; j++)
				ck_assert_msg(out[j] != ids[i], "id listed twice");
			if (n && order == ZS_NEWEST)
				ck_assert_msg(ids[i] < out[n - 1], "not newest first");
			if (n && order == ZS_OLDEST)
				ck_assert_msg(ids[i] > out[n - 1], "not oldest first");
			out[n++] = ids[i];
		}
	}
	/* A finished cursor gives nothing more. */
	ck_assert_uint_eq(zs_list(z, k, f, &c, ids, page), 0);
	ck_assert(c.done);
	return n;
}

/* Lists every match of f, newest first. */
static size_t list_all(enum kind k, const struct zs_filter *f, size_t page, uint64_t *out,
		       size_t max)
{
	return list_order(k, f, ZS_NEWEST, page, out, max);
}

/* Name of a project id, for messages. */
static const char *pname(uint64_t id)
{
	static const char *const names[NP] = {"P_BJKJ", "P_SHANXIAN", "P_CHANGAN",
					      "P_ABC", "P_XINGHE", "P_DATA"};
	for (int i = 0; i < NP; i++)
		if (proj[i] == id)
			return names[i];
	return "?";
}

/* Asserts that f lists exactly the projects given (P_ numbers, ended by
 * -1), newest first. */
static void expect_projects(const char *what, const struct zs_filter *f, ...)
{
	uint64_t want[NP], got[64];
	int nw = 0;
	va_list ap;
	va_start(ap, f);
	for (int p; (p = va_arg(ap, int)) >= 0;)
		want[nw++] = proj[p];
	va_end(ap);
	/* Newest first: ids descend. */
	for (int i = 0; i < nw; i++)
		for (int j = i + 1; j < nw; j++)
			if (want[j] > want[i]) {
				uint64_t t = want[i];
				want[i] = want[j];
				want[j] = t;
			}
	size_t n = list_all(KIND_PROJECT, f, 10, got, 64);
	char list[256] = "";
	for (size_t i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), " %s", pname(got[i]));
	ck_assert_msg(n == (size_t)nw, "%s: %zu projects (%s), want %d", what, n, list, nw);
	for (int i = 0; i < nw; i++)
		ck_assert_msg(got[i] == want[i], "%s: got%s, want %s at %d", what, list,
			      pname(want[i]), i);
}

/* Asserts that searching text finds exactly the projects given (ended by -1). */
#define EXPECT_TEXT(q, ...)                                                                       \
	do {                                                                                      \
		struct zs_filter f_ = {.text = (q)};                                              \
		expect_projects(q, &f_, __VA_ARGS__, -1);                                         \
	} while (0)

/* Asserts that searching text finds no project. */
#define EXPECT_NONE(q)                                                                            \
	do {                                                                                      \
		struct zs_filter f_ = {.text = (q)};                                              \
		expect_projects(q, &f_, -1);                                                      \
	} while (0)

START_TEST(test_chinese)
{
	EXPECT_TEXT("北京科技", P_BJKJ, P_DATA); /* the second by its enterprise */
	EXPECT_TEXT("科技发展", P_BJKJ, P_DATA);
	EXPECT_TEXT("单县", P_SHANXIAN);
	EXPECT_TEXT("单县光伏项目", P_SHANXIAN);
	EXPECT_TEXT("长安汽车", P_CHANGAN);
	EXPECT_TEXT("零部件", P_CHANGAN);
	EXPECT_TEXT("项目", P_BJKJ, P_SHANXIAN, P_CHANGAN, P_XINGHE, P_DATA);
	EXPECT_TEXT("北京 科技", P_BJKJ, P_DATA); /* spaces are not part of names */
	EXPECT_NONE("北京汽车");
	EXPECT_NONE("上海");
	EXPECT_NONE("科技发展项目");
}
END_TEST

START_TEST(test_initials)
{
	EXPECT_TEXT("bjkj", P_BJKJ, P_DATA);
	EXPECT_TEXT("BJKJ", P_BJKJ, P_DATA);
	EXPECT_TEXT("sjzx", P_DATA);
	EXPECT_TEXT("sxgf", P_SHANXIAN);
	EXPECT_TEXT("dxgf", P_SHANXIAN);
	EXPECT_TEXT("cqca", P_CHANGAN);
	EXPECT_TEXT("zqza", P_CHANGAN);
	EXPECT_TEXT("xsmb", P_XINGHE);
	EXPECT_TEXT("bjx", P_CHANGAN); /* 零部件项目: bu jian xiang */
	EXPECT_NONE("bjy");
	EXPECT_NONE("bjkjx");
	EXPECT_NONE("qqqq");
}
END_TEST

START_TEST(test_full_pinyin)
{
	EXPECT_TEXT("beijing", P_BJKJ, P_DATA);
	EXPECT_TEXT("BeiJing", P_BJKJ, P_DATA);
	EXPECT_TEXT("beij", P_BJKJ, P_DATA);
	EXPECT_TEXT("shanxian", P_SHANXIAN);
	EXPECT_TEXT("danxian", P_SHANXIAN);
	EXPECT_TEXT("chongqing", P_CHANGAN);
	EXPECT_TEXT("changan", P_CHANGAN);
	EXPECT_TEXT("zhangan", P_CHANGAN);
	EXPECT_TEXT("qiche", P_CHANGAN);
	EXPECT_TEXT("guangfu", P_SHANXIAN);
	EXPECT_NONE("shanghai");
	EXPECT_NONE("beijingqiche");
}
END_TEST

START_TEST(test_mixed)
{
	/* Full readings and initials in one query: pinyin_match() accepts
	 * them all ("jingkj" is its own example), so the search must find
	 * them.  Every query is tried before failing, to show which miss. */
	static const struct {
		const char *q;
		int p[2];
	} cases[] = {
		{"beijingkj", {P_BJKJ, P_DATA}}, {"jingkj", {P_BJKJ, P_DATA}},
		{"bjkeji", {P_BJKJ, P_DATA}},	 {"beijkj", {P_BJKJ, P_DATA}},
		{"shanxgf", {P_SHANXIAN, -1}},	 {"sxguangfu", {P_SHANXIAN, -1}},
	};
	char missed[256] = "";
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint64_t got[16];
		struct zs_filter f = {.text = cases[i].q};
		size_t n = list_all(KIND_PROJECT, &f, 10, got, 16);
		size_t want = cases[i].p[1] < 0 ? 1 : 2;
		bool ok = n == want && got[n - 1] == proj[cases[i].p[0]];
		if (!ok)
			snprintf(missed + strlen(missed), sizeof missed - strlen(missed), " %s(%zu)",
				 cases[i].q, n);
	}
	ck_assert_msg(missed[0] == '\0', "mixed pinyin queries not found:%s", missed);
}
END_TEST

START_TEST(test_ascii_and_code)
{
	EXPECT_TEXT("abc", P_ABC);
	EXPECT_TEXT("ABC", P_ABC);
	EXPECT_TEXT("Abc智能", P_ABC);
	EXPECT_TEXT("technology", P_ABC);
	EXPECT_NONE("abd");
	/* The first 8 characters of a credit code, any case, find the
	 * enterprise's projects. */
	char prefix[32];
	snprintf(prefix, sizeof prefix, "%.8s", code_bjkj);
	EXPECT_TEXT(prefix, P_BJKJ, P_DATA);
	snprintf(prefix, sizeof prefix, "%.8s", code_changan);
	EXPECT_TEXT(prefix, P_CHANGAN);
	snprintf(prefix, sizeof prefix, "%.10s", code_shanxian);
	for (char *p = prefix; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	EXPECT_TEXT(prefix, P_SHANXIAN);
	EXPECT_TEXT(code_shanxian, P_SHANXIAN);
	EXPECT_NONE("91999999");
	/* Enterprises by code prefix, name and pinyin. */
	uint64_t got[16];
	struct zs_filter f = {.text = prefix};
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 16), 1);
	ck_assert_uint_eq(got[0], ent[E_SHANXIAN]);
	f.text = "chongqing";
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 16), 1);
	ck_assert_uint_eq(got[0], ent[E_CHANGAN]);
	f.text = "星河";
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 16), 1);
	ck_assert_uint_eq(got[0], ent[E_XINGHE]);
	f.text = "科技";
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 16), 1);
	ck_assert_uint_eq(got[0], ent[E_BJKJ]);
}
END_TEST

START_TEST(test_one_character)
{
	EXPECT_TEXT("北", P_BJKJ, P_DATA);
	EXPECT_TEXT("单", P_SHANXIAN);
	EXPECT_TEXT("车", P_CHANGAN);
	EXPECT_NONE("鱼");
	/* One letter: every name with that letter or a reading starting with it. */
	uint64_t got[16];
	struct zs_filter f = {.text = "b"};
	size_t n = list_all(KIND_PROJECT, &f, 10, got, 16);
	bool bj = false, data = false, abc = false;
	for (size_t i = 0; i < n; i++) {
		bj |= got[i] == proj[P_BJKJ];
		data |= got[i] == proj[P_DATA];
		abc |= got[i] == proj[P_ABC];
		ck_assert_msg(got[i] != proj[P_SHANXIAN], "\"b\" found 单县光伏项目");
	}
	ck_assert(bj && data && abc);
	f.text = "B";
	ck_assert_uint_eq(list_all(KIND_PROJECT, &f, 10, got, 16), n);
}
END_TEST

START_TEST(test_filters)
{
	struct zs_filter f = {.district = haidian};
	expect_projects("haidian", &f, P_BJKJ, P_CHANGAN, P_XINGHE, -1);
	f = (struct zs_filter){.district = daxing};
	expect_projects("daxing", &f, P_ABC, -1);
	f = (struct zs_filter){.stage = "talks"};
	expect_projects("talks", &f, P_SHANXIAN, P_XINGHE, -1);
	f = (struct zs_filter){.stage = "lead"};
	expect_projects("lead", &f, P_BJKJ, P_ABC, P_DATA, -1);
	f = (struct zs_filter){.stage = "production"};
	expect_projects("production", &f, -1);
	f = (struct zs_filter){.industry = "新一代信息技术"};
	expect_projects("industry", &f, P_BJKJ, P_DATA, -1);
	f = (struct zs_filter){.manager = mgr};
	expect_projects("manager", &f, P_CHANGAN, P_XINGHE, -1);
	f = (struct zs_filter){.enterprise = ent[E_BJKJ]};
	expect_projects("enterprise", &f, P_BJKJ, P_DATA, -1);
	f = (struct zs_filter){.min_amount = 100000000};
	expect_projects("min 1亿", &f, P_BJKJ, P_CHANGAN, P_DATA, -1);
	f = (struct zs_filter){.max_amount = 50000000};
	expect_projects("max 5000万", &f, P_SHANXIAN, P_ABC, -1);
	f = (struct zs_filter){.min_amount = 80000000, .max_amount = 300000000};
	expect_projects("8000万-3亿", &f, P_BJKJ, P_XINGHE, P_DATA, -1);
	/* Bounds are in 元: 300万美元 is 2130万元 at the profile's rate. */
	f = (struct zs_filter){.min_amount = 20000000, .max_amount = 25000000};
	expect_projects("2000万-2500万", &f, P_ABC, -1);
	f = (struct zs_filter){.min_amount = 3000000, .max_amount = 3000000};
	expect_projects("300万", &f, -1);
	/* Combined with each other and with text. */
	f = (struct zs_filter){.district = haidian, .stage = "talks"};
	expect_projects("haidian talks", &f, P_XINGHE, -1);
	f = (struct zs_filter){.district = haidian, .min_amount = 100000000};
	expect_projects("haidian min", &f, P_BJKJ, P_CHANGAN, -1);
	f = (struct zs_filter){.district = haidian, .text = "bjkj"};
	expect_projects("haidian bjkj", &f, P_BJKJ, -1);
	f = (struct zs_filter){.district = chaoyang, .text = "北京"};
	expect_projects("chaoyang 北京", &f, P_DATA, -1);
	f = (struct zs_filter){.industry = "新一代信息技术", .text = "数据"};
	expect_projects("industry 数据", &f, P_DATA, -1);
	f = (struct zs_filter){.text = "北京", .max_amount = 200000000};
	expect_projects("北京 max 2亿", &f, P_BJKJ, -1);
	f = (struct zs_filter){.manager = mgr, .stage = "signed", .text = "changan"};
	expect_projects("manager signed changan", &f, P_CHANGAN, -1);
	f = (struct zs_filter){.district = daxing, .text = "bjkj"};
	expect_projects("daxing bjkj", &f, -1);
	f = (struct zs_filter){.stage = "no-such-stage"};
	expect_projects("unknown stage", &f, -1);
	/* Officers by district: none; the admin and the city's manager have none. */
	uint64_t got[32];
	f = (struct zs_filter){.district = haidian};
	ck_assert_uint_eq(list_all(KIND_OFFICER, &f, 10, got, 32), 0);
	ck_assert_uint_eq(list_all(KIND_OFFICER, NULL, 10, got, 32), 2);
	ck_assert(got[0] == zs_me(z) || got[1] == zs_me(z));
	ck_assert_uint_eq(list_all(KIND_DISTRICT, NULL, 4, got, 32), 17);
}
END_TEST

START_TEST(test_paging)
{
	uint64_t got[16];
	size_t n = list_all(KIND_PROJECT, NULL, 2, got, 16);
	ck_assert_uint_eq(n, NP);
	for (int i = 0; i < NP; i++)
		ck_assert_uint_eq(got[i], proj[NP - 1 - i]);
	/* Page by page by hand: 2 + 2 + 2, then the cursor is done. */
	struct zs_cursor c;
	memset(&c, 0, sizeof c);
	c.order = ZS_NEWEST;
	uint64_t ids[2];
	int pages = 0;
	size_t total = 0;
	while (!c.done) {
		size_t k = zs_list(z, KIND_PROJECT, NULL, &c, ids, 2);
		ck_assert_uint_eq(k, 2);
		ck_assert_uint_eq(ids[0], proj[NP - 1 - total]);
		ck_assert_uint_eq(ids[1], proj[NP - 2 - total]);
		total += k;
		pages++;
		ck_assert_int_le(pages, 3);
	}
	ck_assert_int_eq(pages, 3);
	ck_assert_uint_eq(zs_list(z, KIND_PROJECT, NULL, &c, ids, 2), 0);
	/* With a filter, one at a time. */
	struct zs_filter f = {.text = "项目"};
	ck_assert_uint_eq(list_all(KIND_PROJECT, &f, 1, got, 16), 5);
	f = (struct zs_filter){.district = haidian};
	ck_assert_uint_eq(list_all(KIND_PROJECT, &f, 1, got, 16), 3);
	ck_assert_uint_eq(got[0], proj[P_XINGHE]);
	ck_assert_uint_eq(got[2], proj[P_BJKJ]);
	/* Oldest first. */
	ck_assert_uint_eq(list_order(KIND_PROJECT, NULL, ZS_OLDEST, 4, got, 16), NP);
	for (int i = 0; i < NP; i++)
		ck_assert_uint_eq(got[i], proj[i]);
	f = (struct zs_filter){.text = "bjkj"};
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_OLDEST, 1, got, 16), 2);
	ck_assert_uint_eq(got[0], proj[P_BJKJ]);
	ck_assert_uint_eq(got[1], proj[P_DATA]);
}
END_TEST

START_TEST(test_amount_order)
{
	/* In 元, 美元 at the profile's rate (7.1): 300万美元 is 2130万元. */
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, proj[P_ABC], &r), ZS_OK);
	ck_assert_int_eq(zs_amount_cny(z, &r), 21300000);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, proj[P_DATA], &r), ZS_OK);
	ck_assert_int_eq(zs_amount_cny(z, &r), 300000000);
	rec_free(&r);
	static const int desc[NP] = {P_CHANGAN, P_DATA, P_BJKJ, P_XINGHE, P_SHANXIAN, P_ABC};
	uint64_t got[16];
	for (size_t page = 1; page <= 7; page += 3) {
		ck_assert_uint_eq(list_order(KIND_PROJECT, NULL, ZS_AMOUNT_DESC, page, got, 16), NP);
		for (int i = 0; i < NP; i++)
			ck_assert_msg(got[i] == proj[desc[i]], "page %zu, %d: %s", page, i,
				      pname(got[i]));
		ck_assert_uint_eq(list_order(KIND_PROJECT, NULL, ZS_AMOUNT_ASC, page, got, 16), NP);
		for (int i = 0; i < NP; i++)
			ck_assert_msg(got[i] == proj[desc[NP - 1 - i]], "page %zu, %d: %s", page, i,
				      pname(got[i]));
	}
	/* With amount bounds and other filters. */
	struct zs_filter f = {.min_amount = 50000000};
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_AMOUNT_DESC, 2, got, 16), 5);
	ck_assert_uint_eq(got[4], proj[P_SHANXIAN]);
	f = (struct zs_filter){.max_amount = 100000000};
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_AMOUNT_ASC, 2, got, 16), 4);
	ck_assert_uint_eq(got[0], proj[P_ABC]);
	ck_assert_uint_eq(got[3], proj[P_BJKJ]);
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_AMOUNT_DESC, 3, got, 16), 4);
	ck_assert_uint_eq(got[0], proj[P_BJKJ]);
	f = (struct zs_filter){.district = haidian};
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_AMOUNT_DESC, 1, got, 16), 3);
	ck_assert_uint_eq(got[0], proj[P_CHANGAN]);
	ck_assert_uint_eq(got[1], proj[P_BJKJ]);
	ck_assert_uint_eq(got[2], proj[P_XINGHE]);
	f = (struct zs_filter){.text = "bjkj"};
	ck_assert_uint_eq(list_order(KIND_PROJECT, &f, ZS_AMOUNT_ASC, 1, got, 16), 2);
	ck_assert_uint_eq(got[0], proj[P_BJKJ]);
	ck_assert_uint_eq(got[1], proj[P_DATA]);
	/* Two projects of the same amount both come, each once. */
	uint64_t twin = 0;
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, proj[P_BJKJ], &r), ZS_OK);
	rec_unset(&r, "stage");
	rec_unset(&r, "stage_date");
	rec_unset(&r, "created_on");
	rec_unset(&r, "created_by");
	r.version = 0;
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &twin, &r, NULL, NULL), ZS_OK);
	rec_free(&r);
	ck_assert_uint_eq(list_order(KIND_PROJECT, NULL, ZS_AMOUNT_DESC, 1, got, 16), NP + 1);
	ck_assert_uint_eq(got[2], twin);
	ck_assert_uint_eq(got[3], proj[P_BJKJ]);
	ck_assert_uint_eq(list_order(KIND_PROJECT, NULL, ZS_AMOUNT_ASC, 1, got, 16), NP + 1);
	ck_assert_uint_eq(got[3], proj[P_BJKJ]);
	ck_assert_uint_eq(got[4], twin);
}
END_TEST

START_TEST(test_after_rename)
{
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, ent[E_BJKJ], &r), ZS_OK);
	set(KIND_ENTERPRISE, &r, "name", "上海云图数据有限公司");
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &ent[E_BJKJ], &r, NULL, NULL), ZS_OK);
	/* The project named 北京 keeps matching by its own name only. */
	EXPECT_TEXT("北京科技", P_BJKJ);
	EXPECT_TEXT("bjkj", P_BJKJ);
	EXPECT_NONE("科技发展");
	EXPECT_TEXT("云图", P_BJKJ, P_DATA);
	EXPECT_TEXT("yuntu", P_BJKJ, P_DATA);
	EXPECT_TEXT("shanghai", P_BJKJ, P_DATA);
	/* Initials of three and more characters are first ruled in or out by
	 * the bits of the names kept at each save (search-bits.c): the
	 * projects' bits follow the enterprise's new name too. */
	EXPECT_TEXT("shyt", P_BJKJ, P_DATA);
	EXPECT_TEXT("shangh", P_BJKJ, P_DATA); /* ends inside a reading */
	EXPECT_TEXT("shytsj", P_BJKJ, P_DATA);
	EXPECT_TEXT("ytshuju", P_BJKJ, P_DATA);
	EXPECT_NONE("bjkjf");
	uint64_t got[8];
	struct zs_filter f = {.text = "科技"};
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 8), 0);
	f.text = "云图";
	ck_assert_uint_eq(list_all(KIND_ENTERPRISE, &f, 10, got, 8), 1);
	ck_assert_uint_eq(got[0], ent[E_BJKJ]);
	/* A project renamed. */
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, proj[P_XINGHE], &r), ZS_OK);
	set(KIND_PROJECT, &r, "name", "银河储能项目");
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &proj[P_XINGHE], &r, NULL, NULL), ZS_OK);
	EXPECT_NONE("显示面板");
	EXPECT_NONE("xsmb");
	EXPECT_TEXT("储能", P_XINGHE);
	EXPECT_TEXT("yinhe", P_XINGHE);
	EXPECT_TEXT("yhcn", P_XINGHE);
	EXPECT_TEXT("yhcnxm", P_XINGHE);
	EXPECT_NONE("yhcnx m2");
	EXPECT_TEXT("星河", P_XINGHE); /* still its enterprise's name */
	rec_free(&r);
}
END_TEST

/* Makes the database as one from before the initials trigram keys: no
 * "search_tri" in meta and no 't' keys in project.search (LMDB itself,
 * with the session closed). */
static void forget_trigrams(const char *dir)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi meta, search;
	MDB_cursor *c;
	MDB_val k, d;
	size_t gone = 0;
	ck_assert_int_eq(mdb_env_create(&env), 0);
	ck_assert_int_eq(mdb_env_set_maxdbs(env, 512), 0);
	ck_assert_int_eq(mdb_env_open(env, dir, 0, 0600), 0);
	ck_assert_int_eq(mdb_txn_begin(env, NULL, 0, &txn), 0);
	ck_assert_int_eq(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	ck_assert_int_eq(mdb_dbi_open(txn, "project.search", MDB_DUPSORT, &search), 0);
	k.mv_data = "search_tri";
	k.mv_size = strlen("search_tri");
	ck_assert_int_eq(mdb_del(txn, meta, &k, NULL), 0);
	ck_assert_int_eq(mdb_cursor_open(txn, search, &c), 0);
	k.mv_data = "t";
	k.mv_size = 1;
	int rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size == 4 && ((const char *)k.mv_data)[0] == 't') {
		ck_assert_int_eq(mdb_cursor_del(c, MDB_NODUPDATA), 0);
		gone++;
		k.mv_data = "t";
		k.mv_size = 1;
		rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	}
	mdb_cursor_close(c);
	ck_assert_int_eq(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
	ck_assert_uint_gt(gone, 10);
}

static void count_problem(void *ctx, const char *msg)
{
	(void)msg;
	(*(int *)ctx)++;
}

/* The queries of three letters and more that the trigram keys answer. */
static void trigram_queries(void)
{
	EXPECT_TEXT("bjkj", P_BJKJ, P_DATA);
	EXPECT_TEXT("sjzx", P_DATA);
	EXPECT_TEXT("dxgf", P_SHANXIAN);
	EXPECT_TEXT("zqza", P_CHANGAN);
	EXPECT_TEXT("beijing", P_BJKJ, P_DATA);
	EXPECT_TEXT("bjkjfz", P_BJKJ, P_DATA);
	EXPECT_TEXT("bjkj sjzx", P_DATA);
	EXPECT_TEXT("danxian guangfu", P_SHANXIAN);
	EXPECT_TEXT("bjx", P_CHANGAN);
	EXPECT_NONE("bjkjx");
	EXPECT_NONE("kjbj");
	EXPECT_NONE("qqqq");
	EXPECT_NONE("bjkj qqq");
}

START_TEST(test_older_database)
{
	char dir[160], err[512] = "";
	trigram_queries();
	snprintf(dir, sizeof dir, "%s/db", tmpdir);
	zs_close(z);
	z = NULL;
	forget_trigrams(dir);
	struct zs_open_opts oo = {.bulk = true};
	ck_assert_msg(zs_open(dir, &oo, &z, err, sizeof err) == ZS_OK, "open: %s", err);
	/* Without the keys the search answers as before. */
	trigram_queries();
	/* A check first makes them (once), then finds every project's keys. */
	uint64_t before = zs_maintenance_count(z), faults = 9;
	int problems = 0;
	ck_assert_int_eq(zs_check_database(z, count_problem, &problems, &faults), ZS_OK);
	ck_assert_int_eq(problems, 0);
	ck_assert_uint_eq(faults, 0);
	ck_assert_uint_eq(zs_maintenance_count(z), before + 2); /* the keys made, the check */
	trigram_queries();
	/* Saves keep them: a new project, found by its initials. */
	uint64_t p = new_project("北京科技孵化项目", ent[E_XINGHE], "海淀区", "新材料", "100万", 0);
	struct zs_filter f = {.text = "kjfh"};
	uint64_t got[8];
	ck_assert_uint_eq(list_all(KIND_PROJECT, &f, 10, got, 8), 1);
	ck_assert_uint_eq(got[0], p);
	zs_counts_ready(z); /* nothing more to make */
	ck_assert_uint_eq(zs_maintenance_count(z), before + 2);
}
END_TEST

Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("text");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_chinese);
	tcase_add_test(tc, test_initials);
	tcase_add_test(tc, test_full_pinyin);
	tcase_add_test(tc, test_mixed);
	tcase_add_test(tc, test_ascii_and_code);
	tcase_add_test(tc, test_one_character);
	suite_add_tcase(s, tc);
	tc = tcase_create("listing");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_paging);
	tcase_add_test(tc, test_amount_order);
	tcase_add_test(tc, test_after_rename);
	tcase_add_test(tc, test_older_database);
	suite_add_tcase(s, tc);
	return s;
}
