/* Unit tests of pairset: adds answered by the bitmaps and by the table
 * alike, growth, and the walk over every pair.  The pairs are distinct by
 * construction, so the expected counts are the numbers of pairs added. */
#include <stdlib.h>

#include "check.h"
#include "review/pairset.h"

static void pairset_empty(void)
{
	struct pairset zero = {0}, s;
	size_t pos = 0;
	uint32_t g = 7, u = 7;

	/* a zero-initialised struct is an empty set, as is an initialised one */
	CHECK_INT(pairset_count(&zero), 0);
	CHECK_INT(pairset_next(&zero, &pos, &g, &u), 0);
	CHECK_INT(g, 7);
	pairset_prefetch(&zero, 1, 2);	/* no table yet: nothing to touch */
	pairset_release(&zero);
	pairset_init(&s);
	CHECK_INT(pairset_count(&s), 0);
	pos = 0;
	CHECK_INT(pairset_next(&s, &pos, &g, &u), 0);
	pairset_release(&s);
	/* released: empty again, and may be used again */
	CHECK_INT(pairset_count(&s), 0);
	CHECK_INT(pairset_add(&s, 3, 4), 1);
	CHECK_INT(pairset_count(&s), 1);
	pairset_release(&s);
}

static void pairset_add_once(void)
{
	struct pairset s;
	size_t pos = 0;
	uint32_t g = 0, u = 0;

	pairset_init(&s);
	CHECK_INT(pairset_add(&s, 1, 2), 1);
	CHECK_INT(pairset_add(&s, 1, 2), 0);
	CHECK(pairset_seen(&s, 1, 2));
	/* the same ids the other way round, and each half alone, are other
	 * pairs */
	CHECK_INT(pairset_add(&s, 2, 1), 1);
	CHECK_INT(pairset_add(&s, 1, 3), 1);
	CHECK_INT(pairset_add(&s, 0, 2), 1);
	CHECK_INT(pairset_count(&s), 4);
	/* the first group was 1, below half the window: the window starts
	 * at 0 and covers 0..4095; 4096 and UINT32_MAX (metrics' group of
	 * events without a project) go to the table alone */
	CHECK(pairset_seen(&s, 0, 2));
	CHECK(!pairset_seen(&s, 0, 3));
	CHECK_INT(pairset_add(&s, 4095, 2), 1);
	CHECK(pairset_seen(&s, 4095, 2));
	CHECK_INT(pairset_add(&s, 4096, 2), 1);
	CHECK(!pairset_seen(&s, 4096, 2));
	CHECK_INT(pairset_add(&s, 4096, 2), 0);
	CHECK_INT(pairset_add(&s, UINT32_MAX, 0), 1);
	CHECK_INT(pairset_add(&s, UINT32_MAX, UINT32_MAX - 1), 1);
	CHECK_INT(pairset_add(&s, UINT32_MAX, 0), 0);
	CHECK_INT(pairset_add(&s, 0, UINT32_MAX), 1);
	CHECK_INT(pairset_add(&s, 0, UINT32_MAX), 0);
	CHECK_INT(pairset_count(&s), 9);
	/* one pair in the walk */
	pairset_release(&s);
	pairset_init(&s);
	CHECK_INT(pairset_add(&s, 0x80005000u, 123456), 1);
	CHECK_INT(pairset_next(&s, &pos, &g, &u), 1);
	CHECK_INT(g, 0x80005000u);
	CHECK_INT(u, 123456);
	CHECK_INT(pairset_next(&s, &pos, &g, &u), 0);
	CHECK_INT(pairset_next(&s, &pos, &g, &u), 0);
	pairset_release(&s);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Groups around a local day number offset as metrics keys them
 * (0x80000000 + 20717 for 2026-09-21), so that the window starts at
 * 0x80000000 + 20717 - 2048; groups below it (which wrap when taken off
 * the base) and above it go to the table.  Users up to 70000 grow the
 * bitmaps many times.  Every pair is added twice, then once more in
 * another order: the first add of a pair returns 1, every other 0; the
 * walk gives back each pair once. */
static void pairset_many(void)
{
	static const uint32_t groups[] = {
		0x80000000u + 20717,		/* the first: sets the window */
		0x80000000u + 20717 - 2048,	/* its first group */
		0x80000000u + 20717 + 2047,	/* its last group */
		0x80000000u + 20717 - 2049,	/* just below it */
		0x80000000u + 20717 + 2048,	/* just above it */
		0, 1, 4095, UINT32_MAX,		/* far below, far above */
		0x80000000u + 20718,
	};
	enum { NG = sizeof groups / sizeof *groups, NU = 3000 };
	uint64_t *want = malloc(NG * NU * sizeof *want);
	uint64_t *got = malloc(NG * NU * sizeof *got);
	struct pairset s;
	size_t i, j, n = 0, pos = 0, bad_new = 0, bad_again = 0, bad_pos = 0;
	uint32_t g, u;

	pairset_init(&s);
	for (i = 0; i < NG; i++) {
		for (j = 0; j < NU; j++) {
			/* users 0, 23, 46, ... 68977: sparse and past 64 * 1024 */
			u = (uint32_t)(j * 23);
			pairset_prefetch(&s, groups[i], u);
			bad_new += pairset_add(&s, groups[i], u) != 1;
			bad_again += pairset_add(&s, groups[i], u) != 0;
			want[n++] = (uint64_t)groups[i] << 32 | u;
		}
	}
	/* the first three groups and the last are in the window */
	for (i = 0; i < NG; i++)
		CHECK_INT(pairset_seen(&s, groups[i], 23),
			  i <= 2 || i == NG - 1);
	CHECK_INT(bad_new, 0);
	CHECK_INT(bad_again, 0);
	CHECK_INT(pairset_count(&s), NG * NU);
	/* again, users first: the table (30000 pairs, grown from 1024 slots
	 * to 65536) and the bitmaps still know every one */
	for (j = 0; j < NU; j++)
		for (i = 0; i < NG; i++)
			bad_again += pairset_add(&s, groups[i], (uint32_t)(j * 23)) != 0;
	CHECK_INT(bad_again, 0);
	CHECK_INT(pairset_count(&s), NG * NU);
	/* pairs never added: users between the multiples of 23 */
	for (i = 0; i < NG; i++)
		bad_new += pairset_add(&s, groups[i], 1) != 1;
	CHECK_INT(bad_new, 0);
	CHECK_INT(pairset_count(&s), NG * NU + NG);
	n = 0;
	while (pairset_next(&s, &pos, &g, &u)) {
		if (u == 1)
			continue;
		if (n < NG * NU)
			got[n] = (uint64_t)g << 32 | u;
		n++;
		bad_pos += pos > s.cap;
	}
	CHECK_INT(n, NG * NU);
	CHECK_INT(bad_pos, 0);
	qsort(want, NG * NU, sizeof *want, cmp_u64);
	qsort(got, NG * NU, sizeof *got, cmp_u64);
	CHECK(memcmp(want, got, NG * NU * sizeof *want) == 0);
	pairset_release(&s);
	free(want);
	free(got);
}

int main(void)
{
	TEST_RUN(pairset_empty);
	TEST_RUN(pairset_add_once);
	TEST_RUN(pairset_many);
	return TEST_EXIT();
}
