// The two-thread fused step in Node: the compiled kernels-threads.wasm and worker_threads. Only
// benchmarks and tests import this (browsers get theirs from ./load-browser.ts).
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StepThreads } from './fused-step.ts';
import { preferredBuild, type WasmBuild } from './features.ts';

/** The two-thread module of `build` with Node worker threads for its helper. */
export function nodeStepThreads(build: WasmBuild = preferredBuild()): StepThreads {
  const file = build === 'simd-fma' ? './build/kernels-threads-fma.wasm' : './build/kernels-threads.wasm';
  const module = new WebAssembly.Module(readFileSync(new URL(file, import.meta.url)));
  return {
    module,
    startHelper(module, memory, setupArgs) {
      const helper = new Worker(new URL('./step-helper.node.ts', import.meta.url), { workerData: { module, memory, setupArgs } });
      helper.on('error', (error: Error) => console.warn(`the fused step's helper thread failed (training goes on without it): ${error.message}`));
      helper.unref();
    },
  };
}
