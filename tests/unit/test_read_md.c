/* Unit tests for lib/io/read_md.c: GitHub-Markdown pipe tables.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/reader.h"
#include "reader_fixture.h"

static void test_md(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 1},
						    {"note", 0}};
	const char *p = PUT("t.md",
		"# Title\n"				/* 1: skipped */
		"Some prose | with a pipe.\n"		/* 2: no leading |, skipped */
		"\n"					/* 3 */
		"| Time | User | Note |\n"		/* 4: header */
		"|:-----|:----:|-----:|\n"		/* 5: alignment */
		"| 2026 | alice | a \\| b |\n"		/* 6: escaped pipe */
		"  | 2027 |bob|&amp;&#32;&lt;x&gt; \\* |  \r\n"	/* 7: entities, CRLF */
		"| 2028 | carol |\n"			/* 8: short: padded */
		"| 2029 | dave | x | y |\n"		/* 9: too many cells */
		"|   | eve | 王 |\n"			/* 10: empty required time */
		"\n"					/* 11 */
		"Prose after it.\n"			/* 12: skipped */
		"| 1 | 2 | 3 |\n");			/* 13: a second table */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 3, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_MD);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 6);
	CHECK(is(&rec, 0, "2026") && is(&rec, 1, "alice") && is(&rec, 2, "a | b"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 7);
	CHECK(is(&rec, 1, "bob"));
	/* &#32; is a kept space, the literal one before "\*" is inside */
	CHECK(is(&rec, 2, "& <x> *"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 8);
	CHECK(is(&rec, 1, "carol") && is(&rec, 2, ""));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 3);	/* lines 9, 10, 13 */
	CHECK_INT(reader_first_reject_line(r), 9);
	CHECK_STR(reader_first_reject_reason(r), "4 cells, the header has 3");
	reader_close(r);

	/* no alignment row: not a table */
	p = PUT("noalign.md", "| a | b |\n| 1 | 2 |\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_ncolumns(r), 2);
		CHECK_INT(reader_next(r, &rec, &err), -1);
		CHECK_INT(err.line, 2);
		CHECK(strstr(err.msg, "alignment row") != NULL);
		reader_close(r);
	}
	/* sniffed without an extension; a trailing "\|" is a cell's pipe */
	p = PUT("sniff", "|a|b\\|\n|-|-|\n|1|2\\|\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_format(r), READER_MD);
		CHECK_STR(reader_column_name(r, 1), "b|");
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 1, "2|"));
		reader_close(r);
	}
}

int main(void)
{
	if (fixture_begin("test_read_md") < 0)
		return 2;
	TEST_RUN(test_md);
	fixture_end();
	return TEST_EXIT();
}
