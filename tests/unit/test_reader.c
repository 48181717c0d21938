/* Unit tests for lib/io/reader.c, the core: the value checks (UTF-8,
 * NUL, missing values, --null, --default), --strict, reader_reject and
 * the rejects stream, sniffing, empty inputs and garbage, format names.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/reader.h"
#include "reader_fixture.h"

/* UTF-8 names survive byte for byte; invalid UTF-8 in a wanted column
 * is a bad row naming the column. */
static void test_utf8(void)
{
	static const struct reader_column cols[] = {{"role", 1}, {"user", 1}};
	const char *p = PUT("utf8.csv",
		"role,user\n"				/* 1 */
		"\xE9\xA1\xB9\xE7\x9B\xAE\xE7\xBB\x8F\xE7\x90\x86,"
		"\xE5\xBC\xA0\xE4\xB8\x89\n"		/* 2: 项目经理,张三 */
		"dev,bad\xFF\n"				/* 3: invalid */
		"dev,\xED\xA0\x80\n");			/* 4: surrogate */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 2, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "\xE9\xA1\xB9\xE7\x9B\xAE\xE7\xBB\x8F\xE7\x90\x86"));
	CHECK(is(&rec, 1, "\xE5\xBC\xA0\xE4\xB8\x89"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 2);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_STR(reader_first_reject_reason(r), "column \"user\": invalid UTF-8");
	reader_close(r);

	/* a header in Chinese, raw mode */
	p = PUT("utf8h.csv", "\xE8\xA7\x92\xE8\x89\xB2,x\n1,2\n");	/* 角色 */
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(reader_column_name(r, 0), "\xE8\xA7\x92\xE8\x89\xB2");
	reader_close(r);
}

/* A required value that is empty is a bad row. */
static void test_missing_value(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 1}};
	const char *p = PUT("empty.csv",
		"time,user\n"	/* 1 */
		"2026,\n"	/* 2: user empty */
		"2026,bob\n");	/* 3 */
	struct error err;
	struct reader *r = reader_open(p, &defcfg, cols, 2, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(drain(r), 1);
	CHECK_INT(reader_first_reject_line(r), 2);
	CHECK_STR(reader_first_reject_reason(r), "column \"user\": missing value");
	reader_close(r);
}

/* --strict: the first bad row is fatal, with file, line and reason. */
static void test_strict(void)
{
	const char *p = PUT("strict.csv", "a,b\n1,2\n3\n4,5\n");
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;

	cfg.strict = 1;
	r = reader_open(p, &cfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(reader_next(r, &rec, &err), -1);
	CHECK_STR(err.file, p);
	CHECK_INT(err.line, 3);
	CHECK_STR(err.msg, "expected 2 fields, found 1");
	reader_close(r);

	/* reader_reject is fatal too */
	r = reader_open(p, &cfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(reader_reject(r, &rec, "column \"a\": cannot parse \"1\"", &err), -1);
	CHECK_INT(err.line, 2);
	CHECK_STR(err.msg, "column \"a\": cannot parse \"1\"");
	reader_close(r);
}

/* reader_reject counts, and the rejects stream gets file,line,reason,record
 * with the record re-joined as CSV. */
static void test_reject_stream(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 0}};
	const char *p = PUT("rej.csv",
		"time,user\n"		/* 1 */
		"1,a\n"			/* 2 */
		"2\n"			/* 3: ragged */
		"3,\"c,d\"\n");		/* 4: rejected by the caller */
	FILE *rej = tmpfile();
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;
	char out[1024], want[1024];
	size_t n;

	cfg.rejects = rej;
	r = reader_open(p, &cfg, cols, 2, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 4);
	CHECK_INT(reader_rows(r), 2);
	CHECK_INT(reader_reject(r, &rec, "column \"time\": cannot parse \"3\"", &err), 0);
	CHECK_INT(reader_rows(r), 1);
	CHECK_INT(reader_rejected(r), 2);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	reader_close(r);
	rewind(rej);
	n = fread(out, 1, sizeof out - 1, rej);
	out[n] = '\0';
	fclose(rej);
	/* row 3: record "2"; row 4: record 3,"c,d" quoted again as a field */
	snprintf(want, sizeof want,
		 "%s,3,\"expected 2 fields, found 1\",2\n"
		 "%s,4,\"column \"\"time\"\": cannot parse \"\"3\"\"\","
		 "\"3,\"\"c,d\"\"\"\n", p, p);
	CHECK_STR(out, want);
}

/* Sniffing, from files without an extension and from standard input. */
static void test_sniff(void)
{
	static const struct {
		const char *name, *data;
		enum reader_format f;
	} t[] = {
		{"s1", "\xEF\xBB\xBF \n [{\"a\":1}]", READER_JSON},
		{"s2", "{\"a\":1}\n{\"a\":2}\n", READER_NDJSON},
		{"s3", "a\tb\n1\t2\n", READER_TSV},
		{"s4", "a,b\tc\n1,2\n", READER_CSV},
		{"s5", "a,b\n1,2\n", READER_CSV},
		{"s6", "a\n1\n", READER_CSV},
		{"s7.TSV", "a,b\n1,2\n", READER_TSV},	/* the extension wins */
		{"s8.JsonL", "{\"a\":1}\n", READER_NDJSON},
	};
	struct error err;
	struct reader *r;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *p = put(t[i].name, t[i].data, strlen(t[i].data));
		r = reader_open(p, &defcfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK_INT(reader_format(r), t[i].f);
		CHECK(drain(r) >= 1);
		CHECK_INT(reader_rejected(r), 0);
		reader_close(r);
	}
	/* --input-format overrides the extension */
	{
		struct reader_config cfg = defcfg;
		const char *p = PUT("s9.csv", "a\tb\n1\t2\n");
		cfg.format = READER_TSV;
		r = reader_open(p, &cfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (r) {
			CHECK_INT(reader_ncolumns(r), 2);
			reader_close(r);
		}
	}
}

/* Empty inputs fail to open; a header alone gives no rows. */
static void test_empty(void)
{
	struct error err;
	struct reader *r;
	const char *p;

	p = put("e.csv", "", 0);
	r = reader_open(p, &defcfg, events, 3, &err);
	CHECK(r == NULL);
	CHECK(strstr(err.msg, "empty input") != NULL);
	p = PUT("e2.csv", "\n\r\n  \n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK(strstr(err.msg, "empty input") != NULL);
	p = put("e.json", "", 0);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK(strstr(err.msg, "empty input") != NULL);
	p = PUT("e.ndjson", "\n\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK(strstr(err.msg, "empty input") != NULL);
	p = put("e", "", 0);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	p = PUT("h.csv", "time,user,feature\n");
	r = reader_open(p, &defcfg, events, 3, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(drain(r), 0);
		CHECK_INT(reader_rows(r), 0);
		CHECK_INT(reader_rejected(r), 0);
		reader_close(r);
	}
}

/* Binary garbage, NUL bytes: no crash in any format. */
static void test_garbage(void)
{
	static const char *const names[] = {
		"g.csv", "g.tsv", "g.json", "g.ndjson", "g",
	};
	static const char *const seeds[] = {
		"", "[", "{", "\"", "a,b\n",
	};
	char data[20000];
	unsigned long x = 12345;
	size_t i, j, k;

	for (k = 0; k < 5; k++) {
		for (j = 0; j < sizeof names / sizeof names[0]; j++) {
			struct error err;
			struct reader *r;
			size_t n = strlen(seeds[k]);
			memcpy(data, seeds[k], n);
			for (i = n; i < sizeof data; i++) {
				x = x * 1103515245UL + 12345UL;
				data[i] = (char)(x >> 16);
				if (k == 4 && (x >> 8) % 7 == 0)
					data[i] = "\n,\"\t[]{}"[(x >> 12) % 8];
			}
			r = reader_open(put(names[j], data, sizeof data), &defcfg,
					NULL, 0, &err);
			if (r) {
				CHECK(drain(r) >= -1);
				reader_close(r);
			}
		}
	}
	/* a NUL byte inside a field rejects the row: commands use values as
	 * C strings, and "x\0y" would silently become "x" (issue #10) */
	{
		struct error err;
		struct record rec;
		const char *p = put("nul.csv", "a,b\nx\0y,z\n", 10);
		struct reader *r = reader_open(p, &defcfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (r) {
			CHECK_INT(reader_next(r, &rec, &err), 0);
			CHECK_INT(reader_rejected(r), 1);
			CHECK(strstr(reader_first_reject_reason(r), "NUL") != NULL);
			reader_close(r);
		}
	}
}

static void test_format_names(void)
{
	enum reader_format f = READER_AUTO;

	CHECK_INT(reader_format_parse("csv", &f), 0);
	CHECK_INT(f, READER_CSV);
	CHECK_INT(reader_format_parse("jsonl", &f), 0);
	CHECK_INT(f, READER_NDJSON);
	CHECK_INT(reader_format_parse("auto", &f), 0);
	CHECK_INT(f, READER_AUTO);
	CHECK_INT(reader_format_parse("xml", &f), -1);
	CHECK_STR(reader_format_name(READER_TSV), "tsv");
	CHECK_STR(reader_format_name(READER_NDJSON), "ndjson");
}

/* --delimiter, --null and --default (issue #11). */
static void test_null_default(void)
{
	static const char *const nulls[] = {"NULL", "?", NULL};
	struct reader_config cfg = defcfg;
	struct colmap *dflt = colmap_new();
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	/* ';' with quotes; "Sprint" twice (the first is used), NULL and ?
	 * are missing, status missing from the input takes its default */
	p = PUT("semi.csv",
		"id;Sprint;Sprint;end\n"		/* line 1 */
		"\"A;1\";S1;S2;NULL\n"		/* line 2 */
		"B;?;S3;2026\n"			/* line 3 */
		"NULL;S4;;x\n");			/* line 4: id missing */
	cfg.delimiter = ';';
	cfg.nulls = nulls;
	cfg.defaults = dflt;
	CHECK_INT(colmap_add(dflt, "status=ok,end=open", &err), 0);
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "A;1"));
	CHECK(is(&rec, 1, "S1"));
	CHECK(is(&rec, 2, "ok"));
	CHECK(is(&rec, 3, "open"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(rec.field[1] == NULL);
	CHECK(is(&rec, 3, "2026"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 4);
	CHECK_STR(reader_first_reject_reason(r), "column \"id\": missing value");
	CHECK(reader_has_column(r, 2));
	reader_close(r);
	colmap_free(dflt);
}

/* reader_set_end (-j): a record that starts before the end is read
 * whole, even one whose quoted field runs past it; the reader stops at
 * the first record (or blank line) at or after it, and says where. */
static void test_range_end(void)
{
	static const struct reader_column cols[] = {{"a", 1}, {"b", 1}};
	/* offsets: "a,b\n" 0-3, "1,x\n" 4-7, "2,\"y\nz\"\n" 8-15 (eight
	 * bytes on two lines, 3 and 4), "3,w\n" 16-19 (line 5), "\n" 20
	 * (line 6), "4,v\n" 21-24 (line 7) */
	const char *p = PUT("range.csv",
		"a,b\n1,x\n2,\"y\nz\"\n3,w\n\n4,v\n");
	struct error err;
	struct record rec;
	unsigned long line = 0;
	struct reader *r = reader_open(p, &defcfg, cols, 2, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	reader_set_end(r, 10);	/* inside the quoted field of line 3 */
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "1"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 1, "y\nz"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_stop(r, &line), 16);
	CHECK_INT(line, 5);
	reader_close(r);

	/* from 16 (line 5, counted from 1 here) to 20: one record, then
	 * the blank line at 20 (line 2 from there) is where it stops */
	r = reader_open(p, &defcfg, cols, 2, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_seek(r, 16, 1, &err), 0);
	reader_set_end(r, 20);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "3"));
	CHECK_INT(rec.line, 1);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_stop(r, &line), 20);
	CHECK_INT(line, 2);
	reader_close(r);

	/* no end reached: -1 */
	r = reader_open(p, &defcfg, cols, 2, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	reader_set_end(r, 1000);
	while (reader_next(r, &rec, &err) > 0)
		;
	CHECK_INT(reader_stop(r, NULL), -1);
	CHECK_INT(reader_rows(r), 4);
	reader_close(r);
}

int main(void)
{
	if (fixture_begin("test_reader") < 0)
		return 2;
	TEST_RUN(test_utf8);
	TEST_RUN(test_missing_value);
	TEST_RUN(test_strict);
	TEST_RUN(test_reject_stream);
	TEST_RUN(test_sniff);
	TEST_RUN(test_empty);
	TEST_RUN(test_garbage);
	TEST_RUN(test_format_names);
	TEST_RUN(test_null_default);
	TEST_RUN(test_range_end);
	fixture_end();
	return TEST_EXIT();
}
