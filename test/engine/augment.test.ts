// Augmentation moves and turns the digit by exactly what it says, keeps the ink and the label, is
// seeded, and leaves the original images (and so any validation set) untouched.
import { describe, expect, it } from 'vitest';
import { augmentDataset, transformImage } from '../../src/engine/index.ts';
import { mnistSubset } from '../../src/data/mnist-node.ts';

/** A blank 28×28 image with the pixel at (row r, column c) set to 1. */
function dot(r: number, c: number): Float32Array {
  const x = new Float32Array(784);
  x[r * 28 + c] = 1;
  return x;
}

const lit = (x: Float32Array) => Array.from(x, (v, p) => [Math.floor(p / 28), p % 28, v] as const).filter(([, , v]) => Math.abs(v) > 1e-6);
const column = (X: { data: Float32Array; cols: number }, j: number) => Float32Array.from({ length: 784 }, (_, p) => X.data[p * X.cols + j]);

describe('transformImage', () => {
  it('does nothing with no shift and no turn', () => {
    const image = column(mnistSubset('train', 0, 1).X, 0);
    expect(transformImage(image, { dx: 0, dy: 0, degrees: 0 })).toEqual(image);
  });

  it('shifts by whole pixels: dx to the right, dy down', () => {
    expect(lit(transformImage(dot(10, 12), { dx: 2, dy: -1, degrees: 0 }))).toEqual([[9, 14, 1]]);
  });

  it('turns anticlockwise on the screen about the centre (13.5, 13.5): right of centre goes to above it', () => {
    // (row 13, column 20) sits 6.5 right of and 0.5 above the centre; a quarter turn puts it
    // 0.5 left of and 6.5 above: row 7, column 13
    const [[r, c, v]] = lit(transformImage(dot(13, 20), { dx: 0, dy: 0, degrees: 90 }));
    expect([r, c]).toEqual([7, 13]);
    expect(v).toBeCloseTo(1, 6);
  });

  it('keeps a real digit\'s ink within 3% for a small turn and shift', () => {
    const image = column(mnistSubset('train', 0, 1).X, 0);
    const ink = (x: Float32Array) => x.reduce((s, v) => s + v, 0);
    const moved = transformImage(image, { dx: 1, dy: -2, degrees: 12 });
    expect(Math.abs(ink(moved) / ink(image) - 1)).toBeLessThan(0.03);
    expect(moved).not.toEqual(image);
  });

  it('refuses an image that is not 28×28', () => {
    expect(() => transformImage(new Float32Array(100), { dx: 0, dy: 0, degrees: 0 })).toThrow(/expected 784 pixels, got 100/);
  });
});

describe('augmentDataset', () => {
  const data = mnistSubset('train', 0, 20);
  const before = data.X.data.slice();

  it('adds `copies` transformed copies after the originals, with their labels, and leaves the input alone', () => {
    const out = augmentDataset(data, { copies: 2, maxShift: 2, maxDegrees: 10, seed: 1 });
    expect(out.X.shape).toEqual([784, 60]);
    expect(Array.from(out.labels)).toEqual([...data.labels, ...data.labels, ...data.labels]);
    for (let j = 0; j < 20; j++) expect(column(out.X, j)).toEqual(column(data.X, j));
    expect(column(out.X, 20)).not.toEqual(column(data.X, 0));
    expect(data.X.data).toEqual(before);
  });

  it('is seeded: the same seed makes the same images, another seed others', () => {
    const a = augmentDataset(data, { copies: 1, maxShift: 2, maxDegrees: 10, seed: 1 });
    const b = augmentDataset(data, { copies: 1, maxShift: 2, maxDegrees: 10, seed: 1 });
    const c = augmentDataset(data, { copies: 1, maxShift: 2, maxDegrees: 10, seed: 2 });
    expect(a.X.data).toEqual(b.X.data);
    expect(a.X.data).not.toEqual(c.X.data);
  });

  it('with shifts only, each copy is its original moved by at most maxShift whole pixels', () => {
    const out = augmentDataset(data, { copies: 1, maxShift: 1, maxDegrees: 0, seed: 3 });
    for (let j = 0; j < 20; j++) {
      const copy = column(out.X, 20 + j);
      const found = [-1, 0, 1].some((dx) => [-1, 0, 1].some((dy) => {
        const moved = transformImage(column(data.X, j), { dx, dy, degrees: 0 });
        return moved.every((v, p) => v === copy[p]);
      }));
      expect(found, `copy of image ${j}`).toBe(true);
    }
  });
});
