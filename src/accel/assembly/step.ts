// One whole minibatch step of a [inputs, H, C] network (ReLU hidden layer, softmax output,
// cross-entropy loss, plain SGD) in a single exported call, so JavaScript crosses into WebAssembly
// once per minibatch. The same equations as src/engine/network.ts, with examples as ROWS here (each example's
// numbers are then contiguous for f32x4):
//   Z1ᵀ = Xᵀ·W1ᵀ + b1ᵀ, A1 = max(0, Z1)    Z2 = W2·A1 + b2, A2 = softmax(Z2)
//   dZ2 = (A2 − Y)/m   dW2 = dZ2·A1ᵀ   db2 = Σ dZ2   dZ1 = (W2ᵀ·dZ2) ⊙ [Z1 > 0]
//   dW1 = dZ1·Xᵀ       db1 = Σ dZ1     then W ← W − η·dW for every parameter.
// W1 is kept TRANSPOSED, W1t (inputs, H): a pixel's H weights are one contiguous row, so W1·X and
// the W1 update visit only the rows of the non-zero pixels. The training images are held once as
// lists of non-zero (pixel, value) pairs, about 150 of 784 per MNIST image. H is a multiple of 4
// (the JavaScript side pads the hidden layer with units whose weights are zero and stay zero).
//
// Two threads (./threads.ts, built with shared memory) split the HIDDEN UNITS: thread t owns the
// units [u0, u1): their rows of W1, b1 and columns of W2, their entries of A1 and dZ1. What a
// thread needs from the other is Z2, a sum over all units, and dZ2: each thread writes its part of
// Z2, they meet (barrier in ./sync.ts), each computes the softmax and dZ2 of half the examples, they
// meet again, and each does the backward pass and update of its units; they meet a third time at
// the end. One thread (the single-thread build, or the two-thread build before its helper joins)
// runs the same code owning every unit.
//
// The hidden units are split into PARTS (the module is always set up with two, whatever the
// number of threads): part k holds the units [partStart(k), partStart(k + 1)). W1t is stored as
// one (inputs, width) matrix per part, the parts one after the other: were the two threads' units
// side by side in every row, each core's prefetcher would keep pulling in the other's cache lines
// while both write theirs, and the W1 update would run at less than half speed. For the same
// reason each thread keeps its own A1 and dZ1, of which it fills only its units' columns.
//
// SAME NUMBERS ON ONE THREAD OR TWO: every sum whose order could depend on the thread count is
// taken part by part, then the parts are added in a fixed order. Z2 is each part's sum over its
// units, added part 0 first; the loss is each part's share of the examples, added likewise. A step
// on one thread does both parts itself, so it gives the bit-identical parameters of a step on two.
//
// MEMORY: the dataset first (its non-zero lists and each epoch's copy of them, laid out by the
// number of examples and non-zeros alone), then the network's buffers. setup() with another
// network shape or batch size moves only the network's buffers, so one copy of a dataset serves
// every network trained or measured on it.
import { barrier, BARRIER_BYTES } from "./sync";
import { madd } from "./madd";

let W1t: usize = 0, b1: usize = 0, W2: usize = 0, b2: usize = 0;
let A1: usize = 0, dZ1: usize = 0, Z2: usize = 0, dZ2: usize = 0, tallies: usize = 0;
let labels: usize = 0, offsets: usize = 0, nzPixel: usize = 0, nzValue: usize = 0;
let order: usize = 0, epochLabels: usize = 0, epochOffsets: usize = 0, epochPixel: usize = 0, epochValue: usize = 0;
let control: usize = 0;
let N0 = 0, H = 0, C = 0, MB = 0, parts = 1, layoutEnd: usize = 0;
let correctCount = 0;

// This thread's share of a step: its index, how many threads the step runs on, its parts of W1t
// [k0, k1) and their hidden units [u0, u1), where the step's examples start in the epoch's order.
let T = 0, k0 = 0, k1 = 1, u0 = 0, u1 = 0, first = 0;

@inline function f32At(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

/**
 * Lays out every buffer (the same offsets in every thread, since the arguments are the same): the
 * dataset's, then the network's for `partCount` parts. Returns the end of the last one; thread 0
 * grows the memory to fit, the others find it grown.
 */
export function setup(inputs: i32, hidden: i32, classes: i32, maxBatch: i32, examples: i32, nonZeros: i32, partCount: i32, thread: i32): usize {
  N0 = inputs; H = hidden; C = classes; MB = maxBatch; T = thread; parts = partCount;
  layoutEnd = (__heap_base + 63) & ~63;
  control = take(BARRIER_BYTES);
  labels = take(examples); offsets = take((examples + 1) * 4); nzPixel = take(nonZeros * 2); nzValue = take(nonZeros * 4);
  order = take(examples * 4); epochLabels = take(examples); epochOffsets = take((examples + 1) * 4);
  epochPixel = take(nonZeros * 2); epochValue = take(nonZeros * 4);
  W1t = take(inputs * H * 4); b1 = take(H * 4); W2 = take(C * H * 4); b2 = take(C * 4);
  A1 = take(parts * maxBatch * H * 4) + <usize>(thread * maxBatch * H * 4);
  dZ1 = take(parts * maxBatch * H * 4) + <usize>(thread * maxBatch * H * 4);
  Z2 = take(parts * maxBatch * C * 4); dZ2 = take(maxBatch * C * 4); tallies = take(parts * 64);
  const pages = <i32>((layoutEnd + 65535) >> 16) - memory.size();
  if (thread == 0 && pages > 0 && memory.grow(pages) < 0) return 0;
  return layoutEnd;
}

/** The next 64-byte-aligned buffer of `bytes` bytes (a cache line apart, so threads share none). */
function take(bytes: i32): usize {
  const p = layoutEnd;
  layoutEnd += (<usize>bytes + 63) & ~63;
  return p;
}

// Where JavaScript writes the parameters, the data and each epoch's order of the examples.
export function ptrW1t(): usize { return W1t; }
export function ptrB1(): usize { return b1; }
export function ptrW2(): usize { return W2; }
export function ptrB2(): usize { return b2; }
export function ptrOrder(): usize { return order; }
export function ptrLabels(): usize { return labels; }
export function ptrOffsets(): usize { return offsets; }
export function ptrNzPixel(): usize { return nzPixel; }
export function ptrNzValue(): usize { return nzValue; }
export function ptrControl(): usize { return control; }

/**
 * The first hidden unit of W1t's part k (k = parts gives H): the units in fours, split as evenly
 * as fours allow. Part k is an (inputs, width) matrix at ptrW1t() + inputs·partStart(k)·4 bytes.
 */
export function partStart(k: i32): i32 {
  return ((H >> 2) * k / parts) << 2;
}
/** How many examples of the last step the network classified correctly (before its update). */
export function lastCorrect(): i32 { return correctCount; }

/**
 * Puts the examples in this epoch's order (the example numbers JavaScript wrote at ptrOrder()): each
 * example's list of non-zeros is copied next to the previous one, so every minibatch reads one
 * contiguous stretch of memory instead of `count` scattered ones, which costs far more.
 */
export function arrange(examples: i32): void {
  arrangeOffsets(examples);
  arrangeLists(0, examples);
}

/** Where each example's list starts in this epoch's order (a running sum of the lengths), and its label. */
export function arrangeOffsets(examples: i32): void {
  store<i32>(epochOffsets, 0);
  for (let i = 0; i < examples; i++) {
    const e = load<i32>(f32At(order, i));
    const n = load<i32>(f32At(offsets, e + 1)) - load<i32>(f32At(offsets, e));
    store<i32>(f32At(epochOffsets, i + 1), load<i32>(f32At(epochOffsets, i)) + n);
    store<u8>(epochLabels + <usize>i, load<u8>(labels + <usize>e));
  }
}

/** Copies the lists of the examples at positions [from, to) of the order to their places (after arrangeOffsets). */
export function arrangeLists(from: i32, to: i32): void {
  for (let i = from; i < to; i++) {
    const e = load<i32>(f32At(order, i)), start = load<i32>(f32At(offsets, e)), at = load<i32>(f32At(epochOffsets, i));
    const n = load<i32>(f32At(epochOffsets, i + 1)) - at;
    memory.copy(epochPixel + (<usize>at << 1), nzPixel + (<usize>start << 1), <usize>n << 1);
    memory.copy(f32At(epochValue, at), f32At(nzValue, start), <usize>n << 2);
  }
}

/**
 * Thread t's part of the step on examples [start, start + count) of this epoch's order, shared by
 * `n` threads: the units it owns, then forward, loss, backward and update for them. Returns the
 * minibatch's mean loss.
 */
export function stepShare(start: i32, count: i32, learningRate: f32, n: i32): f64 {
  share(start, n);
  hiddenForward(count);
  partialOutput(count);
  barrier(control, n);
  softmaxAndLossOwnParts(count);
  barrier(control, n); // every example's row of dZ2 is ready
  const loss = addTallies(count);
  hiddenGradient(count);
  updateOutputLayer(count, learningRate);
  updateW1(count, learningRate);
  updateB1(count, learningRate);
  barrier(control, n); // the next step may rewrite Z2 only when both are done
  return loss;
}

/** This thread's share of a step from position `start` of the order on `n` threads (1 or `parts`). */
function share(start: i32, n: i32): void {
  first = start;
  k0 = T * parts / n; k1 = (T + 1) * parts / n;
  u0 = partStart(k0); u1 = partStart(k1);
}

/** The whole step on this thread alone. */
export function trainStep(start: i32, count: i32, learningRate: f32): f64 {
  return stepShare(start, count, learningRate, 1);
}

/**
 * The forward pass and loss alone, on this thread, for the examples start … start + count − 1 in
 * their own order (not an epoch's): the mean loss, and lastCorrect() the correct answers. For
 * measuring a network on a dataset; nothing is updated.
 */
export function lossStep(start: i32, count: i32): f64 {
  const arranged = epochOffsets, pixels = epochPixel, values = epochValue, orderedLabels = epochLabels;
  epochOffsets = offsets; epochPixel = nzPixel; epochValue = nzValue; epochLabels = labels;
  share(start, 1);
  hiddenForward(count);
  partialOutput(count);
  softmaxAndLossOwnParts(count);
  const loss = addTallies(count);
  epochOffsets = arranged; epochPixel = pixels; epochValue = values; epochLabels = orderedLabels;
  return loss;
}

/** A1[j, u0:u1] = max(0, b1 + Σ over example j's non-zero pixels p of x_p·W1t[p, u0:u1]), for every j. */
function hiddenForward(count: i32): void {
  for (let k = k0; k < k1; k++) {
    const end = partStart(k + 1), row = partRow(k);
    for (let j = 0; j < count; j++) {
      const from = load<i32>(f32At(epochOffsets, first + j)), to = load<i32>(f32At(epochOffsets, first + j + 1));
      const a1 = f32At(A1, j * H);
      let u = partStart(k);
      for (; u + 32 <= end; u += 32) hiddenForward32(from, to, a1, u, w1Column(k, u), row);
      for (; u < end; u += 4) hiddenForward4(from, to, a1, u, w1Column(k, u), row);
    }
  }
}

/** The address of unit u's weight for pixel 0 in W1t's part k; pixel p's is p·partRow(k) bytes on. */
@inline function w1Column(k: i32, u: i32): usize {
  const start = partStart(k);
  return f32At(W1t, N0 * start + u - start);
}

/** The bytes of one pixel's row in W1t's part k. */
@inline function partRow(k: i32): usize {
  return <usize>(partStart(k + 1) - partStart(k)) << 2;
}

/** 32 units of one example: their sums stay in eight registers while the pixels go by. */
function hiddenForward32(start: i32, end: i32, a1: usize, u: i32, column: usize, row: usize): void {
  const zero = f32x4.splat(0), bias = f32At(b1, u);
  let s0 = v128.load(bias), s1 = v128.load(bias, 16), s2 = v128.load(bias, 32), s3 = v128.load(bias, 48);
  let s4 = v128.load(bias, 64), s5 = v128.load(bias, 80), s6 = v128.load(bias, 96), s7 = v128.load(bias, 112);
  // walking pointers, with the buffers' addresses in locals: fewer instructions per pixel
  const last = f32At(epochValue, end);
  for (let value = f32At(epochValue, start), pixel = epochPixel + (<usize>start << 1); value < last; value += 4, pixel += 2) {
    const x = v128.load32_splat(value);
    const w = column + <usize>load<u16>(pixel) * row;
    s0 = madd(x, v128.load(w), s0);
    s1 = madd(x, v128.load(w, 16), s1);
    s2 = madd(x, v128.load(w, 32), s2);
    s3 = madd(x, v128.load(w, 48), s3);
    s4 = madd(x, v128.load(w, 64), s4);
    s5 = madd(x, v128.load(w, 80), s5);
    s6 = madd(x, v128.load(w, 96), s6);
    s7 = madd(x, v128.load(w, 112), s7);
  }
  const out = f32At(a1, u);
  // ReLU: one f32x4.pmax per four units (a single maxps; f32x4.max would add NaN and −0 handling)
  v128.store(out, f32x4.pmax(s0, zero)); v128.store(out, f32x4.pmax(s1, zero), 16);
  v128.store(out, f32x4.pmax(s2, zero), 32); v128.store(out, f32x4.pmax(s3, zero), 48);
  v128.store(out, f32x4.pmax(s4, zero), 64); v128.store(out, f32x4.pmax(s5, zero), 80);
  v128.store(out, f32x4.pmax(s6, zero), 96); v128.store(out, f32x4.pmax(s7, zero), 112);
}

function hiddenForward4(start: i32, end: i32, a1: usize, u: i32, column: usize, row: usize): void {
  let s0 = v128.load(f32At(b1, u));
  for (let q = start; q < end; q++) {
    const w = column + <usize>load<u16>(epochPixel + (<usize>q << 1)) * row;
    s0 = madd(v128.load32_splat(f32At(epochValue, q)), v128.load(w), s0);
  }
  v128.store(f32At(a1, u), f32x4.pmax(s0, f32x4.splat(0)));
}

/** Z2's part k for every example of this thread's parts: Σ over part k's units u of W2[c, u]·A1[j, u] (part 0 adds b2). */
function partialOutput(count: i32): void {
  for (let k = k0; k < k1; k++) {
    const z2 = Z2 + <usize>(k * MB * C * 4), from = partStart(k), to = partStart(k + 1);
    for (let j = 0; j < count; j++) {
      for (let c = 0; c < C; c++) {
        const bias: f32 = k == 0 ? load<f32>(f32At(b2, c)) : 0;
        store<f32>(f32At(z2, j * C + c), bias + dotUnits(f32At(W2, c * H), f32At(A1, j * H), from, to));
      }
    }
  }
}

/**
 * Σ over the units u in [from, to) of w[u]·a[u], in four partial sums: each f32x4.add waits for
 * the one before it in the same sum, so four independent sums keep the adder busy.
 */
function dotUnits(w: usize, a: usize, from: i32, to: i32): f32 {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let u = from;
  for (; u + 16 <= to; u += 16) {
    const wu = f32At(w, u), au = f32At(a, u);
    s0 = madd(v128.load(wu), v128.load(au), s0);
    s1 = madd(v128.load(wu, 16), v128.load(au, 16), s1);
    s2 = madd(v128.load(wu, 32), v128.load(au, 32), s2);
    s3 = madd(v128.load(wu, 48), v128.load(au, 48), s3);
  }
  for (; u < to; u += 4) s0 = madd(v128.load(f32At(w, u)), v128.load(f32At(a, u)), s0);
  const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

/** softmaxAndLoss for each of this thread's parts: part k takes the k-th of `parts` equal shares of the examples. */
function softmaxAndLossOwnParts(count: i32): void {
  for (let k = k0; k < k1; k++) softmaxAndLoss(count * k / parts, count * (k + 1) / parts, count, k);
}

/**
 * For the examples [from, to) of the step's `count`: z2 = the parts of Z2 added in a fixed order,
 * the stable softmax, the loss −log A2[y] as log Σ exp(z − max) − (z_y − max), a correct argmax
 * counted; writes their rows of dZ2 = (A2 − Y)/m and tally k of the loss and the correct answers.
 */
function softmaxAndLoss(from: i32, to: i32, count: i32, k: i32): void {
  let lossSum: f64 = 0, correct = 0;
  for (let j = from; j < to; j++) {
    const y = <i32>load<u8>(epochLabels + <usize>(first + j)), d = f32At(dZ2, j * C);
    let best: f32 = -Infinity, argmax = 0;
    for (let c = 0; c < C; c++) {
      let z: f32 = 0;
      for (let t = 0; t < parts; t++) z += load<f32>(f32At(Z2, (t * MB + j) * C + c));
      store<f32>(f32At(d, c), z);
      if (z > best) { best = z; argmax = c; }
    }
    if (argmax == y) correct++;
    const zy = load<f32>(f32At(d, y));
    let total: f32 = 0;
    for (let c = 0; c < C; c++) {
      const e = Mathf.exp(load<f32>(f32At(d, c)) - best);
      store<f32>(f32At(d, c), e);
      total += e;
    }
    lossSum += Math.log(<f64>total) - <f64>(zy - best);
    const scale: f32 = 1 / (total * <f32>count);
    for (let c = 0; c < C; c++) store<f32>(f32At(d, c), load<f32>(f32At(d, c)) * scale - (c == y ? 1 / <f32>count : 0));
  }
  store<f64>(tallies + <usize>(k * 64), lossSum);
  store<i32>(tallies + <usize>(k * 64), correct, 8);
}

/** The step's mean loss and (in correctCount) its correct answers, from the parts' tallies in order. */
function addTallies(count: i32): f64 {
  let lossSum: f64 = 0;
  correctCount = 0;
  for (let t = 0; t < parts; t++) {
    lossSum += load<f64>(tallies + <usize>(t * 64));
    correctCount += load<i32>(tallies + <usize>(t * 64), 8);
  }
  return lossSum / <f64>count;
}

/**
 * dZ1[j, u0:u1] = (W2ᵀ·dz2_j) ⊙ [A1 > 0]: the ReLU passes the gradient only where the unit was on.
 * Sixteen units at a time, in four independent sums (see dotOwnUnits), then the rest four at a time.
 */
function hiddenGradient(count: i32): void {
  for (let j = 0; j < count; j++) {
    const dz = f32At(dZ2, j * C);
    let u = u0;
    for (; u + 16 <= u1; u += 16) hiddenGradient16(dz, j, u);
    for (; u < u1; u += 4) hiddenGradient4(dz, j, u);
  }
}

function hiddenGradient16(dz: usize, j: i32, u: i32): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
  for (let c = 0; c < C; c++) {
    const d = v128.load32_splat(f32At(dz, c)), w = f32At(W2, c * H + u);
    s0 = madd(d, v128.load(w), s0);
    s1 = madd(d, v128.load(w, 16), s1);
    s2 = madd(d, v128.load(w, 32), s2);
    s3 = madd(d, v128.load(w, 48), s3);
  }
  const a = f32At(A1, j * H + u), out = f32At(dZ1, j * H + u), zero = f32x4.splat(0);
  v128.store(out, v128.and(s0, f32x4.gt(v128.load(a), zero)));
  v128.store(out, v128.and(s1, f32x4.gt(v128.load(a, 16), zero)), 16);
  v128.store(out, v128.and(s2, f32x4.gt(v128.load(a, 32), zero)), 32);
  v128.store(out, v128.and(s3, f32x4.gt(v128.load(a, 48), zero)), 48);
}

function hiddenGradient4(dz: usize, j: i32, u: i32): void {
  let s = f32x4.splat(0);
  for (let c = 0; c < C; c++) s = madd(v128.load32_splat(f32At(dz, c)), v128.load(f32At(W2, c * H + u)), s);
  v128.store(f32At(dZ1, j * H + u), v128.and(s, f32x4.gt(v128.load(f32At(A1, j * H + u)), f32x4.splat(0))));
}

/**
 * W2[:, u0:u1] −= η·dZ2·A1ᵀ after hiddenGradient has used the old W2; thread 0 also does b2 −= η·Σ dZ2.
 * Sixteen units of a row of W2 at a time, in four independent sums over the examples.
 */
function updateOutputLayer(count: i32, learningRate: f32): void {
  for (let c = 0; c < C; c++) {
    let u = u0;
    for (; u + 16 <= u1; u += 16) updateOutputRow16(f32At(dZ2, c), count, u, f32At(W2, c * H + u), learningRate);
    for (; u < u1; u += 4) updateOutputRow4(f32At(dZ2, c), count, u, f32At(W2, c * H + u), learningRate);
  }
  if (T != 0) return;
  for (let c = 0; c < C; c++) {
    let s: f32 = 0;
    for (let j = 0; j < count; j++) s += load<f32>(f32At(dZ2, j * C + c));
    store<f32>(f32At(b2, c), load<f32>(f32At(b2, c)) - learningRate * s);
  }
}

/** w[0:16] −= η·Σ_j dz[j·C]·A1[j, u:u+16], where dz points at class c's entry of example 0's dZ2 row. */
function updateOutputRow16(dz: usize, count: i32, u: i32, w: usize, learningRate: f32): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
  for (let j = 0; j < count; j++) {
    const d = v128.load32_splat(f32At(dz, j * C)), a = f32At(A1, j * H + u);
    s0 = madd(d, v128.load(a), s0);
    s1 = madd(d, v128.load(a, 16), s1);
    s2 = madd(d, v128.load(a, 32), s2);
    s3 = madd(d, v128.load(a, 48), s3);
  }
  const rate = f32x4.splat(learningRate);
  v128.store(w, f32x4.sub(v128.load(w), f32x4.mul(rate, s0)));
  v128.store(w, f32x4.sub(v128.load(w, 16), f32x4.mul(rate, s1)), 16);
  v128.store(w, f32x4.sub(v128.load(w, 32), f32x4.mul(rate, s2)), 32);
  v128.store(w, f32x4.sub(v128.load(w, 48), f32x4.mul(rate, s3)), 48);
}

function updateOutputRow4(dz: usize, count: i32, u: i32, w: usize, learningRate: f32): void {
  let s = f32x4.splat(0);
  for (let j = 0; j < count; j++) s = madd(v128.load32_splat(f32At(dz, j * C)), v128.load(f32At(A1, j * H + u)), s);
  v128.store(w, f32x4.sub(v128.load(w), f32x4.mul(f32x4.splat(learningRate), s)));
}

/** b1[u0:u1] −= η·Σ over the batch rows of dZ1: sixteen units at a time, in four independent sums. */
function updateB1(count: i32, learningRate: f32): void {
  const rate = f32x4.splat(learningRate);
  let u = u0;
  for (; u + 16 <= u1; u += 16) {
    let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
    for (let j = 0; j < count; j++) {
      const d = f32At(dZ1, j * H + u);
      s0 = f32x4.add(s0, v128.load(d)); s1 = f32x4.add(s1, v128.load(d, 16));
      s2 = f32x4.add(s2, v128.load(d, 32)); s3 = f32x4.add(s3, v128.load(d, 48));
    }
    const b = f32At(b1, u);
    v128.store(b, f32x4.sub(v128.load(b), f32x4.mul(rate, s0))); v128.store(b, f32x4.sub(v128.load(b, 16), f32x4.mul(rate, s1)), 16);
    v128.store(b, f32x4.sub(v128.load(b, 32), f32x4.mul(rate, s2)), 32); v128.store(b, f32x4.sub(v128.load(b, 48), f32x4.mul(rate, s3)), 48);
  }
  for (; u < u1; u += 4) {
    let s = f32x4.splat(0);
    for (let j = 0; j < count; j++) s = f32x4.add(s, v128.load(f32At(dZ1, j * H + u)));
    v128.store(f32At(b1, u), f32x4.sub(v128.load(f32At(b1, u)), f32x4.mul(rate, s)));
  }
}

/**
 * W1t[p, u0:u1] −= η·x_jp·dZ1[j, u0:u1] for every example j and each of its non-zero pixels p:
 * the update W1 −= η·dZ1·Xᵀ, one example at a time (dZ1 is complete by now, so the order does not
 * change the sum). −η·dZ1[j, 32 units] stays in eight registers while example j's rows go by.
 */
function updateW1(count: i32, learningRate: f32): void {
  const rate = f32x4.splat(-learningRate);
  for (let k = k0; k < k1; k++) {
    const end = partStart(k + 1), row = partRow(k);
    for (let j = 0; j < count; j++) {
      const from = load<i32>(f32At(epochOffsets, first + j)), to = load<i32>(f32At(epochOffsets, first + j + 1));
      const dz = f32At(dZ1, j * H);
      let u = partStart(k);
      for (; u + 32 <= end; u += 32) updateW1Example32(from, to, f32At(dz, u), w1Column(k, u), row, rate);
      for (; u < end; u += 4) updateW1Example4(from, to, f32At(dz, u), w1Column(k, u), row, rate);
    }
  }
}

function updateW1Example32(start: i32, end: i32, dz: usize, column: usize, row: usize, rate: v128): void {
  const d0 = f32x4.mul(rate, v128.load(dz)), d1 = f32x4.mul(rate, v128.load(dz, 16));
  const d2 = f32x4.mul(rate, v128.load(dz, 32)), d3 = f32x4.mul(rate, v128.load(dz, 48));
  const d4 = f32x4.mul(rate, v128.load(dz, 64)), d5 = f32x4.mul(rate, v128.load(dz, 80));
  const d6 = f32x4.mul(rate, v128.load(dz, 96)), d7 = f32x4.mul(rate, v128.load(dz, 112));
  const last = f32At(epochValue, end);
  for (let value = f32At(epochValue, start), pixel = epochPixel + (<usize>start << 1); value < last; value += 4, pixel += 2) {
    const x = v128.load32_splat(value);
    const w = column + <usize>load<u16>(pixel) * row;
    v128.store(w, madd(x, d0, v128.load(w)));
    v128.store(w, madd(x, d1, v128.load(w, 16)), 16);
    v128.store(w, madd(x, d2, v128.load(w, 32)), 32);
    v128.store(w, madd(x, d3, v128.load(w, 48)), 48);
    v128.store(w, madd(x, d4, v128.load(w, 64)), 64);
    v128.store(w, madd(x, d5, v128.load(w, 80)), 80);
    v128.store(w, madd(x, d6, v128.load(w, 96)), 96);
    v128.store(w, madd(x, d7, v128.load(w, 112)), 112);
  }
}

function updateW1Example4(start: i32, end: i32, dz: usize, column: usize, row: usize, rate: v128): void {
  const d0 = f32x4.mul(rate, v128.load(dz));
  for (let q = start; q < end; q++) {
    const w = column + <usize>load<u16>(epochPixel + (<usize>q << 1)) * row;
    v128.store(w, madd(v128.load32_splat(f32At(epochValue, q)), d0, v128.load(w)));
  }
}
