// Chapter 12's claims: its cells run in Node on real MNIST and show what the prose says.
import { describe, expect, it } from 'vitest';
import { Matrix, argmax, confusionMatrix, createRng, softmax } from '../../src/engine/index.ts';
import { chapterCells, chapterKernel, shownNumber, shownText } from './chapter-cells';
import { readFileSync } from 'node:fs';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { bundledFromJSON } from '../../src/models/bundled.ts';
import { BUNDLED_OPTIONS, BUNDLED_SPLIT } from '../../src/models/bundled-recipe.ts';

const chapter = readFileSync(new URL('../../content/chapters/12-predicting.mdx', import.meta.url), 'utf8');

const cells = chapterCells('12-predicting').filter((c) => !c.meta.includes('exercise') && !c.meta.includes('solution'));
const [argmaxCell, confusionCell, shiftCell] = cells;

describe('argmax axes, on the engine', () => {
  it('axis 0 gives one digit per column (example), axis 1 one index per row (digit)', () => {
    const A2 = softmax(Matrix.randn(10, 7, createRng(3)));
    expect(argmax(A2, 0)).toHaveLength(7);
    expect(argmax(A2, 1)).toHaveLength(10);
    for (let j = 0; j < 7; j++) {
      const column = Array.from({ length: 10 }, (_, k) => A2.get(k, j));
      expect(argmax(A2, 0)[j]).toBe(column.indexOf(Math.max(...column)));
    }
  });

  it('the trace of the confusion matrix over m is the accuracy', () => {
    const labels = [0, 1, 2, 2, 9, 9, 9, 4];
    const predicted = [0, 7, 2, 2, 9, 4, 9, 9];
    const C = confusionMatrix(predicted, labels);
    expect(C[9][4]).toBe(1);
    expect(C[4][9]).toBe(1);
    expect(C.reduce((s, row, i) => s + row[i], 0) / labels.length).toBe(5 / 8);
  });
});

describe('chapter 12 cells, in page order on one kernel', () => {
  const kernel = chapterKernel();

  it('argmax(A2, 0) matches the labels of the first five validation images; argmax(A2, 1) has 10 entries', async () => {
    const run = await kernel.run(argmaxCell.code);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const [labels, axis0, axis1, acc] = shownText(run);
    expect(axis0).toBe(labels);
    expect(JSON.parse(axis1)).toHaveLength(10);
    expect(Number(acc)).toBeGreaterThan(0.85);
  });

  it('the confusion matrix is of the validation images: its rows add up to their count of each digit', async () => {
    const run = await kernel.run(confusionCell.code);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const table = run.outputs.find((o) => o.kind === 'value' && o.value.type === 'table');
    const rows = (table as { value: { rows: { cells: string[] }[] } }).value.rows.map((r) => r.cells.map(Number));
    const { labels } = mnistSubset('train', 8000, 2000);
    for (let i = 0; i < 10; i++) {
      expect(rows[i].reduce((a, b) => a + b, 0)).toBe(Array.from(labels).filter((y) => y === i).length);
    }
    expect(rows.flat().reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('shifting digits by 2 px halves the accuracy, 4 px is worse than guessing, inverted ≈ 1%', async () => {
    const run = await kernel.run(shiftCell.code);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const text = shownText(run)[0];
    const asPrepared = shownNumber(text, 'asPrepared');
    expect(shownNumber(text, 'moved2')).toBeLessThan(asPrepared / 2);
    expect(shownNumber(text, 'moved4')).toBeLessThan(0.1);
    expect(shownNumber(text, 'inverted')).toBeLessThan(0.02);
  });
});

describe('the network chapter 12 uses until the reader trains one', () => {
  const file = JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8'));
  const { net, about } = bundledFromJSON(file);

  it('is what the prose says: 784-32-10 ReLU, first 50,000 images, four epochs, about 96% on images 50,000 to 59,999', () => {
    expect(chapter).toContain('784-32-10 with ReLU');
    expect(chapter).toContain('first 50,000 training images for four epochs, about 96% right');
    expect(net.config.sizes).toEqual([784, 32, 10]);
    expect(BUNDLED_OPTIONS.epochs).toBe(4);
    expect(BUNDLED_SPLIT).toEqual({ trainStart: 0, trainCount: 50_000, valStart: 50_000, valCount: 10_000 });
    expect(Math.round(100 * about.valAccuracy)).toBe(96);
  });

  it('the error analysis is on the validation images, not the test set', () => {
    expect(chapter).toContain("MNIST's training images 50,000 to 59,999");
    expect(chapter).not.toMatch(/mnist\.test|testSet/);
  });

  it('the shift aside names data augmentation', () => {
    expect(chapter).toMatch(/\*\*data augmentation\*\* adds shifted/);
  });
});
