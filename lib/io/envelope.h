/* envelope: the JSON object every command writes (SPEC.md section 3):
 * tool, version, generated, period, inputs, then the command's sections. */
#ifndef UPKEEP_ENVELOPE_H
#define UPKEEP_ENVELOPE_H

#include <stdint.h>

#include <jansson.h>

#include "base/period.h"
#include "io/reader.h"
#include "base/tz.h"

/* The current time in ms: SOURCE_DATE_EPOCH (seconds) when set and valid,
 * else the clock.  Used for "generated" and for relative periods. */
int64_t envelope_now(void);

/* A new envelope.  p may be NULL or of kind PERIOD_NONE (period start and
 * end are then null until envelope_set_period).  Times are written in
 * zone tz. */
json_t *envelope_new(const char *tool, const struct period *p, struct tz *tz);
void envelope_set_period(json_t *env, int64_t start, int64_t end, struct tz *tz);
/* Adds "until" to the period, after "end": the end of what was judged
 * (period_until: the end, or now while the period runs); null for
 * INT64_MAX.  inspect, review and sla-check write it. */
void envelope_set_until(json_t *env, int64_t until, struct tz *tz);
/* Appends {path, rows, rejected} to "inputs". */
void envelope_add_counts(json_t *env, const char *path, unsigned long rows,
			 unsigned long rejected);
/* Appends {path, rows, rejected} of a finished reader to "inputs". */
void envelope_add_input(json_t *env, const struct reader *r);

#endif
