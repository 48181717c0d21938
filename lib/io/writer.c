/* writer: renders a command's result document (the JSON envelope of SPEC.md
 * section 3, a jansson object kept in insertion order) in one output format.
 * Each format is one small function over the document; text is built in a
 * growable byte buffer (struct sbuf) and written out line by line.
 *
 * Numbers everywhere go through one formatter: json_integer values in full,
 * reals with at most 10 significant digits (writer_number).  Nothing here
 * prints to stderr or exits; a failed write is returned as an error. */
#include "io/writer.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

/* Longest text cell in a table, in display columns (with the "…"). */
#define TABLE_MAX_CELL 60

static const char *const fmt_names[] = {
	[OUT_CSV] = "csv", [OUT_TSV] = "tsv", [OUT_JSON] = "json",
	[OUT_NDJSON] = "ndjson", [OUT_TABLE] = "table", [OUT_PROM] = "prom",
	[OUT_NAGIOS] = "nagios", [OUT_JUNIT] = "junit", [OUT_MD] = "md",
	[OUT_HTML] = "html", [OUT_TXT] = "txt"
};

#define NFORMATS (sizeof fmt_names / sizeof fmt_names[0])

int outfmt_parse(const char *name, enum outfmt *f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		if (strcmp(name, fmt_names[i]) == 0) {
			*f = (enum outfmt)i;
			return 0;
		}
	}
	return -1;
}

const char *outfmt_name(enum outfmt f)
{
	return (size_t)f < NFORMATS ? fmt_names[f] : "unknown";
}

/* What a format function returns for a failed write (err not yet set);
 * -1 means err is set. */
#define WRITE_FAILED (-2)

/* Writes the buffer and empties it; WRITE_FAILED on a short write. */
static int sb_flush(struct sbuf *sb, FILE *fp)
{
	int rc = 0;

	if (sb->len && fwrite(sb->p, 1, sb->len, fp) != sb->len)
		rc = WRITE_FAILED;
	sbuf_reset(sb);
	return rc;
}

/* ---- document access ---- */

/* jansson's object iterators take a non-const object although they do not
 * change it; the document is only read here. */
static json_t *unconst(const json_t *v)
{
	return (json_t *)(uintptr_t)v;
}

#define OBJ_EACH(obj, it) \
	for (void *it = json_object_iter(unconst(obj)); it; \
	     it = json_object_iter_next(unconst(obj), it))

static int is_number(const json_t *v)
{
	return json_is_integer(v) || json_is_real(v);
}

static int is_envelope_key(const char *k)
{
	return strcmp(k, "tool") == 0 || strcmp(k, "version") == 0 ||
	       strcmp(k, "generated") == 0 || strcmp(k, "period") == 0 ||
	       strcmp(k, "checks") == 0;
}

/* An array whose elements are all objects (an empty array is not). */
static int is_row_array(const json_t *v)
{
	size_t i;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return 0;
	for (i = 0; i < json_array_size(v); i++)
		if (!json_is_object(json_array_get(v, i)))
			return 0;
	return 1;
}

static const char *doc_tool(const json_t *doc, const struct writer_spec *spec)
{
	const char *t = spec->tool;

	if (!t || !*t)
		t = json_string_value(json_object_get(doc, "tool"));
	return t && *t ? t : "upkeep";
}

static int finding_sev(const json_t *f)
{
	enum severity s;
	const char *name = json_string_value(json_object_get(f, "severity"));

	return name && severity_parse(name, &s) == 0 && s != SEV_NEVER ? (int)s : 0;
}

/* The distinct keys of an array of objects, in order of first appearance.
 * Keys are borrowed from the document. */
struct keys {
	const char **k;
	size_t n, cap;
};

static void keys_collect(struct keys *ks, const json_t *rows)
{
	size_t i, j;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);

		if (!json_is_object(row))
			continue;
		OBJ_EACH(row, it) {
			const char *key = json_object_iter_key(it);

			for (j = 0; j < ks->n; j++)
				if (strcmp(ks->k[j], key) == 0)
					break;
			if (j == ks->n) {
				ks->k = vec_reserve(ks->k, &ks->cap, ks->n + 1,
						    sizeof *ks->k);
				ks->k[ks->n++] = key;
			}
		}
	}
}

/* ---- numbers ---- */

/* Non-finite values are written "null" (JSON has no NaN). */
size_t writer_number(double v, char *buf, size_t size)
{
	char tmp[64], digits[16] = { 0 }, out[64];
	size_t nd = 0, o = 0, i;
	long ex;
	char *e;

	if (!isfinite(v)) {
		snprintf(out, sizeof out, "null");
	} else if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, sizeof out, "%.0f", v == 0 ? 0.0 : v);
	} else {
		/* "d.ddddddddde±X": ten significant digits, correctly rounded */
		snprintf(tmp, sizeof tmp, "%.9e", v);
		e = strchr(tmp, 'e');
		ex = e ? strtol(e + 1, NULL, 10) : 0;
		for (i = 0; tmp + i != e && tmp[i]; i++)
			if (tmp[i] >= '0' && tmp[i] <= '9' && nd < sizeof digits)
				digits[nd++] = tmp[i];
		while (nd > 1 && digits[nd - 1] == '0')
			nd--;
		if (v < 0)
			out[o++] = '-';
		if (ex < -6 || ex >= 15) {
			out[o++] = digits[0];
			if (nd > 1) {
				out[o++] = '.';
				memcpy(out + o, digits + 1, nd - 1);
				o += nd - 1;
			}
			snprintf(out + o, sizeof out - o, "e%ld", ex);
		} else if (ex < 0) {
			out[o++] = '0';
			out[o++] = '.';
			for (i = 1; i < (size_t)-ex; i++)
				out[o++] = '0';
			memcpy(out + o, digits, nd);
			o += nd;
			out[o] = '\0';
		} else {
			for (i = 0; i < nd || i <= (size_t)ex; i++) {
				if (i == (size_t)ex + 1)
					out[o++] = '.';
				out[o++] = i < nd ? digits[i] : '0';
			}
			out[o] = '\0';
		}
	}
	return (size_t)snprintf(buf, size, "%s", out);
}

static void sb_number(struct sbuf *sb, const json_t *v)
{
	if (json_is_integer(v)) {
		sbuf_printf(sb, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	} else {
		char buf[64];

		writer_number(json_real_value(v), buf, sizeof buf);
		sbuf_adds(sb, buf);
	}
}

/* ---- JSON ---- */

static void json_quote(struct sbuf *sb, const char *s, size_t len)
{
	size_t i;

	sbuf_addc(sb, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sbuf_adds(sb, "\\\""); break;
		case '\\': sbuf_adds(sb, "\\\\"); break;
		case '\b': sbuf_adds(sb, "\\b"); break;
		case '\f': sbuf_adds(sb, "\\f"); break;
		case '\n': sbuf_adds(sb, "\\n"); break;
		case '\r': sbuf_adds(sb, "\\r"); break;
		case '\t': sbuf_adds(sb, "\\t"); break;
		default:
			if (c < 0x20)
				sbuf_printf(sb, "\\u%04x", c);
			else
				sbuf_addc(sb, (char)c);
		}
	}
	sbuf_addc(sb, '"');
}

static void json_newline(struct sbuf *sb, int pretty, int depth)
{
	if (pretty) {
		sbuf_addc(sb, '\n');
		sbuf_pad(sb, 2 * (size_t)depth);
	}
}

/* pretty: 2-space indentation; else compact, no spaces. */
static void json_emit(struct sbuf *sb, const json_t *v, int pretty, int depth)
{
	size_t i, n;
	int first = 1;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			sbuf_adds(sb, "{}");
			break;
		}
		sbuf_addc(sb, '{');
		OBJ_EACH(v, it) {
			const char *k = json_object_iter_key(it);

			if (!first)
				sbuf_addc(sb, ',');
			first = 0;
			json_newline(sb, pretty, depth + 1);
			json_quote(sb, k, strlen(k));
			sbuf_adds(sb, pretty ? ": " : ":");
			json_emit(sb, json_object_iter_value(it), pretty, depth + 1);
		}
		json_newline(sb, pretty, depth);
		sbuf_addc(sb, '}');
		break;
	case JSON_ARRAY:
		n = json_array_size(v);
		if (n == 0) {
			sbuf_adds(sb, "[]");
			break;
		}
		sbuf_addc(sb, '[');
		for (i = 0; i < n; i++) {
			if (i)
				sbuf_addc(sb, ',');
			json_newline(sb, pretty, depth + 1);
			json_emit(sb, json_array_get(v, i), pretty, depth + 1);
		}
		json_newline(sb, pretty, depth);
		sbuf_addc(sb, ']');
		break;
	case JSON_STRING:
		json_quote(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		sb_number(sb, v);
		break;
	case JSON_TRUE:
		sbuf_adds(sb, "true");
		break;
	case JSON_FALSE:
		sbuf_adds(sb, "false");
		break;
	case JSON_NULL:
		sbuf_adds(sb, "null");
		break;
	}
}

static int write_json(FILE *fp, const json_t *doc)
{
	struct sbuf sb = { 0 };
	int rc;

	json_emit(&sb, doc, 1, 0);
	sbuf_addc(&sb, '\n');
	rc = sb_flush(&sb, fp);
	sbuf_release(&sb);
	return rc;
}

/* The array of rows for csv, tsv and ndjson, or NULL with err set. */
static const json_t *get_rows(const json_t *doc, const struct writer_spec *spec,
			      struct error *err)
{
	const json_t *rows = spec->rows ? json_object_get(doc, spec->rows) : NULL;

	if (!rows) {
		error_set(err, NULL, 0, "this output has no rows for %s",
			  outfmt_name(spec->format));
		return NULL;
	}
	if (!json_is_array(rows)) {
		error_set(err, NULL, 0, "\"%s\" is not a list of rows", spec->rows);
		return NULL;
	}
	return rows;
}

static int write_ndjson(FILE *fp, const json_t *doc,
			const struct writer_spec *spec, struct error *err)
{
	const json_t *rows = get_rows(doc, spec, err);
	struct sbuf sb = { 0 };
	size_t i;
	int rc = 0;

	if (!rows)
		return -1;
	for (i = 0; i < json_array_size(rows) && rc == 0; i++) {
		json_emit(&sb, json_array_get(rows, i), 0, 0);
		sbuf_addc(&sb, '\n');
		rc = sb_flush(&sb, fp);
	}
	sbuf_release(&sb);
	return rc;
}

/* ---- cells (csv, tsv, table) ---- */

/* The text of one value: strings as is, numbers formatted, null as
 * nullstr, arrays joined with sep, objects as compact JSON. */
static void cell_text(struct sbuf *sb, const json_t *v, const char *sep,
		      const char *nullstr)
{
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		sbuf_add(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		sb_number(sb, v);
		break;
	case JSON_TRUE:
		sbuf_adds(sb, "true");
		break;
	case JSON_FALSE:
		sbuf_adds(sb, "false");
		break;
	case JSON_NULL:
		sbuf_adds(sb, nullstr);
		break;
	case JSON_ARRAY:
		for (i = 0; i < json_array_size(v); i++) {
			const json_t *e = json_array_get(v, i);

			if (i)
				sbuf_adds(sb, sep);
			if (json_is_array(e) || json_is_object(e))
				json_emit(sb, e, 0, 0);
			else
				cell_text(sb, e, sep, "");
		}
		break;
	case JSON_OBJECT:
		json_emit(sb, v, 0, 0);
		break;
	}
}

static void csv_field(struct sbuf *sb, const char *s, size_t len, int tsv)
{
	size_t i;
	int quote = 0;

	if (tsv) {
		for (i = 0; i < len; i++)
			sbuf_addc(sb, s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
				? ' ' : s[i]);
		return;
	}
	if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
		    s[len - 1] == '\t'))
		quote = 1;
	for (i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	if (!quote) {
		sbuf_add(sb, s, len);
		return;
	}
	sbuf_addc(sb, '"');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, s[i]);
	}
	sbuf_addc(sb, '"');
}

/* The columns of a finding, for the header of an empty findings table. */
static const char *const finding_keys[] = {
	"severity", "check", "subject", "value", "threshold", "message", "id",
	"first_seen", "last_seen", "count"
};

static int write_csv(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		     struct error *err)
{
	const json_t *rows = get_rows(doc, spec, err);
	int tsv = spec->format == OUT_TSV;
	char sep = tsv ? '\t' : ',';
	struct keys ks = { 0 };
	struct sbuf sb = { 0 }, cell = { 0 };
	size_t i, j;
	int rc = 0;

	if (!rows)
		return -1;
	for (i = 0; i < json_array_size(rows); i++) {
		if (!json_is_object(json_array_get(rows, i))) {
			error_set(err, NULL, 0, "rows of \"%s\" are not objects",
				  spec->rows);
			return -1;
		}
	}
	keys_collect(&ks, rows);
	if (ks.n == 0 && strcmp(spec->rows, "findings") == 0) {
		/* no findings: still a header, so that a script sees the columns */
		ks.k = xreallocarray(NULL, sizeof finding_keys / sizeof *finding_keys,
				     sizeof *ks.k);
		for (ks.n = 0; ks.n < sizeof finding_keys / sizeof *finding_keys; ks.n++)
			ks.k[ks.n] = finding_keys[ks.n];
	}
	if (ks.n == 0)
		goto out;
	for (j = 0; j < ks.n; j++) {
		if (j)
			sbuf_addc(&sb, sep);
		csv_field(&sb, ks.k[j], strlen(ks.k[j]), tsv);
	}
	sbuf_addc(&sb, '\n');
	rc = sb_flush(&sb, fp);
	for (i = 0; i < json_array_size(rows) && rc == 0; i++) {
		const json_t *row = json_array_get(rows, i);

		for (j = 0; j < ks.n; j++) {
			const json_t *v = json_object_get(row, ks.k[j]);

			if (j)
				sbuf_addc(&sb, sep);
			if (!v)
				continue;
			sbuf_reset(&cell);
			cell_text(&cell, v, ";", "");
			csv_field(&sb, sbuf_str(&cell), cell.len, tsv);
		}
		sbuf_addc(&sb, '\n');
		rc = sb_flush(&sb, fp);
	}
out:
	free(ks.k);
	sbuf_release(&sb);
	sbuf_release(&cell);
	return rc;
}

/* ---- table ---- */

static size_t u8_charlen(const char *s, size_t left)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 1;

	return n > left ? left : n;
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
		n = u8_charlen(s + i, len - i);
		total += u8_is_control(s + i, n) ? 1 : utf8_width(s + i, n);
	}
	for (i = 0; i < len; i += n) {
		size_t w;

		n = u8_charlen(s + i, len - i);
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
		cell_text(tmp, v, ", ", "-");
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
	struct keys ks = { 0 };
	struct sbuf tmp = { 0 };
	struct tcell *cells, *heads;
	size_t *colw, nrows = json_array_size(rows), ncells, i, j;
	int *right;

	keys_collect(&ks, rows);
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

			if (v && is_number(v))
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

	OBJ_EACH(obj, it) {
		const char *k = json_object_iter_key(it);

		sbuf_reset(&tmp);
		w = table_text(&tmp, k, strlen(k), TABLE_MAX_CELL);
		if (w > keyw)
			keyw = w;
	}
	OBJ_EACH(obj, it) {
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
	} else if (is_row_array(v)) {
		sbuf_addc(sb, '\n');
		table_rows(sb, v, color);
	} else {
		sbuf_adds(sb, "\n  ");
		cell_text(&tmp, v, ", ", "-");
		table_text(sb, sbuf_str(&tmp), tmp.len, SIZE_MAX);
		sbuf_addc(sb, '\n');
	}
	sbuf_release(&tmp);
}

static int write_table(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	struct sbuf sb = { 0 };
	const json_t *period = json_object_get(doc, "period");
	const json_t *start = json_object_get(period, "start");
	const json_t *end = json_object_get(period, "end");
	const char *tool = doc_tool(doc, spec);
	int rc = 0;

	table_text(&sb, tool, strlen(tool), SIZE_MAX);
	if (json_is_string(start) || json_is_string(end)) {
		const char *s = json_is_string(start) ? json_string_value(start) : "-";
		const char *e = json_is_string(end) ? json_string_value(end) : "-";

		sbuf_adds(&sb, "  ");
		table_text(&sb, s, strlen(s), SIZE_MAX);
		sbuf_adds(&sb, " .. ");
		table_text(&sb, e, strlen(e), SIZE_MAX);
	}
	sbuf_addc(&sb, '\n');
	OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);

		if (is_envelope_key(k) || strcmp(k, "inputs") == 0)
			continue;
		sbuf_addc(&sb, '\n');
		table_section(&sb, k, json_object_iter_value(it), spec->color);
		if ((rc = sb_flush(&sb, fp)) != 0)
			break;
	}
	if (rc == 0 && json_object_get(doc, "inputs")) {
		sbuf_addc(&sb, '\n');
		table_section(&sb, "inputs", json_object_get(doc, "inputs"),
			      spec->color);
	}
	if (rc == 0)
		rc = sb_flush(&sb, fp);
	sbuf_release(&sb);
	return rc;
}

/* ---- Prometheus text format 0.0.4 ---- */

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
		sb_number(sb, v);
	sbuf_addc(sb, '\n');
}

static int prom_leaf(const json_t *v)
{
	return is_number(v) || json_is_boolean(v);
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

	OBJ_EACH(obj, it) {
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
	struct keys ks = { 0 };
	struct sbuf name = { 0 };
	const char *label = NULL;
	int scope = 0;
	size_t i, j;

	keys_collect(&ks, rows);
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
		n[finding_sev(json_array_get(arr, i))]++;
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

			if (!is_number(v))
				continue;
			sbuf_printf(sb, "%sinput_%s{", prefix, fields[f]);
			prom_label(sb, "path", path ? path : "");
			sbuf_adds(sb, "} ");
			prom_value(sb, v);
		}
	}
}

static int write_prom(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	struct sbuf sb = { 0 }, prefix = { 0 }, name = { 0 }, path = { 0 };
	int rc = 0;

	sbuf_adds(&prefix, "upkeep_");
	prom_ident(&prefix, doc_tool(doc, spec));
	sbuf_addc(&prefix, '_');
	OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *v = json_object_iter_value(it);

		if (is_envelope_key(k))
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
		} else if (is_row_array(v)) {
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
		if ((rc = sb_flush(&sb, fp)) != 0)
			break;
	}
	sbuf_release(&sb);
	sbuf_release(&prefix);
	sbuf_release(&name);
	sbuf_release(&path);
	return rc;
}

/* ---- Nagios plugin output ---- */

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
		int s = finding_sev(f);

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

static int write_nagios(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	static const char *const states[] = { "OK", "WARNING", "CRITICAL" };
	struct sbuf sb = { 0 };
	const json_t *worst;
	const char *tool = doc_tool(doc, spec), *msg;
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
	OBJ_EACH(doc, it) {
		const char *k = json_object_iter_key(it);
		const json_t *sec = json_object_iter_value(it);

		if (is_envelope_key(k) || !json_is_object(sec))
			continue;
		OBJ_EACH(sec, jt) {
			const json_t *v = json_object_iter_value(jt);

			if (!is_number(v))
				continue;
			sbuf_addc(&sb, ' ');
			nagios_label(&sb, json_object_iter_key(jt));
			sbuf_addc(&sb, '=');
			sb_number(&sb, v);
		}
		break;
	}
	sbuf_addc(&sb, '\n');
	rc = sb_flush(&sb, fp);
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
static void junit_checks(const json_t *doc, struct keys *ks)
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

	return c && strcmp(c, check) == 0 && finding_sev(f) >= (int)spec->fail_on;
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
		cell_text(tmp, v, ";", "");
		sbuf_printf(sb, "%s%s: ", first ? "" : "\n", fields[i]);
		xml_escape(sb, sbuf_str(tmp), tmp->len, 0);
		first = 0;
	}
	sbuf_adds(sb, "</failure>\n");
}

static int write_junit(FILE *fp, const json_t *doc, const struct writer_spec *spec)
{
	const json_t *arr = json_object_get(doc, "findings");
	struct keys ks = { 0 };
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
	xml_escs(&name, doc_tool(doc, spec), 1);
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
	rc = sb_flush(&sb, fp);
	free(ks.k);
	sbuf_release(&sb);
	sbuf_release(&tmp);
	sbuf_release(&name);
	return rc;
}

/* ---- entry ---- */

int writer_write(FILE *fp, const json_t *doc, const struct writer_spec *spec,
		 struct error *err)
{
	int rc;

	if (!json_is_object(doc)) {
		error_set(err, NULL, 0, "the document is not a JSON object");
		return -1;
	}
	switch (spec->format) {
	case OUT_JSON:
		rc = write_json(fp, doc);
		break;
	case OUT_NDJSON:
		rc = write_ndjson(fp, doc, spec, err);
		break;
	case OUT_CSV:
	case OUT_TSV:
		rc = write_csv(fp, doc, spec, err);
		break;
	case OUT_TABLE:
		rc = write_table(fp, doc, spec);
		break;
	case OUT_PROM:
		rc = write_prom(fp, doc, spec);
		break;
	case OUT_NAGIOS:
		rc = write_nagios(fp, doc, spec);
		break;
	case OUT_JUNIT:
		rc = write_junit(fp, doc, spec);
		break;
	case OUT_MD:
	case OUT_HTML:
	case OUT_TXT:
		error_set(err, NULL, 0, "format \"%s\" is only written by report",
			  outfmt_name(spec->format));
		return -1;
	default:
		error_set(err, NULL, 0, "unknown output format");
		return -1;
	}
	if (rc == 0 && fflush(fp) != 0)
		rc = WRITE_FAILED;
	if (rc == WRITE_FAILED || (rc == 0 && ferror(fp))) {
		error_set(err, NULL, 0, "write error: %s", strerror(errno));
		return -1;
	}
	return rc;
}
