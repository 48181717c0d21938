/* Unit tests of sla/ticket_fold: rows of one ticket id folded into one
 * ticket, the last row kept (or the first), ids in the order they first
 * came, bad rows not taken.  Times are whole hours after 2016-03-01
 * 00:00Z (1456790400 s), worked by hand. */
#include "check.h"
#include "sla/slo.h"
#include "sla/ticket_fold.h"

#define H(n) ((INT64_C(1456790400) + (n) * 3600) * 1000)

/* The verdicts of t against a resolution target of 8 h for "P3", in
 * March 2016, written as "id:verdict" into buf. */
static const char *verdicts(const struct slo_tickets *t, char *buf, size_t size)
{
	static const struct slo_target tg[] = { { .priority = "P3", .ms = 8 * 3600 * 1000 } };
	struct slo_ticket_objective obj = { .targets = tg, .ntargets = 1 };
	struct slo_ticket_report *rep = slo_tickets_eval(t, SLO_RESOLUTION, &obj,
							H(0), H(31 * 24), H(40 * 24));
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < slo_ticket_report_verdicts(rep); i++) {
		const struct slo_ticket_verdict *v = slo_ticket_report_verdict(rep, i);
		int n = snprintf(buf + o, size - o, "%s%s:%s", i ? " " : "", v->id,
				 v->verdict == SLO_MET ? "met" :
				 v->verdict == SLO_BREACHED ? "breached" :
				 v->verdict == SLO_PENDING ? "pending" : "untracked");
		if (n > 0 && (size_t)n < size - o)
			o += (size_t)n;
	}
	slo_ticket_report_free(rep);
	return buf;
}

static void fold(enum ticket_order order, const char *want)
{
	struct ticket_fold *f = ticket_fold_new(order);
	struct slo_tickets *t = slo_tickets_new();
	char buf[256];

	/* INC2: opened at 1 h, resolved at 20 h on its second row (breached,
	 * 19 h > 8 h); INC1: opened at 2 h, "?" then resolved at 5 h (met);
	 * INC1's priority is P4 on its first row (untracked) */
	CHECK_INT(ticket_fold_add(f, "INC2", "P3", H(1), SLO_NONE, SLO_NONE), 0);
	CHECK_INT(ticket_fold_add(f, "INC1", "P4", H(2), SLO_NONE, SLO_NONE), 0);
	CHECK_INT(ticket_fold_add(f, "INC2", "P3", H(1), SLO_NONE, H(20)), 0);
	CHECK_INT(ticket_fold_add(f, "INC1", "P3", H(2), SLO_NONE, H(5)), 0);
	/* resolved before opened: not taken, INC1 keeps its row */
	CHECK_INT(ticket_fold_add(f, "INC1", "P3", H(2), SLO_NONE, H(1)), -1);
	CHECK_INT(ticket_fold_rows(f), 4);
	CHECK_INT(ticket_fold_folded(f), 2);
	ticket_fold_flush(f, t);
	CHECK_INT(slo_tickets_count(t), 2);
	CHECK_STR(verdicts(t, buf, sizeof buf), want);
	slo_tickets_free(t);
	ticket_fold_free(f);
}

static void test_fold(void)
{
	fold(TICKET_LAST, "INC2:breached INC1:met");
	/* the first rows: INC2 never resolved and 8 h long past by the
	 * period's end; INC1 was P4 */
	fold(TICKET_FIRST, "INC2:breached INC1:untracked");
	ticket_fold_free(NULL);
}

int main(void)
{
	TEST_RUN(test_fold);
	return TEST_EXIT();
}
