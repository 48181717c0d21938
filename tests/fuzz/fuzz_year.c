/* fuzz_year: the monthly reports the year view reads (report --history).
 * The input is split at lines "----" into month reports; the first byte
 * picks the language.  The year document is built and rendered in every
 * format. */
#include "fuzz_common.h"

#include "report/render.h"
#include "report/report_year.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	static int (*const render[])(FILE *, const json_t *, struct error *) = {
		report_render_json, report_render_year_md, report_render_year_txt,
		report_render_year_html
	};
	struct report_history *h;
	struct error err;
	const char *p, *end, *sep;
	json_t *doc;
	size_t i;
	int nparts = 0;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	if (size < 1)
		return 0;
	p = (const char *)data + 1;
	end = (const char *)data + size;
	h = report_history_new();
	while (p <= end && nparts < 30) {
		size_t left = (size_t)(end - p), n;
		char *text;
		sep = NULL;
		for (i = 0; i + 5 <= left; i++) {
			if (memcmp(p + i, "\n----", 5) == 0) {
				sep = p + i;
				break;
			}
		}
		n = sep ? (size_t)(sep - p) : left;
		text = fuzz_str((const uint8_t *)p, n);
		error_clear(&err);
		(void)report_history_add(h, "month.json", text, n, &err);
		free(text);
		nparts++;
		if (!sep)
			break;
		p = sep + 5;
	}
	error_clear(&err);
	doc = report_history_build(h, NULL, (data[0] & 1) ? "zh" : "en", &err);
	if (doc) {
		for (i = 0; i < sizeof render / sizeof *render; i++) {
			error_clear(&err);
			(void)render[i](null, doc, &err);
		}
		json_decref(doc);
	}
	report_history_free(h);
	return 0;
}
