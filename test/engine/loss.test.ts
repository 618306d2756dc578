import { describe, expect, it } from 'vitest';
import {
  GRADIENT_TOLERANCE, Matrix, ShapeError, binaryCrossEntropy, createRng, crossEntropy, crossEntropyFromLogits, mse,
  mseGrad, numericalGradient, oneHot, relativeError, scale, sigmoid, sigmoidBinaryCrossEntropyGrad, softmax,
  softmaxCrossEntropyGrad,
} from '../../src/engine/index.ts';

const m = 5;
const Z = Matrix.randn(4, m, createRng(21));
const Y = oneHot([0, 3, 1, 1, 2], 4);

describe('cross-entropy', () => {
  it('hand value: −mean log of the probability given to the right class', () => {
    const A2 = Matrix.fromArray([[0.5, 0.1], [0.5, 0.9]]);
    const Y2 = oneHot([0, 1], 2);
    expect(crossEntropy(A2, Y2)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.9)) / 2, 6);
  });

  it('never takes log(0): a probability of exactly 0 gives a large finite loss', () => {
    const loss = crossEntropy(Matrix.fromColumn([0, 1]), oneHot([0], 2));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(-Math.log(1e-12), 3);
  });

  it('from logits equals softmax then cross-entropy, and stays finite for huge logits', () => {
    expect(crossEntropyFromLogits(Z, Y)).toBeCloseTo(crossEntropy(softmax(Z), Y), 5);
    expect(crossEntropyFromLogits(Matrix.fromColumn([1000, 1001]), oneHot([0], 2))).toBeCloseTo(Math.log(1 + Math.E), 5);
  });

  it('(A2 − Y)/m is the gradient with respect to the logits Z2 (finite differences)', () => {
    const numeric = numericalGradient(() => crossEntropy(softmax(Z), Y), Z);
    expect(relativeError(numeric, softmaxCrossEntropyGrad(softmax(Z), Y))).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('the same check catches a missing 1/m and a wrong sign', () => {
    const numeric = numericalGradient(() => crossEntropy(softmax(Z), Y), Z);
    const right = softmaxCrossEntropyGrad(softmax(Z), Y);
    expect(relativeError(numeric, scale(right, m))).toBeGreaterThan(0.5);
    expect(relativeError(numeric, scale(right, -1))).toBeGreaterThan(0.9);
  });

  it('names both shapes when A and Y differ', () => {
    expect(() => crossEntropy(Matrix.zeros(10, 4), Matrix.zeros(10, 5))).toThrow(ShapeError);
    expect(() => crossEntropy(Matrix.zeros(10, 4), Matrix.zeros(10, 5))).toThrow('(10, 4) but Y is (10, 5)');
  });
});

describe('binary cross-entropy', () => {
  const Yb = new Matrix(4, m, Float32Array.from({ length: 4 * m }, (_, p) => (p % 3 === 0 ? 1 : 0)));

  it('hand value', () => {
    expect(binaryCrossEntropy(Matrix.fromColumn([0.8]), Matrix.fromColumn([1]))).toBeCloseTo(-Math.log(0.8), 6);
    expect(binaryCrossEntropy(Matrix.fromColumn([0.8]), Matrix.fromColumn([0]))).toBeCloseTo(-Math.log(0.2), 6);
  });

  it('with a sigmoid output, (A − Y)/m is the gradient with respect to Z', () => {
    const numeric = numericalGradient(() => binaryCrossEntropy(sigmoid.f(Z), Yb), Z);
    expect(relativeError(numeric, sigmoidBinaryCrossEntropyGrad(sigmoid.f(Z), Yb))).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe('mse', () => {
  const A = Matrix.randn(4, m, createRng(22));

  it('is the mean over the batch of ½‖a − y‖² (hand value)', () => {
    const a = Matrix.fromArray([[1, 0], [2, 0]]);
    const y = Matrix.fromArray([[0, 0], [0, 1]]);
    // example 0: ½(1 + 4) = 2.5; example 1: ½(1) = 0.5; mean 1.5
    expect(mse(a, y)).toBeCloseTo(1.5, 6);
  });

  it('mseGrad = (A − Y)/m matches finite differences with respect to A', () => {
    const numeric = numericalGradient(() => mse(A, Y), A);
    expect(relativeError(numeric, mseGrad(A, Y))).toBeLessThan(GRADIENT_TOLERANCE);
    expect(relativeError(numeric, scale(mseGrad(A, Y), 2))).toBeGreaterThan(0.3); // forgot the ½
  });
});
