/* cli_jobs: -j N, one events file read by N threads (POSIX threads,
 * part of the C library).  See cli_jobs.h for the design. */
#include "cli_jobs.h"
#include "cli_int.h"
#include "cli_progress.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "io/envelope.h"

/* One byte range [start, end) of the file (end 0: to its end), read by
 * one thread into its own state. */
struct range {
	long long start, end;
	struct reader *r;
	const struct cli_jobs_ops *ops;
	void *st;
	struct tz *tz;
	struct timeparser tp;
	/* what the thread leaves: st (and tz, its zone) as well */
	char *rej;		/* its rows of --rejects (lines counted from
				   the range's start), or NULL */
	size_t rej_len;
	FILE *rej_fp;
	unsigned long rows, rejected, first_line, users;
	char first_reason[512];
	char clf_fmt[64];	/* reader_clf_format, "": none */
	int sniffed;
	long long stop;		/* reader_stop */
	unsigned long stop_line;
	int failed;
	struct error err;
	/* lines before the range: its line 1 is line shift + 1 */
	unsigned long shift;
	int own;		/* st is ops->own: not freed here */
	struct cli_progress_slot prog;	/* its job of the progress line */
};

struct cli_jobs {
	char *path;
	enum reader_format fmt;
	const struct cli_jobs_ops *ops;
	void **states;		/* the ranges' states, in order */
	struct tz **tzs;	/* their zones */
	size_t n;
	unsigned long rows, rejected, first_line, users;
	char first_reason[512];
	char clf_fmt[64];	/* the first range's access-log format */
	int sniffed;
	struct sbuf rej;	/* the rows of --rejects, lines in place */
};

void cli_jobs_note(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	if (!getenv("UPKEEP_DEBUG_JOBS"))
		return;
	fprintf(stderr, "%s: -j: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

long cli_jobs_count(long n)
{
	long cores;

	if (n > 0)
		return n;
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? cores : 1;
}

/* The offset just after the first line end at or after from, or -1. */
static long long next_line(int fd, long long from, long long size)
{
	char buf[64 * 1024];

	while (from < size) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)from);
		const char *nl;

		if (n <= 0)
			return -1;
		nl = memchr(buf, '\n', (size_t)n);
		if (nl)
			return from + (nl - buf) + 1;
		from += n;
	}
	return -1;
}

/* Opens the reader of range g (its rejected rows to a buffer of its
 * own) and goes to its start; dies as cli_open would. */
static void range_open(struct cli *c, const char *path, struct range *g,
		       const struct reader_column *cols, size_t ncols)
{
	struct reader_config cfg;
	struct error err;

	cli_reader_config(c, &cfg);
	g->rej_fp = NULL;
	if (cfg.rejects && !(g->rej_fp = open_memstream(&g->rej, &g->rej_len)))
		xalloc_die();
	cfg.rejects = g->rej_fp;
	error_clear(&err);
	if (!(g->r = reader_open(path, &cfg, cols, ncols, &err)))
		cli_fail(c, &err);
	if (c->groups & CLI_ACCESS_LOG)
		reader_set_clf(g->r, &c->clf);
	if (g->start > 0 && reader_seek(g->r, g->start, 1, &err) != 0)
		cli_fail(c, &err);
	reader_set_end(g->r, g->end);
}

/* Prepares range g to be read: the reader (unless open), a zone and a
 * state of its own. */
static void range_prepare(struct cli *c, const char *path, struct range *g,
			  const struct reader_column *cols, size_t ncols,
			  const struct cli_jobs_ops *ops)
{
	struct error err;

	if (!g->r)
		range_open(c, path, g, cols, ncols);
	error_clear(&err);
	if (!(g->tz = tz_new(c->tzname, &err)))
		cli_die(c, "--tz: %s", err.msg);
	g->tp = cli_timeparser(c);
	g->tp.tz = g->tz;
	g->ops = ops;
	g->st = g->own ? ops->own : ops->make(ops->ctx, g->tz);
}

/* The thread of one range: reads it, keeps its state and counts, and
 * frees the rest. */
static void *range_run(void *arg)
{
	struct range *g = arg;
	struct record rec;
	int rc;

	error_clear(&g->err);
	while ((rc = reader_next(g->r, &rec, &g->err)) > 0) {
		cli_progress_row(&g->prog, g->r);
		g->ops->row(g->st, g->r, &rec, &g->tp);
	}
	cli_progress_job_done(&g->prog, g->r);
	g->failed = rc < 0;
	if (!g->failed && g->ops->end)
		g->ops->end(g->st);
	g->rows = reader_rows(g->r);
	g->rejected = reader_rejected(g->r);
	g->first_line = reader_first_reject_line(g->r);
	snprintf(g->first_reason, sizeof g->first_reason, "%s",
		 reader_first_reject_reason(g->r));
	g->users = reader_clf_users(g->r);
	{
		const char *f = reader_clf_format(g->r, &g->sniffed);
		snprintf(g->clf_fmt, sizeof g->clf_fmt, "%s", f ? f : "");
	}
	g->stop = reader_stop(g->r, &g->stop_line);
	reader_close(g->r);
	g->r = NULL;
	if (g->rej_fp && fclose(g->rej_fp) != 0)
		g->failed = 1;
	g->rej_fp = NULL;
	return NULL;
}

static void range_release(struct range *g)
{
	if (g->st && !g->own)
		g->ops->free(g->st);
	g->st = NULL;
	tz_free(g->tz);
	g->tz = NULL;
	free(g->rej);
	g->rej = NULL;
}

/* The end of the CSV field at p: after its closing quote, or at the
 * first comma or line end. */
static const char *field_end(const char *p, const char *end)
{
	if (p < end && *p == '"') {
		for (p++; p < end; p++) {
			if (*p != '"')
				continue;
			if (p + 1 < end && p[1] == '"')
				p++;
			else
				return p + 1;
		}
		return end;
	}
	while (p < end && *p != ',' && *p != '\n')
		p++;
	return p;
}

/* Appends the rows of --rejects s[0..n) (file,line,reason,record, as
 * the reader writes them) to out with shift added to each line. */
static void shift_rejects(struct sbuf *out, const char *s, size_t n,
			  unsigned long shift)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *f = field_end(p, end), *q;
		char *num_end;
		unsigned long line;

		sbuf_add(out, p, (size_t)(f - p));
		if (f >= end || *f != ',') {	/* not a row as written */
			sbuf_add(out, f, (size_t)(end - f));
			return;
		}
		line = strtoul(f + 1, &num_end, 10);
		sbuf_printf(out, ",%lu", line + shift);
		q = num_end;
		for (p = q; p < end && *p == ',';)
			p = field_end(p + 1, end);
		if (p < end)
			p++;	/* the line end */
		sbuf_add(out, q, (size_t)(p - q));
	}
}

/* Takes range g, read and kept, into j: its state, its counts and its
 * rejected rows, lines moved by g->shift. */
static void take(struct cli_jobs *j, struct range *g)
{
	if (j->n == 0) {
		memcpy(j->clf_fmt, g->clf_fmt, sizeof j->clf_fmt);
		j->sniffed = g->sniffed;
	}
	j->states[j->n] = g->own ? NULL : g->st;
	j->tzs[j->n++] = g->tz;
	g->st = NULL;
	g->tz = NULL;
	j->rows += g->rows;
	if (g->rejected && !j->rejected) {
		j->first_line = g->first_line ? g->first_line + g->shift : 0;
		snprintf(j->first_reason, sizeof j->first_reason, "%s", g->first_reason);
	}
	j->rejected += g->rejected;
	j->users += g->users;
	if (g->rej)
		shift_rejects(&j->rej, g->rej, g->rej_len, g->shift);
	range_release(g);
}

/* A range that failed (a read error) ends the command, as in one job. */
static void range_check(struct cli *c, struct range *g)
{
	if (!g->failed)
		return;
	if (g->err.line)
		g->err.line += g->shift;
	if (!g->err.msg[0])
		error_set(&g->err, NULL, 0, "cannot buffer the rejected rows");
	cli_fail(c, &g->err);
}

/* Whether path can be cut: a regular file, read without --encoding or
 * --strict. */
static int cuttable(const struct cli *c, const char *path, struct stat *st)
{
	if (c->strict || !path || strcmp(path, "-") == 0)
		return 0;
	if (c->encoding && text_casecmp(c->encoding, "UTF-8") != 0 &&
	    text_casecmp(c->encoding, "UTF8") != 0)
		return 0;
	return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

/* The cuts: the starts of ranges 1.. (*n of them, at most jobs - 1), each
 * just after a line end, after the header (hdr) and before the end. */
static long long *cut(const char *path, long long hdr, long long size,
		      long jobs, size_t *n)
{
	long long *at = xcalloc((size_t)jobs, sizeof *at), prev = hdr;
	int fd = open(path, O_RDONLY);
	long k;

	*n = 0;
	if (fd < 0)
		return at;
	for (k = 1; k < jobs; k++) {
		long long p = hdr + (size - hdr) / jobs * k;
		long long q = next_line(fd, p > 0 ? p - 1 : 0, size);

		if (q <= prev || q >= size)
			continue;
		at[(*n)++] = prev = q;
	}
	close(fd);
	return at;
}

/* Starts the ranges' threads and waits for them; a thread that cannot be
 * started is run here. */
static void run_all(struct range *g, size_t n)
{
	pthread_t *th = xcalloc(n, sizeof *th);
	int *started = xcalloc(n, sizeof *started);
	size_t i;

	for (i = 0; i < n; i++)
		started[i] = pthread_create(&th[i], NULL, range_run, &g[i]) == 0;
	for (i = 0; i < n; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		else
			range_run(&g[i]);
	}
	free(started);
	free(th);
}

struct cli_jobs *cli_jobs_read(struct cli *c, const char *path, long jobs,
			       const struct reader_column *cols, size_t ncols,
			       const struct cli_jobs_ops *ops)
{
	struct stat st;
	struct range *g;
	struct cli_jobs *j;
	long long *at, pos;
	unsigned long line;
	size_t ncut, n, i, again_n = 0, dropped = 0;
	enum reader_format fmt;
	struct cli_progress *prog;

	if (jobs <= 1 || !cuttable(c, path, &st))
		return NULL;
	cli_tz(c);		/* opened here, before any thread */
	/* the memory stream of --rejects writes to g[0].rej: g stays put */
	g = xcalloc((size_t)jobs, sizeof *g);
	range_open(c, path, &g[0], cols, ncols);
	fmt = reader_format(g[0].r);
	at = NULL;
	ncut = 0;
	if (fmt != READER_JSON)
		at = cut(path, reader_offset(g[0].r, NULL), (long long)st.st_size,
			 jobs, &ncut);
	if (ncut == 0) {
		reader_close(g[0].r);
		if (g[0].rej_fp)
			fclose(g[0].rej_fp);
		free(g[0].rej);
		free(g);
		free(at);
		return NULL;
	}
	n = ncut + 1;
	reader_set_end(g[0].r, at[0]);
	g[0].end = at[0];
	for (i = 1; i < n; i++) {
		g[i].start = at[i - 1];
		g[i].end = i < ncut ? at[i] : 0;
	}
	free(at);
	g[0].own = ops->own != NULL;
	for (i = 0; i < n; i++)
		range_prepare(c, path, &g[i], cols, ncols, ops);
	prog = cli_progress_begin(c, path, n);
	for (i = 0; i < n; i++)
		cli_progress_job(prog, i, i ? g[i].start : reader_offset(g[i].r, NULL),
				 g[i].end ? g[i].end : -1, &g[i].prog);
	run_all(g, n);
	cli_progress_end(prog);
	for (i = 0; i < n; i++)
		g[i].prog.p = NULL;

	j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->fmt = fmt;
	j->ops = ops;
	j->states = xcalloc(n + 1, sizeof *j->states);
	j->tzs = xcalloc(n + 1, sizeof *j->tzs);
	/* range 0 counts lines from the top of the file */
	range_check(c, &g[0]);
	pos = g[0].stop;
	line = g[0].stop_line;
	take(j, &g[0]);
	for (i = 1; i < n; i++) {
		if (pos >= 0 && pos != g[i].start && (!g[i].end || pos < g[i].end)) {
			/* the cut before g[i] fell inside a record (a quoted
			 * field): read g[i] again from where it starts */
			long long end = g[i].end;
			range_release(&g[i]);
			memset(&g[i], 0, sizeof g[i]);
			g[i].start = pos;
			g[i].end = end;
			range_prepare(c, path, &g[i], cols, ncols, ops);
			/* a line of its own, one job: the others are done */
			prog = cli_progress_begin(c, path, 1);
			cli_progress_job(prog, 0, pos, end ? end : -1, &g[i].prog);
			range_run(&g[i]);
			cli_progress_end(prog);
			g[i].prog.p = NULL;
			again_n++;
		} else if (pos != g[i].start) {
			/* the record that the range before ended with covers
			 * the whole of g[i] */
			range_release(&g[i]);
			dropped++;
			continue;
		}
		g[i].shift = line - 1;
		range_check(c, &g[i]);
		pos = g[i].stop;
		line = g[i].stop_line + g[i].shift;
		take(j, &g[i]);
	}
	free(g);
	cli_jobs_note(c, "%s: %zu ranges, %zu read again, %zu within another",
		      path, n, again_n, dropped);
	return j;
}

void *const *cli_jobs_states(const struct cli_jobs *j, size_t *n)
{
	*n = j->n;
	return j->states;
}

void cli_jobs_release(struct cli_jobs *j, size_t i)
{
	if (i >= j->n)
		return;
	if (j->states[i])
		j->ops->free(j->states[i]);
	j->states[i] = NULL;
	tz_free(j->tzs[i]);
	j->tzs[i] = NULL;
}

void cli_jobs_drop(struct cli_jobs *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->n; i++)
		cli_jobs_release(j, i);
	free(j->states);
	free(j->tzs);
	sbuf_release(&j->rej);
	free(j->path);
	free(j);
}

void cli_jobs_done(struct cli *c, struct cli_jobs *j, json_t *env)
{
	if (j->rej.len && c->rejects)
		fwrite(j->rej.p, 1, j->rej.len, c->rejects);
	cli_events_tally(c, j->path, j->fmt, j->users, j->rows,
			 *j->clf_fmt ? j->clf_fmt : NULL, j->sniffed);
	cli_report_rejected(c, j->path, j->rejected, j->first_line, j->first_reason);
	if (env)
		envelope_add_counts(env, j->path, j->rows, j->rejected);
	cli_jobs_drop(j);
}
