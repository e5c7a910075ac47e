/*
 * cpu.c: the guest hart's state and the instructions translated code and
 * the interpreter hand to the runtime: traps (ebreak, illegal, faults),
 * Zicsr on the user-level CSRs, the A extension, fence.i.
 *
 * There is one hart and no preemption, so atomics are plain
 * read-modify-writes; LR/SC keeps a reservation that SC, syscalls and
 * nothing else clear (RISC-V unprivileged spec, 8.2).
 */
#include <stddef.h>
#include <stdio.h>
#include <wasi/api.h>

#include "rtint.h"
#include "rv.h"

struct rt_cpu rt_cpu = {.reservation = ~(uint64_t)0};
uint32_t rt_code_epoch;

/* rv2wasm addresses rt_cpu through these offsets. */
#define CHECK_OFF(field, off) _Static_assert(offsetof(struct rt_cpu, field) == (off), #field)
CHECK_OFF(x[0], RT_CPU_X(0));
CHECK_OFF(x[31], RT_CPU_X(31));
CHECK_OFF(f[0], RT_CPU_F(0));
CHECK_OFF(f[31], RT_CPU_F(31));
CHECK_OFF(pc, RT_CPU_PC);
CHECK_OFF(fflags, RT_CPU_FFLAGS);
CHECK_OFF(frm, RT_CPU_FRM);
CHECK_OFF(rd_lo, RT_CPU_RD_LO);
CHECK_OFF(wr_lo, RT_CPU_WR_LO);
CHECK_OFF(brk, RT_CPU_BRK);
CHECK_OFF(mmap_lo, RT_CPU_MMAP_LO);
CHECK_OFF(reservation, RT_CPU_RESERVATION);
CHECK_OFF(n_tx, RT_CPU_N_TX);
CHECK_OFF(n_interp, RT_CPU_N_INTERP);
CHECK_OFF(ro_same, RT_CPU_RO_SAME);
_Static_assert(sizeof(struct rt_cpu) == RT_CPU_RO_SAME + 8, "rt_cpu size");

RT_EXPORT void rt_ebreak(void)
{
	rt_kill(RT_SIGTRAP);
}

RT_EXPORT void rt_illegal(void)
{
	if (rt_debug)
		fprintf(stderr, "friscy: illegal instruction at pc 0x%llx\n",
			(unsigned long long)rt_cpu.pc);
	rt_kill(RT_SIGILL);
}

RT_EXPORT void rt_fault(uint64_t addr, uint32_t is_store)
{
	if (rt_debug || rt_strace)
		fprintf(stderr, "friscy: %s of unmapped address 0x%llx at pc 0x%llx\n",
			is_store ? "store" : "load", (unsigned long long)addr,
			(unsigned long long)rt_cpu.pc);
	rt_kill(RT_SIGSEGV);
}

static void bus_error(uint64_t addr)
{
	if (rt_debug || rt_strace)
		fprintf(stderr, "friscy: misaligned atomic at 0x%llx, pc 0x%llx\n",
			(unsigned long long)addr, (unsigned long long)rt_cpu.pc);
	rt_kill(RT_SIGBUS);
}

/* Nanoseconds of the host's monotonic clock. */
uint64_t rt_now_ns(void)
{
	__wasi_timestamp_t t;
	if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0)
		return 0;
	return t;
}

/*
 * The counters.  qemu-riscv64 (user mode) answers all three with the
 * host's cycle counter; we give `time` the 10 MHz timebase of Linux on
 * qemu's virt board (what a guest computing seconds from rdtime expects)
 * and `cycle`/`instret` the retired-instruction count, which is as good a
 * cycle count as any and keeps them monotonic.
 */
static uint64_t counter(uint32_t csr)
{
	if (csr == 0xC01)
		return rt_clock_ns(__WASI_CLOCKID_MONOTONIC) / 100;
	return rt_cpu.n_tx + rt_cpu.n_interp;
}

RT_EXPORT uint64_t rt_csr(uint32_t csr, uint32_t op, uint64_t val, uint32_t write)
{
	uint64_t old, new;
	switch (csr) {
	case 0x001:
		old = rt_cpu.fflags & 0x1f;
		break;
	case 0x002:
		old = rt_cpu.frm & 7;
		break;
	case 0x003:
		old = (rt_cpu.frm & 7) << 5 | (rt_cpu.fflags & 0x1f);
		break;
	case 0xC00:
	case 0xC01:
	case 0xC02:
		if (write)
			rt_illegal();
		return counter(csr);
	default:
		rt_illegal();
		return 0;
	}
	if (!write)
		return old;
	switch (op) {
	case 0:
		new = val;
		break;
	case 1:
		new = old | val;
		break;
	case 2:
		new = old & ~val;
		break;
	default:
		rt_illegal();
		return 0;
	}
	/* Writes ignore the bits a field does not have (fcsr[31:8] are WPRI,
	 * fflags/frm views write only their own field). */
	switch (csr) {
	case 0x001:
		rt_cpu.fflags = new & 0x1f;
		break;
	case 0x002:
		rt_cpu.frm = new & 7;
		break;
	case 0x003:
		rt_cpu.fflags = new & 0x1f;
		rt_cpu.frm = (new >> 5) & 7;
		break;
	}
	return old;
}

static int is_word(uint32_t op)
{
	switch (op) {
	case RV_LR_W:
	case RV_SC_W:
	case RV_AMOSWAP_W:
	case RV_AMOADD_W:
	case RV_AMOXOR_W:
	case RV_AMOAND_W:
	case RV_AMOOR_W:
	case RV_AMOMIN_W:
	case RV_AMOMAX_W:
	case RV_AMOMINU_W:
	case RV_AMOMAXU_W:
		return 1;
	}
	return 0;
}

/* The value an AMO stores, from the old memory value m and rs2 value v,
 * both already sign-extended (.w) or full (.d). */
static uint64_t amo_result(uint32_t op, uint64_t m, uint64_t v)
{
	switch (op) {
	case RV_AMOSWAP_W:
	case RV_AMOSWAP_D:
		return v;
	case RV_AMOADD_W:
	case RV_AMOADD_D:
		return m + v;
	case RV_AMOXOR_W:
	case RV_AMOXOR_D:
		return m ^ v;
	case RV_AMOAND_W:
	case RV_AMOAND_D:
		return m & v;
	case RV_AMOOR_W:
	case RV_AMOOR_D:
		return m | v;
	case RV_AMOMIN_W:
	case RV_AMOMIN_D:
		return (int64_t)m < (int64_t)v ? m : v;
	case RV_AMOMAX_W:
	case RV_AMOMAX_D:
		return (int64_t)m > (int64_t)v ? m : v;
	case RV_AMOMINU_W:
		return (uint32_t)m < (uint32_t)v ? m : v;
	case RV_AMOMAXU_W:
		return (uint32_t)m > (uint32_t)v ? m : v;
	case RV_AMOMINU_D:
		return m < v ? m : v;
	case RV_AMOMAXU_D:
		return m > v ? m : v;
	}
	rt_illegal();
	return 0;
}

/* Check an atomic access: alignment first (SIGBUS, as Linux reports a
 * misaligned AMO), then mapping (SIGSEGV). */
static void amo_check(uint64_t addr, unsigned size, int write)
{
	if (addr & (size - 1))
		bus_error(addr);
	if (!rt_mapped(addr, size, write))
		rt_fault(addr, write);
}

RT_EXPORT uint64_t rt_amo(uint32_t op, uint64_t addr, uint64_t val)
{
	unsigned size = is_word(op) ? 4 : 8;
	uint64_t m;

	switch (op) {
	case RV_LR_W:
	case RV_LR_D:
		amo_check(addr, size, 0);
		m = rt_load(addr, size);
		rt_cpu.reservation = addr;
		return size == 4 ? (uint64_t)(int64_t)(int32_t)m : m;
	case RV_SC_W:
	case RV_SC_D:
		/* A failing SC touches no memory, so it cannot fault (as on
		 * qemu); either way the reservation is gone. */
		if (rt_cpu.reservation != addr) {
			rt_reservation_clear();
			return 1;
		}
		rt_reservation_clear();
		amo_check(addr, size, 1);
		rt_store(addr, val, size);
		return 0;
	}
	amo_check(addr, size, 1);
	m = rt_load(addr, size);
	if (size == 4) {
		m = (uint64_t)(int64_t)(int32_t)m;
		val = (uint64_t)(int64_t)(int32_t)val;
	}
	rt_store(addr, amo_result(op, m, val), size);
	return m;
}

/*
 * Translated code exists only for the image's text, which is read-only
 * unless the guest mprotects it writable; until then no store can have
 * changed it and fence.i has nothing to invalidate.  Once text became
 * writable we cannot tell which translations are stale, so all of them go
 * and the interpreter runs everything from then on (as it does at once
 * when text is unmapped or loses execute permission: mem.c).  The epoch
 * tells the interpreter to drop whatever decoded code it caches.
 */
RT_EXPORT void rt_fence_i(void)
{
	rt_code_epoch++;
	if (rt_text_writable)
		rt_tx_off();
}

/* No translated code runs from now on: not through the entry table, and
 * not through the direct calls between translated functions either. */
void rt_tx_off(void)
{
	rt_entries_drop();
	rt_gen_stop();
}
