/* fuzz_time: time_parse (automatic forms and a strptime pattern),
 * date_parse, duration_parse and time_format round trips. */
#include "fuzz_common.h"

#include "base/timeparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tz *utc, *berlin;
	struct timeparser p = { .format = NULL };
	struct error err;
	int64_t t, t2, day, ms;
	char *s;
	const uint8_t *nl;

	if (!utc) {
		utc = tz_new("UTC", &err);
		berlin = tz_new("Europe/Berlin", &err);
		if (!berlin)
			berlin = tz_new("CET-1CEST,M3.5.0,M10.5.0/3", &err);
		if (!utc || !berlin)
			abort();
	}
	p.format = NULL;
	p.tz = size && (data[0] & 1) ? berlin : utc;
	if (time_parse(&p, (const char *)data, size, &t) == 0) {
		char buf[64];
		time_format(t, NULL, buf, sizeof buf);
		p.tz = utc;
		if (time_parse(&p, buf, strlen(buf), &t2) != 0 || t2 != t)
			abort();	/* what we write we must read back */
		time_format(t, berlin, buf, sizeof buf);
	}
	(void)date_parse((const char *)data, size, &day);
	s = fuzz_str(data, size);
	(void)duration_parse(s, &ms);
	free(s);
	/* a strptime pattern: the part before the first newline */
	nl = memchr(data, '\n', size);
	if (nl) {
		s = fuzz_str(data, (size_t)(nl - data));
		p.format = s;
		p.tz = berlin;
		(void)time_parse(&p, (const char *)nl + 1, size - (size_t)(nl - data) - 1, &t);
		/* a pattern without a year, placed in a window: every kind of
		   window, the open ends, and one in year 1 or 9999 */
		if (!(time_format_fields(s) & TIME_FMT_YEAR)) {
			static const int64_t lo[] = { INT64_MIN, 0, INT64_C(-62135596800000),
						      INT64_C(253370764800000) };
			static const int64_t hi[] = { INT64_C(1790000000000), INT64_MAX,
						      INT64_C(-62135596800000) + 1,
						      INT64_C(253402300799000) };
			unsigned k = size % 4;
			time_parser_window(&p, lo[k], hi[k]);
			if (time_parse(&p, (const char *)nl + 1,
				       size - (size_t)(nl - data) - 1, &t) == 0 &&
			    (t < INT64_C(-62135596800000) || t >= INT64_C(253402300800000)))
				abort();	/* outside years 1-9999 */
		}
		free(s);
	}
	return 0;
}
