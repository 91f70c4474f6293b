/*
 * creditcode.h - the unified social credit code (统一社会信用代码) of
 * GB 32100-2015 and the older identifiers it replaced.
 *
 * A wrong check digit is reported, never enforced: officers meet old and
 * mistyped codes every day, and the decision to keep one is theirs.
 */
#ifndef ZSDESK_CREDITCODE_H
#define ZSDESK_CREDITCODE_H

#include <stdbool.h>

enum creditcode_status {
	CREDITCODE_OK,          /* 18 characters, check digit right */
	CREDITCODE_BAD_CHECK,   /* check digit wrong (18 characters, or old org code) */
	CREDITCODE_BAD_LENGTH,  /* not 18 characters nor an old form */
	CREDITCODE_BAD_CHAR,    /* a character outside 0-9A-HJ-NPQRTUWXY */
	CREDITCODE_OLD_REGNO,   /* 15-digit business registration number */
	CREDITCODE_OLD_ORGCODE, /* 9-character organisation code (GB 11714) */
};

/* Maximum length of a normalised code including the NUL. */
#define CREDITCODE_MAX 20

/* Normalises code into out (upper case, ASCII, spaces and hyphens removed,
 * full-width letters and digits folded to ASCII) and classifies it.  When the
 * check digit is wrong, the expected one is stored in *expected (if not
 * NULL).  out must hold CREDITCODE_MAX bytes; an over-long input yields
 * CREDITCODE_BAD_LENGTH with out truncated. */
enum creditcode_status creditcode_check(const char *code, char out[CREDITCODE_MAX],
					char *expected);

/* Check character for the first 17 characters of a code, or 0 when one of
 * them is outside the code's character set. */
char creditcode_check_digit(const char *first17);

/* True when status is a hard error (wrong length or characters); a wrong
 * check digit and the old forms are warnings. */
bool creditcode_is_error(enum creditcode_status status);

#endif
