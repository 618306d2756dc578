// Chapter 9's slow-learning widget: its gradients against finite differences of hand-written
// losses, and the numbers the chapter quotes from its two runs.
import { describe, expect, it } from 'vitest';
import { BADLY_WRONG, MILDLY_WRONG, trainNeuron } from '../../components/widgets/slow-learning.ts';

const sigma = (z: number) => 1 / (1 + Math.exp(-z));
/** The two losses of one neuron written out by hand, as functions of w (b, x, y fixed). */
const handLoss = {
  mse: (w: number, b: number, x: number, y: number) => 0.5 * (sigma(w * x + b) - y) ** 2,
  ce: (w: number, b: number, x: number, y: number) => -(y * Math.log(sigma(w * x + b)) + (1 - y) * Math.log(1 - sigma(w * x + b))),
};

describe('trainNeuron', () => {
  it('starts where it is told: z = w·x + b, a = σ(z), and the hand-written loss', () => {
    for (const loss of ['mse', 'ce'] as const) {
      const t = trainNeuron(loss, BADLY_WRONG);
      expect(t.z[0]).toBeCloseTo(4, 6);
      expect(t.a[0]).toBeCloseTo(sigma(4), 6);
      expect(t.loss[0]).toBeCloseTo(handLoss[loss](2, 2, 1, 0), 5);
      expect(t.a).toHaveLength(BADLY_WRONG.epochs + 1);
    }
  });

  it('each step follows the gradient: ∂ℓ/∂w = ∂ℓ/∂z · x matches a finite difference, at several epochs', () => {
    const start = { ...BADLY_WRONG, x: 0.7, w: 1.5, b: 1 }; // x ≠ 1, so a missing ·x would show
    for (const loss of ['mse', 'ce'] as const) {
      const t = trainNeuron(loss, start);
      for (const e of [0, 50, 200]) {
        const h = 1e-5;
        const numeric = (handLoss[loss](t.w[e] + h, t.b[e], start.x, start.y) - handLoss[loss](t.w[e] - h, t.b[e], start.x, start.y)) / (2 * h);
        expect(t.dz[e] * start.x).toBeCloseTo(numeric, 4);
        // and the step taken is −η times that gradient
        expect(t.w[e + 1] - t.w[e]).toBeCloseTo(-start.learningRate * numeric, 4);
      }
    }
  });

  it('squared error keeps σ′(z) in its push, cross-entropy does not', () => {
    const mse = trainNeuron('mse', BADLY_WRONG);
    const ce = trainNeuron('ce', BADLY_WRONG);
    expect(mse.sigmaPrime[0]).toBeCloseTo(sigma(4) * (1 - sigma(4)), 6); // ≈ 0.018
    expect(mse.dz[0]).toBeCloseTo((sigma(4) - 0) * sigma(4) * (1 - sigma(4)), 5); // ≈ 0.017
    expect(ce.dz[0]).toBeCloseTo(sigma(4), 5); // ≈ 0.98
  });
});

describe('what chapter 9 says the curves show', () => {
  it('badly wrong: after 100 steps squared error still outputs 0.96, cross-entropy 0.04', () => {
    const mse = trainNeuron('mse', BADLY_WRONG);
    const ce = trainNeuron('ce', BADLY_WRONG);
    expect(mse.a[100]).toBeGreaterThan(0.955);
    expect(mse.a[100]).toBeLessThan(0.97);
    expect(ce.a[100]).toBeLessThan(0.05);
    expect(mse.loss[100]).toBeGreaterThan(0.95 * mse.loss[0]); // less than 5% lower
    // squared error does get there once σ′ grows: by the last epoch a is near its target too
    expect(mse.a[300]).toBeLessThan(0.25);
  });

  it('mildly wrong: squared error no longer stalls (loss down more than 90% in 100 steps)', () => {
    const mse = trainNeuron('mse', MILDLY_WRONG);
    expect(mse.a[0]).toBeCloseTo(sigma(1.5), 5);
    expect(mse.loss[100]).toBeLessThan(0.1 * mse.loss[0]);
  });
});
