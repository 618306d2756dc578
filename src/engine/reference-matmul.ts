// Chapter 3's reference matrix products, written as plainly as possible so
// the chapter can show them and the race can time them. Each computes
// C = A·B for A (n, k) and B (k, m): the same n·k·m multiply-adds as the
// engine's matmul. They differ only in how the numbers are stored and walked.

/** Nested arrays: A is n rows of k numbers, B is k rows of m numbers. */
export function matmulNested(A: number[][], B: number[][]): number[][] {
  const n = A.length, k = B.length, m = B[0].length;
  const C: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) {
      let s = 0; // C[i][j] = Σ_p A[i][p]·B[p][j]
      for (let p = 0; p < k; p++) s += A[i][p] * B[p][j]; // a new row of B each step
      row.push(s);
    }
    C.push(row);
  }
  return C;
}

/**
 * The same loops on flat, row-major Float32Arrays: entry (i, j) of a matrix
 * with c columns sits at i·c + j, in one contiguous block of memory.
 */
export function matmulFlat(
  a: Float32Array, b: Float32Array, n: number, k: number, m: number,
): Float32Array {
  const c = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j]; // b jumps m
      c[i * m + j] = s;
    }
  }
  return c;
}

/**
 * Flat arrays with the two inner loops swapped (i-k-j): the innermost loop
 * walks along row p of B and row i of C, one float after the next. Same
 * multiply-adds, kinder to the cache, and simple enough for a compiler to
 * run several lanes at a time.
 */
export function matmulFlatIKJ(
  a: Float32Array, b: Float32Array, n: number, k: number, m: number,
): Float32Array {
  const c = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]; // row i of C += A[i, p] · row p of B
      for (let j = 0; j < m; j++) c[i * m + j] += aip * b[p * m + j];
    }
  }
  return c;
}
