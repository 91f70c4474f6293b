/*
 * xalloc.h - the one allocation policy: allocate or report and exit.
 *
 * zsdesk cannot go on sensibly without memory, so every allocation goes
 * through these; none returns NULL.  On failure they print one line and
 * exit with status 1 through exit(), so the desk's exit handler restores
 * the terminal and no half-written transaction is committed.
 */
#ifndef ZSDESK_XALLOC_H
#define ZSDESK_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* malloc(n), never NULL (n = 0 gives a valid pointer). */
void *xmalloc(size_t n);

/* calloc(n, size), never NULL; refuses a product that overflows. */
void *xcalloc(size_t n, size_t size);

/* realloc(p, n), never NULL. */
void *xrealloc(void *p, size_t n);

/* realloc(p, n * size), refusing a product that overflows. */
void *xreallocarray(void *p, size_t n, size_t size);

/* strdup(s), never NULL. */
char *xstrdup(const char *s);

/* A new NUL-terminated copy of the n bytes at s. */
char *xmemdup(const void *s, size_t n);

/* A newly allocated formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As xasprintf with a va_list. */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Reports exhausted memory and exits (for libraries that return NULL). */
void xalloc_die(void) __attribute__((noreturn));

#endif
