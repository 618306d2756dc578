// Claims of chapter 15 (Going deeper, and data of your own), checked by running its cells (its
// exercises' wrong answers are in test/content/wrong-answers.ts; the personal test set's scoring in
// test/data/personal-test.test.ts).
import { describe, expect, it } from 'vitest';
import { MLP } from '../../src/engine';
import { sourceExcerpt } from '../../components/ui/source-excerpt';
import { runChapterCells, shownNumber, shownValues } from './chapter-cells';
import networkSource from '../../src/engine/network.ts?raw'; // what the chapter imports and shows

const SLUG = '15-going-deeper';

describe('chapter 15: deeper networks, measured', () => {
  it('shows the engine’s backward pass, which is the recursion: one loop over the layers', () => {
    const shown = sourceExcerpt(networkSource, '  /** Backpropagation', '  /** One step of gradient descent');
    expect(shown).toMatch(/^\/\*\* Backpropagation/);
    expect(shown).toMatch(/backward\(cache: ForwardCache, Y: Matrix\): Gradients/);
    expect(shown).toMatch(/for \(let l = L - 1; l >= 0; l--\)/);
    expect(shown).toMatch(/dZ = mul\(dA, this\.g\.df\(Z\[l - 1\]\)\)/);
    expect(shown.split('\n').at(-1)).toBe('}'); // the whole method, nothing after it
  });

  it('the three depths have 50,890, 55,050 and 59,210 parameters, 4,160 apart', () => {
    const count = (sizes: number[]) => MLP.create({ sizes, activation: 'relu', init: 'he', seed: 1 }).parameterCount();
    expect(count([784, 64, 10])).toBe(50_890);
    expect(count([784, 64, 64, 10])).toBe(55_050);
    expect(count([784, 64, 64, 64, 10])).toBe(59_210);
    expect(64 * 64 + 64).toBe(4_160);
    expect(55_050 / 50_890).toBeCloseTo(1.08, 2); // "about 8% more"
    expect(59_210 / 55_050).toBeCloseTo(1.08, 2);
    expect((784 * 64 + 64) / 59_210).toBeGreaterThan(0.8); // "the first layer holds most of the weights whatever the depth"
  });

  it('every cell runs and shows what the text says', async () => {
    const runs = await runChapterCells(SLUG);
    for (const run of runs) expect(run.error, JSON.stringify(run.error)).toBeUndefined();
    const shown = new Map(runs.flatMap((run) => [...shownValues(run)]));
    /** Every `name: number` in a shown list of rows, in order. */
    const column = (label: string, name: string) => [...shown.get(label)!.matchAll(new RegExp(`${name}: (-?[0-9.e+-]+)`, 'g'))].map((m) => Number(m[1]));

    const checked = shown.get('four layers, checked')!;
    expect(shownNumber(checked, 'layers')).toBe(4);
    expect(shownNumber(checked, 'largestError')).toBeLessThan(0.01 / 10); // "far below 0.01"
    expect(column('relative error of each gradient', '(?:dW|db)[1-4]')).toHaveLength(8); // all eight, dW1 … db4

    const depths = ['784–64–10', '784–64–64–10', '784–64–64–64–10'].map((name) => shown.get(name)!);
    const [one, two, three] = depths.map((text) => shownNumber(text, 'validationAccuracy'));
    expect(depths.map((text) => shownNumber(text, 'parameters'))).toEqual([50_890, 55_050, 59_210]);
    for (const text of depths) expect(text).toContain('step: "TypeScript step"'); // one step for all three
    expect(one).toBeGreaterThan(0.928); // "about 93.3%", and "one hidden layer reaches 93%"
    expect(one).toBeLessThan(0.938);
    expect(two).toBeGreaterThan(0.939); // "about 94.4%"
    expect(two).toBeLessThan(0.949);
    expect(two - one).toBeGreaterThan(0.006); // "a point more"
    expect(two - one).toBeLessThan(0.016);
    expect(three).toBeGreaterThan(0.937); // "about 94.2%"
    expect(three).toBeLessThan(0.947);
    expect(Math.abs(three - two)).toBeLessThan(0.005); // "does not add another … within the noise"

    const sigmoid = column('spread of each layer’s gradient', 'sigmoid, Xavier');
    const relu = column('spread of each layer’s gradient', 'ReLU, He');
    expect(sigmoid).toHaveLength(7);
    for (let l = 1; l < 7; l++) expect(sigmoid[l]).toBeGreaterThan(sigmoid[l - 1]); // "falls at every step back"
    expect(sigmoid[6]).toBeGreaterThan(0.03); // "about 4 × 10⁻² at the last layer"
    expect(sigmoid[6]).toBeLessThan(0.05);
    expect(sigmoid[0]).toBeGreaterThan(1.4e-6); // "about 1.6 × 10⁻⁶ at the first"
    expect(sigmoid[0]).toBeLessThan(1.8e-6);
    const ratios = shown.get('first layer against last')!;
    expect(shownNumber(ratios, 'sigmoidLastOverFirst')).toBeGreaterThan(20_000); // "over 20,000 times smaller"
    expect(shownNumber(ratios, 'sigmoidLastOverFirst')).toBeLessThan(100_000); // "tens of thousands"
    expect(shownNumber(ratios, 'sigmoidShrinkPerLayer')).toBeGreaterThan(4.5); // "a factor of about 5"
    expect(shownNumber(ratios, 'sigmoidShrinkPerLayer')).toBeLessThan(5.5);
    expect(shownNumber(ratios, 'reluLargestOverSmallestHidden')).toBeLessThan(1.2); // "within 20% of one another"
    for (const s of relu.slice(0, 6)) {
      expect(s).toBeGreaterThan(4e-3); // "all about 5 × 10⁻³"
      expect(s).toBeLessThan(6e-3);
    }
    // σ′ is at most 1/4, at z = 0: the bound behind "a factor of ¼ or less per layer"
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    expect(Math.max(...Array.from({ length: 2001 }, (_, i) => sigma(-10 + i / 100) * (1 - sigma(-10 + i / 100))))).toBe(0.25);

    const trained = shown.get('seven layers, validation accuracy after 5 epochs')!;
    expect(shownNumber(trained, 'sigmoid')).toBeGreaterThan(0.08); // "about 10%, … guessing"
    expect(shownNumber(trained, 'sigmoid')).toBeLessThan(0.12);
    expect(shownNumber(trained, 'relu')).toBeGreaterThan(0.91); // "about 92%"
    expect(shownNumber(trained, 'relu')).toBeLessThan(0.93);
  }, 900_000);
});
