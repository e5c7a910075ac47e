// friscy.cjs: the Node.js host.  `friscy run PROG.wasm [ARGS...]` runs a
// module made by rv2wasm as a WASI command: the guest's stdin, stdout and
// stderr are ours, its exit status is ours.  Everything Linux-like happens
// inside the module (rt/); this file only hands it WASI.
//
// CommonJS, not an ES module: Node 20 starts its ES module loader for an
// .mjs entry, which cost `friscy run busybox.wasm echo hi` 11 ms of its
// ~150 (min and median of 30 runs each).
'use strict';
const { readFileSync } = require('node:fs');
const v8 = require('node:v8');
const { WASI } = require('node:wasi');
const { instantiate } = require('./hwfma.cjs');

// Node 20 has relaxed SIMD behind a flag; it must be set before the first
// module is compiled.  Only hwfma.cjs's rewrite uses it.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
// A function is validated and compiled when it is first called: a run of
// busybox calls few of its thousands of functions, and checking all of
// them up front cost ~30 ms of start-up.  rv2wasm's output validates (the
// tests run wasm-validate on every module); a module damaged after that
// fails when the damaged function is first called.
v8.setFlagsFromString('--wasm-lazy-compilation');
v8.setFlagsFromString('--wasm-lazy-validation');
// V8 hands a function to TurboFan once it has run about its tiering budget
// in bytes of Liftoff code; ten times the default (1.8 MB).  Translated
// functions are large: glibc's __vfprintf_internal is a 97 KB body that a
// few printf calls took past the default, and TurboFan then spent ~95 ms
// on it on a worker thread -- which Node waits for at exit.  Kernels of
// bench/ ended 50-140 ms sooner (crc 1.55 -> 1.45 s, hash 1.28 -> 1.18 s,
// none slower), busybox awk and sort on 5 MB 5-10 % sooner; hot loops
// still reach TurboFan within milliseconds (50 MB gained nothing more).
v8.setFlagsFromString('--wasm-tiering-budget=18000000');

const usage = 'usage: friscy run PROG.wasm [ARGS...]\n';

function fail(msg, code) {
  process.stderr.write(`friscy: ${msg}\n`);
  process.exit(code);
}

const argv = process.argv.slice(2);
if (argv[0] === '--help' || argv[0] === '-h') {
  process.stdout.write(usage);
  process.exit(0);
}
if (argv[0] === '--version') {
  process.stdout.write('friscy 0.1.0\n');
  process.exit(0);
}
if (argv[0] !== 'run' || argv.length < 2) {
  process.stderr.write(usage);
  process.exit(2);
}
const [, file, ...args] = argv;

let bytes;
try {
  bytes = readFileSync(file);
} catch (e) {
  fail(`${file}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`, 1);
}

// The launcher (friscy.sh) changed some variables for Node itself and kept
// the user's values in FRISCY_GUEST_*: "=VALUE", or empty when it was unset.
// The guest sees the environment as the user had it.
const env = { ...process.env };
for (const [kept, name] of [['FRISCY_GUEST_TUNABLES', 'GLIBC_TUNABLES'], ['FRISCY_GUEST_CA_CERTS', 'NODE_EXTRA_CA_CERTS']]) {
  if (env[kept] === undefined) continue;
  if (env[kept].startsWith('=')) env[name] = env[kept].slice(1);
  else delete env[name];
  delete env[kept];
}

const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env,
  returnOnExit: true,
  // The guest sees the host's working directory (as under qemu-user) at
  // its own path, and starts there; the rest of its tree is rt's VFS.
  preopens: { [process.cwd()]: process.cwd() },
});
// Node 20 lets the garbage collector destroy a WASI object whose start()
// is still running (its native side then aborts in fd_write): keep it
// reachable for the life of the process.
globalThis.friscyWasi = wasi;

let instance, fma;
try {
  // The guest's exit ends the process right there.  WASI's own proc_exit
  // unwinds the Wasm stack with an exception, and Node 20's V8 crashes now
  // and then doing that through a module that holds relaxed-SIMD code
  // (hwfma.cjs); WASI output is written synchronously, nothing is pending.
  const imports = wasi.getImportObject();
  imports.wasi_snapshot_preview1 = { ...imports.wasi_snapshot_preview1, proc_exit: (code) => process.exit(code) };
  ({ instance, fma } = instantiate(bytes, imports, process.env));
} catch (e) {
  if (e instanceof WebAssembly.CompileError) fail(`${file}: not a friscy module (${e.message})`, 1);
  fail(`internal error: ${e.stack || e}`, 134);
}
if (process.env.FRISCY_STATS) process.stderr.write(`friscy: fused multiply-add in ${fma}\n`);

let status;
try {
  status = wasi.start(instance);
} catch (e) {
  // functions are validated lazily (above): a damaged one fails here
  if (e instanceof WebAssembly.CompileError) fail(`${file}: not a friscy module (${e.message})`, 1);
  // rt/ ends the guest through proc_exit; a trap reaching us is a fault
  // the runtime did not catch (for example an access straddling the top of
  // guest memory) or a runtime bug.
  if (e instanceof WebAssembly.RuntimeError && /out of bounds/.test(e.message))
    fail('guest terminated by signal 11 (Segmentation fault)', 139);
  fail(`internal error: ${e.stack || e}`, 134);
}
process.exitCode = status;
