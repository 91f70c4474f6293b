/*
 * cmd-mapsize.c - zsdesk mapsize: how large the database may grow.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

uint64_t cli_parse_size(const char *s);

/* Runs zsdesk mapsize SIZE. */
static int run(struct args *a)
{
	int rc = args_parse(a, a->argc, a->argv, "");
	if (rc)
		return rc;
	if (cli_wants_help(a, "mapsize"))
		return EXIT_OK;
	if ((rc = args_done(a, "mapsize")))
		return rc;
	uint64_t bytes = a->npos == 1 ? cli_parse_size(a->pos[0]) : 0;
	if (a->npos != 1 || bytes < (1ULL << 20))
		return cli_error(EXIT_USAGE, "%s", _("mapsize takes one size, like 64G or 512M"));
	struct zs *z = cli_open(false);
	if (!z)
		return EXIT_FAIL;
	if (zs_set_map_size(z, bytes) != ZS_OK)
		rc = cli_error(EXIT_FAIL, "%s", zs_error(z));
	else
		charset_printf(stdout, _("the database may now grow to %llu MiB\n"),
			       (unsigned long long)(bytes >> 20));
	zs_close(z);
	return rc;
}

const struct command cmd_mapsize = {
	"mapsize",
	"mapsize SIZE",
	N_("Set how large the database may grow (e.g. 64G); administrators only"),
	run,
};
