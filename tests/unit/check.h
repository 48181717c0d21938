/* check.h: the unit tests' assertions.  A test is a function; TEST_RUN
 * runs it and prints "ok NAME" or "not ok NAME" (tests/run counts those
 * lines).  A failed check prints file, line and both values and the test
 * goes on, so one run shows every failure. */
#ifndef UPKEEP_CHECK_H
#define UPKEEP_CHECK_H

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_tests_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		check_failures++; \
	} } while (0)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	if (check_a_ != check_b_) { \
		fprintf(stderr, "%s:%d: %s == %s: got %lld, want %lld\n", \
			__FILE__, __LINE__, #a, #b, check_a_, check_b_); \
		check_failures++; \
	} } while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
		fprintf(stderr, "%s:%d: %s == %s: got \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)", \
			check_b_ ? check_b_ : "(null)"); \
		check_failures++; \
	} } while (0)

/* equal within an absolute tolerance */
#define CHECK_NEAR(a, b, eps) do { \
	double check_a_ = (a), check_b_ = (b); \
	if (!(fabs(check_a_ - check_b_) <= (eps))) { \
		fprintf(stderr, "%s:%d: %s == %s: got %.17g, want %.17g\n", \
			__FILE__, __LINE__, #a, #b, check_a_, check_b_); \
		check_failures++; \
	} } while (0)

#define TEST_RUN(fn) do { \
	int check_before_ = check_failures; \
	fn(); \
	if (check_failures == check_before_) { \
		printf("ok %s\n", #fn); \
	} else { \
		printf("not ok %s\n", #fn); \
		check_tests_failed++; \
	} } while (0)

#define TEST_EXIT() (check_tests_failed ? 1 : 0)

#endif
