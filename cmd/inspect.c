/* inspect: the weekly inspection.  Options, then the event logs, accounts
 * and projects fed to the checks module (lib/checks.c), then one document
 * written by the shared writer. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/atomic.h"
#include "io/calendar_json.h"
#include "inspect/checks.h"
#include "cli.h"
#include "cli_jobs.h"
#include "cli_progress.h"
#include "io/envelope.h"
#include "io/event.h"
#include "io/jbuild.h"
#include "io/state.h"
#include "inspect/renotify.h"
#include "base/timeparse.h"
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

/* --renotify: a duration, or never. */
static void renotify_opt(struct cli *cli, const struct cli_opt *o, const char *arg)
{
	int64_t ms;

	if (strcmp(arg, "never") == 0)
		ms = RENOTIFY_NEVER;
	else if (duration_parse(arg, &ms) != 0 || ms <= 0)
		cli_die(cli, "--%s: \"%s\" is not a duration such as 12h, 1d, 1w, or never",
			o->name, arg);
	*(int64_t *)o->target = ms;
}

/* Where a --state run reads a file: from offset (line) on; updated as
 * lines are read.  A last line without a line end is left for the next
 * run, but with whole (the rest of a rotated log, which grows no more),
 * where it is read too. */
struct resume {
	long long offset;
	unsigned long line;
	int whole;
	/* the header of the log's stream (state_header), or NULL; sf: the
	 * state that keeps the header read (NULL: the rest of an old file) */
	const char *const *header;
	size_t nheader;
	struct state *sf;
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
	struct timeparser tp = cli_timeparser(cli);
	struct reader *r;
	struct record rec;
	struct error err;
	struct stat st;
	struct cli_progress_slot ps = { 0 };
	struct cli_progress *p;

	/* under --state an empty log is no error: logrotate has just made
	 * it, and it has nothing new (it has no header to tell its format) */
	if (at && stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0) {
		envelope_add_counts(env, path, 0, 0);
		at->offset = 0;
		at->line = 1;
		return;
	}
	r = cli_open_after(cli, kind == 'e' ? "events" : kind == 'a' ? "accounts" :
			   "projects", path, at ? at->header : NULL,
			   at ? at->nheader : 0, cols, ncols);
	error_clear(&err);
	if (at && at->offset && reader_seek(r, at->offset, at->line, &err) != 0)
		cli_fail(cli, &err);
	if (at && !at->whole)
		reader_follow(r);	/* a last line still being written */
	p = kind == 'e' ? cli_progress_reader(cli, path, r, &ps) : NULL;
	while (cli_read(cli, r, &rec) > 0) {
		struct event ev;
		struct check_account ac;
		struct check_project pr;
		int rc;

		cli_progress_row(&ps, r);
		if (at)
			at->offset = reader_offset(r, &at->line);
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
	cli_progress_end(p);
	if (kind == 'e')
		cli_events_read(cli, r);
	if (at && at->sf) {
		size_t n;
		const char *const *h = reader_header(r, &n);
		state_set_header(at->sf, h, n);
		at->header = NULL;	/* was the one replaced */
		at->nheader = 0;
	}
	cli_close(cli, r, env);
}

/* --state: takes the state file's lock, loads the checks' state and
 * finds where to go on reading log (*plan; at: in log); NULL never (dies
 * on error). */
static struct state *resume(struct cli *cli, struct checks *c, const char *path,
			    const char *log, struct state_resume *plan,
			    struct resume *at)
{
	struct error err;
	struct state *sf;

	error_clear(&err);
	if (!(sf = state_open(path, &err)) ||
	    state_resume(sf, log, plan, &err) != 0)
		cli_fail(cli, &err);
	if (state_checks(sf) && checks_load(c, state_checks(sf), 1, &err) != 0)
		cli_die(cli, "%s: %s", path, err.msg);
	at->offset = plan->offset;
	at->line = plan->line;
	at->whole = 0;
	at->header = plan->fresh ? NULL : state_header(sf, &at->nheader);
	at->sf = sf;
	return sf;
}

/* The time of a state's key ("first", "last"): 0 and *t, or -1 when it
 * has none. */
static int state_time(const json_t *st, const char *key, int64_t *t)
{
	const json_t *v = json_object_get(st, key);

	if (!json_is_integer(v))
		return -1;
	*t = (int64_t)json_integer_value(v);
	return 0;
}

/* Whether n shards, named names[i], with events from first[i] to last[i]
 * (FINDING_NO_TIME: none), are in an order that merges right: each
 * beginning no earlier than the ones before it end, give or take
 * reorder_ms.  0, or -1 with the reason in msg. */
static int times_order(struct cli *cli, const char *const *names,
		       const int64_t *first, const int64_t *last, size_t n,
		       int64_t reorder_ms, char *msg, size_t size)
{
	size_t i, end_at = 0;
	int64_t end = 0;
	int have_end = 0;

	for (i = 0; i < n; i++) {
		if (have_end && first[i] != FINDING_NO_TIME && first[i] < end - reorder_ms) {
			char a[40], b[40];
			time_format(first[i], cli_tz(cli), a, sizeof a);
			time_format(end, cli_tz(cli), b, sizeof b);
			snprintf(msg, size, "%s and %s are out of time order: the events of %s begin at %s, before those of %s end at %s (give the states in time order)",
				 names[end_at], names[i], names[i], a, names[end_at], b);
			return -1;
		}
		if (last[i] != FINDING_NO_TIME && (!have_end || last[i] > end)) {
			end = last[i];
			end_at = i;
			have_end = 1;
		}
	}
	return 0;
}

/* times_order of the states v, named from->v: "first" and "last" as
 * they saved them. */
static int states_order(struct cli *cli, const struct cli_list *from,
			json_t *const *v, int64_t reorder_ms, char *msg, size_t size)
{
	int64_t *first = xcalloc(from->n + 1, sizeof *first);
	int64_t *last = xcalloc(from->n + 1, sizeof *last);
	size_t i;
	int rc;

	for (i = 0; i < from->n; i++) {
		if (state_time(v[i], "first", &first[i]) != 0)
			first[i] = FINDING_NO_TIME;
		if (state_time(v[i], "last", &last[i]) != 0)
			last[i] = FINDING_NO_TIME;
	}
	rc = times_order(cli, (const char *const *)from->v, first, last,
			 from->n, reorder_ms, msg, size);
	free(first);
	free(last);
	return rc;
}

/* --from-state: reads the shards' states and checks their order: a
 * state given twice, or one whose events begin before those of an
 * earlier one end (beyond the --reorder-window), would give a wrong
 * figure without a word, so they are usage errors naming both.  Done
 * before anything else is made, so that a message exits with nothing
 * left to free. */
static json_t **read_states(struct cli *cli, const struct cli_list *from,
			    int64_t reorder_ms)
{
	json_t **v = cli_states_load(cli, from);
	char msg[1024];

	if (states_order(cli, from, v, reorder_ms, msg, sizeof msg) != 0) {
		cli_states_free(v, from->n);
		cli_die(cli, "--from-state: %s", msg);
	}
	return v;
}

/* --from-state: merges the states v in the order given, keeping each
 * shard's rows of "inputs" (its rejected rows with them), and frees
 * them. */
static void merge_states(struct cli *cli, struct checks *c, json_t *doc,
			 const struct cli_list *from, json_t **v)
{
	size_t i;
	struct error err;

	for (i = 0; i < from->n; i++) {
		error_clear(&err);
		if (checks_load(c, v[i], 0, &err) != 0) {
			cli_states_free(v, from->n);
			cli_die(cli, "%s: %s", from->v[i], err.msg);
		}
		cli_state_inputs(cli, doc, v[i], from->v[i]);
	}
	cli_states_free(v, from->n);
}

/* --emit-state: writes the shard's state, with the rows of "inputs" it
 * read (kept by the merge), atomically unless to "-". */
static void emit_state(struct cli *cli, struct checks *c, json_t *doc,
		       const char *path)
{
	json_t *st = checks_state(c);

	cli_state_emit(cli, st, doc, path);
	json_decref(st);
}

/* What the command line asks for, beside the checks' thresholds. */
struct args {
	const char *accounts, *projects;
	unsigned only, skip;
	const char *state, *emit;	/* --state, --emit-state */
	const char *calendar;		/* --calendar */
	struct calendar *office;	/* its calendar, freed by main */
	int64_t renotify;		/* --renotify, ms; 0: not given */
	int64_t now;
	int64_t reorder_ms;		/* --reorder-window, for --from-state */
	struct cli_list from;		/* --from-state */
	long jobs;			/* -j */
	const struct checks_config *cfg;
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
		CLI_OPT_STRING("calendar", 0, "FILE", &a->calendar, "log_gap, error_burst: count only the open time of this calendar (JSON: days, hours, holidays, workdays, timezone; default: 24x7)"),
		CLI_OPT_LONG("login-failures", "N", &cfg->login_failures, 1, 1000000000, "failed_logins: failures of one user in the window (default: 5)"),
		CLI_OPT_DURATION("login-window", "DURATION", &cfg->login_window_ms, "failed_logins: the window (default: 15m)"),
		CLI_OPT_LONG("spray-users", "N", &cfg->spray_users, 1, 1000000000, "failed_logins: users one ip fails for in the window (default: 10)"),
		CLI_OPT_LONG("stale-days", "DAYS", &cfg->stale_days, 1, 1000000, "stale_account: days without activity (default: 90)"),
		CLI_OPT_LONG("admin-days", "DAYS", &cfg->admin_days, 1, 1000000, "dormant_admin: days without activity (default: 30)"),
		CLI_OPT_STRING("admin-roles", 0, "ROLE,...", &cfg->admin_roles, "dormant_admin: the account roles that are admins, ASCII case ignored (default: admin,administrator)"),
		CLI_OPT_LONG("expired-days", "DAYS", &cfg->expired_days, 0, 1000000, "expired_project: days since the project's end (default: 180)"),
		CLI_OPT_DURATION("reorder-window", "DURATION", &cfg->reorder_ms, "consecutive_failures, failed_logins: put events this much out of time order back in order; older ones are late (default: 1h)"),
		CLI_OPT_STRING("state", 0, "FILE", &a->state, "read only what the one EVENTS file gained since the last run with this state file, and go on from there"),
		CLI_OPT_CALL("renotify", 0, "DURATION", &a->renotify, renotify_opt, "with --state: report a finding reported before, and no worse, again only after DURATION (default: 1d; never)"),
		CLI_OPT_STRING("emit-state", 0, "FILE", &a->emit, "write this shard's state to FILE (- for standard output) instead of findings"),
		CLI_OPT_LIST("from-state", 0, "FILE", &a->from, "merge the states of time-contiguous shards, in time order (repeatable), instead of reading events"),
		CLI_OPT_JOBS(&a->jobs),
		CLI_OPT_PROGRESS,
		CLI_OPT_END
	};
	struct period period;

	checks_config_init(cfg);
	cli_init(cli, "inspect", "[options] [EVENTS...]",
		 "Inspect an event log, accounts and projects and report findings.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_FINDINGS | CLI_ACCESS_LOG,
		 formats, argc, argv);
	a->jobs = 1;
	a->files = cli_parse(cli, &a->nfiles);
	a->jobs = cli_jobs_count(a->jobs);
	a->cfg = cfg;
	if (a->emit && (a->state || a->from.n))
		cli_die(cli, "--emit-state: cannot be combined with --state or --from-state");
	if (a->state && a->from.n)
		cli_die(cli, "--state: cannot be combined with --from-state");
	if (a->state && a->nfiles != 1)
		cli_die(cli, "--state: needs exactly one EVENTS file (not standard input)");
	if (a->renotify && !a->state)
		cli_die(cli, "--renotify: needs --state");
	if (!a->renotify)
		a->renotify = MS_PER_DAY;
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
	cfg->now = a->now = envelope_now();
	a->reorder_ms = cfg->reorder_ms;
	cfg->tz = cli_tz(cli);
	if (a->calendar) {
		struct error err;

		error_clear(&err);
		if (calendar_json_file(a->calendar, cfg->tz, &a->office, &err) != 0)
			cli_fail(cli, &err);
		cfg->calendar = a->office;
	}
	cfg->shard = a->emit != NULL;
	cfg->live = a->state != NULL;
	/* the nagios perfdata: the limits of error_rate and latency_p95 */
	cli_limit(cli, "error_rate", cfg->error_rate, NAN);
	cli_limit(cli, "p95_ms", cfg->latency_ms, NAN);
}

/* --state, a rotated log: the rest of the old file, read in the format
 * of the log (its name, LOG.1, says none); or, when it is not found, a
 * line on standard error. */
static void read_rotated(struct cli *cli, struct checks *c, json_t *doc,
			 const char *log, const struct state_resume *plan,
			 const struct resume *at)
{
	enum reader_format keep = cli->input_format;
	struct resume old;

	if (plan->lost) {
		cli_warn(cli, "%s: rotated since the last run, and the rest of the old log (from line %lu) is not beside it as %s.1 or %s-YYYYMMDD%s%s%s: lines written to it after the last run are lost",
			 log, plan->old_line, log, log,
			 plan->gz ? " (" : "", plan->gz ? plan->gz : "",
			 plan->gz ? " is compressed: not read)" : "");
		return;
	}
	if (!plan->old)
		return;
	old.offset = plan->old_offset;
	old.line = plan->old_line;
	old.whole = 1;
	old.header = state_header(at->sf, &old.nheader);
	old.sf = NULL;
	if (keep == READER_AUTO)
		cli->input_format = reader_format_of_path(log);
	read_input(cli, c, doc, plan->old, 'e', &old);
	cli->input_format = keep;
}

/* Marks the last row of the document's inputs "lost": true. */
static void mark_lost(json_t *doc)
{
	json_t *in = json_object_get(doc, "inputs");
	json_t *row = json_array_get(in, json_array_size(in) - 1);

	if (json_is_object(row))
		jset(row, "lost", json_true());
}

/* Whether every input can be read a second time: files, not standard
 * input or a pipe. */
static int replayable(const struct args *a)
{
	struct stat st;
	int i;

	if (a->nfiles == 0)
		return 0;
	for (i = 0; i < a->nfiles; i++)
		if (strcmp(a->files[i], "-") == 0 || stat(a->files[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
	return 1;
}

/* The second reading of an events file, for the events that came out of
 * order (checks_replay_begin): the same rows, reported already, so
 * nothing is counted, rejected or written again. */
static void replay_input(struct cli *cli, struct checks *c, const char *path)
{
	struct timeparser tp = cli_timeparser(cli);
	struct reader *r = cli_open_again(cli, path, event_columns, EVENT_NCOLS);
	struct cli_progress_slot ps;
	struct cli_progress *p = cli_progress_reader(cli, path, r, &ps);
	struct record rec;
	struct error err;
	struct event ev;
	int rc;

	error_clear(&err);
	while ((rc = reader_next(r, &rec, &err)) > 0) {
		cli_progress_row(&ps, r);
		if (event_parse(r, &rec, &tp, &ev, &err) == 0)
			checks_replay_event(c, &ev);
	}
	cli_progress_end(p);
	if (rc < 0)
		cli_fail(cli, &err);
	reader_close(r);
}

/* -j: a range of an events file is read into checks of its own, as a
 * shard's (cli_jobs.h); one with events out of time order cannot be
 * merged exactly. */
static void *job_make(const void *ctx, struct tz *tz)
{
	struct checks_config cfg = *(const struct checks_config *)ctx;

	cfg.tz = tz;
	cfg.shard = 1;
	cfg.live = 0;
	return checks_new(&cfg);
}

static void job_row(void *st, struct reader *r, const struct record *rec,
		    const struct timeparser *tp)
{
	struct event ev;
	struct error err;

	if (event_parse(r, rec, tp, &ev, &err) != 0)
		(void)reader_reject(r, rec, err.msg, &err);	/* never strict */
	else
		checks_event(st, &ev);
}

static void job_end(void *st)
{
	checks_flush(st);
}

static void job_free(void *st)
{
	checks_free(st);
}

/* -j: reads every events file in ranges and merges the ranges' checks
 * into c in order with checks_merge, as --from-state merges a decoded
 * state, each freed once merged.  Returns -1 (having merged
 * nothing) when they are to be read in one job instead: a file that
 * cannot be cut, or ranges that are not time-contiguous (events out of
 * order across a cut, or late within one), which only one reading in
 * time order, and a second one for the late events, judges exactly. */
static int read_events_jobs(struct cli *cli, struct checks *c, json_t *doc,
			    const struct args *a)
{
	const struct cli_jobs_ops ops = { .make = job_make, .row = job_row,
					  .end = job_end, .free = job_free,
					  .ctx = a->cfg };
	struct cli_jobs **js = xcalloc((size_t)a->nfiles, sizeof *js);
	int64_t *first = NULL, *last = NULL;
	const char **names = NULL;
	size_t total = 0, i, k, n;
	int ok = 1;

	for (i = 0; ok && i < (size_t)a->nfiles; i++) {
		void *const *v;
		js[i] = cli_jobs_read(cli, a->files[i], a->jobs, event_columns,
				      EVENT_NCOLS, &ops);
		if (!js[i]) {
			ok = 0;
			break;
		}
		v = cli_jobs_states(js[i], &n);
		first = xrealloc(first, (total + n) * sizeof *first);
		last = xrealloc(last, (total + n) * sizeof *last);
		names = xrealloc(names, (total + n) * sizeof *names);
		for (k = 0; k < n; k++, total++) {
			ok = ok && !checks_late(v[k]);
			checks_first_last(v[k], &first[total], &last[total]);
			names[total] = "";
		}
	}
	if (ok) {
		char msg[1024];
		ok = times_order(cli, names, first, last, total, a->reorder_ms,
				 msg, sizeof msg) == 0;
	}
	for (i = 0; ok && i < (size_t)a->nfiles; i++) {
		void *const *v = cli_jobs_states(js[i], &n);
		size_t s;
		for (s = 0; s < n; s++) {
			checks_merge(c, v[s]);
			cli_jobs_release(js[i], s);
		}
		cli_jobs_done(cli, js[i], doc);
		js[i] = NULL;
	}
	for (i = 0; i < (size_t)a->nfiles; i++)
		cli_jobs_drop(js[i]);
	free(js);
	free(first);
	free(last);
	free(names);
	if (!ok)
		cli_jobs_note(cli, "read in one job");
	return ok ? 0 : -1;
}

/* The events: merged states, or the files (standard input when none),
 * from where --state left off (the rest of a rotated log first). */
static void read_events(struct cli *cli, struct checks *c, json_t *doc,
			const struct args *a, json_t **states,
			const struct state_resume *plan, struct resume *at)
{
	size_t i;

	if (a->from.n)
		merge_states(cli, c, doc, &a->from, states);
	if (a->jobs > 1 && !a->state && !a->from.n && a->nfiles > 0 &&
	    read_events_jobs(cli, c, doc, a) == 0)
		return;
	if (a->nfiles == 0 && a->from.n == 0)
		read_input(cli, c, doc, "-", 'e', NULL);
	if (a->state)
		read_rotated(cli, c, doc, a->files[0], plan, at);
	for (i = 0; i < (size_t)a->nfiles; i++)
		read_input(cli, c, doc, a->files[i], 'e', a->state ? at : NULL);
	if (a->state && plan->lost)
		mark_lost(doc);
	if (!a->state && !a->from.n && replayable(a) && checks_replay_begin(c))
		for (i = 0; i < (size_t)a->nfiles; i++)
			replay_input(cli, c, a->files[i]);
}

/* After the checks are done: a line when some events came out of order
 * and could not be judged in time order by the two checks that need it. */
static void warn_late(struct cli *cli, const struct checks *c,
		      const struct args *a)
{
	if (!checks_late(c) || checks_late_judged(c))
		return;
	cli_warn(cli, "%lu events came more than the --reorder-window after newer ones: counted, but not judged by consecutive_failures and failed_logins (%s)",
		 checks_late(c),
		 a->state || a->from.n ? "they are older than what earlier runs judged" :
		 "standard input cannot be read twice: give the log as a file");
}

/* --state: remembers where the log was read up to, the checks and the
 * findings reported (reg). */
static void save_state(struct cli *cli, struct checks *c, struct state *sf,
		       const char *log, const struct resume *at, const json_t *reg)
{
	json_t *st = checks_state(c);
	struct error err;

	error_clear(&err);
	if (state_save(sf, log, at->offset, at->line, st, reg, &err) != 0)
		cli_fail(cli, &err);
	json_decref(st);
	state_free(sf);
}

/* Accounts and projects, then the findings, the state and the result. */
static int finish(struct cli *cli, struct checks *c, json_t *doc,
		  const struct args *a, struct state *sf, const struct resume *at)
{
	struct findings *f;
	size_t n = 0;
	int status;

	if (a->accounts)
		read_input(cli, c, doc, a->accounts, 'a', NULL);
	if (a->projects)
		read_input(cli, c, doc, a->projects, 'p', NULL);
	f = checks_document(c, doc, cli_users_unknown(cli));
	warn_late(cli, c, a);
	if (sf) {
		json_t *reg;
		n = renotify_filter(f, state_reported(sf), a->now, a->renotify, &reg);
		save_state(cli, c, sf, a->files[0], at, reg);
		json_decref(reg);
	}
	/* findings reported by an earlier run and left out (--renotify) */
	jset(json_object_get(doc, "summary"), "suppressed", jint((long long)n));
	status = cli_write(cli, doc, "findings", f);
	findings_free(f);
	return status;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct checks_config cfg;
	struct args a = { 0 };
	/* static: still reachable when a message exits from inside (a
	 * register holding them is not kept by the noreturn cli_die) */
	static struct checks *c;
	struct state *sf = NULL;
	struct state_resume plan = { 0 };
	struct resume at = { 0, 1, 0, NULL, 0, NULL };
	static json_t *doc;
	json_t **states = NULL;
	int status = 0;

	parse_args(&cli, &a, &cfg, argc, argv);
	if (a.from.n)
		states = read_states(&cli, &a.from, a.reorder_ms);
	c = checks_new(&cfg);
	doc = envelope_new("inspect", NULL, cfg.tz);
	if (a.state)
		sf = resume(&cli, c, a.state, a.files[0], &plan, &at);
	read_events(&cli, c, doc, &a, states, &plan, &at);
	state_resume_release(&plan);
	if (a.emit) {
		emit_state(&cli, c, doc, a.emit);
		warn_late(&cli, c, &a);
	} else
		status = finish(&cli, c, doc, &a, sf, &at);
	json_decref(doc);
	checks_free(c);
	calendar_free(a.office);
	return cli_exit(&cli, status);
}
