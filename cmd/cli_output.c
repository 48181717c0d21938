/* cli_output: the output format (-f, else the -o extension, else a table
 * on a terminal), writing the result once for every command (-o
 * atomically, -q, --fail-on, renderers). */
#include "cli.h"
#include "cli_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/atomic.h"

static enum outfmt default_format(const struct cli *c)
{
	enum outfmt f;

	if (c->output) {
		const char *dot = strrchr(c->output, '.');
		if (dot && cli_format_allowed(c, dot + 1) && outfmt_parse(dot + 1, &f) == 0)
			return f;
	} else if (isatty(STDOUT_FILENO) && cli_format_allowed(c, "table")) {
		return OUT_TABLE;
	}
	if (outfmt_parse(strcmp(c->formats[0], "table") ? c->formats[0] : "csv", &f) != 0)
		f = OUT_CSV;
	return f;
}

enum outfmt cli_format(struct cli *c)
{
	if (!c->format_set) {
		c->format = default_format(c);
		c->format_set = 1;
	}
	return c->format;
}

/* Findings at or above at: the writer's list, else the document's count. */
static size_t at_least(const struct cli_doc *d, enum severity at)
{
	if (d->findings)
		return findings_at_least(d->findings, at);
	return d->count ? d->count(d->doc, at) : 0;
}

int cli_put(struct cli *c, const struct cli_doc *d)
{
	struct writer_spec spec = { 0 };
	struct atomic_file *a = NULL;
	struct error err;
	const char *nc = getenv("NO_COLOR");
	enum severity quiet_at = c->fail_on == SEV_NEVER ? SEV_INFO : c->fail_on;
	int status = 0, rc = 1;
	FILE *fp = stdout;

	spec.format = cli_format(c);
	spec.tool = json_string_value(json_object_get(d->doc, "tool"));
	if (!spec.tool)
		spec.tool = c->prog;
	spec.rows = d->rows;
	spec.color = c->format == OUT_TABLE && !c->output &&
		     isatty(STDOUT_FILENO) && !(nc && *nc) &&
		     !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0);
	spec.fail_on = c->fail_on;
	spec.limits = c->limits;
	spec.nlimits = c->nlimits;
	spec.labels = c->labels.v;
	spec.nlabels = c->labels.n;
	if (c->fail_on != SEV_NEVER && at_least(d, c->fail_on) > 0)
		status = 1;
	if (c->format == OUT_NAGIOS)
		status = writer_nagios_state(d->doc);
	/* -q keeps standard output silent, but -o FILE is written all the
	 * same: a file must not outlive the state it describes; a Nagios
	 * plugin always prints its status line */
	if (c->quiet && at_least(d, quiet_at) == 0 && !c->output &&
	    c->format != OUT_NAGIOS)
		return status;
	error_clear(&err);
	if (c->output) {
		a = atomic_open(c->output, &err);
		if (!a)
			cli_fail(c, &err);
		fp = atomic_fp(a);
	}
	if (d->render)
		rc = d->render(fp, d->doc, spec.format, d->ctx, &err);
	if (rc > 0)
		rc = writer_write(fp, d->doc, &spec, &err);
	if (rc != 0) {
		atomic_abort(a);
		if (!err.file[0])
			snprintf(err.file, sizeof err.file, "%s", c->output ? c->output : "stdout");
		cli_fail(c, &err);
	}
	if (a && atomic_commit(a, &err) != 0)
		cli_fail(c, &err);
	return status;
}

int cli_write(struct cli *c, const json_t *doc, const char *rows,
	      const struct findings *f)
{
	struct cli_doc d = { .doc = doc, .rows = rows, .findings = f };

	return cli_put(c, &d);
}

