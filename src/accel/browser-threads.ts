// The fused step's second thread in a browser: the two-thread build of the WebAssembly step (shared
// memory, ./assembly/threads.ts) and a worker for its helper thread. Shared
// WebAssembly memory exists only on cross-origin isolated pages (the server sends
// Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), and the
// leader thread waits with Atomics.wait, which only workers may do: the training worker calls this.
import type { StepThreads } from './fused-step.ts';
import type { HelperStart } from './step-helper.worker.ts';
import { fetchModule } from './fetch-module.ts';

/**
 * The two-thread step from the module at `wasmUrl` (kernels-threads.wasm), with its helper thread
 * started by `startHelper` (a worker running ./step-helper.worker.ts); null where this page cannot
 * share memory between threads or has a single core.
 *
 * One helper serves every run, started now, while this thread is idle: a worker started from a
 * worker loads only when its parent returns to its event loop, which a training run does only now
 * and then, and starting one (a thread, a JavaScript engine) takes both cores for milliseconds,
 * which would stall the run's first steps. The helper takes each run's shared memory by message.
 */
export async function stepThreads(wasmUrl: string, startHelper: () => Worker): Promise<StepThreads | null> {
  if (!globalThis.crossOriginIsolated || navigator.hardwareConcurrency < 2) return null;
  try {
    const module = await fetchModule(wasmUrl);
    let helper = started();
    function started(): Worker {
      const worker = startHelper();
      worker.onerror = (event) => {
        event.preventDefault(); // this run goes on alone, as it does until a helper joins; the next gets a new helper
        console.warn(`the training helper thread failed (training goes on without it): ${event.message}`);
        helper = started();
      };
      return worker;
    }
    return {
      module,
      startHelper(module, memory, setupArgs) {
        helper.postMessage({ module, memory, setupArgs } satisfies HelperStart);
      },
    };
  } catch {
    return null; // this browser's WebAssembly has no threads or no SIMD: one thread
  }
}
