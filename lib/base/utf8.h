/* utf8: validation, sequence lengths and terminal display width of UTF-8
 * text. */
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
/* Bytes in the sequence that lead byte c starts (1 to 4), read from c
 * alone: 1 for ASCII, a continuation byte or a byte no sequence starts
 * with, so that a scan always moves on. */
size_t utf8_seqlen(unsigned char c);
/* The longest prefix of s[0..n) that does not end inside a sequence:
 * where to cut s to at most n bytes without splitting a character. */
size_t utf8_floor(const char *s, size_t n);
/* 1 when s[0..n) is ASCII without a NUL byte (then it is valid UTF-8 and
 * safe as a C string), tested eight bytes at a time; else 0. */
int utf8_ascii(const char *s, size_t n);

#endif
