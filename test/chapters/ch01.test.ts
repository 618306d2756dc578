// Chapter 1's claims about pixels, flattening and normalising, checked on real MNIST and by hand.
import { describe, expect, it } from 'vitest';
import { Matrix, columns } from '../../src/engine/index.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';
import { toInk } from '../../src/data/preprocess.ts';

describe('chapter 1: what MNIST looks like', () => {
  const { train } = loadMnist();

  it('has 60,000 training images of 784 bytes, and the first is labelled 5', () => {
    expect(train.count).toBe(60_000);
    expect(train.pixels.length).toBe(60_000 * 784);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  });

  it('about 81% of all pixels are exactly 0', () => {
    let zeros = 0;
    for (const v of train.pixels) if (v === 0) zeros++;
    expect(zeros / train.pixels.length).toBeGreaterThan(0.8);
    expect(zeros / train.pixels.length).toBeLessThan(0.82);
  });

  it('the training pixels ÷ 255 have mean ≈ 0.1307 and standard deviation ≈ 0.3081', () => {
    let sum = 0, sumSq = 0;
    for (const v of train.pixels) {
      const x = v / 255;
      sum += x;
      sumSq += x * x;
    }
    const n = train.pixels.length;
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.1307, 4);
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(0.3081, 4);
  });
});

describe('chapter 1: flattening', () => {
  it('x[28r + c] = gray[r][c] is exactly how a Matrix stores a 28×28 grid, and i → (⌊i/28⌋, i mod 28) inverts it', () => {
    const grid = Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => 1000 * r + c));
    const x = Matrix.fromArray(grid).data;
    for (let i = 0; i < 784; i++) {
      const r = Math.floor(i / 28), c = i % 28;
      expect(x[i]).toBe(grid[r][c]);
      expect(28 * r + c).toBe(i);
    }
    expect([x[0], x[27], x[28], x[783]]).toEqual([grid[0][0], grid[0][27], grid[1][0], grid[27][27]]);
  });
});

describe('chapter 1: grayscale of a canvas drawing', () => {
  // Black ink of strength a on a transparent canvas: (0, 0, 0, a).
  const alphas = [0, 40, 128, 255, 0, 200];
  const rgba = new Uint8ClampedArray(alphas.flatMap((a) => [0, 0, 0, a]));

  it('on a black drawing R, G and B are constant (0 on every pixel, ink or not): only alpha varies', () => {
    for (const k of [0, 1, 2]) expect(new Set(alphas.map((_, p) => rgba[4 * p + k]))).toEqual(new Set([0]));
    expect(new Set(alphas.map((_, p) => rgba[4 * p + 3])).size).toBeGreaterThan(1);
  });

  it('luminance from R, G, B alone is 0 everywhere: dropping alpha erases the drawing', () => {
    for (let p = 0; p < alphas.length; p++) {
      expect(0.299 * rgba[4 * p] + 0.587 * rgba[4 * p + 1] + 0.114 * rgba[4 * p + 2]).toBe(0);
    }
  });

  it('the ink the preprocessing finds is alpha / 255, which is column A of the (pixels, 4) block', () => {
    const ink = toInk(rgba, alphas.length, 1).data;
    const alphaColumn = columns(new Matrix(alphas.length, 4, Float32Array.from(rgba)), [3]).data;
    alphas.forEach((a, p) => {
      expect(ink[p]).toBeCloseTo(a / 255, 6);
      expect(alphaColumn[p]).toBe(a);
    });
  });
});

describe('chapter 1: why the input scale matters', () => {
  /** Gradient descent on L(w) = ½(wx − y)², whose curvature is x². */
  function descend(x: number, eta: number, steps = 200): number {
    const y = 1;
    let w = 0;
    for (let t = 0; t < steps; t++) w -= eta * (w * x - y) * x;
    return 0.5 * (w * x - y) ** 2;
  }

  it('settles only when η is below 2/x²: with x = 255 that is about 0.00003', () => {
    const x = 255;
    expect(2 / x ** 2).toBeCloseTo(0.00003, 5);
    expect(descend(x, 1.9 / x ** 2)).toBeLessThan(1e-6);
    expect(descend(x, 2.1 / x ** 2)).toBeGreaterThan(1e6);
  });

  it('each step multiplies the distance to w* = y/x by 1 − ηx², which shrinks it only when 0 < η < 2/x²', () => {
    const x = 3, y = 2, wStar = y / x;
    for (const eta of [0.05, 0.2, 0.23]) {
      let w = 5;
      for (let t = 0; t < 5; t++) {
        const next = w - eta * (w * x - y) * x; // w − η dL/dw
        expect((next - wStar) / (w - wStar)).toBeCloseTo(1 - eta * x * x, 10);
        w = next;
      }
      expect(Math.abs(1 - eta * x * x) < 1).toBe(eta < 2 / x ** 2);
    }
  });

  it('with x = 1 the same rule allows any η below 2, and η = 0.5 that suits x = 1 blows up with x = 255', () => {
    expect(descend(1, 1.9)).toBeLessThan(1e-6);
    expect(descend(1, 2.1)).toBeGreaterThan(1e6);
    expect(descend(1, 0.5)).toBeLessThan(1e-6);
    expect(descend(255, 0.5, 10)).toBeGreaterThan(1e6);
  });
});
