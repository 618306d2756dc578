import { describe, expect, it } from 'vitest';
import { Matrix, createRng, initWeights, initialisers } from '../../src/engine/index.ts';

function stats(values: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0, s2 = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i];
    s2 += values[i] ** 2;
  }
  const mean = s / values.length;
  return { mean, variance: s2 / values.length - mean ** 2 };
}

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    first.forEach((u) => expect(u >= 0 && u < 1).toBe(true));
  });

  it('randn gives floats (not integers) with mean ≈ 0 and variance ≈ 1', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 100_000 }, () => rng.randn());
    const { mean, variance } = stats(values);
    // standard error of the mean is 1/√n ≈ 0.003
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(values.filter(Number.isInteger).length).toBe(0);
    // about 68% within one standard deviation
    expect(values.filter((v) => Math.abs(v) < 1).length / values.length).toBeCloseTo(0.6827, 2);
  });

  it('int stays in range and shuffle is a seeded permutation', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(10);
      expect(Number.isInteger(k) && k >= 0 && k < 10).toBe(true);
    }
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = [...a];
    createRng(5).shuffle(a);
    createRng(5).shuffle(b);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('initialisers', () => {
  it('have the documented scales', () => {
    expect(initialisers.randn.scale(784)).toBe(1);
    expect(initialisers.small.scale(784)).toBe(0.01);
    expect(initialisers.xavier.scale(784)).toBeCloseTo(1 / 28, 12);
    expect(initialisers.he.scale(50)).toBeCloseTo(0.2, 12);
  });

  it('initWeights returns (nOut, nIn) with standard deviation equal to the scale', () => {
    for (const name of ['randn', 'small', 'xavier', 'he'] as const) {
      const W = initWeights(name, 64, 784, createRng(3));
      expect(W.shape).toEqual([64, 784]);
      const sd = Math.sqrt(stats(W.data).variance);
      expect(sd / initialisers[name].scale(784)).toBeCloseTo(1, 1);
    }
  });

  it('Matrix.randn is seeded', () => {
    expect(Matrix.randn(3, 4, createRng(9)).data).toEqual(Matrix.randn(3, 4, createRng(9)).data);
  });
});
