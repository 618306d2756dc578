// Claims of chapter 9 (Cross-entropy), checked with the engine against finite differences and hand values.
import { describe, expect, it } from 'vitest';
import {
  Matrix,
  binaryCrossEntropy,
  createRng,
  crossEntropy,
  crossEntropyFromLogits,
  mseGrad,
  numericalGradient,
  oneHot,
  relativeError,
  scalar,
  sigmoidBinaryCrossEntropyGrad,
  softmax,
  softmaxCrossEntropyGrad,
  GRADIENT_TOLERANCE,
} from '../../src/engine';
import { runChapterCells, shownValues } from './chapter-cells';
import { readFileSync } from 'node:fs';

const chapter = readFileSync(new URL('../../content/chapters/09-cross-entropy.mdx', import.meta.url), 'utf8');

describe('chapter 9: cross-entropy', () => {
  it('one class index throughout: 0 to K − 1, in the loss and in the derivation', () => {
    expect(chapter).not.toMatch(/i = 1, \\dots, K|\\sum_\{i=1\}\^\{K\}|\\sum_\{k=1\}/);
    expect(chapter).toContain('i = 0, \\dots, K - 1');
  });

  it('every entry of ŷ − y lies between −1 and 1: the true class’s in [−1, 0], the others’ in [0, 1]', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 200; trial++) {
      const Z = Matrix.fromColumn(Array.from({ length: 10 }, () => 20 * rng.randn()));
      const c = rng.int(10);
      const Y = oneHot([c], 10);
      const g = softmaxCrossEntropyGrad(softmax(Z), Y); // (ŷ − y)/m with m = 1
      for (let k = 0; k < 10; k++) {
        const v = g.get(k, 0);
        if (k === c) expect(v >= -1 && v <= 0).toBe(true);
        else expect(v >= 0 && v <= 1).toBe(true);
      }
    }
    expect(chapter).toContain('every entry lies between $-1$ and $1$');
  });

  it('the table: −log p for p = 1, 0.9, 0.5, 0.1, 0.01; an even guess over ten digits costs log 10', () => {
    const y = oneHot([3], 10);
    const lossAt = (p: number) => {
      const rest = (1 - p) / 9;
      return crossEntropy(Matrix.fromColumn(Array.from({ length: 10 }, (_, k) => (k === 3 ? p : rest))), y);
    };
    expect(lossAt(1)).toBeCloseTo(0, 6);
    expect(lossAt(0.9)).toBeCloseTo(0.105, 3);
    expect(lossAt(0.5)).toBeCloseTo(0.693, 3);
    expect(lossAt(0.1)).toBeCloseTo(2.303, 3);
    expect(lossAt(0.01)).toBeCloseTo(4.605, 3);
    expect(lossAt(0.1)).toBeCloseTo(Math.log(10), 5);
  });

  it('the batch loss is −(1/m)·log of the product of the right answers’ probabilities (maximum likelihood)', () => {
    const rng = createRng(1);
    const Z = Matrix.randn(10, 6, rng);
    const labels = [0, 5, 9, 2, 2, 7];
    const A = softmax(Z);
    const likelihood = labels.reduce((P, c, j) => P * A.get(c, j), 1);
    expect(crossEntropy(A, oneHot(labels, 10))).toBeCloseTo(-Math.log(likelihood) / 6, 5);
  });

  it('binary cross-entropy equals two-class cross-entropy of (a, 1 − a) against (y, 1 − y)', () => {
    for (const a of [0.02, 0.3, 0.5, 0.77, 0.99]) {
      for (const y of [0, 1]) {
        const binary = binaryCrossEntropy(Matrix.fromArray([[a]]), Matrix.fromArray([[y]]));
        const twoClass = crossEntropy(Matrix.fromColumn([a, 1 - a]), Matrix.fromColumn([y, 1 - y]));
        expect(binary).toBeCloseTo(twoClass, 5); // float32 storage of 1 − a
      }
    }
  });

  it('a sigmoid on z with binary CE has the same loss and dℓ/dz as a softmax on (z, 0) with CE', () => {
    for (const z of [-3, -0.4, 0, 1.7]) {
      const a = scalar.sigmoid.f(z);
      const Z = Matrix.fromColumn([z, 0]);
      const Y = Matrix.fromColumn([1, 0]);
      expect(crossEntropyFromLogits(Z, Y)).toBeCloseTo(binaryCrossEntropy(Matrix.fromArray([[a]]), Matrix.fromArray([[1]])), 5);
      const dZ = softmaxCrossEntropyGrad(softmax(Z), Y);
      expect(dZ.get(0, 0)).toBeCloseTo(a - 1, 6);
    }
  });

  it('dZ2 = (1/m)(A2 − Y) agrees with finite differences of the loss, shape (10, m)', () => {
    const rng = createRng(9);
    for (const m of [1, 4, 16]) {
      const Z2 = Matrix.randn(10, m, rng);
      const labels = Array.from({ length: m }, () => rng.int(10));
      const Y = oneHot(labels, 10);
      const dZ2 = softmaxCrossEntropyGrad(softmax(Z2), Y);
      expect(dZ2.shape).toEqual([10, m]);
      const numeric = numericalGradient(() => crossEntropyFromLogits(Z2, Y), Z2);
      expect(relativeError(dZ2, numeric)).toBeLessThan(GRADIENT_TOLERANCE);
    }
  });

  it('the pieces alone are not ŷ − y: −y/ŷ (CE alone) and dropping 1/m both fail the check', () => {
    const rng = createRng(10);
    const Z2 = Matrix.randn(10, 4, rng);
    const Y = oneHot([3, 1, 4, 1], 10);
    const A2 = softmax(Z2);
    const numeric = numericalGradient(() => crossEntropyFromLogits(Z2, Y), Z2);
    const ceAlone = new Matrix(10, 4, A2.data.map((a, p) => -Y.data[p] / a / 4));
    expect(relativeError(ceAlone, numeric)).toBeGreaterThan(0.3);
    const noMean = new Matrix(10, 4, A2.data.map((a, p) => a - Y.data[p]));
    expect(relativeError(noMean, numeric)).toBeGreaterThan(0.3);
  });

  it('the Jacobian of softmax is diag(ŷ) − ŷŷᵀ (finite differences), and Jᵀ·(−y/ŷ) = ŷ − y', () => {
    const z = [0.3, -1.2, 2.0, 0.5];
    const yhat = Array.from(softmax(Matrix.fromColumn(z)).data);
    const h = 1e-3;
    for (let j = 0; j < 4; j++) {
      const up = Array.from(softmax(Matrix.fromColumn(z.map((v, k) => (k === j ? v + h : v)))).data);
      const down = Array.from(softmax(Matrix.fromColumn(z.map((v, k) => (k === j ? v - h : v)))).data);
      for (let i = 0; i < 4; i++) {
        const expected = yhat[i] * ((i === j ? 1 : 0) - yhat[j]);
        expect((up[i] - down[i]) / (2 * h)).toBeCloseTo(expected, 3);
      }
    }
    const y = [0, 0, 1, 0];
    for (let j = 0; j < 4; j++) {
      let total = 0;
      for (let i = 0; i < 4; i++) total += (-y[i] / yhat[i]) * yhat[i] * ((i === j ? 1 : 0) - yhat[j]);
      expect(total).toBeCloseTo(yhat[j] - y[j], 6);
    }
  });

  it('confidently wrong sigmoid (z = −6, y = 1): MSE pushes with −0.0025, cross-entropy with −0.9975, about 400× more', () => {
    const a = Matrix.fromArray([[scalar.sigmoid.f(-6)]]);
    const y = Matrix.fromArray([[1]]);
    expect(a.get(0, 0)).toBeCloseTo(0.0025, 4);
    const mseDz = mseGrad(a, y).get(0, 0) * scalar.sigmoid.df(-6);
    const ceDz = sigmoidBinaryCrossEntropyGrad(a, y).get(0, 0);
    expect(mseDz).toBeCloseTo(-0.0025, 4);
    expect(ceDz).toBeCloseTo(-0.9975, 4);
    expect(ceDz / mseDz).toBeGreaterThan(380);
    expect(ceDz / mseDz).toBeLessThan(420);
    // and by finite differences through the losses themselves
    const h = 1e-4;
    const bce = (z: number) => -Math.log(scalar.sigmoid.f(z));
    expect((bce(-6 + h) - bce(-6 - h)) / (2 * h)).toBeCloseTo(ceDz, 4);
  });

  it("the chapter's cells run in order without errors", async () => {
    const runs = await runChapterCells('09-cross-entropy');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.error).toBeUndefined();
    const [table, gradient, sigmoid] = runs.map(shownValues);
    expect(table.get('loss of an even guess: log 10')).toBe('2.303');
    expect(table.get('p = 0.01: −log p')).toBe('4.605');
    expect(Number(gradient.get('relative error (below 1e-2 passes)'))).toBeLessThan(1e-2);
    expect(gradient.get('dZ2 = (A2 − Y)/m')).toBe(gradient.get('finite differences of L'));
    expect(sigmoid.get('z = -6')).toMatch(/MSE dℓ\/dz: -0\.00246.*cross-entropy dℓ\/dz: -0\.997/);
  });
});
