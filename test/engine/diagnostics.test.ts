import { describe, expect, it } from 'vitest';
import { MLP, Matrix, createRng, deadUnits, histogram, layerStats } from '../../src/engine/index.ts';

describe('layerStats', () => {
  it('matches hand-computed mean, standard deviation, zeros and range', () => {
    // values 0, 0, 2, 4, −2, 8: mean 2, squared deviations 4+4+0+4+16+36 = 64, var 64/6
    const A = Matrix.fromArray([[0, 0, 2], [4, -2, 8]]);
    const s = layerStats(A);
    expect(s.mean).toBeCloseTo(2, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(64 / 6), 6);
    expect(s.zeroFraction).toBeCloseTo(2 / 6, 12);
    expect([s.min, s.max]).toEqual([-2, 8]);
  });
});

describe('histogram', () => {
  it('puts each value in its bin, hi in the last bin, and counts what is outside', () => {
    const A = Matrix.fromArray([[-1, -0.5, 0, 0.49, 0.5, 1, 1.5, -3]]);
    const h = histogram(A, -1, 1, 4); // bins [−1, −0.5) [−0.5, 0) [0, 0.5) [0.5, 1]
    expect(h.counts).toEqual([1, 1, 2, 2]);
    expect([h.below, h.above, h.total]).toEqual([1, 1, 8]);
  });

  it('leaves exact zeros out when asked (ReLU outputs)', () => {
    const h = histogram(Matrix.fromArray([[0, 0, 0, 0.2, 2.9]]), 0, 3, 3, true);
    expect(h.counts).toEqual([1, 0, 1]);
    expect(h.total).toBe(2);
  });

  it('rejects an empty range with a clear message', () => {
    expect(() => histogram(Matrix.zeros(1, 1), 1, 1, 3)).toThrow(/lo < hi/);
  });
});

describe('deadUnits', () => {
  it('counts hidden units whose pre-activation is ≤ 0 for every example', () => {
    const net = MLP.create({ sizes: [2, 3, 2], activation: 'relu', init: 'he', seed: 1 });
    // unit 0: z = x0 (alive when x0 > 0); unit 1: z = −x0 − x1 − 10 (never positive for x in [0, 1]);
    // unit 2: z = 0 exactly (≤ 0, so it counts as dead)
    net.W[0].data.set([1, 0, -1, -1, 0, 0]);
    net.b[0].data.set([0, -10, 0]);
    const X = Matrix.fromArray([[0.5, 0, 1], [0.2, 1, 0.3]]); // (2, 3): three examples
    expect(deadUnits(net, X)).toEqual([2]);
  });

  it('returns one count per hidden layer and agrees with a direct check of Z', () => {
    const net = MLP.create({ sizes: [5, 8, 6, 3], activation: 'relu', init: 'randn', seed: 3 });
    const X = Matrix.randn(5, 2, createRng(9)); // two examples: some units are negative for both
    const { Z } = net.forwardWithCache(X);
    const expected = [0, 1].map((l) => Z[l].toArray().filter((row) => row.every((z) => z <= 0)).length);
    expect(expected[0] + expected[1]).toBeGreaterThan(0);
    expect(deadUnits(net, X)).toEqual(expected);
  });
});
