/* write_table: the aligned text table for people (-f table): the tool and
 * period, then one block a section, arrays of objects as columns sized by
 * display width (utf8_width), long cells cut with "…", severities in colour
 * when asked.  A section's cells are rendered first (struct tcell: text and
 * width), then padded to the widest of their column. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "io/writer_int.h"

/* Longest text cell in a table, in display columns (with the "…"). */
#define TABLE_MAX_CELL 60

/* Bytes of the character at s[i], never past len.  The document's text is
 * valid UTF-8 (jansson checks every string and key), so this is a whole
 * character. */
static size_t table_char(const char *s, size_t i, size_t len)
{
	size_t n = utf8_seqlen((unsigned char)s[i]);

	return n > len - i ? len - i : n;
}

/* A control character (C0, DEL, or C1 encoded as C2 80..9F): it would move
 * the cursor or start an escape sequence in a terminal. */
static int u8_is_control(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if (n == 1)
		return c < 0x20 || c == 0x7f;
	return n == 2 && c == 0xc2 && (unsigned char)s[1] < 0xa0;
}

/* Appends s with control characters as spaces, cut to max display columns
 * (the last one a "…").  Returns the display width written. */
static size_t table_text(struct sbuf *out, const char *s, size_t len, size_t max)
{
	size_t i, n, total = 0, width = 0;

	for (i = 0; i < len; i += n) {
		n = table_char(s, i, len);
		total += u8_is_control(s + i, n) ? 1 : utf8_width(s + i, n);
	}
	for (i = 0; i < len; i += n) {
		size_t w;

		n = table_char(s, i, len);
		w = u8_is_control(s + i, n) ? 1 : utf8_width(s + i, n);
		if (total > max && width + w > max - 1) {
			sbuf_adds(out, "\xe2\x80\xa6");
			return width + 1;
		}
		if (u8_is_control(s + i, n))
			sbuf_addc(out, ' ');
		else
			sbuf_add(out, s + i, n);
		width += w;
	}
	return width;
}

struct tcell {
	char *s;
	size_t width;
};

/* Tables are read by people: reals keep five significant digits (and
 * every digit of their integer part), 0.009646302251 shows as 0.0096463. */
static double table_round(double v)
{
	double scale;

	if (v == 0 || !isfinite(v) || fabs(v) >= 1e15)
		return v;
	scale = pow(10, 4 - floor(log10(fabs(v))));
	if (scale < 1)
		scale = 1;
	return round(v * scale) / scale;
}

static void tcell_make(struct tcell *c, const json_t *v, struct sbuf *tmp)
{
	struct sbuf out = { 0 };

	sbuf_reset(tmp);
	if (json_is_real(v)) {
		char buf[64];

		writer_number(table_round(json_real_value(v)), buf, sizeof buf);
		sbuf_adds(tmp, buf);
	} else {
		writer_cell_text(tmp, v, ", ", "-");
	}
	c->width = table_text(&out, sbuf_str(tmp), tmp->len, TABLE_MAX_CELL);
	c->s = out.p ? out.p : xstrdup("");
}

static const char *sev_color(const char *s)
{
	if (strcmp(s, "critical") == 0)
		return "\033[1;31m";
	if (strcmp(s, "warning") == 0)
		return "\033[33m";
	if (strcmp(s, "info") == 0)
		return "\033[36m";
	return NULL;
}

/* One aligned cell; the last left-aligned cell of a line is not padded. */
static void table_cell(struct sbuf *sb, const char *s, size_t w, size_t colw,
		       int right, int last, const char *color)
{
	if (right)
		sbuf_pad(sb, colw - w);
	if (color)
		sbuf_adds(sb, color);
	sbuf_adds(sb, s);
	if (color)
		sbuf_adds(sb, "\033[0m");
	if (!right && !last)
		sbuf_pad(sb, colw - w);
}

static void table_rows(struct sbuf *sb, const json_t *rows, int color)
{
	struct writer_keys ks = { 0 };
	struct sbuf tmp = { 0 };
	struct tcell *cells, *heads;
	size_t *colw, nrows = json_array_size(rows), ncells, i, j;
	int *right;

	writer_keys_collect(&ks, rows);
	ncells = nrows * ks.n;
	heads = xcalloc(ks.n, sizeof *heads);
	colw = xcalloc(ks.n, sizeof *colw);
	right = xcalloc(ks.n, sizeof *right);
	cells = xcalloc(ncells ? ncells : 1, sizeof *cells);
	for (j = 0; j < ks.n; j++) {
		int numbers = 0, other = 0;

		sbuf_reset(&tmp);
		heads[j].width = table_text(&tmp, ks.k[j], strlen(ks.k[j]),
					    TABLE_MAX_CELL);
		heads[j].s = xstrdup(sbuf_str(&tmp));
		colw[j] = heads[j].width;
		for (i = 0; i < nrows; i++) {
			const json_t *v = json_object_get(json_array_get(rows, i),
							  ks.k[j]);
			struct tcell *c = &cells[i * ks.n + j];

			if (v && writer_is_number(v))
				numbers++;
			else if (v && !json_is_null(v))
				other++;
			tcell_make(c, v ? v : json_null(), &tmp);
			if (c->width > colw[j])
				colw[j] = c->width;
		}
		right[j] = numbers > 0 && other == 0;
	}
	sbuf_adds(sb, "  ");
	for (j = 0; j < ks.n; j++) {
		if (j)
			sbuf_adds(sb, "  ");
		table_cell(sb, heads[j].s, heads[j].width, colw[j], right[j],
			   j + 1 == ks.n, NULL);
	}
	sbuf_adds(sb, "\n  ");
	for (j = 0; j < ks.n; j++) {
		size_t k;

		if (j)
			sbuf_adds(sb, "  ");
		for (k = 0; k < colw[j]; k++)
			sbuf_addc(sb, '-');
	}
	sbuf_addc(sb, '\n');
	for (i = 0; i < nrows; i++) {
		sbuf_adds(sb, "  ");
		for (j = 0; j < ks.n; j++) {
			const struct tcell *c = &cells[i * ks.n + j];
			const char *col = color && strcmp(ks.k[j], "severity") == 0
				? sev_color(c->s) : NULL;

			if (j)
				sbuf_adds(sb, "  ");
			table_cell(sb, c->s, c->width, colw[j], right[j],
				   j + 1 == ks.n, col);
		}
		sbuf_addc(sb, '\n');
	}
	for (i = 0; i < ncells; i++)
		free(cells[i].s);
	for (j = 0; j < ks.n; j++)
		free(heads[j].s);
	free(cells);
	free(heads);
	free(colw);
	free(right);
	free(ks.k);
	sbuf_release(&tmp);
}

static void table_object(struct sbuf *sb, const json_t *obj)
{
	struct sbuf tmp = { 0 };
	size_t keyw = 0, w;

	WRITER_OBJ_EACH(obj, it) {
		const char *k = json_object_iter_key(it);

		sbuf_reset(&tmp);
		w = table_text(&tmp, k, strlen(k), TABLE_MAX_CELL);
		if (w > keyw)
			keyw = w;
	}
	WRITER_OBJ_EACH(obj, it) {
		const char *k = json_object_iter_key(it);
		struct tcell c;

		sbuf_adds(sb, "  ");
		w = table_text(sb, k, strlen(k), TABLE_MAX_CELL);
		sbuf_pad(sb, keyw - w + 2);
		tcell_make(&c, json_object_iter_value(it), &tmp);
		sbuf_adds(sb, c.s);
		sbuf_addc(sb, '\n');
		free(c.s);
	}
	sbuf_release(&tmp);
}

static void table_section(struct sbuf *sb, const char *name, const json_t *v,
			  int color)
{
	struct sbuf tmp = { 0 };
	struct tcell c;

	table_text(sb, name, strlen(name), TABLE_MAX_CELL);
	if (!json_is_object(v) && !json_is_array(v)) {
		tcell_make(&c, v, &tmp);
		sbuf_adds(sb, "  ");
		sbuf_adds(sb, c.s);
		sbuf_addc(sb, '\n');
		free(c.s);
	} else if (json_is_object(v)) {
		sbuf_addc(sb, '\n');
		if (json_object_size(v) == 0)
			sbuf_adds(sb, "  (none)\n");
		else
			table_object(sb, v);
	} else if (json_array_size(v) == 0) {
		sbuf_adds(sb, "\n  (none)\n");
	} else if (writer_is_row_array(v)) {
		sbuf_addc(sb, '\n');
		table_rows(sb, v, color);
	} else {
		sbuf_adds(sb, "\n  ");
		writer_cell_text(&tmp, v, ", ", "-");
		table_text(sb, sbuf_str(&tmp), tmp.len, SIZE_MAX);
		sbuf_addc(sb, '\n');
	}
	sbuf_release(&tmp);
}

int writer_table(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	struct sbuf sb = { 0 };
	const json_t *period = json_object_get(doc, "period");
	const json_t *start = json_object_get(period, "start");
	const json_t *end = json_object_get(period, "end");
	const json_t *until = json_object_get(period, "until");
	const char *tool = writer_tool(doc, spec);
	int rc = 0;

	table_text(&sb, tool, strlen(tool), SIZE_MAX);
	if (json_is_string(start) || json_is_string(end)) {
		const char *s = json_is_string(start) ? json_string_value(start) : "-";
		const char *e = json_is_string(end) ? json_string_value(end) : "-";

		sbuf_adds(&sb, "  ");
		table_text(&sb, s, strlen(s), SIZE_MAX);
		sbuf_adds(&sb, " .. ");
		table_text(&sb, e, strlen(e), SIZE_MAX);
		if (json_is_string(until) && json_is_string(end) &&
		    strcmp(json_string_value(until), e) != 0) {
			const char *u = json_string_value(until);
			/* a period still running: judged up to now */
			sbuf_adds(&sb, " (to date: ");
			table_text(&sb, u, strlen(u), SIZE_MAX);
			sbuf_addc(&sb, ')');
		}
	}
	sbuf_addc(&sb, '\n');
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);

		if (writer_is_envelope_key(k) || strcmp(k, "inputs") == 0)
			continue;
		sbuf_addc(&sb, '\n');
		table_section(&sb, k, json_object_iter_value(it), spec->color);
		if ((rc = writer_flush(&sb, fp)) != 0)
			break;
	}
	if (rc == 0 && json_object_get(doc, "inputs")) {
		sbuf_addc(&sb, '\n');
		table_section(&sb, "inputs", json_object_get(doc, "inputs"),
			      spec->color);
	}
	if (rc == 0)
		rc = writer_flush(&sb, fp);
	sbuf_release(&sb);
	return rc;
}

