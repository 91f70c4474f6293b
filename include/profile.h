/*
 * profile.h - a city's policy profile: every rule that differs between
 * cities, held as data (forms/profiles/<city>.profile).
 *
 * The file is a plain UTF-8 text of [sections] with "key = value" lines
 * and list entries whose parts are separated by "|"; "#" starts a
 * comment.  `zsdesk init` copies the chosen profile into the database,
 * so a laptop carries its city's rules with it.  The format is described
 * at the top of each shipped profile and in README.md.
 */
#ifndef ZSDESK_PROFILE_H
#define ZSDESK_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "datetime.h"

/* How credit for a transferred first-talk project is shared. */
enum credit_rule {
	CREDIT_REASSIGN, /* the city gives the project to the new district */
	CREDIT_EQUAL,    /* both districts count it in full */
	CREDIT_SPLIT,    /* shared by percentage */
};

/* An entry of a list: stored value (code), Chinese and English label. */
struct profile_item {
	char *code, *zh, *en;
	int days;      /* escalation levels: time limit in working days */
	char **parts;  /* districts: parks */
	int nparts;
	char *abbr;    /* districts: short code */
	char *parent, *group, *klass; /* districts: the district a zone belongs
				       * to, its group (片区) and class; city
				       * offices: the capital they handle in
				       * klass ("domestic", "foreign", "all") */
};

struct profile_list {
	struct profile_item *v;
	int n;
};

/* Which projects a rule covers ([pre_report] covers, [first_talk]
 * covers): by amount, landmark projects (标志性), the city's key-project
 * list (重点项目, 清单化), strategic projects the city recognised. */
enum { PRE_AMOUNT = 1, PRE_LANDMARK = 2, COVER_KEY = 4, COVER_STRATEGIC = 8 };

/* How long a first talk is exclusive ([first_talk] exclusive). */
enum period_unit { PERIOD_MONTHS, PERIOD_DAYS, PERIOD_WORKDAYS, PERIOD_DECIDED };

/* What a stage means to the rules, whatever the city calls it: code asks
 * the profile "which stage is signed", never spells a stage code.
 * [stage_roles] names them ("signed = qianyue"); a role left out is the
 * stage of the same code, and a profile where neither exists is refused. */
enum stage_role {
	STAGE_LEAD,        /* a lead (线索): where new projects start */
	STAGE_TALKS,       /* in talks (在谈): the first-talk register's stage */
	STAGE_SIGNED,      /* signed (签约): the pre-report's gate */
	STAGE_REGISTERED,  /* registered (注册落户) */
	STAGE_FUNDED,      /* funds in place (资金到位) */
	STAGE_STARTED,     /* construction started (开工) */
	STAGE_PRODUCTION,  /* in production (投产) */
	STAGE_EXITED,      /* exited (退出) */
	STAGE_TRANSFERRED, /* transferred to another district (流转) */
	STAGE_ROLES
};

/* What an escalation level means to the rules ([level_roles]; a role
 * left out is the level of the same code, or none). */
enum level_role {
	LEVEL_MEETING,     /* the leaders' meeting: decides, with an owner */
	LEVEL_SUPERVISION, /* supervision (督办) */
	LEVEL_ROLES
};

/* The rate (元 per 美元 times 10000) of a profile that names none. */
#define PROFILE_USD_RATE 70000

struct profile {
	char *code, *name_zh, *name_en;
	int64_t usd_rate;    /* 元 per 美元 times 10000, for ordering mixed amounts */
	/* First-talk register (首谈制). 0 = no threshold in that currency. */
	int64_t ft_threshold_cny, ft_threshold_usd;
	bool ft_strategic;   /* strategic projects qualify whatever their size */
	int ft_months;       /* exclusivity after registration (0: no first talk);
			      * the length in ft_unit, "months" by default */
	enum period_unit ft_unit;
	unsigned ft_covers;  /* PRE_AMOUNT, COVER_KEY, COVER_STRATEGIC */
	bool ft_transfer_decided; /* every transfer needs a decision (续谈 by the
				   * joint meeting, Chongqing) */
	bool ft_holiday_end; /* a period ending on a holiday ends the next working day */
	bool legality_review; /* agreements reviewed (合法性审查) before signing */
	enum credit_rule ft_credit;
	int ft_split_first;  /* percent kept by the first district (CREDIT_SPLIT) */
	bool ft_rewatch;     /* a project back in talks is watched again */
	int wait_limit_days; /* working days an issue may wait on the enterprise; 0: no limit */
	int event_clash_days; /* [events] clash_days: two districts' events this near clash */
	/* Dated exchange rates ([rates] "2026-01 = 7.10"): from each month on. */
#define PROFILE_RATES 240
	date_t rate_from[PROFILE_RATES];
	int64_t rate[PROFILE_RATES];
	int nrates;
	/* Signing pre-report (重大签约项目预报). */
	int64_t pre_threshold_cny, pre_threshold_usd;
	int pre_lead_days;
	unsigned pre_covers; /* PRE_AMOUNT and/or PRE_LANDMARK */
	/* Major project: needs a service manager. */
	int64_t major_threshold_cny, major_threshold_usd;
	struct profile_list stages, industries, channels, enterprise_types, roles, escalation,
		districts, issue_categories, city_offices;
	/* [target_classes]: classes of projects a district has a yearly target
	 * of, by number (Jiaxing: 世界500强 projects, over 1亿美元, ...); each
	 * item's klass holds its rule, "type = 世界500强" or "min = 1亿美元". */
	struct profile_list target_classes;
	/* [reports] clearing_months: months past the planned start after
	 * which a signed project not started is on the clearing list. */
	int clearing_months;
	const char *stage_role[STAGE_ROLES]; /* stage codes by role */
	const char *level_role[LEVEL_ROLES]; /* escalation codes by role, or NULL */
	char *role_text[STAGE_ROLES + LEVEL_ROLES]; /* [stage_roles], [level_roles] as written */
	char *text; /* the source text, as stored in the database */
};

/* Parses profile text; returns 0, or -1 with "line N: what" in err. */
int profile_parse(const char *text, struct profile *p, char *err, size_t errlen);

/* Frees what p owns. */
void profile_free(struct profile *p);

/* Reads a profile file by name ("beijing") from the data directory or by
 * path; newly allocated text, or NULL with a message in err. */
char *profile_load_file(const char *name_or_path, char *err, size_t errlen);

/* Directory of run-time data: $ZSDESK_DATADIR or the installed one. */
const char *profile_datadir(void);

/* The item whose code, Chinese or English label is s (case-insensitive for
 * English), or NULL. */
const struct profile_item *profile_find(const struct profile_list *l, const char *s);

/* 元 per 美元 (times 10000) on day d: the [rates] entry of its month or
 * the latest before, else usd_rate - for amounts of that date. */
int64_t profile_rate(const struct profile *p, date_t d);

/* The code of the stage that plays role r. */
const char *profile_stage(const struct profile *p, enum stage_role r);

/* True when stage code is the stage that plays role r. */
bool profile_stage_is(const struct profile *p, const char *code, enum stage_role r);

/* True when escalation level code plays role r. */
bool profile_level_is(const struct profile *p, const char *code, enum level_role r);

/* The label of an item in the language in use. */
const char *profile_label(const struct profile_item *it);

#endif
