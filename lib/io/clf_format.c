/* clf_format: a log format pattern compiled once into steps, and the
 * scanner that runs them over each line.  A step is a literal, a run of
 * blanks (zero or more spaces and tabs, for a space of the pattern) or a
 * field; a field ends at the first byte that may follow it (its stop
 * table: the first byte of the next literal, a blank, the lead byte of
 * the next field), or is of a fixed shape (the CLF time, an unquoted
 * request line).  Each field has a role (time, user, status, ...) or
 * none, chosen at compile time, so the scanner does one switch a field
 * and touches each byte once.  Presets are patterns compiled like any
 * other. */
#include "io/clf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/clf_int.h"
#include "io/linemap.h"
#include "base/xalloc.h"

static const struct {
	const char *name, *pattern;
	int tomcat;		/* %D is milliseconds (Tomcat up to 9) */
} presets[] = {
	{"common", "%h %l %u %t \"%r\" %>s %b", 0},
	{"combined", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"", 0},
	{"vhost_combined", "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"", 0},
	{"nginx", "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"", 0},
	/* nginx's documented upstream_time: its example has no space before
	 * rt=; a blank of the pattern matches none as well */
	{"nginx-upstream", "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" rt=$request_time uct=\"$upstream_connect_time\" uht=\"$upstream_header_time\" urt=\"$upstream_response_time\"", 0},
	{"jira", "%a %{jira.request.id}r %{jira.request.username}r %t \"%m %U%q %H\" %s %b %D \"%{Referer}i\" \"%{User-Agent}i\" \"%{jira.request.assession.id}r\"", 1},
	{"confluence", "%t %{X-AUSERNAME}o %I %h %r %s %Dms %b %{Referer}i %{User-Agent}i", 1},
	{"confluence-xff", "%t %{X-Forwarded-For}i %{X-AUSERNAME}o %I %h %r %s %Dms %b %{Referer}i %{User-Agent}i", 1},
	{"confluence-docker", "%h %{X-AUSERNAME}o %t \"%r\" %s %b %D %U %I \"%{User-Agent}i\"", 1},
};
#define NPRESETS (sizeof presets / sizeof presets[0])

const char *clf_format_preset(size_t i)
{
	return i < NPRESETS ? presets[i].name : NULL;
}

const char *clf_format_preset_pattern(const char *name)
{
	size_t i;

	for (i = 0; i < NPRESETS; i++)
		if (strcmp(name, presets[i].name) == 0)
			return presets[i].pattern;
	return NULL;
}

/* ---- the compiled form ---- */

enum kind { K_BLANK, K_LIT, K_FIELD };

/* What a directive is. */
enum what {
	W_TOKEN,	/* a value without blanks */
	W_TEXT,		/* a value that may hold blanks (headers) */
	W_IP, W_HOST, W_USER, W_USERATTR,
	W_TIME_CLF,	/* %t: [dd/Mon/yyyy:HH:MM:SS +hhmm] */
	W_TIME_LOCAL,	/* $time_local: the same without brackets */
	W_TIME_ISO,	/* $time_iso8601 */
	W_REQUEST, W_METHOD,
	W_PATH,		/* %U $uri: the path alone */
	W_URI,		/* $request_uri: path and query */
	W_QUERY,	/* %q: "?..." or nothing */
	W_STATUS, W_SIZE, W_LATENCY
};

/* What the record takes from a field. */
enum role {
	R_NONE, R_IP, R_USER, R_TIME, R_REQUEST, R_METHOD, R_PATH,
	R_STATUS, R_SIZE, R_LATENCY
};

enum shape { SH_STOP, SH_QUOTED, SH_CLF_TIME, SH_LOCAL_TIME, SH_REQLINE };

struct step {
	enum kind kind;
	enum what what;
	enum role role;
	enum shape shape;
	enum clf_latency_unit unit;	/* W_LATENCY: the directive's */
	int rank;			/* W_LATENCY: lower is preferred */
	int list;			/* "0.1, 0.2": upstream times */
	unsigned char lead;		/* a byte the value starts with, or 0 */
	int at_blank;			/* SH_STOP: it stops at blanks alone */
	char *text;			/* K_LIT: the bytes; K_FIELD: the
					   directive as written, for messages */
	size_t len;
	unsigned char stop[256];	/* SH_STOP: bytes that end the value */
};

/* The steps again as turns of [blanks] [literal] [field]: a line that
 * matches as a whole takes one turn a field (23 steps of "combined" are
 * 9 turns and a last quote).  A line that does not (cut short, a
 * literal not there, a bad value) is scanned again step by step, which
 * says what is wrong or how much was read. */
struct turn {
	int blank;			/* skip blanks first */
	const char *lit;		/* then these len bytes */
	size_t len;
	const struct step *field;	/* then this field, or none */
};

struct clf_format {
	char name[32];
	struct step *step;
	size_t n, cap;
	struct turn *turn;
	size_t nturn;
	size_t need;		/* steps [0, need) must be in every line */
	int tail;		/* no request-time field: one may follow */
};

const char *clf_format_name(const struct clf_format *f)
{
	return f->name;
}

void clf_format_free(struct clf_format *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->n; i++)
		free(f->step[i].text);
	free(f->step);
	free(f->turn);
	free(f);
}

static struct step *add_step(struct clf_format *f, enum kind k)
{
	struct step *s;

	f->step = vec_reserve(f->step, &f->cap, f->n + 1, sizeof *f->step);
	s = &f->step[f->n++];
	memset(s, 0, sizeof *s);
	s->kind = k;
	return s;
}

static void add_lit(struct clf_format *f, char c)
{
	struct step *s = f->n && f->step[f->n - 1].kind == K_LIT ? &f->step[f->n - 1]
		: add_step(f, K_LIT);

	s->text = xrealloc(s->text, s->len + 2);
	s->text[s->len++] = c;
	s->text[s->len] = '\0';
}

static int name_is(const char *a, size_t n, const char *b)
{
	return strlen(b) == n && strncmp(a, b, n) == 0;
}

static int ends_with_ci(const char *a, size_t n, const char *suffix)
{
	size_t k = strlen(suffix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (tolower((unsigned char)a[n - k + i]) != suffix[i])
			return 0;
	return 1;
}

/* A header, attribute or variable name that carries the user name:
 * X-AUSERNAME (Confluence), jira.request.username, ..._username. */
static int is_user_name(const char *a, size_t n)
{
	return ends_with_ci(a, n, "ausername") || ends_with_ci(a, n, "username");
}

static int set_latency(struct step *s, enum clf_latency_unit u, int rank)
{
	s->what = W_LATENCY;
	s->unit = u;
	s->rank = rank;
	return 0;
}

/* Apache and Tomcat: %c or %{arg}c.  Returns 0, or -1 when the
 * directive is unknown or needs an argument it lacks. */
static int apache_what(struct step *s, char c, const char *arg, size_t alen,
		       int has_arg, int tomcat)
{
	s->what = W_TOKEN;
	switch (c) {
	case 'a': s->what = W_IP; return 0;
	case 'h': s->what = W_HOST; return 0;
	case 'u': s->what = W_USER; return 0;
	case 'm': s->what = W_METHOD; return 0;
	case 'U': s->what = W_PATH; s->lead = '/'; return 0;
	case 'q': s->what = W_QUERY; s->lead = '?'; return 0;
	case 'b': case 'B': case 'O': s->what = W_SIZE; return 0;
	case 'A': case 'f': case 'F': case 'H': case 'k': case 'l': case 'L':
	case 'p': case 'P': case 'R': case 'S': case 'v': case 'V': case 'X':
	case 'I':
		return 0;
	case 'D':
		return set_latency(s, tomcat ? CLF_LATENCY_MS : CLF_LATENCY_US, 1);
	case 'T':
		if (!has_arg)
			return set_latency(s, CLF_LATENCY_S, 3);
		if (name_is(arg, alen, "ms") || name_is(arg, alen, "msec"))
			return set_latency(s, CLF_LATENCY_MS, 1);
		if (name_is(arg, alen, "us") || name_is(arg, alen, "usec"))
			return set_latency(s, CLF_LATENCY_US, 1);
		if (name_is(arg, alen, "s") || name_is(arg, alen, "sec") ||
		    name_is(arg, alen, "fracsec"))
			return set_latency(s, CLF_LATENCY_S, 2);
		return -1;
	case 's':
		s->what = has_arg ? W_TEXT : W_STATUS;	/* %{x}s: Tomcat */
		return 0;
	case 'r':
		if (!has_arg) {
			s->what = W_REQUEST;
			return 0;
		}
		/* %{x}r: a Tomcat request attribute */
		s->what = is_user_name(arg, alen) ? W_USERATTR : W_TEXT;
		return 0;
	case 'i': case 'o':
		if (!has_arg)
			return -1;
		s->what = is_user_name(arg, alen) ? W_USERATTR : W_TEXT;
		return 0;
	case 'C': case 'c': case 'e': case 'n': case '^':
		if (!has_arg)
			return -1;
		s->what = W_TEXT;
		return 0;
	case 't':
		if (has_arg)
			return -1;
		s->what = W_TIME_CLF;
		return 0;
	default:
		return -1;
	}
}

static void nginx_what(struct step *s, const char *v, size_t n)
{
	static const struct {
		const char *name;
		enum what what;
	} t[] = {
		{"remote_addr", W_IP}, {"remote_user", W_USER},
		{"time_local", W_TIME_LOCAL}, {"time_iso8601", W_TIME_ISO},
		{"request", W_REQUEST}, {"status", W_STATUS},
		{"body_bytes_sent", W_SIZE}, {"bytes_sent", W_SIZE},
		{"request_method", W_METHOD}, {"uri", W_PATH},
		{"document_uri", W_PATH}, {"request_uri", W_URI},
		{"upstream_connect_time", W_TEXT}, {"upstream_header_time", W_TEXT},
	};
	size_t i;

	s->what = W_TOKEN;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (name_is(v, n, t[i].name))
			s->what = t[i].what;
	if (s->what == W_PATH || s->what == W_URI)
		s->lead = '/';
	if (name_is(v, n, "request_time"))
		set_latency(s, CLF_LATENCY_S, 0);
	else if (name_is(v, n, "upstream_response_time")) {
		set_latency(s, CLF_LATENCY_S, 4);
		s->list = 1;
	} else if ((n > 5 && strncmp(v, "http_", 5) == 0) ||
		   (n > 10 && strncmp(v, "sent_http_", 10) == 0)) {
		s->what = is_user_name(v, n) ? W_USERATTR : W_TEXT;
	}
}

/* "unknown directive \"%Z\"" (msg NULL), or "\"%{x\": msg". */
static int bad(struct error *err, const char *a, size_t n, const char *msg)
{
	int k = (int)(n > 40 ? 40 : n);

	if (!msg)
		error_set(err, NULL, 0, "unknown directive \"%.*s\"", k, a);
	else
		error_set(err, NULL, 0, "\"%.*s\": %s", k, a, msg);
	return -1;
}

/* The pattern as written, with the escapes people paste from their
 * configuration undone: \" \\ \t (Apache's LogFormat) and &quot;
 * (Tomcat's server.xml). */
static char *unescape(const char *p)
{
	size_t n = strlen(p), i, o = 0;
	char *s = xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && (p[i + 1] == '"' || p[i + 1] == '\\')) {
			s[o++] = p[++i];
		} else if (p[i] == '\\' && p[i + 1] == 't') {
			s[o++] = '\t';
			i++;
		} else if (strncmp(p + i, "&quot;", 6) == 0) {
			s[o++] = '"';
			i += 5;
		} else {
			s[o++] = p[i];
		}
	}
	s[o] = '\0';
	return s;
}

static int is_var_char(int c)
{
	return isalnum(c) || c == '_';
}

/* An Apache directive at s[*i] ('%'), or a literal %. */
static int apache_directive(struct clf_format *f, const char *s, size_t *i,
			    int tomcat, struct error *err)
{
	size_t j = *i + 1, a0 = 0, alen = 0;
	int has_arg = 0;
	struct step *st;

	if (s[j] == '%') {
		add_lit(f, '%');
		*i = j;
		return 0;
	}
	while (s[j] == '<' || s[j] == '>')
		j++;
	if (s[j] == '!')
		j++;
	while (isdigit((unsigned char)s[j]) || s[j] == ',')
		j++;
	if (s[j] == '{') {
		const char *close = strchr(s + j, '}');
		if (!close)
			return bad(err, s + *i, strlen(s + *i), "no closing brace");
		a0 = j + 1;
		alen = (size_t)(close - (s + a0));
		has_arg = 1;
		j = (size_t)(close - s) + 1;
	}
	if (!s[j])
		return bad(err, s + *i, j - *i, "a directive without its letter at the end");
	st = add_step(f, K_FIELD);
	if (s[j] == '^') {	/* %{NAME}^ti, %{NAME}^to: trailers */
		if (!(s[j + 1] == 't' && (s[j + 2] == 'i' || s[j + 2] == 'o')) || !has_arg) {
			f->n--;
			return bad(err, s + *i, j + 1 - *i, NULL);
		}
		j += 2;
		st->what = W_TEXT;
	} else if (apache_what(st, s[j], s + a0, alen, has_arg, tomcat) != 0) {
		f->n--;
		if (s[j] == 't')
			return bad(err, s + *i, j + 1 - *i, "a time in a format of its own is not read (use %t)");
		if (has_arg && s[j] == 'T')
			return bad(err, s + *i, j + 1 - *i, "unknown unit (ms, us or s)");
		if (!has_arg && strchr("iocCenr", s[j]))
			return bad(err, s + *i, j + 1 - *i, "needs a name, as in %{NAME}");
		return bad(err, s + *i, j + 1 - *i, NULL);
	}
	st->len = j + 1 - *i;
	st->text = xmemdup(s + *i, st->len);
	*i = j;
	return 0;
}

/* An nginx variable at s[*i] ('$'): $name or ${name}. */
static int nginx_variable(struct clf_format *f, const char *s, size_t *i,
			  struct error *err)
{
	size_t j = *i + 1, v0, vn;
	struct step *st;

	if (s[j] == '{') {
		const char *close = strchr(s + j, '}');
		if (!close)
			return bad(err, s + *i, strlen(s + *i), "no closing brace");
		v0 = j + 1;
		vn = (size_t)(close - (s + v0));
		j = (size_t)(close - s);
	} else {
		v0 = j;
		while (is_var_char((unsigned char)s[j]))
			j++;
		vn = j - v0;
		j--;
	}
	if (vn == 0)
		return bad(err, s + *i, 1, "a $ without a variable name");
	st = add_step(f, K_FIELD);
	nginx_what(st, s + v0, vn);
	st->len = j + 1 - *i;
	st->text = xmemdup(s + *i, st->len);
	*i = j;
	return 0;
}

static int blank(int c)
{
	return c == ' ' || c == '\t';
}

/* The stop tables and shapes, from the last step back: a field ends
 * where what follows it begins. */
static int shape_fields(struct clf_format *f, struct error *err)
{
	size_t i = f->n;

	while (i-- > 0) {
		struct step *s = &f->step[i], *next = i + 1 < f->n ? &f->step[i + 1] : NULL;
		int text = s->what == W_TEXT || s->what == W_USERATTR;

		if (s->kind != K_FIELD)
			continue;
		if (s->what == W_TIME_CLF) {
			s->shape = SH_CLF_TIME;
			continue;
		}
		if (s->what == W_TIME_LOCAL) {
			s->shape = SH_LOCAL_TIME;
			continue;
		}
		if (next && next->kind == K_LIT && next->text[0] == '"') {
			s->shape = SH_QUOTED;
			continue;
		}
		/* an unquoted request line: its words end at a blank or where
		 * the next field's text begins, as a field without blanks */
		s->shape = s->what == W_REQUEST ? SH_REQLINE : SH_STOP;
		if (s->shape == SH_REQLINE)
			text = 0;
		if (!next) {
			if (!text) {
				s->stop[' '] = 1;
				s->stop['\t'] = 1;
			}
		} else if (next->kind == K_BLANK) {
			s->stop[' '] = 1;
			s->stop['\t'] = 1;
		} else if (next->kind == K_LIT) {
			s->stop[(unsigned char)next->text[0]] = 1;
			if (!text) {
				s->stop[' '] = 1;
				s->stop['\t'] = 1;
			}
		} else if (next->lead && next->shape == SH_STOP) {
			memcpy(s->stop, next->stop, sizeof s->stop);
			s->stop[next->lead] = 1;
		} else {
			error_set(err, NULL, 0, "\"%s%s\": nothing between two fields to tell where the first ends",
				  s->text, next->text);
			return -1;
		}
	}
	return 0;
}

static struct step *first(struct clf_format *f, enum what w)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->step[i].kind == K_FIELD && f->step[i].what == w)
			return &f->step[i];
	return NULL;
}

/* The roles: the first time, status and request; the user from a
 * user-name header or attribute, else %u; the ip from %a, else %h; the
 * latency from the preferred request-time directive. */
static int assign_roles(struct clf_format *f, struct error *err)
{
	struct step *s, *lat = NULL;
	size_t i;

	if (!(s = first(f, W_TIME_CLF)) && !(s = first(f, W_TIME_LOCAL)) &&
	    !(s = first(f, W_TIME_ISO))) {
		error_set(err, NULL, 0, "the pattern has no time (%%t, $time_local or $time_iso8601)");
		return -1;
	}
	s->role = R_TIME;
	if (!(s = first(f, W_STATUS))) {
		error_set(err, NULL, 0, "the pattern has no status (%%s, %%>s or $status)");
		return -1;
	}
	s->role = R_STATUS;
	if ((s = first(f, W_USERATTR)) || (s = first(f, W_USER)))
		s->role = R_USER;
	if ((s = first(f, W_IP)) || (s = first(f, W_HOST)))
		s->role = R_IP;
	if ((s = first(f, W_REQUEST))) {
		s->role = R_REQUEST;
	} else if ((s = first(f, W_METHOD))) {
		struct step *p = first(f, W_PATH);
		if (!p)
			p = first(f, W_URI);
		if (p) {
			s->role = R_METHOD;
			p->role = R_PATH;
		}
	}
	for (i = 0; i < f->n; i++) {
		s = &f->step[i];
		if (s->kind != K_FIELD)
			continue;
		if (s->what == W_SIZE)
			s->role = R_SIZE;
		if (s->what == W_LATENCY && (!lat || s->rank < lat->rank))
			lat = s;
		if (s->role != R_NONE && s->role != R_SIZE && s->role != R_LATENCY)
			f->need = i + 1;
	}
	if (lat)
		lat->role = R_LATENCY;
	f->tail = !lat;
	return 0;
}

/* The turns, once the steps are final (they point into f->step). */
static void make_turns(struct clf_format *f)
{
	struct turn t = { 0, NULL, 0, NULL };
	size_t i;

	f->turn = xcalloc(f->n + 1, sizeof *f->turn);
	for (i = 0; i < f->n; i++) {
		struct step *s = &f->step[i];

		if (s->kind == K_FIELD && s->shape == SH_STOP) {
			unsigned char blanks[256] = { [' '] = 1, ['\t'] = 1 };
			s->at_blank = memcmp(s->stop, blanks, sizeof blanks) == 0;
		}

		if ((s->kind == K_BLANK && (t.blank || t.len)) ||
		    (s->kind == K_LIT && t.len)) {
			f->turn[f->nturn++] = t;	/* "x y": a turn of its own */
			memset(&t, 0, sizeof t);
		}
		if (s->kind == K_BLANK) {
			t.blank = 1;
		} else if (s->kind == K_LIT) {
			t.lit = s->text;
			t.len = s->len;
		} else {
			t.field = s;
			f->turn[f->nturn++] = t;
			memset(&t, 0, sizeof t);
		}
	}
	if (t.blank || t.len)
		f->turn[f->nturn++] = t;
}

static struct clf_format *compile(const char *name, const char *pattern,
				  int tomcat, struct error *err)
{
	struct clf_format *f = xcalloc(1, sizeof *f);
	char *s = unescape(pattern);
	const char *pct = strchr(s, '%'), *dol = strchr(s, '$');
	int nginx = dol && (!pct || dol < pct);
	size_t i;
	int rc = 0;

	snprintf(f->name, sizeof f->name, "%s", name);
	/* %D in milliseconds: a Tomcat-only directive (%{x}r, %{x}s, %{x}c),
	 * "%Dms" or Atlassian's X-AUSERNAME header says the pattern is a
	 * Tomcat valve's */
	if (!tomcat && !nginx)
		tomcat = strstr(s, "}r") || strstr(s, "}s") || strstr(s, "}c") ||
			 strstr(s, "%Dms") || strstr(s, "{X-AUSERNAME}");
	for (i = 0; s[i] && rc == 0; i++) {
		if (blank((unsigned char)s[i])) {
			if (!f->n || f->step[f->n - 1].kind != K_BLANK)
				add_step(f, K_BLANK);
		} else if (s[i] == '%' && !nginx) {
			rc = apache_directive(f, s, &i, tomcat, err);
		} else if (s[i] == '$' && nginx) {
			rc = nginx_variable(f, s, &i, err);
		} else {
			add_lit(f, s[i]);
		}
	}
	free(s);
	if (rc == 0)
		rc = shape_fields(f, err);
	if (rc == 0)
		rc = assign_roles(f, err);
	if (rc != 0) {
		clf_format_free(f);
		return NULL;
	}
	make_turns(f);
	return f;
}

struct clf_format *clf_format_new(const char *spec, struct error *err)
{
	size_t i;

	for (i = 0; i < NPRESETS; i++)
		if (strcmp(spec, presets[i].name) == 0)
			return compile(presets[i].name, presets[i].pattern,
				       presets[i].tomcat, err);
	if (!*spec) {
		error_set(err, NULL, 0, "empty pattern");
		return NULL;
	}
	return compile("custom", spec, 0, err);
}

/* ---- scanning ---- */

/* "access log (NAME): DIR: MSG", or "... DIR: \"VALUE\" MSG" when v is
 * given (cut to 30 bytes). */
static int fail(const struct clf_format *f, struct error *err, const char *dir,
		const char *msg, const char *v, size_t n)
{
	if (!v) {
		error_set(err, NULL, 0, "access log (%s): %s: %s", f->name, dir, msg);
		return -1;
	}
	error_set(err, NULL, 0, "access log (%s): %s: \"%.*s%s\" %s", f->name, dir,
		  n > 30 ? 30 : (int)n, v, n > 30 ? "..." : "", msg);
	return -1;
}

static int is_dash(const char *v, size_t n)
{
	return n == 0 || (n == 1 && v[0] == '-');
}

/* "0.012, 0.070 : 0.001": the upstream times added up, in seconds. */
static int latency_list(const char *v, size_t n, enum clf_latency_unit u, double *ms)
{
	size_t i = 0;
	int any = 0;

	*ms = 0;
	while (i < n) {
		size_t b;
		double one;

		while (i < n && (v[i] == ',' || v[i] == ':' || blank((unsigned char)v[i])))
			i++;
		b = i;
		while (i < n && v[i] != ',' && v[i] != ':' && !blank((unsigned char)v[i]))
			i++;
		if (i == b)
			break;
		if (is_dash(v + b, i - b))
			continue;
		if (clf_latency(v + b, i - b, u, &one) != 0)
			return -1;
		*ms += one;
		any = 1;
	}
	if (!any)
		*ms = -1;
	return 0;
}

/* What a line gives as the fields are found. */
struct found {
	const char *method, *path;
	size_t method_len, path_len;
};

/* The checks of the values a record needs, shared by take (which says
 * what is wrong) and scan_turns (which leaves that to scan_steps). */
static inline int time_value(const struct step *s, const char *v, size_t n,
			     struct clf_request *req)
{
	if (s->what != W_TIME_ISO)
		return clf_time(v, n, req->time, sizeof req->time);
	if (n < 19 || n >= sizeof req->time || v[4] != '-' || v[7] != '-' ||
	    v[10] != 'T' || v[13] != ':' || v[16] != ':')
		return -1;
	memcpy(req->time, v, n);
	req->time[n] = '\0';
	return 0;
}

static inline int status_value(const char *v, size_t n)
{
	if (n != 3 || v[0] < '1' || v[0] > '5' || v[1] < '0' || v[1] > '9' ||
	    v[2] < '0' || v[2] > '9')
		return -1;
	return (v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0');
}

/* A byte count: digits, or "-". */
static inline int size_value(const char *v, size_t n)
{
	size_t i;

	if (n == 1 && v[0] == '-')
		return 0;
	for (i = 0; i < n && v[i] >= '0' && v[i] <= '9'; i++)
		;
	return n == 0 || i < n ? -1 : 0;
}

static int take(const struct clf_format *f, const struct step *s, const char *v,
		size_t n, enum clf_latency_unit unit, struct clf_request *req,
		struct found *fd, struct error *err)
{
	size_t i;

	switch (s->role) {
	case R_NONE:
		return 0;
	case R_IP:
		req->ip = v;
		req->ip_len = n;
		return 0;
	case R_USER:
		if (n == 0) {
			v = "-";
			n = 1;
		}
		req->user = v;
		req->user_len = n;
		return 0;
	case R_TIME:
		if (time_value(s, v, n, req) == 0)
			return 0;
		if (s->what == W_TIME_ISO)
			return fail(f, err, s->text, "is not yyyy-mm-ddTHH:MM:SS+hh:mm", v, n);
		return fail(f, err, s->text, s->what == W_TIME_CLF
				    ? "expected [dd/Mon/yyyy:HH:MM:SS +hhmm]"
				    : "expected dd/Mon/yyyy:HH:MM:SS +hhmm", NULL, 0);
	case R_REQUEST:
		clf_request_line(v, n, req);
		return 0;
	case R_METHOD:
		fd->method = v;
		fd->method_len = n;
		return 0;
	case R_PATH:
		for (i = 0; i < n && v[i] != '?' && v[i] != '#'; i++)
			;
		fd->path = v;
		fd->path_len = i;
		return 0;
	case R_STATUS:
		if ((req->status = status_value(v, n)) < 0)
			return fail(f, err, s->text, "is not an HTTP status", v, n);
		return 0;
	case R_SIZE:
		if (size_value(v, n) != 0)
			return fail(f, err, s->text, "is not a number or -", v, n);
		return 0;
	case R_LATENCY:
		if (unit == CLF_LATENCY_AUTO)
			unit = s->unit;
		if (s->list ? latency_list(v, n, unit, &req->latency_ms) != 0
			    : !is_dash(v, n) && clf_latency(v, n, unit, &req->latency_ms) != 0)
			return fail(f, err, s->text, "is not a request time", v, n);
		return 0;
	}
	return 0;
}

/* An unquoted request line: "-", or METHOD TARGET [HTTP/x]; its words
 * end at a byte of stop (blanks, and the first byte after the field). */
static const char *reqline(const char *p, const char *end,
			   const unsigned char *stop)
{
	const char *m = p;

	if (p < end && *p == '-' && (p + 1 == end || stop[(unsigned char)p[1]]))
		return p + 1;
	while (p < end && isupper((unsigned char)*p))
		p++;
	if (p == m || p >= end || *p != ' ')
		return NULL;
	m = ++p;
	while (p < end && !stop[(unsigned char)*p])
		p++;
	if (p == m)
		return NULL;
	if (end - p > 6 && p[0] == ' ' && memcmp(p + 1, "HTTP/", 5) == 0)
		for (p++; p < end && !stop[(unsigned char)*p]; p++)
			;
	return p;
}

/* The closing double quote of a field from p (a quote after an odd
 * number of backslashes is escaped), or end. */
static const char *close_quote(const char *p, const char *end)
{
	for (;;) {
		const char *q = memchr(p, '"', (size_t)(end - p)), *b;

		if (!q)
			return end;
		for (b = q; b > p && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q;
		p = q + 1;
	}
}

/* close_quote by the line's quote map. */
static const char *mapped_close_quote(struct linemap_cursor *quote, const char *line,
				      size_t len, const char *p)
{
	for (;;) {
		const char *q = line + linemap_cursor_next(quote, len, (size_t)(p - line)), *b;

		if (q >= line + len)
			return q;
		for (b = q; b > p && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q;
		p = q + 1;
	}
}

/* The number after a pattern without a request-time field, past any
 * quoted fields; anything else there is ignored. */
static void tail(const char *p, const char *end, enum clf_latency_unit unit,
		 struct clf_request *req)
{
	const char *b;

	for (;;) {
		while (p < end && blank((unsigned char)*p))
			p++;
		if (p >= end || *p != '"')
			break;
		p = close_quote(p + 1, end);
		if (p >= end) {
			req->truncated = 1;
			return;
		}
		p++;
	}
	for (b = p; p < end && !blank((unsigned char)*p); p++)
		;
	if (p > b && !is_dash(b, (size_t)(p - b)) &&
	    clf_latency(b, (size_t)(p - b), unit, &req->latency_ms) != 0)
		req->latency_ms = -1;
}

/* Where a literal is: after the field before it, else before the next. */
static const char *around(const struct clf_format *f, size_t i, const char **dir)
{
	size_t j;

	for (j = i; j-- > 0;)
		if (f->step[j].kind == K_FIELD) {
			*dir = f->step[j].text;
			return "after";
		}
	for (j = i + 1; j < f->n; j++)
		if (f->step[j].kind == K_FIELD) {
			*dir = f->step[j].text;
			return "before";
		}
	*dir = "";
	return "in";
}

static void request_init(struct clf_request *req, struct found *fd)
{
	memset(req, 0, sizeof *req);
	req->latency_ms = -1;
	req->user = "-";
	req->user_len = 1;
	memset(fd, 0, sizeof *fd);
}

/* The line by turns: where the last one ended, or NULL when the line is
 * not whole and right (then req is to be set again, by scan_steps). */
static const char *scan_turns(const struct clf_format *f, const char *line,
			      size_t len, enum clf_latency_unit unit,
			      struct clf_request *req, struct found *fd)
{
	const char *p = line, *end = line + len;
	struct error ignored;
	struct linemap m;
	struct linemap_cursor blanks, quote;
	size_t k;

	if (len > LINEMAP_MAX)
		return NULL;	/* rare: read step by step */
	linemap_make(&m, line, len);
	blanks = linemap_cursor(m.blank);
	quote = linemap_cursor(m.quote);
	req->ascii = m.ascii;
	for (k = 0; k < f->nturn; k++) {
		const struct turn *t = &f->turn[k];
		const struct step *s = t->field;
		const char *b;
		size_t n;

		/* a run of blanks is mostly one space: tested by bytes, a
		 * branch the processor guesses, so that the next scan need
		 * not wait for a map's */
		if (t->blank && p < end && blank((unsigned char)*p) &&
		    ++p < end && blank((unsigned char)*p))
			p = line + linemap_next(m.blank, len, (size_t)(p - line), 0);
		if (t->len) {
			if ((size_t)(end - p) < t->len || *p != t->lit[0] ||
			    (t->len > 1 && memcmp(p, t->lit, t->len) != 0))
				return NULL;
			p += t->len;
		}
		if (!s)
			continue;
		if (p >= end)
			return NULL;
		b = p;
		switch (s->shape) {
		case SH_STOP:
			if (s->at_blank)
				p = line + linemap_cursor_next(&blanks, len, (size_t)(p - line));
			else
				while (p < end && !s->stop[(unsigned char)*p])
					p++;
			break;
		case SH_QUOTED:
			p = mapped_close_quote(&quote, line, len, p);
			if (p >= end)
				return NULL;
			break;
		case SH_CLF_TIME:
			if (end - p < 28 || p[0] != '[' || p[27] != ']')
				return NULL;
			b = p + 1;
			p += 28;
			break;
		case SH_LOCAL_TIME:
			if (end - p < 26)
				return NULL;
			p += 26;
			break;
		case SH_REQLINE:
			p = reqline(p, end, s->stop);
			if (!p)
				return NULL;
			break;
		}
		n = s->shape == SH_CLF_TIME ? 26 : (size_t)(p - b);
		switch (s->role) {	/* take's common cases, without a call */
		case R_NONE:
			break;
		case R_IP:
			req->ip = b;
			req->ip_len = n;
			break;
		case R_USER:
			if (n > 0) {	/* else "-", as set */
				req->user = b;
				req->user_len = n;
			}
			break;
		case R_TIME:
			if (time_value(s, b, n, req) != 0)
				return NULL;
			break;
		case R_REQUEST:
			clf_request_line(b, n, req);
			break;
		case R_STATUS:
			if ((req->status = status_value(b, n)) < 0)
				return NULL;
			break;
		case R_SIZE:
			if (size_value(b, n) != 0)
				return NULL;
			break;
		default:
			if (take(f, s, b, n, unit, req, fd, &ignored) != 0)
				return NULL;
		}
	}
	return p;
}

/* The method and path of separate fields make a request when the method
 * is a word of capitals and the path is not empty. */
static void method_path(const struct found *fd, struct clf_request *req)
{
	size_t k;

	if (!fd->method || !fd->path || fd->path_len == 0)
		return;
	for (k = 0; k < fd->method_len && isupper((unsigned char)fd->method[k]); k++)
		;
	if (k == fd->method_len && k > 0) {
		req->method = fd->method;
		req->method_len = fd->method_len;
		req->path = fd->path;
		req->path_len = fd->path_len;
	}
}

/* The line step by step: the same reading as scan_turns, and a message
 * where it fails, or how much of a line cut short was read. */
static int scan_steps(const struct clf_format *f, const char *line, size_t len,
		      enum clf_latency_unit unit, struct clf_request *req,
		      size_t *used, struct error *err)
{
	const char *p = line, *end = line + len;
	struct found fd;
	size_t i;
	int whole = 1;

	request_init(req, &fd);
	for (i = 0; i < f->n; i++) {
		const struct step *s = &f->step[i];
		const char *b = p;

		if (p >= end && s->kind != K_BLANK) {
			if (i >= f->need) {
				whole = 0;
				break;
			}
			if (s->kind == K_FIELD)
				return fail(f, err, s->text, "the line ends before it", NULL, 0);
			error_set(err, NULL, 0, "access log (%s): the line ends before \"%s\"",
				  f->name, s->text);
			return -1;
		}
		switch (s->kind) {
		case K_BLANK:
			while (p < end && blank((unsigned char)*p))
				p++;
			continue;
		case K_LIT:
			if (s->len == 1 && p < end && *p == s->text[0]) {
				p++;	/* the common case: a quote, a bracket */
				continue;
			}
			if ((size_t)(end - p) < s->len || memcmp(p, s->text, s->len) != 0) {
				const char *dir, *where;
				if (i >= f->need && (size_t)(end - p) < s->len &&
				    memcmp(p, s->text, (size_t)(end - p)) == 0) {
					p = end;
					whole = 0;
					break;
				}
				where = around(f, i, &dir);
				error_set(err, NULL, 0, "access log (%s): expected \"%s\" %s %s",
					  f->name, s->text, where, dir);
				return -1;
			}
			p += s->len;
			continue;
		case K_FIELD:
			break;
		}
		if (!whole)
			break;
		switch (s->shape) {
		case SH_STOP:
			while (p < end && !s->stop[(unsigned char)*p])
				p++;
			break;
		case SH_QUOTED:
			p = close_quote(p, end);
			if (p >= end) {
				if (i < f->need)
					return fail(f, err, s->text, "the line ends inside the quotes", NULL, 0);
				req->truncated = 1;
				whole = 0;
			}
			break;
		case SH_CLF_TIME:
			if (end - p < 28 || p[0] != '[' || p[27] != ']')
				return fail(f, err, s->text, "expected [dd/Mon/yyyy:HH:MM:SS +hhmm]", NULL, 0);
			if (take(f, s, p + 1, 26, unit, req, &fd, err) != 0)
				return -1;
			p += 28;
			continue;
		case SH_LOCAL_TIME:
			if (end - p < 26)
				return fail(f, err, s->text, "expected dd/Mon/yyyy:HH:MM:SS +hhmm", NULL, 0);
			p += 26;
			break;
		case SH_REQLINE:
			p = reqline(p, end, s->stop);
			if (!p)
				return fail(f, err, s->text, "expected METHOD /target HTTP/x.y", NULL, 0);
			break;
		}
		if (!whole)
			break;
		if (s->role != R_NONE &&
		    take(f, s, b, (size_t)(p - b), unit, req, &fd, err) != 0)
			return -1;
	}
	method_path(&fd, req);
	*used = (size_t)(p - line);
	if (whole && f->tail)
		tail(p, end, unit, req);
	return 0;
}

static int scan(const struct clf_format *f, const char *line, size_t len,
		enum clf_latency_unit unit, struct clf_request *req,
		size_t *used, struct error *err)
{
	struct found fd;
	const char *p;

	request_init(req, &fd);
	p = scan_turns(f, line, len, unit, req, &fd);
	if (!p)
		return scan_steps(f, line, len, unit, req, used, err);
	method_path(&fd, req);
	*used = (size_t)(p - line);
	if (f->tail)
		tail(p, line + len, unit, req);
	return 0;
}

int clf_format_parse(const struct clf_format *f, const char *line, size_t len,
		     enum clf_latency_unit unit, struct clf_request *req,
		     struct error *err)
{
	size_t used;

	return scan(f, line, len, unit, req, &used, err);
}

int clf_format_parse_steps(const struct clf_format *f, const char *line, size_t len,
			   enum clf_latency_unit unit, struct clf_request *req,
			   struct error *err)
{
	size_t used;

	return scan_steps(f, line, len, unit, req, &used, err);
}

int clf_format_sniff(struct clf_format *const *fmts, size_t n,
		     const char *const *line, const size_t *len, size_t nlines)
{
	size_t i, j, best_ok = 0, best_used = 0;
	int best = -1;

	for (i = 0; i < n; i++) {
		size_t ok = 0, used = 0;

		for (j = 0; j < nlines; j++) {
			struct clf_request q;
			struct error e;
			size_t u;

			if (scan(fmts[i], line[j], len[j], CLF_LATENCY_AUTO, &q, &u, &e) == 0) {
				ok++;
				used += u;
			}
		}
		if (ok > best_ok || (ok == best_ok && ok > 0 && used > best_used)) {
			best = (int)i;
			best_ok = ok;
			best_used = used;
		}
	}
	return best;
}

int clf_sniff(const char *line, size_t len)
{
	struct clf_format *f[NPRESETS];
	struct error err;
	size_t i;
	int r;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (i = 0; i < NPRESETS; i++)
		f[i] = compile(presets[i].name, presets[i].pattern, presets[i].tomcat, &err);
	r = clf_format_sniff(f, NPRESETS, &line, &len, 1);
	for (i = 0; i < NPRESETS; i++)
		clf_format_free(f[i]);
	return r >= 0;
}

int clf_format_reads(const struct clf_format *f, const char *line, size_t len)
{
	struct clf_request q;
	struct error err;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	return clf_format_parse(f, line, len, CLF_LATENCY_AUTO, &q, &err) == 0;
}
