// Runs in a worker of a cross-origin isolated page in Chromium (bundled by test/bench/browser-epoch.ts):
// one MNIST epoch through the engine's train() with each backend, the same work as test/bench/epoch.ts.
// A worker, because the two-thread step's leader waits with Atomics.wait, which a page may not.
// The runner serves the MNIST bytes, the compiled .wasm files and the helper thread's script beside
// this worker's own script.
/// <reference lib="webworker" />
import { MLP, evaluate, referenceStep, train, type Dataset, type Stepper } from '../../src/engine/index.ts';
import { alwaysTwo, cnnStepper, preferredBuild, stepThreads, wasmStepper } from '../../src/accel/index.ts';
import { imagesToMatrix } from '../../src/data/idx.ts';
import { cnnEpoch, type CnnEpoch } from './cnn-epoch.ts';

const SIZES = [784, 128, 10];
const BASE = new URL('./', location.href).href;

/** `mlp`: the dense network's epochs; `cnn`: chapter 16's CNN epoch (cnn-epoch.ts). */
export interface BenchRequest { trainCount: number; wasmRounds: number; typescriptRounds: number; mlp: boolean; cnn: boolean }
/** Each round's seconds and the number of threads most of its steps ran on. */
export interface BenchResult { backend: string; seconds: number[]; threads: number[]; accuracy: number }

async function bytes(name: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(BASE + name)).arrayBuffer());
}

async function dataset(split: 'train' | 'test', count: number): Promise<Dataset> {
  const [pixels, labels] = await Promise.all([bytes(`${split}-pixels`), bytes(`${split}-labels`)]);
  return { X: imagesToMatrix(pixels, { start: 0, count }), labels };
}

/** The compiled file (kernels.wasm, kernels-fma.wasm, …: see src/accel/build.ts). */
async function compiled(file: string): Promise<WebAssembly.Module> {
  return WebAssembly.compileStreaming(fetch(BASE + file));
}

/** Each round's epoch seconds (the first round of a stepper also builds its non-zero lists). */
async function epochs(name: string, stepper: Stepper, trainSet: Dataset, testSet: Dataset, rounds: number): Promise<BenchResult> {
  const seconds: number[] = [], threads: number[] = [];
  let accuracy = 0;
  for (let r = 0; r < rounds; r++) {
    const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
    const started = performance.now();
    // with train()'s own pauses for the event loop, as in the site's training worker
    const { step } = await train(net, { train: trainSet }, { epochs: 1, learningRate: 0.1, batchSize: 128, seed: 1, stepper });
    seconds.push((performance.now() - started) / 1000);
    if (step.name !== stepper.name) throw new Error(`the ${stepper.name} did not run: ${step.reason}`);
    threads.push(step.threads);
    accuracy = evaluate(net, testSet, stepper).accuracy;
  }
  return { backend: name, seconds, threads, accuracy };
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const { trainCount, wasmRounds, typescriptRounds, mlp, cnn } = event.data;
  const [trainSet, testSet] = await Promise.all([dataset('train', trainCount), dataset('test', 10_000)]);
  // the build the site runs here (with the fused multiply-add where relaxed SIMD validates), and plain SIMD
  const fma = (await preferredBuild()) === 'simd-fma', suffix = fma ? '-fma' : '';
  const module = await compiled(`kernels${suffix}.wasm`), plain = await compiled('kernels.wasm');
  const cnnResult: CnnEpoch | undefined = cnn ? await cnnEpoch(trainSet, testSet, cnnStepper(module)) : undefined;
  if (!mlp) return scope.postMessage({ userAgent: navigator.userAgent, results: [], cnn: cnnResult });
  const threads = await stepThreads(BASE + `kernels-threads${suffix}.wasm`, () => new Worker(BASE + 'helper.js'));
  if (!threads) throw new Error('the bench page is not cross-origin isolated: no second thread');
  const simd = fma ? 'WebAssembly SIMD with FMA' : 'WebAssembly SIMD';
  const results = [
    await epochs(`${simd}, 1 thread`, wasmStepper(module), trainSet, testSet, wasmRounds),
    await epochs(`${simd}, 2 threads, tuned`, wasmStepper(module, threads), trainSet, testSet, wasmRounds),
    await epochs(`${simd}, 2 threads always`, wasmStepper(module, { ...threads, tuner: alwaysTwo }), trainSet, testSet, wasmRounds),
    ...(fma ? [await epochs('WebAssembly SIMD without FMA, 1 thread', wasmStepper(plain), trainSet, testSet, wasmRounds)] : []),
    await epochs('TypeScript kernels', referenceStep, trainSet, testSet, typescriptRounds),
  ];
  scope.postMessage({ userAgent: navigator.userAgent, results, cnn: cnnResult });
};
