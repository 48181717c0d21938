/* Unit tests for lib/base/text.c: the expected strings are written out by
 * hand from the rules in text.h. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/text.h"

static const char *trimmed(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	text_trim(&s, &n);
	snprintf(buf, size, "[%.*s]", (int)n, s);
	return buf;
}

static void test_trim(void)
{
	char b[64];

	CHECK_STR(trimmed("", b, sizeof b), "[]");
	CHECK_STR(trimmed(" \t\r\n", b, sizeof b), "[]");
	CHECK_STR(trimmed("  a b\t", b, sizeof b), "[a b]");
	CHECK_STR(trimmed("\r\nx\n", b, sizeof b), "[x]");
	CHECK_STR(trimmed("\xE9\xA1\xB9 ", b, sizeof b), "[\xE9\xA1\xB9]");
}

static void test_case(void)
{
	CHECK_INT(text_ieq("Yes", 3, "yes"), 1);
	CHECK_INT(text_ieq("YES!", 3, "yes"), 1);	/* only len bytes */
	CHECK_INT(text_ieq("ye", 2, "yes"), 0);
	CHECK_INT(text_ieq("yess", 4, "yes"), 0);
	CHECK_INT(text_ieq("", 0, ""), 1);
	CHECK_INT(text_casecmp("UTF-8", "utf-8"), 0);
	CHECK(text_casecmp("a", "B") < 0);
	CHECK(text_casecmp("b", "A") > 0);
	CHECK(text_casecmp("ab", "a") > 0);
	CHECK_INT(text_casecmp("\xC3\x89", "\xC3\xA9") != 0, 1);	/* É and é: not ASCII */
}

#define ESC(fn, in, want) do { char *e_ = fn(in); CHECK_STR(e_, want); free(e_); } while (0)

static void test_escape(void)
{
	ESC(text_html_escape, "<a href=\"x\">&'</a>", "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
	ESC(text_html_escape, NULL, "");
	ESC(text_html_escape, "a\nb\x01" "c\xC2\x85" "d", "a bcd");	/* LF, SOH, NEL */
	ESC(text_html_escape, "\xE9\xA1\xB9\xE7\x9B\xAE", "\xE9\xA1\xB9\xE7\x9B\xAE");
	ESC(text_md_escape, "a|b\\c[d]`e`*f*", "a\\|b\\\\c\\[d\\]\\`e\\`\\*f\\*");
	ESC(text_md_escape, "<b>&", "&lt;b&gt;&amp;");
	ESC(text_md_escape, "  x  ", "&#32;&#32;x&#32;&#32;");
	ESC(text_md_escape, "a\tb", "a b");
	ESC(text_clean, "a\tb\x1b[31mc", "a b[31mc");
	ESC(text_clean, "<&>", "<&>");
}

int main(void)
{
	TEST_RUN(test_trim);
	TEST_RUN(test_case);
	TEST_RUN(test_escape);
	return TEST_EXIT();
}
