/* raci_check: the rules of raci(1) over a matrix -- one accountable and at
 * least one responsible per activity, codes that are RACI letters, no
 * duplicate activity, no idle role, no role accountable for more than a
 * third -- each broken rule a finding in the caller's list. */
#include "raci/raci.h"
#include "raci/raci_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/finding.h"
#include "io/jbuild.h"
#include "base/sbuf.h"
#include "base/xalloc.h"

const char *const raci_check_names[] = {
	"no_accountable", "multiple_accountable", "no_responsible",
	"unknown_code", "duplicate_activity", "empty_matrix", "idle_role",
	"accountable_bottleneck", "too_many_responsible", NULL
};

/* The activities, section headings left out. */
static size_t real_activities(const struct raci *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->nacts; i++)
		n += !raci_heading(&m->acts[i]);
	return n;
}

/* Adds a finding; value, threshold and data (NULL: {}) are stolen. */
static void add_finding(struct findings *f, enum severity sev,
			const char *check, const char *subject, json_t *value,
			json_t *threshold, const char *message, json_t *data)
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
	x.data = data ? data : jobject();
	findings_add(f, &x, NULL);
}

/* The roles of activity a holding letter, as "IT, PMO" in b and as an
 * array in list (NULL: not wanted); returns count. */
static size_t roles_with(const struct raci *m, size_t act, unsigned letter,
			 struct sbuf *b, json_t *list)
{
	struct cell *tmp;
	const struct cell *c = raci_cells_sorted(&m->acts[act], &tmp);
	size_t k, n = 0;

	for (k = 0; k < m->acts[act].ncells; k++) {
		if (c[k].letters & letter) {
			if (n++)
				sbuf_adds(b, ", ");
			sbuf_adds(b, m->roles[c[k].role]);
			if (list)
				jappend(list, jstr(m->roles[c[k].role]));
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
	json_t *roles = jarray(), *data;

	n = roles_with(m, i, RACI_A, &b, roles);
	if (n == 0) {
		sbuf_printf(&msg, "activity \"%s\" has no accountable role (A)", a->name);
		add_finding(f, SEV_CRITICAL, "no_accountable", a->name, jint(0),
			    jint(1), msg.p, NULL);
	} else if (n > 1) {
		sbuf_printf(&msg, "activity \"%s\" has %zu accountable roles (%s); it needs exactly one",
			   a->name, n, b.p);
		data = jobject();
		jset(data, "count", jint((long long)n));
		jset(data, "roles", json_incref(roles));
		add_finding(f, SEV_CRITICAL, "multiple_accountable", a->name,
			    jint((long long)n), jint(1), msg.p, data);
	}
	b.len = msg.len = 0;
	json_decref(roles);	/* the finding's data holds its own reference */
	roles = jarray();
	n = roles_with(m, i, RACI_R, &b, roles);
	if (n == 0) {
		sbuf_printf(&msg, "activity \"%s\" has no responsible role (R)", a->name);
		add_finding(f, SEV_CRITICAL, "no_responsible", a->name, jint(0),
			    jint(1), msg.p, NULL);
	} else if ((long)n > max_r) {
		sbuf_printf(&msg, "activity \"%s\" has %zu responsible roles (%s), more than %ld",
			   a->name, n, b.p, max_r);
		data = jobject();
		jset(data, "count", jint((long long)n));
		jset(data, "roles", json_incref(roles));
		jset(data, "limit", jint(max_r));
		add_finding(f, SEV_WARNING, "too_many_responsible", a->name,
			    jint((long long)n), jint(max_r), msg.p, data);
	}
	json_decref(roles);
	c = raci_cells_sorted(a, &tmp);
	for (k = 0; k < a->ncells; k++) {
		const char *raw = c[k].raw, *role = m->roles[c[k].role];
		if (!raw)
			continue;
		msg.len = subj.len = 0;
		sbuf_printf(&subj, "%s / %s", a->name, role);
		sbuf_printf(&msg, "activity \"%s\", role \"%s\": \"%s\" is not a RACI code (R, A, C, I)",
			   a->name, role, raw);
		data = jobject();
		jset(data, "activity", jstr(a->name));
		jset(data, "role", jstr(role));
		jset(data, "code", jstr(raw));
		add_finding(f, SEV_CRITICAL, "unknown_code", subj.p, jstr(raw),
			    NULL, msg.p, data);
	}
	free(tmp);
	free(b.p);
	free(msg.p);
	free(subj.p);
}

static void check_duplicates(const struct raci *m, struct findings *f)
{
	struct sbuf msg = { 0 };
	size_t i, j;
	json_t *data, *lines;
	/* per activity: the next one of the same name (SIZE_MAX: none), the
	 * last one seen of its name, and how many there are; linear, as a
	 * matrix may have 100 000 rows */
	size_t *next = xcalloc(m->nacts ? m->nacts : 1, sizeof *next);
	size_t *last = xcalloc(m->nacts ? m->nacts : 1, sizeof *last);
	size_t *count = xcalloc(m->nacts ? m->nacts : 1, sizeof *count);

	for (i = 0; i < m->nacts; i++) {
		size_t first;
		next[i] = SIZE_MAX;
		if (raci_heading(&m->acts[i]))
			continue;	/* "Operations" may head two sections */
		first = raci_find_activity(m, m->acts[i].name, strlen(m->acts[i].name));
		if (count[first]++)
			next[last[first]] = i;
		last[first] = i;
	}
	for (i = 0; i < m->nacts; i++) {
		size_t n = count[i];	/* 0 unless i is the first of its name */
		if (n <= 1)
			continue;
		msg.len = 0;
		lines = jarray();
		sbuf_printf(&msg, "activity \"%s\" appears %zu times (lines %lu", m->acts[i].name,
			   n, m->acts[i].line);
		jappend(lines, jint((long long)m->acts[i].line));
		for (j = next[i]; j != SIZE_MAX; j = next[j]) {
			sbuf_printf(&msg, ", %lu", m->acts[j].line);
			jappend(lines, jint((long long)m->acts[j].line));
		}
		sbuf_adds(&msg, ")");
		data = jobject();
		jset(data, "count", jint((long long)n));
		jset(data, "lines", lines);
		add_finding(f, SEV_CRITICAL, "duplicate_activity", m->acts[i].name,
			    jint((long long)n), jint(1), msg.p, data);
	}
	free(next);
	free(last);
	free(count);
	free(msg.p);
}

static void check_roles(const struct raci *m, struct findings *f)
{
	struct sbuf msg = { 0 };
	size_t r, i, k;
	json_t *data;
	size_t limit = real_activities(m) / 3;	/* n_A > n / 3  <=>  n_A > floor(n / 3) */
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
		size_t na = nacc[r], any = nany[r];
		msg.len = 0;
		if (any == 0) {
			sbuf_printf(&msg, "role \"%s\" has no letter in any activity", m->roles[r]);
			add_finding(f, SEV_WARNING, "idle_role", m->roles[r], jint(0),
				    jint(1), msg.p, NULL);
		} else if (na > limit) {
			sbuf_printf(&msg, "role \"%s\" is accountable for %zu of %zu activities, more than a third",
				   m->roles[r], na, real_activities(m));
			data = jobject();
			jset(data, "accountable", jint((long long)na));
			jset(data, "activities", jint((long long)real_activities(m)));
			add_finding(f, SEV_WARNING, "accountable_bottleneck", m->roles[r],
				    jint((long long)na), jint((long long)limit), msg.p, data);
		}
	}
	free(nany);
	free(nacc);
	free(msg.p);
}

/* empty_matrix's data: what the matrix lacks. */
static json_t *empty_data(const char *missing)
{
	json_t *d = jobject();

	jset(d, "missing", jstr(missing));
	return d;
}

void raci_check(const struct raci *m, long max_r, struct findings *f)
{
	size_t i, n = real_activities(m);

	if (n == 0 || m->nroles == 0) {
		add_finding(f, SEV_CRITICAL, "empty_matrix", "matrix", jint(0), jint(1),
			    m->nroles == 0 && m->nacts ? "the matrix has no roles"
						       : "the matrix has no activities",
			    empty_data(m->nroles == 0 && m->nacts ? "roles" : "activities"));
		return;
	}
	/* section headings are kept in the matrix, not judged */
	for (i = 0; i < m->nacts; i++)
		if (!raci_heading(&m->acts[i]))
			check_activity(m, i, max_r, f);
	check_duplicates(m, f);
	check_roles(m, f);
}

