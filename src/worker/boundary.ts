// Chapter 6's boundary playground, without the worker: the toy datasets, one step of
// full-batch gradient descent on a [2, h, 2] network, and the network's output over a
// grid of the plane (the picture of its decision boundary). Every number comes from
// the engine (MLP.forwardWithCache, backward, sgdStep, accuracy, predict).
import { MLP, Matrix, accuracy, createRng, oneHot, predict, type ActivationName } from '../engine/index.ts';

export type DatasetName = 'blobs' | 'circle' | 'xor' | 'spirals';
export const DATASETS: Record<DatasetName, string> = {
  blobs: 'two blobs',
  circle: 'circle',
  xor: 'XOR',
  spirals: 'two spirals',
};

/** The plane shown: x₁ and x₂ both run from −EXTENT to EXTENT. */
export const EXTENT = 1.2;
/** One press of Train runs this many full-batch steps (or until Stop). */
export const TRAIN_STEPS = 2000;
/** Points per dataset (half of each class). */
export const POINTS = 200;

export interface ToyData {
  /** (2, m): one point per column, x₁ in row 0 and x₂ in row 1. */
  X: Matrix;
  /** 0 or 1 for each point. */
  labels: number[];
  /** (2, m) one-hot, for the loss. */
  Y: Matrix;
}

/** Seeded, so the reader and the tests see the same points. All coordinates lie inside ±1. */
export function makeDataset(name: DatasetName, seed = 1, m = POINTS): ToyData {
  const rng = createRng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  const push = (x: number, y: number, label: number) => {
    xs.push(Math.max(-1, Math.min(1, x)));
    ys.push(Math.max(-1, Math.min(1, y)));
    labels.push(label);
  };
  for (let j = 0; j < m; j++) {
    const label = j % 2;
    if (name === 'blobs') {
      const c = label === 0 ? -0.45 : 0.45;
      push(c + 0.22 * rng.randn(), c + 0.22 * rng.randn(), label);
    } else if (name === 'circle') {
      // class 1 inside radius 0.45, class 0 in a ring from 0.65 to 1: no line separates them
      const r = label === 1 ? 0.45 * Math.sqrt(rng.next()) : 0.65 + 0.35 * rng.next();
      const angle = 2 * Math.PI * rng.next();
      push(r * Math.cos(angle), r * Math.sin(angle), label);
    } else if (name === 'xor') {
      // a quadrant per point, kept a little away from the axes; class 1 where x₁ and x₂ share a sign
      const x = (0.08 + 0.9 * rng.next()) * (rng.next() < 0.5 ? -1 : 1);
      const sameSign = label === 1;
      const y = (0.08 + 0.9 * rng.next()) * (sameSign ? Math.sign(x) : -Math.sign(x));
      push(x, y, label);
    } else {
      // two arms of one spiral, each turned half a turn from the other, 1.75 turns long
      const t = rng.next();
      const angle = 1.75 * 2 * Math.PI * t + label * Math.PI;
      const r = 0.1 + 0.85 * t;
      push(r * Math.cos(angle) + 0.03 * rng.randn(), r * Math.sin(angle) + 0.03 * rng.randn(), label);
    }
  }
  const X = new Matrix(2, m, Float32Array.from([...xs, ...ys]));
  return { X, labels, Y: oneHot(labels, 2) };
}

export interface PlaygroundConfig {
  dataset: DatasetName;
  hidden: number;
  activation: ActivationName;
  learningRate: number;
  seed: number;
}

/** The network of the playground: 2 inputs, h hidden units with activation g, 2 outputs (softmax). */
export function createNetwork(config: PlaygroundConfig): MLP {
  // He suits ReLU; Xavier suits the others (and the identity, which neither shrinks nor grows z)
  const init = config.activation === 'relu' || config.activation === 'leakyRelu' ? 'he' : 'xavier';
  return MLP.create({ sizes: [2, config.hidden, 2], activation: config.activation, init, seed: config.seed });
}

/** One step of gradient descent on all the points at once; returns the loss before the step. */
export function trainStep(net: MLP, data: ToyData, learningRate: number): number {
  const cache = net.forwardWithCache(data.X);
  const loss = net.loss(cache.A[cache.A.length - 1], data.Y);
  net.sgdStep(net.backward(cache, data.Y), learningRate);
  return loss;
}

/** Trains for a number of steps; the same config and steps give the same network. */
export function trainSteps(net: MLP, data: ToyData, learningRate: number, steps: number): number {
  let loss = NaN;
  for (let s = 0; s < steps; s++) loss = trainStep(net, data, learningRate);
  return loss;
}

/** The fraction of the points the network puts in their class (argmax of its two outputs). */
export function pointAccuracy(net: MLP, data: ToyData): number {
  return accuracy(predict(net, data.X), data.labels);
}

/** The cross-entropy on all the points (what gradient descent lowers). */
export function pointLoss(net: MLP, data: ToyData): number {
  return net.loss(net.forward(data.X), data.Y);
}

/** The grid's points as one (2, n·n) matrix, row by row from the top (x₂ = +EXTENT) down. */
export function gridInputs(n: number): Matrix {
  const X = new Matrix(2, n * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const j = row * n + col;
      X.data[j] = -EXTENT + (2 * EXTENT * (col + 0.5)) / n; // x₁, left to right
      X.data[n * n + j] = EXTENT - (2 * EXTENT * (row + 0.5)) / n; // x₂, top to bottom
    }
  }
  return X;
}

/** The network's probability of class 1 at every grid point: an (n·n) picture of its boundary. */
export function boundaryGrid(net: MLP, grid: Matrix): Float32Array {
  const A2 = net.forward(grid); // (2, n·n)
  return A2.data.slice(grid.cols, 2 * grid.cols); // row 1 of A2
}

/** Each hidden unit's line w₁x₁ + w₂x₂ + b = 0 (where its z changes sign), as [w₁, w₂, b]. */
export function hiddenLines(net: MLP): [number, number, number][] {
  const [W1] = net.W; // (h, 2)
  const [b1] = net.b; // (h, 1)
  return Array.from({ length: W1.rows }, (_, i) => [W1.data[2 * i], W1.data[2 * i + 1], b1.data[i]]);
}
