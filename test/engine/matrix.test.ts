import { describe, expect, it } from 'vitest';
import {
  Matrix, ShapeError, add, argmax, broadcastShape, columns, formatShape, map, mul, scale, sub, sum, transpose,
} from '../../src/engine/index.ts';

const M = (rows: number[][]) => Matrix.fromArray(rows);

describe('Matrix', () => {
  it('stores rows one after another and reports its shape', () => {
    const A = M([[1, 2, 3], [4, 5, 6]]);
    expect(A.shape).toEqual([2, 3]);
    expect(Array.from(A.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(A.get(1, 0)).toBe(4);
    A.set(0, 2, 9);
    expect(A.toArray()).toEqual([[1, 2, 9], [4, 5, 6]]);
  });

  it('names the ragged row in fromArray', () => {
    expect(() => M([[1, 2], [3, 4], [5]])).toThrow(/row 2 has 1 numbers but row 0 has 2/);
  });

  it('refuses data of the wrong length and indices outside the shape', () => {
    expect(() => new Matrix(2, 2, new Float32Array(3))).toThrow(ShapeError);
    expect(() => M([[1]]).get(1, 0)).toThrow(/outside a matrix of shape \(1, 1\)/);
  });

  it('fromColumn makes an (n, 1) column; clone is independent', () => {
    const v = Matrix.fromColumn([1, 2, 3]);
    expect(v.shape).toEqual([3, 1]);
    const c = v.clone();
    c.set(0, 0, 7);
    expect(v.get(0, 0)).toBe(1);
  });
});

describe('broadcasting', () => {
  it('follows numpy: equal sizes match, a 1 stretches', () => {
    expect(broadcastShape('add', [16, 64], [16, 1])).toEqual([16, 64]);
    expect(broadcastShape('add', [1, 5], [3, 1])).toEqual([3, 5]);
    expect(formatShape([16, 1])).toBe('(16, 1)');
  });

  it('adds a column to every column and a row to every row (hand values)', () => {
    const A = M([[1, 2, 3], [4, 5, 6]]);
    expect(add(A, M([[10], [20]])).toArray()).toEqual([[11, 12, 13], [24, 25, 26]]);
    expect(sub(A, M([[1, 2, 3]])).toArray()).toEqual([[0, 0, 0], [3, 3, 3]]);
    expect(mul(M([[1], [2]]), M([[3, 4]])).toArray()).toEqual([[3, 4], [6, 8]]);
    expect(add(A, M([[100]])).toArray()).toEqual([[101, 102, 103], [104, 105, 106]]);
  });

  it('names the operation and both shapes when shapes do not fit', () => {
    const cases: [(a: Matrix, b: Matrix) => Matrix, string][] = [[add, 'add'], [sub, 'sub'], [mul, 'mul']];
    for (const [op, name] of cases) {
      const call = () => op(Matrix.zeros(16, 1), Matrix.zeros(10, 1));
      expect(call).toThrow(ShapeError);
      expect(call).toThrow(`${name}: cannot broadcast (16, 1) with (10, 1)`);
    }
    expect(() => add(Matrix.zeros(2, 3), Matrix.zeros(2, 2))).toThrow('add: cannot broadcast (2, 3) with (2, 2)');
  });
});

describe('element-wise, sum, transpose, argmax, columns', () => {
  const A = M([[1, -2, 3], [4, 5, -6]]);

  it('scale and map act on every entry', () => {
    expect(scale(A, 2).toArray()).toEqual([[2, -4, 6], [8, 10, -12]]);
    expect(map(A, Math.abs).toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('sum: axis 0 gives (1, cols), axis 1 gives (rows, 1)', () => {
    expect(sum(A, 0).toArray()).toEqual([[5, 3, -3]]);
    expect(sum(A, 1).toArray()).toEqual([[2], [3]]);
    expect(sum(A, 1).shape).toEqual([2, 1]);
  });

  it('sum without keepdims acts like numpy 1-D: a row, which silently broadcasts a (h,1) bias to (h,h)', () => {
    const db = sum(A, 1, false);
    expect(db.shape).toEqual([1, 2]);
    expect(add(Matrix.zeros(2, 1), db).shape).toEqual([2, 2]);
  });

  it('transpose moves (i, j) to (j, i)', () => {
    expect(transpose(A).toArray()).toEqual([[1, 4], [-2, 5], [3, -6]]);
  });

  it('argmax: axis 0 is one answer per column (example), axis 1 per row; first on ties', () => {
    expect(argmax(A, 0)).toEqual([1, 1, 0]);
    expect(argmax(A, 1)).toEqual([2, 1]);
    expect(argmax(M([[1, 1]]), 1)).toEqual([0]);
  });

  it('columns gathers examples in the given order', () => {
    expect(columns(A, [2, 0]).toArray()).toEqual([[3, 1], [-6, 4]]);
    expect(() => columns(A, [3])).toThrow(/index 3/);
  });
});
