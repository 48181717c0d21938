/* slo_period: which period sla-check judges when it is not given in full:
 * the calendar month of the evidence, or the open end of --since/--until
 * closed by now or by the evidence. */
#ifndef UPKEEP_SLO_PERIOD_H
#define UPKEEP_SLO_PERIOD_H

#include <stdint.h>

#include "base/error.h"
#include "base/period.h"
#include "base/tz.h"

/* What the evidence spans: the earliest and the latest start (outage
 * start, probe time, ticket opened), in ms. */
struct slo_span {
	int64_t first, last;	/* INT64_MAX, INT64_MIN while empty */
};

void slo_span_init(struct slo_span *s);
void slo_span_add(struct slo_span *s, int64_t t);

/* Completes p.  Without any bound (PERIOD_NONE): the calendar month (in
 * zone tz) of the latest evidence start, so that an export of one month
 * with a tail of the month before is judged on its month; the month of
 * now when there is no evidence.  An open end is closed by now, an open
 * start by the earliest evidence.  Returns 0, or -1 with err set when the
 * period is empty. */
int slo_period_resolve(struct period *p, const struct slo_span *sp,
		       int64_t now, struct tz *tz, struct error *err);

#endif
