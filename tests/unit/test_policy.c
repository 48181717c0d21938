/* Unit tests of policy: the example policy of SPEC.md, calendar forms, and
 * one malformed policy per kind of mistake, each rejected with a message
 * that names the key and quotes the bad value (and its line where the key
 * can be found). */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "sla/policy.h"

static const char example[] =
	"{\"name\": \"PM SaaS contract\", \"timezone\": \"Asia/Shanghai\",\n"
	" \"availability\": {\"target\": 99.9, \"exclude_planned\": true,\n"
	"                  \"credits\": [{\"below\": 99.9, \"credit\": 10}, {\"below\": 99.0, \"credit\": 25}]},\n"
	" \"response\":   {\"P1\": \"2h\", \"P2\": \"4h\", \"P3\": \"1d\", \"min_compliance\": 95},\n"
	" \"resolution\": {\"P1\": \"8h\", \"P2\": \"3d\"},\n"
	" \"calendar\":   {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\",\n"
	"                \"holidays\": [\"2026-10-01\", \"2026-10-02\"]},\n"
	" \"business_hours\": [\"response\"]}\n";

static struct policy *load(const char *s, struct error *e)
{
	error_clear(e);
	return policy_new(s, strlen(s), "sla.json", e);
}

static void example_policy(void)
{
	struct error e;
	struct policy *p = load(example, &e);
	struct slo_ticket_objective o;
	const struct slo_credit *cr;
	size_t n = 99;
	int64_t fri;

	CHECK(p != NULL);
	if (!p) {
		fprintf(stderr, "%s:%lu: %s\n", e.file, e.line, e.msg);
		return;
	}
	CHECK_STR(policy_name(p), "PM SaaS contract");
	CHECK_STR(tz_name(policy_tz(p)), "Asia/Shanghai");
	CHECK(policy_has_availability(p));
	CHECK_INT(policy_availability_target(p), 99900000);
	CHECK(policy_exclude_planned(p));
	cr = policy_credits(p, &n);
	CHECK_INT(n, 2);
	/* sorted by below: 99.0 -> 25 first */
	CHECK_INT(cr[0].below, 99000000);
	CHECK_INT(cr[0].credit, 25000000);
	CHECK_INT(cr[1].below, 99900000);
	CHECK_INT(cr[1].credit, 10000000);

	CHECK_INT(policy_tickets(p, SLO_RESPONSE, &o), 0);
	CHECK_INT(o.ntargets, 3);
	CHECK_STR(o.targets[0].priority, "P1");
	CHECK_INT(o.targets[0].ms, 2 * MS_PER_HOUR);
	CHECK_STR(o.targets[2].priority, "P3");
	/* business time: "1d" is one working day of 09:00-18:00, 9 h */
	CHECK_INT(o.targets[2].ms, 9 * MS_PER_HOUR);
	CHECK(o.targets[2].calendar == policy_calendar(p));
	CHECK_STR(o.targets[2].calendar_name, "calendar");
	CHECK_INT(o.min_compliance, 95000000);
	CHECK(o.calendar != NULL && o.calendar == policy_calendar(p));
	CHECK(policy_business_hours(p, SLO_RESPONSE));
	/* the calendar: Fri 2026-10-09 17:30 +08:00 + 2 h -> Mon 10:30 +08:00 */
	fri = civil_days_from_date(2026, 10, 9) * MS_PER_DAY + 9 * MS_PER_HOUR + 30 * MS_PER_MIN;
	CHECK_INT(calendar_deadline(o.calendar, fri, 2 * MS_PER_HOUR),
		  civil_days_from_date(2026, 10, 12) * MS_PER_DAY + 2 * MS_PER_HOUR +
		  30 * MS_PER_MIN);
	CHECK(!calendar_is_workday(o.calendar, civil_days_from_date(2026, 10, 2)));

	CHECK_INT(policy_tickets(p, SLO_RESOLUTION, &o), 0);
	CHECK_INT(o.ntargets, 2);
	CHECK_INT(o.targets[1].ms, 3 * MS_PER_DAY);	/* wall clock: 72 h */
	CHECK(o.targets[1].calendar == NULL);
	CHECK_STR(o.targets[1].calendar_name, "24x7");
	CHECK_INT(o.min_compliance, SLO_PCT_FULL);	/* default 100 % */
	CHECK(o.calendar == NULL);			/* wall clock */
	CHECK(!policy_business_hours(p, SLO_RESOLUTION));
	policy_free(p);
	policy_free(NULL);
}

/* Only what is given: no availability, no calendar, no name; the zone
 * defaults to $TZ, else UTC. */
static void minimal_policy(void)
{
	struct error e;
	struct policy *p;
	struct slo_ticket_objective o;
	size_t n = 9;

	setenv("TZ", "UTC", 1);
	p = load("{\"resolution\": {\"P1\": \"1h30m\"}}", &e);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_STR(policy_name(p), "");
	CHECK_STR(tz_name(policy_tz(p)), "UTC");
	CHECK(!policy_has_availability(p));
	CHECK(policy_credits(p, &n) == NULL);
	CHECK_INT(n, 0);
	CHECK(policy_calendar(p) == NULL);
	CHECK_INT(policy_tickets(p, SLO_RESPONSE, &o), -1);
	CHECK_INT(policy_tickets(p, SLO_RESOLUTION, &o), 0);
	CHECK_INT(o.targets[0].ms, 90 * MS_PER_MIN);
	policy_free(p);
}

/* Day and hour forms.  2026-10-03 is a Saturday, -04 a Sunday, -05 a
 * Monday, -07 a Wednesday, -08 a Thursday, -09 a Friday. */
static void calendar_forms(void)
{
	static const struct {
		const char *days, *hours;
		const char *work;	/* Sat Sun Mon Wed Thu Fri */
	} cases[] = {
		{ "Mon,Tue,Sat", "09:00-18:00", "101000" },
		{ "Mon-Sun", "00:00-24:00", "111111" },
		{ "sun-thu", "08:00-17:00", "011110" },	/* wraps past Sunday */
		{ " Mon - Wed , Friday ", "09:30 - 17:45", "001101" },
		{ "Sat", "23:00-24:00", "100000" },
	};
	static const int dom[] = { 3, 4, 5, 7, 8, 9 };
	char buf[512];
	size_t i, k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct error e;
		struct policy *p;

		snprintf(buf, sizeof buf,
			 "{\"timezone\": \"UTC\", \"response\": {\"P1\": \"1h\"},"
			 " \"calendar\": {\"days\": \"%s\", \"hours\": \"%s\"},"
			 " \"business_hours\": [\"response\", \"resolution\"]}",
			 cases[i].days, cases[i].hours);
		p = load(buf, &e);
		CHECK(p != NULL);
		if (!p) {
			fprintf(stderr, "case %zu: %s\n", i, e.msg);
			continue;
		}
		for (k = 0; k < 6; k++) {
			int w = calendar_is_workday(policy_calendar(p),
							civil_days_from_date(2026, 10, dom[k]));
			if (w != (cases[i].work[k] == '1')) {
				fprintf(stderr, "case %zu day %d: workday %d\n", i, dom[k], w);
				CHECK(0);
			}
		}
		CHECK(policy_business_hours(p, SLO_RESOLUTION));
		policy_free(p);
	}
	/* 09:30-17:45 on Mon 2026-10-05 UTC: 8 h 15 */
	{
		struct error e;
		struct policy *p = load("{\"timezone\": \"UTC\", \"response\": {\"P1\": \"1h\"},"
					" \"calendar\": {\"days\": \"Mon-Fri\","
					" \"hours\": \"09:30-17:45\"}}", &e);
		int64_t d = civil_days_from_date(2026, 10, 5) * MS_PER_DAY;

		CHECK(p != NULL);
		if (p) {
			CHECK_INT(calendar_open_ms(policy_calendar(p), d, d + MS_PER_DAY),
				  8 * MS_PER_HOUR + 15 * MS_PER_MIN);
			policy_free(p);
		}
	}
}

/* Each malformed policy, the words its message must contain, and its line
 * (0: no line expected). */
static void malformed_policies(void)
{
	static const struct {
		const char *json, *msg;
		unsigned long line;
	} cases[] = {
		{ "{\"response\": {\"P1\": \"2h\"},\n \"availabilty\": {\"target\": 99.9}}",
		  "unknown key \"availabilty\" in policy", 2 },
		{ "{\"availability\": {\"target\": 99.9,\n \"exclude_planed\": true}}",
		  "unknown key \"exclude_planed\" in \"availability\"", 2 },
		{ "{\"response\": {\"P1\": \"2x\"}}",
		  "key \"response.P1\": cannot parse duration \"2x\"", 1 },
		/* the second P1 (in resolution) is the one named and found */
		{ "{\"response\": {\"P1\": \"2h\"},\n\"resolution\": {\n\"P1\": \"8 hours\"}}",
		  "key \"resolution.P1\": cannot parse duration \"8 hours\"", 3 },
		/* a key with a quote in it is escaped in the message */
		{ "{\"response\": {\"P\\\"1\": \"2x\"}}",
		  "key \"response.P\\\"1\": cannot parse duration \"2x\"", 0 },
		{ "{\"response\": {\"P1\": \"0h\"}}",
		  "key \"response.P1\": duration \"0h\" is not positive", 1 },
		{ "{\"response\": {\"P1\": 7200}}",
		  "key \"response.P1\": expected a string or an object, got a number", 1 },
		{ "{\"response\": {\"P1\": \"2h\", \"p1\": \"3h\"}}",
		  "key \"response\": priority \"p1\" given twice", 1 },
		{ "{\"response\": {\"min_compliance\": 90}}",
		  "key \"response\": no priority target", 1 },
		{ "{\"response\": {\"P1\": \"2h\", \"min_compliance\": 0}}",
		  "key \"response.min_compliance\": 0 is out of range (0, 100]", 1 },
		{ "{\"availability\": {\"target\": 150}}",
		  "key \"availability.target\": 150 is out of range (0, 100]", 1 },
		{ "{\"availability\": {\"target\": -1}}",
		  "key \"availability.target\": -1 is out of range (0, 100]", 1 },
		{ "{\"availability\": {\"target\": 0}}",
		  "key \"availability.target\": 0 is out of range (0, 100]", 1 },
		{ "{\"availability\": {\"target\": \"99.9\"}}",
		  "key \"availability.target\": expected a number, got a string", 1 },
		{ "{\"availability\": {\"exclude_planned\": true}}",
		  "key \"availability\": \"target\" is missing", 1 },
		{ "{\"availability\": {\"target\": 99.9, \"exclude_planned\": \"yes\"}}",
		  "key \"availability.exclude_planned\": expected a boolean, got a string", 1 },
		{ "{\"availability\": [99.9]}",
		  "key \"availability\": expected an object, got an array", 1 },
		{ "{\"availability\": {\"target\": 99.9, \"credits\": [{\"below\": 99.9, \"credit\": 120}]}}",
		  "key \"availability.credits[0].credit\": 120 is out of range [0, 100]", 1 },
		{ "{\"availability\": {\"target\": 99.9, \"credits\": [{\"below\": 99.9, \"credit\": 10},\n"
		  " {\"bellow\": 99, \"credit\": 25}]}}",
		  "unknown key \"bellow\" in \"availability.credits[1]\"", 2 },
		{ "{\"availability\": {\"target\": 99.9, \"credits\": [{\"below\": 99.9}]}}",
		  "key \"availability.credits[0]\": needs \"below\" and \"credit\"", 1 },
		{ "{\"availability\": {\"target\": 99.9, \"credits\": [{\"below\": 99, \"credit\": 10},"
		  " {\"below\": 99, \"credit\": 25}]}}",
		  "key \"availability.credits\": two tiers below 99", 1 },
		{ "{\"availability\": {\"target\": 99.9, \"credits\": {\"below\": 99}}}",
		  "key \"availability.credits\": expected an array, got an object", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fry\", \"hours\": \"09:00-18:00\"}}",
		  "key \"calendar.days\": cannot parse \"Mon-Fry\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"\", \"hours\": \"09:00-18:00\"}}",
		  "key \"calendar.days\": cannot parse \"\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\",\n \"hours\": \"18:00-09:00\"}}",
		  "key \"calendar.hours\": cannot parse \"18:00-09:00\" (expected HH:MM-HH:MM, "
		  "e.g. \"09:00-18:00\" or \"09:00-12:00,13:30-18:00\", each end after "
		  "its start, spans in order)", 2 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"9-18\"}}",
		  "key \"calendar.hours\": cannot parse \"9-18\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"24:00-24:00\"}}",
		  "key \"calendar.hours\": cannot parse \"24:00-24:00\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\",\n"
		  " \"holidays\": [\"2026-10-01\",\n \"2026-13-01\"]}}",
		  "key \"calendar.holidays\": cannot parse date \"2026-13-01\"", 3 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\","
		  " \"holidays\": \"2026-10-01\"}}",
		  "key \"calendar.holidays\": expected an array, got a string", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\"}}",
		  "key \"calendar\": \"hours\" is missing", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\","
		  " \"weekends\": true}}",
		  "unknown key \"weekends\" in \"calendar\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"},\n \"business_hours\": [\"response\"]}",
		  "key \"business_hours\": \"response\" needs a \"calendar\"", 2 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\"},"
		  " \"business_hours\": [\"responce\"]}",
		  "key \"business_hours\": unknown objective \"responce\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"business_hours\": \"response\"}",
		  "key \"business_hours\": expected an array, got a string", 1 },
		{ "{\"response\": {\"P1\": \"2h\"},\n \"timezone\": \"Mars/Olympus\"}",
		  "key \"timezone\": unknown time zone \"Mars/Olympus\"", 2 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"timezone\": 8}",
		  "key \"timezone\": expected a string, got a number", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"name\": null}",
		  "key \"name\": expected a string, got null", 1 },
		{ "{\"name\": \"nothing to check\"}",
		  "policy has no objective", 0 },
		{ "[]", "policy: expected an object, got an array", 1 },
		{ "{\"response\": {\"P1\": \"2h\",}}", "cannot parse policy: ", 1 },
		{ "{\"response\": {\"P1\": \"2h\"},\n\"response\": {\"P1\": \"4h\"}}",
		  "cannot parse policy: duplicate object key", 2 },
		{ "", "cannot parse policy: ", 1 },
		/* calendars and target objects */
		{ "{\"response\": {\"P1\": {\"target\": \"2h\",\n \"calendar\": \"office\"}}}",
		  "key \"response.P1.calendar\": no calendar \"office\" (expected \"24x7\" "
		  "or a name from \"calendars\")", 2 },
		{ "{\"response\": {\"P1\": {\"calendar\": \"24x7\"}}}",
		  "key \"response.P1\": \"target\" is missing", 1 },
		{ "{\"response\": {\"P1\": {\"target\": \"2h\", \"clock\": \"24x7\"}}}",
		  "unknown key \"clock\" in \"response.P1\"", 1 },
		{ "{\"response\": {\"P1\": {\"target\": \"2x\"}}}",
		  "key \"response.P1.target\": cannot parse duration \"2x\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"},\n \"calendars\": {\"24x7\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\"}}}",
		  "key \"calendars.24x7\": the name \"24x7\" is the wall clock", 2 },
		{ "{\"response\": {\"P1\": \"2h\"},\n \"calendars\": {\"s\": {\"days\": \"Mon-Fri\",\n \"hours\": \"9-18\"}}}",
		  "key \"calendars.s.hours\": cannot parse \"9-18\"", 3 },
		{ "{\"response\": {\"P1\": \"2h\"},\n \"calendars\": {\"s\": {\"days\": \"Mon-Fri\",\n \"hours\": \"09:00-18:00\", \"holiday\": []}}}",
		  "unknown key \"holiday\" in \"calendars.s\"", 3 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": \"office\"}",
		  "key \"calendar\": no calendar \"office\"", 1 },
		{ "{\"response\": {\"P1\": \"2h\"}, \"calendar\": {\"days\": \"Mon-Fri\", \"hours\": \"09:00-18:00\",\n"
		  " \"holidays\": [\"2026-10-10\"], \"workdays\": [\"2026-10-10\"]}}",
		  "key \"calendar.workdays\": \"2026-10-10\" is both a holiday and a working day", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct error e;
		struct policy *p = load(cases[i].json, &e);

		CHECK(p == NULL);
		policy_free(p);
		if (!strstr(e.msg, cases[i].msg)) {
			fprintf(stderr, "case %zu: got \"%s\", want \"%s\"\n", i, e.msg,
				cases[i].msg);
			CHECK(0);
		}
		CHECK_STR(e.file, "sla.json");
		if (e.line != cases[i].line) {
			fprintf(stderr, "case %zu (%s): line %lu, want %lu\n", i, e.msg,
				e.line, cases[i].line);
			CHECK(0);
		}
	}
}

/* Named calendars, target objects and working-day units:
 *   support: Mon-Fri 09:00-12:00,13:30-18:00 = 7 h 30 a working day;
 *   P1 {2h, 24x7}: 2 h of wall clock; P2 "1d" in business hours (the
 *   objective's calendar, "support" by name): 7 h 30; P3 {"1w", support}:
 *   5 working days = 37 h 30; P4 "1d4h" = 7 h 30 + 4 h = 11 h 30; P5
 *   "1.5d" = 11 h 15.  Resolution (wall clock): P1 "1d" = 24 h, P2 "1w" =
 *   168 h, P3 {"1d", support} = 7 h 30. */
static void calendars_and_targets(void)
{
	static const char text[] =
		"{\"timezone\": \"Asia/Shanghai\",\n"
		" \"calendars\": {\"support\": {\"days\": \"Mon-Fri\",\n"
		"                 \"hours\": \"09:00-12:00,13:30-18:00\",\n"
		"                 \"workdays\": [\"2026-10-10\"]},\n"
		"               \"24x7\": \"24x7\"},\n"
		" \"calendar\": \"support\", \"business_hours\": [\"response\"],\n"
		" \"response\": {\"P1\": {\"target\": \"2h\", \"calendar\": \"24x7\"},\n"
		"   \"P2\": \"1d\", \"P3\": {\"target\": \"1w\", \"calendar\": \"support\"},\n"
		"   \"P4\": \"1d4h\", \"P5\": \"1.5d\"},\n"
		" \"resolution\": {\"P1\": \"1d\", \"P2\": \"1w\",\n"
		"   \"P3\": {\"target\": \"1d\", \"calendar\": \"support\"}}}\n";
	struct error e;
	struct policy *p = load(text, &e);
	struct slo_ticket_objective o;
	const int64_t day = 7 * MS_PER_HOUR + 30 * MS_PER_MIN;

	CHECK(p != NULL);
	if (!p) {
		fprintf(stderr, "%s:%lu: %s\n", e.file, e.line, e.msg);
		return;
	}
	CHECK(policy_calendar(p) != NULL);
	CHECK(calendar_is_workday(policy_calendar(p), civil_days_from_date(2026, 10, 10)));
	CHECK_INT(policy_tickets(p, SLO_RESPONSE, &o), 0);
	CHECK_INT(o.ntargets, 5);
	CHECK_INT(o.targets[0].ms, 2 * MS_PER_HOUR);
	CHECK(o.targets[0].calendar == NULL);
	CHECK_STR(o.targets[0].calendar_name, "24x7");
	CHECK_INT(o.targets[1].ms, day);
	CHECK(o.targets[1].calendar == policy_calendar(p));
	CHECK_STR(o.targets[1].calendar_name, "support");
	CHECK_INT(o.targets[2].ms, 5 * day);
	CHECK_STR(o.targets[2].calendar_name, "support");
	CHECK_INT(o.targets[3].ms, day + 4 * MS_PER_HOUR);
	CHECK_INT(o.targets[4].ms, day + day / 2);
	CHECK_INT(policy_tickets(p, SLO_RESOLUTION, &o), 0);
	CHECK_INT(o.targets[0].ms, MS_PER_DAY);
	CHECK(o.targets[0].calendar == NULL);
	CHECK_INT(o.targets[1].ms, 7 * MS_PER_DAY);
	CHECK_INT(o.targets[2].ms, day);
	CHECK(o.targets[2].calendar == policy_calendar(p));
	policy_free(p);
}

static void policy_from_a_file(void)
{
	char path[] = "/tmp/test_policy_XXXXXX";
	struct error e;
	struct policy *p;
	FILE *fp;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	fp = fdopen(fd, "w");
	CHECK(fp != NULL);
	if (!fp)
		return;
	fputs(example, fp);
	fclose(fp);
	p = policy_new_file(path, &e);
	CHECK(p != NULL);
	if (p)
		CHECK_STR(policy_name(p), "PM SaaS contract");
	policy_free(p);

	fp = fopen(path, "w");
	if (fp) {
		fputs("{\"response\": {\"P1\": \"2h\"},\n\"availabilty\": {}}\n", fp);
		fclose(fp);
	}
	error_clear(&e);
	p = policy_new_file(path, &e);
	CHECK(p == NULL);
	CHECK_STR(e.file, path);
	CHECK_INT(e.line, 2);
	CHECK(strstr(e.msg, "unknown key \"availabilty\" in policy") != NULL);
	unlink(path);

	error_clear(&e);
	p = policy_new_file(path, &e);
	CHECK(p == NULL);
	CHECK(strstr(e.msg, "cannot open") != NULL);
}

int main(void)
{
	TEST_RUN(example_policy);
	TEST_RUN(minimal_policy);
	TEST_RUN(calendar_forms);
	TEST_RUN(malformed_policies);
	TEST_RUN(calendars_and_targets);
	TEST_RUN(policy_from_a_file);
	return TEST_EXIT();
}
