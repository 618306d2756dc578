// The steps of one forward and one backward pass on a tiny network (4 → 3 → 2, m = 5: every size
// differs, so a shape such as (2, 5) can only mean classes × examples),
// for the BackpropStepper. Every value comes from the engine: the cache from
// MLP.forwardWithCache, dW and db from MLP.backward; the in-between matrices the
// engine does not return (dZ2, dA1, g′(Z1), dZ1) from the same engine ops it uses.
import {
  MLP,
  Matrix,
  activation,
  createRng,
  crossEntropy,
  formatShape,
  matmulTransA,
  mul,
  oneHot,
  softmaxCrossEntropyGrad,
  type ActivationName,
} from '../../src/engine';

export const SIZES = [4, 3, 2] as const;
export const M_EXAMPLES = 5;
/** The true class of each of the five example columns. */
export const LABELS = [1, 0, 0, 1, 1];

export interface BackpropStep {
  /** The computed matrix's code name, e.g. "dW2"; "start" for the opening step. */
  id: string;
  phase: 'start' | 'forward' | 'backward';
  /** The equation in the chapter's notation. */
  equation: string;
  /** How the shapes combine, e.g. "(2, 2)·(2, 3) → (2, 3)". */
  shapes: string;
  /** Code names of the matrices this step reads. */
  reads: string[];
  /** One sentence on why the step looks the way it does. */
  why: string;
}

export interface BackpropRun {
  steps: BackpropStep[];
  /** Every matrix by code name: X, Y, W1, b1, W2, b2, Z1, A1, …, db1. */
  values: Record<string, Matrix>;
  loss: number;
}

/** Display names with subscripts, as the chapter writes them. */
export const LABEL: Record<string, string> = {
  X: 'X', Y: 'Y', W1: 'W₁', b1: 'b₁', W2: 'W₂', b2: 'b₂',
  Z1: 'Z₁', A1: 'A₁', Z2: 'Z₂', A2: 'A₂',
  dZ2: 'dZ₂', dW2: 'dW₂', db2: 'db₂', dA1: 'dA₁', gPrimeZ1: 'g′(Z₁)', dZ1: 'dZ₁', dW1: 'dW₁', db1: 'db₁',
};

/** The matrices the forward pass keeps for the backward pass (the notes' forward_modified). */
export const CACHE = ['Z1', 'A1', 'Z2', 'A2'];

/** The seeded inputs: X (4, 5) with entries in [0, 1) like pixels, Y one-hot (2, 5). */
function inputs(seed: number): { X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  const X = new Matrix(SIZES[0], M_EXAMPLES);
  for (let p = 0; p < X.data.length; p++) X.data[p] = Math.round(rng.next() * 100) / 100;
  return { X, Y: oneHot(LABELS, SIZES[2]) };
}

export function backpropRun(g: ActivationName, seed: number): BackpropRun {
  const net = MLP.create({ sizes: [...SIZES], activation: g, init: 'xavier', seed });
  const { X, Y } = inputs(seed + 1);
  const cache = net.forwardWithCache(X);
  const grads = net.backward(cache, Y);
  const [Z1, Z2] = cache.Z;
  const [, A1, A2] = cache.A;
  const dZ2 = softmaxCrossEntropyGrad(A2, Y);
  const dA1 = matmulTransA(net.W[1], dZ2);
  const gPrimeZ1 = activation(g).df(Z1);
  const dZ1 = mul(dA1, gPrimeZ1);
  const values: Record<string, Matrix> = {
    X, Y, W1: net.W[0], b1: net.b[0], W2: net.W[1], b2: net.b[1],
    Z1, A1, Z2, A2, dZ2, dW2: grads.dW[1], db2: grads.db[1], dA1, gPrimeZ1, dZ1, dW1: grads.dW[0], db1: grads.db[0],
  };
  const s = (name: string) => formatShape(values[name].shape);
  const gName = g === 'relu' ? 'ReLU' : g === 'leakyRelu' ? 'leaky ReLU' : g;
  const steps: BackpropStep[] = [
    { id: 'start', phase: 'start', equation: 'X, Y and the parameters W₁, b₁, W₂, b₂',
      shapes: `X ${s('X')}, Y ${s('Y')}, W₁ ${s('W1')}, b₁ ${s('b1')}, W₂ ${s('W2')}, b₂ ${s('b2')}`,
      reads: ['X', 'Y', 'W1', 'b1', 'W2', 'b2'],
      why: `${M_EXAMPLES} examples, one per column of X; column j of Y is the one-hot label of example j (labels ${LABELS.join(', ')}).` },
    { id: 'Z1', phase: 'forward', equation: 'Z₁ = W₁·X + b₁', shapes: `${s('W1')}·${s('X')} + ${s('b1')} → ${s('Z1')}`,
      reads: ['W1', 'X', 'b1'], why: 'One row per hidden unit, one column per example; b₁ is broadcast across the columns.' },
    { id: 'A1', phase: 'forward', equation: `A₁ = g(Z₁), g = ${gName}`, shapes: `${s('Z1')} → ${s('A1')}`,
      reads: ['Z1'], why: 'g acts on every entry separately, so the shape does not change.' },
    { id: 'Z2', phase: 'forward', equation: 'Z₂ = W₂·A₁ + b₂', shapes: `${s('W2')}·${s('A1')} + ${s('b2')} → ${s('Z2')}`,
      reads: ['W2', 'A1', 'b2'], why: 'The logits: one row per class, one column per example.' },
    { id: 'A2', phase: 'forward', equation: 'A₂ = softmax(Z₂), column by column', shapes: `${s('Z2')} → ${s('A2')}`,
      reads: ['Z2'], why: 'Each column now sums to 1: the predicted probabilities for one example.' },
    { id: 'dZ2', phase: 'backward', equation: 'dZ₂ = (A₂ − Y) / m', shapes: `(${s('A2')} − ${s('Y')}) / ${M_EXAMPLES} → ${s('dZ2')}`,
      reads: ['A2', 'Y'], why: 'Softmax and cross-entropy together: the gradient of the loss with respect to the logits Z₂, averaged over the batch.' },
    { id: 'dW2', phase: 'backward', equation: 'dW₂ = dZ₂·A₁ᵀ', shapes: `${s('dZ2')}·${formatShape([A1.cols, A1.rows])} → ${s('dW2')}`,
      reads: ['dZ2', 'A1'], why: 'Needs A₁ from the forward pass. The product sums over the m examples; the 1/m is already in dZ₂. Same shape as W₂.' },
    { id: 'db2', phase: 'backward', equation: 'db₂ = Σ over the columns of dZ₂ (keep dims)', shapes: `${s('dZ2')} → ${s('db2')}`,
      reads: ['dZ2'], why: 'One number per bias: add each row across the batch. Same shape as b₂.' },
    { id: 'dA1', phase: 'backward', equation: 'dA₁ = W₂ᵀ·dZ₂', shapes: `${formatShape([net.W[1].cols, net.W[1].rows])}·${s('dZ2')} → ${s('dA1')}`,
      reads: ['W2', 'dZ2'], why: 'Sends the error back through the weights it came through: one row per hidden unit.' },
    { id: 'dZ1', phase: 'backward', equation: 'dZ₁ = dA₁ ⊙ g′(Z₁)', shapes: `${s('dA1')} ⊙ ${s('gPrimeZ1')} → ${s('dZ1')}`,
      reads: ['dA1', 'gPrimeZ1', 'Z1'], why: `Needs Z₁ from the forward pass: ⊙ multiplies entry by entry with the slope of ${gName} at each z.` },
    { id: 'dW1', phase: 'backward', equation: 'dW₁ = dZ₁·Xᵀ', shapes: `${s('dZ1')}·${formatShape([X.cols, X.rows])} → ${s('dW1')}`,
      reads: ['dZ1', 'X'], why: 'The same pattern as dW₂, one layer down. Same shape as W₁.' },
    { id: 'db1', phase: 'backward', equation: 'db₁ = Σ over the columns of dZ₁ (keep dims)', shapes: `${s('dZ1')} → ${s('db1')}`,
      reads: ['dZ1'], why: 'One number per hidden bias. Same shape as b₁. Every gradient is now known.' },
  ];
  return { steps, values, loss: crossEntropy(A2, Y) };
}
