/* raci: the matrix is a list of activities, each with its non-empty cells
 * (role, letters RACI_R|RACI_A|..., the raw text when the cell holds
 * something else) and the check names its "checks" column lists.  Cells
 * are stored sparsely -- a long-form table of 100 000 activities and
 * 100 000 roles holds 100 000 cells, not 10^10 -- and found by a hash of
 * (activity, role).  Names are found by hash too (name_index). */
#include "raci/raci.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/jbuild.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/strtab.h"
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

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s trimmed of surrounding white space: *len set, start returned. */
static const char *trim(const char *s, size_t *len)
{
	size_t n;

	if (!s)
		s = "";
	n = strlen(s);
	while (n && is_space((unsigned char)s[n - 1]))
		n--;
	while (n && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	*len = n;
	return s;
}

/* ---- cells ---- */

static const char letter_chars[] = "RACI";
static const char *const letter_words[] = {
	"responsible", "accountable", "consulted", "informed"
};

static int is_cell_sep(int c)
{
	return is_space(c) || c == '/' || c == ',' || c == ';' || c == '+' ||
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

enum { COL_IGNORE = -1, COL_ACTIVITY = -2, COL_CHECKS = -3, COL_ROLE = -4,
       COL_CODE = -5 };

struct cell {
	size_t role;
	char *raw;		/* the text when it has an unknown code, or NULL */
	unsigned char letters;
};

struct activity {
	char *name;
	struct cell *cells;	/* in the order first set; absent: no letters */
	size_t ncells, capcells;
	int unsorted;		/* cells not in role order (long form) */
	char **checks;
	size_t nchecks, capchecks;
	unsigned long line;
};

struct raci {
	char **roles;
	size_t nroles, caproles;
	struct activity *acts;
	size_t nacts, capacts;
	int long_form, has_checks;
	long *col;		/* per input column: role index or COL_* */
	size_t ncols;
	/* folded names -> the first role or activity of that name, so that
	 * lookups stay O(1) with 100 000 of them */
	struct name_index *role_ix, *act_ix;
	/* (activity, role) -> index in the activity's cells; open addressing,
	 * empty slots have act SIZE_MAX */
	struct cell_slot { size_t act, role, pos; } *cix;
	size_t cixcap, cixn;
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
		if (s[i] == ';' || s[i] == ',' || is_space((unsigned char)s[i])) {
			i++;
			continue;
		}
		start = i;
		while (s[i] && s[i] != ';' && s[i] != ',' && !is_space((unsigned char)s[i]))
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

/* The cell of role in activity act, or NULL. */
static const struct cell *cell_of(const struct raci *m, size_t act, size_t role)
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

/* The cells of an activity in role order: its own array, or a sorted copy
 * in *tmp (to free; NULL when none was needed). */
static const struct cell *cells_sorted(const struct activity *a, struct cell **tmp)
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
	const char *t = trim(s, &len);
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

int raci_header(struct raci *m, const char *const *names, size_t n,
		struct error *err)
{
	size_t i, j, len, nroles0, *first;
	long act = -1, role = -1, code = -1;
	const char *s;
	char *fbuf = NULL;
	struct strtab *seen;

	free(m->col);
	m->col = xcalloc(n ? n : 1, sizeof *m->col);
	m->ncols = n;
	for (i = 0; i < n; i++) {
		s = trim(names[i], &len);
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
	/* names seen in this header, folded, by a hash table rather than
	 * pairwise: a header may have 100 000 columns */
	seen = strtab_new();
	first = xcalloc(n ? n : 1, sizeof *first);
	nroles0 = m->nroles;
	for (i = 0; i < n; i++) {
		size_t id, k;
		s = trim(names[i], &len);
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

/* The first activity named name[0..len), or SIZE_MAX. */
static size_t find_activity(const struct raci *m, const char *name, size_t len)
{
	return ix_find(m->act_ix, name, len);
}

int raci_row(struct raci *m, const char *const *fields, size_t n,
	     unsigned long line, struct error *err)
{
	const char *name = NULL, *role = NULL, *code = NULL, *checks = NULL;
	size_t i, len, rlen, a, r;
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
	t = trim(name, &len);
	if (len == 0) {
		error_set(err, NULL, line, "column \"activity\": empty activity name");
		return -1;
	}
	if (!m->long_form) {
		a = add_activity(m, t, len, line);
		for (i = 0; i < n && i < m->ncols; i++)
			if (m->col[i] >= 0 && fields[i])
				set_cell(m, a, (size_t)m->col[i], fields[i]);
		add_checks(&m->acts[a], checks);
		return 0;
	}
	role = trim(role, &rlen);
	if (rlen == 0) {
		size_t clen;
		trim(code, &clen);
		if (clen) {
			error_set(err, NULL, line, "column \"role\": empty role for code \"%s\"",
				  code);
			return -1;
		}
	}
	a = find_activity(m, t, len);
	if (a == SIZE_MAX)
		a = add_activity(m, t, len, line);
	if (rlen) {
		r = find_role(m, role, rlen);
		if (r == SIZE_MAX)
			r = add_role(m, role, rlen);
		set_cell(m, a, r, code);
	}
	add_checks(&m->acts[a], checks);
	return 0;
}

int raci_is_long(const struct raci *m)
{
	return m->long_form;
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
	const struct cell *c = cell_of(m, act, role);

	return c ? c->letters : 0;
}

static const char *raw_cell(const struct raci *m, size_t act, size_t role)
{
	const struct cell *c = cell_of(m, act, role);

	return c ? c->raw : NULL;
}

/* ---- rules ---- */

const char *const raci_check_names[] = {
	"no_accountable", "multiple_accountable", "no_responsible",
	"unknown_code", "duplicate_activity", "empty_matrix", "idle_role",
	"accountable_bottleneck", "too_many_responsible", NULL
};

static void add_finding(struct findings *f, enum severity sev,
			const char *check, const char *subject, json_t *value,
			json_t *threshold, const char *message)
{
	struct finding x;

	x.severity = sev;
	x.check = check;
	x.subject = subject;
	x.value = value;
	x.threshold = threshold;
	x.message = message;
	x.first_seen = x.last_seen = FINDING_NO_TIME;
	x.count = -1;
	findings_add(f, &x, NULL);
}

/* The roles of activity a holding letter, as "IT, PMO"; returns count. */
static size_t roles_with(const struct raci *m, size_t act, unsigned letter,
			 struct sbuf *b)
{
	struct cell *tmp;
	const struct cell *c = cells_sorted(&m->acts[act], &tmp);
	size_t k, n = 0;

	for (k = 0; k < m->acts[act].ncells; k++) {
		if (c[k].letters & letter) {
			if (n++)
				sbuf_adds(b, ", ");
			sbuf_adds(b, m->roles[c[k].role]);
		}
	}
	free(tmp);
	return n;
}

static void check_activity(const struct raci *m, size_t i, long max_r,
			   struct findings *f)
{
	const struct activity *a = &m->acts[i];
	struct sbuf b = { 0 }, msg = { 0 }, subj = { 0 };
	struct cell *tmp;
	const struct cell *c;
	size_t n, k;

	n = roles_with(m, i, RACI_A, &b);
	if (n == 0) {
		sbuf_printf(&msg, "activity \"%s\" has no accountable role (A)", a->name);
		add_finding(f, SEV_CRITICAL, "no_accountable", a->name, jint(0),
			    jint(1), msg.p);
	} else if (n > 1) {
		sbuf_printf(&msg, "activity \"%s\" has %zu accountable roles (%s); it needs exactly one",
			   a->name, n, b.p);
		add_finding(f, SEV_CRITICAL, "multiple_accountable", a->name,
			    jint((long long)n), jint(1), msg.p);
	}
	b.len = msg.len = 0;
	n = roles_with(m, i, RACI_R, &b);
	if (n == 0) {
		sbuf_printf(&msg, "activity \"%s\" has no responsible role (R)", a->name);
		add_finding(f, SEV_CRITICAL, "no_responsible", a->name, jint(0),
			    jint(1), msg.p);
	} else if ((long)n > max_r) {
		sbuf_printf(&msg, "activity \"%s\" has %zu responsible roles (%s), more than %ld",
			   a->name, n, b.p, max_r);
		add_finding(f, SEV_WARNING, "too_many_responsible", a->name,
			    jint((long long)n), jint(max_r), msg.p);
	}
	c = cells_sorted(a, &tmp);
	for (k = 0; k < a->ncells; k++) {
		const char *raw = c[k].raw, *role = m->roles[c[k].role];
		if (!raw)
			continue;
		msg.len = subj.len = 0;
		sbuf_printf(&subj, "%s / %s", a->name, role);
		sbuf_printf(&msg, "activity \"%s\", role \"%s\": \"%s\" is not a RACI code (R, A, C, I)",
			   a->name, role, raw);
		add_finding(f, SEV_CRITICAL, "unknown_code", subj.p, jstr(raw),
			    NULL, msg.p);
	}
	free(tmp);
	free(b.p);
	free(msg.p);
	free(subj.p);
}

static void check_duplicates(const struct raci *m, struct findings *f)
{
	struct sbuf msg = { 0 };
	size_t i, j, n;
	/* per activity: the next one of the same name (SIZE_MAX: none), the
	 * last one seen of its name, and how many there are; linear, as a
	 * matrix may have 100 000 rows */
	size_t *next = xcalloc(m->nacts ? m->nacts : 1, sizeof *next);
	size_t *last = xcalloc(m->nacts ? m->nacts : 1, sizeof *last);
	size_t *count = xcalloc(m->nacts ? m->nacts : 1, sizeof *count);

	for (i = 0; i < m->nacts; i++) {
		size_t first;
		next[i] = SIZE_MAX;
		first = find_activity(m, m->acts[i].name, strlen(m->acts[i].name));
		if (count[first]++)
			next[last[first]] = i;
		last[first] = i;
	}
	for (i = 0; i < m->nacts; i++) {
		n = count[i];	/* 0 unless i is the first of its name */
		if (n <= 1)
			continue;
		msg.len = 0;
		sbuf_printf(&msg, "activity \"%s\" appears %zu times (lines %lu", m->acts[i].name,
			   n, m->acts[i].line);
		for (j = next[i]; j != SIZE_MAX; j = next[j])
			sbuf_printf(&msg, ", %lu", m->acts[j].line);
		sbuf_adds(&msg, ")");
		add_finding(f, SEV_CRITICAL, "duplicate_activity", m->acts[i].name,
			    jint((long long)n), jint(1), msg.p);
	}
	free(next);
	free(last);
	free(count);
	free(msg.p);
}

static void check_roles(const struct raci *m, struct findings *f)
{
	struct sbuf msg = { 0 };
	size_t r, i, k, na, any;
	size_t limit = m->nacts / 3;	/* n_A > nacts / 3  <=>  n_A > floor(nacts / 3) */
	/* per role: the activities where it has a letter, and an A; one pass
	 * over the cells */
	size_t *nany = xcalloc(m->nroles ? m->nroles : 1, sizeof *nany);
	size_t *nacc = xcalloc(m->nroles ? m->nroles : 1, sizeof *nacc);

	for (i = 0; i < m->nacts; i++) {
		for (k = 0; k < m->acts[i].ncells; k++) {
			const struct cell *c = &m->acts[i].cells[k];
			if (c->letters)
				nany[c->role]++;
			if (c->letters & RACI_A)
				nacc[c->role]++;
		}
	}
	for (r = 0; r < m->nroles; r++) {
		na = nacc[r];
		any = nany[r];
		msg.len = 0;
		if (any == 0) {
			sbuf_printf(&msg, "role \"%s\" has no letter in any activity", m->roles[r]);
			add_finding(f, SEV_WARNING, "idle_role", m->roles[r], jint(0),
				    jint(1), msg.p);
		} else if (na > limit) {
			sbuf_printf(&msg, "role \"%s\" is accountable for %zu of %zu activities, more than a third",
				   m->roles[r], na, m->nacts);
			add_finding(f, SEV_WARNING, "accountable_bottleneck", m->roles[r],
				    jint((long long)na), jint((long long)limit), msg.p);
		}
	}
	free(nany);
	free(nacc);
	free(msg.p);
}

void raci_check(const struct raci *m, long max_r, struct findings *f)
{
	size_t i;

	if (m->nacts == 0 || m->nroles == 0) {
		add_finding(f, SEV_CRITICAL, "empty_matrix", "matrix", jint(0), jint(1),
			    m->nacts == 0 ? "the matrix has no activities"
					  : "the matrix has no roles");
		return;
	}
	for (i = 0; i < m->nacts; i++)
		check_activity(m, i, max_r, f);
	check_duplicates(m, f);
	check_roles(m, f);
}

/* ---- lookups ---- */

int raci_match(const struct raci *m, enum raci_kind kind, const char *name,
	       size_t *idx, char **msg)
{
	size_t n = kind == RACI_ROLE ? m->nroles : m->nacts, i, hits = 0, first = 0;
	const char *what = kind == RACI_ROLE ? "role" : "activity";
	struct sbuf b = { 0 };
	size_t len;
	const char *q = trim(name, &len);
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
	*msg = sbuf_take(&b);
	return -1;
}

static json_t *letter_row(unsigned bit, const char *key, json_t *names)
{
	json_t *o = jobject();
	char l[2] = { 0, 0 };
	size_t i;

	for (i = 0; i < 4; i++)
		if (bit == 1u << i)
			l[0] = letter_chars[i];
	jset(o, "letter", jstr(l));
	jset(o, key, names);
	return o;
}

json_t *raci_who(const struct raci *m, size_t act)
{
	json_t *rows = jarray(), *names;
	struct cell *tmp = NULL;
	const struct cell *c = NULL;
	unsigned bit;
	size_t k, n = 0;

	if (act < m->nacts) {
		c = cells_sorted(&m->acts[act], &tmp);
		n = m->acts[act].ncells;
	}
	for (bit = 1; bit <= RACI_I; bit <<= 1) {
		names = jarray();
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
	json_t *rows = jarray(), *names;
	unsigned bit;
	size_t i;

	for (bit = 1; bit <= RACI_I; bit <<= 1) {
		names = jarray();
		for (i = 0; i < m->nacts; i++)
			if (raci_letters(m, i, role) & bit)
				jappend(names, jstr(m->acts[i].name));
		jappend(rows, letter_row(bit, "activities", names));
	}
	return rows;
}

/* ---- forms ---- */

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

static json_t *cell_json(const struct raci *m, size_t act, size_t role)
{
	const char *raw = raw_cell(m, act, role);
	char code[8];

	if (raw) {
		/* the text as written, after the letters that came from other
		   codes of the same pair (long form) */
		unsigned l = raci_letters(m, act, role) &
			     ~raci_parse_cell(raw, strlen(raw), NULL);
		struct sbuf b = { 0 };
		json_t *j;
		if (l) {
			sbuf_adds(&b, raci_code_text(l, code));
			sbuf_adds(&b, "/");
		}
		sbuf_adds(&b, raw);
		j = jstr(b.p);
		free(b.p);
		return j;
	}
	return jstr(raci_code_text(raci_letters(m, act, role), code));
}

json_t *raci_rows(const struct raci *m, int long_form)
{
	json_t *rows = jarray(), *o;
	struct cell *tmp;
	const struct cell *c;
	size_t i, r, k;
	char *checks;
	int first;

	for (i = 0; i < m->nacts; i++) {
		const struct activity *a = &m->acts[i];
		checks = checks_text(a);
		if (!long_form) {
			o = jobject();
			jset(o, "activity", jstr(a->name));
			for (r = 0; r < m->nroles; r++)
				jset(o, m->roles[r], cell_json(m, i, r));
			if (m->has_checks)
				jset(o, "checks", jstr(checks));
			jappend(rows, o);
			free(checks);
			continue;
		}
		first = 1;
		c = cells_sorted(a, &tmp);
		for (k = 0; k < a->ncells; k++) {
			if (!c[k].letters && !c[k].raw)
				continue;
			r = c[k].role;
			o = jobject();
			jset(o, "activity", jstr(a->name));
			jset(o, "role", jstr(m->roles[r]));
			jset(o, "code", cell_json(m, i, r));
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

static void escape(struct sbuf *b, const char *s, enum raci_markup how)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, how == RACI_HTML ? "&quot;" : "\""); break;
		case '\'': sbuf_adds(b, how == RACI_HTML ? "&#39;" : "'"); break;
		case '|': sbuf_adds(b, how == RACI_MD ? "\\|" : "|"); break;
		case '\\': sbuf_adds(b, how == RACI_MD ? "\\\\" : "\\"); break;
		case '\r':
		case '\n': sbuf_adds(b, how == RACI_MD ? " " : "<br>"); break;
		default: sbuf_add(b, s, 1); break;
		}
	}
}

static void cell_out(struct sbuf *b, const json_t *v, enum raci_markup how,
		     int head)
{
	const char *s = json_string_value(v);

	if (how == RACI_MD) {
		sbuf_adds(b, "| ");
		escape(b, s ? s : "", how);
		sbuf_adds(b, " ");
	} else {
		sbuf_adds(b, head ? "<th>" : "<td>");
		escape(b, s ? s : "", how);
		sbuf_adds(b, head ? "</th>" : "</td>");
	}
}

char *raci_render(const json_t *rows, enum raci_markup how)
{
	struct sbuf b = { 0 };
	const json_t *first = json_array_get(rows, 0);
	size_t i, n = first ? json_object_size(first) : 0;
	json_t *key;

	if (!first)
		return xstrdup("");
	if (how == RACI_HTML)
		sbuf_adds(&b, "<table>\n<thead>\n<tr>");
	for (void *it = json_object_iter((json_t *)(uintptr_t)first); it;
	     it = json_object_iter_next((json_t *)(uintptr_t)first, it)) {
		key = json_string(json_object_iter_key(it));
		cell_out(&b, key, how, 1);
		json_decref(key);
	}
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
		for (void *it = json_object_iter((json_t *)(uintptr_t)first); it;
		     it = json_object_iter_next((json_t *)(uintptr_t)first, it))
			cell_out(&b, json_object_get(row, json_object_iter_key(it)), how, 0);
		sbuf_adds(&b, how == RACI_MD ? "|\n" : "</tr>\n");
	}
	if (how == RACI_HTML)
		sbuf_adds(&b, "</tbody>\n</table>\n");
	return sbuf_take(&b);
}

static json_t *csv_safe_value(const json_t *v)
{
	const char *s = json_string_value(v);
	struct sbuf b = { 0 };
	json_t *j;

	if (!s || !strchr("=+-@", s[0]) || s[0] == '\0')
		return json_deep_copy(v);
	sbuf_adds(&b, "'");
	sbuf_adds(&b, s);
	j = jstr(b.p);
	free(b.p);
	return j;
}

json_t *raci_csv_safe(const json_t *rows)
{
	json_t *out = jarray(), *o;
	size_t i;

	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *row = json_array_get(rows, i);
		o = jobject();
		for (void *it = json_object_iter((json_t *)(uintptr_t)row); it;
		     it = json_object_iter_next((json_t *)(uintptr_t)row, it))
			jset(o, json_object_iter_key(it),
			     csv_safe_value(json_object_iter_value(it)));
		jappend(out, o);
	}
	return out;
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
	size_t i, r, a;
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
		a = add_activity(m, name, strlen(name), i + 2);
		for (r = 0; r < NT_ROLES; r++)
			set_cell(m, a, r, t_acts[i].cells[r]);
		add_checks(&m->acts[a], t_acts[i].checks);
	}
	return m;
}

/* ---- routing ---- */

struct person {
	char *role, *name, *email;
};

struct raci_people {
	struct person *p;
	size_t n, cap;
};

struct raci_people *raci_people_new(void)
{
	return xcalloc(1, sizeof(struct raci_people));
}

void raci_people_free(struct raci_people *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->p[i].role);
		free(p->p[i].name);
		free(p->p[i].email);
	}
	free(p->p);
	free(p);
}

void raci_people_add(struct raci_people *p, const char *role,
		     const char *person, const char *email)
{
	size_t len;
	const char *t;

	p->p = vec_reserve(p->p, &p->cap, p->n + 1, sizeof *p->p);
	t = trim(role, &len);
	p->p[p->n].role = xmemdup(t, len);
	t = trim(person, &len);
	p->p[p->n].name = xmemdup(t, len);
	t = trim(email, &len);
	p->p[p->n].email = xmemdup(t, len);
	p->n++;
}

/* Appends role r as its people ("Li Wei <li.wei@example.com>"), or as its
 * name when the people file has nobody for it. */
static void owner_text(struct sbuf *b, const char *role,
		       const struct raci_people *p)
{
	size_t i, n = 0;

	for (i = 0; p && i < p->n; i++) {
		const struct person *x = &p->p[i];
		if (text_casecmp(x->role, role) != 0)
			continue;
		if (n++)
			sbuf_adds(b, "; ");
		sbuf_adds(b, x->name);
		if (x->email[0])
			sbuf_printf(b, "%s<%s>", x->name[0] ? " " : "", x->email);
	}
	if (n == 0)
		sbuf_adds(b, role);
}

int raci_route(const struct raci *m, const struct raci_people *p,
	       const char *check, json_t *finding)
{
	static const char *const keys[] = {
		"responsible", "accountable", "consulted", "informed"
	};
	unsigned char *have = xcalloc(m->nroles ? m->nroles : 1, 1);
	struct sbuf b = { 0 };
	size_t i, j, r;
	int found = 0;
	unsigned bit;

	if (!check)
		check = "";
	for (i = 0; i < m->nacts; i++) {
		for (j = 0; j < m->acts[i].nchecks; j++)
			if (text_casecmp(m->acts[i].checks[j], check) == 0)
				break;
		if (j == m->acts[i].nchecks)
			continue;
		found = 1;
		for (r = 0; r < m->acts[i].ncells; r++)
			have[m->acts[i].cells[r].role] |= m->acts[i].cells[r].letters;
	}
	for (j = 0, bit = 1; j < 4; j++, bit <<= 1) {
		size_t n = 0;
		b.len = 0;
		if (b.p)
			b.p[0] = '\0';
		if (!found && (bit == RACI_R || bit == RACI_A))
			sbuf_adds(&b, "unassigned");
		for (r = 0; found && r < m->nroles; r++) {
			if (!(have[r] & bit))
				continue;
			if (n++)
				sbuf_adds(&b, "; ");
			owner_text(&b, m->roles[r], p);
		}
		jset(finding, keys[j], jstr(b.p ? b.p : ""));
	}
	free(b.p);
	free(have);
	return found;
}
