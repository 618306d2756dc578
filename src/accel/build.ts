// `npm run wasm`: compiles the AssemblyScript kernels (./assembly/) into ./build/, four modules:
// one thread and two (shared memory, ./assembly/threads.ts), each plain SIMD and with relaxed
// SIMD, whose fused multiply-add (./assembly/madd.ts) makes the training step 6–8% faster where
// the browser has it (./features.ts chooses at run time).
import { mkdirSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { MAX_SHARED_PAGES } from './limits.ts';

const SHARED = ['--importMemory', '--sharedMemory', '--maximumMemory', String(MAX_SHARED_PAGES)];

const builds = [
  { entry: 'index.ts', out: 'kernels.wasm', features: 'simd', extra: [] },
  { entry: 'index.ts', out: 'kernels-fma.wasm', features: 'simd,relaxed-simd', extra: [] },
  { entry: 'threads.ts', out: 'kernels-threads.wasm', features: 'simd,threads', extra: SHARED },
  { entry: 'threads.ts', out: 'kernels-threads-fma.wasm', features: 'simd,threads,relaxed-simd', extra: SHARED },
];

const here = (path: string) => new URL(path, import.meta.url).pathname;
mkdirSync(here('./build/'), { recursive: true });

for (const { entry, out, features, extra } of builds) {
  const { error, stderr } = await asc.main([
    here(`./assembly/${entry}`), '--enable', features, '--runtime', 'stub', '-O3', '--noAssert', ...extra,
    '--outFile', here(`./build/${out}`),
  ]);
  if (error) {
    console.error(stderr.toString());
    throw new Error(`npm run wasm: ${out} did not compile: ${error.message}`);
  }
}
