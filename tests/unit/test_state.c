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
	struct state_resume rs;

	unlink(path);
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(state_checks(s) == NULL);
	/* no state yet: from the start, not a rotation */
	CHECK_INT(state_resume(s, logpath, &rs, &err), 0);
	CHECK_INT(rs.offset, 0);
	CHECK_INT(rs.line, 1);
	CHECK_INT(rs.rotated, 0);
	CHECK(rs.old == NULL);
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
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
	struct state_resume rs;

	unlink(path);
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	/* read up to byte 6 (all of "foobar"), line 2 next */
	CHECK_INT(state_save(s, logpath, 6, 2, checks, NULL, &err), 0);
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
	CHECK_INT(state_resume(s, logpath, &rs, &err), 0);
	CHECK_INT(rs.offset, 6);
	CHECK_INT(rs.line, 2);
	CHECK_INT(rs.rotated, 0);
	state_resume_release(&rs);
	/* the log is now "a", saved at offset 1: the head is of "a" */
	put(logpath, "w", "a");
	CHECK_INT(state_save(s, logpath, 1, 2, checks, NULL, &err), 0);
	doc = load(path);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "log"), "head")),
		  "af63dc4c8601ec8c");
	json_decref(doc);
	/* offset 0: the head of no bytes */
	CHECK_INT(state_save(s, logpath, 0, 1, checks, NULL, &err), 0);
	doc = load(path);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "log"), "head")),
		  "cbf29ce484222325");
	json_decref(doc);
	CHECK_INT(entries(), 3);
	state_free(s);
	json_decref(checks);
}

/* The names beside the log that the tests make. */
static void side(char *buf, size_t size, const char *suffix)
{
	snprintf(buf, size, "%s%s", logpath, suffix);
}

static void clean_side(void)
{
	static const char *const suffixes[] = {
		".1", ".1.gz", "-20261004", "-20261005", ".new"
	};
	char p[700];
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		side(p, sizeof p, suffixes[i]);
		unlink(p);
	}
}

/* state_resume after a save of "foobar" at 6, line 2, and a change to
 * the log (how): 1 when the log must be read from the start, 0 when from
 * 6; *rs filled (caller releases). */
static int rotated_after(const char *how, struct state_resume *rs)
{
	struct error err;
	struct state *s;
	json_t *checks = json_object();
	char p[700], q[700];

	memset(rs, 0, sizeof *rs);
	unlink(path);
	clean_side();
	put(logpath, "w", "foobar");
	error_clear(&err);
	s = state_open(path, &err);
	if (!s || state_save(s, logpath, 6, 2, checks, NULL, &err) != 0)
		return -1;
	state_free(s);
	json_decref(checks);
	side(p, sizeof p, ".1");
	if (strcmp(how, "same") == 0) {
		/* nothing */
	} else if (strcmp(how, "rewritten") == 0) {
		put(logpath, "w", "FOOBAR and more");	/* same inode, new bytes */
	} else if (strcmp(how, "shorter") == 0) {
		put(logpath, "w", "foo");
	} else if (strcmp(how, "replaced") == 0) {
		/* the same bytes in a new file renamed over it (new inode) */
		side(q, sizeof q, ".new");
		put(q, "w", "foobar");
		if (rename(q, logpath) != 0)
			return -1;
	} else if (strcmp(how, "renamed") == 0 || strcmp(how, "dated") == 0) {
		/* mv LOG LOG.1 (or LOG-20261005; LOG-20261004 is older), the
		 * old one grown by 5 bytes first; a new LOG */
		put(logpath, "a", "\nmore");
		side(q, sizeof q, "-20261004");
		put(q, "w", "foobar, but older");
		side(q, sizeof q, strcmp(how, "dated") == 0 ? "-20261005" : ".1");
		if (rename(logpath, q) != 0)
			return -1;
		put(logpath, "w", "new\n");
	} else if (strcmp(how, "copied") == 0) {
		/* copytruncate: cp LOG LOG.1; : >LOG; then a new line */
		put(p, "w", "foobar\nmore");
		put(logpath, "w", "new\n");
	} else if (strcmp(how, "gone") == 0) {
		/* renamed and compressed; LOG.1 is another file */
		put(p, "w", "something else");
		side(q, sizeof q, ".1.gz");
		put(q, "w", "gz");
		unlink(logpath);
		put(logpath, "w", "new\n");
	} else if (strcmp(how, "renamed-read") == 0) {
		/* renamed away with nothing more in it */
		if (rename(logpath, p) != 0)
			return -1;
		put(logpath, "w", "new\n");
	}
	s = state_open(path, &err);
	if (!s || state_resume(s, logpath, rs, &err) != 0) {
		state_free(s);
		return -1;
	}
	state_free(s);
	if (rs->rotated == 1 && (rs->offset != 0 || rs->line != 1))
		return -1;	/* a rotated log is read from the start */
	if (rs->rotated == 0 && (rs->offset != 6 || rs->line != 2))
		return -1;
	return rs->rotated;
}

static void fingerprint(void)
{
	struct state_resume rs;

	CHECK_INT(rotated_after("same", &rs), 0);
	state_resume_release(&rs);
	CHECK_INT(rotated_after("rewritten", &rs), 1);
	CHECK_INT(rs.lost, 1);	/* no copy of it beside: lost */
	state_resume_release(&rs);
	CHECK_INT(rotated_after("shorter", &rs), 1);
	CHECK_INT(rs.lost, 1);
	state_resume_release(&rs);
	/* a new inode with all that was read at its start: written anew
	 * (an export replaced, an rsync copy), not rotated: read on */
	CHECK_INT(rotated_after("replaced", &rs), 0);
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
}

/* Whether name is the side file of the log with suffix. */
static int is_side(const char *name, const char *suffix)
{
	char p[700];

	side(p, sizeof p, suffix);
	return name && strcmp(name, p) == 0;
}

static void rotation(void)
{
	struct state_resume rs;

	/* mv LOG LOG.1: its rest from 6, line 2, then LOG from the start */
	CHECK_INT(rotated_after("renamed", &rs), 1);
	CHECK(is_side(rs.old, ".1"));
	CHECK_INT(rs.old_offset, 6);
	CHECK_INT(rs.old_line, 2);
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
	/* dateext: LOG-20261005 found by its identity, not the older one */
	CHECK_INT(rotated_after("dated", &rs), 1);
	CHECK(is_side(rs.old, "-20261005"));
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
	/* copytruncate: LOG.1 is a copy, found by its first 6 bytes */
	CHECK_INT(rotated_after("copied", &rs), 1);
	CHECK(is_side(rs.old, ".1"));
	CHECK_INT(rs.old_offset, 6);
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
	/* LOG.1 is no copy; LOG.1.gz is not read: lost, and said */
	CHECK_INT(rotated_after("gone", &rs), 1);
	CHECK(rs.old == NULL);
	CHECK_INT(rs.lost, 1);
	CHECK(is_side(rs.gz, ".1.gz"));
	state_resume_release(&rs);
	/* renamed with all of it read: nothing to read, nothing lost */
	CHECK_INT(rotated_after("renamed-read", &rs), 1);
	CHECK(rs.old == NULL);
	CHECK_INT(rs.lost, 0);
	state_resume_release(&rs);
	clean_side();
}

static void bad_files(void)
{
	struct error err;
	struct state *s;
	struct state_resume rs;
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
	CHECK_INT(state_resume(s, logpath, &rs, &err), -1);
	CHECK(strstr(err.msg, "No such file") != NULL);
	{
		json_t *checks = json_object();
		CHECK_INT(state_save(s, logpath, 0, 1, checks, NULL, &err), -1);
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
	TEST_RUN(rotation);
	TEST_RUN(bad_files);
	unlink(path);
	unlink(lock);
	unlink(logpath);
	rmdir(dir);
	return TEST_EXIT();
}
