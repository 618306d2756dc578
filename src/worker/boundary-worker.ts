// Chapter 6's boundary playground trains here, never on the page's main thread. It runs
// gradient descent steps in slices of about 25 ms and after each slice posts the boundary
// picture (the network's output over a grid), so the page can redraw at about 30 frames a second.
// No maths of its own: see boundary.ts and the engine.
import type { MLP } from '../engine/index.ts';
import {
  boundaryGrid,
  createNetwork,
  gridInputs,
  hiddenLines,
  makeDataset,
  pointAccuracy,
  pointLoss,
  trainStep,
  type PlaygroundConfig,
  type ToyData,
} from './boundary.ts';

export type ToBoundaryWorker =
  /** A fresh network (and dataset) for this config; shows it untrained. */
  | { type: 'reset'; run: number; config: PlaygroundConfig; gridSize: number }
  /** Train the current network for up to `steps` more steps. */
  | { type: 'train'; run: number; steps: number }
  | { type: 'stop' };

export interface BoundaryFrame {
  run: number;
  /** Steps taken since the reset. */
  step: number;
  /** Cross-entropy on all the points, after `step` steps. */
  loss: number;
  accuracy: number;
  /** P(class 1) at every grid point, row by row from the top. */
  grid: Float32Array;
  /** Each hidden unit's [w₁, w₂, b]. */
  lines: [number, number, number][];
}

/** shown: a fresh network; training: a slice of steps ended; finished: all steps taken; stopped: by Stop. */
export type FrameState = 'shown' | 'training' | 'finished' | 'stopped';

export type FromBoundaryWorker =
  | ({ type: 'frame'; state: FrameState } & BoundaryFrame)
  | { type: 'error'; run: number; message: string };

const SLICE_MS = 25;

let net: MLP | null = null;
let data: ToyData | null = null;
let grid = gridInputs(1);
let learningRate = 0.3;
let step = 0;
let run = 0;
/** Bumped by every message, so a running loop sees it was stopped or replaced. */
let generation = 0;

function post(state: FrameState): void {
  if (!net || !data) return;
  const loss = pointLoss(net, data);
  const picture = boundaryGrid(net, grid);
  const frame: FromBoundaryWorker = { type: 'frame', state, run, step, loss, accuracy: pointAccuracy(net, data), grid: picture, lines: hiddenLines(net) };
  self.postMessage(frame, { transfer: [picture.buffer] });
}

async function trainFor(steps: number, mine: number): Promise<void> {
  const end = step + steps;
  while (step < end) {
    const sliceEnd = performance.now() + SLICE_MS;
    while (step < end && performance.now() < sliceEnd) {
      trainStep(net!, data!, learningRate);
      step++;
    }
    post(step >= end ? 'finished' : 'training');
    // let a Stop or a new config arrive between slices
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (generation !== mine) return;
  }
}

self.onmessage = (event: MessageEvent<ToBoundaryWorker>) => {
  const message = event.data;
  const mine = ++generation;
  try {
    if (message.type === 'reset') {
      run = message.run;
      net = createNetwork(message.config);
      data = makeDataset(message.config.dataset, message.config.seed);
      grid = gridInputs(message.gridSize);
      learningRate = message.config.learningRate;
      step = 0;
      post('shown');
    } else if (message.type === 'train' && net) {
      run = message.run;
      void trainFor(message.steps, mine).catch((e) => report(e));
    } else if (message.type === 'stop') {
      post('stopped');
    }
  } catch (e) {
    report(e);
  }
};

function report(e: unknown): void {
  const error: FromBoundaryWorker = { type: 'error', run, message: e instanceof Error ? e.message : String(e) };
  self.postMessage(error);
}
