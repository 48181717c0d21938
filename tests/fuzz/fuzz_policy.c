/* fuzz_policy: the SLA policy of sla-check, parsed, validated and read
 * back through every accessor. */
#include "fuzz_common.h"

#include "sla/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err;
	struct policy *p;
	struct slo_ticket_objective o;
	size_t n;
	struct calendar *c;

	error_clear(&err);
	p = policy_new((const char *)data, size, "policy.json", &err);
	if (!p) {
		if (!err.msg[0])
			abort();	/* a failure must say why */
		return 0;
	}
	(void)policy_name(p);
	(void)policy_tz(p);
	(void)policy_has_availability(p);
	(void)policy_availability_target(p);
	(void)policy_exclude_planned(p);
	(void)policy_credits(p, &n);
	c = policy_calendar(p);
	if (c) {
		/* a month of business time, and a deadline of a week of it:
		 * must end, whatever the calendar */
		int64_t from = INT64_C(1790000000000);
		(void)calendar_open_ms(c, from, from + 31 * INT64_C(86400000));
		(void)calendar_deadline(c, from, 7 * INT64_C(86400000));
	}
	(void)policy_business_hours(p, SLO_RESPONSE);
	(void)policy_tickets(p, SLO_RESPONSE, &o);
	(void)policy_tickets(p, SLO_RESOLUTION, &o);
	policy_free(p);
	return 0;
}
