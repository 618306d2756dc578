// WebAssembly SIMD versions of the engine's three matrix products (src/engine/kernels.ts is the
// readable reference they are tested against). Numbers only: every argument is a byte offset into
// this module's memory or a size; the JavaScript side (../kernels-wasm.ts) copies matrices in and out.
// All matrices are row-major f32. `scratch` is room for k·m + k·n + m·n floats.
//
// Speed comes from three things the TypeScript loop cannot do:
// 1. f32x4: one instruction multiplies and adds four neighbouring numbers of a row.
// 2. Register blocking: a 4×8 tile of C stays in eight v128 locals while p runs over k, so each
//    loaded number of B is used four times and C is written once, not k times.
// 3. Zero skipping, as in src/engine/kernels.ts: the non-zeros of each row of a mostly-zero B are gathered
//    into a short list first, then each adds (value × a contiguous row) with f32x4.

/** Use the zero-skipping path when fewer than this fraction of B's entries are non-zero (as kernels.ts). */
const SPARSE_BELOW: f32 = 0.5;

@inline function at(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

function countNonZero(b: usize, length: i32): i32 {
  let count = 0;
  for (let p = 0; p < length; p++) if (load<f32>(at(b, p)) != 0) count++;
  return count;
}

function isMostlyZero(b: usize, length: i32): bool {
  return <f32>countNonZero(b, length) < SPARSE_BELOW * <f32>length;
}

/** out (cols, rows) = srcᵀ for src (rows, cols). */
export function transpose(src: usize, rows: i32, cols: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) store<f32>(at(out, j * rows + i), load<f32>(at(src, i * cols + j)));
  }
}

/**
 * C (n, m) = A·B for B (k, m), where A[i, p] is read at a + 4·(i·ai + p·ap): ai = k, ap = 1 for A
 * (n, k) as stored, ai = 1, ap = n to use a stored (k, n) matrix as Aᵀ.
 */
function gemm(a: usize, ai: i32, ap: i32, b: usize, c: usize, n: i32, k: i32, m: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) gemmRows4(a, ai, ap, b, c, i, k, m);
  for (; i < n; i++) gemmRow1(a, ai, ap, b, c, i, k, m);
}

/** Rows i..i+3 of C: 4×8 tiles held in registers, then a 4×4 tile, then single columns. */
function gemmRows4(a: usize, ai: i32, ap: i32, b: usize, c: usize, i: i32, k: i32, m: i32): void {
  const a0 = at(a, i * ai), a1 = at(a, (i + 1) * ai), a2 = at(a, (i + 2) * ai), a3 = at(a, (i + 3) * ai);
  const step = <usize>ap << 2;
  let j = 0;
  for (; j + 8 <= m; j += 8) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    let bp = at(b, j), off: usize = 0;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp), b1 = v128.load(bp, 16);
      let s = f32x4.splat(load<f32>(a0 + off));
      c00 = f32x4.add(c00, f32x4.mul(s, b0)); c01 = f32x4.add(c01, f32x4.mul(s, b1));
      s = f32x4.splat(load<f32>(a1 + off));
      c10 = f32x4.add(c10, f32x4.mul(s, b0)); c11 = f32x4.add(c11, f32x4.mul(s, b1));
      s = f32x4.splat(load<f32>(a2 + off));
      c20 = f32x4.add(c20, f32x4.mul(s, b0)); c21 = f32x4.add(c21, f32x4.mul(s, b1));
      s = f32x4.splat(load<f32>(a3 + off));
      c30 = f32x4.add(c30, f32x4.mul(s, b0)); c31 = f32x4.add(c31, f32x4.mul(s, b1));
      bp += <usize>m << 2;
      off += step;
    }
    const cp = at(c, i * m + j), row = <usize>m << 2;
    v128.store(cp, c00); v128.store(cp, c01, 16);
    v128.store(cp + row, c10); v128.store(cp + row, c11, 16);
    v128.store(cp + 2 * row, c20); v128.store(cp + 2 * row, c21, 16);
    v128.store(cp + 3 * row, c30); v128.store(cp + 3 * row, c31, 16);
  }
  for (; j + 4 <= m; j += 4) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    let bp = at(b, j), off: usize = 0;
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(bp);
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a0 + off)), b0));
      c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(a1 + off)), b0));
      c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(a2 + off)), b0));
      c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(a3 + off)), b0));
      bp += <usize>m << 2;
      off += step;
    }
    const cp = at(c, i * m + j), row = <usize>m << 2;
    v128.store(cp, c0); v128.store(cp + row, c1); v128.store(cp + 2 * row, c2); v128.store(cp + 3 * row, c3);
  }
  for (; j < m; j++) {
    for (let r = 0; r < 4; r++) store<f32>(at(c, (i + r) * m + j), dot(a, ai, ap, b, i + r, j, k, m));
  }
}

/** Row i of C alone (the last n mod 4 rows). */
function gemmRow1(a: usize, ai: i32, ap: i32, b: usize, c: usize, i: i32, k: i32, m: i32): void {
  const a0 = at(a, i * ai), step = <usize>ap << 2;
  let j = 0;
  for (; j + 4 <= m; j += 4) {
    let c0 = f32x4.splat(0);
    let bp = at(b, j), off: usize = 0;
    for (let p = 0; p < k; p++) {
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a0 + off)), v128.load(bp)));
      bp += <usize>m << 2;
      off += step;
    }
    v128.store(at(c, i * m + j), c0);
  }
  for (; j < m; j++) store<f32>(at(c, i * m + j), dot(a, ai, ap, b, i, j, k, m));
}

/** C[i, j] one number at a time, for the columns past the last multiple of 4. */
function dot(a: usize, ai: i32, ap: i32, b: usize, i: i32, j: i32, k: i32, m: i32): f32 {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) s += load<f32>(at(a, i * ai + p * ap)) * load<f32>(at(b, p * m + j));
  return s;
}

/**
 * ct (rows, n) = b·at for a mostly-zero b (rows, k) and at (k, n): row r of ct is the sum, over the
 * non-zero b[r, p], of b[r, p] · (row p of at). The non-zeros of row r are gathered first into
 * `index`/`value` (room for k each), so the f32x4 loop never looks at a zero.
 */
export function sparseTimesDense(b: usize, rows: i32, k: i32, at_: usize, n: i32, ct: usize, index: usize, value: usize): void {
  for (let r = 0; r < rows; r++) {
    let count = 0;
    for (let p = 0; p < k; p++) {
      const v = load<f32>(at(b, r * k + p));
      if (v != 0) {
        store<i32>(at(index, count), p);
        store<f32>(at(value, count), v);
        count++;
      }
    }
    addScaledRows(index, value, count, at_, n, at(ct, r * n));
  }
}

/** out (n numbers) = Σ over the list of value[q] · row index[q] of x (rows of n), 16 columns at a time. */
function addScaledRows(index: usize, value: usize, count: i32, x: usize, n: i32, out: usize): void {
  const rowBytes = <usize>n << 2;
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    const xj = at(x, j);
    for (let q = 0; q < count; q++) {
      const v = f32x4.splat(load<f32>(at(value, q)));
      const row = xj + <usize>load<i32>(at(index, q)) * rowBytes;
      s0 = f32x4.add(s0, f32x4.mul(v, v128.load(row)));
      s1 = f32x4.add(s1, f32x4.mul(v, v128.load(row, 16)));
      s2 = f32x4.add(s2, f32x4.mul(v, v128.load(row, 32)));
      s3 = f32x4.add(s3, f32x4.mul(v, v128.load(row, 48)));
    }
    const o = at(out, j);
    v128.store(o, s0); v128.store(o, s1, 16); v128.store(o, s2, 32); v128.store(o, s3, 48);
  }
  for (; j + 4 <= n; j += 4) {
    let s0 = f32x4.splat(0);
    for (let q = 0; q < count; q++) {
      const row = at(x, j) + <usize>load<i32>(at(index, q)) * rowBytes;
      s0 = f32x4.add(s0, f32x4.mul(f32x4.splat(load<f32>(at(value, q))), v128.load(row)));
    }
    v128.store(at(out, j), s0);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    for (let q = 0; q < count; q++) s += load<f32>(at(value, q)) * load<f32>(at(x, load<i32>(at(index, q)) * n + j));
    store<f32>(at(out, j), s);
  }
}

/**
 * c (n, m) = a·bᵀ for a (n, k) and a mostly-zero b (m, k), as cᵀ = b·aᵀ (like kernels.ts).
 * Uses scratch for aᵀ (k·n), cᵀ (m·n) and the non-zero list (2·k).
 */
function productFromSparse(a: usize, n: i32, k: i32, b: usize, m: i32, c: usize, scratch: usize): void {
  const aT = scratch, cT = at(aT, k * n), index = at(cT, m * n), value = at(index, k);
  transpose(a, n, k, aT);
  sparseTimesDense(b, m, k, aT, n, cT, index, value);
  transpose(cT, m, n, c);
}

/** C (n, m) = A (n, k) · B (k, m). */
export function matmul(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32, scratch: usize): void {
  if (isMostlyZero(b, k * m)) {
    const bT = scratch; // the columns of B (one example each) made contiguous
    transpose(b, k, m, bT);
    productFromSparse(a, n, k, bT, m, c, at(bT, k * m));
    return;
  }
  gemm(a, k, 1, b, c, n, k, m);
}

/** C (n, m) = Aᵀ·B for A (k, n), B (k, m), reading A in place as Aᵀ. */
export function matmulTransA(a: usize, b: usize, c: usize, k: i32, n: i32, m: i32): void {
  gemm(a, 1, n, b, c, n, k, m);
}

/** C (n, m) = A·Bᵀ for A (n, k), B (m, k). Dense: Bᵀ is built in scratch, then the same tiles. */
export function matmulTransB(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32, scratch: usize): void {
  if (isMostlyZero(b, m * k)) {
    productFromSparse(a, n, k, b, m, c, scratch);
    return;
  }
  transpose(b, m, k, scratch);
  gemm(a, k, 1, scratch, c, n, k, m);
}

/** Where the JavaScript side may start laying out its buffers. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
