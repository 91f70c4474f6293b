/*
 * cmd-mapsize.c - zsdesk mapsize: how large the database may grow.
 *
 * LMDB maps the whole file at a fixed size chosen at init; this raises it
 * without a dump and reload.  Core refuses a size this machine cannot map
 * (a database opened with such a size falls back to its file's size), so
 * a mistaken size can always be put right with another mapsize.
 */
#include <config.h>

#include "charset.h"
#include "i18n.h"
#include "records.h"

/* Sets the largest size the database may grow to. */
static int mapsize_run(struct zs *z, struct args *a)
{
	int rc = EXIT_OK;
	uint64_t bytes = a->npos == 1 ? cli_parse_size(a->pos[0]) : 0;
	if (a->npos != 1 || bytes < (1ULL << 20))
		return cli_error(EXIT_USAGE, "%s", _("mapsize takes one size, like 64G or 512M"));
	if (zs_set_map_size(z, bytes) != ZS_OK)
		rc = cli_fail(z);
	else
		charset_printf(stdout, _("the database may now grow to %llu MiB\n"),
			       (unsigned long long)(bytes >> 20));
	return rc;
}

const struct command cmd_mapsize = {
	.name = "mapsize",
	.summary = N_("Set how large the database may grow (e.g. 64G); administrators only"),
	.flags = CMD_DATABASE,
	.usage = "SIZE",
	.run = mapsize_run,
};
