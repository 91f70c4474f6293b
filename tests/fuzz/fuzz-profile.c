/*
 * fuzz-profile.c - libFuzzer target for city policy profiles (profile.h).
 *
 * The input, NUL-terminated, is parsed as a profile; one that parses is
 * read through (every list item, lookups by code and label) and freed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

#define FAIL(...)                                                                                 \
	do {                                                                                      \
		fprintf(stderr, "fuzz-profile: " __VA_ARGS__);                                    \
		fputc('\n', stderr);                                                              \
		abort();                                                                          \
	} while (0)

/* Reads every string of a list and looks each item up again. */
static size_t walk(const struct profile_list *l)
{
	size_t h = 0;
	for (int i = 0; i < l->n; i++) {
		const struct profile_item *it = &l->v[i];
		if (!it->code || !it->zh || !it->en)
			FAIL("list item %d lacks code or labels", i);
		h += strlen(it->code) + strlen(it->zh) + strlen(it->en) + strlen(profile_label(it));
		if (it->abbr)
			h += strlen(it->abbr);
		for (int j = 0; j < it->nparts; j++)
			h += strlen(it->parts[j]);
		if (!profile_find(l, it->code) || !profile_find(l, it->zh) || !profile_find(l, it->en))
			FAIL("list item %d (%s) is not found by its own code or labels", i, it->code);
	}
	profile_find(l, "");
	profile_find(l, "nothing such");
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct profile p;
	char err[256];
	err[0] = '\0';
	if (profile_parse(text, &p, err, sizeof err) == 0) {
		if (!p.code || !p.name_zh || !p.name_en || !p.text || strcmp(p.text, text))
			FAIL("a parsed profile lacks its code, name or text");
		if (p.ft_threshold_cny < 0 || p.ft_threshold_usd < 0 || p.pre_threshold_cny < 0 ||
		    p.major_threshold_cny < 0 || p.usd_rate <= 0)
			FAIL("negative threshold or rate");
		size_t h = walk(&p.stages) + walk(&p.industries) + walk(&p.channels) +
			   walk(&p.enterprise_types) + walk(&p.roles) + walk(&p.escalation) +
			   walk(&p.districts) + walk(&p.issue_categories);
		(void)h;
		profile_free(&p);
	} else {
		if (!memchr(err, '\0', sizeof err) || !err[0])
			FAIL("a refused profile has no reason");
	}
	free(text);
	return 0;
}
