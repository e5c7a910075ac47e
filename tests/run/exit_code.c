/* Exit paths: exit() from deep inside nested calls with buffered stdout that
 * must still be flushed, and the status truncated to 8 bits: the argument
 * (150, from exit_code.args) becomes exit(400), seen as 144. */
#include <stdio.h>
#include <stdlib.h>

static void level3(int code)
{
    printf("level3 about to exit(%d)\n", code);
    exit(code);
}
static int level2(int code) { level3(code + 100); return 1; }
static int level1(int code) { return level2(code * 2) + 1; }

int main(int argc, char **argv)
{
    int base = argc > 1 ? atoi(argv[1]) : 0;
    for (int i = 0; i < 50; i++)
        printf("line %d of buffered output\n", i); /* not flushed yet when exit runs */
    return level1(base);
}
