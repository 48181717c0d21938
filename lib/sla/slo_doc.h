/* slo_doc: turns the SLO arithmetic of slo.c into sla-check's document:
 * "objectives" rows, "findings" worded for people, "summary", "policy"
 * and "checks". */
#ifndef UPKEEP_SLO_DOC_H
#define UPKEEP_SLO_DOC_H

#include <stdint.h>

#include <jansson.h>

#include "io/finding.h"
#include "sla/policy.h"
#include "sla/slo.h"
#include "base/tz.h"

struct slo_doc;

/* Objectives are judged over [start, end); now bounds the burn rate and
 * pending tickets; times in findings are written in zone tz. */
struct slo_doc *slo_doc_new(const struct policy *pol, int64_t start,
			    int64_t end, int64_t now, struct tz *tz);
void slo_doc_free(struct slo_doc *x);
/* Names a check that was run (for "checks"). */
void slo_doc_check(struct slo_doc *x, const char *name);
/* One availability row per service (outages) or per check (probes). */
void slo_doc_outages(struct slo_doc *x, struct slo_outages *o);
void slo_doc_probes(struct slo_doc *x, struct slo_probes *p);
/* One row per priority; nothing when the policy has no such objective. */
void slo_doc_tickets(struct slo_doc *x, const struct slo_tickets *t,
		     enum slo_kind kind);
/* 1 when the policy has a response or resolution objective. */
int slo_doc_has_tickets(const struct policy *pol);
const struct findings *slo_doc_findings(const struct slo_doc *x);
/* Adds summary, policy, checks, objectives and findings to doc. */
void slo_doc_finish(struct slo_doc *x, json_t *doc);

#endif
