/* Directories: mkdir/rmdir errors, getdents (sorted, with d_type), chdir,
 * getcwd relative to the test dir, fchdir, rename of directories, nlink. */
#include "common.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char **)a, *(char **)b);
}

static void list(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		printf("opendir %s: %s\n", path, strerrorname_np(errno));
		return;
	}
	char *names[64];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64) {
		char t = e->d_type == DT_DIR   ? 'd'
			 : e->d_type == DT_REG ? 'f'
			 : e->d_type == DT_LNK ? 'l'
					       : '?';
		names[n] = malloc(300);
		snprintf(names[n++], 300, "%s:%c", e->d_name, t);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], cmp);
	printf("%s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void nlink(const char *path)
{
	struct stat st;
	if (T(stat(path, &st)) == 0)
		printf("  %s dir %d nlink %ld mode %o\n", path, S_ISDIR(st.st_mode),
		       (long)st.st_nlink, st.st_mode & 07777);
}

/* The cwd relative to the test directory. */
static void pwd(void)
{
	char buf[512];
	if (!getcwd(buf, sizeof buf)) {
		printf("getcwd: %s\n", strerrorname_np(errno));
		return;
	}
	size_t n = strlen(test_dir);
	printf("cwd: %s\n", strncmp(buf, test_dir, n) ? buf : buf[n] ? buf + n : "(test dir)");
}

int main(void)
{
	enter_test_dir();
	T(mkdir("d", 0777));
	T(mkdir("d", 0777));
	T(mkdir("d/e", 0700));
	T(mkdir("d/e/f/", 0755));
	T(mkdir("x/y", 0755));
	T(mkdir("", 0755));
	nlink("d");
	nlink("d/e");
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "d/file%02d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	T(symlink("e", "d/link"));
	list("d");
	for (int i = 0; i < 20; i += 2) {
		char name[32];
		snprintf(name, sizeof name, "d/file%02d", i);
		unlink(name);
	}
	list("d");
	list("d/e/f");
	list("nope");
	list("d/file01");

	/* getdents64 directly: a too-small buffer, then one big read */
	int fd = T(open("d/e", O_RDONLY | O_DIRECTORY));
	char buf[4096];
	T(syscall(61, fd, buf, 10));
	long n = T(syscall(61, fd, buf, sizeof buf));
	T(syscall(61, fd, buf, sizeof buf));
	T(lseek(fd, 0, SEEK_SET));
	T(syscall(61, fd, buf, sizeof buf) == n);
	T(write(fd, buf, 1));
	T(close(fd));
	T(open("d", O_WRONLY));
	T(open("d", O_RDONLY | O_CREAT, 0644));
	T(open("d/file01", O_RDONLY | O_DIRECTORY));

	/* rmdir and unlink errors */
	T(rmdir("d"));
	T(rmdir("d/file01"));
	T(unlink("d/e"));
	T(rmdir("d/e/f/."));
	T(rmdir("d/e/f/.."));
	T(rmdir("d/e/f"));
	T(rmdir("d/e/f"));
	nlink("d/e");

	/* chdir, relative paths, .. */
	pwd();
	T(chdir("d/e"));
	pwd();
	T(chdir(".."));
	pwd();
	T(chdir("file01"));
	T(chdir("nope"));
	T(open("../d/e/../file01", O_RDONLY) >= 0);
	fd = T(open(".", O_RDONLY));
	T(chdir("/"));
	T(fchdir(fd));
	pwd();
	T(close(fd));
	T(chdir(test_dir));

	/* rename of directories */
	T(mkdir("r1", 0755));
	T(mkdir("r1/sub", 0755));
	T(mkdir("r2", 0755));
	T(rename("r1", "r1/sub/inside"));
	T(rename("r1", "d/file01"));
	T(rename("d/file01", "r2"));
	T(rename("r1", "d"));
	T(rename("r1", "r2"));
	list(".");
	nlink("r2");
	list("r2");
	T(rename("r2/sub", "d/e/moved"));
	nlink("r2");
	nlink("d/e");
	nlink(".");

	/* openat and friends relative to a directory fd */
	int dfd = T(open("d", O_RDONLY | O_DIRECTORY));
	T(mkdirat(dfd, "at", 0755));
	fd = T(openat(dfd, "at/f", O_CREAT | O_WRONLY, 0600));
	T(close(fd));
	T(faccessat(dfd, "at/f", R_OK, 0));
	T(unlinkat(dfd, "at", AT_REMOVEDIR));
	T(unlinkat(dfd, "at/f", 0));
	T(unlinkat(dfd, "at", AT_REMOVEDIR));
	T(renameat(dfd, "file01", AT_FDCWD, "moved01"));
	T(linkat(AT_FDCWD, "moved01", dfd, "file01", 0));
	T(openat(0 + 99, "x", O_RDONLY));
	int ffd = T(open("moved01", O_RDONLY));
	T(openat(ffd, "x", O_RDONLY));
	T(openat(ffd, "/tmp", O_RDONLY) >= 0);
	struct stat st;
	T(fstatat(ffd, "", &st, AT_EMPTY_PATH));
	T(fstatat(ffd, "", &st, 0));
	T(fstatat(dfd, "link", &st, AT_SYMLINK_NOFOLLOW));
	printf("  link %d\n", S_ISLNK(st.st_mode));
	list("d");

	leave_test_dir();
	return 0;
}
