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

#include "base/text.h"
#include "cli.h"
#include "io/envelope.h"
#include "sla/policy.h"
#include "sla/slo.h"
#include "sla/slo_doc.h"
#include "sla/slo_period.h"
#include "sla/ticket_fold.h"
#include "base/timeparse.h"

static const char *const formats[] = {
	"csv", "tsv", "json", "ndjson", "table", "prom", "nagios", "junit", NULL
};

enum { OU_START, OU_END, OU_SERVICE, OU_PLANNED };
/* "end" may be empty (ongoing), so the reader does not require a value;
 * read_outages requires the column of a CSV or TSV file itself. */
static const struct reader_column outage_cols[] = {
	{"start", 1}, {"end", 0}, {"service", 0}, {"planned", 0}
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

static int present(const struct record *rec, size_t i)
{
	return rec->field[i] && rec->len[i] > 0;
}

/* 1 or 0 for the yes/no words of a column; -1 for anything else. */
static int flag_parse(const char *s, const char *const *yes, const char *const *no)
{
	size_t i;

	for (i = 0; yes[i]; i++)
		if (text_casecmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (text_casecmp(s, no[i]) == 0)
			return 0;
	return -1;
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

static void read_outages(struct cli *c, struct slo_outages *o, const char *path,
			 json_t *doc, struct slo_span *sp)
{
	static const char *const yes[] = { "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "0", NULL };
	struct reader *r = cli_open_as(c, "outages", path, outage_cols, NCOLS(outage_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	int64_t start, end;
	int planned;

	if ((reader_format(r) == READER_CSV || reader_format(r) == READER_TSV) &&
	    !reader_has_column(r, OU_END))
		cli_die(c, "%s: missing required column \"end\" (leave a value empty "
			"for an outage still going on)", reader_path(r));
	while (cli_read(c, r, &rec) > 0) {
		const char *const *f = rec.field;

		if (time_parse(&tp, f[OU_START], rec.len[OU_START], &start) != 0) {
			cli_reject_value(c, r, &rec, OU_START, "cannot parse");
			continue;
		}
		/* an empty end: still going on (slo_outages_add) */
		if (opt_time(&tp, &rec, OU_END, &end) != 0) {
			cli_reject_value(c, r, &rec, OU_END, "cannot parse");
			continue;
		}
		planned = present(&rec, OU_PLANNED) ? flag_parse(f[OU_PLANNED], yes, no) : 0;
		if (planned < 0) {
			cli_reject_value(c, r, &rec, OU_PLANNED, "not yes or no:");
			continue;
		}
		if (slo_outages_add(o, f[OU_SERVICE], start, end, planned) != 0) {
			cli_reject_value(c, r, &rec, OU_END, "before the start:");
			continue;
		}
		slo_span_add(sp, start);
	}
	cli_close(c, r, doc);
}

static void read_probes(struct cli *c, struct slo_probes *p, const char *path,
			json_t *doc, struct slo_span *sp)
{
	static const char *const yes[] = { "1", "up", "ok", "true", NULL };
	static const char *const no[] = { "0", "down", "fail", "false", NULL };
	struct reader *r = cli_open_as(c, "probes", path, probe_cols, NCOLS(probe_cols));
	struct timeparser tp = cli_timeparser(c);
	struct record rec;
	int64_t t;
	int up;

	while (cli_read(c, r, &rec) > 0) {
		if (time_parse(&tp, rec.field[PR_TIME], rec.len[PR_TIME], &t) != 0) {
			cli_reject_value(c, r, &rec, PR_TIME, "cannot parse");
			continue;
		}
		up = flag_parse(rec.field[PR_UP], yes, no);
		if (up < 0) {
			cli_reject_value(c, r, &rec, PR_UP, "not up or down:");
			continue;
		}
		slo_probes_add(p, rec.field[PR_CHECK], t, up);
		slo_span_add(sp, t);
	}
	cli_close(c, r, doc);
}

/* The rows of one id are one ticket: says how many were folded, on
 * standard error and in the input's row of the document. */
static void report_folded(struct cli *c, const struct ticket_fold *f,
			  const char *path, int order, json_t *doc)
{
	json_t *inputs = json_object_get(doc, "inputs");
	size_t n = ticket_fold_folded(f);

	json_object_set_new(json_array_get(inputs, json_array_size(inputs) - 1),
			    "folded", json_integer((json_int_t)n));
	if (n == 0)
		return;
	cli_warn(c, "%s: %zu row%s folded into %zu ticket%s: a repeated id is one "
		 "ticket, its %s row kept (--ticket-order)", path, n,
		 n == 1 ? "" : "s", ticket_fold_rows(f) - n,
		 ticket_fold_rows(f) - n == 1 ? "" : "s",
		 order == TICKET_FIRST ? "first" : "last");
}

static void read_tickets(struct cli *c, struct slo_tickets *t, const char *path,
			 int order, json_t *doc, struct slo_span *sp)
{
	struct reader *r = cli_open_as(c, "tickets", path, ticket_cols, NCOLS(ticket_cols));
	struct timeparser tp = cli_timeparser(c);
	struct ticket_fold *fold = ticket_fold_new((enum ticket_order)order);
	struct record rec;
	int64_t opened, resp, res;

	while (cli_read(c, r, &rec) > 0) {
		const char *const *f = rec.field;

		if (time_parse(&tp, f[TI_OPENED], rec.len[TI_OPENED], &opened) != 0) {
			cli_reject_value(c, r, &rec, TI_OPENED, "cannot parse");
			continue;
		}
		if (opt_time(&tp, &rec, TI_RESPONSE, &resp) != 0) {
			cli_reject_value(c, r, &rec, TI_RESPONSE, "cannot parse");
			continue;
		}
		if (opt_time(&tp, &rec, TI_RESOLVED, &res) != 0) {
			cli_reject_value(c, r, &rec, TI_RESOLVED, "cannot parse");
			continue;
		}
		if (ticket_fold_add(fold, f[TI_ID], f[TI_PRIORITY], opened, resp, res) != 0) {
			cli_reject_value(c, r, &rec, resp != SLO_NONE && resp < opened ?
			       TI_RESPONSE : TI_RESOLVED, "before \"opened\":");
			continue;
		}
		slo_span_add(sp, opened);
	}
	cli_close(c, r, doc);
	report_folded(c, fold, path, order, doc);
	ticket_fold_flush(fold, t);
	ticket_fold_free(fold);
}

/* The files named on the command line. */
struct args {
	const char *policy, *outages, *probes, *tickets;
	int ticket_order;	/* enum ticket_order */
	int rows;		/* index in sections */
};

/* --rows: the section written by csv, tsv, ndjson. */
static const char *const sections[] = { "objectives", "months", NULL };

/* The evidence read, and what it spans. */
struct evidence {
	struct slo_outages *outages;
	struct slo_probes *probes;
	struct slo_tickets *tickets;
	struct slo_span span;
};

static void parse_args(struct cli *c, struct args *a, int argc, char **argv)
{
	static const char *const ticket_orders[] = { "last", "first", NULL };	/* enum ticket_order */
	const struct cli_opt opts[] = {
		CLI_OPT_STRING("policy", 'P', "FILE", &a->policy, "the SLA policy (JSON): targets, credits, calendar (required)"),
		CLI_OPT_STRING("outages", 0, "FILE", &a->outages, "incidents and maintenance (start, end, service, planned): availability"),
		CLI_OPT_STRING("probes", 0, "FILE", &a->probes, "uptime check samples (time, check, up): availability per check"),
		CLI_OPT_STRING("tickets", 0, "FILE", &a->tickets, "support tickets (id, priority, opened, first_response, resolved): response and resolution"),
		CLI_OPT_CHOICE("ticket-order", "ORDER", &a->ticket_order, ticket_orders, "order", "rows with the same ticket id are one ticket: last (default: exports list updates oldest first) or first row kept"),
		CLI_OPT_CHOICE("rows", "SECTION", &a->rows, sections, "section", "rows written by csv, tsv, ndjson: objectives (default) or months (of a quarter or a year)"),
		CLI_OPT_END
	};
	char **ops;
	int n;

	cli_init(c, "sla-check", "--policy FILE [--outages FILE] [--probes FILE] [--tickets FILE] [options]",
		 "Check a service-level agreement: availability, response and resolution times, error budget, credits.",
		 opts, CLI_INPUT | CLI_PERIOD | CLI_OUTPUT | CLI_FINDINGS,
		 formats, argc, argv);
	ops = cli_parse(c, &n);
	if (n > 0) {
		cli_warn(c, "unexpected operand \"%s\": evidence is given with --outages, --probes, --tickets", ops[0]);
		cli_usage(c);
	}
	if (!a->policy) {
		cli_warn(c, "--policy FILE is required");
		cli_usage(c);
	}
	if (!a->outages && !a->probes && !a->tickets) {
		cli_warn(c, "no evidence: give --outages, --probes or --tickets");
		cli_usage(c);
	}
}

/* The policy, which must have an objective for each kind of evidence. */
static struct policy *load_policy(struct cli *c, const struct args *a)
{
	struct error err;
	struct policy *pol;

	error_clear(&err);
	pol = policy_new_file(a->policy, &err);
	if (!pol)
		cli_fail(c, &err);
	if ((a->outages || a->probes) && !policy_has_availability(pol))
		cli_die(c, "%s: no \"availability\" objective for --%s", a->policy,
			a->outages ? "outages" : "probes");
	if (a->tickets && !slo_doc_has_tickets(pol))
		cli_die(c, "%s: no \"response\" or \"resolution\" objective for --tickets",
			a->policy);
	return pol;
}

static void read_evidence(struct cli *c, const struct args *a,
			  struct evidence *ev, json_t *doc)
{
	slo_span_init(&ev->span);
	if (a->outages) {
		ev->outages = slo_outages_new();
		read_outages(c, ev->outages, a->outages, doc, &ev->span);
	}
	if (a->probes) {
		ev->probes = slo_probes_new();
		read_probes(c, ev->probes, a->probes, doc, &ev->span);
	}
	if (a->tickets) {
		ev->tickets = slo_tickets_new();
		read_tickets(c, ev->tickets, a->tickets, a->ticket_order, doc, &ev->span);
	}
}

/* Every objective the evidence allows, judged into x. */
static void judge(struct slo_doc *x, const struct policy *pol,
		  const struct evidence *ev)
{
	struct slo_ticket_objective obj;

	if (ev->outages || ev->probes)
		slo_doc_check(x, "availability");
	if (ev->outages)
		slo_doc_outages(x, ev->outages);
	if (ev->probes)
		slo_doc_probes(x, ev->probes);
	if (!ev->tickets)
		return;
	if (policy_tickets(pol, SLO_RESPONSE, &obj) == 0)
		slo_doc_check(x, "response");
	if (policy_tickets(pol, SLO_RESOLUTION, &obj) == 0)
		slo_doc_check(x, "resolution");
	slo_doc_tickets(x, ev->tickets, SLO_RESPONSE);
	slo_doc_tickets(x, ev->tickets, SLO_RESOLUTION);
}

/* The "months" section of a quarter or a year: each calendar month (in
 * the --tz zone) judged as if it were the period, its objective rows led
 * by "month"; of a running period, the months begun by now. */
static json_t *month_rows(const struct period *p, const struct policy *pol,
			  const struct evidence *ev, int64_t now, struct tz *tz)
{
	json_t *rows = json_array(), *row;
	int64_t start, end;
	size_t j;
	int i;

	for (i = 0; period_month(p, tz, i, &start, &end) == 0; i++) {
		json_t *scratch = json_object();
		struct slo_doc *x;
		struct civil c;
		char label[32];

		if (start > period_until(p->start, p->end, now)) {
			json_decref(scratch);
			break;
		}
		tz_civil(tz, start, &c);
		snprintf(label, sizeof label, "%04d-%02d", c.year, c.month);
		x = slo_doc_new(pol, start, end, now, tz);
		judge(x, pol, ev);
		slo_doc_finish(x, scratch);
		json_array_foreach(json_object_get(scratch, "objectives"), j, row) {
			json_t *out = json_object();

			json_object_set_new(out, "month", json_string(label));
			json_object_update(out, row);
			json_array_append_new(rows, out);
		}
		slo_doc_free(x);
		json_decref(scratch);
	}
	return rows;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct args a = { NULL, NULL, NULL, NULL, TICKET_LAST, 0 };
	struct evidence ev = { NULL, NULL, NULL, { 0, 0 } };
	struct period p;
	struct error err;
	struct slo_doc *x;
	struct policy *pol;
	int64_t now = envelope_now();
	json_t *doc;
	int status;

	parse_args(&c, &a, argc, argv);
	cli_period(&c, &p);
	pol = load_policy(&c, &a);
	doc = envelope_new("sla-check", NULL, cli_tz(&c));
	read_evidence(&c, &a, &ev, doc);
	error_clear(&err);
	if (slo_period_resolve(&p, &ev.span, now, cli_tz(&c), &err) != 0)
		cli_fail(&c, &err);
	envelope_set_period(doc, p.start, p.end, cli_tz(&c));
	envelope_set_until(doc, period_until(p.start, p.end, now), cli_tz(&c));

	x = slo_doc_new(pol, p.start, p.end, now, cli_tz(&c));
	judge(x, pol, &ev);
	slo_doc_finish(x, doc);
	if (p.kind == PERIOD_QUARTER || p.kind == PERIOD_YEAR)
		json_object_set_new(doc, "months", month_rows(&p, pol, &ev, now,
							      cli_tz(&c)));
	else if (a.rows == 1)
		cli_die(&c, "--rows months: needs a quarter or a year (--period 2026-Q4, 2026)");
	status = cli_write(&c, doc, sections[a.rows], slo_doc_findings(x));
	json_decref(doc);
	slo_doc_free(x);
	slo_outages_free(ev.outages);
	slo_probes_free(ev.probes);
	slo_tickets_free(ev.tickets);
	policy_free(pol);
	return cli_exit(&c, status);
}
