// The KernelExplorer's kernels and its one computation, against hand values and a direct sum.
import { describe, expect, it } from 'vitest';
import { KERNEL_PRESETS, digitMatrix, outputMap, parseEntry } from '../../components/widgets/kernel-presets.ts';
import { loadMnist } from '../../src/data/mnist-node.ts';

const byName = (name: string) => KERNEL_PRESETS.find((k) => k.name === name)!.values;

describe('the kernel explorer', () => {
  const pixels = loadMnist().train.pixels.subarray(0, 784);
  const X = digitMatrix(pixels);

  it('reads a digit as X (28, 28) in [0, 1] and gives a (26, 26) map', () => {
    expect(X.shape).toEqual([28, 28]);
    expect(X.get(10, 14)).toBeCloseTo(pixels[10 * 28 + 14] / 255, 6);
    expect(outputMap(X, byName('blur')).shape).toEqual([26, 26]);
  });

  it('Z[y, x] is the sum of K ⊙ the window under it, for every preset (no flip)', () => {
    for (const { values } of KERNEL_PRESETS) {
      const Z = outputMap(X, values);
      for (const [y, x] of [[0, 0], [9, 12], [25, 25], [13, 4]]) {
        let s = 0;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += values[3 * i + j] * (pixels[(y + i) * 28 + x + j] / 255);
        expect(Z.get(y, x)).toBeCloseTo(s, 5);
      }
    }
  });

  it('the presets do what the widget says: blur averages, edges sum to 0, sharpen keeps flat ink', () => {
    expect(byName('blur').reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(byName('vertical edge').reduce((a, b) => a + b)).toBe(0);
    expect(byName('horizontal edge').reduce((a, b) => a + b)).toBe(0);
    expect(byName('sharpen').reduce((a, b) => a + b)).toBe(1);
    // A flat patch: edges give 0, blur and sharpen give the patch's value back.
    const flat = digitMatrix(new Uint8Array(784).fill(255));
    expect(outputMap(flat, byName('vertical edge')).get(5, 5)).toBeCloseTo(0, 6);
    expect(outputMap(flat, byName('blur')).get(5, 5)).toBeCloseTo(1, 6);
    expect(outputMap(flat, byName('sharpen')).get(5, 5)).toBeCloseTo(1, 6);
  });

  it('a kernel box accepts numbers (with a true minus sign) and names what is not one', () => {
    expect(parseEntry(' −1 ')).toEqual({ value: -1 });
    expect(parseEntry('0.25')).toEqual({ value: 0.25 });
    expect(parseEntry('')).toEqual({ error: '“” is not a number' });
    expect(parseEntry('abc')).toEqual({ error: '“abc” is not a number' });
  });
});
