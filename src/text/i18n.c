/*
 * i18n.c - choosing the language of every message.
 *
 * glibc's gettext looks at LANGUAGE only when LC_MESSAGES is not exactly
 * the "C" (or "POSIX") locale.  To show Chinese where no zh_CN locale is
 * installed, LC_MESSAGES is set to C.UTF-8 (or any other installed one)
 * and LANGUAGE names the catalogue; messages come out in UTF-8 whatever
 * the locale, and the cache of translations is flushed by re-binding the
 * text domain.
 */
#include <config.h>

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "priv.h"

static char current[4] = "en";

/* Directory of the catalogues: $ZSDESK_LOCALEDIR (not in a set-id
 * process), the installed one, or the build tree's when run uninstalled. */
static const char *catalogue_dir(void)
{
	const char *d = priv_getenv("ZSDESK_LOCALEDIR");
	if (d && *d)
		return d;
	struct stat sb;
	if (stat(LOCALEDIR "/zh_CN/LC_MESSAGES/" PACKAGE ".mo", &sb) != 0 &&
	    stat(BUILDDIR "/locale/mo", &sb) == 0)
		return BUILDDIR "/locale/mo";
	return LOCALEDIR;
}

/* True when the locale names Chinese. */
static bool locale_is_zh(const char *l)
{
	return l && strncmp(l, "zh", 2) == 0;
}

/* Makes LC_MESSAGES something other than "C" so LANGUAGE is honoured. */
static void messages_not_c(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);
	if (m && strcmp(m, "C") != 0 && strcmp(m, "POSIX") != 0)
		return;
	static const char *const tries[] = {"C.UTF-8", "C.utf8", "zh_CN.UTF-8", "en_US.UTF-8",
					    "zh_CN.GB18030"};
	for (size_t i = 0; i < sizeof tries / sizeof *tries; i++)
		if (setlocale(LC_MESSAGES, tries[i]))
			return;
}

int i18n_set(const char *lang)
{
	if (!lang || (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0 &&
		      strcmp(lang, "zh_CN") != 0))
		return -1;
	bool zh = lang[0] == 'z';
	strcpy(current, zh ? "zh" : "en");
	if (zh) {
		messages_not_c();
		setenv("LANGUAGE", "zh_CN", 1);
	} else {
		setenv("LANGUAGE", "en", 1);
	}
	/* Re-binding flushes gettext's cache of looked-up messages. */
	bindtextdomain(PACKAGE, catalogue_dir());
	textdomain(PACKAGE);
	return 0;
}

int i18n_init(const char *lang)
{
	bindtextdomain(PACKAGE, catalogue_dir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (!lang || !*lang)
		lang = getenv("ZSDESK_LANG");
	if (lang && *lang)
		return i18n_set(lang);
	const char *l = getenv("LANGUAGE");
	if (!l || !*l)
		l = setlocale(LC_MESSAGES, NULL);
	return i18n_set(locale_is_zh(l) ? "zh" : "en");
}

const char *i18n_lang(void)
{
	return current;
}

const char *i18n_pick(const char *zh, const char *en)
{
	return current[0] == 'z' ? zh : en;
}
