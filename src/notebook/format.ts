// Values → plain data for display, done in the kernel so only text and numbers cross to the page.
// Matrices print as numpy prints them: shape in the header, long axes elided in the middle.
import type { Formatted, Heat } from './protocol.ts';

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
  return `Matrix ${formatShape(m.rows, m.cols)}\n${numpyText(m, options)}`;
}

/** numpy prints an array in full up to 1,000 numbers; beyond that it keeps three at each end of an axis. */
const NUMPY_THRESHOLD = 1000;

/**
 * The rows of a matrix as numpy prints them: `[[ 1, 2.5], [-3, 4]]` with one row a line, every entry
 * right-aligned to one width, and `…` for the elided middle of a long axis.
 */
export function numpyText(m: MatrixLike, options: FormatOptions = {}): string {
  const full = m.rows * m.cols <= NUMPY_THRESHOLD;
  const axis = (n: number) => shownIndices(n, full ? { maxAxis: n } : { maxAxis: 2 * (options.edge ?? 3), edge: options.edge ?? 3 });
  const rowIdx = axis(m.rows);
  const colIdx = axis(m.cols);
  const cells = rowIdx.map((i) => (i === null ? null : colIdx.map((j) => (j === null ? ELLIPSIS : formatNumber(m.data[i * m.cols + j])))));
  let width = 1;
  for (const row of cells) for (const c of row ?? []) width = Math.max(width, c.length);
  const lines = cells.map((row) => (row === null ? ELLIPSIS : `[${row.map((c) => c.padStart(width)).join(', ')}]`));
  return `[${lines.join(',\n ')}]`;
}

/** A heat map is at most this many cells a side; a larger matrix is averaged in blocks. */
export const HEAT_MAX = 128;

/** The whole matrix (not only the shown corners), averaged down to HEAT_MAX a side, scaled to [0, 1]. */
export function heatOf(m: MatrixLike): Heat {
  const rows = Math.min(m.rows, HEAT_MAX);
  const cols = Math.min(m.cols, HEAT_MAX);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < m.data.length; k++) {
    const x = m.data[k];
    if (Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  }
  if (!Number.isFinite(lo)) { lo = 0; hi = 0; }
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const [i0, i1] = [Math.floor((r * m.rows) / rows), Math.floor(((r + 1) * m.rows) / rows)];
    for (let c = 0; c < cols; c++) {
      const [j0, j1] = [Math.floor((c * m.cols) / cols), Math.floor(((c + 1) * m.cols) / cols)];
      let total = 0;
      let count = 0;
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) {
        const x = m.data[i * m.cols + j];
        if (Number.isFinite(x)) { total += x; count++; }
      }
      values.push(hi > lo && count > 0 ? (total / count - lo) / (hi - lo) : 0);
    }
  }
  return { rows, cols, values, lo, hi };
}

/**
 * 784 numbers as 28×28 gray bytes: values in [0, 1] are scaled by 255, bytes are kept, anything else
 * (weights, with signs) is stretched from its smallest (black) to its largest (white).
 */
export function imageBytes(data: ArrayLike<number>): Uint8ClampedArray | undefined {
  if (data.length !== 784) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < 784; k++) { lo = Math.min(lo, data[k]); hi = Math.max(hi, data[k]); }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const [from, scale] = lo >= 0 && hi <= 1 ? [0, 255] : lo >= 0 && hi <= 255 ? [0, 1] : [lo, hi > lo ? 255 / (hi - lo) : 0];
  const out = new Uint8ClampedArray(784);
  for (let k = 0; k < 784; k++) out[k] = Math.round((data[k] - from) * scale);
  return out;
}

/**
 * A cell's last value, shown as Jupyter shows it: a Matrix (or a 2-D number array) printed as numpy
 * prints an array, shape first, with its heat map and, if it holds 784 numbers, a 28×28 image.
 */
export function formatResult(v: unknown, options: FormatOptions = {}): Formatted {
  const m = isMatrixLike(v) ? v : isNumberGrid(v) ? gridToMatrix(v) : null;
  if (m) {
    const kind = isMatrixLike(v) ? 'Matrix' : 'Array';
    return { type: 'array', caption: `${kind} ${formatShape(m.rows, m.cols)}`, text: numpyText(m, options), heat: heatOf(m), image: imageBytes(m.data) };
  }
  const text = formatText(v, options);
  const numbers = (Array.isArray(v) && v.every((x) => typeof x === 'number')) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  const image = numbers ? imageBytes(v as ArrayLike<number>) : undefined;
  return image ? { type: 'text', text, image } : { type: 'text', text };
}

function gridToMatrix(v: ArrayLike<number>[]): MatrixLike {
  const cols = v[0].length;
  return { rows: v.length, cols, data: v.flatMap((row) => Array.from(row, Number)) };
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
