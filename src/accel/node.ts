// The fast path in Node (tests and benchmarks): the compiled modules read from ./build/ and, for
// the second thread, a worker_threads worker.
import { readFileSync } from 'node:fs';
import { preferredBuild, type WasmBuild } from './features.ts';
import { wasmStepper, type StepThreads, type WasmStepper } from './fused-step.ts';
import { cnnStepper } from './cnn-step.ts';
import type { Network, Stepper } from '../engine/index.ts';
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

/**
 * The WebAssembly step of `build` (default: the one this Node prefers); with `threads`, the
 * two-thread build and its helper (see nodeStepThreads). null without SIMD or without the file.
 */
export async function nodeWasmStepper(options: { build?: WasmBuild; threads?: StepThreads } = {}): Promise<WasmStepper | null> {
  const build = options.build ?? (await preferredBuild());
  const module = build && nodeModule(build);
  return module ? wasmStepper(module, options.threads) : null;
}

/** The matrix products in WebAssembly SIMD, or null. */
export async function nodeWasmKernels(build?: WasmBuild): Promise<Kernels | null> {
  const chosen = build ?? (await preferredBuild());
  if (!chosen) return null;
  try {
    return wasmKernels(instantiateSync(readFileSync(new URL(files[chosen], import.meta.url))));
  } catch {
    return null;
  }
}

/** The WebAssembly step for convolutional networks (./cnn-step.ts) of `build`, or null. */
export async function nodeCnnStepper(build?: WasmBuild): Promise<Stepper<Network> | null> {
  const chosen = build ?? (await preferredBuild());
  const module = chosen && nodeModule(chosen);
  return module ? cnnStepper(module) : null;
}
