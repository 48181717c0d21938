/* Unit tests of raci: cells, both table forms, every rule at, below and
 * above its threshold, lookups, conversion, escaping, the template and
 * routing (reading findings back is tested in test_finding.c).  Matrices
 * are built from strings with "|" between fields (so that cells may hold
 * commas); expected values are worked out by hand in the comments. */
#include <stdlib.h>

#include "check.h"
#include "base/error.h"
#include "io/finding.h"
#include "raci/raci.h"

#define MAXF 16

/* Splits line at '|' into f (pointers into buf). */
static size_t split(const char *line, char *buf, size_t size, const char **f)
{
	size_t n = 0;
	char *p;

	snprintf(buf, size, "%s", line);
	f[n++] = buf;
	for (p = buf; *p && n < MAXF; p++) {
		if (*p == '|') {
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	return n;
}

/* A matrix from a header line and NULL-ended row lines (lines 2, 3, ...). */
static struct raci *mk(const char *header, const char *const *rows)
{
	struct raci *m = raci_new();
	const char *f[MAXF];
	char buf[512];
	struct error err;
	size_t n, i;

	error_clear(&err);
	n = split(header, buf, sizeof buf, f);
	if (raci_header(m, f, n, &err) != 0) {
		fprintf(stderr, "header: %s\n", err.msg);
		return m;
	}
	for (i = 0; rows && rows[i]; i++) {
		n = split(rows[i], buf, sizeof buf, f);
		if (raci_row(m, f, n, (unsigned long)i + 2, &err) != 0)
			fprintf(stderr, "row %zu: %s\n", i + 2, err.msg);
	}
	return m;
}

static struct findings *run(const struct raci *m, long max_r)
{
	struct findings *f = findings_new("raci");

	raci_check(m, max_r, f);
	return f;
}

/* Number of findings of check; *first (may be NULL) the first of them. */
static int count(const struct findings *f, const char *check, json_t **first)
{
	json_t *arr = findings_json(f);
	size_t i;
	int n = 0;

	if (first)
		*first = NULL;
	for (i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		if (strcmp(json_string_value(json_object_get(o, "check")), check) == 0) {
			if (n++ == 0 && first)
				*first = o;
		}
	}
	return n;
}

static const char *sget(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long iget(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static void cell_forms(void)
{
	int unk = -1;
	char buf[8];

	CHECK_INT(raci_parse_cell("R", 1, &unk), RACI_R);
	CHECK_INT(unk, 0);
	CHECK_INT(raci_parse_cell("A/R", 3, &unk), RACI_A | RACI_R);
	CHECK_INT(raci_parse_cell("RA", 2, &unk), RACI_A | RACI_R);
	CHECK_INT(raci_parse_cell("R,A", 3, &unk), RACI_A | RACI_R);
	CHECK_INT(raci_parse_cell("r", 1, &unk), RACI_R);
	CHECK_INT(raci_parse_cell(" a , r ", 7, &unk), RACI_A | RACI_R);
	CHECK_INT(unk, 0);
	CHECK_INT(raci_parse_cell("C+I", 3, &unk), RACI_C | RACI_I);
	CHECK_INT(raci_parse_cell("c;i", 3, &unk), RACI_C | RACI_I);
	CHECK_INT(raci_parse_cell("RACI", 4, &unk), RACI_R | RACI_A | RACI_C | RACI_I);
	CHECK_INT(raci_parse_cell("Responsible", 11, &unk), RACI_R);
	CHECK_INT(unk, 0);
	CHECK_INT(raci_parse_cell("accountable/CONSULTED", 21, &unk), RACI_A | RACI_C);
	/* no letter */
	CHECK_INT(raci_parse_cell("", 0, &unk), 0);
	CHECK_INT(unk, 0);
	CHECK_INT(raci_parse_cell("   ", 3, &unk), 0);
	CHECK_INT(unk, 0);
	CHECK_INT(raci_parse_cell("-", 1, &unk), 0);
	CHECK_INT(unk, 0);
	/* unknown parts: their letters do not count, the others do */
	CHECK_INT(raci_parse_cell("X", 1, &unk), 0);
	CHECK_INT(unk, 1);
	CHECK_INT(raci_parse_cell("RX", 2, &unk), 0);
	CHECK_INT(unk, 1);
	CHECK_INT(raci_parse_cell("R/X", 3, &unk), RACI_R);
	CHECK_INT(unk, 1);
	CHECK_INT(raci_parse_cell("负责", strlen("负责"), &unk), 0);
	CHECK_INT(unk, 1);
	CHECK_INT(raci_parse_cell("R", 1, NULL), RACI_R);
	/* length, not the terminator, bounds the cell */
	CHECK_INT(raci_parse_cell("RX", 1, &unk), RACI_R);
	CHECK_INT(unk, 0);
	CHECK_STR(raci_code_text(RACI_A | RACI_R, buf), "R/A");
	CHECK_STR(raci_code_text(RACI_I | RACI_C | RACI_A | RACI_R, buf), "R/A/C/I");
	CHECK_STR(raci_code_text(RACI_C, buf), "C");
	CHECK_STR(raci_code_text(0, buf), "");
}

static void wide_form(void)
{
	static const char *const rows[] = {
		"backup | A/R | C | |  x ; y,z",
		"项目评审|I|RA|C|",
		NULL
	};
	struct raci *m = mk(" Activity |IT|PMO|项目经理|Checks", rows);
	json_t *f = json_object();

	CHECK_INT(raci_is_long(m), 0);
	CHECK_INT(raci_nroles(m), 3);
	CHECK_STR(raci_role(m, 2), "项目经理");
	CHECK_INT(raci_nactivities(m), 2);
	CHECK_STR(raci_activity(m, 0), "backup");	/* trimmed */
	CHECK_STR(raci_activity(m, 1), "项目评审");
	CHECK_INT(raci_letters(m, 0, 0), RACI_A | RACI_R);
	CHECK_INT(raci_letters(m, 0, 1), RACI_C);
	CHECK_INT(raci_letters(m, 0, 2), 0);
	CHECK_INT(raci_letters(m, 1, 1), RACI_A | RACI_R);
	CHECK_INT(raci_letters(m, 1, 2), RACI_C);
	CHECK_INT(raci_letters(m, 9, 0), 0);
	CHECK(raci_role(m, 3) == NULL);
	/* checks "x ; y,z" are three names; routed by any of them */
	CHECK_INT(raci_route(m, NULL, "y", f), 1);
	CHECK_STR(sget(f, "responsible"), "IT");
	CHECK_INT(raci_route(m, NULL, "Z", f), 1);
	CHECK_INT(raci_route(m, NULL, "x ", f), 0);
	json_decref(f);
	raci_free(m);
	raci_free(NULL);
}

static void header_errors(void)
{
	struct raci *m;
	struct error err;
	const char *f[4];

	error_clear(&err);
	m = raci_new();
	f[0] = "task"; f[1] = "IT";
	CHECK_INT(raci_header(m, f, 2, &err), -1);
	CHECK_STR(err.msg, "no \"activity\" column (columns: \"task\", \"IT\")");
	raci_free(m);

	m = raci_new();
	f[0] = "activity"; f[1] = "IT"; f[2] = "PMO"; f[3] = " it ";
	CHECK_INT(raci_header(m, f, 4, &err), -1);
	CHECK_STR(err.msg, "duplicate role column \"it\" (columns 2 and 4)");
	raci_free(m);

	m = raci_new();
	f[0] = "activity"; f[1] = "IT"; f[2] = "";
	CHECK_INT(raci_header(m, f, 3, &err), -1);
	CHECK_STR(err.msg, "column 3 has no name");
	raci_free(m);

	m = raci_new();
	f[0] = "activity"; f[1] = "IT"; f[2] = "Activity";
	CHECK_INT(raci_header(m, f, 3, &err), -1);
	CHECK_STR(err.msg, "duplicate column \"Activity\" (columns 1 and 3)");
	raci_free(m);

	/* long form: extra columns are ignored, even twice */
	m = raci_new();
	f[0] = "note"; f[1] = "activity"; f[2] = "ROLE"; f[3] = "code";
	CHECK_INT(raci_header(m, f, 4, &err), 0);
	CHECK_INT(raci_is_long(m), 1);
	raci_free(m);
}

static void row_errors(void)
{
	struct raci *m = raci_new();
	struct error err;
	const char *h[3] = { "activity", "role", "code" };
	const char *r1[3] = { "  ", "IT", "R" };
	const char *r2[3] = { "backup", "", "A" };
	const char *r3[3] = { "backup", " ", "" };
	const char *r4[1] = { "backup" };

	error_clear(&err);
	CHECK_INT(raci_header(m, h, 3, &err), 0);
	CHECK_INT(raci_row(m, r1, 3, 5, &err), -1);
	CHECK_STR(err.msg, "column \"activity\": empty activity name");
	CHECK_INT(err.line, 5);
	CHECK_INT(raci_row(m, r2, 3, 6, &err), -1);
	CHECK_STR(err.msg, "column \"role\": empty role for code \"A\"");
	/* an activity without letters (how long form keeps it) */
	CHECK_INT(raci_row(m, r3, 3, 7, &err), 0);
	/* fewer fields than columns: the missing ones are empty */
	CHECK_INT(raci_row(m, r4, 1, 8, &err), 0);
	CHECK_INT(raci_nactivities(m), 1);
	CHECK_INT(raci_nroles(m), 0);
	raci_free(m);
}

static void long_form(void)
{
	static const char *const rows[] = {
		"backup|IT|A|error_rate",
		"backup|IT|r|",
		"Backup|vendor|C|log_gap error_rate",
		"training|PMO|A/R|",
		"training|IT|I|",
		"audit|||latency_p95",
		NULL
	};
	struct raci *m = mk("activity|role|code|checks", rows);
	json_t *f = json_object();

	CHECK_INT(raci_is_long(m), 1);
	CHECK_INT(raci_nactivities(m), 3);	/* backup, training, audit */
	CHECK_INT(raci_nroles(m), 3);		/* IT, vendor, PMO */
	CHECK_STR(raci_role(m, 2), "PMO");
	/* two rows for backup/IT combine */
	CHECK_INT(raci_letters(m, 0, 0), RACI_A | RACI_R);
	CHECK_INT(raci_letters(m, 0, 1), RACI_C);
	CHECK_INT(raci_letters(m, 1, 2), RACI_A | RACI_R);
	CHECK_INT(raci_letters(m, 2, 0), 0);
	/* checks of every row of an activity add up */
	CHECK_INT(raci_route(m, NULL, "log_gap", f), 1);
	CHECK_STR(sget(f, "accountable"), "IT");
	CHECK_STR(sget(f, "consulted"), "vendor");
	CHECK_INT(raci_route(m, NULL, "latency_p95", f), 1);
	CHECK_STR(sget(f, "responsible"), "");
	json_decref(f);
	raci_free(m);
}

/* Long form, roles of an activity in another order than their first
 * appearance (Ops 0, Dev 1, QA 2): lookups, who, rows and the messages
 * still go by role order. */
static void long_form_role_order(void)
{
	static const char *const rows[] = {
		"deploy|Ops|R", "deploy|Dev|R", "deploy|QA|I",
		"review|QA|A", "review|Dev|R/X", "review|Ops|C",
		"audit|QA|A", "audit|Ops|A",
		NULL
	};
	struct raci *m = mk("activity|role|code", rows);
	struct findings *f;
	json_t *w, *r, *o;

	CHECK_INT(raci_nroles(m), 3);
	CHECK_INT(raci_letters(m, 1, 0), RACI_C);
	CHECK_INT(raci_letters(m, 1, 1), RACI_R);
	CHECK_INT(raci_letters(m, 1, 2), RACI_A);
	CHECK_INT(raci_letters(m, 2, 1), 0);
	CHECK_INT(raci_letters(m, 3, 0), 0);	/* no such activity */
	/* who, review: R Dev, A QA, C Ops, I none */
	w = raci_who(m, 1);
	CHECK_STR(json_string_value(json_array_get(json_object_get(json_array_get(w, 0), "roles"), 0)), "Dev");
	CHECK_STR(json_string_value(json_array_get(json_object_get(json_array_get(w, 1), "roles"), 0)), "QA");
	CHECK_STR(json_string_value(json_array_get(json_object_get(json_array_get(w, 2), "roles"), 0)), "Ops");
	CHECK_INT(json_array_size(json_object_get(json_array_get(w, 3), "roles")), 0);
	json_decref(w);
	/* rows: deploy Ops Dev QA, review Ops C, Dev R/X (as written), QA A,
	 * audit Ops A, QA A: 3 + 3 + 2 = 8 */
	r = raci_rows(m, 1);
	CHECK_INT(json_array_size(r), 8);
	CHECK_STR(sget(json_array_get(r, 3), "role"), "Ops");
	CHECK_STR(sget(json_array_get(r, 3), "code"), "C");
	CHECK_STR(sget(json_array_get(r, 4), "role"), "Dev");
	CHECK_STR(sget(json_array_get(r, 4), "code"), "R/X");
	CHECK_STR(sget(json_array_get(r, 5), "role"), "QA");
	CHECK_STR(sget(json_array_get(r, 6), "activity"), "audit");
	CHECK_STR(sget(json_array_get(r, 6), "role"), "Ops");
	json_decref(r);
	/* deploy: no A; review: X unknown; audit: A twice (Ops, QA in role
	 * order), no R; QA is A for 2 of 3 activities, more than 3 / 3 = 1:
	 * 5 findings */
	f = run(m, 3);
	CHECK_INT(findings_count(f), 5);
	CHECK_INT(count(f, "no_accountable", NULL), 1);
	CHECK_INT(count(f, "unknown_code", &o), 1);
	CHECK_STR(sget(o, "subject"), "review / Dev");
	CHECK_INT(count(f, "multiple_accountable", &o), 1);
	CHECK_STR(sget(o, "message"), "activity \"audit\" has 2 accountable roles (Ops, QA); it needs exactly one");
	CHECK_INT(count(f, "no_responsible", NULL), 1);
	CHECK_INT(count(f, "accountable_bottleneck", &o), 1);
	CHECK_STR(sget(o, "subject"), "QA");
	CHECK_INT(iget(o, "value"), 2);
	findings_free(f);
	raci_free(m);
}

/* A matrix of one activity with the given cells for roles a..e. */
static struct raci *one(const char *cells)
{
	char row[128];
	const char *rows[2];

	snprintf(row, sizeof row, "act|%s", cells);
	rows[0] = row;
	rows[1] = NULL;
	return mk("activity|a|b|c|d|e", rows);
}

static void rule_accountable(void)
{
	struct raci *m;
	struct findings *f;
	json_t *x;

	/* none: no_accountable */
	m = one("R|C|I|C|I");
	f = run(m, 3);
	CHECK_INT(count(f, "no_accountable", &x), 1);
	CHECK_STR(sget(x, "severity"), "critical");
	CHECK_STR(sget(x, "subject"), "act");
	CHECK_INT(iget(x, "value"), 0);
	CHECK_INT(iget(x, "threshold"), 1);
	CHECK_INT(count(f, "multiple_accountable", NULL), 0);
	findings_free(f);
	raci_free(m);
	/* exactly one: nothing */
	m = one("R|A|I|C|I");
	f = run(m, 3);
	CHECK_INT(count(f, "no_accountable", NULL), 0);
	CHECK_INT(count(f, "multiple_accountable", NULL), 0);
	findings_free(f);
	raci_free(m);
	/* two: multiple_accountable, naming both */
	m = one("R|A|A/C|C|I");
	f = run(m, 3);
	CHECK_INT(count(f, "multiple_accountable", &x), 1);
	CHECK_STR(sget(x, "severity"), "critical");
	CHECK_INT(iget(x, "value"), 2);
	CHECK_STR(sget(x, "message"),
		  "activity \"act\" has 2 accountable roles (b, c); it needs exactly one");
	CHECK_INT(count(f, "no_accountable", NULL), 0);
	findings_free(f);
	raci_free(m);
}

static void rule_responsible(void)
{
	struct raci *m;
	struct findings *f;
	json_t *x;

	m = one("A|C|I||");
	f = run(m, 3);
	CHECK_INT(count(f, "no_responsible", &x), 1);
	CHECK_STR(sget(x, "severity"), "critical");
	CHECK_INT(count(f, "too_many_responsible", NULL), 0);
	findings_free(f);
	raci_free(m);
	/* 1 and 3 R (at --max-r 3): fine */
	m = one("A/R|C|I||");
	f = run(m, 3);
	CHECK_INT(count(f, "no_responsible", NULL), 0);
	findings_free(f);
	raci_free(m);
	m = one("A/R|R|R||I");
	f = run(m, 3);
	CHECK_INT(count(f, "too_many_responsible", NULL), 0);
	findings_free(f);
	/* the same 3 R above --max-r 2 */
	f = run(m, 2);
	CHECK_INT(count(f, "too_many_responsible", &x), 1);
	CHECK_STR(sget(x, "severity"), "warning");
	CHECK_INT(iget(x, "value"), 3);
	CHECK_INT(iget(x, "threshold"), 2);
	findings_free(f);
	raci_free(m);
	/* 4 R above the default 3 */
	m = one("A/R|R|R|R|I");
	f = run(m, 3);
	CHECK_INT(count(f, "too_many_responsible", &x), 1);
	CHECK_STR(sget(x, "message"),
		  "activity \"act\" has 4 responsible roles (a, b, c, d), more than 3");
	findings_free(f);
	raci_free(m);
}

static void rule_unknown_code(void)
{
	struct raci *m = one("A/R|X|R/Q|I|");
	struct findings *f = run(m, 3);
	json_t *x, *rows;

	CHECK_INT(count(f, "unknown_code", &x), 2);
	CHECK_STR(sget(x, "severity"), "critical");
	CHECK_STR(sget(x, "subject"), "act / b");
	CHECK_STR(sget(x, "value"), "X");
	CHECK_STR(sget(x, "message"),
		  "activity \"act\", role \"b\": \"X\" is not a RACI code (R, A, C, I)");
	/* R of "R/Q" counts (2 R, one A): no other error; b and e are idle
	   and a (A for 1 of 1) is a bottleneck, both warnings */
	CHECK_INT(findings_at_least(f, SEV_CRITICAL), 2);
	CHECK_INT(count(f, "idle_role", NULL), 2);
	CHECK_INT(count(f, "no_responsible", NULL), 0);
	/* conversion keeps the text as written */
	rows = raci_rows(m, 0);
	CHECK_STR(sget(json_array_get(rows, 0), "c"), "R/Q");
	CHECK_STR(sget(json_array_get(rows, 0), "b"), "X");
	json_decref(rows);
	findings_free(f);
	raci_free(m);
}

static void rule_duplicate_and_empty(void)
{
	static const char *const dup[] = {
		"backup|A/R|I", "training|R|A", "Backup|A|R", "backup|A|R", NULL
	};
	static const char *const noroles[] = { "backup", NULL };
	struct raci *m = mk("activity|IT|PMO", dup);
	struct findings *f = run(m, 3);
	json_t *x;

	CHECK_INT(count(f, "duplicate_activity", &x), 1);
	CHECK_STR(sget(x, "subject"), "backup");
	CHECK_INT(iget(x, "value"), 3);
	CHECK_STR(sget(x, "message"), "activity \"backup\" appears 3 times (lines 2, 4, 5)");
	findings_free(f);
	raci_free(m);

	m = mk("activity|IT|PMO", NULL);
	f = run(m, 3);
	CHECK_INT(findings_count(f), 1);
	CHECK_INT(count(f, "empty_matrix", &x), 1);
	CHECK_STR(sget(x, "severity"), "critical");
	CHECK_STR(sget(x, "message"), "the matrix has no activities");
	findings_free(f);
	raci_free(m);

	m = mk("activity|checks", noroles);
	f = run(m, 3);
	CHECK_INT(findings_count(f), 1);
	CHECK_INT(count(f, "empty_matrix", &x), 1);
	CHECK_STR(sget(x, "message"), "the matrix has no roles");
	findings_free(f);
	raci_free(m);
}

static void rule_idle_role(void)
{
	static const char *const rows[] = {
		"a1|A/R||I|", "a2|R|A||", "a3|A|R||", NULL
	};
	struct raci *m = mk("activity|IT|PMO|CIO|Vendor", rows);
	struct findings *f = run(m, 3);
	json_t *x;

	/* Vendor has nothing; CIO's one I is enough */
	CHECK_INT(count(f, "idle_role", &x), 1);
	CHECK_STR(sget(x, "subject"), "Vendor");
	CHECK_STR(sget(x, "severity"), "warning");
	CHECK_STR(sget(x, "message"), "role \"Vendor\" has no letter in any activity");
	findings_free(f);
	raci_free(m);
}

static void rule_bottleneck(void)
{
	/* 6 activities: a third is 2.  IT is A for 3 (> 2), PMO for 2 (= 2),
	   CIO for 1 (< 2). */
	static const char *const six[] = {
		"a1|A|R|", "a2|A|R|", "a3|A|R|", "a4|R|A|", "a5|R|A|", "a6|R||A", NULL
	};
	/* 7 activities: a third is 2.33; IT is A for 2 (fine), PMO for 3
	   (more), CIO for 2 (fine) */
	static const char *const seven[] = {
		"a1|A|R|", "a2|A|R|", "a3|R|A|", "a4|R|A|", "a5|R|A|", "a6|R||A",
		"a7|R||A", NULL
	};
	struct raci *m = mk("activity|IT|PMO|CIO", six);
	struct findings *f = run(m, 3);
	json_t *x;

	CHECK_INT(count(f, "accountable_bottleneck", &x), 1);
	CHECK_STR(sget(x, "subject"), "IT");
	CHECK_STR(sget(x, "severity"), "warning");
	CHECK_INT(iget(x, "value"), 3);
	CHECK_INT(iget(x, "threshold"), 2);
	CHECK_STR(sget(x, "message"),
		  "role \"IT\" is accountable for 3 of 6 activities, more than a third");
	CHECK_INT(findings_count(f), 1);
	findings_free(f);
	raci_free(m);

	m = mk("activity|IT|PMO|CIO", seven);
	f = run(m, 3);
	CHECK_INT(count(f, "accountable_bottleneck", &x), 1);
	CHECK_STR(sget(x, "subject"), "PMO");
	CHECK_INT(findings_count(f), 1);
	findings_free(f);
	raci_free(m);
}

static void check_names(void)
{
	size_t n = 0;

	while (raci_check_names[n])
		n++;
	CHECK_INT(n, 9);
	CHECK_STR(raci_check_names[0], "no_accountable");
	CHECK_STR(raci_check_names[8], "too_many_responsible");
}

static void matching(void)
{
	static const char *const rows[] = {
		"server configuration|A/R||", "service desk|A|R|",
		"database management|R|A|", "Database|R|A|", NULL
	};
	struct raci *m = mk("activity|IT|项目经理|项目组", rows);
	size_t idx = 99;
	struct error msg;

	CHECK_INT(raci_match(m, RACI_ACTIVITY, "SERVER CONFIGURATION", &idx, &msg), 0);
	CHECK_INT(idx, 0);
	CHECK_INT(raci_match(m, RACI_ACTIVITY, "server c", &idx, &msg), 0);
	CHECK_INT(idx, 0);
	/* exact beats prefix: "database" is also a prefix of the other */
	CHECK_INT(raci_match(m, RACI_ACTIVITY, "database", &idx, &msg), 0);
	CHECK_INT(idx, 3);
	CHECK_INT(raci_match(m, RACI_ACTIVITY, "ser", &idx, &msg), -1);
	CHECK_STR(msg.msg, "activity \"ser\" is ambiguous; it could be: server configuration, service desk");
	CHECK_INT(raci_match(m, RACI_ACTIVITY, "backup", &idx, &msg), -1);
	CHECK_STR(msg.msg, "no activity \"backup\"; the activities are: server configuration, service desk, database management, Database");
	CHECK_INT(raci_match(m, RACI_ROLE, "it", &idx, &msg), 0);
	CHECK_INT(idx, 0);
	CHECK_INT(raci_match(m, RACI_ROLE, "项目经", &idx, &msg), 0);
	CHECK_INT(idx, 1);
	CHECK_INT(raci_match(m, RACI_ROLE, "项目", &idx, &msg), -1);
	CHECK_STR(msg.msg, "role \"项目\" is ambiguous; it could be: 项目经理, 项目组");
	{
		/* 60 activities of 20 bytes do not fit 512: cut with " ..." */
		struct raci *big = raci_new();
		const char *hdr[] = { "activity", "IT" };
		char nm[32];
		const char *f[2];
		size_t k;

		CHECK_INT(raci_header(big, hdr, 2, &msg), 0);
		for (k = 0; k < 60; k++) {
			snprintf(nm, sizeof nm, "activity number %04zu", k);
			f[0] = nm;
			f[1] = "A/R";
			CHECK_INT(raci_row(big, f, 2, k + 2, &msg), 0);
		}
		CHECK_INT(raci_match(big, RACI_ACTIVITY, "backup", &idx, &msg), -1);
		CHECK(strlen(msg.msg) < sizeof msg.msg);
		CHECK(strncmp(msg.msg, "no activity \"backup\"; the activities are: activity number 0000, ", 64) == 0);
		CHECK(strcmp(msg.msg + strlen(msg.msg) - 4, " ...") == 0);
		raci_free(big);
	}
	raci_free(m);
}

static void who_and_duties(void)
{
	static const char *const rows[] = {
		"backup|A/R|C|I|R", "training|I|A|R|", NULL
	};
	struct raci *m = mk("activity|IT|PMO|PM|Vendor", rows);
	json_t *w = raci_who(m, 0), *d = raci_duties(m, 0), *x;

	CHECK_INT(json_array_size(w), 4);
	x = json_array_get(w, 0);
	CHECK_STR(sget(x, "letter"), "R");
	CHECK_INT(json_array_size(json_object_get(x, "roles")), 2);
	CHECK_STR(json_string_value(json_array_get(json_object_get(x, "roles"), 1)), "Vendor");
	CHECK_STR(sget(json_array_get(w, 1), "letter"), "A");
	CHECK_STR(json_string_value(json_array_get(json_object_get(json_array_get(w, 1), "roles"), 0)), "IT");
	CHECK_STR(sget(json_array_get(w, 3), "letter"), "I");
	/* IT: R backup, A backup, C none, I training */
	CHECK_INT(json_array_size(json_object_get(json_array_get(d, 0), "activities")), 1);
	CHECK_INT(json_array_size(json_object_get(json_array_get(d, 2), "activities")), 0);
	CHECK_STR(json_string_value(json_array_get(json_object_get(json_array_get(d, 3), "activities"), 0)), "training");
	json_decref(w);
	json_decref(d);
	raci_free(m);
}

/* Feeds rows (as from raci_rows) back through raci_header/raci_row. */
static struct raci *reread(const json_t *rows)
{
	struct raci *m = raci_new();
	const json_t *first = json_array_get(rows, 0);
	const char *keys[MAXF], *vals[MAXF];
	struct error err;
	size_t n = 0, i, j;

	error_clear(&err);
	for (void *it = json_object_iter((json_t *)(uintptr_t)first); it && n < MAXF;
	     it = json_object_iter_next((json_t *)(uintptr_t)first, it))
		keys[n++] = json_object_iter_key(it);
	CHECK_INT(raci_header(m, keys, n, &err), 0);
	for (i = 0; i < json_array_size(rows); i++) {
		for (j = 0; j < n; j++)
			vals[j] = sget(json_array_get(rows, i), keys[j]);
		CHECK_INT(raci_row(m, vals, n, i + 2, &err), 0);
	}
	return m;
}

static void convert_round_trip(void)
{
	static const char *const rows[] = {
		"backup|RA|c||log_gap;error_rate",
		"idle||||",
		"训练|I|A/R|C|",
		NULL
	};
	struct raci *m = mk("activity|IT|PMO|PM|checks", rows), *l, *w;
	json_t *wide = raci_rows(m, 0), *lng = raci_rows(m, 1), *back, *x;

	/* wide: canonical codes, checks joined with ";" */
	x = json_array_get(wide, 0);
	CHECK_STR(sget(x, "IT"), "R/A");
	CHECK_STR(sget(x, "PMO"), "C");
	CHECK_STR(sget(x, "PM"), "");
	CHECK_STR(sget(x, "checks"), "log_gap;error_rate");
	/* long: backup/IT, backup/PMO, idle (no letters), 训练 x3 */
	CHECK_INT(json_array_size(lng), 6);
	x = json_array_get(lng, 1);
	CHECK_STR(sget(x, "role"), "PMO");
	CHECK_STR(sget(x, "checks"), "");
	x = json_array_get(lng, 2);
	CHECK_STR(sget(x, "activity"), "idle");
	CHECK_STR(sget(x, "role"), "");
	CHECK_STR(sget(x, "code"), "");
	CHECK_STR(sget(json_array_get(lng, 0), "checks"), "log_gap;error_rate");
	/* long back to wide gives the same rows */
	l = reread(lng);
	CHECK_INT(raci_is_long(l), 1);
	back = raci_rows(l, 0);
	CHECK(json_equal(back, wide));
	w = reread(back);
	json_decref(back);
	back = raci_rows(w, 1);
	CHECK(json_equal(back, lng));
	json_decref(back);
	json_decref(wide);
	json_decref(lng);
	raci_free(m);
	raci_free(l);
	raci_free(w);
}

static void render_escapes(void)
{
	const char *h[3] = { "activity", "I|T", "checks" };
	const char *row[3] = { "<b>\"a|b\"</b> & 'c'", "A/R", "x\\y" };
	struct raci *m = raci_new();
	struct error err;
	json_t *r;
	char *md, *html;

	error_clear(&err);
	CHECK_INT(raci_header(m, h, 3, &err), 0);
	CHECK_INT(raci_row(m, row, 3, 2, &err), 0);
	r = raci_rows(m, 0);
	md = raci_render(r, RACI_MD);
	html = raci_render(r, RACI_HTML);
	CHECK_STR(md, "| activity | I\\|T | checks |\n|---|---|---|\n"
		  "| &lt;b&gt;\"a\\|b\"&lt;/b&gt; &amp; 'c' | R/A | x\\\\y |\n");
	CHECK_STR(html, "<table>\n<thead>\n<tr><th>activity</th><th>I|T</th><th>checks</th></tr>\n"
		  "</thead>\n<tbody>\n"
		  "<tr><td>&lt;b&gt;&quot;a|b&quot;&lt;/b&gt; &amp; &#39;c&#39;</td><td>R/A</td>"
		  "<td>x\\y</td></tr>\n</tbody>\n</table>\n");
	free(md);
	free(html);
	json_decref(r);
	raci_free(m);
	/* base/text's escapers: * [ ] with a backslash in Markdown, a line
	   break one space in both (no <br>) */
	{
		const char *h2[2] = { "activity", "IT" };
		const char *row2[2] = { "*x*\n[y]", "R/A" };
		m = raci_new();
		CHECK_INT(raci_header(m, h2, 2, &err), 0);
		CHECK_INT(raci_row(m, row2, 2, 2, &err), 0);
		r = raci_rows(m, 0);
		md = raci_render(r, RACI_MD);
		html = raci_render(r, RACI_HTML);
		CHECK_STR(md, "| activity | IT |\n|---|---|\n| \\*x\\* \\[y\\] | R/A |\n");
		CHECK_STR(html, "<table>\n<thead>\n<tr><th>activity</th><th>IT</th></tr>\n"
			  "</thead>\n<tbody>\n<tr><td>*x* [y]</td><td>R/A</td></tr>\n"
			  "</tbody>\n</table>\n");
		free(md);
		free(html);
		json_decref(r);
		raci_free(m);
	}
	/* no rows: nothing */
	r = json_array();
	md = raci_render(r, RACI_MD);
	CHECK_STR(md, "");
	free(md);
	json_decref(r);
}

static void template_passes(void)
{
	static const char *const wired[] = {
		"consecutive_failures", "error_rate", "error_burst", "latency_p95",
		"log_gap", "failed_logins", "disabled_account_activity",
		"unknown_user", "stale_account", "dormant_admin", "expired_project",
		"availability", "response", "resolution", NULL
	};
	const char *langs[] = { "en", "zh", NULL };
	size_t i, r, a, na;

	for (i = 0; i < 3; i++) {
		struct raci *m = raci_template(langs[i]);
		struct findings *f = run(m, 3);
		json_t *o = json_object();
		size_t k;

		CHECK_INT(findings_count(f), 0);
		CHECK_INT(raci_nactivities(m), 18);
		CHECK_INT(raci_nroles(m), 5);
		for (r = 0; r < 5; r++) {
			for (a = na = 0; a < 18; a++)
				if (raci_letters(m, a, r) & RACI_A)
					na++;
			CHECK(na <= 6);
		}
		for (k = 0; wired[k]; k++)
			CHECK_INT(raci_route(m, NULL, wired[k], o), 1);
		for (k = 0; raci_check_names[k]; k++)
			CHECK_INT(raci_route(m, NULL, raci_check_names[k], o), 1);
		json_decref(o);
		findings_free(f);
		raci_free(m);
	}
	{
		struct raci *m = raci_template("zh");
		CHECK_STR(raci_role(m, 2), "项目经理");
		CHECK_STR(raci_activity(m, 0), "服务器配置");
		raci_free(m);
	}
	CHECK(raci_template("fr") == NULL);
}

static void routing(void)
{
	static const char *const rows[] = {
		"log analysis|A/R|I||error_rate;log_gap",
		"weekly inspection|R|A|C|error_rate",
		NULL
	};
	struct raci *m = mk("activity|IT|PMO|Vendor|checks", rows);
	struct raci_people *p = raci_people_new();
	json_t *f = json_pack("{s:s, s:s}", "check", "error_rate", "subject", "x");

	/* two activities list error_rate: roles joined in column order */
	CHECK_INT(raci_route(m, NULL, "error_rate", f), 1);
	CHECK_STR(sget(f, "responsible"), "IT");
	CHECK_STR(sget(f, "accountable"), "IT; PMO");
	CHECK_STR(sget(f, "consulted"), "Vendor");
	CHECK_STR(sget(f, "informed"), "PMO");
	/* the input fields stay first and in order */
	CHECK_STR(json_object_iter_key(json_object_iter(f)), "check");
	CHECK_INT(raci_route(m, NULL, "log_gap", f), 1);
	CHECK_STR(sget(f, "accountable"), "IT");
	CHECK_STR(sget(f, "consulted"), "");
	CHECK_INT(raci_route(m, NULL, "nobody_lists_me", f), 0);
	CHECK_STR(sget(f, "responsible"), "unassigned");
	CHECK_STR(sget(f, "accountable"), "unassigned");
	CHECK_STR(sget(f, "consulted"), "");
	CHECK_STR(sget(f, "informed"), "");
	CHECK_INT(raci_route(m, NULL, NULL, f), 0);
	/* people: two for IT, one without e-mail; a role without people
	   keeps its name */
	raci_people_add(p, "it", "Li Wei", "li.wei@example.com");
	raci_people_add(p, " IT ", "Ana Souza", " ana@example.com ");
	raci_people_add(p, "PMO", "王芳", "");
	CHECK_INT(raci_route(m, p, "error_rate", f), 1);
	CHECK_STR(sget(f, "responsible"), "Li Wei <li.wei@example.com>; Ana Souza <ana@example.com>");
	CHECK_STR(sget(f, "accountable"),
		  "Li Wei <li.wei@example.com>; Ana Souza <ana@example.com>; 王芳");
	CHECK_STR(sget(f, "consulted"), "Vendor");
	json_decref(f);
	raci_people_free(p);
	raci_people_free(NULL);
	raci_free(m);
}

/* Section headings: a row with no letter and no checks is kept but not
 * judged, nor counted among the activities. */
static void section_headings(void)
{
	static const char *const rows[] = {
		"Operations|| |",	/* line 2: a heading */
		"backup|R/A|C|",	/* 3 */
		"restore|R|A|",		/* 4 */
		"Reviews|||",		/* 5: a heading */
		"audit|||weekly_inspection",	/* 6: checks: an activity */
		NULL
	};
	struct raci *m = mk("activity|IT|PMO|checks", rows);
	struct findings *f = run(m, 3);
	json_t *x;

	CHECK_INT(raci_nactivities(m), 5);
	CHECK_INT(raci_is_heading(m, 0), 1);
	CHECK_INT(raci_is_heading(m, 1), 0);
	CHECK_INT(raci_is_heading(m, 3), 1);
	CHECK_INT(raci_is_heading(m, 4), 0);
	/* only "audit" (it lists a check, so it is an activity) lacks A, R */
	CHECK_INT(count(f, "no_accountable", &x), 1);
	CHECK_STR(sget(x, "subject"), "audit");
	CHECK_INT(count(f, "no_responsible", &x), 1);
	CHECK_STR(sget(x, "subject"), "audit");
	/* 3 activities, floor(3/3) = 1: IT and PMO are A once each */
	CHECK_INT(count(f, "accountable_bottleneck", NULL), 0);
	findings_free(f);
	raci_free(m);
	/* headings only: an empty matrix */
	m = mk("activity|IT", (const char *const[]){"One|", "Two|", NULL});
	f = run(m, 3);
	CHECK_INT(count(f, "empty_matrix", &x), 1);
	CHECK_STR(sget(x, "message"), "the matrix has no activities");
	findings_free(f);
	raci_free(m);
}

/* The by-letter layout: the cells name the roles. */
static void by_letter(void)
{
	static const char *const rows[] = {
		"plan|IT Ops, Vendor|PMO lead (A)|PM / Scrum Master; QA<br>Ops|-",
		"ship|Vendor||IT Ops|",
		NULL
	};
	struct raci *m = mk("Activity|Responsible|A|Consulted (C)|I", rows);
	struct findings *f;
	json_t *x;
	size_t i;

	CHECK_INT(raci_by_letter(m), 1);
	CHECK_INT(raci_nroles(m), 6);
	{
		static const char *const want[] = { "IT Ops", "Vendor", "PMO lead",
			"PM / Scrum Master", "QA", "Ops" };
		for (i = 0; i < 6; i++)
			CHECK_STR(raci_role(m, i), want[i]);
	}
	CHECK_INT(raci_letters(m, 0, 0), RACI_R);
	CHECK_INT(raci_letters(m, 0, 2), RACI_A);
	CHECK_INT(raci_letters(m, 0, 3), RACI_C);
	CHECK_INT(raci_letters(m, 1, 0), RACI_C);
	CHECK_INT(raci_letters(m, 1, 1), RACI_R);
	f = run(m, 3);
	CHECK_INT(count(f, "unknown_code", NULL), 0);
	CHECK_INT(count(f, "no_accountable", &x), 1);
	CHECK_STR(sget(x, "subject"), "ship");
	findings_free(f);
	raci_free(m);
	/* one letter column is not the layout: "R" is then a role */
	m = mk("activity|R|IT", (const char *const[]){"plan|x|R/A", NULL});
	CHECK_INT(raci_by_letter(m), 0);
	CHECK_INT(raci_nroles(m), 2);
	raci_free(m);
	/* a letter twice is not either */
	m = mk("activity|R|Responsible", (const char *const[]){"plan|a|b", NULL});
	CHECK_INT(raci_by_letter(m), 0);
	raci_free(m);
}

int main(void)
{
	TEST_RUN(cell_forms);
	TEST_RUN(wide_form);
	TEST_RUN(header_errors);
	TEST_RUN(row_errors);
	TEST_RUN(long_form);
	TEST_RUN(long_form_role_order);
	TEST_RUN(rule_accountable);
	TEST_RUN(rule_responsible);
	TEST_RUN(rule_unknown_code);
	TEST_RUN(rule_duplicate_and_empty);
	TEST_RUN(rule_idle_role);
	TEST_RUN(rule_bottleneck);
	TEST_RUN(check_names);
	TEST_RUN(matching);
	TEST_RUN(who_and_duties);
	TEST_RUN(convert_round_trip);
	TEST_RUN(render_escapes);
	TEST_RUN(section_headings);
	TEST_RUN(by_letter);
	TEST_RUN(template_passes);
	TEST_RUN(routing);
	return TEST_EXIT();
}
