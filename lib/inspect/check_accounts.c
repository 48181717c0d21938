/* check_accounts: the checks of the account directory and the project
 * list (disabled_account_activity, unknown_user, stale_account,
 * dormant_admin, expired_project): accounts and projects are kept by
 * name, the users' activity comes from the events. */
#include "inspect/checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "io/jbuild.h"
#include "base/error.h"
#include "base/strtab.h"
#include "base/text.h"
#include "base/timeparse.h"
#include "base/xalloc.h"

/* The local date of t, "2026-10-14". */
static const char *date_of(char *buf, size_t size, int64_t t, struct tz *tz)
{
	char *p;

	time_format(t, tz, buf, size);
	p = strchr(buf, 'T');
	if (p)
		*p = '\0';
	return buf;
}

void checks_account(struct checks *c, const struct check_account *a)
{
	size_t id = checks_user_id(c, a->user, a->user_len);	/* may move c->user */
	struct user *u = &c->user[id];

	u->account = 1;
	u->status = a->status;
	u->admin = c->cfg.admin_roles && a->role ?
		   checks_admin_role(c->cfg.admin_roles, a->role, a->role_len) : a->admin;
	u->created = a->created;
	u->last_login = a->last_login;
}

void checks_project(struct checks *c, const struct check_project *p)
{
	size_t id = strtab_intern(c->projects, p->project, p->project_len);
	struct project *x;

	if (id == c->nproj) {
		c->proj = vec_reserve(c->proj, &c->proj_cap, c->nproj + 1, sizeof *c->proj);
		c->proj[c->nproj++].status = NULL;
	}
	x = &c->proj[id];
	free(x->status);
	x->status = NULL;
	if (p->status) {
		const char *s = p->status;
		size_t len = strlen(s);
		trim_blanks(&s, &len);
		if (len)
			x->status = xmemdup(s, len);
	}
	x->end = p->end;
}

/* stale_account / dormant_admin for one active account: a finding when
 * its last activity (event or last_login) is more than days before ref,
 * or when it was never used and was created more than days before ref. */
static void judge_idle(enum check_id check, long days,
		       const char *name, const struct user *u, int64_t ref,
		       struct findings *out, struct tz *tz)
{
	int64_t last = u->events ? u->last : NO_TIME;
	int64_t limit = ref - (int64_t)days * MS_PER_DAY;
	const char *who = check == CHECK_DORMANT_ADMIN ? "administrator " : "";
	enum severity sev = check == CHECK_DORMANT_ADMIN ? SEV_WARNING : SEV_INFO;
	char msg[512], d[40];
	json_t *d_json;

	if (u->prev_last != NO_TIME && (last == NO_TIME || u->prev_last > last))
		last = u->prev_last;
	if (u->last_login != NO_TIME && (last == NO_TIME || u->last_login > last))
		last = u->last_login;
	if (last != NO_TIME) {
		long long idle = (ref - last) / MS_PER_DAY;
		if (last >= limit)
			return;
		snprintf(msg, sizeof msg, "%s%s has not been active for %lld days (last active %s; limit %ld days)",
			 who, name, idle, date_of(d, sizeof d, last, tz), days);
		d_json = jobject();
		jset(d_json, "days", jint(idle));
		jset(d_json, "last_active", jstr(d));
		jset(d_json, "limit_days", jint(days));
		checks_finding(out, tz, sev, check, name, jint(idle), jint(days), msg,
			       NO_TIME, last, -1, d_json);
	} else if (u->created != NO_TIME && u->created < limit) {
		long long idle = (ref - u->created) / MS_PER_DAY;
		snprintf(msg, sizeof msg, "%s%s has never been used since it was created on %s, %lld days ago (limit %ld days)",
			 who, name, date_of(d, sizeof d, u->created, tz), idle, days);
		d_json = jobject();
		jset(d_json, "created", jstr(d));
		jset(d_json, "days", jint(idle));
		jset(d_json, "limit_days", jint(days));
		checks_finding(out, tz, sev, check, name, jint(idle), jint(days), msg,
			       NO_TIME, NO_TIME, -1, d_json);
	}
}

/* The data of unknown_user and disabled_account_activity: the account's
 * status (NULL: none) and its number of events. */
static json_t *events_data(const char *status, unsigned long events)
{
	json_t *d = jobject();

	if (status)
		jset(d, "status", jstr(status));
	jset(d, "events", jint((long long)events));
	return d;
}

void checks_judge_accounts(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz)
{
	unsigned run = c->cfg.run;
	size_t i;
	char msg[512];

	for (i = 0; i < c->nuser; i++) {
		const struct user *u = &c->user[i];
		const char *name = strtab_str(c->users, i);
		if (!u->account) {
			if (u->events && (run & CHECK_BIT(CHECK_UNKNOWN_USER))) {
				snprintf(msg, sizeof msg, "%s is not in the accounts file but has %lu event%s",
					 name, u->events, u->events == 1 ? "" : "s");
				checks_finding(out, tz, SEV_WARNING,
					       CHECK_UNKNOWN_USER, name,
					       jint((long long)u->events), NULL,
					       msg, u->first, u->last,
					       (long)u->events,
					       events_data(NULL, u->events));
			}
			continue;
		}
		if (u->status != ACCOUNT_ACTIVE) {
			if (u->events && (run & CHECK_BIT(CHECK_DISABLED_ACCOUNT_ACTIVITY))) {
				snprintf(msg, sizeof msg, "account %s is %s but has %lu event%s",
					 name, u->status == ACCOUNT_LOCKED ? "locked" : "disabled",
					 u->events, u->events == 1 ? "" : "s");
				checks_finding(out, tz, SEV_CRITICAL,
					       CHECK_DISABLED_ACCOUNT_ACTIVITY,
					       name, jint((long long)u->events),
					       NULL, msg, u->first, u->last,
					       (long)u->events,
					       events_data(u->status == ACCOUNT_LOCKED ?
							   "locked" : "disabled",
							   u->events));
			}
			continue;
		}
		if (run & CHECK_BIT(CHECK_STALE_ACCOUNT))
			judge_idle(CHECK_STALE_ACCOUNT, c->cfg.stale_days, name, u,
				   ref, out, tz);
		if (u->admin && (run & CHECK_BIT(CHECK_DORMANT_ADMIN)))
			judge_idle(CHECK_DORMANT_ADMIN, c->cfg.admin_days, name, u,
				   ref, out, tz);
	}
}

void checks_judge_projects(struct checks *c, int64_t ref, struct findings *out,
			   struct tz *tz)
{
	int64_t limit = ref - (int64_t)c->cfg.expired_days * MS_PER_DAY;
	size_t i;
	char msg[600], d[40], q[96];

	for (i = 0; i < c->nproj; i++) {
		const struct project *p = &c->proj[i];
		const char *name = strtab_str(c->projects, i);
		long long ago;
		json_t *data;
		if (p->end == NO_TIME || p->end >= limit)
			continue;
		/* SPEC.md: "not archived"; a closed project is still to be
		 * archived */
		if (p->status && text_ieq(p->status, strlen(p->status), "archived"))
			continue;
		ago = (ref - p->end) / MS_PER_DAY;
		if (p->status)
			error_quote(q, sizeof q, p->status, strlen(p->status));
		snprintf(msg, sizeof msg, "project %s ended on %s, %lld days before %s, and is not archived (status %s; limit %ld days)",
			 name, date_of(d, sizeof d, p->end, tz), ago,
			 c->ref_now ? "now" : "the period's end",
			 p->status ? q : "empty", c->cfg.expired_days);
		data = jobject();
		jset(data, "ended", jstr(d));
		jset(data, "days", jint(ago));
		jset(data, "reference", jstr(c->ref_now ? "now" : "period_end"));
		jset(data, "status", jstr(p->status));
		jset(data, "limit_days", jint(c->cfg.expired_days));
		checks_finding(out, tz, SEV_INFO, CHECK_EXPIRED_PROJECT, name,
			       jint(ago), jint(c->cfg.expired_days), msg, NO_TIME,
			       NO_TIME, -1, data);
	}
}
