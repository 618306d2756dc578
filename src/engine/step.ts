// The seam between the training loop and the arithmetic of one minibatch. train() and evaluate()
// (train.ts) are written against the Stepper interface below; referenceStep is the readable
// TypeScript implementation the chapters teach: forwardWithCache → backward → sgdStep.
// A faster stepper (WebAssembly, src/accel) plugs in through the same interface, says what it
// cannot do, and must then leave the run to this one.
import { argmax, columns, type Matrix } from './matrix.ts';
import { oneHot } from './metrics.ts';
import type { MLP } from './network.ts';

export interface Dataset {
  /** (784, m): one column per example. */
  X: Matrix;
  labels: Uint8Array | number[];
}

/** What a stepper is asked to compute: steps of `net` on `data` (the training options that shape a step). */
export interface StepPlan {
  net: MLP;
  data: Dataset;
  learningRate: number;
  /** The largest minibatch a step will be given. */
  batchSize: number;
}

/**
 * The training options that change what a step computes. A stepper must list each one it
 * implements in `supports`; given any other, train() runs the reference step instead and says why.
 */
export const STEP_OPTIONS = ['learningRate', 'batchSize'] as const;
export type StepOption = (typeof STEP_OPTIONS)[number];

export interface Stepper {
  /** How the result names it: 'TypeScript step', 'WebAssembly step'. */
  readonly name: string;
  readonly supports: readonly StepOption[];
  /** Why this stepper cannot compute `plan`'s steps as the reference step does, or null when it can. */
  lacks(plan: StepPlan): string | null;
  open(plan: StepPlan): StepRun;
}

/** The loss of a minibatch (its mean) and how many of its examples the network got right. */
export interface BatchResult {
  loss: number;
  correct: number;
}

/** One training run or measurement of one network on one dataset. */
export interface StepRun {
  /** Takes this epoch's order of the examples (a permutation of 0 … m − 1), before its steps. */
  arrange(order: Uint32Array): void;
  /** Forward, loss, backward and update on the examples at positions [start, start + count) of the order. */
  step(start: number, count: number): BatchResult;
  /** Forward and loss alone, nothing updated, on examples [start, start + count) in the dataset's own order. */
  measure(start: number, count: number): BatchResult;
  /** Makes the network hold the parameters the steps have reached (a fast step may keep its own copy). */
  readBack(): void;
  /** How many threads most steps ran on. */
  threads(): number;
  /** Ends the run and lets go of what it held (threads, buffers). */
  close(): void;
}

/** The step the chapters derive, on the engine's own matrices. It can do everything the engine can. */
export const referenceStep: Stepper = {
  name: 'TypeScript step',
  supports: STEP_OPTIONS,
  lacks: () => null,
  open({ net, data, learningRate }) {
    const classes = net.config.sizes[net.config.sizes.length - 1];
    let order: Uint32Array = new Uint32Array(0);
    /** The forward pass on the examples `idx`, keeping what backward needs. */
    const forward = (idx: ArrayLike<number>) => {
      const labels = Array.from(idx, (j) => data.labels[j]);
      const Y = oneHot(labels, classes);
      const cache = net.forwardWithCache(columns(data.X, Array.from(idx)));
      const AL = cache.A[cache.A.length - 1];
      const loss = net.lossFromLogits(cache.Z[cache.Z.length - 1], Y);
      const correct = argmax(AL, 0).filter((guess, j) => guess === labels[j]).length; // argmax down each column: one guess per example
      return { cache, Y, loss, correct };
    };
    return {
      arrange(shuffled) {
        order = shuffled;
      },
      step(start, count) {
        const { cache, Y, loss, correct } = forward(order.subarray(start, start + count));
        net.sgdStep(net.backward(cache, Y), learningRate);
        return { loss, correct };
      },
      measure(start, count) {
        const { loss, correct } = forward(Array.from({ length: count }, (_, i) => start + i));
        return { loss, correct };
      },
      readBack() {}, // the steps updated the network itself
      threads: () => 1,
      close() {},
    };
  },
};

/**
 * The stepper to run: `wanted` when it can compute this plan with these options, else the
 * reference step with the reason (for the result: "the WebAssembly step has no momentum").
 */
export function chooseStepper(wanted: Stepper, plan: StepPlan, options: Partial<Record<StepOption, unknown>>): { stepper: Stepper; reason?: string } {
  const missing = STEP_OPTIONS.find((name) => options[name] !== undefined && !wanted.supports.includes(name));
  const reason = missing ? `the ${wanted.name} has no ${missing}` : wanted.lacks(plan);
  return reason ? { stepper: referenceStep, reason } : { stepper: wanted };
}
