/*
 * test_core.c - the domain (core.h) end to end on a database in /tmp.
 *
 * Each test makes its own database with zs_init under a fixed clock
 * (ZSDESK_NOW) and opens it as the account running the tests, then types
 * fields in as an officer would, validates, saves, moves stages, reads
 * history, checks the database and builds demo cities.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "entry.h"
#include "may.h"
#include "profile.h"
#include "creditcode.h"
#include "datetime.h"
#include "store.h"
#include "fixture.h"
#include "suites.h"

#define NOW "2026-11-22T10:00+08:00"

static char basedir[64];
static char tmpdir[96];
static char dbdir[128];
static struct zs *z;


/* Makes the directory under /tmp that holds every database of a test
 * case; runs in the parent process, before the tests are forked. */
static void base_setup(void)
{
	fixture_mkdtemp(basedir, sizeof basedir, "core");
}

/* Removes that directory, with what failed tests (whose teardown does
 * not run) left behind. */
static void base_teardown(void)
{
	fixture_rmtree(basedir);
}

/* Fixes the environment every test runs in: data files and the clock. */
static void env_setup(void)
{
	char err[256] = "";
	setenv("ZSDESK_DATADIR", SRCDIR "/forms", 1);
	setenv("ZSDESK_NOW", NOW, 1);
	unsetenv("ZSDESK_UTC_OFFSET");
	ck_assert_msg(clock_init(err, sizeof err) == 0, "clock_init: %s", err);
}

/* Creates a database with profile in dir and opens it as the current account. */
static struct zs *make_db(const char *dir, const char *profile)
{
	char err[512] = "";
	struct zs_init_opts io = {.profile = profile};
	int rc = zs_init(dir, &io, err, sizeof err);
	ck_assert_msg(rc == ZS_OK, "zs_init %s: %s", profile, err);
	struct zs_open_opts oo = {.bulk = true};
	struct zs *out = NULL;
	rc = zs_open(dir, &oo, &out, err, sizeof err);
	ck_assert_msg(rc == ZS_OK, "zs_open: %s", err);
	return out;
}

/* A temporary directory and a Beijing database in it. */
static void setup(void)
{
	env_setup();
	snprintf(tmpdir, sizeof tmpdir, "%s/t-XXXXXX", basedir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbdir, sizeof dbdir, "%s/db", tmpdir);
	z = make_db(dbdir, "beijing");
}

/* Closes the database and removes the directory. */
static void teardown(void)
{
	zs_close(z);
	z = NULL;
	fixture_rmtree(tmpdir);
}

/* Only the temporary directory (tests that make their own databases). */
static void setup_dir(void)
{
	env_setup();
	snprintf(tmpdir, sizeof tmpdir, "%s/t-XXXXXX", basedir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	z = NULL;
}

/* Types text into field of r and asserts the outcome (0, 1 or -1). */
static void set_want(enum kind k, struct rec *r, const char *field, const char *text, int want)
{
	char msg[512] = "";
	int rc = zs_field_set(z, k, r, field, text, msg, sizeof msg);
	ck_assert_msg(rc == want, "%s = \"%s\": %d (%s), want %d", field, text, rc, msg, want);
	if (want != 0)
		ck_assert_msg(msg[0] != '\0', "%s = \"%s\": no message", field, text);
}

/* Types text into field of r and asserts it is accepted. */
static void set(enum kind k, struct rec *r, const char *field, const char *text)
{
	set_want(k, r, field, text, 0);
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
	int rc = zs_save(z, KIND_ENTERPRISE, &id, &r, NULL, NULL);
	ck_assert_msg(rc == ZS_OK, "saving %s: %s", name, zs_error(z));
	ck_assert_uint_ne(id, 0);
	rec_free(&r);
	return id;
}

/* Creates a project of enterprise eid and returns its id. */
static uint64_t new_project(const char *name, uint64_t eid, const char *district,
			    const char *industry, const char *amount)
{
	struct rec r;
	char idb[32];
	uint64_t id = 0;
	rec_init(&r);
	set(KIND_PROJECT, &r, "name", name);
	set(KIND_PROJECT, &r, "enterprise", zs_id_text(eid, idb, sizeof idb));
	set(KIND_PROJECT, &r, "district", district);
	set(KIND_PROJECT, &r, "industry", industry);
	set(KIND_PROJECT, &r, "investment", amount);
	int rc = zs_save(z, KIND_PROJECT, &id, &r, NULL, NULL);
	ck_assert_msg(rc == ZS_OK, "saving %s: %s", name, zs_error(z));
	rec_free(&r);
	return id;
}

/* The id of a district by what a user types. */
static uint64_t district(const char *text)
{
	uint64_t id = 0;
	int rc = zs_resolve(z, KIND_DISTRICT, text, &id);
	ck_assert_msg(rc == ZS_OK, "district %s: %s", text, zs_error(z));
	return id;
}

struct problems {
	int n;
	char first[256];
};

/* Collects the problems zs_check reports. */
static void problem(void *ctx, const char *msg)
{
	struct problems *p = ctx;
	if (p->n++ == 0)
		snprintf(p->first, sizeof p->first, "%s", msg);
}

/* Asserts that zs_check finds nothing wrong with db. */
static void assert_check(struct zs *db)
{
	struct problems p = {0, ""};
	uint64_t f = zs_check(db, problem, &p);
	ck_assert_msg(f == 0 && p.n == 0, "zs_check: %llu faults, first: %s", (unsigned long long)f,
		      p.first);
}

START_TEST(test_init_beijing)
{
	struct passwd *pw = getpwuid(getuid());
	ck_assert_ptr_nonnull(pw);
	ck_assert_uint_ne(zs_me(z), 0);
	ck_assert_str_eq(rec_text(zs_me_rec(z), "login", ""), pw->pw_name);
	ck_assert_str_eq(rec_text(zs_me_rec(z), "role", ""), "admin");
	ck_assert(rec_bool(zs_me_rec(z), "active", false));
	ck_assert(!zs_single_user(z));
	const struct profile *p = zs_profile(z);
	ck_assert_str_eq(p->code, "beijing");
	ck_assert_int_eq(p->districts.n, 17);
	ck_assert_uint_eq(zs_count(z, KIND_DISTRICT), 17);
	ck_assert_uint_eq(zs_count(z, KIND_OFFICER), 1);
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 0);
	/* A district by Chinese name, code, English name and abbreviation. */
	uint64_t hd = district("海淀区");
	ck_assert_uint_eq(district("haidian"), hd);
	ck_assert_uint_eq(district("Haidian"), hd);
	ck_assert_uint_eq(district("HD"), hd);
	ck_assert_uint_ne(district("朝阳区"), hd);
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_DISTRICT, hd, &r), ZS_OK);
	ck_assert_str_eq(rec_text(&r, "code", ""), "haidian");
	ck_assert_str_eq(rec_text(&r, "name", ""), "海淀区");
	ck_assert_str_eq(rec_text(&r, "name_en", ""), "Haidian");
	const struct rec_field *parks = rec_find(&r, "parks");
	ck_assert_ptr_nonnull(parks);
	ck_assert_int_eq(parks->v.type, REC_LIST);
	ck_assert_uint_eq(parks->v.n, 3);
	ck_assert_str_eq(parks->v.items[0], "中关村科学城");
	rec_free(&r);
	uint64_t id;
	ck_assert_int_eq(zs_resolve(z, KIND_DISTRICT, "火星区", &id), ZS_NOTFOUND);
	ck_assert(zs_error(z)[0] != '\0');
	assert_check(z);
	/* A second init in the same place is refused. */
	char err[256] = "";
	struct zs_init_opts io = {.profile = "beijing"};
	ck_assert_int_eq(zs_init(dbdir, &io, err, sizeof err), ZS_EXISTS);
	ck_assert(err[0] != '\0');
}
END_TEST

START_TEST(test_init_jiaxing)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/jx", tmpdir);
	z = make_db(dir, "jiaxing");
	ck_assert_str_eq(zs_profile(z)->code, "jiaxing");
	ck_assert_uint_eq(zs_count(z, KIND_DISTRICT), (uint64_t)zs_profile(z)->districts.n);
	ck_assert_uint_eq(zs_count(z, KIND_DISTRICT), 9);
	uint64_t nh = district("南湖区");
	ck_assert_uint_eq(district("nanhu"), nh);
	ck_assert_str_eq(rec_text(zs_me_rec(z), "role", ""), "admin");
	/* The jiaxing roles differ from Beijing's. */
	struct rec r;
	rec_init(&r);
	set(KIND_OFFICER, &r, "role", "项目管家");
	ck_assert_str_eq(rec_text(&r, "role", ""), "manager");
	set_want(KIND_OFFICER, &r, "role", "服务管家", -1);
	rec_free(&r);
	assert_check(z);
}
END_TEST

START_TEST(test_init_errors)
{
	char dir[128], err[512] = "";
	snprintf(dir, sizeof dir, "%s/none", tmpdir);
	struct zs_init_opts io = {.profile = "atlantis"};
	ck_assert_int_ne(zs_init(dir, &io, err, sizeof err), ZS_OK);
	ck_assert(err[0] != '\0');
	err[0] = '\0';
	struct zs *out = NULL;
	ck_assert_int_ne(zs_open(dir, NULL, &out, err, sizeof err), ZS_OK);
	ck_assert_ptr_null(out);
	ck_assert(err[0] != '\0');
}
END_TEST

START_TEST(test_field_money)
{
	struct rec r;
	rec_init(&r);
	set(KIND_PROJECT, &r, "investment", "1.5亿");
	ck_assert_int_eq(rec_int(&r, "investment", 0), 150000000);
	ck_assert_str_eq(rec_text(&r, "currency", ""), "CNY");
	set(KIND_PROJECT, &r, "investment", "5000");
	ck_assert_int_eq(rec_int(&r, "investment", 0), 50000000);
	rec_free(&r);

	rec_init(&r);
	set(KIND_PROJECT, &r, "investment", "300万美元");
	ck_assert_int_eq(rec_int(&r, "investment", 0), 3000000);
	ck_assert_str_eq(rec_text(&r, "currency", ""), "USD");
	/* A bare number is 万元 whatever the currency before: correcting
	 * 1.5亿美元 to "12亿" must not keep 美元 (7 times the amount meant). */
	set(KIND_PROJECT, &r, "investment", "500");
	ck_assert_int_eq(rec_int(&r, "investment", 0), 5000000);
	ck_assert_str_eq(rec_text(&r, "currency", ""), "CNY");
	char buf[64];
	ck_assert_str_eq(zs_field_text(z, KIND_PROJECT, &r, "investment", buf, sizeof buf),
			 "500万元");
	set(KIND_PROJECT, &r, "investment", "1.5亿美元");
	set(KIND_PROJECT, &r, "investment", "12亿");
	ck_assert_int_eq(rec_int(&r, "investment", 0), 1200000000);
	ck_assert_str_eq(rec_text(&r, "currency", ""), "CNY");
	set(KIND_PROJECT, &r, "investment", "500");

	/* Bad amounts leave the record alone and say what to write. */
	char msg[512] = "";
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "investment", "很多钱", msg, sizeof msg),
			 -1);
	ck_assert_msg(strstr(msg, "Total investment") && strstr(msg, "1.5亿"), "message: %s", msg);
	ck_assert_int_eq(rec_int(&r, "investment", 0), 5000000);
	set_want(KIND_PROJECT, &r, "investment", "1.23456万", -1);
	set_want(KIND_PROJECT, &r, "investment", "-5", -1);
	set_want(KIND_PROJECT, &r, "investment", "", -1); /* required */
	ck_assert_int_eq(rec_int(&r, "investment", 0), 5000000);

	/* Foreign capital is in 美元 only and leaves the currency alone. */
	rec_set_text(&r, "currency", "CNY");
	/* 300万美元 is above a total of 500万元: kept, with a warning. */
	set_want(KIND_PROJECT, &r, "foreign_capital", "300万", 1);
	ck_assert_int_eq(rec_int(&r, "foreign_capital", 0), 3000000);
	ck_assert_str_eq(rec_text(&r, "currency", ""), "CNY");
	msg[0] = '\0';
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "foreign_capital", "300万元", msg, sizeof msg),
			 -1);
	ck_assert_msg(strstr(msg, "USD") != NULL, "message: %s", msg);
	ck_assert_int_eq(rec_int(&r, "foreign_capital", 0), 3000000);
	/* Currency by code or name. */
	set(KIND_PROJECT, &r, "currency", "美元");
	ck_assert_str_eq(rec_text(&r, "currency", ""), "USD");
	set(KIND_PROJECT, &r, "currency", "rmb");
	ck_assert_str_eq(rec_text(&r, "currency", ""), "CNY");
	set_want(KIND_PROJECT, &r, "currency", "EUR", -1);
	rec_free(&r);
}
END_TEST

START_TEST(test_field_date)
{
	static const char *const good[] = {"2026-11-22", "2026/11/22", "2026.11.22", "20261122",
					   "2026年11月22日", " 2026-11-22 "};
	static const char *const bad[] = {"2026-02-30", "2026-13-01", "tomorrow", "22/11/2026",
					  "2026-11", "2026-11-22x"};
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		rec_unset(&r, "expected_sign");
		set(KIND_PROJECT, &r, "expected_sign", good[i]);
		ck_assert_str_eq(rec_text(&r, "expected_sign", ""), "2026-11-22");
	}
	set(KIND_PROJECT, &r, "expected_sign", "2028-02-29");
	ck_assert_str_eq(rec_text(&r, "expected_sign", ""), "2028-02-29");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		set_want(KIND_PROJECT, &r, "expected_sign", bad[i], -1);
	ck_assert_str_eq(rec_text(&r, "expected_sign", ""), "2028-02-29");
	/* Empty removes an optional date. */
	set(KIND_PROJECT, &r, "expected_sign", "");
	ck_assert_ptr_null(rec_find(&r, "expected_sign"));
	rec_free(&r);
}
END_TEST

START_TEST(test_field_choice)
{
	struct rec r;
	char buf[128];
	rec_init(&r);
	/* Industry: code (which is the Chinese label), English, initials. */
	set(KIND_PROJECT, &r, "industry", "集成电路");
	ck_assert_str_eq(rec_text(&r, "industry", ""), "集成电路");
	rec_unset(&r, "industry");
	set(KIND_PROJECT, &r, "industry", "Integrated circuits");
	ck_assert_str_eq(rec_text(&r, "industry", ""), "集成电路");
	set(KIND_PROJECT, &r, "industry", "new materials");
	ck_assert_str_eq(rec_text(&r, "industry", ""), "新材料");
	set(KIND_PROJECT, &r, "industry", "jcdl");
	ck_assert_str_eq(rec_text(&r, "industry", ""), "集成电路");
	char msg[1024] = "";
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "industry", "养猪", msg, sizeof msg), -1);
	ck_assert_msg(strstr(msg, "养猪") && strstr(msg, "New materials"), "message: %s", msg);
	ck_assert_str_eq(rec_text(&r, "industry", ""), "集成电路");
	/* A role, whose code differs from both labels. */
	set(KIND_OFFICER, &r, "role", "manager");
	ck_assert_str_eq(rec_text(&r, "role", ""), "manager");
	set(KIND_OFFICER, &r, "role", "招商专员");
	ck_assert_str_eq(rec_text(&r, "role", ""), "desk");
	set(KIND_OFFICER, &r, "role", "Service manager");
	ck_assert_str_eq(rec_text(&r, "role", ""), "manager");
	set(KIND_OFFICER, &r, "role", "SERVICE MANAGER");
	ck_assert_str_eq(rec_text(&r, "role", ""), "manager");
	ck_assert_str_eq(zs_field_text(z, KIND_OFFICER, &r, "role", buf, sizeof buf),
			 "Service manager");
	set_want(KIND_OFFICER, &r, "role", "boss", -1);
	/* Fixed choices. */
	set(KIND_PROJECT, &r, "capital_type", "内资");
	ck_assert_str_eq(rec_text(&r, "capital_type", ""), "domestic");
	set(KIND_PROJECT, &r, "capital_type", "Foreign");
	ck_assert_str_eq(rec_text(&r, "capital_type", ""), "foreign");
	set(KIND_PROJECT, &r, "capital_type", "DOMESTIC");
	ck_assert_str_eq(rec_text(&r, "capital_type", ""), "domestic");
	set(KIND_PROJECT, &r, "capital_type", "外资");
	ck_assert_str_eq(rec_text(&r, "capital_type", ""), "foreign");
	msg[0] = '\0';
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "capital_type", "港资", msg, sizeof msg),
			 -1);
	ck_assert_msg(strstr(msg, "Domestic") != NULL, "message: %s", msg);
	/* Several codes in a list, separated the Chinese way. */
	set(KIND_OFFICER, &r, "industries", "集成电路、New materials，jcdl");
	const struct rec_field *f = rec_find(&r, "industries");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->v.type, REC_LIST);
	ck_assert_uint_eq(f->v.n, 3);
	ck_assert_str_eq(f->v.items[1], "新材料");
	set_want(KIND_OFFICER, &r, "industries", "集成电路, 养猪", -1);
	ck_assert_uint_eq(rec_find(&r, "industries")->v.n, 3);
	rec_free(&r);
}
END_TEST

START_TEST(test_field_creditcode)
{
	char good[19], bad[19], lower[64];
	valid_code("91110108MA01ABCD1", good);
	memcpy(bad, good, sizeof bad);
	bad[17] = good[17] == '0' ? '1' : '0';
	struct rec r;
	rec_init(&r);
	set(KIND_ENTERPRISE, &r, "credit_code", good);
	ck_assert_str_eq(rec_text(&r, "credit_code", ""), good);
	/* Typed in lower case with spaces: normalised. */
	snprintf(lower, sizeof lower, "9111 0108 ma01 abcd 1%c", good[17]);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	rec_unset(&r, "credit_code");
	set(KIND_ENTERPRISE, &r, "credit_code", lower);
	ck_assert_str_eq(rec_text(&r, "credit_code", ""), good);
	/* A wrong check character: a warning, and the code is kept. */
	char msg[512] = "";
	ck_assert_int_eq(zs_field_set(z, KIND_ENTERPRISE, &r, "credit_code", bad, msg, sizeof msg), 1);
	ck_assert_str_eq(rec_text(&r, "credit_code", ""), bad);
	char expect[2] = {good[17], '\0'};
	ck_assert_msg(strstr(msg, expect) != NULL, "message \"%s\" lacks %s", msg, expect);
	/* A wrong length or character: an error, nothing changes. */
	set_want(KIND_ENTERPRISE, &r, "credit_code", "91110108MA01", -1);
	set_want(KIND_ENTERPRISE, &r, "credit_code", "91110108MA01ABCD1234", -1);
	set_want(KIND_ENTERPRISE, &r, "credit_code", "91110108MA01ABCDIO", -1);
	ck_assert_str_eq(rec_text(&r, "credit_code", ""), bad);
	rec_free(&r);
}
END_TEST

START_TEST(test_field_phone_bool)
{
	static const char *const phones[] = {"010-62345678", "+86 138 0013 8000", "010-6234 5678转123",
					     "(010) 6234-5678 ext 9", "13800138000"};
	static const char *const not_phones[] = {"abc", "12", "电话010-62345678",
						 "1234567890123456789012", "010_62345678"};
	struct rec r;
	rec_init(&r);
	for (size_t i = 0; i < sizeof phones / sizeof *phones; i++) {
		set(KIND_ENTERPRISE, &r, "phone", phones[i]);
		ck_assert_str_eq(rec_text(&r, "phone", ""), phones[i]);
	}
	for (size_t i = 0; i < sizeof not_phones / sizeof *not_phones; i++)
		set_want(KIND_ENTERPRISE, &r, "phone", not_phones[i], -1);
	ck_assert_str_eq(rec_text(&r, "phone", ""), "13800138000");

	static const char *const yes[] = {"是", "yes", "Y", "true", "1"};
	static const char *const no[] = {"否", "no", "N", "FALSE", "0"};
	for (size_t i = 0; i < 5; i++) {
		set(KIND_PROJECT, &r, "strategic", yes[i]);
		ck_assert(rec_bool(&r, "strategic", false) == true);
		ck_assert_int_eq(rec_find(&r, "strategic")->v.type, REC_BOOL);
		set(KIND_PROJECT, &r, "strategic", no[i]);
		ck_assert(rec_bool(&r, "strategic", true) == false);
		ck_assert_ptr_nonnull(rec_find(&r, "strategic"));
	}
	set_want(KIND_PROJECT, &r, "strategic", "maybe", -1);
	set_want(KIND_PROJECT, &r, "strategic", "对", -1);
	ck_assert(rec_bool(&r, "strategic", true) == false);
	rec_free(&r);
}
END_TEST

START_TEST(test_field_ref)
{
	uint64_t hd = district("海淀区");
	struct rec r;
	char buf[64], code[19];
	rec_init(&r);
	set(KIND_PROJECT, &r, "district", "海淀区");
	ck_assert_uint_eq((uint64_t)rec_int(&r, "district", 0), hd);
	rec_unset(&r, "district");
	set(KIND_PROJECT, &r, "district", "haidian");
	ck_assert_uint_eq((uint64_t)rec_int(&r, "district", 0), hd);
	ck_assert_str_eq(zs_field_text(z, KIND_PROJECT, &r, "district", buf, sizeof buf), "Haidian");
	set(KIND_PROJECT, &r, "district", "朝阳区");
	ck_assert_uint_eq((uint64_t)rec_int(&r, "district", 0), district("chaoyang"));
	char msg[512] = "";
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "district", "火星区", msg, sizeof msg), -1);
	ck_assert_msg(strstr(msg, "火星区") != NULL, "message: %s", msg);
	ck_assert_uint_eq((uint64_t)rec_int(&r, "district", 0), district("chaoyang"));
	/* An enterprise by id, credit code and name. */
	valid_code("91110108MA01ABCD1", code);
	uint64_t e = new_enterprise("北京华芯科技有限公司", code);
	set(KIND_PROJECT, &r, "enterprise", zs_id_text(e, buf, sizeof buf));
	ck_assert_uint_eq((uint64_t)rec_int(&r, "enterprise", 0), e);
	rec_unset(&r, "enterprise");
	set(KIND_PROJECT, &r, "enterprise", code);
	ck_assert_uint_eq((uint64_t)rec_int(&r, "enterprise", 0), e);
	rec_unset(&r, "enterprise");
	set(KIND_PROJECT, &r, "enterprise", "北京华芯科技有限公司");
	ck_assert_uint_eq((uint64_t)rec_int(&r, "enterprise", 0), e);
	set_want(KIND_PROJECT, &r, "enterprise", "上海某某有限公司", -1);
	/* The officer reference: by login. */
	set(KIND_PROJECT, &r, "manager", rec_text(zs_me_rec(z), "login", ""));
	ck_assert_uint_eq((uint64_t)rec_int(&r, "manager", 0), zs_me(z));
	rec_free(&r);
}
END_TEST

START_TEST(test_field_text)
{
	char s60[60 * 3 + 1] = "", s61[61 * 3 + 1] = "";
	for (int i = 0; i < 60; i++)
		strcat(s60, "项");
	snprintf(s61, sizeof s61, "%s目", s60);
	struct rec r;
	rec_init(&r);
	set(KIND_PROJECT, &r, "name", s60);
	ck_assert_str_eq(rec_text(&r, "name", ""), s60);
	char msg[512] = "";
	ck_assert_int_eq(zs_field_set(z, KIND_PROJECT, &r, "name", s61, msg, sizeof msg), -1);
	ck_assert_msg(strstr(msg, "60") && strstr(msg, "61"), "message: %s", msg);
	ck_assert_str_eq(rec_text(&r, "name", ""), s60);
	/* Blanks around are trimmed, also the ideographic space. */
	set(KIND_PROJECT, &r, "name", "  单县光伏项目\t");
	ck_assert_str_eq(rec_text(&r, "name", ""), "单县光伏项目");
	set(KIND_PROJECT, &r, "name", "\u3000北京项目\u3000");
	ck_assert_str_eq(rec_text(&r, "name", ""), "北京项目");
	/* One line for a text, several for a long text. */
	set_want(KIND_PROJECT, &r, "name", "第一行\n第二行", -1);
	set(KIND_PROJECT, &r, "summary", "第一行\n第二行");
	ck_assert_str_eq(rec_text(&r, "summary", ""), "第一行\n第二行");
	/* Required fields cannot be emptied; others are removed. */
	set_want(KIND_PROJECT, &r, "name", "", -1);
	set_want(KIND_PROJECT, &r, "name", "   ", -1);
	ck_assert_str_eq(rec_text(&r, "name", ""), "北京项目");
	set(KIND_PROJECT, &r, "contact", "王伟");
	ck_assert_str_eq(rec_text(&r, "contact", ""), "王伟");
	set(KIND_PROJECT, &r, "contact", "");
	ck_assert_ptr_null(rec_find(&r, "contact"));
	/* Not UTF-8. */
	set_want(KIND_PROJECT, &r, "contact", "\xff\xfe", -1);
	/* Land in 亩 with two decimals, stored times 100. */
	set(KIND_PROJECT, &r, "land", "120.5");
	ck_assert_int_eq(rec_int(&r, "land", 0), 12050);
	set(KIND_PROJECT, &r, "land", "0.05");
	ck_assert_int_eq(rec_int(&r, "land", 0), 5);
	set(KIND_PROJECT, &r, "land", "300");
	ck_assert_int_eq(rec_int(&r, "land", 0), 30000);
	set_want(KIND_PROJECT, &r, "land", "1.234", -1);
	set_want(KIND_PROJECT, &r, "land", "十亩", -1);
	ck_assert_int_eq(rec_int(&r, "land", 0), 30000);
	/* A field a city's form adds is kept as text. */
	set(KIND_PROJECT, &r, "visit_note", "已实地考察");
	ck_assert_str_eq(rec_text(&r, "visit_note", ""), "已实地考察");
	set_want(KIND_PROJECT, &r, "Visit-Note", "x", -1);
	set_want(KIND_PROJECT, &r, "_secret", "x", -1);
	ck_assert_ptr_null(rec_find(&r, "_secret"));
	rec_free(&r);
}
END_TEST

/* Fills r with every required field of a project of enterprise e in district d. */
static void full_project(struct rec *r, const char *name, uint64_t e, const char *d)
{
	char idb[32];
	rec_init(r);
	set(KIND_PROJECT, r, "name", name);
	set(KIND_PROJECT, r, "enterprise", zs_id_text(e, idb, sizeof idb));
	set(KIND_PROJECT, r, "industry", "集成电路");
	set(KIND_PROJECT, r, "investment", "1.5亿");
	set(KIND_PROJECT, r, "district", d);
}

START_TEST(test_validate)
{
	char field[64], msg[512];
	struct rec r;
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	rec_init(&r);
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "name");
	ck_assert_msg(strstr(msg, "Project name") != NULL, "message: %s", msg);
	set(KIND_PROJECT, &r, "name", "华芯封装测试项目");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "enterprise");
	rec_free(&r);
	full_project(&r, "华芯封装测试项目", e, "海淀区");
	rec_unset(&r, "investment");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "investment");
	/* Saving checks the same. */
	uint64_t id = 0;
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &id, &r, NULL, NULL), ZS_INVALID);
	ck_assert_msg(strstr(zs_error(z), "Total investment") != NULL, "%s", zs_error(z));
	ck_assert_uint_eq(id, 0);
	set(KIND_PROJECT, &r, "investment", "1.5亿");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), 0);
	ck_assert_str_eq(field, "");
	/* A park of the district, or not. */
	set(KIND_PROJECT, &r, "park", "中关村软件园");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, NULL, 0, msg, sizeof msg), 0);
	rec_free(&r);
	full_project(&r, "华芯封装测试项目", e, "海淀区");
	set(KIND_PROJECT, &r, "park", "CBD");
	field[0] = '\0';
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "park");
	ck_assert_msg(strstr(msg, "CBD") && strstr(msg, "中关村科学城"), "message: %s", msg);
	rec_free(&r);
	/* Foreign capital makes a project foreign-funded. */
	full_project(&r, "华芯封装测试项目", e, "海淀区");
	set(KIND_PROJECT, &r, "foreign_capital", "100万");
	set(KIND_PROJECT, &r, "capital_type", "内资");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "capital_type");
	rec_free(&r);
}
END_TEST

START_TEST(test_validate_park_message)
{
	/* "CBD is not a park of 海淀区: ..." names the district. */
	char field[64] = "", msg[512] = "";
	struct rec r;
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	full_project(&r, "华芯封装测试项目", e, "海淀区");
	set(KIND_PROJECT, &r, "park", "CBD");
	ck_assert_int_eq(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg), -1);
	ck_assert_str_eq(field, "park");
	ck_assert_msg(strstr(msg, "海淀区") != NULL, "park message does not name the district: %s",
		      msg);
	rec_free(&r);
}
END_TEST

START_TEST(test_save)
{
	char code[19];
	valid_code("91110108MA01ABCD1", code);
	uint64_t e = new_enterprise("北京华芯科技有限公司", code);
	struct rec r, back, stale;
	full_project(&r, "华芯封装测试项目", e, "海淀区");
	uint64_t id = 0;
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &id, &r, NULL, NULL), ZS_OK);
	ck_assert_uint_ne(id, 0);
	ck_assert_uint_eq(STORE_ID_NODE(id), 1);
	ck_assert_uint_eq(r.version, 1);
	rec_init(&back);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &back), ZS_OK);
	ck_assert_uint_eq(back.version, 1);
	/* The fields zsdesk keeps itself. */
	ck_assert_str_eq(rec_text(&back, "enterprise_name", ""), "北京华芯科技有限公司");
	ck_assert_str_eq(rec_text(&back, "stage", ""), "lead");
	ck_assert_str_eq(rec_text(&back, "stage_date", ""), "2026-11-22");
	ck_assert_str_eq(rec_text(&back, "created_on", ""), "2026-11-22");
	ck_assert_uint_eq((uint64_t)rec_int(&back, "created_by", 0), zs_me(z));
	ck_assert_str_eq(rec_text(&back, "currency", ""), "CNY");
	ck_assert_str_eq(rec_text(&back, "capital_type", ""), "domestic");
	ck_assert_int_eq(rec_int(&back, "investment", 0), 150000000);
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 1);
	rec_copy(&stale, &back);

	/* Update. */
	set(KIND_PROJECT, &back, "investment", "2亿");
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &id, &back, NULL, NULL), ZS_OK);
	ck_assert_uint_eq(back.version, 2);
	rec_free(&back);
	rec_init(&back);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &back), ZS_OK);
	ck_assert_uint_eq(back.version, 2);
	ck_assert_int_eq(rec_int(&back, "investment", 0), 200000000);
	ck_assert_str_eq(rec_text(&back, "created_on", ""), "2026-11-22");

	/* Someone saved after the stale copy was read. */
	set(KIND_PROJECT, &stale, "investment", "3亿");
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &id, &stale, NULL, NULL), ZS_CONFLICT);
	ck_assert(zs_error(z)[0] != '\0');
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &back), ZS_OK);
	ck_assert_int_eq(rec_int(&back, "investment", 0), 200000000);
	ck_assert_uint_eq(back.version, 2);
	/* A project needs an enterprise that exists. */
	rec_free(&r);
	full_project(&r, "没有企业的项目", e, "海淀区");
	rec_set_int(&r, "enterprise", (int64_t)STORE_ID(1, 999));
	uint64_t none = 0;
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &none, &r, NULL, NULL), ZS_INVALID);
	ck_assert_uint_eq(none, 0);
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 1);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, STORE_ID(1, 999), &back), ZS_NOTFOUND);
	rec_free(&r);
	rec_free(&back);
	rec_free(&stale);
	assert_check(z);
}
END_TEST

START_TEST(test_save_exists)
{
	char code[19], other[19];
	valid_code("91110108MA01ABCD1", code);
	valid_code("91110108MA01ABCD2", other);
	uint64_t first = new_enterprise("北京华芯科技有限公司", code);
	struct rec r;
	rec_init(&r);
	set(KIND_ENTERPRISE, &r, "name", "北京另一家科技有限公司");
	set(KIND_ENTERPRISE, &r, "credit_code", code);
	uint64_t id = 0;
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &id, &r, NULL, NULL), ZS_EXISTS);
	char idb[32];
	zs_id_text(first, idb, sizeof idb);
	ck_assert_msg(strstr(zs_error(z), code) && strstr(zs_error(z), idb), "message: %s",
		      zs_error(z));
	ck_assert_uint_eq(id, 0);
	ck_assert_uint_eq(zs_count(z, KIND_ENTERPRISE), 1);
	/* Updating another enterprise to the taken code is refused too. */
	uint64_t second = new_enterprise("北京第二科技有限公司", other);
	struct rec s;
	rec_init(&s);
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, second, &s), ZS_OK);
	set(KIND_ENTERPRISE, &s, "credit_code", code);
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &second, &s, NULL, NULL), ZS_EXISTS);
	rec_free(&s);
	rec_init(&s);
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, second, &s), ZS_OK);
	ck_assert_str_eq(rec_text(&s, "credit_code", ""), other);
	ck_assert_uint_eq(s.version, 1);
	rec_free(&s);
	rec_free(&r);
	assert_check(z);
}
END_TEST

START_TEST(test_save_exists_then_fixed)
{
	/* The officer mistyped a taken credit code, is told, fixes it and
	 * saves the same form again. */
	char code[19], fixed[19];
	valid_code("91110108MA01ABCD1", code);
	valid_code("91110108MA01ABCD3", fixed);
	new_enterprise("北京华芯科技有限公司", code);
	struct rec r;
	rec_init(&r);
	set(KIND_ENTERPRISE, &r, "name", "北京另一家科技有限公司");
	set(KIND_ENTERPRISE, &r, "credit_code", code);
	uint64_t id = 0;
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &id, &r, NULL, NULL), ZS_EXISTS);
	set(KIND_ENTERPRISE, &r, "credit_code", fixed);
	int rc = zs_save(z, KIND_ENTERPRISE, &id, &r, NULL, NULL);
	ck_assert_msg(rc == ZS_OK, "saving after fixing the code gave %d: %s", rc, zs_error(z));
	ck_assert_uint_eq(zs_count(z, KIND_ENTERPRISE), 2);
	rec_free(&r);
}
END_TEST

START_TEST(test_rename_enterprise)
{
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	uint64_t other = new_enterprise("上海星河电子有限公司", NULL);
	uint64_t p1 = new_project("华芯封装测试项目", e, "海淀区", "集成电路", "1亿");
	uint64_t p2 = new_project("华芯二期项目", e, "朝阳区", "集成电路", "2亿");
	uint64_t p3 = new_project("星河显示面板项目", other, "海淀区", "新材料", "3亿");
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, e, &r), ZS_OK);
	set(KIND_ENTERPRISE, &r, "name", "北京华芯半导体股份有限公司");
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &e, &r, NULL, NULL), ZS_OK);
	uint64_t ps[2] = {p1, p2};
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(zs_get(z, KIND_PROJECT, ps[i], &r), ZS_OK);
		ck_assert_str_eq(rec_text(&r, "enterprise_name", ""), "北京华芯半导体股份有限公司");
		ck_assert_uint_eq(r.version, 2);
	}
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, p3, &r), ZS_OK);
	ck_assert_str_eq(rec_text(&r, "enterprise_name", ""), "上海星河电子有限公司");
	ck_assert_uint_eq(r.version, 1);
	/* Saving an enterprise without renaming it leaves projects alone. */
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, e, &r), ZS_OK);
	set(KIND_ENTERPRISE, &r, "contact", "王伟");
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &e, &r, NULL, NULL), ZS_OK);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, p1, &r), ZS_OK);
	ck_assert_uint_eq(r.version, 2);
	rec_free(&r);
	assert_check(z);
}
END_TEST

/* The stage of project id. */
static const char *stage_of(uint64_t id, char *buf, size_t n)
{
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &r), ZS_OK);
	snprintf(buf, n, "%s|%s", rec_text(&r, "stage", ""), rec_text(&r, "stage_date", ""));
	rec_free(&r);
	return buf;
}

START_TEST(test_stages)
{
	char b[64];
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	uint64_t id = new_project("华芯封装测试项目", e, "海淀区", "集成电路", "1亿");
	ck_assert_str_eq(stage_of(id, b, sizeof b), "lead|2026-11-22");
	/* Forward needs no reason; by code, Chinese or English label; a date
	 * before the project was entered needs one. */
	ck_assert_int_eq(zs_project_stage(z, id, "talks", date_from_ymd(2026, 11, 1), NULL),
			 ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "talks", date_from_ymd(2026, 11, 1), "补录"), ZS_OK);
	ck_assert_str_eq(stage_of(id, b, sizeof b), "talks|2026-11-01");
	ck_assert_int_eq(zs_project_stage(z, id, "签约", 0, NULL), ZS_OK);
	ck_assert_str_eq(stage_of(id, b, sizeof b), "signed|2026-11-22");
	ck_assert_int_eq(zs_project_stage(z, id, "Registered", 0, ""), ZS_OK);
	ck_assert_str_eq(stage_of(id, b, sizeof b), "registered|2026-11-22");
	/* The same stage, an unknown one, the future. */
	ck_assert_int_eq(zs_project_stage(z, id, "registered", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "moon", 0, NULL), ZS_INVALID);
	ck_assert(zs_error(z)[0] != '\0');
	ck_assert_int_eq(zs_project_stage(z, id, "funded", date_from_ymd(2026, 11, 23), NULL),
			 ZS_INVALID);
	ck_assert_msg(strstr(zs_error(z), "future") != NULL, "%s", zs_error(z));
	ck_assert_str_eq(stage_of(id, b, sizeof b), "registered|2026-11-22");
	/* Backward needs a reason. */
	ck_assert_int_eq(zs_project_stage(z, id, "talks", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "talks", 0, ""), ZS_INVALID);
	ck_assert_msg(strstr(zs_error(z), "reason") != NULL, "%s", zs_error(z));
	ck_assert_str_eq(stage_of(id, b, sizeof b), "registered|2026-11-22");
	ck_assert_int_eq(zs_project_stage(z, id, "talks", 0, "合同条款重新谈判"), ZS_OK);
	ck_assert_str_eq(stage_of(id, b, sizeof b), "talks|2026-11-22");
	/* Leaving needs a reason too, which is kept. */
	ck_assert_int_eq(zs_project_stage(z, id, "exited", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "transferred", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "exited", 0, "企业投资计划调整"), ZS_OK);
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &r), ZS_OK);
	ck_assert_str_eq(rec_text(&r, "stage", ""), "exited");
	ck_assert_str_eq(rec_text(&r, "exit_reason", ""), "企业投资计划调整");
	rec_free(&r);
	/* And so does coming back from exited, even forward. */
	ck_assert_int_eq(zs_project_stage(z, id, "production", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_project_stage(z, id, "production", 0, "企业恢复投资"), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, STORE_ID(1, 999), "talks", 0, NULL), ZS_NOTFOUND);
	assert_check(z);
}
END_TEST

struct hist {
	int n;
	char op[8][16], why[8][64];
	int nchanges[8];
	char inv_old[256], inv_new[256], stage_old[256], stage_new[256];
	uint64_t actor;
};

/* Collects history entries. */
static int hist_fn(void *ctx, const struct zs_history *h)
{
	struct hist *s = ctx;
	ck_assert_int_lt(s->n, 8);
	snprintf(s->op[s->n], sizeof s->op[0], "%s", h->op);
	snprintf(s->why[s->n], sizeof s->why[0], "%s", h->why ? h->why : "");
	s->nchanges[s->n] = (int)h->n;
	s->actor = h->actor;
	for (size_t i = 0; i < h->n; i++) {
		if (s->n > 0 && !strcmp(h->c[i].field, "investment")) {
			snprintf(s->inv_old, sizeof s->inv_old, "%s", h->c[i].old);
			snprintf(s->inv_new, sizeof s->inv_new, "%s", h->c[i].new);
		}
		if (s->n > 0 && !strcmp(h->c[i].field, "stage")) {
			snprintf(s->stage_old, sizeof s->stage_old, "%s", h->c[i].old);
			snprintf(s->stage_new, sizeof s->stage_new, "%s", h->c[i].new);
		}
	}
	s->n++;
	return 0;
}

START_TEST(test_intake_known_enterprise_elsewhere)
{
	/* A Haidian desk officer enters a project of an enterprise that
	 * already has one in Chaoyang: the enterprise is saved as it is and
	 * the project is the officer's own; changing that shared enterprise
	 * is refused. */
	char dir[256], err[512] = "";
	snprintf(dir, sizeof dir, "%s/su", tmpdir);
	struct zs_init_opts io = {.profile = "beijing", .single_user = true};
	ck_assert_int_eq(zs_init(dir, &io, err, sizeof err), ZS_OK);
	struct zs *keep = z, *admin = NULL, *desk = NULL;
	struct zs_open_opts oa = {0}, od = {.as = "hdtest"};
	ck_assert_int_eq(zs_open(dir, &oa, &admin, err, sizeof err), ZS_OK);
	z = admin;
	uint64_t e = new_enterprise("北京远方科技有限公司", NULL);
	new_project("远方一期", e, "朝阳区", "集成电路", "5000");
	struct rec o;
	rec_init(&o);
	set(KIND_OFFICER, &o, "login", "hdtest");
	set(KIND_OFFICER, &o, "name", "海淀测试");
	set(KIND_OFFICER, &o, "role", "desk");
	set(KIND_OFFICER, &o, "district", "海淀区");
	uint64_t oid = 0;
	ck_assert_int_eq(zs_save(z, KIND_OFFICER, &oid, &o, NULL, NULL), ZS_OK);
	rec_free(&o);
	zs_close(admin);
	ck_assert_msg(zs_open(dir, &od, &desk, err, sizeof err) == ZS_OK, "open as hdtest: %s", err);
	z = desk;
	struct rec ent, proj;
	rec_init(&ent);
	rec_init(&proj);
	ck_assert_int_eq(zs_get(z, KIND_ENTERPRISE, e, &ent), ZS_OK);
	set(KIND_PROJECT, &proj, "name", "远方二期");
	set(KIND_PROJECT, &proj, "industry", "集成电路");
	set(KIND_PROJECT, &proj, "investment", "3000");
	set(KIND_PROJECT, &proj, "district", "海淀区");
	uint64_t eid = e, pid = 0;
	char field[64];
	int rc = zs_intake(z, &eid, &ent, &pid, &proj, field, sizeof field);
	ck_assert_msg(rc == ZS_OK, "intake: %s", zs_error(z));
	ck_assert_uint_eq(eid, e);
	ck_assert_uint_ne(pid, 0);
	set(KIND_ENTERPRISE, &ent, "address", "北京市朝阳区");
	ck_assert_int_eq(zs_save(z, KIND_ENTERPRISE, &eid, &ent, NULL, NULL), ZS_DENIED);
	rec_free(&ent);
	rec_free(&proj);
	zs_close(desk);
	z = keep;
}
END_TEST

START_TEST(test_may)
{
	/* "May I?" before the desk asks anything (may.h): a Haidian desk
	 * officer may edit and move its own project, not Chaoyang's, and
	 * transfers nothing; the city office transfers.  A new project may
	 * start as a lead or in talks only.  A save naming another district
	 * is refused on the district field. */
	char dir[256], err[512] = "";
	snprintf(dir, sizeof dir, "%s/may", tmpdir);
	struct zs_init_opts io = {.profile = "beijing", .single_user = true};
	ck_assert_int_eq(zs_init(dir, &io, err, sizeof err), ZS_OK);
	struct zs *keep = z, *admin = NULL, *desk = NULL;
	struct zs_open_opts oa = {0}, od = {.as = "hdmay"};
	ck_assert_int_eq(zs_open(dir, &oa, &admin, err, sizeof err), ZS_OK);
	z = admin;
	uint64_t e = new_enterprise("北京可否科技有限公司", NULL);
	uint64_t cy = new_project("可否朝阳项目", e, "朝阳区", "集成电路", "5000");
	uint64_t hd = new_project("可否海淀项目", e, "海淀区", "集成电路", "5000");
	ck_assert_int_eq(zs_may_edit(z, KIND_PROJECT, cy), ZS_OK);
	ck_assert_int_eq(zs_may_transfer(z, cy), ZS_OK);
	struct rec o;
	rec_init(&o);
	set(KIND_OFFICER, &o, "login", "hdmay");
	set(KIND_OFFICER, &o, "name", "海淀可否");
	set(KIND_OFFICER, &o, "role", "desk");
	set(KIND_OFFICER, &o, "district", "海淀区");
	uint64_t oid = 0;
	ck_assert_int_eq(zs_save(z, KIND_OFFICER, &oid, &o, NULL, NULL), ZS_OK);
	rec_free(&o);
	zs_close(admin);
	ck_assert_msg(zs_open(dir, &od, &desk, err, sizeof err) == ZS_OK, "open as hdmay: %s", err);
	z = desk;
	ck_assert_int_eq(zs_may_edit(z, KIND_PROJECT, hd), ZS_OK);
	ck_assert_int_eq(zs_may_stage(z, hd), ZS_OK);
	ck_assert_int_eq(zs_may_edit(z, KIND_PROJECT, cy), ZS_DENIED);
	ck_assert_ptr_nonnull(strstr(zs_error(z), "another district"));
	ck_assert_int_eq(zs_may_stage(z, cy), ZS_DENIED);
	ck_assert_int_eq(zs_may_transfer(z, hd), ZS_DENIED);
	ck_assert_int_eq(zs_may_transfer(z, 0), ZS_DENIED);
	ck_assert_int_eq(zs_may_edit(z, KIND_PROJECT, 0), ZS_OK); /* a new one */
	ck_assert(zs_may_start_with(KIND_PROJECT, "stage", "lead"));
	ck_assert(zs_may_start_with(KIND_PROJECT, "stage", "talks"));
	ck_assert(!zs_may_start_with(KIND_PROJECT, "stage", "production"));
	ck_assert(zs_may_start_with(KIND_PROJECT, "capital", "foreign"));
	/* The refusal of a new project in another district names the field. */
	struct rec p;
	rec_init(&p);
	set(KIND_PROJECT, &p, "name", "越区项目");
	set(KIND_PROJECT, &p, "enterprise", "1");
	set(KIND_PROJECT, &p, "industry", "集成电路");
	set(KIND_PROJECT, &p, "investment", "3000");
	set(KIND_PROJECT, &p, "district", "朝阳区");
	uint64_t pid = 0;
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &pid, &p, NULL, NULL), ZS_DENIED);
	ck_assert_str_eq(zs_last_error(z)->field, "district");
	rec_free(&p);
	zs_close(desk);
	z = keep;
}
END_TEST

/* Sets a built-in field of an entry and asserts it is accepted. */
static void entry_set(struct zs_entry *e, enum kind k, const char *field, const char *text)
{
	char msg[512] = "";
	int rc = zs_entry_set_name(e, k, field, text, msg, sizeof msg);
	ck_assert_msg(rc == 0, "%s = \"%s\": %d (%s)", field, text, rc, msg);
}

START_TEST(test_entry_intake_and_claims)
{
	/* A new project typed with its enterprise is an intake; typing the
	 * credit code of a known enterprise brings it in, and its project in
	 * another district is the claim warning, recorded with the save. */
	char code[19];
	valid_code("91110108MA01ABCD1", code);
	uint64_t e = new_enterprise("北京华芯科技有限公司", code);
	uint64_t other = new_project("华芯一期", e, "朝阳区", "集成电路", "5000");
	struct zs_entry *en = zs_entry_new(z, KIND_PROJECT, 0);
	ck_assert_ptr_nonnull(en);
	ck_assert_ptr_nonnull(zs_entry_rec(en, KIND_ENTERPRISE));
	ck_assert_ptr_null(zs_entry_rec(en, KIND_ISSUE));
	ck_assert(zs_entry_find_enterprise(en, code));
	ck_assert(!zs_entry_find_enterprise(en, code)); /* in already */
	ck_assert_str_eq(rec_text(zs_entry_rec(en, KIND_ENTERPRISE), "name", ""), "北京华芯科技有限公司");
	entry_set(en, KIND_PROJECT, "name", "华芯二期");
	entry_set(en, KIND_PROJECT, "industry", "集成电路");
	entry_set(en, KIND_PROJECT, "investment", "3000");
	entry_set(en, KIND_PROJECT, "district", "海淀区");
	struct zs_claim c[4];
	ck_assert_uint_eq(zs_entry_claims(en, c, 4), 1);
	ck_assert_uint_eq(c[0].id, other);
	ck_assert_str_eq(c[0].district, "Chaoyang"); /* the tests run in English */
	/* A bad value is refused and named with the label given. */
	char msg[512];
	const struct field_def *inv = schema_field(KIND_PROJECT, "investment");
	ck_assert_int_eq(zs_entry_try(en, KIND_PROJECT, inv, "总投资额", "很多", msg, sizeof msg), -1);
	ck_assert_msg(!strncmp(msg, "总投资额: ", strlen("总投资额: ")), "message: %s", msg);
	ck_assert_int_eq(zs_entry_set(en, KIND_PROJECT, inv, NULL, "很多", msg, sizeof msg), -1);
	ck_assert_int_eq(rec_int(zs_entry_rec(en, KIND_PROJECT), "investment", 0), 30000000);
	ck_assert_int_eq(zs_entry_set_name(en, KIND_PROJECT, "created_on", "2026-01-01", msg, sizeof msg), -1);
	int rc = zs_entry_save(en, NULL, NULL, 0, NULL);
	ck_assert_msg(rc == ZS_OK, "save: %s", zs_error(z));
	uint64_t pid = zs_entry_id(en);
	ck_assert_uint_ne(pid, 0);
	zs_entry_free(en);
	struct rec p;
	rec_init(&p);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, pid, &p), ZS_OK);
	ck_assert_int_eq(rec_int(&p, "enterprise", 0), (int64_t)e);
	char idb[32];
	ck_assert_str_eq(rec_text(&p, "claim_seen", ""), zs_id_text(other, idb, sizeof idb));
	ck_assert_uint_eq(zs_count(z, KIND_ENTERPRISE), 1);
	rec_free(&p);
	assert_check(z);
}
END_TEST

/* Logs a follow-up through an entry session as the officer of z; its id,
 * or 0 with the refusal in zs_last_error. */
static uint64_t log_followup(const char *project, const char *date, const char *time,
			     const char *summary)
{
	struct zs_entry *en = zs_entry_new(z, KIND_FOLLOWUP, 0);
	ck_assert_ptr_nonnull(en);
	entry_set(en, KIND_FOLLOWUP, "project", project);
	entry_set(en, KIND_FOLLOWUP, "type", "走访");
	if (date)
		entry_set(en, KIND_FOLLOWUP, "date", date);
	if (time)
		entry_set(en, KIND_FOLLOWUP, "time", time);
	entry_set(en, KIND_FOLLOWUP, "summary", summary);
	uint64_t id = zs_entry_save(en, NULL, NULL, 0, NULL) == ZS_OK ? zs_entry_id(en) : 0;
	zs_entry_free(en);
	return id;
}

START_TEST(test_followup_log)
{
	/* Times of day as officers type them; the log of a project and of
	 * its enterprise in the order the contacts took place, whatever the
	 * order they were logged in; the date defaults to today and is never
	 * after it; a correction needs a reason and leaves the old text in the
	 * history. */
	char msg[512];
	struct rec r;
	rec_init(&r);
	const struct field_def *t = schema_field(KIND_FOLLOWUP, "time");
	static const char *const good[][2] = {{"14:30", "14:30"}, {"1430", "14:30"},
					      {"9:05", "09:05"},  {"14：30", "14:30"},
					      {"14点30", "14:30"}, {"14点30分", "14:30"},
					      {"8点", "08:00"},	  {"23:59", "23:59"}};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		ck_assert_msg(zs_field_set_def(z, KIND_FOLLOWUP, &r, t, good[i][0], msg, sizeof msg) == 0,
			      "%s: %s", good[i][0], msg);
		ck_assert_str_eq(rec_text(&r, "time", ""), good[i][1]);
	}
	static const char *const bad[] = {"24:00", "12:60", "12:", "abc", "12345", "1:2:3", "14点3x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(zs_field_set_def(z, KIND_FOLLOWUP, &r, t, bad[i], msg, sizeof msg) == -1,
			      "%s was taken", bad[i]);
	rec_free(&r);

	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	uint64_t p1 = new_project("华芯一期", e, "海淀区", "集成电路", "5000");
	uint64_t p2 = new_project("华芯二期", e, "朝阳区", "集成电路", "3000");
	char a[32], b[32];
	zs_id_text(p1, a, sizeof a);
	zs_id_text(p2, b, sizeof b);
	uint64_t f1 = log_followup(a, "2026-11-20", NULL, "第一次");
	uint64_t f2 = log_followup(a, NULL, "09:00", "今天上午");
	uint64_t f3 = log_followup(a, "2026-11-21", "16:00", "补记前天之后");
	uint64_t f4 = log_followup(b, "2026-11-22", "08:00", "二期");
	ck_assert(f1 && f2 && f3 && f4);
	ck_assert_uint_eq(log_followup(a, "2026-11-23", NULL, "明天"), 0);
	ck_assert_int_eq(zs_last_error(z)->status, ZS_INVALID);
	ck_assert_str_eq(zs_last_error(z)->field, "date");

	uint64_t ids[8];
	size_t total = 0;
	ck_assert_uint_eq(zs_followups(z, KIND_PROJECT, p1, 0, ids, 8, &total), 3);
	ck_assert_uint_eq(total, 3);
	ck_assert_uint_eq(ids[0], f2); /* today 09:00 */
	ck_assert_uint_eq(ids[1], f3); /* the 21st, logged after the 20th's */
	ck_assert_uint_eq(ids[2], f1);
	ck_assert_uint_eq(zs_followups(z, KIND_PROJECT, p1, 1, ids, 1, &total), 1);
	ck_assert_uint_eq(ids[0], f3);
	ck_assert_uint_eq(total, 3);
	ck_assert_uint_eq(zs_followups(z, KIND_ENTERPRISE, e, 0, ids, 8, &total), 4);
	ck_assert_uint_eq(ids[0], f2);
	ck_assert_uint_eq(ids[1], f4); /* today 08:00 on the other project */
	ck_assert_uint_eq(zs_followups(z, KIND_OFFICER, zs_me(z), 0, ids, 8, NULL), 4);

	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_FOLLOWUP, f2, &r), ZS_OK);
	ck_assert_str_eq(rec_text(&r, "date", ""), "2026-11-22");
	ck_assert_int_eq(rec_int(&r, "enterprise", 0), (int64_t)e);
	ck_assert_int_eq(rec_int(&r, "author", 0), (int64_t)zs_me(z));
	rec_free(&r);

	/* A correction: refused without a reason, saved with one. */
	struct zs_entry *en = zs_entry_new(z, KIND_FOLLOWUP, f1);
	entry_set(en, KIND_FOLLOWUP, "summary", "第一次电话");
	ck_assert_int_eq(zs_entry_save(en, NULL, NULL, 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_last_error(z)->hint, ZS_HINT_REASON);
	ck_assert_int_eq(zs_entry_save(en, "记错了", NULL, 0, NULL), ZS_OK);
	zs_entry_free(en);
	/* Moving it to another day moves it in the log. */
	en = zs_entry_new(z, KIND_FOLLOWUP, f1);
	entry_set(en, KIND_FOLLOWUP, "date", "2026-11-22");
	entry_set(en, KIND_FOLLOWUP, "time", "10:00");
	ck_assert_int_eq(zs_entry_save(en, "日期记错", NULL, 0, NULL), ZS_OK);
	zs_entry_free(en);
	ck_assert_uint_eq(zs_followups(z, KIND_PROJECT, p1, 0, ids, 8, NULL), 3);
	ck_assert_uint_eq(ids[0], f1);
	assert_check(z);
}
END_TEST

START_TEST(test_entry_errors_are_records)
{
	/* A required field missing: the failure names the field; a taken
	 * credit code: the clash is ZS_EXISTS on the enterprise's code. */
	char code[19];
	valid_code("91110108MA01ABCD1", code);
	new_enterprise("北京华芯科技有限公司", code);
	struct zs_entry *en = zs_entry_new(z, KIND_PROJECT, 0);
	entry_set(en, KIND_ENTERPRISE, "name", "北京另一家科技有限公司");
	entry_set(en, KIND_PROJECT, "name", "另一个项目");
	ck_assert_int_eq(zs_entry_save(en, NULL, NULL, 0, NULL), ZS_INVALID);
	const struct zs_err *er = zs_last_error(z);
	ck_assert_int_eq(er->status, ZS_INVALID);
	ck_assert_msg(er->field[0] != '\0', "no field named: %s", er->msg);
	entry_set(en, KIND_PROJECT, "industry", "集成电路");
	entry_set(en, KIND_PROJECT, "investment", "3000");
	entry_set(en, KIND_PROJECT, "district", "海淀区");
	entry_set(en, KIND_ENTERPRISE, "credit_code", code);
	ck_assert_int_eq(zs_entry_save(en, NULL, NULL, 0, NULL), ZS_EXISTS);
	er = zs_last_error(z);
	ck_assert_str_eq(er->field, "enterprise.credit_code");
	ck_assert_int_eq(er->index, 0); /* the enterprise's first index: its credit code */
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 0);
	zs_entry_free(en);
	/* A backward move without a reason: the hint says a reason. */
	uint64_t e2 = new_enterprise("北京第三科技有限公司", NULL);
	uint64_t p = new_project("第三项目", e2, "海淀区", "集成电路", "5000");
	ck_assert_int_eq(zs_project_stage(z, p, "talks", 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, p, "lead", 0, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_last_error(z)->hint, ZS_HINT_REASON);
	ck_assert_msg(!strstr(zs_error(z), "--"), "core spells an option: %s", zs_error(z));
}
END_TEST

START_TEST(test_entry_update_merges)
{
	/* Two officers edit one project: different fields merge; the same
	 * field is a conflict the officer settles, keeping theirs or mine. */
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	uint64_t p = new_project("华芯一期", e, "海淀区", "集成电路", "5000");
	struct zs_entry *a = zs_entry_new(z, KIND_PROJECT, p), *b = zs_entry_new(z, KIND_PROJECT, p);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	entry_set(a, KIND_PROJECT, "investment", "6000");
	entry_set(b, KIND_PROJECT, "contact", "王经理");
	ck_assert_int_eq(zs_entry_save(a, NULL, NULL, 0, NULL), ZS_OK);
	struct zs_conflict c[4];
	size_t n = 9;
	ck_assert_int_eq(zs_entry_save(b, "phone call", c, 4, &n), ZS_OK);
	ck_assert_uint_eq(n, 0);
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, p, &r), ZS_OK);
	ck_assert_int_eq(rec_int(&r, "investment", 0), 60000000);
	ck_assert_str_eq(rec_text(&r, "contact", ""), "王经理");
	rec_free(&r);
	/* Now both change the amount. */
	entry_set(a, KIND_PROJECT, "investment", "7000");
	entry_set(b, KIND_PROJECT, "investment", "8000");
	ck_assert_int_eq(zs_entry_save(a, NULL, NULL, 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_entry_save(b, NULL, c, 4, &n), ZS_CONFLICT);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(c[0].field, "investment");
	zs_entry_take_theirs(b, "investment");
	ck_assert_int_eq(zs_entry_save(b, NULL, c, 4, &n), ZS_OK);
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, p, &r), ZS_OK);
	ck_assert_int_eq(rec_int(&r, "investment", 0), 70000000);
	rec_free(&r);
	zs_entry_free(a);
	zs_entry_free(b);
	assert_check(z);
}
END_TEST

/* Parses profile text with one replacement made; returns profile_parse's
 * result, the message in err. */
static int parse_variant(const char *from, const char *to, struct profile *p, char *err, size_t n)
{
	char lerr[256];
	char *text = profile_load_file("beijing", lerr, sizeof lerr);
	ck_assert_msg(text != NULL, "%s", lerr);
	char *at = strstr(text, from);
	ck_assert_msg(at != NULL, "no %s in the profile", from);
	size_t len = strlen(text) - strlen(from) + strlen(to) + 1;
	char *v = malloc(len);
	snprintf(v, len, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	int rc = profile_parse(v, p, err, n);
	free(v);
	free(text);
	return rc;
}

START_TEST(test_profile_roles)
{
	/* Code asks the profile which stage is signed; a city may call it
	 * otherwise, and a profile with no signed stage is refused. */
	struct profile p;
	char err[512] = "";
	ck_assert_int_eq(parse_variant("[city]", "[city]", &p, err, sizeof err), 0);
	ck_assert_str_eq(profile_stage(&p, STAGE_SIGNED), "signed");
	ck_assert(profile_level_is(&p, "meeting", LEVEL_MEETING));
	ck_assert(!profile_level_is(&p, "city", LEVEL_MEETING));
	profile_free(&p);
	ck_assert_int_eq(parse_variant("signed | 签约 | Signed", "qianyue | 签约 | Signed\n[stage_roles]\nsigned = qianyue\n[stages]", &p, err, sizeof err), 0);
	ck_assert_str_eq(profile_stage(&p, STAGE_SIGNED), "qianyue");
	ck_assert(profile_stage_is(&p, "qianyue", STAGE_SIGNED));
	ck_assert(!profile_stage_is(&p, "signed", STAGE_SIGNED));
	profile_free(&p);
	ck_assert_int_eq(parse_variant("signed | 签约 | Signed\n", "", &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "signed") && strstr(err, "[stage_roles]"), "message: %s", err);
	ck_assert_int_eq(parse_variant("[city]", "[stage_roles]\nsigned = nosuch\n[city]", &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "nosuch"), "message: %s", err);
	ck_assert_int_eq(parse_variant("[city]", "[level_roles]\nmeeting = nosuch\n[city]", &p, err, sizeof err), -1);
	ck_assert_int_eq(parse_variant("[city]", "[stage_roles]\nwhatever = signed\n[city]", &p, err, sizeof err), -1);
	/* Dated exchange rates: the rate of an amount's month. */
	ck_assert_int_eq(parse_variant("[city]", "[rates]\n2026-01 = 7.1\n2026-07 = 6.9\n[city]", &p,
				       err, sizeof err), 0);
	ck_assert_int_eq(profile_rate(&p, date_from_ymd(2025, 12, 31)), p.usd_rate);
	ck_assert_int_eq(profile_rate(&p, date_from_ymd(2026, 3, 15)), 71000);
	ck_assert_int_eq(profile_rate(&p, date_from_ymd(2026, 7, 1)), 69000);
	profile_free(&p);
	ck_assert_int_eq(parse_variant("[city]", "[rates]\n2026-13 = 7.1\n[city]", &p, err, sizeof err), -1);
	/* Who acts at a level. */
	ck_assert_int_eq(parse_variant("district | 区级协调 | District leadership | 5",
				       "district | 区级协调 | District leadership | 5 | lead", &p, err,
				       sizeof err), 0);
	ck_assert_str_eq(p.escalation.v[1].klass, "lead");
	profile_free(&p);
}
END_TEST

START_TEST(test_history)
{
	uint64_t e = new_enterprise("北京华芯科技有限公司", NULL);
	uint64_t id = new_project("华芯封装测试项目", e, "海淀区", "集成电路", "1.5亿");
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &r), ZS_OK);
	set(KIND_PROJECT, &r, "investment", "2亿");
	ck_assert_int_eq(zs_save(z, KIND_PROJECT, &id, &r, NULL, NULL), ZS_OK);
	rec_free(&r);
	ck_assert_int_eq(zs_project_stage(z, id, "talks", 0, "首次洽谈"), ZS_OK);
	struct hist h;
	memset(&h, 0, sizeof h);
	ck_assert_int_eq(zs_history(z, KIND_PROJECT, id, hist_fn, &h), ZS_OK);
	ck_assert_int_eq(h.n, 3);
	ck_assert_str_eq(h.op[0], "create");
	ck_assert_str_eq(h.op[1], "update");
	ck_assert_str_eq(h.op[2], "stage");
	ck_assert_str_eq(h.why[2], "首次洽谈");
	ck_assert_int_ge(h.nchanges[0], 10);
	ck_assert_int_eq(h.nchanges[1], 1);
	/* The stage (its date is still today), and - 2亿 in Beijing reaching
	 * the first-talk threshold - the register: registered, district, end
	 * of exclusivity, status, credit - and the stage history. */
	ck_assert_int_eq(h.nchanges[2], 8); /* with the credit ledger's first entry */
	ck_assert_str_eq(h.inv_old, "15,000万元");
	ck_assert_str_eq(h.inv_new, "20,000万元");
	ck_assert_str_eq(h.stage_old, "Lead");
	ck_assert_str_eq(h.stage_new, "Negotiating");
	ck_assert_uint_eq(h.actor, zs_me(z));
	/* A record that does not exist has no history. */
	memset(&h, 0, sizeof h);
	ck_assert_int_ne(zs_history(z, KIND_PROJECT, STORE_ID(1, 999), hist_fn, &h), ZS_OK);
	ck_assert_int_eq(h.n, 0);
}
END_TEST

START_TEST(test_id_text)
{
	char buf[32];
	uint64_t id;
	ck_assert_str_eq(zs_id_text(STORE_ID(1, 17), buf, sizeof buf), "17");
	ck_assert_str_eq(zs_id_text(STORE_ID(3, 17), buf, sizeof buf), "3-17");
	ck_assert_str_eq(zs_id_text(STORE_ID(65535, 0xFFFFFFFFFFFFULL), buf, sizeof buf),
			 "65535-281474976710655");
	static const uint64_t ids[] = {STORE_ID(1, 1), STORE_ID(1, 17), STORE_ID(3, 17),
				       STORE_ID(1, 0xFFFFFFFFFFFFULL), STORE_ID(2, 1),
				       STORE_ID(65535, 123456789)};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		id = 0;
		ck_assert_int_eq(zs_id_parse(zs_id_text(ids[i], buf, sizeof buf), &id), 0);
		ck_assert_uint_eq(id, ids[i]);
	}
	ck_assert_int_eq(zs_id_parse("3-17", &id), 0);
	ck_assert_uint_eq(id, STORE_ID(3, 17));
	ck_assert_int_eq(zs_id_parse("1-17", &id), 0);
	ck_assert_uint_eq(id, STORE_ID(1, 17));
	static const char *const bad[] = {"0", "-1", "abc", "", "3-", "3-0", "0-5", "17x", " 17",
					  "+17", "17 ", "65536-1", "281474976710656", "1-2-3",
					  "99999999999999999999999", "-"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		id = 12345;
		ck_assert_msg(zs_id_parse(bad[i], &id) == -1, "\"%s\" was accepted", bad[i]);
		ck_assert_uint_eq(id, 12345);
	}
}
END_TEST

START_TEST(test_id_parse_sign_after_dash)
{
	/* A sign or blank is refused before the node; after the dash it must
	 * be refused the same way. */
	uint64_t id = 12345;
	ck_assert_msg(zs_id_parse("3-+17", &id) == -1, "\"3-+17\" was accepted as %llx",
		      (unsigned long long)id);
	ck_assert_msg(zs_id_parse("3- 17", &id) == -1, "\"3- 17\" was accepted as %llx",
		      (unsigned long long)id);
}
END_TEST

START_TEST(test_check_and_demo)
{
	assert_check(z);
	ck_assert_int_eq(zs_demo(z, 300, NULL, NULL), ZS_OK);
	assert_check(z);
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 300);
	uint64_t ents = zs_count(z, KIND_ENTERPRISE);
	ck_assert_uint_ge(ents, 200);
	ck_assert_uint_le(ents, 300);
	ck_assert_uint_eq(zs_count(z, KIND_DISTRICT), 17);
	ck_assert_uint_eq(zs_count(z, KIND_OFFICER), 17 * 7 + 3 + 1);
	ck_assert_uint_le(zs_count(z, KIND_ISSUE), 40);
	ck_assert_uint_le(zs_count(z, KIND_EVENT), 10);
	/* Every demo project is whole and valid. */
	struct rec r;
	char field[64], msg[512];
	rec_init(&r);
	int usd = 0;
	for (uint64_t i = 1; i <= 300; i++) {
		ck_assert_int_eq(zs_get(z, KIND_PROJECT, STORE_ID(1, i), &r), ZS_OK);
		ck_assert_msg(zs_validate(z, KIND_PROJECT, &r, field, sizeof field, msg, sizeof msg) == 0,
			      "demo project %llu: %s", (unsigned long long)i, msg);
		int64_t amount = rec_int(&r, "investment", 0);
		ck_assert_int_gt(amount, 0);
		ck_assert_int_lt(amount, 40000000000LL);
		ck_assert_ptr_nonnull(rec_find(&r, "stage"));
		usd += !strcmp(rec_text(&r, "currency", ""), "USD");
	}
	ck_assert_int_gt(usd, 0);
	ck_assert_int_lt(usd, 100);
	rec_free(&r);
	/* A second demo in the same database is refused. */
	ck_assert_int_eq(zs_demo(z, 10, NULL, NULL), ZS_EXISTS);
	ck_assert_uint_eq(zs_count(z, KIND_PROJECT), 300);
}
END_TEST

START_TEST(test_demo_deterministic)
{
	char d1[128], d2[128];
	snprintf(d1, sizeof d1, "%s/one", tmpdir);
	snprintf(d2, sizeof d2, "%s/two", tmpdir);
	struct zs *a = make_db(d1, "beijing");
	ck_assert_int_eq(zs_demo(a, 300, NULL, NULL), ZS_OK);
	struct zs *b = make_db(d2, "beijing");
	ck_assert_int_eq(zs_demo(b, 300, NULL, NULL), ZS_OK);
	struct rec ra, rb;
	rec_init(&ra);
	rec_init(&rb);
	ck_assert_int_eq(zs_get(a, KIND_PROJECT, STORE_ID(1, 150), &ra), ZS_OK);
	ck_assert_int_eq(zs_get(b, KIND_PROJECT, STORE_ID(1, 150), &rb), ZS_OK);
	ck_assert_uint_ge(ra.n, 10);
	ck_assert_uint_eq(ra.n, rb.n);
	ck_assert_uint_eq(ra.version, rb.version);
	ck_assert_uint_eq(ra.created, rb.created);
	for (size_t i = 0; i < ra.n; i++) {
		ck_assert_str_eq(ra.f[i].name, rb.f[i].name);
		char va[256], vb[256];
		ck_assert_msg(rec_value_equal(&ra.f[i].v, &rb.f[i].v), "field %s: %s vs %s",
			      ra.f[i].name, rec_value_str(&ra.f[i].v, va, sizeof va),
			      rec_value_str(&rb.f[i].v, vb, sizeof vb));
		ck_assert_uint_eq(ra.f[i].stamp, rb.f[i].stamp);
	}
	/* Its enterprise too. */
	uint64_t e = (uint64_t)rec_int(&ra, "enterprise", 0);
	ck_assert_int_eq(zs_get(a, KIND_ENTERPRISE, e, &ra), ZS_OK);
	ck_assert_int_eq(zs_get(b, KIND_ENTERPRISE, e, &rb), ZS_OK);
	ck_assert_str_eq(rec_text(&ra, "name", "a"), rec_text(&rb, "name", "b"));
	ck_assert_str_eq(rec_text(&ra, "credit_code", "a"), rec_text(&rb, "credit_code", "b"));
	rec_free(&ra);
	rec_free(&rb);
	assert_check(a);
	zs_close(a);
	zs_close(b);
}
END_TEST

Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("init");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_beijing);
	suite_add_tcase(s, tc);
	tc = tcase_create("init_other");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup_dir, teardown);
	tcase_add_test(tc, test_init_jiaxing);
	tcase_add_test(tc, test_init_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("fields");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_field_money);
	tcase_add_test(tc, test_field_date);
	tcase_add_test(tc, test_field_choice);
	tcase_add_test(tc, test_field_creditcode);
	tcase_add_test(tc, test_field_phone_bool);
	tcase_add_test(tc, test_field_ref);
	tcase_add_test(tc, test_field_text);
	tcase_add_test(tc, test_validate);
	tcase_add_test(tc, test_validate_park_message);
	suite_add_tcase(s, tc);
	tc = tcase_create("save");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_save);
	tcase_add_test(tc, test_save_exists);
	tcase_add_test(tc, test_save_exists_then_fixed);
	tcase_add_test(tc, test_rename_enterprise);
	tcase_add_test(tc, test_stages);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_intake_known_enterprise_elsewhere);
	tcase_add_test(tc, test_may);
	tcase_add_test(tc, test_entry_intake_and_claims);
	tcase_add_test(tc, test_profile_roles);
	tcase_add_test(tc, test_entry_errors_are_records);
	tcase_add_test(tc, test_entry_update_merges);
	tcase_add_test(tc, test_followup_log);
	suite_add_tcase(s, tc);
	tc = tcase_create("ids");
	tcase_add_test(tc, test_id_text);
	tcase_add_test(tc, test_id_parse_sign_after_dash);
	suite_add_tcase(s, tc);
	tc = tcase_create("demo");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_check_and_demo);
	tcase_add_test(tc, test_demo_deterministic);
	suite_add_tcase(s, tc);
	return s;
}
