/* slo_period: the default and half-open periods of sla-check; see
 * slo_period.h. */
#include "sla/slo_period.h"

void slo_span_init(struct slo_span *s)
{
	s->first = INT64_MAX;
	s->last = INT64_MIN;
}

void slo_span_add(struct slo_span *s, int64_t t)
{
	if (t < s->first)
		s->first = t;
	if (t > s->last)
		s->last = t;
}

int slo_period_resolve(struct period *p, const struct slo_span *sp,
		       int64_t now, struct tz *tz, struct error *err)
{
	if (p->kind == PERIOD_NONE) {
		struct civil cv;

		tz_civil(tz, sp->last == INT64_MIN ? now : sp->last, &cv);
		cv.day = 1;
		cv.hour = cv.min = cv.sec = cv.ms = 0;
		p->start = tz_instant(tz, &cv);
		cv.month++;	/* tz_instant normalises month 13 */
		p->end = tz_instant(tz, &cv);
		p->kind = PERIOD_MONTH;
		return 0;
	}
	if (p->end == INT64_MAX)
		p->end = now;
	if (p->start == INT64_MIN)
		p->start = sp->first;
	if (p->start == INT64_MAX || p->end <= p->start) {
		error_set(err, NULL, 0, "the period is empty: give --period, or --since with --until");
		return -1;
	}
	return 0;
}
