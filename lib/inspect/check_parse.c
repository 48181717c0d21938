/* check_parse: records of the account directory and the project list
 * turned into inspect's check_account and check_project (checks.h), and
 * the columns read for each (events: io/event.c). */
#include "inspect/checks.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "inspect/checks_int.h"
#include "io/event.h"
#include "io/reader.h"
#include "base/error.h"
#include "base/text.h"
#include "base/timeparse.h"

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

static int bad_value(struct error *err, const char *col, const char *what,
		     const char *s, size_t len)
{
	char q[96];

	error_set(err, NULL, 0, "column \"%s\": %s %s", col, what,
		 error_quote(q, sizeof q, s, len));
	return -1;
}

/* An optional time column: *t = NO_TIME when absent or empty. */
static int opt_time(const struct record *rec, size_t i, const char *col,
		    const struct timeparser *tp, int64_t *t, struct error *err)
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
		return bad_value(err, col, "cannot parse", s, len);
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


int checks_admin_role(const char *roles, const char *role, size_t len)
{
	const char *p = roles ? roles : CHECKS_ADMIN_ROLES;

	trim_blanks(&role, &len);
	for (;;) {
		size_t n = strcspn(p, ","), k;
		const char *w = p;
		trim_blanks(&w, &n);
		for (k = 0; n == len && k < n; k++)
			if (tolower((unsigned char)w[k]) != tolower((unsigned char)role[k]))
				break;
		if (n == len && k == n && n > 0)
			return 1;
		p += strcspn(p, ",");
		if (!*p)
			return 0;
		p++;
	}
}

int checks_account_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_account *a, struct error *err)
{
	const char *s;
	size_t len;

	memset(a, 0, sizeof *a);
	a->user = field(rec, CHECKS_AC_USER, &a->user_len);
	if (!a->user) {
		error_set(err, NULL, 0, "column \"user\": no value");
		return -1;
	}
	s = field(rec, CHECKS_AC_ROLE, &len);
	if (s) {
		trim_blanks(&s, &len);
		a->role = s;
		a->role_len = len;
		a->admin = checks_admin_role(NULL, s, len);
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
			return bad_value(err, "status", "unknown value", s, len);
	}
	if (opt_time(rec, CHECKS_AC_CREATED, "created", tp, &a->created, err) ||
	    opt_time(rec, CHECKS_AC_LAST_LOGIN, "last_login", tp, &a->last_login, err))
		return -1;
	return 0;
}

int checks_project_parse(const struct record *rec, const struct timeparser *tp,
			 struct check_project *p, struct error *err)
{
	size_t len;

	memset(p, 0, sizeof *p);
	p->project = field(rec, CHECKS_PR_PROJECT, &p->project_len);
	if (!p->project) {
		error_set(err, NULL, 0, "column \"project\": no value");
		return -1;
	}
	p->status = field(rec, CHECKS_PR_STATUS, &len);
	return opt_time(rec, CHECKS_PR_END, "end", tp, &p->end, err);
}
