// The page's handle on its kernel worker. The worker is started on the first run (a page that is only
// read costs nothing), and Stop replaces it: terminate() ends any loop at once, and a fresh worker is
// ready in a few tens of milliseconds.
import type { CellError, FromKernel, OutputItem, RunRequest } from './protocol.ts';

export type RunOutcome =
  | { status: 'done'; ok: boolean; error?: CellError; ms: number }
  | { status: 'stopped' }
  | { status: 'crashed'; error: CellError };

export class KernelClient {
  /** Bumped at every restart: results from an older kernel are ignored. */
  generation = 0;
  /** What `import … from 'nn'` offers (the kernel says so when it starts), for "did you mean" hints. */
  nnNames: string[] = [];
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextRunId = 1;
  private pending = new Map<number, (outcome: RunOutcome) => void>();

  constructor(private readonly onOutput: (cell: number, items: OutputItem[]) => void) {}

  async run(cell: number, code: string, declared: string[]): Promise<RunOutcome> {
    const worker = this.ensureWorker();
    await this.ready;
    if (worker !== this.worker) return { status: 'stopped' };
    const runId = this.nextRunId++;
    const request: RunRequest = { type: 'run', runId, cell, code, declared };
    return new Promise((resolve) => {
      this.pending.set(runId, resolve);
      worker.postMessage(request);
    });
  }

  /** Ends the running cell (whatever it is doing) and starts over with an empty kernel. */
  restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.generation++;
    this.settleAll({ status: 'stopped' });
  }

  private settleAll(outcome: RunOutcome): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve(outcome);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'notebook kernel' });
    this.worker = worker;
    this.ready = new Promise((resolve) => {
      worker.addEventListener('message', (event: MessageEvent<FromKernel>) => {
        const message = event.data;
        if (message.type === 'ready') {
          this.nnNames = message.nnNames;
          resolve();
        }
        else if (message.type === 'output') this.onOutput(message.cell, message.items);
        else if (message.type === 'done') {
          const settle = this.pending.get(message.runId);
          this.pending.delete(message.runId);
          settle?.({ status: 'done', ok: message.ok, error: message.error, ms: message.ms });
        }
      });
      // The worker itself failed (it could not load, or ran out of memory): report it and start afresh.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const error: CellError = { name: 'Error', message: `The kernel stopped unexpectedly${event.message ? `: ${event.message}` : ''}` };
        this.worker?.terminate();
        this.worker = null;
        this.generation++;
        this.settleAll({ status: 'crashed', error });
        resolve();
      });
    });
    return worker;
  }
}
