// Claims of chapter 16 (Convolution), checked by running its cells and against hand-computed values
// (its exercises' wrong answers are in test/content/wrong-answers.ts).
import { describe, expect, it } from 'vitest';
import { CNN, MLP, convOut, layerShapes, rowsOf } from '../../src/engine';
import { CHAPTER_CNN, CHAPTER_CNN_OPTIONS } from '../../src/models/chapter-cnn';
import { runChapterCells, shownNumber, shownValues } from './chapter-cells';

const SLUG = '16-convolution';
/** A shown Matrix or 2-D array, back as numbers. */
const table = (text: string | undefined) => (JSON.parse(text!) as { cells: string[] }[]).map((row) => row.cells.map(Number));

describe('chapter 16: convolution, by hand and by the cells', () => {
  it('parameter counts of the text: dense 3,617,280 vs conv 208; the small CNN 11,738 against the 784–32–10 network’s 25,450', () => {
    const outputs = rowsOf(layerShapes({ input: { channels: 1, height: 28, width: 28 }, layers: [{ type: 'conv', filters: 8, size: 5 }] })[1]);
    expect(outputs).toBe(4608);
    expect(784 * outputs + outputs).toBe(3_617_280);
    expect(MLP.create({ sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 1 }).parameterCount()).toBe(25_450);
    const pooled = rowsOf(layerShapes({ input: { channels: 1, height: 28, width: 28 }, layers: [{ type: 'conv', filters: 8, size: 5 }, { type: 'pool', size: 2 }] })[2]);
    expect(pooled).toBe(1152);
    expect(8 * 25 + 8 + pooled * 10 + 10).toBe(11_738);
  });

  it('the panel starts with the chapter’s training: seven epochs of Adam, η = 0.001, minibatches of 32', () => {
    expect(CHAPTER_CNN_OPTIONS).toMatchObject({ epochs: 7, learningRate: 0.001, batchSize: 32, optimizer: { name: 'adam' } });
  });

  it('the output sizes of the text', () => {
    expect(convOut(28, 5)).toBe(24);
    expect(convOut(28, 5, 1, 2)).toBe(28);
    expect(convOut(5, 3, 2, 1)).toBe(3);
    expect(convOut(5, 3)).toBe(3);
  });

  it('every cell runs and shows what the text says', async () => {
    const runs = await runChapterCells(SLUG);
    for (const run of runs) expect(run.error, JSON.stringify(run.error)).toBeUndefined();
    const shown = new Map(runs.flatMap((run) => [...shownValues(run)]));

    const params = shown.get('parameters for 8×24×24 outputs')!;
    expect(shownNumber(params, 'dense')).toBe(3_617_280);
    expect(shownNumber(params, 'conv')).toBe(208);

    // The worked example, computed by hand in the text.
    expect(table(shown.get('Z = X ⋆ K'))).toEqual([[-2, -1, 2], [-1, 0, 1], [-1, 2, 1]]);
    expect(table(shown.get('X ∗ K, the textbook convolution'))).toEqual([[2, 1, -2], [1, 0, -1], [1, -2, -1]]);
    expect(table(shown.get('X padded with one ring of zeros, ⋆ K: (5, 5)')).length).toBe(5);
    // Stride 2 on the padded example keeps every other entry: the 3×3 of the text's stride formula.
    const padded = table(shown.get('X padded with one ring of zeros, ⋆ K: (5, 5)'));
    expect(padded[1].slice(1, 4)).toEqual([-2, -1, 2]); // the unpadded Z sits inside

    const sizes = shown.get('H_out = ⌊(H + 2p − k)/s⌋ + 1')!;
    expect([shownNumber(sizes, 'digitNoPad'), shownNumber(sizes, 'digitPad2'), shownNumber(sizes, 'exampleStride2')]).toEqual([24, 28, 3]);

    expect(table(shown.get('max pooling 2×2: (4, 4) → (2, 2)'))).toEqual([[4, 2], [2, 7]]);

    // "the convolution's output is the old output moved by one, but 45 of the 169 pooled values change"
    const moved = shown.get('the digit moved one pixel right')!;
    expect(shownNumber(moved, 'shiftedExactly')).toBe(1);
    expect(shownNumber(moved, 'pooledValues')).toBe(169);
    expect(shownNumber(moved, 'changed')).toBe(45);

    expect(shown.get('shapes')).toBe('1×28×28 → 8×24×24 → 8×12×12 → 10');
    expect(Number(shown.get('parameters'))).toBe(11_738);

    // "agree with the finite differences to about four digits … forgetting the flip gives an error of about 0.7"
    const errors = shown.get('relative error against finite differences')!;
    expect(shownNumber(errors, 'dK')).toBeLessThan(3e-4);
    expect(shownNumber(errors, 'dX')).toBeLessThan(3e-4);
    expect(shownNumber(errors, 'dXUnflipped')).toBeCloseTo(0.7, 1);
    expect(Number(shown.get('max pooling: relative error against finite differences'))).toBeLessThan(1e-3);
    expect(table(shown.get('for A above, where a gradient of 1 per window goes'))).toEqual([[0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0], [0, 1, 1, 0]]);

    expect(table(shown.get('K · im2col(X), read back as 3×3: the same Z'))).toEqual([[-2, -1, 2], [-1, 0, 1], [-1, 2, 1]]);
    expect(shown.get('im2col of a 28×28 digit for 5×5 kernels')).toBe('[25, 576]');

    const layer = shown.get("the engine's layer against our loops (relative error)")!;
    for (const name of ['Z', 'dK', 'dX', 'correlate2d']) expect(shownNumber(layer, name)).toBeLessThan(1e-6);

    // The cell's network is the one the panel trains (src/models/chapter-cnn.ts).
    const shapes = layerShapes(CHAPTER_CNN).map((s) => ('units' in s ? `${s.units}` : `${s.channels}×${s.height}×${s.width}`)).join(' → ');
    expect(shown.get("the chapter's network")).toBe(shapes);
    expect(shapes).toBe('1×28×28 → 12×24×24 → 12×12×12 → 24×8×8 → 24×4×4 → 64 → 10');
    const count = CNN.create(CHAPTER_CNN).parameterCount();
    expect(shownNumber(shown.get('its parameters')!, 'count')).toBe(count);
    expect(count).toBe(32_826);
    expect([12 * 25 + 12, 24 * 12 * 25 + 24, 384 * 64 + 64, 64 * 10 + 10]).toEqual([312, 7224, 24_640, 650]);
    expect(312 + 7224 + 24_640 + 650).toBe(count);

    // "it reads about 90% of the other images against the dense network's 85%"
    const race = shown.get('accuracy on 1,000 other images after three epochs on 2,000')!;
    expect(Math.abs(shownNumber(race, 'dense') - 0.85)).toBeLessThan(0.01);
    expect(Math.abs(shownNumber(race, 'conv') - 0.9)).toBeLessThan(0.01);
    expect(shownNumber(race, 'conv') - shownNumber(race, 'dense')).toBeGreaterThan(0.03);
  }, 600_000);
});
