// Which network chapter 12's widgets read with: the reader's current saved model (chapter 11) when it
// reads MNIST, otherwise the network the site ships (src/models/bundled.ts). Each widget says which.
import type { MLP } from '../../src/engine';
import { loadBundled } from '../../src/models/bundled';
import { currentModel } from '../../src/storage/model-store';
import { checkedNetwork } from '../../src/storage/saved-model';

export interface ReadingNetwork {
  net: MLP;
  /** Shown to the reader: "your network (784-64-10 relu, …)" or "the bundled network (…)". */
  name: string;
  source: 'yours' | 'bundled';
  /** Changes whenever the network does, so computed predictions can be cached by it. */
  key: string;
  /** Why the reader's own saved network is not the one used, when it exists but cannot read MNIST. */
  note?: string;
}

export async function readingNetwork(): Promise<ReadingNetwork> {
  let note: string | undefined;
  const saved = await currentModel();
  if (saved) {
    try {
      const net = checkedNetwork(saved); // throws, in words, when it cannot read MNIST or is damaged
      return { net, name: `your network (${saved.name})`, source: 'yours', key: `saved:${saved.id}:${saved.savedAt}` };
    } catch (error) {
      note = `Your saved network “${saved.name}” is not used. ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const { net, about } = await loadBundled();
  const name = `the bundled network (784-32-10 relu, ${(100 * about.valAccuracy).toFixed(1)}% on the validation images), used until you train your own in chapter 11`;
  return { net, name, source: 'bundled', key: 'bundled', note };
}
