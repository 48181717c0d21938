/* Unit tests of sbuf: every function, on an empty (zero-initialised)
 * buffer and on one that must grow.  Expected strings and lengths are
 * counted by hand in the comments. */
#include <stdlib.h>

#include "check.h"
#include "base/sbuf.h"

/* A zero-initialised struct is an empty buffer: nothing allocated, the
 * text "", and every function may be called on it. */
static void sbuf_empty_struct(void)
{
	struct sbuf b = {0};
	char *s;

	CHECK(b.p == NULL);
	CHECK_STR(sbuf_str(&b), "");
	sbuf_reset(&b);
	CHECK(b.p == NULL);
	CHECK_INT(b.len, 0);
	sbuf_release(&b);
	CHECK(b.p == NULL);
	CHECK_INT(b.cap, 0);
	/* an empty printf result adds nothing and allocates nothing */
	sbuf_printf(&b, "%s", "");
	CHECK(b.p == NULL);
	CHECK_STR(sbuf_str(&b), "");
	/* pad of 0 spaces neither */
	sbuf_pad(&b, 0);
	CHECK(b.p == NULL);
	/* take of an empty buffer: a new "" the caller frees */
	s = sbuf_take(&b);
	CHECK_STR(s, "");
	free(s);
	CHECK(b.p == NULL);
	/* adding 0 bytes (even from NULL) allocates the terminating NUL */
	sbuf_add(&b, NULL, 0);
	CHECK(b.p != NULL);
	CHECK_INT(b.len, 0);
	CHECK(b.cap >= 1);
	CHECK_STR(sbuf_str(&b), "");
	sbuf_release(&b);
}

static void sbuf_add_adds_addc_pad(void)
{
	struct sbuf b = {0};

	sbuf_add(&b, "abcdef", 3);		/* "abc": 3 bytes */
	CHECK_STR(sbuf_str(&b), "abc");
	CHECK_INT(b.len, 3);
	sbuf_adds(&b, "项目");			/* 2 x 3 bytes of UTF-8: 9 */
	CHECK_INT(b.len, 9);
	sbuf_addc(&b, '|');			/* 10 */
	sbuf_pad(&b, 3);			/* 13 */
	sbuf_adds(&b, "");			/* still 13 */
	sbuf_addc(&b, 'z');			/* 14 */
	CHECK_STR(sbuf_str(&b), "abc项目|   z");
	CHECK_INT(b.len, 14);
	CHECK(b.cap >= b.len + 1);
	/* a NUL byte is kept and counted; sbuf_str's text stops at it */
	sbuf_reset(&b);
	sbuf_add(&b, "a\0b", 3);
	CHECK_INT(b.len, 3);
	CHECK(memcmp(b.p, "a\0b\0", 4) == 0);
	CHECK_STR(sbuf_str(&b), "a");
	sbuf_release(&b);
	/* 1000 spaces from pad: grows past the first blocks */
	sbuf_addc(&b, '[');
	sbuf_pad(&b, 1000);
	sbuf_addc(&b, ']');
	CHECK_INT(b.len, 1002);
	CHECK_INT(strspn(b.p + 1, " "), 1000);
	CHECK_INT(b.p[1001], ']');
	CHECK_INT(b.p[1002], '\0');
	sbuf_release(&b);
}

static void sbuf_printf_grows(void)
{
	struct sbuf b = {0};
	char want[16];
	size_t i;
	int bad = 0;

	sbuf_printf(&b, "%s=%d;", "rows", 42);	/* "rows=42;": 8 bytes */
	CHECK_STR(sbuf_str(&b), "rows=42;");
	CHECK_INT(b.len, 8);
	/* appended after what is there: a field of 5000 digits, "0" x 4999
	 * then "7", in one call much longer than the capacity so far */
	sbuf_printf(&b, "%0*d", 5000, 7);
	CHECK_INT(b.len, 8 + 5000);
	CHECK(b.cap >= b.len + 1);
	CHECK(memcmp(b.p, "rows=42;0000", 12) == 0);
	CHECK_INT(strspn(b.p + 8, "0"), 4999);
	CHECK_STR(b.p + 8 + 4999, "7");
	/* many short ones: "0000,0001,...,0999," is 1000 x 5 bytes */
	sbuf_reset(&b);
	for (i = 0; i < 1000; i++)
		sbuf_printf(&b, "%04zu,", i);
	CHECK_INT(b.len, 5000);
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof want, "%04zu,", i);
		bad += memcmp(b.p + 5 * i, want, 5) != 0;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(b.p[5000], '\0');
	CHECK(memcmp(b.p + 4990, "0998,0999,", 10) == 0);
	sbuf_release(&b);
}

/* reset keeps the memory; take hands it over; release frees it. */
static void sbuf_reset_take_release(void)
{
	struct sbuf b = {0};
	const char *p;
	size_t cap;
	char *s;

	sbuf_adds(&b, "first text");		/* 10 bytes */
	p = b.p;
	cap = b.cap;
	sbuf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(sbuf_str(&b), "");
	CHECK(b.p == p);
	CHECK_INT(b.cap, cap);
	sbuf_adds(&b, "second");		/* fits: the same memory */
	CHECK(b.p == p);
	CHECK_STR(sbuf_str(&b), "second");
	/* take: the same string, now the caller's; b is empty and works on */
	s = sbuf_take(&b);
	CHECK(s == p);
	CHECK_STR(s, "second");
	CHECK(b.p == NULL);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.cap, 0);
	CHECK_STR(sbuf_str(&b), "");
	sbuf_addc(&b, 'x');
	CHECK_STR(sbuf_str(&b), "x");
	CHECK_STR(s, "second");
	free(s);
	sbuf_release(&b);
	CHECK(b.p == NULL);
	CHECK_INT(b.len, 0);
	CHECK_INT(b.cap, 0);
	CHECK_STR(sbuf_str(&b), "");
	/* released: usable again, and release twice is harmless */
	sbuf_adds(&b, "again");
	CHECK_STR(sbuf_str(&b), "again");
	sbuf_release(&b);
	sbuf_release(&b);
}

int main(void)
{
	TEST_RUN(sbuf_empty_struct);
	TEST_RUN(sbuf_add_adds_addc_pad);
	TEST_RUN(sbuf_printf_grows);
	TEST_RUN(sbuf_reset_take_release);
	return TEST_EXIT();
}
