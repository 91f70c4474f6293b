/*
 * pinyin.c - Mandarin readings of CJK characters, and pinyin search.
 *
 * The readings come from the generated pinyin-table.c (see gen-pinyin.py
 * for its layout).  Looking up a code point is O(1): pinyin_top[cp >> 6]
 * names the 64-code-point page, the page's bitmap says whether cp has a
 * reading, and the number of set bits below cp, added to the page's base,
 * indexes pinyin_val.  A value is either one syllable index or (bit 0x8000)
 * the offset of a list of syllable indices in pinyin_lists, most common
 * reading first.  Syllables are NUL-terminated strings in the sorted text
 * pinyin_syl_text, so readings are handed out as static strings and
 * pinyin_is_syllable is a binary search.
 *
 * Each character of a name is one of four kinds: a character with
 * readings; a literal (ASCII or full-width letter or digit, lower-cased);
 * punctuation or a space (ASCII, Latin-1, general and CJK punctuation,
 * full-width and small forms), which is skipped; anything else (kana, an
 * ideograph without a reading, an invalid byte), which breaks every run.
 *
 * pinyin_match walks the name once, without allocating, keeping as a
 * bitset the query positions reached by runs that end at the current
 * character; position 0 is always in the set, so a run may start anywhere.
 * A character with readings moves position p to p + 1 (first letter) and to
 * p + len for each whole reading that follows in the query; the match
 * succeeds as soon as the query ends, possibly inside a reading.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pinyin.h"
#include "utf8.h"

/* The generated tables of pinyin-table.c. */
extern const char pinyin_syl_text[];
extern const uint16_t pinyin_syl_off[];
extern const size_t pinyin_syl_count;
extern const uint16_t pinyin_top[];
extern const size_t pinyin_top_count;
extern const uint64_t pinyin_page_bits[];
extern const uint16_t pinyin_page_base[];
extern const uint16_t pinyin_val[];
extern const uint16_t pinyin_lists[];

/* Longest syllable in the table ("zhuang"), as gen-pinyin.py enforces. */
#define PINYIN_SYL_MAX 6

/* Longest query (in letters and digits) that pinyin_match accepts. */
#define PINYIN_QUERY_MAX 512

#define PINYIN_WORDS (PINYIN_QUERY_MAX / 64)
#define PINYIN_LIST_BIT 0x8000u

/* Stores the table value of cp in *val and returns true when cp has readings. */
static bool pinyin_lookup(uint32_t cp, uint16_t *val)
{
	uint32_t page = cp >> 6;
	if (page >= pinyin_top_count || pinyin_top[page] == 0)
		return false;
	uint32_t p = pinyin_top[page] - 1u;
	uint64_t bits = pinyin_page_bits[p];
	unsigned bit = cp & 63u;
	if (!((bits >> bit) & 1u))
		return false;
	uint64_t below = bits & ((UINT64_C(1) << bit) - 1u);
	*val = pinyin_val[pinyin_page_base[p] + (unsigned)__builtin_popcountll(below)];
	return true;
}

/* Stores the syllable indices of cp (most common first) in syl and returns
 * their number, 0 when cp has no reading. */
static int pinyin_syllables(uint32_t cp, uint16_t syl[PINYIN_MAX_READINGS])
{
	uint16_t val;
	if (!pinyin_lookup(cp, &val))
		return 0;
	if (!(val & PINYIN_LIST_BIT)) {
		syl[0] = val;
		return 1;
	}
	const uint16_t *l = pinyin_lists + (val & ~PINYIN_LIST_BIT);
	int n = 0;
	for (;;) {
		syl[n++] = *l & ~PINYIN_LIST_BIT;
		if ((*l & PINYIN_LIST_BIT) || n == PINYIN_MAX_READINGS)
			return n;
		l++;
	}
}

/* Returns the text of syllable number i. */
static const char *pinyin_syl(uint16_t i)
{
	return pinyin_syl_text + pinyin_syl_off[i];
}

/* Returns the lower-case ASCII letter or digit that cp stands for (ASCII or
 * full-width), or 0. */
static char pinyin_literal(uint32_t cp)
{
	if (cp >= 0xff10 && cp <= 0xff5a)
		cp -= 0xff10 - 0x30;
	if (cp >= '0' && cp <= '9')
		return (char)cp;
	if (cp >= 'a' && cp <= 'z')
		return (char)cp;
	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp - 'A' + 'a');
	return 0;
}

/* True when cp is a space or punctuation that names may contain between
 * the characters that count (e.g. （）、·,- and full-width forms). */
static bool pinyin_is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return pinyin_literal(cp) == 0;
	return (cp >= 0x00a0 && cp <= 0x00bf) || cp == 0x00d7 || cp == 0x00f7 ||
	       (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x3004) ||
	       (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 || cp == 0x30fb ||
	       (cp >= 0xfe10 && cp <= 0xfe1f) || (cp >= 0xfe30 && cp <= 0xfe6f) ||
	       (cp >= 0xff01 && cp <= 0xff65 && pinyin_literal(cp) == 0);
}

int pinyin_readings(uint32_t cp, const char **out, int max)
{
	uint16_t syl[PINYIN_MAX_READINGS];
	int n = pinyin_syllables(cp, syl);
	if (n > max)
		n = max > 0 ? max : 0;
	for (int i = 0; i < n; i++)
		out[i] = pinyin_syl(syl[i]);
	return n;
}

bool pinyin_is_syllable(const char *s, size_t n)
{
	char key[PINYIN_SYL_MAX];
	if (n == 0 || n > PINYIN_SYL_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return false;
		key[i] = c;
	}
	size_t lo = 0, hi = pinyin_syl_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *z = pinyin_syl((uint16_t)mid);
		int cmp = strncmp(key, z, n);
		if (cmp == 0 && z[n] != '\0')
			cmp = -1;
		if (cmp == 0)
			return true;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Writes, for each character of name, its first reading (whole, or only
 * its first letter when initials) or its literal into out; shared body of
 * pinyin_initials and pinyin_full. */
static size_t pinyin_spell(const char *name, char *out, size_t cap, bool initials)
{
	if (cap == 0)
		return 0;
	size_t len = strlen(name), i = 0, o = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(name + i, len - i, &cp);
		uint16_t syl[PINYIN_MAX_READINGS];
		const char *piece;
		size_t n;
		char lit[1];
		if (pinyin_syllables(cp, syl) > 0) {
			piece = pinyin_syl(syl[0]);
			n = initials ? 1 : strlen(piece);
		} else if ((lit[0] = pinyin_literal(cp)) != 0) {
			piece = lit;
			n = 1;
		} else {
			continue;
		}
		if (o + n >= cap)
			break;
		memcpy(out + o, piece, n);
		o += n;
	}
	out[o] = '\0';
	return o;
}

size_t pinyin_initials(const char *name, char *out, size_t cap)
{
	return pinyin_spell(name, out, cap, true);
}

size_t pinyin_full(const char *name, char *out, size_t cap)
{
	return pinyin_spell(name, out, cap, false);
}

/* Copies the letters (lower-cased) and digits of query into q and returns
 * their number; ASCII spaces and punctuation are dropped, and any other
 * byte, or more than PINYIN_QUERY_MAX letters, gives SIZE_MAX. */
static size_t pinyin_query(const char *query, char q[PINYIN_QUERY_MAX])
{
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)query; *s; s++) {
		if (*s >= 0x80)
			return SIZE_MAX;
		char c = pinyin_literal(*s);
		if (c == 0)
			continue;
		if (n == PINYIN_QUERY_MAX)
			return SIZE_MAX;
		q[n++] = c;
	}
	return n;
}

/* Advances query position p over a character with the syllables syl[0..n)
 * into the bitset next; true when the query ends within this character. */
static bool pinyin_step(const char *q, size_t qlen, size_t p, const uint16_t *syl, int n,
			uint64_t *next)
{
	for (int r = 0; r < n; r++) {
		const char *z = pinyin_syl(syl[r]);
		if (z[0] != q[p])
			continue;
		if (p + 1 == qlen)
			return true;
		next[(p + 1) / 64] |= UINT64_C(1) << ((p + 1) % 64);
		size_t m = 1;
		while (z[m] != '\0' && p + m < qlen && q[p + m] == z[m])
			m++;
		if (p + m == qlen)
			return true;
		if (z[m] == '\0')
			next[(p + m) / 64] |= UINT64_C(1) << ((p + m) % 64);
	}
	return false;
}

bool pinyin_match(const char *name, const char *query)
{
	char q[PINYIN_QUERY_MAX];
	size_t qlen = pinyin_query(query, q);
	if (qlen == SIZE_MAX)
		return false;
	if (qlen == 0)
		return true;
	size_t words = (qlen + 63) / 64;
	uint64_t cur[PINYIN_WORDS] = {1}, next[PINYIN_WORDS];
	size_t len = strlen(name), i = 0;
	while (i < len) {
		uint32_t cp;
		i += utf8_decode(name + i, len - i, &cp);
		uint16_t syl[PINYIN_MAX_READINGS];
		int n = pinyin_syllables(cp, syl);
		char lit = n > 0 ? 0 : pinyin_literal(cp);
		if (n == 0 && lit == 0) {
			if (pinyin_is_punct(cp))
				continue;
			memset(cur, 0, words * sizeof cur[0]);
			cur[0] = 1;
			continue;
		}
		memset(next, 0, words * sizeof next[0]);
		for (size_t w = 0; w < words; w++) {
			for (uint64_t bits = cur[w]; bits != 0; bits &= bits - 1) {
				size_t p = w * 64 + (size_t)__builtin_ctzll(bits);
				if (n > 0) {
					if (pinyin_step(q, qlen, p, syl, n, next))
						return true;
				} else if (q[p] == lit) {
					if (p + 1 == qlen)
						return true;
					next[(p + 1) / 64] |= UINT64_C(1) << ((p + 1) % 64);
				}
			}
		}
		memcpy(cur, next, words * sizeof cur[0]);
		cur[0] |= 1;
	}
	return false;
}

int pinyin_syllables_with_prefix(const char *prefix, size_t n, const char **out, int max)
{
	int k = 0;
	if (n == 0 || n > PINYIN_SYL_MAX)
		return 0;
	for (size_t i = 0; i < pinyin_syl_count && k < max; i++) {
		const char *s = pinyin_syl((uint16_t)i);
		if (strncmp(s, prefix, n) == 0)
			out[k++] = s;
	}
	return k;
}

int pinyin_char_initials(uint32_t cp, char out[PINYIN_MAX_READINGS])
{
	uint16_t syl[PINYIN_MAX_READINGS];
	int n = pinyin_syllables(cp, syl), k = 0;
	for (int i = 0; i < n; i++) {
		char c = pinyin_syl(syl[i])[0];
		if (!memchr(out, c, (size_t)k))
			out[k++] = c;
	}
	if (k)
		return k;
	if ((out[0] = pinyin_literal(cp)) != 0)
		return 1;
	return pinyin_is_punct(cp) ? 0 : -1;
}

size_t pinyin_query_letters(const char *query, char *q, size_t cap)
{
	char buf[PINYIN_QUERY_MAX];
	size_t n = pinyin_query(query, buf);
	if (n == SIZE_MAX || n + 1 > cap)
		return SIZE_MAX;
	memcpy(q, buf, n);
	q[n] = '\0';
	return n;
}
