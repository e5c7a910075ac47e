/* Regular files in /tmp: create, write, read, seek, stat, truncate, append,
 * O_EXCL/O_TRUNC, pread/pwrite, links, rename, symlinks, access. */
#include "common.h"

static void show_stat(const char *path)
{
	struct stat st;
	if (T(stat(path, &st)) == 0)
		printf("  mode %o nlink %ld size %ld blksize %ld blocks>=size %d\n", st.st_mode,
		       (long)st.st_nlink, (long)st.st_size, (long)st.st_blksize,
		       st.st_blocks * 512 >= st.st_size);
}

int main(void)
{
	char buf[64];
	enter_test_dir();

	int fd = T(open("a.txt", O_CREAT | O_RDWR, 0666));
	T(write(fd, "hello, world\n", 13));
	T(lseek(fd, 0, SEEK_CUR));
	T(lseek(fd, 7, SEEK_SET));
	memset(buf, 0, sizeof buf);
	T(read(fd, buf, 5));
	printf("  read \"%s\"\n", buf);
	T(lseek(fd, -3, SEEK_END));
	T(read(fd, buf, sizeof buf));
	T(read(fd, buf, sizeof buf));
	T(lseek(fd, -100, SEEK_CUR));
	T(lseek(fd, 0, 7));
	show_stat("a.txt");

	/* holes read as zeros */
	T(lseek(fd, 20, SEEK_SET));
	T(write(fd, "X", 1));
	T(pread(fd, buf, 8, 12));
	for (int i = 0; i < 8; i++)
		printf("%d ", buf[i]);
	printf("\n");
	T(pwrite(fd, "HE", 2, 0));
	T(lseek(fd, 0, SEEK_CUR));
	T(pread(fd, buf, 5, 0));
	printf("  pread \"%.5s\"\n", buf);
	T(pread(fd, buf, 5, -1));
	T(ftruncate(fd, 4));
	T(fstat(fd, &(struct stat){0}));
	show_stat("a.txt");
	T(ftruncate(fd, -1));
	T(close(fd));
	T(close(fd));

	/* O_EXCL, O_TRUNC, O_APPEND, modes under umask 022 */
	T(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0600));
	fd = T(open("a.txt", O_WRONLY | O_TRUNC));
	show_stat("a.txt");
	T(close(fd));
	fd = T(open("b.txt", O_CREAT | O_WRONLY | O_APPEND, 0777));
	T(write(fd, "one\n", 4));
	T(lseek(fd, 0, SEEK_SET));
	T(write(fd, "two\n", 4));
	T(lseek(fd, 0, SEEK_CUR));
	T(read(fd, buf, 1));
	T(close(fd));
	show_stat("b.txt");
	fd = T(open("b.txt", O_RDONLY));
	memset(buf, 0, sizeof buf);
	T(read(fd, buf, sizeof buf));
	printf("  \"%s\"\n", buf);
	T(write(fd, "x", 1));
	T(ftruncate(fd, 0));
	T(close(fd));

	/* stdio on top */
	FILE *f = fopen("c.txt", "w+");
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %d\n", i);
	rewind(f);
	int lines = 0;
	while (fgets(buf, sizeof buf, f))
		lines++;
	printf("lines %d pos %ld\n", lines, ftell(f));
	fclose(f);
	show_stat("c.txt");

	/* links, rename, symlinks */
	T(link("b.txt", "b2.txt"));
	show_stat("b.txt");
	T(link("b.txt", "b2.txt"));
	T(unlink("b.txt"));
	show_stat("b2.txt");
	T(rename("b2.txt", "c.txt"));
	show_stat("c.txt");
	T(rename("nope", "x"));
	T(symlink("c.txt", "s"));
	T(symlink("missing", "dangling"));
	memset(buf, 0, sizeof buf);
	T(readlink("s", buf, sizeof buf));
	printf("  -> \"%s\"\n", buf);
	T(readlink("s", buf, 2));
	T(readlink("c.txt", buf, sizeof buf));
	struct stat st;
	T(lstat("s", &st));
	printf("  lnk %d size %ld\n", S_ISLNK(st.st_mode), (long)st.st_size);
	T(stat("dangling", &st));
	T(lstat("dangling", &st));
	fd = T(open("dangling", O_CREAT | O_WRONLY, 0644));
	T(close(fd));
	T(stat("missing", &st));
	T(open("s", O_RDONLY | O_NOFOLLOW));
	T(symlink("loop2", "loop1"));
	T(symlink("loop1", "loop2"));
	T(open("loop1", O_RDONLY));
	T(access("c.txt", R_OK | W_OK));
	T(access("c.txt", X_OK));
	T(access("c.txt", 8));
	T(chmod("c.txt", 0755));
	T(access("c.txt", X_OK));
	T(access("nope", F_OK));
	T(truncate("c.txt", 3));
	show_stat("c.txt");
	T(open("c.txt/x", O_RDONLY));
	T(open("c.txt/", O_RDONLY));
	T(open("new/", O_CREAT | O_RDWR, 0644));
	T(open("nodir/x", O_CREAT | O_RDWR, 0644));

	leave_test_dir();
	return 0;
}
