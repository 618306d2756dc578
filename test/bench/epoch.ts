// `npm run bench`: one training epoch over all 60,000 MNIST images (784-128-10,
// ReLU, He, batch 128, learning rate 0.1), then accuracy on the 10,000 test images;
// and, in the same run, the same work with plain number[][] arrays on 2,048 images,
// scaled up to a full epoch, as the baseline. Not a test: it only prints.
//
// Fairness on a shared machine: other jobs come and go, so the baseline's 16
// minibatches are spread through the engine's epoch (run from train's beforeBatch
// hook, their time taken out of the engine's), and both feel the same load. Three
// rounds; the best time of each counts. Wall-clock and CPU time are both printed.
//
// Each round trains the epoch twice: with the TypeScript reference kernels (kernels.ts) and with the
// WebAssembly SIMD backend (wasm/, one fused call per minibatch), so both are measured in the same
// run. Then the same two epochs in Chromium (browser-epoch.ts; BENCH_BROWSER=0 skips it).
import { MLP, evaluate, train } from '../../src/engine/index.ts';
import { loadWasmKernelsInNode, typescriptKernels, useKernels, type Kernels } from '../../src/engine/backend.ts';
import { browserEpochs } from './browser-epoch.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';
import { plainStep, type PlainNet } from './baseline.ts';

const SIZES = [784, 128, 10];
const BATCH = 128;
const LEARNING_RATE = 0.1;
const BASELINE_BATCHES = 16; // 2,048 images
const ROUNDS = 3;

interface Time {
  wall: number;
  cpu: number;
}

/** Seconds of wall-clock and of CPU time (user + system) that `work` took. */
async function timed(work: () => Promise<void> | void): Promise<Time> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** Multiply-adds count 2 flops; per example: Z1, Z2 forward; dW2, dA1, dW1 backward. */
function flopsPerExample([n0, n1, n2]: number[]): number {
  return 2 * (n1 * n0 + n2 * n1) + 2 * (n2 * n1 + n1 * n2 + n1 * n0);
}

const trainSet = mnistSubset('train', 0, loadMnist().train.count);
const testSet = mnistSubset('test', 0, loadMnist().test.count);
const m = trainSet.X.cols;

/** The baseline: the same network and steps on number[][], one minibatch at a time. */
function createBaseline(): (batch: number) => void {
  const { X, labels } = mnistSubset('train', 0, BASELINE_BATCHES * BATCH);
  const grid = X.toArray();
  const start = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  const net: PlainNet = {
    W1: start.W[0].toArray(), b1: Array.from(start.b[0].data),
    W2: start.W[1].toArray(), b2: Array.from(start.b[1].data),
  };
  return (batch) => {
    const s = batch * BATCH;
    const Xb = grid.map((row) => row.slice(s, s + BATCH));
    const Yb = Array.from({ length: 10 }, (_, i) => Array.from(labels.slice(s, s + BATCH), (y) => (y === i ? 1 : 0)));
    plainStep(net, Xb, Yb, LEARNING_RATE);
  };
}

const wasm = loadWasmKernelsInNode();
if (!wasm) throw new Error('the WebAssembly kernels did not load: run `npm run wasm` first');

/** One epoch with the given kernels, without the baseline. */
async function wasmRound(kernels: Kernels): Promise<{ engine: Time; accuracy: number }> {
  useKernels(kernels);
  const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  const engine = await timed(async () => {
    await train(net, { train: trainSet }, { epochs: 1, learningRate: LEARNING_RATE, batchSize: BATCH, seed: 1, yieldEveryMs: 1e9 });
  });
  return { engine, accuracy: evaluate(net, testSet).accuracy };
}

async function round(): Promise<{ engine: Time; baseline: Time; accuracy: number }> {
  useKernels(typescriptKernels);
  const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  const baselineStep = createBaseline();
  const every = Math.floor(Math.ceil(m / BATCH) / BASELINE_BATCHES);
  const baseline: Time = { wall: 0, cpu: 0 };
  let batch = 0, done = 0;
  const beforeBatch = async () => {
    if (batch++ % every !== 0 || done === BASELINE_BATCHES) return;
    const t = await timed(() => baselineStep(done++));
    baseline.wall += t.wall;
    baseline.cpu += t.cpu;
  };
  const total = await timed(async () => {
    await train(net, { train: trainSet }, {
      epochs: 1, learningRate: LEARNING_RATE, batchSize: BATCH, seed: 1, yieldEveryMs: 1e9, beforeBatch,
    });
  });
  const engine = { wall: total.wall - baseline.wall, cpu: total.cpu - baseline.cpu };
  return { engine, baseline, accuracy: evaluate(net, testSet).accuracy };
}

const best = (a: Time, b: Time): Time => ({ wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) });
let engine: Time = { wall: Infinity, cpu: Infinity };
let baseline: Time = { wall: Infinity, cpu: Infinity };
let fast: Time = { wall: Infinity, cpu: Infinity };
let accuracy = 0, fastAccuracy = 0;
const fastRounds: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const result = await round(); // the same seed every round: the same accuracy
  engine = best(engine, result.engine);
  baseline = best(baseline, result.baseline);
  accuracy = result.accuracy;
  const wasmResult = await wasmRound(wasm);
  fast = best(fast, wasmResult.engine);
  fastRounds.push(wasmResult.engine.wall);
  fastAccuracy = wasmResult.accuracy;
}
const gflop = (flopsPerExample(SIZES) * m) / 1e9;
const perEpoch = (t: number) => (t * m) / (BASELINE_BATCHES * BATCH);

console.log(`Node ${process.version}, one epoch of ${m} images, best of ${ROUNDS} rounds, ${SIZES.join('-')} ReLU/He, batch ${BATCH}, lr ${LEARNING_RATE}`);
console.log(`matrix products per epoch: ${gflop.toFixed(1)} GFLOP (zeros the engine skips still count)`);
console.log(`engine, TypeScript kernels:   ${engine.wall.toFixed(2)} s per epoch (${engine.cpu.toFixed(2)} s CPU), ${(gflop / engine.wall).toFixed(2)} GFLOP/s`);
console.log(`          test accuracy after one epoch: ${(accuracy * 100).toFixed(2)}% on 10,000 images`);
console.log(`engine, WebAssembly SIMD:     ${fast.wall.toFixed(3)} s per epoch (${fast.cpu.toFixed(3)} s CPU), ${(gflop / fast.wall).toFixed(1)} GFLOP/s` +
  ` (rounds ${fastRounds.map((t) => t.toFixed(3)).join(', ')} s; the first also builds the non-zero lists of X once)`);
console.log(`          test accuracy after one epoch: ${(fastAccuracy * 100).toFixed(2)}% on 10,000 images`);
console.log(`          ${(engine.wall / fast.wall).toFixed(1)}× the TypeScript kernels by wall-clock time, ${(engine.cpu / fast.cpu).toFixed(1)}× by CPU time`);
console.log(`baseline: number[][] on ${BASELINE_BATCHES * BATCH} images, scaled to the epoch: ${perEpoch(baseline.wall).toFixed(1)} s (${perEpoch(baseline.cpu).toFixed(1)} s CPU), ${(gflop / perEpoch(baseline.wall)).toFixed(2)} GFLOP/s`);
console.log(`speed-up over the baseline: TypeScript kernels ${(perEpoch(baseline.wall) / engine.wall).toFixed(1)}× by wall-clock time, ${(perEpoch(baseline.cpu) / engine.cpu).toFixed(1)}× by CPU time;` +
  ` WebAssembly SIMD ${(perEpoch(baseline.wall) / fast.wall).toFixed(0)}× by wall-clock time, ${(perEpoch(baseline.cpu) / fast.cpu).toFixed(0)}× by CPU time`);

if (process.env.BENCH_BROWSER !== '0') {
  const browser = await browserEpochs(ROUNDS, 1);
  console.log(`\nChromium (${/Chrome\/[\d.]+/.exec(browser.userAgent)?.[0] ?? browser.userAgent}), the same epoch on the page's main thread:`);
  const [fastest, reference] = browser.results.map((r) => ({ ...r, best: Math.min(...r.seconds) }));
  for (const r of [fastest, reference]) {
    console.log(`  ${r.backend.padEnd(10)} ${r.best.toFixed(3)} s per epoch (rounds ${r.seconds.map((t) => t.toFixed(3)).join(', ')}), ${(gflop / r.best).toFixed(1)} GFLOP/s,` +
      ` ${(perEpoch(baseline.wall) / r.best).toFixed(1)}× the Node baseline; test accuracy ${(r.accuracy * 100).toFixed(2)}%`);
  }
  console.log(`  WebAssembly SIMD is ${(reference.best / fastest.best).toFixed(1)}× the TypeScript kernels in Chromium`);
}
