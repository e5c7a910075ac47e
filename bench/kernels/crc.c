/*
 * crc.c - CRC-32 checksum kernel.
 *
 * Exercises two classic shapes of checksum code: table-driven CRC-32 (IEEE, reflected),
 * both byte-at-a-time and slicing-by-4, which is dominated by dependent table loads,
 * and a bitwise CRC-32C (Castagnoli) loop, which is dominated by shifts, masks and
 * data-dependent xors.  Checksums appear in every compressor, archive and network stack,
 * and they stress 32-bit ALU throughput and indexed loads in the translated code.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_LEN		(256u * 1024u)
#define BASE_ROUNDS	1000u

static uint32_t crc_table[4][256];

static uint64_t rng_state;

static uint64_t xorshift64(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static unsigned parse_pct(int argc, char **argv)
{
	long v;

	if (argc < 2)
		return 100;
	v = strtol(argv[1], NULL, 10);
	if (v < 1)
		v = 1;
	if (v > 1000)
		v = 1000;
	return (unsigned)v;
}

static void crc32_init(void)
{
	uint32_t i, j, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (j = 0; j < 8; j++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
		crc_table[0][i] = c;
	}
	/* Extra tables let slicing-by-4 consume a word per step with independent loads. */
	for (i = 0; i < 256; i++) {
		c = crc_table[0][i];
		for (j = 1; j < 4; j++) {
			c = (c >> 8) ^ crc_table[0][c & 0xff];
			crc_table[j][i] = c;
		}
	}
}

static uint32_t crc32_bytewise(uint32_t crc, const unsigned char *p, size_t n)
{
	size_t i;

	crc = ~crc;
	for (i = 0; i < n; i++)
		crc = (crc >> 8) ^ crc_table[0][(crc ^ p[i]) & 0xff];
	return ~crc;
}

static uint32_t crc32_slice4(uint32_t crc, const unsigned char *p, size_t n)
{
	size_t i = 0;

	crc = ~crc;
	for (; i + 4 <= n; i += 4) {
		crc ^= (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 |
		       (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
		crc = crc_table[3][crc & 0xff] ^ crc_table[2][(crc >> 8) & 0xff] ^
		      crc_table[1][(crc >> 16) & 0xff] ^ crc_table[0][crc >> 24];
	}
	for (; i < n; i++)
		crc = (crc >> 8) ^ crc_table[0][(crc ^ p[i]) & 0xff];
	return ~crc;
}

static uint32_t crc32c_bitwise(uint32_t crc, const unsigned char *p, size_t n)
{
	size_t i;
	int k;

	crc = ~crc;
	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
	}
	return ~crc;
}

int main(int argc, char **argv)
{
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	unsigned char *buf;
	uint64_t sum = 0;
	unsigned r;
	size_t i;

	if (rounds < 1)
		rounds = 1;
	buf = malloc(BUF_LEN);
	if (!buf)
		return 1;
	rng_state = 0x9e3779b97f4a7c15ull;
	for (i = 0; i < BUF_LEN; i++)
		buf[i] = (unsigned char)(xorshift64() >> 32);
	crc32_init();

	/* Known-answer check: catches a mistranslated shift or table load immediately. */
	if (crc32_bytewise(0, (const unsigned char *)"123456789", 9) != 0xcbf43926u ||
	    crc32_slice4(0, (const unsigned char *)"123456789", 9) != 0xcbf43926u ||
	    crc32c_bitwise(0, (const unsigned char *)"123456789", 9) != 0xe3069283u) {
		printf("crc checksum=BAD_KNOWN_ANSWER\n");
		return 1;
	}

	for (r = 0; r < rounds; r++) {
		size_t off = r & 63, len = BUF_LEN - 64;
		uint32_t a, b, c;

		a = crc32_bytewise((uint32_t)r, buf + off, len);
		b = crc32_slice4((uint32_t)r, buf + off, len);
		if (a != b) {
			printf("crc checksum=BAD_SLICE4\n");
			return 1;
		}
		/* The bitwise variant is ~8x slower per byte, so give it a slice of the data. */
		c = crc32c_bitwise(a, buf + (a & 0xffff), len / 16);
		sum = (sum << 7 | sum >> 57) ^ ((uint64_t)a << 32 | c);
		buf[(a ^ c) % BUF_LEN] += (unsigned char)(c | 1);
	}
	printf("crc checksum=%016llx\n", (unsigned long long)sum);
	free(buf);
	return 0;
}
