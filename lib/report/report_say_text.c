/* report_say_text: a finding's Chinese sentence read from its English
 * message, for findings without data (saved by an older upkeep, or
 * routed through a CSV table, which has no data column).  One table of
 * sayings: for each check, a pattern for each variant of the English
 * sentence its producer writes (inspect's checks, sla-check's
 * slo_doc.c, raci_check.c) and the Chinese template that says the same.
 * In a pattern "{s}" is the finding's subject and "{}" a figure read from
 * the message (the shortest text that lets the rest match); in a template
 * "{s}" is the subject and "{N}" the N-th figure, "{dN}" as a duration,
 * "{kN}" as a clock ("business hours, calendar ..."), "{wN}" as a word of
 * the table below, "{lN}" as a list ("3, 7": "3、7"), "{qN}" with its
 * ASCII quotes made Chinese ones. */
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "base/xalloc.h"
#include "report/report_format.h"
#include "report/report_say.h"
#include "report/report_say_int.h"

#define SAY_FIGURES 9
/* match() calls allowed for one pattern: a name repeating the words of
 * its pattern cannot make the reading slow. */
#define SAY_BUDGET 20000

struct saying {
	const char *check, *en, *zh;
};

static const struct saying sayings[] = {
	/* inspect */
	{"consecutive_failures", "{s} failed {} times in a row ({} run of {} or more)",
	 "{s} 最长连续失败 {1} 次（{2} 段达到 {3} 次及以上）"},
	{"consecutive_failures", "{s} failed {} times in a row ({} runs of {} or more)",
	 "{s} 最长连续失败 {1} 次（{2} 段达到 {3} 次及以上）"},
	{"error_rate", "{s} failed {} of {} events ({}%, limit {}%)",
	 "{s} 的 {2} 个事件中失败 {1} 个（{3}%，上限 {4}%）"},
	{"latency_p95", "{s} p95 latency is {} ms over {} events (limit {} ms)",
	 "{s} 的 p95 延迟为 {1} 毫秒（共 {2} 个事件，上限 {3} 毫秒）"},
	{"error_burst", "{} errors in the hour from {s}, against an hourly mean of {} over open hours (a burst is {} or more)",
	 "{s} 起的 1 小时内出现 {1} 个错误（工作时间每小时平均 {2} 个，突发阈值 {3} 个）"},
	{"error_burst", "{} errors in the hour from {s}, against an hourly mean of {} (a burst is {} or more)",
	 "{s} 起的 1 小时内出现 {1} 个错误（每小时平均 {2} 个，突发阈值 {3} 个）"},
	{"error_burst", "{} errors in the {} hours from {s} (at most {} in one), against an hourly mean of {} over open hours (a burst is {} or more)",
	 "{s} 起的 {2} 小时内出现 {1} 个错误（单小时最多 {3} 个；工作时间每小时平均 {4} 个，突发阈值 {5} 个）"},
	{"error_burst", "{} errors in the {} hours from {s} (at most {} in one), against an hourly mean of {} (a burst is {} or more)",
	 "{s} 起的 {2} 小时内出现 {1} 个错误（单小时最多 {3} 个；每小时平均 {4} 个，突发阈值 {5} 个）"},
	{"log_gap", "the log has been silent for {} open hours, since {} at {s}, and still is at {} (limit {} open hours)",
	 "日志已静默 {1} 个工作小时：自{w2} {s} 起，至 {3} 仍无事件（上限 {4} 个工作小时）"},
	{"log_gap", "the log has been silent for {} hours, since {} at {s}, and still is at {} (limit {} hours)",
	 "日志已静默 {1} 小时：自{w2} {s} 起，至 {3} 仍无事件（上限 {4} 小时）"},
	{"log_gap", "{} open hours without events, from {s} to {} (limit {} open hours)",
	 "{s} 至 {2} 无事件，共 {1} 个工作小时（上限 {3} 个工作小时）"},
	{"log_gap", "no events for {} hours, from {s} to {} (limit {} hours)",
	 "{s} 至 {2} 无事件，共 {1} 小时（上限 {3} 小时）"},
	{"failed_logins", "{s} failed to log in {} times within {} (limit {})",
	 "{s} 在 {d2}内登录失败 {1} 次（上限 {3} 次）"},
	{"failed_logins", "{s} failed logins for {} different users within {} (password spraying; limit {})",
	 "{s} 在 {d2}内对 {1} 个不同用户登录失败（疑似密码喷洒，上限 {3} 个）"},
	{"stale_account", "{s} has not been active for {} days (last active {}; limit {} days)",
	 "{s} 已 {1} 天未活动（最后活动 {2}，上限 {3} 天）"},
	{"stale_account", "{s} has never been used since it was created on {}, {} days ago (limit {} days)",
	 "{s} 于 {1} 创建，{2} 天来从未使用（上限 {3} 天）"},
	{"dormant_admin", "administrator {s} has not been active for {} days (last active {}; limit {} days)",
	 "管理员 {s} 已 {1} 天未活动（最后活动 {2}，上限 {3} 天）"},
	{"dormant_admin", "administrator {s} has never been used since it was created on {}, {} days ago (limit {} days)",
	 "管理员 {s} 于 {1} 创建，{2} 天来从未使用（上限 {3} 天）"},
	{"unknown_user", "{s} is not in the accounts file but has {} event",
	 "{s} 不在账户文件中，但有 {1} 个事件"},
	{"unknown_user", "{s} is not in the accounts file but has {} events",
	 "{s} 不在账户文件中，但有 {1} 个事件"},
	{"disabled_account_activity", "account {s} is {} but has {} event",
	 "账户 {s} 已{w1}，但有 {2} 个事件"},
	{"disabled_account_activity", "account {s} is {} but has {} events",
	 "账户 {s} 已{w1}，但有 {2} 个事件"},
	{"expired_project", "project {s} ended on {}, {} days before {}, and is not archived (status {}; limit {} days)",
	 "项目 {s} 已于 {1} 结束（早于{w3} {2} 天），仍未归档（状态{q4}，上限 {5} 天）"},
	/* sla-check */
	{"availability", "{s} availability {}% still meets the {}% target: {} down so far, {} allowed; an outage is ongoing since {}",
	 "{s} 可用性 {1}%，仍达到 {2}% 的目标：目前已停机 {d3}，允许 {d4}；自 {5} 起故障仍在持续"},
	{"availability", "{s} availability {}% still meets the {}% target: {} down so far, {} allowed",
	 "{s} 可用性 {1}%，仍达到 {2}% 的目标：目前已停机 {d3}，允许 {d4}"},
	{"availability", "{s} availability {}% is below the {}% target: {} down, {} allowed; a {}% service credit is due; an outage is ongoing since {}",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：停机 {d3}，允许 {d4}；应计服务赔偿 {5}%；自 {6} 起故障仍在持续"},
	{"availability", "{s} availability {}% is below the {}% target: {} down, {} allowed; a {}% service credit is due",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：停机 {d3}，允许 {d4}；应计服务赔偿 {5}%"},
	{"availability", "{s} availability {}% is below the {}% target: {} down, {} allowed; an outage is ongoing since {}",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：停机 {d3}，允许 {d4}；自 {5} 起故障仍在持续"},
	{"availability", "{s} availability {}% is below the {}% target: {} down, {} allowed",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：停机 {d3}，允许 {d4}"},
	{"availability", "{s} availability {}% is below the {}% target: {} of {} samples down, longest down run {}; a {}% service credit is due",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：{4} 次探测中 {3} 次不可用，最长连续不可用 {d5}；应计服务赔偿 {6}%"},
	{"availability", "{s} availability {}% is below the {}% target: {} of {} samples down, longest down run {}",
	 "{s} 可用性 {1}%，低于 {2}% 的目标：{4} 次探测中 {3} 次不可用，最长连续不可用 {d5}"},
	{"response", "{} ticket {s} got its first response after {} (target {}, {})",
	 "{1} 工单 {s} 在 {d2}后才首次响应（目标 {d3}，{k4}）"},
	{"response", "{} ticket {s} has no first response {} after opening (target {}, {})",
	 "{1} 工单 {s} 开单 {d2}后仍未首次响应（目标 {d3}，{k4}）"},
	{"response", "{s} response compliance {}% is below the {}% target: {} met, {} breached, {} pending",
	 "{s} 响应达标率 {1}%，低于 {2}% 的目标：达标 {3} 张，超时 {4} 张，待定 {5} 张"},
	{"resolution", "{} ticket {s} was resolved after {} (target {}, {})",
	 "{1} 工单 {s} 在 {d2}后才解决（目标 {d3}，{k4}）"},
	{"resolution", "{} ticket {s} has no resolution {} after opening (target {}, {})",
	 "{1} 工单 {s} 开单 {d2}后仍未解决（目标 {d3}，{k4}）"},
	{"resolution", "{s} resolution compliance {}% is below the {}% target: {} met, {} breached, {} pending",
	 "{s} 解决达标率 {1}%，低于 {2}% 的目标：达标 {3} 张，超时 {4} 张，待定 {5} 张"},
	/* raci check */
	{"no_accountable", "activity \"{s}\" has no accountable role (A)",
	 "活动“{s}”没有负责角色（A）"},
	{"multiple_accountable", "activity \"{s}\" has {} accountable roles ({}); it needs exactly one",
	 "活动“{s}”有 {1} 个负责角色（{l2}），只能有一个"},
	{"no_responsible", "activity \"{s}\" has no responsible role (R)",
	 "活动“{s}”没有执行角色（R）"},
	{"too_many_responsible", "activity \"{s}\" has {} responsible roles ({}), more than {}",
	 "活动“{s}”有 {1} 个执行角色（{l2}），多于 {3} 个"},
	{"unknown_code", "activity \"{}\", role \"{}\": \"{}\" is not a RACI code (R, A, C, I)",
	 "活动“{1}”、角色“{2}”：“{3}”不是 RACI 代码（R、A、C、I）"},
	{"duplicate_activity", "activity \"{s}\" appears {} times (lines {})",
	 "活动“{s}”出现 {1} 次（第 {l2} 行）"},
	{"idle_role", "role \"{s}\" has no letter in any activity",
	 "角色“{s}”在任何活动中都没有 RACI 字母"},
	{"empty_matrix", "the matrix has no activities", "矩阵中没有活动"},
	{"empty_matrix", "the matrix has no roles", "矩阵中没有角色"},
	{"accountable_bottleneck", "role \"{s}\" is accountable for {} of {} activities, more than a third",
	 "角色“{s}”负责 {2} 项活动中的 {1} 项，超过三分之一"},
};

/* The words {wN} translates; others stay as they are. */
static const char *const words[][2] = {
	{"locked", "锁定"}, {"disabled", "停用"},
	{"now", "当前时间"}, {"the period's end", "周期结束"},
	{"its last event", "最后一个事件"}, {"the period's start", "周期开始"},
	{"empty", "为空"},
};

/* The duration units of sla-check ("2 d 3 h 4 min 5.5 s") and inspect
 * ("15 minutes", "1 hour"). */
static const char *const units[][2] = {
	{"d", "天"}, {"day", "天"}, {"days", "天"},
	{"h", "小时"}, {"hour", "小时"}, {"hours", "小时"},
	{"min", "分"}, {"minute", "分钟"}, {"minutes", "分钟"},
	{"s", "秒"}, {"second", "秒"}, {"seconds", "秒"},
};

struct figure {
	const char *p;
	size_t n;
};

struct reading {
	const char *subject;
	size_t slen;
	struct figure f[SAY_FIGURES];
	long budget;
};

/* 1 when s matches pat whole, figures from k on set in r. */
static int match(struct reading *r, const char *pat, const char *s, int k)
{
	if (--r->budget < 0)
		return 0;
	while (*pat) {
		if (pat[0] == '{' && pat[1] == '}') {
			size_t n, len = strlen(s);
			if (k >= SAY_FIGURES)
				return 0;
			for (n = 1; n <= len; n++) {
				/* a literal next: only where it stands */
				if (pat[2] && pat[2] != '{' && s[n] != pat[2])
					continue;
				r->f[k].p = s;
				r->f[k].n = n;
				if (match(r, pat + 2, s + n, k + 1))
					return 1;
				if (r->budget < 0)
					return 0;
			}
			return 0;
		}
		if (pat[0] == '{' && pat[1] == 's' && pat[2] == '}') {
			if (!r->slen || strncmp(s, r->subject, r->slen) != 0)
				return 0;
			s += r->slen;
			pat += 3;
			continue;
		}
		if (*pat != *s)
			return 0;
		pat++;
		s++;
	}
	return *s == '\0';
}

static int token_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && strncmp(p, w, n) == 0;
}

/* A duration: each "number unit" pair in Chinese; anything it does not
 * read is copied as is. */
static void put_duration(struct sbuf *b, const char *p, size_t n)
{
	struct sbuf out = {0};
	const char *end = p + n, *q = p;
	int ok = 1;

	while (q < end && ok) {
		const char *num = q, *u;
		size_t nn, un, i;
		while (q < end && *q != ' ')
			q++;
		nn = (size_t)(q - num);
		if (q < end)
			q++;
		u = q;
		while (q < end && *q != ' ')
			q++;
		un = (size_t)(q - u);
		if (q < end)
			q++;
		ok = nn && un && strspn(num, "0123456789.") >= nn;
		for (i = 0; ok && i < sizeof units / sizeof units[0]; i++)
			if (token_is(u, un, units[i][0]))
				break;
		if (!ok || i == sizeof units / sizeof units[0]) {
			ok = 0;
			break;
		}
		if (out.len)
			sbuf_addc(&out, ' ');
		sbuf_add(&out, num, nn);
		sbuf_addc(&out, ' ');
		sbuf_adds(&out, units[i][1]);
	}
	if (ok && out.len)
		sbuf_adds(b, sbuf_str(&out));
	else
		sbuf_add(b, p, n);
	sbuf_release(&out);
}

/* "business hours, calendar "x"" / "wall-clock time, calendar "x"". */
static void put_clock(struct sbuf *b, const char *p, size_t n)
{
	static const char *const kinds[][2] = {
		{"business hours, calendar ", "按工作时间计，日历"},
		{"wall-clock time, calendar ", "按自然时间计，日历"},
	};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t k = strlen(kinds[i][0]);
		if (n > k + 1 && strncmp(p, kinds[i][0], k) == 0 &&
		    p[k] == '"' && p[n - 1] == '"') {
			sbuf_adds(b, kinds[i][1]);
			sbuf_adds(b, "“");
			sbuf_add(b, p + k + 1, n - k - 2);
			sbuf_adds(b, "”");
			return;
		}
	}
	sbuf_add(b, p, n);
}

static void put_word(struct sbuf *b, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (token_is(p, n, words[i][0])) {
			sbuf_adds(b, words[i][1]);
			return;
		}
	sbuf_add(b, p, n);
}

static void put_list(struct sbuf *b, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == ',' && i + 1 < n && p[i + 1] == ' ') {
			sbuf_adds(b, "、");
			i++;
		} else {
			sbuf_addc(b, p[i]);
		}
	}
}

static void put_quoted(struct sbuf *b, const char *p, size_t n)
{
	if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
		sbuf_adds(b, "“");
		sbuf_add(b, p + 1, n - 2);
		sbuf_adds(b, "”");
	} else {
		put_word(b, p, n);
	}
}

/* The template t with r's subject and figures. */
static char *expand(const char *t, const struct reading *r)
{
	struct sbuf b = {0};

	while (*t) {
		char conv = 0;
		const char *q = t + 1;
		int k;
		if (*t != '{') {
			sbuf_addc(&b, *t++);
			continue;
		}
		if (q[0] == 's' && q[1] == '}') {
			sbuf_add(&b, r->subject, r->slen);
			t += 3;
			continue;
		}
		if (*q >= 'a' && *q <= 'z')
			conv = *q++;
		k = *q - '1';
		if (k < 0 || k >= SAY_FIGURES || q[1] != '}') {
			sbuf_addc(&b, *t++);
			continue;
		}
		t = q + 2;
		switch (conv) {
		case 'd': put_duration(&b, r->f[k].p, r->f[k].n); break;
		case 'k': put_clock(&b, r->f[k].p, r->f[k].n); break;
		case 'w': put_word(&b, r->f[k].p, r->f[k].n); break;
		case 'l': put_list(&b, r->f[k].p, r->f[k].n); break;
		case 'q': put_quoted(&b, r->f[k].p, r->f[k].n); break;
		default: sbuf_add(&b, r->f[k].p, r->f[k].n); break;
		}
	}
	return sbuf_take(&b);
}

int report_say_text_known(const char *check)
{
	size_t i;

	for (i = 0; check && i < sizeof sayings / sizeof sayings[0]; i++)
		if (strcmp(sayings[i].check, check) == 0)
			return 1;
	return 0;
}

char *report_say_text(const json_t *finding)
{
	const char *msg = report_str(finding, "message");
	const char *check = report_str(finding, "check");
	const char *subject = report_str(finding, "subject");
	struct reading r;
	size_t i;

	if (!msg || !check)
		return NULL;
	memset(&r, 0, sizeof r);
	r.subject = subject ? subject : "";
	r.slen = strlen(r.subject);
	for (i = 0; i < sizeof sayings / sizeof sayings[0]; i++) {
		if (strcmp(sayings[i].check, check) != 0)
			continue;
		r.budget = SAY_BUDGET;
		if (match(&r, sayings[i].en, msg, 0))
			return expand(sayings[i].zh, &r);
	}
	return NULL;
}
