/* The guest's three sources of randomness, AT_RANDOM, getrandom and
 * /dev/urandom, and its clocks (glibc mixes the clock into mkstemp's
 * names).  Without arguments it prints only what holds on any run (sizes,
 * that the bytes are not all zero, that the clocks are sane), for the qemu
 * comparison; with "show" it prints the bytes and the times, which run.sh's
 * seed check compares across runs with and without FRISCY_SEED. */
#include <sys/auxv.h>
#include <sys/random.h>
#include <time.h>

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
	struct timespec wall, m1, m2;
	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_MONOTONIC, &m1);
	clock_gettime(CLOCK_MONOTONIC, &m2);
	long long d = (long long)(m2.tv_sec - m1.tv_sec) * 1000000000 + (m2.tv_nsec - m1.tv_nsec);
	printf("clocks: wall clock after 2020 %s, monotonic clock goes on %s", wall.tv_sec > 1577836800 ? "yes" : "no",
	       d >= 0 ? "yes" : "no");
	if (show)
		printf(" %lld.%09ld %lld.%09ld", (long long)wall.tv_sec, wall.tv_nsec, (long long)m2.tv_sec, m2.tv_nsec);
	printf("\n");
	return 0;
}
