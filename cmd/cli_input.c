/* cli_input: opening and reading inputs with the common input options,
 * rejecting bad rows (--strict, --rejects) and reporting them the same way
 * for every command; the zone and the period of --tz and --period. */
#include "cli.h"
#include "cli_int.h"
#include "cli_progress.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeparse.h"
#include "io/envelope.h"

struct tz *cli_tz(struct cli *c)
{
	struct error err;

	if (!c->tz) {
		error_clear(&err);
		c->tz = tz_new(c->tzname, &err);
		if (!c->tz)
			cli_die(c, "--tz: %s", err.msg);
	}
	return c->tz;
}

void cli_period(struct cli *c, struct period *p)
{
	struct error err;
	struct tz *tz = cli_tz(c);

	memset(p, 0, sizeof *p);
	p->kind = PERIOD_NONE;
	error_clear(&err);
	if (c->period && period_parse(p, c->period, tz, envelope_now(), &err) != 0)
		cli_die(c, "--period: %s", err.msg);
	if ((c->since || c->until) &&
	    period_bounds(p, c->since, c->until, tz, &err) != 0)
		cli_die(c, "%s", err.msg);
}

struct timeparser cli_timeparser(struct cli *c)
{
	struct timeparser tp = { .format = c->time_format, .tz = cli_tz(c) };

	/* times without a year (syslog) take the period's, else now's,
	   never a later one */
	if (tp.format && !(time_format_fields(tp.format) & TIME_FMT_YEAR)) {
		int64_t now = envelope_now(), lo = INT64_MIN, hi = now + 1;
		struct period p;

		cli_period(c, &p);
		if (p.kind != PERIOD_NONE) {
			lo = p.start;
			hi = p.end != INT64_MAX ? p.end : now + 1 > lo ? now + 1 : INT64_MAX;
		}
		time_parser_window(&tp, lo, hi);
	}
	return tp;
}

void cli_reader_config(struct cli *c, struct reader_config *cfg)
{
	if (c->rejects_path && !c->rejects) {
		c->rejects = strcmp(c->rejects_path, "-") == 0 ? stdout :
			     fopen(c->rejects_path, "w");
		if (!c->rejects)
			cli_die(c, "%s: %s", c->rejects_path, strerror(errno));
		fputs("file,line,reason,record\n", c->rejects);
	}
	memset(cfg, 0, sizeof *cfg);
	cfg->format = c->input_format;
	cfg->map = NULL;	/* cli_open_as: the input's own */
	cfg->strict = c->strict;
	cfg->rejects = c->rejects;
	cfg->delimiter = c->delimiter;
	cfg->nulls = (const char *const *)c->nulls;
	cfg->encoding = c->encoding;
	cfg->defaults = c->defaults;
	cfg->trim = c->trim;
	cfg->json_path = c->json_path;
	if (c->groups & CLI_ACCESS_LOG)
		cfg->log_format = c->clf.format;
}

struct reader *cli_open(struct cli *c, const char *path,
			const struct reader_column *cols, size_t ncols)
{
	return cli_open_after(c, NULL, path, NULL, 0, cols, ncols);
}

struct reader *cli_open_as(struct cli *c, const char *input, const char *path,
			   const struct reader_column *cols, size_t ncols)
{
	return cli_open_after(c, input, path, NULL, 0, cols, ncols);
}

struct reader *cli_open_after(struct cli *c, const char *input,
			      const char *path, const char *const *header,
			      size_t n, const struct reader_column *cols,
			      size_t ncols)
{
	struct reader_config cfg;
	struct reader *r;
	struct error err;

	cli_reader_config(c, &cfg);
	cfg.map = cli_input_map(c, input);
	cfg.values = cli_input_values(c, input);
	cfg.header = header;
	cfg.nheader = n;
	error_clear(&err);
	r = reader_open(path, &cfg, cols, ncols, &err);
	if (!r)
		cli_fail(c, &err);
	if (input)
		cli_maps_check(c, input, r, cols, ncols);
	if (c->groups & CLI_ACCESS_LOG)
		reader_set_clf(r, &c->clf);
	return r;
}

struct reader *cli_open_again(struct cli *c, const char *path,
			      const struct reader_column *cols, size_t ncols)
{
	struct reader_config cfg;
	struct reader *r;
	struct error err;

	cli_reader_config(c, &cfg);
	cfg.map = cli_input_map(c, "events");
	cfg.values = cli_input_values(c, "events");
	cfg.rejects = NULL;
	cfg.strict = 0;
	error_clear(&err);
	r = reader_open(path, &cfg, cols, ncols, &err);
	if (!r)
		cli_fail(c, &err);
	if (c->groups & CLI_ACCESS_LOG)
		reader_set_clf(r, &c->clf);
	return r;
}

int cli_read(struct cli *c, struct reader *r, struct record *rec)
{
	struct error err;
	int rc;

	error_clear(&err);
	rc = reader_next(r, rec, &err);
	if (rc < 0)
		cli_fail(c, &err);
	return rc;
}

void cli_reject(struct cli *c, struct reader *r, const struct record *rec,
		const char *reason)
{
	struct error err;

	error_clear(&err);
	if (reader_reject(r, rec, reason, &err) != 0)
		cli_fail(c, &err);
}

void cli_reject_value(struct cli *c, struct reader *r, const struct record *rec,
		      size_t i, const char *what)
{
	char q[96], reason[256];
	int has = i < rec->nfields && rec->field[i];

	error_quote(q, sizeof q, has ? rec->field[i] : "", has ? rec->len[i] : 0);
	snprintf(reason, sizeof reason, "column \"%s\": %s %s",
		 reader_column_canon(r, i), what, q);
	cli_reject(c, r, rec, reason);
}

void cli_events_read(struct cli *c, const struct reader *r)
{
	int sniffed;
	const char *fmt = reader_clf_format(r, &sniffed);

	cli_events_tally(c, reader_path(r), reader_format(r),
			 reader_clf_users(r), reader_rows(r), fmt, sniffed);
}

void cli_events_tally(struct cli *c, const char *path, enum reader_format f,
		      unsigned long users, unsigned long rows,
		      const char *fmt, int sniffed)
{
	if (fmt && sniffed == 1)
		cli_warn(c, "%s: access log format %s (sniffed from the first lines; --log-format sets it)",
			 path, fmt);
	else if (fmt && sniffed == 2)
		cli_warn(c, "%s: no access log format reads the first lines; read as %s (--log-format sets it)",
			 path, fmt);
	if (f == READER_CLF && !c->clf.user_from_ip && users == 0 && rows > 0) {
		cli_warn(c, "%s: no request carries a user; users are not counted (--user-from ip counts clients by ip)",
			 path);
		if (c->clf_users < 0)
			c->clf_users = 0;
	} else {
		c->clf_users = 1;
	}
}

int cli_users_unknown(const struct cli *c)
{
	return c->clf_users == 0;
}

void cli_close(struct cli *c, struct reader *r, json_t *env)
{
	cli_report_rejects(c, r);
	if (env)
		envelope_add_input(env, r);
	reader_close(r);
}

void cli_report_rejected(const struct cli *c, const char *path,
			 unsigned long n, unsigned long first_line,
			 const char *reason)
{
	char at[48] = "";

	if (n == 0)
		return;
	if (first_line)
		snprintf(at, sizeof at, "at line %lu: ", first_line);
	cli_progress_clear();
	fprintf(stderr, "%s: %s: %lu row%s rejected (first %s%s)%s\n",
		c->prog, path, n, n == 1 ? "" : "s", at, reason,
		c->rejects_path || !(c->groups & CLI_INPUT) ? "" :
		"; --rejects FILE lists them all");
}

void cli_report_rejects(const struct cli *c, const struct reader *r)
{
	cli_report_rejected(c, reader_path(r), reader_rejected(r),
			    reader_first_reject_line(r), reader_first_reject_reason(r));
}
