// hwfma.mjs: hardware fused multiply-add for a module made by rv2wasm.
//
// Wasm has no scalar fma.  rv2wasm computes every fused operation of
// translated code in two exported functions, friscy_fma64 and friscy_fma32,
// whose bodies do it exactly in software.  Relaxed SIMD's madd
// (f64x2.relaxed_madd, f32x4.relaxed_madd) is either fused or not,
// depending on the host's hardware; it is fused where it matters (x86-64
// with FMA3, every arm64).  We ask once, with operands whose fused and
// unfused results differ, and only when the answer is "fused" replace the
// two bodies with one madd each before the module is compiled.  Anywhere
// else -- no relaxed SIMD (Safari), an unfused madd -- the module runs as
// written, as exactly, only slower.  FRISCY_FMA=soft keeps the software
// bodies (tests use it to exercise them).

const SPLAT = { f64: 0x14, f32: 0x13 };
const MADD = { f64: [0x87, 0x02], f32: [0x85, 0x02] }; // 0x107, 0x105
const LANE0 = { f64: 0x21, f32: 0x1f };
const VALTYPE = { f64: 0x7c, f32: 0x7d };

// (local.get 0..2, each splatted) madd, lane 0: a function body, without
// its size prefix
function body(t) {
  const b = [0]; // no locals
  for (let i = 0; i < 3; i++) b.push(0x20, i, 0xfd, SPLAT[t]);
  b.push(0xfd, ...MADD[t], 0xfd, LANE0[t], 0, 0x0b);
  return b;
}

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

// a module exporting f(a, b, c) = madd(a, b, c) of type t
function probeModule(t) {
  const v = VALTYPE[t];
  const code = body(t);
  const sec = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...sec(1, [1, 0x60, 3, v, v, v, 1, v]),
    ...sec(3, [1, 0]),
    ...sec(7, [1, 1, 0x66, 0, 0]),
    ...sec(10, [1, ...leb(code.length), ...code]),
  ]);
}

// Is madd of type t fused here?  a*b is 1 - 2^-2k, which rounds to 1
// unfused: fused gives -2^-2k, unfused 0.
function fused(t) {
  let f;
  try {
    f = new WebAssembly.Instance(new WebAssembly.Module(probeModule(t))).exports.f;
  } catch {
    return false; // no relaxed SIMD
  }
  const k = t === 'f64' ? 30 : 13;
  const r = f(1 + 2 ** -k, 1 - 2 ** -k, -1);
  return r === -(2 ** (-2 * k));
}

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

// The module's bytes with the exported functions named in `bodies` (name
// -> body bytes) replaced; the bytes unchanged when it has none of them.
function replaceBodies(bytes, bodies) {
  const sections = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p];
    const [size, q] = uleb(bytes, p + 1);
    sections.push({ id, start: p, data: q, end: q + size });
    p = q + size;
  }
  let nimported = 0;
  const want = new Map(); // function index -> body
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
        else return bytes; // a kind this reader does not know: leave it
      }
    } else if (s.id === 7) {
      let [n, q] = uleb(bytes, s.data);
      for (; n > 0; n--) {
        let nm;
        [nm, q] = name(bytes, q);
        const kind = bytes[q++];
        let idx;
        [idx, q] = uleb(bytes, q);
        if (kind === 0 && bodies[nm]) want.set(idx, bodies[nm]);
      }
    }
  }
  const code = sections.find((s) => s.id === 10);
  if (!want.size || !code) return bytes;
  let [n, q] = uleb(bytes, code.data);
  const parts = [leb(n)];
  for (let i = 0; i < n; i++) {
    const [size, r] = uleb(bytes, q);
    const b = want.get(nimported + i);
    if (b) parts.push(leb(b.length), b);
    else parts.push(bytes.subarray(q, r + size));
    q = r + size;
  }
  const content = parts.reduce((a, x) => a + x.length, 0);
  const head = [10, ...leb(content)];
  const out = new Uint8Array(code.start + head.length + content + (bytes.length - code.end));
  out.set(bytes.subarray(0, code.start), 0);
  let o = code.start;
  out.set(head, o);
  o += head.length;
  for (const x of parts) { out.set(x, o); o += x.length; }
  out.set(bytes.subarray(code.end), o);
  return out;
}
function limits(b, q) {
  const flag = b[q++];
  q = uleb(b, q)[1];
  if (flag & 1) q = uleb(b, q)[1];
  return q;
}

// What this host can do: { f64, f32 } fused madds.
export function hostFma(env = {}) {
  if (env.FRISCY_FMA === 'soft') return { f64: false, f32: false };
  return { f64: fused('f64'), f32: fused('f32') };
}

// bytes with the software fma bodies replaced by the fused hardware ones
// this host has.
export function withHardwareFma(bytes, fma) {
  const bodies = {};
  if (fma.f64) bodies.friscy_fma64 = body('f64');
  if (fma.f32) bodies.friscy_fma32 = body('f32');
  if (!Object.keys(bodies).length) return bytes;
  return replaceBodies(bytes, bodies);
}
