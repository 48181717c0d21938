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
		free(s);
	}
	return 0;
}
