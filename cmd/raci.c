/* raci: the RACI matrix of maintenance duties.  Subcommands check, who,
 * duties, route, template and convert; each reads its options, loads the
 * matrix into lib/raci.c, and hands the result document to cli_write. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/atomic.h"
#include "cli.h"
#include "io/envelope.h"
#include "io/finding_read.h"
#include "io/jbuild.h"
#include "raci/raci_load.h"
#include "raci/raci.h"
#include "base/strtab.h"
#include "base/xalloc.h"

#define OPT_MATRIX(p) CLI_OPT_STRING("matrix", 'm', "MATRIX", (p), "the RACI matrix, wide or long (- for standard input)")

static const char *const forms[] = { "wide", "long", NULL };

static const char *const check_formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};
static const char *const matrix_formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "md", "html", NULL
};

/* Reads the matrix at path (rows the reader or raci_row rejects are
 * counted and reported) and adds it to the envelope's inputs. */
static struct raci *load_matrix(struct cli *c, const char *path, json_t *env)
{
	struct reader *r;
	struct raci *m;
	struct error err;

	if (!path) {
		cli_warn(c, "no matrix: give -m MATRIX");
		cli_usage(c);
	}
	r = cli_open_as(c, "matrix", path, NULL, 0);
	error_clear(&err);
	if (!(m = raci_load(r, &err)))
		cli_fail(c, &err);
	if (raci_load_note(m))
		cli_warn(c, "%s: %s", reader_path(r), raci_load_note(m));
	cli_close(c, r, env);
	return m;
}

enum { WIDE_MAX_CELLS = 1000000 };

/* The matrix's own forms: md and html tables, and json as a plain array of
 * rows (jansson's text, so that it reads back as a matrix); the rest is
 * left to the writer, from {"matrix": rows}.  ctx: the rows. */
static int render_matrix(FILE *fp, const json_t *doc, enum outfmt f,
			 const void *ctx, struct error *err)
{
	const json_t *rows = ctx;
	char *text;
	int bad;

	(void)doc;
	if (f == OUT_JSON)
		text = json_dumps(rows, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	else if (f == OUT_MD || f == OUT_HTML)
		text = raci_render(rows, f == OUT_MD ? RACI_MD : RACI_HTML);
	else
		return 1;
	if (!text)
		xalloc_die();
	bad = fputs(text, fp) == EOF || (f == OUT_JSON && fputc('\n', fp) == EOF);
	free(text);
	if (bad) {
		error_set(err, NULL, 0, "write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Writes the matrix in the -f format (the writer neutralises formula
 * prefixes in csv and tsv, as for every command).  A wide form of more than WIDE_MAX_CELLS cells is
 * refused. */
static int write_matrix(struct cli *c, const struct raci *m, int long_form)
{
	json_t *rows, *doc;
	struct cli_doc d = { .rows = "matrix", .render = render_matrix };
	int status;

	/* the wide form has a cell for every pair, the long one a row per
	 * letter: a long matrix of 100 000 activities and 100 000 roles
	 * would be 10^10 cells wide */
	if (!long_form && raci_nroles(m) &&
	    raci_nactivities(m) > WIDE_MAX_CELLS / raci_nroles(m))
		cli_die(c, "the wide form would have %zu activities x %zu roles, more than %d cells; write the long form (--to long)",
			raci_nactivities(m), raci_nroles(m), (int)WIDE_MAX_CELLS);
	rows = raci_rows(m, long_form);
	doc = jobject();
	jset(doc, "matrix", json_incref(rows));
	d.doc = doc;
	d.ctx = rows;
	status = cli_put(c, &d);
	json_decref(doc);
	json_decref(rows);
	return status;
}

static int run_check(int argc, char **argv)
{
	const char *matrix = NULL;
	long max_r = 3;
	const struct cli_opt opts[] = {
		OPT_MATRIX(&matrix),
		CLI_OPT_LONG("max-r", "N", &max_r, 1, 1000000, "warn when an activity has more than N responsible roles (default: 3)"),
		CLI_OPT_END
	};
	struct cli c;
	struct raci *m;
	struct findings *f;
	json_t *env, *names;
	int n, status;
	size_t i;

	cli_init(&c, "raci check", "-m MATRIX [options]",
		 "Check a RACI matrix: one A and at least one R per activity, known codes, no duplicates, no idle role, no bottleneck.",
		 opts, CLI_INPUT | CLI_OUTPUT | CLI_FINDINGS, check_formats, argc, argv);
	cli_parse(&c, &n);
	if (n != 0)
		cli_usage(&c);
	env = envelope_new("raci", NULL, NULL);
	m = load_matrix(&c, matrix, env);
	f = findings_new("raci");
	raci_check(m, max_r, f);
	findings_sort(f);
	names = json_array();
	for (i = 0; raci_check_names[i]; i++)
		json_array_append_new(names, jstr(raci_check_names[i]));
	jset(env, "checks", names);
	jset(env, "findings", json_incref(findings_json(f)));
	status = cli_write(&c, env, "findings", f);
	json_decref(env);
	findings_free(f);
	raci_free(m);
	return cli_exit(&c, status);
}

/* The operands as one name: "raci who -m M server configuration". */
static char *joined(char **ops, int n)
{
	size_t len = 1, i;
	char *s;

	for (i = 0; i < (size_t)n; i++)
		len += strlen(ops[i]) + 1;
	s = xcalloc(len, 1);
	for (i = 0; i < (size_t)n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, ops[i]);
	}
	return s;
}

/* who and duties: one name looked up, four rows of names by letter. */
static int run_lookup(int argc, char **argv, enum raci_kind kind)
{
	const char *matrix = NULL;
	const struct cli_opt opts[] = { OPT_MATRIX(&matrix), CLI_OPT_END };
	int who = kind == RACI_ACTIVITY;
	struct cli c;
	char **ops, *name;
	struct error err;
	struct raci *m;
	json_t *env;
	size_t idx;
	int n, status;

	cli_init(&c, who ? "raci who" : "raci duties",
		 who ? "-m MATRIX [options] ACTIVITY" : "-m MATRIX [options] ROLE",
		 who ? "Show the roles that are R, A, C and I for one activity (a unique prefix will do)."
		     : "Show what one role is R, A, C and I for (a unique prefix will do).",
		 opts, CLI_INPUT | CLI_OUTPUT, NULL, argc, argv);
	ops = cli_parse(&c, &n);
	if (n < 1)
		cli_usage(&c);
	env = envelope_new("raci", NULL, NULL);
	m = load_matrix(&c, matrix, env);
	name = joined(ops, n);
	error_clear(&err);
	if (raci_match(m, kind, name, &idx, &err) != 0) {
		cli_warn(&c, "%s", err.msg);
		free(name);
		json_decref(env);
		raci_free(m);
		return cli_exit(&c, 2);
	}
	if (who) {
		jset(env, "activity", jstr(raci_activity(m, idx)));
		jset(env, "letters", raci_who(m, idx));
	} else {
		jset(env, "role", jstr(raci_role(m, idx)));
		jset(env, "duties", raci_duties(m, idx));
	}
	status = cli_write(&c, env, who ? "letters" : "duties", NULL);
	free(name);
	json_decref(env);
	raci_free(m);
	return cli_exit(&c, status);
}

static int run_who(int argc, char **argv)
{
	return run_lookup(argc, argv, RACI_ACTIVITY);
}

static int run_duties(int argc, char **argv)
{
	return run_lookup(argc, argv, RACI_ROLE);
}

/* Findings from path, JSON or CSV/TSV (findings_read), added to the
 * envelope's inputs. */
static json_t *read_findings(struct cli *c, const char *path, json_t *env)
{
	struct reader_config cfg;
	struct findings_input in;
	struct error err;
	json_t *out;

	cli_reader_config(c, &cfg);
	error_clear(&err);
	if (!(out = findings_read(path, &cfg, &in, &err)))
		cli_fail(c, &err);
	cli_report_rejected(c, in.path, in.rejected, in.first_line, in.first_reason);
	envelope_add_counts(env, in.path, in.rows, in.rejected);
	return out;
}

static struct raci_people *read_people(struct cli *c, const char *path, json_t *env)
{
	static const struct reader_column cols[] = {
		{"role", 1}, {"person", 1}, {"email", 0}
	};
	struct raci_people *p = raci_people_new();
	struct reader *r = cli_open(c, path, cols, 3);
	struct record rec;

	while (cli_read(c, r, &rec) > 0)
		raci_people_add(p, rec.field[0], rec.field[1], rec.field[2]);
	cli_report_rejects(c, r);
	envelope_add_input(env, r);
	reader_close(r);
	return p;
}

/* The runbook at path: check, subject (a glob), remedy, link. */
static struct raci_runbook *read_runbook(struct cli *c, const char *path, json_t *env)
{
	static const struct reader_column cols[] = {
		{"check", 1}, {"subject", 0}, {"remedy", 1}, {"link", 0}
	};
	struct raci_runbook *rb = raci_runbook_new();
	struct reader *r = cli_open(c, path, cols, 4);
	struct record rec;

	while (cli_read(c, r, &rec) > 0)
		raci_runbook_add(rb, rec.field[0], rec.field[1], rec.field[2], rec.field[3]);
	cli_report_rejects(c, r);
	envelope_add_input(env, r);
	reader_close(r);
	return rb;
}

static int run_route(int argc, char **argv)
{
	const char *matrix = NULL, *people = NULL, *runbook = NULL, *path;
	const struct cli_opt opts[] = {
		OPT_MATRIX(&matrix),
		CLI_OPT_STRING("people", 0, "PEOPLE", &people, "name people instead of roles: a file of role, person, email"),
		CLI_OPT_STRING("runbook", 0, "RUNBOOK", &runbook, "add each finding's remedy and link: a file of check, subject (glob), remedy, link"),
		CLI_OPT_END
	};
	struct cli c;
	struct raci_people *p = NULL;
	struct raci_runbook *rb = NULL;
	struct strtab *warned = strtab_new();
	struct raci *m;
	json_t *env, *fs;
	char **ops;
	int n, status;
	size_t i;

	cli_init(&c, "raci route", "-m MATRIX [--people PEOPLE] [--runbook RUNBOOK] [options] [FINDINGS]",
		 "Add the responsible, accountable, consulted and informed roles to each finding, through the matrix's checks column.",
		 opts, CLI_OUTPUT, NULL, argc, argv);
	ops = cli_parse(&c, &n);
	if (n > 1)
		cli_usage(&c);
	path = n ? ops[0] : "-";
	if (matrix && strcmp(matrix, "-") == 0 && strcmp(path, "-") == 0)
		cli_die(&c, "the matrix and the findings cannot both be standard input");
	env = envelope_new("raci", NULL, NULL);
	m = load_matrix(&c, matrix, env);
	if (people)
		p = read_people(&c, people, env);
	if (runbook)
		rb = read_runbook(&c, runbook, env);
	fs = read_findings(&c, path, env);
	for (i = 0; i < json_array_size(fs); i++) {
		json_t *o = json_array_get(fs, i);
		const char *check = json_string_value(json_object_get(o, "check"));
		const char *src = raci_check_source(check);
		size_t before = strtab_count(warned);
		int assigned;

		/* the tool that found it: the envelope's (findings_read), else
		 * the check's, else unknown */
		if (!json_is_string(json_object_get(o, "source")) ||
		    !*json_string_value(json_object_get(o, "source")))
			jset(o, "source", src ? jstr(src) : json_null());
		assigned = raci_route(m, p, check, o);
		if (rb)
			raci_runbook_apply(rb, check,
					   json_string_value(json_object_get(o, "subject")), o);
		if (assigned)
			continue;
		if (!check)
			check = "";
		if (strtab_intern(warned, check, strlen(check)) == before) {
			char q[96];
			error_quote(q, sizeof q, check, strlen(check));
			cli_warn(&c, "no activity lists check %s in its checks column; its findings are unassigned",
				 q);
		}
	}
	jset(env, "findings", fs);
	status = cli_write(&c, env, "findings", NULL);
	json_decref(env);
	strtab_free(warned);
	raci_people_free(p);
	raci_runbook_free(rb);
	raci_free(m);
	return cli_exit(&c, status);
}

static int run_template(int argc, char **argv)
{
	const char *lang = "en";
	int long_form = 0;
	const struct cli_opt opts[] = {
		CLI_OPT_STRING("lang", 0, "LANG", &lang, "names of the roles and activities: en or zh (default: en)"),
		CLI_OPT_CHOICE("to", "FORM", &long_form, forms, "form", "write the matrix wide (one column a role) or long (activity, role, code) (default: wide)"),
		CLI_OPT_END
	};
	struct cli c;
	struct raci *m;
	int n, status;

	cli_init(&c, "raci template", "[--lang en|zh] [options]",
		 "Print the default maintenance matrix: five roles, eighteen duties, and the checks of inspect, sla-check and raci wired to them.",
		 opts, CLI_OUTPUT, matrix_formats, argc, argv);
	cli_parse(&c, &n);
	if (n != 0)
		cli_usage(&c);
	m = raci_template(lang);
	if (!m)
		cli_die(&c, "--lang: unknown language \"%s\" (one of: en, zh)", lang);
	status = write_matrix(&c, m, long_form);
	raci_free(m);
	return cli_exit(&c, status);
}

static int run_convert(int argc, char **argv)
{
	const char *matrix = NULL;
	int long_form = -1;
	const struct cli_opt opts[] = {
		OPT_MATRIX(&matrix),
		CLI_OPT_CHOICE("to", "FORM", &long_form, forms, "form", "write the matrix wide (one column a role) or long (activity, role, code) (default: as read)"),
		CLI_OPT_END
	};
	struct cli c;
	struct raci *m;
	int n, status;

	cli_init(&c, "raci convert", "-m MATRIX [--to wide|long] [options]",
		 "Rewrite a matrix wide or long, as CSV, TSV, JSON or a Markdown or HTML table.",
		 opts, CLI_INPUT | CLI_OUTPUT, matrix_formats, argc, argv);
	cli_parse(&c, &n);
	if (n != 0)
		cli_usage(&c);
	m = load_matrix(&c, matrix, NULL);
	status = write_matrix(&c, m, long_form < 0 ? raci_is_long(m) : long_form);
	raci_free(m);
	return cli_exit(&c, status);
}

int main(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{"check", run_check, "check the matrix against the RACI rules"},
		{"who", run_who, "the roles of one activity, letter by letter"},
		{"duties", run_duties, "the activities of one role, letter by letter"},
		{"route", run_route, "add the owners of each finding"},
		{"template", run_template, "print the default maintenance matrix"},
		{"convert", run_convert, "rewrite a matrix wide or long, csv, json, md or html"},
		{NULL, NULL, NULL}
	};

	return cli_dispatch("raci", "The RACI matrix of maintenance duties: check it, look people up, route findings to their owners.",
			    subs, argc, argv);
}
