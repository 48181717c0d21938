/* Unit tests of strtab and quantile; expected values worked by hand. */
#include <stdlib.h>

#include "check.h"
#include "quantile.h"
#include "strtab.h"

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

static void quantile_nearest_rank(void)
{
	struct quantile *q = quantile_new();
	int i;

	CHECK(quantile_get(q, 0.5) != quantile_get(q, 0.5)); /* NaN when empty */
	/* 1..100 in reverse: nearest rank p95 = the 95th value = 95 */
	for (i = 100; i >= 1; i--)
		quantile_add(q, i);
	CHECK_NEAR(quantile_get(q, 0.95), 95, 0);
	CHECK_NEAR(quantile_get(q, 0.5), 50, 0);
	CHECK_NEAR(quantile_get(q, 1.0), 100, 0);
	CHECK_NEAR(quantile_get(q, 0.001), 1, 0);
	/* adding after a query still counts */
	quantile_add(q, 1000);
	quantile_add(q, 1000);
	/* n = 102: rank ceil(0.95 * 102) = 97 -> value 97 */
	CHECK_NEAR(quantile_get(q, 0.95), 97, 0);
	CHECK_INT(quantile_count(q), 102);
	quantile_free(q);
}

static void quantile_repeats_and_merge(void)
{
	struct quantile *a = quantile_new(), *b = quantile_new();
	int i;

	/* a: 90 x 10 ms, b: 10 x 500 ms; merged p95 = rank 95 -> 500, p90 = 10 */
	for (i = 0; i < 90; i++)
		quantile_add(a, 10);
	for (i = 0; i < 10; i++)
		quantile_add(b, 500);
	quantile_add(b, 1.0 / 0.0);	/* ignored */
	quantile_merge(a, b);
	CHECK_INT(quantile_count(a), 100);
	CHECK_NEAR(quantile_get(a, 0.90), 10, 0);
	CHECK_NEAR(quantile_get(a, 0.95), 500, 0);
	/* -0 and 0 are one value */
	quantile_add(b, 0.0);
	quantile_add(b, -0.0);
	CHECK_NEAR(quantile_get(b, 0.1), 0, 0);
	quantile_free(a);
	quantile_free(b);
}

int main(void)
{
	TEST_RUN(strtab_ids_are_dense_and_stable);
	TEST_RUN(quantile_nearest_rank);
	TEST_RUN(quantile_repeats_and_merge);
	return TEST_EXIT();
}
