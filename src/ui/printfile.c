/*
 * printfile.c - the desk's print key: a sheet written to a file.
 *
 * Core lays the sheet out (zs_print); the desk asks for the file's name
 * (a name in the current directory is offered), asks before writing over
 * a file, and writes in the desk's character set (--charset GB18030
 * writes GB18030).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "i18n.h"
#include "ui.h"

/* Writes bytes to path (replacing it when it exists); 0, or an errno. */
static int write_all(const char *path, const char *bytes)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	size_t len = strlen(bytes), done = 0;
	while (done < len) {
		ssize_t w = write(fd, bytes + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int err = done < len ? (errno ? errno : EIO) : 0;
	if (close(fd) < 0 && !err)
		err = errno;
	return err;
}

void desk_print(struct app *a, enum zs_print_what what, uint64_t id, const char *name)
{
	struct zs *z = app_zs(a);
	size_t pages = 0;
	char *text = zs_print(z, what, id, ZS_PRINT_WIDTH, ZS_PRINT_LINES, &pages);
	if (!text) {
		app_fail(a, z);
		return;
	}
	char path[1024];
	snprintf(path, sizeof path, "%s", name);
	if (!app_prompt(a, _("Write the pages to the file:"), path, sizeof path) || !*path) {
		free(text);
		return;
	}
	struct stat st;
	if (stat(path, &st) == 0) {
		char q[1200];
		snprintf(q, sizeof q, _("%s exists. Write over it?"), path);
		if (!app_confirm(a, q)) {
			free(text);
			return;
		}
	}
	char *bytes = charset_from_utf8(text);
	int err = write_all(path, bytes);
	free(bytes);
	free(text);
	if (err)
		app_message(a, true, _("Cannot write %s: %s"), path, strerror(err));
	else
		app_message(a, false, _("%zu pages written to %s (%s)."), pages, path, charset_name());
}
