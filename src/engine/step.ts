// The seam between the training loop and the arithmetic of one minibatch. train() and evaluate()
// (train.ts) are written against the Stepper interface below; referenceStep is the readable
// TypeScript implementation the chapters teach: forwardWithCache → backward → sgdStep.
// A faster stepper (WebAssembly, src/accel) plugs in through the same interface, says what it
// cannot do, and must then leave the run to this one.
// The reference step trains either kind of network (networks.ts): an MLP or a CNN. A stepper
// declares the kinds it can step in `networks`; train() gives any other kind to the reference step.
import { CNN } from './cnn.ts';
import { checkKeep, dropoutMasks } from './dropout.ts';
import { argmax, columns, type Matrix } from './matrix.ts';
import { oneHot } from './metrics.ts';
import type { MLP } from './network.ts';
import { classesOf, forwardPass, kindOf, type Network, type NetworkKind } from './networks.ts';
import { checkOptimizer, createOptimizer, type OptimizerOptions } from './optimizers.ts';
import { createRng } from './random.ts';
import { checkWeightDecay, decayGradients } from './weight-decay.ts';

export interface Dataset {
  /** (784, m): one column per example (for a CNN, its input's C·H·W rows, channel by channel). */
  X: Matrix;
  labels: Uint8Array | number[];
}

/**
 * What a stepper is asked to compute: steps of `net` on `data` (the training options that shape a
 * step). N is the kind of network: a plain StepPlan is an MLP's, as every stepper before the CNN
 * took; StepPlan<Network> may hold either.
 */
export interface StepPlan<N extends Network = MLP> {
  net: N;
  data: Dataset;
  learningRate: number;
  /** The largest minibatch a step will be given. */
  batchSize: number;
  /** How gradients become updates (optimizers.ts); default plain SGD. */
  optimizer?: OptimizerOptions;
  /** L2 weight decay's λ (weight-decay.ts); default 0. */
  weightDecay?: number;
  /** Dropout's keep probability for hidden units (dropout.ts); default 1, nothing dropped. MLPs only. */
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

/**
 * N: the networks its plans hold. A Stepper (an MLP's) is only ever given an MLP's plan:
 * chooseStepper checks `networks` before it calls lacks or open.
 */
export interface Stepper<N extends Network = MLP> {
  /** How the result names it: 'TypeScript step', 'WebAssembly step'. */
  readonly name: string;
  readonly supports: readonly StepOption[];
  /** The kinds of network it can step; without this list, MLPs only. */
  readonly networks?: readonly NetworkKind[];
  /** Why this stepper cannot compute `plan`'s steps as the reference step does, or null when it can. */
  lacks(plan: StepPlan<N>): string | null;
  open(plan: StepPlan<N>): StepRun;
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

/**
 * The step the chapters derive, on the engine's own matrices. It can do everything the engine can,
 * for an MLP or a CNN (dropout for MLPs only: it drops dense hidden units).
 */
export const referenceStep: Stepper<Network> = {
  name: 'TypeScript step',
  supports: STEP_OPTIONS,
  networks: ['mlp', 'cnn'],
  lacks: () => null,
  open({ net, data, learningRate, optimizer = { name: 'sgd' }, weightDecay = 0, dropout = 1, seed = 0 }) {
    checkOptimizer(optimizer);
    checkWeightDecay(weightDecay);
    checkKeep(dropout);
    if (net instanceof CNN && dropout < 1) {
      throw new RangeError(`dropout: it drops an MLP's hidden units; a CNN trains here without it (keep 1, got ${dropout})`);
    }
    const classes = classesOf(net);
    const update = createOptimizer(optimizer); // its state (velocities, scales) lives as long as the run
    // Dropout's own stream of random numbers, apart from the shuffles' (seeded by the same seed)
    const masks = createRng(seed ^ 0x5eed_d0);
    let order: Uint32Array = new Uint32Array(0);
    /** The forward pass on the examples `idx`, keeping what backward needs; D: dropout's masks. */
    const forward = (idx: ArrayLike<number>, D?: Matrix[]) => {
      const labels = Array.from(idx, (j) => data.labels[j]);
      const Y = oneHot(labels, classes);
      const pass = forwardPass(net, columns(data.X, Array.from(idx)), D);
      const loss = net.lossFromLogits(pass.logits, Y);
      const correct = argmax(pass.output, 0).filter((guess, j) => guess === labels[j]).length; // argmax down each column: one guess per example
      return { pass, Y, loss, correct };
    };
    return {
      arrange(shuffled) {
        order = shuffled;
      },
      step(start, count) {
        const D = dropout < 1 && !(net instanceof CNN) ? dropoutMasks(net.config.sizes, count, dropout, masks) : undefined;
        const { pass, Y, loss, correct } = forward(order.subarray(start, start + count), D);
        const { dW, db } = pass.backward(Y);
        const dWJ = weightDecay > 0 ? decayGradients(dW, net.W, weightDecay) : dW; // a CNN's kernels decay like any weight
        // in the order of net.parameters(): W1, b1, W2, b2, … (a CNN's: K1, b1, …, W, b)
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
export function chooseStepper(
  wanted: Stepper | Stepper<Network>,
  plan: StepPlan<Network>,
  options: Partial<Record<StepOption, unknown>>,
): { stepper: Stepper<Network>; reason?: string } {
  const kind = kindOf(plan.net);
  if (!(wanted.networks ?? ['mlp']).includes(kind)) {
    return { stepper: referenceStep, reason: `the ${wanted.name} has no ${kind === 'cnn' ? 'convolutional networks' : 'MLPs'}` };
  }
  // it steps this kind of network, so it may be given this plan
  const able = wanted as Stepper<Network>;
  const asked = (name: StepOption) => options[name] !== undefined && !FEATURES[name]?.plain(options[name] as never);
  const missing = STEP_OPTIONS.find((name) => asked(name) && !wanted.supports.includes(name));
  const named = missing && (FEATURES[missing]?.named(options[missing] as never) ?? missing);
  const reason = missing ? `the ${wanted.name} has no ${named}` : able.lacks(plan);
  return reason ? { stepper: referenceStep, reason } : { stepper: able };
}
