// `npm run bench`: one training epoch over all 60,000 MNIST images (784-128-10,
// ReLU, He, batch 128, learning rate 0.1), then accuracy on the 10,000 test images;
// and, in the same run, the same work with plain number[][] arrays on a slice,
// scaled up to a full epoch, as the baseline. Not a test: it only prints.
// The two are timed alternately, three rounds, and the best time of each counts,
// so a busy machine slows both alike instead of whichever happened to run first.
import { MLP, evaluate, train } from '../../src/engine/index.ts';
import { loadMnist, mnistSubset } from '../../src/data/mnist-node.ts';
import { plainStep, type PlainNet } from './baseline.ts';

const SIZES = [784, 128, 10];
const BATCH = 128;
const LEARNING_RATE = 0.1;
const BASELINE_IMAGES = 2048;
const ROUNDS = 3;

/** Multiply-adds count 2 flops; per example: Z1, Z2 forward; dW2, dA1, dW1 backward. */
function flopsPerExample([n0, n1, n2]: number[]): number {
  return 2 * (n1 * n0 + n2 * n1) + 2 * (n2 * n1 + n1 * n2 + n1 * n0);
}

const trainSet = mnistSubset('train', 0, loadMnist().train.count);
const testSet = mnistSubset('test', 0, loadMnist().test.count);

async function engineEpoch(): Promise<{ seconds: number; accuracy: number }> {
  const net = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  const started = performance.now();
  await train(net, { train: trainSet }, { epochs: 1, learningRate: LEARNING_RATE, batchSize: BATCH, seed: 1, yieldEveryMs: 1e9 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, accuracy: evaluate(net, testSet).accuracy };
}

function baselineSeconds(): number {
  const { X, labels } = mnistSubset('train', 0, BASELINE_IMAGES);
  const grid = X.toArray();
  // The same initial weights as the engine would use, copied into plain arrays.
  const start = MLP.create({ sizes: SIZES, activation: 'relu', init: 'he', seed: 1 });
  const net: PlainNet = {
    W1: start.W[0].toArray(), b1: Array.from(start.b[0].data),
    W2: start.W[1].toArray(), b2: Array.from(start.b[1].data),
  };
  const started = performance.now();
  for (let s = 0; s < BASELINE_IMAGES; s += BATCH) {
    const Xb = grid.map((row) => row.slice(s, s + BATCH));
    const Yb = Array.from({ length: 10 }, (_, i) => Array.from(labels.slice(s, s + BATCH), (y) => (y === i ? 1 : 0)));
    plainStep(net, Xb, Yb, LEARNING_RATE);
  }
  return (performance.now() - started) / 1000;
}

let engine = { seconds: Infinity, accuracy: 0 };
let baselineSlice = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  baselineSlice = Math.min(baselineSlice, baselineSeconds());
  const run = await engineEpoch(); // the same seed every round: the same accuracy
  if (run.seconds < engine.seconds) engine = run;
}
const m = trainSet.X.cols;
const gflop = (flopsPerExample(SIZES) * m) / 1e9;
const baselineEpoch = (baselineSlice * m) / BASELINE_IMAGES;

console.log(`Node ${process.version}, one epoch of ${m} images, best of ${ROUNDS} rounds, ${SIZES.join('-')} ReLU/He, batch ${BATCH}, lr ${LEARNING_RATE}`);
console.log(`matrix products per epoch: ${gflop.toFixed(1)} GFLOP`);
console.log(`engine:   ${engine.seconds.toFixed(2)} s per epoch, ${(gflop / engine.seconds).toFixed(2)} GFLOP/s (effective: zeros skipped still count)`);
console.log(`          test accuracy after one epoch: ${(engine.accuracy * 100).toFixed(2)}% on 10,000 images`);
console.log(`baseline: ${baselineSlice.toFixed(2)} s for ${BASELINE_IMAGES} images with number[][] → ${baselineEpoch.toFixed(1)} s per epoch, ${(gflop / baselineEpoch).toFixed(2)} GFLOP/s`);
console.log(`speed-up: ${(baselineEpoch / engine.seconds).toFixed(1)}× faster than the baseline`);
