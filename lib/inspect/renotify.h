/* renotify: alert once per problem (inspect --state, --renotify).  The
 * register, saved in the state file, maps the id of each finding reported
 * to what it said then: {"severity", "value", "at" (ms)}.  A finding the
 * register holds, no worse, reported less than --renotify ago, is left
 * out (suppressed) rather than reported again. */
#ifndef UPKEEP_RENOTIFY_H
#define UPKEEP_RENOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "io/finding.h"

/* --renotify never */
#define RENOTIFY_NEVER INT64_MAX

/* Whether the finding x (a finding object) is worse than what the
 * register entry was: a higher severity, or a greater value, but for the
 * checks whose value is an age that grows with the clock (stale_account,
 * dormant_admin, expired_project; log_gap, whose subject is the gap's
 * start, while no event ends it), where only the severity counts. */
int renotify_worse(const json_t *x, const json_t *was);

/* Leaves out of f the findings that reg (NULL: none reported yet) holds
 * as reported less than every ms before now (every RENOTIFY_NEVER: never
 * again) and that are no worse.  Returns how many were left out; *next
 * (a new reference) is the register to save: the findings reported now,
 * at now, and the entries of reg not reported again (a problem absent
 * from this run is not resolved: a run under --state judges only what it
 * read).  Entries whose time has come to renotify and that were not found
 * again are dropped, since they would be news anyway.  A bad entry is
 * ignored. */
size_t renotify_filter(struct findings *f, const json_t *reg, int64_t now,
		       int64_t every, json_t **next);

#endif
