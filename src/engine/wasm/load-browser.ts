// Loading the WebAssembly SIMD kernels in a browser page or worker. Vite serves the compiled file
// (built by `npm run wasm`) at a hashed URL. instantiateStreaming compiles while downloading but
// needs the server to say application/wasm; otherwise we fall back to fetching the bytes.
import wasmUrl from './build/kernels.wasm?url';
import { kernels, typescriptKernels, useKernels, type Kernels } from '../backend.ts';
import { wasmKernels, type WasmExports } from './kernels-wasm.ts';

let loading: Promise<Kernels | null> | null = null;

async function instantiate(): Promise<WasmExports> {
  try {
    const { instance } = await WebAssembly.instantiateStreaming(fetch(wasmUrl), {});
    return instance.exports as unknown as WasmExports;
  } catch {
    const bytes = await (await fetch(wasmUrl)).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, {});
    return instance.exports as unknown as WasmExports;
  }
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
