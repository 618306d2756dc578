// Data augmentation for MNIST (chapter 14): more training images made from the ones we have, by
// moving each digit a pixel or two and turning it a few degrees. A 3 shifted left is still a 3, so
// the label is kept; the network must then learn the digit's shape rather than where its pixels sit.
// Only the TRAINING set is augmented: validation and test images stay as they are, or they would
// no longer measure the real task.
import { Matrix } from './matrix.ts';
import { createRng, type Rng } from './random.ts';
import type { Dataset } from './step.ts';

const SIDE = 28;
/** Rotations turn about the image's centre, between pixels 13 and 14. */
const CENTRE = (SIDE - 1) / 2;

export interface Transform {
  /** Pixels to the right (negative: left). */
  dx: number;
  /** Pixels down (negative: up). */
  dy: number;
  /** Degrees anticlockwise, as seen on the screen. */
  degrees: number;
}

/**
 * The 28×28 image `x` (784 values, row by row) shifted and turned. Each new pixel looks up where
 * it came from (the inverse of the transform) and blends the four pixels around that point
 * (bilinear interpolation); from outside the image comes background, 0.
 */
export function transformImage(x: ArrayLike<number>, { dx, dy, degrees }: Transform): Float32Array {
  if (x.length !== SIDE * SIDE) throw new RangeError(`transformImage: expected ${SIDE * SIDE} pixels, got ${x.length}`);
  const out = new Float32Array(SIDE * SIDE);
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta), sin = Math.sin(theta);
  const at = (r: number, c: number) => (r >= 0 && r < SIDE && c >= 0 && c < SIDE ? x[r * SIDE + c] : 0);
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      // undo the shift, then turn back by −θ about the centre (rows grow downwards, so the signs
      // of sin are those of a clockwise turn in ordinary axes)
      const u = c - dx - CENTRE, v = r - dy - CENTRE;
      const sc = cos * u - sin * v + CENTRE;
      const sr = sin * u + cos * v + CENTRE;
      const r0 = Math.floor(sr), c0 = Math.floor(sc);
      const fr = sr - r0, fc = sc - c0;
      out[r * SIDE + c] =
        (1 - fr) * ((1 - fc) * at(r0, c0) + fc * at(r0, c0 + 1)) + fr * ((1 - fc) * at(r0 + 1, c0) + fc * at(r0 + 1, c0 + 1));
    }
  }
  return out;
}

/** A random transform: whole-pixel shifts in [−maxShift, maxShift], a turn in [−maxDegrees, maxDegrees]. */
export function randomTransform(rng: Rng, maxShift: number, maxDegrees: number): Transform {
  return {
    dx: rng.int(2 * maxShift + 1) - maxShift,
    dy: rng.int(2 * maxShift + 1) - maxShift,
    degrees: (2 * rng.next() - 1) * maxDegrees,
  };
}

export interface AugmentOptions {
  /** How many transformed copies of each image to add. */
  copies: number;
  /** Shifts are whole pixels in [−maxShift, maxShift] each way. */
  maxShift: number;
  /** Rotations are uniform in [−maxDegrees, maxDegrees]. */
  maxDegrees: number;
  seed: number;
}

/** The training set followed by `copies` randomly shifted and turned copies of it, labels kept. */
export function augmentDataset(data: Dataset, { copies, maxShift, maxDegrees, seed }: AugmentOptions): Dataset {
  if (data.X.rows !== SIDE * SIDE) throw new RangeError(`augmentDataset: images must have ${SIDE * SIDE} pixels (rows), got ${data.X.rows}`);
  if (!Number.isInteger(copies) || copies < 0) throw new RangeError(`augmentDataset: copies must be a whole number ≥ 0, got ${copies}`);
  const rng = createRng(seed);
  const m = data.X.cols;
  const X = new Matrix(SIDE * SIDE, m * (copies + 1));
  const labels = new Uint8Array(m * (copies + 1));
  const image = new Float32Array(SIDE * SIDE);
  for (let k = 0; k <= copies; k++) {
    for (let j = 0; j < m; j++) {
      for (let p = 0; p < image.length; p++) image[p] = data.X.data[p * m + j]; // column j (row-major storage)
      const shifted = k === 0 ? image : transformImage(image, randomTransform(rng, maxShift, maxDegrees));
      const column = k * m + j;
      for (let p = 0; p < image.length; p++) X.data[p * X.cols + column] = shifted[p];
      labels[column] = data.labels[j];
    }
  }
  return { X, labels };
}
