import { describe, expect, it } from 'vitest';
import { formatNumber, formatText, formatValue, shownIndices } from '../../src/notebook/format.ts';
import { Matrix } from '../../src/engine/index.ts';

type Table = Extract<ReturnType<typeof formatValue>, { type: 'table' }>;

describe('value rendering', () => {
  it('renders a small Matrix as a full table with its shape in the header', () => {
    const t = formatValue(Matrix.fromArray([[1, 2.5, 3], [4, 5, -6]])) as Table;
    expect(t.type).toBe('table');
    expect(t.caption).toBe('Matrix (2, 3)');
    expect(t.columns).toEqual(['0', '1', '2']);
    expect(t.rows).toEqual([
      { label: '0', cells: ['1', '2.5', '3'] },
      { label: '1', cells: ['4', '5', '-6'] },
    ]);
  });

  it('elides the middle of a long axis, keeping three entries at each end as numpy does', () => {
    const X = new Matrix(784, 2, Float32Array.from({ length: 1568 }, (_, k) => k));
    const t = formatValue(X) as Table;
    expect(t.caption).toBe('Matrix (784, 2)');
    expect(t.rows.map((r) => r.label)).toEqual(['0', '1', '2', '…', '781', '782', '783']);
    expect(t.rows[3].cells).toEqual(['…', '…']);
    expect(t.rows[6].cells).toEqual(['1566', '1567']);
    const W = formatValue(new Matrix(16, 784)) as Table;
    expect(W.columns).toEqual(['0', '1', '2', '…', '781', '782', '783']);
    expect(W.rows).toHaveLength(16);
  });

  it('shows a 28×28 image in full', () => {
    expect(shownIndices(28)).toHaveLength(28);
    expect(shownIndices(29)).toEqual([0, 1, 2, null, 26, 27, 28]);
  });

  it('shades cells by value between the smallest and the largest shown', () => {
    const t = formatValue(Matrix.fromArray([[0, 5, 10]])) as Table;
    expect(t.shade).toEqual([[0, 0.5, 1]]);
  });

  it('renders a 2-D number array as a table with its shape, other values as text', () => {
    expect((formatValue([[1, 2], [3, 4], [5, 6]]) as Table).caption).toBe('Array (3, 2)');
    expect(formatValue('hello')).toEqual({ type: 'text', text: 'hello' });
    expect(formatValue([1, 'a', null])).toEqual({ type: 'text', text: '[1, "a", null]' });
    expect(formatValue({ loss: 0.25, shape: [784, 1] })).toEqual({ type: 'text', text: '{ loss: 0.25, shape: [784, 1] }' });
  });

  it('prints typed arrays with their type and length, eliding long ones', () => {
    expect(formatText(new Uint8Array([0, 128, 255]))).toBe('Uint8Array(3) [0, 128, 255]');
    expect(formatText(new Float32Array(784))).toBe('Float32Array(784) [0, 0, 0, …, 0, 0, 0]');
  });

  it('formats numbers compactly', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(NaN)).toBe('NaN');
  });

  it('a Matrix nested in an object prints as its shape', () => {
    expect(formatText({ W1: new Matrix(16, 784) })).toBe('{ W1: Matrix (16, 784) }');
  });
});
