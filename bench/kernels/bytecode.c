/*
 * bytecode.c - bytecode interpreter kernel.
 *
 * Exercises the classic interpreter shape: a dense `switch` dispatch loop (compiled to an
 * indirect jump through a table), a small operand stack in memory, and unpredictable
 * branches between short handlers.  Interpreters (scripting languages, regex engines,
 * emulators) are a large share of real workloads, and indirect jumps are among the
 * hardest things for a binary translator to make fast.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_ROUNDS	230u
#define MAX_CODE	1024
#define MAX_LABELS	32
#define STACK_DEPTH	64
#define CALL_DEPTH	16
#define NLOCALS		8

enum op {
	OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_MODU,
	OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ,
	OP_DUP, OP_POP, OP_SWAP, OP_INC, OP_CALL, OP_RET, OP_OUT,
};

struct program {
	int32_t code[MAX_CODE];
	int len;
	int label_pos[MAX_LABELS];
	/* Forward references are recorded and patched once all labels are known. */
	int fix_at[MAX_LABELS * 4];
	int fix_label[MAX_LABELS * 4];
	int nfix;
};

struct vm {
	uint32_t locals[NLOCALS];
	uint64_t out;
	uint64_t steps;
};

static unsigned parse_pct(int argc, char **argv)
{
	long v;

	if (argc < 2)
		return 100;
	v = strtol(argv[1], NULL, 10);
	if (v < 1)
		v = 1;
	if (v > 1000)
		v = 1000;
	return (unsigned)v;
}

static void emit(struct program *p, enum op op)
{
	p->code[p->len++] = (int32_t)op;
}

static void emit1(struct program *p, enum op op, int32_t arg)
{
	p->code[p->len++] = (int32_t)op;
	p->code[p->len++] = arg;
}

static void emit_jump(struct program *p, enum op op, int label)
{
	p->code[p->len++] = (int32_t)op;
	p->fix_at[p->nfix] = p->len;
	p->fix_label[p->nfix++] = label;
	p->code[p->len++] = -1;
}

static void place(struct program *p, int label)
{
	p->label_pos[label] = p->len;
}

static void resolve_labels(struct program *p)
{
	int i;

	for (i = 0; i < p->nfix; i++)
		p->code[p->fix_at[i]] = p->label_pos[p->fix_label[i]];
}

/* Counts primes below locals[0] by trial division: a division-heavy inner loop. */
static void gen_primes(struct program *p)
{
	enum { LIMIT, N, D, COUNT, ISP };
	enum { L_OUTER, L_INNER, L_NEXT_D, L_END_INNER, L_DONE };

	emit1(p, OP_PUSH, 2);
	emit1(p, OP_STORE, N);
	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, COUNT);
	place(p, L_OUTER);
	emit1(p, OP_LOAD, N);
	emit1(p, OP_LOAD, LIMIT);
	emit(p, OP_LT);
	emit_jump(p, OP_JZ, L_DONE);
	emit1(p, OP_PUSH, 2);
	emit1(p, OP_STORE, D);
	emit1(p, OP_PUSH, 1);
	emit1(p, OP_STORE, ISP);
	place(p, L_INNER);
	emit1(p, OP_LOAD, N);
	emit1(p, OP_LOAD, D);
	emit(p, OP_DUP);
	emit(p, OP_MUL);
	emit(p, OP_LT);
	emit_jump(p, OP_JNZ, L_END_INNER);
	emit1(p, OP_LOAD, N);
	emit1(p, OP_LOAD, D);
	emit(p, OP_MODU);
	emit_jump(p, OP_JNZ, L_NEXT_D);
	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, ISP);
	emit_jump(p, OP_JMP, L_END_INNER);
	place(p, L_NEXT_D);
	emit1(p, OP_INC, D);
	emit_jump(p, OP_JMP, L_INNER);
	place(p, L_END_INNER);
	emit1(p, OP_LOAD, COUNT);
	emit1(p, OP_LOAD, ISP);
	emit(p, OP_ADD);
	emit1(p, OP_STORE, COUNT);
	emit1(p, OP_INC, N);
	emit_jump(p, OP_JMP, L_OUTER);
	place(p, L_DONE);
	emit1(p, OP_LOAD, COUNT);
	emit(p, OP_OUT);
	emit(p, OP_HALT);
	resolve_labels(p);
}

/* Fibonacci modulo locals[2], locals[0] steps: stack shuffling plus a modulo per step. */
static void gen_fib(struct program *p)
{
	enum { ITERS, A, M, B, I };
	enum { L_LOOP, L_DONE };

	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, A);
	emit1(p, OP_PUSH, 1);
	emit1(p, OP_STORE, B);
	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, I);
	place(p, L_LOOP);
	emit1(p, OP_LOAD, I);
	emit1(p, OP_LOAD, ITERS);
	emit(p, OP_LT);
	emit_jump(p, OP_JZ, L_DONE);
	emit1(p, OP_LOAD, A);
	emit1(p, OP_LOAD, B);
	emit(p, OP_DUP);
	emit1(p, OP_STORE, A);
	emit(p, OP_ADD);
	emit1(p, OP_LOAD, M);
	emit(p, OP_MODU);
	emit1(p, OP_STORE, B);
	emit1(p, OP_INC, I);
	emit_jump(p, OP_JMP, L_LOOP);
	place(p, L_DONE);
	emit1(p, OP_LOAD, A);
	emit(p, OP_OUT);
	emit(p, OP_HALT);
	resolve_labels(p);
}

/* Total Collatz steps for 1..locals[0]-1, with the step as a CALLed subroutine. */
static void gen_collatz(struct program *p)
{
	enum { LIMIT, N, X, TOTAL };
	enum { L_OUTER, L_CHAIN, L_CHAIN_DONE, L_DONE, L_STEP, L_EVEN };

	emit1(p, OP_PUSH, 1);
	emit1(p, OP_STORE, N);
	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, TOTAL);
	place(p, L_OUTER);
	emit1(p, OP_LOAD, N);
	emit1(p, OP_LOAD, LIMIT);
	emit(p, OP_LT);
	emit_jump(p, OP_JZ, L_DONE);
	emit1(p, OP_LOAD, N);
	emit1(p, OP_STORE, X);
	place(p, L_CHAIN);
	emit1(p, OP_LOAD, X);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_EQ);
	emit_jump(p, OP_JNZ, L_CHAIN_DONE);
	emit1(p, OP_LOAD, X);
	emit_jump(p, OP_CALL, L_STEP);
	emit1(p, OP_STORE, X);
	emit1(p, OP_INC, TOTAL);
	emit_jump(p, OP_JMP, L_CHAIN);
	place(p, L_CHAIN_DONE);
	emit1(p, OP_INC, N);
	emit_jump(p, OP_JMP, L_OUTER);
	place(p, L_DONE);
	emit1(p, OP_LOAD, TOTAL);
	emit(p, OP_OUT);
	emit(p, OP_HALT);
	/* step(x): x odd ? 3x + 1 : x / 2, written with shifts like a compiler would. */
	place(p, L_STEP);
	emit(p, OP_DUP);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_AND);
	emit_jump(p, OP_JZ, L_EVEN);
	emit(p, OP_DUP);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_SHL);
	emit(p, OP_ADD);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_ADD);
	emit(p, OP_RET);
	place(p, L_EVEN);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_SHR);
	emit(p, OP_RET);
	resolve_labels(p);
}

/* An xorshift32 generator folded into an accumulator: pure bit-twiddling opcodes. */
static void gen_mix(struct program *p)
{
	enum { ITERS, X, I, ACC };
	enum { L_LOOP, L_DONE };

	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, I);
	emit1(p, OP_PUSH, 0);
	emit1(p, OP_STORE, ACC);
	place(p, L_LOOP);
	emit1(p, OP_LOAD, I);
	emit1(p, OP_LOAD, ITERS);
	emit(p, OP_LT);
	emit_jump(p, OP_JZ, L_DONE);
	emit1(p, OP_LOAD, X);
	emit(p, OP_DUP);
	emit1(p, OP_PUSH, 13);
	emit(p, OP_SHL);
	emit(p, OP_XOR);
	emit(p, OP_DUP);
	emit1(p, OP_PUSH, 17);
	emit(p, OP_SHR);
	emit(p, OP_XOR);
	emit(p, OP_DUP);
	emit1(p, OP_PUSH, 5);
	emit(p, OP_SHL);
	emit(p, OP_XOR);
	emit(p, OP_DUP);
	emit1(p, OP_STORE, X);
	/* acc = (acc - (x | 1) / 7) ^ (x & 0xffff); the SWAP/POP keep the stack balanced. */
	emit1(p, OP_LOAD, ACC);
	emit(p, OP_SWAP);
	emit1(p, OP_PUSH, 1);
	emit(p, OP_OR);
	emit1(p, OP_PUSH, 7);
	emit(p, OP_DIVU);
	emit(p, OP_SUB);
	emit1(p, OP_LOAD, X);
	emit1(p, OP_PUSH, 0xffff);
	emit(p, OP_AND);
	emit(p, OP_XOR);
	emit1(p, OP_STORE, ACC);
	emit1(p, OP_PUSH, 12345);
	emit(p, OP_POP);
	emit1(p, OP_INC, I);
	emit_jump(p, OP_JMP, L_LOOP);
	place(p, L_DONE);
	emit1(p, OP_LOAD, ACC);
	emit(p, OP_OUT);
	emit(p, OP_HALT);
	resolve_labels(p);
}

static int run(struct vm *vm, const int32_t *code)
{
	uint32_t stack[STACK_DEPTH];
	int32_t rstack[CALL_DEPTH];
	uint32_t *sp = stack;
	int rsp = 0, pc = 0;
	uint32_t a;
	uint64_t steps = 0;

	for (;;) {
		steps++;
		switch (code[pc++]) {
		case OP_HALT:
			vm->steps += steps;
			return 0;
		case OP_PUSH:
			*sp++ = (uint32_t)code[pc++];
			break;
		case OP_LOAD:
			*sp++ = vm->locals[code[pc++]];
			break;
		case OP_STORE:
			vm->locals[code[pc++]] = *--sp;
			break;
		case OP_ADD:
			a = *--sp;
			sp[-1] += a;
			break;
		case OP_SUB:
			a = *--sp;
			sp[-1] -= a;
			break;
		case OP_MUL:
			a = *--sp;
			sp[-1] *= a;
			break;
		case OP_DIVU:
			a = *--sp;
			/* Division by zero is defined as 0 so guest bugs cannot trap the host. */
			sp[-1] = a ? sp[-1] / a : 0;
			break;
		case OP_MODU:
			a = *--sp;
			sp[-1] = a ? sp[-1] % a : 0;
			break;
		case OP_AND:
			a = *--sp;
			sp[-1] &= a;
			break;
		case OP_OR:
			a = *--sp;
			sp[-1] |= a;
			break;
		case OP_XOR:
			a = *--sp;
			sp[-1] ^= a;
			break;
		case OP_SHL:
			a = *--sp;
			sp[-1] <<= a & 31;
			break;
		case OP_SHR:
			a = *--sp;
			sp[-1] >>= a & 31;
			break;
		case OP_LT:
			a = *--sp;
			sp[-1] = sp[-1] < a;
			break;
		case OP_EQ:
			a = *--sp;
			sp[-1] = sp[-1] == a;
			break;
		case OP_JMP:
			pc = code[pc];
			break;
		case OP_JZ:
			pc = *--sp ? pc + 1 : code[pc];
			break;
		case OP_JNZ:
			pc = *--sp ? code[pc] : pc + 1;
			break;
		case OP_DUP:
			sp[0] = sp[-1];
			sp++;
			break;
		case OP_POP:
			sp--;
			break;
		case OP_SWAP:
			a = sp[-1];
			sp[-1] = sp[-2];
			sp[-2] = a;
			break;
		case OP_INC:
			vm->locals[code[pc++]]++;
			break;
		case OP_CALL:
			if (rsp == CALL_DEPTH)
				return -1;
			rstack[rsp++] = pc + 1;
			pc = code[pc];
			break;
		case OP_RET:
			pc = rstack[--rsp];
			break;
		case OP_OUT:
			a = *--sp;
			vm->out = (vm->out ^ a) * 0x100000001b3ull;
			break;
		default:
			return -1;
		}
	}
}

int main(int argc, char **argv)
{
	static struct program primes, fib, collatz, mix;
	unsigned pct = parse_pct(argc, argv);
	unsigned rounds = BASE_ROUNDS * pct / 100;
	struct vm vm;
	unsigned r;
	int err = 0;

	if (rounds < 1)
		rounds = 1;
	gen_primes(&primes);
	gen_fib(&fib);
	gen_collatz(&collatz);
	gen_mix(&mix);
	memset(&vm, 0, sizeof(vm));
	vm.out = 0xcbf29ce484222325ull;

	/* Parameters vary per round so no result can be cached across rounds. */
	for (r = 0; r < rounds; r++) {
		memset(vm.locals, 0, sizeof(vm.locals));
		vm.locals[0] = 4000 + (r % 8) * 100;
		err |= run(&vm, primes.code);

		memset(vm.locals, 0, sizeof(vm.locals));
		vm.locals[0] = 30000 + r;
		vm.locals[2] = 1000003 + r;
		err |= run(&vm, fib.code);

		memset(vm.locals, 0, sizeof(vm.locals));
		vm.locals[0] = 1500 + (r % 16) * 10;
		err |= run(&vm, collatz.code);

		memset(vm.locals, 0, sizeof(vm.locals));
		vm.locals[0] = 20000;
		vm.locals[1] = 0x9e3779b9u ^ r;
		err |= run(&vm, mix.code);
	}
	if (err) {
		printf("bytecode checksum=BAD_PROGRAM\n");
		return 1;
	}
	printf("bytecode checksum=%016llx\n",
	       (unsigned long long)(vm.out ^ (vm.steps << 1)));
	return 0;
}
