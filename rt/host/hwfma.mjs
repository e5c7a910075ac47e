// hwfma.mjs: hardware fused multiply-add for a module made by rv2wasm.
//
// Wasm has no scalar fma.  rv2wasm computes every fused operation of
// translated code by calling one of two functions shaped as relaxed SIMD's
// madd, friscy_fma64 and friscy_fma32 ((v128 a, b, c) -> a*b+c in lane 0),
// which do it exactly in software.  Relaxed SIMD's madd (f64x2.relaxed_madd,
// f32x4.relaxed_madd) is either fused or not, depending on the host's
// hardware; it is fused where it matters (x86-64 with FMA3, every arm64).
// instantiate() replaces every call of those functions -- in the bodies the
// module's friscy.fma section lists -- by the madd instruction itself,
// compiles that, and asks the instance, through the module's two probe
// functions, whether the madd is fused, with operands whose fused and
// unfused results differ.  Only then does it keep it; anywhere else (no
// relaxed SIMD, as in Safari; an unfused madd) the module runs as written,
// as exactly, only slower.  (A separate probe module would be simpler, but
// a second compiled module makes Node 20 crash now and then at exit.)
// FRISCY_FMA=soft keeps the software (tests use it to exercise it).  The
// instruction reader below knows the opcodes rv2wasm's modules use; meeting
// any other, it leaves the module alone.

const MADD64 = new Uint8Array([0xfd, 0x87, 0x02]); // f64x2.relaxed_madd, 0x107
const MADD32 = new Uint8Array([0xfd, 0x85, 0x02]); // f32x4.relaxed_madd, 0x105

// Reads a LEB128 u32 at p: [value, next p].
function uleb(b, p) {
  let v = 0, shift = 0, byte;
  do {
    byte = b[p++];
    v += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [v, p];
}
function name(b, p) {
  const [n, q] = uleb(b, p);
  return [new TextDecoder().decode(b.subarray(q, q + n)), q + n];
}

// The end of the instruction at p of a function body (throws on an opcode
// this reader does not know: the caller then leaves the module alone).
const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);
function sleb(b, p) {
  while (b[p] & 0x80) p++;
  return p + 1;
}
function memarg(b, p) {
  return uleb(b, uleb(b, p)[1])[1];
}
function skip(b, p) {
  const op = b[p++];
  if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1)
    return p;
  if (op >= 0x02 && op <= 0x04) return VALTYPES.has(b[p]) || b[p] === 0x40 ? p + 1 : sleb(b, p);
  if (op === 0x0c || op === 0x0d || op === 0x10 || op === 0x12 || (op >= 0x20 && op <= 0x26) || op === 0xd2)
    return uleb(b, p)[1];
  if (op === 0x0e) {
    let [n, q] = uleb(b, p);
    for (; n >= 0; n--) q = uleb(b, q)[1];
    return q;
  }
  if (op === 0x11 || op === 0x13) return uleb(b, uleb(b, p)[1])[1];
  if (op === 0x1c) {
    const [n, q] = uleb(b, p);
    return q + n;
  }
  if (op >= 0x28 && op <= 0x3e) return memarg(b, p);
  if (op === 0x3f || op === 0x40 || op === 0xd0) return p + 1;
  if (op === 0x41 || op === 0x42) return sleb(b, p);
  if (op === 0x43) return p + 4;
  if (op === 0x44) return p + 8;
  if (op >= 0x45 && op <= 0xc4) return p;
  if (op === 0xfc) {
    const [sub, q] = uleb(b, p);
    if (sub <= 7) return q;
    if (sub === 8) return uleb(b, q)[1] + 1;
    if (sub === 10) return q + 2;
    if (sub === 11) return q + 1;
    if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) return uleb(b, q)[1];
    if (sub === 12 || sub === 14) return uleb(b, uleb(b, q)[1])[1];
  }
  if (op === 0xfd) {
    const [sub, q] = uleb(b, p);
    if (sub <= 11 || sub === 92 || sub === 93) return memarg(b, q);
    if (sub === 12 || sub === 13) return q + 16;
    if (sub >= 21 && sub <= 34) return q + 1;
    if (sub >= 84 && sub <= 91) return memarg(b, q) + 1;
    if (sub <= 0x113) return q;
  }
  throw new Error(`opcode 0x${op.toString(16)} at ${p - 1}`);
}

// Overwrites, in the function body at [start, end), each `call f` for f in
// `subst` (index -> instruction bytes) by those bytes, padded with nops to
// the call's length: the body keeps its size, so nothing is copied (a copy
// of a 20 MB module is tens of milliseconds of page faults).  Pushes
// [offset, original bytes] to `undo`; throws on a call too short to hold
// the instruction.
function patchCalls(b, start, end, subst, undo) {
  let [n, p] = uleb(b, start);
  for (; n > 0; n--) p = uleb(b, p)[1] + 1; // locals: count, type
  while (p < end) {
    const q = skip(b, p);
    if (b[p] === 0x10) {
      const r = subst.get(uleb(b, p + 1)[0]);
      if (r) {
        if (q - p < r.length) throw new Error(`a call at ${p} is shorter than its replacement`);
        undo.push([p, Uint8Array.from(b.subarray(p, q))]); // a copy: a Buffer's slice is a view
        b.set(r, p);
        b.fill(0x01, p + r.length, q);
      }
    }
    p = q;
  }
  if (p !== end) throw new Error('a function body overruns its size');
}

// Replaces, in place, the calls of the exported functions named in `repl`
// (name -> instruction bytes) in the bodies the module's friscy.fma section
// lists.  Returns a function that puts the original bytes back, or null
// when nothing was replaced (the bytes then are as they were).
function replaceCalls(bytes, repl) {
  const sections = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p];
    const [size, q] = uleb(bytes, p + 1);
    sections.push({ id, start: p, data: q, end: q + size });
    p = q + size;
  }
  let nimported = 0;
  const subst = new Map(); // function index -> replacement
  let users = null; // function indices from friscy.fma
  for (const s of sections) {
    if (s.id === 2) { // imports: count the functions
      let [n, q] = uleb(bytes, s.data);
      for (; n > 0; n--) {
        q = name(bytes, q)[1];
        q = name(bytes, q)[1];
        const kind = bytes[q++];
        if (kind === 0) { nimported++; q = uleb(bytes, q)[1]; }
        else if (kind === 1) { q++; q = limits(bytes, q); }
        else if (kind === 2) q = limits(bytes, q);
        else if (kind === 3) q += 2;
        else return null; // a kind this reader does not know: leave it
      }
    } else if (s.id === 7) {
      let [n, q] = uleb(bytes, s.data);
      for (; n > 0; n--) {
        let nm;
        [nm, q] = name(bytes, q);
        const kind = bytes[q++];
        let idx;
        [idx, q] = uleb(bytes, q);
        if (kind === 0 && repl[nm]) subst.set(idx, repl[nm]);
      }
    } else if (s.id === 0) {
      const [nm, q] = name(bytes, s.data);
      if (nm === 'friscy.fma') {
        let [n, r] = uleb(bytes, q);
        users = new Set();
        for (; n > 0; n--) {
          let idx;
          [idx, r] = uleb(bytes, r);
          users.add(idx);
        }
      }
    }
  }
  const code = sections.find((s) => s.id === 10);
  if (!subst.size || !users || !users.size || !code) return null;
  const undo = [];
  const restore = () => { for (const [at, orig] of undo) bytes.set(orig, at); };
  let [n, q] = uleb(bytes, code.data);
  try {
    for (let i = 0; i < n; i++) {
      const [size, r] = uleb(bytes, q);
      if (users.has(nimported + i)) patchCalls(bytes, r, r + size, subst, undo);
      q = r + size;
    }
  } catch {
    restore();
    return null;
  }
  return undo.length ? restore : null;
}
function limits(b, q) {
  const flag = b[q++];
  q = uleb(b, q)[1];
  if (flag & 1) q = uleb(b, q)[1];
  return q;
}

// Instantiates bytes with `imports`: { instance, fma }, fma 'hardware'
// when the fused operations run on the host's madd, else 'software'.
// Compile errors of the module as written propagate.  The bytes are patched
// in place for the compilation and put back right after it.
export function instantiate(bytes, imports, env = {}) {
  if (env.FRISCY_FMA !== 'soft') {
    const restore = replaceCalls(bytes, { friscy_fma64: MADD64, friscy_fma32: MADD32 });
    let module = null;
    if (restore) {
      try {
        module = new WebAssembly.Module(bytes);
      } catch {
        // no relaxed SIMD here
      }
      restore();
    }
    if (module) {
      const instance = new WebAssembly.Instance(module, imports);
      const { friscy_fma64_probe: p64, friscy_fma32_probe: p32 } = instance.exports;
      // a*b = 1 - 2^-2k rounds to 1 unfused: fused gives -2^-2k, unfused 0
      if (p64 && p32 && p64(1 + 2 ** -30, 1 - 2 ** -30, -1) === -(2 ** -60) && p32(1 + 2 ** -13, 1 - 2 ** -13, -1) === -(2 ** -26))
        return { instance, fma: 'hardware' };
    }
  }
  return { instance: new WebAssembly.Instance(new WebAssembly.Module(bytes), imports), fma: 'software' };
}
