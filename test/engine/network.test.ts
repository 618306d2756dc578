import { describe, expect, it } from 'vitest';
import {
  GRADIENT_TOLERANCE, MLP, Matrix, ShapeError, checkGradients, createRng, matmul, oneHot, scale, sum, transpose,
} from '../../src/engine/index.ts';
import type { ActivationName, Gradients, MLPConfig } from '../../src/engine/index.ts';

const m = 4;

/** A tiny net with one square layer (4 → 4), so a transposed gradient keeps its shape. */
function setup(activation: ActivationName, output: 'softmax' | 'sigmoid' = 'softmax') {
  const net = MLP.create({ sizes: [5, 4, 4, 3], activation, init: 'xavier', seed: 3, output });
  const rng = createRng(4);
  // Biases away from zero, so a bug that mixes them up cannot hide behind equal values.
  net.b.forEach((b) => b.data.forEach((_, p) => (b.data[p] = rng.randn() * 0.3)));
  const X = Matrix.randn(5, m, rng);
  const Y = oneHot([0, 2, 1, 2], 3);
  return { net, X, Y, grads: net.backward(net.forwardWithCache(X), Y) };
}

const worst = (results: { error: number }[]) => Math.max(...results.map((r) => r.error));

describe('MLP shapes and forward', () => {
  it('W[l] is (n_out, n_in), b[l] is (n_out, 1), and the cache is indexed A[0] = X, Z[l], A[l+1]', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });
    expect(net.W.map((W) => W.shape)).toEqual([[16, 784], [10, 16]]);
    expect(net.b.map((b) => b.shape)).toEqual([[16, 1], [10, 1]]);
    expect(net.parameterCount()).toBe(784 * 16 + 16 + 16 * 10 + 10);
    const X = Matrix.randn(784, 3, createRng(2));
    const { Z, A } = net.forwardWithCache(X);
    expect(A[0]).toBe(X);
    expect(Z.map((z) => z.shape)).toEqual([[16, 3], [10, 3]]);
    expect(A[2].shape).toEqual([10, 3]);
    // Z1 = W1·X + b1, computed independently
    const Z1 = matmul(net.W[0], X);
    Z1.data.forEach((v, p) => expect(Z[0].data[p]).toBeCloseTo(v + net.b[0].data[Math.floor(p / 3)], 5));
    // each output column sums to 1
    for (let j = 0; j < 3; j++) expect(sumColumn(A[2], j)).toBeCloseTo(1, 5);
  });

  it('is seeded: the same config gives the same weights', () => {
    const config: MLPConfig = { sizes: [6, 5, 2], activation: 'tanh', init: 'xavier', seed: 9 };
    expect(MLP.create(config).W[0].data).toEqual(MLP.create(config).W[0].data);
  });

  it('names the shapes when X has the wrong number of rows', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });
    expect(() => net.forward(Matrix.zeros(10, 784))).toThrow(ShapeError);
    expect(() => net.forward(Matrix.zeros(10, 784))).toThrow(/X is \(10, 784\) but the network expects 784 rows/);
  });
});

function sumColumn(A: Matrix, j: number): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.get(i, j);
  return s;
}

describe('backward passes the gradient check', () => {
  for (const activation of ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'identity'] as const) {
    it(`${activation} hidden layers`, () => {
      const { net, X, Y, grads } = setup(activation);
      expect(grads.dW.map((d) => d.shape)).toEqual(net.W.map((W) => W.shape));
      expect(grads.db.map((d) => d.shape)).toEqual(net.b.map((b) => b.shape));
      const results = checkGradients(net, X, Y, grads);
      expect(worst(results)).toBeLessThan(GRADIENT_TOLERANCE);
    });
  }

  it('sigmoid output with binary cross-entropy', () => {
    const { net, X, Y, grads } = setup('tanh', 'sigmoid');
    expect(worst(checkGradients(net, X, Y, grads))).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe('a deliberately broken gradient FAILS the same check', () => {
  const { net, X, Y, grads } = setup('tanh');
  const broken = (change: (g: Gradients) => void): number => {
    const g: Gradients = { dW: grads.dW.map((d) => d.clone()), db: grads.db.map((d) => d.clone()) };
    change(g);
    return worst(checkGradients(net, X, Y, g));
  };

  it('the correct gradients pass (control)', () => {
    expect(broken(() => {})).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('wrong sign', () => {
    expect(broken((g) => (g.dW[0] = scale(g.dW[0], -1)))).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
  });

  it('missing 1/m', () => {
    expect(broken((g) => (g.dW[2] = scale(g.dW[2], m)))).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
  });

  it('transposed dW2 (a square 4 × 4 layer, so the shape cannot give it away)', () => {
    expect(broken((g) => (g.dW[1] = transpose(g.dW[1])))).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
  });

  it('db = (1/m)·sum(dZ): one scalar broadcast to every bias', () => {
    expect(broken((g) => {
      // sum over everything, then the same number for each bias; the (1/m) is already in dZ
      const total = sum(sum(g.db[1], 0), 1).get(0, 0);
      g.db[1] = new Matrix(g.db[1].rows, 1, new Float32Array(g.db[1].rows).fill(total));
    })).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
  });
});

describe('sgdStep', () => {
  it('moves against the gradient and lowers the loss', () => {
    const { net, X, Y, grads } = setup('relu');
    const before = net.loss(net.forward(X), Y);
    const W0 = net.W[0].get(1, 2);
    net.sgdStep(grads, 0.1);
    expect(net.W[0].get(1, 2)).toBeCloseTo(W0 - 0.1 * grads.dW[0].get(1, 2), 6);
    expect(net.loss(net.forward(X), Y)).toBeLessThan(before);
  });

  it('refuses a gradient of the wrong shape', () => {
    const { net, grads } = setup('relu');
    expect(() => net.sgdStep({ dW: grads.dW, db: [transpose(grads.db[0]), ...grads.db.slice(1)] }, 0.1)).toThrow(
      'sgdStep: db[0] is (1, 4) but its parameter is (4, 1)',
    );
  });
});

describe('save and load', () => {
  it('round-trips through JSON text exactly', () => {
    const { net, X } = setup('leakyRelu');
    const copy = MLP.fromJSON(JSON.parse(JSON.stringify(net)));
    expect(copy.config).toEqual(net.config);
    copy.W.forEach((W, l) => expect(W.data).toEqual(net.W[l].data));
    expect(copy.forward(X).data).toEqual(net.forward(X).data);
  });

  it('rejects a wrong version and a wrong shape, saying what is wrong', () => {
    const json = setup('relu').net.toJSON();
    expect(() => MLP.fromJSON({ ...json, version: 2 })).toThrow(/version 2, but only version 1/);
    const badW = { ...json, W: [{ rows: 4, cols: 4, data: new Array(16).fill(0) }, ...json.W.slice(1)] };
    expect(() => MLP.fromJSON(badW)).toThrow('W[0] should be (4, 5) for sizes [5, 4, 4, 3] but the file has (4, 4)');
    const shortData = { ...json, b: [{ rows: 4, cols: 1, data: [1, 2] }, ...json.b.slice(1)] };
    expect(() => MLP.fromJSON(shortData)).toThrow(/b\[0\] needs 4 finite numbers/);
    expect(() => MLP.fromJSON(null)).toThrow(/expected a saved network/);
  });

  it('clone is independent', () => {
    const { net } = setup('relu');
    const c = net.clone();
    c.W[0].data[0] += 1;
    expect(c.W[0].data[0]).not.toBe(net.W[0].data[0]);
  });
});
