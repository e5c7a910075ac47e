/*
 * stencil: 2-D 5-point Jacobi relaxation (heat diffusion) on double grids.
 *
 * Exercises streaming loads/stores over two large arrays with neighbour
 * offsets of +-1 and +-row, a multiply-add per point and a pointer swap per
 * sweep.  It is in the suite as the typical memory-bandwidth-bound scientific
 * loop, where address computation and load/store translation dominate.
 *
 * Diffusion is contractive, so rounding differences between FMA and non-FMA
 * targets are damped rather than amplified; the printed sums are rounded to
 * 7 significant digits, far above that noise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NX		768
#define NY		768
#define BASE_SWEEPS	3000

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t splitmix64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1) from the top 53 bits, identical on every target. */
static double uniform(void)
{
	return (double)(splitmix64() >> 11) * (1.0 / 9007199254740992.0);
}

static void sweep(double *restrict dst, const double *restrict src, double keep,
		  double spread)
{
	int i, j;

	for (i = 1; i < NY - 1; i++) {
		const double *s = src + (size_t)i * NX;
		double *d = dst + (size_t)i * NX;

		for (j = 1; j < NX - 1; j++)
			d[j] = keep * s[j] + spread * (s[j - 1] + s[j + 1] + s[j - NX] + s[j + NX]);
	}
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long sweeps, t;
	double *u, *v, *tmp;
	double total = 0.0, moment = 0.0;
	int i, j;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	sweeps = BASE_SWEEPS * pct / 100;
	if (sweeps < 1)
		sweeps = 1;

	u = malloc(sizeof(double) * NX * NY);
	v = malloc(sizeof(double) * NX * NY);
	if (!u || !v)
		return 1;

	/*
	 * Random interior plus fixed random edges; the edges are copied to both
	 * grids because the sweep never writes them.
	 */
	for (i = 0; i < NY; i++)
		for (j = 0; j < NX; j++) {
			double x = uniform();

			if (i == 0 || j == 0)
				x *= 100.0;
			u[(size_t)i * NX + j] = x;
			v[(size_t)i * NX + j] = x;
		}

	for (t = 0; t < sweeps; t++) {
		/* Vary the relaxation weight slightly, like a damped Jacobi schedule. */
		double keep = 0.2 + 0.1 * (double)(t % 3);

		sweep(v, u, keep, (1.0 - keep) * 0.25);
		tmp = u;
		u = v;
		v = tmp;
	}

	for (i = 0; i < NY; i++)
		for (j = 0; j < NX; j++) {
			total += u[(size_t)i * NX + j];
			moment += u[(size_t)i * NX + j] * (double)(i - j);
		}
	printf("stencil checksum=%.6e,%.6e\n", total, moment / (NX * NY));
	free(u);
	free(v);
	return 0;
}
