/* Unit tests of strtab; expected values worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "base/strtab.h"

static void strtab_ids_are_dense_and_stable(void)
{
	struct strtab *t = strtab_new();
	size_t id = 99;
	char name[32];
	int i;

	CHECK_INT(strtab_intern(t, "li.wei", 6), 0);
	CHECK_INT(strtab_intern(t, "项目经理", strlen("项目经理")), 1);
	CHECK_INT(strtab_intern(t, "li.wei", 6), 0);
	/* a prefix is a different string */
	CHECK_INT(strtab_intern(t, "li.we", 5), 2);
	CHECK(strtab_find(t, "项目经理", strlen("项目经理"), &id));
	CHECK_INT(id, 1);
	CHECK(!strtab_find(t, "nobody", 6, &id));
	CHECK_STR(strtab_str(t, 1), "项目经理");
	CHECK(strtab_str(t, 3) == NULL);
	/* growth past many rehashes keeps every id */
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "user%d", i);
		CHECK_INT(strtab_intern(t, name, strlen(name)), i + 3);
	}
	for (i = 0; i < 5000; i += 97) {
		snprintf(name, sizeof name, "user%d", i);
		CHECK(strtab_find(t, name, strlen(name), &id));
		CHECK_INT(id, i + 3);
	}
	CHECK_INT(strtab_count(t), 5003);
	strtab_free(t);
	strtab_free(NULL);
}

/* A pool of generated strings for strtab_many_strings. */
struct pool {
	char *buf;
	size_t used, n;
	size_t *off, *len;
};

static void pool_add(struct pool *p, const char *s, size_t len)
{
	memcpy(p->buf + p->used, s, len);
	p->off[p->n] = p->used;
	p->len[p->n++] = len;
	/* no NUL after the string: strtab must go by len alone */
	p->used += len;
	p->buf[p->used++] = 'z';
}

/* Every generated string is distinct by construction, so the ids must come
 * out 0, 1, 2, ... in order: a hash or compare that missed a byte, or took
 * a matching hash tag for a match, would merge two of them. */
static void strtab_many_strings(void)
{
	/* lengths around the word sizes the hash and compare use */
	static const size_t one_byte_lens[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16,
		17, 23, 24, 25, 31, 32, 33, 64, 200};
	static const unsigned char vals[] = {0, 1, 'b', 0x80, 0xff};
	static const size_t nul_lens[] = {7, 8, 9, 16, 17};
	static const size_t absent_lens[] = {10, 11, 13, 18, 40};
	const char *prefix = "projects/attachments/upload/2024/region/";
	struct pool p;
	struct strtab *t = strtab_new();
	const char **ptr;
	char s[256];
	size_t i, j, k, id, n, bad_id = 0, bad_find = 0, bad_str = 0, bad_ptr = 0;

	p.buf = malloc(16 * 1024 * 1024);
	p.off = malloc(300000 * sizeof *p.off);
	p.len = malloc(300000 * sizeof *p.len);
	p.used = p.n = 0;
	CHECK_INT(strlen(prefix), 40);
	/* the empty string */
	pool_add(&p, "", 0);
	/* strings of 'x' and the same with any one byte changed: every byte
	 * position must count, in hash and compare */
	for (i = 0; i < sizeof one_byte_lens / sizeof *one_byte_lens; i++) {
		size_t len = one_byte_lens[i];
		memset(s, 'x', len);
		pool_add(&p, s, len);
		for (j = 0; j < len; j++)
			for (k = 0; k < sizeof vals; k++) {
				s[j] = (char)vals[k];
				pool_add(&p, s, len);
				s[j] = 'x';
			}
	}
	/* 60000 sharing a 40-byte prefix (41 to 45 bytes) */
	for (i = 0; i < 60000; i++) {
		int len = snprintf(s, sizeof s, "%s%zu", prefix, i);
		pool_add(&p, s, (size_t)len);
	}
	/* 5 x 30000 of mostly NUL bytes, a counter in the first, middle and
	 * last bytes; at least four NULs each, so none is one of the above */
	for (i = 0; i < sizeof nul_lens / sizeof *nul_lens; i++) {
		size_t len = nul_lens[i];
		for (j = 0; j < 30000; j++) {
			memset(s, 0, len);
			s[0] = (char)(j & 0xff);
			s[len / 2] = (char)(j >> 8);
			s[len - 1] = (char)(j % 251);
			pool_add(&p, s, len);
		}
	}
	n = p.n;
	CHECK(n > 200000);

	ptr = malloc(n * sizeof *ptr);
	for (i = 0; i < n; i++) {
		id = strtab_intern(t, p.buf + p.off[i], p.len[i]);
		bad_id += id != i;
		ptr[i] = strtab_str(t, i);
	}
	CHECK_INT(strtab_count(t), n);
	/* again in a scattered order (7919 is prime and does not divide n) */
	CHECK(n % 7919 != 0);
	for (i = 0, j = 0; i < n; i++, j = (j + 7919) % n) {
		id = strtab_intern(t, p.buf + p.off[j], p.len[j]);
		bad_id += id != j;
		bad_find += !strtab_find(t, p.buf + p.off[j], p.len[j], &id) || id != j;
	}
	CHECK_INT(strtab_count(t), n);
	for (i = 0; i < n; i++) {
		const char *str = strtab_str(t, i);
		/* owned copies, NUL-terminated, never moved by later growth */
		bad_str += !str || memcmp(str, p.buf + p.off[i], p.len[i]) != 0
			   || str[p.len[i]] != '\0' || str == p.buf + p.off[i];
		bad_ptr += str != ptr[i];
	}
	CHECK_INT(bad_id, 0);
	CHECK_INT(bad_find, 0);
	CHECK_INT(bad_str, 0);
	CHECK_INT(bad_ptr, 0);
	CHECK(strtab_str(t, n) == NULL);
	/* prefixes of the shared-prefix strings at lengths no string has */
	for (i = 0; i < sizeof absent_lens / sizeof *absent_lens; i++) {
		id = 12345;
		CHECK(!strtab_find(t, prefix, absent_lens[i], &id));
		CHECK_INT(id, 12345);
	}
	CHECK_INT(strtab_count(t), n);
	free(ptr);
	free(p.buf);
	free(p.off);
	free(p.len);
	strtab_free(t);
}

/* Strings too long for the arena's current block get blocks of their own;
 * short ones before and after them must keep their place and content. */
static void strtab_long_strings(void)
{
	static const size_t lens[] = {300, 5, 100000, 9, 255, 256, 257, 1 << 20, 0, 17};
	enum { N = sizeof lens / sizeof *lens };
	struct strtab *t = strtab_new();
	const char *ptr[N];
	char *s[N];
	size_t i, j, id;

	for (i = 0; i < N; i++) {
		s[i] = malloc(lens[i] + 1);
		for (j = 0; j < lens[i]; j++)
			s[i][j] = (char)('a' + (i + j * 7) % 26);
		CHECK_INT(strtab_intern(t, s[i], lens[i]), i);
		ptr[i] = strtab_str(t, i);
	}
	for (i = 0; i < N; i++) {
		CHECK_INT(strtab_intern(t, s[i], lens[i]), i);
		CHECK(strtab_find(t, s[i], lens[i], &id) && id == i);
		CHECK(strtab_str(t, i) == ptr[i]);
		CHECK(memcmp(ptr[i], s[i], lens[i]) == 0 && ptr[i][lens[i]] == '\0');
		free(s[i]);
	}
	CHECK_INT(strtab_count(t), N);
	strtab_free(t);
}

/* Pairs whose 64-bit hashes (hash_bytes in lib/base/strtab.c) share the high 32
 * bits, the tag kept in each slot, and the low 6 bits, the slot in a fresh
 * 64-slot table, so the second of each pair probes past the first with a
 * matching tag and is told apart only by the length and the bytes.  Found
 * by brute force over a few million candidates; were the hash changed they
 * would no longer collide and this test would prove less. */
static void strtab_tag_collisions(void)
{
	static const char *pairs[][2] = {
		{"tag1562354", "tag2475642"},	/* same length */
		{"collide.user.1343995", "collide.user.2592953"},	/* > 16 bytes */
		{"tag150188", "tag1560332"},	/* lengths 9 and 10 */
		{"collide.user.83403", "tag2199482"},
		/* equal but for bytes 4-6, 8-11, 12-15: each part of the short
		 * compare must look at every byte */
		{"projB&t", "proj)5G"},
		{"user.nam}GWd", "user.namU1Re"},
		{"feature.upldOc1a", "feature.upldjx|d"},
	};
	size_t i, j, id;

	for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct strtab *t = strtab_new();
		for (j = 0; j < 2; j++)
			CHECK_INT(strtab_intern(t, pairs[i][j], strlen(pairs[i][j])), j);
		for (j = 0; j < 2; j++) {
			CHECK_INT(strtab_intern(t, pairs[i][j], strlen(pairs[i][j])), j);
			CHECK(strtab_find(t, pairs[i][j], strlen(pairs[i][j]), &id));
			CHECK_INT(id, j);
			CHECK_STR(strtab_str(t, j), pairs[i][j]);
		}
		CHECK_INT(strtab_count(t), 2);
		strtab_free(t);
	}
}

int main(void)
{
	TEST_RUN(strtab_ids_are_dense_and_stable);
	TEST_RUN(strtab_many_strings);
	TEST_RUN(strtab_long_strings);
	TEST_RUN(strtab_tag_collisions);
	return TEST_EXIT();
}
