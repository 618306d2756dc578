// Max pooling: each channel is cut into non-overlapping size × size windows, and each window is
// replaced by its largest value. A 2 × 2 pool halves the height and the width:
//   A[c, y, x] = max over i, j < size of X[c, y·size + i, x·size + j]
// It has no parameters. Its gradient: the output is the max, so nudging the max pixel nudges
// the output by the same amount and nudging any other pixel of the window does nothing.
// So each window's upstream gradient goes to the one position that held the max; the others get 0.
// Layout as everywhere (cnn-config.ts): X is (C·H·W, m), A is (C·(H/size)·(W/size), m).
import type { ImageShape } from './cnn-config.ts';
import { Matrix, ShapeError, formatShape } from './matrix.ts';

export interface PoolResult {
  /** The pooled batch (C·H_out·W_out, m). */
  A: Matrix;
  /**
   * For every entry of A (same index, row·m + e), the row of X that held the max:
   * where the backward pass sends that entry's gradient. On a tie, the first in the window.
   */
  argmax: Int32Array;
}

export function maxPoolForward(X: Matrix, input: ImageShape, size: number, where = 'pool'): PoolResult {
  const { channels: C, height: H, width: W } = input;
  if (X.rows !== C * H * W) {
    throw new ShapeError(`${where}: X is ${formatShape(X.shape)} but a batch of ${C}×${H}×${W} images is (${C * H * W}, m)`);
  }
  if (H % size !== 0 || W % size !== 0) throw new ShapeError(`${where}: a ${size}×${size} window does not tile a ${H}×${W} image`);
  const outH = H / size, outW = W / size, m = X.cols;
  const A = new Matrix(C * outH * outW, m);
  const argmax = new Int32Array(A.data.length);
  for (let c = 0; c < C; c++) {
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const out = c * outH * outW + y * outW + x;
        for (let e = 0; e < m; e++) {
          let best = -Infinity, bestRow = -1;
          for (let i = 0; i < size; i++) {
            for (let j = 0; j < size; j++) {
              const row = c * H * W + (y * size + i) * W + (x * size + j);
              const v = X.data[row * m + e];
              if (v > best || bestRow < 0) { // the first pixel always counts, so even a NaN window has a winner
                best = v;
                bestRow = row;
              }
            }
          }
          A.data[out * m + e] = best;
          argmax[out * m + e] = bestRow;
        }
      }
    }
  }
  return { A, argmax };
}

/**
 * dX (inputRows, m) from dA, the gradient at the pooled output: each entry of dA goes to the
 * pixel that won its window; every other pixel's gradient is 0.
 */
export function maxPoolBackward(dA: Matrix, argmax: Int32Array, inputRows: number, where = 'pool'): Matrix {
  if (argmax.length !== dA.data.length) {
    throw new ShapeError(`${where}: dA is ${formatShape(dA.shape)} but the forward pass pooled ${argmax.length} entries`);
  }
  const m = dA.cols;
  const dX = new Matrix(inputRows, m);
  for (let q = 0; q < dA.data.length; q++) {
    const e = q % m;
    dX.data[argmax[q] * m + e] += dA.data[q];
  }
  return dX;
}
