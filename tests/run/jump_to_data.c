/* Code that jumps into data on a path never taken (what a misread jump
 * table entry or hand-written code can leave in a binary): rv2wasm must
 * translate the function anyway, the jump leaving for the dispatcher as a
 * tail call would. */
#include <stdio.h>

__asm__(".section .rodata\n"
        ".balign 4\n"
        "not_code: .word 0x12345678\n"
        ".text\n"
        ".globl maybe_jump\n"
        "maybe_jump:\n"
        "  bnez a0, 1f\n"
        "  j not_code\n"
        "1: addi a0, a0, 1\n"
        "  ret\n");
long maybe_jump(long);

int main(void)
{
    long s = 0;
    for (long i = 1; i <= 10; i++)
        s += maybe_jump(i);
    printf("sum %ld\n", s);
    return 0;
}
