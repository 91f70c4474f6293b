/*
 * schema.h - the kinds of record and their built-in fields.
 *
 * A field definition says how a field is typed in, checked, stored and
 * shown; forms (the files forms/NAME.form) arrange fields by these names, and a form may
 * add fields of its own, which are stored as text.  Names are the keys in
 * the stored CBOR map and never change once released.
 */
#ifndef ZSDESK_SCHEMA_H
#define ZSDESK_SCHEMA_H

#include <stdbool.h>

enum kind {
	KIND_DISTRICT,
	KIND_OFFICER,
	KIND_ENTERPRISE,
	KIND_PROJECT,
	KIND_ISSUE,
	KIND_EVENT,
	KIND_FOLLOWUP, /* a call, visit or meeting logged on a project or enterprise */
	KIND_TARGET,   /* an enterprise a district is chasing (目标企业清单) */
	KIND_CARRIER,  /* a park, plot or building on offer (空间资源载体) */
	KIND_POLICY,   /* a preferential policy (政策清单); a district's is filed (备案) */
	KIND_EXPERT,   /* an expert of the expert pool (专家库) */
	KIND_AGENCY,   /* an intermediary, agency or investment ambassador (中介、招商大使) */
	KIND_VISIT,    /* an enterprise a district plans to visit in a quarter (走访计划) */
	KIND_COUNT
};

enum ftype {
	FT_TEXT,       /* one line */
	FT_LONGTEXT,   /* several lines */
	FT_INT,        /* whole number */
	FT_DECIMAL,    /* number with two decimals, stored times 100 (亩) */
	FT_MONEY,      /* whole 元 or 美元 (see money.h); currency in "currency" */
	FT_MONEY_USD,  /* whole 美元 */
	FT_CURRENCY,   /* "CNY" or "USD" */
	FT_DATE,       /* YYYY-MM-DD */
	FT_CHOICE,     /* one code of a profile list or of fixed choices */
	FT_MULTI,      /* several codes, stored as a list */
	FT_LIST,       /* several free texts, stored as a list */
	FT_CREDITCODE, /* unified social credit code, normalised */
	FT_PHONE,      /* digits, spaces, +, -, and an extension */
	FT_BOOL,       /* yes / no */
	FT_REF,        /* id of a record of another kind */
	FT_TIME,       /* HH:MM, a time of day */
};

enum {
	FIELD_REQUIRED = 1, /* must have a value to save */
	FIELD_SYSTEM = 2,   /* kept by zsdesk, not typed in */
	FIELD_LISTED = 4,   /* a column of listings by default */
};

struct field_def {
	const char *name;
	enum ftype type;
	const char *label; /* English, translated through the catalogue */
	unsigned flags;
	int maxlen;          /* characters (text) */
	const char *choices; /* profile list name, or "a|b|c" fixed codes */
	enum kind ref;       /* FT_REF target */
	const char *help;    /* one line for the message bar */
};

struct kind_def {
	const char *name;  /* table name: "project" */
	const char *label; /* "Project" */
	const struct field_def *fields;
	int nfields;
};

/* The definition of a kind. */
const struct kind_def *schema_kind(enum kind k);

/* The built-in field called name, or NULL. */
const struct field_def *schema_field(enum kind k, const char *name);

/* The kind called name ("project", "enterprise", ...); -1 if none. */
int schema_kind_by_name(const char *name);

/* True for the kinds of the libraries beside the project library:
 * promotion events, target enterprises, carriers, policies, experts,
 * intermediaries and visit plans (library.c, tables.c). */
bool zs_is_library(enum kind k);

#endif
