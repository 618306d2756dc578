import { describe, expect, it } from 'vitest';
import { MLP, columns, oneHot } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { plainStep, type PlainNet } from '../bench/baseline.ts';

describe('the engine against a plain number[][] implementation', () => {
  it('four SGD steps on real MNIST batches (zero-skipping kernels in use) give the same weights', () => {
    const { X, labels } = mnistSubset('train', 0, 256);
    const net = MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 1 });
    const plain: PlainNet = {
      W1: net.W[0].toArray(), b1: Array.from(net.b[0].data), W2: net.W[1].toArray(), b2: Array.from(net.b[1].data),
    };
    for (let start = 0; start < 256; start += 64) {
      const idx = Array.from({ length: 64 }, (_, i) => start + i);
      const Xb = columns(X, idx);
      const Y = oneHot(idx.map((j) => labels[j]));
      net.sgdStep(net.backward(net.forwardWithCache(Xb), Y), 0.5);
      plainStep(plain, Xb.toArray(), Y.toArray(), 0.5);
    }
    const maxDiff = (a: ArrayLike<number>, b: number[]) => Math.max(...b.map((v, p) => Math.abs(a[p] - v)));
    expect(maxDiff(net.W[0].data, plain.W1.flat())).toBeLessThan(1e-5);
    expect(maxDiff(net.b[0].data, plain.b1)).toBeLessThan(1e-5);
    expect(maxDiff(net.W[1].data, plain.W2.flat())).toBeLessThan(1e-5);
    expect(maxDiff(net.b[1].data, plain.b2)).toBeLessThan(1e-5);
    // and the steps did move the weights far more than that tolerance
    expect(maxDiff(net.W[1].data, MLP.create(net.config).W[1].toArray().flat())).toBeGreaterThan(1e-2);
  });
});
