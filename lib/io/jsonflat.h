/* jsonflat: jansson's reading of one flat JSON object, without jansson.
 * An event log in NDJSON is one small object per line, every member a
 * string, a whole number, true, false or null; building a jansson object
 * (a hash table and a string per member) for each of them cost the
 * reader 7 times the time of reading the same events as CSV.  This module
 * reads such an object in place.  It accepts only a subset of JSON that it
 * is sure of, and says "not mine" for everything else, which the reader
 * then hands to jansson: strings without a backslash or a control
 * character (valid UTF-8, as jansson requires), integers of at most 18
 * digits (other than -0), reals that strtod reads without overflow (as
 * jansson reads them), no nested value.
 * tests/fuzz/fuzz_jsonflat.c checks on any input that what it accepts
 * jansson reads as the same members with the same text. */
#ifndef UPKEEP_JSONFLAT_H
#define UPKEEP_JSONFLAT_H

#include <stddef.h>

enum jsonflat_type {
	JSONFLAT_STRING, JSONFLAT_NUMBER, JSONFLAT_REAL, JSONFLAT_TRUE,
	JSONFLAT_FALSE, JSONFLAT_NULL
};

/* One member: the key and the value as offsets into the text.  A string's
 * value is its bytes between the quotes (what json_string_value gives,
 * since there is no escape); a number's is its digits, which are what
 * jansson's integer prints back; a real's is its text as written, and
 * real its value (json_real_value's); true and false are their words. */
struct jsonflat_member {
	size_t key, key_len;
	size_t val, val_len;
	enum jsonflat_type type;
	double real;
};

/* Reads s[0..n) as one object with white space (space, tab, CR, LF)
 * around it.  Returns the number of members, storing the first cap of
 * them in m[] in the order of the text (keys may repeat: the caller
 * decides), or -1 when the text is outside the subset above, valid JSON
 * or not.  A count above cap means the caller makes room and calls
 * again. */
long jsonflat_parse(const char *s, size_t n, struct jsonflat_member *m,
		    size_t cap);

#endif
