/* File I/O in /tmp: mkstemp (unique name, so parallel runs do not collide),
 * fdopen, fwrite/fread of binary records, fseek/ftell/rewind, fprintf/fscanf,
 * append mode via fopen by name, stat size, rename, remove; and open/read/
 * lseek/write/close at the syscall level. Prints nothing run-specific. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rec { uint32_t id; double v; char name[12]; };

int main(void)
{
    char path[] = "/tmp/friscy-fileio-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 1; }
    FILE *f = fdopen(fd, "w+b");
    struct rec r[10];
    for (int i = 0; i < 10; i++) {
        r[i].id = (uint32_t)(i * 1000 + 7);
        r[i].v = i / 4.0;
        memset(r[i].name, 0, sizeof r[i].name);
        snprintf(r[i].name, sizeof r[i].name, "rec-%d", i);
    }
    printf("fwrite=%zu\n", fwrite(r, sizeof r[0], 10, f));
    printf("ftell=%ld\n", ftell(f));
    fseek(f, 3 * (long)sizeof(struct rec), SEEK_SET);
    struct rec x;
    printf("fread=%zu id=%u v=%g name=%s\n", fread(&x, sizeof x, 1, f), x.id, x.v, x.name);
    fseek(f, -(long)sizeof(struct rec), SEEK_END);
    fread(&x, sizeof x, 1, f);
    printf("last id=%u name=%s\n", x.id, x.name);
    x.id = 424242;
    fseek(f, 5 * (long)sizeof(struct rec), SEEK_SET);
    fwrite(&x, sizeof x, 1, f);
    rewind(f);
    struct rec all[10];
    printf("reread=%zu id5=%u eof=%d\n", fread(all, sizeof all[0], 11, f), all[5].id, feof(f) != 0);
    fclose(f);

    struct stat st;
    stat(path, &st);
    printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    f = fopen(path, "w");
    fprintf(f, "%d %s %.3f\n", 17, "words", 2.5);
    fclose(f);
    f = fopen(path, "a");
    fputs("appended line\n", f);
    fclose(f);
    f = fopen(path, "r");
    int k;
    char w[16], line[64];
    double d;
    printf("fscanf=%d %d %s %g\n", fscanf(f, "%d %15s %lf\n", &k, w, &d), k, w, d);
    printf("fgets=%s", fgets(line, sizeof line, f));
    printf("fgets at eof=%p\n", (void *)fgets(line, sizeof line, f));
    fclose(f);

    char path2[sizeof path + 4];
    snprintf(path2, sizeof path2, "%s.new", path);
    printf("rename=%d old exists=%d\n", rename(path, path2), access(path, F_OK) == 0);
    int fd2 = open(path2, O_RDWR);
    char raw[8] = {0};
    lseek(fd2, 3, SEEK_SET);
    printf("read=%zd [%.5s]\n", read(fd2, raw, 5), raw);
    printf("lseek end=%lld\n", (long long)lseek(fd2, 0, SEEK_END));
    printf("write=%zd\n", write(fd2, "XYZ", 3));
    close(fd2);
    printf("remove=%d again=%d\n", remove(path2), remove(path2));
    printf("fopen missing=%s\n", fopen("/tmp/friscy-definitely-missing/x", "r") ? "yes" : "NULL");
    return 0;
}
