/* report_say: a finding's sentence in the report's language.  English is
 * the producer's message.  Chinese is written from the finding's data
 * (the figures of its sentence, named: upkeep(7) FINDINGS) by the first
 * template of its check whose condition holds and whose members are all
 * there; a finding without data (an older saved output, a CSV table), or
 * with data no template fits, is read from its English message
 * (report_say_text.c); failing that, the message is the sentence.
 *
 * A template's condition is a list of terms separated by spaces: "key"
 * holds when the member is true, a number other than 0 or a string;
 * "!key" when it does not; "key=text" when the member, a string or an
 * integer, reads text.  In the Chinese text "{s}" is the subject and
 * "{key}" a member of data: a number as the message writes it, a string
 * as it is, an array as a list ("2、5"); "{d:key}" is seconds as a
 * duration ("1 小时 17 分"; in hours only when data's "business" is
 * true), "{t:key}" seconds as a window ("15 分钟"), "{w:key}" a word of the table below, "{q:key}" a quoted text
 * (“closed”, 为空 for null), "{c:key}" the clock of a ticket target
 * (按工作时间计 when "business" is true) with its calendar. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "report/report_format.h"
#include "report/report_say.h"
#include "report/report_say_int.h"

struct template {
	const char *check, *when, *zh;
};

static const struct template templates[] = {
	/* inspect */
	{"consecutive_failures", "",
	 "{s} 最长连续失败 {longest} 次（{runs} 段达到 {run_length} 次及以上）"},
	{"error_rate", "",
	 "{s} 的 {events} 个事件中失败 {errors} 个（{rate_pct}%，上限 {limit_pct}%）"},
	{"latency_p95", "",
	 "{s} 的 p95 延迟为 {p95_ms} 毫秒（共 {events} 个事件，上限 {limit_ms} 毫秒）"},
	{"error_burst", "hours=1 open_hours",
	 "{s} 起的 1 小时内出现 {errors} 个错误（工作时间每小时平均 {mean} 个，突发阈值 {burst} 个）"},
	{"error_burst", "hours=1",
	 "{s} 起的 1 小时内出现 {errors} 个错误（每小时平均 {mean} 个，突发阈值 {burst} 个）"},
	{"error_burst", "open_hours",
	 "{s} 起的 {hours} 小时内出现 {errors} 个错误（单小时最多 {most} 个；工作时间每小时平均 {mean} 个，突发阈值 {burst} 个）"},
	{"error_burst", "",
	 "{s} 起的 {hours} 小时内出现 {errors} 个错误（单小时最多 {most} 个；每小时平均 {mean} 个，突发阈值 {burst} 个）"},
	{"log_gap", "silent open_hours",
	 "日志已静默 {hours} 个工作小时：自{w:since} {s} 起，至 {to} 仍无事件（上限 {limit_hours} 个工作小时）"},
	{"log_gap", "silent",
	 "日志已静默 {hours} 小时：自{w:since} {s} 起，至 {to} 仍无事件（上限 {limit_hours} 小时）"},
	{"log_gap", "open_hours",
	 "{s} 至 {to} 无事件，共 {hours} 个工作小时（上限 {limit_hours} 个工作小时）"},
	{"log_gap", "",
	 "{s} 至 {to} 无事件，共 {hours} 小时（上限 {limit_hours} 小时）"},
	{"failed_logins", "failures",
	 "{s} 在 {t:window_s}内登录失败 {failures} 次（上限 {limit} 次）"},
	{"failed_logins", "users",
	 "{s} 在 {t:window_s}内对 {users} 个不同用户登录失败（疑似密码喷洒，上限 {limit} 个）"},
	{"stale_account", "last_active",
	 "{s} 已 {days} 天未活动（最后活动 {last_active}，上限 {limit_days} 天）"},
	{"stale_account", "created",
	 "{s} 于 {created} 创建，{days} 天来从未使用（上限 {limit_days} 天）"},
	{"dormant_admin", "last_active",
	 "管理员 {s} 已 {days} 天未活动（最后活动 {last_active}，上限 {limit_days} 天）"},
	{"dormant_admin", "created",
	 "管理员 {s} 于 {created} 创建，{days} 天来从未使用（上限 {limit_days} 天）"},
	{"unknown_user", "",
	 "{s} 不在账户文件中，但有 {events} 个事件"},
	{"disabled_account_activity", "",
	 "账户 {s} 已{w:status}，但有 {events} 个事件"},
	{"expired_project", "",
	 "项目 {s} 已于 {ended} 结束（早于{w:reference} {days} 天），仍未归档（状态{q:status}，上限 {limit_days} 天）"},
	/* sla-check */
	{"availability", "samples credit_pct",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：{samples} 次探测中 {down} 次不可用，最长连续不可用 {d:longest_down_s}；应计服务赔偿 {credit_pct}%"},
	{"availability", "samples",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：{samples} 次探测中 {down} 次不可用，最长连续不可用 {d:longest_down_s}"},
	{"availability", "met ongoing_since",
	 "{s} 可用性 {actual_pct}%，仍达到 {target_pct}% 的目标：目前已停机 {d:downtime_s}，允许 {d:allowed_s}；自 {ongoing_since} 起故障仍在持续"},
	{"availability", "met",
	 "{s} 可用性 {actual_pct}%，仍达到 {target_pct}% 的目标：目前已停机 {d:downtime_s}，允许 {d:allowed_s}"},
	{"availability", "credit_pct ongoing_since",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：停机 {d:downtime_s}，允许 {d:allowed_s}；应计服务赔偿 {credit_pct}%；自 {ongoing_since} 起故障仍在持续"},
	{"availability", "credit_pct",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：停机 {d:downtime_s}，允许 {d:allowed_s}；应计服务赔偿 {credit_pct}%"},
	{"availability", "ongoing_since",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：停机 {d:downtime_s}，允许 {d:allowed_s}；自 {ongoing_since} 起故障仍在持续"},
	{"availability", "",
	 "{s} 可用性 {actual_pct}%，低于 {target_pct}% 的目标：停机 {d:downtime_s}，允许 {d:allowed_s}"},
	{"response", "breached_count",
	 "{s} 响应达标率 {actual_pct}%，低于 {target_pct}% 的目标：达标 {met_count} 张，超时 {breached_count} 张，待定 {pending_count} 张"},
	{"response", "done",
	 "{priority} 工单 {s} 在 {d:elapsed_s}后才首次响应（目标 {d:target_s}，{c:calendar}）"},
	{"response", "",
	 "{priority} 工单 {s} 开单 {d:elapsed_s}后仍未首次响应（目标 {d:target_s}，{c:calendar}）"},
	{"resolution", "breached_count",
	 "{s} 解决达标率 {actual_pct}%，低于 {target_pct}% 的目标：达标 {met_count} 张，超时 {breached_count} 张，待定 {pending_count} 张"},
	{"resolution", "done",
	 "{priority} 工单 {s} 在 {d:elapsed_s}后才解决（目标 {d:target_s}，{c:calendar}）"},
	{"resolution", "",
	 "{priority} 工单 {s} 开单 {d:elapsed_s}后仍未解决（目标 {d:target_s}，{c:calendar}）"},
	/* raci check */
	{"no_accountable", "", "活动“{s}”没有负责角色（A）"},
	{"multiple_accountable", "",
	 "活动“{s}”有 {count} 个负责角色（{roles}），只能有一个"},
	{"no_responsible", "", "活动“{s}”没有执行角色（R）"},
	{"too_many_responsible", "",
	 "活动“{s}”有 {count} 个执行角色（{roles}），多于 {limit} 个"},
	{"unknown_code", "",
	 "活动“{activity}”、角色“{role}”：“{code}”不是 RACI 代码（R、A、C、I）"},
	{"duplicate_activity", "", "活动“{s}”出现 {count} 次（第 {lines} 行）"},
	{"idle_role", "", "角色“{s}”在任何活动中都没有 RACI 字母"},
	{"empty_matrix", "missing=roles", "矩阵中没有角色"},
	{"empty_matrix", "", "矩阵中没有活动"},
	{"accountable_bottleneck", "",
	 "角色“{s}”负责 {activities} 项活动中的 {accountable} 项，超过三分之一"},
};

/* The words {w:key} translates; others stay as they are. */
static const char *const words[][2] = {
	{"locked", "锁定"}, {"disabled", "停用"},
	{"now", "当前时间"}, {"period_end", "周期结束"},
	{"last_event", "最后一个事件"}, {"period_start", "周期开始"},
};

/* ---- conditions ---- */

static int truthy(const json_t *v)
{
	if (json_is_true(v) || json_is_string(v))
		return 1;
	if (json_is_number(v))
		return json_number_value(v) != 0;
	return 0;
}

/* The text of an integer or a string member, for "key=text". */
static int reads(const json_t *v, const char *text, size_t n)
{
	char buf[32];

	if (json_is_string(v))
		return strlen(json_string_value(v)) == n &&
		       strncmp(json_string_value(v), text, n) == 0;
	if (!json_is_integer(v))
		return 0;
	snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return strlen(buf) == n && strncmp(buf, text, n) == 0;
}

static const json_t *member(const json_t *data, const char *key, size_t n)
{
	char name[64];

	if (n >= sizeof name)
		return NULL;
	memcpy(name, key, n);
	name[n] = '\0';
	return json_object_get(data, name);
}

/* 1 when every term of when holds of data. */
static int holds(const char *when, const json_t *data)
{
	const char *p = when;

	while (*p) {
		const char *t, *eq;
		size_t n;
		int neg;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		neg = *p == '!';
		t = p + neg;
		n = strcspn(t, " ");
		p = t + n;
		eq = memchr(t, '=', n);
		if (eq) {
			if (!reads(member(data, t, (size_t)(eq - t)), eq + 1,
				   n - (size_t)(eq - t) - 1))
				return 0;
		} else if (truthy(member(data, t, n)) == neg) {
			return 0;
		}
	}
	return 1;
}

/* ---- figures ---- */

/* A number as the producers' messages write it: whole numbers in full,
 * others with up to six decimals, trailing zeros dropped. */
static void put_number(struct sbuf *b, const json_t *v)
{
	char buf[64];
	double x = json_number_value(v);
	size_t n;

	if (json_is_integer(v)) {
		sbuf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		sbuf_printf(b, "%.0f", x == 0 ? 0.0 : x);
		return;
	}
	snprintf(buf, sizeof buf, "%.6f", x);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	sbuf_adds(b, buf);
}

/* 0 when v is a figure put_value writes (a number, a string, an array of
 * those). */
static int is_figure(const json_t *v)
{
	size_t i;

	if (json_is_number(v) || json_is_string(v))
		return 1;
	if (!json_is_array(v))
		return 0;
	for (i = 0; i < json_array_size(v); i++)
		if (!json_is_number(json_array_get(v, i)) &&
		    !json_is_string(json_array_get(v, i)))
			return 0;
	return 1;
}

static void put_value(struct sbuf *b, const json_t *v)
{
	size_t i;

	if (json_is_string(v)) {
		sbuf_adds(b, json_string_value(v));
	} else if (json_is_array(v)) {
		for (i = 0; i < json_array_size(v); i++) {
			if (i)
				sbuf_adds(b, "、");
			put_value(b, json_array_get(v, i));
		}
	} else {
		put_number(b, v);
	}
}

/* Seconds as sla-check writes a duration, in Chinese words: "2 天 3 小时
 * 4 分 5.5 秒" (units that are 0 left out, "0 秒" for nothing); without
 * days (hours only) when hours_only, as a business day is no calendar
 * day. */
static void put_duration(struct sbuf *b, double seconds, int hours_only)
{
	static const struct { int64_t ms; const char *unit; } units[] = {
		{ 86400000, "天" }, { 3600000, "小时" }, { 60000, "分" }
	};
	int64_t ms = seconds > 0 ? (int64_t)llround(seconds * 1000) : 0;
	size_t i, parts = 0;

	for (i = hours_only ? 1 : 0; i < sizeof units / sizeof units[0]; i++) {
		int64_t q = ms / units[i].ms;
		ms %= units[i].ms;
		if (!q)
			continue;
		sbuf_printf(b, "%s%" PRId64 " %s", parts++ ? " " : "", q, units[i].unit);
	}
	if (ms == 0 && parts)
		return;
	if (ms % 1000 == 0) {
		sbuf_printf(b, "%s%" PRId64 " 秒", parts ? " " : "", ms / 1000);
	} else {
		char frac[8];
		size_t k;
		snprintf(frac, sizeof frac, "%03d", (int)(ms % 1000));
		for (k = 3; k > 0 && frac[k - 1] == '0'; k--)
			frac[k - 1] = '\0';
		sbuf_printf(b, "%s%" PRId64 ".%s 秒", parts ? " " : "", ms / 1000, frac);
	}
}

/* Seconds as inspect writes a window, in Chinese words: the largest unit
 * it is a whole number of ("15 分钟", "1 小时", "2 天"), else seconds with
 * up to three decimals ("90 秒", "0.5 秒"). */
static void put_span(struct sbuf *b, double seconds)
{
	static const struct { int64_t ms; const char *unit; } units[] = {
		{ 86400000, "天" }, { 3600000, "小时" }, { 60000, "分钟" }, { 1000, "秒" }
	};
	int64_t ms = seconds > 0 ? (int64_t)llround(seconds * 1000) : 0;
	char buf[40];
	size_t i, n;

	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (ms >= units[i].ms && ms % units[i].ms == 0) {
			sbuf_printf(b, "%" PRId64 " %s", ms / units[i].ms, units[i].unit);
			return;
		}
	/* not whole seconds (0 included): ms % 1000 has a digit but 0 */
	snprintf(buf, sizeof buf, "%" PRId64 ".%03d", ms / 1000, (int)(ms % 1000));
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	sbuf_printf(b, "%s 秒", buf);
}

static void put_word(struct sbuf *b, const char *w)
{
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i][0]) == 0) {
			sbuf_adds(b, words[i][1]);
			return;
		}
	sbuf_adds(b, w);
}

/* ---- templates ---- */

/* Writes the member {conv:key} of data; 0 when it is missing or not of
 * the kind conv writes. */
static int put_member(struct sbuf *b, char conv, const json_t *v,
		      const json_t *data)
{
	int business = json_is_true(json_object_get(data, "business"));

	switch (conv) {
	case 'd':
		if (!json_is_number(v))
			return 0;
		put_duration(b, json_number_value(v), business);
		return 1;
	case 't':
		if (!json_is_number(v))
			return 0;
		put_span(b, json_number_value(v));
		return 1;
	case 'w':
		if (!json_is_string(v))
			return 0;
		put_word(b, json_string_value(v));
		return 1;
	case 'q':
		if (json_is_null(v)) {
			sbuf_adds(b, "为空");
			return 1;
		}
		if (!json_is_string(v))
			return 0;
		sbuf_adds(b, "“");
		sbuf_adds(b, json_string_value(v));
		sbuf_adds(b, "”");
		return 1;
	case 'c':
		if (!json_is_string(v))
			return 0;
		sbuf_adds(b, business ? "按工作时间计，日历“" : "按自然时间计，日历“");
		sbuf_adds(b, json_string_value(v));
		sbuf_adds(b, "”");
		return 1;
	default:
		if (!is_figure(v))
			return 0;
		put_value(b, v);
		return 1;
	}
}

/* The template t with subject and the members of data, to free; NULL
 * when a member it names is missing. */
static char *expand(const char *t, const char *subject, const json_t *data)
{
	struct sbuf b = {0};

	while (*t) {
		const char *end, *key;
		char conv = 0;
		if (*t != '{' || !(end = strchr(t, '}'))) {
			sbuf_addc(&b, *t++);
			continue;
		}
		key = t + 1;
		if (key[0] && key[1] == ':') {
			conv = key[0];
			key += 2;
		}
		if (end - key == 1 && key[0] == 's' && !conv) {
			sbuf_adds(&b, subject);
		} else if (!put_member(&b, conv, member(data, key, (size_t)(end - key)),
				       data)) {
			sbuf_release(&b);
			return NULL;
		}
		t = end + 1;
	}
	return sbuf_take(&b);
}

/* The Chinese sentence from finding's data, or NULL. */
static char *from_data(const json_t *finding, const char *check)
{
	const json_t *data = json_object_get(finding, "data");
	const char *subject = report_str(finding, "subject");
	size_t i;

	if (!json_is_object(data))
		return NULL;
	for (i = 0; i < sizeof templates / sizeof templates[0]; i++) {
		char *s;
		if (strcmp(templates[i].check, check) != 0 ||
		    !holds(templates[i].when, data))
			continue;
		s = expand(templates[i].zh, subject ? subject : "", data);
		if (s)
			return s;
	}
	return NULL;
}

static int is_zh(const char *lang)
{
	return lang && strcmp(lang, "zh") == 0;
}

int report_say_known(const char *lang, const char *check)
{
	size_t i;

	if (!is_zh(lang))
		return 1;
	for (i = 0; check && i < sizeof templates / sizeof templates[0]; i++)
		if (strcmp(templates[i].check, check) == 0)
			return 1;
	return report_say_text_known(check);
}

char *report_say(const char *lang, const json_t *finding)
{
	const char *msg = report_str(finding, "message");
	const char *check = report_str(finding, "check");
	char *s;

	if (!msg)
		return xstrdup("");
	if (!is_zh(lang) || !check)
		return xstrdup(msg);
	s = from_data(finding, check);
	if (!s)
		s = report_say_text(finding);
	return s ? s : xstrdup(msg);
}
