/* review: the monthly (quarterly, yearly) usage review.  Reads the
 * options, feeds accounts, the feature catalog, the events and the survey
 * to lib/metrics.c, and hands the resulting document to cli_write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_jobs.h"
#include "cli_progress.h"
#include "io/envelope.h"
#include "io/event.h"
#include "io/jbuild.h"
#include "review/metrics.h"
#include "base/timeparse.h"
#include "io/atomic.h"
#include "base/xalloc.h"

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", NULL
};

static const char *const sections[] = {
	"metrics", "features", "daily", "projects", "roles", "months", NULL
};

enum { A_USER, A_ROLE, A_STATUS };
static const struct reader_column account_cols[] = {
	{"user", 1}, {"role", 0}, {"status", 0}
};
static const struct reader_column catalog_cols[] = { {"feature", 1} };
enum { S_USER, S_SCORE, S_TIME };
static const struct reader_column survey_cols[] = {
	{"user", 1}, {"score", 1}, {"time", 0}
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

static void read_accounts(struct cli *c, struct metrics *m, const char *path,
			  json_t *doc)
{
	struct reader *r = cli_open_as(c, "accounts", path, account_cols, NCOLS(account_cols));
	struct record rec;

	metrics_use_accounts(m);
	while (cli_read(c, r, &rec) > 0)
		if (metrics_add_account(m, rec.field[A_USER], rec.len[A_USER],
					rec.field[A_ROLE], rec.len[A_ROLE],
					rec.field[A_STATUS], rec.len[A_STATUS]) != 0)
			cli_reject_value(c, r, &rec, A_STATUS, "unknown value");
	cli_close(c, r, doc);
}

static void read_catalog(struct cli *c, struct metrics *m, const char *path,
			 json_t *doc)
{
	struct reader *r = cli_open_as(c, "features", path, catalog_cols, NCOLS(catalog_cols));
	struct record rec;

	metrics_use_catalog(m);
	while (cli_read(c, r, &rec) > 0)
		metrics_add_catalog(m, rec.field[0], rec.len[0]);
	cli_close(c, r, doc);
}

static void read_events(struct cli *c, struct metrics *m, const char *path,
			json_t *doc)
{
	struct reader *r = cli_open_as(c, "events", path, event_columns, EVENT_NCOLS);
	struct timeparser tp = cli_timeparser(c);
	struct cli_progress_slot ps;
	struct cli_progress *p = cli_progress_reader(c, path, r, &ps);
	struct event e;
	struct record rec;
	struct error err;

	while (cli_read(c, r, &rec) > 0) {
		cli_progress_row(&ps, r);
		if (event_parse(r, &rec, &tp, &e, &err) != 0)
			cli_reject(c, r, &rec, err.msg);
		else
			metrics_add_event(m, &e);
	}
	cli_progress_end(p);
	cli_events_read(c, r);
	cli_close(c, r, doc);
}

static void read_survey(struct cli *c, struct metrics *m, const char *path,
			json_t *doc)
{
	struct reader *r = cli_open_as(c, "survey", path, survey_cols, NCOLS(survey_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	struct error err;
	int64_t t = 0;

	while (cli_read(c, r, &rec) > 0) {
		int has_time = rec.field[S_TIME] && rec.len[S_TIME] > 0;

		if (has_time && time_parse(&tp, rec.field[S_TIME], rec.len[S_TIME], &t) != 0) {
			cli_reject_value(c, r, &rec, S_TIME, "cannot parse");
			continue;
		}
		if (metrics_add_response(m, rec.field[S_SCORE], rec.len[S_SCORE],
					 has_time, t, &err) < 0)
			cli_reject_value(c, r, &rec, S_SCORE, err.msg);
	}
	cli_close(c, r, doc);
}

/* The "metrics" object of the previous review's JSON; dies when the file
 * is not a review. */
static json_t *read_previous(struct cli *c, const char *path)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	json_t *mo;

	if (!doc && jerr.line > 0)
		cli_die(c, "%s:%d: cannot read the previous review: %s", path,
			jerr.line, jerr.text);
	if (!doc)
		cli_die(c, "%s: cannot read the previous review: %s", path,
			jerr.text);
	mo = json_object_get(doc, "metrics");
	if (!json_is_object(mo))
		cli_die(c, "%s: not a review: no \"metrics\" object", path);
	json_incref(mo);
	json_decref(doc);
	return mo;
}

/* csv, tsv and ndjson write one list of rows; "metrics" is one object,
 * so those formats get it as a list of one row. */
static int writes_rows(struct cli *c)
{
	enum outfmt f = cli_format(c);

	return f == OUT_CSV || f == OUT_TSV || f == OUT_NDJSON;
}

/* --from-state: merges the shards' states v (any order: the merge
 * commutes; cli_states_load refused one twice), keeping each one's rows
 * of "inputs", and frees them. */
static void merge_states(struct cli *c, struct metrics *m, json_t *doc,
			 const struct cli_list *from, json_t **v)
{
	struct error err;
	size_t i;

	for (i = 0; i < from->n; i++) {
		error_clear(&err);
		if (metrics_load(m, v[i], &err) != 0) {
			cli_states_free(v, from->n);
			cli_die(c, "%s: %s", from->v[i], err.msg);
		}
		cli_state_inputs(c, doc, v[i], from->v[i]);
	}
	cli_states_free(v, from->n);
}

/* --emit-state: writes the shard's state with the rows of "inputs" it
 * read, atomically unless to "-". */
static void emit_state(struct cli *c, const struct metrics *m,
		       const json_t *doc, const char *path)
{
	json_t *st = metrics_state(m);

	cli_state_emit(c, st, doc, path);
	json_decref(st);
}

/* What the command line asks for. */
struct args {
	const char *accounts, *catalog, *survey, *previous, *emit;
	int scale, section;
	struct cli_list from;	/* --from-state */
	long jobs;		/* -j */
	struct period period;
	char **files;
	int nfiles;
};

static void parse_args(struct cli *c, struct args *a, int argc, char **argv)
{
	static const char *const scales[] = { "csat", "nps", NULL };
	const struct cli_opt opts[] = {
		CLI_OPT_STRING("accounts", 0, "FILE", &a->accounts, "user directory (user, role, status): active_share and roles"),
		CLI_OPT_STRING("features", 0, "FILE", &a->catalog, "feature catalog (feature): coverage and unused features"),
		CLI_OPT_STRING("survey", 0, "FILE", &a->survey, "survey answers (user, score, time): csat or nps"),
		CLI_OPT_CHOICE("scale", "SCALE", &a->scale, scales, "scale", "survey scale: csat (1-5) or nps (0-10) (default: csat)"),
		CLI_OPT_STRING("previous", 0, "FILE", &a->previous, "the previous review's JSON: adds m_previous and m_change to each metric"),
		CLI_OPT_CHOICE("rows", "SECTION", &a->section, sections, "section", "rows written by csv, tsv, ndjson: metrics, features, daily, projects, roles, months (default: metrics)"),
		CLI_OPT_STRING("emit-state", 0, "FILE", &a->emit, "write this shard's state to FILE (- for standard output) instead of the review"),
		CLI_OPT_LIST("from-state", 0, "FILE", &a->from, "merge the states of shards (repeatable, any order) instead of reading events"),
		CLI_OPT_JOBS(&a->jobs),
		CLI_OPT_PROGRESS,
		CLI_OPT_END
	};

	cli_init(c, "review", "[options] [EVENTS...]",
		 "Compute the usage review of a period: activity, feature coverage, error rate, satisfaction.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_ACCESS_LOG, formats, argc, argv);
	a->jobs = 1;
	a->files = cli_parse(c, &a->nfiles);
	a->jobs = cli_jobs_count(a->jobs);
	if (a->emit && a->from.n)
		cli_die(c, "--emit-state: cannot be combined with --from-state");
	if (a->from.n && a->nfiles)
		cli_die(c, "--from-state: reads states, not EVENTS files");
	cli_period(c, &a->period);
	if (strcmp(sections[a->section], "months") == 0 &&
	    a->period.kind != PERIOD_QUARTER && a->period.kind != PERIOD_YEAR)
		cli_die(c, "--rows months: needs a quarter or a year (--period 2026-Q4, 2026)");
}

/* -j: what a range of an events file is read into (cli_jobs.h): a
 * metrics of its own, with the accounts and the catalog read again
 * quietly (their rows were reported the first time). */
struct job_ctx {
	struct cli *c;
	const struct args *a;
};

static void *job_make(const void *ctx, struct tz *tz)
{
	const struct job_ctx *x = ctx;
	struct metrics *m = metrics_new(&x->a->period, tz);
	const char *paths[2] = { x->a->accounts, x->a->catalog };
	struct record rec;
	struct error err;
	int i;

	metrics_set_now(m, envelope_now());
	if (x->a->survey)
		metrics_use_survey(m, x->a->scale ? METRICS_NPS : METRICS_CSAT);
	for (i = 0; i < 2; i++) {
		struct reader *r;
		if (!paths[i])
			continue;
		r = i == 0 ? cli_open_again(x->c, paths[i], account_cols, NCOLS(account_cols)) :
		    cli_open_again(x->c, paths[i], catalog_cols, NCOLS(catalog_cols));
		if (i == 0)
			metrics_use_accounts(m);
		else
			metrics_use_catalog(m);
		error_clear(&err);
		while (reader_next(r, &rec, &err) > 0) {
			if (i == 1)
				metrics_add_catalog(m, rec.field[0], rec.len[0]);
			else
				(void)metrics_add_account(m, rec.field[A_USER], rec.len[A_USER],
							  rec.field[A_ROLE], rec.len[A_ROLE],
							  rec.field[A_STATUS], rec.len[A_STATUS]);
		}
		reader_close(r);
	}
	return m;
}

static void job_row(void *st, struct reader *r, const struct record *rec,
		    const struct timeparser *tp)
{
	struct event e;
	struct error err;

	if (event_parse(r, rec, tp, &e, &err) != 0)
		(void)reader_reject(r, rec, err.msg, &err);	/* never strict */
	else
		metrics_add_event(st, &e);
}

static void job_free(void *st)
{
	metrics_free(st);
}

/* -j: reads the events file path in ranges, the first into m itself, and
 * merges the others' metrics into m with metrics_merge, as --from-state
 * merges a decoded state, each freed once merged.  0, or -1 when it is to be read in one job. */
static int read_events_jobs(struct cli *c, struct metrics *m,
			    const struct args *a, const char *path, json_t *doc)
{
	struct job_ctx x = { c, a };
	const struct cli_jobs_ops ops = { .make = job_make, .row = job_row,
					  .free = job_free, .ctx = &x, .own = m };
	struct cli_jobs *j = cli_jobs_read(c, path, a->jobs, event_columns,
					   EVENT_NCOLS, &ops);
	void *const *v;
	size_t n, i;

	if (!j)
		return -1;
	v = cli_jobs_states(j, &n);
	for (i = 0; i < n; i++) {	/* v[0]: m itself, read into */
		if (v[i])
			metrics_merge(m, v[i]);
		cli_jobs_release(j, i);
	}
	cli_jobs_done(c, j, doc);
	return 0;
}

/* Accounts and the catalog (before the events: roles are looked up as
 * events come), then merged states or the event files (standard input
 * when none). */
static void read_inputs(struct cli *c, struct metrics *m, const struct args *a,
			json_t *doc, json_t **states)
{
	size_t i;

	if (a->survey)
		metrics_use_survey(m, a->scale ? METRICS_NPS : METRICS_CSAT);
	if (a->accounts)
		read_accounts(c, m, a->accounts, doc);
	if (a->catalog)
		read_catalog(c, m, a->catalog, doc);
	if (a->from.n)
		merge_states(c, m, doc, &a->from, states);
	if (a->nfiles == 0 && a->from.n == 0)
		read_events(c, m, "-", doc);
	for (i = 0; i < (size_t)a->nfiles; i++)
		if (read_events_jobs(c, m, a, a->files[i], doc) != 0)
			read_events(c, m, a->files[i], doc);
}

/* Writes the review: csv, tsv and ndjson write one list of rows, and
 * "metrics" is one object, so those formats get it as a list of one. */
static int write_review(struct cli *c, json_t *doc, const char *rows)
{
	json_t *one, *list;
	int status;

	if (strcmp(rows, "metrics") != 0 || !writes_rows(c))
		return cli_write(c, doc, rows, NULL);
	one = jobject();
	list = jarray();
	jappend(list, json_incref(json_object_get(doc, "metrics")));
	jset(one, "tool", jstr("review"));
	jset(one, "metrics", list);
	status = cli_write(c, one, "metrics", NULL);
	json_decref(one);
	return status;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct args a = { 0 };
	struct metrics *m;
	json_t *doc, *prev = NULL, **states = NULL;
	int64_t start, end;
	int status = 0;

	parse_args(&c, &a, argc, argv);
	if (a.from.n)	/* first: a state given twice exits with nothing made */
		states = cli_states_load(&c, &a.from);
	if (a.previous)
		prev = read_previous(&c, a.previous);
	doc = envelope_new("review", &a.period, cli_tz(&c));
	m = metrics_new(&a.period, cli_tz(&c));
	metrics_set_now(m, envelope_now());
	read_inputs(&c, m, &a, doc, states);
	if (a.emit) {
		emit_state(&c, m, doc, a.emit);
	} else {
		if (a.survey)
			read_survey(&c, m, a.survey, doc);
		if (metrics_span(m, &start, &end) == 0) {
			envelope_set_period(doc, start, end, cli_tz(&c));
			envelope_set_until(doc, metrics_until(m), cli_tz(&c));
		}
		if (cli_users_unknown(&c))
			metrics_users_unknown(m);
		metrics_json(m, prev, doc);
		status = write_review(&c, doc, sections[a.section]);
	}
	metrics_free(m);
	json_decref(prev);
	json_decref(doc);
	return cli_exit(&c, status);
}
