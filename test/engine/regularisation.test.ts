// L2 weight decay and inverted dropout in the reference step: their gradients against finite
// differences, dropout's expected activation, and a prediction that never sees dropout.
import { describe, expect, it } from 'vitest';
import {
  GRADIENT_TOLERANCE,
  MLP,
  Matrix,
  createRng,
  decayGradients,
  dropoutMasks,
  evaluate,
  l2Penalty,
  numericalGradient,
  oneHot,
  relativeError,
  train,
} from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

/** A small network and a batch of 6 random examples with labels, all seeded. */
function tiny(activation: 'sigmoid' | 'tanh' = 'tanh') {
  const net = MLP.create({ sizes: [5, 4, 3], activation, init: 'xavier', seed: 11 });
  const rng = createRng(12);
  const X = new Matrix(5, 6);
  for (let p = 0; p < X.data.length; p++) X.data[p] = rng.randn();
  const Y = oneHot([0, 2, 1, 1, 0, 2], 3);
  return { net, X, Y };
}

describe('L2 weight decay', () => {
  it('adds (λ/2)·Σ‖W‖² to the loss, not the biases: the penalised gradient dW + λW matches finite differences', () => {
    const { net, X, Y } = tiny();
    net.b.forEach((b) => b.data.fill(0.5)); // biases that a decay of b would show up on
    const lambda = 0.3;
    const J = () => net.loss(net.forward(X), Y) + l2Penalty(net.W, lambda);
    const { dW, db } = net.backward(net.forwardWithCache(X), Y);
    const dWJ = decayGradients(dW, net.W, lambda);
    for (let l = 0; l < 2; l++) {
      expect(relativeError(dWJ[l], numericalGradient(J, net.W[l], 3e-3)), `dW${l + 1}`).toBeLessThan(GRADIENT_TOLERANCE);
      // the biases' gradient is the plain one: the penalty does not contain them
      expect(relativeError(db[l], numericalGradient(J, net.b[l], 3e-3)), `db${l + 1}`).toBeLessThan(GRADIENT_TOLERANCE);
    }
    // and the check can fail: without the λW term the error is far above the tolerance
    expect(relativeError(dW[0], numericalGradient(J, net.W[0], 3e-3))).toBeGreaterThan(0.05);
  });

  it('the penalty is (λ/2) times the sum of the squared weights, by hand', () => {
    const W = [Matrix.fromArray([[1, -2]]), Matrix.fromArray([[3]])];
    expect(l2Penalty(W, 0.1)).toBeCloseTo(0.05 * (1 + 4 + 9), 10);
  });

  it('with SGD and a zero data gradient, each step multiplies the weights by (1 − ηλ) and leaves the biases', async () => {
    // one training step on one image with λ = 0.5, η = 0.1; compare with the same step at λ = 0
    const data = { train: mnistSubset('train', 0, 1) };
    const create = () => MLP.create({ sizes: [784, 8, 10], activation: 'relu', init: 'he', seed: 3 });
    const plain = create(), decayed = create(), start = create();
    const options = { epochs: 1, learningRate: 0.1, batchSize: 1, seed: 1 };
    await train(plain, data, options);
    await train(decayed, data, { ...options, weightDecay: 0.5 });
    // W_decayed = W − η(dW + λW) = W_plain − ηλ·W_start
    for (let l = 0; l < 2; l++) {
      start.W[l].data.forEach((w, p) => expect(decayed.W[l].data[p]).toBeCloseTo(plain.W[l].data[p] - 0.05 * w, 5));
      expect(decayed.b[l].data).toEqual(plain.b[l].data);
    }
  });
});

describe('inverted dropout', () => {
  it('masks hold 0 or 1/keep, one per hidden unit and example, and keep each unit with probability keep', () => {
    const [D1] = dropoutMasks([784, 200, 10], 500, 0.8, createRng(1));
    expect(D1.shape).toEqual([200, 500]);
    const values = new Set(D1.data);
    expect([...values].sort()).toEqual([0, Math.fround(1 / 0.8)]);
    const kept = D1.data.filter((d) => d > 0).length / D1.data.length;
    expect(kept).toBeGreaterThan(0.79); // 100,000 draws: the standard error is 0.0013
    expect(kept).toBeLessThan(0.81);
  });

  it('keeps the expected activation: the average over many masks of A1 ⊙ D1 is A1', () => {
    const { net, X } = tiny('sigmoid');
    const A1 = net.forwardWithCache(X).A[1];
    const rng = createRng(5);
    const sum = new Float64Array(A1.data.length);
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      const dropped = net.forwardWithCache(X, dropoutMasks(net.config.sizes, X.cols, 0.5, rng)).A[1];
      dropped.data.forEach((a, p) => (sum[p] += a));
    }
    // each entry averages 4,000 draws of 0 or 2a: standard error a/√4000 ≈ 0.016a
    A1.data.forEach((a, p) => expect(sum[p] / draws).toBeCloseTo(a, 1));
  });

  it('backward through fixed masks matches finite differences of the dropped-out loss', () => {
    const { net, X, Y } = tiny();
    const D = dropoutMasks(net.config.sizes, X.cols, 0.6, createRng(8));
    const J = () => net.loss(net.forwardWithCache(X, D).A[2], Y);
    const grads = net.backward(net.forwardWithCache(X, D), Y);
    for (let l = 0; l < 2; l++) {
      expect(relativeError(grads.dW[l], numericalGradient(J, net.W[l], 3e-3)), `dW${l + 1}`).toBeLessThan(GRADIENT_TOLERANCE);
      expect(relativeError(grads.db[l], numericalGradient(J, net.b[l], 3e-3)), `db${l + 1}`).toBeLessThan(GRADIENT_TOLERANCE);
    }
    // the masks matter: the gradient without them is another gradient
    const plain = net.backward(net.forwardWithCache(X), Y);
    expect(relativeError(plain.dW[0], numericalGradient(J, net.W[0], 3e-3))).toBeGreaterThan(0.05);
  });

  it('is off at prediction: forward() and evaluate() give the same outputs whatever dropout the network was trained with', async () => {
    const data = { train: mnistSubset('train', 0, 200) };
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 2 });
    await train(net, data, { epochs: 1, learningRate: 0.1, batchSize: 20, seed: 2, dropout: 0.5 });
    const test = mnistSubset('test', 0, 50);
    const first = net.forward(test.X);
    expect(net.forward(test.X).data).toEqual(first.data); // no randomness left in prediction
    expect(evaluate(net, test).loss).toBe(evaluate(net, test).loss);
  });

  it('is seeded: the same seed gives the same run, another seed another run', async () => {
    const data = { train: mnistSubset('train', 0, 100) };
    const run = async (seed: number) => {
      const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 2 });
      await train(net, data, { epochs: 1, learningRate: 0.1, batchSize: 20, seed, dropout: 0.7 });
      return net.W[0].data;
    };
    expect(await run(1)).toEqual(await run(1));
    expect(await run(1)).not.toEqual(await run(2));
  });

  it('refuses a keep probability outside (0, 1]', async () => {
    const data = { train: mnistSubset('train', 0, 10) };
    const net = MLP.create({ sizes: [784, 4, 10], activation: 'relu', init: 'he', seed: 2 });
    await expect(train(net, data, { epochs: 1, learningRate: 0.1, batchSize: 5, seed: 1, dropout: 0 })).rejects.toThrow(/keep probability must be in \(0, 1\], got 0/);
  });
});
