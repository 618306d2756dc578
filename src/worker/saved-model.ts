// A trained network as a file the reader can export and import: the engine's toJSON() plus what
// the panel shows about it. Pure (no IndexedDB), so it is unit-tested in Node.
import { MLP, type NetworkJSON } from '../engine/index.ts';

export interface SavedModel {
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
  network: NetworkJSON;
}

const FORMAT = 'nn-from-scratch/saved-model';

/** A short name such as "784-128-10 relu, 97.6% validation": runs are named and compared by validation, never by test. */
export function describeModel(network: NetworkJSON, valAccuracy?: number): string {
  const shape = `${network.config.sizes.join('-')} ${network.config.activation}`;
  return valAccuracy === undefined ? shape : `${shape}, ${(valAccuracy * 100).toFixed(1)}% validation`;
}

export function exportModel(model: SavedModel): string {
  const { id: _id, ...rest } = model;
  return JSON.stringify({ format: FORMAT, version: 1, ...rest });
}

/**
 * Reads an exported model (or a bare network from MLP.toJSON()), checking every shape through
 * MLP.fromJSON so a broken file is refused with the engine's message instead of stored.
 */
export function importModel(text: string): SavedModel {
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw new Error(`This file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!file || typeof file !== 'object') throw new Error('This file does not hold a saved model.');
  const network = (file.format === FORMAT ? file.network : file) as NetworkJSON;
  const net = MLP.fromJSON(network); // throws, naming the shape that does not fit
  const testAccuracy = typeof file.testAccuracy === 'number' ? file.testAccuracy : undefined;
  const valAccuracy = typeof file.valAccuracy === 'number' ? file.valAccuracy : undefined;
  return {
    name: typeof file.name === 'string' ? file.name : describeModel(network, valAccuracy),
    savedAt: typeof file.savedAt === 'string' ? file.savedAt : new Date().toISOString(),
    valAccuracy,
    testAccuracy,
    trainedOn: file.trainedOn as SavedModel['trainedOn'],
    network: net.toJSON(),
  };
}
