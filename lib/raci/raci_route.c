/* raci_route: the owners of a finding -- the roles of every activity whose
 * checks column lists the finding's check, by letter, named as the people
 * of each role when a people list (role, person, e-mail) is given. */
#include "raci/raci.h"
#include "raci/raci_int.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "inspect/checks.h"
#include "io/jbuild.h"
#include "base/sbuf.h"
#include "base/text.h"
#include "base/xalloc.h"

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
	t = raci_trim(role, &len);
	p->p[p->n].role = xmemdup(t, len);
	t = raci_trim(person, &len);
	p->p[p->n].name = xmemdup(t, len);
	t = raci_trim(email, &len);
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


/* ---- the runbook ---- */

struct rb_row {
	char *check, *subject, *remedy, *link;
};

struct raci_runbook {
	struct rb_row *row;
	size_t n, cap;
};

struct raci_runbook *raci_runbook_new(void)
{
	return xcalloc(1, sizeof(struct raci_runbook));
}

void raci_runbook_free(struct raci_runbook *rb)
{
	size_t i;

	if (!rb)
		return;
	for (i = 0; i < rb->n; i++) {
		free(rb->row[i].check);
		free(rb->row[i].subject);
		free(rb->row[i].remedy);
		free(rb->row[i].link);
	}
	free(rb->row);
	free(rb);
}

static char *trimmed(const char *s)
{
	size_t len;
	const char *t = raci_trim(s ? s : "", &len);

	return xmemdup(t, len);
}

void raci_runbook_add(struct raci_runbook *rb, const char *check,
		      const char *subject, const char *remedy,
		      const char *link)
{
	struct rb_row *x;

	rb->row = vec_reserve(rb->row, &rb->cap, rb->n + 1, sizeof *rb->row);
	x = &rb->row[rb->n++];
	x->check = trimmed(check);
	x->subject = trimmed(subject);
	x->remedy = trimmed(remedy);
	x->link = trimmed(link);
}

size_t raci_runbook_count(const struct raci_runbook *rb)
{
	return rb ? rb->n : 0;
}

int raci_runbook_apply(const struct raci_runbook *rb, const char *check,
		       const char *subject, json_t *finding)
{
	size_t i, best = 0;
	int found = 0;

	if (!rb || !check)
		return 0;
	for (i = 0; i < rb->n; i++) {
		const struct rb_row *x = &rb->row[i];
		if (text_casecmp(x->check, check) != 0)
			continue;
		if (x->subject[0]) {
			if (fnmatch(x->subject, subject ? subject : "", 0) != 0)
				continue;
			best = i;	/* a matching pattern beats a plain row */
			found = 2;
			break;
		}
		if (!found) {
			best = i;
			found = 1;
		}
	}
	if (!found)
		return 0;
	jset(finding, "remedy", jstr(rb->row[best].remedy));
	jset(finding, "link", rb->row[best].link[0] ? jstr(rb->row[best].link) : json_null());
	return 1;
}

const char *raci_check_source(const char *check)
{
	size_t t;

	if (!check)
		return NULL;
	if (strcmp(check, "availability") == 0 || strcmp(check, "response") == 0 ||
	    strcmp(check, "resolution") == 0)
		return "sla-check";
	for (t = 0; t < CHECK_COUNT; t++)
		if (strcmp(check, checks_name((enum check_id)t)) == 0)
			return "inspect";
	for (t = 0; raci_check_names[t]; t++)
		if (strcmp(check, raci_check_names[t]) == 0)
			return "raci";
	return NULL;
}
