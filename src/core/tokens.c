/*
 * tokens.c - the search tokens of a name: character pairs and pinyin-initial pairs.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "utf8.h"

#define MAX_CHARS 96
#include "pinyin.h"
#include "normalize.h"

/* Decodes the folded name into code points; returns how many. */
static int name_chars(const char *name, uint32_t *cps, int max)
{
	char folded[512];
	size_t n = normalize_search(name, folded, sizeof folded);
	int k = 0;
	for (size_t i = 0; i < n && k < max;)
		i += utf8_decode(folded + i, n - i, &cps[k++]);
	return k;
}

/* Distinct first letters of a character's readings (or itself). */
static int initials_of(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	const char *r[PINYIN_MAX_READINGS];
	int n = pinyin_readings(c, r, PINYIN_MAX_READINGS), k = 0;
	for (int i = 0; i < n; i++)
		if (!memchr(out, r[i][0], (size_t)k))
			out[k++] = r[i][0];
	return k;
}

void search_tokens(const char *name, int ix, store_emit_fn emit, void *ctx)
{
	uint32_t cps[MAX_CHARS];
	int n = name_chars(name, cps, MAX_CHARS);
	char tok[16];
	char ini[2][PINYIN_MAX_READINGS];
	int nini[2] = {0, 0};
	if (n > 0)
		nini[0] = initials_of(cps[0], ini[0]);
	for (int i = 0; i + 1 < n; i++) {
		tok[0] = 'h';
		size_t k = 1 + utf8_encode(cps[i], tok + 1);
		k += utf8_encode(cps[i + 1], tok + k);
		emit(ctx, ix, tok, k);
		int cur = i & 1, next = cur ^ 1;
		nini[next] = initials_of(cps[i + 1], ini[next]);
		for (int a = 0; a < nini[cur]; a++)
			for (int b = 0; b < nini[next]; b++) {
				tok[0] = 'i';
				tok[1] = ini[cur][a];
				tok[2] = ini[next][b];
				emit(ctx, ix, tok, 3);
			}
	}
}
