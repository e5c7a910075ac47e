/* A tiny register bytecode VM with a switch dispatch loop: 32-bit encoded
 * instructions (op, a, b, c fields), arithmetic, compare-and-branch, calls
 * with a return stack, and memory; runs a sieve, iterative fib and a
 * recursive gcd written in its bytecode. */
#include <stdint.h>
#include <stdio.h>

enum { LI, ADD, SUB, MUL, DIVU, REMU, AND, SHL, SHR, LD, ST, BLT, BEQ, BNE, JMP, CALL, RET, OUT, HALT, ADDI };
#define I(op, a, b, c) ((uint32_t)(op) | (uint32_t)(a) << 8 | (uint32_t)(b) << 16 | (uint32_t)(uint8_t)(c) << 24)

static int64_t mem[1024];

static long run(const uint32_t *code, int64_t *r)
{
    int pc = 0, rsp = 0, rstack[64];
    long steps = 0;
    for (;;) {
        uint32_t in = code[pc++];
        unsigned op = in & 255, a = (in >> 8) & 255, b = (in >> 16) & 255;
        int8_t c = (int8_t)(in >> 24);
        steps++;
        switch (op) {
        case LI: r[a] = (int16_t)(in >> 16); break;
        case ADD: r[a] = r[b] + r[(uint8_t)c]; break;
        case ADDI: r[a] = r[b] + c; break;
        case SUB: r[a] = r[b] - r[(uint8_t)c]; break;
        case MUL: r[a] = (int64_t)((uint64_t)r[b] * (uint64_t)r[(uint8_t)c]); break;
        case DIVU: r[a] = r[(uint8_t)c] ? (int64_t)((uint64_t)r[b] / (uint64_t)r[(uint8_t)c]) : -1; break;
        case REMU: r[a] = r[(uint8_t)c] ? (int64_t)((uint64_t)r[b] % (uint64_t)r[(uint8_t)c]) : r[b]; break;
        case AND: r[a] = r[b] & r[(uint8_t)c]; break;
        case SHL: r[a] = (int64_t)((uint64_t)r[b] << (c & 63)); break;
        case SHR: r[a] = (int64_t)((uint64_t)r[b] >> (c & 63)); break;
        case LD: r[a] = mem[(r[b] + c) & 1023]; break;
        case ST: mem[(r[b] + c) & 1023] = r[a]; break;
        case BLT: if (r[a] < r[b]) pc += c; break;
        case BEQ: if (r[a] == r[b]) pc += c; break;
        case BNE: if (r[a] != r[b]) pc += c; break;
        case JMP: pc += (int16_t)(in >> 8); break;
        case CALL: rstack[rsp++] = pc; pc = (int16_t)(in >> 8); break;
        case RET: if (rsp == 0) return steps; pc = rstack[--rsp]; break;
        case OUT: printf("%lld ", (long long)r[a]); break;
        case HALT: return steps;
        default: printf("bad op %u\n", op); return -1;
        }
    }
}

int main(void)
{
    /* sieve of Eratosthenes up to 1000, then count primes */
    const uint32_t sieve[] = {
        I(LI, 1, 2, 0),      /* 0: i = 2 */
        I(LI, 2, 1000, 0),   /* 1: n */
        I(LI, 9, 1, 0),      /* 2: one */
        /* 3: outer */ I(MUL, 3, 1, 1), I(BLT, 2, 3, 8), /* if n < i*i goto count */
        I(LD, 4, 1, 0), I(BNE, 4, 0, 4),               /* if mem[i] != 0 skip */
        /* 7: j = i*i */ I(ST, 9, 3, 0), I(ADD, 3, 3, 1), I(BLT, 3, 2, -3), I(BEQ, 3, 2, -4),
        /* 11 */ I(ADDI, 1, 1, 1), I(JMP, -10 & 0xff, 0xff, 0xff),
        /* 13: count */ I(LI, 1, 2, 0), I(LI, 5, 0, 0),
        /* 15 */ I(LD, 4, 1, 0), I(BNE, 4, 0, 1), I(ADDI, 5, 5, 1), I(ADDI, 1, 1, 1), I(BLT, 1, 2, -5), I(BEQ, 1, 2, -6),
        /* 21 */ I(OUT, 5, 0, 0), I(HALT, 0, 0, 0),
    };
    int64_t r[256] = {0};
    long s1 = run(sieve, r);
    printf("| sieve steps=%ld\n", s1);

    /* fib(90) iteratively, then gcd(30030, 4199) by a recursive CALL */
    const uint32_t code[] = {
        I(LI, 1, 0, 0), I(LI, 2, 1, 0), I(LI, 3, 90, 0), I(LI, 4, 0, 0),
        /* 4: loop */ I(ADD, 5, 1, 2), I(ADD, 1, 2, 0), I(ADD, 2, 5, 0), I(ADDI, 4, 4, 1), I(BLT, 4, 3, -5),
        /* 9 */ I(OUT, 1, 0, 0),
        /* 10 */ I(LI, 10, 30030, 0), I(LI, 11, 4199, 0), I(CALL, 15, 0, 0), I(OUT, 10, 0, 0), I(HALT, 0, 0, 0),
        /* 15: gcd(r10, r11): if r11 == 0 return; t = r10 % r11; r10 = r11; r11 = t; call gcd; ret */
        I(BNE, 11, 0, 1), I(RET, 0, 0, 0), I(REMU, 12, 10, 11), I(ADD, 10, 11, 0), I(ADD, 11, 12, 0),
        I(CALL, 15, 0, 0), I(RET, 0, 0, 0),
    };
    int64_t r2[256] = {0};
    long s2 = run(code, r2);
    printf("| fib+gcd steps=%ld\n", s2);
    return (int)(s1 % 200);
}
