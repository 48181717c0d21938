/* finding: the finding record of SPEC.md section 3 (severity, check,
 * subject, value, threshold, message, id, first/last seen, count, and
 * data: the figures of the message, named, from which report writes the
 * sentence in another language), held in a list as JSON objects in the
 * order the document will carry them. */
#ifndef UPKEEP_FINDING_H
#define UPKEEP_FINDING_H

#include <stdint.h>

#include <jansson.h>

#include "base/error.h"
#include "base/tz.h"

enum severity {
	SEV_INFO = 1, SEV_WARNING = 2, SEV_CRITICAL = 3,
	SEV_NEVER = 4	/* --fail-on never */
};

/* "info", "warning", "critical", and for --fail-on also "never". */
int severity_parse(const char *s, enum severity *sev);
const char *severity_name(enum severity sev);

/* The stable fingerprint of a finding: 12 hex digits of a 64-bit FNV-1a
 * hash of "command\0check\0subject".  buf needs 13 bytes. */
void finding_id(const char *command, const char *check, const char *subject,
		char buf[13]);

#define FINDING_NO_TIME INT64_MIN

struct finding {
	enum severity severity;
	const char *check;
	const char *subject;
	json_t *value;		/* stolen; NULL: json null */
	json_t *threshold;	/* stolen; NULL: json null */
	const char *message;
	int64_t first_seen, last_seen;	/* ms, or FINDING_NO_TIME */
	long count;			/* < 0: not applicable */
	json_t *data;		/* stolen; NULL: no "data" member */
};

struct findings;
struct findings *findings_new(const char *command);
void findings_free(struct findings *f);
/* Adds a finding (its id computed here).  Times are written in RFC 3339 in
 * zone tz (NULL: UTC). */
void findings_add(struct findings *f, const struct finding *x, struct tz *tz);
/* Sorts most severe first, then by check, subject and first_seen. */
void findings_sort(struct findings *f);
size_t findings_count(const struct findings *f);
/* The most severe severity present, or 0 when there is none. */
int findings_worst(const struct findings *f);
/* Number of findings at or above sev. */
size_t findings_at_least(const struct findings *f, enum severity sev);
/* The array of finding objects (borrowed). */
json_t *findings_json(const struct findings *f);

#endif
