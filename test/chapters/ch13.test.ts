// Claims of chapter 13 (Learning faster: momentum and Adam), checked with the engine (its exercises'
// wrong answers are in test/content/wrong-answers.ts).
import { describe, expect, it } from 'vitest';
import { Matrix, createOptimizer, narrowValley, optimizerPath2D, stepsToReach, type ToyLoss2D } from '../../src/engine';
import { runChapterCells, shownValues } from './chapter-cells';

const SLUG = '13-momentum-and-adam';

describe('chapter 13: the narrow valley', () => {
  const sgd = optimizerPath2D(narrowValley, { name: 'sgd' }, 0.18, 60);

  it('SGD at η = 0.18: w2 flips sign every step (2.5, −2, 1.6, −1.28), w1 shrinks by 0.82; 19 steps to L < 0.01', () => {
    [2.5, -2, 1.6, -1.28].forEach((w2, t) => expect(sgd[t][1]).toBeCloseTo(w2, 5));
    for (let t = 1; t < 10; t++) {
      expect(sgd[t][0] / sgd[t - 1][0]).toBeCloseTo(0.82, 5);
      expect(sgd[t][1] / sgd[t - 1][1]).toBeCloseTo(-0.8, 5);
    }
    expect(stepsToReach(narrowValley, sgd, 0.01)).toBe(19);
    // and the limit: above η = 0.2 the steep direction diverges
    const over = optimizerPath2D(narrowValley, { name: 'sgd' }, 0.21, 200);
    expect(Math.abs(over[over.length - 1][1])).toBeGreaterThan(100);
  });

  it('the race\'s starting settings: momentum (η 0.09, β 0.7) 7 steps, SGD 19, Adam (η 0.3) 58', () => {
    expect(stepsToReach(narrowValley, optimizerPath2D(narrowValley, { name: 'momentum', beta: 0.7 }, 0.09, 100), 0.01)).toBe(7);
    expect(stepsToReach(narrowValley, optimizerPath2D(narrowValley, { name: 'adam' }, 0.3, 100), 0.01)).toBe(58);
  });

  it('momentum with β = 0.9 (η = 0.09) swings past the minimum along w1 and comes back', () => {
    const path = optimizerPath2D(narrowValley, { name: 'momentum', beta: 0.9 }, 0.09, 60);
    const signs = path.map(([w1]) => Math.sign(w1));
    const firstPast = signs.indexOf(1);
    expect(firstPast).toBeGreaterThan(0); // it crossed w1 = 0 …
    expect(signs.slice(firstPast).includes(-1)).toBe(true); // … and came back
  });

  it('Adam\'s first step moves both weights by η = 0.3', () => {
    const [start, first] = optimizerPath2D(narrowValley, { name: 'adam' }, 0.3, 1);
    expect(first[0] - start[0]).toBeCloseTo(0.3, 5);
    expect(first[1] - start[1]).toBeCloseTo(-0.3, 5);
  });

  it('with the loss times 100, SGD at η = 0.18 flies off while Adam\'s path stays within a millionth', () => {
    const steep: ToyLoss2D = { ...narrowValley, f: (a, b) => 100 * narrowValley.f(a, b), grad: (a, b) => narrowValley.grad(a, b).map((g) => 100 * g) as [number, number] };
    const sgd100 = optimizerPath2D(steep, { name: 'sgd' }, 0.18, 20);
    expect(Math.abs(sgd100[sgd100.length - 1][1])).toBeGreaterThan(1e3);
    const adam = optimizerPath2D(narrowValley, { name: 'adam' }, 0.3, 100);
    const adam100 = optimizerPath2D(steep, { name: 'adam' }, 0.3, 100);
    adam.forEach(([a, b], t) => {
      expect(Math.abs(adam100[t][0] - a)).toBeLessThan(1e-6);
      expect(Math.abs(adam100[t][1] - b)).toBeLessThan(1e-6);
    });
  });
});

describe('chapter 13: momentum and Adam in numbers', () => {
  it('β = 0.9: the gradient 10 steps back weighs 0.35, 22 steps back about 0.1; the weights sum to 10', () => {
    expect(0.9 ** 10).toBeCloseTo(0.35, 2);
    expect(0.9 ** 22).toBeCloseTo(0.1, 2);
    let sum = 0;
    for (let k = 0; k < 1000; k++) sum += 0.9 ** k;
    expect(sum).toBeCloseTo(10, 6);
  });

  it('the averaged form v ← βv + (1 − β)g with η/(1 − β) follows the same path as the engine\'s sum', () => {
    const gradients = [1, -0.5, 2, 0.3, -1.2, 0.8];
    const w = Matrix.fromArray([[0]]);
    const engine = createOptimizer({ name: 'momentum', beta: 0.8 });
    let v = 0, x = 0;
    for (const g of gradients) {
      engine.step([w], [Matrix.fromArray([[g]])], 0.05);
      v = 0.8 * v + 0.2 * g;
      x -= (0.05 / 0.2) * v;
      expect(w.data[0]).toBeCloseTo(x, 6);
    }
  });

  it('Adam\'s steady-gradient averages: m after 1 and 10 steps is 0.1·g and 0.65·g', () => {
    expect(1 - 0.9).toBeCloseTo(0.1, 12);
    expect(1 - 0.9 ** 10).toBeCloseTo(0.65, 2);
    expect(0.1 / Math.sqrt(0.001)).toBeCloseTo(3.16, 2);
    expect((1 - 0.9 ** 10) / Math.sqrt(1 - 0.999 ** 10)).toBeCloseTo(6.5, 1);
    expect(Math.sqrt(1 - 0.999 ** 10)).toBeCloseTo(Math.sqrt(0.00995), 4);
    expect(0.1 / Math.sqrt(0.1)).toBeCloseTo(0.32, 2);
  });

  it('RMSProp\'s first step is η/√0.1 ≈ 3.16η for a gradient of 10⁻³ as for 10³', () => {
    for (const g of [1e-3, 1e3]) {
      const w = Matrix.fromArray([[0]]);
      createOptimizer({ name: 'rmsprop', beta: 0.9 }).step([w], [Matrix.fromArray([[g]])], 0.01);
      expect(-w.data[0] / 0.01).toBeCloseTo(3.16, 2);
    }
  });
});

describe('chapter 13: cells', () => {
  it('every cell runs, and shows what the text says (the MNIST race: momentum 4 epochs, Adam 5, SGD 8)', async () => {
    const runs = await runChapterCells(SLUG);
    for (const run of runs) expect(run.error, JSON.stringify(run.error)).toBeUndefined();
    const shown = new Map(runs.flatMap((run) => [...shownValues(run)]));
    expect(shown.get('steps until L < 0.01')).toBe('19');
    const rows = JSON.parse(shown.get('the first points (w1, w2)')!) as { cells: string[] }[];
    expect(rows.slice(0, 4).map((r) => r.cells.map(Number))).toEqual([[-3.5, 2.5], [-2.87, -2], [-2.353, 1.6], [-1.93, -1.28]]);
    const values = runs.flatMap((run) => [...shownValues(run).values()]); // two cells show an unlabelled object
    expect(values).toContain('{ constant: 10, flipping: 0.5263, 1/(1 − β): 10, 1/(1 + β): 0.5263 }');
    const adam = values.find((v) => v.startsWith('{ corrected'))!;
    expect(adam).toMatch(/corrected: \[1, 1, 1, 1, 1, 1, 1, 1, 1, 1\]/);
    expect(adam).toMatch(/uncorrected: \[3\.16, .*, 6\.53\]/);
    expect(shown.get('momentum: which step ran')).toMatch(/TypeScript step/);
    expect(shown.get('epochs until 97% validation accuracy')).toBe('{ SGD: 8, momentum: 4, Adam: 5 }');
  }, 600_000);
});
