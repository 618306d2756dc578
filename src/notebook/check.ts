// check(name, readerFn, referenceFn, cases, options): the self-checking exercise. Both functions run on
// every case (each on its own copy of the arguments) and the first difference of each failing case is
// reported, so the reader sees *where* their answer departs from the engine's.
import type { CheckCase, OutputItem } from './protocol.ts';
import { formatNumber, formatShape, formatText, isMatrixLike } from './format.ts';

export interface CheckOptions {
  /** How many random cases when `cases` is a function (default 10). */
  count?: number;
  /** Numbers a and b agree when |a − b| ≤ tolerance · max(1, |a|, |b|) (default 1e-5). */
  tolerance?: number;
  /** Shown under a failure: a nudge toward the idea the exercise is about. */
  hint?: string;
  /** Seed of the random cases (default 1), so every run draws the same cases. */
  seed?: number;
}

export interface CheckResult {
  passed: number;
  total: number;
}

export type CaseSource = unknown[][] | ((rng: any, i: number) => unknown[]);

type Fn = (...args: any[]) => unknown;

const SHOWN_CASES = 12;

export function makeCheck(createRng: (seed: number) => unknown, emit: (item: OutputItem) => void) {
  return function check(name: string, readerFn: Fn, referenceFn: Fn, cases: CaseSource, options: CheckOptions = {}): CheckResult {
    if (typeof readerFn !== 'function' || typeof referenceFn !== 'function') {
      throw new TypeError(`check("${name}"): the second and third arguments must be functions (yours, then the reference)`);
    }
    const tolerance = options.tolerance ?? 1e-5;
    const argsList = caseList(cases, options, createRng);
    const reports = argsList.map((args) => runCase(readerFn, referenceFn, args, tolerance));
    const passed = reports.filter((r) => r.ok).length;
    const failing = reports.filter((r) => !r.ok);
    const passing = reports.filter((r) => r.ok);
    // Failures first: they are what the reader needs to see.
    const shown = [...failing, ...passing].slice(0, SHOWN_CASES);
    emit({ kind: 'check', name, passed, total: reports.length, cases: shown, hint: passed < reports.length ? options.hint : undefined });
    return { passed, total: reports.length };
  };
}

function caseList(cases: CaseSource, options: CheckOptions, createRng: (seed: number) => unknown): unknown[][] {
  if (typeof cases === 'function') {
    const rng = createRng(options.seed ?? 1);
    return Array.from({ length: options.count ?? 10 }, (_, i) => {
      const args = cases(rng, i);
      return Array.isArray(args) ? args : [args];
    });
  }
  if (!Array.isArray(cases) || cases.length === 0) {
    throw new TypeError('check: cases must be a non-empty array of argument lists, or a function (rng, i) => arguments');
  }
  return cases.map((args) => (Array.isArray(args) ? args : [args]));
}

type Outcome = { threw: false; value: unknown } | { threw: true; error: unknown };

function call(fn: Fn, args: unknown[]): Outcome {
  try {
    const value = fn(...args.map(copy));
    if (value instanceof Promise) return { threw: true, error: new TypeError('returned a Promise; check needs a plain (not async) function') };
    return { threw: false, value };
  } catch (error) {
    return { threw: true, error };
  }
}

export function runCase(readerFn: Fn, referenceFn: Fn, args: unknown[], tolerance: number): CheckCase {
  const shownArgs = shorten(args.map((a) => formatText(a, {}, 1)).join(', '));
  const expected = call(referenceFn, args);
  const got = call(readerFn, args);
  if (expected.threw && got.threw) return { ok: true, args: shownArgs };
  if (expected.threw) {
    return { ok: false, args: shownArgs, detail: `expected an error (${errorText(expected.error)}), got ${formatText(got.threw ? undefined : got.value, {}, 1)}` };
  }
  if (got.threw) return { ok: false, args: shownArgs, detail: `threw ${errorText(got.error)}` };
  const detail = firstDifference(expected.value, got.value, tolerance);
  return detail === null ? { ok: true, args: shownArgs } : { ok: false, args: shownArgs, detail };
}

const MAX_ARGS_TEXT = 100;

/** Arguments are for recognising a case, not for reading in full: a 28×28 grid is cut short. */
function shorten(text: string): string {
  return text.length <= MAX_ARGS_TEXT ? text : `${text.slice(0, MAX_ARGS_TEXT)}…`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Where `got` first departs from `expected`, in words; null when they agree. */
export function firstDifference(expected: unknown, got: unknown, tolerance: number, path = ''): string | null {
  const at = path ? ` at ${path}` : '';
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return `expected ${describe(expected)}${at}, got ${describe(got)}`;
    return numbersAgree(expected, got, tolerance) ? null : `expected ${formatNumber(expected)}${at}, got ${formatNumber(got)}`;
  }
  if (isMatrixLike(expected)) {
    if (!isMatrixLike(got)) return `expected a Matrix ${formatShape(expected.rows, expected.cols)}${at}, got ${describe(got)}`;
    if (expected.rows !== got.rows || expected.cols !== got.cols) {
      return `expected shape ${formatShape(expected.rows, expected.cols)}${at}, got ${formatShape(got.rows, got.cols)}`;
    }
    for (let k = 0; k < expected.data.length; k++) {
      if (!numbersAgree(expected.data[k], got.data[k], tolerance)) {
        const i = Math.floor(k / expected.cols);
        const j = k % expected.cols;
        return `expected ${formatNumber(expected.data[k])} at (${i}, ${j})${path ? ` of ${path}` : ''}, got ${formatNumber(got.data[k])}`;
      }
    }
    return null;
  }
  if (isList(expected)) {
    if (!isList(got)) return `expected an array of ${expected.length}${at}, got ${describe(got)}`;
    if (expected.length !== got.length) return `expected length ${expected.length}${at}, got length ${got.length}`;
    for (let k = 0; k < expected.length; k++) {
      const d = firstDifference(expected[k], got[k], tolerance, `${path}[${k}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!got || typeof got !== 'object') return `expected an object${at}, got ${describe(got)}`;
    for (const key of Object.keys(expected)) {
      const d = firstDifference((expected as any)[key], (got as any)[key], tolerance, path ? `${path}.${key}` : key);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(expected, got) ? null : `expected ${describe(expected)}${at}, got ${describe(got)}`;
}

function numbersAgree(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function describe(v: unknown): string {
  if (isMatrixLike(v)) return `a Matrix ${formatShape(v.rows, v.cols)}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return formatText(v, {}, 1);
}

/** A deep copy of an argument, so a function that mutates its input cannot change the other's. */
function copy<T>(v: T): T {
  if (v && typeof v === 'object') {
    const c = v as any;
    if (typeof c.clone === 'function') return c.clone();
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as any).slice();
    if (Array.isArray(v)) return v.map(copy) as T;
    if (Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
    }
  }
  return v;
}
