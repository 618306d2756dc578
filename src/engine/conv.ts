// The convolutional layer. Strictly it computes a cross-correlation, not a convolution: the kernel
// slides over the image as it is, unflipped, and at each place the overlapping numbers are
// multiplied and added. Every deep-learning library calls this a convolution; we do too.
//
// For one image of C channels and one filter f with kernel K_f (C, k, k):
//   Z[f, y, x] = b_f + Σ_c Σ_i Σ_j K_f[c, i, j] · X[c, y·s + i − p, x·s + j − p]
// with stride s, padding p (pixels outside the image count as 0), and the output
// H_out × W_out, where H_out = ⌊(H + 2p − k)/s⌋ + 1.
//
// Layout (cnn-config.ts): a batch X is (C·H·W, m), one column per example; the kernels K are
// (F, C·k·k), one row per filter; the biases b are (F, 1); the output Z is (F·H_out·W_out, m).
//
// How it is computed: im2col copies, for every output position, the C·k·k numbers the kernel
// sees there into one column. Then every filter at every position is one dot product of a row of K
// with a column, and the whole layer is one matrix product, Z = K·cols + b: the matmul of
// chapter 3 does the work, and its speed carries over.
import { type ImageShape, convOut } from './cnn-config.ts';
import { matmul, matmulTransA, matmulTransB } from './matmul.ts';
import { Matrix, ShapeError, formatShape, sum } from './matrix.ts';

/** What a convolution needs to know beyond its kernels: the input's shape, k, stride s and padding p. */
export interface ConvGeometry {
  input: ImageShape;
  /** k: the kernel is k × k (per channel). */
  size: number;
  stride: number;
  pad: number;
}

/** The output's height and width, H_out × W_out, and P = H_out·W_out positions. */
export function convOutput({ input, size, stride, pad }: ConvGeometry): { height: number; width: number; positions: number } {
  const height = convOut(input.height, size, stride, pad);
  const width = convOut(input.width, size, stride, pad);
  return { height, width, positions: height * width };
}

// ---------------------------------------------------------------------------
// The direct form, one image and one kernel, for working an example by hand.
// ---------------------------------------------------------------------------

/**
 * Slides `kernel` (k, k) over `image` (H, W) and returns the map (H_out, W_out):
 * out[y][x] = Σ_i Σ_j kernel[i][j] · image[y·s + i − p][x·s + j − p]. No flip: a cross-correlation.
 */
export function correlate2d(image: Matrix, kernel: Matrix, { stride = 1, pad = 0 } = {}): Matrix {
  if (kernel.rows !== kernel.cols) throw new ShapeError(`correlate2d: the kernel must be square, got ${formatShape(kernel.shape)}`);
  const k = kernel.rows;
  const outH = convOut(image.rows, k, stride, pad), outW = convOut(image.cols, k, stride, pad);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`correlate2d: a kernel ${formatShape(kernel.shape)} does not fit an image ${formatShape(image.shape)} with pad ${pad}`);
  }
  const out = new Matrix(outH, outW);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let total = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const row = y * stride + i - pad, col = x * stride + j - pad;
          const inside = row >= 0 && row < image.rows && col >= 0 && col < image.cols;
          if (inside) total += kernel.get(i, j) * image.get(row, col);
        }
      }
      out.set(y, x, total);
    }
  }
  return out;
}

/** The kernel turned by 180°, rows and columns reversed: what a true convolution slides. */
export function rotate180(kernel: Matrix): Matrix {
  const out = new Matrix(kernel.rows, kernel.cols);
  for (let i = 0; i < kernel.rows; i++) {
    for (let j = 0; j < kernel.cols; j++) out.set(kernel.rows - 1 - i, kernel.cols - 1 - j, kernel.get(i, j));
  }
  return out;
}

// ---------------------------------------------------------------------------
// im2col and col2im on a batch.
// ---------------------------------------------------------------------------

/**
 * The columns matrix cols (C·k·k, P·m) of a batch X (C·H·W, m), P = H_out·W_out.
 * Row r = c·k·k + i·k + j is what kernel entry (c, i, j) sees, matching K's columns.
 * Column q = pos·m + e is output position pos = y·W_out + x of example e. Ordering the
 * columns position first, example second is what makes K·cols come out, with no copy,
 * as Z in the batch layout (F·P, m): entry (f, pos·m + e) of (F, P·m) sits where
 * entry (f·P + pos, e) of (F·P, m) does. With m = 1 it is one image's (C·k·k, P).
 */
export function im2col(X: Matrix, geometry: ConvGeometry): Matrix {
  const { input, size: k, stride, pad } = geometry;
  const { channels: C, height: H, width: W } = input;
  checkBatch('im2col', X, input);
  const { height: outH, width: outW, positions: P } = convOutput(geometry);
  const m = X.cols;
  const cols = new Matrix(C * k * k, P * m); // zeros: padding needs nothing written
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const r = c * k * k + i * k + j;
        for (let y = 0; y < outH; y++) {
          const row = y * stride + i - pad; // the image row kernel row i sees at output row y
          if (row < 0 || row >= H) continue;
          for (let x = 0; x < outW; x++) {
            const col = x * stride + j - pad;
            if (col < 0 || col >= W) continue;
            // the m examples' pixel (c, row, col) are side by side in X, and land side by side in cols
            const from = (c * H * W + row * W + col) * m;
            const to = r * P * m + (y * outW + x) * m;
            for (let e = 0; e < m; e++) cols.data[to + e] = X.data[from + e];
          }
        }
      }
    }
  }
  return cols;
}

/**
 * The way back: adds each entry of dCols (C·k·k, P·m) into the pixel it was copied from, giving
 * dX (C·H·W, m). A pixel seen by several kernel placements collects the sum of their gradients;
 * entries that came from the padding have no pixel and are dropped.
 */
export function col2im(dCols: Matrix, geometry: ConvGeometry): Matrix {
  const { input, size: k, stride, pad } = geometry;
  const { channels: C, height: H, width: W } = input;
  const { height: outH, width: outW, positions: P } = convOutput(geometry);
  if (dCols.rows !== C * k * k || dCols.cols % P !== 0) {
    throw new ShapeError(`col2im: dCols is ${formatShape(dCols.shape)} but a ${k}×${k} kernel on ${describe(input)} needs (${C * k * k}, ${P}·m)`);
  }
  const m = dCols.cols / P;
  const dX = new Matrix(C * H * W, m);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const r = c * k * k + i * k + j;
        for (let y = 0; y < outH; y++) {
          const row = y * stride + i - pad;
          if (row < 0 || row >= H) continue;
          for (let x = 0; x < outW; x++) {
            const col = x * stride + j - pad;
            if (col < 0 || col >= W) continue;
            const to = (c * H * W + row * W + col) * m;
            const from = r * P * m + (y * outW + x) * m;
            for (let e = 0; e < m; e++) dX.data[to + e] += dCols.data[from + e];
          }
        }
      }
    }
  }
  return dX;
}

// ---------------------------------------------------------------------------
// The layer: forward and backward.
// ---------------------------------------------------------------------------

/**
 * Z = K·cols + b for a batch X (C·H·W, m): K (F, C·k·k)·cols (C·k·k, P·m) → (F, P·m), plus
 * b (F, 1) broadcast over every position of every example, read as Z (F·P, m).
 * Returns cols too: the backward pass needs them. `where` names the layer in errors.
 */
export function convForward(X: Matrix, K: Matrix, b: Matrix, geometry: ConvGeometry, where = 'conv'): { Z: Matrix; cols: Matrix } {
  const { input, size: k } = geometry;
  checkBatch(where, X, input);
  const F = K.rows;
  if (K.cols !== input.channels * k * k) {
    throw new ShapeError(`${where}: K is ${formatShape(K.shape)} but ${k}×${k} kernels over ${input.channels} channel(s) need (F, ${input.channels * k * k})`);
  }
  if (b.rows !== F || b.cols !== 1) throw new ShapeError(`${where}: b is ${formatShape(b.shape)} but K has ${F} filters, so b must be (${F}, 1)`);
  const { positions: P } = convOutput(geometry);
  const cols = im2col(X, geometry);
  const KC = matmul(K, cols); // (F, P·m)
  for (let f = 0; f < F; f++) {
    const bias = b.data[f];
    for (let q = f * P * X.cols; q < (f + 1) * P * X.cols; q++) KC.data[q] += bias;
  }
  return { Z: new Matrix(F * P, X.cols, KC.data), cols };
}

/**
 * The gradients of the loss, given dZ (F·P, m), the upstream gradient at the layer's output:
 *   dK = dZ·colsᵀ       (F, P·m)·(P·m, C·k·k) → (F, C·k·k): each kernel entry's gradient sums, over
 *                       every position and example, the input pixel it multiplied times dZ there —
 *                       a correlation of the input with the upstream gradient.
 *   db = Σ of dZ over positions and examples, (F, 1): each bias was added at every position.
 *   dX = col2im(Kᵀ·dZ)  Kᵀ (C·k·k, F)·dZ (F, P·m) gives each copied pixel its gradient; col2im adds
 *                       the copies back into their pixel. For stride 1 this equals a full
 *                       convolution of dZ with the kernel turned by 180° (test/engine/conv.test.ts).
 * dZ is read as (F, P·m), the shape K·cols had; the 1/m of the batch average is already in it.
 */
export function convBackward(dZ: Matrix, K: Matrix, cols: Matrix, geometry: ConvGeometry, where = 'conv'): { dK: Matrix; db: Matrix; dX: Matrix } {
  return { ...convParameterGradients(dZ, K, cols, geometry, where), dX: convInputGradient(dZ, K, geometry, where) };
}

/** dK and db alone: the first layer's input is the data, whose gradient nobody needs. */
export function convParameterGradients(dZ: Matrix, K: Matrix, cols: Matrix, geometry: ConvGeometry, where = 'conv'): { dK: Matrix; db: Matrix } {
  const { positions: P } = convOutput(geometry);
  const F = K.rows, m = cols.cols / P;
  if (dZ.rows !== F * P || dZ.cols !== m) {
    throw new ShapeError(`${where}: dZ is ${formatShape(dZ.shape)} but the layer's output Z was (${F * P}, ${m})`);
  }
  const dZflat = new Matrix(F, P * m, dZ.data);
  const dK = matmulTransB(dZflat, cols);
  const db = sum(dZflat, 1, true);
  return { dK, db };
}

/** dX = col2im(Kᵀ·dZ) (C·H·W, m), dZ (F·P, m) read as (F, P·m). */
export function convInputGradient(dZ: Matrix, K: Matrix, geometry: ConvGeometry, where = 'conv'): Matrix {
  const { positions: P } = convOutput(geometry);
  if (dZ.rows !== K.rows * P) {
    throw new ShapeError(`${where}: dZ is ${formatShape(dZ.shape)} but ${K.rows} filters at ${P} positions give (${K.rows * P}, m)`);
  }
  return col2im(matmulTransA(K, new Matrix(K.rows, P * dZ.cols, dZ.data)), geometry);
}

function describe({ channels, height, width }: ImageShape): string {
  return `${channels}×${height}×${width}`;
}

function checkBatch(where: string, X: Matrix, input: ImageShape): void {
  const rows = input.channels * input.height * input.width;
  if (X.rows !== rows) {
    throw new ShapeError(`${where}: X is ${formatShape(X.shape)} but a batch of ${describe(input)} images is (${rows}, m), one column per example`);
  }
}
