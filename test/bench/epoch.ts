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
// Each round trains the epoch with the engine's TypeScript step (src/engine/step.ts, the kernels of
// kernels.ts) and with the WebAssembly step (src/accel/, one fused call per minibatch) on one
// thread, on two threads as the site runs it (a tuner measures whether the second thread pays,
// src/accel/thread-tuner.ts), and on two threads for every step, so all are measured in the same
// run; the WebAssembly build is the one the site would pick (with the fused multiply-add where
// relaxed SIMD validates, src/accel/features.ts), and the plain SIMD build runs once more on one
// thread for comparison. Then the same epochs in Chromium (browser-epoch.ts; BENCH_BROWSER=0 skips
// it). CPU time counts every thread of the process.
//
// Last, the CNN line: one epoch of chapter 16's convolutional network with the WebAssembly CNN
// step beside the TypeScript step, in Node and in Chromium (cnn-epoch.ts).
// BENCH_ONLY=cnn runs that line alone.
import { MLP, evaluate, referenceStep, train, type Stepper } from '../../src/engine/index.ts';
import { alwaysTwo, preferredBuild } from '../../src/accel/index.ts';
import { nodeCnnStepper, nodeStepThreads, nodeWasmStepper } from '../../src/accel/node.ts';
import { browserEpochs } from './browser-epoch.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';
import { plainStep, type PlainNet } from './baseline.ts';
import { cnnEpoch, describeCnnEpoch } from './cnn-epoch.ts';

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

const build = await preferredBuild();
const wasm = build && (await nodeWasmStepper({ build }));
if (!build || !wasm) throw new Error('the WebAssembly step did not load: run `npm run wasm` first');

/** The CNN line, in Node and (unless BENCH_BROWSER=0) in Chromium. */
async function cnnLines(): Promise<void> {
  console.log('');
  console.log(describeCnnEpoch(`Node ${process.version}`, m, await cnnEpoch(trainSet, testSet, (await nodeCnnStepper(build!))!)));
  if (process.env.BENCH_BROWSER === '0') return;
  const browser = await browserEpochs(0, 0, { mlp: false, cnn: true });
  console.log(describeCnnEpoch(`Chromium (${/Chrome\/[\d.]+/.exec(browser.userAgent)?.[0] ?? browser.userAgent}), in a worker`, m, browser.cnn!));
}
if (process.env.BENCH_ONLY === 'cnn') {
  await cnnLines();
  process.exit(0);
}

/** One epoch with the given stepper, without the baseline. */
async function wasmRound(stepper: Stepper): Promise<{ engine: Time; accuracy: number; threads: number }> {
  const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  let threads = 0;
  const engine = await timed(async () => {
    const { step } = await train(net, { train: trainSet }, { epochs: 1, learningRate: LEARNING_RATE, batchSize: BATCH, seed: 1, yieldEveryMs: 1e9, stepper });
    if (step.name !== stepper.name) throw new Error(`the ${stepper.name} did not run: ${step.reason}`);
    threads = step.threads;
  });
  return { engine, accuracy: evaluate(net, testSet, stepper).accuracy, threads };
}

async function round(): Promise<{ engine: Time; baseline: Time; accuracy: number }> {
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
      epochs: 1, learningRate: LEARNING_RATE, batchSize: BATCH, seed: 1, yieldEveryMs: 1e9, beforeBatch, stepper: referenceStep,
    });
  });
  const engine = { wall: total.wall - baseline.wall, cpu: total.cpu - baseline.cpu };
  return { engine, baseline, accuracy: evaluate(net, testSet).accuracy };
}

const best = (a: Time, b: Time): Time => ({ wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) });
const fma = build === 'simd-fma', simd = fma ? 'WebAssembly SIMD with FMA' : 'WebAssembly SIMD';
const plain = await nodeWasmStepper({ build: 'simd' });
const modes = [
  { name: `${simd}, 1 thread`, stepper: wasm },
  { name: `${simd}, 2 threads, tuned`, stepper: (await nodeWasmStepper({ build, threads: nodeStepThreads(build) }))! },
  { name: `${simd}, 2 threads always`, stepper: (await nodeWasmStepper({ build, threads: nodeStepThreads(build, alwaysTwo) }))! },
  ...(fma && plain ? [{ name: 'WebAssembly SIMD without FMA, 1 thread', stepper: plain }] : []),
].map((mode) => ({ ...mode, best: { wall: Infinity, cpu: Infinity } as Time, rounds: [] as number[], threads: [] as number[], accuracy: 0 }));
let engine: Time = { wall: Infinity, cpu: Infinity };
let baseline: Time = { wall: Infinity, cpu: Infinity };
let accuracy = 0;
for (let r = 0; r < ROUNDS; r++) {
  const result = await round(); // the same seed every round: the same accuracy
  engine = best(engine, result.engine);
  baseline = best(baseline, result.baseline);
  accuracy = result.accuracy;
  for (const mode of modes) {
    const fast = await wasmRound(mode.stepper);
    mode.best = best(mode.best, fast.engine);
    mode.rounds.push(fast.engine.wall);
    mode.threads.push(fast.threads);
    mode.accuracy = fast.accuracy;
  }
}
const gflop = (flopsPerExample(SIZES) * m) / 1e9;
const perEpoch = (t: number) => (t * m) / (BASELINE_BATCHES * BATCH);
const baselineEpoch: Time = { wall: perEpoch(baseline.wall), cpu: perEpoch(baseline.cpu) };
const pct = (a: number) => `${(a * 100).toFixed(2)}%`;
/** The thread counts most steps of each round ran on: "2, 2, 2 threads". A two-thread mode on 1 means its helper never joined. */
const ranOn = (threads: number[]) => `${threads.join(', ')} thread${threads.every((t) => t === 1) ? '' : 's'}`;
const times = (a: number, b: number) => `${(a / b).toFixed(a / b >= 20 ? 0 : 1)}×`;

console.log(`Node ${process.version}, one epoch of ${m} images, best of ${ROUNDS} rounds, ${SIZES.join('-')} ReLU/He, batch ${BATCH}, lr ${LEARNING_RATE}`);
console.log(`matrix products per epoch: ${gflop.toFixed(1)} GFLOP (zeros the engine skips still count)`);
console.log(`baseline, number[][] on ${BASELINE_BATCHES * BATCH} images scaled to the epoch: ${baselineEpoch.wall.toFixed(1)} s (${baselineEpoch.cpu.toFixed(1)} s CPU), ${(gflop / baselineEpoch.wall).toFixed(2)} GFLOP/s`);
console.log(`TypeScript step: ${engine.wall.toFixed(2)} s per epoch (${engine.cpu.toFixed(2)} s CPU), ${(gflop / engine.wall).toFixed(2)} GFLOP/s,` +
  ` ${times(baselineEpoch.wall, engine.wall)} the baseline by wall-clock time, ${times(baselineEpoch.cpu, engine.cpu)} by CPU time; test accuracy ${pct(accuracy)}`);
for (const mode of modes) {
  console.log(`${mode.name}: ${mode.best.wall.toFixed(3)} s per epoch (${mode.best.cpu.toFixed(3)} s CPU), ${(gflop / mode.best.wall).toFixed(1)} GFLOP/s` +
    ` (rounds ${mode.rounds.map((t) => t.toFixed(3)).join(', ')} s on ${ranOn(mode.threads)}; the first also builds the non-zero lists of X)`);
  console.log(`    ${times(baselineEpoch.wall, mode.best.wall)} the baseline and ${times(engine.wall, mode.best.wall)} the TypeScript kernels by wall-clock time` +
    ` (${times(baselineEpoch.cpu, mode.best.cpu)} and ${times(engine.cpu, mode.best.cpu)} by CPU time); test accuracy ${pct(mode.accuracy)}`);
}

if (process.env.BENCH_BROWSER !== '0') {
  const browser = await browserEpochs(ROUNDS, 1);
  console.log(`\nChromium (${/Chrome\/[\d.]+/.exec(browser.userAgent)?.[0] ?? browser.userAgent}), the same epoch in a worker of a cross-origin isolated page:`);
  const results = browser.results.map((r) => ({ ...r, best: Math.min(...r.seconds) }));
  const reference = results.find((r) => r.backend === 'TypeScript kernels')!;
  for (const r of results) {
    console.log(`  ${r.backend}: ${r.best.toFixed(3)} s per epoch (rounds ${r.seconds.map((t) => t.toFixed(3)).join(', ')} on ${ranOn(r.threads)}), ${(gflop / r.best).toFixed(1)} GFLOP/s,` +
      ` ${times(baselineEpoch.wall, r.best)} the Node baseline, ${times(reference.best, r.best)} Chromium's TypeScript kernels; test accuracy ${pct(r.accuracy)}`);
  }
}

await cnnLines();
