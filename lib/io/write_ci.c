/* write_ci: the formats for monitoring and CI systems.  nagios: one plugin
 * line (state, counts, the worst message, perfdata) and the plugin exit
 * state (writer_nagios_state); junit: one testsuite, one testcase a check,
 * a <failure> a finding at or above --fail-on.  Both read doc["findings"]. */
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

/* A perfdata label: quoted with single quotes (doubled inside) when it has
 * a space, '=' or a quote. */
static void nagios_label(struct sbuf *sb, const char *s)
{
	if (!strpbrk(s, " =\t'")) {
		sbuf_adds(sb, s);
		return;
	}
	sbuf_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sbuf_addc(sb, '\'');
		sbuf_addc(sb, *s);
	}
	sbuf_addc(sb, '\'');
}

int writer_nagios(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	static const char *const states[] = { "OK", "WARNING", "CRITICAL" };
	struct sbuf sb = { 0 };
	const json_t *worst;
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
	sbuf_printf(&sb, " | critical=%zu warning=%zu info=%zu", n[SEV_CRITICAL],
		  n[SEV_WARNING], n[SEV_INFO]);
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *sec = json_object_iter_value(it);

		if (writer_is_envelope_key(k) || !json_is_object(sec))
			continue;
		WRITER_OBJ_EACH(sec, jt) {
			const json_t *v = json_object_iter_value(jt);

			if (!writer_is_number(v))
				continue;
			sbuf_addc(&sb, ' ');
			nagios_label(&sb, json_object_iter_key(jt));
			sbuf_addc(&sb, '=');
			writer_sb_number(&sb, v);
		}
		break;
	}
	sbuf_addc(&sb, '\n');
	rc = writer_flush(&sb, fp);
	sbuf_release(&sb);
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

static int junit_fails(const json_t *f, const char *check,
		       const struct writer_spec *spec)
{
	const char *c = json_string_value(json_object_get(f, "check"));

	return c && strcmp(c, check) == 0 && writer_finding_sev(f) >= (int)spec->fail_on;
}

static void junit_failure(struct sbuf *sb, const json_t *f, struct sbuf *tmp)
{
	static const char *const fields[] = {
		"subject", "value", "threshold", "first_seen", "last_seen", "count"
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

int writer_junit(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	const json_t *arr = json_object_get(doc, "findings");
	struct writer_keys ks = { 0 };
	struct sbuf sb = { 0 }, tmp = { 0 }, name = { 0 };
	size_t i, j, failed = 0;
	int rc;

	junit_checks(doc, &ks);
	for (j = 0; j < ks.n; j++) {
		for (i = 0; i < json_array_size(arr); i++)
			if (junit_fails(json_array_get(arr, i), ks.k[j], spec))
				break;
		if (i < json_array_size(arr))
			failed++;
	}
	sbuf_adds(&name, "upkeep.");
	xml_escs(&name, writer_tool(doc, spec), 1);
	sbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	sbuf_printf(&sb, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\">\n",
		  sbuf_str(&name), ks.n, failed);
	for (j = 0; j < ks.n; j++) {
		int open = 0;

		sbuf_printf(&sb, "    <testcase classname=\"%s\" name=\"", sbuf_str(&name));
		xml_escs(&sb, ks.k[j], 1);
		sbuf_addc(&sb, '"');
		for (i = 0; i < json_array_size(arr); i++) {
			const json_t *f = json_array_get(arr, i);

			if (!junit_fails(f, ks.k[j], spec))
				continue;
			if (!open)
				sbuf_adds(&sb, ">\n");
			open = 1;
			junit_failure(&sb, f, &tmp);
		}
		sbuf_adds(&sb, open ? "    </testcase>\n" : "/>\n");
	}
	sbuf_adds(&sb, "  </testsuite>\n</testsuites>\n");
	rc = writer_flush(&sb, fp);
	free(ks.k);
	sbuf_release(&sb);
	sbuf_release(&tmp);
	sbuf_release(&name);
	return rc;
}

