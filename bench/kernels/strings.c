/*
 * strings: libc string and memory routines on many strings of varied length.
 *
 * Builds comma-separated records from random words (memcpy, memset), splits
 * them again (strchr, strlen), compares the fields (strcmp, strncmp, memcmp),
 * edits records in place (memmove with overlapping ranges) and moves larger
 * blocks around.  It is in the suite because real programs spend much of their
 * time in these routines, whose translated versions are byte-loop heavy,
 * alignment sensitive and full of short data-dependent branches.
 *
 * Only the sign of comparison results is used: its magnitude differs between
 * libc implementations.  All characters are ASCII and handled as unsigned char
 * so plain-char signedness does not matter.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NWORDS		96
#define MAXWORD		72
#define RECBUF		(NWORDS * (MAXWORD + 1) + 256)
#define BIGBUF		(1 << 16)
#define POOL		1024
#define BASE_ROUNDS	320000

static uint64_t rng_state = 0x6a09e667f3bcc909ULL;

static uint64_t splitmix64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/*
 * Mostly short words with an occasional long one, and a small alphabet so
 * that comparisons often share long prefixes and do real work.
 */
static size_t make_word(char *dst)
{
	uint64_t r = splitmix64();
	size_t len, i;

	if ((r & 7) == 0)
		len = 16 + (size_t)((r >> 3) % (MAXWORD - 16));
	else
		len = 1 + (size_t)((r >> 3) % 12);

	for (i = 0; i < len; i++) {
		if ((i & 7) == 0)
			r = splitmix64();
		dst[i] = (char)('a' + (int)((r >> ((i & 7) * 8)) & 3));
	}
	dst[len] = '\0';
	return len;
}

static char pool[POOL][MAXWORD + 1];
static const char *words[NWORDS];
static char extra[MAXWORD + 1];
static char fields[NWORDS + 8][MAXWORD + 1];
static char rec[RECBUF], rec2[RECBUF];
static unsigned char big[BIGBUF + 64];

/* Join the words with commas; returns the record length. */
static size_t build_record(char *out, int n)
{
	size_t pos = 0;
	int i;

	for (i = 0; i < n; i++) {
		size_t l = strlen(words[i]);

		memcpy(out + pos, words[i], l);
		pos += l;
		out[pos++] = ',';
	}
	out[pos] = '\0';
	return pos;
}

/* Split on commas with strchr; returns the number of fields. */
static int split_record(const char *s)
{
	int n = 0;
	const char *c;

	while ((c = strchr(s, ',')) != NULL && n < NWORDS + 8) {
		size_t l = (size_t)(c - s);

		if (l > MAXWORD)
			l = MAXWORD;
		memcpy(fields[n], s, l);
		fields[n][l] = '\0';
		n++;
		s = c + 1;
	}
	return n;
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long rounds, r;
	uint64_t h = 0xcbf29ce484222325ULL;
	int i;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	rounds = BASE_ROUNDS * pct / 100;
	if (rounds < 1)
		rounds = 1;

	for (i = 0; i < BIGBUF; i++)
		big[i] = (unsigned char)splitmix64();
	for (i = 0; i < POOL; i++)
		make_word(pool[i]);

	for (r = 0; r < rounds; r++) {
		int nw = 8 + (int)(splitmix64() % (NWORDS - 8));
		size_t len, at, wl;
		unsigned cmp = 0;
		int nf;
		uint64_t x;

		/* Records reuse pooled words, a few of which change each round. */
		for (i = 0; i < nw; i++)
			words[i] = pool[splitmix64() % POOL];
		for (i = 0; i < 4; i++)
			make_word(pool[splitmix64() % POOL]);
		len = build_record(rec, nw);

		nf = split_record(rec);
		for (i = 1; i < nf; i++) {
			cmp = cmp * 3 + (unsigned)(sign(strcmp(fields[i - 1], fields[i])) + 1);
			cmp += (unsigned)(sign(strncmp(fields[i - 1], fields[i], 3)) + 1) * 5;
		}
		h = (h ^ cmp ^ ((uint64_t)nf << 32)) * 0x100000001b3ULL;

		/*
		 * Insert a word at a random spot: an overlapping move to the right,
		 * then delete a different range with an overlapping move left.
		 */
		wl = make_word(extra);
		at = (size_t)(splitmix64() % (len + 1));
		memmove(rec + at + wl + 1, rec + at, len - at + 1);
		memcpy(rec + at, extra, wl);
		rec[at + wl] = ',';
		len += wl + 1;
		at = (size_t)(splitmix64() % len);
		wl = (size_t)(splitmix64() % (len - at));
		memmove(rec + at, rec + at + wl, len - at - wl + 1);
		len -= wl;
		if (strlen(rec) != len)
			h ^= 0xdeadULL;

		/* Pad a copy to a fixed width, as a report formatter would. */
		memset(rec2, '.', sizeof(rec2));
		memcpy(rec2, rec, len);
		rec2[len + (size_t)(r & 63)] = '\0';
		/* Hash every byte only now and then; the libc calls should dominate. */
		if ((r & 31) == 0)
			h = fnv(h, rec2, strlen(rec2));
		else
			h = fnv(h, rec2 + len / 2, 16) + strlen(rec2);
		h ^= (uint64_t)(memcmp(rec, rec2, len) == 0);
		{
			const char *last = strrchr(rec2, ',');

			h += last ? (uint64_t)(last - rec2) : 7;
		}

		/*
		 * Block copies of varied size and misalignment, including
		 * overlapping ones, over a buffer larger than L1.
		 */
		x = splitmix64();
		{
			size_t n = (size_t)(x % (BIGBUF / 2));
			size_t src = (size_t)((x >> 20) % (BIGBUF / 2));
			size_t dst = (size_t)((x >> 40) % (BIGBUF / 2));

			memmove(big + dst, big + src, n);
			big[dst] ^= (unsigned char)r;
			memcpy(big + (x & 31), rec, len < 4096 ? len : 4096);
			memset(big + BIGBUF / 2 + (size_t)((x >> 8) & 1023), (int)(x & 0xff),
			       (size_t)((x >> 24) & 4095));
		}
		if ((r & 1023) == 1023)
			h = fnv(h, big, BIGBUF);
	}
	h = fnv(h, big, BIGBUF);
	printf("strings checksum=%016llx\n", (unsigned long long)h);
	return 0;
}
