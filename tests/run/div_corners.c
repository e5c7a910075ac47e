/* M-extension division corner cases through inline asm so that C's undefined
 * behaviour never applies: x/0 gives all ones (div) or x (rem), INT_MIN/-1
 * gives INT_MIN with remainder 0, for div/divu/rem/remu and the W forms
 * (RISC-V unprivileged spec, section "Division Operations"). */
#include <stdint.h>
#include <stdio.h>

#define OP(name, insn)                                                          \
    static int64_t name(int64_t a, int64_t b)                                   \
    {                                                                           \
        int64_t r;                                                              \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));        \
        return r;                                                               \
    }
OP(op_div, "div")
OP(op_divu, "divu")
OP(op_rem, "rem")
OP(op_remu, "remu")
OP(op_divw, "divw")
OP(op_divuw, "divuw")
OP(op_remw, "remw")
OP(op_remuw, "remuw")
OP(op_mul, "mul")
OP(op_mulw, "mulw")

int main(void)
{
    static const int64_t v[] = {0, 1, -1, 2, -2, 7, -7, INT64_MIN, INT64_MAX, INT32_MIN, INT32_MAX,
                                0xffffffffLL, 0x180000000LL, -0x80000001LL, 0x7fffffff80000000LL};
    int n = sizeof v / sizeof v[0];
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int64_t a = v[i], b = v[j];
            int64_t r[10] = {op_div(a, b), op_divu(a, b), op_rem(a, b), op_remu(a, b), op_divw(a, b),
                             op_divuw(a, b), op_remw(a, b), op_remuw(a, b), op_mul(a, b), op_mulw(a, b)};
            if (b == 0 || b == -1 || (int32_t)b == 0 || (int32_t)b == -1) {
                printf("%llx / %llx:", (unsigned long long)a, (unsigned long long)b);
                for (int k = 0; k < 10; k++)
                    printf(" %llx", (unsigned long long)r[k]);
                printf("\n");
            }
            for (int k = 0; k < 10; k++)
                h = (h ^ (uint64_t)r[k]) * 1099511628211ULL;
        }
    printf("hash=%016llx\n", (unsigned long long)h);
    /* C-level division that is well defined, compiled by gcc (may become multiply by magic) */
    volatile int32_t d = 7;
    int32_t acc = 0;
    for (int32_t x = -1000; x <= 1000; x += 13)
        acc += x / 7 * 3 + x % 7 + x / d - x % d + (int32_t)((uint32_t)x / 10u) % 1000;
    printf("acc=%d\n", acc);
    return 0;
}
