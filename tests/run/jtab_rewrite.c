/* A switch through a jump table in .rodata (gcc's relative form: lw of
 * the entry, add of the table's address, jr, with two instructions the
 * cases read scheduled among them), which translated code may
 * take on the entry's index without loading the entry while the image's
 * read-only segments are as loaded.  The program then makes the table's
 * page writable (still executable, so translated code keeps running),
 * swaps two entries, and dispatches again: the new targets must win, and
 * still win once the page is read-only again, where a store then faults
 * (exit 139). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

extern int32_t jt_table[5];
long dispatch(long i);

__asm__(".text\n"
        ".globl dispatch\n"
        ".type dispatch, @function\n"
        "dispatch:\n"
        "    li    t0, 5\n"
        "    bgeu  a0, t0, 9f\n"
        "    lla   t1, jt_table\n"
        "    slli  t2, a0, 2\n"
        "    add   t2, t2, t1\n"
        "    lw    t2, 0(t2)\n"
        "    li    t3, 7\n" /* scheduled among the three: runs both ways */
        "    add   t2, t2, t1\n"
        "    slli  t4, a0, 4\n"
        "    jr    t2\n"
        "1:  addi  a0, t3, 100\n"
        "    j     8f\n"
        "2:  addi  a0, t3, 200\n"
        "    j     8f\n"
        "3:  addi  a0, t3, 300\n"
        "    j     8f\n"
        "4:  addi  a0, t3, 400\n"
        "    j     8f\n"
        "5:  addi  a0, t3, 500\n"
        "8:  add   a0, a0, t4\n"
        "    ret\n"
        "9:  li    a0, -1\n"
        "    ret\n"
        ".size dispatch, . - dispatch\n"
        ".section .rodata\n"
        ".balign 4\n"
        ".globl jt_table\n"
        "jt_table:\n"
        "    .word 1b - jt_table, 2b - jt_table, 3b - jt_table, 4b - jt_table, 5b - jt_table\n"
        ".text\n");

static void show(const char *what)
{
    long s = 0;

    printf("%s:", what);
    /* many rounds, so that a loop's translated code is what runs */
    for (int r = 0; r < 20000; r++)
        for (long i = 0; i < 6; i++)
            s = s * 31 + dispatch(i);
    for (long i = 0; i < 6; i++)
        printf(" %ld", dispatch(i));
    printf(" sum=%ld\n", s);
    fflush(stdout);
}

int main(void)
{
    uintptr_t page = (uintptr_t)jt_table & ~(uintptr_t)4095;

    if (sysconf(_SC_PAGESIZE) != 4096)
        return 1;
    show("as linked");
    if (mprotect((void *)page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC))
        return 2;
    int32_t t = jt_table[0];
    jt_table[0] = jt_table[3];
    jt_table[3] = t;
    show("entries 0 and 3 swapped");
    if (mprotect((void *)page, 4096, PROT_READ | PROT_EXEC))
        return 3;
    show("read-only again");
    *(volatile int32_t *)&jt_table[4] = 0; /* never runs: the page is read-only again */
    return 4;
}
