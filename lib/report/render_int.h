/* render_int: what the renderers of render.h share and nobody else needs
 * (report_md.c, report_txt.c, report_html.c; defined in render.c). */
#ifndef UPKEEP_REPORT_RENDER_INT_H
#define UPKEEP_REPORT_RENDER_INT_H

#include <stdio.h>

#include "base/error.h"

/* The end of every rendering: flushes fp; -1 with "write error" in err
 * when fp failed at any point. */
int render_finish(FILE *fp, struct error *err);

#endif
