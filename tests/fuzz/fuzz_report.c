/* fuzz_report: the JSON envelopes report reads.  The input is split at
 * lines "----" into envelopes; the first byte says whether the last part
 * is the previous report instead.  The report is built and rendered in
 * every format. */
#include "fuzz_common.h"

#include "report/render.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	static int (*const render[])(FILE *, const json_t *, struct error *) = {
		report_render_json, report_render_md, report_render_txt,
		report_render_html
	};
	struct report *r;
	struct error err;
	const char *p, *end, *sep;
	json_t *doc;
	unsigned sel;
	size_t i;
	int nparts = 0;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	if (size < 1)
		return 0;
	sel = data[0];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	r = report_new();
	while (p <= end && nparts < 8) {
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
		if (!sep && (sel & 1) && nparts > 0)
			(void)report_set_previous(r, "prev.json", text, n, &err);
		else
			(void)report_add(r, "in.json", text, n, &err);
		free(text);
		nparts++;
		if (!sep)
			break;
		p = sep + 5;
	}
	doc = report_build(r, (sel & 2) ? "zh" : "en");
	(void)report_at_least(doc, SEV_INFO);
	for (i = 0; i < sizeof render / sizeof *render; i++) {
		error_clear(&err);
		(void)render[i](null, doc, &err);
	}
	json_decref(doc);
	report_free(r);
	return 0;
}
