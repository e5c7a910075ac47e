/* setjmp/longjmp: return values (longjmp(env, 0) gives 1), jumping out of
 * nested calls several frames deep, volatile locals surviving, re-arming a
 * jmp_buf in a loop, and nested jmp_bufs like an exception stack. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf top;
static jmp_buf *handler;
static int depth_reached;

static void deep(int n, int throw_at)
{
    char pad[64];
    pad[n % 64] = (char)n;
    depth_reached = n;
    if (n > 100000)
        return;
    if (n == throw_at)
        longjmp(*handler, n + pad[n % 64] * 0 + 100);
    deep(n + 1, throw_at);
    pad[0]++;
}

static int try_call(int throw_at)
{
    jmp_buf local, *saved = handler;
    handler = &local;
    int r = setjmp(local);
    if (r == 0) {
        deep(0, throw_at);
        r = -1;
    }
    handler = saved;
    return r;
}

int main(void)
{
    volatile int count = 0;
    int r = setjmp(top);
    printf("setjmp returned %d (count=%d)\n", r, count);
    if (count < 3) {
        count++;
        longjmp(top, count == 2 ? 0 : count * 10);
    }
    for (int t = 5; t <= 500; t *= 10)
        printf("throw at %d -> %d (depth %d)\n", t, try_call(t), depth_reached);

    /* nested handlers: the inner one rethrows to the outer */
    jmp_buf outer;
    handler = &outer;
    volatile int stage = 0;
    if ((r = setjmp(outer)) == 0) {
        stage = 1;
        int inner = try_call(7);
        stage = 2;
        printf("inner caught %d\n", inner);
        longjmp(outer, 77);
    }
    printf("outer caught %d at stage %d\n", r, stage);

    volatile double f = 1.5;
    jmp_buf fb;
    if (setjmp(fb) == 0) {
        f *= 3;
        longjmp(fb, 1);
    }
    printf("float survived: %g\n", f);
    return count;
}
