// The hot loops: matrix products on raw row-major Float32Arrays, nothing else.
// Shapes are checked by the public wrappers in matmul.ts; here we trust them.
//
// Two tricks, both about how memory is walked rather than about maths:
// 1. Loop order i-k-j: the innermost loop runs along a row of B and a row of C,
//    which lie next to each other in memory (cache-friendly), instead of jumping
//    down a column of B.
// 2. Skipping zeros: about 80% of MNIST pixels are 0, and 0·w adds nothing. When
//    B is mostly zeros (W1·X and dZ1·Xᵀ, where B = X), we build the result one
//    ROW OF Cᵀ at a time: every non-zero entry of B adds (entry × a row of Aᵀ) to
//    a row of Cᵀ. Each such step is a plain contiguous loop over n numbers, and
//    the zeros are never touched. Cᵀ is transposed back at the end.

/** Use the zero-skipping loops when fewer than this fraction of B's entries are non-zero. */
const SPARSE_BELOW = 0.5;

function mostlyZero(b: Float32Array): boolean {
  let nonZero = 0;
  for (let p = 0; p < b.length; p++) if (b[p] !== 0) nonZero++;
  return nonZero < SPARSE_BELOW * b.length;
}

/** out (cols, rows) = aᵀ for a (rows, cols). */
function transposeInto(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  }
}

/** row `to` of y += v · row `from` of x, both rows of length n. */
function addScaledRow(y: Float32Array, to: number, v: number, x: Float32Array, from: number, n: number): void {
  const yo = to * n, xo = from * n;
  for (let i = 0; i < n; i++) y[yo + i] += v * x[xo + i];
}

/**
 * Cᵀ (rows, n) = B·Aᵀ for a mostly-zero B (rows, k) and at = Aᵀ (k, n):
 * row r of Cᵀ = Σ over the non-zero B[r, p] of B[r, p] · (row p of Aᵀ).
 */
function sparseTimesDense(b: Float32Array, rows: number, k: number, at: Float32Array, n: number, ct: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < k; p++) {
      const v = b[r * k + p];
      if (v !== 0) addScaledRow(ct, r, v, at, p, n);
    }
  }
}

/**
 * C (n, m) = A·Bᵀ for A (n, k) and a mostly-zero B (m, k), computed as Cᵀ = B·Aᵀ.
 * This builds transposed copies of A and C: small next to the work they save.
 */
function productFromSparse(a: Float32Array, n: number, k: number, b: Float32Array, m: number, c: Float32Array): void {
  const at = new Float32Array(k * n);
  transposeInto(a, n, k, at);
  const ct = new Float32Array(m * n);
  sparseTimesDense(b, m, k, at, n, ct);
  transposeInto(ct, m, n, c);
}

/** C = A·B with A (n, k), B (k, m), C (n, m). */
export function matmul(a: Float32Array, b: Float32Array, c: Float32Array, n: number, k: number, m: number): void {
  if (mostlyZero(b)) {
    // Cᵀ = Bᵀ·Aᵀ, with the rows of Bᵀ (the columns of B: one example each) made contiguous first.
    const bt = new Float32Array(k * m);
    transposeInto(b, k, m, bt);
    productFromSparse(a, n, k, bt, m, c);
    return;
  }
  // i-k-j: row i of C += A[i, p] · row p of B
  c.fill(0);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      const ci = i * m, bp = p * m;
      for (let j = 0; j < m; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

/** C = Aᵀ·B with A (k, n), B (k, m), C (n, m), without building Aᵀ. */
export function matmulTransA(a: Float32Array, b: Float32Array, c: Float32Array, k: number, n: number, m: number): void {
  // C[i, j] = Σ_p A[p, i]·B[p, j]: for each p, row i of C += A[p, i] · row p of B.
  c.fill(0);
  for (let p = 0; p < k; p++) {
    for (let i = 0; i < n; i++) {
      const api = a[p * n + i];
      if (api !== 0) addScaledRow(c, i, api, b, p, m);
    }
  }
}

/** C = A·Bᵀ with A (n, k), B (m, k), C (n, m), without building Bᵀ. */
export function matmulTransB(a: Float32Array, b: Float32Array, c: Float32Array, n: number, k: number, m: number): void {
  if (mostlyZero(b)) {
    productFromSparse(a, n, k, b, m, c);
    return;
  }
  // C[i, j] = row i of A · row j of B, two contiguous rows; the sum is a float64 local.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      c[i * m + j] = s;
    }
  }
}
