// The CNN line of `npm run bench`, for Node (epoch.ts) and Chromium (browser-epoch-worker.ts) alike:
// one epoch of chapter 16's network (src/models/chapter-cnn.ts: Adam, batch 32) through train()
// with the WebAssembly CNN step, and the engine's TypeScript step on the same network.
//
// The TypeScript step takes minutes per epoch, so it runs REFERENCE_BATCHES minibatches
// only, scaled up to the epoch; and, as the baseline of epoch.ts, they are spread through the fast
// epoch (run from train's beforeBatch hook, their time taken out of the fast epoch's), so both feel
// the same load of a shared machine. Pure engine code: no Node or DOM here.
import { CNN, evaluate, referenceStep, train, type Dataset, type Network, type Stepper } from '../../src/engine/index.ts';
import { CHAPTER_CNN, CHAPTER_CNN_OPTIONS, describeLayers } from '../../src/models/chapter-cnn.ts';

export const REFERENCE_BATCHES = 24;

export interface CnnEpoch {
  /** Seconds of the fast epoch (the reference minibatches taken out). */
  fast: number;
  /** Seconds of the reference step's minibatches, scaled to the epoch. */
  reference: number;
  /** After the fast epoch, on the test set. */
  accuracy: number;
  /** The name the result gives the step that ran (to catch a fallback). */
  step: string;
}

export async function cnnEpoch(trainSet: Dataset, testSet: Dataset, fast: Stepper<Network>): Promise<CnnEpoch> {
  const { batchSize, learningRate, optimizer, seed } = CHAPTER_CNN_OPTIONS;
  const m = trainSet.X.cols, batches = Math.ceil(m / batchSize);
  const every = Math.floor(batches / REFERENCE_BATCHES);
  // the reference's own network and run, stepped on the first REFERENCE_BATCHES minibatches of the data
  const slowNet = CNN.create(CHAPTER_CNN);
  const plan = { net: slowNet, data: trainSet, learningRate, batchSize, optimizer };
  const slow = referenceStep.open(plan);
  slow.arrange(Uint32Array.from({ length: m }, (_, i) => i));
  let batch = 0, done = 0, referenceSeconds = 0;
  const beforeBatch = () => {
    if (batch++ % every !== 0 || done === REFERENCE_BATCHES) return;
    const started = performance.now();
    slow.step(done++ * batchSize, batchSize);
    referenceSeconds += (performance.now() - started) / 1000;
  };
  const net = CNN.create(CHAPTER_CNN);
  const started = performance.now();
  const result = await train(net, { train: trainSet }, { epochs: 1, learningRate, batchSize, optimizer, seed, yieldEveryMs: 1e9, beforeBatch, stepper: fast });
  const total = (performance.now() - started) / 1000;
  slow.close();
  return {
    fast: total - referenceSeconds,
    reference: (referenceSeconds * batches) / REFERENCE_BATCHES,
    accuracy: evaluate(net, testSet, fast).accuracy,
    step: result.step.name,
  };
}

/** The lines the benchmark prints for one platform. */
export function describeCnnEpoch(where: string, m: number, r: CnnEpoch): string {
  return `${where}: chapter 16's CNN (${describeLayers()}; Adam, batch ${CHAPTER_CNN_OPTIONS.batchSize}), one epoch of ${m} images:\n` +
    `    ${r.step}: ${r.fast.toFixed(2)} s; TypeScript step: ${r.reference.toFixed(1)} s (${REFERENCE_BATCHES} minibatches spread through the epoch, scaled up);` +
    ` ${(r.reference / r.fast).toFixed(1)}× faster; test accuracy after the epoch ${(r.accuracy * 100).toFixed(2)}%`;
}
