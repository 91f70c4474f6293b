/*
 * normalize.h - folding names for search and for duplicate detection.
 *
 * "北京 科技（集团）有限公司" and "北京科技集团有限公司" are one enterprise to an
 * officer; search and the claim warning compare folded forms.
 */
#ifndef ZSDESK_NORMALIZE_H
#define ZSDESK_NORMALIZE_H

#include <stddef.h>

/* Folds s into out (capacity cap, NUL-terminated): full-width ASCII to
 * ASCII, letters to lower case, spaces and punctuation (ASCII and CJK)
 * removed.  Returns the length written. */
size_t normalize_search(const char *s, char *out, size_t cap);

/* As normalize_search, then drops the legal form at the end of an
 * enterprise name (有限公司, 股份有限公司, 有限责任公司, 集团, Co. Ltd...). */
size_t normalize_company(const char *s, char *out, size_t cap);

/* The core of an enterprise name, for the claim warning: as
 * normalize_company, and also without places in brackets (华芯半导体（嘉兴）
 * 有限公司), places at the front (嘉兴华芯半导体有限公司), and a branch
 * (…有限公司南湖分公司), so that all three give 华芯半导体.  Returns the
 * length written. */
size_t normalize_core(const char *s, char *out, size_t cap);

/* A new copy of s[0..n) without the blanks (ASCII white space and the
 * full-width space) at either end. */
char *text_trim(const char *s, size_t n);

#endif
