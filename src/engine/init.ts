// Initial weights: normal floats (mean 0, variance 1) times a scale that depends
// on n_in, the number of inputs each unit adds up. A unit's pre-activation z sums
// n_in terms, so its variance grows like n_in·scale²; choosing scale ∝ √(1/n_in)
// keeps z of order 1 layer after layer instead of exploding or vanishing.
import { Matrix } from './matrix.ts';
import type { Rng } from './random.ts';

export type InitName = 'randn' | 'small' | 'xavier' | 'he';

export const initialisers: Record<InitName, { label: string; scale(nIn: number): number }> = {
  randn: { label: 'randn (unscaled)', scale: () => 1 },
  small: { label: 'small (× 0.01)', scale: () => 0.01 },
  // Xavier/LeCun: variance 1/n_in, for sigmoid and tanh
  xavier: { label: 'Xavier/LeCun √(1/n_in)', scale: (nIn) => Math.sqrt(1 / nIn) },
  // He: variance 2/n_in, since ReLU zeroes about half of its inputs
  he: { label: 'He √(2/n_in)', scale: (nIn) => Math.sqrt(2 / nIn) },
};

/** A weight matrix (nOut, nIn): W1 is (h, 784). */
export function initWeights(name: InitName, nOut: number, nIn: number, rng: Rng): Matrix {
  const init = initialisers[name];
  if (!init) throw new Error(`initWeights: unknown initialiser "${name}"; use ${Object.keys(initialisers).join(', ')}`);
  const s = init.scale(nIn);
  const W = Matrix.randn(nOut, nIn, rng);
  for (let i = 0; i < W.data.length; i++) W.data[i] *= s;
  return W;
}
