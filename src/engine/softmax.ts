// Softmax turns each column of logits z into probabilities: softmax(z)_i = e^(z_i) / Σ_k e^(z_k).
import { Matrix } from './matrix.ts';

function softmaxColumns(Z: Matrix, subtractMax: boolean): Matrix {
  const { rows, cols } = Z;
  const out = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) {
    // Subtracting the column's largest logit changes nothing mathematically
    // (e^(z−c) / Σ e^(z−c) = e^z / Σ e^z) but keeps every e^(…) ≤ 1, so it cannot overflow.
    let max = -Infinity;
    if (subtractMax) for (let i = 0; i < rows; i++) max = Math.max(max, Z.data[i * cols + j]);
    else max = 0;
    let total = 0;
    for (let i = 0; i < rows; i++) total += Math.exp(Z.data[i * cols + j] - max);
    for (let i = 0; i < rows; i++) out.data[i * cols + j] = Math.exp(Z.data[i * cols + j] - max) / total;
  }
  return out;
}

/** Column-wise softmax, numerically stable: the column's maximum is subtracted first. */
export function softmax(Z: Matrix): Matrix {
  return softmaxColumns(Z, true);
}

/** The textbook formula without the max trick: e^1000 is Infinity, and Infinity/Infinity is NaN. */
export function softmaxUnstable(Z: Matrix): Matrix {
  return softmaxColumns(Z, false);
}
