// Claims of chapter 14 (Overfitting and regularisation), checked by running its cells (its
// exercises' wrong answers are in test/content/wrong-answers.ts).
import { describe, expect, it } from 'vitest';
import { MLP, evaluate, train } from '../../src/engine';
import { mnistSubset } from '../../src/data/mnist-node.ts';
import { runChapterCells, shownValues } from './chapter-cells';

const SLUG = '14-overfitting-and-regularisation';
/** Reads `name: 0.123` out of a shown object. */
const field = (text: string, name: string) => Number(new RegExp(`${name}: (-?[0-9.e+-]+)`).exec(text)![1]);

describe('chapter 14: the cures, measured', () => {
  it('784–256–10 has 203,530 parameters', () => {
    expect(MLP.create({ sizes: [784, 256, 10], activation: 'relu', init: 'he', seed: 1 }).parameterCount()).toBe(203_530);
  });

  it('every cell runs and shows what the text says', async () => {
    const runs = await runChapterCells(SLUG);
    for (const run of runs) expect(run.error, JSON.stringify(run.error)).toBeUndefined();
    const shown = new Map(runs.flatMap((run) => [...shownValues(run)]));
    const plain = shown.get('no cure')!;
    expect(field(plain, 'training')).toBe(1);
    expect(field(plain, 'validation')).toBeGreaterThan(0.87); // "about 88%"
    expect(field(plain, 'validation')).toBeLessThan(0.89);
    expect(field(plain, 'gap')).toBeCloseTo(0.12, 1);
    expect(field(plain, 'bestEpoch')).toBeGreaterThanOrEqual(8); // "lowest around epoch 10"
    expect(field(plain, 'bestEpoch')).toBeLessThanOrEqual(12);

    const decay = shown.get('λ = 0.005')!;
    expect(field(decay, 'withoutDecay')).toBeCloseTo(0.48, 2);
    expect(field(decay, 'finalValidationLoss')).toBeCloseTo(0.42, 2);
    expect(field(decay, 'validation') - field(plain, 'validation')).toBeGreaterThan(0); // a fraction of a point
    expect(field(decay, 'validation') - field(plain, 'validation')).toBeLessThan(0.01);

    const dropped = shown.get('dropout, keep = 0.5')!;
    expect(field(dropped, 'training')).toBe(1);
    expect(field(dropped, 'validation')).toBeCloseTo(0.886, 2);
    expect(field(dropped, 'validation') - field(plain, 'validation')).toBeGreaterThan(0);
    expect(field(dropped, 'validation') - field(plain, 'validation')).toBeLessThan(0.01); // under a point

    const grown = shown.get('augmented: 1,000 images and 4,000 copies')!;
    expect(field(grown, 'validation')).toBeCloseTo(0.916, 2);
    expect(field(grown, 'validation') - field(plain, 'validation')).toBeGreaterThan(0.03); // almost four points
    expect(field(grown, 'gap')).toBeCloseTo(0.07, 1);

    // "weight decay and dropout narrow the gap a little; augmentation narrows it most, by raising validation"
    expect(field(decay, 'gap')).toBeLessThan(field(plain, 'gap'));
    expect(field(dropped, 'gap')).toBeLessThan(field(plain, 'gap'));
    expect(field(grown, 'gap')).toBeLessThan(Math.min(field(decay, 'gap'), field(dropped, 'gap')) - 0.03);
    expect(field(grown, 'validation')).toBeGreaterThan(Math.max(field(decay, 'validation'), field(dropped, 'validation')));

    const early = shown.get('early stopping, patience 5')!;
    expect(field(early, 'bestEpoch')).toBe(10);
    expect(field(early, 'epochsRun')).toBe(15);
    expect(field(early, 'training')).toBeCloseTo(0.97, 1); // "about 97%"
    expect(field(early, 'training')).toBeLessThan(0.99);
    expect(Math.abs(field(early, 'validation') - field(plain, 'validation'))).toBeLessThan(0.01); // "no higher"
    expect(field(early, 'training') - field(early, 'validation')).toBeLessThan(field(plain, 'gap'));
  }, 900_000);

  it('a much larger λ (0.02) costs training accuracy and does not raise validation accuracy', async () => {
    const few = mnistSubset('train', 0, 1000), val = mnistSubset('train', 8000, 2000);
    const net = MLP.create({ sizes: [784, 256, 10], activation: 'relu', init: 'he', seed: 1 });
    await train(net, { train: few, val }, { epochs: 40, learningRate: 0.1, batchSize: 32, seed: 1, restoreBest: false, weightDecay: 0.02 });
    expect(evaluate(net, few).accuracy).toBeLessThan(0.99);
    expect(evaluate(net, val).accuracy).toBeLessThan(0.8785 + 0.005); // the no-cure run's 87.85%, within noise
  }, 300_000);
});
