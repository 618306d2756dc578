// Diagnostics: numbers that describe what a network's layers are doing, for the
// chapters' widgets (chapter 4's initialisation explorer, chapter 6's dead units).
import { Matrix } from './matrix.ts';
import type { MLP } from './network.ts';

export interface LayerStats {
  mean: number;
  /** Standard deviation over every entry (population: divide by the count). */
  std: number;
  /** Fraction of entries exactly 0 (ReLU's zeroed units). */
  zeroFraction: number;
  min: number;
  max: number;
}

/** Mean, standard deviation, share of zeros and range of every entry of A, in float64. */
export function layerStats(A: Matrix): LayerStats {
  const n = A.data.length;
  let sum = 0, zeros = 0, min = Infinity, max = -Infinity;
  for (let p = 0; p < n; p++) {
    const v = A.data[p];
    sum += v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n === 0 ? 0 : sum / n;
  let squares = 0;
  for (let p = 0; p < n; p++) squares += (A.data[p] - mean) ** 2;
  return { mean, std: n === 0 ? 0 : Math.sqrt(squares / n), zeroFraction: n === 0 ? 0 : zeros / n, min, max };
}

export interface Histogram {
  /** counts[k] holds the entries in [lo + k·w, lo + (k+1)·w), w = (hi − lo)/bins; the last bin also holds hi. */
  counts: number[];
  /** Entries below lo and above hi (not in counts), so nothing is hidden. */
  below: number;
  above: number;
  /** Entries counted in all (skipped zeros excluded). */
  total: number;
}

/**
 * Counts the entries of A in `bins` equal bins over [lo, hi]. With skipZeros, exact
 * zeros are left out (after ReLU half the entries are 0 and would dwarf the rest).
 */
export function histogram(A: Matrix, lo: number, hi: number, bins: number, skipZeros = false): Histogram {
  if (!(hi > lo) || !Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: need lo < hi and a whole number of bins ≥ 1, got [${lo}, ${hi}] and ${bins}`);
  }
  const counts = new Array<number>(bins).fill(0);
  let below = 0, above = 0, total = 0;
  const width = (hi - lo) / bins;
  for (let p = 0; p < A.data.length; p++) {
    const v = A.data[p];
    if (skipZeros && v === 0) continue;
    total++;
    if (v < lo) below++;
    else if (v > hi) above++; // tanh(z) of a large z is exactly 1.0 in float32: keep it in the last bin
    else counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { counts, below, above, total };
}

/**
 * Dead units per hidden layer: a unit whose pre-activation z is ≤ 0 for EVERY
 * example (column) of the probe batch X. Under ReLU such a unit outputs 0 and has
 * g′(z) = 0 for all of them, so no gradient reaches its weights: it cannot recover.
 * Returns one count per hidden layer (the output layer is not counted).
 */
export function deadUnits(net: MLP, X: Matrix): number[] {
  const { Z } = net.forwardWithCache(X);
  const counts: number[] = [];
  for (let l = 0; l < net.layers - 1; l++) counts.push(unitsNeverPositive(Z[l]));
  return counts;
}

/** Rows (units) of Z with no positive entry in any column (example). */
function unitsNeverPositive(Z: Matrix): number {
  let dead = 0;
  for (let i = 0; i < Z.rows; i++) {
    let positive = false;
    for (let j = 0; j < Z.cols && !positive; j++) positive = Z.data[i * Z.cols + j] > 0;
    if (!positive) dead++;
  }
  return dead;
}
