// A convolutional network: conv and pool layers, then the dense layers of Part I.
// For the input 1×28×28 and layers [conv 8@5×5, pool 2, dense 10], with g the activation:
//   Z1 = K1 ⋆ X + b1        (8·24·24, m)     A1 = g(Z1)        ⋆: the convolution of conv.ts
//   A2 = maxpool(A1)        (8·12·12, m)     (no parameters, no activation)
//   Z3 = W3·A2 + b3         (10, m)          A3 = softmax(Z3)
// Flattening costs nothing: a batch of images is already (C·H·W, m), one column per example,
// exactly the X (784, m) a dense layer reads.
// Layers are numbered from 1 in names (K1, W3, "layer 2 (pool)") and from 0 in code, as in MLP.
import { activation, type Activation } from './activations.ts';
import { type CNNConfig, type ImageShape, type LayerShape, type LayerSpec, layerShapes, rowsOf } from './cnn-config.ts';
import { convForward, convInputGradient, convParameterGradients, type ConvGeometry } from './conv.ts';
import { initWeights, initialisers } from './init.ts';
import { crossEntropy, crossEntropyFromLogits, softmaxCrossEntropyGrad } from './loss.ts';
import { matmul, matmulTransA, matmulTransB } from './matmul.ts';
import { Matrix, ShapeError, add, formatShape, mul, sum } from './matrix.ts';
import type { Gradients } from './network.ts';
import { maxPoolBackward, maxPoolForward } from './pool.ts';
import { createRng } from './random.ts';
import { softmax } from './softmax.ts';

/**
 * Everything the forward pass computed, kept for the backward pass. With layers 0 … L − 1:
 *   A[0] = X; layer l reads A[l] and writes Z[l] and A[l + 1].
 * For a conv or dense layer Z[l] is its pre-activation and A[l + 1] = g(Z[l]) (softmax for the
 * last). A pool layer has no activation: Z[l] and A[l + 1] are the same pooled matrix.
 * So Z[Z.length − 1] are the logits and A[A.length − 1] the probabilities, as in an MLP's cache.
 */
export interface CNNCache {
  Z: Matrix[];
  A: Matrix[];
  /** A conv layer's im2col columns (its backward pass needs them); null for other layers. */
  cols: (Matrix | null)[];
  /** A pool layer's argmax positions (where its gradient goes); null for other layers. */
  argmax: (Int32Array | null)[];
}

export interface CNNJSON {
  format: 'nn-from-scratch/cnn';
  version: 1;
  config: CNNConfig;
  W: { rows: number; cols: number; data: number[] }[];
  b: { rows: number; cols: number; data: number[] }[];
}

export class CNN {
  readonly config: CNNConfig;
  /** The shape after each layer, input first (layerShapes). */
  readonly shapes: LayerShape[];
  /**
   * The weights of each layer that has any, in layer order: a conv layer's kernels K (F, C·k·k),
   * a dense layer's W (n_out, n_in). Pool layers have none. One list, so weight decay and the
   * optimisers treat kernels and dense weights alike.
   */
  readonly W: Matrix[];
  /** Their biases, b (F, 1) or (n_out, 1), in the same order. */
  readonly b: Matrix[];
  private readonly g: Activation;
  /** For layer l, its index into W and b, or −1 for a pool layer. */
  private readonly slot: number[];

  /** Use CNN.create or CNN.fromJSON. */
  constructor(config: CNNConfig, W: Matrix[], b: Matrix[]) {
    this.config = config;
    this.shapes = layerShapes(config);
    this.W = W;
    this.b = b;
    this.g = activation(config.activation);
    let next = 0;
    this.slot = config.layers.map((layer) => (layer.type === 'pool' ? -1 : next++));
  }

  /** Weights from the chosen initialiser (seeded), biases zero. A kernel's n_in is C·k·k, what one output adds up. */
  static create(config: CNNConfig): CNN {
    checkConfig(config);
    const rng = createRng(config.seed);
    const W: Matrix[] = [];
    const b: Matrix[] = [];
    for (const [rows, cols] of parameterShapes(config)) {
      W.push(initWeights(config.init, rows, cols, rng));
      b.push(Matrix.zeros(rows, 1));
    }
    return new CNN(copyConfig(config), W, b);
  }

  /** The number of classes: the last dense layer's units. */
  get classes(): number {
    return rowsOf(this.shapes[this.shapes.length - 1]);
  }

  /** The output A_L (classes, m): one column of probabilities per example. */
  forward(X: Matrix): Matrix {
    const { A } = this.forwardWithCache(X);
    return A[A.length - 1];
  }

  forwardWithCache(X: Matrix): CNNCache {
    const inputRows = rowsOf(this.config.input);
    if (X.rows !== inputRows) {
      throw new ShapeError(`forward: X is ${formatShape(X.shape)} but the network's input ${describe(this.config.input)} needs (${inputRows}, m), one column per example`);
    }
    const L = this.config.layers.length;
    const cache: CNNCache = { Z: [], A: [X], cols: [], argmax: [] };
    this.config.layers.forEach((layer, l) => {
      const where = `layer ${l + 1} (${layer.type})`;
      const Al = cache.A[l];
      let Zl: Matrix;
      let cols: Matrix | null = null, argmax: Int32Array | null = null;
      if (layer.type === 'conv') {
        // Z = K·cols + b  (F·H_out·W_out, m)
        ({ Z: Zl, cols } = convForward(Al, this.W[this.slot[l]], this.b[this.slot[l]], this.geometry(l), where));
      } else if (layer.type === 'pool') {
        ({ A: Zl, argmax } = maxPoolForward(Al, this.imageBefore(l), layer.size, where));
      } else {
        // Z = W·A + b: the image batch (C·H·W, m) is read as it is, already flat
        Zl = add(matmul(this.W[this.slot[l]], Al), this.b[this.slot[l]]);
      }
      cache.Z.push(Zl);
      cache.cols.push(cols);
      cache.argmax.push(argmax);
      if (l === L - 1) cache.A.push(softmax(Zl));
      else cache.A.push(layer.type === 'pool' ? Zl : this.g.f(Zl));
    });
    return cache;
  }

  /** Cross-entropy of the output A_L against one-hot Y, averaged over the batch. */
  loss(AL: Matrix, Y: Matrix): number {
    return crossEntropy(AL, Y);
  }

  /** The same loss from the logits Z_L, exact even where A_L rounds to 0 or 1. */
  lossFromLogits(ZL: Matrix, Y: Matrix): number {
    return crossEntropyFromLogits(ZL, Y);
  }

  /** The loss of knowing nothing (every output equal): ln(classes). */
  chanceLoss(): number {
    return Math.log(this.classes);
  }

  /**
   * Backpropagation through every layer, last to first: the gradient of the batch-averaged loss
   * for every W (kernels included) and b, in the order of W and b.
   */
  backward(cache: CNNCache, Y: Matrix): Gradients {
    const { Z, A, cols, argmax } = cache;
    const layers = this.config.layers;
    const dW: Matrix[] = new Array(this.W.length);
    const db: Matrix[] = new Array(this.b.length);
    // Output layer: dZ_L = (A_L − Y)/m, softmax and cross-entropy together.
    let dZ = softmaxCrossEntropyGrad(A[A.length - 1], Y);
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l], s = this.slot[l], where = `layer ${l + 1} (${layer.type})`;
      if (layer.type === 'dense') {
        dW[s] = matmulTransB(dZ, A[l]); // dW = dZ·Aᵀ  (n_out, n_in)
        db[s] = sum(dZ, 1, true); // db = Σ over the batch  (n_out, 1)
      } else if (layer.type === 'conv') {
        ({ dK: dW[s], db: db[s] } = convParameterGradients(dZ, this.W[s], cols[l]!, this.geometry(l), where)); // dK = dZ·colsᵀ
      }
      if (l === 0) break; // the input X is data: no gradient needed
      // dA: the gradient at this layer's input A[l]
      let dA: Matrix;
      if (layer.type === 'dense') dA = matmulTransA(this.W[s], dZ); // dA = Wᵀ·dZ  (n_in, m)
      else if (layer.type === 'conv') dA = convInputGradient(dZ, this.W[s], this.geometry(l), where); // dX = col2im(Kᵀ·dZ)
      else dA = maxPoolBackward(dZ, argmax[l]!, rowsOf(this.shapes[l]), where); // to each window's max
      // into the layer before: through its activation g, unless it is a pool layer (none)
      dZ = layers[l - 1].type === 'pool' ? dA : mul(dA, this.g.df(Z[l - 1]));
    }
    return { dW, db };
  }

  /** Every weight and bias counts; a kernel's weights count once however many positions share them. */
  parameterCount(): number {
    let n = 0;
    for (let s = 0; s < this.W.length; s++) n += this.W[s].data.length + this.b[s].data.length;
    return n;
  }

  /** [K1, b1, K2, b2, …, W, b] in layer order, the live matrices (not copies). */
  parameters(): Matrix[] {
    return this.W.flatMap((W, s) => [W, this.b[s]]);
  }

  /** The names of parameters() in the chapters' notation, numbered by layer: ['K1', 'b1', 'W3', 'b3']. */
  parameterNames(): string[] {
    return this.config.layers.flatMap((layer, l) =>
      layer.type === 'pool' ? [] : [`${layer.type === 'conv' ? 'K' : 'W'}${l + 1}`, `b${l + 1}`]);
  }

  clone(): CNN {
    return new CNN(copyConfig(this.config), this.W.map((W) => W.clone()), this.b.map((b) => b.clone()));
  }

  /** Copies another network's parameters into this one (same layers), in place. */
  copyParametersFrom(other: CNN): void {
    if (other.W.length !== this.W.length || other.W.some((W, s) => W.data.length !== this.W[s].data.length)) {
      throw new ShapeError('copyParametersFrom: the other network has different layers');
    }
    for (let s = 0; s < this.W.length; s++) {
      this.W[s].data.set(other.W[s].data);
      this.b[s].data.set(other.b[s].data);
    }
  }

  toJSON(): CNNJSON {
    const plain = (M: Matrix) => ({ rows: M.rows, cols: M.cols, data: Array.from(M.data) });
    return { format: 'nn-from-scratch/cnn', version: 1, config: copyConfig(this.config), W: this.W.map(plain), b: this.b.map(plain) };
  }

  /** Rebuilds a saved network, checking the format, version and every shape; says what does not fit. */
  static fromJSON(json: unknown): CNN {
    const file = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<CNNJSON> | null;
    if (!file || typeof file !== 'object') throw new Error('fromJSON: expected a saved network object');
    if (file.format !== 'nn-from-scratch/cnn') {
      throw new Error(`fromJSON: this file's format is ${JSON.stringify(file.format)}, not a convolutional network ("nn-from-scratch/cnn")`);
    }
    if (file.version !== 1) throw new Error(`fromJSON: this file has version ${String(file.version)}, but only version 1 can be read`);
    const config = file.config as CNNConfig;
    checkConfig(config);
    const shapes = parameterShapes(config);
    const W = readMatrices('W', file.W, shapes.map(([rows, cols]) => [rows, cols]));
    const b = readMatrices('b', file.b, shapes.map(([rows]) => [rows, 1]));
    return new CNN(copyConfig(config), W, b);
  }

  /** The convolution of layer l: its input's shape, k, stride and padding. */
  private geometry(l: number): ConvGeometry {
    const layer = this.config.layers[l] as Extract<LayerSpec, { type: 'conv' }>;
    return { input: this.imageBefore(l), size: layer.size, stride: layer.stride ?? 1, pad: layer.pad ?? 0 };
  }

  private imageBefore(l: number): ImageShape {
    return this.shapes[l] as ImageShape; // layerShapes has checked that a conv or pool layer reads an image
  }
}

/** The shapes of W and b's rows for each layer with parameters: K (F, C·k·k) or W (n_out, n_in). */
function parameterShapes(config: CNNConfig): [number, number][] {
  const shapes = layerShapes(config);
  const out: [number, number][] = [];
  config.layers.forEach((layer, l) => {
    const before = shapes[l];
    if (layer.type === 'conv') out.push([layer.filters, (before as ImageShape).channels * layer.size * layer.size]);
    if (layer.type === 'dense') out.push([layer.units, rowsOf(before)]);
  });
  return out;
}

function copyConfig(config: CNNConfig): CNNConfig {
  return { ...config, input: { ...config.input }, layers: config.layers.map((layer) => ({ ...layer })) };
}

function describe({ channels, height, width }: ImageShape): string {
  return `${channels}×${height}×${width}`;
}

const whole = (n: unknown, min: number): boolean => Number.isInteger(n) && (n as number) >= min;

/** Says what is wrong with a config, naming the layer; layerShapes then checks that the shapes fit. */
function checkConfig(config: CNNConfig | undefined): void {
  if (!config || typeof config !== 'object') throw new Error('CNN: missing config');
  if (config.kind !== 'cnn') throw new Error(`CNN: config.kind must be "cnn", got ${JSON.stringify(config.kind)}`);
  const { input, layers } = config;
  if (!input || !whole(input.channels, 1) || !whole(input.height, 1) || !whole(input.width, 1)) {
    throw new Error(`CNN: input must be { channels, height, width } of whole numbers ≥ 1, got ${JSON.stringify(input)}`);
  }
  if (!Array.isArray(layers) || layers.length === 0) throw new Error('CNN: layers must list at least one layer');
  layers.forEach((layer, l) => {
    const where = `CNN: layer ${l + 1}`;
    if (layer?.type === 'conv') {
      if (!whole(layer.filters, 1) || !whole(layer.size, 1)) throw new Error(`${where} (conv) needs filters and size, whole numbers ≥ 1`);
      if (layer.stride !== undefined && !whole(layer.stride, 1)) throw new Error(`${where} (conv): stride must be a whole number ≥ 1, got ${layer.stride}`);
      if (layer.pad !== undefined && !whole(layer.pad, 0)) throw new Error(`${where} (conv): pad must be a whole number ≥ 0, got ${layer.pad}`);
    } else if (layer?.type === 'pool') {
      if (!whole(layer.size, 1)) throw new Error(`${where} (pool): size must be a whole number ≥ 1, got ${layer.size}`);
    } else if (layer?.type === 'dense') {
      if (!whole(layer.units, 1)) throw new Error(`${where} (dense): units must be a whole number ≥ 1, got ${layer.units}`);
    } else {
      throw new Error(`${where}: type must be "conv", "pool" or "dense", got ${JSON.stringify((layer as { type?: unknown })?.type)}`);
    }
  });
  if (layers[layers.length - 1].type !== 'dense') {
    throw new Error('CNN: the last layer must be dense, one unit per class (its Z are the logits)');
  }
  activation(config.activation); // throws on an unknown name
  if (!(config.init in initialisers)) throw new Error(`CNN: unknown init "${config.init}"`);
  layerShapes(config); // throws a ShapeError naming the layer whose kernel or window does not fit
}

function readMatrices(name: string, list: unknown, shapes: [number, number][]): Matrix[] {
  if (!Array.isArray(list) || list.length !== shapes.length) {
    throw new Error(`fromJSON: ${name} should hold ${shapes.length} matrices, one per conv or dense layer`);
  }
  return list.map((item: { rows?: unknown; cols?: unknown; data?: unknown }, s) => {
    const shape = shapes[s];
    if (item?.rows !== shape[0] || item?.cols !== shape[1]) {
      throw new ShapeError(`fromJSON: ${name}[${s}] should be ${formatShape(shape)} for these layers but the file has (${item?.rows}, ${item?.cols})`);
    }
    const data = item.data;
    if (!Array.isArray(data) || data.length !== shape[0] * shape[1] || !data.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`fromJSON: ${name}[${s}] needs ${shape[0] * shape[1]} finite numbers`);
    }
    return new Matrix(shape[0], shape[1], Float32Array.from(data));
  });
}
