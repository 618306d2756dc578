// The WebAssembly step as a Stepper (the engine's seam, src/engine/step.ts): one call into
// WebAssembly per minibatch for the chapters' network [784, h, C] with ReLU and softmax
// (./assembly/step.ts: the same equations as the engine's network.ts). The network's parameters
// live in the module during a run and are copied back into the MLP by readBack().
//
// Memory: each dataset is converted once into lists of its non-zero pixels, in its own module
// instance, and reused by later runs on the same X (known by identity: give a new Matrix rather
// than edit one in place while a stepper holds it). A stepper holds at most MAX_HELD datasets,
// dropping the least recently used, and release() lets go of all of them.
//
// With `threads` (the two-thread build and a way to start a worker), each dataset's memory is
// shared and a helper thread can take half of the hidden units (./assembly/threads.ts). Steps run
// alone until it has joined; after that on the number of threads the tuner picks
// (./thread-tuner.ts). Both give bit-identical parameters (see ./assembly/step.ts), so the tuner
// changes only the speed.
import { type Matrix, type MLP, type StepPlan, type StepRun, type Stepper } from '../engine/index.ts';
import { MAX_SHARED_PAGES, PARTS } from './limits.ts';
import { threadTuner, type ThreadTuner } from './thread-tuner.ts';

/** The fused step's exports (see ./assembly/index.ts and ./assembly/threads.ts). */
interface StepExports {
  setup(inputs: number, hidden: number, classes: number, maxBatch: number, examples: number, nonZeros: number, parts: number, thread: number): number;
  /** The single-thread build (the two-thread one has leaderArrange). */
  arrange?(examples: number): void;
  lastCorrect(): number;
  partStart(k: number): number; ptrW1t(): number; ptrB1(): number; ptrW2(): number; ptrB2(): number; ptrOrder(): number;
  ptrLabels(): number; ptrOffsets(): number; ptrNzPixel(): number; ptrNzValue(): number;
  lossStep(start: number, count: number): number;
  /** The single-thread build. */
  trainStep?(start: number, count: number, learningRate: number): number;
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
  /** Decides each step's thread count once the helper has joined (default: a new threadTuner() per run). */
  tuner?: () => ThreadTuner;
}

/** A tuner that runs every step on two threads once the helper has joined (benchmarks, tests). */
export const alwaysTwo = (): ThreadTuner => ({ choose: () => 2, record() {} });

/** A training, a validation and a test set. */
const MAX_HELD = 3;

/** The stepper's own calls, for tests and the benchmark. */
export interface WasmStepper extends Stepper {
  /** How many datasets' non-zero lists it holds now (at most MAX_HELD). */
  held(): number;
  /** Lets go of every dataset it holds that no run is using. */
  release(): void;
  /** How many threads the latest training run's next step can use: 2 once its helper has joined. */
  readyThreads(): number;
}

/** setup()'s arguments but the last (which thread this is). */
type SetupArgs = [inputs: number, hidden: number, classes: number, maxBatch: number, examples: number, nonZeros: number, parts: number];

/** One dataset's module instance: its non-zero lists, and the network buffers of the last layout. */
interface Held {
  exports: StepExports;
  memory: WebAssembly.Memory;
  setupArgs: SetupArgs;
  /** The run using it, if any: a second run on the same copy would overwrite the first's parameters. */
  busy: boolean;
}

export function wasmStepper(module: WebAssembly.Module, threads?: StepThreads): WasmStepper {
  const held = new Map<Matrix, Held>(); // oldest first
  let latest: Held | null = null;

  function hold(X: Matrix, labels: ArrayLike<number>): Held {
    let entry = held.get(X);
    if (entry) held.delete(X);
    entry ??= load(module, threads, X, labels);
    held.set(X, entry); // now the most recently used
    for (const [other, { busy }] of held) if (held.size > MAX_HELD && !busy && other !== X) held.delete(other);
    return entry;
  }

  return {
    name: 'WebAssembly step',
    supports: ['learningRate', 'batchSize'],
    lacks: (plan) => lacks(plan) ?? (held.get(plan.data.X)?.busy ? 'another run is using its copy of this dataset' : null),
    open(plan) {
      const entry = hold(plan.data.X, plan.data.labels);
      entry.busy = true;
      latest = entry;
      const run = openRun(entry, plan, threads);
      return { ...run, close() { run.close(); entry.busy = false; } };
    },
    held: () => held.size,
    readyThreads: () => (latest?.busy ? latest.exports.leaderThreads?.() ?? 1 : 1),
    release() {
      for (const [X, { busy }] of held) if (!busy) held.delete(X);
    },
  };
}

/** Why the fused step cannot compute this plan exactly as the reference step does, or null. */
function lacks({ net, data }: StepPlan): string | null {
  const { sizes, activation, output } = net.config;
  if (sizes.length !== 3) return `the WebAssembly step has one hidden layer, not ${sizes.length - 2}`;
  if (activation !== 'relu') return `the WebAssembly step has ReLU hidden units only, not ${activation}`;
  if ((output ?? 'softmax') !== 'softmax') return `the WebAssembly step has a softmax output only, not ${output}`;
  if (data.X.rows !== sizes[0]) return `the network reads ${sizes[0]} inputs but X has ${data.X.rows} rows`;
  if (sizes[0] > 65536 || sizes[2] > 255) return 'the WebAssembly step takes at most 65,536 inputs and 255 classes';
  const { labels } = data;
  for (let e = 0; e < labels.length; e++) {
    if (!(Number.isInteger(labels[e]) && labels[e] >= 0 && labels[e] < sizes[2])) return `label ${labels[e]} is not a class 0 … ${sizes[2] - 1}`;
  }
  return null;
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

/** A module instance holding X as per-example lists of (pixel, value); its network buffers are laid out by openRun. */
function load(module: WebAssembly.Module, threads: StepThreads | undefined, X: Matrix, labels: ArrayLike<number>): Held {
  const { exports, memory } = instantiate(module, threads);
  const counts = countNonZeros(X);
  let total = 0;
  for (let e = 0; e < counts.length; e++) total += counts[e];
  const setupArgs: SetupArgs = [X.rows, 4, 1, 1, X.cols, total, PARTS]; // the smallest network: the data's place is all that matters yet
  if (exports.setup(...setupArgs, 0) === 0) throw new RangeError('WebAssembly step: out of memory');
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
  return { exports, memory, setupArgs, busy: false };
}

/**
 * Where W1t holds hidden unit i's weights: its weight for pixel p is at first[i] + p·stride[i].
 * W1t is stored in PARTS parts (see ./assembly/step.ts): part k is an (inputs, width) matrix of
 * the units from partStart(k), and the parts follow one another.
 */
function w1Columns(wasm: StepExports, inputs: number): { first: Int32Array; stride: Int32Array } {
  const H = wasm.partStart(PARTS), first = new Int32Array(H), stride = new Int32Array(H);
  for (let k = 0; k < PARTS; k++) {
    const start = wasm.partStart(k), end = wasm.partStart(k + 1);
    for (let i = start; i < end; i++) {
      first[i] = inputs * start + i - start;
      stride[i] = end - start;
    }
  }
  return { first, stride };
}

/**
 * The network's parameters in the module: copyIn() puts the MLP's there, copyOut() brings them
 * back. W1 (h, inputs) becomes W1t (inputs, H) in parts (see w1Columns), W2 (classes, h) becomes
 * (classes, H); the padding units' weights are 0 and stay 0.
 */
function parameters(entry: Held, net: MLP): { copyIn(): void; copyOut(): void } {
  const [inputs, h, classes] = net.config.sizes, wasm = entry.exports, buffer = entry.memory.buffer;
  const H = wasm.partStart(PARTS);
  const W1t = new Float32Array(buffer, wasm.ptrW1t(), inputs * H), b1 = new Float32Array(buffer, wasm.ptrB1(), H);
  const W2 = new Float32Array(buffer, wasm.ptrW2(), classes * H), b2 = new Float32Array(buffer, wasm.ptrB2(), classes);
  const [W1m, W2m] = net.W, [b1m, b2m] = net.b;
  const { first, stride } = w1Columns(wasm, inputs);
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

/** Lays out the network's buffers for this plan (when the last run's differ), writes the labels and the parameters in. */
function openRun(entry: Held, plan: StepPlan, threads: StepThreads | undefined): StepRun {
  const { net, data, learningRate } = plan;
  const [, h, classes] = net.config.sizes;
  const H = Math.ceil(h / 4) * 4; // padded with units whose weights are 0 and stay 0
  const [inputs, , , , examples, nonZeros] = entry.setupArgs;
  const setupArgs: SetupArgs = [inputs, H, classes, plan.batchSize, examples, nonZeros, PARTS];
  if (setupArgs.some((v, i) => v !== entry.setupArgs[i])) {
    if (entry.exports.setup(...setupArgs, 0) === 0) throw new RangeError('WebAssembly step: out of memory');
    entry.setupArgs = setupArgs;
  }
  const wasm = entry.exports, buffer = entry.memory.buffer;
  new Uint8Array(buffer, wasm.ptrLabels(), examples).set(data.labels); // the same X may come with other labels
  const order = new Uint32Array(buffer, wasm.ptrOrder(), examples);
  const weights = parameters(entry, net);
  weights.copyIn();
  const tuner = threads ? (threads.tuner ?? threadTuner)() : null;
  const stepsOn = { 1: 0, 2: 0 };
  let helperStarted = false;

  /** One step on the number of threads the tuner asks for, where a helper has joined. */
  const trainStep = (start: number, count: number): number => {
    if (!wasm.leaderStep) {
      stepsOn[1]++;
      return wasm.trainStep!(start, count, learningRate);
    }
    const on = tuner!.choose() === 2 && wasm.leaderThreads!() === 2 ? 2 : 1;
    const started = performance.now();
    const loss = wasm.leaderStep(start, count, learningRate, on);
    tuner!.record(on, (performance.now() - started) / 1000, count);
    stepsOn[on]++;
    return loss;
  };

  return {
    arrange(shuffled) {
      if (threads && !helperStarted) {
        // a measurement never arranges, so only training runs start a helper
        helperStarted = true;
        wasm.leaderOpen!();
        threads.startHelper(threads.module, entry.memory, [...setupArgs, 1]);
      }
      order.set(shuffled);
      if (wasm.leaderArrange) wasm.leaderArrange(examples);
      else wasm.arrange!(examples);
    },
    step(start, count) {
      const loss = trainStep(start, count);
      return { loss, correct: wasm.lastCorrect() };
    },
    measure(start, count) {
      let lossSum = 0, correct = 0;
      for (let at = start; at < start + count; at += plan.batchSize) {
        const n = Math.min(plan.batchSize, start + count - at);
        lossSum += wasm.lossStep(at, n) * n;
        correct += wasm.lastCorrect();
      }
      return { loss: lossSum / count, correct };
    },
    readBack() {
      weights.copyOut();
    },
    threads() {
      return stepsOn[2] > stepsOn[1] ? 2 : 1;
    },
    close() {
      if (helperStarted) wasm.leaderClose!();
    },
  };
}
