// The layers of a convolutional network (src/engine/cnn-config.ts) as WebAssembly SIMD kernels:
// one call per layer and direction, which the JavaScript side (../cnn-step.ts) strings together
// into a minibatch step. The same equations as the engine's readable layers; only the order of the
// arithmetic differs (sums taken four lanes at a time), so the numbers agree to float rounding.
//
// Layout: a batch of images is m examples one after the other, each (C, H, W) channel-major,
// which is one ROW per example of the engine's (C·H·W, m). Kernels K (F, C·k·k) and dense
// weights W (units, inputs) are stored exactly as the engine stores them.
//
// A convolution is computed as a matrix product (im2col): for each example, the patch under the
// kernel at output position p is unrolled into column p of col (C·k·k, Ho·Wo); then
//   Z (F, Ho·Wo) = K·col + b,  A = max(0, Z)                  (forward)
//   dK += dZ·colᵀ,  db += Σ_p dZ,  dcol = Kᵀ·dZ → dX          (backward)
// where dcol is folded back onto the image positions its patches came from (col2im). Each
// product runs four output positions per f32x4 lane group, so Ho·Wo is the vector direction.
import { madd } from "./madd";

@inline function f32At(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

@inline function hsum(s: v128): f32 {
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

/** col (C·k·k, Ho·Wo): row c·k·k + i·k + j, column y·Wo + x holds x_in[c, y·s + i − pad, x·s + j − pad] (0 outside). */
function im2col(x: usize, C: i32, H: i32, W: i32, k: i32, stride: i32, pad: i32, Ho: i32, Wo: i32, col: usize): void {
  const P = Ho * Wo;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const row = f32At(col, ((c * k + i) * k + j) * P);
        for (let y = 0; y < Ho; y++) {
          const yi = y * stride + i - pad;
          const out = f32At(row, y * Wo);
          if (yi < 0 || yi >= H) {
            memory.fill(out, 0, <usize>Wo << 2);
            continue;
          }
          const src = f32At(x, (c * H + yi) * W);
          if (stride == 1 && pad == 0) {
            copyRow(out, f32At(src, j), Wo);
            continue;
          }
          for (let xo = 0; xo < Wo; xo++) {
            const xi = xo * stride + j - pad;
            store<f32>(f32At(out, xo), xi >= 0 && xi < W ? load<f32>(f32At(src, xi)) : 0);
          }
        }
      }
    }
  }
}

/** dst[0:n] = src[0:n], four at a time (a row of an image is too short for memory.copy to pay). */
function copyRow(dst: usize, src: usize, n: i32): void {
  let q = 0;
  for (; q + 4 <= n; q += 4) v128.store(f32At(dst, q), v128.load(f32At(src, q)));
  for (; q < n; q++) store<f32>(f32At(dst, q), load<f32>(f32At(src, q)));
}

/** The adjoint of im2col: dx[c, y·s + i − pad, x·s + j − pad] += dcol[c·k·k + i·k + j, y·Wo + x]. */
function col2im(dcol: usize, C: i32, H: i32, W: i32, k: i32, stride: i32, pad: i32, Ho: i32, Wo: i32, dx: usize): void {
  const P = Ho * Wo;
  memory.fill(dx, 0, <usize>(C * H * W) << 2);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const row = f32At(dcol, ((c * k + i) * k + j) * P);
        for (let y = 0; y < Ho; y++) {
          const yi = y * stride + i - pad;
          if (yi < 0 || yi >= H) continue;
          const dst = f32At(dx, (c * H + yi) * W), src = f32At(row, y * Wo);
          if (stride == 1 && pad == 0) {
            addRow(f32At(dst, j), src, Wo);
            continue;
          }
          for (let xo = 0; xo < Wo; xo++) {
            const xi = xo * stride + j - pad;
            if (xi >= 0 && xi < W) store<f32>(f32At(dst, xi), load<f32>(f32At(dst, xi)) + load<f32>(f32At(src, xo)));
          }
        }
      }
    }
  }
}

/** dst[0:n] += src[0:n] (dst need not be 16-byte aligned: v128 loads and stores allow that). */
function addRow(dst: usize, src: usize, n: i32): void {
  let q = 0;
  for (; q + 4 <= n; q += 4) v128.store(f32At(dst, q), f32x4.add(v128.load(f32At(dst, q)), v128.load(f32At(src, q))));
  for (; q < n; q++) store<f32>(f32At(dst, q), load<f32>(f32At(dst, q)) + load<f32>(f32At(src, q)));
}

/**
 * c (n, m) = A·b for b (k, m), A[r, p] read at a + 4·(r·ar + p·ap) (ar = k, ap = 1: A (n, k) as
 * stored; ar = 1, ap = n: a stored (k, n) matrix read as its transpose). With `bias`, row r gets
 * bias[r] added and then ReLU. Four rows × eight columns of c stay in registers while p runs.
 */
function gemm(a: usize, ar: i32, ap: i32, b: usize, c: usize, n: i32, k: i32, m: i32, bias: usize): void {
  const step = <usize>ap << 2, rowB = <usize>m << 2, zero = f32x4.splat(0);
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const a0 = f32At(a, r * ar), a1 = f32At(a, (r + 1) * ar), a2 = f32At(a, (r + 2) * ar), a3 = f32At(a, (r + 3) * ar);
    let z0 = zero, z1 = zero, z2 = zero, z3 = zero;
    if (bias) {
      z0 = v128.load32_splat(f32At(bias, r)); z1 = v128.load32_splat(f32At(bias, r + 1));
      z2 = v128.load32_splat(f32At(bias, r + 2)); z3 = v128.load32_splat(f32At(bias, r + 3));
    }
    let j = 0;
    for (; j + 8 <= m; j += 8) {
      let c00 = z0, c01 = z0, c10 = z1, c11 = z1, c20 = z2, c21 = z2, c30 = z3, c31 = z3;
      let bp = f32At(b, j), off: usize = 0;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp), b1 = v128.load(bp, 16);
        let s = v128.load32_splat(a0 + off);
        c00 = madd(s, b0, c00); c01 = madd(s, b1, c01);
        s = v128.load32_splat(a1 + off);
        c10 = madd(s, b0, c10); c11 = madd(s, b1, c11);
        s = v128.load32_splat(a2 + off);
        c20 = madd(s, b0, c20); c21 = madd(s, b1, c21);
        s = v128.load32_splat(a3 + off);
        c30 = madd(s, b0, c30); c31 = madd(s, b1, c31);
        bp += rowB;
        off += step;
      }
      if (bias) {
        c00 = f32x4.pmax(c00, zero); c01 = f32x4.pmax(c01, zero); c10 = f32x4.pmax(c10, zero); c11 = f32x4.pmax(c11, zero);
        c20 = f32x4.pmax(c20, zero); c21 = f32x4.pmax(c21, zero); c30 = f32x4.pmax(c30, zero); c31 = f32x4.pmax(c31, zero);
      }
      const cp = f32At(c, r * m + j);
      v128.store(cp, c00); v128.store(cp, c01, 16);
      v128.store(cp + rowB, c10); v128.store(cp + rowB, c11, 16);
      v128.store(cp + 2 * rowB, c20); v128.store(cp + 2 * rowB, c21, 16);
      v128.store(cp + 3 * rowB, c30); v128.store(cp + 3 * rowB, c31, 16);
    }
    for (; j < m; j++) {
      for (let q = 0; q < 4; q++) store<f32>(f32At(c, (r + q) * m + j), dotAt(a, ar, ap, b, r + q, j, k, m, bias));
    }
  }
  for (; r < n; r++) {
    for (let j = 0; j < m; j++) store<f32>(f32At(c, r * m + j), dotAt(a, ar, ap, b, r, j, k, m, bias));
  }
}

/** One entry of gemm's c, one number at a time (the rows and columns past the tiles). */
function dotAt(a: usize, ar: i32, ap: i32, b: usize, r: i32, j: i32, k: i32, m: i32, bias: usize): f32 {
  let s: f32 = bias ? load<f32>(f32At(bias, r)) : 0;
  for (let p = 0; p < k; p++) s += load<f32>(f32At(a, r * ar + p * ap)) * load<f32>(f32At(b, p * m + j));
  return bias ? max(s, 0) : s;
}

/**
 * out (n, q) += A (n, P)·B (q, P)ᵀ: every entry a dot product of two rows of length P, taken
 * four rows of A against two rows of B at a time: six loads feed eight multiply-adds.
 */
function gemmNT(a: usize, b: usize, out: usize, n: i32, q: i32, P: i32): void {
  const rowO = <usize>q << 2;
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const a0 = f32At(a, r * P), a1 = f32At(a, (r + 1) * P), a2 = f32At(a, (r + 2) * P), a3 = f32At(a, (r + 3) * P);
    let t = 0;
    for (; t + 2 <= q; t += 2) {
      const b0 = f32At(b, t * P), b1 = f32At(b, (t + 1) * P);
      let s00 = f32x4.splat(0), s10 = s00, s20 = s00, s30 = s00, s01 = s00, s11 = s00, s21 = s00, s31 = s00, p = 0;
      for (; p + 4 <= P; p += 4) {
        const o = <usize>p << 2, x = v128.load(b0 + o), y = v128.load(b1 + o);
        const u0 = v128.load(a0 + o), u1 = v128.load(a1 + o), u2 = v128.load(a2 + o), u3 = v128.load(a3 + o);
        s00 = madd(u0, x, s00); s10 = madd(u1, x, s10); s20 = madd(u2, x, s20); s30 = madd(u3, x, s30);
        s01 = madd(u0, y, s01); s11 = madd(u1, y, s11); s21 = madd(u2, y, s21); s31 = madd(u3, y, s31);
      }
      let t00 = hsum(s00), t10 = hsum(s10), t20 = hsum(s20), t30 = hsum(s30);
      let t01 = hsum(s01), t11 = hsum(s11), t21 = hsum(s21), t31 = hsum(s31);
      for (; p < P; p++) {
        const x = load<f32>(f32At(b0, p)), y = load<f32>(f32At(b1, p));
        const u0 = load<f32>(f32At(a0, p)), u1 = load<f32>(f32At(a1, p)), u2 = load<f32>(f32At(a2, p)), u3 = load<f32>(f32At(a3, p));
        t00 += u0 * x; t10 += u1 * x; t20 += u2 * x; t30 += u3 * x;
        t01 += u0 * y; t11 += u1 * y; t21 += u2 * y; t31 += u3 * y;
      }
      const o = f32At(out, r * q + t);
      store<f32>(o, load<f32>(o) + t00); store<f32>(o + 4, load<f32>(o + 4) + t01);
      store<f32>(o + rowO, load<f32>(o + rowO) + t10); store<f32>(o + rowO + 4, load<f32>(o + rowO + 4) + t11);
      store<f32>(o + 2 * rowO, load<f32>(o + 2 * rowO) + t20); store<f32>(o + 2 * rowO + 4, load<f32>(o + 2 * rowO + 4) + t21);
      store<f32>(o + 3 * rowO, load<f32>(o + 3 * rowO) + t30); store<f32>(o + 3 * rowO + 4, load<f32>(o + 3 * rowO + 4) + t31);
    }
    for (; t < q; t++) {
      for (let i = 0; i < 4; i++) {
        const o = f32At(out, (r + i) * q + t);
        store<f32>(o, load<f32>(o) + dotRows(f32At(a, (r + i) * P), f32At(b, t * P), P));
      }
    }
  }
  for (; r < n; r++) {
    for (let t = 0; t < q; t++) {
      const o = f32At(out, r * q + t);
      store<f32>(o, load<f32>(o) + dotRows(f32At(a, r * P), f32At(b, t * P), P));
    }
  }
}

/** Σ x[p]·y[p] over p < n. */
function dotRows(x: usize, y: usize, n: i32): f32 {
  let s = f32x4.splat(0), p = 0;
  for (; p + 4 <= n; p += 4) s = madd(v128.load(f32At(x, p)), v128.load(f32At(y, p)), s);
  let t = hsum(s);
  for (; p < n; p++) t += load<f32>(f32At(x, p)) * load<f32>(f32At(y, p));
  return t;
}

/**
 * A convolution followed by ReLU on m examples: x (m, C·H·W) → out (m, F·Ho·Wo). Keeps each
 * example's col (C·k·k, Ho·Wo) at cols + j·C·k·k·Ho·Wo floats for the backward pass.
 */
export function convForward(x: usize, m: i32, C: i32, H: i32, W: i32, F: i32, k: i32, stride: i32, pad: i32, K: usize, b: usize, out: usize, cols: usize): void {
  const Ho = (H + 2 * pad - k) / stride + 1, Wo = (W + 2 * pad - k) / stride + 1;
  const Q = C * k * k, P = Ho * Wo;
  for (let j = 0; j < m; j++) {
    const col = f32At(cols, j * Q * P);
    im2col(f32At(x, j * C * H * W), C, H, W, k, stride, pad, Ho, Wo, col);
    gemm(K, Q, 1, col, f32At(out, j * F * P), F, Q, P, b);
  }
}

/**
 * The convolution's backward pass on m examples, from dZ (m, F·Ho·Wo) (the ReLU already applied):
 * dK = Σ_j dZ_j·col_jᵀ, db = Σ_j Σ_p dZ_j, and, when dx is not 0, dx (m, C·H·W) through dcol
 * (room for one example's col).
 */
export function convBackward(dZ: usize, m: i32, C: i32, H: i32, W: i32, F: i32, k: i32, stride: i32, pad: i32, K: usize, cols: usize, dK: usize, db: usize, dx: usize, dcol: usize): void {
  const Ho = (H + 2 * pad - k) / stride + 1, Wo = (W + 2 * pad - k) / stride + 1;
  const Q = C * k * k, P = Ho * Wo;
  memory.fill(dK, 0, <usize>(F * Q) << 2);
  memory.fill(db, 0, <usize>F << 2);
  for (let j = 0; j < m; j++) {
    const dz = f32At(dZ, j * F * P);
    gemmNT(dz, f32At(cols, j * Q * P), dK, F, Q, P);
    for (let f = 0; f < F; f++) store<f32>(f32At(db, f), load<f32>(f32At(db, f)) + sumRow(f32At(dz, f * P), P));
    if (dx) {
      gemm(K, 1, Q, dz, dcol, Q, F, P, 0);
      col2im(dcol, C, H, W, k, stride, pad, Ho, Wo, f32At(dx, j * C * H * W));
    }
  }
}

function sumRow(x: usize, n: i32): f32 {
  let s = f32x4.splat(0), p = 0;
  for (; p + 4 <= n; p += 4) s = f32x4.add(s, v128.load(f32At(x, p)));
  let t = hsum(s);
  for (; p < n; p++) t += load<f32>(f32At(x, p));
  return t;
}

/**
 * size × size max pooling of `planes` planes H × W (m examples × C channels, one after the other):
 * out (planes, H/size, W/size). The backward pass finds each maximum again (poolBackward), so
 * nothing but the maxima is kept. 2 × 2 windows, the usual case, go four outputs at a time.
 */
export function poolForward(x: usize, planes: i32, H: i32, W: i32, size: i32, out: usize): void {
  const Ho = H / size, Wo = W / size;
  for (let c = 0; c < planes; c++) {
    for (let y = 0; y < Ho; y++) {
      const row = f32At(x, (c * H + y * size) * W), o = f32At(out, (c * Ho + y) * Wo);
      let x0 = 0;
      if (size == 2) {
        const below = <usize>W << 2;
        for (; x0 + 4 <= Wo; x0 += 4) {
          // the larger of the two rows, then of each neighbouring pair: lanes 0, 2, 4, 6 against 1, 3, 5, 7
          const p = row + (<usize>x0 << 3);
          const a = f32x4.pmax(v128.load(p), v128.load(p + below)), b = f32x4.pmax(v128.load(p, 16), v128.load(p + below, 16));
          const even = v128.shuffle<f32>(a, b, 0, 2, 4, 6), odd = v128.shuffle<f32>(a, b, 1, 3, 5, 7);
          v128.store(f32At(o, x0), f32x4.pmax(even, odd));
        }
      }
      for (; x0 < Wo; x0++) {
        let best = load<f32>(f32At(row, x0 * size));
        for (let i = 0; i < size; i++) {
          for (let j = 0; j < size; j++) best = max(best, load<f32>(f32At(row, i * W + x0 * size + j)));
        }
        store<f32>(f32At(o, x0), best);
      }
    }
  }
}

/**
 * dx (planes, H, W) = 0 but at each window's maximum, which gets the window's gradient dOut: the
 * first place in the window (row by row) that holds the window's maximum out, as the engine routes it.
 */
export function poolBackward(dOut: usize, out: usize, planes: i32, H: i32, W: i32, size: i32, x: usize, dx: usize): void {
  const Ho = H / size, Wo = W / size;
  for (let c = 0; c < planes; c++) {
    for (let y = 0; y < Ho; y++) {
      const o = (c * Ho + y) * Wo, first = (c * H + y * size) * W;
      let x0 = 0;
      if (size == 2) {
        for (; x0 + 4 <= Wo; x0 += 4) poolBackward2x4(f32At(dOut, o + x0), f32At(out, o + x0), f32At(x, first + 2 * x0), f32At(dx, first + 2 * x0), W);
      }
      for (; x0 < Wo; x0++) {
        const best = load<f32>(f32At(out, o + x0));
        let found = false;
        for (let i = 0; i < size; i++) {
          for (let j = 0; j < size; j++) {
            const k = first + i * W + x0 * size + j;
            const hit = !found && load<f32>(f32At(x, k)) == best;
            store<f32>(f32At(dx, k), hit ? load<f32>(f32At(dOut, o + x0)) : 0);
            found = found || hit;
          }
        }
      }
    }
  }
}

/**
 * Four neighbouring 2 × 2 windows at once: the two rows of eight inputs at x and x + W floats.
 * Lanes hold (left, right) pairs of two windows; a place wins where it equals the maximum and
 * no place before it in its window (left before right, upper row before lower) does.
 */
@inline function poolBackward2x4(dOut: usize, out: usize, x: usize, dx: usize, W: i32): void {
  const below = <usize>W << 2, right = v128(0, 0, 0, 0, -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1, -1);
  const o = v128.load(out), d = v128.load(dOut);
  const oLo = v128.shuffle<f32>(o, o, 0, 0, 1, 1), oHi = v128.shuffle<f32>(o, o, 2, 2, 3, 3);
  const dLo = v128.shuffle<f32>(d, d, 0, 0, 1, 1), dHi = v128.shuffle<f32>(d, d, 2, 2, 3, 3);
  poolBackwardPairs(x, dx, below, oLo, dLo, right);
  poolBackwardPairs(x + 16, dx + 16, below, oHi, dHi, right);
}

@inline function poolBackwardPairs(x: usize, dx: usize, below: usize, o: v128, d: v128, right: v128): void {
  const top = f32x4.eq(v128.load(x), o), bottom = f32x4.eq(v128.load(x + below), o);
  // each lane's pair-mate first: (l, r) → (l, l) and (r, r)
  const topLeft = v128.shuffle<i32>(top, top, 0, 0, 2, 2), topAny = v128.or(topLeft, v128.shuffle<i32>(top, top, 1, 1, 3, 3));
  const upper = v128.andnot(top, v128.and(topLeft, right));
  const lowerHit = v128.andnot(bottom, topAny);
  const lower = v128.andnot(lowerHit, v128.and(v128.shuffle<i32>(lowerHit, lowerHit, 0, 0, 2, 2), right));
  v128.store(dx, v128.and(upper, d));
  v128.store(dx + below, v128.and(lower, d));
}

/** d[i] = 0 where a[i] ≤ 0: the gradient passes ReLU only where the unit was on (a = max(0, z) > 0 ⇔ z > 0). */
export function reluMask(d: usize, a: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(f32At(d, i), v128.and(v128.load(f32At(d, i)), f32x4.gt(v128.load(f32At(a, i)), zero)));
  for (; i < n; i++) if (load<f32>(f32At(a, i)) <= 0) store<f32>(f32At(d, i), 0);
}

/** z (m, units) = a (m, inputs)·Wᵀ + b, then ReLU when `relu`: each entry a dot product of two rows. */
export function denseForward(a: usize, m: i32, inputs: i32, W: usize, b: usize, units: i32, z: usize, relu: bool): void {
  for (let j = 0; j < m; j++) {
    const aj = f32At(a, j * inputs);
    for (let u = 0; u < units; u++) {
      const v = load<f32>(f32At(b, u)) + dotRows(aj, f32At(W, u * inputs), inputs);
      store<f32>(f32At(z, j * units + u), relu ? max(v, 0) : v);
    }
  }
}

/**
 * The dense layer's backward pass from dz (m, units): dW = dzᵀ·a (units, inputs), db = Σ_j dz_j,
 * and, when da is not 0, da (m, inputs) = dz·W.
 */
export function denseBackward(dz: usize, m: i32, inputs: i32, units: i32, a: usize, W: usize, dW: usize, db: usize, da: usize): void {
  memory.fill(dW, 0, <usize>(units * inputs) << 2);
  memory.fill(db, 0, <usize>units << 2);
  for (let j = 0; j < m; j++) {
    const aj = f32At(a, j * inputs);
    for (let u = 0; u < units; u++) {
      const d = load<f32>(f32At(dz, j * units + u));
      store<f32>(f32At(db, u), load<f32>(f32At(db, u)) + d);
      if (d != 0) addScaled(f32At(dW, u * inputs), aj, d, inputs);
    }
  }
  if (!da) return;
  memory.fill(da, 0, <usize>(m * inputs) << 2);
  for (let j = 0; j < m; j++) {
    const daj = f32At(da, j * inputs);
    for (let u = 0; u < units; u++) {
      const d = load<f32>(f32At(dz, j * units + u));
      if (d != 0) addScaled(daj, f32At(W, u * inputs), d, inputs);
    }
  }
}

/** y[0:n] += s·x[0:n]. */
function addScaled(y: usize, x: usize, s: f32, n: i32): void {
  const v = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(f32At(y, i), madd(v, v128.load(f32At(x, i)), v128.load(f32At(y, i))));
  for (; i < n; i++) store<f32>(f32At(y, i), load<f32>(f32At(y, i)) + s * load<f32>(f32At(x, i)));
}

let correctCount = 0;
/** How many examples of the last softmaxLoss the network classified correctly. */
export function cnnCorrect(): i32 { return correctCount; }

/**
 * The stable softmax of each row of z (m, C), the loss −log A[y] as log Σ exp(z − max) − (z_y − max),
 * a correct argmax counted, and dz = (A − Y)/m. Returns the summed loss (not its mean).
 */
export function softmaxLoss(z: usize, m: i32, C: i32, labels: usize, dz: usize): f64 {
  let lossSum: f64 = 0;
  correctCount = 0;
  for (let j = 0; j < m; j++) {
    const y = <i32>load<u8>(labels + <usize>j), zj = f32At(z, j * C), d = f32At(dz, j * C);
    let best: f32 = -Infinity, argmax = 0;
    for (let c = 0; c < C; c++) {
      const v = load<f32>(f32At(zj, c));
      if (v > best) { best = v; argmax = c; }
    }
    if (argmax == y) correctCount++;
    let total: f32 = 0;
    for (let c = 0; c < C; c++) {
      const e = Mathf.exp(load<f32>(f32At(zj, c)) - best);
      store<f32>(f32At(d, c), e);
      total += e;
    }
    lossSum += Math.log(<f64>total) - <f64>(load<f32>(f32At(zj, y)) - best);
    const scale: f32 = 1 / (total * <f32>m);
    for (let c = 0; c < C; c++) store<f32>(f32At(d, c), load<f32>(f32At(d, c)) * scale - (c == y ? 1 / <f32>m : 0));
  }
  return lossSum;
}
