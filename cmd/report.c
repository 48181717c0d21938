/* report: the monthly health report.  Reads the JSON outputs of inspect,
 * review, sla-check and raci check (plus -m MATRIX and --previous), builds
 * the report document (report/report.h) and writes it with the renderer
 * of md, html, txt or json (report/render.h) to standard output or
 * atomically to -o FILE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "cli.h"
#include "raci/raci.h"
#include "report/render.h"
#include "report/report.h"
#include "base/xalloc.h"

enum { O_MATRIX = 1, O_PREVIOUS, O_LANG };

static const char *const formats[] = { "md", "html", "txt", "json", NULL };

/* The renderer of each format of formats[]. */
static const struct {
	enum outfmt format;
	int (*render)(FILE *fp, const json_t *doc, struct error *err);
} renderers[] = {
	{ OUT_MD, report_render_md }, { OUT_HTML, report_render_html },
	{ OUT_TXT, report_render_txt }, { OUT_JSON, report_render_json },
};

/* Reads all of path ("-": standard input); dies on an error. */
static char *slurp(const struct cli *c, const char *path, size_t *len)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 65536, n = 0, got;
	char *buf;

	if (!fp)
		cli_die(c, "%s: %s", path, strerror(errno));
	buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xreallocarray(buf, cap *= 2, 1);
	}
	if (ferror(fp))
		cli_die(c, "%s: read error: %s", path, strerror(errno));
	if (fp != stdin)
		fclose(fp);
	*len = n;
	return buf;
}

static struct raci *load_matrix(struct cli *c, const char *path,
				unsigned long *rows, unsigned long *rejected)
{
	struct reader_config cfg = { .format = READER_AUTO };
	struct raci *m = raci_new();
	struct reader *r;
	struct record rec;
	struct error err;
	const char **names;
	size_t n, i;
	int rc;

	error_clear(&err);
	r = reader_open(path, &cfg, NULL, 0, &err);
	if (!r)
		cli_fail(c, &err);
	n = reader_ncolumns(r);
	names = xcalloc(n ? n : 1, sizeof *names);
	for (i = 0; i < n; i++)
		names[i] = reader_column_name(r, i);
	if (raci_header(m, names, n, &err) != 0) {
		snprintf(err.file, sizeof err.file, "%s", reader_path(r));
		cli_fail(c, &err);
	}
	free(names);
	while ((rc = reader_next(r, &rec, &err)) > 0) {
		struct error e2;
		error_clear(&e2);
		if (raci_row(m, rec.field, rec.nfields, rec.line, &e2) != 0 &&
		    reader_reject(r, &rec, e2.msg, &err) != 0)
			cli_fail(c, &err);
	}
	if (rc < 0)
		cli_fail(c, &err);
	*rows = reader_rows(r);
	*rejected = reader_rejected(r);
	if (*rejected)
		cli_warn(c, "%s: %lu rows rejected (first at line %lu: %s)",
			 reader_path(r), *rejected, reader_first_reject_line(r),
			 reader_first_reject_reason(r));
	reader_close(r);
	return m;
}

/* The -f format, else the one -o's extension names, else md. */
static enum outfmt pick_format(const struct cli *c)
{
	const char *dot = c->output ? strrchr(c->output, '.') : NULL;
	size_t i;
	enum outfmt f;

	if (c->format_set)
		return c->format;
	if (dot)
		for (i = 0; formats[i]; i++)
			if (strcmp(formats[i], dot + 1) == 0 &&
			    outfmt_parse(dot + 1, &f) == 0)
				return f;
	return OUT_MD;
}

/* Writes doc to fp with the renderer of f. */
static int render(FILE *fp, const json_t *doc, enum outfmt f, struct error *err)
{
	size_t i;

	for (i = 0; i < sizeof renderers / sizeof *renderers; i++)
		if (renderers[i].format == f)
			return renderers[i].render(fp, doc, err);
	error_set(err, NULL, 0, "report cannot write format %s", outfmt_name(f));
	return -1;
}

int main(int argc, char **argv)
{
	static const struct cli_opt opts[] = {
		{"matrix", 'm', "MATRIX", "the RACI matrix whose checks column names the owner of each problem", O_MATRIX},
		{"previous", 0, "REPORT", "last period's report -f json: marks problems new, still open or resolved", O_PREVIOUS},
		{"lang", 0, "LANG", "language of the labels: en or zh (default: en)", O_LANG},
		{NULL, 0, NULL, NULL, 0}
	};
	struct cli c;
	const char *arg, *matrix = NULL, *previous = NULL, *lang = "en";
	struct report *r;
	struct raci *m = NULL;
	struct error err;
	char **ops;
	int id, nops, i, status = 0, stdin_used = 0;
	json_t *doc;
	enum outfmt f;
	struct atomic_file *a = NULL;
	FILE *fp = stdout;

	cli_init(&c, "report", "[options] [ENVELOPE.json ...]",
		 "Write the monthly health report from the JSON outputs of inspect, review, sla-check and raci check.",
		 opts, CLI_OUTPUT | CLI_FINDINGS, formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		switch (id) {
		case O_MATRIX:
			matrix = arg;
			break;
		case O_PREVIOUS:
			previous = arg;
			break;
		case O_LANG:
			if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0)
				cli_die(&c, "--lang: unknown language \"%s\" (one of: en, zh)", arg);
			lang = arg;
			break;
		default:
			break;
		}
	}
	ops = cli_operands(&c, &nops);
	r = report_new();
	for (i = 0; i < (nops ? nops : 1); i++) {
		const char *path = nops ? ops[i] : "-";
		size_t len;
		char *text;
		if (strcmp(path, "-") == 0 && stdin_used++)
			cli_die(&c, "standard input given twice");
		text = slurp(&c, path, &len);
		error_clear(&err);
		if (report_add(r, strcmp(path, "-") ? path : "stdin", text, len, &err) != 0)
			cli_fail(&c, &err);
		free(text);
	}
	if (previous) {
		size_t len;
		char *text;
		if (strcmp(previous, "-") == 0 && stdin_used++)
			cli_die(&c, "standard input given twice");
		text = slurp(&c, previous, &len);
		error_clear(&err);
		if (report_set_previous(r, previous, text, len, &err) != 0)
			cli_fail(&c, &err);
		free(text);
	}
	if (matrix) {
		unsigned long rows, rejected;
		m = load_matrix(&c, matrix, &rows, &rejected);
		report_set_matrix(r, m, matrix, rows, rejected);
	}
	doc = report_build(r, lang);
	if (c.fail_on != SEV_NEVER && report_at_least(doc, c.fail_on) > 0)
		status = 1;
	if (c.quiet && report_at_least(doc, c.fail_on == SEV_NEVER ? SEV_INFO : c.fail_on) == 0)
		goto done;
	f = pick_format(&c);
	error_clear(&err);
	if (c.output) {
		a = atomic_open(c.output, &err);
		if (!a)
			cli_fail(&c, &err);
		fp = atomic_fp(a);
	}
	if (render(fp, doc, f, &err) != 0) {
		atomic_abort(a);
		if (!err.file[0])
			snprintf(err.file, sizeof err.file, "%s", c.output ? c.output : "stdout");
		cli_fail(&c, &err);
	}
	if (a && atomic_commit(a, &err) != 0)
		cli_fail(&c, &err);
done:
	json_decref(doc);
	report_free(r);
	raci_free(m);
	cli_release(&c);
	return cli_exit(&c, status);
}
