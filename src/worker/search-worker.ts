// Chapter 11's search runs here, never on the page's main thread: the six cells of search.ts one
// after another (with the WebAssembly step where it loads), then, when the page asks, the final test
// of the chosen network alone. The other five networks are never shown a test image.
/// <reference lib="webworker" />
import { evaluate, type MLP, type Stepper } from '../engine/index.ts';
import { loadMnist, type Mnist } from '../data/mnist-browser.ts';
import { loadWasmStepper } from '../accel/browser.ts';
import { CELLS, SEARCH, chooseCell, trainCell, type CellResult } from './search.ts';

export type ToSearchWorker = { type: 'start'; run: number } | { type: 'final-test'; run: number };

export type FromSearchWorker =
  | { type: 'loading'; run: number; fraction: number }
  | { type: 'cell-start'; run: number; cell: number }
  | { type: 'progress'; run: number; cell: number; seen: number }
  | { type: 'cell-done'; run: number; cell: number; result: CellResult }
  | { type: 'chosen'; run: number; cell: number }
  | { type: 'test'; run: number; cell: number; loss: number; accuracy: number }
  | { type: 'error'; run: number; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromSearchWorker) => scope.postMessage(message);
const stepper: Promise<Stepper | null> = loadWasmStepper();
/** Progress is posted at most this often: the page draws once a frame anyway. */
const PROGRESS_MS = 100;

let mnist: Mnist | null = null;
let finished: { run: number; chosen: number; net: MLP } | null = null;

async function search(run: number): Promise<void> {
  finished = null;
  mnist ??= await loadMnist({ onProgress: (p) => post({ type: 'loading', run, fraction: p.fraction }) });
  const data = { train: mnist.train.dataset(0, SEARCH.trainSize), val: mnist.train.dataset(SEARCH.valStart, SEARCH.valSize) };
  const fast = (await stepper) ?? undefined;
  const results: CellResult[] = [];
  const nets: MLP[] = [];
  for (const [i, cell] of CELLS.entries()) {
    post({ type: 'cell-start', run, cell: i });
    let last = 0;
    const { net, result } = await trainCell(cell, data, fast, undefined, (seen) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      post({ type: 'progress', run, cell: i, seen });
    });
    results.push(result);
    nets.push(net);
    post({ type: 'cell-done', run, cell: i, result });
  }
  const chosen = chooseCell(results);
  if (chosen >= 0) finished = { run, chosen, net: nets[chosen] };
  post({ type: 'chosen', run, cell: chosen });
}

/** The one look at the test images: the chosen network of the finished search, and no other. */
function finalTest(run: number): void {
  if (!finished || finished.run !== run || !mnist) {
    post({ type: 'error', run, message: 'Run the search to the end first: the final test is for the network it chooses.' });
    return;
  }
  const { loss, accuracy } = evaluate(finished.net, mnist.test.dataset(0, mnist.test.count));
  post({ type: 'test', run, cell: finished.chosen, loss, accuracy });
}

scope.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  const message = event.data;
  const fail = (error: unknown) => post({ type: 'error', run: message.run, message: error instanceof Error ? error.message : String(error) });
  if (message.type === 'start') search(message.run).catch(fail);
  else {
    try {
      finalTest(message.run);
    } catch (error) {
      fail(error);
    }
  }
};
