/* Unit tests for lib/io/read_tsv.c: TSV lines, and --delimiter on a
 * .tsv file.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/reader.h"
#include "reader_fixture.h"

static void test_tsv(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 1}};
	const char *p = PUT("t.tsv",
		"Time\tUser\r\n"		/* 1 */
		"2026\t\"alice\"\r\n"		/* 2: quotes are data */
		"\n"				/* 3 */
		"2026\ta,b\n"			/* 4 */
		"2026\n"			/* 5: one field */
		"2027\tcarol");			/* 6 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 2, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_TSV);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK(is(&rec, 1, "\"alice\""));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 4);
	CHECK(is(&rec, 1, "a,b"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 6);
	CHECK(is(&rec, 0, "2027") && is(&rec, 1, "carol"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 5);
	CHECK_STR(reader_first_reject_reason(r), "expected 2 fields, found 1");
	reader_close(r);
}

/* --delimiter on a .tsv file (issue #11). */
static void test_tsv_delimiter(void)
{
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	/* a tab delimiter makes a .tsv file CSV (quotes count) */
	cfg.delimiter = '\t';
	p = PUT("tab.tsv", "id\tstatus\n\"a\tb\"\tok\n");
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_CSV);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "a\tb"));
	CHECK(is(&rec, 2, "ok"));
	reader_close(r);
}

int main(void)
{
	if (fixture_begin("test_read_tsv") < 0)
		return 2;
	TEST_RUN(test_tsv);
	TEST_RUN(test_tsv_delimiter);
	fixture_end();
	return TEST_EXIT();
}
