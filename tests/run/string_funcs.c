/* String and memory functions (glibc's optimised versions): memcpy/memmove
 * with overlap in both directions at every small offset, memset, memcmp sign,
 * strlen/strchr/strrchr at unaligned starts, strstr, strtok/strtok_r,
 * strspn/strcspn, snprintf truncation and return value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    static char buf[512];
    unsigned long h = 0;
    for (int off = 0; off < 16; off++)
        for (int len = 0; len < 70; len += 3) {
            for (int i = 0; i < 256; i++) buf[i] = (char)(i * 7 + 1);
            memmove(buf + off, buf + 17, len);      /* backward-safe */
            memmove(buf + 40 + off, buf + 33, len); /* forward overlap */
            memcpy(buf + 200, buf + off + 1, len);
            memset(buf + 100 + off, off, len / 2);
            for (int i = 0; i < 256; i++) h = h * 33 + (unsigned char)buf[i];
        }
    printf("mem hash=%lx\n", h);
    char a[] = "abcdefgh", b[] = "abcdefgH";
    printf("memcmp=%d strcmp=%d strncmp=%d\n", memcmp(a, b, 8) > 0, strcmp(a, b) > 0, strncmp(a, b, 7));
    char s[80];
    for (int off = 0; off < 8; off++) {
        memset(s, 'x', sizeof s);
        strcpy(s + off, "The quick brown fox jumps over the lazy dog");
        printf("%zu %td %td %s|", strlen(s + off), strchr(s + off, 'q') - (s + off), strrchr(s + off, 'o') - (s + off),
               strstr(s + off, "lazy"));
    }
    printf("\n");
    char line[] = "  alpha, beta,,gamma ;delta  ";
    for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;"))
        printf("[%s]", t);
    printf("\n");
    char kv[] = "a=1&bb=22&ccc=333", *save1, *save2;
    for (char *p = strtok_r(kv, "&", &save1); p; p = strtok_r(NULL, "&", &save1)) {
        char *k = strtok_r(p, "=", &save2), *v = strtok_r(NULL, "=", &save2);
        printf("%s->%d ", k, atoi(v));
    }
    printf("\nspn=%zu cspn=%zu\n", strspn("aabbcxyz", "abc"), strcspn("hello world", "ow"));
    char small[8];
    const char *volatile suffix = "abcdef"; /* volatile: no compile-time truncation warning */
    int r = snprintf(small, sizeof small, "%d-%s", 123456, suffix);
    printf("snprintf=%d [%s] %d\n", r, small, snprintf(NULL, 0, "%x", 0xdeadbeefu));
    char cat[32] = "foo";
    const char *volatile tail = "barbazqux";
    strncat(cat, tail, 4);
    printf("%s %zu %s\n", cat, strnlen(cat, 3), strpbrk(cat, "zb"));
    char *d = strndup("duplicate me", 9);
    printf("%s %d\n", d, (int)strlen(d));
    free(d);
    return 0;
}
