/* write_ci: the formats for monitoring and CI systems.  nagios: one plugin
 * line (state, counts, the worst message, perfdata with units and the
 * thresholds in force) and the plugin exit state (writer_nagios_state);
 * junit: the Ant/Surefire shape that Jenkins' xunit plugin (junit-10.xsd)
 * and GitLab read, one testcase a finding at or above --fail-on, a
 * passing one a check without.  Both read doc["findings"]. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "io/finding.h"
#include "io/writer_int.h"

/* Counts findings by severity (n[1..3]) and finds the first finding of the
 * worst severity present. */
static int findings_tally(const json_t *doc, size_t n[4], const json_t **worst)
{
	const json_t *arr = json_object_get(doc, "findings");
	size_t i;
	int w = 0;

	n[0] = n[1] = n[2] = n[3] = 0;
	if (worst)
		*worst = NULL;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *f = json_array_get(arr, i);
		int s = writer_finding_sev(f);

		n[s]++;
		if (s > w) {
			w = s;
			if (worst)
				*worst = f;
		}
	}
	return w;
}

int writer_nagios_state(const json_t *doc)
{
	size_t n[4];
	int w = findings_tally(doc, n, NULL);

	return w == SEV_CRITICAL ? 2 : w == SEV_WARNING ? 1 : 0;
}

/* ---- Nagios perfdata ----
 * 'label'=value[UOM];[warn];[crit];[min];[max] (the Monitoring Plugins
 * guidelines): the label always quoted, a quote doubled; numbers in
 * [-0-9.] (no exponent); warn and crit in the range format, "N" for
 * "alert above N", "N:" for "alert below N". */

/* A number the way perfdata wants it: at most 10 significant digits, no
 * exponent. */
static void perf_number(struct sbuf *sb, double v)
{
	char buf[64];

	writer_number(v, buf, sizeof buf);
	if (strchr(buf, 'e')) {
		size_t n;

		snprintf(buf, sizeof buf, fabs(v) >= 1 ? "%.0f" : "%.12f", v);
		n = strlen(buf);
		while (n > 1 && strchr(buf, '.') && (buf[n - 1] == '0' || buf[n - 1] == '.'))
			buf[--n] = '\0';
	}
	sbuf_adds(sb, buf);
}

/* How one figure is written: uom "", "%", "ms", "s"; warn, crit: the
 * range texts, or ""; min, max: NAN when they do not apply. */
struct perf {
	const char *uom;
	struct sbuf warn, crit;
	double min, max;
};

/* One figure; its label is the words w[0..2] that are not NULL, joined
 * with spaces ("availability", scope, NULL). */
static void perf_item(struct sbuf *sb, const char *const w[3], double v,
		      struct perf *pf)
{
	int i, first = 1;

	sbuf_adds(sb, " '");
	for (i = 0; i < 3; i++) {
		const char *s = w[i];

		if (!s)
			continue;
		if (!first)
			sbuf_addc(sb, ' ');
		first = 0;
		for (; *s; s++) {
			if (*s == '\'')
				sbuf_addc(sb, '\'');
			sbuf_addc(sb, (unsigned char)*s < 0x20 || *s == '|' ? '_' : *s);
		}
	}
	sbuf_adds(sb, "'=");
	perf_number(sb, v);
	sbuf_printf(sb, "%s;%s;%s;", pf->uom, sbuf_str(&pf->warn), sbuf_str(&pf->crit));
	if (!isnan(pf->min))
		perf_number(sb, pf->min);
	sbuf_addc(sb, ';');
	if (!isnan(pf->max))
		perf_number(sb, pf->max);
	/* trailing empty fields may be left out */
	while (sb->len && sb->p[sb->len - 1] == ';')
		sb->p[--sb->len] = '\0';
}

static void perf_reset(struct perf *pf, const char *uom, double min, double max)
{
	pf->uom = uom;
	sbuf_reset(&pf->warn);
	sbuf_reset(&pf->crit);
	pf->min = min;
	pf->max = max;
}

/* A range: "N" (alert above N) or "N:" (alert below N). */
static void perf_range(struct sbuf *r, double n, int below)
{
	perf_number(r, n);
	if (below)
		sbuf_addc(r, ':');
}

/* The unit of a figure of the first section by its key: ..._ms in ms,
 * ..._s in s, error_rate and ..._ratio, ..._share in % (the value times
 * 100); *len is the length of the label (the key without the unit). */
static double perf_unit(const char *key, size_t *len, const char **uom)
{
	size_t n = strlen(key);

	*len = n;
	*uom = "";
	if (n > 3 && strcmp(key + n - 3, "_ms") == 0) {
		*len = n - 3;
		*uom = "ms";
	} else if (n > 2 && strcmp(key + n - 2, "_s") == 0) {
		*len = n - 2;
		*uom = "s";
	} else if (strcmp(key, "error_rate") == 0 ||
		   (n > 6 && strcmp(key + n - 6, "_ratio") == 0) ||
		   (n > 6 && strcmp(key + n - 6, "_share") == 0)) {
		*uom = "%";
		return 100;
	}
	return 1;
}

/* The figures of the first section (inspect's and sla-check's summary),
 * with the thresholds the command gave (spec->limits). */
static void perf_section(struct sbuf *sb, const json_t *sec,
			 const struct writer_spec *spec, struct perf *pf)
{
	WRITER_OBJ_EACH(sec, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);
		const char *uom;
		size_t len, i;
		double scale, x;
		char *label;

		if (!writer_is_number(v))
			continue;
		scale = perf_unit(k, &len, &uom);
		x = json_number_value(v) * scale;
		perf_reset(pf, uom, x >= 0 ? 0 : NAN, *uom == '%' ? 100 : NAN);
		for (i = 0; i < spec->nlimits; i++) {
			const struct writer_limit *l = &spec->limits[i];

			if (strcmp(l->key, k) != 0)
				continue;
			if (!isnan(l->warn))
				perf_range(&pf->warn, l->warn * scale, 0);
			if (!isnan(l->crit))
				perf_range(&pf->crit, l->crit * scale, 0);
		}
		label = xmemdup(k, len);
		perf_item(sb, (const char *const[3]){ label, NULL, NULL }, x, pf);
		free(label);
	}
}

static int perf_get(const json_t *row, const char *key, double *x)
{
	const json_t *v = json_object_get(row, key);

	if (!writer_is_number(v))
		return 0;
	*x = json_number_value(v);
	return 1;
}

/* sla-check's objectives: availability (%, below the target CRITICAL),
 * downtime against the allowed downtime, the error budget left (below 0
 * CRITICAL) and its burn rate (above 1 CRITICAL), the longest run down of
 * probes; response and resolution compliance (%, below the target
 * WARNING) and the tickets breached. */
static void perf_objectives(struct sbuf *sb, const json_t *rows, struct perf *pf)
{
	size_t i;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		const char *obj = json_string_value(json_object_get(row, "objective"));
		const char *scope = json_string_value(json_object_get(row, "scope"));
		int avail = obj && strcmp(obj, "availability") == 0;
		double x, t, a;

		if (!obj || !scope)
			continue;
		if (perf_get(row, "actual", &x)) {
			perf_reset(pf, "%", 0, 100);
			if (perf_get(row, "target", &t))
				perf_range(avail ? &pf->crit : &pf->warn, t * 100, 1);
			perf_item(sb, (const char *const[3]){ obj, scope, NULL },
				  x * 100, pf);
		}
		if (perf_get(row, "downtime_s", &x)) {
			perf_reset(pf, "s", 0, NAN);
			if (perf_get(row, "allowed_downtime_s", &a))
				perf_range(&pf->crit, a, 0);
			perf_item(sb, (const char *const[3]){ "downtime", scope, NULL },
				  x, pf);
		}
		if (perf_get(row, "budget_remaining_s", &x)) {
			perf_reset(pf, "s", NAN, NAN);
			perf_range(&pf->crit, 0, 1);
			perf_item(sb, (const char *const[3]){ "budget_remaining", scope, NULL },
				  x, pf);
		}
		if (perf_get(row, "burn_rate", &x)) {
			perf_reset(pf, "", 0, NAN);
			perf_range(&pf->crit, 1, 0);
			perf_item(sb, (const char *const[3]){ "burn_rate", scope, NULL },
				  x, pf);
		}
		if (perf_get(row, "longest_down_s", &x)) {
			perf_reset(pf, "s", 0, NAN);
			perf_item(sb, (const char *const[3]){ "longest_down", scope, NULL },
				  x, pf);
		}
		if (perf_get(row, "breached_count", &x)) {
			perf_reset(pf, "", 0, NAN);
			perf_item(sb, (const char *const[3]){ obj, scope, "breached" },
				  x, pf);
		}
	}
}

int writer_nagios(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	static const char *const states[] = { "OK", "WARNING", "CRITICAL" };
	struct sbuf sb = { 0 };
	struct perf pf = { 0 };
	const json_t *worst, *rows;
	const char *tool = writer_tool(doc, spec), *msg;
	size_t n[4];
	int w = findings_tally(doc, n, &worst), rc;

	sbuf_adds(&sb, "UPKEEP ");
	for (; *tool; tool++) {
		char c = *tool;
		sbuf_addc(&sb, c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
	}
	sbuf_printf(&sb, " %s - %zu critical, %zu warning, %zu info",
		  states[writer_nagios_state(doc)], n[SEV_CRITICAL],
		  n[SEV_WARNING], n[SEV_INFO]);
	msg = json_string_value(json_object_get(worst, "message"));
	if (w >= SEV_WARNING && msg && *msg) {
		sbuf_adds(&sb, "; ");
		/* '|' starts the perfdata and a newline the long output */
		for (; *msg; msg++)
			sbuf_addc(&sb, *msg == '|' ? '/' :
				(unsigned char)*msg < 0x20 ? ' ' : *msg);
	}
	/* the counts: any critical finding is CRITICAL, a warning WARNING */
	sbuf_adds(&sb, " |");
	perf_reset(&pf, "", 0, NAN);
	perf_range(&pf.crit, 0, 0);
	perf_item(&sb, (const char *const[3]){ "critical", NULL, NULL },
		  (double)n[SEV_CRITICAL], &pf);
	perf_reset(&pf, "", 0, NAN);
	perf_range(&pf.warn, 0, 0);
	perf_item(&sb, (const char *const[3]){ "warning", NULL, NULL },
		  (double)n[SEV_WARNING], &pf);
	perf_reset(&pf, "", 0, NAN);
	perf_item(&sb, (const char *const[3]){ "info", NULL, NULL },
		  (double)n[SEV_INFO], &pf);
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *sec = json_object_iter_value(it);

		if (writer_is_envelope_key(k) || !json_is_object(sec))
			continue;
		perf_section(&sb, sec, spec, &pf);
		break;
	}
	rows = json_object_get(doc, "objectives");
	if (writer_is_row_array(rows))
		perf_objectives(&sb, rows, &pf);
	sbuf_addc(&sb, '\n');
	rc = writer_flush(&sb, fp);
	sbuf_release(&sb);
	sbuf_release(&pf.warn);
	sbuf_release(&pf.crit);
	return rc;
}

/* ---- JUnit XML ---- */

/* XML 1.0 text: the five special characters escaped, characters XML does
 * not allow (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) dropped;
 * in an attribute tab, LF and CR as references so they survive. */
static void xml_escape(struct sbuf *sb, const char *s, size_t len, int attr)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': sbuf_adds(sb, "&amp;"); break;
		case '<': sbuf_adds(sb, "&lt;"); break;
		case '>': sbuf_adds(sb, "&gt;"); break;
		case '"': sbuf_adds(sb, "&quot;"); break;
		case '\'': sbuf_adds(sb, "&apos;"); break;
		case '\t': case '\n': case '\r':
			if (attr)
				sbuf_printf(sb, "&#%d;", c);
			else
				sbuf_addc(sb, (char)c);
			break;
		default:
			if (c < 0x20)
				break;
			if (c == 0xef && i + 2 < len &&
			    (unsigned char)s[i + 1] == 0xbf &&
			    ((unsigned char)s[i + 2] & 0xfe) == 0xbe) {
				i += 2;
				break;
			}
			sbuf_addc(sb, (char)c);
		}
	}
}

static void xml_escs(struct sbuf *sb, const char *s, int attr)
{
	xml_escape(sb, s, strlen(s), attr);
}

/* The test cases: doc["checks"] when present, then any other check of the
 * findings, in order of first appearance.  Strings borrowed. */
static void junit_checks(const json_t *doc, struct writer_keys *ks)
{
	const json_t *checks = json_object_get(doc, "checks");
	const json_t *arr = json_object_get(doc, "findings");
	size_t i, j, n = json_array_size(checks) + json_array_size(arr);

	for (i = 0; i < n; i++) {
		const char *c = i < json_array_size(checks)
			? json_string_value(json_array_get(checks, i))
			: json_string_value(json_object_get(
				json_array_get(arr, i - json_array_size(checks)),
				"check"));

		if (!c)
			continue;
		for (j = 0; j < ks->n && strcmp(ks->k[j], c) != 0; j++)
			;
		if (j == ks->n) {
			ks->k = vec_reserve(ks->k, &ks->cap, ks->n + 1, sizeof *ks->k);
			ks->k[ks->n++] = c;
		}
	}
}

/* A failure: a finding of check at or above --fail-on. */
static int junit_fails(const json_t *f, const char *check,
		       const struct writer_spec *spec)
{
	const char *c = json_string_value(json_object_get(f, "check"));

	return c && strcmp(c, check) == 0 && writer_finding_sev(f) >= (int)spec->fail_on;
}

/* The <failure> of finding f: its severity as type, its message, and its
 * other fields one a line as the text. */
static void junit_failure(struct sbuf *sb, const json_t *f, struct sbuf *tmp)
{
	static const char *const fields[] = {
		"subject", "value", "threshold", "id", "first_seen", "last_seen",
		"count"
	};
	const char *sev = json_string_value(json_object_get(f, "severity"));
	const char *msg = json_string_value(json_object_get(f, "message"));
	size_t i;
	int first = 1;

	sbuf_adds(sb, "      <failure type=\"");
	xml_escs(sb, sev ? sev : "", 1);
	sbuf_adds(sb, "\" message=\"");
	xml_escs(sb, msg ? msg : "", 1);
	sbuf_adds(sb, "\">");
	for (i = 0; i < sizeof fields / sizeof *fields; i++) {
		const json_t *v = json_object_get(f, fields[i]);

		if (!v || json_is_null(v))
			continue;
		sbuf_reset(tmp);
		writer_cell_text(tmp, v, ";", "");
		sbuf_printf(sb, "%s%s: ", first ? "" : "\n", fields[i]);
		xml_escape(sb, sbuf_str(tmp), tmp->len, 0);
		first = 0;
	}
	sbuf_adds(sb, "</failure>\n");
}

/* The test case's name for a finding: its subject, else its id, else the
 * check. */
static const char *junit_name(const json_t *f, const char *check)
{
	const char *s = json_string_value(json_object_get(f, "subject"));

	if (!s || !*s)
		s = json_string_value(json_object_get(f, "id"));
	return s && *s ? s : check;
}

/* The Ant form of the document's "generated" time (always UTC, with Z):
 * "2026-09-21T14:13:20", or "" when it has another form. */
static void junit_timestamp(const json_t *doc, char out[20])
{
	const char *g = json_string_value(json_object_get(doc, "generated"));
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	out[0] = '\0';
	if (!g || strlen(g) != sizeof form - 1)
		return;
	for (i = 0; i < sizeof form - 1; i++)
		if (form[i] == 'd' ? !(g[i] >= '0' && g[i] <= '9') : g[i] != form[i])
			return;
	memcpy(out, g, 19);
	out[19] = '\0';
}

/* The findings below --fail-on: no test fails for them, but they are
 * listed in the suite's <system-out>, one a line. */
static void junit_below(struct sbuf *sb, const json_t *arr,
			const struct writer_spec *spec)
{
	size_t i;
	int any = 0;

	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *f = json_array_get(arr, i);
		const char *sev = json_string_value(json_object_get(f, "severity"));
		const char *check = json_string_value(json_object_get(f, "check"));
		const char *msg = json_string_value(json_object_get(f, "message"));

		if (writer_finding_sev(f) >= (int)spec->fail_on)
			continue;
		if (!any)
			sbuf_printf(sb, "    <system-out>findings below --fail-on %s:\n",
				    severity_name(spec->fail_on));
		any = 1;
		xml_escs(sb, sev ? sev : "", 0);
		sbuf_addc(sb, ' ');
		xml_escs(sb, check ? check : "", 0);
		sbuf_addc(sb, ' ');
		xml_escs(sb, junit_name(f, check ? check : ""), 0);
		sbuf_adds(sb, ": ");
		xml_escs(sb, msg ? msg : "", 0);
		sbuf_addc(sb, '\n');
	}
	if (any)
		sbuf_adds(sb, "</system-out>\n");
}

/* One suite (the command), one test case a finding at or above --fail-on
 * (classname the check, name the subject) holding its one <failure>, and
 * one passing test case (name the check) for each check with none.  No
 * test errs or is skipped, and none is timed: time 0. */
int writer_junit(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	const json_t *arr = json_object_get(doc, "findings");
	struct writer_keys ks = { 0 };
	struct sbuf sb = { 0 }, tmp = { 0 }, name = { 0 };
	size_t i, j, tests = 0, failed = 0;
	char ts[20];
	int rc;

	junit_checks(doc, &ks);
	for (j = 0; j < ks.n; j++) {
		size_t nf = 0;

		for (i = 0; i < json_array_size(arr); i++)
			if (junit_fails(json_array_get(arr, i), ks.k[j], spec))
				nf++;
		failed += nf;
		tests += nf ? nf : 1;
	}
	junit_timestamp(doc, ts);
	sbuf_adds(&name, "upkeep.");
	xml_escs(&name, writer_tool(doc, spec), 1);
	sbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_printf(&sb, "<testsuites name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"0\">\n",
		    sbuf_str(&name), tests, failed);
	sbuf_printf(&sb, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\"",
		    sbuf_str(&name), tests, failed);
	if (ts[0])
		sbuf_printf(&sb, " timestamp=\"%s\"", ts);
	sbuf_adds(&sb, ">\n");
	for (j = 0; j < ks.n; j++) {
		int any = 0;

		for (i = 0; i < json_array_size(arr); i++) {
			const json_t *f = json_array_get(arr, i);

			if (!junit_fails(f, ks.k[j], spec))
				continue;
			any = 1;
			sbuf_adds(&sb, "    <testcase classname=\"");
			xml_escs(&sb, ks.k[j], 1);
			sbuf_adds(&sb, "\" name=\"");
			xml_escs(&sb, junit_name(f, ks.k[j]), 1);
			sbuf_adds(&sb, "\" time=\"0\">\n");
			junit_failure(&sb, f, &tmp);
			sbuf_adds(&sb, "    </testcase>\n");
		}
		if (!any) {
			sbuf_adds(&sb, "    <testcase classname=\"");
			xml_escs(&sb, ks.k[j], 1);
			sbuf_adds(&sb, "\" name=\"");
			xml_escs(&sb, ks.k[j], 1);
			sbuf_adds(&sb, "\" time=\"0\"/>\n");
		}
	}
	junit_below(&sb, arr, spec);
	sbuf_adds(&sb, "  </testsuite>\n</testsuites>\n");
	rc = writer_flush(&sb, fp);
	free(ks.k);
	sbuf_release(&sb);
	sbuf_release(&tmp);
	sbuf_release(&name);
	return rc;
}
