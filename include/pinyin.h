/*
 * pinyin.h - Mandarin readings of CJK characters, for search.
 *
 * The table is generated from the Unihan database (kMandarin,
 * kHanyuPinyin, kXHC1983, kTGHZ2013) by src/text/gen-pinyin.py and kept
 * in the tree; every reading of a polyphonic character is listed, the most
 * common first, so 单 can be found as "dan" and as the surname "shan".
 * Readings are lower-case ASCII without tones; ü is written "v".
 */
#ifndef ZSDESK_PINYIN_H
#define ZSDESK_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest number of readings one character has in the table. */
#define PINYIN_MAX_READINGS 8

/* Stores up to max readings of cp in out (static strings) and returns how
 * many there are; 0 for a character without a reading (non-CJK). */
int pinyin_readings(uint32_t cp, const char **out, int max);

/* True when s[0..n) is a complete pinyin syllable (e.g. "zhuang"). */
bool pinyin_is_syllable(const char *s, size_t n);

/* Writes the initials of the most common reading of each character of the
 * UTF-8 string name into out (capacity cap, NUL-terminated); ASCII letters
 * and digits are copied in lower case, other characters are skipped.
 * "北京科技" gives "bjkj".  Returns the length written. */
size_t pinyin_initials(const char *name, char *out, size_t cap);

/* Writes the full pinyin (most common readings, no separators) of name
 * into out in the same way: "北京" gives "beijing". */
size_t pinyin_full(const char *name, char *out, size_t cap);

/* True when query (ASCII letters and digits, any case) matches a run of
 * consecutive characters of name in which every CJK character contributes
 * either the first letter or the whole of one of its readings, the last
 * one possibly only a prefix of a reading, and every other letter or digit
 * contributes itself.  "bjkj", "beijing", "beij", "jingkj" all match
 * "北京科技".  Spaces and punctuation in name are skipped. */
bool pinyin_match(const char *name, const char *query);

/* Stores up to max syllables beginning with prefix[0..n) (lower case) in
 * out and returns how many there are. */
int pinyin_syllables_with_prefix(const char *prefix, size_t n, const char **out, int max);

/* The first letters cp may be typed with as pinyin_match reads it: those
 * of its readings, or the literal letter or digit, in out (distinct);
 * returns how many, 0 for punctuation or a space (skipped within a run),
 * -1 for anything else (which breaks a run). */
int pinyin_char_initials(uint32_t cp, char out[PINYIN_MAX_READINGS]);

/* The letters (lower case) and digits of query as pinyin_match reads it,
 * in q (NUL-ended, capacity cap); their number, or SIZE_MAX when query
 * cannot match (a non-ASCII byte, or too long). */
size_t pinyin_query_letters(const char *query, char *q, size_t cap);

#endif
