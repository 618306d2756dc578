// Chapter 4's InitExplorer: random inputs pushed through a deep network (10 layers of 256 units),
// summarised layer by layer. The network, the forward pass and every statistic come from the engine;
// this file only picks the sizes and keeps what the widget draws. Used by the explorer's worker and,
// for the first view, at build time.
import { MLP, Matrix, createRng, histogram, layerStats, oneHot, type Histogram, type InitName } from '../engine/index.ts';

export const WIDTH = 256;
export const DEPTH = 10;
export const EXAMPLES = 64;

export type DeepAct = 'tanh' | 'relu';

export interface DeepSettings {
  act: DeepAct;
  init: InitName;
}

// tanh lives in (−1, 1); ReLU's outputs are ≥ 0 and, with a healthy scale, mostly below 3.
export const RANGE: Record<DeepAct, [number, number]> = { tanh: [-1, 1], relu: [0, 3] };

/** One hidden layer's activations, reduced to what the explorer shows (plain data: it crosses postMessage and page props). */
export interface LayerView {
  std: number;
  zeroFraction: number;
  hist: Histogram;
  /** The spread (standard deviation) of dW for the weights feeding this layer: dW1 for A1, … dW10 for A10. */
  gradStd: number;
}

export interface DeepView extends DeepSettings {
  layers: LayerView[];
}

/**
 * A1 … A10 of a 256-wide, 10-deep network on 64 random inputs x ~ N(0, 1), with the same seeds every
 * time, and the gradients dW1 … dW10 of one backward pass, for random labels (the spread of a gradient
 * at the start of training depends on the initialisation, not on what the labels are).
 */
export function deepActivations({ act, init }: DeepSettings): DeepView {
  const sizes = [WIDTH, ...Array(DEPTH).fill(WIDTH), 10];
  const net = MLP.create({ sizes, activation: act, init, seed: 4 });
  const rng = createRng(40);
  const X = Matrix.randn(WIDTH, EXAMPLES, rng);
  const Y = oneHot(Array.from({ length: EXAMPLES }, () => rng.int(10)), 10); // (10, 64)
  const cache = net.forwardWithCache(X);
  const { dW } = net.backward(cache, Y);
  const [lo, hi] = RANGE[act];
  // A[1] … A[DEPTH] are the hidden layers' activations; the last A is the softmax output.
  // dW[l] is the gradient of the weights that make A[l + 1].
  const layers = cache.A.slice(1, DEPTH + 1).map((Al, l) => {
    const { std, zeroFraction } = layerStats(Al);
    return { std, zeroFraction, hist: histogram(Al, lo, hi, 30, act === 'relu'), gradStd: layerStats(dW[l]).std };
  });
  return { act, init, layers };
}
