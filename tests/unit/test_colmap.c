/* Unit tests for lib/io/colmap.c: --map pairs, and the header names
 * matched against the wanted columns (missing, repeated, Name#N).
 * Inputs are written to a mkdtemp folder (reader_fixture.h); expected
 * values, line numbers and messages are worked out by hand from the input
 * text (the comments count the lines). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "io/reader.h"
#include "reader_fixture.h"

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

/* Name#N picks the N-th column of a repeated name (issue #11). */
static void test_nth_column(void)
{
	struct reader_config cfg = defcfg;
	struct colmap *map = colmap_new(), *dflt = colmap_new();
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p;

	/* status is not in the input: its default makes it present */
	cfg.delimiter = ';';
	cfg.defaults = dflt;
	CHECK_INT(colmap_add(dflt, "status=ok,end=open", &err), 0);

	/* Sprint#2 is the second Sprint; a column literally named "x#2" wins
	 * over the second x; Sprint#3 is not there */
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
	colmap_free(map);
	colmap_free(dflt);
}

/* --values: FROM:TO per column, ASCII case ignored, after --null and
 * before --default; a raw reader renames by --map. */
static void test_values(void)
{
	static const struct reader_column acc[] = {{"user", 1}, {"status", 0}};
	struct reader_config cfg = defcfg;
	struct colvalues *v = colvalues_new();
	struct colmap *map = colmap_new(), *dflt = colmap_new();
	const char *const nulls[] = { "NULL", NULL };
	struct error err;
	struct record rec;
	struct reader *r;
	const char *p, *to;
	size_t n;

	CHECK_INT(colvalues_add(v, "status", "Yes:active,No:disabled", &err), 0);
	CHECK_INT(colvalues_add(v, "status", "\"a:b\":locked", &err), 0);
	CHECK_INT(colvalues_count(v), 1);
	CHECK_INT(colvalues_find(v, " Status "), 0);
	CHECK_INT(colvalues_find(v, "user"), -1);
	to = colvalues_map(v, 0, "YES", 3, &n);
	CHECK(to && n == 6 && strcmp(to, "active") == 0);
	CHECK(colvalues_map(v, 0, "Yes ", 4, &n) == NULL);	/* nothing trimmed */
	to = colvalues_map(v, 0, "a:b", 3, &n);
	CHECK(to && strcmp(to, "locked") == 0);
	CHECK_INT(colvalues_add(v, "status", "Yes", &err), -1);
	CHECK_STR(err.msg, "--values: \"Yes\" is not FROM:TO");
	CHECK_INT(colvalues_add(v, "status", ":x", &err), -1);
	CHECK_INT(colvalues_add(v, "status", "x:", &err), -1);

	CHECK_INT(colmap_add(map, "user=username,status=active", &err), 0);
	CHECK_INT(colmap_add(dflt, "status=active", &err), 0);
	cfg.map = map;
	cfg.values = v;
	cfg.defaults = dflt;
	cfg.nulls = nulls;
	p = PUT("acc.csv", "username,active\na,Yes\nb,no\nc,NULL\nd,maybe\n");
	r = reader_open(p, &cfg, acc, 2, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 1, "active"));
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 1, "disabled"));
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 1, "active"));	/* NULL, then the default */
		CHECK_INT(reader_next(r, &rec, &err), 1);
		CHECK(is(&rec, 1, "maybe"));	/* no FROM: as it is */
		reader_close(r);
	}
	/* raw mode: --map renames the header column, with the input's label */
	colmap_free(map);
	map = colmap_new();
	colmap_put(map, "activity", "Task");
	colmap_set_label(map, "matrix");
	cfg = defcfg;
	cfg.map = map;
	p = PUT("m.csv", "Task,IT\nbackup,R/A\n");
	r = reader_open(p, &cfg, NULL, 0, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_STR(reader_column_name(r, 0), "activity");
		CHECK_STR(reader_column_name(r, 1), "IT");
		reader_close(r);
	}
	colmap_put(map, "checks", "Checks");
	r = reader_open(p, &cfg, NULL, 0, &err);
	CHECK(r == NULL);
	CHECK_STR(err.msg, "--map matrix:\"checks\"=\"Checks\": no such column "
		  "(found: \"Task\", \"IT\")");
	colmap_free(map);
	colmap_free(dflt);
	colvalues_free(v);
	colvalues_free(NULL);
}

int main(void)
{
	if (fixture_begin("test_colmap") < 0)
		return 2;
	TEST_RUN(test_map);
	TEST_RUN(test_header_errors);
	TEST_RUN(test_nth_column);
	TEST_RUN(test_values);
	fixture_end();
	return TEST_EXIT();
}
