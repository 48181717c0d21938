/* slo_doc: sla-check's result document from the SLO arithmetic of
 * slo.c: one row per objective (every key present, null where it does not
 * apply, so CSV columns never move) and a finding, worded for people, per
 * breached objective and per ticket that missed its target. */
#include "sla/slo_doc.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/envelope.h"
#include "io/jbuild.h"
#include "base/timeparse.h"
#include "base/xalloc.h"

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
	for (i = days ? 0 : 1; i < sizeof units / sizeof units[0]; i++) {
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

/* A percent of a finding's data as its message writes it (pct_text,
 * frac_text): the number of that text. */
static json_t *jpct(const char *text)
{
	return jnum(strtod(text, NULL));
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
	json_t *row = jobject();
	size_t i;

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

struct slo_doc {
	const struct policy *pol;
	struct findings *f;
	json_t *rows, *checks;
	struct tz *tz;
	int64_t start, end, now;
	size_t met, breached;
};

static void add_row(struct slo_doc *x, json_t *row, int met)
{
	jappend(x->rows, row);
	if (met)
		x->met++;
	else
		x->breached++;
}

/* The finding of a breached availability objective, or of one with an
 * outage still going on (a warning while the budget holds). */
static void availability_finding(struct slo_doc *x, const struct slo_availability *a)
{
	char act[32], tgt[32], down[64], allowed[64], cr[32];
	char ongoing[128], msg[640], since[64];
	struct finding fd = { 0 };
	json_t *data = jobject();

	frac_text(act, sizeof act, a->actual);
	pct_text(tgt, sizeof tgt, a->target);
	dur_text(down, sizeof down, a->downtime_ms, 1);
	dur_text(allowed, sizeof allowed, a->allowed_ms, 1);
	pct_text(cr, sizeof cr, a->credit);
	ongoing[0] = '\0';
	if (a->ongoing_since != SLO_NONE) {
		time_format(a->ongoing_since, x->tz, since, sizeof since);
		snprintf(ongoing, sizeof ongoing, "; an outage is ongoing since %s", since);
	}
	if (a->met)
		snprintf(msg, sizeof msg,
			 "%s availability %s%% still meets the %s%% target: %s down so far, %s allowed%s",
			 a->scope, act, tgt, down, allowed, ongoing);
	else
		snprintf(msg, sizeof msg,
			 "%s availability %s%% is below the %s%% target: %s down, %s allowed%s%s%s%s",
			 a->scope, act, tgt, down, allowed,
			 a->credit ? "; a " : "", a->credit ? cr : "",
			 a->credit ? "% service credit is due" : "", ongoing);
	jset(data, "met", json_boolean(a->met));
	jset(data, "actual_pct", jpct(act));
	jset(data, "target_pct", jpct(tgt));
	jset(data, "downtime_s", jsec(a->downtime_ms));
	jset(data, "allowed_s", jsec(a->allowed_ms));
	jset(data, "credit_pct", jpct(cr));
	jset(data, "ongoing_since", a->ongoing_since != SLO_NONE ? jstr(since) : json_null());
	fd.data = data;
	fd.severity = a->met ? SEV_WARNING : SEV_CRITICAL;
	fd.check = "availability";
	fd.subject = a->scope;
	fd.value = jnum(a->actual);
	fd.threshold = jnum(slo_pct_fraction(a->target));
	fd.message = msg;
	fd.first_seen = a->ongoing_since != SLO_NONE ? a->ongoing_since : FINDING_NO_TIME;
	fd.last_seen = FINDING_NO_TIME;
	fd.count = -1;
	findings_add(x->f, &fd, x->tz);
}

void slo_doc_outages(struct slo_doc *x, struct slo_outages *o)
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
		if (!a.met || a.ongoing_since != SLO_NONE)
			availability_finding(x, &a);
	}
}

void slo_doc_probes(struct slo_doc *x, struct slo_probes *p)
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
			fd.data = jobject();
			jset(fd.data, "actual_pct", jpct(act));
			jset(fd.data, "target_pct", jpct(tgt));
			jset(fd.data, "down", jint((long long)(pr.samples - pr.up)));
			jset(fd.data, "samples", jint((long long)pr.samples));
			jset(fd.data, "longest_down_s", jsec(pr.longest_down_ms));
			jset(fd.data, "credit_pct", jpct(cr));
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

/* Which time a target counts: `business hours, calendar "support"`,
 * `wall-clock time, calendar "24x7"`. */
static void clock_text(char *buf, size_t size, const struct slo_target *t)
{
	snprintf(buf, size, "%s, calendar \"%s\"",
		 t->calendar ? "business hours" : "wall-clock time", t->calendar_name);
}

/* A finding for one ticket that missed its target. */
static void ticket_finding(struct slo_doc *x, enum slo_kind kind,
			   const struct slo_ticket_verdict *v)
{
	const char *check = kind == SLO_RESPONSE ? "response" : "resolution";
	int business = v->target->calendar != NULL;
	char el[64], tgt[64], clock[160], msg[512];
	struct finding fd = { 0 };

	dur_text(el, sizeof el, v->elapsed_ms, !business);
	dur_text(tgt, sizeof tgt, v->target_ms, !business);
	clock_text(clock, sizeof clock, v->target);
	if (v->done != SLO_NONE)
		snprintf(msg, sizeof msg, "%s ticket %s %s after %s (target %s, %s)",
			 v->priority, v->id, kind == SLO_RESPONSE ?
			 "got its first response" : "was resolved", el, tgt, clock);
	else
		snprintf(msg, sizeof msg,
			 "%s ticket %s has no %s %s after opening (target %s, %s)",
			 v->priority, v->id, kind == SLO_RESPONSE ?
			 "first response" : "resolution", el, tgt, clock);
	fd.data = jobject();
	jset(fd.data, "priority", jstr(v->priority));
	jset(fd.data, "done", json_boolean(v->done != SLO_NONE));
	jset(fd.data, "elapsed_s", jsec(v->elapsed_ms));
	jset(fd.data, "target_s", jsec(v->target_ms));
	jset(fd.data, "business", json_boolean(business));
	jset(fd.data, "calendar", jstr(v->target->calendar_name));
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

void slo_doc_tickets(struct slo_doc *x, const struct slo_tickets *t,
			 enum slo_kind kind)
{
	const char *name = kind == SLO_RESPONSE ? "response" : "resolution";
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
			fd.data = jobject();
			jset(fd.data, "actual_pct", jpct(act));
			jset(fd.data, "target_pct", jpct(tgt));
			jset(fd.data, "met_count", jint((long long)pr->met_count));
			jset(fd.data, "breached_count", jint((long long)pr->breached_count));
			jset(fd.data, "pending_count", jint((long long)pr->pending_count));
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
			ticket_finding(x, kind, v);
	}
	slo_ticket_report_free(rep);
}

int slo_doc_has_tickets(const struct policy *pol)
{
	struct slo_ticket_objective obj;

	return policy_tickets(pol, SLO_RESPONSE, &obj) == 0 ||
	       policy_tickets(pol, SLO_RESOLUTION, &obj) == 0;
}

struct slo_doc *slo_doc_new(const struct policy *pol, int64_t start,
			    int64_t end, int64_t now, struct tz *tz)
{
	struct slo_doc *x = xcalloc(1, sizeof *x);

	x->pol = pol;
	x->f = findings_new("sla-check");
	x->rows = jarray();
	x->checks = jarray();
	x->tz = tz;
	x->start = start;
	x->end = end;
	x->now = now;
	return x;
}

void slo_doc_check(struct slo_doc *x, const char *name)
{
	jappend(x->checks, jstr(name));
}

const struct findings *slo_doc_findings(const struct slo_doc *x)
{
	return x->f;
}

void slo_doc_finish(struct slo_doc *x, json_t *doc)
{
	json_t *sum = jobject(), *pol = jobject();
	const char *name = policy_name(x->pol);

	findings_sort(x->f);
	jset(sum, "objectives", jint((long long)json_array_size(x->rows)));
	jset(sum, "met", jint((long long)x->met));
	jset(sum, "breached", jint((long long)x->breached));
	jset(sum, "findings", jint((long long)findings_count(x->f)));
	jset(doc, "summary", sum);
	jset(pol, "name", jstr(*name ? name : NULL));
	jset(pol, "timezone", jstr(tz_name(policy_tz(x->pol))));
	jset(doc, "policy", pol);
	jset(doc, "checks", json_incref(x->checks));
	jset(doc, "objectives", json_incref(x->rows));
	jset(doc, "findings", json_incref(findings_json(x->f)));
}

void slo_doc_free(struct slo_doc *x)
{
	if (!x)
		return;
	findings_free(x->f);
	json_decref(x->rows);
	json_decref(x->checks);
	free(x);
}
