// Chapter 12's claims: its cells run in Node on real MNIST and show what the prose says.
import { describe, expect, it } from 'vitest';
import { Matrix, argmax, confusionMatrix, createRng, softmax } from '../../src/engine/index.ts';
import { chapterCells, chapterKernel, shownNumber, shownText } from './chapter-cells';

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

  it('argmax(A2, 0) matches the labels of the first five test images; argmax(A2, 1) has 10 entries', async () => {
    const run = await kernel.run(argmaxCell.code);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const [labels, axis0, axis1, acc] = shownText(run);
    expect(axis0).toBe(labels);
    expect(JSON.parse(axis1)).toHaveLength(10);
    expect(Number(acc)).toBeGreaterThan(0.85);
  });

  it('the confusion matrix rows add up to the test set’s count of each digit (980 zeros, 1,135 ones)', async () => {
    const run = await kernel.run(confusionCell.code);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const table = run.outputs.find((o) => o.kind === 'value' && o.value.type === 'table');
    const rows = (table as { value: { rows: { cells: string[] }[] } }).value.rows.map((r) => r.cells.map(Number));
    expect(rows[0].reduce((a, b) => a + b, 0)).toBe(980);
    expect(rows[1].reduce((a, b) => a + b, 0)).toBe(1135);
    expect(rows.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
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
