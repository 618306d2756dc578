// The globals a cell uses without importing them, as types. prelude.ts builds them (and the compiler
// holds its functions to these signatures); the editor's type checker declares them for every cell.
import type { CaseSource, CheckOptions, CheckResult } from './check.ts';
import type { PlotOptions } from './prelude.ts';

export type { CaseSource, CheckOptions, CheckResult, PlotOptions };

export interface CellGlobals {
  /** Shows a value under the cell: a Matrix with its shape, numbers, arrays, objects. */
  show(value: unknown, label?: string | { label?: string }): void;
  /** Shows 784 numbers (a 784-vector, a 28×28 array or Matrix, a (784, 1) column) as a 28×28 image. */
  showImage(x: unknown, options?: { label?: string }): void;
  /** Plots an array of numbers, or named arrays: `plot({ train: losses, val: valLosses })`. */
  plot(series: ArrayLike<number> | Record<string, ArrayLike<number>>, options?: PlotOptions): void;
  /** Shows a progress bar under the cell; `fraction` from 0 to 1. */
  progress(fraction: number, label?: string): void;
  /**
   * Runs `readerFn` and `referenceFn` on every case and shows where they differ: the self-checking
   * exercise. `cases` is a list of argument lists, or a function `(rng, i) => arguments`.
   */
  check(name: string, readerFn: (...args: any[]) => unknown, referenceFn: (...args: any[]) => unknown, cases: CaseSource, options?: CheckOptions): CheckResult;
}
