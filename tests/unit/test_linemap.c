/* Unit tests for lib/io/linemap.c: the bit maps, the scans and a cursor against a
 * byte-by-byte reading of the same text, for every length up to 300 (the
 * 16-byte steps, the step that overlaps the one before, the words of 64
 * bits and lines under 16 bytes), from a text of few byte values so that
 * blanks, quotes, NULs and high bytes come often. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/linemap.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The first place at or after i where the byte is (want 1) or is not
 * (want 0) of the kind, or n. */
static size_t naive_next(const char *s, size_t n, size_t i, int quote, int want)
{
	for (; i < n; i++)
		if ((quote ? s[i] == '"' : is_blank(s[i])) == want)
			return i;
	return n;
}

static void test_against_bytes(void)
{
	static const char alphabet[] = { 'a', ' ', '\t', '"', '\0', '\x80', 'z', '\\' };
	char s[300];
	struct linemap m;
	size_t n, i, bad = 0;
	unsigned seed = 1;

	for (n = 0; n <= sizeof s; n++) {
		int rep;
		for (rep = 0; rep < 20; rep++) {
			int ascii = 1;
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* mostly letters, so that runs are long too */
				s[i] = (seed >> 16) % 4 ? 'a' : alphabet[(seed >> 20) % 8];
				if (rep % 2 && (s[i] == '\0' || s[i] == '\x80'))
					s[i] = 'b';	/* every other text is ASCII */
				ascii &= s[i] != '\0' && s[i] != '\x80';
			}
			linemap_make(&m, s, n);
			bad += m.n != n || m.ascii != ascii;
			{
				/* a cursor, asked at places going up and back */
				struct linemap_cursor c = linemap_cursor(m.quote);
				size_t j;
				for (j = 0; j <= 2 * n; j++) {
					seed = seed * 1103515245u + 12345u;
					i = j % 3 == 2 ? (seed >> 8) % (n + 1) : j / 2;
					bad += linemap_cursor_next(&c, n, i) != naive_next(s, n, i, 1, 1);
				}
			}
			for (i = 0; i <= n; i++) {
				bad += linemap_next(m.blank, m.n, i, 1) != naive_next(s, n, i, 0, 1);
				bad += linemap_next(m.blank, m.n, i, 0) != naive_next(s, n, i, 0, 0);
				bad += linemap_next(m.quote, m.n, i, 1) != naive_next(s, n, i, 1, 1);
			}
		}
	}
	CHECK_INT(bad, 0);
}

static void test_by_hand(void)
{
	struct linemap m;
	const char *line = "10.0.0.1 - bob [05/Oct/2026:08:00:14 +0800] \"GET / HTTP/1.1\" 200";

	linemap_make(&m, line, strlen(line));
	CHECK_INT(m.ascii, 1);
	CHECK_INT(linemap_next(m.blank, m.n, 0, 1), 8);	/* after the address */
	CHECK_INT(linemap_next(m.blank, m.n, 8, 0), 9);	/* "-" */
	CHECK_INT(linemap_next(m.quote, m.n, 0, 1), 44);	/* 8+1+1+1+3+1+28+1 */
	CHECK_INT(linemap_next(m.quote, m.n, 45, 1), 59);	/* 14 bytes of request */
	CHECK_INT(linemap_next(m.quote, m.n, 60, 1), strlen(line));	/* none: the end */
	linemap_make(&m, "caf\xc3\xa9", 5);
	CHECK_INT(m.ascii, 0);
	linemap_make(&m, "a\0b", 3);
	CHECK_INT(m.ascii, 0);
	linemap_make(&m, "", 0);
	CHECK_INT(m.ascii, 1);
	CHECK_INT(linemap_next(m.blank, m.n, 0, 0), 0);
}

int main(void)
{
	TEST_RUN(test_against_bytes);
	TEST_RUN(test_by_hand);
	return TEST_EXIT();
}
