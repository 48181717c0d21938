/* write_table: the aligned text table for people (-f table): the tool and
 * period, then one block a section, arrays of objects as columns sized by
 * display width (utf8_width), long cells cut with "…", severities in colour
 * when asked.  A section's cells are rendered first (struct tcell: text and
 * width), then padded to the widest of their column.
 *
 * Tables fit the terminal (table_width: $COLUMNS, else the width of the
 * terminal fp is, else no limit): a table too wide narrows its message
 * column first, then its other text columns, the widest first, each to a
 * floor; numbers keep their width.  When even that is too wide, each row
 * is written as a block of "name  value" lines (as psql's expanded
 * display), long values wrapped.  Every line is finally cut to the width
 * (table_clip), so none is ever wider. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "io/writer_int.h"

/* Longest text cell in a table, in display columns (with the "…"). */
#define TABLE_MAX_CELL 60
/* A table too wide for the terminal narrows its "message" column down to
 * this first, then its other text columns down to TABLE_MIN_TEXT (or their
 * header's width, when wider). */
#define TABLE_MIN_MESSAGE 24
#define TABLE_MIN_TEXT 10

/* The width tables fit, in display columns: $COLUMNS when it is a whole
 * number from 1 up; else, when fp is a terminal, its width (TIOCGWINSZ);
 * else 0, no limit. */
static size_t table_width(FILE *fp)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	int fd = fileno(fp);

	if (env && *env) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(env, &end, 10);
		if (errno == 0 && *end == '\0' && env[0] >= '0' && env[0] <= '9' &&
		    v > 0 && v <= 100000)
			return (size_t)v;
	}
	if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

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

/* Length of the colour sequence ESC [ ... m at s, else 0: it takes no
 * column.  (Control characters of the data are spaces by now, so every
 * escape here is one of sev_color's.) */
static size_t table_escape(const char *s, size_t len)
{
	size_t i = 2;

	if (len < 3 || s[0] != '\033' || s[1] != '[')
		return 0;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'))
		i++;
	return i < len && s[i] == 'm' ? i + 1 : 0;
}

/* Cuts each line of sb from byte `from` on to `width` display columns, the
 * last of a cut line a "…" (a colour left open is closed). */
static void table_clip(struct sbuf *sb, size_t from, size_t width)
{
	struct sbuf out = { 0 };
	const char *s;
	size_t len, i = 0;

	if (!width || from >= sb->len)
		return;
	s = sb->p + from;
	len = sb->len - from;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, j, n, total = 0, w = 0;
		int open = 0;

		for (j = i; j < end; j += n) {
			if ((n = table_escape(s + j, end - j)) == 0) {
				n = table_char(s, j, end);
				total += utf8_width(s + j, n);
			}
		}
		for (j = i; j < end; j += n) {
			size_t e = table_escape(s + j, end - j), cw;

			if (e) {
				n = e;
				open = strncmp(s + j, "\033[0m", e) != 0;
				sbuf_add(&out, s + j, n);
				continue;
			}
			n = table_char(s, j, end);
			cw = utf8_width(s + j, n);
			if (total > width && w + cw > width - 1) {
				sbuf_adds(&out, "\xe2\x80\xa6");
				if (open)
					sbuf_adds(&out, "\033[0m");
				break;
			}
			sbuf_add(&out, s + j, n);
			w += cw;
		}
		if (nl)
			sbuf_addc(&out, '\n');
		i = end + (nl != NULL);
	}
	sb->len = from;
	sb->p[from] = '\0';
	sbuf_add(sb, sbuf_str(&out), out.len);
	sbuf_release(&out);
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

/* The cell of v, cut to max display columns (SIZE_MAX: whole). */
static void tcell_make(struct tcell *c, const json_t *v, struct sbuf *tmp,
		       size_t max)
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
	c->width = table_text(&out, sbuf_str(tmp), tmp->len, max);
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

static size_t table_total(const size_t *colw, size_t n)
{
	size_t t = 2, j;

	for (j = 0; j < n; j++)
		t += colw[j] + (j ? 2 : 0);
	return t;
}

/* Narrows the columns (colw) of a table too wide for width: first the
 * "message" column down to TABLE_MIN_MESSAGE, then the other text columns,
 * the widest first (the rightmost of equals), down to TABLE_MIN_TEXT;
 * never a column of numbers (right-aligned), nor one below its header.
 * Returns 1 when the table then fits, else 0. */
static int table_fit(const struct writer_keys *ks, const struct tcell *heads,
		     size_t *colw, const int *right, size_t width)
{
	size_t n = ks->n, j;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		while (table_total(colw, n) > width) {
			size_t best = n;

			for (j = 0; j < n; j++) {
				size_t floor = pass == 0 ? TABLE_MIN_MESSAGE : TABLE_MIN_TEXT;

				if (right[j] || (strcmp(ks->k[j], "message") == 0) != (pass == 0))
					continue;
				if (floor < heads[j].width)
					floor = heads[j].width;
				if (colw[j] > floor && (best == n || colw[j] >= colw[best]))
					best = j;
			}
			if (best == n)
				break;
			colw[best]--;
		}
	}
	return table_total(colw, n) <= width;
}

/* c cut to at most w display columns. */
static void tcell_cut(struct tcell *c, size_t w, struct sbuf *tmp)
{
	if (c->width <= w)
		return;
	sbuf_reset(tmp);
	c->width = table_text(tmp, c->s, strlen(c->s), w);
	free(c->s);
	c->s = xstrdup(sbuf_str(tmp));
}

/* s broken at spaces into lines of at most avail display columns (0: one
 * line), a word longer than a line broken where the line ends; each line
 * after the first begins with indent spaces.  No final newline. */
static void table_wrap(struct sbuf *sb, const char *s, size_t len, size_t avail,
		       size_t indent)
{
	size_t i = 0, linew = 0;
	int first = 1;

	for (;;) {
		const char *sp = memchr(s + i, ' ', len - i);
		size_t end = sp ? (size_t)(sp - s) : len;
		size_t w = utf8_width(s + i, end - i);

		if (!first && avail && linew > 0 && linew + 1 + w > avail) {
			sbuf_addc(sb, '\n');
			sbuf_pad(sb, indent);
			linew = 0;
		} else if (!first) {
			sbuf_addc(sb, ' ');
			linew++;
		}
		first = 0;
		while (avail && linew + w > avail) {
			size_t lw = 0;

			while (i < end) {
				size_t n = table_char(s, i, end);
				size_t cw = utf8_width(s + i, n);

				if (linew + lw + cw > avail && linew + lw > 0)
					break;
				sbuf_add(sb, s + i, n);
				lw += cw;
				i += n;
			}
			sbuf_addc(sb, '\n');
			sbuf_pad(sb, indent);
			linew = 0;
			w = utf8_width(s + i, end - i);
		}
		sbuf_add(sb, s + i, end - i);
		linew += w;
		if (!sp)
			break;
		i = end + 1;
	}
}

/* The rows of a table that does not fit even narrowed, each a block of
 * "name  value" lines, a blank line between blocks; a value longer than
 * what is left of the width goes on over more lines, under itself. */
static void table_expanded(struct sbuf *sb, const struct writer_keys *ks,
			   const struct tcell *heads, const struct tcell *cells,
			   size_t nrows, int color, size_t width)
{
	size_t keyw = 0, valw, i, j;

	for (j = 0; j < ks->n; j++)
		if (heads[j].width > keyw)
			keyw = heads[j].width;
	/* under 8 columns for values nothing wraps: table_clip cuts */
	valw = width >= keyw + 4 + 8 ? width - keyw - 4 : 0;
	for (i = 0; i < nrows; i++) {
		if (i)
			sbuf_addc(sb, '\n');
		for (j = 0; j < ks->n; j++) {
			const struct tcell *c = &cells[i * ks->n + j];
			const char *col = color && strcmp(ks->k[j], "severity") == 0
				? sev_color(c->s) : NULL;

			sbuf_adds(sb, "  ");
			sbuf_adds(sb, heads[j].s);
			sbuf_pad(sb, keyw - heads[j].width + 2);
			if (col)
				sbuf_adds(sb, col);
			table_wrap(sb, c->s, strlen(c->s), valw, keyw + 4);
			if (col)
				sbuf_adds(sb, "\033[0m");
			sbuf_addc(sb, '\n');
		}
	}
}

static void table_rows(struct sbuf *sb, const json_t *rows, int color,
		       size_t width)
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
			/* whole, for the expanded form; a column is no
			 * wider than TABLE_MAX_CELL */
			tcell_make(c, v ? v : json_null(), &tmp, SIZE_MAX);
			if (c->width > colw[j])
				colw[j] = c->width < TABLE_MAX_CELL ? c->width : TABLE_MAX_CELL;
		}
		right[j] = numbers > 0 && other == 0;
	}
	if (width && !table_fit(&ks, heads, colw, right, width)) {
		table_expanded(sb, &ks, heads, cells, nrows, color, width);
		goto done;
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
			struct tcell *c = &cells[i * ks.n + j];
			const char *col = color && strcmp(ks.k[j], "severity") == 0
				? sev_color(c->s) : NULL;

			if (j)
				sbuf_adds(sb, "  ");
			tcell_cut(c, colw[j], &tmp);
			table_cell(sb, c->s, c->width, colw[j], right[j],
				   j + 1 == ks.n, col);
		}
		sbuf_addc(sb, '\n');
	}
done:
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
		tcell_make(&c, json_object_iter_value(it), &tmp, TABLE_MAX_CELL);
		sbuf_adds(sb, c.s);
		sbuf_addc(sb, '\n');
		free(c.s);
	}
	sbuf_release(&tmp);
}

static void table_section(struct sbuf *sb, const char *name, const json_t *v,
			  int color, size_t width)
{
	struct sbuf tmp = { 0 };
	struct tcell c;

	table_text(sb, name, strlen(name), TABLE_MAX_CELL);
	if (!json_is_object(v) && !json_is_array(v)) {
		tcell_make(&c, v, &tmp, TABLE_MAX_CELL);
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
		table_rows(sb, v, color, width);
	} else {
		struct sbuf line = { 0 };

		/* a list goes on over more lines rather than being cut */
		sbuf_adds(sb, "\n  ");
		writer_cell_text(&tmp, v, ", ", "-");
		table_text(&line, sbuf_str(&tmp), tmp.len, SIZE_MAX);
		table_wrap(sb, sbuf_str(&line), line.len,
			   width > 3 ? width - 2 : width ? 1 : 0, 2);
		sbuf_addc(sb, '\n');
		sbuf_release(&line);
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
	size_t width = table_width(fp), from;
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
	table_clip(&sb, 0, width);
	WRITER_OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);

		if (writer_is_envelope_key(k) || strcmp(k, "inputs") == 0)
			continue;
		sbuf_addc(&sb, '\n');
		from = sb.len;
		table_section(&sb, k, json_object_iter_value(it), spec->color, width);
		table_clip(&sb, from, width);
		if ((rc = writer_flush(&sb, fp)) != 0)
			break;
	}
	if (rc == 0 && json_object_get(doc, "inputs")) {
		sbuf_addc(&sb, '\n');
		from = sb.len;
		table_section(&sb, "inputs", json_object_get(doc, "inputs"),
			      spec->color, width);
		table_clip(&sb, from, width);
	}
	if (rc == 0)
		rc = writer_flush(&sb, fp);
	sbuf_release(&sb);
	return rc;
}

