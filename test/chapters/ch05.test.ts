// Claims of chapter 5 (broadcasting) checked with the engine.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  MLP, Matrix, add, broadcastShape, checkGradients, createRng, map, matmulTransA, mul, oneHot, relu,
  softmaxCrossEntropyGrad, sub, sum, sumAll,
} from '../../src/engine/index.ts';

describe('chapter 5: the rule', () => {
  it('gives the shapes of the chapter’s table, and the exact error for (16, 1) + (10, 1)', () => {
    expect(broadcastShape('add', [16, 7], [16, 1])).toEqual([16, 7]);
    expect(broadcastShape('add', [3, 3], [1, 3])).toEqual([3, 3]);
    expect(broadcastShape('add', [4, 1], [1, 3])).toEqual([4, 3]);
    expect(() => add(Matrix.zeros(16, 1), Matrix.zeros(10, 1))).toThrow('add: cannot broadcast (16, 1) with (10, 1)');
  });

  it('computes the learner’s example [9, 8, 7] + a 3×3 matrix by hand', () => {
    const out = add(Matrix.fromArray([[0, 0, 0], [1, 2, 3], [4, 5, 6]]), Matrix.fromArray([[9, 8, 7]]));
    expect(out.toArray()).toEqual([[9, 8, 7], [10, 10, 10], [13, 13, 13]]);
  });

  it('reads b1 (16, 1) for every column: Z1 − W1X equals b1 in each column, and b1 stays 16 numbers', () => {
    const rng = createRng(5);
    const WX = Matrix.randn(16, 50, rng);
    const b1 = Matrix.randn(16, 1, rng);
    const D = sub(add(WX, b1), WX);
    for (let j = 0; j < 50; j++) for (let i = 0; i < 16; i++) expect(D.get(i, j)).toBeCloseTo(b1.get(i, 0), 5);
    expect(b1.data.length).toBe(16);
  });
});

describe('chapter 5: the scalar bias-gradient bug', () => {
  const rng = createRng(1);
  const net = MLP.create({ sizes: [12, 6, 10], activation: 'relu', init: 'he', seed: 2 });
  const X = Matrix.randn(12, 8, rng);
  const Y = oneHot(Array.from({ length: 8 }, () => rng.int(10)), 10);
  const cache = net.forwardWithCache(X);
  const right = net.backward(cache, Y);
  const dZ2 = softmaxCrossEntropyGrad(cache.A[2], Y);
  const dZ1 = mul(matmulTransA(net.W[1], dZ2), relu.df(cache.Z[0]));

  it('passes silently through broadcasting: the buggy update keeps b1’s shape', () => {
    const scalar = Matrix.fromColumn([sumAll(dZ1)]); // (1, 1)
    expect(sub(net.b[0], scalar).shape).toEqual([6, 1]);
  });

  it('makes db2 zero for softmax + cross-entropy (each column of dZ2 sums to 0)', () => {
    expect(Math.abs(sumAll(dZ2))).toBeLessThan(1e-6);
    expect(sum(dZ2, 1, true).toArray().some(([v]) => Math.abs(v) > 1e-3)).toBe(true);
  });

  it('is caught by the gradient check, which passes the right gradients', () => {
    expect(checkGradients(net, X, Y, right).every((r) => r.ok)).toBe(true);
    const wrong = { dW: right.dW, db: [map(net.b[0], () => sumAll(dZ1)), map(net.b[1], () => sumAll(dZ2))] };
    const result = Object.fromEntries(checkGradients(net, X, Y, wrong).map((r) => [r.name, r.ok]));
    expect(result).toEqual({ dW1: true, db1: false, dW2: true, db2: false });
  });

  it('keepdims matters: a (1, h) row subtracted from b1 (h, 1) silently gives (h, h)', () => {
    expect(sub(net.b[0], sum(dZ1, 1, false)).shape).toEqual([6, 6]);
    expect(sub(net.b[0], sum(dZ1, 1, true)).shape).toEqual([6, 1]);
  });
});

describe('chapter 5: numpy says the same in its own words', () => {
  const chapter = readFileSync(new URL('../../content/chapters/05-broadcasting.mdx', import.meta.url), 'utf8');
  const NUMPY_TEXT = 'ValueError: operands could not be broadcast together with shapes (16,1) (10,1)';

  it('the chapter quotes the engine’s message and numpy’s, side by side', () => {
    expect(chapter).toContain('add: cannot broadcast (16, 1) with (10, 1)');
    expect(chapter).toContain(NUMPY_TEXT);
  });

  // numpy is not a dependency of the site; where it is installed, its message is checked against the quote.
  const python = spawnSync('python3', ['-c', 'import numpy as np\ntry:\n  np.zeros((16, 1)) + np.zeros((10, 1))\nexcept ValueError as e:\n  print("ValueError: " + str(e).strip())'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('numpy’s own error for (16, 1) + (10, 1) is the text the chapter quotes', () => {
    expect(python.stdout.trim()).toBe(NUMPY_TEXT);
  });
});
