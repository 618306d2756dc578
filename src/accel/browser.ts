// The fast path in a browser page or worker: Vite serves the compiled modules (built by
// `npm run wasm`) at hashed URLs; the build with the fused multiply-add loads where this browser
// has relaxed SIMD (./features.ts).
import plainUrl from './build/kernels.wasm?url';
import fmaUrl from './build/kernels-fma.wasm?url';
import plainThreadsUrl from './build/kernels-threads.wasm?url';
import fmaThreadsUrl from './build/kernels-threads-fma.wasm?url';
import { preferredBuild } from './features.ts';
import { wasmStepper, type WasmStepper } from './fused-step.ts';
import { cnnStepper } from './cnn-step.ts';
import type { Network, Stepper } from '../engine/index.ts';
import { stepThreads } from './browser-threads.ts';
import { fetchModule } from './fetch-module.ts';
import { wasmKernels, type Kernels, type WasmExports } from './kernels-wasm.ts';

/** The matrix products in WebAssembly SIMD (chapter 3's race), or null where this browser has no SIMD. */
export async function loadWasmKernels(): Promise<Kernels | null> {
  const build = await preferredBuild();
  if (!build) return null;
  try {
    const module = await fetchModule(build === 'simd-fma' ? fmaUrl : plainUrl);
    const instance = await WebAssembly.instantiate(module, {});
    return wasmKernels({ module, exports: instance.exports as unknown as WasmExports });
  } catch {
    return null;
  }
}

/**
 * The WebAssembly step, with a helper thread where this context may share memory between threads
 * (a cross-origin isolated page, and a worker: the leader waits with Atomics.wait); null where
 * this browser has no WebAssembly SIMD, and train() then runs the TypeScript step.
 */
export async function loadWasmStepper(): Promise<WasmStepper | null> {
  const build = await preferredBuild();
  if (!build) return null;
  const fma = build === 'simd-fma';
  try {
    const module = await fetchModule(fma ? fmaUrl : plainUrl);
    const helper = () => new Worker(new URL('./step-helper.worker.ts', import.meta.url), { type: 'module', name: 'training helper' });
    const threads = await stepThreads(fma ? fmaThreadsUrl : plainThreadsUrl, helper);
    return wasmStepper(module, threads ?? undefined);
  } catch {
    return null;
  }
}

/** The WebAssembly step for convolutional networks (./cnn-step.ts), or null without WebAssembly SIMD. */
export async function loadCnnStepper(): Promise<Stepper<Network> | null> {
  const build = await preferredBuild();
  if (!build) return null;
  try {
    return cnnStepper(await fetchModule(build === 'simd-fma' ? fmaUrl : plainUrl));
  } catch {
    return null;
  }
}
