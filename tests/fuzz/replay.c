/* replay: a main for the fuzz harnesses without libFuzzer, so that `make
 * check` (with any compiler, and under SANITIZE=1) runs each harness over
 * its seed corpus and the crash inputs kept in tests/fuzz/regress/.
 * Usage: replay-NAME FILE...   (directories are not walked). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0, n;

		if (!fp) {
			perror(argv[i]);
			return 2;
		}
		do {
			if (cap - len < 65536) {
				unsigned char *nb = realloc(buf, cap = cap * 2 + 65536);
				if (!nb)
					abort();
				buf = nb;
			}
			n = fread(buf + len, 1, cap - len, fp);
			len += n;
		} while (n > 0);
		if (ferror(fp)) {
			perror(argv[i]);
			return 2;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	return 0;
}
