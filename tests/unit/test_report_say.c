/* Unit tests of lib/report/report_say: English is the message as is;
 * Chinese is the check's template with the figures of the finding's data
 * (whatever its message says), or, for a finding without data, with the
 * figures read from its message; every way of not knowing (no template,
 * no pattern, no message, an odd subject, data a template cannot use)
 * falls back to the message.  Expected sentences are written by hand:
 * durations worked out from the seconds (4620 s = 1 h 17 min). */
#include <stdlib.h>

#include "check.h"
#include "report/report_say.h"

static json_t *finding(const char *check, const char *subject, const char *msg)
{
	json_t *f = json_object();

	if (check)
		json_object_set_new(f, "check", json_string(check));
	if (subject)
		json_object_set_new(f, "subject", json_string(subject));
	if (msg)
		json_object_set_new(f, "message", json_string(msg));
	return f;
}

static void says(const char *lang, const char *check, const char *subject,
		 const char *msg, const char *want)
{
	json_t *f = finding(check, subject, msg);
	char *got = report_say(lang, f);

	CHECK_STR(got, want);
	free(got);
	json_decref(f);
}

static void test_english_as_is(void)
{
	says("en", "error_rate", "a", "a failed 1 of 2 events (50%, limit 5%)",
	     "a failed 1 of 2 events (50%, limit 5%)");
	says(NULL, "error_rate", "a", "x", "x");
	says("fr", "error_rate", "a", "a failed 1 of 2 events (50%, limit 5%)",
	     "a failed 1 of 2 events (50%, limit 5%)");
	says("en", "error_rate", "a", NULL, "");
	says("zh", "error_rate", "a", NULL, "");
}

static void test_chinese(void)
{
	says("zh", "error_rate", "a.b", "a.b failed 1 of 2 events (50%, limit 5%)",
	     "a.b 的 2 个事件中失败 1 个（50%，上限 5%）");
	says("zh", "availability", "web",
	     "web availability 99% is below the 99.9% target: 7 h 26 min 24 s down, 44 min 38.4 s allowed",
	     "web 可用性 99%，低于 99.9% 的目标：停机 7 小时 26 分 24 秒，允许 44 分 38.4 秒");
	says("zh", "failed_logins", "u", "u failed to log in 6 times within 90 seconds (limit 5)",
	     "u 在 90 秒内登录失败 6 次（上限 5 次）");
	says("zh", "response", "T-1",
	     "P1 ticket T-1 got its first response after 3 h (target 2 h, business hours, calendar \"office\")",
	     "P1 工单 T-1 在 3 小时后才首次响应（目标 2 小时，按工作时间计，日历“office”）");
	says("zh", "duplicate_activity", "A", "activity \"A\" appears 2 times (lines 2, 5)",
	     "活动“A”出现 2 次（第 2、5 行）");
	/* a subject holding the words of the pattern */
	says("zh", "consecutive_failures", "x failed 2 times in a row",
	     "x failed 2 times in a row failed 3 times in a row (1 run of 3 or more)",
	     "x failed 2 times in a row 最长连续失败 3 次（1 段达到 3 次及以上）");
	CHECK(report_say_known("zh", "log_gap"));
	CHECK(report_say_known("zh", "accountable_bottleneck"));
	CHECK(!report_say_known("zh", "nothing"));
	CHECK(report_say_known("en", "nothing"));
}

static void test_fallback(void)
{
	/* no template */
	says("zh", "custom", "a", "a is odd", "a is odd");
	/* a template, but no pattern reads this sentence */
	says("zh", "error_rate", "a", "a failed badly", "a failed badly");
	/* the subject is not where the pattern has it */
	says("zh", "error_rate", "b", "a failed 1 of 2 events (50%, limit 5%)",
	     "a failed 1 of 2 events (50%, limit 5%)");
	says("zh", "error_rate", NULL, "a failed 1 of 2 events (50%, limit 5%)",
	     "a failed 1 of 2 events (50%, limit 5%)");
	says("zh", NULL, "a", "a failed 1 of 2 events (50%, limit 5%)",
	     "a failed 1 of 2 events (50%, limit 5%)");
	/* a duration it cannot read stays as written */
	says("zh", "failed_logins", "u", "u failed to log in 6 times within a while (limit 5)",
	     "u 在 a while内登录失败 6 次（上限 5 次）");
}

/* A finding with data (JSON text) and a message. */
static void says_data(const char *lang, const char *check, const char *subject,
		      const char *msg, const char *data, const char *want)
{
	json_t *f = finding(check, subject, msg);
	json_t *d = json_loads(data, 0, NULL);
	char *got;

	CHECK(d != NULL);
	json_object_set_new(f, "data", d);
	got = report_say(lang, f);
	CHECK_STR(got, want);
	free(got);
	json_decref(f);
}

/* The sentence comes from the data: the messages here say something
 * else (or nothing a pattern reads). */
static void test_from_data(void)
{
	/* 4620 s = 1 h 17 min; 2678.4 s = 44 min 38.4 s; ongoing_since null:
	 * the variant without an outage */
	says_data("zh", "availability", "web", "web is fine",
		  "{\"met\": false, \"actual_pct\": 99.8275, \"target_pct\": 99.9,"
		  " \"downtime_s\": 4620, \"allowed_s\": 2678.4, \"credit_pct\": 10,"
		  " \"ongoing_since\": null}",
		  "web 可用性 99.8275%，低于 99.9% 的目标：停机 1 小时 17 分，允许 44 分 38.4 秒；应计服务赔偿 10%");
	/* met, an outage going on; 1200 s = 20 min */
	says_data("zh", "availability", "web", "changed",
		  "{\"met\": true, \"actual_pct\": 99.95, \"target_pct\": 99.9,"
		  " \"downtime_s\": 1200, \"allowed_s\": 2678.4, \"credit_pct\": 0,"
		  " \"ongoing_since\": \"2026-10-30T08:00:00Z\"}",
		  "web 可用性 99.95%，仍达到 99.9% 的目标：目前已停机 20 分，允许 44 分 38.4 秒；自 2026-10-30T08:00:00Z 起故障仍在持续");
	/* probes: 3 of 1440 down, longest run 180 s = 3 min */
	says_data("zh", "availability", "ping", "changed",
		  "{\"actual_pct\": 99.7916, \"target_pct\": 99.9, \"down\": 3,"
		  " \"samples\": 1440, \"longest_down_s\": 180, \"credit_pct\": 0}",
		  "ping 可用性 99.7916%，低于 99.9% 的目标：1440 次探测中 3 次不可用，最长连续不可用 3 分");
	/* business time in hours only: 93600 s = 26 h, not 1 day 2 h */
	says_data("zh", "response", "T-9", "changed",
		  "{\"priority\": \"P1\", \"done\": false, \"elapsed_s\": 93600,"
		  " \"target_s\": 28800, \"business\": true, \"calendar\": \"support\"}",
		  "P1 工单 T-9 开单 26 小时后仍未首次响应（目标 8 小时，按工作时间计，日历“support”）");
	says_data("zh", "resolution", "T-3", "changed",
		  "{\"priority\": \"P2\", \"done\": true, \"elapsed_s\": 93600,"
		  " \"target_s\": 86400, \"business\": false, \"calendar\": \"24x7\"}",
		  "P2 工单 T-3 在 1 天 2 小时后才解决（目标 1 天，按自然时间计，日历“24x7”）");
	says_data("zh", "resolution", "P1", "changed",
		  "{\"actual_pct\": 50, \"target_pct\": 95, \"met_count\": 1,"
		  " \"breached_count\": 1, \"pending_count\": 0}",
		  "P1 解决达标率 50%，低于 95% 的目标：达标 1 张，超时 1 张，待定 0 张");
	/* a login window as inspect writes it, in its largest whole unit:
	 * 90 s, 900 s = 15 minutes, 3600 s = 1 hour, 0.5 s, 0 s */
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": 90, \"limit\": 5}",
		  "u 在 90 秒内登录失败 6 次（上限 5 次）");
	says_data("zh", "failed_logins", "10.0.0.9", "changed",
		  "{\"users\": 12, \"window_s\": 900, \"limit\": 10}",
		  "10.0.0.9 在 15 分钟内对 12 个不同用户登录失败（疑似密码喷洒，上限 10 个）");
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": 3600, \"limit\": 5}",
		  "u 在 1 小时内登录失败 6 次（上限 5 次）");
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": 0.5, \"limit\": 5}",
		  "u 在 0.5 秒内登录失败 6 次（上限 5 次）");
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": 0, \"limit\": 5}",
		  "u 在 0 秒内登录失败 6 次（上限 5 次）");
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": 172800, \"limit\": 5}",
		  "u 在 2 天内登录失败 6 次（上限 5 次）");
	/* sla-check's durations: 90061.5 s = 1 d 1 h 1 min 1.5 s; 0 s */
	says_data("zh", "availability", "web", "changed",
		  "{\"met\": false, \"actual_pct\": 0, \"target_pct\": 99.9,"
		  " \"downtime_s\": 90061.5, \"allowed_s\": 0, \"credit_pct\": 0,"
		  " \"ongoing_since\": null}",
		  "web 可用性 0%，低于 99.9% 的目标：停机 1 天 1 小时 1 分 1.5 秒，允许 0 秒");
	/* numbers: a real that is whole reads as an integer */
	says_data("zh", "error_rate", "import.csv", "import.csv failed 1 of 2 events (50%, limit 5%)",
		  "{\"errors\": 26, \"events\": 286, \"rate_pct\": 9.1, \"limit_pct\": 5.0}",
		  "import.csv 的 286 个事件中失败 26 个（9.1%，上限 5%）");
	/* variants chosen by the data */
	says_data("zh", "error_burst", "2026-10-07T09:00:00Z", "changed",
		  "{\"errors\": 40, \"hours\": 1, \"most\": 40, \"mean\": 2.5,"
		  " \"open_hours\": false, \"burst\": 12}",
		  "2026-10-07T09:00:00Z 起的 1 小时内出现 40 个错误（每小时平均 2.5 个，突发阈值 12 个）");
	says_data("zh", "error_burst", "2026-10-07T09:00:00Z", "changed",
		  "{\"errors\": 70, \"hours\": 2, \"most\": 40, \"mean\": 2.5,"
		  " \"open_hours\": true, \"burst\": 12}",
		  "2026-10-07T09:00:00Z 起的 2 小时内出现 70 个错误（单小时最多 40 个；工作时间每小时平均 2.5 个，突发阈值 12 个）");
	says_data("zh", "log_gap", "2026-10-31T18:00:00Z", "changed",
		  "{\"hours\": 6.5, \"to\": \"2026-11-01T00:30:00Z\", \"limit_hours\": 6,"
		  " \"open_hours\": false, \"silent\": true, \"since\": \"last_event\"}",
		  "日志已静默 6.5 小时：自最后一个事件 2026-10-31T18:00:00Z 起，至 2026-11-01T00:30:00Z 仍无事件（上限 6 小时）");
	says_data("zh", "expired_project", "Apollo", "changed",
		  "{\"ended\": \"2026-06-30\", \"days\": 92, \"reference\": \"now\","
		  " \"status\": null, \"limit_days\": 90}",
		  "项目 Apollo 已于 2026-06-30 结束（早于当前时间 92 天），仍未归档（状态为空，上限 90 天）");
	says_data("zh", "expired_project", "Apollo", "changed",
		  "{\"ended\": \"2026-06-30\", \"days\": 92, \"reference\": \"period_end\","
		  " \"status\": \"closed\", \"limit_days\": 90}",
		  "项目 Apollo 已于 2026-06-30 结束（早于周期结束 92 天），仍未归档（状态“closed”，上限 90 天）");
	says_data("zh", "disabled_account_activity", "bob", "changed",
		  "{\"status\": \"locked\", \"events\": 3}", "账户 bob 已锁定，但有 3 个事件");
	says_data("zh", "stale_account", "amy", "changed",
		  "{\"created\": \"2026-01-05\", \"days\": 300, \"limit_days\": 90}",
		  "amy 于 2026-01-05 创建，300 天来从未使用（上限 90 天）");
	/* lists */
	says_data("zh", "duplicate_activity", "A", "changed",
		  "{\"count\": 3, \"lines\": [2, 5, 9]}", "活动“A”出现 3 次（第 2、5、9 行）");
	says_data("zh", "multiple_accountable", "Deploy", "changed",
		  "{\"count\": 2, \"roles\": [\"IT\", \"PMO\"]}",
		  "活动“Deploy”有 2 个负责角色（IT、PMO），只能有一个");
	says_data("zh", "unknown_code", "Deploy / IT", "changed",
		  "{\"activity\": \"Deploy\", \"role\": \"IT\", \"code\": \"X\"}",
		  "活动“Deploy”、角色“IT”：“X”不是 RACI 代码（R、A、C、I）");
	says_data("zh", "empty_matrix", "matrix", "changed", "{\"missing\": \"roles\"}",
		  "矩阵中没有角色");
	says_data("zh", "empty_matrix", "matrix", "changed", "{\"missing\": \"activities\"}",
		  "矩阵中没有活动");
	says_data("zh", "no_accountable", "Deploy", "changed", "{}", "活动“Deploy”没有负责角色（A）");
	/* English: the message, whatever the data */
	says_data("en", "failed_logins", "u", "u did it",
		  "{\"failures\": 6, \"window_s\": 90, \"limit\": 5}", "u did it");
}

/* Data a template cannot use: the message is read as for a finding
 * without data, else given as is. */
static void test_data_fallback(void)
{
	/* no "errors": the message's figures */
	says_data("zh", "error_rate", "a", "a failed 1 of 2 events (50%, limit 5%)",
		  "{\"events\": 2, \"rate_pct\": 50, \"limit_pct\": 5}",
		  "a 的 2 个事件中失败 1 个（50%，上限 5%）");
	says_data("zh", "error_rate", "a", "changed",
		  "{\"events\": 2, \"rate_pct\": 50, \"limit_pct\": 5}", "changed");
	/* a member of the wrong kind */
	says_data("zh", "error_rate", "a", "changed",
		  "{\"errors\": {}, \"events\": 2, \"rate_pct\": 50, \"limit_pct\": 5}",
		  "changed");
	says_data("zh", "failed_logins", "u", "changed",
		  "{\"failures\": 6, \"window_s\": \"90\", \"limit\": 5}", "changed");
	/* no variant's condition holds */
	says_data("zh", "stale_account", "amy", "changed", "{\"days\": 300}", "changed");
	/* no template for the check */
	says_data("zh", "custom", "a", "a is odd", "{\"x\": 1}", "a is odd");
	/* data that is not an object */
	says_data("zh", "unknown_user", "x", "changed", "[1]", "changed");
}

/* A message of many repeated words cannot make the reading slow: the
 * budget stops it, and the message comes back. */
static void test_budget(void)
{
	char msg[4000] = "";
	size_t i;
	json_t *f;
	char *got;

	for (i = 0; i < 300; i++)
		strcat(msg, " of ");
	strcat(msg, "(x");
	f = finding("availability", "", msg);
	got = report_say("zh", f);
	CHECK_STR(got, msg);
	free(got);
	json_decref(f);
	msg[0] = '\0';
	strcat(msg, "activity \"");
	for (i = 0; i < 150; i++)
		strcat(msg, "\", role \"\": \"");
	strcat(msg, "\" is not a RACI code (R, A, C");
	f = finding("unknown_code", "s", msg);
	got = report_say("zh", f);
	CHECK_STR(got, msg);
	free(got);
	json_decref(f);
}

int main(void)
{
	TEST_RUN(test_english_as_is);
	TEST_RUN(test_chinese);
	TEST_RUN(test_fallback);
	TEST_RUN(test_from_data);
	TEST_RUN(test_data_fallback);
	TEST_RUN(test_budget);
	return TEST_EXIT();
}
