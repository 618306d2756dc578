import { describe, expect, it } from 'vitest';
import { Matrix, ShapeError, createRng, maxPoolBackward, maxPoolForward, numericalGradient, relativeError } from '../../src/engine/index.ts';

// One 4×4 channel, pooled 2×2: four windows, worked by hand.
const channel = [
  [1, 3, 2, 0],
  [4, 2, 1, 5],
  [0, 1, 7, 2],
  [2, 6, 3, 3],
];
const input = { channels: 1, height: 4, width: 4 };
const X = new Matrix(16, 1, Float32Array.from(channel.flat()));

describe('max pooling', () => {
  it('keeps the largest value of each window, and where it was', () => {
    // windows: {1, 3, 4, 2} → 4 at row 1 col 0;  {2, 0, 1, 5} → 5 at (1, 3);
    //          {0, 1, 2, 6} → 6 at (3, 1);        {7, 2, 3, 3} → 7 at (2, 2)
    const { A, argmax } = maxPoolForward(X, input, 2);
    expect(Array.from(A.data)).toEqual([4, 5, 6, 7]);
    expect(Array.from(argmax)).toEqual([1 * 4 + 0, 1 * 4 + 3, 3 * 4 + 1, 2 * 4 + 2]);
  });

  it('routes each window’s gradient to its max only; every other pixel gets 0', () => {
    const { argmax } = maxPoolForward(X, input, 2);
    const dA = Matrix.fromColumn([10, 20, 30, 40]);
    const dX = maxPoolBackward(dA, argmax, 16);
    expect(dX.toArray().map(([v]) => v)).toEqual([
      0, 0, 0, 0,
      10, 0, 0, 20,
      0, 0, 40, 0,
      0, 30, 0, 0,
    ]);
  });

  it('pools every channel of every example on its own', () => {
    // two examples, two channels (the second channel is the first + 10); the second example is the first times −1
    const shape = { channels: 2, height: 4, width: 4 };
    const one = Float32Array.from([...channel.flat(), ...channel.flat().map((v) => v + 10)]);
    const batch = new Matrix(32, 2);
    one.forEach((v, r) => {
      batch.set(r, 0, v);
      batch.set(r, 1, -v);
    });
    const { A } = maxPoolForward(batch, shape, 2);
    // the negated example's max is minus each window's min; `+ 0` turns −0 into 0
    expect(A.toArray().map((row) => row.map((v) => v + 0))).toEqual([
      [4, -1], [5, 0], [6, 0], [7, -2],
      [14, -11], [15, -10], [16, -10], [17, -12],
    ]);
  });

  it('matches finite differences on a random batch', () => {
    const rng = createRng(3);
    const shape = { channels: 3, height: 4, width: 6 };
    const Xr = Matrix.randn(72, 5, rng);
    const R = Matrix.randn(18, 5, rng); // f = Σ R ⊙ A, so dA = R
    const f = () => {
      const { A } = maxPoolForward(Xr, shape, 2);
      let total = 0;
      for (let p = 0; p < A.data.length; p++) total += R.data[p] * A.data[p];
      return total;
    };
    const { argmax } = maxPoolForward(Xr, shape, 2);
    // ε small enough that no nudge changes which pixel is a window's max
    expect(relativeError(numericalGradient(f, Xr, 1e-3), maxPoolBackward(R, argmax, 72))).toBeLessThan(1e-2);
  });

  it('says when a window does not tile the image or X has the wrong rows', () => {
    expect(() => maxPoolForward(new Matrix(15, 1), { channels: 1, height: 5, width: 3 }, 2)).toThrow(/2×2 window does not tile a 5×3/);
    expect(() => maxPoolForward(new Matrix(10, 1), input, 2, 'layer 2 (pool)')).toThrow(ShapeError);
    expect(() => maxPoolForward(new Matrix(10, 1), input, 2, 'layer 2 (pool)')).toThrow(/layer 2 \(pool\): X is \(10, 1\)/);
  });
});
