import { describe, expect, it } from 'vitest';
import { Matrix, ShapeError, createRng, matmul, matmulTransA, matmulTransB, transpose } from '../../src/engine/index.ts';

/** The definition, in float64 on plain arrays: C[i][j] = Σ_p A[i][p]·B[p][j]. */
function reference(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, p) => s + a * B[p][j], 0)));
}

function expectClose(C: Matrix, expected: number[][], tolerance = 1e-4): void {
  expect(C.shape).toEqual([expected.length, expected[0].length]);
  C.toArray().forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], -Math.log10(tolerance))));
}

/** A random matrix in which roughly `zeros` of the entries are exactly 0, like MNIST pixels. */
function randomMatrix(rows: number, cols: number, seed: number, zeros = 0): Matrix {
  const rng = createRng(seed);
  const M = Matrix.randn(rows, cols, rng);
  for (let p = 0; p < M.data.length; p++) if (rng.next() < zeros) M.data[p] = 0;
  return M;
}

describe('matmul', () => {
  it('agrees with hand-computed values', () => {
    const A = Matrix.fromArray([[1, 2], [3, 4], [5, 6]]);
    const B = Matrix.fromArray([[7, 8, 9], [10, 11, 12]]);
    // row 0: [1·7 + 2·10, 1·8 + 2·11, 1·9 + 2·12]
    expect(matmul(A, B).toArray()).toEqual([[27, 30, 33], [61, 68, 75], [95, 106, 117]]);
  });

  it('both transposed forms agree with hand values', () => {
    const A = Matrix.fromArray([[1, 2], [3, 4], [5, 6]]); // (3, 2)
    const B = Matrix.fromArray([[1, 0], [0, 1], [1, 1]]); // (3, 2)
    // Aᵀ·B = [[1+5, 3+5], [2+6, 4+6]]
    expect(matmulTransA(A, B).toArray()).toEqual([[6, 8], [8, 10]]);
    // A·Bᵀ: row i of A dotted with rows of B
    expect(matmulTransB(A, B).toArray()).toEqual([[1, 2, 3], [3, 4, 7], [5, 6, 11]]);
  });

  it('matches the definition on odd shapes, dense and mostly-zero (the zero-skipping path)', () => {
    for (const zeros of [0, 0.8]) {
      const A = randomMatrix(7, 13, 1, zeros);
      const B = randomMatrix(13, 5, 2, zeros);
      const C = randomMatrix(7, 5, 3, zeros);
      const D = randomMatrix(11, 13, 4, zeros);
      expectClose(matmul(A, B), reference(A.toArray(), B.toArray()));
      expectClose(matmulTransA(A, C), reference(transpose(A).toArray(), C.toArray()));
      expectClose(matmulTransB(A, D), reference(A.toArray(), transpose(D).toArray()));
    }
  });

  it('names both shapes when the inner sizes differ', () => {
    const call = () => matmul(Matrix.zeros(16, 784), Matrix.zeros(10, 64));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow('matmul: A is (16, 784) but B is (10, 64); A.cols must equal B.rows');
    expect(() => matmulTransA(Matrix.zeros(3, 2), Matrix.zeros(4, 2))).toThrow(
      'matmulTransA: A is (3, 2) but B is (4, 2); A.rows must equal B.rows',
    );
    expect(() => matmulTransB(Matrix.zeros(3, 2), Matrix.zeros(3, 4))).toThrow(
      'matmulTransB: A is (3, 2) but B is (3, 4); A.cols must equal B.cols',
    );
  });
});
