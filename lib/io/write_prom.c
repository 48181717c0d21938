/* write_prom: the Prometheus text exposition format 0.0.4 (-f prom), for a
 * node_exporter textfile collector: every numeric or boolean leaf of the
 * document becomes a gauge named upkeep_<tool>_<path>; an array of objects
 * gives a gauge a numeric column with one sample a row, labelled by its
 * first text column; findings are counted by severity, inputs by path.
 *
 * The names follow Prometheus' rules, so that `promtool check metrics`
 * finds nothing to say: base units (a key ending _ms or _s gives
 * ..._seconds, its values converted; a percentage a ratio 0-1), no
 * "_count" suffix on a gauge, no type word (a section named "summary" is
 * left out of the name), a HELP and a TYPE line for each family, each
 * family once (a figure whose name another family has already, such as
 * sla-check's summary.findings beside the findings by severity, is not
 * written twice).  --label NAME=VALUE pairs (spec->labels) come first in
 * every series. */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "io/finding.h"
#include "io/writer_int.h"

struct prom {
	struct sbuf out;
	const struct writer_spec *spec;
	const char *prefix;		/* "upkeep_inspect" */
	char **names;			/* the families written (or reserved) */
	size_t nnames, cap;
};

int writer_prom_label_ok(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || (len >= 2 && name[0] == '_' && name[1] == '_'))
		return 0;
	for (i = 0; i < len; i++) {
		char c = name[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 c == '_' || (i > 0 && c >= '0' && c <= '9');
		if (!ok)
			return 0;
	}
	return 1;
}

static void prom_ident(struct sbuf *sb, const char *s)
{
	for (; *s; s++) {
		char c = *s;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_';
		sbuf_addc(sb, ok ? c : '_');
	}
}

/* HELP text: backslash and newline escaped; label values also quote. */
static void prom_escape(struct sbuf *sb, const char *s, size_t len, int label)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\')
			sbuf_adds(sb, "\\\\");
		else if (s[i] == '\n')
			sbuf_adds(sb, "\\n");
		else if (s[i] == '"' && label)
			sbuf_adds(sb, "\\\"");
		else
			sbuf_addc(sb, s[i]);
	}
}

static int prom_leaf(const json_t *v)
{
	return writer_is_number(v) || json_is_boolean(v);
}

/* ---- names ---- */

/* The metric types, which promtool wants in no name: a section of that
 * name ("summary") adds nothing to the names of its figures. */
static int prom_type_word(const char *s)
{
	static const char *const words[] = {
		"counter", "gauge", "histogram", "summary", "untyped",
		"gauge_histogram"
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* Appends "_" and the section name s, unless it is a type word. */
static void prom_section(struct sbuf *name, const char *s)
{
	if (prom_type_word(s))
		return;
	sbuf_addc(name, '_');
	prom_ident(name, s);
}

/* How a key's figures are written: the name, the divisor that brings
 * them to the base unit, and what the HELP text says of it. */
struct prom_unit {
	double div;
	const char *note;	/* NULL: the values as they are */
};

/* Keys whose names or units are not Prometheus': a percentage, counts
 * named _count (promtool keeps that suffix for histograms and summaries). */
static const struct {
	const char *key, *name;
	double div;
	const char *note;
} prom_renames[] = {
	{ "credit", "credit_ratio", 100, "as a ratio" },
	{ "met_count", "met_tickets", 1, NULL },
	{ "breached_count", "breached_tickets", 1, NULL },
	{ "pending_count", "pending_tickets", 1, NULL },
};

/* Abbreviated time units at the end of a key: ..._seconds instead. */
static const struct {
	const char *suffix;
	double div;
} prom_time_units[] = {
	{ "_ms", 1000 }, { "_us", 1e6 }, { "_ns", 1e9 }, { "_s", 1 },
	{ "_sec", 1 },
};

/* Appends "_" and the name of key to name; returns its unit. */
static struct prom_unit prom_key(struct sbuf *name, const char *key)
{
	struct prom_unit u = { 1, NULL };
	size_t i, n = strlen(key);

	sbuf_addc(name, '_');
	for (i = 0; i < sizeof prom_renames / sizeof *prom_renames; i++) {
		if (strcmp(key, prom_renames[i].key) == 0) {
			sbuf_adds(name, prom_renames[i].name);
			u.div = prom_renames[i].div;
			u.note = prom_renames[i].note;
			return u;
		}
	}
	for (i = 0; i < sizeof prom_time_units / sizeof *prom_time_units; i++) {
		size_t sl = strlen(prom_time_units[i].suffix);

		if (n > sl && strcmp(key + n - sl, prom_time_units[i].suffix) == 0) {
			char *base = xmemdup(key, n - sl);

			prom_ident(name, base);
			free(base);
			sbuf_adds(name, "_seconds");
			u.div = prom_time_units[i].div;
			u.note = "in seconds";
			return u;
		}
	}
	prom_ident(name, key);
	return u;
}

static int prom_taken(const struct prom *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nnames; i++)
		if (strcmp(p->names[i], name) == 0)
			return 1;
	return 0;
}

static void prom_take(struct prom *p, const char *name)
{
	p->names = vec_reserve(p->names, &p->cap, p->nnames + 1, sizeof *p->names);
	p->names[p->nnames++] = xstrdup(name);
}

/* Starts the family name (its HELP text help, and note): 0, or -1 when
 * another family has the name already (the family is then not written). */
static int prom_head(struct prom *p, const char *name, const char *help,
		     const char *note)
{
	if (prom_taken(p, name))
		return -1;
	prom_take(p, name);
	sbuf_printf(&p->out, "# HELP %s ", name);
	prom_escape(&p->out, help, strlen(help), 0);
	if (note)
		sbuf_printf(&p->out, ", %s", note);
	sbuf_printf(&p->out, "\n# TYPE %s gauge\n", name);
	return 0;
}

/* ---- samples ---- */

static void prom_label(struct sbuf *sb, const char *name, size_t nlen,
		       const char *value, size_t vlen)
{
	if (*name >= '0' && *name <= '9')
		sbuf_addc(sb, '_');
	{
		char *n = xmemdup(name, nlen);

		prom_ident(sb, n);
		free(n);
	}
	sbuf_adds(sb, "=\"");
	prom_escape(sb, value, vlen, 1);
	sbuf_addc(sb, '"');
}

/* One sample: name{--label pairs, ln[i]="lv[i]"...} v/div. */
static void prom_sample(struct prom *p, const char *name,
			const char *const *ln, const char *const *lv, size_t nl,
			const json_t *v, double div)
{
	const struct writer_spec *spec = p->spec;
	struct sbuf *sb = &p->out;
	size_t i, j, n = 0;

	sbuf_adds(sb, name);
	for (i = 0; i < spec->nlabels; i++) {
		const char *l = spec->labels[i], *eq = strchr(l, '=');
		size_t len = eq ? (size_t)(eq - l) : strlen(l);

		sbuf_addc(sb, n++ ? ',' : '{');
		prom_label(sb, l, len, eq ? eq + 1 : "", eq ? strlen(eq + 1) : 0);
	}
	for (j = 0; j < nl; j++) {
		sbuf_addc(sb, n++ ? ',' : '{');
		prom_label(sb, ln[j], strlen(ln[j]), lv[j] ? lv[j] : "",
			   lv[j] ? strlen(lv[j]) : 0);
	}
	if (n)
		sbuf_addc(sb, '}');
	sbuf_addc(sb, ' ');
	if (json_is_boolean(v)) {
		sbuf_addc(sb, json_is_true(v) ? '1' : '0');
	} else if (div == 1) {
		writer_sb_number(sb, v);
	} else {
		char buf[64];

		writer_number(json_number_value(v) / div, buf, sizeof buf);
		sbuf_adds(sb, buf);
	}
	sbuf_addc(sb, '\n');
}

/* ---- the document's parts ---- */

/* Cuts sb back to len bytes. */
static void prom_cut(struct sbuf *sb, size_t len)
{
	sb->len = len;
	if (sb->p)
		sb->p[len] = '\0';
}

/* Every numeric or boolean leaf of obj (nested objects flattened with '_'),
 * name and path holding the metric name and the document path so far. */
static void prom_object(struct prom *p, struct sbuf *name, struct sbuf *path,
			const json_t *obj)
{
	size_t nlen = name->len, plen = path->len;

	WRITER_OBJ_EACH(obj, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);
		struct prom_unit u = { 1, NULL };

		if (!prom_leaf(v) && !json_is_object(v))
			continue;
		prom_cut(name, nlen);
		prom_cut(path, plen);
		if (plen)
			sbuf_addc(path, '.');
		sbuf_adds(path, k);
		if (json_is_object(v)) {
			prom_section(name, k);
			prom_object(p, name, path, v);
			continue;
		}
		u = prom_key(name, k);
		if (prom_head(p, sbuf_str(name), sbuf_str(path), u.note) == 0)
			prom_sample(p, sbuf_str(name), NULL, NULL, 0, v, u.div);
	}
	prom_cut(name, nlen);
	prom_cut(path, plen);
}

/* The label of a table's rows: its first column that holds text (but the
 * message and the id), and "scope" beside it when there is one. */
static size_t prom_row_labels(const struct writer_keys *ks, const json_t *rows,
			      const char *ln[2])
{
	size_t i, j, n = 0;

	for (j = 0; j < ks->n && !n; j++) {
		if (strcmp(ks->k[j], "message") == 0 || strcmp(ks->k[j], "id") == 0)
			continue;
		for (i = 0; i < json_array_size(rows) && !n; i++)
			if (json_is_string(json_object_get(json_array_get(rows, i),
							   ks->k[j])))
				ln[n++] = ks->k[j];
	}
	if (n && strcmp(ln[0], "scope") != 0)
		for (j = 0; j < ks->n; j++)
			if (strcmp(ks->k[j], "scope") == 0)
				ln[n++] = "scope";
	return n;
}

static void prom_rows(struct prom *p, const char *section, const json_t *rows)
{
	struct writer_keys ks = { 0 };
	struct sbuf name = { 0 }, help = { 0 };
	const char *ln[2];
	size_t i, j, nl;

	writer_keys_collect(&ks, rows);
	nl = prom_row_labels(&ks, rows, ln);
	for (j = 0; j < ks.n; j++) {
		struct prom_unit u;
		int any = 0;

		for (i = 0; i < json_array_size(rows); i++)
			if (prom_leaf(json_object_get(json_array_get(rows, i),
						      ks.k[j])))
				any = 1;
		if (!any)
			continue;
		sbuf_reset(&name);
		sbuf_adds(&name, p->prefix);
		prom_section(&name, section);
		u = prom_key(&name, ks.k[j]);
		sbuf_reset(&help);
		sbuf_printf(&help, "%s[].%s", section, ks.k[j]);
		if (prom_head(p, sbuf_str(&name), sbuf_str(&help), u.note) != 0)
			continue;
		for (i = 0; i < json_array_size(rows); i++) {
			const json_t *row = json_array_get(rows, i);
			const json_t *v = json_object_get(row, ks.k[j]);
			const char *lv[2];
			size_t l;

			if (!prom_leaf(v))
				continue;
			for (l = 0; l < nl; l++)
				lv[l] = json_string_value(json_object_get(row, ln[l]));
			prom_sample(p, sbuf_str(&name), ln, lv, nl, v, u.div);
		}
	}
	free(ks.k);
	sbuf_release(&name);
	sbuf_release(&help);
}

static void prom_findings(struct prom *p, const json_t *arr)
{
	static const char *const ln[] = { "severity" };
	size_t n[4] = { 0 }, i;
	struct sbuf name = { 0 };
	int s;

	for (i = 0; i < json_array_size(arr); i++)
		n[writer_finding_sev(json_array_get(arr, i))]++;
	sbuf_printf(&name, "%s_findings", p->prefix);
	sbuf_printf(&p->out, "# HELP %s findings by severity\n", sbuf_str(&name));
	sbuf_printf(&p->out, "# TYPE %s gauge\n", sbuf_str(&name));
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--) {
		const char *lv[] = { severity_name((enum severity)s) };
		json_t *v = json_integer((json_int_t)n[s]);

		prom_sample(p, sbuf_str(&name), ln, lv, 1, v, 1);
		json_decref(v);
	}
	sbuf_release(&name);
}

static void prom_inputs(struct prom *p, const json_t *arr)
{
	static const char *const fields[] = { "rows", "rejected" };
	static const char *const ln[] = { "path" };
	struct sbuf name = { 0 };
	size_t f, i;

	for (f = 0; f < 2; f++) {
		sbuf_reset(&name);
		sbuf_printf(&name, "%s_input_%s", p->prefix, fields[f]);
		sbuf_printf(&p->out, "# HELP %s %s of each input\n",
			    sbuf_str(&name), fields[f]);
		sbuf_printf(&p->out, "# TYPE %s gauge\n", sbuf_str(&name));
		for (i = 0; i < json_array_size(arr); i++) {
			const json_t *in = json_array_get(arr, i);
			const json_t *v = json_object_get(in, fields[f]);

			if (writer_is_number(v)) {
				const char *lv[] = {
					json_string_value(json_object_get(in, "path"))
				};

				prom_sample(p, sbuf_str(&name), ln, lv, 1, v, 1);
			}
		}
	}
	sbuf_release(&name);
}

/* A --label name that is one of the labels the writer gives some series
 * of doc (severity, path, a table's row labels), else NULL. */
static const char *prom_clash(const struct writer_spec *spec, const json_t *doc)
{
	const char *own[64];
	size_t n = 0, i, j;

	if (json_is_array(json_object_get(doc, "findings")))
		own[n++] = "severity";
	if (json_is_array(json_object_get(doc, "inputs")))
		own[n++] = "path";
	WRITER_OBJ_EACH(doc, it) {
		const json_t *v = json_object_iter_value(it);
		struct writer_keys ks = { 0 };

		if (writer_is_envelope_key(json_object_iter_key(it)) ||
		    !writer_is_row_array(v) || n + 2 > sizeof own / sizeof *own)
			continue;
		writer_keys_collect(&ks, v);
		n += prom_row_labels(&ks, v, own + n);
		free(ks.k);
	}
	for (i = 0; i < spec->nlabels; i++) {
		const char *l = spec->labels[i], *eq = strchr(l, '=');
		size_t len = eq ? (size_t)(eq - l) : strlen(l);

		for (j = 0; j < n; j++)
			if (strlen(own[j]) == len && strncmp(own[j], l, len) == 0)
				return own[j];
	}
	return NULL;
}

/* The families the document's findings and inputs give, reserved before
 * the sections are written so that they win a clash of names. */
static void prom_reserve(struct prom *p, const json_t *doc)
{
	struct sbuf name = { 0 };

	if (json_is_array(json_object_get(doc, "findings"))) {
		sbuf_printf(&name, "%s_findings", p->prefix);
		prom_take(p, sbuf_str(&name));
	}
	if (json_is_array(json_object_get(doc, "inputs"))) {
		sbuf_reset(&name);
		sbuf_printf(&name, "%s_input_rows", p->prefix);
		prom_take(p, sbuf_str(&name));
		sbuf_reset(&name);
		sbuf_printf(&name, "%s_input_rejected", p->prefix);
		prom_take(p, sbuf_str(&name));
	}
	sbuf_release(&name);
}

int writer_prom(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		struct error *err)
{
	struct sbuf prefix = { 0 }, name = { 0 }, path = { 0 };
	struct prom p = { .spec = spec };
	const char *clash = prom_clash(spec, doc);
	size_t i;
	int rc = 0;

	if (clash) {
		error_set(err, NULL, 0, "--label %s: the output has a label of that name already",
			  clash);
		return -1;
	}
	sbuf_adds(&prefix, "upkeep_");
	prom_ident(&prefix, writer_tool(doc, spec));
	p.prefix = sbuf_str(&prefix);
	prom_reserve(&p, doc);
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);

		if (writer_is_envelope_key(k))
			continue;
		sbuf_reset(&name);
		sbuf_adds(&name, p.prefix);
		sbuf_reset(&path);
		if (strcmp(k, "findings") == 0 && json_is_array(v)) {
			prom_findings(&p, v);
		} else if (strcmp(k, "inputs") == 0 && json_is_array(v)) {
			prom_inputs(&p, v);
		} else if (json_is_object(v)) {
			prom_section(&name, k);
			sbuf_adds(&path, k);
			prom_object(&p, &name, &path, v);
		} else if (writer_is_row_array(v)) {
			prom_rows(&p, k, v);
		} else if (prom_leaf(v)) {
			struct prom_unit u = prom_key(&name, k);

			if (prom_head(&p, sbuf_str(&name), k, u.note) == 0)
				prom_sample(&p, sbuf_str(&name), NULL, NULL, 0, v, u.div);
		}
		if ((rc = writer_flush(&p.out, fp)) != 0)
			break;
	}
	for (i = 0; i < p.nnames; i++)
		free(p.names[i]);
	free(p.names);
	sbuf_release(&p.out);
	sbuf_release(&prefix);
	sbuf_release(&name);
	sbuf_release(&path);
	return rc;
}
