/* read_tsv: TSV records, one physical line each (reader_read_line),
 * split at every tab: no quoting, so a quote is data.  The fields stay in
 * the line buffer, NUL-terminated in place, with off[] and flen[]. */
#include "io/reader_int.h"

#include "base/xalloc.h"

enum raw reader_tsv_raw(struct reader *r, struct error *err)
{
	r->rec_kind = REC_FIELDS;
	for (;;) {
		enum raw k = reader_read_line(r, err);
		size_t i, start = 0;

		r->nf = 0;
		r->fbase = r->lbuf;
		if (k != RAW_OK)
			return k;
		if (!reader_has_content((const unsigned char *)r->lbuf, r->llen))
			continue;
		for (i = 0; i <= r->llen; i++) {
			if (i < r->llen && r->lbuf[i] != '\t')
				continue;
			if (r->nf >= FIELDS_MAX) {
				r->nf = 0;
				reader_set_reason(r, "record too long");
				return RAW_BAD;
			}
			r->off = vec_reserve(r->off, &r->off_cap, r->nf + 1, sizeof *r->off);
			r->flen = vec_reserve(r->flen, &r->flen_cap, r->nf + 1,
					      sizeof *r->flen);
			r->off[r->nf] = start;
			r->flen[r->nf] = i - start;
			r->nf++;
			r->lbuf[i] = '\0';
			start = i + 1;
		}
		return RAW_OK;
	}
}
