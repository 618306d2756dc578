// One whole minibatch step of a [inputs, H, C] network (ReLU hidden layer, softmax output,
// cross-entropy loss, plain SGD) in a single exported call, so JavaScript crosses into WebAssembly
// once per minibatch. The same equations as network.ts, with examples as ROWS here (each example's
// numbers are then contiguous for f32x4):
//   Z1ᵀ = Xᵀ·W1ᵀ + b1ᵀ, A1 = max(0, Z1)    Z2 = W2·A1 + b2, A2 = softmax(Z2)
//   dZ2 = (A2 − Y)/m   dW2 = dZ2·A1ᵀ   db2 = Σ dZ2   dZ1 = (W2ᵀ·dZ2) ⊙ [Z1 > 0]
//   dW1 = dZ1·Xᵀ       db1 = Σ dZ1     then W ← W − η·dW for every parameter.
// W1 is kept TRANSPOSED, W1t (inputs, H): a pixel's H weights are one contiguous row, so both
// W1·X and the W1 update visit only the rows of the non-zero pixels. The training images are held
// once as lists of non-zero (pixel, value) pairs, about 150 of 784 per MNIST image. The update of W1
// is folded into the pass over the non-zeros: dW1 is never stored. H is a multiple of 4 (the
// JavaScript side pads the hidden layer with units whose weights are zero and stay zero).

let W1t: usize = 0, b1: usize = 0, W2: usize = 0, b2: usize = 0;
let A1: usize = 0, dZ1: usize = 0, dZ2: usize = 0, batch: usize = 0;
let labels: usize = 0, offsets: usize = 0, nzPixel: usize = 0, nzValue: usize = 0;
let H = 0, C = 0, correctCount = 0, layoutEnd: usize = 0;

@inline function f32At(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

/** Lays out every buffer once (growing memory only here) and returns the end of the last one. */
export function setup(inputs: i32, hidden: i32, classes: i32, maxBatch: i32, examples: i32, nonZeros: i32): usize {
  H = hidden; C = classes;
  layoutEnd = (__heap_base + 15) & ~15;
  W1t = take(inputs * H * 4); b1 = take(H * 4); W2 = take(C * H * 4); b2 = take(C * 4);
  A1 = take(maxBatch * H * 4); dZ1 = take(maxBatch * H * 4); dZ2 = take(maxBatch * C * 4);
  batch = take(maxBatch * 4); labels = take(examples); offsets = take((examples + 1) * 4);
  nzPixel = take(nonZeros * 2); nzValue = take(nonZeros * 4);
  const pages = <i32>((layoutEnd + 65535) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) return 0;
  return layoutEnd;
}

/** The next 16-byte-aligned buffer of `bytes` bytes. */
function take(bytes: i32): usize {
  const p = layoutEnd;
  layoutEnd += (<usize>bytes + 15) & ~15;
  return p;
}

// Where JavaScript writes the parameters, the data and each minibatch's example numbers.
export function ptrW1t(): usize { return W1t; }
export function ptrB1(): usize { return b1; }
export function ptrW2(): usize { return W2; }
export function ptrB2(): usize { return b2; }
export function ptrBatch(): usize { return batch; }
export function ptrLabels(): usize { return labels; }
export function ptrOffsets(): usize { return offsets; }
export function ptrNzPixel(): usize { return nzPixel; }
export function ptrNzValue(): usize { return nzValue; }
/** How many examples of the last step the network classified correctly (before its update). */
export function lastCorrect(): i32 { return correctCount; }

/** Trains on the `count` examples listed at ptrBatch(); returns the minibatch's mean loss. */
export function trainStep(count: i32, learningRate: f32): f64 {
  let lossSum: f64 = 0;
  correctCount = 0;
  for (let j = 0; j < count; j++) {
    const e = load<i32>(f32At(batch, j));
    hiddenForward(load<i32>(f32At(offsets, e)), load<i32>(f32At(offsets, e + 1)), f32At(A1, j * H));
    lossSum += outputLayer(f32At(A1, j * H), f32At(dZ2, j * C), <i32>load<u8>(labels + <usize>e), count);
  }
  for (let j = 0; j < count; j++) hiddenGradient(f32At(dZ2, j * C), f32At(A1, j * H), f32At(dZ1, j * H));
  updateOutputLayer(count, learningRate);
  for (let j = 0; j < count; j++) {
    const e = load<i32>(f32At(batch, j));
    updateW1(load<i32>(f32At(offsets, e)), load<i32>(f32At(offsets, e + 1)), f32At(dZ1, j * H), learningRate);
  }
  updateBias(b1, dZ1, count, H, learningRate);
  return lossSum / <f64>count;
}

/** a1 (H) = max(0, b1 + Σ over the example's non-zero pixels p of x_p · W1t[p, :]): 32 units at a time, then 16, then 4. */
function hiddenForward(start: i32, end: i32, a1: usize): void {
  let u = 0;
  for (; u + 32 <= H; u += 32) hiddenForward32(start, end, a1, u);
  for (; u + 16 <= H; u += 16) hiddenForward16(start, end, a1, u);
  for (; u < H; u += 4) hiddenForward4(start, end, a1, u);
}

function hiddenForward32(start: i32, end: i32, a1: usize, u: i32): void {
  const row = <usize>H << 2, zero = f32x4.splat(0), bias = f32At(b1, u), column = f32At(W1t, u);
  let s0 = v128.load(bias), s1 = v128.load(bias, 16), s2 = v128.load(bias, 32), s3 = v128.load(bias, 48);
  let s4 = v128.load(bias, 64), s5 = v128.load(bias, 80), s6 = v128.load(bias, 96), s7 = v128.load(bias, 112);
  for (let q = start; q < end; q++) {
    const x = f32x4.splat(load<f32>(f32At(nzValue, q)));
    const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
    s0 = f32x4.add(s0, f32x4.mul(x, v128.load(w)));
    s1 = f32x4.add(s1, f32x4.mul(x, v128.load(w, 16)));
    s2 = f32x4.add(s2, f32x4.mul(x, v128.load(w, 32)));
    s3 = f32x4.add(s3, f32x4.mul(x, v128.load(w, 48)));
    s4 = f32x4.add(s4, f32x4.mul(x, v128.load(w, 64)));
    s5 = f32x4.add(s5, f32x4.mul(x, v128.load(w, 80)));
    s6 = f32x4.add(s6, f32x4.mul(x, v128.load(w, 96)));
    s7 = f32x4.add(s7, f32x4.mul(x, v128.load(w, 112)));
  }
  const out = f32At(a1, u);
  v128.store(out, f32x4.max(s0, zero)); v128.store(out, f32x4.max(s1, zero), 16);
  v128.store(out, f32x4.max(s2, zero), 32); v128.store(out, f32x4.max(s3, zero), 48);
  v128.store(out, f32x4.max(s4, zero), 64); v128.store(out, f32x4.max(s5, zero), 80);
  v128.store(out, f32x4.max(s6, zero), 96); v128.store(out, f32x4.max(s7, zero), 112);
}

function hiddenForward16(start: i32, end: i32, a1: usize, u: i32): void {
  const row = <usize>H << 2, zero = f32x4.splat(0), bias = f32At(b1, u), column = f32At(W1t, u);
  let s0 = v128.load(bias), s1 = v128.load(bias, 16), s2 = v128.load(bias, 32), s3 = v128.load(bias, 48);
  for (let q = start; q < end; q++) {
    const x = f32x4.splat(load<f32>(f32At(nzValue, q)));
    const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
    s0 = f32x4.add(s0, f32x4.mul(x, v128.load(w)));
    s1 = f32x4.add(s1, f32x4.mul(x, v128.load(w, 16)));
    s2 = f32x4.add(s2, f32x4.mul(x, v128.load(w, 32)));
    s3 = f32x4.add(s3, f32x4.mul(x, v128.load(w, 48)));
  }
  const out = f32At(a1, u);
  // ReLU: one f32x4.max (pmax) per four units
  v128.store(out, f32x4.max(s0, zero)); v128.store(out, f32x4.max(s1, zero), 16);
  v128.store(out, f32x4.max(s2, zero), 32); v128.store(out, f32x4.max(s3, zero), 48);
}

function hiddenForward4(start: i32, end: i32, a1: usize, u: i32): void {
  const row = <usize>H << 2, column = f32At(W1t, u);
  let s0 = v128.load(f32At(b1, u));
  for (let q = start; q < end; q++) {
    const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
    s0 = f32x4.add(s0, f32x4.mul(f32x4.splat(load<f32>(f32At(nzValue, q))), v128.load(w)));
  }
  v128.store(f32At(a1, u), f32x4.max(s0, f32x4.splat(0)));
}

/** Σ_u w[u]·a[u] over H numbers. */
function dotH(w: usize, a: usize): f32 {
  let s = f32x4.splat(0);
  for (let u = 0; u < H; u += 4) s = f32x4.add(s, f32x4.mul(v128.load(f32At(w, u)), v128.load(f32At(a, u))));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

/**
 * z2 = W2·a1 + b2 into dz2 (C numbers), then the stable softmax; the loss −log A2[y] computed as
 * log Σ exp(z − max) − (z_y − max); counts a correct argmax; leaves dz2 = (A2 − y)/m.
 */
function outputLayer(a1: usize, dz2: usize, y: i32, m: i32): f64 {
  let best: f32 = -Infinity, argmax = 0, zy: f32 = 0;
  for (let c = 0; c < C; c++) {
    const z = load<f32>(f32At(b2, c)) + dotH(f32At(W2, c * H), a1);
    store<f32>(f32At(dz2, c), z);
    if (z > best) { best = z; argmax = c; }
    if (c == y) zy = z;
  }
  if (argmax == y) correctCount++;
  let total: f32 = 0;
  for (let c = 0; c < C; c++) {
    const e = Mathf.exp(load<f32>(f32At(dz2, c)) - best);
    store<f32>(f32At(dz2, c), e);
    total += e;
  }
  const loss = Math.log(<f64>total) - <f64>(zy - best);
  const scale: f32 = 1 / (total * <f32>m);
  for (let c = 0; c < C; c++) store<f32>(f32At(dz2, c), load<f32>(f32At(dz2, c)) * scale - (c == y ? 1 / <f32>m : 0));
  return loss;
}

/** dz1 (H) = (W2ᵀ·dz2) ⊙ [a1 > 0]: the ReLU passes the gradient only where the unit was on. */
function hiddenGradient(dz2: usize, a1: usize, dz1: usize): void {
  const zero = f32x4.splat(0);
  for (let u = 0; u < H; u += 4) {
    let s = zero;
    for (let c = 0; c < C; c++) s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(f32At(dz2, c))), v128.load(f32At(W2, c * H + u))));
    v128.store(f32At(dz1, u), v128.and(s, f32x4.gt(v128.load(f32At(a1, u)), zero)));
  }
}

/** W2 −= η·dZ2·A1ᵀ and b2 −= η·Σ dZ2, after hiddenGradient has used the old W2. */
function updateOutputLayer(count: i32, learningRate: f32): void {
  for (let c = 0; c < C; c++) {
    for (let u = 0; u < H; u += 4) {
      let s = f32x4.splat(0);
      for (let j = 0; j < count; j++) {
        s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(f32At(dZ2, j * C + c))), v128.load(f32At(A1, j * H + u))));
      }
      const w = f32At(W2, c * H + u);
      v128.store(w, f32x4.sub(v128.load(w), f32x4.mul(f32x4.splat(learningRate), s)));
    }
  }
  updateBias(b2, dZ2, count, C, learningRate);
}

/** bias (n) −= η·Σ over the batch rows of d (count, n). */
function updateBias(bias: usize, d: usize, count: i32, n: i32, learningRate: f32): void {
  for (let u = 0; u < n; u++) {
    let s: f32 = 0;
    for (let j = 0; j < count; j++) s += load<f32>(f32At(d, j * n + u));
    store<f32>(f32At(bias, u), load<f32>(f32At(bias, u)) - learningRate * s);
  }
}

/**
 * For each non-zero pixel p of one example: W1t[p, :] −= η·x_p·dz1, i.e. dW1 = dZ1·Xᵀ applied at once.
 * 32 units at a time (−η·dz1 for them held in eight registers), then 16, then 4.
 */
function updateW1(start: i32, end: i32, dz1: usize, learningRate: f32): void {
  const row = <usize>H << 2, rate = f32x4.splat(-learningRate);
  let u = 0;
  for (; u + 32 <= H; u += 32) {
    const d = f32At(dz1, u), column = f32At(W1t, u);
    const d0 = f32x4.mul(rate, v128.load(d)), d1 = f32x4.mul(rate, v128.load(d, 16));
    const d2 = f32x4.mul(rate, v128.load(d, 32)), d3 = f32x4.mul(rate, v128.load(d, 48));
    const d4 = f32x4.mul(rate, v128.load(d, 64)), d5 = f32x4.mul(rate, v128.load(d, 80));
    const d6 = f32x4.mul(rate, v128.load(d, 96)), d7 = f32x4.mul(rate, v128.load(d, 112));
    for (let q = start; q < end; q++) {
      const x = f32x4.splat(load<f32>(f32At(nzValue, q)));
      const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
      v128.store(w, f32x4.add(v128.load(w), f32x4.mul(x, d0)));
      v128.store(w, f32x4.add(v128.load(w, 16), f32x4.mul(x, d1)), 16);
      v128.store(w, f32x4.add(v128.load(w, 32), f32x4.mul(x, d2)), 32);
      v128.store(w, f32x4.add(v128.load(w, 48), f32x4.mul(x, d3)), 48);
      v128.store(w, f32x4.add(v128.load(w, 64), f32x4.mul(x, d4)), 64);
      v128.store(w, f32x4.add(v128.load(w, 80), f32x4.mul(x, d5)), 80);
      v128.store(w, f32x4.add(v128.load(w, 96), f32x4.mul(x, d6)), 96);
      v128.store(w, f32x4.add(v128.load(w, 112), f32x4.mul(x, d7)), 112);
    }
  }
  for (; u + 16 <= H; u += 16) {
    const d = f32At(dz1, u), column = f32At(W1t, u);
    const d0 = f32x4.mul(rate, v128.load(d)), d1 = f32x4.mul(rate, v128.load(d, 16));
    const d2 = f32x4.mul(rate, v128.load(d, 32)), d3 = f32x4.mul(rate, v128.load(d, 48));
    for (let q = start; q < end; q++) {
      const x = f32x4.splat(load<f32>(f32At(nzValue, q)));
      const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
      v128.store(w, f32x4.add(v128.load(w), f32x4.mul(x, d0)));
      v128.store(w, f32x4.add(v128.load(w, 16), f32x4.mul(x, d1)), 16);
      v128.store(w, f32x4.add(v128.load(w, 32), f32x4.mul(x, d2)), 32);
      v128.store(w, f32x4.add(v128.load(w, 48), f32x4.mul(x, d3)), 48);
    }
  }
  for (; u < H; u += 4) {
    const d = f32x4.mul(rate, v128.load(f32At(dz1, u))), column = f32At(W1t, u);
    for (let q = start; q < end; q++) {
      const w = column + <usize>load<u16>(nzPixel + (<usize>q << 1)) * row;
      v128.store(w, f32x4.add(v128.load(w), f32x4.mul(f32x4.splat(load<f32>(f32At(nzValue, q))), d)));
    }
  }
}
