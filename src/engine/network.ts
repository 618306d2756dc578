// A multilayer perceptron in the chapters' notation. Examples are columns.
// For sizes [784, h, 10]:
//   Z1 = W1·X + b1    (h, m)      A1 = g(Z1)
//   Z2 = W2·A1 + b2   (10, m)     A2 = softmax(Z2)
// In code the layers are counted from 0: W[0] is W1, b[0] is b1, W[1] is W2.
import { activation, sigmoid, type Activation, type ActivationName } from './activations.ts';
import { initWeights, initialisers, type InitName } from './init.ts';
import {
  binaryCrossEntropy,
  binaryCrossEntropyFromLogits,
  crossEntropy,
  crossEntropyFromLogits,
  sigmoidBinaryCrossEntropyGrad,
  softmaxCrossEntropyGrad,
} from './loss.ts';
import { matmul, matmulTransA, matmulTransB } from './matmul.ts';
import { Matrix, ShapeError, add, formatShape, mul, sum } from './matrix.ts';
import { createRng } from './random.ts';
import { softmax } from './softmax.ts';

export interface MLPConfig {
  /** Units per layer, input first: [784, 32, 10]. */
  sizes: number[];
  /** The hidden layers' activation g. */
  activation: ActivationName;
  /** Leaky ReLU's slope for z ≤ 0 (default 0.01). */
  alpha?: number;
  init: InitName;
  seed: number;
  /** softmax + cross-entropy (default), or a sigmoid per unit + binary cross-entropy. */
  output?: 'softmax' | 'sigmoid';
}

/**
 * Everything the forward pass computed, kept for the backward pass (the notes'
 * "forward_modified"). With L layers:
 *   A[0] = X;  Z[l] = W[l]·A[l] + b[l];  A[l + 1] = g(Z[l]).
 * So for [784, h, 10]: Z[0] = Z1, A[1] = A1, Z[1] = Z2, A[2] = A2.
 */
export interface ForwardCache {
  Z: Matrix[];
  A: Matrix[];
  /** Dropout's masks, one per hidden layer (D[0] = D1, the shape of A1), when the pass dropped units. */
  D?: Matrix[];
}

/** dW[l] and db[l] have exactly the shapes of W[l] and b[l]. */
export interface Gradients {
  dW: Matrix[];
  db: Matrix[];
}

export interface NetworkJSON {
  format: 'nn-from-scratch/mlp';
  version: 1;
  config: MLPConfig;
  W: { rows: number; cols: number; data: number[] }[];
  b: { rows: number; cols: number; data: number[] }[];
}

export class MLP {
  readonly config: MLPConfig;
  readonly W: Matrix[];
  readonly b: Matrix[];
  private readonly g: Activation;

  /** Use MLP.create or MLP.fromJSON. */
  constructor(config: MLPConfig, W: Matrix[], b: Matrix[]) {
    this.config = config;
    this.W = W;
    this.b = b;
    this.g = activation(config.activation, config.alpha);
  }

  /** Weights from the chosen initialiser (seeded), biases zero. */
  static create(config: MLPConfig): MLP {
    checkConfig(config);
    const rng = createRng(config.seed);
    const { sizes } = config;
    const W: Matrix[] = [];
    const b: Matrix[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      W.push(initWeights(config.init, sizes[l + 1], sizes[l], rng)); // (n_out, n_in)
      b.push(Matrix.zeros(sizes[l + 1], 1)); // (n_out, 1)
    }
    return new MLP({ ...config, sizes: [...sizes] }, W, b);
  }

  get layers(): number {
    return this.W.length;
  }

  /** The output A_L, e.g. A2 (10, m): one column of probabilities per example. */
  forward(X: Matrix): Matrix {
    const { A } = this.forwardWithCache(X);
    return A[A.length - 1];
  }

  /**
   * Runs the forward pass and keeps every Z and A (see ForwardCache for the indexing). With
   * dropout's masks D (see dropout.ts: entries 0 or 1/keep), each hidden layer's output is
   * multiplied by its mask, A1 = g(Z1) ⊙ D1: training only; prediction passes no masks.
   */
  forwardWithCache(X: Matrix, D?: Matrix[]): ForwardCache {
    if (X.rows !== this.config.sizes[0]) {
      throw new ShapeError(
        `forward: X is ${formatShape(X.shape)} but the network expects ${this.config.sizes[0]} rows (one column per example)`,
      );
    }
    const Z: Matrix[] = [];
    const A: Matrix[] = [X];
    for (let l = 0; l < this.layers; l++) {
      // Z1 = W1·X + b1: (h, 784)·(784, m) → (h, m), plus b1 (h, 1) broadcast over the m columns
      Z.push(add(matmul(this.W[l], A[l]), this.b[l]));
      if (this.isOutput(l)) A.push(this.outputActivation(Z[l]));
      else A.push(D ? mul(this.g.f(Z[l]), mask(D, l, Z[l])) : this.g.f(Z[l]));
    }
    return D ? { Z, A, D } : { Z, A };
  }

  /** The loss of output A_L against one-hot Y, averaged over the batch. */
  loss(AL: Matrix, Y: Matrix): number {
    return this.config.output === 'sigmoid' ? binaryCrossEntropy(AL, Y) : crossEntropy(AL, Y);
  }

  /**
   * The same loss computed from the output layer's logits Z_L, exact even where
   * A_L rounds to 0 or 1 (no clipping), so a blown-up network shows a blown-up loss.
   */
  lossFromLogits(ZL: Matrix, Y: Matrix): number {
    return this.config.output === 'sigmoid' ? binaryCrossEntropyFromLogits(ZL, Y) : crossEntropyFromLogits(ZL, Y);
  }

  /** The loss of knowing nothing (every output equal): ln(classes) for softmax, classes·ln 2 for sigmoid. */
  chanceLoss(): number {
    const classes = this.config.sizes[this.config.sizes.length - 1];
    return this.config.output === 'sigmoid' ? classes * Math.LN2 : Math.log(classes);
  }

  /** Backpropagation: the gradient of the batch-averaged loss for every W and b. */
  backward(cache: ForwardCache, Y: Matrix): Gradients {
    const { Z, A, D } = cache;
    const L = this.layers;
    const dW: Matrix[] = new Array(L);
    const db: Matrix[] = new Array(L);
    // Output layer, e.g. dZ2 = (A2 − Y)/m  (10, m): softmax and cross-entropy together.
    let dZ = this.config.output === 'sigmoid'
      ? sigmoidBinaryCrossEntropyGrad(A[L], Y)
      : softmaxCrossEntropyGrad(A[L], Y);
    for (let l = L - 1; l >= 0; l--) {
      // dW2 = dZ2·A1ᵀ: (10, m)·(m, h) → (10, h). The 1/m is already inside dZ2.
      dW[l] = matmulTransB(dZ, A[l]);
      // db2 = Σ over the batch of dZ2, keeping dims: (10, m) → (10, 1), one number per bias.
      db[l] = sum(dZ, 1, true);
      if (l > 0) {
        // dA1 = W2ᵀ·dZ2: (h, 10)·(10, m) → (h, m)
        let dA = matmulTransA(this.W[l], dZ);
        // with dropout, A1 = g(Z1) ⊙ D1, so the gradient reaches g(Z1) through the same mask
        if (D) dA = mul(dA, D[l - 1]);
        // dZ1 = dA1 ⊙ g′(Z1)  (h, m)
        dZ = mul(dA, this.g.df(Z[l - 1]));
      }
    }
    return { dW, db };
  }

  /** One step of gradient descent, in place: W ← W − η·dW, b ← b − η·db (against the gradient). */
  sgdStep(grads: Gradients, learningRate: number): void {
    for (let l = 0; l < this.layers; l++) {
      step(`dW[${l}]`, this.W[l], grads.dW[l], learningRate);
      step(`db[${l}]`, this.b[l], grads.db[l], learningRate);
    }
  }

  /** Every weight and bias counts: Σ over layers of n_out·n_in + n_out. */
  parameterCount(): number {
    let n = 0;
    for (let l = 0; l < this.layers; l++) n += this.W[l].data.length + this.b[l].data.length;
    return n;
  }

  /** [W1, b1, W2, b2, …], the live matrices (not copies). */
  parameters(): Matrix[] {
    return this.W.flatMap((W, l) => [W, this.b[l]]);
  }

  clone(): MLP {
    return new MLP({ ...this.config, sizes: [...this.config.sizes] }, this.W.map((W) => W.clone()), this.b.map((b) => b.clone()));
  }

  /** Copies another network's parameters into this one (same sizes), in place. */
  copyParametersFrom(other: MLP): void {
    for (let l = 0; l < this.layers; l++) {
      this.W[l].data.set(other.W[l].data);
      this.b[l].data.set(other.b[l].data);
    }
  }

  toJSON(): NetworkJSON {
    const plain = (M: Matrix) => ({ rows: M.rows, cols: M.cols, data: Array.from(M.data) });
    return {
      format: 'nn-from-scratch/mlp',
      version: 1,
      config: { ...this.config, sizes: [...this.config.sizes] },
      W: this.W.map(plain),
      b: this.b.map(plain),
    };
  }

  /** Rebuilds a saved network, checking the version and every shape; says what does not fit. */
  static fromJSON(json: unknown): MLP {
    const file = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<NetworkJSON> | null;
    if (!file || typeof file !== 'object') throw new Error('fromJSON: expected a saved network object');
    if (file.version !== 1) {
      throw new Error(`fromJSON: this file has version ${String(file.version)}, but only version 1 can be read`);
    }
    const config = file.config as MLPConfig;
    checkConfig(config);
    const L = config.sizes.length - 1;
    const W = readMatrices('W', file.W, L, (l) => [config.sizes[l + 1], config.sizes[l]], config.sizes);
    const b = readMatrices('b', file.b, L, (l) => [config.sizes[l + 1], 1], config.sizes);
    return new MLP({ ...config, sizes: [...config.sizes] }, W, b);
  }

  private isOutput(l: number): boolean {
    return l === this.layers - 1;
  }

  private outputActivation(ZL: Matrix): Matrix {
    return this.config.output === 'sigmoid' ? sigmoid.f(ZL) : softmax(ZL);
  }
}

/** Hidden layer l's dropout mask, checked against the shape of its Z. */
function mask(D: Matrix[], l: number, Zl: Matrix): Matrix {
  const Dl = D[l];
  if (!Dl || Dl.rows !== Zl.rows || Dl.cols !== Zl.cols) {
    throw new ShapeError(`forward: dropout mask D${l + 1} is ${Dl ? formatShape(Dl.shape) : 'missing'} but Z${l + 1} is ${formatShape(Zl.shape)}`);
  }
  return Dl;
}

function step(name: string, P: Matrix, dP: Matrix | undefined, learningRate: number): void {
  if (!dP || dP.rows !== P.rows || dP.cols !== P.cols) {
    const got = dP ? formatShape(dP.shape) : 'missing';
    throw new ShapeError(`sgdStep: ${name} is ${got} but its parameter is ${formatShape(P.shape)}`);
  }
  for (let p = 0; p < P.data.length; p++) P.data[p] -= learningRate * dP.data[p];
}

function checkConfig(config: MLPConfig | undefined): void {
  if (!config || typeof config !== 'object') throw new Error('MLP: missing config');
  const { sizes } = config;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`MLP: sizes must list at least two whole numbers > 0, e.g. [784, 32, 10]; got ${JSON.stringify(sizes)}`);
  }
  activation(config.activation, config.alpha); // throws on an unknown name
  if (!(config.init in initialisers)) throw new Error(`MLP: unknown init "${config.init}"`);
  if (config.output !== undefined && config.output !== 'softmax' && config.output !== 'sigmoid') {
    throw new Error(`MLP: output must be "softmax" or "sigmoid", got "${config.output}"`);
  }
}

function readMatrices(
  name: string,
  list: unknown,
  L: number,
  expected: (l: number) => [number, number],
  sizes: number[],
): Matrix[] {
  if (!Array.isArray(list) || list.length !== L) {
    throw new Error(`fromJSON: ${name} should hold ${L} matrices for sizes [${sizes.join(', ')}]`);
  }
  return list.map((item: { rows?: unknown; cols?: unknown; data?: unknown }, l) => {
    const shape = expected(l);
    if (item?.rows !== shape[0] || item?.cols !== shape[1]) {
      throw new ShapeError(
        `fromJSON: ${name}[${l}] should be ${formatShape(shape)} for sizes [${sizes.join(', ')}] but the file has (${item?.rows}, ${item?.cols})`,
      );
    }
    const data = item.data;
    if (!Array.isArray(data) || data.length !== shape[0] * shape[1] || !data.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`fromJSON: ${name}[${l}] needs ${shape[0] * shape[1]} finite numbers`);
    }
    return new Matrix(shape[0], shape[1], Float32Array.from(data));
  });
}
