// Chapter 12's hidden-unit widget: the forward pass of SEARCHED images through the reader's network
// (or the bundled one) runs here, off the page's main thread. No maths of its own.
import { MLP, type NetworkJSON } from '../engine/index.ts';
import { loadMnist } from '../data/mnist-browser.ts';
import { SEARCHED, topImages, type UnitTop } from './hidden-units.ts';

export type ToHiddenWorker = { run: number; network: NetworkJSON };

export type FromHiddenWorker =
  | { type: 'loading'; run: number; fraction: number }
  | { type: 'result'; run: number; units: UnitTop[]; images: Uint8Array; labels: number[] }
  | { type: 'error'; run: number; message: string };

const post = (message: FromHiddenWorker) => self.postMessage(message);

self.onmessage = async ({ data }: MessageEvent<ToHiddenWorker>) => {
  const { run } = data;
  try {
    const net = MLP.fromJSON(data.network);
    const mnist = await loadMnist({ onProgress: (p) => post({ type: 'loading', run, fraction: p.fraction }) });
    const set = mnist.train.dataset(0, SEARCHED);
    const units = topImages(net, set.X);
    // the searched images go back with the ranking, so the page can draw whichever unit the reader picks
    const images = mnist.train.images.slice(0, SEARCHED * 784);
    post({ type: 'result', run, units, images, labels: Array.from(set.labels) });
  } catch (e) {
    post({ type: 'error', run, message: e instanceof Error ? e.message : String(e) });
  }
};
