// elfhost.mjs: run a static riscv64 ELF on a plain rt.wasm (interpreter
// only), without rv2wasm.  It plays the part of the generated code: the
// env imports rt_gen_blob_size/rt_gen_blob_copy serve blob 0 (a struct
// rt_image built here from the ELF's program headers, rt/rt.h) and one blob
// per PT_LOAD; the entry table is empty, so rt_gen_call is never called.
//
//   node tests/tools/elfhost.mjs BUILD/share/friscy/rt.wasm prog.elf [args...]
//
// The guest sees argv[0] = the ELF's file name, then args; the host env.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const [wasmPath, elfPath, ...guestArgs] = process.argv.slice(2);
if (!wasmPath || !elfPath) {
  console.error('usage: node elfhost.mjs rt.wasm prog.elf [args...]');
  process.exit(2);
}

function loadElf(path) {
  const b = readFileSync(path);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1 || dv.getUint16(18, true) !== 243)
    throw new Error(`${path}: not a little-endian ELF64 RISC-V file`);
  const entry = dv.getBigUint64(24, true);
  const phoff = Number(dv.getBigUint64(32, true));
  const phent = dv.getUint16(54, true), phnum = dv.getUint16(56, true);
  const segs = [];
  let phdr = 0n, brk = 0n, textLo = 0n, textHi = 0n;
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phent;
    const type = dv.getUint32(o, true), flags = dv.getUint32(o + 4, true);
    const off = Number(dv.getBigUint64(o + 8, true)), vaddr = dv.getBigUint64(o + 16, true);
    const filesz = dv.getBigUint64(o + 32, true), memsz = dv.getBigUint64(o + 40, true);
    if (type === 3) throw new Error(`${path}: dynamically linked (PT_INTERP); need a static ELF`);
    if (type === 6) phdr = vaddr; // PT_PHDR
    if (type !== 1) continue;
    // ELF p_flags are X=1 W=2 R=4; the image wants PROT_READ 1, WRITE 2, EXEC 4.
    const prot = ((flags & 4) ? 1 : 0) | (flags & 2) | ((flags & 1) ? 4 : 0);
    segs.push({ vaddr, memsz, filesz, prot, data: b.subarray(off, off + Number(filesz)) });
    if (vaddr + memsz > brk) brk = vaddr + memsz;
    if (flags & 1 && !textHi) { textLo = vaddr; textHi = vaddr + memsz; }
    // Without PT_PHDR, the headers are wherever the segment holding them maps.
    if (!phdr && off <= phoff && phoff + phnum * phent <= off + Number(filesz))
      phdr = vaddr + BigInt(phoff - off);
  }
  return { entry, phdr, phent, phnum, brk, segs, textLo, textHi };
}

// struct rt_image (80 bytes) + struct rt_image_seg[nseg] (32 each) + name.
function imageBlob(elf, name) {
  const nameBytes = Buffer.from(name);
  const segOff = 80, nameOff = segOff + 32 * elf.segs.length;
  const b = Buffer.alloc(nameOff + nameBytes.length);
  b.writeUInt32LE(0x79637366, 0);
  b.writeUInt32LE(3, 4); // RT_IMAGE_VERSION
  b.writeBigUInt64LE(elf.entry, 8);
  b.writeBigUInt64LE(elf.phdr, 16);
  b.writeUInt32LE(elf.phnum, 24);
  b.writeUInt32LE(elf.phent, 28);
  b.writeBigUInt64LE(elf.brk, 32);
  b.writeUInt32LE(elf.segs.length, 40);
  b.writeUInt32LE(nameOff, 44);
  b.writeUInt32LE(nameBytes.length, 48);
  b.writeUInt32LE(elf.segs.length + 1, 52); // entries blob: an id with no data
  b.writeBigUInt64LE(elf.textLo, 56);
  b.writeBigUInt64LE(elf.textHi, 64);
  b.writeUInt32LE(1, 72); // counted: nothing is translated, the interpreter counts all
  elf.segs.forEach((s, i) => {
    const o = segOff + 32 * i;
    b.writeBigUInt64LE(s.vaddr, o);
    b.writeBigUInt64LE(s.memsz, o + 8);
    b.writeBigUInt64LE(s.filesz, o + 16);
    b.writeUInt32LE(s.prot, o + 24);
    b.writeUInt32LE(i + 1, o + 28);
  });
  nameBytes.copy(b, nameOff);
  return b;
}

const elf = loadElf(elfPath);
const blobs = [imageBlob(elf, basename(elfPath)), ...elf.segs.map((s) => s.data)];

const module = await WebAssembly.compile(readFileSync(wasmPath));
let instance;
const env = {
  rt_gen_blob_size: (id) => (id < blobs.length ? blobs[id].length : 0),
  rt_gen_blob_copy: (id, dst) => {
    new Uint8Array(instance.exports.memory.buffer, dst, blobs[id].length).set(blobs[id]);
  },
  rt_gen_call: (func, entry, depth) => {
    throw new Error(`elfhost: rt_gen_call(${func}, ${entry}, ${depth}) with an empty entry table`);
  },
  rt_gen_stop: () => {}, // no translated code to stop
};
// Any other env import is a symbol rt/ failed to define: fail loudly on use.
for (const imp of WebAssembly.Module.imports(module))
  if (imp.module === 'env' && !(imp.name in env))
    env[imp.name] = () => { throw new Error(`elfhost: unresolved rt import env.${imp.name}`); };

const wasi = new WASI({
  version: 'preview1',
  args: [wasmPath, ...guestArgs],
  env: process.env,
  returnOnExit: true,
});
instance = await WebAssembly.instantiate(module, { ...wasi.getImportObject(), env });
process.exitCode = wasi.start(instance);
