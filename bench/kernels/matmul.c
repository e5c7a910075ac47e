/*
 * matmul: repeated dense double-precision matrix multiply, cache-blocked.
 *
 * Exercises the classic multiply-accumulate inner loop (fused multiply-add on
 * RISC-V), strided 2-D array indexing and a memory footprint larger than L1.
 * It is in the suite because it is the canonical FP throughput kernel and
 * shows how much of the host's FP and load/store bandwidth survives
 * translation.
 *
 * All matrix entries are small multiples of 1/8, so every product and every
 * partial sum is exactly representable: the result is bit-identical with or
 * without FMA contraction, and the checksum can be an exact integer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N		256
#define BLK		32
#define BASE_REPS	240

static double a[N][N], b[N][N], c[N][N];

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t xorshift64(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

/* A value in {-2, -15/8, ..., 2}: keeps all sums exact (see header). */
static double small_dyadic(void)
{
	return (double)((int)(xorshift64() % 33) - 16) / 8.0;
}

static void matmul_blocked(double (*restrict cm)[N], double (*restrict am)[N],
			   double (*restrict bm)[N])
{
	int ii, kk, jj, i, k, j;

	memset(cm, 0, sizeof(double) * N * N);
	for (ii = 0; ii < N; ii += BLK) {
		for (kk = 0; kk < N; kk += BLK) {
			for (jj = 0; jj < N; jj += BLK) {
				for (i = ii; i < ii + BLK; i++) {
					for (k = kk; k < kk + BLK; k++) {
						double aik = am[i][k];

						for (j = jj; j < jj + BLK; j++)
							cm[i][j] += aik * bm[k][j];
					}
				}
			}
		}
	}
}

/*
 * A plain dot-product formulation for one row, so the suite also covers the
 * reduction form of multiply-accumulate (a serial FMA dependency chain).
 */
static double row_dot_check(double (*am)[N], double (*bm)[N], int i, int j)
{
	double s = 0.0;
	int k;

	for (k = 0; k < N; k++)
		s += am[i][k] * bm[k][j];
	return s;
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long reps, r;
	uint64_t sum = 0;
	int i, j;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	reps = BASE_REPS * pct / 100;
	if (reps < 1)
		reps = 1;

	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++) {
			a[i][j] = small_dyadic();
			b[i][j] = small_dyadic();
		}

	for (r = 0; r < reps; r++) {
		int row = (int)(xorshift64() % N), col = (int)(xorshift64() % N);

		matmul_blocked(c, a, b);
		for (j = 0; j < N; j++) {
			sum = sum * 31 + (uint64_t)(int64_t)(c[row][j] * 64.0);
			sum ^= (uint64_t)(int64_t)(c[j][col] * 64.0) << 17;
		}
		for (i = 0; i < N; i += 16)
			sum += (uint64_t)(int64_t)(row_dot_check(a, b, i, col) * 64.0);
		/* Perturb one row of A so each repetition computes something new. */
		for (j = 0; j < N; j++)
			a[row][j] = small_dyadic();
	}

	/* Fold in the whole last product so every element is checked once. */
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			sum = sum * 1099511628211ULL + (uint64_t)(int64_t)(c[i][j] * 64.0);
	printf("matmul checksum=%016llx\n", (unsigned long long)sum);
	return 0;
}
