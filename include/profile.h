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
};

struct profile_list {
	struct profile_item *v;
	int n;
};

struct profile {
	char *code, *name_zh, *name_en;
	int64_t usd_rate;    /* 元 per 美元 times 10000, for ordering mixed amounts */
	/* First-talk register (首谈制). 0 = no threshold in that currency. */
	int64_t ft_threshold_cny, ft_threshold_usd;
	bool ft_strategic;   /* strategic projects qualify whatever their size */
	int ft_months;       /* exclusivity after registration */
	enum credit_rule ft_credit;
	int ft_split_first;  /* percent kept by the first district (CREDIT_SPLIT) */
	/* Signing pre-report (重大签约项目预报). */
	int64_t pre_threshold_cny, pre_threshold_usd;
	int pre_lead_days;
	/* Major project: needs a service manager. */
	int64_t major_threshold_cny, major_threshold_usd;
	struct profile_list stages, industries, channels, enterprise_types, roles, escalation,
		districts, issue_categories;
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

/* The label of an item in the language in use. */
const char *profile_label(const struct profile_item *it);

#endif
