import { describe, expect, it } from 'vitest';
import {
  Matrix, ShapeError, col2im, convBackward, convForward, correlate2d, createRng, im2col, numericalGradient, relativeError, rotate180,
} from '../../src/engine/index.ts';
import type { ConvGeometry, Rng } from '../../src/engine/index.ts';

// A 5×5 image and a 3×3 vertical-edge kernel, worked by hand in the comments below.
const image = Matrix.fromArray([
  [1, 2, 3, 0, 1],
  [0, 1, 2, 3, 1],
  [1, 0, 1, 2, 0],
  [2, 1, 0, 1, 3],
  [0, 2, 1, 0, 1],
]);
const edge = Matrix.fromArray([
  [1, 0, -1],
  [1, 0, -1],
  [1, 0, -1],
]);

/** Channel c of example e of a batch (C·H·W, m), as an (H, W) image. */
function channelOf(X: Matrix, e: number, c: number, H: number, W: number): Matrix {
  const out = new Matrix(H, W);
  for (let p = 0; p < H * W; p++) out.data[p] = X.get(c * H * W + p, e);
  return out;
}

/** Filter f's kernel for channel c, as a (k, k) matrix, from K (F, C·k·k). */
function kernelOf(K: Matrix, f: number, c: number, k: number): Matrix {
  return new Matrix(k, k, K.data.slice(f * K.cols + c * k * k, f * K.cols + (c + 1) * k * k));
}

/** A random batch, kernels and biases (biases away from 0, so a bias bug cannot hide). */
function setup(geometry: ConvGeometry, F: number, m: number, rng: Rng) {
  const { channels: C, height: H, width: W } = geometry.input;
  const X = Matrix.randn(C * H * W, m, rng);
  const K = Matrix.randn(F, C * geometry.size ** 2, rng);
  const b = Matrix.randn(F, 1, rng);
  return { X, K, b };
}

describe('correlate2d: the direct form, checked by hand', () => {
  it('slides the unflipped kernel over a 5×5 image: 3×3 out', () => {
    // Each output sums the window's left column minus its right column (the kernel's 1s and −1s).
    // Column sums of rows 0–2: 2, 3, 6, 5, 2, so row 0 of the output is 2 − 6, 3 − 5, 6 − 2.
    // Rows 1–3: 3, 2, 3, 6, 4 → 0, −4, −1.  Rows 2–4: 3, 3, 2, 3, 4 → 1, 0, −2.
    expect(correlate2d(image, edge).toArray()).toEqual([[-4, -2, 4], [0, -4, -1], [1, 0, -2]]);
  });

  it('pads with zeros and strides: pad 1, stride 2 gives ⌊(5 + 2 − 3)/2⌋ + 1 = 3', () => {
    // Window centres at rows and columns 0, 2, 4. Top-left: the left column is padding (0),
    // the right column is image column 1, rows 0–1: 2 + 1 = 3, so 0 − 3 = −3.
    expect(correlate2d(image, edge, { pad: 1, stride: 2 }).toArray()).toEqual([[-3, 0, 3], [-2, -4, 6], [-3, 2, 1]]);
  });

  it('is a cross-correlation, not a convolution: flipping the kernel changes the answer', () => {
    // The turned kernel computes right minus left: every entry changes sign.
    expect(correlate2d(image, rotate180(edge)).toArray()).toEqual([[4, 2, -4], [0, 4, 1], [-1, 0, 2]]);
  });
});

describe('im2col and the convolution as a matrix product', () => {
  const geometry: ConvGeometry = { input: { channels: 1, height: 5, width: 5 }, size: 3, stride: 1, pad: 0 };

  it('puts each window in a column: the 5×5 image gives cols (9, 9)', () => {
    const cols = im2col(new Matrix(25, 1, image.data), geometry);
    expect(cols.shape).toEqual([9, 9]);
    // column 0 is the top-left window read row by row; column 5 the window at output row 1, column 2
    expect(cols.toArray().map((row) => row[0])).toEqual([1, 2, 3, 0, 1, 2, 1, 0, 1]);
    expect(cols.toArray().map((row) => row[5])).toEqual([2, 3, 1, 1, 2, 0, 0, 1, 3]);
  });

  it('K·cols + b is the hand-computed map plus the bias', () => {
    const K = new Matrix(1, 9, edge.data);
    const { Z } = convForward(new Matrix(25, 1, image.data), K, Matrix.fromArray([[0.5]]), geometry);
    expect(Array.from(Z.data)).toEqual([-4, -2, 4, 0, -4, -1, 1, 0, -2].map((v) => v + 0.5));
  });

  it('on a batch of 2-channel images, with pad and stride, equals the direct form summed over channels', () => {
    const g: ConvGeometry = { input: { channels: 2, height: 6, width: 5 }, size: 3, stride: 2, pad: 1 };
    const F = 3, m = 4, outH = 3, outW = 3; // ⌊(6 + 2 − 3)/2⌋ + 1 = 3, ⌊(5 + 2 − 3)/2⌋ + 1 = 3
    const { X, K, b } = setup(g, F, m, createRng(1));
    const { Z } = convForward(X, K, b, g);
    expect(Z.shape).toEqual([F * outH * outW, m]);
    for (let e = 0; e < m; e++) {
      for (let f = 0; f < F; f++) {
        const direct = [0, 1].map((c) => correlate2d(channelOf(X, e, c, 6, 5), kernelOf(K, f, c, 3), { stride: 2, pad: 1 }));
        for (let p = 0; p < outH * outW; p++) {
          expect(Z.get(f * outH * outW + p, e)).toBeCloseTo(direct[0].data[p] + direct[1].data[p] + b.data[f], 5);
        }
      }
    }
  });

  it('names the shapes that do not fit', () => {
    const g: ConvGeometry = { input: { channels: 2, height: 6, width: 6 }, size: 3, stride: 1, pad: 0 };
    expect(() => convForward(new Matrix(36, 2), new Matrix(4, 18), new Matrix(4, 1), g, 'layer 1 (conv)'))
      .toThrow(/layer 1 \(conv\): X is \(36, 2\) but a batch of 2×6×6 images is \(72, m\)/);
    expect(() => convForward(new Matrix(72, 2), new Matrix(4, 9), new Matrix(4, 1), g)).toThrow(/K is \(4, 9\).*\(F, 18\)/);
    expect(() => convForward(new Matrix(72, 2), new Matrix(4, 18), new Matrix(1, 4), g)).toThrow(ShapeError);
    // backward: 4 filters at 4·4 positions give Z (64, 2); a dZ of any other shape is refused
    const { cols } = convForward(new Matrix(72, 2), new Matrix(4, 18), new Matrix(4, 1), g);
    expect(() => convBackward(new Matrix(63, 2), new Matrix(4, 18), cols, g, 'layer 3 (conv)'))
      .toThrow(/layer 3 \(conv\): dZ is \(63, 2\) but the layer's output Z was \(64, 2\)/);
  });
});

describe('the convolution backward pass', () => {
  /**
   * Checks dK, db and dX against central differences of f = Σ R ⊙ Z for a fixed random R,
   * whose gradient with respect to Z is exactly R. f is linear in each of K, b and X, so the
   * differences have no truncation error; only float32 rounding remains.
   */
  function check(g: ConvGeometry, F: number, m: number, seed: number) {
    const rng = createRng(seed);
    const { X, K, b } = setup(g, F, m, rng);
    const { Z, cols } = convForward(X, K, b, g);
    const R = Matrix.randn(Z.rows, Z.cols, rng);
    const f = () => {
      const out = convForward(X, K, b, g).Z;
      let total = 0;
      for (let p = 0; p < out.data.length; p++) total += R.data[p] * out.data[p];
      return total;
    };
    const grads = convBackward(R, K, cols, g);
    return {
      dK: relativeError(numericalGradient(f, K, 1e-2), grads.dK),
      db: relativeError(numericalGradient(f, b, 1e-2), grads.db),
      dX: relativeError(numericalGradient(f, X, 1e-2), grads.dX),
    };
  }

  it('matches finite differences without padding', () => {
    const errors = check({ input: { channels: 1, height: 5, width: 5 }, size: 3, stride: 1, pad: 0 }, 2, 3, 2);
    for (const error of Object.values(errors)) expect(error).toBeLessThan(1e-3);
  });

  it('matches finite differences with pad and stride (some pixels seen by no window)', () => {
    // 7 + 2 − 3 = 6, /2 → 3, + 1 = 4: with stride 2 the kernel jumps, and every pixel is still seen
    const strided = check({ input: { channels: 2, height: 7, width: 6 }, size: 3, stride: 2, pad: 1 }, 3, 2, 3);
    for (const error of Object.values(strided)) expect(error).toBeLessThan(1e-3);
    // k = 2, stride 3: the windows leave gaps, whose pixels get a gradient of exactly 0
    const gaps = check({ input: { channels: 1, height: 8, width: 8 }, size: 2, stride: 3, pad: 0 }, 2, 2, 4);
    for (const error of Object.values(gaps)) expect(error).toBeLessThan(1e-3);
  });

  it('dK = dZ·colsᵀ is a correlation of the input with the upstream gradient', () => {
    // one image, one channel, one filter, stride 1: dK[i][j] = Σ_y Σ_x X[y + i][x + j]·dZ[y][x],
    // which is correlate2d(X, dZ): the upstream gradient slides over the input as a kernel would
    const g: ConvGeometry = { input: { channels: 1, height: 5, width: 5 }, size: 3, stride: 1, pad: 0 };
    const X = new Matrix(25, 1, image.data), dZ = Matrix.randn(9, 1, createRng(5));
    const { cols } = convForward(X, new Matrix(1, 9, edge.data), Matrix.zeros(1, 1), g);
    const { dK } = convBackward(dZ, new Matrix(1, 9, edge.data), cols, g);
    const expected = correlate2d(image, new Matrix(3, 3, dZ.data));
    Array.from(dK.data).forEach((v, p) => expect(v).toBeCloseTo(expected.data[p], 5));
  });

  it('dX = col2im(Kᵀ·dZ) equals the full convolution of dZ with the kernel turned by 180°', () => {
    // With stride 1 and padding p, for each channel c: dX_c = Σ_f correlate2d(dZ_f, rot180(K_fc), pad k − 1 − p)
    for (const pad of [0, 1]) {
      const g: ConvGeometry = { input: { channels: 2, height: 6, width: 5 }, size: 3, stride: 1, pad };
      const F = 3, m = 2, k = 3;
      const { X, K, b } = setup(g, F, m, createRng(6 + pad));
      const { Z, cols } = convForward(X, K, b, g);
      const dZ = Matrix.randn(Z.rows, Z.cols, createRng(8));
      const { dX } = convBackward(dZ, K, cols, g);
      const outH = 6 + 2 * pad - k + 1, outW = 5 + 2 * pad - k + 1;
      for (let e = 0; e < m; e++) {
        for (let c = 0; c < 2; c++) {
          const full = new Matrix(6, 5);
          for (let f = 0; f < F; f++) {
            const dZf = new Matrix(outH, outW);
            for (let p = 0; p < outH * outW; p++) dZf.data[p] = dZ.get(f * outH * outW + p, e);
            const part = correlate2d(dZf, rotate180(kernelOf(K, f, c, k)), { pad: k - 1 - pad });
            part.data.forEach((v, p) => (full.data[p] += v));
          }
          const mine = channelOf(dX, e, c, 6, 5);
          full.data.forEach((v, p) => expect(mine.data[p]).toBeCloseTo(v, 4));
        }
      }
    }
  });

  it('col2im adds back what im2col copied: ⟨im2col(X), D⟩ = ⟨X, col2im(D)⟩', () => {
    // col2im is im2col's transpose, the defining property of a correct backward pass for a copy
    const g: ConvGeometry = { input: { channels: 2, height: 5, width: 6 }, size: 2, stride: 2, pad: 1 };
    const rng = createRng(9);
    const X = Matrix.randn(60, 3, rng);
    const cols = im2col(X, g);
    const D = Matrix.randn(cols.rows, cols.cols, rng);
    const back = col2im(D, g);
    let left = 0, right = 0;
    for (let p = 0; p < cols.data.length; p++) left += cols.data[p] * D.data[p];
    for (let p = 0; p < X.data.length; p++) right += X.data[p] * back.data[p];
    expect(left).toBeCloseTo(right, 3);
  });
});
