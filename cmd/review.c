/* review: the monthly (quarterly, yearly) usage review.  Reads the
 * options, feeds accounts, the feature catalog, the events and the survey
 * to lib/metrics.c, and hands the resulting document to cli_write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "io/envelope.h"
#include "io/jbuild.h"
#include "review/metrics.h"
#include "base/timeparse.h"
#include "io/atomic.h"
#include "base/xalloc.h"

enum {
	O_ACCOUNTS = 1, O_FEATURES, O_SURVEY, O_SCALE, O_PREVIOUS, O_ROWS,
	O_FEATURE_MAP, O_SKIP_STATIC, O_LATENCY_UNIT, O_USER_FROM
};

/* shards: states emitted and merged */
enum { O_EMIT_STATE = 100, O_FROM_STATE };

static const struct cli_opt opts[] = {
	{"accounts", 0, "FILE", "user directory (user, role, status): active_share and roles", O_ACCOUNTS},
	{"features", 0, "FILE", "feature catalog (feature): coverage and unused features", O_FEATURES},
	{"survey", 0, "FILE", "survey answers (user, score, time): csat or nps", O_SURVEY},
	{"scale", 0, "SCALE", "survey scale: csat (1-5) or nps (0-10) (default: csat)", O_SCALE},
	{"previous", 0, "FILE", "the previous review's JSON: adds m_previous and m_change to each metric", O_PREVIOUS},
	{"rows", 0, "SECTION", "rows written by csv, tsv, ndjson: metrics, features, daily, projects, roles, months (default: metrics)", O_ROWS},
	{"feature-map", 0, "FILE", "access logs: pattern,feature rows naming requests (first match wins)", O_FEATURE_MAP},
	{"skip-static", 0, NULL, "access logs: leave out static assets instead of counting them as \"static\"", O_SKIP_STATIC},
	{"latency-unit", 0, "UNIT", "access logs: unit of the request-time field: us, ms, s (default: auto)", O_LATENCY_UNIT},
	{"user-from", 0, "SOURCE", "access logs: user (the authenticated user) or ip (count clients by ip)", O_USER_FROM},
	{"emit-state", 0, "FILE", "write this shard's state to FILE (- for standard output) instead of the review", O_EMIT_STATE},
	{"from-state", 0, "FILE", "merge the states of shards (repeatable, any order) instead of reading events", O_FROM_STATE},
	{NULL, 0, NULL, NULL, 0}
};

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", NULL
};

static const char *const sections[] = {
	"metrics", "features", "daily", "projects", "roles", "months", NULL
};

enum { E_TIME, E_USER, E_FEATURE, E_STATUS, E_LATENCY, E_PROJECT };
static const struct reader_column event_cols[] = {
	{"time", 1}, {"user", 1}, {"feature", 1}, {"status", 1},
	{"latency_ms", 0}, {"project", 0}
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

/* Access log options, and whether any access log request carried a user
 * (-1: no access log read). */
static struct reader_clf clf;
static int clf_users = -1;

/* When no request carried a user, the user figures are unknown, not 0
 * or 1 (every request would be the one user "-"). */
static void null_users(json_t *doc)
{
	static const char *const metrics[] = {
		"active_users", "dau_avg", "stickiness", "active_share",
		"new_users", "lost_users"
	};
	static const char *const with_users[] = {
		"daily", "months", "features", "projects", "roles"
	};
	json_t *mo = json_object_get(doc, "metrics"), *row;
	char key[64];
	size_t i, j;

	for (i = 0; i < NCOLS(metrics); i++) {
		if (json_object_get(mo, metrics[i]))
			jset(mo, metrics[i], json_null());
		snprintf(key, sizeof key, "%s_change", metrics[i]);
		if (json_object_get(mo, key))
			jset(mo, key, json_null());
	}
	for (i = 0; i < NCOLS(with_users); i++) {
		json_array_foreach(json_object_get(doc, with_users[i]), j, row) {
			if (json_object_get(row, "active_users"))
				jset(row, "active_users", json_null());
			if (json_object_get(row, "users"))
				jset(row, "users", json_null());
		}
	}
}

static void read_accounts(struct cli *c, struct metrics *m, const char *path,
			  json_t *doc)
{
	struct reader *r = cli_open(c, path, account_cols, NCOLS(account_cols));
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
	struct reader *r = cli_open(c, path, catalog_cols, NCOLS(catalog_cols));
	struct record rec;

	metrics_use_catalog(m);
	while (cli_read(c, r, &rec) > 0)
		metrics_add_catalog(m, rec.field[0], rec.len[0]);
	cli_close(c, r, doc);
}

static void read_events(struct cli *c, struct metrics *m, const char *path,
			json_t *doc)
{
	struct reader *r = cli_open(c, path, event_cols, NCOLS(event_cols));
	struct timeparser tp = cli_timeparser(c);
	struct metrics_event e;
	struct record rec;

	reader_set_clf(r, &clf);

	while (cli_read(c, r, &rec) > 0) {
		const char *const *f = rec.field;

		if (time_parse(&tp, f[E_TIME], rec.len[E_TIME], &e.time) != 0) {
			cli_reject_value(c, r, &rec, E_TIME, "cannot parse");
			continue;
		}
		if (metrics_status_parse(f[E_STATUS], rec.len[E_STATUS], &e.status) != 0) {
			cli_reject_value(c, r, &rec, E_STATUS, "unknown value");
			continue;
		}
		if (metrics_latency_parse(f[E_LATENCY], f[E_LATENCY] ? rec.len[E_LATENCY] : 0,
					  &e.latency_ms) != 0) {
			cli_reject_value(c, r, &rec, E_LATENCY, "cannot parse");
			continue;
		}
		e.user = reader_anonymous(r, f[E_USER], rec.len[E_USER])
			 ? NULL : f[E_USER];
		e.user_len = rec.len[E_USER];
		e.feature = f[E_FEATURE];
		e.feature_len = rec.len[E_FEATURE];
		e.project = f[E_PROJECT];
		e.project_len = f[E_PROJECT] ? rec.len[E_PROJECT] : 0;
		metrics_add_event(m, &e);
	}
	if (reader_format(r) == READER_CLF && !clf.user_from_ip &&
	    reader_clf_users(r) == 0 && reader_rows(r) > 0) {
		cli_warn(c, "%s: no request carries a user; users are not counted (--user-from ip counts clients by ip)",
			 reader_path(r));
		if (clf_users < 0)
			clf_users = 0;
	} else {
		clf_users = 1;
	}
	cli_close(c, r, doc);
}

static void read_survey(struct cli *c, struct metrics *m, const char *path,
			json_t *doc)
{
	struct reader *r = cli_open(c, path, survey_cols, NCOLS(survey_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	const char *why;
	int64_t t = 0;

	while (cli_read(c, r, &rec) > 0) {
		int has_time = rec.field[S_TIME] && rec.len[S_TIME] > 0;

		if (has_time && time_parse(&tp, rec.field[S_TIME], rec.len[S_TIME], &t) != 0) {
			cli_reject_value(c, r, &rec, S_TIME, "cannot parse");
			continue;
		}
		if (metrics_add_response(m, rec.field[S_SCORE], rec.len[S_SCORE],
					 has_time, t, &why) < 0)
			cli_reject_value(c, r, &rec, S_SCORE, why);
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

/* --from-state: merges one shard's state. */
static void load_state(struct cli *c, struct metrics *m, const char *path)
{
	json_t *st = cli_load_json(c, path);
	const char *why;

	if (metrics_load(m, st, &why) != 0)
		cli_die(c, "%s: %s", path, why);
	json_decref(st);
}

/* --emit-state: writes the shard's state, atomically unless to "-". */
static void emit_state(struct cli *c, const struct metrics *m, const char *path)
{
	json_t *st = metrics_state(m);

	cli_save_json(c, path, st);
	json_decref(st);
}

int main(int argc, char **argv)
{
	struct cli c;
	struct period p;
	struct metrics *m;
	const char *arg, *accounts = NULL, *catalog = NULL, *survey = NULL;
	const char *previous = NULL, *rows = "metrics";
	enum metrics_scale scale = METRICS_CSAT;
	json_t *doc, *prev = NULL;
	struct clf_featuremap *fmap = NULL;
	struct error err;
	char **files;
	int id, n, i, status;
	int64_t start, end;
	size_t k;
	const char *emit = NULL, **from = NULL;
	int nfrom = 0;

	cli_init(&c, "review", "[options] [EVENTS...]",
		 "Compute the usage review of a period: activity, feature coverage, error rate, satisfaction.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT, formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		switch (id) {
		case O_ACCOUNTS: accounts = arg; break;
		case O_FEATURES: catalog = arg; break;
		case O_SURVEY: survey = arg; break;
		case O_PREVIOUS: previous = arg; break;
		case O_SCALE:
			if (metrics_scale_parse(arg, &scale) != 0)
				cli_die(&c, "--scale: unknown scale \"%s\" (one of: csat, nps)", arg);
			break;
		case O_ROWS:
			for (k = 0; sections[k] && strcmp(sections[k], arg) != 0; k++)
				;
			if (!sections[k])
				cli_die(&c, "--rows: unknown section \"%s\" (one of: metrics, features, daily, projects, roles, months)", arg);
			rows = arg;
			break;
		case O_FEATURE_MAP:
			clf_featuremap_free(fmap);
			if (!(fmap = clf_featuremap_load(arg, &err)))
				cli_fail(&c, &err);
			clf.feature_map = fmap;
			break;
		case O_SKIP_STATIC: clf.skip_static = 1; break;
		case O_LATENCY_UNIT:
			if (clf_latency_unit_parse(arg, &clf.latency_unit) != 0)
				cli_die(&c, "--latency-unit: unknown unit \"%s\" (one of: auto, us, ms, s)", arg);
			break;
		case O_USER_FROM:
			if (strcmp(arg, "ip") != 0 && strcmp(arg, "user") != 0)
				cli_die(&c, "--user-from: unknown source \"%s\" (one of: user, ip)", arg);
			clf.user_from_ip = strcmp(arg, "ip") == 0;
			break;
		case O_EMIT_STATE: emit = arg; break;
		case O_FROM_STATE:
			if (!from)
				from = xcalloc((size_t)argc, sizeof *from);
			from[nfrom++] = arg;
			break;
		}
	}
	files = cli_operands(&c, &n);
	if (emit && nfrom)
		cli_die(&c, "--emit-state: cannot be combined with --from-state");
	if (nfrom && n)
		cli_die(&c, "--from-state: reads states, not EVENTS files");
	cli_period(&c, &p);
	if (strcmp(rows, "months") == 0 &&
	    p.kind != PERIOD_QUARTER && p.kind != PERIOD_YEAR)
		cli_die(&c, "--rows months: needs a quarter or a year (--period 2026-Q4, 2026)");
	if (previous)
		prev = read_previous(&c, previous);

	doc = envelope_new("review", &p, cli_tz(&c));
	m = metrics_new(&p, cli_tz(&c));
	if (survey)
		metrics_use_survey(m, scale);
	if (accounts)
		read_accounts(&c, m, accounts, doc);
	if (catalog)
		read_catalog(&c, m, catalog, doc);
	for (i = 0; i < nfrom; i++)
		load_state(&c, m, from[i]);
	free(from);
	if (n == 0 && nfrom == 0)
		read_events(&c, m, "-", doc);
	for (i = 0; i < n; i++)
		read_events(&c, m, files[i], doc);
	if (emit) {
		emit_state(&c, m, emit);
		metrics_free(m);
		clf_featuremap_free(fmap);
		json_decref(prev);
		json_decref(doc);
		return cli_exit(&c, 0);
	}
	if (survey)
		read_survey(&c, m, survey, doc);
	if (metrics_span(m, &start, &end) == 0)
		envelope_set_period(doc, start, end, cli_tz(&c));
	metrics_json(m, prev, doc);
	if (clf_users == 0)
		null_users(doc);
	metrics_free(m);
	clf_featuremap_free(fmap);
	json_decref(prev);

	if (strcmp(rows, "metrics") == 0 && writes_rows(&c)) {
		json_t *one = json_object();
		json_t *list = json_array();

		if (!one || !list || json_array_append(list, json_object_get(doc, "metrics")) != 0)
			cli_die(&c, "out of memory");
		jset(one, "tool", jstr("review"));
		jset(one, "metrics", list);
		status = cli_write(&c, one, "metrics", NULL);
		json_decref(one);
	} else {
		status = cli_write(&c, doc, rows, NULL);
	}
	json_decref(doc);
	return cli_exit(&c, status);
}
