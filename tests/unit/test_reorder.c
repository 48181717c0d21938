/* Unit tests of the reordering window (lib/inspect/reorder.c): items
 * leave in key order, only once the newest time is a window past them;
 * what is before the frontier is late.  Expected orders worked by hand in
 * the comments. */
#include <stdlib.h>

#include "check.h"
#include "inspect/reorder.h"

/* Adds an event at t (tie bit tie) numbered seq, as inspect does: late
 * ones are refused (returns 0), the others pushed and the window moved;
 * then every ready item is appended to out[*nout]. */
static int add(struct reorder *r, int64_t t, int tie, uint32_t seq,
	       uint32_t *out, size_t *nout)
{
	struct reorder_item it = {0};

	if (reorder_late(r, t))
		return 0;
	it.key = reorder_key(t, tie);
	it.feat = seq;
	it.seq = seq;
	reorder_push(r, &it);
	reorder_saw(r, t);
	while (reorder_ready(r))
		out[(*nout)++] = reorder_pop(r).feat;
	return 1;
}

static void drain(struct reorder *r, uint32_t *out, size_t *nout)
{
	while (reorder_pending(r))
		out[(*nout)++] = reorder_pop(r).feat;
	reorder_close(r);
}

static void keys(void)
{
	CHECK_INT(reorder_key(10, 0), 20);
	CHECK_INT(reorder_key(10, 1), 21);
	CHECK_INT(reorder_key_time(21), 10);
	CHECK_INT(reorder_key_time(reorder_key(-3, 1)), -3);
	CHECK_INT(reorder_key_time(reorder_key(-3, 0)), -3);
	/* at equal times tie 0 sorts first */
	CHECK(reorder_key(5, 0) < reorder_key(5, 1));
	CHECK(reorder_key(5, 1) < reorder_key(6, 0));
}

/* Window 10.  Times (seq): 100(0) 105(1) 103(2) 111(3) 120(4) 95(5)
 * 108(6) 130(7).
 * - 111 moves the frontier to 101: 100 leaves;
 * - 120: frontier 110: 103 and 105 leave (in time order: seq 2, 1);
 * - 95 is before the frontier 110: late;
 * - 108 too: late (before 110);
 * - 130: frontier 120: 111 leaves (120 is not before 120);
 * - the end: 120 and 130 leave; the frontier becomes 130. */
static void in_order_within_window(void)
{
	struct reorder r;
	uint32_t out[16];
	size_t n = 0;

	reorder_init(&r, 10);
	CHECK(!reorder_pending(&r));
	CHECK_INT(add(&r, 100, 0, 0, out, &n), 1);
	CHECK_INT(add(&r, 105, 0, 1, out, &n), 1);
	CHECK_INT(add(&r, 103, 0, 2, out, &n), 1);
	CHECK_INT(n, 0);
	CHECK_INT(add(&r, 111, 0, 3, out, &n), 1);
	CHECK_INT(n, 1);
	CHECK_INT(add(&r, 120, 0, 4, out, &n), 1);
	CHECK_INT(n, 3);
	CHECK_INT(add(&r, 95, 0, 5, out, &n), 0);
	CHECK_INT(add(&r, 108, 0, 6, out, &n), 0);
	CHECK_INT(add(&r, 130, 0, 7, out, &n), 1);
	CHECK_INT(n, 4);
	drain(&r, out, &n);
	CHECK_INT(n, 6);
	CHECK_INT(out[0], 0);
	CHECK_INT(out[1], 2);
	CHECK_INT(out[2], 1);
	CHECK_INT(out[3], 3);
	CHECK_INT(out[4], 4);
	CHECK_INT(out[5], 7);
	CHECK_INT(r.newest, 130);
	/* after the end only the newest time or later is in order */
	CHECK(reorder_late(&r, 129));
	CHECK(!reorder_late(&r, 130));
	reorder_release(&r);
}

/* Equal times: tie 0 before tie 1, whatever the order they came in; items
 * of equal key that came in order leave in the order they came. */
static void ties(void)
{
	struct reorder r;
	uint32_t out[8];
	size_t n = 0;

	reorder_init(&r, 1000);
	add(&r, 50, 1, 0, out, &n);	/* error at 50 */
	add(&r, 50, 0, 1, out, &n);	/* success at 50: to the heap */
	add(&r, 60, 0, 2, out, &n);
	add(&r, 60, 0, 3, out, &n);
	add(&r, 60, 0, 4, out, &n);
	drain(&r, out, &n);
	CHECK_INT(n, 5);
	CHECK_INT(out[0], 1);
	CHECK_INT(out[1], 0);
	CHECK_INT(out[2], 2);
	CHECK_INT(out[3], 3);
	CHECK_INT(out[4], 4);
	reorder_release(&r);
}

/* Many items, past the ring's and the heap's growth: times i * 7 mod 1009
 * for i < 1009 (a permutation of 0..1008) with a window wider than the
 * log: all leave at the end, in time order. */
static void many(void)
{
	struct reorder r;
	uint32_t *out = malloc(1009 * sizeof *out);
	size_t n = 0, i;
	int sorted = 1;

	reorder_init(&r, 5000);
	for (i = 0; i < 1009; i++)
		add(&r, (int64_t)(i * 7 % 1009), 0, (uint32_t)(i * 7 % 1009), out, &n);
	CHECK_INT(n, 0);
	drain(&r, out, &n);
	CHECK_INT(n, 1009);
	for (i = 0; i < n; i++)
		sorted &= out[i] == i;
	CHECK(sorted);
	reorder_release(&r);
	free(out);
}

/* A loaded state: the saved newest time is the frontier. */
static void restart(void)
{
	struct reorder r;
	uint32_t out[4];
	size_t n = 0;

	reorder_init(&r, 10);
	CHECK(!reorder_late(&r, INT64_MIN + 1));
	reorder_restart(&r, 500);
	CHECK_INT(add(&r, 499, 0, 0, out, &n), 0);
	CHECK_INT(add(&r, 500, 0, 1, out, &n), 1);
	/* 505 keeps the frontier at 500: 500 is not ready yet */
	CHECK_INT(add(&r, 505, 0, 2, out, &n), 1);
	CHECK_INT(n, 0);
	CHECK_INT(add(&r, 511, 0, 3, out, &n), 1);
	CHECK_INT(n, 1);
	CHECK_INT(out[0], 1);
	reorder_release(&r);
}

int main(void)
{
	TEST_RUN(keys);
	TEST_RUN(in_order_within_window);
	TEST_RUN(ties);
	TEST_RUN(many);
	TEST_RUN(restart);
	return TEST_EXIT();
}
