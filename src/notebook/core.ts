// The kernel's core, the same in the browser's worker and in Node (Vitest): run compiled cells one
// after another as strict async functions in the global scope, with the prelude as parameters.
import type { CellError, OutputItem } from './protocol.ts';
import { PRELUDE_NAMES, makePrelude } from './prelude.ts';
import { formatResult } from './format.ts';

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

export interface KernelOptions {
  /** The module `import … from 'nn'` gives: the engine plus loadMnist. */
  nn: Record<string, unknown>;
  /** Every output item, tagged with the cell that printed it. */
  emit: (cell: number, item: OutputItem) => void;
}

export interface RunResult {
  ok: boolean;
  error?: CellError;
  ms: number;
}

export interface Kernel {
  /** Queued: a run starts only when every earlier run has finished. */
  run(cell: number, code: string, declared: string[]): Promise<RunResult>;
}

export function createKernel({ nn, emit }: KernelOptions): Kernel {
  let queue: Promise<unknown> = Promise.resolve();
  async function runNow(cell: number, code: string, declared: string[]): Promise<RunResult> {
    const started = performance.now();
    const done = (error?: CellError): RunResult => ({ ok: !error, error, ms: performance.now() - started });
    let fn: AsyncFn;
    try {
      defineNames(declared);
      fn = new AsyncFunction(...PRELUDE_NAMES, `"use strict"; ${code}\n//# sourceURL=cell-${cell}.ts`);
    } catch (e) {
      return done(describeError(e));
    }
    try {
      // A cell returns its last expression's value (see rewrite.ts); undefined shows nothing, as None in Jupyter.
      const value = await fn(...makePrelude({ nn, emit: (item) => emit(cell, item) }));
      if (value !== undefined) emit(cell, { kind: 'value', value: formatResult(value), echo: true });
      return done();
    } catch (e) {
      return done(describeError(e));
    }
  }
  return {
    run(cell, code, declared) {
      const result = queue.then(() => runNow(cell, code, declared));
      queue = result;
      return result;
    },
  };
}

/** Each shared name becomes a writable property of the global scope before the cell assigns it. */
function defineNames(names: string[]): void {
  const scope = globalThis as Record<string, unknown>;
  for (const name of names) {
    const own = Object.getOwnPropertyDescriptor(scope, name);
    if (own && 'value' in own && own.writable) continue;
    if (own && !own.configurable) {
      throw new TypeError(`"${name}" is a built-in name that cannot be redefined; choose another name`);
    }
    Object.defineProperty(scope, name, { value: undefined, writable: true, enumerable: true, configurable: true });
  }
}

// Engines put two header lines before the body of a Function-constructed function; measure it once.
let bodyLineOffset: number | undefined;
function lineOffset(): number {
  if (bodyLineOffset === undefined) {
    bodyLineOffset = 2;
    try {
      new Function(...PRELUDE_NAMES, 'throw new Error()\n//# sourceURL=cell-probe.ts')();
    } catch (e) {
      const m = /cell-probe\.ts:(\d+)/.exec(String((e as Error).stack));
      if (m) bodyLineOffset = Number(m[1]) - 1;
    }
  }
  return bodyLineOffset;
}

/** Name, message and, from the stack, the cell and line (in the reader's code) that threw. */
export function describeError(e: unknown): CellError {
  if (!(e instanceof Error) && !(e && typeof e === 'object' && 'message' in e)) {
    return { name: 'Error', message: `a value was thrown: ${String(e)}` };
  }
  const err = e as Error;
  const out: CellError = { name: err.name || 'Error', message: err.message };
  const frame = /cell-(\d+)\.ts:(\d+):(\d+)/.exec(String(err.stack ?? ''));
  if (frame) {
    out.cell = Number(frame[1]);
    out.line = Number(frame[2]) - lineOffset();
    out.column = Number(frame[3]);
  }
  return out;
}
