/* Switch statements: dense_side() is compiled by gcc -O2/-Os to a jump table
 * (an indirect jr through a table of addresses in .rodata), dense() to a
 * value table (CSWTCH), sparse() to a compare tree; a switch over chars (a
 * tokenizer) and a fallthrough case. */
#include <stdio.h>

__attribute__((noinline)) static int dense(int x)
{
    switch (x) {
    case 0: return 11;
    case 1: return 23;
    case 2: return 5;
    case 3: return 77;
    case 4: return 1000;
    case 5: return -3;
    case 6: return 42;
    case 7: return 9;
    case 8: return 18;
    case 9: return 64;
    case 10: return 3;
    case 11: return 100;
    case 12: return 7;
    case 13: return 13;
    case 14: return -100;
    case 15: return 2;
    default: return -1;
    }
}

__attribute__((noinline)) static long dense_side(unsigned x, long acc)
{
    switch (x) {
    case 100: acc += 1; break;
    case 101: acc *= 3; break;
    case 102: acc -= 7; break;
    case 103: acc ^= 0x55; break;
    case 104: acc <<= 1; break;
    case 105: acc >>= 1; break;
    case 106: acc = -acc; break;
    case 107: acc += 1000; /* fallthrough */
    case 108: acc %= 9973; break;
    case 109: acc |= 0x100; break;
    case 110: acc &= 0xffff; break;
    case 112: acc += 12; break;
    case 113: acc += 13; break;
    default: acc += 1000003;
    }
    return acc;
}

__attribute__((noinline)) static int sparse(int x)
{
    switch (x) {
    case -1000: return 1;
    case 7: return 2;
    case 99: return 3;
    case 1 << 20: return 4;
    case 123456: return 5;
    default: return 0;
    }
}

static int classify(char c)
{
    switch (c) {
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return 'd';
    case 'a': case 'e': case 'i': case 'o': case 'u': return 'v';
    case ' ': case '\t': case '\n': return 's';
    case '+': case '-': case '*': case '/': case '%': return 'o';
    case '(': case ')': case '[': case ']': return 'p';
    default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 'c';
        return '?';
    }
}

int main(void)
{
    unsigned long s = 0;
    for (int i = -3; i < 20; i++)
        s = s * 7 + (unsigned long)dense(i);
    printf("dense %lu\n", s);
    long acc = 1;
    for (unsigned i = 0; i < 3000; i++)
        acc = dense_side(98 + (i * 7 + i / 5) % 18, acc);
    printf("side %ld\n", acc);
    int sp = 0;
    static const int probes[] = {-1000, 7, 99, 1 << 20, 123456, 0, 8, -1, 100};
    for (unsigned i = 0; i < 9; i++)
        sp = sp * 10 + sparse(probes[i]);
    printf("sparse %d\n", sp);
    const char *text = "int main(void) { return a[3] * (b + 42) % 7; }\n";
    for (const char *p = text; *p; p++)
        putchar(classify(*p));
    putchar('\n');
    return (int)(acc & 0x3f);
}
