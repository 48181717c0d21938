/* sla-check: the vendor's service-level agreement.  Reads the policy
 * (lib/policy.c) and the evidence (outages, probes, tickets), hands them to
 * lib/slo.c, and writes one row per objective plus a finding per breach
 * through the shared writer.  The arithmetic lives in the library; this
 * file only reads, judges which rows to write and words the messages. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "envelope.h"
#include "policy.h"
#include "slo.h"
#include "timeparse.h"

enum { O_POLICY = 1, O_OUTAGES, O_PROBES, O_TICKETS };

static const struct cli_opt opts[] = {
	{"policy", 'P', "FILE", "the SLA policy (JSON): targets, credits, calendar (required)", O_POLICY},
	{"outages", 0, "FILE", "incidents and maintenance (start, end, service, planned): availability", O_OUTAGES},
	{"probes", 0, "FILE", "uptime check samples (time, check, up): availability per check", O_PROBES},
	{"tickets", 0, "FILE", "support tickets (id, priority, opened, first_response, resolved): response and resolution", O_TICKETS},
	{NULL, 0, NULL, NULL, 0}
};

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};

enum { OU_START, OU_END, OU_SERVICE, OU_PLANNED };
static const struct reader_column outage_cols[] = {
	{"start", 1}, {"end", 1}, {"service", 0}, {"planned", 0}
};
enum { PR_TIME, PR_CHECK, PR_UP };
static const struct reader_column probe_cols[] = {
	{"time", 1}, {"check", 1}, {"up", 1}
};
enum { TI_ID, TI_PRIORITY, TI_OPENED, TI_RESPONSE, TI_RESOLVED };
static const struct reader_column ticket_cols[] = {
	{"id", 1}, {"priority", 1}, {"opened", 1}, {"first_response", 0},
	{"resolved", 0}
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

/* What the evidence spans: the earliest and the latest start (outage
 * start, probe time, ticket opened), for the default period. */
struct span {
	int64_t first, last;
};

static void span_add(struct span *s, int64_t t)
{
	if (t < s->first)
		s->first = t;
	if (t > s->last)
		s->last = t;
}

/* Rejects rec with 'column "NAME": WHAT "VALUE"'. */
static void reject(struct cli *c, struct reader *r, const struct record *rec,
		   size_t i, const char *what)
{
	char q[96], reason[256];

	error_quote(q, sizeof q, rec->field[i] ? rec->field[i] : "",
		    rec->field[i] ? rec->len[i] : 0);
	snprintf(reason, sizeof reason, "column \"%s\": %s %s",
		 reader_column_name(r, i), what, q);
	cli_reject(c, r, rec, reason);
}

static int present(const struct record *rec, size_t i)
{
	return rec->field[i] && rec->len[i] > 0;
}

/* 1 or 0 for the yes/no words of a column; -1 for anything else. */
static int flag_parse(const char *s, const char *const *yes, const char *const *no)
{
	size_t i;

	for (i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

static void finish(struct cli *c, struct reader *r, json_t *doc)
{
	cli_report_rejects(c, r);
	envelope_add_input(doc, r);
	reader_close(r);
}

static void read_outages(struct cli *c, struct slo_outages *o, const char *path,
			 json_t *doc, struct span *sp)
{
	static const char *const yes[] = { "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "0", NULL };
	struct reader *r = cli_open(c, path, outage_cols, NCOLS(outage_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	int64_t start, end;
	int planned;

	while (cli_read(c, r, &rec) > 0) {
		const char *const *f = rec.field;

		if (time_parse(&tp, f[OU_START], rec.len[OU_START], &start) != 0) {
			reject(c, r, &rec, OU_START, "cannot parse");
			continue;
		}
		if (time_parse(&tp, f[OU_END], rec.len[OU_END], &end) != 0) {
			reject(c, r, &rec, OU_END, "cannot parse");
			continue;
		}
		planned = present(&rec, OU_PLANNED) ? flag_parse(f[OU_PLANNED], yes, no) : 0;
		if (planned < 0) {
			reject(c, r, &rec, OU_PLANNED, "not yes or no:");
			continue;
		}
		if (slo_outages_add(o, f[OU_SERVICE], start, end, planned) != 0) {
			reject(c, r, &rec, OU_END, "before the start:");
			continue;
		}
		span_add(sp, start);
	}
	finish(c, r, doc);
}

static void read_probes(struct cli *c, struct slo_probes *p, const char *path,
			json_t *doc, struct span *sp)
{
	static const char *const yes[] = { "1", "up", "ok", "true", NULL };
	static const char *const no[] = { "0", "down", "fail", "false", NULL };
	struct reader *r = cli_open(c, path, probe_cols, NCOLS(probe_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	int64_t t;
	int up;

	while (cli_read(c, r, &rec) > 0) {
		if (time_parse(&tp, rec.field[PR_TIME], rec.len[PR_TIME], &t) != 0) {
			reject(c, r, &rec, PR_TIME, "cannot parse");
			continue;
		}
		up = flag_parse(rec.field[PR_UP], yes, no);
		if (up < 0) {
			reject(c, r, &rec, PR_UP, "not up or down:");
			continue;
		}
		slo_probes_add(p, rec.field[PR_CHECK], t, up);
		span_add(sp, t);
	}
	finish(c, r, doc);
}

/* An optional time column: SLO_NONE when empty; -1 when unparseable. */
static int opt_time(const struct timeparser *tp, const struct record *rec,
		    size_t i, int64_t *t)
{
	*t = SLO_NONE;
	if (!present(rec, i))
		return 0;
	return time_parse(tp, rec->field[i], rec->len[i], t);
}

static void read_tickets(struct cli *c, struct slo_tickets *t, const char *path,
			 json_t *doc, struct span *sp)
{
	struct reader *r = cli_open(c, path, ticket_cols, NCOLS(ticket_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	int64_t opened, resp, res;

	while (cli_read(c, r, &rec) > 0) {
		const char *const *f = rec.field;

		if (time_parse(&tp, f[TI_OPENED], rec.len[TI_OPENED], &opened) != 0) {
			reject(c, r, &rec, TI_OPENED, "cannot parse");
			continue;
		}
		if (opt_time(&tp, &rec, TI_RESPONSE, &resp) != 0) {
			reject(c, r, &rec, TI_RESPONSE, "cannot parse");
			continue;
		}
		if (opt_time(&tp, &rec, TI_RESOLVED, &res) != 0) {
			reject(c, r, &rec, TI_RESOLVED, "cannot parse");
			continue;
		}
		if (slo_tickets_add(t, f[TI_ID], f[TI_PRIORITY], opened, resp, res) != 0) {
			reject(c, r, &rec, resp != SLO_NONE && resp < opened ?
			       TI_RESPONSE : TI_RESOLVED, "before \"opened\":");
			continue;
		}
		span_add(sp, opened);
	}
	finish(c, r, doc);
}

/* ---- wording ---------------------------------------------------------- */

/* "1 h 17 min", "44 min 38.4 s", "2 d 3 h", "0 s".  Business time is
 * written in hours only: a business "day" of 24 h would read as a
 * calendar day. */
static void dur_text(char *buf, size_t size, int64_t ms, int days)
{
	static const struct { int64_t ms; const char *unit; } units[] = {
		{ MS_PER_DAY, "d" }, { MS_PER_HOUR, "h" }, { MS_PER_MIN, "min" }
	};
	size_t i, n = 0;
	int64_t sec;

	buf[0] = '\0';
	if (ms < 0)
		ms = 0;
	for (i = days ? 0 : 1; i < NCOLS(units); i++) {
		int64_t q = ms / units[i].ms;

		ms %= units[i].ms;
		if (q && n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%" PRId64 " %s",
					      n ? " " : "", q, units[i].unit);
	}
	if (n >= size)
		return;
	if (ms == 0 && n > 0)
		return;
	sec = ms / 1000;
	ms %= 1000;
	if (ms == 0)
		snprintf(buf + n, size - n, "%s%" PRId64 " s", n ? " " : "", sec);
	else {
		char frac[8];
		size_t k;

		snprintf(frac, sizeof frac, "%03d", (int)ms);
		for (k = 3; k > 0 && frac[k - 1] == '0'; k--)
			frac[k - 1] = '\0';
		snprintf(buf + n, size - n, "%s%" PRId64 ".%s s", n ? " " : "", sec, frac);
	}
}

/* A percent in SLO_PCT units, exactly: "99.9", "95". */
static void pct_text(char *buf, size_t size, int64_t pct)
{
	int64_t whole = pct / SLO_PCT_ONE, frac = pct % SLO_PCT_ONE;
	size_t n;

	n = (size_t)snprintf(buf, size, "%" PRId64 ".%06" PRId64, whole, frac);
	while (n > 0 && n < size && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && n < size && buf[n - 1] == '.')
		buf[n - 1] = '\0';
}

/* A fraction as a percent cut (not rounded) to 4 decimals, so that a
 * value below a target never reads as equal to it: 0.99827508 "99.8275". */
static void frac_text(char *buf, size_t size, double v)
{
	double cut = floor(v * 1e6 + 1e-6);

	pct_text(buf, size, (int64_t)cut * 100);
}

/* ---- objectives ------------------------------------------------------- */

/* A row with every key of every kind of objective, the ones that do not
 * apply null, so that csv columns are the same whatever the rows. */
static json_t *row_new(const char *objective, const char *scope, int64_t target)
{
	static const char *const keys[] = {
		"actual", "met", "downtime_s", "allowed_downtime_s",
		"budget_remaining_s", "burn_rate", "credit", "samples",
		"longest_down_s", "tickets", "met_count", "breached_count",
		"pending_count", NULL
	};
	json_t *row = json_object();
	size_t i;

	if (!row)
		return NULL;
	jset(row, "objective", jstr(objective));
	jset(row, "scope", jstr(scope));
	jset(row, "target", jnum(slo_pct_fraction(target)));
	for (i = 0; keys[i]; i++)
		jset(row, keys[i], json_null());
	return row;
}

static json_t *jnum_or_null(double v)
{
	return isnan(v) ? json_null() : jnum(v);
}

static json_t *jsec(int64_t ms)
{
	return ms % 1000 == 0 ? jint(ms / 1000) : jnum((double)ms / 1000.0);
}

struct ctx {
	struct cli *cli;
	struct policy *pol;
	struct findings *f;
	json_t *rows;
	struct tz *tz;
	int64_t start, end, now;
	size_t met, breached;
};

static void add_row(struct ctx *x, json_t *row, int met)
{
	if (!row || json_array_append_new(x->rows, row) != 0)
		cli_die(x->cli, "out of memory");
	if (met)
		x->met++;
	else
		x->breached++;
}

static void eval_outages(struct ctx *x, struct slo_outages *o)
{
	struct slo_availability_params prm;
	struct slo_availability a;
	size_t i, n = slo_outages_scopes(o);

	prm.start = x->start;
	prm.end = x->end;
	prm.now = x->now;
	prm.target = policy_availability_target(x->pol);
	prm.exclude_planned = policy_exclude_planned(x->pol);
	prm.credits = policy_credits(x->pol, &prm.ncredits);
	for (i = 0; i < n; i++) {
		json_t *row;

		if (slo_outages_eval(o, i, &prm, &a) != 0)
			continue;
		row = row_new("availability", a.scope, a.target);
		jset(row, "actual", jnum(a.actual));
		jset(row, "met", json_boolean(a.met));
		jset(row, "downtime_s", jsec(a.downtime_ms));
		jset(row, "allowed_downtime_s", jsec(a.allowed_ms));
		jset(row, "budget_remaining_s", jsec(a.budget_remaining_ms));
		jset(row, "burn_rate", jnum_or_null(a.burn_rate));
		jset(row, "credit", jnum(slo_pct_fraction(a.credit) * 100.0));
		add_row(x, row, a.met);
		if (!a.met) {
			char act[32], tgt[32], down[64], allowed[64], cr[32], msg[512];
			struct finding fd = { 0 };

			frac_text(act, sizeof act, a.actual);
			pct_text(tgt, sizeof tgt, a.target);
			dur_text(down, sizeof down, a.downtime_ms, 1);
			dur_text(allowed, sizeof allowed, a.allowed_ms, 1);
			pct_text(cr, sizeof cr, a.credit);
			snprintf(msg, sizeof msg,
				 "%s availability %s%% is below the %s%% target: %s down, %s allowed%s%s%s",
				 a.scope, act, tgt, down, allowed,
				 a.credit ? "; a " : "", a.credit ? cr : "",
				 a.credit ? "% service credit is due" : "");
			fd.severity = SEV_CRITICAL;
			fd.check = "availability";
			fd.subject = a.scope;
			fd.value = jnum(a.actual);
			fd.threshold = jnum(slo_pct_fraction(a.target));
			fd.message = msg;
			fd.first_seen = fd.last_seen = FINDING_NO_TIME;
			fd.count = -1;
			findings_add(x->f, &fd, x->tz);
		}
	}
}

static void eval_probes(struct ctx *x, struct slo_probes *p)
{
	int64_t target = policy_availability_target(x->pol);
	size_t ncred, i, n = slo_probes_checks(p);
	const struct slo_credit *cred = policy_credits(x->pol, &ncred);
	struct slo_probe_result pr;

	for (i = 0; i < n; i++) {
		int64_t credit = 0;
		json_t *row;

		if (slo_probes_eval(p, i, x->start, x->end, target, &pr) != 0)
			continue;
		row = row_new("availability", pr.check, target);
		if (pr.samples > 0)
			credit = slo_credit_due(cred, ncred, (int64_t)pr.up,
						(int64_t)pr.samples);
		jset(row, "actual", jnum_or_null(pr.actual));
		jset(row, "met", json_boolean(pr.met));
		jset(row, "credit", jnum(slo_pct_fraction(credit) * 100.0));
		jset(row, "samples", jint((long long)pr.samples));
		jset(row, "longest_down_s", jsec(pr.longest_down_ms));
		add_row(x, row, pr.met);
		if (!pr.met) {
			char act[32], tgt[32], longest[64], cr[32], msg[512];
			struct finding fd = { 0 };

			frac_text(act, sizeof act, pr.actual);
			pct_text(tgt, sizeof tgt, target);
			dur_text(longest, sizeof longest, pr.longest_down_ms, 1);
			pct_text(cr, sizeof cr, credit);
			snprintf(msg, sizeof msg,
				 "%s availability %s%% is below the %s%% target: %zu of %zu samples down, longest down run %s%s%s%s",
				 pr.check, act, tgt, pr.samples - pr.up, pr.samples,
				 longest, credit ? "; a " : "", credit ? cr : "",
				 credit ? "% service credit is due" : "");
			fd.severity = SEV_CRITICAL;
			fd.check = "availability";
			fd.subject = pr.check;
			fd.value = jnum(pr.actual);
			fd.threshold = jnum(slo_pct_fraction(target));
			fd.message = msg;
			fd.first_seen = pr.longest_down_start == SLO_NONE ?
				FINDING_NO_TIME : pr.longest_down_start;
			fd.last_seen = FINDING_NO_TIME;
			fd.count = (long)pr.down_runs;
			findings_add(x->f, &fd, x->tz);
		}
	}
}

/* A finding for one ticket that missed its target. */
static void ticket_finding(struct ctx *x, enum slo_kind kind, int business,
			   const struct slo_ticket_verdict *v)
{
	const char *check = kind == SLO_RESPONSE ? "response" : "resolution";
	char el[64], tgt[64], msg[512];
	struct finding fd = { 0 };

	dur_text(el, sizeof el, v->elapsed_ms, !business);
	dur_text(tgt, sizeof tgt, v->target_ms, !business);
	if (v->done != SLO_NONE)
		snprintf(msg, sizeof msg, "%s ticket %s %s after %s (target %s, %s)",
			 v->priority, v->id, kind == SLO_RESPONSE ?
			 "got its first response" : "was resolved", el, tgt,
			 business ? "business hours" : "wall-clock time");
	else
		snprintf(msg, sizeof msg,
			 "%s ticket %s has no %s %s after opening (target %s, %s)",
			 v->priority, v->id, kind == SLO_RESPONSE ?
			 "first response" : "resolution", el, tgt,
			 business ? "business hours" : "wall-clock time");
	fd.severity = SEV_WARNING;
	fd.check = check;
	fd.subject = v->id;
	fd.value = jnum((double)v->elapsed_ms / (double)MS_PER_HOUR);
	fd.threshold = jnum((double)v->target_ms / (double)MS_PER_HOUR);
	fd.message = msg;
	fd.first_seen = v->opened;
	fd.last_seen = v->done != SLO_NONE ? v->done : FINDING_NO_TIME;
	fd.count = -1;
	findings_add(x->f, &fd, x->tz);
}

static void eval_tickets(struct ctx *x, const struct slo_tickets *t,
			 enum slo_kind kind)
{
	const char *name = kind == SLO_RESPONSE ? "response" : "resolution";
	int business = policy_business_hours(x->pol, kind);
	struct slo_ticket_objective obj;
	struct slo_ticket_report *rep;
	size_t i;

	if (policy_tickets(x->pol, kind, &obj) != 0)
		return;
	rep = slo_tickets_eval(t, kind, &obj, x->start, x->end, x->now);
	for (i = 0; i < slo_ticket_report_rows(rep); i++) {
		const struct slo_priority_result *pr = slo_ticket_report_row(rep, i);
		json_t *row = row_new(name, pr->priority, pr->min_compliance);

		jset(row, "actual", jnum_or_null(pr->actual));
		jset(row, "met", json_boolean(pr->met));
		jset(row, "tickets", jint((long long)pr->tickets));
		jset(row, "met_count", jint((long long)pr->met_count));
		jset(row, "breached_count", jint((long long)pr->breached_count));
		jset(row, "pending_count", jint((long long)pr->pending_count));
		add_row(x, row, pr->met);
		if (!pr->met) {
			char act[32], tgt[32], msg[512];
			struct finding fd = { 0 };

			frac_text(act, sizeof act, pr->actual);
			pct_text(tgt, sizeof tgt, pr->min_compliance);
			snprintf(msg, sizeof msg,
				 "%s %s compliance %s%% is below the %s%% target: %zu met, %zu breached, %zu pending",
				 pr->priority, name, act, tgt, pr->met_count,
				 pr->breached_count, pr->pending_count);
			fd.severity = SEV_WARNING;
			fd.check = name;
			fd.subject = pr->priority;
			fd.value = jnum(pr->actual);
			fd.threshold = jnum(slo_pct_fraction(pr->min_compliance));
			fd.message = msg;
			fd.first_seen = fd.last_seen = FINDING_NO_TIME;
			fd.count = (long)pr->breached_count;
			findings_add(x->f, &fd, x->tz);
		}
	}
	for (i = 0; i < slo_ticket_report_verdicts(rep); i++) {
		const struct slo_ticket_verdict *v = slo_ticket_report_verdict(rep, i);

		if (v->verdict == SLO_BREACHED)
			ticket_finding(x, kind, business, v);
	}
	slo_ticket_report_free(rep);
}

static int has_ticket_objective(const struct policy *pol)
{
	struct slo_ticket_objective obj;

	return policy_tickets(pol, SLO_RESPONSE, &obj) == 0 ||
	       policy_tickets(pol, SLO_RESOLUTION, &obj) == 0;
}

/* ---- the period ------------------------------------------------------- */

/* Without --period, --since and --until: the calendar month (in the --tz
 * zone) of the latest evidence start, so that an export of one month
 * with a tail of the month before is judged on its month; the current
 * month when there is no evidence.  An open end of --since or --until
 * is closed by now, an open start by the earliest evidence. */
static void resolve_period(struct cli *c, struct period *p, const struct span *sp,
			   int64_t now)
{
	struct tz *tz = cli_tz(c);

	if (p->kind == PERIOD_NONE) {
		struct civil cv;

		tz_civil(tz, sp->last == INT64_MIN ? now : sp->last, &cv);
		cv.day = 1;
		cv.hour = cv.min = cv.sec = cv.ms = 0;
		p->start = tz_instant(tz, &cv);
		cv.month++;
		p->end = tz_instant(tz, &cv);
		p->kind = PERIOD_MONTH;
		return;
	}
	if (p->end == INT64_MAX)
		p->end = now;
	if (p->start == INT64_MIN)
		p->start = sp->first;
	if (p->start == INT64_MAX || p->end <= p->start)
		cli_die(c, "the period is empty: give --period, or --since with --until");
}

int main(int argc, char **argv)
{
	struct cli c;
	struct period p;
	struct error err;
	struct ctx x;
	struct span sp = { INT64_MAX, INT64_MIN };
	struct slo_outages *o = NULL;
	struct slo_probes *pb = NULL;
	struct slo_tickets *t = NULL;
	const char *arg, *policy_path = NULL, *outages = NULL, *probes = NULL,
		*tickets = NULL;
	json_t *doc, *pol, *checks, *sum;
	int id, n, status;

	cli_init(&c, "sla-check", "--policy FILE [--outages FILE] [--probes FILE] [--tickets FILE] [options]",
		 "Check a service-level agreement: availability, response and resolution times, error budget, credits.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_FINDINGS,
		 formats, argc, argv);
	while ((id = cli_next(&c, &arg)) != 0) {
		switch (id) {
		case O_POLICY: policy_path = arg; break;
		case O_OUTAGES: outages = arg; break;
		case O_PROBES: probes = arg; break;
		case O_TICKETS: tickets = arg; break;
		default: break;
		}
	}
	{
		char **ops = cli_operands(&c, &n);

		if (n > 0) {
			cli_warn(&c, "unexpected operand \"%s\": evidence is given with --outages, --probes, --tickets", ops[0]);
			cli_usage(&c);
		}
	}
	if (!policy_path) {
		cli_warn(&c, "--policy FILE is required");
		cli_usage(&c);
	}
	if (!outages && !probes && !tickets) {
		cli_warn(&c, "no evidence: give --outages, --probes or --tickets");
		cli_usage(&c);
	}
	cli_period(&c, &p);

	error_clear(&err);
	x.pol = policy_new_file(policy_path, &err);
	if (!x.pol)
		cli_fail(&c, &err);
	if ((outages || probes) && !policy_has_availability(x.pol))
		cli_die(&c, "%s: no \"availability\" objective for --%s", policy_path,
			outages ? "outages" : "probes");
	if (tickets && !has_ticket_objective(x.pol))
		cli_die(&c, "%s: no \"response\" or \"resolution\" objective for --tickets",
			policy_path);

	x.cli = &c;
	x.tz = cli_tz(&c);
	x.now = envelope_now();
	x.met = x.breached = 0;
	doc = envelope_new("sla-check", NULL, x.tz);
	if (outages) {
		o = slo_outages_new();
		read_outages(&c, o, outages, doc, &sp);
	}
	if (probes) {
		pb = slo_probes_new();
		read_probes(&c, pb, probes, doc, &sp);
	}
	if (tickets) {
		t = slo_tickets_new();
		read_tickets(&c, t, tickets, doc, &sp);
	}
	resolve_period(&c, &p, &sp, x.now);
	envelope_set_period(doc, p.start, p.end, x.tz);
	x.start = p.start;
	x.end = p.end;

	x.f = findings_new("sla-check");
	x.rows = json_array();
	checks = json_array();
	if (!x.rows || !checks)
		cli_die(&c, "out of memory");
	if (o || pb)
		json_array_append_new(checks, jstr("availability"));
	if (o)
		eval_outages(&x, o);
	if (pb)
		eval_probes(&x, pb);
	if (t) {
		struct slo_ticket_objective obj;

		if (policy_tickets(x.pol, SLO_RESPONSE, &obj) == 0)
			json_array_append_new(checks, jstr("response"));
		if (policy_tickets(x.pol, SLO_RESOLUTION, &obj) == 0)
			json_array_append_new(checks, jstr("resolution"));
		eval_tickets(&x, t, SLO_RESPONSE);
		eval_tickets(&x, t, SLO_RESOLUTION);
	}
	findings_sort(x.f);

	sum = json_object();
	pol = json_object();
	if (!sum || !pol)
		cli_die(&c, "out of memory");
	jset(sum, "objectives", jint((long long)json_array_size(x.rows)));
	jset(sum, "met", jint((long long)x.met));
	jset(sum, "breached", jint((long long)x.breached));
	jset(sum, "findings", jint((long long)findings_count(x.f)));
	jset(doc, "summary", sum);
	jset(pol, "name", jstr(*policy_name(x.pol) ? policy_name(x.pol) : NULL));
	jset(pol, "timezone", jstr(tz_name(policy_tz(x.pol))));
	jset(doc, "policy", pol);
	jset(doc, "checks", checks);
	jset(doc, "objectives", x.rows);
	jset(doc, "findings", json_incref(findings_json(x.f)));

	status = cli_write(&c, doc, "objectives", x.f);
	json_decref(doc);
	findings_free(x.f);
	slo_outages_free(o);
	slo_probes_free(pb);
	slo_tickets_free(t);
	policy_free(x.pol);
	return cli_exit(&c, status);
}
