// The page-side cell controller: one queue of runs per page (a run starts when the previous one has
// finished), compiling on demand, Stop, and the messages that tell the reader what to do next.
import { KernelClient } from './client.ts';
import type { CellError, OutputItem } from './protocol.ts';
import type { RewrittenCell } from './compile.ts';
import { PRELUDE_NAMES } from './prelude-names.ts';
import type { RunRecord } from './stale.ts';

export type CellState = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stopped';

/** What the controller needs from a cell on the page. */
export interface CellView {
  /** 0-based position on the page; the reader sees index + 1. */
  readonly index: number;
  code(): string;
  setState(state: CellState, note?: string): void;
  clearOutput(): void;
  appendOutput(items: OutputItem[]): void;
  showError(error: CellError, hint?: string): void;
  /** Elapsed time of a run, called while it runs and once at the end. */
  setElapsed(ms: number, finished: boolean): void;
  /** "stale: cell 3 has changed since", or null when the cell's inputs are as they were when it ran. */
  setStale(note: string | null): void;
  /** Marks line `line` (from 1) of this cell's code as the one that failed; `scroll` brings it into view. */
  markErrorLine(line: number, scroll: boolean): void;
}

type Compiler = typeof import('./compile.ts');
let compiler: Promise<Compiler> | null = null;
/** The compiler (sucrase + acorn) loads on the first run, not with the page. */
let compileNow: Compiler['compileCell'] | null = null;
export function loadCompiler(): Promise<Compiler> {
  compiler ??= import('./compile.ts').then((c) => {
    compileNow = c.compileCell;
    return c;
  });
  return compiler;
}

export class CellController {
  private readonly client: KernelClient;
  private queue: CellView[] = [];
  private current: CellView | null = null;
  /** Cells that have run in the current kernel, in the order they ran. */
  private ran = new Set<CellView>();
  private compiled = new Map<string, RewrittenCell | null>();
  /** Each cell's count of changes (edits and runs); a run records them all, to tell when it went stale. */
  private versions: number[];
  private records = new Map<CellView, RunRecord>();

  constructor(private readonly cells: CellView[]) {
    this.client = new KernelClient((cell, items) => this.cells[cell - 1]?.appendOutput(items));
    this.versions = cells.map(() => 0);
  }

  /** The reader changed a cell's code: the cells that read from it may now be stale. */
  edited(cell: CellView): void {
    this.versions[cell.index]++;
    void this.refreshStale();
  }

  /** Ends any run and empties the kernel: every cell's variables, output and state are cleared. */
  restart(): void {
    this.client.restart();
    this.ran.clear();
    this.records.clear();
    this.queue = [];
    for (const c of this.cells) {
      c.clearOutput();
      c.setState('idle', 'Kernel restarted');
      c.setStale(null);
    }
  }

  run(cell: CellView): void {
    if (this.current === cell || this.queue.includes(cell)) return;
    this.queue.push(cell);
    cell.setState('queued', this.current ? `Waiting for cell ${this.current.index + 1}` : undefined);
    void this.pump();
  }

  /** Stop a queued cell (it just leaves the queue) or the running one (the kernel restarts). */
  stop(cell: CellView): void {
    if (this.queue.includes(cell)) {
      this.queue = this.queue.filter((c) => c !== cell);
      cell.setState('idle', 'Cancelled');
      return;
    }
    if (this.current !== cell) return;
    const lost = [...this.ran].filter((c) => c !== cell).map((c) => c.index + 1);
    this.client.restart();
    this.ran.clear();
    this.records.clear();
    for (const c of this.cells) c.setStale(null);
    const rerun = lost.length > 0 ? ` Re-run ${listCells(lost)} (or use “Run all above”).` : '';
    cell.setState('stopped', `Stopped. The kernel was restarted, so every variable was lost.${rerun}`);
    for (const c of this.cells) if (lost.includes(c.index + 1)) c.setState('idle', 'Kernel restarted: run again');
    this.cancelQueue('Not run: the kernel was restarted');
  }

  isBusy(cell: CellView): boolean {
    return this.current === cell || this.queue.includes(cell);
  }

  private cancelQueue(note: string): void {
    for (const c of this.queue) c.setState('idle', note);
    this.queue = [];
  }

  private async pump(): Promise<void> {
    if (this.current || this.queue.length === 0) return;
    const cell = this.queue.shift()!;
    this.current = cell;
    try {
      await this.execute(cell);
    } finally {
      this.current = null;
      void this.pump();
    }
  }

  private async execute(cell: CellView): Promise<void> {
    cell.clearOutput();
    cell.setState('running');
    const started = performance.now();
    const timer = setInterval(() => cell.setElapsed(performance.now() - started, false), 100);
    try {
      const { compileCell, CellSyntaxError } = await loadCompiler();
      let compiled: RewrittenCell;
      try {
        compiled = compileCell(cell.code());
      } catch (e) {
        if (!(e instanceof CellSyntaxError)) throw e;
        this.fail(cell, { name: 'SyntaxError', message: e.message, cell: cell.index + 1, line: e.line, column: e.column });
        return;
      }
      const generation = this.client.generation;
      const record: RunRecord = { versions: [...this.versions], used: compiled.used, declared: compiled.declared };
      cell.setStale(null);
      const outcome = await this.client.run(cell.index + 1, compiled.code, compiled.declared);
      if (outcome.status === 'stopped' || generation !== this.client.generation && outcome.status !== 'crashed') return;
      if (outcome.status === 'crashed') {
        this.ran.clear();
        this.records.clear();
        this.fail(cell, outcome.error);
        return;
      }
      cell.setElapsed(outcome.ms, true);
      this.ran.add(cell);
      this.records.set(cell, record);
      this.versions[cell.index]++;
      void this.refreshStale();
      if (outcome.ok) cell.setState('done');
      else this.fail(cell, outcome.error!);
    } finally {
      clearInterval(timer);
    }
  }

  private async refreshStale(): Promise<void> {
    if (this.records.size === 0) return;
    await loadCompiler();
    const { changedInputs, staleNote } = await import('./stale.ts');
    for (const [cell, record] of this.records) {
      cell.setStale(staleNote(changedInputs(cell.index, record, this.versions, (i) => this.compiledOf(this.cells[i].code())?.declared ?? null)));
    }
  }

  private async fail(cell: CellView, error: CellError): Promise<void> {
    const origin = this.cells[(error.cell ?? cell.index + 1) - 1];
    if (error.line && origin) error.source = origin.code().split('\n')[error.line - 1]?.trim();
    cell.setState('error', error.line ? `Error on line ${error.line}${error.cell && error.cell !== cell.index + 1 ? ` of cell ${error.cell}` : ''}` : 'Error');
    cell.showError(error, await this.hintFor(cell, error));
    // A function defined in another cell failed: its line is marked where the reader wrote it.
    if (error.line && origin && origin !== cell) origin.markErrorLine(error.line, false);
    this.cancelQueue(`Not run: cell ${cell.index + 1} failed`);
  }

  /**
   * "x is not defined" → which cell defines x, so the reader knows what to run first; or, when no cell
   * does, why: a page global a worker lacks, a typo of a name that exists, or a name defined nowhere.
   */
  private async hintFor(cell: CellView, error: CellError): Promise<string | undefined> {
    const missing = error.name === 'ReferenceError' && /^(\S+) is not defined/.exec(error.message)?.[1];
    if (!missing) return undefined;
    await loadCompiler();
    const { PAGE_GLOBALS, nearestName } = await import('./names.ts');
    const definer = this.cells.find((c) => c !== cell && this.compiledOf(c.code())?.declared.includes(missing));
    if (definer) return `run the cell that defines it first (cell ${definer.index + 1}${definer.index < cell.index ? ', above' : ', below'})`;
    if (PAGE_GLOBALS.has(missing)) return 'cells run in a worker: there is no page here (no document, window or localStorage); print with console.log or show()';
    const known = new Set([...PRELUDE_NAMES, ...JS_GLOBALS, ...this.client.nnNames, ...this.cells.flatMap((c) => this.compiledOf(c.code())?.declared ?? [])]);
    const near = nearestName(missing, known);
    return near ? `did you mean ${near}?` : 'it is not defined anywhere on this page';
  }

  private compiledOf(code: string): RewrittenCell | null {
    if (!this.compiled.has(code)) {
      // Only called after loadCompiler() has resolved, so compileNow is set.
      try {
        this.compiled.set(code, compileNow!(code));
      } catch {
        this.compiled.set(code, null);
      }
    }
    return this.compiled.get(code) ?? null;
  }
}

/** Built-ins a cell commonly uses, so a typo of one (`Math.flor` aside, `Mth`) finds it. */
const JS_GLOBALS = ['Math', 'Number', 'Array', 'Object', 'JSON', 'Promise', 'Float32Array', 'Float64Array', 'Uint8Array',
  'Int32Array', 'String', 'Boolean', 'Map', 'Set', 'Infinity', 'NaN', 'undefined', 'performance', 'setTimeout'];

function listCells(numbers: number[]): string {
  if (numbers.length === 1) return `cell ${numbers[0]}`;
  return `cells ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
