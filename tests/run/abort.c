/* abort(): prints (flushed explicitly, since abort does not flush stdio),
 * then raises SIGABRT; the process must die with exit status 134. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("before abort\n");
    fflush(stdout);
    abort();
}
