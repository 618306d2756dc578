// Chapter 11's search: the grid, the choice by validation accuracy, and the chapter's claims about
// this search's results, recomputed with the engine on the same MNIST images the widget uses.
import { describe, expect, it } from 'vitest';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { evaluate } from '../../src/engine/index.ts';
import { CELLS, SEARCH, chooseCell, trainCell, type CellResult } from '../../src/worker/search.ts';

const done = (valAccuracy: number, valLoss: number): CellResult => ({ kind: 'done', valAccuracy, valLoss, step: { name: 'TypeScript step', threads: 1 } });

describe('the search’s choice', () => {
  it('is the highest validation accuracy, the lower loss between equals, never a diverged cell', () => {
    expect(chooseCell([done(0.8, 0.5), done(0.9, 0.7), done(0.85, 0.3)])).toBe(1);
    expect(chooseCell([done(0.9, 0.5), done(0.9, 0.4), done(0.9, 0.6)])).toBe(1);
    expect(chooseCell([{ kind: 'diverged', message: 'x' }, done(0.1, 2.3)])).toBe(1);
    expect(chooseCell([{ kind: 'diverged', message: 'x' }, undefined])).toBe(-1);
    expect(chooseCell([])).toBe(-1);
  });

  it('lays out three learning rates × two widths, every cell once', () => {
    expect(CELLS).toHaveLength(6);
    expect(new Set(CELLS.map((c) => `${c.width}/${c.learningRate}`)).size).toBe(6);
    // the validation images are not among the training images
    expect(SEARCH.valStart).toBeGreaterThanOrEqual(SEARCH.trainSize);
  });
});

describe('the search on MNIST, as the chapter describes it', () => {
  it('chooses a cell whose validation loss is not the lowest, the smallest η is worst at both widths, and the final test is below the choice’s validation', async () => {
    const data = { train: mnistSubset('train', 0, SEARCH.trainSize), val: mnistSubset('train', SEARCH.valStart, SEARCH.valSize) };
    const results: CellResult[] = [];
    const nets = [];
    for (const cell of CELLS) {
      const { net, result } = await trainCell(cell, data);
      results.push(result);
      nets.push(net);
    }
    const ok = results.map((r) => {
      if (r.kind !== 'done') throw new Error('no cell of this search diverges');
      return r;
    });
    const chosen = chooseCell(results);
    const lowestLoss = ok.indexOf(ok.reduce((a, b) => (b.valLoss < a.valLoss ? b : a)));
    expect(CELLS[chosen]).toEqual({ width: 64, learningRate: 0.5 });
    expect(CELLS[lowestLoss]).toEqual({ width: 64, learningRate: 0.1 });
    for (const width of SEARCH.widths) {
      const row = ok.filter((_, i) => CELLS[i].width === width);
      expect(Math.min(...row.map((r) => r.valAccuracy))).toBe(row[0].valAccuracy); // η = 0.01
    }
    const test = evaluate(nets[chosen], mnistSubset('test', 0, 10_000));
    expect(test.accuracy).toBeLessThan(ok[chosen].valAccuracy);
  }, 60_000);
});
