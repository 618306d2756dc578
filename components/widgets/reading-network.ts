// Which network chapter 12's widgets read with: the reader's current saved model (chapter 11) when it
// reads MNIST, otherwise the network the site ships (src/models/bundled.ts). Each widget says which.
import { MLP } from '../../src/engine';
import { loadBundled } from '../../src/models/bundled';
import { currentModel } from '../../src/worker/model-store';

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

/** Why a network cannot read a 28 × 28 digit into ten classes, or null when it can. */
export function mnistMismatch(net: MLP): string | null {
  const { sizes } = net.config;
  if (sizes[0] !== 784) return `it reads ${sizes[0]} inputs; an MNIST image has 784`;
  if (sizes[sizes.length - 1] !== 10) return `it gives ${sizes[sizes.length - 1]} outputs; MNIST has 10 digits`;
  return null;
}

export async function readingNetwork(): Promise<ReadingNetwork> {
  let note: string | undefined;
  const saved = await currentModel();
  if (saved) {
    const net = MLP.fromJSON(saved.network);
    const mismatch = mnistMismatch(net);
    if (!mismatch) return { net, name: `your network (${saved.name})`, source: 'yours', key: `saved:${saved.id}:${saved.savedAt}` };
    note = `Your saved network “${saved.name}” is not used: ${mismatch}.`;
  }
  const { net, about } = await loadBundled();
  const name = `the bundled network (784-32-10 relu, trained by this site on 50,000 images; ${(100 * about.valAccuracy).toFixed(1)}% on these validation images) — train your own in chapter 11 to replace it`;
  return { net, name, source: 'bundled', key: 'bundled', note };
}
