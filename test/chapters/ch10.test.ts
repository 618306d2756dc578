// Chapter 10's claims, checked with the engine against independent computations.
import { describe, expect, it } from 'vitest';
import {
  GRADIENT_TOLERANCE,
  MLP,
  Matrix,
  createRng,
  matmulTransB,
  numericalGradient,
  oneHot,
  relativeError,
  scale,
  scalar,
  sigmoid,
  sub,
  sum,
  sumAll,
  map,
  mul,
} from '../../src/engine';
import { M_EXAMPLES, SIZES, backpropRun } from '../../components/widgets/backprop-steps';
import { readFileSync } from 'node:fs';

const scalarRelu = scalar.relu;
const chapter = readFileSync(new URL('../../content/chapters/10-backpropagation.mdx', import.meta.url), 'utf8');
import { BUGS, checkSetup, compare } from '../../components/widgets/gradient-bugs';

/** Plain-loop A·Bᵀ, independent of the engine's kernels. */
function timesTransposed(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B.map((other) => row.reduce((s, v, k) => s + v * other[k], 0)));
}

describe('the BackpropStepper run (4 → 3 → 2, m = 5)', () => {
  const run = backpropRun('sigmoid', 3);
  const v = run.values;

  it('uses sizes that differ everywhere, so no two axes share a length', () => {
    expect(new Set([...SIZES, M_EXAMPLES]).size).toBe(4);
    expect(chapter).toContain('3 hidden units, 2 classes and $m = 5$ examples');
  });

  it('gives every matrix the shape the chapter derives', () => {
    const expected: Record<string, [number, number]> = {
      X: [4, 5], Y: [2, 5], Z1: [3, 5], A1: [3, 5], Z2: [2, 5], A2: [2, 5],
      dZ2: [2, 5], dW2: [2, 3], db2: [2, 1], dA1: [3, 5], dZ1: [3, 5], dW1: [3, 4], db1: [3, 1],
    };
    for (const [name, shape] of Object.entries(expected)) expect(v[name].shape, name).toEqual(shape);
    expect(v.dW1.shape).toEqual(v.W1.shape);
    expect(v.db2.shape).toEqual(v.b2.shape);
  });

  it('dW2 = dZ2·A1ᵀ and dW1 = dZ1·Xᵀ, recomputed with plain loops', () => {
    const close = (got: Matrix, want: number[][]) =>
      got.toArray().forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(want[i][j], 6)));
    close(v.dW2, timesTransposed(v.dZ2.toArray(), v.A1.toArray()));
    close(v.dW1, timesTransposed(v.dZ1.toArray(), v.X.toArray()));
  });

  it('dZ2 = (A2 − Y)/m by hand, and db2 sums each row of dZ2', () => {
    for (let i = 0; i < 2; i++) {
      let rowSum = 0;
      for (let j = 0; j < 5; j++) {
        expect(v.dZ2.get(i, j)).toBeCloseTo((v.A2.get(i, j) - v.Y.get(i, j)) / 5, 7);
        rowSum += v.dZ2.get(i, j);
      }
      expect(v.db2.get(i, 0)).toBeCloseTo(rowSum, 7);
    }
  });

  it('its gradients agree with central differences of the loss', () => {
    const net = MLP.create({ sizes: [4, 3, 2], activation: 'sigmoid', init: 'xavier', seed: 3 });
    const loss = () => net.loss(net.forward(v.X), v.Y);
    expect(relativeError(numericalGradient(loss, net.W[0]), v.dW1)).toBeLessThan(GRADIENT_TOLERANCE);
    expect(relativeError(numericalGradient(loss, net.W[1]), v.dW2)).toBeLessThan(GRADIENT_TOLERANCE);
    expect(relativeError(numericalGradient(loss, net.b[0]), v.db1)).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('every backward step after dZ2 reads only the cache, the labels, the parameters or an earlier gradient', () => {
    const available = new Set(['X', 'Y', 'W1', 'b1', 'W2', 'b2']);
    for (const step of run.steps.slice(1)) {
      for (const name of step.reads) if (name !== 'gPrimeZ1') expect(available.has(name), `${step.id} reads ${name}`).toBe(true);
      available.add(step.id);
    }
  });
});

describe('the gradient check and its "break it" switch', () => {
  const setup = checkSetup(11);
  const errors = (bug: (typeof BUGS)[number]['value']) =>
    Object.fromEntries(compare(setup, bug).map((r) => [r.name, r.error]));

  it('the correct backward pass passes for every parameter', () => {
    for (const e of Object.values(errors('none'))) expect(e).toBeLessThan(1e-3);
  });

  it('a wrong sign gives relative error 1 everywhere', () => {
    for (const e of Object.values(errors('sign'))) expect(e).toBeCloseTo(1, 3);
  });

  it('a missing 1/m (m = 4) gives (m − 1)/(m + 1) = 0.6 everywhere', () => {
    for (const e of Object.values(errors('no-m'))) expect(e).toBeCloseTo(0.6, 2);
  });

  it('a scalar db fails db1 and db2 only; for softmax it makes db2 exactly zero', () => {
    const e = errors('scalar-db');
    expect(e.dW1).toBeLessThan(GRADIENT_TOLERANCE);
    expect(e.dW2).toBeLessThan(GRADIENT_TOLERANCE);
    expect(e.db1).toBeGreaterThan(0.1);
    expect(e.db2).toBeCloseTo(1, 3);
    const db2 = compare(setup, 'scalar-db').find((r) => r.name === 'db2')!.analytic;
    for (const x of db2.data) expect(Math.abs(x)).toBeLessThan(1e-6);
  });

  it('σ′ written as z(1 − z) breaks dW1 and db1 but not the output layer', () => {
    const e = errors('z-prime');
    expect(e.dW2).toBeLessThan(GRADIENT_TOLERANCE);
    expect(e.db2).toBeLessThan(GRADIENT_TOLERANCE);
    expect(e.dW1).toBeGreaterThan(0.1);
    expect(e.db1).toBeGreaterThan(0.1);
  });
});

describe('claims in the prose', () => {
  const rng = createRng(5);
  const dZ1 = Matrix.randn(16, 8, rng);
  const b1 = Matrix.randn(16, 1, rng);

  it('the scalar db bug passes silently through broadcasting: b1 keeps its shape (16, 1)', () => {
    const scalarDb = new Matrix(1, 1, Float32Array.of(sumAll(dZ1) / 8));
    const updated = sub(b1, scale(scalarDb, 0.1));
    expect(updated.shape).toEqual([16, 1]);
    // …but every bias moved by the same amount, which the true gradient does not do.
    const moved = Array.from(updated.data, (x, i) => b1.data[i] - x);
    expect(Math.max(...moved) - Math.min(...moved)).toBeLessThan(1e-6);
    const trueDb = sum(dZ1, 1, true);
    expect(Math.max(...trueDb.data) - Math.min(...trueDb.data)).toBeGreaterThan(0.5);
  });

  it('summing without keepdims gives a row (1, 16), and b1 − row silently becomes (16, 16)', () => {
    const row = sum(dZ1, 1, false);
    expect(row.shape).toEqual([1, 16]);
    expect(sub(b1, row).shape).toEqual([16, 16]);
  });

  it('σ′(z) = a(1 − a) with a = σ(z), not z(1 − z)', () => {
    const Z = Matrix.fromArray([[-2, 0, 0.5, 3]]);
    const A = sigmoid.f(Z);
    const right = mul(A, map(A, (a) => 1 - a));
    const wrong = mul(Z, map(Z, (z) => 1 - z));
    sigmoid.df(Z).data.forEach((d, i) => expect(d).toBeCloseTo(right.data[i], 6));
    expect(sigmoid.df(Z).get(0, 1)).toBeCloseTo(0.25, 7); // hand value: σ(0)(1 − σ(0)) = 1/4
    expect(wrong.get(0, 1)).toBe(0); // z(1 − z) claims the slope at 0 is 0
    expect(wrong.get(0, 0)).toBe(-6); // and negative for z = −2, where σ is increasing
  });

  it('recomputing the forward pass instead of caching gives the same gradients (just extra work)', () => {
    const net = MLP.create({ sizes: [6, 5, 3], activation: 'relu', init: 'he', seed: 9 });
    const X = Matrix.randn(6, 4, rng);
    const Y = oneHot([0, 2, 1, 2], 3);
    const kept = net.backward(net.forwardWithCache(X), Y);
    const again = net.backward(net.forwardWithCache(X), Y);
    expect(Array.from(kept.dW[0].data)).toEqual(Array.from(again.dW[0].data));
  });
});

describe('where the 1/m goes, and the ReLU kink', () => {
  const net = MLP.create({ sizes: [4, 3, 2], activation: 'sigmoid', init: 'xavier', seed: 8 });
  const rng = createRng(8);
  const X = Matrix.randn(4, 5, rng);
  const Y = oneHot([1, 0, 0, 1, 1], 2);
  const m = 5;
  const cache = net.forwardWithCache(X);
  const ours = net.backward(cache, Y);
  // The tutorials' convention, by hand: dZ2 = A2 − Y with no 1/m, then 1/m in every parameter gradient.
  const tutorialDZ2 = sub(cache.A[2], Y);
  const tutorialDW2 = scale(matmulTransB(tutorialDZ2, cache.A[1]), 1 / m);
  const tutorialDb2 = scale(sum(tutorialDZ2, 1, true), 1 / m);

  it('both conventions give the same dW2 and db2', () => {
    expect(relativeError(tutorialDW2, ours.dW[1])).toBeLessThan(1e-6);
    expect(relativeError(tutorialDb2, ours.db[1])).toBeLessThan(1e-6);
    expect(chapter).toContain('Where the 1/m goes: two conventions');
  });

  it('mixing them is m times off: our dZ2 with the tutorial’s 1/m in dW2 is m times too small', () => {
    const mixed = scale(matmulTransB(scale(tutorialDZ2, 1 / m), cache.A[1]), 1 / m);
    ours.dW[1].data.forEach((g, i) => expect(mixed.data[i] * m).toBeCloseTo(g, 6));
    expect(chapter).toContain('every gradient is $m$ times too *small*');
  });

  it("the engine's ReLU′(0) is 0, as the chapter says", () => {
    expect(scalarRelu.df(0)).toBe(0);
    expect(scalarRelu.df(1e-9)).toBe(1);
    expect(chapter).toContain("the engine, like most libraries, uses\n$g'(0) = 0$");
  });

  it('a z within ε of the kink makes a correct ReLU backprop fail the central-difference check', () => {
    // One input, one hidden ReLU unit whose z sits just above 0: nudging its bias by ±ε crosses the kink.
    const relu = MLP.create({ sizes: [1, 1, 2], activation: 'relu', init: 'he', seed: 1 });
    const x = Matrix.fromColumn([1]);
    const y = oneHot([0], 2);
    relu.W[0].data[0] = 1;
    relu.b[0].data[0] = -1 + 1e-4; // z = 1e-4
    relu.W[1].data.set([2, -1]);
    const backprop = relu.backward(relu.forwardWithCache(x), y);
    const loss = () => relu.loss(relu.forward(x), y);
    const numeric = numericalGradient(loss, relu.b[0], 1e-2); // ε = 0.01 straddles z = 1e-4
    expect(relativeError(backprop.db[0], numeric)).toBeGreaterThan(GRADIENT_TOLERANCE);
    // away from the kink the same check passes
    relu.b[0].data[0] = 0.5;
    const away = relu.backward(relu.forwardWithCache(x), y);
    expect(relativeError(away.db[0], numericalGradient(loss, relu.b[0], 1e-2))).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('two of the backward steps read A1 or Z1 from the cache', () => {
    const run = backpropRun('sigmoid', 3);
    const readers = run.steps.filter((step) => step.phase === 'backward' && (step.reads.includes('A1') || step.reads.includes('Z1'))).map((step) => step.id);
    expect(readers).toEqual(['dW2', 'dZ1']);
    expect(chapter).toContain('two of its later steps need $A_1$ or $Z_1$');
  });
});
