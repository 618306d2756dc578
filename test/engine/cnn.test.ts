import { describe, expect, it } from 'vitest';
import {
  CNN, GRADIENT_TOLERANCE, Matrix, ShapeError, checkGradients, convForward, createRng, layerShapes, matmul, maxPoolForward, oneHot, rotate180,
} from '../../src/engine/index.ts';
import type { ActivationName, CNNConfig, Gradients } from '../../src/engine/index.ts';

/** A small network that has every kind of layer: conv with pad, pool, conv with stride, two dense. */
const small = (activation: ActivationName): CNNConfig => ({
  kind: 'cnn',
  input: { channels: 1, height: 6, width: 6 },
  layers: [
    { type: 'conv', filters: 3, size: 3, pad: 1 }, // 3×6×6
    { type: 'pool', size: 2 }, // 3×3×3
    { type: 'conv', filters: 4, size: 2, stride: 1 }, // 4×2×2
    { type: 'dense', units: 5 },
    { type: 'dense', units: 3 },
  ],
  activation,
  init: 'xavier',
  seed: 3,
});

function setup(activation: ActivationName) {
  const net = CNN.create(small(activation));
  const rng = createRng(4);
  // Biases away from zero, so a bug that mixes them up cannot hide behind equal values.
  net.b.forEach((b) => b.data.forEach((_, p) => (b.data[p] = rng.randn() * 0.3)));
  const X = Matrix.randn(36, 4, rng);
  const Y = oneHot([0, 2, 1, 2], 3);
  return { net, X, Y, grads: net.backward(net.forwardWithCache(X), Y) };
}

const worst = (results: { error: number }[]) => Math.max(...results.map((r) => r.error));

describe('CNN shapes and forward', () => {
  it('has K (F, C·k·k) and W (n_out, n_in) in layer order, and counts each shared kernel once', () => {
    const net = CNN.create(small('relu'));
    expect(net.W.map((W) => W.shape)).toEqual([[3, 9], [4, 12], [5, 16], [3, 5]]);
    expect(net.b.map((b) => b.shape)).toEqual([[3, 1], [4, 1], [5, 1], [3, 1]]);
    expect(net.parameterNames()).toEqual(['K1', 'b1', 'K3', 'b3', 'W4', 'b4', 'W5', 'b5']);
    expect(net.parameters()).toEqual([net.W[0], net.b[0], net.W[1], net.b[1], net.W[2], net.b[2], net.W[3], net.b[3]]);
    expect(net.parameters()[0]).toBe(net.W[0]); // the live matrices
    expect(net.parameterCount()).toBe(3 * 9 + 3 + 4 * 12 + 4 + 5 * 16 + 5 + 3 * 5 + 3);
  });

  it('computes each layer from the one before, as conv.ts, pool.ts and a dense layer do', () => {
    const { net, X } = setup('tanh');
    const { Z, A } = net.forwardWithCache(X);
    expect(A[0]).toBe(X);
    expect(A.map((a) => a.shape)).toEqual(layerShapes(net.config).map((shape) => ['units' in shape ? shape.units : shape.channels * shape.height * shape.width, 4]));
    // layer 1: conv then tanh
    const Z1 = convForward(X, net.W[0], net.b[0], { input: net.config.input, size: 3, stride: 1, pad: 1 }).Z;
    expect(Array.from(Z[0].data)).toEqual(Array.from(Z1.data));
    Array.from(A[1].data).forEach((v, p) => expect(v).toBeCloseTo(Math.tanh(Z1.data[p]), 6));
    // layer 2: the pool, with no activation after it
    expect(A[2]).toBe(Z[1]);
    expect(Array.from(A[2].data)).toEqual(Array.from(maxPoolForward(A[1], { channels: 3, height: 6, width: 6 }, 2).A.data));
    // layer 4: dense, reading the image batch (4·2·2, m) as it is
    const Z4 = matmul(net.W[2], A[3]);
    Array.from(Z[3].data).forEach((v, p) => expect(v).toBeCloseTo(Z4.data[p] + net.b[2].data[Math.floor(p / 4)], 5));
    // the output: one column of probabilities per example
    for (let e = 0; e < 4; e++) expect(A[5].get(0, e) + A[5].get(1, e) + A[5].get(2, e)).toBeCloseTo(1, 5);
  });

  it('is seeded: the same config gives the same kernels, another seed others', () => {
    expect(CNN.create(small('relu')).W[0].data).toEqual(CNN.create(small('relu')).W[0].data);
    expect(CNN.create({ ...small('relu'), seed: 4 }).W[0].data).not.toEqual(CNN.create(small('relu')).W[0].data);
  });

  it('names the layer and both shapes when something does not fit', () => {
    const net = CNN.create(small('relu'));
    expect(() => net.forward(new Matrix(35, 2))).toThrow(ShapeError);
    expect(() => net.forward(new Matrix(35, 2))).toThrow(/X is \(35, 2\) but the network's input 1×6×6 needs \(36, m\)/);
    expect(() => CNN.create({ ...small('relu'), layers: [{ type: 'conv', filters: 2, size: 7 }, { type: 'dense', units: 2 }] }))
      .toThrow(/layer 1 \(conv\).*7×7 kernel does not fit a 6×6/);
    expect(() => CNN.create({ ...small('relu'), layers: [{ type: 'conv', filters: 2, size: 3 }] })).toThrow(/last layer must be dense/);
  });

  it('chanceLoss is ln(classes) and lossFromLogits agrees with the loss of the probabilities', () => {
    const { net, X, Y } = setup('relu');
    expect(net.chanceLoss()).toBeCloseTo(Math.log(3), 10);
    const { Z, A } = net.forwardWithCache(X);
    expect(net.lossFromLogits(Z[Z.length - 1], Y)).toBeCloseTo(net.loss(A[A.length - 1], Y), 5);
  });
});

describe('CNN backward: gradient checks against finite differences', () => {
  // ε = 1e-3, not the MLP's 3e-3: max pooling has a kink wherever a window's two largest values
  // tie, and each entry of K1 moves every position of every window, so a nudge of ±ε often makes
  // some window's runner-up overtake its max, and the difference quotient then measures a jump, not
  // a slope (measured here: dK1's error 1e-3 at ε = 1e-3, 9e-3 at 3e-3, 2e-2 at 1e-2 with tanh,
  // while the same network without its pool layer stays near 1e-4 at every ε).
  const eps = 1e-3;
  for (const g of ['tanh', 'sigmoid', 'relu'] as const) {
    it(`every kernel, weight and bias, ${g}`, () => {
      const { net, X, Y, grads } = setup(g);
      const results = checkGradients(net, X, Y, grads, eps);
      expect(results.map((r) => r.name)).toEqual(['dK1', 'db1', 'dK3', 'db3', 'dW4', 'db4', 'dW5', 'db5']);
      expect(worst(results)).toBeLessThan(GRADIENT_TOLERANCE);
    });
  }

  it('without pooling too: conv with pad and stride into conv into dense', () => {
    const net = CNN.create({
      ...small('tanh'),
      layers: [{ type: 'conv', filters: 3, size: 3, pad: 1, stride: 2 }, { type: 'conv', filters: 4, size: 2 }, { type: 'dense', units: 3 }],
    });
    const rng = createRng(5);
    net.b.forEach((b) => b.data.forEach((_, p) => (b.data[p] = rng.randn() * 0.3)));
    const X = Matrix.randn(36, 3, rng);
    const results = checkGradients(net, X, oneHot([1, 0, 2], 3));
    expect(worst(results)).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('catches a broken gradient: a kernel gradient turned by 180°, or a pool that forgets where the max was', () => {
    const { net, X, Y, grads } = setup('tanh');
    const turned: Gradients = { dW: grads.dW.map((dW, s) => (s === 0 ? turn(dW, 3) : dW)), db: grads.db };
    expect(checkGradients(net, X, Y, turned, 1e-3)[0].error).toBeGreaterThan(0.1);
    // routing each pool window's gradient to its top-left pixel instead of to its max
    const topLeft = (row: number) => {
      const c = Math.floor(row / 36), y = Math.floor((row % 36) / 6), x = row % 6; // pixel (c, y, x) of 3×6×6
      return c * 36 + (y - (y % 2)) * 6 + (x - (x % 2));
    };
    const spread = net.clone();
    const cache = spread.forwardWithCache(X);
    cache.argmax[1] = cache.argmax[1]!.map(topLeft);
    const wrong = spread.backward(cache, Y);
    expect(checkGradients(net, X, Y, wrong, 1e-3)[0].error).toBeGreaterThan(0.1);
  });
});

/** Each filter's (k, k) kernels turned by 180°, in K (F, C·k·k). */
function turn(K: Matrix, k: number): Matrix {
  const out = K.clone();
  for (let start = 0; start < K.data.length; start += k * k) {
    out.data.set(rotate180(new Matrix(k, k, K.data.slice(start, start + k * k))).data, start);
  }
  return out;
}

describe('CNN saving and copying', () => {
  it('toJSON then fromJSON gives identical outputs, and a clone is independent', () => {
    const { net, X } = setup('relu');
    const back = CNN.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    expect(back.forward(X).data).toEqual(net.forward(X).data);
    const copy = net.clone();
    copy.W[0].data[0] += 1;
    expect(net.W[0].data[0]).not.toBe(copy.W[0].data[0]);
    copy.copyParametersFrom(net);
    expect(copy.forward(X).data).toEqual(net.forward(X).data);
  });

  it('says what is wrong with a file', () => {
    const json = CNN.create(small('relu')).toJSON();
    expect(() => CNN.fromJSON({ ...json, format: 'nn-from-scratch/mlp' })).toThrow(/not a convolutional network/);
    expect(() => CNN.fromJSON({ ...json, version: 2 })).toThrow(/version 2/);
    const wrongShape = { ...json, W: json.W.map((W, s) => (s === 1 ? { ...W, rows: 5, data: [...W.data, ...W.data.slice(0, 12)] } : W)) };
    expect(() => CNN.fromJSON(wrongShape)).toThrow(/W\[1\] should be \(4, 12\).*\(5, 12\)/);
    const notFinite = { ...json, b: json.b.map((b, s) => (s === 0 ? { ...b, data: [NaN, 0, 0] } : b)) };
    expect(() => CNN.fromJSON(notFinite)).toThrow(/b\[0\] needs 3 finite numbers/);
  });
});
