// The page-side cell controller: one queue of runs per page (a run starts when the previous one has
// finished), compiling on demand, Stop, and the messages that tell the reader what to do next.
import { KernelClient } from './client.ts';
import type { CellError, OutputItem } from './protocol.ts';
import type { RewrittenCell } from './compile.ts';

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
}

type Compiler = typeof import('./compile.ts');
let compiler: Promise<Compiler> | null = null;
/** The compiler (sucrase + acorn) loads on the first run, not with the page. */
export function loadCompiler(): Promise<Compiler> {
  compiler ??= import('./compile.ts');
  return compiler;
}

export class CellController {
  private readonly client: KernelClient;
  private queue: CellView[] = [];
  private current: CellView | null = null;
  /** Cells that have run in the current kernel, in the order they ran. */
  private ran = new Set<CellView>();
  private compiled = new Map<string, RewrittenCell | null>();

  constructor(private readonly cells: CellView[]) {
    this.client = new KernelClient((cell, items) => this.cells[cell - 1]?.appendOutput(items));
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
      const outcome = await this.client.run(cell.index + 1, compiled.code, compiled.declared);
      if (outcome.status === 'stopped' || generation !== this.client.generation && outcome.status !== 'crashed') return;
      if (outcome.status === 'crashed') {
        this.ran.clear();
        this.fail(cell, outcome.error);
        return;
      }
      cell.setElapsed(outcome.ms, true);
      this.ran.add(cell);
      if (outcome.ok) cell.setState('done');
      else this.fail(cell, outcome.error!);
    } finally {
      clearInterval(timer);
    }
  }

  private async fail(cell: CellView, error: CellError): Promise<void> {
    cell.setState('error', error.line ? `Error on line ${error.line}${error.cell && error.cell !== cell.index + 1 ? ` of cell ${error.cell}` : ''}` : 'Error');
    cell.showError(error, await this.hintFor(cell, error));
    this.cancelQueue(`Not run: cell ${cell.index + 1} failed`);
  }

  /** "x is not defined" → which cell defines x, so the reader knows what to run first. */
  private async hintFor(cell: CellView, error: CellError): Promise<string | undefined> {
    const missing = error.name === 'ReferenceError' && /^(\S+) is not defined/.exec(error.message)?.[1];
    if (!missing) return undefined;
    const definer = await this.findDefiner(missing, cell);
    return definer
      ? `run the cell that defines it first (cell ${definer.index + 1}${definer.index < cell.index ? ', above' : ', below'})`
      : 'run the cell that defines it first';
  }

  private async findDefiner(name: string, except: CellView): Promise<CellView | undefined> {
    const { compileCell } = await loadCompiler();
    return this.cells.find((c) => {
      if (c === except) return false;
      const code = c.code();
      if (!this.compiled.has(code)) {
        try {
          this.compiled.set(code, compileCell(code));
        } catch {
          this.compiled.set(code, null);
        }
      }
      return this.compiled.get(code)?.declared.includes(name) ?? false;
    });
  }
}

function listCells(numbers: number[]): string {
  if (numbers.length === 1) return `cell ${numbers[0]}`;
  return `cells ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
