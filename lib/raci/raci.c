/* raci: the model -- cells parsed into letters, the matrix read from the
 * header and rows of a wide or long table, lookups by name, the default
 * template.  The matrix is a list of activities, each with its non-empty
 * cells (role, letters RACI_R|RACI_A|..., the raw text when the cell holds
 * something else) and the check names its "checks" column lists (structs
 * in raci_int.h).  Cells are stored sparsely -- a long-form table of
 * 100 000 activities and 100 000 roles holds 100 000 cells, not 10^10 --
 * and found by a hash of (activity, role); names by hash too (name_index).
 * The rules are in raci_check.c, the output rows in raci_form.c, routing
 * in raci_route.c. */
#include "raci/raci.h"
#include "raci/raci_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/strtab.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* ---- small helpers ---- */

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int name_prefix(const char *prefix, const char *s)
{
	size_t i;

	for (i = 0; prefix[i]; i++)
		if (fold((unsigned char)prefix[i]) != fold((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Names and cells are trimmed of TEXT_JSON_WS, as the reader trims
 * header names (see raci_int.h). */
const char *raci_trim(const char *s, size_t *len)
{
	if (!s)
		s = "";
	*len = strlen(s);
	text_strip(&s, len, TEXT_JSON_WS);
	return s;
}

/* ---- cells ---- */

static const char letter_chars[] = "RACI";
static const char *const letter_words[] = {
	"responsible", "accountable", "consulted", "informed"
};

static int is_cell_sep(int c)
{
	return text_in_set((unsigned char)c, TEXT_JSON_WS) || c == '/' || c == ',' || c == ';' || c == '+' ||
	       c == '&' || c == '-';
}

/* The letter bit of an upper- or lower-case R, A, C, I, else 0. */
static unsigned letter_bit(int c)
{
	const char *p;

	c = fold(c);
	for (p = letter_chars; *p; p++)
		if (fold(*p) == c)
			return 1u << (p - letter_chars);
	return 0;
}

unsigned raci_parse_cell(const char *s, size_t len, int *unknown)
{
	unsigned letters = 0, tok;
	size_t i = 0, start, j;
	int bad = 0;

	while (i < len) {
		if (is_cell_sep((unsigned char)s[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_cell_sep((unsigned char)s[i]))
			i++;
		tok = 0;
		for (j = start; j < i; j++) {
			unsigned b = letter_bit((unsigned char)s[j]);
			if (!b) {
				tok = 0;
				break;
			}
			tok |= b;
		}
		for (j = 0; !tok && j < 4; j++)
			if (text_ieq(s + start, i - start, letter_words[j]))
				tok = 1u << j;
		if (tok)
			letters |= tok;
		else
			bad = 1;
	}
	if (unknown)
		*unknown = bad;
	return letters;
}

char *raci_code_text(unsigned letters, char buf[8])
{
	size_t n = 0, i;

	for (i = 0; i < 4; i++) {
		if (letters & (1u << i)) {
			if (n)
				buf[n++] = '/';
			buf[n++] = letter_chars[i];
		}
	}
	buf[n] = '\0';
	return buf;
}

/* ---- the matrix ---- */

/* What an input column holds (struct raci's col): a role index, or one of
 * these. */
enum { COL_IGNORE = -1, COL_ACTIVITY = -2, COL_CHECKS = -3, COL_ROLE = -4,
       COL_CODE = -5,
       COL_LETTER = -6	/* by letter: COL_LETTER - k is the column of
			   letter bit 1 << k */
};

struct name_index {
	struct strtab *t;
	size_t *first, cap;
	char *buf;
	size_t bufcap;
};

static void ix_free(struct name_index *x)
{
	if (!x)
		return;
	strtab_free(x->t);
	free(x->first);
	free(x->buf);
	free(x);
}

/* The folded copy of name[0..len) in x->buf. */
static const char *ix_fold(struct name_index *x, const char *name, size_t len)
{
	size_t k;

	if (len + 1 > x->bufcap)
		x->buf = xrealloc(x->buf, x->bufcap = len + 1);
	for (k = 0; k < len; k++)
		x->buf[k] = (char)fold((unsigned char)name[k]);
	return x->buf;
}

static size_t ix_find(struct name_index *x, const char *name, size_t len)
{
	size_t id;

	if (!x || !strtab_find(x->t, ix_fold(x, name, len), len, &id))
		return SIZE_MAX;
	return x->first[id];
}

/* Records that item idx is named name[0..len), unless the name has one. */
static void ix_add(struct name_index **xp, const char *name, size_t len, size_t idx)
{
	struct name_index *x = *xp;
	size_t id, n;

	if (!x) {
		x = *xp = xcalloc(1, sizeof *x);
		x->t = strtab_new();
	}
	n = strtab_count(x->t);
	id = strtab_intern(x->t, ix_fold(x, name, len), len);
	if (id == n) {
		x->first = vec_reserve(x->first, &x->cap, n + 1, sizeof *x->first);
		x->first[id] = idx;
	}
}

struct raci *raci_new(void)
{
	return xcalloc(1, sizeof(struct raci));
}

void raci_free(struct raci *m)
{
	size_t i, j;

	if (!m)
		return;
	for (i = 0; i < m->nacts; i++) {
		struct activity *a = &m->acts[i];
		free(a->name);
		for (j = 0; j < a->ncells; j++)
			free(a->cells[j].raw);
		free(a->cells);
		for (j = 0; j < a->nchecks; j++)
			free(a->checks[j]);
		free(a->checks);
	}
	free(m->acts);
	for (i = 0; i < m->nroles; i++)
		free(m->roles[i]);
	free(m->roles);
	free(m->col);
	ix_free(m->role_ix);
	ix_free(m->act_ix);
	free(m->cix);
	free(m);
}

static size_t add_role(struct raci *m, const char *name, size_t len)
{
	m->roles = vec_reserve(m->roles, &m->caproles, m->nroles + 1, sizeof *m->roles);
	m->roles[m->nroles] = xmemdup(name, len);
	ix_add(&m->role_ix, name, len, m->nroles);
	return m->nroles++;
}

/* The role named name[0..len), or SIZE_MAX. */
static size_t find_role(const struct raci *m, const char *name, size_t len)
{
	return ix_find(m->role_ix, name, len);
}

static size_t add_activity(struct raci *m, const char *name, size_t len,
			   unsigned long line)
{
	struct activity *a;

	m->acts = vec_reserve(m->acts, &m->capacts, m->nacts + 1, sizeof *m->acts);
	a = &m->acts[m->nacts];
	memset(a, 0, sizeof *a);
	a->name = xmemdup(name, len);
	a->line = line;
	ix_add(&m->act_ix, name, len, m->nacts);
	return m->nacts++;
}

static void add_check(struct activity *a, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < a->nchecks; i++)
		if (text_ieq(s, len, a->checks[i]))
			return;
	a->checks = vec_reserve(a->checks, &a->capchecks, a->nchecks + 1,
				sizeof *a->checks);
	a->checks[a->nchecks++] = xmemdup(s, len);
}

/* Adds the names of a checks cell, separated by ';', ',' or white space. */
static void add_checks(struct activity *a, const char *s)
{
	size_t i = 0, start;

	if (!s)
		return;
	while (s[i]) {
		if (s[i] == ';' || s[i] == ',' || text_in_set((unsigned char)s[i], TEXT_JSON_WS)) {
			i++;
			continue;
		}
		start = i;
		while (s[i] && s[i] != ';' && s[i] != ',' && !text_in_set((unsigned char)s[i], TEXT_JSON_WS))
			i++;
		add_check(a, s + start, i - start);
	}
}

/* ---- stored cells ---- */

static size_t cell_hash(const struct raci *m, size_t act, size_t role)
{
	uint64_t h = (uint64_t)act * 0x9e3779b97f4a7c15u ^ (uint64_t)role * 0xc2b2ae3d27d4eb4fu;

	h ^= h >> 29;
	return (size_t)h & (m->cixcap - 1);
}

/* The slot of (act, role): the one holding it, else the empty one where
 * it goes.  m->cixcap must be non-zero. */
static struct cell_slot *cell_slot(const struct raci *m, size_t act, size_t role)
{
	size_t i = cell_hash(m, act, role);

	while (m->cix[i].act != SIZE_MAX &&
	       (m->cix[i].act != act || m->cix[i].role != role))
		i = (i + 1) & (m->cixcap - 1);
	return &m->cix[i];
}

const struct cell *raci_cell(const struct raci *m, size_t act, size_t role)
{
	const struct cell_slot *x;

	if (m->cixn == 0 || act >= m->nacts)
		return NULL;
	x = cell_slot(m, act, role);
	return x->act == SIZE_MAX ? NULL : &m->acts[act].cells[x->pos];
}

/* The cell of role in activity act, made when missing. */
static struct cell *cell_make(struct raci *m, size_t act, size_t role)
{
	struct activity *a = &m->acts[act];
	struct cell_slot *x;
	struct cell *c;

	if (2 * (m->cixn + 1) > m->cixcap) {
		struct cell_slot *old = m->cix;
		size_t oldcap = m->cixcap, i;
		m->cixcap = oldcap ? 2 * oldcap : 64;
		m->cix = xreallocarray(NULL, m->cixcap, sizeof *m->cix);
		memset(m->cix, 0xff, m->cixcap * sizeof *m->cix);
		for (i = 0; i < oldcap; i++)
			if (old[i].act != SIZE_MAX)
				*cell_slot(m, old[i].act, old[i].role) = old[i];
		free(old);
	}
	x = cell_slot(m, act, role);
	if (x->act != SIZE_MAX)
		return &a->cells[x->pos];
	if (a->ncells && a->cells[a->ncells - 1].role > role)
		a->unsorted = 1;
	a->cells = vec_reserve(a->cells, &a->capcells, a->ncells + 1, sizeof *a->cells);
	c = &a->cells[a->ncells];
	c->role = role;
	c->raw = NULL;
	c->letters = 0;
	x->act = act;
	x->role = role;
	x->pos = a->ncells++;
	m->cixn++;
	return c;
}

static int cell_cmp(const void *x, const void *y)
{
	const struct cell *a = x, *b = y;

	return a->role < b->role ? -1 : a->role > b->role;
}

const struct cell *raci_cells_sorted(const struct activity *a, struct cell **tmp)
{
	*tmp = NULL;
	if (!a->unsorted)
		return a->cells;
	*tmp = xreallocarray(NULL, a->ncells, sizeof **tmp);
	memcpy(*tmp, a->cells, a->ncells * sizeof **tmp);
	qsort(*tmp, a->ncells, sizeof **tmp, cell_cmp);
	return *tmp;
}

static void set_cell(struct raci *m, size_t act, size_t role, const char *s)
{
	size_t len;
	const char *t = raci_trim(s, &len);
	int unknown;
	unsigned letters = raci_parse_cell(t, len, &unknown);
	struct cell *c;

	if (!letters && !unknown)
		return;
	c = cell_make(m, act, role);
	c->letters |= (unsigned char)letters;
	if (!unknown)
		return;
	if (!c->raw) {
		c->raw = xmemdup(t, len);
	} else {
		/* long form: a second code for the same pair */
		size_t old = strlen(c->raw);
		c->raw = xrealloc(c->raw, old + 1 + len + 1);
		c->raw[old] = '/';
		memcpy(c->raw + old + 1, t, len);
		c->raw[old + 1 + len] = '\0';
	}
}

/* ---- reading a table: header and rows ---- */

/* Appends the names, quoted for a message, at most 12 of them. */
static void list_names(struct sbuf *b, const char *const *names, size_t n)
{
	char q[160];
	size_t i;

	for (i = 0; i < n && i < 12; i++) {
		if (i)
			sbuf_adds(b, ", ");
		sbuf_adds(b, error_quote(q, sizeof q, names[i], strlen(names[i])));
	}
	if (n > 12)
		sbuf_printf(b, ", ... (%zu in all)", n);
}

/* The letter a by-letter column is named for: "R", "Responsible",
 * "Primary (R)"; 0 when the name is none. */
static unsigned column_letter(const char *s, size_t len)
{
	int unknown;
	unsigned b;
	const char *open;

	if (len >= 3 && s[len - 1] == ')' && (open = memchr(s, '(', len)) != NULL) {
		size_t in = (size_t)(s + len - 1 - (open + 1));
		b = raci_parse_cell(open + 1, in, &unknown);
		if (!unknown && b && !(b & (b - 1)))
			return b;
	}
	b = raci_parse_cell(s, len, &unknown);
	return !unknown && b && !(b & (b - 1)) ? b : 0;
}

/* Whether the wide header names its other columns by letter, each once. */
static int by_letter_header(const char *const *names, size_t n)
{
	unsigned seen = 0;
	size_t i, len, count = 0;

	for (i = 0; i < n; i++) {
		const char *s = raci_trim(names[i], &len);
		unsigned b;
		if (text_ieq(s, len, "activity") || text_ieq(s, len, "checks"))
			continue;
		b = column_letter(s, len);
		if (!b || (seen & b))
			return 0;
		seen |= b;
		count++;
	}
	return count >= 2;
}

/* Whether s[0..n) starts with <br>, <br/> or <br />. */
static int is_br(const char *s, size_t n)
{
	return (n >= 4 && text_ieq(s, 4, "<br>")) ||
	       (n >= 5 && text_ieq(s, 5, "<br/>")) ||
	       (n >= 6 && text_ieq(s, 6, "<br />"));
}

/* A by-letter cell: the roles it names, separated by ",", ";", a line
 * end or <br>, each trimmed and without a "(R)" mark of its letter; "-"
 * names none.  "/" is part of a name ("PM / Scrum Master"). */
static void set_letter_roles(struct raci *m, size_t act, unsigned bit,
			     const char *s)
{
	size_t i = 0, n = s ? strlen(s) : 0;

	while (i < n) {
		size_t start = i, end, len;
		const char *t;
		while (i < n && s[i] != ',' && s[i] != ';' && s[i] != '\n' &&
		       !is_br(s + i, n - i))
			i++;
		end = i;
		if (i < n && s[i] == '<')
			i = (size_t)((const char *)memchr(s + i, '>', n - i) - s) + 1;
		else if (i < n)
			i++;
		len = end - start;
		t = s + start;
		text_strip(&t, &len, TEXT_JSON_WS);
		if (len >= 3 && t[len - 1] == ')') {
			const char *open = NULL;
			size_t k;
			for (k = len - 1; k-- > 0;)
				if (t[k] == '(') {
					open = t + k;
					break;
				}
			if (open && column_letter(open, (size_t)(t + len - open)) == bit) {
				len = (size_t)(open - t);
				text_strip(&t, &len, TEXT_JSON_WS);
			}
		}
		if (len == 0 || (len == 1 && t[0] == '-'))
			continue;
		{
			size_t r = find_role(m, t, len);
			if (r == SIZE_MAX)
				r = add_role(m, t, len);
			cell_make(m, act, r)->letters |= (unsigned char)bit;
		}
	}
}

int raci_header(struct raci *m, const char *const *names, size_t n,
		struct error *err)
{
	size_t i, len, nroles0, *first;
	long act = -1, role = -1, code = -1;
	const char *s;
	char *fbuf = NULL;
	struct strtab *seen;

	free(m->col);
	m->col = xcalloc(n ? n : 1, sizeof *m->col);
	m->ncols = n;
	for (i = 0; i < n; i++) {
		s = raci_trim(names[i], &len);
		if (len == 0) {
			error_set(err, NULL, 1, "column %zu has no name", i + 1);
			return -1;
		}
		if (text_ieq(s, len, "activity"))
			act = act < 0 ? (long)i : act;
		else if (text_ieq(s, len, "role"))
			role = role < 0 ? (long)i : role;
		else if (text_ieq(s, len, "code"))
			code = code < 0 ? (long)i : code;
	}
	if (act < 0) {
		struct sbuf b = { 0 };
		list_names(&b, names, n);
		error_set(err, NULL, 1, "no \"activity\" column (columns: %s)",
			  b.p ? b.p : "none");
		free(b.p);
		return -1;
	}
	m->long_form = role >= 0 && code >= 0;
	m->by_letter = !m->long_form && by_letter_header(names, n);
	/* names seen in this header, folded, by a hash table rather than
	 * pairwise: a header may have 100 000 columns */
	seen = strtab_new();
	first = xcalloc(n ? n : 1, sizeof *first);
	nroles0 = m->nroles;
	for (i = 0; i < n; i++) {
		size_t id, k, j;
		s = raci_trim(names[i], &len);
		fbuf = xrealloc(fbuf, len + 1);
		for (k = 0; k < len; k++)
			fbuf[k] = (char)fold((unsigned char)s[k]);
		j = i;
		if (strtab_find(seen, fbuf, len, &id))
			j = first[id];
		else
			first[strtab_intern(seen, fbuf, len)] = i;
		if (text_ieq(s, len, "activity")) {
			m->col[i] = COL_ACTIVITY;
		} else if (text_ieq(s, len, "checks")) {
			m->col[i] = COL_CHECKS;
			m->has_checks = 1;
		} else if (m->long_form) {
			m->col[i] = text_ieq(s, len, "role") ? COL_ROLE :
				    text_ieq(s, len, "code") ? COL_CODE : COL_IGNORE;
		} else if (m->by_letter) {
			unsigned b = column_letter(s, len), bitno = 0;
			while (b >> (bitno + 1))
				bitno++;
			m->col[i] = COL_LETTER - (long)bitno;
		} else {
			m->col[i] = j == i && (nroles0 == 0 || find_role(m, s, len) == SIZE_MAX) ?
				    (long)add_role(m, s, len) : COL_IGNORE;
		}
		if (j < i && (m->col[i] != COL_IGNORE || !m->long_form)) {
			char q[160];
			error_set(err, NULL, 1, "duplicate %scolumn %s (columns %zu and %zu)",
				  m->long_form || m->col[i] != COL_IGNORE ? "" : "role ",
				  error_quote(q, sizeof q, s, len), j + 1, i + 1);
			strtab_free(seen);
			free(first);
			free(fbuf);
			return -1;
		}
	}
	strtab_free(seen);
	free(first);
	free(fbuf);
	return 0;
}

size_t raci_find_activity(const struct raci *m, const char *name, size_t len)
{
	return ix_find(m->act_ix, name, len);
}

int raci_row(struct raci *m, const char *const *fields, size_t n,
	     unsigned long line, struct error *err)
{
	const char *name = NULL, *role = NULL, *code = NULL, *checks = NULL;
	size_t i, len, rlen, a;
	const char *t;

	for (i = 0; i < n && i < m->ncols; i++) {
		switch (m->col[i]) {
		case COL_ACTIVITY: name = fields[i]; break;
		case COL_CHECKS: checks = fields[i]; break;
		case COL_ROLE: role = fields[i]; break;
		case COL_CODE: code = fields[i]; break;
		default: break;
		}
	}
	t = raci_trim(name, &len);
	if (len == 0) {
		error_set(err, NULL, line, "column \"activity\": empty activity name");
		return -1;
	}
	if (!m->long_form) {
		a = add_activity(m, t, len, line);
		for (i = 0; i < n && i < m->ncols; i++) {
			if (m->col[i] >= 0 && fields[i])
				set_cell(m, a, (size_t)m->col[i], fields[i]);
			else if (m->col[i] <= COL_LETTER)
				set_letter_roles(m, a, 1u << (COL_LETTER - m->col[i]), fields[i]);
		}
		add_checks(&m->acts[a], checks);
		return 0;
	}
	role = raci_trim(role, &rlen);
	if (rlen == 0) {
		size_t clen;
		raci_trim(code, &clen);
		if (clen) {
			error_set(err, NULL, line, "column \"role\": empty role for code \"%s\"",
				  code);
			return -1;
		}
	}
	a = raci_find_activity(m, t, len);
	if (a == SIZE_MAX)
		a = add_activity(m, t, len, line);
	if (rlen) {
		size_t r = find_role(m, role, rlen);
		if (r == SIZE_MAX)
			r = add_role(m, role, rlen);
		set_cell(m, a, r, code);
	}
	add_checks(&m->acts[a], checks);
	return 0;
}

/* ---- reading the matrix ---- */

int raci_is_long(const struct raci *m)
{
	return m->long_form;
}

int raci_by_letter(const struct raci *m)
{
	return m->by_letter;
}

int raci_is_heading(const struct raci *m, size_t act)
{
	return act < m->nacts && raci_heading(&m->acts[act]);
}

size_t raci_nroles(const struct raci *m)
{
	return m->nroles;
}

size_t raci_nactivities(const struct raci *m)
{
	return m->nacts;
}

const char *raci_role(const struct raci *m, size_t role)
{
	return role < m->nroles ? m->roles[role] : NULL;
}

const char *raci_activity(const struct raci *m, size_t act)
{
	return act < m->nacts ? m->acts[act].name : NULL;
}

unsigned raci_letters(const struct raci *m, size_t act, size_t role)
{
	const struct cell *c = raci_cell(m, act, role);

	return c ? c->letters : 0;
}

/* ---- lookups ---- */

int raci_match(const struct raci *m, enum raci_kind kind, const char *name,
	       size_t *idx, struct error *err)
{
	size_t n = kind == RACI_ROLE ? m->nroles : m->nacts, i, hits = 0, first = 0;
	const char *what = kind == RACI_ROLE ? "role" : "activity";
	struct sbuf b = { 0 };
	size_t len;
	const char *q = raci_trim(name, &len);
	char *key = xmemdup(q, len);

#define NAME_OF(i) (kind == RACI_ROLE ? m->roles[(i)] : m->acts[(i)].name)
	for (i = 0; i < n; i++) {
		if (text_casecmp(NAME_OF(i), key) == 0) {
			*idx = i;
			free(key);
			return 0;
		}
	}
	for (i = 0; i < n; i++) {
		if (!name_prefix(key, NAME_OF(i)))
			continue;
		/* a duplicate activity name is one candidate */
		if (hits && text_casecmp(NAME_OF(i), NAME_OF(first)) == 0)
			continue;
		if (hits++ == 0)
			first = i;
	}
	if (hits == 1) {
		*idx = first;
		free(key);
		return 0;
	}
	if (hits > 1) {
		sbuf_printf(&b, "%s \"%s\" is ambiguous; it could be: ", what, key);
		hits = 0;
		for (i = 0; i < n; i++)
			if (name_prefix(key, NAME_OF(i)))
				sbuf_printf(&b, "%s%s", hits++ ? ", " : "", NAME_OF(i));
	} else {
		sbuf_printf(&b, "no %s \"%s\"; the %s are: ", what, key,
			   kind == RACI_ROLE ? "roles" : "activities");
		for (i = 0; i < n; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", NAME_OF(i));
		if (n == 0)
			sbuf_adds(&b, "none");
	}
#undef NAME_OF
	free(key);
	/* a long list is cut on a character boundary to fit err->msg */
	if (b.len >= sizeof err->msg) {
		size_t cut = utf8_floor(b.p, sizeof err->msg - 5);
		error_set(err, NULL, 0, "%.*s ...", (int)cut, b.p);
	} else {
		error_set(err, NULL, 0, "%s", sbuf_str(&b));
	}
	sbuf_release(&b);
	return -1;
}

/* ---- the template ---- */

#define NT_ROLES 5
#define NT_ACTS 18

static const char *const t_roles_en[NT_ROLES] = {
	"IT", "PMO", "Project manager", "Vendor", "CIO"
};
static const char *const t_roles_zh[NT_ROLES] = {
	"IT运维", "PMO", "项目经理", "供应商", "CIO"
};

/* Each role is A for at most 6 of the 18 activities (IT 6, PMO 6,
 * project manager 2, CIO 4), every activity has one A and one to three
 * R, and every check of inspect, sla-check and raci has an owner. */
static const struct {
	const char *en, *zh;
	const char *cells[NT_ROLES];	/* IT, PMO, PM, vendor, CIO */
	const char *checks;
} t_acts[NT_ACTS] = {
	{ "server configuration", "服务器配置",
	  { "R/A", "I", "", "C", "" }, "consecutive_failures;latency_p95" },
	{ "database management", "数据库管理",
	  { "R/A", "", "", "C", "" }, "" },
	{ "network security", "网络安全",
	  { "R/A", "", "", "C", "I" }, "failed_logins" },
	{ "version upgrades and patches", "版本升级与补丁",
	  { "R/A", "C", "I", "R", "I" }, "" },
	{ "backup and disaster recovery", "备份与灾难恢复",
	  { "R/A", "I", "", "C", "I" }, "" },
	{ "vendor liaison", "供应商联络",
	  { "C", "R", "I", "C", "A" }, "" },
	{ "custom fields and workflows", "自定义字段与工作流",
	  { "R", "A", "C", "C", "" }, "" },
	{ "permissions", "权限管理",
	  { "R", "A", "C", "", "" }, "disabled_account_activity;unknown_user" },
	{ "report templates", "报表模板",
	  { "C", "R/A", "C", "", "I" }, "" },
	{ "user feedback", "用户反馈",
	  { "I", "C", "R/A", "I", "" }, "" },
	{ "user training", "用户培训",
	  { "C", "R", "A", "C", "" }, "" },
	{ "weekly inspection", "每周巡检",
	  { "R", "A", "I", "I", "" }, "" },
	{ "monthly review", "月度评审",
	  { "C", "R/A", "C", "I", "I" }, "" },
	{ "quarterly optimisation", "季度优化",
	  { "C", "R", "C", "C", "A" },
	  "no_accountable;multiple_accountable;no_responsible;unknown_code;"
	  "duplicate_activity;empty_matrix;idle_role;accountable_bottleneck;"
	  "too_many_responsible" },
	{ "yearly evaluation", "年度评估",
	  { "C", "R", "C", "I", "A" }, "" },
	{ "SLA monitoring", "SLA监控",
	  { "C", "R", "I", "C", "A" }, "availability;response;resolution" },
	{ "log analysis", "日志分析",
	  { "R/A", "I", "", "C", "" }, "error_rate;error_burst;log_gap" },
	{ "account clean-up", "账号清理",
	  { "R", "A", "C", "", "" }, "stale_account;dormant_admin;expired_project" },
};

struct raci *raci_template(const char *lang)
{
	const char *const *roles;
	struct raci *m;
	size_t i, r;
	int zh;

	if (!lang || strcmp(lang, "en") == 0)
		zh = 0;
	else if (strcmp(lang, "zh") == 0)
		zh = 1;
	else
		return NULL;
	roles = zh ? t_roles_zh : t_roles_en;
	m = raci_new();
	m->has_checks = 1;
	for (r = 0; r < NT_ROLES; r++)
		add_role(m, roles[r], strlen(roles[r]));
	for (i = 0; i < NT_ACTS; i++) {
		const char *name = zh ? t_acts[i].zh : t_acts[i].en;
		size_t a = add_activity(m, name, strlen(name), i + 2);
		for (r = 0; r < NT_ROLES; r++)
			set_cell(m, a, r, t_acts[i].cells[r]);
		add_checks(&m->acts[a], t_acts[i].checks);
	}
	return m;
}
