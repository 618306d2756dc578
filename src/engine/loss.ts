// Losses L (one number, averaged over the m examples of the batch) and their gradients.
// Every gradient carries the same 1/m, so the learning rate does not depend on m.
import { Matrix, ShapeError, formatShape } from './matrix.ts';

/** log(0) is −Infinity; probabilities are clipped to at least this before the log. */
const EPSILON = 1e-12;

function sameShape(op: string, A: Matrix, Y: Matrix): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new ShapeError(`${op}: A is ${formatShape(A.shape)} but Y is ${formatShape(Y.shape)}; they must have the same shape`);
  }
}

/** Cross-entropy L = −(1/m) Σ_examples Σ_classes y·log(a), for one-hot Y and softmax outputs A2. */
export function crossEntropy(A2: Matrix, Y: Matrix): number {
  sameShape('crossEntropy', A2, Y);
  let total = 0;
  for (let p = 0; p < A2.data.length; p++) {
    if (Y.data[p] !== 0) total -= Y.data[p] * Math.log(Math.max(A2.data[p], EPSILON));
  }
  return total / A2.cols;
}

/**
 * The same loss computed straight from the logits Z2, without clipping:
 * −log softmax(z)_y = log Σ_k e^(z_k) − z_y, with the max subtracted inside the log.
 */
export function crossEntropyFromLogits(Z2: Matrix, Y: Matrix): number {
  sameShape('crossEntropyFromLogits', Z2, Y);
  const { rows, cols } = Z2;
  let total = 0;
  for (let j = 0; j < cols; j++) {
    let max = -Infinity;
    for (let i = 0; i < rows; i++) max = Math.max(max, Z2.data[i * cols + j]);
    let s = 0;
    for (let i = 0; i < rows; i++) s += Math.exp(Z2.data[i * cols + j] - max);
    const logSumExp = max + Math.log(s);
    for (let i = 0; i < rows; i++) total += Y.data[i * cols + j] * (logSumExp - Z2.data[i * cols + j]);
  }
  return total / cols;
}

/**
 * dL/dZ2 for softmax followed by cross-entropy: (A2 − Y)/m. This is the gradient
 * with respect to the LOGITS Z2 — it comes from the two pieces together; neither
 * softmax nor cross-entropy alone has it.
 */
export function softmaxCrossEntropyGrad(A2: Matrix, Y: Matrix): Matrix {
  sameShape('softmaxCrossEntropyGrad', A2, Y);
  return differenceOverM(A2, Y);
}

/**
 * Binary cross-entropy for sigmoid outputs, each unit a yes/no question:
 * L = −(1/m) Σ [y·log(a) + (1 − y)·log(1 − a)], summed over units, averaged over examples.
 */
export function binaryCrossEntropy(A: Matrix, Y: Matrix): number {
  sameShape('binaryCrossEntropy', A, Y);
  let total = 0;
  for (let p = 0; p < A.data.length; p++) {
    const a = A.data[p], y = Y.data[p];
    total -= y * Math.log(Math.max(a, EPSILON)) + (1 - y) * Math.log(Math.max(1 - a, EPSILON));
  }
  return total / A.cols;
}

/**
 * Binary cross-entropy straight from the logits Z, without clipping:
 * −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|)).
 */
export function binaryCrossEntropyFromLogits(Z: Matrix, Y: Matrix): number {
  sameShape('binaryCrossEntropyFromLogits', Z, Y);
  let total = 0;
  for (let p = 0; p < Z.data.length; p++) {
    const z = Z.data[p];
    total += Math.max(z, 0) - z * Y.data[p] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return total / Z.cols;
}

/** dL/dZ for a sigmoid output with binary cross-entropy: σ′ cancels, leaving (A − Y)/m. */
export function sigmoidBinaryCrossEntropyGrad(A: Matrix, Y: Matrix): Matrix {
  sameShape('sigmoidBinaryCrossEntropyGrad', A, Y);
  return differenceOverM(A, Y);
}

/**
 * Mean squared error, our convention: the mean over the batch of ½‖a − y‖²,
 * L = (1/m) Σ ½(a − y)². The ½ cancels the 2 of the derivative.
 */
export function mse(A: Matrix, Y: Matrix): number {
  sameShape('mse', A, Y);
  let total = 0;
  for (let p = 0; p < A.data.length; p++) total += 0.5 * (A.data[p] - Y.data[p]) ** 2;
  return total / A.cols;
}

/**
 * dL/dA for mse: (A − Y)/m. With respect to A, not Z: on a sigmoid output the
 * chain rule still multiplies by σ′(Z), which is why MSE + sigmoid learns slowly.
 */
export function mseGrad(A: Matrix, Y: Matrix): Matrix {
  sameShape('mseGrad', A, Y);
  return differenceOverM(A, Y);
}

function differenceOverM(A: Matrix, Y: Matrix): Matrix {
  const out = new Matrix(A.rows, A.cols);
  const m = A.cols;
  for (let p = 0; p < out.data.length; p++) out.data[p] = (A.data[p] - Y.data[p]) / m;
  return out;
}
