// Which kernels run the engine's matrix products. The readable TypeScript loops in kernels.ts are
// the reference and the fallback; when the WebAssembly SIMD module can be loaded (it is compiled by
// `npm run wasm`, and the engine checks that this JavaScript engine accepts SIMD), the same three
// products run there instead, with the same signatures and results equal up to float32 rounding.
//
// Node loads the module by itself on first use (set NN_BACKEND=typescript to keep the reference
// loops). A browser page or worker calls loadWasmBackend() from ./wasm/load-browser.ts first.
import * as reference from './kernels.ts';
import { instantiateSync, wasmKernels } from './wasm/kernels-wasm.ts';
import type { StepThreads } from './wasm/fused-step.ts';
import { preferredBuild, type WasmBuild } from './wasm/features.ts';

type Product = (a: Float32Array, b: Float32Array, c: Float32Array, d0: number, d1: number, d2: number) => void;

export interface Kernels {
  name: 'typescript' | 'wasm-simd';
  /** The compiled WebAssembly module (wasm-simd only): the fused training step instantiates it. */
  module?: WebAssembly.Module;
  /** The two-thread build of the fused step, where a second thread is allowed (wasm-simd only). */
  stepThreads?: StepThreads;
  /** C (n, m) = A (n, k)·B (k, m): arguments (a, b, c, n, k, m). */
  matmul: Product;
  /** C (n, m) = Aᵀ·B for A (k, n): arguments (a, b, c, k, n, m). */
  matmulTransA: Product;
  /** C (n, m) = A·Bᵀ for B (m, k): arguments (a, b, c, n, k, m). */
  matmulTransB: Product;
}

export const typescriptKernels: Kernels = {
  name: 'typescript',
  matmul: reference.matmul,
  matmulTransA: reference.matmulTransA,
  matmulTransB: reference.matmulTransB,
};

let current: Kernels | null = null;

/** The kernels in use now (loading the WebAssembly module in Node on the first call). */
export function kernels(): Kernels {
  current ??= (nodeProcess()?.env.NN_BACKEND === 'typescript' ? null : loadWasmKernelsInNode()) ?? typescriptKernels;
  return current;
}

/** Chooses the kernels explicitly: typescriptKernels, or wasmKernels(...) once loaded. */
export function useKernels(chosen: Kernels): void {
  current = chosen;
}

/** The name of the backend in use: 'typescript' or 'wasm-simd'. */
export function backendName(): Kernels['name'] {
  return kernels().name;
}

interface NodeProcess {
  env: Record<string, string | undefined>;
  getBuiltinModule?(name: 'node:fs'): { readFileSync(path: URL): Uint8Array<ArrayBuffer> };
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/**
 * In Node, the WebAssembly kernels from the compiled file of `build` (not installed; see
 * useKernels). null in a browser (no node:fs), without the file, or where WebAssembly SIMD is not
 * supported.
 */
export function loadWasmKernelsInNode(build: WasmBuild = preferredBuild()): Kernels | null {
  const proc = nodeProcess();
  if (!proc?.getBuiltinModule) return null;
  try {
    const file = build === 'simd-fma' ? new URL('./wasm/build/kernels-fma.wasm', import.meta.url) : new URL('./wasm/build/kernels.wasm', import.meta.url);
    const bytes = proc.getBuiltinModule('node:fs').readFileSync(file);
    return wasmKernels(instantiateSync(bytes));
  } catch {
    return null; // no compiled file (run `npm run wasm`) or no SIMD: the reference loops
  }
}
