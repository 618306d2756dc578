// Chapter 6's boundary playground: its datasets, its training and its picture, checked against
// geometry and hand computation, and the chapter's claims about what each network manages.
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/engine/index.ts';
import {
  EXTENT,
  TRAIN_STEPS,
  boundaryGrid,
  createNetwork,
  gridInputs,
  hiddenLines,
  makeDataset,
  pointAccuracy,
  trainSteps,
  type DatasetName,
} from '../../src/worker/boundary.ts';
import type { ActivationName } from '../../src/engine/index.ts';

function trained(dataset: DatasetName, activation: ActivationName, hidden: number) {
  const config = { dataset, activation, hidden, learningRate: 0.3, seed: 1 };
  const net = createNetwork(config);
  const data = makeDataset(dataset, config.seed);
  trainSteps(net, data, config.learningRate, TRAIN_STEPS);
  return { net, data, accuracy: pointAccuracy(net, data) };
}

describe('the toy datasets', () => {
  it('are seeded, balanced and inside the plane shown', () => {
    for (const name of ['blobs', 'circle', 'xor', 'spirals'] as const) {
      const data = makeDataset(name, 1);
      expect(makeDataset(name, 1).X.data).toEqual(data.X.data);
      expect(data.X.shape).toEqual([2, 200]);
      expect(data.labels.filter((l) => l === 1)).toHaveLength(100);
      for (const v of data.X.data) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it('circle: class 1 is a disc of radius 0.45, class 0 a ring from 0.65 out', () => {
    const { X, labels } = makeDataset('circle', 1);
    labels.forEach((label, j) => {
      const r = Math.hypot(X.data[j], X.data[X.cols + j]);
      if (label === 1) expect(r).toBeLessThanOrEqual(0.45 + 1e-6);
      else expect(r).toBeGreaterThanOrEqual(0.65 - 1e-6);
    });
  });

  it('xor: class 1 exactly where x₁ and x₂ share a sign', () => {
    const { X, labels } = makeDataset('xor', 1);
    labels.forEach((label, j) => expect(X.data[j] * X.data[X.cols + j] > 0).toBe(label === 1));
  });
});

describe('the boundary picture', () => {
  it('grid point (row, col) is the network’s P(class 1) there, computed by hand from W1, b1, W2, b2', () => {
    const { net } = trained('circle', 'relu', 4);
    const n = 8;
    const grid = boundaryGrid(net, gridInputs(n));
    const [W1, W2] = net.W;
    const [b1, b2] = net.b;
    for (const [row, col] of [[0, 0], [3, 5], [7, 2]]) {
      const x1 = -EXTENT + (2 * EXTENT * (col + 0.5)) / n;
      const x2 = EXTENT - (2 * EXTENT * (row + 0.5)) / n; // row 0 is the top
      const a = [0, 1, 2, 3].map((i) => Math.max(0, W1.get(i, 0) * x1 + W1.get(i, 1) * x2 + b1.get(i, 0)));
      const z = [0, 1].map((k) => a.reduce((s, ai, i) => s + W2.get(k, i) * ai, b2.get(k, 0)));
      const p1 = 1 / (1 + Math.exp(z[0] - z[1])); // softmax of two logits
      expect(grid[row * n + col]).toBeCloseTo(p1, 5);
    }
  });

  it('the hidden units’ lines are the rows of W1 and b1', () => {
    const net = createNetwork({ dataset: 'xor', activation: 'relu', hidden: 3, learningRate: 0.3, seed: 2 });
    const lines = hiddenLines(net);
    expect(lines).toHaveLength(3);
    lines.forEach(([w1, w2, b], i) => {
      expect(w1).toBe(net.W[0].get(i, 0));
      expect(w2).toBe(net.W[0].get(i, 1));
      expect(b).toBe(net.b[0].get(i, 0));
    });
  });
});

describe('what the chapter says the reader will see (2,000 steps, η = 0.3)', () => {
  it('without an activation the circle stays at guessing; 4 ReLU units carve it', () => {
    expect(trained('circle', 'identity', 4).accuracy).toBeLessThan(0.75);
    expect(trained('circle', 'identity', 16).accuracy).toBeLessThan(0.75);
    expect(trained('circle', 'relu', 4).accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('the linear network’s boundary is one straight line: its picture is split by a half-plane', () => {
    const { net } = trained('circle', 'identity', 4);
    // Without g the network is Z2 = W·x + b with W = W2·W1; P(class 1) > ½ exactly where
    // (W[1] − W[0])·x + (b[1] − b[0]) > 0. Check every grid point against that line.
    const n = 16;
    const X = gridInputs(n);
    const grid = boundaryGrid(net, X);
    const [W1, W2] = net.W;
    const [b1, b2] = net.b;
    const W = new Matrix(2, 2);
    for (let k = 0; k < 2; k++) for (let c = 0; c < 2; c++) W.set(k, c, [0, 1, 2, 3].reduce((s, i) => s + W2.get(k, i) * W1.get(i, c), 0));
    const b = [0, 1].map((k) => [0, 1, 2, 3].reduce((s, i) => s + W2.get(k, i) * b1.get(i, 0), b2.get(k, 0)));
    for (let j = 0; j < n * n; j++) {
      const x1 = X.data[j];
      const x2 = X.data[n * n + j];
      const side = (W.get(1, 0) - W.get(0, 0)) * x1 + (W.get(1, 1) - W.get(0, 1)) * x2 + (b[1] - b[0]);
      if (Math.abs(side) > 1e-4) expect(grid[j] > 0.5).toBe(side > 0);
    }
  });

  it('XOR: none fails, ReLU succeeds; the spirals are too hard for 16 units in 2,000 steps', () => {
    expect(trained('xor', 'identity', 4).accuracy).toBeLessThan(0.75);
    expect(trained('xor', 'relu', 4).accuracy).toBeGreaterThanOrEqual(0.95);
    expect(trained('spirals', 'relu', 16).accuracy).toBeLessThan(0.85);
  });
});
