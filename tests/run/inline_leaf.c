/* Small leaf functions that rv2wasm copies into their callers (compiler/
 * cfg/inline.c), and the ways a copy can go wrong:
 *   - a leaf with a branch, called in a loop, whose copy joins the loop
 *     into one block (a countdown then serves its loads);
 *   - a leaf that moves ra on (returns past the instruction after the
 *     call): its copy must leave for the address it computed;
 *   - a leaf that writes ra and puts it back: its copy goes on in line;
 *   - the first leaf faulting in its copy, on the last call of a loop
 *     walking to an unmapped page: exit 139 after the sums printed so far.
 * The asm functions are written without compressed instructions, so that
 * "the instruction after the call" is 4 bytes. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t __attribute__((noinline)) le32(const unsigned char *p, int swap)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (swap)
        v = v >> 16 | v << 16;
    return v;
}

static uint64_t walk(const unsigned char *p, long n)
{
    uint64_t s = 0;
    for (long i = 0; i < n; i++)
        s = s * 31 + le32(p + 4 * i, (int)(i & 1));
    return s;
}

/* skip_next(x) = x + 1, returning 4 bytes past its return address;
 * via_skip(x) calls it and then adds 1000, where the skipped
 * instruction would have added 100. */
long via_skip(long);
__asm__(".pushsection .text\n"
        ".option push\n"
        ".option norvc\n"
        ".globl skip_next\n"
        ".type skip_next, @function\n"
        "skip_next:\n"
        "    addi a0, a0, 1\n"
        "    addi ra, ra, 4\n"
        "    ret\n"
        ".size skip_next, .-skip_next\n"
        ".globl via_skip\n"
        ".type via_skip, @function\n"
        "via_skip:\n"
        "    addi sp, sp, -16\n"
        "    sd ra, 8(sp)\n"
        "    jal ra, skip_next\n"
        "    addi a0, a0, 100\n"
        "    addi a0, a0, 1000\n"
        "    ld ra, 8(sp)\n"
        "    addi sp, sp, 16\n"
        "    ret\n"
        ".size via_skip, .-via_skip\n"
        /* keep_ra(x) = 3x, with ra parked in t0 and put back */
        ".globl keep_ra\n"
        ".type keep_ra, @function\n"
        "keep_ra:\n"
        "    mv t0, ra\n"
        "    li ra, 3\n"
        "    mul a0, a0, ra\n"
        "    mv ra, t0\n"
        "    ret\n"
        ".size keep_ra, .-keep_ra\n"
        ".globl via_keep\n"
        ".type via_keep, @function\n"
        "via_keep:\n"
        "    addi sp, sp, -16\n"
        "    sd ra, 8(sp)\n"
        "    jal ra, keep_ra\n"
        "    addi a0, a0, 7\n"
        "    ld ra, 8(sp)\n"
        "    addi sp, sp, 16\n"
        "    ret\n"
        ".size via_keep, .-via_keep\n"
        ".option pop\n"
        ".popsection\n");
long via_keep(long);

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED)
        return 1;
    for (long i = 0; i < pg; i++)
        m[i] = (unsigned char)(i * 7 + 3);
    if (munmap(m + pg, pg))
        return 2;
    long sum = 0;
    /* few calls of via_skip: the interpreter runs from where it lands
     * until it reaches translated code again */
    for (long i = 0; i < 1000; i++)
        sum += via_keep(i) + (i % 200 == 0 ? via_skip(i) : 0);
    printf("via_skip and via_keep: %ld\n", sum);
    printf("walk to the page's end: %llu\n", (unsigned long long)walk(m, pg / 4));
    fflush(stdout);
    /* the last le32 reads the page's last two bytes, then the next page */
    printf("walk past it: %llu\n", (unsigned long long)walk(m + 2, pg / 4));
    return 0;
}
