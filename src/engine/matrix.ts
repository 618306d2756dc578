// The Matrix: numbers in a Float32Array, row after row (row-major), with a shape (rows, cols).
// Examples are columns, as in the chapters: X is (784, m), one column per image.
import type { Rng } from './random.ts';

export type Shape = [number, number];

/** Thrown when two shapes do not fit together; the message names the operation and both shapes. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** `[16, 1]` → `"(16, 1)"`, the way numpy prints a shape. */
export function formatShape([rows, cols]: readonly [number, number]): string {
  return `(${rows}, ${cols})`;
}

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Entry (i, j) lives at data[i * cols + j]. */
  readonly data: Float32Array;

  /** Wraps `data` without copying it; without `data` the matrix is all zeros. */
  constructor(rows: number, cols: number, data?: Float32Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new ShapeError(`Matrix: a shape needs two whole numbers ≥ 0, got (${rows}, ${cols})`);
    }
    if (data && data.length !== rows * cols) {
      throw new ShapeError(
        `Matrix: shape ${formatShape([rows, cols])} needs ${rows * cols} numbers but data has ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float32Array(rows * cols);
  }

  get shape(): Shape {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[this.index(i, j)];
  }

  set(i: number, j: number, v: number): void {
    this.data[this.index(i, j)] = v;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) {
      out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    }
    return out;
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** From nested arrays, one inner array per row: `[[1, 2, 3], [4, 5, 6]]` is (2, 3). */
  static fromArray(nested: number[][]): Matrix {
    const rows = nested.length;
    const cols = rows === 0 ? 0 : nested[0].length;
    const M = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = nested[i];
      if (!Array.isArray(row) || row.length !== cols) {
        const got = Array.isArray(row) ? `${row.length} numbers` : 'no array';
        throw new ShapeError(
          `fromArray: row ${i} has ${got} but row 0 has ${cols}; every row must be the same length`,
        );
      }
      for (let j = 0; j < cols; j++) {
        if (typeof row[j] !== 'number') {
          throw new TypeError(`fromArray: entry [${i}][${j}] is ${String(row[j])}, not a number`);
        }
        M.data[i * cols + j] = row[j];
      }
    }
    return M;
  }

  /** A column vector (n, 1), e.g. one flattened image. */
  static fromColumn(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float32Array.from(values));
  }

  /** Normally distributed floats (mean 0, variance 1) from a seeded generator. */
  static randn(rows: number, cols: number, rng: Rng): Matrix {
    const M = new Matrix(rows, cols);
    for (let i = 0; i < M.data.length; i++) M.data[i] = rng.randn();
    return M;
  }

  private index(i: number, j: number): number {
    const inside = Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < this.rows && j >= 0 && j < this.cols;
    if (!inside) {
      throw new RangeError(`index (${i}, ${j}) is outside a matrix of shape ${formatShape(this.shape)}`);
    }
    return i * this.cols + j;
  }
}

// ---------------------------------------------------------------------------
// Broadcasting, numpy's rule for 2-D shapes: compare each dimension; equal sizes
// match, a size of 1 stretches to the other size, anything else is an error.
// (numpy aligns shapes from the right first; ours always have two dimensions.)
// ---------------------------------------------------------------------------

/** The shape of `a op b` under broadcasting, or a ShapeError naming `op` and both shapes. */
export function broadcastShape(op: string, a: readonly [number, number], b: readonly [number, number]): Shape {
  const out: Shape = [0, 0];
  for (let d = 0; d < 2; d++) {
    if (a[d] === b[d] || b[d] === 1) out[d] = a[d];
    else if (a[d] === 1) out[d] = b[d];
    else throw new ShapeError(`${op}: cannot broadcast ${formatShape(a)} with ${formatShape(b)}`);
  }
  return out;
}

/**
 * Applies f to matching entries of A and B. A stretched dimension is read with a
 * stride of 0, so the smaller operand is reused in place, never copied: b1 (h, 1)
 * added to W1·X (h, m) reads the same b1[i] for every column.
 */
function elementwise(op: string, A: Matrix, B: Matrix, f: (a: number, b: number) => number): Matrix {
  const [rows, cols] = broadcastShape(op, A.shape, B.shape);
  const out = new Matrix(rows, cols);
  const aRow = A.rows === 1 ? 0 : A.cols, aCol = A.cols === 1 ? 0 : 1;
  const bRow = B.rows === 1 ? 0 : B.cols, bCol = B.cols === 1 ? 0 : 1;
  const a = A.data, b = B.data, o = out.data;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      o[i * cols + j] = f(a[i * aRow + j * aCol], b[i * bRow + j * bCol]);
    }
  }
  return out;
}

export function add(A: Matrix, B: Matrix): Matrix {
  return elementwise('add', A, B, (a, b) => a + b);
}

export function sub(A: Matrix, B: Matrix): Matrix {
  return elementwise('sub', A, B, (a, b) => a - b);
}

/** Element-wise (Hadamard) product, written ⊙ in the chapters. Not the matrix product. */
export function mul(A: Matrix, B: Matrix): Matrix {
  return elementwise('mul', A, B, (a, b) => a * b);
}

export function scale(A: Matrix, s: number): Matrix {
  return map(A, (v) => v * s);
}

export function map(A: Matrix, fn: (v: number) => number): Matrix {
  const out = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.data.length; i++) out.data[i] = fn(A.data[i]);
  return out;
}

/** Aᵀ, as a new matrix: entry (i, j) moves to (j, i). */
export function transpose(A: Matrix): Matrix {
  const out = new Matrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) out.data[j * A.rows + i] = A.data[i * A.cols + j];
  }
  return out;
}

/**
 * Sums along an axis. axis 0 sums down the rows: (rows, cols) → (1, cols).
 * axis 1 sums across the columns: (rows, cols) → (rows, 1) — that is db = Σ over
 * the batch of dZ, which keeps the bias's shape (h, 1).
 * With keepdims = false the result is what numpy's 1-D array acts like when
 * broadcast: a ROW (1, n). So `b1 − sum(dZ1, 1, false)` broadcasts (h, 1) with
 * (1, h) into an (h, h) matrix — the same silent bug as numpy; keep the dims.
 */
export function sum(A: Matrix, axis: 0 | 1, keepdims = true): Matrix {
  const n = axis === 0 ? A.cols : A.rows;
  const totals = new Float64Array(n); // add in float64, store in float32
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) totals[axis === 0 ? j : i] += A.data[i * A.cols + j];
  }
  const data = Float32Array.from(totals);
  return axis === 1 && keepdims ? new Matrix(n, 1, data) : new Matrix(1, n, data);
}

/** The sum of every entry (float64). */
export function sumAll(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i];
  return s;
}

/**
 * Index of the largest entry along an axis (the first one on ties, as numpy).
 * axis 0 looks down each column: one answer per column, i.e. per example, since
 * examples are columns. So the predicted digits are argmax(A2, 0).
 */
export function argmax(A: Matrix, axis: 0 | 1): number[] {
  const outer = axis === 0 ? A.cols : A.rows;
  const inner = axis === 0 ? A.rows : A.cols;
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < inner; k++) {
      const v = axis === 0 ? A.data[k * A.cols + o] : A.data[o * A.cols + k];
      if (v > bestValue) {
        bestValue = v;
        best = k;
      }
    }
    out.push(best);
  }
  return out;
}

/** Gathers the given columns (examples) of X into a new (rows, k) matrix: a minibatch. */
export function columns(X: Matrix, indices: ArrayLike<number>): Matrix {
  const k = indices.length;
  const out = new Matrix(X.rows, k);
  for (let c = 0; c < k; c++) {
    const j = indices[c];
    if (!Number.isInteger(j) || j < 0 || j >= X.cols) {
      throw new RangeError(`columns: index ${j} (at position ${c}) is outside 0 … ${X.cols - 1}`);
    }
  }
  for (let r = 0; r < X.rows; r++) {
    const from = r * X.cols, to = r * k;
    for (let c = 0; c < k; c++) out.data[to + c] = X.data[from + indices[c]];
  }
  return out;
}
