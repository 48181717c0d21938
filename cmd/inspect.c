/* inspect: the weekly inspection.  Options, then the event logs, accounts
 * and projects fed to the checks module (lib/checks.c), then one document
 * written by the shared writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "inspect/checks.h"
#include "cli.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "io/state.h"
#include "base/xalloc.h"

enum {
	O_ACCOUNTS = 1, O_PROJECTS, O_ONLY, O_SKIP, O_LOGIN_FEATURE,
	O_RUN_LENGTH, O_ERROR_RATE, O_MIN_EVENTS, O_BURST_MIN, O_BURST_SD,
	O_LATENCY, O_GAP, O_LOGIN_FAILURES, O_LOGIN_WINDOW, O_SPRAY_USERS,
	O_STALE_DAYS, O_ADMIN_DAYS, O_EXPIRED_DAYS,
	O_FEATURE_MAP, O_SKIP_STATIC, O_LATENCY_UNIT, O_USER_FROM
};

/* reading state: incremental runs and shards */
enum { O_REORDER_WINDOW = 100, O_STATE, O_EMIT_STATE, O_FROM_STATE };

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
	{"feature-map", 0, "FILE", "access logs: pattern,feature rows naming requests (first match wins)", O_FEATURE_MAP},
	{"skip-static", 0, NULL, "access logs: leave out static assets instead of counting them as \"static\"", O_SKIP_STATIC},
	{"latency-unit", 0, "UNIT", "access logs: unit of the request-time field: us, ms, s (default: auto)", O_LATENCY_UNIT},
	{"user-from", 0, "SOURCE", "access logs: user (the authenticated user) or ip (count clients by ip)", O_USER_FROM},
	{"reorder-window", 0, "DURATION", "consecutive_failures, failed_logins: put events this much out of time order back in order; older ones are late (default: 1h)", O_REORDER_WINDOW},
	{"state", 0, "FILE", "read only what the one EVENTS file gained since the last run with this state file, and go on from there", O_STATE},
	{"emit-state", 0, "FILE", "write this shard's state to FILE (- for standard output) instead of findings", O_EMIT_STATE},
	{"from-state", 0, "FILE", "merge the states of time-contiguous shards, in time order (repeatable), instead of reading events", O_FROM_STATE},
	{NULL, 0, NULL, NULL, 0}
};

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};

/* Access log options, and whether any access log request carried a user
 * (-1: no access log read). */
static struct reader_clf clf;
static int clf_users = -1;

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

	reader_set_clf(r, &clf);
	struct record rec;
	char why[256];

	while (cli_read(cli, r, &rec) > 0) {
		struct check_event ev;
		struct check_account ac;
		struct check_project pr;
		int rc = kind == 'e' ? checks_event_parse(&rec, &tp, &ev, why, sizeof why) :
			 kind == 'a' ? checks_account_parse(&rec, &tp, &ac, why, sizeof why) :
			 checks_project_parse(&rec, &tp, &pr, why, sizeof why);
		if (rc != 0) {
			cli_reject(cli, r, &rec, why);
		} else if (kind == 'e') {
			if (reader_anonymous(r, ev.user, ev.user_len))
				ev.user = NULL;
			checks_event(c, &ev);
		} else if (kind == 'a') {
			checks_account(c, &ac);
		} else {
			checks_project(c, &pr);
		}
	}
	cli_report_rejects(cli, r);
	if (kind == 'e' && reader_format(r) == READER_CLF && !clf.user_from_ip &&
	    reader_clf_users(r) == 0 && reader_rows(r) > 0) {
		cli_warn(cli, "%s: no request carries a user; users are not counted (--user-from ip counts clients by ip)",
			 reader_path(r));
		if (clf_users < 0)
			clf_users = 0;
	} else if (kind == 'e') {
		clf_users = 1;
	}
	envelope_add_input(env, r);
	reader_close(r);
}

/* --state: takes the state file's lock, loads the checks' state and
 * finds where to go on reading log; NULL never (dies on error). */
static struct state *resume(struct cli *cli, struct checks *c, const char *path,
			    const char *log, long long *offset, unsigned long *line)
{
	struct error err;
	struct state *sf;
	int rotated;

	error_clear(&err);
	if (!(sf = state_open(path, &err)) ||
	    state_offset(sf, log, offset, line, &rotated, &err) != 0)
		cli_fail(cli, &err);
	if (state_checks(sf) && checks_load(c, state_checks(sf), 1, &err) != 0)
		cli_die(cli, "%s: %s", path, err.msg);
	return sf;
}

/* --state: reads the events of log from *offset on, leaving out a last
 * line that has no line end yet; *offset, *line: where to go on next. */
static void read_log(struct cli *cli, struct checks *c, json_t *env,
		     const char *log, long long *offset, unsigned long *line)
{
	struct reader *r = cli_open(cli, log, checks_event_columns, CHECKS_EV_NCOLS);
	struct timeparser tp = cli_timeparser(cli);
	struct record rec;
	struct error err;
	char why[256];

	error_clear(&err);
	if (*offset && reader_seek(r, *offset, *line, &err) != 0)
		cli_fail(cli, &err);
	while (cli_read(cli, r, &rec) > 0) {
		struct check_event ev;
		if (reader_offset(r, NULL) == *offset)
			break;	/* no line end yet: next time */
		*offset = reader_offset(r, line);
		if (checks_event_parse(&rec, &tp, &ev, why, sizeof why) != 0)
			cli_reject(cli, r, &rec, why);
		else
			checks_event(c, &ev);
	}
	cli_close(cli, r, env);
}

/* --from-state: merges one shard's state. */
static void load_state(struct cli *cli, struct checks *c, const char *path)
{
	json_t *st = cli_load_json(cli, path);
	struct error err;

	error_clear(&err);
	if (checks_load(c, st, 0, &err) != 0)
		cli_die(cli, "%s: %s", path, err.msg);
	json_decref(st);
}

/* --emit-state: writes the shard's state, atomically unless to "-". */
static void emit_state(struct cli *cli, struct checks *c, const char *path)
{
	json_t *st = checks_state(c);

	cli_save_json(cli, path, st);
	json_decref(st);
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
	struct clf_featuremap *fmap = NULL;
	struct error err;
	const char *state_path = NULL, *emit_path = NULL, **from = NULL;
	int nfrom = 0;
	struct state *sf = NULL;
	long long offset = 0;
	unsigned long line = 1;

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
		case O_FEATURE_MAP:
			clf_featuremap_free(fmap);
			if (!(fmap = clf_featuremap_load(arg, &err)))
				cli_fail(&cli, &err);
			clf.feature_map = fmap;
			break;
		case O_SKIP_STATIC: clf.skip_static = 1; break;
		case O_LATENCY_UNIT:
			if (clf_latency_unit_parse(arg, &clf.latency_unit) != 0)
				cli_die(&cli, "--latency-unit: unknown unit \"%s\" (one of: auto, us, ms, s)", arg);
			break;
		case O_USER_FROM:
			if (strcmp(arg, "ip") != 0 && strcmp(arg, "user") != 0)
				cli_die(&cli, "--user-from: unknown source \"%s\" (one of: user, ip)", arg);
			clf.user_from_ip = strcmp(arg, "ip") == 0;
			break;
		case O_REORDER_WINDOW: cfg.reorder_ms = duration_opt(&cli, "reorder-window", arg); break;
		case O_STATE: state_path = arg; break;
		case O_EMIT_STATE: emit_path = arg; break;
		case O_FROM_STATE:
			if (!from)
				from = xcalloc((size_t)argc, sizeof *from);
			from[nfrom++] = arg;
			break;
		default: break;
		}
	}
	files = cli_operands(&cli, &nfiles);
	if (emit_path && (state_path || nfrom))
		cli_die(&cli, "--emit-state: cannot be combined with --state or --from-state");
	if (state_path && nfrom)
		cli_die(&cli, "--state: cannot be combined with --from-state");
	if (state_path && nfiles != 1)
		cli_die(&cli, "--state: needs exactly one EVENTS file (not standard input)");
	if (nfrom && nfiles)
		cli_die(&cli, "--from-state: reads states, not EVENTS files");

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
	cfg.tz = tz;
	cfg.shard = emit_path != NULL;

	c = checks_new(&cfg);
	doc = envelope_new("inspect", NULL, tz);
	for (i = 0; i < nfrom; i++)
		load_state(&cli, c, from[i]);
	if (state_path)
		sf = resume(&cli, c, state_path, files[0], &offset, &line);
	if (sf)
		read_log(&cli, c, doc, files[0], &offset, &line);
	else if (nfiles == 0 && nfrom == 0)
		read_input(&cli, c, doc, "-", 'e');
	for (i = 0; !sf && i < nfiles; i++)
		read_input(&cli, c, doc, files[i], 'e');
	if (checks_late(c))
		cli_warn(&cli, "%lu events came more than the --reorder-window after newer ones: counted, but not judged by consecutive_failures and failed_logins",
			 checks_late(c));
	if (emit_path) {
		emit_state(&cli, c, emit_path);
		json_decref(doc);
		checks_free(c);
		clf_featuremap_free(fmap);
		return cli_exit(&cli, 0);
	}
	if (accounts)
		read_input(&cli, c, doc, accounts, 'a');
	if (projects)
		read_input(&cli, c, doc, projects, 'p');

	f = findings_new("inspect");
	jset(doc, "summary", checks_finish(c, f, tz));
	if (clf_users == 0)	/* "-" is not one user */
		jset(json_object_get(doc, "summary"), "users", json_null());
	checks_span(c, &start, &end);
	per = json_object_get(doc, "period");
	jset(per, "start", start == INT64_MIN ? json_null() : jtime(start, tz));
	jset(per, "end", end == INT64_MAX ? json_null() : jtime(end, tz));
	jset(doc, "checks", checks_names_json(cfg.run));
	jset(doc, "findings", json_incref(findings_json(f)));
	if (sf) {
		json_t *st = checks_state(c);
		error_clear(&err);
		if (state_save(sf, files[0], offset, line, st, &err) != 0)
			cli_fail(&cli, &err);
		json_decref(st);
		state_free(sf);
	}
	free(from);

	status = cli_write(&cli, doc, "findings", f);
	json_decref(doc);
	findings_free(f);
	checks_free(c);
	clf_featuremap_free(fmap);
	return cli_exit(&cli, status);
}
