// Chapter 3's race: times the same product C = A·B computed several ways, off the main thread so
// the page never freezes. No maths here: the entries call the engine or the chapter's reference
// loops (src/engine/reference-matmul.ts). Adding a contestant = adding one entry to `entries`.
import { Matrix, createRng, matmul, matmulFlat, matmulFlatIKJ, matmulNested } from '../engine/index.ts';
import type { Kernels } from '../accel/index.ts';
import { loadWasmKernels } from '../accel/browser.ts';

export interface RaceRequest { n: number; k: number; m: number; seed: number }
export type RaceMessage =
  | { type: 'start'; entries: { id: string; label: string }[] }
  | { type: 'result'; id: string; label: string; ms: number; runs: number; maxDiff: number }
  | { type: 'done' }
  | { type: 'error'; message: string };

interface RaceEntry {
  id: string;
  label: string;
  /** Builds this entry's own copy of A and B (not timed); returns the timed product and a reader of its output. */
  prepare(A: Matrix, B: Matrix): { run(): void; result(): ArrayLike<number> };
}

const toNested = (M: Matrix): number[][] => M.toArray();

const entries: RaceEntry[] = [
  {
    id: 'nested',
    label: 'nested arrays, loops i-j-p',
    prepare(A, B) {
      const a = toNested(A), b = toNested(B);
      let C: number[][] = [];
      return { run: () => { C = matmulNested(a, b); }, result: () => C.flat() };
    },
  },
  {
    id: 'flat',
    label: 'Float32Array, loops i-j-p',
    prepare(A, B) {
      let c: ArrayLike<number> = new Float32Array(0);
      return { run: () => { c = matmulFlat(A.data, B.data, A.rows, A.cols, B.cols); }, result: () => c };
    },
  },
  {
    id: 'flat-ikj',
    label: 'Float32Array, loops i-k-j',
    prepare(A, B) {
      let c: ArrayLike<number> = new Float32Array(0);
      return { run: () => { c = matmulFlatIKJ(A.data, B.data, A.rows, A.cols, B.cols); }, result: () => c };
    },
  },
  {
    id: 'engine',
    label: 'engine matmul(A, B)',
    prepare(A, B) {
      let C = new Matrix(0, 0);
      return { run: () => { C = matmul(A, B); }, result: () => C.data };
    },
  },
];

/** A sample is `reps` back-to-back runs lasting at least MIN_SAMPLE_MS, so even a product of a few
 * microseconds spans many ticks of the browser's coarse timer. Shorter samples are not counted. */
const MIN_SAMPLE_MS = 10;
/** Keep sampling until this much time has been spent (or MAX_SAMPLES), then report the fastest sample. */
const BUDGET_MS = 300;
const MAX_SAMPLES = 15;

function sample(run: () => void, reps: number): number {
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) run();
  return performance.now() - t0;
}

function time(run: () => void): { ms: number; runs: number } {
  run(); // first run: lets the JIT compile the loop
  let reps = 1, best = Infinity, spent = 0, samples = 0, runs = 0;
  while (samples < 2 || (spent < BUDGET_MS && samples < MAX_SAMPLES)) {
    const t = sample(run, reps);
    spent += t;
    runs += reps;
    if (t < MIN_SAMPLE_MS) {
      reps *= 2; // too short to time on a coarse clock: more runs per sample
      continue;
    }
    best = Math.min(best, t / reps);
    samples++;
  }
  return { ms: best, runs };
}

function largestDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** The WebAssembly SIMD kernel (f32x4, 4×8 register tiles), raced on its own; absent without SIMD. */
function wasmEntry(wasm: Kernels): RaceEntry {
  return {
    id: 'wasm-simd',
    label: 'WebAssembly SIMD, 4×8 tiles in registers',
    prepare(A, B) {
      const c = new Float32Array(A.rows * B.cols);
      return { run: () => wasm.matmul(A.data, B.data, c, A.rows, A.cols, B.cols), result: () => c };
    },
  };
}

function race({ n, k, m, seed }: RaceRequest, entries: RaceEntry[]): void {
  const rng = createRng(seed);
  const A = Matrix.randn(n, k, rng), B = Matrix.randn(k, m, rng);
  const reference = matmul(A, B).data;
  post({ type: 'start', entries: entries.map(({ id, label }) => ({ id, label })) });
  for (const entry of entries) {
    const contestant = entry.prepare(A, B);
    const { ms, runs } = time(contestant.run);
    post({ type: 'result', id: entry.id, label: entry.label, ms, runs, maxDiff: largestDifference(contestant.result(), reference) });
  }
  post({ type: 'done' });
}

function post(message: RaceMessage): void {
  (self as unknown as Worker).postMessage(message);
}

self.onmessage = async (event: MessageEvent<RaceRequest>) => {
  const wasm = await loadWasmKernels();
  try {
    race(event.data, wasm ? [...entries, wasmEntry(wasm)] : entries);
  } catch (error) {
    post({ type: 'error', message: (error as Error).message });
  }
};
