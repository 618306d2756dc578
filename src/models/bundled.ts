// The network the site ships (trained by `npm run train-bundled`, see bundled-recipe.ts), used by the
// chapters until the reader trains their own. The JSON is fetched as a separate asset (?url), so its
// 200 kB of weights are not inlined into any page's JavaScript and are downloaded only when needed.
import { MLP } from '../engine/index.ts';
import type { BundledFile } from './bundled-recipe.ts';
import bundledUrl from './bundled-mlp.json?url';

export type BundledAbout = BundledFile['about'];

export interface BundledModel {
  net: MLP;
  about: BundledAbout;
}

/** Rebuilds the network from the file's contents, checking that it reads MNIST (784 in, 10 out). */
export function bundledFromJSON(file: BundledFile): BundledModel {
  const net = MLP.fromJSON(file.network);
  const { sizes } = net.config;
  if (sizes[0] !== 784 || sizes[sizes.length - 1] !== 10) {
    throw new Error(`the bundled network reads ${sizes[0]} inputs and gives ${sizes[sizes.length - 1]} outputs; MNIST needs 784 and 10`);
  }
  return { net, about: file.about };
}

let pending: Promise<BundledModel> | null = null;

/** The shipped network and what it was trained on (fetched once per page). */
export function loadBundled(): Promise<BundledModel> {
  pending ??= fetch(bundledUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`the bundled network could not be downloaded (HTTP ${response.status})`);
      return response.json() as Promise<BundledFile>;
    })
    .then(bundledFromJSON)
    .catch((error: unknown) => {
      pending = null; // let a later call try again (for example once back online)
      throw error;
    });
  return pending;
}

/** The shipped 784-32-10 ReLU network; each call gets its own copy, so a caller may change it. */
export async function loadBundledModel(): Promise<MLP> {
  return (await loadBundled()).net.clone();
}
