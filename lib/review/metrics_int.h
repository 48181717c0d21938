/* metrics_int: what the two halves of the metrics module share, private
 * to lib/review: the struct metrics itself, its dimensions of groups,
 * and the interning both the events (metrics.c) and a loaded state
 * (metrics_state.c) go through.  Not for use outside metrics. */
#ifndef UPKEEP_METRICS_INT_H
#define UPKEEP_METRICS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/quantile.h"
#include "base/strtab.h"
#include "base/tz.h"
#include "review/metrics.h"
#include "review/pairset.h"

/* The counters of a feature, project or role. */
struct group {
	uint64_t events, errors, users;
	struct quantile *lat;	/* NULL until a latency arrives */
	int in_catalog;
	unsigned months;	/* bit i: an event in month i of the period */
};

#define GROUP_NONE UINT32_MAX	/* pair-set id of the "no project/role" group */
#define NO_USER UINT32_MAX	/* the user id of an anonymous event */

/* A dimension: named groups (ids from names), one unnamed group for
 * events without a name, and the (group, user) pairs seen. */
struct dim {
	struct strtab *names;
	struct group *g;
	size_t ng, cap;
	struct group none;
	struct pairset pairs;
};

/* The flags of a user, m->uflags[id]; saved as they are in a state. */
enum {
	U_ACTIVE = 1,		/* an event in the period */
	U_BEFORE = 2,		/* an event before the period */
	U_PREV = 4,		/* an event in the previous period */
	U_ACCOUNT = 8,		/* in the accounts */
	U_ACCOUNT_ACTIVE = 16	/* ... with status active */
};

#define MAX_MONTHS 12

/* The counters of a day or a month (the survey's only for months). */
struct day {
	uint64_t events, errors, users;
	uint64_t responses, promoters, detractors;
};

struct metrics {
	struct tz *tz;
	int users_unknown;		/* metrics_users_unknown */
	int has_start, has_end;		/* sides of the period given */
	int64_t start, end;
	int64_t until;			/* metrics_set_now: end, or now while
					   the period runs */
	int has_prev;			/* the previous period is known */
	int64_t prev_start;
	/* users */
	struct strtab *users;
	unsigned char *uflags;
	uint32_t *urole;		/* role id, or GROUP_NONE */
	size_t ucap;
	uint64_t active;
	int any_before, any_prev;
	/* totals */
	uint64_t events, errors;
	struct dim features, projects, roles;
	int any_project;
	int use_accounts, use_catalog, use_survey;
	enum metrics_scale scale;
	uint64_t responses, promoters, detractors;
	/* days: d[i] is local day lo + i; [dmin, dmax] the days with events */
	struct day *d;
	size_t nd, dcap;
	int64_t lo, dmin, dmax;
	struct pairset day_pairs;	/* groups: metrics_day_group(day) */
	/* months of a quarter or a year */
	size_t nmonths;
	int64_t month_start[MAX_MONTHS], month_end[MAX_MONTHS];
	struct day months[MAX_MONTHS];
	struct pairset month_pairs;	/* groups: month index 0..nmonths-1 */
};

/* The id of group name s[0..len) in d, the group added (zeroed) when new. */
size_t metrics_dim_intern(struct dim *d, const char *s, size_t len);
/* The id of user s[0..len), its flags and role grown when new. */
uint32_t metrics_user_id(struct metrics *m, const char *s, size_t len);
/* The counters of local day `day`, the array grown on either side. */
struct day *metrics_day_at(struct metrics *m, int64_t day);

/* A metrics with no figures for the period of like (its zone too), to
 * decode a state into before it is merged. */
struct metrics *metrics_blank(const struct metrics *like);

/* The pair-set group of local day `day` and back: day numbers of years
 * 1-9999 fit 32 bits once offset. */
static inline uint32_t metrics_day_group(int64_t day)
{
	return (uint32_t)(day + INT64_C(0x80000000));
}

static inline int64_t metrics_group_day(uint32_t g)
{
	return (int64_t)g - INT64_C(0x80000000);
}

#endif
