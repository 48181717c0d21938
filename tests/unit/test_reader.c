/* Unit tests for lib/reader.c.  Inputs are written to a mkdtemp folder;
 * expected values, line numbers and messages are worked out by hand from
 * the input text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "io/csvsplit.h"
#include "io/jsonflat.h"
#include "io/reader.h"

static char tmpdir[64];
static char paths[128][128];
static int npaths;

/* Writes data to tmpdir/name and returns the path. */
static const char *put(const char *name, const char *data, size_t len)
{
	char *p = paths[npaths % 128];
	FILE *fp;

	snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
	npaths++;
	fp = fopen(p, "wb");
	if (!fp) {
		perror(p);
		exit(2);
	}
	if (len)
		fwrite(data, 1, len, fp);
	fclose(fp);
	return p;
}

#define PUT(name, s) put(name, s, sizeof(s) - 1)

static const struct reader_config defcfg = {.format = READER_AUTO};

/* Whether field i of rec is exactly want (bytes and length). */
static int is(const struct record *rec, size_t i, const char *want)
{
	return i < rec->nfields && rec->field[i] &&
		rec->len[i] == strlen(want) &&
		memcmp(rec->field[i], want, rec->len[i]) == 0 &&
		rec->field[i][rec->len[i]] == '\0';
}

/* Reads every record, returns the number returned (or -1). */
static long drain(struct reader *r)
{
	struct record rec;
	struct error err;
	long n = 0;
	int k;

	if (!r)
		return -2;
	while ((k = reader_next(r, &rec, &err)) == 1)
		n++;
	return k < 0 ? -1 : n;
}

static const struct reader_column events[] = {
	{"time", 1}, {"user", 1}, {"feature", 1},
};

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

/* --map renames, several calls accumulate, a quoted header with a comma. */
static void test_map(void)
{
	const char *p = PUT("map.csv",
		"When,\"Who, exactly\",What\n"
		"2026-10-01,alice,login\n");
	struct colmap *m = colmap_new();
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;

	CHECK_INT(colmap_add(m, "time=when", &err), 0);
	CHECK_INT(colmap_add(m, "user=\"Who, exactly\", feature = What", &err), 0);
	cfg.map = m;
	r = reader_open(p, &cfg, events, 3, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(reader_column_name(r, 1), "Who, exactly");
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 0, "2026-10-01"));
		CHECK(is(&rec, 1, "alice"));
		CHECK(is(&rec, 2, "login"));
		reader_close(r);
	}
	/* a pair naming a header that is not there */
	CHECK_INT(colmap_add(m, "feature=Action", &err), 0);
	r = reader_open(p, &cfg, events, 3, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "--map \"feature\"=\"Action\": no such column "
		  "(found: \"When\", \"Who, exactly\", \"What\")");
	reader_close(r);
	colmap_free(m);

	m = colmap_new();
	CHECK_INT(colmap_add(m, "time", &err), -1);
	CHECK(strstr(err.msg, "--map") != NULL);
	CHECK_INT(colmap_add(m, "=x", &err), -1);
	CHECK_INT(colmap_add(m, "a=", &err), -1);
	CHECK_INT(colmap_add(m, "a=\"open", &err), -1);
	CHECK_INT(colmap_add(m, "a=b,", &err), -1);
	colmap_free(m);
	colmap_free(NULL);
}

/* A required column missing, a wanted column twice. */
static void test_header_errors(void)
{
	const char *p = PUT("missing.csv", "when,who,what\n1,2,3\n");
	const char *p2 = PUT("dup.csv", "time,user,feature, TIME \n1,2,3,4\n");
	struct error err;
	struct reader *r = reader_open(p, &defcfg, events, 3, &err);

	CHECK(r == NULL);
	CHECK_STR(err.msg, "missing required column \"time\" "
		  "(found: \"when\", \"who\", \"what\")");
	CHECK_STR(err.file, p);
	CHECK_INT(err.line, 1);
	r = reader_open(p2, &defcfg, events, 3, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "duplicate column \"time\" "
		  "(2 columns; --map 'time=time#2' picks the second)");
	/* a column that is not wanted may repeat */
	p = PUT("dup2.csv", "time,user,feature,x,x\n1,2,3,4,5\n");
	r = reader_open(p, &defcfg, events, 3, &err);
	CHECK(r != NULL);
	CHECK_INT(drain(r), 1);
	reader_close(r);
	/* no such file */
	r = reader_open("/nonexistent/x.csv", &defcfg, events, 3, &err);
	CHECK(r == NULL);
	CHECK_STR(err.file, "/nonexistent/x.csv");
	CHECK(strncmp(err.msg, "cannot open: ", 13) == 0);
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

/* A JSON array of multi-line objects, keys in any order, numbers,
 * booleans and null. */
static void test_json_array(void)
{
	static const struct reader_column cols[] = {
		{"time", 1}, {"user", 1}, {"n", 0}, {"r", 0}, {"ok", 0},
		{"nul", 0}, {"absent", 0},
	};
	const char *p = PUT("a.json",
		"[\n"								/* 1 */
		"  {\"time\": \"2026-10-01\",\n"				/* 2 */
		"   \"User\": \"alice\", \"n\": 12, \"r\": 12.5, \"ok\": true,\n"	/* 3 */
		"   \"nul\": null, \"s\": \"a]},{\\\"b\"},\n"			/* 4 */
		"  {\"user\": \"bob\",\n"					/* 5 */
		"   \"time\": \"2026-10-02\", \"n\": -9007199254740993,\n"	/* 6 */
		"   \"r\": 0.1, \"ok\": false, \"extra\": [1, {\"x\": 2}]},\n"	/* 7 */
		"  {\"time\": \"t\", \"user\": \"u\", \"r\": 1e300, \"n\": 0}\n"	/* 8 */
		"]\n");								/* 9 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 7, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_JSON);
	CHECK_STR(reader_column_name(r, 1), "User");
	CHECK_INT(reader_has_column(r, 6), 0);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 2);
	CHECK(is(&rec, 0, "2026-10-01"));
	CHECK(is(&rec, 1, "alice"));
	CHECK(is(&rec, 2, "12"));
	CHECK(is(&rec, 3, "12.5"));
	CHECK(is(&rec, 4, "true"));
	CHECK(rec.field[5] == NULL);	/* null */
	CHECK(rec.field[6] == NULL);	/* absent */
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 5);
	CHECK(is(&rec, 0, "2026-10-02"));
	CHECK(is(&rec, 1, "bob"));
	CHECK(is(&rec, 2, "-9007199254740993"));	/* not rounded by a double */
	CHECK(is(&rec, 3, "0.1"));
	CHECK(is(&rec, 4, "false"));
	CHECK(rec.field[5] == NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 8);
	CHECK(is(&rec, 3, "1e+300"));
	CHECK(is(&rec, 2, "0"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rows(r), 3);
	CHECK_INT(reader_rejected(r), 0);
	reader_close(r);
}

/* Elements that are not objects, and wanted values that are arrays or
 * objects, are bad rows; reading goes on. */
static void test_json_bad_elements(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 1}};
	const char *p = PUT("bad.json",
		"[{\"time\": \"t1\", \"user\": \"a\"},\n"	/* 1 */
		" 5,\n"						/* 2 */
		" {\"time\": {\"a\": 1}, \"user\": \"b\"},\n"	/* 3 */
		" {\"time\": \"t3\", \"user\": [1]},\n"		/* 4 */
		" {\"time\": \"t4\" \"user\": 1},\n"		/* 5: no comma */
		" {\"time\": \"t5\", \"user\": null},\n"		/* 6 */
		" {\"time\": \"t6\", \"user\": \"f\"}]");		/* 7 */
	FILE *rej = tmpfile();
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;
	char out[2048];
	size_t n;

	cfg.rejects = rej;
	r = reader_open(p, &cfg, cols, 2, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 1);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 7);
	CHECK(is(&rec, 1, "f"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 5);
	CHECK_INT(reader_first_reject_line(r), 2);
	CHECK_STR(reader_first_reject_reason(r), "not a JSON object");
	reader_close(r);
	rewind(rej);
	n = fread(out, 1, sizeof out - 1, rej);
	out[n] = '\0';
	fclose(rej);
	/* one CSV row each: file,line,reason,record (compact JSON, or the
	 * text as read when it does not parse) */
	{
		char want[2048];
		snprintf(want, sizeof want,
			 "%s,2,not a JSON object,5\n"
			 "%s,3,\"column \"\"time\"\": expected a value, found an object\","
			 "\"{\"\"time\"\":{\"\"a\"\":1},\"\"user\"\":\"\"b\"\"}\"\n"
			 "%s,4,\"column \"\"user\"\": expected a value, found an array\","
			 "\"{\"\"time\"\":\"\"t3\"\",\"\"user\"\":[1]}\"\n",
			 p, p, p);
		CHECK(strncmp(out, want, strlen(want)) == 0);
		if (strncmp(out, want, strlen(want)) != 0)
			fprintf(stderr, "got:\n%s\nwant:\n%s\n", out, want);
	}
	CHECK(strstr(out, ",5,\"invalid JSON: ") != NULL);
	CHECK(strstr(out, ",6,\"column \"\"user\"\": missing value\","
		     "\"{\"\"time\"\":\"\"t5\"\",\"\"user\"\":null}\"\n") != NULL);
}

/* Malformed array structure is fatal, with the line. */
static void test_json_malformed(void)
{
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	p = PUT("m1.json", "[{\"a\": 1}\n {\"a\": 2}]\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(reader_next(r, &rec, &err), -1);
		CHECK_INT(err.line, 2);
		CHECK_STR(err.file, p);
		CHECK_STR(err.msg, "unexpected \"{\" after an array element "
			  "(expected \",\" or \"]\")");
		reader_close(r);
	}
	p = PUT("m2.json", "[{\"a\": 1},\n{\"a\": 2");	/* truncated */
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(reader_next(r, &rec, &err), -1);
		CHECK_INT(err.line, 2);
		CHECK(strstr(err.msg, "not closed") != NULL);
		reader_close(r);
	}
	p = PUT("m3.json", "[{\"a\": 1}]\n]\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(reader_next(r, &rec, &err), -1);
		CHECK_INT(err.line, 2);
		reader_close(r);
	}
	p = PUT("m4.json", "{\"a\": 1}\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "unexpected \"{\" where a JSON array should start");
	/* the scalar 1 is rejected while looking for the first object,
	 * then ",," is fatal */
	p = PUT("m5.json", "[1,,2]");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "unexpected \",\" where an array element should be");
	p = PUT("m6.json", "[{\"a\":1},]");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	CHECK_INT(drain(r), -1);
	reader_close(r);
	/* an empty array: no rows, even with required columns */
	p = PUT("m7.json", " [ ] ");
	r = reader_open(p, &defcfg, events, 3, &err);
	CHECK(r != NULL);
	CHECK_INT(drain(r), 0);
	CHECK_INT(reader_has_column(r, 0), 0);
	reader_close(r);
}

/* NDJSON: a blank line skipped, bad lines rejected with their numbers. */
static void test_ndjson(void)
{
	static const struct reader_column cols[] = {{"time", 1}, {"user", 1}};
	const char *p = PUT("n.ndjson",
		"{\"time\":\"a\",\"user\":\"u1\"}\n"	/* 1 */
		"\n"					/* 2 */
		"{\"time\":\"b\",\n"			/* 3: not closed */
		"[1,2]\n"				/* 4: not an object */
		"  {\"user\":\"u3\",\"time\":\"c\"}\r\n"	/* 5 */
		"{\"time\":\"d\",\"user\":\"u4\"}");	/* 6 */
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, cols, 2, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_format(r), READER_NDJSON);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 1);
	CHECK(is(&rec, 1, "u1"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 5);
	CHECK(is(&rec, 0, "c") && is(&rec, 1, "u3"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 6);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 2);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK(strncmp(reader_first_reject_reason(r), "invalid JSON: ", 14) == 0);
	reader_close(r);

	/* the first line bad: the keys come from the first object */
	p = PUT("n2.jsonl", "nope\n{\"time\":\"a\",\"user\":\"u\"}\n");
	r = reader_open(p, &defcfg, cols, 2, &err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(drain(r), 1);
	CHECK_INT(reader_first_reject_line(r), 1);
	reader_close(r);
}

/* Raw mode on JSON: the first object's keys in order; later objects
 * matched by name, extra keys ignored. */
static void test_json_raw(void)
{
	const char *p = PUT("raw.ndjson",
		"{\"b\":1,\"a\":\"x\"}\n"
		"{\"a\":\"y\",\"c\":3,\"b\":2}\n"
		"{\"a\":\"z\"}\n");
	struct error err;
	struct record rec;
	struct reader *r = reader_open(p, &defcfg, NULL, 0, &err);

	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_INT(reader_ncolumns(r), 2);
	CHECK_STR(reader_column_name(r, 0), "b");
	CHECK_STR(reader_column_name(r, 1), "a");
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "1") && is(&rec, 1, "x"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.nfields, 2);
	CHECK(is(&rec, 0, "2") && is(&rec, 1, "y"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(rec.field[0] == NULL && is(&rec, 1, "z"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	reader_close(r);
}

/* 100000 levels of nesting: rejected, no crash, the next one read. */
static void test_json_deep(void)
{
	size_t depth = 100000, i, n = 0;
	char *s = malloc(2 * depth + 64);
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	if (!s)
		return;
	s[n++] = '[';
	for (i = 0; i < depth; i++)
		s[n++] = '[';
	for (i = 0; i < depth; i++)
		s[n++] = ']';
	memcpy(s + n, ",\n{\"a\":1}]", 10);
	n += 10;
	p = put("deep.json", s, n);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_rejected(r), 1);
		CHECK_STR(reader_first_reject_reason(r),
			  "JSON nested deeper than 1000 levels");
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 2);
		CHECK(is(&rec, 0, "1"));
		CHECK_INT(reader_next(r, &rec, &err), 0);
		reader_close(r);
	}
	/* the same as an NDJSON line */
	p = put("deep.ndjson", s + 1, 2 * depth);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_rejected(r), 1);
		CHECK_INT(drain(r), 0);
		reader_close(r);
	}
	/* only opening brackets: truncated, fatal */
	p = put("deep2.json", s, depth);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK(strstr(err.msg, "not closed") != NULL);
	/* 1001 objects deep inside an object key value */
	n = 0;
	for (i = 0; i < 1001; i++) {
		memcpy(s + n, "{\"k\":", 5);
		n += 5;
	}
	s[n++] = '1';
	for (i = 0; i < 1001; i++)
		s[n++] = '}';
	s[n++] = '\n';
	p = put("deep3.ndjson", s, n);
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_rejected(r), 1);
		reader_close(r);
	}
	free(s);
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

/* Standard input through a pipe: no seeking possible. */
static void test_stdin(void)
{
	static const char *const data[] = {
		"[\n{\"a\": \"x\"},\n{\"a\": \"y\"}]\n",
		"a\tb\n1\t2\n3\t4\n",
	};
	static const enum reader_format want[] = {READER_JSON, READER_TSV};
	int saved = dup(0);
	size_t i;

	for (i = 0; i < 2; i++) {
		int fd[2];
		struct error err;
		struct reader *r;

		if (pipe(fd) < 0)
			return;
		if (write(fd[1], data[i], strlen(data[i])) < 0)
			return;
		close(fd[1]);
		dup2(fd[0], 0);
		close(fd[0]);
		clearerr(stdin);
		r = reader_open(i ? "-" : NULL, &defcfg, NULL, 0, &err);
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK_STR(reader_path(r), "stdin");
		CHECK_INT(reader_format(r), want[i]);
		CHECK_INT(drain(r), 2);
		reader_close(r);
	}
	dup2(saved, 0);
	close(saved);
	clearerr(stdin);
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

/* --delimiter, --null, --default, Name#N and --encoding (issue #11). */
static void test_export_shapes(void)
{
	static const struct reader_column tick[] = {
		{"id", 1}, {"sprint", 0}, {"status", 1}, {"end", 0},
	};
	static const char *const nulls[] = {"NULL", "?", NULL};
	struct reader_config cfg = defcfg;
	struct colmap *map = colmap_new(), *dflt = colmap_new();
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

	/* Sprint#2 is the second Sprint; a column literally named "x#2" wins
	 * over the second x; Sprint#3 is not there */
	cfg.nulls = NULL;
	CHECK_INT(colmap_add(map, "sprint=Sprint#2,id=x#2", &err), 0);
	cfg.map = map;
	p = PUT("nth.csv", "x;x#2;Sprint;sprint;x\n1;2;S1;S2;3\n");
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "2"));
	CHECK(is(&rec, 1, "S2"));
	reader_close(r);
	CHECK_INT(colmap_add(map, "sprint=Sprint#3", &err), 0);
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "--map \"sprint\"=\"Sprint#3\": no such column (found: "
		  "\"x\", \"x#2\", \"Sprint\", \"sprint\", \"x\")");
	cfg.map = NULL;
	cfg.defaults = NULL;

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
	cfg.delimiter = 0;

	/* Latin-1: every byte is a character; "Priorit\xe4t" matches the
	 * UTF-8 name */
	colmap_free(map);
	map = colmap_new();
	CHECK_INT(colmap_add(map, "status=Priorit\xc3\xa4t", &err), 0);
	cfg.map = map;
	cfg.encoding = "ISO-8859-1";
	p = PUT("latin1.csv", "id,Priorit\xe4t\nStra\xdf\x65,h\xf6\x63hste\n");
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "Stra\xc3\x9f" "e"));
	CHECK(is(&rec, 2, "h\xc3\xb6" "chste"));
	reader_close(r);

	/* Windows-1252: 0x80 is the euro sign, 0x81 is not a character: its
	 * row is rejected where a wanted column holds it, ignored elsewhere */
	cfg.encoding = "WINDOWS-1252";
	p = PUT("cp1252.csv",
		"id,Priorit\xe4t,other\n"		/* line 1 */
		"\x80 1,\x93hi\x94,x\n"		/* line 2 */
		"2,bad \x81,x\n"			/* line 3 */
		"3,ok,bad \x81\n");			/* line 4 */
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "\xe2\x82\xac 1"));
	CHECK(is(&rec, 2, "\xe2\x80\x9chi\xe2\x80\x9d"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "3"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 1);
	CHECK_INT(reader_first_reject_line(r), 3);
	CHECK_STR(reader_first_reject_reason(r), "column \"status\": invalid UTF-8");
	CHECK(reader_seek(r, 0, 1, &err) < 0);
	reader_close(r);

	/* more input than one conversion buffer, with a two-byte result
	 * split at every possible place */
	{
		size_t n = 200000, i, len;
		char *big = malloc(n + 32);
		long rows;
		if (!big) {
			CHECK(big != NULL);
			return;
		}
		len = (size_t)snprintf(big, 32, "id,Priorit\xe4t\n");
		for (i = 0; len + 8 < n; i++) {
			memcpy(big + len, "\xe9,\xe4\xe4\n", 5);
			len += 5;
		}
		r = reader_open(put("bigl1.csv", big, len), &cfg, tick, 4, &err);
		rows = drain(r);
		CHECK_INT(rows, (long)i);
		CHECK_INT(reader_rejected(r), 0);
		reader_close(r);
		free(big);
	}

	cfg.encoding = "NO-SUCH-ENCODING";
	r = reader_open(p, &cfg, tick, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "unknown encoding \"NO-SUCH-ENCODING\" (iconv -l lists them)");
	CHECK(!reader_encoding_ok("NO-SUCH-ENCODING"));
	CHECK(reader_encoding_ok("latin1"));
	colmap_free(map);
	colmap_free(dflt);
}

/* The JSON fast path (lib/jsonflat.c) and jansson on the same records:
 * each expected value is worked by hand from RFC 8259 and jansson's rules
 * (a repeated key keeps its last value, an integer prints back as
 * %lld, a real in the shortest form that reads back the same), and the
 * file read with every record sent to jansson must agree. */
static void test_json_fast_path(void)
{
	static const char text[] =
		"{\"a\":\"x\",\"b\":1,\"c\":true,\"d\":null}\n"	/* line 1: keys */
		" { \"d\" : \"caf\xC3\xA9\" , \"a\":-12,\"b\":false } \r\n" /* 2: order, spaces */
		"{\"a\":\"1\",\"a\":\"2\",\"b\":\"\"}\n"		/* 3: repeated key */
		"{\"a\":-0,\"b\":1.50,\"c\":1e3}\n"		/* 4: jansson's numbers */
		"{\"a\":0.1,\"b\":-0.0,\"c\":2.5E-3,\"d\":1e400}\n"	/* 5: overflow: rejected */
		"{\"a\":0.1,\"b\":-0.0,\"c\":2.5E-3}\n"		/* 6: reals */
		"{\"a\":\"tab\\there\",\"b\":\"\\u00e9\"}\n"	/* 7: escapes */
		"{\"A\":\"up\",\"a\":\"low\"}\n"			/* 8: one column named twice */
		"{\"a\":\"\xFF\"}\n"				/* 9: invalid UTF-8: rejected */
		"{\"a\":[1]}\n"					/* 10: an array: rejected */
		"{\"a\":01}\n"					/* 11: not JSON: rejected */
		"{\"zz\":{\"deep\":1},\"a\":\"ok\"}\n";		/* 12: unwanted nested value */
	static const char *const want[][4] = {
		{"x", "1", "true", NULL},
		{"-12", "false", NULL, "caf\xC3\xA9"},
		{"2", "", NULL, NULL},
		{"0", "1.5", "1000", NULL},
		{"0.1", "-0", "0.0025", NULL},
		{"tab\there", "\xC3\xA9", NULL, NULL},
		{"up", NULL, NULL, NULL},
		{"ok", NULL, NULL, NULL},
	};
	static const unsigned long lines[] = { 1, 2, 3, 4, 6, 7, 8, 12 };
	const char *p = put("fast.ndjson", text, sizeof text - 1);
	struct reader_config cfg = {.format = READER_NDJSON};
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
				CHECK(want[k][i] ? is(&rec, i, want[k][i])
				      : rec.field[i] == NULL);
		}
		CHECK_INT(reader_next(r, &rec, &err), 0);
		CHECK_INT(reader_rejected(r), 4);
		CHECK_INT(reader_first_reject_line(r), 5);
		reader_close(r);
	}

	/* jsonflat_parse directly: the subset's edges */
	{
		struct jsonflat_member m[2];
#define JF(lit) jsonflat_parse(lit, sizeof lit - 1, m, 2)

		CHECK_INT(JF("{}"), 0);
		CHECK_INT(JF(" {\"k\":\"v\",\"n\":-5,\"t\":null} "), 3);
		CHECK_INT(m[0].key, 3);
		CHECK_INT(m[0].key_len, 1);
		CHECK_INT(m[0].val_len, 1);
		CHECK_INT(m[1].type, JSONFLAT_NUMBER);
		CHECK_INT(m[1].val_len, 2);
		CHECK_INT(JF("{\"k\":1234567890123456789}"), -1);
		CHECK_INT(JF("{\"k\":123456789012345678}"), 1);
		CHECK_INT(JF("{\"k\":1}x"), -1);
		CHECK_INT(JF("{\"k\":1,}"), -1);
		CHECK_INT(JF("{\"k\":tru}"), -1);
		CHECK_INT(JF("{\"k\":\"a\x01\"}"), -1);
		CHECK_INT(JF("[]"), -1);
		CHECK_INT(JF("{\"k\":1e999}"), -1);
		CHECK_INT(JF("{\"k\":1.}"), -1);
		CHECK_INT(JF("{\"k\":.5}"), -1);
		CHECK_INT(JF("{\"k\":1e}"), -1);
		CHECK_INT(JF("{\"k\":1.5e+2}"), 1);
		CHECK_INT(m[0].type, JSONFLAT_REAL);
		CHECK(m[0].real == 150.0);
		CHECK_INT(m[0].val_len, 6);
#undef JF
	}
}

/* The quote-free fast path (lib/csvsplit.c) on its edge cases: each
 * expected field is what libcsv gives (unquoted spaces, tabs and CRs
 * trimmed at both ends, a delimiter at the end makes an empty field), and
 * the same file read with every line sent to libcsv must agree. */
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
		{"x", "y", "z", "w"},
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
		CHECK(is(&rec, 1, "x"));
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
		CHECK_INT(len[0], 1);
		CHECK_INT(out[off[0]], 'a');
		CHECK_INT(len[1], 1);
		CHECK_INT(csvsplit_blank(" \t\r", 3, ','), 1);
		CHECK_INT(csvsplit_blank(" \t\r", 3, '\t'), 0);
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

int main(void)
{
	int i;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_reader.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	TEST_RUN(test_csv_quoting);
	TEST_RUN(test_csv_crlf_bom);
	TEST_RUN(test_csv_ragged);
	TEST_RUN(test_csv_bad_quotes);
	TEST_RUN(test_utf8);
	TEST_RUN(test_map);
	TEST_RUN(test_header_errors);
	TEST_RUN(test_missing_value);
	TEST_RUN(test_tsv);
	TEST_RUN(test_json_array);
	TEST_RUN(test_json_bad_elements);
	TEST_RUN(test_json_malformed);
	TEST_RUN(test_ndjson);
	TEST_RUN(test_json_raw);
	TEST_RUN(test_json_deep);
	TEST_RUN(test_strict);
	TEST_RUN(test_reject_stream);
	TEST_RUN(test_sniff);
	TEST_RUN(test_stdin);
	TEST_RUN(test_empty);
	TEST_RUN(test_garbage);
	TEST_RUN(test_big);
	TEST_RUN(test_format_names);
	TEST_RUN(test_export_shapes);
	TEST_RUN(test_csv_fast_path);
	TEST_RUN(test_json_fast_path);
	for (i = 0; i < npaths && i < 128; i++)
		unlink(paths[i]);
	rmdir(tmpdir);
	return TEST_EXIT();
}
