// Gradient checking: compare a gradient computed by backprop with one estimated
// from the loss itself by central differences, ∂f/∂x ≈ (f(x + ε) − f(x − ε)) / 2ε.
//
// Precision: our matrices are float32 (about 7 significant digits), so every loss
// evaluation carries a rounding error of roughly 1e-7·|f|, and dividing by 2ε
// amplifies it: ~1e-4 absolute for ε = 1e-3. Small gradients (sigmoid layers deep
// in the net, ~1e-3) then show relative errors up to ~1e-2. A larger ε lowers this
// noise but raises the truncation error (∝ ε²) and the chance that x ± ε crosses
// ReLU's kink at 0. For whole networks we use ε = 3e-3 (measured worst case about
// 3e-3 on our small test nets) and judge by the relative error of the WHOLE
// gradient, accepting < 1e-2. Real bugs are far above that: a wrong sign gives 1,
// a missing 1/m with m = 4 gives 0.6, a transposed or scalar-broadcast gradient
// typically 0.3 or more.
import { Matrix, ShapeError, formatShape } from './matrix.ts';
import { CNN } from './cnn.ts';
import type { Gradients, MLP } from './network.ts';

/**
 * ∂f/∂M for every entry of M, by central differences. M is changed in place
 * (one entry at a time) and restored. f must read M and return the loss.
 */
export function numericalGradient(f: () => number, M: Matrix, eps = 1e-3): Matrix {
  const G = new Matrix(M.rows, M.cols);
  for (let p = 0; p < M.data.length; p++) {
    const original = M.data[p];
    // In float32, x + ε is rounded; use the steps that were actually taken.
    M.data[p] = original + eps;
    const up = M.data[p] - original;
    const fPlus = f();
    M.data[p] = original - eps;
    const down = original - M.data[p];
    const fMinus = f();
    M.data[p] = original;
    G.data[p] = (fPlus - fMinus) / (up + down);
  }
  return G;
}

/** ‖A − B‖ / (‖A‖ + ‖B‖), Frobenius norms in float64: 0 when equal, 1 when B = −A. */
export function relativeError(A: Matrix, B: Matrix): number {
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new ShapeError(`relativeError: A is ${formatShape(A.shape)} but B is ${formatShape(B.shape)}`);
  }
  let diff = 0, a = 0, b = 0;
  for (let p = 0; p < A.data.length; p++) {
    diff += (A.data[p] - B.data[p]) ** 2;
    a += A.data[p] ** 2;
    b += B.data[p] ** 2;
  }
  const scale = Math.sqrt(a) + Math.sqrt(b);
  return scale === 0 ? 0 : Math.sqrt(diff) / scale;
}

/** The tolerance for relativeError explained at the top of this file. */
export const GRADIENT_TOLERANCE = 1e-2;

/**
 * Checks backprop's gradients for a network on one batch: for every parameter,
 * the relative error against central differences of the loss.
 * Pass `grads` to check gradients of your own (e.g. a deliberately broken one).
 */
export function checkGradients(
  net: MLP | CNN,
  X: Matrix,
  Y: Matrix,
  grads: Gradients = backprop(net, X, Y),
  eps = 3e-3,
): { name: string; error: number; ok: boolean }[] {
  const loss = () => net.loss(net.forward(X), Y);
  // dW1, db1, … for an MLP; dK1, db1, …, dW5, db5 for a CNN (numbered by layer, pools included)
  const names = net instanceof CNN ? net.parameterNames() : net.W.flatMap((_, l) => [`W${l + 1}`, `b${l + 1}`]);
  const results: { name: string; error: number; ok: boolean }[] = [];
  for (let s = 0; s < net.W.length; s++) {
    for (const [name, P, dP] of [[`d${names[2 * s]}`, net.W[s], grads.dW[s]], [`d${names[2 * s + 1]}`, net.b[s], grads.db[s]]] as const) {
      const error = relativeError(numericalGradient(loss, P, eps), dP);
      results.push({ name, error, ok: error < GRADIENT_TOLERANCE });
    }
  }
  return results;
}

function backprop(net: MLP | CNN, X: Matrix, Y: Matrix): Gradients {
  return net instanceof CNN ? net.backward(net.forwardWithCache(X), Y) : net.backward(net.forwardWithCache(X), Y);
}
