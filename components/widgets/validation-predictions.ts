// A network's predictions on the 10,000 validation images (training images 50,000 … 59,999, which
// neither the bundled network nor chapter 11's panel trains on), shared by the ConfusionMatrix and the
// MisclassifiedGallery. Error analysis is a way of choosing what to change next, so it runs on the
// validation set: the test set stays untouched for the one final measurement. The forward passes run
// in chunks with a pause between them, so the page never freezes; the maths is the engine's.
import { argmax, columns } from '../../src/engine';
import { loadValidationImages, type MnistSplit } from '../../src/data/mnist-browser';
import { readingNetwork, type ReadingNetwork } from './reading-network';

export interface ValidationPredictions {
  network: ReadingNetwork;
  images: MnistSplit;
  /** The true digit of each validation image. */
  labels: Uint8Array;
  /** argmax over axis 0 of A2: one predicted digit per image. */
  predicted: number[];
  /** A2 column by column: probabilities[10·j + k] is the probability of digit k for image j. */
  probabilities: Float32Array;
}

/** The first validation image is training image 50,000; widgets name images by their MNIST index. */
export const FIRST_VALIDATION_IMAGE = 50_000;

/** Images per forward pass; each chunk takes a few milliseconds, then the page gets a turn. */
const CHUNK = 250;

const cache = new Map<string, Promise<ValidationPredictions>>();

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function compute(network: ReadingNetwork, onProgress: (fraction: number) => void): Promise<ValidationPredictions> {
  const images = await loadValidationImages();
  const m = images.count;
  const predicted = new Array<number>(m);
  const probabilities = new Float32Array(10 * m);
  const { X } = images.dataset(0, m); // (784, 10000)
  for (let start = 0; start < m; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, m - start) }, (_, i) => start + i);
    const A2 = network.net.forward(columns(X, idx)); // (10, chunk): one column per image
    argmax(A2, 0).forEach((digit, c) => (predicted[start + c] = digit));
    for (let c = 0; c < idx.length; c++) {
      for (let k = 0; k < 10; k++) probabilities[10 * (start + c) + k] = A2.get(k, c);
    }
    onProgress(Math.min(1, (start + idx.length) / m));
    await nextTurn();
  }
  return { network, images, labels: images.labels, predicted, probabilities };
}

/** Predictions of the network chapter 12 reads with. Two widgets asking for the same network share one computation. */
export async function validationPredictions(onProgress: (fraction: number) => void = () => undefined): Promise<ValidationPredictions> {
  const network = await readingNetwork();
  if (!cache.has(network.key)) {
    const pending = compute(network, onProgress);
    pending.catch(() => cache.delete(network.key)); // a failed download can be tried again
    cache.set(network.key, pending);
  }
  return cache.get(network.key)!;
}
