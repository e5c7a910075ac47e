/* The guest's three sources of randomness: AT_RANDOM, getrandom and
 * /dev/urandom.  Without arguments it prints only what holds on any run
 * (sizes, and that the bytes are not all zero), for the qemu comparison;
 * with "show" it prints the bytes, which run.sh's seed check compares across
 * runs with and without FRISCY_SEED. */
#include <sys/auxv.h>
#include <sys/random.h>

#include "common.h"

static void put(const char *what, const unsigned char *b, int n, int show)
{
	int any = 0;
	for (int i = 0; i < n; i++)
		any |= b[i];
	printf("%s: %d bytes, %s", what, n, any ? "not all zero" : "all zero");
	if (show)
		for (int i = 0; i < n; i++)
			printf("%s%02x", i ? "" : " ", b[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	int show = argc > 1 && strcmp(argv[1], "show") == 0;
	unsigned char b[32];
	put("AT_RANDOM", (const unsigned char *)getauxval(AT_RANDOM), 16, show);
	int n = (int)getrandom(b, sizeof b, 0);
	put("getrandom", b, n, show);
	int fd = open("/dev/urandom", O_RDONLY);
	n = (int)read(fd, b, sizeof b);
	close(fd);
	put("/dev/urandom", b, n, show);
	/* A second draw continues the sequence, it does not repeat the first. */
	unsigned char c[32];
	getrandom(c, sizeof c, 0);
	printf("a later draw repeats an earlier one: %s\n", memcmp(b, c, sizeof c) ? "no" : "yes");
	return 0;
}
