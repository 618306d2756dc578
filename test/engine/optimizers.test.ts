// Each update rule against values worked out by hand on the smallest problem there is: one weight w,
// the loss L(w) = w²/2 (so the gradient is g = w), starting at w = 1 with η = 0.1.
import { describe, expect, it } from 'vitest';
import { Matrix, createOptimizer, type OptimizerOptions } from '../../src/engine/index.ts';

/** The weights after each of `steps` steps on L(w) = w²/2 from w = 1. */
function walk(options: OptimizerOptions, steps = 3, eta = 0.1): number[] {
  const w = Matrix.fromArray([[1]]);
  const optimizer = createOptimizer(options);
  const path: number[] = [];
  for (let t = 0; t < steps; t++) {
    optimizer.step([w], [w.clone()], eta); // g = w
    path.push(w.data[0]);
  }
  return path;
}

describe('update rules, by hand on L(w) = w²/2 from w = 1, η = 0.1', () => {
  it('SGD: w ← w − ηg multiplies w by 0.9 each step', () => {
    expect(walk({ name: 'sgd' })).toEqual([0.9, 0.81, 0.729].map(Math.fround));
  });

  it('momentum (β = 0.9): v = 1, 1.8, 2.34 and w = 0.9, 0.72, 0.486', () => {
    // v1 = 1, w1 = 1 − 0.1·1 = 0.9; v2 = 0.9·1 + 0.9 = 1.8, w2 = 0.9 − 0.18 = 0.72;
    // v3 = 0.9·1.8 + 0.72 = 2.34, w3 = 0.72 − 0.234 = 0.486
    const path = walk({ name: 'momentum', beta: 0.9 });
    [0.9, 0.72, 0.486].forEach((w, t) => expect(path[t]).toBeCloseTo(w, 6));
  });

  it('RMSProp (β = 0.9): the first step is η·g/√(0.1·g²) = 0.316, whatever the size of g', () => {
    // s1 = 0.1·1² = 0.1, w1 = 1 − 0.1/√0.1 = 0.683772;
    // s2 = 0.9·0.1 + 0.1·0.683772² = 0.136754, w2 = 0.683772 − 0.1·0.683772/√0.136754 = 0.498871;
    // s3 = 0.9·0.136754 + 0.1·0.498871² = 0.147966, w3 = 0.498871 − 0.1·0.498871/√0.147966 = 0.369181
    const path = walk({ name: 'rmsprop', beta: 0.9 });
    [0.683772, 0.498871, 0.369181].forEach((w, t) => expect(path[t]).toBeCloseTo(w, 5));
    // the same first step from w = 1000: the scale divides out
    const far = Matrix.fromArray([[1000]]);
    createOptimizer({ name: 'rmsprop' }).step([far], [far.clone()], 0.1);
    expect(1000 - far.data[0]).toBeCloseTo(0.1 / Math.sqrt(0.1), 3);
  });

  it('Adam (β1 = 0.9, β2 = 0.999): the first corrected step is exactly η, then m̂/√v̂ ≈ 1', () => {
    // t = 1: m = 0.1, v = 0.001, m̂ = 0.1/0.1 = 1, v̂ = 0.001/0.001 = 1, w1 = 1 − 0.1 = 0.9
    // t = 2: m = 0.09 + 0.09 = 0.18, v = 0.000999 + 0.00081 = 0.001809,
    //        m̂ = 0.18/0.19 = 0.947368, v̂ = 0.001809/0.001999 = 0.904952, w2 = 0.9 − 0.1·0.947368/0.951290 = 0.800412
    const path = walk({ name: 'adam' });
    expect(path[0]).toBeCloseTo(0.9, 6);
    expect(path[1]).toBeCloseTo(0.800412, 5);
    expect(path[2]).toBeCloseTo(0.701586, 5);
  });
});

describe('what each piece of Adam is for', () => {
  /** The first `steps` step sizes |Δw| of Adam on a constant gradient g = 1 (the loss L(w) = w). */
  function adamSteps(options: Partial<Extract<OptimizerOptions, { name: 'adam' }>>, steps: number): number[] {
    const w = Matrix.fromArray([[0]]);
    const g = Matrix.fromArray([[1]]);
    const optimizer = createOptimizer({ name: 'adam', ...options });
    const sizes: number[] = [];
    for (let t = 0; t < steps; t++) {
      const before = w.data[0];
      optimizer.step([w], [g], 0.01);
      sizes.push(before - w.data[0]);
    }
    return sizes;
  }

  it('with bias correction, a constant gradient gives steps of η from the very first', () => {
    for (const size of adamSteps({}, 20)) expect(size).toBeCloseTo(0.01, 6);
  });

  it('m alone, uncorrected, is (1 − β1ᵗ)·g: the first step would be 10 times too small', () => {
    // β2 = 0 makes v = g² at once (nothing to correct), isolating m: step t = η·(1 − 0.9ᵗ)
    const sizes = adamSteps({ beta2: 0, biasCorrection: false }, 3);
    [0.1, 0.19, 0.271].forEach((fraction, t) => expect(sizes[t]).toBeCloseTo(0.01 * fraction, 6));
  });

  it('v alone, uncorrected, is (1 − β2ᵗ)·g²: with β2 = 0.999 the first step would be 1/√0.001 ≈ 31.6 times too big', () => {
    // β1 = 0 makes m = g at once, isolating v: step t = η/√(1 − 0.999ᵗ)
    const sizes = adamSteps({ beta1: 0, biasCorrection: false }, 2);
    expect(sizes[0]).toBeCloseTo(0.01 / Math.sqrt(0.001), 4);
    expect(sizes[1]).toBeCloseTo(0.01 / Math.sqrt(1 - 0.999 ** 2), 4);
  });

  it('both uncorrected with the usual β1 = 0.9, β2 = 0.999: early steps too BIG, 3.16 × η at first and 6.5 × η at t = 10', () => {
    // step t = η·(1 − 0.9ᵗ)/√(1 − 0.999ᵗ): the shrunken v wins over the shrunken m
    const sizes = adamSteps({ biasCorrection: false }, 10);
    expect(sizes[0] / 0.01).toBeCloseTo(0.1 / Math.sqrt(0.001), 3); // 3.162
    expect(sizes[9] / 0.01).toBeCloseTo((1 - 0.9 ** 10) / Math.sqrt(1 - 0.999 ** 10), 2); // 6.53
  });

  it('both uncorrected with β2 = β1 = 0.9: early steps too SMALL, 0.316 × η at first', () => {
    const sizes = adamSteps({ beta2: 0.9, biasCorrection: false }, 1);
    expect(sizes[0] / 0.01).toBeCloseTo(0.1 / Math.sqrt(0.1), 4);
  });
});

describe('momentum', () => {
  it('on a constant gradient the step grows to η/(1 − β): 10η for β = 0.9, 100η for β = 0.99', () => {
    for (const beta of [0.9, 0.99]) {
      const w = Matrix.fromArray([[0]]);
      const g = Matrix.fromArray([[1]]);
      const optimizer = createOptimizer({ name: 'momentum', beta });
      let step = 0;
      for (let t = 0; t < 2000; t++) {
        const before = w.data[0];
        optimizer.step([w], [g], 1e-4);
        step = before - w.data[0];
      }
      expect(step).toBeCloseTo(1e-4 / (1 - beta), 6);
      expect(optimizer.t).toBe(2000);
    }
  });

  it('on a gradient that flips sign every step the steps shrink to η/(1 + β)', () => {
    const w = Matrix.fromArray([[0]]);
    const optimizer = createOptimizer({ name: 'momentum', beta: 0.9 });
    let step = 0;
    for (let t = 0; t < 300; t++) {
      const before = w.data[0];
      optimizer.step([w], [Matrix.fromArray([[t % 2 ? -1 : 1]])], 0.01);
      step = Math.abs(before - w.data[0]);
    }
    expect(step).toBeCloseTo(0.01 / 1.9, 5);
  });

  it('keeps one velocity per weight', () => {
    const P = Matrix.fromArray([[0, 0]]);
    const optimizer = createOptimizer({ name: 'momentum', beta: 0.5 });
    optimizer.step([P], [Matrix.fromArray([[1, -2]])], 1);
    optimizer.step([P], [Matrix.fromArray([[1, 0]])], 1);
    // v = (1, −2) then (1.5, −1): P = −(1 + 1.5), −(−2 − 1)
    expect(Array.from(P.data)).toEqual([-2.5, 3]);
  });
});

describe('bad settings', () => {
  it('names what is wrong', () => {
    expect(() => createOptimizer({ name: 'nesterov' } as never)).toThrow(/name must be one of sgd, momentum, rmsprop, adam/);
    expect(() => createOptimizer({ name: 'momentum', beta: 1 })).toThrow(/beta must be in \[0, 1\), got 1/);
    expect(() => createOptimizer({ name: 'adam', epsilon: 0 })).toThrow(/epsilon must be > 0/);
  });
});
