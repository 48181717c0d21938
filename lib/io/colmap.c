/* colmap: column maps.  --map and --default pairs (struct colmap, two
 * arrays of names: the last pair for a name wins), header names compared
 * trimmed and case-insensitively, and the wanted columns resolved once
 * against the header, into the index arrays of struct reader. */
#include "io/colmap.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader_int.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/xalloc.h"

/* Trims TEXT_JSON_WS and leading byte order marks, in any mix. */
static void trim(const char **s, size_t *n)
{
	size_t before;

	do {
		before = *n;
		text_strip(s, n, TEXT_JSON_WS);
		if (*n >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) {
			*s += 3;
			*n -= 3;
		}
	} while (*n != before);
}

/* Header names are equal when, trimmed, they differ only in ASCII case.
 * (text_ieq wants a NUL-terminated word; both sides here are counted.) */
int reader_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	trim(&a, &alen);
	trim(&b, &blen);
	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

char *reader_trimmed_dup(const char *s, size_t n)
{
	trim(&s, &n);
	return xmemdup(s, n);
}

/* ---- --map and --default pairs ---- */

struct colmap {
	char **canon, **header;	/* pair i: canon[i]=header[i], owned */
	size_t n, cap;
	char *label;		/* the input's name, or NULL */
};

struct colmap *colmap_new(void)
{
	return xcalloc(1, sizeof(struct colmap));
}

void colmap_free(struct colmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->canon[i]);
		free(m->header[i]);
	}
	free(m->canon);
	free(m->header);
	free(m->label);
	free(m);
}

size_t colmap_count(const struct colmap *m)
{
	return m ? m->n : 0;
}

void colmap_pair(const struct colmap *m, size_t i, const char **canon,
		 const char **header)
{
	*canon = m->canon[i];
	*header = m->header[i];
}

void colmap_put(struct colmap *m, const char *canon, const char *header)
{
	m->canon = vec_reserve(m->canon, &m->cap, m->n + 1, sizeof *m->canon);
	m->header = xreallocarray(m->header, m->cap, sizeof *m->header);
	m->canon[m->n] = xstrdup(canon);
	m->header[m->n] = xstrdup(header);
	m->n++;
}

void colmap_set_label(struct colmap *m, const char *input)
{
	free(m->label);
	m->label = input ? xstrdup(input) : NULL;
}

/* Reads one side of a pair at *pp up to a byte of stop (or the end): a
 * double-quoted name ("" for a quote inside) or a bare one, trimmed.
 * Returns 0, or -1 for an unterminated quote. */
static int map_token(const char **pp, const char *stop, struct sbuf *tok)
{
	const char *p = *pp;

	tok->len = 0;
	sbuf_add(tok, "", 0);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		p++;
		for (;;) {
			if (!*p)
				return -1;
			if (*p == '"') {
				if (p[1] != '"')
					break;
				p++;
			}
			sbuf_addc(tok, *p++);
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
	} else {
		const char *s = p;
		size_t n;
		while (*p && !strchr(stop, *p))
			p++;
		n = (size_t)(p - s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		sbuf_add(tok, s, n);
	}
	*pp = p;
	return 0;
}

int colmap_add(struct colmap *m, const char *spec, struct error *err)
{
	const char *p = spec;
	struct sbuf a = {0}, b = {0};
	char q[128];
	int rc = -1;

	for (;;) {
		const char *pair = p;
		const char *end;
		if (map_token(&p, "=,", &a) < 0 || *p != '=') {
			end = strchr(pair, ',');
			error_set(err, NULL, 0, "--map: %s is not canonical=header",
				  error_quote(q, sizeof q, pair,
					      end ? (size_t)(end - pair) : strlen(pair)));
			goto out;
		}
		p++;
		if (map_token(&p, ",", &b) < 0 || (*p && *p != ',')) {
			error_set(err, NULL, 0, "--map: bad header name in %s",
				  error_quote(q, sizeof q, pair, strlen(pair)));
			goto out;
		}
		if (a.len == 0 || b.len == 0) {
			error_set(err, NULL, 0, "--map: empty name in %s",
				  error_quote(q, sizeof q, pair, (size_t)(p - pair)));
			goto out;
		}
		m->canon = vec_reserve(m->canon, &m->cap, m->n + 1, sizeof *m->canon);
		m->header = xreallocarray(m->header, m->cap, sizeof *m->header);
		m->canon[m->n] = xmemdup(a.p, a.len);
		m->header[m->n] = xmemdup(b.p, b.len);
		m->n++;
		if (!*p)
			break;
		p++;
	}
	rc = 0;
out:
	free(a.p);
	free(b.p);
	return rc;
}

/* ---- --values column=FROM:TO,... ---- */

struct colvalues {
	struct vmap {
		char *column;
		char **from, **to;	/* pair j: from[j]:to[j], owned */
		size_t n, cap;
	} *v;
	size_t n, cap;
};

struct colvalues *colvalues_new(void)
{
	return xcalloc(1, sizeof(struct colvalues));
}

void colvalues_free(struct colvalues *v)
{
	size_t i, j;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			free(v->v[i].from[j]);
			free(v->v[i].to[j]);
		}
		free(v->v[i].from);
		free(v->v[i].to);
		free(v->v[i].column);
	}
	free(v->v);
	free(v);
}

long colvalues_find(const struct colvalues *v, const char *column)
{
	size_t i;

	for (i = 0; v && i < v->n; i++)
		if (reader_name_eq(v->v[i].column, strlen(v->v[i].column),
				   column, strlen(column)))
			return (long)i;
	return -1;
}

int colvalues_add(struct colvalues *v, const char *column, const char *spec,
		  struct error *err)
{
	const char *p = spec;
	struct sbuf a = {0}, b = {0};
	struct vmap *m;
	char q[128];
	long at = colvalues_find(v, column);
	int rc = -1;

	if (at < 0) {
		v->v = vec_reserve(v->v, &v->cap, v->n + 1, sizeof *v->v);
		memset(&v->v[v->n], 0, sizeof v->v[v->n]);
		v->v[v->n].column = xstrdup(column);
		at = (long)v->n++;
	}
	m = &v->v[at];
	for (;;) {
		const char *pair = p;
		const char *end = strchr(pair, ',');
		size_t plen = end ? (size_t)(end - pair) : strlen(pair);

		if (map_token(&p, ":,", &a) < 0 || *p != ':' ||
		    (p++, map_token(&p, ",", &b) < 0) || (*p && *p != ',')) {
			error_set(err, NULL, 0, "--values: %s is not FROM:TO",
				  error_quote(q, sizeof q, pair, plen));
			goto out;
		}
		if (a.len == 0 || b.len == 0) {
			error_set(err, NULL, 0, "--values: empty value in %s",
				  error_quote(q, sizeof q, pair, (size_t)(p - pair)));
			goto out;
		}
		m->from = vec_reserve(m->from, &m->cap, m->n + 1, sizeof *m->from);
		m->to = xreallocarray(m->to, m->cap, sizeof *m->to);
		m->from[m->n] = xmemdup(a.p, a.len);
		m->to[m->n] = xmemdup(b.p, b.len);
		m->n++;
		if (!*p)
			break;
		p++;
	}
	rc = 0;
out:
	free(a.p);
	free(b.p);
	return rc;
}

size_t colvalues_count(const struct colvalues *v)
{
	return v ? v->n : 0;
}

const char *colvalues_column(const struct colvalues *v, size_t i)
{
	return v->v[i].column;
}

const char *colvalues_map(const struct colvalues *v, size_t i, const char *s,
			  size_t n, size_t *tolen)
{
	const struct vmap *m = &v->v[i];
	size_t j, k;

	for (j = m->n; j-- > 0;) {
		const char *f = m->from[j];
		if (strlen(f) != n)
			continue;
		for (k = 0; k < n; k++)
			if (tolower((unsigned char)f[k]) != tolower((unsigned char)s[k]))
				break;
		if (k == n) {
			*tolen = strlen(m->to[j]);
			return m->to[j];
		}
	}
	return NULL;
}

/* The header --map gives for a canonical name (the last pair wins). */
static const char *colmap_lookup(const struct colmap *m, const char *canon)
{
	size_t i;

	if (!m)
		return NULL;
	for (i = m->n; i-- > 0;)
		if (reader_name_eq(m->canon[i], strlen(m->canon[i]), canon, strlen(canon)))
			return m->header[i];
	return NULL;
}

/* reader_map_name: see reader_int.h. */
const char *reader_map_name(const struct reader_config *cfg, const char *canon)
{
	const char *t = colmap_lookup(cfg->map, canon);

	return t ? t : canon;
}

/* ---- the wanted columns against the header ---- */

/* Lists the header names for a message, within size bytes. */
static void found_list(const struct reader *r, char *buf, size_t size)
{
	size_t i, o = 0;
	char q[160];

	buf[0] = '\0';
	if (r->nhdr == 0) {
		snprintf(buf, size, "none");
		return;
	}
	for (i = 0; i < r->nhdr; i++) {
		int n;
		error_quote(q, sizeof q, r->hdr[i], strlen(r->hdr[i]));
		if (o + strlen(q) + 8 >= size) {
			snprintf(buf + o, size - o, "%s...", i ? ", " : "");
			return;
		}
		n = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", q);
		if (n < 0)
			return;
		o += (size_t)n;
	}
}

static void alloc_columns(struct reader *r, size_t n)
{
	size_t m = n ? n : 1;

	r->ncols = n;
	r->canon = xcalloc(m, sizeof *r->canon);
	r->target = xcalloc(m, sizeof *r->target);
	r->colname = xcalloc(m, sizeof *r->colname);
	r->src = xcalloc(m, sizeof *r->src);
	r->alias = xcalloc(m, sizeof *r->alias);
	r->present = xcalloc(m, sizeof *r->present);
	r->required = xcalloc(m, sizeof *r->required);
	r->field = xcalloc(m, sizeof *r->field);
	r->len = xcalloc(m, sizeof *r->len);
	r->jv = xcalloc(m, sizeof *r->jv);
	r->jmi = xcalloc(m, sizeof *r->jmi);
	r->unseen = xcalloc(m, sizeof *r->unseen);
	r->nunseen = 0;
}

/* The header column named t (*count: how many have that name; the first
 * is returned), else for "Name#N" in a CSV or TSV header, the N-th column
 * named Name (*count 1).  -1 when there is none. */
static long find_column(const struct reader *r, const char *t, size_t tlen,
			size_t *count)
{
	size_t j, n = 0, base = tlen;
	unsigned long nth;
	long idx = -1;
	char *end;

	for (j = 0; j < r->nhdr; j++)
		if (reader_name_eq(r->hdr[j], strlen(r->hdr[j]), t, tlen) && n++ == 0)
			idx = (long)j;
	*count = n;
	if (n > 0 || (r->fmt != READER_CSV && r->fmt != READER_TSV))
		return idx;
	while (base > 0 && isdigit((unsigned char)t[base - 1]))
		base--;
	if (base == tlen || base < 2 || t[base - 1] != '#')
		return -1;
	errno = 0;
	nth = strtoul(t + base, &end, 10);
	if (errno || nth == 0 || end != t + tlen)
		return -1;
	for (j = 0; j < r->nhdr; j++) {
		if (reader_name_eq(r->hdr[j], strlen(r->hdr[j]), t, base - 1) && ++n == nth) {
			*count = 1;
			return (long)j;
		}
	}
	return -1;
}

/* Raw mode: a --map pair names the header column it renames (the
 * matrix's "activity" from "Task"); a pair whose header is not there is
 * an error, as for the wanted columns. */
static int raw_rename(struct reader *r, const struct colmap *m,
		      unsigned long line, struct error *err)
{
	size_t k;
	char q1[160], q2[160], found[400];

	for (k = 0; m && k < m->n; k++) {
		size_t count = 0;
		long idx = find_column(r, m->header[k], strlen(m->header[k]), &count);

		if (idx >= 0) {
			r->colname[idx] = m->canon[k];
			continue;
		}
		if (!r->have_keys)
			continue;
		found_list(r, found, sizeof found);
		error_set(err, r->path, line,
			  "--map %s%s%s=%s: no such column (found: %s)",
			  m->label ? m->label : "", m->label ? ":" : "",
			  error_quote(q1, sizeof q1, m->canon[k], strlen(m->canon[k])),
			  error_quote(q2, sizeof q2, m->header[k], strlen(m->header[k])),
			  found);
		return -1;
	}
	return 0;
}

/* Each column's value map (--values), by the name it is read as. */
static void resolve_values(struct reader *r, const struct colvalues *v)
{
	size_t i;

	r->values = v;
	if (!v || v->n == 0)
		return;
	r->vcol = xcalloc(r->ncols ? r->ncols : 1, sizeof *r->vcol);
	for (i = 0; i < r->ncols; i++)
		r->vcol[i] = colvalues_find(v, r->raw_mode ? r->colname[i] : r->canon[i]);
}

/* reader_resolve: see reader_int.h. */
int reader_resolve(struct reader *r, const struct reader_config *cfg,
		   const struct reader_column *cols, size_t ncols,
		   char **raw, unsigned long line, struct error *err)
{
	size_t i, j;
	char q1[160], q2[160], found[400];

	if (!cols) {
		r->raw_mode = 1;
		alloc_columns(r, r->nhdr);
		for (i = 0; i < r->nhdr; i++) {
			r->colname[i] = r->hdr[i];
			r->src[i] = (long)i;
			r->alias[i] = -1;
			r->present[i] = 1;
			r->target[i] = xstrdup(raw ? raw[i] : r->hdr[i]);
		}
		if (raw_rename(r, cfg->map, line, err) != 0)
			return -1;
		resolve_values(r, cfg->values);
		return 0;
	}
	alloc_columns(r, ncols);
	if (cfg->defaults)
		r->dflt = xcalloc(ncols ? ncols : 1, sizeof *r->dflt);
	for (i = 0; i < ncols; i++) {
		const char *mapped = colmap_lookup(cfg->map, cols[i].name);
		const char *dv = colmap_lookup(cfg->defaults, cols[i].name);
		const char *t = mapped ? mapped : cols[i].name;
		size_t tlen = strlen(t), count = 0;
		long idx;

		r->canon[i] = xstrdup(cols[i].name);
		r->target[i] = xstrdup(t);
		/* a value is required unless the column may be left empty */
		r->required[i] = cols[i].required == 1;
		r->src[i] = -1;
		r->alias[i] = -1;
		r->colname[i] = r->canon[i];
		for (j = 0; j < i && r->alias[i] < 0; j++)
			if (reader_name_eq(r->target[j], strlen(r->target[j]), t, tlen))
				r->alias[i] = (long)j;
		if (dv)
			r->dflt[i] = xstrdup(dv);
		idx = find_column(r, t, tlen, &count);
		if (count > 1 && cols[i].required) {
			/* a repeated optional column (Jira's Sprint) uses the
			 * first; a required one decides every record */
			error_set(err, r->path, line, "duplicate column %s "
				  "(%zu columns; --map '%s=%s#2' picks the second)",
				  error_quote(q1, sizeof q1, r->hdr[idx],
					      strlen(r->hdr[idx])),
				  count, cols[i].name, r->hdr[idx]);
			return -1;
		}
		if (idx >= 0) {
			r->src[i] = idx;
			r->present[i] = 1;
			r->colname[i] = r->hdr[idx];
			continue;
		}
		if (!r->have_keys)
			continue;	/* JSON without any object: nothing to miss */
		if ((r->fmt == READER_JSON || r->fmt == READER_NDJSON) &&
		    (mapped || (cols[i].required && !dv))) {
			/* a later object may have the key: checked against
			   every record read (reader_keys_missing) */
			r->unseen[i] = mapped ? 2 : 1;
			r->map_label = cfg->map ? cfg->map->label : NULL;
			r->nunseen++;
			continue;
		}
		if (mapped) {
			found_list(r, found, sizeof found);
			error_set(err, r->path, line,
				  "--map %s%s%s=%s: no such column (found: %s)",
				  cfg->map->label ? cfg->map->label : "",
				  cfg->map->label ? ":" : "",
				  error_quote(q1, sizeof q1, cols[i].name,
					      strlen(cols[i].name)),
				  error_quote(q2, sizeof q2, mapped, tlen), found);
			return -1;
		}
		if (dv) {
			r->present[i] = 1;	/* every record has the default */
			continue;
		}
		if (cols[i].required) {
			found_list(r, found, sizeof found);
			error_set(err, r->path, line,
				  "missing required column %s (found: %s)",
				  error_quote(q1, sizeof q1, t, tlen), found);
			return -1;
		}
	}
	resolve_values(r, cfg->values);
	return 0;
}

void reader_columns_release(struct reader *r)
{
	size_t i;

	for (i = 0; r->dflt && i < r->ncols; i++)
		free(r->dflt[i]);
	free(r->dflt);
	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	for (i = 0; i < r->ncols; i++) {
		if (r->canon)
			free(r->canon[i]);
		if (r->target)
			free(r->target[i]);
	}
	free(r->hdr);
	free(r->canon);
	free(r->target);
	free(r->colname);
	free(r->src);
	free(r->alias);
	free(r->present);
	free(r->required);
	free(r->field);
	free(r->len);
	free(r->jv);
	free(r->jmi);
	free(r->unseen);
	free(r->vcol);
}

/* reader_keys_missing: see reader_int.h. */
int reader_keys_missing(const struct reader *r, struct error *err)
{
	size_t i;
	char q1[160], q2[160], found[400];

	for (i = 0; i < r->ncols; i++) {
		const char *t = r->target[i];

		if (!r->unseen[i])
			continue;
		found_list(r, found, sizeof found);
		if (r->unseen[i] == 2)
			error_set(err, r->path, 0,
				  "--map %s%s%s=%s: no record has that key (keys of the first: %s)",
				  r->map_label ? r->map_label : "", r->map_label ? ":" : "",
				  error_quote(q1, sizeof q1, r->canon[i], strlen(r->canon[i])),
				  error_quote(q2, sizeof q2, t, strlen(t)), found);
		else
			error_set(err, r->path, 0,
				  "missing required column %s: no record has that key "
				  "(keys of the first: %s)",
				  error_quote(q1, sizeof q1, t, strlen(t)), found);
		return -1;
	}
	return 0;
}
