/* common.h: helpers for the tests/sys programs.  Each program prints what
 * its calls return (errors by errno name), never values that legitimately
 * differ between qemu-riscv64 and friscy (pids, times, inode numbers, host
 * paths), and works inside a fresh directory under /tmp that it removes. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* T(expr): prints "expr = value" or "expr = -1 ENAME". */
#define T(expr) report(#expr, (long)(expr))
static inline long report(const char *what, long r)
{
	if (r == -1)
		printf("%s = -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s = %ld\n", what, r);
	return r;
}

/* A fresh directory under /tmp, made the cwd; its name is never printed. */
static char test_dir[64];
static inline void enter_test_dir(void)
{
	strcpy(test_dir, "/tmp/friscy-sys-XXXXXX");
	umask(022);
	if (!mkdtemp(test_dir) || chdir(test_dir)) {
		perror("test dir");
		exit(99);
	}
}

/* rm -r of the test directory (a few levels deep is all the tests use). */
static inline void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char sub[512];
		while (d && (e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			rm_tree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static inline void leave_test_dir(void)
{
	if (chdir("/"))
		perror("chdir /");
	rm_tree(test_dir);
}
