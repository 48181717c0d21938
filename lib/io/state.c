/* state: the --state file.  The fingerprint hashes (FNV-1a, 64 bits) the
 * first min(4 KiB, offset) bytes: what was read of an append-only log
 * never changes, while a rotated or rewritten one almost surely does. */
#define _DEFAULT_SOURCE		/* flock(2) */
#include "io/state.h"

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
};

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
	return s;
}

void state_free(struct state *s)
{
	if (!s)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);	/* releases the lock */
	json_decref(s->doc);
	free(s->path);
	free(s);
}

const json_t *state_checks(const struct state *s)
{
	return s->doc ? json_object_get(s->doc, "checks") : NULL;
}

/* The fingerprint of log's first len bytes, as 16 hex digits. */
static int head_hash(const char *log, long long len, char hex[17], struct error *err)
{
	unsigned char buf[HEAD_BYTES];
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t n, i;
	FILE *fp = fopen(log, "rb");

	if (!fp) {
		error_set(err, log, 0, "%s", strerror(errno));
		return -1;
	}
	n = fread(buf, 1, (size_t)len, fp);
	fclose(fp);
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

int state_offset(const struct state *s, const char *log, long long *offset,
		 unsigned long *line, int *rotated, struct error *err)
{
	const json_t *l = s->doc ? json_object_get(s->doc, "log") : NULL;
	json_t *off = json_object_get(l, "offset"), *ln = json_object_get(l, "line");
	json_t *head = json_object_get(l, "head");
	struct stat st;
	char hex[17];

	*offset = 0;
	*line = 1;
	*rotated = 0;
	if (stat(log, &st) != 0) {
		error_set(err, log, 0, "%s", strerror(errno));
		return -1;
	}
	if (!l)
		return 0;
	*rotated = 1;
	if (!json_is_integer(off) || !json_is_integer(ln) || !json_is_string(head) ||
	    json_integer_value(off) < 0 || json_integer_value(ln) < 1)
		return 0;
	if (json_integer_value(json_object_get(l, "inode")) != (json_int_t)st.st_ino ||
	    json_integer_value(json_object_get(l, "device")) != (json_int_t)st.st_dev ||
	    (long long)st.st_size < json_integer_value(off))
		return 0;
	if (head_hash(log, head_len(json_integer_value(off)), hex, err) != 0)
		return -1;
	if (strcmp(hex, json_string_value(head)) != 0)
		return 0;
	*rotated = 0;
	*offset = json_integer_value(off);
	*line = (unsigned long)json_integer_value(ln);
	return 0;
}

int state_save(struct state *s, const char *log, long long offset,
	       unsigned long line, const json_t *checks, struct error *err)
{
	json_t *doc = jobject(), *l = jobject();
	struct atomic_file *a;
	struct stat st;
	char hex[17];

	if (stat(log, &st) != 0) {
		error_set(err, log, 0, "%s", strerror(errno));
		json_decref(doc);
		json_decref(l);
		return -1;
	}
	if (head_hash(log, head_len(offset), hex, err) != 0) {
		json_decref(doc);
		json_decref(l);
		return -1;
	}
	jset(l, "path", jstr(log));
	jset(l, "device", jint((json_int_t)st.st_dev));
	jset(l, "inode", jint((json_int_t)st.st_ino));
	jset(l, "offset", jint(offset));
	jset(l, "line", jint((json_int_t)line));
	jset(l, "head", jstr(hex));
	jset(doc, "tool", jstr("inspect"));
	jset(doc, "log", l);
	json_object_set(doc, "checks", (json_t *)(uintptr_t)checks);
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
