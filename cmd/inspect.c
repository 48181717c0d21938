/* inspect: the weekly inspection.  Options, then the event logs, accounts
 * and projects fed to the checks module (lib/checks.c), then one document
 * written by the shared writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cli.h"
#include "envelope.h"

enum {
	O_ACCOUNTS = 1, O_PROJECTS, O_ONLY, O_SKIP, O_LOGIN_FEATURE,
	O_RUN_LENGTH, O_ERROR_RATE, O_MIN_EVENTS, O_BURST_MIN, O_BURST_SD,
	O_LATENCY, O_GAP, O_LOGIN_FAILURES, O_LOGIN_WINDOW, O_SPRAY_USERS,
	O_STALE_DAYS, O_ADMIN_DAYS, O_EXPIRED_DAYS
};

static const struct cli_opt opts[] = {
	{"accounts", 'a', "FILE", "the user directory (user, role, status, created, last_login)", O_ACCOUNTS},
	{"projects", 'p', "FILE", "the project list (project, status, end)", O_PROJECTS},
	{"only", 0, "CHECK,...", "run only these checks", O_ONLY},
	{"skip", 0, "CHECK,...", "do not run these checks", O_SKIP},
	{"login-feature", 0, "NAME", "the feature of login events (default: auth.login)", O_LOGIN_FEATURE},
	{"run-length", 0, "N", "consecutive_failures: errors in a row (default: 3)", O_RUN_LENGTH},
	{"error-rate", 0, "RATE", "error_rate: limit, exceeded, as 0.05 or 5% (default: 5%)", O_ERROR_RATE},
	{"min-events", 0, "N", "error_rate, latency_p95: fewest events judged (default: 20)", O_MIN_EVENTS},
	{"burst-min", 0, "N", "error_burst: fewest errors in a burst hour (default: 10)", O_BURST_MIN},
	{"burst-sd", 0, "K", "error_burst: standard deviations above the hourly mean (default: 3)", O_BURST_SD},
	{"latency", 0, "MS", "latency_p95: limit in milliseconds, exceeded (default: 2000)", O_LATENCY},
	{"gap", 0, "DURATION", "log_gap: longest time without events (default: 6h)", O_GAP},
	{"login-failures", 0, "N", "failed_logins: failures of one user in the window (default: 5)", O_LOGIN_FAILURES},
	{"login-window", 0, "DURATION", "failed_logins: the window (default: 15m)", O_LOGIN_WINDOW},
	{"spray-users", 0, "N", "failed_logins: users one ip fails for in the window (default: 10)", O_SPRAY_USERS},
	{"stale-days", 0, "DAYS", "stale_account: days without activity (default: 90)", O_STALE_DAYS},
	{"admin-days", 0, "DAYS", "dormant_admin: days without activity (default: 30)", O_ADMIN_DAYS},
	{"expired-days", 0, "DAYS", "expired_project: days since the project's end (default: 180)", O_EXPIRED_DAYS},
	{NULL, 0, NULL, NULL, 0}
};

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};

static int64_t duration_opt(const struct cli *cli, const char *name, const char *arg)
{
	int64_t ms;

	if (duration_parse(arg, &ms) != 0 || ms <= 0)
		cli_die(cli, "--%s: \"%s\" is not a duration such as 90s, 15m, 6h, 1d", name, arg);
	return ms;
}

static unsigned list_opt(const struct cli *cli, const char *name, const char *arg)
{
	struct error err;
	unsigned mask;

	error_clear(&err);
	if (checks_parse_list(arg, &mask, &err) != 0)
		cli_die(cli, "--%s: %s", name, err.msg);
	return mask;
}

/* Reads one input, feeding each good row to the checks; adds it to the
 * envelope.  kind: 'e' events, 'a' accounts, 'p' projects. */
static void read_input(struct cli *cli, struct checks *c, json_t *env,
		       const char *path, int kind)
{
	const struct reader_column *cols = kind == 'e' ? checks_event_columns :
		kind == 'a' ? checks_account_columns : checks_project_columns;
	size_t ncols = kind == 'e' ? CHECKS_EV_NCOLS :
		kind == 'a' ? CHECKS_AC_NCOLS : CHECKS_PR_NCOLS;
	struct reader *r = cli_open(cli, path, cols, ncols);
	struct timeparser tp = cli_timeparser(cli);
	struct record rec;
	char why[256];

	while (cli_read(cli, r, &rec) > 0) {
		struct check_event ev;
		struct check_account ac;
		struct check_project pr;
		int rc = kind == 'e' ? checks_event_parse(&rec, &tp, &ev, why, sizeof why) :
			 kind == 'a' ? checks_account_parse(&rec, &tp, &ac, why, sizeof why) :
			 checks_project_parse(&rec, &tp, &pr, why, sizeof why);
		if (rc != 0)
			cli_reject(cli, r, &rec, why);
		else if (kind == 'e')
			checks_event(c, &ev);
		else if (kind == 'a')
			checks_account(c, &ac);
		else
			checks_project(c, &pr);
	}
	cli_report_rejects(cli, r);
	envelope_add_input(env, r);
	reader_close(r);
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct checks_config cfg;
	struct period period;
	struct checks *c;
	struct findings *f;
	const char *accounts = NULL, *projects = NULL, *arg;
	unsigned only = 0, skip = 0;
	char **files;
	int nfiles, i, id, status;
	int64_t start, end;
	json_t *doc, *per;
	struct tz *tz;

	checks_config_init(&cfg);
	cli_init(&cli, "inspect", "[options] [EVENTS...]",
		 "Inspect an event log, accounts and projects and report findings.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_FINDINGS,
		 formats, argc, argv);
	while ((id = cli_next(&cli, &arg)) != 0) {
		switch (id) {
		case O_ACCOUNTS: accounts = arg; break;
		case O_PROJECTS: projects = arg; break;
		case O_ONLY: only |= list_opt(&cli, "only", arg); break;
		case O_SKIP: skip |= list_opt(&cli, "skip", arg); break;
		case O_LOGIN_FEATURE: cfg.login_feature = arg; break;
		case O_RUN_LENGTH: cfg.run_length = cli_long(&cli, "run-length", arg, 1, 1000000000); break;
		case O_ERROR_RATE: cfg.error_rate = cli_double(&cli, "error-rate", arg, 0, 1); break;
		case O_MIN_EVENTS: cfg.min_events = cli_long(&cli, "min-events", arg, 1, 1000000000); break;
		case O_BURST_MIN: cfg.burst_min = cli_long(&cli, "burst-min", arg, 1, 1000000000); break;
		case O_BURST_SD: cfg.burst_sd = cli_double(&cli, "burst-sd", arg, 0, 1000); break;
		case O_LATENCY: cfg.latency_ms = cli_double(&cli, "latency", arg, 0, 1e12); break;
		case O_GAP: cfg.gap_ms = duration_opt(&cli, "gap", arg); break;
		case O_LOGIN_FAILURES: cfg.login_failures = cli_long(&cli, "login-failures", arg, 1, 1000000000); break;
		case O_LOGIN_WINDOW: cfg.login_window_ms = duration_opt(&cli, "login-window", arg); break;
		case O_SPRAY_USERS: cfg.spray_users = cli_long(&cli, "spray-users", arg, 1, 1000000000); break;
		case O_STALE_DAYS: cfg.stale_days = cli_long(&cli, "stale-days", arg, 1, 1000000); break;
		case O_ADMIN_DAYS: cfg.admin_days = cli_long(&cli, "admin-days", arg, 1, 1000000); break;
		case O_EXPIRED_DAYS: cfg.expired_days = cli_long(&cli, "expired-days", arg, 0, 1000000); break;
		default: break;
		}
	}
	files = cli_operands(&cli, &nfiles);

	cfg.run = (only ? only : CHECKS_ALL) & ~skip;
	if (!accounts && (only & CHECKS_NEED_ACCOUNTS))
		cli_die(&cli, "--only: the account checks need --accounts FILE");
	if (!projects && (only & CHECKS_NEED_PROJECTS))
		cli_die(&cli, "--only: expired_project needs --projects FILE");
	if (!accounts)
		cfg.run &= ~CHECKS_NEED_ACCOUNTS;
	if (!projects)
		cfg.run &= ~CHECKS_NEED_PROJECTS;
	tz = cli_tz(&cli);
	cli_period(&cli, &period);
	if (period.kind != PERIOD_NONE) {
		cfg.start = period.start;
		cfg.end = period.end;
	}
	cfg.now = envelope_now();

	c = checks_new(&cfg);
	doc = envelope_new("inspect", NULL, tz);
	if (nfiles == 0)
		read_input(&cli, c, doc, "-", 'e');
	for (i = 0; i < nfiles; i++)
		read_input(&cli, c, doc, files[i], 'e');
	if (accounts)
		read_input(&cli, c, doc, accounts, 'a');
	if (projects)
		read_input(&cli, c, doc, projects, 'p');

	f = findings_new("inspect");
	jset(doc, "summary", checks_finish(c, f, tz));
	checks_span(c, &start, &end);
	per = json_object_get(doc, "period");
	jset(per, "start", start == INT64_MIN ? json_null() : jtime(start, tz));
	jset(per, "end", end == INT64_MAX ? json_null() : jtime(end, tz));
	jset(doc, "checks", checks_names_json(cfg.run));
	jset(doc, "findings", json_incref(findings_json(f)));

	status = cli_write(&cli, doc, "findings", f);
	json_decref(doc);
	findings_free(f);
	checks_free(c);
	return cli_exit(&cli, status);
}
