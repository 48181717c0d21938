/* Unit tests for lib/io/read_csv.c: CSV through libcsv and the csvsplit
 * fast path, and the limits on a record.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/csvsplit.h"
#include "io/reader.h"
#include "reader_fixture.h"

/* Quoted commas, doubled quotes, embedded newlines and the lines that
 * follow them. */
static void test_csv_quoting(void)
{
	const char *p = PUT("q.csv",
		"time,user,feature\n"			/* line 1 */
		"2026-10-01,alice,\"a,b\"\n"		/* line 2 */
		"2026-10-02,bob,\"say \"\"hi\"\"\"\n"	/* line 3 */
		"2026-10-03,carol,\"multi\n"		/* line 4 */
		"line\n"				/* line 5 */
		"value\"\n"				/* line 6 */
		"2026-10-04,dave,x\n");			/* line 7 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, events, 3, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_CSV);
	CHECK_INT(reader_ncolumns(r), 3);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK(is(&rec, 0, "2026-10-01"));
	CHECK(is(&rec, 1, "alice"));
	CHECK(is(&rec, 2, "a,b"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 3);
	CHECK(is(&rec, 2, "say \"hi\""));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 4);
	CHECK(is(&rec, 2, "multi\nline\nvalue"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 7);
	CHECK(is(&rec, 1, "dave"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rows(r), 4);
	CHECK_INT(reader_rejected(r), 0);
	CHECK_INT(reader_first_reject_line(r), 0);
	CHECK_STR(reader_first_reject_reason(r), "");
	reader_close(r);
}

/* BOM, CRLF, a header with odd case and spaces, empty fields, a blank
 * line, no newline at the end. */
static void test_csv_crlf_bom(void)
{
	static const struct reader_column cols[] = {
		{"time", 1}, {"user", 1}, {"feature", 0}, {"ip", 0},
	};
	const char *p = PUT("crlf.csv",
		"\xEF\xBB\xBF Time ,USER,  Feature\r\n"	/* line 1 */
		"2026-10-01,alice,\r\n"			/* line 2: feature "" */
		"\r\n"					/* line 3: blank */
		"2026-10-02,bob,\"x\r\ny\"\r\n"		/* lines 4-5 */
		"2026-10-03,carol,z");			/* line 6, no newline */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 4, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(reader_column_name(r, 0), "Time");
	CHECK_STR(reader_column_name(r, 1), "USER");
	CHECK_STR(reader_column_name(r, 2), "Feature");
	CHECK_STR(reader_column_name(r, 3), "ip");	/* absent: canonical */
	CHECK_INT(reader_has_column(r, 2), 1);
	CHECK_INT(reader_has_column(r, 3), 0);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK(is(&rec, 0, "2026-10-01"));
	CHECK(is(&rec, 1, "alice"));
	CHECK(is(&rec, 2, ""));			/* empty, not NULL */
	CHECK(rec.field[3] == NULL);		/* absent column */
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 4);
	CHECK(is(&rec, 2, "x\r\ny"));		/* quoted CRLF kept */
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 6);
	CHECK(is(&rec, 1, "carol"));
	CHECK(is(&rec, 2, "z"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 0);
	reader_close(r);
}

/* Rows with too few or too many fields are rejected and counted. */
static void test_csv_ragged(void)
{
	const char *p = PUT("ragged.csv",
		"a,b,c\n"	/* 1 */
		"1,2,3\n"	/* 2 */
		"1,2\n"		/* 3: 2 fields */
		"\n"		/* 4: blank, skipped */
		"1,2,3,4\n"	/* 5: 4 fields */
		"4,5,6\n");	/* 6 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, NULL, 0, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_ncolumns(r), 3);
	CHECK_STR(reader_column_name(r, 2), "c");
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 6);
	CHECK(is(&rec, 0, "4") && is(&rec, 2, "6"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rows(r), 2);
	CHECK_INT(reader_rejected(r), 2);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_STR(reader_first_reject_reason(r), "expected 3 fields, found 2");
	reader_close(r);
}

/* A quote left open runs to the end of the input: that record is
 * rejected; a stray quote inside an unquoted field is rejected and
 * reading goes on at the next line. */
static void test_csv_bad_quotes(void)
{
	const char *p = PUT("open.csv",
		"a,b\n"		/* 1 */
		"1,2\n"		/* 2 */
		"3,\"open\n"	/* 3: never closed */
		"4,5\n");	/* 4: inside the open field */
	const char *p2 = PUT("stray.csv",
		"a,b\n"		/* 1 */
		"1,x\"y\n"	/* 2: quote inside unquoted field */
		"2,\"z\"w\n"	/* 3: text after the closing quote */
		"3,ok\n");	/* 4 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, NULL, 0, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_STR(reader_first_reject_reason(r),
		  "quoted field not closed at end of input");
	reader_close(r);

	r = reader_open(p2, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 4);
	CHECK(is(&rec, 1, "ok"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 2);
	CHECK_INT(reader_first_reject_line(r), 2);
	CHECK_STR(reader_first_reject_reason(r), "malformed quoted field");
	reader_close(r);
}

/* 100000 columns; a 10 MB field; a record over 64 MiB rejected and the
 * next line read. */
static void test_big(void)
{
	size_t ncol = 100000, i, n = 0, big = 10 * 1024 * 1024;
	size_t huge = (size_t)65 * 1024 * 1024;
	char *s = malloc(huge + 64);
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	if (!s)
		return;
	for (i = 0; i < ncol; i++)
		n += (size_t)sprintf(s + n, "%sc%zu", i ? "," : "", i);
	s[n++] = '\n';
	for (i = 0; i < ncol; i++)
		n += (size_t)sprintf(s + n, "%s%zu", i ? "," : "", i);
	s[n++] = '\n';
	p = put("wide.csv", s, n);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_ncolumns(r), ncol);
		CHECK_STR(reader_column_name(r, ncol - 1), "c99999");
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, ncol - 1, "99999"));
		reader_close(r);
	}

	/* a, "<10 MB of x>" then 1,2 */
	memcpy(s, "a,b\n1,\"", 7);
	memset(s + 7, 'x', big);
	memcpy(s + 7 + big, "\"\n2,3\n", 6);
	p = put("bigfield.csv", s, big + 13);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.len[1], big);
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 3);
		CHECK_INT(reader_next(r, &rec, &err), 0);
		reader_close(r);
	}

	/* line 2 is 65 MiB: rejected; line 3 read */
	memcpy(s, "a,b\n1,", 6);
	memset(s + 6, 'y', huge);
	memcpy(s + 6 + huge, "\n2,3\n", 5);
	p = put("huge.csv", s, huge + 11);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 3);
		CHECK(is(&rec, 0, "2"));
		CHECK_INT(reader_rejected(r), 1);
		CHECK_INT(reader_first_reject_line(r), 2);
		CHECK_STR(reader_first_reject_reason(r), "record too long");
		reader_close(r);
	}
	/* the same in TSV */
	memcpy(s, "a\tb\n1\t", 6);
	memcpy(s + 6 + huge, "\n2\t3\n", 5);
	p = put("huge.tsv", s, huge + 11);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 3);
		CHECK_INT(reader_rejected(r), 1);
		reader_close(r);
	}
	free(s);
	unlink(p);
	unlink(paths[(npaths - 2) % 128]);
}

/* The quote-free fast path (lib/io/csvsplit.c) on its edge cases: each
 * expected field is what libcsv gives as the reader sets it up (CRs
 * trimmed at both ends; spaces and tabs kept, RFC 4180 section 2.4, since
 * issue 18 item 8; a delimiter at the end makes an empty field), and the
 * same file read with every line sent to libcsv must agree. */
static void test_csv_fast_path(void)
{
	static const char text[] =
		"a,b,c,d\n"			/* line 1 */
		"1,,3,\n"			/* line 2: empty fields, delimiter at the end */
		"  x  ,\ty\t, z \t, w\r\n"	/* line 3: spaces, tabs, CRLF */
		"\xC3\xA9t\xC3\xA9,caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x99\x82\n"	/* line 4: UTF-8 */
		"p\rq,\r,,\n"			/* line 5: CR inside a value, alone */
		"\xFF,2,3,4\n"			/* line 6: invalid UTF-8: rejected */
		"\"q\",2,3,4\n"		/* line 7: a quote: libcsv's path */
		"1,2,3\n"			/* line 8: too few fields: rejected */
		"last,2,3,4";			/* line 9: no newline */
	static const char *const want[][4] = {
		{"1", "", "3", ""},
		{"  x  ", "\ty\t", " z \t", " w"},
		{"\xC3\xA9t\xC3\xA9", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x99\x82"},
		{"p\rq", "", "", ""},
		{"q", "2", "3", "4"},
		{"last", "2", "3", "4"},
	};
	static const unsigned long lines[] = { 2, 3, 4, 5, 7, 9 };
	const char *p = put("fast.csv", text, sizeof text - 1);
	struct reader_config cfg = {.format = READER_CSV};
	int slow;

	for (slow = 0; slow < 2; slow++) {
		struct error err;
		struct record rec;
		struct reader *r = reader_open(p, &cfg, NULL, 0, &err);
		size_t k, i;

		CHECK(r != NULL);
		if (!r)
			return;
		reader_set_slow_paths(r, slow);
		CHECK_INT(reader_ncolumns(r), 4);
		for (k = 0; k < sizeof lines / sizeof lines[0]; k++) {
			CHECK_INT(reader_next(r, &rec, &err), 1);
			CHECK_INT(rec.line, lines[k]);
			for (i = 0; i < 4; i++)
				CHECK(is(&rec, i, want[k][i]));
		}
		CHECK_INT(reader_next(r, &rec, &err), 0);
		CHECK_INT(reader_rejected(r), 2);
		CHECK_INT(reader_first_reject_line(r), 6);
		reader_close(r);
	}

	/* a tab delimiter is a delimiter, never trimmed white space */
	{
		static const char tsv[] = "a\tb\tc\n\t x\t\n";
		struct error err;
		struct record rec;
		struct reader *r;

		cfg.delimiter = '\t';
		p = put("fast-tab.csv", tsv, sizeof tsv - 1);
		r = reader_open(p, &cfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (!r)
			return;
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 0, ""));
		CHECK(is(&rec, 1, " x"));
		CHECK(is(&rec, 2, ""));
		reader_close(r);
	}

	/* csvsplit_line directly: the count when it exceeds cap */
	{
		char out[7 + CSVSPLIT_PAD];
		size_t off[2], len[2];
		int plain = -1;

		CHECK_INT(csvsplit_line(" a ;b;;", 7, ';', out, off, len, 2, &plain), 4);
		CHECK_INT(plain, 1);
		CHECK_INT(len[0], 3);	/* " a ": spaces are data */
		CHECK_INT(out[off[0]], ' ');
		CHECK_INT(len[1], 1);
		CHECK_INT(csvsplit_blank("\r\r", 2, ','), 1);
		CHECK_INT(csvsplit_blank(" \t\r", 3, ','), 0);
		CHECK_INT(csvsplit_blank("\r", 1, '\r'), 0);
		CHECK_INT(csvsplit_usable('"'), 0);
		CHECK_INT(csvsplit_usable(';'), 1);
	}
	/* plain: no byte >= 0x80 and no NUL anywhere in the line, on either
	 * side of a 16-byte boundary; the padding after the line is not part
	 * of it */
	{
		static const char *const plines[] = {
			"0123456789abcde,g",		/* 17 bytes */
			"0123456789abcde,\xC3\xA9",	/* 18, UTF-8 at 16 */
			"\xC3\xA9,b",
			"0123456789abcdefghijklmnopqrstu\x7F",	/* 32, DEL is ASCII */
		};
		static const int pwant[] = { 1, 0, 0, 1 };
		char out[40 + CSVSPLIT_PAD];
		size_t off[4], len[4], k;
		int plain = -1;

		for (k = 0; k < 4; k++) {
			CHECK_INT(csvsplit_line(plines[k], strlen(plines[k]), ',', out,
						off, len, 4, &plain), k == 3 ? 1 : 2);
			CHECK_INT(plain, pwant[k]);
		}
		CHECK_INT(csvsplit_line("a\0b,c", 5, ',', out, off, len, 4, &plain), 2);
		CHECK_INT(plain, 0);
		CHECK_INT(len[0], 3);
	}
}


/* Issue 18 item 8: spaces are data in every format; header names are
 * trimmed; --trim drops spaces and tabs around every value (quoted ones,
 * TSV and JSON too) and lets a CSV pad around its quotes.  Both CSV paths
 * (the fast one and libcsv) read the same. */
static void test_csv_spaces(void)
{
	static const struct reader_column cols[] = {{"user", 1}, {"role", 0}};
	static const char text[] =
		" User , Role \n"		/* 1: names trimmed */
		" bob ,\tadmin\n"		/* 2: unquoted */
		"\" bob \", \"x\" \n";		/* 3: quoted, padded quotes */
	const char *p = put("spaces.csv", text, sizeof text - 1);
	const char *t = PUT("spaces.tsv", "user\trole\n bob \t x\n");
	const char *j = PUT("spaces.json", "[{\"user\": \" bob \", \"role\": \"\\tx\"}]");
	struct reader_config cfg = {.format = READER_AUTO};
	struct error err;
	struct record rec;
	struct reader *r;
	int slow;

	for (slow = 0; slow < 2; slow++) {
		cfg.trim = 0;
		r = reader_open(p, &cfg, cols, 2, &err);
		CHECK(r != NULL);
		if (!r)
			return;
		reader_set_slow_paths(r, slow);
		CHECK_STR(reader_column_name(r, 0), "User");
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 0, " bob "));
		CHECK(is(&rec, 1, "\tadmin"));
		/* , "x" : a quote after a space is malformed by RFC 4180 */
		CHECK_INT(reader_next(r, &rec, &err), 0);
		CHECK_STR(reader_first_reject_reason(r), "malformed quoted field (a "
			  "space or tab outside the quotes is data; --trim reads padded cells)");
		reader_close(r);

		cfg.trim = 1;
		r = reader_open(p, &cfg, cols, 2, &err);
		CHECK(r != NULL);
		if (!r)
			return;
		reader_set_slow_paths(r, slow);
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 0, "bob"));
		CHECK(is(&rec, 1, "admin"));
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 0, "bob"));	/* inside the quotes too */
		CHECK(is(&rec, 1, "x"));
		CHECK_INT(reader_next(r, &rec, &err), 0);
		reader_close(r);
	}
	/* TSV and JSON keep them, and --trim drops them, alike */
	cfg.trim = 0;
	r = reader_open(t, &cfg, cols, 2, &err);
	CHECK_INT(r ? reader_next(r, &rec, &err) : -2, 1);
	CHECK(is(&rec, 0, " bob "));
	reader_close(r);
	r = reader_open(j, &cfg, cols, 2, &err);
	CHECK_INT(r ? reader_next(r, &rec, &err) : -2, 1);
	CHECK(is(&rec, 1, "\tx"));
	reader_close(r);
	cfg.trim = 1;
	r = reader_open(t, &cfg, cols, 2, &err);
	CHECK_INT(r ? reader_next(r, &rec, &err) : -2, 1);
	CHECK(is(&rec, 0, "bob"));
	CHECK(is(&rec, 1, "x"));
	reader_close(r);
	r = reader_open(j, &cfg, cols, 2, &err);
	CHECK_INT(r ? reader_next(r, &rec, &err) : -2, 1);
	CHECK(is(&rec, 0, "bob"));
	CHECK(is(&rec, 1, "x"));
	reader_close(r);
}

int main(void)
{
	if (fixture_begin("test_read_csv") < 0)
		return 2;
	TEST_RUN(test_csv_quoting);
	TEST_RUN(test_csv_crlf_bom);
	TEST_RUN(test_csv_ragged);
	TEST_RUN(test_csv_bad_quotes);
	TEST_RUN(test_big);
	TEST_RUN(test_csv_fast_path);
	TEST_RUN(test_csv_spaces);
	fixture_end();
	return TEST_EXIT();
}
