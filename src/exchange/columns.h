/*
 * columns.h - how the import finds its columns: the headers zsdesk knows
 * for each kind of record, in both languages, with the aliases of
 * forms/columns.map, and the clean-up of a cell before it is read.
 * Private to src/exchange.
 */
#ifndef ZSDESK_EXCHANGE_COLUMNS_H
#define ZSDESK_EXCHANGE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

enum tpart {
	TP_IGNORE, /* a column zsdesk writes but does not take back (stage date) */
	TP_ID,     /* the record's number */
	TP_TEXT,   /* the field as typed (a choice's name, a reference's name) */
	TP_CODE,   /* a choice's code or a reference's code: wins over TP_TEXT */
	TP_MONEY,  /* an amount; the header's unit applies to bare numbers */
};

struct target {
	enum kind k;       /* the import's kind, or the enterprise of a project */
	const char *field; /* NULL for TP_ID and TP_IGNORE */
	enum tpart part;
	char unit[16];     /* 万, 亿, 万美元... from the header or the column */
};

struct cand {
	char *name; /* normalised header */
	struct target t;
};

struct cands {
	struct cand *v;
	size_t n;
};

/* Fills c with every header the import of kind k knows, in both
 * languages, its city's aliases included. */
void xcols_build(struct zs *z, enum kind k, struct cands *c);

/* The target of header in c, NULL when unknown; unit receives a unit
 * named in the header ("总投资（亿元）"). */
const struct target *xcols_find(const struct cands *c, const char *header, char *unit, size_t un);

/* Frees what xcols_build filled in. */
void xcols_free(struct cands *c);

/* A cell as read: trimmed, without the quote an export puts before a
 * formula-like text; newly allocated. */
char *xcell_text(const char *s);

/* A bare number with its column's unit appended ("1200" under 万元 is
 * "1200万"); newly allocated. */
char *xcell_with_unit(const char *v, const char *unit);

#endif
