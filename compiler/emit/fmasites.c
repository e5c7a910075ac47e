/*
 * Where the fma calls are in the written module, for the host's rewrite
 * (rt/host/hwfma.cjs): the byte offset of every `call FMA64_FUNC` and
 * `call FMA32_FUNC` in the bodies that make them.  Binaryen does not say
 * where it put an expression, so this walks the bytes it wrote.  Knowing
 * the offsets, the host patches a handful of places instead of decoding
 * the bodies itself in JavaScript at start-up (busybox: 34 ms for 107 KB
 * of bodies, in V8's interpreter).
 *
 * The walk knows the instructions rv2wasm's functions use.  A body with
 * anything else keeps its calls (the software fma is exact, only slower):
 * a module must never fail to translate over an optimisation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emitint.h"

struct rd {
	const uint8_t *b;
	size_t p, end;
	int bad;
};

/* A LEB128 number (util.c reads it, never past the end); signed ones
 * are skipped the same way. */
static uint32_t leb(struct rd *r)
{
	const uint8_t *q = r->b + r->p;
	uint64_t v = uleb128(&q, r->b + r->end);

	r->p = (size_t)(q - r->b);
	return (uint32_t)v;
}

static void memarg(struct rd *r)
{
	leb(r);
	leb(r);
}

static void bytes(struct rd *r, size_t n)
{
	if (r->end - r->p < n)
		r->bad = 1;
	else
		r->p += n;
}

/* Past the instruction at r->p; r->bad on one this walk does not know. */
static void skip(struct rd *r)
{
	uint8_t op = r->b[r->p++];

	if (op <= 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b || op == 0xd1)
		return;
	if (op >= 0x02 && op <= 0x04) { /* block type: a value type, empty, or a type index */
		uint8_t bt = r->p < r->end ? r->b[r->p] : 0;

		if (bt == 0x40 || (bt >= 0x6f && bt <= 0x7f))
			r->p++;
		else
			leb(r);
		return;
	}
	if (op == 0x0c || op == 0x0d || op == 0x10 || op == 0x12 || (op >= 0x20 && op <= 0x26) || op == 0xd2) {
		leb(r);
		return;
	}
	if (op == 0x0e) { /* br_table: n targets and the default */
		uint32_t n = leb(r);

		for (uint64_t i = 0; i <= n && r->p < r->end; i++)
			leb(r);
		return;
	}
	if (op == 0x11 || op == 0x13) {
		leb(r);
		leb(r);
		return;
	}
	if (op == 0x1c) {
		uint32_t n = leb(r);

		bytes(r, n);
		return;
	}
	if (op >= 0x28 && op <= 0x3e) {
		memarg(r);
		return;
	}
	if (op == 0x3f || op == 0x40 || op == 0xd0) {
		bytes(r, 1);
		return;
	}
	if (op == 0x41 || op == 0x42) {
		leb(r);
		return;
	}
	if (op == 0x43 || op == 0x44) {
		bytes(r, op == 0x43 ? 4 : 8);
		return;
	}
	if (op >= 0x45 && op <= 0xc4)
		return;
	if (op == 0xfc) {
		uint32_t sub = leb(r);

		if (sub <= 7)
			return;
		if (sub == 8) { /* memory.init: segment, memory */
			leb(r);
			bytes(r, 1);
		} else if (sub == 10) {
			bytes(r, 2);
		} else if (sub == 11) {
			bytes(r, 1);
		} else if (sub == 9 || sub == 13 || (sub >= 15 && sub <= 17)) {
			leb(r);
		} else if (sub == 12 || sub == 14) {
			leb(r);
			leb(r);
		} else {
			r->bad = 1;
		}
		return;
	}
	if (op == 0xfd) {
		uint32_t sub = leb(r);

		if (sub <= 11 || sub == 92 || sub == 93)
			memarg(r);
		else if (sub == 12 || sub == 13)
			bytes(r, 16);
		else if (sub >= 21 && sub <= 34)
			bytes(r, 1);
		else if (sub >= 84 && sub <= 91) {
			memarg(r);
			bytes(r, 1);
		} else if (sub > 0x113)
			r->bad = 1;
		return;
	}
	r->bad = 1;
}

static void put_leb(uint8_t **buf, size_t *len, size_t *cap, uint32_t v)
{
	if (*len + 5 > *cap) {
		*cap = *cap * 2 + 64;
		*buf = xrealloc(*buf, *cap);
	}
	do {
		(*buf)[(*len)++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

/*
 * The custom section FMA_SECTION for module bytes m[0, n), to be appended
 * after them (so no offset in m moves): LEB128 count, then the offset of
 * each call of function index fma64 or fma32 in the bodies of the function
 * indices users[0, nusers) (ascending, as fma_users in link.c finds them).  Returns its length (0: no site found), the
 * whole section, id and size included, in *out.
 */
size_t emit_fma_sites(const uint8_t *m, size_t n, const uint32_t *users, size_t nusers, uint32_t fma64,
		      uint32_t fma32, uint8_t **out)
{
	struct rd r = {.b = m, .p = 8, .end = n};
	uint32_t nimp = 0, *site = NULL;
	size_t nsite = 0, capsite = 0, u = 0; /* u: the next of users */

	*out = NULL;
	while (r.p < n && !r.bad) {
		uint8_t id = m[r.p++];
		uint32_t size = leb(&r);
		size_t start = r.p, stop = start + size;

		if (size > n - start)
			die("fma sites: the written module has a bad section at %zu", start);
		if (id == 2) { /* imports: functions come first in the index space */
			struct rd s = {.b = m, .p = start, .end = stop};

			for (uint32_t k = leb(&s); k > 0 && !s.bad && s.p < stop; k--) {
				for (int j = 0; j < 2; j++) {
					uint32_t len = leb(&s);

					bytes(&s, len);
				}
				uint8_t kind = s.p < stop ? m[s.p++] : 0xff;

				if (kind == 0) {
					nimp++;
					leb(&s);
				} else if (kind == 1 || kind == 2) {
					if (kind == 1)
						bytes(&s, 1);
					uint8_t flags = s.p < stop ? m[s.p++] : 0;

					leb(&s);
					if (flags & 1)
						leb(&s);
				} else if (kind == 3) {
					bytes(&s, 2);
				} else {
					s.bad = 1;
				}
			}
			if (s.bad)
				die("fma sites: the import section does not parse");
		} else if (id == 10) {
			struct rd s = {.b = m, .p = start, .end = stop};
			uint32_t nbody = leb(&s);

			for (uint32_t i = 0; i < nbody && !s.bad; i++) {
				uint32_t size = leb(&s);
				size_t body = s.p, bend = body + size;

				if (s.bad || size > stop - body)
					die("fma sites: function body %u runs past the code section", i);
				s.p = bend;
				while (u < nusers && users[u] < nimp + i)
					u++;
				if (u == nusers || users[u] != nimp + i)
					continue;
				struct rd f = {.b = m, .p = body, .end = bend};
				size_t first = nsite;

				for (uint32_t k = leb(&f); k > 0 && !f.bad && f.p < bend; k--) { /* locals */
					leb(&f);
					bytes(&f, 1);
				}
				while (f.p < bend && !f.bad) {
					size_t at = f.p;

					if (m[at] == 0x10) {
						f.p++;
						uint32_t callee = leb(&f);

						if (!f.bad && (callee == fma64 || callee == fma32)) {
							if (nsite == capsite) {
								capsite = capsite * 2 + 16;
								site = xrealloc(site, capsite * sizeof *site);
							}
							site[nsite++] = (uint32_t)at;
						}
						continue;
					}
					skip(&f);
				}
				if (f.bad || f.p != bend)
					nsite = first; /* not understood: this body keeps its calls */
			}
		}
		r.p = stop;
	}
	if (!nsite) {
		free(site);
		return 0;
	}

	uint8_t *pay = NULL, *sec = NULL;
	size_t plen = 0, pcap = 0, slen = 0, scap = 0, nlen = strlen(FMA_SECTION);

	put_leb(&pay, &plen, &pcap, (uint32_t)nsite);
	for (size_t i = 0; i < nsite; i++)
		put_leb(&pay, &plen, &pcap, site[i]);
	free(site);
	scap = plen + nlen + 16;
	sec = xmalloc(scap);
	sec[slen++] = 0; /* a custom section */
	put_leb(&sec, &slen, &scap, (uint32_t)(1 + nlen + plen)); /* its name's length fits in one byte */
	put_leb(&sec, &slen, &scap, (uint32_t)nlen);
	memcpy(sec + slen, FMA_SECTION, nlen);
	slen += nlen;
	memcpy(sec + slen, pay, plen);
	slen += plen;
	free(pay);
	*out = sec;
	return slen;
}
