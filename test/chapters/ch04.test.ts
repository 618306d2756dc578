// Claims of chapter 4 (weights, biases and their shapes) checked with the engine.
import { describe, expect, it } from 'vitest';
import { MLP, Matrix, createRng, initWeights, layerStats, matmul } from '../../src/engine/index.ts';

describe('chapter 4: shapes and parameter counts', () => {
  it('784 → 16 → 10 has W1 (16, 784), b1 (16, 1), W2 (10, 16), b2 (10, 1) and 12,730 parameters', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });
    expect([net.W[0].shape, net.b[0].shape, net.W[1].shape, net.b[1].shape]).toEqual([[16, 784], [16, 1], [10, 16], [10, 1]]);
    expect(net.parameterCount()).toBe(784 * 16 + 16 + 16 * 10 + 10);
    expect(net.parameterCount()).toBe(12_730);
  });

  it('row a of W1 holds the weights of hidden unit a: z_a = W1[a, :]·x + b_a', () => {
    const net = MLP.create({ sizes: [3, 2, 2], activation: 'identity', init: 'xavier', seed: 2 });
    const x = Matrix.fromColumn([0.5, -1, 2]);
    const { Z } = net.forwardWithCache(x);
    for (let a = 0; a < 2; a++) {
      let z = net.b[0].get(a, 0);
      for (let k = 0; k < 3; k++) z += net.W[0].get(a, k) * x.get(k, 0);
      expect(Z[0].get(a, 0)).toBeCloseTo(z, 5);
    }
  });
});

describe('chapter 4: randn and the initialisers', () => {
  it('randn gives non-integer floats with mean ≈ 0 and variance ≈ 1', () => {
    const s = layerStats(Matrix.randn(1, 100_000, createRng(7)));
    expect(Math.abs(s.mean)).toBeLessThan(0.02);
    expect(s.std ** 2).toBeGreaterThan(0.98);
    expect(s.std ** 2).toBeLessThan(1.02);
    const W = Matrix.randn(3, 4, createRng(7));
    expect(Array.from(W.data).some((v) => !Number.isInteger(v))).toBe(true);
  });

  it('Var(z) = n_in · Var(w) · E[x²]: randn gives ≈ n_in, ×0.01 gives ≈ n_in·1e-4, Xavier ≈ 1', () => {
    const rng = createRng(3);
    for (const nIn of [16, 256, 1024]) {
      const X = Matrix.randn(nIn, 2000, rng);
      const varZ = (init: 'randn' | 'small' | 'xavier') => layerStats(matmul(initWeights(init, 64, nIn, rng), X)).std ** 2;
      expect(varZ('randn') / nIn).toBeGreaterThan(0.85);
      expect(varZ('randn') / nIn).toBeLessThan(1.15);
      expect(varZ('small') / (nIn * 1e-4)).toBeGreaterThan(0.85);
      expect(varZ('small') / (nIn * 1e-4)).toBeLessThan(1.15);
      expect(varZ('xavier')).toBeGreaterThan(0.85);
      expect(varZ('xavier')).toBeLessThan(1.15);
    }
  });

  // The deep network of the InitExplorer: 10 layers of 256, random inputs x ~ N(0, 1).
  function lastStd(activation: 'tanh' | 'relu', init: 'randn' | 'small' | 'xavier' | 'he'): number[] {
    const net = MLP.create({ sizes: [256, ...Array(10).fill(256), 10], activation, init, seed: 4 });
    const { A } = net.forwardWithCache(Matrix.randn(256, 64, createRng(40)));
    return A.slice(1, 11).map((Al) => layerStats(Al).std);
  }

  it('ReLU: unscaled randn explodes, ×0.01 vanishes, Xavier halves the variance per layer, He stays healthy', () => {
    const randn = lastStd('relu', 'randn');
    expect(randn[9]).toBeGreaterThan(1e9);
    // ≈ √(256/2) ≈ 11 per layer
    expect(randn[9] / randn[8]).toBeGreaterThan(8);
    expect(randn[9] / randn[8]).toBeLessThan(15);
    expect(lastStd('relu', 'small')[9]).toBeLessThan(1e-8);
    const xavier = lastStd('relu', 'xavier');
    expect(xavier[9] / xavier[0]).toBeLessThan(0.1); // (1/√2)^9 ≈ 0.044
    const he = lastStd('relu', 'he');
    expect(he[9] / he[0]).toBeGreaterThan(0.5);
    expect(he[9] / he[0]).toBeLessThan(2);
  });

  it('tanh: unscaled randn saturates near ±1, ×0.01 vanishes, Xavier keeps a usable spread', () => {
    expect(lastStd('tanh', 'randn')[9]).toBeGreaterThan(0.9);
    expect(lastStd('tanh', 'small')[9]).toBeLessThan(1e-6);
    const xavier = lastStd('tanh', 'xavier')[9];
    expect(xavier).toBeGreaterThan(0.1);
    expect(xavier).toBeLessThan(0.9);
  });
});
