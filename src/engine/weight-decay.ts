// L2 regularisation, or weight decay (chapter 14). The loss trained on becomes
//   J = (1/m)·Σ_i loss_i + (λ/2)·Σ_l ‖W_l‖²
// where the first term is the minibatch's average loss and ‖W_l‖² sums the squares of every weight
// of layer l. The penalty is not averaged over examples (it belongs to the network, not to any
// one example), so it carries no 1/m, and the same λ means the same for every batch size.
// Its gradient is λ·W_l, so a plain gradient step becomes W ← (1 − ηλ)·W − η·dW: every step first
// shrinks each weight by the factor (1 − ηλ), hence "decay". Biases are not penalised: they only
// shift a unit's threshold, and shrinking them does nothing against overfitting.
import { Matrix } from './matrix.ts';

/** (λ/2)·Σ_l ‖W_l‖², the term added to the loss. */
export function l2Penalty(W: Matrix[], lambda: number): number {
  let squares = 0;
  for (const Wl of W) for (const w of Wl.data) squares += w * w;
  return (lambda / 2) * squares;
}

/** dW_l + λ·W_l for every layer: the penalised loss's gradient, from the plain loss's dW. */
export function decayGradients(dW: Matrix[], W: Matrix[], lambda: number): Matrix[] {
  return dW.map((dWl, l) => {
    const out = new Matrix(dWl.rows, dWl.cols);
    for (let p = 0; p < out.data.length; p++) out.data[p] = dWl.data[p] + lambda * W[l].data[p];
    return out;
  });
}

export function checkWeightDecay(lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`weightDecay: λ must be a number ≥ 0, got ${lambda}`);
}
