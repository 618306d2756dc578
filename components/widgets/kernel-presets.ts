// The 3×3 kernels chapter 16's KernelExplorer offers, and the one computation it needs: a digit's
// output map Z = X ⋆ K, by the engine's correlate2d (no padding, stride 1), so the widget computes
// nothing itself.
import { Matrix, correlate2d } from '../../src/engine/index.ts';

export interface KernelPreset {
  name: string;
  /** K row by row: K[i, j] is values[3·i + j]. */
  values: number[];
  /** What it does, in one line under the picture. */
  about: string;
}

export const KERNEL_PRESETS: KernelPreset[] = [
  { name: 'vertical edge', values: [1, 0, -1, 1, 0, -1, 1, 0, -1], about: 'left column minus right column: positive where the ink is on the left of the window (the right-hand edge of a stroke), negative where it is on the right (its left-hand edge)' },
  { name: 'horizontal edge', values: [1, 1, 1, 0, 0, 0, -1, -1, -1], about: 'top row minus bottom row: positive where the ink is above (the bottom edge of a stroke), negative where it is below (its top edge)' },
  { name: 'blur', values: Array(9).fill(1 / 9), about: 'the average of the nine pixels: a softer, thicker digit' },
  { name: 'sharpen', values: [0, -1, 0, -1, 5, -1, 0, -1, 0], about: 'the pixel plus its difference from its four neighbours: stroke edges stand out' },
];

/** One 28×28 digit (bytes 0 … 255) as X (28, 28) in [0, 1], as the networks read it. */
export function digitMatrix(pixels: Uint8Array): Matrix {
  return new Matrix(28, 28, Float32Array.from(pixels, (v) => v / 255));
}

/** Z = X ⋆ K for a 3×3 kernel given row by row: (26, 26). */
export function outputMap(X: Matrix, values: number[]): Matrix {
  return correlate2d(X, new Matrix(3, 3, Float32Array.from(values)));
}

/** A kernel box's text as a number, or why it is not one. */
export function parseEntry(text: string): { value: number } | { error: string } {
  const trimmed = text.trim().replace('−', '-');
  const value = trimmed === '' ? NaN : Number(trimmed);
  return Number.isFinite(value) ? { value } : { error: `“${text}” is not a number` };
}
