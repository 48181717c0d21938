/* report_label: the words of the report in the two languages it speaks,
 * English ("en") and Chinese ("zh").  The report document carries its
 * language; the model words the reasons with it, the renderers the rest. */
#ifndef UPKEEP_REPORT_LABEL_H
#define UPKEEP_REPORT_LABEL_H

/* Label ids for the two languages. */
enum report_label {
	RL_TITLE, RL_GENERATED, RL_PERIOD, RL_TO_DATE, RL_SUMMARY, RL_AREA, RL_STATUS,
	RL_REASON, RL_INSPECTION, RL_USAGE, RL_SLA, RL_RESPONSIBILITIES,
	RL_NODATA, RL_GREEN, RL_AMBER, RL_RED,
	RL_PROBLEMS, RL_SEVERITY, RL_CHECK, RL_SUBJECT, RL_MESSAGE, RL_OWNER,
	RL_RESPONSIBLE, RL_ACCOUNTABLE, RL_TRACKING, RL_NEW, RL_STILL_OPEN,
	RL_RESOLVED, RL_RESOLVED_TITLE, RL_NO_PROBLEMS, RL_NONE_RESOLVED,
	RL_CRITICAL, RL_WARNING, RL_INFO, RL_UNASSIGNED, RL_SOURCE,
	RL_USAGE_TITLE, RL_METRIC, RL_VALUE, RL_PREVIOUS, RL_CHANGE,
	RL_UNUSED, RL_FEATURES_TITLE, RL_FEATURE, RL_EVENTS, RL_USERS,
	RL_ERRORS, RL_ERROR_RATE, RL_DAU_CHART, RL_NO_USAGE,
	RL_SLA_TITLE, RL_OBJECTIVE, RL_SCOPE, RL_TARGET, RL_ACTUAL, RL_MET,
	RL_YES, RL_NO, RL_DOWNTIME, RL_ALLOWED, RL_BUDGET, RL_BURN, RL_CREDIT,
	RL_TICKETS, RL_BREACHES, RL_CREDITS_DUE, RL_AVAIL_CHART, RL_NO_SLA,
	RL_DQ, RL_TOOL, RL_FILE, RL_INPUT, RL_ROWS, RL_REJECTED, RL_NO_INPUTS,
	RL_COUNTS, RL_TOTAL, RL_UNCHECKED, RL_OPEN_SINCE, RL_OPEN_SINCE_END,
	RL_COMMA,
	/* the first page */
	RL_HEADLINE, RL_FIGURE, RL_TOP, RL_APPENDIX, RL_HOW_TO_FIX, RL_NO_TOP,
	RL_H_AVAILABILITY, RL_H_ERROR_RATE, RL_H_DAU, RL_H_COVERAGE, RL_H_CSAT,
	RL_H_NPS, RL_H_OPEN, RL_N_FINDINGS, RL_N_TICKETS, RL_N_ACCOUNTS,
	RL_SINCE_AGE, RL_PP,
	/* reasons; {1} {2} {3} are replaced by arguments */
	RL_R_FINDINGS, RL_R_CLEAN, RL_R_NO_INPUT, RL_R_ERROR_HIGH,
	RL_R_COVERAGE_LOW, RL_R_USAGE_OK, RL_R_SLA_BREACHED, RL_R_SLA_MET,
	RL_R_CSAT_LOW, RL_R_NPS_LOW, RL_R_DAU_DROP,
	/* metric names, in the order of report_metric_names */
	RL_M_FIRST,
	RL_COUNT_ = RL_M_FIRST + 13
};
/* The review metrics a report shows, NULL-ended (13 names). */
extern const char *const report_metric_names[];
/* "en" or "zh" (anything else: "en"). */
const char *report_label(const char *lang, enum report_label id);
/* The label of a status name, a severity name or a tracking state
 * ("new", "still open", "unchecked", "resolved"); unknown names come back as is,
 * NULL as "–". */
const char *report_word(const char *lang, const char *name);
/* The label of an area ("inspection", "usage", "sla", "responsibilities"). */
const char *report_area_label(const char *lang, const char *area);

#endif
