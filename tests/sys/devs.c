/* /dev/null, /dev/zero, /dev/urandom, getrandom, and what stdio sees for
 * the redirected stdout (a regular file under run.sh). */
#include "common.h"
#include <sys/random.h>
#include <sys/sysmacros.h>

static void dev(const char *path)
{
	struct stat st;
	if (T(stat(path, &st)) == 0)
		printf("  chr %d major %u minor %u mode %o\n", S_ISCHR(st.st_mode),
		       major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
}

int main(void)
{
	char buf[4096];
	dev("/dev/null");
	dev("/dev/zero");
	dev("/dev/urandom");
	dev("/dev/random");

	int fd = T(open("/dev/null", O_RDWR));
	T(read(fd, buf, sizeof buf));
	T(write(fd, buf, sizeof buf));
	T(lseek(fd, 100, SEEK_SET));
	T(close(fd));

	fd = T(open("/dev/zero", O_RDONLY));
	memset(buf, 1, sizeof buf);
	T(read(fd, buf, sizeof buf));
	int nz = 0;
	for (size_t i = 0; i < sizeof buf; i++)
		nz += buf[i] != 0;
	printf("  nonzero %d\n", nz);
	T(lseek(fd, 0, SEEK_CUR));
	T(close(fd));

	fd = T(open("/dev/urandom", O_RDONLY));
	T(read(fd, buf, 1000));
	T(read(fd, buf, 0));
	T(close(fd));

	T(getrandom(buf, 16, 0));
	T(getrandom(buf, 4096, GRND_NONBLOCK));
	T(getrandom(buf, 0, 0));
	T(getrandom(buf, 8, GRND_RANDOM | GRND_INSECURE));
	/* 256 random bytes are not all equal */
	getrandom(buf, 256, 0);
	int same = 1;
	for (int i = 1; i < 256; i++)
		same &= buf[i] == buf[0];
	printf("random all-same %d\n", same);

	struct stat st;
	T(fstat(1, &st));
	printf("  stdout reg %d\n", S_ISREG(st.st_mode));
	T(isatty(1));
	T(fcntl(1, F_GETFL) & O_ACCMODE);
	T(lseek(0, 0, SEEK_CUR) < 0 ? 0 : 1);
	fflush(stdout);
	return 0;
}
