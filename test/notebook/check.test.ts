import { describe, expect, it } from 'vitest';
import { makeCheck, firstDifference } from '../../src/notebook/check.ts';
import type { OutputItem } from '../../src/notebook/protocol.ts';
import { Matrix, createRng, softmax } from '../../src/engine/index.ts';

function harness() {
  const items: OutputItem[] = [];
  return { items, check: makeCheck(createRng as (s: number) => unknown, (i) => items.push(i)) };
}

describe('check', () => {
  it('passes a correct function on every given case', () => {
    const { items, check } = harness();
    const result = check('double', (x: number) => x + x, (x: number) => 2 * x, [[1], [2.5], [-3]]);
    expect(result).toEqual({ passed: 3, total: 3 });
    expect(items[0]).toMatchObject({ kind: 'check', name: 'double', passed: 3, total: 3, hint: undefined });
  });

  it('fails a wrong function and reports the first difference and the hint', () => {
    const { items, check } = harness();
    const wrong = (Z: Matrix) => {
      const A = Z.clone();
      const e = A.data.map(Math.exp);
      const total = e.reduce((s, x) => s + x, 0);
      return new Matrix(A.rows, A.cols, e.map((x) => x / total)); // normalises over the whole matrix
    };
    const result = check('softmax', wrong, softmax, [[Matrix.fromArray([[1, 2], [3, 4]])]], { hint: 'one column per example' });
    expect(result).toEqual({ passed: 0, total: 1 });
    const item = items[0] as Extract<OutputItem, { kind: 'check' }>;
    expect(item.hint).toBe('one column per example');
    expect(item.cases[0].ok).toBe(false);
    expect(item.cases[0].detail).toMatch(/^expected 0\.1192 at \(0, 0\), got 0\.03206$/);
  });

  it('draws random cases from a seeded rng, the same ones every run', () => {
    const seen: number[][] = [];
    const { check } = harness();
    const cases = (rng: { next(): number }) => [rng.next()];
    check('id', (x: number) => { seen.push([x]); return x; }, (x: number) => x, cases, { count: 4 });
    check('id', (x: number) => { seen.push([x]); return x; }, (x: number) => x, cases, { count: 4 });
    expect(seen).toHaveLength(8);
    expect(seen.slice(0, 4)).toEqual(seen.slice(4));
    expect(new Set(seen.slice(0, 4).map((s) => s[0])).size).toBe(4);
  });

  it('a function that throws fails its case with the error; both throwing counts as agreement', () => {
    const { items, check } = harness();
    const boom = () => { throw new RangeError('nope'); };
    check('t', boom, (x: number) => x, [[1]]);
    check('t2', boom, boom, [[1]]);
    expect((items[0] as any).cases[0].detail).toBe('threw RangeError: nope');
    expect((items[1] as any).passed).toBe(1);
  });

  it('gives each function its own copy of the arguments', () => {
    const { check } = harness();
    const mutate = (M: Matrix) => { M.set(0, 0, 99); return M.get(0, 0); };
    const read = (M: Matrix) => M.get(0, 0) + 98;
    expect(check('copy', read, mutate, [[Matrix.fromArray([[1]])]]).passed).toBe(1);
  });

  it('shows a long argument cut short, so a failing 28×28 case stays readable', () => {
    const { items, check } = harness();
    const grid = Array.from({ length: 28 }, () => Array(28).fill(255));
    check('sum', (g: number[][]) => g.length, (g: number[][]) => g.flat().length, [[grid]]);
    const args = (items[0] as any).cases[0].args as string;
    expect(args.length).toBeLessThanOrEqual(101);
    expect(args.endsWith('…')).toBe(true);
  });

  it('names shape and length differences', () => {
    expect(firstDifference(new Matrix(10, 1), new Matrix(1, 10), 1e-5)).toBe('expected shape (10, 1), got (1, 10)');
    expect(firstDifference([1, 2, 3], [1, 2], 1e-5)).toBe('expected length 3, got length 2');
    expect(firstDifference([1, [2, 3]], [1, [2, 4]], 1e-5)).toBe('expected 3 at [1][1], got 4');
    expect(firstDifference(1, 1 + 1e-7, 1e-5)).toBeNull();
  });
});
