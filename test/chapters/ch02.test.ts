// Chapter 2's claims about number labels, one-hot labels and argmax, computed with the engine.
import { describe, expect, it } from 'vitest';
import { Matrix, argmax, fromOneHot, mse, mseGrad, oneHot, scale, sub, sum, sumAll, mul } from '../../src/engine/index.ts';

const scalar = (v: number) => Matrix.fromArray([[v]]);

describe('chapter 2: a label as one number', () => {
  it('squared error charges 18 for answering 7 to a 1 but 0.5 for answering 2', () => {
    expect(mse(scalar(7), scalar(1))).toBe(18);
    expect(mse(scalar(2), scalar(1))).toBe(0.5);
  });

  it('the loss of answering 7 to a 1 is 36 times that of answering 2, its gradient ŷ − y six times', () => {
    expect(mse(scalar(7), scalar(1)) / mse(scalar(2), scalar(1))).toBe(36);
    expect(mseGrad(scalar(7), scalar(1)).get(0, 0) / mseGrad(scalar(2), scalar(1)).get(0, 0)).toBe(6);
  });

  it('for images labelled half 1 and half 9, the best single answer is 5 (the mean)', () => {
    const labels = new Matrix(1, 20, Float32Array.from({ length: 20 }, (_, j) => (j < 10 ? 9 : 1)));
    let best = -1, bestLoss = Infinity;
    for (let k = 0; k <= 1000; k++) {
      const yhat = k / 100; // try every answer 0.00 … 10.00
      const loss = mse(new Matrix(1, 20, new Float32Array(20).fill(yhat)), labels);
      if (loss < bestLoss) [best, bestLoss] = [yhat, loss];
    }
    expect(best).toBe(5);
    expect(scale(sum(labels, 1), 1 / 20).get(0, 0)).toBe(5);
  });
});

describe('chapter 2: one-hot labels', () => {
  it('oneHot([5, 0, 4]) is the (10, 3) matrix of the chapter', () => {
    const Y = oneHot([5, 0, 4]);
    expect(Y.shape).toEqual([10, 3]);
    const expected = Array.from({ length: 10 }, (_, k) => [k === 5 ? 1 : 0, k === 0 ? 1 : 0, k === 4 ? 1 : 0]);
    expect(Y.toArray()).toEqual(expected);
    expect(fromOneHot(Y)).toEqual([5, 0, 4]);
  });

  it('every two different classes are the same squared distance apart: 2', () => {
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 10; b++) {
        const d = sub(oneHot([a]), oneHot([b]));
        expect(sumAll(mul(d, d))).toBe(a === b ? 0 : 2);
      }
    }
  });

  it('the mean of the one-hot labels of 1 and 9 is 0.5 at rows 1 and 9, nothing at 5, and argmax takes the first tie', () => {
    const mean = scale(sum(oneHot([1, 9]), 1), 1 / 2);
    expect(Array.from(mean.data)).toEqual([0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.5]);
    expect(argmax(mean, 0)).toEqual([1]);
  });
});

describe('chapter 2: argmax and its axis', () => {
  const Yhat = Matrix.fromArray([
    [0.01, 0.05, 0.7], [0.62, 0.05, 0.02], [0.02, 0.03, 0.02], [0.01, 0.04, 0.01], [0.03, 0.6, 0.05],
    [0.01, 0.04, 0.1], [0.02, 0.04, 0.03], [0.2, 0.05, 0.02], [0.03, 0.05, 0.03], [0.05, 0.05, 0.02],
  ]);

  it('axis 0 gives one digit per example (column); axis 1 gives one index per class (row)', () => {
    expect(argmax(Yhat, 0)).toEqual([1, 4, 0]);
    expect(argmax(Yhat, 1)).toHaveLength(10);
  });

  it('on a square batch the wrong axis still returns m numbers, silently wrong', () => {
    const labels = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const Y = oneHot(labels); // (10, 10)
    expect(argmax(Y, 0)).toEqual(labels);
    expect(argmax(Y, 1)).toHaveLength(10);
    expect(argmax(Y, 1)).not.toEqual(labels);
  });
});
