// A trained network as a file the reader can export and import: the engine's toJSON() plus what
// the panel shows about it. Pure (no IndexedDB), so it is unit-tested in Node.
// The network is an MLP's (format 'nn-from-scratch/mlp') or a CNN's ('nn-from-scratch/cnn'). A plain
// SavedModel holds an MLP, as every model did before the CNN; SavedModel<SavedNetwork> either kind.
// Code that can show a CNN asks for it (importModel(text, ['mlp', 'cnn']), listModels(['mlp', 'cnn'])).
import { CNN, MLP, type CNNJSON, type NetworkJSON, type NetworkKind } from '../engine/index.ts';
import { checkedRecipe, type TrainingRecipe } from './training-recipe.ts';

export { trainingRecipe, type TrainingRecipe } from './training-recipe.ts';

export type SavedNetwork = NetworkJSON | CNNJSON;

export interface SavedModel<N extends SavedNetwork = NetworkJSON> {
  /** IndexedDB key; absent until stored. */
  id?: number;
  name: string;
  /** ISO 8601. */
  savedAt: string;
  /** Accuracy on the validation images it was chosen by (the restored best epoch's with early stopping). */
  valAccuracy?: number;
  /** Accuracy on the 10,000 test images, once the reader has asked for the final test. */
  testAccuracy?: number;
  /** How many training images it learned from, and for how many epochs. */
  trainedOn?: { images: number; epochs: number; bestEpoch: number };
  /** The settings it was trained with (optimiser, weight decay, dropout, layer sizes, …), put back in the panel on reload. */
  training?: TrainingRecipe;
  network: N;
}

/** Which kind of network a saved one is, read from its format. */
export const savedKind = (network: SavedNetwork): NetworkKind => (network.format === 'nn-from-scratch/cnn' ? 'cnn' : 'mlp');

const isCNN = (network: SavedNetwork): network is CNNJSON => savedKind(network) === 'cnn';

const FORMAT = 'nn-from-scratch/saved-model';

/** An MNIST image is 28×28 = 784 pixels, and there are 10 digits. */
const MNIST_INPUTS = 784;
const MNIST_CLASSES = 10;

/**
 * Why a network cannot read MNIST digits, in a sentence for the reader, or null if it can: it must
 * take 784 inputs (one per pixel; a CNN one 1×28×28 grey image) and give 10 outputs (one per digit).
 */
export function mnistMismatch(network: SavedNetwork): string | null {
  if (isCNN(network)) {
    const { channels, height, width } = network.config.input;
    const last = network.config.layers[network.config.layers.length - 1];
    if (channels !== 1 || height !== 28 || width !== 28) {
      return `This network reads ${channels}×${height}×${width} images; an MNIST image is 1×28×28 (one grey channel of 28×28 pixels).`;
    }
    const outputs = last?.type === 'dense' ? last.units : undefined;
    if (outputs !== MNIST_CLASSES) return `This network gives ${outputs} outputs; reading digits needs ${MNIST_CLASSES}, one per digit 0–9.`;
    return null;
  }
  const sizes = network.config.sizes;
  const inputs = sizes[0];
  const outputs = sizes[sizes.length - 1];
  if (inputs !== MNIST_INPUTS) return `This network reads ${inputs} inputs; an MNIST image has ${MNIST_INPUTS} (28×28 pixels).`;
  if (outputs !== MNIST_CLASSES) return `This network gives ${outputs} outputs; reading digits needs ${MNIST_CLASSES}, one per digit 0–9.`;
  return null;
}

/**
 * The network of a model read back from storage, checked before anyone runs it: a record that is not
 * a network, or a network that cannot read MNIST, throws a sentence the reader understands.
 */
export function checkedNetwork(model: SavedModel<SavedNetwork>): MLP {
  if (model?.network?.format === 'nn-from-scratch/cnn') {
    throw new Error('The current saved model is a convolutional network; these widgets read with a fully connected one. Train or import one in chapter 11.');
  }
  if (!model || typeof model !== 'object' || !model.network || typeof model.network !== 'object' || !Array.isArray(model.network.config?.sizes)) {
    throw new Error('The current saved model is not a network this site can read. Train or import another in chapter 11.');
  }
  const mismatch = mnistMismatch(model.network);
  if (mismatch) throw new Error(`The current saved model cannot read digits. ${mismatch} Train or import another in chapter 11.`);
  try {
    return MLP.fromJSON(model.network);
  } catch (error) {
    throw new Error(`The current saved model is damaged (${error instanceof Error ? error.message : String(error)}). Train or import another in chapter 11.`);
  }
}

/**
 * A short name such as "784-128-10 relu, 97.6% validation", or for a CNN
 * "conv 8@5×5, pool 2, dense 10 relu, 99.1% validation": runs are named and compared by validation, never by test.
 */
export function describeModel(network: SavedNetwork, valAccuracy?: number): string {
  const layers = isCNN(network) ? network.config.layers.map(describeLayer).join(', ') : network.config.sizes.join('-');
  const shape = `${layers} ${network.config.activation}`;
  return valAccuracy === undefined ? shape : `${shape}, ${(valAccuracy * 100).toFixed(1)}% validation`;
}

function describeLayer(layer: CNNJSON['config']['layers'][number]): string {
  if (layer.type === 'dense') return `dense ${layer.units}`;
  if (layer.type === 'pool') return `pool ${layer.size}`;
  const extras = [layer.stride && layer.stride !== 1 ? `stride ${layer.stride}` : '', layer.pad ? `pad ${layer.pad}` : ''].filter(Boolean);
  return `conv ${layer.filters}@${layer.size}×${layer.size}${extras.length ? ` ${extras.join(' ')}` : ''}`;
}

export function exportModel(model: SavedModel<SavedNetwork>): string {
  const { id: _id, ...rest } = model;
  return JSON.stringify({ format: FORMAT, version: 1, ...rest });
}

/**
 * Reads an exported model (or a bare network from MLP.toJSON() or CNN.toJSON()), checking every
 * shape through the engine's fromJSON so a broken file is refused with the engine's message instead
 * of stored. `kinds`: the kinds of network the caller can use (default: MLPs only); a file holding
 * another kind is refused, saying what it holds.
 */
export function importModel(text: string, kinds?: readonly ['mlp']): SavedModel;
export function importModel(text: string, kinds: readonly NetworkKind[]): SavedModel<SavedNetwork>;
export function importModel(text: string, kinds: readonly NetworkKind[] = ['mlp']): SavedModel<SavedNetwork> {
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new Error(`This file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const notAModel = 'This file does not hold a saved model: it should be a network exported from this site.';
  if (!file || typeof file !== 'object' || Array.isArray(file)) throw new Error(notAModel);
  const network = (file.format === FORMAT ? file.network : file) as SavedNetwork;
  // A network file names its format and lists its layer sizes (a CNN's, its layers); anything else
  // (say {"hello":"world"}) is some other JSON, and the engine's "version undefined" would only puzzle the reader.
  const config = network && typeof network === 'object' ? (network.config as Partial<NetworkJSON['config'] & CNNJSON['config']>) : undefined;
  const mlp = network?.format === 'nn-from-scratch/mlp' && Array.isArray(config?.sizes);
  const cnn = network?.format === 'nn-from-scratch/cnn' && Array.isArray(config?.layers);
  if (!mlp && !cnn) throw new Error(notAModel);
  if (!kinds.includes(savedKind(network))) {
    throw new Error(cnn
      ? 'This file holds a convolutional network; only a fully connected network can be imported here.'
      : 'This file holds a fully connected network; only a convolutional network can be imported here.');
  }
  const net = cnn ? CNN.fromJSON(network) : MLP.fromJSON(network); // throws, naming the shape that does not fit
  const mismatch = mnistMismatch(network);
  if (mismatch) throw new Error(`${mismatch} It cannot read handwritten digits, so it was not imported.`);
  const testAccuracy = typeof file.testAccuracy === 'number' ? file.testAccuracy : undefined;
  const valAccuracy = typeof file.valAccuracy === 'number' ? file.valAccuracy : undefined;
  return {
    name: typeof file.name === 'string' ? file.name : describeModel(network, valAccuracy),
    savedAt: typeof file.savedAt === 'string' ? file.savedAt : new Date().toISOString(),
    valAccuracy,
    testAccuracy,
    trainedOn: file.trainedOn as SavedModel['trainedOn'],
    ...(file.training === undefined ? {} : { training: checkedRecipe(file.training) }),
    network: net.toJSON(),
  };
}
