/* fuzz_clf: an access-log line read by clf_format_parse (by turns, and
 * step by step when that fails) and by the steps alone must give the
 * same answer: the same status and, for a line read, the same request.
 * The first byte picks the pattern: a preset, or the text up to the
 * first newline as a pattern of its own. */
#include "fuzz_common.h"

#include <math.h>

#include "io/clf.h"
#include "io/clf_int.h"

static int same_span(const char *a, size_t an, const char *b, size_t bn)
{
	if (!a || !b)
		return !a && !b;
	return an == bn && memcmp(a, b, an) == 0;
}

static int same_request(const struct clf_request *a, const struct clf_request *b)
{
	return strcmp(a->time, b->time) == 0 &&
	       same_span(a->ip, a->ip_len, b->ip, b->ip_len) &&
	       same_span(a->user, a->user_len, b->user, b->user_len) &&
	       same_span(a->method, a->method_len, b->method, b->method_len) &&
	       same_span(a->path, a->path_len, b->path, b->path_len) &&
	       a->status == b->status && a->truncated == b->truncated &&
	       (a->latency_ms == b->latency_ms ||
		(isnan(a->latency_ms) && isnan(b->latency_ms)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct clf_format *preset[16];
	static size_t npreset;
	struct clf_format *own = NULL;
	const struct clf_format *f;
	struct clf_request a, b;
	struct error ea, eb;
	const char *line;
	size_t len;
	int ra, rb;

	if (!npreset) {
		const char *name;
		while (npreset < 16 && (name = clf_format_preset(npreset)))
			if (!(preset[npreset++] = clf_format_new(name, &ea)))
				abort();
		if (!npreset)
			abort();
	}
	if (size < 1)
		return 0;
	line = (const char *)data + 1;
	len = size - 1;
	if (data[0] & 0x80) {
		const char *nl = memchr(line, '\n', len);
		char *pat;

		if (!nl)
			return 0;
		pat = fuzz_str((const uint8_t *)line, (size_t)(nl - line));
		own = clf_format_new(pat, &ea);
		free(pat);
		if (!own)
			return 0;
		len -= (size_t)(nl + 1 - line);
		line = nl + 1;
		f = own;
	} else {
		f = preset[data[0] % npreset];
	}
	ra = clf_format_parse(f, line, len, (enum clf_latency_unit)(data[0] >> 4 & 3), &a, &ea);
	rb = clf_format_parse_steps(f, line, len, (enum clf_latency_unit)(data[0] >> 4 & 3),
				    &b, &eb);
	if (ra != rb || (ra == 0 && !same_request(&a, &b)) ||
	    (ra != 0 && strcmp(ea.msg, eb.msg) != 0))
		abort();
	clf_format_free(own);
	return 0;
}
