import { describe, expect, it } from 'vitest';
import { Matrix, accuracy, confusionMatrix, fromOneHot, oneHot, predict } from '../../src/engine/index.ts';

describe('oneHot', () => {
  it('puts a 1 in row label of each column', () => {
    const Y = oneHot([2, 0, 1], 3);
    expect(Y.shape).toEqual([3, 3]);
    expect(Y.toArray()).toEqual([[0, 1, 0], [0, 0, 1], [1, 0, 0]]);
    expect(fromOneHot(Y)).toEqual([2, 0, 1]);
    expect(oneHot(new Uint8Array([9]), 10).get(9, 0)).toBe(1);
  });

  it('rejects 3.5 and 10, naming the value and its index', () => {
    expect(() => oneHot([1, 3.5])).toThrow('label 3.5 at index 1 is not a whole number');
    expect(() => oneHot([10])).toThrow('label 10 at index 0 is out of range; labels must be 0 to 9');
    expect(() => oneHot([-1])).toThrow(/label -1 at index 0/);
  });
});

describe('accuracy, predict, confusion matrix', () => {
  it('accuracy is the fraction correct', () => {
    expect(accuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(() => accuracy([1], [1, 2])).toThrow(/1 predictions but 2 labels/);
  });

  it('predict takes the argmax down each column', () => {
    const net = { forward: (X: Matrix) => X };
    expect(predict(net, Matrix.fromArray([[0.1, 0.7], [0.9, 0.3]]))).toEqual([1, 0]);
  });

  it('confusion matrix: rows are true labels, columns predictions', () => {
    const counts = confusionMatrix([0, 1, 1, 2], [0, 1, 2, 2], 3);
    expect(counts).toEqual([[1, 0, 0], [0, 1, 0], [0, 1, 1]]);
  });
});
