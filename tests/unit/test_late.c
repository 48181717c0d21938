/* Unit tests of the late events (lib/inspect/late.c): sorted by time,
 * then input order; a descending run reversed with its equal keys kept
 * in input order; late_is asked in input order.  Expected orders worked
 * by hand in the comments. */
#include "check.h"
#include "inspect/late.h"

static void add(struct late *l, int64_t t, uint64_t seq)
{
	struct reorder_item it = {0};

	it.key = reorder_key(t, 0);
	it.seq = seq;
	late_add(l, &it);
}

/* Times (seq): 50(3) 40(5) 40(6) 30(8) 10(9): descending, with a tie at
 * 40 in input order 5, 6.  Sorted: 10(9) 30(8) 40(5) 40(6) 50(3). */
static void descending(void)
{
	struct late l = {0};
	static const uint64_t want[] = { 9, 8, 5, 6, 3 };
	size_t i;

	add(&l, 50, 3);
	add(&l, 40, 5);
	add(&l, 40, 6);
	add(&l, 30, 8);
	add(&l, 10, 9);
	late_sort(&l);
	CHECK_INT(l.n, 5);
	for (i = 0; i < 5; i++)
		CHECK_INT(l.v[i].seq, want[i]);
	/* asked in input order: 0..9, only 3 5 6 8 9 are late */
	for (i = 0; i < 10; i++)
		CHECK_INT(late_is(&l, i), i == 3 || (i >= 5 && i != 7));
	late_release(&l);
	CHECK_INT(l.n, 0);
}

/* Times (seq): 30(1) 10(2) 30(4) 20(7) 10(8): no order.  Sorted: 10(2)
 * 10(8) 20(7) 30(1) 30(4). */
static void mixed(void)
{
	struct late l = {0};
	static const uint64_t want[] = { 2, 8, 7, 1, 4 };
	size_t i;

	add(&l, 30, 1);
	add(&l, 10, 2);
	add(&l, 30, 4);
	add(&l, 20, 7);
	add(&l, 10, 8);
	late_sort(&l);
	for (i = 0; i < 5; i++)
		CHECK_INT(l.v[i].seq, want[i]);
	CHECK_INT(late_is(&l, 0), 0);
	CHECK_INT(late_is(&l, 1), 1);
	CHECK_INT(late_is(&l, 2), 1);
	CHECK_INT(late_is(&l, 3), 0);
	late_release(&l);
}

/* None at all: sorting nothing is fine, nothing is late. */
static void empty(void)
{
	struct late l = {0};

	late_sort(&l);
	CHECK_INT(late_is(&l, 0), 0);
	late_release(&l);
}

int main(void)
{
	TEST_RUN(descending);
	TEST_RUN(mixed);
	TEST_RUN(empty);
	return TEST_EXIT();
}
