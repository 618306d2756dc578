// Inverted dropout (chapter 14). While training, each hidden unit is kept with probability `keep`
// and otherwise set to 0 for this minibatch; the kept ones are divided by `keep`, so each unit's
// EXPECTED output is what it would be without dropout: keep·(a/keep) + (1 − keep)·0 = a.
// At prediction nothing is dropped and nothing is scaled: the network is used whole, as trained.
// A mask D1 has the shape of A1 (h, m); its entries are 0 or 1/keep, and A1 = g(Z1) ⊙ D1.
import { Matrix } from './matrix.ts';
import type { Rng } from './random.ts';

/** One mask per hidden layer of a network with these `sizes`, for a minibatch of m examples. */
export function dropoutMasks(sizes: number[], m: number, keep: number, rng: Rng): Matrix[] {
  checkKeep(keep);
  const masks: Matrix[] = [];
  for (let l = 1; l + 1 < sizes.length; l++) {
    const D = new Matrix(sizes[l], m);
    for (let p = 0; p < D.data.length; p++) D.data[p] = rng.next() < keep ? 1 / keep : 0;
    masks.push(D);
  }
  return masks;
}

/** keep = 1 means no dropout; keep = 0 would drop every unit and divide by zero. */
export function checkKeep(keep: number): void {
  if (!(keep > 0 && keep <= 1)) throw new RangeError(`dropout: the keep probability must be in (0, 1], got ${keep}`);
}
