// Chapter 9's slow-learning picture: one sigmoid neuron a = σ(w·x + b), one input x and its
// target y, trained by gradient descent twice from the same badly wrong start, once with squared
// error and once with binary cross-entropy. Every loss and gradient comes from the engine.
import { Matrix, binaryCrossEntropy, mse, mseGrad, mul, sigmoid, sigmoidBinaryCrossEntropyGrad } from '../../src/engine/index.ts';

export type LossName = 'mse' | 'ce';

export interface NeuronStart {
  w: number;
  b: number;
  x: number;
  y: number;
  learningRate: number;
  epochs: number;
}

/** Nielsen's example: x = 1 should give 0, but the neuron starts at a = σ(4) ≈ 0.98. */
export const BADLY_WRONG: NeuronStart = { w: 2, b: 2, x: 1, y: 0, learningRate: 0.15, epochs: 300 };
/** The same neuron started only mildly wrong, a = σ(1.5) ≈ 0.82, where σ′ is not yet tiny. */
export const MILDLY_WRONG: NeuronStart = { ...BADLY_WRONG, w: 0.6, b: 0.9 };

/** The neuron before each epoch's step (index 0 = the start). */
export interface Trajectory {
  w: number[];
  b: number[];
  z: number[];
  a: number[];
  loss: number[];
  /** σ′(z), the factor squared error keeps in its gradient and cross-entropy cancels. */
  sigmaPrime: number[];
  /** ∂ℓ/∂z: (a − y)·σ′(z) for squared error, a − y for cross-entropy. */
  dz: number[];
}

/** ∂ℓ/∂z of one example: the engine's dℓ/da times σ′(z) for squared error; its fused a − y for cross-entropy. */
export function gradientZ(loss: LossName, Z: Matrix, A: Matrix, Y: Matrix): Matrix {
  return loss === 'mse' ? mul(mseGrad(A, Y), sigmoid.df(Z)) : sigmoidBinaryCrossEntropyGrad(A, Y);
}

export function trainNeuron(loss: LossName, start: NeuronStart): Trajectory {
  const t: Trajectory = { w: [], b: [], z: [], a: [], loss: [], sigmaPrime: [], dz: [] };
  let { w, b } = start;
  const Y = Matrix.fromArray([[start.y]]); // (1, 1): one output, one example
  for (let epoch = 0; epoch <= start.epochs; epoch++) {
    const Z = Matrix.fromArray([[w * start.x + b]]);
    const A = sigmoid.f(Z);
    const dZ = gradientZ(loss, Z, A, Y);
    t.w.push(w);
    t.b.push(b);
    t.z.push(Z.data[0]);
    t.a.push(A.data[0]);
    t.loss.push(loss === 'mse' ? mse(A, Y) : binaryCrossEntropy(A, Y));
    t.sigmaPrime.push(sigmoid.df(Z).data[0]);
    t.dz.push(dZ.data[0]);
    // ∂ℓ/∂w = ∂ℓ/∂z · x and ∂ℓ/∂b = ∂ℓ/∂z; step against them
    w -= start.learningRate * dZ.data[0] * start.x;
    b -= start.learningRate * dZ.data[0];
  }
  return t;
}
