/* report_say_int: the parts of report_say (private to lib/report). */
#ifndef UPKEEP_REPORT_SAY_INT_H
#define UPKEEP_REPORT_SAY_INT_H

#include <jansson.h>

/* The Chinese sentence of a finding without data, read from its English
 * "message" by the patterns of its check (report_say_text.c), to free;
 * NULL when no pattern reads it. */
char *report_say_text(const json_t *finding);
/* 1 when check has patterns. */
int report_say_text_known(const char *check);

#endif
