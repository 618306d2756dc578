// The fast path in Node (tests and benchmarks): the compiled modules read from ./build/ and, for
// the second thread, a worker_threads worker.
import { readFileSync } from 'node:fs';
import { preferredBuild, type WasmBuild } from './features.ts';
import { wasmStepper, type StepThreads, type WasmStepper } from './fused-step.ts';
import { instantiateSync, wasmKernels, type Kernels } from './kernels-wasm.ts';
import { nodeStepThreads } from './node-threads.ts';

export { nodeStepThreads } from './node-threads.ts';

const files: Record<WasmBuild, string> = { simd: './build/kernels.wasm', 'simd-fma': './build/kernels-fma.wasm' };

/** The compiled single-thread module of `build`, or null without the file (run `npm run wasm`) or without SIMD. */
function nodeModule(build: WasmBuild): WebAssembly.Module | null {
  try {
    return new WebAssembly.Module(readFileSync(new URL(files[build], import.meta.url)));
  } catch {
    return null;
  }
}

/** The WebAssembly step of `build`; with `threads`, the two-thread build and its helper (see nodeStepThreads). */
export function nodeWasmStepper(options: { build?: WasmBuild; threads?: StepThreads } = {}): WasmStepper | null {
  const module = nodeModule(options.build ?? preferredBuild());
  return module && wasmStepper(module, options.threads);
}

/** The matrix products in WebAssembly SIMD, or null. */
export function nodeWasmKernels(build: WasmBuild = preferredBuild()): Kernels | null {
  try {
    return wasmKernels(instantiateSync(readFileSync(new URL(files[build], import.meta.url))));
  } catch {
    return null;
  }
}
