/* read_clf: access logs (io/clf.h parses a line in a log format, given
 * or sniffed from the first lines) as records of fixed columns, time
 * user feature status latency_ms ip, built in the row buffer; static
 * requests may be skipped, users counted. */
#include "io/reader_int.h"

#include <string.h>

#include "io/clf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* The canonical columns of an access log record, in field order. */
static const char *const clf_columns[] = {
	"time", "user", "feature", "status", "latency_ms", "ip"
};
#define CLF_NCOLS (sizeof clf_columns / sizeof clf_columns[0])

void reader_clf_header(struct reader *r)
{
	size_t i;

	r->nhdr = CLF_NCOLS;
	r->hdr = xcalloc(CLF_NCOLS, sizeof *r->hdr);
	for (i = 0; i < CLF_NCOLS; i++)
		r->hdr[i] = xstrdup(clf_columns[i]);
	r->have_keys = 1;
}

/* Up to this many first lines are tried against the presets. */
#define SNIFF_LINES 10

/* The format of an access log read without --log-format: the preset that
 * reads most of the first lines (the current one and those already in
 * the input buffer); "combined" when none reads any. */
static void sniff(struct reader *r)
{
	struct clf_format *f[16];
	const char *line[SNIFF_LINES];
	size_t len[SNIFF_LINES], nf = 0, nl = 0, i;
	const char *p = (const char *)r->in + r->in_pos;
	const char *end = (const char *)r->in + r->in_end;
	const char *name;
	struct error e;
	int best;

	line[nl] = r->lbuf;
	len[nl++] = r->llen;
	while (nl < SNIFF_LINES && p < end) {
		const char *nlp = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (!nlp)
			break;	/* a line not yet whole in the buffer */
		n = (size_t)(nlp - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (reader_has_content((const unsigned char *)p, n)) {
			line[nl] = p;
			len[nl++] = n;
		}
		p = nlp + 1;
	}
	for (i = 0; (name = clf_format_preset(i)) && nf < sizeof f / sizeof f[0]; i++)
		if ((f[nf] = clf_format_new(name, &e)))
			nf++;
	best = clf_format_sniff(f, nf, line, len, nl);
	r->clf_sniffed = best >= 0 ? 1 : 2;
	if (best < 0)
		best = 1;	/* combined */
	for (i = 0; i < nf; i++) {
		if ((int)i == best)
			r->clf_own = f[i];
		else
			clf_format_free(f[i]);
	}
	r->clf_fmt = r->clf_own;
}

enum raw reader_clf_raw(struct reader *r, struct error *err)
{
	for (;;) {
		enum raw k = reader_read_line(r, err);
		struct clf_request q;
		struct error why;	/* a bad line's reason, not fatal */
		char num[64];
		const char *who;
		char *digits;
		size_t n, tn, wn;

		r->rec_kind = REC_RAW;
		r->raw = r->lbuf;
		r->raw_len = r->llen;
		reader_row_reset(r);
		r->fbase = r->buf;
		if (k != RAW_OK)
			return k;
		if (!reader_has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		if (!r->clf_fmt)
			sniff(r);
		if (clf_format_parse(r->clf_fmt, r->lbuf, r->llen, r->clf.latency_unit,
				     &q, &why) != 0) {
			snprintf(r->reason, sizeof r->reason, "%s", why.msg);
			return RAW_BAD;
		}
		if (r->clf.skip_static && q.method &&
		    clf_is_static(q.path, q.path_len)) {
			r->clf_skipped++;
			continue;
		}
		if (!(q.user_len == 1 && q.user[0] == '-'))
			r->clf_users++;	/* reader_anonymous's rule */
		n = clf_feature(r->clf.feature_map, &q, &r->feat, &r->feat_cap);
		tn = strlen(q.time);
		who = r->clf.user_from_ip ? q.ip : q.user;
		wn = r->clf.user_from_ip ? q.ip_len : q.user_len;
		/* the parts of one line of at most RECORD_MAX bytes; the time
		 * is copied whole, a fixed size, and cut */
		if (reader_row_room(r, CLF_NCOLS, sizeof q.time + wn + n + 3 + sizeof num +
				    q.ip_len) != 0) {
			reader_set_reason(r, "record too long");
			return RAW_BAD;
		}
		memcpy(r->buf + r->buf_len, q.time, sizeof q.time);
		reader_row_end(r, tn);
		reader_row_put(r, who, wn);
		reader_row_put(r, r->feat, n);
		digits = r->buf + r->buf_len;	/* 100-599 */
		digits[0] = (char)('0' + q.status / 100);
		digits[1] = (char)('0' + q.status / 10 % 10);
		digits[2] = (char)('0' + q.status % 10);
		reader_row_end(r, 3);
		reader_row_put(r, num, q.latency_ms < 0 ? 0 : clf_ms_text(q.latency_ms, num));
		reader_row_put(r, q.ip, q.ip_len);
		r->fbase = r->buf;
		/* every field is made of the line's bytes, ASCII ones or a
		 * mapped feature name: two tests spare check_values one a field */
		r->row_plain = (q.ascii || utf8_ascii(r->lbuf, r->llen)) &&
			       utf8_ascii(r->feat, n);
		return RAW_OK;
	}
}

void reader_set_clf(struct reader *r, const struct reader_clf *o)
{
	r->clf = *o;
	if (o->format) {
		r->clf_fmt = o->format;
		r->clf_sniffed = 0;
	}
}

const char *reader_clf_format(const struct reader *r, int *sniffed)
{
	if (sniffed)
		*sniffed = r->clf_sniffed;
	return r->fmt == READER_CLF && r->clf_fmt ? clf_format_name(r->clf_fmt) : NULL;
}

int reader_anonymous(const struct reader *r, const char *user, size_t len)
{
	return r->fmt == READER_CLF && !r->clf.user_from_ip && user &&
	       len == 1 && user[0] == '-';
}

unsigned long reader_clf_users(const struct reader *r)
{
	return r->clf_users;
}

unsigned long reader_clf_skipped(const struct reader *r)
{
	return r->clf_skipped;
}
