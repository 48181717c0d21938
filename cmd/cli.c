/* cli: the options (one table of common options beside each command's
 * own typed table; getopt_long is fed from both, and --help is printed
 * from both, so every command spells and documents the shared options the
 * same way), the messages, the exit and the subcommand dispatch.  Inputs
 * are cli_input.c's, outputs cli_output.c's. */
#include "cli.h"
#include "cli_int.h"
#include "cli_progress.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/clf.h"
#include "base/timeparse.h"
#include "base/utf8.h"
#include "base/xalloc.h"

enum {
	C_HELP = -100, C_VERSION, C_FORMAT, C_OUTPUT, C_PERIOD, C_SINCE,
	C_UNTIL, C_TZ, C_MAP, C_TIME_FORMAT, C_INPUT_FORMAT, C_STRICT,
	C_REJECTS, C_FAIL_ON, C_QUIET, C_DELIMITER, C_NULL, C_ENCODING,
	C_DEFAULT, C_FEATURE_MAP, C_SKIP_STATIC, C_LATENCY_UNIT, C_USER_FROM,
	C_LOG_FORMAT, C_LABEL, C_VALUES
};

enum { C_TRIM = -50, C_JSON_PATH };

/* The common options: handled by common_opt below, by id. */
struct common_opt {
	struct head {
		const char *name;
		int short_name;
		const char *arg;
		const char *help;
		int id;
	} o;
	unsigned group;		/* 0: always */
};

static const struct common_opt common[] = {
	{{"format", 'f', "FMT", NULL, C_FORMAT}, CLI_OUTPUT},
	{{"output", 'o', "FILE", "write to FILE atomically instead of standard output", C_OUTPUT}, CLI_OUTPUT},
	{{"label", 0, "NAME=VALUE", "prom: add the label NAME=\"VALUE\" to every series (repeatable), e.g. instance=web1", C_LABEL}, CLI_OUTPUT},
	{{"period", 0, "PERIOD", "2026-10, 2026-W44, 2026-Q4, 2026, A..B, last-week, last-month, this-month (default: the span of the data)", C_PERIOD}, CLI_PERIOD},
	{{"since", 0, "TIME", "start of the period (a date or time, included)", C_SINCE}, CLI_PERIOD},
	{{"until", 0, "TIME", "end of the period (a date or time, excluded)", C_UNTIL}, CLI_PERIOD},
	{{"tz", 0, "ZONE", "time zone of times without an offset and of calendar days (default: $TZ, else UTC)", C_TZ}, CLI_INPUT | CLI_PERIOD},
	{{"map", 0, "[INPUT:]COL=HEADER,...", "read column COL of INPUT (events, accounts, tickets, matrix, ...; default: the main input) from its column HEADER", C_MAP}, CLI_INPUT},
	{{"values", 0, "[INPUT:]COL=FROM:TO,...", "read the value FROM of column COL of INPUT as TO (e.g. accounts:status=Yes:active,No:disabled)", C_VALUES}, CLI_INPUT},
	{{"time-format", 0, "PATTERN", "strptime(3) pattern of input times", C_TIME_FORMAT}, CLI_INPUT},
	{{"input-format", 0, "FMT", "csv, tsv, json, ndjson, md, clf (default: by extension, else sniffed)", C_INPUT_FORMAT}, CLI_INPUT},
	{{"delimiter", 0, "CHAR", "CSV field separator: , ; | tab or another one character (default: ,)", C_DELIMITER}, CLI_INPUT},
	{{"encoding", 0, "NAME", "character encoding of the input, converted with iconv(3): latin1, windows-1252, ... (default: UTF-8)", C_ENCODING}, CLI_INPUT},
	{{"null", 0, "WORD,...", "read a value that is exactly WORD (e.g. NULL, ?) as missing", C_NULL}, CLI_INPUT},
	{{"default", 0, "COL=VALUE,...", "value of column COL where the input lacks it or leaves it empty", C_DEFAULT}, CLI_INPUT},
	{{"strict", 0, NULL, "stop at the first bad row instead of skipping it", C_STRICT}, CLI_INPUT},
	{{"rejects", 0, "FILE", "write every rejected row, with its line and reason, to FILE", C_REJECTS}, CLI_INPUT},
	{{"trim", 0, NULL, "drop spaces and tabs around every value (exports that pad cells; without it they are data)", C_TRIM}, CLI_INPUT},
	{{"json-path", 0, "NAME", "JSON: read the records of the array NAME (a.b for one inside an object) of an object holding several", C_JSON_PATH}, CLI_INPUT},
	{{"log-format", 0, "PATTERN", "access logs: the server's LogFormat or log_format pattern, or a preset: common, combined, vhost_combined, nginx, nginx-upstream, jira, confluence, confluence-xff, confluence-docker (default: sniffed)", C_LOG_FORMAT}, CLI_ACCESS_LOG},
	{{"feature-map", 0, "FILE", "access logs: pattern,feature rows naming requests (first match wins)", C_FEATURE_MAP}, CLI_ACCESS_LOG},
	{{"skip-static", 0, NULL, "access logs: leave out static assets instead of counting them as \"static\"", C_SKIP_STATIC}, CLI_ACCESS_LOG},
	{{"latency-unit", 0, "UNIT", "unit of latency_ms in every format, and of an access log's request-time field: us, ms, s (default: auto: ms; in access logs by the field)", C_LATENCY_UNIT}, CLI_ACCESS_LOG},
	{{"user-from", 0, "SOURCE", "access logs: user (the authenticated user) or ip (count clients by ip)", C_USER_FROM}, CLI_ACCESS_LOG},
	{{"fail-on", 0, "SEVERITY", "exit 1 on a finding at or above: info, warning, critical, never (default: warning)", C_FAIL_ON}, CLI_FINDINGS},
	{{"quiet", 'q', NULL, "print nothing on standard output when no finding is at or above --fail-on (-o FILE is still written)", C_QUIET}, CLI_FINDINGS},
	{{"help", 'h', NULL, "show this help and exit", C_HELP}, 0},
	{{"version", 0, NULL, "show the version and exit", C_VERSION}, 0},
};
#define NCOMMON (sizeof common / sizeof common[0])

static const char *const default_formats[] = {
	"csv", "tsv", "json", "ndjson", "table", NULL
};

void cli_init(struct cli *c, const char *prog, const char *usage,
	      const char *about, const struct cli_opt *opts, unsigned groups,
	      const char *const *formats, int argc, char **argv)
{
	memset(c, 0, sizeof *c);
	c->prog = prog;
	c->usage = usage;
	c->about = about;
	c->opts = opts;
	c->groups = groups;
	c->formats = formats ? formats : default_formats;
	c->fail_on = SEV_WARNING;
	c->input_format = READER_AUTO;
	c->clf_users = -1;
	c->argc = argc;
	c->argv = argv;
}

void cli_release(struct cli *c)
{
	size_t i;

	cli_maps_free(c->maps);
	c->maps = NULL;
	colmap_free(c->defaults);
	c->defaults = NULL;
	for (i = 0; i < c->nnulls; i++)
		free(c->nulls[i]);
	free(c->nulls);
	c->nulls = NULL;
	c->nnulls = 0;
	tz_free(c->tz);
	c->tz = NULL;
	free(c->labels.v);
	c->labels.v = NULL;
	c->labels.n = 0;
	clf_featuremap_free(c->feature_map);
	c->feature_map = NULL;
	clf_format_free(c->log_format);
	c->log_format = NULL;
	for (i = 0; i < c->nlists; i++) {
		free(c->lists[i]->v);
		c->lists[i]->v = NULL;
		c->lists[i]->n = 0;
	}
	free(c->lists);
	c->lists = NULL;
	c->nlists = 0;
	if (c->rejects && c->rejects != stdout)
		fclose(c->rejects);
	c->rejects = NULL;
}

int cli_nagios(const struct cli *c)
{
	return c->format_set && c->format == OUT_NAGIOS;
}

/* The last message printed (cli_warn, cli_die), for the status line of
 * a Nagios plugin that stops on a usage error. */
static char last_msg[1024];

/* With -f nagios: the plugin's status line "UPKEEP PROG UNKNOWN - msg" on
 * standard output (one line: '|' would start perfdata, a line end the
 * long output). */
static void nagios_unknown(const struct cli *c, const char *msg)
{
	const char *p;

	if (!cli_nagios(c))
		return;
	fputs("UPKEEP ", stdout);
	for (p = c->prog; *p && *p != ' '; p++)
		putchar(toupper((unsigned char)*p));
	fputs(" UNKNOWN - ", stdout);
	for (p = msg; *p; p++)
		putchar(*p == '|' ? '/' : (unsigned char)*p < 0x20 ? ' ' : *p);
	putchar('\n');
	fflush(stdout);
}

static void vmessage(const struct cli *c, const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof last_msg, fmt, ap);
	cli_progress_clear();
	fprintf(stderr, "%s: %s\n", c->prog, last_msg);
}

void cli_die(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(c, fmt, ap);
	va_end(ap);
	nagios_unknown(c, last_msg);
	exit(cli_nagios(c) ? 3 : 2);
}

void cli_fail(const struct cli *c, const struct error *e)
{
	cli_progress_clear();
	error_print(c->prog, e, stderr);
	if (cli_nagios(c)) {
		char where[320] = "";

		if (e->file[0] && e->line && e->column)
			snprintf(where, sizeof where, "%s:%lu:%lu: ", e->file, e->line, e->column);
		else if (e->file[0] && e->line)
			snprintf(where, sizeof where, "%s:%lu: ", e->file, e->line);
		else if (e->file[0])
			snprintf(where, sizeof where, "%s: ", e->file);
		snprintf(last_msg, sizeof last_msg, "%s%s", where,
			 e->msg[0] ? e->msg : "unknown error");
		nagios_unknown(c, last_msg);
	}
	exit(cli_nagios(c) ? 3 : 2);
}

void cli_warn(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(c, fmt, ap);
	va_end(ap);
}

void cli_usage(const struct cli *c)
{
	fprintf(stderr, "usage: %s %s\nTry '%s --help' for more information.\n",
		c->prog, c->usage, c->prog);
	if (cli_nagios(c)) {
		if (!last_msg[0])
			snprintf(last_msg, sizeof last_msg, "usage: %s %s", c->prog, c->usage);
		nagios_unknown(c, last_msg);
		exit(3);
	}
	exit(2);
}

void cli_limit(struct cli *c, const char *key, double warn, double crit)
{
	if (c->nlimits < sizeof c->limits / sizeof c->limits[0]) {
		c->limits[c->nlimits].key = key;
		c->limits[c->nlimits].warn = warn;
		c->limits[c->nlimits].crit = crit;
		c->nlimits++;
	}
}

static int has_group(const struct cli *c, unsigned group)
{
	return group == 0 || (c->groups & group) != 0;
}

/* 1 when the command takes the common option co (--label: only those
 * that write prom). */
static int has_common(const struct cli *c, const struct common_opt *co)
{
	return has_group(c, co->group) &&
	       (co->o.id != C_LABEL || cli_format_allowed(c, "prom"));
}

static void print_opt(FILE *fp, const char *name, int short_name,
		      const char *arg, const char *help)
{
	char head[64];
	int n;

	if (short_name)
		n = snprintf(head, sizeof head, "  -%c, --%s", short_name, name);
	else
		n = snprintf(head, sizeof head, "      --%s", name);
	if (arg && n > 0 && (size_t)n < sizeof head)
		snprintf(head + n, sizeof head - (size_t)n, " %s", arg);
	if (strlen(head) < 26)
		fprintf(fp, "%-26s%s\n", head, help);
	else
		fprintf(fp, "%s\n%26s%s\n", head, "", help);
}

static void help(const struct cli *c)
{
	char fmts[256];
	size_t i, n = 0;

	printf("usage: %s %s\n%s\n", c->prog, c->usage, c->about);
	if (c->opts && c->opts[0].name) {
		printf("\nOptions:\n");
		for (i = 0; c->opts[i].name; i++)
			print_opt(stdout, c->opts[i].name, c->opts[i].short_name,
				  c->opts[i].arg, c->opts[i].help);
	}
	printf("\nCommon options:\n");
	fmts[0] = '\0';
	for (i = 0; c->formats[i]; i++)
		n += (size_t)snprintf(fmts + n, n < sizeof fmts ? sizeof fmts - n : 0,
				      "%s%s", i ? ", " : "", c->formats[i]);
	for (i = 0; i < NCOMMON; i++) {
		if (!has_common(c, &common[i]))
			continue;
		if (common[i].o.id == C_FORMAT) {
			char buf[512];

			snprintf(buf, sizeof buf, "output format: %s (default: table on a terminal, else by the -o extension, else %s)",
				 fmts, strcmp(c->formats[0], "table") ? c->formats[0] : "csv");
			print_opt(stdout, common[i].o.name, common[i].o.short_name,
				  common[i].o.arg, buf);
		} else {
			print_opt(stdout, common[i].o.name, common[i].o.short_name,
				  common[i].o.arg, common[i].o.help);
		}
	}
	/* "raci check" is documented in raci(1) */
	printf("\nSee the %.*s(1) and upkeep(7) manual pages.\n",
	       (int)strcspn(c->prog, " "), c->prog);
}

int cli_format_allowed(const struct cli *c, const char *name)
{
	size_t i;

	for (i = 0; c->formats[i]; i++)
		if (strcmp(c->formats[i], name) == 0)
			return 1;
	return 0;
}

/* "one of: a, b, c" into buf */
static void list_choices(const char *const *choices, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; choices[i] && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", choices[i]);
}

/* --delimiter: one byte that can separate CSV fields ("tab" and "\t"
 * name a tab), else 0. */
static int parse_delimiter(const char *arg)
{
	unsigned char ch = (unsigned char)arg[0];

	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		return '\t';
	if (ch == '\0' || arg[1] != '\0' || ch == '"' || ch == '\n' ||
	    ch == '\r' || ch == ' ' || ch >= 0x80 || isalnum(ch))
		return 0;
	return ch;
}

/* --null WORD,...: adds the words (an empty one is not a word). */
static void add_nulls(struct cli *c, const char *arg)
{
	const char *p = arg;

	for (;;) {
		size_t n = strcspn(p, ",");
		if (n > 0) {
			c->nulls = xreallocarray(c->nulls, c->nnulls + 2, sizeof *c->nulls);
			c->nulls[c->nnulls++] = xmemdup(p, n);
			c->nulls[c->nnulls] = NULL;
		}
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* --label NAME=VALUE: a Prometheus label name, given once, and a UTF-8
 * value (the writer escapes it). */
static void add_label(struct cli *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : 0, i;

	if (!eq || len == 0)
		cli_die(c, "--label: \"%s\" is not NAME=VALUE", arg);
	if (!writer_prom_label_ok(arg, len))
		cli_die(c, "--label: \"%.*s\" is not a label name (a letter or _, then letters, digits or _; not __ first)",
			(int)len, arg);
	if (!utf8_valid(eq + 1, strlen(eq + 1)))
		cli_die(c, "--label: the value of %.*s is not UTF-8", (int)len, arg);
	for (i = 0; i < c->labels.n; i++)
		if (strncmp(c->labels.v[i], arg, len + 1) == 0)
			cli_die(c, "--label: %.*s is given twice", (int)len, arg);
	c->labels.v = xreallocarray(c->labels.v, c->labels.n + 1, sizeof *c->labels.v);
	c->labels.v[c->labels.n++] = arg;
}

/* Handles one common option; returns 0, or dies on a bad value. */
static void common_opt(struct cli *c, int id, const char *arg)
{
	struct error err;

	switch (id) {
	case C_HELP:
		help(c);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2);
	case C_VERSION:
		printf("%s (upkeep) %s\n", c->prog, UPKEEP_VERSION);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2);
	case C_FORMAT:
		if (!cli_format_allowed(c, arg) || outfmt_parse(arg, &c->format) != 0) {
			char list[256];
			list_choices(c->formats, list, sizeof list);
			cli_die(c, "unknown output format \"%s\" (one of: %s)", arg, list);
		}
		c->format_set = 1;
		break;
	case C_OUTPUT:
		c->output = strcmp(arg, "-") == 0 ? NULL : arg;	/* - is stdout */
		break;
	case C_LABEL:
		add_label(c, arg);
		break;
	case C_PERIOD:
		c->period = arg;
		break;
	case C_SINCE:
		c->since = arg;
		break;
	case C_UNTIL:
		c->until = arg;
		break;
	case C_TZ:
		c->tzname = arg;
		break;
	case C_MAP:
		cli_map_option(c, arg);
		break;
	case C_VALUES:
		cli_values_option(c, arg);
		break;
	case C_TIME_FORMAT: {
		unsigned f = time_format_fields(arg);
		if (!(f & TIME_FMT_YEAR) &&
		    (f & (TIME_FMT_MONTH | TIME_FMT_DAY)) != (TIME_FMT_MONTH | TIME_FMT_DAY))
			cli_die(c, "--time-format \"%s\": no year, and no month and day (%%b %%d) to place the times in the period or before now", arg);
		c->time_format = arg;
		break;
	}
	case C_INPUT_FORMAT:
		if (reader_format_parse(arg, &c->input_format) != 0)
			cli_die(c, "unknown input format \"%s\" (one of: csv, tsv, json, ndjson, md, clf)", arg);
		break;
	case C_DELIMITER:
		c->delimiter = parse_delimiter(arg);
		if (!c->delimiter)
			cli_die(c, "--delimiter: \"%s\" is not one character other than a quote, a letter, a digit or a line end (or tab)", arg);
		break;
	case C_ENCODING:
		if (!reader_encoding_ok(arg))
			cli_die(c, "--encoding: unknown encoding \"%s\" (iconv -l lists them)", arg);
		c->encoding = arg;
		break;
	case C_NULL:
		add_nulls(c, arg);
		break;
	case C_DEFAULT:
		if (!c->defaults)
			c->defaults = colmap_new();
		if (colmap_add(c->defaults, arg, &err) != 0)
			cli_die(c, "--default: \"%s\" is not COL=VALUE,...", arg);
		break;
	case C_STRICT:
		c->strict = 1;
		break;
	case C_TRIM:
		c->trim = 1;
		break;
	case C_JSON_PATH:
		c->json_path = arg;
		break;
	case C_REJECTS:
		c->rejects_path = arg;
		break;
	case C_FAIL_ON:
		if (severity_parse(arg, &c->fail_on) != 0)
			cli_die(c, "--fail-on: unknown severity \"%s\" (one of: info, warning, critical, never)", arg);
		break;
	case C_QUIET:
		c->quiet = 1;
		break;
	case C_FEATURE_MAP:
		clf_featuremap_free(c->feature_map);
		error_clear(&err);
		if (!(c->feature_map = clf_featuremap_load(arg, &err)))
			cli_fail(c, &err);
		c->clf.feature_map = c->feature_map;
		break;
	case C_LOG_FORMAT:
		clf_format_free(c->log_format);
		error_clear(&err);
		if (!(c->log_format = clf_format_new(arg, &err)))
			cli_die(c, "--log-format: %s", err.msg);
		c->clf.format = c->log_format;
		break;
	case C_SKIP_STATIC:
		c->clf.skip_static = 1;
		break;
	case C_LATENCY_UNIT:
		if (clf_latency_unit_parse(arg, &c->clf.latency_unit) != 0)
			cli_die(c, "--latency-unit: unknown unit \"%s\" (one of: auto, us, ms, s)", arg);
		break;
	case C_USER_FROM:
		if (strcmp(arg, "ip") != 0 && strcmp(arg, "user") != 0)
			cli_die(c, "--user-from: unknown source \"%s\" (one of: user, ip)", arg);
		c->clf.user_from_ip = strcmp(arg, "ip") == 0;
		break;
	default:
		break;
	}
}

static long parse_long(const struct cli *c, const char *opt, const char *arg,
		       long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v < lo || v > hi)
		cli_die(c, "--%s: \"%s\" is not a whole number from %ld to %ld", opt, arg, lo, hi);
	return v;
}

static double parse_number(const struct cli *c, const char *opt, const char *arg,
			   double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end != arg && *end == '%' && end[1] == '\0') {
		v /= 100;
		end++;
	}
	if (errno || end == arg || *end != '\0' || !isfinite(v) || v < lo || v > hi)
		cli_die(c, "--%s: \"%s\" is not a number from %g to %g", opt, arg, lo, hi);
	return v;
}


/* Sets the target of one of the command's own options. */
static void own_opt(struct cli *c, const struct cli_opt *o, const char *arg)
{
	int64_t ms;
	size_t i;
	char buf[256];

	switch (o->type) {
	case CLI_FLAG:
		*(int *)o->target = 1;
		break;
	case CLI_STRING:
		*(const char **)o->target = arg;
		break;
	case CLI_LIST: {
		struct cli_list *l = o->target;
		if (l->n == 0) {	/* cli_release frees it */
			c->lists = xreallocarray(c->lists, c->nlists + 1, sizeof *c->lists);
			c->lists[c->nlists++] = l;
		}
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = arg;
		break;
	}
	case CLI_LONG:
		*(long *)o->target = parse_long(c, o->name, arg, (long)o->lo, (long)o->hi);
		break;
	case CLI_NUMBER:
		*(double *)o->target = parse_number(c, o->name, arg, o->lo, o->hi);
		break;
	case CLI_DURATION:
		if (duration_parse(arg, &ms) != 0 || ms <= 0)
			cli_die(c, "--%s: \"%s\" is not a duration such as 90s, 15m, 6h, 1d", o->name, arg);
		*(int64_t *)o->target = ms;
		break;
	case CLI_CHOICE:
		for (i = 0; o->choices[i]; i++) {
			if (strcmp(o->choices[i], arg) == 0) {
				*(int *)o->target = (int)i;
				return;
			}
		}
		list_choices(o->choices, buf, sizeof buf);
		cli_die(c, "--%s: unknown %s \"%s\" (one of: %s)", o->name, o->noun, arg, buf);
	case CLI_CALL:
		o->call(c, o, arg);
		break;
	}
}

/* After a getopt error: the long name of the option at fault when bad,
 * the argument just read, spells that long option ("--quiet=1", "--gap"),
 * else NULL (a short option, maybe inside a cluster after a long one, or
 * an unknown option).  val: getopt's optopt. */
static const char *long_name(const struct option *longopts, size_t nl, int val,
			     const char *bad)
{
	size_t i, n;

	if (val == 0 || bad[0] != '-' || bad[1] != '-')
		return NULL;
	for (i = 0; i < nl; i++) {
		if (longopts[i].val != val)
			continue;
		n = strlen(longopts[i].name);
		if (strncmp(bad + 2, longopts[i].name, n) == 0 &&
		    (bad[2 + n] == '\0' || bad[2 + n] == '='))
			return longopts[i].name;
	}
	return NULL;
}

/* UPKEEP_LIST_OPTIONS set: instead of running, the command prints its
 * options, from the same tables as --help, for the completion generator
 * (completions/gen.sh), and exits 0.  One line an option, its fields
 * separated by tabs: "opt", the long name, the short letter (or empty),
 * the metavariable (empty for a flag), the values it accepts separated by
 * spaces (or empty), the help. */
static void list_options(const struct cli *c)
{
	/* the common options whose values common_opt checks against a list */
	static const struct {
		int id;
		const char *values;
	} listed[] = {
		{C_INPUT_FORMAT, "csv tsv json ndjson clf"},
		{C_LATENCY_UNIT, "auto us ms s"},
		{C_USER_FROM, "user ip"},
		{C_FAIL_ON, "info warning critical never"},
	};
	size_t i, j;

	for (i = 0; c->opts && c->opts[i].name; i++) {
		const struct cli_opt *o = &c->opts[i];
		char s[2] = { (char)o->short_name, 0 };
		printf("opt\t%s\t%s\t%s\t", o->name, s, o->arg ? o->arg : "");
		for (j = 0; o->type == CLI_CHOICE && o->choices[j]; j++)
			printf("%s%s", j ? " " : "", o->choices[j]);
		printf("\t%s\n", o->help);
	}
	for (i = 0; i < NCOMMON; i++) {
		const struct head *o = &common[i].o;
		char s[2] = { (char)o->short_name, 0 };
		if (!has_common(c, &common[i]))
			continue;
		printf("opt\t%s\t%s\t%s\t", o->name, s, o->arg ? o->arg : "");
		for (j = 0; o->id == C_FORMAT && c->formats[j]; j++)
			printf("%s%s", j ? " " : "", c->formats[j]);
		for (j = 0; j < sizeof listed / sizeof listed[0]; j++)
			if (listed[j].id == o->id)
				fputs(listed[j].values, stdout);
		printf("\t%s\n", o->help ? o->help : "output format");
	}
	exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2);
}

/* getopt_long tables are built from both option lists; every option gets
 * val 256 + its position.  getopt's own state is reset first.  The tables
 * are static: a bad value exits from inside the loop, and what is still
 * reachable then is not a leak. */
char **cli_parse(struct cli *c, int *n)
{
	static struct option *longopts;
	static const struct cli_opt **own;	/* by position: NULL for a common one */
	static const struct head **com;
	char shortopts[128];
	size_t i, nown = 0, nl = 0, ns = 0, total;

	if (getenv("UPKEEP_LIST_OPTIONS"))
		list_options(c);
	for (i = 0; c->opts && c->opts[i].name; i++)
		nown++;
	total = nown + NCOMMON;
	longopts = xcalloc(total + 1, sizeof *longopts);
	own = xcalloc(total, sizeof *own);
	com = xcalloc(total, sizeof *com);
	shortopts[ns++] = ':';
	for (i = 0; i < total; i++) {
		const char *name, *arg;
		int sh;
		if (i < nown) {
			own[nl] = &c->opts[i];
			name = own[nl]->name;
			arg = own[nl]->arg;
			sh = own[nl]->short_name;
		} else if (has_common(c, &common[i - nown])) {
			com[nl] = &common[i - nown].o;
			name = com[nl]->name;
			arg = com[nl]->arg;
			sh = com[nl]->short_name;
		} else {
			continue;
		}
		longopts[nl].name = name;
		longopts[nl].has_arg = arg ? required_argument : no_argument;
		longopts[nl].val = sh ? sh : 256 + (int)nl;
		if (sh && ns + 3 < sizeof shortopts) {
			shortopts[ns++] = (char)sh;
			if (arg)
				shortopts[ns++] = ':';
		}
		nl++;
	}
	shortopts[ns] = '\0';
	/* a first pass finds -f, so that with -f nagios every error is
	 * UNKNOWN, wherever -f stands (a bad value before it too) */
	optind = 0;	/* glibc: 0, not 1, resets getopt's state in full */
	opterr = 0;
	for (;;) {
		enum outfmt f;
		int ch = getopt_long(c->argc, c->argv, shortopts, longopts, NULL);
		if (ch == -1)
			break;
		for (i = 0; i < nl; i++)
			if (longopts[i].val == ch && com[i] && com[i]->id == C_FORMAT &&
			    cli_format_allowed(c, optarg) && outfmt_parse(optarg, &f) == 0) {
				c->format = f;
				c->format_set = 1;
			}
	}
	optind = 0;
	for (;;) {
		int li = -1;
		int ch = getopt_long(c->argc, c->argv, shortopts, longopts, &li);
		if (ch == -1)
			break;
		if (ch == '?' || ch == ':') {
			/* optopt: the short option, or (256 + position) the long
			 * one at fault, or 0 for an unknown long option */
			const char *bad = c->argv[optind - 1];
			const char *lname = long_name(longopts, nl, optopt, bad);
			if (lname && ch == ':')
				cli_warn(c, "option --%s needs a value", lname);
			else if (lname)
				cli_warn(c, "option --%s takes no value", lname);
			else if (optopt > 0 && optopt < 256 && ch == ':')
				cli_warn(c, "option -%c needs a value", optopt);
			else if (optopt > 0 && optopt < 256)
				cli_warn(c, "unknown option -%c", optopt);
			else
				cli_warn(c, "unknown option %s", bad);
			cli_usage(c);
		}
		for (i = 0; i < nl; i++) {
			if (longopts[i].val != ch)
				continue;
			if (own[i])
				own_opt(c, own[i], own[i]->arg ? optarg : NULL);
			else
				common_opt(c, com[i]->id, com[i]->arg ? optarg : NULL);
			break;
		}
	}
	free(longopts);
	free(own);
	free(com);
	longopts = NULL;
	own = NULL;
	com = NULL;
	cli_maps_resolve(c);	/* knows the inputs from c->opts */
	c->opts = NULL;		/* the table need not outlive cli_parse */
	*n = c->argc - optind;
	return c->argv + optind;
}

int cli_exit(struct cli *c, int status)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		cli_progress_clear();
		fprintf(stderr, "%s: write error on standard output: %s\n", c->prog,
			strerror(errno));
		status = cli_nagios(c) ? 3 : 2;
	}
	cli_release(c);
	return status;
}

int cli_dispatch(const char *prog, const char *about,
		 const struct cli_sub *subs, int argc, char **argv)
{
	size_t i;
	const char *name = argc > 1 ? argv[1] : NULL;

	if (name && strcmp(name, "--version") == 0) {
		printf("%s (upkeep) %s\n", prog, UPKEEP_VERSION);
		return 0;
	}
	if (!name && getenv("UPKEEP_LIST_OPTIONS")) {	/* see list_options */
		printf("opt\thelp\th\t\t\tshow the commands and exit\nopt\tversion\t\t\t\tshow the version and exit\n");
		for (i = 0; subs[i].name; i++)
			printf("sub\t%s\t%s\n", subs[i].name, subs[i].about);
		return 0;
	}
	if (name && name[0] != '-') {
		for (i = 0; subs[i].name; i++)
			if (strcmp(subs[i].name, name) == 0)
				return subs[i].run(argc - 1, argv + 1);
		fprintf(stderr, "%s: unknown command \"%s\"\n", prog, name);
	}
	if (name && (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0)) {
		printf("usage: %s COMMAND [options] [args]\n%s\n\nCommands:\n", prog, about);
		for (i = 0; subs[i].name; i++)
			printf("  %-10s%s\n", subs[i].name, subs[i].about);
		printf("\nRun '%s COMMAND --help' for the options of one command;\nsee the %s(1) manual page.\n", prog, prog);
		return 0;
	}
	fprintf(stderr, "usage: %s COMMAND [options] [args]\ncommands:", prog);
	for (i = 0; subs[i].name; i++)
		fprintf(stderr, " %s", subs[i].name);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	return 2;
}
