// The reader's saved network applied to the 10,000 MNIST test images, shared by the
// ConfusionMatrix and the MisclassifiedGallery. The forward passes run in chunks with a
// pause between them, so the page never freezes; the maths is the engine's.
import { MLP, argmax, columns } from '../../src/engine';
import { loadMnist, type MnistSplit } from '../../src/data/mnist-browser';
import { currentNetwork } from '../../src/worker/model-store';
import type { SavedModel } from '../../src/worker/saved-model';

export interface TestPredictions {
  model: SavedModel;
  test: MnistSplit;
  /** The true digit of each test image. */
  labels: Uint8Array;
  /** argmax over axis 0 of A2: one predicted digit per test image. */
  predicted: number[];
  /** A2 column by column: probabilities[10·j + k] is the probability of digit k for image j. */
  probabilities: Float32Array;
}

/** Images per forward pass; each chunk takes a few milliseconds, then the page gets a turn. */
const CHUNK = 250;

const cache = new Map<string, Promise<TestPredictions>>();

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function compute(model: SavedModel, net: MLP, onProgress: (fraction: number) => void): Promise<TestPredictions> {
  const { test } = await loadMnist();
  const m = test.count;
  const predicted = new Array<number>(m);
  const probabilities = new Float32Array(10 * m);
  const { X } = test.dataset(0, m); // (784, 10000)
  for (let start = 0; start < m; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, m - start) }, (_, i) => start + i);
    const A2 = net.forward(columns(X, idx)); // (10, chunk): one column per image
    argmax(A2, 0).forEach((digit, c) => (predicted[start + c] = digit));
    for (let c = 0; c < idx.length; c++) {
      for (let k = 0; k < 10; k++) probabilities[10 * (start + c) + k] = A2.get(k, c);
    }
    onProgress(Math.min(1, (start + idx.length) / m));
    await nextTurn();
  }
  return { model, test, labels: test.labels, predicted, probabilities };
}

/**
 * Predictions of the current saved model on the test set, or null when no model has been saved yet.
 * Two widgets asking for the same model share one computation.
 */
export async function testPredictions(onProgress: (fraction: number) => void = () => undefined): Promise<TestPredictions | null> {
  const current = await currentNetwork(); // throws, in words, if the model cannot read MNIST
  if (!current) return null;
  const { model, net } = current;
  const key = `${model.id}:${model.savedAt}`;
  if (!cache.has(key)) cache.set(key, compute(model, net, onProgress));
  return cache.get(key)!;
}
