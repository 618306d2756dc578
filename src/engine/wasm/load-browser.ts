// Loading the WebAssembly SIMD kernels in a browser page or worker. Vite serves the compiled files
// (built by `npm run wasm`) at hashed URLs; the one with the fused multiply-add loads where this
// browser has relaxed SIMD (./features.ts). instantiateStreaming compiles while downloading but
// needs the server to say application/wasm; otherwise we fall back to fetching the bytes.
import plainUrl from './build/kernels.wasm?url';
import fmaUrl from './build/kernels-fma.wasm?url';
import { kernels, typescriptKernels, useKernels, type Kernels } from '../backend.ts';
import { wasmKernels, type Compiled, type WasmExports } from './kernels-wasm.ts';
import { preferredBuild } from './features.ts';

let loading: Promise<Kernels | null> | null = null;

async function instantiate(): Promise<Compiled> {
  const wasmUrl = preferredBuild() === 'simd-fma' ? fmaUrl : plainUrl;
  let source: WebAssembly.WebAssemblyInstantiatedSource;
  try {
    source = await WebAssembly.instantiateStreaming(fetch(wasmUrl), {});
  } catch {
    source = await WebAssembly.instantiate(await (await fetch(wasmUrl)).arrayBuffer(), {});
  }
  return { module: source.module, exports: source.instance.exports as unknown as WasmExports };
}

/** The WebAssembly SIMD kernels on their own (not installed in the engine), or null without SIMD. */
export function loadWasmKernels(): Promise<Kernels | null> {
  loading ??= instantiate().then(wasmKernels, () => null);
  return loading;
}

/** Makes the engine use the WebAssembly SIMD kernels when this browser can; returns the backend's name. */
export async function loadWasmBackend(): Promise<Kernels['name']> {
  const fast = await loadWasmKernels();
  useKernels(fast ?? typescriptKernels);
  return kernels().name;
}
