/* state: the --state file.  The fingerprint hashes (FNV-1a, 64 bits) the
 * first min(4 KiB, offset) bytes: what was read of an append-only log
 * never changes, while a rotated or rewritten one almost surely does, and
 * a copy of it (copytruncate) has the same.  A rotated log is looked for
 * among the names logrotate gives (LOG.1, LOG-YYYYMMDD with dateext). */
#define _DEFAULT_SOURCE		/* flock(2) */
#include "io/state.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/jbuild.h"

#include "io/atomic.h"
#include "base/xalloc.h"

#define HEAD_BYTES 4096

struct state {
	char *path;
	int lock_fd;
	json_t *doc;		/* NULL: no file yet */
	char *log;		/* the log state_resume opened, or NULL */
	int log_fd;		/* open on it, or -1 */
	char **hdr;		/* the log's CSV/TSV header, nhdr names, or NULL */
	size_t nhdr;
};

/* Replaces the header kept with the n names of v (NULL: none). */
static void set_header(struct state *s, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < s->nhdr; i++)
		free(s->hdr[i]);
	free(s->hdr);
	s->hdr = NULL;
	s->nhdr = 0;
	if (!v)
		return;
	s->hdr = xcalloc(n ? n : 1, sizeof *s->hdr);
	for (i = 0; i < n; i++)
		s->hdr[i] = xstrdup(v[i]);
	s->nhdr = n;
}

/* The header saved in the state's log object: an array of strings. */
static void load_header(struct state *s)
{
	const json_t *h = json_object_get(json_object_get(s->doc, "log"), "header");
	size_t i, n = json_array_size(h);
	const char **v;

	if (!json_is_array(h))
		return;
	v = xcalloc(n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i] = json_string_value(json_array_get(h, i));
		if (!v[i]) {
			free(v);
			return;
		}
	}
	set_header(s, v, n);
	free(v);
}

struct state *state_open(const char *path, struct error *err)
{
	struct state *s = xcalloc(1, sizeof *s);
	size_t n = strlen(path);
	char *lock = xmalloc(n + 6);
	json_error_t jerr;
	struct stat st;

	memcpy(lock, path, n);
	memcpy(lock + n, ".lock", 6);
	s->path = xstrdup(path);
	s->log_fd = -1;
	s->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (s->lock_fd < 0 || flock(s->lock_fd, LOCK_EX) != 0) {
		error_set(err, lock, 0, "cannot lock: %s", strerror(errno));
		free(lock);
		state_free(s);
		return NULL;
	}
	free(lock);
	if (stat(path, &st) != 0 && errno == ENOENT)
		return s;
	s->doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!s->doc) {
		error_set(err, path, jerr.line > 0 ? (unsigned long)jerr.line : 0,
			  "cannot read the state: %s", jerr.text);
		state_free(s);
		return NULL;
	}
	if (!json_is_object(s->doc) || !json_is_object(json_object_get(s->doc, "log")) ||
	    !json_is_object(json_object_get(s->doc, "checks"))) {
		error_set(err, path, 0, "not a state file of inspect");
		state_free(s);
		return NULL;
	}
	load_header(s);
	return s;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);	/* releases the lock */
	if (s->log_fd >= 0)
		close(s->log_fd);
	free(s->log);
	set_header(s, NULL, 0);
	json_decref(s->doc);
	free(s->path);
	free(s);
}

const char *const *state_header(const struct state *s, size_t *n)
{
	*n = s->nhdr;
	return (const char *const *)s->hdr;
}

void state_set_header(struct state *s, const char *const *names, size_t n)
{
	set_header(s, names, n);
}

const json_t *state_checks(const struct state *s)
{
	return s->doc ? json_object_get(s->doc, "checks") : NULL;
}

const json_t *state_reported(const struct state *s)
{
	const json_t *r = s->doc ? json_object_get(s->doc, "reported") : NULL;

	return json_is_object(r) ? r : NULL;
}

/* The fingerprint of the first len bytes of the file open as fd, as 16
 * hex digits (of fewer bytes when it is shorter).  0, or -1 on a read
 * error (errno set). */
static int head_hash(int fd, long long len, char hex[17])
{
	unsigned char buf[HEAD_BYTES] = { 0 };	/* pread fills it */
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t n = 0, i;

	while (n < (size_t)len) {
		ssize_t k = pread(fd, buf + n, (size_t)len - n, (off_t)n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		n += (size_t)k;
	}
	for (i = 0; i < n; i++) {
		h ^= buf[i];
		h *= UINT64_C(0x100000001b3);
	}
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
	return 0;
}

static long long head_len(long long offset)
{
	return offset < HEAD_BYTES ? offset : HEAD_BYTES;
}

/* What the last run read of the log, from the state's log object: its
 * identity, its size then (the file's own bytes), and the fingerprint of
 * hlen first bytes. */
struct seen {
	json_int_t dev, ino;
	long long size, hlen;
	const char *head;
};

/* Whether the file at path is a regular file other than the log (cur),
 * at least as long as the log was, whose first bytes are those read; id:
 * also of the log's old identity. */
static int is_old(const char *path, const struct stat *cur, int id,
		  const struct seen *w)
{
	struct stat st;
	char hex[17];
	int fd, ok;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_dev == cur->st_dev && st.st_ino == cur->st_ino) ||
	    (long long)st.st_size < w->size)
		return 0;
	if (id && ((json_int_t)st.st_dev != w->dev || (json_int_t)st.st_ino != w->ino))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	ok = head_hash(fd, w->hlen, hex) == 0 && strcmp(hex, w->head) == 0;
	close(fd);
	return ok;
}

/* a[0..alen) followed by b, owned. */
static char *join(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	char *s = xmalloc(alen + blen + 1);

	memcpy(s, a, alen);
	memcpy(s + alen, b, blen + 1);
	return s;
}

static int by_name_desc(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The rotated names of log that are there: LOG.1, then LOG-YYYYMMDD,
 * newest first; *n of them, each owned, in an owned array. */
static char **rotated_names(const char *log, size_t *n)
{
	const char *slash = strrchr(log, '/');
	size_t dlen = slash ? (size_t)(slash - log) + 1 : 0;
	const char *base = log + dlen;
	size_t blen = strlen(base), cap = 0, first;
	char *dir = xstrdup(dlen ? log : ".");
	char **v = NULL;
	DIR *d;
	struct dirent *e;

	if (dlen)
		dir[dlen] = '\0';
	*n = 0;
	v = vec_reserve(v, &cap, 1, sizeof *v);
	v[(*n)++] = join(log, strlen(log), ".1");
	first = *n;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			const char *nm = e->d_name;
			size_t i;
			if (strlen(nm) != blen + 9 || memcmp(nm, base, blen) != 0 ||
			    nm[blen] != '-')
				continue;
			for (i = blen + 1; i < blen + 9; i++)
				if (!isdigit((unsigned char)nm[i]))
					break;
			if (i < blen + 9)
				continue;
			v = vec_reserve(v, &cap, *n + 1, sizeof *v);
			v[(*n)++] = join(log, dlen, nm);
		}
		closedir(d);
	}
	qsort(v + first, *n - first, sizeof *v, by_name_desc);
	free(dir);
	return v;
}

/* Whether the log open as fd (cur), another file than the one read last
 * time, begins with all that was read: as long, the same first bytes.
 * An export written anew each time (an atomic rewrite, rsync, an editor)
 * has a new inode but goes on where the last run stopped. */
static int rewritten(int fd, const struct stat *cur, const struct seen *w)
{
	char hex[17];

	return (long long)cur->st_size >= w->size &&
	       head_hash(fd, w->hlen, hex) == 0 && strcmp(hex, w->head) == 0;
}

/* The log (open as fd, cur) is not the file read last time, or is
 * shorter: finds the old file (first by identity, then by its first
 * bytes) and fills r.  When no file beside it has the old identity but
 * the log itself begins with what was read, it is that text written anew
 * and reading goes on in it (r->rotated 0). */
static void find_old(const char *log, int fd, const struct seen *w,
		     const struct stat *cur, long long off, unsigned long line,
		     struct state_resume *r)
{
	size_t n, i, pass;
	char **v = rotated_names(log, &n);
	struct stat st;

	/* the head of nothing matches every file: only the identity tells */
	for (pass = 0; pass < (off > 0 ? 2u : 1u) && !r->old; pass++) {
		for (i = 0; i < n && !r->old; i++) {
			if (is_old(v[i], cur, pass == 0, w)) {
				r->old = v[i];
				v[i] = NULL;
			}
		}
		if (pass == 0 && !r->old && off > 0 && rewritten(fd, cur, w)) {
			r->rotated = 0;	/* the same text, written anew */
			r->offset = off;
			r->line = line;
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	if (!r->rotated)
		return;
	if (!r->old) {
		r->lost = 1;
		r->old_offset = off;
		r->old_line = line;
		r->gz = join(log, strlen(log), ".1.gz");
		if (stat(r->gz, &st) != 0) {
			free(r->gz);
			r->gz = NULL;
		}
		return;
	}
	if (stat(r->old, &st) == 0 && (long long)st.st_size == off) {
		free(r->old);	/* all of it was read */
		r->old = NULL;
		return;
	}
	r->old_offset = off;
	r->old_line = line;
}

/* The struct seen of the state's log object l, whose offset is off.  A
 * state without "size" has the offset for it: a file shorter than that
 * was truncated.  With --encoding the offset counts converted bytes,
 * more or fewer than the file's, so the fingerprint covers no more than
 * the file had. */
static void seen_of(const json_t *l, long long off, struct seen *w)
{
	const json_t *z = json_object_get(l, "size");

	w->dev = json_integer_value(json_object_get(l, "device"));
	w->ino = json_integer_value(json_object_get(l, "inode"));
	w->head = json_string_value(json_object_get(l, "head"));
	w->size = json_is_integer(z) && json_integer_value(z) >= 0 ?
		  (long long)json_integer_value(z) : off;
	w->hlen = head_len(off < w->size ? off : w->size);
}

int state_resume(struct state *s, const char *log, struct state_resume *r,
		 struct error *err)
{
	const json_t *l = s->doc ? json_object_get(s->doc, "log") : NULL;
	json_t *off = json_object_get(l, "offset"), *ln = json_object_get(l, "line");
	json_t *head = json_object_get(l, "head");
	struct stat st;
	struct seen w;
	long long o;
	int fd;

	memset(r, 0, sizeof *r);
	r->line = r->old_line = 1;
	if ((fd = open(log, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) != 0) {
		error_set(err, log, 0, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (s->log_fd >= 0)
		close(s->log_fd);
	free(s->log);
	s->log = xstrdup(log);
	s->log_fd = fd;
	if (!l)
		return 0;
	r->rotated = 1;
	if (!json_is_integer(off) || !json_is_integer(ln) || !json_is_string(head) ||
	    json_integer_value(off) < 0 || json_integer_value(ln) < 1)
		return 0;
	o = json_integer_value(off);
	seen_of(l, o, &w);
	if (w.ino == (json_int_t)st.st_ino && w.dev == (json_int_t)st.st_dev &&
	    (long long)st.st_size >= w.size) {
		char hex[17];
		if (head_hash(fd, w.hlen, hex) != 0) {
			error_set(err, log, 0, "%s", strerror(errno));
			return -1;
		}
		if (strcmp(hex, json_string_value(head)) == 0) {
			r->rotated = 0;
			r->offset = o;
			r->line = (unsigned long)json_integer_value(ln);
			return 0;
		}
	}
	find_old(log, fd, &w, &st, o, (unsigned long)json_integer_value(ln), r);
	r->fresh = r->rotated &&
		   (w.ino != (json_int_t)st.st_ino || w.dev != (json_int_t)st.st_dev);
	return 0;
}

void state_resume_release(struct state_resume *r)
{
	free(r->old);
	free(r->gz);
	r->old = r->gz = NULL;
}

int state_save(struct state *s, const char *log, long long offset,
	       unsigned long line, const json_t *checks,
	       const json_t *reported, struct error *err)
{
	json_t *doc, *l;
	struct atomic_file *a;
	struct stat st;
	char hex[17];
	int fd = s->log && strcmp(s->log, log) == 0 ? s->log_fd : -1;
	int own = fd < 0;

	if (own && (fd = open(log, O_RDONLY | O_CLOEXEC)) < 0) {
		error_set(err, log, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 ||
	    head_hash(fd, head_len(offset < (long long)st.st_size ? offset : (long long)st.st_size), hex) != 0) {
		error_set(err, log, 0, "%s", strerror(errno));
		if (own)
			close(fd);
		return -1;
	}
	if (own)
		close(fd);
	doc = jobject();
	l = jobject();
	jset(l, "path", jstr(log));
	jset(l, "device", jint((json_int_t)st.st_dev));
	jset(l, "inode", jint((json_int_t)st.st_ino));
	jset(l, "offset", jint(offset));
	jset(l, "size", jint((json_int_t)st.st_size));
	jset(l, "line", jint((json_int_t)line));
	jset(l, "head", jstr(hex));
	if (s->hdr) {
		json_t *h = jarray();
		size_t i;
		for (i = 0; i < s->nhdr; i++)
			jappend(h, jstr(s->hdr[i]));
		jset(l, "header", h);
	}
	jset(doc, "tool", jstr("inspect"));
	jset(doc, "log", l);
	json_object_set(doc, "checks", (json_t *)(uintptr_t)checks);
	if (reported)
		json_object_set(doc, "reported", (json_t *)(uintptr_t)reported);
	a = atomic_open(s->path, err);
	if (!a) {
		json_decref(doc);
		return -1;
	}
	if (json_dumpf(doc, atomic_fp(a), JSON_COMPACT) != 0 ||
	    fputc('\n', atomic_fp(a)) == EOF) {
		json_decref(doc);
		atomic_abort(a);
		error_set(err, s->path, 0, "cannot write the state");
		return -1;
	}
	json_decref(doc);
	return atomic_commit(a, err);
}
