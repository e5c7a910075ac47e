/* Error paths: bad pointers give EFAULT (never a crash), bad fds EBADF,
 * over-long names ENAMETOOLONG, and friends. */
#include "common.h"
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>

int main(void)
{
	enter_test_dir();
	void *bad = (void *)8;		     /* below the first page */
	void *wild = (void *)0x3ffff0000000; /* far beyond anything mapped */
	struct stat st;
	char buf[64];

	int fd = T(open("f", O_CREAT | O_RDWR, 0644));
	T(write(fd, "data", 4));
	T(lseek(fd, 0, SEEK_SET));
	T(read(fd, bad, 4));
	T(read(fd, wild, 4));
	T(write(fd, bad, 4));
	T(write(fd, buf, 0));
	T(read(fd, buf, 0));
	T(pread(fd, wild, 4, 0));
	T(syscall(__NR_openat, AT_FDCWD, bad, O_RDONLY));
	T(syscall(__NR_openat, AT_FDCWD, wild, O_RDONLY));
	T(syscall(__NR_newfstatat, AT_FDCWD, "f", bad, 0));
	T(syscall(__NR_newfstatat, AT_FDCWD, bad, &st, 0));
	T(syscall(__NR_fstat, fd, wild));
	T(syscall(__NR_mkdirat, AT_FDCWD, bad, 0755));
	T(syscall(__NR_uname, bad));
	T(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, bad));
	T(syscall(__NR_pipe2, bad, 0));
	T(syscall(__NR_getcwd, bad, 100));
	T(syscall(__NR_readlinkat, AT_FDCWD, "/proc/self/exe", bad, 64));
	T(syscall(__NR_getrandom, wild, 16, 0));
	T(syscall(__NR_writev, 1, bad, 1));
	struct iovec iov[2] = {{bad, 4}, {buf, 4}};
	T(writev(fd, iov, 2));
	T(syscall(__NR_rt_sigaction, 10, bad, NULL, 8));
	T(close(fd));

	/* bad descriptors */
	T(read(-1, buf, 1));
	T(write(1000, buf, 1));
	T(close(-5));
	T(fstat(77, &st));
	T(lseek(77, 0, SEEK_SET));
	T(fsync(77));
	T(ftruncate(77, 0));
	T(getdents64(77, buf, sizeof buf));
	T(fchdir(77));
	T(dup(77));

	/* names */
	char longname[300];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	T(open(longname, O_CREAT | O_RDWR, 0644));
	T(mkdir(longname, 0755));
	char *longpath = malloc(5000);
	memset(longpath, 'p', 4999);
	longpath[4999] = 0;
	for (int i = 100; i < 4999; i += 100)
		longpath[i] = '/';
	T(stat(longpath, &st));
	T(open("", O_RDONLY));
	T(stat("", &st));
	T(unlink("nope"));
	T(rmdir("nope"));
	T(unlink("/"));
	T(rmdir("/"));
	T(rmdir("."));
	T(mkdir("/", 0755));
	T(link("nope", "x"));
	T(symlink("", "x"));
	T(readlink("nope", buf, sizeof buf));
	T(readlink("f", buf, 0));
	T(chdir(""));
	T(truncate("nope", 0));
	T(truncate(".", 0));
	T(getcwd(buf, 1) == NULL);
	printf("  %s\n", strerrorname_np(errno));

	/* values */
	T(clock_gettime(12345, &(struct timespec){0}));
	T(nanosleep(&(struct timespec){0, 1000000000}, NULL));
	T(nanosleep(&(struct timespec){-1, 0}, NULL));
	T(syscall(__NR_getrandom, buf, 8, 0x100));
	T(syscall(__NR_rt_sigaction, 9, &(char[24]){0}, NULL, 8));
	T(syscall(__NR_rt_sigaction, 65, NULL, NULL, 8));
	T(syscall(__NR_rt_sigaction, 10, NULL, NULL, 4));
	T(syscall(__NR_rt_sigprocmask, 7, &(long){0}, NULL, 8));
	T(syscall(__NR_kill, 0, 100));
	T(syscall(__NR_tgkill, -1, 1, 0));
	T(syscall(__NR_dup3, 0, 1, 1));
	T(syscall(__NR_faccessat2, AT_FDCWD, "f", 0, 0x8000));
	T(syscall(__NR_fchownat, AT_FDCWD, "f", 0, 0, 0x8000));
	T(syscall(__NR_unlinkat, AT_FDCWD, "f", 1));
	T(syscall(__NR_renameat2, AT_FDCWD, "f", AT_FDCWD, "g", 3));
	T(syscall(__NR_utimensat, AT_FDCWD, "f", &(struct timespec[2]){{0, -5}, {0, 0}}, 0));
	T(syscall(4321));
	T(syscall(__NR_io_setup, 1, buf));

	leave_test_dir();
	return 0;
}
