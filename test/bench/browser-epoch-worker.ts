// Runs in a worker of a cross-origin isolated page in Chromium (bundled by test/bench/browser-epoch.ts):
// one MNIST epoch through the engine's train() with each backend, the same work as test/bench/epoch.ts.
// A worker, because the two-thread step's leader waits with Atomics.wait, which a page may not.
// The runner serves the MNIST bytes, the compiled .wasm files and the helper thread's script beside
// this worker's own script.
/// <reference lib="webworker" />
import { MLP, evaluate, train, type Dataset } from '../../src/engine/index.ts';
import { typescriptKernels, useKernels, type Kernels } from '../../src/engine/backend.ts';
import { wasmKernels, type WasmExports } from '../../src/engine/wasm/kernels-wasm.ts';
import { stepThreads } from '../../src/worker/step-threads.ts';
import { preferredBuild } from '../../src/engine/wasm/features.ts';
import { imagesToMatrix } from '../../src/data/idx.ts';

const SIZES = [784, 128, 10];
const BASE = new URL('./', location.href).href;

export interface BenchRequest { trainCount: number; wasmRounds: number; typescriptRounds: number }
/** Each round's seconds and the number of threads most of its steps ran on. */
export interface BenchResult { backend: string; seconds: number[]; threads: number[]; accuracy: number }

async function bytes(name: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(BASE + name)).arrayBuffer());
}

async function dataset(split: 'train' | 'test', count: number): Promise<Dataset> {
  const [pixels, labels] = await Promise.all([bytes(`${split}-pixels`), bytes(`${split}-labels`)]);
  return { X: imagesToMatrix(pixels, { start: 0, count }), labels };
}

/** The kernels from the compiled file (kernels.wasm, kernels-fma.wasm, …: see src/engine/wasm/build.ts). */
async function wasmBackend(file: string): Promise<Kernels> {
  const { module, instance } = await WebAssembly.instantiateStreaming(fetch(BASE + file), {});
  return wasmKernels({ module, exports: instance.exports as unknown as WasmExports });
}

/** Each round's epoch seconds (the first round of a module also builds its non-zero lists). */
async function epochs(name: string, kernels: Kernels, trainSet: Dataset, testSet: Dataset, rounds: number): Promise<BenchResult> {
  useKernels(kernels);
  const seconds: number[] = [], threads: number[] = [];
  let accuracy = 0;
  for (let r = 0; r < rounds; r++) {
    const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
    const started = performance.now();
    // with train()'s own pauses for the event loop, as in the site's training worker
    const result = await train(net, { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 128, seed: 1 });
    seconds.push((performance.now() - started) / 1000);
    threads.push(result.threads);
    accuracy = evaluate(net, testSet).accuracy;
  }
  return { backend: name, seconds, threads, accuracy };
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const { trainCount, wasmRounds, typescriptRounds } = event.data;
  const [trainSet, testSet] = await Promise.all([dataset('train', trainCount), dataset('test', 10_000)]);
  // the build the site runs here (with the fused multiply-add where relaxed SIMD validates), and plain SIMD
  const fma = preferredBuild() === 'simd-fma', suffix = fma ? '-fma' : '';
  const wasm = await wasmBackend(`kernels${suffix}.wasm`), plain = await wasmBackend('kernels.wasm');
  const threads = await stepThreads(BASE + `kernels-threads${suffix}.wasm`, () => new Worker(BASE + 'helper.js'));
  if (!threads) throw new Error('the bench page is not cross-origin isolated: no second thread');
  const simd = fma ? 'WebAssembly SIMD with FMA' : 'WebAssembly SIMD';
  const results = [
    await epochs(`${simd}, 1 thread`, wasm, trainSet, testSet, wasmRounds),
    await epochs(`${simd}, 2 threads, tuned`, { ...wasm, stepThreads: threads }, trainSet, testSet, wasmRounds),
    await epochs(`${simd}, 2 threads always`, { ...wasm, stepThreads: { ...threads, always: true } }, trainSet, testSet, wasmRounds),
    ...(fma ? [await epochs('WebAssembly SIMD without FMA, 1 thread', plain, trainSet, testSet, wasmRounds)] : []),
    await epochs('TypeScript kernels', typescriptKernels, trainSet, testSet, typescriptRounds),
  ];
  scope.postMessage({ userAgent: navigator.userAgent, results });
};
