// Claims of chapter 4 (weights, biases and their shapes) checked with the engine.
import { describe, expect, it } from 'vitest';
import { MLP, Matrix, createRng, initWeights, layerStats, matmul, scalar } from '../../src/engine/index.ts';

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

  /** The largest |activation| of layer 10 in the same network. */
  function largestInLayer10(activation: 'tanh' | 'relu', init: 'small'): number {
    const net = MLP.create({ sizes: [256, ...Array(10).fill(256), 10], activation, init, seed: 4 });
    const { A } = net.forwardWithCache(Matrix.randn(256, 64, createRng(40)));
    return Math.max(...Array.from(A[10].data, Math.abs));
  }

  it('×0.01: about 6 times smaller per layer with tanh, 9 with ReLU; in layer 10 the std is ≈ 1e-8 and no tanh activation exceeds 1e-7 (ReLU 1e-8)', () => {
    const tanh = lastStd('tanh', 'small'), relu = lastStd('relu', 'small');
    for (let l = 1; l < 10; l++) {
      expect(tanh[l - 1] / tanh[l]).toBeGreaterThan(5.5);
      expect(tanh[l - 1] / tanh[l]).toBeLessThan(7);
      expect(relu[l - 1] / relu[l]).toBeGreaterThan(7.5);
      expect(relu[l - 1] / relu[l]).toBeLessThan(10.5);
    }
    expect(tanh[9]).toBeGreaterThan(5e-9);
    expect(tanh[9]).toBeLessThan(2e-8);
    expect(largestInLayer10('tanh', 'small')).toBeGreaterThan(1e-8); // not within 1e-8 of 0, as an older wording said
    expect(largestInLayer10('tanh', 'small')).toBeLessThan(1e-7);
    expect(largestInLayer10('relu', 'small')).toBeLessThan(1e-8);
  });

  it('He + ReLU keeps a std between 0.8 and 0.95 in all ten layers; Xavier + ReLU shrinks it ≈ √2 per layer, 0.58 → 0.025', () => {
    for (const std of lastStd('relu', 'he')) {
      expect(std).toBeGreaterThan(0.8);
      expect(std).toBeLessThan(0.95);
    }
    const xavier = lastStd('relu', 'xavier');
    expect(xavier[0]).toBeCloseTo(0.58, 2);
    expect(xavier[9]).toBeCloseTo(0.025, 3);
    expect((xavier[0] / xavier[9]) ** (1 / 9)).toBeCloseTo(Math.SQRT2, 1);
  });

  it('Xavier + tanh does not keep its width: the std falls 0.63 → 0.23 over ten layers, about 10% per layer after the first few', () => {
    const std = lastStd('tanh', 'xavier');
    expect(std[0]).toBeCloseTo(0.63, 2);
    expect(std[9]).toBeCloseTo(0.23, 2);
    for (let l = 1; l < 10; l++) expect(std[l]).toBeLessThan(std[l - 1]);
    for (let l = 4; l < 10; l++) {
      expect(std[l - 1] / std[l]).toBeGreaterThan(1.03);
      expect(std[l - 1] / std[l]).toBeLessThan(1.15);
    }
  });

  it('near 0, tanh has value 0 and slope 1, but sigmoid has value 0.5 and slope only 0.25', () => {
    expect(scalar.tanh.f(0)).toBe(0);
    expect(scalar.tanh.df(0)).toBeCloseTo(1, 12);
    expect(scalar.sigmoid.f(0)).toBe(0.5);
    expect(scalar.sigmoid.df(0)).toBeCloseTo(0.25, 12);
  });

  it('the engine\'s "xavier" is LeCun\'s Var(w) = 1/n_in, which equals Glorot\'s 2/(n_in + n_out) only when n_in = n_out', () => {
    const varW = (nOut: number, nIn: number) => layerStats(initWeights('xavier', nOut, nIn, createRng(9))).std ** 2;
    expect(varW(400, 100) * 100).toBeCloseTo(1, 1);
    expect(varW(100, 100) * 100).toBeCloseTo(100 * (2 / (100 + 100)), 1);
    expect(varW(400, 100)).not.toBeCloseTo(2 / (100 + 400), 3);
  });

  it('tanh: unscaled randn saturates near ±1, ×0.01 vanishes, Xavier keeps a usable spread', () => {
    expect(lastStd('tanh', 'randn')[9]).toBeGreaterThan(0.9);
    expect(lastStd('tanh', 'small')[9]).toBeLessThan(1e-6);
    const xavier = lastStd('tanh', 'xavier')[9];
    expect(xavier).toBeGreaterThan(0.1);
    expect(xavier).toBeLessThan(0.9);
  });
});
