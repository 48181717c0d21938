/* cli_progress: the progress line of long runs (see cli_progress.h).  The
 * figures of each job are relaxed atomics that its thread stores every
 * CLI_PROGRESS_ROWS rows; the line is drawn by whichever thread takes the
 * flag busy once the time next has come, with one write(2), so that two
 * threads never draw at once and no thread waits for another. */
#include "cli_progress.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/xalloc.h"

#define MIN_BYTES 100000000LL	/* 100 MB */
#define EVERY_MS 250
#define LINE_MAX_BYTES 4096	/* a line of up to 1000 columns, padding too */

/* One job: the bytes [start, end) of the file (end -1: not known), and
 * what its thread last published. */
struct job {
	_Atomic long long at;		/* reader_offset */
	_Atomic unsigned long rows;	/* records read, rejected ones too */
	long long start, end;
};

struct cli_progress {
	const char *prog;
	char name[256];		/* the file's name, control bytes as '?' */
	long long size;		/* -1: not a regular file */
	struct job *job;
	size_t njobs;
	long long t0, every;	/* ms */
	_Atomic long long next;	/* when the line is due, ms */
	atomic_flag busy;	/* a thread draws or clears */
	int dumb;		/* TERM=dumb: spaces, no ESC [ K */
	size_t width;		/* columns the line may take */
	size_t drawn;		/* columns of the line shown; 0: none */
	struct sigaction old_int, old_term;
	int caught_int, caught_term;	/* our handler is in place */
};

/* The line shown (the process has one standard error). */
static struct cli_progress *shown;

/* For the signal handler: what clears the line, and whether one is
 * drawn. */
static char sig_clear[LINE_MAX_BYTES];
static size_t sig_clear_len;
static _Atomic int sig_drawn;	/* lock-free: safe in a handler */

void cli_progress_option(struct cli *c, const struct cli_opt *o, const char *arg)
{
	(void)arg;
	c->progress = strcmp(o->name, "progress") == 0 ? 1 : -1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The whole number of environment variable name, or dflt when it is
 * unset or not one from 0 up. */
static long long env_number(const char *name, long long dflt)
{
	const char *s = getenv(name);
	char *end;
	long long v;

	if (!s || !*s)
		return dflt;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end || v < 0 ? dflt : v;
}

static void put(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* A signal that ends the process: the line is cleared first, then the
 * signal does what it did before. */
static void on_signal(int sig)
{
	struct sigaction dfl;

	if (sig_drawn)
		put(sig_clear, sig_clear_len);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

/* Catches SIGINT and SIGTERM where they end the process (not where they
 * are ignored, as in a background job, or handled). */
static void catch_signals(struct cli_progress *p)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	p->caught_int = sigaction(SIGINT, NULL, &p->old_int) == 0 &&
			p->old_int.sa_handler == SIG_DFL &&
			sigaction(SIGINT, &sa, NULL) == 0;
	p->caught_term = sigaction(SIGTERM, NULL, &p->old_term) == 0 &&
			 p->old_term.sa_handler == SIG_DFL &&
			 sigaction(SIGTERM, &sa, NULL) == 0;
}

static size_t term_width(void)
{
	struct winsize ws;
	long long cols;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < 1000 ? ws.ws_col : 1000;
	cols = env_number("COLUMNS", 80);
	return cols >= 20 && cols < 1000 ? (size_t)cols : 80;
}

/* Whether the line is shown unless --progress or --no-progress says:
 * not either when --rejects - writes rows to a terminal as the file is
 * read (they would land on the line). */
static int wanted(const struct cli *c, long long size)
{
	const char *term = getenv("TERM");

	return !getenv("NO_PROGRESS") && !c->quiet && isatty(STDERR_FILENO) &&
	       term && *term &&
	       !(c->rejects_path && strcmp(c->rejects_path, "-") == 0 &&
		 isatty(STDOUT_FILENO)) &&
	       size > env_number("UPKEEP_PROGRESS_MIN_BYTES", MIN_BYTES);
}

struct cli_progress *cli_progress_begin(struct cli *c, const char *path,
					size_t jobs)
{
	int in = !path || strcmp(path, "-") == 0;
	const char *base = in ? "stdin" : strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *term = getenv("TERM");
	struct cli_progress *p;
	struct stat st;
	long long size = -1;
	size_t i;

	if ((in ? fstat(STDIN_FILENO, &st) : stat(path, &st)) == 0 &&
	    S_ISREG(st.st_mode))
		size = (long long)st.st_size;
	if (c->progress < 0 || jobs == 0 || shown ||
	    (c->progress == 0 && !wanted(c, size)))
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->prog = c->prog;
	snprintf(p->name, sizeof p->name, "%s", *base ? base : path);
	for (i = 0; p->name[i]; i++)
		if ((unsigned char)p->name[i] < 0x20 || p->name[i] == 0x7f)
			p->name[i] = '?';
	p->size = size;
	p->njobs = jobs;
	p->job = xcalloc(jobs, sizeof *p->job);
	for (i = 0; i < jobs; i++) {
		atomic_init(&p->job[i].at, 0);
		atomic_init(&p->job[i].rows, 0);
		p->job[i].end = -1;
	}
	p->t0 = now_ms();
	p->every = env_number("UPKEEP_PROGRESS_MS", EVERY_MS);
	atomic_init(&p->next, 0);	/* the first look draws */
	atomic_flag_clear(&p->busy);
	p->dumb = !term || !*term || strcmp(term, "dumb") == 0;
	p->width = term_width();
	if (p->dumb) {
		sig_clear_len = 0;
		sig_clear[sig_clear_len++] = '\r';
		while (sig_clear_len < p->width && sig_clear_len < sizeof sig_clear - 1)
			sig_clear[sig_clear_len++] = ' ';
		sig_clear[sig_clear_len++] = '\r';
	} else {
		memcpy(sig_clear, "\r\033[K", 4);
		sig_clear_len = 4;
	}
	sig_drawn = 0;
	catch_signals(p);
	shown = p;
	return p;
}

void cli_progress_job(struct cli_progress *p, size_t k, long long start,
		      long long end, struct cli_progress_slot *s)
{
	s->p = p;
	s->job = k;
	s->rows = 0;
	if (!p || k >= p->njobs) {
		s->p = NULL;
		return;
	}
	p->job[k].start = start;
	p->job[k].end = end >= 0 ? end : p->size;
	atomic_store_explicit(&p->job[k].at, start, memory_order_relaxed);
}

struct cli_progress *cli_progress_reader(struct cli *c, const char *path,
					 const struct reader *r,
					 struct cli_progress_slot *s)
{
	struct cli_progress *p = cli_progress_begin(c, path, 1);

	cli_progress_job(p, 0, reader_offset(r, NULL), -1, s);
	return p;
}

/* n bytes in units of div, whole ones but for GB (one decimal). */
static void fmt_in(char *b, size_t size, long long n, double div)
{
	if (div == 1e9)
		snprintf(b, size, "%.1f", (double)n / div);
	else
		snprintf(b, size, "%.0f", (double)n / div);
}

/* "312/694 MB" (of -1: "312 MB") into b[0..n), the unit chosen by the
 * larger of the two. */
static void fmt_bytes(char *b, size_t n, long long done, long long of)
{
	long long big = of > done ? of : done;
	double div = big >= 10000000000LL ? 1e9 : big >= 10000000 ? 1e6 :
		     big >= 10000 ? 1e3 : 1;
	const char *unit = div == 1e9 ? "GB" : div == 1e6 ? "MB" : div == 1e3 ? "kB" : "B";
	char x[24], y[24];

	fmt_in(x, sizeof x, done, div);
	if (of < 0) {
		snprintf(b, n, "%s %s", x, unit);
		return;
	}
	fmt_in(y, sizeof y, of, div);
	snprintf(b, n, "%s/%s %s", x, y, unit);
}

static void fmt_rows(char *b, size_t n, unsigned long rows)
{
	if (rows < 10000)
		snprintf(b, n, "%lu", rows);
	else if (rows < 1000000)
		snprintf(b, n, "%.1fk", (double)rows / 1e3);
	else
		snprintf(b, n, "%.2fM", (double)rows / 1e6);
}

static void fmt_rate(char *b, size_t n, double per_s)
{
	if (per_s >= 1e9)
		snprintf(b, n, "%.1f GB/s", per_s / 1e9);
	else if (per_s >= 1e6)
		snprintf(b, n, "%.0f MB/s", per_s / 1e6);
	else
		snprintf(b, n, "%.0f kB/s", per_s / 1e3);
}

static void fmt_left(char *b, size_t n, double s)
{
	long long t = s > 1e9 ? 1000000000LL : (long long)(s + 0.999);

	if (t >= 3600)
		snprintf(b, n, "%lld:%02lld:%02lld left", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(b, n, "%lld:%02lld left", t / 60, t % 60);
}

/* What job k has read of its bytes, and their number (-1: not known). */
static long long job_done(const struct job *j, long long *len)
{
	long long d = atomic_load_explicit(&j->at, memory_order_relaxed) - j->start;

	*len = j->end >= 0 ? j->end - j->start : -1;
	if (d < 0)
		d = 0;
	if (*len >= 0 && d > *len)
		d = *len;
	return d;
}

static int percent(long long done, long long of)
{
	return of > 0 ? (int)(done * 100 / of) : 100;
}

/* The line being made: b[0..n), w columns of at most width. */
struct line {
	char b[LINE_MAX_BYTES];
	size_t n, w, width;
	int full;		/* an item did not fit: no more are added */
};

/* Appends s to l: as much of it as fits in whole characters (cut), or
 * all of it or nothing (then l is full). */
static void add(struct line *l, const char *s, int cut)
{
	size_t n = l->n, w = l->w;

	while (*s && !l->full) {
		size_t k = utf8_seqlen((unsigned char)*s), cw;

		if (strnlen(s, k) < k)
			k = 1;
		cw = utf8_width(s, k);
		if (w + cw > l->width || n + k > sizeof l->b - l->width - 8) {
			l->full = 1;
			break;
		}
		memcpy(l->b + n, s, k);
		n += k;
		w += cw;
		s += k;
	}
	if (cut || !l->full) {
		l->n = n;
		l->w = w;
	}
}

/* The jobs' shares: " j1 45% j2 43%", or where that does not fit
 * " j 45/43/40/38%", or nothing. */
static void add_jobs(const struct cli_progress *p, struct line *l)
{
	char wide[LINE_MAX_BYTES], narrow[LINE_MAX_BYTES];
	size_t k, nw = 0, nn = 0;
	long long len;

	for (k = 0; k < p->njobs; k++) {
		long long d = job_done(&p->job[k], &len);
		int pc = percent(d, len);

		if (nw < sizeof wide)
			nw += (size_t)snprintf(wide + nw, sizeof wide - nw, " j%zu %d%%", k + 1, pc);
		if (nn < sizeof narrow)
			nn += (size_t)snprintf(narrow + nn, sizeof narrow - nn, "%s%d",
					       k ? "/" : " j ", pc);
	}
	if (nn < sizeof narrow)
		snprintf(narrow + nn, sizeof narrow - nn, "%%");
	add(l, nw < sizeof wide && l->w + nw <= l->width ? wide : narrow, 0);
}

/* Draws the line (the caller holds busy): "PROG: NAME 45% 312/694 MB
 * 4.51M rows 251 MB/s 0:02 left j1 45% j2 43%", each item after the
 * name whole or not at all. */
static void draw(struct cli_progress *p, long long now)
{
	struct line l;
	char part[128], x[64];
	size_t k;
	long long done = 0, total = 0, len, el = now - p->t0;
	unsigned long rows = 0;

	for (k = 0; k < p->njobs; k++) {
		done += job_done(&p->job[k], &len);
		total = len < 0 || total < 0 ? -1 : total + len;
		rows += atomic_load_explicit(&p->job[k].rows, memory_order_relaxed);
	}
	l.n = l.w = 0;
	l.full = 0;
	l.width = p->width > 1 ? p->width - 1 : 1;
	l.b[l.n++] = '\r';
	snprintf(part, sizeof part, "%s: ", p->prog);
	add(&l, part, 1);
	add(&l, p->name, 1);
	if (total >= 0) {
		snprintf(part, sizeof part, " %d%%", percent(done, total));
		add(&l, part, 0);
	}
	fmt_bytes(x, sizeof x, done, total);
	snprintf(part, sizeof part, " %s", x);
	add(&l, part, 0);
	fmt_rows(x, sizeof x, rows);
	snprintf(part, sizeof part, " %s rows", x);
	add(&l, part, 0);
	if (el > 0 && done > 0) {
		double rate = (double)done * 1000.0 / (double)el;
		fmt_rate(x, sizeof x, rate);
		snprintf(part, sizeof part, " %s", x);
		add(&l, part, 0);
		if (total >= 0) {
			fmt_left(x, sizeof x, (double)(total - done) / rate);
			snprintf(part, sizeof part, " %s", x);
			add(&l, part, 0);
		}
	}
	if (p->njobs > 1)
		add_jobs(p, &l);
	if (p->dumb) {
		size_t pad = p->drawn > l.w ? p->drawn - l.w : 0;
		while (pad-- > 0 && l.n < sizeof l.b)
			l.b[l.n++] = ' ';
	} else {
		memcpy(l.b + l.n, "\033[K", 3);
		l.n += 3;
	}
	put(l.b, l.n);
	p->drawn = l.w;
	sig_drawn = 1;
}

/* Clears the line (the caller holds busy). */
static void clear(struct cli_progress *p)
{
	if (!p->drawn)
		return;
	put(sig_clear, sig_clear_len);
	p->drawn = 0;
	sig_drawn = 0;
}

void cli_progress_look(struct cli_progress_slot *s, const struct reader *r)
{
	struct cli_progress *p = s->p;
	struct job *j = &p->job[s->job];
	long long now;

	atomic_store_explicit(&j->at, reader_offset(r, NULL), memory_order_relaxed);
	atomic_store_explicit(&j->rows, reader_rows(r) + reader_rejected(r),
			      memory_order_relaxed);
	now = now_ms();
	if (now < atomic_load_explicit(&p->next, memory_order_relaxed) ||
	    atomic_flag_test_and_set_explicit(&p->busy, memory_order_acquire))
		return;
	if (now >= atomic_load_explicit(&p->next, memory_order_relaxed)) {
		draw(p, now);
		atomic_store_explicit(&p->next, now + p->every, memory_order_relaxed);
	}
	atomic_flag_clear_explicit(&p->busy, memory_order_release);
}

void cli_progress_job_done(struct cli_progress_slot *s, const struct reader *r)
{
	struct job *j;

	if (!s->p)
		return;
	j = &s->p->job[s->job];
	atomic_store_explicit(&j->at, j->end >= 0 ? j->end : reader_offset(r, NULL),
			      memory_order_relaxed);
	atomic_store_explicit(&j->rows, reader_rows(r) + reader_rejected(r),
			      memory_order_relaxed);
}

/* Takes busy, waiting for a thread that draws. */
static void take(struct cli_progress *p)
{
	while (atomic_flag_test_and_set_explicit(&p->busy, memory_order_acquire))
		sched_yield();
}

void cli_progress_clear(void)
{
	if (!shown)
		return;
	take(shown);
	clear(shown);
	atomic_flag_clear_explicit(&shown->busy, memory_order_release);
}

void cli_progress_end(struct cli_progress *p)
{
	if (!p)
		return;
	take(p);
	clear(p);
	if (p->caught_int)
		sigaction(SIGINT, &p->old_int, NULL);
	if (p->caught_term)
		sigaction(SIGTERM, &p->old_term, NULL);
	if (shown == p)
		shown = NULL;
	free(p->job);
	free(p);
}
