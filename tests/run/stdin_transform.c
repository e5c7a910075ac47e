/* Reads all of stdin (fed from stdin_transform.stdin) with fgets and getchar
 * mixed with fread, then writes a transformed copy: line numbers, ROT13,
 * reversed words, and at the end counts of lines/words/bytes and a letter
 * histogram. The input ends without a newline on purpose. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static char data[1 << 16];

int main(void)
{
    size_t n = 0;
    int c = getchar(); /* one byte through getchar, the rest through fread */
    if (c == EOF) { printf("empty input\n"); return 1; }
    data[n++] = (char)c;
    n += fread(data + n, 1, sizeof data - 1 - n, stdin);
    data[n] = 0;
    printf("read %zu bytes, eof=%d\n", n, feof(stdin) != 0);
    unsigned lines = 0, words = 0, hist[26] = {0};
    char *save = data;
    for (char *line = data; line && *line; line = save) {
        char *nl = strchr(line, '\n');
        if (nl) { *nl = 0; save = nl + 1; } else save = NULL;
        lines++;
        printf("%3u: ", lines);
        for (char *p = line; *p; p++) {
            char ch = *p;
            if (isalpha((unsigned char)ch)) {
                hist[tolower((unsigned char)ch) - 'a']++;
                char base = isupper((unsigned char)ch) ? 'A' : 'a';
                ch = (char)(base + (ch - base + 13) % 26);
            }
            putchar(ch);
        }
        printf(" | ");
        /* words in reverse order */
        char *w[64];
        int nw = 0;
        for (char *t = strtok(line, " \t"); t && nw < 64; t = strtok(NULL, " \t")) w[nw++] = t;
        words += nw;
        for (int i = nw - 1; i >= 0; i--) printf("%s%s", w[i], i ? " " : "");
        printf("\n");
    }
    printf("lines=%u words=%u bytes=%zu\n", lines, words, n);
    for (int i = 0; i < 26; i++)
        if (hist[i]) printf("%c%u ", 'a' + i, hist[i]);
    printf("\n");
    return (int)(lines % 256);
}
