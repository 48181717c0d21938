/* write_prom: the Prometheus text exposition format 0.0.4 (-f prom), for a
 * node_exporter textfile collector: every numeric or boolean leaf of the
 * document becomes a gauge named upkeep_<tool>_<path>; an array of objects
 * gives a gauge a numeric column with one sample a row, labelled by its
 * first text column; findings are counted by severity, inputs by path. */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "io/finding.h"
#include "io/writer_int.h"

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
static void prom_escape(struct sbuf *sb, const char *s, int label)
{
	for (; *s; s++) {
		if (*s == '\\')
			sbuf_adds(sb, "\\\\");
		else if (*s == '\n')
			sbuf_adds(sb, "\\n");
		else if (*s == '"' && label)
			sbuf_adds(sb, "\\\"");
		else
			sbuf_addc(sb, *s);
	}
}

static void prom_value(struct sbuf *sb, const json_t *v)
{
	if (json_is_boolean(v))
		sbuf_addc(sb, json_is_true(v) ? '1' : '0');
	else
		writer_sb_number(sb, v);
	sbuf_addc(sb, '\n');
}

static int prom_leaf(const json_t *v)
{
	return writer_is_number(v) || json_is_boolean(v);
}

/* Writes the "# HELP" and "# TYPE" lines of metric name. */
static void prom_head(struct sbuf *sb, const char *name, const char *help)
{
	sbuf_printf(sb, "# HELP %s ", name);
	prom_escape(sb, help, 0);
	sbuf_printf(sb, "\n# TYPE %s gauge\n", name);
}

static void prom_label(struct sbuf *sb, const char *name, const char *value)
{
	if (*name >= '0' && *name <= '9')
		sbuf_addc(sb, '_');
	prom_ident(sb, name);
	sbuf_adds(sb, "=\"");
	prom_escape(sb, value, 1);
	sbuf_addc(sb, '"');
}

/* Every numeric or boolean leaf of obj (nested objects flattened with '_'),
 * name and path holding the metric name and the document path so far. */
static void prom_object(struct sbuf *sb, struct sbuf *name, struct sbuf *path,
			const json_t *obj)
{
	size_t nlen = name->len, plen = path->len;

	WRITER_OBJ_EACH(obj, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);

		if (!prom_leaf(v) && !json_is_object(v))
			continue;
		name->len = nlen;
		path->len = plen;
		sbuf_addc(name, '_');
		prom_ident(name, k);
		sbuf_addc(path, '.');
		sbuf_adds(path, k);
		if (json_is_object(v)) {
			prom_object(sb, name, path, v);
			continue;
		}
		prom_head(sb, sbuf_str(name), sbuf_str(path));
		sbuf_adds(sb, sbuf_str(name));
		sbuf_addc(sb, ' ');
		prom_value(sb, v);
	}
	name->len = nlen;
	path->len = plen;
	if (name->p)
		name->p[nlen] = '\0';
	if (path->p)
		path->p[plen] = '\0';
}

static void prom_rows(struct sbuf *sb, const char *prefix, const char *section,
		      const json_t *rows)
{
	struct writer_keys ks = { 0 };
	struct sbuf name = { 0 };
	const char *label = NULL;
	int scope = 0;
	size_t i, j;

	writer_keys_collect(&ks, rows);
	for (j = 0; j < ks.n && !label; j++) {
		if (strcmp(ks.k[j], "message") == 0 || strcmp(ks.k[j], "id") == 0)
			continue;
		for (i = 0; i < json_array_size(rows); i++)
			if (json_is_string(json_object_get(json_array_get(rows, i),
							   ks.k[j])))
				label = ks.k[j];
	}
	if (label && strcmp(label, "scope") != 0) {
		for (j = 0; j < ks.n; j++)
			if (strcmp(ks.k[j], "scope") == 0)
				scope = 1;
	}
	for (j = 0; j < ks.n; j++) {
		int any = 0;

		for (i = 0; i < json_array_size(rows); i++)
			if (prom_leaf(json_object_get(json_array_get(rows, i),
						      ks.k[j])))
				any = 1;
		if (!any)
			continue;
		sbuf_reset(&name);
		sbuf_adds(&name, prefix);
		prom_ident(&name, section);
		sbuf_addc(&name, '_');
		prom_ident(&name, ks.k[j]);
		{
			struct sbuf help = { 0 };

			sbuf_printf(&help, "%s[].%s", section, ks.k[j]);
			prom_head(sb, sbuf_str(&name), sbuf_str(&help));
			sbuf_release(&help);
		}
		for (i = 0; i < json_array_size(rows); i++) {
			const json_t *row = json_array_get(rows, i);
			const json_t *v = json_object_get(row, ks.k[j]);

			if (!prom_leaf(v))
				continue;
			sbuf_adds(sb, sbuf_str(&name));
			if (label) {
				const char *lv = json_string_value(json_object_get(row, label));
				sbuf_addc(sb, '{');
				prom_label(sb, label, lv ? lv : "");
				if (scope) {
					lv = json_string_value(json_object_get(row, "scope"));
					sbuf_addc(sb, ',');
					prom_label(sb, "scope", lv ? lv : "");
				}
				sbuf_addc(sb, '}');
			}
			sbuf_addc(sb, ' ');
			prom_value(sb, v);
		}
	}
	free(ks.k);
	sbuf_release(&name);
}

static void prom_findings(struct sbuf *sb, const char *prefix, const json_t *arr)
{
	size_t n[4] = { 0 }, i;
	int s;

	for (i = 0; i < json_array_size(arr); i++)
		n[writer_finding_sev(json_array_get(arr, i))]++;
	sbuf_printf(sb, "# HELP %sfindings findings by severity\n", prefix);
	sbuf_printf(sb, "# TYPE %sfindings gauge\n", prefix);
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--)
		sbuf_printf(sb, "%sfindings{severity=\"%s\"} %zu\n", prefix,
			  severity_name((enum severity)s), n[s]);
}

static void prom_inputs(struct sbuf *sb, const char *prefix, const json_t *arr)
{
	static const char *const fields[] = { "rows", "rejected" };
	size_t f, i;

	for (f = 0; f < 2; f++) {
		sbuf_printf(sb, "# HELP %sinput_%s %s of each input\n", prefix,
			  fields[f], fields[f]);
		sbuf_printf(sb, "# TYPE %sinput_%s gauge\n", prefix, fields[f]);
		for (i = 0; i < json_array_size(arr); i++) {
			const json_t *in = json_array_get(arr, i);
			const json_t *v = json_object_get(in, fields[f]);
			const char *path = json_string_value(json_object_get(in, "path"));

			if (!writer_is_number(v))
				continue;
			sbuf_printf(sb, "%sinput_%s{", prefix, fields[f]);
			prom_label(sb, "path", path ? path : "");
			sbuf_adds(sb, "} ");
			prom_value(sb, v);
		}
	}
}

int writer_prom(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	struct sbuf sb = { 0 }, prefix = { 0 }, name = { 0 }, path = { 0 };
	int rc = 0;

	sbuf_adds(&prefix, "upkeep_");
	prom_ident(&prefix, writer_tool(doc, spec));
	sbuf_addc(&prefix, '_');
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);

		if (writer_is_envelope_key(k))
			continue;
		if (strcmp(k, "findings") == 0 && json_is_array(v)) {
			prom_findings(&sb, sbuf_str(&prefix), v);
		} else if (strcmp(k, "inputs") == 0 && json_is_array(v)) {
			prom_inputs(&sb, sbuf_str(&prefix), v);
		} else if (json_is_object(v)) {
			sbuf_reset(&name);
			sbuf_adds(&name, sbuf_str(&prefix));
			prom_ident(&name, k);
			sbuf_reset(&path);
			sbuf_adds(&path, k);
			prom_object(&sb, &name, &path, v);
		} else if (writer_is_row_array(v)) {
			prom_rows(&sb, sbuf_str(&prefix), k, v);
		} else if (prom_leaf(v)) {
			sbuf_reset(&name);
			sbuf_adds(&name, sbuf_str(&prefix));
			prom_ident(&name, k);
			prom_head(&sb, sbuf_str(&name), k);
			sbuf_adds(&sb, sbuf_str(&name));
			sbuf_addc(&sb, ' ');
			prom_value(&sb, v);
		}
		if ((rc = writer_flush(&sb, fp)) != 0)
			break;
	}
	sbuf_release(&sb);
	sbuf_release(&prefix);
	sbuf_release(&name);
	sbuf_release(&path);
	return rc;
}

