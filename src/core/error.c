/*
 * error.c - failures as records.
 *
 * Every refusal of core is a status, a message in the officer's language,
 * the field at fault and what can be done about it, so a front end can put
 * the cursor on the field and word the remedy its own way, and no caller
 * ever reads a message back to learn what happened.  It sits under every
 * other file of core, which all report through it.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Fills z's failure from a format. */
static int fail_v(struct zs *z, int status, enum zs_hint hint, const char *fmt, va_list ap)
{
	char msg[sizeof z->err.msg];
	vsnprintf(msg, sizeof msg, fmt, ap); /* fmt may name z->err.msg itself */
	z->err.status = status;
	z->err.field[0] = '\0';
	z->err.index = -1;
	z->err.hint = hint;
	memcpy(z->err.msg, msg, sizeof msg);
	return status;
}

int zs_fail(struct zs *z, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(z, status, ZS_HINT_NONE, fmt, ap);
	va_end(ap);
	return status;
}

int zs_fail_hint(struct zs *z, int status, enum zs_hint hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(z, status, hint, fmt, ap);
	va_end(ap);
	return status;
}

int zs_fail_field(struct zs *z, const char *field)
{
	snprintf(z->err.field, sizeof z->err.field, "%s", field);
	return z->err.status;
}

void zs_fail_clear(struct zs *z)
{
	memset(&z->err, 0, sizeof z->err);
	z->err.index = -1;
}

const char *zs_error(const struct zs *z)
{
	return z->err.msg;
}

const struct zs_err *zs_last_error(const struct zs *z)
{
	return &z->err;
}
