import { describe, expect, it } from 'vitest';
import { formatNumber, formatResult, formatText, formatValue, heatOf, shownIndices } from '../../src/notebook/format.ts';
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

describe('a cell\'s last value, printed as numpy prints an array', () => {
  type Arr = Extract<ReturnType<typeof formatResult>, { type: 'array' }>;

  it('prints a small Matrix in full with its shape first, entries right-aligned', () => {
    const r = formatResult(Matrix.fromArray([[1, 2.5, 3], [4, 5, -6]])) as Arr;
    expect(r.caption).toBe('Matrix (2, 3)');
    expect(r.text).toBe('[[  1, 2.5,   3],\n [  4,   5,  -6]]');
    expect(r.image).toBeUndefined();
  });

  it('keeps three entries at each end of each axis beyond 1,000 numbers, as numpy does', () => {
    const W = new Matrix(16, 784, Float32Array.from({ length: 16 * 784 }, (_, k) => k % 784));
    const lines = (formatResult(W) as Arr).text.split('\n');
    expect(lines).toHaveLength(7); // rows 0, 1, 2, …, 13, 14, 15
    expect(lines[0]).toBe('[[  0,   1,   2,   …, 781, 782, 783],');
    expect(lines[3]).toBe(' …,');
    const small = new Matrix(40, 25); // 1,000 numbers: still in full
    expect((formatResult(small) as Arr).text.split('\n')).toHaveLength(40);
  });

  it('offers 784 numbers as a 28×28 image: [0, 1] scaled to bytes, signed weights stretched', () => {
    const x = new Matrix(784, 1, Float32Array.from({ length: 784 }, (_, k) => (k === 5 ? 1 : k === 6 ? 0.5 : 0)));
    const img = (formatResult(x) as Arr).image!;
    expect([img[5], img[6], img[7]]).toEqual([255, 128, 0]);
    const w = Array.from({ length: 784 }, (_, k) => (k === 0 ? -2 : k === 1 ? 2 : 0));
    const wImg = (formatResult(w) as { image?: Uint8ClampedArray }).image!;
    expect([wImg[0], wImg[1], wImg[2]]).toEqual([0, 255, 128]);
    expect((formatResult(new Matrix(10, 10)) as Arr).image).toBeUndefined();
  });

  it('its heat map covers the whole matrix, averaged in blocks when larger than 128 a side', () => {
    const M = Matrix.fromArray([[0, 10], [5, 10]]);
    expect(heatOf(M)).toEqual({ rows: 2, cols: 2, values: [0, 1, 0.5, 1], lo: 0, hi: 10 });
    const tall = new Matrix(256, 1, Float32Array.from({ length: 256 }, (_, k) => (k % 2 === 0 ? 0 : 2)));
    const h = heatOf(tall);
    expect([h.rows, h.cols]).toEqual([128, 1]);
    expect(h.values.every((v) => v === 0.5)).toBe(true); // each block averages a 0 and a 2
  });
});
