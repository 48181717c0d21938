/* fuzz_common: helpers shared by the libFuzzer harnesses: a scratch file
 * per process for the parsers that read a path, and NUL-terminated copies
 * of the input. */
#ifndef UPKEEP_FUZZ_COMMON_H
#define UPKEEP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes data to a file of this process under $TMPDIR (or /tmp) and
 * returns its path (static; the same for every call). */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	static char path[512];
	const char *dir = getenv("TMPDIR");
	FILE *fp;

	snprintf(path, sizeof path, "%s/upkeep-fuzz-%ld%s",
		 dir && *dir ? dir : "/tmp", (long)getpid(), ext);
	fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (size && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	return path;
}

/* A NUL-terminated copy of data[0..size) (to free). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
