// Preprocessing a drawing as MNIST was prepared, checked against real MNIST digits (which were
// themselves fitted into 20×20 and centred by centre of mass in 28×28).
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/data/mnist-node.ts';
import { centreOfMass, inkBox, preprocessCanvas, type GrayImage } from '../../src/data/preprocess.ts';

const W = 280, H = 280;

/** MNIST image n (0 … 1 ink), scaled up `k` times, drawn at (left, top) on a canvas. */
function drawDigit(n: number, k: number, left: number, top: number, mode: 'dark-on-light' | 'alpha-only'): Uint8ClampedArray {
  const pixels = loadMnist().test.pixels.subarray(n * 784, (n + 1) * 784);
  const rgba = new Uint8ClampedArray(W * H * 4);
  if (mode === 'dark-on-light') rgba.fill(255); // an opaque white page
  for (let r = 0; r < 28 * k; r++) {
    for (let c = 0; c < 28 * k; c++) {
      const ink = pixels[Math.floor(r / k) * 28 + Math.floor(c / k)];
      const p = 4 * ((top + r) * W + left + c);
      if (mode === 'dark-on-light') rgba.set([255 - ink, 255 - ink, 255 - ink, 255], p);
      else rgba.set([0, 0, 0, ink], p); // black ink whose strength is only its opacity
    }
  }
  return rgba;
}

function asImage(x: Float32Array): GrayImage {
  return { width: 28, height: 28, data: x };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i] / n; mb += b[i] / n; }
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) ** 2; bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('preprocessCanvas', () => {
  it('a digit drawn large in the top-left corner comes out fitted in 20×20, centred at (14, 14), like MNIST', () => {
    const out = preprocessCanvas(drawDigit(0, 5, 0, 0, 'dark-on-light'), W, H);
    if (out.empty) throw new Error('expected ink');
    const cm = centreOfMass(asImage(out.x));
    expect(Math.abs(cm.x - 14)).toBeLessThan(0.6);
    expect(Math.abs(cm.y - 14)).toBeLessThan(0.6);
    const box = inkBox(asImage(out.x))!;
    expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(20);
    expect(Math.max(out.fitted.width, out.fitted.height)).toBe(20);
    expect(out.box.x).toBeGreaterThanOrEqual(0);
    expect(out.box.x + out.box.width).toBeLessThan(28 * 5); // the crop stayed in the corner it was drawn in
    // The same numbers as the original MNIST digit, up to resampling.
    const original = Array.from(loadMnist().test.pixels.subarray(0, 784), (v) => v / 255);
    expect(correlation(out.x, original)).toBeGreaterThan(0.9);
    expect(Math.min(...out.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out.x)).toBeLessThanOrEqual(1);
  });

  it('a digit in the bottom-right corner gives the same input as one in the top-left corner', () => {
    const a = preprocessCanvas(drawDigit(3, 3, 0, 0, 'dark-on-light'), W, H);
    const b = preprocessCanvas(drawDigit(3, 3, W - 84, H - 84, 'dark-on-light'), W, H);
    if (a.empty || b.empty) throw new Error('expected ink');
    const diff = Math.max(...a.x.map((v, i) => Math.abs(v - b.x[i])));
    expect(diff).toBeLessThan(1e-6);
  });

  it('works when the ink is only in the alpha channel (black RGB everywhere, transparent page)', () => {
    const opaque = preprocessCanvas(drawDigit(1, 4, 40, 60, 'dark-on-light'), W, H);
    const alpha = preprocessCanvas(drawDigit(1, 4, 40, 60, 'alpha-only'), W, H);
    if (opaque.empty || alpha.empty) throw new Error('expected ink');
    const diff = Math.max(...alpha.x.map((v, i) => Math.abs(v - opaque.x[i])));
    expect(diff).toBeLessThan(0.01);
    // Reading luminance alone would have seen a black canvas and no digit at all.
    expect(alpha.x.reduce((s, v) => s + v, 0)).toBeGreaterThan(50);
  });

  it('inverts dark-on-light: a black stroke on white becomes ink 1 on background 0', () => {
    const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
    for (let y = 100; y < 180; y++) for (let x = 130; x < 150; x++) rgba.set([0, 0, 0, 255], 4 * (y * W + x));
    const out = preprocessCanvas(rgba, W, H);
    if (out.empty) throw new Error('expected ink');
    expect(out.gray.data[0]).toBe(0);
    expect(out.gray.data[140 * W + 140]).toBe(1);
    expect(out.box).toEqual({ x: 130, y: 100, width: 20, height: 80 });
    // An 80×20 bar keeps its 4:1 aspect ratio: 20 tall, 5 wide.
    expect([out.fitted.width, out.fitted.height]).toEqual([5, 20]);
    expect(out.x[14 * 28 + 14]).toBe(1);
    expect(out.x[14 * 28 + 3]).toBe(0);
  });

  it('reports an empty canvas (transparent or plain white) instead of an input to predict from', () => {
    expect(preprocessCanvas(new Uint8ClampedArray(W * H * 4), W, H)).toMatchObject({ empty: true });
    expect(preprocessCanvas(new Uint8ClampedArray(W * H * 4).fill(255), W, H)).toMatchObject({ empty: true });
  });

  it('names the sizes when the pixel array does not match the canvas', () => {
    expect(() => preprocessCanvas(new Uint8ClampedArray(10), 2, 2)).toThrow(/2×2 RGBA image has 16 bytes, got 10/);
  });
});
