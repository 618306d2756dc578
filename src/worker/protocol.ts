// Messages between a page and the training worker (training.worker.ts). Plain data only.
import type { ActivationName, CNNJSON, EpochRecord, InitName, NetworkJSON, OptimizerOptions, StepReport } from '../engine/index.ts';
import type { LoadProgress } from '../data/mnist-browser.ts';

export interface RunConfig {
  /**
   * Which network: the dense one of `hidden` (default), or chapter 16's convolutional network
   * (src/models/chapter-cnn.ts; `hidden`, `activation` and `init` are then not used).
   */
  network?: 'dense' | 'cnn';
  /** Hidden layer sizes, e.g. [128] for 784-128-10. */
  hidden: number[];
  activation: ActivationName;
  init: InitName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** Early stopping after this many epochs without a lower validation loss; 0 = off. */
  patience: number;
  /** How many training images to learn from (the first ones of the loaded training set). */
  trainSize: number;
  /** Seeds the initial weights and the shuffles: the same seed gives the same run. */
  seed: number;
  /** How gradients become updates (default plain SGD). */
  optimizer?: OptimizerOptions;
  /** L2 weight decay's λ (default 0). */
  weightDecay?: number;
  /** Dropout's keep probability for hidden units (default 1: none dropped). */
  dropout?: number;
  /** Data augmentation: this many shifted and turned copies of each training image join the training set. */
  augment?: { copies: number; maxShift: number; maxDegrees: number };
}

export type ToWorker =
  | { type: 'load'; full: boolean }
  | { type: 'start'; config: RunConfig; paused?: boolean; /** Echoed on the run's messages, so stale ones can be ignored. */ run?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'stop' };

export interface BatchPoint {
  /** Position in epochs: 1.5 = halfway through epoch 2. */
  x: number;
  loss: number;
}

export type RunState = 'idle' | 'running' | 'paused';

export interface RunSummary {
  history: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  aborted: boolean;
  /** Measured once, at the end, on the 10,000 test images (absent when stopped). */
  test?: { loss: number; accuracy: number };
  /** The finished network on its own training images (without copies or dropout), beside `test` for the gap. */
  train?: { loss: number; accuracy: number };
  model: NetworkJSON | CNNJSON;
  trainSize: number;
  valSize: number;
  seconds: number;
  /** Which step did the arithmetic, on how many threads, and why not the fast one when it could not. */
  step: StepReport;
}

/** Messages about a run carry its `run` number (from the start message). */
export type FromWorker = (

  | { type: 'load-progress'; progress: LoadProgress }
  | { type: 'loaded'; trainCount: number; testCount: number; valSize: number }
  | { type: 'load-error'; message: string }
  | { type: 'state'; state: RunState }
  | { type: 'batches'; points: BatchPoint[]; epoch: number; batch: number; batches: number; examplesPerSecond: number; seen: number }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'done'; summary: RunSummary }
  | { type: 'error'; message: string; divergence: boolean; suggestion?: string }
) & { run?: number };
