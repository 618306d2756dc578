// One training run, driven by messages: a thin adaptor around the engine's train(). It holds the
// data, turns Pause/Resume/Step/Stop into train()'s beforeBatch hook and AbortSignal, and forwards
// progress. All maths happens in src/engine; nothing here touches the DOM or worker globals, so
// tests drive it directly in Node.
import { CNN, DivergenceError, MLP, augmentDataset, evaluate, referenceStep, train } from '../engine/index.ts';
import type { Dataset, Network, Progress, Stepper } from '../engine/index.ts';
import { CHAPTER_CNN } from '../models/chapter-cnn.ts';
import type { BatchPoint, FromWorker, RunConfig, RunState } from './protocol.ts';

export interface SessionData {
  /** The loaded training images; the last `validationSize` of them are held out for validation. */
  train: { count: number; dataset(start: number, count: number): Dataset };
  test: { count: number; dataset(start: number, count: number): Dataset };
}

/** Validation images held out from the end of the loaded training set. */
export function validationSize(trainCount: number): number {
  return trainCount >= 60_000 ? 10_000 : Math.min(2_000, Math.floor(trainCount / 5));
}

/** How often batch losses are flushed to the page (the page draws at most once per frame anyway). */
const FLUSH_MS = 100;

type BatchProgress = Extract<Progress, { kind: 'batch' }>;

export class TrainingSession {
  private paused = false;
  private steps = 0;
  private wake: (() => void) | null = null;
  private abort: AbortController | null = null;
  private testSet: Dataset | null = null;
  // The last run's training and validation images, kept for the next run of the same size: making
  // X from the images and the fast step's copy of its non-zero pixels (kept per X) take about
  // half a second for 50,000 images, every run.
  private trainSet: Dataset | null = null;
  private valSet: Dataset | null = null;
  private runPost: (message: FromWorker) => void;

  /**
   * `stepper`: what computes each minibatch of a dense network, `cnnStepper` of the convolutional
   * one (the training worker passes the WebAssembly steps where they load).
   */
  constructor(
    private readonly data: SessionData,
    private readonly post: (message: FromWorker) => void,
    private readonly stepper: Stepper = referenceStep,
    private readonly cnnStepper: Stepper<Network> = referenceStep,
  ) {
    this.runPost = post;
  }

  get running(): boolean {
    return this.abort !== null;
  }

  async start(config: RunConfig, startPaused = false, run?: number): Promise<void> {
    if (this.abort) this.stop();
    const post = (message: FromWorker) => this.post(run === undefined ? message : { ...message, run });
    const abort = new AbortController();
    this.abort = abort;
    this.paused = startPaused;
    this.steps = 0;
    this.runPost = post;
    this.state(startPaused ? 'paused' : 'running');
    try {
      await this.run(config, abort.signal, post);
    } catch (error) {
      post(describeError(error));
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.state('idle');
      }
    }
  }

  pause(): void {
    if (!this.abort) return;
    this.paused = true;
    this.state('paused');
  }

  resume(): void {
    if (!this.abort) return;
    this.paused = false;
    this.state('running');
    this.release();
  }

  /** One minibatch, then paused again. */
  step(): void {
    if (!this.abort) return;
    this.paused = true;
    this.steps++;
    this.release();
  }

  stop(): void {
    this.abort?.abort();
    this.release();
  }

  private async run(config: RunConfig, signal: AbortSignal, post: (message: FromWorker) => void): Promise<void> {
    const valSize = validationSize(this.data.train.count);
    const trainSize = Math.min(config.trainSize, this.data.train.count - valSize);
    if (this.trainSet?.X.cols !== trainSize) this.trainSet = this.data.train.dataset(0, trainSize);
    this.valSet ??= this.data.train.dataset(this.data.train.count - valSize, valSize);
    const trainSet = this.trainSet, val = this.valSet;
    // Augmented copies are made afresh for each run (seeded), the originals first; validation stays as it is.
    const learnFrom = config.augment ? augmentDataset(trainSet, { ...config.augment, seed: config.seed }) : trainSet;
    const net = config.network === 'cnn'
      ? CNN.create({ ...CHAPTER_CNN, seed: config.seed })
      : MLP.create({ sizes: [784, ...config.hidden, 10], activation: config.activation, init: config.init, seed: config.seed });
    const stepper = net instanceof CNN ? this.cnnStepper : this.stepper;
    const started = performance.now();
    const reporter = batchReporter(config.batchSize, learnFrom.X.cols, post);
    const result = await train(
      net,
      { train: learnFrom, val },
      {
        epochs: config.epochs,
        learningRate: config.learningRate,
        batchSize: config.batchSize,
        seed: config.seed,
        optimizer: config.optimizer,
        weightDecay: config.weightDecay,
        dropout: config.dropout,
        patience: config.patience > 0 ? config.patience : undefined,
        signal,
        beforeBatch: () => this.gate(signal),
        stepper,
      },
      (p) => {
        // While paused (single steps) every batch is shown at once; while running, in packs.
        if (p.kind === 'batch') return reporter.batch(p, this.paused);
        reporter.flush();
        post({ type: 'epoch', record: p.record });
      },
    );
    reporter.flush();
    // The test set is touched once, at the very end, and only for a finished run.
    this.testSet ??= this.data.test.dataset(0, this.data.test.count);
    const test = result.aborted ? undefined : evaluate(net, this.testSet, stepper);
    const trained = result.aborted ? undefined : evaluate(net, trainSet, stepper);
    const seconds = (performance.now() - started) / 1000;
    post({ type: 'done', summary: { ...result, test, train: trained, model: net.toJSON(), trainSize, valSize, seconds } });
  }

  /** train()'s beforeBatch: waits while paused, letting one minibatch through per Step. */
  private async gate(signal: AbortSignal): Promise<void> {
    while (this.paused && this.steps === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.steps > 0) this.steps--;
  }

  private release(): void {
    this.wake?.();
    this.wake = null;
  }

  private state(state: RunState): void {
    this.runPost({ type: 'state', state });
  }
}

/** Collects per-batch losses and posts them in packs, with the examples per second so far. */
function batchReporter(batchSize: number, trainSize: number, post: (m: FromWorker) => void) {
  let points: BatchPoint[] = [];
  let last: BatchProgress | null = null;
  const started = performance.now();
  let lastFlush = started;
  let seen = 0;
  return {
    batch(p: BatchProgress, now: boolean) {
      seen += Math.min(batchSize, trainSize - (p.batch - 1) * batchSize);
      points.push({ x: p.epoch - 1 + p.batch / p.batches, loss: p.loss });
      last = p;
      if (now || performance.now() - lastFlush >= FLUSH_MS) this.flush();
    },
    flush() {
      if (!last) return;
      const now = performance.now();
      // Averaged over the whole run (validation passes included), so the time-left estimate is steady.
      const examplesPerSecond = (seen * 1000) / Math.max(1, now - started);
      post({ type: 'batches', points, epoch: last.epoch, batch: last.batch, batches: last.batches, examplesPerSecond, seen });
      points = [];
      lastFlush = now;
    },
  };
}

function describeError(error: unknown): FromWorker {
  if (error instanceof DivergenceError) {
    const lower = Number((error.learningRate / 10).toPrecision(2));
    return {
      type: 'error',
      message: error.message,
      divergence: true,
      suggestion: `Press Reset, set the learning rate to ${lower} (ten times smaller) and train again.`,
    };
  }
  return { type: 'error', message: error instanceof Error ? error.message : String(error), divergence: false };
}
