/*
 * normalize.c - folded forms of names.
 *
 * Works code point by code point over UTF-8 with a short list of what to
 * drop; no locale is involved, so results are the same everywhere.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "utf8.h"
#include "xalloc.h"

/* True for spaces and punctuation that names carry without meaning. */
static bool is_noise(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	return c == 0x3000 || (c >= 0x3001 && c <= 0x303F) || /* CJK punctuation */
	       (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	       (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
	       (c >= 0x2010 && c <= 0x206F) || c == 0x00B7 || c == 0x00A0 || c == 0xFEFF;
}

size_t normalize_search(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s), o = 0;
	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0; /* full-width ASCII */
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (is_noise(c))
			continue;
		char b[4];
		size_t k = utf8_encode(c, b);
		if (o + k >= cap)
			break;
		memcpy(out + o, b, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

/* Legal forms, longest first, as they appear folded at the end of names. */
static const char *const legal_forms[] = {
	"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司",
	"分公司", "公司", "集团", "coltd", "co", "ltd", "limited", "inc", "corp", "corporation",
	"company", "group", "gmbh",
};

size_t normalize_company(const char *s, char *out, size_t cap)
{
	size_t n = normalize_search(s, out, cap);
	for (bool again = true; again;) {
		again = false;
		for (size_t i = 0; i < sizeof legal_forms / sizeof *legal_forms; i++) {
			size_t k = strlen(legal_forms[i]);
			if (n > k && memcmp(out + n - k, legal_forms[i], k) == 0) {
				n -= k;
				out[n] = '\0';
				again = true;
				break;
			}
		}
	}
	return n;
}

char *text_trim(const char *s, size_t n)
{
	static const char ideo[] = "\u3000"; /* the full-width space */
	for (;;) {
		if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
			s++;
			n--;
		} else if (n >= 3 && !memcmp(s, ideo, 3)) {
			s += 3;
			n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, ideo, 3))
			n -= 3;
		else
			break;
	}
	char *out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Places an enterprise name may begin with or put in brackets: provinces,
 * the cities of the policy documents and their districts and counties. */
static const char *const places[] = {
	"内蒙古", "黑龙江", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林",
	"江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
	"海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "广西", "西藏", "宁夏",
	"新疆", "香港", "澳门", "中国", "嘉兴", "杭州", "宁波", "温州", "绍兴", "湖州",
	"金华", "台州", "南京", "苏州", "无锡", "深圳", "广州", "成都", "武汉", "西安",
	"郑州", "长沙", "合肥", "青岛", "厦门", "南湖", "秀洲", "嘉善", "平湖", "海盐",
	"海宁", "桐乡", "滨海", "海淀", "朝阳", "东城", "西城", "丰台", "亦庄", "两江",
	"渝北", "江北", "渝中",
};

/* Branch words: what follows them (and the place before them) is not the
 * enterprise. */
static const char *const branches[] = {"分公司", "支公司", "分厂", "办事处", "分行", "分店"};

/* Removes every bracketed part (full- or half-width) of s into out. */
static void drop_brackets(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	int depth = 0;
	while (*s && n + 4 < cap) {
		if (!strncmp(s, "（", 3) || *s == '(') {
			depth++;
			s += *s == '(' ? 1 : 3;
		} else if (!strncmp(s, "）", 3) || *s == ')') {
			if (depth)
				depth--;
			s += *s == ')' ? 1 : 3;
		} else if (depth) {
			s++;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
}

size_t normalize_core(const char *s, char *out, size_t cap)
{
	char plain[512];
	drop_brackets(s, plain, sizeof plain);
	/* A branch: keep the company it belongs to. */
	for (size_t i = 0; i < sizeof branches / sizeof *branches; i++) {
		char *b = strstr(plain, branches[i]);
		if (!b || b == plain)
			continue;
		*b = '\0';
		char *co = NULL;
		for (char *q = strstr(plain, "公司"); q; q = strstr(q + 1, "公司"))
			co = q;
		if (co)
			co[strlen("公司")] = '\0';
		break;
	}
	size_t n = normalize_company(plain, out, cap);
	for (bool again = true; again && n;) {
		again = false;
		for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
			size_t k = strlen(places[i]);
			if (n > k + 3 && !memcmp(out, places[i], k)) {
				/* With its 省, 市, 区 or 县 when it has one. */
				if (!strncmp(out + k, "省", 3) || !strncmp(out + k, "市", 3) ||
				    !strncmp(out + k, "区", 3) || !strncmp(out + k, "县", 3))
					k += 3;
				memmove(out, out + k, n - k + 1);
				n -= k;
				again = true;
				break;
			}
		}
	}
	return n;
}
