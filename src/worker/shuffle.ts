// Chapter 1's shuffle: every image's 784 pixels moved by one fixed permutation, the same for every
// image. A fully connected network has no notion of which pixels are neighbours, so it learns the
// shuffled images exactly as well as the originals. Training and scoring are the engine's.
import { MLP, Matrix, createRng, evaluate, train, type Dataset } from '../engine/index.ts';

export const PIXELS = 784;
/** The permutation's seed: one fixed order for the whole chapter. */
export const ORDER_SEED = 784;

/** order[p] is the original pixel that lands at position p. A permutation of 0 … 783. */
export function pixelOrder(seed = ORDER_SEED): number[] {
  const order = Array.from({ length: PIXELS }, (_, p) => p);
  createRng(seed).shuffle(order);
  return order;
}

/** One image's 784 bytes, rearranged: pixel p of the result is pixel order[p] of the original. */
export function permuteImage(pixels: Uint8Array, order: number[]): Uint8Array {
  return Uint8Array.from(order, (from) => pixels[from]);
}

/** X (784, m) with its rows rearranged the same way: every column (image) gets the same shuffle. */
export function permuteRows(X: Matrix, order: number[]): Matrix {
  const out = new Matrix(X.rows, X.cols);
  for (let p = 0; p < X.rows; p++) out.data.set(X.data.subarray(order[p] * X.cols, (order[p] + 1) * X.cols), p * X.cols);
  return out;
}

export interface ShuffleConfig {
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

/** MNIST training images 0 … TRAIN_SIZE−1 train both networks; the next HELD_OUT images score them. */
export const TRAIN_SIZE = 5000;
export const HELD_OUT = 2000;

export const SHUFFLE_CONFIG: ShuffleConfig = { hidden: 32, epochs: 3, learningRate: 0.1, seed: 1 };

/**
 * Trains a 784 → h → 10 network (same seed, so the same initial weights) on the images as they are,
 * or with every image's pixels shuffled by `order`; returns the accuracy on the held-out images after
 * each epoch.
 */
export async function trainOnPixels(
  data: { train: Dataset; heldOut: Dataset },
  order: number[] | null,
  config: ShuffleConfig,
  onEpoch: (epoch: number, accuracy: number) => void = () => {},
  signal?: AbortSignal,
): Promise<number> {
  const arrange = (d: Dataset): Dataset => (order ? { X: permuteRows(d.X, order), labels: d.labels } : d);
  const trainSet = arrange(data.train);
  const heldOut = arrange(data.heldOut);
  const net = MLP.create({ sizes: [PIXELS, config.hidden, 10], activation: 'relu', init: 'he', seed: config.seed });
  let accuracy = NaN;
  await train(net, { train: trainSet }, { epochs: config.epochs, learningRate: config.learningRate, batchSize: 32, seed: config.seed, signal }, (p) => {
    if (p.kind !== 'epoch') return;
    accuracy = evaluate(net, heldOut).accuracy;
    onEpoch(p.epoch, accuracy);
  });
  return accuracy;
}
