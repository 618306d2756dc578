import { describe, expect, it } from 'vitest';
import { Matrix, scalar, softmax, softmaxUnstable } from '../../src/engine/index.ts';

describe('softmax', () => {
  it('makes each column a probability distribution (hand value)', () => {
    const A = softmax(Matrix.fromArray([[0, 1], [Math.log(3), 1]]));
    // column 0: e^0 : e^ln3 = 1 : 3
    expect(A.get(0, 0)).toBeCloseTo(0.25, 6);
    expect(A.get(1, 0)).toBeCloseTo(0.75, 6);
    expect(A.get(0, 1)).toBeCloseTo(0.5, 6);
  });

  it('for two classes equals the sigmoid of the difference; the other is 1 − p', () => {
    for (const [z1, z2] of [[2, -1], [0.3, 0.3], [-4, 5]]) {
      const A = softmax(Matrix.fromColumn([z1, z2]));
      expect(A.get(0, 0)).toBeCloseTo(scalar.sigmoid.f(z1 - z2), 6);
      expect(A.get(1, 0)).toBeCloseTo(1 - scalar.sigmoid.f(z1 - z2), 6);
    }
  });

  it('is finite and correct for logits [1000, 1001]; the unstable formula gives NaN', () => {
    const Z = Matrix.fromColumn([1000, 1001]);
    const A = softmax(Z);
    expect(A.get(0, 0)).toBeCloseTo(1 / (1 + Math.E), 6);
    expect(A.get(1, 0)).toBeCloseTo(Math.E / (1 + Math.E), 6);
    expect(Number.isNaN(softmaxUnstable(Z).get(0, 0))).toBe(true);
  });

  it('softmaxUnstable agrees with softmax for small logits', () => {
    const Z = Matrix.fromArray([[1, -2], [0.5, 3], [-1, 0]]);
    const a = softmax(Z), b = softmaxUnstable(Z);
    a.data.forEach((v, p) => expect(b.data[p]).toBeCloseTo(v, 6));
  });
});
