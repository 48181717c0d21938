/* Unit tests of state: the --state file of inspect -- its lock, the
 * fingerprint of the log and the atomic write.  The fingerprints are
 * FNV-1a 64 of the log's first min(4096, offset) bytes, the published test
 * vectors of FNV-1a: "" cbf29ce484222325, "a" af63dc4c8601ec8c, "foobar"
 * 85944171f73967e8. */
#define _DEFAULT_SOURCE		/* flock(2) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "check.h"
#include "io/state.h"

static char dir[512];
static char path[600], lock[600], logpath[600];

static void put(const char *p, const char *mode, const char *text)
{
	FILE *fp = fopen(p, mode);

	if (!fp || fputs(text, fp) == EOF || fclose(fp) != 0) {
		perror(p);
		exit(1);
	}
}

static json_t *load(const char *p)
{
	return json_load_file(p, 0, NULL);
}

/* The entries of dir, "." and ".." left out. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	if (d)
		closedir(d);
	return n;
}

/* Whether another open file description can take the lock now. */
static int lock_free(void)
{
	int fd = open(lock, O_RDWR), ok;

	if (fd < 0)
		return -1;
	ok = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return ok;
}

static void new_file(void)
{
	struct error err;
	struct state *s;
	long long off = 99;
	unsigned long line = 99;
	int rotated = 99;

	unlink(path);
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(state_checks(s) == NULL);
	/* no state yet: from the start, not a rotation */
	CHECK_INT(state_offset(s, logpath, &off, &line, &rotated, &err), 0);
	CHECK_INT(off, 0);
	CHECK_INT(line, 1);
	CHECK_INT(rotated, 0);
	CHECK(access(path, F_OK) != 0);	/* nothing written yet */
	/* the lock is held from state_open to state_free */
	CHECK_INT(lock_free(), 0);
	state_free(s);
	CHECK_INT(lock_free(), 1);
	state_free(NULL);
}

static void save_and_load(void)
{
	struct error err;
	struct state *s;
	json_t *checks = json_pack("{s:i, s:[s]}", "events", 7, "open", "report.export");
	json_t *doc, *l;
	long long off;
	unsigned long line;
	int rotated;

	unlink(path);
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	/* read up to byte 6 (all of "foobar"), line 2 next */
	CHECK_INT(state_save(s, logpath, 6, 2, checks, &err), 0);
	state_free(s);
	/* the state, its lock and the log; no temporary file is left */
	CHECK_INT(entries(), 3);
	doc = load(path);
	CHECK(doc != NULL);
	l = json_object_get(doc, "log");
	CHECK_STR(json_string_value(json_object_get(doc, "tool")), "inspect");
	CHECK_INT(json_integer_value(json_object_get(l, "offset")), 6);
	CHECK_INT(json_integer_value(json_object_get(l, "line")), 2);
	CHECK_STR(json_string_value(json_object_get(l, "head")), "85944171f73967e8");
	CHECK_STR(json_string_value(json_object_get(l, "path")), logpath);
	CHECK(json_equal(json_object_get(doc, "checks"), checks));
	json_decref(doc);

	/* loaded again: the same checks; the log grew, the saved head is
	 * still its start: go on at 6, line 2 */
	put(logpath, "a", "\nmore\n");
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(json_equal(state_checks(s), checks));
	CHECK_INT(state_offset(s, logpath, &off, &line, &rotated, &err), 0);
	CHECK_INT(off, 6);
	CHECK_INT(line, 2);
	CHECK_INT(rotated, 0);
	/* the log is now "a", saved at offset 1: the head is of "a" */
	put(logpath, "w", "a");
	CHECK_INT(state_save(s, logpath, 1, 2, checks, &err), 0);
	doc = load(path);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "log"), "head")),
		  "af63dc4c8601ec8c");
	json_decref(doc);
	/* offset 0: the head of no bytes */
	CHECK_INT(state_save(s, logpath, 0, 1, checks, &err), 0);
	doc = load(path);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "log"), "head")),
		  "cbf29ce484222325");
	json_decref(doc);
	CHECK_INT(entries(), 3);
	state_free(s);
	json_decref(checks);
}

/* state_offset after a save of "foobar" at 6, line 2, and a change to
 * the log: 1 when the log must be read from the start. */
static int rotated_after(const char *how)
{
	struct error err;
	struct state *s;
	json_t *checks = json_object();
	long long off = -1;
	unsigned long line = 0;
	int rotated = -1;

	unlink(path);
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	if (!s || state_save(s, logpath, 6, 2, checks, &err) != 0)
		return -1;
	state_free(s);
	json_decref(checks);
	if (strcmp(how, "same") == 0) {
		/* nothing */
	} else if (strcmp(how, "rewritten") == 0) {
		put(logpath, "w", "FOOBAR and more");	/* same inode, new bytes */
	} else if (strcmp(how, "shorter") == 0) {
		put(logpath, "w", "foo");
	} else if (strcmp(how, "replaced") == 0) {
		/* the same bytes in a new file renamed over it (new inode) */
		char tmp[700];
		snprintf(tmp, sizeof tmp, "%s.new", logpath);
		put(tmp, "w", "foobar");
		if (rename(tmp, logpath) != 0)
			return -1;
	}
	s = state_open(path, &err);
	if (!s || state_offset(s, logpath, &off, &line, &rotated, &err) != 0) {
		state_free(s);
		return -1;
	}
	state_free(s);
	if (rotated == 1 && (off != 0 || line != 1))
		return -1;	/* a rotated log is read from the start */
	if (rotated == 0 && (off != 6 || line != 2))
		return -1;
	return rotated;
}

static void fingerprint(void)
{
	CHECK_INT(rotated_after("same"), 0);
	CHECK_INT(rotated_after("rewritten"), 1);
	CHECK_INT(rotated_after("shorter"), 1);
	CHECK_INT(rotated_after("replaced"), 1);
}

static void bad_files(void)
{
	struct error err;
	struct state *s;
	long long off;
	unsigned long line;
	int rotated;
	char nodir[700];

	/* not JSON; JSON with a key twice; JSON of another shape */
	put(path, "w", "not json\n");
	error_clear(&err);
	CHECK(state_open(path, &err) == NULL);
	CHECK(strstr(err.msg, "cannot read the state") != NULL);
	CHECK_INT(lock_free(), 1);	/* a failed open holds no lock */
	put(path, "w", "{\"log\": {}, \"checks\": {}, \"log\": {}}\n");
	CHECK(state_open(path, &err) == NULL);
	put(path, "w", "{\"tool\": \"inspect\", \"log\": [], \"checks\": {}}\n");
	CHECK(state_open(path, &err) == NULL);
	CHECK(strstr(err.msg, "not a state file") != NULL);
	put(path, "w", "[]\n");
	CHECK(state_open(path, &err) == NULL);
	/* the lock cannot be made: no such directory */
	snprintf(nodir, sizeof nodir, "%s/none/state.json", dir);
	error_clear(&err);
	CHECK(state_open(nodir, &err) == NULL);
	CHECK(strstr(err.msg, "cannot lock") != NULL);
	/* a log that is not there */
	unlink(path);
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	unlink(logpath);
	error_clear(&err);
	CHECK_INT(state_offset(s, logpath, &off, &line, &rotated, &err), -1);
	CHECK(strstr(err.msg, "No such file") != NULL);
	{
		json_t *checks = json_object();
		CHECK_INT(state_save(s, logpath, 0, 1, checks, &err), -1);
		json_decref(checks);
	}
	CHECK(access(path, F_OK) != 0);	/* nothing written */
	state_free(s);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/upkeep-test-state.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/state.json", dir);
	snprintf(lock, sizeof lock, "%s/state.json.lock", dir);
	snprintf(logpath, sizeof logpath, "%s/events.csv", dir);
	TEST_RUN(new_file);
	TEST_RUN(save_and_load);
	TEST_RUN(fingerprint);
	TEST_RUN(bad_files);
	unlink(path);
	unlink(lock);
	unlink(logpath);
	rmdir(dir);
	return TEST_EXIT();
}
