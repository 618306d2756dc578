// The fused step's second thread in a browser: the two-thread build of the WebAssembly step (shared
// memory, ../engine/wasm/assembly/threads.ts) and a worker for its helper thread. Shared
// WebAssembly memory exists only on cross-origin isolated pages (the server sends
// Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), and the
// leader thread waits with Atomics.wait, which only workers may do: the training worker calls this.
import type { StepThreads } from '../engine/wasm/fused-step.ts';
import type { HelperStart } from './step-helper.worker.ts';

async function compile(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer()); // served without application/wasm
  }
}

/**
 * The two-thread step from the module at `wasmUrl` (kernels-threads.wasm), with each run's helper
 * started by `startHelper` (a worker running ./step-helper.worker.ts); null where this page cannot
 * share memory between threads or has a single core.
 */
export async function stepThreads(wasmUrl: string, startHelper: () => Worker): Promise<StepThreads | null> {
  if (!globalThis.crossOriginIsolated || navigator.hardwareConcurrency < 2) return null;
  try {
    return {
      module: await compile(wasmUrl),
      startHelper(module, memory, setupArgs) {
        const helper = startHelper();
        helper.onerror = (event) => {
          event.preventDefault(); // the leader goes on alone, as it does until a helper joins
          console.warn(`the training helper thread failed (training goes on without it): ${event.message}`);
        };
        helper.postMessage({ module, memory, setupArgs } satisfies HelperStart);
      },
    };
  } catch {
    return null; // this browser's WebAssembly has no threads or no SIMD: one thread
  }
}
