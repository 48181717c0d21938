/* utf8: validation and terminal display width of UTF-8 text. */
#ifndef UPKEEP_UTF8_H
#define UPKEEP_UTF8_H

#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF), else 0. */
int utf8_valid(const char *s, size_t len);
/* Columns s takes in a terminal: East Asian wide and fullwidth characters
 * (CJK, Hangul, fullwidth forms, most emoji) count 2, combining marks and
 * zero-width characters 0, others 1.  Invalid bytes count 1 each. */
size_t utf8_width(const char *s, size_t len);

#endif
