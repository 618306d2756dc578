// Chapter 12's hidden-unit pictures: for each hidden unit i of a trained 784 → h → 10 network, the
// images that excite it most, i.e. with the largest z_i = (row i of W1)·x + b1_i. The forward pass is
// the engine's; this file only ranks its Z1.
import type { MLP, Matrix } from '../engine/index.ts';

/** How many images are searched, and how many are kept per unit. */
export const SEARCHED = 2000;
export const TOP = 4;

export interface UnitTop {
  /** Column indices into X, most exciting first. */
  index: number[];
  /** Their z values, in the same order. */
  z: number[];
}

/** Z1 = W1·X + b1, (h, m), from the engine; for every unit (row) the TOP columns with the largest z. */
export function topImages(net: MLP, X: Matrix, top = TOP): UnitTop[] {
  const Z1 = net.forwardWithCache(X).Z[0]; // (h, m)
  const m = Z1.cols;
  return Array.from({ length: Z1.rows }, (_, i) => {
    const row = Z1.data.subarray(i * m, (i + 1) * m);
    const index = Array.from({ length: m }, (_, j) => j)
      .sort((a, b) => row[b] - row[a] || a - b) // ties: the earlier image first, so the order is reproducible
      .slice(0, top);
    return { index, z: index.map((j) => row[j]) };
  });
}
