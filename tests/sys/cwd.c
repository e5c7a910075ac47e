/* Files relative to the starting directory, which a host may back with a
 * real directory (a WASI preopen): create, write, read, rename, list,
 * remove, symlinks, times, truncate, all in a fresh subdirectory. */
#include "common.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char **)a, *(char **)b);
}

static void list(const char *path)
{
	DIR *d = opendir(path);
	char *names[32];
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) && n < 32)
		names[n++] = strdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof names[0], cmp);
	printf("%s:", path);
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]), free(names[i]);
	printf("\n");
}

int main(void)
{
	char buf[256];
	struct stat st;
	const char *top = "cwd-test.d";
	if (!stat(top, &st))
		rm_tree(top);
	T(mkdir(top, 0755));
	T(chdir(top));
	int fd = T(open("a", O_CREAT | O_RDWR | O_TRUNC, 0644));
	T(write(fd, "hello host\n", 11));
	T(lseek(fd, 6, SEEK_SET));
	memset(buf, 0, sizeof buf);
	T(read(fd, buf, 100));
	printf("  \"%s\"\n", buf);
	T(pwrite(fd, "H", 1, 0));
	T(pread(fd, buf, 5, 0));
	printf("  \"%.5s\"\n", buf);
	T(fstat(fd, &st));
	printf("  reg %d size %ld\n", S_ISREG(st.st_mode), (long)st.st_size);
	T(ftruncate(fd, 3));
	T(close(fd));
	T(stat("a", &st));
	printf("  size %ld\n", (long)st.st_size);
	T(open("a", O_CREAT | O_EXCL | O_WRONLY, 0644));
	fd = T(open("a", O_WRONLY | O_APPEND));
	T(write(fd, "++", 2));
	T(close(fd));
	T(stat("a", &st));
	printf("  size %ld\n", (long)st.st_size);
	FILE *f = fopen("b", "w");
	for (int i = 0; i < 500; i++)
		fprintf(f, "%d\n", i);
	fclose(f);
	T(stat("b", &st));
	printf("  size %ld\n", (long)st.st_size);
	T(mkdir("sub", 0755));
	T(mkdir("sub", 0755));
	T(rename("b", "sub/b2"));
	T(rename("a", "sub"));
	T(symlink("sub/b2", "ln"));
	memset(buf, 0, sizeof buf);
	T(readlink("ln", buf, sizeof buf));
	printf("  -> %s\n", buf);
	T(stat("ln", &st));
	printf("  via link size %ld\n", (long)st.st_size);
	T(lstat("ln", &st));
	printf("  lnk %d\n", S_ISLNK(st.st_mode));
	list(".");
	list("sub");
	T(chdir("sub"));
	T(open("../a", O_RDONLY) >= 0);
	T(chdir(".."));
	T(utimensat(AT_FDCWD, "a", (struct timespec[2]){{100, 0}, {200, 0}}, 0));
	T(stat("a", &st));
	printf("  mtime %ld\n", (long)st.st_mtime);
	T(truncate("a", 1));
	T(stat("a", &st));
	printf("  size %ld\n", (long)st.st_size);
	T(rmdir("sub"));
	T(unlink("sub"));
	T(unlink("sub/b2"));
	T(unlink("nope"));
	T(rmdir("sub"));
	T(unlink("ln"));
	T(unlink("a"));
	list(".");
	T(chdir(".."));
	T(rmdir(top));
	T(stat(top, &st));
	return 0;
}
