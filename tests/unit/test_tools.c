/*
 * test_tools.c - the officer's tools in core: undoing a change, the
 * inbox and its read marks, one action on several projects, saved
 * filters and printable sheets, on a Jiaxing database in /tmp.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "datetime.h"
#include "entry.h"
#include "fixture.h"
#include "store.h"
#include "suites.h"
#include "utf8.h"

static char basedir[64];
static char tmpdir[96];
static struct zs *z;

static void base_setup(void)
{
	fixture_mkdtemp(basedir, sizeof basedir, "tools");
}

static void base_teardown(void)
{
	fixture_rmtree(basedir);
}

/* A Jiaxing database under a fixed clock, opened as the account running
 * the tests (its administrator). */
static void setup(void)
{
	char err[512] = "", db[160];
	setenv("ZSDESK_DATADIR", SRCDIR "/forms", 1);
	setenv("ZSDESK_NOW", "2026-11-22T10:00+08:00", 1);
	unsetenv("ZSDESK_UTC_OFFSET");
	ck_assert_msg(clock_init(err, sizeof err) == 0, "clock_init: %s", err);
	snprintf(tmpdir, sizeof tmpdir, "%s/t-XXXXXX", basedir);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(db, sizeof db, "%s/db", tmpdir);
	struct zs_init_opts io = {.profile = "jiaxing"};
	ck_assert_msg(zs_init(db, &io, err, sizeof err) == ZS_OK, "zs_init: %s", err);
	struct zs_open_opts oo = {.bulk = true};
	ck_assert_msg(zs_open(db, &oo, &z, err, sizeof err) == ZS_OK, "zs_open: %s", err);
}

static void teardown(void)
{
	zs_close(z);
	z = NULL;
	fixture_rmtree(tmpdir);
}

/* Saves a new record of kind k from name=value pairs; its id. */
static uint64_t add(enum kind k, const char *const *kv)
{
	struct zs_entry *e = zs_entry_new(z, k, 0);
	char msg[512];
	for (; *kv; kv += 2)
		ck_assert_msg(zs_entry_set_name(e, k, kv[0], kv[1], msg, sizeof msg) >= 0, "%s: %s",
			      kv[0], msg);
	ck_assert_msg(zs_entry_save(e, NULL, NULL, 0, NULL) == ZS_OK, "save: %s", zs_error(z));
	uint64_t id = zs_entry_id(e);
	zs_entry_free(e);
	return id;
}

/* Edits one field of record id with a reason. */
static void edit(enum kind k, uint64_t id, const char *field, const char *text)
{
	struct zs_entry *e = zs_entry_new(z, k, id);
	char msg[512];
	ck_assert_ptr_nonnull(e);
	ck_assert_msg(zs_entry_set_name(e, k, field, text, msg, sizeof msg) >= 0, "%s", msg);
	ck_assert_msg(zs_entry_save(e, "调整", NULL, 0, NULL) == ZS_OK, "%s", zs_error(z));
	zs_entry_free(e);
}

/* A project of a new enterprise in Nanhu. */
static uint64_t project(const char *name, const char *amount)
{
	static int n;
	char ent[64];
	snprintf(ent, sizeof ent, "嘉兴测试%d号科技有限公司", ++n);
	uint64_t e = add(KIND_ENTERPRISE, (const char *const[]){"name", ent, NULL});
	char eid[32];
	zs_id_text(e, eid, sizeof eid);
	return add(KIND_PROJECT, (const char *const[]){"name", name, "enterprise", eid, "industry",
						       "集成电路", "investment", amount, "district",
						       "nanhu", NULL});
}

struct last {
	uint64_t seq;
	const char *field;
};

/* Finds the last history entry that changed a field. */
static int last_fn(void *ctx, const struct zs_history *h)
{
	struct last *l = ctx;
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->c[i].field, l->field) && strcmp(h->op, "create") != 0)
			l->seq = h->seq;
	return 0;
}

static uint64_t last_change(enum kind k, uint64_t id, const char *field)
{
	struct last l = {0, field};
	ck_assert_int_eq(zs_history(z, k, id, last_fn, &l), ZS_OK);
	ck_assert_uint_ne(l.seq, 0);
	return l.seq;
}

static int64_t amount(uint64_t id)
{
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, id, &r), ZS_OK);
	int64_t v = rec_int(&r, "investment", -1);
	rec_free(&r);
	return v;
}

START_TEST(test_undo)
{
	uint64_t id = project("华芯一期", "5亿");
	edit(KIND_PROJECT, id, "investment", "6亿");
	uint64_t seq = last_change(KIND_PROJECT, id, "investment");
	/* A reason first; then the change is put back as a new edit. */
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, id, seq, NULL), ZS_INVALID);
	ck_assert_int_eq(zs_last_error(z)->hint, ZS_HINT_REASON);
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, id, seq, "录错"), ZS_OK);
	ck_assert(amount(id) == 500000000);
	uint64_t undo = last_change(KIND_PROJECT, id, "investment");
	ck_assert_uint_gt(undo, seq);
	/* Twice is refused, naming the field that changed since. */
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, id, seq, "再撤"), ZS_INVALID);
	ck_assert_str_eq(zs_last_error(z)->field, "investment");
	ck_assert(amount(id) == 500000000);
	/* The undo undone. */
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, id, undo, "还是六亿"), ZS_OK);
	ck_assert(amount(id) == 600000000);
	/* Not a change of this record; the creation. */
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, id, 999999, "x"), ZS_NOTFOUND);
	uint64_t other = project("华芯二期", "1亿");
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, other, seq, "x"), ZS_NOTFOUND);
	/* A stage move put back meets the gate of a move: 40亿 signed without
	 * a pre-report is refused. */
	uint64_t big = project("华芯三期", "5亿");
	ck_assert_int_eq(zs_project_stage(z, big, "talks", 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, big, "signed", 0, NULL), ZS_OK);
	edit(KIND_PROJECT, big, "investment", "40亿");
	ck_assert_int_eq(zs_project_stage(z, big, "talks", 0, "协议未生效"), ZS_OK);
	uint64_t back = last_change(KIND_PROJECT, big, "stage");
	ck_assert_int_eq(zs_undo(z, KIND_PROJECT, big, back, "协议生效"), ZS_INVALID);
	ck_assert_int_eq(zs_last_error(z)->hint, ZS_HINT_PREREPORT);
	ck_assert(zs_undo_op("update") && zs_undo_op("stage") && zs_undo_op("undo:12"));
	ck_assert(!zs_undo_op("prereport") && !zs_undo_op("transfer") && !zs_undo_op(NULL));
}
END_TEST

START_TEST(test_inbox)
{
	uint64_t id = project("华芯一期", "5亿");
	char pid[32];
	zs_id_text(id, pid, sizeof pid);
	size_t unread = 99;
	ck_assert_uint_eq(zs_inbox(z, 14, true, NULL, 0, &unread), 0);
	ck_assert_uint_eq(unread, 0);
	/* An issue I take waits on me. */
	add(KIND_ISSUE, (const char *const[]){"project", pid, "category", "用地", "description",
					      "用地指标", NULL});
	struct zs_inbox_entry e[8];
	size_t n = zs_inbox(z, 14, false, e, 8, &unread);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(unread, 1);
	ck_assert_int_eq(e[0].what, ZS_INBOX_ISSUE);
	ck_assert_int_eq(e[0].kind, KIND_ISSUE);
	ck_assert_uint_eq(e[0].project, id);
	ck_assert(e[0].unread);
	char what[128], name[256], detail[512];
	zs_inbox_describe(z, &e[0], what, sizeof what, name, sizeof name, detail, sizeof detail);
	ck_assert_str_eq(name, "华芯一期");
	ck_assert(strstr(detail, "2026-11-22") != NULL);
	/* Opened: read; still there among all. */
	char key[64];
	snprintf(key, sizeof key, "%s", e[0].key);
	ck_assert_int_eq(zs_inbox_mark(z, 14, key), ZS_OK);
	ck_assert_uint_eq(zs_inbox(z, 14, false, NULL, 0, &unread), 0);
	ck_assert_uint_eq(unread, 0);
	ck_assert_uint_eq(zs_inbox(z, 14, true, e, 8, NULL), 1);
	ck_assert(!e[0].unread);
	/* A second issue is new; marking all reads it too. */
	add(KIND_ISSUE, (const char *const[]){"project", pid, "category", "融资", "description",
					      "融资需求", NULL});
	ck_assert_uint_eq(zs_inbox(z, 14, false, NULL, 0, &unread), 1);
	ck_assert_int_eq(zs_inbox_mark(z, 14, NULL), ZS_OK);
	ck_assert_uint_eq(zs_inbox(z, 14, false, NULL, 0, &unread), 0);
	ck_assert_uint_eq(zs_inbox(z, 14, true, NULL, 0, NULL), 2);
	/* Marking writes no record: the log did not grow. */
	uint64_t before = zs_log_count(z);
	ck_assert_int_eq(zs_inbox_mark(z, 14, NULL), ZS_OK);
	ck_assert_uint_eq(zs_log_count(z), before);
}
END_TEST

START_TEST(test_bulk)
{
	uint64_t a = project("华芯一期", "5亿"), b = project("华芯二期", "40亿");
	ck_assert_int_eq(zs_project_stage(z, a, "talks", 0, NULL), ZS_OK);
	ck_assert_int_eq(zs_project_stage(z, b, "talks", 0, NULL), ZS_OK);
	uint64_t ids[2] = {a, b};
	struct zs_bulk_result res[2];
	/* No reason: each refused, nothing moved. */
	ck_assert_uint_eq(zs_bulk_stage(z, ids, 2, "signed", NULL, res), 2);
	ck_assert_int_eq(res[0].hint, ZS_HINT_REASON);
	/* Each through the rules: 40亿 needs its pre-report. */
	ck_assert_uint_eq(zs_bulk_stage(z, ids, 2, "signed", "集中签约", res), 1);
	ck_assert_int_eq(res[0].status, ZS_OK);
	ck_assert_uint_eq(res[0].id, a);
	ck_assert_int_eq(res[1].status, ZS_INVALID);
	ck_assert_int_eq(res[1].hint, ZS_HINT_PREREPORT);
	ck_assert(res[1].msg[0] != '\0');
	struct rec r;
	rec_init(&r);
	ck_assert_int_eq(zs_get(z, KIND_PROJECT, b, &r), ZS_OK);
	ck_assert_str_eq(rec_text(&r, "stage", ""), "talks");
	rec_free(&r);
	/* A manager for both; one already managed by them is said so. */
	uint64_t me = add(KIND_OFFICER, (const char *const[]){"login", "mgr", "name", "管一", "role",
							      "manager", "district", "nanhu", NULL});
	ck_assert_int_eq(zs_assign_manager(z, a, me, NULL), ZS_OK);
	ck_assert_uint_eq(zs_bulk_assign(z, ids, 2, me, "统一管家", res), 1);
	ck_assert_int_eq(res[0].status, ZS_INVALID);
	ck_assert_int_eq(res[1].status, ZS_OK);
}
END_TEST

START_TEST(test_saved_filters)
{
	struct zs_filter f = {0}, g;
	char msg[256], text[256];
	enum zs_order order;
	ck_assert_int_eq(zs_filter_set(z, &f, "district", "南湖区", msg, sizeof msg), 0);
	ck_assert_int_eq(zs_filter_set(z, &f, "stage", "在谈", msg, sizeof msg), 0);
	ck_assert_int_eq(zs_filter_set(z, &f, "min", "10亿", msg, sizeof msg), 0);
	f.text = "华芯 研发";
	ck_assert_int_eq(zs_filter_save(z, "南湖大项目", &f, ZS_AMOUNT_DESC), ZS_OK);
	ck_assert_int_eq(zs_filter_save(z, "全部", &(struct zs_filter){0}, ZS_OLDEST), ZS_OK);
	char names[4][ZS_FILTER_NAME_BYTES];
	ck_assert_uint_eq(zs_filter_names(z, names, 4), 2);
	ck_assert_str_eq(names[0], "南湖大项目");
	ck_assert_int_eq(zs_filter_load(z, "南湖大项目", &g, &order, text, sizeof text), ZS_OK);
	ck_assert_uint_eq(g.district, f.district);
	ck_assert_str_eq(g.stage, "talks");
	ck_assert(g.min_amount == 1000000000);
	ck_assert_str_eq(g.text, "华芯 研发");
	ck_assert_int_eq(order, ZS_AMOUNT_DESC);
	/* Saving under a name replaces it; names are checked. */
	ck_assert_int_eq(zs_filter_save(z, "南湖大项目", &(struct zs_filter){0}, ZS_NEWEST), ZS_OK);
	ck_assert_uint_eq(zs_filter_names(z, NULL, 0), 2);
	ck_assert_int_eq(zs_filter_save(z, "", &f, ZS_NEWEST), ZS_INVALID);
	ck_assert_int_eq(zs_filter_save(z, "a\tb", &f, ZS_NEWEST), ZS_INVALID);
	ck_assert_int_eq(zs_filter_save(z, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
					&f, ZS_NEWEST),
			 ZS_INVALID);
	ck_assert_int_eq(zs_filter_delete(z, "全部"), ZS_OK);
	ck_assert_int_eq(zs_filter_delete(z, "全部"), ZS_NOTFOUND);
	ck_assert_int_eq(zs_filter_load(z, "全部", &g, &order, text, sizeof text), ZS_NOTFOUND);
}
END_TEST

/* Checks a sheet's pages: width, lines, page N of M. */
static void assert_pages(const char *text, int width, int lines, size_t pages)
{
	size_t page = 1;
	int line = 0;
	const char *p = text;
	while (*p) {
		if (*p == '\f') {
			ck_assert_int_eq(line, lines);
			page++;
			line = 0;
			p++;
		}
		const char *nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		char *l = strndup(p, (size_t)(nl - p));
		ck_assert_msg(text_width(l) <= width, "page %zu line %d: %d columns: %s", page, line + 1,
			      text_width(l), l);
		for (const char *c = l; *c; c++)
			ck_assert_msg((unsigned char)*c >= 0x20, "a control character on line %d", line + 1);
		line++;
		if (line == lines) {
			char want[64];
			snprintf(want, sizeof want, "Page %zu of %zu", page, pages);
			ck_assert_msg(strstr(l, want) != NULL, "footer %s", l);
		}
		free(l);
		p = nl + 1;
	}
	ck_assert_int_eq(line, lines);
	ck_assert_uint_eq(page, pages);
}

START_TEST(test_print)
{
	uint64_t id = project("华芯功率芯片项目", "40亿");
	edit(KIND_PROJECT, id, "summary",
	     "年产十万片碳化硅功率器件芯片及配套封装测试产线建设年产十万片碳化硅功率器件芯片及配套"
	     "封装测试产线建设 and a long English sentence that wraps at its spaces");
	size_t pages = 0;
	char *t = zs_print(z, ZS_PRINT_PROJECT, id, 80, 66, &pages);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(pages, 1);
	assert_pages(t, 80, 66, pages);
	free(t);
	/* Narrow and short pages: more of them, each right. */
	t = zs_print(z, ZS_PRINT_PROJECT, id, 40, 20, &pages);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_gt(pages, 1);
	assert_pages(t, 40, 20, pages);
	free(t);
	t = zs_print(z, ZS_PRINT_PREREPORT, id, 80, 66, &pages);
	ck_assert_ptr_nonnull(t);
	assert_pages(t, 80, 66, pages);
	free(t);
	ck_assert_ptr_null(zs_print(z, ZS_PRINT_PROJECT, id, 10, 66, NULL));
	ck_assert_ptr_null(zs_print(z, ZS_PRINT_ISSUE, STORE_ID(1, 999), 80, 66, NULL));
	ck_assert_int_eq(zs_last_error(z)->status, ZS_NOTFOUND);
}
END_TEST

Suite *tools_suite(void)
{
	Suite *s = suite_create("tools");
	TCase *tc = tcase_create("tools");
	tcase_add_unchecked_fixture(tc, base_setup, base_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_inbox);
	tcase_add_test(tc, test_bulk);
	tcase_add_test(tc, test_saved_filters);
	tcase_add_test(tc, test_print);
	suite_add_tcase(s, tc);
	return s;
}
