// The two kinds of network the engine trains, and what the training loop needs of either: a
// forward pass that remembers what backward needs, the loss from the logits, the gradients.
// An MLP (network.ts) and a CNN (cnn.ts) both keep their weights in W and biases in b, layer by
// layer, and list them as parameters() in the order [W1, b1, W2, b2, …] (a CNN's kernels K among
// its W), so the optimisers and weight decay treat them alike.
import { CNN } from './cnn.ts';
import type { Matrix } from './matrix.ts';
import type { Gradients, MLP } from './network.ts';

export type Network = MLP | CNN;
export type NetworkKind = 'mlp' | 'cnn';

export const kindOf = (net: Network): NetworkKind => (net instanceof CNN ? 'cnn' : 'mlp');

/** How many classes the output scores: its last layer's units. */
export const classesOf = (net: Network): number => (net instanceof CNN ? net.classes : net.config.sizes[net.config.sizes.length - 1]);

/** One forward pass, kept for the backward pass: its logits Z_L, its output A_L, and backward. */
export interface Pass {
  logits: Matrix;
  output: Matrix;
  /** The gradients of the batch-averaged loss against one-hot Y, from this pass's cache. */
  backward(Y: Matrix): Gradients;
}

/** forwardWithCache on either network; D: dropout's masks, which only an MLP takes. */
export function forwardPass(net: Network, X: Matrix, D?: Matrix[]): Pass {
  if (net instanceof CNN) {
    if (D) throw new Error('dropout: a CNN here has no dropout masks (dropout drops an MLP’s hidden units)');
    const cache = net.forwardWithCache(X);
    return { logits: cache.Z[cache.Z.length - 1], output: cache.A[cache.A.length - 1], backward: (Y) => net.backward(cache, Y) };
  }
  const cache = net.forwardWithCache(X, D);
  return { logits: cache.Z[cache.Z.length - 1], output: cache.A[cache.A.length - 1], backward: (Y) => net.backward(cache, Y) };
}

/** Copies the parameters of `from` (a network of the same layers, e.g. a clone) into `net`, in place. */
export function copyParameters(net: Network, from: Network): void {
  const into = net.parameters(), source = from.parameters();
  if (into.length !== source.length || into.some((P, i) => P.data.length !== source[i].data.length)) {
    throw new RangeError('copyParameters: the two networks have different layers');
  }
  into.forEach((P, i) => P.data.set(source[i].data));
}
