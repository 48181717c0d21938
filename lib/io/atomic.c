/* atomic: temporary file + fsync + rename(2), which POSIX makes atomic
 * within one file system. */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

struct atomic_file {
	char *path;
	char *tmp;
	FILE *fp;
};

struct atomic_file *atomic_open(const char *path, struct error *err)
{
	struct atomic_file *a;
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + 16;
	mode_t mask;
	int fd;

	a = xcalloc(1, sizeof *a);
	a->path = xstrdup(path);
	a->tmp = xmalloc(n);
	snprintf(a->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		error_set(err, path, 0, "cannot create a temporary file beside it: %s",
			  strerror(errno));
		free(a->tmp);
		free(a->path);
		free(a);
		return NULL;
	}
	/* mkstemp makes 0600; the result should look like any new file */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	a->fp = fdopen(fd, "w");
	if (!a->fp) {
		error_set(err, path, 0, "%s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		free(a->tmp);
		free(a->path);
		free(a);
		return NULL;
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
	if (a->fp)
		fclose(a->fp);
	unlink(a->tmp);
	release(a);
}
