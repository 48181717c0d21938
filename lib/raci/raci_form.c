/* raci_form: the matrix as rows for output -- who holds which letter of
 * an activity, a role's duties, the wide and long tables (JSON rows that
 * the writer turns into CSV, JSON, ...), their CSV-safe copy, and the
 * Markdown and HTML tables. */
#include "raci/raci.h"
#include "raci/raci_int.h"

#include <stdlib.h>
#include <string.h>

#include "io/jbuild.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/xalloc.h"

/* One row of who or duties: the letter of bit, and key: names. */
static json_t *letter_row(unsigned bit, const char *key, json_t *names)
{
	json_t *o = jobject();
	char l[8];

	jset(o, "letter", jstr(raci_code_text(bit, l)));
	jset(o, key, names);
	return o;
}

json_t *raci_who(const struct raci *m, size_t act)
{
	json_t *rows = jarray();
	struct cell *tmp = NULL;
	const struct cell *c = NULL;
	unsigned bit;
	size_t k, n = 0;

	if (act < m->nacts) {
		c = raci_cells_sorted(&m->acts[act], &tmp);
		n = m->acts[act].ncells;
	}
	for (bit = 1; bit <= RACI_I; bit <<= 1) {
		json_t *names = jarray();
		for (k = 0; k < n; k++)
			if (c[k].letters & bit)
				jappend(names, jstr(m->roles[c[k].role]));
		jappend(rows, letter_row(bit, "roles", names));
	}
	free(tmp);
	return rows;
}

json_t *raci_duties(const struct raci *m, size_t role)
{
	json_t *rows = jarray();
	unsigned bit;
	size_t i;

	for (bit = 1; bit <= RACI_I; bit <<= 1) {
		json_t *names = jarray();
		for (i = 0; i < m->nacts; i++)
			if (raci_letters(m, i, role) & bit)
				jappend(names, jstr(m->acts[i].name));
		jappend(rows, letter_row(bit, "activities", names));
	}
	return rows;
}

/* The checks of an activity as its column holds them, ";" between. */
static char *checks_text(const struct activity *a)
{
	struct sbuf b = { 0 };
	size_t i;

	for (i = 0; i < a->nchecks; i++) {
		if (i)
			sbuf_adds(&b, ";");
		sbuf_adds(&b, a->checks[i]);
	}
	return sbuf_take(&b);
}

/* The text of a cell (NULL: none) as the forms write it. */
static json_t *cell_json(const struct cell *c)
{
	char code[8];

	if (c && c->raw) {
		/* the text as written, after the letters that came from other
		   codes of the same pair (long form) */
		unsigned l = c->letters & ~raci_parse_cell(c->raw, strlen(c->raw), NULL);
		struct sbuf b = { 0 };
		json_t *j;
		if (l) {
			sbuf_adds(&b, raci_code_text(l, code));
			sbuf_adds(&b, "/");
		}
		sbuf_adds(&b, c->raw);
		j = jstr(b.p);
		free(b.p);
		return j;
	}
	return jstr(raci_code_text(c ? c->letters : 0, code));
}

json_t *raci_rows(const struct raci *m, int long_form)
{
	json_t *rows = jarray(), *o;
	struct cell *tmp;
	const struct cell *c;
	size_t i, r, k;
	int first;

	for (i = 0; i < m->nacts; i++) {
		const struct activity *a = &m->acts[i];
		char *checks = checks_text(a);
		if (!long_form) {
			o = jobject();
			jset(o, "activity", jstr(a->name));
			for (r = 0; r < m->nroles; r++)
				jset(o, m->roles[r], cell_json(raci_cell(m, i, r)));
			if (m->has_checks)
				jset(o, "checks", jstr(checks));
			jappend(rows, o);
			free(checks);
			continue;
		}
		first = 1;
		c = raci_cells_sorted(a, &tmp);
		for (k = 0; k < a->ncells; k++) {
			if (!c[k].letters && !c[k].raw)
				continue;
			r = c[k].role;
			o = jobject();
			jset(o, "activity", jstr(a->name));
			jset(o, "role", jstr(m->roles[r]));
			jset(o, "code", cell_json(&c[k]));
			if (m->has_checks)
				jset(o, "checks", jstr(first ? checks : ""));
			jappend(rows, o);
			first = 0;
		}
		free(tmp);
		if (first) {
			o = jobject();
			jset(o, "activity", jstr(a->name));
			jset(o, "role", jstr(""));
			jset(o, "code", jstr(""));
			if (m->has_checks)
				jset(o, "checks", jstr(checks));
			jappend(rows, o);
		}
		free(checks);
	}
	return rows;
}

/* Appends one cell of text s (NULL: empty), escaped by base/text's
 * escapers, the project's one Markdown and one HTML escaping. */
static void cell_out(struct sbuf *b, const char *s, enum raci_markup how,
		     int head)
{
	char *e = how == RACI_MD ? text_md_escape(s) : text_html_escape(s);

	if (how == RACI_MD) {
		sbuf_adds(b, "| ");
		sbuf_adds(b, e);
		sbuf_adds(b, " ");
	} else {
		sbuf_adds(b, head ? "<th>" : "<td>");
		sbuf_adds(b, e);
		sbuf_adds(b, head ? "</th>" : "</td>");
	}
	free(e);
}

/* The columns are the keys of the first row, in its order. */
char *raci_render(const json_t *rows, enum raci_markup how)
{
	struct sbuf b = { 0 };
	json_t *first = json_array_get(rows, 0);
	size_t i, n = first ? json_object_size(first) : 0;

	if (!first)
		return xstrdup("");
	if (how == RACI_HTML)
		sbuf_adds(&b, "<table>\n<thead>\n<tr>");
	for (void *it = json_object_iter(first); it; it = json_object_iter_next(first, it))
		cell_out(&b, json_object_iter_key(it), how, 1);
	if (how == RACI_MD) {
		sbuf_adds(&b, "|\n");
		for (i = 0; i < n; i++)
			sbuf_adds(&b, "|---");
		sbuf_adds(&b, "|\n");
	} else {
		sbuf_adds(&b, "</tr>\n</thead>\n<tbody>\n");
	}
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		if (how == RACI_HTML)
			sbuf_adds(&b, "<tr>");
		for (void *it = json_object_iter(first); it; it = json_object_iter_next(first, it))
			cell_out(&b, json_string_value(json_object_get(row, json_object_iter_key(it))),
				 how, 0);
		sbuf_adds(&b, how == RACI_MD ? "|\n" : "</tr>\n");
	}
	if (how == RACI_HTML)
		sbuf_adds(&b, "</tbody>\n</table>\n");
	return sbuf_take(&b);
}

