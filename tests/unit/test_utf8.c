/* Unit tests for lib/base/utf8.c.  Byte sequences are from the Unicode
 * standard's table 3-7 (well-formed byte sequences); widths from UAX #11
 * (East Asian Width) and the general category Mn (nonspacing marks). */
#include <string.h>

#include "check.h"
#include "base/utf8.h"

#define VALID(s) utf8_valid(s, sizeof(s) - 1)
#define WIDTH(s) utf8_width(s, sizeof(s) - 1)

static void test_valid(void)
{
	CHECK_INT(utf8_valid("", 0), 1);
	CHECK_INT(VALID("abc"), 1);
	CHECK_INT(VALID("a\0b"), 1);			/* U+0000 is a character */
	CHECK_INT(VALID("\xC3\xA9"), 1);		/* é U+00E9 */
	CHECK_INT(VALID("\xE9\xA1\xB9\xE7\x9B\xAE\xE7\xBB\x8F\xE7\x90\x86"), 1); /* 项目经理 */
	CHECK_INT(VALID("\xF0\x9F\x98\x80"), 1);	/* U+1F600 */
	CHECK_INT(VALID("\xF4\x8F\xBF\xBF"), 1);	/* U+10FFFF, the last */
	CHECK_INT(VALID("\xEF\xBB\xBF"), 1);		/* BOM U+FEFF */
	CHECK_INT(VALID("\xED\x9F\xBF"), 1);		/* U+D7FF, before surrogates */
	CHECK_INT(VALID("\xEE\x80\x80"), 1);		/* U+E000, after them */
}

static void test_invalid(void)
{
	CHECK_INT(VALID("\x80"), 0);			/* lone continuation */
	CHECK_INT(VALID("\xC0\x80"), 0);		/* overlong U+0000 */
	CHECK_INT(VALID("\xC1\xBF"), 0);		/* overlong U+007F */
	CHECK_INT(VALID("\xE0\x80\x80"), 0);		/* overlong, 3 bytes */
	CHECK_INT(VALID("\xE0\x9F\xBF"), 0);		/* overlong U+07FF */
	CHECK_INT(VALID("\xF0\x80\x80\x80"), 0);	/* overlong, 4 bytes */
	CHECK_INT(VALID("\xF0\x8F\xBF\xBF"), 0);	/* overlong U+FFFF */
	CHECK_INT(VALID("\xED\xA0\x80"), 0);		/* U+D800 surrogate */
	CHECK_INT(VALID("\xED\xBF\xBF"), 0);		/* U+DFFF surrogate */
	CHECK_INT(VALID("\xF4\x90\x80\x80"), 0);	/* U+110000 */
	CHECK_INT(VALID("\xF5\x80\x80\x80"), 0);
	CHECK_INT(VALID("\xFE"), 0);
	CHECK_INT(VALID("\xFF"), 0);
	CHECK_INT(VALID("\xE9\xA1"), 0);		/* truncated 3-byte */
	CHECK_INT(VALID("\xF0\x9F\x98"), 0);		/* truncated 4-byte */
	CHECK_INT(VALID("ab\xC3"), 0);			/* truncated at the end */
	CHECK_INT(VALID("\xC3\x28"), 0);		/* bad continuation */
	/* a valid prefix does not make the rest valid: length is honoured */
	CHECK_INT(utf8_valid("\xC3\xA9\xFF", 2), 1);
	CHECK_INT(utf8_valid("\xC3\xA9\xFF", 3), 0);
}

static void test_width(void)
{
	CHECK_INT(utf8_width("", 0), 0);
	CHECK_INT(WIDTH("abc"), 3);
	/* 4 CJK ideographs, each Wide: 8 */
	CHECK_INT(WIDTH("\xE9\xA1\xB9\xE7\x9B\xAE\xE7\xBB\x8F\xE7\x90\x86"), 8);
	CHECK_INT(WIDTH("\xC3\xA9"), 1);		/* é precomposed */
	CHECK_INT(WIDTH("e\xCC\x81"), 1);		/* e + U+0301 combining */
	CHECK_INT(WIDTH("\xEF\xBC\xA1"), 2);		/* U+FF21 fullwidth A */
	CHECK_INT(WIDTH("\xEF\xBD\xA1"), 1);		/* U+FF61 halfwidth */
	CHECK_INT(WIDTH("\xED\x95\x9C"), 2);		/* U+D55C Hangul */
	CHECK_INT(WIDTH("\xE1\x84\x80"), 2);		/* U+1100 jamo */
	CHECK_INT(WIDTH("\xE3\x80\x80"), 2);		/* U+3000 ideographic space */
	CHECK_INT(WIDTH("\xE3\x81\x82"), 2);		/* U+3042 hiragana a */
	CHECK_INT(WIDTH("\xF0\x9F\x98\x80"), 2);	/* U+1F600 emoji */
	CHECK_INT(WIDTH("\xF0\x9F\xA4\x94"), 2);	/* U+1F914 emoji */
	CHECK_INT(WIDTH("\xF0\xA0\x80\x80"), 2);	/* U+20000 CJK ext B */
	CHECK_INT(WIDTH("\xE2\x80\x8B"), 0);		/* U+200B zero width space */
	CHECK_INT(WIDTH("\xEF\xB8\x8F"), 0);		/* U+FE0F variation selector */
	CHECK_INT(WIDTH("\xEF\xBB\xBF"), 0);		/* U+FEFF */
	CHECK_INT(WIDTH("\xE3\x82\x99"), 0);		/* U+3099 combining kana */
	/* invalid bytes count 1 each */
	CHECK_INT(WIDTH("\xFF\xFE"), 2);
	CHECK_INT(WIDTH("\xE9\xA1"), 2);
	CHECK_INT(WIDTH("\xED\xA0\x80"), 3);		/* surrogate: 3 bad bytes */
	/* "项目经理 ok": 8 + 1 + 2 */
	CHECK_INT(WIDTH("\xE9\xA1\xB9\xE7\x9B\xAE\xE7\xBB\x8F\xE7\x90\x86 ok"), 11);
	/* "a\xE9\xA1" then "b": the truncated sequence is 2 bad bytes */
	CHECK_INT(WIDTH("a\xE9\xA1" "b"), 4);
}

static void test_seqlen_floor(void)
{
	CHECK_INT(utf8_seqlen('a'), 1);
	CHECK_INT(utf8_seqlen(0x80), 1);	/* continuation: move on */
	CHECK_INT(utf8_seqlen(0xC1), 1);	/* never a lead byte */
	CHECK_INT(utf8_seqlen(0xC3), 2);
	CHECK_INT(utf8_seqlen(0xE9), 3);
	CHECK_INT(utf8_seqlen(0xF0), 4);
	CHECK_INT(utf8_seqlen(0xF5), 1);
	/* "a" U+00E9 (2 bytes) U+9879 (3 bytes): boundaries at 0 1 3 6 */
	{
		const char s[] = "a\xC3\xA9\xE9\xA1\xB9";
		size_t want[] = { 0, 1, 1, 3, 3, 3, 6 }, n;
		for (n = 0; n <= 6; n++)
			CHECK_INT(utf8_floor(s, n), want[n]);
	}
	CHECK_INT(utf8_floor("\x80\x80\x80\x80\x80", 5), 5);	/* no lead byte: as is */
}

/* utf8_ascii reads 32, then 8 bytes a step and the last 8 again: every
 * length up to 80 at every alignment, clean and with one NUL, one 0x80,
 * one 0xFF at each place, must agree with the byte rule. */
static void test_ascii(void)
{
	static const char bad[] = { '\0', '\x80', '\xFF' };
	char buf[96];
	size_t n, at, k, a;

	for (a = 0; a < 8; a++) {
		for (n = 0; n <= 80; n++) {
			memset(buf, 'a', sizeof buf);
			CHECK_INT(utf8_ascii(buf + a, n), 1);
			buf[a + n] = '\x80';	/* just past the end: not read */
			CHECK_INT(utf8_ascii(buf + a, n), 1);
			for (at = 0; at < n; at++)
				for (k = 0; k < sizeof bad; k++) {
					memset(buf, 'a', sizeof buf);
					buf[a + at] = bad[k];
					CHECK_INT(utf8_ascii(buf + a, n), 0);
				}
		}
	}
	CHECK_INT(utf8_ascii("\x7F\x01 ~", 4), 1);	/* DEL and SOH are ASCII */
}

int main(void)
{
	TEST_RUN(test_valid);
	TEST_RUN(test_invalid);
	TEST_RUN(test_width);
	TEST_RUN(test_seqlen_floor);
	TEST_RUN(test_ascii);
	return TEST_EXIT();
}
