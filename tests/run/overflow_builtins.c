/* __builtin_{add,sub,mul}_overflow on signed/unsigned 32/64-bit operands,
 * including mixed-type results, and the result value on wrap. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile int64_t s[] = {0, 1, -1, 2, INT64_MAX, INT64_MIN, INT32_MAX, INT32_MIN, 0x100000000LL, -3037000500LL};
    int n = sizeof s / sizeof s[0];
    unsigned flags = 0, count = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int64_t a = s[i], b = s[j], r1, r2, r3;
            int32_t w1, w2, w3;
            uint64_t u1, u2, u3;
            int o1 = __builtin_add_overflow(a, b, &r1);
            int o2 = __builtin_sub_overflow(a, b, &r2);
            int o3 = __builtin_mul_overflow(a, b, &r3);
            int o4 = __builtin_add_overflow((int32_t)a, (int32_t)b, &w1);
            int o5 = __builtin_sub_overflow((int32_t)a, (int32_t)b, &w2);
            int o6 = __builtin_mul_overflow((int32_t)a, (int32_t)b, &w3);
            int o7 = __builtin_add_overflow((uint64_t)a, (uint64_t)b, &u1);
            int o8 = __builtin_sub_overflow((uint64_t)a, (uint64_t)b, &u2);
            int o9 = __builtin_mul_overflow((uint64_t)a, (uint64_t)b, &u3);
            int32_t narrow;
            int o10 = __builtin_add_overflow(a, b, &narrow); /* 64-bit math into int32 */
            unsigned f = o1 | o2 << 1 | o3 << 2 | o4 << 3 | o5 << 4 | o6 << 5 | o7 << 6 | o8 << 7 | o9 << 8 | o10 << 9;
            printf("%d,%d %03x %llx %llx %llx %x %x %x %llx %llx %llx %x\n", i, j, f,
                   (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)r3, (unsigned)w1,
                   (unsigned)w2, (unsigned)w3, (unsigned long long)u1, (unsigned long long)u2,
                   (unsigned long long)u3, (unsigned)narrow);
            flags ^= f * (unsigned)(i * n + j + 1);
            count += __builtin_popcount(f);
        }
    printf("flags=%x count=%u\n", flags, count);
    return count > 255 ? 1 : 0;
}
