/* fuzz_period: --period, --since/--until and the period helpers.  The
 * input is "PERIOD\nSINCE\nUNTIL"; missing parts are not given. */
#include "fuzz_common.h"

#include "base/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tz *utc, *berlin;
	struct period per;
	struct error err;
	char *s, *parts[3] = {NULL, NULL, NULL}, *q;
	int i, np = 0;
	int64_t now = INT64_C(1790000000000), a, b;
	struct tz *tz;

	if (!utc) {
		utc = tz_new("UTC", &err);
		berlin = tz_new("Europe/Berlin", &err);
		if (!berlin)
			berlin = tz_new("CET-1CEST,M3.5.0,M10.5.0/3", &err);
		if (!utc || !berlin)
			abort();
	}
	if (size < 1)
		return 0;
	tz = data[0] & 1 ? berlin : utc;
	if (data[0] & 2)
		now = -now;
	s = fuzz_str(data + 1, size - 1);
	for (q = s; np < 3; np++) {
		parts[np] = q;
		q = strchr(q, '\n');
		if (!q)
			break;
		*q++ = '\0';
	}
	error_clear(&err);
	memset(&per, 0, sizeof per);
	if (period_parse(&per, parts[0], tz, now, &err) != 0) {
		memset(&per, 0, sizeof per);
		per.kind = PERIOD_NONE;
	} else if (per.start >= per.end) {
		abort();
	}
	if ((parts[1] || parts[2]) &&
	    period_bounds(&per, parts[1] && *parts[1] ? parts[1] : NULL,
			  parts[2] && *parts[2] ? parts[2] : NULL, tz, &err) == 0 &&
	    per.kind != PERIOD_NONE && per.start >= per.end)
		abort();
	if (memchr(per.label, '\0', sizeof per.label) == NULL)
		abort();
	(void)period_days(&per, tz);
	for (i = 0; i < 200 && period_month(&per, tz, i, &a, &b) == 0; i++) {
		if (a > b)
			abort();
	}
	free(s);
	return 0;
}
