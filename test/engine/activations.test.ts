import { describe, expect, it } from 'vitest';
import {
  GRADIENT_TOLERANCE, Matrix, activation, createRng, leakyRelu, mul, numericalGradient, relativeError, scalar, sumAll,
} from '../../src/engine/index.ts';
import type { Activation, ActivationName } from '../../src/engine/index.ts';

const names: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'identity'];

/** Pre-activations kept away from 0, so the kink of ReLU is never inside ±ε. */
function inputs(): Matrix {
  const Z = Matrix.randn(4, 6, createRng(11));
  for (let p = 0; p < Z.data.length; p++) if (Math.abs(Z.data[p]) < 0.05) Z.data[p] += 0.1;
  return Z;
}

/**
 * df is checked through a scalar loss L = Σ R ⊙ g(Z) with random weights R:
 * ∂L/∂Z = R ⊙ g′(Z), which central differences estimate independently.
 */
function check(g: Activation, df: (Z: Matrix) => Matrix = g.df): number {
  const Z = inputs();
  const R = Matrix.randn(4, 6, createRng(12));
  const numeric = numericalGradient(() => sumAll(mul(R, g.f(Z))), Z);
  return relativeError(numeric, mul(R, df(Z)));
}

describe('activations', () => {
  for (const name of names) {
    it(`${name}: df matches finite differences of f`, () => {
      expect(check(activation(name))).toBeLessThan(GRADIENT_TOLERANCE);
    });
  }

  it('a wrong derivative fails the same check: σ′ written as z(1 − z) instead of a(1 − a)', () => {
    const sigmoid = activation('sigmoid');
    const wrong = (Z: Matrix) => new Matrix(Z.rows, Z.cols, Z.data.map((z) => z * (1 - z)));
    expect(check(sigmoid, wrong)).toBeGreaterThan(GRADIENT_TOLERANCE * 10);
  });

  it('hand values', () => {
    expect(scalar.sigmoid.f(0)).toBe(0.5);
    expect(scalar.sigmoid.df(0)).toBe(0.25);
    expect(scalar.relu.f(-3)).toBe(0);
    expect(scalar.relu.f(3)).toBe(3); // no upper bound
    expect(scalar.leakyRelu.f(-2)).toBeCloseTo(-0.02, 12);
    expect(scalar.tanh.df(0)).toBe(1);
    expect(leakyRelu(0.2).f(Matrix.fromArray([[-1, 2]])).toArray()[0][0]).toBeCloseTo(-0.2, 6);
    expect(scalar.sigmoid.f(-1000)).toBe(0);
    expect(scalar.sigmoid.f(1000)).toBe(1);
  });

  it('scalar versions agree with the matrix versions', () => {
    const Z = inputs();
    for (const name of names) {
      const A = activation(name).f(Z);
      Z.data.forEach((z, p) => expect(A.data[p]).toBeCloseTo(scalar[name].f(z), 6));
    }
  });

  it('rejects an unknown name', () => {
    expect(() => activation('softplus' as ActivationName)).toThrow(/unknown name "softplus"/);
  });
});
