/* __int128 arithmetic (add/sub with carries, multiply, divide and modulo via
 * libgcc's __divti3/__udivti3, shifts across the 64-bit boundary, compares)
 * and decimal printing of 128-bit values by repeated division. */
#include <stdint.h>
#include <stdio.h>

typedef __int128 i128;
typedef unsigned __int128 u128;

static void put_u128(u128 x)
{
    char buf[48];
    int i = sizeof buf;
    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + (int)(x % 10));
        x /= 10;
    } while (x);
    fputs(buf + i, stdout);
}

static void put_i128(i128 x)
{
    if (x < 0) {
        putchar('-');
        put_u128(-(u128)x);
    } else
        put_u128((u128)x);
}

int main(void)
{
    u128 max = ~(u128)0;
    i128 imax = (i128)(max >> 1), imin = -imax - 1;
    put_u128(max); putchar('\n');
    put_i128(imax); putchar('\n');
    put_i128(imin); putchar('\n');
    /* factorial until overflow */
    u128 f = 1;
    int k = 1;
    while (!__builtin_mul_overflow(f, (u128)(k + 1), &f))
        k++;
    printf("largest factorial fitting: %d! = ", k);
    f = 1;
    for (int i = 2; i <= k; i++) f *= i;
    put_u128(f); putchar('\n');
    /* fibonacci */
    u128 a = 0, b = 1;
    for (int i = 0; i < 180; i++) { u128 t = a + b; a = b; b = t; }
    printf("fib(180)="); put_u128(a); putchar('\n');
    /* signed division/modulo with all sign combinations */
    volatile i128 xs[] = {(i128)1 << 100, -((i128)1 << 100) + 12345, 1000000007, -3, 7};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            i128 x = xs[i], y = xs[j];
            put_i128(x / y); putchar(' ');
            put_i128(x % y); putchar(' ');
        }
    putchar('\n');
    /* shifts by amounts around 64 */
    volatile u128 s = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
    for (int sh = 0; sh < 128; sh += 21) {
        u128 l = s << sh, r = s >> sh;
        i128 ar = (i128)s >> sh, an = (i128)~s >> sh;
        printf("%3d %016llx%016llx %016llx%016llx %016llx %016llx\n", sh, (unsigned long long)(l >> 64),
               (unsigned long long)l, (unsigned long long)(r >> 64), (unsigned long long)r,
               (unsigned long long)(ar >> 64), (unsigned long long)(an >> 64));
    }
    printf("cmp %d %d %d\n", imin < imax, (u128)imin > (u128)imax, (i128)-1 < (i128)0);
    return 0;
}
