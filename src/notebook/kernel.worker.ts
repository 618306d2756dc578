// The page's kernel: a module Worker that runs compiled cells (the page compiles them) on the core,
// batching their output. Errors that escape a cell later (timers, unawaited promises) are caught here
// and shown under the cell whose code threw.
import { createKernel, describeError } from './core.ts';
import { createBatcher } from './batch.ts';
import { nnModule } from './nn.ts';
import type { FromKernel, OutputItem, ToKernel } from './protocol.ts';

const post = (message: FromKernel) => self.postMessage(message);
const batcher = createBatcher({ flush: (cell, items) => post({ type: 'output', cell, items }) });
let lastCell = 0;

const nn = await nnModule();
const kernel = createKernel({ nn, emit: (cell, item) => batcher.push(cell, item) });

function lateError(e: unknown): void {
  const error = describeError(e);
  const item: OutputItem = { kind: 'error', error };
  batcher.push(error.cell ?? lastCell, item);
}
self.addEventListener('error', (event) => {
  event.preventDefault();
  lateError(event.error ?? new Error(event.message));
});
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  lateError(event.reason);
});

self.addEventListener('message', async (event: MessageEvent<ToKernel>) => {
  const { runId, cell, code, declared } = event.data;
  lastCell = cell;
  batcher.reset(cell);
  const result = await kernel.run(cell, code, declared);
  batcher.flush();
  post({ type: 'done', runId, cell, ...result });
});

post({ type: 'ready', nnNames: Object.keys(nn) });
