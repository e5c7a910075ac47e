/* File descriptors: dup/dup2/dup3, fcntl flags and close-on-exec, shared
 * offsets, pipes (EOF, non-blocking, EPIPE with SIGPIPE ignored),
 * readv/writev, FIONREAD. */
#include "common.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

int main(void)
{
	char buf[256];
	enter_test_dir();

	int fd = T(open("f", O_CREAT | O_RDWR, 0644));
	T(write(fd, "0123456789", 10));
	int d = T(dup(fd));
	T(lseek(d, 2, SEEK_SET));
	T(lseek(fd, 0, SEEK_CUR)); /* the offset is shared */
	T(fcntl(fd, F_GETFL));
	T(fcntl(fd, F_GETFD));
	T(fcntl(fd, F_SETFD, FD_CLOEXEC));
	T(fcntl(fd, F_GETFD));
	T(fcntl(d, F_GETFD));
	T(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
	T(fcntl(d, F_GETFL)); /* status flags are shared too */
	T(fcntl(fd, F_DUPFD, 40));
	T(fcntl(fd, F_DUPFD, 40));
	T(fcntl(fd, F_DUPFD_CLOEXEC, 0));
	T(fcntl(41, F_GETFD));
	T(dup2(fd, 20));
	T(dup2(fd, fd));
	T(dup2(99, 20));
	T(dup2(fd, -1));
	T(dup3(fd, fd, 0));
	T(dup3(fd, 21, O_CLOEXEC));
	T(fcntl(21, F_GETFD));
	T(dup3(fd, 22, O_RDWR));
	T(close(20));
	T(fcntl(20, F_GETFD));
	T(fcntl(fd, 12345));
	struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	T(fcntl(fd, F_SETLK, &lk));
	T(fcntl(fd, F_GETLK, &lk));
	printf("  l_type %d\n", lk.l_type);
	int ro = T(open("f", O_RDONLY));
	T(fcntl(ro, F_SETLK, &lk));
	T(fcntl(ro, F_GETFL));
	T(close(ro));
	int n;
	T(ioctl(fd, FIONREAD, &n));
	T(ioctl(fd, TCGETS, buf));
	T(ioctl(99, TCGETS, buf));
	T(isatty(fd));
	for (int i = 3; i < 30; i++)
		close(i);

	/* pipes */
	int p[2];
	T(pipe(p));
	printf("  fds %d %d\n", p[0], p[1]);
	T(fcntl(p[0], F_GETFL));
	T(fcntl(p[1], F_GETFL));
	T(write(p[1], "abc", 3));
	T(ioctl(p[0], FIONREAD, &n));
	printf("  FIONREAD %d\n", n);
	T(read(p[0], buf, 2));
	T(read(p[0], buf, 100));
	T(lseek(p[0], 0, SEEK_SET));
	T(pread(p[0], buf, 1, 0));
	T(read(p[1], buf, 1));
	T(write(p[0], "x", 1));
	T(fcntl(p[0], F_SETFL, O_NONBLOCK));
	T(read(p[0], buf, 1));
	struct stat st;
	T(fstat(p[0], &st));
	printf("  fifo %d\n", S_ISFIFO(st.st_mode));
	T(write(p[1], "end", 3));
	T(close(p[1]));
	T(read(p[0], buf, 100));
	T(read(p[0], buf, 100));
	T(close(p[0]));

	T(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	T(fcntl(p[0], F_GETFD));
	T(fcntl(p[1], F_GETFL));
	long total = 0, w;
	memset(buf, 'z', sizeof buf);
	while ((w = write(p[1], buf, sizeof buf)) > 0)
		total += w;
	printf("pipe holds %ld, then %s\n", total, strerrorname_np(errno));
	T(fcntl(p[1], F_GETPIPE_SZ));
	T(close(p[0]));
	signal(SIGPIPE, SIG_IGN);
	T(write(p[1], "x", 1));
	T(close(p[1]));
	T(pipe2(p, O_RDWR));

	/* readv/writev */
	fd = T(open("v", O_CREAT | O_RDWR | O_TRUNC, 0600));
	struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cdef", 4}};
	T(writev(fd, iov, 3));
	int neg = -1;
	T(writev(fd, iov, neg));
	T(writev(fd, iov, 0));
	T(lseek(fd, 0, SEEK_SET));
	char x[3], y[10];
	struct iovec in[2] = {{x, 3}, {y, 10}};
	T(readv(fd, in, 2));
	printf("  \"%.3s\" \"%.3s\"\n", x, y);
	T(pwritev(fd, iov, 1, 10));
	T(preadv(fd, in, 2, 9));
	T(close(fd));

	/* many fds: the lowest free one is always used */
	int last = -1;
	for (int i = 0; i < 100; i++)
		last = open("v", O_RDONLY);
	T(last);
	T(close(50));
	T(open("v", O_RDONLY));
	T(dup(0) > 0);

	leave_test_dir();
	return 0;
}
