// The seam between the training loop and the arithmetic of one minibatch. train() and evaluate()
// (train.ts) are written against the Stepper interface below; referenceStep is the readable
// TypeScript implementation the chapters teach: forwardWithCache → backward → sgdStep.
// A faster stepper (WebAssembly, src/accel) plugs in through the same interface, says what it
// cannot do, and must then leave the run to this one.
import { checkKeep, dropoutMasks } from './dropout.ts';
import { argmax, columns, type Matrix } from './matrix.ts';
import { oneHot } from './metrics.ts';
import type { MLP } from './network.ts';
import { checkOptimizer, createOptimizer, type OptimizerOptions } from './optimizers.ts';
import { createRng } from './random.ts';
import { checkWeightDecay, decayGradients } from './weight-decay.ts';

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
  /** How gradients become updates (optimizers.ts); default plain SGD. */
  optimizer?: OptimizerOptions;
  /** L2 weight decay's λ (weight-decay.ts); default 0. */
  weightDecay?: number;
  /** Dropout's keep probability for hidden units (dropout.ts); default 1, nothing dropped. */
  dropout?: number;
  /** Seeds dropout's masks. */
  seed?: number;
}

/**
 * The training options that change what a step computes. A stepper must list each one it
 * implements in `supports`; given any other, train() runs the reference step instead and says why.
 */
export const STEP_OPTIONS = ['learningRate', 'batchSize', 'optimizer', 'weightDecay', 'dropout'] as const;
export type StepOption = (typeof STEP_OPTIONS)[number];

/**
 * What each option is called in a reason, and its value that asks for nothing new (a stepper
 * without the feature computes exactly that): plain SGD, λ = 0, keep = 1.
 */
const FEATURES: Partial<Record<StepOption, { plain: (value: never) => boolean; named: (value: never) => string }>> = {
  optimizer: {
    plain: (o: OptimizerOptions) => o.name === 'sgd',
    named: (o: OptimizerOptions) => ({ sgd: 'SGD', momentum: 'momentum', rmsprop: 'RMSProp', adam: 'Adam' })[o.name],
  },
  weightDecay: { plain: (lambda: number) => lambda === 0, named: () => 'weight decay' },
  dropout: { plain: (keep: number) => keep === 1, named: () => 'dropout' },
};

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
  open({ net, data, learningRate, optimizer = { name: 'sgd' }, weightDecay = 0, dropout = 1, seed = 0 }) {
    checkOptimizer(optimizer);
    checkWeightDecay(weightDecay);
    checkKeep(dropout);
    const classes = net.config.sizes[net.config.sizes.length - 1];
    const update = createOptimizer(optimizer); // its state (velocities, scales) lives as long as the run
    // Dropout's own stream of random numbers, apart from the shuffles' (seeded by the same seed)
    const masks = createRng(seed ^ 0x5eed_d0);
    let order: Uint32Array = new Uint32Array(0);
    /** The forward pass on the examples `idx`, keeping what backward needs; D: dropout's masks. */
    const forward = (idx: ArrayLike<number>, D?: Matrix[]) => {
      const labels = Array.from(idx, (j) => data.labels[j]);
      const Y = oneHot(labels, classes);
      const cache = net.forwardWithCache(columns(data.X, Array.from(idx)), D);
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
        const D = dropout < 1 ? dropoutMasks(net.config.sizes, count, dropout, masks) : undefined;
        const { cache, Y, loss, correct } = forward(order.subarray(start, start + count), D);
        const { dW, db } = net.backward(cache, Y);
        const dWJ = weightDecay > 0 ? decayGradients(dW, net.W, weightDecay) : dW;
        // in the order of net.parameters(): W1, b1, W2, b2, …
        update.step(net.parameters(), dWJ.flatMap((dWl, l) => [dWl, db[l]]), learningRate);
        // the loss reported is the data's alone (no penalty), comparable with the validation loss
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
  const asked = (name: StepOption) => options[name] !== undefined && !FEATURES[name]?.plain(options[name] as never);
  const missing = STEP_OPTIONS.find((name) => asked(name) && !wanted.supports.includes(name));
  const named = missing && (FEATURES[missing]?.named(options[missing] as never) ?? missing);
  const reason = missing ? `the ${wanted.name} has no ${named}` : wanted.lacks(plan);
  return reason ? { stepper: referenceStep, reason } : { stepper: wanted };
}
