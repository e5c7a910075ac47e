/*
 * dispatch.c: what translated code calls when it cannot go on by itself,
 * and the few integer helpers Wasm has no instruction for.
 */
#include "rt.h"

/*
 * One step of dispatch for a guest call whose target was not known at
 * translation time: run the translated entry at rt_cpu.pc if there is one
 * (as a call `depth` deep, see rt_gen_call), else interpret until control
 * reaches translated code.  The caller then checks whether rt_cpu.pc is
 * where it expects to continue.
 */
RT_EXPORT void rt_run_one(uint32_t depth)
{
	uint64_t pc = rt_cpu.pc;
	uint32_t func, entry;

	if (!rt_entry_find(pc, &func, &entry)) {
		rt_interp_run();
		return;
	}
	if (func < 1u << (32 - RT_ICACHE_EBITS) && entry < 1u << RT_ICACHE_EBITS && pc < 1ull << 31)
		rt_icache[(pc >> 1) & (RT_ICACHE - 1)] = (pc | 1) << 32 | (uint64_t)func << RT_ICACHE_EBITS | entry;
	rt_gen_call(func, entry, depth);
}

uint64_t rt_icache[RT_ICACHE];

RT_EXPORT uint64_t rt_mulh(uint64_t a, uint64_t b)
{
	return (uint64_t)(((__int128)(int64_t)a * (__int128)(int64_t)b) >> 64);
}

RT_EXPORT uint64_t rt_mulhu(uint64_t a, uint64_t b)
{
	return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

RT_EXPORT uint64_t rt_mulhsu(uint64_t a, uint64_t b)
{
	return (uint64_t)(((__int128)(int64_t)a * (__int128)(unsigned __int128)b) >> 64);
}

RT_EXPORT uint64_t rt_rev8(uint64_t a)
{
	return __builtin_bswap64(a);
}

RT_EXPORT uint64_t rt_orc_b(uint64_t a)
{
	uint64_t r = 0;

	for (int i = 0; i < 64; i += 8)
		if (a >> i & 0xff)
			r |= 0xffull << i;
	return r;
}

