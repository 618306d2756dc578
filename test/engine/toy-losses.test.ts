import { describe, expect, it } from 'vitest';
import {
  bowl,
  descentStep1D,
  descentStep2D,
  narrowValley,
  saddle,
  toyLosses1D,
  toyLosses2D,
  twoDips,
  type ToyLoss1D,
  type ToyLoss2D,
} from '../../src/engine/toy-losses';

const h = 1e-5;
const centralDifference = (f: (x: number) => number, x: number) => (f(x + h) - f(x - h)) / (2 * h);

function run1D(loss: ToyLoss1D, eta: number, steps: number): number[] {
  const ws = [loss.start];
  for (let i = 0; i < steps; i++) ws.push(descentStep1D(loss, ws[ws.length - 1], eta).w);
  return ws;
}

function run2D(loss: ToyLoss2D, eta: number, steps: number): [number, number][] {
  const ws = [loss.start];
  for (let i = 0; i < steps; i++) ws.push(descentStep2D(loss, ws[ws.length - 1], eta).w);
  return ws;
}

describe('toy losses: gradients agree with finite differences', () => {
  for (const loss of toyLosses1D) {
    it(`${loss.id}: L′(w)`, () => {
      const [lo, hi] = loss.domain;
      for (let k = 0; k <= 20; k++) {
        const w = lo + ((hi - lo) * k) / 20;
        expect(loss.df(w)).toBeCloseTo(centralDifference(loss.f, w), 5);
      }
    });
  }
  for (const loss of toyLosses2D) {
    it(`${loss.id}: (∂L/∂w1, ∂L/∂w2)`, () => {
      const [lo, hi] = loss.domain;
      for (let a = 0; a <= 8; a++) {
        for (let b = 0; b <= 8; b++) {
          const w1 = lo + ((hi - lo) * a) / 8;
          const w2 = lo + ((hi - lo) * b) / 8 + 0.01;
          const [g1, g2] = loss.grad(w1, w2);
          expect(g1).toBeCloseTo(centralDifference((x) => loss.f(x, w2), w1), 4);
          expect(g2).toBeCloseTo(centralDifference((y) => loss.f(w1, y), w2), 4);
        }
      }
    });
  }
});

describe('toy losses: where the derivative is zero', () => {
  it('the bowl has L′ = 0 only at its minimum w = 2', () => {
    expect(bowl.df(2)).toBe(0);
    expect(bowl.f(2)).toBe(1);
    expect(bowl.f(1.9)).toBeGreaterThan(1);
    expect(bowl.f(2.1)).toBeGreaterThan(1);
  });

  it('two dips: L′ = 0 at two minima AND at a maximum', () => {
    // Roots of w³ − 2w + 1/2 by bisection, independent of the widget's descent.
    const root = (lo: number, hi: number) => {
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (Math.sign(twoDips.df(mid)) === Math.sign(twoDips.df(lo))) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    const roots = [root(-2, -1), root(0, 1), root(1, 2)];
    expect(roots[0]).toBeCloseTo(-1.5257, 3);
    expect(roots[1]).toBeCloseTo(0.2587, 3);
    expect(roots[2]).toBeCloseTo(1.2670, 3);
    const curvature = (w: number) => centralDifference(twoDips.df, w);
    expect(curvature(roots[0])).toBeGreaterThan(0); // minimum
    expect(curvature(roots[1])).toBeLessThan(0); // maximum: zero slope, yet the worst place nearby
    expect(curvature(roots[2])).toBeGreaterThan(0); // minimum, but not the lowest one
    expect(twoDips.f(roots[0])).toBeLessThan(twoDips.f(roots[2]));
  });

  it('saddle: the gradient is zero at (0, 0), which is neither a minimum nor a maximum', () => {
    expect(saddle.grad(0, 0)).toEqual([0, 0]);
    expect(saddle.f(0.1, 0)).toBeGreaterThan(saddle.f(0, 0)); // uphill along w1
    expect(saddle.f(0, 0.1)).toBeLessThan(saddle.f(0, 0)); // downhill along w2
    const [g1, g2] = saddle.grad(0, Math.SQRT2);
    expect(g1).toBe(0);
    expect(g2).toBeCloseTo(0, 12);
  });
});

describe('one step goes against the gradient', () => {
  it('1-D: the step has the opposite sign of L′ and size η·|L′|, and a small step lowers L', () => {
    for (const loss of toyLosses1D) {
      for (const w of [-1.7, -0.4, 0.9, 1.8]) {
        const { slope, step, w: next } = descentStep1D(loss, w, 0.01);
        expect(slope).toBe(loss.df(w));
        expect(step).toBeCloseTo(-0.01 * slope, 15);
        expect(next).toBeCloseTo(w + step, 15);
        expect(loss.f(next)).toBeLessThan(loss.f(w));
      }
    }
  });

  it('2-D: the step is −η times the gradient', () => {
    const { grad, step, w } = descentStep2D(narrowValley, [1, 1], 0.05);
    expect(grad).toEqual([1, 10]);
    expect(step[0]).toBeCloseTo(-0.05, 15);
    expect(step[1]).toBeCloseTo(-0.5, 15);
    expect(w[0]).toBeCloseTo(0.95, 15);
    expect(w[1]).toBeCloseTo(0.5, 15);
  });
});

describe('the learning-rate presets do what their names say', () => {
  const minimum1D: Record<string, number> = { bowl: 2, 'two-dips': -1.5257 };
  const minimum2D: Record<string, [number, number]> = { 'narrow-valley': [0, 0], saddle: [0, Math.SQRT2] };

  for (const loss of toyLosses1D) {
    const target = minimum1D[loss.id];
    it(`${loss.id}`, () => {
      const slow = run1D(loss, loss.rates.tooSmall, 30);
      expect(Math.abs(slow[30] - target)).toBeGreaterThan(0.2); // still far away
      for (let i = 1; i < slow.length; i++) expect(loss.f(slow[i])).toBeLessThan(loss.f(slow[i - 1]));

      const good = run1D(loss, loss.rates.good, 30);
      expect(Math.abs(good[30] - target)).toBeLessThan(1e-2);

      const bouncing = run1D(loss, loss.rates.oscillating, 60);
      const sides = bouncing.slice(2, 12).map((w) => Math.sign(w - target));
      const flips = sides.slice(1).filter((s, i) => s !== sides[i]).length;
      expect(flips).toBeGreaterThanOrEqual(5); // jumps from side to side of the minimum
      expect(Math.abs(bouncing[60] - target)).toBeLessThan(0.05); // yet settles

      // Diverging: w leaves the plotted range (and keeps going, overflowing to ±Infinity/NaN).
      const diverging = run1D(loss, loss.rates.diverging, 30);
      expect(diverging.some((w) => !(Math.abs(w - target) < loss.domain[1] - loss.domain[0]))).toBe(true);
    });
  }

  for (const loss of toyLosses2D) {
    const [t1, t2] = minimum2D[loss.id];
    const distance = ([w1, w2]: [number, number]) => Math.hypot(w1 - t1, w2 - t2);
    it(`${loss.id}`, () => {
      expect(distance(run2D(loss, loss.rates.tooSmall, 40)[40])).toBeGreaterThan(1);
      expect(distance(run2D(loss, loss.rates.good, 80)[80])).toBeLessThan(1e-2);

      const bouncing = run2D(loss, loss.rates.oscillating, 200);
      const sides = bouncing.slice(1, 9).map(([, w2]) => Math.sign(w2 - t2));
      const flips = sides.slice(1).filter((s, i) => s !== sides[i]).length;
      expect(flips).toBeGreaterThanOrEqual(3); // w2 jumps across the valley floor
      expect(distance(bouncing[200])).toBeLessThan(0.05);

      const diverging = run2D(loss, loss.rates.diverging, 40);
      expect(diverging.some((w) => !(distance(w) < loss.domain[1] - loss.domain[0]))).toBe(true);
    });
  }
});
