/* atomic: temporary file + fsync + rename(2), which POSIX makes atomic
 * within one file system. */
#include "io/atomic.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

enum { MAX_LINKS = 40 };		/* as the kernel's ELOOP */

struct atomic_file {
	char *path;		/* what is replaced: the link's target */
	char *tmp;		/* NULL: written directly (stdout, a device) */
	FILE *fp;
	int is_stdout;
};

/* path with its symbolic links followed (a dangling link gives the path
 * it points to, to be created); a new string, or NULL with errno set. */
static char *follow(const char *path)
{
	char *p = xstrdup(path);
	int hops;

	for (hops = 0; hops < MAX_LINKS; hops++) {
		struct stat st;
		char buf[4096];
		ssize_t n;
		char *q;
		const char *slash;

		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		n = readlink(p, buf, sizeof buf - 1);
		if (n < 0) {
			free(p);
			return NULL;
		}
		buf[n] = '\0';
		slash = strrchr(p, '/');
		if (buf[0] == '/' || !slash) {
			q = xstrdup(buf);
		} else {	/* relative to the link's folder */
			size_t dir = (size_t)(slash - p) + 1, len = dir + (size_t)n + 1;
			q = xmalloc(len);
			snprintf(q, len, "%.*s%s", (int)dir, p, buf);
		}
		free(p);
		p = q;
	}
	free(p);
	errno = ELOOP;
	return NULL;
}

static struct atomic_file *fail(struct atomic_file *a, struct error *err,
				const char *path, const char *what)
{
	error_set(err, path, 0, "%s%s", what, strerror(errno));
	if (a->tmp) {
		unlink(a->tmp);
		free(a->tmp);
	}
	free(a->path);
	free(a);
	return NULL;
}

struct atomic_file *atomic_open(const char *path, struct error *err)
{
	struct atomic_file *a = xcalloc(1, sizeof *a);
	struct stat st;
	const char *slash;
	size_t dirlen, n;
	int fd, exists;

	if (strcmp(path, "-") == 0) {
		a->fp = stdout;
		a->is_stdout = 1;
		a->path = xstrdup("stdout");
		return a;
	}
	if (!(a->path = follow(path))) {
		a->path = xstrdup(path);
		return fail(a, err, path, "");
	}
	exists = stat(a->path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		/* a device, a FIFO or a socket: written in place */
		a->fp = fopen(a->path, "w");
		if (!a->fp)
			return fail(a, err, path, "");
		return a;
	}
	slash = strrchr(a->path, '/');
	dirlen = slash ? (size_t)(slash - a->path) + 1 : 0;
	n = strlen(a->path) + 16;
	a->tmp = xmalloc(n);
	snprintf(a->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, a->path, a->path + dirlen);
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		free(a->tmp);
		a->tmp = NULL;
		return fail(a, err, path, "cannot create a temporary file beside it: ");
	}
	if (exists) {
		/* the new file takes the old one's place: its mode, and its
		 * owner and group where we may (a group we belong to, or any
		 * as root); what is not permitted stays ours */
		(void)fchmod(fd, st.st_mode & 07777);
		if (fchown(fd, st.st_uid, st.st_gid) != 0 &&
		    fchown(fd, (uid_t)-1, st.st_gid) != 0) {
			/* neither permitted: the file stays ours */
		}
		(void)fchmod(fd, st.st_mode & 07777);	/* chown may clear set-id bits */
	} else {
		/* mkstemp makes 0600; the result should look like any new file */
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	a->fp = fdopen(fd, "w");
	if (!a->fp) {
		close(fd);
		return fail(a, err, path, "");
	}
	return a;
}

FILE *atomic_fp(struct atomic_file *a)
{
	return a->fp;
}

static void release(struct atomic_file *a)
{
	free(a->tmp);
	free(a->path);
	free(a);
}

int atomic_commit(struct atomic_file *a, struct error *err)
{
	int failed = fflush(a->fp) != 0 || ferror(a->fp);
	int saved = errno;

	if (a->is_stdout || !a->tmp) {
		/* standard output stays open for the command; a device is
		 * closed, and there is nothing to rename */
		if (!a->is_stdout && fclose(a->fp) != 0 && !failed) {
			failed = 1;
			saved = errno;
		}
		if (failed)
			error_set(err, a->path, 0, "cannot write: %s", strerror(saved));
		release(a);
		return failed ? -1 : 0;
	}
	if (!failed && fsync(fileno(a->fp)) != 0) {
		failed = 1;
		saved = errno;
	}
	if (fclose(a->fp) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	a->fp = NULL;
	if (!failed && rename(a->tmp, a->path) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		error_set(err, a->path, 0, "cannot write: %s", strerror(saved));
		unlink(a->tmp);
		release(a);
		return -1;
	}
	release(a);
	return 0;
}

void atomic_abort(struct atomic_file *a)
{
	if (!a)
		return;
	if (a->fp && !a->is_stdout)
		fclose(a->fp);
	if (a->tmp)
		unlink(a->tmp);
	release(a);
}
