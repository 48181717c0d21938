/* event: status and latency of an event, parsed once for every command;
 * whole milliseconds, the common case, skip strtod. */
#include "io/event.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static int word_in(const char *s, size_t len, const char *const *words)
{
	size_t i;

	for (i = 0; words[i]; i++)
		if (text_ieq(s, len, words[i]))
			return 1;
	return 0;
}

int event_status_parse(const char *s, size_t len, enum event_status *st)
{
	static const char *const ok[] = { "ok", "success", "true", NULL };
	static const char *const bad[] = { "error", "fail", "failure", "false", NULL };
	int code = 0;
	size_t i;

	text_strip(&s, &len, TEXT_BLANKS);
	/* three digits first (no word is digits): an access log's every
	 * status, which went through seven word compares */
	for (i = 0; len == 3 && i < 3 && s[i] >= '0' && s[i] <= '9'; i++)
		code = code * 10 + (s[i] - '0');
	if (i < 3 || len != 3) {
		if (word_in(s, len, ok)) {
			*st = EVENT_OK;
			return 0;
		}
		if (word_in(s, len, bad)) {
			*st = EVENT_ERROR;
			return 0;
		}
		return -1;
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
	text_strip(&s, &len, TEXT_BLANKS);
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

const struct reader_column event_columns[EVENT_NCOLS] = {
	{"time", 1}, {"user", READER_PRESENT}, {"feature", 1}, {"status", 1},
	{"latency_ms", 0}, {"project", 0}, {"ip", 0}
};

/* Field i of rec: NULL (*len 0) when absent. */
static const char *field(const struct record *rec, size_t i, size_t *len)
{
	if (i >= rec->nfields || !rec->field[i]) {
		*len = 0;
		return NULL;
	}
	*len = rec->len[i];
	return rec->field[i];
}

/* The name of column i in messages: as the reader names it, else the
 * canonical one. */
static const char *colname(const struct reader *r, size_t i)
{
	return r ? reader_column_canon(r, i) : event_columns[i].name;
}

static int reject(const struct reader *r, size_t i, const char *what,
	       const char *s, size_t len, struct error *err)
{
	char q[96];

	error_quote(q, sizeof q, s ? s : "", s ? len : 0);
	error_set(err, NULL, 0, "column \"%s\": %s %s", colname(r, i), what, q);
	return -1;
}

int event_parse(const struct reader *r, const struct record *rec,
		const struct timeparser *tp, struct event *ev, struct error *err)
{
	const char *s;
	size_t len;
	struct timeparser own;

	/* an access log's times are its format's, written out by the
	   scanner: --time-format is for the other inputs (an accounts
	   export beside the log) */
	if (tp->format && reader_format(r) == READER_CLF) {
		own = *tp;
		own.format = NULL;
		tp = &own;
	}
	s = field(rec, EVENT_COL_TIME, &len);
	if (!s || time_parse(tp, s, len, &ev->time) != 0)
		return reject(r, EVENT_COL_TIME, "cannot parse", s, len, err);
	ev->user = field(rec, EVENT_COL_USER, &ev->user_len);
	ev->feature = field(rec, EVENT_COL_FEATURE, &ev->feature_len);
	if (!ev->feature) {
		error_set(err, NULL, 0, "column \"%s\": missing value",
			  colname(r, EVENT_COL_FEATURE));
		return -1;
	}
	/* no user (an empty value, a JSON record without the key, an
	   access log's "-"): an anonymous request */
	if (ev->user_len == 0 || (r && reader_anonymous(r, ev->user, ev->user_len)))
		ev->user = NULL;
	s = field(rec, EVENT_COL_STATUS, &len);
	if (!s || event_status_parse(s, len, &ev->status) != 0)
		return reject(r, EVENT_COL_STATUS, "unknown value", s, len, err);
	s = field(rec, EVENT_COL_LATENCY, &len);
	if (event_latency_parse(s, len, &ev->latency_ms) != 0)
		return reject(r, EVENT_COL_LATENCY, "cannot parse", s, len, err);
	if (r)
		ev->latency_ms *= reader_latency_scale(r);	/* NaN stays NaN */
	ev->project = field(rec, EVENT_COL_PROJECT, &ev->project_len);
	ev->ip = field(rec, EVENT_COL_IP, &ev->ip_len);
	if (ev->ip)
		text_strip(&ev->ip, &ev->ip_len, TEXT_BLANKS);
	if (ev->ip && ev->ip_len == 0)
		ev->ip = NULL;
	return 0;
}
