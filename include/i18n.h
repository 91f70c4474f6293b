/*
 * i18n.h - the user's language: message catalogues through gettext.
 *
 * English is the source text; locale/zh_CN.po holds the Chinese.  The
 * language follows the locale unless --lang (or ZSDESK_LANG) names one,
 * and can be switched while running, even where no zh_CN locale is
 * installed: the catalogue is chosen by LANGUAGE on top of any UTF-8 or
 * GB18030 LC_CTYPE.
 */
#ifndef ZSDESK_I18N_H
#define ZSDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the catalogue and picks the language: "zh", "en", or NULL to follow
 * $ZSDESK_LANG, then the locale.  Returns 0, or -1 for an unknown name. */
int i18n_init(const char *lang);

/* Switches the language of every later message: "zh" or "en". */
int i18n_set(const char *lang);

/* The language in use: "zh" or "en". */
const char *i18n_lang(void);

/* One of two texts by the language in use (for data with both names). */
const char *i18n_pick(const char *zh, const char *en);

#endif
