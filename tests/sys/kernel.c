/* Linux semantics that qemu-riscv64 passes straight to the host kernel,
 * where sandboxed kernels (the CI's) answer differently from Linux.  So
 * this program is checked against kernel.expected, made once with qemu on
 * a stock Linux kernel, instead of against a live qemu run. */
#include "common.h"
#include <poll.h>
#include <sys/select.h>

int main(void)
{
	int pp[2], bad;
	fd_set rs;

	T(pipe(pp));
	T(write(pp[1], "x", 1));
	bad = dup(0);
	T(close(bad) == 0);

	/* select: any closed descriptor in a set fails the whole call */
	FD_ZERO(&rs);
	FD_SET(pp[0], &rs);
	T(select(pp[0] + 1, &rs, NULL, NULL, &(struct timeval){0, 0}));
	FD_SET(bad, &rs);
	T(select((bad > pp[0] ? bad : pp[0]) + 1, &rs, NULL, NULL, &(struct timeval){0, 0}));
	FD_ZERO(&rs);
	FD_SET(77, &rs);
	T(select(78, &rs, NULL, NULL, &(struct timeval){0, 0}));

	/* poll reports it per entry instead */
	struct pollfd pf[2] = {{pp[0], POLLIN, 0}, {bad, POLLIN, 0}};
	T(poll(pf, 2, 0));
	printf("  %x %x\n", pf[0].revents, pf[1].revents);
	return 0;
}
