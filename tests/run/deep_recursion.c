/* Deep recursion: 100000 frames of a small non-tail-recursive function (the
 * addition after the call stops gcc from making it a loop), a mutually
 * recursive is_even/is_odd pair 100001 deep, and Ackermann(2, n). */
#include <stdio.h>

__attribute__((noinline)) static long depth_sum(long n, volatile long *sink)
{
    if (n == 0)
        return 0;
    long r = depth_sum(n - 1, sink);
    *sink = n;
    return r + (n ^ (r & 7));
}

static int is_odd(unsigned n, volatile int *hops);
__attribute__((noinline)) static int is_even(unsigned n, volatile int *hops)
{
    ++*hops;
    if (n == 0) return 1;
    return !!is_odd(n - 1, hops) + 0 * *hops;
}
__attribute__((noinline)) static int is_odd(unsigned n, volatile int *hops)
{
    ++*hops;
    if (n == 0) return 0;
    int r = is_even(n - 1, hops);
    return r ? r : r + 0 * *hops;
}

static unsigned long ack(unsigned long m, unsigned long n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void)
{
    volatile long sink = 0;
    long d = depth_sum(100000, &sink);
    printf("depth_sum(100000)=%ld sink=%ld\n", d, sink);
    volatile int hops = 0;
    int e = is_even(100001, &hops);
    printf("is_even(100001)=%d hops=%d\n", e, hops);
    hops = 0;
    int o = is_odd(77777, &hops);
    printf("is_odd(77777)=%d hops=%d\n", o, hops);
    printf("ack(2,500)=%lu ack(3,5)=%lu\n", ack(2, 500), ack(3, 5));
    return e;
}
