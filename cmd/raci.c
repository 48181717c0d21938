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
#include "io/jbuild.h"
#include "raci/raci.h"
#include "base/strtab.h"
#include "base/xalloc.h"

enum { O_MATRIX = 1, O_MAX_R, O_PEOPLE, O_LANG, O_TO };

#define OPT_MATRIX {"matrix", 'm', "MATRIX", "the RACI matrix, wide or long (- for standard input)", O_MATRIX}
#define OPT_TO {"to", 0, "FORM", "write the matrix wide (one column a role) or long (activity, role, code) (default: as read)", O_TO}
#define OPT_END {NULL, 0, NULL, NULL, 0}

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
	struct raci *m = raci_new();
	struct reader *r;
	struct record rec;
	struct error err;
	const char **names;
	size_t n, i;

	if (!path) {
		fprintf(stderr, "%s: no matrix: give -m MATRIX\n", c->prog);
		cli_usage(c);
	}
	r = cli_open(c, path, NULL, 0);
	n = reader_ncolumns(r);
	names = xcalloc(n ? n : 1, sizeof *names);
	for (i = 0; i < n; i++)
		names[i] = reader_column_name(r, i);
	error_clear(&err);
	if (raci_header(m, names, n, &err) != 0) {
		snprintf(err.file, sizeof err.file, "%s", reader_path(r));
		cli_fail(c, &err);
	}
	free(names);
	while (cli_read(c, r, &rec) > 0) {
		error_clear(&err);
		if (raci_row(m, rec.field, rec.nfields, rec.line, &err) != 0)
			cli_reject(c, r, &rec, err.msg);
	}
	cli_report_rejects(c, r);
	if (env)
		envelope_add_input(env, r);
	reader_close(r);
	return m;
}

/* Writes text (md, html) to -o FILE atomically or to standard output. */
static void put_text(struct cli *c, const char *text)
{
	struct atomic_file *a;
	struct error err;

	if (!c->output) {
		fputs(text, stdout);
		return;
	}
	error_clear(&err);
	a = atomic_open(c->output, &err);
	if (!a)
		cli_fail(c, &err);
	fputs(text, atomic_fp(a));
	if (atomic_commit(a, &err) != 0)
		cli_fail(c, &err);
}

enum { WIDE_MAX_CELLS = 1000000 };

/* Writes the matrix in the -f format: md and html rendered here, json as
 * a plain array of rows (jansson's text, so that it reads back as a
 * matrix), the rest by the writer from {"matrix": rows}, with formula
 * prefixes neutralised in csv and tsv.  A wide form of more than
 * WIDE_MAX_CELLS cells is refused. */
static int write_matrix(struct cli *c, const struct raci *m, int long_form)
{
	json_t *rows, *doc;
	const char *dot = c->output ? strrchr(c->output, '.') : NULL;
	enum outfmt f;
	int status = 0;
	size_t i;
	char *text;

	/* the wide form has a cell for every pair, the long one a row per
	 * letter: a long matrix of 100 000 activities and 100 000 roles
	 * would be 10^10 cells wide */
	if (!long_form && raci_nroles(m) &&
	    raci_nactivities(m) > WIDE_MAX_CELLS / raci_nroles(m))
		cli_die(c, "the wide form would have %zu activities x %zu roles, more than %d cells; write the long form (--to long)",
			raci_nactivities(m), raci_nroles(m), (int)WIDE_MAX_CELLS);
	rows = raci_rows(m, long_form);
	if (!c->format_set) {
		c->format = isatty(STDOUT_FILENO) && !c->output ? OUT_TABLE : OUT_CSV;
		for (i = 0; dot && matrix_formats[i]; i++)
			if (strcmp(matrix_formats[i], dot + 1) == 0 &&
			    outfmt_parse(dot + 1, &f) == 0)
				c->format = f;
		c->format_set = 1;
	}
	switch (c->format) {
	case OUT_MD:
	case OUT_HTML:
	case OUT_JSON:
		if (c->format == OUT_JSON) {
			text = json_dumps(rows, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			if (!text)
				cli_die(c, "out of memory");
			text = xrealloc(text, strlen(text) + 2);
			strcat(text, "\n");
		} else {
			text = raci_render(rows, c->format == OUT_MD ? RACI_MD : RACI_HTML);
		}
		put_text(c, text);
		free(text);
		break;
	default:
		doc = json_object();
		if (c->format == OUT_CSV || c->format == OUT_TSV)
			jset(doc, "matrix", raci_csv_safe(rows));
		else
			jset(doc, "matrix", json_incref(rows));
		status = cli_write(c, doc, "matrix", NULL);
		json_decref(doc);
		break;
	}
	json_decref(rows);
	return status;
}

static int parse_to(const struct cli *c, const char *arg)
{
	if (strcmp(arg, "wide") == 0)
		return 0;
	if (strcmp(arg, "long") == 0)
		return 1;
	cli_die(c, "--to: unknown form \"%s\" (one of: wide, long)", arg);
}

static int run_check(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		OPT_MATRIX,
		{"max-r", 0, "N", "warn when an activity has more than N responsible roles (default: 3)", O_MAX_R},
		OPT_END
	};
	struct cli c;
	const char *arg, *matrix = NULL;
	long max_r = 3;
	struct raci *m;
	struct findings *f;
	json_t *env, *names;
	int id, n, status;
	size_t i;

	cli_init(&c, "raci check", "-m MATRIX [options]",
		 "Check a RACI matrix: one A and at least one R per activity, known codes, no duplicates, no idle role, no bottleneck.",
		 opts, CLI_INPUT | CLI_OUTPUT | CLI_FINDINGS, check_formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		if (id == O_MATRIX)
			matrix = arg;
		else if (id == O_MAX_R)
			max_r = cli_long(&c, "max-r", arg, 1, 1000000);
	}
	cli_operands(&c, &n);
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
	static const struct cli_opt opts[] = { OPT_MATRIX, OPT_END };
	int who = kind == RACI_ACTIVITY;
	struct cli c;
	const char *arg, *matrix = NULL;
	char **ops, *name, *msg;
	struct raci *m;
	json_t *env;
	size_t idx;
	int n, status;

	cli_init(&c, who ? "raci who" : "raci duties",
		 who ? "-m MATRIX [options] ACTIVITY" : "-m MATRIX [options] ROLE",
		 who ? "Show the roles that are R, A, C and I for one activity (a unique prefix will do)."
		     : "Show what one role is R, A, C and I for (a unique prefix will do).",
		 opts, CLI_INPUT | CLI_OUTPUT, NULL, argc, argv);
	while (cli_next(&c, &arg) != 0)
		matrix = arg;
	ops = cli_operands(&c, &n);
	if (n < 1)
		cli_usage(&c);
	env = envelope_new("raci", NULL, NULL);
	m = load_matrix(&c, matrix, env);
	name = joined(ops, n);
	if (raci_match(m, kind, name, &idx, &msg) != 0) {
		cli_warn(&c, "%s", msg);
		free(msg);
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

/* Reads the whole of fp. */
static char *slurp(struct cli *c, FILE *fp, const char *path, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	do {
		buf = vec_reserve(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp))
		cli_die(c, "%s: %s", path, strerror(errno));
	*len = n;
	return buf;
}

/* Case-insensitive (ASCII) equality. */
static int same_name(const char *a, const char *b)
{
	for (; *a || *b; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

/* A CSV or TSV of findings is read raw, every column a key of the finding;
 * a column route reads or writes named twice would keep one of its values
 * unseen, so it is an error, as in the other readers.  Returns 0, or -1
 * with err set. */
static int duplicate_column(const struct reader *r, const char *path,
			    struct error *err)
{
	static const char *const used[] = {
		"check", "severity", "subject", "value", "threshold", "message",
		"id", "first_seen", "last_seen", "count", "responsible",
		"accountable", "consulted", "informed", NULL
	};
	size_t n = reader_ncolumns(r), i, k;
	char q[96];

	for (k = 0; used[k]; k++) {
		size_t first = SIZE_MAX;
		for (i = 0; i < n; i++) {
			const char *name = reader_column_name(r, i);
			if (!name || !same_name(name, used[k]))
				continue;
			if (first == SIZE_MAX) {
				first = i;
				continue;
			}
			error_set(err, path, 1, "duplicate column %s (columns %zu and %zu)",
				  error_quote(q, sizeof q, name, strlen(name)), first + 1, i + 1);
			return -1;
		}
	}
	return 0;
}

/* Findings from path: JSON (envelope, array, NDJSON) when it starts with
 * "{" or "[" or white space, else CSV or TSV through the reader. */
static json_t *read_findings(struct cli *c, const char *path, json_t *env)
{
	int stdin_ = strcmp(path, "-") == 0, ch;
	FILE *fp = stdin_ ? stdin : fopen(path, "rb");
	unsigned long rejected, first;
	struct reader *r;
	struct record rec;
	struct error err;
	json_t *out, *in;
	size_t len, i;
	char *text;

	if (!fp)
		cli_die(c, "%s: %s", path, strerror(errno));
	ch = getc(fp);
	if (ch == '{' || ch == '[' || ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
		ungetc(ch, fp);
		text = slurp(c, fp, stdin_ ? "stdin" : path, &len);
		if (!stdin_)
			fclose(fp);
		error_clear(&err);
		out = findings_parse_json(text, len, &rejected, &first, &err);
		free(text);
		if (!out) {
			snprintf(err.file, sizeof err.file, "%s", stdin_ ? "stdin" : path);
			cli_fail(c, &err);
		}
		if (rejected && first)
			cli_warn(c, "%s: %lu row%s rejected (first at line %lu: not a JSON object)",
				 stdin_ ? "stdin" : path, rejected, rejected == 1 ? "" : "s", first);
		else if (rejected)
			cli_warn(c, "%s: %lu row%s rejected (not a JSON object)",
				 stdin_ ? "stdin" : path, rejected, rejected == 1 ? "" : "s");
		in = json_object();
		jset(in, "path", jstr(stdin_ ? "stdin" : path));
		jset(in, "rows", jint((long long)json_array_size(out)));
		jset(in, "rejected", jint((long long)rejected));
		json_array_append_new(json_object_get(env, "inputs"), in);
		return out;
	}
	if (stdin_)
		ungetc(ch, fp);
	else
		fclose(fp);
	out = json_array();
	r = cli_open(c, path, NULL, 0);
	error_clear(&err);
	if (duplicate_column(r, stdin_ ? "stdin" : path, &err) != 0) {
		reader_close(r);
		json_decref(out);
		cli_fail(c, &err);
	}
	while (cli_read(c, r, &rec) > 0) {
		json_t *o = json_object();
		for (i = 0; i < rec.nfields; i++)
			jset(o, reader_column_name(r, i),
			     finding_field_parse(reader_column_name(r, i), rec.field[i]));
		json_array_append_new(out, o);
	}
	cli_report_rejects(c, r);
	envelope_add_input(env, r);
	reader_close(r);
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

static int run_route(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		OPT_MATRIX,
		{"people", 0, "PEOPLE", "name people instead of roles: a file of role, person, email", O_PEOPLE},
		OPT_END
	};
	struct cli c;
	const char *arg, *matrix = NULL, *people = NULL, *path;
	struct raci_people *p = NULL;
	struct strtab *warned = strtab_new();
	struct raci *m;
	json_t *env, *fs;
	char **ops;
	int id, n, status;
	size_t i;

	cli_init(&c, "raci route", "-m MATRIX [--people PEOPLE] [options] [FINDINGS]",
		 "Add the responsible, accountable, consulted and informed roles to each finding, through the matrix's checks column.",
		 opts, CLI_OUTPUT, NULL, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		if (id == O_MATRIX)
			matrix = arg;
		else if (id == O_PEOPLE)
			people = arg;
	}
	ops = cli_operands(&c, &n);
	if (n > 1)
		cli_usage(&c);
	path = n ? ops[0] : "-";
	if (matrix && strcmp(matrix, "-") == 0 && strcmp(path, "-") == 0)
		cli_die(&c, "the matrix and the findings cannot both be standard input");
	env = envelope_new("raci", NULL, NULL);
	m = load_matrix(&c, matrix, env);
	if (people)
		p = read_people(&c, people, env);
	fs = read_findings(&c, path, env);
	for (i = 0; i < json_array_size(fs); i++) {
		json_t *o = json_array_get(fs, i);
		const char *check = json_string_value(json_object_get(o, "check"));
		size_t before = strtab_count(warned);

		if (raci_route(m, p, check, o))
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
	raci_free(m);
	return cli_exit(&c, status);
}

static int run_template(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"lang", 0, "LANG", "names of the roles and activities: en or zh (default: en)", O_LANG},
		{"to", 0, "FORM", "write the matrix wide (one column a role) or long (activity, role, code) (default: wide)", O_TO},
		OPT_END
	};
	struct cli c;
	const char *arg, *lang = "en";
	struct raci *m;
	int id, n, status, long_form = 0;

	cli_init(&c, "raci template", "[--lang en|zh] [options]",
		 "Print the default maintenance matrix: five roles, eighteen duties, and the checks of inspect, sla-check and raci wired to them.",
		 opts, CLI_OUTPUT, matrix_formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		if (id == O_LANG)
			lang = arg;
		else if (id == O_TO)
			long_form = parse_to(&c, arg);
	}
	cli_operands(&c, &n);
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
	static const struct cli_opt opts[] = { OPT_MATRIX, OPT_TO, OPT_END };
	struct cli c;
	const char *arg, *matrix = NULL;
	struct raci *m;
	int id, n, status, long_form = -1;

	cli_init(&c, "raci convert", "-m MATRIX [--to wide|long] [options]",
		 "Rewrite a matrix wide or long, as CSV, TSV, JSON or a Markdown or HTML table.",
		 opts, CLI_INPUT | CLI_OUTPUT, matrix_formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		if (id == O_MATRIX)
			matrix = arg;
		else if (id == O_TO)
			long_form = parse_to(&c, arg);
	}
	cli_operands(&c, &n);
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
