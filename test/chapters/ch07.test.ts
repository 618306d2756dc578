// Claims of chapter 7 (Softmax), checked with the engine against hand values and identities.
import { describe, expect, it } from 'vitest';
import { Matrix, createRng, scalar, softmax, softmaxUnstable, sum } from '../../src/engine';
import { runChapterCells, shownValues } from './chapter-cells';
import { readFileSync } from 'node:fs';

const chapter = readFileSync(new URL('../../content/chapters/07-softmax.mdx', import.meta.url), 'utf8');

const column = (values: number[]) => Array.from(softmax(Matrix.fromColumn(values)).data);

describe('chapter 7: softmax', () => {
  it('the worked example: softmax(2, 1, 0.1) = (0.659, 0.242, 0.099), from e^z = (7.389, 2.718, 1.105) over 11.212', () => {
    const p = column([2, 1, 0.1]);
    expect(p[0]).toBeCloseTo(7.389 / 11.212, 3);
    expect(p[0]).toBeCloseTo(0.659, 3);
    expect(p[1]).toBeCloseTo(0.242, 3);
    expect(p[2]).toBeCloseTo(0.099, 3);
  });

  it('works down each column of a batch: every column of softmax(Z) sums to 1', () => {
    const Z = Matrix.fromArray([[2, -1], [1, 0], [0.1, 3]]);
    const sums = sum(softmax(Z), 0);
    expect(sums.shape).toEqual([1, 2]);
    for (const s of sums.data) expect(s).toBeCloseTo(1, 6);
    expect(Array.from(softmax(Matrix.fromColumn([-1, 0, 3])).data)).toEqual(
      [0, 1, 2].map((i) => softmax(Z).get(i, 1)),
    );
  });

  it('temperature: T = 0.25 gives (0.982, 0.018, 0.000), T = 5 gives (0.400, 0.327, 0.273), order kept', () => {
    const cold = column([8, 4, 0.4]);
    expect(cold.map((p) => +p.toFixed(3))).toEqual([0.982, 0.018, 0]);
    const hot = column([0.4, 0.2, 0.02]);
    expect(hot.map((p) => +p.toFixed(3))).toEqual([0.4, 0.327, 0.273]);
  });

  it('adding a constant to every logit changes nothing (stable softmax), even c = 800', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 20; trial++) {
      const z = Array.from({ length: 10 }, () => 3 * rng.randn());
      const c = 1000 * rng.next() - 200;
      const shifted = column(z.map((v) => v + c));
      column(z).forEach((p, i) => expect(shifted[i]).toBeCloseTo(p, 4));
    }
  });

  it('without subtracting the max, logits of 800 overflow: e^800 = Infinity and the result is NaN', () => {
    expect(Math.exp(800)).toBe(Infinity);
    expect(Math.exp(709)).toBeLessThan(Infinity);
    expect(Math.exp(710)).toBe(Infinity); // the threshold is log(max double) ≈ 709.78
    const big = Matrix.fromColumn([800, 799, 790]);
    expect(Array.from(softmaxUnstable(big).data).every(Number.isNaN)).toBe(true);
    const stable = Array.from(softmax(big).data);
    column([10, 9, 0]).forEach((p, i) => expect(stable[i]).toBeCloseTo(p, 6));
  });

  it('one overflowing term is enough: logits (800, 0, 1) give (NaN, 0, 0) as written, (1, 0, 0) stably', () => {
    const unstable = Array.from(softmaxUnstable(Matrix.fromColumn([800, 0, 1])).data);
    expect(Number.isNaN(unstable[0])).toBe(true);
    expect(unstable.slice(1)).toEqual([0, 0]);
    column([800, 0, 1]).forEach((p, i) => expect(p).toBeCloseTo([1, 0, 0][i], 6));
    expect(chapter).toContain('One such term is enough.');
    expect(chapter).not.toContain('Once two terms are');
  });

  it('the single logit of a two-class softmax is the log-odds ln(p / (1 − p)); odds of 3 to 1 are z = ln 3 ≈ 1.1', () => {
    for (const z of [-3, -0.2, 0, 1.1, 4]) {
      const p = column([z, 0])[0];
      expect(Math.log(p / (1 - p))).toBeCloseTo(z, 4);
    }
    const odds3 = column([Math.log(3), 0])[0];
    expect(odds3 / (1 - odds3)).toBeCloseTo(3, 5);
    expect(Math.log(3)).toBeCloseTo(1.1, 1);
    expect(chapter).toContain('**log-odds**');
    expect(chapter).not.toContain('is "how much more likely yes is than no"');
  });

  it('the widget default: with c = 710 and logits (2, 1, 0.1, −1), the formula as written gives NaN', () => {
    const unstable = Array.from(softmaxUnstable(Matrix.fromColumn([712, 711, 710.1, 709])).data);
    expect(unstable.slice(0, 3).every(Number.isNaN)).toBe(true);
    const below = Array.from(softmaxUnstable(Matrix.fromColumn([702, 701, 700.1, 699])).data);
    column([2, 1, 0.1, -1]).forEach((p, i) => expect(below[i]).toBeCloseTo(p, 5));
  });

  it('two classes: softmax([z1, z2])₁ = σ(z1 − z2), and the second is 1 − σ(z1 − z2) = σ(z2 − z1)', () => {
    const rng = createRng(77);
    for (let trial = 0; trial < 50; trial++) {
      const z1 = 5 * rng.randn();
      const z2 = 5 * rng.randn();
      const [p1, p2] = column([z1, z2]);
      expect(p1).toBeCloseTo(scalar.sigmoid.f(z1 - z2), 6);
      expect(p2).toBeCloseTo(1 - scalar.sigmoid.f(z1 - z2), 6);
      expect(p2).toBeCloseTo(scalar.sigmoid.f(z2 - z1), 6);
    }
    // "subtract 1 from it" gives a negative number, which is no probability
    expect(scalar.sigmoid.f(1) - 1).toBeLessThan(0);
  });

  it('a single sigmoid output is softmax([z, 0])', () => {
    for (const z of [-4, -0.5, 0, 1.3, 6]) expect(column([z, 0])[0]).toBeCloseTo(scalar.sigmoid.f(z), 6);
  });

  it("the chapter's cells run in order without errors", async () => {
    const runs = await runChapterCells('07-softmax');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.error).toBeUndefined();
    const [first, exponential, second] = runs.map(shownValues);
    const divided = JSON.parse(exponential.get('z / Σz: one entry above 1, one below 0')!) as number[];
    expect(divided.some((v) => v > 1) && divided.some((v) => v < 0)).toBe(true);
    const ratios = exponential.get('p₀ / p₂ against e^(z₀ − z₂)')!;
    const [ratio, expOfDifference] = [...ratios.matchAll(/-?\d+\.\d+/g)].map((x) => Number(x[0]));
    expect(ratio).toBe(expOfDifference); // as shown, to the digits shown
    expect(ratio).toBeCloseTo(Math.exp(1.5), 2);
    expect(first.get('softmax(z)')).toContain('"0.659"');
    expect(first.get('column sums (axis 0): each is 1')).toBe(JSON.stringify([{ label: '0', cells: ['1', '1'] }]));
    expect(second.get('the formula as written: e^800 is Infinity, Infinity/Infinity is NaN')?.match(/NaN/g)).toHaveLength(3);
    expect(second.get('max subtracted first')).toBe(second.get('softmax of (10, 9, 0): identical'));
  });
});

describe('chapter 7: a real digit through the bundled network', () => {
  it('a logit gap of 7 is a probability ratio of about 1,100; and the bundled network’s right logit usually leads by several units', async () => {
    expect(Math.exp(7)).toBeGreaterThan(1050);
    expect(Math.exp(7)).toBeLessThan(1150);
    expect(chapter).toContain('a gap of 7 already makes it about 1,100 times more likely');
    const { mnistSubset } = await import('../../src/data/mnist-node.ts');
    const { bundledFromJSON } = await import('../../src/models/bundled.ts');
    const file = JSON.parse(readFileSync(new URL('../../src/models/bundled-mlp.json', import.meta.url), 'utf8'));
    const { net } = bundledFromJSON(file);
    const val = mnistSubset('train', 50_000, 1000);
    const { Z } = net.forwardWithCache(val.X);
    const Z2 = Z[Z.length - 1];
    const gaps: number[] = [];
    for (let j = 0; j < Z2.cols; j++) {
      const col = Array.from({ length: 10 }, (_, k) => Z2.get(k, j));
      const sorted = [...col].sort((a, b) => b - a);
      if (col.indexOf(sorted[0]) === val.labels[j]) gaps.push(sorted[0] - sorted[1]);
    }
    gaps.sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThan(3); // the median lead, when right, is "several units"
  });
});
