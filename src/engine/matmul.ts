// The matrix product, shape-checked. The loops themselves live in kernels.ts.
import * as kernels from './kernels.ts';
import { Matrix, ShapeError, formatShape } from './matrix.ts';

/** A·B: (n, k)·(k, m) → (n, m). The inner sizes must agree. */
export function matmul(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.rows) {
    throw new ShapeError(
      `matmul: A is ${formatShape(A.shape)} but B is ${formatShape(B.shape)}; A.cols must equal B.rows`,
    );
  }
  const C = new Matrix(A.rows, B.cols);
  kernels.matmul(A.data, B.data, C.data, A.rows, A.cols, B.cols);
  return C;
}

/** Aᵀ·B: (k, n)ᵀ·(k, m) → (n, m), without building Aᵀ. E.g. dA1 = W2ᵀ·dZ2. */
export function matmulTransA(A: Matrix, B: Matrix): Matrix {
  if (A.rows !== B.rows) {
    throw new ShapeError(
      `matmulTransA: A is ${formatShape(A.shape)} but B is ${formatShape(B.shape)}; A.rows must equal B.rows`,
    );
  }
  const C = new Matrix(A.cols, B.cols);
  kernels.matmulTransA(A.data, B.data, C.data, A.rows, A.cols, B.cols);
  return C;
}

/** A·Bᵀ: (n, k)·(m, k)ᵀ → (n, m), without building Bᵀ. E.g. dW2 = dZ2·A1ᵀ. */
export function matmulTransB(A: Matrix, B: Matrix): Matrix {
  if (A.cols !== B.cols) {
    throw new ShapeError(
      `matmulTransB: A is ${formatShape(A.shape)} but B is ${formatShape(B.shape)}; A.cols must equal B.cols`,
    );
  }
  const C = new Matrix(A.rows, B.rows);
  kernels.matmulTransB(A.data, B.data, C.data, A.rows, A.cols, B.rows);
  return C;
}
