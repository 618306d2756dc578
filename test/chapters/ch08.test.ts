// Claims of chapter 8 (Loss and gradient descent), checked with the engine.
import { describe, expect, it } from 'vitest';
import {
  MLP,
  Matrix,
  bowl,
  columns,
  createRng,
  descentStep1D,
  mseGrad,
  mul,
  narrowValley,
  oneHot,
  scale,
  sumAll,
  twoDips,
} from '../../src/engine';
import { runChapterCells, shownValues } from './chapter-cells';

function descend(w: number, eta: number, steps: number, loss = bowl): number[] {
  const ws = [w];
  for (let t = 0; t < steps; t++) ws.push(descentStep1D(loss, ws[ws.length - 1], eta).w);
  return ws;
}

describe('chapter 8: gradient descent', () => {
  it('the worked example on the bowl: −2 → 0.4 → 1.36 → 1.744 → 1.898 → 1.959 with η = 0.3', () => {
    expect(bowl.df(-2)).toBe(-8);
    const ws = descend(-2, 0.3, 5);
    [-2, 0.4, 1.36, 1.744, 1.898, 1.959].forEach((w, t) => expect(ws[t]).toBeCloseTo(w, 3));
    expect(bowl.f(0.4)).toBeCloseTo(3.56, 10);
    expect(bowl.f(1.36)).toBeCloseTo(1.4096, 10);
    // subtracting a negative slope made w LARGER
    expect(ws[1]).toBeGreaterThan(ws[0]);
  });

  it('each step multiplies the distance to the minimum by 1 − 2η (the table)', () => {
    for (const eta of [0.02, 0.3, 0.9, 1.05]) {
      const ws = descend(-2, eta, 10);
      for (let t = 1; t < ws.length; t++) expect(ws[t] - 2).toBeCloseTo((1 - 2 * eta) * (ws[t - 1] - 2), 9);
    }
    expect(Math.abs(descend(-2, 0.02, 30)[30] - 2)).toBeGreaterThan(1); // "still more than 1 away"
    const bouncing = descend(-2, 0.9, 6).map((w) => Math.sign(w - 2));
    expect(bouncing).toEqual([-1, 1, -1, 1, -1, 1, -1]);
    const loss = descend(-2, 1.05, 30).map(bowl.f);
    expect(loss[30]).toBeGreaterThan(loss[0] * 100);
  });

  it('the small-step argument: L(w − η·L′) ≈ L − η·L′² for small η', () => {
    for (const w of [-2, 0.5, 3, 6]) {
      const eta = 1e-4;
      const slope = bowl.df(w);
      expect(bowl.f(w - eta * slope)).toBeCloseTo(bowl.f(w) - eta * slope ** 2, 5);
    }
  });

  it('two dips: the start decides the minimum (0.5 → shallow dip, 0 → deep dip); on the maximum it stays', () => {
    expect(descend(0.5, 0.1, 200, twoDips)[200]).toBeCloseTo(1.267, 3);
    expect(descend(0, 0.1, 200, twoDips)[200]).toBeCloseTo(-1.5257, 3);
    const maximum = 0.25865202250415; // a root of w³ − 2w + 1/2
    expect(Math.abs(twoDips.df(maximum))).toBeLessThan(1e-12);
    expect(Math.abs(descend(maximum, 0.1, 5, twoDips)[5] - maximum)).toBeLessThan(1e-9);
  });

  it('narrow valley: curvature 10 along w2 sets the limit η = 2/10', () => {
    const run = (eta: number) => {
      let w: [number, number] = [...narrowValley.start];
      for (let t = 0; t < 100; t++) {
        const [g1, g2] = narrowValley.grad(w[0], w[1]);
        w = [w[0] - eta * g1, w[1] - eta * g2];
      }
      return Math.abs(w[1]);
    };
    expect(run(0.19)).toBeLessThan(1e-3);
    expect(run(0.21)).toBeGreaterThan(100);
  });

  it('the batch cell: dL/dw is −0.45 for one example and for 128 copies (averaged); a sum would give −57.6', () => {
    const gradient = (w: number, X: Matrix, Y: Matrix) => sumAll(mul(mseGrad(scale(X, w), Y), X));
    const copies = (m: number, v: number) => new Matrix(1, m, new Float32Array(m).fill(v));
    expect(gradient(0.2, Matrix.fromArray([[0.5]]), Matrix.fromArray([[1]]))).toBeCloseTo(-0.45, 6);
    expect(gradient(0.2, copies(128, 0.5), copies(128, 1))).toBeCloseTo(-0.45, 5);
    expect(128 * gradient(0.2, copies(128, 0.5), copies(128, 1))).toBeCloseTo(-57.6, 3);
  });

  it("the network's gradients are averages: a batch of k copies of one example gives that example's gradient", () => {
    const rng = createRng(8);
    const net = MLP.create({ sizes: [5, 4, 3], activation: 'sigmoid', init: 'xavier', seed: 3 });
    const x = Matrix.randn(5, 1, rng);
    const y = oneHot([2], 3);
    const single = net.backward(net.forwardWithCache(x), y);
    const X = columns(x, [0, 0, 0, 0, 0, 0, 0, 0]);
    const Y = columns(y, [0, 0, 0, 0, 0, 0, 0, 0]);
    const batch = net.backward(net.forwardWithCache(X), Y);
    for (const name of ['dW', 'db'] as const) {
      for (let l = 0; l < 2; l++) {
        single[name][l].data.forEach((v, p) => expect(batch[name][l].data[p]).toBeCloseTo(v, 6));
      }
    }
  });

  it('an epoch of 10,000 images in batches of 100 is 100 iterations; 60,000 in batches of 128 is 469', () => {
    const iterations = (N: number, m: number) => {
      let count = 0;
      for (let start = 0; start < N; start += m) count++; // one step per minibatch, the last may be smaller
      return count;
    };
    expect(iterations(10_000, 100)).toBe(100);
    expect(iterations(60_000, 128)).toBe(Math.ceil(60_000 / 128));
    expect(iterations(60_000, 128)).toBe(469);
  });

  it('parameter count of the 784 → 16 → 10 network is 12,730', () => {
    const net = MLP.create({ sizes: [784, 16, 10], activation: 'relu', init: 'he', seed: 1 });
    expect(net.parameterCount()).toBe(12_730);
  });

  it("the chapter's cells run in order without errors", async () => {
    const runs = await runChapterCells('08-loss-and-gradient-descent');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.error).toBeUndefined();
    const [, batch] = runs.map(shownValues);
    expect(Number(batch.get('dL/dw with m = 1'))).toBeCloseTo(-0.45, 6);
    expect(Number(batch.get('dL/dw with the same example 128 times (averaged)'))).toBeCloseTo(-0.45, 5);
    expect(Number(batch.get('what a SUM over the batch would give'))).toBeCloseTo(-57.6, 3);
    expect(runs[0].outputs.some((o) => o.kind === 'plot' && o.series.length === 3)).toBe(true);
  });
});
