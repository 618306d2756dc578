// Claims of chapter 6 (activation functions) checked with the engine.
import { describe, expect, it } from 'vitest';
import {
  MLP, Matrix, add, createRng, deadUnits, layerStats, matmul, oneHot, relativeError, relu, scalar, train,
} from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

describe('chapter 6: stacked linear layers collapse', () => {
  const rng = createRng(6);
  const W1 = Matrix.randn(16, 784, rng), b1 = Matrix.randn(16, 1, rng);
  const W2 = Matrix.randn(10, 16, rng), b2 = Matrix.randn(10, 1, rng);
  const X = Matrix.randn(784, 100, rng);
  const oneLayer = add(matmul(matmul(W2, W1), X), add(matmul(W2, b1), b2));

  it('W2·(W1·X + b1) + b2 = (W2·W1)·X + (W2·b1 + b2), up to float32 rounding', () => {
    const twoLayers = add(matmul(W2, add(matmul(W1, X), b1)), b2);
    expect(relativeError(twoLayers, oneLayer)).toBeLessThan(1e-5);
  });

  it('a ReLU between the layers breaks the equality', () => {
    const withRelu = add(matmul(W2, relu.f(add(matmul(W1, X), b1))), b2);
    expect(relativeError(withRelu, oneLayer)).toBeGreaterThan(0.1);
  });
});

describe('chapter 6: the functions and their derivatives', () => {
  const slope = (f: (z: number) => number, z: number) => (f(z + 1e-5) - f(z - 1e-5)) / 2e-5;
  const zs = [-5, -3, -1, -0.2, 0.3, 1, 3, 5];

  it('every df matches finite differences of its f (away from ReLU’s kink at 0)', () => {
    for (const name of ['sigmoid', 'tanh', 'relu', 'leakyRelu'] as const) {
      for (const z of zs) expect(scalar[name].df(z)).toBeCloseTo(slope(scalar[name].f, z), 6);
    }
  });

  it('σ′(z) = σ(z)(1 − σ(z)); z(1 − z) fails the finite-difference check (−6 against 0.045 at z = 3)', () => {
    const s = scalar.sigmoid.f;
    for (const z of zs) expect(s(z) * (1 - s(z))).toBeCloseTo(slope(s, z), 8);
    expect(3 * (1 - 3)).toBe(-6);
    expect(slope(s, 3)).toBeCloseTo(0.0452, 4);
    expect(scalar.sigmoid.df(0)).toBe(0.25);
    expect(scalar.sigmoid.df(5)).toBeCloseTo(0.0066, 4);
  });

  it('tanh(z) = 2σ(2z) − 1 and tanh′(0) = 1', () => {
    for (const z of zs) expect(scalar.tanh.f(z)).toBeCloseTo(2 * scalar.sigmoid.f(2 * z) - 1, 12);
    expect(scalar.tanh.df(0)).toBe(1);
  });

  it('sigmoid and tanh are bounded, ReLU is not; ReLU’s slope is 1 for every z > 0', () => {
    for (const z of [-1000, -10, 0, 10, 1000]) {
      expect(scalar.sigmoid.f(z)).toBeGreaterThanOrEqual(0);
      expect(scalar.sigmoid.f(z)).toBeLessThanOrEqual(1);
      expect(Math.abs(scalar.tanh.f(z))).toBeLessThanOrEqual(1);
    }
    expect(scalar.relu.f(1000)).toBe(1000);
    for (const z of [0.001, 1, 1000]) expect(scalar.relu.df(z)).toBe(1);
    expect(scalar.leakyRelu.df(-3)).toBe(0.01);
  });
});

describe('chapter 6: vanishing gradients', () => {
  it('a leaky unit that is off gets α times the gradient it would get with slope 1', () => {
    for (const z of [-3, -0.5]) expect(scalar.leakyRelu.df(z) / scalar.relu.df(-z)).toBeCloseTo(0.01, 12);
  });

  it('with Xavier weights, ten sigmoid layers of 64 make the first layer’s weight gradient millions of times smaller than the last layer’s', () => {
    const net = MLP.create({ sizes: [64, ...Array(10).fill(64), 10], activation: 'sigmoid', init: 'xavier', seed: 4 });
    const rng = createRng(8);
    const X = Matrix.randn(64, 32, rng);
    const Y = oneHot(Array.from({ length: 32 }, () => rng.int(10)), 10);
    const spread = net.backward(net.forwardWithCache(X), Y).dW.map((d) => layerStats(d).std);
    for (let l = 1; l < spread.length; l++) expect(spread[l]).toBeGreaterThan(spread[l - 1]); // shrinks on the way back
    expect(spread[0] / spread[10]).toBeLessThan(1e-6);
    expect(spread[0] / spread[10]).toBeGreaterThan(1e-8);
  });
});

describe('chapter 6: dead ReLU units', () => {
  it('a unit with z ≤ 0 for every input gets exactly zero gradient for its row of W1 and its bias', () => {
    const rng = createRng(2);
    const net = MLP.create({ sizes: [20, 8, 10], activation: 'relu', init: 'he', seed: 3 });
    const X = Matrix.randn(20, 50, rng);
    const Y = oneHot(Array.from({ length: 50 }, () => rng.int(10)), 10);
    const before = deadUnits(net, X)[0];
    net.b[0].set(3, 0, -100);
    expect(deadUnits(net, X)[0]).toBe(before + 1);
    const { dW, db } = net.backward(net.forwardWithCache(X), Y);
    for (let k = 0; k < 20; k++) expect(dW[0].get(3, k)).toBe(0);
    expect(db[0].get(3, 0)).toBe(0);
  });

  it('at η = 0.8 on MNIST most ReLU units die and stay dead; leaky ReLU units recover at α = 0.1 but mostly not at α = 0.01', async () => {
    const data = { train: mnistSubset('train', 0, 2000), val: mnistSubset('train', 2000, 500) };
    const deadAfter = async (activation: 'relu' | 'leakyRelu', learningRate: number, alpha = 0.1) => {
      const net = MLP.create({ sizes: [784, 64, 10], activation, alpha, init: 'he', seed: 1 });
      const counts: number[] = [];
      await train(net, data, { epochs: 10, learningRate, batchSize: 32, seed: 2 }, (p) => {
        if (p.kind === 'epoch') counts.push(deadUnits(net, data.val.X)[0]);
      });
      return counts;
    };
    const reluCounts = await deadAfter('relu', 0.8);
    expect(reluCounts[0]).toBeGreaterThan(32);
    expect(reluCounts[9]).toBeGreaterThan(32); // most stay dead for good
    const leaky = await deadAfter('leakyRelu', 0.8);
    expect(leaky[0]).toBeGreaterThan(10);
    expect(leaky[9]).toBeLessThan(leaky[0] / 2);
    expect(leaky[9]).toBeLessThanOrEqual(5); // "all but 4 or 5 come back"
    // α = 0.01: the recovering gradient is 100 times smaller, and almost as many units stay off as with ReLU.
    const slowLeaky = await deadAfter('leakyRelu', 0.8, 0.01);
    expect(slowLeaky[0]).toBeGreaterThan(32);
    expect(slowLeaky[9]).toBeGreaterThan(30);
    expect(slowLeaky[9]).toBeGreaterThan(reluCounts[9] - 8);
    const gentle = await deadAfter('relu', 0.1);
    expect(gentle[9]).toBeLessThan(4);
  });
});
