/* Labels as values (GNU computed goto): a threaded-code interpreter whose
 * dispatch is "goto *table[op]", running a program that computes primes and
 * a checksum; also a goto through a label address stored in a variable. */
#include <stdio.h>

enum { PUSH, ADD, SUB, MUL, MOD, DUP, SWAP, OVER, DROP, JZ, JMP, LT, PRINT, HALT, STORE, LOAD, INC };

static long run(const long *code, long *mem)
{
    static void *const dispatch[] = {&&op_push, &&op_add, &&op_sub, &&op_mul, &&op_mod, &&op_dup, &&op_swap,
                                     &&op_over, &&op_drop, &&op_jz, &&op_jmp, &&op_lt, &&op_print, &&op_halt,
                                     &&op_store, &&op_load, &&op_inc};
    long stack[64];
    int sp = 0;
    const long *pc = code;
    long steps = 0;
#define NEXT do { steps++; goto *dispatch[*pc++]; } while (0)
    NEXT;
op_push: stack[sp++] = *pc++; NEXT;
op_add: sp--; stack[sp - 1] += stack[sp]; NEXT;
op_sub: sp--; stack[sp - 1] -= stack[sp]; NEXT;
op_mul: sp--; stack[sp - 1] *= stack[sp]; NEXT;
op_mod: sp--; stack[sp - 1] %= stack[sp]; NEXT;
op_dup: stack[sp] = stack[sp - 1]; sp++; NEXT;
op_swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
op_over: stack[sp] = stack[sp - 2]; sp++; NEXT;
op_drop: sp--; NEXT;
op_jz: { long t = *pc++; if (stack[--sp] == 0) pc = code + t; } NEXT;
op_jmp: pc = code + *pc; NEXT;
op_lt: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; NEXT;
op_print: printf("%ld ", stack[--sp]); NEXT;
op_store: { long a = *pc++; mem[a] = stack[--sp]; } NEXT;
op_load: stack[sp++] = mem[*pc++]; NEXT;
op_inc: mem[*pc++]++; NEXT;
op_halt:
    return steps;
#undef NEXT
}

int main(void)
{
    /* The program: for n in 2..199, trial-divide by d while d*d <= n and
     * print the primes. mem[0]=n, mem[1]=d, mem[2]=count. Jump targets are
     * patched after emission. */
    long code[128];
    int n = 0, L_outer, L_inner, J_halt, J_prime, J_comp, L_prime, L_next;
#define E(x) (code[n++] = (x))
    E(PUSH); E(2); E(STORE); E(0);
    L_outer = n;
    E(LOAD); E(0); E(PUSH); E(200); E(LT); E(JZ); J_halt = n; E(0);
    E(PUSH); E(2); E(STORE); E(1);
    L_inner = n;
    E(LOAD); E(1); E(LOAD); E(1); E(MUL); E(LOAD); E(0); E(PUSH); E(1); E(ADD); E(LT); E(JZ); J_prime = n; E(0);
    E(LOAD); E(0); E(LOAD); E(1); E(MOD); E(JZ); J_comp = n; E(0);
    E(INC); E(1); E(JMP); E(L_inner);
    L_prime = n;
    E(LOAD); E(0); E(PRINT); E(INC); E(2);
    L_next = n;
    E(INC); E(0); E(JMP); E(L_outer);
    code[J_halt] = n;
    E(HALT);
    code[J_prime] = L_prime;
    code[J_comp] = L_next;
#undef E
    long mem[4] = {0};
    long steps = run(code, mem);
    printf("\nprimes=%ld steps=%ld\n", mem[2], steps);

    void *target = mem[2] > 40 ? &&big : &&small;
    goto *target;
small:
    printf("small\n");
    return 1;
big:
    printf("big\n");
    return (int)(mem[2]);
}
