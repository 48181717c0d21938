/* event: status and latency of an event, parsed once for every command;
 * whole milliseconds, the common case, skip strtod. */
#include "io/event.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int word_in(const char *s, size_t len, const char *const *words)
{
	size_t i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == len && strncasecmp(s, words[i], len) == 0)
			return 1;
	return 0;
}

int event_status_parse(const char *s, size_t len, enum event_status *st)
{
	static const char *const ok[] = { "ok", "success", "true", NULL };
	static const char *const bad[] = { "error", "fail", "failure", "false", NULL };
	int code = 0;
	size_t i;

	trim(&s, &len);
	if (word_in(s, len, ok)) {
		*st = EVENT_OK;
		return 0;
	}
	if (word_in(s, len, bad)) {
		*st = EVENT_ERROR;
		return 0;
	}
	if (len != 3)
		return -1;
	for (i = 0; i < 3; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		code = code * 10 + (s[i] - '0');
	}
	if (code < 100 || code > 599)
		return -1;
	*st = code >= 500 ? EVENT_ERROR : code >= 400 ? EVENT_CLIENT_ERROR : EVENT_OK;
	return 0;
}

int event_latency_parse(const char *s, size_t len, double *ms)
{
	char buf[64], *end;
	uint64_t n = 0;
	size_t i;
	double v;

	*ms = (double)NAN;
	if (!s)
		return 0;
	trim(&s, &len);
	if (len == 0)
		return 0;
	/* up to 15 digits are exact in a double: the value strtod gives */
	for (i = 0; i < len && i < 16 && s[i] >= '0' && s[i] <= '9'; i++)
		n = n * 10 + (uint64_t)(s[i] - '0');
	if (i == len && len <= 15) {
		*ms = (double)n;
		return 0;
	}
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || *end != '\0' || errno || !isfinite(v) || v < 0)
		return -1;
	*ms = v;
	return 0;
}
