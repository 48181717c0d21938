/* render: the pieces the report renderers share (render_int.h) and the
 * JSON rendering, which is the document itself through the common writer
 * (-f json). */
#include <string.h>

#include "io/writer.h"
#include "report/render.h"
#include "report/render_int.h"

int render_finish(FILE *fp, struct error *err)
{
	if (fflush(fp) != 0 || ferror(fp)) {
		error_set(err, NULL, 0, "write error");
		return -1;
	}
	return 0;
}

int report_render_json(FILE *fp, const json_t *doc, struct error *err)
{
	struct writer_spec spec;

	memset(&spec, 0, sizeof spec);
	spec.format = OUT_JSON;
	spec.tool = "report";
	spec.fail_on = SEV_NEVER;
	return writer_write(fp, doc, &spec, err);
}
