// The hot loops: matrix products on raw row-major Float32Arrays, nothing else.
// Shapes are checked by the public wrappers in matmul.ts; here we trust them.
//
// Two tricks, both about memory rather than maths:
// 1. Loop order i-k-j: the innermost loop walks along a row of B and a row of C,
//    which sit next to each other in memory (cache-friendly), instead of jumping
//    down a column.
// 2. Skipping zeros: about 80% of MNIST pixels are 0, and 0·w adds nothing. When
//    B is mostly zeros we first list the non-zero entries of each of its rows
//    (compressed sparse rows) and only multiply those.

/** The non-zero entries of each row of a matrix: row r's are index/value[start[r] … start[r+1]). */
interface SparseRows {
  start: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

/** Below this fraction of non-zeros, the sparse loops win (the list costs a pass over B). */
const SPARSE_BELOW = 0.5;

function countNonZero(b: Float32Array): number {
  let nnz = 0;
  for (let p = 0; p < b.length; p++) if (b[p] !== 0) nnz++;
  return nnz;
}

function sparseRows(b: Float32Array, rows: number, cols: number, nnz: number): SparseRows {
  const start = new Int32Array(rows + 1);
  const index = new Int32Array(nnz);
  const value = new Float32Array(nnz);
  let p = 0;
  for (let r = 0; r < rows; r++) {
    start[r] = p;
    for (let c = 0; c < cols; c++) {
      const v = b[r * cols + c];
      if (v !== 0) {
        index[p] = c;
        value[p] = v;
        p++;
      }
    }
  }
  start[rows] = p;
  return { start, index, value };
}

/** The sparse form of B, or null when B is dense enough that plain loops are faster. */
function sparseIfWorthIt(b: Float32Array, rows: number, cols: number): SparseRows | null {
  const nnz = countNonZero(b);
  return nnz < SPARSE_BELOW * b.length ? sparseRows(b, rows, cols, nnz) : null;
}

/** C = A·B with A (n, k), B (k, m), C (n, m). */
export function matmul(a: Float32Array, b: Float32Array, c: Float32Array, n: number, k: number, m: number): void {
  c.fill(0);
  const sparse = sparseIfWorthIt(b, k, m);
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      if (sparse) {
        // row i of C += A[i, p] · (non-zero part of row p of B)
        for (let q = sparse.start[p], end = sparse.start[p + 1]; q < end; q++) {
          c[ci + sparse.index[q]] += aip * sparse.value[q];
        }
      } else {
        // row i of C += A[i, p] · row p of B
        const bp = p * m;
        for (let j = 0; j < m; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  }
}

/** C = Aᵀ·B with A (k, n), B (k, m), C (n, m), without building Aᵀ. */
export function matmulTransA(a: Float32Array, b: Float32Array, c: Float32Array, k: number, n: number, m: number): void {
  c.fill(0);
  // C[i, j] = Σ_p A[p, i]·B[p, j]: for each p, row i of C += A[p, i] · row p of B.
  for (let p = 0; p < k; p++) {
    const bp = p * m;
    for (let i = 0; i < n; i++) {
      const api = a[p * n + i];
      if (api === 0) continue;
      const ci = i * m;
      for (let j = 0; j < m; j++) c[ci + j] += api * b[bp + j];
    }
  }
}

/** C = A·Bᵀ with A (n, k), B (m, k), C (n, m), without building Bᵀ. */
export function matmulTransB(a: Float32Array, b: Float32Array, c: Float32Array, n: number, k: number, m: number): void {
  // C[i, j] = Σ_p A[i, p]·B[j, p]: the dot product of row i of A with row j of B,
  // both contiguous in memory. The sum is kept in a float64 local.
  const sparse = sparseIfWorthIt(b, m, k);
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    for (let j = 0; j < m; j++) {
      let s = 0;
      if (sparse) {
        for (let q = sparse.start[j], end = sparse.start[j + 1]; q < end; q++) {
          s += a[ai + sparse.index[q]] * sparse.value[q];
        }
      } else {
        const bj = j * k;
        for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      }
      c[i * m + j] = s;
    }
  }
}
