// hwfma.cjs: hardware fused multiply-add for a module made by rv2wasm.
//
// Wasm has no scalar fma.  rv2wasm computes every fused operation of
// translated code by calling one of two functions shaped as relaxed SIMD's
// madd, friscy_fma64 and friscy_fma32 ((v128 a, b, c) -> a*b+c in lane 0),
// which do it exactly in software.  Relaxed SIMD's madd (f64x2.relaxed_madd,
// f32x4.relaxed_madd) is either fused or not, depending on the host's
// hardware; it is fused where it matters (x86-64 with FMA3, every arm64).
// instantiate() replaces every call of those functions -- at the offsets the
// module's friscy.fma section lists -- by the madd instruction itself,
// compiles that, and asks the instance, through the module's two probe
// functions, whether the madd is fused, with operands whose fused and
// unfused results differ.  Only then does it keep it; anywhere else (no
// relaxed SIMD, as in Safari; an unfused madd) the module runs as written,
// as exactly, only slower.  (A separate probe module would be simpler, but
// a second compiled module makes Node 20 crash now and then at exit.)
// FRISCY_FMA=soft keeps the software (tests use it to exercise it).

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

// Replaces, in place, the calls of the exported functions named in `repl`
// (name -> instruction bytes) at the offsets the module's friscy.fma
// section lists (rv2wasm found them in the bytes it wrote:
// compiler/emit/fmasites.c), each padded with nops to the call's length:
// the module keeps its size, so nothing is copied (a copy of a 20 MB module
// is tens of milliseconds of page faults).  Returns a function that puts
// the original bytes back, or null when nothing was replaced (the bytes
// then are as they were): also when a listed offset does not hold such a
// call inside the code section.
function replaceCalls(bytes, repl) {
  const subst = new Map(); // function index -> replacement
  let sites = null, code = null;
  for (let p = 8; p < bytes.length;) {
    const id = bytes[p];
    const [size, q] = uleb(bytes, p + 1);
    if (id === 10) code = [q, q + size];
    if (id === 7) {
      let [n, r] = uleb(bytes, q);
      for (; n > 0; n--) {
        let nm, idx;
        [nm, r] = name(bytes, r);
        const kind = bytes[r++];
        [idx, r] = uleb(bytes, r);
        if (kind === 0 && repl[nm]) subst.set(idx, repl[nm]);
      }
    } else if (id === 0) {
      const [nm, r] = name(bytes, q);
      if (nm === 'friscy.fma') sites = [r, q + size];
    }
    p = q + size;
  }
  if (!subst.size || !sites || !code) return null;
  const undo = [];
  const restore = () => { for (const [at, orig] of undo) bytes.set(orig, at); };
  let [n, r] = uleb(bytes, sites[0]);
  for (; n > 0; n--) {
    let at;
    [at, r] = uleb(bytes, r);
    const [callee, end] = at >= code[0] && at < code[1] && bytes[at] === 0x10 ? uleb(bytes, at + 1) : [-1, 0];
    const ins = subst.get(callee);
    if (r > sites[1] || !ins || end - at < ins.length || end > code[1]) {
      restore();
      return null;
    }
    undo.push([at, Uint8Array.from(bytes.subarray(at, end))]); // a copy: a Buffer's slice is a view
    bytes.set(ins, at);
    bytes.fill(0x01, at + ins.length, end);
  }
  return undo.length ? restore : null;
}

// Instantiates bytes with `imports`: { instance, fma }, fma 'hardware'
// when the fused operations run on the host's madd, else 'software'.
// Compile errors of the module as written propagate.  The bytes are patched
// in place for the compilation and put back right after it.
function instantiate(bytes, imports, env = {}) {
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

// CommonJS for friscy.cjs (see there); an ES module imports it as well
// (`import hw from '.../hwfma.cjs'`), and a classic script gets the global.
if (typeof module === 'object') module.exports = { instantiate };
