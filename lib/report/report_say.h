/* report_say: the sentence of a finding in the report's language.  A
 * finding carries its check, subject, value and threshold as data, and
 * its producer's English sentence as "message".  In English the sentence
 * is that message, unchanged.  In Chinese it is written from the check's
 * template: the figures the finding holds apart (subject, value, ...) and
 * the others its message states (durations, limits, calendars), each
 * variant of the producer's sentence read by a pattern of its own.  A
 * check without a template, or a message no pattern of its check reads,
 * gives the message as is. */
#ifndef UPKEEP_REPORT_SAY_H
#define UPKEEP_REPORT_SAY_H

#include <jansson.h>

/* The sentence of finding (a finding or report problem object) in lang
 * ("en" or "zh"; anything else: "en"), to free; "" without a message. */
char *report_say(const char *lang, const json_t *finding);
/* 1 when lang has a template of check (for tests and documentation). */
int report_say_known(const char *lang, const char *check);

#endif
