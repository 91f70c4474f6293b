/*
 * screens.c - the table of screens: every place the desk can go, once.
 *
 * The jump box, the F10 menu, the home screen's menu and navigation by
 * name (app_open_by_name, the home screen's counts) all read this table,
 * so a new screen is a new row and nothing else.  A row carries its
 * transaction code - the pinyin initials officers already type in other
 * systems - its Chinese and English titles, and the screen def and
 * argument to open; the few rows that are not a screen to push (home,
 * help, quit) say how they open instead.  Rows without a code are reached
 * by name only (the home screen's counts open them).
 */
#include <config.h>

#include <string.h>

#include "i18n.h"
#include "ui.h"

/* The forms the table opens, empty and new. */
static const struct form_arg intake_form = {"intake", 0, NULL, NULL, NULL};
static const struct form_arg issue_form = {"issue", 0, NULL, NULL, NULL};
static const struct form_arg followup_form = {"followup", 0, NULL, NULL, NULL};
static const struct form_arg target_form = {"target", 0, NULL, NULL, NULL};
static const struct form_arg event_form = {"event", 0, NULL, NULL, NULL};
static const struct form_arg carrier_form = {"carrier", 0, NULL, NULL, NULL};
static const struct form_arg policy_form = {"policy", 0, NULL, NULL, NULL};
static const struct form_arg expert_form = {"expert", 0, NULL, NULL, NULL};
static const struct form_arg agency_form = {"agency", 0, NULL, NULL, NULL};
static const struct form_arg visit_form = {"visit", 0, NULL, NULL, NULL};

const struct screen_entry ui_screens[] = {
	{"home", "SY", "首页", N_("Home"), SCREEN_HOME, NULL, NULL},
	{"library", "XMK", "项目库", N_("Project library"), SCREEN_PUSH, &scr_library, NULL},
	{"intake", "XMLR", "项目录入", N_("Project intake"), SCREEN_PUSH, &scr_form, &intake_form},
	{"mine", "WDXM", "我的项目", N_("My projects"), SCREEN_PUSH, &scr_library, "mine"},
	{"inbox", "WDDB", "我的待办", N_("My inbox"), SCREEN_PUSH, &scr_inbox, NULL},
	{"register", "SDDJ", "首谈登记", N_("First-talk register"), SCREEN_PUSH, &scr_register, NULL},
	{"issues", "QYSQ", "企业诉求", N_("Enterprise issues"), SCREEN_PUSH, &scr_issues, NULL},
	{"newissue", "SQLR", "诉求录入", N_("New enterprise issue"), SCREEN_PUSH, &scr_form,
	 &issue_form},
	{"decisions", "SJDJ", "市级待决事项", N_("City decisions"), SCREEN_PUSH, &scr_decisions,
	 NULL},
	{"reports", "BB", "报表", N_("Reports"), SCREEN_PUSH, &scr_reports, NULL},
	/* Copies that work apart: the sync screen (TB, 同步) and the
	 * conflict queue (CTCL, 冲突处理; on the home screen as a count). */
	{"sync", "TB", "同步", N_("Sync"), SCREEN_PUSH, &scr_sync, NULL},
	{"conflicts", "CTCL", "冲突处理", N_("Conflicts"), SCREEN_PUSH, &scr_conflicts, NULL},
	{"help", "BZ", "帮助", N_("Help"), SCREEN_HELP, NULL, NULL},
	{"libraries", "ZYK", "资源库", N_("Libraries"), SCREEN_PUSH, &scr_libmenu, "libs"},
	{"quit", "TC", "退出", N_("Quit"), SCREEN_QUIT, NULL, NULL},
	{"unmanaged", NULL, "未配备服务管家的重大项目", N_("Major projects without a service manager"),
	 SCREEN_PUSH, &scr_library, "unmanaged"},
	{"myissues", NULL, "我受理的企业诉求", N_("Issues I took"), SCREEN_PUSH, &scr_issues, "mine"},
	{"waiting", NULL, "待我处理的企业诉求", N_("Enterprise issues waiting on me"), SCREEN_PUSH,
	 &scr_issues, "waiting"},
	{"overdue", NULL, "待我处理且已超期的企业诉求", N_("Overdue issues waiting on me"),
	 SCREEN_PUSH, &scr_issues, "overdue"},
	{"ft-ending", NULL, "14 天内首谈期届满", N_("First-talk periods ending within 14 days"),
	 SCREEN_PUSH, &scr_register, "ending"},
	{"ft-lapsed", NULL, "首谈期已届满，待流转", N_("First-talk periods over: due for transfer"),
	 SCREEN_PUSH, &scr_register, "lapsed"},
	/* Reached from the project and enterprise pages, and by name in the
	 * jump box (the home menu has no room left at 80x24). */
	{"newfollowup", NULL, "跟进录入", N_("New follow-up"), SCREEN_PUSH, &scr_form,
	 &followup_form},
	{"followups", NULL, "跟进记录", N_("Follow-ups"), SCREEN_PUSH, &scr_followups, NULL},
	{"enterprise", NULL, "企业详情", N_("Enterprise page"), SCREEN_PUSH, &scr_enterprise, NULL},
	{"issue", NULL, "诉求详情", N_("Issue page"), SCREEN_PUSH, &scr_issue, NULL},
	/* The libraries beside the project library, by name in the jump box
	 * (the home menu has no room left at 80x24). */
	{"targets", NULL, "目标企业清单", N_("Target enterprises"), SCREEN_PUSH, &scr_libs, "target"},
	{"newtarget", NULL, "目标企业录入", N_("New target enterprise"), SCREEN_PUSH, &scr_form,
	 &target_form},
	{"events", NULL, "推介活动库", N_("Promotion events"), SCREEN_PUSH, &scr_libs, "event"},
	{"newevent", NULL, "推介活动录入", N_("New promotion event"), SCREEN_PUSH, &scr_form,
	 &event_form},
	{"carriers", NULL, "空间资源载体", N_("Space and land carriers"), SCREEN_PUSH, &scr_libs,
	 "carrier"},
	{"newcarrier", NULL, "载体录入", N_("New space or land carrier"), SCREEN_PUSH, &scr_form,
	 &carrier_form},
	{"policies", NULL, "政策清单", N_("Policies"), SCREEN_PUSH, &scr_policies, "policy"},
	{"newpolicy", NULL, "政策录入", N_("New policy"), SCREEN_PUSH, &scr_form, &policy_form},
	{"experts", NULL, "专家库", N_("Expert pool"), SCREEN_PUSH, &scr_libs, "expert"},
	{"newexpert", NULL, "专家录入", N_("New expert"), SCREEN_PUSH, &scr_form, &expert_form},
	{"agencies", NULL, "中介与招商大使", N_("Intermediaries and ambassadors"), SCREEN_PUSH,
	 &scr_libs, "agency"},
	{"newagency", NULL, "中介录入", N_("New intermediary or ambassador"), SCREEN_PUSH, &scr_form,
	 &agency_form},
	{"visits", NULL, "走访计划", N_("Visit plans"), SCREEN_PUSH, &scr_libs, "visit"},
	{"newvisit", NULL, "走访计划录入", N_("New visit plan entry"), SCREEN_PUSH, &scr_form,
	 &visit_form},
};

const int ui_nscreens = (int)(sizeof ui_screens / sizeof *ui_screens);

/* The row called name, or NULL. */
const struct screen_entry *ui_screen_find(const char *name)
{
	for (int i = 0; i < ui_nscreens; i++)
		if (!strcmp(ui_screens[i].name, name))
			return &ui_screens[i];
	return NULL;
}

/* The title of a row in the desk's language. */
const char *ui_screen_title(const struct screen_entry *e)
{
	return i18n_pick(e->zh, _(e->en));
}
