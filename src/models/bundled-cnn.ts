// The convolutional network the site ships (trained by `npm run train-bundled-cnn`, see
// bundled-cnn-recipe.ts), so chapter 16 can show learned filters and feature maps before the reader
// trains one. Fetched as a separate asset (?url), only when a widget needs it.
import { CNN } from '../engine/index.ts';
import type { BundledCNNFile } from './bundled-cnn-recipe.ts';
import bundledUrl from './bundled-cnn.json?url';

export interface BundledCNN {
  net: CNN;
  about: BundledCNNFile['about'];
}

/** Rebuilds the network from the file, checking that it reads one 28×28 grey digit and gives 10 classes. */
export function bundledCNNFromJSON(file: BundledCNNFile): BundledCNN {
  const net = CNN.fromJSON(file.network);
  const { channels, height, width } = net.config.input;
  if (channels !== 1 || height !== 28 || width !== 28 || net.classes !== 10) {
    throw new Error(`the bundled network reads ${channels}×${height}×${width} images into ${net.classes} classes; MNIST needs 1×28×28 and 10`);
  }
  if (net.config.layers[0].type !== 'conv') throw new Error('the bundled network does not start with a convolution');
  return { net, about: file.about };
}

let pending: Promise<BundledCNN> | null = null;

/** The shipped network and what it was trained on (fetched once per page). */
export function loadBundledCNN(): Promise<BundledCNN> {
  pending ??= fetch(bundledUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`the bundled network could not be downloaded (HTTP ${response.status})`);
      return response.json() as Promise<BundledCNNFile>;
    })
    .then(bundledCNNFromJSON)
    .catch((error: unknown) => {
      pending = null; // let a later call try again (for example once back online)
      throw error;
    });
  return pending;
}
