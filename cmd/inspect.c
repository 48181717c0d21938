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
#include "io/event.h"
#include "io/jbuild.h"
#include "io/state.h"
#include "base/xalloc.h"

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};

/* --only, --skip: check names into the mask target points to (OR-ed:
 * the option may be repeated). */
static void check_list(struct cli *cli, const struct cli_opt *o, const char *arg)
{
	struct error err;
	unsigned mask;

	error_clear(&err);
	if (checks_parse_list(arg, &mask, &err) != 0)
		cli_die(cli, "--%s: %s", o->name, err.msg);
	*(unsigned *)o->target |= mask;
}

/* Where a --state run goes on reading its log: from offset (line) on,
 * leaving out a last line that has no line end yet; updated as lines are
 * read. */
struct resume {
	long long offset;
	unsigned long line;
};

/* Reads one input, feeding each good row to the checks, and adds it to the
 * envelope.  kind: 'e' events, 'a' accounts, 'p' projects.  at: NULL, or
 * (events under --state) where to start and go on. */
static void read_input(struct cli *cli, struct checks *c, json_t *env,
		       const char *path, int kind, struct resume *at)
{
	const struct reader_column *cols = kind == 'e' ? event_columns :
		kind == 'a' ? checks_account_columns : checks_project_columns;
	size_t ncols = kind == 'e' ? EVENT_NCOLS :
		kind == 'a' ? CHECKS_AC_NCOLS : CHECKS_PR_NCOLS;
	struct reader *r = cli_open(cli, path, cols, ncols);
	struct timeparser tp = cli_timeparser(cli);
	struct record rec;
	struct error err;

	error_clear(&err);
	if (at && at->offset && reader_seek(r, at->offset, at->line, &err) != 0)
		cli_fail(cli, &err);
	while (cli_read(cli, r, &rec) > 0) {
		struct event ev;
		struct check_account ac;
		struct check_project pr;
		int rc;

		if (at) {
			if (reader_offset(r, NULL) == at->offset)
				break;	/* no line end yet: next time */
			at->offset = reader_offset(r, &at->line);
		}
		rc = kind == 'e' ? event_parse(r, &rec, &tp, &ev, &err) :
		     kind == 'a' ? checks_account_parse(&rec, &tp, &ac, &err) :
		     checks_project_parse(&rec, &tp, &pr, &err);
		if (rc != 0)
			cli_reject(cli, r, &rec, err.msg);
		else if (kind == 'e')
			checks_event(c, &ev);
		else if (kind == 'a')
			checks_account(c, &ac);
		else
			checks_project(c, &pr);
	}
	if (kind == 'e')
		cli_events_read(cli, r);
	cli_close(cli, r, env);
}

/* --state: takes the state file's lock, loads the checks' state and
 * finds where to go on reading log; NULL never (dies on error). */
static struct state *resume(struct cli *cli, struct checks *c, const char *path,
			    const char *log, struct resume *at)
{
	struct error err;
	struct state *sf;
	int rotated;

	error_clear(&err);
	if (!(sf = state_open(path, &err)) ||
	    state_offset(sf, log, &at->offset, &at->line, &rotated, &err) != 0)
		cli_fail(cli, &err);
	if (state_checks(sf) && checks_load(c, state_checks(sf), 1, &err) != 0)
		cli_die(cli, "%s: %s", path, err.msg);
	return sf;
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

/* What the command line asks for, beside the checks' thresholds. */
struct args {
	const char *accounts, *projects;
	unsigned only, skip;
	const char *state, *emit;	/* --state, --emit-state */
	struct cli_list from;		/* --from-state */
	char **files;
	int nfiles;
};

static void parse_args(struct cli *cli, struct args *a, struct checks_config *cfg,
		       int argc, char **argv)
{
	const struct cli_opt opts[] = {
		CLI_OPT_STRING("accounts", 'a', "FILE", &a->accounts, "the user directory (user, role, status, created, last_login)"),
		CLI_OPT_STRING("projects", 'p', "FILE", &a->projects, "the project list (project, status, end)"),
		CLI_OPT_CALL("only", 0, "CHECK,...", &a->only, check_list, "run only these checks"),
		CLI_OPT_CALL("skip", 0, "CHECK,...", &a->skip, check_list, "do not run these checks"),
		CLI_OPT_STRING("login-feature", 0, "NAME", &cfg->login_feature, "the feature of login events (default: auth.login)"),
		CLI_OPT_LONG("run-length", "N", &cfg->run_length, 1, 1000000000, "consecutive_failures: errors in a row (default: 3)"),
		CLI_OPT_NUMBER("error-rate", "RATE", &cfg->error_rate, 0, 1, "error_rate: limit, exceeded, as 0.05 or 5% (default: 5%)"),
		CLI_OPT_LONG("min-events", "N", &cfg->min_events, 1, 1000000000, "error_rate, latency_p95: fewest events judged (default: 20)"),
		CLI_OPT_LONG("burst-min", "N", &cfg->burst_min, 1, 1000000000, "error_burst: fewest errors in a burst hour (default: 10)"),
		CLI_OPT_NUMBER("burst-sd", "K", &cfg->burst_sd, 0, 1000, "error_burst: standard deviations above the hourly mean (default: 3)"),
		CLI_OPT_NUMBER("latency", "MS", &cfg->latency_ms, 0, 1e12, "latency_p95: limit in milliseconds, exceeded (default: 2000)"),
		CLI_OPT_DURATION("gap", "DURATION", &cfg->gap_ms, "log_gap: longest time without events (default: 6h)"),
		CLI_OPT_LONG("login-failures", "N", &cfg->login_failures, 1, 1000000000, "failed_logins: failures of one user in the window (default: 5)"),
		CLI_OPT_DURATION("login-window", "DURATION", &cfg->login_window_ms, "failed_logins: the window (default: 15m)"),
		CLI_OPT_LONG("spray-users", "N", &cfg->spray_users, 1, 1000000000, "failed_logins: users one ip fails for in the window (default: 10)"),
		CLI_OPT_LONG("stale-days", "DAYS", &cfg->stale_days, 1, 1000000, "stale_account: days without activity (default: 90)"),
		CLI_OPT_LONG("admin-days", "DAYS", &cfg->admin_days, 1, 1000000, "dormant_admin: days without activity (default: 30)"),
		CLI_OPT_LONG("expired-days", "DAYS", &cfg->expired_days, 0, 1000000, "expired_project: days since the project's end (default: 180)"),
		CLI_OPT_DURATION("reorder-window", "DURATION", &cfg->reorder_ms, "consecutive_failures, failed_logins: put events this much out of time order back in order; older ones are late (default: 1h)"),
		CLI_OPT_STRING("state", 0, "FILE", &a->state, "read only what the one EVENTS file gained since the last run with this state file, and go on from there"),
		CLI_OPT_STRING("emit-state", 0, "FILE", &a->emit, "write this shard's state to FILE (- for standard output) instead of findings"),
		CLI_OPT_LIST("from-state", 0, "FILE", &a->from, "merge the states of time-contiguous shards, in time order (repeatable), instead of reading events"),
		CLI_OPT_END
	};
	struct period period;

	checks_config_init(cfg);
	cli_init(cli, "inspect", "[options] [EVENTS...]",
		 "Inspect an event log, accounts and projects and report findings.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_FINDINGS | CLI_ACCESS_LOG,
		 formats, argc, argv);
	a->files = cli_parse(cli, &a->nfiles);
	if (a->emit && (a->state || a->from.n))
		cli_die(cli, "--emit-state: cannot be combined with --state or --from-state");
	if (a->state && a->from.n)
		cli_die(cli, "--state: cannot be combined with --from-state");
	if (a->state && a->nfiles != 1)
		cli_die(cli, "--state: needs exactly one EVENTS file (not standard input)");
	if (a->from.n && a->nfiles)
		cli_die(cli, "--from-state: reads states, not EVENTS files");
	if (!a->accounts && (a->only & CHECKS_NEED_ACCOUNTS))
		cli_die(cli, "--only: the account checks need --accounts FILE");
	if (!a->projects && (a->only & CHECKS_NEED_PROJECTS))
		cli_die(cli, "--only: expired_project needs --projects FILE");
	cfg->run = (a->only ? a->only : CHECKS_ALL) & ~a->skip;
	if (!a->accounts)
		cfg->run &= ~CHECKS_NEED_ACCOUNTS;
	if (!a->projects)
		cfg->run &= ~CHECKS_NEED_PROJECTS;
	cli_period(cli, &period);
	if (period.kind != PERIOD_NONE) {
		cfg->start = period.start;
		cfg->end = period.end;
	}
	cfg->now = envelope_now();
	cfg->tz = cli_tz(cli);
	cfg->shard = a->emit != NULL;
	cfg->live = a->state != NULL;
}

/* The events: merged states, or the files (standard input when none),
 * from where --state left off. */
static void read_events(struct cli *cli, struct checks *c, json_t *doc,
			const struct args *a, struct resume *at)
{
	size_t i;

	for (i = 0; i < a->from.n; i++)
		load_state(cli, c, a->from.v[i]);
	if (a->nfiles == 0 && a->from.n == 0)
		read_input(cli, c, doc, "-", 'e', NULL);
	for (i = 0; i < (size_t)a->nfiles; i++)
		read_input(cli, c, doc, a->files[i], 'e', a->state ? at : NULL);
	if (checks_late(c))
		cli_warn(cli, "%lu events came more than the --reorder-window after newer ones: counted, but not judged by consecutive_failures and failed_logins",
			 checks_late(c));
}

/* --state: remembers where the log was read up to, and the checks. */
static void save_state(struct cli *cli, struct checks *c, struct state *sf,
		       const char *log, const struct resume *at)
{
	json_t *st = checks_state(c);
	struct error err;

	error_clear(&err);
	if (state_save(sf, log, at->offset, at->line, st, &err) != 0)
		cli_fail(cli, &err);
	json_decref(st);
	state_free(sf);
}

/* Accounts and projects, then the findings, the state and the result. */
static int finish(struct cli *cli, struct checks *c, json_t *doc,
		  const struct args *a, struct state *sf, const struct resume *at)
{
	struct findings *f;
	int status;

	if (a->accounts)
		read_input(cli, c, doc, a->accounts, 'a', NULL);
	if (a->projects)
		read_input(cli, c, doc, a->projects, 'p', NULL);
	f = checks_document(c, doc, cli_users_unknown(cli));
	if (sf)
		save_state(cli, c, sf, a->files[0], at);
	status = cli_write(cli, doc, "findings", f);
	findings_free(f);
	return status;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct checks_config cfg;
	struct args a = { 0 };
	struct checks *c;
	struct state *sf = NULL;
	struct resume at = { 0, 1 };
	json_t *doc;
	int status = 0;

	parse_args(&cli, &a, &cfg, argc, argv);
	c = checks_new(&cfg);
	doc = envelope_new("inspect", NULL, cfg.tz);
	if (a.state)
		sf = resume(&cli, c, a.state, a.files[0], &at);
	read_events(&cli, c, doc, &a, &at);
	if (a.emit)
		emit_state(&cli, c, a.emit);
	else
		status = finish(&cli, c, doc, &a, sf, &at);
	json_decref(doc);
	checks_free(c);
	return cli_exit(&cli, status);
}
