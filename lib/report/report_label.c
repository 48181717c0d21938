/* report_label: the words of the report in English and Chinese.  One
 * table indexed by enum report_label, a column per language; the status,
 * severity, tracking and area names of the document map onto it. */
#include <string.h>

#include "report/report_label.h"

static const char *const labels[RL_COUNT_][2] = {
	[RL_TITLE] = {"Maintenance report", "运维健康报告"},
	[RL_GENERATED] = {"Generated", "生成时间"},
	[RL_PERIOD] = {"Period", "周期"},
	[RL_TO_DATE] = {"to date", "截至"},
	[RL_SUMMARY] = {"Summary", "概要"},
	[RL_AREA] = {"Area", "领域"},
	[RL_STATUS] = {"Status", "状态"},
	[RL_REASON] = {"Reason", "原因"},
	[RL_INSPECTION] = {"Inspection", "巡检"},
	[RL_USAGE] = {"Usage", "使用情况"},
	[RL_SLA] = {"SLA", "服务水平"},
	[RL_RESPONSIBILITIES] = {"Responsibilities", "职责"},
	[RL_NODATA] = {"no data", "无数据"},
	[RL_GREEN] = {"green", "正常"},
	[RL_AMBER] = {"amber", "注意"},
	[RL_RED] = {"red", "严重"},
	[RL_PROBLEMS] = {"Open problems", "未解决问题"},
	[RL_SEVERITY] = {"Severity", "严重程度"},
	[RL_CHECK] = {"Check", "检查项"},
	[RL_SUBJECT] = {"Subject", "对象"},
	[RL_MESSAGE] = {"Message", "说明"},
	[RL_OWNER] = {"Owner", "负责人"},
	[RL_RESPONSIBLE] = {"R", "执行"},
	[RL_ACCOUNTABLE] = {"A", "负责"},
	[RL_TRACKING] = {"Tracking", "跟踪"},
	[RL_NEW] = {"new", "新增"},
	[RL_STILL_OPEN] = {"still open", "仍未解决"},
	[RL_RESOLVED] = {"resolved", "已解决"},
	[RL_RESOLVED_TITLE] = {"Resolved since the last report", "上次报告以来已解决"},
	[RL_NO_PROBLEMS] = {"No open problems.", "没有未解决的问题。"},
	[RL_NONE_RESOLVED] = {"None.", "无。"},
	[RL_CRITICAL] = {"critical", "严重"},
	[RL_WARNING] = {"warning", "警告"},
	[RL_INFO] = {"info", "提示"},
	[RL_UNASSIGNED] = {"unassigned", "未分配"},
	[RL_SOURCE] = {"Source", "来源"},
	[RL_USAGE_TITLE] = {"Usage review", "使用情况评审"},
	[RL_METRIC] = {"Metric", "指标"},
	[RL_VALUE] = {"Value", "数值"},
	[RL_PREVIOUS] = {"Previous", "上期"},
	[RL_CHANGE] = {"Change", "变化"},
	[RL_UNUSED] = {"Unused features", "未使用的功能"},
	[RL_FEATURES_TITLE] = {"Error rate by feature", "各功能错误率"},
	[RL_FEATURE] = {"Feature", "功能"},
	[RL_EVENTS] = {"Events", "事件数"},
	[RL_USERS] = {"Users", "用户数"},
	[RL_ERRORS] = {"Errors", "错误数"},
	[RL_ERROR_RATE] = {"Error rate", "错误率"},
	[RL_DAU_CHART] = {"Daily active users", "每日活跃用户"},
	[RL_NO_USAGE] = {"No usage data (no review input).", "无使用数据（未提供 review 输入）。"},
	[RL_SLA_TITLE] = {"Service levels", "服务水平（SLA）"},
	[RL_OBJECTIVE] = {"Objective", "目标项"},
	[RL_SCOPE] = {"Scope", "范围"},
	[RL_TARGET] = {"Target", "目标"},
	[RL_ACTUAL] = {"Actual", "实际"},
	[RL_MET] = {"Met", "达成"},
	[RL_YES] = {"yes", "是"},
	[RL_NO] = {"no", "否"},
	[RL_DOWNTIME] = {"Downtime", "停机时间"},
	[RL_ALLOWED] = {"Allowed", "允许停机"},
	[RL_BUDGET] = {"Budget left", "剩余预算"},
	[RL_BURN] = {"Burn rate", "消耗速率"},
	[RL_CREDIT] = {"Credit", "服务赔偿"},
	[RL_TICKETS] = {"Tickets", "工单"},
	[RL_BREACHES] = {"Breaches", "未达成"},
	[RL_CREDITS_DUE] = {"Credits due", "应得赔偿"},
	[RL_AVAIL_CHART] = {"Availability against target", "可用性与目标"},
	[RL_NO_SLA] = {"No SLA data (no sla-check input).", "无 SLA 数据（未提供 sla-check 输入）。"},
	[RL_DQ] = {"Data quality", "数据质量"},
	[RL_TOOL] = {"Tool", "工具"},
	[RL_FILE] = {"File", "文件"},
	[RL_INPUT] = {"Input", "输入"},
	[RL_ROWS] = {"Rows", "行数"},
	[RL_REJECTED] = {"Rejected", "拒绝行数"},
	[RL_NO_INPUTS] = {"No inputs.", "无输入。"},
	[RL_COUNTS] = {"Counts", "统计"},
	[RL_TOTAL] = {"total", "合计"},
	[RL_UNCHECKED] = {"unchecked", "未检查"},
	/* "open since 2026-09", "自 2026-09 起" */
	[RL_OPEN_SINCE] = {"open since ", "自 "},
	[RL_OPEN_SINCE_END] = {"", " 起"},
	[RL_COMMA] = {", ", "，"},
	[RL_HEADLINE] = {"Headline figures", "关键指标"},
	[RL_FIGURE] = {"Figure", "指标"},
	[RL_TOP] = {"Top problems", "重点问题"},
	[RL_APPENDIX] = {"Appendix", "附录"},
	[RL_HOW_TO_FIX] = {"How to fix", "处理方法"},
	[RL_NO_TOP] = {"No open problems.", "没有未解决的问题。"},
	[RL_H_AVAILABILITY] = {"Availability", "可用性"},
	[RL_H_ERROR_RATE] = {"Error rate", "错误率"},
	[RL_H_DAU] = {"Daily active users", "日活跃用户"},
	[RL_H_COVERAGE] = {"Feature coverage", "功能覆盖率"},
	[RL_H_CSAT] = {"CSAT", "满意度"},
	[RL_H_NPS] = {"NPS", "净推荐值"},
	[RL_H_OPEN] = {"Open problems", "未解决问题"},
	[RL_N_FINDINGS] = {"{1} findings", "{1} 项"},
	[RL_N_TICKETS] = {"{1} tickets breached", "{1} 张工单超时"},
	[RL_N_ACCOUNTS] = {"{1} accounts", "{1} 个账号"},
	[RL_SINCE_AGE] = {"open since {1}", "自 {1} 起"},
	[RL_PP] = {"pp", "个百分点"},
	[RL_R_FINDINGS] = {"{1} critical, {2} warning, {3} info findings",
			   "严重 {1} 项，警告 {2} 项，提示 {3} 项"},
	[RL_R_CLEAN] = {"no findings", "无发现"},
	[RL_R_NO_INPUT] = {"no {1} input", "未提供 {1} 输入"},
	[RL_R_ERROR_HIGH] = {"error rate {1} above {2}", "错误率 {1} 高于 {2}"},
	[RL_R_COVERAGE_LOW] = {"feature coverage {1} below {2}", "功能覆盖率 {1} 低于 {2}"},
	[RL_R_CSAT_LOW] = {"CSAT {1} below {2}", "满意度 {1} 低于 {2}"},
	[RL_R_NPS_LOW] = {"NPS {1} below {2}", "净推荐值 {1} 低于 {2}"},
	[RL_R_DAU_DROP] = {"daily active users down {1} (limit {2})", "日活跃用户下降 {1}（限值 {2}）"},
	[RL_R_USAGE_OK] = {"error rate {1}, feature coverage {2}", "错误率 {1}，功能覆盖率 {2}"},
	[RL_R_SLA_BREACHED] = {"{1} of {2} objectives breached", "{2} 项目标中 {1} 项未达成"},
	[RL_R_SLA_MET] = {"all {1} objectives met", "全部 {1} 项目标达成"},
	[RL_M_FIRST + 0] = {"Events", "事件数"},
	[RL_M_FIRST + 1] = {"Active users", "活跃用户"},
	[RL_M_FIRST + 2] = {"Average daily active users", "日均活跃用户"},
	[RL_M_FIRST + 3] = {"Stickiness (DAU / active)", "黏性（日活/活跃）"},
	[RL_M_FIRST + 4] = {"Active share of accounts", "账户活跃占比"},
	[RL_M_FIRST + 5] = {"New users", "新用户"},
	[RL_M_FIRST + 6] = {"Lost users", "流失用户"},
	[RL_M_FIRST + 7] = {"Error rate", "错误率"},
	[RL_M_FIRST + 8] = {"Features available", "可用功能"},
	[RL_M_FIRST + 9] = {"Features used", "已用功能"},
	[RL_M_FIRST + 10] = {"Feature coverage", "功能覆盖率"},
	[RL_M_FIRST + 11] = {"CSAT", "满意度（CSAT）"},
	[RL_M_FIRST + 12] = {"NPS", "净推荐值（NPS）"},
};

const char *const report_metric_names[] = {
	"events", "active_users", "dau_avg", "stickiness", "active_share",
	"new_users", "lost_users", "error_rate", "features_available",
	"features_used", "feature_coverage", "csat", "nps", NULL
};

const char *report_label(const char *lang, enum report_label id)
{
	int zh = lang && strcmp(lang, "zh") == 0;

	if ((int)id < 0 || id >= RL_COUNT_ || !labels[id][0])
		return "?";
	return labels[id][zh];
}

const char *report_word(const char *lang, const char *name)
{
	static const struct { const char *name; enum report_label id; } w[] = {
		{"no data", RL_NODATA}, {"green", RL_GREEN}, {"amber", RL_AMBER},
		{"red", RL_RED}, {"critical", RL_CRITICAL}, {"warning", RL_WARNING},
		{"info", RL_INFO}, {"new", RL_NEW}, {"still open", RL_STILL_OPEN},
		{"unchecked", RL_UNCHECKED}, {"resolved", RL_RESOLVED}
	};
	size_t i;

	if (!name)
		return "–";
	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(w[i].name, name) == 0)
			return report_label(lang, w[i].id);
	return name;
}

const char *report_area_label(const char *lang, const char *area)
{
	if (!area)
		return "–";
	if (strcmp(area, "inspection") == 0)
		return report_label(lang, RL_INSPECTION);
	if (strcmp(area, "usage") == 0)
		return report_label(lang, RL_USAGE);
	if (strcmp(area, "sla") == 0)
		return report_label(lang, RL_SLA);
	if (strcmp(area, "responsibilities") == 0)
		return report_label(lang, RL_RESPONSIBILITIES);
	return area;
}
