// Minibatch gradient descent with validation, early stopping and a way to stop.
// Vocabulary: an EPOCH is one pass over the whole training set; an ITERATION is
// one minibatch step. Gradients are averaged over the minibatch (the 1/m in
// dZ2 = (A2 − Y)/m), so the learning rate means the same for any batch size.
import { copyParameters, type Network } from './networks.ts';
import type { OptimizerOptions } from './optimizers.ts';
import { createRng } from './random.ts';
import { chooseStepper, referenceStep, type Dataset, type StepRun, type Stepper } from './step.ts';

export type { Dataset } from './step.ts';

export interface TrainData {
  train: Dataset;
  val?: Dataset;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** Seeds the shuffles and dropout: the same seed (and network) gives the identical run. */
  seed: number;
  /** How each step turns gradients into updates: SGD (default), momentum, RMSProp or Adam. */
  optimizer?: OptimizerOptions;
  /** L2 weight decay's λ: the loss gains (λ/2)·Σ‖W‖² (biases not decayed). Default 0. */
  weightDecay?: number;
  /** Dropout: the probability of keeping each hidden unit while training (inverted dropout). Default 1. MLPs only. */
  dropout?: number;
  /** Early stopping: stop after this many epochs without a lower validation loss. undefined = off. */
  patience?: number;
  /** With early stopping, put back the parameters of the best epoch at the end (default true). */
  restoreBest?: boolean;
  signal?: AbortSignal;
  /** Let other work run (a worker's Stop/Pause messages) at least this often; default 50 ms. */
  yieldEveryMs?: number;
  /** Awaited before every minibatch, so a UI can pause or single-step. */
  beforeBatch?: () => Promise<void> | void;
  /**
   * What computes each minibatch step (default: the reference TypeScript step). One that cannot do
   * this network or these options is replaced by the reference step, and the result says why.
   */
  stepper?: Stepper | Stepper<Network>;
}

export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  /** The running average over this epoch's minibatches (the network changed during the epoch). */
  trainLoss: number;
  /** Likewise a running average over the epoch's minibatches. */
  trainAccuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

export type Progress =
  | { kind: 'batch'; epoch: number; batch: number; batches: number; loss: number; seen: number }
  | { kind: 'epoch'; epoch: number; record: EpochRecord };

export interface TrainResult {
  history: EpochRecord[];
  /** The epoch with the lowest validation loss; without validation data, the last epoch. */
  bestEpoch: number;
  stoppedEarly: boolean;
  aborted: boolean;
  /** Which step ran ('TypeScript step', 'WebAssembly step'), on how many threads, and why not the one asked for. */
  step: StepReport;
}

export interface StepReport {
  name: string;
  /** How many threads most minibatch steps ran on. */
  threads: number;
  /** Set when the stepper asked for could not run: why the reference step ran instead. */
  reason?: string;
}

/**
 * A minibatch loss this many times above where training started (or above the
 * loss of pure guessing, if that is higher) means the steps have thrown the
 * network far from any minimum. A careful engine rarely reaches NaN: the stable
 * softmax and the clipped log keep the numbers finite while the network is ruined
 * (ReLU units die, outputs saturate), so we stop on this too.
 */
const EXPLODED = 10;

/** The loss became NaN or ±Infinity, or exploded: the steps are too big for this network. */
export class DivergenceError extends Error {
  readonly epoch: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly loss: number;

  constructor(loss: number, epoch: number, batch: number, learningRate: number, reference?: number) {
    const what = Number.isNaN(loss) ? 'became NaN'
      : !Number.isFinite(loss) ? `became ${loss > 0 ? 'Infinity' : '-Infinity'}`
      : `exploded to ${loss.toPrecision(3)} (over ${EXPLODED}× its starting ${reference?.toPrecision(3)})`;
    super(`loss ${what} at epoch ${epoch}, batch ${batch}: the learning rate ${learningRate} is too high for this network — lower it`);
    this.name = 'DivergenceError';
    this.epoch = epoch;
    this.batch = batch;
    this.learningRate = learningRate;
    this.loss = loss;
  }
}

/**
 * Loss and accuracy of the network on a whole dataset, a chunk at a time (bounded memory), through
 * `stepper`'s forward pass alone.
 */
export function evaluate(net: Network, data: Dataset, stepper: Stepper | Stepper<Network> = referenceStep, chunk = 2000): { loss: number; accuracy: number } {
  const m = data.X.cols;
  const plan = { net, data, learningRate: 0, batchSize: Math.min(chunk, m) };
  const run = chooseStepper(stepper, plan, {}).stepper.open(plan);
  let lossSum = 0;
  let correct = 0;
  try {
    for (let start = 0; start < m; start += chunk) {
      const count = Math.min(chunk, m - start);
      const batch = run.measure(start, count);
      lossSum += batch.loss * count;
      correct += batch.correct;
    }
  } finally {
    run.close();
  }
  return { loss: lossSum / m, accuracy: correct / m };
}

export async function train(
  net: Network,
  data: TrainData,
  options: TrainOptions,
  onProgress?: (p: Progress) => void,
): Promise<TrainResult> {
  const { X, labels } = data.train;
  checkOptions(options, X.cols, labels.length);
  const { learningRate, batchSize, optimizer, weightDecay, dropout, seed } = options;
  const plan = { net, data: data.train, learningRate, batchSize, optimizer, weightDecay, dropout, seed };
  const { stepper, reason } = chooseStepper(options.stepper ?? referenceStep, plan, options);
  const run = stepper.open(plan);
  try {
    const result = await runEpochs(net, data, options, run, stepper, onProgress);
    return { ...result, step: { name: stepper.name, threads: run.threads(), ...(reason ? { reason } : {}) } };
  } finally {
    run.close();
  }
}

async function runEpochs(
  net: Network,
  data: TrainData,
  options: TrainOptions,
  run: StepRun,
  stepper: Stepper<Network>,
  onProgress?: (p: Progress) => void,
): Promise<Omit<TrainResult, 'step'>> {
  const { epochs, learningRate, batchSize, patience, signal } = options;
  const restoreBest = options.restoreBest ?? true;
  const m = data.train.X.cols;
  const rng = createRng(options.seed);
  const order = Uint32Array.from({ length: m }, (_, i) => i);
  const batches = Math.ceil(m / batchSize);
  const pause = pacer(options.yieldEveryMs ?? 50);
  const history: EpochRecord[] = [];
  let best = { epoch: 0, valLoss: Infinity, net: null as Network | null };
  let stoppedEarly = false;
  let reference: number | undefined; // the first minibatch's loss (at least chance level), for spotting an explosion

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = now();
    rng.shuffle(order); // a fresh random order of the examples every epoch
    run.arrange(order);
    let lossSum = 0, correct = 0, seen = 0;
    for (let batch = 1; batch <= batches; batch++) {
      await options.beforeBatch?.();
      await pause();
      if (signal?.aborted) {
        run.readBack();
        return { history, bestEpoch: best.epoch, stoppedEarly, aborted: true };
      }
      const start = (batch - 1) * batchSize, count = Math.min(batchSize, m - start);
      const { loss, correct: right } = run.step(start, count);
      reference ??= Math.max(loss, net.chanceLoss());
      if (!Number.isFinite(loss) || loss > EXPLODED * reference) {
        throw new DivergenceError(loss, epoch, batch, learningRate, reference);
      }
      lossSum += loss * count;
      correct += right;
      seen += count;
      onProgress?.({ kind: 'batch', epoch, batch, batches, loss, seen });
    }

    run.readBack();
    const record: EpochRecord = { epoch, trainLoss: lossSum / seen, trainAccuracy: correct / seen, seconds: 0 };
    if (data.val) {
      const val = evaluate(net, data.val, stepper);
      record.valLoss = val.loss;
      record.valAccuracy = val.accuracy;
      if (val.loss < best.valLoss) best = { epoch, valLoss: val.loss, net: patience !== undefined ? net.clone() : null };
    } else {
      best = { epoch, valLoss: Infinity, net: null };
    }
    record.seconds = (now() - started) / 1000;
    history.push(record);
    onProgress?.({ kind: 'epoch', epoch, record });

    // Early stopping: `patience` epochs in a row without a new best validation loss.
    if (patience !== undefined && data.val && epoch - best.epoch >= patience) {
      stoppedEarly = epoch < epochs;
      break;
    }
  }

  if (restoreBest && best.net) copyParameters(net, best.net);
  return { history, bestEpoch: best.epoch, stoppedEarly, aborted: false };
}

function checkOptions(o: TrainOptions, m: number, labelCount: number): void {
  if (labelCount !== m) throw new RangeError(`train: X has ${m} examples (columns) but there are ${labelCount} labels`);
  if (m === 0) throw new RangeError('train: the training set is empty');
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new RangeError(`train: epochs must be a whole number ≥ 1, got ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`train: batchSize must be a whole number ≥ 1, got ${o.batchSize}`);
  if (!(o.learningRate > 0)) throw new RangeError(`train: learningRate must be > 0, got ${o.learningRate}`);
  if (o.patience !== undefined && !(Number.isInteger(o.patience) && o.patience >= 1)) {
    throw new RangeError(`train: patience must be a whole number ≥ 1, got ${o.patience}`);
  }
}

/** Returns a function that, once every `ms`, waits for a macrotask so queued messages get handled. */
function pacer(ms: number): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last < ms) return;
    await nextTask();
    last = now();
  };
}

/**
 * Resolves in a new macrotask, as soon as the messages queued before it are handled. A message to
 * oneself rather than setTimeout(0): browsers hold a timer set from inside timer callbacks (as
 * these are, one after another) for at least 4 ms, several percent of a fast epoch.
 */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close(); // an open port would keep Node running
      resolve();
    };
    port2.postMessage(null);
  });
}

function now(): number {
  return performance.now();
}
