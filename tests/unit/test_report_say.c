/* Unit tests of lib/report/report_say: English is the message as is,
 * Chinese the check's template with the figures of the message, and
 * every way of not knowing (no template, no pattern, no message, an
 * odd subject) falls back to the message.  Expected sentences are
 * written by hand. */
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
	TEST_RUN(test_budget);
	return TEST_EXIT();
}
