/* Unit tests for lib/io/read_json.c: JSON arrays and NDJSON, through
 * jansson and the jsonflat fast path.
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "check.h"
#include "io/colmap.h"
#include "io/jsonflat.h"
#include "io/reader.h"
#include "reader_fixture.h"

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
	/* an object is one record now (issue 18 item 5: test_json_object) */
	p = PUT("m4.json", "{\"a\": 1}\n");
	r = reader_open(p, &defcfg, NULL, 0, &err);
	CHECK_INT(drain(r), 1);
	reader_close(r);
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

/* The JSON fast path (lib/io/jsonflat.c) and jansson on the same records:
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

/* The fast path's bit maps and fields (2026-12-03): lines of 15, 16, 70
 * and 3 000 bytes (the maps cover 16 to 2 048), escapes jansson decodes
 * (\u00e9 is C3 A9; the surrogate pair \ud83d\ude00 is U+1F600, F0 9F 98
 * 80), a repeated key, exponents (jansson reals: 1E2 prints "100"),
 * nested values, tabs and a CR between tokens, UTF-8 inside strings,
 * invalid UTF-8, an unclosed string, keys of 16 bytes and more, three
 * layouts of keys for the key cache, a BOM; each expected value worked
 * by hand from the text; the file read with every record sent to
 * jansson must agree. */
static void test_json_fast_path_2026_12_03(void)
{
	static const char head[] =
		"\xEF\xBB\xBF{\"a\":\"x\",\"b\":1,\"c\":true,\"long_key_name_over16\":\"first\"}\n" /* 1 */
		"{\"a\":\"\\u00e9\\ud83d\\ude00\",\"b\":\"q\\\"uote\",\"c\":\"\\/\",\"long_key_name_over16\":\"e\"}\n" /* 2 */
		"{\"a\":\"first-value\",\"b\":2,\"a\":\"second-value\",\"c\":false}\n" /* 3 */
		"{\"a\":1E2,\"b\":-2.5e-1,\"c\":12e+0,\"long_key_name_over16\":0}\n" /* 4 */
		"{\"a\":\"ok\",\"zz\":[1,{\"x\":2}],\"b\":3}\n" /* 5 */
		"{\t\"a\" :\t\"tabbed value here\" ,\"b\":\t7}\r\n" /* 6 */
		"{\"c\":\"na\xC3\xAFve caf\xC3\xA9 text\",\"long_key_name_over16\":\"end\"}\n" /* 7 */
		"{\"a\":\"valid start then \xC3\x28 bad\"}\n" /* 8: rejected */
		"{\"b\":\"B9\",\"a\":\"A9\"}\n" /* 9 */
		"{\"c\":\"C10\",\"a\":\"A10\"}\n" /* 10 */
		"{\"a\":\"A11\"}\n" /* 11 */
		"{\"a\":\"12345678\"}\n" /* 12: 16 bytes */
		"{\"a\":\"1234567\"}\n" /* 13: 15 bytes */
		"{\"a\":\"never closed at all, not even here\n"; /* 14: rejected */
	static const char *const want[][4] = {
		{"x", "1", "true", "first"},
		{"\xC3\xA9\xF0\x9F\x98\x80", "q\"uote", "/", "e"},
		{"second-value", "2", "false", NULL},
		{"100", "-0.25", "12", "0"},
		{"ok", "3", NULL, NULL},
		{"tabbed value here", "7", NULL, NULL},
		{NULL, NULL, "na\xC3\xAFve caf\xC3\xA9 text", "end"},
		{"A9", "B9", NULL, NULL},
		{"A10", NULL, "C10", NULL},
		{"A11", NULL, NULL, NULL},
		{"12345678", NULL, NULL, NULL},
		{"1234567", NULL, NULL, NULL},
	};
	static const unsigned long lines[] = { 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13 };
	char y70[71], z3000[3001];
	struct sbuf t = {0};
	struct reader_config cfg = {.format = READER_NDJSON};
	const char *p;
	int slow;

	memset(y70, 'y', 70);
	y70[70] = '\0';
	memset(z3000, 'z', 3000);
	z3000[3000] = '\0';
	sbuf_add(&t, head, sizeof head - 1);
	/* 15: a 70-byte value, across the first 64-bit word of the map */
	sbuf_add(&t, "{\"a\":\"", 6);
	sbuf_add(&t, y70, 70);
	sbuf_add(&t, "\"}\n", 3);
	/* 16: past the maps (3 008 bytes) */
	sbuf_add(&t, "{\"a\":\"", 6);
	sbuf_add(&t, z3000, 3000);
	sbuf_add(&t, "\"}\n", 3);
	p = put("fast2.ndjson", t.p, t.len);
	for (slow = 0; slow < 2; slow++) {
		struct error err;
		struct record rec;
		struct reader *r = reader_open(p, &cfg, NULL, 0, &err);
		size_t k, i;

		CHECK(r != NULL);
		if (!r)
			break;
		reader_set_slow_paths(r, slow);
		CHECK_INT(reader_ncolumns(r), 4);
		for (k = 0; k < sizeof lines / sizeof lines[0]; k++) {
			CHECK_INT(reader_next(r, &rec, &err), 1);
			CHECK_INT(rec.line, lines[k]);
			for (i = 0; i < 4; i++)
				CHECK(want[k][i] ? is(&rec, i, want[k][i])
				      : rec.field[i] == NULL);
		}
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 15);
		CHECK(is(&rec, 0, y70));
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK_INT(rec.line, 16);
		CHECK(is(&rec, 0, z3000));
		CHECK_INT(reader_next(r, &rec, &err), 0);
		CHECK_INT(reader_rejected(r), 2);
		CHECK_INT(reader_first_reject_line(r), 8);
		/* jansson's word for the bad byte, as before the fast path */
		CHECK_STR(reader_first_reject_reason(r),
			  "invalid JSON: unable to decode byte 0xc3 near '\"valid start then '");
		reader_close(r);
	}
	free(t.p);

	/* --trim, and b read from a's key: two fields from one member, each
	 * trimmed on its own ("  padded  " is "padded" both times) */
	{
		static const char two[] =
			"{\"a\":\"first\",\"x\":0}\n"
			"{\"a\":\"  padded  \",\"x\":1}\n";
		static const struct reader_column cols[] = { { "a", 1 }, { "b", 1 } };
		struct colmap *map = colmap_new();
		struct reader_config tc = {.format = READER_NDJSON, .trim = 1};
		struct error err;

		p = put("trim.ndjson", two, sizeof two - 1);
		CHECK_INT(colmap_add(map, "b=a", &err), 0);
		tc.map = map;
		for (slow = 0; slow < 2; slow++) {
			struct record rec;
			struct reader *r = reader_open(p, &tc, cols, 2, &err);

			CHECK(r != NULL);
			if (!r)
				break;
			reader_set_slow_paths(r, slow);
			CHECK_INT(reader_next(r, &rec, &err), 1);
			CHECK(is(&rec, 0, "first") && is(&rec, 1, "first"));
			CHECK_INT(reader_next(r, &rec, &err), 1);
			CHECK(is(&rec, 0, "padded") && is(&rec, 1, "padded"));
			CHECK_INT(reader_next(r, &rec, &err), 0);
			reader_close(r);
		}
		colmap_free(map);
	}

	/* jsonflat_parse directly, on both sides of the maps */
	{
		struct jsonflat_member m[2];
#define JF(lit) jsonflat_parse(lit, sizeof lit - 1, m, 2)

		/* 16 bytes, closed by the last quote but one */
		CHECK_INT(JF("{\"k\":\"abcdefgh\"}"), 1);
		CHECK_INT(m[0].val, 6);
		CHECK_INT(m[0].val_len, 8);
		/* not closed: the map's stop bit at n */
		CHECK_INT(JF("{\"k\":\"abcdefghijklmnopqrstuvwxyz"), -1);
		/* a backslash, a control byte, a bad UTF-8 byte in a long line */
		CHECK_INT(JF("{\"key\":\"0123456789\\n0123456789\"}"), -1);
		CHECK_INT(JF("{\"key\":\"0123456789\x01" "0123456789\"}"), -1);
		CHECK_INT(JF("{\"key\":\"0123456789\xFF" "0123456789\"}"), -1);
		/* valid UTF-8 and tabs outside strings in a long line */
		CHECK_INT(JF("{\t\"key\":\t\"0123456789\xC3\xA9" "0123456789\"\t}"), 1);
		CHECK_INT(m[0].val, 10);
		CHECK_INT(m[0].val_len, 22);
#undef JF
	}
}


/* Issue 18 item 5: an object holding the records.  A Statuspage
 * summary.json (its documented shape: page, components, incidents,
 * scheduled_maintenances, status) holds several arrays: --json-path
 * picks incidents; an incident's components (objects with a name) are
 * read as the names joined by ','; resolved_at null is an absent end,
 * not a rejected row. */
static void test_json_object(void)
{
	static const struct reader_column outage[] = {
		{"start", 1}, {"end", READER_PRESENT}, {"service", 0}, {"id", 0},
	};
	static const struct reader_column one[] = {{"start", 1}};
	static const char summary[] =
		"{\n"							/* 1 */
		"  \"page\": {\"id\": \"p1\", \"name\": \"Ex [1]\"},\n"	/* 2 */
		"  \"components\": [{\"name\": \"API\"}, {\"name\": \"Web\"}],\n"	/* 3 */
		"  \"incidents\": [\n"					/* 4 */
		"    {\"id\": \"i1\", \"started_at\": \"2026-10-20T08:00:00Z\",\n"	/* 5 */
		"     \"resolved_at\": null, \"impact\": \"major\",\n"	/* 6 */
		"     \"components\": [{\"id\": \"c1\", \"name\": \"API\"},\n"	/* 7 */
		"                    {\"id\": \"c2\", \"name\": \"Web\"}]},\n"	/* 8 */
		"    {\"id\": \"i2\", \"started_at\": \"2026-10-02T08:00:00Z\",\n"	/* 9 */
		"     \"resolved_at\": \"2026-10-02T09:00:00Z\", \"components\": []}\n"	/* 10 */
		"  ],\n"						/* 11 */
		"  \"scheduled_maintenances\": [],\n"			/* 12 */
		"  \"status\": {\"indicator\": \"major\"}\n"		/* 13 */
		"}\n";							/* 14 */
	struct colmap *map = colmap_new();
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p = PUT("summary.json", summary);

	CHECK_INT(colmap_add(map, "start=started_at,end=resolved_at,service=components", &err), 0);
	cfg.map = map;
	/* several arrays and no --json-path: an error naming them */
	error_clear(&err);
	r = reader_open(p, &cfg, outage, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "the JSON object holds several arrays (\"components\", "
		  "\"incidents\", \"scheduled_maintenances\"): --json-path NAME "
		  "reads the records of one");
	reader_close(r);

	cfg.json_path = "incidents";
	r = reader_open(p, &cfg, outage, 4, &err);
	CHECK(r != NULL);
	if (!r)
		goto out;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 5);
	CHECK(is(&rec, 0, "2026-10-20T08:00:00Z"));
	CHECK(rec.field[1] == NULL);		/* null: ongoing */
	CHECK(is(&rec, 2, "API,Web"));
	CHECK(is(&rec, 3, "i1"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 9);
	CHECK(is(&rec, 1, "2026-10-02T09:00:00Z"));
	CHECK(is(&rec, 2, ""));			/* no component */
	CHECK_INT(reader_next(r, &rec, &err), 0);
	CHECK_INT(reader_rejected(r), 0);
	reader_close(r);

	/* the same from standard input's sniffing: a '{' line that is not
	   a whole record is a JSON document, not NDJSON */
	cfg.format = READER_AUTO;
	p = PUT("summary", summary);
	r = reader_open(p, &cfg, outage, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(r ? (int)reader_format(r) : -1, (int)READER_JSON);
	CHECK_INT(drain(r), 2);
	reader_close(r);

	/* a path that is not there, one that is not an array, a dotted one */
	cfg.json_path = "incident";
	r = reader_open(p, &cfg, outage, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "--json-path \"incident\": no key \"incident\" (keys: "
		  "\"page\", \"components\", \"incidents\", "
		  "\"scheduled_maintenances\", \"status\")");
	cfg.json_path = "page";
	r = reader_open(p, &cfg, outage, 4, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "--json-path \"page\": \"page\" is not an array");
	CHECK_INT(err.line, 2);
	colmap_free(map);
	map = colmap_new();
	CHECK_INT(colmap_add(map, "start=s", &err), 0);
	cfg.map = map;
	cfg.json_path = "data.items";
	p = PUT("nested.json", "{\"meta\": [1], \"data\": {\"n\": 2, \"items\":\n"
		"[{\"s\": \"a\"},\n{\"s\": \"b\"}], \"x\": [[]]}, \"tail\": \"}\"}\n");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK(r != NULL);
	if (!r)
		goto out;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "a"));
	CHECK_INT(rec.line, 2);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 3);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	reader_close(r);

	/* one array, no --json-path: its records (Statuspage incidents.json) */
	cfg.json_path = NULL;
	p = PUT("incidents.json", "{\"page\": {\"id\": \"p\"},\n \"incidents\": "
		"[{\"s\": \"x\"}]}");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK_INT(drain(r), 1);
	reader_close(r);
	/* an object with a required key, or no array, is one record; more
	   objects after it make it NDJSON */
	p = PUT("one.json", "{\"s\": \"x\", \"tags\": [\"a\", \"b\"]}\n");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK_INT(drain(r), 1);
	reader_close(r);
	p = PUT("lines.json", "{\"s\": \"x\", \"params\": [{\"key\": \"k\"}]}\n"
		"{\"s\": \"y\"}\n{\"s\": \"z\"}\n");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK(r != NULL);
	if (!r)
		goto out;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "x"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 0, "y"));
	CHECK_INT(rec.line, 2);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(rec.line, 3);
	CHECK_INT(reader_next(r, &rec, &err), 0);
	reader_close(r);
	/* broken shapes are errors, never a crash */
	p = PUT("open.json", "{\"incidents\": [{\"s\": \"x\"}");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "JSON object not closed at end of input");
	p = PUT("bad.json", "{\"incidents\" [1]}");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "malformed JSON object");
	p = PUT("after.json", "{\"incidents\": [{\"s\": \"x\"}]} x");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK(r != NULL);
	CHECK_INT(drain(r), -1);
	reader_close(r);
	/* an array of other things is still no value */
	p = PUT("nums.json", "[{\"s\": [1, 2]}]");
	r = reader_open(p, &cfg, one, 1, &err);
	CHECK_INT(drain(r), 0);
	CHECK_STR(r ? reader_first_reject_reason(r) : "",
		  "column \"start\": expected a value, found an array");
	reader_close(r);
out:
	colmap_free(map);
}

/* Issue 18 item 2: GitLab's api_json.log, NDJSON whose first record (an
 * anonymous request) has no "username" key: --map user=username is
 * checked against every record, and the records without it have no
 * user.  A key that no record has is an error at the end. */
static void test_json_missing_keys(void)
{
	static const struct reader_column ev[] = {
		{"time", 1}, {"user", READER_PRESENT}, {"feature", 1},
		{"latency_ms", 0},
	};
	struct colmap *map = colmap_new();
	struct reader_config cfg = defcfg;
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p = PUT("api_json.log",
		"{\"time\":\"2026-10-05T08:00:00.123Z\",\"severity\":\"INFO\",\"method\":\"GET\","
		"\"path\":\"/api/v4/projects\",\"status\":200,\"duration_s\":0.0123}\n"
		"{\"time\":\"2026-10-05T08:00:01.000Z\",\"method\":\"GET\",\"path\":\"/api/v4/user\","
		"\"status\":200,\"duration_s\":0.5,\"username\":\"root\",\"meta.user\":\"root\"}\n");

	CHECK_INT(colmap_add(map, "user=username,feature=path,latency_ms=duration_s", &err), 0);
	cfg.map = map;
	r = reader_open(p, &cfg, ev, 4, &err);
	CHECK(r != NULL);
	if (!r)
		goto out;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(rec.field[1] == NULL);
	CHECK(is(&rec, 3, "0.0123"));
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK(is(&rec, 1, "root"));
	CHECK_INT(reader_next(r, &rec, &err), 0);
	reader_close(r);

	/* a mapped key in no record: an error once the input is read */
	colmap_free(map);
	map = colmap_new();
	CHECK_INT(colmap_add(map, "user=user_name,feature=path", &err), 0);
	cfg.map = map;
	r = reader_open(p, &cfg, ev, 4, &err);
	CHECK(r != NULL);
	if (!r)
		goto out;
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(reader_next(r, &rec, &err), 1);
	CHECK_INT(reader_next(r, &rec, &err), -1);
	CHECK_STR(err.msg, "--map \"user\"=\"user_name\": no record has that key "
		  "(keys of the first: \"time\", \"severity\", \"method\", \"path\", "
		  "\"status\", \"duration_s\")");
	reader_close(r);
	/* a required column in no record: the same, unmapped */
	r = reader_open(p, &defcfg, ev, 4, &err);
	CHECK(r != NULL);
	CHECK_INT(drain(r), -1);
	reader_close(r);
out:
	colmap_free(map);
}

int main(void)
{
	if (fixture_begin("test_read_json") < 0)
		return 2;
	TEST_RUN(test_json_array);
	TEST_RUN(test_json_bad_elements);
	TEST_RUN(test_json_malformed);
	TEST_RUN(test_ndjson);
	TEST_RUN(test_json_raw);
	TEST_RUN(test_json_deep);
	TEST_RUN(test_json_fast_path);
	TEST_RUN(test_json_fast_path_2026_12_03);
	TEST_RUN(test_json_object);
	TEST_RUN(test_json_missing_keys);
	fixture_end();
	return TEST_EXIT();
}
