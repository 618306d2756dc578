// Values → plain data for display, done in the kernel so only text and numbers cross to the page.
// Matrices print as numpy prints them: shape in the header, long axes elided in the middle.
import type { Formatted } from './protocol.ts';

export interface FormatOptions {
  /** An axis longer than this is elided (a 28×28 image still shows in full). */
  maxAxis?: number;
  /** How many entries to keep at each end of an elided axis (numpy's edgeitems). */
  edge?: number;
}

const ELLIPSIS = '…';

interface MatrixLike {
  rows: number;
  cols: number;
  data: ArrayLike<number>;
}

export function isMatrixLike(v: unknown): v is MatrixLike {
  const m = v as MatrixLike;
  return !!m && typeof m === 'object' && Number.isInteger(m.rows) && Number.isInteger(m.cols) && !!m.data
    && typeof (m.data as ArrayLike<number>).length === 'number' && m.data.length === m.rows * m.cols;
}

export function formatShape(rows: number, cols: number): string {
  return `(${rows}, ${cols})`;
}

export function formatValue(v: unknown, options: FormatOptions = {}): Formatted {
  if (isMatrixLike(v)) {
    return table(`Matrix ${formatShape(v.rows, v.cols)}`, v.rows, v.cols, (i, j) => v.data[i * v.cols + j], options);
  }
  if (isNumberGrid(v)) {
    const cols = v[0].length;
    return table(`Array ${formatShape(v.length, cols)}`, v.length, cols, (i, j) => Number(v[i][j]), options);
  }
  return { type: 'text', text: formatText(v, options) };
}

/** One line (or a few) of text for any value: what console.log prints. */
export function formatText(v: unknown, options: FormatOptions = {}, depth = 0): string {
  if (typeof v === 'string') return depth === 0 ? v : JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'symbol') return String(v);
  if (typeof v === 'function') return `[Function ${v.name || '(anonymous)'}]`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (isMatrixLike(v)) {
    return depth > 0 ? `Matrix ${formatShape(v.rows, v.cols)}` : matrixText(v, options);
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    return `${v.constructor.name}(${a.length}) ${list(a, (x) => formatNumber(Number(x)), options)}`;
  }
  if (depth > 2) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) return list(v, (x) => formatText(x, options, depth + 1), options);
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 20).map(([k, x]) => `${formatText(k, options, depth + 1)} => ${formatText(x, options, depth + 1)}`).join(', ')}}`;
  if (v instanceof Set) return `Set(${v.size}) ${list([...v], (x) => formatText(x, options, depth + 1), options)}`;
  const entries = Object.entries(v as object).slice(0, 30);
  const name = (v as object).constructor?.name;
  const prefix = name && name !== 'Object' ? `${name} ` : '';
  return `${prefix}{ ${entries.map(([k, x]) => `${k}: ${formatText(x, options, depth + 1)}`).join(', ')} }`;
}

/** Four significant digits, exponent for very large or small magnitudes, integers as they are. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

/** Indices to show along an axis of length n: all of them, or both ends with null for the gap. */
export function shownIndices(n: number, options: FormatOptions = {}): (number | null)[] {
  const maxAxis = options.maxAxis ?? 28;
  const edge = options.edge ?? 3;
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= maxAxis || n <= 2 * edge) return all;
  return [...all.slice(0, edge), null, ...all.slice(n - edge)];
}

function table(
  caption: string,
  rows: number,
  cols: number,
  at: (i: number, j: number) => number,
  options: FormatOptions,
): Formatted {
  const rowIdx = shownIndices(rows, options);
  const colIdx = shownIndices(cols, options);
  let lo = Infinity;
  let hi = -Infinity;
  const values = rowIdx.map((i) => colIdx.map((j) => (i === null || j === null ? NaN : at(i, j))));
  for (const row of values) for (const x of row) if (Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  return {
    type: 'table',
    caption,
    columns: colIdx.map((j) => (j === null ? ELLIPSIS : String(j))),
    rows: rowIdx.map((i, r) => ({
      label: i === null ? ELLIPSIS : String(i),
      cells: values[r].map((x, c) => (i === null || colIdx[c] === null ? ELLIPSIS : formatNumber(x))),
    })),
    // Each cell's place between the smallest and largest shown value, for a light heat-map shading.
    shade: hi > lo ? values.map((row) => row.map((x) => (Number.isFinite(x) ? (x - lo) / (hi - lo) : 0))) : undefined,
  };
}

function matrixText(m: MatrixLike, options: FormatOptions): string {
  const f = formatValue(m, options) as Extract<Formatted, { type: 'table' }>;
  const lines = f.rows.map((r) => `  [${r.cells.join(', ')}]`);
  return `${f.caption}\n[\n${lines.join(',\n')}\n]`;
}

function list<T>(a: ArrayLike<T>, show: (x: T) => string, options: FormatOptions): string {
  const parts = shownIndices(a.length, { maxAxis: 100, edge: options.edge ?? 3 }).map((i) => (i === null ? ELLIPSIS : show(a[i])));
  return `[${parts.join(', ')}]`;
}

function isNumberGrid(v: unknown): v is ArrayLike<number>[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  const first = v[0];
  if (!(Array.isArray(first) || (ArrayBuffer.isView(first) && !(first instanceof DataView))) || (first as ArrayLike<number>).length === 0) return false;
  const cols = (first as ArrayLike<number>).length;
  return v.every((row) => (Array.isArray(row) || ArrayBuffer.isView(row)) && (row as ArrayLike<number>).length === cols
    && Array.prototype.every.call(row, (x: unknown) => typeof x === 'number'));
}
