/* render: the report document of report_build written in one format --
 * Markdown, plain text (80 columns), one self-contained HTML page, or the
 * JSON envelope itself.  The renderers share one signature, so that the
 * caller picks one from a table; the language is the document's "lang". */
#ifndef UPKEEP_REPORT_RENDER_H
#define UPKEEP_REPORT_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "base/error.h"

/* Each writes doc to fp and returns 0, or -1 with err->msg set when the
 * write failed (err->file is left for the caller, who knows the output's
 * name). */
int report_render_md(FILE *fp, const json_t *doc, struct error *err);
int report_render_txt(FILE *fp, const json_t *doc, struct error *err);
int report_render_html(FILE *fp, const json_t *doc, struct error *err);
int report_render_json(FILE *fp, const json_t *doc, struct error *err);
/* The same for a year document (report_history_build; json is
 * report_render_json). */
int report_render_year_md(FILE *fp, const json_t *doc, struct error *err);
int report_render_year_txt(FILE *fp, const json_t *doc, struct error *err);
int report_render_year_html(FILE *fp, const json_t *doc, struct error *err);

#endif
