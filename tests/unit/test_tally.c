/* Unit tests of tally (lib/inspect/tally.c): a count and a time range by
 * int64 key; expected values worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "inspect/tally.h"

static void get_and_see(void)
{
	struct tally m = {0};
	struct tally_slot *s;

	s = tally_get(&m, 7);
	CHECK_INT(s->key, 7);
	CHECK_INT(s->n, 0);
	CHECK_INT(s->lo, INT64_MAX);
	CHECK_INT(s->hi, INT64_MIN);
	CHECK_INT(s->fresh, 0);
	s->n++;
	tally_see(s, 30);
	tally_see(s, 10);
	tally_see(s, 20);
	/* the same key: the same slot */
	s = tally_get(&m, 7);
	CHECK_INT(s->n, 1);
	CHECK_INT(s->lo, 10);
	CHECK_INT(s->hi, 30);
	/* negative keys (times before 1970) are keys like any other */
	s = tally_get(&m, -5);
	CHECK_INT(s->n, 0);
	CHECK_INT(m.n, 2);
	tally_release(&m);
	CHECK_INT(m.n, 0);
	tally_release(&m);
}

/* 1000 keys k * 3 - 1500 (k < 1000), added in the order k * 7 mod 1000
 * (a permutation: 7 and 1000 are coprime), each with
 * count k: past several growths every count is kept and tally_sorted
 * gives the keys in order. */
static void growth_and_order(void)
{
	struct tally m = {0};
	struct tally_slot *v;
	size_t n, i;
	int ok = 1;

	for (i = 0; i < 1000; i++) {
		size_t k = i * 7 % 1000;
		tally_get(&m, (int64_t)k * 3 - 1500)->n = k;
	}
	CHECK_INT(m.n, 1000);
	CHECK(m.cap >= 2000);
	v = tally_sorted(&m, &n);
	CHECK_INT(n, 1000);
	for (i = 0; i < n; i++)
		ok &= v[i].key == (int64_t)i * 3 - 1500 && v[i].n == i;
	CHECK(ok);
	free(v);
	tally_release(&m);

	/* an empty tally sorts to nothing */
	v = tally_sorted(&m, &n);
	CHECK_INT(n, 0);
	free(v);
}

int main(void)
{
	TEST_RUN(get_and_see);
	TEST_RUN(growth_and_order);
	return TEST_EXIT();
}
