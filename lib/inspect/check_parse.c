/* check_parse: records of the event log, the account directory and the
 * project list turned into inspect's check_event, check_account and
 * check_project (checks.h), and the columns read for each. */
#include "inspect/checks.h"

#include <stdio.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "io/event.h"
#include "io/reader.h"
#include "base/error.h"
#include "base/text.h"
#include "base/timeparse.h"

const struct reader_column checks_event_columns[CHECKS_EV_NCOLS] = {
	[CHECKS_EV_TIME] = {"time", 1},
	[CHECKS_EV_USER] = {"user", 1},
	[CHECKS_EV_FEATURE] = {"feature", 1},
	[CHECKS_EV_STATUS] = {"status", 1},
	[CHECKS_EV_LATENCY] = {"latency_ms", 0},
	[CHECKS_EV_IP] = {"ip", 0},
};

const struct reader_column checks_account_columns[CHECKS_AC_NCOLS] = {
	[CHECKS_AC_USER] = {"user", 1},
	[CHECKS_AC_ROLE] = {"role", 0},
	[CHECKS_AC_STATUS] = {"status", 0},
	[CHECKS_AC_CREATED] = {"created", 0},
	[CHECKS_AC_LAST_LOGIN] = {"last_login", 0},
};

const struct reader_column checks_project_columns[CHECKS_PR_NCOLS] = {
	[CHECKS_PR_PROJECT] = {"project", 1},
	[CHECKS_PR_STATUS] = {"status", 0},
	[CHECKS_PR_END] = {"end", 0},
};

/* Delegates to io/event.c, so that inspect and review agree. */
int checks_status_parse(const char *s, size_t len, enum check_status *st)
{
	enum event_status e;

	if (event_status_parse(s, len, &e) != 0)
		return -1;
	*st = e == EVENT_ERROR ? CHECK_ERROR : e == EVENT_CLIENT_ERROR ?
	      CHECK_CLIENT_ERROR : CHECK_OK;
	return 0;
}

static int bad_value(char *why, size_t size, const char *col, const char *what,
		     const char *s, size_t len)
{
	char q[96];

	snprintf(why, size, "column \"%s\": %s %s", col, what,
		 error_quote(q, sizeof q, s, len));
	return -1;
}

/* An optional time column: *t = NO_TIME when absent or empty. */
static int opt_time(const struct record *rec, size_t i, const char *col,
		    const struct timeparser *tp, int64_t *t, char *why, size_t size)
{
	const char *s = i < rec->nfields ? rec->field[i] : NULL;
	size_t len = s ? rec->len[i] : 0;

	*t = NO_TIME;
	if (!s)
		return 0;
	trim_blanks(&s, &len);
	if (len == 0)
		return 0;
	if (time_parse(tp, s, len, t) != 0)
		return bad_value(why, size, col, "cannot parse", s, len);
	return 0;
}

static const char *field(const struct record *rec, size_t i, size_t *len)
{
	if (i >= rec->nfields || !rec->field[i]) {
		*len = 0;
		return NULL;
	}
	*len = rec->len[i];
	return rec->field[i];
}


int checks_event_parse(const struct record *rec, const struct timeparser *tp,
		       struct check_event *ev, char *why, size_t size)
{
	const char *s;
	size_t len;

	memset(ev, 0, sizeof *ev);
	s = field(rec, CHECKS_EV_TIME, &len);
	if (!s || time_parse(tp, s, len, &ev->time) != 0)
		return bad_value(why, size, "time", "cannot parse", s ? s : "", len);
	ev->user = field(rec, CHECKS_EV_USER, &ev->user_len);
	ev->feature = field(rec, CHECKS_EV_FEATURE, &ev->feature_len);
	if (!ev->user || !ev->feature) {
		snprintf(why, size, "column \"%s\": no value", ev->user ? "feature" : "user");
		return -1;
	}
	s = field(rec, CHECKS_EV_STATUS, &len);
	if (!s || checks_status_parse(s, len, &ev->status) != 0)
		return bad_value(why, size, "status", "unknown value", s ? s : "", len);
	s = field(rec, CHECKS_EV_LATENCY, &len);
	if (event_latency_parse(s, len, &ev->latency_ms) != 0)
		return bad_value(why, size, "latency_ms", "cannot parse", s, len);
	ev->ip = field(rec, CHECKS_EV_IP, &ev->ip_len);
	if (ev->ip)
		trim_blanks(&ev->ip, &ev->ip_len);
	if (ev->ip && ev->ip_len == 0)
		ev->ip = NULL;
	return 0;
}

int checks_account_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_account *a, char *why, size_t size)
{
	const char *s;
	size_t len;

	memset(a, 0, sizeof *a);
	a->user = field(rec, CHECKS_AC_USER, &a->user_len);
	if (!a->user) {
		snprintf(why, size, "column \"user\": no value");
		return -1;
	}
	s = field(rec, CHECKS_AC_ROLE, &len);
	if (s) {
		trim_blanks(&s, &len);
		a->admin = text_ieq(s, len, "admin") || text_ieq(s, len, "administrator");
	}
	a->status = ACCOUNT_ACTIVE;
	s = field(rec, CHECKS_AC_STATUS, &len);
	if (s)
		trim_blanks(&s, &len);
	if (s && len) {
		if (text_ieq(s, len, "active"))
			a->status = ACCOUNT_ACTIVE;
		else if (text_ieq(s, len, "disabled"))
			a->status = ACCOUNT_DISABLED;
		else if (text_ieq(s, len, "locked"))
			a->status = ACCOUNT_LOCKED;
		else
			return bad_value(why, size, "status", "unknown value", s, len);
	}
	if (opt_time(rec, CHECKS_AC_CREATED, "created", tp, &a->created, why, size) ||
	    opt_time(rec, CHECKS_AC_LAST_LOGIN, "last_login", tp, &a->last_login, why, size))
		return -1;
	return 0;
}

int checks_project_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_project *p, char *why, size_t size)
{
	size_t len;

	memset(p, 0, sizeof *p);
	p->project = field(rec, CHECKS_PR_PROJECT, &p->project_len);
	if (!p->project) {
		snprintf(why, size, "column \"project\": no value");
		return -1;
	}
	p->status = field(rec, CHECKS_PR_STATUS, &len);
	return opt_time(rec, CHECKS_PR_END, "end", tp, &p->end, why, size);
}
