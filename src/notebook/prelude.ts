// The globals every cell gets without importing anything: show, showImage, plot, progress, check,
// console. Each run gets its own set, so output printed later (after an await or a timer) still goes
// under the cell that printed it.
import type { OutputItem } from './protocol.ts';
import { formatText, formatValue, isMatrixLike } from './format.ts';
import { makeCheck } from './check.ts';
import { nearestName } from './names.ts';

import { PRELUDE_NAMES } from './prelude-names.ts';
import type { CellGlobals } from './cell-globals.ts';

export { PRELUDE_NAMES };

export interface PreludeDeps {
  nn: Record<string, unknown>;
  emit: (item: OutputItem) => void;
}

export function makePrelude({ nn, emit }: PreludeDeps): unknown[] {
  const log = (stream: 'log' | 'warn' | 'error') => (...args: unknown[]) =>
    emit({ kind: 'text', stream, text: args.map((a) => formatText(a)).join(' ') });
  const console = {
    log: log('log'),
    info: log('log'),
    debug: log('log'),
    warn: log('warn'),
    error: log('error'),
    table: (v: unknown) => show(v),
  };
  function show(value: unknown, label?: string | { label?: string }): void {
    const text = typeof label === 'string' ? label : label?.label;
    emit({ kind: 'value', label: text, value: formatValue(value) });
  }
  const createRng = nn.createRng as (seed: number) => unknown;
  const check = makeCheck(createRng, emit);
  const __import = (specifier: string, names: string[] = []) => importNn(nn, specifier, names);
  // Typed as the declarations the editor's checker gives cells, so the two cannot drift apart.
  const globals: CellGlobals = {
    show,
    showImage: (x, o) => emit(imageItem(x, o?.label)),
    plot: (s, o) => emit(plotItem(s, o)),
    progress: (fraction, label) => emit({ kind: 'progress', fraction: clamp01(Number(fraction)), label }),
    check,
  };
  return [globals.show, globals.showImage, globals.plot, globals.progress, globals.check, console, __import];
}

/** An import fails as it would in Python: at the import line, naming what is missing (thrown, not rejected, so the stack keeps that line). */
class ImportError extends Error {
  override name = 'ImportError';
}

function importNn(nn: Record<string, unknown>, specifier: string, names: string[]): Promise<Record<string, unknown>> {
  const offered = Object.keys(nn).sort((a, b) => a.localeCompare(b));
  if (specifier !== 'nn') {
    throw new ImportError(`cells can import only from 'nn', not '${specifier}'. 'nn' offers: ${offered.join(', ')}`);
  }
  for (const name of names) {
    if (name in nn) continue;
    const near = nearestName(name, offered);
    throw new ImportError(`'nn' has no export named '${name}'${near ? `: did you mean '${near}'?` : `. It offers: ${offered.join(', ')}`}`);
  }
  return Promise.resolve(nn);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** A 784-vector, a 28×28 array or Matrix, or a (784, 1) column → 28×28 gray bytes (255 = ink). */
export function imageItem(x: unknown, label?: string): OutputItem {
  const values = imageValues(x);
  if (values.length !== 784) {
    const what = isMatrixLike(x) ? `a Matrix (${x.rows}, ${x.cols})` : `${values.length} numbers`;
    throw new TypeError(`showImage: expected 784 numbers (28×28), got ${what}; for a batch X, show one column: columns(X, [0])`);
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  const scale = max <= 1 ? 255 : 1; // values in [0, 1] or bytes in [0, 255]
  const pixels = new Uint8ClampedArray(784);
  for (let i = 0; i < 784; i++) pixels[i] = Math.round(values[i] * scale);
  return { kind: 'image', label, width: 28, height: 28, pixels };
}

function imageValues(x: unknown): ArrayLike<number> {
  if (isMatrixLike(x)) return x.data;
  if (Array.isArray(x) && x.length > 0 && (Array.isArray(x[0]) || ArrayBuffer.isView(x[0]))) {
    return (x as ArrayLike<number>[]).flatMap((row) => Array.from(row));
  }
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return x as unknown as ArrayLike<number>;
  throw new TypeError(`showImage: expected 784 numbers, a 28×28 array or a Matrix, got ${formatText(x, {}, 1)}`);
}

export interface PlotOptions {
  title?: string;
  x?: number[];
  xLabel?: string;
  yLabel?: string;
}

const MAX_POINTS = 5000;

/** `plot([1, 2, 3])` or `plot({ train: [...], val: [...] }, options)` → plain series for the page. */
export function plotItem(series: unknown, options: PlotOptions = {}): OutputItem {
  const named: [string, ArrayLike<number>][] = Array.isArray(series) || ArrayBuffer.isView(series)
    ? [['', series as unknown as ArrayLike<number>]]
    : series && typeof series === 'object'
      ? Object.entries(series as Record<string, ArrayLike<number>>)
      : [];
  if (named.length === 0 || named.some(([, v]) => !v || typeof v.length !== 'number')) {
    throw new TypeError('plot: expected an array of numbers, or an object of named arrays like { train: [...], val: [...] }');
  }
  const clean = (v: ArrayLike<number>) => Array.from(v).slice(0, MAX_POINTS).map((y) => (Number.isFinite(Number(y)) ? Number(y) : null));
  return {
    kind: 'plot',
    series: named.map(([name, v]) => ({ name, values: clean(v) })),
    x: options.x ? Array.from(options.x).slice(0, MAX_POINTS).map(Number) : undefined,
    title: options.title,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
  };
}
