/*
 * fuzz-form.c - libFuzzer target for form files (forms.h).
 *
 * The input, NUL-terminated, is parsed as a form; a form that parses is
 * then read the way the desk reads it (titles, each field's definition,
 * label and help, the steps' ranges) before form_free; no field may take a
 * name the record codec keeps for itself.  A refused form must give a
 * one-line reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(stderr, "fuzz-form: " __VA_ARGS__);                                       \
		fputc('\n', stderr);                                                              \
		abort();                                                                          \
	} while (0)

/* Length of s, reading every byte (NULL counts as empty). */
static size_t len0(const char *s)
{
	return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct form f;
	char err[256];
	err[0] = '\0';
	if (form_parse(text, &f, err, sizeof err) == 0) {
		size_t h = len0(f.name) + len0(f.code) + len0(form_title(&f));
		if (!f.title_zh || !f.title_en || !f.name || f.ns < 1)
			FAIL("a parsed form lacks its name, titles or steps");
		for (int i = 0; i < f.ns; i++) {
			const struct form_step *st = &f.s[i];
			h += len0(form_step_title(st)) + len0(st->title_zh) + len0(st->title_en);
			if (st->first < 0 || st->n < 0 || st->first + st->n > f.nf)
				FAIL("step %d holds fields [%d, %d) of %d", i, st->first,
				     st->first + st->n, f.nf);
		}
		for (int i = 0; i < f.nf; i++) {
			const struct form_field *ff = &f.f[i];
			if (!ff->def || !ff->name || !ff->field)
				FAIL("field %d has no definition or name", i);
			/* What the form screen reads of each field (scr-form.c). */
			h += (size_t)ff->def->type + (size_t)ff->def->maxlen + ff->def->flags;
			h += len0(ff->def->name) + len0(ff->def->choices) + len0(ff->def->label);
			h += len0(form_field_label(ff)) + len0(form_field_help(ff));
			h += len0(ff->label_zh) + len0(ff->label_en) + len0(ff->help_zh) +
			     len0(ff->help_en);
			if (ff->width < 2 || ff->width > 200)
				FAIL("field %d has width %d", i, ff->width);
			/* Keys beginning with "_" are the codec's bookkeeping ("_v",
			 * "_c", "_f", "_m": codec.h); a field so named would be read
			 * back as one of them. */
			if (ff->field[0] == '_')
				FAIL("field %d is called \"%s\", a name kept for bookkeeping", i,
				     ff->field);
			if ((unsigned)ff->kind >= KIND_COUNT)
				FAIL("field %d has kind %d", i, (int)ff->kind);
		}
		(void)h;
		form_free(&f);
	} else {
		if (!memchr(err, '\0', sizeof err) || !err[0])
			FAIL("a refused form has no reason");
	}
	free(text);
	return 0;
}
