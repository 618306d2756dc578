// The JavaScript side of the fused minibatch step (./assembly/step.ts): one call into WebAssembly per
// minibatch for the chapters' network [784, h, C] with ReLU and softmax. The network's parameters live
// in the module during training and are copied back into the MLP by writeBack() (train() does this at
// the end of every epoch and when it stops). Each training set is converted once into lists of its
// non-zero pixels, kept in the module's memory and reused by later runs on the same X.
import type { Matrix } from '../matrix.ts';
import type { MLP } from '../network.ts';

/** The fused step's exports (see ./assembly/index.ts). */
interface StepExports {
  memory: WebAssembly.Memory;
  setup(inputs: number, hidden: number, classes: number, maxBatch: number, examples: number, nonZeros: number): number;
  trainStep(count: number, learningRate: number): number;
  lastCorrect(): number;
  ptrW1t(): number; ptrB1(): number; ptrW2(): number; ptrB2(): number; ptrBatch(): number;
  ptrLabels(): number; ptrOffsets(): number; ptrNzPixel(): number; ptrNzValue(): number;
}

export interface FusedStep {
  /** Forward, loss, backward and SGD for the examples `idx`; the loss and how many were classified right. */
  step(idx: Uint32Array): { loss: number; correct: number };
  /** Copies the trained parameters into the MLP. */
  writeBack(): void;
}

interface Loaded { key: string; fingerprint: number; exports: StepExports }
const loaded = new WeakMap<Matrix, Loaded>();

/** Whether the fused step computes exactly this network's training step. */
function fits(net: MLP, X: Matrix, labels: ArrayLike<number>): boolean {
  const { sizes, activation, output } = net.config;
  if (sizes.length !== 3 || activation !== 'relu' || (output ?? 'softmax') !== 'softmax') return false;
  if (X.rows > 65536 || X.rows !== sizes[0]) return false;
  for (let e = 0; e < labels.length; e++) if (!(labels[e] >= 0 && labels[e] < sizes[2] && Number.isInteger(labels[e]))) return false;
  return sizes[2] <= 255;
}

/**
 * A cheap check that X still holds the numbers its cached non-zero lists were built from: a weighted
 * sum over every 61st entry. It catches changes to the whole of X made in place (rescaling, centring);
 * a changed single pixel can slip through, so make a new Matrix rather than edit a training set.
 */
function fingerprint(X: Matrix): number {
  let sum = 0;
  for (let i = 0; i < X.data.length; i += 61) sum += X.data[i] * ((i % 7) + 1);
  return sum;
}

/** How many non-zero entries each column (example) of X has. */
function countNonZeros(X: Matrix): Int32Array {
  const counts = new Int32Array(X.cols), { data, cols } = X;
  for (let p = 0; p < X.rows; p++) {
    for (let e = 0, o = p * cols; e < cols; e++) if (data[o + e] !== 0) counts[e]++;
  }
  return counts;
}

/** A module instance holding X as per-example lists of (pixel, value), with room for this network. */
function load(module: WebAssembly.Module, X: Matrix, labels: ArrayLike<number>, hidden: number, classes: number, maxBatch: number): StepExports {
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as StepExports;
  const counts = countNonZeros(X);
  let total = 0;
  for (let e = 0; e < counts.length; e++) total += counts[e];
  if (exports.setup(X.rows, hidden, classes, maxBatch, X.cols, total) === 0) throw new RangeError('fused step: out of WebAssembly memory');
  const buffer = exports.memory.buffer;
  const offsets = new Int32Array(buffer, exports.ptrOffsets(), X.cols + 1);
  for (let e = 0; e < X.cols; e++) offsets[e + 1] = offsets[e] + counts[e];
  const pixel = new Uint16Array(buffer, exports.ptrNzPixel(), total), value = new Float32Array(buffer, exports.ptrNzValue(), total);
  const cursor = offsets.slice(0, X.cols), { data, cols } = X;
  for (let p = 0; p < X.rows; p++) {
    for (let e = 0, o = p * cols; e < cols; e++) {
      const v = data[o + e];
      if (v !== 0) { pixel[cursor[e]] = p; value[cursor[e]++] = v; }
    }
  }
  new Uint8Array(buffer, exports.ptrLabels(), X.cols).set(labels);
  return exports;
}

/**
 * The fused step for `net` on (X, labels), or null when it does not apply (another architecture or
 * activation, or the WebAssembly module is not loaded): train() then runs the engine's own step.
 */
export function fusedStep(module: WebAssembly.Module, net: MLP, X: Matrix, labels: ArrayLike<number>, learningRate: number, maxBatch: number): FusedStep | null {
  if (!fits(net, X, labels)) return null;
  const [, h, classes] = net.config.sizes;
  const H = Math.ceil(h / 4) * 4; // padded with units whose weights are 0 and stay 0
  const key = `${H},${classes},${maxBatch}`;
  let entry = loaded.get(X);
  const print = fingerprint(X);
  if (!entry || entry.key !== key || entry.fingerprint !== print) {
    entry = { key, fingerprint: print, exports: load(module, X, labels, H, classes, maxBatch) };
    loaded.set(X, entry);
  }
  const wasm = entry.exports, buffer = wasm.memory.buffer, inputs = X.rows;
  const W1t = new Float32Array(buffer, wasm.ptrW1t(), inputs * H), b1 = new Float32Array(buffer, wasm.ptrB1(), H);
  const W2 = new Float32Array(buffer, wasm.ptrW2(), classes * H), b2 = new Float32Array(buffer, wasm.ptrB2(), classes);
  const batch = new Int32Array(buffer, wasm.ptrBatch(), maxBatch);
  new Uint8Array(buffer, wasm.ptrLabels(), X.cols).set(labels); // the same X may come with other labels

  // W1 (h, inputs) → W1t (inputs, H); W2 (classes, h) → (classes, H); padding stays 0.
  const [W1m, W2m] = net.W, [b1m, b2m] = net.b;
  W1t.fill(0); W2.fill(0); b1.fill(0);
  for (let i = 0; i < h; i++) for (let p = 0; p < inputs; p++) W1t[p * H + i] = W1m.data[i * inputs + p];
  for (let c = 0; c < classes; c++) W2.set(W2m.data.subarray(c * h, (c + 1) * h), c * H);
  b1.set(b1m.data);
  b2.set(b2m.data);

  return {
    step(idx) {
      batch.set(idx);
      const loss = wasm.trainStep(idx.length, learningRate);
      return { loss, correct: wasm.lastCorrect() };
    },
    writeBack() {
      for (let i = 0; i < h; i++) for (let p = 0; p < inputs; p++) W1m.data[i * inputs + p] = W1t[p * H + i];
      for (let c = 0; c < classes; c++) W2m.data.set(W2.subarray(c * H, c * H + h), c * h);
      b1m.data.set(b1.subarray(0, h));
      b2m.data.set(b2);
    },
  };
}
