/* Less common file calls: file-backed mmap (through vfs_pread), sendfile,
 * statx, poll, utimensat with fixed times, chmod/chown, O_TMPFILE,
 * mkfifo, renameat2 flags. */
#include "common.h"
#include <poll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/time.h>

int main(void)
{
	enter_test_dir();
	char buf[8192];

	int fd = T(open("m", O_CREAT | O_RDWR, 0644));
	for (int i = 0; i < 6000; i++)
		buf[i] = (char)('a' + i % 26);
	T(write(fd, buf, 6000));
	char *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("mmap ok %d\n", p != MAP_FAILED);
	if (p != MAP_FAILED)
		printf("  %c %c %c tail zero %d\n", p[0], p[4097], p[5999],
		       p[6000] == 0 && p[8191] == 0);
	char *q = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	printf("mmap off ok %d %c\n", q != MAP_FAILED, q != MAP_FAILED ? q[0] : '?');
	int dfd = open(".", O_RDONLY);
	printf("mmap dir fails %d %s\n",
	       mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, dfd, 0) == MAP_FAILED,
	       strerrorname_np(errno));
	printf("mmap badfd fails %d %s\n",
	       mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED,
	       strerrorname_np(errno));

	/* sendfile: file -> file, with and without an offset */
	int out = T(open("s", O_CREAT | O_WRONLY | O_TRUNC, 0644));
	off_t off = 100;
	T(sendfile(out, fd, &off, 50));
	printf("  off %ld\n", (long)off);
	T(lseek(fd, 5990, SEEK_SET));
	T(sendfile(out, fd, NULL, 100));
	T(lseek(fd, 0, SEEK_CUR));
	T(close(out));
	struct stat st;
	T(stat("s", &st));
	printf("  size %ld\n", (long)st.st_size);

	/* statx */
	struct statx sx;
	T(statx(AT_FDCWD, "m", 0, STATX_BASIC_STATS, &sx));
	printf("  basic %d size %llu mode %o nlink %u\n",
	       (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS,
	       (unsigned long long)sx.stx_size, sx.stx_mode, sx.stx_nlink);
	T(statx(AT_FDCWD, "nope", 0, STATX_BASIC_STATS, &sx));
	T(statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &sx));
	printf("  size %llu\n", (unsigned long long)sx.stx_size);

	/* poll */
	int pp[2];
	T(pipe(pp));
	struct pollfd pf[3] = {{pp[0], POLLIN, 0}, {pp[1], POLLOUT, 0}, {fd, POLLIN | POLLOUT, 0}};
	T(poll(pf, 3, 0));
	printf("  %x %x %x\n", pf[0].revents, pf[1].revents, pf[2].revents);
	T(write(pp[1], "x", 1));
	T(poll(pf, 1, 10));
	printf("  %x\n", pf[0].revents);
	T(close(pp[1]));
	pf[0].revents = 0;
	T(poll(pf, 1, 0));
	printf("  %x\n", pf[0].revents);
	struct pollfd bad = {77, POLLIN, 0};
	T(poll(&bad, 1, 0));
	printf("  %x\n", bad.revents);
	T(poll(NULL, 0, 5));
	fd_set rs, ws;
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(pp[0], &rs);
	FD_SET(fd, &ws);
	T(select(fd + 1, &rs, &ws, NULL, &(struct timeval){0, 1000}));
	printf("  r %d w %d\n", FD_ISSET(pp[0], &rs), FD_ISSET(fd, &ws));

	/* times, modes, owners */
	struct timespec ts[2] = {{1000000000, 5}, {1234567890, 123456789}};
	T(utimensat(AT_FDCWD, "m", ts, 0));
	T(stat("m", &st));
	printf("  atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){42, 0};
	T(futimens(fd, ts));
	T(fstat(fd, &st));
	printf("  atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
	struct timeval tv[2] = {{7, 0}, {8, 0}};
	T(utimes("m", tv));
	T(stat("m", &st));
	printf("  atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
	T(chmod("m", 04755));
	T(chown("m", 123, 456));
	T(stat("m", &st));
	printf("  mode %o uid %d gid %d\n", st.st_mode, st.st_uid, st.st_gid);
	T(fchmod(fd, 0600));
	T(fchown(fd, -1, 0));
	T(fchownat(AT_FDCWD, "m", 0, -1, 0));
	T(stat("m", &st));
	printf("  mode %o uid %d gid %d\n", st.st_mode, st.st_uid, st.st_gid);

	/* O_TMPFILE, mkfifo */
	int t = T(open(".", O_TMPFILE | O_RDWR, 0600));
	T(write(t, "tmp", 3));
	T(fstat(t, &st));
	printf("  nlink %ld size %ld\n", (long)st.st_nlink, (long)st.st_size);
	T(close(t));
	T(open(".", O_TMPFILE | O_RDONLY, 0600));
	T(mkfifo("fifo", 0644));
	T(stat("fifo", &st));
	printf("  fifo %d\n", S_ISFIFO(st.st_mode));
	int fr = T(open("fifo", O_RDONLY | O_NONBLOCK));
	int fw = T(open("fifo", O_WRONLY | O_NONBLOCK));
	T(write(fw, "via fifo", 8));
	memset(buf, 0, 16);
	T(read(fr, buf, 16));
	printf("  \"%s\"\n", buf);
	T(mknod("chr", S_IFCHR | 0600, 0) == 0 || errno == EPERM);

	/* renameat2 */
	close(open("r1", O_CREAT | O_WRONLY, 0644));
	close(open("r2", O_CREAT | O_WRONLY, 0600));
	T(renameat2(AT_FDCWD, "r1", AT_FDCWD, "r2", RENAME_NOREPLACE));
	T(renameat2(AT_FDCWD, "r1", AT_FDCWD, "r2", RENAME_EXCHANGE));
	T(stat("r1", &st));
	printf("  r1 mode %o\n", st.st_mode & 0777);
	T(renameat2(AT_FDCWD, "r1", AT_FDCWD, "r3", RENAME_EXCHANGE));
	T(renameat2(AT_FDCWD, "r1", AT_FDCWD, "r3", RENAME_NOREPLACE));
	T(rename("r3", "r3"));
	T(access("r3", F_OK));

	leave_test_dir();
	return 0;
}
