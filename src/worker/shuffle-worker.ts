// Chapter 1's shuffle widget trains here, never on the page's main thread: two identical networks,
// one on MNIST as it is and one on the same images with their pixels shuffled. No maths of its own.
import { loadMnist } from '../data/mnist-browser.ts';
import { HELD_OUT, SHUFFLE_CONFIG, TRAIN_SIZE, pixelOrder, trainOnPixels } from './shuffle.ts';

export type Pixels = 'original' | 'shuffled';

export type ToShuffleWorker = { type: 'start'; run: number } | { type: 'stop' };

export type FromShuffleWorker =
  | { type: 'loading'; run: number; fraction: number }
  | { type: 'training'; run: number; pixels: Pixels }
  | { type: 'epoch'; run: number; pixels: Pixels; epoch: number; accuracy: number }
  | { type: 'done'; run: number }
  | { type: 'error'; run: number; message: string };

const post = (message: FromShuffleWorker) => self.postMessage(message);
let controller: AbortController | null = null;

async function start(run: number): Promise<void> {
  controller?.abort();
  const own = new AbortController();
  controller = own;
  try {
    const mnist = await loadMnist({ onProgress: (p) => post({ type: 'loading', run, fraction: p.fraction }) });
    const data = { train: mnist.train.dataset(0, TRAIN_SIZE), heldOut: mnist.train.dataset(TRAIN_SIZE, HELD_OUT) };
    for (const [pixels, order] of [['original', null], ['shuffled', pixelOrder()]] as const) {
      post({ type: 'training', run, pixels });
      await trainOnPixels(data, order, SHUFFLE_CONFIG, (epoch, accuracy) => post({ type: 'epoch', run, pixels, epoch, accuracy }), own.signal);
      if (own.signal.aborted) return;
    }
    post({ type: 'done', run });
  } catch (e) {
    if (!own.signal.aborted) post({ type: 'error', run, message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (event: MessageEvent<ToShuffleWorker>) => {
  if (event.data.type === 'start') void start(event.data.run);
  else controller?.abort();
};
