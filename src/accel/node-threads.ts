// The two-thread fused step in Node: the compiled kernels-threads.wasm and worker_threads. Only
// benchmarks and tests use this (browsers get theirs from ./browser-threads.ts).
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StepThreads } from './fused-step.ts';
import type { WasmBuild } from './features.ts';

/**
 * The two-thread module of `build` with a Node worker thread for its helper: one for every run,
 * started now, since starting a thread takes longer than many steps.
 */
export function nodeStepThreads(build: WasmBuild, tuner?: StepThreads['tuner']): StepThreads {
  const file = build === 'simd-fma' ? './build/kernels-threads-fma.wasm' : './build/kernels-threads.wasm';
  const module = new WebAssembly.Module(readFileSync(new URL(file, import.meta.url)));
  let helper = started();
  function started(): Worker {
    const worker = new Worker(new URL('./step-helper.node.ts', import.meta.url));
    worker.on('error', (error: Error) => {
      console.warn(`the fused step's helper thread failed (training goes on without it): ${error.message}`);
      helper = started();
    });
    worker.unref(); // it never keeps the process alive
    return worker;
  }
  return {
    module,
    tuner,
    startHelper(module, memory, setupArgs) {
      helper.postMessage({ module, memory, setupArgs });
    },
  };
}
