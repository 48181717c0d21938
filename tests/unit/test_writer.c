/* test_writer: every output format rendered from small documents and
 * compared with expected text written out by hand (widths, quoting and
 * number forms worked out in the comments). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/sbuf.h"
#include "check.h"
#include "io/writer.h"

/* Renders doc in fmt into a malloc'd string; *rc gets writer_write's result. */
static char *render(const json_t *doc, enum outfmt fmt, const char *rows,
		    int color, enum severity fail_on, int *rc, struct error *err)
{
	struct writer_spec spec = { .format = fmt, .rows = rows, .color = color,
				    .fail_on = fail_on };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	error_clear(err);
	*rc = writer_write(fp, doc, &spec, err);
	fclose(fp);
	return buf;
}

static void check_render(const json_t *doc, enum outfmt fmt, const char *rows,
			 int color, const char *want, int line)
{
	struct error err;
	int rc;
	char *got = render(doc, fmt, rows, color, SEV_WARNING, &rc, &err);

	if (rc != 0 || strcmp(got, want) != 0) {
		fprintf(stderr, "%s:%d: %s output (rc %d, err \"%s\"):\n"
			"--- got ---\n%s--- want ---\n%s---\n", __FILE__, line,
			outfmt_name(fmt), rc, err.msg, got, want);
		check_failures++;
	}
	free(got);
}

#define CHECK_RENDER(doc, fmt, rows, color, want) \
	check_render(doc, fmt, rows, color, want, __LINE__)

static const char *num(double v)
{
	static char buf[64];

	writer_number(v, buf, sizeof buf);
	return buf;
}

static void test_number(void)
{
	char small[4];

	CHECK_STR(num(0.05), "0.05");
	CHECK_STR(num(0.1 + 0.2), "0.3");
	CHECK_STR(num(1234.5), "1234.5");
	CHECK_STR(num(-2.5), "-2.5");
	CHECK_STR(num(3.0), "3");
	CHECK_STR(num(-0.0), "0");
	CHECK_STR(num(12345678901.0), "12345678901");	/* integral: in full */
	CHECK_STR(num(123456789012.5), "123456789000");	/* 10 digits */
	CHECK_STR(num(1.0 / 3), "0.3333333333");
	CHECK_STR(num(2.0 / 3), "0.6666666667");
	CHECK_STR(num(9.99999999999), "10");		/* rounds up a digit */
	CHECK_STR(num(0.999), "0.999");
	CHECK_STR(num(1e-6), "0.000001");		/* lower bound: no exponent */
	CHECK_STR(num(1e-7), "1e-7");
	CHECK_STR(num(-1.25e-9), "-1.25e-9");
	CHECK_STR(num(999999999999999.0), "999999999999999");
	CHECK_STR(num(1e15), "1e15");
	CHECK_STR(num(1.5e300), "1.5e300");
	CHECK_STR(num((double)NAN), "null");
	CHECK_STR(num((double)INFINITY), "null");
	CHECK_INT(writer_number(0.05, small, sizeof small), 4);
	CHECK_STR(small, "0.0");	/* truncated, still terminated */
}

static void test_outfmt(void)
{
	static const char *const names[] = {
		"csv", "tsv", "json", "ndjson", "table", "prom", "nagios",
		"junit", "md", "html", "txt"
	};
	enum outfmt f;
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		CHECK_INT(outfmt_parse(names[i], &f), 0);
		CHECK_STR(outfmt_name(f), names[i]);
	}
	CHECK_INT(outfmt_parse("xml", &f), -1);
	CHECK_INT(outfmt_parse("CSV", &f), -1);
}

static void test_json(void)
{
	json_t *doc = json_pack(
		"{s:s, s:s, s:s, s:{s:s, s:n}, s:[{s:s, s:I, s:i}],"
		" s:{s:f, s:f, s:f, s:f, s:f, s:f, s:n, s:b, s:I},"
		" s:s, s:[], s:{}, s:[i, s, [i]]}",
		"tool", "inspect", "version", "0.1.0",
		"generated", "2026-11-01T00:00:00Z",
		"period", "start", "2026-10-01T00:00:00+08:00", "end",
		"inputs", "path", "a.csv", "rows", (json_int_t)12345678901LL,
		"rejected", 0,
		"summary", "rate", 0.05, "tiny", 1e-7, "small", 0.000001,
		"sum", 0.1 + 0.2, "neg", -2.5, "whole", 3.0, "none", "ok", 1,
		"big", (json_int_t)-9007199254740993LL,
		"text", "q\"b\\s\n\t\x01\x1f/\xc3\xa9\xe9\xa1\xb9",
		"empty", "eo", "mixed", 1, "x", 2);
	const char *want =
		"{\n"
		"  \"tool\": \"inspect\",\n"
		"  \"version\": \"0.1.0\",\n"
		"  \"generated\": \"2026-11-01T00:00:00Z\",\n"
		"  \"period\": {\n"
		"    \"start\": \"2026-10-01T00:00:00+08:00\",\n"
		"    \"end\": null\n"
		"  },\n"
		"  \"inputs\": [\n"
		"    {\n"
		"      \"path\": \"a.csv\",\n"
		"      \"rows\": 12345678901,\n"
		"      \"rejected\": 0\n"
		"    }\n"
		"  ],\n"
		"  \"summary\": {\n"
		"    \"rate\": 0.05,\n"
		"    \"tiny\": 1e-7,\n"
		"    \"small\": 0.000001,\n"
		"    \"sum\": 0.3,\n"
		"    \"neg\": -2.5,\n"
		"    \"whole\": 3,\n"
		"    \"none\": null,\n"
		"    \"ok\": true,\n"
		"    \"big\": -9007199254740993\n"
		"  },\n"
		"  \"text\": \"q\\\"b\\\\s\\n\\t\\u0001\\u001f/\xc3\xa9\xe9\xa1\xb9\",\n"
		"  \"empty\": [],\n"
		"  \"eo\": {},\n"
		"  \"mixed\": [\n"
		"    1,\n"
		"    \"x\",\n"
		"    [\n"
		"      2\n"
		"    ]\n"
		"  ]\n"
		"}\n";

	CHECK(doc != NULL);
	CHECK_RENDER(doc, OUT_JSON, NULL, 0, want);
	/* the output reads back as the same document */
	{
		struct error err;
		int rc;
		char *got = render(doc, OUT_JSON, NULL, 0, SEV_INFO, &rc, &err);
		json_t *back = json_loads(got, 0, NULL);

		CHECK(back != NULL);
		CHECK_STR(json_string_value(json_object_get(back, "text")),
			  json_string_value(json_object_get(doc, "text")));
		CHECK_INT(json_integer_value(json_object_get(json_array_get(
			json_object_get(back, "inputs"), 0), "rows")), 12345678901LL);
		json_decref(back);
		free(got);
	}
	json_decref(doc);
}

/* Three rows with different keys: header is a,b,c,d,e (first appearance). */
static json_t *csv_doc(void)
{
	return json_pack(
		"{s:s, s:[{s:s, s:s, s:s}, {s:s, s:f, s:n, s:[s, s]},"
		" {s:s, s:{s:i}, s:b, s:s}]}",
		"tool", "inspect", "features",
		"a", "x,y", "b", "say \"hi\"", "c", "line1\nline2",
		"a", " lead", "d", 1.5, "b", "c", "p", "q",
		"a", "plain", "c", "k", 1, "e", 1, "b", "t\tab");
}

static void test_csv(void)
{
	json_t *doc = csv_doc();
	json_t *empty = json_pack("{s:[], s:[]}", "findings", "features");
	struct error err;
	int rc;
	char *got;

	CHECK_RENDER(doc, OUT_CSV, "features", 0,
		     "a,b,c,d,e\n"
		     "\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\",,\n"
		     "\" lead\",,p;q,1.5,\n"
		     "plain,t\tab,\"{\"\"k\"\":1}\",,true\n");
	CHECK_RENDER(doc, OUT_TSV, "features", 0,
		     "a\tb\tc\td\te\n"
		     "x,y\tsay \"hi\"\tline1 line2\t\t\n"
		     " lead\t\tp;q\t1.5\t\n"
		     "plain\tt ab\t{\"k\":1}\t\ttrue\n");
	CHECK_RENDER(doc, OUT_NDJSON, "features", 0,
		     "{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\",\"c\":\"line1\\nline2\"}\n"
		     "{\"a\":\" lead\",\"d\":1.5,\"b\":null,\"c\":[\"p\",\"q\"]}\n"
		     "{\"a\":\"plain\",\"c\":{\"k\":1},\"e\":true,\"b\":\"t\\tab\"}\n");
	/* no findings: the header still names the columns */
	CHECK_RENDER(empty, OUT_CSV, "findings", 0,
		     "severity,check,subject,value,threshold,message,id,"
		     "first_seen,last_seen,count\n");
	CHECK_RENDER(empty, OUT_CSV, "features", 0, "");
	CHECK_RENDER(empty, OUT_NDJSON, "features", 0, "");

	got = render(doc, OUT_CSV, "findings", 0, SEV_INFO, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_STR(err.msg, "this output has no rows for csv");
	CHECK_STR(got, "");
	free(got);
	got = render(doc, OUT_NDJSON, NULL, 0, SEV_INFO, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_STR(err.msg, "this output has no rows for ndjson");
	free(got);
	json_decref(doc);
	json_decref(empty);
}

/* CSV formula neutralising (writer.c, SPEC.md section 5): the expected
 * cells follow from the rule by hand.  A cell whose text starts with
 * = + - @ tab or CR gets a leading apostrophe, then the usual quoting;
 * JSON numbers, and strings in JSON's number form with a finite value,
 * stay as they are. */

/* The CSV (or TSV) of one row with the single column "v" holding v. */
static void check_cell(json_t *v, enum outfmt fmt, const char *want, int line)
{
	json_t *doc = json_pack("{s:[{s:o}]}", "rows", "v", v);
	size_t n = strlen(want) + 4;
	char *full = malloc(n);

	snprintf(full, n, "v\n%s\n", want);
	check_render(doc, fmt, "rows", 0, full, line);
	free(full);
	json_decref(doc);
}

#define CHECK_CELL(v, fmt, want) check_cell(v, fmt, want, __LINE__)

static void test_csv_formula(void)
{
	static const char *const stay[] = {
		/* JSON's number form, finite */
		"-5", "-3.2e4", "-0", "-0.5", "-1E+5", "-12.50e-3",
		/* no formula character first */
		"a=b", "", "5", "'=already", "x-1", "\xe2\x80\x94" "dash"
	};
	static const char *const guard[] = {
		"=1+1", "+1", "-cmd", "@sum", "=", "-", "+", "@",
		/* not JSON's number form, or not finite */
		"-.5", "-5.", "-05", "-1e", "-1e+", "-1e999", "-inf", "-nan",
		"-0x10", "-5 x", "--5", "+5", "-1,5"
	};
	json_t *doc;
	size_t i;

	for (i = 0; i < sizeof stay / sizeof *stay; i++)
		CHECK_CELL(json_string(stay[i]), OUT_TSV, stay[i]);
	for (i = 0; i < sizeof guard / sizeof *guard; i++) {
		char want[32];

		snprintf(want, sizeof want, "'%s", guard[i]);
		CHECK_CELL(json_string(guard[i]), OUT_TSV, want);
	}
	/* quoting comes after: the apostrophe is inside the quotes */
	CHECK_CELL(json_string("=HYPERLINK(\"http://x\")"), OUT_CSV,
		   "\"'=HYPERLINK(\"\"http://x\"\")\"");
	CHECK_CELL(json_string("=HYPERLINK(\"http://x\")"), OUT_TSV,
		   "'=HYPERLINK(\"http://x\")");
	CHECK_CELL(json_string("-1,5"), OUT_CSV, "\"'-1,5\"");
	/* a leading tab or CR: apostrophe first; TSV then blanks the tab, CSV
	 * quotes the CR (the tab is no longer leading, so no quotes for it) */
	CHECK_CELL(json_string("\t=1"), OUT_CSV, "'\t=1");
	CHECK_CELL(json_string("\t=1"), OUT_TSV, "' =1");
	CHECK_CELL(json_string("\r=1"), OUT_CSV, "\"'\r=1\"");
	CHECK_CELL(json_string("\r=1"), OUT_TSV, "' =1");
	/* a leading space is not a formula; CSV quotes it as before */
	CHECK_CELL(json_string(" =1"), OUT_CSV, "\" =1\"");
	/* JSON numbers are never touched */
	CHECK_CELL(json_integer(-5), OUT_CSV, "-5");
	CHECK_CELL(json_real(-2.5), OUT_CSV, "-2.5");
	CHECK_CELL(json_real(-1.25e-9), OUT_CSV, "-1.25e-9");
	/* arrays: the joined text counts */
	CHECK_CELL(json_pack("[i]", -5), OUT_CSV, "-5");
	CHECK_CELL(json_pack("[i, i]", -1, 2), OUT_CSV, "'-1;2");
	CHECK_CELL(json_pack("[s, s]", "-a", "b"), OUT_CSV, "'-a;b");
	CHECK_CELL(json_pack("[s, s]", "a", "-b"), OUT_CSV, "a;-b");
	/* booleans, null and objects cannot start with a formula character */
	CHECK_CELL(json_false(), OUT_CSV, "false");
	CHECK_CELL(json_null(), OUT_CSV, "");

	/* header cells too; the other formats keep the text as it is */
	doc = json_pack("{s:[{s:s, s:i}]}", "rows", "=k", "-cmd", "n", -5);
	CHECK_RENDER(doc, OUT_CSV, "rows", 0, "'=k,n\n'-cmd,-5\n");
	CHECK_RENDER(doc, OUT_NDJSON, "rows", 0, "{\"=k\":\"-cmd\",\"n\":-5}\n");
	json_decref(doc);

	/* idempotent: writing a neutralised cell again gives the same cell */
	for (i = 0; i < sizeof guard / sizeof *guard; i++) {
		char want[32];

		snprintf(want, sizeof want, "'%s", guard[i]);
		CHECK_CELL(json_string(want), OUT_TSV, want);
	}
}

static void test_table(void)
{
	json_t *doc = json_pack(
		"{s:s, s:s, s:s, s:{s:s, s:s}, s:[{s:s, s:i, s:i}],"
		" s:{s:i, s:n, s:f}, s:[{s:s, s:i, s:n}, {s:s, s:i, s:f}],"
		" s:[s, s], s:[], s:[s]}",
		"tool", "review", "version", "1", "generated", "x",
		"period", "start", "2026-10-01", "end", "2026-10-31",
		"inputs", "path", "events.csv", "rows", 120, "rejected", 3,
		"metrics", "events", 120, "csat", "stickiness", 0.25,
		"roles", "role", "\xe9\xa1\xb9\xe7\x9b\xae\xe7\xbb\x8f\xe7\x90\x86",
		"users", 3, "error_rate",
		"role", "dev", "users", 12, "error_rate", 0.05,
		"unused_features", "export", "import", "daily", "checks", "x");
	/* role column: 项目经理 is 4 wide characters = 8 columns, as wide as the
	 * column, so no padding; users (5) and error_rate (10) are numeric and
	 * right-aligned, null as "-". */
	CHECK_RENDER(doc, OUT_TABLE, NULL, 0,
		     "review  2026-10-01 .. 2026-10-31\n"
		     "\n"
		     "metrics\n"
		     "  events      120\n"
		     "  csat        -\n"
		     "  stickiness  0.25\n"
		     "\n"
		     "roles\n"
		     "  role      users  error_rate\n"
		     "  --------  -----  ----------\n"
		     "  \xe9\xa1\xb9\xe7\x9b\xae\xe7\xbb\x8f\xe7\x90\x86      3           -\n"
		     "  dev          12        0.05\n"
		     "\n"
		     "unused_features\n"
		     "  export, import\n"
		     "\n"
		     "daily\n"
		     "  (none)\n"
		     "\n"
		     "inputs\n"
		     "  path        rows  rejected\n"
		     "  ----------  ----  --------\n"
		     "  events.csv   120         3\n");
	json_decref(doc);
}

#define DASHES10 "----------"
#define DASHES60 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10 DASHES10

static void test_table_findings(void)
{
	char longmsg[71];
	json_t *doc;

	memset(longmsg, 'a', 70);
	longmsg[70] = '\0';
	doc = json_pack("{s:s, s:{s:n, s:n}, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}]}",
			"tool", "inspect", "period", "start", "end",
			"findings", "severity", "critical", "check", "brute_force",
			"message", longmsg,
			"severity", "warning", "check", "x", "message",
			"esc\x1b[2J here");
	/* the 70-column message is cut to 59 columns and "…" (60, so the rule
	 * under "message" is 60 dashes); the escape character becomes a space */
	CHECK_RENDER(doc, OUT_TABLE, NULL, 0,
		     "inspect\n"
		     "\n"
		     "findings\n"
		     "  severity  check        message\n"
		     "  --------  -----------  " DASHES60 "\n"
		     "  critical  brute_force  "
		     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		     "\xe2\x80\xa6\n"
		     "  warning   x            esc [2J here\n");
	CHECK_RENDER(doc, OUT_TABLE, NULL, 1,
		     "inspect\n"
		     "\n"
		     "findings\n"
		     "  severity  check        message\n"
		     "  --------  -----------  " DASHES60 "\n"
		     "  \033[1;31mcritical\033[0m  brute_force  "
		     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		     "\xe2\x80\xa6\n"
		     "  \033[33mwarning\033[0m   x            esc [2J here\n");
	json_decref(doc);
}

/* Tables fit $COLUMNS (the output here is no terminal): see upkeep(7). */
static void test_table_width(void)
{
	char longmsg[71];
	json_t *doc;

	memset(longmsg, 'm', 70);
	longmsg[70] = '\0';
	doc = json_pack("{s:s, s:{s:s, s:s}, s:[{s:s, s:s, s:s}], s:[s, s, s]}",
			"tool", "inspect", "period", "start", "2026-10-01T00:00:00Z",
			"end", "2026-11-01T00:00:00Z",
			"findings", "severity", "critical", "check", "brute_force",
			"message", longmsg, "list", "alpha", "beta", "gamma");
	/* 50: 2 + severity 8 + 2 + check 11 + 2 + message 60 = 85; the message
	 * narrows (its floor is 24) until the table fits: 50 - 25 = 25 columns,
	 * 24 m and "…"; the title (55 columns) is cut to 49 and "…"; the list
	 * (2 + 18) fits */
	setenv("COLUMNS", "50", 1);
	CHECK_RENDER(doc, OUT_TABLE, NULL, 0,
		     "inspect  2026-10-01T00:00:00Z .. 2026-11-01T00:00\xe2\x80\xa6\n"
		     "\n"
		     "findings\n"
		     "  severity  check        message\n"
		     "  --------  -----------  -------------------------\n"
		     "  critical  brute_force  mmmmmmmmmmmmmmmmmmmmmmmm\xe2\x80\xa6\n"
		     "\n"
		     "list\n"
		     "  alpha, beta, gamma\n");
	/* 15: 2+8+2+10+2+24 = 48 even narrowed (check to 10, message to 24):
	 * a block of lines; keyw 8 leaves 15-12 = 3 < 8 for values, so lines
	 * are cut at 14 columns and "…", a colour closed; the list wraps at
	 * spaces in 15 - 2 = 13 columns ("alpha, beta," 12, " gamma" more) */
	setenv("COLUMNS", "15", 1);
	CHECK_RENDER(doc, OUT_TABLE, NULL, 1,
		     "inspect  2026-\xe2\x80\xa6\n"
		     "\n"
		     "findings\n"
		     "  severity  \033[1;31mcr\xe2\x80\xa6\033[0m\n"
		     "  check     br\xe2\x80\xa6\n"
		     "  message   mm\xe2\x80\xa6\n"
		     "\n"
		     "list\n"
		     "  alpha, beta,\n"
		     "  gamma\n");
	/* not a number: no limit, as without COLUMNS */
	setenv("COLUMNS", "80x", 1);
	CHECK_RENDER(doc, OUT_TABLE, NULL, 0,
		     "inspect  2026-10-01T00:00:00Z .. 2026-11-01T00:00:00Z\n"
		     "\n"
		     "findings\n"
		     "  severity  check        message\n"
		     "  --------  -----------  " DASHES60 "\n"
		     "  critical  brute_force  "
		     "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
		     "\xe2\x80\xa6\n"
		     "\n"
		     "list\n"
		     "  alpha, beta, gamma\n");
	unsetenv("COLUMNS");
	json_decref(doc);
}

static json_t *sla_doc(void)
{
	return json_pack(
		"{s:s, s:s, s:[{s:s, s:i, s:i}],"
		" s:{s:i, s:f, s:n, s:b, s:s, s:{s:i}},"
		" s:[{s:s, s:s, s:f, s:f, s:b, s:n}, {s:s, s:s, s:f, s:f, s:b}],"
		" s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}],"
		" s:[s], s:[s, s]}",
		"tool", "sla-check", "version", "1",
		"inputs", "path", "a \"b\".csv", "rows", 10, "rejected", 1,
		"summary", "events", 10, "rate", 0.5, "none", "met", 1,
		"name", "x", "nested", "p95", 3,
		"objectives", "objective", "availability", "scope", "web",
		"target", 0.999, "actual", 0.9995, "met", 1, "downtime_s",
		"objective", "response", "scope", "api\nx", "target", 0.95,
		"actual", 0.9, "met", 0,
		"findings", "severity", "info", "check", "c1", "message", "fyi",
		"severity", "critical", "check", "c2", "message", "down | out",
		"severity", "critical", "check", "c2", "message", "second",
		"unused_features", "a", "checks", "c1", "c2");
}

static void test_prom(void)
{
	json_t *doc = sla_doc();

	CHECK_RENDER(doc, OUT_PROM, NULL, 0,
		"# HELP upkeep_sla_check_input_rows rows of each input\n"
		"# TYPE upkeep_sla_check_input_rows gauge\n"
		"upkeep_sla_check_input_rows{path=\"a \\\"b\\\".csv\"} 10\n"
		"# HELP upkeep_sla_check_input_rejected rejected of each input\n"
		"# TYPE upkeep_sla_check_input_rejected gauge\n"
		"upkeep_sla_check_input_rejected{path=\"a \\\"b\\\".csv\"} 1\n"
		/* "summary", a metric type, is left out of the names */
		"# HELP upkeep_sla_check_events summary.events\n"
		"# TYPE upkeep_sla_check_events gauge\n"
		"upkeep_sla_check_events 10\n"
		"# HELP upkeep_sla_check_rate summary.rate\n"
		"# TYPE upkeep_sla_check_rate gauge\n"
		"upkeep_sla_check_rate 0.5\n"
		"# HELP upkeep_sla_check_met summary.met\n"
		"# TYPE upkeep_sla_check_met gauge\n"
		"upkeep_sla_check_met 1\n"
		"# HELP upkeep_sla_check_nested_p95 summary.nested.p95\n"
		"# TYPE upkeep_sla_check_nested_p95 gauge\n"
		"upkeep_sla_check_nested_p95 3\n"
		"# HELP upkeep_sla_check_objectives_target objectives[].target\n"
		"# TYPE upkeep_sla_check_objectives_target gauge\n"
		"upkeep_sla_check_objectives_target{objective=\"availability\",scope=\"web\"} 0.999\n"
		"upkeep_sla_check_objectives_target{objective=\"response\",scope=\"api\\nx\"} 0.95\n"
		"# HELP upkeep_sla_check_objectives_actual objectives[].actual\n"
		"# TYPE upkeep_sla_check_objectives_actual gauge\n"
		"upkeep_sla_check_objectives_actual{objective=\"availability\",scope=\"web\"} 0.9995\n"
		"upkeep_sla_check_objectives_actual{objective=\"response\",scope=\"api\\nx\"} 0.9\n"
		"# HELP upkeep_sla_check_objectives_met objectives[].met\n"
		"# TYPE upkeep_sla_check_objectives_met gauge\n"
		"upkeep_sla_check_objectives_met{objective=\"availability\",scope=\"web\"} 1\n"
		"upkeep_sla_check_objectives_met{objective=\"response\",scope=\"api\\nx\"} 0\n"
		"# HELP upkeep_sla_check_findings findings by severity\n"
		"# TYPE upkeep_sla_check_findings gauge\n"
		"upkeep_sla_check_findings{severity=\"critical\"} 2\n"
		"upkeep_sla_check_findings{severity=\"warning\"} 0\n"
		"upkeep_sla_check_findings{severity=\"info\"} 1\n");
	json_decref(doc);
}

/* Renders doc as prom with the --label pairs labels[0..n). */
static char *render_prom(const json_t *doc, const char *const *labels, size_t n,
			 int *rc, struct error *err)
{
	struct writer_spec spec = { .format = OUT_PROM, .labels = labels,
				    .nlabels = n };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	error_clear(err);
	*rc = writer_write(fp, doc, &spec, err);
	fclose(fp);
	return buf;
}

/* Base units and names promtool accepts: p95_ms 478 is 0.478 seconds,
 * downtime_s stays in seconds as ..._seconds, credit 10 (percent) is the
 * ratio 0.1, met_count a gauge of tickets (no _count); summary.findings
 * is left out, upkeep_inspect_findings being the findings by severity.
 * Each --label comes first in every series, its value escaped (\" \\
 * \n); a --label that a series has already is an error. */
static void test_prom_names(void)
{
	static const char *const labels[] = { "instance=a\"b", "job=x\\y\nz" };
	static const char *const clash[] = { "scope=web" };
	static const char *const clash2[] = { "severity=x" };
	json_t *doc = json_pack(
		"{s:s, s:[{s:s, s:i, s:i}], s:{s:i, s:i, s:f},"
		" s:[{s:s, s:i, s:f, s:i}], s:[{s:s, s:s}]}",
		"tool", "inspect",
		"inputs", "path", "x.csv", "rows", 5, "rejected", 0,
		"summary", "p95_ms", 478, "findings", 2, "downtime_s", 1.5,
		"objectives", "scope", "web", "met_count", 3, "credit", 10.0,
		"longest_down_s", 90,
		"findings", "severity", "warning", "check", "c");
	const char *L = "instance=\"a\\\"b\",job=\"x\\\\y\\nz\"";
	struct sbuf want = { 0 };
	struct error err;
	char *got;
	int rc;

	sbuf_printf(&want,
		"# HELP upkeep_inspect_input_rows rows of each input\n"
		"# TYPE upkeep_inspect_input_rows gauge\n"
		"upkeep_inspect_input_rows{%s,path=\"x.csv\"} 5\n"
		"# HELP upkeep_inspect_input_rejected rejected of each input\n"
		"# TYPE upkeep_inspect_input_rejected gauge\n"
		"upkeep_inspect_input_rejected{%s,path=\"x.csv\"} 0\n"
		"# HELP upkeep_inspect_p95_seconds summary.p95_ms, in seconds\n"
		"# TYPE upkeep_inspect_p95_seconds gauge\n"
		"upkeep_inspect_p95_seconds{%s} 0.478\n"
		"# HELP upkeep_inspect_downtime_seconds summary.downtime_s, in seconds\n"
		"# TYPE upkeep_inspect_downtime_seconds gauge\n"
		"upkeep_inspect_downtime_seconds{%s} 1.5\n"
		"# HELP upkeep_inspect_objectives_met_tickets objectives[].met_count\n"
		"# TYPE upkeep_inspect_objectives_met_tickets gauge\n"
		"upkeep_inspect_objectives_met_tickets{%s,scope=\"web\"} 3\n"
		"# HELP upkeep_inspect_objectives_credit_ratio objectives[].credit, as a ratio\n"
		"# TYPE upkeep_inspect_objectives_credit_ratio gauge\n"
		"upkeep_inspect_objectives_credit_ratio{%s,scope=\"web\"} 0.1\n"
		"# HELP upkeep_inspect_objectives_longest_down_seconds objectives[].longest_down_s, in seconds\n"
		"# TYPE upkeep_inspect_objectives_longest_down_seconds gauge\n"
		"upkeep_inspect_objectives_longest_down_seconds{%s,scope=\"web\"} 90\n"
		"# HELP upkeep_inspect_findings findings by severity\n"
		"# TYPE upkeep_inspect_findings gauge\n"
		"upkeep_inspect_findings{%s,severity=\"critical\"} 0\n"
		"upkeep_inspect_findings{%s,severity=\"warning\"} 1\n"
		"upkeep_inspect_findings{%s,severity=\"info\"} 0\n",
		L, L, L, L, L, L, L, L, L, L);
	got = render_prom(doc, labels, 2, &rc, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(got, sbuf_str(&want));
	free(got);
	got = render_prom(doc, clash, 1, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_STR(err.msg, "--label scope: the output has a label of that name already");
	CHECK_STR(got, "");
	free(got);
	got = render_prom(doc, clash2, 1, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_STR(err.msg, "--label severity: the output has a label of that name already");
	free(got);
	CHECK_INT(writer_prom_label_ok("instance", 8), 1);
	CHECK_INT(writer_prom_label_ok("_a1", 3), 1);
	CHECK_INT(writer_prom_label_ok("1a", 2), 0);
	CHECK_INT(writer_prom_label_ok("__a", 3), 0);
	CHECK_INT(writer_prom_label_ok("a.b", 3), 0);
	CHECK_INT(writer_prom_label_ok("", 0), 0);
	sbuf_release(&want);
	json_decref(doc);
}

/* Renders doc as nagios with the thresholds limits[0..n). */
static char *render_nagios(const json_t *doc, const struct writer_limit *limits,
			   size_t n)
{
	struct writer_spec spec = { .format = OUT_NAGIOS, .limits = limits,
				    .nlimits = n };
	struct error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	error_clear(&err);
	if (writer_write(fp, doc, &spec, &err) != 0)
		check_failures++;
	fclose(fp);
	return buf;
}

/* 'label'=value[UOM];[warn];[crit];[min];[max], trailing empty fields
 * left out.  The counts: a critical finding is CRITICAL (crit range "0":
 * alert above 0), a warning WARNING; min 0.  The first section: "error
 * rate" (with a space, no known unit) as is; error_rate 0.0125 is 1.25%,
 * its limit 0.05 the warn range 5, min 0 max 100; p95_ms 2500 is 2500ms
 * with the warn range 2000; tiny 1e-7 without an exponent; null and text
 * left out. */
static void test_nagios(void)
{
	static const struct writer_limit limits[] = {
		{ "error_rate", 0.05, NAN }, { "p95_ms", 2000, NAN }
	};
	json_t *doc = json_pack(
		"{s:s, s:{s:n, s:n}, s:[], s:{s:i, s:f, s:n, s:s, s:f, s:i, s:f},"
		" s:[o, o, o, o]}",
		"tool", "inspect", "period", "start", "end", "inputs",
		"summary", "events", 1200, "error rate", 0.05, "p50_ms", "label", "x",
		"error_rate", 0.0125, "p95_ms", 2500, "tiny", 1e-7,
		"findings",
		json_pack("{s:s, s:s}", "severity", "info", "message", "fyi"),
		json_pack("{s:s, s:s}", "severity", "warning", "message", "w msg"),
		json_pack("{s:s, s:s}", "severity", "critical", "message", "disk | full\n"),
		json_pack("{s:s, s:s}", "severity", "critical", "message", "second"));
	json_t *findings = json_object_get(doc, "findings");
	const char *perf = "'events'=1200;;;0 'error rate'=0.05;;;0 "
		"'error_rate'=1.25%;5;;0;100 'p95'=2500ms;2000;;0 'tiny'=0.0000001;;;0\n";
	struct sbuf want = { 0 };
	char *got;

	sbuf_printf(&want, "UPKEEP INSPECT CRITICAL - 2 critical, 1 warning, 1 info; "
		    "disk / full  | 'critical'=2;;0;0 'warning'=1;0;;0 'info'=1;;;0 %s",
		    perf);
	got = render_nagios(doc, limits, 2);
	CHECK_STR(got, sbuf_str(&want));
	free(got);
	CHECK_INT(writer_nagios_state(doc), 2);

	json_array_remove(findings, 3);
	json_array_remove(findings, 2);
	sbuf_reset(&want);
	sbuf_printf(&want, "UPKEEP INSPECT WARNING - 0 critical, 1 warning, 1 info; "
		    "w msg | 'critical'=0;;0;0 'warning'=1;0;;0 'info'=1;;;0 %s", perf);
	got = render_nagios(doc, limits, 2);
	CHECK_STR(got, sbuf_str(&want));
	free(got);
	CHECK_INT(writer_nagios_state(doc), 1);

	/* no limits given: no warn field */
	json_array_remove(findings, 1);
	CHECK_RENDER(doc, OUT_NAGIOS, NULL, 0,
		     "UPKEEP INSPECT OK - 0 critical, 0 warning, 1 info | "
		     "'critical'=0;;0;0 'warning'=0;0;;0 'info'=1;;;0 'events'=1200;;;0 "
		     "'error rate'=0.05;;;0 'error_rate'=1.25%;;;0;100 'p95'=2500ms;;;0 "
		     "'tiny'=0.0000001;;;0\n");
	CHECK_INT(writer_nagios_state(doc), 0);

	json_object_del(doc, "findings");
	CHECK_INT(writer_nagios_state(doc), 0);
	sbuf_release(&want);
	json_decref(doc);
}

/* sla-check's objectives: availability 0.9995 is 99.95% (times 100, 10
 * digits), its target 0.999 the crit range "99.9:" (alert below); the
 * downtime against the allowed downtime (crit above); the budget left
 * (crit below 0, no min: it may be negative); the burn rate (crit above
 * 1); response 0.9 is 90%, below the target 95 a WARNING (warn range
 * "95:"), and its breached tickets; a probe's longest run down; a quote
 * in a label doubled. */
static void test_nagios_objectives(void)
{
	json_t *doc = json_pack(
		"{s:s, s:{s:i}, s:[{s:s, s:s, s:f, s:f, s:i, s:f, s:f, s:f},"
		" {s:s, s:s, s:f, s:f, s:i}, {s:s, s:s, s:f, s:f, s:i}], s:[]}",
		"tool", "sla-check", "summary", "objectives", 3,
		"objectives",
		"objective", "availability", "scope", "web", "target", 0.999,
		"actual", 0.9995, "downtime_s", 1200, "allowed_downtime_s", 2678.4,
		"budget_remaining_s", 1478.4, "burn_rate", 0.448,
		"objective", "response", "scope", "P1", "target", 0.95, "actual", 0.9,
		"breached_count", 2,
		"objective", "availability", "scope", "it's", "target", 0.999,
		"actual", 0.99, "longest_down_s", 300,
		"findings");

	CHECK_RENDER(doc, OUT_NAGIOS, NULL, 0,
		"UPKEEP SLA-CHECK OK - 0 critical, 0 warning, 0 info | "
		"'critical'=0;;0;0 'warning'=0;0;;0 'info'=0;;;0 'objectives'=3;;;0 "
		"'availability web'=99.95%;;99.9:;0;100 'downtime web'=1200s;;2678.4;0 "
		"'budget_remaining web'=1478.4s;;0: 'burn_rate web'=0.448;;1;0 "
		"'response P1'=90%;95:;;0;100 'response P1 breached'=2;;;0 "
		"'availability it''s'=99%;;99.9:;0;100 'longest_down it''s'=300s;;;0\n");
	json_decref(doc);
}

/* One test case a finding at or above --fail-on: classname the check,
 * name the subject (two no_accountable failures are two test cases, each
 * with its one <failure>); a check with none passes (name the check);
 * the info finding below --fail-on is in the suite's <system-out>.
 * tests 2 + 1 + 1 = 4, failures 3, errors and skipped 0, time 0 (none is
 * timed); timestamp: "generated" without its Z (UTC, the Ant form). */
static void test_junit(void)
{
	json_t *doc = json_pack(
		"{s:s, s:s, s:[s, s], s:[o, o, o, o]}",
		"tool", "raci", "generated", "2026-09-21T14:13:20Z",
		"checks", "no_accountable", "two_accountable",
		"findings",
		json_pack("{s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:n, s:n, s:n}",
			  "severity", "critical", "check", "no_accountable",
			  "subject", "<script>&", "value", 0, "threshold", 1,
			  "message", "activity \"<script>&\" has no A\x01\n'",
			  "id", "abc", "first_seen", "last_seen", "count"),
		json_pack("{s:s, s:s, s:s, s:s}", "severity", "info",
			  "check", "no_accountable", "subject", "x", "message", "m"),
		json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "severity",
			  "warning", "check", "late", "subject", "y", "message", "m2",
			  "first_seen", "2026-10-01T00:00:00Z",
			  "last_seen", "2026-10-02T00:00:00Z", "count", 4),
		json_pack("{s:s, s:s, s:s, s:s}", "severity", "critical",
			  "check", "no_accountable", "subject", "B", "message", "b"));
	struct error err;
	int rc;
	char *got;

	CHECK_RENDER(doc, OUT_JUNIT, NULL, 0,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"upkeep.raci\" tests=\"4\" failures=\"3\" errors=\"0\" time=\"0\">\n"
		"  <testsuite name=\"upkeep.raci\" tests=\"4\" failures=\"3\" errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"2026-09-21T14:13:20\">\n"
		"    <testcase classname=\"no_accountable\" name=\"&lt;script&gt;&amp;\" time=\"0\">\n"
		"      <failure type=\"critical\" message=\"activity &quot;&lt;script&gt;"
		"&amp;&quot; has no A&#10;&apos;\">subject: &lt;script&gt;&amp;\n"
		"value: 0\n"
		"threshold: 1\n"
		"id: abc</failure>\n"
		"    </testcase>\n"
		"    <testcase classname=\"no_accountable\" name=\"B\" time=\"0\">\n"
		"      <failure type=\"critical\" message=\"b\">subject: B</failure>\n"
		"    </testcase>\n"
		"    <testcase classname=\"two_accountable\" name=\"two_accountable\" time=\"0\"/>\n"
		"    <testcase classname=\"late\" name=\"y\" time=\"0\">\n"
		"      <failure type=\"warning\" message=\"m2\">subject: y\n"
		"first_seen: 2026-10-01T00:00:00Z\n"
		"last_seen: 2026-10-02T00:00:00Z\n"
		"count: 4</failure>\n"
		"    </testcase>\n"
		"    <system-out>findings below --fail-on warning:\n"
		"info no_accountable x: m\n"
		"</system-out>\n"
		"  </testsuite>\n"
		"</testsuites>\n");
	/* --fail-on never: every check passes, every finding is listed */
	got = render(doc, OUT_JUNIT, NULL, 0, SEV_NEVER, &rc, &err);
	CHECK_INT(rc, 0);
	CHECK(strstr(got, "tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\"") != NULL);
	CHECK(strstr(got, "<failure") == NULL);
	CHECK(strstr(got, "critical no_accountable B: b\n") != NULL);
	free(got);
	/* a "generated" of another form gives no timestamp */
	json_object_set_new(doc, "generated", json_string("2026-09-21"));
	got = render(doc, OUT_JUNIT, NULL, 0, SEV_WARNING, &rc, &err);
	CHECK(strstr(got, "timestamp") == NULL);
	free(got);
	json_decref(doc);
}

static void test_errors(void)
{
	json_t *doc = sla_doc();
	struct writer_spec spec = { .format = OUT_JSON, .fail_on = SEV_WARNING };
	struct error err;
	int rc;
	char *got;
	FILE *fp;

	got = render(doc, OUT_MD, NULL, 0, SEV_INFO, &rc, &err);
	CHECK_INT(rc, -1);
	CHECK_STR(err.msg, "format \"md\" is only written by report");
	CHECK_STR(got, "");
	free(got);
	got = render(doc, OUT_HTML, NULL, 0, SEV_INFO, &rc, &err);
	CHECK_STR(err.msg, "format \"html\" is only written by report");
	free(got);

	fp = fopen("/dev/full", "w");
	if (fp) {
		error_clear(&err);
		CHECK_INT(writer_write(fp, doc, &spec, &err), -1);
		CHECK(strncmp(err.msg, "write error: ", 13) == 0);
		fclose(fp);
	}
	json_decref(doc);
}

static void test_deterministic(void)
{
	json_t *doc = sla_doc();
	enum outfmt f;
	struct error err;
	int rc1, rc2;

	for (f = OUT_CSV; f <= OUT_JUNIT; f++) {
		char *a = render(doc, f, "objectives", 0, SEV_INFO, &rc1, &err);
		char *b = render(doc, f, "objectives", 0, SEV_INFO, &rc2, &err);

		CHECK_INT(rc1, 0);
		CHECK_INT(rc2, 0);
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
	json_decref(doc);
}

int main(void)
{
	TEST_RUN(test_number);
	TEST_RUN(test_outfmt);
	TEST_RUN(test_json);
	TEST_RUN(test_csv);
	TEST_RUN(test_csv_formula);
	TEST_RUN(test_table);
	TEST_RUN(test_table_findings);
	TEST_RUN(test_table_width);
	TEST_RUN(test_prom);
	TEST_RUN(test_prom_names);
	TEST_RUN(test_nagios);
	TEST_RUN(test_nagios_objectives);
	TEST_RUN(test_junit);
	TEST_RUN(test_errors);
	TEST_RUN(test_deterministic);
	return TEST_EXIT();
}
