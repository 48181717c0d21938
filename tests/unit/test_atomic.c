/* Unit tests of atomic: -o FILE appears whole at commit or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "io/atomic.h"

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (!fp)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void atomic_replaces_or_keeps(void)
{
	char dir[] = "/tmp/upkeep-atomic-XXXXXX";
	char path[128], cmd[160];
	struct atomic_file *a;
	struct error err;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/report.txt", dir);
	/* a new file appears only at commit */
	a = atomic_open(path, &err);
	CHECK(a != NULL);
	fputs("first", atomic_fp(a));
	CHECK(access(path, F_OK) != 0);
	CHECK_INT(atomic_commit(a, &err), 0);
	CHECK_STR(slurp(path), "first");
	CHECK_INT(stat(path, &st), 0);
	{
		/* like any new file: 0666 less the umask, not mkstemp's 0600 */
		mode_t mask = umask(0);
		umask(mask);
		CHECK_INT(st.st_mode & 0777, 0666 & ~mask);
	}
	/* an aborted write leaves the old content and no temporary file */
	a = atomic_open(path, &err);
	fputs("second, half written", atomic_fp(a));
	atomic_abort(a);
	CHECK_STR(slurp(path), "first");
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
	CHECK_INT(system(cmd), 0);
	/* a folder that does not exist fails cleanly */
	CHECK(atomic_open("/nonexistent-dir/x", &err) == NULL);
	CHECK(strstr(err.msg, "temporary") != NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
}

int main(void)
{
	TEST_RUN(atomic_replaces_or_keeps);
	return TEST_EXIT();
}
