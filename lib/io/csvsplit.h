/* csvsplit: libcsv's reading of one CSV line that holds no quote, without
 * libcsv: fields split on the delimiter, CRs trimmed at both ends, spaces
 * and tabs kept (libcsv's CSV_STRICT parser as lib/io/read_csv.c sets it
 * up for records: only LF ends a row, only CR is white space).  The reader hands
 * such lines here and every other one to libcsv; tests/fuzz/fuzz_csvsplit.c
 * checks that both give the same fields on any input. */
#ifndef UPKEEP_CSVSPLIT_H
#define UPKEEP_CSVSPLIT_H

#include <stddef.h>

/* Whether lines split on delim can come here: any byte but the quote and
 * LF (a delimiter that is a space, tab or CR is a delimiter, as in libcsv,
 * not white space). */
int csvsplit_usable(unsigned char delim);

/* Whether libcsv reads line s[0..n) (without its LF) as no row at all:
 * nothing but CRs other than the delimiter. */
int csvsplit_blank(const char *s, size_t n, unsigned char delim);

/* Room csvsplit_line needs in out beyond the n bytes of the line. */
#define CSVSPLIT_PAD 16

/* Splits s[0..n): the line without its LF, holding no '"'.  Copies it to
 * out (room for n + CSVSPLIT_PAD bytes), ends each field there with a NUL,
 * and stores the offset in out and the length of the first cap fields in
 * off[] and len[].  Returns the number of fields, which may exceed cap:
 * then the caller makes room and calls again.  A line for which
 * csvsplit_blank is true gives one empty field, where libcsv gives no row.
 * *plain (when plain is not NULL) tells whether s[0..n) holds no byte >=
 * 0x80 and no NUL: then no value needs a UTF-8 check. */
size_t csvsplit_line(const char *s, size_t n, unsigned char delim, char *out,
		     size_t *off, size_t *len, size_t cap, int *plain);

#endif
