/*
 * spectral: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
 * by power iteration on A^T A.
 *
 * Exercises integer index arithmetic feeding an int-to-double conversion and a
 * division in every inner iteration, followed by a sum += a * b reduction that
 * gcc contracts into fused multiply-adds on RISC-V.  It is in the suite as a
 * division- and FMA-latency-bound loop, complementing the throughput-bound
 * matmul kernel.
 *
 * Power iteration converges, so the printed norm is insensitive to rounding
 * (FMA or not); it is printed to 9 significant digits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N		1000
#define BASE_ITERS	200

static double u[N], v[N], tmp[N];

static double eval_a(int i, int j)
{
	return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(const double *x, double *y, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		double s = 0.0;

		for (j = 0; j < n; j++)
			s += eval_a(i, j) * x[j];
		y[i] = s;
	}
}

static void mul_atv(const double *x, double *y, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		double s = 0.0;

		for (j = 0; j < n; j++)
			s += eval_a(j, i) * x[j];
		y[i] = s;
	}
}

static void mul_atav(const double *x, double *y, int n)
{
	mul_av(x, tmp, n);
	mul_atv(tmp, y, n);
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long iters, it;
	double vbv = 0.0, vv = 0.0;
	int i;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	iters = BASE_ITERS * pct / 100;
	if (iters < 1)
		iters = 1;

	for (i = 0; i < N; i++)
		u[i] = 1.0;
	for (it = 0; it < iters; it++) {
		mul_atav(u, v, N);
		mul_atav(v, u, N);
		/*
		 * Renormalise: many iterations would otherwise overflow, since
		 * each step scales the vector by ~||A||^4.
		 */
		if (it % 8 == 7) {
			double m = 0.0;

			for (i = 0; i < N; i++)
				m = fmax(m, fabs(u[i]));
			for (i = 0; i < N; i++)
				u[i] /= m;
		}
	}
	mul_atav(u, v, N);
	for (i = 0; i < N; i++) {
		vbv += u[i] * v[i];
		vv += u[i] * u[i];
	}
	printf("spectral checksum=%.9f\n", sqrt(vbv / vv));
	return 0;
}
