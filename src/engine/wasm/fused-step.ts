// The JavaScript side of the fused minibatch step (./assembly/step.ts): one call into WebAssembly per
// minibatch for the chapters' network [784, h, C] with ReLU and softmax. The network's parameters live
// in the module during training and are copied back into the MLP by writeBack() (train() does this at
// the end of every epoch and when it stops). Each training set is converted once into lists of its
// non-zero pixels, kept in the module's memory and reused by later runs on the same X. fusedLoss()
// runs the same forward pass alone, for evaluate().
//
// With `threads` (the two-thread build and a way to start a worker), the module's memory is shared
// and a helper thread can take half of the hidden units (./assembly/threads.ts). Steps run alone
// until it has joined; after that, on the number of threads ./thread-tuner.ts measures to be faster.
import type { Matrix } from '../matrix.ts';
import type { MLP } from '../network.ts';
import { threadTuner } from './thread-tuner.ts';

/** setup()'s arguments but the last (which thread this is). */
type SetupArgs = [inputs: number, hidden: number, classes: number, maxBatch: number, examples: number, nonZeros: number, threads: number];

/** The fused step's exports (see ./assembly/index.ts and ./assembly/threads.ts). */
interface StepExports {
  setup(inputs: number, hidden: number, classes: number, maxBatch: number, examples: number, nonZeros: number, threads: number, thread: number): number;
  /** The single-thread build (the two-thread one has leaderArrange). */
  arrange?(examples: number): void;
  lastCorrect(): number;
  partStart(k: number): number; ptrW1t(): number; ptrB1(): number; ptrW2(): number; ptrB2(): number; ptrOrder(): number;
  ptrLabels(): number; ptrOffsets(): number; ptrNzPixel(): number; ptrNzValue(): number;
  /** The single-thread build. */
  trainStep?(start: number, count: number, learningRate: number): number;
  lossStep?(start: number, count: number): number;
  /** The two-thread build, on the training thread. */
  leaderStep?(start: number, count: number, learningRate: number, threads: number): number;
  leaderThreads?(): number;
  leaderArrange?(examples: number): void;
  leaderOpen?(): void;
  leaderClose?(): void;
}

/** The two-thread build of the fused step and a way to start its helper thread. */
export interface StepThreads {
  /** kernels-threads.wasm: imports its memory, shared, as env.memory. */
  module: WebAssembly.Module;
  /** Has a thread (new, or one kept from earlier runs) call runHelper(module, memory, setupArgs) from ./step-helper.ts. */
  startHelper(module: WebAssembly.Module, memory: WebAssembly.Memory, setupArgs: number[]): void;
  /**
   * Run every step on both threads once the helper has joined. Without it, steps run on the
   * number of threads measured to be faster on this machine now (./thread-tuner.ts).
   */
  always?: boolean;
}

/** The most memory the two-thread build may grow to (pages of 64 KiB): 512 MiB, its --maximumMemory in package.json. */
const MAX_SHARED_PAGES = 8192;

export interface FusedStep {
  /** Takes the epoch's order of the examples (a permutation of 0 … m − 1). */
  arrange(order: Uint32Array): void;
  /**
   * Forward, loss, backward and SGD for the `count` examples from position `start` of the order;
   * the loss and how many were classified right.
   */
  step(start: number, count: number): { loss: number; correct: number };
  /** Copies the trained parameters into the MLP. */
  writeBack(): void;
  /** How many threads a step can run on now: 2 once a helper thread has joined, else 1. */
  threads(): number;
  /** How many steps have run on one thread and how many on two. */
  stepsOn(): { 1: number; 2: number };
  /** Ends the run: stops the helper thread, if any. */
  close(): void;
}

interface Loaded { fingerprint: number; exports: StepExports; memory: WebAssembly.Memory; setupArgs: SetupArgs }
// Per compiled module and X, one instance per network shape and batch size.
const loaded = new WeakMap<WebAssembly.Module, WeakMap<Matrix, Map<string, Loaded>>>();

/** The cached instances of `module` that hold X. */
function instancesFor(module: WebAssembly.Module, X: Matrix): Map<string, Loaded> {
  const byX = loaded.get(module) ?? new WeakMap<Matrix, Map<string, Loaded>>();
  loaded.set(module, byX);
  const instances = byX.get(X) ?? new Map<string, Loaded>();
  byX.set(X, instances);
  return instances;
}

/** Whether the fused step computes exactly this network's training step. */
function fits(net: MLP, X: Matrix, labels: ArrayLike<number>): boolean {
  const { sizes, activation, output } = net.config;
  if (sizes.length !== 3 || activation !== 'relu' || (output ?? 'softmax') !== 'softmax') return false;
  if (X.rows > 65536 || X.rows !== sizes[0]) return false;
  for (let e = 0; e < labels.length; e++) if (!(labels[e] >= 0 && labels[e] < sizes[2] && Number.isInteger(labels[e]))) return false;
  return sizes[2] <= 255;
}

/** How many entries of X fingerprint() reads: few enough to cost well under a millisecond. */
const FINGERPRINT_SAMPLES = 8192;

/**
 * A cheap check that X still holds the numbers its cached non-zero lists were built from: a weighted
 * sum of about 8,192 entries spread evenly through X. It catches changes to the whole of X made in
 * place (rescaling, centring); a changed single pixel can slip through, so make a new Matrix rather
 * than edit a training set. Each read is a cache miss, so their number is fixed, not a share of X.
 */
function fingerprint(X: Matrix): number {
  const { data } = X, step = Math.max(1, Math.floor(data.length / FINGERPRINT_SAMPLES)) | 1; // odd, so it visits odd and even columns
  let sum = 0;
  for (let i = 0; i < data.length; i += step) sum += data[i] * ((i % 7) + 1);
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

/** A module instance: the single-thread build with its own memory, or the two-thread one on a new shared memory. */
function instantiate(module: WebAssembly.Module, threads: StepThreads | undefined): { exports: StepExports; memory: WebAssembly.Memory } {
  if (!threads) {
    const { exports } = new WebAssembly.Instance(module, {});
    return { exports: exports as unknown as StepExports, memory: exports.memory as WebAssembly.Memory };
  }
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_SHARED_PAGES, shared: true });
  return { exports: new WebAssembly.Instance(threads.module, { env: { memory } }).exports as unknown as StepExports, memory };
}

/** A module instance holding X as per-example lists of (pixel, value), with room for this network. */
function load(module: WebAssembly.Module, threads: StepThreads | undefined, X: Matrix, labels: ArrayLike<number>, hidden: number, classes: number, maxBatch: number): Omit<Loaded, 'fingerprint'> {
  const { exports, memory } = instantiate(module, threads);
  const counts = countNonZeros(X);
  let total = 0;
  for (let e = 0; e < counts.length; e++) total += counts[e];
  const setupArgs: SetupArgs = [X.rows, hidden, classes, maxBatch, X.cols, total, threads ? 2 : 1];
  if (exports.setup(...setupArgs, 0) === 0) throw new RangeError('fused step: out of WebAssembly memory');
  const { buffer } = memory;
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
  return { exports, memory, setupArgs };
}

/**
 * Where W1t holds hidden unit i's weights: its weight for pixel p is at first[i] + p·stride[i].
 * W1t is stored in `parts` parts (one per thread, see ./assembly/step.ts): part k is an
 * (inputs, width) matrix of the units from partStart(k), and the parts follow one another.
 */
function w1Columns(wasm: StepExports, inputs: number, parts: number): { first: Int32Array; stride: Int32Array } {
  const H = wasm.partStart(parts), first = new Int32Array(H), stride = new Int32Array(H);
  for (let k = 0; k < parts; k++) {
    const start = wasm.partStart(k), end = wasm.partStart(k + 1);
    for (let i = start; i < end; i++) {
      first[i] = inputs * start + i - start;
      stride[i] = end - start;
    }
  }
  return { first, stride };
}

/**
 * The cached module instance holding X for this network shape, batch size and use ('train': the
 * fused step; 'measure': the forward pass alone, which must not overwrite a training run's
 * parameters), made when missing or when X has changed; its labels set to `labels`.
 */
function instanceFor(module: WebAssembly.Module, threads: StepThreads | undefined, X: Matrix, labels: ArrayLike<number>, net: MLP, maxBatch: number, use: 'train' | 'measure'): Loaded {
  const [, h, classes] = net.config.sizes;
  const H = Math.ceil(h / 4) * 4; // padded with units whose weights are 0 and stay 0
  const key = `${use},${H},${classes},${maxBatch}`;
  const instances = instancesFor(threads?.module ?? module, X);
  let entry = instances.get(key);
  const print = fingerprint(X);
  if (!entry || entry.fingerprint !== print) {
    entry = { ...load(module, threads, X, labels, H, classes, maxBatch), fingerprint: print };
    instances.set(key, entry);
  }
  new Uint8Array(entry.memory.buffer, entry.exports.ptrLabels(), X.cols).set(labels); // the same X may come with other labels
  return entry;
}

/**
 * The network's parameters in the module: copyIn() puts the MLP's there, copyOut() brings them
 * back. W1 (h, inputs) becomes W1t (inputs, H) in parts (see w1Columns), W2 (classes, h) becomes
 * (classes, H); the padding units' weights are 0.
 */
function parameters(entry: Loaded, net: MLP, inputs: number): { copyIn(): void; copyOut(): void } {
  const [, h, classes] = net.config.sizes, wasm = entry.exports, buffer = entry.memory.buffer;
  const H = wasm.partStart(entry.setupArgs[6]);
  const W1t = new Float32Array(buffer, wasm.ptrW1t(), inputs * H), b1 = new Float32Array(buffer, wasm.ptrB1(), H);
  const W2 = new Float32Array(buffer, wasm.ptrW2(), classes * H), b2 = new Float32Array(buffer, wasm.ptrB2(), classes);
  const [W1m, W2m] = net.W, [b1m, b2m] = net.b;
  const { first, stride } = w1Columns(wasm, inputs, entry.setupArgs[6]);
  return {
    copyIn() {
      W1t.fill(0); W2.fill(0); b1.fill(0);
      for (let i = 0; i < h; i++) {
        for (let p = 0, at = first[i], row = i * inputs; p < inputs; p++, at += stride[i]) W1t[at] = W1m.data[row + p];
      }
      for (let c = 0; c < classes; c++) W2.set(W2m.data.subarray(c * h, (c + 1) * h), c * H);
      b1.set(b1m.data);
      b2.set(b2m.data);
    },
    copyOut() {
      for (let i = 0; i < h; i++) {
        for (let p = 0, at = first[i], row = i * inputs; p < inputs; p++, at += stride[i]) W1m.data[row + p] = W1t[at];
      }
      for (let c = 0; c < classes; c++) W2m.data.set(W2.subarray(c * H, c * H + h), c * h);
      b1m.data.set(b1.subarray(0, h));
      b2m.data.set(b2);
    },
  };
}

/** How many examples each call of the forward pass alone takes when measuring. */
const MEASURE_BATCH = 250;

/**
 * The mean loss and the accuracy of `net` on (X, labels) by the fused forward pass, or null where
 * it does not apply (as fusedStep): evaluate() then runs the engine's own forward pass.
 */
export function fusedLoss(module: WebAssembly.Module, net: MLP, X: Matrix, labels: ArrayLike<number>): { loss: number; accuracy: number } | null {
  if (!fits(net, X, labels)) return null;
  const entry = instanceFor(module, undefined, X, labels, net, MEASURE_BATCH, 'measure');
  parameters(entry, net, X.rows).copyIn();
  let lossSum = 0, correct = 0;
  for (let start = 0; start < X.cols; start += MEASURE_BATCH) {
    const count = Math.min(MEASURE_BATCH, X.cols - start);
    lossSum += entry.exports.lossStep!(start, count) * count;
    correct += entry.exports.lastCorrect();
  }
  return { loss: lossSum / X.cols, accuracy: correct / X.cols };
}

/**
 * The fused step for `net` on (X, labels), or null when it does not apply (another architecture or
 * activation, or the WebAssembly module is not loaded): train() then runs the engine's own step.
 */
export function fusedStep(module: WebAssembly.Module, net: MLP, X: Matrix, labels: ArrayLike<number>, learningRate: number, maxBatch: number, threads?: StepThreads): FusedStep | null {
  if (!fits(net, X, labels)) return null;
  const entry = instanceFor(module, threads, X, labels, net, maxBatch, 'train');
  const wasm = entry.exports;
  const order = new Uint32Array(entry.memory.buffer, wasm.ptrOrder(), X.cols);
  const weights = parameters(entry, net, X.rows);
  const tuner = threads && !threads.always ? threadTuner() : null;
  const stepsOn = { 1: 0, 2: 0 };
  /** One step on the number of threads the tuner asks for (2 without a tuner), where a helper has joined. */
  const trainStep = (start: number, count: number): number => {
    if (!wasm.leaderStep) {
      stepsOn[1]++;
      return wasm.trainStep!(start, count, learningRate);
    }
    const wanted = tuner?.choose() ?? 2;
    const threads = wanted === 2 && wasm.leaderThreads!() === 2 ? 2 : 1;
    const started = performance.now();
    const loss = wasm.leaderStep(start, count, learningRate, threads);
    tuner?.record(threads, (performance.now() - started) / 1000, count);
    stepsOn[threads]++;
    return loss;
  };

  weights.copyIn();

  if (threads) {
    wasm.leaderOpen!();
    threads.startHelper(threads.module, entry.memory, [...entry.setupArgs, 1]);
  }

  return {
    arrange(shuffled) {
      order.set(shuffled);
      if (wasm.leaderArrange) wasm.leaderArrange(X.cols);
      else wasm.arrange!(X.cols);
    },
    step(start, count) {
      const loss = trainStep(start, count);
      return { loss, correct: wasm.lastCorrect() };
    },
    writeBack() {
      weights.copyOut();
    },
    threads() {
      return wasm.leaderThreads?.() ?? 1;
    },
    stepsOn() {
      return { ...stepsOn };
    },
    close() {
      wasm.leaderClose?.();
    },
  };
}
