/*
 * nbody: gravitational n-body integration of the Sun and the four giant
 * planets in double precision.
 *
 * Exercises a tight double-precision loop with sqrt, division and many
 * a*b+c patterns (which become fused multiply-adds on RISC-V), all working on
 * a small array of structs that stays in registers/L1.  It is in the suite to
 * measure how well translated FP arithmetic and FP register traffic perform.
 *
 * The printed values are the total energy and the mean distance from the
 * origin, both rounded to 7 significant digits: the planetary system is not
 * chaotic over the simulated span, so FMA-vs-no-FMA rounding differences stay
 * far below the printed precision on every target.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PI		3.141592653589793
#define SOLAR_MASS	(4.0 * PI * PI)
#define DAYS_PER_YEAR	365.24
#define NBODIES		5
#define BASE_STEPS	18000000L

struct body {
	double x, y, z;
	double vx, vy, vz;
	double mass;
};

static struct body bodies[NBODIES] = {
	/* Sun */
	{ 0, 0, 0, 0, 0, 0, SOLAR_MASS },
	/* Jupiter */
	{ 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
	  1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
	  -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
	/* Saturn */
	{ 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
	  -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
	  2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
	/* Uranus */
	{ 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
	  2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
	  -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
	/* Neptune */
	{ 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
	  2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
	  -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};

/* Zero the total momentum so the system does not drift away from the origin. */
static void offset_momentum(struct body *b, int n)
{
	double px = 0, py = 0, pz = 0;
	int i;

	for (i = 0; i < n; i++) {
		px += b[i].vx * b[i].mass;
		py += b[i].vy * b[i].mass;
		pz += b[i].vz * b[i].mass;
	}
	b[0].vx = -px / SOLAR_MASS;
	b[0].vy = -py / SOLAR_MASS;
	b[0].vz = -pz / SOLAR_MASS;
}

static double energy(const struct body *b, int n)
{
	double e = 0.0;
	int i, j;

	for (i = 0; i < n; i++) {
		e += 0.5 * b[i].mass *
		     (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (j = i + 1; j < n; j++) {
			double dx = b[i].x - b[j].x;
			double dy = b[i].y - b[j].y;
			double dz = b[i].z - b[j].z;

			e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static void advance(struct body *b, int n, double dt)
{
	int i, j;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			double dx = b[i].x - b[j].x;
			double dy = b[i].y - b[j].y;
			double dz = b[i].z - b[j].z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * sqrt(d2));
			double mi = b[i].mass * mag;
			double mj = b[j].mass * mag;

			b[i].vx -= dx * mj;
			b[i].vy -= dy * mj;
			b[i].vz -= dz * mj;
			b[j].vx += dx * mi;
			b[j].vy += dy * mi;
			b[j].vz += dz * mi;
		}
	}
	for (i = 0; i < n; i++) {
		b[i].x += dt * b[i].vx;
		b[i].y += dt * b[i].vy;
		b[i].z += dt * b[i].vz;
	}
}

int main(int argc, char **argv)
{
	long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
	long steps, s;
	double r = 0.0;
	int i;

	if (pct < 1)
		pct = 1;
	if (pct > 1000)
		pct = 1000;
	steps = BASE_STEPS / 100 * pct;
	if (steps < 1)
		steps = 1;

	offset_momentum(bodies, NBODIES);
	for (s = 0; s < steps; s++)
		advance(bodies, NBODIES, 0.01);

	/*
	 * The mean distance is a smooth function of the orbital phases; the
	 * per-body coordinates themselves would amplify rounding via cancellation
	 * near zero crossings.
	 */
	for (i = 0; i < NBODIES; i++)
		r += sqrt(bodies[i].x * bodies[i].x + bodies[i].y * bodies[i].y +
			  bodies[i].z * bodies[i].z);
	printf("nbody checksum=%.6e,%.6e\n", energy(bodies, NBODIES), r / NBODIES);
	return 0;
}
