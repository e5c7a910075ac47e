/* Static constructors and destructors (with priorities), atexit handlers
 * registered from main and from a constructor, run in reverse order, and
 * stdout flushed after all of them; the exit status comes from exit(). */
#include <stdio.h>
#include <stdlib.h>

static int order[16], n;

__attribute__((constructor(101))) static void ctor_first(void) { order[n++] = 1; }
__attribute__((constructor(200))) static void ctor_second(void) { order[n++] = 2; }
__attribute__((constructor)) static void ctor_default(void) { order[n++] = 3; }

static void at_a(void) { printf("atexit a (registered in ctor)\n"); }
static void at_b(void) { printf("atexit b\n"); }
static void at_c(void) { printf("atexit c\n"); }

__attribute__((constructor(300))) static void ctor_registers(void) { atexit(at_a); order[n++] = 4; }
__attribute__((destructor(101))) static void dtor_last(void) { printf("dtor 101 (runs last)\n"); }
__attribute__((destructor(200))) static void dtor_first(void) { printf("dtor 200\n"); }

int main(void)
{
    printf("ctor order:");
    for (int i = 0; i < n; i++) printf(" %d", order[i]);
    printf("\n");
    atexit(at_b);
    atexit(at_c);
    printf("main exits with 23\n");
    exit(23);
}
